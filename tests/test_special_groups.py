"""R3.9 / GS 2.2.7: special-group customers are registered (with a reason, audited) and
get home-visit tasks on the shared callback list, on both databases.

On PostgreSQL the seats' role may not change ``customers`` yet (SELECT only): there a
seat's registration is refused clearly, and the registration tests run the service on
an administrator's connection bound to the agent's session (``writer``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from cli import demo
from console.app.runtime import Runtime
from console.cases import callbacks, special_groups
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.unit import db_now
from console.core.vocabulary import CallbackResult
from console.people import auth
from db.models import Customer
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import admin_sql, customer

NOW = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)


def _customer(i: int, phone: str | None, group: str | None = None) -> Customer:
    return customer(i, phone, special_group=group)


@pytest.fixture
def people(admin_rt: Runtime) -> list[int]:
    rows = [
        _customer(0, "13912341234", "老年独居"),
        _customer(1, "13800001111"),
        _customer(2, "15612345678", "残疾"),
        _customer(3, None),
    ]
    with admin_rt.unit(admin="test") as s:
        s.add_all(rows)
        s.flush()
        return [r.id for r in rows]


@pytest.fixture
def agent(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("1001")
    return rt.login("1001", PASSWORD, "坐席01")


@pytest.fixture
def supervisor(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("2001", Role.SUPERVISOR)
    return rt.login("2001", PASSWORD, "坐席02")


@pytest.fixture
def writer(rt: Runtime) -> Runtime:
    """Registrations are written by the seat itself, on both databases."""
    return rt


def _audits(admin_rt: Runtime) -> list[dict[str, object]]:
    rows = admin_sql(
        admin_rt,
        "SELECT actor_job_no, payload FROM audit_log WHERE kind = 'customer.special_group' "
        "ORDER BY id",
    )
    return [{"actor": actor, **json.loads(payload)} for actor, payload in rows]


def test_demo_groups_are_valid() -> None:
    assert set(demo.SPECIAL_GROUPS) <= set(special_groups.SPECIAL_GROUPS)


def test_register_and_unregister_are_audited_with_the_reason(
    writer: Runtime,
    admin_rt: Runtime,
    agent: AgentContext,
    supervisor: AgentContext,
    people: list[int],
) -> None:
    plain = people[1]
    card = writer.run(agent, special_groups.register, plain, "重病", "来电告知 长期卧床")
    assert card.id == plain and card.special_group == "重病" and card.masked
    # Registering again in the same group changes nothing and records nothing.
    writer.run(agent, special_groups.register, plain, "重病", "重复登记")
    with pytest.raises(UserFacingError) as denied:
        writer.run(agent, special_groups.unregister, plain, "已康复")
    assert denied.value.message_id == "role.denied"
    card = writer.run(supervisor, special_groups.unregister, plain, "  已康复 家属确认 ")
    assert card.special_group is None
    assert _audits(admin_rt) == [
        {
            "actor": "1001",
            "customer_id": plain,
            "previous": None,
            "group": "重病",
            "reason": "来电告知 长期卧床",
            "job_no": "1001",
        },
        {
            "actor": "2001",
            "customer_id": plain,
            "previous": "重病",
            "group": None,
            "reason": "已康复 家属确认",
            "job_no": "2001",
        },
    ]
    [(stored,)] = admin_sql(admin_rt, "SELECT special_group FROM customers WHERE id = :i", i=plain)
    assert stored is None


def test_refused_without_a_reason_or_with_an_unknown_group(
    writer: Runtime,
    admin_rt: Runtime,
    agent: AgentContext,
    supervisor: AgentContext,
    people: list[int],
) -> None:
    plain = people[1]
    for reason in ("", "   "):
        with pytest.raises(UserFacingError) as no_reason:
            writer.run(agent, special_groups.register, plain, "残疾", reason)
        assert no_reason.value.message_id == "reason.required"
        with pytest.raises(UserFacingError) as no_reason:
            writer.run(supervisor, special_groups.unregister, people[0], reason)
        assert no_reason.value.message_id == "reason.required"
    for group in ("", "VIP", "老弱病残 ", None):
        with pytest.raises(UserFacingError) as unknown:
            writer.run(agent, special_groups.register, plain, group, "来电告知")  # type: ignore[arg-type]
        assert unknown.value.message_id == "input.invalid_choice"
    with pytest.raises(UserFacingError) as missing:
        writer.run(agent, special_groups.register, 999_999, "残疾", "来电告知")
    assert missing.value.message_id == "customer.not_found"
    assert _audits(admin_rt) == []
    assert admin_sql(
        admin_rt,
        "SELECT special_group FROM customers WHERE id IN (:a, :b) ORDER BY id",
        a=people[0],
        b=plain,
    ) == [("老年独居",), (None,)]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reason=st.text(max_size=250))
def test_any_reason_text_is_stored_or_refused_clearly(
    writer: Runtime, agent: AgentContext, people: list[int], reason: str
) -> None:
    try:
        card = writer.run(agent, special_groups.register, people[1], "低保", reason)
    except UserFacingError as e:
        assert e.message_id in {
            "reason.required",
            "input.too_long",
            "input.nul_character",
            "input.invalid",
        }
    else:
        assert card.special_group == "低保"


@pytest.mark.pg
def test_a_seat_may_change_only_the_special_group_of_a_customer_on_postgresql(
    pg_db: TestDb, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    """The database itself: a seat registers, but cannot rewrite anything else of the
    customer, and a session that is no longer active cannot register."""
    from console.people import agents
    from tests.helpers import bind_token

    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "测试坐席", Role.AGENT, PASSWORD, datetime.now(UTC))
        c = _customer(0, "13912341234")
        s.add(c)
        s.flush()
        cid = c.id
    ctx = pg_rt.login("1001", PASSWORD, "坐席01")
    card = pg_rt.run(ctx, special_groups.register, cid, "残疾", "来电告知")
    assert card.special_group == "残疾"
    with pg_rt.db.engine.connect() as conn, pytest.raises(Exception, match="permission denied"):
        bind_token(conn, ctx)
        conn.execute(text("UPDATE customers SET name = '改名' WHERE id = :i"), {"i": cid})
    pg_rt.run(ctx, auth.logout)
    with pg_rt.db.engine.connect() as conn, pytest.raises(Exception, match="no longer active"):
        bind_token(conn, ctx)
        conn.execute(text("UPDATE customers SET special_group = NULL WHERE id = :i"), {"i": cid})


def test_visits_are_scheduled_once_per_customer_and_claimable(
    rt: Runtime,
    writer: Runtime,
    agent: AgentContext,
    supervisor: AgentContext,
    people: list[int],
) -> None:
    with rt.unit(agent) as s:
        now = db_now(s)
    with pytest.raises(UserFacingError) as denied:
        rt.run(agent, special_groups.schedule_visits, now)
    assert denied.value.message_id == "role.denied"
    first = rt.run(supervisor, special_groups.schedule_visits, now - timedelta(minutes=1))
    assert sorted(v.customer_id or 0 for v in first) == [people[0], people[2]]
    assert {v.reason for v in first} == {"special_visit"}
    assert all(v.phone and "*" in v.phone for v in first)  # masked until claimed
    assert rt.run(supervisor, special_groups.schedule_visits, now) == []  # second run: none
    # A newly registered customer gets a visit on the next run, and only they do.
    writer.run(agent, special_groups.register, people[3], "行动不便", "上门抄表发现")
    [late] = rt.run(supervisor, special_groups.schedule_visits, now - timedelta(minutes=1))
    assert late.customer_id == people[3] and late.phone is None

    claimed = rt.run(agent, callbacks.claim_next)
    assert claimed is not None and claimed.reason == "special_visit"
    phones = {people[0]: "13912341234", people[2]: "15612345678", people[3]: None}
    assert claimed.phone == phones[claimed.customer_id or 0]  # the holder sees the number
    rt.run(agent, callbacks.record_result, claimed.id, CallbackResult.SATISFIED)
    # Done: the next run plans that customer's following visit, with a new task.
    [again] = rt.run(supervisor, special_groups.schedule_visits, now + timedelta(days=30))
    assert again.customer_id == claimed.customer_id and again.id != claimed.id
    assert rt.run(supervisor, special_groups.schedule_visits, now) == []


def test_schedule_limit(rt: Runtime, supervisor: AgentContext, people: list[int]) -> None:
    with rt.unit(supervisor) as s:
        now = db_now(s)
    [one] = rt.run(supervisor, special_groups.schedule_visits, now, limit=1)
    assert one.customer_id == people[0]
    [two] = rt.run(supervisor, special_groups.schedule_visits, now, limit=1)
    assert two.customer_id == people[2]
    with pytest.raises(UserFacingError) as bad:
        rt.run(supervisor, special_groups.schedule_visits, now, limit=0)
    assert bad.value.message_id == "input.out_of_range"
