"""Quality trends against a hand-computed fixture, on both databases: per agent and per
clause, week by week, automatic and reviewed; an agent sees only their own."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from console.app.runtime import Runtime
from console.content import content
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.core.vocabulary import CallId, ReportKind
from console.printing import printing
from console.printing.printing import ReportRequest
from console.quality import reviews, trends
from console.quality.trends import Source
from tests.conftest import PASSWORD, AgentFactory, TestDb
from tests.helpers import admin_sql
from tests.quality_calls import stored_call

ZONE = ZoneInfo("Asia/Shanghai")
WEEK1, WEEK2 = date(2026, 11, 9), date(2026, 11, 16)  # Mondays


def _review(rt: Runtime, boss: AgentContext, call: CallId, fail: tuple[str, ...] = ()) -> None:
    item = rt.run(boss, reviews.add_call, call, ZONE)
    item = rt.run(boss, reviews.claim, item.id)
    codes = [i.code for i in content.shipped().get(content.QUALITY).checklist]
    verdicts = {c: "fail" if c in fail else "pass" for c in codes}
    rt.run(boss, reviews.save_review, item.id, verdicts, "", item.version)


@pytest.mark.parametrize("stored", [True, False], ids=["verdicts-stored", "scored-again"])
def test_the_trend_figures_match_the_hand_computed_fixture(
    test_db: TestDb, rt: Runtime, make_agent: AgentFactory, tmp_path: Path, stored: bool
) -> None:
    """The same figures whether the calls' verdicts were stored at their end or the calls
    predate that and are scored again from their event logs."""
    make_agent("1001")
    make_agent("1002")
    make_agent("2001", Role.SUPERVISOR)
    a1, a2 = rt.login("1001", PASSWORD, "坐席01"), rt.login("1002", PASSWORD, "坐席02")
    boss = rt.login("2001", PASSWORD, "值班台")

    def at(day: int, hour: int = 10) -> datetime:
        return datetime(2026, 11, day, hour, tzinfo=ZONE)

    a = stored_call(rt, a1, str(uuid.uuid4()), at(10), verdicts=stored)  # 100
    b = stored_call(
        rt, a1, str(uuid.uuid4()), at(11), taboo=True, verdicts=stored
    )  # 88: no_taboo fails
    stored_call(rt, a1, str(uuid.uuid4()), at(17), greeting=False, rings=5, verdicts=stored)  # 71
    stored_call(rt, a2, str(uuid.uuid4()), at(10), verdicts=stored)  # 100, another agent
    stored_call(
        rt, a1, str(uuid.uuid4()), at(8, 23), verdicts=stored
    )  # Sunday 23:00: the week before
    _review(rt, boss, a)  # 11 of 11: 100
    _review(rt, boss, b, fail=("no_taboo", "wording"))  # 11 of 13: 85

    t = rt.run(boss, trends.trends, WEEK1, date(2026, 11, 22), ZONE, "1001")
    assert t.weeks == (WEEK1, WEEK2) and t.agent == "1001"
    figures = {(s.week, s.source): (s.calls, s.average) for s in t.scores}
    assert figures == {
        (WEEK1, Source.AUTOMATIC): (2, 94.0),  # (100 + 88) / 2
        (WEEK1, Source.REVIEWED): (2, 92.5),  # (100 + 85) / 2
        (WEEK2, Source.AUTOMATIC): (1, 75.0),
        (WEEK2, Source.REVIEWED): (0, None),
    }

    def clause(week: date, source: Source, code: str) -> tuple[int, int]:
        c = t.clause(week, source, code)
        return c.met, c.judged

    assert clause(WEEK1, Source.AUTOMATIC, "no_taboo") == (1, 2)
    assert clause(WEEK1, Source.REVIEWED, "no_taboo") == (1, 2)
    assert clause(WEEK1, Source.AUTOMATIC, "greeting") == (2, 2)
    assert clause(WEEK2, Source.AUTOMATIC, "greeting") == (0, 1)
    assert clause(WEEK2, Source.AUTOMATIC, "answered_in_time") == (0, 1)
    assert clause(WEEK1, Source.AUTOMATIC, "wording") == (0, 0)  # no criterion: reviewers only
    assert t.clause(WEEK1, Source.AUTOMATIC, "wording").share is None
    assert clause(WEEK1, Source.REVIEWED, "wording") == (1, 2)
    assert t.clause(WEEK1, Source.REVIEWED, "wording").share == 0.5

    floor = rt.run(boss, trends.trends, WEEK1, WEEK1, ZONE)
    assert floor.agent is None
    assert floor.score(WEEK1, Source.AUTOMATIC).calls == 3
    assert floor.score(WEEK1, Source.AUTOMATIC).average == 96.0  # (100 + 88 + 100) / 3

    # An agent's trend is their own.
    own = rt.run(a1, trends.trends, WEEK1, WEEK2, ZONE)
    assert own.agent == "1001" and own.scores == t.scores
    with pytest.raises(UserFacingError, match="quality.not_found"):
        rt.run(a1, trends.trends, WEEK1, WEEK2, ZONE, "1002")
    with pytest.raises(UserFacingError, match="input.out_of_range"):
        rt.run(boss, trends.trends, date(2026, 1, 5), WEEK2, ZONE)

    # Printed (R6): the same figures, registered.
    since, until = datetime(2026, 11, 9, tzinfo=ZONE), datetime(2026, 11, 23, tzinfo=ZONE)
    req = ReportRequest(ReportKind.QUALITY_TRENDS, since=since, until=until, job_no="1001")
    out = tmp_path / "quality.pdf"
    entry = printing.produce(
        lambda fn, *x: rt.run(boss, fn, *x),  # type: ignore[arg-type]
        req,
        out,
        zone=ZONE,
    )
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    assert "质检趋势报告" in text and "坐席工号:1001" in text
    assert "2026-11-09 2 94.0 2 92.5" in text  # week, automatic calls and average, reviewed
    assert "2026-11-16 1 75.0 0 —" in text
    assert "GS 4.5 不使用禁忌用语 2026-11-09 1/2 50.0% 1/2 50.0%" in text
    assert f"登记号: {entry.serial}" in text and entry.kind == "quality_trends"
    # An agent prints their own trend only.
    with pytest.raises(UserFacingError, match="quality.not_found"):
        printing.produce(
            lambda fn, *x: rt.run(a2, fn, *x),  # type: ignore[arg-type]
            req,
            tmp_path / "not_mine.pdf",
            zone=ZONE,
        )


def test_the_floor_trend_counts_the_verdicts_stored_at_the_calls_end(
    rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory
) -> None:
    """The trend reads what was stored with the score, not the event log again (what
    makes the floor's trend fast): a call whose stored verdict says the greeting was
    missed counts as missed, whatever its log holds."""
    make_agent("1001")
    make_agent("2001", Role.SUPERVISOR)
    agent, boss = rt.login("1001", PASSWORD, "坐席01"), rt.login("2001", PASSWORD, "值班台")
    at = datetime(2026, 11, 10, 10, tzinfo=ZONE)
    call = stored_call(rt, agent, str(uuid.uuid4()), at, verdicts=False)
    before = rt.run(boss, trends.trends, WEEK1, WEEK1, ZONE)
    assert before.clause(WEEK1, Source.AUTOMATIC, "greeting").met == 1  # scored again
    update = "UPDATE calls SET compliance_verdicts = :v, version = version + 1 WHERE id = :id"
    admin_sql(admin_rt, update, v='{"greeting": "fail"}', id=call)
    after = rt.run(boss, trends.trends, WEEK1, WEEK1, ZONE)
    greeting = after.clause(WEEK1, Source.AUTOMATIC, "greeting")
    assert (greeting.met, greeting.judged) == (0, 1)
    assert after.clause(WEEK1, Source.AUTOMATIC, "no_taboo").judged == 0  # not stored: unjudged
