"""Several seats at the same moment, and a seat that dies (R1.2, R1.5).

Real processes against the same database file or server: the database's rules, not
the client's, must keep the numbers exact.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

from console.app.runtime import Runtime
from console.core.errors import UserFacingError
from tests import seat_workers
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import admin_sql, audit_kinds

SEATS = 8
pytestmark = pytest.mark.slow


def _end_all_sessions(admin_rt: Runtime) -> None:
    now = "now()" if admin_rt.dialect == "postgresql" else "CURRENT_TIMESTAMP"
    admin_sql(
        admin_rt,
        f"UPDATE agent_sessions SET ended_at = {now}, end_reason = 'logout' WHERE ended_at IS NULL",
    )


def test_eight_seats_one_job_number_exactly_one_wins_each_round(
    test_db: TestDb, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    rounds = 4
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(SEATS + 1)
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=seat_workers.login_rounds,
            args=(test_db.url, "1001", PASSWORD, f"坐席{i:02d}", rounds, barrier, results),
        )
        for i in range(SEATS)
    ]
    for p in procs:
        p.start()
    try:
        for r in range(rounds):
            barrier.wait(timeout=120)  # go
            barrier.wait(timeout=120)  # all attempted
            outcomes = Counter(results.get(timeout=30)[2] for _ in range(SEATS))
            assert outcomes == {"ok": 1, "login.busy": SEATS - 1}, f"round {r}: {outcomes}"
            open_sessions = admin_sql(
                admin_rt, "SELECT count(*) FROM agent_sessions WHERE ended_at IS NULL"
            )
            assert open_sessions == [(1,)]
            _end_all_sessions(admin_rt)
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()


def test_parallel_wrong_passwords_lock_after_exactly_five(
    test_db: TestDb, rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(SEATS)
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=seat_workers.wrong_passwords,
            args=(test_db.url, "1001", f"坐席{i:02d}", 2, barrier, results),
        )
        for i in range(SEATS)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=180)
    outcomes = Counter(results.get(timeout=10) for _ in range(SEATS * 2))
    # Four plain failures, then the fifth locks; everything after is refused as locked.
    assert outcomes == {"login.bad": 4, "login.locked": SEATS * 2 - 4}
    kinds = Counter(audit_kinds(admin_rt))
    assert kinds["login.failed"] == 4 and kinds["login.locked"] == 1
    assert kinds["login.refused"] == SEATS * 2 - 5
    with pytest.raises(UserFacingError, match="login.locked"):
        rt.login("1001", PASSWORD, "坐席19")


def test_killed_console_its_job_number_is_free_after_the_lease(
    test_db: TestDb, rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    admin_sql(admin_rt, "UPDATE security_policy SET lease_seconds = 3")
    seat = subprocess.Popen(
        [sys.executable, "-m", "tests.seat_process", test_db.url, "1001", PASSWORD, "坐席01"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    try:
        line = seat.stdout.readline() if seat.stdout else ""
        assert line.startswith("ready"), line
        crashed_session = int(line.split()[1])
        seat.send_signal(signal.SIGKILL)
        seat.wait(timeout=10)
        killed_at = time.monotonic()

        with pytest.raises(UserFacingError) as refused:
            rt.login("1001", PASSWORD, "坐席02")
        assert refused.value.message_id == "login.busy"
        assert refused.value.params["seat"] == "坐席01"

        deadline = killed_at + 30  # SPEC: within 30 s
        while True:
            try:
                ctx = rt.login("1001", PASSWORD, "坐席02")
                break
            except UserFacingError as e:
                assert e.message_id == "login.busy"
                assert time.monotonic() < deadline, "the crashed seat's lease never lapsed"
                time.sleep(0.5)  # polling a real lease; each try costs one argon2 hash
        waited = time.monotonic() - killed_at
        assert waited <= 3 + 2  # the lease, plus a little
    finally:
        if seat.poll() is None:
            seat.kill()
        seat.wait(timeout=10)
        if seat.stdout is not None:
            seat.stdout.close()
    ended = admin_sql(
        admin_rt, "SELECT end_reason FROM agent_sessions WHERE id = :i", i=crashed_session
    )
    assert ended == [("taken_over",)]
    assert "session.taken_over" in audit_kinds(admin_rt)
    assert ctx.session_id != crashed_session
