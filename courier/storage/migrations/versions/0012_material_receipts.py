"""material receipts

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

import courier.storage.types

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

STATES = ("received", "missing", "damaged")


def upgrade() -> None:
    op.create_table(
        "receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("leg_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "confirmed_at", courier.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["leg_id"], ["legs.id"], name=op.f("fk_receipts_leg_id_legs")),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_receipts_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipts")),
        sa.UniqueConstraint("leg_id", name=op.f("uq_receipts_leg_id")),
    )
    op.create_table(
        "receipt_lines",
        sa.Column("receipt_id", sa.Integer(), nullable=False),
        sa.Column("material_id", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(*STATES, name="materialstate", native_enum=False, length=30),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["receipt_id"], ["receipts.id"], name=op.f("fk_receipt_lines_receipt_id_receipts")
        ),
        sa.ForeignKeyConstraint(
            ["material_id"], ["materials.id"], name=op.f("fk_receipt_lines_material_id_materials")
        ),
        sa.PrimaryKeyConstraint("receipt_id", "material_id", name=op.f("pk_receipt_lines")),
    )


def downgrade() -> None:
    op.drop_table("receipt_lines")
    op.drop_table("receipts")
