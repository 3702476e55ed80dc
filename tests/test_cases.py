"""R3.1, R3.2, R3.5, R3.6: cases, their workflows and timelines, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import exc, text
from sqlalchemy.engine import Connection

from cli.demo import DEPARTMENTS
from console.app.runtime import Runtime
from console.calls import calls
from console.cases import cases
from console.core import checks
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.vocabulary import CallId, CaseId, JobNumber
from console.people import agents
from db.models import Customer, Department
from tests.conftest import PASSWORD, AgentFactory, TestDb, open_runtime
from tests.helpers import admin_sql, audit_kinds, bind_token

T0 = datetime(2026, 11, 23, 1, 30, 5, tzinfo=UTC)
CUSTOMER_ID = 4242


def _seed(admin: Runtime) -> None:
    """The departments (as the demo seeds them) and one customer."""
    with admin.unit(admin="test") as s:
        s.add_all(Department(code=code, name=name) for code, name in DEPARTMENTS)
        s.add(
            Customer(
                id=CUSTOMER_ID,
                account_no="0100042420",
                name="欧阳明",
                gender="M",
                phone="13912341234",
                phone_rev="43214321931",
                community="阳光小区",
                building="3",
                unit="2",
                room="1502",
                account_type="居民",
            )
        )


@pytest.fixture
def agent(rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    _seed(admin_rt)
    make_agent("1001")
    return rt.login("1001", PASSWORD, "坐席01")


@pytest.fixture
def sup(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("2001", Role.SUPERVISOR)
    return rt.login("2001", PASSWORD, "坐席02")


def _call(rt: Runtime, ctx: AgentContext) -> CallId:
    c = rt.run(ctx, calls.start_call, checks.new_call_id(), "13912341234", "inbound", "phone", T0)
    return c.id


def _open(rt: Runtime, ctx: AgentContext, kind: str = "complaint") -> cases.CaseRecord:
    return rt.run(
        ctx,
        cases.open_case,
        cases.new_case_id(),
        kind,
        "抄表员态度差,要求道歉" if kind == "complaint" else "燃气表不走字",
        call_id=_call(rt, ctx),
        customer_id=CUSTOMER_ID,
        caller_number="13912341234",
        details={"address": "阳光小区3-2-1502"},
    )


def _kinds(rt: Runtime, ctx: AgentContext, case_id: CaseId) -> list[str]:
    return [e.kind for e in rt.run(ctx, cases.timeline, case_id)]


def test_complaint_walks_every_branch_to_the_register(
    rt: Runtime, agent: AgentContext, sup: AgentContext
) -> None:
    c = _open(rt, agent)
    assert (c.status, c.owner_job_no, c.job_no, c.version) == ("open", "1001", "1001", 1)
    assert c.details == {"address": "阳光小区3-2-1502"} and c.closed_at is None
    # A callback on a case nobody handled yet is refused, and nothing changes.
    with pytest.raises(UserFacingError, match="case.invalid_transition") as e:
        rt.run(agent, cases.record_callback_result, c.id, True, c.version)
    assert e.value.params == {"status": "open", "action": "callback"}
    c = rt.run(agent, cases.dispatch, c.id, "SERVICE", c.version, "请客服中心核实")
    assert (c.status, c.department, c.owner_job_no) == ("dispatched", "SERVICE", "1001")
    c = rt.run(agent, cases.record_department, c.id, "acknowledged", c.version)
    assert c.status == "in_progress"
    c = rt.run(agent, cases.record_department, c.id, "progress", c.version, "已约谈抄表员")
    c = rt.run(agent, cases.record_notice, c.id, "已告知客户处理进度")
    c = rt.run(agent, cases.record_department, c.id, "done", c.version, "已上门道歉")
    assert c.status == "awaiting_callback"
    c = rt.run(agent, cases.record_callback_result, c.id, False, c.version, "客户仍不满意")
    assert (c.status, c.satisfaction) == ("manager_review", "unsatisfied")
    # Only the manager reviews it.
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, cases.manager_review, c.id, c.version, "我来处理")
    c = rt.run(sup, cases.manager_review, c.id, c.version, "由客服部经理督办,重新处理")
    assert (c.status, c.department, c.owner_job_no) == ("dispatched", "SERVICE", "1001")
    c = rt.run(agent, cases.record_department, c.id, "done", c.version, "经理陪同再次道歉")
    c = rt.run(agent, cases.record_callback_result, c.id, True, c.version, "客户满意")
    assert (c.status, c.satisfaction) == ("closed", "satisfied") and c.closed_at is not None
    assert _kinds(rt, agent, c.id) == [
        "opened",
        "dispatched",
        "acknowledged",
        "progress",
        "notice",
        "done",
        "callback",
        "manager_review",
        "dispatched",
        "done",
        "callback",
        "closed",
        "archived",
    ]
    entries = rt.run(agent, cases.timeline, c.id)
    assert [e.seq for e in entries] == list(range(13))
    assert (
        entries[7].data == {"decision": "由客服部经理督办,重新处理"} and entries[7].job_no == "2001"
    )
    assert entries[6].data == {"satisfied": False, "note": "客户仍不满意"}
    assert rt.run(agent, cases.my_cases) == []  # closed: off the owner's list
    with pytest.raises(UserFacingError, match="case.invalid_transition"):
        rt.run(agent, cases.dispatch, c.id, "REPAIR", c.version)


def test_unsatisfied_repair_goes_back_to_the_department_until_satisfied(
    rt: Runtime, agent: AgentContext
) -> None:
    c = _open(rt, agent, "repair")
    c = rt.run(agent, cases.dispatch, c.id, "REPAIR", c.version)
    for _ in range(2):
        c = rt.run(agent, cases.record_department, c.id, "done", c.version)
        c = rt.run(agent, cases.record_callback_result, c.id, False, c.version, "还是不走字")
        assert (c.status, c.department, c.satisfaction) == ("dispatched", "REPAIR", "unsatisfied")
        assert [x.id for x in rt.run(agent, cases.my_cases)] == [c.id]
    c = rt.run(agent, cases.record_department, c.id, "acknowledged", c.version)
    c = rt.run(agent, cases.record_department, c.id, "done", c.version)
    c = rt.run(agent, cases.record_callback_result, c.id, True, c.version)
    assert c.status == "closed"
    assert _kinds(rt, agent, c.id) == [
        "opened",
        "dispatched",
        *["done", "callback", "dispatched"] * 2,
        "acknowledged",
        "done",
        "callback",
        "closed",  # a repair is not a complaint: nothing goes to the complaint register
    ]


def test_follow_up_contact_links_instead_of_duplicating(
    rt: Runtime, agent: AgentContext, make_agent: AgentFactory
) -> None:
    c = _open(rt, agent)
    make_agent("1002")
    other = rt.login("1002", PASSWORD, "坐席03")
    # The customer calls again; another agent takes it and finds the open case.
    found = rt.run(other, cases.open_cases_of_customer, CUSTOMER_ID)
    assert [x.id for x in found] == [c.id]
    follow_up = _call(rt, other)
    linked = rt.run(other, cases.link_contact, c.id, follow_up, "客户催问进度")
    again = rt.run(other, cases.link_contact, c.id, follow_up, "客户催问进度")  # a retry
    assert linked == again and linked.owner_job_no == "1001"
    assert len(rt.run(other, cases.open_cases_of_customer, CUSTOMER_ID)) == 1
    [_, contact] = rt.run(other, cases.timeline, c.id)
    assert (contact.kind, contact.job_no) == ("contact", "1002")
    assert contact.data == {"call_id": follow_up, "note": "客户催问进度"}
    # The first-contact owner keeps it; the other agent may not work it.
    assert rt.run(other, cases.my_cases) == []
    with pytest.raises(UserFacingError, match="case.not_owner") as e:
        rt.run(other, cases.dispatch, c.id, "SERVICE", c.version)
    assert e.value.params == {"owner": "1001"}


def test_open_is_idempotent_and_checks_its_input(rt: Runtime, agent: AgentContext) -> None:
    case_id = cases.new_case_id()
    first = rt.run(agent, cases.open_case, case_id, "inquiry", "询问阶梯气价")
    assert rt.run(agent, cases.open_case, case_id, "inquiry", "询问阶梯气价") == first
    assert _kinds(rt, agent, case_id) == ["opened"]
    refused: list[tuple[tuple[str, str], dict[str, Any], str]] = [
        (("chat", "x"), {}, "input.invalid_choice"),
        (("inquiry", "  "), {}, "input.required"),
        (("inquiry", "a\x00b"), {}, "input.nul_character"),
        (("inquiry", "长" * (cases.MAX_SUMMARY + 1)), {}, "input.too_long"),
        (("inquiry", "x"), {"customer_id": 999999}, "customer.not_found"),
        (("inquiry", "x"), {"call_id": checks.new_call_id()}, "call.not_found"),
    ]
    for args, kwargs, message in refused:
        with pytest.raises(UserFacingError, match=message):
            rt.run(agent, cases.open_case, cases.new_case_id(), *args, **kwargs)
    with pytest.raises(UserFacingError, match="case.unknown_department"):
        rt.run(agent, cases.dispatch, case_id, "NOWHERE", 1)
    assert [x.id for x in rt.run(agent, cases.my_cases)] == [case_id]


def test_ownership_transfer_only_by_a_supervisor_and_audited(
    rt: Runtime, admin_rt: Runtime, agent: AgentContext, sup: AgentContext, make_agent: AgentFactory
) -> None:
    c = _open(rt, agent)
    make_agent("1002")
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, cases.transfer_owner, c.id, JobNumber("1002"), "我要下班了", c.version)
    with pytest.raises(UserFacingError, match="input.required"):
        rt.run(sup, cases.transfer_owner, c.id, JobNumber("1002"), " ", c.version)
    with pytest.raises(UserFacingError, match="case.unknown_owner"):
        rt.run(sup, cases.transfer_owner, c.id, JobNumber("9999"), "调岗", c.version)
    assert "case.owner_transferred" not in audit_kinds(admin_rt)
    moved = rt.run(sup, cases.transfer_owner, c.id, JobNumber("1002"), "1001 调岗", c.version)
    assert (moved.owner_job_no, moved.job_no, moved.updated_by_job_no) == ("1002", "1001", "2001")
    assert rt.run(agent, cases.my_cases) == []
    assert audit_kinds(admin_rt)[-1] == "case.owner_transferred"
    [(payload,)] = admin_sql(
        admin_rt, "SELECT payload FROM audit_log WHERE kind = 'case.owner_transferred'"
    )
    assert "1001 调岗" in payload and c.id in payload
    last = rt.run(agent, cases.timeline, c.id)[-1]
    assert (last.kind, last.job_no) == ("owner_transferred", "2001")
    assert last.data == {"from_job_no": "1001", "to_job_no": "1002", "reason": "1001 调岗"}


def test_two_sessions_edit_the_same_case(
    rt: Runtime, agent: AgentContext, sup: AgentContext
) -> None:
    c = _open(rt, agent)
    rt.run(sup, cases.save_case, c.id, "值班经理补充:客户要求书面答复", {"by": "2001"}, c.version)
    mine = "坐席自己写的很长一段记录"
    with pytest.raises(UserFacingError, match="case.changed_elsewhere") as e:
        rt.run(agent, cases.save_case, c.id, mine, {"by": "1001"}, c.version)
    assert e.value.params["job_no"] == "2001" and e.value.params["version"] == 2
    back = rt.run(agent, cases.get_case, c.id)
    assert (back.summary, back.details, back.version) == (
        "值班经理补充:客户要求书面答复",
        {"by": "2001"},
        2,
    )
    # A workflow step on the old version is refused the same way.
    with pytest.raises(UserFacingError, match="case.changed_elsewhere"):
        rt.run(agent, cases.dispatch, c.id, "SERVICE", c.version)
    assert _kinds(rt, agent, c.id) == ["opened"]
    # The agent's text is still in hand: saved on the current version it goes in.
    saved = rt.run(agent, cases.save_case, c.id, mine, {"by": "1001"}, 2)
    assert (saved.summary, saved.version, saved.updated_by_job_no) == (mine, 3, "1001")
    # The same save repeated after a lost answer is no conflict.
    assert rt.run(agent, cases.save_case, c.id, mine, {"by": "1001"}, 2) == saved


# --- PostgreSQL: a client that skips the console -----------------------------------------


@pytest.mark.pg
def test_pg_database_refuses_a_transfer_by_an_agent(
    seat_sql: Connection, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    _seed(pg_admin)
    with pg_admin.unit(admin="test") as s:
        for job_no, role in (("1001", Role.AGENT), ("2001", Role.SUPERVISOR)):
            agents.add_agent(s, None, job_no, "测试", role, PASSWORD, datetime.now(UTC))
    agent = pg_rt.login("1001", PASSWORD, "坐席01")
    sup = pg_rt.login("2001", PASSWORD, "坐席02")
    c = _open(pg_rt, agent)
    steal = "UPDATE cases SET owner_job_no = :o, version = version + 1 WHERE id = :c"
    bind_token(seat_sql, agent)
    with pytest.raises(exc.DBAPIError, match="only a supervisor transfers"):
        seat_sql.execute(text(steal), {"o": "2001", "c": c.id})
    seat_sql.rollback()
    # Opening a case in someone else's name is refused as well.
    bind_token(seat_sql, agent)
    with pytest.raises(exc.DBAPIError, match="owned by the agent who opens it"):
        seat_sql.execute(
            text(
                "INSERT INTO cases (id, kind, status, owner_job_no, summary, details, "
                "opened_at, updated_at, version, job_no, session_id) VALUES (:c, 'other', "
                "'open', '2001', 'x', '{}', now(), now(), 1, '1001', :sid)"
            ),
            {"c": cases.new_case_id(), "sid": agent.session_id},
        )
    seat_sql.rollback()
    assert pg_rt.run(agent, cases.get_case, c.id).owner_job_no == "1001"
    bind_token(seat_sql, sup)
    seat_sql.execute(text(steal), {"o": "2001", "c": c.id})
    seat_sql.commit()
    assert pg_rt.run(agent, cases.get_case, c.id).owner_job_no == "2001"
    for sql in ("UPDATE case_events SET kind = 'x'", "DELETE FROM case_events"):
        bind_token(seat_sql, sup)
        with pytest.raises(exc.DBAPIError, match="permission denied"):
            seat_sql.execute(text(sql))
        seat_sql.rollback()


# --- free text, alike on both databases ---------------------------------------------------


@pytest.fixture
def both(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[list[tuple[Runtime, AgentContext, CaseId]]]:
    """One signed-in seat and one dispatched case on each database."""
    from tests.conftest import new_pg_database, new_sqlite_database

    dbs: list[TestDb] = [new_sqlite_database(str(tmp_path_factory.mktemp("sq")))]
    dbs.append(new_pg_database(request.getfixturevalue("pg_server")))
    out = []
    runtimes = []
    for d in dbs:
        admin = open_runtime(d.admin_url)
        _seed(admin)
        with admin.unit(admin="test") as s:
            agents.add_agent(s, None, "1001", "测试", Role.AGENT, PASSWORD, datetime.now(UTC))
        admin.close()
        r = open_runtime(d.url)
        runtimes.append(r)
        ctx = r.login("1001", PASSWORD, "坐席01")
        c = _open(r, ctx)
        c = r.run(ctx, cases.dispatch, c.id, "SERVICE", c.version)
        out.append((r, ctx, c.id))
    yield out
    for r in runtimes:
        r.close()


@pytest.mark.pg
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    summary=st.text(max_size=cases.MAX_SUMMARY + 20) | st.text(alphabet="\x00 a长\n", max_size=9),
    note=st.text(max_size=cases.MAX_NOTE + 20) | st.text(alphabet="\x00 b短", max_size=9),
)
def test_any_summary_and_note_round_trip_or_get_the_message_alike_on_both(
    both: list[tuple[Runtime, AgentContext, CaseId]], summary: str, note: str
) -> None:
    outcomes = []
    for r, ctx, case_id in both:
        version = r.run(ctx, cases.get_case, case_id).version
        outcome = []
        try:
            saved = r.run(ctx, cases.save_case, case_id, summary, {"text": summary}, version)
        except UserFacingError as e:
            assert e.message_id in ("input.nul_character", "input.too_long", "input.required")
            outcome.append(e.message_id)
        else:
            back = r.run(ctx, cases.get_case, case_id)
            assert back.summary == summary == saved.summary
            assert back.details == {"text": summary} == saved.details
            outcome.append("stored")
        try:
            r.run(
                ctx, cases.record_department, case_id, "progress", _version(r, ctx, case_id), note
            )
        except UserFacingError as e:
            assert e.message_id in ("input.nul_character", "input.too_long")
            outcome.append(e.message_id)
        else:
            assert r.run(ctx, cases.timeline, case_id)[-1].data["note"] == note
            outcome.append("stored")
        outcomes.append(outcome)
    assert outcomes[0] == outcomes[1]


def _version(r: Runtime, ctx: AgentContext, case_id: CaseId) -> int:
    return r.run(ctx, cases.get_case, case_id).version


def test_each_obligation_met_stops_its_clock_and_closing_stops_them_all(
    rt: Runtime, agent: AgentContext
) -> None:
    from console.cases import sla_sweep

    def running(case_id: CaseId) -> set[str]:
        states = rt.run(agent, lambda s, _c: sla_sweep.clocks(s, case_id))
        return {k.name for k in states if k.stopped_at is None}

    repair = _open(rt, agent, "repair")
    assert running(repair.id) == {"handle", "fix"}
    r = rt.run(agent, cases.dispatch, repair.id, "REPAIR", repair.version)
    r = rt.run(agent, cases.record_department, r.id, "acknowledged", r.version)
    assert running(r.id) == {"fix"}  # the department is on it: "handle" is met
    r = rt.run(agent, cases.record_department, r.id, "done", r.version)
    assert running(r.id) == set()

    complaint = _open(rt, agent, "complaint")
    rt.run(agent, cases.record_notice, complaint.id, "已告知客户正在处理")
    assert running(complaint.id) == {"reply"}
    c = rt.run(agent, cases.dispatch, complaint.id, "REPAIR", complaint.version)
    c = rt.run(agent, cases.record_department, c.id, "done", c.version)
    assert running(c.id) == {"reply"}  # the reply is the callback, not the department
    c = rt.run(agent, cases.record_callback_result, c.id, False, c.version, "仍不满意")
    # The customer was answered within the clock, satisfied or not: the reply is made
    # even though the complaint stays open for the manager's review.
    assert c.status == "manager_review" and running(c.id) == set()
    # A stopped clock is never escalated, however late the sweep runs.
    result = rt.run(agent, sla_sweep.sweep, repair.opened_at + timedelta(days=30))
    assert result.escalated == ()


def test_waiting_on_the_customer_pauses_only_the_clocks_the_policy_lets_pause(
    rt: Runtime, agent: AgentContext
) -> None:
    from console.cases import sla_sweep

    def paused(case_id: CaseId) -> set[str]:
        states = rt.run(agent, lambda s, _c: sla_sweep.clocks(s, case_id))
        return {k.name for k in states if k.paused_since is not None}

    # A complaint's clocks never wait: GS 2.2.6's 72 hours and TN's 24 h notice allow
    # no pause, whatever the caller does.
    complaint = _open(rt, agent, "complaint")
    with pytest.raises(UserFacingError, match="case.nothing_to_pause"):
        rt.run(agent, cases.wait_on_customer, complaint.id, complaint.version, "客户出差")
    assert paused(complaint.id) == set()
    # A repair waits for the visit time agreed with the customer (GS 2.2.4 除和客户另有约定外).
    c = _open(rt, agent, "repair")
    with pytest.raises(UserFacingError, match="input.required"):
        rt.run(agent, cases.wait_on_customer, c.id, c.version, "  ")  # a pause says why
    rt.run(agent, cases.wait_on_customer, c.id, c.version, "客户出差,约定下周一上门")
    assert paused(c.id) == {"handle", "fix"}
    with pytest.raises(UserFacingError, match="case.nothing_to_pause"):
        rt.run(agent, cases.wait_on_customer, c.id, c.version, "再次暂停")
    rt.run(agent, cases.customer_back, c.id, c.version, "客户已回来")
    assert paused(c.id) == set()
    entries = rt.run(agent, cases.timeline, c.id)
    assert [(e.kind, sorted(e.data.get("clocks") or [])) for e in entries[1:]] == [
        ("waiting_on_customer", ["fix", "handle"]),
        ("customer_back", ["fix", "handle"]),
    ]
    assert entries[1].data["note"] == "客户出差,约定下周一上门"


def test_manager_review_may_send_the_complaint_to_another_department(
    rt: Runtime, agent: AgentContext, sup: AgentContext
) -> None:
    c = _open(rt, agent)
    c = rt.run(agent, cases.dispatch, c.id, "SERVICE", c.version)
    c = rt.run(agent, cases.record_department, c.id, "done", c.version)
    c = rt.run(agent, cases.record_callback_result, c.id, False, c.version, "仍不满意")
    with pytest.raises(UserFacingError, match="case.unknown_department"):
        rt.run(sup, cases.manager_review, c.id, c.version, "改派", "NOPE")
    c = rt.run(sup, cases.manager_review, c.id, c.version, "改由维修部上门处理", "REPAIR")
    assert (c.status, c.department, c.owner_job_no) == ("dispatched", "REPAIR", "1001")
    last = rt.run(agent, cases.timeline, c.id)[-1]
    assert (last.kind, last.data["department"]) == ("dispatched", "REPAIR")


def test_a_transfer_request_waits_for_the_supervisor_to_decide(
    rt: Runtime, agent: AgentContext, sup: AgentContext, make_agent: AgentFactory
) -> None:
    make_agent("1002")
    c = _open(rt, agent)
    with pytest.raises(UserFacingError, match="input.required"):
        rt.run(agent, cases.request_transfer, c.id, JobNumber("1002"), " ", c.version)
    with pytest.raises(UserFacingError, match="case.unknown_owner"):
        rt.run(agent, cases.request_transfer, c.id, JobNumber("9999"), "调岗", c.version)
    rt.run(agent, cases.request_transfer, c.id, JobNumber("1002"), "本人调岗,请转 1002", c.version)
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, cases.pending_transfers)
    [asked] = rt.run(sup, cases.pending_transfers)
    assert (asked.case_id, asked.owner_job_no, asked.to_job_no) == (c.id, "1001", "1002")
    assert rt.run(agent, cases.get_case, c.id).owner_job_no == "1001"  # nothing moved yet
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, cases.decline_transfer, c.id, asked.version, "不同意")
    rt.run(sup, cases.decline_transfer, c.id, asked.version, "1002 本周休假,暂不转交")
    assert rt.run(sup, cases.pending_transfers) == []
    # Asked again, and this time approved: the transfer itself, audited as ever.
    rt.run(agent, cases.request_transfer, c.id, JobNumber("1002"), "1002 已返岗", asked.version)
    [again] = rt.run(sup, cases.pending_transfers)
    moved = rt.run(sup, cases.transfer_owner, c.id, again.to_job_no, again.reason, again.version)
    assert moved.owner_job_no == "1002" and rt.run(sup, cases.pending_transfers) == []
    assert _kinds(rt, agent, c.id)[1:] == [
        "transfer_requested",
        "transfer_declined",
        "transfer_requested",
        "owner_transferred",
    ]


def test_a_case_has_a_number_to_say_found_by_it_and_shown_with_its_call(
    rt: Runtime, agent: AgentContext, sup: AgentContext
) -> None:
    """工单号: a yearly serial of the center's calendar, given at opening; the case is
    found by it however it is typed, and the call that opened it shows it."""
    from zoneinfo import ZoneInfo

    from console.core.unit import db_now
    from console.customers import contacts

    first, second = _open(rt, agent), _open(rt, agent, "repair")
    year = rt.run(agent, lambda s, _c: db_now(s)).astimezone(ZoneInfo("Asia/Shanghai")).year
    assert (first.case_no, second.case_no) == (f"G{year}-00001", f"G{year}-00002")
    typed = f"g{year}{2:05d}"
    assert rt.run(sup, cases.find_case, typed).id == second.id
    with pytest.raises(UserFacingError, match="case.no_such_number"):
        rt.run(sup, cases.find_case, f"G{year}-00003")
    recent = rt.run(agent, lambda s, _c: contacts.recent_calls_from(s, "13912341234"))
    assert {c.case_no for c in recent} == {first.case_no, second.case_no}
    assert rt.run(agent, cases.get_case, first.id).case_no == first.case_no
