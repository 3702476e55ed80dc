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


# PostgreSQL SQLSTATEs raised by db/sql/0001_security.sql, and what they mean.
PG_CODES = {
    "ACS01": "session.not_active",
    "ACR01": "role.denied",
    "ACD01": "delegation.expired",
    "ACA01": "audit.append_only",
    "ACP01": "password.weak_parameters",
    "ACV01": "delegation.unknown_owner",
    "ACV02": "delegation.too_long",
    "ACV03": "delegation.not_open",
    "ACC01": "call.events_append_only",
    "ACC02": "call.changed_elsewhere",
    "ACC03": "case.transfer_supervisor_only",
    "ACC04": "case.number_fixed",
    "ACH01": "handover.acknowledged",
    "ACH02": "handover.not_author",
    "ACG01": "agent.self_change",
    "ACG02": "agent.last_admin",
    "ACG03": "admin.refused_input",
    "ACK01": "content.admin_only",
    "ACK02": "content.never_deleted",
    "ACK03": "content.append_only",
    "ACQ01": "report.audit_head_unknown",
}
