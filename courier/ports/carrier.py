"""The carrier port: what Courier asks of the postal carrier, in plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import IntEnum
from typing import Protocol

from tracking import TrackingEvent


class ContentsAttribute(IntEnum):
    DOCUMENTS = 1
    GOODS = 3


class PaymentMode(IntEnum):
    SENDER_PAYS = 1
    RECEIVER_PAYS = 2


class PickupType(IntEnum):
    DROP_AT_COUNTER = 0
    DOOR_COLLECTION = 1


class InsuranceFlag(IntEnum):
    BASIC = 1
    DECLARED_VALUE = 2


@dataclass(frozen=True)
class CarrierParty:
    """A sender or receiver as the carrier needs it: full name and phone, names of places.

    `mobile` holds a mainland mobile number and `phone` a landline; at least one is set.
    """

    name: str
    mobile: str
    prov: str
    city: str
    county: str
    address: str
    post_code: str = ""
    company: str = ""
    phone: str = ""


@dataclass(frozen=True)
class CargoLine:
    name: str
    quantity: int = 1


@dataclass(frozen=True)
class OrderRequest:
    """CreateOrder (EMS 020003)."""

    logistics_order_no: str
    sender: CarrierParty
    receiver: CarrierParty
    customer_no: str = ""
    biz_product_no: str = "1"
    contents_attribute: ContentsAttribute = ContentsAttribute.DOCUMENTS
    weight_grams: int = 200
    insurance_flag: InsuranceFlag = InsuranceFlag.BASIC
    insurance_amount: Decimal | None = None
    payment_mode: PaymentMode = PaymentMode.SENDER_PAYS
    pickup_type: PickupType = PickupType.DROP_AT_COUNTER
    pickup_start: datetime | None = None
    pickup_end: datetime | None = None
    receipt_flag: bool = False
    project_id: str = ""
    remark: str = ""
    cargo: tuple[CargoLine, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CarrierBooking:
    """What the carrier answers to CreateOrder / QueryOrder: the waybill and routing data."""

    logistics_order_no: str
    waybill_no: str
    route_code: str = ""
    package_code: str = ""
    package_code_name: str = ""
    mark_destination_code: str = ""
    mark_destination_name: str = ""
    cancelled: bool = False


# One model of a tracking event, the tracking package's: the port says it in its own words.
TraceEvent = TrackingEvent


@dataclass(frozen=True)
class ParsedAddress:
    prov: str
    city: str
    county: str
    address: str


class CarrierError(Exception):
    """Base of every error the carrier port raises."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class CarrierBusinessError(CarrierError):
    """The carrier refused the request (bad field, not found, range exhausted): do not retry."""


class CarrierRequestInvalid(CarrierBusinessError):
    """Our request does not fit the carrier's contract, so it was not sent: fix the data."""


class CarrierUnavailable(CarrierError):
    """The carrier could not be reached or had a system fault: retry later."""


class CarrierOutcomeUnknown(CarrierUnavailable):
    """The request may have reached the carrier but no answer came back (timeout, reset, 5xx)."""


class CarrierProtocolError(CarrierError):
    """The carrier answered something that is not a valid reply to the contract."""


class Carrier(Protocol):
    def create_order(self, order: OrderRequest) -> CarrierBooking: ...

    def cancel_order(self, logistics_order_no: str, waybill_no: str, reason: str) -> None: ...

    def query_order(self, logistics_order_no: str) -> list[CarrierBooking]:
        """Return every waybill the carrier holds for this order number (may be several)."""
        ...

    def query_trace(self, waybill_nos: list[str]) -> dict[str, list[TraceEvent]]: ...

    def parse_address(self, text: str) -> ParsedAddress: ...

    def check_reachability(self, sender: CarrierParty, receiver: CarrierParty) -> bool: ...
