"""Board refresh benchmark (R4.3, R4.4): one refresh of the wall / supervisor board
(``console.shift.board.board`` in ``Runtime.snapshot``), with its number of SQL statements,
over a busy floor: 30 agents signed in, ``--calls`` calls over two years, ``--cases``
open cases with their SLA clocks (a tenth warned, a twentieth overdue), 20 emergencies.

    .venv/bin/python benchmarks/board.py [--calls N] [--cases N] [--samples N]
        [--pg URL] [--only sqlite|pg] [--time-limit SECONDS]

Figures are median and p95 in milliseconds of the whole refresh as a board runs it.
PostgreSQL: ``--pg`` is an administrator's URL, or a throwaway server is started.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sqlalchemy import event, select, update  # noqa: E402

from benchmarks import common  # noqa: E402
from benchmarks.screen_pop import call_rows, figures, load_calls, say  # noqa: E402
from cli import demo  # noqa: E402
from console.app.runtime import Runtime  # noqa: E402
from console.cases import cases  # noqa: E402
from console.core import unit  # noqa: E402
from console.core.clock import SystemClock  # noqa: E402
from console.core.identity import Role  # noqa: E402
from console.people import agents, auth  # noqa: E402
from console.shift import board  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database, make_engine  # noqa: E402
from db.models import CaseClock  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
AGENTS = 30
KINDS = ("repair", "complaint", "inquiry", "lookup")


def _floor(rt: Runtime, n_cases: int) -> list[Any]:
    with rt.unit(admin="bench") as s:
        for i in range(AGENTS):
            agents.add_agent(
                s, None, f"3{i:03d}", f"坐席{i}", Role.AGENT, demo.DEMO_PASSWORD, rt.clock.now()
            )
    signed = [rt.login(f"3{i:03d}", demo.DEMO_PASSWORD, f"B-{i:02d}") for i in range(AGENTS)]
    batch = 500
    for start in range(0, n_cases, batch):
        ctx = signed[(start // batch) % AGENTS]
        with rt.unit(ctx) as s:
            for i in range(start, min(start + batch, n_cases)):
                kind = "emergency" if i < 20 else KINDS[i % len(KINDS)]
                cases.open_case(s, ctx, cases.new_case_id(), kind, f"{kind} 工单 {i}")
    with rt.unit(admin="bench") as s:
        now = unit.db_now(s)
        ids = list(s.scalars(select(CaseClock.case_id).distinct()))
        warned = ids[: len(ids) // 10]
        late = warned[: len(warned) // 2]
        for chunk in range(0, len(warned), 500):
            part = warned[chunk : chunk + 500]
            s.execute(
                update(CaseClock)
                .where(CaseClock.case_id.in_(part))
                .values(warn_at=now - timedelta(minutes=30), due_at=now + timedelta(minutes=30))
            )
        for chunk in range(0, len(late), 500):
            s.execute(
                update(CaseClock)
                .where(CaseClock.case_id.in_(late[chunk : chunk + 500]))
                .values(due_at=now - timedelta(minutes=5))
            )
    return signed


def bench(url: str, args: argparse.Namespace) -> None:
    engine = make_engine(url, use_keyring=False)
    dialect = engine.dialect.name
    say(f"\n== {dialect}: schema, demo data, {args.calls:,} calls, {args.cases:,} cases")
    migrate.upgrade(engine)
    rt = Runtime(Database(engine), SystemClock())
    demo.load(rt, customers=args.customers)
    first = rt.login("1001", demo.DEMO_PASSWORD, "坐席01")
    phones: list[str | None] = [None] * args.customers
    loaded = load_calls(
        engine,
        call_rows(args.calls, phones, ["1001", "1002"], first.session_id, dialect == "sqlite", 11),
        args.calls,
        time.perf_counter() + args.time_limit,
    )
    t = time.perf_counter()
    signed = _floor(rt, args.cases)
    say(f"   {loaded:,} calls; floor built in {time.perf_counter() - t:.0f} s")
    for ctx in signed:  # building took longer than a lease: the seats renew, as consoles do
        rt.run(ctx, auth.heartbeat)

    statements = [0]

    def count(*_a: Any) -> None:
        statements[0] += 1

    def refresh() -> board.Board:
        with rt.snapshot() as s:
            return board.board(s, None, zone=ZONE)

    for _ in range(3):
        refresh()
    event.listen(engine, "before_cursor_execute", count)
    statements[0] = 0
    shown = refresh()
    per_refresh = statements[0]
    event.remove(engine, "before_cursor_execute", count)
    samples = []
    for _ in range(args.samples):
        t = time.perf_counter()
        refresh()
        samples.append((time.perf_counter() - t) * 1000)
    say(
        f"-- {dialect}: board refresh {figures(samples)}   {per_refresh} statements"
        f"   (agents {len(shown.agents)}, due soon {shown.due_soon_count:,},"
        f" overdue {shown.overdue_count:,}, emergencies {shown.incident_count})"
    )
    rt.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--customers", type=int, default=10_000)
    ap.add_argument("--calls", type=int, default=1_000_000)
    ap.add_argument("--cases", type=int, default=20_000)
    ap.add_argument("--samples", type=int, default=50)
    ap.add_argument("--pg", metavar="URL")
    ap.add_argument("--only", choices=["sqlite", "pg"])
    ap.add_argument("--time-limit", type=float, default=600.0, help="for generating calls")
    common.on_both(bench, ap.parse_args())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
