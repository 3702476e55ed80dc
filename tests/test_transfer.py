"""Call transfer (GS 15.4.2, PR 一; issue 19 item 4): a blind transfer through the call
simulator to another seat or a number, refused where the caller would be lost, with
both agents named on the records and the case kept by the first-contact owner — on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from console.app.runtime import Runtime
from console.calls import call_desk, calls
from console.calls.call_desk import ActiveCall
from console.calls.call_flow import TRANSFER_LINE
from console.calls.compliance import Criterion, Verdict
from console.cases import cases
from console.core.clock import ManualClock
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.messages import describe
from console.core.vocabulary import AgentState, CaseKind, EndedBy, SeatCode
from console.people import agents, auth
from console.shift import states
from console.telephony.telephony import (
    IncomingCall,
    SimulatedSwitch,
    TransferSeat,
    send_ring,
    transfer_seats,
)
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import ready_at

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
    assert line.poll() == []  # nothing comes back to the seat that handed it over
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
    first.flow.transfer(SECOND)
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
    assert other.poll() == [] and line.poll() == []
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
    active.flow.transfer(SECOND)
    record = _save(rt, seats[FIRST], active)
    assert (record.state, record.transferred_to) == ("wrap_up", SECOND)
    kinds = [e.kind for e in rt.run(seats[FIRST], calls.call_events, active.call_id)]
    assert kinds[-5:] == ["phrase", "hold", "consult", "transfer", "hang_up"]
