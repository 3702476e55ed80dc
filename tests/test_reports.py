"""Printed reports and the print registry (R6.1–R6.3, R6.5), on SQLite and
PostgreSQL: each kind's PDF, read back, holds the database's rows and totals with Chinese
headers and no internal identifiers; every page carries the title, the period, the
registry serial, "page X of Y" and the audit chain's head at print time; a reprint is a
copy marked 副本 on every page and a reprint of another kind is refused; column headers
fit their columns; a cancelled report leaves no file and no entry; the CJK font is
embedded; deleting the newest audit entries is caught by ``audit verify``."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from sqlalchemy import create_engine, exc, text

from console.app.runtime import Runtime
from console.calls import calls
from console.calls.calls import CallFields
from console.campaigns import campaigns
from console.core import audit, checks, unit
from console.core.errors import UserFacingError
from console.core.identity import AgentContext
from console.people import auth
from console.printing import printing
from console.printing.printing import ReportRequest
from console.shift import shift
from reports import inputs, kinds, pdf
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import admin_sql, audit_kinds, customer, report_floor

ZONE = ZoneInfo("Asia/Shanghai")
ROOT = Path(__file__).resolve().parents[1]
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
HEAD = re.compile(r"审计链头:第 (\d+) 条 ([0-9a-f]{64})")
TITLES = {
    "call_log": "来电记录",
    "complaint_register": "投诉意见登记表",
    "callback_log": "回访记录",
    "case": "工单处理记录",
    "handover": "交接班记录",
    "kpi": "服务质量指标汇总",
    "registry": "报表打印登记簿",
    "campaign": "停气通知结果",
}


def _pages(path: Path) -> list[str]:
    """Each page's text as laid out (pdftotext -layout): a table row is one line."""
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout.split("\f")[:-1]


def _text(path: Path) -> str:
    return "\n".join(_pages(path))


def _line(text: str, *parts: str) -> str:
    """The line that holds every part, in that order (a table row); spaces aside, as
    text extraction puts them where it sees gaps."""
    for line in text.splitlines():
        line = "".join(line.split())
        at = 0
        for part in ("".join(p.split()) for p in parts):
            at = line.find(part, at)
            if at < 0:
                break
            at += len(part)
        else:
            return line
    raise AssertionError(f"no line with {parts!r}")


def _local(moment: datetime | str) -> str:
    if isinstance(moment, str):  # SQLite hands text back from raw SQL
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(ZONE).strftime("%Y-%m-%d %H:%M")


def _now(rt: Runtime, ctx: AgentContext) -> datetime:
    now: datetime = rt.run(ctx, lambda s, _c: unit.db_now(s))
    return now


def _no_internal_identifiers(text: str) -> None:
    """No UUIDs, no stored codes (``progress_notice``, ``inquiry_sample``, ``case``…):
    apart from the audit head's hash, a printed page has no Latin words at all."""
    without_head = HEAD.sub("", text)
    assert not UUID.search(without_head), UUID.search(without_head)
    assert re.findall(r"[A-Za-z][A-Za-z_]+", without_head) == []


def _every_page(path: Path, title: str, serial: str) -> list[str]:
    """The title, the registry serial, page X of Y and the audit head on every page."""
    pages = _pages(path)
    assert pages
    for n, page in enumerate(pages, 1):
        assert title in page, f"page {n} has no title"
        assert f"登记号: {serial}" in page and "打印人: " in page
        assert re.search(rf"第\s*{n}\s*页\s*/\s*共\s*{len(pages)}\s*页", page), page[-300:]
        assert HEAD.search(page), f"page {n} has no audit head"
    return pages


def _common(text: str, serial: str, title: str) -> None:
    assert "泰安安泰燃气有限公司" in text and "客户服务中心" in text and title in text
    assert f"登记号: {serial}" in text and "打印人: " in text
    _no_internal_identifiers(text)


@pytest.fixture
def floor(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> tuple[AgentContext, AgentContext]:
    return report_floor(rt, admin_rt, make_agent)


def _produce(
    rt: Runtime, ctx: AgentContext, req: ReportRequest, path: Path, **kw: Any
) -> printing.PrintEntry:
    return printing.produce(rt.runner(lambda: ctx), req, path, zone=ZONE, **kw)


def _today(rt: Runtime, ctx: AgentContext, kind: str, **kw: Any) -> ReportRequest:
    now = _now(rt, ctx)
    return ReportRequest(kind, since=now - timedelta(days=1), until=now + timedelta(hours=1), **kw)


def _case_nos(admin_rt: Runtime) -> dict[str, str]:
    return dict(admin_sql(admin_rt, "SELECT kind, case_no FROM cases"))


def _check_call_log(text: str, admin_rt: Runtime, job_no: str | None = None) -> None:
    """Every call of the database on its row — time, 工号, 来电/去电/来访, masked
    number, duration — and the totals: the count and the talk time in hours."""
    rows = admin_sql(
        admin_rt,
        "SELECT started_at, ended_at, job_no, direction, channel, caller_number FROM calls",
    )
    how = {"inbound": "来电", "outbound": "去电"}
    total = 0
    for started, ended, job, direction, channel, number in rows:
        if job_no is not None and job != job_no:
            continue
        seconds = int(
            (
                datetime.fromisoformat(str(ended)) - datetime.fromisoformat(str(started))
            ).total_seconds()
        )
        total += seconds
        mark = "来访" if channel == "visit" else how[direction]
        shown = f"{number[:3]}****{number[-4:]}" if number else ""
        duration = f"{seconds // 60}:{seconds % 60:02d}"
        assert _line(text, _local(started), job, mark, shown, duration)
    hours, rest = divmod(total, 3600)
    expected = (
        f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
    )
    assert _line(text, "合计", expected, f"{len(rows)} 条")


def test_every_kind_prints_the_databases_rows_and_totals(
    rt: Runtime,
    admin_rt: Runtime,
    floor: tuple[AgentContext, AgentContext],
    tmp_path: Path,
) -> None:
    agent, boss = floor
    numbers = _case_nos(admin_rt)
    out = tmp_path / "call_log.pdf"
    e = _produce(rt, agent, _today(rt, agent, "call_log"), out)
    text = _text(out)
    _common(text, e.serial, "来电记录")
    header = _line(text, "时间", "工号", "方式", "号码", "客户", "类别", "状态", "时长", "摘要")
    assert "来电号码" not in header  # outbound calls and visits have no caller
    _check_call_log(text, admin_rt)
    assert _line(text, "去电", "139****0001", "回访", "投诉回访:用户满意")
    assert _line(text, "来访", "咨询", "来访咨询报装")
    assert "坐席工号:1001" in text and "审核人" in text  # an agent's log: their own calls

    k = _produce(rt, boss, _today(rt, boss, "complaint_register"), tmp_path / "k.pdf")
    text = _text(tmp_path / "k.pdf")
    _common(text, k.serial, "投诉意见登记表")
    assert _line(text, "工单号", "登记时间", "首问责任人", "答复时间", "72小时内", "处理结果")
    [(opened, replied)] = admin_sql(
        admin_rt,
        "SELECT c.opened_at, e.at FROM cases c JOIN case_events e ON e.case_id = c.id "
        "WHERE c.kind = 'complaint' AND e.kind = 'callback'",
    )
    assert _line(
        text,
        numbers["complaint"],
        _local(opened),
        "王秀兰",
        "139****0001",
        "抄表员态度差",
        "客服中心",
        "1001",
        _local(replied),
        "是",
        "已上门道歉",
        "满意",
    )
    assert _line(text, "合计", "1 条", "1", "1")  # one replied, one within 72 h

    cb = _produce(rt, boss, _today(rt, boss, "callback_log"), tmp_path / "cb.pdf")
    text = _text(tmp_path / "cb.pdf")
    _common(text, cb.serial, "回访记录")
    [(done_at, attempts)] = admin_sql(admin_rt, "SELECT done_at, attempts FROM callbacks")
    assert _line(text, _local(done_at), "1001", "工单回访", "王秀兰", "139****0001", str(attempts))
    assert _line(text, "满意", numbers["complaint"], "投诉 · 抄表员态度差")
    assert _line(text, "合计", "满意 1", "1 条")

    c = _produce(rt, agent, ReportRequest("case", case_no=numbers["complaint"]), tmp_path / "c.pdf")
    text = _text(tmp_path / "c.pdf")
    _common(text, c.serial, "工单处理记录")
    assert _line(text, "工单号", numbers["complaint"])
    for title in ("投诉处理进度告知", "投诉答复"):  # the clocks by the policy's titles
        assert _line(text, title, "已完成")
    events = admin_sql(
        admin_rt,
        "SELECT e.at, e.kind FROM case_events e JOIN cases c ON c.id = e.case_id "
        "WHERE c.kind = 'complaint' ORDER BY e.seq",
    )
    said = {"opened": "受理", "dispatched": "派单", "done": "承办部门办结", "callback": "回访"}
    said |= {"closed": "结案", "archived": "归档投诉登记"}
    for at, kind in events:
        assert _line(text, _local(at), "1001", said[kind])
    assert _line(text, "派单", "客服中心") and _line(text, "回访", "满意")

    h = rt.run(agent, shift.hand_over, str(uuid.uuid4()), "交班备注:阳光小区停气", zone=ZONE)
    ho = _produce(rt, agent, ReportRequest("handover", handover_id=h.id), tmp_path / "h.pdf")
    text = _text(tmp_path / "h.pdf")
    _common(text, ho.serial, "交接班记录")
    assert "交班备注:阳光小区停气" in text and "接班人" in text
    assert f"来电 {h.summary.calls} 通,接听 {h.summary.answered} 通" in text
    [due] = h.summary.cases_due  # the repair still with the department
    assert _line(text, _local(due.due_at), numbers["repair"], due.clock, "报修", "燃气表不走字")
    for caption in ("待回访", "未结抢险", "设备问题", "停气通知任务"):  # nothing: 无, not blank
        section = text.split(caption, 1)[1].lstrip().splitlines()
        assert "无" in " ".join(section[:3]), caption

    kp = _produce(rt, boss, _today(rt, boss, "kpi"), tmp_path / "kpi.pdf")
    text = _text(tmp_path / "kpi.pdf")
    _common(text, kp.serial, "服务质量指标汇总")
    # Three inbound phone calls (the visit and the callback call are not), each answered
    # on the first ring; one callback done.
    assert _line(text, "3声内接听率", "100.0% (3/3)") and _line(text, "完成回访", "1")

    reg = _produce(rt, boss, _today(rt, boss, "registry"), tmp_path / "reg.pdf")
    text = _text(tmp_path / "reg.pdf")
    _common(text, reg.serial, "报表打印登记簿")
    for earlier in (e, k, cb, c, ho, kp):
        assert _line(text, earlier.serial, TITLES[earlier.kind])
    assert _line(text, c.serial, f"工单号:{numbers['complaint']}")  # the case by its number
    assert _line(text, "合计", "6 条") and "客服中心资料管理员" in text


def test_a_long_call_log_has_its_title_and_period_on_every_page_and_hours_in_total(
    rt: Runtime,
    admin_rt: Runtime,
    floor: tuple[AgentContext, AgentContext],
    tmp_path: Path,
) -> None:
    agent, _boss = floor
    now = _now(rt, agent)
    for i in range(70):  # three pages, 70 × 20 min: hours of talk in total
        at = now - timedelta(hours=2, seconds=30 * i)
        c = rt.run(
            agent, calls.start_call, checks.new_call_id(), "13912340001", "inbound", "phone", at
        )
        fields = CallFields(state="done", answered_at=at, intent="repair", notes=f"报修{i}")
        end = at + timedelta(minutes=20)
        rt.run(agent, calls.finish_call, c.id, fields, c.version, end, "caller")
    out = tmp_path / "long.pdf"
    e = _produce(rt, agent, _today(rt, agent, "call_log"), out)
    pages = _every_page(out, "来电记录", e.serial)
    assert len(pages) >= 3
    since = _local(now - timedelta(days=1))
    for page in pages:  # the period (and the agent filter) head every page
        assert f"期间:{since}" in page and "坐席工号:1001" in page
    _check_call_log("\n".join(pages), admin_rt)
    assert _line("\n".join(pages), "合计", "23:")  # 70 × 20 min and the floor's calls


def test_a_reprint_is_a_marked_copy_and_another_kind_is_refused(
    rt: Runtime, floor: tuple[AgentContext, AgentContext], tmp_path: Path
) -> None:
    agent, boss = floor
    first = tmp_path / "first.pdf"
    e = _produce(rt, agent, _today(rt, agent, "call_log"), first, action="print", copies=2)
    assert e.sha256 == hashlib.sha256(first.read_bytes()).hexdigest()
    assert (e.kind, e.action, e.copies, e.job_no, e.copy_of) == (
        "call_log",
        "print",
        2,
        "1001",
        None,
    )
    assert e.pages == len(PdfReader(str(first)).pages)
    assert re.fullmatch(r"\d{4}-\d{6}", e.serial)
    assert all("副本" not in page for page in _pages(first))
    run = rt.runner(lambda: agent)
    again = printing.reprint(run, e.serial, tmp_path / "copy.pdf", zone=ZONE, kind="call_log")
    assert again.copy_of == e.serial and again.serial != e.serial
    for page in _every_page(tmp_path / "copy.pdf", "来电记录", again.serial):
        assert page.lstrip().startswith("副本") or "副本" in page.splitlines()[0]
        assert f"副本,原件登记号 {e.serial}" in page
    # A supervisor's copy of the agent's log holds the agent's calls, not everyone's.
    boss_run = rt.runner(lambda: boss)
    theirs = printing.reprint(boss_run, e.serial, tmp_path / "boss.pdf", zone=ZONE)
    assert theirs.copy_of == e.serial and theirs.filters["job_no"] == "1001"
    assert "坐席工号:1001" in _text(tmp_path / "boss.pdf")
    # A copy of a copy names the original, not the copy.
    third = printing.reprint(run, again.serial, tmp_path / "c2.pdf", zone=ZONE)
    assert third.copy_of == e.serial
    # Asking for a KPI summary "copy" of a call log is refused, not answered with a call log.
    with pytest.raises(UserFacingError, match="report.reprint_other_kind"):
        printing.reprint(run, e.serial, tmp_path / "kpi.pdf", zone=ZONE, kind="kpi")
    assert not (tmp_path / "kpi.pdf").exists()
    [listed] = [
        x
        for x in rt.run(
            boss,
            printing.registry,
            e.printed_at - timedelta(seconds=1),
            e.printed_at + timedelta(hours=1),
        )
        if x.serial == e.serial
    ]
    assert listed == e
    assert audit_kinds(rt).count("report.printed") == 4  # the original and three copies


def _layouts(rt: Runtime, admin_rt: Runtime, agent: AgentContext, boss: AgentContext) -> Any:
    """Every kind's layout as built from this database's rows."""
    h = rt.run(agent, shift.hand_over, str(uuid.uuid4()), "", zone=ZONE)
    c = rt.run(
        boss,
        campaigns.create,
        str(uuid.uuid4()),
        "emergency",
        "抢修",
        "抢修",
        [campaigns.AreaNode("泰山花园")],
    )
    numbers = _case_nos(admin_rt)
    requests = {
        "call_log": (agent, _today(rt, agent, "call_log")),
        "complaint_register": (boss, _today(rt, boss, "complaint_register")),
        "callback_log": (boss, _today(rt, boss, "callback_log")),
        "case": (agent, ReportRequest("case", case_no=numbers["complaint"])),
        "handover": (agent, ReportRequest("handover", handover_id=h.id)),
        "kpi": (boss, _today(rt, boss, "kpi")),
        "registry": (boss, _today(rt, boss, "registry")),
        "campaign": (boss, ReportRequest("campaign", campaign_id=c.id)),
        "quality_trends": (boss, _today(rt, boss, "quality_trends")),
    }
    letterhead = inputs.Letterhead("泰安安泰燃气有限公司", "客户服务中心")
    for kind, (ctx, req) in requests.items():
        gathered = rt.run(ctx, printing.gather, req)
        yield kind, kinds.build(gathered.data, letterhead, ZONE)


def test_every_column_header_fits_its_column_and_every_table_the_page(
    rt: Runtime, admin_rt: Runtime, floor: tuple[AgentContext, AgentContext]
) -> None:
    """The header text, set in the report font, is no wider than its column less the
    cell padding (首问责任人 once ran into 答复时间); the columns fit the frame."""
    agent, boss = floor
    seen = set()
    for kind, report in _layouts(rt, admin_rt, agent, boss):
        seen.add(kind)
        frame = (297 if report.landscape else 210) - 24  # mm, A4 less the margins
        for section in report.sections:
            if not isinstance(section, pdf.TableSection):
                continue
            assert sum(c.width for c in section.columns) <= frame + 0.01, (kind, section.caption)
            for column in section.columns:
                room = column.width * mm - 2 * pdf.CELL_PADDING
                assert pdf.text_width(column.title) <= room, (kind, column.title)
    assert seen == set(printing.REPORTS)


def test_the_audit_head_on_every_page_is_the_chain_head_at_print_time(
    rt: Runtime,
    admin_rt: Runtime,
    floor: tuple[AgentContext, AgentContext],
    tmp_path: Path,
    test_db: TestDb,
) -> None:
    """Tamper evidence on paper: the page and the registry carry the chain's head at
    print time; deleting the newest audit entries (as the database superuser can) leaves
    a chain that still links, and ``audit verify`` fails on the heads printed since."""
    agent, _boss = floor
    with admin_rt.unit(admin="test") as s:
        before = audit.head(s)
    out = tmp_path / "log.pdf"
    e = _produce(rt, agent, _today(rt, agent, "call_log"), out)
    if test_db.kind == "pg":
        # There the head is a seal made at print time (several chains, revision 0025).
        assert e.audit_head is not None
        [(kind,)] = admin_sql(
            admin_rt, "SELECT kind FROM audit_log WHERE id = :i", i=e.audit_head.entry_id
        )
        assert kind == "audit.sealed" and e.audit_head.entry_id > before.entry_id
        before = e.audit_head
    for page in _every_page(out, "来电记录", e.serial):
        m = HEAD.search(page)
        assert m is not None and (int(m.group(1)), m.group(2)) == (before.entry_id, before.hash)
    assert e.audit_head == before
    [(head_id, head_hash)] = admin_sql(
        admin_rt, "SELECT audit_head_id, audit_head_hash FROM print_registry"
    )
    assert (head_id, head_hash) == (before.entry_id, before.hash)
    # The report's own audit entry comes after the head it printed.
    [(kind, payload)] = admin_sql(
        admin_rt, "SELECT kind, payload FROM audit_log WHERE id > :i", i=before.entry_id
    )
    assert kind == "report.exported" and json.loads(payload)["serial"] == e.serial
    with admin_rt.unit(admin="test") as s:
        report = audit.verify(s)
    assert report.intact and report.heads_checked == 1

    # The superuser removes the newest entries: what is left is still a chain.
    engine = create_engine(test_db.admin_url)
    with engine.begin() as c:
        if test_db.kind == "pg":
            c.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_immutable"))
        else:
            c.execute(text("DROP TRIGGER audit_log_no_delete"))
        c.execute(text("DELETE FROM audit_log WHERE id >= :i"), {"i": before.entry_id})
    engine.dispose()
    with admin_rt.unit(admin="test") as s:
        report = audit.verify(s)
        assert report.head_id < before.entry_id  # the chain alone still links
    assert not report.intact and report.broken_id == before.entry_id
    assert report.missing_head is not None and report.missing_head.printed_on == e.serial
    cli = subprocess.run(
        [sys.executable, "main.py", "--db", test_db.admin_url, "audit", "verify"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert cli.returncode == 1 and e.serial in cli.stdout and str(before.entry_id) in cli.stdout

    # Had the registry's entry gone too, the page itself still tells: its footer's head.
    engine = create_engine(test_db.admin_url)
    with engine.begin() as c:
        if test_db.kind == "pg":
            c.execute(text("ALTER TABLE print_registry DISABLE TRIGGER print_registry_immutable"))
        else:
            c.execute(text("DROP TRIGGER print_registry_no_delete"))
        c.execute(text("DELETE FROM print_registry"))
    engine.dispose()
    with admin_rt.unit(admin="test") as s:
        assert audit.verify(s).intact  # nothing left in the database to compare with
    m = HEAD.search(_pages(out)[0])
    assert m is not None
    paper = subprocess.run(
        [
            sys.executable,
            "main.py",
            "--db",
            test_db.admin_url,
            "audit",
            "verify",
            "--head",
            f"{m.group(1)}:{m.group(2)}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert paper.returncode == 1 and f"entry {before.entry_id}" in paper.stdout


def test_a_page_cannot_name_a_head_the_chain_does_not_hold(
    rt: Runtime, floor: tuple[AgentContext, AgentContext]
) -> None:
    agent, _boss = floor
    req = _today(rt, agent, "call_log")
    serial = rt.run(agent, printing.reserve_serial)
    made_up = audit.Head(1, "0" * 64)
    with pytest.raises((UserFacingError, exc.DatabaseError)):
        rt.run(
            agent,
            printing.register,
            serial,
            req,
            "来电记录",
            "export",
            1,
            1,
            "a" * 64,
            None,
            "",
            made_up,
        )


def test_roles_decide_who_prints_what(
    rt: Runtime, floor: tuple[AgentContext, AgentContext], tmp_path: Path
) -> None:
    agent, boss = floor
    for kind in ("complaint_register", "callback_log", "kpi", "registry"):
        with pytest.raises(UserFacingError, match="role.denied"):
            _produce(rt, agent, _today(rt, agent, kind), tmp_path / f"{kind}.pdf")
        assert not (tmp_path / f"{kind}.pdf").exists()
    # An agent's call log is their own, whatever they ask for.
    with pytest.raises(UserFacingError):
        _produce(rt, agent, _today(rt, agent, "call_log", job_no="2001"), tmp_path / "x.pdf")
    with pytest.raises(UserFacingError, match="input.bad_period"):
        now = _now(rt, boss)
        _produce(
            rt,
            boss,
            ReportRequest("kpi", since=now, until=now - timedelta(days=1)),
            tmp_path / "y.pdf",
        )
    for req, message in (
        (ReportRequest("case"), "report.case_required"),
        (ReportRequest("case", case_no="12-34-56"), "case.bad_number"),
        (ReportRequest("case", case_no="G1999-00001"), "case.no_such_number"),
        (ReportRequest("handover"), "report.handover_required"),
    ):
        with pytest.raises(UserFacingError, match=message):
            _produce(rt, agent, req, tmp_path / "z.pdf")
    assert (
        rt.run(
            boss,
            printing.registry,
            _now(rt, boss) - timedelta(days=1),
            _now(rt, boss) + timedelta(hours=1),
        )
        == []
    )


def test_a_cancelled_report_leaves_no_file_and_no_entry(
    rt: Runtime, admin_rt: Runtime, floor: tuple[AgentContext, AgentContext], tmp_path: Path
) -> None:
    agent, boss = floor
    now = _now(rt, agent)
    for i in range(40):  # enough rows for several pages
        at = now - timedelta(minutes=10 + i)
        c = rt.run(
            agent, calls.start_call, checks.new_call_id(), "13912340001", "inbound", "phone", at
        )
        rt.run(
            agent,
            calls.finish_call,
            c.id,
            CallFields(state="done", answered_at=at),
            c.version,
            at + timedelta(seconds=30),
            "agent",
        )
    pages: list[int] = []
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "cancelled.pdf"
    with pytest.raises(pdf.Cancelled):
        _produce(
            rt,
            agent,
            _today(rt, agent, "call_log"),
            out,
            cancelled=lambda: len(pages) >= 1,
            progress=pages.append,
        )
    assert not out.exists() and list(folder.iterdir()) == []  # no partial, no temp file
    assert rt.run(boss, printing.registry, now - timedelta(days=1), now + timedelta(hours=1)) == []
    assert "report.cancelled" in audit_kinds(rt)  # why the serial is missing
    # The next report takes the next serial: the cancelled one is never reused.
    done = _produce(rt, agent, _today(rt, agent, "call_log"), out)
    assert done.serial.endswith("000002")


def test_the_registry_refuses_changes_even_from_the_owner(
    rt: Runtime, admin_rt: Runtime, floor: tuple[AgentContext, AgentContext], tmp_path: Path
) -> None:
    agent, _boss = floor
    e = _produce(rt, agent, _today(rt, agent, "call_log"), tmp_path / "a.pdf")
    for sql in (
        "UPDATE print_registry SET copies = 9",
        "UPDATE print_registry SET audit_head_id = 1",
        "DELETE FROM print_registry",
        "UPDATE report_serials SET last = 0",
        "UPDATE case_serials SET last = 0",
        "UPDATE cases SET case_no = 'G2026-99999', version = version + 1",
    ):
        with pytest.raises((exc.DatabaseError, UserFacingError)):
            admin_sql(admin_rt, sql)
    assert admin_sql(admin_rt, "SELECT copies FROM print_registry") == [(1,)]
    assert e.serial.endswith("000001")


def test_the_cjk_font_is_embedded_and_the_page_renders(
    rt: Runtime, floor: tuple[AgentContext, AgentContext], tmp_path: Path
) -> None:
    agent, _boss = floor
    out = tmp_path / "r.pdf"
    _produce(rt, agent, _today(rt, agent, "call_log"), out)
    assert pdf.font_embedded()
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    cjk = [line for line in fonts.stdout.splitlines() if "WenQuanYi" in line]
    assert cjk and cjk[0].split()[-5:-3] == ["yes", "yes"]  # embedded, subset
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")],
        check=True,
    )
    [png] = list(tmp_path.glob("p*.png"))
    assert png.stat().st_size > 5_000  # a page with text on it, not a blank


def _cli(test_db: TestDb, *args: str, job_no: str, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            test_db.url,
            "--seat",
            "坐席01",  # a registered seat: the command signs in at this workstation's
            "report",
            *args,
            "--as",
            job_no,
            "--password-stdin",
            "-o",
            str(out),
        ],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_every_kind_from_the_command_line(
    test_db: TestDb,
    rt: Runtime,
    admin_rt: Runtime,
    floor: tuple[AgentContext, AgentContext],
    tmp_path: Path,
) -> None:
    agent, boss = floor
    handover = rt.run(agent, shift.hand_over, str(uuid.uuid4()), "交班备注:无异常", zone=ZONE)
    campaign = rt.run(
        boss,
        campaigns.create,
        str(uuid.uuid4()),
        "emergency",
        "泰山花园抢修停气",
        "燃气管道抢修",
        [campaigns.AreaNode("泰山花园")],
    )
    rt.run(agent, auth.logout)  # the command signs in itself
    rt.run(boss, auth.logout)
    today = _now(rt, agent).astimezone(ZONE).date()
    days = ("--since", (today - timedelta(days=1)).isoformat(), "--until", today.isoformat())
    numbers = _case_nos(admin_rt)
    asked = {
        "call_log": ("1001", days),
        "complaint_register": ("2001", days),
        "callback_log": ("2001", days),
        "case": ("1001", ("--case", numbers["complaint"].lower().replace("-", ""))),
        "handover": ("1001", ("--handover", handover.id)),
        "kpi": ("2001", days),
        "campaign": ("2001", ("--campaign", campaign.id)),
        "registry": ("2001", days),
    }
    serials = {}
    for kind, (job_no, flags) in asked.items():
        out = tmp_path / f"{kind}.pdf"
        done = _cli(test_db, kind, *flags, job_no=job_no, out=out)
        assert done.returncode == 0, done.stderr
        serial, pages, path = done.stdout.split("\t")[:3]
        assert Path(path.strip()) == out and int(pages) == len(_pages(out))
        for page in _every_page(out, TITLES[kind], serial):
            _no_internal_identifiers(page)
        serials[kind] = serial
    # What each one read, against the database.
    _check_call_log(_text(tmp_path / "call_log.pdf"), admin_rt, job_no="1001")
    assert _line(_text(tmp_path / "complaint_register.pdf"), numbers["complaint"], "王秀兰")
    assert _line(_text(tmp_path / "callback_log.pdf"), "工单回访", numbers["complaint"])
    case = _text(tmp_path / "case.pdf")
    assert _line(case, "工单号", numbers["complaint"]) and _line(case, "派单", "客服中心")
    assert _line(_text(tmp_path / "handover.pdf"), numbers["repair"], "燃气表不走字")
    assert _line(_text(tmp_path / "kpi.pdf"), "来电总数", "3")
    assert "共 1 户,已通知 0 户,未通知 1 户,无联系方式 0 户" in _text(tmp_path / "campaign.pdf")
    registry = _text(tmp_path / "registry.pdf")
    for kind, serial in serials.items():
        if kind != "registry":
            assert _line(registry, serial, TITLES[kind])
    rows = admin_sql(admin_rt, "SELECT serial, kind, sha256 FROM print_registry ORDER BY serial")
    assert [(s, k) for s, k, _h in rows] == [(serials[k], k) for k in asked]
    for _serial, kind, digest in rows:  # the registry holds each file's SHA-256
        assert hashlib.sha256((tmp_path / f"{kind}.pdf").read_bytes()).hexdigest() == digest


def test_the_command_line_names_its_flags_and_refuses_a_mismatched_reprint(
    test_db: TestDb,
    rt: Runtime,
    floor: tuple[AgentContext, AgentContext],
    tmp_path: Path,
) -> None:
    agent, boss = floor
    rt.run(agent, auth.logout)
    rt.run(boss, auth.logout)
    for kind, flag in (("case", "--case"), ("handover", "--handover"), ("campaign", "--campaign")):
        done = _cli(test_db, kind, job_no="2001", out=tmp_path / "x.pdf")
        assert done.returncode == 2 and flag in done.stderr, done.stderr
        assert "_id" not in done.stderr and "Traceback" not in done.stderr
    bad = _cli(test_db, "call_log", "--since", "2026-13-01", job_no="1001", out=tmp_path / "x.pdf")
    assert bad.returncode == 2 and "--since" in bad.stderr
    refused = _cli(test_db, "kpi", job_no="1001", out=tmp_path / "no.pdf")
    # The role it needs, in the reader's language (not the English "supervisor").
    assert refused.returncode == 2 and "需要:值班经理" in refused.stderr
    log = _cli(test_db, "call_log", job_no="1001", out=tmp_path / "log.pdf")
    serial = log.stdout.split("\t")[0]
    # `report kpi --reprint` of a call log's serial: refused, no file, not a call log.
    mismatch = _cli(test_db, "kpi", "--reprint", serial, job_no="2001", out=tmp_path / "k.pdf")
    assert mismatch.returncode == 2 and "来电记录" in mismatch.stderr, mismatch.stderr
    assert not (tmp_path / "k.pdf").exists()
    copy = _cli(test_db, "call_log", "--reprint", serial, job_no="2001", out=tmp_path / "c.pdf")
    assert copy.returncode == 0 and f"copy of {serial}" in copy.stdout
    assert all("副本" in page for page in _pages(tmp_path / "c.pdf"))
    assert not list(tmp_path.glob(".report-*"))  # no temporary file left behind


def test_campaign_results_list_notified_not_notified_and_door_to_door_in_walking_order(
    rt: Runtime,
    admin_rt: Runtime,
    floor: tuple[AgentContext, AgentContext],
    tmp_path: Path,
) -> None:
    agent, boss = floor
    with admin_rt.unit(admin="test") as s:
        s.add(customer(2, None, id=2, name="李桂芝"))  # no phone: door to door
        s.add(customer(3, "13912340003", id=3, name="赵国强"))
        # Text order would put 10号楼 before 2号楼 and 1904室 before 304室.
        s.add(customer(4, None, id=4, name="孙玉兰", building="10", room="304"))
        s.add(customer(5, None, id=5, name="周建国", building="2", room="1904"))
        s.add(customer(6, None, id=6, name="吴秀英", building="2", room="304"))
    c = rt.run(
        boss,
        campaigns.create,
        str(uuid.uuid4()),
        "emergency",
        "泰山花园抢修停气",
        "燃气管道抢修",
        [campaigns.AreaNode("泰山花园")],
    )
    target = rt.run(agent, campaigns.claim_next, c.id)
    assert target is not None
    rt.run(agent, campaigns.record_result, c.id, target.customer_id, "notified")
    with pytest.raises(UserFacingError, match="role.denied"):
        _produce(rt, agent, ReportRequest("campaign", campaign_id=c.id), tmp_path / "no.pdf")
    e = _produce(rt, boss, ReportRequest("campaign", campaign_id=c.id), tmp_path / "c.pdf")
    text = _text(tmp_path / "c.pdf")
    _common(text, e.serial, "停气通知结果")
    notified, rest = text.split("通知结果明细(已通知)")[1].split("未通知人员明细")
    waiting, door = rest.split("无联系方式用户明细(需上门通知)")
    notified_name = "王秀兰" if target.customer_id == 1 else "赵国强"
    other = "赵国强" if target.customer_id == 1 else "王秀兰"
    assert notified_name in notified and other in waiting
    walk = [name for name in ("吴秀英", "周建国", "孙玉兰", "李桂芝") if name in door]
    assert walk == ["吴秀英", "周建国", "孙玉兰", "李桂芝"]
    assert [door.index(n) for n in walk] == sorted(door.index(n) for n in walk)
    assert _line(door, "客户", "地址", "上门通知时间", "用户签字", "通知人")
    assert "摘要" not in text.split("通知结果明细(已通知)")[1]  # no column left empty
    assert "共 6 户,已通知 1 户,未通知 1 户,无联系方式 4 户" in text
