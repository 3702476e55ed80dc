"""Text in progress, kept on this PC so that nothing typed is lost (R1.5, R2.12, R7.4).

Each draft is one small file, replaced atomically (write to a temporary file, fsync,
rename, fsync the folder): a console killed mid-write leaves the previous version, never
half of one, and a power cut right after a save does not lose the rename. The temporary
files such a kill leaves behind are removed when the store opens.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

from console.core.settings import data_dir

_SAFE = re.compile(r"[^0-9A-Za-z_.-]")
_TEMP = ".draft-"
# A save takes milliseconds: a temporary file older than this was left by a killed console
# (a younger one may be another console's save under way on this PC).
ORPHAN_AFTER_S = 60


class DraftStore:
    def __init__(self, directory: Path | None = None) -> None:
        self._dir = directory or data_dir() / "drafts"
        self._dir.mkdir(parents=True, exist_ok=True)
        self._remove_orphans()

    def _remove_orphans(self) -> None:
        cutoff = time.time() - ORPHAN_AFTER_S
        for tmp in self._dir.glob(f"{_TEMP}*"):
            if _mtime(tmp) < cutoff:
                tmp.unlink(missing_ok=True)

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
        fd, tmp = tempfile.mkstemp(dir=self._dir, prefix=_TEMP)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _sync_folder(self._dir)


def _sync_folder(directory: Path) -> None:
    """The rename itself on disk (POSIX; Windows cannot open a folder, and NTFS journals
    the rename)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # removed meanwhile
        return 0.0
