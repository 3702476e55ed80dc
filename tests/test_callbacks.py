"""The shared callback list (R3.7, R3.8) on both databases: claimed in due order, one
item per agent, results recorded only by the claimant, a dead seat's claim taken over,
and eight processes working one list without ever sharing an item."""

from __future__ import annotations

import multiprocessing as mp
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.app.runtime import Runtime
from console.cases import callbacks
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.unit import db_now
from console.core.vocabulary import CallbackResult
from console.people import auth
from tests import callback_workers
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import admin_sql, lapse_lease

WORKERS = 8
ITEMS = 2000


def _now(rt: Runtime, ctx: AgentContext) -> datetime:
    with rt.unit(ctx) as s:
        return db_now(s)


def _add(
    rt: Runtime, ctx: AgentContext, due_at: datetime, phone: str | None = "13912341234"
) -> str:
    cid = str(uuid.uuid4())
    rt.run(ctx, callbacks.add, cid, "case", due_at, phone=phone)
    return cid


@pytest.fixture
def two_agents(rt: Runtime, make_agent: AgentFactory) -> tuple[AgentContext, AgentContext]:
    make_agent("1001")
    make_agent("1002")
    return rt.login("1001", PASSWORD, "坐席01"), rt.login("1002", PASSWORD, "坐席02")


def test_claims_come_in_due_order_and_not_before_due(
    test_db: TestDb, rt: Runtime, two_agents: tuple[AgentContext, AgentContext]
) -> None:
    a, b = two_agents
    now = _now(rt, a)
    later = _add(rt, a, now - timedelta(minutes=5))
    oldest = _add(rt, a, now - timedelta(hours=2))
    _add(rt, a, now + timedelta(hours=1))  # not yet due
    first = rt.run(a, callbacks.claim_next)
    second = rt.run(b, callbacks.claim_next)
    assert first is not None and first.id == oldest and first.claimed_by_job_no == "1001"
    assert second is not None and second.id == later and second.claimed_by_job_no == "1002"
    rt.run(a, callbacks.record_result, oldest, CallbackResult.SATISFIED)
    assert rt.run(a, callbacks.claim_next) is None  # only the future item is left


def test_the_holder_gets_the_same_item_back_and_sees_the_number(
    test_db: TestDb, rt: Runtime, two_agents: tuple[AgentContext, AgentContext]
) -> None:
    a, b = two_agents
    now = _now(rt, a)
    first = _add(rt, a, now - timedelta(minutes=2))
    _add(rt, a, now - timedelta(minutes=1))
    item = rt.run(a, callbacks.claim_next)
    again = rt.run(a, callbacks.claim_next)
    assert item is not None and again is not None
    assert item.id == again.id == first
    assert item.phone == "13912341234"  # the holder calls the customer
    others_view = {i.id: i for i in rt.run(b, callbacks.queue)}
    assert others_view[first].phone == "139****1234"
    assert others_view[first].claimed_by_job_no == "1001"


def test_released_item_goes_to_the_next_agent(
    test_db: TestDb, rt: Runtime, two_agents: tuple[AgentContext, AgentContext]
) -> None:
    a, b = two_agents
    cid = _add(rt, a, _now(rt, a) - timedelta(minutes=1))
    assert rt.run(a, callbacks.claim_next) is not None
    assert rt.run(b, callbacks.claim_next) is None  # the only item is held
    with pytest.raises(UserFacingError) as refused:
        rt.run(b, callbacks.release, cid)
    assert refused.value.message_id == "callback.not_yours"
    rt.run(a, callbacks.release, cid)
    rt.run(a, callbacks.release, cid)  # again: nothing to give back, no error
    taken = rt.run(b, callbacks.claim_next)
    assert taken is not None and taken.id == cid and taken.claimed_by_job_no == "1002"


def test_only_the_claimant_records_a_result(
    test_db: TestDb, rt: Runtime, two_agents: tuple[AgentContext, AgentContext]
) -> None:
    a, b = two_agents
    cid = _add(rt, a, _now(rt, a) - timedelta(minutes=1))
    with pytest.raises(UserFacingError) as unclaimed:
        rt.run(a, callbacks.record_result, cid, CallbackResult.SATISFIED)
    assert unclaimed.value.message_id == "callback.not_yours"
    rt.run(a, callbacks.claim_next)
    with pytest.raises(UserFacingError) as other:
        rt.run(b, callbacks.record_result, cid, CallbackResult.UNSATISFIED)
    assert other.value.message_id == "callback.not_yours"
    assert other.value.params["job_no"] == "1001"
    with pytest.raises(UserFacingError) as unknown:
        rt.run(a, callbacks.record_result, cid, "maybe")
    assert unknown.value.message_id == "callback.unknown_result"
    done = rt.run(a, callbacks.record_result, cid, CallbackResult.UNSATISFIED)
    assert done.result == "unsatisfied" and done.done_at is not None and done.attempts == 1
    assert done.phone == "139****1234"  # no longer held: masked again
    # Repeated after a lost connection: the same result, nothing changes.
    again = rt.run(a, callbacks.record_result, cid, CallbackResult.UNSATISFIED)
    assert again == done
    with pytest.raises(UserFacingError) as finished:
        rt.run(a, callbacks.record_result, cid, CallbackResult.SATISFIED)
    assert finished.value.message_id == "callback.already_done"
    assert cid not in {i.id for i in rt.run(b, callbacks.queue)}


def test_inconvenient_reschedules_and_releases(
    test_db: TestDb, rt: Runtime, two_agents: tuple[AgentContext, AgentContext]
) -> None:
    a, b = two_agents
    now = _now(rt, a)
    cid = _add(rt, a, now - timedelta(minutes=1))
    rt.run(a, callbacks.claim_next)
    with pytest.raises(UserFacingError) as past:
        rt.run(
            a,
            callbacks.record_result,
            cid,
            CallbackResult.INCONVENIENT,
            reschedule_at=now - timedelta(hours=1),
        )
    assert past.value.message_id == "callback.bad_reschedule"
    with pytest.raises(UserFacingError) as finished_kind:
        rt.run(
            a,
            callbacks.record_result,
            cid,
            CallbackResult.SATISFIED,
            reschedule_at=now + timedelta(hours=1),
        )
    assert finished_kind.value.message_id == "callback.no_reschedule"
    at = now + timedelta(hours=3)
    item = rt.run(a, callbacks.record_result, cid, CallbackResult.INCONVENIENT, reschedule_at=at)
    assert item.due_at == at and item.done_at is None and item.attempts == 1
    assert item.claimed_by_job_no is None and item.result == "inconvenient"
    assert rt.run(a, callbacks.claim_next) is None  # not due again yet
    # When it is due again anyone may take it, and the attempts add up.
    retaken = rt.run(b, callbacks.claim_next, at + timedelta(seconds=1))
    assert retaken is not None and retaken.id == cid
    final = rt.run(b, callbacks.record_result, cid, CallbackResult.UNREACHABLE)
    assert final.attempts == 2 and final.done_at is not None and final.result == "unreachable"


def test_a_dead_seats_claim_is_taken_over(
    test_db: TestDb,
    rt: Runtime,
    admin_rt: Runtime,
    two_agents: tuple[AgentContext, AgentContext],
    make_agent: AgentFactory,
) -> None:
    a, b = two_agents
    now = _now(rt, a)
    first = _add(rt, a, now - timedelta(minutes=2))
    second = _add(rt, a, now - timedelta(minutes=1))
    rt.run(a, callbacks.claim_next)
    rt.run(b, callbacks.claim_next)
    assert rt.run(b, callbacks.claim_next).id == second  # type: ignore[union-attr]
    # 1001's PC is switched off: the lease lapses and the claim with it.
    lapse_lease(admin_rt, "1001")
    make_agent("1003")
    c = rt.login("1003", PASSWORD, "坐席03")
    taken = rt.run(c, callbacks.claim_next)
    assert taken is not None and taken.id == first and taken.claimed_by_job_no == "1003"
    # 1002's session is ended by the duty manager: its item is free too.
    make_agent("9001", Role.SUPERVISOR)
    boss = rt.login("9001", PASSWORD, "值班台")
    rt.run(boss, auth.end_session, b.session_id, "shift over")
    rt.run(c, callbacks.record_result, first, CallbackResult.SATISFIED)
    again = rt.run(c, callbacks.claim_next)
    assert again is not None and again.id == second and again.claimed_by_job_no == "1003"
    # The superseded seat can no longer record anything.
    with pytest.raises(UserFacingError) as dead:
        rt.run(b, callbacks.record_result, second, CallbackResult.SATISFIED)
    assert dead.value.message_id == "session.not_active"


def test_add_is_idempotent_and_checks_its_input(
    test_db: TestDb, rt: Runtime, two_agents: tuple[AgentContext, AgentContext]
) -> None:
    a, _ = two_agents
    now = _now(rt, a)
    cid = str(uuid.uuid4())
    one = rt.run(a, callbacks.add, cid, "inquiry_sample", now, phone="05388123456")
    two = rt.run(a, callbacks.add, cid, "inquiry_sample", now, phone="05388123456")
    assert one == two and one.phone == "0538***3456"
    assert [i.id for i in rt.run(a, callbacks.queue)] == [cid]
    for bad_args, message_id in (
        (("not-a-uuid", "case", now), "callback.bad_id"),
        ((str(uuid.uuid4()), "party", now), "input.invalid_choice"),
        ((str(uuid.uuid4()), "case", now.replace(tzinfo=None)), "input.invalid"),
    ):
        with pytest.raises(UserFacingError) as refused:
            rt.run(a, callbacks.add, *bad_args)
        assert refused.value.message_id == message_id
    with pytest.raises(UserFacingError) as long_phone:
        rt.run(a, callbacks.add, str(uuid.uuid4()), "case", now, phone="1" * 40)
    assert long_phone.value.message_id == "input.too_long"
    with pytest.raises(UserFacingError) as nul:
        rt.run(a, callbacks.add, str(uuid.uuid4()), "case", now, phone="139\x001234")
    assert nul.value.message_id == "input.nul_character"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=80))
def test_free_text_ids_and_results_are_refused_cleanly(text: str) -> None:
    """Whatever a form or a script passes, the checks refuse it before any database."""
    try:
        callbacks.check_callback_id(text)
    except UserFacingError as e:
        assert e.message_id == "callback.bad_id"
    else:
        uuid.UUID(text)


@pytest.mark.slow
def test_eight_processes_claim_two_thousand_items_each_exactly_once(
    test_db: TestDb, rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("9000", Role.SUPERVISOR)
    boss = rt.login("9000", PASSWORD, "值班台")
    jobs = [make_agent(str(1001 + i)) for i in range(WORKERS)]
    with rt.unit(boss) as s:
        now = db_now(s)
        ids = [str(uuid.uuid4()) for _ in range(ITEMS)]
        for i, cid in enumerate(ids):
            callbacks.add(s, boss, cid, "case", now - timedelta(seconds=ITEMS - i), phone="1391")

    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(WORKERS + 1)
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=callback_workers.work_the_list,
            args=(test_db.url, job, PASSWORD, f"坐席{i:02d}", barrier, results),
        )
        for i, job in enumerate(jobs)
    ]
    for p in procs:
        p.start()
    try:
        barrier.wait(timeout=180)  # everyone signed in
        started = time.monotonic()
        reports = [results.get(timeout=180) for _ in procs]
        elapsed = time.monotonic() - started
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    errors = [(job, err) for job, _, err in reports if err]
    assert not errors
    claimed = Counter(cid for _, got, _ in reports for cid in got)
    assert len(claimed) == ITEMS and set(claimed) == set(ids)
    assert max(claimed.values()) == 1  # no item went to two agents
    assert all(got for _, got, _ in reports), "every worker got some of the work"
    by_job = {cid: job for job, got, _ in reports for cid in got}
    rows = admin_sql(
        admin_rt, "SELECT id, claimed_by_job_no, attempts, result, done_at FROM callbacks"
    )
    assert len(rows) == ITEMS
    for cid, holder, attempts, result, done_at in rows:
        assert holder == by_job[cid] and attempts == 1 and result == "satisfied"
        assert done_at is not None
    print(f"\n{test_db.kind}: {WORKERS} processes worked {ITEMS} callbacks in {elapsed:.1f} s")
    assert elapsed < 90
