"""The guard on PostgreSQL: thin calls to the security-definer functions."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.guard import (
    OPERATOR_KEY,
    TOKEN_KEY,
    BoundSession,
    Challenge,
    Guard,
    LoginResult,
    NewCredential,
    PasswordCheck,
    parse_ts,
)
from db.vocabulary import JobNumber, SeatCode


def _json(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else json.loads(value)


def _check(v: dict[str, Any]) -> PasswordCheck:
    return PasswordCheck(
        status=v["status"],
        job_no=v.get("job_no"),
        name=v.get("name"),
        role=v.get("role"),
        must_change=bool(v.get("must_change", False)),
        locked_until=parse_ts(v.get("locked_until")),
        attempts_left=v.get("attempts_left"),
    )


class PgGuard(Guard):
    def _call(self, s: Session, sql: str, **params: Any) -> Any:
        return s.execute(text(sql), params).scalar()

    def bind(self, s: Session, token: bytes | None) -> None:
        s.execute(
            text("SELECT set_config(:k, :v, true)"),
            {"k": TOKEN_KEY, "v": token.hex() if token else ""},
        )

    def bind_operator(self, s: Session, operator: str) -> None:
        s.execute(text("SELECT set_config(:k, :v, true)"), {"k": OPERATOR_KEY, "v": operator})

    def bound(self, s: Session) -> BoundSession | None:
        row = s.execute(text("SELECT * FROM ac_bound_session()")).one()
        if row.session_id is None:
            return None
        return BoundSession(
            row.session_id, row.job_no, row.delegate_job_no, row.agent_job_no, row.role, row.seat
        )

    def challenge(self, s: Session, job_no: JobNumber) -> Challenge:
        v = _json(self._call(s, "SELECT ac_challenge(:j)", j=job_no))
        return Challenge(bytes.fromhex(v["salt"]), v["t"], v["m"], v["p"])

    def login(
        self, s: Session, job_no: JobNumber, proof: bytes, token_hash: bytes, seat: SeatCode
    ) -> LoginResult:
        v = _json(
            self._call(
                s, "SELECT ac_login(:j, :p, :t, :seat)", j=job_no, p=proof, t=token_hash, seat=seat
            )
        )
        return LoginResult(
            status=v["status"],
            session_id=v.get("session_id"),
            job_no=v.get("job_no"),
            name=v.get("name"),
            role=v.get("role"),
            must_change=bool(v.get("must_change", False)),
            started_at=parse_ts(v.get("started_at")),
            lease_until=parse_ts(v.get("lease_until")),
            lease_seconds=v.get("lease_seconds"),
            locked_until=parse_ts(v.get("locked_until")),
            attempts_left=v.get("attempts_left"),
            other_seat=v.get("other_seat"),
            other_job_no=v.get("other_job_no"),
            other_since=parse_ts(v.get("other_since")),
            free_at=parse_ts(v.get("free_at")),
        )

    def verify_password(self, s: Session, proof: bytes) -> PasswordCheck:
        return _check(_json(self._call(s, "SELECT ac_verify_password(:p)", p=proof)))

    def heartbeat(self, s: Session) -> datetime:
        v = _json(self._call(s, "SELECT ac_heartbeat()"))
        lease = parse_ts(v["lease_until"])
        assert lease is not None
        return lease

    def logout(self, s: Session) -> None:
        s.execute(text("SELECT ac_logout()"))

    def end_session(self, s: Session, session_id: int, reason: str) -> bool:
        return bool(self._call(s, "SELECT ac_end_session(:i, :r)", i=session_id, r=reason))

    def set_password(self, s: Session, old_proof: bytes, new: NewCredential) -> PasswordCheck:
        v = self._call(
            s,
            "SELECT ac_set_password(:o, :salt, :t, :m, :p, :v)",
            o=old_proof,
            salt=new.salt,
            t=new.time_cost,
            m=new.memory_kib,
            p=new.parallelism,
            v=new.verifier,
        )
        return _check(_json(v))

    def audit(self, s: Session, kind: str, payload: str) -> int:
        return int(self._call(s, "SELECT ac_seat_audit(:k, :p)", k=kind, p=payload))

    def audit_privileged(self, s: Session, kind: str, payload: str) -> int:
        # The owner's own connection only: seats have no grant on ac_audit.
        return int(self._call(s, "SELECT ac_audit(:k, :p)", k=kind, p=payload))

    def delegation_request(
        self, s: Session, owner_job_no: JobNumber, valid_until: datetime, reason: str
    ) -> int:
        return int(
            self._call(
                s,
                "SELECT ac_delegation_request(:o, :u, :r)",
                o=owner_job_no,
                u=valid_until,
                r=reason,
            )
        )

    def delegation_approve(self, s: Session, delegation_id: int, proof: bytes) -> PasswordCheck:
        v = self._call(s, "SELECT ac_delegation_approve(:i, :p)", i=delegation_id, p=proof)
        return _check(_json(v))

    def delegation_start(self, s: Session, delegation_id: int) -> None:
        s.execute(text("SELECT ac_delegation_start(:i)"), {"i": delegation_id})

    def delegation_stop(self, s: Session) -> None:
        s.execute(text("SELECT ac_delegation_stop()"))
