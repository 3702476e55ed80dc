"""The call screen from the keyboard alone (issue 16): Tab in reading order, fields that
refuse what cannot be stored as it is typed and say so by their label, hostile input
stored exactly or refused clearly, F10 that finishes only what the database holds
finished — driven by keys and clicks, checked against the window and the database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.calls import calls, verification
from console.calls.calls import MAX_NOTES
from console.content import intent_forms
from console.core.clock import ManualClock
from console.core.errors import UserFacingError
from console.core.settings import Settings
from console.core.vocabulary import CallId
from console.telephony import telephony
from tests.conftest import AgentFactory
from tests.ui.desk import NATIONAL_DAY_MORNING, NUMBER, shown_desk
from tests.ui.driver import Driver, be_ready, plain, visible_widgets
from ui.app.main_window import MainWindow

VERIFICATION = {  # label → the key the call's details keep it under
    "姓氏": "surname",
    "全名": "full_name",
    "小区": "community",
    "楼号": "building",
    "单元": "unit",
    "室号": "room",
    "复述电话": "phone_readback",
}
# The complaint form's typed fields: label → (field id, its limit), from the shipped form.
COMPLAINT = {
    f.label: (f.id, f.max_len)
    for f in intent_forms.shipped()["complaint"].fields
    if f.kind in intent_forms.TEXT_KINDS
}
PHONES = {"复述电话", "联系电话"}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NATIONAL_DAY_MORNING)


@pytest.fixture
def window(
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


def _answered(agent: Driver, rt: Runtime, settings: Settings) -> CallId:
    """A ring, answered with F2: the cursor is in 姓氏."""
    ref = CallId(telephony.send_ring(rt.db, settings.seat, NUMBER))
    agent.wait_for(lambda: agent.has("接听 (F2)") and agent.find("接听 (F2)").isEnabled())
    agent.activate()
    agent.press("F2")
    agent.wait_for(lambda: agent.focus().accessibleName() == "姓氏")
    return ref


def _complaint(agent: Driver) -> None:
    """诉求 by the keyboard: Alt+N, then the arrow keys to 投诉."""
    agent.press("Alt+N")
    assert agent.focus().accessibleName() == "诉求"
    agent.press("Down", times=2)
    agent.wait_for(lambda: agent.has("投诉内容"))


def _name(w: QWidget) -> str:
    return w.accessibleName() or plain(getattr(w, "text", lambda: "")()) or w.objectName()


def _field(agent: Driver, label: str) -> QLineEdit | QPlainTextEdit:
    """The editable field a person knows as ``label``."""
    found = [
        w
        for w in visible_widgets(agent.window, QWidget)
        if isinstance(w, QLineEdit | QPlainTextEdit) and w.accessibleName() == label
    ]
    assert len(found) == 1, (label, found)
    return found[0]


def _text(w: QLineEdit | QPlainTextEdit) -> str:
    return w.text() if isinstance(w, QLineEdit) else w.toPlainText()


def _said(agent: Driver) -> list[str]:
    """What the window's message lines say now."""
    return [w.text() for w in visible_widgets(agent.window, QLabel) if w.objectName() == "message"]


def _record(rt: Runtime, w: MainWindow, ref: CallId) -> calls.CallRecord | None:
    try:
        return rt.run(w.ctx, calls.get_call, ref)
    except UserFacingError:
        return None


def _state(rt: Runtime, w: MainWindow, ref: CallId) -> str | None:
    record = _record(rt, w, ref)
    return record.state if record is not None else None


def _stored(rt: Runtime, w: MainWindow, ref: CallId) -> dict[str, Any]:
    """What the database holds of the forms: label → text."""
    record = _record(rt, w, ref)
    if record is None:
        return {}
    details = record.details
    out = {
        label: (details.get("verification") or {}).get(key) for label, key in VERIFICATION.items()
    }
    complaint = (details.get("intents") or {}).get("complaint") or {}
    out |= {label: complaint.get(key) for label, (key, _n) in COMPLAINT.items()}
    out["通话备注"] = record.notes
    return out


def _limits() -> dict[str, int]:
    out = {label: verification.MAX_LENGTHS[key] for label, key in VERIFICATION.items()}
    out |= {label: n for label, (_key, n) in COMPLAINT.items()}
    out["通话备注"] = MAX_NOTES
    return out


def test_tab_visits_every_field_in_reading_order(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings
) -> None:
    """Verification → intent → the intent's form → notes → the call's buttons; the
    multi-line fields pass Tab on instead of inserting a tab."""
    agent = Driver(qtbot, window)
    _answered(agent, rt, settings)
    _complaint(agent)
    agent.type("张", _field(agent, "姓氏"))
    seen = [_name(agent.focus())]
    for _ in range(20):
        agent.press("Tab")
        seen.append(_name(agent.focus()))
    # Then the card: its search once the screen pop has filled it, else its contacts.
    assert seen.pop() in ("查找来电客户", "最近联系")
    assert seen == [
        "姓氏",
        "称谓",
        "全名",
        "小区",
        "楼号",
        "单元",
        "室号",
        "复述电话",
        "与档案核对(R)",
        "诉求",
        "姓名",
        "联系电话",
        "投诉对象",
        "投诉内容",
        "客户诉求",
        "承诺回复时间",
        "通话备注",
        "保持 (F3)",
        "挂机 (F4)",
        "转接(Z) (F7)",
    ]
    for _ in range(6):  # back over the buttons and the notes
        agent.press("Shift+Tab")
    assert _name(agent.focus()) == "客户诉求"
    assert "\t" not in _text(_field(agent, "投诉内容")) + _text(_field(agent, "客户诉求"))
    assert "\t" not in _text(_field(agent, "通话备注"))


@pytest.mark.parametrize(
    "payload",
    [
        "😀👨‍👩‍👧 王‏שלום‎ 1'; DROP TABLE calls; --",  # emoji, RTL marks, SQL text
        "   ",  # only spaces
        "１３９１２３４１２３４",  # full-width digits (ASCII in phone fields)
    ],
    ids=["emoji-rtl-sql", "spaces", "full-width"],
)
def test_hostile_text_is_stored_exactly(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings, payload: str
) -> None:
    agent = Driver(qtbot, window)
    ref = _answered(agent, rt, settings)
    _complaint(agent)
    expected: dict[str, str] = {}
    for label, limit in _limits().items():
        field = _field(agent, label)
        agent.type("", field)
        agent.press("Ctrl+A")
        agent.press("Delete")
        text = payload[:limit]
        agent.type(text)
        if label in PHONES:
            text = text.translate({0xFF10 + d: str(d) for d in range(10)})
        assert _text(field) == text, label
        expected[label] = text
    agent.press("Ctrl+S")
    agent.wait_for(lambda: _stored(rt, window, ref) == expected)


@pytest.mark.parametrize("kind", ["nul", "megabyte"])
def test_what_cannot_be_stored_is_refused_by_its_label_and_nothing_is_lost(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings, kind: str
) -> None:
    """A NUL or a 1 MB paste: refused whole, the message names the field as the screen
    does, what was typed before stays — on screen and in the database."""
    agent = Driver(qtbot, window)
    ref = _answered(agent, rt, settings)
    _complaint(agent)
    kept: dict[str, str] = {}
    for label, limit in _limits().items():
        field = _field(agent, label)
        agent.type("", field)
        agent.press("End")
        agent.type("12")
        before = _text(field)
        kept[label] = before
        agent.paste("甲\x00乙" if kind == "nul" else "长" * 1_000_000)
        assert _text(field) == before, label
        said = " ".join(_said(agent))
        shown = "备注" if label == "通话备注" else label  # the notes' title on screen
        assert f"“{shown}”" in said, (label, said)
        assert ("NUL" in said) if kind == "nul" else (f"{limit:,}" in said), said
    agent.press("Ctrl+S")
    agent.wait_for(lambda: _stored(rt, window, ref) == kept)


def test_a_complaint_call_by_keys_ends_saying_the_case_it_opened(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings
) -> None:
    agent = Driver(qtbot, window)
    ref = _answered(agent, rt, settings)
    agent.type("张")
    _complaint(agent)  # 联系电话 holds the caller's number, 承诺回复时间 the promise
    agent.tab_to("投诉内容")
    agent.type("抄表员态度差")
    agent.press("F4")  # the caller is told goodbye and the line hangs up
    agent.wait_for(lambda: _state(rt, window, ref) == "wrap_up")
    agent.press("F10")  # 姓名 is missing: the cursor goes there
    agent.wait_for(lambda: agent.focus().accessibleName() == "姓名")
    assert "还有 1 项" in " ".join(_said(agent))
    marks = [w.text() for w in visible_widgets(window, QLabel) if w.objectName() == "fieldError"]
    assert marks == ["请填写“姓名”。"], marks
    assert _state(rt, window, ref) == "wrap_up"
    agent.type("张先生")
    agent.press("F10")
    agent.wait_for(lambda: _state(rt, window, ref) == "done")
    agent.wait_for(lambda: any("投诉工单" in s for s in _said(agent)))
    said = " ".join(_said(agent))
    assert "通话已完成并保存" in said and "我的工单" in said
    assert agent.find("complianceBox", QLabel).text().startswith("上一通电话")  # the score stays
    assert not agent.find("完成话后处理 (F10)").isEnabled()


def test_sign_out_during_a_call_asks_first(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings
) -> None:
    agent = Driver(qtbot, window)
    _answered(agent, rt, settings)
    agent.press("Ctrl+Shift+Q")
    box = agent.wait_for_window(QMessageBox)
    assert "当前通话" in box.text()
    agent.press("Return")  # the default answer is No: the agent stays
    agent.wait_for(lambda: not box.isVisible())
    agent.activate()
    assert window.isVisible() and agent.has("挂机 (F4)", within=window)


def test_f12_returns_to_the_call_and_the_call_bar_stays_on_every_tab(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings
) -> None:
    agent = Driver(qtbot, window)
    _answered(agent, rt, settings)
    bar = agent.find("通话栏", within=window)
    agent.press("Alt+Y")  # 我的工单
    agent.wait_for(lambda: not agent.has("姓氏", within=window))
    assert bar.isVisible() and agent.has("回到通话(F12)", within=window)
    agent.press("F12")
    agent.wait_for(lambda: agent.has("姓氏", within=window))
    agent.press("F1")
    sheet = agent.wait_for_window(QDialog)
    assert sheet.objectName() == "keySheet"
    keys = sheet.findChild(QTableWidget)
    assert keys is not None
    listed = set()
    for row in range(keys.rowCount()):
        key = keys.item(row, 0)
        assert key is not None
        listed.add(key.text())
    assert {"F1", "F2", "F4", "F10", "F12", "Ctrl+Shift+Q"} <= listed
    agent.press("Escape")
    agent.wait_for(lambda: not sheet.isVisible())


def test_alt_alone_leaves_the_keyboard_where_it_was(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings
) -> None:
    """Alt pressed and released without a letter (a slip, or a habit from another
    program) does not send the next keys to the menu bar: they go on into the field."""
    agent = Driver(qtbot, window)
    _answered(agent, rt, settings)
    surname = _field(agent, "姓氏")
    for _ in range(3):
        agent.press("Alt")
    agent.type("Li")
    assert agent.focus() is surname and _text(surname) == "Li"
    assert window.menuBar().activeAction() is None
