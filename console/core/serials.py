"""Yearly serial numbers: the print registry's (``2026-000123``) and the case numbers
(``G2026-00123``). The next one is a single atomic upsert on the year's counter row, so
two seats asking at the same moment get two numbers; the database refuses a counter
that goes down (migrations 0008, 0015)."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.models import CaseSerial, ReportSerial


def next_serial(s: Session, counter: type[CaseSerial] | type[ReportSerial], year: int) -> int:
    """The next number of ``year`` on ``counter`` (1 for the first of the year). On
    PostgreSQL the counter's row stays locked until the transaction ends."""
    dialect = s.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    upsert = (
        insert(counter)
        .values(year=year, last=1)
        .on_conflict_do_update(index_elements=[counter.year], set_={"last": counter.last + 1})
        .returning(counter.last)
    )
    last: int = s.execute(upsert).scalar_one()
    return last
