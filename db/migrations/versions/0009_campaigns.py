"""Outage notification campaigns (R5.2, R5.3): the campaign and its targets.

On PostgreSQL it installs db/sql/0009_campaigns.sql (fencing and stamping; campaigns
created and changed by supervisors only).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 10:00:00.000000
"""

from typing import Any

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _stamp(table: str) -> list[Any]:
    return [
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agent_sessions.id"],
            name=op.f(f"fk_{table}_session_id_agent_sessions"),
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=128), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("outage_from", sa.DateTime(timezone=True), nullable=True),
        sa.Column("restore_expected_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notice_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notice_warn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("warned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("incident_case_id", sa.String(length=36), nullable=True),
        sa.Column("area", sa.Text(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("retry_minutes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        *_stamp("campaigns"),
        sa.CheckConstraint("kind IN ('planned','emergency')", name=op.f("ck_campaigns_kind")),
        sa.ForeignKeyConstraint(
            ["incident_case_id"], ["cases.id"], name=op.f("fk_campaigns_incident_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
    )
    op.create_index("ix_campaigns_closed_at", "campaigns", ["closed_at"], unique=False)
    op.create_index(op.f("ix_campaigns_session_id"), "campaigns", ["session_id"], unique=False)
    op.create_table(
        "campaign_targets",
        sa.Column("campaign_id", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_by_job_no", sa.String(length=16), nullable=True),
        sa.Column("claimed_session_id", sa.Integer(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("result_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("result_by_job_no", sa.String(length=16), nullable=True),
        *_stamp("campaign_targets"),
        sa.CheckConstraint(
            "status IN ('pending','notified','not_reached','wrong_number','no_contact')",
            name=op.f("ck_campaign_targets_status"),
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_targets_campaign_id_campaigns"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_campaign_targets_customer_id_customers"),
        ),
        sa.PrimaryKeyConstraint("campaign_id", "customer_id", name=op.f("pk_campaign_targets")),
    )
    op.create_index(
        "ix_campaign_targets_queue", "campaign_targets", ["campaign_id", "status", "due_at"]
    )
    op.create_index("ix_campaign_targets_customer", "campaign_targets", ["customer_id"])
    op.create_index(
        op.f("ix_campaign_targets_session_id"), "campaign_targets", ["session_id"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        run_sql_file(op.get_bind(), "0009_campaigns.sql", seat_role=seat_role)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ac_campaigns_supervisor() CASCADE")
    op.drop_table("campaign_targets")
    op.drop_table("campaigns")
