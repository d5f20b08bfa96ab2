"""The monthly statement: lines priced by the tariff, cancelled legs free, the call log checked."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from courier.domain.errors import InvalidValue
from courier.domain.leg import LegKind, LegStatus
from courier.domain.statement import (
    NO_CALL,
    NO_TARIFF,
    BookedLeg,
    Month,
    OrderCall,
    names_account,
    statement_of,
)
from courier.domain.tariff import read_tariff

AT = datetime(2026, 11, 10, 3, 0, tzinfo=UTC)
TARIFF = read_tariff()  # product 1: 20.00 for 500 g, 6.00 per further 500 g; 0.5 %, min 1.00
NOVEMBER = Month(2026, 11)


def leg(leg_id: int, grams: int = 200, insured: str | None = None, **changes: object) -> BookedLeg:
    values: dict[str, object] = {
        "leg_id": leg_id, "case_number": f"BJ20261110{leg_id:05d}",
        "order_no": f"CR{leg_id:018d}", "waybill_no": f"11{leg_id:011d}",
        "kind": LegKind.ORIGINALS, "biz_product_no": "1", "weight_grams": grams,
        "insured_value": Decimal(insured) if insured else None,
        "status": LegStatus.BOOKED, "booked_at": AT,
    }  # fmt: skip
    return BookedLeg(**{**values, **changes})  # type: ignore[arg-type]


def ok_call(booked: BookedLeg, outcome: str = "ok") -> OrderCall:
    return OrderCall(AT, outcome, booked.leg_id, booked.order_no, booked.waybill_no)


def test_a_month_runs_from_midnight_china_time_to_the_next_month() -> None:
    assert Month.parse("2026-12").start() == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    assert Month.parse("2026-12").end() == datetime(2026, 12, 31, 16, 0, tzinfo=UTC)
    assert str(Month.parse("2026-01")) == "2026-01"


@pytest.mark.parametrize(
    "text",
    ["2026-13", "2026-00", "26-11", "2026/11", "", "2026-1", "9999-12", "1999-12", "２０２６-11"],
)
def test_a_month_not_written_yyyy_mm_is_refused(text: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        Month.parse(text)
    assert raised.value.field == "month"


def test_each_line_is_charged_postage_by_weight_and_insurance_on_the_insured_value() -> None:
    legs = [leg(1, 500), leg(2, 1200, insured="1000")]
    statement = statement_of("9001", NOVEMBER, legs, [ok_call(x) for x in legs], [], TARIFF)
    first, second = statement.lines
    assert (first.postage, first.insurance_fee, first.total) == (Decimal("20.00"), 0, 20)
    assert (second.postage, second.insurance_fee) == (Decimal("32.00"), Decimal("5.00"))
    assert second.total == Decimal("37.00")
    assert first.flags == second.flags == ()


def test_a_cancelled_leg_is_listed_but_costs_nothing() -> None:
    cancelled = leg(1, 3000, insured="500", status=LegStatus.CANCELLED)
    statement = statement_of("9001", NOVEMBER, [cancelled], [ok_call(cancelled)], [], TARIFF)
    (line,) = statement.lines
    assert line.cancelled and line.postage == line.insurance_fee == line.total == 0
    assert statement.totals.count == statement.totals.cancelled == 1


def test_totals_add_up_the_lines() -> None:
    legs = [leg(1, 501), leg(2, 200, insured="301"), leg(3, 900, status=LegStatus.CANCELLED)]
    totals = statement_of("9001", NOVEMBER, legs, [ok_call(x) for x in legs], [], TARIFF).totals
    assert (totals.count, totals.cancelled) == (3, 1)
    assert totals.postage == Decimal("46.00")  # 26.00 + 20.00
    assert totals.insurance_fees == Decimal("1.51")
    assert totals.grand_total == Decimal("47.51")


def test_a_leg_without_a_successful_create_order_call_is_flagged() -> None:
    legs = [leg(1), leg(2), leg(3)]
    calls = [ok_call(legs[0]), ok_call(legs[1], outcome="outcome_unknown")]
    lines = statement_of("9001", NOVEMBER, legs, calls, [], TARIFF).lines
    assert [line.flags for line in lines] == [(), (NO_CALL,), (NO_CALL,)]


def test_a_call_matches_its_leg_by_leg_id_order_number_or_waybill() -> None:
    booked = leg(7)
    assert OrderCall(AT, "ok", 7, "", "").is_for(booked)
    assert OrderCall(AT, "ok", None, booked.order_no, "").is_for(booked)
    assert OrderCall(AT, "ok", None, "CR-OTHER", booked.waybill_no).is_for(booked)
    assert not OrderCall(AT, "ok", 8, "CR-OTHER", "1100000000099").is_for(booked)


def test_a_product_missing_from_the_tariff_is_flagged_and_not_priced() -> None:
    odd = leg(1, biz_product_no="99")
    (line,) = statement_of("9001", NOVEMBER, [odd], [ok_call(odd)], [], TARIFF).lines
    assert line.flags == (NO_TARIFF,) and line.total == 0


def test_lines_are_in_booking_order_and_stray_calls_are_kept() -> None:
    late, early = leg(1, booked_at=AT.replace(day=20)), leg(2)
    stray = OrderCall(AT, "ok", None, "CR-NOBODY", "1199999999999")
    statement = statement_of("9001", NOVEMBER, [late, early], [], [stray], TARIFF)
    assert [line.leg.leg_id for line in statement.lines] == [2, 1]
    assert statement.stray_calls == (stray,)


def test_a_request_names_its_account_in_soap_or_json_and_only_that_number() -> None:
    assert names_account("<tns:customerNo>1100088801</tns:customerNo>", "1100088801")
    assert names_account('{"customerNo": "1100088801"}', "1100088801")
    assert not names_account('{"customerNo": "11000888019"}', "1100088801")
    assert not names_account("<tns:customerNo>3301088802</tns:customerNo>", "1100088801")
    assert not names_account("", "")
