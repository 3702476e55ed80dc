"""The one shape every front end hands its screens and jobs: "run this service as the
signed-in agent, in its own unit of work". ``Runtime.run`` with the agent's context
bound in is a :class:`Runner`; mypy checks each service's arguments and result through it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, ParamSpec, Protocol, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from console.core.identity import AgentContext

P = ParamSpec("P")
T = TypeVar("T")


class Runner(Protocol):
    """``run(service, *args, **kwargs)``: ``service(session, ctx, *args, **kwargs)`` in a
    unit of work of its own, as the agent signed in now."""

    def __call__(
        self,
        fn: Callable[Concatenate[Session, AgentContext, P], T],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T: ...
