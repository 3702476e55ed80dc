"""A machine without any Chinese font (a bare Windows or Linux install) still shows the
console in Chinese: the window takes the font shipped in resources; where the system has
one, it is used and the shipped one is not loaded. Each case runs in a process of its own,
since fontconfig reads its configuration once per process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel
from ui.core import style

app = QApplication([])
before = QFontMetrics(app.font()).inFontUcs4(ord("坐"))
style.apply(app)
label = QLabel("坐席控制台")
after = QFontMetrics(label.font()).inFontUcs4(ord("坐"))
print(before, style.ensure_chinese_font(), after, label.font().family())
"""


def _probe(fontconfig: Path | None) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if fontconfig is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig)
    run = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.split(maxsplit=3)


def test_without_a_chinese_font_the_shipped_one_is_used(tmp_path: Path) -> None:
    latin = Path("/usr/share/fonts/truetype/dejavu")
    if not latin.is_dir():
        pytest.skip("needs a Latin-only font to stand for a machine without Chinese fonts")
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{latin}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    before, loaded_again, after, family = _probe(config)
    # No glyph for 坐 at first; after apply() the label's font has it, from resources (so
    # asking again finds a Chinese font and loads nothing more).
    assert (before, loaded_again, after) == ("False", "False", "True")
    assert family.strip() == "Microsoft YaHei UI"  # the first wish; fontconfig substitutes


def test_with_a_system_chinese_font_nothing_is_loaded() -> None:
    before, loaded, after, _family = _probe(None)
    assert (before, loaded, after) == ("True", "False", "True")
