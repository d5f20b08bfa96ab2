"""The label renderer port: plain, already-masked data in, PDF bytes out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

# Label stock every renderer prints (GB/T 41833 sizes, width x height in mm); the first is the
# default.
LABEL_SIZES = ("100x150", "100x180", "76x130")


@dataclass(frozen=True)
class LabelParty:
    """A sender or receiver as printed: name, phone and street already masked."""

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
    contents: str = "文件"  # said as is: printed on the label
    reprint: bool = False
    remark: str = ""


@dataclass(frozen=True)
class HandoverParcel:
    """One parcel handed to the postman."""

    waybill_no: str
    destination: str
    materials_count: int


@dataclass(frozen=True)
class HandoverListData:
    """The parcels one hall hands over at one pickup."""

    hall_name: str
    pickup_at: datetime
    parcels: Sequence[HandoverParcel]


class LabelRenderer(Protocol):
    def render_labels(
        self,
        labels: Sequence[LabelData],
        size: str,
        on_page: Callable[[int], None] | None = None,
    ) -> bytes:
        """Render one page per label, in the given order, on one of LABEL_SIZES."""
        ...

    def render_handover_list(self, handover: HandoverListData) -> bytes:
        """Render the handover list (交接清单) of one pickup."""
        ...
