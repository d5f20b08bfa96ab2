"""Carrier tracking, pure: events, the codes' meanings, China time, a parcel's state.

Imports nothing from `courier`; the domain maps the states to leg statuses.
"""

from tracking.china_time import CHINA_TIME, parse_op_time
from tracking.codes import (
    ATTEMPT_CODES,
    DELIVER_CODES,
    EMS_CODES,
    EMSEVT_CODES,
    Meaning,
    detail_of,
    meaning_of,
    reason_of,
)
from tracking.derive import Track, derive, order_key
from tracking.events import TrackingEvent
from tracking.states import STATE_NAMES, TrackingState

__all__ = [
    "ATTEMPT_CODES",
    "CHINA_TIME",
    "DELIVER_CODES",
    "EMSEVT_CODES",
    "EMS_CODES",
    "STATE_NAMES",
    "Meaning",
    "Track",
    "TrackingEvent",
    "TrackingState",
    "derive",
    "detail_of",
    "meaning_of",
    "order_key",
    "parse_op_time",
    "reason_of",
]
