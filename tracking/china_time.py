"""China Standard Time, in which the carrier reports every event."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

CHINA_TIME = timezone(timedelta(hours=8), "CST")
_END_OF_DAY = re.compile(r"T24:00:00(?:\.0+)?")


def parse_op_time(text: str) -> datetime:
    """Read an xs:dateTime as China time unless it has an offset; raise ValueError if bad.

    24:00:00 is the next midnight (XSD allows it, Python does not).
    """
    text = text.strip()
    next_day = "T24" in text and _END_OF_DAY.search(text) is not None  # cheap test first
    moment = datetime.fromisoformat(_END_OF_DAY.sub("T00:00:00", text) if next_day else text)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=CHINA_TIME)
    return moment + timedelta(days=1) if next_day else moment
