"""Draw the per-label content of each band."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from labels.barcodes import code128_width, draw_code128, draw_qr
from labels.fonts import text_width
from labels.layout import (
    PAD,
    Box,
    destination_columns,
    party_columns,
    remarks_columns,
    signature_columns,
)
from labels.model import LabelData, LabelParty
from labels.text import LEADING, draw, draw_lines, draw_right, fit_block, fit_size, wrap

MAIN_MODULE_DOTS = 3
STUB_MODULE_DOTS = 2
MAIN_BAR_HEIGHT = 13 * mm


@dataclass(frozen=True)
class PrintedParty:
    """A party as it appears on paper (the data arrives masked: nothing is masked here)."""

    name: str
    phone: str
    address: str

    @classmethod
    def of(cls, party: LabelParty) -> PrintedParty:
        address = region(party) + party.street
        if party.organization:
            address = f"{party.organization}　{address}"
        return cls(party.name, party.phone, address)

    @property
    def contact(self) -> str:
        return f"{self.name}  {self.phone}"


def region(party: LabelParty) -> str:
    """Return province, city and county, naming a municipality once (北京市, not 北京市北京市)."""
    city = "" if party.city == party.province else party.city
    return party.province + city + party.county


def draw_header(canvas: Canvas, box: Box, label: LabelData) -> None:
    size = min(box.height * 0.5, 13)
    baseline = box.y + (box.height - size) / 2 + size * 0.12
    draw(canvas, box.x + PAD, baseline, label.product_name, size, bold=True)
    stamp = label.printed_at.strftime("%Y-%m-%d %H:%M")
    draw_right(canvas, box.right - PAD, baseline, stamp, min(size * 0.7, 8))
    if label.reprint:
        _draw_reprint_mark(canvas, box, size)


def _draw_reprint_mark(canvas: Canvas, box: Box, size: float) -> None:
    """Print 补打 white on black so a reprint cannot pass for the first label."""
    width = size * 2 + 2 * PAD
    x = box.x + box.width * 0.5
    canvas.rect(x, box.y + 1, width, box.height - 2, stroke=0, fill=1)
    canvas.setFillGray(1)
    canvas.setStrokeGray(1)
    draw(canvas, x + PAD, box.y + (box.height - size) / 2 + size * 0.12, "补打", size, bold=True)
    canvas.setFillGray(0)
    canvas.setStrokeGray(0)


def draw_main_barcode(canvas: Canvas, box: Box, label: LabelData) -> None:
    _draw_barcode_with_number(canvas, box, label.waybill_no, MAIN_MODULE_DOTS, 10)


def draw_stub_barcode(canvas: Canvas, box: Box, label: LabelData) -> None:
    _draw_barcode_with_number(canvas, box, label.waybill_no, STUB_MODULE_DOTS, 8)


def _draw_barcode_with_number(
    canvas: Canvas, box: Box, number: str, module_dots: int, text_size: float
) -> None:
    bar_height = min(MAIN_BAR_HEIGHT, box.height - text_size - 3 * PAD)
    x = box.x + (box.width - code128_width(number, module_dots)) / 2
    draw_code128(canvas, number, x, box.top - PAD - bar_height, bar_height, module_dots)
    size = fit_size(number, box.width, text_size)
    draw(canvas, box.x + (box.width - text_width(number, size)) / 2, box.y + PAD, number, size)


def draw_destination(canvas: Canvas, box: Box, label: LabelData) -> None:
    mark_box, route_box = (b.inset(PAD) for b in destination_columns(box))
    code_size = min(mark_box.height * 0.3, 8)
    mark = label.mark_destination_name
    size = fit_size(mark, mark_box.width, mark_box.height - code_size - 2)
    draw(canvas, mark_box.x, mark_box.top - size * 0.9, mark, size, bold=True)
    draw(canvas, mark_box.x, mark_box.y, label.mark_destination_code, code_size)
    route = label.route_code
    size = fit_size(route, route_box.width, route_box.height * 0.8)
    x = route_box.x + (route_box.width - text_width(route, size)) / 2
    draw(canvas, x, route_box.y + (route_box.height - size * 0.8) / 2, route, size, bold=True)


def draw_package(canvas: Canvas, box: Box, label: LabelData) -> None:
    text = f"{label.package_code_name}  {label.package_code}"
    inner = box.inset(PAD)
    left = inner.x + 11 * mm
    size = fit_size(text, inner.right - left, min(inner.height * 0.9, 12))
    draw(canvas, left, inner.y + (inner.height - size) / 2 + size * 0.1, text, size, bold=True)


def draw_receiver(canvas: Canvas, box: Box, label: LabelData) -> None:
    _draw_party(canvas, party_columns(box)[1], PrintedParty.of(label.receiver), 12)


def draw_sender(canvas: Canvas, box: Box, label: LabelData) -> None:
    text_box = signature_columns(party_columns(box)[1])[0]
    _draw_party(canvas, text_box, PrintedParty.of(label.sender), 8.5)


def _draw_party(canvas: Canvas, box: Box, party: PrintedParty, size: float) -> None:
    inner = box.inset(PAD)
    contact_size = fit_size(party.contact, inner.width, size)
    draw(canvas, inner.x, inner.top - contact_size, party.contact, contact_size, bold=True)
    room = inner.height - contact_size * LEADING
    address_size, lines = fit_block(party.address, inner.width, room, size * 0.85)
    draw_lines(canvas, inner.x, inner.top - contact_size * LEADING, lines, address_size)


def draw_stub_parties(canvas: Canvas, box: Box, label: LabelData) -> None:
    inner = box.inset(PAD)
    rows = (("收", label.receiver), ("寄", label.sender))
    size = min(inner.height / 2 / LEADING, 8)
    for index, (caption, party) in enumerate(rows):
        printed = PrintedParty.of(party)
        text = f"{caption}  {printed.contact}  {region(party)}"
        y = inner.top - size - index * (inner.height / 2)
        draw(canvas, inner.x, y, text, fit_size(text, inner.width, size))


def draw_remarks(canvas: Canvas, box: Box, label: LabelData) -> None:
    text_box, qr_box = remarks_columns(box)
    inner = text_box.inset(PAD)
    below_caption = inner.top - 7 * LEADING  # under the static 备注 caption
    size = min((below_caption - inner.y) / 4 / LEADING, 9)
    case = f"办件编号 {label.case_number}"
    draw(canvas, inner.x, below_caption - size, case, fit_size(case, inner.width, size))
    lines = [part for line in _remark_lines(label) for part in wrap(line, inner.width, size)]
    draw_lines(canvas, inner.x, below_caption - size * LEADING, lines[:3], size)
    square = qr_box.inset(PAD)
    side = min(square.width, square.height)
    draw_qr(canvas, label.tracking_url, square.x + (square.width - side) / 2, square.y, side)


def _remark_lines(label: LabelData) -> list[str]:
    lines = [f"原件 {label.materials_count} 件  内件：{label.contents}"]
    return [*lines, label.remark] if label.remark else lines


BAND_DRAWERS: dict[str, Callable[[Canvas, Box, LabelData], None]] = {
    "header": draw_header,
    "barcode": draw_main_barcode,
    "destination": draw_destination,
    "package": draw_package,
    "receiver": draw_receiver,
    "sender": draw_sender,
    "stub_barcode": draw_stub_barcode,
    "stub_parties": draw_stub_parties,
    "remarks": draw_remarks,
}
