"""Fixtures for the Qt front end, on the offscreen platform (see tests/conftest.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.core.settings import Settings
from tests.conftest import PASSWORD
from ui.app.app import Console
from ui.app.main_window import MainWindow
from ui.calls import taboo_highlighter
from ui.core import i18n, style
from ui.core.worker import busy, wait_all
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


@pytest.fixture(autouse=True)
def _no_threads_left(qapp: QApplication) -> Iterator[None]:
    """Every test ends with the worker pool idle and its results delivered."""
    yield
    assert wait_all(30_000), "background work still running after the test"
    QApplication.processEvents()


def _settle() -> None:
    """Let the background work finish, and the work its results start (a model that
    fetches its next page when rows arrive), until none is left."""
    for _ in range(100):
        assert wait_all(30_000), "background work still running after the test"
        QApplication.processEvents()
        if not busy():
            return
    raise AssertionError("background work keeps starting after the test")


@pytest.fixture
def rt(rt: Runtime) -> Iterator[Runtime]:
    """The seat's runtime, closed only once the background work using it is done: an op
    still running when its engine is disposed would leave a connection open."""
    yield rt
    _settle()


@pytest.fixture
def admin_rt(admin_rt: Runtime) -> Iterator[Runtime]:
    yield admin_rt
    _settle()


@pytest.fixture(autouse=True)
def _shipped_taboo_lists() -> Iterator[None]:
    """A console sets the taboo lists in force for the whole process; the next test
    starts from the shipped ones."""
    yield
    taboo_highlighter.use_lists(None)


@pytest.fixture
def settings() -> Settings:
    # The heartbeat is driven by hand in tests (heartbeat_now), the idle lock by lock_now.
    return Settings(seat="seat-A", language="zh_CN", idle_lock_minutes=10, heartbeat_seconds=3600)


@pytest.fixture
def zh(qapp: QApplication) -> Iterator[None]:
    """The Chinese translation and the console's style sheet, as in production."""
    translators = i18n.install(qapp, "zh_CN")
    style.apply(qapp)
    yield
    # Restyling every widget while background results are still arriving, or while
    # widgets wait for deferred deletion, crashed Qt once in CI: settle first.
    wait_all(30_000)
    QApplication.processEvents()
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
