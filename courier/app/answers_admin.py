"""What the administrators' integration endpoints answer: API tokens (the secret once)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from courier.app.answers import Answer
from courier.domain.leg import LegKind
from courier.domain.text import Text


class ApiTokenAnswer(Answer):
    id: int
    name: str
    halls: list[str] = Field(
        description="Codes of the halls whose cases the token may open and read."
    )
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class IssuedApiTokenAnswer(ApiTokenAnswer):
    token: str = Field(description="`ctk_…`: shown this once; only its digest is stored.")


class ApiTokenList(Answer):
    api_tokens: list[ApiTokenAnswer]


MONEY = Field(pattern=r"^\d+\.\d{2}$", description=Text("元，保留两位小数（四舍五入到分）。"))


class StatementLineAnswer(Answer):
    case_number: str
    order_no: str
    waybill_no: str
    kind: LegKind
    biz_product_no: str
    product: str
    weight_grams: int
    insured_value: str | None = Field(description=Text("元；未保价为 null。"))
    cancelled: bool = Field(description=Text("已取消（交邮前取消，邮费与保价费为 0）。"))
    postage: str = MONEY
    insurance_fee: str = MONEY
    total: str = MONEY
    flags: list[str] = Field(description=Text("核对发现，如没有成功的下单调用记录。"))


class StatementTotalsAnswer(Answer):
    count: int
    cancelled: int
    postage: str = MONEY
    insurance_fees: str = MONEY
    grand_total: str = MONEY


class StrayCallAnswer(Answer):
    started_at: datetime
    order_no: str
    waybill_no: str
    outcome: str


class StatementAnswer(Answer):
    customer_no: str
    month: str = Field(description=Text("YYYY-MM，按北京时间计的账期。"))
    lines: list[StatementLineAnswer]
    totals: StatementTotalsAnswer
    stray_calls: list[StrayCallAnswer] = Field(
        description=Text("账期内与任何运单都对不上的下单（CreateOrder）调用。")
    )


class AccessLogRow(Answer):
    id: int
    at: datetime
    action: str
    action_name: str
    account_id: int | None
    username: str = Field(description="A copy of the account's username (empty for the public).")
    case_number: str
    target: str = Field(description="What was acted on, e.g. `leg:12`, `account:3`.")
    client: str = Field(description="The client's address (IP).")
    channel: str = Field(description="How the caller signed in: session, basic, bearer, job.")
    detail: str


class AccessLogPage(Answer):
    entries: list[AccessLogRow]
    total: int
    page: int
    pages: int


class AccountAnswer(Answer):
    id: int
    username: str
    display_name: str
    role: str = Field(description="hall_staff, department_staff, admin or integration.")
    hall_code: str | None
    department_code: str | None
    active: bool
    last_sign_in_at: datetime | None = Field(description="Start of the newest staff session.")


class AccountList(Answer):
    accounts: list[AccountAnswer]
