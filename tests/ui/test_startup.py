"""Starting the console: the login dialog comes first, the database opens behind it,
and a database that cannot be opened is explained in a message box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from console.core.settings import Settings
from tests.conftest import PASSWORD, TestDb
from tests.pgserver import free_port
from tests.ui.conftest import sign_in
from ui.app.app import Console
from ui.people.login import LoginDialog


def test_unreachable_database_explained_in_a_message_box(
    qtbot: QtBot, settings: Settings, zh: None
) -> None:
    port = free_port()
    console = Console(settings, url=f"postgresql://nobody@127.0.0.1:{port}/x")
    console.start()
    login = console.login
    assert login is not None
    qtbot.waitUntil(lambda: console.error_box is not None, timeout=20_000)
    box = console.error_box
    assert box is not None
    assert box.text().startswith(f"无法连接数据库服务器 127.0.0.1:{port}:")  # which, not libpq's
    assert box.windowTitle() == "无法打开数据库"
    assert login.message.text() == box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Retry)
    # Close the box: the login dialog stays, ready to try again on the next submit.
    box.button(QMessageBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: console.error_box is None)
    assert login.isVisible() and not login.busy
    login.hide()
    login.deleteLater()


def test_login_submitted_while_the_database_opens_goes_through(
    qtbot: QtBot, test_db: TestDb, make_agent, settings: Settings, zh: None
) -> None:
    make_agent("1101")
    console = Console(settings, url=test_db.url)
    console.start()
    assert console.login is not None and console.runtime is None
    try:
        window = sign_in(qtbot, console, "1101", PASSWORD)
        assert "1101" in window.agent_label.text()
        # Closing the main window signs out and ends the console.
        with qtbot.waitSignal(console.finished, timeout=10_000):
            window.close()
    finally:
        if console.window is not None:
            console.window._done = True
            console.window.close()
        console.shutdown()


def test_escape_does_not_quit_from_the_login_dialog(qtbot: QtBot, settings: Settings) -> None:
    login = LoginDialog(settings)
    qtbot.addWidget(login)
    login.show()
    qtbot.waitExposed(login)
    with qtbot.assertNotEmitted(login.quit_requested):
        qtbot.keyClick(login, Qt.Key.Key_Escape)
    assert login.isVisible()
    with qtbot.waitSignal(login.quit_requested):
        login.quit_button.click()
