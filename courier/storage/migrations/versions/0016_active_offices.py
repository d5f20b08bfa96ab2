"""halls and departments can be deactivated

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

OFFICES = ("halls", "departments")


def upgrade() -> None:
    for table in OFFICES:
        op.add_column(
            table, sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    for table in OFFICES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("active")
