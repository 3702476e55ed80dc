"""The crash path of the Qt front end, after qutebrowser's ``misc/crashsignal.py``.

An exception nothing caught — in a slot or a virtual method (PySide6 hands those to
``sys.excepthook`` and carries on), or on a thread — is a bug: what the console holds is
no longer known to be right. Carrying on, as PySide6 would, lets an agent keep typing
into a desk whose saving may be what broke. So :class:`CrashHandler` logs it with its
traceback (stderr and the log file), writes it to the crash log, writes what is typed
to this PC at once, and shows the crash dialog: what happened, in the user's language,
that nothing typed is lost, and a choice between restarting the console and quitting.
Either closes the console as at shutdown (signing out, stopping the softphone); a
restart then runs the same command again (:func:`restart_command`).

At the next start the login dialog offers the crash log of a run that died without the
dialog — a segfault or an abort that faulthandler wrote down (:class:`CrashNotice`).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from datetime import tzinfo
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.app.logs import CrashLog, CrashReport, mark_seen
from ui.core.widgets import fit_dialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
EXIT_CRASHED = 1
# Restart or quit closes the console as at shutdown; if that hangs (the bug may be in
# signing out), the process leaves anyway after this long.
LEAVE_TIMEOUT_MS = 10_000


def restart_command() -> list[str]:
    """The command that started this process — interpreter, its options, the script and
    its arguments — to run it again."""
    return [sys.executable, *sys.orig_argv[1:]]


class CrashHandler(QObject):
    """Installed by the Qt front end for its run; see the module's docstring."""

    leave = Signal()  # restart or quit was chosen (or Ctrl+C): close the console
    _caught = Signal(object)  # an exception on another thread, for the GUI thread

    def __init__(
        self,
        crash_log: CrashLog,
        keep_drafts: Callable[[], bool | None],
        *,
        dialogs: bool = True,
        parent: QObject | None = None,
    ) -> None:
        """``keep_drafts`` writes what is typed to this PC: True when it did, False when
        the disk refused, None when nothing is typed anywhere (no main window).
        ``dialogs`` off (tests, the wall board): log and carry on."""
        super().__init__(parent)
        self.crash_log = crash_log
        self._keep_drafts = keep_drafts
        self.dialogs = dialogs
        self.crashed = False
        self.restart_requested = False
        self.dialog: QMessageBox | None = None
        self._previous: tuple[object, object] | None = None
        self._caught.connect(self._on_caught, Qt.ConnectionType.QueuedConnection)
        self._give_up = QTimer(self)
        self._give_up.setSingleShot(True)
        self._give_up.setInterval(LEAVE_TIMEOUT_MS)
        self._give_up.timeout.connect(lambda: QCoreApplication.exit(EXIT_CRASHED))

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception

    def uninstall(self) -> None:
        self._give_up.stop()
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    # Any thread ----------------------------------------------------------------------
    def _on_exception(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if not issubclass(kind, Exception):  # Ctrl+C in the terminal: leave, no dialog
            log.warning("%s: the console closes", kind.__name__)
            self.leave.emit()
            return
        self._record((kind, error, tb), threading.current_thread().name)
        if threading.current_thread() is threading.main_thread():
            self._on_caught((kind, error, tb))
        else:
            self._caught.emit((kind, error, tb))

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:  # how a thread ends itself, as Python's own hook
            return
        error = args.exc_value if args.exc_value is not None else RuntimeError(args.exc_type)
        name = args.thread.name if args.thread is not None else "?"
        self._record((args.exc_type, error, args.exc_traceback), name)
        self._caught.emit((args.exc_type, error, args.exc_traceback))

    def _record(self, exc_info: ExcInfo, thread: str) -> None:
        try:
            log.critical("unexpected error in thread %s", thread, exc_info=exc_info)
            text = "".join(traceback.format_exception(*exc_info))
            self.crash_log.record(f"unexpected error in thread {thread}\n{text}")
        except Exception:  # the crash path itself must not raise into the hook
            sys.__excepthook__(*exc_info)

    # The GUI thread ------------------------------------------------------------------
    @Slot(object)
    def _on_caught(self, exc_info: ExcInfo) -> None:
        if self.crashed:
            return  # the dialog is up: this one is in the log and the crash log
        self.crashed = True
        try:
            kept = self._keep_drafts()
        except Exception:
            log.exception("could not keep the drafts")
            kept = False
        if not self.dialogs:
            return
        try:
            kept_at = self.crash_log.keep()  # the dialog shows it: seen
        except OSError:
            log.exception("could not keep the crash log")
            kept_at = None
        self.dialog = self._crash_dialog(exc_info, kept, kept_at)
        self.dialog.open()

    def _crash_dialog(self, exc_info: ExcInfo, kept: bool | None, path: Path | None) -> QMessageBox:
        # Imported here, the widgets of a crash and of its log: a start that goes well
        # shows the login dialog without building their classes (~3 ms).
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("Agent Console — unexpected error"),
            self.tr("The console ran into an unexpected error and has to start again."),
        )
        box.setObjectName("crashDialog")
        lines = []
        if kept is True:
            lines.append(
                self.tr(
                    "Nothing you typed is lost: the call's notes and forms and the quick "
                    "note are kept on this PC, and a call in progress is offered back "
                    "when you sign in again."
                )
            )
        elif kept is False:
            lines.append(
                self.tr(
                    "Some of what you typed could not be written to this PC (the disk "
                    "refused it); the log says what."
                )
            )
        error = exc_info[1]
        lines.append(self.tr("Error: %1").replace("%1", f"{type(error).__name__}: {error}"))
        if path is not None:
            lines.append(self.tr("Written down in %1").replace("%1", str(path)))
        box.setInformativeText("\n\n".join(lines))
        box.setDetailedText("".join(traceback.format_exception(*exc_info)))
        restart = box.addButton(self.tr("Restart the console"), QMessageBox.ButtonRole.AcceptRole)
        restart.setObjectName("restartButton")
        quit_ = box.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        quit_.setObjectName("quitButton")
        box.setDefaultButton(restart)
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        box.buttonClicked.connect(lambda b: self._on_chosen(b, restart))
        return box

    def _on_chosen(self, button: QAbstractButton, restart: QAbstractButton) -> None:
        self.restart_requested = button is restart
        self.dialog = None
        self._give_up.start()
        self.leave.emit()


class CrashNotice(QFrame):
    """In the login dialog: the console stopped unexpectedly last time. Showing,
    copying or dismissing its log marks it seen (kept, not offered again)."""

    def __init__(
        self, reports: Sequence[CrashReport], zone: tzinfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.reports = list(reports)
        self.setObjectName("crashNotice")
        self.setAccessibleName(self.tr("Notice"))
        self._seen = False
        newest = self.reports[0].when.astimezone(zone)  # the center's time, not the PC's
        self.label = QLabel(
            self.tr(
                "The console stopped unexpectedly on %1. Drafts kept on this PC are "
                "offered back after you sign in."
            ).replace("%1", f"{newest:%Y-%m-%d %H:%M}"),
            self,
        )
        self.label.setWordWrap(True)
        self.show_button = self._button("showLog", self.tr("Show log"))
        self.copy_button = self._button("copyLog", self.tr("Copy"))
        self.dismiss_button = self._button("dismissCrash", self.tr("Dismiss"))
        self.show_button.clicked.connect(self._on_show)
        self.copy_button.clicked.connect(self._on_copy)
        self.dismiss_button.clicked.connect(self._on_dismiss)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.show_button, self.copy_button, self.dismiss_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.label)
        layout.addLayout(buttons)
        self.viewer: CrashLogViewer | None = None

    def _button(self, name: str, text: str) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.setAutoDefault(False)  # Enter in the login form signs in
        return b

    def text(self) -> str:
        """Every crash log offered, newest first, each under its file's name."""
        return "\n\n".join(f"== {r.path.name} ==\n{r.text.rstrip()}" for r in self.reports)

    def _mark_seen(self) -> None:
        if self._seen:
            return
        self._seen = True
        for r in self.reports:
            try:
                mark_seen(r)
            except OSError as e:
                log.warning("could not mark %s as seen: %s", r.path, e)

    def _on_show(self) -> None:
        text = self.text()
        self._mark_seen()
        self.viewer = CrashLogViewer(text, self.window())
        self.viewer.open()

    def _on_copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self._mark_seen()
        self.copy_button.setText(self.tr("Copied"))

    def _on_dismiss(self) -> None:
        self._mark_seen()
        self.hide()
        fit_dialog(self)


class CrashLogViewer(QDialog):
    """The text of the crash logs, to read or to copy for the IT staff."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        from PySide6.QtGui import QFontDatabase  # see _crash_dialog
        from PySide6.QtWidgets import QPlainTextEdit

        super().__init__(parent)
        self.setObjectName("crashLogViewer")
        self.setWindowTitle(self.tr("Crash log"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(text)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(text))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(760, 480)
