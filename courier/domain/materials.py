"""Application materials (材料清单) recorded at the window."""

from __future__ import annotations

from dataclasses import dataclass

from courier.domain.errors import InvalidValue
from courier.domain.places import required_text


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
        """Validate and build a material."""
        if not 1 <= pages <= 2000:
            raise InvalidValue("页数应在 1 至 2000 之间。", "pages")
        if not 1 <= copies <= 100:
            raise InvalidValue("份数应在 1 至 100 之间。", "copies")
        return cls(required_text(name, "name", "材料名称", 80), bool(original), pages, copies)
