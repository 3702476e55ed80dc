"""Issue 20, item 12: a seat whose clock is an hour off stamps calls, their events and the
times it computes ("in 30 minutes") on the database's clock. The seat runs in its own
process under ``faketime`` (Debian's faketime package, installed by scripts/setup); the
PostgreSQL server keeps the real time. The seat's own clock only measures durations.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from console.app.runtime import Runtime
from console.cases import callbacks
from console.core.identity import AgentContext, Role
from console.core.unit import db_now
from console.people import agents
from db.engine import DatabaseClock
from tests.conftest import PASSWORD, TestDb
from tests.helpers import admin_sql

ROOT = Path(__file__).resolve().parent.parent
SLACK = timedelta(seconds=10)  # process start, sign-in and a slow shared machine


def _run_skewed_seat(url: str, offset: str, *flags: str) -> dict[str, object]:
    faketime = shutil.which("faketime")
    assert faketime, "faketime is missing: scripts/setup --test installs it"
    done = subprocess.run(
        [
            faketime,
            "-f",
            offset,
            sys.executable,
            "-m",
            "tests.skewed_seat",
            url,
            "1001",
            PASSWORD,
            "坐席01",
            *flags,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture
def due_callback(pg_rt: Runtime, pg_admin: Runtime) -> str:
    """Agent 1001, and a callback due now on the shared list (put there by 2001)."""
    with pg_admin.unit(admin="test") as s:
        for job_no, role in (("1001", Role.AGENT), ("2001", Role.SUPERVISOR)):
            agents.add_agent(s, None, job_no, "测试", role, PASSWORD, datetime.now(UTC))
    boss: AgentContext = pg_rt.login("2001", PASSWORD, "值班台")
    callback_id = str(uuid.uuid4())
    with pg_rt.unit(boss) as s:
        callbacks.add(s, boss, callback_id, "inquiry_sample", db_now(s), phone="13912340001")
    return callback_id


def _db_now(admin: Runtime) -> datetime:
    [(now,)] = admin_sql(admin, "SELECT clock_timestamp()")
    return now  # type: ignore[no-any-return]


@pytest.mark.pg
@pytest.mark.parametrize("offset,skew", [("-1h", -3600), ("+1h", 3600)])
def test_a_seat_an_hour_off_stamps_calls_and_reschedules_on_the_database_clock(
    pg_db: TestDb, pg_admin: Runtime, due_callback: str, offset: str, skew: int
) -> None:
    before = _db_now(pg_admin)
    # An hour slow, first the seat's own clock as the console used it before issue 20.
    seat = _run_skewed_seat(pg_db.url, offset, *(("--seat-clock",) if skew < 0 else ()))
    after = _db_now(pg_admin)
    # faketime did skew the seat: otherwise this test would prove nothing.
    assert abs(float(seat["seat_time"]) - time.time() - skew) < 120  # type: ignore[arg-type]
    [(started, answered, ended)] = admin_sql(
        pg_admin,
        "SELECT started_at, answered_at, ended_at FROM calls WHERE id = :i",
        i=seat["call_id"],
    )
    events = [
        at
        for (at,) in admin_sql(
            pg_admin,
            "SELECT at FROM call_events WHERE call_id = :i ORDER BY seq",
            i=seat["call_id"],
        )
    ]
    assert len(events) == 4  # ring, answer, hang-up, wrap-up done
    for stamp in (started, answered, ended, *events):
        assert before - SLACK <= stamp <= after + SLACK, (stamp, before, after)
    # Durations the seat measured itself are kept.
    assert timedelta(seconds=0.15) <= answered - started <= timedelta(seconds=5)
    assert events == sorted(events)
    [(due, attempts)] = admin_sql(
        pg_admin, "SELECT due_at, attempts FROM callbacks WHERE id = :i", i=due_callback
    )
    half_hour = timedelta(minutes=30)
    assert before + half_hour - SLACK <= due <= after + half_hour + SLACK
    assert attempts == 1
    # "In 30 minutes" on the seat's own clock an hour slow is in the past: refused.
    assert seat["seat_clock_answer"] == ("callback.bad_reschedule" if skew < 0 else None)


def test_the_database_clock_as_a_seat_reads_it_never_goes_back() -> None:
    """Readings of the database clock move the seat's estimate; a call's log must stay in
    time order, so a reading a little behind holds the clock still until it catches up."""
    clock = DatabaseClock(lambda: datetime(2000, 1, 1, tzinfo=UTC))
    assert clock.now().year == 2000  # nothing read yet: the seat's own clock
    db = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    clock.reading(db)
    first = clock.now()
    assert timedelta(0) <= first - db < timedelta(seconds=1)
    clock.reading(db - timedelta(seconds=2))  # a reading behind what was already handed out
    assert clock.now() >= first
    time.sleep(0.05)
    clock.reading(db + timedelta(hours=1))  # the database moved on (or the seat slept)
    assert clock.now() - db >= timedelta(hours=1)
