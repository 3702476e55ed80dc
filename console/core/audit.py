"""The audit trail (R8.1): what gets recorded, and the check that it was not altered —
the chain itself, and the heads printed reports carry (``db.audit``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from console.core.unit import guard
from db.audit import ChainReport, Head, PrintedHead, chain_head, verify_chain


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


def head(s: Session) -> Head:
    """The chain's newest entry now: what a report printed now carries."""
    return chain_head(s)


def verify(s: Session, printed: Iterable[PrintedHead] = ()) -> ChainReport:
    """The whole chain, against the heads the print registry holds and ``printed``
    (heads read off paper)."""
    return verify_chain(s, printed=printed)


__all__ = ["ChainReport", "Head", "PrintedHead", "head", "record", "verify"]
