"""The monthly postage statement of a carrier account: lines, totals, findings; CSV and PDF."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from courier.domain.errors import NotFound
from courier.domain.leg import LEG_KIND_NAMES
from courier.domain.local_time import local
from courier.domain.statement import (
    Month,
    OrderCall,
    Statement,
    StatementLine,
    Totals,
    names_account,
    statement_of,
)
from courier.domain.tariff import Tariff
from courier.ports.call_log import CallOutcome
from courier.ports.statements import (
    CarrierAccountChoice,
    StatementPdfData,
    StatementReads,
    StatementRenderer,
)

COLUMNS = (
    "办件编号", "物流订单号", "运单号", "运单类型", "产品", "重量(克)", "保价金额(元)",
    "已取消", "邮费(元)", "保价费(元)", "合计(元)", "核对",
)  # fmt: skip
TOTAL_COLUMNS = ("件数", "其中取消", "邮费(元)", "保价费(元)", "总计(元)")
STRAY_COLUMNS = ("调用时间", "物流订单号", "运单号", "调用结果")
STRAY_TITLE = "无对应运单的下单调用"
CSV_BOM = "\ufeff"
OUTCOME_NAMES: dict[str, str] = {
    CallOutcome.OK: "成功",
    CallOutcome.BUSINESS_ERROR: "邮政拒绝",
    CallOutcome.UNAVAILABLE: "邮政不可用",
    CallOutcome.OUTCOME_UNKNOWN: "结果未知",
    CallOutcome.PROTOCOL_ERROR: "应答无法识别",
}


def carrier_accounts(reads: StatementReads) -> list[CarrierAccountChoice]:
    return reads.carrier_accounts()


def monthly_statement(
    reads: StatementReads, tariff: Tariff, customer_no: str, month_text: str
) -> Statement:
    """Build the statement of one account and month (China time), checked against the call log."""
    month = Month.parse(month_text)
    start, end = month.start(), month.end()
    legs = reads.legs_booked(customer_no, start, end)
    if not legs and customer_no not in {a.customer_no for a in reads.carrier_accounts()}:
        raise NotFound("没有这个邮政客户号。", "customer_no")
    stray = [
        s.call for s in reads.stray_order_calls(start, end)
        if names_account(s.request_text, customer_no)
    ]  # fmt: skip
    return statement_of(customer_no, month, legs, reads.order_calls_for(legs), stray, tariff)


def money(amount: object) -> str:
    return "" if amount is None else f"{amount:.2f}"


def line_cells(line: StatementLine) -> list[str]:
    leg = line.leg
    return [
        leg.case_number, leg.order_no, leg.waybill_no, LEG_KIND_NAMES[leg.kind],
        line.product_name, str(leg.weight_grams), money(leg.insured_value),
        "是" if line.cancelled else "否", money(line.postage), money(line.insurance_fee),
        money(line.total), "；".join(line.flags),
    ]  # fmt: skip


def total_cells(totals: Totals) -> list[str]:
    return [
        str(totals.count), str(totals.cancelled), money(totals.postage),
        money(totals.insurance_fees), money(totals.grand_total),
    ]  # fmt: skip


def stray_cells(call: OrderCall) -> list[str]:
    outcome = OUTCOME_NAMES.get(call.outcome, call.outcome)
    return [_when(call.started_at), call.order_no, call.waybill_no, outcome]


def statement_csv(statement: Statement) -> bytes:
    """Return the statement as CSV in UTF-8 with a BOM (so spreadsheet programs read Chinese)."""
    out = io.StringIO()
    out.write(CSV_BOM)
    writer = csv.writer(out)
    writer.writerow([f"邮政客户号 {statement.customer_no}", f"账期 {statement.month}"])
    writer.writerow(COLUMNS)
    writer.writerows(line_cells(line) for line in statement.lines)
    writer.writerow([])
    writer.writerow(["合计", *TOTAL_COLUMNS])
    writer.writerow(["合计", *total_cells(statement.totals)])
    writer.writerow([])
    writer.writerow([STRAY_TITLE, *STRAY_COLUMNS])
    writer.writerows([STRAY_TITLE, *stray_cells(call)] for call in statement.stray_calls)
    return out.getvalue().encode("utf-8")


def statement_pdf(statement: Statement, renderer: StatementRenderer) -> bytes:
    return renderer.render_statement(
        StatementPdfData(
            title="邮费对账单",
            facts=(f"邮政客户号：{statement.customer_no}", f"账期：{statement.month}（北京时间）"),
            columns=COLUMNS,
            rows=[line_cells(line) for line in statement.lines],
            totals=_named(TOTAL_COLUMNS, total_cells(statement.totals)),
            findings=findings(statement),
        )
    )


def findings(statement: Statement) -> list[str]:
    """Return one sentence per reconciliation finding, for the PDF and the page."""
    flagged = [f"{line.leg.order_no}：{'；'.join(line.flags)}" for line in statement.flagged]
    stray = [
        f"{STRAY_TITLE}：{c.order_no or '—'} / {c.waybill_no or '—'}（{_when(c.started_at)}）"
        for c in statement.stray_calls
    ]
    return [*flagged, *stray]


def _named(names: tuple[str, ...], values: list[str]) -> list[str]:
    return [f"{name}：{value}" for name, value in zip(names, values, strict=True)]


def _when(moment: datetime) -> str:
    return f"{local(moment):%Y-%m-%d %H:%M}"


def file_name(statement: Statement, suffix: str) -> str:
    return f"statement-{statement.customer_no}-{statement.month}.{suffix}"
