"""The audit chain's hash, shared by the SQLite guard (which writes it) and the
verifier (which checks rows written by either database)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.guard import ZERO_HASH
from db.models import AuditEntry


def chain_hash(
    prev: str,
    entry_id: int,
    at: datetime,
    actor: str | None,
    seat: str | None,
    kind: str,
    payload: str,
) -> str:
    # Must match ac_audit_append() in db/sql/0001_security.sql character for character.
    stamp = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    text = "\n".join((prev, str(entry_id), stamp, actor or "", seat or "", kind, payload))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    entries: int
    head_hash: str
    broken_id: int | None = None
    problem: str | None = None

    @property
    def intact(self) -> bool:
        return self.broken_id is None


def verify_chain(s: Session, batch: int = 5000) -> ChainReport:
    """Walk the whole chain in id order; name the first entry that does not match."""
    prev = ZERO_HASH
    count = 0
    last_id = 0
    while True:
        rows = s.scalars(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not rows:
            return ChainReport(count, prev)
        for e in rows:
            if e.prev_hash != prev:
                return ChainReport(count, prev, e.id, "link to the previous entry is broken")
            expected = chain_hash(prev, e.id, e.at, e.actor_job_no, e.seat, e.kind, e.payload)
            if e.hash != expected:
                return ChainReport(count, prev, e.id, "content does not match its hash")
            prev = e.hash
            count += 1
            last_id = e.id
        s.expunge_all()
