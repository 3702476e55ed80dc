"""Outage notification campaigns (R5.2, R5.3) on SQLite and PostgreSQL: the list is the
area's customers, the no-contact list those without a phone; agents claim customers
atomically and retries respect the limit; the advance-notice clock escalates."""

from __future__ import annotations

import multiprocessing as mp
import uuid
from collections import Counter
from datetime import datetime, timedelta
from typing import TypedDict, Unpack
from zoneinfo import ZoneInfo

import pytest

from console.app.runtime import Runtime
from console.calls import screen_pop
from console.campaigns import campaigns
from console.campaigns.campaigns import AreaNode
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.unit import db_now
from console.shift import board, shift
from db.models import Customer
from tests import campaign_workers
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import admin_sql, audit_kinds, customer


def _people(admin_rt: Runtime) -> dict[str, list[int]]:
    """泰山花园 12-1, 12-2, 15-1 and 阳光小区 3-1; every fifth without a phone."""
    where = {}
    rows = []
    i = 0
    for community, building, unit in (
        ("泰山花园", "12", "1"),
        ("泰山花园", "12", "2"),
        ("泰山花园", "15", "1"),
        ("阳光小区", "3", "1"),
    ):
        ids = []
        for _ in range(10):
            i += 1
            phone = None if i % 5 == 0 else f"1391234{i:04d}"
            rows.append(customer(i, phone, id=i, community=community, building=building, unit=unit))
            ids.append(i)
        where[f"{community}{building}-{unit}"] = ids
    with admin_rt.unit(admin="test") as s:
        s.add_all(rows)
    return where


@pytest.fixture
def staff(rt: Runtime, make_agent: AgentFactory) -> tuple[AgentContext, AgentContext]:
    make_agent("1001")
    make_agent("2001", Role.SUPERVISOR)
    return rt.login("1001", PASSWORD, "坐席01"), rt.login("2001", PASSWORD, "坐席02")


def _now(rt: Runtime, ctx: AgentContext) -> datetime:
    return rt.run(ctx, lambda s, _c: db_now(s))


class _Limits(TypedDict, total=False):
    """What a test may set on an emergency campaign; the rest is the product's default."""

    max_attempts: int
    retry_minutes: int


def _emergency(
    rt: Runtime, boss: AgentContext, area: list[AreaNode], **kw: Unpack[_Limits]
) -> campaigns.CampaignRecord:
    return rt.run(
        boss,
        campaigns.create,
        str(uuid.uuid4()),
        "emergency",
        "泰山花园抢修停气",
        "燃气管道抢修",
        area,
        restore_expected_at=_now(rt, boss) + timedelta(hours=4),
        **kw,
    )


def test_the_list_is_the_areas_customers_and_no_phone_goes_door_to_door(
    rt: Runtime, admin_rt: Runtime, staff: tuple[AgentContext, AgentContext]
) -> None:
    agent, boss = staff
    where = _people(admin_rt)
    area = [AreaNode("泰山花园", "12"), AreaNode("阳光小区", "3", "1")]
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, campaigns.create, str(uuid.uuid4()), "emergency", "x", "y", area)
    with pytest.raises(UserFacingError, match="campaign.empty_area"):
        rt.run(
            boss, campaigns.create, str(uuid.uuid4()), "emergency", "x", "y", [AreaNode("无此小区")]
        )
    c = _emergency(rt, boss, area)
    expected = set(where["泰山花园12-1"] + where["泰山花园12-2"] + where["阳光小区3-1"])
    listed = rt.run(boss, campaigns.targets, c.id)
    assert {t.customer_id for t in listed} == expected  # not 15-1: outside the area
    door = {t.customer_id for t in listed if t.status == "no_contact"}
    assert door == {i for i in expected if i % 5 == 0}
    assert all(t.phone is None for t in listed if t.status == "no_contact")
    p = rt.run(boss, campaigns.progress, c.id)
    assert (p.total, p.no_contact, p.pending, p.notified) == (30, 6, 24, 0)
    tree = rt.run(boss, campaigns.address_tree)
    assert ("泰山花园", "12", "1", 10) in tree and len(tree) == 4
    assert "campaign.created" in audit_kinds(rt)
    # An affected customer's card will show it; a customer elsewhere not.
    affected = rt.run(agent, screen_pop.outages, where["阳光小区3-1"][0])
    assert [(o.campaign_id, o.title) for o in affected] == [(c.id, "泰山花园抢修停气")]
    assert rt.run(agent, screen_pop.outages, where["泰山花园15-1"][0]) == ()
    with rt.snapshot() as s:  # the wall board and the handover show open campaigns
        floor = board.board(s, None, zone=ZoneInfo("Asia/Shanghai"))
    assert [(x.id, p.notified, p.total) for x, p in floor.campaigns] == [(c.id, 0, 30)]
    handover = rt.run(agent, shift.compile_handover, zone=ZoneInfo("Asia/Shanghai"))
    assert handover.campaigns == ("泰山花园抢修停气 · 0/30 · 24/6",)
    rt.run(boss, campaigns.close, c.id)
    assert rt.run(agent, screen_pop.outages, where["阳光小区3-1"][0]) == ()  # over


def test_one_agent_per_customer_and_retries_until_the_limit(
    rt: Runtime,
    admin_rt: Runtime,
    staff: tuple[AgentContext, AgentContext],
    make_agent: AgentFactory,
) -> None:
    agent, boss = staff
    _people(admin_rt)
    make_agent("1002")
    other = rt.login("1002", PASSWORD, "坐席03")
    c = _emergency(rt, boss, [AreaNode("泰山花园", "12", "1")], max_attempts=2, retry_minutes=30)
    first = rt.run(agent, campaigns.claim_next, c.id)
    second = rt.run(other, campaigns.claim_next, c.id)
    assert first is not None and second is not None and first.customer_id != second.customer_id
    assert first.phone is not None and "*" not in first.phone  # the holder sees the number
    assert rt.run(agent, campaigns.claim_next, c.id) == first  # held: the same one back
    with pytest.raises(UserFacingError, match="campaign.not_yours"):
        rt.run(other, campaigns.record_result, c.id, first.customer_id, "notified")
    done = rt.run(agent, campaigns.record_result, c.id, first.customer_id, "not_reached")
    again = rt.run(agent, campaigns.record_result, c.id, first.customer_id, "not_reached")
    assert done == again and done.attempts == 1  # a retry after a lost reply counts once
    # Not due again for 30 minutes: the next claim is another customer.
    nxt = rt.run(agent, campaigns.claim_next, c.id)
    assert nxt is not None and nxt.customer_id != first.customer_id
    rt.run(agent, campaigns.record_result, c.id, nxt.customer_id, "wrong_number")
    admin_sql(
        admin_rt,
        "UPDATE campaign_targets SET due_at = :t WHERE customer_id = :c",
        t=_now(rt, boss) - timedelta(minutes=1),
        c=first.customer_id,
    )
    retry = rt.run(agent, campaigns.claim_next, c.id)
    assert retry is not None and (retry.customer_id, retry.attempts) == (first.customer_id, 1)
    rt.run(agent, campaigns.record_result, c.id, first.customer_id, "not_reached")
    admin_sql(
        admin_rt, "UPDATE campaign_targets SET due_at = :t", t=_now(rt, boss) - timedelta(minutes=1)
    )
    # Two attempts used: never offered again.
    seen = set()
    while (t := rt.run(agent, campaigns.claim_next, c.id)) is not None:
        seen.add(t.customer_id)
        rt.run(agent, campaigns.record_result, c.id, t.customer_id, "notified")
    assert first.customer_id not in seen
    p = rt.run(boss, campaigns.progress, c.id)
    assert (p.not_reached, p.wrong_number, p.in_progress, p.remaining) == (1, 1, 1, 1)  # 1002's


def test_the_advance_notice_clock_escalates_when_the_campaign_falls_behind(
    rt: Runtime, admin_rt: Runtime, staff: tuple[AgentContext, AgentContext]
) -> None:
    agent, boss = staff
    _people(admin_rt)
    now = _now(rt, boss)
    planned = rt.run(
        boss,
        campaigns.create,
        str(uuid.uuid4()),
        "planned",
        "泰山花园12号楼计划停气",
        "管网改造",
        [AreaNode("泰山花园", "12", "1")],
        outage_from=now + timedelta(days=2),
        restore_expected_at=now + timedelta(days=2, hours=6),
    )
    due = planned.notice_due_at
    assert due == now + timedelta(days=1)  # one day ahead of the outage
    with pytest.raises(UserFacingError, match="campaign.outage_in_future"):
        rt.run(
            boss,
            campaigns.create,
            str(uuid.uuid4()),
            "planned",
            "x",
            "y",
            [AreaNode("泰山花园")],
            outage_from=now - timedelta(hours=1),
        )

    def sweep(at: datetime) -> campaigns.CampaignSweep:
        return rt.run(agent, campaigns.sweep, at)

    assert sweep(now) == campaigns.CampaignSweep((), ())
    assert sweep(due - timedelta(hours=4)).warned == (planned.id,)  # 80 % of the time gone
    assert sweep(due - timedelta(hours=3)).warned == ()  # once
    assert sweep(due - timedelta(seconds=1)).escalated == ()
    assert sweep(due).escalated == (planned.id,)  # exactly when due
    assert sweep(due + timedelta(hours=1)) == campaigns.CampaignSweep((), ())
    assert audit_kinds(rt).count("campaign.escalated") == 1
    # A campaign whose customers were all told is not escalated.
    done = rt.run(
        boss,
        campaigns.create,
        str(uuid.uuid4()),
        "planned",
        "15号楼",
        "换表",
        [AreaNode("泰山花园", "15")],
        outage_from=now + timedelta(days=2),
    )
    while (t := rt.run(agent, campaigns.claim_next, done.id)) is not None:
        rt.run(agent, campaigns.record_result, done.id, t.customer_id, "notified")
    assert done.notice_due_at is not None
    assert done.id not in sweep(done.notice_due_at + timedelta(minutes=1)).escalated


WORKERS = 8
CUSTOMERS = 2000


@pytest.mark.slow
def test_eight_agents_work_one_campaign_of_2000_each_customer_once_per_attempt(
    test_db: TestDb,
    rt: Runtime,
    admin_rt: Runtime,
    staff: tuple[AgentContext, AgentContext],
    make_agent: AgentFactory,
) -> None:
    _agent, boss = staff
    with admin_rt.unit(admin="test") as s:
        s.add_all(
            Customer(
                id=i,
                account_no=f"TB{i:010d}",
                name=f"客户{i}",
                gender="F",
                phone=f"139{i:08d}",
                phone_rev=f"139{i:08d}"[::-1],
                community="幸福家园",
                building=str(1 + i % 20),
                unit="1",
                room=str(i),
                account_type="居民",
            )
            for i in range(1, CUSTOMERS + 1)
        )
    c = rt.run(
        boss,
        campaigns.create,
        str(uuid.uuid4()),
        "emergency",
        "幸福家园停气",
        "抢修",
        [AreaNode("幸福家园")],
        max_attempts=2,
        retry_minutes=5,
    )
    jobs = [f"30{i:02d}" for i in range(WORKERS)]
    for job in jobs:
        make_agent(job)
    claimed: Counter[tuple[int, int]] = Counter()
    for phase in (1, 2):
        ctx = mp.get_context("spawn")
        barrier = ctx.Barrier(WORKERS + 1)
        results = ctx.Queue()
        procs = [
            ctx.Process(
                target=campaign_workers.work_the_campaign,
                args=(test_db.url, job, PASSWORD, f"通知{i:02d}", c.id, barrier, results),
            )
            for i, job in enumerate(jobs)
        ]
        for proc in procs:
            proc.start()
        try:
            barrier.wait(timeout=180)
            reports = [results.get(timeout=300) for _ in procs]
        finally:
            for proc in procs:
                proc.join(timeout=30)
                if proc.is_alive():
                    proc.kill()
        assert [(job, err) for job, _, err in reports if err] == []
        got = [pair for _, pairs, _ in reports for pair in pairs]
        claimed.update(got)
        if phase == 1:
            assert len(got) == CUSTOMERS and sum(1 for _, g, _ in reports if g) > 1
        else:
            assert sorted(cid for cid, _ in got) == list(range(4, CUSTOMERS + 1, 4))
            assert {attempt for _, attempt in got} == {2}
        # Time passes: the not-reached are due again.
        admin_sql(
            admin_rt,
            "UPDATE campaign_targets SET due_at = :t",
            t=_now(rt, boss) - timedelta(minutes=1),
        )
    assert max(claimed.values()) == 1  # every customer once per attempt, never twice
    # Due again, but both attempts are used: nobody is offered any more.
    make_agent("3999")
    late = rt.login("3999", PASSWORD, "通知09")
    assert rt.run(late, campaigns.claim_next, c.id) is None
    p = rt.run(boss, campaigns.progress, c.id)
    assert (p.notified, p.not_reached, p.remaining) == (
        CUSTOMERS - CUSTOMERS // 4,
        CUSTOMERS // 4,
        0,
    )
