"""tracking integrity

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from courier.storage.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

WIDENED = ("op_name", "op_org_prov_name", "op_org_city", "op_org_code", "op_org_name",
           "operator_name")  # fmt: skip
OLD_LENGTHS = {"op_name": 60, "op_org_prov_name": 30, "op_org_city": 30, "op_org_code": 30,
               "op_org_name": 100, "operator_name": 40}  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("tracking_events") as batch_op:
        batch_op.drop_constraint("uq_tracking_events_event", type_="unique")
        for name in WIDENED:
            batch_op.alter_column(
                name, type_=sa.String(200), existing_type=sa.String(OLD_LENGTHS[name])
            )
        batch_op.create_unique_constraint(
            "uq_tracking_events_event", ["waybill_no", "op_time", "op_code", "op_org_code"]
        )
    _acknowledgements_keyed_by_id()
    op.create_table(
        "tracking_quarantine",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial_no", sa.String(length=64), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("received_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracking_quarantine")),
    )
    op.create_index(
        op.f("ix_tracking_quarantine_serial_no"), "tracking_quarantine", ["serial_no"]
    )


def _acknowledgements_keyed_by_id() -> None:
    """Rebuild push_batches with its own key (copying through a table without constraints)."""
    op.execute(
        "CREATE TABLE push_batches_copy AS SELECT serial_no, received_at, event_count "
        "FROM push_batches"
    )
    op.drop_table("push_batches")
    op.create_table(
        "push_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial_no", sa.String(length=64), nullable=False),
        sa.Column("received_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("new_count", sa.Integer(), nullable=False),
        sa.Column("quarantined_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_batches")),
    )
    op.create_index(op.f("ix_push_batches_serial_no"), "push_batches", ["serial_no"])
    op.execute(
        "INSERT INTO push_batches (serial_no, received_at, event_count, new_count, "
        "quarantined_count) SELECT serial_no, received_at, event_count, event_count, 0 "
        "FROM push_batches_copy"
    )
    op.drop_table("push_batches_copy")


def downgrade() -> None:
    op.drop_index(op.f("ix_tracking_quarantine_serial_no"), table_name="tracking_quarantine")
    op.drop_table("tracking_quarantine")
    op.drop_index(op.f("ix_push_batches_serial_no"), table_name="push_batches")
    op.drop_table("push_batches")
    op.create_table(
        "push_batches",
        sa.Column("serial_no", sa.String(length=64), nullable=False),
        sa.Column("received_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("serial_no", name=op.f("pk_push_batches")),
    )
    with op.batch_alter_table("tracking_events") as batch_op:
        batch_op.drop_constraint("uq_tracking_events_event", type_="unique")
        batch_op.create_unique_constraint(
            "uq_tracking_events_event", ["waybill_no", "op_time", "op_code"]
        )
        for name in WIDENED:
            batch_op.alter_column(
                name, type_=sa.String(OLD_LENGTHS[name]), existing_type=sa.String(200)
            )
