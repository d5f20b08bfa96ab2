"""The operation and access log: who did what, or looked at whose case, when and from where.

Rows never hold personal data: a case is named by its number, people by their account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum

from courier.domain.errors import ValidationFailed
from courier.domain.local_time import CHINA_TIME, read_day
from courier.domain.text import Text, in_context


class AuditAction(Enum):
    CASE_VIEWED = "case_viewed"
    CASES_LISTED = "cases_listed"
    LABEL_PRINTED = "label_printed"
    HANDOVER_LIST_PRINTED = "handover_list_printed"
    ARRIVAL_OPENED = "arrival_opened"
    PUBLIC_LOOKUP = "public_lookup"
    CASE_OPENED = "case_opened"
    MATERIAL_ADDED = "material_added"
    CASE_ADVANCED = "case_advanced"
    LEG_PLANNED = "leg_planned"
    LEG_CANCELLED = "leg_cancelled"
    LEG_RETRIED = "leg_retried"
    RECEIPT_CONFIRMED = "receipt_confirmed"
    DISCREPANCY_RESOLVED = "discrepancy_resolved"
    RESULT_HANDED_OVER = "result_handed_over"
    ORGANIZATION_REGISTERED = "organization_registered"
    ACCOUNT_CREATED = "account_created"
    ACCOUNT_DISABLED = "account_disabled"
    ACCOUNT_ENABLED = "account_enabled"
    ACCOUNT_CHANGED = "account_changed"
    PASSWORD_RESET = "password_reset"
    ORGANIZATION_CHANGED = "organization_changed"
    TOKEN_CREATED = "token_created"
    TOKEN_REVOKED = "token_revoked"
    WEBHOOK_CHANGED = "webhook_changed"
    SIGNED_IN = "signed_in"
    SIGN_IN_FAILED = "sign_in_failed"
    CASE_ANONYMISED = "case_anonymised"
    REPORT_REPLAYED = "report_replayed"


ACTION_NAMES = {
    AuditAction.CASE_VIEWED: in_context("audit", "查看办件"),
    AuditAction.CASES_LISTED: in_context("audit", "查看办件列表"),
    AuditAction.LABEL_PRINTED: in_context("audit", "打印面单"),
    AuditAction.HANDOVER_LIST_PRINTED: in_context("audit", "打印交接清单"),
    AuditAction.ARRIVAL_OPENED: in_context("audit", "收件查看邮件"),
    AuditAction.PUBLIC_LOOKUP: in_context("audit", "公众查询"),
    AuditAction.CASE_OPENED: in_context("audit", "受理办件"),
    AuditAction.MATERIAL_ADDED: in_context("audit", "补充材料"),
    AuditAction.CASE_ADVANCED: in_context("audit", "变更办件状态"),
    AuditAction.LEG_PLANNED: in_context("audit", "新建寄递"),
    AuditAction.LEG_CANCELLED: in_context("audit", "取消寄递"),
    AuditAction.LEG_RETRIED: in_context("audit", "重新下单"),
    AuditAction.RECEIPT_CONFIRMED: in_context("audit", "签收确认"),
    AuditAction.DISCREPANCY_RESOLVED: in_context("audit", "处理签收差异"),
    AuditAction.RESULT_HANDED_OVER: in_context("audit", "窗口交付"),
    AuditAction.ORGANIZATION_REGISTERED: in_context("audit", "登记机构"),
    AuditAction.ACCOUNT_CREATED: in_context("audit", "开设账号"),
    AuditAction.ACCOUNT_DISABLED: in_context("audit", "停用账号"),
    AuditAction.ACCOUNT_ENABLED: in_context("audit", "启用账号"),
    AuditAction.ACCOUNT_CHANGED: in_context("audit", "修改账号"),
    AuditAction.PASSWORD_RESET: in_context("audit", "重置密码"),
    AuditAction.ORGANIZATION_CHANGED: in_context("audit", "修改机构"),
    AuditAction.TOKEN_CREATED: in_context("audit", "签发接口令牌"),
    AuditAction.TOKEN_REVOKED: in_context("audit", "吊销接口令牌"),
    AuditAction.WEBHOOK_CHANGED: in_context("audit", "变更回调地址"),
    AuditAction.SIGNED_IN: in_context("audit", "登录成功"),
    AuditAction.SIGN_IN_FAILED: in_context("audit", "登录失败"),
    AuditAction.CASE_ANONYMISED: in_context("audit", "办件匿名化"),
    AuditAction.REPORT_REPLAYED: in_context("audit", "重发回传"),
}
# Actions that show a case's personal data: "who looked at an applicant's data".
VIEWS = frozenset(
    {
        AuditAction.CASE_VIEWED,
        AuditAction.CASES_LISTED,
        AuditAction.LABEL_PRINTED,
        AuditAction.HANDOVER_LIST_PRINTED,
        AuditAction.ARRIVAL_OPENED,
        AuditAction.PUBLIC_LOOKUP,
    }
)
DETAIL_LENGTH = 200


@dataclass(frozen=True)
class Origin:
    """From where an action came: the client address and how the caller signed in."""

    client: str = ""
    channel: str = "system"  # session, basic, bearer, job, system
    token_id: int | None = None  # the API token of a bearer call (its secret is never kept)

    @property
    def channel_text(self) -> str:
        """Name the channel, and for a bearer call the token (bearer:12), as the log keeps it."""
        return self.channel if self.token_id is None else f"{self.channel}:{self.token_id}"


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    action: AuditAction
    account_id: int | None = None
    username: str = ""
    case_id: int | None = None
    case_number: str = ""
    target: str = ""
    client: str = ""
    channel: str = ""
    detail: str = ""
    id: int | None = None

    @property
    def action_name(self) -> str:
        return ACTION_NAMES[self.action]


PAGE_SIZE = 50
MAX_PAGE = 10_000
BAD_ACTION = Text("请选择列表中的操作类型。")
BAD_PAGE = Text("页码应为 1 至 {last} 之间的整数。", last=MAX_PAGE)
FROM_AFTER_TO = Text("起始日期不能晚于截止日期。")


@dataclass(frozen=True)
class AuditQuery:
    """A search of the log: case number, account username, action, days (China time), page."""

    case_number: str = ""
    account: str = ""
    action: AuditAction | None = None
    since_day: date | None = None
    until_day: date | None = None
    page: int = 1

    @classmethod
    def from_text(
        cls, case_number: str = "", account: str = "", action: str = "", since: str = "",
        until: str = "", page: str = "",
    ) -> AuditQuery:  # fmt: skip
        """Read the filters as typed; raise ValidationFailed naming each bad field."""
        errors: dict[str, str] = {}
        start, end = read_day(since, "from", errors), read_day(until, "to", errors)
        if start and end and start > end:
            errors["to"] = FROM_AFTER_TO
        found = _action(action, errors)
        number = _page(page, errors)
        if errors:
            raise ValidationFailed(errors)
        return cls(case_number.strip()[:40], account.strip()[:40], found, start, end, number)

    @property
    def since(self) -> datetime | None:
        day = self.since_day
        return None if day is None else datetime.combine(day, time(), CHINA_TIME)

    @property
    def before(self) -> datetime | None:
        day = self.until_day
        return (
            None if day is None else datetime.combine(day + timedelta(days=1), time(), CHINA_TIME)
        )

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE


def _action(text: str, errors: dict[str, str]) -> AuditAction | None:
    if not text.strip():
        return None
    try:
        return AuditAction(text.strip())
    except ValueError:
        errors["action"] = BAD_ACTION
        return None


def _page(text: str, errors: dict[str, str]) -> int:
    text = text.strip() or "1"
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE:
        errors["page"] = BAD_PAGE
        return 1
    return int(text)


@dataclass(frozen=True)
class AuditPage:
    """One page of the log, with how many rows match in all."""

    items: list[AuditEntry]
    total: int
    query: AuditQuery

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @property
    def has_previous(self) -> bool:
        return self.query.page > 1

    @property
    def has_next(self) -> bool:
        return self.query.page < self.pages
