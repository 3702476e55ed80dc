"""The Qt front end's entry point and the flow between its windows:

    login dialog → (first login: change password) → main window → sign out → login …

The login dialog is on screen before anything slow happens: the database is opened
(connect, migrate) on a worker thread while the agent types, and a login submitted
meanwhile waits for it. Heavy modules (SQLAlchemy, argon2, the main window) are
imported only when needed. The first login dialog also says what is wrong in
``settings.json`` and offers the crash log of a run that died (ui/app/crash.py: the
crash path, installed here for the console's run).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, QTranslator, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from console.app.logs import CrashLog, CrashReport, Logging, mark_seen, start_logging
from console.core.messages import describe
from console.core.settings import Settings, SettingsWarning
from ui.app.crash import EXIT_CRASHED, CrashHandler, CrashNotice, restart_command
from ui.core import i18n, session, style
from ui.core.text import error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import run_op, wait_all
from ui.people.login import LoginDialog

if TYPE_CHECKING:
    from console.app.runtime import Runtime
    from ui.app.main_window import MainWindow
    from ui.people.password import ChangePasswordDialog

log = logging.getLogger(__name__)

APP_NAME = "Agent Console"
ORGANIZATION = "Tai'an Antai Gas Co., Ltd."
# Benchmarks: "login" prints a timestamp once the login dialog is shown, then exits.
BENCH_ENV = "AGENT_CONSOLE_BENCH_EXIT_AT"


class Console(QObject):
    """Owns the runtime and whichever window is current."""

    finished = Signal(int)  # the console is done: the application should exit
    window_shown = Signal(object)  # the main window, once shown
    _progress = Signal(str, object)  # from the worker opening the database

    def __init__(
        self,
        settings: Settings,
        url: str | None = None,
        runtime: Runtime | None = None,
        parent: QObject | None = None,
        *,
        warnings: Sequence[SettingsWarning] = (),
        crashes: Sequence[CrashReport] = (),
    ) -> None:
        """``warnings`` (what is wrong in settings.json) and ``crashes`` (crash logs of
        runs that died) are told in the first login dialog."""
        super().__init__(parent)
        self.settings = settings
        self.url = url
        self.runtime = runtime
        self._untold: tuple[Sequence[SettingsWarning], Sequence[CrashReport]] | None = (
            (warnings, crashes) if warnings or crashes else None
        )
        self.login: LoginDialog | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.window: MainWindow | None = None
        self._opening = False
        self._bench = os.environ.get(BENCH_ENV, "")
        self._progress.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self.show_login()

    # The login dialog and the database -----------------------------------------------
    def show_login(self, message: str = "") -> LoginDialog:
        dialog = LoginDialog(self.settings, self.runtime)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed_in.connect(self._signed_in)
        dialog.quit_requested.connect(lambda: self.finished.emit(0))
        dialog.retry_requested.connect(self.open_database)
        if message:
            dialog.message.show_error(message)
        if self._untold is not None:
            self._tell_at_start(dialog, *self._untold)
            self._untold = None
        self.login = dialog
        dialog.show()
        if self.runtime is None:
            # After the first paint: nothing slow delays the dialog.
            QTimer.singleShot(0, self._after_first_show)
        return dialog

    def _tell_at_start(
        self,
        dialog: LoginDialog,
        warnings: Sequence[SettingsWarning],
        crashes: Sequence[CrashReport],
    ) -> None:
        if warnings:
            label = MessageLabel(dialog)
            label.setAccessibleName(self.tr("Settings"))
            label.show_warning(
                "\n".join(
                    describe(w, self.settings.language, self.settings.timezone) for w in warnings
                )
            )
            dialog.add_notice(label)
        if crashes:
            from zoneinfo import ZoneInfo  # rarely needed, and ~4 ms before the dialog shows

            dialog.add_notice(CrashNotice(crashes, ZoneInfo(self.settings.timezone), dialog))

    def _after_first_show(self) -> None:
        if self._bench == "login":
            print(f"AGENT_CONSOLE_BENCH login_shown {time.time():.6f}", flush=True)
            self.finished.emit(0)
            return
        self.open_database()

    def open_database(self) -> None:
        if self._opening or self.runtime is not None:
            return
        self._opening = True
        if self.login is not None:
            self.login.show_progress(self.tr("Connecting to the database…"))
        run_op(
            self,
            partial(session.open_runtime, self.url, self._say),
            self._opened,
            self._open_failed,
        )

    def _say(self, message_id: str, params: dict[str, object]) -> None:  # worker thread
        self._progress.emit(message_id, params)

    @Slot(str, object)
    def _show_progress(self, message_id: str, params: dict[str, object]) -> None:
        if self.login is None:
            return
        if message_id == "schema.upgrading":
            text = self.tr("Upgrading the database schema (%1 → %2)…")
            text = text.replace("%1", str(params.get("current"))).replace(
                "%2", str(params.get("head"))
            )
        else:
            text = self.tr("The database schema is up to date.")
        self.login.show_progress(text)

    def _opened(self, runtime: Runtime) -> None:
        self._opening = False
        self.runtime = runtime
        if self.login is not None:
            self.login.set_runtime(runtime)
        run_op(self, partial(session.preload, runtime))

    def _open_failed(self, error: BaseException) -> None:
        self._opening = False
        log.warning("cannot open the database: %s", error)
        if self.login is not None:
            self.login.runtime_failed(error_text(error, self.settings))

    # After signing in ----------------------------------------------------------------
    def _signed_in(self, result: session.SignedIn) -> None:
        if result.context.must_change_password:
            self._require_new_password(result)
        else:
            self._show_main(result)

    def _require_new_password(self, result: session.SignedIn) -> None:
        from ui.people.password import ChangePasswordDialog

        assert self.runtime is not None
        dialog = ChangePasswordDialog(
            self.settings, self.runtime, result.context, None, mandatory=True
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ctx = dataclasses.replace(result.context, must_change_password=False)
        dialog.changed.connect(lambda: self._show_main(session.SignedIn(ctx, result.state)))
        dialog.sign_out_requested.connect(lambda: self._abandon(result, ""))
        dialog.locked_out.connect(lambda text: self._abandon(result, text, dialog))
        self.password_dialog = dialog
        dialog.show()
        self._close_login()

    def _abandon(
        self, result: session.SignedIn, message: str, dialog: QWidget | None = None
    ) -> None:
        """Sign out of a session that never reached the main window."""
        if dialog is not None:
            dialog.close()
        self.password_dialog = None
        self.show_login(message)
        assert self.runtime is not None
        run_op(self, partial(session.sign_out, self.runtime, result.context))

    def _show_main(self, result: session.SignedIn) -> None:
        from ui.app.main_window import MainWindow

        assert self.runtime is not None
        window = MainWindow(self.settings, self.runtime, result)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.signed_out.connect(self._signed_out)
        window.destroyed.connect(self._window_gone)
        self.window = window
        window.show()
        self.password_dialog = None
        self._close_login()
        # The agent keeps typing: the keyboard goes to the console, not to whatever
        # window the system picks once the login dialog is gone.
        window.raise_()
        window.activateWindow()
        self.window_shown.emit(window)

    def _close_login(self) -> None:
        if self.login is not None:
            self.login.hide()
            self.login.deleteLater()
            self.login = None

    def _signed_out(self, message: str) -> None:
        self.show_login(message)

    def _window_gone(self) -> None:
        self.window = None
        if self.login is None and self.password_dialog is None:
            self.finished.emit(0)  # the window was closed for good: quit

    def terminate(self) -> None:
        """The system asks the console to stop (SIGTERM: shutdown, log-off, kill): sign
        out cleanly, so the job number is free at once rather than after the lease."""
        if self.window is not None:
            self.window.close()  # signs out, then finishes
        else:
            self.finished.emit(0)

    def keep_drafts(self) -> bool | None:
        """Write what is typed to this PC now (the crash path); None when no window
        holds anything typed."""
        return None if self.window is None else self.window.keep_drafts()

    def shutdown(self) -> None:
        wait_all()
        if self.runtime is not None:
            self.runtime.close()
            self.runtime = None


def on_termination(handler: Callable[[], None]) -> QTimer:
    """Run ``handler`` on the GUI thread when the process receives SIGTERM.

    Python runs signal handlers only between bytecodes, and Qt's event loop may sleep in
    C++ for long: the returned timer (keep a reference) wakes the interpreter twice a
    second so the signal is noticed.
    """
    signal.signal(signal.SIGTERM, lambda _sig, _frame: QTimer.singleShot(0, handler))
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(500)
    return wake


@dataclass
class ConsoleRun:
    """What :func:`start_console` set up for one run of the console, to undo it."""

    app: QApplication
    console: Console
    crash: CrashHandler
    crash_log: CrashLog
    logging: Logging
    translators: list[QTranslator]


def _log_warnings(warnings: Sequence[SettingsWarning]) -> None:
    for w in warnings:
        log.warning("%s", describe(w, "en"))


def start_console(
    app: QApplication,
    url: str | None,
    settings: Settings,
    warnings: Sequence[SettingsWarning] = (),
) -> ConsoleRun:
    """Logging and the crash path first, then the login dialog (with what to tell at
    start: the settings' warnings, logged too, and the crash logs of runs that died)."""
    logs = start_logging("console")
    crash_log = CrashLog("console")
    crash_log.open()
    translators = i18n.install(app, settings.language)
    style.apply(app)
    console = Console(settings, url, warnings=warnings, crashes=crash_log.unseen())
    crash = CrashHandler(crash_log, console.keep_drafts)
    crash.leave.connect(console.terminate)
    crash.install()
    console.start()
    # Logged once the dialog is up: the first record loads the log file's module.
    QTimer.singleShot(0, partial(_log_warnings, warnings))
    return ConsoleRun(app, console, crash, crash_log, logs, translators)


def stop_console(run: ConsoleRun, execv: Callable[[str, list[str]], object] = os.execv) -> None:
    """Close down what :func:`start_console` set up; after a crash whose dialog asked for
    a restart, run the console again in this process (``execv`` does not return)."""
    run.console.shutdown()
    run.crash.uninstall()
    run.crash_log.close()
    i18n.remove(run.app, run.translators)
    command = restart_command() if run.crash.restart_requested else None
    if command:
        log.warning("restarting: %s", command)
    run.logging.stop()
    if command:
        execv(command[0], command)


def run_console(
    url: str | None, settings: Settings, warnings: Sequence[SettingsWarning] = ()
) -> int:
    """Start the Qt console; returns the process exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setQuitOnLastWindowClosed(False)  # the console decides: see Console.finished
    run = start_console(app, url, settings, warnings)
    run.console.finished.connect(app.exit)
    wake = on_termination(run.console.terminate)
    try:
        code = app.exec()
    finally:
        wake.stop()
        stop_console(run)
    return EXIT_CRASHED if run.crash.crashed else code


def run_board(
    url: str | None,
    settings: Settings,
    warnings: Sequence[SettingsWarning] = (),
    *,
    windowed: bool = False,
) -> int:
    """The wall display (R4.3): full screen, no login, refreshing by itself until closed
    (Esc or Ctrl+Q). The database is opened on a worker; a failure shows on the board
    and the next refresh tries again. Nobody sits at it to read a crash dialog: an
    unexpected error is logged and the board carries on."""
    from PySide6.QtGui import QKeySequence, QShortcut

    from console.shift.board import Board
    from ui.shift.wall_board import WallBoard

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    logs = start_logging("board")
    for w in warnings:
        log.warning("%s", describe(w, "en"))
    crash_log = CrashLog("board")
    crash_log.open()
    for report in crash_log.unseen():
        log.warning("the board stopped unexpectedly at %s: see %s", report.when, mark_seen(report))
    crash = CrashHandler(crash_log, lambda: None, dialogs=False)
    crash.install()
    app.setApplicationName(APP_NAME)
    translators = i18n.install(app, settings.language)
    style.apply(app)
    opened: list[Runtime] = []

    def load() -> Board:  # worker thread
        if not opened:
            opened.append(session.open_runtime(url, lambda _m, _p: None))
        return session.board(opened[0], None, settings.timezone)

    board = WallBoard(load, settings)

    def close() -> None:
        board.close()

    for keys in ("Esc", "Ctrl+Q"):
        QShortcut(QKeySequence(keys), board).activated.connect(close)
    if windowed:
        board.resize(1600, 900)
        board.show()
    else:
        board.showFullScreen()
    wake = on_termination(close)
    try:
        return app.exec()
    finally:
        wake.stop()
        wait_all()
        for rt in opened:
            rt.close()
        i18n.remove(app, translators)
        crash.uninstall()
        crash_log.close()
        logs.stop()
