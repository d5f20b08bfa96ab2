"""The administrators' statements page: choose an account and a month, read the statement."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from courier.app.admin_desk import admin_only, admin_section
from courier.app.context import courier
from courier.domain.errors import DomainError
from courier.domain.local_time import local
from courier.domain.text import Text
from courier.services import statement as statements

admin_statements = Blueprint("admin_statements", __name__, url_prefix="/admin/statements")
admin_statements.before_request(admin_only)
admin_section("admin_statements.index", Text("邮费对账单"))


@admin_statements.get("")
def index() -> str:
    app = courier()
    accounts = statements.carrier_accounts(app.statement_reads())
    chosen = request.args.get("customer_no", "")
    month = request.args.get("month") or f"{local(app.clock.now()):%Y-%m}"
    statement, error = None, ""
    if chosen:
        try:
            statement = statements.monthly_statement(
                app.statement_reads(), app.tariff(), chosen, month
            )
        except DomainError as problem:
            error = problem.message
    return render_template(
        "admin/statements.html",
        accounts=accounts,
        chosen=chosen,
        month=month,
        statement=statement,
        error=error,
        columns=statements.COLUMNS,
        total_columns=statements.TOTAL_COLUMNS,
        stray_columns=statements.STRAY_COLUMNS,
        line_cells=statements.line_cells,
        total_cells=statements.total_cells,
        stray_cells=statements.stray_cells,
    )
