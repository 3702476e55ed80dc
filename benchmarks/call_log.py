"""Call log benchmark: the first page and page 100 (keyset) of ``call_log.search``, for
the default order, each sort key and each filter, on 1,000,000 customers and 5,000,000
calls (the data of benchmarks/screen_pop.py).

    .venv/bin/python benchmarks/call_log.py [--customers N] [--calls N] [--samples N]
        [--pg URL] [--only sqlite|pg] [--time-limit SECONDS]

Each figure is one unit of work as the console runs it (``Runtime.run``: transaction,
session binding, the page of 200 rows with customer names). "page 100" walks 99 pages
once (untimed), then times fetching the 100th from its cursor ``--samples`` times; when
a filter has fewer pages, its last page is timed and the page number printed. The
figures are median and p95 in milliseconds. ``count`` is ``call_log.count`` (capped at
10,001).

PostgreSQL: as in benchmarks/screen_pop.py, ``--pg`` is an administrator's URL, or a
throwaway server is started like the tests do (fsync off).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sqlalchemy import text  # noqa: E402

from benchmarks import common  # noqa: E402
from benchmarks.screen_pop import call_rows, figures, load_calls, say  # noqa: E402
from cli import demo  # noqa: E402
from console.app.runtime import Runtime  # noqa: E402
from console.calls import call_log  # noqa: E402
from console.calls.call_log import CallFilter  # noqa: E402
from console.core.clock import SystemClock  # noqa: E402
from console.core.identity import AgentContext  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database, make_engine  # noqa: E402

PAGE = 200
S = "started_at"


def _time(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, out


def _cases(rt: Runtime, engine: Any) -> list[tuple[str, str, CallFilter, str]]:
    """(label, who, filter, sort) for every case measured."""
    with engine.connect() as c:
        busy = c.execute(
            text(
                "SELECT customer_id FROM calls WHERE customer_id IS NOT NULL "
                "GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1"
            )
        ).scalar_one()
        r = random.Random(5)
        n_customers = c.execute(text("SELECT max(id) FROM customers")).scalar_one()
        # A customer with calls and a phone, drawn like the calls are (C · u²).
        who = None
        while who is None:
            cid = 1 + int(n_customers * r.random() ** 2)
            who = c.execute(
                text(
                    "SELECT id, name, account_no, phone FROM customers "
                    "WHERE id = :i AND phone IS NOT NULL"
                ),
                {"i": cid},
            ).first()
        newest = c.execute(text("SELECT max(started_at) FROM calls")).scalar_one()
    if isinstance(newest, str):  # SQLite hands back the stored text
        newest = datetime.fromisoformat(newest).replace(tzinfo=UTC)
    week = CallFilter(since=newest - timedelta(days=7))
    cases = [
        ("default order (started_at desc)", "supervisor", CallFilter(), "started_at"),
        ("agent's own calls (1001)", "agent", CallFilter(), "started_at"),
    ]
    for key in call_log.SORT_KEYS[1:]:
        cases.append((f"sort by {key} desc", "supervisor", CallFilter(), key))
    cases += [
        ("since: last 7 days", "supervisor", week, "started_at"),
        ("job_no = 1002", "supervisor", CallFilter(job_no="1002"), "started_at"),
        ("intent = complaint", "supervisor", CallFilter(intent="complaint"), "started_at"),
        (
            "intent = notification (none)",
            "supervisor",
            CallFilter(intent="notification"),
            "started_at",
        ),
        ("agent + intent = complaint", "agent", CallFilter(intent="complaint"), "started_at"),
        (
            f"customer_id = {busy} (busiest)",
            "supervisor",
            CallFilter(customer_id=busy),
            "started_at",
        ),
        ("text: customer name", "supervisor", CallFilter(text=who.name), "started_at"),
        ("text: last 4 digits", "supervisor", CallFilter(text=who.phone[-4:]), "started_at"),
        ("text: account number", "supervisor", CallFilter(text=who.account_no), "started_at"),
        ("agent + text: last 4 digits", "agent", CallFilter(text=who.phone[-4:]), "started_at"),
    ]
    return cases


def _search(
    rt: Runtime, ctx: AgentContext, flt: CallFilter, sort: str, cursor: str | None = None
) -> call_log.Page:
    return rt.run(ctx, call_log.search, flt, sort, True, cursor, PAGE)


def _one_case(
    rt: Runtime, ctx: AgentContext, flt: CallFilter, sort: str, samples: int
) -> tuple[list[float], int, list[float], float, int]:
    search = partial(_search, rt, ctx, flt, sort)
    for _ in range(3):  # warm-up
        search()
    first = [_time(search)[0] for _ in range(samples)]
    cursor, page_no = None, 1
    page = search()
    while page.cursor is not None and page_no < 100:
        cursor = page.cursor
        page = search(cursor)
        page_no += 1
    deep = [_time(partial(search, cursor))[0] for _ in range(samples)]
    ms, n = _time(partial(rt.run, ctx, call_log.count, flt))
    return first, page_no, deep, ms, n


def measure(rt: Runtime, who: dict[str, AgentContext], engine: Any, samples: int) -> None:
    say(f"   {'case':42} {'first page':>32}   {'page 100 (keyset)':>40}   count")
    for label, role, flt, sort in _cases(rt, engine):
        first, page_no, deep, ms, n = _one_case(rt, who[role], flt, sort, samples)
        n_text = f"{n:,}" if n <= call_log.COUNT_CAP else f">{call_log.COUNT_CAP:,}"
        say(
            f"   {label:42} {figures(first)}   page {page_no:3d}: {figures(deep)}"
            f"   {n_text} ({ms:.1f} ms)"
        )


def bench(url: str, args: argparse.Namespace) -> None:
    engine = make_engine(url, use_keyring=False)
    dialect = engine.dialect.name
    say(f"\n== {dialect}: schema and {args.customers:,} demo customers")
    t = time.perf_counter()
    migrate.upgrade(engine)
    rt = Runtime(Database(engine), SystemClock())
    summary = demo.load(rt, customers=args.customers)
    say(f"    customers: {summary.customers_total:,} in {time.perf_counter() - t:.0f} s")
    agent = rt.login("1001", demo.DEMO_PASSWORD, "坐席01")
    supervisor = rt.login("2001", demo.DEMO_PASSWORD, "坐席02")
    with engine.connect() as c:
        rows = c.execute(text("SELECT id, phone FROM customers ORDER BY id")).all()
    phones: list[str | None] = [None] * (rows[-1][0] if rows else 0)
    for cid, phone in rows:
        phones[cid - 1] = phone
    del rows
    say(f"    generating {args.calls:,} calls (time limit {args.time_limit:.0f} s)")
    loaded = load_calls(
        engine,
        call_rows(
            args.calls,
            phones,
            ["1001", "1002", "1003"],
            agent.session_id,
            dialect == "sqlite",
            7,
        ),
        args.calls,
        time.perf_counter() + args.time_limit,
    )
    say(
        f"-- {dialect}: {summary.customers_total:,} customers, {loaded:,} calls, {PAGE} rows a page"
    )
    measure(rt, {"agent": agent, "supervisor": supervisor}, engine, args.samples)
    rt.close()


def main() -> int:
    args = common.parse(__doc__, samples=30, time_limit=900.0)
    common.on_both(bench, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
