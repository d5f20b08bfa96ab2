"""Bar charts as inline SVG markup: bars, axis labels and values, no script and no style."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 30, 40
TICKS = 4
PALETTE = ("#0b6e4f", "#e08a1e", "#3b6fb6", "#b42318", "#7a5195", "#6b7785", "#2a9d8f")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    fill: str = PALETTE[0]


def nice_top(largest: float) -> float:
    """Return a round axis maximum at or above the largest value (1, 2, 2.5 or 5 × 10ⁿ)."""
    if largest <= 0:
        return TICKS
    step = largest / TICKS
    magnitude = 10 ** math.floor(math.log10(step))
    nice = next(m for m in (1, 2, 2.5, 5, 10) if m * magnitude >= step)
    return float(nice * magnitude * TICKS)


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def _text(x: float, y: float, words: str, anchor: str = "middle", size: int = 11) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="#1d2733">{escape(words)}</text>'
    )


def fit(label: str, width: float, size: int = 10) -> str:
    """Shorten a label to the width under its bar (the table beside the chart has it whole)."""
    room = max(2, int(width / size))
    return label if len(label) <= room else label[: room - 1] + "…"


def _axis(top: float, unit: str) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = []
    for tick in range(TICKS + 1):
        value = top * tick / TICKS
        y = HEIGHT - BOTTOM - plot_h * tick / TICKS
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#dde3ea"/>'
        )
        parts.append(_text(LEFT - 4, y + 4, _number(value) + unit, "end", 10))
    return parts


def _legend(series: Sequence[Series]) -> list[str]:
    parts, x = [], LEFT
    for one in series:
        parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{escape(one.fill)}"/>')
        parts.append(_text(x + 16, 18, one.name, "start"))
        x += 24 + 13 * len(one.name)
    return parts


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    unit: str = "",
    top: float | None = None,
    label_every: int = 1,
) -> Markup:
    """Draw stacked bars, one per label, with the axis, the labels and each bar's total."""
    totals = [sum(one.values[i] for one in series) for i in range(len(labels))]
    top = top or nice_top(max(totals, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(labels), 1)
    parts = [f"<title>{escape(title)}</title>", *_axis(top, unit), *_legend(series)]
    for i, label in enumerate(labels):
        x, base = LEFT + slot * i + slot * 0.15, float(HEIGHT - BOTTOM)
        for one in series:
            height = plot_h * one.values[i] / top
            if height > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{base - height:.1f}" width="{slot * 0.7:.1f}" '
                    f'height="{height:.1f}" fill="{escape(one.fill)}"/>'
                )
            base -= height
        if totals[i]:
            parts.append(_text(x + slot * 0.35, base - 3, _number(totals[i]) + unit, size=10))
        if i % label_every == 0:
            words = fit(label, slot * label_every)
            parts.append(_text(x + slot * 0.35, HEIGHT - BOTTOM + 16, words, size=10))
    body = "".join(parts)
    return Markup(
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg">{body}</svg>'
    )
