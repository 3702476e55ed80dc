"""The audit trail (R8.1): what gets recorded, and the check that it was not altered."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from console.core.unit import guard
from db.audit import ChainReport, verify_chain


def record(s: Session, kind: str, **payload: Any) -> int:
    """Append an entry as the bound session (or a command-line administrator)."""
    text = json.dumps(payload, default=str, ensure_ascii=False, sort_keys=True)
    return guard(s).audit(s, kind, text)


def verify(s: Session) -> ChainReport:
    return verify_chain(s)
