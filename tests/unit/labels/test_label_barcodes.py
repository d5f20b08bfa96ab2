"""Every label's barcodes and QR code decode, in every size, at 203 dpi."""

from __future__ import annotations

import re

import numpy as np
import pytest

from labels import LabelSize, render_labels
from tests.unit.labels.support import (
    CODE128,
    QR_CODE,
    decode,
    domestic_numbers,
    make_label,
    rasterize,
    s10_numbers,
)

NUMBERS = domestic_numbers(40) + s10_numbers(20)


@pytest.mark.parametrize("size", list(LabelSize))
def test_both_barcodes_and_the_qr_decode_to_the_label_numbers(size: LabelSize) -> None:
    pdf = render_labels([make_label(number) for number in NUMBERS], size)

    for number, image in zip(NUMBERS, rasterize(pdf), strict=True):
        symbols = decode(image)
        codes = [s.text for s in symbols if s.format == CODE128]
        links = [s.text for s in symbols if s.format == QR_CODE]
        assert codes == [number, number]
        assert links == [f"https://courier.example.gov.cn/t/{number}"]


@pytest.mark.parametrize("number", ["1151238971060", "EA123456785CN"])
@pytest.mark.parametrize("size", list(LabelSize))
def test_every_bar_is_a_whole_number_of_printer_dots(number: str, size: LabelSize) -> None:
    image = rasterize(render_labels([make_label(number)], size))[0]
    main = decode(image)[0]

    widths = _run_widths(image[main.top + 10, main.left - 20 : main.right + 20])

    assert widths, "no bars found on the scan line"
    assert {width % 3 for width in widths} == {0}


def _run_widths(row: np.ndarray) -> list[int]:
    """Return the lengths of dark and light runs between the first and last dark pixel."""
    modules = "".join("1" if pixel < 128 else "0" for pixel in row).strip("0")
    return [len(run.group()) for run in re.finditer(r"1+|0+", modules)]


def test_code_set_c_keeps_a_domestic_number_short() -> None:
    image = rasterize(render_labels([make_label("9858638312956")]))[0]
    main = decode(image)[0]

    modules = sum(_run_widths(image[main.top + 10, main.left - 20 : main.right + 20])) // 3

    # start C, 6 digit pairs, code B, 1 digit and check (11 modules each), stop (13)
    assert modules == 10 * 11 + 13
