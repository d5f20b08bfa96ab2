"""Background jobs: JSON-only arguments, load by id, call one service function."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from courier.bootstrap import Courier
from courier.ports.call_log import leg_reference
from courier.services import booking, tracking

Job = Callable[..., Any]
JOBS: dict[str, Job] = {}
PERIODIC = ("sweep_bookings", "poll_tracking")


def job(function: Job) -> Job:
    JOBS[function.__name__] = function
    return function


@job
def book_leg(app: Courier, leg_id: int) -> str:
    """Take one booking step for a leg."""
    with leg_reference(str(leg_id)):
        return booking.book_leg(
            app.uow(), app.carrier(), app.clock, leg_id, app.booking_policy()
        ).value


@job
def sweep_bookings(app: Courier) -> int:
    """Queue every leg whose booking is waiting, uncertain, abandoned or due to reconcile."""
    leg_ids = booking.legs_to_sweep(app.uow(), app.clock)
    for leg_id in leg_ids:
        app.tasks.enqueue("book_leg", leg_id=leg_id)
    return len(leg_ids)


@job
def poll_tracking(app: Courier) -> int:
    """Fetch tracks of legs in the carrier's hands, in case pushes were missed."""
    return tracking.poll_tracking(app.uow(), app.carrier(), app.clock)


def run_job(app: Courier, name: str, arguments: dict[str, Any]) -> Any:
    return JOBS[name](app, **arguments)
