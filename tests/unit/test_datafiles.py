"""Validated data files (R2.11): file, line and field in every error; last good version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

import resources
from console.core.datafiles import ResourceError, load_validated
from console.core.messages import describe


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
    assert e.problem.message_id == "resource.problem.yaml.unclosed"


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
    assert "类型不对,应为 integer" in zh
    # Whether a good version stays in use is for the one who knows to say (the library).
    assert "上一个有效版本" not in zh
    en = describe(info.value, "en")
    assert "line 8" in en and "phrases[1].priority" in en and "expected integer" in en


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
