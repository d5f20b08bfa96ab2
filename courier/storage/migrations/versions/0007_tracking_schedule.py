"""tracking schedule

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

import courier.storage.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

STILL_MOVING = (
    "booked", "handed_over", "in_transit", "out_for_delivery", "delivery_failed", "returning",
)  # fmt: skip


def _moment() -> courier.storage.types.UTCDateTime:
    return courier.storage.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("legs") as batch_op:
        batch_op.add_column(sa.Column("next_poll_at", _moment(), nullable=True))
        batch_op.add_column(sa.Column("poll_claimed_until", _moment(), nullable=True))
        batch_op.add_column(sa.Column("exception_reason", sa.String(200), nullable=True))
        batch_op.add_column(sa.Column("exception_at", _moment(), nullable=True))
        batch_op.add_column(sa.Column("handed_over_at", _moment(), nullable=True))
        batch_op.create_index("ix_legs_next_poll_at", ["next_poll_at"], unique=False)
    legs = sa.table(
        "legs",
        sa.column("id"),
        sa.column("status"),
        sa.column("booked_at", _moment()),
        sa.column("next_poll_at", _moment()),
        sa.column("handed_over_at", _moment()),
    )
    # Legs already moving are polled from their booking time on: due at once.
    op.execute(
        legs.update()
        .where(legs.c.status.in_(STILL_MOVING), legs.c.booked_at.is_not(None))
        .values(next_poll_at=legs.c.booked_at)
    )
    handovers = sa.table("handovers", sa.column("id"), sa.column("handed_over_at", _moment()))
    listed = sa.table("handover_legs", sa.column("handover_id"), sa.column("leg_id"))
    when = (
        sa.select(handovers.c.handed_over_at)
        .join(listed, listed.c.handover_id == handovers.c.id)
        .where(listed.c.leg_id == legs.c.id)
        .scalar_subquery()
    )
    op.execute(legs.update().values(handed_over_at=when))


def downgrade() -> None:
    with op.batch_alter_table("legs") as batch_op:
        batch_op.drop_index("ix_legs_next_poll_at")
        for name in (
            "handed_over_at", "exception_at", "exception_reason", "poll_claimed_until",
            "next_poll_at",
        ):  # fmt: skip
            batch_op.drop_column(name)
