"""The monthly postage statement of a carrier account: lines, totals, findings; CSV and PDF."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
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
from courier.domain.text import Text
from courier.ports.call_log import CallOutcome
from courier.ports.statements import (
    CarrierAccountChoice,
    StatementPdfData,
    StatementReads,
    StatementRenderer,
)

COLUMNS = (
    Text("办件编号"), Text("物流订单号"), Text("运单号"), Text("运单类型"), Text("产品"),
    Text("重量(克)"), Text("保价金额(元)"), Text("已取消"), Text("邮费(元)"), Text("保价费(元)"),
    Text("合计(元)"), Text("核对"),
)  # fmt: skip
TOTAL_COLUMNS = (
    Text("件数"),
    Text("其中取消"),
    Text("邮费(元)"),
    Text("保价费(元)"),
    Text("总计(元)"),
)
STRAY_COLUMNS = (Text("调用时间"), Text("物流订单号"), Text("运单号"), Text("调用结果"))
STRAY_TITLE = Text("无对应运单的下单调用")
CSV_BOM = "\ufeff"
YES, NO = Text("是"), Text("否")
OUTCOME_NAMES: dict[str, str] = {
    CallOutcome.OK: Text("成功"),
    CallOutcome.BUSINESS_ERROR: Text("邮政拒绝"),
    CallOutcome.UNAVAILABLE: Text("邮政不可用"),
    CallOutcome.OUTCOME_UNKNOWN: Text("结果未知"),
    CallOutcome.PROTOCOL_ERROR: Text("应答无法识别"),
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
        raise NotFound(Text("没有这个邮政客户号。"), "customer_no")
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
        YES if line.cancelled else NO, money(line.postage), money(line.insurance_fee),
        money(line.total), joined(line.flags),
    ]  # fmt: skip


def total_cells(totals: Totals) -> list[str]:
    return [
        str(totals.count), str(totals.cancelled), money(totals.postage),
        money(totals.insurance_fees), money(totals.grand_total),
    ]  # fmt: skip


def stray_cells(call: OrderCall) -> list[str]:
    outcome = OUTCOME_NAMES.get(call.outcome, call.outcome)
    return [_when(call.started_at), call.order_no, call.waybill_no, outcome]


def joined(findings: Sequence[str]) -> str:
    """Put a line's findings in one cell, each still said in the reader's language."""
    if not findings:
        return ""
    cell = findings[0]
    for finding in findings[1:]:
        cell = Text("{before}；{after}", before=cell, after=finding)
    return cell


def statement_csv(statement: Statement, say: Callable[[str], str] = str) -> bytes:
    """Return the statement as CSV in UTF-8 with a BOM, its words said by `say` (Chinese)."""
    out = io.StringIO()
    out.write(CSV_BOM)
    csv.writer(out).writerows([say(cell) for cell in row] for row in _csv_rows(statement))
    return out.getvalue().encode("utf-8")


def _csv_rows(statement: Statement) -> list[list[str]]:
    total = Text("合计")
    return [
        [
            Text("邮政客户号 {customer_no}", customer_no=statement.customer_no),
            Text("账期 {month}", month=str(statement.month)),
        ],
        list(COLUMNS),
        *(line_cells(line) for line in statement.lines),
        [],
        [total, *TOTAL_COLUMNS],
        [total, *total_cells(statement.totals)],
        [],
        [STRAY_TITLE, *STRAY_COLUMNS],
        *([STRAY_TITLE, *stray_cells(call)] for call in statement.stray_calls),
    ]


def statement_pdf(statement: Statement, renderer: StatementRenderer) -> bytes:
    return renderer.render_statement(
        StatementPdfData(
            title=Text("邮费对账单"),
            facts=(
                f"邮政客户号：{statement.customer_no}",  # said as is: the PDF is printed in Chinese
                f"账期：{statement.month}（北京时间）",  # said as is: the PDF is printed in Chinese
            ),
            columns=COLUMNS,
            rows=[line_cells(line) for line in statement.lines],
            totals=_named(TOTAL_COLUMNS, total_cells(statement.totals)),
            findings=findings(statement),
        )
    )


def findings(statement: Statement) -> list[str]:
    """Return one sentence per reconciliation finding, for the PDF (printed in Chinese)."""
    flagged = [
        f"{line.leg.order_no}：{'；'.join(line.flags)}"  # said as is: the PDF is Chinese
        for line in statement.flagged
    ]
    return [*flagged, *(_stray_finding(call) for call in statement.stray_calls)]


def _stray_finding(call: OrderCall) -> str:
    numbers = f"{call.order_no or '—'} / {call.waybill_no or '—'}"
    return f"{STRAY_TITLE}：{numbers}（{_when(call.started_at)}）"  # said as is: the PDF is Chinese


def _named(names: tuple[str, ...], values: list[str]) -> list[str]:
    pairs = zip(names, values, strict=True)
    return [f"{name}：{value}" for name, value in pairs]  # said as is: the PDF is Chinese


def _when(moment: datetime) -> str:
    return f"{local(moment):%Y-%m-%d %H:%M}"


def file_name(statement: Statement, suffix: str) -> str:
    return f"statement-{statement.customer_no}-{statement.month}.{suffix}"
