"""The administrators' dashboard: parcels, transit times, promises kept, exceptions, receipts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum

from courier.domain.errors import ValidationFailed
from courier.domain.leg import LegKind, LegStatus
from courier.domain.local_time import CHINA_TIME, local
from courier.domain.places import Address
from courier.domain.promise import expected_from
from courier.domain.receipt import MaterialState, Office
from courier.domain.text import Text

S = LegStatus
DEFAULT_DAYS = 30
LONGEST_PERIOD = 366


class Direction(Enum):
    OUT = "out"  # materials to the owning department
    BACK = "back"  # the result and returned originals


DIRECTION_OF = {
    LegKind.ORIGINALS: Direction.OUT,
    LegKind.SUPPLEMENT: Direction.OUT,
    LegKind.RESULT: Direction.BACK,
    LegKind.ORIGINALS_RETURN: Direction.BACK,
}
DIRECTION_NAMES = {
    Direction.OUT: Text("寄出原件（含补件）"),
    Direction.BACK: Text("寄回结果（含原件退还）"),
}


class ExceptionKind(Enum):
    BOOKING_FAILED = "booking_failed"
    BOOKING_PENDING = "booking_pending"
    STUCK = "stuck"
    DELIVERY_FAILED = "delivery_failed"
    RETURNING = "returning"
    LOST = "lost"
    DISCREPANCY = "discrepancy"


EXCEPTION_NAMES = {
    ExceptionKind.BOOKING_FAILED: Text("下单失败"),
    ExceptionKind.BOOKING_PENDING: Text("下单待确认"),
    ExceptionKind.STUCK: Text("轨迹停滞"),
    ExceptionKind.DELIVERY_FAILED: Text("投递未成功"),
    ExceptionKind.RETURNING: Text("退回"),
    ExceptionKind.LOST: Text("丢失"),
    ExceptionKind.DISCREPANCY: Text("签收差异"),
}
# The statuses the exceptions queue lists, by the kind they are counted under.
EXCEPTION_BY_STATUS = {
    S.QUEUED: ExceptionKind.BOOKING_PENDING,
    S.BOOKING_UNCERTAIN: ExceptionKind.BOOKING_PENDING,
    S.BOOKING_FAILED: ExceptionKind.BOOKING_FAILED,
    S.DELIVERY_FAILED: ExceptionKind.DELIVERY_FAILED,
    S.RETURNING: ExceptionKind.RETURNING,
    S.RETURNED: ExceptionKind.RETURNING,
    S.LOST: ExceptionKind.LOST,
}

# Hours from collection to delivery: [low, high) per bucket, the last one open.
TRANSIT_BUCKETS: tuple[tuple[int, int | None, str], ...] = (
    (0, 24, Text("24 小时内")),
    (24, 48, Text("24–48 小时")),
    (48, 72, Text("48–72 小时")),
    (72, 96, Text("72–96 小时")),
    (96, None, Text("96 小时以上")),
)


@dataclass(frozen=True)
class Period:
    """Whole days in China Standard Time, both ends included."""

    first: date
    last: date

    @classmethod
    def read(cls, first: str, last: str, today: date) -> Period:
        """Read the filter's dates (YYYY-MM-DD); empty means the 30 days up to today."""
        errors: dict[str, str] = {}
        end = _date(last, "to", errors) or today
        start = _date(first, "from", errors) or end - timedelta(days=DEFAULT_DAYS - 1)
        if not errors and start > end:
            errors["from"] = Text("开始日期不能晚于结束日期。")
        elif not errors and (end - start).days >= LONGEST_PERIOD:
            errors["from"] = Text("统计区间最长 {days} 天。", days=LONGEST_PERIOD)
        if errors:
            raise ValidationFailed(errors)
        return cls(start, end)

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    def bounds(self) -> tuple[datetime, datetime]:
        """Return the first moment of the period and the first moment after it."""
        start = datetime.combine(self.first, time(), CHINA_TIME)
        return start, datetime.combine(self.last + timedelta(days=1), time(), CHINA_TIME)


def _date(text: str, field: str, errors: dict[str, str]) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        errors[field] = Text("日期格式应为 年-月-日，例如 2026-11-01。")
        return None


def read_office(text: str, known: Iterable[Office]) -> Office | None:
    """Read the filter's office ("hall:3", "department:2"); empty means every office."""
    if not text.strip():
        return None
    kind, _, number = text.strip().partition(":")
    office = Office(kind, int(number)) if number.isdigit() else None
    if office is None or office not in set(known):
        raise ValidationFailed({"office": Text("请选择列表中的大厅或部门。")})
    return office


@dataclass(frozen=True)
class LegRow:
    """What the dashboard needs of one live leg: no name, phone or street is used."""

    kind: LegKind
    status: LegStatus
    sent_at: datetime  # collected, else handed over, else booked, else the case opened
    collected_at: datetime | None
    tracked_at: datetime | None
    biz_product_no: str
    sender: Address
    receiver: Address
    case_closed: bool = False
    exception_reason: str | None = None
    discrepancy: bool = False

    @property
    def day(self) -> date:
        return local(self.sent_at).date()

    @property
    def delivered_at(self) -> datetime | None:
        done = self.status in (S.DELIVERED, S.RECEIVED)
        return self.tracked_at if done and self.collected_at else None


def sent_moment(*moments: datetime | None) -> datetime:
    """Return the first moment known, from the most to the least telling."""
    return next(m for m in moments if m is not None)


@dataclass(frozen=True)
class DayCount:
    day: date
    out: int
    back: int


def parcels_per_day(rows: Iterable[LegRow], period: Period) -> list[DayCount]:
    """Count the legs sent each day of the period, by direction (days without any: zeros)."""
    counted = Counter((row.day, DIRECTION_OF[row.kind]) for row in rows)
    return [
        DayCount(day, counted[(day, Direction.OUT)], counted[(day, Direction.BACK)])
        for day in period.days()
    ]


def transit_hours(row: LegRow) -> float | None:
    arrived = row.delivered_at
    if arrived is None or row.collected_at is None:
        return None
    return (arrived - row.collected_at).total_seconds() / 3600


def transit_bucket(hours: float) -> str:
    for low, high, name in TRANSIT_BUCKETS:
        if hours >= low and (high is None or hours < high):
            return name
    return TRANSIT_BUCKETS[0][2]  # a delivery stamped before its collection: the carrier's clock


def transit_histogram(rows: Iterable[LegRow]) -> list[tuple[str, int]]:
    """Count delivered legs per bucket of hours from collection to delivery."""
    hours = (transit_hours(row) for row in rows)
    counted = Counter(transit_bucket(h) for h in hours if h is not None)
    return [(name, counted[name]) for _, _, name in TRANSIT_BUCKETS]


def kept_promise(row: LegRow) -> bool | None:
    """Tell whether a delivered leg arrived by the carrier's promised date (None otherwise)."""
    arrived = row.delivered_at
    expected = expected_from(row.collected_at, row.biz_product_no, row.sender, row.receiver)
    if arrived is None or expected is None:
        return None
    return local(arrived).date() <= expected


@dataclass(frozen=True)
class WeekRate:
    """Delivered legs of the legs sent in a week (Monday first), and those on time."""

    week: date
    delivered: int
    on_time: int

    @property
    def percent(self) -> float:
        return 100 * self.on_time / self.delivered if self.delivered else 0.0


def on_time_by_week(rows: Iterable[LegRow]) -> list[WeekRate]:
    """Return the on-time rate per week in which the legs were sent, oldest first."""
    delivered: Counter[date] = Counter()
    kept: Counter[date] = Counter()
    for row in rows:
        verdict = kept_promise(row)
        if verdict is None:
            continue
        week = row.day - timedelta(days=row.day.weekday())
        delivered[week] += 1
        kept[week] += verdict
    return [WeekRate(week, delivered[week], kept[week]) for week in sorted(delivered)]


def overall_rate(weeks: Sequence[WeekRate]) -> WeekRate | None:
    if not weeks:
        return None
    return WeekRate(weeks[0].week, sum(w.delivered for w in weeks), sum(w.on_time for w in weeks))


def exception_kind(row: LegRow) -> ExceptionKind | None:
    """Classify a leg the way the exceptions queue sees it (None: nothing for a person)."""
    if row.status is S.CANCELLED or row.case_closed:
        return None
    if row.status is S.RECEIVED:
        return ExceptionKind.DISCREPANCY if row.discrepancy else None
    if row.status in EXCEPTION_BY_STATUS:
        return EXCEPTION_BY_STATUS[row.status]
    return ExceptionKind.STUCK if row.exception_reason else None


def open_exceptions(rows: Iterable[LegRow]) -> list[tuple[ExceptionKind, int]]:
    """Count the open exceptions by kind (every kind listed, zeros included)."""
    counted = Counter(exception_kind(row) for row in rows)
    return [(kind, counted[kind]) for kind in ExceptionKind]


@dataclass(frozen=True)
class OfficeDiscrepancy:
    office: str
    missing: int
    damaged: int


def discrepancies_by_office(
    counts: Iterable[tuple[str, MaterialState, int]],
) -> list[OfficeDiscrepancy]:
    """Fold (office, state, items) counts into one row per office, most items first."""
    missing: Counter[str] = Counter()
    damaged: Counter[str] = Counter()
    for office, state, items in counts:
        if state is MaterialState.MISSING:
            missing[office] += items
        elif state is MaterialState.DAMAGED:
            damaged[office] += items
    offices = sorted(set(missing) | set(damaged), key=lambda o: (-missing[o] - damaged[o], o))
    return [OfficeDiscrepancy(office, missing[office], damaged[office]) for office in offices]
