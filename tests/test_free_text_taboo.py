"""Every free text a customer may hear or read is checked for taboo phrases (issue 17,
item 7; GS 4.5, GS 16.4.4, GN 三(一)6/8, TN 三), not only the call notes: a case's notes
and summary, a callback's note, a handover's notes and an outage's reason are refused
with the phrase, its clause and what to say instead — on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

import pytest

from cli.demo import DEPARTMENTS
from console.app.runtime import Runtime
from console.campaigns import campaigns
from console.campaigns.campaigns import AreaNode
from console.cases import callbacks, cases, follow_up
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.shift import shift
from db.models import Department
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import customer


@pytest.fixture
def agent(rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    with admin_rt.unit(admin="test") as s:
        s.add_all(Department(code=code, name=name) for code, name in DEPARTMENTS)
        s.add(customer(1, "13912340001", id=1))
    make_agent("1001")
    return rt.login("1001", PASSWORD, "坐席01")


def _refused(e: pytest.ExceptionInfo[UserFacingError], field: str, clause: str) -> None:
    assert e.value.message_id == "taboo.refused"
    assert e.value.params["field"] == field and clause in e.value.params["clause"]
    assert e.value.params["suggestion"]


def test_case_notes_and_summaries_are_checked(rt: Runtime, agent: AgentContext) -> None:
    case = rt.run(agent, cases.open_case, cases.new_case_id(), "repair", "燃气表不走字")
    with pytest.raises(UserFacingError) as e:
        rt.run(agent, cases.dispatch, case.id, "REPAIR", case.version, "这个你找领导吧")
    _refused(e, "note", "GS 4.5.2")
    with pytest.raises(UserFacingError) as e:
        rt.run(agent, cases.save_case, case.id, "表坏了与我们无关", {}, case.version)
    _refused(e, "summary", "GS 16.4.4")
    unchanged = rt.run(agent, cases.get_case, case.id)
    assert (unchanged.status, unchanged.summary, unchanged.version) == (
        "open",
        "燃气表不走字",
        case.version,
    )
    # Said courteously, the same note goes through.
    ok = rt.run(agent, cases.dispatch, case.id, "REPAIR", case.version, "请维修部尽快上门")
    assert ok.status == "dispatched"


def test_a_callback_note_is_checked(rt: Runtime, agent: AgentContext) -> None:
    case = rt.run(agent, cases.open_case, cases.new_case_id(), "repair", "燃气表不走字")
    case = rt.run(agent, cases.dispatch, case.id, "REPAIR", case.version)
    rt.run(agent, follow_up.department_done, case.id, case.version)
    item = rt.run(agent, callbacks.claim_next)
    assert item is not None
    with pytest.raises(UserFacingError) as e:
        rt.run(agent, follow_up.callback_result, item.id, "unsatisfied", note="你去12345投诉吧")
    _refused(e, "note", "GS 16.4.4")
    assert rt.run(agent, callbacks.held) == item  # nothing recorded


def test_handover_notes_are_checked(rt: Runtime, agent: AgentContext) -> None:
    with pytest.raises(UserFacingError) as e:
        rt.run(
            agent,
            shift.hand_over,
            str(uuid.uuid4()),
            "王女士的事情不清楚,明天再说嘛",
            zone=ZoneInfo("Asia/Shanghai"),
        )
    _refused(e, "notes", "GN 三(一)8")


def test_the_outage_reason_read_to_customers_is_checked(
    rt: Runtime, agent: AgentContext, make_agent: AgentFactory
) -> None:
    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "坐席02")
    area = [AreaNode("泰山花园")]
    with pytest.raises(UserFacingError) as e:
        rt.run(boss, campaigns.create, str(uuid.uuid4()), "emergency", "停气", "没空解释", area)
    _refused(e, "reason", "GS 4.5.7")
    made = rt.run(boss, campaigns.create, str(uuid.uuid4()), "emergency", "停气", "管道抢修", area)
    assert made.reason == "管道抢修"
