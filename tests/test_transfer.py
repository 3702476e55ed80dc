"""Call transfer (GS 15.4.2, PR 一; issue 19 item 4): a blind transfer through the call
simulator to another seat or a number, refused where the caller would be lost, with
both agents named on the records and the case kept by the first-contact owner — on
SQLite and PostgreSQL. And the real thing: sipp calls the seat's baresip, which REFERs
it to a second sipp that the caller then calls."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from console.app.runtime import Runtime
from console.calls import call_desk, calls
from console.calls.call_desk import ActiveCall
from console.calls.call_flow import TRANSFER_LINE
from console.calls.compliance import Verdict
from console.cases import cases
from console.core.clock import ManualClock
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.messages import describe
from console.core.vocabulary import AgentState, CaseKind, Criterion, EndedBy, SeatCode
from console.people import agents, auth
from console.shift import states
from console.telephony.softphone import BaresipLine
from console.telephony.telephony import (
    CallConnected,
    CallTransferred,
    CommandFailed,
    IncomingCall,
    SimulatedSwitch,
    TelephonyEvent,
    TransferSeat,
    send_ring,
    transfer_seats,
)
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import ready_at
from tests.sip.peers import (
    answer_calls,
    call_seat,
    connected_line,
    free_port,
    needs_sip_peers,
    seat_config,
)

FIRST, SECOND, THIRD = SeatCode("坐席07"), SeatCode("坐席08"), SeatCode("坐席09")
NUMBER = "13912341234"
T0 = datetime(2026, 11, 23, 2, 15, tzinfo=UTC)


@pytest.fixture
def seats(rt: Runtime, make_agent: AgentFactory) -> dict[str, AgentContext]:
    """Three agents signed in and ready, one per seat."""
    make_agent("1007", name="张敏")
    make_agent("1008", name="李强")
    make_agent("1009", name="王芳")
    return {
        FIRST: ready_at(rt, "1007", FIRST),
        SECOND: ready_at(rt, "1008", SECOND),
        THIRD: ready_at(rt, "1009", THIRD),
    }


def _rung(rt: Runtime, clock: ManualClock, seat: str) -> tuple[SimulatedSwitch, IncomingCall]:
    line = SimulatedSwitch(rt.db, seat, clock)
    send_ring(rt.db, seat, NUMBER)
    (incoming,) = line.poll()
    assert isinstance(incoming, IncomingCall)
    return line, incoming


def test_a_blind_transfer_rings_the_other_seat_with_the_same_caller(
    rt: Runtime, clock: ManualClock, seats: dict[str, AgentContext]
) -> None:
    line, incoming = _rung(rt, clock, FIRST)
    other = SimulatedSwitch(rt.db, SECOND, clock)
    line.transfer(incoming.ref, SECOND)
    (rung,) = other.poll()
    assert isinstance(rung, IncomingCall)
    assert rung.number == NUMBER and rung.transferred_from == incoming.ref
    assert rung.ref != incoming.ref  # a call of its own at the seat that takes it
    # The seat that handed it over hears that the transfer is done, and nothing else.
    assert line.poll() == [CallTransferred(incoming.ref, clock.now())]
    assert line.poll() == []
    assert SimulatedSwitch(rt.db, THIRD, clock).poll() == []


@pytest.mark.parametrize(
    ("state", "refusal"),
    [
        (AgentState.NOT_READY, "switch.seat_not_ready"),
        (AgentState.BREAK, "switch.seat_on_break"),
        (AgentState.ON_CALL, "switch.seat_busy"),
        (AgentState.WRAP_UP, "switch.seat_busy"),
        (AgentState.SIGNED_OUT, "switch.seat_signed_out"),
    ],
)
def test_a_transfer_goes_only_to_a_ready_seat(
    rt: Runtime,
    clock: ManualClock,
    seats: dict[str, AgentContext],
    state: AgentState,
    refusal: str,
) -> None:
    """A busy seat would log the caller as missed: the transfer is refused by name and
    the caller stays with the first agent."""
    ctx = seats[SECOND]
    if state is AgentState.SIGNED_OUT:
        rt.run(ctx, auth.logout)
    else:
        rt.run(ctx, states.set_state, state, "meeting" if state is AgentState.NOT_READY else None)
    line, incoming = _rung(rt, clock, FIRST)
    with pytest.raises(UserFacingError) as refused:
        line.transfer(incoming.ref, SECOND)
    assert refused.value.message_id == refusal
    assert SECOND in describe(refused.value, "zh_CN") and SECOND in describe(refused.value, "en")
    assert SimulatedSwitch(rt.db, SECOND, clock).poll() == []
    assert line.poll() == []  # no transfer to confirm


def test_a_transfer_to_ones_own_seat_or_to_nothing_is_refused(
    rt: Runtime, clock: ManualClock, seats: dict[str, AgentContext]
) -> None:
    line, incoming = _rung(rt, clock, FIRST)
    for target, refusal in (
        (FIRST, "switch.transfer_own_seat"),
        ("  ", "switch.transfer_no_target"),
        ("not a number", "switch.bad_number"),
    ):
        with pytest.raises(UserFacingError) as refused:
            line.transfer(incoming.ref, target)
        assert refused.value.message_id == refusal
    assert line.poll() == []


def test_a_transfer_to_a_number_leaves_the_simulated_switch(
    rt: Runtime, clock: ManualClock, seats: dict[str, AgentContext]
) -> None:
    line, incoming = _rung(rt, clock, FIRST)
    line.transfer(incoming.ref, "8619612")  # the hotline's supervisor desk, say
    assert line.poll() == [CallTransferred(incoming.ref, clock.now())]
    for seat in (FIRST, SECOND, THIRD):
        assert SimulatedSwitch(rt.db, seat, clock).poll() == []


def test_the_dialog_offers_the_other_ready_seats(
    rt: Runtime, seats: dict[str, AgentContext]
) -> None:
    rt.run(seats[THIRD], states.set_state, AgentState.BREAK)
    assert transfer_seats(rt.db, FIRST) == [TransferSeat(SECOND, "1008", "李强")]
    rt.run(seats[THIRD], states.set_state, AgentState.READY)
    assert [t.seat for t in transfer_seats(rt.db, FIRST)] == [SECOND, THIRD]


# --- the records ---------------------------------------------------------------------------


def _save(rt: Runtime, ctx: AgentContext, active: ActiveCall) -> calls.CallRecord:
    snap = active.snapshot()
    record = rt.run(ctx, call_desk.sync, snap)
    active.synced(snap, record)
    return record


def _talking(clock: ManualClock, incoming: IncomingCall) -> ActiveCall:
    active = ActiveCall.ring(
        incoming.ref,
        incoming.number,
        clock.now(),
        clock=clock,
        transferred_from=incoming.transferred_from,
    )
    clock.advance(timedelta(seconds=4))
    active.flow.answer()
    active.flow.say("opening.company")
    active.edit(intent="complaint", notes="客户情绪激动")
    return active


def test_the_records_name_both_agents_and_the_case_stays_with_the_first(
    rt: Runtime, seats: dict[str, AgentContext]
) -> None:
    clock = ManualClock(T0)
    first_line, incoming = _rung(rt, clock, FIRST)
    first = _talking(clock, incoming)
    _save(rt, seats[FIRST], first)
    clock.advance(timedelta(seconds=30))
    first.flow.say(TRANSFER_LINE)  # 请稍等, then the transfer (PR 一)
    first_line.transfer(first.call_id, SECOND)
    assert first_line.poll() == [CallTransferred(first.call_id, clock.now())]
    first.flow.transfer(SECOND)  # recorded once the line confirms
    handed = _save(rt, seats[FIRST], first)
    assert (handed.state, handed.transferred_to, handed.ended_at) == ("wrap_up", SECOND, None)
    # The first agent finishes the wrap-up and opens the complaint: first contact owns it.
    first.flow.finish_wrap_up()
    case_id = cases.new_case_id()
    first.case = call_desk.CaseHandOff("open", case_id, CaseKind.COMPLAINT, "客户对抄表不满")
    done = _save(rt, seats[FIRST], first)
    assert (done.ended_by, done.transferred_to) == ("agent", SECOND)
    criteria = {r.criterion: r for r in first.compliance().criteria}
    hang_up = criteria[Criterion.CALLER_HUNG_UP_FIRST]
    assert (hang_up.verdict, hang_up.reason) == (Verdict.PASS, "hang_up.transferred")

    (rung,) = SimulatedSwitch(rt.db, SECOND, clock).poll()
    assert isinstance(rung, IncomingCall)
    second = _talking(clock, rung)
    taken = _save(rt, seats[SECOND], second)
    assert (taken.job_no, taken.transferred_from, taken.caller_number) == (
        "1008",
        first.call_id,
        NUMBER,
    )
    second.hang_up(EndedBy.CALLER)
    second.flow.finish_wrap_up()
    second.case = call_desk.CaseHandOff("link", case_id)
    _save(rt, seats[SECOND], second)
    case = rt.run(seats[FIRST], cases.get_case, case_id)
    assert (case.owner_job_no, case.call_id) == ("1007", first.call_id)
    assert rt.run(seats[SECOND], cases.my_cases) == []
    # Both agents, from the records: who handed the call over, who took it.
    one = rt.run(seats[FIRST], calls.get_call, first.call_id)
    two = rt.run(seats[SECOND], calls.get_call, second.call_id)
    assert (one.job_no, one.transferred_to, two.job_no, two.transferred_from) == (
        "1007",
        SECOND,
        "1008",
        one.id,
    )


def test_a_transfer_is_not_rewritten(rt: Runtime, seats: dict[str, AgentContext]) -> None:
    clock = ManualClock(T0)
    _line, incoming = _rung(rt, clock, FIRST)
    active = _talking(clock, incoming)
    active.flow.say(TRANSFER_LINE)
    active.flow.transfer(SECOND)
    record = _save(rt, seats[FIRST], active)
    moved = calls.CallFields(state="wrap_up", transferred_to=THIRD)
    with pytest.raises(UserFacingError) as refused:
        rt.run(seats[FIRST], calls.save_call, active.call_id, moved, record.version)
    assert refused.value.message_id == "call.transfer_fixed"


@pytest.mark.pg
def test_postgresql_itself_keeps_a_transfer_as_it_happened(
    pg_rt: Runtime, pg_admin: Runtime
) -> None:
    """A seat that skips the application cannot move a transfer (the 0027 trigger) and
    reads the new columns (granted by name, as 0024 requires)."""
    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1007", "张敏", Role.AGENT, PASSWORD, datetime.now(UTC))
    ctx = ready_at(pg_rt, "1007", FIRST)
    clock = ManualClock(T0)
    active = ActiveCall.ring("7b0c1d2e-0000-4000-8000-000000000001", NUMBER, clock=clock)
    clock.advance(timedelta(seconds=4))
    active.flow.answer()
    active.flow.say(TRANSFER_LINE)
    active.flow.transfer(SECOND)
    _save(pg_rt, ctx, active)

    def move(s: object, _c: AgentContext) -> None:
        s.execute(  # type: ignore[attr-defined]
            text(
                "UPDATE calls SET transferred_to = '坐席09', version = version + 1 WHERE id = :id"
            ),
            {"id": active.call_id},
        )

    with pytest.raises(UserFacingError) as refused:
        pg_rt.run(ctx, move)
    assert refused.value.message_id == "call.transfer_fixed"
    read = pg_rt.run(
        ctx,
        lambda s, _c: s.execute(
            text("SELECT transferred_to, transferred_from FROM calls WHERE id = :id"),
            {"id": active.call_id},
        ).one(),
    )
    assert tuple(read) == (SECOND, None)


# --- attended transfer: consult first ------------------------------------------------------


def test_a_consultation_rings_the_seat_then_completes_or_returns_to_the_caller(
    rt: Runtime, clock: ManualClock, seats: dict[str, AgentContext]
) -> None:
    line, incoming = _rung(rt, clock, FIRST)
    other = SimulatedSwitch(rt.db, SECOND, clock)
    consult = line.consult(incoming.ref, SECOND)
    (rung,) = other.poll()
    assert rung == IncomingCall(consult, NUMBER, clock.now(), incoming.ref)
    line.end_consult(incoming.ref, consult)  # back to the caller: the consult hangs up
    assert [type(e).__name__ for e in other.poll()] == ["CallerHungUp"]
    again = line.consult(incoming.ref, SECOND)
    (rung_again,) = other.poll()
    assert isinstance(rung_again, IncomingCall) and rung_again.ref == again
    line.complete_transfer(incoming.ref, again)  # seat 08 keeps the call it has
    assert other.poll() == []
    assert line.poll() == [CallTransferred(incoming.ref, clock.now())]
    for target, refusal in (
        ("8619612", "switch.consult_seats_only"),
        (FIRST, "switch.transfer_own_seat"),
    ):
        with pytest.raises(UserFacingError) as refused:
            line.consult(incoming.ref, target)
        assert refused.value.message_id == refusal


def test_an_attended_transfer_is_recorded_with_its_consultation(
    rt: Runtime, seats: dict[str, AgentContext]
) -> None:
    clock = ManualClock(T0)
    line, incoming = _rung(rt, clock, FIRST)
    active = _talking(clock, incoming)
    active.flow.say(TRANSFER_LINE)
    consult = line.consult(active.call_id, SECOND)
    active.flow.consult(SECOND)
    assert active.state.value == "on_hold" and active.flow.consulting == SECOND
    clock.advance(timedelta(seconds=20))
    line.complete_transfer(active.call_id, consult)
    assert line.poll() == [CallTransferred(active.call_id, clock.now())]
    active.flow.transfer(SECOND)
    record = _save(rt, seats[FIRST], active)
    assert (record.state, record.transferred_to) == ("wrap_up", SECOND)
    kinds = [e.kind for e in rt.run(seats[FIRST], calls.call_events, active.call_id)]
    assert kinds[-5:] == ["phrase", "hold", "consult", "transfer", "hang_up"]


# --- blind transfer through baresip, sipp on both ends -------------------------------------

# Where the seat hands the caller: a desk phone (sipp) on its own port.
DESK_NUMBER = "8619612"


@pytest.fixture
def target_port() -> int:
    return free_port()


@pytest.fixture
def baresip(tmp_path: Path, clock: ManualClock, target_port: int) -> Iterator[BaresipLine]:
    """The seat's baresip, dialling numbers at the target's port."""
    cfg = replace(seat_config(), dial_host=f"127.0.0.1:{target_port}")
    line = connected_line(cfg, clock, tmp_path / "baresip")
    yield line
    line.close()


def _next_event(line: BaresipLine, timeout: float = 10) -> TelephonyEvent:
    """The line's next event, as soon as it says one."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        events = line.wait_events(left)
        if events:
            (event,) = events
            return event
    raise AssertionError("the line said nothing")


def _answered(line: BaresipLine, clock: ManualClock) -> ActiveCall:
    """The sipp caller's call from NUMBER, answered on the line and talking on screen."""
    incoming = _next_event(line)
    assert isinstance(incoming, IncomingCall) and incoming.number == NUMBER
    line.answer(incoming.ref)
    assert _next_event(line) == CallConnected(incoming.ref, clock.now())
    return _talking(clock, incoming)


@needs_sip_peers
@pytest.mark.parametrize("test_db", ["sqlite"], indirect=True)  # the records: above, both
def test_a_blind_transfer_through_baresip_takes_the_sipp_caller_to_the_sipp_target(
    rt: Runtime,
    clock: ManualClock,
    seats: dict[str, AgentContext],
    baresip: BaresipLine,
    target_port: int,
    tmp_path: Path,
) -> None:
    """sipp calls the seat; the agent says 请稍等 and transfers to a number; baresip
    REFERs the caller, whose phone (sipp, caller_transferred.xml) calls the Refer-To
    target — a second sipp — as the same customer, reports the transfer done, and is
    left by the seat. The console's record names the agent and the target, ended by
    the agent (the caller did not hang up on the seat)."""
    line = baresip
    target = answer_calls(tmp_path, target_port)
    caller = None
    try:
        target.wait_listening(target_port)
        caller = call_seat(line.config, NUMBER, tmp_path, scenario="caller_transferred.xml")
        active = _answered(line, clock)
        _save(rt, seats[FIRST], active)

        clock.advance(timedelta(seconds=30))
        active.flow.say(TRANSFER_LINE)
        line.transfer(active.call_id, DESK_NUMBER)
        # Done once the caller's phone reports the target reached and baresip leaves.
        assert _next_event(line) == CallTransferred(active.call_id, clock.now())
        active.flow.transfer(DESK_NUMBER)
        handed = _save(rt, seats[FIRST], active)
        assert (handed.state, handed.transferred_to) == ("wrap_up", DESK_NUMBER)

        assert caller.wait() == 0, caller.log()
        assert target.wait() == 0, target.log()
        refer_to = _header(caller.messages, "Refer-To")
        assert refer_to == [f"sip:{DESK_NUMBER}@127.0.0.1:{target_port}"], caller.log()
        assert target.saw(f"INVITE sip:{DESK_NUMBER}@127.0.0.1:{target_port} ")
        (invite_from, *_acks) = _header(target.messages, "From")
        assert invite_from.startswith(f"<sip:{NUMBER}@"), target.log()  # the customer
        assert caller.saw(f"BYE sip:{NUMBER}@")  # the seat left the customer …
        assert caller.saw(f"BYE sip:{DESK_NUMBER}@")  # … who later hung up on the target
        assert line.wait_events(0.3) == []  # no hang-up by the caller, no failure after

        active.flow.finish_wrap_up()
        done = _save(rt, seats[FIRST], active)
        assert (done.job_no, done.ended_by, done.transferred_to) == ("1007", "agent", DESK_NUMBER)
        hang_up = {r.criterion: r for r in active.compliance().criteria}[
            Criterion.CALLER_HUNG_UP_FIRST
        ]
        assert (hang_up.verdict, hang_up.reason) == (Verdict.PASS, "hang_up.transferred")
        kinds = [e.kind for e in rt.run(seats[FIRST], calls.call_events, active.call_id)]
        assert kinds[-4:] == ["phrase", "transfer", "hang_up", "wrap_up_done"]
    finally:
        if caller is not None:
            caller.stop()
        target.stop()


@needs_sip_peers
@pytest.mark.parametrize("test_db", ["sqlite"], indirect=True)
def test_an_attended_transfer_through_baresip_consults_the_target_then_refers_the_caller(
    rt: Runtime,
    clock: ManualClock,
    seats: dict[str, AgentContext],
    baresip: BaresipLine,
    target_port: int,
    tmp_path: Path,
) -> None:
    """Consult: baresip holds the sipp caller (caller_consulted.xml answers the
    re-INVITE) and calls the target — a second sipp, answering two calls — which
    answers. Complete: the consultation is hung up (the target gets its BYE) and the
    held caller REFERred to the same number; the caller calls the target itself, the
    line says ``CallTransferred``, and the record has the consultation and the
    transfer."""
    line = baresip
    target = answer_calls(tmp_path, target_port, calls=2)
    caller = None
    try:
        target.wait_listening(target_port)
        caller = call_seat(line.config, NUMBER, tmp_path, scenario="caller_consulted.xml")
        active = _answered(line, clock)
        active.flow.say(TRANSFER_LINE)

        consult = line.consult(active.call_id, DESK_NUMBER)
        active.flow.consult(DESK_NUMBER)
        assert _next_event(line) == CallConnected(consult, clock.now())  # the target answers
        clock.advance(timedelta(seconds=20))
        line.complete_transfer(active.call_id, consult)
        assert _next_event(line) == CallTransferred(active.call_id, clock.now())
        active.flow.transfer(DESK_NUMBER)

        assert caller.wait() == 0, caller.log()
        assert target.wait() == 0, target.log()
        assert _header(caller.messages, "Refer-To") == [
            f"sip:{DESK_NUMBER}@127.0.0.1:{target_port}"
        ]
        invites = [
            line_
            for line_ in target.messages.read_text(errors="replace").splitlines()
            if line_.startswith("INVITE ")
        ]
        assert len(invites) == 2, target.log()  # the consultation, then the caller
        froms = [f for f in _header(target.messages, "From") if "SIPpTag10" in f]
        assert froms and froms[0].startswith(f"<sip:{NUMBER}@"), target.log()
        assert line.wait_events(0.3) == []

        active.flow.finish_wrap_up()
        done = _save(rt, seats[FIRST], active)
        assert (done.ended_by, done.transferred_to) == ("agent", DESK_NUMBER)
        kinds = [e.kind for e in rt.run(seats[FIRST], calls.call_events, active.call_id)]
        assert kinds[-6:] == ["phrase", "hold", "consult", "transfer", "hang_up", "wrap_up_done"]
    finally:
        if caller is not None:
            caller.stop()
        target.stop()


@needs_sip_peers
@pytest.mark.parametrize("test_db", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("scenario", "status"),
    [("caller_refuses_transfer.xml", "603"), ("caller_transfer_busy.xml", "486")],
)
def test_a_transfer_that_fails_leaves_the_caller_on_the_call(
    rt: Runtime,
    clock: ManualClock,
    seats: dict[str, AgentContext],
    baresip: BaresipLine,
    tmp_path: Path,
    scenario: str,
    status: str,
) -> None:
    """The customer's phone answers baresip's REFER 603 (caller_refuses_transfer.xml),
    or accepts it and reports the target busy (caller_transfer_busy.xml, NOTIFY with a
    486 sipfrag): the line says the transfer failed and nothing else — no transfer
    done, no hang-up — so the call goes on, and the agent's hang-up reaches the
    customer (BYE)."""
    line = baresip
    caller = call_seat(line.config, NUMBER, tmp_path, scenario=scenario)
    try:
        active = _answered(line, clock)
        active.flow.say(TRANSFER_LINE)
        line.transfer(active.call_id, DESK_NUMBER)
        failed = _next_event(line)
        assert isinstance(failed, CommandFailed), failed
        assert (failed.ref, failed.action, failed.message_id) == (
            active.call_id,
            "transfer",
            "softphone.transfer_failed",
        )
        assert status in failed.params["detail"]
        assert line.wait_events(0.5) == []  # the caller is still there

        active.hang_up(EndedBy.AGENT)
        line.hang_up(active.call_id)
        assert caller.wait() == 0, caller.log()
        assert caller.saw(f"BYE sip:{NUMBER}@")
        assert line.wait_events(0.3) == []  # the agent's own hang-up is no news
        active.flow.finish_wrap_up()
        record = _save(rt, seats[FIRST], active)
        assert (record.ended_by, record.transferred_to) == ("agent", None)
        kinds = [e.kind for e in rt.run(seats[FIRST], calls.call_events, active.call_id)]
        assert "transfer" not in kinds and kinds[-2:] == ["hang_up", "wrap_up_done"]
    finally:
        caller.stop()


def _header(messages: Path, name: str) -> list[str]:
    """The values of header ``name`` in a sipp message trace, in order."""
    prefix = f"{name.lower()}:"
    return [
        line[len(prefix) :].strip()
        for line in messages.read_text(errors="replace").splitlines()
        if line.lower().startswith(prefix)
    ]
