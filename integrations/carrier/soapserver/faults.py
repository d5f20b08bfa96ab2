"""SOAP faults with an EMS-style detail: code, class (system = retry, business = don't)."""

from __future__ import annotations

from enum import StrEnum


class FaultClass(StrEnum):
    SYSTEM = "system"
    BUSINESS = "business"


class FaultCode(StrEnum):
    """The error codes of the contract (see carrier.xsd); S… are system, B… business."""

    MALFORMED = "B0001"
    INVALID = "B0002"
    AUTHENTICATION = "B0003"
    UNKNOWN_OPERATION = "B0004"
    DUPLICATE_ORDER = "B0101"
    NOT_FOUND = "B0102"
    NOT_CANCELLABLE = "B0103"
    RANGE_EXHAUSTED = "B0104"
    ADDRESS_UNKNOWN = "B0105"
    UNKNOWN_PRODUCT = "B0106"
    AMOUNT_REQUIRED = "B0107"
    SYSTEM_BUSY = "S0001"
    SYSTEM_TIMEOUT = "S0002"
    SYSTEM_ERROR = "S0003"


class SoapFault(Exception):
    """A fault to answer instead of a reply."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    @property
    def fault_class(self) -> FaultClass:
        return FaultClass.SYSTEM if self.code.startswith("S") else FaultClass.BUSINESS

    @property
    def faultcode(self) -> str:
        """Return the SOAP 1.1 faultcode local name: the sender's fault or ours."""
        return "Server" if self.fault_class is FaultClass.SYSTEM else "Client"
