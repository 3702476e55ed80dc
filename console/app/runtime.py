"""The running console's access to the database: one unit of work per user action,
bound to the signed-in session, with the database's refusals turned into
``UserFacingError``. Front ends (Qt, command line, tests) go through this."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy.orm import Session

from console.content.content import Kind, Library, attach
from console.core.checks import check_seat_code
from console.core.clock import Clock, SystemClock
from console.core.errors import DatabaseUnavailable, UserFacingError
from console.core.identity import AgentContext
from console.core.runner import Runner
from console.core.unit import UNIQUE_VIOLATION, translated
from console.people import auth, passwords
from db.engine import Database

P = ParamSpec("P")
T = TypeVar("T")


log = logging.getLogger(__name__)


class Runtime:
    def __init__(self, database: Database, clock: Clock | None = None) -> None:
        self.db = database
        self.clock = clock or SystemClock()
        self._content: Library | None = None
        # A sign-in whose reply was lost: (job number, seat, token), tried again as is.
        self._unanswered_login: tuple[str, str, bytes] | None = None
        # The library is built once, by whichever thread asks first (the console
        # builds it while the login dialog waits for the password).
        self._content_lock = threading.Lock()

    @property
    def server(self) -> str:
        """Where the database is, for messages: the server's host and port, or the
        embedded file."""
        url = self.db.engine.url
        if url.get_backend_name() == "sqlite":
            return url.database or ""
        return f"{url.host or 'localhost'}:{url.port or 5432}"

    @property
    def db_clock(self) -> Clock:
        """The database's clock as this seat reads it: what calls, their events and
        times such as "in 30 minutes" are stamped with (a seat's own clock may be hours
        off; it only measures the time since the last reading)."""
        return self.db.clock

    @property
    def content(self) -> Library:
        """This console's scripts, lists and policies (console/content/content.py)."""
        if self._content is None:
            with self._content_lock:
                if self._content is None:
                    library = Library()
                    with translated(), self.db.begin() as s:
                        library.refresh(s)
                    self._content = library
        return self._content

    def refresh_content(self) -> list[Kind[Any]]:
        """Take in content versions saved since the last time; the kinds that changed."""
        library = self.content
        with translated(), self.db.begin() as s:
            return library.refresh(s)

    @property
    def dialect(self) -> str:
        return self.db.dialect

    @contextmanager
    def unit(
        self, ctx: AgentContext | None = None, *, admin: str | None = None
    ) -> Iterator[Session]:
        """A transaction bound to ``ctx``'s session; commits when the block succeeds."""
        library = self.content  # before the transaction: its first load reads too
        with translated(), self.db.begin(ctx.token if ctx else None, admin=admin) as s:
            attach(s, library)  # what content.of(s) gives the services
            yield s

    @contextmanager
    def snapshot(self, ctx: AgentContext | None = None) -> Iterator[Session]:
        """A read-only transaction in which every query sees the same moment (the
        boards: counts that agree with each other while seats keep writing)."""
        library = self.content  # before the transaction: its first load reads too
        with translated(), self.db.begin(ctx.token if ctx else None, snapshot=True) as s:
            attach(s, library)  # what content.of(s) gives the services
            yield s

    def run(
        self,
        ctx: AgentContext,
        fn: Callable[Concatenate[Session, AgentContext, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Run a service as the signed-in agent in its own unit of work.

        A unique key found taken by a transaction that committed while this one ran is,
        in practice, this very action's earlier attempt landing late (its reply was
        lost, its backend was slow or stopped, and the agent tried again). Every
        service is safe to repeat, so it runs once more: it then finds what the first
        attempt wrote, or is refused for the real reason."""
        try:
            with self.unit(ctx) as s:
                return fn(s, ctx, *args, **kwargs)
        except UserFacingError as e:
            if e.message_id != "db.refused" or e.params.get("code") != UNIQUE_VIOLATION:
                raise
        try:
            with self.unit(ctx) as s:
                return fn(s, ctx, *args, **kwargs)
        except UserFacingError as e:
            if e.message_id == "db.refused" and e.params.get("code") == UNIQUE_VIOLATION:
                log.error("%s refused twice: a unique key is taken", getattr(fn, "__name__", fn))
            raise

    def heartbeat(self, ctx: AgentContext) -> datetime:
        """Renew the lease on the heartbeat's own connection (db/engine.py
        ``heartbeat_engine``): it neither waits behind a hung save nor takes the
        connection a save needs, and is given up after ``bounds.heartbeat`` seconds."""
        with translated(), self.db.begin(ctx.token, heartbeat=True) as s:
            return auth.heartbeat(s, ctx)

    @property
    def heartbeat_bound(self) -> float:
        """Seconds after which an unanswered heartbeat is given up (db/bounds.py)."""
        return self.db.bounds.heartbeat

    def runner(self, ctx: Callable[[], AgentContext]) -> Runner:
        """``run`` as the agent ``ctx()`` names at each call (a front end's context
        changes when the agent signs in again): what screens and print jobs are given."""
        return AgentRunner(self, ctx)

    def login(self, job_no: str, password: str, seat: str) -> AgentContext:
        """Sign in at ``seat`` (its code as typed: checked here, as the job number is)."""
        seat = check_seat_code(seat)
        with self.unit() as s:
            challenge = auth.challenge(s, job_no)
        proof = passwords.proof(password, challenge)  # slow on purpose: no locks held
        token = self._token_for(job_no, seat)
        try:
            with self.unit() as s:
                attempt = auth.login(s, job_no, proof, seat, token)
        except DatabaseUnavailable:
            # Perhaps the database signed us in and only its reply was lost: the next
            # attempt sends the same token and gets that session back, instead of
            # finding this job number busy at this very seat until the lease lapses.
            self._unanswered_login = (job_no, seat, token)
            raise
        self._unanswered_login = None
        # Committed: the failure counter and the audit row stay even when refused.
        return attempt.context_or_raise(seat)

    def _token_for(self, job_no: str, seat: str) -> bytes:
        pending = self._unanswered_login
        if pending is not None and pending[:2] == (job_no, seat):
            return pending[2]
        return auth.new_token()

    def close(self) -> None:
        self.db.dispose()


class AgentRunner:
    """A :class:`Runner` over a runtime: each service as the agent signed in now."""

    def __init__(self, runtime: Runtime, ctx: Callable[[], AgentContext]) -> None:
        self.runtime = runtime
        self.ctx = ctx

    def __call__(
        self,
        fn: Callable[Concatenate[Session, AgentContext, P], T],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        return self.runtime.run(self.ctx(), fn, *args, **kwargs)
