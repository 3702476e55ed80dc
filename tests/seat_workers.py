"""Worker processes for the multi-seat race tests (module-level so 'spawn' can pickle them)."""

from __future__ import annotations

from multiprocessing.synchronize import Barrier
from typing import Any

from console.core.errors import UserFacingError


def login_rounds(
    url: str, job_no: str, password: str, seat: str, rounds: int, barrier: Barrier, results: Any
) -> None:
    """Each round: wait for everyone, log in at the same moment, report the outcome."""
    from tests.conftest import open_runtime

    rt = open_runtime(url)
    for r in range(rounds):
        barrier.wait()
        try:
            rt.login(job_no, password, seat)
            results.put((r, seat, "ok"))
        except UserFacingError as e:
            results.put((r, seat, e.message_id))
        except Exception as e:  # reported, so the test fails with the reason
            results.put((r, seat, f"error {type(e).__name__}: {e}"))
        barrier.wait()
    rt.close()


def wrong_passwords(
    url: str, job_no: str, seat: str, attempts: int, barrier: Barrier, results: Any
) -> None:
    from tests.conftest import open_runtime

    rt = open_runtime(url)
    barrier.wait()
    for _ in range(attempts):
        try:
            rt.login(job_no, "wrong password", seat)
            results.put("ok")
        except UserFacingError as e:
            results.put(e.message_id)
    rt.close()
