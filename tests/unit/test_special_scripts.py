"""Special-situation phrases and timed sequences (R2.7), under a manual clock."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

import resources
from console.calls import compliance
from console.content import dialogue
from console.content.special_scripts import (
    ScriptRun,
    SpecialScripts,
    render,
    shipped,
    speaking_time,
    special_path,
    start,
)
from console.core.clock import ManualClock
from console.core.datafiles import ResourceError, load_validated, parse_validated

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
S = timedelta(seconds=1)
SCRIPTS = load_validated(special_path(), SpecialScripts)
# Phrase ids the code names (compliance rules and the UI's quick-script buttons rely on them).
# The special phrases compliance names (the closings belong to the dialogue script).
NAMED_IN_CODE = {
    p
    for p in compliance.CLOSING_PHRASES | compliance.NO_CONVERSATION_PHRASES
    if not p.startswith("closing.")
} | {p for seq in compliance.AGENT_MAY_HANG_UP_AFTER.values() for p in seq}

# The situations SPEC R2.7 lists, each with a phrase for it.
R2_7 = (
    "silent.prompt",
    "still_dialing",
    "too_quiet.ask",
    "agent_too_quiet.ask",
    "too_loud",
    "dialect",
    "hold.ask",
    "hold.return",
    "hold.return_thanks",
    "long_lookup.ask_hang_up",
    "beyond_authority",
    "caller_thanks.duty",
    "caller_apologizes",
    "misunderstanding.mutual",
    "harassment",
    "linger.ask",
    "handover",
)


def test_the_shipped_file_loads() -> None:
    assert shipped() == SCRIPTS
    assert {s.id for s in SCRIPTS.sequences} == {"silent_call", "caller_lingers"}


@pytest.mark.parametrize("phrase_id", sorted(NAMED_IN_CODE | set(R2_7)))
def test_every_phrase_the_code_names_exists(phrase_id: str) -> None:
    assert SCRIPTS.phrase(phrase_id).text


def test_every_opening_and_closing_compliance_scores_is_a_line_someone_can_say() -> None:
    with resources.path("phrases", "zh_CN", "greetings.json").open(encoding="utf-8") as f:
        sayable = set(json.load(f)) | {line.id for line in dialogue.shipped().definitions}
    scored = compliance.OPENING_PHRASES | {
        p for p in compliance.CLOSING_PHRASES if p.startswith("closing.")
    }
    assert scored <= sayable


def test_the_opening_and_closing_ids_exist_in_the_greetings() -> None:
    with resources.path("phrases", "zh_CN", "greetings.json").open(encoding="utf-8") as f:
        greetings = json.load(f)
    # The outbound and the visit openings are lines of the dialogue script instead.
    in_dialogue = {"opening.outbound", "opening.visit"}
    named = (compliance.OPENING_PHRASES - in_dialogue) | {
        "closing.standard",
        "closing.holiday",
        "closing.weekend",
    }
    assert named <= greetings.keys()
    dialogue = resources.path("phrases", "zh_CN", "dialogue.yaml").read_text(encoding="utf-8")
    assert all(f"id: {i}\n" in dialogue for i in in_dialogue)
    assert not {p.id for p in SCRIPTS.phrases} & greetings.keys()


def test_render_fills_surname_and_title() -> None:
    text = SCRIPTS.phrase("beyond_authority").text
    assert render(text, "王", "先生").startswith("王先生,很抱歉")
    assert render(text).startswith("先生/女士,很抱歉")
    assert render(SCRIPTS.phrase("hold.return").text, "李", "女士") == "李女士您好。"
    assert SCRIPTS.phrase("hold.return").addresses_by_surname
    assert not SCRIPTS.phrase("hold.ask").addresses_by_surname


def test_speaking_time_counts_said_characters() -> None:
    assert speaking_time("您好!您的电话已接通,请讲话。") == 4 * S  # 12 characters at 3/s
    assert speaking_time("{surname}{title}您好。") == speaking_time("王先生您好")


# --- timed sequences ---------------------------------------------------------------------


def poll(
    run: ScriptRun, clock: ManualClock, until: timedelta, tick: timedelta
) -> list[tuple[timedelta, str | None]]:
    """Poll like a UI timer would; (offset from T0, phrase or action) for each step."""
    fired = []
    while clock.now() - T0 <= until:
        for step in run.due_steps(clock.now()):
            fired.append((clock.now() - T0, step.phrase_id or step.action))
        clock.advance(tick)
    return fired


def test_silent_call_prompts_in_order_at_the_right_times() -> None:
    clock = ManualClock(T0)
    run = start(SCRIPTS, "silent_call", clock.now())
    # prompt (12 chars = 4 s) + 3 s pause → second prompt at 7 s; it has 20 chars
    # (6 2/3 s) + 3 s → goodbye at 16 2/3 s; it has 28 chars (9 1/3 s) + 2 s → hang up at 28 s.
    expected = [
        (timedelta(0), "silent.prompt"),
        (7 * S, "silent.second_prompt"),
        (timedelta(seconds=16, microseconds=666_667), "silent.goodbye"),
        (28 * S, "hang_up"),
    ]
    assert [(s.due_at - T0, s.phrase_id or s.action) for s in run.schedule] == expected
    assert run.next_step_at == T0
    fired = poll(run, clock, until=40 * S, tick=timedelta(microseconds=333_333))
    assert [name for _, name in fired] == [name for _, name in expected]
    for (when, _), (due, _) in zip(fired, expected, strict=True):
        assert due <= when < due + timedelta(microseconds=333_333)
    assert run.finished
    assert run.next_step_at is None
    assert run.due_steps(clock.now()) == []


def test_each_step_fires_exactly_when_due() -> None:
    run = start(SCRIPTS, "silent_call", T0)
    second = run.schedule[1].due_at
    assert [s.phrase_id for s in run.due_steps(T0)] == ["silent.prompt"]
    assert run.due_steps(second - timedelta(microseconds=1)) == []
    assert [s.phrase_id for s in run.due_steps(second)] == ["silent.second_prompt"]


def test_a_late_poll_gets_every_due_step_in_order_without_shifting_later_ones() -> None:
    run = start(SCRIPTS, "silent_call", T0)
    steps = run.due_steps(T0 + 20 * S)
    assert [s.phrase_id for s in steps] == [
        "silent.prompt",
        "silent.second_prompt",
        "silent.goodbye",
    ]
    assert run.next_step_at == T0 + 28 * S


def test_silent_call_can_be_cancelled_when_the_caller_speaks() -> None:
    clock = ManualClock(T0)
    run = start(SCRIPTS, "silent_call", clock.now())
    assert [s.phrase_id for s in run.due_steps(clock.now())] == ["silent.prompt"]
    clock.advance(5 * S)
    run.cancel(clock.now())
    assert not run.active
    assert run.next_step_at is None
    clock.advance(60 * S)
    assert run.due_steps(clock.now()) == []
    run.cancel(clock.now())  # idempotent
    assert run.cancelled_at == T0 + 5 * S


def test_caller_does_not_hang_up_ask_twice_3_s_apart_then_hang_up() -> None:
    run = start(SCRIPTS, "caller_lingers", T0)
    ask = speaking_time(SCRIPTS.phrase("linger.ask").text)  # 10 chars
    again = speaking_time(SCRIPTS.phrase("linger.ask_again").text)  # 18 chars
    assert [(s.due_at - T0, s.phrase_id or s.action) for s in run.schedule] == [
        (timedelta(0), "linger.ask"),
        (ask + 3 * S, "linger.ask_again"),
        (ask + 3 * S + again + 3 * S, "hang_up"),
    ]
    assert ask + 3 * S + again + 3 * S == timedelta(seconds=15, microseconds=333_333)


def test_start_time_is_the_given_moment() -> None:
    later = T0 + timedelta(minutes=7)
    run = start(SCRIPTS, "caller_lingers", later)
    assert run.started_at == later
    assert run.schedule[0].due_at == later


# --- validation of the file ------------------------------------------------------------


def _one(text: str, extra: str = "") -> str:
    return f"version: 1\nphrases:\n  - id: x.y\n    text: {text}\n    clause: TN\n{extra}"


@pytest.mark.parametrize(
    ("yaml_text", "field", "needle"),
    [
        (_one('"{name}您好"'), "phrases[0].text", "unknown placeholder"),
        (_one('"{surname}您好"'), "phrases[0].text", "followed by {title}"),
        (_one('"{surname"'), "phrases[0].text", "malformed"),
        (
            "version: 1\nphrases:\n  - id: closing.x\n    text: a\n    clause: TN\n",
            "phrases[0].id",
            "greetings",
        ),
        (
            _one(
                "a",
                "sequences:\n  - id: s\n    clause: TN\n    steps:\n"
                "      - phrase: nope\n        pause: 0\n",
            ),
            None,
            "unknown phrase",
        ),
        (
            _one(
                "a",
                "sequences:\n  - id: s\n    clause: TN\n    steps:\n"
                "      - phrase: x.y\n        action: hang_up\n        pause: 0\n",
            ),
            "sequences[0].steps[0]",
            "either a phrase or an action",
        ),
    ],
)
def test_bad_files_are_reported_with_field(yaml_text: str, field: str | None, needle: str) -> None:
    with pytest.raises(ResourceError) as info:
        parse_validated(yaml_text, SpecialScripts, "special.yaml")
    assert info.value.field == field
    assert needle in info.value.problem.params["detail"]


def test_duplicate_phrase_ids_are_refused() -> None:
    text = _one("a") + "  - id: x.y\n    text: b\n    clause: TN\n"
    with pytest.raises(ResourceError, match="special.yaml, line 1") as info:
        parse_validated(text, SpecialScripts, "special.yaml")
    assert "used twice" in info.value.problem.params["detail"]
