"""Transferring a caller from the call screen (转接, F7; GS 15.4.2, PR 一), as two agents
at two consoles do it: 请稍等 shown and marked said, a ready seat chosen, the caller
ringing at the other console with the customer card, both records naming the agents."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.calls import calls
from console.calls.call_flow import TRANSFER_LINE
from console.core.clock import ManualClock
from console.core.settings import Settings
from console.core.vocabulary import CallId
from console.telephony import telephony
from tests.conftest import AgentFactory
from tests.helpers import customer
from tests.ui import shots
from tests.ui.desk import NATIONAL_DAY_MORNING, NUMBER, open_desk, shown_desk
from tests.ui.driver import Driver, be_ready
from ui.app.main_window import MainWindow
from ui.calls.transfer_dialog import TransferDialog


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NATIONAL_DAY_MORNING)


@pytest.fixture
def two_desks(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
    clock: ManualClock,
) -> Iterator[tuple[MainWindow, MainWindow]]:
    """张敏 (1001) at seat-A, ready, in front; 李强 (1002) at seat-B, ready."""
    make_agent("1001", name="张敏")
    make_agent("1002", name="李强")
    with admin_rt.unit(admin="test") as s:
        s.add(customer(0, NUMBER, name="张秀英"))
    other = open_desk(qtbot, rt, dataclasses.replace(settings, seat="seat-B"), clock, job_no="1002")
    other.resize(1366, 768)
    other.show()
    qtbot.waitExposed(other)
    first = shown_desk(qtbot, rt, settings, clock)
    be_ready(qtbot, first)
    yield first, other


def _talking(qtbot: QtBot, w: MainWindow, rt: Runtime, settings: Settings) -> CallId:
    """The caller rings seat-A and the agent answers with F2."""
    screen = w.call_screen
    with qtbot.waitSignal(screen.card_painted, timeout=10_000):
        ref = CallId(telephony.send_ring(rt.db, settings.seat, NUMBER))
    qtbot.keyClick(screen, Qt.Key.Key_F2)
    assert screen.active is not None and screen.active.state.value == "talking"
    return ref


def _transfer_dialog(qtbot: QtBot, w: MainWindow) -> TransferDialog:
    qtbot.keyClick(w.call_screen, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: getattr(w.call_screen, "transfer_dialog", None) is not None)
    dialog = w.call_screen.transfer_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.loaded, timeout=10_000)
    return dialog


def test_an_agent_transfers_the_caller_to_a_ready_seat(
    qtbot: QtBot,
    two_desks: tuple[MainWindow, MainWindow],
    rt: Runtime,
    settings: Settings,
) -> None:
    first, other = two_desks
    screen = first.call_screen
    ref = _talking(qtbot, first, rt, settings)
    assert screen.transfer_button.isEnabled() and "F7" in screen.transfer_button.text()

    dialog = _transfer_dialog(qtbot, first)
    agent = Driver(qtbot, first)
    assert dialog.line.text() == "请稍等"  # the standard's line, from resources/
    assert [dialog.seat.itemText(i) for i in range(dialog.seat.count())] == ["seat-B · 李强 (1002)"]
    shots.save(dialog, "transfer-dialog.png")

    # Enter on the seat chosen: 请稍等 marked said, then the caller leaves for seat-B.
    with qtbot.waitSignal(other.call_screen.card_painted, timeout=10_000):
        agent.press("Return")
    assert not dialog.isVisible()
    assert TRANSFER_LINE in screen.dialogue._said
    qtbot.waitUntil(lambda: screen.active is not None and screen.active.state.value == "wrap_up")
    assert "seat-B" in screen.message.text() and not screen.transfer_button.isEnabled()

    # At seat-B the call rings with the customer's card and says where it came from.
    second = other.call_screen
    assert second.active is not None and second.active.caller_number == NUMBER
    assert second.card.heading.text() == "张秀英女士"
    assert "转接" in second.message.text()
    shots.save(other, "transfer-received.png")

    # The records: each agent's own, linked, naming the seat handed to.
    def saved() -> bool:
        one = rt.run(screen.context(), calls.get_call, ref)
        return one.transferred_to == "seat-B"

    qtbot.waitUntil(saved, timeout=10_000)
    assert second.active is not None
    taken = second.active.call_id
    qtbot.waitUntil(
        lambda: rt.run(second.context(), calls.get_call, taken).transferred_from == ref,
        timeout=10_000,
    )
    one = rt.run(screen.context(), calls.get_call, ref)
    two = rt.run(second.context(), calls.get_call, taken)
    assert (one.job_no, one.ended_by, two.job_no, two.state) == ("1001", None, "1002", "ringing")
    kinds = [e.kind for e in rt.run(screen.context(), calls.call_events, ref)]
    assert kinds[-3:] == ["phrase", "transfer", "hang_up"]


def test_a_transfer_to_a_seat_that_is_not_ready_is_refused_and_the_call_stays(
    qtbot: QtBot,
    two_desks: tuple[MainWindow, MainWindow],
    rt: Runtime,
    settings: Settings,
) -> None:
    first, other = two_desks
    Driver(qtbot, other).activate()  # 李强 goes 未就绪: Ctrl+2 and a reason
    qtbot.keyClick(other, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(other.reason_menu.isVisible)
    qtbot.keyClick(other.reason_menu, Qt.Key.Key_Down)
    qtbot.keyClick(other.reason_menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: other.state_label.text().startswith("状态:未就绪"), timeout=10_000)
    Driver(qtbot, first).activate()
    screen = first.call_screen

    # While it rings there is nothing to transfer.
    with qtbot.waitSignal(screen.card_painted, timeout=10_000):
        telephony.send_ring(rt.db, settings.seat, NUMBER)
    qtbot.keyClick(screen, Qt.Key.Key_F7)
    assert getattr(screen, "transfer_dialog", None) is None
    assert "通话中" in screen.message.text()
    qtbot.keyClick(screen, Qt.Key.Key_F2)

    dialog = _transfer_dialog(qtbot, first)
    assert dialog.seat.count() == 0  # nobody else is ready
    me = Driver(qtbot, first)
    me.press("Alt+U")  # the number field, typed: the seat's name
    me.type("seat-B")
    me.press("Return")
    qtbot.waitUntil(lambda: "未就绪" in screen.message.text(), timeout=10_000)
    assert screen.active is not None and screen.active.state.value == "talking"
    assert screen.transfer_button.isEnabled()
    assert other.call_screen.active is None


def test_an_agent_consults_the_seat_first_then_hands_over_or_returns(
    qtbot: QtBot,
    two_desks: tuple[MainWindow, MainWindow],
    rt: Runtime,
    settings: Settings,
) -> None:
    """Attended transfer: 先咨询 holds the caller and rings seat-B with the customer's
    card; F3 returns to the caller (seat-B's ring ends), a second consultation and F7
    hand the caller over."""
    first, other = two_desks
    screen, second = first.call_screen, other.call_screen
    ref = _talking(qtbot, first, rt, settings)

    dialog = _transfer_dialog(qtbot, first)
    with qtbot.waitSignal(second.card_painted, timeout=10_000):
        qtbot.mouseClick(dialog.consult_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.active is not None and screen.active.state.value == "on_hold")
    assert "F7" in screen.message.text() and screen.transfer_button.isEnabled()
    assert second.card.heading.text() == "张秀英女士"  # seat-B sees whom it is asked to take
    shots.save(first, "transfer-consulting.png")

    # F3: back to the caller; the consultation ringing at seat-B ends.
    consult = second.active
    assert consult is not None
    me = Driver(qtbot, first)
    me.activate()  # seat-B's console popped on its own screen (here: the same one)
    qtbot.keyClick(screen, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: screen.active is not None and screen.active.state.value == "talking")
    qtbot.waitUntil(lambda: second.active is None or second.active.finished, timeout=10_000)
    qtbot.waitUntil(lambda: other.state_label.text() == "状态:就绪", timeout=10_000)

    # Consult again, and F7 hands the caller to seat-B.
    dialog = _transfer_dialog(qtbot, first)
    with qtbot.waitSignal(second.card_painted, timeout=10_000):
        qtbot.mouseClick(dialog.consult_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.active is not None and screen.active.flow.consulting == "seat-B")
    me.activate()
    qtbot.keyClick(screen, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: screen.active is not None and screen.active.state.value == "wrap_up")
    assert second.active is not None and second.active.call_id != consult.call_id
    assert second.active.state.value == "ringing"  # the caller's call, now seat-B's
    qtbot.waitUntil(
        lambda: rt.run(screen.context(), calls.get_call, ref).transferred_to == "seat-B",
        timeout=10_000,
    )
    kinds = [e.kind for e in rt.run(screen.context(), calls.call_events, ref)]
    assert kinds[-4:] == ["hold", "consult", "transfer", "hang_up"]
    assert kinds.count("consult") == 2


def test_a_caller_who_hangs_up_during_the_consultation_stops_the_other_seat_ringing(
    qtbot: QtBot,
    two_desks: tuple[MainWindow, MainWindow],
    rt: Runtime,
    settings: Settings,
) -> None:
    first, other = two_desks
    screen, second = first.call_screen, other.call_screen
    ref = _talking(qtbot, first, rt, settings)
    dialog = _transfer_dialog(qtbot, first)
    with qtbot.waitSignal(second.card_painted, timeout=10_000):
        qtbot.mouseClick(dialog.consult_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.active is not None and screen.active.flow.consulting == "seat-B")
    telephony.send_caller_hang_up(rt.db, settings.seat, ref)
    qtbot.waitUntil(lambda: screen.active is not None and screen.active.state.value == "wrap_up")
    qtbot.waitUntil(lambda: second.active is None or second.active.finished, timeout=10_000)
    assert rt.run(screen.context(), calls.get_call, ref).transferred_to is None
