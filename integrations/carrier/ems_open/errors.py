"""Every way a platform call can fail, mapped once onto the errors of the carrier port.

Transport failures and bare HTTP errors mean what they mean over SOAP, so they are mapped by
the SOAP client's table; a retCode's class (its first letter) decides whether to retry.
"""

from __future__ import annotations

from courier.ports.carrier import (
    CarrierBusinessError,
    CarrierError,
    CarrierProtocolError,
    CarrierUnavailable,
)
from integrations.carrier.soap.errors import (
    STAFF_MESSAGE_BY_FAULT_CODE,
    UNKNOWN_FAULT_MESSAGE,
    error_from_http_status,
    error_from_transport,
    protocol_error,
    response_too_large,
)

__all__ = [
    "ERROR_BY_RET_CODE_CLASS",
    "error_from_http_status",
    "error_from_ret_code",
    "error_from_transport",
    "protocol_error",
    "response_too_large",
]

# S… system error (bad message, signature, timeout, fault): retry later. B… business: don't.
ERROR_BY_RET_CODE_CLASS: dict[str, type[CarrierError]] = {
    "S": CarrierUnavailable,
    "B": CarrierBusinessError,
}


def error_from_ret_code(ret_code: str, ret_msg: str) -> CarrierError:
    """Turn a refusing retCode into the port's error, with a message staff can read."""
    error_class = ERROR_BY_RET_CODE_CLASS.get(ret_code[:1])
    if error_class is None:
        return CarrierProtocolError(f"未知的返回码类别 {ret_code!r}", code=ret_code)
    words = STAFF_MESSAGE_BY_FAULT_CODE.get(ret_code, UNKNOWN_FAULT_MESSAGE)
    return error_class(f"{words}（{ret_code}：{ret_msg}）", code=ret_code)
