"""Schema migrations (R7.3): Alembic is the only source of the schema."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).parent / "migrations"
SEAT_ROLE = "agent_console_seat"


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


def upgrade(engine: Engine, seat_role: str = SEAT_ROLE) -> SchemaState:
    """Bring the schema to the newest revision; each revision runs in one transaction."""
    with engine.begin() as conn:
        command.upgrade(_config(conn, seat_role), "head")
    return state(engine)
