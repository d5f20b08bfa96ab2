"""leg booking options: pickup type and window, return receipt

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

import courier.storage.types

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = courier.storage.types.UTCDateTime(timezone=True)
    with op.batch_alter_table("legs") as batch_op:
        # legs booked before keep what was sent: counter drop-off, no return receipt
        batch_op.add_column(
            sa.Column("pickup_type", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("pickup_start", utc, nullable=True))
        batch_op.add_column(sa.Column("pickup_end", utc, nullable=True))
        batch_op.add_column(
            sa.Column("receipt_flag", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("legs") as batch_op:
        for column in ("receipt_flag", "pickup_end", "pickup_start", "pickup_type"):
            batch_op.drop_column(column)
