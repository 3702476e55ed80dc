"""Fixtures shared by the whole suite.

Every database test runs twice: on the embedded SQLite file and on a real PostgreSQL
server this test run starts itself. On PostgreSQL the console connects as a seat role
with only the grants seats get (``agent_console_seat``), as in production; the schema
owner (``postgres``) plays the administrator.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection

from console.app.runtime import Runtime
from console.core.clock import ManualClock, SystemClock
from console.core.identity import Role
from console.people import agents
from db import migrate
from db.engine import BOUNDS, Bounds, Database, make_engine
from tests.pgserver import SEAT_USER, PgServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSWORD = "Demo@2026"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Without Qt (scripts/test's Qt-free run) pytest-qt is not installed: its settings in
    pyproject.toml are declared here so that ``--strict-config`` still accepts them."""
    try:
        import pytestqt  # noqa: F401
    except ImportError:
        parser.addini("qt_api", "pytest-qt's binding (unused without Qt)")
        parser.addini("qt_log_level_fail", "pytest-qt's log level (unused without Qt)")


_db_names = itertools.count()
# The register of seats the tests sign in at (sign-in needs a registered seat in
# service); open to the seats' group role on PostgreSQL, as an upgraded register is.
TEST_SEATS = (
    *(f"坐席{n:02d}" for n in range(20)),
    *(f"通知{n:02d}" for n in range(10)),  # the outage-notice desks of tests/test_campaigns.py
    "值班台",
    "seat-A",
    "seat-B",
    "seat-S",
)


def register_seats(url: str, codes: tuple[str, ...] = TEST_SEATS) -> None:
    """Register ``codes`` as the schema owner would (``seat add``)."""
    engine = create_engine(url)
    role = "agent_console_seat" if engine.dialect.name == "postgresql" else None
    with engine.begin() as c:
        for code in codes:
            c.execute(
                text(
                    "INSERT INTO seats (code, location, active, db_role) VALUES (:c, '', true, :r)"
                ),
                {"c": code, "r": role},
            )
    engine.dispose()


@pytest.fixture(autouse=True)
def _fresh_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings and data directories of their own for every test."""
    monkeypatch.setenv("AGENT_CONSOLE_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("AGENT_CONSOLE_DB", raising=False)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = PgServer().start()
    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        # The group role seats belong to (the migration would create it too), and one
        # login role in it: what an administrator sets up for the seats of a center.
        c.execute(text("CREATE ROLE agent_console_seat NOLOGIN"))
        c.execute(text(f"CREATE ROLE {SEAT_USER} LOGIN IN ROLE agent_console_seat"))
        # A migrated template makes each test's database a cheap copy.
        c.execute(text("CREATE DATABASE ac_template"))
    engine = create_engine(server.url("ac_template"))
    migrate.upgrade(engine)
    engine.dispose()
    register_seats(server.url("ac_template"))
    admin.dispose()
    yield server
    server.stop()


@dataclass(frozen=True)
class TestDb:
    """One test's database: ``admin_url`` owns the schema, ``url`` is what seats use."""

    __test__ = False  # not a test class, despite the name

    kind: str
    admin_url: str
    url: str


def new_pg_database(server: PgServer) -> TestDb:
    name = f"t{os.getpid()}_{next(_db_names)}"
    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name} TEMPLATE ac_template"))
    admin.dispose()
    return TestDb("pg", server.url(name), server.url(name, SEAT_USER))


def new_sqlite_database(directory: str) -> TestDb:
    url = f"sqlite:///{directory}/console.db"
    migrate.upgrade(make_engine(url))
    register_seats(url)
    return TestDb("sqlite", url, url)


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def test_db(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> TestDb:
    if request.param == "pg":
        return new_pg_database(request.getfixturevalue("pg_server"))
    return new_sqlite_database(str(tmp_path))


@pytest.fixture
def sqlite_db(tmp_path: os.PathLike[str]) -> TestDb:
    return new_sqlite_database(str(tmp_path))


@pytest.fixture
def pg_db(pg_server: PgServer) -> TestDb:
    return new_pg_database(pg_server)


@pytest.fixture
def clock() -> ManualClock:
    """Drives time on SQLite; PostgreSQL always uses its own clock (leases, lockouts)."""
    return ManualClock(datetime(2026, 11, 23, 1, 30, tzinfo=UTC))


def open_runtime(
    url: str, clock: ManualClock | SystemClock | None = None, bounds: Bounds = BOUNDS
) -> Runtime:
    clock = clock or SystemClock()
    engine = make_engine(url, use_keyring=False, bounds=bounds)
    return Runtime(Database(engine, now=clock.now, bounds=bounds), clock)


@pytest.fixture
def admin_rt(test_db: TestDb) -> Iterator[Runtime]:
    rt = open_runtime(test_db.admin_url)
    yield rt
    rt.close()


@pytest.fixture
def rt(test_db: TestDb) -> Iterator[Runtime]:
    """The console's runtime as a seat connects (seat role on PostgreSQL)."""
    r = open_runtime(test_db.url)
    yield r
    r.close()


@pytest.fixture
def pg_rt(pg_db: TestDb) -> Iterator[Runtime]:
    """A seat's runtime on PostgreSQL only, for tests of what only PostgreSQL enforces."""
    r = open_runtime(pg_db.url)
    yield r
    r.close()


@pytest.fixture
def pg_admin(pg_db: TestDb) -> Iterator[Runtime]:
    r = open_runtime(pg_db.admin_url)
    yield r
    r.close()


@pytest.fixture
def seat_sql(pg_db: TestDb) -> Iterator[Connection]:
    """A raw connection with the seats' database role: a client that skips the console."""
    engine = create_engine(pg_db.url)
    with engine.connect() as c:
        yield c
    engine.dispose()


AgentFactory = Callable[..., str]


@pytest.fixture
def make_agent(admin_rt: Runtime) -> AgentFactory:
    """Create an agent; returns the job number. Password ``PASSWORD`` unless given."""

    def make(
        job_no: str, role: Role = Role.AGENT, password: str = PASSWORD, name: str = "测试坐席"
    ) -> str:
        with admin_rt.unit(admin="test") as s:
            agents.add_agent(s, None, job_no, name, role, password, datetime.now(UTC))
        return job_no

    return make
