"""Engines for the embedded SQLite file and a shared PostgreSQL, and the unit of work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, exc, make_url, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session, sessionmaker

from db.errors import PG_CODES, RuleViolation
from db.guard import Guard, token_hash
from db.guard_pg import PgGuard
from db.guard_sqlite import SqliteGuard
from db.models import Stamped
from db.unit import UnitInfo, attach, unit_info

APP_NAME = "agent-console"
KEYRING_SERVICE = "agent-console-db"


class KeyringUnavailable(Exception):
    """No OS keyring to hold the shared database's password."""


def keyring_key(url: URL) -> str:
    return f"{url.username}@{url.host}:{url.port or 5432}/{url.database}"


def store_db_password(url: str, password: str) -> None:
    import keyring
    import keyring.errors

    try:
        keyring.set_password(KEYRING_SERVICE, keyring_key(make_url(url)), password)
    except keyring.errors.KeyringError as e:
        raise KeyringUnavailable(str(e)) from e


def lookup_db_password(url: URL) -> str | None:
    import keyring
    import keyring.errors

    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_key(url))
    except keyring.errors.KeyringError as e:
        raise KeyringUnavailable(str(e)) from e


def keyring_probe() -> None:
    """Raise ``KeyringUnavailable`` when this machine has no usable keyring backend."""
    import keyring
    import keyring.errors

    try:
        keyring.get_password(KEYRING_SERVICE, "probe")
    except keyring.errors.KeyringError as e:
        raise KeyringUnavailable(str(e)) from e


def make_engine(url: str, *, use_keyring: bool = True) -> Engine:
    """An engine for ``url``: a SQLite file or a PostgreSQL server.

    A PostgreSQL URL carries no password: it comes from the OS keyring (R7.2). Without
    a keyring entry the connection may still work by peer or certificate authentication.
    """
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return _sqlite_engine(u)
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    if u.password is None and use_keyring:
        try:
            password = lookup_db_password(u)
        except KeyringUnavailable:
            # Peer or certificate authentication needs no password; if the server asks
            # for one, the connection error says so and the caller explains the keyring.
            password = None
        if password:
            u = u.set(password=password)
    return create_engine(
        u,
        pool_pre_ping=True,
        pool_size=2,
        max_overflow=4,
        connect_args={
            # A hung statement or a half-dead network must not freeze a seat forever.
            "options": "-c statement_timeout=15000 -c idle_in_transaction_session_timeout=60000",
            "connect_timeout": 5,
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 3,
            "application_name": APP_NAME,
        },
    )


def _sqlite_engine(u: URL) -> Engine:
    if u.database and u.database != ":memory:":
        Path(u.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(u, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Take the write lock up front: the guard's read-check-write steps (session
        # rules, failure counter, audit chain) then run without interleaving.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def utcnow() -> datetime:
    return datetime.now(UTC)


class Database:
    """The engine, a session factory, and the guard rules around every unit of work."""

    def __init__(self, engine: Engine, now: Callable[[], datetime] = utcnow) -> None:
        self.engine = engine
        self.now = now
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _stamp_business_rows)
        # Reads that must agree with each other (the boards): one snapshot on PostgreSQL.
        # SQLite needs none: its transactions (BEGIN IMMEDIATE) are serial.
        self._snapshots = (
            sessionmaker(
                engine.execution_options(
                    isolation_level="REPEATABLE READ", postgresql_readonly=True
                ),
                expire_on_commit=False,
            )
            if engine.dialect.name == "postgresql"
            else self._sessions
        )

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def guard(self, s: Session) -> Guard:
        """The guard for the database ``s`` is bound to."""
        if s.get_bind().dialect.name == "postgresql":
            return PgGuard()
        return SqliteGuard(self.now)

    @contextmanager
    def begin(
        self, token: bytes | None = None, *, admin: str | None = None, snapshot: bool = False
    ) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        ``token`` binds the seat's session: the guard checks in this same transaction
        that it is still the active one before any business row is written. ``admin``
        names a command-line administrator working without a session. ``snapshot``: a
        read-only transaction whose every query sees the same moment.
        """
        sessions = self._snapshots if snapshot else self._sessions
        with translate_errors(), sessions.begin() as s:
            guard = self.guard(s)
            hashed = None if token is None else token_hash(token)
            attach(s, UnitInfo(guard, self._clock_for(s), admin or None, hashed))
            guard.bind(s, token)
            yield s

    def _clock_for(self, s: Session) -> Callable[[], datetime]:
        """The database clock (R1.2: leases and records never trust a seat's clock).
        The embedded database is on the seat itself: there the injectable clock is it."""
        if self.dialect == "postgresql":
            return lambda: s.execute(text("SELECT clock_timestamp()")).scalar_one()
        return self.now

    def dispose(self) -> None:
        self.engine.dispose()


def _stamp_business_rows(s: Session, _ctx: Any, _instances: Any) -> None:
    """R1.3 in the client: business rows carry the job number of the bound session.

    On PostgreSQL a trigger does the same again and is what counts; on SQLite this is
    the enforcement.
    """
    touched = [o for o in (*s.new, *s.dirty, *s.deleted) if isinstance(o, Stamped)]
    if not touched:
        return
    info = unit_info(s)
    bound = None
    if info.token_bound:
        with s.no_autoflush:
            bound = info.guard.bound(s)
    if bound is None:
        if info.admin:
            return
        raise RuleViolation("session.not_active")
    for obj in s.new:
        if isinstance(obj, Stamped):
            obj.job_no = bound.job_no
            obj.delegate_job_no = bound.delegate_job_no
            obj.session_id = bound.session_id


class ConnectionLost(Exception):
    """The database could not be reached; the unit of work did not happen."""


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn the driver's errors for the guard's rules and lost connections into ours."""
    try:
        yield
    except exc.DBAPIError as e:
        code = getattr(e.orig, "sqlstate", None) or ""
        if code in PG_CODES:
            raise RuleViolation(PG_CODES[code]) from e
        if code == "23505" and "uq_agent_sessions_open" in str(e.orig):
            raise RuleViolation("session.already_open") from e
        # Class 08: connection exceptions; 57P: the server shut down or killed us.
        if e.connection_invalidated or code.startswith(("08", "57P")):
            raise ConnectionLost(str(e.orig)) from e
        raise
