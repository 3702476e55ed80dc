"""What each report kind is built from: one typed input per kind, and the shape of the
rows it reads.

Reports take plain data (STYLE.md): this package imports neither the domain nor the
database. The row shapes are read-only protocols, so the domain's own frozen records
(``console.calls.call_log.CallLogRow``, ``console.cases.case_board.CaseDetail``…) are
handed over as they are — mypy checks at the call site that they fit — and nothing is
copied field by field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar, Protocol

# --- the rows ------------------------------------------------------------------------------


class CallLogLine(Protocol):
    @property
    def started_at(self) -> datetime: ...
    @property
    def job_no(self) -> str: ...
    @property
    def direction(self) -> str: ...  # inbound | outbound (callbacks, notices)
    @property
    def channel(self) -> str: ...  # phone | visit (a walk-in at the service hall)
    @property
    def caller_number(self) -> str | None: ...
    @property
    def customer_name(self) -> str | None: ...
    @property
    def intent(self) -> str | None: ...
    @property
    def state(self) -> str: ...
    @property
    def duration_s(self) -> int | None: ...
    @property
    def notes_excerpt(self) -> str: ...
    @property
    def dropped(self) -> bool: ...  # 掉线: lost by the line after it was answered


class ComplaintLine(Protocol):
    @property
    def case_no(self) -> str: ...
    @property
    def opened_at(self) -> datetime: ...
    @property
    def customer_name(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def address(self) -> str | None: ...
    @property
    def summary(self) -> str: ...
    @property
    def department(self) -> str | None: ...
    @property
    def owner_job_no(self) -> str: ...
    @property
    def replied_at(self) -> datetime | None: ...
    @property
    def replied_in_time(self) -> bool | None: ...
    @property
    def result(self) -> str: ...
    @property
    def satisfaction(self) -> str | None: ...


class CallbackLine(Protocol):
    @property
    def done_at(self) -> datetime | None: ...
    @property
    def job_no(self) -> str | None: ...
    @property
    def reason(self) -> str: ...
    @property
    def customer_name(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def attempts(self) -> int: ...
    @property
    def result(self) -> str | None: ...
    @property
    def case_no(self) -> str | None: ...
    @property
    def case_kind(self) -> str | None: ...
    @property
    def case_summary(self) -> str | None: ...


class CaseHead(Protocol):
    @property
    def case_no(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def owner_job_no(self) -> str: ...
    @property
    def department(self) -> str | None: ...
    @property
    def opened_at(self) -> datetime: ...
    @property
    def closed_at(self) -> datetime | None: ...
    @property
    def summary(self) -> str: ...


class ClockLine(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def escalated_at(self) -> datetime | None: ...
    @property
    def stopped_at(self) -> datetime | None: ...
    @property
    def paused_since(self) -> datetime | None: ...


class TimelineLine(Protocol):
    @property
    def at(self) -> datetime: ...
    @property
    def job_no(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def data(self) -> Mapping[str, Any]: ...


class CaseDetail(Protocol):
    @property
    def case(self) -> CaseHead: ...
    @property
    def clocks(self) -> Sequence[ClockLine]: ...
    @property
    def timeline(self) -> Sequence[TimelineLine]: ...
    @property
    def departments(self) -> Sequence[tuple[str, str]]: ...
    @property
    def clock_titles(self) -> Mapping[str, str]: ...  # clock name -> its title in the policy


class CaseDueLine(Protocol):
    @property
    def case_no(self) -> str: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def clock(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def summary(self) -> str: ...


class CallbackDueLine(Protocol):
    @property
    def due_at(self) -> datetime: ...
    @property
    def reason(self) -> str: ...
    @property
    def case_no(self) -> str: ...  # "" for a callback without a case


class IncidentLine(Protocol):
    @property
    def case_no(self) -> str: ...
    @property
    def opened_at(self) -> datetime: ...
    @property
    def owner_job_no(self) -> str: ...
    @property
    def summary(self) -> str: ...


class ProblemLine(Protocol):
    @property
    def seat(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def note(self) -> str: ...


class ShiftSummary(Protocol):
    @property
    def job_no(self) -> str: ...
    @property
    def seat(self) -> str: ...
    @property
    def shift_name(self) -> str: ...
    @property
    def shift_start(self) -> datetime: ...
    @property
    def shift_end(self) -> datetime: ...
    @property
    def next_shift_name(self) -> str: ...
    @property
    def calls(self) -> int: ...
    @property
    def answered(self) -> int: ...
    @property
    def abandoned(self) -> int: ...
    @property
    def by_intent(self) -> Mapping[str, int]: ...
    @property
    def cases_due(self) -> Sequence[CaseDueLine]: ...
    @property
    def callbacks_due(self) -> Sequence[CallbackDueLine]: ...
    @property
    def incidents(self) -> Sequence[IncidentLine]: ...
    @property
    def problems(self) -> Sequence[ProblemLine]: ...
    @property
    def campaigns(self) -> Sequence[str]: ...  # open outage notices, one line each


class Handover(Protocol):
    @property
    def summary(self) -> ShiftSummary: ...
    @property
    def notes(self) -> str: ...
    @property
    def acknowledged_by(self) -> str | None: ...
    @property
    def acknowledged_at(self) -> datetime | None: ...
    @property
    def ack_note(self) -> str: ...


class Ratio(Protocol):
    @property
    def hits(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def percent(self) -> float | None: ...


class Kpis(Protocol):
    @property
    def calls_offered(self) -> int: ...
    @property
    def calls_answered(self) -> int: ...
    @property
    def average_handle_seconds(self) -> float | None: ...
    @property
    def callbacks_done(self) -> int: ...
    @property
    def answered_in_rings(self) -> Ratio: ...
    @property
    def solved_in_3_minutes(self) -> Ratio: ...
    @property
    def complaint_reply_in_72h(self) -> Ratio: ...
    @property
    def inquiry_reply_in_2_working_days(self) -> Ratio: ...
    @property
    def satisfaction(self) -> Ratio: ...
    @property
    def inquiry_service_rate(self) -> Ratio: ...
    @property
    def complaint_reply_rate(self) -> Ratio: ...


class RegistryLine(Protocol):
    @property
    def serial(self) -> str: ...
    @property
    def printed_at(self) -> datetime: ...
    @property
    def job_no(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def filters(self) -> Mapping[str, str]: ...
    @property
    def action(self) -> str: ...
    @property
    def copies(self) -> int: ...
    @property
    def pages(self) -> int: ...
    @property
    def copy_of(self) -> str | None: ...
    @property
    def custodian(self) -> str: ...
    @property
    def subject(self) -> str: ...  # what its header said it covers ("" before 0015)
    @property
    def audit_head(self) -> AuditHead | None: ...


class AuditHead(Protocol):
    @property
    def entry_id(self) -> int: ...
    @property
    def hash(self) -> str: ...


class AreaPart(Protocol):
    @property
    def community(self) -> str: ...
    @property
    def building(self) -> str | None: ...
    @property
    def unit(self) -> str | None: ...


class CampaignHead(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def outage_from(self) -> datetime | None: ...
    @property
    def restore_expected_at(self) -> datetime | None: ...
    @property
    def notice_due_at(self) -> datetime | None: ...
    @property
    def area(self) -> Sequence[AreaPart]: ...


class CampaignProgress(Protocol):
    @property
    def total(self) -> int: ...
    @property
    def notified(self) -> int: ...
    @property
    def remaining(self) -> int: ...
    @property
    def not_reached(self) -> int: ...
    @property
    def wrong_number(self) -> int: ...
    @property
    def no_contact(self) -> int: ...


class TargetLine(Protocol):
    @property
    def customer_name(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def status(self) -> str: ...
    @property
    def attempts(self) -> int: ...
    @property
    def result_at(self) -> datetime | None: ...
    @property
    def result_by_job_no(self) -> str | None: ...


class CampaignOutcome(Protocol):
    @property
    def campaign(self) -> CampaignHead: ...
    @property
    def progress(self) -> CampaignProgress: ...
    @property
    def targets(self) -> Sequence[TargetLine]: ...


class QualityScoreLine(Protocol):
    @property
    def week(self) -> date: ...
    @property
    def source(self) -> str: ...  # automatic | reviewed
    @property
    def calls(self) -> int: ...
    @property
    def average(self) -> float | None: ...


class QualityClauseLine(Protocol):
    @property
    def week(self) -> date: ...
    @property
    def source(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def met(self) -> int: ...
    @property
    def judged(self) -> int: ...


class QualityClauseName(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def clause(self) -> str: ...
    @property
    def text(self) -> str: ...


# --- one input per report kind -------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """[since, until), aware."""

    since: datetime
    until: datetime


@dataclass(frozen=True)
class CallLog:
    kind: ClassVar[str] = "call_log"
    period: Period
    agent: str | None  # one agent's job number; None: every agent
    rows: Sequence[CallLogLine]


@dataclass(frozen=True)
class ComplaintRegister:
    kind: ClassVar[str] = "complaint_register"
    period: Period
    rows: Sequence[ComplaintLine]


@dataclass(frozen=True)
class CallbackLog:
    kind: ClassVar[str] = "callback_log"
    period: Period
    rows: Sequence[CallbackLine]


@dataclass(frozen=True)
class CaseReport:
    kind: ClassVar[str] = "case"
    detail: CaseDetail


@dataclass(frozen=True)
class HandoverReport:
    kind: ClassVar[str] = "handover"
    handover: Handover


@dataclass(frozen=True)
class KpiSummary:
    kind: ClassVar[str] = "kpi"
    period: Period
    figures: Kpis


@dataclass(frozen=True)
class Registry:
    kind: ClassVar[str] = "registry"
    period: Period
    rows: Sequence[RegistryLine]


@dataclass(frozen=True)
class CampaignResults:
    kind: ClassVar[str] = "campaign"
    outcome: CampaignOutcome


@dataclass(frozen=True)
class QualityTrends:
    kind: ClassVar[str] = "quality_trends"
    period: Period
    agent: str | None  # one agent's job number; None: every agent
    weeks: Sequence[date]  # the Mondays
    checklist: Sequence[QualityClauseName]
    scores: Sequence[QualityScoreLine]
    clauses: Sequence[QualityClauseLine]


ReportData = (
    CallLog
    | ComplaintRegister
    | CallbackLog
    | CaseReport
    | HandoverReport
    | KpiSummary
    | Registry
    | CampaignResults
    | QualityTrends
)


@dataclass(frozen=True)
class Letterhead:
    """Who the report is from, printed at the top of every page."""

    company: str
    center: str
