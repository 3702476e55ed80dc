"""Worker processes for the review-claim race (module-level so 'spawn' can pickle them):
each signs in as its own supervisor at its own seat and reviews the list until it is empty."""

from __future__ import annotations

from multiprocessing.synchronize import Barrier
from typing import Any

from console.content import content
from console.quality import reviews


def review_the_list(
    url: str, job_no: str, password: str, seat: str, barrier: Barrier, results: Any
) -> None:
    """Claim and review calls until none is left; report (job_no, call ids) or an error."""
    from tests.conftest import open_runtime

    rt = open_runtime(url)
    got: list[str] = []
    verdicts = {i.code: "pass" for i in content.shipped().get(content.QUALITY).checklist}
    try:
        ctx = rt.login(job_no, password, seat)
        barrier.wait(timeout=120)
        while (item := rt.run(ctx, reviews.claim_next)) is not None:
            got.append(item.call_id)
            rt.run(ctx, reviews.save_review, item.id, verdicts, f"{job_no} 质检", item.version)
        results.put((job_no, got, None))
    except Exception as e:  # reported, so the test fails with the reason
        results.put((job_no, got, f"{type(e).__name__}: {e}"))
    finally:
        rt.close()
