"""The call's forms as typed, and the simulated switch.

* ``calls.details``: the verification and intent forms (JSON), saved with the call.
* ``switch_signals``: rings and caller hang-ups the call simulator sends to a seat.

On PostgreSQL it also installs db/sql/0003_switch.sql (the seat role's grants).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 17:00:00.000000
"""

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("calls", sa.Column("details", sa.Text(), server_default="{}", nullable=False))
    op.create_table(
        "switch_signals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seat_code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("call_ref", sa.String(length=36), nullable=False),
        sa.Column("caller_number", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('incoming','caller_hang_up')", name=op.f("ck_switch_signals_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_switch_signals")),
    )
    op.create_index(
        "ix_switch_signals_seat_pending",
        "switch_signals",
        ["seat_code", "delivered_at", "id"],
    )
    if op.get_bind().dialect.name == "postgresql":
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        run_sql_file(op.get_bind(), "0003_switch.sql", seat_role=seat_role)


def downgrade() -> None:
    op.drop_index("ix_switch_signals_seat_pending", table_name="switch_signals")
    op.drop_table("switch_signals")
    op.drop_column("calls", "details")
