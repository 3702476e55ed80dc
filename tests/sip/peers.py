"""Real SIP peers on loopback for the softphone tests: sipp as the customer, free ports.

sipp (Debian ``sip-tester``) and baresip (``baresip-core``) are installed by
``scripts/setup --test``; where they are missing the tests that need them are skipped
with the install command as the reason (CI installs them, so there they always run).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from console.core.clock import Clock
from console.telephony.softphone import RETRY_DELAYS_S, BaresipLine, SoftphoneConfig

HERE = Path(__file__).resolve().parent

# Skipped on a developer's machine without the packages; never in CI (CI=true), where
# scripts/setup --test has installed them and a missing one must fail, not hide.
needs_sip_peers = pytest.mark.skipif(
    (shutil.which("sipp") is None or shutil.which("baresip") is None)
    and os.environ.get("CI", "") != "true",
    reason="needs sipp and baresip: apt-get install sip-tester baresip-core "
    "(scripts/setup --test installs them)",
)


def free_port() -> int:
    """A port free for both UDP and TCP on 127.0.0.1 right now."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
            tcp.bind(("127.0.0.1", 0))
            port = int(tcp.getsockname()[1])
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                try:
                    udp.bind(("127.0.0.1", port))
                except OSError:
                    continue
            return port


def _free_pair() -> int:
    """A port ``p`` with ``p`` and ``p + 1`` free: baresip takes SIP on ``p`` (UDP, TCP)
    and SIP over TLS on ``p + 1``."""
    while True:
        port = free_port()
        if port >= 65535:
            continue
        try:
            with (
                socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp,
                socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp,
            ):
                tcp.bind(("127.0.0.1", port + 1))
                udp.bind(("127.0.0.1", port + 1))
        except OSError:
            continue
        return port


def seat_config(**overrides: object) -> SoftphoneConfig:
    """A seat's softphone on loopback with fresh ports: account 1001, no registrar."""
    sip_port = _free_pair()
    control_port = free_port()
    while control_port in (sip_port, sip_port + 1):
        control_port = free_port()
    values: dict[str, object] = {
        "account": "1001",
        "sip_port": sip_port,
        "control_port": control_port,
    }
    values.update(overrides)
    return SoftphoneConfig(**values)  # type: ignore[arg-type]


@dataclass
class Sipp:
    """One sipp run in the background; ``wait`` gives its exit code (0: the scenario
    completed, every expected message seen)."""

    process: subprocess.Popen[bytes]
    messages: Path
    output: Path

    def wait(self, timeout: float = 30) -> int:
        return self.process.wait(timeout=timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=5)

    def wait_listening(self, port: int, timeout: float = 15) -> None:
        """Wait until this sipp has bound UDP ``port`` (a callee ready for the INVITE);
        fail at once with its output if it exited instead."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"sipp exited ({self.process.returncode}):\n{self.log()}")
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError:
                    return
            time.sleep(0.02)
        raise AssertionError(f"sipp did not bind UDP port {port}:\n{self.log()}")

    def log(self) -> str:
        text = ""
        for path in (self.output, self.messages):
            if path.exists():
                text += path.read_text(errors="replace")
        return text[-6000:]

    def saw(self, first_line: str) -> bool:
        """Whether a SIP message starting with ``first_line`` went by (e.g. "BYE ")."""
        if not self.messages.exists():
            return False
        return any(
            line.startswith(first_line)
            for line in self.messages.read_text(errors="replace").splitlines()
        )


def connected_line(
    cfg: SoftphoneConfig,
    clock: Clock,
    config_dir: Path,
    retry_delays: tuple[float, ...] = RETRY_DELAYS_S,
) -> BaresipLine:
    """The seat's baresip, started by a line that is connected to it (failing with
    baresip's log if it does not connect within 10 s)."""
    line = BaresipLine(cfg, clock, config_dir, retry_delays=retry_delays)
    deadline = time.monotonic() + 10
    while not line.connected and time.monotonic() < deadline:
        time.sleep(0.02)
    if not line.connected:
        line.close()
        raise AssertionError((config_dir / "baresip.log").read_text())
    return line


def _media_port(sip_port: int) -> int:
    """sipp's RTP port (it also takes the next ports up): clear of its SIP port."""
    while True:
        port = free_port()
        if abs(port - sip_port) > 4:
            return port


def _sipp(args: list[str], scenario: str, tmp: Path, port: int, calls: int = 1) -> Sipp:
    messages = tmp / f"sipp-{port}-messages.log"
    output = tmp / f"sipp-{port}-out.log"
    with output.open("wb") as out:
        process = subprocess.Popen(
            [
                "sipp",
                "-sf",
                str(HERE / scenario),
                "-i",
                "127.0.0.1",
                "-mi",
                "127.0.0.1",
                "-mp",
                str(_media_port(port)),
                "-p",
                str(port),
                "-m",
                str(calls),
                "-nostdin",
                "-timeout",
                "60s",
                "-trace_msg",
                "-message_file",
                str(messages),
                *args,
            ],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp,
        )
    return Sipp(process, messages, output)


def call_seat(
    cfg: SoftphoneConfig,
    number: str,
    tmp: Path,
    *,
    scenario: str = "caller.xml",
    talk_ms: int = 1000,
) -> Sipp:
    """The customer ``number`` calls the seat's baresip."""
    return _sipp(
        [
            "-key",
            "caller",
            number,
            "-s",
            cfg.account,
            "-d",
            str(talk_ms),
            f"{cfg.sip_address}:{cfg.sip_port}",
        ],
        scenario,
        tmp,
        free_port(),
    )


def answer_calls(tmp: Path, port: int, scenario: str = "callee.xml", calls: int = 1) -> Sipp:
    """A phone on ``port`` that answers the first ``calls`` calls it gets (sipp runs
    the scenario once per Call-ID) and exits when they are over."""
    return _sipp([], scenario, tmp, port, calls)
