"""``server init`` sets up a fresh PostgreSQL in one command — database, schema, the
first administrator, one login role per seat — and running it again changes nothing;
then a seat signs in with a role it made. ``server backup`` dumps and rotates.

The server here asks every role but ``postgres`` for its password (SCRAM over TCP), as a
center's server does: a seat role that was made without the password it printed could
not connect.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from cli.server import SeatLine, read_seat_list
from console.core.errors import UserFacingError
from console.core.vocabulary import SeatCode
from main import main
from tests.conftest import PASSWORD, open_runtime
from tests.pgserver import PgServer, _bin

OWNER = "console_owner"
OWNER_PASSWORD = "owner-Secret-1"
DATABASE = "agent_console"


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    pg = PgServer(passwords=True).start()
    yield pg
    pg.stop()


@pytest.fixture
def fresh(server: PgServer) -> Iterator[str]:
    """A fresh server as the database administrator leaves it: only the owner role
    (may create databases and roles), no database, no group role. Yields the owner's
    URL; the database, the group and the seats' roles are dropped after the test."""
    superuser = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with superuser.connect() as c:
        c.execute(
            text(f"CREATE ROLE {OWNER} LOGIN CREATEDB CREATEROLE PASSWORD '{OWNER_PASSWORD}'")
        )
    yield f"postgresql://{OWNER}:{OWNER_PASSWORD}@127.0.0.1:{server.port}/{DATABASE}"
    with superuser.connect() as c:
        c.execute(text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
        for role in ("seat01", "seat02", "agent_console_seat", OWNER):
            c.execute(text(f"DROP ROLE IF EXISTS {role}"))
    superuser.dispose()


def _init(
    owner_url: str,
    seats: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *extra: str,
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = main(
        [
            "--db",
            owner_url,
            "server",
            "init",
            "--seats",
            str(seats),
            "--admin",
            "9001",
            "--admin-name",
            "陈静",
            "--password-stdin",
            "--seat-host",
            "db.example:5432",
            *extra,
        ]
    )
    out = capsys.readouterr()
    return code, out.out, out.err


def _seat_rows(out: str) -> dict[str, tuple[str, str, str]]:
    """The printed table: seat → (role, URL, password)."""
    rows = {}
    for line in out.splitlines():
        cells = line.split("\t")
        if len(cells) == 4 and cells[2].startswith("postgresql://"):
            rows[cells[0]] = (cells[1], cells[2], cells[3])
    return rows


def _state(server: PgServer) -> list[Sequence[Any]]:
    """What a second run must not change: roles and their password verifiers, agents,
    seats, the audit trail."""
    engine = create_engine(server.url(DATABASE))
    with engine.connect() as c:
        state = [
            c.execute(
                text(
                    "SELECT rolname, rolpassword FROM pg_authid "
                    "WHERE rolname LIKE 'seat0%' ORDER BY 1"
                )
            ).all(),
            c.execute(text("SELECT job_no, role FROM agents ORDER BY 1")).all(),
            c.execute(text("SELECT code, location FROM seats ORDER BY 1")).all(),
            c.execute(text("SELECT count(*), max(hash) FROM audit_log")).all(),
        ]
    engine.dispose()
    return state


@pytest.mark.pg
def test_init_twice_then_a_seat_signs_in_with_a_role_it_made(
    server: PgServer,
    fresh: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seats = tmp_path / "seats.txt"
    seats.write_text(
        "# role  seat  location\nseat01  坐席01  二楼东区\nseat02  坐席02\n", encoding="utf-8"
    )
    code, out, err = _init(fresh, seats, capsys, monkeypatch)
    assert code == 0, err
    assert "created the database agent_console" in err
    assert "created administrator 9001" in err
    rows = _seat_rows(out)
    assert set(rows) == {"坐席01", "坐席02"}
    role, url, password = rows["坐席01"]
    assert (role, url) == ("seat01", "postgresql://seat01@db.example:5432/agent_console")
    assert re.fullmatch(r"[A-Za-z0-9_-]{24}", password)
    assert '"db_url": "postgresql://seat01@db.example:5432/agent_console"' in out
    first = _state(server)
    assert first[1] == [("9001", "admin")]
    assert first[2] == [("坐席01", "二楼东区"), ("坐席02", "")]
    assert all(str(verifier).startswith("SCRAM-SHA-256$") for _, verifier in first[0])

    code, out, err = _init(fresh, seats, capsys, monkeypatch)
    assert code == 0, err
    assert "job number 9001 exists" in err
    assert {r[2] for r in _seat_rows(out).values()} == {"(未变 unchanged)"}
    assert _state(server) == first  # nothing changed the second time

    # The seat: its role, the password printed, the server's address — and no more.
    seat_url = f"postgresql://seat01:{password}@127.0.0.1:{server.port}/{DATABASE}"
    rt = open_runtime(seat_url)
    try:
        ctx = rt.login("9001", PASSWORD, "坐席01")
        assert (ctx.job_no, ctx.seat, ctx.must_change_password) == ("9001", "坐席01", True)
        with rt.db.engine.connect() as c:
            assert c.execute(text("SELECT current_user")).scalar() == "seat01"
            with pytest.raises(Exception, match="permission denied"):
                c.execute(text("SELECT * FROM agent_credentials"))
    finally:
        rt.close()
    wrong = create_engine(seat_url.replace(password, "not-the-password"))
    with pytest.raises(Exception, match="password authentication failed"):
        wrong.connect()
    wrong.dispose()


@pytest.mark.pg
def test_a_role_that_can_do_more_than_a_seat_is_left_alone(
    server: PgServer,
    fresh: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seats = tmp_path / "seats.txt"
    seats.write_text(f"{OWNER}  坐席01\n", encoding="utf-8")  # a typo for seat01, say
    code, _out, err = _init(fresh, seats, capsys, monkeypatch)
    assert code == 2
    assert f"角色 {OWNER} 已存在,且权限超出坐席" in err  # the seat's language: zh_CN
    superuser = create_engine(server.url())
    with superuser.connect() as c:
        assert c.execute(
            text("SELECT rolcreatedb FROM pg_roles WHERE rolname = :r"), {"r": OWNER}
        ).scalar()
        assert not c.execute(
            text("SELECT pg_has_role(:r, 'agent_console_seat', 'MEMBER')"), {"r": OWNER}
        ).scalar()
    superuser.dispose()


@pytest.mark.pg
def test_without_an_administrator_no_seat_role_is_made_whose_password_would_be_lost(
    server: PgServer,
    fresh: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seats = tmp_path / "seats.txt"
    seats.write_text("seat01  坐席01\n", encoding="utf-8")
    assert main(["--db", fresh, "server", "init", "--seats", str(seats)]) == 2
    out = capsys.readouterr()
    assert "--admin" in out.err and "seat01" not in out.out
    superuser = create_engine(server.url())
    with superuser.connect() as c:
        assert (
            c.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = 'seat01'")).scalar() == 0
        )
    superuser.dispose()


@pytest.mark.pg
def test_backup_dumps_a_readable_file_and_keeps_the_newest(
    server: PgServer,
    fresh: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seats = tmp_path / "seats.txt"
    seats.write_text("seat01\n", encoding="utf-8")
    assert _init(fresh, seats, capsys, monkeypatch)[0] == 0
    backups = tmp_path / "backups"
    stranger = backups / "notes.txt"  # not a dump of ours: never touched
    stranger.parent.mkdir()
    stranger.write_text("keep me", encoding="utf-8")
    command = ["--db", fresh, "server", "backup", "--dir", str(backups), "--keep", "2"]
    command += ["--pg-dump", _bin("pg_dump")]
    made = []
    for _ in range(3):
        assert main(command) == 0
        made.append(Path(capsys.readouterr().out.splitlines()[-1].split("\t")[0]))
    dumps = sorted(backups.glob("agent-console-agent_console-*.dump"))
    assert dumps == made[1:]  # the oldest went
    assert stranger.exists() and not list(backups.glob(".*partial"))
    listing = subprocess.run(
        [_bin("pg_restore"), "--list", str(dumps[-1])], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE public agents" in listing and "FUNCTION public ac_login" in listing


def test_backup_with_a_missing_pg_dump_says_what_to_install(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = "postgresql://console_owner@127.0.0.1:1/agent_console"
    command = ["--db", url, "server", "backup", "--dir", str(tmp_path), "--pg-dump", "no-pg-dump"]
    assert main(command) == 2
    assert "apt-get install postgresql-client" in capsys.readouterr().err  # in both languages
    assert list(tmp_path.iterdir()) == []


def test_server_commands_refuse_the_embedded_database(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["server", "init"]) == 2
    assert "共享的 PostgreSQL" in capsys.readouterr().err


def test_the_seat_list_names_role_seat_and_location(tmp_path: Path) -> None:
    seats = tmp_path / "seats.txt"
    seats.write_bytes("\ufeff# 二楼\nseat01 坐席01 二楼 东区  # by the window\n\nseat02\n".encode())
    assert read_seat_list(seats) == [
        SeatLine("seat01", SeatCode("坐席01"), "二楼 东区"),
        SeatLine("seat02", SeatCode("seat02"), ""),
    ]
    seats.write_text("seat01\nseat02\nseat01 坐席03\n", encoding="utf-8")
    with pytest.raises(UserFacingError, match=r"server\.seats_twice") as e:
        read_seat_list(seats)
    assert e.value.params["line"] == 3
