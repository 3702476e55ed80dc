"""What this console changed, announced so that every list showing it is read again — not
only when its tab is shown. A background op that writes declares its topics
(``BackgroundOp.changes``) and the worker announces them after the write succeeded.
Changes made on other seats reach the lists through their own timers and tab changes.

    changes().cases.connect(self.refresh)   # a list of cases
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QObject, Signal, SignalInstance


class Topic(Enum):
    CASES = "cases"
    CALLBACKS = "callbacks"
    CAMPAIGNS = "campaigns"
    HANDOVERS = "handovers"
    CALLS = "calls"  # the call log
    NUISANCE = "nuisance"  # nuisance-caller marks
    KNOWLEDGE = "knowledge"  # the knowledge panel's answers
    PEOPLE = "people"  # agents, seats, delegations
    CONTENT = "content"  # scripts, lists, policies, departments
    PRINTS = "prints"  # the print registry


class Changes(QObject):
    """One signal per topic, emitted on the GUI thread."""

    cases = Signal()
    callbacks = Signal()
    campaigns = Signal()
    handovers = Signal()
    calls = Signal()
    nuisance = Signal()
    knowledge = Signal()
    people = Signal()
    content = Signal()
    prints = Signal()

    def signal(self, topic: Topic) -> SignalInstance:
        signal: SignalInstance = getattr(self, topic.value)
        return signal

    def announce(self, *topics: Topic) -> None:
        for topic in dict.fromkeys(topics):  # each once, in the order given
            self.signal(topic).emit()


_changes: Changes | None = None


def changes() -> Changes:
    """The console's one broadcast (created on first use, on the GUI thread)."""
    global _changes
    if _changes is None:
        _changes = Changes()
        _changes.setObjectName("changes")
    return _changes


def reset() -> None:
    """A fresh broadcast with no listeners (tests: nothing carries over between them)."""
    global _changes
    if _changes is not None:
        _changes.deleteLater()
    _changes = None
