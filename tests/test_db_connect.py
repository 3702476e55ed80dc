"""Issue 20, item 8: a connection the server refuses or never answers says what to do —
a wrong password, no password found (the keyring entries looked for), a server not
reachable (its host and port) — in one line, without the driver's text."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db.engine import keyring_keys
from tests.pgserver import PgServer, free_port

pytestmark = pytest.mark.pg

ROLE, PASSWORD = "seat_pw", "Seat-Secret-1"


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    pg = PgServer(passwords=True).start()
    superuser = create_engine(pg.url(), isolation_level="AUTOCOMMIT")
    with superuser.connect() as c:
        c.execute(text(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{PASSWORD}'"))
    superuser.dispose()
    yield pg
    pg.stop()


def agent_list(url: str) -> str:
    """``agent list`` at ``url`` with a keyring that holds nothing: its one line."""
    env = os.environ | {"PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    out = subprocess.run(
        [sys.executable, "main.py", "--db", url, "agent", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2, out.stderr
    said = [line for line in out.stderr.strip().splitlines() if "明文" not in line]
    assert len(said) == 1, out.stderr  # one line (a password in the URL is warned about)
    assert "FATAL" not in said[0] and "Traceback" not in out.stderr
    return said[0]


def test_a_wrong_password_says_to_store_the_right_one(server: PgServer) -> None:
    said = agent_list(f"postgresql://{ROLE}:wrong@127.0.0.1:{server.port}/postgres")
    assert f"数据库拒绝了用户 {ROLE} 的密码" in said
    assert f"db set-password postgresql://{ROLE}@127.0.0.1:{server.port}/postgres" in said


def test_no_password_found_names_the_keyring_entries_looked_for(server: PgServer) -> None:
    said = agent_list(f"postgresql://{ROLE}@localhost:{server.port}/postgres")
    assert "系统密钥环中没有该地址的密码" in said
    assert f"{ROLE}@localhost:{server.port}/postgres, {ROLE}@127.0.0.1:{server.port}" in said
    assert f"db set-password postgresql://{ROLE}@localhost:{server.port}/postgres" in said


def test_a_server_not_reachable_names_its_host_and_port() -> None:
    port = free_port()
    said = agent_list(f"postgresql://{ROLE}@127.0.0.1:{port}/postgres")
    assert f"无法连接数据库服务器 127.0.0.1:{port}" in said


def test_a_password_stored_for_one_spelling_of_this_machine_is_found_for_the_others() -> None:
    keys = keyring_keys(make_url("postgresql://seat01@localhost/console"))
    assert keys == [
        "seat01@localhost:5432/console",
        "seat01@127.0.0.1:5432/console",
        "seat01@::1:5432/console",
    ]
    assert keyring_keys(make_url("postgresql://seat01@dbhost:5433/console")) == [
        "seat01@dbhost:5433/console"
    ]


def set_password(url: str, password: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    return subprocess.run(
        [sys.executable, "main.py", "db", "set-password", url],
        input=password + "\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_set_password_checks_the_password_with_the_server_before_storing_it(
    server: PgServer,
) -> None:
    url = f"postgresql://{ROLE}@127.0.0.1:{server.port}/postgres"
    wrong = set_password(url, "wrong")
    assert wrong.returncode == 2 and f"数据库拒绝了用户 {ROLE} 的密码" in wrong.stderr
    assert "已存入" not in wrong.stdout
    nowhere = set_password(f"postgresql://{ROLE}@127.0.0.1:{free_port()}/postgres", PASSWORD)
    assert nowhere.returncode == 2 and "无法连接数据库服务器 127.0.0.1:" in nowhere.stderr
    right = set_password(url, PASSWORD)
    assert right.returncode == 0, right.stderr
    assert "已存入系统密钥环" in right.stdout
