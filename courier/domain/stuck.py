"""Parcels that go wrong: no news from the carrier for longer than their stage allows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from courier.domain.leg import STATUS_NAMES, Leg, LegStatus
from courier.domain.spans import parse_spans
from courier.domain.text import Text

S = LegStatus


def _default_limits() -> dict[LegStatus, timedelta]:
    return {
        S.BOOKED: timedelta(days=2),
        S.HANDED_OVER: timedelta(days=2),
        S.IN_TRANSIT: timedelta(days=3),
        S.RETURNING: timedelta(days=3),
        S.OUT_FOR_DELIVERY: timedelta(days=1),
        S.DELIVERY_FAILED: timedelta(days=1),
    }


@dataclass(frozen=True)
class StuckThresholds:
    """How long each stage may go without a tracking event before staff are told."""

    limits: dict[LegStatus, timedelta] = field(default_factory=_default_limits)

    @classmethod
    def from_text(cls, text: str) -> StuckThresholds:
        """Read `in_transit=48h,out_for_delivery=12h`; a stage not given keeps its default."""
        limits = _default_limits()
        given = parse_spans(text, [status.value for status in limits])
        return cls({**limits, **{LegStatus(name): span for name, span in given.items()}})

    @property
    def shortest(self) -> timedelta:
        return min(self.limits.values())


def _hours(span: timedelta) -> Text:
    days, hours = divmod(int(span.total_seconds() // 3600), 24)
    if not hours:
        return Text("{days} 天", days=days)
    if days:
        return Text("{days} 天 {hours} 小时", days=days, hours=hours)
    return Text("{hours} 小时", hours=hours)


def stuck_reason(leg: Leg, now: datetime, thresholds: StuckThresholds) -> Text | None:
    """Say why a leg looks stuck, in words for staff, or None while it keeps moving."""
    limit = thresholds.limits.get(leg.status)
    since = leg.tracked_at or leg.booked_at
    if limit is None or since is None or now - since <= limit:
        return None
    if leg.tracked_at is None:
        return Text(
            "已取号 {waited}，邮政尚未揽收（超过 {limit}）",
            waited=_hours(now - since),
            limit=_hours(limit),
        )
    return Text(
        "“{state}”已 {waited} 无新轨迹（超过 {limit}）",
        state=STATUS_NAMES[leg.status],
        waited=_hours(now - since),
        limit=_hours(limit),
    )


def review(leg: Leg, now: datetime, thresholds: StuckThresholds) -> bool:
    """Flag or clear the leg's exception, keeping when it was first seen; return if it changed."""
    if leg.status is LegStatus.RECEIVED:
        return False  # its exception, if any, is the receipt's discrepancy: not the sweep's
    reason = stuck_reason(leg, now, thresholds)
    changed = reason != leg.exception_reason
    if reason is None:
        leg.exception_at = None
    elif leg.exception_at is None:
        leg.exception_at = now
    leg.exception_reason = reason
    return changed
