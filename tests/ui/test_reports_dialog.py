"""The reports dialog (R6.4), driven as a user does: the report chosen with the
keyboard, numbers typed, the buttons clicked — Preview (not registered), Save as PDF
(through the save dialog, the file name typed), Print (through the print dialog, to a
printer set to PDF output) and Reprint as a copy. Every kind is saved and read back
against the database; one job at a time with cancel; an agent is offered only their
reports; the days default to the seat's own date."""

from __future__ import annotations

import re
import subprocess
import threading
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.calls import calls
from console.calls.calls import CallFields
from console.campaigns import campaigns
from console.core import checks, unit
from console.core.identity import AgentContext, Role
from console.core.settings import Settings
from console.printing import printing
from console.shift import shift
from tests.conftest import PASSWORD, AgentFactory
from tests.helpers import admin_sql, report_floor
from tests.ui.conftest import accept_print_dialog, choose, save_file_as
from ui.printing.reports_dialog import ReportsDialog

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
HEAD = re.compile(r"审计链头:第 (\d+) 条 ([0-9a-f]{64})")


def _dialog(qtbot: QtBot, rt: Runtime, ctx: AgentContext, settings: Settings) -> ReportsDialog:
    d = ReportsDialog(rt.runner(lambda: ctx), ctx, settings)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _click(qtbot: QtBot, d: ReportsDialog, button: object) -> printing.PrintEntry:
    """Click a job's button and wait for the job to finish."""
    with qtbot.waitSignal(d.job_done, timeout=60_000) as done:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    entry: printing.PrintEntry = done.args[0]
    return entry


def _text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return "".join(done.stdout.split())  # spaces aside: extraction puts them at gaps


def _calls(rt: Runtime, ctx: AgentContext, n: int) -> None:
    now = rt.run(ctx, lambda s, _c: unit.db_now(s))
    for i in range(n):
        at = now - timedelta(minutes=5 + i)
        c = rt.run(
            ctx, calls.start_call, checks.new_call_id(), "13912341234", "inbound", "phone", at
        )
        fields = CallFields(state="done", answered_at=at, intent="repair", notes=f"报修第{i}单")
        rt.run(
            ctx, calls.finish_call, c.id, fields, c.version, at + timedelta(seconds=90), "caller"
        )


def _registered(rt: Runtime, boss: AgentContext) -> list[printing.PrintEntry]:
    now = rt.run(boss, lambda s, _c: unit.db_now(s))
    return rt.run(boss, printing.registry, now - timedelta(days=1), now + timedelta(hours=1))


def test_every_kind_saved_from_the_dialog_reads_back_as_the_database_holds_it(
    qtbot: QtBot,
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    tmp_path: Path,
    zh: None,
) -> None:
    """Calls of a few minutes ago (the dialog's days are today's; a run within minutes
    after local midnight would find yesterday's calls outside them)."""
    agent, boss = report_floor(rt, admin_rt, make_agent, ago=timedelta(minutes=1))
    zone = ZoneInfo(settings.timezone)
    handover = rt.run(agent, shift.hand_over, str(uuid.uuid4()), "交班备注:无异常", zone=zone)
    campaign = rt.run(
        boss,
        campaigns.create,
        str(uuid.uuid4()),
        "emergency",
        "泰山花园抢修停气",
        "燃气管道抢修",
        [campaigns.AreaNode("泰山花园")],
    )
    numbers = dict(admin_sql(admin_rt, "SELECT kind, case_no FROM cases"))
    calls_made = admin_sql(admin_rt, "SELECT id FROM calls")

    d = _dialog(qtbot, rt, boss, settings)
    typed = {"case": (d.case_no, numbers["complaint"]), "handover": (d.handover_id, handover.id)}
    typed["campaign"] = (d.campaign_id, campaign.id)
    expected = {  # what each kind must show, from the database
        "call_log": ["来电记录", "方式", "去电", "来访", f"{len(calls_made)}条"],
        "complaint_register": ["投诉意见登记表", numbers["complaint"], "王秀兰", "抄表员态度差"],
        "callback_log": ["回访记录", "工单回访", numbers["complaint"], "满意1"],
        "case": ["工单处理记录", f"工单号{numbers['complaint']}", "投诉答复", "承办部门办结"],
        "handover": ["交接班记录", numbers["repair"], "燃气表不走字", "交班备注:无异常"],
        "kpi": ["服务质量指标汇总", "3声内接听率100.0%(3/3)", "完成回访1"],
        "campaign": ["停气通知结果", "泰山花园抢修停气", "共1户"],
        "registry": ["报表打印登记簿", "来电记录", "停气通知结果"],
    }
    saved: dict[str, printing.PrintEntry] = {}
    for kind, words in expected.items():
        choose(qtbot, d.kind, kind)
        if kind in typed:
            field, value = typed[kind]
            assert field.isEnabled()
            field.clear()
            qtbot.keyClicks(field, value.lower() if kind == "case" else value)
        out = tmp_path / f"{kind}.pdf"
        save_file_as(qtbot, out)
        entry = _click(qtbot, d, d.save_button)
        assert entry.kind == kind and entry.action == "export" and out.exists()
        assert entry.serial in d.message.text()
        text = _text(out)
        for word in words:
            assert word in text, (kind, word)
        assert f"登记号:{entry.serial}" in text and not UUID.search(HEAD.sub("", text))
        saved[kind] = entry
    assert saved["case"].subject == f"工单号:{numbers['complaint']}"
    assert saved["case"].filters == {"case_no": numbers["complaint"]}  # typed in lower case
    registered = {e.serial: e for e in _registered(rt, boss)}
    assert {e.serial for e in saved.values()} <= set(registered)
    qtbot.waitUntil(lambda: d.registry.count() == len(saved), timeout=10_000)


def test_preview_print_and_reprint_by_clicking_the_buttons(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    tmp_path: Path,
    zh: None,
) -> None:
    make_agent("1001")
    make_agent("2001", Role.SUPERVISOR)
    agent = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "坐席02")
    _calls(rt, agent, 60)

    mine = _dialog(qtbot, rt, agent, settings)
    offered = [mine.kind.itemData(i) for i in range(mine.kind.count())]
    # No registers for an agent; their own quality trend, yes.
    assert offered == ["call_log", "case", "handover", "quality_trends"]
    assert not mine.registry.isVisibleTo(mine)

    d = _dialog(qtbot, rt, boss, settings)
    previewed = _click(qtbot, d, d.preview_button)
    assert previewed.serial == printing.PREVIEW
    assert d.pages_layout.count() >= 1 and _registered(rt, boss) == []  # not registered

    # Print: the print dialog, on a printer set to write a PDF, two copies.
    d.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    d.printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    d.printer.setCopyCount(2)
    accept_print_dialog(qtbot)
    printed = _click(qtbot, d, d.print_button)
    assert (printed.action, printed.copies, printed.kind) == ("print", 2, "call_log")
    assert str(printed.serial) in d.message.text()
    # What reached the printer is the registered report's pages.
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == printed.pages >= 2
    qtbot.waitUntil(lambda: d.registry.count() == 1, timeout=10_000)
    assert printed.serial in d.registry.item(0).text()

    # Reprint: pick the entry in the registry list, click Reprint, print.
    item = d.registry.item(0)
    qtbot.mouseClick(
        d.registry.viewport(),
        Qt.MouseButton.LeftButton,
        pos=d.registry.visualItemRect(item).center(),
    )
    assert d.reprint_button.isEnabled()
    d.printer.setOutputFileName(str(tmp_path / "again.pdf"))
    accept_print_dialog(qtbot)
    again = _click(qtbot, d, d.reprint_button)
    assert again.copy_of == printed.serial and again.kind == "call_log"
    assert (tmp_path / "again.pdf").exists()
    qtbot.waitUntil(lambda: d.registry.count() == 2, timeout=10_000)
    assert again.serial in d.registry.item(0).text() and printed.serial in d.registry.item(0).text()


def test_cancel_stops_the_job_and_registers_nothing(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    tmp_path: Path,
    zh: None,
) -> None:
    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "坐席02")
    _calls(rt, boss, 80)
    d = _dialog(qtbot, rt, boss, settings)
    out = tmp_path / "out" / "x.pdf"
    out.parent.mkdir()
    save_file_as(qtbot, out)
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert d.busy and not d.save_button.isEnabled()  # one job at a time
    qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not d.busy, timeout=60_000)
    assert "取消" in d.message.text()
    assert list(out.parent.iterdir()) == [] and _registered(rt, boss) == []


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12"])
def test_the_days_default_to_the_seats_own_date(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, zone: str, zh: None
) -> None:
    """UTC+14 and UTC−12: at any moment one of them is on another date than UTC."""
    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "坐席02")
    settings = Settings(seat="seat-A", language="zh_CN", timezone=zone, heartbeat_seconds=3600)
    d = _dialog(qtbot, rt, boss, settings)
    today = datetime.now(ZoneInfo(zone)).date()
    assert d.date_from.date().toPython() == today == d.date_to.date().toPython()


def test_a_call_log_per_shift(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    """R6.1: per shift — the chosen shift of the first day, from the shift data."""
    from PySide6.QtCore import QDate

    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "坐席02")
    d = _dialog(qtbot, rt, boss, settings)
    d.date_from.setDate(QDate(2026, 12, 1))
    d.date_to.setDate(QDate(2026, 12, 1))
    whole = d.request()
    zone = ZoneInfo(settings.timezone)
    assert (whole.since, whole.until) == (
        datetime(2026, 12, 1, tzinfo=zone),
        datetime(2026, 12, 2, tzinfo=zone),
    )
    choose(qtbot, d.shift, "中班")
    evening = d.request()
    assert (evening.since, evening.until) == (
        datetime(2026, 12, 1, 16, tzinfo=zone),
        datetime(2026, 12, 2, 0, tzinfo=zone),
    )


def test_a_second_pdf_job_while_one_runs_is_refused_with_a_message(
    qtbot: QtBot,
    rt: Runtime,
    make_agent: AgentFactory,
    settings: Settings,
    zh: None,
) -> None:
    """Reportlab is not thread-safe: one PDF job in the whole console. The reports dialog
    opens from four places, so the second dialog's job is refused and says why."""
    make_agent("1001")
    agent = rt.login("1001", PASSWORD, "坐席01")
    _calls(rt, agent, 5)
    gate = threading.Event()

    def held(fn: Any, /, *args: Any, **kwargs: Any) -> Any:  # the first job waits here
        gate.wait(30)
        return rt.run(agent, fn, *args, **kwargs)

    first = ReportsDialog(held, agent, settings)
    qtbot.addWidget(first)
    first.show()
    second = _dialog(qtbot, rt, agent, settings)
    try:
        qtbot.mouseClick(first.preview_button, Qt.MouseButton.LeftButton)
        assert first.busy and first.cancel_button.isEnabled()
        qtbot.mouseClick(second.preview_button, Qt.MouseButton.LeftButton)
        assert "正在打印" in second.message.text()
        assert not second.busy and second.preview_button.isEnabled()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not first.busy, timeout=60_000)
    assert first.last is not None and first.last.serial == printing.PREVIEW
    with qtbot.waitSignal(second.job_done, timeout=60_000):  # free again
        qtbot.mouseClick(second.preview_button, Qt.MouseButton.LeftButton)
