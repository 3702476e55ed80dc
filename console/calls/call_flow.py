"""The life of one call as an explicit state machine, with its event log (SPEC R2).

States and the commands that move between them (anything else is refused with
``call.invalid_transition``, and the call is left exactly as it was)::

    state      command                   next state   notes
    ---------  ------------------------  -----------  ------------------------------
    (none)     Call.ring(number, at)     ringing      starts the call and its log
    ringing    answer(at)                talking
    ringing    hang_up("caller", at)     abandoned    the caller gave up before answer
    ringing    hang_up("agent"|"system") missed       declined at the seat, or the
                                                      switch stopped ringing (timeout)
    talking    hold(at)                  on_hold
    on_hold    resume(at)                talking
    talking    hang_up(by, at)           wrap_up      who ended it is recorded (R2.9)
    talking    transfer(target, at)      wrap_up      blind transfer (GS 15.4.2), once
                                                      TRANSFER_LINE was said: the
                                                      agent leaves, the caller goes on
    talking    consult(target, at)       on_hold      attended transfer: the caller
                                                      holds while the agent consults
                                                      ``target`` (TRANSFER_LINE first)
    on_hold    transfer(target, at)      wrap_up      … completed, to the seat consulted
    on_hold    resume(at)                talking      … or back to the caller
    on_hold    hang_up(by, at)           wrap_up      the hold ends with the call
    wrap_up    finish_wrap_up(at)        done
    wrap_up, done, missed, abandoned:
               hang_up(...)              (same)       ignored, returns False: both ends
                                                      of a softphone may report the
                                                      hang-up; the first report stands
    talking    say / taboo_hit / surname / verification   (same)   appended to the log
    on_hold, wrap_up: taboo_hit / surname / verification  (same)   (typing continues)

Time: every command takes an aware ``at``, or reads the injected clock when it is
omitted. An ``at`` earlier than the last logged event is refused with
``call.out_of_order`` (the log stays in time order, so compliance and timers can trust
it); an equal ``at`` is fine.

The event log (:attr:`Call.events`) is append-only: :class:`CallEvent` values are frozen
and the log is exposed as a tuple. It is what is stored with the call record and what
:mod:`console.calls.compliance` scores. The ``ring`` event carries the policy in force
(ring interval, answer-within rings), so a stored log is scored by the rules it was
taken under.

Timers (R2.1, R2.8), derived from the log and a moment ``now``:

* rings: the first ring sounds at the ring event, another every ``ring_interval``
  (default 3 s — configurable; for reference, the Chinese public-network ringing cadence
  is 1 s on, 4 s off, i.e. 5 s per ring; the 3 s default is the stricter reading, and a
  centre whose softphone rings at the network cadence sets 5 s). An answer at elapsed
  time *e* is on ring ``floor(e / interval) + 1``: with 3 s rings, 8.999 s is ring 3
  and 9 s is ring 4. "Within N rings" means ring ≤ N (GS 15.2.3: N = 3; WD: N = 2).
* talk time: from the answer to the hang-up, holds included — the caller is on the line
  all along, and GS 15.2.8 "尽量在3分钟内为客户解决问题" is about the whole call. Marks at
  1 minute (GS 15.2.9: offer a call back if it cannot be solved now) and 3 minutes
  (GS 15.2.8 target), each reported once by :meth:`Call.due_marks`.
* hold: the current hold and the total over all holds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from console.core.clock import Clock
from console.core.errors import UserFacingError
from console.core.vocabulary import (
    CallChannel,
    CallDirection,
    CallState,
    EndedBy,
    Title,
    Verification,
)

__all__ = [
    "Call",
    "CallEvent",
    "CallFlowError",
    "CallPolicy",
    "CallState",  # the vocabulary's (console/core/vocabulary.py), the machine's states
    "EventKind",
    "TalkMark",
    "ring_number",
]


class EventKind(StrEnum):
    RING = "ring"
    ANSWER = "answer"
    HOLD = "hold"
    RESUME = "resume"
    HANG_UP = "hang_up"
    WRAP_UP_DONE = "wrap_up_done"
    PHRASE = "phrase"  # a phrase the agent said: phrase_id, by_surname
    TABOO_HIT = "taboo_hit"  # from the taboo checker: entry_id, kind (taboo|jargon)
    SURNAME = "surname"  # the caller's surname became known: surname, title
    VERIFICATION = "verification"  # outcome of the verification form (R2.4)
    DISPATCHED = "dispatched"  # the case was dispatched during the call (GS 15.5.1): case_id
    TRANSFER = "transfer"  # the caller was handed to another seat or number: target
    CONSULT = "consult"  # the caller holds while the agent consults a seat: target


# The line said before a transfer (PR 接听电话: 需转电话时,先向对方说"请稍等"; GS 15.4.2
# names no wording): resources/phrases/zh_CN/special.yaml.
TRANSFER_LINE = "handover"


class TalkMark(StrEnum):
    CALL_BACK_OFFER = "call_back_offer"  # 1 minute, GS 15.2.9
    TARGET = "target"  # 3 minutes, GS 15.2.8


class CallFlowError(UserFacingError):
    """A command the call's current state does not allow, or an event out of order."""


@dataclass(frozen=True)
class CallPolicy:
    """The configurable rules a call is timed against (settings supply them)."""

    ring_interval: timedelta = timedelta(seconds=3)
    answer_within_rings: int = 3  # GS 15.2.3; WD asks for 2
    call_back_offer_after: timedelta = timedelta(minutes=1)  # GS 15.2.9
    talk_target: timedelta = timedelta(minutes=3)  # GS 15.2.8

    def __post_init__(self) -> None:
        if self.ring_interval <= timedelta(0):
            raise ValueError("ring_interval must be positive")
        if self.answer_within_rings < 1:
            raise ValueError("answer_within_rings must be at least 1")

    def marks(self) -> tuple[tuple[timedelta, TalkMark], ...]:
        return tuple(
            sorted(
                [
                    (self.call_back_offer_after, TalkMark.CALL_BACK_OFFER),
                    (self.talk_target, TalkMark.TARGET),
                ]
            )
        )


@dataclass(frozen=True, slots=True)
class CallEvent:
    """One entry of a call's log. ``data`` holds plain JSON-able values."""

    kind: EventKind
    at: datetime
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def to_json(self) -> dict[str, Any]:
        """A plain dict for storing with the call record."""
        return {"kind": self.kind.value, "at": self.at.isoformat(), "data": dict(self.data)}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> CallEvent:
        return cls(
            EventKind(raw["kind"]),
            datetime.fromisoformat(raw["at"]),
            MappingProxyType(dict(raw.get("data") or {})),
        )


def ring_number(elapsed: timedelta, ring_interval: timedelta) -> int:
    """Which ring is sounding ``elapsed`` after the first one started (1-based)."""
    if elapsed < timedelta(0):
        return 1
    return math.floor(elapsed / ring_interval) + 1


# Which commands each state accepts, besides the always-ignored late hang-up.
_ALLOWED: dict[CallState, frozenset[str]] = {
    CallState.RINGING: frozenset({"answer", "hang_up"}),
    CallState.TALKING: frozenset(
        {
            "hold",
            "hang_up",
            "transfer",
            "consult",
            "say",
            "taboo_hit",
            "surname",
            "verification",
            "dispatched",
        }
    ),
    CallState.ON_HOLD: frozenset(
        {"resume", "hang_up", "transfer", "taboo_hit", "surname", "verification", "dispatched"}
    ),
    CallState.WRAP_UP: frozenset(
        {"finish_wrap_up", "taboo_hit", "surname", "verification", "dispatched"}
    ),
    CallState.DONE: frozenset(),
    CallState.MISSED: frozenset(),
    CallState.ABANDONED: frozenset(),
}


class Call:
    """One call: its state, its append-only event log and the timers derived from them.

    Build it with :meth:`ring` (or :meth:`replay` from a stored log); see the module
    docstring for the transition table.
    """

    def __init__(
        self,
        caller_number: str,
        direction: CallDirection,
        clock: Clock,
        policy: CallPolicy,
    ) -> None:
        self.caller_number = caller_number
        self.direction = direction
        self.policy = policy
        self._clock = clock
        self._state = CallState.RINGING
        self._events: list[CallEvent] = []
        self._holds: list[tuple[datetime, datetime | None]] = []
        self._reported_marks: set[TalkMark] = set()
        self._surname: tuple[str, str] | None = None

    # --- construction ------------------------------------------------------------

    @classmethod
    def ring(
        cls,
        caller_number: str,
        at: datetime | None = None,
        *,
        clock: Clock,
        policy: CallPolicy | None = None,
        direction: CallDirection = CallDirection.INBOUND,
        closing: str | None = None,
        channel: CallChannel = CallChannel.PHONE,
        transferred_from: str | None = None,
    ) -> Call:
        """A new call, ringing since ``at`` (default: now).

        ``transferred_from``: the call at another seat this one continues (a transfer).

        ``closing``: the closing that fits the day of the call (standard, holiday or
        weekend, console/content/greeting.py), logged so the score can check it was the
        one said (TN 结束语). ``channel``: a visit at the service hall has no ring.

        ``direction`` is ``"outbound"`` for callbacks and notifications the seat dials
        (R2.5); then ``caller_number`` is the number dialled and the ring timer is the
        customer's phone ringing, which the answer criterion does not score.
        """
        call = cls(caller_number, direction, clock, policy or CallPolicy())
        when = call._when(at)
        call._append(
            EventKind.RING,
            when,
            number=caller_number,
            direction=direction,
            ring_interval_s=call.policy.ring_interval.total_seconds(),
            answer_within_rings=call.policy.answer_within_rings,
            **({"closing": closing} if closing else {}),
            **({"channel": channel.value} if channel is not CallChannel.PHONE else {}),
            **({"transferred_from": transferred_from} if transferred_from else {}),
        )
        return call

    @classmethod
    def replay(
        cls, events: list[CallEvent], *, clock: Clock, policy: CallPolicy | None = None
    ) -> Call:
        """Rebuild a call from a stored log (R2.12: restore a call in progress)."""
        if not events or events[0].kind is not EventKind.RING:
            raise CallFlowError("call.invalid_log")
        first = events[0].data
        rebuilt = policy or CallPolicy(
            ring_interval=timedelta(seconds=float(first["ring_interval_s"])),
            answer_within_rings=int(first["answer_within_rings"]),
        )
        call = cls.ring(
            str(first["number"]),
            events[0].at,
            clock=clock,
            policy=rebuilt,
            direction=CallDirection(first.get("direction", CallDirection.INBOUND)),
            closing=first.get("closing"),
            channel=CallChannel(first.get("channel", CallChannel.PHONE)),
            transferred_from=first.get("transferred_from"),
        )
        for e in events[1:]:
            d = e.data
            match e.kind:
                case EventKind.ANSWER:
                    call.answer(e.at)
                case EventKind.HOLD:
                    call.hold(e.at)
                case EventKind.RESUME:
                    call.resume(e.at)
                case EventKind.HANG_UP:
                    call.hang_up(EndedBy(d["by"]), e.at)
                case EventKind.WRAP_UP_DONE:
                    call.finish_wrap_up(e.at)
                case EventKind.PHRASE:
                    call.say(d["phrase_id"], e.at, by_surname=bool(d.get("by_surname")))
                case EventKind.TABOO_HIT:
                    call.taboo_hit(d["entry_id"], e.at, kind=d.get("kind", "taboo"))
                case EventKind.SURNAME:
                    call.set_surname(d["surname"], Title(d["title"]), e.at)
                case EventKind.VERIFICATION:
                    call.record_verification(Verification(d["outcome"]), e.at)
                case EventKind.DISPATCHED:
                    call.dispatched(str(d["case_id"]), e.at)
                case EventKind.TRANSFER:  # its hang-up follows in the log
                    call._append(EventKind.TRANSFER, call._check("transfer", e.at), **d)
                case EventKind.CONSULT:  # after its hold in the log
                    call._append(EventKind.CONSULT, e.at, **d)
                case EventKind.RING:
                    raise CallFlowError("call.invalid_log")
        return call

    # --- state -------------------------------------------------------------------

    @property
    def state(self) -> CallState:
        return self._state

    @property
    def events(self) -> tuple[CallEvent, ...]:
        return tuple(self._events)

    @property
    def rang_at(self) -> datetime:
        return self._events[0].at

    @property
    def answered_at(self) -> datetime | None:
        return self._first_at(EventKind.ANSWER)

    @property
    def ended_at(self) -> datetime | None:
        return self._first_at(EventKind.HANG_UP)

    @property
    def ended_by(self) -> EndedBy | None:
        """Who ended the call (R2.9: the agent should not hang up first)."""
        for e in self._events:
            if e.kind is EventKind.HANG_UP:
                return EndedBy(e.data["by"])
        return None

    @property
    def surname(self) -> tuple[str, str] | None:
        """The caller's (surname, title) once known."""
        return self._surname

    # --- commands ----------------------------------------------------------------

    def answer(self, at: datetime | None = None) -> None:
        when = self._check("answer", at)
        self._append(EventKind.ANSWER, when, ring=self.ring_count(when))
        self._state = CallState.TALKING

    def hold(self, at: datetime | None = None) -> None:
        when = self._check("hold", at)
        self._append(EventKind.HOLD, when)
        self._holds.append((when, None))
        self._state = CallState.ON_HOLD

    def resume(self, at: datetime | None = None) -> None:
        when = self._check("resume", at)
        self._append(EventKind.RESUME, when)
        self._holds[-1] = (self._holds[-1][0], when)
        self._state = CallState.TALKING

    def hang_up(self, by: EndedBy, at: datetime | None = None) -> bool:
        """End the line. Returns False (and changes nothing) when it has already ended."""
        if by not in frozenset(EndedBy):
            raise ValueError(f"unknown party {by!r}")
        if self._state.ended:
            return False
        when = self._check("hang_up", at)
        previous = self._state
        self._append(EventKind.HANG_UP, when, by=by, state=previous.value)
        if previous is CallState.ON_HOLD:
            self._holds[-1] = (self._holds[-1][0], when)
        if previous is CallState.RINGING:
            self._state = CallState.ABANDONED if by == EndedBy.CALLER else CallState.MISSED
        else:
            self._state = CallState.WRAP_UP
        return True

    def transfer(self, target: str, at: datetime | None = None) -> None:
        """Blind transfer (GS 15.4.2: an agitated caller may be handed to someone else):
        the caller goes to ``target`` (a seat or a number) and the agent's part of the
        call ends, as hung up by the agent after the transfer, into wrap-up. Only while
        talking, and only once the caller was told to wait (``TRANSFER_LINE``, PR)."""
        consulted = self.consulting
        if consulted is not None:
            if target != consulted:  # the caller goes to whom the agent spoke to
                raise CallFlowError("call.transfer_not_consulted", seat=consulted)
        elif self._state is not CallState.TALKING:
            raise CallFlowError("call.transfer_not_talking", state=self._state.value)
        self._ready_to_transfer(target)
        when = self._check("transfer", at)
        self._append(EventKind.TRANSFER, when, target=target)
        self.hang_up(EndedBy.AGENT, when)

    def consult(self, target: str, at: datetime | None = None) -> None:
        """Attended transfer, first step: the caller is put on hold while the agent
        speaks to ``target``; then :meth:`transfer` to that target completes it, or
        :meth:`resume` returns to the caller. As for a blind transfer: only while
        talking, and once the caller was told to wait."""
        if self._state is not CallState.TALKING:
            raise CallFlowError("call.transfer_not_talking", state=self._state.value)
        self._ready_to_transfer(target)
        when = self._check("consult", at)
        self.hold(when)
        self._append(EventKind.CONSULT, when, target=target)

    @property
    def consulting(self) -> str | None:
        """The seat the agent is consulting while the caller holds (None otherwise)."""
        if self._state is not CallState.ON_HOLD:
            return None
        last_hold = max(i for i, e in enumerate(self._events) if e.kind is EventKind.HOLD)
        consult = self._events[last_hold + 1 :]
        return next((str(e.data["target"]) for e in consult if e.kind is EventKind.CONSULT), None)

    def _ready_to_transfer(self, target: str) -> None:
        if not target:
            raise CallFlowError("switch.transfer_no_target")
        if TRANSFER_LINE not in {str(e.data.get("phrase_id")) for e in self._phrases()}:
            raise CallFlowError("call.transfer_say_first")

    @property
    def transferred_to(self) -> str | None:
        """The seat or number the caller was handed to, if they were."""
        return next(
            (str(e.data["target"]) for e in self._events if e.kind is EventKind.TRANSFER), None
        )

    @property
    def transferred_from(self) -> str | None:
        """The call at another seat this one continues, if it was transferred here."""
        value = self._events[0].data.get("transferred_from")
        return str(value) if value else None

    def _phrases(self) -> list[CallEvent]:
        return [e for e in self._events if e.kind is EventKind.PHRASE]

    def finish_wrap_up(self, at: datetime | None = None) -> None:
        when = self._check("finish_wrap_up", at)
        self._append(EventKind.WRAP_UP_DONE, when)
        self._state = CallState.DONE

    def reopen_wrap_up(self) -> None:
        """Take back :meth:`finish_wrap_up` (the database refused to store the call as
        finished): the call is in wrap-up again, as the database still holds it."""
        if self._state is not CallState.DONE or self._events[-1].kind is not EventKind.WRAP_UP_DONE:
            raise CallFlowError("call.invalid_transition", action="reopen", state=self._state.value)
        self._events.pop()
        self._state = CallState.WRAP_UP

    def say(self, phrase_id: str, at: datetime | None = None, *, by_surname: bool = False) -> None:
        """The agent said a phrase (a greeting, script or special phrase id).

        ``by_surname``: the phrase addressed the caller as 姓 + 先生/女士 (R2.3).
        """
        when = self._check("say", at)
        self._append(EventKind.PHRASE, when, phrase_id=phrase_id, by_surname=by_surname)

    def taboo_hit(self, entry_id: str, at: datetime | None = None, *, kind: str = "taboo") -> None:
        """The taboo checker flagged something the agent typed (R2.10)."""
        when = self._check("taboo_hit", at)
        self._append(EventKind.TABOO_HIT, when, entry_id=entry_id, kind=kind)

    def set_surname(self, surname: str, title: Title, at: datetime | None = None) -> None:
        """The caller's surname and title became known (or were corrected, GS 15.2.5)."""
        if not surname.strip():
            raise CallFlowError("call.surname_empty")
        if title not in frozenset(Title):
            raise ValueError(f"title must be one of {list(Title)}")
        when = self._check("surname", at)
        self._append(EventKind.SURNAME, when, surname=surname.strip(), title=title)
        self._surname = (surname.strip(), title)

    def record_verification(self, outcome: Verification, at: datetime | None = None) -> None:
        """The outcome of the verification form (R2.4); a later one supersedes it."""
        if outcome not in frozenset(Verification):
            raise ValueError(f"unknown verification outcome {outcome!r}")
        when = self._check("verification", at)
        self._append(EventKind.VERIFICATION, when, outcome=outcome)

    def dispatched(self, case_id: str, at: datetime | None = None) -> None:
        """The case this call reported was dispatched now, while the caller is still on
        the line (GS 15.5.1 立即将报修转交相关部门): only then does the script say 已派单."""
        when = self._check("dispatched", at)
        self._append(EventKind.DISPATCHED, when, case_id=case_id)

    @property
    def dispatched_case(self) -> str | None:
        return next(
            (str(e.data["case_id"]) for e in self._events if e.kind is EventKind.DISPATCHED), None
        )

    # --- timers ------------------------------------------------------------------

    def ring_count(self, now: datetime | None = None) -> int:
        """The ring sounding at ``now`` while ringing; frozen at the answer or hang-up."""
        end = self.answered_at or self.ended_at or self._when(now)
        return ring_number(end - self.rang_at, self.policy.ring_interval)

    def answered_within_limit(self) -> bool | None:
        """Whether the answer came within the policy's rings (None if not answered)."""
        if self.answered_at is None:
            return None
        return self.ring_count() <= self.policy.answer_within_rings

    def talk_duration(self, now: datetime | None = None) -> timedelta:
        """From the answer to the hang-up (or ``now``), holds included."""
        if self.answered_at is None:
            return timedelta(0)
        end = self.ended_at or self._when(now)
        return max(end - self.answered_at, timedelta(0))

    def marks_reached(self, now: datetime | None = None) -> list[TalkMark]:
        talk = self.talk_duration(now)
        return [mark for after, mark in self.policy.marks() if talk >= after]

    def due_marks(self, now: datetime | None = None) -> list[TalkMark]:
        """The talk-time marks reached and not reported before (each comes once)."""
        fresh = [m for m in self.marks_reached(now) if m not in self._reported_marks]
        self._reported_marks.update(fresh)
        return fresh

    def next_mark_at(self) -> datetime | None:
        """When the next unreported mark is reached (None if none left or not talking)."""
        if self.answered_at is None or self._state.ended:
            return None
        for after, mark in self.policy.marks():
            if mark not in self._reported_marks:
                return self.answered_at + after
        return None

    def current_hold(self, now: datetime | None = None) -> timedelta:
        """How long the caller has been on hold in the hold under way (0 if none)."""
        if self._state is not CallState.ON_HOLD:
            return timedelta(0)
        return max(self._when(now) - self._holds[-1][0], timedelta(0))

    def total_hold(self, now: datetime | None = None) -> timedelta:
        """All holds of the call together, the one under way counted up to ``now``."""
        total = timedelta(0)
        for start, end in self._holds:
            total += (end or self._when(now)) - start
        return total

    @property
    def hold_count(self) -> int:
        return len(self._holds)

    # --- internals ---------------------------------------------------------------

    def _when(self, at: datetime | None) -> datetime:
        when = self._clock.now() if at is None else at
        if when.tzinfo is None:
            raise ValueError("call events need aware datetimes")
        return when

    def _check(self, command: str, at: datetime | None) -> datetime:
        if command not in _ALLOWED[self._state]:
            raise CallFlowError("call.invalid_transition", action=command, state=self._state.value)
        when = self._when(at)
        if self._events and when < self._events[-1].at:
            raise CallFlowError("call.out_of_order", action=command)
        return when

    def _append(self, event_kind: EventKind, at: datetime, /, **data: Any) -> None:
        self._events.append(CallEvent(event_kind, at, MappingProxyType(data)))

    def _first_at(self, kind: EventKind) -> datetime | None:
        return next((e.at for e in self._events if e.kind is kind), None)
