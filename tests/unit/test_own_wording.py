"""The product's own words pass its own checks: every script line,
quick script, knowledge answer and taboo suggestion the agent may say is free of taboo
phrases and jargon (GS 4.5, GS 4.4.7.2 尽量不使用专业术语, TN 三.1(4)). Only the jargon
list's explanations name the terms they explain."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from console.content import dialogue, special_scripts
from console.content.greeting import greeting
from console.content.holiday_calendar import HolidayCalendar
from console.content.knowledge import Knowledge, shipped_path
from console.content.taboo import TabooList, check, list_path
from console.core.datafiles import load_validated
from console.core.vocabulary import CallChannel, CallDirection

CAL = HolidayCalendar()


def _script_texts() -> list[tuple[str, str]]:
    script = dialogue.shipped()
    out = []
    for direction in CallDirection:
        for channel in CallChannel:
            ctx = dialogue.context(
                "1001",
                greeting(datetime(2026, 11, 23, 2, tzinfo=UTC), CAL),
                surname="王",
                title="先生",
                address="泰山花园12号楼3单元301室",
                phone="13912341234",
                direction=direction,
                channel=channel,
                reason="燃气管道抢修",
                outage_from="即日",
                restore_at="18:00",
                done=frozenset({"dispatched"}),
            )
            out += [
                (line.id, script.render(line, ctx).text)
                for line in script.definitions
                if line.direction in ("any", direction) and line.channel in ("any", channel)
            ]
    return out


def _texts() -> list[tuple[str, str]]:
    specials = special_scripts.shipped()
    knowledge = load_validated(shipped_path(), Knowledge)
    taboo = load_validated(list_path("taboo"), TabooList)
    return [
        *_script_texts(),
        *((p.id, special_scripts.render(p.text, "王", "先生", "1001")) for p in specials.phrases),
        *((f"kb.{a.slug}", f"{a.title} {a.body}") for a in knowledge.articles),
        *((f"taboo.{e.id}", e.suggestion) for e in taboo.entries),
    ]


@pytest.mark.parametrize(("where", "text"), _texts())
def test_what_the_agent_says_passes_the_consoles_own_checks(where: str, text: str) -> None:
    hits = [(h.kind, h.matched) for h in check(text)]
    assert hits == [], f"{where}: {text}"
