"""What the renderer reads from a label: plain data, already masked by whoever sends it.

These are protocols, not classes, so that any object with these fields (the printing service's
data) can be rendered without this package knowing where it comes from.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class LabelParty(Protocol):
    """A sender or receiver as printed: name, phone and street already masked."""

    @property
    def name(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def province(self) -> str: ...
    @property
    def city(self) -> str: ...
    @property
    def county(self) -> str: ...
    @property
    def street(self) -> str: ...
    @property
    def organization(self) -> str: ...


class LabelData(Protocol):
    """Everything printed on one waybill label."""

    @property
    def waybill_no(self) -> str: ...
    @property
    def product_name(self) -> str: ...
    @property
    def printed_at(self) -> datetime: ...
    @property
    def sender(self) -> LabelParty: ...
    @property
    def receiver(self) -> LabelParty: ...
    @property
    def mark_destination_name(self) -> str: ...
    @property
    def mark_destination_code(self) -> str: ...
    @property
    def route_code(self) -> str: ...
    @property
    def package_code(self) -> str: ...
    @property
    def package_code_name(self) -> str: ...
    @property
    def case_number(self) -> str: ...
    @property
    def materials_count(self) -> int: ...
    @property
    def tracking_url(self) -> str: ...
    @property
    def contents(self) -> str: ...
    @property
    def reprint(self) -> bool: ...
    @property
    def remark(self) -> str: ...


@dataclass(frozen=True)
class Band:
    """A horizontal strip of the label, named by what it shows."""

    name: str
    height_mm: float


@dataclass(frozen=True)
class Geometry:
    """Page size and the bands from top to bottom; a stub follows the cut line."""

    width_mm: float
    height_mm: float
    main: tuple[Band, ...]
    stub: tuple[Band, ...] = ()


def _bands(*pairs: tuple[str, float]) -> tuple[Band, ...]:
    return tuple(Band(name, height) for name, height in pairs)


class LabelSize(enum.Enum):
    """Label stock sizes of GB/T 41833 (width × height in mm)."""

    MM_100X150 = Geometry(
        100,
        150,
        main=_bands(
            ("header", 9),
            ("barcode", 19),
            ("destination", 16),
            ("package", 8),
            ("receiver", 22),
            ("sender", 16),
        ),
        stub=_bands(("stub_barcode", 14), ("stub_parties", 14), ("remarks", 32)),
    )
    MM_100X180 = Geometry(
        100,
        180,
        main=_bands(
            ("header", 10),
            ("barcode", 22),
            ("destination", 20),
            ("package", 10),
            ("receiver", 28),
            ("sender", 20),
        ),
        stub=_bands(("stub_barcode", 16), ("stub_parties", 16), ("remarks", 38)),
    )
    MM_76X130 = Geometry(
        76,
        130,
        main=_bands(
            ("header", 8),
            ("barcode", 18),
            ("destination", 14),
            ("package", 7),
            ("receiver", 24),
            ("sender", 17),
            ("remarks", 28),
            ("stub_barcode", 14),
        ),
    )

    @property
    def geometry(self) -> Geometry:
        return self.value
