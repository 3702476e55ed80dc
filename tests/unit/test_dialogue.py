"""The call script (R2.2–R2.6, R2.9): the walk, its greetings and its validation."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.content import dialogue
from console.content.dialogue import (
    Company,
    DialogueScript,
    ScriptContext,
    Stage,
    company,
    load,
    script_path,
    shipped,
)
from console.content.greeting import Closing, greeting, phrase
from console.content.holiday_calendar import HolidayCalendar
from console.content.special_scripts import shipped as special_shipped
from console.core.datafiles import ResourceError, parse_validated
from console.core.vocabulary import CallChannel, CallDirection, Intent

CAL = HolidayCalendar()
SCRIPT = shipped()
# Shanghai times (UTC+8): Saturday afternoon, 春节 morning, an ordinary Monday evening.
SATURDAY_14H = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
SPRING_FESTIVAL_10H = datetime(2026, 2, 17, 2, 0, tzinfo=UTC)
MONDAY_19H = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
ADDRESS = "泰山花园12号楼3单元301室"


def ctx(moment: datetime = SATURDAY_14H) -> ScriptContext:
    return dialogue.context("1024", greeting(moment, CAL))


def known_caller(moment: datetime = SATURDAY_14H) -> ScriptContext:
    return dialogue.context(
        "1024",
        greeting(moment, CAL),
        surname="王",
        title="先生",
        full_name="王建国",
        address=ADDRESS,
        phone="13912341234",
    )


def texts(lines: list[dialogue.ScriptLine]) -> dict[str, str]:
    return {line.id: line.text for line in lines}


def test_the_inbound_walk_in_speaking_order_on_a_saturday_afternoon() -> None:
    lines = SCRIPT.lines(known_caller(), "complaint")
    assert [line.id for line in lines] == [
        "opening.company",
        "opening.greeting",
        "opening.job_no",
        "surname.ask",
        "verify.address",
        "verify.phone",
        "verify.thanks",
        "intent.ask",
        "handling.complaint.apology",
        "handling.complaint.understood",
        "handling.complaint.promise",
        "closing.ask_more",
        "closing.weekend",
    ]
    stages = [line.stage for line in lines]
    assert stages == sorted(stages, key=dialogue.STAGE_ORDER.index)
    said = texts(lines)
    assert said["opening.company"] == "您好,安泰燃气公司"  # GS 15.2.4
    assert said["opening.greeting"] == "下午好!周末愉快!"
    assert said["opening.job_no"] == "1024号为您服务。"
    assert said["surname.ask"] == "请问您贵姓?"
    assert said["verify.address"] == f"您是{ADDRESS}王建国先生吗?"  # GS 15.2.6
    assert said["verify.phone"] == "您的电话号码是13912341234对吗?"
    assert said["intent.ask"] == "王先生,请问有什么可以帮助您?"
    assert said["handling.complaint.promise"] == (
        "很抱歉,王先生,多谢您反映的意见,我们会尽快向上级部门反映,并在72小时内给您回复。"
    )
    assert said["closing.ask_more"] == "您还有其他问题吗?"
    assert said["closing.weekend"] == "感谢您的来电,祝您周末愉快,再见!"


@pytest.mark.parametrize(
    ("moment", "opening", "closing"),
    [
        (SPRING_FESTIVAL_10H, "早上好!春节好!", "closing.holiday"),
        (MONDAY_19H, "晚上好!", "closing.standard"),
        (datetime(2026, 1, 1, 4, 0, tzinfo=UTC), "中午好!元旦快乐!", "closing.holiday"),
        (datetime(2026, 10, 2, 6, 0, tzinfo=UTC), "下午好!国庆好!", "closing.holiday"),
    ],
)
def test_the_greeting_and_closing_follow_the_calendar(
    moment: datetime, opening: str, closing: str
) -> None:
    lines = SCRIPT.lines(known_caller(moment))
    said = texts(lines)
    assert said["opening.greeting"] == opening
    assert [line.id for line in lines if line.stage is Stage.CLOSING] == [
        "closing.ask_more",
        closing,
    ]


@pytest.mark.parametrize("kind", list(Closing))
def test_the_closings_say_what_the_greetings_say(kind: Closing) -> None:
    """One wording for each closing, whichever file the UI reads it from."""
    assert SCRIPT.line(kind.phrase_id).text == phrase(kind)
    assert SCRIPT.line("closing.ask_more").text == phrase("closing.ask_more")


def test_without_a_surname_the_caller_is_addressed_as_sir_or_madam() -> None:
    lines = SCRIPT.lines(ctx(), "complaint")
    said = texts(lines)
    assert said["intent.ask"] == "先生/女士,请问有什么可以帮助您?"
    assert said["verify.address"] == "您是……先生/女士吗?"
    assert said["verify.phone"] == "您的电话号码是……对吗?"
    assert not any(line.addresses_by_surname for line in lines)


def test_addresses_by_surname_marks_the_lines_that_name_the_caller() -> None:
    named = {
        line.id for line in SCRIPT.lines(known_caller(), "complaint") if line.addresses_by_surname
    }
    assert named == {
        "verify.address",
        "intent.ask",
        "handling.complaint.apology",
        "handling.complaint.promise",
    }


def test_handling_lines_only_for_the_chosen_intent() -> None:
    assert not [line for line in SCRIPT.lines(known_caller()) if line.stage is Stage.HANDLING]
    for intent in dialogue.INTENTS:
        handling = [
            line for line in SCRIPT.lines(known_caller(), intent) if line.stage is Stage.HANDLING
        ]
        assert handling, intent
        assert {line.intent for line in handling} == {intent}


def test_emergency_reads_the_safety_instructions_then_confirms_dispatch() -> None:
    ids = [line.id for line in SCRIPT.lines(known_caller(), "emergency")]
    handling = [i for i in ids if i.startswith("handling.")]
    # The gas-leak order a caller must hear first: out and air the room, no
    # switches, no flame, no phone indoors — call from outside.
    assert handling == [
        "handling.emergency.ventilate",
        "handling.emergency.no_switches",
        "handling.emergency.no_flame",
        "handling.emergency.no_phone_indoors",
        "handling.emergency.address",
    ]
    # 已派单 is said only once the dispatch is recorded on the call (GS 15.5.1).
    dispatched = dataclasses.replace(known_caller(), done=frozenset({"dispatched"}))
    after = [line.id for line in SCRIPT.lines(dispatched, "emergency")]
    assert after[after.index("handling.emergency.address") + 1] == "handling.emergency.dispatched"
    assert "立即派单" in SCRIPT.line("handling.emergency.dispatched").text
    said = texts(SCRIPT.lines(known_caller(), "emergency"))
    assert "明火" in said["handling.emergency.no_flame"]
    assert "通风" in said["handling.emergency.ventilate"]
    assert "室外" in said["handling.emergency.no_phone_indoors"]


def test_the_safety_lines_say_what_the_knowledge_panel_says_in_the_same_order() -> None:
    """The provisional safety instructions and the knowledge answer 闻到燃气味怎么办 are
    the same advice: each line is in the answer, in the script's order."""
    from console.content.knowledge import Knowledge, shipped_path
    from console.core.datafiles import load_validated

    answer = next(
        a.body for a in load_validated(shipped_path(), Knowledge).articles if a.slug == "gas-leak"
    )
    at = -1
    for line_id in ("ventilate", "no_switches", "no_flame", "no_phone_indoors"):
        line = SCRIPT.line(f"handling.emergency.{line_id}")
        assert line.provisional and "gas-leak" in line.clause
        text = line.text.rstrip("。")
        assert text in answer, line_id
        assert answer.index(text) > at, line_id
        at = answer.index(text)


def test_repair_promises_the_companys_hours_unless_the_call_sets_its_own() -> None:
    said = texts(SCRIPT.lines(known_caller(), "repair"))
    assert "6小时内处理" in said["handling.repair.promise"]  # GS 2.2.4
    assert said["handling.repair.address"] == f"王先生,您的报修地址是{ADDRESS},对吗?"
    own = dialogue.context(
        "1024", greeting(SATURDAY_14H, CAL), surname="王", title="女士", hours="2"
    )
    said = texts(SCRIPT.lines(own, "repair"))
    assert "2小时内处理" in said["handling.repair.promise"]


def test_an_outbound_callback_opens_and_closes_with_the_callback_wording() -> None:
    call = dialogue.context(
        "1024",
        greeting(MONDAY_19H, CAL),
        direction=CallDirection.OUTBOUND,
        surname="李",
        title="女士",
    )
    lines = SCRIPT.lines(call)
    assert [line.id for line in lines] == [
        "opening.outbound",
        "opening.disturb",
        "surname.outbound_identify",
        "outbound.consent",
        "closing.callback",
    ]
    said = texts(lines)
    assert said["opening.outbound"] == "您好,安泰燃气为您服务!"  # GS 15.6.1 verbatim
    assert said["opening.disturb"] == "对不起,打扰您一下。"  # GS 4.1.8
    # TN 外拨首问语 with the agent's job number (R1.7)
    assert said["surname.outbound_identify"] == "我是安泰燃气客服中心1024号,请问您是李女士吗?"
    assert said["outbound.consent"] == "对不起,我可以占用您一点儿时间吗?"  # GS 15.6.2, 4.1.14
    assert said["closing.callback"] == (  # GS 15.6.4
        "感谢您对我们工作的支持,如您有关于燃气方面的问题可以随时拨打8619612电话,再见!"
    )
    assert lines[2].addresses_by_surname


def test_the_outbound_walks_say_what_the_call_is_for() -> None:
    hello = greeting(MONDAY_19H, CAL)
    callback = dialogue.outbound_call(
        SCRIPT, "1024", hello, Intent.CALLBACK, surname="李", title="女士"
    )
    assert [line.id for line in callback if line.stage is dialogue.Stage.HANDLING] == [
        "handling.callback.satisfaction"
    ]
    notice = dialogue.outbound_call(
        SCRIPT,
        "1024",
        hello,
        Intent.NOTIFICATION,
        address="泰山花园12号楼",
        reason="燃气管道抢修",
        outage_from="即日",
        restore_at="12-07 18:00",
    )
    said = texts(notice)
    # "自即日起" once (the old notice said 自即日起起停止供气).
    assert said["handling.notification.notice"] == (
        "因燃气管道抢修,您所在的泰山花园12号楼自即日起停止供气,预计12-07 18:00恢复供气。"
    )
    assert said["handling.notification.apology"] == "不便之处请您见谅。"  # PR 五


def test_a_visit_at_the_service_hall_has_its_own_opening_and_closing() -> None:
    visit = dataclasses.replace(known_caller(), channel=CallChannel.VISIT)
    ids = [line.id for line in SCRIPT.lines(visit, "inquiry")]
    assert ids[0] == "opening.visit" and "opening.company" not in ids
    assert "intent.visit_ask" in ids and "intent.ask" not in ids
    assert ids[-2:] == ["closing.visit_ask_more", "closing.visit"]
    assert SCRIPT.line("closing.visit").text == "再见,欢迎下次再来。"  # GS 4.1.13


def test_the_ids_compliance_scores_are_in_the_script() -> None:
    ids = {line.id for line in SCRIPT.definitions}
    assert ids >= dialogue.SCORED_IDS


def test_script_ids_do_not_collide_with_the_quick_scripts() -> None:
    ids = {line.id for line in SCRIPT.definitions}
    assert not ids & {p.id for p in special_shipped().phrases}


def test_every_line_names_its_source_and_unsourced_wording_is_marked() -> None:
    for line in SCRIPT.definitions:
        assert line.clause.strip()
        if "not in the reference texts" in line.clause or "no wording" in line.clause:
            assert line.provisional, line.id


def test_the_company_file() -> None:
    c = company()
    assert c.name == "安泰燃气公司"
    assert c.hotline == "8619612"
    assert c.hours("repair_handle") == "6"
    assert c.hours("complaint_reply") == "72"
    assert c.promise("inquiry_reply").working_days == 2


def test_unknown_locales_use_zh_cn() -> None:
    assert script_path("xx_YY") == script_path("zh_CN")
    assert shipped("xx_YY") == SCRIPT


# --- validation of the files -----------------------------------------------------------

HEADER = 'version: 1\nlocale: zh_CN\ngreeting_joiner: "!"\nlines:\n'
CLOSINGS = "".join(
    f"  - id: closing.{k.value}\n    stage: closing\n    closing: {k.value}\n"
    f"    text: 再见\n    clause: GS\n"
    for k in Closing
)


def _file(line: str) -> str:
    return HEADER + line + CLOSINGS


@pytest.mark.parametrize(
    ("yaml_text", "line", "field", "needle"),
    [
        (
            _file('  - id: a.b\n    stage: opening\n    text: "{name}您好"\n    clause: GS\n'),
            7,
            "lines[0].text",
            "unknown placeholder {name}",
        ),
        (
            _file('  - id: a.b\n    stage: opening\n    text: "{surname}您好"\n    clause: GS\n'),
            7,
            "lines[0].text",
            "followed by {title}",
        ),
        (
            _file('  - id: a.b\n    stage: opening\n    text: "{hours:>3}"\n    clause: GS\n'),
            7,
            "lines[0].text",
            "format spec",
        ),
        (
            _file("  - id: a.b\n    stage: handling\n    text: 好\n    clause: GS\n"),
            5,
            "lines[0]",
            "name an intent",
        ),
        (
            _file(
                "  - id: a.b\n    stage: handling\n    intent: repair\n"
                '    text: "{hours}小时"\n    clause: GS\n'
            ),
            5,
            "lines[0]",
            "hours_from",
        ),
        (
            HEADER + "  - id: a.b\n    stage: closing\n    text: 好\n    clause: GS\n",
            1,
            None,
            "closing",
        ),
    ],
)
def test_bad_lines_are_reported_with_line_and_field(
    yaml_text: str, line: int, field: str | None, needle: str
) -> None:
    with pytest.raises(ResourceError) as info:
        parse_validated(yaml_text, DialogueScript, "phrases/zh_CN/dialogue.yaml")
    assert info.value.file == "phrases/zh_CN/dialogue.yaml"
    assert (info.value.line, info.value.field) == (line, field)
    assert needle in info.value.problem.params["detail"]


def test_a_missing_field_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "dialogue.yaml"
    path.write_text(_file("  - id: a.b\n    stage: opening\n    clause: GS\n"), encoding="utf-8")
    with pytest.raises(ResourceError) as info:
        load(path)
    assert info.value.file == str(path)
    assert (info.value.line, info.value.field) == (5, "lines[0].text")
    assert info.value.problem.message_id == "resource.problem.missing"


def test_bad_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "dialogue.yaml"
    path.write_text(_file("  - id: a.b\n    stage: opening\n    text: 好: 坏\n"), encoding="utf-8")
    with pytest.raises(ResourceError) as info:
        load(path)
    assert info.value.line == 7
    assert (
        info.value.problem.message_id == "resource.problem.yaml.colon"
    )  # 好: 坏, a colon inside a value


def test_a_bad_company_file_names_the_field() -> None:
    text = (
        dialogue.company_path()
        .read_text(encoding="utf-8")
        .replace('hotline: "8619612"', "hotline: call us")
    )
    with pytest.raises(ResourceError) as info:
        parse_validated(text, Company, "company.yaml")
    assert info.value.field == "hotline"
    assert info.value.line == text.splitlines().index("hotline: call us") + 1


# --- any input -------------------------------------------------------------------------

CALL_TEXT = st.none() | st.text(max_size=40) | st.sampled_from(["{company}", "{", "}", "\x00"])


@given(CALL_TEXT, CALL_TEXT, CALL_TEXT, CALL_TEXT, st.sampled_from([*dialogue.INTENTS, None]))
def test_any_call_values_render_verbatim(
    surname: str | None,
    full_name: str | None,
    address: str | None,
    phone: str | None,
    intent: str | None,
) -> None:
    call = dialogue.context(
        "1024",
        greeting(MONDAY_19H, CAL),
        surname=surname,
        title="女士",
        full_name=full_name,
        address=address,
        phone=phone,
    )
    said = texts(SCRIPT.lines(call, intent))
    if address:
        assert address in said["verify.address"]
    if phone:
        assert said["verify.phone"] == f"您的电话号码是{phone}对吗?"
    named = bool((surname or "").strip() or (full_name or "").strip())
    assert any(line.addresses_by_surname for line in SCRIPT.lines(call, intent)) == named
