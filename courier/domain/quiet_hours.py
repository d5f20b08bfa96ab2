"""Quiet hours: no text message reaches an applicant at night (China time)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from courier.domain.errors import InvalidValue
from courier.domain.local_time import CHINA_TIME
from courier.domain.text import Text

DEFAULT_QUIET_HOURS = "21:00-08:00"
_WINDOW = re.compile(r"([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)")


@dataclass(frozen=True)
class QuietHours:
    """A daily window in China time, possibly across midnight; start == end means none."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """Read "HH:MM-HH:MM" (or "off"); refuse anything else."""
        if text.strip().lower() in ("", "off"):
            return cls(time(0), time(0))
        match = _WINDOW.fullmatch(text.strip())
        if match is None:
            raise InvalidValue(
                Text("免打扰时段应写作 HH:MM-HH:MM（例如 21:00-08:00）或 off。"), "quiet_hours"
            )
        h1, m1, h2, m2 = (int(part) for part in match.groups())
        return cls(time(h1, m1), time(h2, m2))

    def contains(self, moment: datetime) -> bool:
        """Tell whether an aware moment falls inside the window."""
        clock = moment.astimezone(CHINA_TIME).time()
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= clock < self.end
        return clock >= self.start or clock < self.end

    def send_at(self, moment: datetime) -> datetime:
        """Return when a text planned at `moment` may go: then, or at the window's end."""
        if not self.contains(moment):
            return moment
        local = moment.astimezone(CHINA_TIME)
        end = datetime.combine(local.date(), self.end, CHINA_TIME)
        if end <= local:
            end += timedelta(days=1)
        return end.astimezone(moment.tzinfo)
