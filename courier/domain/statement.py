"""The monthly postage statement (对账单) of one carrier account, checked against the call log.

Postage rule: a cancelled leg costs nothing. A leg can only be cancelled before it is handed
over to the carrier (see `TRANSITIONS` in courier/domain/leg.py), so the carrier never carried
it: its postage and insurance fee are 0. Every other leg booked in the month is charged its
tariff postage for its weight, plus the insurance fee when it is insured.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from courier.domain.errors import InvalidValue
from courier.domain.leg import LegKind, LegStatus
from courier.domain.local_time import CHINA_TIME
from courier.domain.tariff import ZERO, Tariff
from courier.domain.text import Text

CREATE_ORDER = "CreateOrder"
NO_CALL = Text("无成功的下单调用记录")
NO_TARIFF = Text("资费表中没有该产品")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month in China time."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        match = _MONTH.fullmatch(text or "")
        year, month = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        if not (2000 <= year <= 2999 and 1 <= month <= 12):
            raise InvalidValue(Text("月份应写作 YYYY-MM，例如 2026-11。"), "month")
        return cls(year, month)

    def start(self) -> datetime:
        return datetime(self.year, self.month, 1, tzinfo=CHINA_TIME)

    def end(self) -> datetime:
        """Return the first moment of the next month (exclusive)."""
        following = (self.year + self.month // 12, self.month % 12 + 1)
        return datetime(*following, 1, tzinfo=CHINA_TIME)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class BookedLeg:
    """A leg as the statement reads it: identifiers and what is charged, no personal data."""

    leg_id: int
    case_number: str
    order_no: str
    waybill_no: str
    kind: LegKind
    biz_product_no: str
    weight_grams: int
    insured_value: Decimal | None
    status: LegStatus
    booked_at: datetime


@dataclass(frozen=True)
class OrderCall:
    """One CreateOrder call of the carrier call log."""

    started_at: datetime
    outcome: str
    leg_id: int | None
    order_no: str
    waybill_no: str

    @property
    def succeeded(self) -> bool:
        return self.outcome == "ok"  # CallOutcome.OK of the call log

    def is_for(self, leg: BookedLeg) -> bool:
        if self.leg_id == leg.leg_id or self.order_no == leg.order_no:
            return True
        return bool(leg.waybill_no) and leg.waybill_no in self.waybill_no


@dataclass(frozen=True)
class StatementLine:
    leg: BookedLeg
    product_name: str
    postage: Decimal
    insurance_fee: Decimal
    flags: tuple[str, ...]

    @property
    def cancelled(self) -> bool:
        return self.leg.status is LegStatus.CANCELLED

    @property
    def total(self) -> Decimal:
        return self.postage + self.insurance_fee


@dataclass(frozen=True)
class Totals:
    count: int
    cancelled: int
    postage: Decimal
    insurance_fees: Decimal

    @property
    def grand_total(self) -> Decimal:
        return self.postage + self.insurance_fees


@dataclass(frozen=True)
class Statement:
    customer_no: str
    month: Month
    lines: tuple[StatementLine, ...]
    stray_calls: tuple[OrderCall, ...]  # CreateOrder calls that match no leg

    @property
    def totals(self) -> Totals:
        lines = self.lines
        return Totals(
            count=len(lines),
            cancelled=sum(1 for line in lines if line.cancelled),
            postage=sum((line.postage for line in lines), ZERO),
            insurance_fees=sum((line.insurance_fee for line in lines), ZERO),
        )

    @property
    def flagged(self) -> list[StatementLine]:
        return [line for line in self.lines if line.flags]


def statement_of(
    customer_no: str,
    month: Month,
    legs: Sequence[BookedLeg],
    calls: Sequence[OrderCall],
    stray_calls: Sequence[OrderCall],
    tariff: Tariff,
) -> Statement:
    """Price each leg booked in the month and flag those without a successful CreateOrder.

    `calls` are the CreateOrder calls about these legs; `stray_calls` those of the month that
    match no leg at all (the carrier may hold and bill an order Courier does not know).
    """
    lines = tuple(_line(leg, calls, tariff) for leg in sorted(legs, key=_booking_order))
    return Statement(customer_no, month, lines, tuple(stray_calls))


def _booking_order(leg: BookedLeg) -> tuple[datetime, int]:
    return leg.booked_at, leg.leg_id


def _line(leg: BookedLeg, calls: Sequence[OrderCall], tariff: Tariff) -> StatementLine:
    flags = [] if any(c.succeeded and c.is_for(leg) for c in calls) else [NO_CALL]
    rate = tariff.rate_for(leg.biz_product_no)
    if rate is None:
        flags.append(NO_TARIFF)
    if leg.status is LegStatus.CANCELLED or rate is None:
        postage = fee = ZERO
    else:
        postage, fee = rate.postage(leg.weight_grams), tariff.insurance.fee(leg.insured_value)
    name = rate.name if rate else leg.biz_product_no
    return StatementLine(leg, name, postage, fee, tuple(flags))


def names_account(request_text: str, customer_no: str) -> bool:
    """Tell whether a carrier request (SOAP XML or EMS JSON) was sent for this customer number."""
    pattern = rf"customerNo\W{{1,6}}{re.escape(customer_no)}(?!\w)"
    return bool(customer_no) and re.search(pattern, request_text) is not None
