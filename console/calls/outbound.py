"""Outbound calls are calls (SPEC R10.2; GS 15.6): a callback, an outage
notice or a home-visit call the seat dials is a call record like an inbound one —
direction outbound, the line's own events, the outbound script's phrases, a compliance
score — made through the telephony boundary (the simulator or the softphone).

:class:`OutboundCall` is the call on a desk that dials (Qt-free; the dial bar drives it
on the GUI thread and saves its snapshots on a worker, like the call screen). Its rules
are the standard's:

* the customer answering is the answer; the far end hanging up is the customer hanging
  up (GS 15.6.4: the agent hangs up *after* the customer);
* recording the result never hangs up: the call goes on until a party ends it, and its
  wrap-up closes once both the line has ended and the result is recorded;
* a call the customer never answered (busy, no answer) ends there, with nothing to wrap
  up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from console.calls.call_desk import ActiveCall
from console.calls.call_flow import CallPolicy
from console.calls.verification import surname_of
from console.core.clock import Clock
from console.core.vocabulary import CallDirection, CallState, EndedBy, Intent, Title


@dataclass(frozen=True)
class Purpose:
    """What the seat calls for and whom: stored with the call record (its intent, the
    customer, and in ``details["outbound"]`` the item it was made for)."""

    intent: Intent  # callback (回访, home visits) or notification (停气通知)
    customer_id: int | None = None
    customer_name: str | None = None
    customer_title: str | None = None  # 先生 / 女士
    item: Mapping[str, Any] = field(default_factory=dict)  # {"callback_id": …}

    @property
    def surname(self) -> str | None:
        return surname_of(self.customer_name) if self.customer_name else None


class OutboundCall:
    """One dialled call on a desk; see the module docstring."""

    def __init__(self, active: ActiveCall, purpose: Purpose) -> None:
        self.active = active
        self.purpose = purpose
        self.result_recorded = False

    @classmethod
    def dial(
        cls,
        ref: str,
        number: str,
        purpose: Purpose,
        *,
        clock: Clock,
        policy: CallPolicy | None = None,
        at: datetime | None = None,
    ) -> OutboundCall:
        """The call the line placed as ``ref`` is ringing at the customer's."""
        active = ActiveCall.ring(
            ref, number, at, clock=clock, policy=policy, direction=CallDirection.OUTBOUND
        )
        active.edit(
            customer_id=purpose.customer_id,
            intent=purpose.intent,
            details={"outbound": dict(purpose.item)},
        )
        return cls(active, purpose)

    @property
    def ref(self) -> str:
        return self.active.call_id

    @property
    def connected(self) -> bool:
        return self.active.state.connected

    @property
    def finished(self) -> bool:
        return self.active.finished

    def answered(self, at: datetime | None = None) -> None:
        """The customer picked up: the conversation starts, with the customer's name
        known from the record (the first question asks for them by it, TN 外拨首问语)."""
        if self.active.state is not CallState.RINGING:
            return
        self.active.flow.answer(at)
        surname, title = self.purpose.surname, self.purpose.customer_title
        if surname and title in frozenset(Title):
            self.active.flow.set_surname(surname, Title(title), at)
            self.active.edit(surname=surname, title=title)

    def say(self, phrase_id: str, *, by_surname: bool = False) -> bool:
        """The agent said a line of the outbound script; False when not talking."""
        if self.active.state is not CallState.TALKING:
            return False
        self.active.flow.say(phrase_id, by_surname=by_surname)
        return True

    def hung_up(self, by: EndedBy, at: datetime | None = None) -> None:
        """The line ended: the customer (far end), the agent, or the line itself."""
        self.active.hang_up(by, at)
        self._finish_if_done(at)

    def record_result(self, at: datetime | None = None) -> None:
        """The desk recorded how the call went. The line stays up (GS 15.6.4: the agent
        hangs up after the customer); the wrap-up closes when it has ended."""
        self.result_recorded = True
        self._finish_if_done(at)

    def _finish_if_done(self, at: datetime | None) -> None:
        if self.result_recorded and self.active.state is CallState.WRAP_UP:
            self.active.flow.finish_wrap_up(at)
