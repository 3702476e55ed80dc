"""An administrator's end of a session is stored as ``ended_by_admin``, not as the duty
manager's (issue 16: the ended console named the wrong person).

On PostgreSQL ``ac_end_session`` is replaced (db/sql/0019_session_end_by_admin.sql);
on SQLite the guard in the service layer records it. Sessions ended before keep what
was stored.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 01:30:00.000000
"""

from alembic import op

from db.migrate import run_sql_file

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        run_sql_file(op.get_bind(), "0019_session_end_by_admin.sql")


def downgrade() -> None:
    """The old function recorded every end as the duty manager's: nothing to undo."""
