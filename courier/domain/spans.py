"""Spans of time written compactly, as settings give them: `90s`, `30m`, `48h`, `2d`."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import timedelta

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_SPAN = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
LONGEST = timedelta(days=30)


def parse_span(text: str) -> timedelta:
    """Read one span, more than 0 and at most 30 days; ValueError says what is wrong."""
    match = _SPAN.fullmatch(text.strip().lower())
    if match is None:
        raise ValueError(f"{text.strip()!r} is not a span such as 90s, 30m, 48h or 2d")
    span = timedelta(seconds=float(match[1]) * _UNITS[match[2]])
    if not timedelta(0) < span <= LONGEST:
        raise ValueError(f"{text.strip()!r} must be more than 0 and at most 30d")
    return span


def parse_spans(text: str, names: Collection[str]) -> dict[str, timedelta]:
    """Read `name=span,name=span` for the names given, each at most once."""
    spans: dict[str, timedelta] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, equals, value = (piece.strip() for piece in item.partition("="))
        if not equals:
            raise ValueError(f"{item!r} is not name=span")
        if name not in names:
            raise ValueError(f"{name!r} is not one of {', '.join(names)}")
        if name in spans:
            raise ValueError(f"{name!r} is given twice")
        spans[name] = parse_span(value)
    return spans
