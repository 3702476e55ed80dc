"""Intent forms (R2.5, R2.6): required fields per intent, every problem at once."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.content import dialogue
from console.content.holiday_calendar import HolidayCalendar
from console.content.intent_forms import (
    INTENTS,
    IntentForms,
    forms_path,
    load,
    problems,
    promise_limits,
    promised_hours,
    shipped,
    to_json,
)
from console.core.datafiles import ResourceError, parse_validated
from console.core.messages import catalog

FORMS = shipped()
WHEN = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
# A complete form for each intent.
COMPLETE: dict[str, dict[str, Any]] = {
    "inquiry": {
        "topic": "报装流程及证件",
        "question": "报装要带什么证件?",
        "name": "王建国",
        "phone": "13912341234",
        "reply_by": "2026-11-25T17:00:00+08:00",
    },
    "complaint": {
        "name": "王建国",
        "phone": "13912341234",
        "content": "抄表员未按时上门",
        "feedback_by": WHEN,
    },
    "repair": {
        "name": "王建国",
        "address": "泰山花园12号楼3单元301室",
        "address_confirmed": True,
        "phone": "13912341234",
        "content": "燃气表不走字",
        "fault_scope": "用户燃气设备、设施",
        "promised_arrival": WHEN,
    },
    "emergency": {
        "name": "王建国",
        "address": "泰山花园12号楼3单元301室",
        "phone": "13912341234",
        "content": "厨房有燃气味",
        "safety_read": True,
        "dispatched": True,
        "dispatched_at": WHEN,
    },
    "suggestion": {"content": "希望增加缴费网点"},
    "other": {"content": "询问营业厅地址"},
}
# What an empty form is missing (GS 15.3.4, 15.4.1, 15.5.1).
MISSING: dict[str, set[str]] = {
    "inquiry": {"topic", "question", "name", "phone", "reply_by"},
    "complaint": {"name", "phone", "content", "feedback_by"},
    "repair": {
        "name",
        "address",
        "address_confirmed",
        "phone",
        "content",
        "fault_scope",
        "promised_arrival",
    },
    "emergency": {
        "name",
        "address",
        "phone",
        "content",
        "safety_read",
        "dispatched",
        "dispatched_at",
    },
    "suggestion": {"content"},
    "other": {"content"},
}
MESSAGES = {lang: catalog(lang) for lang in ("zh_CN", "en")}


def test_the_six_intents_in_order() -> None:
    assert list(FORMS) == list(INTENTS)
    assert [i.label for i in FORMS.values()] == ["咨询", "投诉", "报修", "报警", "建议", "其他"]
    assert {i for i, d in FORMS.items() if d.creates_case} == {
        "inquiry",  # unless answered on the spot (GS 15.3.4)
        "complaint",
        "repair",
        "emergency",
    }


@pytest.mark.parametrize("intent", INTENTS)
def test_an_empty_form_reports_each_required_field(intent: str) -> None:
    found = problems(FORMS[intent], {})
    assert {p.field for p in found} == MISSING[intent]
    for p in found:
        assert p.message_id in ("input.required", "intent.confirm_required")
        assert p.params["field"] == FORMS[intent].field(p.field).label


@pytest.mark.parametrize("intent", INTENTS)
def test_a_complete_form_has_no_problems(intent: str) -> None:
    assert problems(FORMS[intent], COMPLETE[intent]) == []


@pytest.mark.parametrize("intent", INTENTS)
def test_blank_text_counts_as_missing(intent: str) -> None:
    values = {k: ("  " if isinstance(v, str) else v) for k, v in COMPLETE[intent].items()}
    blank = {k for k, v in COMPLETE[intent].items() if isinstance(v, str)}
    assert {p.field for p in problems(FORMS[intent], values)} == blank


def test_an_inquiry_answered_on_the_spot_needs_no_call_back_details() -> None:
    answered = {"topic": "安全用气", "question": "怎样检查漏气?", "answered_now": True}
    assert problems(FORMS["inquiry"], answered) == []
    assert not FORMS["inquiry"].opens_case(answered)
    pending = {**answered, "answered_now": False}
    assert {p.field for p in problems(FORMS["inquiry"], pending)} == {"name", "phone", "reply_by"}
    # GS 15.3.4: not answered on the spot, it becomes a tracked item (a case).
    assert FORMS["inquiry"].opens_case(pending)


def test_a_network_fault_on_a_repair_call_is_its_own_kind_of_case() -> None:
    repair = FORMS["repair"]
    assert repair.case_kind(COMPLETE["repair"]) == ("repair", None)
    general = {**COMPLETE["repair"], "fault_scope": "输气管网一般故障"}
    major = {**COMPLETE["repair"], "fault_scope": "输气管网大故障"}
    assert repair.case_kind(general) == ("network_fault", "general")  # GS 2.2.3: 4 h
    assert repair.case_kind(major) == ("network_fault", "major")  # 24 h


@pytest.mark.parametrize(
    ("intent", "field", "limit"),
    [
        ("complaint", "feedback_by", timedelta(hours=72)),  # GS 2.2.6
        ("repair", "promised_arrival", timedelta(hours=6)),  # GS 2.2.4
        # GS 15.3.4: Friday 16:00 → the end of Tuesday (Mon, Tue are the working days)
        ("inquiry", "reply_by", timedelta(days=4, hours=8)),
    ],
)
def test_a_promised_time_is_prefilled_and_refused_beyond_the_standard(
    intent: str, field: str, limit: timedelta
) -> None:
    start = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)  # Friday 16:00 in Beijing
    form = FORMS[intent]
    limits = promise_limits(form, start, HolidayCalendar())
    assert limits == {field: start + limit}
    values = {**COMPLETE[intent], field: limits[field].isoformat()}
    assert problems(form, values, limits) == []
    late = {**values, field: (limits[field] + timedelta(minutes=1)).isoformat()}
    found = problems(form, late, limits)
    assert [(p.field, p.message_id) for p in found] == [(field, "intent.promise_too_late")]
    assert found[0].params["limit"] == limits[field]


def test_the_hours_said_are_the_hours_stored() -> None:
    start = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    complaint = {**COMPLETE["complaint"], "feedback_by": start + timedelta(hours=48)}
    assert promised_hours(FORMS["complaint"], complaint, start) == "48"
    repair = {**COMPLETE["repair"], "promised_arrival": start + timedelta(hours=3, minutes=10)}
    assert promised_hours(FORMS["repair"], repair, start) == "4"  # rounded up: never shorter
    assert promised_hours(FORMS["suggestion"], {}, start) is None


def test_emergency_requires_the_immediate_dispatch_and_its_time() -> None:
    form = FORMS["emergency"]
    not_sent = {**COMPLETE["emergency"], "dispatched": False, "dispatched_at": None}
    found = {p.field: p.message_id for p in problems(form, not_sent)}
    assert found == {"dispatched": "intent.confirm_required", "dispatched_at": "input.required"}
    assert form.field("dispatched").label == "已立即派单"


def test_emergency_names_the_safety_lines_of_the_script() -> None:
    safety = FORMS["emergency"].safety_phrases
    assert len(safety) == 4
    assert FORMS["emergency"].field("dispatched").on_tick == "dispatch"  # GS 15.5.1: at once
    script = dialogue.shipped()
    for line_id in safety:
        line = script.line(line_id)
        assert (line.stage, line.intent) == (dialogue.Stage.HANDLING, "emergency")
    assert all(not d.safety_phrases for i, d in FORMS.items() if i != "emergency")


def test_every_problem_is_reported_at_once() -> None:
    values = {
        **COMPLETE["repair"],
        "name": "王\x00",
        "content": "漏" * 4001,
        "fault": "水管",
        "address_confirmed": "yes",
        "promised_arrival": "2026-11-21 16:00",  # no offset: which zone?
        "phone": "",
        "fault_scope": "",
    }
    found = {p.field: p.message_id for p in problems(FORMS["repair"], values)}
    assert found == {
        "name": "input.nul_character",
        "content": "input.too_long",
        "fault": "input.invalid_choice",
        "address_confirmed": "input.invalid",
        "promised_arrival": "intent.datetime_invalid",
        "phone": "input.required",
        "fault_scope": "input.required",
    }
    too_long = next(p for p in problems(FORMS["repair"], values) if p.field == "content")
    assert too_long.params == {"field": "报修内容", "max": 4000, "length": 4001}


def test_the_form_round_trips_through_the_calls_json() -> None:
    form = FORMS["emergency"]
    stored = json.loads(json.dumps(to_json(form, COMPLETE["emergency"]), ensure_ascii=False))
    assert stored["id"] == "emergency"
    assert stored["values"]["dispatched_at"] == WHEN.isoformat()
    assert problems(form, stored["values"]) == []


def test_the_message_ids_exist_in_both_languages() -> None:
    used = {"input.required", "input.too_long", "input.nul_character", "input.invalid"}
    used |= {"input.invalid_choice", "intent.confirm_required", "intent.datetime_invalid"}
    used |= {"intent.promise_too_late"}
    for messages in MESSAGES.values():
        assert used <= messages.keys()


# --- validation of the file ------------------------------------------------------------


def _file(intent_body: str) -> str:
    text = forms_path().read_text(encoding="utf-8")
    head, _, rest = text.partition("  - id: inquiry\n")
    return head + intent_body + "  - id: inquiry\n" + rest


@pytest.mark.parametrize(
    ("body", "field", "needle"),
    [
        (
            "  - id: callback\n    label: 回访\n    clause: GS\n    creates_case: false\n"
            "    fields:\n      - id: a\n        label: A\n        kind: choice\n"
            "        required: true\n",
            "intents[0].fields[0]",
            "list choices",
        ),
        (
            "  - id: callback\n    label: 回访\n    clause: GS\n    creates_case: false\n"
            "    safety_phrases: [handling.emergency.nope]\n"
            "    fields:\n      - id: a\n        label: A\n        kind: bool\n"
            "        required: true\n",
            "intents[0]",
            "not a line of dialogue.yaml",
        ),
        (
            "  - id: callback\n    label: 回访\n    clause: GS\n    creates_case: false\n"
            "    fields:\n      - id: a\n        label: A\n        kind: text\n"
            "        required: false\n        required_unless: b\n        max_len: 5\n",
            "intents[0]",
            "not a bool field",
        ),
        (
            "  - id: walk_in\n    label: 来访\n    clause: GS\n    creates_case: false\n"
            "    fields:\n      - id: a\n        label: A\n        kind: bool\n"
            "        required: true\n",
            "intents[0]",
            "unknown intent",
        ),
    ],
)
def test_bad_forms_are_reported_with_line_and_field(body: str, field: str, needle: str) -> None:
    text = _file(body)
    with pytest.raises(ResourceError) as info:
        parse_validated(text, IntentForms, "forms/zh_CN/intents.yaml")
    assert info.value.file == "forms/zh_CN/intents.yaml"
    assert info.value.field == field
    assert info.value.line == text.splitlines().index(body.splitlines()[0]) + 1 + (
        5 if field.endswith("fields[0]") else 0
    )
    assert needle in info.value.problem.params["detail"]


def test_a_missing_field_and_bad_yaml_name_the_place(tmp_path: Path) -> None:
    path = tmp_path / "intents.yaml"
    text = forms_path().read_text(encoding="utf-8")
    path.write_text(text.replace("        label: 咨询类别\n", "", 1), encoding="utf-8")
    with pytest.raises(ResourceError) as info:
        load(path)
    assert info.value.file == str(path)
    assert info.value.field == "intents[0].fields[0].label"
    assert info.value.line == text.splitlines().index("      - id: topic") + 1
    path.write_text(text.replace("kind: choice", "kind: [choice", 1), encoding="utf-8")
    with pytest.raises(ResourceError) as info:
        load(path)
    assert info.value.problem.message_id == "resource.problem.yaml.bracket"  # [choice, never closed
    assert info.value.line is not None


def test_a_file_without_an_intent_is_refused() -> None:
    text = forms_path().read_text(encoding="utf-8")
    head, _, _ = text.partition("  - id: other\n")
    with pytest.raises(ResourceError) as info:
        parse_validated(head, IntentForms, "intents.yaml")
    assert "'other' has no form" in info.value.problem.params["detail"]


# --- any input -------------------------------------------------------------------------

ANY_VALUE = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=50)
    | st.text(st.characters(codec=None), min_size=3990, max_size=4010)
    | st.sampled_from(["\x00", "\ud800", "１２:００", "2026-11-21T08:00:00+08:00", "😀", " "])
    | st.datetimes()
    | st.datetimes(timezones=st.just(UTC))
    | st.lists(st.integers(), max_size=2)
)


@given(st.sampled_from(INTENTS), st.data())
def test_any_value_in_any_field_is_accepted_or_gets_a_clear_message(
    intent: str, data: st.DataObject
) -> None:
    form = FORMS[intent]
    values = {f.id: data.draw(ANY_VALUE, label=f.id) for f in form.fields}
    for p in problems(form, values):
        assert p.field in values
        for messages in MESSAGES.values():
            assert p.message_id in messages
            messages[p.message_id].format(**p.params)
