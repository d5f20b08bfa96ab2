"""Service halls and departments: where parcels start and end."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import ClassVar

from courier.domain.errors import InvalidValue
from courier.domain.places import Address, Party
from courier.domain.text import Text


class PaymentMode(Enum):
    SENDER_PAYS = 1
    RECEIVER_PAYS = 2


class PickupMode(Enum):
    """How the carrier gets the parcel (EMS pickupType)."""

    COUNTER = 0  # staff drop it at the postal counter
    DOOR = 1  # the postman collects it at the sender's address in a time window


@dataclass(frozen=True)
class CarrierAccount:
    """The carrier account a hall or department mails under (monthly settlement)."""

    customer_no: str
    biz_product_no: str = "1"
    payment_mode: PaymentMode = PaymentMode.SENDER_PAYS
    # defaults of every leg booked under the account; staff may override them per leg
    receipt_flag: bool = False  # signed return receipt (回单)
    result_receiver_pays: bool = False  # the applicant pays for results mailed to them
    pickup_mode: PickupMode = PickupMode.COUNTER


@dataclass(eq=False)
class Organization:
    """A public office that sends and receives parcels under its own carrier account."""

    code: str
    name: str
    address: Address
    contact_name: str
    contact_phone: str
    carrier_account: CarrierAccount
    id: int | None = field(default=None)
    # a deactivated office keeps its cases but is offered for no new case or account
    active: bool = field(default=True)

    DEACTIVATED: ClassVar[str] = Text("该机构已停用。")

    def as_party(self) -> Party:
        return Party(self.contact_name, self.contact_phone, self.address, self.name)

    def check_active(self, field_name: str | None = None) -> None:
        """Refuse to take this office for something new once it is deactivated."""
        if not self.active:
            raise InvalidValue(self.DEACTIVATED, field_name)


@dataclass(eq=False)
class Hall(Organization):
    """A government service hall (政务服务大厅) with a postal counter."""

    DEACTIVATED: ClassVar[str] = Text("该大厅已停用。")


@dataclass(eq=False)
class Department(Organization):
    """A department that owns cases (业务属地部门) and receives originals."""

    DEACTIVATED: ClassVar[str] = Text("该部门已停用。")
