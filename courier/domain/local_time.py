"""China Standard Time: what staff and applicants read on labels, lists and pages."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from courier.domain.text import Text

CHINA_TIME = timezone(timedelta(hours=8), "CST")


def local(moment: datetime) -> datetime:
    """Return an aware moment as China Standard Time."""
    return moment.astimezone(CHINA_TIME)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BAD_DATE = Text("日期格式应为 年-月-日，例如 2026-12-03。")


def read_day(text: str, name: str, errors: dict[str, str]) -> date | None:
    """Read a day typed as 年-月-日 (empty: None); a bad one is noted under `name`."""
    text = text.strip()
    if not text:
        return None
    try:
        if not _DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        errors[name] = BAD_DATE
        return None
