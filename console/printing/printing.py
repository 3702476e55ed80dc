"""Printing and exporting reports, and the print registry (R6.1, R6.3, R6.5).

A report is asked for as a :class:`ReportRequest` (kind + filters). :func:`produce`
does the whole job, from the console's worker or the command line alike:

1. gather the rows (a unit of work; the role rules of the kind and of the services it
   reads apply — an agent prints their own call log, a supervisor everyone's);
2. take the next registry serial number (a short unit of work: it is printed on every
   page, so it is known before the PDF is built);
3. build the PDF off any transaction (``reports/``), cancellable between pages; the
   file appears only when complete;
4. register it: serial, who, when, kind and filters, copies, custodian, pages and the
   file's SHA-256 — and audit it. A reprint is registered as a copy of its original.

Tamper evidence on paper: the audit chain's head (its newest entry's number and hash)
is read with the rows and printed in every page's footer, and the registry keeps it.
Removing the newest audit entries leaves a chain that still verifies on its own; it no
longer holds the heads printed since, which ``audit verify`` checks (``db.audit``).

A report cancelled after step 2 leaves no file and no registry entry; its serial is
not reused, and the audit trail says why it is missing (``report.cancelled``).

Who may print what (R8.2) is the table :data:`REPORTS`, checked here and again by the
services the data comes from: call logs — every agent (their own calls only,
``console.calls.call_log``); the handover report — every agent; a case report — its owner
or a supervisor; a notification campaign's results, the complaint register, the callback
log, the KPI summary and the registry itself — supervisors and administrators; the quality
trends — every agent (their own, ``console.quality.trends``), supervisors anyone's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.calls import call_log
from console.campaigns import campaigns
from console.cases import case_board, cases, complaint_register, follow_up
from console.content.dialogue import company
from console.content.holiday_calendar import DEFAULT_ZONE
from console.core import audit
from console.core.audit import Head
from console.core.checks import check_period
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role, require_role
from console.core.runner import Runner
from console.core.serials import next_serial
from console.core.unit import db_now
from console.core.vocabulary import JobNumber, PrintAction, ReportKind
from console.quality import trends
from console.shift import kpi, shift
from db.models import Agent, PrintRecord, ReportSerial
from reports import inputs

MAX_ROWS = 50_000
MAX_COPIES = 20
PREVIEW = "预览 PREVIEW"  # the footer's serial on a preview: not a registered report


@dataclass(frozen=True)
class ReportRequest:
    """What to print. Periods are [since, until), aware."""

    kind: str
    since: datetime | None = None
    until: datetime | None = None
    job_no: str | None = None  # call log of one agent
    case_no: str | None = None  # 工单号, as an agent says it
    handover_id: str | None = None
    campaign_id: str | None = None

    def filters(self) -> dict[str, str]:
        return {
            k: (v.isoformat() if isinstance(v, datetime) else str(v))
            for k, v in asdict(self).items()
            if v is not None and k != "kind"
        }

    @classmethod
    def from_filters(cls, kind: str, filters: dict[str, str]) -> ReportRequest:
        at = datetime.fromisoformat
        return cls(
            kind,
            since=at(filters["since"]) if "since" in filters else None,
            until=at(filters["until"]) if "until" in filters else None,
            job_no=filters.get("job_no"),
            case_no=filters.get("case_no"),
            handover_id=filters.get("handover_id"),
            campaign_id=filters.get("campaign_id"),
        )


@dataclass(frozen=True)
class PrintEntry:
    serial: str
    kind: str
    title: str
    filters: dict[str, str]
    action: str
    copies: int
    custodian: str
    copy_of: str | None
    pages: int
    sha256: str
    printed_at: datetime
    job_no: JobNumber
    subject: str = ""  # what the report's header said it covers
    audit_head: Head | None = None  # the audit chain's head printed on it


@dataclass(frozen=True)
class Gathered:
    """The rows of a report as of the database's now, with who asked and the audit
    chain's head at that moment."""

    request: ReportRequest
    data: inputs.ReportData
    now: datetime
    printed_by: str  # job number and name
    audit_head: Head


# --- checks ----------------------------------------------------------------------------------


def check_request(ctx: AgentContext, req: ReportRequest) -> ReportRequest:
    if not isinstance(req.kind, str) or req.kind not in REPORTS:
        raise UserFacingError("input.invalid_choice", field="kind", value=str(req.kind)[:32])
    rule = REPORTS[ReportKind(req.kind)]
    require_role(ctx, rule.printed_by)
    mine = req.kind == ReportKind.CALL_LOG and not ctx.is_at_least(Role.SUPERVISOR)
    if mine and req.job_no is None:
        # An agent's call log is their own calls: the header and the registry say so,
        # and a copy printed later by a supervisor holds the same calls.
        req = replace(req, job_no=ctx.stamped_job_no)
    if rule.period:
        if req.since is None or req.until is None:
            raise UserFacingError("report.period_required")
        check_period(req.since, req.until)
    if rule.requires is not None and not getattr(req, rule.requires):
        raise UserFacingError(_MISSING[rule.requires])
    if req.case_no is not None:
        req = replace(req, case_no=cases.check_case_no(req.case_no))  # as written, not typed
    return req


# What the user is told when a kind's filter is missing (never the field's name).
_MISSING = {
    "case_no": "report.case_required",
    "handover_id": "report.handover_required",
    "campaign_id": "report.campaign_required",
}


def _call_rows(s: Session, ctx: AgentContext, req: ReportRequest) -> list[call_log.CallLogRow]:
    flt = call_log.CallFilter(since=req.since, until=req.until, job_no=req.job_no)
    rows: list[call_log.CallLogRow] = []
    cursor = None
    while True:
        page = call_log.search(s, ctx, flt, "started_at", False, cursor, 1000)
        # The filter's ``until`` is inclusive; a report's period is [since, until).
        rows += [r for r in page.rows if req.until is None or r.started_at < req.until]
        if len(rows) > MAX_ROWS:
            raise UserFacingError("report.too_many_rows", limit=MAX_ROWS)
        if page.cursor is None:
            return rows
        cursor = page.cursor


# --- services (each one unit of work) --------------------------------------------------------


def _period(req: ReportRequest) -> inputs.Period:
    assert req.since is not None and req.until is not None  # check_request made sure
    return inputs.Period(req.since, req.until)


def _call_log(s: Session, ctx: AgentContext, req: ReportRequest) -> inputs.ReportData:
    # An agent's log holds their own calls whatever was asked (call_log.search sees to
    # it): its page names them, not 全部坐席.
    job_no = req.job_no if ctx.is_at_least(Role.SUPERVISOR) else ctx.stamped_job_no
    return inputs.CallLog(_period(req), job_no, _call_rows(s, ctx, req))


def _complaints(s: Session, ctx: AgentContext, req: ReportRequest) -> inputs.ReportData:
    p = _period(req)
    return inputs.ComplaintRegister(p, complaint_register.entries(s, ctx, p.since, p.until))


def _callback_log(s: Session, ctx: AgentContext, req: ReportRequest) -> inputs.ReportData:
    p = _period(req)
    return inputs.CallbackLog(p, follow_up.callback_log(s, ctx, p.since, p.until, MAX_ROWS))


def _case(s: Session, ctx: AgentContext, req: ReportRequest) -> inputs.ReportData:
    case = cases.find_case(s, ctx, req.case_no or "")
    detail = case_board.case_detail(s, ctx, case.id)
    if detail.case.owner_job_no != ctx.stamped_job_no and not ctx.is_at_least(Role.SUPERVISOR):
        raise UserFacingError("case.not_owner", owner=detail.case.owner_job_no)
    return inputs.CaseReport(detail)


def _handover(s: Session, ctx: AgentContext, req: ReportRequest) -> inputs.ReportData:
    return inputs.HandoverReport(shift.get(s, ctx, req.handover_id or ""))


def _kpi(s: Session, ctx: AgentContext, req: ReportRequest) -> inputs.ReportData:
    p = _period(req)
    return inputs.KpiSummary(p, kpi.kpis(s, ctx, p.since, p.until))


def _registry(s: Session, ctx: AgentContext, req: ReportRequest) -> inputs.ReportData:
    p = _period(req)
    return inputs.Registry(p, registry(s, ctx, p.since, p.until))


def _campaign(s: Session, ctx: AgentContext, req: ReportRequest) -> inputs.ReportData:
    return inputs.CampaignResults(campaigns.report(s, ctx, req.campaign_id or ""))


def _quality_trends(s: Session, ctx: AgentContext, req: ReportRequest) -> inputs.ReportData:
    """The weeks holding the period's first and last moments (a reprint reads its times
    back with their offset only: the center's zone is then the default one)."""
    p = _period(req)
    zone = p.since.tzinfo if isinstance(p.since.tzinfo, ZoneInfo) else ZoneInfo(DEFAULT_ZONE)
    last = (p.until - timedelta(microseconds=1)).astimezone(zone).date()
    t = trends.trends(s, ctx, p.since.astimezone(zone).date(), last, zone, req.job_no)
    return inputs.QualityTrends(p, t.agent, t.weeks, t.checklist, t.scores, t.clauses)


@dataclass(frozen=True)
class ReportRule:
    """What one kind of report asks for and how its rows are gathered."""

    printed_by: Role  # the least role that may print it
    period: bool  # it covers [since, until)
    requires: str | None  # the filter it cannot do without (a ReportRequest field)
    gather: Callable[[Session, AgentContext, ReportRequest], inputs.ReportData]


# Every report kind (R6.1), in the order the reports dialog offers them.
REPORTS: Mapping[ReportKind, ReportRule] = MappingProxyType(
    {
        ReportKind.CALL_LOG: ReportRule(Role.AGENT, True, None, _call_log),
        ReportKind.COMPLAINT_REGISTER: ReportRule(Role.SUPERVISOR, True, None, _complaints),
        ReportKind.CALLBACK_LOG: ReportRule(Role.SUPERVISOR, True, None, _callback_log),
        ReportKind.CASE: ReportRule(Role.AGENT, False, "case_no", _case),
        ReportKind.HANDOVER: ReportRule(Role.AGENT, False, "handover_id", _handover),
        ReportKind.KPI: ReportRule(Role.SUPERVISOR, True, None, _kpi),
        ReportKind.REGISTRY: ReportRule(Role.SUPERVISOR, True, None, _registry),
        ReportKind.CAMPAIGN: ReportRule(Role.SUPERVISOR, False, "campaign_id", _campaign),
        ReportKind.QUALITY_TRENDS: ReportRule(Role.AGENT, True, None, _quality_trends),
    }
)


def gather(s: Session, ctx: AgentContext, req: ReportRequest) -> Gathered:
    """The rows of the report, read with the asking agent's rights."""
    req = check_request(ctx, req)
    now = db_now(s)
    data = REPORTS[ReportKind(req.kind)].gather(s, ctx, req)
    name = s.scalar(select(Agent.name).where(Agent.job_no == ctx.job_no)) or ""
    who = f"{ctx.stamped_job_no} {name}".strip()
    if ctx.acting_job_no:
        who = f"{ctx.acting_job_no}(由 {ctx.job_no} 代理)"
    return Gathered(req, data, now, who, audit.head(s))


def reserve_serial(s: Session, ctx: AgentContext) -> str:
    """The next registry serial number of the year, ``2026-000123``."""
    year = db_now(s).year
    return f"{year}-{next_serial(s, ReportSerial, year):06d}"


def register(
    s: Session,
    ctx: AgentContext,
    serial: str,
    req: ReportRequest,
    title: str,
    action: str,
    copies: int,
    pages: int,
    sha256: str,
    copy_of: str | None = None,
    subject: str = "",
    audit_head: Head | None = None,
) -> PrintEntry:
    """One registry entry (the database refuses an ``audit_head`` that is not an entry
    of the chain: a page cannot carry a made-up head)."""
    if not isinstance(action, str) or action not in frozenset(PrintAction):
        raise UserFacingError("input.invalid_choice", field="action", value=str(action)[:16])
    if isinstance(copies, bool) or not isinstance(copies, int) or not 1 <= copies <= MAX_COPIES:
        raise UserFacingError("input.out_of_range", field="copies", low=1, high=MAX_COPIES)
    if audit_head is None:
        raise UserFacingError("report.audit_head_unknown")
    row = PrintRecord(
        serial=serial,
        kind=req.kind,
        title=title,
        filters=json.dumps(req.filters(), ensure_ascii=False, sort_keys=True),
        action=action,
        copies=copies,
        custodian=company().records_custodian,
        copy_of=copy_of,
        pages=pages,
        sha256=sha256,
        printed_at=db_now(s),
        subject=subject[:1000],
        audit_head_id=audit_head.entry_id,
        audit_head_hash=audit_head.hash,
    )
    s.add(row)
    s.flush()
    audit.record(
        s,
        f"report.{action}ed",
        serial=serial,
        report=req.kind,
        filters=req.filters(),
        copies=copies,
        copy_of=copy_of,
        audit_head=audit_head.entry_id,
    )
    return _entry(row)


def record_cancel(s: Session, ctx: AgentContext, serial: str, req: ReportRequest) -> None:
    """Why a serial number has no registry entry: the report was cancelled."""
    audit.record(s, "report.cancelled", serial=serial, report=req.kind, filters=req.filters())


def _entry(r: PrintRecord) -> PrintEntry:
    return PrintEntry(
        serial=r.serial,
        kind=r.kind,
        title=r.title,
        filters=json.loads(r.filters),
        action=r.action,
        copies=r.copies,
        custodian=r.custodian,
        copy_of=r.copy_of,
        pages=r.pages,
        sha256=r.sha256,
        printed_at=r.printed_at,
        job_no=r.job_no,
        subject=r.subject or "",
        audit_head=(
            Head(r.audit_head_id, r.audit_head_hash or "") if r.audit_head_id is not None else None
        ),
    )


def entry(s: Session, ctx: AgentContext, serial: str) -> PrintEntry:
    row = s.get(PrintRecord, str(serial)[:16])
    if row is None:
        raise UserFacingError("report.not_found", serial=str(serial)[:16])
    if row.job_no != ctx.stamped_job_no:
        require_role(ctx, Role.SUPERVISOR)
    return _entry(row)


def registry(s: Session, ctx: AgentContext, since: datetime, until: datetime) -> list[PrintEntry]:
    """The registry of [since, until), in serial order (supervisors)."""
    require_role(ctx, Role.SUPERVISOR)
    rows = s.scalars(
        select(PrintRecord)
        .where(PrintRecord.printed_at >= since, PrintRecord.printed_at < until)
        .order_by(PrintRecord.printed_at, PrintRecord.serial)
        .limit(MAX_ROWS)
    )
    return [_entry(r) for r in rows]


# --- the whole job (outside any unit of work) ------------------------------------------------


def produce(
    run: Runner,
    req: ReportRequest,
    path: Path,
    *,
    zone: Any,
    action: PrintAction = PrintAction.EXPORT,
    copies: int = 1,
    copy_of: str | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[int], None] | None = None,
    preview: bool = False,
) -> PrintEntry:
    """Gather, number, build and register one report (see the module's notes).

    ``preview``: for the screen only — no serial is taken and nothing is registered;
    the footer says 预览 where the serial would be, so a preview printed anyway is
    recognisably not a registered report."""
    from reports import kinds, pdf  # reportlab is loaded only when something is printed

    gathered: Gathered = run(gather, req)
    req = gathered.request  # as checked: what the report covers, for the registry
    if cancelled():
        raise pdf.Cancelled()
    serial: str = PREVIEW if preview else run(reserve_serial)
    letterhead = inputs.Letterhead(company().legal_name, company().center)
    report = kinds.build(gathered.data, letterhead, zone)
    head = gathered.audit_head
    footer = pdf.Footer(
        printed_by=gathered.printed_by,
        printed_at=gathered.now.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        serial=serial,
        copy_of=copy_of,
        audit_entry=head.entry_id,
        audit_hash=head.hash,
    )
    try:
        rendered = pdf.render(report, footer, path, cancelled=cancelled, progress=progress)
    except pdf.Cancelled:
        if not preview:
            run(record_cancel, serial, req)
        raise
    digest = hashlib.sha256(Path(rendered.path).read_bytes()).hexdigest()
    subject = report.header.subject
    if preview:
        return PrintEntry(
            serial,
            req.kind,
            report.header.title,
            req.filters(),
            PrintAction.EXPORT,
            1,
            "",
            None,
            rendered.pages,
            digest,
            gathered.now,
            JobNumber(gathered.printed_by),  # unregistered: who asked, as the footer says
            subject,
            head,
        )
    try:
        registered: PrintEntry = run(
            register,
            serial,
            req,
            report.header.title,
            action,
            copies,
            rendered.pages,
            digest,
            copy_of,
            subject,
            head,
        )
        return registered
    except BaseException:
        Path(rendered.path).unlink(missing_ok=True)  # an unregistered report is no report
        raise


def reprint(
    run: Runner,
    serial: str,
    path: Path,
    *,
    zone: Any,
    action: PrintAction = PrintAction.PRINT,
    copies: int = 1,
    kind: str | None = None,
) -> PrintEntry:
    """The same report again (its kind and filters, today's data), registered as a copy
    of the original — never as a new original. ``kind``: the kind the user asked for
    (the command line's ``report KIND --reprint SERIAL``); a copy of another kind is
    refused, not printed as what the original was."""
    from reports.words import words

    original: PrintEntry = run(entry, serial)
    if kind is not None and kind != original.kind:
        titles = words().titles
        raise UserFacingError(
            "report.reprint_other_kind",
            serial=original.serial,
            original=titles.get(original.kind, original.kind),
            asked=titles.get(kind, kind),
        )
    filters = dict(original.filters)
    if "case_id" in filters:  # registered before case numbers (migration 0015)
        legacy = cases.check_case_id(filters.pop("case_id"))
        filters["case_no"] = run(cases.get_case, legacy).case_no
    req = ReportRequest.from_filters(original.kind, filters)
    root = original.copy_of or original.serial
    return produce(run, req, path, zone=zone, action=action, copies=copies, copy_of=root)


__all__ = [
    "REPORTS",
    "Gathered",
    "PrintEntry",
    "ReportRequest",
    "ReportRule",
    "entry",
    "gather",
    "produce",
    "record_cancel",
    "register",
    "registry",
    "reprint",
    "reserve_serial",
]
