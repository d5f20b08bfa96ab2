"""Plain label data: what a waybill label shows, before masking."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class LabelParty:
    """A sender or receiver as the carrier knows them (full, unmasked)."""

    name: str
    phone: str
    province: str
    city: str
    county: str
    street: str
    organization: str = ""


@dataclass(frozen=True)
class LabelData:
    """Everything printed on one waybill label."""

    waybill_no: str
    product_name: str
    printed_at: datetime
    sender: LabelParty
    receiver: LabelParty
    mark_destination_name: str
    mark_destination_code: str
    route_code: str
    package_code: str
    package_code_name: str
    case_number: str
    materials_count: int
    tracking_url: str
    contents: str = "文件"
    reprint: bool = False
    remark: str = ""


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
