"""KPI definitions (R4.4, docs/kpi.md) against a hand-computed fixture, on SQLite and
PostgreSQL: a call answered on ring 3 counts and one on ring 4 does not; a complaint
replied at 72 h exactly is in time and one a second later is late."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import update

from console.app.runtime import Runtime
from console.calls import calls
from console.calls.calls import CallFields
from console.cases import callbacks, cases, follow_up
from console.core import checks, unit
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.vocabulary import CallId
from console.shift import kpi
from db.models import Case, CaseClock, Department
from tests.conftest import PASSWORD, AgentFactory


def _call(
    rt: Runtime,
    ctx: AgentContext,
    at: datetime,
    *,
    ring: int,
    talk: int | None,
    intent: str | None = None,
    direction: str = "inbound",
) -> CallId:
    c = rt.run(ctx, calls.start_call, checks.new_call_id(), "13912341234", direction, "phone", at)
    answered = at + timedelta(seconds=3 * ring) if talk is not None else None
    fields = CallFields(
        state="done" if talk is not None else "abandoned",
        answered_at=answered,
        ring_count=ring,
        intent=intent,
    )
    ended = (answered or at) + timedelta(seconds=talk or 15)
    rt.run(ctx, calls.finish_call, c.id, fields, c.version, ended, "caller")
    return c.id


def _replied(
    rt: Runtime, ctx: AgentContext, kind: str, satisfied: bool = True
) -> tuple[str, datetime]:
    """A case handled and called back through the shared list; (id, the reply moment)."""
    c = rt.run(ctx, cases.open_case, cases.new_case_id(), kind, f"{kind} 测试")
    c = rt.run(ctx, cases.dispatch, c.id, "SERVICE", c.version)
    rt.run(ctx, follow_up.department_done, c.id, c.version)
    item = rt.run(ctx, callbacks.claim_next)
    assert item is not None and item.case_id == c.id
    result = "satisfied" if satisfied else "unsatisfied"
    rt.run(ctx, follow_up.callback_result, item.id, result)
    [reply] = [e.at for e in rt.run(ctx, cases.timeline, c.id) if e.kind == "callback"]
    return c.id, reply


def test_kpis_match_the_hand_computed_figures(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    with admin_rt.unit(admin="test") as s:
        s.add(Department(code="SERVICE", name="客服中心"))
    make_agent("1001")
    make_agent("2001", Role.SUPERVISOR)
    agent = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "坐席02")
    now = rt.run(agent, lambda s, _c: unit.db_now(s))
    since, until = now - timedelta(days=10), now + timedelta(hours=1)
    t = now - timedelta(days=5)

    # Calls ---------------------------------------------------------------------------
    _call(rt, agent, t, ring=1, talk=60, intent="inquiry")  # answered at once: solved
    c2 = _call(rt, agent, t, ring=3, talk=180, intent="repair")  # ring 3: in time
    rt.run(agent, cases.open_case, cases.new_case_id(), "repair", "表不走", call_id=c2)
    _call(rt, agent, t, ring=4, talk=181, intent="other")  # ring 4: late; 181 s: not solved
    c4 = _call(rt, agent, t, ring=2, talk=120, intent="inquiry")
    rt.run(agent, cases.open_case, cases.new_case_id(), "inquiry", "待查", call_id=c4)
    _call(rt, agent, t, ring=5, talk=None)  # the caller gave up while it rang
    _call(rt, agent, since - timedelta(seconds=1), ring=1, talk=30)  # before the period
    _call(rt, agent, t, ring=1, talk=30, direction="outbound")  # not an inbound call

    # Complaints and inquiries with their replies ------------------------------------
    k1, k1_reply = _replied(rt, agent, "complaint")
    k2, k2_reply = _replied(rt, agent, "complaint", satisfied=False)
    k3 = rt.run(agent, cases.open_case, cases.new_case_id(), "complaint", "未回复已超时").id
    rt.run(agent, cases.open_case, cases.new_case_id(), "complaint", "未回复未到期")
    i2, i2_reply = _replied(rt, agent, "inquiry")
    i3, i3_reply = _replied(rt, agent, "inquiry")
    with admin_rt.unit(admin="test") as s:
        for case_id, opened in (
            (k1, k1_reply - timedelta(hours=72)),  # replied at 72 h exactly
            (k2, k2_reply - timedelta(hours=72, seconds=1)),  # a second late
            (k3, now - timedelta(hours=73)),  # never replied, 72 h over
        ):
            s.execute(
                update(Case)
                .where(Case.id == case_id)
                .values(opened_at=opened, version=Case.version + 1)
            )
        for case_id, due in ((i2, i2_reply), (i3, i3_reply - timedelta(seconds=1))):
            s.execute(
                update(CaseClock)
                .where(CaseClock.case_id == case_id, CaseClock.name == "reply")
                .values(due_at=due)
            )

    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, kpi.kpis, since, until)
    k = rt.run(boss, kpi.kpis, since, until)
    assert (k.calls_offered, k.calls_answered) == (5, 4)
    assert k.answered_in_rings == kpi.Ratio(3, 5) and k.answered_in_rings.percent == 60.0
    assert k.average_handle_seconds == (60 + 180 + 181 + 120) / 4
    assert k.solved_in_3_minutes == kpi.Ratio(1, 4)  # the 180 s call opened a case
    assert k.complaint_reply_in_72h == kpi.Ratio(1, 3)  # k1 / k1, k2, k3
    assert k.complaint_reply_rate == kpi.Ratio(2, 4)
    assert k.inquiry_reply_in_2_working_days == kpi.Ratio(1, 2)  # the open one is not due
    assert (k.callbacks_done, k.satisfaction) == (4, kpi.Ratio(3, 4))
    assert k.inquiry_service_rate == kpi.Ratio(1, 2)  # c4's case has had no reply yet

    # A period with nothing in it says "nothing", not 0 % or 100 %.
    empty = rt.run(boss, kpi.kpis, since - timedelta(days=30), since - timedelta(days=20))
    assert empty.answered_in_rings.percent is None and empty.average_handle_seconds is None
    with pytest.raises(UserFacingError, match="input.bad_period"):
        rt.run(boss, kpi.kpis, until, since)
