"""Every public report type is a webhook of the OpenAPI document, with the report's model."""

from __future__ import annotations

from courier.app.openapi import webhook
from courier.services.report_models import EVENT_TYPES, StatusReport


def register_report_webhooks() -> None:
    """Register each report type as a webhook (again is harmless: one entry per type)."""
    for event_type, summary in EVENT_TYPES.items():
        webhook(event_type, summary)(StatusReport)
