"""The audit chain's hash, shared by the SQLite guard (which writes it) and the
verifier (which checks rows written by either database).

The chain alone shows an entry changed or removed from its middle, not its newest
entries removed: what is left is still a chain. So every printed report carries the
chain's head at print time (entry number and hash, in each page's footer), the print
registry keeps it, and the verifier checks that the chain still holds every head the
registry holds — and any head read off a printed page (``audit verify --head``).

On PostgreSQL the log is several chains side by side (``AuditEntry.chain``, revision
0025), so that appends from many seats do not queue behind one lock: each chain links
like the single one did. A head printed there is a seal: an ``audit.sealed`` entry,
written with every chain held still, whose payload names each chain's newest entry; the
verifier checks at each seal that every chain ended just there. A chain's newest entries
removed before a printed seal are thus found, as they were on the single chain."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.guard import ZERO_HASH
from db.models import AuditEntry, PrintRecord


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
class Head:
    """The chain's newest entry at some moment, as printed on a report's pages."""

    entry_id: int
    hash: str


@dataclass(frozen=True)
class PrintedHead:
    """A head something holds: a print registry entry (its serial), or a page."""

    head: Head
    printed_on: str


@dataclass(frozen=True)
class ChainReport:
    entries: int
    head_hash: str
    broken_id: int | None = None
    problem: str | None = None
    heads_checked: int = 0
    head_id: int = 0  # the newest entry's id (0: no entries)
    missing_head: PrintedHead | None = None  # a printed head the chain no longer holds

    @property
    def intact(self) -> bool:
        return self.broken_id is None


SEALED = "audit.sealed"  # a seal's kind: its payload is {chain: [id, hash]} of every chain


def chain_head(s: Session) -> Head:
    """The head a report printed now carries: on PostgreSQL a new seal (an entry, in this
    unit of work); on the embedded database, with its one chain, the newest entry
    (``0`` and the zero hash while it is empty)."""
    if s.get_bind().dialect.name == "postgresql":
        sealed = s.execute(text("SELECT entry_id, entry_hash FROM ac_audit_seal()")).one()
        return Head(int(sealed.entry_id), str(sealed.entry_hash))
    row = s.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    return Head(0, ZERO_HASH) if row is None else Head(row[0], row[1])


def registry_heads(s: Session) -> list[PrintedHead]:
    """The heads the print registry holds, one per registered report."""
    rows = s.execute(
        select(PrintRecord.audit_head_id, PrintRecord.audit_head_hash, PrintRecord.serial)
        .where(PrintRecord.audit_head_id.is_not(None))
        .order_by(PrintRecord.audit_head_id)
    ).all()
    return [PrintedHead(Head(i, h or ""), serial) for i, h, serial in rows if i is not None]


def verify_chain(
    s: Session, batch: int = 5000, printed: Iterable[PrintedHead] | None = None
) -> ChainReport:
    """Walk the chains together in id order; name the first entry that does not match
    (its link, its content, or at a seal the chains' ends), or the first printed head
    (the registry's, and ``printed``) the log does not hold."""
    heads: dict[int, list[PrintedHead]] = {}
    for p in [*registry_heads(s), *(printed or ())]:
        heads.setdefault(p.head.entry_id, []).append(p)
    tails: dict[int, tuple[int, str]] = {}  # chain → its newest entry walked so far
    last_hash = ZERO_HASH
    count = checked = 0
    last_id = 0
    while True:
        rows = s.scalars(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not rows:
            break
        for e in rows:
            prev = tails.get(e.chain, (0, ZERO_HASH))[1]
            if e.prev_hash != prev:
                return ChainReport(count, last_hash, e.id, "link to the previous entry is broken")
            expected = chain_hash(prev, e.id, e.at, e.actor_job_no, e.seat, e.kind, e.payload)
            if e.hash != expected:
                return ChainReport(count, last_hash, e.id, "content does not match its hash")
            if e.kind == SEALED and _sealed_tails(e.payload) != tails:
                return ChainReport(
                    count, last_hash, e.id, "a chain's newest entries before this seal are gone"
                )
            for p in heads.pop(e.id, ()):
                if p.head.hash != e.hash:
                    return ChainReport(
                        count,
                        last_hash,
                        e.id,
                        f"differs from the head printed on {p.printed_on}",
                        checked,
                        last_id,
                        p,
                    )
                checked += 1
            tails[e.chain] = (e.id, e.hash)
            last_hash = e.hash
            count += 1
            last_id = e.id
        s.expunge_all()
    if heads:  # printed at an entry the chain no longer has: its newest entries were removed
        first = heads[min(heads)][0]
        return ChainReport(
            count,
            last_hash,
            first.head.entry_id,
            f"the head printed on {first.printed_on} is no longer in the chain",
            checked,
            last_id,
            first,
        )
    return ChainReport(count, last_hash, heads_checked=checked, head_id=last_id)


def _sealed_tails(payload: str) -> dict[int, tuple[int, str]] | None:
    """A seal's payload as ``tails``; None when it is not one (it then matches nothing)."""
    try:
        raw = json.loads(payload)
        return {int(k): (int(v[0]), str(v[1])) for k, v in raw.items()}
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
