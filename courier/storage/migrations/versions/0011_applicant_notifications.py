"""applicant notifications

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

import courier.storage.types

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

STEPS = ("originals_arrived", "result_on_its_way", "result_at_window")
STATUSES = ("planned", "sent", "refused", "given_up", "skipped")


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=30)


def upgrade() -> None:
    utc = courier.storage.types.UTCDateTime(timezone=True)
    with op.batch_alter_table("cases") as batch_op:
        # existing cases keep the default: the applicant is notified
        batch_op.add_column(
            sa.Column("notify_applicant", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    op.create_table(
        "sms_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("leg_id", sa.Integer(), nullable=True),
        sa.Column("step", _enum(STEPS, "notificationstep"), nullable=False),
        sa.Column("status", _enum(STATUSES, "smsstatus"), nullable=False),
        sa.Column("planned_at", utc, nullable=False),
        sa.Column("next_attempt_at", utc, nullable=False),
        sa.Column("claimed_until", utc, nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("last_error", sa.String(length=200), nullable=False),
        sa.Column("gateway_id", sa.String(length=100), nullable=False),
        sa.Column("sent_at", utc, nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_sms_messages_case_id_cases")
        ),
        sa.ForeignKeyConstraint(["leg_id"], ["legs.id"], name=op.f("fk_sms_messages_leg_id_legs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sms_messages")),
        sa.UniqueConstraint("case_id", "step", name="uq_sms_messages_case_step"),
    )
    with op.batch_alter_table("sms_messages") as batch_op:
        for column in ("case_id", "next_attempt_at"):
            batch_op.create_index(batch_op.f(f"ix_sms_messages_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sms_messages") as batch_op:
        for column in ("case_id", "next_attempt_at"):
            batch_op.drop_index(batch_op.f(f"ix_sms_messages_{column}"))
    op.drop_table("sms_messages")
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_column("notify_applicant")
