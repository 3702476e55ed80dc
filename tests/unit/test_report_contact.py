"""The printed call log shows how each contact came: outbound calls (callbacks, outage
notices) and walk-in visits in their own column, beside the intent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from reports.inputs import CallLog, Period
from reports.kinds import _call_log
from reports.pdf import TableSection
from reports.words import words


@dataclass(frozen=True)
class Row:
    started_at: datetime
    job_no: str
    caller_number: str | None
    customer_name: str | None
    intent: str | None
    state: str
    duration_s: int | None
    notes_excerpt: str
    direction: str
    channel: str
    dropped: bool = False


def test_outbound_calls_and_visits_are_marked_in_the_printed_call_log() -> None:
    at = datetime(2026, 11, 23, 2, tzinfo=UTC)
    rows = [
        Row(at, "1001", "139****1234", "王建国", "complaint", "done", 60, "", "inbound", "phone"),
        Row(at, "1002", "139****1234", "王建国", "callback", "done", 90, "", "outbound", "phone"),
        Row(at, "1003", None, "李秀英", "inquiry", "done", 300, "", "inbound", "visit"),
    ]
    period = Period(at, at)
    sections = _call_log(CallLog(period, None, rows), words(), lambda m: str(m))
    table = sections[0]
    assert isinstance(table, TableSection)
    assert [r[2] for r in table.rows] == ["来电", "去电", "来访"]
    assert [r[5] for r in table.rows] == ["投诉", "回访", "咨询"]


def test_a_call_the_line_lost_is_printed_as_dropped() -> None:
    at = datetime(2026, 11, 23, 2, tzinfo=UTC)
    rows = [
        Row(at, "1001", "139****1234", "王建国", "repair", "done", 60, "", "inbound", "phone"),
        Row(at, "1001", "139****1234", "王建国", "repair", "done", 4, "", "inbound", "phone", True),
        Row(at, "1001", "139****1234", "王建国", None, "missed", 0, "", "inbound", "phone"),
    ]
    sections = _call_log(CallLog(Period(at, at), None, rows), words(), lambda m: str(m))
    table = sections[0]
    assert isinstance(table, TableSection)
    assert [r[6] for r in table.rows] == ["已完成", "掉线", "未接"]
