"""Starting the console: the login dialog comes first, the database opens behind it,
and a database that cannot be opened is explained once, in the login dialog, with a
Retry that clears it when the database opens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from console.core.settings import Settings
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.pgserver import free_port
from tests.ui.conftest import sign_in
from ui.app.app import Console
from ui.people.login import LoginDialog


def test_unreachable_database_explained_once_in_the_login_dialog(
    qtbot: QtBot, settings: Settings, zh: None
) -> None:
    port = free_port()
    console = Console(settings, url=f"postgresql://nobody@127.0.0.1:{port}/x")
    console.start()
    login = console.login
    assert login is not None
    qtbot.waitExposed(login)
    qtbot.waitUntil(lambda: login.retry_button.isVisible(), timeout=20_000)
    said = login.message.text()
    assert said.startswith(f"无法连接数据库服务器 127.0.0.1:{port}:")  # which, not libpq's
    # Said once: no message box over the dialog says it again.
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert login.isVisible() and not login.busy
    # Retry (Alt+R) tries again; the server is still not there: said again, once.
    qtbot.keyClick(login, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: login.retry_button.isVisible(), timeout=20_000)
    assert login.message.text() == said
    login.hide()
    login.deleteLater()


def test_a_retry_that_opens_the_database_clears_the_error(
    qtbot: QtBot, settings: Settings, tmp_path: Path, zh: None
) -> None:
    folder = tmp_path / "share"
    folder.write_text("")  # where the share's folder should be, a stray file
    console = Console(settings, url=f"sqlite:///{folder}/console.db")
    console.start()
    login = console.login
    assert login is not None
    qtbot.waitExposed(login)
    qtbot.waitUntil(lambda: login.retry_button.isVisible(), timeout=20_000)
    assert login.message.text().startswith(f"无法打开数据库文件 {folder}/console.db")
    folder.unlink()  # the administrator clears the way
    qtbot.mouseClick(login.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.runtime is not None, timeout=30_000)
    assert not login.message.text() and not login.retry_button.isVisible()
    console.shutdown()
    login.hide()
    login.deleteLater()


def test_login_submitted_while_the_database_opens_goes_through(
    qtbot: QtBot, test_db: TestDb, make_agent: AgentFactory, settings: Settings, zh: None
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
