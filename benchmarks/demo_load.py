"""Demo data load benchmark (target: 1,000,000 customers in ≤ 2 minutes on SQLite).

    .venv/bin/python benchmarks/demo_load.py [--customers N] [--pg URL] [--only sqlite|pg]

Runs ``python main.py [--db URL] demo --customers N`` end to end in a fresh process (schema
creation, demo agents with their argon2id hashes, departments, seats, customers) on

* a fresh SQLite file in a temporary directory, and
* a fresh PostgreSQL database: created on the server of ``--pg URL`` (an administrator's
  URL such as ``postgresql://postgres@127.0.0.1:54329/postgres``; the database is dropped
  afterwards) or, without ``--pg``, on a throwaway server started like the tests do
  (``tests/pgserver.py``: fsync off, so faster than a production server).

Prints wall time, the loader's own timings (per progress line), database size and two
caller-ID lookups (exact number, last four digits) to show the indexes are there.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, make_url, text  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

TARGET_SECONDS = 120.0


def run_demo(db_url: str | None, customers: int, home: str) -> tuple[float, list[str]]:
    """Run the demo command; return the wall time and its output, each line stamped."""
    env = dict(os.environ, AGENT_CONSOLE_HOME=home, PYTHONUNBUFFERED="1")
    env.pop("AGENT_CONSOLE_DB", None)
    cmd = [sys.executable, str(ROOT / "main.py")]
    if db_url:
        cmd += ["--db", db_url]
    cmd += ["demo", "--customers", str(customers)]
    lines: list[str] = []
    t0 = time.perf_counter()
    with subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(f"{time.perf_counter() - t0:7.1f}s  {line.rstrip()}")
        rc = proc.wait()
    elapsed = time.perf_counter() - t0
    if rc != 0:
        print("\n".join(lines))
        raise SystemExit(f"demo failed with exit code {rc}")
    return elapsed, lines


def lookups(engine: Engine) -> str:
    """Time an exact caller-ID match and a last-four-digits match on the loaded data."""
    with engine.connect() as c:
        phone = c.execute(
            text("SELECT phone FROM customers WHERE phone IS NOT NULL ORDER BY id DESC LIMIT 1")
        ).scalar_one()
        total = c.execute(text("SELECT count(*) FROM customers")).scalar_one()
        no_phone = c.execute(
            text("SELECT count(*) FROM customers WHERE phone IS NULL")
        ).scalar_one()
        t0 = time.perf_counter()
        exact = c.execute(
            text("SELECT count(*) FROM customers WHERE phone = :p"), {"p": phone}
        ).scalar_one()
        t1 = time.perf_counter()
        # The index serves a prefix of phone_rev with LIKE on PostgreSQL (its index has
        # varchar_pattern_ops, so not with >= / <) and with GLOB on SQLite (whose LIKE
        # is case-insensitive and would scan the whole index).
        glob = engine.dialect.name == "sqlite"
        op, wildcard = ("GLOB", "*") if glob else ("LIKE", "%")
        suffix = c.execute(
            text(f"SELECT count(*) FROM customers WHERE phone_rev {op} :p"),
            {"p": phone[::-1][:4] + wildcard},
        ).scalar_one()
        t2 = time.perf_counter()
    return (
        f"rows {total:,} (no phone {no_phone:,}); lookup {phone}: {exact} match(es) in "
        f"{(t1 - t0) * 1000:.1f} ms; last four {phone[-4:]}: {suffix} in {(t2 - t1) * 1000:.1f} ms"
    )


def size_mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def bench_sqlite(customers: int) -> dict[str, str]:
    with tempfile.TemporaryDirectory(prefix="ac-bench-") as home:
        elapsed, lines = run_demo(None, customers, home)
        db = Path(home) / "data" / "console.db"
        files = [p for p in db.parent.iterdir() if p.name.startswith("console.db")]
        size = sum(p.stat().st_size for p in files)
        engine = create_engine(f"sqlite:///{db}")
        try:
            info = lookups(engine)
        finally:
            engine.dispose()
    return report("SQLite", customers, elapsed, lines, size_mb(size), info)


@contextmanager
def throwaway_server() -> Iterator[str]:
    from tests.pgserver import PgServer

    server = PgServer().start()
    try:
        yield server.url()
    finally:
        server.stop()


def bench_pg(customers: int, admin_url: str) -> dict[str, str]:
    url = make_url(admin_url)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    name = f"ac_demo_bench_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    target = url.set(database=name)
    try:
        with tempfile.TemporaryDirectory(prefix="ac-bench-") as home:
            elapsed, lines = run_demo(target.render_as_string(hide_password=False), customers, home)
        engine = create_engine(target)
        try:
            with engine.connect() as c:
                db_size = c.execute(
                    text("SELECT pg_database_size(current_database())")
                ).scalar_one()
                table = c.execute(text("SELECT pg_total_relation_size('customers')")).scalar_one()
            info = lookups(engine)
        finally:
            engine.dispose()
    finally:
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        admin.dispose()
    size = f"{size_mb(db_size)} (customers with indexes {size_mb(table)})"
    return report("PostgreSQL", customers, elapsed, lines, size, info)


def report(
    kind: str, customers: int, elapsed: float, lines: list[str], size: str, info: str
) -> dict[str, str]:
    print(f"\n== {kind}: main.py demo --customers {customers:,}")
    print("\n".join(lines))
    verdict = "within" if elapsed <= TARGET_SECONDS else "OVER"
    print(f"-- {kind}: {elapsed:.1f} s wall ({verdict} the {TARGET_SECONDS:.0f} s target), {size}")
    print(f"-- {info}")
    return {"kind": kind, "seconds": f"{elapsed:.1f}", "size": size}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--customers", type=int, default=1_000_000)
    p.add_argument("--pg", metavar="URL", help="administrator URL of a PostgreSQL server")
    p.add_argument("--only", choices=["sqlite", "pg"])
    args = p.parse_args()
    results = []
    if args.only != "pg":
        results.append(bench_sqlite(args.customers))
    if args.only != "sqlite":
        if args.pg:
            results.append(bench_pg(args.customers, args.pg))
        else:
            with throwaway_server() as url:
                results.append(bench_pg(args.customers, url))
    print(f"\n== summary ({args.customers:,} customers, {os.cpu_count()} CPUs)")
    for r in results:
        print(f"{r['kind']:<11} {r['seconds']:>7} s   {r['size']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
