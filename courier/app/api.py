"""The JSON API: translate HTTP into service calls and back, nothing more."""

from __future__ import annotations

from typing import Any, cast

from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import BadRequest, Forbidden, UnsupportedMediaType

from courier.app import openapi_examples as examples
from courier.app import present
from courier.app.answers import (
    CarrierCallList,
    CaseAnswer,
    CaseList,
    Created,
    DepartmentList,
    HallList,
    LegAnswer,
)
from courier.app.audit_trail import viewed
from courier.app.auth import api_login_required, current_account_id
from courier.app.context import courier
from courier.app.json_body import read_json_object
from courier.app.openapi import documented
from courier.domain.accounts import Role
from courier.domain.audit import AuditAction
from courier.domain.case import CaseStatus
from courier.domain.case_search import MAX_PAGE, CaseSearch
from courier.ports.call_log import leg_reference
from courier.services import cases, leg_actions, legs, organizations, window_handover
from courier.services.cases import actor
from courier.services.commands import (
    AddMaterial,
    AdvanceCase,
    CancelLeg,
    CreateAccount,
    OpenCase,
    PlanLeg,
    RegisterOrganization,
)
from courier.services.window_handover import HandOverResult

api = Blueprint("api", __name__, url_prefix="/api/v1")


def body() -> dict[str, Any]:
    """Return the JSON object of the request (bounded in size and depth), or refuse it clearly."""
    if not request.is_json:
        raise UnsupportedMediaType()
    data = read_json_object(request.get_data(cache=True))
    if not isinstance(data, dict):
        raise BadRequest()
    return data


def me() -> int:
    return cast(int, current_account_id())


def created(payload: dict[str, Any]) -> tuple[Response, int]:
    return jsonify(payload), 201


CASE_SEARCH = {
    "q": {
        "type": "string",
        "maxLength": 40,
        "description": "办件编号（或其开头）或申请人姓名、姓氏",
    },
    "status": {"type": "string", "enum": [s.value for s in CaseStatus]},
    "from": {"type": "string", "format": "date", "description": "受理日期起（北京时间，含当日）"},
    "to": {"type": "string", "format": "date", "description": "受理日期止（北京时间，含当日）"},
    "page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "description": "每页 20 件"},
}


@api.get("/cases")
@documented("搜索可见的办件（分页）", answers={200: CaseList}, errors=(422,), query=CASE_SEARCH)
@api_login_required
def list_cases() -> Response:
    typed = {name: request.args.get(name, "") for name in CASE_SEARCH}
    search = CaseSearch.from_text(
        typed["q"], typed["status"], typed["from"], typed["to"], typed["page"]
    )
    found = cases.search_cases(courier().uow(), me(), search)
    viewed(AuditAction.CASES_LISTED, detail=f"{len(found.items)} 件")
    return jsonify(
        {
            "cases": [present.case_json(c) for c in found.items],
            "total": found.total,
            "page": search.page,
            "pages": found.pages,
        }
    )


@api.post("/cases")
@documented(
    "开立办件（同一办件号、同样内容再次提交：200 与已有办件）",
    request=OpenCase,
    answers={200: CaseAnswer, 201: CaseAnswer},
    errors=(404, 409),
    example=examples.OPEN_CASE,
)
@api_login_required
def open_case() -> tuple[Response, int]:
    app = courier()
    opened = cases.open_or_find_case(app.uow(), me(), OpenCase.parse(body()), app.clock)
    response = jsonify(present.case_json(cases.get_case(app.uow(), me(), opened.case_number)))
    # the same intake again: the case it opened, once, marked as not new
    response.headers["Courier-Case-Existed"] = "true" if opened.existed else "false"
    return response, 200 if opened.existed else 201


@api.get("/cases/<case_number>")
@documented("查看办件", answers={200: CaseAnswer})
@api_login_required
def get_case(case_number: str) -> Response:
    case = cases.get_case(courier().uow(), me(), case_number)
    viewed(AuditAction.CASE_VIEWED, case.case_number)
    return jsonify(present.case_json(case))


@api.post("/cases/<case_number>/materials")
@documented(
    "补充材料",
    request=AddMaterial,
    answers={201: CaseAnswer},
    errors=(409,),
    example=examples.ADD_MATERIAL,
)
@api_login_required
def add_material(case_number: str) -> tuple[Response, int]:
    cases.add_material(courier().uow(), me(), case_number, AddMaterial.parse(body()))
    return created(present.case_json(cases.get_case(courier().uow(), me(), case_number)))


@api.post("/cases/<case_number>/status")
@documented(
    "推进办件状态",
    request=AdvanceCase,
    answers={200: CaseAnswer},
    errors=(409,),
    example=examples.ADVANCE_CASE,
)
@api_login_required
def advance_case(case_number: str) -> Response:
    app = courier()
    cases.advance_case(app.uow(), me(), case_number, AdvanceCase.parse(body()), app.clock)
    return jsonify(present.case_json(cases.get_case(app.uow(), me(), case_number)))


@api.post("/cases/<case_number>/handover")
@documented(
    "登记窗口交付（办结送达）",
    request=HandOverResult,
    answers={200: CaseAnswer},
    errors=(409,),
    example=examples.HAND_OVER_RESULT,
)
@api_login_required
def hand_over_result(case_number: str) -> Response:
    app = courier()
    command = HandOverResult.parse(body())
    case = window_handover.hand_over_result(app.uow(), me(), case_number, command, app.clock)
    return jsonify(present.case_json(case))


@api.post("/cases/<case_number>/legs")
@documented(
    "新建寄递", request=PlanLeg, answers={201: LegAnswer}, errors=(409,), example=examples.PLAN_LEG
)
@api_login_required
def plan_leg(case_number: str) -> tuple[Response, int]:
    app = courier()
    command = PlanLeg.parse(body())
    leg_id = legs.plan_checked_leg(app.uow(), app.carrier(), me(), case_number, command, app.clock)
    return created(present.leg_json(legs.get_leg(app.uow(), me(), leg_id)))


@api.get("/legs/<int:leg_id>")
@documented("查看寄递", answers={200: LegAnswer})
@api_login_required
def get_leg(leg_id: int) -> Response:
    return jsonify(present.leg_json(legs.get_leg(courier().uow(), me(), leg_id)))


@api.post("/legs/<int:leg_id>/cancel")
@documented(
    "取消寄递",
    request=CancelLeg,
    answers={200: LegAnswer},
    errors=(409, 503),
    example=examples.CANCEL_LEG,
)
@api_login_required
def cancel_leg(leg_id: int) -> Response:
    app, reason = courier(), CancelLeg.parse(body()).reason
    with leg_reference(str(leg_id)):
        leg_actions.cancel_leg_as(app.uow(), app.carrier(), me(), leg_id, reason, app.clock.now())
    return jsonify(present.leg_json(legs.get_leg(app.uow(), me(), leg_id)))


@api.post("/legs/<int:leg_id>/retry")
@documented("重新下单", answers={200: LegAnswer}, errors=(409,))
@api_login_required
def retry_leg(leg_id: int) -> Response:
    app = courier()
    leg_actions.retry_booking_as(app.uow(), me(), leg_id)
    return jsonify(present.leg_json(legs.get_leg(app.uow(), me(), leg_id)))


@api.get("/legs/<int:leg_id>/carrier-calls")
@documented("查看与邮政的调用记录", answers={200: CarrierCallList})
@api_login_required
def carrier_calls(leg_id: int) -> Response:
    app = courier()
    leg = legs.get_leg(app.uow(), me(), leg_id)
    calls = app.calls.calls_for(leg_id, leg.order_no, leg.waybill_no)
    return jsonify({"calls": [present.call_json(c) for c in calls]})


def require_admin() -> None:
    with courier().uow() as uow:
        if actor(uow, me()).role is not Role.ADMIN:
            raise Forbidden()


@api.post("/halls")
@documented(
    "登记大厅", request=RegisterOrganization, answers={201: Created}, errors=(409,), admin=True
)
@api_login_required
def register_hall() -> tuple[Response, int]:
    require_admin()
    command = RegisterOrganization.parse(body())
    return created({"id": organizations.register_hall(courier().uow(), command, me())})


@api.post("/departments")
@documented(
    "登记部门", request=RegisterOrganization, answers={201: Created}, errors=(409,), admin=True
)
@api_login_required
def register_department() -> tuple[Response, int]:
    require_admin()
    command = RegisterOrganization.parse(body())
    return created({"id": organizations.register_department(courier().uow(), command, me())})


@api.post("/accounts")
@documented(
    "开设工作人员账号", request=CreateAccount, answers={201: Created}, errors=(404, 409), admin=True
)
@api_login_required
def create_account() -> tuple[Response, int]:
    require_admin()
    command = CreateAccount.parse(body())
    return created({"id": organizations.create_account(courier().uow(), command, me())})


@api.get("/halls")
@documented("列出大厅", answers={200: HallList})
@api_login_required
def list_halls() -> Response:
    with courier().uow() as uow:
        return jsonify({"halls": [present.organization_json(h) for h in uow.halls.list()]})


@api.get("/departments")
@documented("列出部门", answers={200: DepartmentList})
@api_login_required
def list_departments() -> Response:
    with courier().uow() as uow:
        items = uow.departments.list()
        return jsonify({"departments": [present.organization_json(d) for d in items]})
