"""The closed sets of values and the kinds of id, for the domain and the UI.

Declared once in ``db/vocabulary.py``, at the bottom of the layers, because the
database's CHECK constraints are derived from them and ``db`` may import nothing above
it; re-exported here because the UI may not import ``db`` (``pyproject.toml``'s import
contracts). Import them from this module anywhere above the database layer.
"""

from __future__ import annotations

from db.vocabulary import (
    INBOUND_INTENTS,
    SCREEN_LOCKED,
    STORED_ENDED_BY,
    AccountType,
    AgentState,
    CallbackReason,
    CallbackResult,
    CallChannel,
    CallDirection,
    CallId,
    CallState,
    CampaignKind,
    CaseEventKind,
    CaseId,
    CaseKind,
    CaseStatus,
    ContentKind,
    EndedBy,
    Gender,
    Intent,
    JobNumber,
    PrintAction,
    ReportKind,
    ReviewVerdict,
    Role,
    SampleReason,
    SeatCode,
    SessionEnd,
    SwitchSignalKind,
    TargetStatus,
    Title,
    Verification,
)

__all__ = [
    "INBOUND_INTENTS",
    "SCREEN_LOCKED",
    "STORED_ENDED_BY",
    "AccountType",
    "AgentState",
    "CallChannel",
    "CallDirection",
    "CallId",
    "CallState",
    "CallbackReason",
    "CallbackResult",
    "CampaignKind",
    "CaseEventKind",
    "CaseId",
    "CaseKind",
    "CaseStatus",
    "ContentKind",
    "EndedBy",
    "Gender",
    "Intent",
    "JobNumber",
    "PrintAction",
    "ReportKind",
    "ReviewVerdict",
    "Role",
    "SampleReason",
    "SeatCode",
    "SessionEnd",
    "SwitchSignalKind",
    "TargetStatus",
    "Title",
    "Verification",
]
