"""The form-encoded request envelope and the JSON reply envelope."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from integrations.carrier.ems_open.envelope import (
    Credentials,
    compact,
    read_reply,
    request_form,
)
from integrations.carrier.ems_open.sm4 import decrypt
from tests.unit.ems_open.samples import VECTOR_SIGN_KEY, fixture, golden_request

CREDENTIALS = Credentials("1100012345678", "auth-code-0123456789", VECTOR_SIGN_KEY)
NOON_UTC = datetime(2026, 11, 26, 4, 0, 5, tzinfo=UTC)


def test_the_request_form_carries_every_field_the_platform_requires() -> None:
    form = request_form("020003", golden_request("020003"), CREDENTIALS, NOON_UTC)
    assert form.keys() == {
        "apiCode", "senderNo", "authorization", "msgType", "timeStamp", "logitcsInterface",
    }  # fmt: skip
    assert (form["apiCode"], form["senderNo"], form["msgType"]) == ("020003", "1100012345678", "0")


def test_the_time_stamp_is_china_time_in_the_platform_format() -> None:
    assert request_form("040001", "[]", CREDENTIALS, NOON_UTC)["timeStamp"] == "2026-11-26 12:00:05"


def test_the_body_travels_encrypted_under_the_sign_key() -> None:
    form = request_form("020003", golden_request("020003"), CREDENTIALS, NOON_UTC)
    assert "张小明" not in form["logitcsInterface"]
    assert decrypt(form["logitcsInterface"], VECTOR_SIGN_KEY) == golden_request("020003")


def test_optional_fields_are_sent_only_when_set() -> None:
    with_user = Credentials("1100012345678", "auth", VECTOR_SIGN_KEY, user_code="U1", version="V1")
    form = request_form("040001", "[]", with_user, NOON_UTC)
    assert (form["userCode"], form["version"]) == ("U1", "V1")


def test_credentials_are_not_shown_by_repr() -> None:
    assert "auth-code" not in repr(CREDENTIALS) and VECTOR_SIGN_KEY not in repr(CREDENTIALS)


def test_json_is_compact_with_chinese_kept_as_is() -> None:
    assert compact([{"name": "张三", "n": 1}]) == '[{"name":"张三","n":1}]'


def test_a_successful_reply_gives_its_body_as_json() -> None:
    reply = read_reply(fixture("020003.reply.json"))
    assert reply.ok and reply.success and reply.serial_no == "SN-020003"
    assert reply.body["waybillNo"] == "1151238971060"


def test_a_refusing_reply_gives_its_code_and_message() -> None:
    reply = read_reply(fixture("business_error.json"))
    assert (reply.ok, reply.ret_code, reply.ret_msg, reply.body) == (
        False, "B0104", "waybill number range exhausted", None,
    )  # fmt: skip


@pytest.mark.parametrize(
    "raw",
    [b"<html>busy</html>", b"[]", b'{"retMsg":"x"}', b'{"retCode":"00000","retBody":"{bad"}'],
    ids=["not json", "not an object", "no retCode", "retBody not json"],
)
def test_anything_else_is_not_a_reply(raw: bytes) -> None:
    with pytest.raises(ValueError):
        read_reply(raw)
