"""The statement use case over a hand-written read side: month bounds, account, stray calls."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from courier.domain.errors import InvalidValue, NotFound
from courier.domain.leg import LegKind, LegStatus
from courier.domain.statement import BookedLeg, OrderCall
from courier.domain.tariff import read_tariff
from courier.ports.statements import CarrierAccountChoice, StatementPdfData, StrayCall
from courier.services.statement import (
    monthly_statement,
    statement_csv,
    statement_pdf,
)

AT = datetime(2026, 10, 15, 2, 0, tzinfo=UTC)
LEG = BookedLeg(1, "BJ2026101500001", "CR20261015000000000001", "1900000000001",
                LegKind.ORIGINALS, "1", 800, Decimal("200"), LegStatus.BOOKED, AT)  # fmt: skip


@dataclass
class FakeReads:
    legs: list[BookedLeg] = field(default_factory=lambda: [LEG])
    strays: list[StrayCall] = field(default_factory=list)
    asked: list[tuple[str, datetime, datetime]] = field(default_factory=list)

    def carrier_accounts(self) -> list[CarrierAccountChoice]:
        return [CarrierAccountChoice("1100088801", "东城区政务服务中心")]

    def legs_booked(self, customer_no: str, start: datetime, end: datetime) -> list[BookedLeg]:
        self.asked.append((customer_no, start, end))
        return [leg for leg in self.legs if customer_no == "1100088801"]

    def order_calls_for(self, legs: Sequence[BookedLeg]) -> list[OrderCall]:
        return [OrderCall(AT, "ok", leg.leg_id, leg.order_no, leg.waybill_no) for leg in legs]

    def stray_order_calls(self, start: datetime, end: datetime) -> list[StrayCall]:
        return self.strays


@dataclass
class FakeRenderer:
    printed: list[StatementPdfData] = field(default_factory=list)

    def render_statement(self, statement: StatementPdfData) -> bytes:
        self.printed.append(statement)
        return b"%PDF-fake"


def stray(order_no: str, customer_no: str) -> StrayCall:
    call = OrderCall(AT, "business_error", None, order_no, "")
    return StrayCall(call, f"<customerNo>{customer_no}</customerNo>")


def test_the_month_is_asked_for_in_china_time() -> None:
    reads = FakeReads()
    monthly_statement(reads, read_tariff(), "1100088801", "2026-10")
    start, end = datetime(2026, 9, 30, 16, tzinfo=UTC), datetime(2026, 10, 31, 16, tzinfo=UTC)
    assert reads.asked == [("1100088801", start, end)]


def test_only_stray_calls_sent_for_this_account_are_listed() -> None:
    reads = FakeReads(strays=[stray("CR-MINE", "1100088801"), stray("CR-THEIRS", "3301088802")])
    statement = monthly_statement(reads, read_tariff(), "1100088801", "2026-10")
    assert [call.order_no for call in statement.stray_calls] == ["CR-MINE"]


def test_an_account_nobody_mails_under_is_not_found_and_a_bad_month_is_invalid() -> None:
    with pytest.raises(NotFound):
        monthly_statement(FakeReads(), read_tariff(), "0000000000", "2026-10")
    with pytest.raises(InvalidValue):
        monthly_statement(FakeReads(), read_tariff(), "1100088801", "2026-1")


def test_the_csv_has_a_bom_a_line_per_leg_the_totals_and_the_stray_calls() -> None:
    reads = FakeReads(strays=[stray("CR-MINE", "1100088801")])
    statement = monthly_statement(reads, read_tariff(), "1100088801", "2026-10")
    data = statement_csv(statement)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[2][:3] == [LEG.case_number, LEG.order_no, LEG.waybill_no]
    assert rows[2][8:11] == ["26.00", "1.00", "27.00"]  # 800 g: 20 + 6; insured 200: minimum
    assert ["合计", "1", "0", "26.00", "1.00", "27.00"] in rows
    assert rows[-1][1:] == ["2026-10-15 10:00", "CR-MINE", "", "邮政拒绝"]


def test_the_pdf_is_given_the_same_lines_totals_and_findings() -> None:
    renderer = FakeRenderer()
    reads = FakeReads(strays=[stray("CR-MINE", "1100088801")])
    statement = monthly_statement(reads, read_tariff(), "1100088801", "2026-10")
    assert statement_pdf(statement, renderer) == b"%PDF-fake"
    (printed,) = renderer.printed
    assert len(printed.rows) == 1 and len(printed.rows[0]) == len(printed.columns)
    assert "总计(元)：27.00" in printed.totals
    assert any("CR-MINE" in finding for finding in printed.findings)
