"""R2.12: call records and their event logs, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import exc, text
from sqlalchemy.engine import Connection

from console.app.runtime import Runtime
from console.calls import calls
from console.calls.calls import CallFields, NewCallEvent
from console.core import checks
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.vocabulary import CallId
from tests.conftest import PASSWORD, AgentFactory, TestDb, open_runtime
from tests.helpers import admin_sql, bind_token, lapse_lease

T0 = datetime(2026, 11, 23, 1, 30, 5, 250000, tzinfo=UTC)


@pytest.fixture
def agent(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    make_agent("1001")
    return rt.login("1001", PASSWORD, "坐席01")


def _start(rt: Runtime, ctx: AgentContext, number: str = "13912341234") -> calls.CallRecord:
    return rt.run(ctx, calls.start_call, checks.new_call_id(), number, "inbound", "phone", T0)


def test_call_record_round_trips_every_field(rt: Runtime, agent: AgentContext) -> None:
    started = _start(rt, agent)
    assert (started.state, started.version, started.job_no) == ("ringing", 1, "1001")
    fields = CallFields(
        state="talking",
        answered_at=T0 + timedelta(seconds=7),
        ring_count=2,
        intent="repair",
        verification="partial",
        surname="欧阳",
        title="女士",
        notes="厨房有燃气味,已告知开窗通风、勿开关电器。\n第二行 — ‘quotes’ 🔥",
        details={
            "verification": {"community": "阳光小区", "building": "3", "room": "1502"},
            "intent": {"fault": "燃气表不走字", "urgent": True, "floors": [1, 2]},
        },
        compliance_score=87,
        compliance_verdicts={"greeting": "pass", "no_taboo": "fail"},
    )
    saved = rt.run(agent, calls.save_call, started.id, fields, started.version)
    ended = T0 + timedelta(minutes=3, microseconds=1)
    done = rt.run(agent, calls.finish_call, started.id, fields, saved.version, ended, "caller")
    back = rt.run(agent, calls.get_call, started.id)
    assert back == done
    assert back.version == 3 and back.updated_by_job_no == "1001"
    assert (back.direction, back.channel, back.caller_number) == ("inbound", "phone", "13912341234")
    assert back.started_at == T0 and back.ended_at == ended and back.ended_by == "caller"
    for name in CallFields.__dataclass_fields__.keys() - {
        "compliance_score",
        "compliance_verdicts",
    }:
        assert getattr(back, name) == getattr(fields, name), name
    # The score is written with the call and read back through the scores its agent sees.
    assert rt.run(agent, calls.compliance_scores, [started.id]) == {started.id: 87}
    kept = rt.run(agent, calls.stored_compliance, [started.id])[started.id]
    assert kept.verdicts == {"greeting": "pass", "no_taboo": "fail"}
    assert rt.run(agent, calls.unfinished_calls) == []


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({"verification": {"room": "30\x001"}}, "room"),
        ({"intents": {"complaint": {"content": "漏气\x00"}}}, "content"),
        ({"intents": {"repair": {"items": ["好", "坏\x00"]}}}, "items"),
    ],
)
def test_a_nul_inside_the_forms_is_refused_naming_its_field(
    rt: Runtime, agent: AgentContext, details: dict[str, object], field: str
) -> None:
    """JSON escapes a NUL, so the forms as a whole passed and the
    autosave wrote it; each text inside is checked on its own now."""
    started = _start(rt, agent)
    fields = CallFields("talking", notes="已记录", details=details)
    with pytest.raises(UserFacingError) as refused:
        rt.run(agent, calls.save_call, started.id, fields, started.version)
    assert refused.value.message_id == "input.nul_character"
    assert refused.value.params["field"] == field
    assert rt.run(agent, calls.get_call, started.id).details == {}  # nothing written


def test_unfinished_call_is_restored_at_the_next_start(
    rt: Runtime, test_db: TestDb, agent: AgentContext
) -> None:
    started = _start(rt, agent)
    rt.run(agent, calls.save_call, started.id, CallFields("talking", notes="半句话"), 1)
    # The PC dies; the same agent signs in again once the lease has lapsed.
    admin = open_runtime(test_db.admin_url)
    lapse_lease(admin, "1001")
    admin.close()
    again = rt.login("1001", PASSWORD, "坐席01")
    [restored] = rt.run(again, calls.unfinished_calls)
    assert (restored.id, restored.notes) == (started.id, "半句话")


def test_start_repeated_after_a_lost_connection_is_idempotent(
    rt: Runtime, agent: AgentContext
) -> None:
    call_id = checks.new_call_id()
    first = rt.run(agent, calls.start_call, call_id, "05388123456", "inbound", "phone", T0)
    # The commit went through but the answer was lost: the seat repeats the whole unit.
    again = rt.run(agent, calls.start_call, call_id, "05388123456", "inbound", "phone", T0)
    assert again == first
    saved = rt.run(agent, calls.save_call, call_id, CallFields("talking", notes="x"), 1)
    # A repeated save (committed, answer lost) is no conflict either.
    assert rt.run(agent, calls.save_call, call_id, CallFields("talking", notes="x"), 1) == saved


def test_events_append_idempotently_in_order(rt: Runtime, agent: AgentContext) -> None:
    c = _start(rt, agent)
    evs = [
        NewCallEvent(0, "ring", T0),
        NewCallEvent(1, "answer", T0 + timedelta(seconds=5), {"rings": 2}),
        NewCallEvent(2, "phrase", T0 + timedelta(seconds=6), {"id": "greeting", "text": "您好"}),
    ]
    assert rt.run(agent, calls.append_events, c.id, evs[:2]) == 2
    assert rt.run(agent, calls.append_events, c.id, evs) == 1  # a retry with one more
    stored = rt.run(agent, calls.call_events, c.id)
    assert [(e.seq, e.kind, e.data) for e in stored] == [
        (0, "ring", {}),
        (1, "answer", {"rings": 2}),
        (2, "phrase", {"id": "greeting", "text": "您好"}),
    ]
    assert {e.job_no for e in stored} == {"1001"}


def test_stale_save_names_who_saved_and_nobody_else_writes_the_call(
    rt: Runtime, agent: AgentContext, make_agent: AgentFactory
) -> None:
    c = _start(rt, agent)
    make_agent("2001", Role.SUPERVISOR)
    sup = rt.login("2001", PASSWORD, "坐席02")
    # Issue 20: only the agent on the call changes it while it is in progress.
    with pytest.raises(UserFacingError, match="call.not_yours"):
        rt.run(sup, calls.save_call, c.id, CallFields("talking", notes="值班经理补充"), 1)
    rt.run(agent, calls.save_call, c.id, CallFields("talking", notes="先记一句"), 1)
    mine = CallFields("talking", notes="坐席自己写的很长一段记录")
    with pytest.raises(UserFacingError, match="call.changed_elsewhere") as e:
        rt.run(agent, calls.save_call, c.id, mine, 1)  # a form based on the older version
    assert e.value.params["job_no"] == "1001"
    assert rt.run(agent, calls.get_call, c.id).notes == "先记一句"  # nothing overwritten
    # The agent's text is still in hand: saved on top of the current version it goes in.
    assert rt.run(agent, calls.save_call, c.id, mine, 2).notes == mine.notes


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (CallFields("talking", notes="a\x00b"), "input.nul_character"),
        (CallFields("talking", surname="王\x00"), "input.nul_character"),
        (CallFields("talking", notes="长" * (calls.MAX_NOTES + 1)), "input.too_long"),
        (CallFields("talking", surname="欧" * 17), "input.too_long"),
        (CallFields("talking", intent="chat"), "input.invalid_choice"),
        (CallFields("talking", title="同志"), "input.invalid_choice"),
        (CallFields("talking", compliance_score=101), "input.out_of_range"),
        (CallFields("done", compliance_verdicts={"greeting": "maybe"}), "input.invalid"),
        (CallFields("done", compliance_verdicts={"charm": "pass"}), "input.invalid"),
        (CallFields("Talking!"), "input.invalid"),
    ],
)
def test_bad_input_is_refused_with_a_message(
    rt: Runtime, agent: AgentContext, fields: CallFields, message: str
) -> None:
    c = _start(rt, agent)
    with pytest.raises(UserFacingError, match=message):
        rt.run(agent, calls.save_call, c.id, fields, 1)
    assert rt.run(agent, calls.get_call, c.id).version == 1


def test_bad_number_and_event_are_refused(rt: Runtime, agent: AgentContext) -> None:
    with pytest.raises(UserFacingError, match="input.nul_character"):
        rt.run(agent, calls.start_call, checks.new_call_id(), "139\x00", "inbound", "phone", T0)
    with pytest.raises(UserFacingError, match="input.too_long"):
        rt.run(agent, calls.start_call, checks.new_call_id(), "1" * 33, "inbound", "phone", T0)
    with pytest.raises(UserFacingError, match="input.invalid_choice"):
        rt.run(agent, calls.start_call, checks.new_call_id(), "110", "sideways", "phone", T0)
    c = _start(rt, agent)
    big = NewCallEvent(0, "note", T0, {"text": "x" * calls.MAX_EVENT_DATA})
    with pytest.raises(UserFacingError, match="input.too_long"):
        rt.run(agent, calls.append_events, c.id, [big])
    # NUL inside event data is escaped by JSON: stored and read back exactly.
    rt.run(agent, calls.append_events, c.id, [NewCallEvent(0, "note", T0, {"t": "a\x00b"})])
    assert rt.run(agent, calls.call_events, c.id)[0].data == {"t": "a\x00b"}


@pytest.fixture
def both(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[list[tuple[Runtime, AgentContext, CallId]]]:
    """One signed-in seat and one call on each database, for comparing them."""
    from console.people import agents
    from tests.conftest import new_pg_database, new_sqlite_database

    dbs = [new_sqlite_database(str(tmp_path_factory.mktemp("sq")))]
    dbs.append(new_pg_database(request.getfixturevalue("pg_server")))
    out = []
    runtimes = []
    for d in dbs:
        admin = open_runtime(d.admin_url)
        with admin.unit(admin="test") as s:
            agents.add_agent(s, None, "1001", "测试", Role.AGENT, PASSWORD, datetime.now(UTC))
        admin.close()
        r = open_runtime(d.url)
        runtimes.append(r)
        ctx = r.login("1001", PASSWORD, "坐席01")
        c = r.run(
            ctx, calls.start_call, checks.new_call_id(), "13912341234", "inbound", "phone", T0
        )
        out.append((r, ctx, c.id))
    yield out
    for r in runtimes:
        r.close()


@pytest.mark.pg
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(notes=st.text(max_size=calls.MAX_NOTES + 20) | st.text(alphabet="\x00 a长", max_size=9))
def test_any_notes_round_trip_or_get_the_message_alike_on_both(
    both: list[tuple[Runtime, AgentContext, CallId]], notes: str
) -> None:
    outcomes = []
    for r, ctx, call_id in both:
        version = r.run(ctx, calls.get_call, call_id).version
        try:
            saved = r.run(
                ctx,
                calls.save_call,
                call_id,
                CallFields("talking", notes=notes, details={"intent": {"text": notes}}),
                version,
            )
        except UserFacingError as e:
            assert e.message_id in ("input.nul_character", "input.too_long")
            outcomes.append(e.message_id)
        else:
            back = r.run(ctx, calls.get_call, call_id)
            assert back.notes == notes == saved.notes
            assert back.details == {"intent": {"text": notes}} == saved.details
            outcomes.append("stored")
    assert outcomes[0] == outcomes[1]


def test_superseded_session_cannot_add_events(
    rt: Runtime, test_db: TestDb, agent: AgentContext
) -> None:
    c = _start(rt, agent)
    admin = open_runtime(test_db.admin_url)
    lapse_lease(admin, "1001")
    rt.login("1001", PASSWORD, "坐席02")  # the same job number, now at another seat
    with pytest.raises(UserFacingError, match="session.not_active"):
        rt.run(agent, calls.append_events, c.id, [NewCallEvent(0, "ring", T0)])
    with pytest.raises(UserFacingError, match="session.not_active"):
        rt.run(agent, calls.save_call, c.id, CallFields("talking", notes="迟到的保存"), 1)
    assert admin_sql(admin, "SELECT count(*) FROM call_events") == [(0,)]
    admin.close()


def test_call_events_cannot_be_changed_or_deleted(rt: Runtime, agent: AgentContext) -> None:
    c = _start(rt, agent)
    rt.run(agent, calls.append_events, c.id, [NewCallEvent(0, "ring", T0)])
    for sql in ("UPDATE call_events SET kind = 'x'", "DELETE FROM call_events"):
        # SQLite's trigger, or PostgreSQL's missing grant (insufficient_privilege).
        with pytest.raises(UserFacingError, match="append.only|42501"), rt.unit(agent) as s:
            s.execute(text(sql))
    assert [e.kind for e in rt.run(agent, calls.call_events, c.id)] == ["ring"]


# --- PostgreSQL: a client that skips the application -------------------------------------


@pytest.mark.pg
def test_pg_superseded_session_cannot_add_events_by_raw_sql(
    seat_sql: Connection, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    from console.people import agents

    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "测试", Role.AGENT, PASSWORD, datetime.now(UTC))
    old = pg_rt.login("1001", PASSWORD, "坐席01")
    c = pg_rt.run(old, calls.start_call, checks.new_call_id(), "110", "inbound", "phone", T0)
    lapse_lease(pg_admin, "1001")
    pg_rt.login("1001", PASSWORD, "坐席02")
    insert_event = (
        "INSERT INTO call_events (call_id, seq, kind, at, data, job_no, session_id) "
        "VALUES (:c, 0, 'ring', now(), '{}', '1001', :sid)"
    )
    for sql in (insert_event, "UPDATE calls SET notes = 'x', version = version + 1"):
        bind_token(seat_sql, old)
        with pytest.raises(exc.DBAPIError, match="no longer active"):
            seat_sql.execute(text(sql), {"c": c.id, "sid": old.session_id})
        seat_sql.rollback()
    assert admin_sql(pg_admin, "SELECT count(*) FROM call_events") == [(0,)]


@pytest.mark.pg
def test_pg_seat_role_cannot_rewrite_history(
    seat_sql: Connection, pg_rt: Runtime, pg_admin: Runtime
) -> None:
    from console.people import agents

    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "测试", Role.AGENT, PASSWORD, datetime.now(UTC))
    ctx = pg_rt.login("1001", PASSWORD, "坐席01")
    c = pg_rt.run(ctx, calls.start_call, checks.new_call_id(), "110", "inbound", "phone", T0)
    pg_rt.run(ctx, calls.append_events, c.id, [NewCallEvent(0, "ring", T0)])
    for sql in (
        "UPDATE call_events SET kind = 'x'",
        "DELETE FROM call_events",
        "DELETE FROM calls",
        "TRUNCATE call_events",
    ):
        bind_token(seat_sql, ctx)
        with pytest.raises(exc.DBAPIError, match="permission denied"):
            seat_sql.execute(text(sql))
        seat_sql.rollback()
    # Job number forged by the client, and a save that skips the version: both refused
    # or overridden by the database.
    bind_token(seat_sql, ctx)
    with pytest.raises(exc.DBAPIError, match="without a new version"):
        seat_sql.execute(text("UPDATE calls SET notes = 'x'"))
    seat_sql.rollback()
    bind_token(seat_sql, ctx)
    seat_sql.execute(
        text("UPDATE calls SET job_no = '9999', updated_by_job_no = '9999', version = 2")
    )
    seat_sql.commit()
    assert admin_sql(pg_admin, "SELECT job_no, updated_by_job_no FROM calls") == [("1001", "1001")]
    # Even the schema owner cannot rewrite an event.
    with pytest.raises(Exception, match="append.only"):
        admin_sql(pg_admin, "UPDATE call_events SET kind = 'x'")
