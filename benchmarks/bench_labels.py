"""Benchmark: 1,000 labels in one PDF with our renderer vs. the naive image-per-label way.

Run as `python -m benchmarks.bench_labels` or `python benchmarks/bench_labels.py`.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import qrcode
from barcode import Code128
from barcode.writer import ImageWriter
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from courier.domain.masking import mask_address, mask_name, mask_phone
from courier.ports.labels import LabelData, LabelParty
from labels import LabelSize, render_labels
from labels.fonts import label_font

RECEIVER = LabelParty(
    "欧阳娜娜", "13112341907", "浙江省", "杭州市", "西湖区", "文三路100号阳光小区3栋501室"
)
SENDER = LabelParty("王小明", "0571-87654321", "北京市", "北京市", "朝阳区", "建国路88号B座1203")


def sample_labels(count: int) -> list[LabelData]:
    """Return count labels with distinct 13-digit waybill numbers."""
    return [
        LabelData(
            waybill_no=f"{1151238971060 + 7 * index:013d}",
            product_name="EMS 特快专递",
            printed_at=datetime(2024, 5, 1, 10, 30),
            sender=SENDER,
            receiver=RECEIVER,
            mark_destination_name="浙江杭州西湖",
            mark_destination_code="310012",
            route_code="571-A12",
            package_code="31000112",
            package_code_name="杭州中心",
            case_number=f"3301062024050{index:05d}",
            materials_count=index % 9 + 1,
            tracking_url=f"https://courier.example.gov.cn/t/{1151238971060 + 7 * index:013d}",
        )
        for index in range(count)
    ]


def naive_label(label: LabelData) -> bytes:
    """Render one label the common way: PNG barcode and QR images, one document per label."""
    barcode_png = io.BytesIO()
    Code128(label.waybill_no, writer=ImageWriter()).write(barcode_png)
    qr_png = io.BytesIO()
    qrcode.make(label.tracking_url).save(qr_png)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(100 * mm, 150 * mm))
    canvas.setFont(label_font(), 10)
    lines = [
        f"{label.product_name} {label.printed_at:%Y-%m-%d %H:%M}",
        f"{label.mark_destination_name} {label.route_code} {label.package_code_name}",
        f"收 {mask_name(label.receiver.name)} {mask_phone(label.receiver.phone)}",
        mask_address(label.receiver.street),
        f"寄 {mask_name(label.sender.name)} {mask_phone(label.sender.phone)}",
        f"办件编号 {label.case_number} 原件 {label.materials_count} 件",
    ]
    for row, line in enumerate(lines):
        canvas.drawString(5 * mm, 100 * mm - row * 6 * mm, line)
    for y in (120 * mm, 45 * mm):
        barcode_png.seek(0)
        canvas.drawImage(ImageReader(barcode_png), 10 * mm, y, 80 * mm, 20 * mm)
    canvas.drawImage(ImageReader(qr_png), 65 * mm, 5 * mm, 30 * mm, 30 * mm)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def timed(work: Callable[[], int]) -> tuple[float, int]:
    """Return the seconds work took and the bytes it produced."""
    start = time.perf_counter()
    size = work()
    return time.perf_counter() - start, size


def run(count: int, naive_count: int, size: LabelSize) -> None:
    labels = sample_labels(count)
    render_labels(labels[:1], size)  # register the font and warm caches outside the timing
    ours, ours_bytes = timed(lambda: len(render_labels(labels, size)))
    naive_labels: Sequence[LabelData] = labels[:naive_count]
    naive, naive_bytes = timed(lambda: sum(len(naive_label(label)) for label in naive_labels))
    ours_rate, naive_rate = count / ours, len(naive_labels) / naive
    print(f"labels: {count} in one PDF ({size.name}); naive: {len(naive_labels)} documents")
    print(f"ours : {ours_rate:8.0f} labels/s  {ours_bytes / count / 1024:6.2f} KB/label")
    print(
        f"naive: {naive_rate:8.0f} labels/s  {naive_bytes / len(naive_labels) / 1024:6.2f} KB/label"
    )
    print(f"speed-up: {ours_rate / naive_rate:.1f}x")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--naive-count", type=int, default=None, help="default: --count")
    parser.add_argument("--size", choices=[s.name for s in LabelSize], default="MM_100X150")
    args = parser.parse_args(argv)
    run(args.count, args.naive_count or args.count, LabelSize[args.size])


if __name__ == "__main__":
    main()
