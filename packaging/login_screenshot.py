"""Save a picture of the login dialog as the installed console shows it (scripts/test-package
runs it inside the clean Debian root with the package's own Python): the Chinese must be
glyphs, not boxes, with only the fonts the package declares.

    /opt/agent-console/bin/python login_screenshot.py OUT.png
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from console.core.settings import Settings
from ui.core import i18n, style
from ui.people.login import LoginDialog

app = QApplication(sys.argv)
settings = Settings.load()
translators = i18n.install(app, settings.language)
style.apply(app)
dialog = LoginDialog(settings)
dialog.show()
app.processEvents()
if not dialog.grab().save(sys.argv[1]):
    sys.exit(f"could not write {sys.argv[1]}")
print(f"login dialog: {sys.argv[1]}; CJK font from resources: {style.ensure_chinese_font()}")
