"""Quality inspection (质检): the review list with its reviews, replies and
acknowledgments (``quality_reviews``).

On PostgreSQL it installs db/sql/0020_quality.sql: fencing and stamping; row-level
security, so a seat sees only the reviews of the agent signed in there unless a
supervisor or an administrator is; who may change what (the list and the reviews are the
supervisors', the reply and the acknowledgment the agent's, nothing after the
acknowledgment, nothing deleted). SQLite gets the same refusals as triggers where a
trigger can tell (the service layer checks the roles).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 01:30:00.000000
"""

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    "CREATE TRIGGER quality_reviews_no_delete BEFORE DELETE ON quality_reviews "
    "BEGIN SELECT RAISE(ABORT, 'quality reviews are kept'); END",
    "CREATE TRIGGER quality_reviews_frozen_after_ack BEFORE UPDATE ON quality_reviews "
    "WHEN OLD.acknowledged_at IS NOT NULL "
    "BEGIN SELECT RAISE(ABORT, 'quality review acknowledged: it can no longer change'); END",
    "CREATE TRIGGER quality_reviews_one_reply BEFORE UPDATE OF reply ON quality_reviews "
    "WHEN OLD.reply IS NOT NULL AND NEW.reply IS NOT OLD.reply "
    "BEGIN SELECT RAISE(ABORT, 'a review takes one reply'); END",
)


def upgrade() -> None:
    op.create_table(
        "quality_reviews",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("call_id", sa.String(length=36), nullable=False),
        sa.Column("agent_job_no", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("drawn_on", sa.String(length=10), nullable=False),
        sa.Column("call_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("auto_score", sa.Integer(), nullable=True),
        sa.Column("claimed_by_job_no", sa.String(length=16), nullable=True),
        sa.Column("claimed_session_id", sa.Integer(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewer_job_no", sa.String(length=16), nullable=True),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by_job_no", sa.String(length=16), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_job_no", sa.String(length=16), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "reason IN ('sample','low_score','complaint','taboo','manual')",
            name=op.f("ck_quality_reviews_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_quality_reviews_call_id_calls")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agent_sessions.id"],
            name=op.f("fk_quality_reviews_session_id_agent_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_reviews")),
        sa.UniqueConstraint("call_id", name=op.f("uq_quality_reviews_call_id")),
    )
    op.create_index(
        "ix_quality_reviews_queue", "quality_reviews", ["reviewed_at", "created_at"], unique=False
    )
    op.create_index(
        "ix_quality_reviews_agent", "quality_reviews", ["agent_job_no", "drawn_on"], unique=False
    )
    op.create_index(
        op.f("ix_quality_reviews_session_id"), "quality_reviews", ["session_id"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        run_sql_file(op.get_bind(), "0020_quality.sql", seat_role=seat_role)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ac_quality_reviews_guard() CASCADE")
        op.execute("DROP FUNCTION IF EXISTS ac_quality_sees(text) CASCADE")
    op.drop_table("quality_reviews")
