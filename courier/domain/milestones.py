"""The steps of one case's round trip as an applicant follows them (已受理 … 已送达)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum

from courier.domain.case import Case, CaseStatus, ResultDelivery
from courier.domain.leg import LegKind, LegStatus
from courier.domain.text import Text

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


Legs = Mapping[LegKind, LegStatus]  # the status of each live leg of the case
Check = Callable[[CaseStatus, Legs], bool]


def _leg_in(kind: LegKind, statuses: frozenset[LegStatus]) -> Check:
    return lambda _, legs: legs.get(kind) in statuses


def _decided(status: CaseStatus, _: Legs) -> bool:
    return status in DECIDED


def _closed(status: CaseStatus, _: Legs) -> bool:
    return status is CaseStatus.CLOSED


def _either(first: Check, second: Check) -> Check:
    return lambda status, legs: first(status, legs) or second(status, legs)


def _steps(result: ResultDelivery, legs: Legs) -> list[tuple[str, str, Check]]:
    """Return the steps this case goes through: its legs and its result choice decide them."""
    steps: list[tuple[str, str, Check]] = [("accepted", Text("已受理"), lambda *_: True)]
    if LegKind.ORIGINALS in legs:
        steps.append(("originals_sent", Text("原件寄出"), _leg_in(LegKind.ORIGINALS, SENT)))
        steps.append(("originals_received", Text("部门签收"), _leg_in(LegKind.ORIGINALS, ARRIVED)))
    steps.append(("decided", Text("办结"), _decided))
    arrived = _either(_leg_in(LegKind.RESULT, ARRIVED), _closed)
    if result is ResultDelivery.ELECTRONIC:
        steps.append(("delivered", Text("电子送达"), _closed))
    elif result is ResultDelivery.PICKUP_AT_HALL:
        steps.append(("result_sent", Text("结果寄往大厅"), _leg_in(LegKind.RESULT, SENT)))
        steps.append(("delivered", Text("到达大厅可领取"), arrived))
    else:
        steps.append(("result_sent", Text("结果寄出"), _leg_in(LegKind.RESULT, SENT)))
        steps.append(("delivered", Text("已送达"), arrived))
    return steps


def milestones_of(case: Case) -> list[Milestone]:
    """Return the steps of a loaded case (its live legs only)."""
    legs = {leg.kind: leg.status for leg in case.legs if leg.is_live}
    return milestones(case.status, case.result_delivery, legs)


def milestones(status: CaseStatus, result: ResultDelivery, legs: Legs) -> list[Milestone]:
    """Return the case's steps in order; the first step not yet reached is the current one."""
    reached = [(key, name, check(status, legs)) for key, name, check in _steps(result, legs)]
    # A later step reached means the earlier ones were too (a parcel may skip its handover scan).
    last = max((i for i, (_, _, done) in enumerate(reached) if done), default=-1)
    steps = []
    for i, (key, name, _) in enumerate(reached):
        state = StepState.DONE if i <= last else StepState.PENDING
        if i == last + 1:
            state = StepState.CURRENT
        steps.append(Milestone(key, name, state))
    return steps
