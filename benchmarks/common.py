"""What the data-heavy benchmarks share: their command line and running on both
databases (a throwaway SQLite file, then a PostgreSQL database made for the run)."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable

from benchmarks.screen_pop import pg_database


def parse(doc: str, *, samples: int, time_limit: float) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--calls", type=int, default=5_000_000)
    ap.add_argument("--samples", type=int, default=samples)
    ap.add_argument("--pg", metavar="URL")
    ap.add_argument("--only", choices=["sqlite", "pg"])
    ap.add_argument("--time-limit", type=float, default=time_limit, help="for generating calls")
    return ap.parse_args()


def on_both(bench: Callable[[str, argparse.Namespace], None], args: argparse.Namespace) -> None:
    if args.only != "pg":
        with tempfile.TemporaryDirectory(prefix="ac-bench-") as d:
            bench(f"sqlite:///{d}/console.db", args)
    if args.only != "sqlite":
        with pg_database(args.pg) as url:
            bench(url, args)
