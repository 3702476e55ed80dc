"""Issue 20: what the database refuses, on both databases, and on PostgreSQL for a client
that skips the console (a raw connection with the seats' role, as psql would be).

1. sign-in only at a registered seat in service, from a database role the register allows;
2. a seat writes only its own kinds of audit entry;
3. a call is changed only by the agent on it while in progress; a finished call's notes
   are corrected explicitly, audited, and the replaced text kept;
4. passwords are checked only for oneself;
13. repeats after a lost reply (sign-in, corrections) succeed without doing it twice;
    messages never carry the server's own text;
15. command-line administration names the operating-system user and host.
"""

from __future__ import annotations

import getpass
import json
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import exc, text
from sqlalchemy.engine import Connection

from console.app.runtime import Runtime
from console.calls import calls
from console.calls.calls import CallFields, NewCallEvent
from console.core import audit, checks
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.messages import describe
from console.core.vocabulary import CaseId, SeatCode
from console.people import agents, auth, seats
from db.guard import token_hash
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import admin_sql, audit_kinds, bind_token
from tests.pgserver import PgServer

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2026, 11, 23, 1, 30, 5, tzinfo=UTC)


def _refused(message_id: str, call: object) -> UserFacingError:
    with pytest.raises(UserFacingError) as e:
        call()  # type: ignore[operator]
    assert e.value.message_id == message_id, e.value
    return e.value


def _sql_refused(
    c: Connection, ctx: AgentContext | None, sql: str, match: str, **p: object
) -> None:
    bind_token(c, ctx)
    with pytest.raises(exc.DBAPIError, match=match):
        c.execute(text(sql), p)
    c.rollback()


@pytest.fixture
def floor(rt: Runtime, make_agent: AgentFactory) -> tuple[AgentContext, AgentContext, AgentContext]:
    """Agents 1001 and 1002 and supervisor 2001, signed in at their seats."""
    make_agent("1001")
    make_agent("1002")
    make_agent("2001", Role.SUPERVISOR)
    return (
        rt.login("1001", PASSWORD, "坐席01"),
        rt.login("1002", PASSWORD, "坐席02"),
        rt.login("2001", PASSWORD, "值班台"),
    )


def _finished_call(
    rt: Runtime, ctx: AgentContext, notes: str = "燃气表漏气,已派单"
) -> calls.CallRecord:
    c = rt.run(ctx, calls.start_call, checks.new_call_id(), "13912341234", "inbound", "phone", T0)
    rt.run(ctx, calls.append_events, c.id, [NewCallEvent(0, "ring", T0)])
    fields = CallFields("done", answered_at=T0, ring_count=1, intent="repair", notes=notes)
    return rt.run(
        ctx, calls.finish_call, c.id, fields, c.version, T0 + timedelta(minutes=2), "caller"
    )


# --- 1. the register of seats ---------------------------------------------------------


def test_sign_in_only_at_a_registered_seat_in_service(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    _refused("login.seat_unknown", lambda: rt.login("1001", PASSWORD, "不存在的坐席"))
    admin_sql(admin_rt, "UPDATE seats SET active = false WHERE code = '坐席05'")
    e = _refused("login.seat_out_of_service", lambda: rt.login("1001", PASSWORD, "坐席05"))
    assert "坐席05" in describe(e, "zh_CN")
    # Refused before the password is even looked at: nothing counts towards the lockout.
    assert "login.failed" not in audit_kinds(admin_rt)
    assert rt.login("1001", PASSWORD, "坐席06").seat == "坐席06"


@pytest.mark.pg
def test_pg_the_register_says_which_database_role_signs_in_where(
    pg_db: TestDb, pg_rt: Runtime, pg_admin: Runtime, seat_sql: Connection
) -> None:
    """A seat mapped to its own login role: the seats' shared role cannot claim it, in
    the console or in raw SQL; its own role can. One role for a whole center stays
    possible: the default maps a seat to the group role every seat login is in."""
    owner = pg_admin.db.engine
    with owner.connect() as c:
        c.execute(
            text(
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                "'seat12_login') THEN CREATE ROLE seat12_login LOGIN IN ROLE "
                "agent_console_seat; END IF; END $$"
            )
        )
        c.commit()
    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "测试", Role.AGENT, PASSWORD, datetime.now(UTC))

    def add(db_role: str) -> None:
        with pg_admin.unit(admin="test") as s:
            seats.add_seat(s, None, SeatCode("坐席32"), "二楼", db_role)

    _refused("seat.db_role_unknown", lambda: add("nobody"))
    add("seat12_login")
    with pg_admin.unit(admin="test") as s:
        assert not seats.set_seat_role(s, None, SeatCode("坐席32"), "seat12_login")
    _refused("login.seat_not_allowed", lambda: pg_rt.login("1001", PASSWORD, "坐席32"))
    # The database itself refuses, whatever the client: ac_login as the shared role.
    proof, th = b"\x00" * 32, token_hash(b"x" * 32)
    answer = seat_sql.execute(
        text("SELECT ac_login('1001', :p, :t, '坐席32')"), {"p": proof, "t": th}
    ).scalar()
    seat_sql.commit()
    assert answer == {"status": "seat_not_allowed"}
    for code in ("nowhere", "坐席05"):
        if code == "坐席05":
            admin_sql(pg_admin, "UPDATE seats SET active = false WHERE code = '坐席05'")
        answer = seat_sql.execute(
            text("SELECT ac_login('1001', :p, :t, :s)"), {"p": proof, "t": th, "s": code}
        ).scalar_one()
        seat_sql.commit()
        assert answer["status"] in ("seat_unknown", "seat_out_of_service")
    # Nor may the shared role remap the seat to itself.
    _sql_refused(
        seat_sql, None, "SELECT ac_admin_set_seat_role('坐席32', 'seat_test')", "no longer active"
    )
    _sql_refused(seat_sql, None, "UPDATE seats SET db_role = 'seat_test'", "permission denied")
    # The seat's own login role signs in there.
    from tests.conftest import open_runtime

    own = open_runtime(pg_db.url.replace("seat_test@", "seat12_login@"))
    try:
        assert own.login("1001", PASSWORD, "坐席32").seat == "坐席32"
    finally:
        own.close()
    reasons = [
        json.loads(p)["reason"]
        for (p,) in admin_sql(
            pg_admin, "SELECT payload FROM audit_log WHERE kind = 'login.refused' ORDER BY id"
        )
    ]
    assert reasons == [
        "seat_not_allowed",
        "seat_not_allowed",
        "seat_unknown",
        "seat_out_of_service",
    ]


# --- 2. audit kinds -------------------------------------------------------------------


def test_a_seat_cannot_write_administration_or_session_audit_entries(
    rt: Runtime, admin_rt: Runtime, floor: tuple[AgentContext, AgentContext, AgentContext]
) -> None:
    agent, _other, boss = floor
    for kind in (
        "agent.added",
        "session.taken_over",
        "login.ok",
        "seat.disabled",
        "call.corrected",
    ):
        for who in (agent, boss):
            with pytest.raises(UserFacingError) as e, rt.unit(who) as s:
                audit.record(s, kind, job_no="9999")
            assert e.value.message_id == "audit.kind_refused"
    with pytest.raises(UserFacingError, match="audit.kind_refused"), rt.unit(agent) as s:
        audit.record(s, "department.added", code="X")  # an administrator's only
    with rt.unit(agent) as s:  # its own work: fine
        audit.record(s, "customer.lookup", customer_id=1)
    assert audit_kinds(admin_rt).count("agent.added") == 3  # the fixture's, no forgery


@pytest.mark.pg
def test_pg_audit_kinds_are_refused_by_the_database(
    seat_sql: Connection, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "测试", Role.AGENT, PASSWORD, datetime.now(UTC))
        agents.add_agent(s, None, "9001", "测试", Role.ADMIN, PASSWORD, datetime.now(UTC))
    ctx = pg_rt.login("1001", PASSWORD, "坐席01")
    admin = pg_rt.login("9001", PASSWORD, "坐席09")
    _sql_refused(seat_sql, ctx, "SELECT ac_audit('agent.added', '{}')", "permission denied")
    for kind in ("agent.added", "session.taken_over", "delegation.approved", "logout"):
        for who in (ctx, admin):
            _sql_refused(
                seat_sql,
                who,
                "SELECT ac_seat_audit(:k, '{}')",
                "does not write audit entries",
                k=kind,
            )
    _sql_refused(seat_sql, ctx, "SELECT ac_seat_audit('knowledge.added', '{}')", "does not write")
    bind_token(seat_sql, admin)
    seat_sql.execute(text("SELECT ac_seat_audit('knowledge.added', '{}')"))
    bind_token(seat_sql, ctx)
    seat_sql.execute(text("SELECT ac_seat_audit('customer.lookup', '{}')"))
    seat_sql.commit()
    kinds = audit_kinds(pg_admin)
    assert "agent.added" in kinds  # from ac_admin_add_agent, the function that did it
    assert kinds.count("agent.added") == 2 and kinds[-2:] == ["knowledge.added", "customer.lookup"]


# --- 3. calls ---------------------------------------------------------------------------


def test_only_the_agent_on_a_call_changes_it_and_only_while_in_progress(
    rt: Runtime, floor: tuple[AgentContext, AgentContext, AgentContext]
) -> None:
    agent, other, boss = floor
    live = rt.run(agent, calls.start_call, checks.new_call_id(), "110", "inbound", "phone", T0)
    for who in (other, boss):
        _refused(
            "call.not_yours",
            lambda who=who: rt.run(
                who, calls.save_call, live.id, CallFields("talking", notes="x"), 1
            ),
        )
        _refused(
            "call.not_yours",
            lambda who=who: rt.run(
                who, calls.append_events, live.id, [NewCallEvent(5, "hold", T0)]
            ),
        )
    done = _finished_call(rt, agent)
    _refused(
        "call.finished",
        lambda: rt.run(
            agent, calls.save_call, done.id, CallFields("done", notes="改"), done.version
        ),
    )
    _refused(
        "call.finished",
        lambda: rt.run(agent, calls.append_events, done.id, [NewCallEvent(1, "hold", T0)]),
    )
    # A retried append of what is there already is no change, finished or not.
    assert rt.run(agent, calls.append_events, done.id, [NewCallEvent(0, "ring", T0)]) == 0
    assert rt.run(agent, calls.get_call, done.id).notes == "燃气表漏气,已派单"


def test_a_finished_calls_notes_are_corrected_with_a_reason_keeping_the_old_text(
    rt: Runtime, admin_rt: Runtime, floor: tuple[AgentContext, AgentContext, AgentContext]
) -> None:
    agent, other, boss = floor
    done = _finished_call(rt, agent)
    _refused(
        "call.not_yours",
        lambda: rt.run(other, calls.correct_notes, done.id, "别人的", done.version, "改"),
    )
    _refused(
        "reason.required",
        lambda: rt.run(agent, calls.correct_notes, done.id, "补充", done.version, "  "),
    )
    mine = rt.run(
        agent,
        calls.correct_notes,
        done.id,
        "燃气表漏气,已派单;客户要求回电",
        done.version,
        "漏记回电要求",
    )
    assert (mine.version, mine.updated_by_job_no) == (done.version + 1, "1001")
    # Repeated after a lost reply: no conflict, nothing twice.
    again = rt.run(agent, calls.correct_notes, done.id, mine.notes, done.version, "漏记回电要求")
    assert again.version == mine.version
    # A stale correction names who changed it.
    stale = _refused(
        "call.changed_elsewhere",
        lambda: rt.run(boss, calls.correct_notes, done.id, "x", done.version, "核对"),
    )
    assert stale.params["job_no"] == "1001"
    by_boss = rt.run(
        boss, calls.correct_notes, done.id, "核实:客户要求明早回电", mine.version, "主管核对录音"
    )
    assert by_boss.job_no == "1001" and by_boss.updated_by_job_no == "2001"
    history = rt.run(boss, calls.corrections, done.id)
    assert [(h.version, h.previous_notes, h.job_no, h.reason) for h in history] == [
        (done.version, "燃气表漏气,已派单", "1001", "漏记回电要求"),
        (mine.version, "燃气表漏气,已派单;客户要求回电", "2001", "主管核对录音"),
    ]
    rows = admin_sql(
        admin_rt,
        "SELECT actor_job_no, payload FROM audit_log WHERE kind = 'call.corrected' ORDER BY id",
    )
    assert [(a, json.loads(p)["reason"]) for a, p in rows] == [
        ("1001", "漏记回电要求"),
        ("2001", "主管核对录音"),
    ]
    live = rt.run(agent, calls.start_call, checks.new_call_id(), "110", "inbound", "phone", T0)
    _refused("call.in_progress", lambda: rt.run(agent, calls.correct_notes, live.id, "x", 1, "y"))


@pytest.mark.pg
def test_pg_a_finished_call_is_not_rewritten_in_raw_sql(
    seat_sql: Connection, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    with pg_admin.unit(admin="test") as s:
        for job_no, role in (("1001", Role.AGENT), ("1002", Role.AGENT), ("2001", Role.SUPERVISOR)):
            agents.add_agent(s, None, job_no, "测试", role, PASSWORD, datetime.now(UTC))
    agent = pg_rt.login("1001", PASSWORD, "坐席01")
    other = pg_rt.login("1002", PASSWORD, "坐席02")
    done = _finished_call(pg_rt, agent)
    live = pg_rt.run(agent, calls.start_call, checks.new_call_id(), "110", "inbound", "phone", T0)
    rewrite = "UPDATE calls SET notes = 'x', version = version + 1 WHERE id = :i"
    for who in (agent, other):
        _sql_refused(seat_sql, who, rewrite, "finished", i=done.id)
    _sql_refused(seat_sql, other, rewrite, "another agent", i=live.id)
    event = (
        "INSERT INTO call_events (call_id, seq, kind, at, data, job_no, session_id) "
        "VALUES (:i, 7, 'hold', now(), '{}', 'x', 1)"
    )
    _sql_refused(seat_sql, agent, event, "finished", i=done.id)
    _sql_refused(seat_sql, other, event, "another agent", i=live.id)
    correction = "SELECT ac_correct_call_notes(:i, :v, 'x', '改')"
    _sql_refused(seat_sql, other, correction, "another agent", i=done.id, v=done.version)
    _sql_refused(seat_sql, agent, correction, "in progress", i=live.id, v=live.version)
    _sql_refused(
        seat_sql,
        agent,
        "INSERT INTO call_corrections (call_id, version, previous_notes, notes, "
        "reason, corrected_at, job_no, session_id) VALUES (:i, 1, '', '', '', now(), '1001', 1)",
        "permission denied",
        i=done.id,
    )
    bind_token(seat_sql, agent)
    assert (
        seat_sql.execute(text(correction), {"i": done.id, "v": done.version}).scalar()
        == done.version + 1
    )
    seat_sql.commit()
    _sql_refused(seat_sql, agent, "UPDATE call_corrections SET notes = 'y'", "permission denied")
    assert admin_sql(pg_admin, "SELECT previous_notes, notes, job_no FROM call_corrections") == [
        ("燃气表漏气,已派单", "x", "1001")
    ]
    assert admin_sql(pg_admin, "SELECT notes FROM calls WHERE id = :i", i=done.id) == [("x",)]


# --- 4. passwords only for oneself -----------------------------------------------------


def test_unlocking_checks_the_signed_in_agents_own_password_only(
    rt: Runtime, admin_rt: Runtime, floor: tuple[AgentContext, AgentContext, AgentContext]
) -> None:
    agent, _other, _boss = floor
    assert rt.run(agent, auth.verify_password, PASSWORD).status == "ok"
    for _ in range(3):
        assert rt.run(agent, auth.verify_password, "guess").status == "bad"
    rows = admin_sql(
        admin_rt, "SELECT DISTINCT actor_job_no FROM audit_log WHERE kind = 'verify.failed'"
    )
    assert rows == [("1001",)]  # nobody else's counter moved


@pytest.mark.pg
def test_pg_a_seat_cannot_test_another_job_numbers_password(
    seat_sql: Connection, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    """The functions that took someone's job number and password are gone: a signed-in
    agent can neither guess a supervisor's password nor lock them out."""
    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "测试", Role.AGENT, PASSWORD, datetime.now(UTC))
        agents.add_agent(s, None, "2001", "测试", Role.SUPERVISOR, PASSWORD, datetime.now(UTC))
    ctx = pg_rt.login("1001", PASSWORD, "坐席01")
    for sql in (
        "SELECT ac_verify_password('2001', '\\x00')",
        "SELECT ac_delegation_approve(1, '2001', '\\x00')",
    ):
        _sql_refused(seat_sql, ctx, sql, "does not exist")
    for _ in range(6):  # more than the lockout threshold: only 1001's own counter moves
        bind_token(seat_sql, ctx)
        assert (
            seat_sql.execute(text("SELECT ac_verify_password('\\x00')")).scalar_one()["status"]
            != "ok"
        )
        seat_sql.commit()
    assert pg_rt.login("2001", PASSWORD, "值班台").job_no == "2001"


# --- 13. lost replies and server text ---------------------------------------------------


def test_a_sign_in_repeated_with_its_token_gets_its_own_session_back(
    rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    with rt.unit() as s:
        challenge = auth.challenge(s, "1001")
    from console.people import passwords

    proof, token = passwords.proof(PASSWORD, challenge), auth.new_token()
    with rt.unit() as s:
        first = auth.login(s, "1001", proof, "坐席01", token).context_or_raise()
    with rt.unit() as s:  # the first reply never arrived: the seat asks again
        again = auth.login(s, "1001", proof, "坐席01", token).context_or_raise()
    assert again.session_id == first.session_id
    # Another token (another console) still finds the job number busy.
    with rt.unit() as s:
        other = auth.login(s, "1001", proof, "坐席01", auth.new_token())
    assert other.result.status == "busy"


@pytest.mark.pg
def test_pg_a_sign_in_whose_reply_was_lost_does_not_lock_the_agent_out(
    pg_db: TestDb,
    pg_server: PgServer,
    pg_admin: Runtime,
) -> None:
    from tests.conftest import open_runtime
    from tests.lossy_proxy import LossyProxy

    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "测试", Role.AGENT, PASSWORD, datetime.now(UTC))
    proxy = LossyProxy(pg_server.port)
    rt = open_runtime(pg_db.url.replace(f":{pg_server.port}/", f":{proxy.port}/"))
    try:
        proxy.drop_commit_reply_after(b"ac_login")
        lost = _refused("db.unavailable", lambda: rt.login("1001", PASSWORD, "坐席01"))
        assert proxy.replies_lost == 1
        assert "ac_login" not in describe(lost, "en")
        [(sid,)] = admin_sql(pg_admin, "SELECT id FROM agent_sessions WHERE ended_at IS NULL")
        ctx = rt.login("1001", PASSWORD, "坐席01")  # at once: not "busy at 坐席01"
        assert ctx.session_id == sid
        assert rt.run(ctx, auth.heartbeat) > datetime.now(UTC)
    finally:
        rt.close()
        proxy.close()


def test_pg_a_retry_racing_its_own_late_first_attempt_gets_the_case(
    pg_db: TestDb, pg_admin: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    """The first attempt's COMMIT was given up (its backend stopped, its reply lost) and
    lands while the agent's retry runs: the retry's insert waits on the same key, then
    finds it taken. That is the same action, not a refusal: the retry gets the case, and
    the log says so as a warning, not as an error someone would go looking into."""
    import logging
    import threading
    import time
    import uuid

    from console.cases import cases
    from tests.conftest import open_runtime

    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "测试", Role.AGENT, PASSWORD, datetime.now(UTC))
    first_rt, retry_rt = open_runtime(pg_db.url), open_runtime(pg_db.url)
    case_id = CaseId(str(uuid.uuid4()))
    opened, land, retried = threading.Event(), threading.Event(), []
    try:
        agent = retry_rt.login("1001", PASSWORD, "坐席01")

        def first_attempt() -> None:  # still in flight when the agent tries again
            with first_rt.unit(agent) as s:
                cases.open_case(s, agent, case_id, "complaint", "燃气费有疑问")
                opened.set()
                land.wait(60)

        first = threading.Thread(target=first_attempt)
        first.start()
        assert opened.wait(60)
        retry = threading.Thread(
            target=lambda: retried.append(
                _outcome(
                    lambda: retry_rt.run(
                        agent, cases.open_case, case_id, "complaint", "燃气费有疑问"
                    )
                )
            )
        )
        retry.start()
        deadline = time.monotonic() + 60
        while not admin_sql(  # the retry waits on the first attempt's row
            pg_admin,
            "SELECT 1 FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()",
        ):
            assert time.monotonic() < deadline, "the retry never waited on the first attempt"
            time.sleep(0.05)
        land.set()
        first.join(60)
        retry.join(60)
        [outcome] = retried
        assert not isinstance(outcome, UserFacingError), describe(outcome, "en")
        assert outcome.id == case_id
        assert admin_sql(pg_admin, "SELECT count(*) FROM cases") == [(1,)]
        refused = [r for r in caplog.records if "the database refused" in r.getMessage()]
        assert [r.levelno for r in refused] == [logging.WARNING]  # the key found taken
        assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    finally:
        land.set()
        first_rt.close()
        retry_rt.close()


def _outcome(call: Any) -> Any:
    try:
        return call()
    except UserFacingError as e:
        return e


def test_messages_never_carry_the_servers_own_text(
    rt: Runtime, floor: tuple[AgentContext, AgentContext, AgentContext]
) -> None:
    agent = floor[0]
    with pytest.raises(UserFacingError) as e, rt.unit(agent) as s:
        s.execute(text("SELECT no_such_column FROM calls"))
    assert e.value.message_id == "db.refused"
    for lang in ("zh_CN", "en"):
        sentence = describe(e.value, lang)
        assert "no_such_column" not in sentence and "LINE" not in sentence
        assert "CONTEXT" not in sentence and "\n" not in sentence
    assert "{detail}" not in describe(UserFacingError("db.unavailable"), "en")


@pytest.mark.pg
def test_pg_a_plpgsql_refusal_without_a_rule_of_ours_is_a_plain_sentence(
    pg_rt: Runtime, pg_admin: Runtime
) -> None:
    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "测试", Role.AGENT, PASSWORD, datetime.now(UTC))
    ctx = pg_rt.login("1001", PASSWORD, "坐席01")
    with pytest.raises(UserFacingError) as e, pg_rt.unit(ctx) as s:
        # A value the seat cannot store: PL/pgSQL adds CONTEXT lines to such errors.
        s.execute(text("SELECT ac_seat_audit(repeat('x', 100), '{}')"))
    sentence = describe(e.value, "en")
    assert e.value.message_id == "db.refused" and "CONTEXT" not in sentence
    assert "PL/pgSQL" not in sentence and "\n" not in sentence


# --- 15. who administered ---------------------------------------------------------------


def test_command_line_administration_names_the_os_user_and_host(
    test_db: TestDb, admin_rt: Runtime
) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "main.py",
            "--db",
            test_db.admin_url,
            "agent",
            "add",
            "1001",
            "张敏",
            "--password-stdin",
        ],
        input="Temp#2026a\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    [(actor, seat)] = admin_sql(
        admin_rt, "SELECT actor_job_no, seat FROM audit_log WHERE kind = 'agent.added'"
    )
    assert seat == f"{getpass.getuser()}@{socket.gethostname()}"
    assert actor == ("admin:postgres" if test_db.kind == "pg" else "admin:cli")


@pytest.mark.pg
def test_pg_a_dropped_connection_is_one_log_line_not_a_traceback(
    pg_db: TestDb, pg_admin: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    """The pool resetting a connection the server has dropped meanwhile: SQLAlchemy
    would log a full traceback for each; a seat's log gets one line."""
    import logging

    from db.engine import make_engine

    engine = make_engine(pg_db.url, use_keyring=False)
    caplog.set_level(logging.WARNING)
    for _ in range(3):
        fairy = engine.raw_connection()
        cursor = fairy.cursor()
        cursor.execute("SELECT pg_backend_pid()")  # now in a transaction
        [pid] = cursor.fetchone()  # type: ignore[misc]
        admin_sql(pg_admin, "SELECT pg_terminate_backend(:p)", p=pid)
        fairy.close()  # back to the pool: its rollback meets a dead connection
    engine.dispose()
    pool_records = [r for r in caplog.records if r.name.startswith("sqlalchemy.pool")]
    assert len(pool_records) == 3
    for r in pool_records:
        assert r.exc_info is None and "\n" not in r.getMessage()
        assert r.getMessage().startswith("Exception during reset or similar: ")


@pytest.mark.parametrize("reschedule", [False, True])
def test_a_callback_result_whose_reply_was_lost_is_recorded_once(
    rt: Runtime,
    floor: tuple[AgentContext, AgentContext, AgentContext],
    reschedule: bool,
) -> None:
    """ "Inconvenient" releases the item (it goes back on the list for later): the repeat
    after a lost reply is recognised as this session's result, not "held by 工号 -"."""
    import uuid

    from console.cases import callbacks, follow_up
    from console.core.unit import db_now

    agent, other, _boss = floor
    with rt.unit(agent) as s:
        now = db_now(s)
    cid = str(uuid.uuid4())
    rt.run(agent, callbacks.add, cid, "inquiry_sample", now, phone="13912341234")
    assert rt.run(agent, callbacks.claim_next).id == cid  # type: ignore[union-attr]
    at = now + timedelta(hours=2) if reschedule else None
    first, _ = rt.run(agent, follow_up.callback_result, cid, "inconvenient", reschedule_at=at)
    again, _ = rt.run(agent, follow_up.callback_result, cid, "inconvenient", reschedule_at=at)
    assert again == first and again.attempts == 1 and again.claimed_by_job_no is None
    # Someone else's session is still refused: the result was not theirs.
    _refused(
        "callback.not_yours",
        lambda: rt.run(other, follow_up.callback_result, cid, "inconvenient", reschedule_at=at),
    )


def test_a_state_change_repeated_after_a_lost_reply_counts_once(
    rt: Runtime, admin_rt: Runtime, floor: tuple[AgentContext, AgentContext, AgentContext]
) -> None:
    from console.shift import states

    agent = floor[0]
    for state in ("ready", "ready", "break", "break", "ready"):
        rt.run(agent, states.set_state, states.AgentState(state))
    rows = admin_sql(admin_rt, "SELECT state FROM agent_state_events ORDER BY id")
    assert [r for (r,) in rows] == ["ready", "break", "ready"]
