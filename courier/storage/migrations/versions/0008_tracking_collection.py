"""tracking collection

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

import courier.storage.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _moment() -> courier.storage.types.UTCDateTime:
    return courier.storage.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("legs") as batch_op:
        batch_op.add_column(sa.Column("collected_at", _moment(), nullable=True))
    legs = sa.table(
        "legs", sa.column("waybill_no"), sa.column("collected_at", _moment())
    )
    events = sa.table(
        "tracking_events",
        sa.column("waybill_no"),
        sa.column("op_code"),
        sa.column("op_time", _moment()),
    )
    # Legs the carrier accepted before: collected at their earliest acceptance (203).
    accepted = (
        sa.select(sa.func.min(events.c.op_time))
        .where(events.c.waybill_no == legs.c.waybill_no, events.c.op_code == "203")
        .scalar_subquery()
    )
    op.execute(legs.update().where(legs.c.waybill_no.is_not(None)).values(collected_at=accepted))


def downgrade() -> None:
    with op.batch_alter_table("legs") as batch_op:
        batch_op.drop_column("collected_at")
