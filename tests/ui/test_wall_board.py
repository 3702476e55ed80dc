"""The wall board (R4.3): large figures of the floor, refreshing by itself; a lost
database shows as a banner over the last picture and the board carries on."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.cases import cases
from console.core.errors import DatabaseUnavailable
from console.core.settings import Settings
from console.shift import states
from console.shift.board import Board
from tests.conftest import PASSWORD, AgentFactory
from ui.core import session
from ui.shift.wall_board import WallBoard


def test_the_board_refreshes_by_itself_and_survives_a_lost_database(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    make_agent("1001", name="张敏")
    ctx = rt.login("1001", PASSWORD, "坐席01")
    rt.run(ctx, states.set_state, states.AgentState.READY)
    down = [False]

    def load() -> Board:
        if down[0]:
            raise DatabaseUnavailable("connection refused")
        return session.board(rt, None, settings.timezone)

    board = WallBoard(load, settings, refresh_ms=100)
    qtbot.addWidget(board)
    board.resize(1600, 900)
    board.show()
    qtbot.waitUntil(lambda: board.board is not None, timeout=10_000)
    assert board.tiles["agents"].figure.text() == "1"
    assert "张敏" in board.agents.item(0).text() and "就绪" in board.agents.item(0).text()
    assert board.tiles["incidents"].figure.text() == "0"

    # Nobody touches the board: the next emergency shows up by itself.
    rt.run(ctx, cases.open_case, cases.new_case_id(), "emergency", "12号楼燃气味")
    qtbot.waitUntil(lambda: board.tiles["incidents"].figure.text() == "1", timeout=10_000)
    assert board.tiles["incidents"].property("alert") == "late"
    assert "12号楼燃气味" in board.incidents.item(0).text()

    down[0] = True
    qtbot.waitUntil(board.banner.isVisible, timeout=10_000)
    assert board.tiles["incidents"].figure.text() == "1"  # the last picture stays
    down[0] = False
    qtbot.waitUntil(lambda: not board.banner.isVisible(), timeout=10_000)
    board.timer.stop()
