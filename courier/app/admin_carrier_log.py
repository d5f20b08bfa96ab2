"""The desk's carrier call log and tracking quarantine, read-only and without personal data.

Call bodies were redacted before they were stored; a quarantined push is kept as the carrier
sent it, so the page shows its size only (the admin API gives the text itself).
"""

from __future__ import annotations

from flask import Blueprint, render_template, request

from courier.app import present
from courier.app.admin_desk import admin_only, admin_section
from courier.app.context import courier
from courier.domain.text import Text
from courier.ports.call_log import CallOutcome
from courier.services.tracking import quarantined_events

admin_carrier_log = Blueprint("admin_carrier_log", __name__, url_prefix="/admin")
admin_carrier_log.before_request(admin_only)
admin_section("admin_carrier_log.calls", Text("邮政调用记录"))
admin_section("admin_carrier_log.quarantine", Text("无法入库的轨迹"))

PER_PAGE = 50
OUTCOMES = {
    CallOutcome.OK: Text("成功"),
    CallOutcome.BUSINESS_ERROR: Text("邮政拒绝"),
    CallOutcome.UNAVAILABLE: Text("邮政不可用"),
    CallOutcome.OUTCOME_UNKNOWN: Text("结果未知"),
    CallOutcome.PROTOCOL_ERROR: Text("报文有误"),
}


@admin_carrier_log.get("/carrier-calls")
def calls() -> str:
    number = request.args.get("number", "").strip()[:40]
    outcome = request.args.get("outcome", "")
    outcome = outcome if outcome in {str(o) for o in OUTCOMES} else ""
    page = request.args.get("page", "1")
    page_no = int(page) if page.isdigit() and 0 < len(page) < 6 and int(page) > 0 else 1
    offset = (page_no - 1) * PER_PAGE
    rows = courier().calls.recent(number, outcome, PER_PAGE + 1, offset)
    shown = [{**present.call_json(r), **_numbers(r)} for r in rows[:PER_PAGE]]
    return render_template(
        "admin/carrier_calls.html", calls=shown, outcomes=OUTCOMES, number=number,
        outcome=outcome, page=page_no, more=len(rows) > PER_PAGE,
    )  # fmt: skip


def _numbers(row: dict[str, object]) -> dict[str, object]:
    return {"order_no": row["logistics_order_no"], "waybill_no": row["waybill_no"]}


@admin_carrier_log.get("/quarantine")
def quarantine() -> str:
    return render_template("admin/quarantine.html", events=quarantined_events(courier().uow()))
