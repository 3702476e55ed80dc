"""Initial schema: agents, credentials, sessions, delegations, audit, customers.

On PostgreSQL it also installs db/sql/0001_security.sql: the login and session functions,
the fencing triggers and the seat role's grants.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 14:40:12.025293
"""

import secrets

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('agent','supervisor','admin')", name=op.f("ck_agents_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
        sa.UniqueConstraint("job_no", name=op.f("uq_agents_job_no")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_job_no", sa.String(length=16), nullable=True),
        sa.Column("seat", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_no", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("gender", sa.String(length=1), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("phone_rev", sa.String(length=20), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("community", sa.String(length=64), nullable=False),
        sa.Column("building", sa.String(length=16), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("room", sa.String(length=16), nullable=False),
        sa.Column("account_type", sa.String(length=4), nullable=False),
        sa.Column("special_group", sa.String(length=32), nullable=True),
        sa.Column("last_inspection_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "account_type IN ('居民','商业','工业','采暖')", name=op.f("ck_customers_account_type")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("account_no", name=op.f("uq_customers_account_no")),
    )
    op.create_index(
        "ix_customers_address", "customers", ["community", "building", "unit", "room"], unique=False
    )
    op.create_index("ix_customers_name", "customers", ["name"], unique=False)
    op.create_index("ix_customers_phone", "customers", ["phone"], unique=False)
    op.create_index(
        "ix_customers_phone_rev",
        "customers",
        ["phone_rev"],
        unique=False,
        postgresql_ops={"phone_rev": "varchar_pattern_ops"},
    )
    op.create_table(
        "delegations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("supervisor_job_no", sa.String(length=16), nullable=True),
        sa.Column("supervisor_approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("owner_approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegations")),
    )
    op.create_table(
        "departments",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_departments")),
    )
    op.create_table(
        "seats",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("location", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_seats")),
    )
    op.create_table(
        "security_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lease_seconds", sa.Integer(), nullable=False),
        sa.Column("lockout_threshold", sa.Integer(), nullable=False),
        sa.Column("lockout_minutes", sa.Integer(), nullable=False),
        sa.Column("decoy_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("decoy_time_cost", sa.Integer(), nullable=False),
        sa.Column("decoy_memory_kib", sa.Integer(), nullable=False),
        sa.Column("decoy_parallelism", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_security_policy_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_policy")),
    )
    op.create_table(
        "agent_credentials",
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("salt", sa.LargeBinary(length=32), nullable=False),
        sa.Column("time_cost", sa.Integer(), nullable=False),
        sa.Column("memory_kib", sa.Integer(), nullable=False),
        sa.Column("parallelism", sa.Integer(), nullable=False),
        sa.Column("verifier", sa.LargeBinary(length=32), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_agent_credentials_agent_id_agents")
        ),
        sa.PrimaryKeyConstraint("agent_id", name=op.f("pk_agent_credentials")),
    )
    op.create_table(
        "agent_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("seat", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(length=32), nullable=True),
        sa.Column("ended_by_job_no", sa.String(length=16), nullable=True),
        sa.Column("delegation_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_agent_sessions_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["delegation_id"],
            ["delegations.id"],
            name=op.f("fk_agent_sessions_delegation_id_delegations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_agent_sessions_token_hash")),
    )
    op.create_index(
        "uq_agent_sessions_open_job_no",
        "agent_sessions",
        ["job_no"],
        unique=True,
        sqlite_where=sa.text("ended_at IS NULL"),
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.create_index(
        "uq_agent_sessions_open_seat",
        "agent_sessions",
        ["seat"],
        unique=True,
        sqlite_where=sa.text("ended_at IS NULL"),
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.create_table(
        "agent_state_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=64), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("job_no", sa.String(length=16), nullable=False),
        sa.Column("delegate_job_no", sa.String(length=16), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agent_sessions.id"],
            name=op.f("fk_agent_state_events_session_id_agent_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_state_events")),
    )

    op.create_index("ix_agent_state_events_session_id", "agent_state_events", ["session_id"])
    op.create_index("ix_audit_log_actor_job_no", "audit_log", ["actor_job_no"])
    policy = sa.table(
        "security_policy",
        sa.column("id", sa.Integer),
        sa.column("lease_seconds", sa.Integer),
        sa.column("lockout_threshold", sa.Integer),
        sa.column("lockout_minutes", sa.Integer),
        sa.column("decoy_key", sa.LargeBinary),
        sa.column("decoy_time_cost", sa.Integer),
        sa.column("decoy_memory_kib", sa.Integer),
        sa.column("decoy_parallelism", sa.Integer),
    )
    # Lease: three missed 10-second heartbeats. Lockout: 5 failures, 15 minutes.
    # Decoy cost: the same argon2id parameters as console.people.passwords.ARGON2.
    op.bulk_insert(
        policy,
        [
            dict(
                id=1,
                lease_seconds=30,
                lockout_threshold=5,
                lockout_minutes=15,
                decoy_key=secrets.token_bytes(32),
                decoy_time_cost=3,
                decoy_memory_kib=65536,
                decoy_parallelism=4,
            )
        ],
    )
    if op.get_bind().dialect.name == "postgresql":
        _install_pg_security()
    else:
        for stmt in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{stmt.lower()} BEFORE {stmt} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
            )


def _install_pg_security() -> None:
    seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
    owner = str(op.get_bind().execute(sa.text("SELECT current_user")).scalar_one())
    op.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
        f"'{seat_role}') THEN CREATE ROLE {seat_role} NOLOGIN; END IF; END $$"
    )
    run_sql_file(op.get_bind(), "0001_security.sql", owner=owner, seat_role=seat_role)


def downgrade() -> None:
    op.drop_table("agent_state_events")
    op.drop_index(
        "uq_agent_sessions_open_seat",
        table_name="agent_sessions",
        sqlite_where=sa.text("ended_at IS NULL"),
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.drop_index(
        "uq_agent_sessions_open_job_no",
        table_name="agent_sessions",
        sqlite_where=sa.text("ended_at IS NULL"),
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.drop_table("agent_sessions")
    op.drop_table("agent_credentials")
    op.drop_table("security_policy")
    op.drop_table("seats")
    op.drop_table("departments")
    op.drop_table("delegations")
    op.drop_index(
        "ix_customers_phone_rev",
        table_name="customers",
        postgresql_ops={"phone_rev": "varchar_pattern_ops"},
    )
    op.drop_index("ix_customers_phone", table_name="customers")
    op.drop_index("ix_customers_name", table_name="customers")
    op.drop_index("ix_customers_address", table_name="customers")
    op.drop_table("customers")
    op.drop_table("audit_log")
    op.drop_table("agents")
