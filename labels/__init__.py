"""Labels, handover lists and statements as PDF (pure: already-masked data in, bytes out)."""

from labels.adapter import PdfLabelRenderer
from labels.model import LabelData, LabelParty, LabelSize
from labels.render import render_labels
from labels.statement import PdfStatementRenderer

__all__ = [
    "LabelData",
    "LabelParty",
    "LabelSize",
    "PdfLabelRenderer",
    "PdfStatementRenderer",
    "render_labels",
]
