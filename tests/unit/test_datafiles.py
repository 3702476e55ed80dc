"""Validated data files (R2.11): file, line and field in every error; last good version."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

import resources
from console.datafiles import ResourceError, Validated, load_validated
from console.messages import describe


class Phrase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    text: str
    priority: int = 0


class Phrases(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    phrases: list[Phrase]


GOOD = """\
# greetings
version: 1
phrases:
  - id: hello
    text: 您好,泰安安泰燃气
  - id: bye
    text: 感谢您的来电,再见
    priority: 2
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    # Same size and the same second would look unchanged to reload_if_changed().
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    return path


def test_a_good_file_loads(tmp_path: Path) -> None:
    data = load_validated(write(tmp_path / "p.yaml", GOOD), Phrases)
    assert [p.id for p in data.phrases] == ["hello", "bye"]
    assert data.phrases[1].priority == 2


def test_malformed_yaml_names_file_line_and_field(tmp_path: Path) -> None:
    broken = GOOD.replace("    text: 感谢您的来电,再见", '    text: "感谢您的来电,再见')
    with pytest.raises(ResourceError) as info:
        load_validated(write(tmp_path / "p.yaml", broken), Phrases)
    e = info.value
    assert e.file.endswith("p.yaml")
    assert e.line == 7  # the unclosed quote starts there
    assert e.field == "text"
    assert e.problem.message_id == "resource.problem.yaml"


def test_a_missing_field_names_the_item(tmp_path: Path) -> None:
    broken = GOOD.replace("    text: 感谢您的来电,再见\n", "")
    with pytest.raises(ResourceError) as info:
        load_validated(write(tmp_path / "p.yaml", broken), Phrases)
    e = info.value
    assert (e.line, e.field) == (6, "phrases[1].text")  # the item "- id: bye" is on line 6
    assert e.problem.message_id == "resource.problem.missing"


def test_a_wrong_type_names_the_key_line(tmp_path: Path) -> None:
    broken = GOOD.replace("priority: 2", "priority: high")
    with pytest.raises(ResourceError) as info:
        load_validated(write(tmp_path / "p.yaml", broken), Phrases)
    e = info.value
    assert (e.line, e.field) == (8, "phrases[1].priority")
    assert e.problem.message_id == "resource.problem.type"
    assert e.problem.params == {"expected": "integer"}


def test_an_unknown_field_is_refused(tmp_path: Path) -> None:
    broken = GOOD.replace("priority: 2", "priorty: 2")
    with pytest.raises(ResourceError) as info:
        load_validated(write(tmp_path / "p.yaml", broken), Phrases)
    assert (info.value.line, info.value.field) == (8, "phrases[1].priorty")


def test_a_duplicate_key_is_a_yaml_error(tmp_path: Path) -> None:
    broken = GOOD.replace("    priority: 2", "    priority: 2\n    text: again")
    with pytest.raises(ResourceError) as info:
        load_validated(write(tmp_path / "p.yaml", broken), Phrases)
    assert info.value.line == 9
    assert info.value.field == "text"


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(ResourceError) as info:
        load_validated(tmp_path / "nowhere.yaml", Phrases)
    assert info.value.problem.message_id == "resource.problem.missing_file"
    with pytest.raises(ResourceError) as info:
        load_validated(write(tmp_path / "empty.yaml", "# nothing yet\n"), Phrases)
    assert info.value.problem.message_id == "resource.problem.empty_file"


def test_the_message_names_file_line_and_field_in_both_languages(tmp_path: Path) -> None:
    broken = GOOD.replace("priority: 2", "priority: high")
    with pytest.raises(ResourceError) as info:
        load_validated(write(tmp_path / "p.yaml", broken), Phrases)
    zh = describe(info.value, "zh_CN")
    assert "p.yaml" in zh and "第 8 行" in zh and "phrases[1].priority" in zh
    assert "类型不对,应为 integer" in zh and "上一个有效版本" in zh
    en = describe(info.value, "en")
    assert "line 8" in en and "phrases[1].priority" in en and "expected integer" in en


def test_the_last_good_version_stays_in_force(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", GOOD)
    held = Validated(path, Phrases)
    assert held.error is None and held.value is not None
    good = held.value

    write(path, GOOD.replace("priority: 2", "priority: high"))
    error = held.reload_if_changed()
    assert error is not None and error.line == 8
    assert held.value is good  # still in force
    assert held.error is error

    write(path, GOOD.replace("再见", "祝您生活愉快"))
    assert held.reload_if_changed() is None
    assert held.error is None
    assert held.value.phrases[1].text == "感谢您的来电,祝您生活愉快"


def test_unchanged_files_are_not_read_again(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", GOOD)
    held = Validated(path, Phrases)
    first = held.value
    assert held.reload_if_changed() is None
    assert held.value is first


def test_a_file_broken_while_closed_starts_with_the_kept_copy(tmp_path: Path) -> None:
    keep = tmp_path / "kept"
    path = write(tmp_path / "p.yaml", GOOD)
    Validated(path, Phrases, keep_dir=keep)  # a run that loaded it fine

    write(path, "version: 1\nphrases: [\n")
    held = Validated(path, Phrases, keep_dir=keep)  # the next start
    assert held.error is not None and held.error.line is not None
    assert held.value is not None
    assert [p.id for p in held.value.phrases] == ["hello", "bye"]


def test_with_nothing_good_ever_the_value_is_none(tmp_path: Path) -> None:
    held = Validated(write(tmp_path / "p.yaml", "version: one\nphrases: []\n"), Phrases)
    assert held.value is None
    assert held.error is not None
    assert (held.error.line, held.error.field) == (1, "version")


def test_both_catalogs_have_every_data_file_message() -> None:
    ids = {
        k
        for lang in ("zh_CN", "en")
        for k in json.loads(resources.path("messages", f"{lang}.json").read_text("utf-8"))
        if k.startswith("resource.")
    }
    for lang in ("zh_CN", "en"):
        cat = json.loads(resources.path("messages", f"{lang}.json").read_text("utf-8"))
        assert ids <= cat.keys(), lang
    assert {"resource.invalid", "resource.problem.missing", "resource.problem.yaml"} <= ids
