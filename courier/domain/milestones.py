"""The steps of one case's round trip as an applicant follows them (已受理 … 已送达)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from courier.domain.case import Case, CaseStatus, ResultDelivery
from courier.domain.leg import Leg, LegKind, LegStatus

S = LegStatus
# The carrier has the parcel (or had it): the leg counts as sent.
SENT = frozenset(
    {S.HANDED_OVER, S.IN_TRANSIT, S.OUT_FOR_DELIVERY, S.DELIVERY_FAILED, S.DELIVERED,
     S.RECEIVED, S.RETURNING, S.RETURNED, S.LOST}
)  # fmt: skip
ARRIVED = frozenset({S.DELIVERED, S.RECEIVED})
DECIDED = frozenset({CaseStatus.DECIDED, CaseStatus.CLOSED})


class StepState(Enum):
    DONE = "done"
    CURRENT = "current"
    PENDING = "pending"


@dataclass(frozen=True)
class Milestone:
    key: str
    name: str
    state: StepState


Check = Callable[[Case], bool]


def _leg_in(kind: LegKind, statuses: frozenset[LegStatus]) -> Check:
    def check(case: Case) -> bool:
        leg: Leg | None = case.live_leg(kind)
        return leg is not None and leg.status in statuses

    return check


def _decided(case: Case) -> bool:
    return case.status in DECIDED


def _closed(case: Case) -> bool:
    return case.status is CaseStatus.CLOSED


def _steps(case: Case) -> list[tuple[str, str, Check]]:
    """Return the steps this case goes through: its legs and its result choice decide them."""
    steps: list[tuple[str, str, Check]] = [("accepted", "已受理", lambda _: True)]
    if case.live_leg(LegKind.ORIGINALS) is not None:
        steps.append(("originals_sent", "原件寄出", _leg_in(LegKind.ORIGINALS, SENT)))
        steps.append(("originals_received", "部门签收", _leg_in(LegKind.ORIGINALS, ARRIVED)))
    steps.append(("decided", "办结", _decided))
    result_arrived = _leg_in(LegKind.RESULT, ARRIVED)
    if case.result_delivery is ResultDelivery.ELECTRONIC:
        steps.append(("delivered", "电子送达", _closed))
    elif case.result_delivery is ResultDelivery.PICKUP_AT_HALL:
        steps.append(("result_sent", "结果寄往大厅", _leg_in(LegKind.RESULT, SENT)))
        steps.append(("delivered", "到达大厅可领取", lambda c: result_arrived(c) or _closed(c)))
    else:
        steps.append(("result_sent", "结果寄出", _leg_in(LegKind.RESULT, SENT)))
        steps.append(("delivered", "已送达", lambda c: result_arrived(c) or _closed(c)))
    return steps


def milestones(case: Case) -> list[Milestone]:
    """Return the case's steps in order; the first step not yet reached is the current one."""
    reached = [(key, name, check(case)) for key, name, check in _steps(case)]
    # A later step reached means the earlier ones were too (a parcel may skip its handover scan).
    last = max((i for i, (_, _, done) in enumerate(reached) if done), default=-1)
    result = []
    for i, (key, name, _) in enumerate(reached):
        state = StepState.DONE if i <= last else StepState.PENDING
        if i == last + 1:
            state = StepState.CURRENT
        result.append(Milestone(key, name, state))
    return result
