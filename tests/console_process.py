"""The real console in its own process, taking one call, to be killed mid-call (R2.12).

    python -m tests.console_process URL JOB_NO PASSWORD SEAT [--no-answer]

It signs in, shows the main window (offscreen) and waits for calls from the simulator.
When a call rings it answers (not with ``--no-answer``: the call keeps ringing), says
the opening and types the line given on stdin into the call notes, one character at a
time as an agent would, printing ``typed`` after each. It prints ``ringing <ref>`` when
the card is up. The test kills it with SIGKILL.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from console.core.settings import Settings
from tests.conftest import open_runtime
from ui.app.main_window import MainWindow
from ui.core import session


def main(url: str, job_no: str, password: str, seat: str, *flags: str) -> None:
    app = QApplication([])
    rt = open_runtime(url)
    settings = Settings(seat=seat, heartbeat_seconds=5)
    signed_in = session.login(rt, job_no, password, seat)
    # Ready for calls (Ctrl+1): only a ready seat is rung.
    session.set_state(rt, signed_in.context, "ready")
    window = MainWindow(settings, rt, session.SignedIn(signed_in.context, "ready"))
    window.show()
    screen = window.call_screen

    def rang(ref: str) -> None:
        if "--no-answer" not in flags:
            screen.answer()
            screen.dialogue.mark_current_said()
        print(f"ringing {ref}", flush=True)

    def type_line() -> None:
        line = sys.stdin.readline().rstrip("\n")
        for ch in line:
            screen.notes.editor.insertPlainText(ch)
            app.processEvents()
        print("typed", flush=True)

    screen.card_painted.connect(rang)
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(type_line)
    print("ready", flush=True)
    QTimer.singleShot(0, lambda: None)
    app.exec()


if __name__ == "__main__":
    main(*sys.argv[1:])
