"""A case's story in words: each leg's timeline and what happened to the case, in time order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from courier.domain.case import Case, CaseStatus
from courier.domain.leg import LEG_KIND_NAMES, Leg
from courier.domain.text import Text
from courier.domain.tracking import LegEvent
from courier.domain.tracking import LegEventType as E
from tracking import TrackingEvent, detail_of, meaning_of

# The one table from our event types to the words staff read.
EVENT_WORDS: dict[E, Text] = {
    E.BOOKED: Text("下单成功，取得运单号"),
    E.BOOKING_UNCERTAIN: Text("下单结果待确认"),
    E.HANDED_OVER: Text("已交邮政揽投员"),
    E.ACCEPTED: Text("邮政已揽收"),
    E.ACCEPTANCE_VOIDED: Text("邮政撤销揽收"),
    E.IN_TRANSIT: Text("运输中"),
    E.OUT_FOR_DELIVERY: Text("派送中"),
    E.DELIVERED: Text("已妥投"),
    E.DELIVERY_FAILED: Text("投递未成功"),
    E.RETURNING: Text("退回中"),
    E.RETURNED: Text("已退回"),
    E.LOST: Text("邮件丢失"),
    E.EXCEPTION: Text("邮政异常提醒"),
    E.STUCK: Text("长时间无新轨迹，需人工跟进"),
    E.RECEIPT_CONFIRMED: Text("收件方签收确认"),
    E.RECEIPT_DISCREPANCY: Text("签收确认发现材料不符"),
    E.RECEIPT_DISCREPANCY_RESOLVED: Text("寄件方已处理材料问题"),
    E.RESULT_HANDED_OVER: Text("结果已在窗口交付申请人"),
    E.CASE_CLOSED: Text("办件办结送达"),
    E.CANCELLED: Text("已取消"),
}
# Events that only repeat a carrier scan: a leg's timeline shows the scan itself instead.
FROM_CARRIER = frozenset(
    {E.ACCEPTED, E.ACCEPTANCE_VOIDED, E.IN_TRANSIT, E.OUT_FOR_DELIVERY, E.DELIVERED,
     E.DELIVERY_FAILED, E.RETURNING, E.RETURNED, E.LOST, E.EXCEPTION}
)  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """One line of a timeline: when (None: not stored), and what happened in words."""

    at: datetime | None
    text: str
    place: str = ""


def event_text(event: LegEvent) -> Text:
    """Word one leg event, with its reason when it has one."""
    words = EVENT_WORDS.get(event.event_type, Text("状态变化"))
    reason = event.reason.strip()
    if reason and reason != words:
        # a stored reason is said again when it is one of the catalogue's sentences
        return Text("{event}：{reason}", event=words, reason=Text(reason))
    return words


def said_reason(scan: TrackingEvent) -> Text:
    """Our words for a carrier scan's code (tracking's `reason_of`), kept for the catalogue."""
    reason, detail = Text(meaning_of(scan).reason), detail_of(scan)
    return Text("{reason}：{detail}", reason=reason, detail=Text(detail)) if detail else reason


def leg_timeline(events: Iterable[LegEvent], scans: Iterable[TrackingEvent]) -> list[Entry]:
    """Return a leg's steps of our own and the carrier's scans, oldest first."""
    own = [Entry(e.occurred_at, event_text(e)) for e in events if e.event_type not in FROM_CARRIER]
    # Our words for the code, never the carrier's opDesc: it may quote who signed.
    carrier = [Entry(s.op_time, said_reason(s), s.op_org_city or s.op_org_name) for s in scans]
    return _in_time_order(own + carrier)


STATUS_WORDS = {
    CaseStatus.ACCEPTED: Text("办件已受理"),
    CaseStatus.IN_REVIEW: Text("办件进入审查"),
    CaseStatus.DECIDED: Text("办件已办结，待送达结果"),
    CaseStatus.CLOSED: Text("办件办结送达"),
}


def case_history(case: Case, events: Mapping[int, Sequence[LegEvent]]) -> list[Entry]:
    """Return what happened to a case, oldest first, from its opening, moves and legs' events."""
    entries = [Entry(case.created_at, Text("受理办件"))] if case.created_at else []
    entries += [Entry(c.changed_at, STATUS_WORDS[c.status]) for c in case.status_changes]
    moved = {c.status for c in case.status_changes}
    for leg in case.legs:
        told = [
            e
            for e in events.get(leg.id or 0, ())
            if not (e.event_type is E.CASE_CLOSED and CaseStatus.CLOSED in moved)
        ]
        entries.extend(Entry(e.occurred_at, _of_leg(leg, event_text(e))) for e in told)
        if not leg.is_live and not any(e.event_type is E.CANCELLED for e in told):
            entries.append(Entry(None, _of_leg(leg, Text("已取消（未记录取消时间）"))))
    return _in_time_order(entries)


def _in_time_order(entries: list[Entry]) -> list[Entry]:
    # stable: entries of one moment keep the order they were recorded in; untimed ones go last
    timed = sorted((e for e in entries if e.at is not None), key=lambda e: e.at or datetime.min)
    return timed + [e for e in entries if e.at is None]


def leg_label(leg: Leg) -> Text:
    """Name a leg for a history line: its kind and order number."""
    return Text("{kind}（{order_no}）", kind=LEG_KIND_NAMES[leg.kind], order_no=leg.order_no)


def _of_leg(leg: Leg, words: Text) -> Text:
    return Text("{leg}：{what}", leg=leg_label(leg), what=words)
