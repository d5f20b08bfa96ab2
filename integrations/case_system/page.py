"""The simulator's page: the reports received, newest first, in Chinese."""

from __future__ import annotations

from html import escape
from typing import Any

_HEAD = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
    '<meta http-equiv="refresh" content="3"><title>办件系统模拟器：收到的回传</title></head><body>'
    "<h1>办件系统模拟器：收到的回传</h1>"
)
SHOWN = 500  # the newest; GET /reports has them all
_COLUMNS = (
    "接收时间",
    "webhook-id",
    "事件类型",
    "办件编号",
    "序号",
    "验签",
    "重复",
    "应答",
    "说明",
)


def reports_page(reports: list[dict[str, Any]]) -> str:
    """Render the reports as one HTML table (every value escaped)."""
    if not reports:
        return _HEAD + "<p>尚未收到回传。</p></body></html>"
    header = "".join(f"<th>{escape(c)}</th>" for c in _COLUMNS)
    rows = "".join(_row(r) for r in reports[::-1][:SHOWN])
    count = f"<p>共收到 {len(reports)} 次回传（最新 {SHOWN} 次在前，每 3 秒刷新）。</p>"
    return f"{_HEAD}{count}<table><tr>{header}</tr>{rows}</table></body></html>"


def _row(r: dict[str, Any]) -> str:
    cells = (
        r["received_at"], r["webhook_id"], r["event_type"], r["case_number"],
        "" if r["sequence"] is None else r["sequence"], "通过" if r["verified"] else "未通过",
        "是" if r["duplicate"] else "", r["status"], r["reason"],
    )  # fmt: skip
    return "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in cells) + "</tr>"
