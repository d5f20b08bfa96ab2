"""Use cases of a case: open it, record materials, move it along, look it up."""

from __future__ import annotations

from dataclasses import dataclass

from courier.domain.accounts import Account, Role
from courier.domain.audit import AuditAction
from courier.domain.case import Case, CaseStatus
from courier.domain.case_search import PAGE_SIZE, CaseSearch, ResultPage
from courier.domain.errors import InvalidValue, NotFound, RuleViolation
from courier.domain.intake import CaseNumberTaken, same_intake
from courier.domain.leg import LegKind
from courier.domain.text import Text
from courier.domain.tracking import LegEventType, leg_event
from courier.ports.clock import Clock
from courier.services import audit
from courier.services.commands import AddMaterial, AdvanceCase, Fields, OpenCase
from courier.services.events import record as record_events
from courier.services.unit_of_work import UnitOfWork

CASE_NUMBER_TAKEN = Text("该办件编号已存在，且与本次提交的内容不同；不会覆盖已有办件。")


def actor(uow: UnitOfWork, account_id: int) -> Account:
    """Load the acting account, refusing unknown or disabled ones."""
    account = uow.accounts.get(account_id)
    if account is None or not account.active:
        raise NotFound(Text("账号不存在或已停用。"), "account")
    return account


def load_case(uow: UnitOfWork, account: Account, case_number: str) -> Case:
    """Load a case the account may see, or raise NotFound."""
    case = uow.cases.get(case_number)
    if case is None:
        raise NotFound(Text("未找到该办件。"), "case_number")
    account.check_can_see(case)
    return case


@dataclass(frozen=True)
class OpenedCase:
    case_number: str
    existed: bool  # the same intake came before: nothing was written this time


def open_case(uow: UnitOfWork, account_id: int, command: OpenCase, clock: Clock) -> str:
    """Open a case at a hall from the window's (or the case system's) data."""
    opened = open_or_find_case(uow, account_id, command, clock)
    if opened.existed:
        raise CaseNumberTaken(Text("该办件编号已存在。"), "case_number")
    return opened.case_number


def open_or_find_case(
    uow: UnitOfWork, account_id: int, command: OpenCase, clock: Clock
) -> OpenedCase:
    """Open a case, or find the one this very intake opened before; other data is a Conflict."""
    with uow:
        account = actor(uow, account_id)
        if account.role is Role.DEPARTMENT_STAFF:
            raise RuleViolation(Text("只有窗口工作人员可以受理办件。"), "account")
        case = _case_from(uow, account, command, clock)
        existing = uow.cases.get(case.case_number)
        if existing is not None:
            if account.can_see(existing) and same_intake(existing, case):
                return OpenedCase(existing.case_number, existed=True)
            raise CaseNumberTaken(CASE_NUMBER_TAKEN, "case_number")
        uow.cases.add(case)
        uow.flush()
        audit.record(uow, AuditAction.CASE_OPENED, account, case=case, at=clock.now())
        uow.commit()
        return OpenedCase(case.case_number, existed=False)


def _case_from(uow: UnitOfWork, account: Account, command: OpenCase, clock: Clock) -> Case:
    fields = Fields()
    hall_id = fields.build("hall_code", lambda: _hall_id(uow, account, command.hall_code))
    department_id = fields.build(
        "department_code", lambda: _department_id(uow, command.department_code)
    )
    fields.build("", lambda: Case.check_numbering(command.case_number, command.matter_name))
    applicant = command.to_applicant(fields)
    materials = command.to_materials(fields)
    fields.check()
    assert applicant is not None and hall_id is not None and department_id is not None
    c = command
    case = Case(c.case_number, c.matter_name, applicant, hall_id, department_id, c.result_delivery)
    case.created_at = clock.now()
    case.notify_applicant = c.notify_applicant
    for material in materials:
        case.add_material(material)  # type: ignore[arg-type]
    return case


def _hall_id(uow: UnitOfWork, account: Account, code: str) -> int:
    home = account.home_hall_id()
    hall = uow.halls.get(home) if not code and home is not None else uow.halls.get_by_code(code)
    if hall is None or hall.id is None:
        raise InvalidValue(Text("受理大厅不存在。"))
    if not account.may_open_cases_at(hall.id):
        raise InvalidValue(Text("只能以本大厅的名义受理办件。"))
    hall.check_active()
    return hall.id


def _department_id(uow: UnitOfWork, code: str) -> int:
    department = uow.departments.get_by_code(code)
    if department is None or department.id is None:
        raise InvalidValue(Text("办件所属部门不存在。"))
    department.check_active()
    return department.id


def add_material(uow: UnitOfWork, account_id: int, case_number: str, command: AddMaterial) -> int:
    """Record one more material of a case."""
    with uow:
        case = load_case(uow, actor(uow, account_id), case_number)
        case.add_material(command.to_material())
        audit.record(uow, AuditAction.MATERIAL_ADDED, account_id, case=case)
        uow.commit()
        return len(case.materials)


def advance_case(
    uow: UnitOfWork, account_id: int, case_number: str, command: AdvanceCase, clock: Clock
) -> None:
    """Move a case to its next status (review, decided, closed); a closing is reported."""
    with uow:
        account = actor(uow, account_id)
        case = load_case(uow, account, case_number)
        if not account.can_advance_to(command.status):
            raise RuleViolation(Text("您的岗位不能变更为该办件状态。"), "status")
        now = clock.now()
        case.advance(command.status, now, account.id)
        result = case.live_leg(LegKind.RESULT)
        if case.status is CaseStatus.CLOSED and result is not None:
            # carried by the result leg; an electronic result has none and is not reported
            record_events(uow, [leg_event(result, LegEventType.CASE_CLOSED, now)])
        audit.record(uow, AuditAction.CASE_ADVANCED, account, case=case, detail=case.status.value)
        uow.commit()


def list_cases(uow: UnitOfWork, account_id: int) -> list[Case]:
    """List the cases the account may see, newest first."""
    with uow:
        scope = actor(uow, account_id).scope()
        found = uow.cases.list(hall_id=scope.hall_id, department_id=scope.department_id)
        return [case for case in found if scope.covers(case)]


def search_cases(uow: UnitOfWork, account_id: int, search: CaseSearch) -> ResultPage[Case]:
    """Return one page of the cases the account may see that match the search, newest first.

    Applicant names are encrypted at rest, so SQL cannot match a surname: with a name in the
    search the other conditions are applied in SQL, the names of the cases left (all within the
    account's scope) are decrypted and matched here, and only the page shown is loaded.
    Without a name, counting and paging are done in SQL.
    """
    with uow:
        scope = actor(uow, account_id).scope()
        if search.name:
            found = uow.cases.applicant_names(scope, search)
            ids = [case_id for case_id, name in found if search.matches_name(name)]
            page = uow.cases.by_ids(ids[search.offset : search.offset + PAGE_SIZE])
            total = len(ids)
        else:
            page = uow.cases.search(scope, search, PAGE_SIZE, search.offset)
            total = uow.cases.count(scope, search)
        return ResultPage([case for case in page if scope.covers(case)], total, search)


def get_case(uow: UnitOfWork, account_id: int, case_number: str) -> Case:
    with uow:
        return load_case(uow, actor(uow, account_id), case_number)
