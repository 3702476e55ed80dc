"""Worker processes for the notification race (module-level so 'spawn' can pickle them):
each signs in as its own agent and works one campaign until nothing is due."""

from __future__ import annotations

import time
from multiprocessing.synchronize import Barrier
from typing import Any

from console.campaigns import campaigns
from console.people import auth

HEARTBEAT_SECONDS = 5.0


def work_the_campaign(
    url: str,
    job_no: str,
    password: str,
    seat: str,
    campaign_id: str,
    barrier: Barrier,
    results: Any,
) -> None:
    """Claim and record until none is due; report (job_no, [(customer, attempt)]) or an
    error. A customer whose id is divisible by 4 is never reached."""
    from tests.conftest import open_runtime

    rt = open_runtime(url)
    got: list[tuple[int, int]] = []
    try:
        ctx = rt.login(job_no, password, seat)
        barrier.wait(timeout=120)
        beat = time.monotonic()
        while True:
            if time.monotonic() - beat > HEARTBEAT_SECONDS:
                rt.run(ctx, auth.heartbeat)
                beat = time.monotonic()
            target = rt.run(ctx, campaigns.claim_next, campaign_id)
            if target is None:
                break
            got.append((target.customer_id, target.attempts + 1))
            result = "not_reached" if target.customer_id % 4 == 0 else "notified"
            rt.run(ctx, campaigns.record_result, campaign_id, target.customer_id, result)
        rt.run(ctx, auth.logout)
        results.put((job_no, got, None))
    except Exception as e:  # reported, so the test fails with the reason
        results.put((job_no, got, f"{type(e).__name__}: {e}"))
    finally:
        rt.close()
