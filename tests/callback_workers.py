"""Worker processes for the shared callback list race (module-level so 'spawn' can
pickle them): each signs in as its own agent at its own seat and works the list."""

from __future__ import annotations

import time
from multiprocessing.synchronize import Barrier
from typing import Any

from console.cases import callbacks
from console.core.vocabulary import CallbackResult
from console.people import auth

# A console renews its lease about every 10 s; the workers do the same, or their
# claims would (rightly) be taken over as a dead seat's.
HEARTBEAT_SECONDS = 5.0


def work_the_list(
    url: str, job_no: str, password: str, seat: str, barrier: Barrier, results: Any
) -> None:
    """Claim and complete items until none is left; report (job_no, ids) or an error."""
    from tests.conftest import open_runtime

    rt = open_runtime(url)
    got: list[str] = []
    try:
        ctx = rt.login(job_no, password, seat)
        barrier.wait(timeout=120)
        beat = time.monotonic()
        while True:
            if time.monotonic() - beat > HEARTBEAT_SECONDS:
                rt.run(ctx, auth.heartbeat)
                beat = time.monotonic()
            item = rt.run(ctx, callbacks.claim_next)
            if item is None:
                break
            got.append(item.id)
            rt.run(ctx, callbacks.record_result, item.id, CallbackResult.SATISFIED)
        results.put((job_no, got, None))
    except Exception as e:  # reported, so the test fails with the reason
        results.put((job_no, got, f"{type(e).__name__}: {e}"))
    finally:
        rt.close()
