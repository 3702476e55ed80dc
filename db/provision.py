"""Setting up a shared PostgreSQL for the seats (``server init``): the database
itself, and one login role per seat in the group role the migrations grant to.

Every step looks before it acts, so running it again changes nothing: a database or role
that exists is left as it is, and a seat role's password is set only when the role is made
(or when asked to, ``new_password``). Passwords are turned into SCRAM verifiers on this
side (libpq's ``PQencryptPasswordConn``): the server, and its statement log, never see
them in clear.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import create_engine, exc, text
from sqlalchemy.engine import URL, Connection

from db.migrate import SEAT_ROLE

# Plain lower-case names: what PostgreSQL folds an unquoted name to, and safe in a URL.
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class ProvisionError(Exception):
    """The server refused or cannot do a step; ``code`` is a message id (``server.*``)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class SeatLogin:
    """A seat's login role: ``password`` is set when it was (re)made now, else None (the
    role existed and keeps the password it has)."""

    role: str
    password: str | None


def ensure_database(url: URL) -> bool:
    """Create the database ``url`` names, owned by its user, when it does not exist yet
    (the user needs CREATEDB); whether it was created. Looked up from the ``postgres``
    maintenance database with the same credentials; when that cannot be reached, nothing
    is done here (connecting to the database itself then says what is wrong)."""
    maintenance = create_engine(
        psycopg_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    try:
        with maintenance.connect() as c:
            exists = c.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": url.database}
            ).first()
            if exists:
                return False
            try:
                _execute(c, "CREATE DATABASE {}", url.database or "")
            except exc.DBAPIError as e:
                raise ProvisionError(
                    "server.cannot_create_database", database=url.database, detail=str(e.orig)
                ) from e
            return True
    except exc.OperationalError:
        return False
    finally:
        maintenance.dispose()


def psycopg_url(url: URL) -> URL:
    """``postgresql://`` as this program speaks it (SQLAlchemy's default is psycopg2)."""
    return url.set(drivername="postgresql+psycopg")


def check_group(c: Connection) -> None:
    """The migrations create the group role when the owner may create roles; otherwise
    the database administrator must (``CREATE ROLE agent_console_seat NOLOGIN``)."""
    if not _role(c, SEAT_ROLE):
        raise ProvisionError("server.group_missing", group=SEAT_ROLE)


def ensure_seat_login(c: Connection, role: str, *, new_password: bool = False) -> SeatLogin:
    """The login role ``role`` in the seats' group: made with a fresh password when
    missing, its membership in the group ensured when present. A role that could do more
    than a seat (superuser, create roles or databases, or the owner's powers) is refused:
    a typo in the list must not hand a seat's password to an administrator's role."""
    if not ROLE_NAME.fullmatch(role):
        raise ProvisionError("server.role_name", role=role)
    try:
        return _ensure_seat_login(c, role, new_password)
    except exc.DBAPIError as e:  # e.g. no right to grant the group (PostgreSQL 16+)
        raise ProvisionError("server.role_refused", role=role, detail=str(e.orig)) from e


def _ensure_seat_login(c: Connection, role: str, new_password: bool) -> SeatLogin:
    found = _role(c, role)
    password = secrets.token_urlsafe(18) if found is None or new_password else None
    if found is None:
        assert password is not None
        _execute(
            c,
            "CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}",
            role,
            _verifier(c, role, password),
            SEAT_ROLE,
        )
        return SeatLogin(role, password)
    if found["rolsuper"] or found["rolcreaterole"] or found["rolcreatedb"] or _owns_schema(c, role):
        raise ProvisionError("server.role_not_seat", role=role)
    if not found["rolcanlogin"]:
        _execute(c, "ALTER ROLE {} LOGIN", role)
    if not c.execute(
        text("SELECT pg_has_role(:r, :g, 'MEMBER')"), {"r": role, "g": SEAT_ROLE}
    ).scalar_one():
        _execute(c, "GRANT {} TO {}", SEAT_ROLE, role)
    if password is not None:
        _execute(c, "ALTER ROLE {} PASSWORD {}", role, _verifier(c, role, password))
    return SeatLogin(role, password)


def _role(c: Connection, name: str) -> dict[str, bool] | None:
    row = c.execute(
        text(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolcanlogin FROM pg_roles "
            "WHERE rolname = :n"
        ),
        {"n": name},
    ).first()
    return None if row is None else dict(row._mapping)


def _owns_schema(c: Connection, role: str) -> bool:
    """Whether ``role`` is, or has the powers of, the owner of the schema's tables."""
    owner = c.execute(
        text(
            "SELECT tableowner FROM pg_tables WHERE tablename = 'agents' AND schemaname = 'public'"
        )
    ).scalar()
    return bool(
        owner
        and c.execute(
            text("SELECT pg_has_role(:r, :o, 'USAGE')"), {"r": role, "o": owner}
        ).scalar_one()
    )


def _verifier(c: Connection, role: str, password: str) -> str:
    pgconn = c.connection.dbapi_connection.pgconn  # type: ignore[union-attr]
    return bytes(
        pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256")
    ).decode()


def _execute(c: Connection, template: str, *values: str) -> None:
    """A statement that takes no parameters (CREATE/ALTER ROLE, CREATE DATABASE): names
    are quoted as identifiers, a password verifier as a literal."""
    from psycopg import sql

    parts = [
        sql.Literal(v) if v.startswith("SCRAM-SHA-256$") else sql.Identifier(v) for v in values
    ]
    raw = c.connection.dbapi_connection
    assert raw is not None
    statement = sql.SQL(template).format(*parts).as_string(raw)  # type: ignore[arg-type]
    c.exec_driver_sql(statement)
