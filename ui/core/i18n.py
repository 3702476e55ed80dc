"""Qt translators. Source strings are English; Simplified Chinese is the default language.

Updating the translation after changing strings in ``ui/``::

    .venv/bin/pyside6-lupdate -no-obsolete $(find ui -name '*.py' | sort) \
        -ts resources/i18n/agent_console_zh_CN.ts
    # translate the new entries (Qt Linguist: .venv/bin/pyside6-linguist), then
    .venv/bin/pyside6-lrelease resources/i18n/agent_console_zh_CN.ts

A test fails when a string in ``ui/`` has no finished translation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import resources

LANGUAGES = ("zh_CN", "en")
DEFAULT = "zh_CN"
CATALOG = "agent_console"


def qm_path(language: str) -> str:
    return str(resources.path("i18n", f"{CATALOG}_{language}.qm"))


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the console's and Qt's own translators (standard buttons such as OK,
    Cancel) for ``language``; English needs none. Returns them: they must stay alive."""
    language = language if language in LANGUAGES else DEFAULT
    QLocale.setDefault(QLocale(language))
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, directory in ((f"qtbase_{language}", qt_dir), (f"{CATALOG}_{language}", None)):
        t = QTranslator(app)
        path = qm_path(language) if directory is None else f"{directory}/{name}.qm"
        if t.load(path):
            app.installTranslator(t)
            installed.append(t)
    return installed


def remove(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for t in translators:
        app.removeTranslator(t)
