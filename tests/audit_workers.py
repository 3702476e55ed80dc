"""Worker processes that append to the audit log at the same moment (module-level so
'spawn' can pickle them): each signs in at its own seat, appends, and signs out."""

from __future__ import annotations

from multiprocessing.synchronize import Barrier
from typing import Any

from console.core import audit
from console.people import auth


def append_and_sign_out(
    url: str, job_no: str, password: str, seat: str, n: int, barrier: Barrier, results: Any
) -> None:
    """Sign in, append ``n`` entries (one unit of work each), sign out; report an error."""
    from tests.conftest import open_runtime

    rt = open_runtime(url)
    try:
        ctx = rt.login(job_no, password, seat)
        barrier.wait(timeout=120)
        for i in range(n):
            with rt.unit(ctx) as s:
                audit.record(s, "test.load", worker=job_no, i=i)
        rt.run(ctx, auth.logout)
        results.put((job_no, None))
    except Exception as e:  # reported, so the test fails with the reason
        results.put((job_no, f"{type(e).__name__}: {e}"))
    finally:
        rt.close()
