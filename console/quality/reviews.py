"""Quality inspection (质检, TN 二 检查与考核; GS 15.2.1 定期进行培训和考核): the review list,
the reviews, the agent's reply and acknowledgment.

* **The draw.** Each day the console draws calls for review (:func:`draw`, run by the
  supervisor's 质检 tab for the day before, and by ``quality draw``): every call of that
  day scored below the policy's threshold, every complaint and every call with a taboo
  hit, and per agent a share of the weekly quota — by day ``d`` of the week (Monday 1)
  the agent has ``ceil(N·d/7)`` drawn at random, so the quota spreads over the week and a
  quiet day's share is made up later. "At random" is reproducible: an agent's remaining
  calls of the day in the order of ``sha256("<day>:<call id>")``. A call is on the list at
  most once (a unique key on the call), so a repeated draw adds nothing, and a supervisor
  may add any finished call (:func:`add_call`).
* **Claims.** Two supervisors never review one call at once: a review is claimed for the
  claiming session as the shared work lists are (console/core/worklist.py).
* **The review** (:func:`save_review`) confirms or corrects each item of the checklist
  (``resources/quality/quality.yaml``, each item tied to its clause); the score is the
  share of items met, as the automatic score's. Saved with the reviewer's job number,
  audited, and versioned: a stale save is refused naming who saved last.
* **The agent's side.** The agent concerned reads the result, may write one reply (申诉),
  which a supervisor answers, and acknowledges it; then the review no longer changes.
  A review not acknowledged within the policy's working days shows on the board
  (:func:`overdue`).

Privacy: a review is shown to the agent concerned, supervisors and administrators only;
the services check it, and on PostgreSQL row-level security refuses it as well.
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import Select, Table, exists, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from console.calls import compliance
from console.calls.call_flow import CallEvent as FlowEvent
from console.calls.call_flow import EventKind
from console.calls.calls import compliance_scores
from console.content import content
from console.content.quality_rules import QualityRules, score_percent
from console.core import audit, worklist
from console.core.checks import check_call_id, check_text
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role, require_role
from console.core.unit import db_now
from console.core.vocabulary import CallId, Intent, JobNumber, ReviewVerdict, SampleReason
from db.models import Call, Case, QualityReview
from db.models import CallEvent as StoredEvent

MAX_COMMENT = 2000
MAX_REPLY = 2000
MAX_LISTED = 500

_T: Table = QualityReview.__table__  # type: ignore[assignment]


class _DrawnCall(NamedTuple):
    id: CallId
    job_no: JobNumber
    started_at: datetime
    intent: str | None
    ended_at: datetime | None
    compliance_score: int | None


def _with_scores(
    s: Session,
    ctx: AgentContext,
    q: Select[CallId, JobNumber, datetime, str | None, datetime | None],
) -> list[_DrawnCall]:
    """The calls ``q`` selects (id, job number, start, intent, end) with their automatic
    scores, read as the supervisor may (console.calls.calls.compliance_scores)."""
    rows = s.execute(q).all()
    scores = compliance_scores(s, ctx, (r.id for r in rows))
    return [
        _DrawnCall(
            r.id,
            r.job_no,
            r.started_at,
            r.intent,
            r.ended_at,
            scores.get(r.id),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class ReviewItem:
    """A call on the review list, and its review as far as it has gone."""

    id: str
    call_id: CallId
    agent_job_no: JobNumber
    reason: SampleReason
    drawn_on: date
    call_started_at: datetime
    auto_score: int | None
    claimed_by_job_no: JobNumber | None
    verdicts: Mapping[str, ReviewVerdict]
    score: int | None
    comment: str
    reviewed_at: datetime | None
    reviewer_job_no: JobNumber | None
    reply: str | None
    replied_at: datetime | None
    answer: str | None
    answered_at: datetime | None
    answered_by_job_no: JobNumber | None
    acknowledged_at: datetime | None
    updated_at: datetime
    updated_by_job_no: JobNumber | None
    version: int

    @property
    def waiting_for_answer(self) -> bool:
        return self.reply is not None and self.answer is None


@dataclass(frozen=True)
class DrawResult:
    day: date
    added: tuple[ReviewItem, ...]


def _item(r: Any) -> ReviewItem:
    verdicts = {code: ReviewVerdict(v) for code, v in json.loads(r.items or "{}").items()}
    return ReviewItem(
        id=r.id,
        call_id=r.call_id,
        agent_job_no=r.agent_job_no,
        reason=SampleReason(r.reason),
        drawn_on=date.fromisoformat(r.drawn_on),
        call_started_at=r.call_started_at,
        auto_score=r.auto_score,
        claimed_by_job_no=r.claimed_by_job_no if r.reviewed_at is None else None,
        verdicts=verdicts,
        score=r.score,
        comment=r.comment,
        reviewed_at=r.reviewed_at,
        reviewer_job_no=r.reviewer_job_no,
        reply=r.reply,
        replied_at=r.replied_at,
        answer=r.answer,
        answered_at=r.answered_at,
        answered_by_job_no=r.answered_by_job_no,
        acknowledged_at=r.acknowledged_at,
        updated_at=r.updated_at,
        updated_by_job_no=r.updated_by_job_no,
        version=r.version,
    )


def rules(s: Session) -> QualityRules:
    return content.of(s).get(content.QUALITY)


def check_review_id(review_id: str) -> str:
    if not isinstance(review_id, str) or len(review_id) > 64 or "\x00" in review_id:
        raise UserFacingError("quality.not_found")
    try:
        return str(uuid.UUID(review_id))
    except ValueError as e:
        raise UserFacingError("quality.not_found") from e


def _sees(ctx: AgentContext, agent_job_no: str) -> bool:
    """Privacy: the agent concerned, supervisors and administrators."""
    return ctx.is_at_least(Role.SUPERVISOR) or ctx.job_no == agent_job_no


def _load(s: Session, ctx: AgentContext, review_id: str) -> QualityReview:
    r = s.get(QualityReview, check_review_id(review_id), populate_existing=True)
    if r is None or not _sees(ctx, r.agent_job_no):
        raise UserFacingError("quality.not_found")  # another agent's: as if it did not exist
    return r


def get(s: Session, ctx: AgentContext, review_id: str) -> ReviewItem:
    return _item(_load(s, ctx, review_id))


# --- the draw ---------------------------------------------------------------------------------


def _day_span(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(), zone)
    return start, datetime.combine(day + timedelta(days=1), time(), zone)


def draw_order(day: date, call_id: str) -> str:
    """The reproducible "random" order of a day's calls."""
    return hashlib.sha256(f"{day.isoformat()}:{call_id}".encode()).hexdigest()


def weekly_share(per_week: int, day: date) -> int:
    """How many of the week's quota an agent has drawn by the end of ``day``."""
    return math.ceil(per_week * (day.isoweekday()) / 7)


def _taboo_calls(s: Session, call_ids: list[str]) -> set[str]:
    """The calls among ``call_ids`` with a taboo hit (jargon hits are advice only)."""
    hit: set[str] = set()
    for chunk in range(0, len(call_ids), 500):
        rows = s.execute(
            select(StoredEvent.call_id, StoredEvent.data).where(
                StoredEvent.call_id.in_(call_ids[chunk : chunk + 500]),
                StoredEvent.kind == EventKind.TABOO_HIT,
            )
        ).all()
        hit.update(cid for cid, data in rows if json.loads(data).get("kind", "taboo") == "taboo")
    return hit


def _insert(s: Session, rows: list[dict[str, Any]]) -> list[str]:
    """Put rows on the list; a call already there is skipped (never twice)."""
    if not rows:
        return []
    insert = postgresql.insert if s.get_bind().dialect.name == "postgresql" else sqlite.insert
    stmt = insert(_T).values(rows).on_conflict_do_nothing().returning(_T.c.id)
    return [r[0] for r in s.execute(stmt).all()]


def _new_row(
    s: Session, call: Any, reason: SampleReason, day: date, now: datetime
) -> dict[str, Any]:
    b = worklist.bound(s)
    return {
        "id": str(uuid.uuid4()),
        "call_id": call.id,
        "agent_job_no": call.job_no,
        "reason": reason,
        "drawn_on": day.isoformat(),
        "call_started_at": call.started_at,
        "created_at": now,
        "auto_score": call.compliance_score,
        "items": "{}",
        "comment": "",
        "updated_at": now,
        "updated_by_job_no": b.job_no,
        "version": 1,
        "job_no": b.job_no,
        "delegate_job_no": b.delegate_job_no,
        "session_id": b.session_id,
    }


def _mandatory(policy: QualityRules, call: Any, taboo: set[str]) -> SampleReason | None:
    sampling = policy.sampling
    if sampling.every_taboo_hit and call.id in taboo:
        return SampleReason.TABOO
    if sampling.every_complaint and call.intent == Intent.COMPLAINT:
        return SampleReason.COMPLAINT
    if call.compliance_score is not None and call.compliance_score < sampling.low_score_below:
        return SampleReason.LOW_SCORE
    return None


def draw(s: Session, ctx: AgentContext, day: date, zone: ZoneInfo) -> DrawResult:
    """Draw the calls of local ``day`` for review (see the module docstring); what was
    added. Repeating it adds nothing: the same day over the same calls draws the same."""
    require_role(ctx, Role.SUPERVISOR)
    if not isinstance(day, date) or isinstance(day, datetime):
        raise UserFacingError("input.invalid", field="day")
    policy = rules(s)
    now = db_now(s)
    start, end = _day_span(day, zone)
    calls = _with_scores(
        s,
        ctx,
        select(Call.id, Call.job_no, Call.started_at, Call.intent, Call.ended_at)
        .where(
            Call.ended_at >= start,
            Call.ended_at < end,
            Call.answered_at.is_not(None),
            ~exists().where(_T.c.call_id == Call.id),
        )
        .order_by(Call.id),
    )
    taboo = _taboo_calls(s, [c.id for c in calls])
    rows: list[dict[str, Any]] = []
    random_pool: dict[str, list[Any]] = {}
    for c in calls:
        reason = _mandatory(policy, c, taboo)
        if reason is not None:
            rows.append(_new_row(s, c, reason, day, now))
        else:
            random_pool.setdefault(c.job_no, []).append(c)
    week_start = day - timedelta(days=day.isoweekday() - 1)
    target = weekly_share(policy.sampling.sample_per_agent_per_week, day)
    for job_no in sorted(random_pool):
        drawn = s.scalar(
            select(func.count())
            .select_from(_T)
            .where(
                _T.c.agent_job_no == job_no,
                _T.c.reason == SampleReason.SAMPLE,
                _T.c.drawn_on >= week_start.isoformat(),
                _T.c.drawn_on <= day.isoformat(),
            )
        )
        wanted = max(0, target - (drawn or 0))
        pool = sorted(random_pool[job_no], key=lambda c: draw_order(day, c.id))
        rows.extend(_new_row(s, c, SampleReason.SAMPLE, day, now) for c in pool[:wanted])
    added = set(_insert(s, rows))
    items = [_item(r) for r in s.execute(select(_T).where(_T.c.id.in_(added))).all()]
    if items:
        audit.record(
            s, "quality.drawn", day=day.isoformat(), calls=sorted(i.call_id for i in items)
        )
    return DrawResult(day, tuple(sorted(items, key=lambda i: (i.agent_job_no, i.call_id))))


def add_call(s: Session, ctx: AgentContext, call_id: CallId, zone: ZoneInfo) -> ReviewItem:
    """A supervisor puts a finished call on the review list (it is there once, whatever
    put it there first)."""
    require_role(ctx, Role.SUPERVISOR)
    call_id = check_call_id(call_id)
    existing = s.execute(select(_T).where(_T.c.call_id == call_id)).one_or_none()
    if existing is not None:
        return _item(existing)
    found = _with_scores(
        s,
        ctx,
        select(Call.id, Call.job_no, Call.started_at, Call.intent, Call.ended_at).where(
            Call.id == call_id
        ),
    )
    if not found:
        raise UserFacingError("call.not_found")
    call = found[0]
    if call.ended_at is None:
        raise UserFacingError("quality.call_not_finished")
    now = db_now(s)
    _insert(s, [_new_row(s, call, SampleReason.MANUAL, now.astimezone(zone).date(), now)])
    audit.record(s, "quality.added", call_id=call_id, agent=call.job_no)
    return _item(s.execute(select(_T).where(_T.c.call_id == call_id)).one())


# --- lists ------------------------------------------------------------------------------------


def review_list(s: Session, ctx: AgentContext, *, reviewed: bool = False) -> list[ReviewItem]:
    """The supervisor's list: the calls waiting for review, oldest first; or
    (``reviewed``) the reviews of the last weeks, newest first."""
    require_role(ctx, Role.SUPERVISOR)
    q = select(_T)
    if reviewed:
        q = q.where(_T.c.reviewed_at.is_not(None)).order_by(_T.c.reviewed_at.desc(), _T.c.id)
    else:
        q = q.where(_T.c.reviewed_at.is_(None)).order_by(_T.c.created_at, _T.c.call_started_at)
    return [_item(r) for r in s.execute(q.limit(MAX_LISTED)).all()]


def replies_waiting(s: Session, ctx: AgentContext) -> list[ReviewItem]:
    """Agents' replies (申诉) no supervisor has answered yet, oldest first."""
    require_role(ctx, Role.SUPERVISOR)
    rows = s.execute(
        select(_T)
        .where(_T.c.reply.is_not(None), _T.c.answer.is_(None))
        .order_by(_T.c.replied_at)
        .limit(MAX_LISTED)
    ).all()
    return [_item(r) for r in rows]


def my_results(s: Session, ctx: AgentContext) -> list[ReviewItem]:
    """The signed-in agent's reviewed calls (质检结果), newest first."""
    rows = s.execute(
        select(_T)
        .where(_T.c.agent_job_no == ctx.job_no, _T.c.reviewed_at.is_not(None))
        .order_by(_T.c.reviewed_at.desc(), _T.c.id)
        .limit(MAX_LISTED)
    ).all()
    return [_item(r) for r in rows]


def overdue(s: Session, ctx: AgentContext, zone: ZoneInfo) -> list[ReviewItem]:
    """Reviews their agent has not acknowledged within the policy's working days
    (the supervisor's board shows them), oldest first."""
    require_role(ctx, Role.SUPERVISOR)
    policy = rules(s)
    calendar = content.of(s).calendar(zone.key)
    now = db_now(s)
    # A cheap bound first: N working days are at least N calendar days.
    rows = s.execute(
        select(_T)
        .where(
            _T.c.reviewed_at.is_not(None),
            _T.c.acknowledged_at.is_(None),
            _T.c.reviewed_at <= now - timedelta(days=policy.acknowledge_within_working_days),
        )
        .order_by(_T.c.reviewed_at)
        .limit(MAX_LISTED)
    ).all()
    n = policy.acknowledge_within_working_days
    return [_item(r) for r in rows if calendar.add_working_days(r.reviewed_at, n) <= now]


# --- claims -----------------------------------------------------------------------------------


def _claimable(t: Any) -> tuple[Any, ...]:
    return (t.c.reviewed_at.is_(None),)


def claim_next(s: Session, ctx: AgentContext) -> ReviewItem | None:
    """The next call waiting for review that no other supervisor holds, claimed for this
    session (the one already held comes back first); None when there is none."""
    require_role(ctx, Role.SUPERVISOR)
    b = worklist.bound(s)
    held = s.execute(
        select(_T)
        .where(_T.c.claimed_session_id == b.session_id, _T.c.reviewed_at.is_(None))
        .order_by(_T.c.claimed_at, _T.c.id)
        .limit(1)
    ).one_or_none()
    if held is not None:
        return _item(held)
    at = db_now(s)
    claimed = worklist.claim(
        s,
        _T,
        ("id",),
        _claimable,
        lambda t: (t.c.created_at, t.c.call_started_at, t.c.id),
        b,
        at,
        version=_T.c.version + 1,
    )
    return None if claimed is None else get(s, ctx, claimed[0])


def claim(s: Session, ctx: AgentContext, review_id: str) -> ReviewItem:
    """Claim this call for review, unless another supervisor's live session holds it."""
    require_role(ctx, Role.SUPERVISOR)
    review_id = check_review_id(review_id)
    b = worklist.bound(s)
    at = db_now(s)
    won = worklist.rowcount(
        s.execute(
            update(_T)
            .where(
                _T.c.id == review_id,
                *_claimable(_T),
                or_(_T.c.claimed_session_id == b.session_id, worklist.free(_T, at)),
            )
            .values(
                claimed_by_job_no=b.job_no,
                claimed_session_id=b.session_id,
                claimed_at=at,
                version=_T.c.version + 1,
            )
        )
    )
    r = _load(s, ctx, review_id)
    if won != 1:
        if r.reviewed_at is not None:
            return _item(r)  # reviewed meanwhile: the form opens it to read or correct
        raise UserFacingError("quality.claimed", job_no=r.claimed_by_job_no or "-")
    return _item(r)


def release(s: Session, ctx: AgentContext, review_id: str) -> None:
    """Give a claimed call back to the list (the form closed without saving)."""
    require_role(ctx, Role.SUPERVISOR)
    b = worklist.bound(s)
    s.execute(
        update(_T)
        .where(_T.c.id == check_review_id(review_id), _T.c.claimed_session_id == b.session_id)
        .values(
            claimed_by_job_no=None,
            claimed_session_id=None,
            claimed_at=None,
            version=_T.c.version + 1,
        )
    )


# --- the review and the agent's side -----------------------------------------------------


def _changed_elsewhere(r: QualityReview) -> UserFacingError:
    return UserFacingError(
        "quality.changed_elsewhere", job_no=r.updated_by_job_no or r.job_no, at=r.updated_at
    )


def _check_verdicts(policy: QualityRules, verdicts: Mapping[str, str]) -> dict[str, ReviewVerdict]:
    if not isinstance(verdicts, Mapping):
        raise UserFacingError("input.invalid", field="verdicts")
    known = [i.code for i in policy.checklist]
    unknown = sorted(set(verdicts) - set(known))
    if unknown:
        raise UserFacingError("quality.unknown_item", item=str(unknown[0])[:32])
    missing = [c for c in known if c not in verdicts]
    if missing:
        raise UserFacingError("quality.item_missing", item=missing[0])
    out: dict[str, ReviewVerdict] = {}
    for code in known:
        value = verdicts[code]
        if not isinstance(value, str) or value not in frozenset(ReviewVerdict):
            raise UserFacingError("input.invalid", field=code)
        out[code] = ReviewVerdict(value)
    return out


def save_review(
    s: Session,
    ctx: AgentContext,
    review_id: str,
    verdicts: Mapping[str, str],
    comment: str,
    expected_version: int,
) -> ReviewItem:
    """Save the review: every checklist item's verdict and a comment, with the reviewer's
    job number. The first save needs the claim; a correction (before the agent
    acknowledges) needs only the version the reviewer started from."""
    require_role(ctx, Role.SUPERVISOR)
    policy = rules(s)
    checked = _check_verdicts(policy, verdicts)
    comment = check_text("comment", comment, MAX_COMMENT)
    b = worklist.bound(s)
    r = _load(s, ctx, review_id)
    if r.acknowledged_at is not None:
        raise UserFacingError("quality.acknowledged", at=r.acknowledged_at)
    if r.version != expected_version:
        raise _changed_elsewhere(r)
    if r.reviewed_at is None and r.claimed_session_id != b.session_id:
        raise UserFacingError("quality.claimed", job_no=r.claimed_by_job_no or "-")
    now = db_now(s)
    first = r.reviewed_at is None
    r.items = json.dumps({k: v.value for k, v in checked.items()}, sort_keys=True)
    r.score = score_percent(checked)
    r.comment = comment
    r.reviewed_at = r.reviewed_at or now
    r.reviewer_job_no = ctx.stamped_job_no
    r.claimed_by_job_no, r.claimed_session_id, r.claimed_at = None, None, None
    r.updated_at, r.updated_by_job_no = now, ctx.stamped_job_no
    s.flush()
    s.refresh(r)
    audit.record(
        s,
        "quality.reviewed" if first else "quality.corrected",
        review_id=r.id,
        call_id=r.call_id,
        agent=r.agent_job_no,
        score=r.score,
        items=r.items,
        version=r.version,
    )
    return _item(r)


def _agents_own_finished(ctx: AgentContext, r: QualityReview) -> None:
    if r.agent_job_no != ctx.job_no:
        raise UserFacingError("quality.not_yours")
    if r.reviewed_at is None:
        raise UserFacingError("quality.not_reviewed")
    if r.acknowledged_at is not None:
        raise UserFacingError("quality.acknowledged", at=r.acknowledged_at)


def reply(s: Session, ctx: AgentContext, review_id: str, text: str) -> ReviewItem:
    """The agent concerned replies to the result (申诉), once."""
    text = check_text("reply", text, MAX_REPLY, required=True)
    r = _load(s, ctx, review_id)
    if r.reply is not None and r.reply == text and r.agent_job_no == ctx.job_no:
        return _item(r)  # the same reply, already saved (a retried unit of work)
    _agents_own_finished(ctx, r)
    if r.reply is not None:
        raise UserFacingError("quality.replied_already", at=r.replied_at)
    now = db_now(s)
    r.reply, r.replied_at = text, now
    r.updated_at, r.updated_by_job_no = now, ctx.stamped_job_no
    s.flush()
    s.refresh(r)
    audit.record(s, "quality.replied", review_id=r.id, call_id=r.call_id, version=r.version)
    return _item(r)


def answer(s: Session, ctx: AgentContext, review_id: str, text: str) -> ReviewItem:
    """A supervisor answers the agent's reply, once."""
    require_role(ctx, Role.SUPERVISOR)
    text = check_text("answer", text, MAX_REPLY, required=True)
    r = _load(s, ctx, review_id)
    if r.answer is not None:
        if r.answer == text and r.answered_by_job_no == ctx.stamped_job_no:
            return _item(r)
        raise UserFacingError("quality.answered_already", job_no=r.answered_by_job_no or "-")
    if r.reply is None:
        raise UserFacingError("quality.no_reply")
    if r.acknowledged_at is not None:
        raise UserFacingError("quality.acknowledged", at=r.acknowledged_at)
    now = db_now(s)
    r.answer, r.answered_at, r.answered_by_job_no = text, now, ctx.stamped_job_no
    r.updated_at, r.updated_by_job_no = now, ctx.stamped_job_no
    s.flush()
    s.refresh(r)
    audit.record(s, "quality.answered", review_id=r.id, agent=r.agent_job_no, version=r.version)
    return _item(r)


def acknowledge(s: Session, ctx: AgentContext, review_id: str) -> ReviewItem:
    """The agent concerned acknowledges the result (after the answer to a reply, if
    there is one); from then on the review does not change."""
    r = _load(s, ctx, review_id)
    if r.acknowledged_at is not None and r.agent_job_no == ctx.job_no:
        return _item(r)
    _agents_own_finished(ctx, r)
    if r.reply is not None and r.answer is None:
        raise UserFacingError("quality.answer_pending")
    now = db_now(s)
    r.acknowledged_at = now
    r.updated_at, r.updated_by_job_no = now, ctx.stamped_job_no
    s.flush()
    s.refresh(r)
    audit.record(s, "quality.acknowledged", review_id=r.id, call_id=r.call_id, version=r.version)
    return _item(r)


# --- what the review form shows ------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # console/calls/call_flow.py's EventKind
    data: Mapping[str, Any]


@dataclass(frozen=True)
class NoteMark:
    start: int
    end: int
    kind: str  # taboo | jargon
    phrase: str


@dataclass(frozen=True)
class ChecklistLine:
    code: str
    clause: str
    text: str
    automatic: ReviewVerdict | None  # the score's verdict on the item's criterion
    verdict: ReviewVerdict | None  # the reviewer's, once saved


@dataclass(frozen=True)
class CaseSummary:
    id: str
    kind: str
    status: str
    summary: str


@dataclass(frozen=True)
class ReviewDetail:
    review: ReviewItem
    started_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None
    ended_by: str | None
    ring_count: int
    hold_seconds: int
    talk_seconds: int | None
    verification: str | None
    intent: str | None
    details: Mapping[str, Any]
    notes: str
    note_marks: tuple[NoteMark, ...]
    timeline: tuple[TimelineEntry, ...]
    cases: tuple[CaseSummary, ...]
    automatic: compliance.ComplianceResult | None
    checklist: tuple[ChecklistLine, ...]


def _hold_seconds(events: list[FlowEvent]) -> int:
    total, held_at = timedelta(), None
    for e in events:
        if e.kind is EventKind.HOLD:
            held_at = e.at
        elif e.kind in (EventKind.RESUME, EventKind.HANG_UP) and held_at is not None:
            total += e.at - held_at
            held_at = None
    return int(total.total_seconds())


def flow_events(s: Session, call_id: CallId) -> list[FlowEvent]:
    """A stored call's log as the call flow made it (what the score reads)."""
    rows = s.execute(
        select(StoredEvent.kind, StoredEvent.at, StoredEvent.data)
        .where(StoredEvent.call_id == call_id)
        .order_by(StoredEvent.seq)
    ).all()
    known = frozenset(EventKind)
    return [FlowEvent(EventKind(k), at, json.loads(d)) for k, at, d in rows if k in known]


def automatic(events: list[FlowEvent]) -> compliance.ComplianceResult | None:
    """The automatic score of a stored log; None if the log has no ring to start from."""
    if not events or events[0].kind is not EventKind.RING:
        return None
    return compliance.score(events)


def auto_verdict(
    result: compliance.ComplianceResult | None, criterion: str | None
) -> ReviewVerdict | None:
    if result is None or criterion is None:
        return None
    found = next((c for c in result.criteria if c.criterion.value == criterion), None)
    return None if found is None else ReviewVerdict(found.verdict.value)


def detail(s: Session, ctx: AgentContext, review_id: str) -> ReviewDetail:
    """Everything the review form shows about the call, for whoever may see the review."""
    r = _load(s, ctx, review_id)
    review = _item(r)
    call = s.get(Call, r.call_id)
    if call is None:  # a foreign key: cannot happen short of a damaged database
        raise UserFacingError("call.not_found")
    events = flow_events(s, r.call_id)
    result = automatic(events)
    checker = content.of(s).checker
    marks = tuple(
        NoteMark(h.start, h.end, str(h.kind), h.phrase) for h in checker.check(call.notes)
    )
    cases = s.execute(
        select(Case.id, Case.kind, Case.status, Case.summary)
        .where(Case.call_id == r.call_id)
        .order_by(Case.opened_at)
    ).all()
    talk = None
    if call.answered_at is not None and call.ended_at is not None:
        talk = int((call.ended_at - call.answered_at).total_seconds())
    lines = tuple(
        ChecklistLine(
            code=i.code,
            clause=i.clause,
            text=i.text,
            automatic=auto_verdict(result, i.criterion),
            verdict=review.verdicts.get(i.code),
        )
        for i in rules(s).checklist
    )
    return ReviewDetail(
        review=review,
        started_at=call.started_at,
        answered_at=call.answered_at,
        ended_at=call.ended_at,
        ended_by=call.ended_by,
        ring_count=call.ring_count,
        hold_seconds=_hold_seconds(events),
        talk_seconds=talk,
        verification=call.verification,
        intent=call.intent,
        details=json.loads(call.details or "{}"),
        notes=call.notes,
        note_marks=marks,
        timeline=tuple(TimelineEntry(e.at, e.kind.value, dict(e.data)) for e in events),
        cases=tuple(CaseSummary(c.id, c.kind, c.status, c.summary) for c in cases),
        automatic=result,
        checklist=lines,
    )


def prefilled(d: ReviewDetail) -> dict[str, ReviewVerdict]:
    """What the form starts from: the saved verdicts, else the automatic ones, else pass."""
    return {line.code: line.verdict or line.automatic or ReviewVerdict.PASS for line in d.checklist}


__all__ = [
    "DrawResult",
    "ReviewDetail",
    "ReviewItem",
    "acknowledge",
    "add_call",
    "answer",
    "claim",
    "claim_next",
    "detail",
    "draw",
    "get",
    "my_results",
    "overdue",
    "prefilled",
    "release",
    "replies_waiting",
    "reply",
    "review_list",
    "save_review",
]
