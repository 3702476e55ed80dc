"""Follow-up joined to the cases (R3.3, R3.5, R3.6, R3.7) on SQLite and PostgreSQL: the
department's "done" queues the callback, the callback's answer moves the case, and
answered inquiries are sampled for a callback."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cli.demo import DEPARTMENTS
from console.app.runtime import Runtime
from console.cases import callbacks, cases, follow_up
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from db.models import Customer, Department
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import db_time, finished_call

CUSTOMER_ID = 4242
NUMBER = "13912341234"


class _RolledBack(Exception):
    pass


def _seed(admin: Runtime) -> None:
    with admin.unit(admin="test") as s:
        s.add_all(Department(code=code, name=name) for code, name in DEPARTMENTS)
        s.add(
            Customer(
                id=CUSTOMER_ID,
                account_no="0100042420",
                name="欧阳明",
                gender="M",
                phone="13800001111",
                phone_rev="11110000831",
                community="阳光小区",
                building="3",
                unit="2",
                room="1502",
                account_type="居民",
            )
        )


@pytest.fixture
def owner(
    test_db: TestDb, rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> AgentContext:
    _seed(admin_rt)
    make_agent("1001")
    return rt.login("1001", PASSWORD, "坐席01")


@pytest.fixture
def caller_back(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    """Another agent working the shared callback list (not the case's owner)."""
    make_agent("1002")
    return rt.login("1002", PASSWORD, "坐席02")


def _dispatched(rt: Runtime, ctx: AgentContext, kind: str) -> cases.CaseRecord:
    at = db_time(rt, ctx) - timedelta(minutes=30)
    c = rt.run(
        ctx,
        cases.open_case,
        cases.new_case_id(),
        kind,
        "燃气表不走字" if kind == "repair" else "抄表员态度差",
        call_id=finished_call(rt, ctx, kind, at),
        customer_id=CUSTOMER_ID,
        caller_number=NUMBER,
    )
    department = "REPAIR" if kind == "repair" else "SERVICE"
    return rt.run(ctx, cases.dispatch, c.id, department, c.version)


def _case_items(rt: Runtime, ctx: AgentContext, case_id: str) -> list[callbacks.CallbackItem]:
    return [i for i in rt.run(ctx, callbacks.queue) if i.case_id == case_id]


def test_repair_is_called_back_until_the_customer_is_satisfied(
    rt: Runtime, owner: AgentContext, caller_back: AgentContext
) -> None:
    c = _dispatched(rt, owner, "repair")
    c = rt.run(owner, follow_up.department_done, c.id, c.version, "已更换表具")
    assert c.status == "awaiting_callback"
    [queued] = _case_items(rt, owner, c.id)
    assert (queued.reason, queued.customer_id, queued.result) == ("case", CUSTOMER_ID, None)
    assert queued.due_at <= db_time(rt, owner)  # due now: the next agent free takes it
    assert queued.phone == "139****1234"  # nobody holds it yet

    item = rt.run(caller_back, callbacks.claim_next)
    assert item is not None and item.id == queued.id and item.phone == NUMBER
    done, case = rt.run(
        caller_back, follow_up.callback_result, item.id, "unsatisfied", note="仍不走字"
    )
    assert done.result == "unsatisfied" and done.done_at is not None
    assert case is not None
    assert (case.status, case.department, case.satisfaction) == (
        "dispatched",
        "REPAIR",
        "unsatisfied",
    )
    assert case.owner_job_no == "1001"  # the owner stays the owner (首问负责制)
    assert _case_items(rt, owner, c.id) == []  # nothing left to call until it is done again

    c = rt.run(owner, follow_up.department_done, case.id, case.version, "再次维修")
    [second] = _case_items(rt, owner, c.id)
    assert second.id != item.id
    again = rt.run(caller_back, callbacks.claim_next)
    assert again is not None and again.id == second.id
    _, case = rt.run(caller_back, follow_up.callback_result, second.id, "satisfied")
    assert case is not None
    assert (case.status, case.satisfaction) == ("closed", "satisfied")
    assert case.closed_at is not None
    entries = rt.run(owner, cases.timeline, c.id)
    assert [e.kind for e in entries] == [
        "opened",
        "dispatched",
        "done",
        "callback",
        "dispatched",
        "done",
        "callback",
        "closed",
    ]
    # The callback agent's answers are on the timeline under their job number.
    assert [e.job_no for e in entries if e.kind == "callback"] == ["1002", "1002"]
    assert entries[3].data == {"satisfied": False, "note": "仍不走字"}
    assert rt.run(caller_back, callbacks.claim_next) is None


def test_unsatisfied_complaint_goes_to_the_manager(
    rt: Runtime, owner: AgentContext, caller_back: AgentContext, make_agent: AgentFactory
) -> None:
    c = _dispatched(rt, owner, "complaint")
    c = rt.run(owner, follow_up.department_done, c.id, c.version, "已上门道歉")
    item = rt.run(caller_back, callbacks.claim_next)
    assert item is not None and item.case_id == c.id
    _, case = rt.run(caller_back, follow_up.callback_result, item.id, "unsatisfied")
    assert case is not None and case.status == "manager_review"
    # A retry of the same answer after a lost connection changes nothing more.
    again_item, again_case = rt.run(caller_back, follow_up.callback_result, item.id, "unsatisfied")
    assert again_item.id == item.id and again_case == case
    make_agent("2001", Role.SUPERVISOR)
    manager = rt.login("2001", PASSWORD, "坐席03")
    case = rt.run(manager, cases.manager_review, case.id, case.version, "经理督办,重新处理")
    case = rt.run(owner, follow_up.department_done, case.id, case.version, "经理陪同道歉")
    item = rt.run(caller_back, callbacks.claim_next)
    assert item is not None
    _, case = rt.run(caller_back, follow_up.callback_result, item.id, "satisfied")
    assert case is not None and case.status == "closed"
    assert [e.kind for e in rt.run(owner, cases.timeline, c.id)][-2:] == ["closed", "archived"]


def test_repeated_done_queues_one_callback(rt: Runtime, owner: AgentContext) -> None:
    c = _dispatched(rt, owner, "repair")
    first = rt.run(owner, follow_up.department_done, c.id, c.version, "已修好")
    # The same unit of work retried after a lost connection: the same case, no new item.
    again = rt.run(owner, follow_up.department_done, c.id, c.version, "已修好")
    assert again == first
    assert len(_case_items(rt, owner, c.id)) == 1
    assert [e.kind for e in rt.run(owner, cases.timeline, c.id)].count("done") == 1
    # A different report on the old version is a conflict, not a repeat.
    with pytest.raises(UserFacingError) as e:
        rt.run(owner, follow_up.department_done, c.id, c.version, "另一条说明")
    assert e.value.message_id == "case.changed_elsewhere"
    assert len(_case_items(rt, owner, c.id)) == 1


def test_inconvenient_reschedules_without_touching_the_case(
    rt: Runtime, owner: AgentContext, caller_back: AgentContext
) -> None:
    c = _dispatched(rt, owner, "repair")
    c = rt.run(owner, follow_up.department_done, c.id, c.version)
    item = rt.run(caller_back, callbacks.claim_next)
    assert item is not None
    later = db_time(rt, owner) + timedelta(hours=3)
    moved, case = rt.run(
        caller_back, follow_up.callback_result, item.id, "inconvenient", reschedule_at=later
    )
    assert case == c  # same version, still awaiting the callback
    assert (moved.due_at, moved.claimed_by_job_no, moved.done_at) == (later, None, None)
    assert moved.attempts == 1 and moved.result == "inconvenient"
    assert rt.run(caller_back, callbacks.claim_next) is None  # not due before 3 h from now
    # Someone not holding the item cannot answer it, and the case does not move.
    with pytest.raises(UserFacingError) as e:
        rt.run(owner, follow_up.callback_result, item.id, "satisfied")
    assert e.value.message_id == "callback.not_yours"
    assert rt.run(owner, cases.get_case, c.id) == c


def test_inquiries_are_sampled_at_the_rate_reproducibly_and_never_twice(
    rt: Runtime, owner: AgentContext
) -> None:
    now = db_time(rt, owner)
    answered = [
        finished_call(rt, owner, "inquiry", now - timedelta(minutes=10 + i)) for i in range(20)
    ]
    # Not sampled: a repair call, an inquiry that opened a case, one outside the window.
    finished_call(rt, owner, "repair", now - timedelta(minutes=5))
    with_case = finished_call(rt, owner, "inquiry", now - timedelta(minutes=6))
    rt.run(
        owner,
        cases.open_case,
        cases.new_case_id(),
        "inquiry",
        "查询阶梯气价,需核实后答复",
        call_id=with_case,
    )
    finished_call(rt, owner, "inquiry", now - timedelta(hours=3))
    since, until = now - timedelta(hours=1), now

    # The same seed picks the same calls (tried once and rolled back, then for real).
    with pytest.raises(_RolledBack), rt.unit(owner) as s:
        tried = follow_up.sample_inquiries(s, owner, since, until, rate=0.25, seed=7)
        raise _RolledBack
    picked = rt.run(owner, follow_up.sample_inquiries, since, until, rate=0.25, seed=7)
    assert [i.id for i in picked] == [i.id for i in tried]
    assert len(picked) == 5  # a quarter of the 20 answered inquiries
    assert {i.id for i in picked} <= {follow_up.sample_callback_id(c) for c in answered}
    assert all(i.reason == "inquiry_sample" and i.case_id is None for i in picked)
    assert all(i.due_at <= db_time(rt, owner) for i in picked)  # claimable at once

    # Never twice, whatever the seed: the share is already taken.
    assert rt.run(owner, follow_up.sample_inquiries, since, until, rate=0.25, seed=8) == []
    queued = [i for i in rt.run(owner, callbacks.queue) if i.reason == "inquiry_sample"]
    assert len(queued) == 5
    # A higher rate tops the share up with calls not sampled yet.
    more = rt.run(owner, follow_up.sample_inquiries, since, until, rate=0.5, seed=8)
    assert len(more) == 5 and not {i.id for i in more} & {i.id for i in picked}

    with pytest.raises(UserFacingError) as e:
        rt.run(owner, follow_up.sample_inquiries, since, until, rate=1.5)
    assert e.value.params["field"] == "rate"
    with pytest.raises(UserFacingError) as e:
        rt.run(owner, follow_up.sample_inquiries, until, since)
    assert e.value.params["field"] == "until"


def test_the_holder_gets_the_brief_of_the_callback_and_nobody_else(
    rt: Runtime, owner: AgentContext, caller_back: AgentContext
) -> None:
    c = _dispatched(rt, owner, "repair")
    rt.run(owner, follow_up.department_done, c.id, c.version, "已修好")
    assert rt.run(caller_back, follow_up.brief) is None  # holds nothing yet
    item = rt.run(caller_back, callbacks.claim_next)
    brief = rt.run(caller_back, follow_up.brief)
    assert brief is not None and brief.item == item
    assert (brief.customer_name, brief.case_kind, brief.case_summary) == (
        "欧阳明",
        "repair",
        "燃气表不走字",
    )
    assert (brief.case_owner_job_no, brief.case_department) == ("1001", "REPAIR")
    assert brief.address is not None and "阳光小区" in brief.address
    assert rt.run(owner, follow_up.brief) is None  # the owner does not hold this item


def test_the_daily_sample_runs_by_itself_and_adds_nothing_twice(
    rt: Runtime, owner: AgentContext
) -> None:
    """GS 15.3.6 every day by itself: what each console runs once a day."""
    now = db_time(rt, owner)
    answered = [
        finished_call(rt, owner, "inquiry", now - timedelta(minutes=10 + i)) for i in range(30)
    ]
    first = rt.run(owner, follow_up.sample_daily)
    assert len(first) == 3  # a tenth of the 30 answered at once
    assert {i.id for i in first} <= {follow_up.sample_callback_id(c) for c in answered}
    assert rt.run(owner, follow_up.sample_daily) == []  # another console, the same day
