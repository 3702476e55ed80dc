"""Knowledge search benchmark (R2.17): ``knowledge.search`` over N articles
(default 10,000: the shipped answers plus generated ones of realistic length), for
two-character words (a plain scan), longer words (FTS5 trigram / pg_trgm) and two words.

    .venv/bin/python benchmarks/knowledge.py [--articles 10000] [--samples 50]
        [--pg URL] [--only sqlite|pg]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sqlalchemy import insert, text  # noqa: E402

from benchmarks import common  # noqa: E402
from cli import demo  # noqa: E402
from console.app.runtime import Runtime  # noqa: E402
from console.content import knowledge  # noqa: E402
from console.core.clock import SystemClock  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import Database, make_engine  # noqa: E402
from db.models import KnowledgeArticle  # noqa: E402

QUERIES = ("报装", "电池", "安全用气", "IC卡", "燃气味 通风", "阶梯气价")
WORDS = [
    "燃气",
    "用户",
    "安全",
    "维修",
    "阀门",
    "灶具",
    "胶管",
    "表具",
    "缴费",
    "营业厅",
    "热线",
    "上门",
    "检查",
    "通风",
    "管道",
    "更换",
    "预约",
]


def _generated(n: int) -> list[dict[str, object]]:
    r = random.Random(7)
    now = datetime.now(UTC)
    rows = []
    for i in range(n):
        body = ",".join(r.choice(WORDS) + r.choice(WORDS) for _ in range(60))
        rows.append(
            {
                "slug": f"gen-{i:06d}",
                "category": r.choice(("报装", "安全用气", "IC卡", "维修", "政策")),
                "title": f"{r.choice(WORDS)}{r.choice(WORDS)}问题 {i}",
                "keywords": " ".join(r.sample(WORDS, 4)),
                "body": body,
                "clause": "",
                "updated_at": now,
                "updated_by": "bench",
            }
        )
    return rows


def bench(url: str, args: argparse.Namespace) -> None:
    engine = make_engine(url, use_keyring=False)
    migrate.upgrade(engine)
    rt = Runtime(Database(engine), SystemClock())
    demo.load(rt, customers=0)  # agents, and the shipped answers
    with rt.unit(admin="bench") as s:
        rows = _generated(args.articles - 13)
        for i in range(0, len(rows), 1000):
            s.execute(insert(KnowledgeArticle), rows[i : i + 1000])
    if engine.dialect.name == "postgresql":  # as autovacuum would after a bulk import
        with engine.connect() as c:
            c.execute(text("ANALYZE kb_articles"))
            c.commit()
    ctx = rt.login("1001", demo.DEMO_PASSWORD, "坐席01")
    print(f"-- {engine.dialect.name}: {args.articles:,} articles", flush=True)
    for q in QUERIES:
        for _ in range(3):
            rt.run(ctx, knowledge.search, q)
        samples = []
        for _ in range(args.samples):
            t = time.perf_counter()
            found = rt.run(ctx, knowledge.search, q)
            samples.append((time.perf_counter() - t) * 1000)
        samples.sort()
        p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
        print(
            f"   {q:10} median {statistics.median(samples):6.2f} ms   p95 {p95:6.2f} ms"
            f"   first: {found[0].title if found else '-'}",
            flush=True,
        )
    rt.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--samples", type=int, default=50)
    ap.add_argument("--pg", metavar="URL")
    ap.add_argument("--only", choices=["sqlite", "pg"])
    common.on_both(bench, ap.parse_args())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
