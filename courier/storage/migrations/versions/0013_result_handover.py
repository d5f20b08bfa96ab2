"""result hand-over at the window, case status changes, settled receipt discrepancies

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

import courier.storage.types

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

CASE_STATUSES = ("accepted", "in_review", "decided", "closed")


def upgrade() -> None:
    op.create_table(
        "result_handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "collector",
            sa.Enum("applicant", "agent", name="collector", native_enum=False, length=30),
            nullable=False,
        ),
        sa.Column("collector_name", sa.Text(), nullable=False),
        sa.Column("identity_checked", sa.Boolean(), nullable=False),
        sa.Column(
            "handed_over_at", courier.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_result_handovers_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_result_handovers_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_result_handovers")),
        sa.UniqueConstraint("case_id", name=op.f("uq_result_handovers_case_id")),
    )
    op.create_table(
        "case_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(*CASE_STATUSES, name="casestatus", native_enum=False, length=30),
            nullable=False,
        ),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", courier.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_status_changes_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_case_status_changes_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_status_changes")),
    )
    op.create_index(
        op.f("ix_case_status_changes_case_id"), "case_status_changes", ["case_id"], unique=False
    )
    with op.batch_alter_table("receipts") as batch:
        batch.add_column(
            sa.Column("resolved_at", courier.storage.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch.add_column(sa.Column("resolved_by", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("resolution", sa.String(length=200), nullable=False, server_default="")
        )
        batch.create_foreign_key(
            op.f("fk_receipts_resolved_by_accounts"), "accounts", ["resolved_by"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("receipts") as batch:
        batch.drop_constraint(op.f("fk_receipts_resolved_by_accounts"), type_="foreignkey")
        batch.drop_column("resolution")
        batch.drop_column("resolved_by")
        batch.drop_column("resolved_at")
    op.drop_index(op.f("ix_case_status_changes_case_id"), table_name="case_status_changes")
    op.drop_table("case_status_changes")
    op.drop_table("result_handovers")
