"""The agent's main window on a simulated line, as the call-handling UI tests open it:
agent 1001 signed in at the settings' seat, on a manual clock set to 国庆节 morning
(早上好 + 国庆好 at the opening, the holiday closing at the end)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.content.holiday_calendar import HolidayCalendar
from console.core.clock import ManualClock
from console.core.settings import Settings
from console.telephony import telephony
from tests.conftest import PASSWORD
from ui.app.main_window import Desk, MainWindow
from ui.core import session

ZONE = ZoneInfo("Asia/Shanghai")
NATIONAL_DAY_MORNING = datetime(2026, 10, 1, 9, 30, tzinfo=ZONE)
NUMBER = "13912341234"


def open_desk(
    qtbot: QtBot,
    rt: Runtime,
    settings: Settings,
    clock: ManualClock,
    *,
    ready: bool = True,
    job_no: str = "1001",
) -> MainWindow:
    """Agent ``job_no`` signed in at a console whose line is the simulator, on ``clock``;
    ``ready``: as after Ctrl+1 earlier in the shift (only a ready seat is rung)."""
    signed_in = session.login(rt, job_no, PASSWORD, settings.seat)
    if ready:
        state = session.set_state(rt, signed_in.context, "ready")
        signed_in = session.SignedIn(signed_in.context, state)
    desk = Desk(
        telephony.SimulatedSwitch(rt.db, settings.seat, clock), clock, HolidayCalendar.load()
    )
    w = MainWindow(settings, rt, signed_in, desk=desk)
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_done", True))
    return w


def shown_desk(qtbot: QtBot, rt: Runtime, settings: Settings, clock: ManualClock) -> MainWindow:
    """The window just after sign-in, shown at a laptop's size: 未就绪 until Ctrl+1."""
    w = open_desk(qtbot, rt, settings, clock, ready=False)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w
