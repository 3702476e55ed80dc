"""Issue 20, item 12: the call screen's desk times calls with the database's clock as the
seat reads it (tests/test_skewed_clock.py shows that clock right under faketime)."""

from __future__ import annotations

from console.app.runtime import Runtime
from console.core.settings import Settings
from ui.app.main_window import Desk


def test_the_desk_runs_on_the_database_clock(rt: Runtime, settings: Settings) -> None:
    desk = Desk.simulated(rt, settings.seat, settings)
    assert desk.clock is rt.db_clock
    assert Desk.for_seat(rt, settings.seat, settings).clock is rt.db_clock
