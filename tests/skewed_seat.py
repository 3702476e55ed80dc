"""A seat in its own process, meant to run under ``faketime`` (its clock hours off): it
signs in, takes a call (ring, answer, hang-up, wrap-up) as the call screen does, then
takes the callback that is due and reschedules it "in 30 minutes", and prints JSON with
its own idea of the time. Used by tests/test_skewed_clock.py.

    faketime -f -1h python -m tests.skewed_seat URL JOB_NO PASSWORD SEAT [--seat-clock]

``--seat-clock`` first tries the reschedule with the seat's own clock, as the console
did before issue 20, and reports what the database said.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import timedelta

from console.calls import call_desk
from console.calls.call_desk import ActiveCall
from console.cases import callbacks, follow_up
from console.core import checks
from console.core.clock import SystemClock
from console.core.errors import UserFacingError
from console.core.vocabulary import EndedBy
from tests.conftest import open_runtime

IN_30_MINUTES = timedelta(minutes=30)


def main(url: str, job_no: str, password: str, seat: str, *flags: str) -> None:
    rt = open_runtime(url)
    ctx = rt.login(job_no, password, seat)
    clock = rt.db_clock  # what the call screen's desk runs on (ui.app.main_window.Desk)
    call = ActiveCall.ring(checks.new_call_id(), "13912341234", clock=clock)
    record = rt.run(ctx, call_desk.sync, call.snapshot())
    call.synced(call.snapshot(), record)
    time.sleep(0.2)
    call.flow.answer()
    time.sleep(0.2)
    call.hang_up(EndedBy.CALLER)
    call.flow.finish_wrap_up()
    rt.run(ctx, call_desk.sync, call.snapshot())

    item = rt.run(ctx, callbacks.claim_next)
    assert item is not None, "no callback due"
    seat_clock_answer = None
    if "--seat-clock" in flags:
        try:
            at = SystemClock().now() + IN_30_MINUTES
            rt.run(ctx, follow_up.callback_result, item.id, "inconvenient", reschedule_at=at)
            seat_clock_answer = "accepted"
        except UserFacingError as e:
            seat_clock_answer = e.message_id
    again = clock.now() + IN_30_MINUTES
    rt.run(ctx, follow_up.callback_result, item.id, "inconvenient", reschedule_at=again)
    print(
        json.dumps(
            {
                "seat_time": time.time(),
                "call_id": call.call_id,
                "callback_id": item.id,
                "seat_clock_answer": seat_clock_answer,
            }
        ),
        flush=True,
    )
    rt.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
