"""The telephony boundary: how calls reach a seat, and how the console controls them.

The console sees a telephone line only through ``Telephony``: it waits for events as
they arrive (``wait_events``, on a reader thread: ``IncomingCall``, ``CallerHungUp``,
``CallConnected``, ``CallTransferred``, ``CallDropped``, ``LineDown`` / ``LineUp``,
``CommandFailed``) and sends call-control commands (answer, hold, resume, hang up,
dial, transfer, consult). Two adapters implement it: ``SimulatedSwitch`` here, the
call simulator for demos and training (``python main.py ring --seat SEAT --from
NUMBER`` writes a row to ``switch_signals`` in the shared database and the seat's
running console picks it up, across processes and machines: on PostgreSQL the ring
wakes the seat through LISTEN/NOTIFY, on SQLite the seat looks for it every 50 ms with
a read that takes no lock), and
``console.telephony.softphone.BaresipLine``, the seat's real SIP user agent. Nothing
above this module knows which one it has.

Signals are not business records: they carry no job number, need no signed-in session
and are written in plain transactions on the runtime's engine.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Connection, func, insert, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased

from console.core.checks import check_call_id, check_number
from console.core.clock import Clock
from console.core.errors import UserFacingError
from console.core.unit import translated
from console.core.vocabulary import SCREEN_LOCKED, AgentState, SeatCode, SwitchSignalKind
from db.engine import Database, translate_errors
from db.models import Agent, AgentSession, AgentStateEvent, Seat, SwitchSignal

log = logging.getLogger(__name__)

# A ring nobody picked up for this long is over: the caller has given up.
STALE_RING = timedelta(minutes=2)
# Signals taken in one poll; the rest are taken by the next one, at once.
POLL_BATCH = 50
MAX_SEAT = 64
# PostgreSQL: every ring and hang-up the simulator writes is announced on this channel
# with the seat as payload (one channel: a seat code need not be a valid identifier).
SIGNAL_CHANNEL = "switch_signals"
# SQLite has no notifications: a seat looks for a pending signal this often. The look
# is one indexed read without a write lock, so other seats never wait on it.
SQLITE_LOOK_S = 0.05
# A wait on PostgreSQL listens in slices this long, so a dial or ``close`` is seen soon.
LISTEN_SLICE_S = 0.2
# A listening seat still takes its signals this often: a signal written without a
# notification (an older ``ring`` during an upgrade, a hand-made row) waits no longer.
SAFETY_LOOK_S = 2.0


@dataclass(frozen=True)
class IncomingCall:
    """The line rings. ``ref`` identifies the call (the console uses it as the call id);
    ``number`` is the caller number the switch shows, None when withheld; ``at`` is the
    seat's clock when the console learnt of it."""

    ref: str
    number: str | None
    at: datetime
    # The call this one continues when another seat transferred the caller here (the
    # simulator knows it; a SIP line does not say), so the record links the two.
    transferred_from: str | None = None


@dataclass(frozen=True)
class CallerHungUp:
    """The far end put the phone down (the caller; for a dialled call, the customer, or
    the network on busy / no answer). ``ref`` may name a call this seat never saw.
    ``reason`` is what the line said, for the agent's eyes ("486 Busy Here"); may be
    empty."""

    ref: str
    at: datetime
    reason: str = ""


@dataclass(frozen=True)
class CallConnected:
    """The far end answered: a dialled call is connected (or the line confirms an
    answered incoming call). Said at most once per call."""

    ref: str
    at: datetime


@dataclass(frozen=True)
class CallTransferred:
    """The line has carried out the transfer of ``ref`` (``transfer`` or
    ``complete_transfer``): the caller is with the target and this seat is off the
    call. Only now is the transfer a fact to record; until then the caller is still on
    this seat's line, and a transfer that fails comes as ``CommandFailed`` (action
    ``transfer``) instead."""

    ref: str
    at: datetime


@dataclass(frozen=True)
class CallDropped:
    """The line lost the call: nobody hung up (the softphone crashed or restarted, or
    refused to place a dial). The console ends the call as ``system`` and keeps its
    record. ``message_id`` / ``params`` say why, for ``console.core.messages``."""

    ref: str
    at: datetime
    message_id: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LineDown:
    """The line cannot carry calls now (the softphone is not running, its control port
    closed, registration failed). Said once per outage; calls on the desk stay."""

    at: datetime
    message_id: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LineUp:
    """The line works again after ``LineDown``."""

    at: datetime


@dataclass(frozen=True)
class CommandFailed:
    """A call-control command for ``ref`` did not take effect on the line (the
    softphone refused it). The console's call state is not rolled back: the agent sees
    why and acts on the phone if need be."""

    ref: str
    at: datetime
    action: str
    message_id: str
    params: dict[str, str] = field(default_factory=dict)


TelephonyEvent = (
    IncomingCall
    | CallerHungUp
    | CallConnected
    | CallTransferred
    | CallDropped
    | LineDown
    | LineUp
    | CommandFailed
)


class Telephony(Protocol):
    """What the console needs from a telephone line. Implementations are Qt-free.

    Commands never block on the line and never raise for line trouble: they are sent
    in the background and what goes wrong comes back as events (``wait_events``).
    """

    @property
    def dials_out(self) -> bool:
        """True when ``dial`` reaches a real telephone (the callback and notification
        desks then offer to dial); the simulator only pretends."""
        ...

    @property
    def reaches_seats(self) -> bool:
        """True when a transfer may name a seat of the register (the simulator moves the
        caller to it over the shared database); a softphone dials numbers only, so a
        seat is reached by its extension, typed as a number."""
        ...

    def poll(self) -> list[TelephonyEvent]:
        """Events since the last poll, oldest first. Non-blocking; safe on a worker
        thread. Each event is returned once (by ``poll`` or ``wait_events``)."""
        ...

    def wait_events(self, timeout: float) -> list[TelephonyEvent]:
        """Events as they arrive: blocks until there is at least one, then returns all
        there are, oldest first; [] after ``timeout`` seconds (or once closed). For one
        reader thread (``ui.telephony.switchboard``): the console hears of a ring the
        moment the line does, with no poll interval in between."""
        ...

    def answer(self, ref: str) -> None:
        """Pick up the ringing call ``ref``."""
        ...

    def hold(self, ref: str) -> None:
        """Put the call on hold (the caller hears the hold music)."""
        ...

    def resume(self, ref: str) -> None:
        """Take the call off hold."""
        ...

    def hang_up(self, ref: str) -> None:
        """The agent ends the call (a ringing call is rejected, a dialled one cancelled)."""
        ...

    def transfer(self, ref: str, target: str) -> None:
        """Blind transfer: hand the caller of ``ref`` to ``target`` (a seat code or a
        number) and leave the call. ``CallTransferred`` says when the line has done
        it (the caller rings there; this seat's part of the call is over and no
        ``CallerHungUp`` follows for it). What the line can tell at once (a seat not
        signed in or not ready, this very seat, a bad number) raises
        ``UserFacingError`` and nothing happens; a refusal later comes as
        ``CommandFailed`` (action ``transfer``), and the caller is still on the call."""
        ...

    def consult(self, ref: str, target: str) -> str:
        """Attended transfer, first step: the caller of ``ref`` holds while ``target``
        is called; returns the consultation call's ref. Then ``complete_transfer``
        hands the caller over or ``end_consult`` goes back to them. Refused at once as
        ``transfer`` is."""
        ...

    def complete_transfer(self, ref: str, consult_ref: str) -> None:
        """The target consulted takes the caller of ``ref``; this seat leaves both
        calls (no ``CallerHungUp`` follows for either). Confirmed and refused as
        ``transfer`` is: ``CallTransferred`` or ``CommandFailed``."""
        ...

    def end_consult(self, ref: str, consult_ref: str) -> None:
        """The consultation ends without a transfer; the caller of ``ref`` is back."""
        ...

    def dial(self, number: str) -> str:
        """Call ``number`` (a callback, a notification); returns the new call's ref.
        ``CallConnected`` follows when the customer answers, ``CallerHungUp`` when the
        call ends at the far end (busy, no answer, hung up)."""
        ...

    def close(self) -> None:
        """Release the line; no events after this."""
        ...


Connectable = Engine | Database


def _engine(db: Connectable) -> Engine:
    return db.engine if isinstance(db, Database) else db


@contextmanager
def _transaction(engine: Engine) -> Iterator[Connection]:
    """One short transaction with the database's refusals turned into user-facing ones.

    On SQLite the engine begins with BEGIN IMMEDIATE (db/engine.py), so two pollers of
    one seat take turns; on PostgreSQL the poll locks its rows with SKIP LOCKED.
    """
    with translated(), translate_errors(), engine.begin() as conn:
        yield conn


def _db_now(conn: Connection) -> datetime:
    """The database clock, which decides what is stale.

    PostgreSQL's own clock, shared by every machine. The embedded SQLite file lives on
    this machine, so its clock is the machine's: what SQLite's ``'now'`` reads, not the
    seat's injectable clock (a training session may have set that anywhere).
    """
    if conn.dialect.name == "postgresql":
        now: datetime = conn.execute(text("SELECT clock_timestamp()")).scalar_one()
        return now.astimezone(UTC)
    return datetime.now(UTC)


def check_seat(seat: str) -> SeatCode:
    if not isinstance(seat, str) or not seat.strip():
        raise UserFacingError("switch.no_seat")
    seat = seat.strip()
    if "\x00" in seat or len(seat) > MAX_SEAT:
        raise UserFacingError("input.invalid", field="seat")
    return SeatCode(seat)


def _checked_number(number: str | None) -> str | None:
    try:
        return check_number(number)
    except UserFacingError as e:
        if e.message_id == "input.invalid":
            raise UserFacingError("switch.bad_number", number=str(number)[:40]) from e
        raise


class SimulatedSwitch:
    """``Telephony`` over the shared database: the call simulator's line.

    ``poll`` takes the seat's undelivered signals and marks them delivered in the same
    transaction, so when two consoles poll one seat exactly one gets each signal.

    The call-control commands are no-ops: the simulated line has no far end to put on
    hold or hang up on; the console's own call state machine is the whole truth. The
    switch keeps no state in memory either, so a console restarted mid-shift picks up
    exactly the signals it had not yet taken. A dial is answered at once by nobody: the
    next poll says ``CallConnected`` (training rehearses the flow; ``dials_out`` is False
    so the desks do not pretend to reach a customer).

    ``wait_events`` learns of a new signal without polling on PostgreSQL: it LISTENs on
    ``SIGNAL_CHANNEL`` on a connection of its own (taken out of the engine's pool, so
    the seat's pool keeps its size), and ``send_ring`` / ``send_caller_hang_up``
    NOTIFY in the transaction that writes the signal. On SQLite it looks every
    ``SQLITE_LOOK_S``.
    """

    dials_out = False
    reaches_seats = True

    def __init__(self, engine_or_database: Connectable, seat: str, clock: Clock) -> None:
        self._engine = _engine(engine_or_database)
        self._seat = check_seat(seat)
        self._clock = clock
        self._said: list[TelephonyEvent] = []  # what the line did itself (a dial, a transfer)
        self._said_lock = threading.Lock()
        self._wake = threading.Event()  # a dial, a transfer or close: stop waiting for the database
        self._closed = False
        self._listen_lock = threading.Lock()  # the listener is used by one wait at a time
        # The psycopg connection LISTENing (PostgreSQL; none or one), closed with the
        # switch even when nobody calls ``close`` (a window that did not own its line).
        self._listening: list[Any] = []
        weakref.finalize(self, _close_listeners, self._listening)
        self._on_postgresql = self._engine.dialect.name == "postgresql"
        self._look = True  # take the seat's signals at the next wait
        self._looked_at = 0.0  # time.monotonic() of the last time they were taken

    @property
    def seat(self) -> str:
        return self._seat

    def poll(self) -> list[TelephonyEvent]:
        with self._said_lock:
            said, self._said = self._said, []
        return said + self._poll_signals()

    def wait_events(self, timeout: float) -> list[TelephonyEvent]:
        """Takes signals only when there is reason to: a notification for this seat
        (PostgreSQL), a pending row seen by the lock-free look (SQLite), a dial or a
        transfer, a new listener (what came while nobody listened) or a full batch
        just taken."""
        deadline = time.monotonic() + timeout
        with self._listen_lock:
            while not self._closed:
                self._wake.clear()
                listening = self._listen()
                on_sqlite = not self._on_postgresql
                if time.monotonic() - self._looked_at > SAFETY_LOOK_S:
                    self._look = True
                if self._look or self._said or (on_sqlite and self._pending_on_sqlite()):
                    self._looked_at = time.monotonic()
                    events = self.poll()  # raises while the database is away: look again
                    self._look = bool(events)  # a batch may have left more behind
                    if events:
                        return events
                left = deadline - time.monotonic()
                if left <= 0:
                    return []
                if listening:
                    self._look = self._hear_ring(min(left, LISTEN_SLICE_S))
                elif self._on_postgresql:  # no listener now (the database is away)
                    self._wake.wait(min(left, LISTEN_SLICE_S))
                    self._look = True
                else:
                    self._wake.wait(min(left, SQLITE_LOOK_S))
            self._unlisten()
            return []

    def _listen(self) -> bool:
        """LISTEN on PostgreSQL (once; again after a lost connection). False on SQLite,
        or when the listening connection cannot be made now (the poll says why)."""
        if not self._on_postgresql:
            return False
        if self._listening:
            return True
        try:
            raw = self._engine.raw_connection()
            pg: Any = raw.driver_connection  # psycopg's (the pool's checks passed)
            raw.detach()  # a connection of its own: the pool may open another in its place
        except Exception as e:  # the database is away: the poll reports it
            log.debug("cannot listen for rings now: %s", e)
            return False
        try:
            pg.autocommit = True
            pg.execute(f"LISTEN {SIGNAL_CHANNEL}")
        except Exception as e:
            log.debug("cannot listen for rings now: %s", e)
            pg.close()
            return False
        self._listening.append(pg)
        self._look = True  # what came while nobody listened
        return True

    def _hear_ring(self, seconds: float) -> bool:
        """Wait up to ``seconds`` for a notification for this seat: True when one came
        (or the listener was lost: look, the poll says what is wrong)."""
        import psycopg

        try:
            for note in self._listening[0].notifies(timeout=seconds):
                if note.payload == self._seat:
                    return True
        except psycopg.Error as e:
            log.warning("the ring listener lost its connection: %s", e)
            self._unlisten()
            return True
        return False

    def _unlisten(self) -> None:
        _close_listeners(self._listening)

    def _pending_on_sqlite(self) -> bool:
        """Whether a signal waits for this seat: one indexed read in autocommit mode,
        without the BEGIN IMMEDIATE of the engine's transactions."""
        raw = self._engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute(
                "SELECT 1 FROM switch_signals WHERE seat_code = ? AND delivered_at IS NULL LIMIT 1",
                (self._seat,),
            )
            return cur.fetchone() is not None
        finally:
            raw.close()

    def _poll_signals(self) -> list[TelephonyEvent]:
        with _transaction(self._engine) as conn:
            pending = (
                select(
                    SwitchSignal.id,
                    SwitchSignal.kind,
                    SwitchSignal.call_ref,
                    SwitchSignal.caller_number,
                    SwitchSignal.created_at,
                    SwitchSignal.transferred_from,
                )
                .where(SwitchSignal.seat_code == self._seat, SwitchSignal.delivered_at.is_(None))
                .order_by(SwitchSignal.id)
                .limit(POLL_BATCH)
                # Another console polling this seat skips what this one holds; SQLite
                # ignores the clause and serialises the two transactions instead.
                .with_for_update(skip_locked=True)
            )
            rows = conn.execute(pending).all()
            if not rows:
                return []
            db_now = _db_now(conn)
            conn.execute(
                update(SwitchSignal)
                .where(
                    SwitchSignal.id.in_([r.id for r in rows]),
                    SwitchSignal.delivered_at.is_(None),
                )
                .values(delivered_at=db_now)
            )
        at = self._clock.now()
        events: list[TelephonyEvent] = []
        for r in rows:
            if r.kind == SwitchSignalKind.INCOMING:
                if db_now - r.created_at > STALE_RING:
                    continue  # the caller gave up long ago: nothing to pop
                events.append(IncomingCall(r.call_ref, r.caller_number, at, r.transferred_from))
            elif r.kind == SwitchSignalKind.CALLER_HANG_UP:
                events.append(CallerHungUp(r.call_ref, at))
        return events

    def answer(self, ref: str) -> None:
        """No-op: a simulated call is connected as soon as the console says so."""

    def hold(self, ref: str) -> None:
        """No-op: there is no caller on the line to play hold music to."""

    def resume(self, ref: str) -> None:
        """No-op, as ``hold``."""

    def hang_up(self, ref: str) -> None:
        """No-op: no far end to release. A later ``hang-up`` from the simulator for this
        call still arrives, and the console ignores it as it would a late switch signal."""

    def transfer(self, ref: str, target: str) -> None:
        """To a seat: the caller rings there as a new call (its own record, at the
        seat that takes it) that names this one as where it came from; refused unless
        that seat is signed in and 就绪. To a number: the caller leaves the simulated
        switch (there is no far end to ring). Done at once: ``CallTransferred``
        follows at the next wait."""
        self._ring_target(ref, target, numbers=True)
        self._confirm(CallTransferred(ref, self._clock.now()))

    def consult(self, ref: str, target: str) -> str:
        """The seat consulted rings with the caller's number (its card shows whom it
        is asked to take), as the call that becomes the caller's there once the
        transfer is completed. Only seats: a number has no far end to speak to here."""
        consult_ref = self._ring_target(ref, target, numbers=False)
        if consult_ref is None:
            raise UserFacingError("switch.consult_seats_only")
        return consult_ref

    def complete_transfer(self, ref: str, consult_ref: str) -> None:
        """Nothing to carry: the seat consulted already has the caller's call. Done,
        as ``transfer`` says."""
        self._confirm(CallTransferred(check_call_id(ref), self._clock.now()))

    def end_consult(self, ref: str, consult_ref: str) -> None:
        """The seat consulted hears the consultation hang up."""
        consult_ref = check_call_id(consult_ref)
        with _transaction(self._engine) as conn:
            seat = conn.execute(
                select(SwitchSignal.seat_code)
                .where(
                    SwitchSignal.call_ref == consult_ref,
                    SwitchSignal.kind == SwitchSignalKind.INCOMING,
                )
                .limit(1)
            ).scalar_one_or_none()
            if seat is not None:
                _insert(conn, SeatCode(seat), SwitchSignalKind.CALLER_HANG_UP, consult_ref, None)

    def _ring_target(self, ref: str, target: str, *, numbers: bool) -> str | None:
        """Ring the seat ``target`` with the caller of ``ref``, linked to it; returns
        the new call's ref, or None for a number (checked, then left to the caller)."""
        ref = check_call_id(ref)
        target = target.strip() if isinstance(target, str) else ""
        if not target:
            raise UserFacingError("switch.transfer_no_target")
        with _transaction(self._engine) as conn:
            if not _is_seat(conn, target):
                _checked_number(target)
                if not numbers:
                    raise UserFacingError("switch.consult_seats_only")
                return None
            seat = check_seat(target)
            if seat == self._seat:
                raise UserFacingError("switch.transfer_own_seat", seat=seat)
            _refuse_unless_offered(conn, seat, offered=_TAKES_TRANSFER)
            number = conn.execute(
                select(SwitchSignal.caller_number)
                .where(
                    SwitchSignal.seat_code == self._seat,
                    SwitchSignal.call_ref == ref,
                    SwitchSignal.kind == SwitchSignalKind.INCOMING,
                )
                .limit(1)
            ).scalar_one_or_none()
            new_ref = str(uuid.uuid4())
            _insert(conn, seat, SwitchSignalKind.INCOMING, new_ref, number, transferred_from=ref)
        return new_ref

    def dial(self, number: str) -> str:
        """No far end: the simulated customer "answers" at the next poll."""
        _checked_number(number)
        ref = str(uuid.uuid4())
        self._confirm(CallConnected(ref, self._clock.now()))
        return ref

    def _confirm(self, event: TelephonyEvent) -> None:
        """What the simulated line did itself, said at the next poll or wait."""
        with self._said_lock:
            self._said.append(event)
        self._wake.set()

    def close(self) -> None:
        """Stop listening (the engine belongs to the runtime that passed it in)."""
        self._closed = True
        self._wake.set()
        with self._listen_lock:  # a wait in progress sees ``_closed`` within a slice
            self._unlisten()


def _close_listeners(listening: list[Any]) -> None:
    while listening:
        try:
            listening.pop().close()
        except Exception as e:  # already gone with the server
            log.debug("closing the ring listener: %s", e)


# The states in which a seat is offered a call. A seat on a call or in wrap-up is too:
# its console logs the call as missed and releases it busy, as a switch would see it.
_OFFERED = frozenset({AgentState.READY, AgentState.ON_CALL, AgentState.WRAP_UP})
# A transfer goes only to a seat that can take the caller now: a busy seat would log
# the call as missed and the caller, already waiting once, would be lost.
_TAKES_TRANSFER = frozenset({AgentState.READY})


def _is_seat(conn: Connection, target: str) -> bool:
    return conn.execute(select(Seat.code).where(Seat.code == target)).first() is not None


@dataclass(frozen=True)
class TransferSeat:
    """A seat a call can be transferred to now: signed in and 就绪."""

    seat: SeatCode
    job_no: str
    name: str


def transfer_seats(db: Connectable, own_seat: str) -> list[TransferSeat]:
    """The seats other than ``own_seat`` that take a transfer now (signed in, 就绪),
    by seat code: what the transfer dialog offers."""
    with _transaction(_engine(db)) as conn:
        now = _db_now(conn)
        each = aliased(AgentStateEvent)
        latest = (
            select(func.max(each.id))
            .where(each.session_id == AgentSession.id)
            .correlate(AgentSession)
            .scalar_subquery()
        )
        rows = conn.execute(
            select(AgentSession.seat, AgentSession.job_no, Agent.name, AgentStateEvent.state)
            .join(Agent, Agent.id == AgentSession.agent_id)
            .join(AgentStateEvent, AgentStateEvent.id == latest)
            .where(
                AgentSession.ended_at.is_(None),
                AgentSession.lease_until > now,
                AgentSession.seat != own_seat,
            )
            .order_by(AgentSession.seat)
        ).all()
    return [
        TransferSeat(SeatCode(r.seat), r.job_no, r.name)
        for r in rows
        if AgentState(r.state) in _TAKES_TRANSFER
    ]


def _signed_in_session(
    conn: Connection, seat: SeatCode, signed_out: str = "switch.seat_signed_out"
) -> int:
    """The live session at ``seat``; a seat that is not in the register, or where no one
    is signed in, is refused by name (a typo in --seat must not pass silently)."""
    if conn.execute(select(Seat.code).where(Seat.code == seat)).first() is None:
        raise UserFacingError("switch.seat_unknown", seat=seat)
    session_id = conn.execute(
        select(AgentSession.id).where(
            AgentSession.seat == seat,
            AgentSession.ended_at.is_(None),
            AgentSession.lease_until > _db_now(conn),
        )
    ).scalar_one_or_none()
    if session_id is None:
        raise UserFacingError(signed_out, seat=seat)
    return int(session_id)


def _refuse_unless_offered(
    conn: Connection, seat: SeatCode, offered: frozenset[AgentState] = _OFFERED
) -> None:
    """A ring reaches only a seat that takes calls (R1.6): someone signed in (a live
    lease), and 就绪 — not 未就绪, 小休 or a locked screen. A switch would route the
    call elsewhere; the simulator says why it did not ring."""
    session_id = _signed_in_session(conn, seat)
    last = conn.execute(
        select(AgentStateEvent.state, AgentStateEvent.reason)
        .where(AgentStateEvent.session_id == session_id)
        .order_by(AgentStateEvent.id.desc())
        .limit(1)
    ).one_or_none()
    state = AgentState(last.state) if last is not None else AgentState.NOT_READY
    if state in offered:
        return
    if state in (AgentState.ON_CALL, AgentState.WRAP_UP):
        raise UserFacingError("switch.seat_busy", seat=seat)
    if state is AgentState.NOT_READY and last is not None and last.reason == SCREEN_LOCKED:
        raise UserFacingError("switch.seat_locked", seat=seat)
    if state is AgentState.BREAK:
        raise UserFacingError("switch.seat_on_break", seat=seat)
    raise UserFacingError("switch.seat_not_ready", seat=seat)


def send_ring(db: Connectable, seat: str, number: str | None, *, ref: str | None = None) -> str:
    """Ring ``seat`` from ``number`` (None: number withheld); returns the call's ref.

    Only a seat that takes calls is rung (:func:`_refuse_unless_offered`); a ring not
    picked up goes stale after ``STALE_RING``. ``ref`` lets a caller choose the call's
    id (a UUID); by default a fresh one is made.
    """
    seat = check_seat(seat)
    number = _checked_number(number)
    call_ref = check_call_id(ref) if ref is not None else str(uuid.uuid4())
    with _transaction(_engine(db)) as conn:
        _refuse_unless_offered(conn, seat)
        _insert(conn, seat, SwitchSignalKind.INCOMING, call_ref, number)
    return call_ref


def send_caller_hang_up(db: Connectable, seat: str, ref: str | None = None) -> str | None:
    """The caller of ``ref`` hangs up (None: the seat's latest call). Returns the ref,
    or None when the seat has never been rung. A seat that is not registered or where
    no one is signed in is refused, as for :func:`send_ring`."""
    seat = check_seat(seat)
    engine = _engine(db)
    with _transaction(engine) as conn:
        _signed_in_session(conn, seat, signed_out="switch.hang_up_signed_out")
    if ref is None:
        with _transaction(engine) as conn:
            ref = conn.execute(
                select(SwitchSignal.call_ref)
                .where(
                    SwitchSignal.seat_code == seat, SwitchSignal.kind == SwitchSignalKind.INCOMING
                )
                .order_by(SwitchSignal.id.desc())
                .limit(1)
            ).scalar_one_or_none()
        if ref is None:
            return None
    else:
        ref = check_call_id(ref)
    with _transaction(engine) as conn:
        _insert(conn, seat, SwitchSignalKind.CALLER_HANG_UP, ref, None)
    return ref


def _insert(
    conn: Connection,
    seat: SeatCode,
    kind: SwitchSignalKind,
    call_ref: str,
    number: str | None,
    *,
    transferred_from: str | None = None,
) -> None:
    conn.execute(
        insert(SwitchSignal).values(
            seat_code=seat,
            kind=kind,
            call_ref=call_ref,
            caller_number=number,
            created_at=_db_now(conn),
            transferred_from=transferred_from,
        )
    )
    if conn.dialect.name == "postgresql":
        # Delivered at commit, to every listening seat; the seat named wakes at once.
        conn.execute(select(func.pg_notify(SIGNAL_CHANNEL, seat)))
