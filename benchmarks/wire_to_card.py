"""From the wire: sipp's INVITE → the customer card painted with the customer's name.

    .venv/bin/python benchmarks/wire_to_card.py [--customers N] [--calls N] [--samples N]
        [--pg URL] [--only sqlite|pg]

The whole path of a real call: sipp (the customer) sends the INVITE to the seat's
baresip on loopback; baresip says CALL_INCOMING on its control socket; the line
(``BaresipLine``) reads it; the switchboard hands it to a ``CallScreen`` (offscreen),
which records the ring and pops the card in one unit of work on the worker pool and
paints it. Each sample runs from the INVITE's timestamp in sipp's message trace to the
card's ``painted`` signal followed by a synchronous repaint of the card, on the wall
clock both share. The agent then rejects the ring (486) before the next one.

Two ways of hearing the line are measured, call for call on the same data:
``events`` — the switchboard's reader thread, woken as the line reads the event (this
release); ``poll 300 ms`` — the line's events taken every 300 ms on the GUI thread, as
the switchboard did before.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("AGENT_CONSOLE_HOME", tempfile.mkdtemp(prefix="ac-wire-bench-"))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import text  # noqa: E402

from benchmarks import common  # noqa: E402
from benchmarks.ring_to_card import wait_for  # noqa: E402
from benchmarks.screen_pop import call_rows, figures, load_calls, say  # noqa: E402
from cli import demo  # noqa: E402
from console.app.drafts import DraftStore  # noqa: E402
from console.app.runtime import Runtime  # noqa: E402
from console.content.holiday_calendar import HolidayCalendar  # noqa: E402
from console.core.clock import SystemClock  # noqa: E402
from console.core.settings import Settings  # noqa: E402
from console.telephony.softphone import BaresipLine  # noqa: E402
from console.telephony.telephony import IncomingCall  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database, make_engine  # noqa: E402
from tests.sip.peers import Sipp, call_seat, seat_config  # noqa: E402
from ui.calls.call_screen import CallScreen  # noqa: E402
from ui.core import style  # noqa: E402
from ui.core.worker import wait_all  # noqa: E402
from ui.telephony.switchboard import Switchboard  # noqa: E402

TARGET_MS = 100.0
OLD_POLL_MS = 300
WARM_UP = 5
Offer = Callable[[IncomingCall], None]


def invite_sent_at(sipp: Sipp) -> float:
    """The INVITE's timestamp in sipp's message trace (``-trace_msg``), as epoch seconds."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        stamp = None
        if sipp.messages.exists():
            for line in sipp.messages.read_text(errors="replace").splitlines():
                if line.startswith("-----"):
                    stamp = line.strip("- ").replace("\t", " ")
                elif line.startswith("INVITE ") and stamp is not None:
                    at = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f").astimezone()
                    return at.timestamp()
        time.sleep(0.01)
    raise RuntimeError(f"no INVITE in sipp's trace:\n{sipp.log()}")


def events_switchboard(line: BaresipLine, offer: Offer) -> Callable[[], None]:
    board = Switchboard(line)
    board.incoming.connect(offer)
    board.start()

    def stop() -> None:
        """Until the reader's last wait is over: what it took still reaches the screen."""
        board.stop()
        while board.running:
            QApplication.processEvents()
            time.sleep(0.01)
        QApplication.processEvents()

    return stop


def polled_switchboard(
    line: BaresipLine, offer: Callable[[IncomingCall], None]
) -> Callable[[], None]:
    """The line's events taken every 300 ms on the GUI thread, as before this release."""
    timer = QTimer()

    def tick() -> None:
        for event in line.poll():
            if isinstance(event, IncomingCall):
                offer(event)

    timer.timeout.connect(tick)
    timer.start(OLD_POLL_MS)
    return timer.stop


def run(
    screen: CallScreen,
    line: BaresipLine,
    numbers: list[str],
    samples: int,
    tmp: Path,
    hear: Callable[[BaresipLine, Offer], Callable[[], None]],
) -> list[float]:
    stop = hear(line, screen.offer)
    out: list[float] = []
    try:
        for i in range(samples + WARM_UP):
            sipp = call_seat(line.config, numbers[i % len(numbers)], tmp, talk_ms=100)
            try:
                wait_for(screen.card_painted, 15_000)
                screen.card.repaint()
                painted = time.time()
                if screen.pop is None or screen.pop.card is None:
                    raise RuntimeError(f"the card was painted without the customer:\n{sipp.log()}")
                if i >= WARM_UP:
                    out.append((painted - invite_sent_at(sipp)) * 1000)
                screen.hang_up()  # the ring is rejected: 486, sipp ends
                if screen.active is not None:
                    wait_for(screen.call_finished, 15_000)
                sipp.wait(15)
            finally:
                sipp.stop()
    finally:
        stop()
    return out


def bench(url: str, args: argparse.Namespace) -> None:
    engine = make_engine(url, use_keyring=False)
    dialect = engine.dialect.name
    say(f"\n== {dialect}: schema and {args.customers:,} demo customers")
    migrate.upgrade(engine)
    clock = SystemClock()
    rt = Runtime(Database(engine), clock)
    summary = demo.load(rt, customers=args.customers, calls=0)
    ctx = rt.login("1001", demo.DEMO_PASSWORD, "坐席01")
    with engine.connect() as c:
        rows = c.execute(text("SELECT id, phone FROM customers ORDER BY id")).all()
        single = c.execute(
            text("SELECT phone FROM customers GROUP BY phone HAVING count(*) = 1")
        ).scalars()
        one_account = [p for p in single if p]
    phones: list[str | None] = [None] * (rows[-1][0] if rows else 0)
    for cid, phone in rows:
        phones[cid - 1] = phone
    loaded = load_calls(
        engine,
        call_rows(args.calls, phones, ["1001", "1002"], ctx.session_id, dialect == "sqlite", 7),
        args.calls,
        time.perf_counter() + args.time_limit,
    )
    numbers = random.Random(5).sample(one_account, min(len(one_account), 1000))
    with tempfile.TemporaryDirectory(prefix="ac-wire-") as d:
        tmp = Path(d)
        line = BaresipLine(seat_config(), clock, tmp / "baresip")
        deadline = time.monotonic() + 10
        while not line.connected and time.monotonic() < deadline:
            time.sleep(0.02)
        settings = Settings(seat="坐席01", language="zh_CN")
        screen = CallScreen(
            settings, rt, lambda: ctx, line, clock, HolidayCalendar.load(), DraftStore()
        )
        screen.resize(1500, 800)
        screen.show()
        try:
            figures_of = {}
            for name, hear in (("events", events_switchboard), ("poll 300 ms", polled_switchboard)):
                figures_of[name] = run(screen, line, numbers, args.samples, tmp, hear)
            wait_all()
        finally:
            screen.close()
            line.close()
    say(
        f"-- {dialect}: {summary.customers_total:,} customers, {loaded:,} calls; "
        f"load {os.getloadavg()[0]:.2f}"
    )
    for name, samples in figures_of.items():
        say(
            f"   INVITE → card painted ({name:11s}, {len(samples)} calls)  {figures(samples)}"
            f"   target p95 ≤ {TARGET_MS:g} ms"
        )
    rt.close()


def main() -> int:
    args = common.parse(__doc__ or "", samples=100, time_limit=600.0)
    app = QApplication([])
    style.apply(app)
    common.on_both(bench, args)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
