"""The reports dialog (R6.4): preview (not registered), save as PDF and print
(registered), one job at a time with cancel; an agent is offered only their reports."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from console.app.runtime import Runtime
from console.calls import calls
from console.calls.calls import CallFields
from console.core import checks, unit
from console.core.identity import AgentContext, Role
from console.core.settings import Settings
from console.printing import printing
from tests.conftest import PASSWORD, AgentFactory
from ui.printing.reports_dialog import ReportsDialog


def _dialog(qtbot: QtBot, rt: Runtime, ctx: AgentContext, settings: Settings) -> ReportsDialog:
    d = ReportsDialog(lambda fn, *a, **k: rt.run(ctx, fn, *a, **k), ctx, settings)
    qtbot.addWidget(d)
    d.show()
    return d


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


def test_preview_save_and_print_from_the_dialog(
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
    assert offered == ["call_log", "case", "handover"]  # no registers for an agent
    assert not mine.registry.isVisibleTo(mine)

    d = _dialog(qtbot, rt, boss, settings)
    with qtbot.waitSignal(d.job_done, timeout=60_000) as previewed:
        d.preview()
    assert previewed.args[0].serial == printing.PREVIEW
    assert d.pages_layout.count() >= 1 and _registered(rt, boss) == []  # not registered

    out = tmp_path / "log.pdf"
    with qtbot.waitSignal(d.job_done, timeout=60_000) as saved:
        d.save_as(str(out))
    entry = saved.args[0]
    assert out.exists() and entry.action == "export" and "log.pdf" in d.message.text()
    qtbot.waitUntil(lambda: d.registry.count() == 1, timeout=10_000)
    assert entry.serial in d.registry.item(0).text()

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setCopyCount(2)
    with qtbot.waitSignal(d.job_done, timeout=60_000) as printed:
        d.print_report(printer)
    assert (printed.args[0].action, printed.args[0].copies) == ("print", 2)
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000  # the pages went to the printer
    qtbot.waitUntil(lambda: d.registry.count() == 2, timeout=10_000)

    # A reprint of the first entry is registered as its copy.
    d.registry.setCurrentRow(d.registry_entries.index(entry))
    printer.setOutputFileName(str(tmp_path / "again.pdf"))
    with qtbot.waitSignal(d.job_done, timeout=60_000) as again:
        d.reprint(printer)
    assert again.args[0].copy_of == entry.serial
    qtbot.waitUntil(lambda: d.registry.count() == 3, timeout=10_000)


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
    d.save_as(str(out))
    assert d.busy and not d.save_button.isEnabled()  # one job at a time
    d.cancel()
    qtbot.waitUntil(lambda: not d.busy, timeout=60_000)
    assert "取消" in d.message.text()
    assert list(out.parent.iterdir()) == [] and _registered(rt, boss) == []


def test_a_call_log_per_shift(
    qtbot: QtBot, rt: Runtime, make_agent: AgentFactory, settings: Settings, zh: None
) -> None:
    """R6.1: per shift — the chosen shift of the first day, from the shift data."""
    from datetime import datetime as dt
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import QDate

    make_agent("2001", Role.SUPERVISOR)
    boss = rt.login("2001", PASSWORD, "坐席02")
    d = _dialog(qtbot, rt, boss, settings)
    d.date_from.setDate(QDate(2026, 12, 1))
    d.date_to.setDate(QDate(2026, 12, 1))
    whole = d.request()
    zone = ZoneInfo(settings.timezone)
    assert (whole.since, whole.until) == (
        dt(2026, 12, 1, tzinfo=zone),
        dt(2026, 12, 2, tzinfo=zone),
    )
    d.shift.setCurrentIndex(d.shift.findData("中班"))
    evening = d.request()
    assert (evening.since, evening.until) == (
        dt(2026, 12, 1, 16, tzinfo=zone),
        dt(2026, 12, 2, 0, tzinfo=zone),
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
