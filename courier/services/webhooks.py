"""Use cases of webhook endpoints: subscribe, rotate the secret, disable, look, replay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from courier.domain.audit import AuditAction
from courier.domain.errors import NotFound, ValidationFailed
from courier.domain.reports import new_secret
from courier.domain.text import Text
from courier.domain.webhooks import DISABLED_BY_ADMIN, DeliveryState, Endpoint, check_endpoint
from courier.ports.clock import Clock
from courier.services import audit
from courier.services.events import RELAY_JOB
from courier.services.unit_of_work import UnitOfWork

NO_ENDPOINT = Text("未找到该回传地址。")


@dataclass(frozen=True)
class Subscribe:
    url: str
    event_types: list[str]
    description: str = ""


def create_endpoint(
    uow: UnitOfWork, clock: Clock, command: Subscribe, https_only: bool, by: int | None = None
) -> tuple[Endpoint, str]:
    """Subscribe a URL to event types; return it and its secret (shown this once only)."""
    check_endpoint(command.url, command.event_types, https_only)
    secret = new_secret()
    with uow:
        types = list(dict.fromkeys(command.event_types))
        endpoint_id = uow.webhook_endpoints.add(
            command.url, command.description, types, secret, clock.now()
        )
        _changed(uow, by, endpoint_id, "created")
        uow.commit()
        return _require(uow, endpoint_id), secret


def list_endpoints(uow: UnitOfWork) -> list[Endpoint]:
    with uow:
        return uow.webhook_endpoints.all()


def get_endpoint(uow: UnitOfWork, endpoint_id: int) -> Endpoint:
    with uow:
        return _require(uow, endpoint_id)


def rotate_secret(
    uow: UnitOfWork, clock: Clock, endpoint_id: int, grace: timedelta, by: int | None = None
) -> str:
    """Give the endpoint a new secret; the old one still signs (as well) for `grace`."""
    secret = new_secret()
    with uow:
        _require(uow, endpoint_id)
        uow.webhook_endpoints.rotate(endpoint_id, secret, clock.now() + grace)
        _changed(uow, by, endpoint_id, "secret rotated")
        uow.commit()
    return secret


def disable_endpoint(uow: UnitOfWork, endpoint_id: int, by: int | None = None) -> Endpoint:
    """Stop sending to the endpoint; its pending reports wait (replay sends them elsewhere)."""
    with uow:
        _require(uow, endpoint_id)
        uow.webhook_endpoints.disable(endpoint_id, DISABLED_BY_ADMIN)
        _changed(uow, by, endpoint_id, "disabled")
        uow.commit()
        return _require(uow, endpoint_id)


def endpoint_attempts(uow: UnitOfWork, endpoint_id: int, limit: int = 200) -> list[dict[str, Any]]:
    """Return the endpoint's newest delivery attempts: time, status code, error, duration."""
    with uow:
        _require(uow, endpoint_id)
        return uow.webhook_endpoints.attempts(endpoint_id, limit)


def reported_events(uow: UnitOfWork, state: str | None, limit: int = 200) -> list[dict[str, Any]]:
    """Return the newest reports per endpoint, only those in `state` when given."""
    states = {s.value: s for s in DeliveryState} | {"failed": DeliveryState.GIVEN_UP}
    if state is not None and state not in states:
        raise ValidationFailed({"state": Text("状态应为 pending、delivered、given_up 或 failed。")})
    with uow:
        return uow.webhook_endpoints.events(states[state] if state else None, limit)


@dataclass(frozen=True)
class TroubleFilter:
    """Which troubled reports to list: given up only, or failing too; one endpoint, one case."""

    given_up_only: bool = False
    endpoint_id: int | None = None
    case_number: str = ""


def troubled_reports(
    uow: UnitOfWork, wanted: TroubleFilter, limit: int = 200
) -> list[dict[str, Any]]:
    """Return the newest deliveries given up or still failing, with last status and error."""
    with uow:
        return uow.webhook_endpoints.troubled(
            wanted.given_up_only, wanted.endpoint_id, wanted.case_number.strip(), limit
        )


def replay_event(
    uow: UnitOfWork, clock: Clock, event_id: int, endpoint_id: int | None = None,
    by: int | None = None,
) -> int:  # fmt: skip
    """Queue a report again (same webhook-id), to one endpoint or to every subscribed one."""
    with uow:
        event_type = uow.webhook_endpoints.event_type(event_id)
        if event_type is None:
            raise NotFound(Text("未找到该回传事件。"), "event_id")
        if endpoint_id is not None:
            targets = [_require(uow, endpoint_id).id]
        else:
            targets = [e.id for e in uow.webhook_endpoints.all() if e.wants(event_type)]
        count = uow.webhook_endpoints.replay(event_id, targets, clock.now())
        sent_to = ", ".join(str(t) for t in targets)
        detail = Text("回传地址：{ids}", ids=sent_to) if targets else Text("回传地址：无")
        audit.record(
            uow, AuditAction.REPORT_REPLAYED, by, target=f"event:{event_id}", detail=detail
        )
        uow.enqueue_after_commit(RELAY_JOB)
        uow.commit()
        return count


def _require(uow: UnitOfWork, endpoint_id: int) -> Endpoint:
    endpoint = uow.webhook_endpoints.get(endpoint_id)
    if endpoint is None:
        raise NotFound(NO_ENDPOINT, "endpoint_id")
    return endpoint


def _changed(uow: UnitOfWork, by: int | None, endpoint_id: int, what: str) -> None:
    audit.record(uow, AuditAction.WEBHOOK_CHANGED, by, target=f"webhook:{endpoint_id}", detail=what)
