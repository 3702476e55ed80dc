"""The crash path (ui/app/crash.py, console/app/logs.py): an exception nothing caught
reaches the hook, is logged, keeps what is typed and shows the crash dialog, which
restarts or quits the console; a run that died hard is offered at the next start; what is
wrong in settings.json is said in the first login dialog."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from console.app.drafts import DraftStore
from console.app.logs import logs_dir
from console.core.settings import Settings, SettingsWarning
from tests.conftest import AgentFactory, TestDb
from tests.ui.conftest import sign_in, type_text
from ui.app.app import ConsoleRun, start_console, stop_console
from ui.app.crash import CrashLogViewer, CrashNotice, restart_command
from ui.core.widgets import MessageLabel

ROOT = Path(__file__).resolve().parents[2]
Start = Callable[..., ConsoleRun]


def _no_exec(path: str, argv: list[str]) -> None:
    raise AssertionError(f"nothing asked for a restart, yet: {argv}")


@pytest.fixture
def start(qapp: QApplication, settings: Settings, zh: None) -> Iterator[Start]:
    """Start the console as ``main.py`` does (logging, crash path, login dialog); stopped
    at the end unless the test stopped it."""
    runs: list[ConsoleRun] = []

    def _start(url: str, warnings: tuple[SettingsWarning, ...] = ()) -> ConsoleRun:
        run = start_console(qapp, url, settings, warnings)
        runs.append(run)
        assert run.console.login is not None
        return run

    yield _start
    for run in runs:
        c = run.console
        if c.window is not None:
            c.window._done = True  # no sign-out round trip at teardown
            c.window.close()
        if c.login is not None:
            c.login.hide()
            c.login.deleteLater()
        if run.crash.dialog is not None:
            run.crash.dialog.close()
        if run.crash.restart_requested:
            run.crash.restart_requested = False  # the test checked it
        stop_console(run, execv=_no_exec)


def _log_text() -> str:
    """What the console logged so far (nothing yet: no file)."""
    path = logs_dir() / "console.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _crash_dialog(qtbot: QtBot, run: ConsoleRun) -> QMessageBox:
    qtbot.waitUntil(lambda: run.crash.dialog is not None and run.crash.dialog.isVisible())
    assert run.crash.dialog is not None
    return run.crash.dialog


def test_an_exception_in_a_slot_keeps_the_drafts_and_offers_a_restart(
    qtbot: QtBot, start: Start, test_db: TestDb, make_agent: AgentFactory, tmp_path: Path
) -> None:
    make_agent("1001")
    run = start(test_db.url)
    window = sign_in(qtbot, run.console, "1001")
    # The quick note is saved 0.4 s after the last key; the crash comes sooner.
    type_text(qtbot, window.note, "回电 13482467596 王先生")

    def broken_slot() -> None:
        raise RuntimeError("the slot's bug")

    bug = QPushButton("bug", window)  # a widget with a bug, for this test only
    window.statusBar().addWidget(bug)
    bug.clicked.connect(broken_slot)
    qtbot.mouseClick(bug, Qt.MouseButton.LeftButton)

    box = _crash_dialog(qtbot, run)
    assert box.windowTitle() == "坐席控制台 — 意外错误"
    assert box.text() == "控制台遇到意外错误,需要重新启动。"
    assert "您输入的内容没有丢失" in box.informativeText()
    assert "RuntimeError: the slot's bug" in box.informativeText()
    assert "Traceback" in box.detailedText() and "broken_slot" in box.detailedText()
    box.grab().save(str(tmp_path / "crash_dialog.png"))

    # What was typed is on this PC now, not in 0.4 s.
    assert DraftStore().load("1001.quick-note") == "回电 13482467596 王先生"
    # The log file has the traceback; the crash log the dialog names keeps it.
    log = _log_text()
    assert "CRITICAL ui.app.crash: unexpected error in thread MainThread" in log
    assert "RuntimeError: the slot's bug" in log
    kept = next(logs_dir().glob("console-crash-*.log"))
    assert str(kept) in box.informativeText()
    assert "broken_slot" in kept.read_text(encoding="utf-8")

    restart = box.findChild(QPushButton, "restartButton")
    assert restart is not None and restart.text() == "重新启动控制台"
    with qtbot.waitSignal(run.console.finished, timeout=20_000):
        qtbot.mouseClick(restart, Qt.MouseButton.LeftButton)  # signs out, closes the window
    assert run.console.window is None

    executed: list[tuple[str, list[str]]] = []
    stop_console(run, execv=lambda path, argv: executed.append((path, argv)))
    assert executed == [(sys.executable, [sys.executable, *sys.orig_argv[1:]])]
    assert restart_command() == [sys.executable, *sys.orig_argv[1:]]
    run.crash.restart_requested = False
    # Seen in the dialog: kept, not offered at the next start.
    assert run.crash_log.unseen() == [] and kept.exists()


def test_an_exception_on_a_thread_reaches_the_dialog_and_quit_ends_the_console(
    qtbot: QtBot, start: Start, sqlite_db: TestDb
) -> None:
    run = start(sqlite_db.url)

    def work() -> None:
        raise ValueError("the thread's bug")

    thread = threading.Thread(target=work, name="softphone-reader")
    thread.start()
    thread.join()

    box = _crash_dialog(qtbot, run)
    assert "ValueError: the thread's bug" in box.informativeText()
    assert "没有丢失" not in box.informativeText()  # nothing typed yet: no promise made
    assert "unexpected error in thread softphone-reader" in _log_text()
    quit_ = box.findChild(QPushButton, "quitButton")
    assert quit_ is not None and quit_.text() == "退出"
    with qtbot.waitSignal(run.console.finished, timeout=10_000):
        qtbot.mouseClick(quit_, Qt.MouseButton.LeftButton)
    assert not run.crash.restart_requested
    stop_console(run, execv=_no_exec)


def test_the_next_start_offers_the_log_of_a_console_that_died_hard(
    qtbot: QtBot, start: Start, sqlite_db: TestDb, tmp_path: Path
) -> None:
    # The real console, in its own process, dies in Qt's event loop (a segfault).
    code = textwrap.dedent(
        f"""
        import faulthandler, sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from console.core.settings import Settings
        from ui.app.app import start_console
        app = QApplication(sys.argv)
        start_console(app, {sqlite_db.url!r}, Settings(seat="seat-A"))
        QTimer.singleShot(0, faulthandler._sigsegv)
        app.exec()
        """
    )
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    died = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert died.returncode != 0
    assert (logs_dir() / "console-crash.log").exists()

    run = start(sqlite_db.url)
    login = run.console.login
    assert login is not None
    qtbot.waitExposed(login)
    notice = login.findChild(CrashNotice)
    assert notice is not None and notice.isVisible()
    assert notice.label.text().startswith("控制台在 ")
    assert "意外退出" in notice.label.text()
    # When, in the center's time zone (the setting), not the PC's (UTC on this machine).
    (report,) = run.crash_log.unseen()
    zone = ZoneInfo(run.console.settings.timezone)
    assert f"{report.when.astimezone(zone):%Y-%m-%d %H:%M}" in notice.label.text()
    login.grab().save(str(tmp_path / "login_crash_notice.png"))

    qtbot.mouseClick(notice.show_button, Qt.MouseButton.LeftButton)
    viewer = login.findChild(CrashLogViewer)
    assert viewer is not None
    qtbot.waitExposed(viewer)
    shown = viewer.text.toPlainText()
    assert "Fatal Python error: Segmentation fault" in shown
    viewer.close()
    qtbot.mouseClick(notice.copy_button, Qt.MouseButton.LeftButton)
    assert "Segmentation fault" in QGuiApplication.clipboard().text()
    qtbot.mouseClick(notice.dismiss_button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()

    # Seen: kept under its seen name, not offered again.
    assert run.crash_log.unseen() == []
    (kept,) = logs_dir().glob("console-crash-*.log")
    assert "Segmentation fault" in kept.read_text(encoding="utf-8")


def test_what_is_wrong_in_the_settings_is_said_at_start_and_logged(
    qtbot: QtBot, start: Start, test_db: TestDb, make_agent: AgentFactory, tmp_path: Path
) -> None:
    make_agent("1001")
    path = Settings.path()
    path.write_text(json.dumps({"seat": "坐席01", "idle_lock_minute": 5}), encoding="utf-8")
    warnings = Settings.read().warnings
    run = start(test_db.url, warnings)
    login = run.console.login
    assert login is not None
    qtbot.waitExposed(login)
    said = [m.text() for m in login.findChildren(MessageLabel) if m.isVisible()]
    assert said == [f"{path}:没有“idle_lock_minute”这项设置(是否想写“idle_lock_minutes”?),已忽略。"]
    # Logged just after the dialog shows (the log file's module loads at the first record).
    qtbot.waitUntil(
        lambda: f'{path}: "idle_lock_minute" is not a setting (did you mean' in _log_text()
    )
    login.grab().save(str(tmp_path / "login_settings_warning.png"))

    # Said once: the login dialog after signing out does not repeat it.
    window = sign_in(qtbot, run.console, "1001")
    with qtbot.waitSignal(window.signed_out, timeout=10_000):
        window.act_sign_out.trigger()
    again = run.console.login
    assert again is not None
    qtbot.waitExposed(again)
    assert not [m for m in again.findChildren(MessageLabel) if m.isVisible()]
