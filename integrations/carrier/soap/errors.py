"""Every way a carrier call can fail, mapped once to the errors of the carrier port."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import requests
from urllib3.exceptions import NewConnectionError

from courier.ports.carrier import (
    CarrierBusinessError,
    CarrierError,
    CarrierOutcomeUnknown,
    CarrierProtocolError,
    CarrierRequestInvalid,
    CarrierUnavailable,
)
from integrations.carrier.soap.words import loggable, staff_message
from integrations.carrier.soapserver import SchemaProblem

log = logging.getLogger(__name__)

# The fault's `class` decides whether to retry; the code only chooses the words for staff.
ERROR_BY_FAULT_CLASS: dict[str, type[CarrierError]] = {
    "business": CarrierBusinessError,
    "system": CarrierUnavailable,
}

STAFF_MESSAGE_BY_FAULT_CODE: dict[str, str] = {
    "B0001": "发送给邮政的报文格式有误，请联系系统管理员",
    "B0002": "寄递信息不完整或格式不正确，请检查寄件人、收件人信息",
    "B0003": "邮政接口账号认证失败，请联系管理员检查承运商凭据",
    "B0004": "邮政接口不支持该操作，请联系系统管理员",
    "B0101": "该订单号已向邮政下过单（重复下单）",
    "B0102": "邮政查无此订单或运单",
    "B0103": "邮件已被邮政收寄，不能再取消",
    "B0104": "邮政运单号段已用完，请联系邮政客户经理",
    "B0105": "邮政无法识别该地址，请核对省市区和详细地址",
    "B0106": "邮政不支持所选的寄递产品",
    "B0107": "保价寄递须填写保价金额",
    "S0001": "邮政系统繁忙，请稍后再试",
    "S0002": "邮政系统处理超时，请稍后再试",
    "S0003": "邮政系统内部错误，请稍后再试",
}
UNKNOWN_FAULT_MESSAGE = "邮政接口返回错误"


@dataclass(frozen=True)
class CarrierFault:
    """The detail of a SOAP fault from the carrier."""

    code: str
    fault_class: str
    message: str


def error_from_fault(fault: CarrierFault) -> CarrierError:
    """Turn a carrier fault into the port's error, with a message staff can read."""
    error_class = ERROR_BY_FAULT_CLASS.get(fault.fault_class)
    if error_class is None:
        return CarrierProtocolError(f"未知的故障类别 {fault.fault_class!r}", code=fault.code)
    words = STAFF_MESSAGE_BY_FAULT_CODE.get(fault.code, UNKNOWN_FAULT_MESSAGE)
    return error_class(f"{words}（{fault.code}：{fault.message}）", code=fault.code)


def error_from_http_status(status: int) -> CarrierError:
    """Map an HTTP error status that came without a valid SOAP fault."""
    if status >= 500:
        return CarrierOutcomeUnknown(
            f"邮政接口返回 HTTP {status}，结果未知，需查询订单确认", code=f"HTTP_{status}"
        )
    return CarrierUnavailable(f"邮政接口返回 HTTP {status}", code=f"HTTP_{status}")


def error_from_transport(exc: requests.RequestException, *, sent: bool) -> CarrierError:
    """Map a transport failure; `sent` says whether the response was already being read."""
    if not sent and _never_reached_carrier(exc):
        return CarrierUnavailable(f"无法连接邮政接口：{type(exc).__name__}", code="UNREACHABLE")
    if isinstance(exc, requests.Timeout):
        return CarrierOutcomeUnknown("邮政接口响应超时，结果未知", code="READ_TIMEOUT")
    return CarrierOutcomeUnknown(
        f"与邮政接口的连接中断，结果未知：{type(exc).__name__}", code="CONNECTION_LOST"
    )


def response_too_large(limit: int) -> CarrierProtocolError:
    return CarrierProtocolError(f"邮政接口的应答超过 {limit} 字节，已拒收", code="TOO_LARGE")


def request_invalid(problem: SchemaProblem) -> CarrierRequestInvalid:
    """Refuse to send a request the contract rejects; nothing reached the carrier.

    Staff read which field to correct; the log keeps libxml2's detail without the value.
    """
    log.warning("request refused before sending: %s", loggable(problem))
    message = f"{staff_message(problem)}，未发送给邮政"
    return CarrierRequestInvalid(message, code="BAD_REQUEST")


def protocol_error(reason: str) -> CarrierProtocolError:
    return CarrierProtocolError(f"邮政接口的应答不符合接口规范：{reason}", code="BAD_REPLY")


def _never_reached_carrier(exc: requests.RequestException) -> bool:
    """Tell refused connections, DNS failures and TLS handshakes from losses mid-call."""
    if isinstance(exc, requests.ConnectTimeout | requests.exceptions.SSLError):
        return True
    if not isinstance(exc, requests.ConnectionError):
        return False
    cause = exc.args[0] if exc.args else None
    return isinstance(getattr(cause, "reason", cause), NewConnectionError)
