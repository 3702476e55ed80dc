"""The call in progress is saved continuously and comes back after a crash (R2.12)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.app.runtime import Runtime
from console.calls import call_desk, calls
from console.calls.call_desk import ActiveCall, Form
from console.calls.call_flow import CallState
from console.core import checks
from console.core.clock import ManualClock
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.vocabulary import CaseKind, EndedBy, Title
from tests.conftest import PASSWORD, AgentFactory

T0 = datetime(2026, 11, 23, 2, 15, tzinfo=UTC)


@pytest.fixture
def agent(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("1001")
    return rt.login("1001", PASSWORD, "坐席01")


def _save(rt: Runtime, ctx: AgentContext, active: ActiveCall) -> calls.CallRecord:
    snap = active.snapshot()
    record = rt.run(ctx, call_desk.sync, snap)
    active.synced(snap, record)
    return record


def _talking_call(clock: ManualClock) -> ActiveCall:
    active = ActiveCall.ring(checks.new_call_id(), "13912341234", clock=clock)
    clock.advance(timedelta(seconds=4))
    active.flow.answer()
    active.flow.say("opening.company")
    active.flow.set_surname("王", Title.MR)
    active.edit(surname="王", title="先生", intent="repair", notes="燃气表")
    return active


def test_saves_add_only_what_is_new(rt: Runtime, agent: AgentContext) -> None:
    clock = ManualClock(T0)
    active = _talking_call(clock)
    first = _save(rt, agent, active)
    assert not active.dirty and first.state == "talking" and first.notes == "燃气表"
    assert first.ring_count == 2 and first.answered_at == T0 + timedelta(seconds=4)
    again = _save(rt, agent, active)  # nothing changed: no new version
    assert again.version == first.version
    active.edit(notes="燃气表不走字")
    active.flow.say("closing.standard")
    assert active.dirty
    second = _save(rt, agent, active)
    assert second.version == first.version + 1 and second.notes == "燃气表不走字"
    kinds = [e.kind for e in rt.run(agent, calls.call_events, active.call_id)]
    assert kinds == ["ring", "answer", "phrase", "surname", "phrase"]


def test_finished_call_is_closed_with_its_score(rt: Runtime, agent: AgentContext) -> None:
    clock = ManualClock(T0)
    active = _talking_call(clock)
    _save(rt, agent, active)
    clock.advance(timedelta(minutes=2))
    active.hang_up(EndedBy.CALLER)
    record = _save(rt, agent, active)
    assert record.ended_at is None and record.state == "wrap_up"  # wrap-up still open
    assert rt.run(agent, calls.unfinished_calls)[0].id == active.call_id
    active.flow.finish_wrap_up()
    done = _save(rt, agent, active)
    assert done.state == "done" and done.ended_by == "caller"
    assert done.ended_at == T0 + timedelta(minutes=2, seconds=4)
    score = active.compliance().score_percent
    assert score is not None
    assert rt.run(agent, calls.compliance_scores, [done.id]) == {done.id: score}
    assert rt.run(agent, calls.unfinished_calls) == []


def test_missed_call_is_closed_at_once(rt: Runtime, agent: AgentContext) -> None:
    clock = ManualClock(T0)
    active = ActiveCall.ring(checks.new_call_id(), "13912341234", clock=clock)
    clock.advance(timedelta(seconds=20))
    active.hang_up(EndedBy.CALLER)
    assert active.finished and active.state is CallState.ABANDONED
    record = _save(rt, agent, active)
    assert record.state == "abandoned" and record.ended_at is not None


def test_killed_console_restores_from_the_database_in_wrap_up(
    rt: Runtime, agent: AgentContext
) -> None:
    clock = ManualClock(T0)
    active = _talking_call(clock)
    _save(rt, agent, active)
    # The console dies here; a minute later the agent signs in again.
    clock.advance(timedelta(minutes=1))
    (record,) = rt.run(agent, calls.unfinished_calls)
    stored = rt.run(agent, calls.call_events, record.id)
    back = call_desk.restore(record, stored, None, clock=clock)
    assert back.state is CallState.WRAP_UP and back.flow.ended_by == "system"
    assert back.form.notes == "燃气表" and back.form.intent == "repair"
    back.flow.finish_wrap_up()
    done = _save(rt, agent, back)
    assert done.state == "done" and done.ended_by == "system"  # the console died: 掉线
    kinds = [e.kind for e in rt.run(agent, calls.call_events, record.id)]
    assert kinds[-2:] == ["hang_up", "wrap_up_done"]


def test_local_draft_wins_when_the_database_missed_the_last_typing(
    rt: Runtime, agent: AgentContext
) -> None:
    clock = ManualClock(T0)
    active = _talking_call(clock)
    _save(rt, agent, active)
    active.edit(notes="燃气表不走字,客户要求今天上门", details={"intent": {"fault": "不走字"}})
    draft = active.to_draft(agent.job_no)  # the keystrokes reached the draft, not the DB
    (record,) = rt.run(agent, calls.unfinished_calls)
    stored = rt.run(agent, calls.call_events, record.id)
    back = call_desk.restore(record, stored, draft, clock=clock)
    assert back.form.notes == "燃气表不走字,客户要求今天上门"
    assert back.form.details == {"intent": {"fault": "不走字"}}
    saved = _save(rt, agent, back)
    assert saved.notes == back.form.notes and saved.details == {"intent": {"fault": "不走字"}}


def test_call_that_never_reached_the_database_comes_back_from_the_draft(
    rt: Runtime, agent: AgentContext
) -> None:
    clock = ManualClock(T0)
    active = _talking_call(clock)  # the database was down since the ring
    back = call_desk.restore(None, [], active.to_draft(agent.job_no), clock=clock)
    assert back.version == 0 and back.form == active.form
    record = _save(rt, agent, back)
    assert record.notes == "燃气表" and record.state == "wrap_up"
    assert len(rt.run(agent, calls.call_events, back.call_id)) == len(back.flow.events)


def test_save_whose_reply_was_lost_is_not_a_conflict(rt: Runtime, agent: AgentContext) -> None:
    clock = ManualClock(T0)
    active = _talking_call(clock)
    _save(rt, agent, active)
    active.edit(notes="第一次")
    lost = active.snapshot()
    rt.run(agent, call_desk.sync, lost)  # committed, but the seat never heard back
    active.edit(notes="第二次")
    record = _save(rt, agent, active)
    assert record.notes == "第二次"


def test_form_round_trips_through_the_draft() -> None:
    form = Form(customer_id=7, intent="complaint", notes="x\x00y 🔥", details={"a": [1, "二"]})
    assert Form.from_json(form.to_json()) == form


def test_finished_complaint_opens_one_case_with_its_clocks_even_if_retried(
    rt: Runtime, agent: AgentContext
) -> None:
    from console.cases import cases, sla_sweep

    clock = ManualClock(T0)
    active = _talking_call(clock)
    active.edit(intent="complaint")
    active.hang_up(EndedBy.CALLER)
    active.flow.finish_wrap_up()
    case_id = cases.new_case_id()
    active.case = call_desk.CaseHandOff("open", case_id, CaseKind.COMPLAINT, "抄表员态度不好")
    snap = active.snapshot()
    rt.run(agent, call_desk.sync, snap)
    rt.run(agent, call_desk.sync, snap)  # the reply was lost: the seat saves again
    (case,) = rt.run(agent, cases.my_cases)
    assert (case.id, case.kind, case.owner_job_no, case.call_id) == (
        case_id,
        "complaint",
        "1001",
        active.call_id,
    )
    names = {c.name for c in rt.run(agent, lambda s, _c: sla_sweep.clocks(s, case_id))}
    assert names == {"progress_notice", "reply"}


def test_follow_up_call_links_to_the_open_case_instead_of_a_new_one(
    rt: Runtime, agent: AgentContext
) -> None:
    from console.cases import cases

    case = rt.run(agent, cases.open_case, cases.new_case_id(), "repair", "燃气表不走字")
    clock = ManualClock(T0)
    active = _talking_call(clock)
    active.hang_up(EndedBy.CALLER)
    active.flow.finish_wrap_up()
    active.case = call_desk.CaseHandOff("link", case.id)
    rt.run(agent, call_desk.sync, active.snapshot())
    assert [c.id for c in rt.run(agent, cases.my_cases)] == [case.id]
    kinds = [e.kind for e in rt.run(agent, cases.timeline, case.id)]
    assert kinds[-1] == "contact"


def test_an_emergency_is_dispatched_to_the_emergency_department_at_once(
    rt: Runtime, admin_rt: Runtime, agent: AgentContext
) -> None:
    """R5.1: the report goes to 生产运营部抢险 when the call ends, retries included."""
    from console.cases import cases
    from db.models import Department

    with admin_rt.unit(admin="test") as s:
        s.add(Department(code="EMERGENCY", name="抢险中心(生产运营部)"))
    clock = ManualClock(T0)
    active = _talking_call(clock)
    active.edit(intent="emergency")
    active.hang_up(EndedBy.AGENT)
    active.flow.finish_wrap_up()
    case_id = cases.new_case_id()
    active.case = call_desk.CaseHandOff("open", case_id, CaseKind.EMERGENCY, "泰山花园12号楼燃气味")
    snap = active.snapshot()
    rt.run(agent, call_desk.sync, snap)
    rt.run(agent, call_desk.sync, snap)  # a retry dispatches nothing twice
    case = rt.run(agent, cases.get_case, case_id)
    assert (case.status, case.department) == ("dispatched", "EMERGENCY")
    kinds = [e.kind for e in rt.run(agent, cases.timeline, case_id)]
    assert kinds == ["opened", "dispatched"]


def test_a_promised_call_back_is_on_the_list_at_the_promised_time(
    rt: Runtime, agent: AgentContext
) -> None:
    """TN ④: the agent cannot be heard and asks the caller to hang up — "稍后我会回拨给您",
    within three minutes (尽量在3分钟之内回复客户): the call back is on the shared list, due
    three minutes after the promise; saving the finished call again adds nothing."""
    from console.cases import callbacks

    clock = ManualClock(T0)
    active = _talking_call(clock)
    clock.advance(timedelta(seconds=40))
    active.flow.say("agent_too_quiet.call_back")
    promised_at = clock.now()
    active.hang_up(EndedBy.CALLER)
    active.flow.finish_wrap_up()
    _save(rt, agent, active)
    [item] = rt.run(agent, callbacks.queue)
    assert (item.reason, item.case_id) == ("reschedule", None)
    assert item.due_at == promised_at + timedelta(minutes=3)
    assert item.phone == "139****1234"  # the caller's number, masked until someone holds it
    snap = active.snapshot()
    assert snap.promises and snap.promises[0].due_at == item.due_at
    rt.run(agent, call_desk.sync, snap)  # a retried save
    assert len(rt.run(agent, callbacks.queue)) == 1


def test_restored_call_ends_when_the_console_was_last_alive(
    rt: Runtime, agent: AgentContext
) -> None:
    """The draft says when the console was last alive; the call restored after the
    crash ends there, so its talk time leaves out the minutes the console was dead."""
    clock = ManualClock(T0)
    active = _talking_call(clock)  # answered at T0 + 4 s
    _save(rt, agent, active)
    clock.advance(timedelta(seconds=40))
    draft = active.to_draft(agent.job_no, clock.now())  # the last draft: T0 + 44 s
    clock.advance(timedelta(minutes=10))  # dead for ten minutes
    (record,) = rt.run(agent, calls.unfinished_calls)
    stored = rt.run(agent, calls.call_events, record.id)
    back = call_desk.restore(record, stored, draft, clock=clock)
    assert back.state is CallState.WRAP_UP
    assert back.flow.ended_at == T0 + timedelta(seconds=44)
    assert back.flow.talk_duration() == timedelta(seconds=40)
    back.flow.finish_wrap_up()
    done = _save(rt, agent, back)
    assert done.ended_at == T0 + timedelta(seconds=44)


def test_call_killed_while_ringing_comes_back_missed_with_its_notes(
    rt: Runtime, agent: AgentContext
) -> None:
    clock = ManualClock(T0)
    active = ActiveCall.ring(checks.new_call_id(), "13912341234", clock=clock)
    active.edit(notes="来电未接,客户说表前阀漏气")  # typed while it rang
    clock.advance(timedelta(seconds=6))
    draft = active.to_draft(agent.job_no, clock.now())
    clock.advance(timedelta(minutes=3))
    back = call_desk.restore(None, [], draft, clock=clock)
    assert back.state is CallState.MISSED and back.finished
    assert back.flow.answered_at is None and back.flow.ended_at == T0 + timedelta(seconds=6)
    record = _save(rt, agent, back)
    assert record.state == "missed" and record.notes == "来电未接,客户说表前阀漏气"
    assert rt.run(agent, calls.unfinished_calls) == []


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        ({"notes": "燃气表\x00"}, "notes"),
        ({"notes": "长" * (calls.MAX_NOTES + 1)}, "notes"),
        ({"surname": "王\x00"}, "surname"),
        ({"surname": "王" * 200}, "surname"),
    ],
)
def test_a_call_the_database_refuses_stays_in_wrap_up(
    rt: Runtime, agent: AgentContext, edit: dict[str, str], field: str
) -> None:
    """F10 finishes a call only once the database holds it finished: a field it refuses
    is named before anything is written, and a refused finishing save is taken back."""
    clock = ManualClock(T0)
    active = _talking_call(clock)
    _save(rt, agent, active)
    active.hang_up(EndedBy.AGENT)
    active.edit(**edit)
    with pytest.raises(UserFacingError) as refused:
        active.check()
    assert refused.value.params["field"] == field
    active.flow.finish_wrap_up()  # as if the check had been skipped
    with pytest.raises(UserFacingError):
        _save(rt, agent, active)
    active.reopen_wrap_up()
    assert active.state is CallState.WRAP_UP
    (stored,) = rt.run(agent, calls.unfinished_calls)
    assert stored.state == "talking" and stored.ended_at is None
    active.edit(notes="燃气表", surname="王")  # corrected: now it finishes
    active.flow.finish_wrap_up()
    assert _save(rt, agent, active).state == "done"
