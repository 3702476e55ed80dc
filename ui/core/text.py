"""Words the UI shows that are not in a widget's own code: agent states, roles, and the
one way every error becomes a sentence (``console.core.messages.describe``)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from console.core.errors import UserFacingError
from console.core.messages import describe
from console.core.settings import Settings

log = logging.getLogger(__name__)


def error_text(error: BaseException, settings: Settings) -> str:
    """What to tell the user about ``error``: the catalog's sentence in their language.
    Anything that is not a ``UserFacingError`` is a bug: logged with its traceback and
    shown as the catalog's "unexpected" sentence, never as a raw traceback."""
    if not isinstance(error, UserFacingError):
        log.error("unexpected error", exc_info=error)
        error = UserFacingError("unexpected", detail=f"{type(error).__name__}: {error}")
    return describe(error, settings.language, settings.timezone)


def message_id(error: BaseException) -> str | None:
    return error.message_id if isinstance(error, UserFacingError) else None


def state_label(state: str) -> str:
    """The agent state's name as shown in the status bar and the menus (R1.6)."""
    if state == "ready":
        return QCoreApplication.translate("AgentState", "Ready")
    if state == "not_ready":
        return QCoreApplication.translate("AgentState", "Not ready")
    if state == "on_call":
        return QCoreApplication.translate("AgentState", "On call")
    if state == "wrap_up":
        return QCoreApplication.translate("AgentState", "Wrap-up")
    if state == "break":
        return QCoreApplication.translate("AgentState", "Break")
    if state == "signed_out":
        return QCoreApplication.translate("AgentState", "Signed out")
    return state


def role_label(role: str) -> str:
    if role == "agent":
        return QCoreApplication.translate("Role", "Agent")
    if role == "supervisor":
        return QCoreApplication.translate("Role", "Supervisor")
    if role == "admin":
        return QCoreApplication.translate("Role", "Administrator")
    return role


def intent_label(intent: str | None) -> str:
    """The name of a call's intent (R2.5) as lists and cards show it."""
    labels = {
        "inquiry": QCoreApplication.translate("Intent", "Inquiry"),
        "complaint": QCoreApplication.translate("Intent", "Complaint"),
        "repair": QCoreApplication.translate("Intent", "Repair"),
        "emergency": QCoreApplication.translate("Intent", "Emergency"),
        "suggestion": QCoreApplication.translate("Intent", "Suggestion"),
        "other": QCoreApplication.translate("Intent", "Other"),
        "callback": QCoreApplication.translate("Intent", "Callback"),
        "notification": QCoreApplication.translate("Intent", "Notification"),
        "lookup": QCoreApplication.translate("Intent", "Lookup (call back)"),
    }
    return labels.get(intent or "", intent or "")


def call_state_label(state: str) -> str:
    """The call's state on the call bar (R2.1)."""
    labels = {
        "ringing": QCoreApplication.translate("CallState", "Ringing"),
        "talking": QCoreApplication.translate("CallState", "Talking"),
        "on_hold": QCoreApplication.translate("CallState", "On hold"),
        "wrap_up": QCoreApplication.translate("CallState", "Wrap-up"),
        "done": QCoreApplication.translate("CallState", "Done"),
        "missed": QCoreApplication.translate("CallState", "Missed"),
        "abandoned": QCoreApplication.translate("CallState", "Abandoned"),
    }
    return labels.get(state, state)


def case_status_label(status: str) -> str:
    """Where a case stands (R3.5, R3.6)."""
    labels = {
        "open": QCoreApplication.translate("CaseStatus", "Open"),
        "dispatched": QCoreApplication.translate("CaseStatus", "Dispatched"),
        "in_progress": QCoreApplication.translate("CaseStatus", "In progress"),
        "awaiting_callback": QCoreApplication.translate("CaseStatus", "Awaiting callback"),
        "manager_review": QCoreApplication.translate("CaseStatus", "Manager review"),
        "closed": QCoreApplication.translate("CaseStatus", "Closed"),
    }
    return labels.get(status, status)


def callback_reason_label(reason: str) -> str:
    """Why an item is on the callback list (R3.6, R3.7, R3.9, GS 15.3.6)."""
    labels = {
        "case": QCoreApplication.translate("Callback", "Satisfaction callback on a case"),
        "inquiry_sample": QCoreApplication.translate(
            "Callback", "Random callback of an answered inquiry"
        ),
        "reschedule": QCoreApplication.translate("Callback", "Call back as promised"),
        "special_visit": QCoreApplication.translate(
            "Callback", "Home visit for a special-group customer: agree a time"
        ),
    }
    return labels.get(reason, reason)


def timeline_label(kind: str) -> str:
    """An entry of a case's timeline (R3.2, R3.5)."""
    labels = {
        "opened": QCoreApplication.translate("Timeline", "Opened"),
        "dispatched": QCoreApplication.translate("Timeline", "Dispatched"),
        "acknowledged": QCoreApplication.translate("Timeline", "Department acknowledged"),
        "progress": QCoreApplication.translate("Timeline", "Department progress"),
        "done": QCoreApplication.translate("Timeline", "Department done"),
        "notice": QCoreApplication.translate("Timeline", "Progress notice given"),
        "contact": QCoreApplication.translate("Timeline", "Caller called again"),
        "callback": QCoreApplication.translate("Timeline", "Callback"),
        "manager_review": QCoreApplication.translate("Timeline", "Manager review"),
        "closed": QCoreApplication.translate("Timeline", "Closed"),
        "archived": QCoreApplication.translate("Timeline", "Archived in the complaint register"),
        "owner_transferred": QCoreApplication.translate("Timeline", "Owner transferred"),
        "transfer_requested": QCoreApplication.translate(
            "Timeline", "Transfer asked for (waits for a supervisor)"
        ),
        "transfer_declined": QCoreApplication.translate("Timeline", "Transfer declined"),
        "waiting_on_customer": QCoreApplication.translate(
            "Timeline", "Waiting on the customer: deadlines paused"
        ),
        "customer_back": QCoreApplication.translate(
            "Timeline", "Customer back: deadlines running again"
        ),
        "sla.warning": QCoreApplication.translate("Timeline", "Deadline warning"),
        "sla.escalated": QCoreApplication.translate(
            "Timeline", "Overdue: escalated to the duty manager"
        ),
    }
    return labels.get(kind, kind)


def kind_label(kind: str) -> str:
    """A kind of content an administrator edits (console/content/content.py)."""
    labels = {
        "dialogue": QCoreApplication.translate("ContentKind", "Call script"),
        "special": QCoreApplication.translate("ContentKind", "Special-situation scripts"),
        "intents": QCoreApplication.translate("ContentKind", "Intent forms"),
        "taboo": QCoreApplication.translate("ContentKind", "Taboo phrases"),
        "jargon": QCoreApplication.translate("ContentKind", "Jargon"),
        "sla": QCoreApplication.translate("ContentKind", "SLA policy"),
        "shift": QCoreApplication.translate("ContentKind", "Shifts, not-ready reasons, checklist"),
        "holidays": QCoreApplication.translate("ContentKind", "Holiday overrides"),
        "departments": QCoreApplication.translate("ContentKind", "Departments"),
    }
    return labels.get(kind, kind)
