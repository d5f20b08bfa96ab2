"""Render the monthly postage statement (对账单): a table of legs, the totals, the findings."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Protocol

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from labels.fonts import text_width
from labels.render import binary_streams
from labels.text import draw, draw_right, fit_size, wrap

PAGE = landscape(A4)
MARGIN: float = 12 * mm
ROW: float = 6 * mm
HEAD_SIZE = 7.5
CELL_SIZE = 7.0
# Relative widths of the twelve columns (case, order, waybill, kind, product, weight,
# insured, cancelled, postage, fee, total, check).
WEIGHTS = (13, 15, 11, 7, 9, 6, 7, 5, 6, 6, 6, 14)


class StatementPdfData(Protocol):
    """A statement as printed: every cell already text."""

    @property
    def title(self) -> str: ...
    @property
    def facts(self) -> Sequence[str]: ...
    @property
    def columns(self) -> Sequence[str]: ...
    @property
    def rows(self) -> Sequence[Sequence[str]]: ...
    @property
    def totals(self) -> Sequence[str]: ...
    @property
    def findings(self) -> Sequence[str]: ...


def render_statement(statement: StatementPdfData) -> bytes:
    """Render the statement as a landscape A4 PDF, as many pages as its lines need."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE, pageCompression=1)
    canvas.setTitle(statement.title)
    widths = _widths(len(statement.columns))
    top = _new_page(canvas, statement, widths, 1)
    page = 1
    for row in statement.rows:
        if top - ROW < MARGIN:
            page += 1
            top = _next_page(canvas, statement, widths, page)
        _draw_row(canvas, top, widths, row, CELL_SIZE)
        top -= ROW
    _draw_summary(canvas, statement, top - 4 * mm)
    canvas.showPage()
    with binary_streams():
        canvas.save()
    return buffer.getvalue()


def _widths(count: int) -> list[float]:
    weights = WEIGHTS if count == len(WEIGHTS) else (1,) * count
    room = PAGE[0] - 2 * MARGIN
    return [room * w / sum(weights) for w in weights]


def _next_page(
    canvas: Canvas, statement: StatementPdfData, widths: list[float], page: int
) -> float:
    canvas.showPage()
    return _new_page(canvas, statement, widths, page)


def _new_page(canvas: Canvas, statement: StatementPdfData, widths: list[float], page: int) -> float:
    top: float = PAGE[1] - MARGIN
    draw(canvas, (PAGE[0] - text_width(statement.title, 16)) / 2, top - 16, statement.title, 16)
    draw(canvas, MARGIN, top - 16 - 8 * mm, "    ".join(statement.facts), 9)
    draw_right(canvas, PAGE[0] - MARGIN, top - 16 - 8 * mm, f"第 {page} 页", 8)
    top -= 16 + 12 * mm
    _draw_row(canvas, top, widths, statement.columns, HEAD_SIZE, bold=True)
    return top - ROW


def _draw_row(
    canvas: Canvas,
    top: float,
    widths: list[float],
    cells: Sequence[str],
    size: float,
    bold: bool = False,
) -> None:
    canvas.setLineWidth(0.4)
    x = MARGIN
    for width, text in zip(widths, cells, strict=True):
        canvas.rect(x, top - ROW, width, ROW)
        fitted = fit_size(text, width - 2 * mm, size)
        draw(canvas, x + 1 * mm, top - ROW + 2 * mm, text, fitted, bold=bold)
        x += width


def _draw_summary(canvas: Canvas, statement: StatementPdfData, top: float) -> None:
    """Draw the totals and the findings below the table, on further pages as needed."""
    room = PAGE[0] - 2 * MARGIN
    findings = [f"· {finding}" for finding in statement.findings]
    lines = ["合计：" + "，".join(statement.totals), "核对结果：" + ("" if findings else "无异常")]
    for text in [*lines, *findings]:
        for part in wrap(text, room, 9):
            if top - 5 * mm < MARGIN:
                canvas.showPage()
                top = PAGE[1] - MARGIN
            draw(canvas, MARGIN, top - 9, part, 9)
            top -= 5 * mm


class PdfStatementRenderer:
    """Render statements with reportlab (the StatementRenderer port)."""

    def render_statement(self, statement: StatementPdfData) -> bytes:
        return render_statement(statement)
