"""Validated data files (R2.11): scripts, phrases, taboo lists and SLA policies.

A data file is YAML, read with ruamel.yaml's round-trip loader because it remembers the
line of every key and list item; a pydantic model is its schema. Whatever is wrong — a
YAML syntax error, a missing field, a wrong type, a value the schema refuses — becomes
one :class:`ResourceError` naming the file, the line and the field, shown to the user
through the message catalog (``resource.invalid``).

A broken file never takes the console down: console/content/content.py keeps the last good
version of every kind of content in force and reports the error instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

import resources
from console.core.errors import UserFacingError
from console.core.messages import render

M = TypeVar("M", bound=BaseModel)


class ResourceProblem(UserFacingError):
    """What is wrong at the place a :class:`ResourceError` names, as a catalog entry
    (``resource.problem.*``), so that it reads in the user's language too."""


class ResourceError(UserFacingError):
    """A data file that cannot be used: ``file`` (relative to ``resources/`` when it is
    one of ours), ``line`` (1-based, ``None`` when the file could not be read at all),
    ``field`` (a dotted path such as ``entries[3].suggestion``, ``None`` if unknown)
    and ``problem``."""

    def __init__(
        self, file: str, line: int | None, field: str | None, problem: ResourceProblem
    ) -> None:
        super().__init__("resource.invalid", file=file, line=line, field=field, problem=problem)
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem

    def __str__(self) -> str:
        """In words, for logs and the command line: the file, the line, the field and the
        problem (not the message id and its parameters)."""
        return render(self.message_id, self.params, "en")


def display_name(path: Path) -> str:
    """How a file is named in messages: relative to ``resources/`` when it is ours."""
    try:
        return path.resolve().relative_to(resources.ROOT).as_posix()
    except ValueError:
        return str(path)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")  # round trip: keeps line numbers (``.lc``) of keys and items
    yaml.allow_duplicate_keys = False
    return yaml


def _field_path(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _line_of(data: Any, loc: Sequence[str | int]) -> int:
    """The 1-based line that ``loc`` points at in the round-trip ``data``: the key's
    line, the list item's line, or — for a field that is missing — the line where its
    enclosing mapping starts."""
    node = data
    line = 1
    for part in loc:
        if isinstance(node, CommentedMap):
            if part in node:
                line = node.lc.key(part)[0] + 1
                node = node[part]
                continue
            line = node.lc.line + 1
            break
        if isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
            continue
        break  # a part pydantic adds (a union branch, a type tag): stay on this line
    return line


def _resolves(data: Any, loc: Sequence[str | int]) -> bool:
    node = data
    for part in loc:
        in_map = isinstance(node, CommentedMap) and part in node
        in_seq = isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_map or in_seq):
            return False
        node = node[part]
    return True


_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "integer",
    "int_parsing": "integer",
    "float_type": "number",
    "float_parsing": "number",
    "bool_type": "true/false",
    "bool_parsing": "true/false",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
}


def _problem(error: dict[str, Any]) -> ResourceProblem:
    kind = error["type"]
    if kind == "missing":
        return ResourceProblem("resource.problem.missing")
    if kind == "extra_forbidden":
        return ResourceProblem("resource.problem.unknown_field")
    if kind in _TYPE_NAMES:
        return ResourceProblem("resource.problem.type", expected=_TYPE_NAMES[kind])
    if kind in ("literal_error", "enum"):
        expected = (error.get("ctx") or {}).get("expected", "")
        return ResourceProblem("resource.problem.choice", expected=expected)
    if kind in ("string_too_short", "too_short"):
        return ResourceProblem("resource.problem.empty")
    msg = str(error.get("msg", kind)).removeprefix("Value error, ")
    return ResourceProblem("resource.problem.other", detail=msg)


_KEY_ON_LINE = re.compile(r"^\s*(?:-\s+)?([^\s:#\-\"'][^:#]*?)\s*:(?:\s|$)")


def _yaml_error(name: str, text: str, error: YAMLError) -> ResourceError:
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    lines = text.splitlines()
    mark = problem_mark or context_mark
    if (
        problem_mark is not None
        and context_mark is not None
        and problem_mark.index >= len(text.rstrip())
    ):
        # Ran off the end of the file (an unclosed quote or bracket): where the unclosed
        # thing starts is what the author needs to see.
        mark = context_mark
    line = mark.line + 1 if mark is not None else None
    field = None
    if line is not None:
        # The key being written where the parser gave up, if the line has one.
        for candidate in (line, line - 1):
            if 1 <= candidate <= len(lines) and (m := _KEY_ON_LINE.match(lines[candidate - 1])):
                field = m.group(1)
                break
    detail = getattr(error, "problem", None) or str(error).splitlines()[0]
    return ResourceError(name, line, field, _yaml_problem(detail))


# The parser's complaints (ruamel's English), as sentences in the reader's language; any
# other is shown with the parser's own words (``resource.problem.yaml``).
_YAML_PROBLEMS = (
    (re.compile(r"^mapping values are not allowed"), "resource.problem.yaml.colon"),
    (re.compile(r"^could not find expected ':'"), "resource.problem.yaml.no_colon"),
    (re.compile(r"^found unexpected end of stream"), "resource.problem.yaml.unclosed"),
    (re.compile(r"^found character '\\t'"), "resource.problem.yaml.tab"),
    (re.compile(r"^found character"), "resource.problem.yaml.character"),
    (re.compile(r"^expected <block end>"), "resource.problem.yaml.indent"),
    (re.compile(r"^did not find expected"), "resource.problem.yaml.indent"),
    (re.compile(r"^found duplicate key \"(?P<key>[^\"]*)\""), "resource.problem.yaml.duplicate"),
    (re.compile(r"^expected ',' or '[]}]'"), "resource.problem.yaml.bracket"),
    (re.compile(r"^found unknown escape character"), "resource.problem.yaml.escape"),
    (re.compile(r"^found undefined alias"), "resource.problem.yaml.alias"),
)


def _yaml_problem(detail: str) -> ResourceProblem:
    for pattern, message_id in _YAML_PROBLEMS:
        if m := pattern.match(detail):
            return ResourceProblem(message_id, detail=detail, **m.groupdict())
    return ResourceProblem("resource.problem.yaml", detail=detail)


def parse_validated(
    text: str, schema: type[M], name: str, context: dict[str, Any] | None = None
) -> M:
    """Parse YAML ``text`` (named ``name`` in errors) and validate it against ``schema``
    (``context``: what validators may consult, e.g. other content in force)."""
    try:
        data = _yaml().load(text)
    except MarkedYAMLError as e:
        raise _yaml_error(name, text, e) from e
    except YAMLError as e:
        raise _yaml_error(name, text, e) from e
    if data is None:
        raise ResourceError(name, 1, None, ResourceProblem("resource.problem.empty_file"))
    try:
        return schema.model_validate(data, context=context)
    except ValidationError as e:
        errors = e.errors()
        # One error is shown: prefer one at a key that is really there (a misspelt key
        # is also reported as the right one missing; the misspelling's line is better).
        first = next((x for x in errors if _resolves(data, x["loc"])), errors[0])
        loc = first["loc"]
        raise ResourceError(
            name, _line_of(data, loc), _field_path(loc) or None, _problem(dict(first))
        ) from e


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        problem = ResourceProblem("resource.problem.missing_file")
        raise ResourceError(display_name(path), None, None, problem) from e
    except (OSError, UnicodeDecodeError) as e:
        problem = ResourceProblem("resource.problem.unreadable", detail=str(e))
        raise ResourceError(display_name(path), None, None, problem) from e


def load_validated(path: Path, schema: type[M]) -> M:
    """Read the data file at ``path`` and validate it, or raise :class:`ResourceError`."""
    return parse_validated(_read(path), schema, display_name(path))
