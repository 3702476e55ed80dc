"""The content poller on its own (no window): what an administrator saved on another seat
is taken in by the next look, a save on this console at once, and nothing is looked at
while the console is not ready (signed out, database lost)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.content import content, content_versions
from console.content.content import DIALOGUE
from tests.conftest import TestDb, open_runtime
from ui.app.content_poller import ContentPoller
from ui.core.changes import Topic, changes

COMPANY_LINE = "opening.company"


@pytest.fixture
def admin_seat(test_db: TestDb) -> Iterator[Runtime]:
    """Another console on the same database, where an administrator edits the scripts."""
    r = open_runtime(test_db.admin_url)
    yield r
    r.close()


def _save_opening(rt: Runtime, text: str) -> None:
    shipped = DIALOGUE.shipped_text()
    old = content.shipped().get(DIALOGUE).line(COMPANY_LINE).text
    with rt.unit(admin="test") as s:
        base = content_versions.current_version(s, DIALOGUE)
        content_versions.save(s, None, DIALOGUE, shipped.replace(old, text, 1), "改", base)


def test_a_version_saved_on_another_seat_is_taken_in_by_the_timer(
    qtbot: QtBot, rt: Runtime, admin_seat: Runtime
) -> None:
    assert rt.content.version(DIALOGUE) == 0  # running, with the shipped scripts
    poller = ContentPoller(rt, lambda: True, interval_ms=50)
    poller.start()
    try:
        _save_opening(admin_seat, "您好,欢迎致电{company}")
        with qtbot.waitSignal(
            poller.taken, timeout=10_000, check_params_cb=lambda kinds: kinds != []
        ) as taken:
            pass
    finally:
        poller.stop()
    assert [k.name for k in taken.args[0]] == ["dialogue"]
    assert rt.content.get(DIALOGUE).line(COMPANY_LINE).text == "您好,欢迎致电{company}"


def test_a_save_on_this_console_is_taken_in_at_once(
    qtbot: QtBot, rt: Runtime, admin_seat: Runtime
) -> None:
    assert rt.content.version(DIALOGUE) == 0
    poller = ContentPoller(rt, lambda: True)  # its timer would wait 15 s: not started
    _save_opening(admin_seat, "您好,这里是{company}")
    with qtbot.waitSignal(poller.taken, timeout=10_000) as taken:
        changes().announce(Topic.CONTENT)  # what the content editor's save declares
    assert [k.name for k in taken.args[0]] == ["dialogue"]


def test_nothing_is_looked_at_while_not_ready(
    qtbot: QtBot, rt: Runtime, admin_seat: Runtime
) -> None:
    assert rt.content.version(DIALOGUE) == 0
    ready = False
    poller = ContentPoller(rt, lambda: ready)
    taken: list[object] = []
    poller.taken.connect(taken.append)
    _save_opening(admin_seat, "您好,这里是{company}")
    poller.poll_now()
    assert not poller._running and taken == []
    ready = True
    with qtbot.waitSignal(poller.taken, timeout=10_000):
        poller.poll_now()
    assert [k.name for k in taken[0]] == ["dialogue"]  # type: ignore[attr-defined]
