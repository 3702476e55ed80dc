"""Network faults (GS 2.2.3) are a kind of case with a severity: a general fault must be
cleared within 4 hours, a major one repaired within 24 — their clocks start with the case,
on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from console.app.runtime import Runtime
from console.cases import cases, sla_sweep
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from tests.conftest import PASSWORD, AgentFactory


@pytest.fixture
def agent(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("1001")
    return rt.login("1001", PASSWORD, "坐席01")


@pytest.mark.parametrize(
    ("severity", "clock", "hours"), [("general", "fix_general", 4), ("major", "fix_major", 24)]
)
def test_a_network_fault_runs_the_clock_of_its_severity(
    rt: Runtime, agent: AgentContext, severity: str, clock: str, hours: int
) -> None:
    case = rt.run(
        agent,
        cases.open_case,
        cases.new_case_id(),
        "network_fault",
        "泰山花园整片停气,疑似中压管道故障",
        severity=severity,
        details={"intent": {"fault_scope": "输气管网一般故障"}},
    )
    assert case.kind == "network_fault" and case.details["severity"] == severity
    with rt.unit(admin="test") as s:
        [c] = sla_sweep.clocks(s, case.id)
    assert c.name == clock and c.due_at - c.started_at == timedelta(hours=hours)
    with pytest.raises(UserFacingError) as e:  # a network fault always says how bad
        rt.run(agent, cases.open_case, cases.new_case_id(), "network_fault", "停气")
    assert e.value.message_id == "case.severity"
    with pytest.raises(UserFacingError):
        rt.run(agent, cases.open_case, cases.new_case_id(), "repair", "表坏", severity="major")
