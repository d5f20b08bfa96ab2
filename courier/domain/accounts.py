"""Staff accounts and who may see or do what."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from courier.domain.case import Case, CaseStatus
from courier.domain.errors import InvalidValue, NotFound, RuleViolation
from courier.domain.leg import Leg, LegKind
from courier.domain.organizations import Hall
from courier.domain.text import LANGUAGES, Text


class Role(Enum):
    HALL_STAFF = "hall_staff"
    DEPARTMENT_STAFF = "department_staff"
    ADMIN = "admin"
    # the account behind one API token of the case system: no password, the token's halls
    INTEGRATION = "integration"


ROLE_NAMES = {
    Role.HALL_STAFF: Text("窗口工作人员"),
    Role.DEPARTMENT_STAFF: Text("部门工作人员"),
    Role.ADMIN: Text("管理员"),
    Role.INTEGRATION: Text("系统对接"),
}

# Which role books which leg: the sender's side books it.
BOOKED_BY: dict[LegKind, frozenset[Role]] = {
    LegKind.ORIGINALS: frozenset({Role.HALL_STAFF, Role.ADMIN}),
    LegKind.RESULT: frozenset({Role.DEPARTMENT_STAFF, Role.ADMIN}),
    LegKind.ORIGINALS_RETURN: frozenset({Role.DEPARTMENT_STAFF, Role.ADMIN}),
    LegKind.SUPPLEMENT: frozenset({Role.HALL_STAFF, Role.DEPARTMENT_STAFF, Role.ADMIN}),
}


# Who moves a case to each status: the department reviews and decides; closing (delivered)
# may be recorded where the result reached the applicant, at the hall window too.
ADVANCED_BY: dict[CaseStatus, frozenset[Role]] = {
    CaseStatus.IN_REVIEW: frozenset({Role.DEPARTMENT_STAFF, Role.ADMIN}),
    CaseStatus.DECIDED: frozenset({Role.DEPARTMENT_STAFF, Role.ADMIN}),
    CaseStatus.CLOSED: frozenset({Role.HALL_STAFF, Role.DEPARTMENT_STAFF, Role.ADMIN}),
}

# Whose desk hands which leg to the postman (a supplement is posted by the applicant).
SENT_FROM_DESK_OF: dict[LegKind, Role] = {
    LegKind.ORIGINALS: Role.HALL_STAFF,
    LegKind.RESULT: Role.DEPARTMENT_STAFF,
    LegKind.ORIGINALS_RETURN: Role.DEPARTMENT_STAFF,
}


@dataclass(frozen=True)
class Scope:
    """Whose cases an account sees: every case, one hall's, one department's, or some halls'."""

    everything: bool = False
    hall_id: int | None = None
    department_id: int | None = None
    hall_ids: frozenset[int] = frozenset()

    def covers_hall(self, hall_id: int) -> bool:
        return self.everything or hall_id == self.hall_id or hall_id in self.hall_ids

    def covers(self, case: Case) -> bool:
        # a staff account not (yet) tied to its hall or department sees nothing
        in_department = self.department_id is not None and case.department_id == self.department_id
        return self.covers_hall(case.hall_id) or in_department


@dataclass(eq=False)
class Account:
    """A staff member's login, tied to one hall or one department (admins to none).

    An integration account (one per API token) is tied to the halls in `halls` instead.
    """

    username: str
    display_name: str
    role: Role
    password_hash: str
    hall_id: int | None = None
    department_id: int | None = None
    active: bool = True
    id: int | None = None
    halls: list[Hall] = field(default_factory=list)
    language: str | None = None  # the pages' language this person chose; None: zh-CN

    def prefer_language(self, language: str) -> None:
        """Keep the language this person reads pages in."""
        if language not in LANGUAGES:
            raise InvalidValue(Text("不支持该语言。"), "language")
        self.language = language

    def scope(self) -> Scope:
        """Return whose cases this account sees: admins all, staff their hall's or department's."""
        if self.role is Role.ADMIN:
            return Scope(everything=True)
        if self.role is Role.HALL_STAFF:
            return Scope(hall_id=self.hall_id)
        if self.role is Role.INTEGRATION:
            return Scope(hall_ids=frozenset(h.id for h in self.halls if h.id is not None))
        return Scope(department_id=self.department_id)

    def can_see(self, case: Case) -> bool:
        return self.scope().covers(case)

    def check_can_see(self, case: Case) -> None:
        """Raise NotFound (not "forbidden": do not reveal other halls' cases)."""
        if not self.can_see(case):
            raise NotFound(Text("未找到该办件。"), "case_number")

    def can_book(self, kind: LegKind) -> bool:
        return self.role in BOOKED_BY[kind]

    def can_open_cases(self) -> bool:
        """Cases are opened at the hall window (or by an administrator), never by a department."""
        return self.role is not Role.DEPARTMENT_STAFF

    def home_hall_id(self) -> int | None:
        """Return the hall a case is opened at when none is named: the account's only hall."""
        if self.role is Role.INTEGRATION and len(self.halls) == 1:
            return self.halls[0].id
        return self.hall_id

    def may_open_cases_at(self, hall_id: int) -> bool:
        """Tell whether this account may open a case in the name of this hall."""
        if self.role is Role.ADMIN:
            return True
        return self.can_open_cases() and self.scope().covers_hall(hall_id)

    def can_advance_to(self, status: CaseStatus) -> bool:
        return self.role in ADVANCED_BY.get(status, frozenset())

    def can_hand_over_results(self) -> bool:
        """Results waiting for window pickup are handed over by the hall (or an administrator)."""
        return self.role in (Role.HALL_STAFF, Role.ADMIN)

    def can_print(self, leg: Leg) -> bool:
        """Only the sending side prints, so a receiver cannot make the sender's first print 补打."""
        return self.can_book(leg.kind)

    def sends_from_desk(self, kind: LegKind) -> bool:
        return self.role is Role.ADMIN or SENT_FROM_DESK_OF.get(kind) is self.role

    # --- administration: what an administrator may change about an account ---

    def check_managed_here(self) -> None:
        """Refuse to edit an integration account here: it lives and ends with its API token."""
        if self.role is Role.INTEGRATION:
            raise RuleViolation(Text("系统对接账号随 API 令牌管理，不能在此修改。"), "account")

    def check_can_disable(self, account: Account) -> None:
        """Refuse an administrator locking themselves out."""
        if account.id is not None and account.id == self.id:
            raise RuleViolation(Text("不能停用自己的账号。"), "account")

    def check_can_change_role(self, account: Account, role: Role) -> None:
        """Refuse an administrator giving up their own administration (no desk would be left)."""
        if account.id is not None and account.id == self.id and role is not Role.ADMIN:
            raise RuleViolation(Text("不能取消自己的管理员身份。"), "role")

    def assign(self, role: Role, hall_id: int | None, department_id: int | None) -> None:
        """Give the account a role and the one office that role works for (admins none)."""
        if role is Role.INTEGRATION:
            raise InvalidValue(Text("系统对接账号随 API 令牌开设。"), "role")
        if role is Role.HALL_STAFF and hall_id is None:
            raise InvalidValue(Text("请选择所属大厅。"), "hall_code")
        if role is Role.DEPARTMENT_STAFF and department_id is None:
            raise InvalidValue(Text("请选择所属部门。"), "department_code")
        self.role = role
        self.hall_id = hall_id if role is Role.HALL_STAFF else None
        self.department_id = department_id if role is Role.DEPARTMENT_STAFF else None
