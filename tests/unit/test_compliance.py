"""Per-call compliance from the event log alone (R2.15)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

import resources
from console.calls.call_flow import Call, CallEvent, CallPolicy
from console.calls.compliance import Verdict, score
from console.core.clock import ManualClock
from console.core.vocabulary import CallDirection, Criterion, EndedBy, Title

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
S = timedelta(seconds=1)
PASS, FAIL, NA = Verdict.PASS, Verdict.FAIL, Verdict.NOT_APPLICABLE


def perfect_call(
    clock: ManualClock,
    *,
    answer_after: timedelta = 4 * S,
    greeting: str | None = "opening.company",
    surname: bool = True,
    by_surname: bool = True,
    verification: str | None = "verified",
    closing: str | None = "closing.standard",
    taboo: str | None = None,
    ended_by: str = "caller",
    policy: CallPolicy | None = None,
    ask_more: bool = True,
    day: str | None = None,
) -> Call:
    """A call done by the book; each keyword spoils one part of it."""
    call = Call.ring("13800138000", clock=clock, policy=policy, closing=day)
    clock.advance(answer_after)
    call.answer()
    if greeting:
        call.say(greeting)
    clock.advance(5 * S)
    if surname:
        call.set_surname("王", Title.MR)
    clock.advance(5 * S)
    call.say("misunderstanding.not_understood", by_surname=by_surname and surname)
    if verification:
        call.record_verification(verification)  # type: ignore[arg-type]
    clock.advance(40 * S)
    if taboo:
        call.taboo_hit(taboo, kind="taboo")
    call.taboo_hit("guan-dao", kind="jargon")  # advice only: never counts
    if ask_more:
        call.say("closing.ask_more")
    if closing:
        call.say(closing)
    clock.advance(3 * S)
    call.hang_up(ended_by)  # type: ignore[arg-type]
    call.finish_wrap_up()
    return call


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


def verdicts(events: tuple[CallEvent, ...]) -> dict[Criterion, Verdict]:
    return {c.criterion: c.verdict for c in score(events).criteria}


def test_a_perfect_call_scores_100(clock: ManualClock) -> None:
    result = score(perfect_call(clock).events)
    assert result.score_percent == 100
    assert (result.passed, result.applicable) == (8, 8)  # consent is for outbound calls
    assert [c.criterion for c in result.criteria] == list(Criterion)
    assert result[Criterion.ANSWERED_IN_TIME].params == {"rings": 2, "limit": 3}
    assert result[Criterion.VERIFIED].reason == "verification.verified"


# Each spoils exactly one criterion, with this reason.
SPOILERS: list[tuple[dict[str, object], Criterion, str]] = [
    ({"answer_after": 9 * S}, Criterion.ANSWERED_IN_TIME, "rings.late"),
    ({"greeting": None}, Criterion.GREETING, "greeting.missing"),
    ({"greeting": "time_of_day.morning"}, Criterion.GREETING, "greeting.missing"),
    ({"surname": False}, Criterion.SURNAME_USED, "surname.not_asked"),
    ({"by_surname": False}, Criterion.SURNAME_USED, "surname.not_used"),
    ({"verification": None}, Criterion.VERIFIED, "verification.missing"),
    ({"closing": None}, Criterion.CLOSING, "closing.missing"),
    ({"ask_more": False}, Criterion.ASK_MORE, "ask_more.missing"),  # R2.15, GS 15.2.12
    ({"taboo": "bu-zhi-dao"}, Criterion.NO_TABOO, "taboo.hit"),
    ({"ended_by": "agent"}, Criterion.CALLER_HUNG_UP_FIRST, "hang_up.agent_first"),
]


@pytest.mark.parametrize(("spoil", "criterion", "reason"), SPOILERS, ids=[s[2] for s in SPOILERS])
def test_each_criterion_fails_on_its_own(
    clock: ManualClock, spoil: dict[str, object], criterion: Criterion, reason: str
) -> None:
    result = score(perfect_call(clock, **spoil).events)  # type: ignore[arg-type]
    failed = [c for c in result.criteria if c.verdict is FAIL]
    assert [(c.criterion, c.reason) for c in failed] == [(criterion, reason)]
    assert result.applicable == 8
    assert result.score_percent == 88  # 7 of 8, rounded half up


def test_surname_used_before_it_was_recorded_does_not_count(clock: ManualClock) -> None:
    call = Call.ring("13800138000", clock=clock)
    call.answer()
    call.say("opening.company")
    call.say("hold.return", by_surname=True)  # e.g. a guessed name, before asking
    call.set_surname("李", Title.MS)
    call.say("closing.standard")
    call.hang_up(EndedBy.CALLER)
    assert score(call.events)[Criterion.SURNAME_USED].reason == "surname.not_used"


@pytest.mark.parametrize(
    ("answer_after", "verdict", "rings"),
    [
        (timedelta(seconds=8, microseconds=999_999), PASS, 3),
        (9 * S, FAIL, 4),
    ],
)
def test_answered_on_ring_3_vs_ring_4(
    clock: ManualClock, answer_after: timedelta, verdict: Verdict, rings: int
) -> None:
    result = score(perfect_call(clock, answer_after=answer_after).events)
    assert result[Criterion.ANSWERED_IN_TIME].verdict is verdict
    assert result[Criterion.ANSWERED_IN_TIME].params["rings"] == rings


def test_the_log_is_scored_by_the_policy_it_was_taken_under(clock: ManualClock) -> None:
    call = perfect_call(clock, answer_after=7 * S, policy=CallPolicy(answer_within_rings=2))
    stored = [CallEvent.from_json(json.loads(json.dumps(e.to_json()))) for e in call.events]
    result = score(stored)
    assert result[Criterion.ANSWERED_IN_TIME].reason == "rings.late"
    assert result[Criterion.ANSWERED_IN_TIME].params == {"rings": 3, "limit": 2}


@pytest.mark.parametrize("outcome", ["verified", "partial", "not_verified", "new_customer"])
def test_any_recorded_verification_outcome_passes(clock: ManualClock, outcome: str) -> None:
    result = score(perfect_call(clock, verification=outcome).events)
    assert result[Criterion.VERIFIED].verdict is PASS
    assert result[Criterion.VERIFIED].reason == f"verification.{outcome}"


@pytest.mark.parametrize("closing", ["closing.holiday", "closing.weekend", "long_lookup.thanks"])
def test_closing_variants(clock: ManualClock, closing: str) -> None:
    assert verdicts(perfect_call(clock, closing=closing).events)[Criterion.CLOSING] is PASS


# --- calls never answered ------------------------------------------------------------------


def _unanswered(clock: ManualClock, after: timedelta, by: str) -> tuple[CallEvent, ...]:
    call = Call.ring("13800138000", clock=clock)
    clock.advance(after)
    call.hang_up(by)  # type: ignore[arg-type]
    return call.events


def test_missed_call_only_the_ring_criterion_applies(clock: ManualClock) -> None:
    result = score(_unanswered(clock, 30 * S, "system"))
    assert result[Criterion.ANSWERED_IN_TIME].verdict is FAIL
    assert result[Criterion.ANSWERED_IN_TIME].reason == "rings.not_answered"
    others = [c for c in result.criteria if c.criterion is not Criterion.ANSWERED_IN_TIME]
    assert {(c.verdict, c.reason) for c in others} == {(NA, "call.not_answered")}
    assert result.score_percent == 0


@pytest.mark.parametrize(
    ("after", "verdict", "reason"),
    [
        (timedelta(seconds=8, microseconds=999_999), NA, "rings.caller_gave_up_early"),
        (9 * S, FAIL, "rings.not_answered"),
    ],
)
def test_abandoned_call_counts_against_the_seat_only_past_ring_n(
    clock: ManualClock, after: timedelta, verdict: Verdict, reason: str
) -> None:
    result = score(_unanswered(clock, after, "caller"))
    assert (
        result[Criterion.ANSWERED_IN_TIME].verdict,
        result[Criterion.ANSWERED_IN_TIME].reason,
    ) == (
        verdict,
        reason,
    )
    assert result.score_percent == (None if verdict is NA else 0)


def test_a_call_still_ringing(clock: ManualClock) -> None:
    call = Call.ring("13800138000", clock=clock)
    result = score(call.events)
    assert result.score_percent is None
    assert result[Criterion.ANSWERED_IN_TIME].reason == "call.in_progress"


def test_outbound_call_is_not_scored_on_rings(clock: ManualClock) -> None:
    call = Call.ring("13800138000", clock=clock, direction=CallDirection.OUTBOUND)
    clock.advance(30 * S)
    call.answer()
    call.say("opening.outbound")
    call.hang_up(EndedBy.CALLER)
    result = score(call.events)
    assert result[Criterion.ANSWERED_IN_TIME].reason == "rings.outbound"
    assert result[Criterion.GREETING].verdict is PASS


# --- special endings ------------------------------------------------------------------------


def test_silent_call_agent_may_hang_up_after_the_goodbye(clock: ManualClock) -> None:
    call = Call.ring("13800138000", clock=clock)
    call.answer()
    for phrase in ("opening.company", "silent.prompt", "silent.second_prompt", "silent.goodbye"):
        call.say(phrase)
        clock.advance(7 * S)
    call.hang_up(EndedBy.AGENT)
    result = score(call.events)
    assert result[Criterion.CALLER_HUNG_UP_FIRST].reason == "hang_up.silent_call"
    assert result[Criterion.SURNAME_USED].reason == "call.no_conversation"
    assert result[Criterion.VERIFIED].verdict is NA
    assert result[Criterion.CLOSING].verdict is PASS
    assert result.score_percent == 100
    assert result.applicable == 5  # consent and ask_more do not apply either


def test_lingering_caller_agent_may_hang_up_after_asking_twice(clock: ManualClock) -> None:
    call = perfect_call(clock, ended_by="agent")
    events = list(call.events)
    # the same call, with both "are you still there" questions before the agent hangs up
    hang_up = next(i for i, e in enumerate(events) if e.kind.value == "hang_up")
    at = events[hang_up].at
    extra = [
        CallEvent.from_json({"kind": "phrase", "at": at.isoformat(), "data": {"phrase_id": p}})
        for p in ("linger.ask", "linger.ask_again")
    ]
    result = score([*events[:hang_up], *extra, *events[hang_up:]])
    assert result[Criterion.CALLER_HUNG_UP_FIRST].reason == "hang_up.caller_lingered"
    # asking only once is not enough
    result = score([*events[:hang_up], extra[0], *events[hang_up:]])
    assert result[Criterion.CALLER_HUNG_UP_FIRST].reason == "hang_up.agent_first"


def test_line_dropped_is_not_the_agents_fault(clock: ManualClock) -> None:
    result = score(perfect_call(clock, ended_by="system").events)
    assert result[Criterion.CALLER_HUNG_UP_FIRST].reason == "hang_up.line_dropped"
    assert result.score_percent == 100
    assert result.applicable == 7


def test_a_log_must_start_with_its_ring() -> None:
    with pytest.raises(ValueError):
        score([])


def test_result_serialises(clock: ManualClock) -> None:
    data = json.loads(json.dumps(score(perfect_call(clock, taboo="bu-zhi-dao").events).to_json()))
    assert data["score_percent"] == 88
    no_taboo = next(c for c in data["criteria"] if c["criterion"] == "no_taboo")
    assert no_taboo == {
        "criterion": "no_taboo",
        "verdict": "fail",
        "reason": "taboo.hit",
        "params": {"count": 1, "entries": ["bu-zhi-dao"]},
        "source": "observed",
    }
    greeting = next(c for c in data["criteria"] if c["criterion"] == "greeting")
    assert greeting["source"] == "marked"  # the agent marked the phrase said (F8)
    # What was seen on the line, beside the verdicts.
    assert data["observed"] == {
        "answered_on_ring": 2,
        "ring_seconds": 3.0,
        "ended_by": "caller",
        "talk_seconds": 53,
        "hold_seconds": 0,
    }


@pytest.mark.parametrize(
    ("day", "said", "verdict"),
    [
        ("standard", "closing.standard", PASS),
        ("weekend", "closing.weekend", PASS),
        ("standard", "closing.holiday", FAIL),  # a holiday closing on a working day
        ("holiday", "closing.standard", FAIL),
        ("standard", "long_lookup.thanks", PASS),  # a special script's goodbye
    ],
)
def test_the_closing_must_fit_the_day(
    clock: ManualClock, day: str, said: str, verdict: Verdict
) -> None:
    result = score(perfect_call(clock, closing=said, day=day).events)
    assert result[Criterion.CLOSING].verdict is verdict
    if verdict is FAIL:
        assert result[Criterion.CLOSING].reason == "closing.wrong_day"


def test_an_outbound_call_is_scored_on_the_outbound_script(clock: ManualClock) -> None:
    call = Call.ring("13800138000", clock=clock, direction=CallDirection.OUTBOUND)
    clock.advance(10 * S)  # the customer's phone rings: not the seat's fault
    call.answer()
    call.set_surname("李", Title.MS)
    for phrase, by_surname in (
        ("opening.outbound", False),
        ("opening.disturb", False),
        ("surname.outbound_identify", True),
        ("outbound.consent", False),
        ("handling.callback.satisfaction", True),
        ("closing.callback", False),
    ):
        call.say(phrase, by_surname=by_surname)
        clock.advance(4 * S)
    call.hang_up(EndedBy.CALLER)  # GS 15.6.4: the agent hangs up after the customer
    result = score(call.events)
    assert result.score_percent == 100
    assert {c.criterion: c.verdict for c in result.criteria} == {
        Criterion.ANSWERED_IN_TIME: NA,
        Criterion.GREETING: PASS,
        Criterion.SURNAME_USED: PASS,
        Criterion.VERIFIED: PASS,  # the customer was asked whether they are 李女士
        Criterion.CONSENT: PASS,
        Criterion.ASK_MORE: NA,
        Criterion.CLOSING: PASS,
        Criterion.CALLER_HUNG_UP_FIRST: PASS,
        Criterion.NO_TABOO: PASS,
    }
    assert result.observed["answered_on_ring"] is None
    # Without consent and with the agent hanging up on the customer:
    rude = Call.ring("13800138000", clock=clock, direction=CallDirection.OUTBOUND)
    rude.answer()
    rude.say("opening.outbound")
    rude.say("closing.callback")
    rude.hang_up(EndedBy.AGENT)
    failed = {c.criterion for c in score(rude.events).criteria if c.verdict is FAIL}
    assert failed == {
        Criterion.SURNAME_USED,
        Criterion.VERIFIED,
        Criterion.CONSENT,
        Criterion.CALLER_HUNG_UP_FIRST,
    }


@pytest.mark.parametrize("rounding", [(1, 3, 33), (2, 3, 67), (1, 2, 50), (5, 6, 83), (6, 7, 86)])
def test_score_rounds_half_up(rounding: tuple[int, int, int]) -> None:
    from console.calls.compliance import ComplianceResult, CriterionResult

    passed, applicable, percent = rounding
    criteria = tuple(
        CriterionResult(Criterion.GREETING, PASS if i < passed else FAIL, "x")
        for i in range(applicable)
    )
    assert ComplianceResult(criteria).score_percent == percent


def test_every_reason_and_criterion_has_a_message() -> None:
    logs = [
        perfect_call(ManualClock(T0)).events,
        *(perfect_call(ManualClock(T0), **spoil).events for spoil, _, _ in SPOILERS),  # type: ignore[arg-type]
        _unanswered(ManualClock(T0), 30 * S, "system"),
        _unanswered(ManualClock(T0), 3 * S, "caller"),
        perfect_call(ManualClock(T0), ended_by="system").events,
    ]
    reasons = {c.reason for log in logs for c in score(log).criteria}
    reasons |= {f"verification.{o}" for o in ("partial", "not_verified", "new_customer")}
    reasons |= {"rings.outbound", "call.in_progress", "call.no_conversation"}
    reasons |= {"rings.visit", "hang_up.visit", "closing.wrong_day"}
    reasons |= {"consent.asked", "consent.missing", "ask_more.outbound"}
    reasons |= {"verification.outbound_identified", "verification.outbound_not_identified"}
    reasons |= {"hang_up.silent_call", "hang_up.caller_lingered"}
    wanted = {f"compliance.{r}" for r in reasons}
    wanted |= {f"compliance.criterion.{c.value}" for c in Criterion}
    for lang in ("zh_CN", "en"):
        with resources.path("messages", f"{lang}.json").open(encoding="utf-8") as f:
            catalog = json.load(f)
        assert wanted <= catalog.keys(), (lang, wanted - catalog.keys())
