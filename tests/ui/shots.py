"""Screenshots the UI tests take for a person to look at. They go to docs/screenshots
only when ``TAKE_SCREENSHOTS=1`` is set; otherwise to a folder of their own, so that a
test run never changes the checked-out tree."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QWidget

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def folder() -> Path:
    if os.environ.get("TAKE_SCREENSHOTS"):
        return DOCS
    path = Path(tempfile.gettempdir()) / "agent-console-shots"
    path.mkdir(exist_ok=True)
    return path


def save(widget: QWidget, name: str) -> Path:
    """``widget`` as it is painted now, as ``name`` (a .png file name)."""
    path = folder() / name
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path
