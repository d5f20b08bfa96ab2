"""operation and access log

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

import courier.storage.types

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", courier.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("case_number", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=60), nullable=False),
        sa.Column("client", sa.String(length=45), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"])
    op.create_index(op.f("ix_audit_log_account_id"), "audit_log", ["account_id"])
    op.create_index(op.f("ix_audit_log_case_number"), "audit_log", ["case_number"])


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_log_case_number"), table_name="audit_log")
    op.drop_index(op.f("ix_audit_log_account_id"), table_name="audit_log")
    op.drop_index(op.f("ix_audit_log_at"), table_name="audit_log")
    op.drop_table("audit_log")
