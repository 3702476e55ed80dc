"""The audit trail (R8.1): what gets recorded, and the check that it was not altered."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from console.core.unit import guard
from db.audit import ChainReport, verify_chain


def _text(payload: dict[str, Any]) -> str:
    return json.dumps(payload, default=str, ensure_ascii=False, sort_keys=True)


def record(s: Session, kind: str, **payload: Any) -> int:
    """Append an entry as the bound session (or a command-line administrator). Kinds of
    sign-in, sessions, people and seats are not a seat's to write: the database refuses
    them here (``audit.kind_refused``)."""
    return guard(s).audit(s, kind, _text(payload))


def record_privileged(s: Session, kind: str, **payload: Any) -> int:
    """An entry of a kind that on PostgreSQL only the database's own functions write
    (people, seats, sessions, call corrections): on the embedded database the service
    that does the thing writes it, having checked who may."""
    return guard(s).audit_privileged(s, kind, _text(payload))


def verify(s: Session) -> ChainReport:
    return verify_chain(s)
