"""The SVG bar charts: well-formed markup, bars in proportion, labels and totals, no style."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from courier.app.charts import HEIGHT, Series, bar_chart, fit, nice_top

SVG = "{http://www.w3.org/2000/svg}"


def test_the_axis_top_is_a_round_number_at_or_above_the_largest_value() -> None:
    assert [nice_top(v) for v in (0, 3, 7, 10, 37, 950)] == [4, 4, 8, 10, 40, 1000]


def test_stacked_bars_are_in_proportion_with_each_total_written_above() -> None:
    chart = bar_chart(
        "每日寄递量",
        ["11-01", "11-02"],
        [Series("寄出", [2, 4]), Series("寄回", [2, 0], "#e08a1e")],
    )
    root = ET.fromstring(str(chart))
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "每日寄递量"
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("y") != "8"]  # without the legend
    heights = sorted(float(r.get("height")) for r in bars)
    assert len(bars) == 3 and heights[0] == heights[1] and heights[2] == 2 * heights[0]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"11-01", "11-02", "寄出", "寄回", "4"} <= set(texts)
    assert "style=" not in chart and "<script" not in chart


def test_the_axis_and_values_carry_the_unit_and_a_zero_bar_draws_nothing() -> None:
    chart = bar_chart(
        "按时率", ["第1周", "第2周"], [Series("按时率", [50.0, 0])], unit="%", top=100
    )
    root = ET.fromstring(str(chart))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "100%" in texts and "50%" in texts and "0%" in texts
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("y") != "8"]
    assert len(bars) == 1 and float(bars[0].get("height")) == (HEIGHT - 70) / 2


def test_text_is_escaped_and_long_labels_are_shortened() -> None:
    chart = bar_chart("<局>", ["A&B"], [Series("件数", [1])])
    assert "&lt;局&gt;" in chart and "A&amp;B" in chart
    assert fit("北京市公安局出入境管理总队", 60) == "北京市公安…"
    assert fit("杭州市民政局", 60) == "杭州市民政局"
