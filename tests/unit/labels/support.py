"""Sample label data, rasterizing at printer resolution and a real barcode decoder."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pymupdf
import zxingcpp

from courier.ports.labels import LabelData, LabelParty

PRINTER_DPI = 203
CODE128 = str(zxingcpp.BarcodeFormat.Code128)
QR_CODE = str(zxingcpp.BarcodeFormat.QRCode)
S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)

# Parties arrive masked: the printing service masks them (courier.domain.masking).
RECEIVER = LabelParty(
    "欧**娜", "131******07", "浙江省", "杭州市", "西湖区", "文三路100号阳光小区****"
)
SENDER = LabelParty(
    "王*明", "0571******21", "北京市", "北京市", "朝阳区", "建国路88号****", "朝阳区政务服务中心"
)


def make_label(waybill_no: str = "1151238971060", **changes: object) -> LabelData:
    """Return a realistic label for waybill_no, with any field changed."""
    fields: dict[str, object] = {
        "waybill_no": waybill_no,
        "product_name": "EMS 特快专递",
        "printed_at": datetime(2024, 5, 1, 10, 30),
        "sender": SENDER,
        "receiver": RECEIVER,
        "mark_destination_name": "浙江杭州西湖",
        "mark_destination_code": "310012",
        "route_code": "571-A12",
        "package_code": "31000112",
        "package_code_name": "杭州中心",
        "case_number": "330106202405010001",
        "materials_count": 5,
        "tracking_url": f"https://courier.example.gov.cn/t/{waybill_no}",
    }
    fields.update(changes)
    return LabelData(**fields)  # type: ignore[arg-type]


def domestic_numbers(count: int, seed: int = 41833) -> list[str]:
    """Return 13-digit numbers whose first digit runs through 0-9."""
    rng = random.Random(seed)
    return [f"{i % 10}{rng.randrange(10**12):012d}" for i in range(count)]


def s10_numbers(count: int, seed: int = 41833) -> list[str]:
    """Return valid UPU S10 numbers (with the mod-11 check digit)."""
    rng = random.Random(seed)
    numbers = []
    for _ in range(count):
        serial = f"{rng.randrange(10**8):08d}"
        check = 11 - sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS, strict=True)) % 11
        check = {10: 0, 11: 5}.get(check, check)
        prefix = "E" + rng.choice(string.ascii_uppercase)
        numbers.append(f"{prefix}{serial}{check}CN")
    return numbers


@dataclass(frozen=True)
class Decoded:
    """A symbol found on a page."""

    format: str
    text: str
    top: int  # pixel row of the symbol's top edge
    left: int
    right: int


def rasterize(pdf: bytes) -> list[np.ndarray]:
    """Render each page in grey at label-printer resolution."""
    with pymupdf.open(stream=pdf, filetype="pdf") as document:  # type: ignore[no-untyped-call]
        pages = []
        for page in document:
            pixmap = page.get_pixmap(dpi=PRINTER_DPI, colorspace=pymupdf.csGRAY, alpha=False)
            image = np.frombuffer(pixmap.samples, dtype=np.uint8)
            pages.append(image.reshape(pixmap.height, pixmap.width).copy())
        return pages


def decode(image: np.ndarray) -> list[Decoded]:
    """Decode every barcode and QR code on a page image, top to bottom."""
    found = zxingcpp.read_barcodes(image, try_rotate=False, try_downscale=False)
    symbols = [
        Decoded(
            str(b.format),
            b.text,
            b.position.top_left.y,
            b.position.top_left.x,
            b.position.top_right.x,
        )
        for b in found
    ]
    return sorted(symbols, key=lambda symbol: symbol.top)


def page_texts(pdf: bytes) -> list[str]:
    """Return the extracted text of each page."""
    with pymupdf.open(stream=pdf, filetype="pdf") as document:  # type: ignore[no-untyped-call]
        return [page.get_text() for page in document]
