"""The statement PDF: every line on some page, the totals and findings after the last one."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pymupdf

from labels.statement import render_statement

COLUMNS = ("办件编号", "物流订单号", "运单号", "运单类型", "产品", "重量(克)", "保价金额(元)",
           "已取消", "邮费(元)", "保价费(元)", "合计(元)", "核对")  # fmt: skip


@dataclass(frozen=True)
class Data:
    rows: list[list[str]]
    findings: list[str] = field(default_factory=list)
    title: str = "邮费对账单"
    facts: tuple[str, ...] = ("邮政客户号：1100088801", "账期：2026-10（北京时间）")
    columns: tuple[str, ...] = COLUMNS
    totals: tuple[str, ...] = ("件数：80", "总计(元)：1234.56")


def row(number: int) -> list[str]:
    return [f"BJ{number:06d}", f"CR{number:018d}", f"19{number:011d}", "原件寄递", "EMS 特快专递",
            "1200", "", "否", "32.00", "0.00", "32.00", ""]  # fmt: skip


def text_of(pdf: bytes) -> tuple[int, str]:
    with pymupdf.open(stream=io.BytesIO(pdf), filetype="pdf") as document:
        return document.page_count, "".join(page.get_text() for page in document)


def test_a_long_statement_runs_over_pages_and_ends_with_its_totals() -> None:
    pages, text = text_of(render_statement(Data([row(n) for n in range(80)])))
    assert pages >= 3
    assert all(f"CR{n:018d}" in text for n in range(80))
    assert "总计(元)：1234.56" in text and "核对结果：无异常" in text


def test_findings_are_listed_in_chinese_below_the_totals() -> None:
    finding = "CR000000000000000003：无成功的下单调用记录"
    pages, text = text_of(render_statement(Data([row(3)], findings=[finding])))
    assert pages == 1 and finding in text and "无异常" not in text
