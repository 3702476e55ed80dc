"""Fixtures for the Qt front end, on the offscreen platform (see tests/conftest.py)."""

from __future__ import annotations

import gc
import re
import sys
import threading
import time
import traceback
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.core.settings import Settings
from tests.conftest import PASSWORD
from ui.app.app import Console
from ui.app.main_window import MainWindow
from ui.calls import taboo_highlighter
from ui.core import changes, i18n, style, worker
from ui.core.worker import wait_all
from ui.people.login import LoginDialog

NEW_PASSWORD = "Calm#Shift42"
# The offscreen platform says these whenever a window with a layout is shown or raised,
# or a menu pops up: it has no window manager to pass them to.
OFFSCREEN_NOISE = (
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in item.nodeid:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


SETTLE_S = 30.0  # no op of a test runs this long: more is a hang


def settle() -> None:
    """Until no background op is left: each result delivered may start another (the
    next page of a list, a list refreshed after a change). The GUI thread goes on
    handling events meanwhile, as it does in the console, so that work which needs it
    (a result to deliver, a deferred deletion) is never held up by the wait itself."""
    deadline = time.monotonic() + SETTLE_S
    while worker.busy() or not wait_all(0):
        if time.monotonic() > deadline:
            # Where each thread is, in the failure's own message: CI shows a failure's
            # report, not what was written to the terminal on the way.
            raise AssertionError(
                "background work still running after the test\n" + _thread_stacks()
            )
        wait_all(10)
        QApplication.processEvents()


def _thread_stacks() -> str:
    """Every other thread's innermost frames (this one is in ``settle``)."""
    names = {t.ident: t.name for t in threading.enumerate()}
    return "\n".join(
        f"--- thread {names.get(ident, ident)}\n"
        + "".join(traceback.format_stack(frame, limit=-12))
        for ident, frame in sys._current_frames().items()
        if ident != threading.get_ident()
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """Settle right after the test, before its fixtures close the runtimes the ops use:
    an op still running then would open a connection nobody closes."""
    try:
        result = yield
    except BaseException:
        try:
            settle()
        except AssertionError as e:  # the test's own failure is the one to show
            item.add_report_section("call", "background work", str(e))
        raise
    settle()
    return result


@pytest.fixture(autouse=True)
def _no_threads_left(qapp: QApplication) -> Iterator[None]:
    """Every test ends with the worker pool idle and its results delivered, and with the
    widgets it left in reference cycles collected here, on the GUI thread: collected
    later by whichever thread happens to allocate (a worker of the next test), a Qt
    object is destroyed off its thread and Qt warns "Timers cannot be started from
    another thread" — in the next test, which then fails."""
    gc.collect()
    yield
    settle()
    changes.reset()  # the next test's screens hear only their own changes
    gc.collect()


@pytest.fixture
def rt(rt: Runtime) -> Iterator[Runtime]:
    """The seat's runtime, closed only once the background work using it is done: an op
    still running when its engine is disposed would leave a connection open."""
    yield rt
    settle()


@pytest.fixture
def admin_rt(admin_rt: Runtime) -> Iterator[Runtime]:
    yield admin_rt
    settle()


@pytest.fixture(autouse=True)
def _shipped_taboo_lists() -> Iterator[None]:
    """A console sets the taboo lists in force for the whole process; the next test
    starts from the shipped ones."""
    yield
    taboo_highlighter.use_lists(None)


@pytest.fixture
def settings() -> Settings:
    # The heartbeat is driven by hand in tests (heartbeat.beat_now), the idle lock by lock_now.
    return Settings(seat="seat-A", language="zh_CN", idle_lock_minutes=10, heartbeat_seconds=3600)


@pytest.fixture
def zh(qapp: QApplication) -> Iterator[None]:
    """The Chinese translation and the console's style sheet, as in production."""
    translators = i18n.install(qapp, "zh_CN")
    style.apply(qapp)
    yield
    # Restyling every widget while background results are still arriving, or while
    # widgets wait for deferred deletion, crashed Qt once in CI: settle first.
    settle()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    i18n.remove(qapp, translators)
    qapp.setStyleSheet("")


@pytest.fixture
def console(qtbot: QtBot, rt: Runtime, settings: Settings, zh: None) -> Iterator[Console]:
    c = Console(settings, runtime=rt)
    c.start()
    assert c.login is not None
    qtbot.waitExposed(c.login)
    yield c
    if c.window is not None:
        c.window._done = True  # no sign-out round trip at teardown
        c.window.close()
    for d in (c.password_dialog, c.login):
        if d is not None:
            d.hide()
            d.deleteLater()


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type as an agent does: Latin keys pressed, Chinese committed by the input method
    (QTest can only press keys that exist on a keyboard)."""
    widget.setFocus()
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def when_modal(kind: type[QDialog], answer: Callable[[Any], None], timeout_s: float = 20) -> None:
    """Answer the next modal dialog of ``kind`` once it shows (a file or print dialog
    runs its own event loop inside the click that opened it)."""
    deadline = time.monotonic() + timeout_s

    def poll() -> None:
        shown = QApplication.activeModalWidget()
        window = shown.windowHandle() if shown is not None else None
        if isinstance(shown, kind) and window is not None and window.isExposed():
            answer(shown)  # (before it is exposed, clicks on it go nowhere)
        elif time.monotonic() < deadline:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(0, poll)


def _click_accept(qtbot: QtBot, dialog: QDialog) -> None:
    """Click the dialog's Save / Print / OK button."""
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    role = QDialogButtonBox.ButtonRole.AcceptRole
    [ok] = [b for b in box.buttons() if box.buttonRole(b) == role]
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def save_file_as(qtbot: QtBot, path: Path) -> None:
    """The next save dialog: type the file name as a user does, close the list of
    matching names if it opened, and click Save."""

    def answer(dialog: QFileDialog) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        name.selectAll()
        qtbot.keyClicks(name, str(path))
        completer = name.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and popup.isVisible():
            qtbot.keyClick(popup, Qt.Key.Key_Escape)  # the list of names closes
        _click_accept(qtbot, dialog)

    when_modal(QFileDialog, answer)


def accept_print_dialog(qtbot: QtBot) -> None:
    """The next print dialog: click its Print button (the printer as it was set)."""
    when_modal(QPrintDialog, lambda dialog: _click_accept(qtbot, dialog))


def choose(qtbot: QtBot, combo: QComboBox, data: object) -> None:
    """Pick the item holding ``data`` with the arrow keys, as from the keyboard."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data, f"{data!r} is not offered"


def submit_login(qtbot: QtBot, dialog: LoginDialog, job_no: str, password: str) -> None:
    """Type into the login dialog as a person would and press Enter; wait for the answer."""
    dialog.job_no.clear()
    dialog.password.clear()
    qtbot.keyClicks(dialog.job_no, job_no)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, "\r")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)


def sign_in(qtbot: QtBot, console: Console, job_no: str, password: str = PASSWORD) -> MainWindow:
    """Log in (changing the temporary password when asked) and return the main window."""
    assert console.login is not None
    with qtbot.waitSignal(console.login.signed_in, timeout=20_000):
        submit_login(qtbot, console.login, job_no, password)
    if console.password_dialog is not None:
        d = console.password_dialog
        qtbot.keyClicks(d.old, password)
        qtbot.keyClicks(d.new, NEW_PASSWORD)
        qtbot.keyClicks(d.repeat, NEW_PASSWORD)
        with qtbot.waitSignal(console.window_shown, timeout=20_000):
            qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.window is not None and console.window.isVisible())
    assert console.window is not None
    return console.window
