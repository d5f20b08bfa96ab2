"""Event streams from the simulator, pushed and polled, through a Celery worker into PostgreSQL.

Each test books its own parcel with one scenario on one stack for the module
(tests/integration/full_stack/streams.py), then checks what PostgreSQL holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from courier.domain.leg import LegStatus
from courier.domain.tracking import LegEventType
from courier.storage import tables
from integrations.carrier.simulator.clock import CHINA_STANDARD_TIME
from integrations.carrier.simulator.scenarios import SCENARIOS
from tests.integration.full_stack.streams import (
    Parcel,
    Stack,
    advance_to,
    book,
    deliver,
    poll,
    running_stack,
)

S = LegStatus


@pytest.fixture(scope="module")
def stack(module_postgres_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with running_stack(module_postgres_url, tmp_path_factory.mktemp("streams")) as running:
        yield running


STREAMS = {
    # scenario: (final status, final leg event, note)
    "delivered": (S.DELIVERED, LegEventType.DELIVERED, "已妥投：本人签收"),
    "reversals": (S.DELIVERED, LegEventType.DELIVERED, "已妥投：本人签收"),
    "acceptance_deleted": (S.DELIVERED, LegEventType.DELIVERED, "已妥投：本人签收"),
    "failed_attempt": (S.DELIVERED, LegEventType.DELIVERED, "已妥投：他人代收"),
    "refused": (S.RETURNED, LegEventType.RETURNED, None),
    "lost": (S.LOST, LegEventType.LOST, None),
    "unknown_code": (S.IN_TRANSIT, LegEventType.ACCEPTED, "未知轨迹代码 999"),
}


@pytest.mark.parametrize("path", ["push", "poll"])
@pytest.mark.parametrize("scenario", sorted(STREAMS))
def test_every_stream_ends_in_the_status_its_events_say_however_they_come(
    stack: Stack, scenario: str, path: str
) -> None:
    status, last_event, note = STREAMS[scenario]
    parcel = book(stack, scenario)
    stages = len(SCENARIOS[scenario])
    half = max(2, stages // 2)

    advance_to(stack, half)
    deliver(stack, parcel, path, half)
    advance_to(stack, stages, done=half)
    deliver(stack, parcel, path, stages)
    # the same events again, by the other path: stored once, nothing moves
    deliver(stack, parcel, "poll" if path == "push" else "push", stages)

    leg = stack.leg(parcel.leg_id)
    assert stack.codes(parcel.waybill_no) == parcel.codes()
    assert leg.status is status, (scenario, path, leg.tracking_note)
    assert note is None or leg.tracking_note == note
    with stack.app.uow() as uow:
        changes = [e.event_type for e in uow.leg_events.for_leg(parcel.leg_id)]
        accepted = uow.tracking.events_for(parcel.waybill_no)[0]
    assert changes[-1] is last_event  # the case system hears of the final change last
    assert leg.collected_at == _collected(scenario, accepted.op_time, stack, parcel)


def _collected(scenario: str, first: datetime, stack: Stack, parcel: Parcel) -> datetime | None:
    """The 203 voided by a 207 does not count: the parcel is collected by the next event."""
    if scenario != "acceptance_deleted":
        return first
    with stack.app.uow() as uow:
        return uow.tracking.events_for(parcel.waybill_no)[2].op_time


def test_the_scheduler_polls_due_legs_and_leaves_the_others_until_they_are_due(
    stack: Stack,
) -> None:
    due, later = book(stack, "delivered"), book(stack, "delivered")
    _poll_later(stack, later.leg_id, timedelta(days=1))
    advance_to(stack, 2)

    poll(stack, due, 2)

    assert stack.codes(later.waybill_no) == [] and stack.leg(later.leg_id).status is S.BOOKED
    _poll_later(stack, later.leg_id, timedelta(seconds=-1))
    poll(stack, later, 2)
    assert stack.leg(later.leg_id).status is S.IN_TRANSIT


def _poll_later(stack: Stack, leg_id: int, wait: timedelta) -> None:
    """Test set-up: as if the leg had been polled just now (or long ago), once no poll holds it."""
    legs = tables.legs
    free = sa.update(legs).where(legs.c.id == leg_id, legs.c.poll_claimed_until.is_(None))
    at = datetime.now(CHINA_STANDARD_TIME) + wait

    def set_free() -> bool:
        with stack.app.engine.begin() as connection:
            return bool(connection.execute(free.values(next_poll_at=at)).rowcount)

    stack.wait(set_free, "a poll releasing the leg")


def test_a_leg_without_news_beyond_its_stage_threshold_is_flagged_then_cleared_by_news(
    stack: Stack,
) -> None:
    parcel = book(stack, "delivered")
    advance_to(stack, 2)
    poll(stack, parcel, 2)  # in transit since a day ago (simulated time), threshold 6 hours

    stack.app.tasks.enqueue("detect_stuck_legs")
    stack.wait(lambda: stack.leg(parcel.leg_id).exception_reason is not None, "stuck flag")
    reason = stack.leg(parcel.leg_id).exception_reason or ""
    assert reason.startswith("“运输中”已") and "无新轨迹（超过 6 小时）" in reason

    advance_to(stack, len(SCENARIOS["delivered"]), done=2)
    poll(stack, parcel, None)
    stack.app.tasks.enqueue("detect_stuck_legs")
    stack.wait(lambda: stack.leg(parcel.leg_id).exception_reason is None, "flag cleared")
    assert stack.leg(parcel.leg_id).status is S.DELIVERED
