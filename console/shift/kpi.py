"""The supervisor's KPIs (R4.4) over a period, each defined once, here (docs/kpi.md
says the same in words). The widgets only draw what this returns.

Calls count by ``started_at`` in [since, until); cases by ``opened_at``; callbacks by
``done_at``. Inbound phone calls only, unless a definition says otherwise.

* answered_in_rings: inbound calls answered on ring ≤ N (GS 15.2.3: N = 3; N and the
  ring's length are the company's data, resources/company.yaml, as the call screen and
  the compliance score count them; the ring the answer came on is stored as
  ``ring_count``) / inbound calls offered (answered, missed or abandoned). A caller who
  hung up while it rang was not answered in time.
* average_handle_seconds: mean of (ended_at − answered_at) over answered calls that
  ended: talking and hold time. Wrap-up is excluded: it is the agent's time, not the
  caller's, and the state log (R1.6) measures it separately.
* solved_in_3_minutes: answered calls that ended within 180 s of the answer and left
  no case behind (GS 15.2.8: 尽量在3分钟内为客户解决问题) / answered calls that ended.
* complaint_reply_in_72h: complaints whose first reply (the callback that told the
  customer the outcome) came at most 72 h after opening — 72 h exactly is in time —
  / complaints replied, or unreplied with their 72 h already over (a complaint still
  inside its 72 h is not yet a success or a failure).
* inquiry_reply_in_2_working_days: the same for inquiry cases, against their ``reply``
  clock's due moment (two working days, holidays and pauses included, R3.3).
* callbacks_done: callbacks that reached the customer (satisfied or unsatisfied) in the
  period (an unreachable or inconvenient one is rescheduled, not done).
* satisfaction: satisfied / (satisfied + unsatisfied) among those callbacks.
* inquiry_service_rate (咨询服务率, WD target 100 %): answered inquiry calls that were
  served — answered at once (no case), or their case has had its reply — / answered
  inquiry calls.
* complaint_reply_rate (投诉回复率, WD target 100 %): complaints of the period replied
  by now / complaints of the period.

Who may look: supervisors and administrators (R8.2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from console.cases.complaint_register import REPLY_WITHIN
from console.content.dialogue import company
from console.core.checks import check_period
from console.core.identity import AgentContext, Role, require_role
from console.core.unit import db_now
from console.core.vocabulary import (
    CallbackResult,
    CallChannel,
    CallDirection,
    CallState,
    CaseEventKind,
    CaseKind,
    Intent,
)
from db.models import Call, Callback, Case, CaseClock, CaseEvent

SOLVED_WITHIN = timedelta(minutes=3)


@dataclass(frozen=True)
class Ratio:
    hits: int
    total: int

    @property
    def percent(self) -> float | None:
        """None when there is nothing to count (shown as "—", never as 0 % or 100 %)."""
        return None if self.total == 0 else 100.0 * self.hits / self.total


@dataclass(frozen=True)
class Kpis:
    since: datetime
    until: datetime
    calls_offered: int
    calls_answered: int
    answered_in_rings: Ratio
    average_handle_seconds: float | None
    solved_in_3_minutes: Ratio
    complaint_reply_in_72h: Ratio
    inquiry_reply_in_2_working_days: Ratio
    callbacks_done: int
    satisfaction: Ratio
    inquiry_service_rate: Ratio
    complaint_reply_rate: Ratio


Reply = tuple[datetime, datetime | None, datetime | None]


def _first_replies(s: Session, kind: CaseKind, since: datetime, until: datetime) -> list[Reply]:
    """(opened_at, first reply at or None, reply clock due or None) per case of ``kind``
    opened in the period."""
    reply = (
        select(CaseEvent.case_id, func.min(CaseEvent.at).label("at"))
        .where(CaseEvent.kind == CaseEventKind.CALLBACK)
        .group_by(CaseEvent.case_id)
        .subquery()
    )
    return [
        (opened, replied, due)
        for opened, replied, due in s.execute(
            select(Case.opened_at, reply.c.at, CaseClock.due_at)
            .outerjoin(reply, reply.c.case_id == Case.id)
            .outerjoin(CaseClock, and_(CaseClock.case_id == Case.id, CaseClock.name == "reply"))
            .where(Case.kind == kind, Case.opened_at >= since, Case.opened_at < until)
        ).all()
    ]


def _in_time(rows: list[Reply], now: datetime, *, fixed: timedelta | None) -> Ratio:
    """Replied in time / replied or overdue; the deadline is ``opened + fixed``, or the
    case's ``reply`` clock when ``fixed`` is None."""
    hits = total = 0
    for opened, replied, due in rows:
        limit = opened + fixed if fixed is not None else due
        if limit is None:
            continue  # no reply clock (a policy without one): not measured
        if replied is not None:
            total += 1
            hits += replied <= limit
        elif now > limit:
            total += 1
    return Ratio(hits, total)


def kpis(
    s: Session,
    ctx: AgentContext,
    since: datetime,
    until: datetime,
    *,
    answer_within_rings: int | None = None,
) -> Kpis:
    require_role(ctx, Role.SUPERVISOR)
    if answer_within_rings is None:
        answer_within_rings = company().answer_within_rings
    check_period(since, until)
    now = db_now(s)
    in_period = and_(
        Call.direction == CallDirection.INBOUND,
        Call.channel == CallChannel.PHONE,
        Call.started_at >= since,
        Call.started_at < until,
    )
    has_case = select(Case.id).where(Case.call_id == Call.id).exists()
    handle = s.execute(
        select(Call.answered_at, Call.ended_at, has_case).where(
            in_period, Call.answered_at.is_not(None)
        )
    ).all()
    offered, in_rings = s.execute(
        select(
            func.count(),
            func.count().filter(
                Call.answered_at.is_not(None), Call.ring_count <= answer_within_rings
            ),
        ).where(in_period, Call.state != CallState.RINGING)
    ).one()
    # (talk time, whether a case was opened) of each answered call that ended
    ended: list[tuple[timedelta, bool]] = [
        (e - a, bool(case)) for a, e, case in handle if a is not None and e is not None
    ]
    talk = [t.total_seconds() for t, _case in ended]
    solved = sum(1 for t, case in ended if not case and t <= SOLVED_WITHIN)

    complaints = _first_replies(s, CaseKind.COMPLAINT, since, until)
    inquiries = _first_replies(s, CaseKind.INQUIRY, since, until)

    results = dict(
        s.execute(
            select(Callback.result, func.count())
            .where(Callback.done_at >= since, Callback.done_at < until)
            .group_by(Callback.result)
        ).all()
    )
    satisfied = results.get(CallbackResult.SATISFIED, 0)
    unsatisfied = results.get(CallbackResult.UNSATISFIED, 0)

    # 咨询服务率: inquiry calls answered at once, or whose case has been replied.
    replied_case = (
        select(CaseEvent.case_id).where(CaseEvent.kind == CaseEventKind.CALLBACK).scalar_subquery()
    )
    served_later = (
        select(Case.id).where(Case.call_id == Call.id, Case.id.in_(replied_case)).exists()
    )
    inquiry_calls, inquiry_served = s.execute(
        select(
            func.count(),
            func.count().filter(~has_case | served_later),
        ).where(in_period, Call.answered_at.is_not(None), Call.intent == Intent.INQUIRY)
    ).one()

    return Kpis(
        since=since,
        until=until,
        calls_offered=offered,
        calls_answered=len(handle),
        answered_in_rings=Ratio(in_rings, offered),
        average_handle_seconds=sum(talk) / len(talk) if talk else None,
        solved_in_3_minutes=Ratio(solved, len(ended)),
        complaint_reply_in_72h=_in_time(complaints, now, fixed=REPLY_WITHIN),
        inquiry_reply_in_2_working_days=_in_time(inquiries, now, fixed=None),
        callbacks_done=satisfied + unsatisfied,
        satisfaction=Ratio(satisfied, satisfied + unsatisfied),
        inquiry_service_rate=Ratio(inquiry_served, inquiry_calls),
        complaint_reply_rate=Ratio(
            sum(1 for _o, replied, _d in complaints if replied is not None), len(complaints)
        ),
    )
