"""The background helper: results and errors arrive on the GUI thread, never to a dead
widget; a typed service call, progress, cancellation between steps, the busy state of the
screen that started it, and a resource one op at a time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.core.identity import AgentContext, Role
from console.core.runner import Runner
from console.customers import nuisance
from tests.conftest import PASSWORD, AgentFactory
from ui.core.worker import (
    BackgroundOp,
    Busy,
    Cancelled,
    InUse,
    OneAtATime,
    Task,
    busy,
    run_op,
    service_op,
    wait_all,
)


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


# --- the typed op: service calls, progress, cancellation, busy state ------------------------

NUMBERS = ("13900000001", "13900000002", "13900000003")


class MarkingPanel(QWidget):
    """A screen with a multi-step write (one nuisance mark per step), as a screen uses the
    op: Start disabled while it runs, progress shown, Cancel between steps."""

    def __init__(self, run: Runner, until: datetime, gate: threading.Event) -> None:
        super().__init__()
        self.run = run
        self.until = until
        self.gate = gate  # held by the test: the op waits there after its first step
        self.start_button = QPushButton("Start", self)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel)
        QShortcut(QKeySequence("Ctrl+M"), self, self.start)  # starts it too, enabled or not
        layout = QVBoxLayout(self)
        layout.addWidget(self.start_button)
        layout.addWidget(self.cancel_button)
        self.busy = Busy(self, self.start_button)
        self.task: Task | None = None
        self.started = 0
        self.progress: list[tuple[int, bool]] = []  # (steps done, on the GUI thread?)
        self.outcome: list[object] = []

    def start(self) -> None:
        run, until, gate = self.run, self.until, self.gate

        def mark_each(task: Task) -> int:
            for i, number in enumerate(NUMBERS, start=1):
                task.check()
                run(nuisance.mark, number, "测试", until)
                task.progress(i)
                if i == 1:
                    gate.wait(30)
            return len(NUMBERS)

        task = (
            BackgroundOp(self, mark_each)
            .busy(self.busy)
            .on_progress(lambda n: self.progress.append((n, threading.current_thread() is MAIN)))
            .on_success(self.outcome.append)
            .on_failure(self.outcome.append)
            .start()
        )
        if task is not None:
            self.started += 1
            self.task = task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()


MAIN = threading.main_thread()


@pytest.fixture
def boss(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("2001", Role.SUPERVISOR)
    return rt.login("2001", PASSWORD, "seat-S")


@pytest.fixture
def panel(qtbot: QtBot, rt: Runtime, boss: AgentContext) -> Iterator[MarkingPanel]:
    gate = threading.Event()
    until = datetime.now(UTC) + timedelta(days=3)
    p = MarkingPanel(rt.runner(lambda: boss), until, gate)
    qtbot.addWidget(p)
    p.show()
    yield p
    gate.set()  # never leave the worker waiting


def _marked(rt: Runtime, boss: AgentContext) -> list[str]:
    return sorted(m.number for m in rt.run(boss, nuisance.marks))


def test_a_typed_service_call_delivers_its_result_on_the_gui_thread(
    qtbot: QtBot, rt: Runtime, boss: AgentContext
) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    until = datetime.now(UTC) + timedelta(days=1)
    seen: list[tuple[object, bool]] = []
    (
        service_op(owner, rt.runner(lambda: boss), nuisance.mark, "13900000009", "辱骂坐席", until)
        .on_success(lambda m: seen.append((m, threading.current_thread() is MAIN)))
        .start()
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    mark, on_gui_thread = seen[0]
    assert isinstance(mark, nuisance.Mark) and mark.number == "13900000009" and on_gui_thread
    assert _marked(rt, boss) == ["13900000009"]


def test_busy_disables_the_trigger_until_the_op_is_done_and_progress_arrives(
    qtbot: QtBot, rt: Runtime, boss: AgentContext, panel: MarkingPanel
) -> None:
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.busy and not panel.start_button.isEnabled()
    qtbot.waitUntil(lambda: panel.progress == [(1, True)], timeout=10_000)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)  # disabled: nothing
    panel.activateWindow()
    qtbot.waitActive(panel)
    qtbot.keyClick(panel, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert panel.started == 1  # the shortcut did not start a second one meanwhile
    panel.gate.set()
    qtbot.waitUntil(lambda: bool(panel.outcome), timeout=10_000)
    assert panel.outcome == [3]
    assert panel.progress == [(1, True), (2, True), (3, True)]
    assert not panel.busy and panel.start_button.isEnabled()
    assert _marked(rt, boss) == list(NUMBERS)
    qtbot.keyClick(panel, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert panel.started == 2  # the shortcut works: it was the busy state that held it
    qtbot.waitUntil(lambda: len(panel.outcome) == 2, timeout=10_000)


def test_cancel_stops_a_multi_step_op_between_its_steps(
    qtbot: QtBot, rt: Runtime, boss: AgentContext, panel: MarkingPanel
) -> None:
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.progress == [(1, True)], timeout=10_000)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    panel.gate.set()
    qtbot.waitUntil(lambda: bool(panel.outcome), timeout=10_000)
    assert isinstance(panel.outcome[0], Cancelled)
    assert _marked(rt, boss) == [NUMBERS[0]]  # the first step only: nothing after cancel
    assert panel.start_button.isEnabled()


def test_a_resource_held_by_one_op_refuses_the_next_until_it_is_free(qtbot: QtBot) -> None:
    printer = OneAtATime("printer")
    gate = threading.Event()
    first: list[object] = []
    second: list[object] = []
    BackgroundOp(None, lambda _t: gate.wait(30)).one_at_a_time(printer).on_success(
        first.append
    ).start()
    refused = BackgroundOp(None, lambda _t: 2).one_at_a_time(printer).on_failure(second.append)
    assert refused.start() is None
    assert isinstance(second[0], InUse) and second[0].resource is printer
    gate.set()
    qtbot.waitUntil(lambda: first == [True], timeout=10_000)
    assert not printer.in_use
    BackgroundOp(None, lambda _t: 2).one_at_a_time(printer).on_success(second.append).start()
    qtbot.waitUntil(lambda: second[1:] == [2], timeout=10_000)
