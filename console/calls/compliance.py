"""Per-call compliance (SPEC R2.15), computed from the call's event log alone.

Shown to the agent at wrap-up and to the supervisor (TN 二 检查与考核). The log is the one
:class:`console.calls.call_flow.Call` keeps (and stores with the call record); the ring event
carries the ring interval and the answer-within limit in force, so an old log is scored
by its own rules.

Criteria, each ``pass``, ``fail`` or ``not_applicable`` with a reason id:

==================  ==========================================================  =========
criterion           passes when                                                 source
==================  ==========================================================  =========
answered_in_time    inbound, answered on ring ≤ N (N and the ring's length are  GS 15.2.3
                    the company's data, logged with the ring)
greeting            an opening phrase (``opening.*``) was said                  GS 15.2.4,
                                                                                15.6.1
surname_used        after the surname was recorded, a phrase addressed the      GS 15.2.5
                    caller as 姓 + 先生/女士
verified            a verification outcome was recorded (any outcome: the form  GS 15.2.6;
                    was done); outbound: the customer was asked whether they    TN 外拨
                    are the one called (TN 外拨首问语)
consent             outbound: the customer was asked whether now suits          GS 15.6.2
ask_more            inbound: "您还有其他问题吗?" was asked before the closing    GS 15.2.12,
                                                                                R2.15
closing             a closing phrase was said — the one that fits the day       GS 15.2.12,
                    (a holiday closing on a working day fails, TN 结束语) — or   TN ③,
                    the goodbye of a special script; outbound: GS 15.6.3/15.6.4 15.6.4
caller_hung_up      the caller ended the call — or the agent did after the      GS 15.2.12,
  _first            special scripts that allow it (silent call: after the       15.6.4,
                    goodbye; caller lingers: after asking twice)                TN ④, R2.9
no_taboo            no taboo hit (jargon hits are advice and do not count)      GS 4.5
==================  ==========================================================  =========

Each criterion says where its verdict comes from (``source``): ``observed`` — the line
and the console saw it happen (the rings, who hung up, what was typed) — or ``marked`` —
the agent marked the phrase said (F8) or the form done. :attr:`ComplianceResult.observed`
holds the figures seen: the ring answered on, who ended the call, talk and hold time.

Not applicable:

* a call never answered (missed or abandoned): everything but ``answered_in_time``, which
  fails if the caller rang past N rings and is not applicable if the caller gave up
  before ring N was over (the agent had no chance to be late);
* an outbound call (``direction`` in the ring event): ``answered_in_time`` and
  ``ask_more``; an inbound call: ``consent``;
* a visit at the service hall (``channel`` visit): ``answered_in_time`` and
  ``caller_hung_up_first`` (nobody rings, nobody hangs up);
* a call with no conversation (the silent-call goodbye, the too-quiet give-up or the
  harassment phrase was said): ``surname_used``, ``verified``, ``consent`` and
  ``ask_more``;
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
from console.core.vocabulary import Criterion

OPENING_PHRASES = frozenset(
    {"opening.company", "opening.service", "opening.outbound", "opening.visit"}
)
# The closings of the day (TN 结束语): said on the wrong kind of day, they fail.
DAY_CLOSINGS = frozenset({"closing.standard", "closing.holiday", "closing.weekend"})
ASK_MORE_PHRASES = frozenset({"closing.ask_more", "closing.visit_ask_more", "linger.ask"})
OUTBOUND_IDENTIFY = "surname.outbound_identify"  # TN 外拨首问语: "请问您是××先生吗?"
CONSENT_PHRASES = frozenset({"outbound.consent", "interrupt"})  # GS 15.6.2, 4.1.14
CLOSING_PHRASES = frozenset(
    {
        "closing.standard",
        "closing.holiday",
        "closing.weekend",
        "closing.visit",
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

    @property
    def source(self) -> str:
        return self.criterion.source


@dataclass(frozen=True, slots=True)
class ComplianceResult:
    criteria: tuple[CriterionResult, ...]
    # What the line and the console saw: the ring the call was answered on, who ended
    # it, talk and hold seconds (None where it does not apply).
    observed: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

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

    def verdicts(self) -> dict[str, str]:
        """The criteria that applied, criterion → pass / fail (stored with the score)."""
        return {
            c.criterion.value: c.verdict.value
            for c in self.criteria
            if c.verdict is not Verdict.NOT_APPLICABLE
        }

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
                    "source": c.source,
                }
                for c in self.criteria
            ],
            "observed": dict(self.observed),
        }


def _r(criterion: Criterion, verdict: Verdict, reason: str, **params: Any) -> CriterionResult:
    return CriterionResult(criterion, verdict, reason, MappingProxyType(params))


def _phrases(events: Sequence[CallEvent]) -> list[CallEvent]:
    return [e for e in events if e.kind is EventKind.PHRASE]


def _outbound(events: Sequence[CallEvent]) -> bool:
    return bool(events[0].data.get("direction", "inbound") == "outbound")


def _visit(events: Sequence[CallEvent]) -> bool:
    return bool(events[0].data.get("channel", "phone") == "visit")


def _answered_in_time(events: Sequence[CallEvent]) -> CriterionResult:
    c = Criterion.ANSWERED_IN_TIME
    ring = events[0]
    if _outbound(events):
        return _r(c, Verdict.NOT_APPLICABLE, "rings.outbound")
    if _visit(events):
        return _r(c, Verdict.NOT_APPLICABLE, "rings.visit")
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
    if _outbound(events):
        said = {e.data["phrase_id"] for e in _phrases(events)}
        if OUTBOUND_IDENTIFY in said:
            return _r(c, Verdict.PASS, "verification.outbound_identified")
        return _r(c, Verdict.FAIL, "verification.outbound_not_identified")
    outcomes = [e.data["outcome"] for e in events if e.kind is EventKind.VERIFICATION]
    if not outcomes:
        return _r(c, Verdict.FAIL, "verification.missing")
    return _r(c, Verdict.PASS, f"verification.{outcomes[-1]}")


def _consent(events: Sequence[CallEvent]) -> CriterionResult:
    c = Criterion.CONSENT
    if not _outbound(events):
        return _r(c, Verdict.NOT_APPLICABLE, "consent.inbound")
    if any(e.data["phrase_id"] in CONSENT_PHRASES for e in _phrases(events)):
        return _r(c, Verdict.PASS, "consent.asked")
    return _r(c, Verdict.FAIL, "consent.missing")


def _ask_more(events: Sequence[CallEvent]) -> CriterionResult:
    c = Criterion.ASK_MORE
    if _outbound(events):
        return _r(c, Verdict.NOT_APPLICABLE, "ask_more.outbound")
    if any(e.data["phrase_id"] in ASK_MORE_PHRASES for e in _phrases(events)):
        return _r(c, Verdict.PASS, "ask_more.asked")
    return _r(c, Verdict.FAIL, "ask_more.missing")


def _closing(events: Sequence[CallEvent]) -> CriterionResult:
    c = Criterion.CLOSING
    said = [e.data["phrase_id"] for e in _phrases(events)]
    expected = events[0].data.get("closing")
    wrong = [p for p in said if p in DAY_CLOSINGS and expected and p != f"closing.{expected}"]
    if wrong:
        return _r(c, Verdict.FAIL, "closing.wrong_day", said=wrong[0], expected=expected)
    if any(p in CLOSING_PHRASES for p in said):
        return _r(c, Verdict.PASS, "closing.said")
    return _r(c, Verdict.FAIL, "closing.missing")


def _said_in_order(phrase_ids: Sequence[str], wanted: Sequence[str]) -> bool:
    it = iter(phrase_ids)
    return all(w in it for w in wanted)  # a subsequence test: ``in`` consumes the iterator


def _caller_hung_up_first(events: Sequence[CallEvent]) -> CriterionResult:
    c = Criterion.CALLER_HUNG_UP_FIRST
    if _visit(events):
        return _r(c, Verdict.NOT_APPLICABLE, "hang_up.visit")
    end_index = next((i for i, e in enumerate(events) if e.kind is EventKind.HANG_UP), None)
    if end_index is None:
        return _r(c, Verdict.NOT_APPLICABLE, "call.in_progress")
    by = events[end_index].data["by"]
    if by == "caller":
        return _r(c, Verdict.PASS, "hang_up.caller")
    if by == "system":
        return _r(c, Verdict.NOT_APPLICABLE, "hang_up.line_dropped")
    if any(e.kind is EventKind.TRANSFER for e in events[:end_index]):
        return _r(c, Verdict.PASS, "hang_up.transferred")  # GS 15.4.2: handed over
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
    observed = MappingProxyType(_observed(events))
    results = [_answered_in_time(events)]
    if not answered:
        for criterion in list(Criterion)[1:]:
            results.append(_r(criterion, Verdict.NOT_APPLICABLE, "call.not_answered"))
        return ComplianceResult(tuple(results), observed)
    said = {e.data["phrase_id"] for e in _phrases(events)}
    no_conversation = bool(said & NO_CONVERSATION_PHRASES)
    results.append(_greeting(events))
    for criterion, check in (
        (Criterion.SURNAME_USED, _surname_used),
        (Criterion.VERIFIED, _verified),
        (Criterion.CONSENT, _consent),
        (Criterion.ASK_MORE, _ask_more),
    ):
        if no_conversation:
            results.append(_r(criterion, Verdict.NOT_APPLICABLE, "call.no_conversation"))
        else:
            results.append(check(events))
    results.append(_closing(events))
    results.append(_caller_hung_up_first(events))
    results.append(_no_taboo(events))
    return ComplianceResult(tuple(results), observed)


def _observed(events: Sequence[CallEvent]) -> dict[str, Any]:
    """The figures the line and the console saw, for the supervisor beside the verdicts."""
    ring = events[0]
    interval = timedelta(seconds=float(ring.data["ring_interval_s"]))
    answer = next((e for e in events if e.kind is EventKind.ANSWER), None)
    end = next((e for e in events if e.kind is EventKind.HANG_UP), None)
    hold = timedelta(0)
    held_at = None
    for e in events:
        if e.kind is EventKind.HOLD:
            held_at = e.at
        elif e.kind in (EventKind.RESUME, EventKind.HANG_UP) and held_at is not None:
            hold += e.at - held_at
            held_at = None
    outbound_or_visit = _outbound(events) or _visit(events)
    return {
        "answered_on_ring": (
            ring_number(answer.at - ring.at, interval)
            if answer is not None and not outbound_or_visit
            else None
        ),
        "ring_seconds": interval.total_seconds(),
        "ended_by": end.data["by"] if end is not None else None,
        "talk_seconds": (
            round((end.at - answer.at).total_seconds())
            if answer is not None and end is not None
            else None
        ),
        "hold_seconds": round(hold.total_seconds()),
    }
