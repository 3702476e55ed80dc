"""settings.json is checked key by key: a bad value falls back to its default and says
so, an unknown key is named with the closest known one, a file that is not JSON is named
with its line — in both languages — and README.md's table is what the declarations say."""

from __future__ import annotations

import json
import re
import runpy
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import resources
from console.core.messages import describe
from console.core.settings import Settings, declarations

ROOT = Path(__file__).resolve().parents[2]


def _write(data: object) -> Path:
    path = Settings.path()
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def _said(language: str = "en") -> list[str]:
    return [describe(w, language) for w in Settings.read().warnings]


def test_a_file_as_the_console_writes_it_is_read_back_without_a_word() -> None:
    written = Settings(seat="坐席07", language="en", idle_lock_minutes=30, softphone_start=False)
    written.save()
    loaded = Settings.read()
    assert loaded.settings == written
    assert loaded.warnings == ()


def test_a_file_saved_by_notepad_with_a_bom_is_read() -> None:
    Settings.path().write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"seat": "s", "language": "en"}).encode()
    )
    loaded = Settings.read()
    assert (loaded.settings.language, loaded.warnings) == ("en", ())


def test_agent_console_home_moves_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGENT_CONSOLE_HOME", str(tmp_path))
    assert Settings.path() == tmp_path / "config" / "settings.json"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("language", "fr", "one of zh_CN, en"),
        ("idle_lock_minutes", True, "a whole number from 1 to 120"),  # a bool is not an int
        ("idle_lock_minutes", 10.0, "a whole number from 1 to 120"),
        ("idle_lock_minutes", 0, "a whole number from 1 to 120"),
        ("heartbeat_seconds", 60, "a whole number from 1 to 7"),
        ("softphone_start", 1, "true or false"),  # an int is not a bool
        ("softphone_start", "yes", "true or false"),
        ("softphone_sip_port", 70000, "a whole number from 1 to 65535"),
        ("timezone", "Asia/Beijing", "a time zone name"),
        ("seat", "", "text of 1 to 64 characters"),
        ("seat", "x" * 65, "text of 1 to 64 characters"),
        ("db_url", "mysql://db/console", "a sqlite:/// or postgresql:// URL"),
        ("db_url", None, "a sqlite:/// or postgresql:// URL"),
    ],
)
def test_a_bad_value_falls_back_to_its_default_alone_and_says_so(
    key: str, value: Any, expected: str
) -> None:
    path = _write({key: value, "seat": "坐席01", "language": "en"} | {key: value})
    loaded = Settings.read()
    settings, default = loaded.settings, Settings(seat=socket.gethostname())
    assert getattr(settings, key) == getattr(default, key)
    if key != "seat":
        assert settings.seat == "坐席01"  # the rest of the file still counts
    if key != "language":
        assert settings.language == "en"
    (warning,) = [w for w in loaded.warnings if w.key == key]
    text = describe(warning, "en")
    assert str(path) in text and f'"{key}"' in text
    assert expected in text
    assert f"the default {json.dumps(getattr(default, key), ensure_ascii=False)} is used" in text
    assert "默认值" in describe(warning, "zh_CN")


def test_a_password_written_into_the_url_is_refused_and_never_repeated() -> None:
    _write({"seat": "s", "db_url": "postgresql://seat01:s3cret@dbhost/console"})
    loaded = Settings.read()
    assert loaded.settings.db_url == ""
    for language in ("en", "zh_CN"):
        (text,) = [describe(w, language) for w in loaded.warnings]
        assert "s3cret" not in text and "seat01:***@dbhost" in text


def test_good_database_urls_are_taken() -> None:
    for url in ("", "sqlite:////srv/console.db", "postgresql://seat01@dbhost:5432/console"):
        _write({"seat": "s", "db_url": url})
        loaded = Settings.read()
        assert (loaded.settings.db_url, loaded.warnings) == (url, ())


@pytest.mark.parametrize(
    ("key", "guess"),
    [
        ("idle_lock_minute", "idle_lock_minutes"),
        ("Language", "language"),
        ("softphone_acount", "softphone_account"),
    ],
)
def test_a_misspelt_key_is_named_with_the_closest_setting(key: str, guess: str) -> None:
    path = _write({key: 5, "seat": "s"})
    assert Settings.read().settings == Settings(seat="s")
    (text,) = _said()
    assert text == f'{path}: "{key}" is not a setting (did you mean "{guess}"?); it is ignored.'


def test_a_key_like_no_setting_is_named_without_a_guess() -> None:
    path = _write({"colour": "blue", "seat": "s"})
    assert _said() == [f'{path}: "colour" is not a setting; it is ignored.']


def test_a_file_that_is_not_json_is_named_with_its_line() -> None:
    path = _write('{\n  "seat": "坐席01",\n  "language": "en"\n  "timezone": "UTC"\n}\n')
    loaded = Settings.read()
    assert loaded.settings.language == "zh_CN"  # nothing in a broken file counts
    assert describe(loaded.warnings[0], "en") == (
        f"{path} is not valid JSON (line 4, column 3: Expecting ',' delimiter); "
        "every setting is at its default."
    )
    assert "第 4 行" in describe(loaded.warnings[0], "zh_CN")


def test_a_json_list_is_not_a_settings_file() -> None:
    path = _write("[1, 2]")
    assert (
        _said()[0]
        == f"{path} must hold one JSON object of settings; every setting is at its default."
    )


def test_without_a_seat_the_host_name_is_used_with_a_warning() -> None:
    host = socket.gethostname()
    for written in (None, {"language": "en"}):
        if written is None:
            Settings.path().unlink(missing_ok=True)
        else:
            _write(written)
        loaded = Settings.read()
        assert loaded.settings.seat == host
        (warning,) = loaded.warnings
        assert warning.key == "seat"
        assert f'its host name "{host}"' in describe(warning, "en")
        assert f"主机名“{host}”" in describe(warning, "zh_CN")


def test_every_settings_message_is_in_both_catalogs() -> None:
    source = (ROOT / "console" / "core" / "settings.py").read_text(encoding="utf-8")
    ids = set(re.findall(r'"(settings\.[a-z_.]+)"', source)) - {"settings.json"}
    assert len(ids) >= 15
    for language in ("en", "zh_CN"):
        catalog = json.loads(resources.path("messages", f"{language}.json").read_text("utf-8"))
        assert ids <= set(catalog), ids - set(catalog)


def test_each_declared_setting_has_a_meaning_and_a_checked_default() -> None:
    defaults = Settings(seat="s")
    for d in declarations().values():
        assert d.doc.endswith(".") and d.kind in (str, int, bool)
        if d.name != "seat":
            assert d.allows(getattr(defaults, d.name)), d.name


def test_the_readme_table_is_what_the_declarations_say(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "settings_table.py"
    check = [sys.executable, str(script), "--check"]
    assert subprocess.run(check, capture_output=True, cwd=ROOT).returncode == 0
    table = runpy.run_path(str(script), run_name="settings_table")["table"]()
    assert "| `idle_lock_minutes` | integer | `10` | a whole number from 1 to 120 |" in table

    # A table edited by hand (or a declaration changed without the script) fails.
    stale = tmp_path / "README.md"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stale.write_text(readme.replace("from 1 to 120", "from 1 to 90"), encoding="utf-8")
    run = subprocess.run([*check, "--readme", str(stale)], capture_output=True, text=True)
    assert run.returncode == 1 and "settings_table.py" in run.stderr
    subprocess.run([sys.executable, str(script), "--readme", str(stale)], check=True)
    assert stale.read_text(encoding="utf-8") == readme


# --- the system-wide file IT writes ----------------------------------------------


def _write_site(data: object, index: int = 0) -> Path:
    path = Settings.site_paths()[index]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_system_wide_file_configures_a_user_who_has_none() -> None:
    _write_site({"db_url": "postgresql://seat07@dbhost/console", "seat": "坐席07"})
    loaded = Settings.read()
    assert (loaded.settings.db_url, loaded.settings.seat) == (
        "postgresql://seat07@dbhost/console",
        "坐席07",
    )
    assert loaded.warnings == ()  # the seat is named: no host-name warning


def test_the_users_file_overrides_the_system_wide_file_key_by_key() -> None:
    _write_site({"seat": "坐席07", "language": "zh_CN", "idle_lock_minutes": 15})
    _write({"language": "en"})
    settings = Settings.load()
    assert (settings.seat, settings.language, settings.idle_lock_minutes) == ("坐席07", "en", 15)


def test_the_console_saves_only_what_differs_so_a_central_change_still_arrives() -> None:
    _write_site({"seat": "坐席07", "softphone_registrar": "10.0.0.5"})
    settings = Settings.load()
    settings.language = "en"  # what the user chose
    settings.save()
    assert json.loads(Settings.path().read_text(encoding="utf-8")) == {"language": "en"}

    _write_site({"seat": "坐席07", "softphone_registrar": "10.0.0.9"})  # IT moves the PBX
    settings = Settings.load()
    assert (settings.softphone_registrar, settings.language) == ("10.0.0.9", "en")


def test_a_bad_value_in_the_users_file_falls_back_to_the_system_wide_value() -> None:
    _write_site({"seat": "坐席07", "idle_lock_minutes": 15})
    path = _write({"idle_lock_minutes": 0})
    loaded = Settings.read()
    assert loaded.settings.idle_lock_minutes == 15
    (warning,) = loaded.warnings
    assert describe(warning, "en").startswith(f'{path}: "idle_lock_minutes" is 0')
    assert "15 is used instead" in describe(warning, "en")


def test_a_mistake_in_the_system_wide_file_is_named_with_that_file() -> None:
    site = _write_site({"seat": "坐席07", "langauge": "en"})
    assert _said() == [
        f'{site}: "langauge" is not a setting (did you mean "language"?); it is ignored.'
    ]


def test_on_linux_every_xdg_config_dir_is_read_the_first_one_winning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if sys.platform != "linux":
        pytest.skip("XDG_CONFIG_DIRS is how Linux desktops list the system config folders")
    monkeypatch.delenv("AGENT_CONSOLE_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home"))
    # Ubuntu's GNOME session puts its own folder before /etc/xdg.
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{tmp_path}/xdg-ubuntu:{tmp_path}/xdg")
    assert Settings.site_paths() == [
        tmp_path / "xdg-ubuntu" / "agent-console" / "settings.json",
        tmp_path / "xdg" / "agent-console" / "settings.json",
    ]
    _write_site({"seat": "坐席07", "language": "en", "timezone": "UTC"}, index=1)
    _write_site({"timezone": "Asia/Urumqi"}, index=0)
    settings = Settings.load()
    assert (settings.seat, settings.language, settings.timezone) == ("坐席07", "en", "Asia/Urumqi")
    assert Settings.path() == tmp_path / "home" / "agent-console" / "settings.json"

    monkeypatch.delenv("XDG_CONFIG_DIRS")
    assert Settings.site_paths() == [Path("/etc/xdg/agent-console/settings.json")]
