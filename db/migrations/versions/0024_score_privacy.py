"""The automatic score's privacy, and its verdicts stored with it.

``calls.compliance_verdicts`` keeps, at a call's end, which criteria of the automatic
score applied and whether each passed (JSON), so the floor's weekly trends count them
instead of scoring every event log again.

A seat reads a call's score and verdicts only through ``call_scores``, which on
PostgreSQL shows the agent concerned their own calls' and supervisors and
administrators every call's (db/sql/0024_score_privacy.sql); the seat role can no
longer select either column itself. On SQLite the view shows every row and the
services decide who asks.

Revision ID: 0024
Revises: 0021
Create Date: 2026-12-07 05:00:00.000000
"""

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0024"
down_revision = "0021"
branch_labels = None
depends_on = None

SQLITE_VIEW = (
    "CREATE VIEW call_scores AS SELECT id AS call_id, job_no, delegate_job_no, "
    "compliance_score AS score, compliance_verdicts AS verdicts FROM calls"
)


def _seat_role() -> str:
    return str(context.config.attributes.get("seat_role", "agent_console_seat"))


def upgrade() -> None:
    # A plain ADD COLUMN on both databases: SQLite keeps the table and its triggers.
    op.add_column("calls", sa.Column("compliance_verdicts", sa.Text(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        run_sql_file(op.get_bind(), "0024_score_privacy.sql", seat_role=_seat_role())
    else:
        op.execute(SQLITE_VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS call_scores")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ac_score_reader()")
        op.execute(f"GRANT SELECT ON calls TO {_seat_role()}")
    # SQLite drops a column in place (3.35+), keeping the table's triggers.
    op.drop_column("calls", "compliance_verdicts")
