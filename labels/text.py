"""Fit and draw label text in the embedded CJK font."""

from __future__ import annotations

import re

from reportlab.pdfgen.canvas import Canvas

from labels.fonts import label_font, text_width

LEADING = 1.18
_TOKENS = re.compile(r"\*+|[0-9A-Za-z]+|.")  # keep masks and numbers whole
MIN_SIZE = 5.0


def fit_size(text: str, width: float, max_size: float) -> float:
    """Return the largest size up to max_size at which text fits width on one line."""
    natural = text_width(text, max_size)
    if natural <= width or not text:
        return max_size
    return max(MIN_SIZE, max_size * width / natural)


def wrap(text: str, width: float, size: float) -> list[str]:
    """Break text into lines no wider than width (Chinese wraps at any character)."""
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        if line and text_width(line + token, size) > width:
            lines.append(line)
            line = token.lstrip()
        else:
            line += token
    return [*lines, line] if line else lines


def fit_block(text: str, width: float, height: float, max_size: float) -> tuple[float, list[str]]:
    """Return the largest size (and its lines) at which text fits the box."""
    size = max_size
    while True:
        lines = wrap(text, width, size)
        if len(lines) * size * LEADING <= height or size <= MIN_SIZE:
            return size, lines
        size = max(MIN_SIZE, size - 0.5)


def draw(canvas: Canvas, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
    """Draw text with its baseline at y; bold strokes the outline since the font has no bold."""
    canvas.setFont(label_font(), size)
    if bold:
        canvas.setLineWidth(size * 0.045)
    canvas.drawString(x, y, text, mode=2 if bold else 0)


def draw_right(canvas: Canvas, right: float, y: float, text: str, size: float) -> None:
    """Draw text ending at right."""
    draw(canvas, right - text_width(text, size), y, text, size)


def draw_lines(canvas: Canvas, x: float, top: float, lines: list[str], size: float) -> float:
    """Draw lines downward from top and return the y below the last one."""
    y = top - size
    for line in lines:
        draw(canvas, x, y, line, size)
        y -= size * LEADING
    return y + size - size * LEADING
