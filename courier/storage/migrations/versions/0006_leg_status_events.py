"""leg status events

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

import courier.storage.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

EVENT_TYPES = ("accepted", "acceptance_voided", "in_transit", "out_for_delivery", "delivered",
               "delivery_failed", "returning", "returned", "lost", "exception")
LEG_STATUSES = ("draft", "booking", "queued", "booking_uncertain", "booking_failed", "booked",
                "handed_over", "in_transit", "out_for_delivery", "delivery_failed", "delivered",
                "received", "returning", "returned", "lost", "cancelled")


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=30)


def upgrade() -> None:
    utc = courier.storage.types.UTCDateTime(timezone=True)
    op.create_table(
        "leg_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("leg_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("event_type", _enum(EVENT_TYPES, "legeventtype"), nullable=False),
        sa.Column("status", _enum(LEG_STATUSES, "legstatus"), nullable=False),
        sa.Column("reason", sa.String(length=100), nullable=False),
        sa.Column("occurred_at", utc, nullable=False),
        sa.Column("recorded_at", utc, nullable=False),
        sa.ForeignKeyConstraint(["leg_id"], ["legs.id"], name=op.f("fk_leg_events_leg_id_legs")),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_leg_events_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leg_events")),
    )
    with op.batch_alter_table("leg_events", schema=None) as batch_op:
        for column in ("leg_id", "case_id", "recorded_at"):
            batch_op.create_index(batch_op.f(f"ix_leg_events_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("leg_events", schema=None) as batch_op:
        for column in ("leg_id", "case_id", "recorded_at"):
            batch_op.drop_index(batch_op.f(f"ix_leg_events_{column}"))
    op.drop_table("leg_events")
