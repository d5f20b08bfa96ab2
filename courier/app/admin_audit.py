"""The operation and access log: a page of the administrators' desk, and its API."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request

from courier.app.admin_desk import admin_only, admin_section
from courier.app.answers_admin import AccessLogPage
from courier.app.api import api, me, require_admin
from courier.app.auth import api_login_required
from courier.app.context import courier
from courier.app.openapi import documented
from courier.domain.audit import ACTION_NAMES, MAX_PAGE, AuditEntry, AuditQuery
from courier.domain.local_time import local
from courier.domain.text import Text
from courier.services import audit

admin_audit = Blueprint("admin_audit", __name__, url_prefix="/admin/audit")
admin_audit.before_request(admin_only)
admin_section("admin_audit.index", "操作与访问日志")

FILTERS = {
    "case_number": {"type": "string", "maxLength": 40, "description": Text("办件编号")},
    "account": {"type": "string", "maxLength": 40, "description": Text("账号用户名")},
    "action": {"type": "string", "enum": [a.value for a in ACTION_NAMES]},
    "from": {"type": "string", "format": "date", "description": Text("日期起（北京时间，含当日）")},
    "to": {"type": "string", "format": "date", "description": Text("日期止（北京时间，含当日）")},
    "page": {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_PAGE,
        "description": Text("每页 50 条"),
    },
}


def _query() -> AuditQuery:
    typed = {name: request.args.get(name, "") for name in FILTERS}
    return AuditQuery.from_text(
        typed["case_number"], typed["account"], typed["action"], typed["from"], typed["to"],
        typed["page"],
    )  # fmt: skip


@admin_audit.get("")
def index() -> str:
    found = audit.search(courier().uow(), me(), _query())
    return render_template(
        "admin/audit.html", found=found, actions=ACTION_NAMES, asked=request.args, local=local
    )


@api.get("/access-log")
@documented(
    Text("查询操作与访问日志（分页）"),
    answers={200: AccessLogPage},
    errors=(422,),
    query=FILTERS,
    admin=True,
)
@api_login_required
def access_log() -> Response:
    require_admin()
    found = audit.search(courier().uow(), me(), _query())
    return jsonify(
        {
            "entries": [_row(e) for e in found.items],
            "total": found.total,
            "page": found.query.page,
            "pages": found.pages,
        }
    )


def _row(entry: AuditEntry) -> dict[str, Any]:
    fields = {k: v for k, v in vars(entry).items() if k not in ("action", "case_id", "at")}
    return {
        **fields,
        "at": entry.at.isoformat(),
        "action": entry.action.value,
        "action_name": entry.action_name,
    }
