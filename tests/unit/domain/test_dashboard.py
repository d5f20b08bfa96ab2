"""The dashboard's series, counted from plain rows of legs and receipts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from courier.domain import dashboard as d
from courier.domain.dashboard_tables import on_time_table, parcels_table
from courier.domain.errors import ValidationFailed
from courier.domain.exceptions_queue import NEEDS_ATTENTION
from courier.domain.leg import LegKind, LegStatus
from courier.domain.places import Address
from courier.domain.receipt import MaterialState, Office

BEIJING = Address("北京市", "北京市", "东城区", "110101", "东直门南大街3号", "100007")
HANGZHOU = Address("浙江省", "杭州市", "上城区", "330102", "解放东路18号", "310016")
# 2026-11-02 is a Monday; 20:00 UTC is already 04:00 the next day in Beijing.
MONDAY = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


def row(
    kind: LegKind = LegKind.ORIGINALS,
    status: LegStatus = LegStatus.IN_TRANSIT,
    sent: datetime = MONDAY,
    delivered_after: timedelta | None = None,
    **extra: object,
) -> d.LegRow:
    tracked = sent + delivered_after if delivered_after is not None else None
    if delivered_after is not None and status is LegStatus.IN_TRANSIT:
        status = LegStatus.DELIVERED
    return d.LegRow(
        kind,
        status,
        sent,
        sent,
        tracked,
        "1",
        BEIJING,
        HANGZHOU,
        **extra,  # type: ignore[arg-type]
    )


def test_the_period_defaults_to_the_thirty_days_up_to_today() -> None:
    period = d.Period.read("", "", date(2026, 11, 26))
    assert (period.first, period.last) == (date(2026, 10, 28), date(2026, 11, 26))
    assert len(period.days()) == 30


def test_the_period_bounds_are_beijing_midnights() -> None:
    start, end = d.Period(date(2026, 11, 2), date(2026, 11, 2)).bounds()
    assert start == datetime(2026, 11, 1, 16, 0, tzinfo=UTC)
    assert end - start == timedelta(days=1)


@pytest.mark.parametrize(
    ("first", "last", "field", "words"),
    [
        ("2026-13-01", "", "from", "日期格式"),
        ("", "昨天", "to", "日期格式"),
        ("2026-11-20", "2026-11-01", "from", "不能晚于"),
        ("2024-01-01", "2026-11-01", "from", "最长"),
    ],
)
def test_a_bad_period_is_refused_in_chinese_on_its_field(
    first: str, last: str, field: str, words: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        d.Period.read(first, last, date(2026, 11, 26))
    assert words in refused.value.errors[field]


def test_an_office_is_read_only_from_the_known_ones() -> None:
    known = [Office("hall", 1), Office("department", 2)]
    assert d.read_office("department:2", known) == Office("department", 2)
    assert d.read_office("", known) is None
    for bad in ("department:9", "hall", "bank:1", "hall:x"):
        with pytest.raises(ValidationFailed):
            d.read_office(bad, known)


def test_parcels_are_counted_per_beijing_day_and_direction_with_empty_days_as_zero() -> None:
    late_evening = datetime(2026, 11, 2, 20, 0, tzinfo=UTC)  # 11-03 04:00 in Beijing
    rows = [
        row(LegKind.ORIGINALS),
        row(LegKind.SUPPLEMENT),
        row(LegKind.RESULT),
        row(LegKind.ORIGINALS_RETURN, sent=late_evening),
    ]
    period = d.Period(date(2026, 11, 2), date(2026, 11, 4))
    days = d.parcels_per_day(rows, period)
    assert [(x.day.day, x.out, x.back) for x in days] == [(2, 2, 1), (3, 0, 1), (4, 0, 0)]
    assert parcels_table(days).rows[0] == ("2026-11-02", "2", "1", "3")


def test_transit_hours_fall_into_buckets_with_the_lower_bound_included() -> None:
    rows = [row(delivered_after=timedelta(hours=h)) for h in (1, 23.9, 24, 50, 96, 200)]
    rows.append(row())  # still moving: not counted
    rows.append(row(status=LegStatus.RECEIVED, delivered_after=timedelta(hours=80)))
    assert d.transit_histogram(rows) == [
        ("24 小时内", 2),
        ("24–48 小时", 1),
        ("48–72 小时", 1),
        ("72–96 小时", 1),
        ("96 小时以上", 2),
    ]


def test_on_time_follows_the_promise_by_beijing_date_per_week_sent() -> None:
    # Beijing → Hangzhou by EMS express: three days after the collection's local date.
    rows = [
        row(delivered_after=timedelta(days=3, hours=10)),  # 11-05 20:00 local: on time
        row(delivered_after=timedelta(days=3, hours=16)),  # 11-06 02:00 local: late
        row(sent=MONDAY + timedelta(days=7), delivered_after=timedelta(days=1)),
        row(sent=MONDAY + timedelta(days=7)),  # not delivered: not counted
    ]
    weeks = d.on_time_by_week(rows)
    assert [(w.week, w.delivered, w.on_time) for w in weeks] == [
        (date(2026, 11, 2), 2, 1),
        (date(2026, 11, 9), 1, 1),
    ]
    assert on_time_table(weeks).rows[-1] == ("合计", "3", "2", "66.7%")
    assert on_time_table([]).rows == []


def test_every_status_the_exceptions_queue_lists_has_a_kind_on_the_dashboard() -> None:
    assert set(d.EXCEPTION_BY_STATUS) == NEEDS_ATTENTION


def test_exceptions_are_classified_like_the_queue_and_closed_cases_have_none() -> None:
    rows = [
        row(status=LegStatus.BOOKING_FAILED),
        row(status=LegStatus.BOOKING_UNCERTAIN),
        row(status=LegStatus.QUEUED),
        row(status=LegStatus.IN_TRANSIT, exception_reason="无新轨迹"),
        row(status=LegStatus.IN_TRANSIT),
        row(status=LegStatus.RETURNED),
        row(status=LegStatus.RECEIVED, discrepancy=True),
        row(status=LegStatus.RECEIVED),
        row(status=LegStatus.LOST, case_closed=True),
        row(status=LegStatus.CANCELLED, exception_reason="x"),
    ]
    counts = dict(d.open_exceptions(rows))
    K = d.ExceptionKind
    assert counts == {
        K.BOOKING_FAILED: 1,
        K.BOOKING_PENDING: 2,
        K.STUCK: 1,
        K.DELIVERY_FAILED: 0,
        K.RETURNING: 1,
        K.LOST: 0,
        K.DISCREPANCY: 1,
    }


def test_discrepancies_are_one_row_per_office_most_items_first() -> None:
    M = MaterialState
    counts = [
        ("甲局", M.MISSING, 1),
        ("乙局", M.DAMAGED, 2),
        ("乙局", M.MISSING, 1),
        ("甲局", M.RECEIVED, 9),
    ]
    assert d.discrepancies_by_office(counts) == [
        d.OfficeDiscrepancy("乙局", 1, 2),
        d.OfficeDiscrepancy("甲局", 1, 0),
    ]


def test_the_sent_moment_is_the_first_one_known() -> None:
    assert d.sent_moment(None, MONDAY, None) == MONDAY
