"""R7.2: the shared database's password lives in the OS keyring, never in a file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.pgserver import PgServer

URL = "postgresql://seat01@db.example:5432/console"
SECRET = "S3cret-口令"


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    """``db set-password`` checks the password with the server before storing it."""
    pg = PgServer(passwords=True).start()
    superuser = create_engine(pg.url(), isolation_level="AUTOCOMMIT")
    with superuser.connect() as c:
        c.execute(text(f"CREATE ROLE seat01 LOGIN PASSWORD '{SECRET}'"))
    superuser.dispose()
    yield pg
    pg.stop()


READ_BACK = """
from db.engine import make_engine
print(make_engine({url!r}).url.password)
"""


def _clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_RUNTIME_DIR=str(home / "run"),
    )
    (home / "run").mkdir(mode=0o700)
    return env


@pytest.mark.skipif(
    shutil.which("gnome-keyring-daemon") is None,
    reason="gnome-keyring is installed by scripts/test",
)
@pytest.mark.pg
def test_password_round_trips_through_the_secret_service(tmp_path: Path, server: PgServer) -> None:
    """The real Secret Service (gnome-keyring on a private D-Bus), as on a desktop. The
    password is stored for localhost and found for 127.0.0.1 (one machine, two
    spellings); a wrong one is refused before it is stored."""
    stored = f"postgresql://seat01@localhost:{server.port}/postgres"
    used = f"postgresql://seat01@127.0.0.1:{server.port}/postgres"
    script = (
        "echo -n unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
        f"printf 'wrong\\n' | {sys.executable} main.py db set-password {stored}; "
        f"printf '{SECRET}\\n' | {sys.executable} main.py db set-password {stored} && "
        f'{sys.executable} -c "$READ_BACK"'
    )
    env = _clean_env(tmp_path) | {"READ_BACK": READ_BACK.format(url=used)}
    out = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "数据库拒绝了用户 seat01 的密码" in out.stderr  # the wrong one, not stored
    assert out.stdout.strip().splitlines()[-1] == SECRET
    # And nowhere in the console's own files.
    for f in tmp_path.rglob("*"):
        if f.is_file() and "keyrings" not in f.parts:
            assert b"S3cret" not in f.read_bytes(), f


def test_no_keyring_gives_a_clear_message(tmp_path: Path) -> None:
    env = _clean_env(tmp_path) | {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    out = subprocess.run(
        [sys.executable, "main.py", "db", "set-password", URL],
        input="pw\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2
    assert "密钥环" in out.stderr and "gnome-keyring" in out.stderr
    assert "Traceback" not in out.stderr
