"""Indexes for the call log (console/calls/call_log.py): by intent, and by duration.

* ``ix_calls_intent_started (intent, started_at)``: filter or sort by intent.
* ``ix_calls_duration (duration, started_at)``: sort by how long calls lasted. The
  duration is an expression, spelt as each database computes it (the query in
  console/calls/call_log.py uses the very same expression, or the index is not used):
  ``ended_at - started_at`` on PostgreSQL, ``julianday(ended_at) - julianday(started_at)``
  on SQLite (text timestamps). Alembic cannot compare expression indexes, so this one
  is not declared in db/models.py.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 18:00:00.000000
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

DURATION = {
    "postgresql": "(ended_at - started_at)",
    "sqlite": "julianday(ended_at) - julianday(started_at)",
}


def upgrade() -> None:
    op.create_index("ix_calls_intent_started", "calls", ["intent", "started_at"])
    expr = DURATION[op.get_bind().dialect.name]
    op.execute(f"CREATE INDEX ix_calls_duration ON calls ({expr}, started_at)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_calls_duration")
    op.drop_index("ix_calls_intent_started", table_name="calls")
