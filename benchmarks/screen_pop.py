"""Screen pop benchmark (target: median ≤ 5 ms on SQLite, ≤ 10 ms on PostgreSQL with
1,000,000 customers and 5,000,000 call records).

    .venv/bin/python benchmarks/screen_pop.py [--customers N] [--calls N] [--samples N]
        [--pg URL] [--only sqlite|pg] [--time-limit SECONDS]

For each database: a fresh schema, the demo customers (``cli.demo.load``), then the
call records, bulk-generated (``executemany`` on SQLite, ``COPY`` on PostgreSQL) with
the secondary indexes rebuilt at the end. Calls are skewed: customer ids are drawn as
``C · u²`` (a few busy accounts, most with a handful of contacts), one call in ten comes
from a number with no customer, times spread over two years. Generation stops at
``--time-limit`` seconds and says how many calls it loaded.

Then ``--samples`` random known numbers ring in turn, and it prints median and p95 of

* bare SQL through the driver: customer by phone; last 10 calls by customer_id;
* ``screen_pop.pop`` as the console runs it (one unit of work: transaction, session
  binding, customer by number, last 10 contacts, repeat-caller counts);
* ring → card: ``calls.start_call`` + ``screen_pop.pop`` in one unit of work.

PostgreSQL: ``--pg`` is an administrator's URL (``postgresql://postgres@127.0.0.1:54329/
postgres``); a database is created for the run and dropped afterwards. Without it a
throwaway server is started like the tests do (fsync off). The console connects as the
schema owner here (same queries and triggers as a seat role; no extra login role made).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, make_url, text  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from cli import demo  # noqa: E402
from console.app.runtime import Runtime  # noqa: E402
from console.calls import calls, screen_pop  # noqa: E402
from console.core import checks  # noqa: E402
from console.core.clock import SystemClock  # noqa: E402
from console.core.identity import AgentContext  # noqa: E402
from db import bounds, migrate  # noqa: E402
from db.engine import Database, make_engine  # noqa: E402

TARGET_MS = {"sqlite": 5.0, "postgresql": 10.0}
CALL_COLUMNS = (
    "id",
    "direction",
    "channel",
    "caller_number",
    "customer_id",
    "started_at",
    "answered_at",
    "ended_at",
    "ended_by",
    "ring_count",
    "state",
    "intent",
    "verification",
    "notes",
    "updated_at",
    "version",
    "job_no",
    "session_id",
)
INTENTS = ("inquiry", "inquiry", "inquiry", "repair", "repair", "complaint", "other", "emergency")
NOTES = (
    "咨询燃气表电池更换",
    "报修:灶具打不着火,已派维修",
    "咨询IC卡充值",
    "投诉:维修人员未按约定时间上门",
    "安全用气咨询,已告知注意事项",
    "",
)


def say(msg: str) -> None:
    print(msg, flush=True)


# --- generating the calls --------------------------------------------------------------------


def call_rows(
    n: int, phones: list[str | None], job_nos: list[str], session_id: int, sqlite: bool, seed: int
) -> Iterator[tuple[Any, ...]]:
    r = random.Random(seed)
    rnd = r.random
    n_customers = len(phones)
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    minutes = 2 * 365 * 24 * 60
    # Times as text in each database's storage format, from a pool of whole minutes.
    fmt = "%Y-%m-%d %H:%M:%S.000000" if sqlite else "%Y-%m-%d %H:%M:%S+00"
    pool = [(now - timedelta(minutes=m)).strftime(fmt) for m in range(0, minutes, 7)]
    n_pool = len(pool)
    ended_by = ("caller", "caller", "caller", "agent")
    for i in range(n):
        x = rnd()
        if x < 0.1:
            customer_id = None
            number = f"1{int(rnd() * 1e10):010d}"
        else:
            customer_id = 1 + int(n_customers * rnd() ** 2)
            number = phones[customer_id - 1]
        at = pool[int(rnd() * n_pool)]
        yield (
            f"{i:08x}-0000-4000-8000-{seed:012x}",
            "inbound" if x < 0.9 or x > 0.98 else "outbound",
            "phone" if x < 0.97 else "visit",
            number,
            customer_id,
            at,
            at,
            at,
            ended_by[i & 3],
            1 + (i % 3),
            "ended",
            INTENTS[i & 7],
            "verified",
            NOTES[i % len(NOTES)],
            at,
            1,
            job_nos[i % len(job_nos)],
            session_id,
        )


def load_calls(engine: Engine, rows: Iterator[tuple[Any, ...]], n: int, deadline: float) -> int:
    """Bulk insert, indexes rebuilt at the end; stops at ``deadline``."""
    cols = ", ".join(CALL_COLUMNS)
    total = 0
    started = time.perf_counter()
    with engine.begin() as conn:
        raw = conn.connection.driver_connection
        # As long as it takes, like its statement_timeout = 0 (db/bounds.py).
        with bounds.unbounded(raw):
            dialect = conn.dialect.name
            cur = raw.cursor()
            if dialect == "sqlite":
                indexes = cur.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND tbl_name = 'calls' AND sql IS NOT NULL"
                ).fetchall()
                cur.execute("PRAGMA cache_size = -262144")
            else:
                cur.execute("SET LOCAL statement_timeout = 0")
                cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
                indexes = cur.execute(
                    "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                    "JOIN pg_class i ON i.oid = x.indexrelid "
                    "WHERE x.indrelid = 'calls'::regclass AND NOT EXISTS "
                    "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
                ).fetchall()
                # The owner's bulk load: the per-row fence trigger would only pass it through.
                cur.execute("ALTER TABLE calls DISABLE TRIGGER USER")
            for name, _sql in indexes:
                cur.execute(f'DROP INDEX "{name}"')
            batch = 100_000
            if dialect == "sqlite":
                sql = f"INSERT INTO calls ({cols}) VALUES ({', '.join('?' * len(CALL_COLUMNS))})"
                while total < n and time.perf_counter() < deadline:
                    chunk = [next(rows) for _ in range(min(batch, n - total))]
                    cur.executemany(sql, chunk)
                    total += len(chunk)
                    if total % 1_000_000 == 0:
                        say(f"    {total:,} calls, {time.perf_counter() - started:.0f} s")
            else:
                with cur.copy(f"COPY calls ({cols}) FROM STDIN") as copy:
                    while total < n and time.perf_counter() < deadline:
                        for _ in range(min(batch, n - total)):
                            copy.write_row(next(rows))
                        total += min(batch, n - total)
                        if total % 1_000_000 == 0:
                            say(f"    {total:,} calls, {time.perf_counter() - started:.0f} s")
            say(f"    {total:,} calls in {time.perf_counter() - started:.0f} s; rebuilding indexes")
            t = time.perf_counter()
            for _name, sql in indexes:
                cur.execute(sql)
            if dialect == "postgresql":
                cur.execute("ALTER TABLE calls ENABLE TRIGGER USER")
            cur.execute("ANALYZE calls" if dialect == "postgresql" else "ANALYZE")
            say(f"    indexes and statistics: {time.perf_counter() - t:.0f} s")
            cur.close()
    return total


# --- measuring -----------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def figures(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return f"median {statistics.median(samples):6.2f} ms   p95 {p95:6.2f} ms"


def measure(
    rt: Runtime, ctx: AgentContext, engine: Engine, sample: list[tuple[int, str]]
) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {k: [] for k in ("phone", "recent", "pop", "ring")}
    dialect = engine.dialect.name
    p = "?" if dialect == "sqlite" else "%s"
    by_phone = (
        "SELECT id, account_no, name, gender, phone, id_number, community, building, unit, "
        f"room, account_type, special_group, last_inspection_at FROM customers WHERE phone = {p}"
    )
    recent = (
        "SELECT id, started_at, ended_at, direction, channel, intent, state, job_no, notes "
        f"FROM calls WHERE customer_id = {p} ORDER BY started_at DESC LIMIT 10"
    )
    raw_conn = engine.raw_connection()
    cur = raw_conn.cursor()
    # Warm-up, as a running console would be.
    for _cid, number in sample[:50]:
        rt.run(ctx, _noop)
        cur.execute(by_phone, (number,))
        cur.fetchall()
    for cid, number in sample:
        out["phone"].append(timed(lambda n=number: (cur.execute(by_phone, (n,)), cur.fetchall())))
        out["recent"].append(timed(lambda c=cid: (cur.execute(recent, (c,)), cur.fetchall())))
    cur.close()
    raw_conn.close()
    at = datetime.now(UTC)
    for _cid, number in sample:
        call = rt.run(ctx, calls.start_call, checks.new_call_id(), number, "inbound", "phone", at)
        out["pop"].append(timed(lambda n=number, c=call.id: rt.run(ctx, screen_pop.pop, n, c)))

    def ring(s: Any, ctx: AgentContext, number: str) -> screen_pop.ScreenPop:
        call = calls.start_call(s, ctx, checks.new_call_id(), number, "inbound", "phone", at)
        return screen_pop.pop(s, ctx, number, call.id)

    for _cid, number in sample:
        out["ring"].append(timed(lambda n=number: rt.run(ctx, ring, n)))
    return out


def _noop(_s: Any, _ctx: AgentContext) -> None:
    return None


def bench(url: str, args: argparse.Namespace) -> None:
    engine = make_engine(url, use_keyring=False)
    dialect = engine.dialect.name
    say(f"\n== {dialect}: schema and {args.customers:,} demo customers")
    t = time.perf_counter()
    migrate.upgrade(engine)
    rt = Runtime(Database(engine), SystemClock())
    summary = demo.load(rt, customers=args.customers)
    say(f"    customers: {summary.customers_total:,} in {time.perf_counter() - t:.0f} s")
    ctx = rt.login("1001", demo.DEMO_PASSWORD, "坐席01")
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
            args.calls, phones, ["1001", "1002", "1003"], ctx.session_id, dialect == "sqlite", 7
        ),
        args.calls,
        time.perf_counter() + args.time_limit,
    )
    r = random.Random(11)
    known = [(i + 1, p) for i, p in enumerate(phones) if p]
    sample = [known[int(r.random() * len(known))] for _ in range(args.samples)]
    with engine.connect() as c:
        n_calls = c.execute(text("SELECT count(*) FROM calls")).scalar_one()
        busiest = c.execute(
            text(
                "SELECT max(n) FROM (SELECT count(*) AS n FROM calls "
                "WHERE customer_id IS NOT NULL GROUP BY customer_id) x"
            )
        ).scalar_one()
    say(f"    calls in the table: {n_calls:,} (busiest customer: {busiest:,} calls)")
    out = measure(rt, ctx, engine, sample)
    target = TARGET_MS[dialect]
    say(
        f"-- {dialect}: {summary.customers_total:,} customers, {loaded:,} calls generated, "
        f"{len(sample)} random known numbers"
    )
    say(f"   bare SQL  customer by phone         {figures(out['phone'])}")
    say(f"   bare SQL  last 10 by customer_id    {figures(out['recent'])}")
    say(
        f"   screen_pop.pop (unit of work)        {figures(out['pop'])}"
        f"   target median ≤ {target:g} ms"
    )
    say(f"   ring → card (start_call + pop)      {figures(out['ring'])}")
    rt.close()


@contextmanager
def pg_database(admin_url: str | None) -> Iterator[str]:
    server = None
    if admin_url is None:
        from tests.pgserver import PgServer

        server = PgServer().start()
        admin_url = server.url()
    url = make_url(admin_url)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    name = f"ac_screen_pop_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
        if server is not None:
            server.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--calls", type=int, default=5_000_000)
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--pg", metavar="URL")
    ap.add_argument("--only", choices=["sqlite", "pg"])
    ap.add_argument("--time-limit", type=float, default=600.0, help="for generating calls")
    args = ap.parse_args()
    if args.only != "pg":
        with tempfile.TemporaryDirectory(prefix="ac-screen-pop-") as d:
            bench(f"sqlite:///{d}/console.db", args)
    if args.only != "sqlite":
        with pg_database(args.pg) as url:
            bench(url, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
