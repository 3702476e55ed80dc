"""The log file and the crash log in the data directory (console/app/logs.py): what a
run that dies hard leaves is found at the next start, offered once, and kept."""

from __future__ import annotations

import faulthandler
import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.app import logs
from console.app.logs import KEEP_SEEN, CrashLog, logs_dir, mark_seen, start_logging
from console.core.settings import data_dir

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def crash_log() -> Iterator[CrashLog]:
    log = CrashLog("console")
    yield log
    log.close()  # faulthandler back to stderr, as pytest had it


def test_the_log_goes_to_a_file_in_the_data_directory() -> None:
    started = start_logging("cli")
    try:
        logging.getLogger("console.test").warning("the sweep found %d cases", 3)
        logging.getLogger("console.test").info("info reaches the file too")
    finally:
        started.stop()
    assert started.file == data_dir() / "logs" / "cli.log"
    text = started.file.read_text(encoding="utf-8")
    assert "WARNING console.test: the sweep found 3 cases" in text
    assert "INFO console.test: info reaches the file too" in text
    assert not any(h in logging.getLogger().handlers for h in started.handlers)


def test_the_log_file_is_rotated_and_the_old_ones_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "LOG_BYTES", 2_000)
    started = start_logging("cli")
    try:
        for i in range(300):  # ~27 KB: more than the file and its backups hold
            logging.getLogger("console.test").warning("record %03d of a long shift", i)
    finally:
        started.stop()
    kept = sorted(p.name for p in started.file.parent.glob("cli.log*"))
    assert kept == ["cli.log", *(f"cli.log.{n}" for n in range(1, logs.LOG_BACKUPS + 1))]
    assert started.file.stat().st_size <= 2_000
    assert "record 299" in started.file.read_text(encoding="utf-8")


def _die_hard(home: Path) -> subprocess.CompletedProcess[str]:
    """A process that opens its crash log, records one error, then segfaults."""
    code = textwrap.dedent(
        """
        import faulthandler
        from console.app.logs import CrashLog
        log = CrashLog("console")
        log.open()
        log.record("unexpected error in thread MainThread\\nRuntimeError: first")
        faulthandler._sigsegv()
        """
    )
    env = os.environ | {"AGENT_CONSOLE_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_a_run_that_dies_hard_is_offered_once_at_the_next_start(crash_log: CrashLog) -> None:
    died = _die_hard(data_dir().parent)
    assert died.returncode != 0
    left = logs_dir() / "console-crash.log"
    text = left.read_text(encoding="utf-8")
    assert "RuntimeError: first" in text
    assert "Fatal Python error: Segmentation fault" in text  # faulthandler wrote it

    crash_log.open()
    assert crash_log.path.exists() and crash_log.path.stat().st_size == 0  # this run's
    (report,) = crash_log.unseen()
    assert report.text == text and report.path.name.endswith(".new.log")

    seen = mark_seen(report)
    assert seen.read_text(encoding="utf-8") == text  # kept, under its seen name
    assert seen.name.startswith("console-crash-") and not seen.name.endswith(".new.log")
    assert crash_log.unseen() == []
    assert not report.path.exists()


def test_a_clean_exit_leaves_nothing_to_offer(crash_log: CrashLog) -> None:
    crash_log.open()
    assert faulthandler.is_enabled()
    crash_log.close()
    assert not crash_log.path.exists()
    crash_log.open()
    assert crash_log.unseen() == []


def test_what_the_crash_dialog_showed_is_kept_as_seen(crash_log: CrashLog) -> None:
    crash_log.open()
    crash_log.record("unexpected error in thread MainThread\nRuntimeError: shown")
    kept = crash_log.keep()
    assert kept is not None and "RuntimeError: shown" in kept.read_text(encoding="utf-8")
    assert crash_log.path.stat().st_size == 0  # a fresh one for the rest of the run
    crash_log.close()
    crash_log.open()
    assert crash_log.unseen() == []
    assert kept.exists()


def test_the_newest_seen_crash_logs_are_kept(crash_log: CrashLog) -> None:
    crash_log.open()
    for n in range(KEEP_SEEN + 3):
        crash_log.record(f"error {n}")
        kept = crash_log.keep()
        assert kept is not None
        os.utime(kept, (1_700_000_000 + n, 1_700_000_000 + n))
    kept_files = sorted(logs_dir().glob("console-crash-*.log"))
    assert len(kept_files) == KEEP_SEEN
    texts = "".join(p.read_text(encoding="utf-8") for p in kept_files)
    assert "error 0\n" not in texts and f"error {KEEP_SEEN + 2}\n" in texts
