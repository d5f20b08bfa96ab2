"""Searching the case list: what staff typed, checked field by field, and one page of answers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Generic, TypeVar

from courier.domain.case import CaseStatus
from courier.domain.errors import ValidationFailed
from courier.domain.local_time import CHINA_TIME, read_day
from courier.domain.text import Text

PAGE_SIZE = 20
MAX_PAGE = 10_000
MAX_QUERY = 40
# What a case number may hold; anything else typed in the box is an applicant's name.
_NUMBER_TEXT = re.compile(r"[A-Za-z0-9_-]+")

FROM_AFTER_TO = Text("起始日期不能晚于截止日期。")
BAD_STATUS = Text("请选择列表中的办件状态。")
BAD_PAGE = Text("页码应为 1 至 {most} 之间的整数。", most=MAX_PAGE)
QUERY_TOO_LONG = Text("搜索内容不能超过 {most} 个字。", most=MAX_QUERY)

T = TypeVar("T")


@dataclass(frozen=True)
class CaseSearch:
    """A search of the case list: number prefix or applicant name, status, creation dates."""

    number: str = ""  # case number, or its beginning
    name: str = ""  # the applicant's full name, or the surname
    status: CaseStatus | None = None
    created_from: date | None = None  # China Standard Time calendar days, both ends included
    created_to: date | None = None
    page: int = 1

    @classmethod
    def from_text(
        cls,
        q: str = "",
        status: str = "",
        since: str = "",
        until: str = "",
        page: str = "",
    ) -> CaseSearch:
        """Read the search form as typed; raise ValidationFailed naming each bad field."""
        errors: dict[str, str] = {}
        text = " ".join(q.split())
        if len(text) > MAX_QUERY:
            errors["q"] = QUERY_TOO_LONG
        number, name = (text, "") if _NUMBER_TEXT.fullmatch(text) else ("", text)
        start = read_day(since, "from", errors)
        end = read_day(until, "to", errors)
        if start and end and start > end:
            errors["to"] = FROM_AFTER_TO
        found_status = _status(status, errors)
        found_page = _page(page, errors)
        if errors:
            raise ValidationFailed(errors)
        return cls(number, name, found_status, start, end, found_page)

    @property
    def created_since(self) -> datetime | None:
        """Return the first moment of the first day, China Standard Time."""
        return (
            None
            if self.created_from is None
            else datetime.combine(self.created_from, time(), CHINA_TIME)
        )

    @property
    def created_before(self) -> datetime | None:
        """Return the first moment after the last day, China Standard Time."""
        if self.created_to is None:
            return None
        return datetime.combine(self.created_to + timedelta(days=1), time(), CHINA_TIME)

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE

    def matches_name(self, name: str) -> bool:
        """Tell whether an applicant's name is the one typed, or begins with the typed surname."""
        return bool(self.name) and "".join(name.split()).startswith(self.name.replace(" ", ""))

    def at_page(self, page: int) -> CaseSearch:
        return CaseSearch(
            self.number, self.name, self.status, self.created_from, self.created_to, page
        )

    def as_query(self) -> dict[str, str]:
        """Return the search as query-string values, as the form sends them (page left out)."""
        values = {
            "q": self.number or self.name,
            "status": self.status.value if self.status else "",
            "from": self.created_from.isoformat() if self.created_from else "",
            "to": self.created_to.isoformat() if self.created_to else "",
        }
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True)
class ResultPage(Generic[T]):
    """One page of a search, with how many there are in all."""

    items: list[T]
    total: int
    search: CaseSearch = field(default_factory=CaseSearch)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @property
    def has_previous(self) -> bool:
        return self.search.page > 1

    @property
    def has_next(self) -> bool:
        return self.search.page < self.pages


def _status(text: str, errors: dict[str, str]) -> CaseStatus | None:
    text = text.strip()
    if not text:
        return None
    try:
        return CaseStatus(text)
    except ValueError:
        errors["status"] = BAD_STATUS
        return None


def _page(text: str, errors: dict[str, str]) -> int:
    text = text.strip()
    if not text:
        return 1
    if not (len(text) <= 5 and text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_PAGE:
        errors["page"] = BAD_PAGE
        return 1
    return int(text)
