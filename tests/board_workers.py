"""Worker processes for the board-consistency race (module-level so 'spawn' can pickle
them): each signs in as its own agent and, in one transaction at a time, records an
answered call and opens the emergency case it reported."""

from __future__ import annotations

from datetime import timedelta
from multiprocessing.synchronize import Barrier
from typing import Any

from console.calls import calls
from console.calls.calls import CallFields
from console.cases import cases
from console.core import checks
from console.core.unit import db_now
from console.people import auth


def report_incidents(
    url: str,
    job_no: str,
    password: str,
    seat: str,
    n: int,
    barriers: tuple[Barrier, Barrier],
    results: Any,
) -> None:
    """``barriers``: all start together; halfway, all wait until the board has read."""
    from tests.conftest import open_runtime

    rt = open_runtime(url)
    try:
        ctx = rt.login(job_no, password, seat)
        start, halfway = barriers
        start.wait(timeout=120)
        for i in range(n):
            if i == n // 2:
                halfway.wait(timeout=180)
            if i % 10 == 0:  # a seat renews its lease as it works (a slow run outlasts it)
                rt.run(ctx, auth.heartbeat)
            with rt.unit(ctx) as s:  # the call and its case land together or not at all
                now = db_now(s)
                c = calls.start_call(
                    s, ctx, checks.new_call_id(), "13912341234", "inbound", "phone", now
                )
                fields = CallFields(state="done", answered_at=now, ring_count=1, intent="emergency")
                calls.finish_call(
                    s, ctx, c.id, fields, c.version, now + timedelta(seconds=40), "agent"
                )
                cases.open_case(
                    s, ctx, cases.new_case_id(), "emergency", f"{job_no} 报警 {i}", call_id=c.id
                )
        results.put((job_no, None))
    except Exception as e:  # reported, so the test fails with the reason
        results.put((job_no, f"{type(e).__name__}: {e}"))
    finally:
        rt.close()
