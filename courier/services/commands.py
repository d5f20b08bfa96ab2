"""Typed commands built at the edge: their shape and types here, business rules in the domain."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic import ValidationError as PydanticError
from pydantic_core import PydanticCustomError

from courier.domain import text
from courier.domain.accounts import Role
from courier.domain.booking_options import OptionChoices
from courier.domain.case import Applicant, CaseStatus, ResultDelivery
from courier.domain.errors import InvalidValue, ValidationFailed
from courier.domain.leg import LegKind
from courier.domain.local_time import CHINA_TIME
from courier.domain.materials import MAX_MATERIALS, Material
from courier.domain.organizations import PaymentMode, PickupMode
from courier.domain.places import Address
from courier.services.command_errors import chinese_message

C = TypeVar("C", bound="Command")
T = TypeVar("T")


def _clean(value: str) -> str:
    """Strip, refusing NUL, lone surrogates and control characters (they break storage and logs)."""
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value):
        raise PydanticCustomError("courier_control_character", "不能包含控制字符或无效字符。")
    return value.strip()


Text = Annotated[str, AfterValidator(_clean)]


def _form_number(value: Any) -> Any:
    """Read a form's "1" as 1, so that choices posted by pages and JSON match alike."""
    return int(value) if isinstance(value, str) and value.strip().isdigit() else value


def _china_time(value: datetime) -> datetime:
    """Read a moment without a zone (a page's datetime-local field) as China time."""
    return value.replace(tzinfo=CHINA_TIME) if value.tzinfo is None else value


ChoiceNumber = Annotated[Literal[0, 1], BeforeValidator(_form_number)]
PaymentNumber = Annotated[Literal[1, 2], BeforeValidator(_form_number)]
Moment = Annotated[datetime, AfterValidator(_china_time)]
ShortText = Annotated[Text, Field(max_length=200)]


class Command(BaseModel):
    """A request to a use case, already in the right shape (unknown keys are ignored)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    @classmethod
    def parse(cls: type[C], data: Mapping[str, Any]) -> C:
        """Build the command from untrusted data, naming every bad field in Chinese."""
        try:
            return cls.model_validate(data)
        except PydanticError as error:
            raise ValidationFailed(_fields(error)) from None


def _fields(error: PydanticError) -> dict[str, str]:
    fields: dict[str, str] = {}
    for item in error.errors():
        fields.setdefault(".".join(str(part) for part in item["loc"]), chinese_message(item))
    return fields


class Fields:
    """Collect the domain's errors under field paths while building values, then fail once."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def build(self, path: str, make: Callable[[], T]) -> T | None:
        """Return make(), or None after noting its errors under `path`."""
        try:
            return make()
        except ValidationFailed as failed:
            self.errors.update({_join(path, k): v for k, v in failed.errors.items()})
        except InvalidValue as error:
            self.errors[_join(path, error.field)] = error.message
        return None

    def check(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)


def _join(path: str, field: str | None) -> str:
    """Put a domain error's own field under `path` (unless it already names that field)."""
    if not field or path == field or path.endswith(f".{field}"):
        return path or field or ""
    return f"{path}.{field}" if path else field


class AddressFields(Command):
    province: ShortText = ""
    city: ShortText = ""
    county: ShortText = ""
    county_code: ShortText = ""
    street: ShortText = ""
    postcode: ShortText = ""

    def is_blank(self) -> bool:
        return not any(self.model_dump().values())

    def to_address(self) -> Address:
        return Address.create(**self.model_dump())


class ApplicantFields(Command):
    name: ShortText = ""
    mobile: ShortText = ""
    id_number: ShortText = ""
    address: AddressFields | None = None


class MaterialFields(Command):
    name: ShortText = ""
    original: bool = True
    pages: int = 1
    copies: int = 1

    def to_material(self) -> Material:
        return Material.create(self.name, self.original, self.pages, self.copies)


class OpenCase(Command):
    case_number: ShortText = ""
    matter_name: ShortText = ""
    hall_code: ShortText = ""
    department_code: ShortText = ""
    result_delivery: ResultDelivery
    applicant: ApplicantFields = ApplicantFields()
    materials: list[MaterialFields] = Field(default_factory=list, max_length=MAX_MATERIALS)
    # text messages about the case's shipments; on unless the applicant declines
    notify_applicant: bool = True

    def to_applicant(self, fields: Fields) -> Applicant | None:
        """Build the applicant, with an address when one was given or mailing needs one."""
        given = self.applicant.address or AddressFields()
        needed = self.result_delivery is ResultDelivery.MAIL or not given.is_blank()
        address = fields.build("applicant.address", given.to_address) if needed else None
        a = self.applicant
        return fields.build("", lambda: Applicant.create(a.name, a.mobile, a.id_number, address))

    def to_materials(self, fields: Fields) -> list[Material | None]:
        return [fields.build(f"materials.{i}", m.to_material) for i, m in enumerate(self.materials)]


class AddMaterial(MaterialFields):
    pass


class PlanLeg(Command):
    kind: LegKind
    weight_grams: int = Field(default=200, ge=1, le=50_000)
    insured_value: Decimal | None = Field(default=None, ge=0, le=1_000_000, decimal_places=2)
    to: Literal["hall", "department"] = "hall"
    # Absent: the sending account's defaults (a supplement is collected at the applicant's door).
    pickup_type: ChoiceNumber | None = Field(
        default=None, description="0 drop at the counter, 1 door collection in the window."
    )
    pickup_start: Moment | None = Field(default=None, description="Without a zone: China time.")
    pickup_end: Moment | None = None
    receipt_flag: bool | None = Field(
        default=None, description=text.Text("Signed return receipt (回单).")
    )
    payment_mode: PaymentNumber | None = Field(
        default=None, description="1 sender pays; 2 receiver pays (results to the applicant)."
    )
    accept_unreachable: bool = Field(
        default=False,
        description="Book even though the carrier says it cannot deliver to the applicant.",
    )

    def choices(self) -> OptionChoices:
        """Return the booking options staff chose, None where the account decides."""
        return OptionChoices(
            pickup_mode=None if self.pickup_type is None else PickupMode(self.pickup_type),
            pickup_start=self.pickup_start,
            pickup_end=self.pickup_end,
            receipt_flag=self.receipt_flag,
            payment_mode=None if self.payment_mode is None else PaymentMode(self.payment_mode),
        )


class AdvanceCase(Command):
    status: CaseStatus


class CancelLeg(Command):
    reason: Annotated[Text, Field(max_length=100)] = ""


class CarrierAccountFields(Command):
    customer_no: ShortText = ""
    biz_product_no: Literal["1", "2", "11"] = "1"
    payment_mode: Literal[1, 2] = 1
    receipt_flag: bool = Field(default=False, description="Ask for signed return receipts.")
    result_receiver_pays: bool = Field(
        default=False, description="Results mailed to applicants are paid by them."
    )
    pickup_type: Literal[0, 1] = Field(
        default=0, description="Default pickup: 0 counter drop-off, 1 door collection."
    )


class RegisterOrganization(Command):
    code: ShortText = ""
    name: ShortText = ""
    address: AddressFields = AddressFields()
    contact_name: ShortText = ""
    contact_phone: ShortText = ""
    carrier_account: CarrierAccountFields = CarrierAccountFields()


class EditOrganization(Command):
    """What changes about a hall or department; a field left out stays as it is."""

    name: ShortText | None = None
    address: AddressFields | None = None
    contact_name: ShortText | None = None
    contact_phone: ShortText | None = None
    carrier_account: CarrierAccountFields | None = None


# The password rule of every account: one place, for opening an account and for a reset.
Password = Annotated[str, Field(min_length=8, max_length=200)]
StaffRole = Literal["hall_staff", "department_staff", "admin"]
DisplayName = Annotated[Text, Field(max_length=40)]


class CreateAccount(Command):
    username: ShortText = ""
    password: Password
    display_name: DisplayName = ""
    # integration accounts are not made here: each comes with its API token
    role: StaffRole
    hall_code: ShortText = ""
    department_code: ShortText = ""

    @property
    def account_role(self) -> Role:
        return Role(self.role)


class EditAccount(Command):
    """What changes about a staff account; a field left out stays as it is."""

    display_name: Annotated[DisplayName, Field(min_length=1)] | None = None
    role: StaffRole | None = None
    hall_code: ShortText | None = None
    department_code: ShortText | None = None


class ResetPassword(Command):
    password: Password
