"""Login timing: an unknown job number and a wrong password must take about as long
(R1.1: nothing tells an attacker which job numbers exist), and a good login must leave
room in the 0.5 s login-to-ready budget.

    .venv/bin/python benchmarks/login_timing.py [--db URL] [--rounds N]

Without --db it uses a throwaway SQLite file and, if PostgreSQL is installed, a
throwaway PostgreSQL server as well.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from console.app.startup import open_runtime
from console.core.errors import UserFacingError
from console.core.identity import Role
from console.people import agents, auth

PASSWORD = "Bench@2026x"


def measure(url: str, rounds: int) -> dict[str, float]:
    rt = open_runtime(url)
    with rt.unit(admin="bench") as s:
        agents.add_agent(s, None, "1001", "基准", Role.AGENT, PASSWORD, datetime.now(UTC))
    times: dict[str, list[float]] = {"unknown job number": [], "wrong password": [], "success": []}
    for i in range(rounds):
        for label, job_no, pw in (
            ("unknown job number", "4242", "whatever1"),
            ("wrong password", "1001", "whatever1"),
            ("success", "1001", PASSWORD),
        ):
            t = time.perf_counter()
            try:
                ctx = rt.login(job_no, pw, f"seat-{i}")
                rt.run(ctx, auth.logout)
            except UserFacingError:
                pass
            times[label].append(time.perf_counter() - t)
        if i % 4 == 3:  # stay below the lockout threshold
            with rt.unit(admin="bench") as s:
                agents.unlock(s, None, "1001")
    rt.close()
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--rounds", type=int, default=12)
    args = ap.parse_args()
    targets: list[tuple[str, str]] = []
    server = None
    if args.db:
        targets.append(("given", args.db))
    else:
        tmp = tempfile.mkdtemp()
        targets.append(("SQLite", f"sqlite:///{tmp}/bench.db"))
        try:
            from sqlalchemy import create_engine, text

            from tests.pgserver import PgServer

            server = PgServer().start()
            with create_engine(server.url(), isolation_level="AUTOCOMMIT").connect() as c:
                c.execute(text("CREATE DATABASE bench"))
            targets.append(("PostgreSQL", server.url("bench")))
        except Exception as e:
            print(f"(PostgreSQL skipped: {e})")
    try:
        for name, url in targets:
            med = measure(url, args.rounds)
            print(f"{name}: median login time over {args.rounds} rounds")
            for label, value in med.items():
                print(f"  {label:20s} {value * 1000:7.1f} ms")
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
