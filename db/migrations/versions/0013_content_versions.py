"""Content the center maintains itself: versions of scripts, lists, policies.

``content_versions`` is append-only on both databases; on PostgreSQL only an
administrator's active session (or the schema owner) may add a version, and only an
administrator may add or rename a department (db/sql/0013_content.sql).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 12:00:00.000000
"""

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    "CREATE TRIGGER content_versions_no_update BEFORE UPDATE ON content_versions "
    "BEGIN SELECT RAISE(ABORT, 'content versions are append-only'); END",
    "CREATE TRIGGER content_versions_no_delete BEFORE DELETE ON content_versions "
    "BEGIN SELECT RAISE(ABORT, 'content versions are append-only'); END",
)


def upgrade() -> None:
    op.create_table(
        "content_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("restored_from", sa.Integer(), nullable=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("job_no", sa.String(length=16), nullable=True),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("admin_name", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agent_sessions.id"],
            name=op.f("fk_content_versions_session_id_agent_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_versions")),
        sa.UniqueConstraint("kind", "version", name=op.f("uq_content_versions_kind")),
    )
    op.create_index(
        op.f("ix_content_versions_session_id"), "content_versions", ["session_id"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        run_sql_file(op.get_bind(), "0013_content.sql", seat_role=seat_role)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ac_content_admin_only() CASCADE")
        op.execute("DROP FUNCTION IF EXISTS ac_content_versions_immutable() CASCADE")
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        op.execute(f"REVOKE INSERT, UPDATE ON departments FROM {seat_role}")
    op.drop_table("content_versions")
