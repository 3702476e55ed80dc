"""The Chinese translation ships complete, and Chinese is what a seat gets by default."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.core.settings import Settings
from ui.core import i18n
from ui.core.text import state_label
from ui.people.login import LoginDialog

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "agent_console_zh_CN.ts"


def _login(qtbot: QtBot) -> LoginDialog:
    dialog = LoginDialog(Settings(seat="seat-A"))
    qtbot.addWidget(dialog)
    return dialog


def test_chinese_is_the_default_language() -> None:
    assert Settings().language == "zh_CN"


def test_zh_cn_translates_the_login_dialog(qtbot: QtBot, qapp: QApplication) -> None:
    translators = i18n.install(qapp, "zh_CN")
    try:
        assert len(translators) == 2  # Qt's own (standard buttons) and the console's
        dialog = _login(qtbot)
        assert dialog.login_button.text() == "登录"
        assert dialog.quit_button.text() == "退出"
        assert dialog.job_no.accessibleName() == "工号"
        assert state_label("ready") == "就绪"
        assert state_label("break") == "小休"
    finally:
        i18n.remove(qapp, translators)


def test_english_uses_the_source_strings(qtbot: QtBot, qapp: QApplication) -> None:
    translators = i18n.install(qapp, "en")
    assert translators == []
    assert _login(qtbot).login_button.text() == "Log in"


def _sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name") or "", msg.findtext("source") or "")
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
        if (translation := msg.find("translation")) is not None
        and translation.get("type") not in ("obsolete", "vanished")
    }


def test_every_string_has_a_finished_translation() -> None:
    root = ET.parse(TS).getroot()
    unfinished = [
        m.findtext("source")
        for m in root.iter("message")
        if (t := m.find("translation")) is not None and (t.get("type") or not t.text)
    ]
    assert unfinished == []


def test_the_catalog_covers_every_string_in_the_code(tmp_path: Path) -> None:
    """lupdate on ui/ finds nothing the shipped catalog lacks (run it after editing)."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    files = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), *files, "-ts", str(fresh)], check=True, capture_output=True)
    missing = _sources(fresh) - _sources(TS)
    assert not missing, f"run lupdate and translate: {sorted(missing)}"


def test_compiled_catalog_is_current(tmp_path: Path) -> None:
    """The shipped .qm is what lrelease makes of the shipped .ts."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == TS.with_suffix(".qm").read_bytes()
