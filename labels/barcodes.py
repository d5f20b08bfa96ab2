"""Vector Code 128 and QR codes aligned to the 203-dpi dot grid of label printers."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from barcode import Code128
from reportlab.pdfgen.canvas import Canvas

from labels.qr import qr_matrix

DOT = 72 / 203  # one printer dot in points
QUIET_MODULES = 10
_DARK_RUN = re.compile("1+")
_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")  # a matrix row of bools as "0"/"1"


@lru_cache(maxsize=4096)
def code128_modules(data: str) -> str:
    """Return the bar/space modules ('1'/'0') of data, code sets chosen for shortest symbol."""
    return str(Code128(data).build()[0])


def code128_width(data: str, module_dots: int) -> float:
    """Return the width in points of the symbol with both quiet zones."""
    return (len(code128_modules(data)) + 2 * QUIET_MODULES) * module_dots * DOT


def draw_code128(
    canvas: Canvas, data: str, x: float, y: float, height: float, module_dots: int
) -> float:
    """Draw data as bars from x (left of the quiet zone) and return the symbol width."""
    left = math.ceil(x / DOT) + QUIET_MODULES * module_dots
    runs = _bar_runs(code128_modules(data))
    rects = " ".join(
        f"{left + start * module_dots} 0 {length * module_dots} 1 re" for start, length in runs
    )
    canvas.addLiteral(f"q {DOT:.6f} 0 0 {height:.3f} 0 {y:.3f} cm {rects} f Q")
    return code128_width(data, module_dots)


def _bar_runs(modules: str) -> list[tuple[int, int]]:
    """Return (start, length) of every run of dark modules."""
    return [(run.start(), run.end() - run.start()) for run in _DARK_RUN.finditer(modules)]


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> float:
    """Draw data as a QR code of at most size points, whole dots per module; return its side."""
    matrix = qr_matrix(data)
    count = len(matrix)
    x, y = round(x / DOT) * DOT, round(y / DOT) * DOT  # modules start on printer dots
    module_dots = max(1, int(size / DOT) // count)
    rects = " ".join(
        f"{run.start()} {count - 1 - row} {run.end() - run.start()} 1 re"
        for row, line in enumerate(matrix)
        for run in _DARK_RUN.finditer(bytes(line).translate(_AS_DIGITS).decode())
    )
    scale = module_dots * DOT
    canvas.addLiteral(f"q {scale:.6f} 0 0 {scale:.6f} {x:.3f} {y:.3f} cm {rects} f Q")
    return count * scale
