"""Opening the database at start: keyring, migrations with a clear message (R7.3)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import exc
from sqlalchemy.engine import URL, Engine, make_url

from console.app.runtime import Runtime
from console.core.clock import Clock, SystemClock
from console.core.errors import DatabaseUnavailable, UserFacingError
from console.core.settings import default_db_url
from db import migrate
from db.engine import Database, KeyringUnavailable, keyring_keys, keyring_probe, make_engine

log = logging.getLogger(__name__)


def open_runtime(
    url: str | None,
    clock: Clock | None = None,
    say: Callable[[str, dict[str, object]], None] = lambda _id, _params: None,
    *,
    upgrade: bool = True,
    create: bool = True,
) -> Runtime:
    """Connect, bring the schema up to date, and return the runtime.

    ``say`` receives progress as (message id, params): ``schema.upgrading`` before a
    migration runs, ``schema.upgraded`` after. ``create``: an embedded database file that
    does not exist is made (else refused: a typo in a path must not start an empty
    database).
    """
    clock = clock or SystemClock()
    url = url or default_db_url()
    given = check_url(url, create=create)
    try:
        engine = make_engine(url)  # makes an embedded file's folder
    except OSError as e:
        raise UserFacingError(
            "db.file_unusable", path=given.database, reason=e.strerror or str(e)
        ) from e
    try:
        _bring_up_to_date(engine, say, upgrade, given)
    except BaseException:
        engine.dispose()  # a seat that does not start keeps no connection open
        raise
    return Runtime(Database(engine, now=clock.now), clock)


SUPPORTED = ("sqlite", "postgresql")


def check_url(url: str, *, create: bool = True) -> URL:
    """The database URL, or a refusal that says what a usable one looks like: not a URL,
    a port out of range, a database the console does not speak, a SQLite file that is
    not there (when it is not to be made)."""
    try:
        u = make_url(url)
        port = u.port
    except (exc.ArgumentError, ValueError) as e:
        raise UserFacingError("db.bad_url", url=_shown(url)) from e
    if port is not None and not 0 < port < 65536:
        raise UserFacingError("db.bad_url", url=u.render_as_string(hide_password=True))
    if u.get_backend_name() not in SUPPORTED:
        raise UserFacingError("db.unsupported", dialect=u.get_backend_name())
    path = u.database
    embedded_file = u.get_backend_name() == "sqlite" and path and path != ":memory:"
    if embedded_file and not create and not Path(str(path)).is_file():
        raise UserFacingError("db.no_file", path=path, url=url)
    return u


def _shown(text: str) -> str:
    """What was typed, short enough for one line (it is not a URL: nothing to hide)."""
    text = " ".join(str(text).split())
    return text if len(text) <= 80 else text[:79] + "…"


def _bring_up_to_date(
    engine: Engine, say: Callable[[str, dict[str, object]], None], upgrade: bool, given: URL
) -> None:
    try:
        st = migrate.state(engine)
        if not st.known:
            raise UserFacingError("db.schema_newer", current=st.current, head=st.head)
        if not st.up_to_date:
            if not upgrade:
                raise UserFacingError("db.schema_outdated", current=st.current, head=st.head)
            say("schema.upgrading", {"current": st.current or "—", "head": st.head})
            try:
                st = migrate.upgrade(engine)
            except migrate.SeatRoleMissing as e:
                raise UserFacingError("db.seat_role_missing", role=e.role, owner=e.owner) from e
            except exc.ProgrammingError as e:
                raise _upgrade_refused(e, st) from e
            say("schema.upgraded", {"head": st.head})
    except exc.OperationalError as e:
        raise connection_refused(e, given) from e


def connection_refused(e: exc.OperationalError, url: URL) -> UserFacingError:
    """What to do about a connection the server refused or never answered, without the
    driver's text (that goes to the log): a wrong password, no password found (the
    keyring entries looked for), a server not reachable (its host and port). ``url`` is
    the one given (not the one with the keyring's password)."""
    detail = (str(e.orig).strip().splitlines() or [""])[0]
    log.info("cannot connect to %s: %s", url.render_as_string(hide_password=True), detail)
    bare = url._replace(password=None).render_as_string(hide_password=False)
    if url.get_backend_name() != "postgresql":
        return UserFacingError("db.file_unusable", path=url.database, reason=detail)
    if "password authentication failed" in detail:
        return UserFacingError("db.password_wrong", user=url.username, url=bare)
    if "no password supplied" in detail:
        _explain_missing_password()
        entries = ", ".join(keyring_keys(url))
        return UserFacingError("db.password_missing", entries=entries, url=bare)
    if any(sign in detail for sign in _UNREACHABLE):
        return UserFacingError(
            "db.unreachable", host=url.host or "localhost", port=url.port or 5432
        )
    return DatabaseUnavailable(detail)


# libpq's words for a server that is not there (refused, unknown name, no answer).
_UNREACHABLE = (
    "Connection refused",
    "could not translate host name",
    "Name or service not known",
    "timeout expired",
    "No route to host",
    "Network is unreachable",
)


def _upgrade_refused(e: exc.ProgrammingError, st: migrate.SchemaState) -> UserFacingError:
    """Why ``db upgrade`` was refused. A privilege error is a seat's role (it may not
    change the schema: the administrator must); anything else names its code, and the
    server's text goes to the log."""
    code = getattr(e.orig, "sqlstate", None) or ""
    if code == "42501":  # insufficient_privilege
        return UserFacingError("db.schema_outdated", current=st.current, head=st.head)
    log.error("db upgrade failed: %s", str(e.orig).strip().splitlines()[0])
    return UserFacingError("db.upgrade_failed", code=code or type(e.orig).__name__)


def _explain_missing_password() -> None:
    """The server wants a password: if there is no keyring to hold it, say so."""
    try:
        keyring_probe()
    except KeyringUnavailable as e:
        raise UserFacingError("db.keyring_unavailable", detail=str(e)) from e
