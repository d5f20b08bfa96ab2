"""Hypothesis strategies for sets of carrier events of one parcel, ties included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from tracking import EMS_CODES, EMSEVT_CODES, TrackingEvent

WAYBILL = "1151238971060"
START = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
# every known code, and codes nobody mapped
CODES = [*sorted({**EMS_CODES, **EMSEVT_CODES}), "999", "000", "EMZ"]

# few times and offices, so that equal times (and equal identities) come up often
events = st.builds(
    TrackingEvent,
    waybill_no=st.just(WAYBILL),
    op_time=st.integers(0, 6).map(lambda hour: START + timedelta(hours=hour)),
    op_code=st.sampled_from(CODES),
    op_org_code=st.sampled_from(["", "51000100", "31000100"]),
    deliver_code=st.sampled_from(["", "10", "20"]),
    attempt_delivery_code=st.sampled_from(["", "4", "7"]),
)
event_sets = st.lists(events, max_size=12, unique_by=lambda e: e.identity)


@st.composite
def arrivals(draw: st.DrawFn) -> tuple[list[TrackingEvent], list[TrackingEvent]]:
    """Return a set of events and the same events as they may arrive: any order, repeated."""
    chosen = draw(event_sets)
    repeats = draw(st.lists(st.sampled_from(chosen), max_size=8)) if chosen else []
    return chosen, draw(st.permutations(chosen + repeats))
