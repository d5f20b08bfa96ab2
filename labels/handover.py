"""Render the handover list (交接清单) a hall and the postman sign when parcels change hands."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from labels.barcodes import draw_code128
from labels.fonts import text_width
from labels.layout import Box
from labels.render import binary_streams
from labels.text import draw, draw_right, fit_size

MARGIN: float = 15 * mm
HEADER_HEIGHT: float = 26 * mm
TABLE_HEAD: float = 8 * mm
ROW_HEIGHT: float = 14 * mm
SIGNATURE_HEIGHT: float = 34 * mm
MODULE_DOTS = 2
# Column title and width in mm; the last column takes the rest.
COLUMNS = (("序号", 14), ("运单号", 74), ("寄达地", 66), ("材料件数", 0))


class HandoverParcel(Protocol):
    """One parcel handed to the postman."""

    @property
    def waybill_no(self) -> str: ...
    @property
    def destination(self) -> str: ...
    @property
    def materials_count(self) -> int: ...


class HandoverListData(Protocol):
    """The parcels one hall hands over at one pickup."""

    @property
    def hall_name(self) -> str: ...
    @property
    def pickup_at(self) -> datetime: ...
    @property
    def parcels(self) -> Sequence[HandoverParcel]: ...


def rows_per_page() -> int:
    """Return how many parcels fit on one page above the totals and signatures."""
    room = A4[1] - 2 * MARGIN - HEADER_HEIGHT - TABLE_HEAD - SIGNATURE_HEIGHT - ROW_HEIGHT
    return int(room // ROW_HEIGHT)


def render_handover_list(handover: HandoverListData) -> bytes:
    """Render the list as an A4 PDF; every page carries signature boxes."""
    if not handover.parcels:
        raise ValueError("no parcels to hand over")
    per_page = rows_per_page()
    pages = [handover.parcels[i : i + per_page] for i in range(0, len(handover.parcels), per_page)]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle("交接清单")
    for number, parcels in enumerate(pages, 1):
        top = _draw_header(canvas, handover, f"第 {number} / {len(pages)} 页")
        top = _draw_table(canvas, top, parcels, first_index=(number - 1) * per_page + 1)
        if number == len(pages):
            _draw_totals(canvas, top, handover.parcels)
        _draw_signatures(canvas)
        canvas.showPage()
    with binary_streams():
        canvas.save()
    return buffer.getvalue()


def _draw_header(canvas: Canvas, handover: HandoverListData, page_label: str) -> float:
    top: float = A4[1] - MARGIN
    title = "邮件交接清单"
    draw(canvas, (A4[0] - text_width(title, 18)) / 2, top - 18, title, 18, bold=True)
    line = top - 18 - 10 * mm
    draw(canvas, MARGIN, line, f"服务大厅：{handover.hall_name}", 10)
    draw(canvas, MARGIN, line - 6 * mm, f"揽收时间：{handover.pickup_at:%Y-%m-%d %H:%M}", 10)
    draw_right(canvas, A4[0] - MARGIN, line - 6 * mm, page_label, 9)
    return top - HEADER_HEIGHT


def _columns(top: float, height: float) -> list[Box]:
    x = MARGIN
    boxes = []
    for _, width_mm in COLUMNS:
        width = width_mm * mm or A4[0] - MARGIN - x
        boxes.append(Box(x, top - height, width, height))
        x += width
    return boxes


def _draw_table(
    canvas: Canvas, top: float, parcels: Sequence[HandoverParcel], first_index: int
) -> float:
    canvas.setLineWidth(0.6)
    for (title, _), cell in zip(COLUMNS, _columns(top, TABLE_HEAD), strict=True):
        canvas.rect(cell.x, cell.y, cell.width, cell.height)
        draw(canvas, cell.x + 2 * mm, cell.y + 2.5 * mm, title, 9, bold=True)
    top -= TABLE_HEAD
    for index, parcel in enumerate(parcels, first_index):
        _draw_row(canvas, _columns(top, ROW_HEIGHT), index, parcel)
        top -= ROW_HEIGHT
    return top


def _draw_row(canvas: Canvas, cells: list[Box], index: int, parcel: HandoverParcel) -> None:
    for cell in cells:
        canvas.rect(cell.x, cell.y, cell.width, cell.height)
    number, waybill, destination, count = cells
    middle = number.y + number.height / 2 - 3
    draw(canvas, number.x + 2 * mm, middle, str(index), 9)
    draw_code128(canvas, parcel.waybill_no, waybill.x, waybill.y + 5 * mm, 7 * mm, MODULE_DOTS)
    draw(canvas, waybill.x + 5 * mm, waybill.y + 1.5 * mm, parcel.waybill_no, 8)
    place = parcel.destination
    draw(
        canvas,
        destination.x + 2 * mm,
        middle,
        place,
        fit_size(place, destination.width - 4 * mm, 9),
    )
    draw(canvas, count.x + 2 * mm, middle, f"{parcel.materials_count} 件", 9)


def _draw_totals(canvas: Canvas, top: float, parcels: Sequence[HandoverParcel]) -> None:
    materials = sum(parcel.materials_count for parcel in parcels)
    text = f"合计：邮件 {len(parcels)} 件，材料 {materials} 件"
    draw(canvas, MARGIN, top - 7 * mm, text, 10, bold=True)


def _draw_signatures(canvas: Canvas) -> None:
    width = (A4[0] - 2 * MARGIN - 6 * mm) / 2
    boxes = (("大厅经办人签字：", "交接时间："), ("揽收投递员签字：", "揽收时间："))
    for column, (who, when) in enumerate(boxes):
        box = Box(MARGIN + column * (width + 6 * mm), MARGIN, width, SIGNATURE_HEIGHT - 6 * mm)
        canvas.rect(box.x, box.y, box.width, box.height)
        draw(canvas, box.x + 3 * mm, box.top - 8 * mm, who, 10)
        draw(canvas, box.x + 3 * mm, box.y + 5 * mm, when, 10)
