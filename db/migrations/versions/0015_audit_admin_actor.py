"""The audit trail names an administrator without a session by at most 16 characters
(an owner role such as ``console_owner`` running ``server init``).

On PostgreSQL ``ac_audit`` cuts ``'admin:' || session_user`` to the column's 16
characters, as the rest of the program already does (db/sql/0015_audit_admin_actor.sql).
Nothing to do on SQLite, where the service layer names the administrator.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 23:30:00.000000
"""

from alembic import op

from db.migrate import run_sql_file

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        run_sql_file(op.get_bind(), "0015_audit_admin_actor.sql")


def downgrade() -> None:
    """The longer name did not fit the column: there is nothing to go back to."""
