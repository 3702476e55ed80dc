"""Refusals from the database's own rules, independent of which database enforced them."""

from __future__ import annotations

from typing import Any


class RuleViolation(Exception):
    """A rule the shared database enforces refused the operation.

    ``code`` is a stable message id (``session.not_active``, ``role.denied``…); the
    console turns it into a user-facing message.
    """

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


# PostgreSQL SQLSTATEs raised by the functions and triggers of db/sql/, and what they mean.
PG_CODES = {
    "ACS01": "session.not_active",
    "ACR01": "role.denied",
    "ACD01": "delegation.expired",
    "ACA01": "audit.append_only",
    "ACA02": "audit.kind_refused",
    "ACP01": "password.weak_parameters",
    "ACV01": "delegation.unknown_owner",
    "ACV02": "delegation.too_long",
    "ACV03": "delegation.not_open",
    "ACC01": "call.events_append_only",
    "ACC02": "call.changed_elsewhere",
    "ACC03": "case.transfer_supervisor_only",
    "ACC04": "call.finished",
    "ACC05": "call.not_yours",
    "ACC06": "call.not_found",
    "ACC07": "call.in_progress",
    "ACC08": "call.correction_invalid",
    "ACC09": "case.number_fixed",
    "ACC10": "call.transfer_fixed",
    "ACH01": "handover.acknowledged",
    "ACH02": "handover.not_author",
    "ACG01": "agent.self_change",
    "ACG02": "agent.last_admin",
    "ACG03": "admin.refused_input",
    "ACG04": "seat.db_role_unknown",
    "ACK01": "content.admin_only",
    "ACK02": "content.never_deleted",
    "ACK03": "content.append_only",
    "ACQ01": "report.audit_head_unknown",
    "ACI01": "quality.refused",
    "ACI02": "quality.acknowledged",
}

# The same rules' refusals on SQLite: the message of the trigger's RAISE(ABORT, …).
SQLITE_MESSAGES = {
    "at least one active administrator must remain": "agent.last_admin",
    "the audit log is append-only": "audit.append_only",
    "content versions are append-only": "content.append_only",
    "handover acknowledged: it can no longer change": "handover.acknowledged",
    "handover records are kept": "handover.acknowledged",
    "the incoming agent acknowledges, not the author": "handover.not_author",
    "quality reviews are kept": "quality.refused",
    "a review takes one reply": "quality.refused",
    "quality review acknowledged: it can no longer change": "quality.acknowledged",
    **dict.fromkeys(
        (
            "call events are append-only",
            "case events are append-only",
            "call corrections are append-only",
            "shift checks are kept as made",
            "acknowledgments are kept as made",
            "the print registry is append-only",
            "registry serial numbers only go up",
        ),
        "call.events_append_only",
    ),
}
