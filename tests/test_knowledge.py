"""The knowledge panel (R2.17) on SQLite and PostgreSQL: Chinese keywords find the
answers (报装, 安全用气, IC卡 …) with each database's own text search; import replaces
by slug, export round-trips; only administrators import."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import exc, text
from sqlalchemy.engine import Connection

from console.app.runtime import Runtime
from console.content import knowledge
from console.core.datafiles import ResourceError
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from tests.conftest import PASSWORD, AgentFactory


@pytest.fixture
def agent(rt: Runtime, admin_rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    with admin_rt.unit(admin="test") as s:
        assert knowledge.import_articles(s, None, knowledge.shipped_path()) == 13
    make_agent("1001")
    return rt.login("1001", PASSWORD, "坐席01")


def _titles(rt: Runtime, ctx: AgentContext, query: str) -> list[str]:
    return [a.title for a in rt.run(ctx, knowledge.search, query)]


def test_chinese_keywords_find_the_answers(rt: Runtime, agent: AgentContext) -> None:
    found = _titles(rt, agent, "报装")  # two characters: below a trigram
    assert found[:2] == ["报装流程", "报装时应带证件"]  # titles first
    assert _titles(rt, agent, "安全用气")[0] == "安全用气常识"  # four: the trigram index
    assert _titles(rt, agent, "IC卡")[0] == "IC卡的正确使用"
    assert _titles(rt, agent, "ic卡") == _titles(rt, agent, "IC卡")  # case does not matter
    assert "更换燃气表电池" in _titles(rt, agent, "电池")
    assert _titles(rt, agent, "燃气味 通风") == ["闻到燃气味怎么办"]  # every word must appear
    assert _titles(rt, agent, "停气 通知")[0] == "计划停气会提前通知吗"
    assert _titles(rt, agent, "潜水艇") == [] and _titles(rt, agent, "  ") == []
    assert _titles(rt, agent, '100%"_') == []  # LIKE and FTS syntax is taken literally
    with pytest.raises(UserFacingError, match="input.too_long"):
        rt.run(agent, knowledge.search, "长" * 100)
    article = rt.run(agent, knowledge.search, "72小时")[0]
    assert article.title == "投诉多久答复" and "GS 2.2.6" in article.clause


def test_import_replaces_by_slug_export_round_trips_admins_only(
    rt: Runtime, admin_rt: Runtime, agent: AgentContext, make_agent: AgentFactory, tmp_path: Path
) -> None:
    out = tmp_path / "kb.yaml"
    with admin_rt.unit(admin="test") as s:
        assert knowledge.export_articles(s, None, out) == 13
    text = out.read_text(encoding="utf-8")
    assert "报装流程" in text  # readable Chinese, not escapes
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace("报装流程", "报装办理流程"), encoding="utf-8")
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, knowledge.import_articles, changed)
    make_agent("9001", Role.ADMIN)
    admin = rt.login("9001", PASSWORD, "坐席09")
    assert rt.run(admin, knowledge.import_articles, changed) == 13  # from the admin's seat
    assert _titles(rt, agent, "报装")[0] == "报装办理流程"  # replaced, not duplicated
    assert len(rt.run(agent, knowledge.search, "报装")) == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("slug: prices", "slug: Prices!"), encoding="utf-8")
    with admin_rt.unit(admin="test") as s, pytest.raises(ResourceError) as e:
        knowledge.import_articles(s, None, broken)
    assert e.value.line is not None and "slug" in (e.value.field or "")


def test_an_administrator_writes_an_answer_agents_find_it(
    rt: Runtime, agent: AgentContext, make_agent: AgentFactory
) -> None:
    make_agent("9001", Role.ADMIN)
    admin = rt.login("9001", PASSWORD, "坐席09")
    draft = knowledge.ArticleDraft(
        "ic-card-lost", "IC卡", "IC卡丢失补办", "IC卡 丢失 补卡", "携带身份证到营业厅补卡。", ""
    )
    with pytest.raises(UserFacingError, match="role.denied"):
        rt.run(agent, knowledge.save_article, draft)
    assert rt.run(admin, knowledge.save_article, draft) is True
    assert "IC卡丢失补办" in _titles(rt, agent, "补卡")
    edited = knowledge.ArticleDraft(**{**draft.__dict__, "body": "携带身份证和户号到营业厅补卡。"})
    assert rt.run(admin, knowledge.save_article, edited) is False  # changed, not added
    assert rt.run(admin, knowledge.full, "ic-card-lost") == edited
    for bad, message in (
        (knowledge.ArticleDraft(**{**draft.__dict__, "slug": "IC Card"}), "knowledge.slug_invalid"),
        (knowledge.ArticleDraft(**{**draft.__dict__, "title": " "}), "input.required"),
        (knowledge.ArticleDraft(**{**draft.__dict__, "body": "长" * 20_001}), "input.too_long"),
    ):
        with pytest.raises(UserFacingError) as caught:
            rt.run(admin, knowledge.save_article, bad)
        assert caught.value.message_id == message


@pytest.mark.pg
def test_the_database_refuses_answers_from_a_seat_that_is_not_an_admin(
    pg_rt: Runtime, pg_admin: Runtime, seat_sql: Connection
) -> None:
    from datetime import UTC, datetime

    from console.people import agents
    from tests.helpers import bind_token

    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "测试", Role.AGENT, PASSWORD, datetime.now(UTC))
    ctx = pg_rt.login("1001", PASSWORD, "坐席01")
    with seat_sql.begin():
        bind_token(seat_sql, ctx)
        with pytest.raises(exc.DBAPIError, match="administrator"):
            seat_sql.execute(
                text(
                    "INSERT INTO kb_articles (slug, category, title, keywords, body, clause,"
                    " updated_at, updated_by) VALUES ('x', 'x', 'x', '', 'x', '', now(), 'x')"
                )
            )
