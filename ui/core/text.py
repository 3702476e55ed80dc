"""Words the UI shows that are not in a widget's own code: the one way every error
becomes a sentence (``console.core.messages.describe``), and the labels of the
vocabularies (``console/core/vocabulary.py``).

Each vocabulary the UI shows has exactly one :class:`Labels` here, keyed by its enum;
tests/ui/test_labels.py checks that every member has a label in English and in Chinese.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QCoreApplication

from console.core.errors import UserFacingError
from console.core.messages import describe
from console.core.settings import Settings
from console.core.vocabulary import (
    SCREEN_LOCKED,
    AgentState,
    CallbackReason,
    CallChannel,
    CallDirection,
    CallState,
    CampaignKind,
    CaseEventKind,
    CaseKind,
    CaseStatus,
    ContentKind,
    Criterion,
    Intent,
    ReportKind,
    ReviewVerdict,
    Role,
    SampleReason,
    Title,
    Verification,
)

if TYPE_CHECKING:  # neither is needed to start the console (pydantic; ~4 ms of zone data)
    from zoneinfo import ZoneInfo

    from console.content.shift_rules import ShiftRules

log = logging.getLogger(__name__)


def error_text(error: BaseException, settings: Settings) -> str:
    """What to tell the user about ``error``: the catalog's sentence in their language.
    Anything that is not a ``UserFacingError`` is a bug: logged with its traceback and
    shown as the catalog's "unexpected" sentence, never as a raw traceback."""
    if not isinstance(error, UserFacingError):
        log.error("unexpected error", exc_info=error)
        error = UserFacingError("unexpected", detail=f"{type(error).__name__}: {error}")
    return describe(error, settings.language, settings.timezone)


def reason_text(rules: ShiftRules, code: str | None, language: str) -> str:
    """Why an agent is 未就绪: the shift data's words in ``language``, or the lock's."""
    if code is None:
        return ""
    if code == SCREEN_LOCKED:
        return QCoreApplication.translate("AgentState", "screen locked")
    return rules.reason_label(code, language) or code


def message_id(error: BaseException) -> str | None:
    return error.message_id if isinstance(error, UserFacingError) else None


E = TypeVar("E", bound=StrEnum)


class Labels(Generic[E]):
    """The words for the values of one vocabulary, in the UI's language.

    ``words`` gives every member its translated label (it runs at each use, so a
    language installed later is the one shown). A value the vocabulary does not know —
    written by a newer version, say — is shown as stored; ``None`` as nothing.
    """

    def __init__(self, vocabulary: type[E], words: Callable[[], Mapping[E, str]]) -> None:
        self.vocabulary = vocabulary
        self.words = words
        self._members = frozenset(vocabulary)

    def __call__(self, value: str | None) -> str:
        if value is None:
            return ""
        if value not in self._members:
            return value
        return self.words()[self.vocabulary(value)]

    def choices(self) -> list[tuple[E, str]]:
        """Every member with its label, in the vocabulary's order (for a combo box)."""
        words = self.words()
        return [(member, words[member]) for member in self.vocabulary]


state_label = Labels(
    AgentState,
    lambda: {
        AgentState.READY: QCoreApplication.translate("AgentState", "Ready"),
        AgentState.NOT_READY: QCoreApplication.translate("AgentState", "Not ready"),
        AgentState.ON_CALL: QCoreApplication.translate("AgentState", "On call"),
        AgentState.WRAP_UP: QCoreApplication.translate("AgentState", "Wrap-up"),
        AgentState.BREAK: QCoreApplication.translate("AgentState", "Break"),
        AgentState.SIGNED_OUT: QCoreApplication.translate("AgentState", "Signed out"),
    },
)
"""The agent state's name as shown in the status bar and the menus (R1.6)."""

role_label = Labels(
    Role,
    lambda: {
        Role.AGENT: QCoreApplication.translate("Role", "Agent"),
        Role.SUPERVISOR: QCoreApplication.translate("Role", "Supervisor"),
        Role.ADMIN: QCoreApplication.translate("Role", "Administrator"),
    },
)

title_label = Labels(
    Title,
    lambda: {
        Title.MR: QCoreApplication.translate("Title", "Mr"),
        Title.MS: QCoreApplication.translate("Title", "Ms"),
    },
)
"""How the caller is addressed; the value stored is the Chinese word said (先生, 女士)."""

intent_label = Labels(
    Intent,
    lambda: {
        Intent.INQUIRY: QCoreApplication.translate("Intent", "Inquiry"),
        Intent.COMPLAINT: QCoreApplication.translate("Intent", "Complaint"),
        Intent.REPAIR: QCoreApplication.translate("Intent", "Repair"),
        Intent.EMERGENCY: QCoreApplication.translate("Intent", "Emergency"),
        Intent.SUGGESTION: QCoreApplication.translate("Intent", "Suggestion"),
        Intent.OTHER: QCoreApplication.translate("Intent", "Other"),
        Intent.CALLBACK: QCoreApplication.translate("Intent", "Callback"),
        Intent.NOTIFICATION: QCoreApplication.translate("Intent", "Notification"),
    },
)
"""The name of a call's intent (R2.5) as lists and cards show it."""

case_kind_label = Labels(
    CaseKind,
    lambda: {
        CaseKind.COMPLAINT: QCoreApplication.translate("CaseKind", "Complaint"),
        CaseKind.REPAIR: QCoreApplication.translate("CaseKind", "Repair"),
        CaseKind.EMERGENCY: QCoreApplication.translate("CaseKind", "Emergency"),
        CaseKind.INQUIRY: QCoreApplication.translate("CaseKind", "Inquiry"),
        CaseKind.SUGGESTION: QCoreApplication.translate("CaseKind", "Suggestion"),
        CaseKind.OTHER: QCoreApplication.translate("CaseKind", "Other"),
        CaseKind.LOOKUP: QCoreApplication.translate("CaseKind", "Lookup (call back)"),
        CaseKind.NETWORK_FAULT: QCoreApplication.translate("CaseKind", "Gas network fault"),
    },
)

verification_label = Labels(
    Verification,
    lambda: {
        Verification.VERIFIED: QCoreApplication.translate("Verification", "Verified"),
        Verification.PARTIAL: QCoreApplication.translate("Verification", "Partly verified"),
        Verification.NOT_VERIFIED: QCoreApplication.translate("Verification", "Not verified"),
        Verification.NEW_CUSTOMER: QCoreApplication.translate("Verification", "New customer"),
    },
)

direction_label = Labels(
    CallDirection,
    lambda: {
        CallDirection.INBOUND: QCoreApplication.translate("CallDirection", "Inbound"),
        CallDirection.OUTBOUND: QCoreApplication.translate("CallDirection", "Outbound"),
    },
)

channel_label = Labels(
    CallChannel,
    lambda: {
        CallChannel.PHONE: QCoreApplication.translate("CallChannel", "Phone"),
        CallChannel.VISIT: QCoreApplication.translate("CallChannel", "Visit"),
    },
)

call_state_label = Labels(
    CallState,
    lambda: {
        CallState.RINGING: QCoreApplication.translate("CallState", "Ringing"),
        CallState.TALKING: QCoreApplication.translate("CallState", "Talking"),
        CallState.ON_HOLD: QCoreApplication.translate("CallState", "On hold"),
        CallState.WRAP_UP: QCoreApplication.translate("CallState", "Wrap-up"),
        CallState.DONE: QCoreApplication.translate("CallState", "Done"),
        CallState.MISSED: QCoreApplication.translate("CallState", "Missed"),
        CallState.ABANDONED: QCoreApplication.translate("CallState", "Abandoned"),
    },
)
"""The call's state on the call bar (R2.1) and in the call log."""

case_status_label = Labels(
    CaseStatus,
    lambda: {
        CaseStatus.OPEN: QCoreApplication.translate("CaseStatus", "Open"),
        CaseStatus.DISPATCHED: QCoreApplication.translate("CaseStatus", "Dispatched"),
        CaseStatus.IN_PROGRESS: QCoreApplication.translate("CaseStatus", "In progress"),
        CaseStatus.AWAITING_CALLBACK: QCoreApplication.translate("CaseStatus", "Awaiting callback"),
        CaseStatus.MANAGER_REVIEW: QCoreApplication.translate("CaseStatus", "Manager review"),
        CaseStatus.CLOSED: QCoreApplication.translate("CaseStatus", "Closed"),
    },
)
"""Where a case stands (R3.5, R3.6)."""

callback_reason_label = Labels(
    CallbackReason,
    lambda: {
        CallbackReason.CASE: QCoreApplication.translate(
            "Callback", "Satisfaction callback on a case"
        ),
        CallbackReason.INQUIRY_SAMPLE: QCoreApplication.translate(
            "Callback", "Random callback of an answered inquiry"
        ),
        CallbackReason.RESCHEDULE: QCoreApplication.translate("Callback", "Call back as promised"),
        CallbackReason.SPECIAL_VISIT: QCoreApplication.translate(
            "Callback", "Home visit for a special-group customer: agree a time"
        ),
    },
)
"""Why an item is on the callback list (R3.6, R3.7, R3.9, GS 15.3.6)."""

timeline_label = Labels(
    CaseEventKind,
    lambda: {
        CaseEventKind.OPENED: QCoreApplication.translate("Timeline", "Opened"),
        CaseEventKind.DISPATCHED: QCoreApplication.translate("Timeline", "Dispatched"),
        CaseEventKind.ACKNOWLEDGED: QCoreApplication.translate(
            "Timeline", "Department acknowledged"
        ),
        CaseEventKind.PROGRESS: QCoreApplication.translate("Timeline", "Department progress"),
        CaseEventKind.DONE: QCoreApplication.translate("Timeline", "Department done"),
        CaseEventKind.NOTICE: QCoreApplication.translate("Timeline", "Progress notice given"),
        CaseEventKind.CONTACT: QCoreApplication.translate("Timeline", "Caller called again"),
        CaseEventKind.CALLBACK: QCoreApplication.translate("Timeline", "Callback"),
        CaseEventKind.MANAGER_REVIEW: QCoreApplication.translate("Timeline", "Manager review"),
        CaseEventKind.CLOSED: QCoreApplication.translate("Timeline", "Closed"),
        CaseEventKind.ARCHIVED: QCoreApplication.translate(
            "Timeline", "Archived in the complaint register"
        ),
        CaseEventKind.OWNER_TRANSFERRED: QCoreApplication.translate(
            "Timeline", "Owner transferred"
        ),
        CaseEventKind.TRANSFER_REQUESTED: QCoreApplication.translate(
            "Timeline", "Transfer asked for (waits for a supervisor)"
        ),
        CaseEventKind.TRANSFER_DECLINED: QCoreApplication.translate(
            "Timeline", "Transfer declined"
        ),
        CaseEventKind.WAITING_ON_CUSTOMER: QCoreApplication.translate(
            "Timeline", "Waiting on the customer: deadlines paused"
        ),
        CaseEventKind.CUSTOMER_BACK: QCoreApplication.translate(
            "Timeline", "Customer back: deadlines running again"
        ),
        CaseEventKind.SLA_WARNING: QCoreApplication.translate("Timeline", "Deadline warning"),
        CaseEventKind.SLA_ESCALATED: QCoreApplication.translate(
            "Timeline", "Overdue: escalated to the duty manager"
        ),
    },
)
"""An entry of a case's timeline (R3.2, R3.5)."""

campaign_kind_label = Labels(
    CampaignKind,
    lambda: {
        CampaignKind.PLANNED: QCoreApplication.translate("CampaignKind", "Planned outage"),
        CampaignKind.EMERGENCY: QCoreApplication.translate("CampaignKind", "Emergency outage"),
    },
)

content_kind_label = Labels(
    ContentKind,
    lambda: {
        ContentKind.DIALOGUE: QCoreApplication.translate("ContentKind", "Call script"),
        ContentKind.SPECIAL: QCoreApplication.translate("ContentKind", "Special-situation scripts"),
        ContentKind.INTENTS: QCoreApplication.translate("ContentKind", "Intent forms"),
        ContentKind.TABOO: QCoreApplication.translate("ContentKind", "Taboo phrases"),
        ContentKind.JARGON: QCoreApplication.translate("ContentKind", "Jargon"),
        ContentKind.SLA: QCoreApplication.translate("ContentKind", "SLA policy"),
        ContentKind.SHIFT: QCoreApplication.translate(
            "ContentKind", "Shifts, not-ready reasons, checklist"
        ),
        ContentKind.HOLIDAYS: QCoreApplication.translate("ContentKind", "Holiday overrides"),
        ContentKind.QUALITY: QCoreApplication.translate(
            "ContentKind", "Quality checklist and sampling"
        ),
    },
)
"""A kind of content an administrator edits (console/content/content.py)."""

report_kind_label = Labels(
    ReportKind,
    lambda: {
        ReportKind.CALL_LOG: QCoreApplication.translate("Report", "Call log"),
        ReportKind.COMPLAINT_REGISTER: QCoreApplication.translate("Report", "Complaint register"),
        ReportKind.CALLBACK_LOG: QCoreApplication.translate("Report", "Callback log"),
        ReportKind.CASE: QCoreApplication.translate("Report", "Case report"),
        ReportKind.HANDOVER: QCoreApplication.translate("Report", "Handover report"),
        ReportKind.KPI: QCoreApplication.translate("Report", "KPI summary"),
        ReportKind.REGISTRY: QCoreApplication.translate("Report", "Print registry"),
        ReportKind.CAMPAIGN: QCoreApplication.translate("Report", "Outage notification results"),
        ReportKind.QUALITY_TRENDS: QCoreApplication.translate("Report", "Quality trends"),
    },
)

sample_reason_label = Labels(
    SampleReason,
    lambda: {
        SampleReason.SAMPLE: QCoreApplication.translate("SampleReason", "Drawn at random"),
        SampleReason.LOW_SCORE: QCoreApplication.translate("SampleReason", "Low score"),
        SampleReason.COMPLAINT: QCoreApplication.translate("SampleReason", "Complaint"),
        SampleReason.TABOO: QCoreApplication.translate("SampleReason", "Taboo phrase"),
        SampleReason.MANUAL: QCoreApplication.translate("SampleReason", "Added by a supervisor"),
    },
)
"""Why a call is on the quality-review list (console/quality/reviews.py)."""

review_verdict_label = Labels(
    ReviewVerdict,
    lambda: {
        ReviewVerdict.PASS: QCoreApplication.translate("ReviewVerdict", "Met"),
        ReviewVerdict.FAIL: QCoreApplication.translate("ReviewVerdict", "Not met"),
        ReviewVerdict.NOT_APPLICABLE: QCoreApplication.translate("ReviewVerdict", "Not applicable"),
    },
)
"""A reviewer's verdict on a checklist item."""

criterion_label = Labels(
    Criterion,
    lambda: {
        Criterion.ANSWERED_IN_TIME: QCoreApplication.translate(
            "Criterion", "Answered within the rings"
        ),
        Criterion.GREETING: QCoreApplication.translate("Criterion", "Greeting"),
        Criterion.SURNAME_USED: QCoreApplication.translate(
            "Criterion", "Caller addressed by surname"
        ),
        Criterion.VERIFIED: QCoreApplication.translate("Criterion", "Caller verified"),
        Criterion.CONSENT: QCoreApplication.translate("Criterion", "Consent asked (outbound)"),
        Criterion.ASK_MORE: QCoreApplication.translate("Criterion", "Asked for other questions"),
        Criterion.CLOSING: QCoreApplication.translate("Criterion", "Closing phrase"),
        Criterion.CALLER_HUNG_UP_FIRST: QCoreApplication.translate(
            "Criterion", "Caller hung up first"
        ),
        Criterion.NO_TABOO: QCoreApplication.translate("Criterion", "No taboo phrases"),
    },
)
"""A criterion of the compliance score (R2.15), as the wrap-up shows it."""


def due_text(moment: datetime, zone: ZoneInfo, fmt: str = "%m-%d %H:%M") -> str:
    """A deadline as people read it. One at local midnight is the end of the day before
    ("02-24 24:00"): a working-day deadline ends with its last working day, and "02-25
    00:00" would read like the next day — perhaps a make-up Saturday."""
    local = moment.astimezone(zone)
    if local.time() == time(0) and "%H:%M" in fmt:
        return (local - timedelta(days=1)).strftime(fmt.replace("%H:%M", "24:00"))
    return local.strftime(fmt)


def calendar_warning_text(years: Sequence[int]) -> str:
    """What supervisors and administrators are told while a year starting within 60 days
    has no official holiday schedule entered (console/content/holiday_calendar.py)."""
    return QCoreApplication.translate(
        "Calendar",
        "The official holiday schedule of %1 is not entered: working-day deadlines in it "
        "are provisional (statutory holidays only, no make-up workdays). An administrator "
        "enters it under Admin → Scripts, lists and policies → Holiday overrides.",
    ).replace("%1", "、".join(str(y) for y in years))
