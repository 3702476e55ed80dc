"""A stand-in for a running console in its own process: logs in, then renews its lease
until it is killed. Used to test what happens when a seat crashes.

    python -m tests.seat_process URL JOB_NO PASSWORD SEAT
"""

from __future__ import annotations

import sys
import time

from console.core.errors import UserFacingError
from console.people import auth
from tests.conftest import open_runtime


def main(url: str, job_no: str, password: str, seat: str) -> None:
    rt = open_runtime(url)
    ctx = rt.login(job_no, password, seat)
    print(f"ready {ctx.session_id}", flush=True)
    while True:
        try:
            rt.run(ctx, auth.heartbeat)
        except UserFacingError as e:
            print(f"refused {e.message_id}", flush=True)
            return
        time.sleep(0.5)  # the heartbeat period of this stand-in seat


if __name__ == "__main__":
    main(*sys.argv[1:5])
