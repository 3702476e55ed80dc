"""What the packages install is valid where it is read: the systemd units pass
``systemd-analyze verify``, the desktop entry ``desktop-file-validate``, and the example
central settings file is read without a word. The packages themselves are built and
installed into a clean Debian root by ``scripts/test-package`` (slow, run apart)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from console.core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
UNITS = sorted(
    p for p in (ROOT / "packaging" / "systemd").iterdir() if p.suffix in (".service", ".timer")
)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (scripts/setup --test installs it)")
    return path


def test_the_package_ships_three_timers_each_with_its_service() -> None:
    names = {u.name for u in UNITS}
    for job in ("sla-sweep", "calendar", "backup"):
        assert {f"agent-console-{job}.service", f"agent-console-{job}.timer"} <= names
    assert len(UNITS) == 6


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    """Verified in a root of their own: the host's unit library (targets the units name),
    the units where the server package puts them, and an executable where the seat
    package puts /usr/bin/agent-console — verify checks that ExecStart exists."""
    analyze = _tool("systemd-analyze")
    root = tmp_path / "root"
    shutil.copytree("/usr/lib/systemd/system", root / "usr/lib/systemd/system", symlinks=True)
    units = root / "etc/systemd/system"
    units.mkdir(parents=True)
    for unit in UNITS:
        shutil.copy(unit, units)
    agent_console = root / "usr/bin/agent-console"
    agent_console.parent.mkdir(parents=True)
    agent_console.write_text("#!/bin/sh\n", encoding="utf-8")
    agent_console.chmod(0o755)
    default = root / "etc/default/agent-console-server"
    default.parent.mkdir(parents=True)
    shutil.copy(ROOT / "packaging/systemd/agent-console-server.default", default)
    run = subprocess.run(
        [analyze, "verify", f"--root={root}", "--man=no", *(u.name for u in UNITS)],
        capture_output=True,
        text=True,
    )
    # A warning (an unknown key, a bad time) leaves the exit code 0: none is allowed.
    assert (run.returncode, run.stdout + run.stderr) == (0, "")

    # And the check can fail: a unit whose command is not there.
    agent_console.unlink()
    run = subprocess.run(
        [analyze, "verify", f"--root={root}", "--man=no", "agent-console-backup.service"],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0 and "/usr/bin/agent-console" in run.stderr


def test_the_backup_unit_keeps_what_the_default_file_says() -> None:
    service = (ROOT / "packaging/systemd/agent-console-backup.service").read_text("utf-8")
    assert "--keep ${BACKUP_KEEP}" in service
    default = (ROOT / "packaging/systemd/agent-console-server.default").read_text("utf-8")
    assert "\nBACKUP_KEEP=14\n" in default and "\nAGENT_CONSOLE_DB=postgresql://" in default


def test_the_desktop_entry_is_valid_and_named_in_both_languages() -> None:
    entry = ROOT / "packaging/debian/agent-console.desktop"
    run = subprocess.run(
        [_tool("desktop-file-validate"), str(entry)], capture_output=True, text=True
    )
    assert (run.returncode, run.stdout) == (0, "")
    text = entry.read_text(encoding="utf-8")
    assert "Name=Agent Console\n" in text and "Name[zh_CN]=坐席控制台\n" in text
    assert "Icon=agent-console\n" in text and (ROOT / "resources/icons/agent-console.svg").exists()


def test_the_example_central_settings_are_read_without_a_warning() -> None:
    example = ROOT / "packaging/debian/settings.json"
    site = Settings.site_paths()[0]
    site.parent.mkdir(parents=True)
    shutil.copy(example, site)
    loaded = Settings.read()
    assert loaded.warnings == ()
    expected = json.loads(example.read_text(encoding="utf-8"))
    assert {k: getattr(loaded.settings, k) for k in expected} == expected
