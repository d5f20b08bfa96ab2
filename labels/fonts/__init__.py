"""Register the embedded CJK label font once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "WenQuanYiMicroHei"
FONT_FILE = Path(__file__).with_name("WenQuanYiMicroHei-GBK.ttf")


@cache
def label_font() -> str:
    """Register the subsetted TrueType CJK font and return its name."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE)))
    return FONT_NAME


def text_width(text: str, size: float) -> float:
    """Return the width in points of text set in the label font."""
    return float(pdfmetrics.stringWidth(text, label_font(), size))
