"""Case numbers (工单号) and the audit chain's head on printed reports.

* ``cases.case_no``: the yearly serial an agent says and a customer quotes
  (``G2026-00123``), counted in ``case_serials`` like the print registry's serials;
  the cases already there are numbered here in the order they were opened, per year of
  the center's calendar (Asia/Shanghai). A number never changes once given.
* ``print_registry.audit_head_id`` / ``audit_head_hash``: the audit chain's newest entry
  when the report's rows were read — printed in every page's footer — and ``subject``,
  what the report's header said it covers. The head must be an entry of the chain.

On PostgreSQL it installs db/sql/0016_case_numbers.sql; SQLite gets the same refusals
as triggers.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 09:00:00.000000
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import context, op

from db.migrate import run_sql_file

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# The calendar's zone of console/content/holiday_calendar.py (DEFAULT_ZONE), frozen here:
# a migration does not change with the code.
CENTER_ZONE = ZoneInfo("Asia/Shanghai")
PREFIX = "G"

SQLITE_TRIGGERS = (
    "CREATE TRIGGER case_serials_up BEFORE UPDATE ON case_serials "
    "WHEN NEW.last <= OLD.last OR NEW.year <> OLD.year "
    "BEGIN SELECT RAISE(ABORT, 'case numbers only go up'); END",
    "CREATE TRIGGER case_serials_no_delete BEFORE DELETE ON case_serials "
    "BEGIN SELECT RAISE(ABORT, 'case numbers only go up'); END",
    "CREATE TRIGGER cases_case_no_given BEFORE INSERT ON cases WHEN NEW.case_no IS NULL "
    "BEGIN SELECT RAISE(ABORT, 'a case is opened with its number'); END",
    "CREATE TRIGGER cases_case_no_fixed BEFORE UPDATE OF case_no ON cases "
    "WHEN OLD.case_no IS NOT NULL AND NEW.case_no IS NOT OLD.case_no "
    "BEGIN SELECT RAISE(ABORT, 'a case number never changes'); END",
    "CREATE TRIGGER print_registry_head BEFORE INSERT ON print_registry "
    "WHEN NOT EXISTS (SELECT 1 FROM audit_log "
    "WHERE id = NEW.audit_head_id AND hash = NEW.audit_head_hash) "
    "BEGIN SELECT RAISE(ABORT, 'a printed report names an entry of the audit chain'); END",
)


def _number_existing_cases() -> None:
    """Number the cases already there, oldest first within each year (ties by id)."""
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, opened_at FROM cases ORDER BY opened_at, id")).all()
    last: dict[int, int] = {}
    updates = []
    for case_id, opened_at in rows:
        if isinstance(opened_at, str):  # SQLite: naive UTC text
            opened_at = datetime.fromisoformat(opened_at)
        if opened_at.tzinfo is None:
            opened_at = opened_at.replace(tzinfo=UTC)
        year = opened_at.astimezone(CENTER_ZONE).year
        last[year] = last.get(year, 0) + 1
        updates.append({"id": case_id, "no": f"{PREFIX}{year}-{last[year]:05d}"})
    if updates:
        # A new version: the row changed (and PostgreSQL refuses an UPDATE without one).
        bind.execute(
            sa.text("UPDATE cases SET case_no = :no, version = version + 1 WHERE id = :id"),
            updates,
        )
    for year, n in sorted(last.items()):
        bind.execute(
            sa.text("INSERT INTO case_serials (year, last) VALUES (:y, :n)"), {"y": year, "n": n}
        )


def upgrade() -> None:
    op.create_table(
        "case_serials",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_case_serials")),
    )
    op.add_column("cases", sa.Column("case_no", sa.String(length=16), nullable=True))
    op.create_index("ix_cases_case_no", "cases", ["case_no"], unique=True)
    op.add_column("print_registry", sa.Column("subject", sa.Text(), nullable=True))
    op.add_column(
        "print_registry",
        sa.Column(
            "audit_head_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
    )
    op.add_column(
        "print_registry", sa.Column("audit_head_hash", sa.String(length=64), nullable=True)
    )
    _number_existing_cases()
    if op.get_bind().dialect.name == "postgresql":
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        run_sql_file(op.get_bind(), "0016_case_numbers.sql", seat_role=seat_role)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for function in ("ac_case_serials_up", "ac_cases_case_no", "ac_print_registry_head"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}() CASCADE")
    else:
        for name in (
            "case_serials_up",
            "case_serials_no_delete",
            "cases_case_no_given",
            "cases_case_no_fixed",
            "print_registry_head",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for column in ("audit_head_hash", "audit_head_id", "subject"):
        op.drop_column("print_registry", column)
    op.drop_index("ix_cases_case_no", table_name="cases")
    op.drop_column("cases", "case_no")
    op.drop_table("case_serials")
