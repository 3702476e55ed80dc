"""Sample PDFs of every report kind, printed from demo data, for ``docs/reports/``.

    .venv/bin/python scripts/report_samples.py [OUT_DIR]     # default: docs/reports

Loads the demo (2,000 customers, 2,000 history calls over 90 days) into a fresh SQLite
file in a temporary directory, adds a little of today — agent 1001 opens a repair case
and hands over the shift, supervisor 2001 starts an outage notification that agent 1002
works — then produces each kind as the agent who may print it, exactly as the console
and ``main.py report`` do (registered, serial and audit head in the footer), plus a
reprint of the call log to show a copy's 副本 mark. The first page of each is also saved
as PNG (``pdftoppm``, poppler-utils). Dates are today's: run it again to refresh.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ZONE = ZoneInfo("Asia/Shanghai")


def main(out: Path) -> int:
    home = Path(tempfile.mkdtemp(prefix="ac-samples-"))
    os.environ["AGENT_CONSOLE_HOME"] = str(home)  # nothing of the user's is touched
    try:
        return _samples(home, out)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _samples(home: Path, out: Path) -> int:
    from sqlalchemy import func, select

    from cli import demo
    from console.app.startup import open_runtime
    from console.campaigns import campaigns
    from console.cases import cases
    from console.printing import printing
    from console.printing.printing import ReportRequest
    from console.shift import shift
    from db.models import Case, Customer

    rt = open_runtime(f"sqlite:///{home}/console.db")
    demo.load(rt, customers=2000, calls=2000, progress=print)
    agent = rt.login("1001", demo.DEMO_PASSWORD, "坐席01")
    other = rt.login("1002", demo.DEMO_PASSWORD, "坐席02")
    boss = rt.login("2001", demo.DEMO_PASSWORD, "坐席04")
    with rt.unit(admin="samples") as s:
        caller = s.scalars(select(Customer).where(Customer.phone.is_not(None)).limit(1)).one()
        complaint = s.scalars(
            select(Case.case_no).where(Case.kind == "complaint").order_by(Case.opened_at.desc())
        ).first()
        community = s.execute(  # the biggest: a long list, some without a phone
            select(Customer.community)
            .group_by(Customer.community)
            .order_by(func.count().desc(), Customer.community)
            .limit(1)
        ).scalar_one()

    # Today: a repair case still with the department, and the agent's handover.
    repair = rt.run(
        agent,
        cases.open_case,
        cases.new_case_id(),
        "repair",
        "燃气表不走字,用户要求尽快上门",
        customer_id=caller.id,
        caller_number=caller.phone,
    )
    rt.run(agent, cases.dispatch, repair.id, "REPAIR", repair.version, "维修部已接单")
    # An outage notice: one community, a few of its customers called.
    campaign = rt.run(
        boss,
        campaigns.create,
        str(uuid.uuid4()),
        "emergency",
        f"{community}抢修停气",
        "燃气管道抢修",
        [campaigns.AreaNode(community)],
        restore_expected_at=datetime.now(ZONE) + timedelta(hours=6),
    )
    for result in ("notified", "notified", "not_reached", "wrong_number", "notified"):
        target = rt.run(other, campaigns.claim_next, campaign.id)
        if target is None:
            break
        rt.run(other, campaigns.record_result, campaign.id, target.customer_id, result)

    # The handover at the end: it lists the repair and the outage notice.
    handover = rt.run(
        agent,
        shift.hand_over,
        str(uuid.uuid4()),
        "1. 停气通知任务已开始,请继续拨打未通知用户。\n2. 坐席03耳麦右耳有杂音,已报修。",
        zone=ZONE,
    )
    now = datetime.now(ZONE)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    tomorrow = midnight + timedelta(days=1)
    week = ReportRequest("call_log", since=midnight - timedelta(days=6), until=tomorrow)
    asked = [
        (agent, week),
        (
            boss,
            ReportRequest(
                "complaint_register", since=midnight - timedelta(days=29), until=tomorrow
            ),
        ),
        (boss, ReportRequest("callback_log", since=midnight - timedelta(days=6), until=tomorrow)),
        (boss, ReportRequest("case", case_no=complaint)),
        (agent, ReportRequest("handover", handover_id=handover.id)),
        (boss, ReportRequest("kpi", since=midnight - timedelta(days=29), until=tomorrow)),
        (boss, ReportRequest("campaign", campaign_id=campaign.id)),
        (boss, _quality_sample(rt, boss, midnight)),
    ]
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for ctx, req in asked:
        path = out / f"{req.kind}.pdf"
        entry = printing.produce(partial(rt.run, ctx), req, path, zone=ZONE)
        made.append((path, entry))
    first = made[0][1]
    copy = printing.reprint(
        partial(rt.run, boss), first.serial, out / "call_log_copy.pdf", zone=ZONE
    )
    made.append((out / "call_log_copy.pdf", copy))
    registry = ReportRequest("registry", since=midnight, until=tomorrow)
    made.append(
        (
            out / "registry.pdf",
            printing.produce(partial(rt.run, boss), registry, out / "registry.pdf", zone=ZONE),
        )
    )
    rt.close()
    for path, entry in made:
        os.chmod(path, 0o644)  # documentation, not a registered customer record
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(path),
                str(path.with_suffix("")),
            ],
            check=True,
        )
        print(f"{path.name}\t{entry.serial}\t{entry.pages} page(s)")
    return 0


def _quality_sample(rt: Any, boss: Any, midnight: datetime) -> Any:
    """Four weeks of 质检: each day's draw, and the supervisor reviewing a dozen calls
    (the wording item judged not met on every third), then the trend of the floor."""
    from console.content import content
    from console.printing.printing import ReportRequest
    from console.quality import reviews

    for days in range(27, 0, -1):
        rt.run(boss, reviews.draw, (midnight - timedelta(days=days)).date(), ZONE)
    codes = [i.code for i in content.shipped().get(content.QUALITY).checklist]
    for n in range(12):
        item = rt.run(boss, reviews.claim_next)
        if item is None:
            break
        verdicts = {c: "fail" if c == "wording" and n % 3 == 0 else "pass" for c in codes}
        rt.run(boss, reviews.save_review, item.id, verdicts, "", item.version)
    return ReportRequest(
        "quality_trends", since=midnight - timedelta(days=27), until=midnight + timedelta(days=1)
    )


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "reports"))
