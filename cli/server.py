"""``agent-console server``: set up the shared PostgreSQL in one command, and back it up.

    agent-console server init --db OWNER_URL [--seats FILE] [--admin JOB_NO --admin-name NAME]
    agent-console server backup --db OWNER_URL --dir DIR [--keep N]

``init`` does what README's "Shared PostgreSQL" section did by hand — the database (when
the owner may create it), the schema (migrations, which also make the seats' group role),
the first administrator, one login role per seat of the list and the seat in the register
— and prints what each seat needs. It looks before each step, so running it again with
the same list changes nothing; a longer list adds the new seats.

``backup`` runs ``pg_dump`` (custom format) into DIR, writing under a temporary name and
renaming when the dump is complete and readable (``pg_restore --list``), then keeps the
newest ``--keep`` dumps. The scheduled jobs run it every night (docs/deploy.md).

The seat list is a text file, one seat per line: ``ROLE [SEAT [LOCATION…]]`` — the
database login role (lower-case letters, digits, ``_``), the seat's name as the console
shows it (default: the role) and where it stands; ``#`` starts a comment::

    seat01  坐席01  二楼东区
    seat02  坐席02  二楼东区
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from console.core.vocabulary import SeatCode

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from console.app.runtime import Runtime
    from db.provision import SeatLogin

BACKUP_PREFIX = "agent-console-"
BACKUP_SUFFIX = ".dump"


Progress = Callable[[str, dict[str, object]], None]


def run(
    args: argparse.Namespace,
    url: str | None,
    read_password: Callable[[bool], str],
    progress: Progress,
) -> int:
    """Run ``server init`` or ``server backup``; a :class:`UserFacingError` for what the
    person at the keyboard can fix. ``progress`` is told of schema upgrades."""
    from sqlalchemy import make_url

    from console.core.errors import UserFacingError

    owner = make_url(url) if url else None
    if owner is None or owner.get_backend_name() != "postgresql":
        raise UserFacingError("server.needs_postgres")
    owner = _with_keyring_password(owner)
    if args.server_command == "backup":
        return backup(owner, args.dir, args.keep, args.pg_dump)
    seats = read_seat_list(args.seats) if args.seats else []
    return init(owner, seats, args, read_password, progress)


def _with_keyring_password(url: URL) -> URL:
    """The URL with the password the OS keyring holds for it, if any (as a seat's
    console finds its own); without one libpq's own means (peer, ~/.pgpass) apply."""
    from db.engine import KeyringUnavailable, lookup_db_password

    if url.password is not None:
        return url
    try:
        password = lookup_db_password(url)
    except KeyringUnavailable:
        return url
    return url.set(password=password) if password else url


# --- init ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeatLine:
    role: str
    seat: SeatCode
    location: str


def read_seat_list(path: Path) -> list[SeatLine]:
    from console.core.errors import UserFacingError

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise UserFacingError("server.seats_unreadable", file=str(path), detail=str(e)) from e
    seats: list[SeatLine] = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split("#", 1)[0].split(maxsplit=2)
        if not words:
            continue
        role = words[0]
        seat = words[1] if len(words) > 1 else role
        seats.append(SeatLine(role, SeatCode(seat), words[2].strip() if len(words) > 2 else ""))
        if [s.role for s in seats].count(role) > 1:
            raise UserFacingError("server.seats_twice", file=str(path), line=number, role=role)
    return seats


def init(
    owner: URL,
    seats: list[SeatLine],
    args: argparse.Namespace,
    read_password: Callable[[bool], str],
    progress: Progress,
) -> int:
    from console.app.startup import open_runtime
    from console.core.errors import UserFacingError
    from db import provision

    try:
        if provision.ensure_database(owner):
            _say(f"已创建数据库 / created the database {owner.database}")
        rt = open_runtime(owner.render_as_string(hide_password=False), say=progress)
        try:
            _ensure_admin(rt, args, read_password)
            _ensure_register(rt, seats)
            # The roles last and in one transaction: a password is printed only if its
            # role was committed, and a role is committed only with its password printed
            # next — a failure before this point leaves no role whose password is lost.
            with rt.db.engine.begin() as c:
                provision.check_group(c)
                logins = [
                    provision.ensure_seat_login(c, s.role, new_password=args.new_passwords)
                    for s in seats
                ]
            _print_seats(owner, seats, logins, args.seat_host)
            # Only now do the roles exist that the register names for the seats.
            _assign_roles(rt, seats)
        finally:
            rt.close()
    except provision.ProvisionError as e:
        raise UserFacingError(e.code, **e.params) from e
    return 0


def _ensure_admin(
    rt: Runtime, args: argparse.Namespace, read_password: Callable[[bool], str]
) -> None:
    from sqlalchemy import select

    from console.core.errors import UserFacingError
    from console.core.identity import Role
    from console.people import agents
    from db.models import Agent

    with rt.unit(admin="server-init") as s:
        admins = s.scalars(
            select(Agent.job_no).where(Agent.role == Role.ADMIN.value, Agent.active)
        ).all()
        exists = (
            args.admin and s.scalars(select(Agent.id).where(Agent.job_no == args.admin)).first()
        )
    if args.admin and exists:
        _say(f"工号 {args.admin} 已存在,未改动 / job number {args.admin} exists: left as it is")
    elif args.admin:
        password = read_password(args.password_stdin)
        with rt.unit(admin="server-init") as s:
            agents.add_agent(
                s, None, args.admin, args.admin_name, Role.ADMIN, password, datetime.now(UTC)
            )
        _say(
            f"已创建管理员 {args.admin} {args.admin_name}(临时密码,首次登录须修改)/ "
            f"created administrator {args.admin} (temporary password: changed at first login)"
        )
    elif not admins:
        raise UserFacingError("server.no_admin")
    else:
        _say(f"管理员 / administrators: {', '.join(admins)}")


def _ensure_register(rt: Runtime, seats: list[SeatLine]) -> None:
    from console.people import seats as register
    from db.models import Seat

    with rt.unit(admin="server-init") as s:
        for line in seats:
            if s.get(Seat, line.seat) is None:
                register.add_seat(s, None, line.seat, line.location)


def _assign_roles(rt: Runtime, seats: list[SeatLine]) -> None:
    """The register says which role signs in at each seat: the list's."""
    from console.people import seats as register
    from db.models import Seat

    with rt.unit(admin="server-init") as s:
        for line in seats:
            seat = s.get(Seat, line.seat)
            if seat is not None and seat.db_role != line.role:
                register.set_seat_role(s, None, line.seat, line.role)


def _print_seats(
    owner: URL, seats: list[SeatLine], logins: list[SeatLogin], seat_host: str | None
) -> None:
    if not seats:
        return
    host = seat_host or _seat_host(owner)
    print("坐席 seat\t角色 role\t地址 URL\t密码 password")
    for line, login in zip(seats, logins, strict=True):
        url = f"postgresql://{line.role}@{host}/{owner.database}"
        password = login.password or "(未变 unchanged)"
        print(f"{line.seat}\t{line.role}\t{url}\t{password}")
    example = seats[0]
    central = {
        "db_url": f"postgresql://{example.role}@{host}/{owner.database}",
        "seat": example.seat,
    }
    print(
        "\n每个坐席需要 / What each seat needs (docs/deploy.md):\n"
        "  1. /etc/xdg/agent-console/settings.json (Windows: "
        "C:\\ProgramData\\agent-console\\agent-console\\settings.json), e.g.\n"
        f"     {json.dumps(central, ensure_ascii=False)}\n"
        "  2. 每个使用者存一次密码到系统密钥环 / each user stores the password in the OS "
        "keyring once:\n"
        "     agent-console db set-password URL"
    )
    if any(login.password for login in logins):
        print(
            "密码只显示这一次,库里只存其校验值 / The passwords are shown this once; the "
            "database keeps only their SCRAM verifiers."
        )


def _seat_host(owner: URL) -> str:
    """Where seats reach the database: the owner's host unless that is this machine seen
    from itself (a socket, localhost), then this machine's name."""
    host = owner.host or ""
    if not host or host.startswith("/") or host in ("localhost", "::1") or host.startswith("127."):
        host = socket.gethostname()
    return f"{host}:{owner.port or 5432}"


# --- backup -------------------------------------------------------------------------------


def backup(owner: URL, directory: Path, keep: int, pg_dump: str) -> int:
    """Dump, check the dump reads back, rename into place, then drop the oldest dumps
    beyond ``keep``. A password (in the URL, or from the keyring: :func:`run`) goes to
    pg_dump by its environment; without one libpq's ``~/.pgpass`` or peer
    authentication apply."""
    from console.core.errors import UserFacingError

    if keep < 1:
        raise UserFacingError("server.keep_at_least_one")
    program = shutil.which(pg_dump)
    restore = shutil.which(str(Path(program).with_name("pg_restore"))) if program else None
    if program is None or restore is None:
        raise UserFacingError("server.no_pg_dump", program=pg_dump)
    directory.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if owner.password:
        env["PGPASSWORD"] = owner.password  # not on the command line, where ps shows it
    conninfo = owner._replace(drivername="postgresql", password=None).render_as_string()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    name = f"{BACKUP_PREFIX}{owner.database}-{stamp}{BACKUP_SUFFIX}"
    partial = directory / f".{name}.partial"
    try:
        for cmd in (
            [program, "--format=custom", f"--file={partial}", f"--dbname={conninfo}"],
            [restore, "--list", str(partial)],
        ):
            done = subprocess.run(cmd, env=env, capture_output=True, text=True)
            if done.returncode != 0:
                raise UserFacingError(
                    "server.backup_failed", program=Path(cmd[0]).name, detail=done.stderr.strip()
                )
        final = directory / name
        partial.replace(final)
    finally:
        partial.unlink(missing_ok=True)
    dumps = sorted(directory.glob(f"{BACKUP_PREFIX}{owner.database}-*{BACKUP_SUFFIX}"))
    for old in dumps[:-keep]:
        old.unlink()
        print(f"已删除 / removed {old}")
    print(f"{final}\t{final.stat().st_size} bytes")
    return 0


# --- output -------------------------------------------------------------------------------


def _say(line: str) -> None:
    print(line, file=sys.stderr)
