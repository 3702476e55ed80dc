"""The main window: status bar, agent state, idle lock, heartbeat, lost connections."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.app.runtime import Runtime
from console.core.errors import UserFacingError
from console.core.identity import Role
from console.core.messages import render
from console.core.settings import Settings
from console.people import auth
from console.shift import states
from db.models import AgentStateEvent
from tests.conftest import PASSWORD, AgentFactory
from tests.conftest import open_runtime as open_test_runtime
from tests.helpers import admin_sql
from tests.pgserver import free_port
from tests.ui.conftest import type_text
from ui.app.main_window import MainWindow
from ui.core import session


@pytest.fixture
def window(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> Iterator[MainWindow]:
    make_agent("1001", name="张敏")
    w = MainWindow(settings, rt, session.login(rt, "1001", PASSWORD, settings.seat))
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    w.show()
    qtbot.waitExposed(w)
    yield w


def type_note(qtbot: QtBot, window: MainWindow, text: str) -> None:
    type_text(qtbot, window.note, text)
    assert window.note.text() == text


def test_status_bar_shows_agent_seat_state_and_connection(window: MainWindow) -> None:
    assert "1001" in window.agent_label.text() and "张敏" in window.agent_label.text()
    assert "seat-A" in window.seat_label.text()
    assert window.state_label.text()
    assert window.db_label.property("ok") is True
    assert "张敏" in window.greeting.text()


def test_state_change_is_recorded(qtbot: QtBot, window: MainWindow, rt: Runtime) -> None:
    window.state_actions["ready"].trigger()
    qtbot.waitUntil(lambda: window.state == "ready")
    assert window.state_actions["ready"].isChecked()
    assert rt.run(window.ctx, states.current_state) == states.AgentState.READY
    window.state_actions["break"].trigger()
    qtbot.waitUntil(lambda: window.state == "break")
    assert rt.run(window.ctx, states.current_state) == states.AgentState.BREAK
    # 未就绪 asks why first (R1.6): nothing is recorded until a reason is chosen.
    window.state_actions["not_ready"].trigger()
    qtbot.waitUntil(window.reason_menu.isVisible)
    assert window.state == "break" and window.state_actions["break"].isChecked()
    window.reason_menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: window.state == "not_ready")
    window.reason_menu.hide()
    with rt.unit(window.ctx) as s:
        last = s.scalars(select(AgentStateEvent).order_by(AgentStateEvent.id.desc()).limit(1)).one()
    assert (last.state, last.reason) == ("not_ready", "meeting")


def test_idle_lock_then_unlock_keeps_what_was_typed(qtbot: QtBot, window: MainWindow) -> None:
    type_note(qtbot, window, "来电 13905381234 户号 A-778")
    with qtbot.waitSignal(window.lock_changed, timeout=5_000) as locked:
        window.idle.set_interval(100)  # no input from here on: the real idle timer fires
    assert locked.args == [True]
    assert window.locked and window.overlay.isVisible()
    assert window.overlay.geometry() == window.rect()
    behind = window.centralWidget()
    assert behind is not None and not behind.isEnabled()  # nothing behind takes input
    assert window.overlay.password.hasFocus()

    qtbot.keyClicks(window.overlay.password, PASSWORD)
    with qtbot.waitSignal(window.lock_changed, timeout=20_000) as unlocked:
        qtbot.keyClick(window.overlay.password, Qt.Key.Key_Return)
    assert unlocked.args == [False]
    assert not window.overlay.isVisible()
    assert window.note.text() == "来电 13905381234 户号 A-778"
    assert window.note.isEnabled() and window.note.hasFocus()


def test_wrong_unlock_password_is_refused_with_a_message(qtbot: QtBot, window: MainWindow) -> None:
    type_note(qtbot, window, "待回电")
    window.lock_now()
    qtbot.keyClicks(window.overlay.password, "Wrong#pass1")
    qtbot.keyClick(window.overlay.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.overlay.busy and window.overlay.message.isVisible())
    assert window.overlay.message.text() == render("password.wrong", {"attempts_left": 4})
    assert window.locked and window.overlay.isVisible()
    assert window.overlay.password.text() == ""
    assert window.note.text() == "待回电"


def test_repeated_wrong_unlock_passwords_lock_out_and_sign_out(
    qtbot: QtBot, window: MainWindow, rt: Runtime
) -> None:
    ctx = window.ctx
    window.lock_now()
    with qtbot.waitSignal(window.signed_out, timeout=30_000) as out:
        for _ in range(5):
            qtbot.waitUntil(lambda: not window.overlay.busy)
            window.overlay.password.setText("Wrong#pass1")
            window.overlay.submit()
    assert "锁定" in out.args[0]
    with pytest.raises(UserFacingError) as e:
        rt.run(ctx, auth.heartbeat)
    assert e.value.message_id == "session.not_active"


def test_session_ended_elsewhere_shows_banner_and_sign_in_again_keeps_the_window(
    qtbot: QtBot, window: MainWindow, rt: Runtime, make_agent: AgentFactory
) -> None:
    type_note(qtbot, window, "客户稍后回电")
    make_agent("9001", role=Role.SUPERVISOR)
    supervisor = rt.login("9001", PASSWORD, "seat-S")
    assert rt.run(supervisor, auth.end_session, window.ctx.session_id, "换班测试")

    with qtbot.waitSignal(window.heartbeat_finished, timeout=10_000) as hb:
        window.heartbeat.beat_now()
    assert hb.args == [False]
    assert window.banner.isVisible() and window.banner.topic == "session"
    assert window.banner.text() == render("session.ended.by_supervisor", {"by": "9001"})
    assert not window.session_active
    assert not window.state_actions["ready"].isEnabled()
    assert window.note.text() == "客户稍后回电"  # nothing lost

    window.banner.button.click()
    dialog = window.login_again_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.job_no.text() == "1001" and dialog.job_no.isReadOnly()
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=20_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert window.session_active and not window.banner.isVisible()
    assert window.note.text() == "客户稍后回电"
    with qtbot.waitSignal(window.heartbeat_finished, timeout=10_000) as hb:
        window.heartbeat.beat_now()
    assert hb.args == [True]


def test_the_first_close_after_the_session_was_lost_closes_the_window(
    qtbot: QtBot, window: MainWindow, rt: Runtime, make_agent: AgentFactory
) -> None:
    """Issue 20, item 10: before, the first close was ignored."""
    type_note(qtbot, window, "客户稍后回电")
    make_agent("9001", role=Role.SUPERVISOR)
    supervisor = rt.login("9001", PASSWORD, "seat-S")
    assert rt.run(supervisor, auth.end_session, window.ctx.session_id, "换班测试")
    with qtbot.waitSignal(window.heartbeat_finished, timeout=10_000):
        window.heartbeat.beat_now()
    assert window.banner.isVisible() and not window.session_active

    assert window.close()
    assert not window.isVisible()
    assert window.drafts.load(f"{window.ctx.job_no}.quick-note") == "客户稍后回电"  # kept


def test_an_administrator_is_told_which_data_file_does_not_validate(
    qtbot: QtBot,
    window: MainWindow,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
) -> None:
    """Issue 20, item 21: file, line and field, in words, at the administrator's sign-in."""
    admin_sql(
        admin_rt,
        "INSERT INTO content_versions (kind, version, body, note, saved_at) "
        "VALUES ('sla', 1, 'version: [', 'psql', :t)",
        t=datetime.now(UTC),
    )
    rt.refresh_content()
    make_agent("9001", role=Role.ADMIN)
    admin = MainWindow(settings, rt, session.login(rt, "9001", PASSWORD, "seat-S"))
    qtbot.addWidget(admin, before_close_func=lambda w: setattr(w, "_done", True))
    admin.show()
    qtbot.waitExposed(admin)
    assert admin.banner.isVisible() and admin.banner.topic == "content"
    assert "数据文件 sla/policy.yaml v1 第 1 行" in admin.banner.text()
    assert "仍在使用该文件上一个有效版本" in admin.banner.text()  # the shipped one
    assert "resource.invalid" not in admin.banner.text()
    window.check_content()  # an agent cannot change it: not told
    assert window.banner.topic != "content"


def test_database_lost_shows_banner_retries_and_recovers(
    qtbot: QtBot, window: MainWindow, rt: Runtime
) -> None:
    type_note(qtbot, window, "正在核对地址")
    # A real failure: the runtime now talks to a PostgreSQL port nobody listens on.
    dead = open_test_runtime(f"postgresql://nobody@127.0.0.1:{free_port()}/nowhere")
    live_db, rt.db = rt.db, dead.db
    window.heartbeat.retry_delays_ms = (50, 100)
    try:
        with qtbot.waitSignal(window.heartbeat_finished, timeout=10_000) as hb:
            window.heartbeat.beat_now()
        assert hb.args == [False]
        assert window.banner.isVisible() and window.banner.topic == "db"
        assert "数据库连接中断" in window.banner.text()
        assert window.db_label.property("ok") is False
        assert window.session_active  # the session itself is fine
        # It keeps retrying on its own …
        with qtbot.waitSignal(window.heartbeat_finished, timeout=10_000):
            pass
        assert window.banner.isVisible()
    finally:
        rt.db = live_db
        dead.close()
    # … and once the database answers, the banner goes.
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=10_000)
    assert window.db_label.property("ok") is True
    assert window.note.text() == "正在核对地址"


def test_sign_out_ends_the_session(qtbot: QtBot, window: MainWindow, rt: Runtime) -> None:
    ctx = window.ctx
    with qtbot.waitSignal(window.signed_out, timeout=10_000):
        window.act_sign_out.trigger()
    with pytest.raises(UserFacingError) as e:
        rt.run(ctx, auth.heartbeat)
    assert e.value.message_id == "session.not_active"


def test_shortcuts_lock_and_sign_out(qtbot: QtBot, window: MainWindow) -> None:
    assert window.act_lock.shortcut().toString() == "Ctrl+L"
    assert window.act_sign_out.shortcut().toString() == "Ctrl+Shift+Q"
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.locked)
    # While locked the window's own shortcuts are off: only the lock screen answers.
    assert not window.act_sign_out.isEnabled()


def test_window_geometry_is_remembered(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings
) -> None:
    make_agent("1009")
    signed_in = session.login(rt, "1009", PASSWORD, settings.seat)
    first = MainWindow(settings, rt, signed_in)
    first.show()
    first.resize(731, 517)  # within the offscreen screen (800×600)
    qtbot.waitUntil(lambda: first.size().width() == 731)
    first._done = True
    first.close()
    second = MainWindow(settings, rt, signed_in)
    qtbot.addWidget(second, before_close_func=lambda w: setattr(w, "_done", True))
    assert (second.width(), second.height()) == (731, 517)


def test_language_choice_is_saved_for_the_next_start(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    window.language_actions["en"].trigger()
    assert Settings.load().language == "en"
    assert Settings.load().seat != "seat-A"  # only the language was stored
    box = window.findChild(QMessageBox)
    assert box is not None and "下次启动" in box.text()
    box.close()


def test_quick_note_survives_a_restart(
    qtbot: QtBot, window: MainWindow, rt: Runtime, settings: Settings
) -> None:
    """What an agent jotted down is still there after the console is closed and reopened."""
    type_note(qtbot, window, "回电 13905381234 王先生")
    window.close()  # signs out, then shuts down
    qtbot.waitUntil(lambda: window._done)
    again = MainWindow(settings, rt, session.login(rt, "1001", PASSWORD, settings.seat))
    qtbot.addWidget(again, before_close_func=lambda w: setattr(w, "_done", True))
    assert again.note.text() == "回电 13905381234 王先生"


def test_supervisor_ends_a_session_picked_from_the_list(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    from ui.shift.supervisor import EndSessionDialog

    make_agent("1001", name="张敏")
    make_agent("2001", Role.SUPERVISOR, name="赵刚")
    victim = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "坐席09")
    dialog = EndSessionDialog(settings, rt, boss)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.sessions.count() == 1)
    assert "1001" in dialog.sessions.itemText(0) and "坐席01" in dialog.sessions.itemText(0)
    dialog.ok_button.click()  # no reason yet: refused, nothing ended
    assert dialog.message.isVisible() and "原因" in dialog.message.text()
    dialog.reason.setText("坐席故障")
    with qtbot.waitSignal(dialog.ended, timeout=10_000) as ended:
        dialog.ok_button.click()
    assert ended.args == [victim.session_id]
    with pytest.raises(UserFacingError, match="session.not_active"):
        rt.run(victim, auth.heartbeat)
