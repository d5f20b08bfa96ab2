"""Where each band and column of a label sits on the page (points, origin bottom left)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.units import mm

from labels.model import Band, LabelSize

MARGIN = 1.5 * mm  # printers cannot reach the very edge of the stock
PAD = 1.5 * mm  # inside a band, keep text off the rules
PARTY_CAPTION = 7 * mm  # the column holding 收 / 寄


@dataclass(frozen=True)
class Box:
    """A rectangle on the page."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width

    def inset(self, dx: float, dy: float | None = None) -> Box:
        """Return the box shrunk by dx left/right and dy top/bottom."""
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, self.width - 2 * dx, self.height - 2 * dy)

    def split(self, left_width: float) -> tuple[Box, Box]:
        """Cut the box vertically into a left part of left_width and the rest."""
        left = Box(self.x, self.y, left_width, self.height)
        return left, Box(self.x + left_width, self.y, self.width - left_width, self.height)


@dataclass(frozen=True)
class Layout:
    """The boxes of one label size."""

    page: Box
    bands: dict[str, Box]
    cut_y: float | None  # where the stub is torn off, if the stock has one


@cache
def layout_for(size: LabelSize) -> Layout:
    """Stack the bands of size from the top margin down."""
    geometry = size.geometry
    page = Box(0, 0, geometry.width_mm * mm, geometry.height_mm * mm)
    inner = page.inset(MARGIN)
    bands: dict[str, Box] = {}
    top = inner.top
    scale = inner.height / (page.height)  # margins shrink every band a little
    for band in (*geometry.main, *geometry.stub):
        top = _place(bands, band, inner, top, scale)
    cut_y = bands[geometry.stub[0].name].top if geometry.stub else None
    return Layout(page, bands, cut_y)


def _place(bands: dict[str, Box], band: Band, inner: Box, top: float, scale: float) -> float:
    height: float = band.height_mm * mm * scale
    bands[band.name] = Box(inner.x, top - height, inner.width, height)
    return top - height


def party_columns(band: Box) -> tuple[Box, Box]:
    """Split a receiver/sender band into the caption column and the text."""
    return band.split(PARTY_CAPTION)


def signature_columns(band: Box) -> tuple[Box, Box]:
    """Split the sender band into party text and the signature box on the right."""
    return band.split(band.width * 0.66)


def destination_columns(band: Box) -> tuple[Box, Box]:
    """Split the destination band into 大头笔 (left) and sorting code (right)."""
    return band.split(band.width * 0.6)


def remarks_columns(band: Box) -> tuple[Box, Box]:
    """Split the remarks band into text (left) and a square for the QR code."""
    side = min(band.height, 26 * mm)
    return band.split(band.width - side)
