"""What every service needs from the unit of work it runs in: the database clock, the
guard that enforces the session rules, and the translation of the database's refusals
and lost connections into errors a user can act on."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import exc
from sqlalchemy.orm import Session

from console.core.errors import DatabaseUnavailable, UserFacingError
from db.engine import ConnectionLost, PoolExhausted
from db.errors import RuleViolation
from db.guard import Guard
from db.unit import unit_info

log = logging.getLogger(__name__)

UNIQUE_VIOLATION = "23505"  # PostgreSQL's code (SQLite's writers never overlap)


def guard(s: Session) -> Guard:
    return unit_info(s).guard


def db_now(s: Session) -> datetime:
    """The database clock, for anything stored or compared across seats."""
    return unit_info(s).now()


def admin_name(s: Session) -> str | None:
    """Who administers from the command line in this unit of work (None: a seat's)."""
    return unit_info(s).admin_name


def admin_actor(s: Session) -> str:
    """How the command line's administrator is named where a job number goes."""
    return unit_info(s).admin_actor


def _first_line(detail: object) -> str:
    """The driver's text without PostgreSQL's CONTEXT and LINE lines: one log line."""
    return str(detail).strip().splitlines()[0] if str(detail).strip() else ""


def _unavailable(detail: object, message_id: str = "db.unavailable") -> DatabaseUnavailable:
    line = _first_line(detail)
    log.warning("database unavailable: %s", line)
    return DatabaseUnavailable(line, message_id)


@contextmanager
def translated() -> Iterator[None]:
    """Refusals, lost connections and any other database error as a ``UserFacingError``
    whose message never carries the server's own text (it goes to the log)."""
    try:
        yield
    except RuleViolation as e:
        raise UserFacingError(e.code, **e.params) from e
    except ConnectionLost as e:
        raise _unavailable(e) from e
    except PoolExhausted as e:
        raise _unavailable(e, "db.pool_exhausted") from e
    except exc.OperationalError as e:
        if "database is locked" in str(e.orig):
            raise UserFacingError("db.busy") from e
        if getattr(e.orig, "sqlite_errorname", None) == "SQLITE_ERROR":  # SQL, not the file
            raise _refused(e) from e
        raise _unavailable(e.orig) from e
    except exc.InterfaceError as e:
        raise _unavailable(e.orig) from e
    except exc.DBAPIError as e:
        raise _refused(e) from e


def _refused(e: exc.DBAPIError) -> UserFacingError:
    """A refusal with no rule of ours behind it (a constraint, a privilege, a schema this
    program does not expect): its code for the message, its text for the log."""
    code = getattr(e.orig, "sqlstate", None) or getattr(e.orig, "sqlite_errorname", None)
    code = code or type(e.orig).__name__
    # A unique key found taken is, in practice, an action's own late first attempt, and
    # the action runs once more (console/app/runtime.py ``Runtime.run``): no error yet.
    level = logging.WARNING if code == UNIQUE_VIOLATION else logging.ERROR
    log.log(level, "the database refused: %s (%s)", _first_line(e.orig), code)
    return UserFacingError("db.refused", code=code)
