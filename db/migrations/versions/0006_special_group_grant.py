"""Seats register special-group customers (R3.9): on PostgreSQL the seat role may
update ``customers.special_group`` — that column only, from an active session
(db/sql/0006_special_groups.sql). No schema change; nothing to do on SQLite.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 18:40:00.000000
"""

from alembic import context, op

from db.migrate import run_sql_file

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        run_sql_file(op.get_bind(), "0006_special_groups.sql", seat_role=seat_role)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        op.execute(f"REVOKE UPDATE (special_group) ON customers FROM {seat_role}")
        op.execute("DROP FUNCTION IF EXISTS ac_customers_fence() CASCADE")
