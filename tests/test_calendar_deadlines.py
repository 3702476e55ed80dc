"""The calendar is never silently wrong, on SQLite and PostgreSQL.

chinese-calendar knows the State Council's schedules up to 2026. A case opened on
2027-02-05 (除夕) gets its two-working-day reply deadline from the statutory rules —
春节 off from 除夕 to 初三 — marked provisional; supervisors are warned from 60 days
before 2027 starts (boards, sign-in) and ``calendar status`` exits non-zero; once an
administrator enters 2027's schedule in the holiday editor, the deadline is recomputed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from console.app.runtime import Runtime
from console.cases import sla_sweep
from console.content import content, content_versions
from console.core.identity import AgentContext, Role
from console.core.serials import next_serial
from console.core.vocabulary import CaseId
from console.shift import board as boards
from db.models import Case, CaseSerial
from tests.conftest import PASSWORD, AgentFactory, TestDb

SHANGHAI = ZoneInfo("Asia/Shanghai")
OPENED = datetime(2027, 2, 5, 2, 0, tzinfo=UTC)  # 除夕, 10:00 in Beijing
# A 2027 schedule as the State Council might announce it: 02-05…02-12 off, Saturday
# 02-20 worked (the test's own figures: the real one is entered when it is published).
SCHEDULE_2027 = {
    "complete_years": [2027],
    "days": [
        *(
            {"date": f"2027-02-{d:02d}", "kind": "holiday", "holiday": "spring_festival"}
            for d in range(5, 13)
        ),
        {"date": "2027-02-20", "kind": "workday", "holiday": "spring_festival"},
    ],
}


@pytest.fixture
def agent(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("1001")
    return rt.login("1001", PASSWORD, "坐席01")


@pytest.fixture
def admin(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("9001", Role.ADMIN)
    return rt.login("9001", PASSWORD, "坐席09")


def _inquiry_opened_on_new_years_eve(rt: Runtime, ctx: AgentContext) -> CaseId:
    """An inquiry not answered at once, opened 2027-02-05, with its clocks (the database
    clock cannot be moved on PostgreSQL: the moment is given)."""
    case_id = CaseId(str(uuid.uuid4()))
    with rt.unit(ctx) as s:
        s.add(
            Case(
                id=case_id,
                kind="inquiry",
                status="open",
                owner_job_no=ctx.job_no,
                case_no=f"G2027-{next_serial(s, CaseSerial, 2027):05d}",
                summary="开户需要带哪些证件",
                details="{}",
                opened_at=OPENED,
                updated_at=OPENED,
            )
        )
        s.flush()
        sla_sweep.start_clocks(s, ctx, case_id, "inquiry", OPENED)
    return case_id


def _reply(rt: Runtime, case_id: CaseId) -> sla_sweep.ClockState:
    with rt.unit(admin="test") as s:
        return {c.name: c for c in sla_sweep.clocks(s, case_id)}["reply"]


def _local(moment: datetime) -> datetime:
    return moment.astimezone(SHANGHAI)


def test_a_2027_deadline_is_provisional_warned_then_recomputed(
    rt: Runtime, agent: AgentContext, admin: AgentContext
) -> None:
    case_id = _inquiry_opened_on_new_years_eve(rt, agent)
    reply = _reply(rt, case_id)
    # By rule 除夕 to 初三 (02-05…02-08) are off: Tue 02-09 and Wed 02-10 are the two
    # working days, so the reply is due at the end of 02-10, provisionally.
    assert reply.provisional
    assert _local(reply.due_at) == datetime(2027, 2, 11, tzinfo=SHANGHAI)
    # Supervisors see it on the board (and at sign-in) from 60 days before 2027 starts.
    zone = SHANGHAI
    with rt.snapshot(admin) as s:
        floor = boards.board(s, admin, zone=zone)
        assert floor.unknown_years == (2027,)
        assert boards.calendar_warning(s, admin, zone) == [2027]
    with rt.unit(agent) as s:
        assert boards.calendar_warning(s, agent, zone) == []  # agents cannot enter it
    # Warned a day before the provisional deadline.
    swept = rt.run(agent, sla_sweep.sweep, reply.warn_at)
    assert [c.name for c in swept.warned] == ["reply"] and swept.recomputed == ()

    # The administrator enters 2027's schedule in the holiday editor …
    with rt.unit(admin) as s:
        base = content_versions.current_version(s, content.HOLIDAYS)
        content_versions.save(
            s, admin, content.HOLIDAYS, json.dumps(SCHEDULE_2027), "国办发明电 2027", base
        )
    rt.refresh_content()  # what every console does within 15 s (and at once after a save)
    swept = rt.run(agent, sla_sweep.sweep, reply.warn_at + timedelta(minutes=1))
    assert [(c.case_id, c.name) for c in swept.recomputed] == [(case_id, "reply")]
    # … and the deadline follows it: off until 02-12, then Mon 02-15 and Tue 02-16.
    after = _reply(rt, case_id)
    assert not after.provisional
    assert _local(after.due_at) == datetime(2027, 2, 17, tzinfo=SHANGHAI)
    assert after.due_at - after.warn_at == reply.due_at - reply.warn_at
    assert after.warned_at is None  # warned for the old deadline: warned again when due
    assert rt.run(agent, sla_sweep.sweep, after.warn_at).warned[0].name == "reply"
    with rt.snapshot(admin) as s:
        assert boards.board(s, admin, zone=zone).unknown_years == ()
    # Recomputed once: the next sweep moves nothing.
    assert rt.run(agent, sla_sweep.sweep, after.warn_at).recomputed == ()


def test_hours_clocks_are_never_provisional(rt: Runtime, agent: AgentContext) -> None:
    case_id = CaseId(str(uuid.uuid4()))
    with rt.unit(agent) as s:
        s.add(
            Case(
                id=case_id,
                kind="complaint",
                status="open",
                owner_job_no=agent.job_no,
                case_no=f"G2027-{next_serial(s, CaseSerial, 2027):05d}",
                summary="抄表员态度差",
                details="{}",
                opened_at=OPENED,
                updated_at=OPENED,
            )
        )
        s.flush()
        plans = sla_sweep.start_clocks(s, agent, case_id, "complaint", OPENED)
    assert [(p.name, p.provisional) for p in plans] == [
        ("progress_notice", False),
        ("reply", False),
    ]


def _calendar_status(test_db: TestDb, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "calendar", "status", "--db", test_db.admin_url, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_calendar_status_fails_while_a_year_within_60_days_is_unknown(
    test_db: TestDb, rt: Runtime, admin: AgentContext
) -> None:
    run = _calendar_status(test_db, "--on", "2026-12-06")
    assert run.returncode == 1, run.stderr
    assert "2004–2026" in run.stdout and "2027" in run.stdout.splitlines()[-1]
    run = _calendar_status(test_db, "--on", "2026-10-01")  # 2027 is 92 days away
    assert run.returncode == 0, run.stderr
    with rt.unit(admin) as s:
        base = content_versions.current_version(s, content.HOLIDAYS)
        content_versions.save(s, admin, content.HOLIDAYS, json.dumps(SCHEDULE_2027), "2027", base)
    run = _calendar_status(test_db, "--on", "2026-12-06")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2004–2027" in run.stdout
    assert date(2026, 12, 6).isoformat() in run.stdout
