"""Each report kind laid out as the paper register it replaces (R6.1): plain data from
``console.printing.printing.gather`` in, a :class:`reports.pdf.Report` out. No database, no Qt.

Layouts: the call log, the complaint register, the callback log and the registry are
landscape tables with totals and the signature lines of a paper register (打印人 /
审核人 / 保管人); a case prints its summary, deadlines and full timeline; a handover
prints what was compiled, the notes and both agents' lines; the KPI summary is figures
and a bar chart; the quality trends are the weekly averages, a bar per clause and each
clause week by week (automatic and reviewed).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from reports.inputs import (
    CallbackLog,
    CallLog,
    CampaignResults,
    CaseReport,
    ComplaintRegister,
    HandoverReport,
    KpiSummary,
    Letterhead,
    QualityTrends,
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
    """A call's length: ``2:05``; an hour or more as ``1:02:05``; a total of many calls
    in hours, ``977:11:12`` (never 58631 minutes)."""
    if seconds is None:
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _signatures(w: Words, key: str = "signatures") -> Signatures:
    return Signatures(w.meta[key].split(","))


def _how(direction: str, channel: str, w: Words) -> str:
    """来电 / 去电 / 来访: which way the contact went, and whether it was a visit."""
    return w.code("visit" if channel == "visit" else direction)


def _call_log(g: CallLog, w: Words, at: Callable[..., str]) -> list[Section]:
    c = w.columns
    columns = [
        Column(c["time"], 29),
        Column(c["job_no"], 12),
        Column(c["direction"], 11),
        Column(c["number"], 26),
        Column(c["customer"], 22),
        Column(c["intent"], 14),
        Column(c["state"], 17),
        Column(c["duration"], 17, "RIGHT"),
        Column(c["notes"], 125),
    ]
    rows = [
        [
            at(r.started_at),
            r.job_no,
            _how(r.direction, r.channel, w),
            r.caller_number or "",
            r.customer_name or "",
            w.code(r.intent),
            w.code("dropped" if r.dropped else r.state),
            _duration(r.duration_s),
            r.notes_excerpt,
        ]
        for r in g.rows
    ]
    total = sum(r.duration_s or 0 for r in g.rows)
    totals = [w.meta["total"], "", "", "", "", "", "", _duration(total), _count(len(rows), w)]
    return [TableSection(columns, rows, totals), _signatures(w)]


def _count(n: int, w: Words) -> str:
    return f"{n} {w.meta['rows']}"


def _complaints(g: ComplaintRegister, w: Words, at: Callable[..., str]) -> list[Section]:
    c = w.columns
    columns = [
        Column(c["case_no"], 22),
        Column(c["opened"], 25),
        Column(c["customer"], 16),
        Column(c["phone"], 22),
        Column(c["address"], 28),
        Column(c["content"], 41),
        Column(c["department"], 18),
        Column(c["owner"], 18),
        Column(c["replied"], 25),
        Column(c["in_time"], 17),
        Column(c["result"], 27),
        Column(c["satisfaction"], 14),
    ]
    yes, no = w.code("yes"), w.code("no")
    rows = [
        [
            e.case_no,
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
    totals = [w.meta["total"], _count(len(rows), w), "", "", "", "", "", ""]
    totals += [str(replied), str(in_time), "", ""]
    return [TableSection(columns, rows, totals, wrap=True), _signatures(w)]


def _callbacks(g: CallbackLog, w: Words, at: Callable[..., str]) -> list[Section]:
    c = w.columns
    columns = [
        Column(c["time"], 29),
        Column(c["job_no"], 12),
        Column(c["reason"], 24),
        Column(c["customer"], 22),
        Column(c["phone"], 24),
        Column(c["attempts"], 16, "RIGHT"),
        Column(c["result"], 18),
        Column(c["case_no"], 22),
        Column(c["case"], 106),
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
            r.case_no or "",
            f"{w.code(r.case_kind)} · {r.case_summary}" if r.case_kind else "",
        ]
        for r in g.rows
    ]
    satisfied = sum(1 for r in g.rows if r.result == "satisfied")
    totals = [w.meta["total"], "", "", "", "", "", f"{w.code('satisfied')} {satisfied}", ""]
    totals.append(_count(len(rows), w))
    return [TableSection(columns, rows, totals), _signatures(w)]


def _timeline_note(data: Mapping[str, Any], departments: Mapping[str, str], w: Words) -> str:
    """What a timeline entry says, in words: the department by name, the callback's
    result, whom it was transferred to, the reason or decision, the note."""
    parts: list[str] = []
    if data.get("department"):
        parts.append(departments.get(str(data["department"]), str(data["department"])))
    if "satisfied" in data:
        parts.append(w.code("satisfied" if data["satisfied"] else "unsatisfied"))
    if data.get("to_job_no"):
        parts.append(w.meta["transferred_to"].format(job_no=data["to_job_no"]))
    parts += [str(data[k]) for k in ("reason", "decision", "note") if data.get(k)]
    return " · ".join(parts)


def _clock_state(k: Any, w: Words) -> str:
    if k.escalated_at:
        return w.code("escalated")
    if k.stopped_at:
        return w.code("stopped")
    return w.code("paused" if k.paused_since else "running")


def _case(g: CaseReport, w: Words, at: Callable[..., str]) -> list[Section]:
    d = g.detail
    c = d.case
    departments = dict(d.departments)
    col = w.columns
    head = KeyValues(
        [
            (col["case_no"], c.case_no),
            (col["intent"], w.code(c.kind)),
            (col["state"], w.code(c.status)),
            (col["owner"], c.owner_job_no),
            (col["department"], departments.get(c.department or "", c.department or "")),
            (col["opened"], at(c.opened_at)),
            (col["closed"], at(c.closed_at)),
            (col["notes"], c.summary),
        ]
    )
    clocks = TableSection(
        [Column(col["clock"], 106), Column(col["due"], 50), Column(col["clock_state"], 30)],
        [[d.clock_titles.get(k.name, k.name), at(k.due_at), _clock_state(k, w)] for k in d.clocks],
        caption=col["clock"],
        wrap=True,
    )
    timeline = TableSection(
        [
            Column(col["time"], 29),
            Column(col["job_no"], 14),
            Column(col["entry"], 40),
            Column(col["notes"], 103),
        ],
        [
            [
                at(e.at),
                e.job_no,
                w.timeline.get(e.kind, e.kind),
                _timeline_note(e.data, departments, w),
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
    col, meta = w.columns, w.meta
    lines = [
        f"{s.shift_name} · {col['job_no']} {s.job_no} · {s.seat} · "
        f"{at(s.shift_start)} {meta['to']} {at(s.shift_end)}",
        meta["calls_line"].format(calls=s.calls, answered=s.answered, abandoned=s.abandoned),
    ]
    if s.by_intent:
        counts = " · ".join(f"{w.code(k)} {v}" for k, v in sorted(s.by_intent.items()))
        lines.append(f"{meta['by_intent']}:{counts}")
    sections: list[Section] = [
        Text(lines),
        TableSection(
            [
                Column(col["due"], 29),
                Column(col["case_no"], 22),
                Column(col["clock"], 40),
                Column(col["intent"], 14),
                Column(col["notes"], 81),
            ],
            [[at(c.due_at), c.case_no, c.clock, w.code(c.kind), c.summary] for c in s.cases_due],
            caption=meta["cases_due"].format(shift=s.next_shift_name),
            wrap=True,
        ),
        TableSection(
            [Column(col["due"], 29), Column(col["reason"], 40), Column(col["case_no"], 117)],
            [[at(c.due_at), w.code(c.reason), c.case_no] for c in s.callbacks_due],
            caption=meta["callbacks_due"],
            wrap=True,
        ),
        TableSection(
            [
                Column(col["opened"], 29),
                Column(col["case_no"], 22),
                Column(col["owner"], 18),
                Column(col["notes"], 117),
            ],
            [[at(i.opened_at), i.case_no, i.owner_job_no, i.summary] for i in s.incidents],
            caption=meta["incidents"],
            wrap=True,
        ),
        TableSection(
            [Column(col["seat"], 29), Column(col["item"], 60), Column(col["notes"], 97)],
            [[p.seat, p.text, p.note] for p in s.problems],
            caption=meta["problems"],
            wrap=True,
        ),
        Text(list(s.campaigns), caption=meta["campaigns"]),
        Text(h.notes.splitlines(), caption=meta["handover_notes"]),
    ]
    if h.acknowledged_by:
        sections.append(
            Text(
                [f"{h.acknowledged_by} · {at(h.acknowledged_at)} · {h.ack_note}".rstrip(" ·")],
                caption=meta["acknowledged"],
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
    """A registry entry's filters as a clerk reads them (entries made before reports
    recorded their subject): local times, named fields."""
    parts = []
    for key, value in sorted(filters.items()):
        if key in ("since", "until"):
            value = at(datetime.fromisoformat(value))
        parts.append(f"{w.meta.get(key, key)}={value}")
    return " ".join(parts)


def _registry(g: Registry, w: Words, at: Callable[..., str]) -> list[Section]:
    c = w.columns
    columns = [
        Column(c["serial"], 22),
        Column(c["time"], 29),
        Column(c["printed_by"], 14),
        Column(c["kind"], 28),
        Column(c["filters"], 75),
        Column(c["action"], 12),
        Column(c["copies"], 12, "RIGHT"),
        Column(c["pages"], 12, "RIGHT"),
        Column(c["copy_of"], 22),
        Column(c["audit_head"], 18, "RIGHT"),
        Column(w.meta["custodian"], 29),
    ]
    rows = [
        [
            e.serial,
            at(e.printed_at),
            e.job_no,
            w.titles.get(e.kind, e.kind),
            e.subject or _filters(e.filters, w, at),
            w.code(e.action),
            str(e.copies),
            str(e.pages),
            e.copy_of or "",
            str(e.audit_head.entry_id) if e.audit_head is not None else "",
            e.custodian,
        ]
        for e in g.rows
    ]
    copies, pages = sum(e.copies for e in g.rows), sum(e.pages for e in g.rows)
    totals = [w.meta["total"], _count(len(rows), w), "", "", "", "", str(copies), str(pages)]
    totals += ["", "", ""]
    return [TableSection(columns, rows, totals, wrap=True), _signatures(w)]


def _area(c: Any) -> str:
    return " ".join(
        n.community
        + (f"{n.building}号楼" if n.building else "")
        + (f"{n.unit}单元" if n.unit else "")
        for n in c.area
    )


def _campaign(g: CampaignResults, w: Words, at: Callable[..., str]) -> list[Section]:
    """The campaign's head, then its three lists in walking order (the domain sorts
    them): those told, those not yet told, and the door-to-door sheet — the last with
    blank columns the one who goes to the door fills in by hand."""
    r = g.outcome
    c, p = r.campaign, r.progress
    col, meta = w.columns, w.meta
    head = KeyValues(
        [
            (meta["campaign_title"], c.title),
            (col["reason"], c.reason),
            (meta["outage_from"], at(c.outage_from)),
            (meta["restore"], at(c.restore_expected_at)),
            (meta["notice_due"], at(c.notice_due_at)),
            (meta["area"], _area(c)),
            (
                meta["counts"],
                meta["counts_value"].format(
                    total=p.total,
                    notified=p.notified,
                    left=p.remaining + p.not_reached + p.wrong_number,
                    door=p.no_contact,
                ),
            ),
        ]
    )
    called = [
        Column(col["customer"], 30),
        Column(col["address"], 121),
        Column(col["phone"], 30),
        Column(col["state"], 24),
        Column(col["attempts"], 20, "RIGHT"),
        Column(col["time"], 32),
        Column(col["job_no"], 16),
    ]
    sections: list[Section] = [head]
    for caption, statuses in (
        (meta["list_notified"], ("notified",)),
        (meta["list_not_notified"], ("pending", "not_reached", "wrong_number")),
    ):
        listed = [
            [
                t.customer_name,
                t.address,
                t.phone or "",
                w.code(t.status),
                str(t.attempts),
                at(t.result_at),
                t.result_by_job_no or "",
            ]
            for t in r.targets
            if t.status in statuses
        ]
        totals = [meta["total"], _count(len(listed), w), "", "", "", "", ""]
        sections.append(TableSection(called, listed, totals, caption=caption))
    door = [
        Column(col["customer"], 30),
        Column(col["address"], 121),
        Column(col["door_time"], 40),
        Column(col["door_signature"], 50),
        Column(col["door_by"], 32),
    ]
    visits = [
        [t.customer_name, t.address, "", "", ""] for t in r.targets if t.status == "no_contact"
    ]
    totals = [meta["total"], _count(len(visits), w), "", "", ""]
    sections.append(TableSection(door, visits, totals, caption=meta["list_no_contact"]))
    sections.append(_signatures(w))
    return sections


def _share(met: int, judged: int) -> str:
    return "—" if judged == 0 else f"{100 * met / judged:.1f}%"


def _quality_trends(g: QualityTrends, w: Words, at: Callable[..., str]) -> list[Section]:
    """The weekly averages, each clause week by week, and each clause over the period."""
    c = w.columns
    scores = {(s.week, s.source): s for s in g.scores}
    clauses = {(x.week, x.source, x.code): x for x in g.clauses}
    rows = []
    for week in g.weeks:
        line = [week.isoformat()]
        for source in ("automatic", "reviewed"):
            s = scores[(week, source)]
            line += [str(s.calls), "—" if s.average is None else f"{s.average:.1f}"]
        rows.append(line)
    weekly = TableSection(
        [
            Column(c["week"], 30),
            Column(c["auto_calls"], 30, "RIGHT"),
            Column(c["auto_average"], 30, "RIGHT"),
            Column(c["reviewed_calls"], 30, "RIGHT"),
            Column(c["reviewed_average"], 30, "RIGHT"),
        ],
        rows,
        caption=w.meta["quality_scores"],
    )
    by_clause = []
    bars: list[tuple[str, float | None]] = []
    for item in g.checklist:
        totals = {"automatic": [0, 0], "reviewed": [0, 0]}
        for week in g.weeks:
            line = [item.clause, item.text, week.isoformat()]
            for source in ("automatic", "reviewed"):
                x = clauses[(week, source, item.code)]
                totals[source][0] += x.met
                totals[source][1] += x.judged
                line += [f"{x.met}/{x.judged}", _share(x.met, x.judged)]
            by_clause.append(line)
        met, judged = totals["reviewed"] if totals["reviewed"][1] else totals["automatic"]
        label = f"{item.clause} {item.text[:10]}"  # two items may cite one clause
        bars.append((label, None if judged == 0 else 100 * met / judged))
    per_clause = TableSection(
        [
            Column(c["clause"], 24),
            Column(c["clause_text"], 110),
            Column(c["week"], 24),
            Column(c["auto_met"], 24, "RIGHT"),
            Column(c["auto_share"], 24, "RIGHT"),
            Column(c["reviewed_met"], 24, "RIGHT"),
            Column(c["reviewed_share"], 24, "RIGHT"),
        ],
        by_clause,
        caption=w.meta["quality_clauses"],
    )
    return [weekly, Bars(bars, w.meta["quality_bars"]), per_clause, _signatures(w)]


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
        case QualityTrends():
            return _quality_trends(data, w, at), True


def _subject(data: ReportData, w: Words, at: Callable[..., str]) -> tuple[str, str]:
    """The header's period line and filter line: what the report covers, in words."""
    meta = w.meta
    period = ""
    if isinstance(
        data, CallLog | ComplaintRegister | CallbackLog | KpiSummary | Registry | QualityTrends
    ):
        p = data.period
        period = f"{meta['period']}:{at(p.since)} {meta['to']} {at(p.until)}"
    match data:
        case CallLog() | QualityTrends():
            return period, f"{meta['agent']}:{data.agent or meta['all_agents']}"
        case CaseReport():
            return period, f"{meta['case_no']}:{data.detail.case.case_no}"
        case HandoverReport():
            s = data.handover.summary
            return period, (
                f"{meta['handed_over_by']}:{s.job_no} · {s.shift_name} · "
                f"{at(s.shift_start)} {meta['to']} {at(s.shift_end)}"
            )
        case CampaignResults():
            return period, f"{meta['campaign_title']}:{data.outcome.campaign.title}"
    return period, ""


def build(data: ReportData, letterhead: Letterhead, zone: ZoneInfo) -> Report:
    w = words()
    at = _when(zone)
    sections, landscape = _layout(data, w, at)
    period, filters = _subject(data, w, at)
    header = Header(letterhead.company, letterhead.center, w.titles[data.kind], period, filters)
    labels: dict[str, Any] = dict(w.footer)
    return Report(header, sections, landscape=landscape, labels=labels)
