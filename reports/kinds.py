"""Each report kind laid out as the paper register it replaces (R6.1): plain data from
``console.printing.printing.gather`` in, a :class:`reports.pdf.Report` out. No database, no Qt.

Layouts: the call log, the complaint register, the callback log and the registry are
landscape tables with totals and the signature lines of a paper register (打印人 /
审核人 / 保管人); a case prints its summary, deadlines and full timeline; a handover
prints what was compiled, the notes and both agents' lines; the KPI summary is figures
and a bar chart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from reports.inputs import (
    CallbackLog,
    CallLog,
    CallLogLine,
    CampaignResults,
    CaseReport,
    ComplaintRegister,
    HandoverReport,
    KpiSummary,
    Letterhead,
    Registry,
    ReportData,
)
from reports.pdf import (
    Bars,
    Column,
    Header,
    KeyValues,
    Report,
    Section,
    Signatures,
    TableSection,
    Text,
)
from reports.words import Words, words


def _when(zone: ZoneInfo) -> Callable[[datetime | None], str]:
    def at(moment: datetime | None) -> str:
        return "" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    return at


def _duration(seconds: int | None) -> str:
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


def _signatures(w: Words, key: str = "signatures") -> Signatures:
    return Signatures(w.meta[key].split(","))


def _contact(r: CallLogLine, w: Words) -> str:
    """The intent, and how the contact came: an outbound call (外拨) or a visit (来访)
    says so before it; an inbound call is the default and says nothing more."""
    how = r.channel if r.channel != "phone" else r.direction if r.direction != "inbound" else ""
    return f"{w.code(how)}·{w.code(r.intent)}" if how else w.code(r.intent)


def _call_log(g: CallLog, w: Words, at: Callable[..., str]) -> list[Section]:
    c = w.columns
    columns = [
        Column(c["time"], 30),
        Column(c["job_no"], 14),
        Column(c["number"], 28),
        Column(c["customer"], 24),
        Column(c["intent"], 16),
        Column(c["state"], 18),
        Column(c["duration"], 14, "RIGHT"),
        Column(c["notes"], 129),
    ]
    rows = [
        [
            at(r.started_at),
            r.job_no,
            r.caller_number or "",
            r.customer_name or "",
            _contact(r, w),
            w.code(r.state),
            _duration(r.duration_s),
            r.notes_excerpt,
        ]
        for r in g.rows
    ]
    total = sum(r.duration_s or 0 for r in g.rows)
    totals = [
        w.meta["total"],
        "",
        "",
        "",
        "",
        "",
        _duration(total),
        f"{len(rows)} {w.meta['rows']}",
    ]
    return [TableSection(columns, rows, totals), _signatures(w)]


def _complaints(g: ComplaintRegister, w: Words, at: Callable[..., str]) -> list[Section]:
    c = w.columns
    columns = [
        Column(c["opened"], 24),
        Column(c["customer"], 18),
        Column(c["phone"], 22),
        Column(c["address"], 30),
        Column(c["content"], 50),
        Column(c["department"], 18),
        Column(c["owner"], 14),
        Column(c["replied"], 24),
        Column(c["in_time"], 13),
        Column(c["result"], 32),
        Column(c["satisfaction"], 14),
    ]
    yes, no = w.code("yes"), w.code("no")
    rows = [
        [
            at(e.opened_at),
            e.customer_name or "",
            e.phone or "",
            e.address or "",
            e.summary,
            e.department or "",
            e.owner_job_no,
            at(e.replied_at),
            "" if e.replied_in_time is None else yes if e.replied_in_time else no,
            e.result,
            w.code(e.satisfaction),
        ]
        for e in g.rows
    ]
    replied = sum(1 for e in g.rows if e.replied_at is not None)
    in_time = sum(1 for e in g.rows if e.replied_in_time)
    totals = [
        w.meta["total"],
        f"{len(rows)} {w.meta['rows']}",
        "",
        "",
        "",
        "",
        "",
        str(replied),
        str(in_time),
        "",
        "",
    ]
    return [TableSection(columns, rows, totals, wrap=True), _signatures(w)]


def _callbacks(g: CallbackLog, w: Words, at: Callable[..., str]) -> list[Section]:
    c = w.columns
    columns = [
        Column(c["time"], 30),
        Column(c["job_no"], 14),
        Column(c["reason"], 30),
        Column(c["customer"], 24),
        Column(c["phone"], 26),
        Column(c["attempts"], 16, "RIGHT"),
        Column(c["result"], 20),
        Column(c["case"], 113),
    ]
    rows = [
        [
            at(r.done_at),
            r.job_no or "",
            w.code(r.reason),
            r.customer_name or "",
            r.phone or "",
            str(r.attempts),
            w.code(r.result),
            f"{w.code(r.case_kind)} · {r.case_summary}" if r.case_kind else "",
        ]
        for r in g.rows
    ]
    satisfied = sum(1 for r in g.rows if r.result == "satisfied")
    totals = [
        w.meta["total"],
        "",
        "",
        "",
        "",
        "",
        f"{w.code('satisfied')} {satisfied}",
        f"{len(rows)} {w.meta['rows']}",
    ]
    return [TableSection(columns, rows, totals), _signatures(w)]


def _case(g: CaseReport, w: Words, at: Callable[..., str]) -> list[Section]:
    d = g.detail
    c = d.case
    departments = dict(d.departments)
    c_words = w.columns
    head = KeyValues(
        [
            (c_words["case"], c.id),
            (c_words["intent"], w.code(c.kind)),
            (c_words["state"], w.code(c.status)),
            (c_words["owner"], c.owner_job_no),
            (c_words["department"], departments.get(c.department or "", c.department or "")),
            (c_words["opened"], at(c.opened_at)),
            (c_words["closed"], at(c.closed_at)),
            (c_words["notes"], c.summary),
        ]
    )
    clocks = TableSection(
        [
            Column(c_words["clock"], 50),
            Column(c_words["due"], 40),
            Column(c_words["clock_state"], 40),
        ],
        [
            [
                k.name,
                at(k.due_at),
                w.code(
                    "escalated"
                    if k.escalated_at
                    else "stopped"
                    if k.stopped_at
                    else "paused"
                    if k.paused_since
                    else "running"
                ),
            ]
            for k in d.clocks
        ],
        caption=c_words["clock"],
        wrap=True,
    )
    timeline = TableSection(
        [
            Column(c_words["time"], 32),
            Column(c_words["job_no"], 16),
            Column(c_words["entry"], 38),
            Column(c_words["notes"], 100),
        ],
        [
            [
                at(e.at),
                e.job_no,
                w.timeline.get(e.kind, e.kind),
                " ".join(
                    str(e.data[k])
                    for k in ("to_job_no", "reason", "decision", "note")
                    if e.data.get(k)
                ),
            ]
            for e in d.timeline
        ],
        caption=w.titles["case"],
        wrap=True,
    )
    return [head, clocks, timeline]


def _handover(g: HandoverReport, w: Words, at: Callable[..., str]) -> list[Section]:
    h = g.handover
    s = h.summary
    lines = [
        f"{s.shift_name} · {w.columns['job_no']} {s.job_no} · {s.seat} · "
        f"{at(s.shift_start)} {w.meta['to']} {at(s.shift_end)}",
        f"{w.kpi['calls_offered']} {s.calls} · {w.kpi['calls_answered']} {s.answered} · "
        f"{w.code('abandoned')} {s.abandoned}",
    ]
    if s.by_intent:
        lines.append(" · ".join(f"{w.code(k)} {v}" for k, v in sorted(s.by_intent.items())))
    cases = [[at(c.due_at), c.clock, w.code(c.kind), c.summary] for c in s.cases_due]
    col = w.columns
    sections: list[Section] = [
        Text(lines),
        TableSection(
            [
                Column(col["due"], 34),
                Column(col["clock"], 36),
                Column(col["intent"], 18),
                Column(col["notes"], 98),
            ],
            cases,
            caption=f"{s.next_shift_name} · {col['case']}",
            wrap=True,
        ),
        Text(
            [f"{at(c.due_at)} · {w.code(c.reason)}" for c in s.callbacks_due]
            + [f"{at(i.opened_at)} · {w.code('emergency')} · {i.summary}" for i in s.incidents]
            + [f"{p.seat} · {p.text} · {p.note}" for p in s.problems],
            caption=f"{w.code('callback')} · {w.code('emergency')} · {col['state']}",
        ),
        Text(h.notes.splitlines() or [""], caption=col["notes"]),
    ]
    if h.acknowledged_by:
        sections.append(
            Text(
                [f"{h.acknowledged_by} · {at(h.acknowledged_at)} · {h.ack_note}"],
                caption=w.meta["handover_signatures"].split(",")[1],
            )
        )
    sections.append(_signatures(w, "handover_signatures"))
    return sections


def _kpi(g: KpiSummary, w: Words, at: Callable[..., str]) -> list[Section]:
    k = g.figures
    names = w.kpi
    ratios = [
        (names[key], getattr(k, key))
        for key in (
            "answered_in_rings",
            "solved_in_3_minutes",
            "complaint_reply_in_72h",
            "inquiry_reply_in_2_working_days",
            "satisfaction",
            "inquiry_service_rate",
            "complaint_reply_rate",
        )
    ]
    aht = "—" if k.average_handle_seconds is None else f"{k.average_handle_seconds / 60:.1f}"
    pairs = [
        (names["calls_offered"], str(k.calls_offered)),
        (names["calls_answered"], str(k.calls_answered)),
        (names["average_handle"], aht),
        (names["callbacks_done"], str(k.callbacks_done)),
    ] + [
        (label, "—" if r.percent is None else f"{r.percent:.1f}% ({r.hits}/{r.total})")
        for label, r in ratios
    ]
    return [KeyValues(pairs), Bars([(label, r.percent) for label, r in ratios])]


def _filters(filters: Mapping[str, str], w: Words, at: Callable[..., str]) -> str:
    """A registry entry's filters as a clerk reads them: local times, named fields."""
    parts = []
    for key, value in sorted(filters.items()):
        if key in ("since", "until"):
            value = at(datetime.fromisoformat(value))
        parts.append(f"{w.meta.get(key, key)}={value}")
    return " ".join(parts)


def _registry(g: Registry, w: Words, at: Callable[..., str]) -> list[Section]:
    c = w.columns
    columns = [
        Column(c["serial"], 24),
        Column(c["time"], 30),
        Column(c["printed_by"], 16),
        Column(c["kind"], 30),
        Column(c["filters"], 84),
        Column(c["action"], 12),
        Column(c["copies"], 12, "RIGHT"),
        Column(c["pages"], 12, "RIGHT"),
        Column(c["copy_of"], 24),
        Column(w.meta["custodian"], 29),
    ]
    rows = [
        [
            e.serial,
            at(e.printed_at),
            e.job_no,
            w.titles.get(e.kind, e.kind),
            _filters(e.filters, w, at),
            w.code(e.action),
            str(e.copies),
            str(e.pages),
            e.copy_of or "",
            e.custodian,
        ]
        for e in g.rows
    ]
    copies, pages = sum(e.copies for e in g.rows), sum(e.pages for e in g.rows)
    count = f"{len(rows)} {w.meta['rows']}"
    totals = [w.meta["total"], count, "", "", "", "", str(copies), str(pages), "", ""]
    return [TableSection(columns, rows, totals), _signatures(w)]


def _campaign(g: CampaignResults, w: Words, at: Callable[..., str]) -> list[Section]:
    r = g.outcome
    c, p = r.campaign, r.progress
    col = w.columns
    head = KeyValues(
        [
            (w.meta["campaign_title"], c.title),
            (col["reason"], c.reason),
            (w.meta["outage_from"], at(c.outage_from)),
            (w.meta["restore"], at(c.restore_expected_at)),
            (w.meta["notice_due"], at(c.notice_due_at)),
            (
                w.meta["area"],
                " ".join(
                    n.community
                    + (f"{n.building}号楼" if n.building else "")
                    + (f"{n.unit}单元" if n.unit else "")
                    for n in c.area
                ),
            ),
            (
                w.meta["counts"],
                w.meta["counts_value"].format(
                    total=p.total,
                    notified=p.notified,
                    left=p.remaining + p.not_reached + p.wrong_number,
                    door=p.no_contact,
                ),
            ),
        ]
    )
    columns = [
        Column(col["customer"], 28),
        Column(col["address"], 60),
        Column(col["phone"], 28),
        Column(col["state"], 24),
        Column(col["attempts"], 16, "RIGHT"),
        Column(col["time"], 32),
        Column(col["job_no"], 16),
        Column(col["notes"], 69),
    ]

    def rows(statuses: tuple[str, ...]) -> list[list[str]]:
        return [
            [
                t.customer_name,
                t.address,
                t.phone or "",
                w.code(t.status),
                str(t.attempts),
                at(t.result_at),
                t.result_by_job_no or "",
                "",
            ]
            for t in r.targets
            if t.status in statuses
        ]

    sections: list[Section] = [head]
    for caption, statuses in (
        (w.meta["list_notified"], ("notified",)),
        (w.meta["list_not_notified"], ("pending", "not_reached", "wrong_number")),
        (w.meta["list_no_contact"], ("no_contact",)),
    ):
        listed = rows(statuses)
        sections.append(
            TableSection(
                columns,
                listed,
                [w.meta["total"], f"{len(listed)} {w.meta['rows']}", "", "", "", "", "", ""],
                caption=caption,
            )
        )
    sections.append(_signatures(w))
    return sections


def _layout(data: ReportData, w: Words, at: Callable[..., str]) -> tuple[list[Section], bool]:
    """The sections of ``data``'s kind, and whether it prints landscape."""
    match data:
        case CallLog():
            return _call_log(data, w, at), True
        case ComplaintRegister():
            return _complaints(data, w, at), True
        case CallbackLog():
            return _callbacks(data, w, at), True
        case CaseReport():
            return _case(data, w, at), False
        case HandoverReport():
            return _handover(data, w, at), False
        case KpiSummary():
            return _kpi(data, w, at), False
        case Registry():
            return _registry(data, w, at), True
        case CampaignResults():
            return _campaign(data, w, at), True


def build(data: ReportData, letterhead: Letterhead, zone: ZoneInfo) -> Report:
    w = words()
    at = _when(zone)
    sections, landscape = _layout(data, w, at)
    period = ""
    if isinstance(data, CallLog | ComplaintRegister | CallbackLog | KpiSummary | Registry):
        p = data.period
        period = f"{w.meta['period']}:{at(p.since)} {w.meta['to']} {at(p.until)}"
    filters: list[str] = []
    if isinstance(data, CallLog):
        filters.append(f"{w.meta['agent']}:{data.agent or w.meta['all_agents']}")
    header = Header(
        letterhead.company, letterhead.center, w.titles[data.kind], period, " ".join(filters)
    )
    labels: dict[str, Any] = dict(w.footer)
    return Report(header, sections, landscape=landscape, labels=labels)
