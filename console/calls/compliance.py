"""Per-call compliance (SPEC R2.15), computed from the call's event log alone.

Shown to the agent at wrap-up and to the supervisor (TN 二 检查与考核). The log is the one
:class:`console.calls.call_flow.Call` keeps (and stores with the call record); the ring event
carries the ring interval and the answer-within limit in force, so an old log is scored
by its own rules.

Criteria, each ``pass``, ``fail`` or ``not_applicable`` with a reason id:

==================  ==========================================================  =========
criterion           passes when                                                 source
==================  ==========================================================  =========
answered_in_time    inbound, answered on ring ≤ N                               GS 15.2.3
greeting            an opening phrase (``opening.*``) was said                  GS 15.2.4
surname_used        after the surname was recorded, a phrase addressed the      GS 15.2.5
                    caller as 姓 + 先生/女士
verified            a verification outcome was recorded (any outcome: the form  GS 15.2.6
                    was done; the outcome itself is stored with the call)
closing             a closing phrase was said (the standard/holiday/weekend     GS 15.2.12
                    closing, or the goodbye of a special script)
caller_hung_up      the caller ended the call — or the agent did after the      GS 15.2.12,
  _first            special scripts that allow it (silent call: after the       TN ④, R2.9
                    goodbye; caller lingers: after asking twice)
no_taboo            no taboo hit (jargon hits are advice and do not count)      GS 4.5
==================  ==========================================================  =========

Not applicable:

* a call never answered (missed or abandoned): everything but ``answered_in_time``, which
  fails if the caller rang past N rings and is not applicable if the caller gave up
  before ring N was over (the agent had no chance to be late);
* an outbound call (``direction`` in the ring event): ``answered_in_time``;
* a call with no conversation (the silent-call goodbye, the too-quiet give-up or the
  harassment phrase was said): ``surname_used`` and ``verified``;
* the line dropped (``system`` ended it): ``caller_hung_up_first``; and while the line is
  still open, ``caller_hung_up_first`` is not applicable yet.

Score: equal weights over the applicable criteria, ``passed / applicable`` as a whole
percentage rounded half up; ``None`` when no criterion applies. The counts are given too
(a supervisor reads "6/7" as readily as 86 %).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from console.calls.call_flow import CallEvent, EventKind, ring_number

OPENING_PHRASES = frozenset({"opening.company", "opening.service", "opening.outbound"})
CLOSING_PHRASES = frozenset(
    {
        "closing.standard",
        "closing.holiday",
        "closing.weekend",
        "closing.callback",
        "callback.inconvenient",
        "silent.goodbye",
        "too_quiet.give_up",
        "long_lookup.thanks",
        "agent_too_quiet.call_back",
    }
)
# Said when there was no conversation to verify anyone in.
NO_CONVERSATION_PHRASES = frozenset({"silent.goodbye", "too_quiet.give_up", "harassment"})
# After these, in this order, the agent may hang up first (TN ④).
AGENT_MAY_HANG_UP_AFTER: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "hang_up.silent_call": ("silent.goodbye",),
        "hang_up.caller_lingered": ("linger.ask", "linger.ask_again"),
    }
)


class Criterion(StrEnum):
    ANSWERED_IN_TIME = "answered_in_time"
    GREETING = "greeting"
    SURNAME_USED = "surname_used"
    VERIFIED = "verified"
    CLOSING = "closing"
    CALLER_HUNG_UP_FIRST = "caller_hung_up_first"
    NO_TABOO = "no_taboo"


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True, slots=True)
class CriterionResult:
    criterion: Criterion
    verdict: Verdict
    reason: str  # a message id, e.g. "rings.late"
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class ComplianceResult:
    criteria: tuple[CriterionResult, ...]

    @property
    def applicable(self) -> int:
        return sum(1 for c in self.criteria if c.verdict is not Verdict.NOT_APPLICABLE)

    @property
    def passed(self) -> int:
        return sum(1 for c in self.criteria if c.verdict is Verdict.PASS)

    @property
    def score_percent(self) -> int | None:
        """Equal weights over the applicable criteria, rounded half up; None if none."""
        if self.applicable == 0:
            return None
        return (200 * self.passed + self.applicable) // (2 * self.applicable)

    def __getitem__(self, criterion: Criterion) -> CriterionResult:
        return next(c for c in self.criteria if c.criterion is criterion)

    def to_json(self) -> dict[str, Any]:
        return {
            "score_percent": self.score_percent,
            "passed": self.passed,
            "applicable": self.applicable,
            "criteria": [
                {
                    "criterion": c.criterion.value,
                    "verdict": c.verdict.value,
                    "reason": c.reason,
                    "params": dict(c.params),
                }
                for c in self.criteria
            ],
        }


def _r(criterion: Criterion, verdict: Verdict, reason: str, **params: Any) -> CriterionResult:
    return CriterionResult(criterion, verdict, reason, MappingProxyType(params))


def _phrases(events: Sequence[CallEvent]) -> list[CallEvent]:
    return [e for e in events if e.kind is EventKind.PHRASE]


def _answered_in_time(events: Sequence[CallEvent]) -> CriterionResult:
    c = Criterion.ANSWERED_IN_TIME
    ring = events[0]
    if ring.data.get("direction", "inbound") == "outbound":
        return _r(c, Verdict.NOT_APPLICABLE, "rings.outbound")
    interval = timedelta(seconds=float(ring.data["ring_interval_s"]))
    limit = int(ring.data["answer_within_rings"])
    answer = next((e for e in events if e.kind is EventKind.ANSWER), None)
    if answer is not None:
        rings = ring_number(answer.at - ring.at, interval)
        if rings <= limit:
            return _r(c, Verdict.PASS, "rings.within", rings=rings, limit=limit)
        return _r(c, Verdict.FAIL, "rings.late", rings=rings, limit=limit)
    end = next((e for e in events if e.kind is EventKind.HANG_UP), None)
    if end is None:
        return _r(c, Verdict.NOT_APPLICABLE, "call.in_progress")
    if end.at - ring.at < interval * limit:
        return _r(c, Verdict.NOT_APPLICABLE, "rings.caller_gave_up_early", limit=limit)
    rings = ring_number(end.at - ring.at, interval)
    return _r(c, Verdict.FAIL, "rings.not_answered", rings=rings, limit=limit)


def _greeting(events: Sequence[CallEvent]) -> CriterionResult:
    c = Criterion.GREETING
    if any(e.data["phrase_id"] in OPENING_PHRASES for e in _phrases(events)):
        return _r(c, Verdict.PASS, "greeting.said")
    return _r(c, Verdict.FAIL, "greeting.missing")


def _surname_used(events: Sequence[CallEvent]) -> CriterionResult:
    c = Criterion.SURNAME_USED
    known = next((i for i, e in enumerate(events) if e.kind is EventKind.SURNAME), None)
    if known is None:
        return _r(c, Verdict.FAIL, "surname.not_asked")
    if any(e.data.get("by_surname") for e in _phrases(events[known:])):
        return _r(c, Verdict.PASS, "surname.used")
    return _r(c, Verdict.FAIL, "surname.not_used")


def _verified(events: Sequence[CallEvent]) -> CriterionResult:
    c = Criterion.VERIFIED
    outcomes = [e.data["outcome"] for e in events if e.kind is EventKind.VERIFICATION]
    if not outcomes:
        return _r(c, Verdict.FAIL, "verification.missing")
    return _r(c, Verdict.PASS, f"verification.{outcomes[-1]}")


def _closing(events: Sequence[CallEvent]) -> CriterionResult:
    c = Criterion.CLOSING
    if any(e.data["phrase_id"] in CLOSING_PHRASES for e in _phrases(events)):
        return _r(c, Verdict.PASS, "closing.said")
    return _r(c, Verdict.FAIL, "closing.missing")


def _said_in_order(phrase_ids: Sequence[str], wanted: Sequence[str]) -> bool:
    it = iter(phrase_ids)
    return all(w in it for w in wanted)  # a subsequence test: ``in`` consumes the iterator


def _caller_hung_up_first(events: Sequence[CallEvent]) -> CriterionResult:
    c = Criterion.CALLER_HUNG_UP_FIRST
    end_index = next((i for i, e in enumerate(events) if e.kind is EventKind.HANG_UP), None)
    if end_index is None:
        return _r(c, Verdict.NOT_APPLICABLE, "call.in_progress")
    by = events[end_index].data["by"]
    if by == "caller":
        return _r(c, Verdict.PASS, "hang_up.caller")
    if by == "system":
        return _r(c, Verdict.NOT_APPLICABLE, "hang_up.line_dropped")
    said = [e.data["phrase_id"] for e in _phrases(events[:end_index])]
    for reason, sequence in AGENT_MAY_HANG_UP_AFTER.items():
        if _said_in_order(said, sequence):
            return _r(c, Verdict.PASS, reason)
    return _r(c, Verdict.FAIL, "hang_up.agent_first")


def _no_taboo(events: Sequence[CallEvent]) -> CriterionResult:
    c = Criterion.NO_TABOO
    hits = [
        e.data["entry_id"]
        for e in events
        if e.kind is EventKind.TABOO_HIT and e.data.get("kind", "taboo") == "taboo"
    ]
    if hits:
        return _r(c, Verdict.FAIL, "taboo.hit", count=len(hits), entries=tuple(hits))
    return _r(c, Verdict.PASS, "taboo.none")


def score(events: Sequence[CallEvent]) -> ComplianceResult:
    """Score a call from its log (first event: the ring). See the module docstring."""
    if not events or events[0].kind is not EventKind.RING:
        raise ValueError("a call log starts with its ring event")
    answered = any(e.kind is EventKind.ANSWER for e in events)
    results = [_answered_in_time(events)]
    if not answered:
        for criterion in list(Criterion)[1:]:
            results.append(_r(criterion, Verdict.NOT_APPLICABLE, "call.not_answered"))
        return ComplianceResult(tuple(results))
    said = {e.data["phrase_id"] for e in _phrases(events)}
    no_conversation = bool(said & NO_CONVERSATION_PHRASES)
    results.append(_greeting(events))
    for criterion, check in (
        (Criterion.SURNAME_USED, _surname_used),
        (Criterion.VERIFIED, _verified),
    ):
        if no_conversation:
            results.append(_r(criterion, Verdict.NOT_APPLICABLE, "call.no_conversation"))
        else:
            results.append(check(events))
    results.append(_closing(events))
    results.append(_caller_hung_up_first(events))
    results.append(_no_taboo(events))
    return ComplianceResult(tuple(results))
