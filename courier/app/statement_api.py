"""The monthly postage statement of a carrier account, for administrators: JSON, CSV, PDF."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from courier.app.answers_admin import StatementAnswer
from courier.app.api import require_admin
from courier.app.auth import api_login_required
from courier.app.context import courier
from courier.app.openapi import Media, documented
from courier.app.openapi_parts import SEGMENT
from courier.domain.statement import Statement
from courier.domain.text import Text
from courier.services import statement as statements
from courier.services.statement import money

statement_api = Blueprint("statement_api", __name__, url_prefix="/api/v1/statements")
CSV = Media("text/csv", "CSV 文件（UTF-8，带 BOM）。")
PDF = Media("application/pdf", "PDF 文件。")
PATH = {
    "customer_no": {**SEGMENT, "description": Text("邮政客户号（大厅或部门的寄件账户）。")},
    "month": {
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}$",
        "description": Text("账期 YYYY-MM（北京时间），如 2026-11。"),
    },
}


def load(customer_no: str, month: str) -> Statement:
    """Build the statement the path names (administrators only)."""
    require_admin()
    app = courier()
    return statements.monthly_statement(app.statement_reads(), app.tariff(), customer_no, month)


@statement_api.get("/<customer_no>/<month>")
@documented(
    Text("查看邮费对账单"), answers={200: StatementAnswer}, errors=(422,), admin=True, path=PATH
)
@api_login_required
def statement_json(customer_no: str, month: str) -> Response:
    return jsonify(statement_answer(load(customer_no, month)))


@statement_api.get("/<customer_no>/<month>.csv")
@documented(Text("下载邮费对账单（CSV）"), answers={200: CSV}, errors=(422,), admin=True, path=PATH)
@api_login_required
def statement_csv(customer_no: str, month: str) -> Response:
    statement = load(customer_no, month)
    return download(statements.statement_csv(statement), "text/csv; charset=utf-8",
                    statements.file_name(statement, "csv"))  # fmt: skip


@statement_api.get("/<customer_no>/<month>.pdf")
@documented(Text("下载邮费对账单（PDF）"), answers={200: PDF}, errors=(422,), admin=True, path=PATH)
@api_login_required
def statement_pdf(customer_no: str, month: str) -> Response:
    statement = load(customer_no, month)
    data = statements.statement_pdf(statement, courier().statements)
    return download(data, "application/pdf", statements.file_name(statement, "pdf"))


def download(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def statement_answer(statement: Statement) -> dict[str, Any]:
    totals = statement.totals
    return {
        "customer_no": statement.customer_no,
        "month": str(statement.month),
        "lines": [
            {
                "case_number": line.leg.case_number,
                "order_no": line.leg.order_no,
                "waybill_no": line.leg.waybill_no,
                "kind": line.leg.kind.value,
                "biz_product_no": line.leg.biz_product_no,
                "product": line.product_name,
                "weight_grams": line.leg.weight_grams,
                "insured_value": money(line.leg.insured_value) or None,
                "cancelled": line.cancelled,
                "postage": money(line.postage),
                "insurance_fee": money(line.insurance_fee),
                "total": money(line.total),
                "flags": list(line.flags),
            }
            for line in statement.lines
        ],
        "totals": {
            "count": totals.count,
            "cancelled": totals.cancelled,
            "postage": money(totals.postage),
            "insurance_fees": money(totals.insurance_fees),
            "grand_total": money(totals.grand_total),
        },
        "stray_calls": [
            {
                "started_at": call.started_at.isoformat(),
                "order_no": call.order_no,
                "waybill_no": call.waybill_no,
                "outcome": call.outcome,
            }
            for call in statement.stray_calls
        ],
    }
