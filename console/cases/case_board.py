"""My cases (R3.4): the owner's open cases, each with the SLA clock that comes due
first, ordered by urgency.

Deadlines are database moments; the seat's clock may be off. :func:`my_case_rows` also
returns the database's "now", so the UI counts down against the database clock (the
skew measured at each refresh) and never shows a case as due that the sweep would not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.cases import cases, sla_sweep
from console.cases.cases import CaseRecord
from console.content import content
from console.core.identity import AgentContext
from console.core.unit import db_now
from console.core.vocabulary import CaseId
from db.models import CaseClock, Department


class Urgency(IntEnum):
    """Most urgent first when sorted."""

    OVERDUE = 0
    DUE_SOON = 1  # past the warning moment
    RUNNING = 2
    PAUSED = 3  # waiting on the customer
    NO_CLOCK = 4


@dataclass(frozen=True)
class NextClock:
    name: str
    title: str
    due_at: datetime
    warn_at: datetime
    paused: bool


@dataclass(frozen=True)
class CaseRow:
    case: CaseRecord
    clock: NextClock | None  # the running clock due first (None: no clock runs)

    def urgency(self, now: datetime) -> Urgency:
        c = self.clock
        if c is None:
            return Urgency.NO_CLOCK
        if c.paused:
            return Urgency.PAUSED
        if now >= c.due_at:
            return Urgency.OVERDUE
        if now >= c.warn_at:
            return Urgency.DUE_SOON
        return Urgency.RUNNING

    def remaining(self, now: datetime) -> timedelta | None:
        """Time left (negative: overdue by that much); None without a running clock."""
        return None if self.clock is None else self.clock.due_at - now

    def sort_key(self, now: datetime) -> tuple[int, datetime, str]:
        due = self.clock.due_at if self.clock is not None else self.case.opened_at
        return (self.urgency(now), due, self.case.id)


def by_urgency(rows: list[CaseRow], now: datetime) -> list[CaseRow]:
    """Overdue first (the longest overdue first), then due soon, then by due time;
    paused clocks and cases without clocks last."""
    return sorted(rows, key=lambda r: r.sort_key(now))


def my_case_rows(s: Session, ctx: AgentContext) -> tuple[list[CaseRow], datetime]:
    """The signed-in agent's open cases with their next clock, and the database's now."""
    mine = cases.my_cases(s, ctx)
    ids = [c.id for c in mine]
    clocks: dict[str, list[CaseClock]] = {}
    if ids:
        for clock in s.scalars(
            select(CaseClock)
            .where(CaseClock.case_id.in_(ids), CaseClock.stopped_at.is_(None))
            .order_by(CaseClock.due_at)
        ):
            clocks.setdefault(clock.case_id, []).append(clock)
    policy = content.of(s).get(content.SLA)
    rows = []
    for c in mine:
        running = clocks.get(c.id, [])
        nxt = next((k for k in running if k.paused_since is None), running[0] if running else None)
        if nxt is None:
            rows.append(CaseRow(c, None))
            continue
        definition = policy.clock(c.kind, nxt.name)
        rows.append(
            CaseRow(
                c,
                NextClock(
                    nxt.name,
                    definition.title if definition is not None else nxt.name,
                    nxt.due_at,
                    nxt.warn_at,
                    nxt.paused_since is not None,
                ),
            )
        )
    return rows, db_now(s)


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case view shows: the case, its clocks, its timeline, and the
    departments it can be dispatched to."""

    case: CaseRecord
    clocks: tuple[sla_sweep.ClockState, ...]
    timeline: tuple[cases.TimelineEntry, ...]
    departments: tuple[tuple[str, str], ...]  # (code, name)
    clock_titles: dict[str, str]  # clock name -> its title in the SLA policy in force


def case_detail(s: Session, ctx: AgentContext, case_id: CaseId) -> CaseDetail:
    case = cases.get_case(s, ctx, case_id)
    departments = tuple(
        (d.code, d.name) for d in s.scalars(select(Department).order_by(Department.code))
    )
    clocks = tuple(sla_sweep.clocks(s, case.id))
    policy = content.of(s).get(content.SLA)
    titles = {}
    for k in clocks:
        definition = policy.clock(case.kind, k.name)
        titles[k.name] = definition.title if definition is not None else k.name
    return CaseDetail(case, clocks, tuple(cases.timeline(s, ctx, case.id)), departments, titles)
