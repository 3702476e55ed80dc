"""Printed reports and the print registry (R6.1–R6.3, R6.5), on SQLite and PostgreSQL:
each kind's PDF holds its rows, totals, Chinese headers, the registry serial and
"page X of Y"; the registry matches what was produced; a reprint is a copy; a cancelled
report leaves no file and no entry; the CJK font is embedded and renders."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import exc

from console.app.runtime import Runtime
from console.calls import calls
from console.calls.calls import CallFields
from console.cases import callbacks, cases, follow_up
from console.core import checks, unit
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.people import auth
from console.printing import printing
from console.printing.printing import ReportRequest
from console.shift import shift
from db.models import Department
from reports import pdf
from reports.inputs import ComplaintRegister
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import admin_sql, audit_kinds, customer

ZONE = ZoneInfo("Asia/Shanghai")
ROOT = Path(__file__).resolve().parents[1]


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _now(rt: Runtime, ctx: AgentContext):  # type: ignore[no-untyped-def]
    return rt.run(ctx, lambda s, _c: unit.db_now(s))


@pytest.fixture
def floor(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> tuple[AgentContext, AgentContext]:
    """Agent 1001 with three calls, a complaint handled and called back; supervisor 2001."""
    with admin_rt.unit(admin="test") as s:
        s.add(Department(code="SERVICE", name="客服中心"))
        s.add(customer(1, "13912340001", id=1, name="王秀兰"))
    make_agent("1001", name="张敏")
    make_agent("2001", Role.SUPERVISOR, name="赵刚")
    agent = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "坐席02")
    now = _now(rt, agent)
    for i, (intent, talk) in enumerate((("repair", 125), ("inquiry", 60), ("complaint", 300))):
        at = now - timedelta(hours=3, minutes=i)
        c = rt.run(
            agent, calls.start_call, checks.new_call_id(), "13912340001", "inbound", "phone", at
        )
        fields = CallFields(
            state="done", answered_at=at, ring_count=1, intent=intent, notes=f"第{i + 1}通 {intent}"
        )
        rt.run(
            agent,
            calls.finish_call,
            c.id,
            fields,
            c.version,
            at + timedelta(seconds=talk),
            "caller",
        )
    k = rt.run(
        agent, cases.open_case, cases.new_case_id(), "complaint", "抄表员态度差", customer_id=1
    )
    k = rt.run(agent, cases.dispatch, k.id, "SERVICE", k.version)
    rt.run(agent, follow_up.department_done, k.id, k.version, "已上门道歉")
    item = rt.run(agent, callbacks.claim_next)
    assert item is not None
    rt.run(agent, follow_up.callback_result, item.id, "satisfied")
    return agent, boss


def _produce(
    rt: Runtime, ctx: AgentContext, req: ReportRequest, path: Path, **kw: object
) -> printing.PrintEntry:
    return printing.produce(lambda fn, *a: rt.run(ctx, fn, *a), req, path, zone=ZONE, **kw)  # type: ignore[arg-type]


def _today(rt: Runtime, ctx: AgentContext, kind: str, **kw: object) -> ReportRequest:
    now = _now(rt, ctx)
    return ReportRequest(kind, since=now - timedelta(days=1), until=now + timedelta(hours=1), **kw)  # type: ignore[arg-type]


def _common(text: str, serial: str, title: str) -> None:
    assert "泰安安泰燃气有限公司" in text and "客户服务中心" in text and title in text
    assert f"登记号: {serial}" in text and "打印人: " in text
    pages = re.findall(r"第 (\d+) 页 / 共 (\d+) 页", text)
    assert pages and all(total == str(len(pages)) for _page, total in pages)
    assert [int(p) for p, _t in pages] == list(range(1, len(pages) + 1))


def test_every_kind_prints_its_rows_totals_and_registry_serial(
    rt: Runtime, floor: tuple[AgentContext, AgentContext], tmp_path: Path
) -> None:
    agent, boss = floor
    out = tmp_path / "call_log.pdf"
    e = _produce(rt, agent, _today(rt, agent, "call_log"), out)
    text = _text(out)
    _common(text, e.serial, "来电记录")
    assert "第1通 repair" in text and "报修" in text and "2:05" in text  # a row, its duration
    assert "3 条" in text and "8:05" in text  # totals: rows, talk time 125+60+300 s
    assert "坐席工号:全部坐席" in text and "139****0001" in text  # numbers masked (R2.14)
    assert "审核人" in text  # the register's signature lines

    k = _produce(rt, boss, _today(rt, boss, "complaint_register"), tmp_path / "k.pdf")
    text = _text(tmp_path / "k.pdf")
    _common(text, k.serial, "投诉意见登记表")
    assert "王秀兰" in text and "抄表员态度差" in text and "已上门道歉" in text and "满意" in text

    cb = _produce(rt, boss, _today(rt, boss, "callback_log"), tmp_path / "cb.pdf")
    text = _text(tmp_path / "cb.pdf")
    _common(text, cb.serial, "回访记录")
    assert "工单办结" not in text and "满意 1" in text and "1 条" in text

    assert rt.run(agent, cases.my_cases) == []  # closed: printed by its id from the register
    register = rt.run(boss, printing.gather, _today(rt, boss, "complaint_register")).data
    assert isinstance(register, ComplaintRegister)
    case_id = register.rows[0].case_id  # type: ignore[attr-defined]  # the domain's row
    c = _produce(rt, agent, ReportRequest("case", case_id=case_id), tmp_path / "c.pdf")
    text = _text(tmp_path / "c.pdf")
    _common(text, c.serial, "工单处理记录")
    for entry in ("受理", "派单", "承办部门办结", "回访", "结案", "归档投诉登记"):
        assert entry in text

    h = rt.run(agent, shift.hand_over, str(uuid.uuid4()), "交班备注:阳光小区停气", zone=ZONE)
    ho = _produce(rt, agent, ReportRequest("handover", handover_id=h.id), tmp_path / "h.pdf")
    text = _text(tmp_path / "h.pdf")
    _common(text, ho.serial, "交接班记录")
    assert "交班备注:阳光小区停气" in text and "接班人" in text

    kp = _produce(rt, boss, _today(rt, boss, "kpi"), tmp_path / "kpi.pdf")
    text = _text(tmp_path / "kpi.pdf")
    _common(text, kp.serial, "服务质量指标汇总")
    assert "3声内接听率" in text and "100.0% (3/3)" in text

    reg = _produce(rt, boss, _today(rt, boss, "registry"), tmp_path / "reg.pdf")
    text = _text(tmp_path / "reg.pdf")
    _common(text, reg.serial, "报表打印登记簿")
    for earlier in (e, k, cb, c, ho, kp):
        assert earlier.serial in text
    assert "6 条" in text and "客服中心资料管理员" in text


def test_the_registry_matches_what_was_produced_and_a_reprint_is_a_copy(
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
    again = printing.reprint(
        lambda fn, *a: rt.run(agent, fn, *a), e.serial, tmp_path / "copy.pdf", zone=ZONE
    )
    assert again.copy_of == e.serial and again.serial != e.serial
    assert f"副本,原件登记号 {e.serial}" in _text(tmp_path / "copy.pdf")
    # A copy of a copy names the original, not the copy.
    third = printing.reprint(
        lambda fn, *a: rt.run(agent, fn, *a), again.serial, tmp_path / "c2.pdf", zone=ZONE
    )
    assert third.copy_of == e.serial
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
    assert audit_kinds(rt).count("report.printed") == 3  # the original and two copies


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
        "DELETE FROM print_registry",
        "UPDATE report_serials SET last = 0",
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


def test_the_command_line_produces_and_registers_a_report(
    test_db: TestDb, rt: Runtime, floor: tuple[AgentContext, AgentContext], tmp_path: Path
) -> None:
    agent, _boss = floor
    rt.run(agent, auth.logout)  # the command signs in as 1001 itself
    out = tmp_path / "cli.pdf"
    day = _now(rt, _boss).astimezone(ZONE).date().isoformat()
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            test_db.url,
            "--seat",
            "坐席01",  # a registered seat: the command signs in at this workstation's
            "report",
            "call_log",
            "--as",
            "1001",
            "--password-stdin",
            "--since",
            day,
            "-o",
            str(out),
        ],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    serial, pages, path = done.stdout.split("\t")[:3]
    assert Path(path.strip()) == out and out.exists()
    assert serial in _text(out) and int(pages) >= 1
    refused = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            test_db.url,
            "--seat",
            "坐席01",  # a registered seat: the command signs in at this workstation's
            "report",
            "kpi",
            "--as",
            "1001",
            "--password-stdin",
            "-o",
            str(tmp_path / "no.pdf"),
        ],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert refused.returncode == 2 and "supervisor" in refused.stderr
    assert not (tmp_path / "no.pdf").exists()
    assert shutil.which("pdftoppm")


def test_campaign_results_list_notified_not_notified_and_door_to_door(
    rt: Runtime,
    admin_rt: Runtime,
    floor: tuple[AgentContext, AgentContext],
    tmp_path: Path,
) -> None:
    from console.campaigns import campaigns

    agent, boss = floor
    with admin_rt.unit(admin="test") as s:
        s.add(customer(2, None, id=2, name="李桂芝"))  # no phone: door to door
        s.add(customer(3, "13912340003", id=3, name="赵国强"))
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
    assert notified_name in notified and other in waiting and "李桂芝" in door
    assert "共 3 户,已通知 1 户,未通知 1 户,无联系方式 1 户" in text
