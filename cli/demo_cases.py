"""The demo history's cases and callbacks: what the reports read, consistent with the
history calls (``cli/demo.py``).

Each outbound callback call (回访) of the history is the callback of something earlier:

* of a case — a complaint or repair call of the same customer a few hours to a week
  before opened it: dispatched, acknowledged, done by the department, called back
  satisfied, closed (a complaint is archived in the complaint register), with its SLA
  clocks stopped when they were met;
* otherwise of an inquiry answered at once (咨询随机回访, GS 15.3.6), satisfied or not.

So the callback log lists every callback call, the KPI's 完成回访 counts them, the
complaint register and the case report have real complaints, and the call screen shows
the callback call under the customer who was called back. Rows are made chunk by chunk
with the calls (a callback pairs with a call of its own chunk) and inserted through the
same raw driver paths as the calls.
"""

from __future__ import annotations

import bisect
import json
import random
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from console.cases.cases import CASE_NO_PREFIX, CLOCKS_MET_BY
from console.cases.follow_up import case_callback_id, sample_callback_id
from console.content import content, sla
from console.core.vocabulary import CaseEventKind, CaseId

# How long after the call its callback comes: (soonest, latest, typical wait beyond the
# soonest). Most cases are called back within a day or two, some later (the 72 h reply
# is not always kept, and the KPI shows it).
WINDOWS = {
    "case": (timedelta(hours=4), timedelta(days=7), timedelta(hours=30)),
    "sample": (timedelta(hours=2), timedelta(days=2), timedelta(hours=12)),
}
CASES_FIRST = 0.75  # a callback call is a case's callback three times in four
UNSATISFIED_SAMPLES = 0.12
DEPARTMENT_OF = {"repair": "REPAIR"}
COMPLAINT_DEPARTMENTS = (("维修", "REPAIR"), ("营业厅", "BUSINESS"))
DONE_NOTES = {
    "repair": ("已上门维修,恢复正常使用", "已更换燃气表电池,走字正常", "已调试灶具,点火正常"),
    "complaint": ("已向用户致歉,相关人员已批评教育", "已核实并整改,向用户说明情况"),
}
CALLBACK_NOTES = {
    ("repair", "satisfied"): "维修回访:用户满意",
    ("complaint", "satisfied"): "投诉回访:用户表示满意",
    ("inquiry", "satisfied"): "咨询回访:用户满意",
    ("inquiry", "unsatisfied"): "咨询回访:用户不满意,已记录意见",
}

CASE_COLUMNS = (
    "id",
    "case_no",
    "kind",
    "status",
    "owner_job_no",
    "department",
    "customer_id",
    "call_id",
    "caller_number",
    "summary",
    "details",
    "satisfaction",
    "opened_at",
    "closed_at",
    "updated_at",
    "updated_by_job_no",
    "version",
    "job_no",
    "session_id",
)
EVENT_COLUMNS = ("case_id", "seq", "kind", "at", "data", "job_no", "session_id")
CLOCK_COLUMNS = (
    "case_id",
    "name",
    "started_at",
    "due_at",
    "warn_at",
    "paused_seconds",
    "stopped_at",
    "job_no",
    "session_id",
)
CALLBACK_COLUMNS = (
    "id",
    "case_id",
    "customer_id",
    "phone",
    "reason",
    "due_at",
    "created_at",
    "claimed_by_job_no",
    "claimed_at",
    "attempts",
    "result",
    "done_at",
    "job_no",
    "session_id",
)


@dataclass
class FollowUps:
    """The rows a chunk of history calls brings with it, per table, in insert order."""

    cases: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    clocks: list[tuple[Any, ...]] = field(default_factory=list)
    callbacks: list[tuple[Any, ...]] = field(default_factory=list)

    def tables(self) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        return [
            ("cases", CASE_COLUMNS, self.cases),
            ("case_events", EVENT_COLUMNS, self.events),
            ("case_clocks", CLOCK_COLUMNS, self.clocks),
            ("callbacks", CALLBACK_COLUMNS, self.callbacks),
        ]


class Calls:
    """Reads and rewrites history call rows (tuples in ``columns`` order)."""

    def __init__(self, columns: Sequence[str]) -> None:
        self.i = {name: n for n, name in enumerate(columns)}

    def __call__(self, row: Sequence[Any], name: str) -> Any:
        return row[self.i[name]]

    def with_values(self, row: tuple[Any, ...], **values: Any) -> tuple[Any, ...]:
        out = list(row)
        for name, value in values.items():
            out[self.i[name]] = value
        return tuple(out)


def follow_ups(
    chunk: list[tuple[Any, ...]],
    columns: Sequence[str],
    sessions: dict[str, int],
    next_case_no: Any,
    seed: int,
    zone: ZoneInfo,
) -> FollowUps:
    """Pair the chunk's callback calls with what they call back (see the module's
    notes), rewriting each callback call in ``chunk`` to the customer called and the
    result; return the cases, timelines, clocks and callbacks that go with them.
    ``next_case_no(year)`` gives the next case serial of a year."""
    call = Calls(columns)
    r = random.Random(seed)
    order = sorted(range(len(chunk)), key=lambda n: call(chunk[n], "started_at"))
    # Calls waiting to be called back, by the moment they ended: (ended_at, index).
    waiting: dict[str, list[tuple[datetime, int]]] = {"case": [], "sample": []}
    pairs: list[tuple[int, int, str]] = []  # (callback call, earlier call, case | sample)
    for n in order:
        row = chunk[n]
        intent, known = call(row, "intent"), call(row, "customer_id") is not None
        if call(row, "direction") == "inbound" and known and call(row, "channel") == "phone":
            if intent in ("complaint", "repair"):
                bisect.insort(waiting["case"], (call(row, "ended_at"), n))
            elif intent == "inquiry":
                bisect.insort(waiting["sample"], (call(row, "ended_at"), n))
        if intent != "callback":
            continue
        at = call(row, "started_at")
        kinds = ["case", "sample"] if r.random() < CASES_FIRST else ["sample", "case"]
        for what in kinds:
            earlier = _earlier(waiting[what], at, WINDOWS[what], r)
            if earlier is not None:
                pairs.append((n, earlier, what))
                break
    paired = {n for n, _m, _what in pairs}
    out = FollowUps()
    calendar = content.shipped().calendar()
    cases = [(n, m) for n, m, what in pairs if what == "case"]
    cases.sort(key=lambda p: call(chunk[p[1]], "ended_at"))  # numbered in opening order
    for n, m in cases:
        chunk[n] = _case(out, call, chunk[n], chunk[m], sessions, next_case_no, r, zone, calendar)
    for n, m, what in pairs:
        if what == "sample":
            chunk[n] = _sample(out, call, chunk[n], chunk[m], sessions, r)
    for n in order:  # what they call back lies before the history: a sample of its own
        if call(chunk[n], "intent") == "callback" and n not in paired:
            chunk[n] = _sample(out, call, chunk[n], None, sessions, r)
    return out


def _earlier(
    waiting: list[tuple[datetime, int]],
    at: datetime,
    window: tuple[timedelta, timedelta, timedelta],
    r: random.Random,
) -> int | None:
    """Take the waiting call that ended nearest a typical wait before ``at``, within
    the window; None when none waits."""
    soonest, latest, typical = window
    while waiting and waiting[0][0] < at - latest:
        waiting.pop(0)  # too long ago to be called back now
    ready = bisect.bisect_right(waiting, (at - soonest, sys.maxsize))
    if not ready:
        return None
    wanted = at - soonest - typical * r.expovariate(1.0)
    k = min(bisect.bisect_left(waiting, (wanted, -1), 0, ready), ready - 1)
    return waiting.pop(k)[1]


def _called_back(
    call: Calls, callback: tuple[Any, ...], about: tuple[Any, ...], note: str
) -> tuple[Any, ...]:
    """The callback call, made to the customer of the call it follows up."""
    return call.with_values(
        callback,
        customer_id=call(about, "customer_id"),
        caller_number=call(about, "caller_number"),
        surname=call(about, "surname"),
        title=call(about, "title"),
        verification="verified",
        notes=note,
    )


def _case(
    out: FollowUps,
    call: Calls,
    callback: tuple[Any, ...],
    opening: tuple[Any, ...],
    sessions: dict[str, int],
    next_case_no: Any,
    r: random.Random,
    zone: ZoneInfo,
    calendar: Any,
) -> tuple[Any, ...]:
    kind = call(opening, "intent")
    owner, caller = call(opening, "job_no"), call(callback, "job_no")
    opened = call(opening, "ended_at")
    called_back = call(callback, "ended_at")
    gap = call(callback, "started_at") - opened
    summary = call(opening, "notes")
    department = DEPARTMENT_OF.get(kind) or next(
        (code for word, code in COMPLAINT_DEPARTMENTS if word in summary), "SERVICE"
    )
    case_id = CaseId(str(uuid.UUID(int=r.getrandbits(128), version=4)))
    year = opened.astimezone(zone).year
    case_no = f"{CASE_NO_PREFIX}{year}-{next_case_no(year):05d}"
    dispatched = opened + timedelta(minutes=r.randint(2, 10))
    acknowledged = dispatched + timedelta(minutes=r.randint(10, 50))
    done = acknowledged + (call(callback, "started_at") - acknowledged) * r.uniform(0.3, 0.8)
    timeline: list[tuple[datetime, str, dict[str, Any], str]] = [
        (opened, "opened", {"call_id": call(opening, "id"), "kind": kind}, owner),
        (dispatched, "dispatched", {"department": department, "note": ""}, owner),
        (acknowledged, "acknowledged", {"department": department, "note": "已接单"}, owner),
    ]
    if kind == "complaint" and gap > timedelta(hours=24):  # 24 h: tell the caller (R3.5)
        notice = min(opened + timedelta(hours=r.uniform(6, 20)), done - timedelta(minutes=1))
        timeline.append((notice, "notice", {"note": "已告知用户处理进度"}, owner))
    timeline += [
        (done, "done", {"department": department, "note": r.choice(DONE_NOTES[kind])}, owner),
        (called_back, "callback", {"note": "", "satisfied": True}, caller),
        (called_back, "closed", {}, caller),
    ]
    if kind == "complaint":
        timeline.append((called_back, "archived", {"register": "complaint"}, caller))
    timeline.sort(key=lambda e: e[0])
    out.cases.append(
        (
            case_id,
            case_no,
            kind,
            "closed",
            owner,
            department,
            call(opening, "customer_id"),
            call(opening, "id"),
            call(opening, "caller_number"),
            summary,
            "{}",
            "satisfied",
            opened,
            called_back,
            called_back,
            caller,
            len(timeline),
            owner,
            sessions[owner],
        )
    )
    met: dict[str, datetime] = {}
    for seq, (at, entry, data, who) in enumerate(timeline):
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        out.events.append((case_id, seq, entry, at, text, who, sessions[who]))
        for clock in CLOCKS_MET_BY.get(CaseEventKind(entry), ()):
            met.setdefault(clock, at)
    for plan in sla.clocks_for(kind, opened, calendar):
        stopped = met.get(plan.name, called_back)
        row = (case_id, plan.name, opened, plan.due_at, plan.warn_at, 0, stopped)
        out.clocks.append((*row, owner, sessions[owner]))
    out.callbacks.append(
        (
            case_callback_id(case_id, 1),
            case_id,
            call(opening, "customer_id"),
            call(opening, "caller_number"),
            "case",
            done,
            done,
            caller,
            call(callback, "started_at"),
            1,
            "satisfied",
            called_back,
            caller,
            sessions[caller],
        )
    )
    return _called_back(call, callback, opening, CALLBACK_NOTES[(kind, "satisfied")])


def _sample(
    out: FollowUps,
    call: Calls,
    callback: tuple[Any, ...],
    inquiry: tuple[Any, ...] | None,
    sessions: dict[str, int],
    r: random.Random,
) -> tuple[Any, ...]:
    """The sampling callback of ``inquiry`` (None: an inquiry before the history, of the
    customer the callback call reached)."""
    result = "unsatisfied" if r.random() < UNSATISFIED_SAMPLES else "satisfied"
    caller = call(callback, "job_no")
    about = inquiry if inquiry is not None else callback
    due = call(inquiry, "ended_at") if inquiry is not None else call(callback, "started_at")
    out.callbacks.append(
        (
            sample_callback_id(call(about, "id")),
            None,
            call(about, "customer_id"),
            call(about, "caller_number"),
            "inquiry_sample",
            due,
            due,
            caller,
            call(callback, "started_at"),
            1,
            result,
            call(callback, "ended_at"),
            caller,
            sessions[caller],
        )
    )
    return _called_back(call, callback, about, CALLBACK_NOTES[("inquiry", result)])
