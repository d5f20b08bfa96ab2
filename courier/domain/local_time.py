"""China Standard Time: what staff and applicants read on labels, lists and pages."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

CHINA_TIME = timezone(timedelta(hours=8), "CST")


def local(moment: datetime) -> datetime:
    """Return an aware moment as China Standard Time."""
    return moment.astimezone(CHINA_TIME)
