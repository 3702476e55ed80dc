"""A call through the console, as an agent takes it: ring → answer → scripted
dialogue → verification → intent form → closing → wrap-up, and the stored record."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from console.app.drafts import DraftStore
from console.app.runtime import Runtime
from console.calls import call_desk, calls
from console.calls.compliance import Verdict
from console.cases import cases
from console.core import checks
from console.core.clock import ManualClock
from console.core.settings import Settings
from console.core.vocabulary import CallId, Criterion
from console.telephony import telephony
from db.models import Customer
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import lapse_lease
from tests.ui.conftest import type_text
from tests.ui.desk import NATIONAL_DAY_MORNING, NUMBER, ZONE, open_desk, shown_desk
from tests.ui.driver import be_ready
from ui.app.main_window import MainWindow
from ui.calls.call_screen import CallScreen
from ui.calls.taboo_highlighter import CheckedTextEdit
from ui.core import session

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def customer_id(admin_rt: Runtime) -> int:
    c = Customer(
        account_no="TA1000000001",
        name="张秀英",
        gender="F",
        phone=NUMBER,
        phone_rev=NUMBER[::-1],
        id_number="370902198001010001",
        community="泰山花园",
        building="12",
        unit="3",
        room="301",
        account_type="居民",
        special_group="老年独居",
        last_inspection_at=NATIONAL_DAY_MORNING - timedelta(days=400),
    )
    with admin_rt.unit(admin="test") as s:
        s.add(c)
        s.flush()
        return c.id


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NATIONAL_DAY_MORNING)


@pytest.fixture
def desk_window(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    clock: ManualClock,
) -> Iterator[MainWindow]:
    make_agent("1001", name="张敏")
    w = shown_desk(qtbot, rt, settings, clock)
    be_ready(qtbot, w)
    yield w


def _key(qtbot: QtBot, w: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(w.call_screen, key)


def _say_current(qtbot: QtBot, w: MainWindow, expected_id: str) -> None:
    screen = w.call_screen
    assert screen.dialogue.current_phrase_id() == expected_id
    screen.dialogue.script.setFocus()
    _key(qtbot, w, Qt.Key.Key_F8)
    assert expected_id in screen.dialogue._said


def _select(screen: CallScreen, phrase_id: str) -> None:
    row = screen.dialogue.script.row_of(phrase_id)
    assert row is not None, phrase_id
    screen.dialogue.script.setCurrentRow(row)


def _script_text(screen: CallScreen, phrase_id: str) -> str:
    row = screen.dialogue.script.row_of(phrase_id)
    assert row is not None, phrase_id
    return screen.dialogue.script.item(row).text()


def _ring(qtbot: QtBot, w: MainWindow, rt: Runtime, settings: Settings) -> CallId:
    with qtbot.waitSignal(w.call_screen.card_painted, timeout=10_000) as painted:
        ref = CallId(telephony.send_ring(rt.db, settings.seat, NUMBER))
    assert painted.args == [ref]
    return ref


def test_a_whole_call_leaves_a_complete_record(
    qtbot: QtBot,
    desk_window: MainWindow,
    rt: Runtime,
    settings: Settings,
    clock: ManualClock,
    customer_id: int,
) -> None:
    w = desk_window
    screen = w.call_screen
    ref = _ring(qtbot, w, rt, settings)
    assert w.tabs.currentWidget() is screen
    assert screen.card.heading.text() == "张秀英女士"
    assert "老年独居" in screen.card.alerts.text()  # special group highlighted
    assert screen.card.fields["inspection"].property("alert") is True  # overdue, in red

    # Answer on ring 2 (5 s rings, company.yaml): within the standard's 3 rings.
    clock.advance(timedelta(seconds=6))
    qtbot.waitUntil(lambda: "2" in screen.timer_label.text())
    _key(qtbot, w, Qt.Key.Key_F2)
    assert screen.active is not None and screen.active.state.value == "talking"

    # The opening, line by line with F8: company, the greeting of the day, job number.
    assert "早上好" in _script_text(screen, "opening.greeting")
    assert "国庆好" in _script_text(screen, "opening.greeting")
    assert "1001" in _script_text(screen, "opening.job_no")
    _say_current(qtbot, w, "opening.company")
    _say_current(qtbot, w, "opening.greeting")
    _say_current(qtbot, w, "opening.job_no")
    _say_current(qtbot, w, "surname.ask")

    # The caller gives the surname: the script now addresses her as 张女士.
    form = screen.verification
    type_text(qtbot, form.edits["surname"], "张")
    form.title.setCurrentIndex(form.title.findData("女士"))
    qtbot.waitUntil(lambda: "张女士" in _script_text(screen, "verify.address"))

    # Verification against the record.
    for key, text in (
        ("full_name", "张秀英"),
        ("community", "泰山花园"),
        ("building", "12号楼"),
        ("unit", "3单元"),
        ("room", "301"),
        ("phone_readback", NUMBER),
    ):
        type_text(qtbot, form.edits[key], text)
    qtbot.mouseClick(form.check_button, Qt.MouseButton.LeftButton)
    assert form.outcome.property("outcome") == "verified"
    _say_current(qtbot, w, "verify.address")
    _say_current(qtbot, w, "verify.phone")
    _say_current(qtbot, w, "verify.thanks")
    _say_current(qtbot, w, "intent.ask")

    # A complaint: the form's required fields.
    intent = screen.intent
    intent.set_intent("complaint")
    assert screen.dialogue.script.row_of("handling.complaint.apology") is not None
    # The form starts with what the call knows: the customer's name and number.
    assert intent.current_values()["name"] == "张秀英"
    assert intent.current_values()["phone"] == NUMBER
    content = intent.widgets["content"]
    assert isinstance(content, CheckedTextEdit)
    type_text(qtbot, content.editor, "抄表员上门态度不好")
    _say_current(qtbot, w, "handling.complaint.apology")

    # The promised reply time starts at the company's promise (GS 2.2.6: 72 h from the
    # ring), and the script says the same hours (R10.1).
    feedback = intent.widgets["feedback_by"]
    assert isinstance(feedback, QLineEdit)
    assert feedback.text() == "2026-10-04 09:30"
    assert "72小时内给您回复" in _script_text(screen, "handling.complaint.promise")
    feedback.selectAll()
    qtbot.keyClick(feedback, Qt.Key.Key_Delete)  # the agent clears it …

    # Hanging up and closing are refused while the complaint lacks its feedback time.
    _select(screen, "closing.ask_more")
    _say_current(qtbot, w, "closing.ask_more")
    _say_current(qtbot, w, "closing.holiday")
    with qtbot.waitSignal(screen.wrap_up_started, timeout=10_000):
        telephony.send_caller_hang_up(rt.db, settings.seat, ref)
    _key(qtbot, w, Qt.Key.Key_F10)
    assert screen.active is not None and screen.active.state.value == "wrap_up"
    assert intent.errors["feedback_by"].isVisible()
    assert content.toPlainText() == "抄表员上门态度不好"  # nothing lost
    # … and a time beyond the 72 hours is refused too (GS 2.2.6).
    type_text(qtbot, feedback, "2026-10-04 17:00")
    _key(qtbot, w, Qt.Key.Key_F10)
    assert screen.active is not None and screen.active.state.value == "wrap_up"
    assert "2026-10-04 09:30" in intent.errors["feedback_by"].text()
    feedback.clear()
    type_text(qtbot, feedback, "2026-10-03 17:00")
    assert "56小时内给您回复" in _script_text(screen, "handling.complaint.promise")
    assert "100%" in screen.compliance_box.text()

    with qtbot.waitSignal(screen.call_finished, timeout=10_000):
        _key(qtbot, w, Qt.Key.Key_F10)
    assert screen.active is None

    ctx = w.ctx
    record = rt.run(ctx, calls.get_call, ref)
    assert record.state == "done" and record.ended_by == "caller"
    assert record.customer_id == customer_id
    assert (record.intent, record.verification) == ("complaint", "verified")
    assert (record.surname, record.title) == ("张", "女士")
    assert record.ring_count == 2 and record.job_no == "1001"
    assert rt.run(ctx, calls.compliance_scores, [ref]) == {ref: 100}
    assert record.answered_at == NATIONAL_DAY_MORNING + timedelta(seconds=6)
    complaint = record.details["intents"]["complaint"]
    assert complaint["content"] == "抄表员上门态度不好" and complaint["name"] == "张秀英"
    assert complaint["feedback_by"] == "2026-10-03T17:00:00+08:00"
    assert record.details["verification"]["full_name"] == "张秀英"
    kinds = [e.kind for e in rt.run(ctx, calls.call_events, ref)]
    assert kinds[:2] == ["ring", "answer"]
    assert kinds[-2:] == ["hang_up", "wrap_up_done"]
    said = [e.data["phrase_id"] for e in rt.run(ctx, calls.call_events, ref) if e.kind == "phrase"]
    assert said[:3] == ["opening.company", "opening.greeting", "opening.job_no"]
    assert "closing.holiday" in said
    assert not w.drafts.keys(call_desk.DRAFT_PREFIX)  # nothing left to restore
    # The complaint is now a case this agent owns, with its SLA clocks running (R3.1).
    (case,) = rt.run(ctx, cases.my_cases)
    assert (case.kind, case.call_id, case.customer_id) == ("complaint", ref, customer_id)
    assert case.owner_job_no == "1001" and case.summary == "抄表员上门态度不好"


def test_taboo_phrase_in_the_notes_is_marked_and_logged(
    qtbot: QtBot, desk_window: MainWindow, rt: Runtime, settings: Settings, clock: ManualClock
) -> None:
    w = desk_window
    screen = w.call_screen
    ref = _ring(qtbot, w, rt, settings)
    _key(qtbot, w, Qt.Key.Key_F2)
    type_text(qtbot, screen.notes.editor, "客户说不知道,我说这不归我们管")
    assert "taboo" in {h.kind for _, h in screen.notes.highlighter.hits()}
    assert screen.notes.hint.text()
    _key(qtbot, w, Qt.Key.Key_F4)  # hang up saves at once
    qtbot.waitUntil(lambda: screen.settled, timeout=10_000)
    kinds = [e.kind for e in rt.run(w.ctx, calls.call_events, ref)]
    assert "taboo_hit" in kinds
    assert "✗" in screen.compliance_box.text()


def test_silent_call_sequence_prompts_in_order(
    qtbot: QtBot, desk_window: MainWindow, rt: Runtime, settings: Settings, clock: ManualClock
) -> None:
    w = desk_window
    screen = w.call_screen
    _ring(qtbot, w, rt, settings)
    _key(qtbot, w, Qt.Key.Key_F2)
    qtbot.mouseClick(screen.dialogue.silent_button, Qt.MouseButton.LeftButton)
    prompts: list[str] = []
    for _ in range(4):
        clock.advance(timedelta(seconds=8))
        qtbot.waitUntil(lambda: screen.dialogue.prompt.text() not in prompts, timeout=3000)
        prompts.append(screen.dialogue.prompt.text())
        if len(prompts) < 4:  # the fourth prompt is the hang-up
            _key(qtbot, w, Qt.Key.Key_F8)  # says the prompted phrase, wherever the focus is
    assert "请讲话" in prompts[0]
    assert "能听见我的声音吗" in prompts[1]
    assert "请您换一部电话再拨" in prompts[2]
    assert "F4" in prompts[3]
    assert screen.active is not None
    said = [e.data["phrase_id"] for e in screen.active.flow.events if e.kind.value == "phrase"]
    assert said == ["silent.prompt", "silent.second_prompt", "silent.goodbye"]
    _key(qtbot, w, Qt.Key.Key_F4)
    assert screen.active is not None
    # The agent hung up after the goodbye: allowed for a silent call (TN ④).
    result = screen.active.compliance()
    assert result[Criterion.CALLER_HUNG_UP_FIRST].verdict is Verdict.PASS


def test_caller_who_gives_up_leaves_an_abandoned_record(
    qtbot: QtBot, desk_window: MainWindow, rt: Runtime, settings: Settings, clock: ManualClock
) -> None:
    w = desk_window
    screen = w.call_screen
    ref = _ring(qtbot, w, rt, settings)
    clock.advance(timedelta(seconds=15))
    with qtbot.waitSignal(screen.call_finished, timeout=10_000):
        telephony.send_caller_hang_up(rt.db, settings.seat, ref)
    record = rt.run(w.ctx, calls.get_call, ref)
    assert record.state == "abandoned" and record.ended_at is not None


def test_required_confirmation_ticks_in_an_emergency(
    qtbot: QtBot, desk_window: MainWindow, rt: Runtime, settings: Settings
) -> None:
    w = desk_window
    screen = w.call_screen
    _ring(qtbot, w, rt, settings)
    _key(qtbot, w, Qt.Key.Key_F2)
    screen.intent.set_intent("emergency")
    assert screen.dialogue.script.row_of("handling.emergency.ventilate") is not None
    dispatched = screen.intent.widgets["dispatched"]
    assert isinstance(dispatched, QCheckBox)
    problems = screen.intent.validate()
    assert "dispatched" in {p.field for p in problems}


def test_restored_call_after_a_crash_is_offered(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    clock: ManualClock,
) -> None:
    make_agent("1001", name="张敏")
    ctx = rt.login("1001", PASSWORD, settings.seat)
    active = call_desk.ActiveCall.ring(checks.new_call_id(), NUMBER, clock=clock)
    active.flow.answer()
    active.edit(notes="客户反映燃气表不走字", intent="repair")
    snap = active.snapshot()
    rt.run(ctx, call_desk.sync, snap)
    rt.run(ctx, lambda s, c: None)  # the console dies here; the session ends
    from console.people import auth

    rt.run(ctx, auth.logout)
    w = open_desk(qtbot, rt, settings, clock)
    w.show()
    qtbot.waitUntil(lambda: getattr(w, "restore_box", None) is not None, timeout=10_000)
    box = w.restore_box
    assert isinstance(box, QMessageBox) and NUMBER in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: w.call_screen.active is not None)
    assert w.call_screen.active is not None
    assert w.call_screen.notes.toPlainText() == "客户反映燃气表不走字"
    assert w.call_screen.active.state.value == "wrap_up"


def _wait_for_line(proc: subprocess.Popen[str], prefix: str) -> str:
    assert proc.stdout is not None
    while True:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"console process ended before {prefix!r}")
        if line.startswith(prefix):
            return line.strip()


@pytest.mark.timeout(120)
def test_console_killed_mid_call_offers_the_call_back_with_what_was_typed(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    test_db: TestDb,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
) -> None:
    make_agent("1001", name="张敏")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.console_process", test_db.url, "1001", PASSWORD, "坐席09"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        _wait_for_line(proc, "ready")
        ref = CallId(telephony.send_ring(rt.db, "坐席09", NUMBER))
        assert _wait_for_line(proc, "ringing") == f"ringing {ref}"
        assert proc.stdin is not None
        proc.stdin.write("燃气表不走字,客户要求今天上门查看\n")
        proc.stdin.flush()
        _wait_for_line(proc, "typed")
        # An agent types on; the draft follows a fraction of a second behind.
        drafts = DraftStore()
        key = call_desk.DRAFT_PREFIX + ref
        qtbot.waitUntil(lambda: "今天上门查看" in drafts.load(key), timeout=10_000)
    finally:
        killed_at = datetime.now(UTC)
        proc.kill()  # SIGKILL: no clean-up of any kind
        proc.wait(30)
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()

    lapse_lease(admin_rt, "1001")  # the dead console's lease runs out
    signed_in = session.login(rt, "1001", PASSWORD, "坐席09")
    w = MainWindow(settings, rt, signed_in)
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    w.show()
    qtbot.waitUntil(lambda: getattr(w, "restore_box", None) is not None, timeout=10_000)
    w.restore_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: w.call_screen.active is not None)
    screen = w.call_screen
    assert screen.active is not None and screen.active.call_id == ref
    assert screen.notes.toPlainText() == "燃气表不走字,客户要求今天上门查看"
    assert screen.active.state.value == "wrap_up"
    # The call ended when the console was last alive, not at the restore: the minutes
    # the console was dead are no part of it.
    ended_at = screen.active.flow.ended_at
    assert ended_at is not None and ended_at <= killed_at
    assert "opening.company" in screen.dialogue._said
    qtbot.waitUntil(lambda: screen.settled, timeout=10_000)
    record = rt.run(w.ctx, calls.get_call, ref)
    assert record.notes == "燃气表不走字,客户要求今天上门查看" and record.state == "wrap_up"


@pytest.mark.timeout(120)
def test_console_killed_while_ringing_files_the_call_as_missed_with_its_notes(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    test_db: TestDb,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
) -> None:
    """Nothing to wrap up (never answered): the next start files it as missed with what
    was typed while it rang, says so, and the agent is not put in wrap-up."""
    make_agent("1001", name="张敏")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.console_process",
            test_db.url,
            "1001",
            PASSWORD,
            "坐席09",
            "--no-answer",
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        _wait_for_line(proc, "ready")
        ref = CallId(telephony.send_ring(rt.db, "坐席09", NUMBER))
        assert _wait_for_line(proc, "ringing") == f"ringing {ref}"
        assert proc.stdin is not None
        proc.stdin.write("振铃时记下:表前阀漏气\n")
        proc.stdin.flush()
        _wait_for_line(proc, "typed")
        drafts = DraftStore()
        key = call_desk.DRAFT_PREFIX + ref
        qtbot.waitUntil(lambda: "表前阀漏气" in drafts.load(key), timeout=10_000)
    finally:
        proc.kill()
        proc.wait(30)
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()

    lapse_lease(admin_rt, "1001")
    signed_in = session.login(rt, "1001", PASSWORD, "坐席09")
    w = MainWindow(settings, rt, signed_in)
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    w.show()

    def filed() -> bool:
        try:
            record = rt.run(w.ctx, calls.get_call, ref)
        except Exception:
            return False
        return record.state == "missed"

    qtbot.waitUntil(filed, timeout=10_000)
    record = rt.run(w.ctx, calls.get_call, ref)
    assert record.notes == "振铃时记下:表前阀漏气" and record.answered_at is None
    assert "未接" in w.statusBar().currentMessage()
    assert getattr(w, "restore_box", None) is None  # nothing offered back
    assert w.call_screen.active is None and w.state_label.text() == "状态:未就绪"
    qtbot.waitUntil(lambda: drafts.load(key) in ("", None), timeout=10_000)


def test_agent_finds_and_links_a_caller_with_a_withheld_number(
    qtbot: QtBot, desk_window: MainWindow, rt: Runtime, settings: Settings, customer_id: int
) -> None:
    w = desk_window
    screen = w.call_screen
    with qtbot.waitSignal(screen.card_painted, timeout=10_000):
        ref = CallId(telephony.send_ring(rt.db, settings.seat, None))
    _key(qtbot, w, Qt.Key.Key_F2)
    type_text(qtbot, screen.card.search, "泰山花园12号楼3单元301室")
    qtbot.keyClick(screen.card.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.card.candidates.isVisible(), timeout=10_000)
    first = screen.card.candidates.item(0)
    assert "张秀英" in first.text()
    with qtbot.waitSignal(screen.card.painted, timeout=10_000):
        qtbot.keyClick(screen.card.candidates, Qt.Key.Key_Return)
    assert screen.card.heading.text() == "张秀英女士"
    assert screen.card.fields["phone"].text() == NUMBER  # unmasked once chosen
    qtbot.waitUntil(lambda: screen.settled, timeout=10_000)
    assert rt.run(w.ctx, calls.get_call, ref).customer_id == customer_id


def test_every_control_on_the_call_screen_has_a_name_for_screen_readers(
    qtbot: QtBot, desk_window: MainWindow, rt: Runtime, settings: Settings
) -> None:
    """R9.2: keyboard-first and accessible, with every intent's form shown in turn."""
    w = desk_window
    screen = w.call_screen
    _ring(qtbot, w, rt, settings)
    _key(qtbot, w, Qt.Key.Key_F2)
    for intent in list(screen.intent.intents):
        screen.intent.set_intent(intent)
        unnamed = [
            f"{type(c).__name__} {c.objectName()}"
            for c in screen.findChildren(QWidget)
            if c.focusPolicy() & Qt.FocusPolicy.TabFocus
            and c.isVisibleTo(screen)
            and not c.accessibleName()
            and not (isinstance(c, QAbstractButton) and c.text())
            and not isinstance(c, QTabBar)
        ]
        assert unnamed == [], intent


def test_next_ring_before_the_last_save_lands_leaves_nothing_to_restore(
    qtbot: QtBot, desk_window: MainWindow, rt: Runtime, settings: Settings, clock: ManualClock
) -> None:
    w = desk_window
    screen = w.call_screen
    first = _ring(qtbot, w, rt, settings)
    clock.advance(timedelta(seconds=20))
    screen.save_draft()  # as the draft timer does a moment after any change
    assert call_desk.DRAFT_PREFIX + first in w.drafts.keys(call_desk.DRAFT_PREFIX)
    screen.caller_hung_up(telephony.CallerHungUp(first, clock.now()))
    assert screen.active is not None and screen.active.finished
    # The abandoned call's save is on its way when the next call rings.
    screen.offer(telephony.IncomingCall(checks.new_call_id(), NUMBER, clock.now()))
    qtbot.waitUntil(lambda: screen.settled and screen.pop is not None, timeout=10_000)
    assert rt.run(w.ctx, calls.get_call, first).state == "abandoned"
    assert call_desk.DRAFT_PREFIX + first not in w.drafts.keys(call_desk.DRAFT_PREFIX)


def test_a_follow_up_call_is_linked_to_the_open_case_not_duplicated(
    qtbot: QtBot, desk_window: MainWindow, rt: Runtime, settings: Settings, customer_id: int
) -> None:
    w = desk_window
    earlier = rt.run(
        w.ctx,
        cases.open_case,
        cases.new_case_id(),
        "repair",
        "燃气表不走字",
        customer_id=customer_id,
    )
    screen = w.call_screen
    ref = _ring(qtbot, w, rt, settings)
    assert screen.card.cases.isVisible() and screen.card.cases.count() == 1
    assert earlier.case_no in screen.card.cases.item(0).text()  # what the caller may quote
    screen.card.cases.item(0).setCheckState(Qt.CheckState.Checked)
    _key(qtbot, w, Qt.Key.Key_F2)
    screen.intent.set_intent("repair")  # the intent needs a case, but one is open already
    _key(qtbot, w, Qt.Key.Key_F4)
    for key, text in (
        ("address_confirmed", True),
        ("content", "催修"),
        ("promised_arrival", "2026-10-01 12:00"),
        ("fault_scope", "用户燃气设备、设施"),
    ):
        widget = screen.intent.widgets[key]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(text))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(text))
        elif isinstance(widget, CheckedTextEdit):
            widget.setPlainText(str(text))
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText(str(text))
    with qtbot.waitSignal(screen.call_finished, timeout=10_000):
        _key(qtbot, w, Qt.Key.Key_F10)
    assert [c.id for c in rt.run(w.ctx, cases.my_cases)] == [earlier.id]
    entries = rt.run(w.ctx, cases.timeline, earlier.id)
    assert entries[-1].kind == "contact" and entries[-1].data.get("call_id") == ref


def test_agent_registers_the_caller_as_a_special_group_customer(
    qtbot: QtBot,
    desk_window: MainWindow,
    rt: Runtime,
    admin_rt: Runtime,
    settings: Settings,
    customer_id: int,
) -> None:
    with admin_rt.unit(admin="test") as s:
        s.get_one(Customer, customer_id).special_group = None
    w = desk_window
    screen = w.call_screen
    _ring(qtbot, w, rt, settings)
    assert screen.card.register_button.isVisible()
    assert "特殊群体" not in screen.card.alerts.text()
    qtbot.mouseClick(screen.card.register_button, Qt.MouseButton.LeftButton)
    dialog = screen.special_group_dialog
    qtbot.waitExposed(dialog)
    dialog.group.setCurrentText("行动不便")
    dialog.submit()  # no reason: refused, the dialog stays with the choice made
    qtbot.waitUntil(lambda: dialog.message.isVisible() and not dialog.busy, timeout=10_000)
    assert dialog.isVisible() and dialog.group.currentText() == "行动不便"
    type_text(qtbot, dialog.reason, "来电称腿脚不便,独自在家")
    with qtbot.waitSignal(screen.card.painted, timeout=10_000):
        dialog.submit()
    assert "行动不便" in screen.card.alerts.text()
    with admin_rt.unit(admin="test") as s:
        assert s.get_one(Customer, customer_id).special_group == "行动不便"


def test_a_call_from_a_customer_in_an_outage_area_shows_the_campaign_on_the_card(
    qtbot: QtBot,
    desk_window: MainWindow,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    customer_id: int,
) -> None:
    """R5.2: the caller is most likely calling about the outage: the card says so."""
    import uuid

    from console.campaigns import campaigns
    from console.core.identity import Role

    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "坐席09")
    restore = datetime.now(ZONE).replace(microsecond=0) + timedelta(hours=4)
    rt.run(
        boss,
        campaigns.create,
        str(uuid.uuid4()),
        "emergency",
        "泰山花园12号楼抢修停气",
        "燃气管道抢修",
        [campaigns.AreaNode("泰山花园", "12")],
        restore_expected_at=restore,
    )
    w = desk_window
    _ring(qtbot, w, rt, settings)
    alerts = w.call_screen.card.alerts.text()
    assert "泰山花园12号楼抢修停气" in alerts and "燃气管道抢修" in alerts
    assert restore.strftime("%m-%d %H:%M") in alerts


def test_a_ring_from_a_marked_nuisance_number_warns_with_the_standard_phrase(
    qtbot: QtBot,
    desk_window: MainWindow,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    customer_id: int,
) -> None:
    """R2.18: the warning comes first on the card, with WD's phrase for harassment."""
    from console.core.identity import Role
    from console.customers import nuisance

    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "坐席09")
    until = datetime.now(ZONE) + timedelta(days=3)
    rt.run(boss, nuisance.mark, NUMBER, "多次来电辱骂坐席", until)
    w = desk_window
    _ring(qtbot, w, rt, settings)
    first = w.call_screen.card.alerts.text().splitlines()[0]
    assert "多次来电辱骂坐席" in first and "对不起,上班时间不闲聊,谢谢合作" in first
