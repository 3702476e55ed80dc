"""The seat's softphone settings (R2.16): edited in the preferences dialog, the call
simulator when none is configured, and a console that starts — and at sign-out stops —
the seat's baresip when one is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.core.settings import Settings
from console.telephony.softphone import BaresipLine
from console.telephony.telephony import SimulatedSwitch
from tests.conftest import PASSWORD, AgentFactory
from tests.sip.peers import needs_sip_peers, seat_config
from ui.app.main_window import MainWindow
from ui.app.prefs import SoftphonePrefs
from ui.core import session


def test_the_dialog_saves_a_softphone_and_refuses_what_cannot_work(
    qtbot: QtBot, settings: Settings, zh: None
) -> None:
    dialog = SoftphonePrefs(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.account, "1001")
    dialog.sip_port.setValue(5062)
    dialog.control_port.setValue(5063)  # baresip's TLS port: refused, nothing saved
    dialog.save()
    assert dialog.message.isVisible() and dialog.isVisible()
    assert settings.softphone_account == ""
    assert not Settings.path().exists()

    dialog.control_port.setValue(4444)
    qtbot.keyClicks(dialog.dial_host, "10.0.0.5:5060")
    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        qtbot.keyClick(dialog.dial_host, Qt.Key.Key_Return)  # the default button: Save
    stored = Settings.load()
    assert (stored.softphone_account, stored.softphone_control_port) == ("1001", 4444)
    assert stored.softphone_dial_host == "10.0.0.5:5060" and stored.softphone_start


def _window(qtbot: QtBot, rt: Runtime, settings: Settings) -> MainWindow:
    signed_in = session.login(rt, "1001", PASSWORD, settings.seat)
    w = MainWindow(settings, rt, signed_in)
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    return w


def test_without_a_softphone_the_seat_dials_through_the_simulator(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    """Outbound calls are calls on either line: the simulator pretends the customer
    answers, and the call is recorded like one through the softphone."""
    make_agent("1001")
    w = _window(qtbot, rt, settings)
    assert isinstance(w.desk.telephony, SimulatedSwitch)
    assert w.callbacks.dialler.isVisibleTo(w.callbacks)
    assert w.campaigns.dialler.isVisibleTo(w.campaigns)


@needs_sip_peers
def test_a_seat_with_a_softphone_starts_baresip_and_stops_it_at_sign_out(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    make_agent("1001")
    cfg = seat_config()
    settings.softphone_account = cfg.account
    settings.softphone_sip_port = cfg.sip_port
    settings.softphone_control_port = cfg.control_port
    w = _window(qtbot, rt, settings)
    line = w.desk.telephony
    assert isinstance(line, BaresipLine)
    assert w.callbacks.dialler.isVisibleTo(w.callbacks)
    qtbot.waitUntil(lambda: line.connected, timeout=10_000)
    assert line.pid is not None
    w._done = True
    w.close()  # what signing out does at the end: the window closes the line it opened
    assert line.pid is None and not line.connected
