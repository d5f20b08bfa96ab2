"""Waybill label and handover list rendering (pure: already-masked data in, PDF bytes out)."""

from labels.adapter import PdfLabelRenderer
from labels.model import LabelData, LabelParty, LabelSize
from labels.render import render_labels

__all__ = ["LabelData", "LabelParty", "LabelSize", "PdfLabelRenderer", "render_labels"]
