"""Quality inspection (质检) on both databases: the daily draw is reproducible and never
takes a call twice; a review is claimed by one supervisor at a time (also by two
processes at once); saved, replied to, answered and acknowledged, each audited and
versioned; and an agent sees only their own reviews — on PostgreSQL refused by the
database itself, whatever the client does."""

from __future__ import annotations

import multiprocessing as mp
import subprocess
import sys
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection

from console.app.runtime import Runtime
from console.calls import call_log, calls
from console.calls.call_log import CallFilter
from console.cases import cases
from console.content import content
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.vocabulary import CallId, ReviewVerdict, SampleReason
from console.people import agents, auth
from console.quality import reviews
from tests import quality_workers
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import admin_sql, audit_kinds, bind_token
from tests.quality_calls import stored_call

ZONE = ZoneInfo("Asia/Shanghai")
WEDNESDAY = date(2026, 11, 18)
AT = datetime(2026, 11, 18, 10, 0, tzinfo=ZONE)


def cid(name: str) -> CallId:
    """A fixed call id: the draw's order depends on it, so the test can name the picks."""
    return CallId(str(uuid.uuid5(uuid.NAMESPACE_URL, f"quality-test/{name}")))


@pytest.fixture
def people(
    rt: Runtime, make_agent: AgentFactory
) -> tuple[AgentContext, AgentContext, AgentContext, AgentContext]:
    """Agents 1001 and 1002, supervisors 2001 and 2002, each signed in."""
    make_agent("1001")
    make_agent("1002")
    make_agent("2001", Role.SUPERVISOR)
    make_agent("2002", Role.SUPERVISOR)
    return (
        rt.login("1001", PASSWORD, "坐席01"),
        rt.login("1002", PASSWORD, "坐席02"),
        rt.login("2001", PASSWORD, "值班台"),
        rt.login("2002", PASSWORD, "坐席19"),
    )


def _all_pass() -> dict[str, str]:
    return {i.code: ReviewVerdict.PASS for i in content.shipped().get(content.QUALITY).checklist}


def _reviewed(rt: Runtime, boss: AgentContext, agent: AgentContext) -> reviews.ReviewItem:
    call = stored_call(rt, agent, str(uuid.uuid4()), AT)
    item = rt.run(boss, reviews.add_call, call, ZONE)
    item = rt.run(boss, reviews.claim, item.id)
    verdicts = _all_pass() | {"greeting": ReviewVerdict.FAIL, "wording": "not_applicable"}
    return rt.run(boss, reviews.save_review, item.id, verdicts, "开头语漏说", item.version)


def test_the_draw_is_reproducible_and_takes_no_call_twice(
    test_db: TestDb, rt: Runtime, admin_rt: Runtime, people: tuple[AgentContext, ...]
) -> None:
    a1, a2, boss, _ = people
    # Agent 1001: six ordinary calls, and one each of what is always drawn.
    for i in range(6):
        stored_call(rt, a1, cid(f"a1-{i}"), AT + timedelta(minutes=10 * i))
    stored_call(rt, a1, cid("a1-complaint"), AT, intent="complaint")
    stored_call(rt, a1, cid("a1-taboo"), AT, taboo=True)  # scored 88: taboo is the reason
    stored_call(rt, a1, cid("a1-low"), AT, greeting=False, taboo=False, rings=5)  # 75
    # Agent 1002: two ordinary calls that day, and one the day after.
    stored_call(rt, a2, cid("a2-0"), AT)
    stored_call(rt, a2, cid("a2-1"), AT + timedelta(hours=1))
    stored_call(rt, a2, cid("a2-next"), AT + timedelta(days=1))
    # A call that ended the evening before (local time) is not the day's.
    stored_call(rt, a1, cid("a1-before"), datetime(2026, 11, 17, 23, 50, tzinfo=ZONE))

    drawn = rt.run(boss, reviews.draw, WEDNESDAY, ZONE)

    # Five a week: by Wednesday ceil(5·3/7) = 3 each, at random — in the order of
    # sha256("2026-11-18:<call id>"), which gives these three for 1001 on any database.
    got = {(i.agent_job_no, i.reason, i.call_id) for i in drawn.added}
    assert got == {
        ("1001", SampleReason.COMPLAINT, cid("a1-complaint")),
        ("1001", SampleReason.TABOO, cid("a1-taboo")),
        ("1001", SampleReason.LOW_SCORE, cid("a1-low")),
        ("1001", SampleReason.SAMPLE, cid("a1-0")),
        ("1001", SampleReason.SAMPLE, cid("a1-3")),
        ("1001", SampleReason.SAMPLE, cid("a1-4")),
        ("1002", SampleReason.SAMPLE, cid("a2-0")),  # fewer calls than the share: all
        ("1002", SampleReason.SAMPLE, cid("a2-1")),
    }
    pool = sorted(
        (cid(f"a1-{i}") for i in range(6)), key=lambda c: reviews.draw_order(WEDNESDAY, c)
    )
    assert {
        i.call_id for i in drawn.added if i.reason == "sample" and i.agent_job_no == "1001"
    } == set(pool[:3])
    assert all(i.drawn_on == WEDNESDAY and i.reviewed_at is None for i in drawn.added)

    # Again: nothing new. A supervisor adding a drawn call gets the item already there.
    assert rt.run(boss, reviews.draw, WEDNESDAY, ZONE).added == ()
    again = rt.run(boss, reviews.add_call, cid("a1-0"), ZONE)
    assert again.reason == SampleReason.SAMPLE and again.drawn_on == WEDNESDAY
    # Thursday: 1002 is one short of ceil(5·4/7) = 3 and gets the one call of the day.
    thursday = rt.run(boss, reviews.draw, WEDNESDAY + timedelta(days=1), ZONE)
    assert [(i.agent_job_no, i.call_id) for i in thursday.added] == [("1002", cid("a2-next"))]
    rows = admin_sql(admin_rt, "SELECT call_id, count(*) FROM quality_reviews GROUP BY call_id")
    assert len(rows) == 9 and {n for _, n in rows} == {1}
    assert audit_kinds(admin_rt).count("quality.drawn") == 2
    # Only a supervisor draws.
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(a1, reviews.draw, WEDNESDAY, ZONE)


def test_two_supervisors_never_hold_the_same_call(
    test_db: TestDb, rt: Runtime, people: tuple[AgentContext, ...]
) -> None:
    a1, _, boss, other = people
    for i in range(2):
        stored_call(rt, a1, cid(f"c{i}"), AT + timedelta(minutes=i), intent="complaint")
    rt.run(boss, reviews.draw, WEDNESDAY, ZONE)
    first = rt.run(boss, reviews.claim_next)
    second = rt.run(other, reviews.claim_next)
    assert first is not None and second is not None and first.id != second.id
    assert rt.run(boss, reviews.claim_next) == rt.run(boss, reviews.get, first.id)  # held
    assert rt.run(other, reviews.claim_next) is not None
    with pytest.raises(UserFacingError, match="quality.claimed") as e:
        rt.run(other, reviews.claim, first.id)
    assert e.value.params["job_no"] == "2001"
    held = rt.run(other, reviews.get, first.id)
    with pytest.raises(UserFacingError, match="quality.claimed"):
        rt.run(other, reviews.save_review, first.id, _all_pass(), "", held.version)
    rt.run(boss, reviews.release, first.id)
    taken = rt.run(other, reviews.claim, first.id)
    assert taken.claimed_by_job_no == "2002"


def test_review_saved_replied_answered_acknowledged_each_audited(
    test_db: TestDb, rt: Runtime, admin_rt: Runtime, people: tuple[AgentContext, ...]
) -> None:
    a1, a2, boss, other = people
    saved = _reviewed(rt, boss, a1)
    assert saved.reviewer_job_no == "2001" and saved.reviewed_at is not None
    assert saved.score == 92  # 11 of the 12 applicable items
    assert saved.verdicts["greeting"] is ReviewVerdict.FAIL
    assert saved.claimed_by_job_no is None
    # A correction from a stale version is refused naming who saved last.
    fixed = rt.run(
        other, reviews.save_review, saved.id, _all_pass(), "复核:已说开头语", saved.version
    )
    assert (fixed.score, fixed.reviewer_job_no, fixed.version) == (100, "2002", saved.version + 1)
    with pytest.raises(UserFacingError, match="quality.changed_elsewhere") as e:
        rt.run(boss, reviews.save_review, saved.id, _all_pass(), "x", saved.version)
    assert e.value.params["job_no"] == "2002"

    # The agent's side: only the agent concerned sees it, replies and acknowledges.
    assert [r.id for r in rt.run(a1, reviews.my_results)] == [saved.id]
    assert rt.run(a2, reviews.my_results) == []
    with pytest.raises(UserFacingError, match="quality.not_found"):
        rt.run(a2, reviews.get, saved.id)
    with pytest.raises(UserFacingError, match="quality.not_found"):
        rt.run(a2, reviews.reply, saved.id, "不是我")
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(a1, reviews.save_review, saved.id, _all_pass(), "", fixed.version)
    replied = rt.run(a1, reviews.reply, saved.id, "第二声就接起来了,请复核")
    assert replied.waiting_for_answer
    with pytest.raises(UserFacingError, match="quality.replied_already"):
        rt.run(a1, reviews.reply, saved.id, "再补充一句")
    with pytest.raises(UserFacingError, match="quality.answer_pending"):
        rt.run(a1, reviews.acknowledge, saved.id)
    assert [r.id for r in rt.run(boss, reviews.replies_waiting)] == [saved.id]
    answered = rt.run(boss, reviews.answer, saved.id, "已复核,评分已更正")
    assert answered.answered_by_job_no == "2001" and not answered.waiting_for_answer
    done = rt.run(a1, reviews.acknowledge, saved.id)
    assert done.acknowledged_at is not None
    assert rt.run(a1, reviews.acknowledge, saved.id) == done  # a retry changes nothing
    with pytest.raises(UserFacingError, match="quality.acknowledged"):
        rt.run(boss, reviews.save_review, saved.id, _all_pass(), "", done.version)

    kinds = [k for k in audit_kinds(admin_rt) if k.startswith("quality.")]
    assert kinds == [
        "quality.added",
        "quality.reviewed",
        "quality.corrected",
        "quality.replied",
        "quality.answered",
        "quality.acknowledged",
    ]
    # The database keeps it as it was acknowledged, whatever a client tries.
    with pytest.raises(Exception, match="acknowledged"), rt.unit(boss) as s:
        s.execute(text("UPDATE quality_reviews SET comment = 'x', version = version + 1"))
    with (
        pytest.raises(Exception, match="kept|permission denied|quality.refused|db.refused"),
        rt.unit(boss) as s,
    ):
        s.execute(text("DELETE FROM quality_reviews"))


def test_the_review_form_shows_the_call(
    test_db: TestDb, rt: Runtime, people: tuple[AgentContext, ...]
) -> None:
    a1, _, boss, _ = people
    call = stored_call(rt, a1, cid("form"), AT, taboo=True, notes="客户说不知道表号")
    rt.run(a1, cases.open_case, cases.new_case_id(), "complaint", "抄表员态度差", call_id=call)
    item = rt.run(boss, reviews.add_call, call, ZONE)
    d = rt.run(boss, reviews.detail, item.id)
    assert [e.kind for e in d.timeline][:2] == ["ring", "answer"]
    assert d.hold_seconds == 15 and d.talk_seconds == 120 and d.ended_by == "caller"
    assert d.verification == "verified" and d.ring_count == 1
    assert [(m.kind, d.notes[m.start : m.end]) for m in d.note_marks] == [("taboo", "不知道")]
    assert [(c.kind, c.summary) for c in d.cases] == [("complaint", "抄表员态度差")]
    assert d.automatic is not None and d.automatic.score_percent == 88
    lines = {line.code: line for line in d.checklist}
    assert lines["no_taboo"].automatic is ReviewVerdict.FAIL
    assert lines["greeting"].automatic is ReviewVerdict.PASS
    assert lines["wording"].automatic is None  # the reviewer's judgment alone
    assert lines["answered_in_time"].clause == "GS 15.2.3"
    assert reviews.prefilled(d)["no_taboo"] is ReviewVerdict.FAIL


def test_a_review_not_acknowledged_in_time_is_overdue(
    test_db: TestDb, rt: Runtime, admin_rt: Runtime, people: tuple[AgentContext, ...]
) -> None:
    a1, _, boss, _ = people
    item = _reviewed(rt, boss, a1)
    assert rt.run(boss, reviews.overdue, ZONE) == []
    # Reviewed on Monday 2026-11-09: three working days later (Thu 12th) is over.
    admin_sql(
        admin_rt,
        "UPDATE quality_reviews SET reviewed_at = :t, version = version + 1",
        t=datetime(2026, 11, 9, 2, 0, tzinfo=UTC),
    )
    assert [r.id for r in rt.run(boss, reviews.overdue, ZONE)] == [item.id]
    current = rt.run(a1, reviews.get, item.id)
    rt.run(a1, reviews.acknowledge, current.id)
    assert rt.run(boss, reviews.overdue, ZONE) == []


@pytest.mark.pg
def test_postgresql_itself_keeps_reviews_private(
    pg_rt: Runtime, pg_admin: Runtime, seat_sql: Connection
) -> None:
    rt = pg_rt
    for job_no, role in (("1001", Role.AGENT), ("1002", Role.AGENT), ("2001", Role.SUPERVISOR)):
        with pg_admin.unit(admin="test") as s:
            agents.add_agent(s, None, job_no, "测试", role, PASSWORD, datetime.now(UTC))
    a1, a2 = rt.login("1001", PASSWORD, "坐席01"), rt.login("1002", PASSWORD, "坐席02")
    boss = rt.login("2001", PASSWORD, "值班台")
    mine = _reviewed(rt, boss, a1)
    theirs = _reviewed(rt, boss, a2)

    def as_seat(ctx: AgentContext | None, sql: str, **params: object) -> list[tuple[object, ...]]:
        with seat_sql.begin():
            bind_token(seat_sql, ctx)
            result = seat_sql.execute(text(sql), params)
            return [tuple(r) for r in result] if result.returns_rows else [(result.rowcount,)]

    seen = "SELECT id FROM quality_reviews ORDER BY id"
    assert as_seat(a1, seen) == [(mine.id,)]  # 1002's review does not exist for 1001
    assert as_seat(a2, seen) == [(theirs.id,)]
    assert sorted(as_seat(boss, seen)) == sorted([(mine.id,), (theirs.id,)])
    assert as_seat(None, seen) == []  # no session, nothing
    # Writing another agent's review finds nothing to write.
    update = "UPDATE quality_reviews SET reply = 'x', version = version + 1 WHERE id = :id"
    assert as_seat(a1, update, id=theirs.id) == [(0,)]
    # The agent's own: a reply, yes; the score, never.
    with pytest.raises(Exception, match="ACI01|only replies"):
        as_seat(a1, "UPDATE quality_reviews SET score = 100, version = version + 1")
    with pytest.raises(Exception, match="ACI01|only replies"):
        as_seat(
            a1,
            "UPDATE quality_reviews SET answer = 'ok', version = version + 1 WHERE id = :id",
            id=mine.id,
        )
    assert as_seat(a1, update, id=mine.id) == [(1,)]  # the reply is the agent's to write
    # The service says the same in its own words.
    with pytest.raises(UserFacingError, match="quality.not_found"):
        rt.run(a1, reviews.get, theirs.id)
    assert admin_sql(pg_admin, "SELECT count(*) FROM quality_reviews") == [(2,)]


@pytest.mark.slow
def test_two_supervisor_processes_never_review_the_same_call(
    test_db: TestDb, rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    agent = rt.login("1001", PASSWORD, "坐席01")
    bosses = [make_agent(str(2001 + i), Role.SUPERVISOR) for i in range(2)]
    ids = [stored_call(rt, agent, str(uuid.uuid4()), AT, intent="complaint") for _ in range(24)]
    lead = rt.login(bosses[0], PASSWORD, "值班台")
    assert len(rt.run(lead, reviews.draw, WEDNESDAY, ZONE).added) == len(ids)
    rt.run(lead, auth.logout)  # the worker signs in with the same job number

    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(len(bosses) + 1)
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=quality_workers.review_the_list,
            args=(test_db.url, job, PASSWORD, f"坐席1{i}", barrier, results),
        )
        for i, job in enumerate(bosses)
    ]
    for p in procs:
        p.start()
    try:
        barrier.wait(timeout=180)
        reports = [results.get(timeout=180) for _ in procs]
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    assert [err for _, _, err in reports if err] == []
    reviewed = Counter(call for _, got, _ in reports for call in got)
    assert set(reviewed) == set(ids) and max(reviewed.values()) == 1
    rows = admin_sql(admin_rt, "SELECT call_id, reviewer_job_no FROM quality_reviews")
    by_worker = {call: job for job, got, _ in reports for call in got}
    assert {call: job for call, job in rows} == by_worker


def test_the_command_line_draws_a_day_for_cron(
    test_db: TestDb, rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    make_agent("1001")
    make_agent("2001", Role.SUPERVISOR)
    a1 = rt.login("1001", PASSWORD, "坐席01")
    stored_call(rt, a1, cid("cli"), AT, intent="complaint")

    def draw(job_no: str) -> subprocess.CompletedProcess[str]:
        day = WEDNESDAY.isoformat()
        command = ["quality", "draw", "--as", job_no, "--password-stdin", "--day", day]
        return subprocess.run(
            [sys.executable, "main.py", "--db", test_db.url, "--seat", "坐席18", *command],
            input=f"{PASSWORD}\n",
            capture_output=True,
            text=True,
            timeout=120,
        )

    first = draw("2001")
    assert first.returncode == 0, first.stderr
    assert f"1001\tcomplaint\t{cid('cli')}" in first.stdout
    again = draw("2001")
    assert again.returncode == 0 and "drew 0 calls" in again.stdout
    rt.run(a1, auth.logout)
    refused = draw("1001")  # an agent does not draw
    assert refused.returncode == 2, refused.stdout
    assert admin_sql(admin_rt, "SELECT count(*) FROM quality_reviews") == [(1,)]


def test_a_calls_score_is_seen_by_its_agent_and_the_supervisors_only(
    rt: Runtime, people: tuple[AgentContext, ...]
) -> None:
    a1, a2, boss, _ = people
    mine = stored_call(rt, a1, cid("score-mine"), AT)
    theirs = stored_call(rt, a2, cid("score-theirs"), AT, greeting=False)
    both = [mine, theirs]
    assert rt.run(a1, calls.compliance_scores, both) == {mine: 100}
    assert rt.run(a2, calls.compliance_scores, both) == {theirs: 88}
    assert rt.run(boss, calls.compliance_scores, both) == {mine: 100, theirs: 88}
    # The call logs say the same: the supervisor's shows both scores.
    page = rt.run(boss, call_log.search, CallFilter())
    assert {r.id: r.compliance_score for r in page.rows} == {mine: 100, theirs: 88}
    page = rt.run(a1, call_log.search, CallFilter())
    assert {r.id: r.compliance_score for r in page.rows} == {mine: 100}


@pytest.mark.pg
def test_postgresql_itself_keeps_the_automatic_score_private(
    pg_rt: Runtime, pg_admin: Runtime, seat_sql: Connection
) -> None:
    rt = pg_rt
    for job_no, role in (("1001", Role.AGENT), ("1002", Role.AGENT), ("2001", Role.SUPERVISOR)):
        with pg_admin.unit(admin="test") as s:
            agents.add_agent(s, None, job_no, "测试", role, PASSWORD, datetime.now(UTC))
    a1, a2 = rt.login("1001", PASSWORD, "坐席01"), rt.login("1002", PASSWORD, "坐席02")
    boss = rt.login("2001", PASSWORD, "值班台")
    mine = stored_call(rt, a1, cid("pg-score-mine"), AT)
    theirs = stored_call(rt, a2, cid("pg-score-theirs"), AT, greeting=False)

    def as_seat(ctx: AgentContext | None, sql: str) -> list[tuple[object, ...]]:
        with seat_sql.begin():
            bind_token(seat_sql, ctx)
            return [tuple(r) for r in seat_sql.execute(text(sql))]

    # The column itself is not the seat's to read, however it is asked for.
    for sql in (
        "SELECT compliance_score FROM calls",
        "SELECT * FROM calls",
        "SELECT id FROM calls WHERE compliance_score < 90",
    ):
        with pytest.raises(Exception, match="permission denied"):
            as_seat(a1, sql)
    # The rest of a call is (the repeat-caller hint reads other agents' calls).
    assert sorted(as_seat(a1, "SELECT id, notes FROM calls")) == sorted([(mine, ""), (theirs, "")])
    seen = "SELECT call_id, score FROM call_scores ORDER BY score"
    assert as_seat(a1, seen) == [(mine, 100)]
    assert as_seat(a2, seen) == [(theirs, 88)]
    assert as_seat(boss, seen) == [(theirs, 88), (mine, 100)]
    assert as_seat(None, seen) == []  # no session, nothing
    # A function of the reader's own in the WHERE never sees the rows left out.
    with seat_sql.begin():
        seat_sql.execute(
            text(
                "CREATE FUNCTION pg_temp.peek(s int) RETURNS boolean LANGUAGE plpgsql "
                "COST 0.0000001 AS $$ BEGIN RAISE NOTICE 'score %', s; RETURN true; END $$"
            )
        )
        bind_token(seat_sql, a1)
        notices: list[str] = []
        raw = seat_sql.connection.dbapi_connection
        raw.add_notice_handler(lambda d: notices.append(d.message_primary))  # type: ignore[union-attr]
        rows = seat_sql.execute(text("SELECT call_id FROM call_scores WHERE pg_temp.peek(score)"))
        assert [r[0] for r in rows] == [mine]
    assert notices == ["score 100"]  # 1002's 88 never reached the function
    assert admin_sql(pg_admin, "SELECT count(*) FROM call_scores") == [(2,)]
