"""Call transfer (issue 19 item 4): the records name both agents.

``calls.transferred_to`` holds the seat or number a call was handed to, on the record
of the agent who handed it over; ``calls.transferred_from`` the id of that first call,
on the record of the call that came of it at the other seat. ``switch_signals`` carries
the link from one seat to the other (``transferred_from`` of a ring).

Plain ADD COLUMNs on both databases (SQLite keeps the table and its triggers). On
PostgreSQL the seat role is granted SELECT on the two new calls columns by name (it
reads calls column by column since 0024) and a trigger keeps a transfer, once
recorded, as it happened (db/sql/0027_transfer.sql); on SQLite the call service does.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07 08:30:00.000000
"""

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def _seat_role() -> str:
    return str(context.config.attributes.get("seat_role", "agent_console_seat"))


def upgrade() -> None:
    op.add_column("calls", sa.Column("transferred_to", sa.String(length=64), nullable=True))
    op.add_column("calls", sa.Column("transferred_from", sa.String(length=36), nullable=True))
    op.add_column(
        "switch_signals", sa.Column("transferred_from", sa.String(length=36), nullable=True)
    )
    if op.get_bind().dialect.name == "postgresql":
        run_sql_file(op.get_bind(), "0027_transfer.sql", seat_role=_seat_role())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS calls_transfer_fixed ON calls")
        op.execute("DROP FUNCTION IF EXISTS ac_calls_transfer_fixed()")
    # SQLite drops a column in place (3.35+), keeping the table's triggers.
    op.drop_column("switch_signals", "transferred_from")
    op.drop_column("calls", "transferred_from")
    op.drop_column("calls", "transferred_to")
