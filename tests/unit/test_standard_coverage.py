"""Coverage of the standard is a checked artefact (SPEC R10.4): the table in
docs/standard-coverage.md names, per clause, the test that checks it and the wording the
product says verbatim. This reads the table: every named test exists, every verbatim
phrase is found character for character in resources/, and each clause is listed once."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from console.content import dialogue, special_scripts
from console.content.greeting import greeting
from console.content.holiday_calendar import HolidayCalendar
from console.core.vocabulary import CallChannel, CallDirection

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "docs" / "standard-coverage.md"
RESOURCES = ROOT / "resources"
PHRASE = re.compile(r"「(.+?)」")
TEST = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def _rows() -> list[list[str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith("| clause |"):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        assert len(cells) == 6, line
        rows.append(cells)
    return rows


ROWS = _rows()


def _corpus() -> str:
    """The data files as shipped, and the scripts' templates filled in with the company's
    data and a caller not named yet (先生/女士)."""
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted(RESOURCES.rglob("*"))
        if p.suffix in (".yaml", ".json")
    ]
    script = dialogue.shipped()
    hello = greeting(datetime(2026, 11, 23, 2, tzinfo=UTC), HolidayCalendar())
    for direction in CallDirection:
        for channel in CallChannel:
            ctx = dialogue.context("1001", hello, direction=direction, channel=channel)
            texts += [script.render(line, ctx).text for line in script.definitions]
    texts += [special_scripts.render(p.text) for p in special_scripts.shipped().phrases]
    return "\n".join(texts)


def test_the_table_lists_each_clause_once_and_at_least_the_105_audited() -> None:
    ids = [row[0] for row in ROWS]
    assert len(ids) >= 105
    assert len(set(ids)) == len(ids), [i for i in ids if ids.count(i) > 1]
    assert {row[3] for row in ROWS} <= {"done", "partial"}
    assert all(row[0].split()[0] in ("GS", "TN", "WD", "PR", "GN") for row in ROWS)
    done = sum(1 for row in ROWS if row[3] == "done")
    summary = f"Summary: {len(ROWS)} clauses, {done} done, {len(ROWS) - done} partial"
    assert summary in TABLE.read_text(encoding="utf-8")


def test_every_done_clause_names_a_test() -> None:
    assert [row[0] for row in ROWS if row[3] == "done" and not TEST.search(row[5])] == []


@pytest.mark.parametrize(
    ("path", "name"),
    sorted({m.groups() for row in ROWS for m in TEST.finditer(row[5])}),
)
def test_every_named_test_exists(path: str, name: str) -> None:
    source = ROOT / path
    assert source.is_file(), path
    assert re.search(rf"^def {name}\(", source.read_text(encoding="utf-8"), re.M), (path, name)


CORPUS = _corpus()


@pytest.mark.parametrize(
    ("clause", "phrase"),
    [(row[0], p) for row in ROWS for p in PHRASE.findall(row[2])],
)
def test_every_verbatim_phrase_is_in_the_resources(clause: str, phrase: str) -> None:
    assert phrase in CORPUS, f"{clause}: 「{phrase}」 is not in resources/"
