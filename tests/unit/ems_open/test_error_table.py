"""retCode classes onto the carrier port's errors: system errors retry, business ones don't."""

from __future__ import annotations

import pytest

from courier.ports.carrier import (
    CarrierBusinessError,
    CarrierError,
    CarrierProtocolError,
    CarrierUnavailable,
)
from integrations.carrier.ems_open.errors import error_from_ret_code


@pytest.mark.parametrize(
    ("ret_code", "kind"),
    [
        ("S0001", CarrierUnavailable),
        ("S9999", CarrierUnavailable),
        ("B0104", CarrierBusinessError),
        ("B0002", CarrierBusinessError),
        ("X0001", CarrierProtocolError),
        ("", CarrierProtocolError),
    ],
)
def test_the_first_letter_of_the_ret_code_decides_the_error(
    ret_code: str, kind: type[CarrierError]
) -> None:
    error = error_from_ret_code(ret_code, "detail")
    assert type(error) is kind and error.code == ret_code


def test_a_known_code_is_said_in_staff_words_with_the_platform_detail() -> None:
    error = error_from_ret_code("B0104", "range exhausted")
    assert error.message == "邮政运单号段已用完，请联系邮政客户经理（B0104：range exhausted）"


def test_an_unknown_code_still_says_the_carrier_refused() -> None:
    assert error_from_ret_code("B7777", "x").message.startswith("邮政接口返回错误")
