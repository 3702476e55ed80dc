"""Cases (工单, R3): the case, its timeline, its SLA clocks, and the shared callback list.

On PostgreSQL it also installs db/sql/0005_cases.sql: fencing and stamping, the version
rule, append-only timelines, ownership transfer only by a supervisor, and the seat
role's grants.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 18:30:00.000000
"""

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("owner_job_no", sa.String(length=16), nullable=False),
        sa.Column("department", sa.String(length=16), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("call_id", sa.String(length=36), nullable=True),
        sa.Column("caller_number", sa.String(length=32), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("satisfaction", sa.String(length=16), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_job_no", sa.String(length=16), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('complaint','repair','emergency','inquiry','suggestion','other','lookup')",
            name=op.f("ck_cases_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('open','dispatched','in_progress','awaiting_callback',"
            "'manager_review','closed')",
            name=op.f("ck_cases_status"),
        ),
        sa.ForeignKeyConstraint(["call_id"], ["calls.id"], name=op.f("fk_cases_call_id_calls")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_cases_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["department"], ["departments.code"], name=op.f("fk_cases_department_departments")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["agent_sessions.id"], name=op.f("fk_cases_session_id_agent_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
    )
    op.create_index("ix_cases_call_id", "cases", ["call_id"], unique=False)
    op.create_index("ix_cases_customer_opened", "cases", ["customer_id", "opened_at"], unique=False)
    op.create_index("ix_cases_owner_closed", "cases", ["owner_job_no", "closed_at"], unique=False)
    op.create_index(op.f("ix_cases_session_id"), "cases", ["session_id"], unique=False)
    op.create_table(
        "callbacks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_by_job_no", sa.String(length=16), nullable=True),
        sa.Column("claimed_session_id", sa.Integer(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=24), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "reason IN ('case','inquiry_sample','reschedule','special_visit')",
            name=op.f("ck_callbacks_reason"),
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_callbacks_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_callbacks_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agent_sessions.id"],
            name=op.f("fk_callbacks_session_id_agent_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callbacks")),
    )
    op.create_index("ix_callbacks_case_id", "callbacks", ["case_id"], unique=False)
    op.create_index("ix_callbacks_queue", "callbacks", ["done_at", "due_at"], unique=False)
    op.create_index(op.f("ix_callbacks_session_id"), "callbacks", ["session_id"], unique=False)
    op.create_table(
        "case_clocks",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("warn_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paused_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_seconds", sa.Integer(), nullable=False),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("warned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_clocks_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agent_sessions.id"],
            name=op.f("fk_case_clocks_session_id_agent_sessions"),
        ),
        sa.PrimaryKeyConstraint("case_id", "name", name=op.f("pk_case_clocks")),
    )
    op.create_index(op.f("ix_case_clocks_session_id"), "case_clocks", ["session_id"], unique=False)
    op.create_index(
        "ix_case_clocks_sweep",
        "case_clocks",
        ["stopped_at", "escalated_at", "due_at"],
        unique=False,
    )
    op.create_table(
        "case_events",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_events_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agent_sessions.id"],
            name=op.f("fk_case_events_session_id_agent_sessions"),
        ),
        sa.PrimaryKeyConstraint("case_id", "seq", name=op.f("pk_case_events")),
    )
    op.create_index(op.f("ix_case_events_session_id"), "case_events", ["session_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        run_sql_file(op.get_bind(), "0005_cases.sql", seat_role=seat_role)
    else:
        for stmt in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER case_events_no_{stmt.lower()} BEFORE {stmt} ON case_events "
                "BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ac_cases_owner_guard() CASCADE")
    for table in ("callbacks", "case_clocks", "case_events", "cases"):
        op.drop_table(table)
