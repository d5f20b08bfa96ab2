"""Waybill label and handover list rendering (pure: data in, PDF bytes out)."""

from labels.model import LabelData, LabelParty, LabelSize
from labels.render import render_labels

__all__ = ["LabelData", "LabelParty", "LabelSize", "render_labels"]
