"""Nuisance callers (R2.18): numbers a supervisor marked after harassment, until expiry.

On PostgreSQL it installs db/sql/0010_nuisance.sql (fenced, stamped, supervisors only).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "nuisance_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cleared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cleared_by_job_no", sa.String(length=16), nullable=True),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agent_sessions.id"],
            name=op.f("fk_nuisance_marks_session_id_agent_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nuisance_marks")),
    )
    op.create_index("ix_nuisance_marks_number", "nuisance_marks", ["number", "expires_at"])
    op.create_index(
        op.f("ix_nuisance_marks_session_id"), "nuisance_marks", ["session_id"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        run_sql_file(op.get_bind(), "0010_nuisance.sql", seat_role=seat_role)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ac_supervisor_only() CASCADE")
    op.drop_table("nuisance_marks")
