"""The seat's softphone: baresip, driven through its ``ctrl_tcp`` control module (R2.16).

``BaresipLine`` implements ``console.telephony.telephony.Telephony`` for a real SIP user agent:

* It starts the seat's baresip itself (``baresip -4 -f DIR`` with a config directory it
  writes: account, registrar, SIP address and port, control port) or connects to one
  already running (``SoftphoneConfig.start = False``).
* It speaks netstring-framed JSON on the loopback control port: commands
  ``{"command": "accept", "token": …}`` with responses ``{"response": true, "ok": …,
  "data": …, "token": …}``, and events ``{"event": true, "class": "call", "type":
  "CALL_INCOMING", "id": <SIP Call-ID>, "peeruri": …, "param": …}``.
* baresip's call ids become console refs (UUIDs, the call record's id); its events become
  the console's (``IncomingCall``, ``CallConnected``, ``CallerHungUp``…), each at most
  once per call and only in lifecycle order, so a duplicate or late event changes
  nothing.
* Commands target one call: ``callfind <id>`` makes it baresip's current call and only
  when baresip confirms it does the command (``accept``, ``hold``, ``resume``,
  ``hangup``) follow — a hang-up never lands on another call.

Robustness: two background threads. The I/O thread connects, reads, and when the port
closes says ``LineDown`` once, restarts the baresip it started (if it exited) and
reconnects with a back-off; once connected again it says ``LineUp`` and checks each call
it believed live (``callfind``): a call baresip no longer has was lost with the old
process and is reported as ``CallDropped`` — the console ends it as ``system`` and keeps
its record. The command thread sends one command at a time and waits for its response;
the console's calls (``answer``…) only queue, so the GUI never waits on the line.

Qt-free: ``ui.telephony.switchboard`` reads ``wait_events()`` on its reader thread, which
wakes as soon as the I/O thread has read an event off the socket.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import queue
import shutil
import socket
import subprocess
import threading
import time
import uuid
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from console.core.checks import check_number
from console.core.clock import Clock
from console.core.errors import UserFacingError
from console.core.settings import Settings, data_dir
from console.telephony.telephony import (
    CallConnected,
    CallDropped,
    CallerHungUp,
    CallTransferred,
    CommandFailed,
    IncomingCall,
    LineDown,
    LineUp,
    TelephonyEvent,
)

log = logging.getLogger(__name__)

# How long a command waits for baresip's response before the line counts as stuck.
RESPONSE_TIMEOUT_S = 3.0
# Back-off between reconnect attempts (and restarts of our own baresip).
RETRY_DELAYS_S = (0.2, 0.5, 1.0, 2.0, 3.0)
# At start, baresip needs a moment to open its control port: not an outage yet.
STARTUP_GRACE_S = 5.0
# Calls remembered after they end, so a late or repeated event for them is recognised.
REMEMBERED_CALLS = 500
KEYRING_SERVICE = "agent-console-sip"
MAX_FRAME = 1 << 20  # a netstring longer than this is garbage: drop the connection


# --- netstrings (https://cr.yp.to/proto/netstrings.txt) -------------------------------
# Two small functions: the PyPI netstring packages are unmaintained, and the framing is
# "<decimal length>:<bytes>," and nothing else.


def encode_netstring(payload: bytes) -> bytes:
    return str(len(payload)).encode("ascii") + b":" + payload + b","


class NetstringError(ValueError):
    """The peer sent something that is not a netstring: the stream is out of step."""


class NetstringDecoder:
    """Feed bytes as they arrive; get whole payloads back, in order."""

    def __init__(self, max_frame: int = MAX_FRAME) -> None:
        self._buf = bytearray()
        self._max = max_frame

    def feed(self, data: bytes) -> list[bytes]:
        self._buf += data
        out: list[bytes] = []
        while True:
            colon = self._buf.find(b":")
            if colon < 0:
                if len(self._buf) > len(str(self._max)):
                    raise NetstringError("length prefix too long")
                return out
            digits = bytes(self._buf[:colon])
            if not digits.isdigit() or (len(digits) > 1 and digits.startswith(b"0")):
                raise NetstringError(f"bad length prefix {digits[:20]!r}")
            length = int(digits)
            if length > self._max:
                raise NetstringError(f"frame of {length} bytes")
            end = colon + 1 + length
            if len(self._buf) < end + 1:
                return out
            if self._buf[end : end + 1] != b",":
                raise NetstringError("frame not terminated by ','")
            out.append(bytes(self._buf[colon + 1 : end]))
            del self._buf[: end + 1]


# --- configuration ------------------------------------------------------------------------


@dataclass(frozen=True)
class SoftphoneConfig:
    """One seat's softphone. Everything binds to 127.0.0.1 unless told otherwise; the
    control port always does (it has no authentication).

    Attributes:
        account: the SIP user of the seat ("1001").
        registrar: ``host[:port]`` of the SIP registrar/proxy; empty means no
            registration (calls reach the seat directly at ``sip_address:sip_port``).
        sip_address: the address baresip listens on for SIP (the seat's LAN address
            when a PBX is to reach it).
        sip_port: baresip's SIP port (UDP and TCP; baresip 1.0 also takes TLS on the
            port after it).
        control_port: baresip's ``ctrl_tcp`` port on 127.0.0.1.
        start: start (and restart) the seat's baresip; False connects to one running.
        dial_host: ``host[:port]`` that numbers are dialled at; empty means the
            registrar (or, without one, ``sip_address``).
        audio: baresip ``module,device`` for the headset, e.g. ``alsa,default``; empty
            means no sound device (headless: a tone is sent, nothing is played).
        password: the account's SIP password (from the keyring, never from settings).
        binary: the baresip executable.
    """

    account: str
    registrar: str = ""
    sip_address: str = "127.0.0.1"
    sip_port: int = 5062
    control_port: int = 4444
    start: bool = True
    dial_host: str = ""
    audio: str = ""
    password: str | None = field(default=None, repr=False)
    binary: str = "baresip"

    @property
    def domain(self) -> str:
        return self.registrar or self.sip_address

    @property
    def aor(self) -> str:
        return f"sip:{self.account}@{self.domain}"

    def dial_uri(self, number: str) -> str:
        return f"sip:{number}@{self.dial_host or self.domain}"

    def check(self) -> SoftphoneConfig:
        """Refuse what would make a broken config file (spaces, quotes, bad ports)."""
        for name in ("account", "registrar", "sip_address", "dial_host", "audio"):
            value = getattr(self, name)
            if any(c.isspace() or c in "<>;\"'\\" for c in value):
                raise UserFacingError("softphone.bad_setting", field=name, value=value[:60])
        if self.password is not None and any(c.isspace() or c in "<>;\"'\\" for c in self.password):
            # baresip's accounts line cannot carry these; never echo the password.
            raise UserFacingError("softphone.bad_setting", field="password", value="…")
        if not self.account:
            raise UserFacingError("softphone.bad_setting", field="account", value="")
        for name in ("sip_port", "control_port"):
            port = getattr(self, name)
            if not 1 <= port <= 65535:
                raise UserFacingError("softphone.bad_setting", field=name, value=str(port))
        # baresip 1.0 also takes SIP over TLS on the next port up (it has no setting
        # to leave TLS out).
        if self.control_port in (self.sip_port, self.sip_port + 1):
            raise UserFacingError(
                "softphone.bad_setting", field="control_port", value=str(self.control_port)
            )
        return self


def config_from_settings(settings: Settings) -> SoftphoneConfig | None:
    """The seat's softphone as the settings describe it; None without an account (the
    call simulator serves). Raises ``UserFacingError`` for a value that cannot work."""
    account = settings.softphone_account.strip()
    if not account:
        return None
    registrar = settings.softphone_registrar.strip()
    return SoftphoneConfig(
        account=account,
        registrar=registrar,
        sip_address=settings.softphone_sip_address.strip() or "127.0.0.1",
        sip_port=settings.softphone_sip_port,
        control_port=settings.softphone_control_port,
        start=settings.softphone_start,
        dial_host=settings.softphone_dial_host.strip(),
        audio=settings.softphone_audio.strip(),
        password=sip_password(account, registrar) if registrar else None,
    ).check()


def sip_password(account: str, registrar: str) -> str | None:
    """The account's SIP password from the OS keyring (service ``agent-console-sip``,
    user ``ACCOUNT@REGISTRAR``); None when there is none or no keyring: the registrar
    then refuses and the console shows why."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, f"{account}@{registrar}")
    except Exception as e:  # no keyring backend on this PC (headless): not fatal
        log.warning("no SIP password from the keyring: %s", e)
        return None


def config_dir_for(account: str) -> Path:
    """Where the seat's generated baresip config lives (and its log)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in account)
    return data_dir() / "softphone" / safe


def line_for_settings(settings: Settings, clock: Clock) -> BaresipLine | None:
    """The seat's softphone line, started; None when no softphone is configured."""
    cfg = config_from_settings(settings)
    if cfg is None:
        return None
    return BaresipLine(cfg, clock, config_dir_for(cfg.account))


def write_config(cfg: SoftphoneConfig, directory: Path) -> Path:
    """Write baresip's headless config directory (``config``, ``accounts``); returns it.

    Only the modules the console needs are loaded, and not ``stdio`` (no terminal).
    """
    cfg.check()
    directory.mkdir(parents=True, exist_ok=True)
    if cfg.audio:
        module = cfg.audio.split(",", 1)[0]
        audio = [
            f"audio_player {cfg.audio}",
            f"audio_source {cfg.audio}",
            f"audio_alert {cfg.audio}",
            f"module {module}.so",
        ]
    else:
        # No sound card: a 440 Hz tone goes to the far end (ausine makes 48 kHz stereo,
        # baresip resamples), what comes back is thrown away. An aufile source would
        # end the call when its file runs out.
        audio = [
            f"audio_player aufile,{os.devnull}",
            "audio_source ausine,440",
            f"audio_alert aufile,{os.devnull}",
            "ausrc_srate 48000",
            "ausrc_channels 2",
            "module aufile.so",
            "module ausine.so",
        ]
    lines = [
        "# Written by the agent console for this seat; rewritten at each start.",
        "poll_method poll",
        f"sip_listen {cfg.sip_address}:{cfg.sip_port}",
        # An interface name such as "lo" fails here; the address works.
        f"net_interface {cfg.sip_address}",
        f"module_path {module_path(cfg.binary)}",
        "module g711.so",
        *audio,
        "module_app account.so",
        "module_app menu.so",
        "module_app ctrl_tcp.so",
        f"ctrl_tcp_listen 127.0.0.1:{cfg.control_port}",
        "",
    ]
    (directory / "config").write_text("\n".join(lines), encoding="utf-8")
    account = f"<{cfg.aor}>"
    if cfg.registrar:
        account += ";regint=600"
        if cfg.password:
            account += f";auth_user={cfg.account};auth_pass={cfg.password}"
    else:
        account += ";regint=0"
    accounts = directory / "accounts"
    accounts.write_text(account + "\n", encoding="utf-8")
    accounts.chmod(0o600)  # may hold the SIP password
    return directory


def module_path(binary: str) -> Path:
    """Where baresip's modules are, found from where its program is — ``/usr/bin/baresip``
    → ``/usr/lib/baresip/modules`` (or a multiarch ``lib/<triplet>/``), a build under
    ``/usr/local`` likewise, a Windows build its own ``modules`` folder — rather than a
    path fixed for one distribution."""
    found = shutil.which(binary)
    if found is None:
        return Path("modules")  # baresip is not there: starting it says so
    bindir = Path(found).resolve().parent
    lib = bindir.parent / "lib"
    candidates = [lib / "baresip" / "modules", *sorted(lib.glob("*/baresip/modules"))]
    candidates.append(bindir / "modules")
    return next((c for c in candidates if c.is_dir()), candidates[0])


def _transfer_number(target: str) -> str:
    """The number a transfer or consultation dials; baresip dials numbers, not seat
    names, so anything else is refused at once."""
    try:
        number = check_number(target.strip() if isinstance(target, str) else None)
    except UserFacingError:
        number = None
    if not number:
        raise UserFacingError("switch.bad_number", number=str(target)[:40])
    return number


def number_of(peer_uri: str) -> str | None:
    """The caller number in ``sip:13912341234@host:port`` (None: withheld or not a
    number, e.g. ``sip:anonymous@…``)."""
    uri = peer_uri.strip().strip("<>")
    for scheme in ("sips:", "sip:", "tel:"):
        if uri.lower().startswith(scheme):
            uri = uri[len(scheme) :]
            break
    user = uri.split("@", 1)[0].split(";", 1)[0].split(":", 1)[0]
    try:
        return check_number(user) if user else None
    except UserFacingError:
        return None


# --- the line -------------------------------------------------------------------------------


class _NotConnected(Exception):
    pass


@dataclass
class _Slot:
    """Where the I/O thread leaves the response to one command (None: connection lost)."""

    done: threading.Event = field(default_factory=threading.Event)
    reply: dict[str, Any] | None = None


@dataclass
class _Call:
    ref: str
    direction: str  # "incoming" | "outgoing"
    state: str = "ringing"  # ringing → connected → ended
    agent_ended: bool = False  # the console hung up: its CALL_CLOSED is no news
    transferring: bool = False  # REFER sent: its CALL_CLOSED says the transfer is done
    hang_up_pending: bool = False  # asked while the line was down: send on reconnect


@dataclass(frozen=True)
class _Command:
    action: str  # accept | hold | resume | hangup | transfer | dial | reconcile
    ref: str = ""
    arg: str = ""


class BaresipLine:
    """``Telephony`` over the seat's baresip. See the module docstring.

    ``start()`` is called by the constructor unless ``autostart=False``; ``close()``
    stops the threads and the baresip this line started.
    """

    dials_out = True
    reaches_seats = False  # the register has no SIP address for a seat: numbers only

    def __init__(
        self,
        config: SoftphoneConfig,
        clock: Clock,
        config_dir: Path,
        *,
        autostart: bool = True,
        retry_delays: tuple[float, ...] = RETRY_DELAYS_S,
        startup_grace: float = STARTUP_GRACE_S,
    ) -> None:
        self.config = config.check()
        self.config_dir = config_dir
        self._clock = clock
        self._retry = retry_delays
        self._grace = startup_grace
        self._lock = threading.RLock()
        self._send_lock = threading.Lock()
        self._events: list[TelephonyEvent] = []
        self._arrived = threading.Condition(self._lock)  # an event for ``wait_events``
        self._calls: OrderedDict[str, _Call] = OrderedDict()  # baresip call id → call
        self._ids: dict[str, str] = {}  # console ref → baresip call id
        self._dials: deque[tuple[str, str | None]] = deque()  # (ref, number) not yet seen
        self._cancelled: set[str] = set()  # dials hung up before baresip named the call
        self._consulted: dict[str, str] = {}  # consultation ref → the target's SIP URI
        self._commands: queue.Queue[_Command | None] = queue.Queue()
        self._waiting: dict[str, _Slot] = {}
        self._tokens = itertools.count(1)
        self._sock: socket.socket | None = None
        self._connected = threading.Event()
        self._stop = threading.Event()
        self._down = False  # LineDown said, LineUp not yet
        self._registration_failed = False
        self._process: subprocess.Popen[bytes] | None = None
        self._log_file: Any = None
        self._threads: list[threading.Thread] = []
        self.restarts = 0  # times this line restarted its baresip (for tests, the log)
        if autostart:
            self.start()

    # --- Telephony ---------------------------------------------------------------------

    def poll(self) -> list[TelephonyEvent]:
        with self._lock:
            events, self._events = self._events, []
        return events

    def wait_events(self, timeout: float) -> list[TelephonyEvent]:
        """The events as the I/O thread reads them off the control socket: the reader
        wakes the moment one is said, not on a timer."""
        with self._lock:
            self._arrived.wait_for(lambda: self._events or self._stop.is_set(), timeout)
            events, self._events = self._events, []
        return events

    def _say(self, event: TelephonyEvent) -> None:
        with self._lock:
            self._events.append(event)
            self._arrived.notify_all()

    def answer(self, ref: str) -> None:
        self._commands.put(_Command("accept", ref))

    def hold(self, ref: str) -> None:
        self._commands.put(_Command("hold", ref))

    def resume(self, ref: str) -> None:
        self._commands.put(_Command("resume", ref))

    def hang_up(self, ref: str) -> None:
        with self._lock:
            call = self._call(ref)
            if call is not None:
                call.agent_ended = True
            elif any(r == ref for r, _n in self._dials):
                self._cancelled.add(ref)  # hung up when baresip names the call
        self._commands.put(_Command("hangup", ref))

    def transfer(self, ref: str, target: str) -> None:
        """Blind transfer with baresip's ``transfer <uri>`` (a SIP REFER to the caller's
        side): ``target`` is dialled like a number (an extension, a seat's number).
        baresip closes the call once the caller's side reports the target reached
        (NOTIFY, sipfrag 2xx; CALL_CLOSED "Call transfered"): that is said as
        ``CallTransferred``. A REFER the far end refuses, or a NOTIFY with a failure
        (TRANSFER_FAILED), comes back as ``CommandFailed`` and the call goes on."""
        self._refer(ref, self.config.dial_uri(_transfer_number(target)))

    def _refer(self, ref: str, uri: str) -> None:
        with self._lock:
            call = self._call(ref)
            if call is not None:
                call.transferring = True
        self._commands.put(_Command("transfer", ref, uri))

    def consult(self, ref: str, target: str) -> str:
        """Attended transfer without Replaces (baresip 1.0 cannot give the consultation
        call's dialog tags a Replaces header needs: docs/softphone.md): the caller is
        put on hold and ``target`` dialled as a call of its own, whose ref is returned
        (its ``CallConnected`` / ``CallerHungUp`` name that ref)."""
        number = _transfer_number(target)
        consult_ref = str(uuid.uuid4())
        with self._lock:
            self._consulted[consult_ref] = self.config.dial_uri(number)
            self._dials.append((consult_ref, number))
        self._commands.put(_Command("hold", ref))
        self._commands.put(_Command("dial", consult_ref, self._consulted[consult_ref]))
        return consult_ref

    def complete_transfer(self, ref: str, consult_ref: str) -> None:
        """The consultation call is hung up and the held caller REFERred blind to the
        same target, whose phone rings again, now with the caller. Confirmed or refused
        as ``transfer`` is."""
        with self._lock:
            uri = self._consulted.pop(consult_ref, None)
        if uri is None:
            raise UserFacingError("switch.transfer_no_target")
        self.hang_up(consult_ref)
        self._refer(ref, uri)

    def end_consult(self, ref: str, consult_ref: str) -> None:
        """The consultation call is hung up; the console resumes the caller itself."""
        with self._lock:
            self._consulted.pop(consult_ref, None)
        self.hang_up(consult_ref)

    def dial(self, number: str) -> str:
        number = check_number(number) or ""
        if not number:
            raise UserFacingError("input.invalid", field="number")
        ref = str(uuid.uuid4())
        with self._lock:
            self._dials.append((ref, number))
        self._commands.put(_Command("dial", ref, self.config.dial_uri(number)))
        return ref

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            self._arrived.notify_all()  # a reader waiting for events returns
        self._commands.put(None)
        self._drop_connection()
        for t in self._threads:
            t.join(timeout=5)
        self._threads = []
        self._stop_process()

    # --- state for tests and the log --------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    @property
    def pid(self) -> int | None:
        p = self._process
        return p.pid if p is not None and p.poll() is None else None

    # --- start-up ----------------------------------------------------------------------------

    def start(self) -> None:
        if self._threads:
            return
        self._stop.clear()
        if self.config.start:
            write_config(self.config, self.config_dir)
        self._threads = [
            threading.Thread(target=self._io_loop, name="baresip-io", daemon=True),
            threading.Thread(target=self._command_loop, name="baresip-commands", daemon=True),
        ]
        for t in self._threads:
            t.start()

    def _start_process(self) -> None:
        """Start our baresip unless it is running; says ``LineDown`` if it cannot."""
        if not self.config.start or (self._process and self._process.poll() is None):
            return
        if self._process is not None:
            log.warning("baresip exited with %s; starting it again", self._process.returncode)
            self.restarts += 1
            self._process = None
        binary = shutil.which(self.config.binary)
        if binary is None:
            self._say_down("softphone.not_installed", binary=self.config.binary)
            return
        if self._log_file is None:
            self._log_file = open(self.config_dir / "baresip.log", "ab")  # noqa: SIM115
        self._process = subprocess.Popen(
            [binary, "-4", "-f", str(self.config_dir)],
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl+C in the console's terminal is not its
        )
        log.info("started baresip (pid %s) for %s", self._process.pid, self.config.aor)

    def _stop_process(self) -> None:
        p, self._process = self._process, None
        if p is not None and p.poll() is None:
            p.terminate()
            try:
                p.wait(timeout=3)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=3)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    # --- the I/O thread --------------------------------------------------------------------

    def _io_loop(self) -> None:
        started = time.monotonic()
        attempt = 0
        while not self._stop.is_set():
            self._start_process()
            try:
                sock = socket.create_connection(("127.0.0.1", self.config.control_port), 1.0)
            except OSError as e:
                if self._down or time.monotonic() - started > self._grace:
                    self._say_down(
                        "softphone.down", port=str(self.config.control_port), detail=str(e)
                    )
                self._stop.wait(self._retry[min(attempt, len(self._retry) - 1)])
                attempt += 1
                continue
            attempt = 0
            self._serve(sock)
            if not self._stop.is_set():
                self._say_down(
                    "softphone.down",
                    port=str(self.config.control_port),
                    detail="connection closed",
                )
                self._stop.wait(self._retry[0])

    def _serve(self, sock: socket.socket) -> None:
        """Read one connection until it closes."""
        sock.settimeout(0.5)
        with self._send_lock:
            self._sock = sock
        self._connected.set()
        with self._lock:
            was_down, self._down = self._down, False
            if was_down:
                self._say(LineUp(self._clock.now()))
        self._commands.put(_Command("reconcile"))
        decoder = NetstringDecoder()
        try:
            while not self._stop.is_set():
                try:
                    data = sock.recv(65536)
                except TimeoutError:
                    continue
                if not data:
                    break
                for frame in decoder.feed(data):
                    self._on_frame(frame)
        except (OSError, NetstringError) as e:
            if not self._stop.is_set():  # closing the line closes the socket under us
                log.warning("baresip control connection lost: %s", e)
        finally:
            self._drop_connection()

    def _drop_connection(self) -> None:
        with self._send_lock:
            sock, self._sock = self._sock, None
        self._connected.clear()
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        with self._lock:  # nobody will answer the commands in flight
            for slot in self._waiting.values():
                slot.done.set()

    def _say_down(self, message_id: str, **params: str) -> None:
        with self._lock:
            if not self._down:
                self._down = True
                self._say(LineDown(self._clock.now(), message_id, params))

    def _on_frame(self, frame: bytes) -> None:
        try:
            msg = json.loads(frame.decode("utf-8", errors="replace"))
        except ValueError:
            log.warning("baresip sent something that is not JSON: %r", frame[:200])
            return
        if not isinstance(msg, dict):
            return
        if msg.get("response"):
            with self._lock:
                slot = self._waiting.get(str(msg.get("token")))
                if slot is not None:
                    slot.reply = msg
                    slot.done.set()
            return
        if msg.get("event"):
            with self._lock:
                self._on_event(msg)

    def _on_event(self, msg: dict[str, Any]) -> None:
        """One baresip event → at most one console event; lifecycle order enforced."""
        kind = str(msg.get("type", ""))
        now = self._clock.now()
        if kind == "REGISTER_FAIL":
            self._registration_failed = True
            self._say_down("softphone.register_failed", detail=str(msg.get("param", "")))
            return
        if kind == "REGISTER_OK":
            if self._registration_failed and self._down:
                self._down = False
                self._say(LineUp(now))
            self._registration_failed = False
            return
        if msg.get("class") != "call" or not msg.get("id"):
            return
        call_id = str(msg["id"])
        call = self._calls.get(call_id)
        direction = str(msg.get("direction", ""))
        if call is None:
            if kind == "CALL_INCOMING" and direction == "incoming":
                call = self._remember(call_id, _Call(str(uuid.uuid4()), "incoming"))
                number = number_of(str(msg.get("peeruri", "")))
                self._say(IncomingCall(call.ref, number, now))
                return
            number = number_of(str(msg.get("peeruri", "")))
            # A dial refused at once (busy, 404) is first heard of as its CALL_CLOSED:
            # taken for the dial only when the number is the one dialled.
            closed = kind == "CALL_CLOSED"
            dialled = self._claim_dial(number, exact=closed) if direction == "outgoing" else None
            if dialled is not None:
                call = self._remember(call_id, _Call(dialled, "outgoing"))
                if dialled in self._cancelled:
                    self._cancelled.discard(dialled)
                    call.agent_ended = True
                    if not closed:
                        self._commands.put(_Command("hangup", dialled))
            else:
                # A call first seen ending (we connected mid-call) or a stray event:
                # remembered as ended, so its late ring pops nothing.
                if kind == "CALL_CLOSED":
                    self._remember(call_id, _Call(str(uuid.uuid4()), direction, "ended"))
                return
        if kind == "TRANSFER_FAILED" and call.state != "ended":
            # The far end refused the REFER (or the target did not answer): the caller
            # is still on this seat's line, and the call goes on.
            call.transferring = False
            detail = str(msg.get("param", ""))[:200]
            self._say(
                CommandFailed(
                    call.ref, now, "transfer", "softphone.transfer_failed", {"detail": detail}
                )
            )
            return
        if kind == "CALL_ESTABLISHED" and call.state == "ringing":
            call.state = "connected"
            self._say(CallConnected(call.ref, now))
        elif kind == "CALL_CLOSED" and call.state != "ended":
            call.state = "ended"
            param = str(msg.get("param", ""))
            if call.agent_ended:
                return
            # baresip 1.0 closes a transferred call with "Call transfered"; any other
            # close during the REFER is the caller hanging up before it was done.
            if call.transferring and "transfer" in param.lower():
                self._say(CallTransferred(call.ref, now))
            else:
                self._say(CallerHungUp(call.ref, now, param))

    def _remember(self, call_id: str, call: _Call) -> _Call:
        self._calls[call_id] = call
        self._ids[call.ref] = call_id
        while len(self._calls) > REMEMBERED_CALLS:
            _old_id, old = self._calls.popitem(last=False)
            self._ids.pop(old.ref, None)
        return call

    def _claim_dial(self, number: str | None, *, exact: bool = False) -> str | None:
        for i, (ref, dialled) in enumerate(self._dials):
            if dialled == number:
                del self._dials[i]
                return ref
        if exact:
            return None
        return self._dials.popleft()[0] if self._dials else None

    def _call(self, ref: str) -> _Call | None:
        call_id = self._ids.get(ref)
        return self._calls.get(call_id) if call_id is not None else None

    # --- the command thread ------------------------------------------------------------------

    def _command_loop(self) -> None:
        while True:
            cmd = self._commands.get()
            if cmd is None or self._stop.is_set():
                return
            try:
                self._run(cmd)
            except _NotConnected:
                self._not_sent(cmd)
            except Exception:  # a bug here must not stop the line
                log.exception("softphone command %s failed", cmd.action)

    def _run(self, cmd: _Command) -> None:
        if cmd.action == "reconcile":
            self._reconcile()
            return
        if cmd.action == "dial":
            if not self._connected.is_set():
                raise _NotConnected
            reply = self._request("dial", cmd.arg)
            if not reply.get("ok"):
                with self._lock:
                    self._dials = deque(d for d in self._dials if d[0] != cmd.ref)
                    self._say(
                        CallDropped(
                            cmd.ref,
                            self._clock.now(),
                            "softphone.refused",
                            {"action": "dial", "detail": str(reply.get("data", ""))[:200]},
                        )
                    )
            return
        with self._lock:
            call = self._call(cmd.ref)
            call_id = self._ids.get(cmd.ref)
        if call is None or call_id is None:
            return  # a call the line never had (or long forgotten): nothing to do
        if call.state == "ended":
            return  # the far end went first; its hang-up is already on its way
        if not self._connected.is_set():
            raise _NotConnected
        if not self._select(call_id):
            return  # baresip no longer has it: reconcile/CALL_CLOSED will say so
        reply = self._request(cmd.action, cmd.arg or None)
        if not reply.get("ok"):
            with self._lock:
                if cmd.action == "transfer":
                    call.transferring = False
                if call.state != "ended":
                    self._say(
                        CommandFailed(
                            cmd.ref,
                            self._clock.now(),
                            cmd.action,
                            "softphone.refused",
                            {"action": cmd.action, "detail": str(reply.get("data", ""))[:200]},
                        )
                    )

    def _not_sent(self, cmd: _Command) -> None:
        """The line is down. A hang-up waits for the line (the call must not be left
        up on a softphone that only lost its control port); a dial is dropped and said;
        answer/hold/resume are stale by the time the line is back."""
        now = self._clock.now()
        with self._lock:
            if cmd.action == "hangup":
                call = self._call(cmd.ref)
                if call is not None:
                    call.hang_up_pending = True
                return
            if cmd.action == "dial":
                self._dials = deque(d for d in self._dials if d[0] != cmd.ref)
                self._say(CallDropped(cmd.ref, now, "softphone.not_connected"))
            elif cmd.action in ("accept", "hold", "resume", "transfer"):
                call = self._call(cmd.ref)
                if call is not None and cmd.action == "transfer":
                    call.transferring = False
                self._say(CommandFailed(cmd.ref, now, cmd.action, "softphone.not_connected"))

    def _reconcile(self) -> None:
        """After a (re)connect: calls baresip no longer has were lost with it."""
        with self._lock:
            live = [(cid, c) for cid, c in self._calls.items() if c.state != "ended"]
        for call_id, call in live:
            if self._select(call_id):
                if call.hang_up_pending:
                    call.hang_up_pending = False
                    self._request("hangup")
                continue
            with self._lock:
                if call.state == "ended":
                    continue
                call.state = "ended"
                if not call.agent_ended:
                    self._say(CallDropped(call.ref, self._clock.now(), "softphone.call_lost"))

    def _select(self, call_id: str) -> bool:
        """Make ``call_id`` baresip's current call; False when baresip has no such call
        (``callfind`` answers ok with "call not found", or is unknown with no calls)."""
        reply = self._request("callfind", call_id)
        return bool(reply.get("ok")) and "setting current call" in str(reply.get("data", ""))

    def _request(self, command: str, params: str | None = None) -> dict[str, Any]:
        token = f"c{next(self._tokens)}"
        body: dict[str, Any] = {"command": command, "token": token}
        if params is not None:
            body["params"] = params
        slot = _Slot()
        with self._lock:
            self._waiting[token] = slot
        try:
            with self._send_lock:
                if self._sock is None:
                    raise _NotConnected
                try:
                    self._sock.sendall(encode_netstring(json.dumps(body).encode("utf-8")))
                except OSError as e:
                    raise _NotConnected from e
            if not slot.done.wait(RESPONSE_TIMEOUT_S):
                log.warning("baresip did not answer %s; dropping the connection", command)
                self._drop_connection()
                raise _NotConnected
            if slot.reply is None:
                raise _NotConnected
            return slot.reply
        finally:
            with self._lock:
                self._waiting.pop(token, None)
