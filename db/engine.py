"""Engines for the embedded SQLite file and a shared PostgreSQL, and the unit of work."""

from __future__ import annotations

import getpass
import logging
import random
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, exc, make_url, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session, sessionmaker

from db.errors import PG_CODES, SQLITE_MESSAGES, RuleViolation
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


# The spellings of this machine: a password stored for one is found for the others.
_LOOPBACK = ("localhost", "127.0.0.1", "::1")


def keyring_keys(url: URL) -> list[str]:
    """The entries a password for ``url`` is looked up under, in order: its own, then
    the same server under this machine's other spellings (localhost / 127.0.0.1 / ::1)."""
    hosts = [url.host, *(h for h in _LOOPBACK if url.host in _LOOPBACK and h != url.host)]
    return [keyring_key(url.set(host=h)) for h in hosts]


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
        for key in keyring_keys(url):
            if (password := keyring.get_password(KEYRING_SERVICE, key)) is not None:
                return password
    except keyring.errors.KeyringError as e:
        raise KeyringUnavailable(str(e)) from e
    return None


def keyring_probe() -> None:
    """Raise ``KeyringUnavailable`` when this machine has no usable keyring backend."""
    import keyring
    import keyring.errors

    try:
        keyring.get_password(KEYRING_SERVICE, "probe")
    except keyring.errors.KeyringError as e:
        raise KeyringUnavailable(str(e)) from e


class _OneLineForLostConnections(logging.Filter):
    """SQLAlchemy's pool logs a whole traceback each time it cannot reset or close a
    connection the network or the server already dropped: after a reset connection a
    seat's log is a wall of them. The unit of work that met the loss reports it (one
    line, ``console.core.unit``); here one line says what the pool saw."""

    PREFIXES = ("Exception during reset", "Exception closing", "Exception terminating")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.getMessage().startswith(self.PREFIXES):
            error = record.exc_info[1]
            detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
            record.msg, record.args = (
                f"{record.getMessage()}: {type(error).__name__}: {detail}",
                None,
            )
            record.exc_info, record.exc_text = None, None
        return True


def _quiet_pool_tracebacks(engine: Engine) -> None:
    pool = type(engine.pool)
    logger = logging.getLogger(f"{pool.__module__}.{pool.__name__}")
    if not any(isinstance(f, _OneLineForLostConnections) for f in logger.filters):
        logger.addFilter(_OneLineForLostConnections())


@dataclass(frozen=True)
class Bounds:
    """How long a seat waits for PostgreSQL, in seconds (db/bounds.py; docs/deploy.md,
    "When the database does not answer").

    The server ends a statement after ``statement`` itself, with a clear error; the
    client gives the connection up after ``call`` only when the server cannot answer at
    all (a stopped backend), so ``call`` is a little longer: a live server's own answer
    always comes first. The heartbeat is one short statement on its own connection: it
    renews a 15 s lease every 5 s, so a beat not back within ``heartbeat`` is given up
    and the seat says the database is unavailable while two more beats still fit in the
    lease. Tests shorten them all."""

    statement: float = 15.0
    call: float = 20.0
    heartbeat_statement: float = 4.0
    heartbeat: float = 5.0


BOUNDS = Bounds()


def make_engine(url: str, *, use_keyring: bool = True, bounds: Bounds = BOUNDS) -> Engine:
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
    return _pg_engine(u, bounds.call, bounds.statement, pool_size=2, max_overflow=4)


def _pg_engine(
    u: URL, bound: float, statement_timeout: float, *, pool_size: int, max_overflow: int
) -> Engine:
    engine = create_engine(
        u,
        pool_pre_ping=True,
        pool_size=pool_size,
        max_overflow=max_overflow,
        # Waiting for a free connection is bounded like a call: all of them busy means
        # the database is not answering this seat (db.pool_exhausted), not a queue to
        # join for the default 30 s.
        pool_timeout=bound,
        connect_args={
            # A hung statement or a half-dead network must not freeze a seat forever.
            "options": f"-c statement_timeout={int(statement_timeout * 1000)} "
            "-c idle_in_transaction_session_timeout=60000",
            "connect_timeout": CONNECT_TIMEOUT,
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 3,
            "application_name": APP_NAME,
        },
    )
    _quiet_pool_tracebacks(engine)
    event.listen(engine, "do_connect", partial(_connect_with_retries, bound))
    return engine


def heartbeat_engine(engine: Engine, bounds: Bounds = BOUNDS) -> Engine:
    """The heartbeat's own engine for the server ``engine`` reaches: one connection no
    save waits for and that waits for no save (a hung save must not let the lease
    lapse, a hung heartbeat must not take a save's connection). The embedded database
    has no backend to hang: there it is ``engine`` itself."""
    if engine.dialect.name != "postgresql":
        return engine
    return _pg_engine(
        engine.url, bounds.heartbeat, bounds.heartbeat_statement, pool_size=1, max_overflow=0
    )


# An execution option: the transaction only reads (SQLite then begins it without the lock).
READ_ONLY = "agent_console_read_only"

CONNECT_TIMEOUT = 5  # seconds for one attempt to reach the server and sign in
CONNECT_ATTEMPTS = 3  # so a seat waits at most ~3 × 5 s plus the pauses (≤ 3 s)
# The server is there but overwhelmed: too many clients, starting up, or too slow to
# answer within CONNECT_TIMEOUT. A refused connection (nothing listens) fails at once.
_RETRY_SQLSTATES = frozenset({"53300", "53400", "57P03"})


def _worth_retrying(error: Exception) -> bool:
    code = getattr(error, "sqlstate", None)
    if code is not None:
        return code in _RETRY_SQLSTATES
    return "timeout expired" in str(error)


def _connect_with_retries(
    bound: float, dialect: Any, _record: Any, cargs: Any, cparams: Any
) -> Any:
    """Connect, trying again after a random pause when the server is overwhelmed.

    A shift starting signs 200 seats in within the same second: the server forks and
    authenticates each backend in turn and, on a busy machine, some wait longer than
    ``CONNECT_TIMEOUT``. Trying again at once would only keep the burst together; a
    pause drawn at random (0.25–0.5 s, then 0.5–1 s…) spreads the seats out. Bounded:
    a seat whose server is really gone says so within ~18 s. Every round trip on the
    connection is then bounded by ``bound`` seconds (db/bounds.py)."""
    from db.bounds import connect

    pause = 0.25
    for attempt in range(1, CONNECT_ATTEMPTS + 1):
        try:
            return connect(bound, *cargs, **cparams)
        except dialect.loaded_dbapi.OperationalError as e:
            if attempt == CONNECT_ATTEMPTS or not _worth_retrying(e):
                raise
            time.sleep(random.uniform(pause, 2 * pause))
            pause *= 2
    raise AssertionError("unreachable")


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
        # rules, failure counter, audit chain) then run without interleaving. A snapshot
        # only reads: WAL gives it one moment from its first read without the lock, so a
        # board neither waits behind the seats' writes nor holds them up.
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("BEGIN DEFERRED")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def utcnow() -> datetime:
    return datetime.now(UTC)


def operator() -> str:
    """Who runs this program, as the operating system says: ``user@host`` (the audit
    entries of administration done without a session name it)."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment or the password file
        user = "?"
    return f"{user}@{socket.gethostname()}"[:64]


class DatabaseClock:
    """The shared database's clock, as this seat reads it between round trips: the last
    reading of the database plus the time this seat measured since (its monotonic
    clock). A seat whose own clock is hours off still stamps calls, their events and the
    times it computes ("in 30 minutes") on the database's timeline.

    It never goes backwards (a call's log must stay in time order), so a new reading
    that is a little behind the estimate holds the clock still until it catches up.
    """

    def __init__(self, fallback: Callable[[], datetime] = utcnow) -> None:
        self._fallback = fallback
        self._anchor: tuple[datetime, float] | None = None
        self._last: datetime | None = None
        self._lock = threading.Lock()

    def reading(self, db_time: datetime) -> None:
        """The database said ``db_time`` just now."""
        with self._lock:
            self._anchor = (db_time.astimezone(UTC), time.monotonic())

    def now(self) -> datetime:
        with self._lock:
            if self._anchor is None:  # nothing read yet: the seat's clock is all there is
                return self._fallback()
            at, mono = self._anchor
            estimate = at + timedelta(seconds=time.monotonic() - mono)
            if self._last is not None and estimate < self._last:
                return self._last
            self._last = estimate
            return estimate


class Database:
    """The engine, a session factory, and the guard rules around every unit of work.

    ``clock`` is the database's clock as this process knows it: on PostgreSQL every
    reading of the database clock keeps it right; the embedded database's clock is
    ``now`` itself. ``bounds``: the heartbeat's connection is made with them (the
    engine's own were given to ``make_engine``).
    """

    def __init__(
        self, engine: Engine, now: Callable[[], datetime] = utcnow, bounds: Bounds = BOUNDS
    ) -> None:
        self.engine = engine
        self.bounds = bounds
        self.now = now
        self.clock = DatabaseClock(now)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _stamp_business_rows)
        self.heartbeat_engine = heartbeat_engine(engine, bounds)
        self._beats = sessionmaker(self.heartbeat_engine, expire_on_commit=False)
        # Reads that must agree with each other (the boards): one snapshot, read only.
        self._snapshots = sessionmaker(
            engine.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            if engine.dialect.name == "postgresql"
            else engine.execution_options(**{READ_ONLY: True}),
            expire_on_commit=False,
        )

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def owner_or_role(self) -> str | None:
        """None when this connection's role owns the schema (administration runs as the
        owner on PostgreSQL; SQLite has no roles), else the role's name."""
        if self.dialect != "postgresql":
            return None
        with self.engine.connect() as c:
            row = c.execute(
                text(
                    "SELECT pg_has_role(current_user, t.relowner, 'MEMBER'), current_user "
                    "FROM pg_class t WHERE t.oid = 'public.agents'::regclass"
                )
            ).one()
        return None if row[0] else str(row[1])

    def guard(self, s: Session) -> Guard:
        """The guard for the database ``s`` is bound to."""
        if s.get_bind().dialect.name == "postgresql":
            return PgGuard()
        return SqliteGuard(self.now)

    @contextmanager
    def begin(
        self,
        token: bytes | None = None,
        *,
        admin: str | None = None,
        snapshot: bool = False,
        heartbeat: bool = False,
    ) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        ``token`` binds the seat's session: the guard checks in this same transaction
        that it is still the active one before any business row is written. ``admin``
        names the program working without a session (``cli``, ``demo``…); its audit
        entries also name the operating-system user and host. ``snapshot``: a read-only
        transaction whose every query sees the same moment. ``heartbeat``: on the
        heartbeat's own connection (``heartbeat_engine``), with its shorter bound.
        """
        sessions = self._beats if heartbeat else self._snapshots if snapshot else self._sessions
        with translate_errors(), sessions.begin() as s:
            guard = self.guard(s)
            hashed = None if token is None else token_hash(token)
            who = operator() if admin else None
            attach(s, UnitInfo(guard, self._clock_for(s), admin or None, hashed, who))
            if who is not None:
                guard.bind_operator(s, who)
            guard.bind(s, token)
            yield s

    def _clock_for(self, s: Session) -> Callable[[], datetime]:
        """The database clock (R1.2: leases and records never trust a seat's clock).
        The embedded database is on the seat itself: there the injectable clock is it.
        Each reading also keeps ``self.clock`` right."""
        if self.dialect != "postgresql":
            return self.now

        def read() -> datetime:
            now: datetime = s.execute(text("SELECT clock_timestamp()")).scalar_one()
            self.clock.reading(now)
            return now

        return read

    def dispose(self) -> None:
        self.engine.dispose()
        if self.heartbeat_engine is not self.engine:
            self.heartbeat_engine.dispose()


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


class PoolExhausted(Exception):
    """Every connection of this seat's pool is in use and none came free within the
    bound: the database is not answering this seat in time. Nothing was sent."""


class ConnectionLost(Exception):
    """The connection to the database failed during the unit of work.

    Mostly the unit did not happen. But when the connection dropped while COMMIT was on
    its way, the database may have committed it without the reply reaching this seat:
    whether it happened is unknown. Every unit of work is therefore safe to repeat
    (client-made ids, versions, ``ON CONFLICT DO NOTHING``), and repeating it is how
    to find out.
    """


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn the driver's errors for the guard's rules and lost connections into ours."""
    try:
        yield
    except exc.TimeoutError as e:  # the pool's, not a statement's (that is 57014)
        raise PoolExhausted(str(e)) from e
    except exc.DBAPIError as e:
        code = getattr(e.orig, "sqlstate", None) or ""
        if code in PG_CODES:
            raise RuleViolation(PG_CODES[code]) from e
        if str(e.orig) in SQLITE_MESSAGES:
            raise RuleViolation(SQLITE_MESSAGES[str(e.orig)]) from e
        if code == "23505" and "uq_agent_sessions_open" in str(e.orig):
            raise RuleViolation("session.already_open") from e
        # Class 08: connection exceptions; 57P: the server shut down or killed us.
        if e.connection_invalidated or code.startswith(("08", "57P")):
            raise ConnectionLost(str(e.orig)) from e
        raise
