"""Calls for the quality-inspection tests: stored as a seat stores them (the record, its
event log as the call flow writes it, and the score at wrap-up)."""

from __future__ import annotations

from datetime import datetime, timedelta

from console.app.runtime import Runtime
from console.calls import calls, compliance
from console.calls.call_flow import CallEvent, EventKind
from console.calls.calls import CallFields, NewCallEvent
from console.core.identity import AgentContext
from console.core.vocabulary import CallId


def stored_call(
    rt: Runtime,
    ctx: AgentContext,
    call_id: str,
    at: datetime,
    *,
    intent: str = "inquiry",
    taboo: bool = False,
    greeting: bool = True,
    notes: str = "",
    rings: int = 1,
    verdicts: bool = True,
) -> CallId:
    """An answered inbound call of two minutes; its score follows from the log: 100
    as it should be, one criterion of eight less for a missing greeting, a taboo hit or
    an answer after ring 3 (88, 75…; asking the customer's consent applies to outbound
    calls only). The criteria's verdicts are stored with the score as the call desk
    stores them, unless ``verdicts`` is False (a call finished before they were kept)."""
    c = rt.run(ctx, calls.start_call, CallId(call_id), "13912341234", "inbound", "phone", at)
    answered = at + timedelta(seconds=3 * rings - 1)
    ended = answered + timedelta(minutes=2)
    log: list[tuple[str, datetime, dict[str, object]]] = [
        ("ring", at, {"ring_interval_s": 3, "answer_within_rings": 3, "direction": "inbound"}),
        ("answer", answered, {}),
    ]
    if greeting:
        log.append(("phrase", answered + timedelta(seconds=1), {"phrase_id": "opening.company"}))
    log += [
        ("surname", answered + timedelta(seconds=10), {"surname": "张", "title": "先生"}),
        ("phrase", answered + timedelta(seconds=12), {"phrase_id": "verify", "by_surname": True}),
        ("verification", answered + timedelta(seconds=30), {"outcome": "verified"}),
        ("hold", answered + timedelta(seconds=40), {}),
        ("resume", answered + timedelta(seconds=55), {}),
    ]
    if taboo:
        log.append(
            ("taboo_hit", answered + timedelta(seconds=60), {"entry_id": "t1", "kind": "taboo"})
        )
    log += [
        ("phrase", ended - timedelta(seconds=8), {"phrase_id": "closing.ask_more"}),
        ("phrase", ended - timedelta(seconds=5), {"phrase_id": "closing.standard"}),
        ("hang_up", ended, {"by": "caller"}),
    ]
    events = [NewCallEvent(i, kind, when, data) for i, (kind, when, data) in enumerate(log)]
    rt.run(ctx, calls.append_events, c.id, events)
    passed = 8 - (0 if greeting else 1) - (1 if taboo else 0) - (1 if rings > 3 else 0)
    score = (200 * passed + 8) // 16  # eight criteria apply to an inbound call
    fields = CallFields(
        state="done",
        answered_at=answered,
        ring_count=rings,
        intent=intent,
        verification="verified",
        surname="张",
        title="先生",
        notes=notes,
        compliance_score=score,
        compliance_verdicts=_verdicts(events) if verdicts else None,
    )
    rt.run(ctx, calls.finish_call, c.id, fields, c.version, ended, "caller")
    return c.id


def _verdicts(events: list[NewCallEvent]) -> dict[str, str]:
    flow = [CallEvent(EventKind(e.kind), e.at, dict(e.data)) for e in events]
    return compliance.score(flow).verdicts()
