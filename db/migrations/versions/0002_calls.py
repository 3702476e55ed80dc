"""Call records (来电记录, R2.12) and their append-only event logs.

On PostgreSQL it also installs db/sql/0002_calls.sql: fencing and stamping triggers,
the append-only rule for call events and the seat role's grants.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 16:05:00.000000
"""

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calls",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("caller_number", sa.String(length=32), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by", sa.String(length=8), nullable=True),
        sa.Column("ring_count", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("intent", sa.String(length=16), nullable=True),
        sa.Column("verification", sa.String(length=16), nullable=True),
        sa.Column("surname", sa.String(length=16), nullable=True),
        sa.Column("title", sa.String(length=2), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("compliance_score", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_job_no", sa.String(length=16), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("direction IN ('inbound','outbound')", name=op.f("ck_calls_direction")),
        sa.CheckConstraint("channel IN ('phone','visit')", name=op.f("ck_calls_channel")),
        sa.CheckConstraint(
            "intent IN ('inquiry','complaint','repair','emergency','suggestion','other',"
            "'callback','notification')",
            name=op.f("ck_calls_intent"),
        ),
        sa.CheckConstraint(
            "verification IN ('verified','partial','not_verified','new_customer')",
            name=op.f("ck_calls_verification"),
        ),
        sa.CheckConstraint("ended_by IN ('agent','caller')", name=op.f("ck_calls_ended_by")),
        sa.CheckConstraint("title IN ('先生','女士')", name=op.f("ck_calls_title")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_calls_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["agent_sessions.id"], name=op.f("fk_calls_session_id_agent_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calls")),
    )
    op.create_index("ix_calls_customer_started", "calls", ["customer_id", "started_at"])
    op.create_index("ix_calls_started_at", "calls", ["started_at"])
    op.create_index("ix_calls_job_no_started", "calls", ["job_no", "started_at"])
    op.create_index("ix_calls_caller_started", "calls", ["caller_number", "started_at"])
    op.create_index("ix_calls_session_id", "calls", ["session_id"])
    op.create_table(
        "call_events",
        sa.Column("call_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_call_events_call_id_calls")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agent_sessions.id"],
            name=op.f("fk_call_events_session_id_agent_sessions"),
        ),
        sa.PrimaryKeyConstraint("call_id", "seq", name=op.f("pk_call_events")),
    )
    op.create_index("ix_call_events_session_id", "call_events", ["session_id"])
    if op.get_bind().dialect.name == "postgresql":
        _install_pg_rules()
    else:
        # The seat is the only writer of the embedded file; the console never updates
        # or deletes an event, and this keeps a bug from doing it either.
        for stmt in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER call_events_no_{stmt.lower()} BEFORE {stmt} ON call_events "
                "BEGIN SELECT RAISE(ABORT, 'call events are append-only'); END"
            )


def _install_pg_rules() -> None:
    seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
    # This revision's own file: 0001_security.sql stays as it was shipped.
    run_sql_file(op.get_bind(), "0002_calls.sql", seat_role=seat_role)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ac_call_events_immutable() CASCADE")
        op.execute("DROP FUNCTION IF EXISTS ac_calls_stamp_update() CASCADE")
    op.drop_index("ix_call_events_session_id", table_name="call_events")
    op.drop_table("call_events")
    op.drop_index("ix_calls_session_id", table_name="calls")
    op.drop_index("ix_calls_caller_started", table_name="calls")
    op.drop_index("ix_calls_job_no_started", table_name="calls")
    op.drop_index("ix_calls_started_at", table_name="calls")
    op.drop_index("ix_calls_customer_started", table_name="calls")
    op.drop_table("calls")
