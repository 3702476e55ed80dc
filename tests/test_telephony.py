"""The telephony boundary and the call simulator: rings and caller hang-ups reach a seat
through the shared database, once each, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from console.app.runtime import Runtime
from console.core.checks import ascii_digits
from console.core.clock import ManualClock
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.core.messages import describe
from console.core.vocabulary import SCREEN_LOCKED, AgentState
from console.people import auth
from console.shift import states
from console.telephony.telephony import (
    POLL_BATCH,
    STALE_RING,
    CallerHungUp,
    IncomingCall,
    LineDown,
    LineUp,
    SimulatedSwitch,
    Telephony,
    TelephonyEvent,
    send_caller_hang_up,
    send_ring,
)
from db.models import SwitchSignal
from tests.conftest import AgentFactory, TestDb, open_runtime
from tests.helpers import ready_at

REPO = Path(__file__).resolve().parent.parent
SEAT = "坐席07"


@pytest.fixture(autouse=True)
def agents_ready(rt: Runtime, make_agent: AgentFactory) -> dict[str, AgentContext]:
    """A ring reaches only a seat where someone is signed in and ready: these are."""
    make_agent("1007")
    make_agent("1008")
    return {SEAT: ready_at(rt, "1007", SEAT), "坐席08": ready_at(rt, "1008", "坐席08")}


def call_refs(events: list[TelephonyEvent]) -> list[str]:
    """The calls these events are about: every event here is a call's, none the line's."""
    assert not any(isinstance(e, LineDown | LineUp) for e in events), events
    return [e.ref for e in events if not isinstance(e, LineDown | LineUp)]


def simulator(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python main.py …`` in a process of its own, as a trainer runs it."""
    return subprocess.run(
        [sys.executable, "main.py", *args, "--db", db_url],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_ring_is_delivered_once(rt: Runtime, clock: ManualClock) -> None:
    line: Telephony = SimulatedSwitch(rt.db, SEAT, clock)
    assert line.poll() == []
    ref = send_ring(rt.db, SEAT, "13800138000")
    assert str(uuid.UUID(ref)) == ref
    assert line.poll() == [IncomingCall(ref, "13800138000", clock.now())]
    assert line.poll() == []


def test_events_carry_the_seat_clock_and_come_oldest_first(rt: Runtime, clock: ManualClock) -> None:
    line = SimulatedSwitch(rt.db, SEAT, clock)
    first = send_ring(rt.db, SEAT, "02312345678")
    second = send_ring(rt.db, SEAT, None)  # number withheld
    send_caller_hang_up(rt.db, SEAT, first)
    clock.advance(timedelta(hours=5))  # the seat's clock, not the database's, stamps `at`
    at = clock.now()
    assert line.poll() == [
        IncomingCall(first, "02312345678", at),
        IncomingCall(second, None, at),
        CallerHungUp(first, at),
    ]


def test_a_ring_reaches_only_its_own_seat(rt: Runtime, clock: ManualClock) -> None:
    other = SimulatedSwitch(rt.db, "坐席08", clock)
    mine = SimulatedSwitch(rt.db, SEAT, clock)
    ref = send_ring(rt.db, SEAT, "110")
    assert other.poll() == []
    assert call_refs(mine.poll()) == [ref]


def test_a_restarted_console_gets_what_it_had_not_taken(rt: Runtime, clock: ManualClock) -> None:
    before = SimulatedSwitch(rt.db, SEAT, clock)
    taken = send_ring(rt.db, SEAT, "110")
    assert call_refs(before.poll()) == [taken]
    before.close()
    waiting = send_ring(rt.db, SEAT, "119")
    after = SimulatedSwitch(rt.db, SEAT, clock)
    assert call_refs(after.poll()) == [waiting]


def test_a_stale_ring_is_dropped_but_its_hang_up_still_arrives(
    rt: Runtime, admin_rt: Runtime, clock: ManualClock
) -> None:
    line = SimulatedSwitch(rt.db, SEAT, clock)
    old = send_ring(rt.db, SEAT, "13800138000")
    fresh = send_ring(rt.db, SEAT, "13900139000")
    # The first caller rang longer ago than anyone waits (the seat role may not do this).
    with admin_rt.unit(admin="test") as s:
        created = s.execute(
            select(SwitchSignal.created_at).where(SwitchSignal.call_ref == old)
        ).scalar_one()
        s.execute(
            update(SwitchSignal)
            .where(SwitchSignal.call_ref == old)
            .values(created_at=created - STALE_RING - timedelta(seconds=1))
        )
    assert call_refs(line.poll()) == [fresh]
    assert send_caller_hang_up(rt.db, SEAT, old) == old
    assert line.poll() == [CallerHungUp(old, clock.now())]
    assert line.poll() == []


def test_a_hang_up_for_a_call_the_seat_never_got_is_delivered(
    rt: Runtime, clock: ManualClock
) -> None:
    line = SimulatedSwitch(rt.db, SEAT, clock)
    stranger = str(uuid.uuid4())
    assert send_caller_hang_up(rt.db, SEAT, stranger) == stranger
    assert line.poll() == [CallerHungUp(stranger, clock.now())]


def test_hang_up_without_a_ref_ends_the_latest_call(rt: Runtime, clock: ManualClock) -> None:
    assert send_caller_hang_up(rt.db, SEAT) is None  # never rung: nothing to end
    send_ring(rt.db, SEAT, "110")
    latest = send_ring(rt.db, SEAT, "120")
    send_ring(rt.db, "坐席08", "119")  # another seat's call is not this seat's latest
    assert send_caller_hang_up(rt.db, SEAT) == latest
    events = SimulatedSwitch(rt.db, SEAT, clock).poll()
    assert events[-1] == CallerHungUp(latest, clock.now())


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("138-0013-8000", "来电号码“138-0013-8000”无效"),
        ("13800\x00138000", "NUL"),
        ("1" * 33, "32"),
    ],
)
def test_a_bad_number_is_refused_with_a_clear_message(
    rt: Runtime, clock: ManualClock, number: str, message: str
) -> None:
    with pytest.raises(UserFacingError) as refused:
        send_ring(rt.db, SEAT, number)
    assert message in describe(refused.value, "zh_CN")
    assert SimulatedSwitch(rt.db, SEAT, clock).poll() == []


def test_a_bad_ref_or_seat_is_refused(rt: Runtime) -> None:
    with pytest.raises(UserFacingError, match="call.bad_id"):
        send_caller_hang_up(rt.db, SEAT, "not-a-call")
    with pytest.raises(UserFacingError, match="switch.no_seat"):
        send_ring(rt.db, "  ", "110")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(number=st.text(max_size=40))
def test_any_number_either_arrives_as_sent_or_is_refused(
    rt: Runtime, clock: ManualClock, number: str
) -> None:
    line = SimulatedSwitch(rt.db, SEAT, clock)
    try:
        ref = send_ring(rt.db, SEAT, number)
    except UserFacingError as e:
        assert e.message_id.startswith(("switch.", "input."))
        assert describe(e, "en")
        return
    assert line.poll() == [IncomingCall(ref, ascii_digits(number.strip()) or None, clock.now())]


def test_two_consoles_polling_one_seat_never_both_get_a_signal(
    rt: Runtime, test_db: TestDb, clock: ManualClock
) -> None:
    """PostgreSQL: SKIP LOCKED; SQLite: BEGIN IMMEDIATE makes the two polls take turns."""
    rings = 300
    for n in range(rings):
        send_ring(rt.db, SEAT, f"138{n:08d}")
    consoles = [open_runtime(test_db.url) for _ in range(2)]
    got: list[list[str]] = [[], []]
    # Both consoles poll at the same moment, round after round (a poll takes at most
    # POLL_BATCH signals), so each round is a real race for the same rows.
    rounds = 2 * rings // POLL_BATCH
    together = threading.Barrier(2, timeout=60)

    def poll_in_step(i: int) -> None:
        line = SimulatedSwitch(consoles[i].db, SEAT, clock)
        for _ in range(rounds):
            together.wait()
            got[i].extend(call_refs(line.poll()))

    threads = [threading.Thread(target=poll_in_step, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for c in consoles:
        c.close()
    assert not any(t.is_alive() for t in threads)
    assert not set(got[0]) & set(got[1])
    assert len(got[0]) + len(got[1]) == rings
    assert got[0] and got[1], "both consoles should have taken part"


def test_ring_from_another_process_reaches_the_seat(
    test_db: TestDb, rt: Runtime, clock: ManualClock
) -> None:
    line = SimulatedSwitch(rt.db, SEAT, clock)
    rang = simulator(test_db.url, "ring", "--seat", SEAT, "--from", "13800138000")
    assert rang.returncode == 0, rang.stderr
    ref = rang.stdout.strip()
    assert f"正在向坐席 {SEAT} 振铃" in rang.stderr and f"Ringing seat {SEAT}" in rang.stderr
    assert line.poll() == [IncomingCall(ref, "13800138000", clock.now())]

    hung = simulator(test_db.url, "hang-up", "--seat", SEAT)
    assert hung.returncode == 0, hung.stderr
    assert hung.stdout.strip() == ref
    assert line.poll() == [CallerHungUp(ref, clock.now())]


def test_ring_with_hang_up_after(test_db: TestDb, rt: Runtime, clock: ManualClock) -> None:
    out = simulator(test_db.url, "--seat", SEAT, "ring", "--hang-up-after", "0")
    assert out.returncode == 0, out.stderr
    ref = out.stdout.strip()
    assert "未显示号码" in out.stderr  # no --from: the number is withheld
    assert SimulatedSwitch(rt.db, SEAT, clock).poll() == [
        IncomingCall(ref, None, clock.now()),
        CallerHungUp(ref, clock.now()),
    ]


def test_the_simulator_commands_explain_bad_input(test_db: TestDb) -> None:
    bad = simulator(test_db.url, "ring", "--seat", SEAT, "--from", "13-800")
    assert bad.returncode == 2
    assert "来电号码“13-800”无效" in bad.stderr and "Traceback" not in bad.stderr
    nothing = simulator(test_db.url, "hang-up", "--seat", "坐席08")
    assert nothing.returncode == 1
    assert "坐席 坐席08 没有来电" in nothing.stderr and "Traceback" not in nothing.stderr


def test_the_simulator_names_a_seat_that_is_not_registered_or_not_signed_in(
    rt: Runtime, agents_ready: dict[str, AgentContext], clock: ManualClock
) -> None:
    with pytest.raises(UserFacingError, match="switch.seat_unknown"):
        send_ring(rt.db, "空坐席", "110")
    with pytest.raises(UserFacingError, match="switch.seat_unknown"):
        send_caller_hang_up(rt.db, "空坐席", str(uuid.uuid4()))
    rt.run(agents_ready["坐席08"], auth.logout)
    with pytest.raises(UserFacingError, match="switch.seat_signed_out"):
        send_ring(rt.db, "坐席08", "110")
    with pytest.raises(UserFacingError, match="switch.hang_up_signed_out"):
        send_caller_hang_up(rt.db, "坐席08")
    assert SimulatedSwitch(rt.db, "坐席08", clock).poll() == []


def test_full_width_digits_ring_as_the_same_number(rt: Runtime, clock: ManualClock) -> None:
    """An input method's １３８… is the number 138…."""
    ref = send_ring(rt.db, SEAT, "１３８００１３８０００")
    assert SimulatedSwitch(rt.db, SEAT, clock).poll() == [
        IncomingCall(ref, "13800138000", clock.now())
    ]


@pytest.mark.parametrize(
    ("state", "reason", "refusal", "said"),
    [
        (AgentState.NOT_READY, "meeting", "switch.seat_not_ready", "未就绪"),
        (AgentState.NOT_READY, SCREEN_LOCKED, "switch.seat_locked", "已锁屏"),
        (AgentState.BREAK, None, "switch.seat_on_break", "小休"),
        (AgentState.SIGNED_OUT, None, "switch.seat_signed_out", "无人登录"),
    ],
)
def test_a_seat_that_is_not_ready_is_not_rung(
    rt: Runtime,
    clock: ManualClock,
    agents_ready: dict[str, AgentContext],
    state: AgentState,
    reason: str | None,
    refusal: str,
    said: str,
) -> None:
    """A locked, not-ready or signed-out seat is offered no call, and
    nothing waits for it to pop at the next sign-in."""
    ctx = agents_ready[SEAT]
    if state is AgentState.SIGNED_OUT:
        rt.run(ctx, auth.logout)
    else:
        rt.run(ctx, states.set_state, state, reason)
    with pytest.raises(UserFacingError) as refused:
        send_ring(rt.db, SEAT, "13800138000")
    assert refused.value.message_id == refusal
    assert said in describe(refused.value, "zh_CN") and SEAT in describe(refused.value, "en")
    assert SimulatedSwitch(rt.db, SEAT, clock).poll() == []
    if state is not AgentState.SIGNED_OUT:  # ready again: rung again
        rt.run(ctx, states.set_state, AgentState.READY)
        assert send_ring(rt.db, SEAT, "13800138000")


def test_the_simulator_says_why_a_seat_was_not_rung(
    test_db: TestDb, rt: Runtime, agents_ready: dict[str, AgentContext]
) -> None:
    rt.run(agents_ready[SEAT], states.set_state, AgentState.BREAK)
    out = simulator(test_db.url, "ring", "--seat", SEAT, "--from", "13800138000")
    assert out.returncode != 0 and out.stdout == ""
    assert f"坐席 {SEAT} 正在小休" in out.stderr and "Traceback" not in out.stderr


def test_a_waiting_seat_hears_a_ring_as_it_is_sent(rt: Runtime, clock: ManualClock) -> None:
    """``wait_events`` returns the ring the moment it is committed (LISTEN/NOTIFY on
    PostgreSQL, the 50 ms look on SQLite), not when its timeout runs out; a ring for
    another seat does not end the wait with nothing."""
    line = SimulatedSwitch(rt.db, SEAT, clock)
    try:
        assert line.wait_events(0.2) == []  # nothing rings: the timeout ends the wait
        listening = threading.Event()
        refs: list[str] = []

        def ring_later() -> None:
            listening.wait(10)
            send_ring(rt.db, "坐席08", "13800138001")  # not this seat's
            refs.append(send_ring(rt.db, SEAT, "13800138000"))

        caller = threading.Thread(target=ring_later)
        caller.start()
        listening.set()
        started = time.monotonic()
        events = line.wait_events(60)  # a minute unless the ring wakes it
        assert time.monotonic() - started < 30, "the ring did not end the wait"
        caller.join()
        assert events == [IncomingCall(refs[0], "13800138000", clock.now())]
        other = SimulatedSwitch(rt.db, "坐席08", clock).poll()[0]
        assert isinstance(other, IncomingCall) and other.number == "13800138001"

        # A dial is answered (by nobody) at once, even while the wait is on.
        dialled: list[str] = []
        dialler = threading.Timer(0.1, lambda: dialled.append(line.dial("13800138002")))
        dialler.start()
        started = time.monotonic()
        connected = line.wait_events(60)
        assert time.monotonic() - started < 30
        dialler.join()
        assert call_refs(connected) == dialled

        # Closing the line ends a wait at once, with nothing.
        threading.Timer(0.1, line.close).start()
        started = time.monotonic()
        assert line.wait_events(60) == []
        assert time.monotonic() - started < 30
    finally:
        line.close()
