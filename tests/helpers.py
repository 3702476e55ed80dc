"""Small helpers for tests that need to act as the database administrator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from console.app.runtime import Runtime
from db.models import Customer


def admin_sql(rt: Runtime, sql: str, **params: Any) -> Any:
    """Run SQL as the schema owner (what an administrator with psql could do)."""
    with rt.unit(admin="test") as s:
        result = s.execute(text(sql), params)
        return result.all() if result.returns_rows else result.rowcount


def lapse_lease(rt: Runtime, job_no: str) -> None:
    """The seat stopped renewing: move its lease into the past, as time passing would."""
    if rt.dialect == "postgresql":
        admin_sql(
            rt,
            "UPDATE agent_sessions SET lease_until = now() - interval '1 second' "
            "WHERE job_no = :j AND ended_at IS NULL",
            j=job_no,
        )
    else:
        with rt.unit(admin="test") as s:
            from datetime import timedelta

            now = rt.clock.now() - timedelta(seconds=1)
            s.execute(
                text(
                    "UPDATE agent_sessions SET lease_until = :t "
                    "WHERE job_no = :j AND ended_at IS NULL"
                ),
                {"t": now.replace(tzinfo=None), "j": job_no},
            )


def bind_token(c: Any, ctx: Any) -> None:
    """Bind a seat's session to the current transaction of a raw connection, as the
    console does (``ctx`` None: no session)."""
    c.execute(
        text("SELECT set_config('agent_console.token', :t, true)"),
        {"t": ctx.token.hex() if ctx else ""},
    )


def audit_kinds(rt: Runtime) -> list[str]:
    return [r[0] for r in admin_sql(rt, "SELECT kind FROM audit_log ORDER BY id")]


CUSTOMER_NOW = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)


def customer(i: int, phone: str | None, **kw: object) -> Customer:
    """Demo-like customer number ``i`` in 泰山花园12号楼3单元, overrides in ``kw``."""
    values: dict[str, object] = dict(
        account_no=f"TA{1_000_000_001 + i}",
        name=f"客户{i}",
        gender="F",
        phone=phone,
        phone_rev=phone[::-1] if phone else None,
        id_number=f"37090219800101{i:04d}",
        community="泰山花园",
        building="12",
        unit="3",
        room=f"{301 + i}",
        account_type="居民",
        special_group=None,
        last_inspection_at=CUSTOMER_NOW - timedelta(days=30),
    )
    values.update(kw)
    return Customer(**values)
