"""Window geometry and other per-seat UI state, in a QSettings file next to settings.json."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from console.settings import config_dir


def ui_settings() -> QSettings:
    return QSettings(str(config_dir() / "ui.ini"), QSettings.Format.IniFormat)
