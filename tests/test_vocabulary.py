"""Each vocabulary is declared once (console/core/vocabulary.py): the models' CHECK
constraints list exactly its values, the migrated databases hold those very constraints,
and the tables that pair a vocabulary with its workings cover every member."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from sqlalchemy import CheckConstraint, create_engine, inspect

from console.content import content
from console.core.vocabulary import (
    STORED_ENDED_BY,
    AccountType,
    CallbackReason,
    CallChannel,
    CallDirection,
    CampaignKind,
    CaseKind,
    CaseStatus,
    ContentKind,
    Intent,
    PrintAction,
    ReportKind,
    Role,
    SampleReason,
    SwitchSignalKind,
    TargetStatus,
    Title,
    Verification,
)
from console.printing import printing
from db.models import Base
from tests.conftest import TestDb

# (table, column) → the values its CHECK constraint allows, in the vocabulary's order.
CHECKED: dict[tuple[str, str], Iterable[StrEnum]] = {
    ("agents", "role"): Role,
    ("customers", "account_type"): AccountType,
    ("calls", "direction"): CallDirection,
    ("calls", "channel"): CallChannel,
    ("calls", "intent"): Intent,
    ("calls", "verification"): Verification,
    ("calls", "ended_by"): STORED_ENDED_BY,
    ("calls", "title"): Title,
    ("switch_signals", "kind"): SwitchSignalKind,
    ("cases", "kind"): CaseKind,
    ("cases", "status"): CaseStatus,
    ("callbacks", "reason"): CallbackReason,
    ("print_registry", "action"): PrintAction,
    ("campaigns", "kind"): CampaignKind,
    ("campaign_targets", "status"): TargetStatus,
    ("quality_reviews", "reason"): SampleReason,
}

_ONE_OF = re.compile(r"^(\w+) IN \((.*)\)$")
# A quoted literal as either database writes it back: 'agent', or 'agent'::character varying.
_LITERAL = re.compile(r"'((?:[^']|'')*)'")


def _values(sql: str) -> list[str]:
    return [v.replace("''", "'") for v in _LITERAL.findall(sql)]


def _model_checks() -> dict[tuple[str, str], str]:
    """The models' "column IN (…)" constraints: (table, column) → SQL."""
    found = {}
    for table in Base.metadata.sorted_tables:
        for constraint in table.constraints:
            if isinstance(constraint, CheckConstraint):
                match = _ONE_OF.match(str(constraint.sqltext))
                if match:
                    found[(table.name, match.group(1))] = str(constraint.sqltext)
    return found


def test_every_one_of_check_lists_exactly_its_vocabulary() -> None:
    checks = _model_checks()
    assert set(checks) == set(CHECKED)
    for key, sql in checks.items():
        assert _values(sql) == [v.value for v in CHECKED[key]], key


def test_a_dropped_line_is_stored_as_the_system_ending_it() -> None:
    assert {e.value for e in STORED_ENDED_BY} == {"agent", "caller", "system"}


def test_the_migrated_databases_hold_the_very_same_checks(test_db: TestDb) -> None:
    """Alembic's comparison (tests/test_schema.py) does not look at CHECK constraints:
    this does, on the schema the migrations built."""
    engine = create_engine(test_db.admin_url)
    try:
        db = inspect(engine)
        for (table, column), vocabulary in CHECKED.items():
            reflected = {c["name"]: c["sqltext"] for c in db.get_check_constraints(table)}
            sql = reflected[f"ck_{table}_{column}"]
            assert _values(sql) == [v.value for v in vocabulary], (table, column, sql)
    finally:
        engine.dispose()


def test_every_content_kind_has_its_file_and_schema() -> None:
    assert list(content.KINDS) == list(ContentKind)


def test_every_report_kind_has_its_rule() -> None:
    assert list(printing.REPORTS) == list(ReportKind)
