"""The command line an administrator scripts the set-up with: agent add|passwd|unlock|list,
and what it says to a mistyped database URL or a seat's login used for administration."""

from __future__ import annotations

import shlex
import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from console.app.runtime import Runtime
from console.core.errors import UserFacingError
from console.core.settings import Settings, data_dir
from tests.conftest import TestDb
from tests.helpers import admin_sql


def cli(test_db: TestDb, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "--db", test_db.admin_url, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_agent_lifecycle_from_the_command_line(test_db: TestDb, rt: Runtime) -> None:
    add = cli(
        test_db,
        "agent",
        "add",
        "1001",
        "张敏",
        "--role",
        "supervisor",
        "--password-stdin",
        stdin="Temp@2026x\n",
    )
    assert add.returncode == 0, add.stderr
    listing = cli(test_db, "agent", "list").stdout
    assert "1001\t张敏\tsupervisor\tactive" in listing

    ctx = rt.login("1001", "Temp@2026x", "坐席01")
    assert ctx.must_change_password
    assert "online@坐席01" in cli(test_db, "agent", "list").stdout

    for _ in range(5):
        with pytest.raises(UserFacingError):
            rt.login("1001", "wrong", "坐席02")
    assert "locked" in cli(test_db, "agent", "list").stdout
    assert cli(test_db, "agent", "unlock", "1001").returncode == 0
    assert "locked" not in cli(test_db, "agent", "list").stdout

    reset = cli(test_db, "agent", "passwd", "1001", "--password-stdin", stdin="Reset#2026y\n")
    assert reset.returncode == 0, reset.stderr
    with pytest.raises(UserFacingError, match="login.bad"):
        rt.login("1001", "Temp@2026x", "坐席03")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("agent", "add", "10-01", "张敏", "--password-stdin"), "Temp@2026x\n", "工号只能由"),
        (("agent", "add", "1001", "张敏", "--password-stdin"), "short\n", "密码至少需要 8"),
        (("agent", "unlock", "4242"), "", "没有工号 4242"),
    ],
)
def test_bad_input_gets_a_clear_message(
    test_db: TestDb, args: tuple[str, ...], stdin: str, message: str
) -> None:
    out = cli(test_db, *args, stdin=stdin)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr


# Every bad command line (issue 20): (set-up commands run first, the command, stdin,
# the one line it says, its exit code).
BAD_COMMAND_LINES = [
    (
        (),
        ("agent", "add", "10-01", "张敏", "--password-stdin"),
        "",
        "工号只能由 1–16 位数字或英文字母",
        2,
    ),
    ((), ("agent", "add", "①", "张敏", "--password-stdin"), "", "工号只能由 1–16 位", 2),
    ((), ("agent", "add", "1" * 17, "张敏", "--password-stdin"), "", "工号只能由 1–16 位", 2),
    ((), ("agent", "add", "1001", "张敏", "--password-stdin"), "short\n", "密码至少需要 8", 2),
    ((), ("agent", "unlock", "4242"), "", "没有工号 4242", 2),
    ((), ("agent", "passwd", "１２３４", "--password-stdin"), "Temp@2026x\n", "没有工号 1234", 2),
    ((), ("--seat", "坐席99", "ring", "--from", "110"), "", "坐席 坐席99 不在坐席登记表中", 2),
    ((), ("--seat", "坐席99", "hang-up"), "", "坐席 坐席99 不在坐席登记表中", 2),
    (
        ("seat", "add", "坐席77"),
        ("--seat", "坐席77", "ring"),
        "",
        "坐席 坐席77 无人登录,来电未振铃",
        2,
    ),
    (
        ("seat", "add", "坐席77"),
        ("--seat", "坐席77", "hang-up"),
        "",
        "坐席 坐席77 无人登录,没有可挂断",
        2,
    ),
    ((), ("seat", "edit", "坐席77"), "", "请指明要修改的内容", 2),
]


@pytest.mark.parametrize(("setup", "args", "stdin", "message", "code"), BAD_COMMAND_LINES)
def test_every_bad_command_line_gets_one_line_and_a_non_zero_exit(
    test_db: TestDb,
    setup: tuple[str, ...],
    args: tuple[str, ...],
    stdin: str,
    message: str,
    code: int,
) -> None:
    if setup:
        assert cli(test_db, *setup).returncode == 0
    out = cli(test_db, *args, stdin=stdin)
    assert out.returncode == code, out.stderr
    said = out.stderr.strip()
    assert said.splitlines() == [said] and not out.stdout  # one line, no traceback
    assert message in said


def test_content_export_refuses_a_version_that_does_not_validate(
    test_db: TestDb, admin_rt: Runtime, tmp_path: Path
) -> None:
    """Issue 20, item 21: exported, a broken version could not be imported anywhere; the
    command names the file, the version, the line and the field, and writes nothing."""
    good = tmp_path / "good.yaml"
    assert cli(test_db, "content", "export", str(good)).returncode == 0
    assert "sla:" in good.read_text(encoding="utf-8")
    admin_sql(  # written around the console, as only psql could
        admin_rt,
        "INSERT INTO content_versions (kind, version, body, note, saved_at) "
        "VALUES ('sla', 1, 'version: [', 'psql', :t)",
        t=datetime.now(UTC),
    )
    bundle = tmp_path / "bundle.yaml"
    out = cli(test_db, "content", "export", str(bundle))
    assert out.returncode == 2, out.stderr
    assert "数据文件 sla/policy.yaml v1 第 1 行(字段 version)有误" in out.stderr
    assert "resource.invalid" not in out.stderr and "Traceback" not in out.stderr
    assert not bundle.exists()


def test_a_full_width_job_number_is_saved_in_ascii_and_said_so(test_db: TestDb) -> None:
    add = cli(test_db, "agent", "add", "１００８", "王芳", "--password-stdin", stdin="Temp@2026x\n")
    assert add.returncode == 0, add.stderr
    assert "工号“１００８”已按半角保存为 1008" in add.stderr
    assert "工号 1008 首次登录须修改密码" in add.stdout
    assert "1008\t王芳" in cli(test_db, "agent", "list").stdout


def test_demo_hints_carry_the_database_and_seat_it_was_run_with(test_db: TestDb) -> None:
    done = cli(test_db, "--seat", "坐席03", "demo", "--customers", "20", "--calls", "0")
    assert done.returncode == 0, done.stderr
    given = shlex.join(["--db", test_db.admin_url, "--seat", "坐席03"])
    assert f"main.py {given} ring --from 1" in done.stdout
    assert f"main.py {given} hang-up" in done.stdout


def test_duplicate_job_number_is_refused(test_db: TestDb) -> None:
    first = cli(test_db, "agent", "add", "1001", "张敏", "--password-stdin", stdin="Temp@2026x\n")
    assert first.returncode == 0
    again = cli(test_db, "agent", "add", "1001", "李强", "--password-stdin", stdin="Temp@2026x\n")
    assert again.returncode == 2 and "工号 1001 已存在" in again.stderr


def test_demo_loads_history_calls_for_the_call_log(test_db: TestDb, rt: Runtime) -> None:
    from console.calls import call_log

    done = cli(test_db, "demo", "--customers", "50", "--calls", "300")
    assert done.returncode == 0, done.stderr
    assert "History calls: 300" in done.stdout
    ctx = rt.login("2001", "Demo@2026", "坐席01")
    assert rt.run(ctx, call_log.count, call_log.CallFilter()) == 300


def test_the_command_line_prints_what_is_wrong_in_the_settings(test_db: TestDb) -> None:
    path = Settings.path()
    path.write_text('{"languag": "en"}', encoding="utf-8")
    listed = cli(test_db, "agent", "list")
    assert listed.returncode == 0
    assert f"{path}:没有“languag”这项设置(是否想写“language”?),已忽略。" in listed.stderr
    assert "主机名" not in listed.stderr  # the seat's name matters only where it acts
    rang = cli(test_db, "ring", "--from", "13912341234")
    assert f"{path} 未设置坐席名称:本机以主机名“{socket.gethostname()}”登录" in rang.stderr
    named = cli(test_db, "--seat", "坐席09", "ring", "--from", "13912341234")
    assert "主机名" not in named.stderr and "languag" in named.stderr
    # … and writes down what it did in the data directory.
    assert "INFO alembic.runtime.migration" in (data_dir() / "logs" / "cli.log").read_text("utf-8")


def main_py(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("db", "message"),
    [
        ("not a url", "“not a url”不是可用的数据库地址。应形如 sqlite:////"),
        ("postgresql://seat01@localhost:99999/console", "localhost:99999/console”不是可用的"),
        ("mysql://seat01@localhost/console", "不支持 mysql 数据库"),
        ("sqlite:///{tmp}/no/such/dir/x.db", "no/such/dir/x.db 不存在,未新建"),
    ],
)
def test_a_bad_database_url_is_one_line_and_a_non_zero_exit(
    tmp_path: Path, db: str, message: str
) -> None:
    out = main_py("--db", db.format(tmp=tmp_path), "agent", "list")
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [out.stderr.strip()]  # one line, no traceback
    assert message in out.stderr
    assert not (tmp_path / "no").exists()  # no folder made for a mistyped path


def test_only_demo_and_db_upgrade_make_an_embedded_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/console.db"
    refused = main_py("--db", url, "agent", "list")
    assert refused.returncode == 2 and "不存在,未新建" in refused.stderr
    assert f"--db {url} demo" in refused.stderr  # says how to make one
    assert not (tmp_path / "console.db").exists()
    assert main_py("--db", url, "db", "upgrade").returncode == 0
    assert main_py("--db", url, "agent", "list").returncode == 0


@pytest.mark.pg
def test_administration_with_a_seats_login_says_it_needs_the_owners_url(pg_db: TestDb) -> None:
    """Before, a seat's URL got "your session is no longer active" from the database."""
    for args in (("agent", "list"), ("seat", "add", "坐席77"), ("audit", "verify")):
        out = main_py("--db", pg_db.url, *args)
        assert out.returncode == 2, out.stderr
        assert "须以数据库所有者的地址运行" in out.stderr and "seat_test 是坐席账号" in out.stderr
    assert main_py("--db", pg_db.admin_url, "seat", "list").returncode == 0


def test_set_password_refuses_a_url_with_a_password_and_an_empty_password() -> None:
    with_password = main_py("db", "set-password", "postgresql://seat01:pw@dbhost:5432/console")
    assert with_password.returncode == 2 and "地址中已带有密码" in with_password.stderr
    empty = subprocess.run(
        [sys.executable, "main.py", "db", "set-password", "postgresql://seat01@dbhost/console"],
        input="\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert empty.returncode == 2 and "密码为空,未保存" in empty.stderr


def test_a_password_in_the_database_url_is_warned_about(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/console.db"
    assert main_py("--db", url, "db", "upgrade").returncode == 0
    quiet = main_py("--db", url, "agent", "list")
    assert "明文" not in quiet.stderr
    # A password in a SQLite URL means nothing to SQLite, but it is the same mistake.
    warned = main_py("--db", f"sqlite://user:secret@/{tmp_path}/console.db", "agent", "list")
    assert "数据库地址中带有密码" in warned.stderr and "db set-password" in warned.stderr
