"""The one JSON body reader bounds size, depth, numbers and text, naming the field."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from courier.app.json_body import MAX_BYTES, MAX_DEPTH, MAX_INT, read_json_object
from courier.domain.errors import ValidationFailed


def problems(raw: str) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as failed:
        read_json_object(raw.encode())
    return failed.value.errors


def test_a_plain_body_is_read_unchanged() -> None:
    body = '{"leg_ids": [1, 2147483647], "applicant": {"name": "张三"}, "original": true}'
    assert read_json_object(body.encode()) == {
        "leg_ids": [1, MAX_INT],
        "applicant": {"name": "张三"},
        "original": True,
    }


def test_nesting_deeper_than_the_limit_names_the_top_field() -> None:
    allowed = '{"a": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"
    assert read_json_object(allowed.encode())
    deeper = '{"a": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}"
    assert set(problems(deeper)) == {"a"}
    assert set(problems("[" * 100_000 + "]" * 100_000)) == {"body"}


def test_numbers_beyond_a_32_bit_column_are_refused_where_they_are() -> None:
    errors = problems('{"leg_ids": [1, 2147483648], "x": {"y": -2147483648}}')
    assert set(errors) == {"leg_ids.1", "x.y"}


def test_nul_and_lone_surrogates_are_refused_in_values_and_keys() -> None:
    assert set(problems('{"name": "a\\u0000b", "list": ["\\ud800"]}')) == {"name", "list.0"}
    assert set(problems('{"a\\u0000": 1}')) == {"?"}


@pytest.mark.parametrize("raw", [b"{not json", b'{"a": NaN}', b'{"a": Infinity}', b'{"a": "\xff"}'])
def test_what_is_not_json_is_a_bad_request(raw: bytes) -> None:
    with pytest.raises(BadRequest):
        read_json_object(raw)


def test_a_body_over_the_size_limit_is_too_large() -> None:
    with pytest.raises(RequestEntityTooLarge):
        read_json_object(b" " * (MAX_BYTES + 1))
