"""Schema migrations (R7.3): Alembic is the only source of the schema."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).parent / "migrations"
SQL_DIR = Path(__file__).parent / "sql"
SEAT_ROLE = "agent_console_seat"


def run_sql_file(connection: Connection, name: str, **substitutions: str) -> None:
    """Run ``db/sql/NAME`` on PostgreSQL, filling in ``{key}`` placeholders.

    Each revision that changes the database's own rules ships its own file, so history
    stays frozen. The text goes straight to the driver: the functions contain ':' and
    '%' that SQLAlchemy and psycopg would otherwise read as parameters.
    """
    sql = (SQL_DIR / name).read_text(encoding="utf-8")
    for key, value in substitutions.items():
        sql = sql.replace("{" + key + "}", value)
    cur = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cur.execute(sql)
    finally:
        cur.close()


def _config(connection: Connection | None = None, seat_role: str = SEAT_ROLE) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    cfg.attributes["seat_role"] = seat_role
    return cfg


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str
    known: bool  # False: the database was migrated by a newer program than this one

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def state(engine: Engine) -> SchemaState:
    script = ScriptDirectory.from_config(_config())
    head = script.get_current_head()
    assert head is not None
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    known = current is None or current in {r.revision for r in script.walk_revisions()}
    return SchemaState(current, head, known)


class SeatRoleMissing(Exception):
    """The seats' group role does not exist and the connected role may not create it."""

    def __init__(self, role: str, owner: str) -> None:
        super().__init__(role, owner)
        self.role = role
        self.owner = owner


def _check_seat_role(conn: Connection, seat_role: str) -> None:
    """The migrations grant the seats' rights to their group role, creating it when the
    owner may (CREATEROLE). Say so up front rather than fail half-way with a privilege
    error that looks like any other."""
    row = conn.execute(
        text(
            "SELECT current_user AS owner, "
            "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :r) AS role_exists, "
            "(SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) "
            "AS may_create"
        ),
        {"r": seat_role},
    ).one()
    if not row.role_exists and not row.may_create:
        raise SeatRoleMissing(seat_role, row.owner)


def upgrade(engine: Engine, seat_role: str = SEAT_ROLE) -> SchemaState:
    """Bring the schema to the newest revision; each revision runs in one transaction."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            _check_seat_role(conn, seat_role)
        command.upgrade(_config(conn, seat_role), "head")
    return state(engine)
