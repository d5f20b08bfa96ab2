"""The schema, as SQLAlchemy tables; Alembic migrations create it."""

from __future__ import annotations

from enum import Enum

import sqlalchemy as sa

from courier.domain.accounts import Role
from courier.domain.case import CaseStatus, ResultDelivery
from courier.domain.extra_waybills import ExtraWaybillStatus
from courier.domain.leg import LegKind, LegStatus
from courier.domain.notifications import NotificationStep, SmsStatus
from courier.domain.receipt import MaterialState
from courier.domain.result_handover import Collector
from courier.domain.tracking import LegEventType
from courier.storage.types import (
    AddressJSON,
    CarrierAccountJSON,
    EncryptedAddressJSON,
    EncryptedText,
    PartyJSON,
    UTCDateTime,
)

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def enum_column(enum: type[Enum]) -> sa.Enum:
    """Store an enum by its value as plain text (portable across PostgreSQL and SQLite)."""
    return sa.Enum(
        enum,
        native_enum=False,
        length=30,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def _organization(name: str) -> sa.Table:
    return sa.Table(
        name,
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(30), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("address", AddressJSON, nullable=False),
        sa.Column("contact_name", EncryptedText, nullable=False),
        sa.Column("contact_phone", EncryptedText, nullable=False),
        sa.Column("carrier_account", CarrierAccountJSON, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    )


halls = _organization("halls")
departments = _organization("departments")

accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(40), nullable=False, unique=True),
    sa.Column("display_name", sa.String(40), nullable=False),
    sa.Column("role", enum_column(Role), nullable=False),
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("hall_id", sa.ForeignKey("halls.id"), nullable=True),
    sa.Column("department_id", sa.ForeignKey("departments.id"), nullable=True),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("language", sa.String(8), nullable=True),
)

cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_number", sa.String(40), nullable=False, unique=True),
    sa.Column("matter_name", sa.String(100), nullable=False),
    sa.Column("applicant_name", EncryptedText, nullable=False),
    sa.Column("applicant_mobile", EncryptedText, nullable=False),
    sa.Column("applicant_id_number", EncryptedText, nullable=False),
    sa.Column("applicant_address", EncryptedAddressJSON, nullable=True),
    sa.Column("applicant_name_hash", sa.String(64), nullable=False, index=True),
    sa.Column("applicant_mobile_tail_hash", sa.String(64), nullable=False, index=True),
    sa.Column("applicant_id_hash", sa.String(64), nullable=False, index=True),
    sa.Column("hall_id", sa.ForeignKey("halls.id"), nullable=False, index=True),
    sa.Column("department_id", sa.ForeignKey("departments.id"), nullable=False, index=True),
    sa.Column("status", enum_column(CaseStatus), nullable=False),
    sa.Column("result_delivery", enum_column(ResultDelivery), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("notify_applicant", sa.Boolean, nullable=False, server_default=sa.true()),
)

materials = sa.Table(
    "materials",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("original", sa.Boolean, nullable=False),
    sa.Column("pages", sa.Integer, nullable=False),
    sa.Column("copies", sa.Integer, nullable=False),
)

legs = sa.Table(
    "legs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id"), nullable=False, index=True),
    sa.Column("kind", enum_column(LegKind), nullable=False),
    sa.Column("order_no", sa.String(40), nullable=False, unique=True),
    sa.Column("sender", PartyJSON, nullable=False),
    sa.Column("receiver", PartyJSON, nullable=False),
    sa.Column("customer_no", sa.String(40), nullable=False),
    sa.Column("payment_mode", sa.Integer, nullable=False),
    sa.Column("biz_product_no", sa.String(10), nullable=False),
    sa.Column("weight_grams", sa.Integer, nullable=False),
    sa.Column("insured_value", sa.Numeric(10, 2), nullable=True),
    sa.Column("status", enum_column(LegStatus), nullable=False, index=True),
    sa.Column("waybill_no", sa.String(20), nullable=True, unique=True),
    sa.Column("route_code", sa.String(40), nullable=False),
    sa.Column("package_code", sa.String(40), nullable=False),
    sa.Column("package_code_name", sa.String(60), nullable=False),
    sa.Column("mark_destination_code", sa.String(40), nullable=False),
    sa.Column("mark_destination_name", sa.String(60), nullable=False),
    sa.Column("booked_at", UTCDateTime, nullable=True),
    sa.Column("claimed_until", UTCDateTime, nullable=True),
    sa.Column("booking_attempts", sa.Integer, nullable=False),
    sa.Column("last_error", sa.String(500), nullable=False),
    sa.Column("tracked_at", UTCDateTime, nullable=True),
    sa.Column("tracking_note", sa.String(100), nullable=False),
    sa.Column("reconcile_after", UTCDateTime, nullable=True),
    sa.Column("next_poll_at", UTCDateTime, nullable=True, index=True),
    sa.Column("poll_claimed_until", UTCDateTime, nullable=True),
    sa.Column("exception_reason", sa.String(200), nullable=True),
    sa.Column("exception_at", UTCDateTime, nullable=True),
    sa.Column("handed_over_at", UTCDateTime, nullable=True),
    sa.Column("collected_at", UTCDateTime, nullable=True),
    sa.Column("pickup_type", sa.Integer, nullable=False, server_default="0"),
    sa.Column("pickup_start", UTCDateTime, nullable=True),
    sa.Column("pickup_end", UTCDateTime, nullable=True),
    sa.Column("receipt_flag", sa.Boolean, nullable=False, server_default=sa.false()),
)
# The one-live-leg-per-kind rule of a case, held by the database against concurrent plans.
LIVE_LEG_INDEX = "uq_legs_live_kind"
_LIVE = sa.text("status <> 'cancelled'")
sa.Index(
    LIVE_LEG_INDEX,
    legs.c.case_id,
    legs.c.kind,
    unique=True,
    postgresql_where=_LIVE,
    sqlite_where=_LIVE,
)

extra_waybills = sa.Table(
    "extra_waybills",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("leg_id", sa.ForeignKey("legs.id"), nullable=False, index=True),
    sa.Column("order_no", sa.String(40), nullable=False),
    sa.Column("waybill_no", sa.String(20), nullable=False, unique=True),
    sa.Column("status", enum_column(ExtraWaybillStatus), nullable=False, index=True),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("last_error", sa.String(500), nullable=False),
    sa.Column("next_attempt_at", UTCDateTime, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

leg_materials = sa.Table(
    "leg_materials",
    metadata,
    sa.Column("leg_id", sa.ForeignKey("legs.id"), primary_key=True),
    sa.Column("material_id", sa.ForeignKey("materials.id"), primary_key=True),
)

carrier_calls = sa.Table(
    "carrier_calls",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("operation", sa.String(30), nullable=False),
    sa.Column("leg_id", sa.Integer, nullable=True, index=True),
    sa.Column("logistics_order_no", sa.String(40), nullable=False, index=True),
    sa.Column("waybill_no", sa.String(400), nullable=False, index=True),
    sa.Column("started_at", UTCDateTime, nullable=False),
    sa.Column("duration_ms", sa.Integer, nullable=False),
    sa.Column("outcome", sa.String(20), nullable=False),
    sa.Column("error_code", sa.String(20), nullable=False),
    sa.Column("error_message", sa.String(500), nullable=False),
    sa.Column("request_xml", sa.Text, nullable=False),
    sa.Column("response_xml", sa.Text, nullable=False),
)

# Text columns hold what the contract allows (tns:Text, 200 characters), so that every
# event the schema accepts can be stored.
TRACKING_TEXT = 200

tracking_events = sa.Table(
    "tracking_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("waybill_no", sa.String(20), nullable=False, index=True),
    sa.Column("op_time", UTCDateTime, nullable=False),
    sa.Column("op_code", sa.String(10), nullable=False),
    sa.Column("op_name", sa.String(TRACKING_TEXT), nullable=False),
    sa.Column("op_desc", sa.String(500), nullable=False),
    sa.Column("op_org_prov_name", sa.String(TRACKING_TEXT), nullable=False),
    sa.Column("op_org_city", sa.String(TRACKING_TEXT), nullable=False),
    sa.Column("op_org_code", sa.String(TRACKING_TEXT), nullable=False),
    sa.Column("op_org_name", sa.String(TRACKING_TEXT), nullable=False),
    sa.Column("operator_name", sa.String(TRACKING_TEXT), nullable=False),
    sa.Column("deliver_code", sa.String(10), nullable=False),
    sa.Column("attempt_delivery_code", sa.String(10), nullable=False),
    sa.Column("source", sa.String(10), nullable=False),
    sa.Column("received_at", UTCDateTime, nullable=False),
    # an event is what happened where and when; the push serial number is no part of it
    sa.UniqueConstraint(
        "waybill_no", "op_time", "op_code", "op_org_code", name="uq_tracking_events_event"
    ),
)

# One row per acknowledged batch: a serial number may come again with other events.
push_batches = sa.Table(
    "push_batches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("serial_no", sa.String(64), nullable=False, index=True),
    sa.Column("received_at", UTCDateTime, nullable=False),
    sa.Column("event_count", sa.Integer, nullable=False),
    sa.Column("new_count", sa.Integer, nullable=False),
    sa.Column("quarantined_count", sa.Integer, nullable=False),
)

tracking_quarantine = sa.Table(
    "tracking_quarantine",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("serial_no", sa.String(64), nullable=False, index=True),
    sa.Column("raw", sa.Text, nullable=False),
    sa.Column("reason", sa.String(500), nullable=False),
    sa.Column("received_at", UTCDateTime, nullable=False),
)

label_prints = sa.Table(
    "label_prints",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("leg_id", sa.ForeignKey("legs.id"), nullable=False, index=True),
    sa.Column("account_id", sa.ForeignKey("accounts.id"), nullable=True),
    sa.Column("printed_at", UTCDateTime, nullable=False),
    sa.Column("reprint", sa.Boolean, nullable=False),
    sa.Column("size", sa.String(10), nullable=False),
)

handovers = sa.Table(
    "handovers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_name", EncryptedText, nullable=False),
    sa.Column("account_id", sa.ForeignKey("accounts.id"), nullable=True),
    sa.Column("handed_over_at", UTCDateTime, nullable=False),
)

handover_legs = sa.Table(
    "handover_legs",
    metadata,
    sa.Column("handover_id", sa.ForeignKey("handovers.id"), primary_key=True),
    # One row per leg ever: a leg cannot be handed over twice, even by two desks at once.
    sa.Column("leg_id", sa.ForeignKey("legs.id"), primary_key=True, unique=True),
)

# A signed-in staff session; only a digest of its id is kept, so a leaked table signs no one in.
staff_sessions = sa.Table(
    "staff_sessions",
    metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.ForeignKey("accounts.id"), nullable=False, index=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("last_seen_at", UTCDateTime, nullable=False),
    sa.Column("revoked_at", UTCDateTime, nullable=True),
    sa.Column("client_address", sa.String(45), nullable=True),
)

# Domain events of legs for the case system's reports: identifiers, statuses and words only,
# never a name, phone or address.
leg_events = sa.Table(
    "leg_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("leg_id", sa.ForeignKey("legs.id"), nullable=False, index=True),
    sa.Column("case_id", sa.ForeignKey("cases.id"), nullable=False, index=True),
    sa.Column("event_type", enum_column(LegEventType), nullable=False),
    sa.Column("status", enum_column(LegStatus), nullable=False),
    sa.Column("reason", sa.String(100), nullable=False),
    sa.Column("occurred_at", UTCDateTime, nullable=False),
    sa.Column("recorded_at", UTCDateTime, nullable=False, index=True),
)

# Text messages to applicants, one per case and step: planning a step again is a no-op. The
# phone number is not kept here; it is read from the case (encrypted) only when sending.
sms_messages = sa.Table(
    "sms_messages",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id"), nullable=False, index=True),
    sa.Column("leg_id", sa.ForeignKey("legs.id"), nullable=True),
    sa.Column("step", enum_column(NotificationStep), nullable=False),
    sa.Column("status", enum_column(SmsStatus), nullable=False),
    sa.Column("planned_at", UTCDateTime, nullable=False),
    sa.Column("next_attempt_at", UTCDateTime, nullable=False, index=True),
    sa.Column("claimed_until", UTCDateTime, nullable=True),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("text", sa.String(300), nullable=False),
    sa.Column("last_error", sa.String(200), nullable=False),
    sa.Column("gateway_id", sa.String(100), nullable=False),
    sa.Column("sent_at", UTCDateTime, nullable=True),
    sa.UniqueConstraint("case_id", "step", name="uq_sms_messages_case_step"),
)

# The halls an integration account (one per API token) may open and read cases of.
account_halls = sa.Table(
    "account_halls",
    metadata,
    sa.Column("account_id", sa.ForeignKey("accounts.id"), primary_key=True),
    sa.Column("hall_id", sa.ForeignKey("halls.id"), primary_key=True),
)

# Machine clients' tokens; only a digest of each is kept, so a leaked table signs no one in.
api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(40), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("account_id", sa.ForeignKey("accounts.id"), nullable=False, unique=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("last_used_at", UTCDateTime, nullable=True),
    sa.Column("revoked_at", UTCDateTime, nullable=True),
)

# One row per (principal, Idempotency-Key): inserting it is the lock of the first request.
idempotency_keys = sa.Table(
    "idempotency_keys",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.ForeignKey("accounts.id"), nullable=False),
    sa.Column("key", sa.String(255), nullable=False),
    sa.Column("method", sa.String(10), nullable=False),
    sa.Column("path", sa.String(500), nullable=False),
    sa.Column("body_hash", sa.String(64), nullable=False),
    sa.Column("claim", sa.String(32), nullable=False),
    sa.Column("started_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False, index=True),
    sa.Column("response_status", sa.Integer, nullable=True),
    sa.Column("response_headers", sa.Text, nullable=True),
    # the answer may quote a case (masked); it is encrypted at rest all the same
    sa.Column("response_body", EncryptedText, nullable=True),
    sa.UniqueConstraint("account_id", "key", name="uq_idempotency_keys_principal_key"),
)

# Status reports (回传): one row per reported event, numbered per case (1, 2, 3…); the body is
# the exact JSON sent, made of identifiers, statuses, times and reasons only.
outbox_events = sa.Table(
    "outbox_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("message_id", sa.String(40), nullable=False, unique=True),
    sa.Column("case_id", sa.ForeignKey("cases.id"), nullable=False),
    sa.Column("sequence", sa.Integer, nullable=False),
    sa.Column("leg_id", sa.ForeignKey("legs.id"), nullable=True),
    sa.Column("event_type", sa.String(40), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("recorded_at", UTCDateTime, nullable=False, index=True),
    sa.UniqueConstraint("case_id", "sequence"),
)

# Endpoints of the case system; the secrets are encrypted and never shown after creation.
webhook_endpoints = sa.Table(
    "webhook_endpoints",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.String(2000), nullable=False),
    sa.Column("description", sa.String(200), nullable=False),
    sa.Column("event_types", sa.Text, nullable=False),  # a JSON list of public types
    sa.Column("secret", EncryptedText, nullable=False),
    sa.Column("previous_secret", EncryptedText, nullable=True),
    sa.Column("previous_secret_until", UTCDateTime, nullable=True),
    sa.Column("enabled", sa.Boolean, nullable=False),
    sa.Column("disabled_reason", sa.String(200), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

# One report to one endpoint: the outbox row the relay claims with a lease.
webhook_deliveries = sa.Table(
    "webhook_deliveries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.ForeignKey("outbox_events.id"), nullable=False),
    sa.Column("endpoint_id", sa.ForeignKey("webhook_endpoints.id"), nullable=False),
    # copied from the event, so that "the case's previous report" is one index lookup
    sa.Column("case_id", sa.Integer, nullable=False),
    sa.Column("sequence", sa.Integer, nullable=False),
    sa.Column("state", sa.String(20), nullable=False),  # pending, delivered, given_up
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("next_attempt_at", UTCDateTime, nullable=False),
    sa.Column("lease_until", UTCDateTime, nullable=True),
    sa.Column("lease_token", sa.String(40), nullable=True),
    sa.Column("last_status", sa.Integer, nullable=True),
    sa.Column("last_error", sa.String(300), nullable=False),
    sa.UniqueConstraint("event_id", "endpoint_id"),
    sa.Index("ix_webhook_deliveries_due", "state", "next_attempt_at"),
    sa.Index("ix_webhook_deliveries_case_order", "endpoint_id", "case_id", "state", "sequence"),
)

webhook_attempts = sa.Table(
    "webhook_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("delivery_id", sa.ForeignKey("webhook_deliveries.id"), nullable=False, index=True),
    sa.Column("attempted_at", UTCDateTime, nullable=False),
    sa.Column("status_code", sa.Integer, nullable=True),
    sa.Column("error", sa.String(300), nullable=False),
    sa.Column("duration_ms", sa.Integer, nullable=False),
)

# Receipts (签收确认) by the receiving side: one per leg ever, so a second one is refused by the
# database even when two desks confirm at the same moment. Who and what only, no personal data.
receipts = sa.Table(
    "receipts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("leg_id", sa.ForeignKey("legs.id"), nullable=False, unique=True),
    sa.Column("account_id", sa.ForeignKey("accounts.id"), nullable=False),
    sa.Column("confirmed_at", UTCDateTime, nullable=False),
    sa.Column("note", sa.String(200), nullable=False),
    sa.Column("resolved_at", UTCDateTime, nullable=True),
    sa.Column("resolved_by", sa.ForeignKey("accounts.id"), nullable=True),
    sa.Column("resolution", sa.String(200), nullable=False, server_default=""),
)

receipt_lines = sa.Table(
    "receipt_lines",
    metadata,
    sa.Column("receipt_id", sa.ForeignKey("receipts.id"), primary_key=True),
    sa.Column("material_id", sa.ForeignKey("materials.id"), primary_key=True),
    sa.Column("state", enum_column(MaterialState), nullable=False),
)

# The result handed over at the hall window (窗口交付): one per case ever, so that two desks
# recording it at once cannot both close the case. No ID number: only whether it was checked.
result_handovers = sa.Table(
    "result_handovers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id"), nullable=False, unique=True),
    sa.Column("account_id", sa.ForeignKey("accounts.id"), nullable=False),
    sa.Column("collector", enum_column(Collector), nullable=False),
    sa.Column("collector_name", EncryptedText, nullable=False),
    sa.Column("identity_checked", sa.Boolean, nullable=False),
    sa.Column("handed_over_at", UTCDateTime, nullable=False),
    sa.Column("note", sa.String(200), nullable=False),
)

# When a case moved on, and who moved it: the case's history reads these.
case_status_changes = sa.Table(
    "case_status_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id"), nullable=False, index=True),
    sa.Column("status", enum_column(CaseStatus), nullable=False),
    sa.Column("account_id", sa.ForeignKey("accounts.id"), nullable=True),
    sa.Column("changed_at", UTCDateTime, nullable=False),
)

# The operation and access log (操作与访问日志): who did what, or looked at which case, when
# and from where. Never personal data: cases by number, people by account.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", UTCDateTime, nullable=False, index=True),
    sa.Column("account_id", sa.Integer, nullable=True, index=True),
    sa.Column("username", sa.String(40), nullable=False),
    sa.Column("action", sa.String(30), nullable=False),
    sa.Column("case_id", sa.Integer, nullable=True),
    sa.Column("case_number", sa.String(40), nullable=False, index=True),
    sa.Column("target", sa.String(60), nullable=False),
    sa.Column("client", sa.String(45), nullable=False),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("detail", sa.String(200), nullable=False),
)
