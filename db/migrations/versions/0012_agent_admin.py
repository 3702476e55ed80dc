"""Agents and seats administration: a seat can be disabled, and administrators
change people and seats from their own seat.

On PostgreSQL it installs db/sql/0012_agent_admin.sql: security-definer functions that
only an active administrator's session (or the schema owner) may use, each auditing
itself; and a trigger that keeps one active administrator whoever writes. On SQLite the
service layer enforces the same rules (console/people/agents.py, console/people/seats.py); the
one-administrator rule is a trigger there too.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_LOSES_AN_ADMIN = (
    "OLD.role = 'admin' AND OLD.active AND NOT EXISTS "
    "(SELECT 1 FROM agents WHERE role = 'admin' AND active AND id <> OLD.id)"
)
SQLITE = (
    "CREATE TRIGGER agents_keep_an_admin BEFORE UPDATE OF role, active ON agents "
    f"WHEN NOT (NEW.role = 'admin' AND NEW.active) AND {_LOSES_AN_ADMIN} "
    "BEGIN SELECT RAISE(ABORT, 'at least one active administrator must remain'); END",
    "CREATE TRIGGER agents_keep_an_admin_delete BEFORE DELETE ON agents "
    f"WHEN {_LOSES_AN_ADMIN} "
    "BEGIN SELECT RAISE(ABORT, 'at least one active administrator must remain'); END",
)

PG_FUNCTIONS = (
    "ac_admin_add_agent(text, text, text, bytea, int, int, int, bytea)",
    "ac_admin_edit_agent(text, text, text)",
    "ac_admin_set_agent_active(text, boolean, text)",
    "ac_admin_reset_password(text, bytea, int, int, int, bytea)",
    "ac_admin_unlock(text)",
    "ac_admin_locks()",
    "ac_admin_add_seat(text, text)",
    "ac_admin_edit_seat(text, text)",
    "ac_admin_set_seat_active(text, boolean, text)",
    "ac_admin_end_sessions(int, text, text)",
    "ac_check_seat_fields(text, text)",
    "ac_check_agent_fields(text, text, text)",
    "ac_check_new_credential(bytea, int, int, bytea)",
    "ac_role_rank(text)",
    "ac_require_admin()",
)


def upgrade() -> None:
    op.add_column(
        "seats", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    if op.get_bind().dialect.name == "postgresql":
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        run_sql_file(op.get_bind(), "0012_agent_admin.sql", seat_role=seat_role)
    else:
        for statement in SQLITE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ac_agents_keep_an_admin() CASCADE")
        for fn in PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {fn}")
    else:
        op.execute("DROP TRIGGER IF EXISTS agents_keep_an_admin")
        op.execute("DROP TRIGGER IF EXISTS agents_keep_an_admin_delete")
    with op.batch_alter_table("seats") as batch:
        batch.drop_column("active")
