"""The login dialog and the first-login password change (R1.1, R1.2), on both databases."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.messages import render
from console.core.settings import Settings
from console.people import auth
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.conftest import open_runtime as open_test_runtime
from tests.pgserver import free_port
from tests.ui.conftest import NEW_PASSWORD, sign_in, submit_login
from ui.app.app import Console


def test_wrong_password_shows_message_and_clears_the_password(
    qtbot: QtBot, console: Console, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    dialog = console.login
    assert dialog is not None
    submit_login(qtbot, dialog, "1001", "Wrong#pass1")
    assert dialog.message.isVisible()
    assert dialog.message.text() == render("login.bad", {"attempts_left": 4})
    assert "工号或密码不正确" in dialog.message.text()
    assert dialog.password.text() == ""
    assert dialog.job_no.text() == "1001"  # kept
    assert dialog.password.hasFocus()
    assert console.window is None


def test_a_database_lost_at_sign_in_says_which_and_keeps_what_was_typed(
    qtbot: QtBot, console: Console, rt: Runtime, make_agent: AgentFactory
) -> None:
    """Issue 20, item 8: not the editing screens' "kept on this PC", but the server that
    did not answer; the job number and password stay for the next press."""
    make_agent("1001")
    dialog = console.login
    assert dialog is not None
    port = free_port()
    dead = open_test_runtime(f"postgresql://nobody@127.0.0.1:{port}/nowhere")
    live_db, rt.db = rt.db, dead.db  # the server went away after the console opened
    try:
        submit_login(qtbot, dialog, "1001", PASSWORD)
        assert dialog.message.text() == render("login.db_lost", {"server": f"127.0.0.1:{port}"})
        assert (dialog.job_no.text(), dialog.password.text()) == ("1001", PASSWORD)
        assert console.window is None
    finally:
        rt.db = live_db
        dead.close()
    with qtbot.waitSignal(dialog.signed_in, timeout=20_000):
        qtbot.keyClick(dialog.password, "\r")  # back: the same press signs in


def test_five_wrong_passwords_lock_the_job_number_until_a_time_shown(
    qtbot: QtBot, console: Console, make_agent: AgentFactory, settings: Settings
) -> None:
    make_agent("1002")
    dialog = console.login
    assert dialog is not None
    before = datetime.now(UTC)
    for _ in range(5):
        submit_login(qtbot, dialog, "1002", "Wrong#pass1")
    text = dialog.message.text()
    assert "锁定" in text
    m = re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text)
    assert m, text
    until = datetime.strptime(m.group(), "%Y-%m-%d %H:%M:%S").replace(
        tzinfo=ZoneInfo(settings.timezone)
    )
    # The policy locks for 15 minutes; the time is shown in the seat's time zone.
    assert before + timedelta(minutes=14) <= until <= datetime.now(UTC) + timedelta(minutes=16)
    # Even the right password is refused now, with the same message.
    submit_login(qtbot, dialog, "1002", PASSWORD)
    assert "锁定" in dialog.message.text()
    assert console.window is None


def test_invalid_job_number_keeps_the_password_and_focuses_the_job_number(
    qtbot: QtBot, console: Console
) -> None:
    dialog = console.login
    assert dialog is not None
    submit_login(qtbot, dialog, "10 01!", "whatever1")
    assert dialog.message.text() == render("job_no.invalid", {})
    assert dialog.job_no.hasFocus()


def test_empty_fields_are_refused_before_anything_runs(qtbot: QtBot, console: Console) -> None:
    dialog = console.login
    assert dialog is not None
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.message.isVisible()
    assert dialog.job_no.hasFocus()
    assert not dialog.busy


def test_first_login_changes_password_then_shows_main_window(
    qtbot: QtBot, console: Console, make_agent: AgentFactory, rt: Runtime
) -> None:
    make_agent("1003")
    login = console.login
    assert login is not None
    with qtbot.waitSignal(login.signed_in, timeout=20_000):
        submit_login(qtbot, login, "1003", PASSWORD)
    d = console.password_dialog
    assert d is not None and d.isVisible()
    assert console.window is None

    # Mismatch: shown inline, nothing typed is lost.
    qtbot.keyClicks(d.old, PASSWORD)
    qtbot.keyClicks(d.new, NEW_PASSWORD)
    qtbot.keyClicks(d.repeat, NEW_PASSWORD + "x")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not d.busy and d.message.isVisible())
    assert d.message.text() == render("password.mismatch", {})
    assert (d.old.text(), d.new.text()) == (PASSWORD, NEW_PASSWORD)
    assert d.repeat.text() == NEW_PASSWORD + "x"

    # Too short: the service's rule, shown inline, fields kept.
    for f in (d.new, d.repeat):
        f.setText("Ab1#")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not d.busy and "至少" in d.message.text())
    assert d.new.text() == "Ab1#" and d.old.text() == PASSWORD

    # Wrong current password.
    d.old.setText("Wrong#pass1")
    for f in (d.new, d.repeat):
        f.setText(NEW_PASSWORD)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not d.busy and "密码不正确" in d.message.text())
    assert d.old.hasFocus()

    d.old.setText(PASSWORD)
    with qtbot.waitSignal(console.window_shown, timeout=20_000):
        qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    window = console.window
    assert window is not None and window.isVisible()
    assert "1003" in window.agent_label.text()
    assert not window.ctx.must_change_password
    # The new password is the one that works now.
    assert rt.run(window.ctx, auth.verify_password, NEW_PASSWORD).status == "ok"


def test_success_shows_main_window_with_job_number_in_status_bar(
    qtbot: QtBot, console: Console, make_agent: AgentFactory
) -> None:
    make_agent("1004", name="张敏")
    window = sign_in(qtbot, console, "1004")
    assert console.login is None
    assert "1004" in window.agent_label.text()
    assert "张敏" in window.agent_label.text()
    assert "seat-A" in window.seat_label.text()
    assert window.db_label.property("ok") is True
    assert window.state == "not_ready"


def test_already_signed_in_elsewhere_says_where_and_since(
    qtbot: QtBot, console: Console, make_agent: AgentFactory, rt: Runtime
) -> None:
    make_agent("1005")
    rt.login("1005", PASSWORD, "seat-B")
    dialog = console.login
    assert dialog is not None
    submit_login(qtbot, dialog, "1005", PASSWORD)
    assert "seat-B" in dialog.message.text()
    assert re.search(r"\d\d:\d\d:\d\d", dialog.message.text())
    assert console.window is None


def test_roles_decide_what_the_menu_offers(
    qtbot: QtBot, console: Console, make_agent: AgentFactory
) -> None:
    make_agent("2001", role=Role.SUPERVISOR)
    window = sign_in(qtbot, console, "2001")
    assert window.act_end_session.isVisible()
    assert window.supervisor_menu.menuAction().isVisible()


def test_agents_are_not_offered_supervisor_tools(
    qtbot: QtBot, console: Console, make_agent: AgentFactory
) -> None:
    make_agent("1006")
    window = sign_in(qtbot, console, "1006")
    assert not window.act_end_session.isVisible()
    assert not window.supervisor_menu.menuAction().isVisible()


def test_keyboard_only_tab_order_and_accessible_names(qtbot: QtBot, console: Console) -> None:
    dialog = console.login
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.job_no.setFocus()
    qtbot.keyClick(dialog.job_no, Qt.Key.Key_Tab)
    assert dialog.password.hasFocus()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Tab)
    assert dialog.login_button.hasFocus()
    for w in (dialog.job_no, dialog.password, dialog.login_button, dialog.seat):
        assert w.accessibleName()
    assert dialog.login_button.isDefault()  # Enter anywhere in the form logs in


def test_declining_the_password_change_signs_out_back_to_login(
    qtbot: QtBot, console: Console, make_agent: AgentFactory, rt: Runtime
) -> None:
    make_agent("1007")
    login = console.login
    assert login is not None
    with qtbot.waitSignal(login.signed_in, timeout=20_000) as signed:
        submit_login(qtbot, login, "1007", PASSWORD)
    ctx = signed.args[0].context
    d = console.password_dialog
    assert d is not None and d.mandatory
    assert d.cancel_button.text() == "签出"
    d.cancel_button.click()
    qtbot.waitUntil(lambda: console.login is not None and console.login.isVisible())
    assert console.window is None
    from ui.core.worker import wait_all

    wait_all()
    qtbot.waitUntil(lambda: _session_ended(rt, ctx))


def _session_ended(rt: Runtime, ctx: AgentContext) -> bool:
    try:
        rt.run(ctx, auth.heartbeat)
    except UserFacingError as e:
        return e.message_id == "session.not_active"
    return False


def test_terminated_console_signs_out_and_frees_the_job_number(
    qtbot: QtBot, console: Console, make_agent: AgentFactory, rt: Runtime
) -> None:
    """SIGTERM (desktop log-off, shutdown, kill) ends the session at once, so the agent can
    sign in at another seat without waiting for the lease."""
    import os
    import signal

    from ui.app.app import on_termination

    make_agent("1006")
    sign_in(qtbot, console, "1006")
    previous = signal.getsignal(signal.SIGTERM)
    wake = on_termination(console.terminate)
    try:
        with qtbot.waitSignal(console.finished, timeout=20_000):
            os.kill(os.getpid(), signal.SIGTERM)
    finally:
        wake.stop()
        signal.signal(signal.SIGTERM, previous)
    rt.login("1006", NEW_PASSWORD, "seat-B")  # free at once, no "already signed in"


def test_a_long_message_grows_the_dialog_and_squeezes_nothing(
    qtbot: QtBot, console: Console, make_agent: AgentFactory, rt: Runtime
) -> None:
    make_agent("1007")
    rt.login("1007", PASSWORD, "坐席09")  # so the refusal names a seat: a three-line message
    dialog = console.login
    assert dialog is not None
    submit_login(qtbot, dialog, "1007", PASSWORD)
    assert "坐席09" in dialog.message.text()
    qtbot.waitUntil(
        lambda: dialog.message.height() >= dialog.message.heightForWidth(dialog.message.width())
    )
    for field in (dialog.job_no, dialog.password):
        assert field.height() >= field.sizeHint().height()
    assert dialog.width() >= 440


@pytest.mark.timeout(90)
def test_after_a_kill_the_login_dialog_counts_down_and_signs_in_by_itself(
    qtbot: QtBot, console: Console, make_agent: AgentFactory, test_db: TestDb, settings: Settings
) -> None:
    """The console at this seat was killed; the agent signs in again
    at once. The dialog says when the old session lapses, counts down, and signs in by
    itself — within 20 s of the kill."""
    make_agent("1001")
    seat = subprocess.Popen(
        [sys.executable, "-m", "tests.seat_process", test_db.url, "1001", PASSWORD, settings.seat],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert seat.stdout is not None and seat.stdout.readline().startswith("ready")
    finally:
        seat.kill()  # SIGKILL: its lease is left to run out
        seat.wait(30)
        if seat.stdout is not None:
            seat.stdout.close()
    killed = time.monotonic()
    dialog = console.login
    assert dialog is not None
    submit_login(qtbot, dialog, "1001", PASSWORD)
    said = dialog.message.text()
    assert "上次的登录仍未结束" in said and "两个坐席" not in said
    first = int(re.search(r"(\d+) 秒后", said).group(1))  # type: ignore[union-attr]
    assert 1 <= first <= 15
    qtbot.waitUntil(
        lambda: int(re.search(r"(\d+) 秒后", dialog.message.text()).group(1)) < first,  # type: ignore[union-attr]
        timeout=5_000,
    )
    # Nobody presses anything. (A new agent then sets a password of their own.)
    qtbot.waitUntil(lambda: console.password_dialog is not None, timeout=25_000)
    assert time.monotonic() - killed <= 20
    assert console.login is None
