"""Startup benchmarks for the Qt console (targets: the login dialog within 1.5× a bare
PySide6 dialog started the same way in the same run; login → ready main window ≤ 0.5 s,
the first sign-in after the start as quick as the later ones).

    .venv/bin/python benchmarks/startup.py [--runs N]

(a) cold start: ``python main.py`` in a fresh process on the offscreen platform, until
    the login dialog is shown (``AGENT_CONSOLE_BENCH_EXIT_AT=login`` makes the console
    print a timestamp then and exit), next to a bare PySide6 dialog started the same way;
(b) login → ready: on a demo database (``main.py demo``), from pressing 登录 to the main
    window shown, measured in one process over several sign-in/sign-out rounds.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
MARK = "AGENT_CONSOLE_BENCH"
SEAT = "bench-01"

BARE = f"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFormLayout, QLineEdit, QPushButton
app = QApplication(sys.argv)
d = QDialog()
form = QFormLayout(d)
form.addRow("工号", QLineEdit())
form.addRow("密码", QLineEdit())
form.addRow(QPushButton("登录"))
d.show()
def shown():
    print("{MARK} login_shown %.6f" % time.time(), flush=True)
    app.exit(0)
QTimer.singleShot(0, shown)
app.exec()
"""


def _env(home: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        AGENT_CONSOLE_HOME=home,
        AGENT_CONSOLE_BENCH_EXIT_AT="login",
    )
    env.pop("AGENT_CONSOLE_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # any value, even "0", turns .pyc off
    return env


def _time_to_shown(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.time()
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    for line in out.stdout.splitlines():
        if line.startswith(MARK):
            return float(line.split()[-1]) - t0
    raise RuntimeError(f"no timestamp from {cmd}: {out.stdout}\n{out.stderr}")


def compile_sources() -> None:
    """Compiled as an installed seat has it (scripts/package runs compileall): without
    .pyc files every start would time Python compiling the console's source."""
    for folder in ("cli", "console", "db", "reports", "ui"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    compileall.compile_file(ROOT / "main.py", quiet=1)


def cold_start(runs: int) -> tuple[list[float], list[float]]:
    home = tempfile.mkdtemp(prefix="ac-bench-")
    # A seat as installed: its settings name it (a workstation that names no seat starts
    # with a warning in the dialog, and the host name looked up).
    config = Path(home) / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"seat": SEAT}), encoding="utf-8")
    env = _env(home)
    console_cmd = [PYTHON, str(ROOT / "main.py")]
    bare_cmd = [PYTHON, "-c", BARE]
    _time_to_shown(console_cmd, env)  # warm the file cache and the .pyc files
    _time_to_shown(bare_cmd, env)
    console, bare = [], []
    for _ in range(runs):
        console.append(_time_to_shown(console_cmd, env))
        bare.append(_time_to_shown(bare_cmd, env))
    return console, bare


def login_to_ready(rounds: int) -> tuple[list[float], list[float]]:
    home = tempfile.mkdtemp(prefix="ac-bench-login-")
    os.environ["AGENT_CONSOLE_HOME"] = home
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.pop("AGENT_CONSOLE_DB", None)
    sys.path.insert(0, str(ROOT))
    demo = subprocess.run(
        # The demo registers the seat it is run at: the one the console signs in at.
        [PYTHON, str(ROOT / "main.py"), "--seat", SEAT, "demo", "--customers", "500"],
        env=dict(os.environ),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if demo.returncode != 0:
        raise RuntimeError(f"main.py demo failed:\n{demo.stderr[-2000:]}")
    job_no, password = "1001", "Demo@2026"  # cli.demo: no change needed at first login

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from console.core.settings import Settings
    from ui.app.app import Console
    from ui.core import i18n, session, style
    from ui.core.worker import busy, wait_all

    # The login call alone, on the worker (the dialog's signal would be heard only
    # after the console has built its main window on it).
    service: list[float] = []
    login_call = session.login

    def timed_login(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return login_call(*args, **kwargs)
        finally:
            service.append(time.perf_counter() - t)

    session.login = timed_login

    app = QApplication(sys.argv)
    translators = i18n.install(app, "zh_CN")
    style.apply(app)
    settings = Settings(seat=SEAT, heartbeat_seconds=3600)
    console = Console(settings)
    console.start()
    loop = QEventLoop()

    def spin(until: object, timeout: float = 30.0) -> None:
        end = time.perf_counter() + timeout
        while not until() and time.perf_counter() < end:  # type: ignore[operator]
            loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if not until():  # type: ignore[operator]
            raise RuntimeError("timed out")

    spin(lambda: console.runtime is not None)
    spin(lambda: not busy())  # the preload is done
    times = []
    for _ in range(rounds):
        login = console.login
        assert login is not None
        login.job_no.setText(job_no)
        login.password.setText(password)
        t0 = time.perf_counter()
        login.submit()
        spin(lambda: console.window is not None and console.window.isVisible())
        app.processEvents()  # the first paint
        times.append(time.perf_counter() - t0)
        window = console.window
        assert window is not None
        window.sign_out()
        spin(lambda: console.login is not None and console.window is None)
    wait_all()
    console.shutdown()
    i18n.remove(app, translators)
    return times, service


def _fmt(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):.3f} s, min {min(values):.3f} s, "
        f"max {max(values):.3f} s (n={len(values)})"
    )


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args()
    compile_sources()
    console, bare = cold_start(args.runs)
    base = statistics.median(bare)
    print("(a) cold start to the login dialog shown (ratios: to the bare dialog's median)")
    print(f"    bare PySide6  : {_fmt(bare)}")
    print(
        f"    agent console : {_fmt(console)} = "
        f"{statistics.median(console) / base:.2f}× the bare dialog   target ≤ 1.5×"
    )
    times, service = login_to_ready(args.runs)
    later = times[1:] or times
    print("(b) login → main window shown (embedded SQLite demo database)")
    print(
        f"    first sign-in : {times[0]:.3f} s = {times[0] / base:.2f}× the bare dialog"
        "   target ≤ 0.5 s, as the later ones"
    )
    print(
        f"    later rounds  : {_fmt(later)} = "
        f"{statistics.median(later) / base:.2f}× the bare dialog"
    )
    print(f"    first / later : {times[0] / statistics.median(later):.2f}×")
    print(f"    of which the login call (argon2id + database): {_fmt(service)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
