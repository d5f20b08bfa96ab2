"""A leg booked over SOAP and over the EMS open platform prints the same label.

Each protocol books the same demo leg against its own simulator front (the same parcel
engine, so the same routing answer); the label data the PDF is drawn from must then be equal
but for the waybill number, which each simulator allocates for itself.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pymupdf

from courier.bootstrap import bootstrap
from courier.demo import seed_demo
from courier.domain.leg import LegStatus
from courier.ports.clock import FixedClock
from courier.ports.labels import LabelData
from courier.services.booking import book_leg
from courier.services.labels import print_labels
from courier.storage.migrate import upgrade
from labels import PdfLabelRenderer
from tests import factories
from tests.carrier_protocols import PROTOCOLS, running_front
from tests.integration.app.conftest import settings_for

LEG = 1  # the demo's originals leg of BJDC2026112600001
TRACKING_BASE = "https://courier.example.cn"


class KeptLabels(PdfLabelRenderer):
    """The PDF renderer, keeping the label data it was given."""

    def __init__(self) -> None:
        self.kept: list[LabelData] = []

    def render_labels(
        self,
        labels: Sequence[LabelData],
        size: str,
        on_page: Callable[[int], None] | None = None,
    ) -> bytes:
        self.kept.extend(labels)
        return super().render_labels(labels, size, on_page)


def booked_and_printed(protocol: str, var_dir: Path) -> tuple[LabelData, bytes]:
    """Book the demo leg through one protocol's front; return its label data and PDF."""
    var_dir.mkdir()
    with running_front(protocol) as front:
        settings = settings_for(var_dir, **front.courier_settings())
        app = bootstrap(settings, clock=FixedClock(factories.NOW))
        try:
            app.labels = renderer = KeptLabels()
            upgrade(app.engine)
            seed_demo(app)  # its jobs are dropped: the leg is booked here
            assert book_leg(app.uow(), app.carrier(), app.clock, LEG) is LegStatus.BOOKED
            with app.uow() as uow:
                window = uow.accounts.get_by_username("bj-window")
                assert window is not None and window.id is not None
            document = print_labels(
                app.uow(), app.labels, window.id, [LEG], "100x180", app.clock, TRACKING_BASE
            )
        finally:
            app.close()
    [label] = renderer.kept
    return label, document


def without_waybill(label: LabelData) -> LabelData:
    return dataclasses.replace(label, waybill_no="<waybill>", tracking_url="<tracking>")


def test_a_leg_booked_over_either_protocol_prints_the_same_label(tmp_path: Path) -> None:
    soap, ems = [booked_and_printed(p, tmp_path / p) for p in PROTOCOLS]

    assert without_waybill(soap[0]) == without_waybill(ems[0])
    assert soap[0].mark_destination_name and soap[0].route_code  # the routing did arrive
    for label, document in (soap, ems):
        assert label.tracking_url == f"{TRACKING_BASE}/t/{label.waybill_no}"
        with pymupdf.open(stream=io.BytesIO(document), filetype="pdf") as pdf:
            text = pdf[0].get_text()
        assert label.waybill_no in text.replace(" ", "")
        assert label.mark_destination_name in text and label.package_code_name in text
