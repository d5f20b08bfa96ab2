"""booking integrity

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

import courier.storage.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LIVE = sa.text("status <> 'cancelled'")


def upgrade() -> None:
    with op.batch_alter_table("legs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "reconcile_after", courier.storage.types.UTCDateTime(timezone=True), nullable=True
            )
        )
    # Outside the batch: SQLite's table copy would drop the partial WHERE clause.
    op.create_index(
        "uq_legs_live_kind",
        "legs",
        ["case_id", "kind"],
        unique=True,
        postgresql_where=LIVE,
        sqlite_where=LIVE,
    )
    op.create_table(
        "extra_waybills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("leg_id", sa.Integer(), nullable=False),
        sa.Column("order_no", sa.String(length=40), nullable=False),
        sa.Column("waybill_no", sa.String(length=20), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "cancelled",
                "needs_manual_void",
                name="extrawaybillstatus",
                native_enum=False,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=False),
        sa.Column(
            "next_attempt_at", courier.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("created_at", courier.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["leg_id"], ["legs.id"], name=op.f("fk_extra_waybills_leg_id_legs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extra_waybills")),
        sa.UniqueConstraint("waybill_no", name=op.f("uq_extra_waybills_waybill_no")),
    )
    with op.batch_alter_table("extra_waybills", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_extra_waybills_leg_id"), ["leg_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_extra_waybills_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("extra_waybills", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_extra_waybills_status"))
        batch_op.drop_index(batch_op.f("ix_extra_waybills_leg_id"))
    op.drop_table("extra_waybills")
    op.drop_index("uq_legs_live_kind", table_name="legs")
    with op.batch_alter_table("legs", schema=None) as batch_op:
        batch_op.drop_column("reconcile_after")
