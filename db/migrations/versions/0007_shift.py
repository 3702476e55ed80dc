"""Shift records (R4.1, R4.2): the pre-shift check, the handover and its acknowledgment;
and an index of case timeline entries by kind and time (KPIs, transfer requests).

On PostgreSQL it installs db/sql/0007_shift.sql (fencing and stamping; a handover's notes
corrected only by its author and only until acknowledged; acknowledgments by another
agent, once, never changed). SQLite gets the same refusals as triggers.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 09:20:00.000000
"""

from typing import Any

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _stamp_columns(table: str) -> list[Any]:
    return [
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agent_sessions.id"],
            name=op.f(f"fk_{table}_session_id_agent_sessions"),
        ),
    ]


# SQLite: the same refusals as the PostgreSQL triggers (the service layer checks first
# and says it plainly; these hold for a client that skips it).
SQLITE_TRIGGERS = (
    "CREATE TRIGGER shift_checks_no_update BEFORE UPDATE ON shift_checks "
    "BEGIN SELECT RAISE(ABORT, 'shift checks are kept as made'); END",
    "CREATE TRIGGER shift_checks_no_delete BEFORE DELETE ON shift_checks "
    "BEGIN SELECT RAISE(ABORT, 'shift checks are kept as made'); END",
    "CREATE TRIGGER handovers_no_delete BEFORE DELETE ON handovers "
    "BEGIN SELECT RAISE(ABORT, 'handover records are kept'); END",
    "CREATE TRIGGER handovers_frozen_after_ack BEFORE UPDATE ON handovers "
    "WHEN EXISTS (SELECT 1 FROM handover_acks WHERE handover_id = OLD.id) "
    "BEGIN SELECT RAISE(ABORT, 'handover acknowledged: it can no longer change'); END",
    "CREATE TRIGGER handover_acks_not_by_author BEFORE INSERT ON handover_acks "
    "WHEN EXISTS (SELECT 1 FROM handovers h WHERE h.id = NEW.handover_id "
    "AND h.job_no = NEW.job_no) "
    "BEGIN SELECT RAISE(ABORT, 'the incoming agent acknowledges, not the author'); END",
    "CREATE TRIGGER handover_acks_no_update BEFORE UPDATE ON handover_acks "
    "BEGIN SELECT RAISE(ABORT, 'acknowledgments are kept as made'); END",
    "CREATE TRIGGER handover_acks_no_delete BEFORE DELETE ON handover_acks "
    "BEGIN SELECT RAISE(ABORT, 'acknowledgments are kept as made'); END",
)


def upgrade() -> None:
    op.create_table(
        "shift_checks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("seat", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        *_stamp_columns("shift_checks"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_checks")),
    )
    op.create_index("ix_shift_checks_seat_at", "shift_checks", ["seat", "at"], unique=False)
    op.create_index(
        op.f("ix_shift_checks_session_id"), "shift_checks", ["session_id"], unique=False
    )
    op.create_table(
        "handovers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("seat", sa.String(length=64), nullable=False),
        sa.Column("shift_name", sa.String(length=16), nullable=False),
        sa.Column("shift_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shift_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_job_no", sa.String(length=16), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        *_stamp_columns("handovers"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
    )
    op.create_index("ix_handovers_created_at", "handovers", ["created_at"], unique=False)
    op.create_index(op.f("ix_handovers_session_id"), "handovers", ["session_id"], unique=False)
    op.create_table(
        "handover_acks",
        sa.Column("handover_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_stamp_columns("handover_acks"),
        sa.ForeignKeyConstraint(
            ["handover_id"], ["handovers.id"], name=op.f("fk_handover_acks_handover_id_handovers")
        ),
        sa.PrimaryKeyConstraint("handover_id", name=op.f("pk_handover_acks")),
    )
    op.create_index(
        op.f("ix_handover_acks_session_id"), "handover_acks", ["session_id"], unique=False
    )
    op.create_index("ix_case_events_kind_at", "case_events", ["kind", "at"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        run_sql_file(op.get_bind(), "0007_shift.sql", seat_role=seat_role)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ac_handovers_guard() CASCADE")
        op.execute("DROP FUNCTION IF EXISTS ac_handover_acks_guard() CASCADE")
    op.drop_index("ix_case_events_kind_at", table_name="case_events")
    for table in ("handover_acks", "handovers", "shift_checks"):
        op.drop_table(table)
