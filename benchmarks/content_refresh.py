"""Content refresh benchmark: what a running console pays every 15 s to look
for an administrator's new versions (nothing new: one grouped query), and to take one in
(the body read and validated), with N versions already saved per kind.

    .venv/bin/python benchmarks/content_refresh.py [--versions 200] [--samples 50]
        [--pg URL] [--only sqlite|pg]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sqlalchemy import insert  # noqa: E402

from benchmarks import common  # noqa: E402
from console.app.runtime import Runtime  # noqa: E402
from console.content import content  # noqa: E402
from console.core.clock import SystemClock  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database, make_engine  # noqa: E402
from db.models import ContentVersion  # noqa: E402


def _ms(samples: list[float]) -> str:
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return f"median {statistics.median(samples):7.2f} ms   p95 {p95:7.2f} ms"


def bench(url: str, args: argparse.Namespace) -> None:
    engine = make_engine(url, use_keyring=False)
    migrate.upgrade(engine)
    admin = Runtime(Database(engine), SystemClock())
    now = datetime.now(UTC)
    with admin.unit(admin="bench") as s:
        rows = [
            {
                "kind": k.name,
                "version": v,
                "body": k.shipped_text(),
                "note": "bench",
                "saved_at": now,
                "admin_name": "bench",
            }
            for k in content.KINDS.values()
            for v in range(1, args.versions + 1)
        ]
        s.execute(insert(ContentVersion), rows)
    seat = Runtime(Database(make_engine(url, use_keyring=False)), SystemClock())
    t = time.perf_counter()
    seat.content  # noqa: B018 - the first look, at start: every kind at its newest version
    first = (time.perf_counter() - t) * 1000
    idle = []
    for _ in range(args.samples):
        t = time.perf_counter()
        assert seat.refresh_content() == []
        idle.append((time.perf_counter() - t) * 1000)
    taking = []
    version = args.versions
    for _ in range(min(args.samples, 20)):
        version += 1
        with admin.unit(admin="bench") as s:
            s.add(
                ContentVersion(
                    kind="dialogue",
                    version=version,
                    body=content.DIALOGUE.shipped_text(),
                    note="bench",
                    saved_at=now,
                    admin_name="bench",
                )
            )
        t = time.perf_counter()
        assert [k.name for k in seat.refresh_content()] == ["dialogue"]
        taking.append((time.perf_counter() - t) * 1000)
    print(
        f"-- {engine.dialect.name}: {args.versions} versions of each of {len(content.KINDS)} kinds"
    )
    print(f"   first load (all kinds)     {first:7.2f} ms")
    print(f"   refresh, nothing new       {_ms(idle)}")
    print(f"   refresh, a new script      {_ms(taking)}", flush=True)
    seat.close()
    admin.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--versions", type=int, default=200)
    ap.add_argument("--samples", type=int, default=50)
    ap.add_argument("--pg", metavar="URL")
    ap.add_argument("--only", choices=["sqlite", "pg"])
    common.on_both(bench, ap.parse_args())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
