"""Quality trends benchmark: ``console.quality.trends.trends`` for the floor and for one
agent over 8 weeks — ``--calls`` calls of 14 events each by 20 agents, a tenth of them
reviewed. Measured twice: with each call's criterion verdicts stored at its end (as the
console stores them since migration 0024), then with none stored (calls finished before
that), when every answered call's event log is scored again for the per-clause shares.

    .venv/bin/python benchmarks/quality_trends.py [--calls N] [--samples N]
        [--pg URL] [--only sqlite|pg]

Figures are median and p95 in milliseconds of one trends() call in its own unit of work.
PostgreSQL: ``--pg`` is an administrator's URL, or a throwaway server is started.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sqlalchemy import insert, text  # noqa: E402

from benchmarks.screen_pop import pg_database  # noqa: E402
from console.app.runtime import Runtime  # noqa: E402
from console.calls import compliance  # noqa: E402
from console.calls.call_flow import CallEvent as FlowEvent  # noqa: E402
from console.calls.call_flow import EventKind  # noqa: E402
from console.core.clock import SystemClock  # noqa: E402
from console.core.identity import Role  # noqa: E402
from console.people import agents  # noqa: E402
from console.quality import trends  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database, make_engine  # noqa: E402
from db.models import Call, CallEvent, QualityReview, Seat  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
PASSWORD = "Bench@2026x"
AGENTS = 20


def _log(start: datetime) -> list[tuple[str, datetime, dict[str, object]]]:
    a = start + timedelta(seconds=4)
    phrases = ["opening.company", "verify", "closing.ask_more", "closing.standard"]
    log: list[tuple[str, datetime, dict[str, object]]] = [
        ("ring", start, {"ring_interval_s": 3, "answer_within_rings": 3}),
        ("answer", a, {}),
        ("surname", a + timedelta(seconds=9), {"surname": "张", "title": "先生"}),
        ("verification", a + timedelta(seconds=30), {"outcome": "verified"}),
        ("hold", a + timedelta(seconds=40), {}),
        ("resume", a + timedelta(seconds=50), {}),
    ]
    log += [
        ("phrase", a + timedelta(seconds=i + 1), {"phrase_id": p, "by_surname": True})
        for i, p in enumerate(phrases)
    ]
    log += [("taboo_hit", a + timedelta(seconds=60), {"entry_id": "t1", "kind": "jargon"})] * 3
    log.append(("hang_up", a + timedelta(minutes=2), {"by": "caller"}))
    return log


def _load(rt: Runtime, calls: int) -> tuple[object, datetime]:
    with rt.unit(admin="bench") as s:
        for n in range(AGENTS + 1):
            role = Role.SUPERVISOR if n == AGENTS else Role.AGENT
            agents.add_agent(s, None, str(1001 + n), "坐席", role, PASSWORD, datetime.now(UTC))
        s.add(Seat(code="bench", location="", active=True))
    boss = rt.login(str(1001 + AGENTS), PASSWORD, "bench")
    stamp = {"job_no": boss.job_no, "delegate_job_no": None, "session_id": boss.session_id}
    now = datetime.now(UTC)
    first = now - timedelta(weeks=8)
    call_rows, event_rows, review_rows = [], [], []
    flow = [FlowEvent(EventKind(k), at, dict(d)) for k, at, d in _log(first)]
    verdicts = json.dumps(compliance.score(flow).verdicts(), sort_keys=True)
    for i in range(calls):
        start = first + (now - first) * i / calls
        cid = str(uuid.uuid4())
        job = str(1001 + i % AGENTS)
        call_rows.append(
            {
                "id": cid,
                "direction": "inbound",
                "channel": "phone",
                "started_at": start,
                "answered_at": start + timedelta(seconds=4),
                "ended_at": start + timedelta(minutes=2, seconds=4),
                "ended_by": "caller",
                "ring_count": 2,
                "state": "done",
                "intent": "inquiry",
                "notes": "",
                "details": "{}",
                "compliance_score": 100 - i % 3 * 12,
                "compliance_verdicts": verdicts,
                "updated_at": now,
                "version": 1,
                **stamp,
                "job_no": job,
            }
        )
        for seq, (kind, at, data) in enumerate(_log(start)):
            event_rows.append(
                {"call_id": cid, "seq": seq, "kind": kind, "at": at, "data": json.dumps(data)}
                | stamp
            )
        if i % 10 == 0:
            review_rows.append(
                {
                    "id": str(uuid.uuid4()),
                    "call_id": cid,
                    "agent_job_no": job,
                    "reason": "sample",
                    "drawn_on": start.date().isoformat(),
                    "call_started_at": start,
                    "created_at": now,
                    "items": json.dumps({"greeting": "pass", "wording": "fail"}),
                    "score": 50,
                    "comment": "",
                    "reviewed_at": now,
                    "reviewer_job_no": boss.job_no,
                    "updated_at": now,
                    "version": 2,
                    **stamp,
                }
            )
    with rt.unit(admin="bench") as s:
        for table, rows in (
            (Call, call_rows),
            (CallEvent, event_rows),
            (QualityReview, review_rows),
        ):
            for k in range(0, len(rows), 5000):
                s.execute(insert(table), rows[k : k + 5000])
    return boss, now


def bench(url: str, args: argparse.Namespace) -> None:
    engine = make_engine(url, use_keyring=False)
    migrate.upgrade(engine)
    rt = Runtime(Database(engine), SystemClock())
    boss, now = _load(rt, args.calls)
    last = now.astimezone(ZONE).date()
    first = last - timedelta(weeks=7)
    for stored in (True, False):
        if not stored:
            with rt.unit(admin="bench") as s:
                s.execute(
                    text("UPDATE calls SET compliance_verdicts = NULL, version = version + 1")
                )
        for who in (None, "1001"):
            times = []
            for _ in range(args.samples):
                t0 = time.perf_counter()
                rt.run(boss, trends.trends, first, last, ZONE, who)  # type: ignore[arg-type]
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            p95 = times[max(0, int(len(times) * 0.95) - 1)]
            print(
                f"{engine.dialect.name}: trends of {who or 'the floor'} over 8 weeks, "
                f"{args.calls} calls, verdicts {'stored' if stored else 'scored again'}: "
                f"median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms"
            )
    rt.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calls", type=int, default=20_000)
    ap.add_argument("--samples", type=int, default=5)
    ap.add_argument("--pg", metavar="URL")
    ap.add_argument("--only", choices=["sqlite", "pg"])
    args = ap.parse_args()
    import tempfile

    if args.only != "pg":
        with tempfile.TemporaryDirectory(prefix="ac-bench-") as d:
            bench(f"sqlite:///{d}/console.db", args)
    if args.only != "sqlite":
        with pg_database(args.pg) as url:
            bench(url, args)


if __name__ == "__main__":
    main()
