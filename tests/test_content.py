"""Content the center maintains itself: versions saved by administrators,
validated as at load, taken in by running consoles without a restart, rolled back,
moved between installations — on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import exc, text
from sqlalchemy.engine import Connection

from console.app.runtime import Runtime
from console.content import content, content_versions, departments
from console.content.content import DIALOGUE, INTENTS, SHIFT, TABOO
from console.core.datafiles import ResourceError
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role
from console.people import agents
from console.shift import states
from console.shift.states import AgentState
from db import migrate
from db.engine import make_engine
from tests.conftest import PASSWORD, AgentFactory, TestDb, open_runtime
from tests.helpers import admin_sql, audit_kinds, bind_token
from tests.test_cli import cli

COMPANY_LINE = "opening.company"


@pytest.fixture
def other_console(test_db: TestDb) -> Iterator[Runtime]:
    """A second running console on the same shared database (another seat)."""
    r = open_runtime(test_db.url)
    yield r
    r.close()


def _login(
    rt: Runtime, make_agent: AgentFactory, job_no: str, role: Role, seat: str
) -> AgentContext:
    make_agent(job_no, role)
    return rt.login(job_no, PASSWORD, seat)


@pytest.fixture
def admin(rt: Runtime, make_agent: AgentFactory) -> AgentContext:
    return _login(rt, make_agent, "9001", Role.ADMIN, "坐席01")


def _save(
    rt: Runtime, ctx: AgentContext | None, kind: content.Kind[Any], body: str, note: str = "改"
) -> int:
    with rt.unit(ctx, admin=None if ctx else "test") as s:
        base = content_versions.current_version(s, kind)
        return content_versions.save(s, ctx, kind, body, note, base)


def _company_line(rt: Runtime) -> str:
    return rt.content.get(DIALOGUE).line(COMPANY_LINE).text


def _edited_script(new_text: str) -> str:
    shipped = DIALOGUE.shipped_text()
    old = content.shipped().get(DIALOGUE).line(COMPANY_LINE).text
    assert shipped.count(old) >= 1
    return shipped.replace(old, new_text, 1)


def test_agents_and_supervisors_cannot_change_content(
    rt: Runtime, make_agent: AgentFactory
) -> None:
    """R8.2 in the service layer: no UI needed to be refused."""
    body = _edited_script("您好,这里是{company}")
    for job_no, role in (("1001", Role.AGENT), ("2001", Role.SUPERVISOR)):
        ctx = _login(rt, make_agent, job_no, role, f"坐席1{job_no[0]}")
        with pytest.raises(UserFacingError) as caught:
            _save(rt, ctx, DIALOGUE, body)
        assert caught.value.message_id == "role.denied"
        with pytest.raises(UserFacingError), rt.unit(ctx) as s:
            content_versions.roll_back(s, ctx, DIALOGUE, 0, "回退")
        with pytest.raises(UserFacingError), rt.unit(ctx) as s:
            departments.add(s, ctx, "GAS", "燃气部")
    with rt.unit() as s:
        assert content_versions.current_version(s, DIALOGUE) == 0


@pytest.mark.pg
def test_the_database_refuses_content_from_a_seat_that_is_not_an_admin(
    pg_rt: Runtime, pg_admin: Runtime, seat_sql: Connection
) -> None:
    """A client that skips the console and writes SQL with an agent's session."""
    with pg_admin.unit(admin="test") as s:
        agents.add_agent(s, None, "1001", "测试", Role.AGENT, PASSWORD, datetime.now(UTC))
        departments.add(s, None, "REPAIR", "维修部")
    ctx = pg_rt.login("1001", PASSWORD, "坐席01")
    for statement in (
        "INSERT INTO content_versions (kind, version, body, note, saved_at) "
        "VALUES ('taboo', 1, 'x', 'x', now())",
        "INSERT INTO departments (code, name) VALUES ('GAS', '燃气部')",
        "UPDATE departments SET name = '改名' WHERE code = 'REPAIR'",
    ):
        with seat_sql.begin():
            bind_token(seat_sql, ctx)
            with pytest.raises(exc.DBAPIError) as caught:
                seat_sql.execute(text(statement))
        assert "administrator" in str(caught.value) or "permission" in str(caught.value)


def test_an_invalid_script_edit_is_refused_with_its_place_and_nothing_changes(
    rt: Runtime, other_console: Runtime, admin: AgentContext
) -> None:
    before = _company_line(other_console)
    broken = DIALOGUE.shipped_text().replace('"{job_no}号', '"{agent_number}号', 1)
    with pytest.raises(ResourceError) as caught:
        _save(rt, admin, DIALOGUE, broken)
    error = caught.value
    assert error.file == "phrases/zh_CN/dialogue.yaml"
    assert error.line is not None
    assert "{agent_number}" in broken.splitlines()[error.line - 1]  # the line it names
    assert error.field is not None and error.field.endswith("text")
    assert other_console.refresh_content() == []
    assert _company_line(other_console) == before
    with rt.unit() as s:
        assert [v.version for v in content_versions.history(s, DIALOGUE)] == [0]


def test_a_valid_edit_reaches_a_second_running_console_without_a_restart(
    rt: Runtime, other_console: Runtime, admin: AgentContext
) -> None:
    assert _company_line(other_console) == _company_line(rt)  # both running, shipped text
    new = "您好,欢迎致电{company}客户服务热线"
    assert _save(rt, admin, DIALOGUE, _edited_script(new), "开场白改为热线名称") == 1
    assert [k.name for k in other_console.refresh_content()] == ["dialogue"]
    assert _company_line(other_console) == new
    assert other_console.content.version(DIALOGUE) == 1
    assert other_console.refresh_content() == []  # nothing new: nothing to take in
    with rt.unit() as s:
        (latest, shipped) = content_versions.history(s, DIALOGUE)
    assert (latest.version, latest.author, latest.note) == (1, "9001", "开场白改为热线名称")
    assert shipped.version == 0
    assert "content.saved" in audit_kinds(rt)


def test_services_of_a_running_console_apply_the_new_version(
    rt: Runtime, other_console: Runtime, admin: AgentContext, make_agent: AgentFactory
) -> None:
    """A new not-ready reason code is accepted by the other console's state service as
    soon as it took the version in, not before."""
    shipped = SHIFT.shipped_text()
    anchor = "not_ready_reasons:\n"
    assert anchor in shipped
    edited = shipped.replace(anchor, anchor + "  - code: drill\n    label: 消防演练\n", 1)
    agent = _login(other_console, make_agent, "1001", Role.AGENT, "坐席02")
    with pytest.raises(UserFacingError):
        other_console.run(agent, states.set_state, AgentState.NOT_READY, "drill")
    _save(rt, admin, SHIFT, edited, "增加消防演练")
    with pytest.raises(UserFacingError):  # not taken in yet: the running version holds
        other_console.run(agent, states.set_state, AgentState.NOT_READY, "drill")
    other_console.refresh_content()
    other_console.run(agent, states.set_state, AgentState.NOT_READY, "drill")


def test_roll_back_a_script_to_an_earlier_version(
    rt: Runtime, other_console: Runtime, admin: AgentContext
) -> None:
    first, second = "您好,这里是{company}", "您好,{company}为您服务"
    _save(rt, admin, DIALOGUE, _edited_script(first), "第一版")
    _save(rt, admin, DIALOGUE, _edited_script(second), "第二版")
    other_console.refresh_content()
    assert _company_line(other_console) == second
    with rt.unit(admin) as s:
        version = content_versions.roll_back(s, admin, DIALOGUE, 1, "第二版用语不规范")
    assert version == 3
    other_console.refresh_content()
    assert _company_line(other_console) == first
    with rt.unit() as s:
        rows = content_versions.history(s, DIALOGUE)
        assert content_versions.text_of(s, DIALOGUE, 3) == content_versions.text_of(s, DIALOGUE, 1)
    assert [(r.version, r.restored_from) for r in rows] == [(3, 1), (2, None), (1, None), (0, None)]
    with rt.unit(admin) as s:  # and all the way back to the shipped file
        content_versions.roll_back(s, admin, DIALOGUE, 0, "恢复出厂话术")
    other_console.refresh_content()
    assert _company_line(other_console) == content.shipped().get(DIALOGUE).line(COMPANY_LINE).text
    assert "content.rolled_back" in audit_kinds(rt)


def test_a_bad_version_written_around_the_console_leaves_the_last_good_one(
    test_db: TestDb, rt: Runtime, admin_rt: Runtime, admin: AgentContext
) -> None:
    good = "您好,这里是{company}"
    _save(rt, admin, DIALOGUE, _edited_script(good))
    rt.refresh_content()
    admin_sql(
        admin_rt,
        "INSERT INTO content_versions (kind, version, body, note, saved_at) "
        "VALUES ('dialogue', 2, 'version: [', 'psql', :t)",
        t=datetime.now(UTC),
    )
    assert rt.refresh_content() == []
    assert _company_line(rt) == good
    error = rt.content.errors["dialogue"]
    assert error.file == "phrases/zh_CN/dialogue.yaml v2" and error.line == 1
    # A console started after the bad version starts with the good one before it.
    started_later = open_runtime(test_db.url)
    try:
        assert _company_line(started_later) == good
        assert "dialogue" in started_later.content.errors
    finally:
        started_later.close()


def test_a_new_taboo_list_reaches_the_checker_of_a_running_console(
    rt: Runtime, other_console: Runtime, admin: AgentContext
) -> None:
    assert other_console.content.checker.check("这事归燃气调度管") == []
    entry = (
        "  - id: gui-diao-du-guan\n"
        "    phrase: 归燃气调度管\n"
        "    clause: 中心补充\n"
        "    suggestion: 我帮您联系燃气调度,请稍候\n"
        "    examples:\n"
        "      - 这事[归燃气调度管]\n"
    )
    body = TABOO.shipped_text().replace("entries:\n", "entries:\n" + entry, 1)
    _save(rt, admin, TABOO, body, "补充推诿用语")
    other_console.refresh_content()
    hits = other_console.content.checker.check("这事归燃气调度管")
    assert [h.entry_id for h in hits] == ["gui-diao-du-guan"]


def test_two_administrators_saving_at_once_cannot_overwrite_each_other(
    rt: Runtime, other_console: Runtime, make_agent: AgentFactory, admin: AgentContext
) -> None:
    second = _login(other_console, make_agent, "9002", Role.ADMIN, "坐席02")
    base = 0
    with rt.unit(admin) as s:
        content_versions.save(s, admin, DIALOGUE, _edited_script("您好,甲,{company}"), "甲", base)
    with pytest.raises(UserFacingError) as caught, other_console.unit(second) as s:
        content_versions.save(
            s,
            second,
            DIALOGUE,
            _edited_script("您好,乙,{company}"),
            "乙",
            base,
        )
    assert caught.value.message_id == "content.changed_elsewhere"
    assert caught.value.params["version"] == 1
    with rt.unit() as s:
        assert content_versions.current_version(s, DIALOGUE) == 1


def test_a_save_needs_a_note_and_a_change(rt: Runtime, admin: AgentContext) -> None:
    with pytest.raises(UserFacingError) as caught:
        _save(rt, admin, TABOO, TABOO.shipped_text() + "\n", note="  ")
    assert caught.value.message_id == "content.note_required"
    with pytest.raises(UserFacingError) as caught:
        _save(rt, admin, TABOO, TABOO.shipped_text(), note="没改")
    assert caught.value.message_id == "content.unchanged"


def test_a_script_line_the_forms_rely_on_cannot_be_removed(
    rt: Runtime, admin: AgentContext
) -> None:
    """The intent forms name lines of the script as safety phrases; the two kinds are
    checked against each other, whichever is edited."""
    used = next(p for i in rt.content.get(INTENTS).intents for p in i.safety_phrases)
    script = DIALOGUE.shipped_text()
    start = script.index(f"  - id: {used}\n")
    end = script.index("  - id: ", start + 1)
    with pytest.raises(ResourceError) as caught:
        _save(rt, admin, DIALOGUE, script[:start] + script[end:])
    assert caught.value.problem.message_id == "resource.problem.line_in_use"
    assert caught.value.problem.params["line_id"] == used

    forms = INTENTS.shipped_text().replace(used, "no.such_line", 1)
    with pytest.raises(ResourceError) as caught:
        _save(rt, admin, INTENTS, forms)
    assert caught.value.field is not None and caught.value.field.startswith("intents[")
    assert "no.such_line" in str(caught.value.problem.params["detail"])


def test_versions_are_never_changed_or_removed(
    rt: Runtime, admin_rt: Runtime, admin: AgentContext
) -> None:
    _save(rt, admin, DIALOGUE, _edited_script("您好,{company}。"))
    for statement in (
        "UPDATE content_versions SET body = 'x'",
        "DELETE FROM content_versions",
    ):
        with pytest.raises((exc.DBAPIError, UserFacingError)):  # SQLite; PG: ACK03
            admin_sql(admin_rt, statement)
    with rt.unit() as s:
        assert content_versions.current_version(s, DIALOGUE) == 1


def test_departments_are_added_and_renamed_by_an_administrator(
    rt: Runtime, admin: AgentContext
) -> None:
    with rt.unit(admin) as s:
        departments.add(s, admin, "gas_meter", "表务所")
    with rt.unit(admin) as s:
        departments.rename(s, admin, "GAS_METER", "计量表务所")
    with rt.unit() as s:
        names = {d.code: d.name for d in departments.list_departments(s)}
    assert names["GAS_METER"] == "计量表务所"
    for code, name, message in (
        ("GAS_METER", "重复", "department.exists"),
        ("1X", "表务所", "department.code_invalid"),
        ("NEW", " ", "department.name_invalid"),
    ):
        with pytest.raises(UserFacingError) as caught, rt.unit(admin) as s:
            departments.add(s, admin, code, name)
        assert caught.value.message_id == message
    assert {"department.added", "department.renamed"} <= set(audit_kinds(rt))


def test_content_moves_from_a_test_installation_to_production(
    rt: Runtime, admin: AgentContext, tmp_path: Path
) -> None:
    new_line = "您好,欢迎致电{company}"
    _save(rt, admin, DIALOGUE, _edited_script(new_line), "测试环境定稿")
    with rt.unit(admin) as s:
        departments.add(s, admin, "GAS_METER", "表务所")
        bundle = content_versions.export_bundle(s)
    url = f"sqlite:///{tmp_path}/production.db"
    migrate.upgrade(make_engine(url))
    production = open_runtime(url)
    try:
        with production.unit(admin="deploy") as s:
            saved = content_versions.import_bundle(s, None, bundle, "content.yaml")
        assert saved == ["dialogue"]  # only what differs from what is in force there
        production.refresh_content()
        assert production.content.get(DIALOGUE).line(COMPANY_LINE).text == new_line
        with production.unit() as s:
            assert "GAS_METER" in {d.code for d in departments.list_departments(s)}
            assert content_versions.history(s, DIALOGUE)[0].author == "deploy"
        # A bundle with one bad kind saves nothing at all, not even the good kinds.
        assert "我理解您着急" in bundle and '"complete_years": []' in bundle
        tampered = bundle.replace("我理解您着急", "我理解您很着急", 1).replace(
            '"complete_years": []', '"complete_years": "2027"', 1
        )
        with pytest.raises(ResourceError) as caught, production.unit(admin="deploy") as s:
            content_versions.import_bundle(s, None, tampered, "content.yaml")
        assert caught.value.field == "complete_years"
        with production.unit() as s:
            assert content_versions.current_version(s, TABOO) == 0
            assert content_versions.current_version(s, DIALOGUE) == 1
    finally:
        production.close()


def test_content_export_and_import_from_the_command_line(
    test_db: TestDb, rt: Runtime, admin: AgentContext, tmp_path: Path
) -> None:
    new_line = "您好,这里是{company}客服热线"
    _save(rt, admin, DIALOGUE, _edited_script(new_line), "定稿")
    exported = tmp_path / "content.yaml"
    result = cli(test_db, "content", "export", str(exported))
    assert result.returncode == 0, result.stderr
    bundle = exported.read_text(encoding="utf-8")
    assert new_line in bundle and "format: agent-console-content" in bundle
    # Imported again unchanged: nothing differs, nothing is saved.
    result = cli(test_db, "content", "import", str(exported))
    assert result.returncode == 0, result.stderr
    with rt.unit() as s:
        assert content_versions.current_version(s, DIALOGUE) == 1
    # A broken file is refused with its place, and nothing is saved.
    exported.write_text(bundle.replace("format: agent", "formt: agent"), encoding="utf-8")
    result = cli(test_db, "content", "import", str(exported))
    assert result.returncode != 0
    assert "content.yaml" in result.stderr and "formt" in result.stderr
