"""staff sessions and sign-in throttling

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

import courier.storage.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("created_at", courier.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "last_seen_at", courier.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("revoked_at", courier.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("client_address", sa.String(length=45), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_staff_sessions_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_staff_sessions")),
    )
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_staff_sessions_account_id"), ["account_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_sessions_account_id"))
    op.drop_table("staff_sessions")
