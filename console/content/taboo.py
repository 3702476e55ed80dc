"""The taboo-phrase and jargon checker (R2.10; GS 4.5, 4.2, 4.4.7.2; TN 三).

Everything the agent types is checked against two data files an administrator edits,
``resources/phrases/<lang>/taboo.yaml`` (禁忌用语, each with the courteous alternative
of GS 4.2) and ``jargon.yaml`` (专业术语, each with an explanation in plain words). The
files document their own conventions; in short:

* text is compared after a 1:1 normalisation — full-width to half-width, case folded,
  您→你, 著→着 — and with spaces ignored, so offsets still point into the text as typed;
* in a pattern, a punctuation mark matches any run of punctuation (or none) and ``…``
  matches up to six other characters;
* ``not_preceded_by`` / ``not_followed_by`` veto a hit from its neighbours: Chinese has no
  spaces between words, and 不管 in 不管道 or 不管是…都… is not the taboo 不管.

One compiled regular expression covers both lists, so a check of a 500-character note
takes a fraction of a millisecond (``benchmarks/taboo_check.py``): fine on every keystroke.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

import resources
from console.core.datafiles import load_validated

Kind = Literal["taboo", "jargon"]

GAP = 6  # how many characters ``…`` in a pattern may stand for
_PUNCT = ",.!?;:、。…—~'\"“”‘’()《》<>「」·-"
_SPACES = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII → ASCII
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "
    for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        table[ord(c)] = c.lower()
    for code in range(0xFF21, 0xFF3B):
        table[code] = chr(code - 0xFEE0).lower()
    table.update({ord("您"): "你", ord("妳"): "你", ord("著"): "着", ord("麼"): "么"})
    table.update({ord("「"): "“", ord("」"): "”", ord("︰"): ":", ord("﹐"): ","})
    return table


_TABLE = _table()
_MAPPED = re.compile("[" + re.escape("".join(map(chr, sorted(_TABLE)))) + "]")


def normalise(text: str) -> str:
    """The 1:1 character mapping applied before comparing (length is preserved)."""
    # str.translate looks every character up in the table; finding the few that change
    # first is several times faster on Chinese text.
    return _MAPPED.sub(lambda m: _TABLE[ord(m.group())], text)


def _squeeze(text: str) -> tuple[str, list[int] | None]:
    """``text`` normalised and without spaces, and where each character came from
    (``None`` when nothing was removed, the common case for Chinese text)."""
    norm = normalise(text)
    if not _SPACES.search(norm):
        return norm, None
    kept: list[int] = []
    out: list[str] = []
    pos = 0
    for m in _SPACES.finditer(norm):
        out.append(norm[pos : m.start()])
        kept.extend(range(pos, m.start()))
        pos = m.end()
    out.append(norm[pos:])
    kept.extend(range(pos, len(norm)))
    return "".join(out), kept


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    phrase: str = Field(min_length=1)
    patterns: list[str] = Field(default_factory=list)
    clause: str = Field(min_length=1)
    not_preceded_by: list[str] = Field(default_factory=list)
    not_followed_by: list[str] = Field(default_factory=list)
    examples: list[str] = Field(min_length=1)

    @field_validator("examples")
    @classmethod
    def _examples_mark_the_hit(cls, examples: list[str]) -> list[str]:
        for example in examples:
            if example.count("[") != 1 or example.count("]") != 1:
                raise ValueError(f"mark the expected hit with one [ ] pair: {example!r}")
        return examples

    @property
    def all_patterns(self) -> list[str]:
        return self.patterns or [self.phrase]


class TabooEntry(_Entry):
    """A 禁忌用语 and what to say instead (GS 4.2)."""

    suggestion: str = Field(min_length=1)


class JargonEntry(_Entry):
    """A technical term and how to say it in plain words (GS 4.4.7.2)."""

    explanation: str = Field(min_length=1)


def _unique_ids(entries: list[_Entry]) -> None:
    seen: set[str] = set()
    for e in entries:
        if e.id in seen:
            raise ValueError(f"id {e.id!r} is used twice")
        seen.add(e.id)


class TabooList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    entries: list[TabooEntry] = Field(min_length=1)

    @field_validator("entries")
    @classmethod
    def _ids(cls, entries: list[TabooEntry]) -> list[TabooEntry]:
        _unique_ids(list(entries))
        return entries


class JargonList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    entries: list[JargonEntry] = Field(min_length=1)

    @field_validator("entries")
    @classmethod
    def _ids(cls, entries: list[JargonEntry]) -> list[JargonEntry]:
        _unique_ids(list(entries))
        return entries


@dataclass(frozen=True, slots=True)
class Hit:
    """One flagged span: ``text[start:end]`` is what the agent typed."""

    start: int
    end: int
    kind: Kind
    entry_id: str
    phrase: str  # the list's canonical wording
    matched: str  # the text as typed
    clause: str  # where the rule comes from, e.g. "GS 4.5.1"
    suggestion: str  # the courteous alternative (taboo) or the plain-words explanation


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: Kind
    entry_id: str
    phrase: str
    clause: str
    suggestion: str
    not_preceded_by: tuple[str, ...]
    not_followed_by: tuple[str, ...]


def _pattern_regex(pattern: str) -> str:
    out: list[str] = []
    punct_class = "[" + re.escape(_PUNCT) + "]"
    for c in _SPACES.sub("", normalise(pattern)):
        if c == "…":
            out.append(f"[^{re.escape(_PUNCT)}]{{0,{GAP}}}?")
        elif c in _PUNCT:
            if not out or not out[-1].endswith("*"):
                out.append(punct_class + "*")
        else:
            out.append(re.escape(c))
    while out and out[-1].endswith("*"):  # trailing punctuation is not part of a hit
        out.pop()
    while out and out[0].endswith("*"):
        out.pop(0)
    return "".join(out)


class Checker:
    """Checks text against taboo and jargon entries; immutable once built.

    Patterns are grouped by their first character: one character-class search finds
    the places where any pattern could start, and only the few patterns starting with
    that character are tried there (one big alternation was ~20x slower: Python's
    regex engine tries every alternative at every position).
    """

    def __init__(
        self, taboo: Iterable[TabooEntry] = (), jargon: Iterable[JargonEntry] = ()
    ) -> None:
        alternatives: list[tuple[int, str, _Rule]] = []
        for t in taboo:
            rule = _rule("taboo", t, t.suggestion)
            alternatives += [(_weight(p), _pattern_regex(p), rule) for p in t.all_patterns]
        for j in jargon:
            rule = _rule("jargon", j, j.explanation)
            alternatives += [(_weight(p), _pattern_regex(p), rule) for p in j.all_patterns]
        # Longest first, so that of two patterns starting at the same place the fuller
        # one wins.
        alternatives.sort(key=lambda a: -a[0])
        # Keyed by the first two characters when both are literal (almost always), else
        # by the first: most places where a pattern's first character occurs are then
        # ruled out by one dictionary look-up.
        self._by_pair: dict[str, list[tuple[re.Pattern[str], _Rule]]] = {}
        for _, regex, rule in alternatives:
            key = _literal_prefix(regex)
            if key:
                self._by_pair.setdefault(key, []).append((re.compile(regex), rule))
        # Where a pattern may start: a look-ahead over the first two characters, so the
        # search itself skips the places where no pattern can start.
        by_first: dict[str, set[str]] = {}
        for key in self._by_pair:
            by_first.setdefault(key[0], set()).add(key[1:])
        branches = []
        for first, seconds in sorted(by_first.items()):
            if "" in seconds:
                branches.append(re.escape(first))
            else:
                branches.append(re.escape(first) + "[" + re.escape("".join(sorted(seconds))) + "]")
        self._starts = re.compile("(?=" + "|".join(branches) + ")") if branches else None

    def check(self, text: str) -> list[Hit]:
        """Every taboo and jargon hit in ``text``, in order, non-overlapping."""
        if self._starts is None or not text:
            return []
        norm, where = _squeeze(text)
        hits: list[Hit] = []
        pos = 0
        while (start_match := self._starts.search(norm, pos)) is not None:
            s = start_match.start()
            found = self._match_at(norm, s)
            if found is None:
                pos = s + 1
                continue
            e, rule = found
            start, end = (s, e) if where is None else (where[s], where[e - 1] + 1)
            hits.append(
                Hit(
                    start=start,
                    end=end,
                    kind=rule.kind,
                    entry_id=rule.entry_id,
                    phrase=rule.phrase,
                    matched=text[start:end],
                    clause=rule.clause,
                    suggestion=rule.suggestion,
                )
            )
            pos = e
        return hits

    def _match_at(self, norm: str, s: int) -> tuple[int, _Rule] | None:
        candidates = self._by_pair.get(norm[s : s + 2], []) + self._by_pair.get(norm[s], [])
        for regex, rule in candidates:
            m = regex.match(norm, s)
            if m is not None and m.end() > s and not _vetoed(rule, norm, s, m.end()):
                return m.end(), rule
        return None


def _literal_prefix(regex: str) -> str:
    """The first two characters a pattern's regex must start with (one if the second is
    not a plain character)."""
    chars: list[str] = []
    i = 0
    while i < len(regex) and len(chars) < 2:
        c = regex[i]
        if c == "\\" and i + 1 < len(regex):
            chars.append(regex[i + 1])
            i += 2
        elif c in "[(.*?{|^$+":
            break
        else:
            chars.append(c)
            i += 1
    return "".join(chars)


def _weight(pattern: str) -> int:
    return len(_SPACES.sub("", pattern))


def _rule(kind: Kind, entry: _Entry, suggestion: str) -> _Rule:
    return _Rule(
        kind=kind,
        entry_id=entry.id,
        phrase=entry.phrase,
        clause=entry.clause,
        suggestion=suggestion,
        not_preceded_by=tuple(_SPACES.sub("", normalise(x)) for x in entry.not_preceded_by),
        not_followed_by=tuple(_SPACES.sub("", normalise(x)) for x in entry.not_followed_by),
    )


def _vetoed(rule: _Rule, norm: str, start: int, end: int) -> bool:
    return any(norm.startswith(x, end) for x in rule.not_followed_by) or any(
        norm.endswith(x, 0, start) for x in rule.not_preceded_by
    )


def example_text(example: str) -> tuple[str, int, int]:
    """An entry's example without its ``[ ]`` marks, and where the marked hit is."""
    start = example.index("[")
    end = example.index("]") - 1
    return example.replace("[", "").replace("]", ""), start, end


def list_path(name: str, language: str = "zh_CN") -> Path:
    return resources.path("phrases", language, f"{name}.yaml")


@cache
def default_checker(language: str = "zh_CN") -> Checker:
    """A checker over the shipped lists (raises ``ResourceError`` if one is broken)."""
    taboo = load_validated(list_path("taboo", language), TabooList)
    jargon = load_validated(list_path("jargon", language), JargonList)
    return Checker(taboo.entries, jargon.entries)


def check(text: str, language: str = "zh_CN") -> list[Hit]:
    """Taboo and jargon hits in ``text`` against the shipped lists."""
    return default_checker(language).check(text)
