"""Webhook endpoints of the case system and the outbox rows the relay works on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from urllib.parse import urlparse

from courier.domain.errors import ValidationFailed
from courier.domain.reports import PUBLIC_TYPES
from courier.domain.text import Text

MAX_URL = 2000
MAX_DESCRIPTION = 200


class DeliveryState(Enum):
    PENDING = "pending"
    DELIVERED = "delivered"
    GIVEN_UP = "given_up"


@dataclass(frozen=True)
class Endpoint:
    """A subscribed URL; secrets are not part of it (they are write-only)."""

    id: int
    url: str
    description: str
    event_types: tuple[str, ...]
    enabled: bool
    disabled_reason: str
    created_at: datetime

    def wants(self, event_type: str) -> bool:
        return self.enabled and event_type in self.event_types

    @property
    def why_disabled(self) -> str:
        """Return why it was disabled, as a sentence the reader's language can say."""
        return DISABLED_REASONS.get(self.disabled_reason, self.disabled_reason)


DISABLED_BY_ADMIN = Text("管理员已停用。")
GONE = Text("对方返回 410 Gone，已停用。")
# the reasons are stored as the Chinese sentence; read back, each is its sentence again
DISABLED_REASONS: dict[str, str] = {reason: reason for reason in (DISABLED_BY_ADMIN, GONE)}


@dataclass(frozen=True)
class OutboxEntry:
    """One reported event, numbered within its case; `body` is the JSON that is sent."""

    message_id: str
    case_id: int
    sequence: int
    leg_id: int | None
    event_type: str
    body: bytes
    recorded_at: datetime


@dataclass(frozen=True)
class DeliveryClaim:
    """A delivery this relay worker holds the lease of, with what it needs to send it."""

    delivery_id: int
    lease_token: str
    endpoint_id: int
    url: str
    secrets: tuple[str, ...]
    message_id: str
    body: bytes
    attempts: int


@dataclass(frozen=True)
class DeliveryResult:
    """How one claimed delivery ended this time; `next_attempt_at` None with PENDING: never."""

    claim: DeliveryClaim
    state: DeliveryState
    next_attempt_at: datetime | None
    attempted_at: datetime
    status_code: int | None
    error: str
    duration_ms: int
    disable_endpoint: bool


def endpoint_problems(url: str, event_types: Sequence[str], https_only: bool) -> dict[str, str]:
    """Name every problem of an endpoint's URL and event types, by field."""
    errors: dict[str, str] = {}
    parsed = urlparse(url)
    allowed = ("https",) if https_only else ("http", "https")
    if len(url) > MAX_URL:
        errors["url"] = Text("地址最长 {most} 个字符。", most=MAX_URL)
    elif parsed.scheme not in allowed or not parsed.hostname:
        errors["url"] = (
            Text("生产环境只接受 https:// 地址。")
            if https_only
            else Text("请填写 http(s):// 地址。")
        )
    elif parsed.username or parsed.password:
        errors["url"] = Text("地址中不能包含用户名或密码。")
    known = set(PUBLIC_TYPES.values())
    if not event_types:
        errors["event_types"] = Text("请至少选择一种事件类型。")
    for index, name in enumerate(event_types):
        if name not in known:
            errors[f"event_types.{index}"] = Text("未知的事件类型：{name}", name=name[:40])
    return errors


def check_endpoint(url: str, event_types: Sequence[str], https_only: bool) -> None:
    """Raise ValidationFailed naming each bad field, or return."""
    errors = endpoint_problems(url, event_types, https_only)
    if errors:
        raise ValidationFailed(errors)
