"""The standard, clause by clause: network faults are a kind of case (GS 2.2.3),
and an SLA clock whose deadline counted days of a year whose official holiday schedule
is not known yet is marked provisional (recomputed when the schedule is entered).

``cases.kind`` gains ``network_fault``. PostgreSQL changes the CHECK constraint in place;
SQLite cannot alter a constraint, so the table is rebuilt (Alembic's batch mode: a new
table, the rows copied, the old one dropped, the new one renamed). Other tables refer to
``cases`` by foreign key, so the foreign-key checks are deferred to the commit of this
revision's transaction: the moment between the drop and the rename breaks no row.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 12:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

OLD_KINDS = ("complaint", "repair", "emergency", "inquiry", "suggestion", "other", "lookup")
NEW_KINDS = (*OLD_KINDS, "network_fault")


def _kind_check(kinds: tuple[str, ...]) -> str:
    return "kind IN (" + ",".join(f"'{k}'" for k in kinds) + ")"


def _cases_table(kinds: tuple[str, ...]) -> sa.Table:
    """The cases table as 0005 made it and 0016 numbered it, with ``kinds`` allowed
    (SQLite rebuilds it)."""
    return sa.Table(
        "cases",
        sa.MetaData(),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("owner_job_no", sa.String(length=16), nullable=False),
        sa.Column("department", sa.String(length=16), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("call_id", sa.String(length=36), nullable=True),
        sa.Column("caller_number", sa.String(length=32), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("satisfaction", sa.String(length=16), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_job_no", sa.String(length=16), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("case_no", sa.String(length=16), nullable=True),
        sa.CheckConstraint(_kind_check(kinds), name="ck_cases_kind"),
        sa.CheckConstraint(
            "status IN ('open','dispatched','in_progress','awaiting_callback',"
            "'manager_review','closed')",
            name="ck_cases_status",
        ),
        sa.ForeignKeyConstraint(["call_id"], ["calls.id"], name="fk_cases_call_id_calls"),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_cases_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(
            ["department"], ["departments.code"], name="fk_cases_department_departments"
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["agent_sessions.id"], name="fk_cases_session_id_agent_sessions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
        sa.Index("ix_cases_call_id", "call_id"),
        sa.Index("ix_cases_customer_opened", "customer_id", "opened_at"),
        sa.Index("ix_cases_owner_closed", "owner_job_no", "closed_at"),
        sa.Index("ix_cases_session_id", "session_id"),
        sa.Index("ix_cases_case_no", "case_no", unique=True),
    )


def _set_kinds(new: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE cases DROP CONSTRAINT ck_cases_kind")
        op.execute(f"ALTER TABLE cases ADD CONSTRAINT ck_cases_kind CHECK ({_kind_check(new)})")
        return
    # case_events, case_clocks and callbacks refer to cases: checked at the commit.
    op.execute("PRAGMA defer_foreign_keys = ON")
    # Dropping the old table drops its triggers (the earlier revisions' rules): kept here
    # and made again on the new one.
    triggers = (
        op.get_bind()
        .execute(
            sa.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'cases'")
        )
        .scalars()
        .all()
    )
    # The table as it should be: batch mode makes it, copies the rows and swaps it in.
    with op.batch_alter_table("cases", copy_from=_cases_table(new), recreate="always"):
        pass
    for trigger in triggers:
        op.execute(trigger)


def upgrade() -> None:
    _set_kinds(NEW_KINDS)
    op.add_column(
        "case_clocks",
        sa.Column("provisional", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("case_clocks") as batch:
        batch.drop_column("provisional")
    _set_kinds(OLD_KINDS)
