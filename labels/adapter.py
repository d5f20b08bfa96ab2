"""The label renderer adapter: label stock by name, PDF bytes out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from labels.handover import HandoverListData, render_handover_list
from labels.model import LabelData, LabelSize
from labels.render import render_labels

STOCK = {
    "100x150": LabelSize.MM_100X150,
    "100x180": LabelSize.MM_100X180,
    "76x130": LabelSize.MM_76X130,
}


class PdfLabelRenderer:
    """Render labels and handover lists with reportlab."""

    def render_labels(
        self,
        labels: Sequence[LabelData],
        size: str,
        on_page: Callable[[int], None] | None = None,
    ) -> bytes:
        return render_labels(labels, STOCK[size], on_page)

    def render_handover_list(self, handover: HandoverListData) -> bytes:
        return render_handover_list(handover)
