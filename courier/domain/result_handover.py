"""Handing the result to the applicant at the hall window (窗口交付): who took it, and when.

Only whether the collector's identity was checked is kept, never an ID number; an agent's
name is kept (encrypted at rest) because the hall must be able to say who took the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from courier.domain.errors import InvalidValue
from courier.domain.places import required_text
from courier.domain.text import Text
from courier.domain.validation import all_valid


class Collector(Enum):
    APPLICANT = "applicant"
    AGENT = "agent"


COLLECTOR_NAMES = {Collector.APPLICANT: Text("申请人本人"), Collector.AGENT: Text("代领人")}


def _collector_name(collector: Collector, name: str) -> str:
    if collector is Collector.APPLICANT:
        return ""
    return required_text(name, "collector_name", Text("代领人姓名"), 40)


def _checked(identity_checked: bool | None) -> bool:
    if identity_checked is None:
        raise InvalidValue(Text("请选择是否已核验领取人的身份证件。"), "identity_checked")
    return identity_checked


def _note(identity_checked: bool | None, note: str) -> str:
    text = (note or "").strip()
    if len(text) > 200:
        raise InvalidValue(Text("备注过长（最多 200 个字）。"), "note")
    if identity_checked is False and not text:
        raise InvalidValue(Text("未核验身份时，请在备注中说明交付依据（如授权委托书）。"), "note")
    return text


@dataclass(eq=False)
class ResultHandover:
    """The result of a case handed over at the window, by a member of the hall's staff."""

    account_id: int
    collector: Collector
    collector_name: str
    identity_checked: bool
    handed_over_at: datetime
    note: str = ""
    id: int | None = None

    @classmethod
    def create(
        cls,
        account_id: int,
        collector: Collector,
        collector_name: str,
        identity_checked: bool | None,
        at: datetime,
        note: str = "",
    ) -> ResultHandover:
        """Validate and build a hand-over, naming every bad part at once."""
        return cls(
            account_id=account_id,
            collector=collector,
            handed_over_at=at,
            **all_valid(
                identity_checked=lambda: _checked(identity_checked),
                collector_name=lambda: _collector_name(collector, collector_name),
                note=lambda: _note(identity_checked, note),
            ),
        )

    def describe(self) -> Text:
        """Say in words who took the result (no personal data: for reports and history)."""
        checked = Text("已核验身份") if self.identity_checked else Text("未核验身份")
        return Text(
            "{collector}领取，{checked}", collector=COLLECTOR_NAMES[self.collector], checked=checked
        )
