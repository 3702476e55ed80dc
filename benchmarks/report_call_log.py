"""Call log PDF benchmark (R6.1): the call log report of N calls, end to end
from rows to file (layout, embedded CJK font, page X of Y), for 10,000 and 20,000 rows
(linear?), beside bare reportlab building the same rows as one table.

    .venv/bin/python benchmarks/report_call_log.py [--rows 10000] [--no-baseline]

No database: the rows are made in memory as ``console.calls.call_log`` returns them, so the
figure is the PDF's cost alone.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from console.calls.call_log import CallLogRow  # noqa: E402
from console.content.dialogue import company  # noqa: E402
from console.printing.printing import Gathered, ReportRequest  # noqa: E402
from reports import kinds, pdf  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
NOTES = ("燃气表不走字,客户要求今天上门处理", "咨询阶梯气价", "IC卡充值后未到账", "")


def rows(n: int) -> list[CallLogRow]:
    start = datetime(2026, 12, 1, tzinfo=UTC)
    return [
        CallLogRow(
            id=f"{i:032x}",
            started_at=start + timedelta(seconds=20 * i),
            ended_at=start + timedelta(seconds=20 * i + 95),
            direction="inbound",
            channel="phone",
            caller_number="139****1234",
            customer_name="张秀英",
            customer_id=i,
            job_no=f"10{i % 30:02d}",
            intent=("repair", "inquiry", "complaint", "other")[i % 4],
            verification="verified",
            state="done",
            compliance_score=None,
            duration_s=95,
            notes_excerpt=NOTES[i % 4],
        )
        for i in range(n)
    ]


def console_report(n: int, folder: Path) -> tuple[float, int, int]:
    data = rows(n)
    req = ReportRequest(
        "call_log", since=data[0].started_at, until=data[-1].started_at + timedelta(seconds=1)
    )
    t = time.perf_counter()
    report = kinds.build(Gathered(req, data, data[-1].started_at, "2001 赵刚"), company(), ZONE)
    footer = pdf.Footer("2001 赵刚", "2026-12-01 18:00", "2026-000001")
    out = pdf.render(report, footer, folder / f"call_log_{n}.pdf")
    return time.perf_counter() - t, out.pages, out.size


def bare_reportlab(n: int, folder: Path) -> float:
    """The naive way: one Table of every row, header repeated, same font and columns."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Table

    font = pdf.font()
    data = [["时间", "工号", "来电号码", "客户", "类别", "状态", "时长", "摘要"]]
    data += [
        [
            r.started_at.astimezone(ZONE).strftime("%Y-%m-%d %H:%M"),
            r.job_no,
            r.caller_number or "",
            r.customer_name or "",
            r.intent or "",
            r.state,
            "1:35",
            r.notes_excerpt,
        ]
        for r in rows(n)
    ]
    t = time.perf_counter()
    doc = SimpleDocTemplate(str(folder / f"bare_{n}.pdf"), pagesize=landscape(A4))
    widths = [w * mm for w in (30, 14, 28, 24, 16, 18, 14, 129)]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle([("FONT", (0, 0), (-1, -1), font, 8)])
    doc.build([table])
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ac-report-") as d:
        folder = Path(d)
        console_report(500, folder)  # warm-up: font registration, imports
        for n in (args.rows, 2 * args.rows):
            seconds, pages, size = console_report(n, folder)
            print(
                f"call log report, {n:,} rows: {seconds:.2f} s, {pages} pages, "
                f"{size / 1e6:.2f} MB   target ≤ 4 s for 10,000",
                flush=True,
            )
        if not args.no_baseline:
            print(
                f"bare reportlab, one table of {args.rows:,} rows: "
                f"{bare_reportlab(args.rows, folder):.2f} s",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
