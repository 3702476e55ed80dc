"""What a unit of work carries: the typed home of ``Session.info``.

``Database.begin`` (db/engine.py) puts one :class:`UnitInfo` in every session it opens,
under one key; everything below reads it through :func:`unit_info`, never through
``s.info`` directly, so the types are checked. It lives in its own module because the
SQLite guard reads it and the engine imports the guards: in db/engine.py it would make
an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db.guard import Guard

_KEY = "agent_console.unit"


@dataclass(frozen=True)
class UnitInfo:
    """One unit of work's context.

    Attributes:
        guard: the rules of the database the session is bound to.
        now: the database clock (the seat's injectable clock on the embedded database).
        admin_name: who administers from the command line, working without a session
            (``None`` for a seat's unit of work).
        token_hash: the SHA-256 of the seat's session token the unit is bound to, if any.
        operator: for administration without a session, the operating-system user and
            host running it (``user@host``), which its audit entries name.
    """

    guard: Guard
    now: Callable[[], datetime]
    admin_name: str | None = None
    token_hash: bytes | None = None
    operator: str | None = None

    @property
    def admin(self) -> bool:
        return self.admin_name is not None

    @property
    def token_bound(self) -> bool:
        return self.token_hash is not None

    @property
    def admin_actor(self) -> str:
        """How the command line's administrator is named where a job number goes."""
        return f"admin:{self.admin_name or 'cli'}"[:16]


def attach(s: Session, info: UnitInfo) -> None:
    s.info[_KEY] = info


def unit_info(s: Session) -> UnitInfo:
    """The unit of work ``s`` belongs to (``Database.begin`` attached it)."""
    info = s.info.get(_KEY)
    if not isinstance(info, UnitInfo):
        raise RuntimeError("not a unit of work: open sessions with Database.begin")
    return info
