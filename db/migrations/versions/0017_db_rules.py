"""What the database refuses: the register of seats at sign-in, the audit
kinds a seat may write, finished calls corrected rather than rewritten, passwords
checked only for oneself, owner names of any length.

* ``seats.db_role``: the database role allowed to sign in at each seat (PostgreSQL).
  Seats that signed in before this revision are registered, in service, and open to
  the seats' group role (any seat login): nothing that worked stops; the administrator
  narrows each seat to its own login role (``seat edit CODE --db-role ROLE``).
* ``call_corrections``: the text a correction of a finished call's notes replaced.
* ``callbacks.result_session_id``: who recorded the result (a repeat is recognised).
* ``audit_log.actor_job_no`` takes ``admin:`` and any role name (PostgreSQL; SQLite
  never enforced the length).

On PostgreSQL it installs db/sql/0017_db_rules.sql; on SQLite the services keep the same
rules, and triggers keep corrections append-only.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    "CREATE TRIGGER call_corrections_no_update BEFORE UPDATE ON call_corrections "
    "BEGIN SELECT RAISE(ABORT, 'call corrections are append-only'); END",
    "CREATE TRIGGER call_corrections_no_delete BEFORE DELETE ON call_corrections "
    "BEGIN SELECT RAISE(ABORT, 'call corrections are append-only'); END",
)

# Seats that people signed in at before the register was enforced.
REGISTER_PAST_SEATS = (
    "INSERT INTO seats (code, location, active) "
    "SELECT DISTINCT seat, '', true FROM agent_sessions "
    "WHERE seat NOT IN (SELECT code FROM seats)"
)


def _seat_role() -> str:
    return str(context.config.attributes.get("seat_role", "agent_console_seat"))


def upgrade() -> None:
    op.add_column("seats", sa.Column("db_role", sa.String(length=63), nullable=True))
    op.add_column("callbacks", sa.Column("result_session_id", sa.Integer(), nullable=True))
    op.create_table(
        "call_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("previous_notes", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_call_corrections_call_id_calls")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agent_sessions.id"],
            name=op.f("fk_call_corrections_session_id_agent_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_corrections")),
    )
    op.create_index(op.f("ix_call_corrections_call_id"), "call_corrections", ["call_id"])
    op.create_index(op.f("ix_call_corrections_session_id"), "call_corrections", ["session_id"])
    op.execute(REGISTER_PAST_SEATS)
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "audit_log",
            "actor_job_no",
            type_=sa.String(length=80),
            existing_type=sa.String(length=16),
        )
        op.execute(f"UPDATE seats SET db_role = '{_seat_role()}'")
        run_sql_file(op.get_bind(), "0017_db_rules.sql", seat_role=_seat_role())
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        run_sql_file(op.get_bind(), "0017_db_rules_down.sql", seat_role=_seat_role())
    op.drop_index(op.f("ix_call_corrections_session_id"), table_name="call_corrections")
    op.drop_index(op.f("ix_call_corrections_call_id"), table_name="call_corrections")
    op.drop_table("call_corrections")
    with op.batch_alter_table("callbacks") as batch:
        batch.drop_column("result_session_id")
    with op.batch_alter_table("seats") as batch:
        batch.drop_column("db_role")
