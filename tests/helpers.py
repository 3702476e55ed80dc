"""Small helpers for tests that need to act as the database administrator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, text

from console.app.runtime import Runtime
from console.calls import calls
from console.calls.calls import CallFields
from console.cases import callbacks, cases, follow_up
from console.core import checks, unit
from console.core.identity import AgentContext, Role
from console.core.vocabulary import CallId
from db.models import Customer, Department
from tests.conftest import PASSWORD


def admin_sql(rt: Runtime, sql: str, **params: Any) -> Any:
    """Run SQL as the schema owner (what an administrator with psql could do)."""
    with rt.unit(admin="test") as s:
        result = s.execute(text(sql), params)
        assert isinstance(result, CursorResult)  # what a textual statement returns
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


def report_floor(
    rt: Runtime,
    admin_rt: Runtime,
    make_agent: Callable[..., str],
    ago: timedelta = timedelta(hours=3),
) -> tuple[AgentContext, AgentContext]:
    """Agent 1001 with three inbound calls, a walk-in and the complaint's callback call;
    the complaint handled and called back, a repair still with the department;
    supervisor 2001. The calls were ``ago``."""
    with admin_rt.unit(admin="test") as s:
        s.add(Department(code="SERVICE", name="客服中心"))
        s.add(Department(code="REPAIR", name="维修部"))
        s.add(customer(1, "13912340001", id=1, name="王秀兰"))
    make_agent("1001", name="张敏")
    make_agent("2001", Role.SUPERVISOR, name="赵刚")
    agent = rt.login("1001", PASSWORD, "坐席01")
    boss = rt.login("2001", PASSWORD, "坐席02")
    now = rt.run(agent, lambda s, _c: unit.db_now(s))
    contacts = (
        ("13912340001", "inbound", "phone", "repair", 125, "灶具打不着火"),
        ("13912340001", "inbound", "phone", "inquiry", 60, "咨询阶梯气价"),
        ("13912340001", "inbound", "phone", "complaint", 300, "投诉抄表员态度差"),
        (None, "inbound", "visit", "inquiry", 240, "来访咨询报装"),
        ("13912340001", "outbound", "phone", "callback", 90, "投诉回访:用户满意"),
    )
    for i, (number, direction, channel, intent, talk, note) in enumerate(contacts):
        at = now - ago - timedelta(minutes=10 - i)
        c = rt.run(agent, calls.start_call, checks.new_call_id(), number, direction, channel, at)
        fields = CallFields(state="done", answered_at=at, ring_count=1, intent=intent, notes=note)
        end = at + timedelta(seconds=talk)
        rt.run(agent, calls.finish_call, c.id, fields, c.version, end, "caller")
    k = rt.run(
        agent, cases.open_case, cases.new_case_id(), "complaint", "抄表员态度差", customer_id=1
    )
    k = rt.run(agent, cases.dispatch, k.id, "SERVICE", k.version)
    rt.run(agent, follow_up.department_done, k.id, k.version, "已上门道歉")
    item = rt.run(agent, callbacks.claim_next)
    assert item is not None
    rt.run(agent, follow_up.callback_result, item.id, "satisfied")
    repair = rt.run(agent, cases.open_case, cases.new_case_id(), "repair", "燃气表不走字")
    rt.run(agent, cases.dispatch, repair.id, "REPAIR", repair.version)
    return agent, boss


def ready_at(rt: Runtime, job_no: str, seat: str, password: str = "Demo@2026") -> Any:
    """``job_no`` signed in at ``seat`` and 就绪 (Ctrl+1): only a ready seat is rung."""
    from console.core.vocabulary import AgentState
    from console.shift import states

    ctx = rt.login(job_no, password, seat)
    rt.run(ctx, states.set_state, AgentState.READY)
    return ctx


def db_time(rt: Runtime, ctx: AgentContext) -> datetime:
    """The database's clock now (what the services stamp records with)."""
    return rt.run(ctx, lambda s, _c: unit.db_now(s))


def finished_call(
    rt: Runtime, ctx: AgentContext, intent: str, at: datetime, number: str | None = "13912341234"
) -> CallId:
    """An inbound call answered at ``at`` and finished two minutes later, of ``intent``."""
    c = rt.run(ctx, calls.start_call, checks.new_call_id(), number, "inbound", "phone", at)
    fields = CallFields(state="wrap_up", intent=intent, answered_at=at)
    rt.run(ctx, calls.finish_call, c.id, fields, c.version, at + timedelta(minutes=2), "caller")
    return c.id
