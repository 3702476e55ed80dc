"""Text in progress, kept on this PC so that nothing typed is lost (R1.5, R2.12, R7.4).

Each draft is one small file, replaced atomically (write to a temporary file, then
rename): a console killed mid-write leaves the previous version, never half of one.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from console.core.settings import data_dir

_SAFE = re.compile(r"[^0-9A-Za-z_.-]")


class DraftStore:
    def __init__(self, directory: Path | None = None) -> None:
        self._dir = directory or data_dir() / "drafts"
        self._dir.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        return self._dir / f"{_SAFE.sub('_', key)}.txt"

    def keys(self, prefix: str = "") -> list[str]:
        """The keys of the drafts kept, oldest first (keys are stored file-safe)."""
        files = sorted(self._dir.glob(f"{_SAFE.sub('_', prefix)}*.txt"), key=_mtime)
        return [f.stem for f in files]

    def load(self, key: str) -> str:
        try:
            return self._path(key).read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""

    def save(self, key: str, text: str) -> None:
        """Keep ``text`` (an empty text removes the draft)."""
        path = self._path(key)
        if not text:
            path.unlink(missing_ok=True)
            return
        fd, tmp = tempfile.mkstemp(dir=self._dir, prefix=".draft-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # removed meanwhile
        return 0.0
