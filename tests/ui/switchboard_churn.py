"""Starts, stops and drops switchboards while their line floods the GUI thread with
events, as a console does when an agent signs out and in while calls keep coming.

Run as ``python -m tests.ui.switchboard_churn CYCLES`` by test_switchboard.py: a
switchboard that deletes a Qt object on the wrong thread crashes the interpreter, so
this runs in a process of its own and the test reads its exit status. Prints how many
relays are still alive once every reader has stopped (0 when none leak).
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import sys

from PySide6.QtCore import QObject
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from console.telephony.telephony import IncomingCall, TelephonyEvent
from ui.telephony.switchboard import Switchboard

AT = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)


class BusyLine:
    """A line with a ring at every wait: the reader posts as fast as it can."""

    def wait_events(self, timeout: float) -> list[TelephonyEvent]:
        return [IncomingCall("ring", "13800138000", AT)]


def relays(app: QObject) -> int:
    return sum(type(child).__name__ == "_Relay" for child in app.children())


def main(cycles: int) -> None:
    faulthandler.enable()
    app = QApplication.instance() or QApplication([])
    for _ in range(cycles):
        board = Switchboard(BusyLine())  # type: ignore[arg-type]  # wait_events is all it reads
        rang: list[object] = []
        board.incoming.connect(rang.append)
        board.start()
        while len(rang) < 3:
            app.processEvents()
        board.stop()
        del board  # the reader still runs: it ends on its own thread
        for _ in range(20):
            app.processEvents()
    QTest.qWait(10)  # a wait runs deferred deletions
    deadline = 200
    while relays(app) and deadline:
        QTest.qWait(50)
        deadline -= 1
    print(relays(app))


if __name__ == "__main__":
    main(int(sys.argv[1]))
