"""Audit appends that do not queue behind one lock (issue 19 item 7 c): on PostgreSQL an
append takes a free chain, so a transaction that appended and has not committed yet
holds up nobody; the chains still verify, a printed head (a seal) still catches a
chain's newest entries removed, and a changed or removed entry is still named."""

from __future__ import annotations

import multiprocessing as mp
import threading

import pytest
from sqlalchemy import create_engine, text

from console.app.runtime import Runtime
from console.core import audit
from console.core.errors import UserFacingError
from console.people import auth
from tests import audit_workers
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import admin_sql

WORKERS = 4
APPENDS = 40


def _pg_only(test_db: TestDb) -> None:
    if test_db.kind != "pg":
        pytest.skip("the embedded database has one writer at a time and one chain")


def _verify(rt: Runtime) -> audit.ChainReport:
    with rt.unit(admin="test") as s:
        return audit.verify(s)


def _seal(rt: Runtime) -> audit.Head:
    with rt.unit(admin="test") as s:
        return audit.head(s)


def _tamper(test_db: TestDb, sql: str, **params: object) -> None:
    """Someone with full control of the server rewrites history."""
    engine = create_engine(test_db.admin_url)
    with engine.begin() as c:
        c.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_immutable"))
        c.execute(text(sql), params)
    engine.dispose()


def test_an_append_waits_for_no_other_open_transaction(
    test_db: TestDb, rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    _pg_only(test_db)
    make_agent("1001")
    make_agent("1002")
    a = rt.login("1001", PASSWORD, "坐席01")
    b = rt.login("1002", PASSWORD, "坐席02")
    appended, release = threading.Event(), threading.Event()

    def hold_open() -> None:
        with rt.unit(a) as s:
            audit.record(s, "test.held", by="1001")
            appended.set()
            release.wait(30)

    holder = threading.Thread(target=hold_open)
    holder.start()
    try:
        assert appended.wait(30)
        with rt.unit(b) as s:
            s.execute(text("SET LOCAL lock_timeout = '2s'"))  # one lock: this would fail
            audit.record(s, "test.meanwhile", by="1002")
        with rt.unit(b) as s:
            s.execute(text("SET LOCAL lock_timeout = '2s'"))
            auth.logout(s, b)  # a sign-out while the other is still open
    finally:
        release.set()
        holder.join()
    report = _verify(admin_rt)
    assert report.intact, report
    chains = admin_sql(
        admin_rt,
        "SELECT DISTINCT chain FROM audit_log WHERE kind IN ('test.held', 'test.meanwhile')",
    )
    assert len(chains) == 2


def test_appends_from_several_processes_keep_a_verifiable_log(
    test_db: TestDb, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    jobs = [make_agent(f"10{i:02d}") for i in range(1, WORKERS + 1)]
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=audit_workers.append_and_sign_out,
            args=(test_db.url, job, PASSWORD, f"坐席0{i + 1}", APPENDS, barrier, results),
        )
        for i, job in enumerate(jobs)
    ]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert [e for _job, e in outcomes if e] == []
    before = admin_sql(admin_rt, "SELECT count(*) FROM audit_log")[0][0]
    head = _seal(admin_rt)
    report = _verify(admin_rt)
    assert report.intact, report
    sealed = 1 if test_db.kind == "pg" else 0  # the head printed there is a new seal
    assert report.entries == before + sealed  # every entry walked: none missing
    assert head.entry_id == report.head_id
    assert admin_sql(admin_rt, "SELECT count(*) FROM audit_log WHERE kind = 'test.load'")[0][0] == (
        WORKERS * APPENDS
    )
    used = admin_sql(admin_rt, "SELECT count(DISTINCT chain) FROM audit_log")[0][0]
    assert used > 1 if test_db.kind == "pg" else used == 1  # spread over chains on PG


def _two_chains(rt: Runtime, make_agent: AgentFactory) -> None:
    """Entries on two chains: one transaction holds a chain while another appends."""
    make_agent("2001")
    make_agent("2002")
    a = rt.login("2001", PASSWORD, "坐席03")
    b = rt.login("2002", PASSWORD, "坐席04")
    with rt.unit(a) as s1:
        audit.record(s1, "test.first", by="2001")
        with rt.unit(b) as s2:
            audit.record(s2, "test.second", by="2002")


def _chain_of(admin_rt: Runtime, kind: str) -> tuple[int, int]:
    row = admin_sql(admin_rt, "SELECT id, chain FROM audit_log WHERE kind = :k", k=kind)[0]
    return int(row[0]), int(row[1])


def test_a_chains_newest_entry_removed_before_a_printed_seal_is_found(
    test_db: TestDb, rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    _pg_only(test_db)
    _two_chains(rt, make_agent)
    _, chain = _chain_of(admin_rt, "test.first")
    seal = _seal(admin_rt)
    newest = admin_sql(
        admin_rt,
        "SELECT max(id) FROM audit_log WHERE chain = :c AND id < :s",
        c=chain,
        s=seal.entry_id,
    )[0][0]
    assert _verify(admin_rt).intact
    # A chain's newest entry removed leaves every link intact...
    _tamper(test_db, "DELETE FROM audit_log WHERE id = :i", i=newest)
    # ...but the seal printed on a report says where every chain ended.
    report = _verify(admin_rt)
    assert not report.intact and report.broken_id == seal.entry_id, report


def test_a_changed_entry_on_another_chain_is_named(
    test_db: TestDb, rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    _pg_only(test_db)
    _two_chains(rt, make_agent)
    second_id, second_chain = _chain_of(admin_rt, "test.second")
    assert second_chain != _chain_of(admin_rt, "test.first")[1]
    _tamper(test_db, "UPDATE audit_log SET payload = '{}' WHERE id = :i", i=second_id)
    report = _verify(admin_rt)
    assert not report.intact and report.broken_id == second_id


def test_a_seat_cannot_write_a_seal_of_its_own(rt: Runtime, make_agent: AgentFactory) -> None:
    make_agent("1001")
    a = rt.login("1001", PASSWORD, "坐席01")
    with pytest.raises(UserFacingError) as e, rt.unit(a) as s:
        audit.record(s, "audit.sealed", **{"0": [1, "0" * 64]})
    assert e.value.message_id == "audit.kind_refused"
