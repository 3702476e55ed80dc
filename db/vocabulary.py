"""The closed sets of values the database stores, each declared once, and the kinds of id
that cross module boundaries.

Each vocabulary is a ``StrEnum`` whose values are exactly the strings stored: a member
*is* its string (``Intent.REPAIR == "repair"``), so it is written to and compared with
the columns as it is. Everything else derives from these declarations: the CHECK
constraints of ``db/models.py`` (``one_of``), the allowed values of the services' input
checks and of the content files' schemas, the command line's choices, and the UI's labels
(one mapping per vocabulary in ``ui/core/text.py``, checked complete by a test).

Why here, at the bottom: the CHECK constraints are derived from these enums, and the
database layer may import nothing above it (the import contracts in ``pyproject.toml``).
The domain and the UI reach them through ``console.core.vocabulary``, which re-exports
this module (the UI never imports ``db``). The module imports nothing but the standard
library, so any layer may use it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NewType

# --- ids that cross module boundaries (Anki's CardId style) ----------------------------------

JobNumber = NewType("JobNumber", str)
"""An agent's job number (工号), e.g. ``1001``."""
CaseId = NewType("CaseId", str)
"""A case's id (工单), a UUID made by the seat."""
CallId = NewType("CallId", str)
"""A call record's id (来电记录), a UUID made by the seat (the switch's call ref)."""
SeatCode = NewType("SeatCode", str)
"""A workstation's configured name (坐席), e.g. ``seat-A``."""


# --- people and seats ---------------------------------------------------------------------


class Role(StrEnum):
    """What an agent may do (R8.2), lowest first: each role may do what those before it may."""

    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class SessionEnd(StrEnum):
    """Why a session ended (``agent_sessions.end_reason``): what its console tells the
    agent when it finds the session gone."""

    LOGOUT = "logout"
    TAKEN_OVER = "taken_over"  # the same job number signed in at another seat
    BY_SUPERVISOR = "ended_by_supervisor"  # 值班经理, from the supervisor menu (R1.2)
    BY_ADMIN = "ended_by_admin"  # an administrator, from the people dialog
    ROLE_CHANGED = "role_changed"  # an administrator changed the agent's role
    AGENT_DISABLED = "agent_disabled"  # an administrator disabled the job number


class AgentState(StrEnum):
    """Agent states (R1.6): 就绪, 未就绪, 通话中, 话后处理, 小休, 签出."""

    READY = "ready"
    NOT_READY = "not_ready"
    ON_CALL = "on_call"
    WRAP_UP = "wrap_up"
    BREAK = "break"
    SIGNED_OUT = "signed_out"


# The not-ready reason the console records by itself while its screen is locked (R1.5):
# a locked seat is offered no call. Not one of the shift data's reasons: an
# administrator cannot remove it.
SCREEN_LOCKED = "screen_locked"


# --- customers ----------------------------------------------------------------------------


class AccountType(StrEnum):
    """The kind of gas account (用户类型); the stored value is the Chinese word."""

    RESIDENTIAL = "居民"
    COMMERCIAL = "商业"
    INDUSTRIAL = "工业"
    HEATING = "采暖"


class Title(StrEnum):
    """How a caller is addressed after their surname (R2.3); stored as said."""

    MR = "先生"
    MS = "女士"


class Gender(StrEnum):
    """A customer's gender as the account records it: 先生 for M, 女士 for F."""

    MALE = "M"
    FEMALE = "F"


# --- calls ---------------------------------------------------------------------------------


class CallDirection(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"  # callbacks and notices the seat dials (R2.5)


class CallChannel(StrEnum):
    PHONE = "phone"
    VISIT = "visit"  # a walk-in at the service desk (R2.5)


class Intent(StrEnum):
    """What a contact was about (R2.5). The first six are what callers ring about; the
    last two are the outbound calls the seat makes."""

    INQUIRY = "inquiry"
    COMPLAINT = "complaint"
    REPAIR = "repair"
    EMERGENCY = "emergency"
    SUGGESTION = "suggestion"
    OTHER = "other"
    CALLBACK = "callback"
    NOTIFICATION = "notification"

    @property
    def inbound(self) -> bool:
        """A caller's intent: the call script and the intent forms cover these."""
        return self not in (Intent.CALLBACK, Intent.NOTIFICATION)


INBOUND_INTENTS: tuple[Intent, ...] = tuple(i for i in Intent if i.inbound)


class Verification(StrEnum):
    """The outcome of the caller's verification (R2.4)."""

    VERIFIED = "verified"
    PARTIAL = "partial"
    NOT_VERIFIED = "not_verified"
    NEW_CUSTOMER = "new_customer"


class EndedBy(StrEnum):
    """Who ended a call (R2.9: the agent should not hang up first)."""

    AGENT = "agent"
    CALLER = "caller"
    SYSTEM = "system"  # a dropped line or the switch: nobody hung up (掉线)


# What ``calls.ended_by`` may hold: all of them (migration 0026 let ``system`` in).
STORED_ENDED_BY: tuple[EndedBy, ...] = (EndedBy.AGENT, EndedBy.CALLER, EndedBy.SYSTEM)


class CallState(StrEnum):
    """Where a call stands: the states of the call state machine
    (``console/calls/call_flow.py``), stored with the call record (which also knows
    ``calls.STARTED_WITHOUT_RING``)."""

    RINGING = "ringing"
    TALKING = "talking"
    ON_HOLD = "on_hold"
    WRAP_UP = "wrap_up"
    DONE = "done"
    MISSED = "missed"
    ABANDONED = "abandoned"

    @property
    def connected(self) -> bool:
        return self in (CallState.TALKING, CallState.ON_HOLD)

    @property
    def ended(self) -> bool:
        """The line is closed (wrap-up may still be open)."""
        return self in (CallState.WRAP_UP, CallState.DONE, CallState.MISSED, CallState.ABANDONED)


class SwitchSignalKind(StrEnum):
    """What the call simulator tells a seat through the shared database."""

    INCOMING = "incoming"
    CALLER_HANG_UP = "caller_hang_up"


# --- cases (工单, R3) ------------------------------------------------------------------------


class CaseKind(StrEnum):
    """What a case is for: the intent that opened it, a promised call back (查询回电), or a
    fault of the gas network reported on a repair call (its severity in the details)."""

    COMPLAINT = "complaint"
    REPAIR = "repair"
    EMERGENCY = "emergency"
    INQUIRY = "inquiry"
    SUGGESTION = "suggestion"
    OTHER = "other"
    LOOKUP = "lookup"
    NETWORK_FAULT = "network_fault"  # a fault of the gas network (输气管网, GS 2.2.3)


class CaseStatus(StrEnum):
    OPEN = "open"  # recorded, not dispatched yet
    DISPATCHED = "dispatched"  # with the department (承办), not acknowledged
    IN_PROGRESS = "in_progress"  # the department acknowledged / reports progress
    AWAITING_CALLBACK = "awaiting_callback"  # the department reports done: call back
    MANAGER_REVIEW = "manager_review"  # the customer was not satisfied (R3.5)
    CLOSED = "closed"


class CaseEventKind(StrEnum):
    """An entry of a case's timeline (R3.2, R3.5)."""

    OPENED = "opened"
    DISPATCHED = "dispatched"
    ACKNOWLEDGED = "acknowledged"  # the department's reports: acknowledged, progress, done
    PROGRESS = "progress"
    DONE = "done"
    NOTICE = "notice"  # the progress notice given to the caller
    CONTACT = "contact"  # the caller called again about it
    CALLBACK = "callback"
    MANAGER_REVIEW = "manager_review"
    CLOSED = "closed"
    ARCHIVED = "archived"  # in the complaint register
    OWNER_TRANSFERRED = "owner_transferred"
    TRANSFER_REQUESTED = "transfer_requested"
    TRANSFER_DECLINED = "transfer_declined"
    WAITING_ON_CUSTOMER = "waiting_on_customer"
    CUSTOMER_BACK = "customer_back"
    SLA_WARNING = "sla.warning"
    SLA_ESCALATED = "sla.escalated"


class CallbackReason(StrEnum):
    """Why an item is on the shared callback list (R3.6, R3.7, R3.9, GS 15.3.6)."""

    CASE = "case"  # the satisfaction callback of a case the department has done
    INQUIRY_SAMPLE = "inquiry_sample"  # a random callback of an answered inquiry
    RESCHEDULE = "reschedule"  # a call back promised to the caller
    SPECIAL_VISIT = "special_visit"  # a home visit to a special-group customer


class CallbackResult(StrEnum):
    """How a callback went; a case's ``satisfaction`` is one of the first two."""

    SATISFIED = "satisfied"
    UNSATISFIED = "unsatisfied"
    UNREACHABLE = "unreachable"
    INCONVENIENT = "inconvenient"

    @property
    def reschedules(self) -> bool:
        """The customer is called again (a new due time, the claim released)."""
        return self in (CallbackResult.UNREACHABLE, CallbackResult.INCONVENIENT)


# --- outage notices (停气通知, R5) -------------------------------------------------------------


class CampaignKind(StrEnum):
    PLANNED = "planned"
    EMERGENCY = "emergency"


class TargetStatus(StrEnum):
    """Where one customer of a notification campaign stands."""

    PENDING = "pending"
    NOTIFIED = "notified"
    NOT_REACHED = "not_reached"  # tried again later, up to the campaign's attempts
    WRONG_NUMBER = "wrong_number"
    NO_CONTACT = "no_contact"  # no phone: the door-to-door list

    @property
    def is_result(self) -> bool:
        """A call's outcome the agent records (the rest are set by the campaign)."""
        return self in (TargetStatus.NOTIFIED, TargetStatus.NOT_REACHED, TargetStatus.WRONG_NUMBER)


# --- quality inspection (质检) -----------------------------------------------------------------


class SampleReason(StrEnum):
    """Why a call is on the review list: drawn at random for its agent's weekly quota,
    drawn because of what happened on it, or added by a supervisor."""

    SAMPLE = "sample"
    LOW_SCORE = "low_score"
    COMPLAINT = "complaint"
    TABOO = "taboo"
    MANUAL = "manual"


class Criterion(StrEnum):
    """A criterion of the compliance score (R2.15); the keys of a call's stored criteria."""

    ANSWERED_IN_TIME = "answered_in_time"
    GREETING = "greeting"
    SURNAME_USED = "surname_used"
    VERIFIED = "verified"
    CONSENT = "consent"
    ASK_MORE = "ask_more"
    CLOSING = "closing"
    CALLER_HUNG_UP_FIRST = "caller_hung_up_first"
    NO_TABOO = "no_taboo"

    @property
    def source(self) -> str:
        """Where the verdict comes from: ``observed`` by the line and the console, or
        ``marked`` by the agent (a phrase marked said, a form done)."""
        observed = (Criterion.ANSWERED_IN_TIME, Criterion.CALLER_HUNG_UP_FIRST, Criterion.NO_TABOO)
        return "observed" if self in observed else "marked"


class ReviewVerdict(StrEnum):
    """A reviewer's verdict on one checklist item (the automatic score's three values)."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"


# --- content and reports --------------------------------------------------------------------


class ContentKind(StrEnum):
    """A kind of content an administrator edits and versions."""

    DIALOGUE = "dialogue"
    SPECIAL = "special"
    INTENTS = "intents"
    TABOO = "taboo"
    JARGON = "jargon"
    SLA = "sla"
    SHIFT = "shift"
    HOLIDAYS = "holidays"
    QUALITY = "quality"


class ReportKind(StrEnum):
    """A report the console prints (R6.1); ``console/printing/printing.py`` has who may
    print each and what it needs."""

    CALL_LOG = "call_log"
    COMPLAINT_REGISTER = "complaint_register"
    CALLBACK_LOG = "callback_log"
    CASE = "case"
    HANDOVER = "handover"
    KPI = "kpi"
    REGISTRY = "registry"
    CAMPAIGN = "campaign"
    QUALITY_TRENDS = "quality_trends"


class PrintAction(StrEnum):
    """How a registered report left the console (R6.3)."""

    PRINT = "print"
    EXPORT = "export"
