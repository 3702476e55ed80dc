"""The print registry (R6.3): every printed or exported report, and the serial counter.

On PostgreSQL it installs db/sql/0008_print_registry.sql (fenced and stamped inserts,
entries never changed, serials only going up); SQLite gets the same refusals as
triggers.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 09:40:00.000000
"""

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    "CREATE TRIGGER print_registry_no_update BEFORE UPDATE ON print_registry "
    "BEGIN SELECT RAISE(ABORT, 'the print registry is append-only'); END",
    "CREATE TRIGGER print_registry_no_delete BEFORE DELETE ON print_registry "
    "BEGIN SELECT RAISE(ABORT, 'the print registry is append-only'); END",
    "CREATE TRIGGER report_serials_up BEFORE UPDATE ON report_serials "
    "WHEN NEW.last <= OLD.last OR NEW.year <> OLD.year "
    "BEGIN SELECT RAISE(ABORT, 'registry serial numbers only go up'); END",
    "CREATE TRIGGER report_serials_no_delete BEFORE DELETE ON report_serials "
    "BEGIN SELECT RAISE(ABORT, 'registry serial numbers only go up'); END",
)


def upgrade() -> None:
    op.create_table(
        "report_serials",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_report_serials")),
    )
    op.create_table(
        "print_registry",
        sa.Column("serial", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=128), nullable=False),
        sa.Column("filters", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("custodian", sa.String(length=64), nullable=False),
        sa.Column("copy_of", sa.String(length=16), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("printed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("action IN ('print','export')", name=op.f("ck_print_registry_action")),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agent_sessions.id"],
            name=op.f("fk_print_registry_session_id_agent_sessions"),
        ),
        sa.PrimaryKeyConstraint("serial", name=op.f("pk_print_registry")),
    )
    op.create_index("ix_print_registry_printed_at", "print_registry", ["printed_at"], unique=False)
    op.create_index(
        op.f("ix_print_registry_session_id"), "print_registry", ["session_id"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        run_sql_file(op.get_bind(), "0008_print_registry.sql", seat_role=seat_role)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ac_report_serials_up() CASCADE")
    op.drop_table("print_registry")
    op.drop_table("report_serials")
