"""Where a front end writes down what happened, in the data directory's ``logs/`` (no Qt:
the console, the wall board and the command line use it alike; each under its own name,
so that two of them running at once never share a file).

- ``NAME.log``: the log, rotated at 1 MB with five old files kept, beside stderr — a seat
  started from an icon has no terminal, and an error must not be lost with it.
- ``NAME-crash.log``: this run's crash log. faulthandler writes into it the stacks of a
  process that dies hard (a segfault in Qt, an abort), and the crash path the traceback
  of an unexpected exception. A clean exit removes it when empty, so one with something
  in it at the next start is from a run that died without telling anyone: it is renamed
  ``NAME-crash-TIME.new.log`` and offered to the user (:meth:`CrashLog.unseen`), then
  renamed ``NAME-crash-TIME.log`` once seen (:func:`mark_seen`). Seen crash logs are
  kept, the newest twenty.

qutebrowser's ``misc/crashsignal.py`` works the same way.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from console.core.settings import data_dir

LOG_BYTES = 1_000_000
LOG_BACKUPS = 5
KEEP_SEEN = 20
_FORMAT = "%(asctime)s %(process)d %(threadName)s %(levelname)s %(name)s: %(message)s"
_STDERR_FORMAT = "%(levelname)s %(name)s: %(message)s"
_UNSEEN = ".new.log"


def logs_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class Logging:
    """The handlers :func:`start_logging` added, to take them away again."""

    file: Path
    handlers: list[logging.Handler]
    level: int

    def stop(self) -> None:
        root = logging.getLogger()
        for h in self.handlers:
            root.removeHandler(h)
            h.close()
        root.setLevel(self.level)


def start_logging(
    name: str, directory: Path | None = None, *, stderr_format: str = _STDERR_FORMAT
) -> Logging:
    """Log to ``NAME.log`` (info and up) and, unless something already logs somewhere
    (a test run), to stderr (warnings and up, as before the file existed) in
    ``stderr_format`` (the command line's says the message alone: its reader is an
    administrator, not a developer)."""
    root = logging.getLogger()
    file = (directory or logs_dir()) / f"{name}.log"
    handlers: list[logging.Handler] = [_LogFile(file)]
    if not root.handlers:
        to_stderr = logging.StreamHandler()
        to_stderr.setFormatter(logging.Formatter(stderr_format))
        to_stderr.setLevel(logging.WARNING)
        handlers.append(to_stderr)
    started = Logging(file, handlers, root.level)
    for h in handlers:
        root.addHandler(h)
    if root.getEffectiveLevel() > logging.INFO:
        root.setLevel(logging.INFO)
    return started


class _LogFile(logging.Handler):
    """``NAME.log``, rotated at LOG_BYTES (a RotatingFileHandler) from the first record
    on: ``logging.handlers`` brings socket and pickle, ~8 ms the login dialog would wait
    for, and a start that goes well logs nothing before the dialog shows."""

    def __init__(self, path: Path) -> None:
        super().__init__(logging.INFO)
        self.path = path
        self.setFormatter(logging.Formatter(_FORMAT))
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:  # called holding this handler's lock
        if self._file is None:
            from logging.handlers import RotatingFileHandler

            self._file = RotatingFileHandler(
                self.path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
            )
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def close(self) -> None:
        self.acquire()
        try:
            if self._file is not None:
                self._file.close()
        finally:
            self.release()
        super().close()


@dataclass(frozen=True)
class CrashReport:
    """A crash log a run left behind: where it is, when that run died, what it says."""

    path: Path
    when: datetime
    text: str


class CrashLog:
    """This run's crash log (see the module's docstring)."""

    def __init__(self, name: str, directory: Path | None = None) -> None:
        self.name = name
        self.directory = directory or logs_dir()
        self.path = self.directory / f"{name}-crash.log"
        self._file: IO[str] | None = None
        self._faulthandler_was_on = False
        self._lock = threading.Lock()

    def open(self) -> None:
        """Set aside what the last run left, then have faulthandler write here."""
        self._move_aside(_UNSEEN)
        self._faulthandler_was_on = faulthandler.is_enabled()
        self._open_fresh()

    def unseen(self) -> list[CrashReport]:
        """Crash logs of runs that died, not yet seen by anyone, newest first."""
        reports = []
        for path in self.directory.glob(f"{self.name}-crash-*{_UNSEEN}"):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
                when = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
            except OSError:
                continue
            reports.append(CrashReport(path, when, text))
        return sorted(reports, key=lambda r: r.when, reverse=True)

    def record(self, text: str) -> None:
        """Add an unexpected exception's account (any thread) and make it reach the disk."""
        with self._lock:
            if self._file is None:
                return
            self._file.write(f"{datetime.now().astimezone():%Y-%m-%d %H:%M:%S%z} {text}\n")
            self._file.flush()

    def keep(self) -> Path | None:
        """Keep what this run's crash log holds as seen (the crash dialog showed it) and
        start a fresh one; the kept file, or None when there was nothing to keep."""
        with self._lock:
            self._close_file()
            kept = self._move_aside(".log")
            self._open_fresh()
        _prune(self.directory, self.name)
        return kept

    def close(self) -> None:
        """A clean exit: faulthandler back to stderr; an empty crash log goes, one with
        an account in it (the crash dialog showed it) is kept as seen."""
        with self._lock:
            self._close_file()
            self._move_aside(".log")
        _prune(self.directory, self.name)

    # ---------------------------------------------------------------------------------
    def _move_aside(self, suffix: str) -> Path | None:
        """Keep the crash log under a name with its time, or drop it when empty (a run
        that was killed or lost power has nothing to tell)."""
        if not _has_text(self.path):
            self.path.unlink(missing_ok=True)
            return None
        return _move(self.path, _stamped(self.path, self.name), suffix)

    def _open_fresh(self) -> None:
        self._file = self.path.open("w", encoding="utf-8")
        faulthandler.enable(self._file, all_threads=True)

    def _close_file(self) -> None:
        if self._file is None:
            return
        if self._faulthandler_was_on and sys.__stderr__ is not None:
            faulthandler.enable(sys.__stderr__, all_threads=True)
        else:
            faulthandler.disable()
        self._file.close()
        self._file = None


def mark_seen(report: CrashReport) -> Path:
    """The user saw ``report``: it is kept under its seen name, not offered again."""
    name = report.path.name
    if not name.endswith(_UNSEEN):
        return report.path
    return _move(report.path, name.removesuffix(_UNSEEN), ".log")


def _has_text(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _stamped(path: Path, name: str) -> str:
    """``NAME-crash-YYYYmmdd-HHMMSS`` for the time ``path`` was last written."""
    try:
        when = datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        when = datetime.now()
    return f"{name}-crash-{when:%Y%m%d-%H%M%S}"


def _move(source: Path, stem: str, suffix: str) -> Path:
    """Rename ``source`` to ``stem + suffix`` beside it, never over a file already there
    (two crashes in one second)."""
    target, n = source.with_name(stem + suffix), 1
    while target.exists():
        n += 1
        target = source.with_name(f"{stem}-{n}{suffix}")
    source.replace(target)
    return target


def _prune(directory: Path, name: str) -> None:
    seen = [p for p in directory.glob(f"{name}-crash-*.log") if not p.name.endswith(_UNSEEN)]
    seen.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in seen[KEEP_SEEN:]:
        old.unlink(missing_ok=True)
