"""Emitting signals must not corrupt the interpreter.

PySide6 6.12.0's ``emit()`` dropped a reference to ``True`` on every call, and a few
hundred emits later the console aborted ("Fatal Python error: bool_dealloc").
pyproject.toml excludes that release; this guards against the next one like it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    fired = Signal(bool, object)


def test_emitting_many_times_keeps_true_alive() -> None:
    sender = _Sender()
    seen: list[bool] = []
    sender.fired.connect(lambda ok, _v: seen.append(ok))
    before = sys.getrefcount(True)
    for i in range(2_000):  # more than True's whole reference count at start
        sender.fired.emit(True, i)
    assert len(seen) == 2_000
    assert sys.getrefcount(True) >= before - 5
