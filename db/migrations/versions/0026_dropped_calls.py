"""Dropped calls are named: ``calls.ended_by`` may hold ``system`` (the softphone or the
line lost the call, or the seat let a ring go: nobody hung up). Until now such a call
was stored with NULL, because widening the CHECK on SQLite means rebuilding the table.

PostgreSQL changes the CHECK constraint in place. SQLite cannot alter a constraint, so
the table is rebuilt as ``0018_standard`` rebuilt ``cases`` (Alembic's batch mode: a new
table, the rows copied, the old one dropped, the new one renamed), with the foreign-key
checks of the tables that refer to ``calls`` deferred to the commit. The rebuild keeps
every column (those later revisions added, such as ``compliance_verdicts``, as the
schema has them); the indexes and triggers on ``calls`` (among them the expression
index on the duration, which reflection cannot see) and the views (``call_scores``,
which would break the rename) are read from the schema first and made again exactly as
they were. Calls already stored with NULL stay so: which of them were
dropped lines the record does not say (their event log does).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-07 05:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

OLD = ("agent", "caller")
NEW = (*OLD, "system")


def _ended_by_check(values: tuple[str, ...]) -> str:
    return "ended_by IN (" + ",".join(f"'{v}'" for v in values) + ")"


def _calls_table(ended_by: tuple[str, ...]) -> sa.Table:
    """The calls table as 0002 made it and later revisions added to it (``details``),
    with ``ended_by`` allowing ``ended_by`` (SQLite rebuilds it). No indexes: they are
    made again from the schema's own text."""
    return sa.Table(
        "calls",
        sa.MetaData(),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("caller_number", sa.String(length=32), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by", sa.String(length=8), nullable=True),
        sa.Column("ring_count", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("intent", sa.String(length=16), nullable=True),
        sa.Column("verification", sa.String(length=16), nullable=True),
        sa.Column("surname", sa.String(length=16), nullable=True),
        sa.Column("title", sa.String(length=2), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("compliance_score", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_job_no", sa.String(length=16), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("details", sa.Text(), server_default="{}", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_calls"),
        sa.CheckConstraint("direction IN ('inbound','outbound')", name="ck_calls_direction"),
        sa.CheckConstraint("channel IN ('phone','visit')", name="ck_calls_channel"),
        sa.CheckConstraint(
            "intent IN ('inquiry','complaint','repair','emergency','suggestion','other',"
            "'callback','notification')",
            name="ck_calls_intent",
        ),
        sa.CheckConstraint(
            "verification IN ('verified','partial','not_verified','new_customer')",
            name="ck_calls_verification",
        ),
        sa.CheckConstraint(_ended_by_check(ended_by), name="ck_calls_ended_by"),
        sa.CheckConstraint("title IN ('先生','女士')", name="ck_calls_title"),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_calls_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["agent_sessions.id"], name="fk_calls_session_id_agent_sessions"
        ),
    )


def _set_ended_by(values: tuple[str, ...]) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE calls DROP CONSTRAINT ck_calls_ended_by")
        op.execute(
            f"ALTER TABLE calls ADD CONSTRAINT ck_calls_ended_by CHECK ({_ended_by_check(values)})"
        )
        return
    # call_events, cases, call_corrections, quality_reviews refer to calls: checked at
    # the commit.
    op.execute("PRAGMA defer_foreign_keys = ON")
    # Views that read calls would break the rename of the new table: dropped, made again.
    views = bind.execute(
        sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name")
    ).all()
    for view in views:
        op.execute(f'DROP VIEW "{view.name}"')
    # Dropping the old table drops its indexes and triggers: kept here, made again.
    kept = (
        bind.execute(
            sa.text(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'calls'"
                " AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"
            )
        )
        .scalars()
        .all()
    )
    table = _calls_table(values)
    # Columns later revisions added (compliance_verdicts, 0024) come along as they are.
    for col in sa.inspect(bind).get_columns("calls"):
        if col["name"] not in table.c:
            default = col.get("default")
            table.append_column(
                sa.Column(
                    col["name"],
                    col["type"],
                    nullable=col["nullable"],
                    server_default=sa.text(default) if default is not None else None,
                )
            )
    with op.batch_alter_table("calls", copy_from=table, recreate="always"):
        pass
    for sql in kept:
        op.execute(sql)
    for view in views:
        op.execute(view.sql)


def upgrade() -> None:
    _set_ended_by(NEW)


def downgrade() -> None:
    # (PostgreSQL's stamp trigger wants every change of a call to bump its version.)
    op.execute("UPDATE calls SET ended_by = NULL, version = version + 1 WHERE ended_by = 'system'")
    _set_ended_by(OLD)
