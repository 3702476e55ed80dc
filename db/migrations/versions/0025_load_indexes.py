"""Many seats on one server (issue 19 item 7): work-list indexes that end in the claim's
tie-breaker, and audit appends that no longer queue behind one lock.

Indexes (item b).

A claim takes the first free item in the list's order, ``LIMIT 1`` (console/core/worklist.py).
The callback list orders by ``due_at, id`` but its index was ``(done_at, due_at)``:
PostgreSQL does not take ``done_at IS NULL`` as fixing the leading column for the order,
and ``id`` was missing anyway, so every claim read and sorted every due item (slower as
the list grows). The quality review list (``created_at, call_started_at, id`` over
``reviewed_at IS NULL``) had the same gap. Both are now partial indexes over the open
items, in the claim's whole order, on both databases; ``EXPLAIN`` of the claim shows the
index read in order and no sort (tests/test_load_indexes.py). Before claiming, a seat
asks for the item it already holds (``claimed_session_id``, open): that read every
open item too, and has its own partial index now.

Audit chains (item c). Every append took one advisory lock to the end of its transaction,
so sign-outs at a shift change went one at a time. ``audit_log.chain`` now says which of
``CHAINS`` chains an entry links into; on PostgreSQL an append takes a free chain and
a printed report's head is a seal naming every chain's newest entry
(db/sql/0025_audit_chains.sql, db/audit.py). The entries already written are chain 0,
so the chain verifies as before and every head printed before still counts. The
embedded database serialises its writers anyway: it keeps writing chain 0.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-12 09:00:00.000000
"""

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

OPEN = {"callbacks": "done_at IS NULL", "quality_reviews": "reviewed_at IS NULL"}
INDEXES = (
    ("ix_callbacks_queue", "callbacks", ["done_at", "due_at"], ["due_at", "id"]),
    (
        "ix_quality_reviews_queue",
        "quality_reviews",
        ["reviewed_at", "created_at"],
        ["created_at", "call_started_at", "id"],
    ),
)


# A hundred seats signing in at once kept 16 chains all busy (110 of 200 appends waited);
# a chain costs nothing but a lock the seal takes.
CHAINS = 64


def _seat_role() -> str:
    return str(context.config.attributes.get("seat_role", "agent_console_seat"))


def upgrade() -> None:
    for name, table, _old, new in INDEXES:
        op.drop_index(name, table_name=table)
        only_open = sa.text(OPEN[table])
        op.create_index(name, table, new, postgresql_where=only_open, sqlite_where=only_open)
    held = sa.text(OPEN["callbacks"])
    op.create_index(
        "ix_callbacks_held",
        "callbacks",
        ["claimed_session_id"],
        postgresql_where=held,
        sqlite_where=held,
    )
    op.add_column(
        "audit_log",
        sa.Column("chain", sa.SmallInteger(), server_default=sa.text("0"), nullable=False),
    )
    op.create_index("ix_audit_log_chain", "audit_log", ["chain", "id"])
    if op.get_bind().dialect.name == "postgresql":
        run_sql_file(
            op.get_bind(), "0025_audit_chains.sql", seat_role=_seat_role(), chains=str(CHAINS)
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        run_sql_file(op.get_bind(), "0025_audit_chains_down.sql", seat_role=_seat_role())
    op.drop_index("ix_audit_log_chain", table_name="audit_log")
    op.drop_index("ix_callbacks_held", table_name="callbacks")
    op.drop_column("audit_log", "chain")
    for name, table, old, _new in INDEXES:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, old)
