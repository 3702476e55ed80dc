"""Quality trends, week by week (质检趋势): per agent (or the whole floor) and per clause of
the checklist, the share of calls that met it and the average score — as the automatic
score has it for every answered call, and as the reviewers judged the calls they
reviewed. Shown as charts (ui/quality/trends_view.py) and printed (R6 style).

Definitions (docs/quality.md):

* A call belongs to the week (Monday to Sunday, local time) in which it started.
* *Automatic*: every answered call that has ended. The score is the one stored at
  wrap-up; a clause is judged on a call when its checklist item names a criterion of the
  automatic score (console/calls/compliance.py, stored with the score at the call's end;
  computed again from the event log for calls stored before that) and that criterion
  applied; it is met when it passed.
* *Reviewed*: every call whose review has been saved; its score is the review's, a
  clause is judged when the reviewer said met or not met.
* The share is ``met / judged``; the average is over the calls with a score. Both are
  None when nothing was judged.

Only supervisors and administrators see the floor or another agent; an agent sees their
own trend.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.calls.call_flow import CallEvent as FlowEvent
from console.calls.call_flow import EventKind
from console.calls.calls import stored_compliance
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.vocabulary import JobNumber, ReviewVerdict
from console.quality.reviews import automatic, rules
from db.models import Call, QualityReview
from db.models import CallEvent as StoredEvent

MAX_WEEKS = 26


class Source(StrEnum):
    AUTOMATIC = "automatic"
    REVIEWED = "reviewed"


@dataclass(frozen=True)
class ScoreWeek:
    week: date  # the Monday
    source: Source
    calls: int
    average: float | None  # one decimal


@dataclass(frozen=True)
class ClauseWeek:
    week: date
    source: Source
    code: str  # the checklist item
    met: int
    judged: int

    @property
    def share(self) -> float | None:
        return None if self.judged == 0 else self.met / self.judged


@dataclass(frozen=True)
class ChecklistEntry:
    code: str
    clause: str
    text: str


@dataclass(frozen=True)
class Trends:
    weeks: tuple[date, ...]
    agent: JobNumber | None  # None: every agent
    checklist: tuple[ChecklistEntry, ...]
    scores: tuple[ScoreWeek, ...]
    clauses: tuple[ClauseWeek, ...]

    def score(self, week: date, source: Source) -> ScoreWeek:
        return next(s for s in self.scores if s.week == week and s.source is source)

    def clause(self, week: date, source: Source, code: str) -> ClauseWeek:
        return next(
            c for c in self.clauses if c.week == week and c.source is source and c.code == code
        )


def monday(d: date) -> date:
    return d - timedelta(days=d.isoweekday() - 1)


def _weeks(first: date, last: date) -> tuple[date, ...]:
    start, end = monday(first), monday(last)
    if end < start:
        raise UserFacingError("input.invalid", field="weeks")
    count = (end - start).days // 7 + 1
    if count > MAX_WEEKS:
        raise UserFacingError("input.out_of_range", field="weeks", low=1, high=MAX_WEEKS)
    return tuple(start + timedelta(weeks=i) for i in range(count))


def _check_agent(ctx: AgentContext, agent: str | None) -> JobNumber | None:
    if ctx.is_at_least(Role.SUPERVISOR):
        return None if agent is None else JobNumber(agent)
    if agent is not None and agent != ctx.job_no:
        raise UserFacingError("quality.not_found")
    return ctx.job_no  # an agent's trend is their own


def _events(s: Session, call_ids: list[str]) -> dict[str, list[FlowEvent]]:
    known = frozenset(EventKind)
    out: dict[str, list[FlowEvent]] = defaultdict(list)
    for chunk in range(0, len(call_ids), 500):
        rows = s.execute(
            select(StoredEvent.call_id, StoredEvent.kind, StoredEvent.at, StoredEvent.data)
            .where(StoredEvent.call_id.in_(call_ids[chunk : chunk + 500]))
            .order_by(StoredEvent.call_id, StoredEvent.seq)
        ).all()
        for call_id, kind, at, data in rows:
            if kind in known:
                values = {} if data == "{}" else json.loads(data)  # most events carry none
                out[call_id].append(FlowEvent(EventKind(kind), at, values))
    return out


def _rescored(events: list[FlowEvent]) -> dict[str, str]:
    result = automatic(events)
    return {} if result is None else result.verdicts()


def _average(scores: list[int]) -> float | None:
    return None if not scores else round(sum(scores) / len(scores), 1)


def trends(
    s: Session,
    ctx: AgentContext,
    first: date,
    last: date,
    zone: ZoneInfo,
    agent: str | None = None,
) -> Trends:
    """The weeks from the one holding ``first`` to the one holding ``last``."""
    who = _check_agent(ctx, agent)
    weeks = _weeks(first, last)
    start = datetime.combine(weeks[0], time(), zone)
    end = datetime.combine(weeks[-1] + timedelta(days=7), time(), zone)
    checklist = rules(s).checklist
    codes = [i.code for i in checklist]

    def week_of(moment: datetime) -> date:
        return monday(moment.astimezone(zone).date())

    scores: dict[tuple[date, Source], list[int]] = defaultdict(list)
    counted: dict[tuple[date, Source], int] = defaultdict(int)
    met: dict[tuple[date, Source, str], list[int]] = defaultdict(lambda: [0, 0])

    q = select(Call.id, Call.started_at).where(
        Call.started_at >= start,
        Call.started_at < end,
        Call.answered_at.is_not(None),
        Call.ended_at.is_not(None),
    )
    if who is not None:
        q = q.where(Call.job_no == who)
    calls = s.execute(q).all()
    stored = stored_compliance(s, ctx, (c.id for c in calls))
    # Calls finished before the verdicts were stored with the score: scored again.
    unstored = [c.id for c in calls if c.id not in stored or stored[c.id].verdicts is None]
    logs = _events(s, unstored)
    for c in calls:
        key = (week_of(c.started_at), Source.AUTOMATIC)
        counted[key] += 1
        kept = stored.get(c.id)
        if kept is not None:
            scores[key].append(kept.score)
        verdicts = (
            kept.verdicts
            if kept is not None and kept.verdicts is not None
            else _rescored(logs.get(c.id, []))
        )
        for item in checklist:
            verdict = verdicts.get(item.criterion or "")
            if verdict in (ReviewVerdict.PASS, ReviewVerdict.FAIL):
                tally = met[(*key, item.code)]
                tally[0] += verdict == ReviewVerdict.PASS
                tally[1] += 1

    r = QualityReview
    q2 = select(r.call_started_at, r.score, r.items).where(
        r.reviewed_at.is_not(None), r.call_started_at >= start, r.call_started_at < end
    )
    if who is not None:
        q2 = q2.where(r.agent_job_no == who)
    for started, score, items in s.execute(q2).all():
        key = (week_of(started), Source.REVIEWED)
        counted[key] += 1
        if score is not None:
            scores[key].append(score)
        for code, verdict in json.loads(items).items():
            if code in codes and verdict != ReviewVerdict.NOT_APPLICABLE:
                tally = met[(*key, code)]
                tally[0] += verdict == ReviewVerdict.PASS
                tally[1] += 1

    return Trends(
        weeks=weeks,
        agent=who,
        checklist=tuple(ChecklistEntry(i.code, i.clause, i.text) for i in checklist),
        scores=tuple(
            ScoreWeek(w, src, counted[(w, src)], _average(scores[(w, src)]))
            for w in weeks
            for src in Source
        ),
        clauses=tuple(
            ClauseWeek(w, src, code, *met.get((w, src, code), [0, 0]))
            for w in weeks
            for src in Source
            for code in codes
        ),
    )


__all__ = ["ClauseWeek", "ScoreWeek", "Source", "Trends", "monday", "trends"]
