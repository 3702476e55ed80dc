"""The background helper: results and errors arrive on the GUI thread, never to a dead
widget."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.core.worker import busy, run_op, wait_all


def test_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    seen: list[tuple[int, bool]] = []
    worker_thread: list[bool] = []

    def work() -> int:
        worker_thread.append(threading.current_thread() is not threading.main_thread())
        return 42

    run_op(
        owner,
        work,
        lambda r: seen.append((r, threading.current_thread() is threading.main_thread())),
    )
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, True)]
    assert worker_thread == [True]
    assert not busy()


def test_errors_are_delivered_not_raised(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def fail() -> None:
        raise ValueError("boom")

    run_op(None, fail, on_failure=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)


def test_nothing_is_delivered_to_a_destroyed_owner(qtbot: QtBot) -> None:
    owner = QWidget()
    gate = threading.Event()
    called: list[object] = []
    run_op(owner, gate.wait, called.append, called.append)
    owner.deleteLater()
    QApplication.processEvents()
    gate.set()
    assert wait_all()
    qtbot.waitUntil(lambda: not busy())
    assert called == []


def test_a_failing_handler_does_not_escape(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    def bad_handler(_r: object) -> None:
        raise RuntimeError("handler bug")

    run_op(None, lambda: 1, bad_handler)
    qtbot.waitUntil(lambda: not busy())
    assert "handler of a background op failed" in caplog.text
