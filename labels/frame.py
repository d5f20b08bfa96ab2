"""The static frame of a label (rules and captions), drawn once per document as a form."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from labels.layout import (
    PAD,
    Box,
    Layout,
    destination_columns,
    party_columns,
    remarks_columns,
    signature_columns,
)
from labels.text import draw

RULE = 0.6
CAPTIONS = {"receiver": "收", "sender": "寄"}


def define_frame(canvas: Canvas, name: str, layout: Layout) -> None:
    """Record the frame of layout as the form XObject name."""
    canvas.beginForm(name)
    canvas.setLineWidth(RULE)
    page = layout.page
    bands = layout.bands
    outline = Box(bands["header"].x, min(b.y for b in bands.values()), bands["header"].width, 0)
    canvas.rect(outline.x, outline.y, outline.width, bands["header"].top - outline.y)
    for box in bands.values():
        canvas.line(box.x, box.y, box.right, box.y)
    _draw_columns(canvas, bands)
    _draw_captions(canvas, bands)
    if layout.cut_y is not None:
        _draw_cut_line(canvas, page, layout.cut_y)
    canvas.endForm()


def _draw_columns(canvas: Canvas, bands: dict[str, Box]) -> None:
    splits = [destination_columns(bands["destination"])[1]]
    splits += [party_columns(bands[name])[1] for name in CAPTIONS]
    splits.append(signature_columns(bands["sender"])[1])
    splits.append(remarks_columns(bands["remarks"])[1])
    for box in splits:
        canvas.line(box.x, box.y, box.x, box.top)


def _draw_captions(canvas: Canvas, bands: dict[str, Box]) -> None:
    for name, caption in CAPTIONS.items():
        column = party_columns(bands[name])[0]
        size = min(column.width * 0.8, 16)
        draw(canvas, column.x + (column.width - size) / 2, column.top - size - PAD, caption, size)
    package = bands["package"]
    size = min(package.height * 0.45, 9)
    draw(canvas, package.x + PAD, package.y + (package.height - size) / 2 + 1, "集包地", size)
    signature = signature_columns(bands["sender"])[1]
    draw(canvas, signature.x + PAD, signature.top - 7 - PAD, "签收人：", 7)
    draw(canvas, signature.x + PAD, signature.y + PAD + 1, "签收时间：", 7)
    remarks = remarks_columns(bands["remarks"])[0]
    draw(canvas, remarks.x + PAD, remarks.top - 7 - PAD, "备注", 7)


def _draw_cut_line(canvas: Canvas, page: Box, y: float) -> None:
    canvas.saveState()
    canvas.setDash(2 * mm, 1 * mm)
    canvas.setLineWidth(RULE * 1.5)
    canvas.line(0, y, page.width, y)
    canvas.restoreState()
