"""The administrator's people-and-seats dialog: it lists the agents, adds one
through the form, and a refused form says why and keeps what was typed; disabling signs
the agent out; the seats tab keeps the register; an agent who opens it is refused."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.settings import Settings
from console.core.vocabulary import SeatCode
from console.people import agents, auth, seats
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import audit_kinds
from tests.ui.conftest import type_text
from ui.people.admin_people import AdminPeopleDialog, AgentsModel, SeatsModel, temporary_password

TEMP = "Temp#2026a"


def _dialog(qtbot: QtBot, rt: Runtime, ctx: AgentContext, settings: Settings) -> AdminPeopleDialog:
    d = AdminPeopleDialog(rt.runner(lambda: ctx), ctx, settings=settings)
    qtbot.addWidget(d)
    with qtbot.waitSignal(d.loaded, timeout=20_000):
        d.show()
    return d


def _click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _click_row(qtbot: QtBot, view: QTableView, key: str) -> None:
    """Click the row whose first column says ``key``, as the administrator does."""
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == key)
    view.scrollTo(model.index(row, 0))
    center = view.visualRect(model.index(row, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert view.selectionModel().isRowSelected(row), key


def _click_tab(qtbot: QtBot, d: AdminPeopleDialog, index: int) -> None:
    bar = d.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert d.tabs.currentIndex() == index


def _choose(qtbot: QtBot, combo: QComboBox, data: str) -> None:
    """Pick an entry with the arrow keys, as from the keyboard."""
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def _save_refused(qtbot: QtBot, d: AdminPeopleDialog) -> str:
    """Press the form's button; the refusal's sentence (the form stays open)."""
    _click(qtbot, d.agent_save)
    qtbot.waitUntil(lambda: not d.busy and d.message.kind() == "error", timeout=20_000)
    assert d.agent_form.isVisible()
    return d.message.text()


def _retype(qtbot: QtBot, widget: Any, text: str) -> None:
    widget.clear()
    type_text(qtbot, widget, text)


@pytest.fixture
def admin(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("9001", Role.ADMIN, name="陈静")
    make_agent("1001", name="张敏")
    return rt.login("9001", PASSWORD, "坐席09")


def test_lists_agents_and_adds_one_and_a_refused_form_keeps_the_text(
    qtbot: QtBot, rt: Runtime, admin: AgentContext, settings: Settings, zh: None
) -> None:
    d = _dialog(qtbot, rt, admin, settings)
    model = d.agents_model
    assert [(a.job_no, a.name) for a in model.rows] == [("1001", "张敏"), ("9001", "陈静")]
    online = model.index(1, AgentsModel.COLUMNS.index("online")).data()
    assert online.startswith("坐席09")
    assert not d.agent_form.isVisible()

    _click(qtbot, d.add_button)
    assert d.agent_form.isVisible() and d.job_no.hasFocus()
    type_text(qtbot, d.job_no, "10 08")
    type_text(qtbot, d.name, "刘洋")
    _choose(qtbot, d.role, "supervisor")
    type_text(qtbot, d.password, TEMP)
    type_text(qtbot, d.repeat, TEMP)
    assert "工号只能由" in _save_refused(qtbot, d)
    assert (d.job_no.text(), d.name.text(), d.password.text()) == ("10 08", "刘洋", TEMP)

    _retype(qtbot, d.job_no, "1008")
    d.name.clear()
    assert "姓名不能为空" in _save_refused(qtbot, d)
    assert (d.job_no.text(), d.role.currentData(), d.repeat.text()) == ("1008", "supervisor", TEMP)

    type_text(qtbot, d.name, "刘洋")
    _retype(qtbot, d.password, "Ab#1")
    _retype(qtbot, d.repeat, "Ab#1")
    assert "密码至少需要 8 个字符" in _save_refused(qtbot, d)
    assert (d.job_no.text(), d.name.text()) == ("1008", "刘洋")

    _retype(qtbot, d.password, TEMP)
    _retype(qtbot, d.repeat, TEMP + "x")
    _click(qtbot, d.agent_save)  # checked on the form itself: no round trip
    assert d.message.text() == "两次输入的新密码不一致。" and d.password.text() == TEMP

    _retype(qtbot, d.repeat, TEMP)
    with qtbot.waitSignal(d.loaded, timeout=20_000):
        _click(qtbot, d.agent_save)
    assert d.message.kind() == "info" and not d.agent_form.isVisible()
    assert [a.job_no for a in model.rows] == ["1001", "1008", "9001"]
    assert d.selected_agent() is not None and d.selected_agent().role is Role.SUPERVISOR  # type: ignore[union-attr]
    assert d.job_no.text() == "" and d.password.text() == ""  # nothing secret left behind
    assert rt.login("1008", TEMP, "坐席01").must_change_password
    assert "agent.added" in audit_kinds(rt)


def test_disable_signs_the_agent_out_and_own_row_cannot_be_disabled(
    qtbot: QtBot, rt: Runtime, admin: AgentContext, settings: Settings
) -> None:
    agent = rt.login("1001", PASSWORD, "坐席01")
    d = _dialog(qtbot, rt, admin, settings)
    _click_row(qtbot, d.agents_view, "9001")
    assert not d.active_button.isEnabled() and not d.end_button.isEnabled()
    _click_row(qtbot, d.agents_view, "1001")
    assert d.end_button.isEnabled() and not d.unlock_button.isEnabled()
    _click(qtbot, d.active_button)
    assert d.agent_form.isVisible() and d.agent_reason.hasFocus()
    assert not d.name.isVisible() and not d.password.isVisible()
    _save_refused(qtbot, d)  # no reason
    type_text(qtbot, d.agent_reason, "离职")
    with qtbot.waitSignal(d.loaded, timeout=20_000):
        _click(qtbot, d.agent_save)
    row = d.selected_agent()
    assert row is not None and row.job_no == "1001" and not row.active and row.online_seat is None
    with pytest.raises(UserFacingError, match="session.not_active"):
        rt.run(agent, auth.heartbeat)
    assert d.active_button.isEnabled() and "1001" in d.message.text()

    _click(qtbot, d.active_button)  # now it re-enables; the reason is optional
    with qtbot.waitSignal(d.loaded, timeout=20_000):
        _click(qtbot, d.agent_save)
    assert rt.login("1001", PASSWORD, "坐席01").job_no == "1001"


def test_the_seats_tab_adds_and_takes_a_seat_out_of_service(
    qtbot: QtBot, rt: Runtime, admin: AgentContext, settings: Settings
) -> None:
    d = _dialog(qtbot, rt, admin, settings)
    _click_tab(qtbot, d, 1)
    _click(qtbot, d.seat_add_button)
    type_text(qtbot, d.seat_code, "坐席31")
    type_text(qtbot, d.seat_location, "二楼东区")
    with qtbot.waitSignal(d.loaded, timeout=20_000):
        qtbot.keyClick(d.seat_location, Qt.Key.Key_Return)  # Enter saves the open form
    added = next(x for x in d.seats_model.rows if x.code == "坐席31")
    assert (added.location, added.active) == ("二楼东区", True)
    _click_row(qtbot, d.seats_view, "坐席31")
    _click(qtbot, d.seat_active_button)
    type_text(qtbot, d.seat_reason, "显示器损坏")
    with qtbot.waitSignal(d.loaded, timeout=20_000):
        _click(qtbot, d.seat_save)
    row = next(i for i, x in enumerate(d.seats_model.rows) if x.code == "坐席31")
    status = d.seats_model.index(row, SeatsModel.COLUMNS.index("status")).data()
    assert not d.seats_model.rows[row].active and status
    listed = {x.code: x for x in rt.run(admin, seats.list_seats)}
    assert listed[SeatCode("坐席31")].active is False


def test_an_agent_who_opens_it_is_refused(
    qtbot: QtBot, rt: Runtime, admin: AgentContext, make_agent: AgentFactory, settings: Settings
) -> None:
    ctx = rt.login("1001", PASSWORD, "坐席01")
    d = AdminPeopleDialog(rt.runner(lambda: ctx), ctx, settings=settings)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.message.kind() == "error", timeout=20_000)
    assert "无权" in d.message.text() and d.agents_model.rowCount() == 0


def test_the_models_are_correct_qt_models(
    qtbot: QtBot, qtmodeltester: Any, rt: Runtime, admin: AgentContext, settings: Settings
) -> None:
    d = _dialog(qtbot, rt, admin, settings)
    qtmodeltester.check(d.agents_model)
    rt.run(admin, seats.add_seat, SeatCode("坐席31"), "一楼")
    with qtbot.waitSignal(d.loaded, timeout=20_000):
        d.refresh()
    qtmodeltester.check(d.seats_model)


def test_generated_temporary_passwords_pass_the_policy() -> None:
    from console.people import passwords

    for _ in range(50):
        assert passwords.validate_new(temporary_password())


def test_screenshot(
    qtbot: QtBot, rt: Runtime, admin: AgentContext, settings: Settings, zh: None
) -> None:
    """docs/screenshots-style picture of the dialog, for a person to look at."""
    for job_no, name, role in (("1002", "李强", Role.AGENT), ("2001", "赵刚", Role.SUPERVISOR)):
        rt.run(admin, agents.add_agent, job_no, name, role, TEMP, datetime.now(UTC))
    for _ in range(5):
        with pytest.raises(UserFacingError):
            rt.login("1002", "wrong-password", "坐席03")
    rt.login("1001", PASSWORD, "坐席01")
    d = _dialog(qtbot, rt, admin, settings)
    _click_row(qtbot, d.agents_view, "1001")
    _click(qtbot, d.active_button)
    type_text(qtbot, d.agent_reason, "离职")
    d.grab().save("/tmp/admin_people.png")


def test_cancel_clears_the_refusal_and_the_labels_underline_their_keys(
    qtbot: QtBot, rt: Runtime, admin: AgentContext, settings: Settings, zh: None, tmp_path: Any
) -> None:
    d = _dialog(qtbot, rt, admin, settings)
    _click(qtbot, d.add_button)
    type_text(qtbot, d.job_no, "10 08")
    assert "工号只能由" in _save_refused(qtbot, d)
    # The password row's label has the field as its buddy: "(T)" is underlined, not "&T".
    label = d.agent_fields.labelForField(d.password_row)
    assert isinstance(label, QLabel) and label.text() == "临时密码(&T)"
    assert label.buddy() is d.password
    qtbot.keyClick(d, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert d.password.hasFocus()
    d.grab().save(str(tmp_path / "people-form.png"))
    _click(qtbot, d.agent_cancel)
    assert not d.agent_form.isVisible()
    assert not d.message.isVisible()  # the refusal of the closed form is gone

    _click_tab(qtbot, d, 1)
    _click(qtbot, d.seat_add_button)
    _click(qtbot, d.seat_save)  # no code: refused
    qtbot.waitUntil(lambda: not d.busy and d.message.kind() == "error", timeout=20_000)
    assert d.message.isVisible()
    _click(qtbot, d.seat_cancel)
    assert not d.seat_form.isVisible() and not d.message.isVisible()
