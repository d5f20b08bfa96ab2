"""result hand-over at the window

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


def downgrade() -> None:
    op.drop_table("result_handovers")
