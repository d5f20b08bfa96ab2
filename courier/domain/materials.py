"""Application materials (材料清单) recorded at the window."""

from __future__ import annotations

from dataclasses import dataclass

from courier.domain.errors import InvalidValue
from courier.domain.places import required_text
from courier.domain.text import Text
from courier.domain.validation import all_valid

# A case's materials are listed by hand at the window; more than this is a mistake (or abuse).
MAX_MATERIALS = 50


def _in_range(value: int, low: int, high: int, field: str, label: str) -> int:
    if not low <= value <= high:
        raise InvalidValue(
            Text("{label}应在 {low} 至 {high} 之间。", label=label, low=low, high=high), field
        )
    return value


@dataclass(eq=False)
class Material:
    """One item of the application: its name, whether it is an original, pages and copies."""

    name: str
    original: bool = True
    pages: int = 1
    copies: int = 1
    id: int | None = None

    @classmethod
    def create(cls, name: str, original: bool = True, pages: int = 1, copies: int = 1) -> Material:
        """Validate and build a material, naming every bad part at once."""
        return cls(
            original=bool(original),
            **all_valid(
                name=lambda: required_text(name, "name", Text("材料名称"), 80),
                pages=lambda: _in_range(pages, 1, 2000, "pages", Text("页数")),
                copies=lambda: _in_range(copies, 1, 100, "copies", Text("份数")),
            ),
        )
