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
    OrganizationAnswer,
)
from courier.app.answers_admin import AccountAnswer, AccountList
from courier.app.audit_trail import leg_viewed, listed, viewed
from courier.app.auth import api_login_required, current_account_id
from courier.app.context import courier
from courier.app.json_body import read_json_object
from courier.app.openapi import documented
from courier.app.security import staff_sessions
from courier.domain.accounts import Role
from courier.domain.audit import AuditAction
from courier.domain.case import CaseStatus
from courier.domain.case_search import MAX_PAGE, CaseSearch
from courier.domain.text import Text
from courier.ports.call_log import leg_reference
from courier.services import accounts, cases, leg_actions, legs, organizations, window_handover
from courier.services.cases import actor
from courier.services.commands import (
    AddMaterial,
    AdvanceCase,
    CancelLeg,
    CreateAccount,
    EditAccount,
    EditOrganization,
    OpenCase,
    PlanLeg,
    RegisterOrganization,
    ResetPassword,
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
        "description": Text("办件编号（或其开头）或申请人姓名、姓氏"),
    },
    "status": {"type": "string", "enum": [s.value for s in CaseStatus]},
    "from": {
        "type": "string",
        "format": "date",
        "description": Text("受理日期起（北京时间，含当日）"),
    },
    "to": {
        "type": "string",
        "format": "date",
        "description": Text("受理日期止（北京时间，含当日）"),
    },
    "page": {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_PAGE,
        "description": Text("每页 20 件"),
    },
}


@api.get("/cases")
@documented(
    Text("搜索可见的办件（分页）"), answers={200: CaseList}, errors=(422,), query=CASE_SEARCH
)
@api_login_required
def list_cases() -> Response:
    typed = {name: request.args.get(name, "") for name in CASE_SEARCH}
    search = CaseSearch.from_text(
        typed["q"], typed["status"], typed["from"], typed["to"], typed["page"]
    )
    found = cases.search_cases(courier().uow(), me(), search)
    listed(found.items, Text("接口列表"))
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
    Text("开立办件（同一办件号、同样内容再次提交：200 与已有办件）"),
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
    if opened.existed:  # nothing changed, so no change entry: the answer is a view
        viewed(AuditAction.CASE_VIEWED, opened.case_number, Text("重复受理"))
    # the same intake again: the case it opened, once, marked as not new
    response.headers["Courier-Case-Existed"] = "true" if opened.existed else "false"
    return response, 200 if opened.existed else 201


@api.get("/cases/<case_number>")
@documented(Text("查看办件"), answers={200: CaseAnswer})
@api_login_required
def get_case(case_number: str) -> Response:
    case = cases.get_case(courier().uow(), me(), case_number)
    viewed(AuditAction.CASE_VIEWED, case.case_number)
    return jsonify(present.case_json(case))


@api.post("/cases/<case_number>/materials")
@documented(
    Text("补充材料"),
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
    Text("推进办件状态"),
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
    Text("登记窗口交付（办结送达）"),
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
    Text("新建寄递"),
    request=PlanLeg,
    answers={201: LegAnswer},
    errors=(409,),
    example=examples.PLAN_LEG,
)
@api_login_required
def plan_leg(case_number: str) -> tuple[Response, int]:
    app = courier()
    command = PlanLeg.parse(body())
    leg_id = legs.plan_checked_leg(app.uow(), app.carrier(), me(), case_number, command, app.clock)
    return created(present.leg_json(legs.get_leg(app.uow(), me(), leg_id)))


@api.get("/legs/<int:leg_id>")
@documented(Text("查看寄递"), answers={200: LegAnswer})
@api_login_required
def get_leg(leg_id: int) -> Response:
    leg = legs.get_leg(courier().uow(), me(), leg_id)
    leg_viewed(leg)
    return jsonify(present.leg_json(leg))


@api.post("/legs/<int:leg_id>/cancel")
@documented(
    Text("取消寄递"),
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
@documented(Text("重新下单"), answers={200: LegAnswer}, errors=(409,))
@api_login_required
def retry_leg(leg_id: int) -> Response:
    app = courier()
    leg_actions.retry_booking_as(app.uow(), me(), leg_id)
    return jsonify(present.leg_json(legs.get_leg(app.uow(), me(), leg_id)))


@api.get("/legs/<int:leg_id>/carrier-calls")
@documented(Text("查看与邮政的调用记录"), answers={200: CarrierCallList})
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
    Text("登记大厅"),
    request=RegisterOrganization,
    answers={201: Created},
    errors=(409,),
    admin=True,
)
@api_login_required
def register_hall() -> tuple[Response, int]:
    require_admin()
    command = RegisterOrganization.parse(body())
    return created({"id": organizations.register_hall(courier().uow(), command, me())})


@api.post("/departments")
@documented(
    Text("登记部门"),
    request=RegisterOrganization,
    answers={201: Created},
    errors=(409,),
    admin=True,
)
@api_login_required
def register_department() -> tuple[Response, int]:
    require_admin()
    command = RegisterOrganization.parse(body())
    return created({"id": organizations.register_department(courier().uow(), command, me())})


@api.post("/accounts")
@documented(
    Text("开设工作人员账号"),
    request=CreateAccount,
    answers={201: Created},
    errors=(404, 409),
    admin=True,
)
@api_login_required
def create_account() -> tuple[Response, int]:
    require_admin()
    command = CreateAccount.parse(body())
    return created({"id": organizations.create_account(courier().uow(), command, me())})


@api.get("/halls")
@documented(Text("列出大厅"), answers={200: HallList})
@api_login_required
def list_halls() -> Response:
    with courier().uow() as uow:
        return jsonify({"halls": [present.organization_json(h) for h in uow.halls.list()]})


@api.get("/departments")
@documented(Text("列出部门"), answers={200: DepartmentList})
@api_login_required
def list_departments() -> Response:
    with courier().uow() as uow:
        items = uow.departments.list()
        return jsonify({"departments": [present.organization_json(d) for d in items]})


# --- administration: editing offices and accounts ---

OFFICES = {
    "halls": (organizations.edit_hall, organizations.set_hall_active),
    "departments": (organizations.edit_department, organizations.set_department_active),
}


@api.patch("/halls/<code>")
@documented(
    Text("修改大厅"), request=EditOrganization, answers={200: OrganizationAnswer}, admin=True
)
@api_login_required
def edit_hall(code: str) -> Response:
    require_admin()
    hall = organizations.edit_hall(courier().uow(), code, EditOrganization.parse(body()), me())
    return jsonify(present.organization_json(hall))


@api.patch("/departments/<code>")
@documented(
    Text("修改部门"), request=EditOrganization, answers={200: OrganizationAnswer}, admin=True
)
@api_login_required
def edit_department(code: str) -> Response:
    require_admin()
    command = EditOrganization.parse(body())
    item = organizations.edit_department(courier().uow(), code, command, me())
    return jsonify(present.organization_json(item))


def _office_active(kind: str, code: str, active: bool) -> Response:
    require_admin()
    item = OFFICES[kind][1](courier().uow(), code, active, me())
    return jsonify(present.organization_json(item))


@api.post("/halls/<code>/deactivate")
@documented(Text("停用大厅"), answers={200: OrganizationAnswer}, admin=True)
@api_login_required
def deactivate_hall(code: str) -> Response:
    return _office_active("halls", code, False)


@api.post("/halls/<code>/activate")
@documented(Text("重新启用大厅"), answers={200: OrganizationAnswer}, admin=True)
@api_login_required
def activate_hall(code: str) -> Response:
    return _office_active("halls", code, True)


@api.post("/departments/<code>/deactivate")
@documented(Text("停用部门"), answers={200: OrganizationAnswer}, admin=True)
@api_login_required
def deactivate_department(code: str) -> Response:
    return _office_active("departments", code, False)


@api.post("/departments/<code>/activate")
@documented(Text("重新启用部门"), answers={200: OrganizationAnswer}, admin=True)
@api_login_required
def activate_department(code: str) -> Response:
    return _office_active("departments", code, True)


def _account_answer(account_id: int) -> Response:
    found = accounts.get_account(courier().uow(), staff_sessions(), account_id)
    return jsonify(present.staff_account_json(found))


@api.get("/accounts")
@documented(Text("列出账号"), answers={200: AccountList}, admin=True)
@api_login_required
def list_accounts() -> Response:
    require_admin()
    listed = accounts.list_accounts(courier().uow(), staff_sessions())
    return jsonify({"accounts": [present.staff_account_json(a) for a in listed]})


@api.patch("/accounts/<int:account_id>")
@documented(
    Text("修改账号（显示名、岗位、所属机构）"),
    request=EditAccount,
    answers={200: AccountAnswer},
    errors=(409,),
    admin=True,
)
@api_login_required
def edit_account(account_id: int) -> Response:
    require_admin()
    accounts.edit_account(courier().uow(), me(), account_id, EditAccount.parse(body()))
    return _account_answer(account_id)


@api.post("/accounts/<int:account_id>/disable")
@documented(
    Text("停用账号（其登录会话随即失效）"), answers={200: AccountAnswer}, errors=(409,), admin=True
)
@api_login_required
def disable_account(account_id: int) -> Response:
    require_admin()
    ids = (me(), account_id)
    accounts.set_account_active(
        courier().uow(), staff_sessions(), ids, False, courier().clock.now()
    )
    return _account_answer(account_id)


@api.post("/accounts/<int:account_id>/enable")
@documented(Text("重新启用账号"), answers={200: AccountAnswer}, errors=(409,), admin=True)
@api_login_required
def enable_account(account_id: int) -> Response:
    require_admin()
    ids = (me(), account_id)
    accounts.set_account_active(courier().uow(), staff_sessions(), ids, True, courier().clock.now())
    return _account_answer(account_id)


@api.post("/accounts/<int:account_id>/reset-password")
@documented(
    Text("重置账号密码（其登录会话随即失效）"),
    request=ResetPassword,
    answers={200: AccountAnswer},
    errors=(409,),
    admin=True,
)
@api_login_required
def reset_password(account_id: int) -> Response:
    require_admin()
    command, now = ResetPassword.parse(body()), courier().clock.now()
    accounts.reset_password(courier().uow(), staff_sessions(), account_id, command, now, by=me())
    return _account_answer(account_id)
