"""The call state machine, its event log and its timers (R2.1, R2.8, R2.9)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

import resources
from console.calls.call_flow import (
    TRANSFER_LINE,
    Call,
    CallEvent,
    CallFlowError,
    CallPolicy,
    CallState,
    EventKind,
    TalkMark,
    ring_number,
)
from console.core.clock import ManualClock
from console.core.vocabulary import CallDirection, EndedBy, Title, Verification

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # a Monday, 09:00 in Shanghai
S = timedelta(seconds=1)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


def new_call(clock: ManualClock, **policy: Any) -> Call:
    return Call.ring("13800138000", clock=clock, policy=CallPolicy(**policy))


def talking(clock: ManualClock) -> Call:
    call = new_call(clock)
    clock.advance(2 * S)
    call.answer()
    return call


# How to bring a fresh call into each state: the commands on the way there.
REACH: dict[CallState, tuple[str, ...]] = {
    CallState.RINGING: (),
    CallState.TALKING: ("answer",),
    CallState.ON_HOLD: ("answer", "hold"),
    CallState.WRAP_UP: ("answer", "hang_up_caller"),
    CallState.DONE: ("answer", "hang_up_caller", "finish_wrap_up"),
    CallState.MISSED: ("hang_up_system",),
    CallState.ABANDONED: ("hang_up_caller",),
}

COMMANDS: dict[str, Callable[[Call], object]] = {
    "answer": lambda c: c.answer(),
    "hold": lambda c: c.hold(),
    "resume": lambda c: c.resume(),
    "hang_up_caller": lambda c: c.hang_up(EndedBy.CALLER),
    "hang_up_agent": lambda c: c.hang_up(EndedBy.AGENT),
    "hang_up_system": lambda c: c.hang_up(EndedBy.SYSTEM),
    "finish_wrap_up": lambda c: c.finish_wrap_up(),
    "say": lambda c: c.say("opening.company"),
    "taboo_hit": lambda c: c.taboo_hit("bu-zhi-dao"),
    "surname": lambda c: c.set_surname("王", Title.MR),
    "verification": lambda c: c.record_verification(Verification.VERIFIED),
}

# state → command → resulting state; a command missing from a row is refused.
VALID: dict[CallState, dict[str, CallState]] = {
    CallState.RINGING: {
        "answer": CallState.TALKING,
        "hang_up_caller": CallState.ABANDONED,
        "hang_up_agent": CallState.MISSED,
        "hang_up_system": CallState.MISSED,
    },
    CallState.TALKING: {
        "hold": CallState.ON_HOLD,
        "hang_up_caller": CallState.WRAP_UP,
        "hang_up_agent": CallState.WRAP_UP,
        "hang_up_system": CallState.WRAP_UP,
        "say": CallState.TALKING,
        "taboo_hit": CallState.TALKING,
        "surname": CallState.TALKING,
        "verification": CallState.TALKING,
    },
    CallState.ON_HOLD: {
        "resume": CallState.TALKING,
        "hang_up_caller": CallState.WRAP_UP,
        "hang_up_agent": CallState.WRAP_UP,
        "hang_up_system": CallState.WRAP_UP,
        "taboo_hit": CallState.ON_HOLD,
        "surname": CallState.ON_HOLD,
        "verification": CallState.ON_HOLD,
    },
    CallState.WRAP_UP: {
        "finish_wrap_up": CallState.DONE,
        "taboo_hit": CallState.WRAP_UP,
        "surname": CallState.WRAP_UP,
        "verification": CallState.WRAP_UP,
    },
    CallState.DONE: {},
    CallState.MISSED: {},
    CallState.ABANDONED: {},
}
ENDED = (CallState.WRAP_UP, CallState.DONE, CallState.MISSED, CallState.ABANDONED)


@pytest.mark.parametrize(
    ("state", "command"), [(s, c) for s in CallState for c in COMMANDS], ids=str
)
def test_transition_table(clock: ManualClock, state: CallState, command: str) -> None:
    call = new_call(clock)
    for step in REACH[state]:
        COMMANDS[step](call)
    assert call.state is state
    before = call.events
    clock.advance(S)
    expected = VALID[state].get(command)
    if expected is not None:
        COMMANDS[command](call)
        assert call.state is expected
        assert len(call.events) == len(before) + 1
    elif command.startswith("hang_up") and state in ENDED:
        # A late hang-up (the other end reporting it too) is ignored, not an error.
        assert COMMANDS[command](call) is False
        assert call.state is state
        assert call.events == before
    else:
        with pytest.raises(CallFlowError, match="call.invalid_transition") as info:
            COMMANDS[command](call)
        assert info.value.params["state"] == state.value
        assert call.state is state
        assert call.events == before


def test_second_hang_up_keeps_the_first_party(clock: ManualClock) -> None:
    call = talking(clock)
    clock.advance(10 * S)
    assert call.hang_up(EndedBy.CALLER) is True
    clock.advance(S)
    assert call.hang_up(EndedBy.AGENT) is False
    assert call.ended_by == "caller"
    assert call.ended_at == T0 + 12 * S
    assert [e.kind for e in call.events].count(EventKind.HANG_UP) == 1


def test_an_event_before_the_last_one_is_refused(clock: ManualClock) -> None:
    call = talking(clock)
    with pytest.raises(CallFlowError, match="call.out_of_order"):
        call.hold(T0 + S)  # answered at T0 + 2 s
    assert call.state is CallState.TALKING
    call.hold(T0 + 2 * S)  # the same moment is fine
    state: CallState = call.state  # read again: mypy would keep the narrowing above
    assert state is CallState.ON_HOLD


def test_naive_times_are_refused(clock: ManualClock) -> None:
    call = new_call(clock)
    with pytest.raises(ValueError, match="aware"):
        call.answer(datetime(2026, 3, 2, 9, 0))
    assert call.state is CallState.RINGING


def test_the_log_is_append_only_and_round_trips(clock: ManualClock) -> None:
    call = talking(clock)
    call.say("opening.company")
    call.set_surname("王", Title.MR)
    call.say("hold.return", by_surname=True)
    call.record_verification(Verification.PARTIAL)
    clock.advance(5 * S)
    call.hold()
    clock.advance(20 * S)
    call.resume()
    call.taboo_hit("bu-zhi-dao")
    clock.advance(S)
    call.hang_up(EndedBy.CALLER)
    call.finish_wrap_up()
    log = call.events
    with pytest.raises(TypeError):
        log[0].data["number"] = "x"  # type: ignore[index]
    stored = json.loads(json.dumps([e.to_json() for e in log]))
    restored = [CallEvent.from_json(raw) for raw in stored]
    assert restored == list(log)
    again = Call.replay(restored, clock=clock)
    assert again.events == log
    assert again.state is CallState.DONE
    assert again.total_hold() == 20 * S
    assert again.surname == ("王", "先生")


def test_replay_restores_a_call_in_progress(clock: ManualClock) -> None:
    call = talking(clock)
    clock.advance(4 * S)
    call.hold()
    again = Call.replay(list(call.events), clock=clock)
    assert again.state is CallState.ON_HOLD
    clock.advance(6 * S)
    assert again.current_hold() == 6 * S


def test_replay_refuses_a_log_without_its_ring(clock: ManualClock) -> None:
    call = talking(clock)
    with pytest.raises(CallFlowError, match="call.invalid_log"):
        Call.replay(list(call.events[1:]), clock=clock)


def test_surname_must_not_be_empty(clock: ManualClock) -> None:
    call = talking(clock)
    with pytest.raises(CallFlowError, match="call.surname_empty"):
        call.set_surname("  ", Title.MS)
    assert call.surname is None


# --- rings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("elapsed", "ring"),
    [(0.0, 1), (2.999, 1), (3.0, 2), (8.999, 3), (9.0, 4), (12.0, 5)],
)
def test_ring_number_with_3_s_rings(elapsed: float, ring: int) -> None:
    assert ring_number(timedelta(seconds=elapsed), 3 * S) == ring


@pytest.mark.parametrize(
    ("answer_after", "rings", "in_time"),
    [
        (timedelta(seconds=8, microseconds=999_999), 3, True),  # last moment of ring 3
        (timedelta(seconds=9), 4, False),  # ring 4 has started
    ],
)
def test_answer_on_ring_3_vs_ring_4(
    clock: ManualClock, answer_after: timedelta, rings: int, in_time: bool
) -> None:
    call = new_call(clock)
    clock.advance(answer_after)
    call.answer()
    assert call.ring_count() == rings
    assert call.answered_within_limit() is in_time
    clock.advance(60 * S)
    assert call.ring_count() == rings  # frozen at the answer


def test_two_ring_policy(clock: ManualClock) -> None:
    call = new_call(clock, answer_within_rings=2)  # WD
    clock.advance(6 * S)
    call.answer()
    assert call.ring_count() == 3
    assert call.answered_within_limit() is False


def test_ring_counter_runs_while_ringing(clock: ManualClock) -> None:
    call = new_call(clock, ring_interval=5 * S)
    assert call.ring_count() == 1
    clock.advance(5 * S)
    assert call.ring_count() == 2
    clock.advance(S)
    call.hang_up(EndedBy.CALLER)
    clock.advance(30 * S)
    assert call.ring_count() == 2
    assert call.answered_within_limit() is None


def test_policy_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        CallPolicy(ring_interval=timedelta(0))
    with pytest.raises(ValueError):
        CallPolicy(answer_within_rings=0)


# --- talk time marks -----------------------------------------------------------------


def test_one_and_three_minute_marks_fire_once_exactly_when_due(clock: ManualClock) -> None:
    call = talking(clock)
    answered = call.answered_at
    assert answered is not None
    assert call.next_mark_at() == answered + timedelta(minutes=1)
    clock.advance(timedelta(minutes=1) - timedelta(microseconds=1))
    assert call.due_marks() == []
    clock.advance(timedelta(microseconds=1))
    assert call.due_marks() == [TalkMark.CALL_BACK_OFFER]
    assert call.due_marks() == []
    assert call.next_mark_at() == answered + timedelta(minutes=3)
    clock.advance(timedelta(minutes=2) - timedelta(microseconds=1))
    assert call.due_marks() == []
    clock.advance(timedelta(microseconds=1))
    assert call.due_marks() == [TalkMark.TARGET]
    assert call.next_mark_at() is None
    assert call.talk_duration() == timedelta(minutes=3)


def test_a_late_poll_gets_both_marks_at_once(clock: ManualClock) -> None:
    call = talking(clock)
    clock.advance(timedelta(minutes=5))
    assert call.due_marks() == [TalkMark.CALL_BACK_OFFER, TalkMark.TARGET]


def test_talk_time_includes_holds_and_stops_at_hang_up(clock: ManualClock) -> None:
    call = talking(clock)
    clock.advance(30 * S)
    call.hold()
    clock.advance(40 * S)
    call.resume()
    clock.advance(10 * S)
    assert call.marks_reached() == [TalkMark.CALL_BACK_OFFER]
    call.hang_up(EndedBy.CALLER)
    clock.advance(timedelta(minutes=10))
    assert call.talk_duration() == 80 * S
    assert call.due_marks() == [TalkMark.CALL_BACK_OFFER]
    assert call.next_mark_at() is None


def test_no_talk_time_before_the_answer(clock: ManualClock) -> None:
    call = new_call(clock)
    clock.advance(timedelta(minutes=2))
    assert call.talk_duration() == timedelta(0)
    assert call.due_marks() == []
    assert call.next_mark_at() is None


# --- hold ------------------------------------------------------------------------------


def test_hold_timing_over_several_holds(clock: ManualClock) -> None:
    call = talking(clock)
    assert call.current_hold() == timedelta(0)
    clock.advance(10 * S)
    call.hold()
    clock.advance(15 * S)
    assert call.current_hold() == 15 * S
    assert call.total_hold() == 15 * S
    call.resume()
    assert call.current_hold() == timedelta(0)
    clock.advance(20 * S)
    assert call.total_hold() == 15 * S
    call.hold()
    clock.advance(7 * S)
    assert call.current_hold() == 7 * S
    assert call.total_hold() == 22 * S
    call.hang_up(EndedBy.CALLER)  # on hold: the hold ends with the call
    clock.advance(60 * S)
    assert call.current_hold() == timedelta(0)
    assert call.total_hold() == 22 * S
    assert call.hold_count == 2


# --- who ended the call -----------------------------------------------------------------


@pytest.mark.parametrize("by", ["agent", "caller", "system"])
def test_who_ended_the_call_is_recorded(clock: ManualClock, by: str) -> None:
    call = talking(clock)
    call.hang_up(by)  # type: ignore[arg-type]
    assert call.ended_by == by
    assert call.events[-1].data["by"] == by


def test_unknown_party_is_a_programming_error(clock: ManualClock) -> None:
    call = talking(clock)
    with pytest.raises(ValueError):
        call.hang_up("nobody")  # type: ignore[arg-type]
    assert call.state is CallState.TALKING


def test_outbound_direction_is_logged(clock: ManualClock) -> None:
    call = Call.ring("13800138000", clock=clock, direction=CallDirection.OUTBOUND)
    assert call.direction == "outbound"
    assert call.events[0].data["direction"] == "outbound"


def test_both_catalogs_have_the_call_messages() -> None:
    ids = {"call.invalid_transition", "call.out_of_order", "call.invalid_log"}
    ids.add("call.surname_empty")
    for lang in ("zh_CN", "en"):
        with resources.path("messages", f"{lang}.json").open(encoding="utf-8") as f:
            catalog = json.load(f)
        assert ids <= catalog.keys(), lang


# --- transfer (GS 15.4.2, PR 一) -----------------------------------------------------------


@pytest.mark.parametrize("state", [s for s in CallState if s is not CallState.TALKING])
def test_a_transfer_is_refused_unless_talking(clock: ManualClock, state: CallState) -> None:
    call = new_call(clock)
    for command in REACH[state]:
        clock.advance(S)
        COMMANDS[command](call)
    before = call.events
    with pytest.raises(CallFlowError) as refused:
        call.transfer("坐席08")
    assert refused.value.message_id == "call.transfer_not_talking"
    assert call.events == before and call.state is state


def test_a_transfer_comes_after_please_wait_and_ends_the_agents_part(clock: ManualClock) -> None:
    call = talking(clock)
    with pytest.raises(CallFlowError) as refused:
        call.transfer("坐席08")
    assert refused.value.message_id == "call.transfer_say_first"
    call.say(TRANSFER_LINE)
    clock.advance(S)
    call.transfer("坐席08")
    assert call.state is CallState.WRAP_UP and call.ended_by == "agent"
    assert [e.kind for e in call.events][-3:] == [
        EventKind.PHRASE,
        EventKind.TRANSFER,
        EventKind.HANG_UP,
    ]
    assert call.transferred_to == "坐席08"
    again = Call.replay(list(call.events), clock=clock)
    assert again.events == call.events and again.transferred_to == "坐席08"


def test_a_transferred_call_remembers_where_it_came_from(clock: ManualClock) -> None:
    call = Call.ring("13800138000", clock=clock, transferred_from="a-call-id")
    assert call.transferred_from == "a-call-id"
    assert Call.replay(list(call.events), clock=clock).transferred_from == "a-call-id"
    assert new_call(clock).transferred_from is None


def test_a_consultation_holds_the_caller_and_ends_in_a_transfer_or_a_return(
    clock: ManualClock,
) -> None:
    call = talking(clock)
    with pytest.raises(CallFlowError) as refused:
        call.consult("坐席08")
    assert refused.value.message_id == "call.transfer_say_first"
    call.say(TRANSFER_LINE)
    call.consult("坐席08")
    assert call.state is CallState.ON_HOLD and call.consulting == "坐席08"
    with pytest.raises(CallFlowError) as refused:
        call.transfer("坐席09")  # not the seat the agent spoke to
    assert refused.value.message_id == "call.transfer_not_consulted"
    clock.advance(S)
    call.resume()  # back to the caller
    assert call.consulting is None and call.state is CallState.TALKING
    call.hold()  # a plain hold is no consultation
    with pytest.raises(CallFlowError) as refused:
        call.transfer("坐席08")
    assert refused.value.message_id == "call.transfer_not_talking"
    call.resume()
    call.consult("坐席08")
    clock.advance(S)
    call.transfer("坐席08")
    assert call.state is CallState.WRAP_UP and call.transferred_to == "坐席08"
    again = Call.replay(list(call.events), clock=clock)
    assert again.events == call.events and again.total_hold() == call.total_hold()
