"""The baresip adapter (console/telephony/softphone.py) without Qt: netstrings, the generated
config, the event mapping against a scripted ctrl_tcp peer (duplicates, out-of-order
events, a control port that closes), and the real baresip with sipp on loopback."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from console.core.clock import ManualClock, SystemClock
from console.core.errors import UserFacingError
from console.core.settings import Settings
from console.telephony.softphone import (
    BaresipLine,
    NetstringDecoder,
    NetstringError,
    SoftphoneConfig,
    config_from_settings,
    encode_netstring,
    module_path,
    number_of,
    write_config,
)
from console.telephony.telephony import (
    CallConnected,
    CallDropped,
    CallerHungUp,
    CallTransferred,
    CommandFailed,
    IncomingCall,
    LineDown,
    LineUp,
    SimulatedSwitch,
    TelephonyEvent,
)
from tests.sip.peers import (
    answer_calls,
    call_seat,
    connected_line,
    free_port,
    needs_sip_peers,
    seat_config,
)

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


# --- netstrings ---------------------------------------------------------------------------


def test_netstrings_round_trip_across_split_and_joined_reads() -> None:
    frames = [b'{"a":1}', b"", "电话".encode()]
    wire = b"".join(encode_netstring(f) for f in frames)
    assert wire.startswith(b'7:{"a":1},0:,6:')
    d = NetstringDecoder()
    got: list[bytes] = []
    for i in range(len(wire)):  # one byte at a time: every split point
        got += d.feed(wire[i : i + 1])
    assert got == frames
    assert NetstringDecoder().feed(wire) == frames


@pytest.mark.parametrize("bad", [b"x:abc,", b"3:abcd", b"03:abc,", b"9" * 12])
def test_a_stream_out_of_step_is_refused(bad: bytes) -> None:
    with pytest.raises(NetstringError):
        NetstringDecoder().feed(bad)


# --- configuration ---------------------------------------------------------------------------


def test_the_generated_config_is_headless_and_on_loopback(tmp_path: Path) -> None:
    cfg = SoftphoneConfig(account="1001", sip_port=5070, control_port=4470)
    write_config(cfg, tmp_path)
    config = (tmp_path / "config").read_text()
    assert "sip_listen 127.0.0.1:5070" in config
    assert "ctrl_tcp_listen 127.0.0.1:4470" in config
    assert "module_app ctrl_tcp.so" in config and "stdio.so" not in config
    assert "audio_source ausine,440" in config  # no sound card, and no file that runs out
    assert (tmp_path / "accounts").read_text() == "<sip:1001@127.0.0.1>;regint=0\n"

    pbx = SoftphoneConfig(
        account="1001",
        registrar="10.0.0.5",
        sip_address="10.0.0.31",
        audio="alsa,default",
        password="s3cret",
    )
    write_config(pbx, tmp_path)
    assert "audio_source alsa,default" in (tmp_path / "config").read_text()
    account = (tmp_path / "accounts").read_text()
    assert account.startswith("<sip:1001@10.0.0.5>;regint=600;auth_user=1001;auth_pass=s3cret")
    assert (tmp_path / "accounts").stat().st_mode & 0o077 == 0  # the password stays private
    assert "s3cret" not in repr(pbx)
    assert pbx.dial_uri("95007") == "sip:95007@10.0.0.5"


def test_baresips_modules_are_found_from_where_its_program_is(tmp_path: Path) -> None:
    """No distribution's path is assumed: a multiarch Linux layout and a
    Windows-style folder each find their own modules."""
    for program, modules in (
        ("usr/bin/baresip", "usr/lib/x86_64-linux-gnu/baresip/modules"),
        ("opt/baresip/baresip", "opt/baresip/modules"),
    ):
        binary = tmp_path / program
        binary.parent.mkdir(parents=True)
        binary.write_text("#!/bin/sh\n")
        binary.chmod(0o755)
        (tmp_path / modules).mkdir(parents=True)
        assert module_path(str(binary)) == tmp_path / modules
        written = write_config(SoftphoneConfig(account="1001", binary=str(binary)), binary.parent)
        config = (written / "config").read_text()
        assert f"module_path {tmp_path / modules}\n" in config


@pytest.mark.parametrize(
    ("field", "value"),
    [("account", ""), ("account", "10 01"), ("registrar", "a;b"), ("sip_port", 0)],
)
def test_settings_that_cannot_work_are_refused(field: str, value: object) -> None:
    values: dict[str, Any] = {"account": "1001", field: value}
    with pytest.raises(UserFacingError) as e:
        SoftphoneConfig(**values).check()
    assert e.value.message_id == "softphone.bad_setting" and e.value.params["field"] == field


def test_no_account_in_the_settings_means_the_simulator() -> None:
    assert config_from_settings(Settings(seat="s")) is None
    cfg = config_from_settings(Settings(seat="s", softphone_account=" 1001 ", softphone_sip_port=1))
    assert cfg is not None and (cfg.account, cfg.sip_port) == ("1001", 1)


def test_caller_numbers_from_sip_uris() -> None:
    assert number_of("sip:13912341234@127.0.0.1:5070") == "13912341234"
    assert number_of("<sip:+8653812345678@pbx;user=phone>") == "+8653812345678"
    assert number_of("sip:anonymous@anonymous.invalid") is None
    assert number_of("") is None


def test_the_simulator_has_the_same_interface(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    switch = SimulatedSwitch(create_engine(f"sqlite:///{tmp_path}/x.db"), "seat-A", ManualClock(T0))
    assert switch.dials_out is False
    ref = switch.dial("13912341234")
    assert switch._said == [CallConnected(ref, T0)]


# --- the event mapping, against a scripted ctrl_tcp peer ----------------------------------------


class ScriptedBaresip:
    """A ctrl_tcp peer on loopback that speaks baresip's protocol from a script:
    it records commands, answers them with ``reply`` and sends the events it is told."""

    def __init__(self) -> None:
        self.port = free_port()
        self.server = socket.create_server(("127.0.0.1", self.port))
        self.server.settimeout(10)
        self.conn: socket.socket | None = None
        self.commands: list[tuple[str, str | None]] = []
        self.calls: set[str] = set()  # call ids "baresip" has: callfind finds these
        self.refuse: set[str] = set()  # commands answered ok=false
        self._reader: threading.Thread | None = None

    def accept(self) -> None:
        self.conn, _ = self.server.accept()
        self._reader = threading.Thread(target=self._read, args=(self.conn,), daemon=True)
        self._reader.start()

    def _read(self, conn: socket.socket) -> None:
        decoder = NetstringDecoder()
        while True:
            try:
                data = conn.recv(4096)
            except OSError:
                return
            if not data:
                return
            for frame in decoder.feed(data):
                msg = json.loads(frame)
                command, params = msg["command"], msg.get("params")
                self.commands.append((command, params))
                if command == "callfind":
                    ok, text = (
                        True,
                        (
                            f"setting current call: {params}\n"
                            if params in self.calls
                            else f"call not found (id={params})\n"
                        ),
                    )
                else:
                    ok, text = command not in self.refuse, "" if command else "?"
                    if not ok:
                        text = "Invalid argument"
                self.send({"response": True, "ok": ok, "data": text, "token": msg["token"]})

    def send(self, msg: dict[str, Any]) -> None:
        assert self.conn is not None
        self.conn.sendall(encode_netstring(json.dumps(msg).encode()))

    def event(self, kind: str, call_id: str, direction: str = "incoming", **extra: str) -> None:
        msg = {
            "event": True,
            "class": "call",
            "type": kind,
            "accountaor": "sip:1001@127.0.0.1",
            "direction": direction,
            "peeruri": extra.pop("peeruri", "sip:13912341234@127.0.0.1:5070"),
            "id": call_id,
            "param": extra.pop("param", ""),
        }
        self.send(msg)

    def hang_up_connection(self) -> None:
        assert self.conn is not None
        self.conn.shutdown(socket.SHUT_RDWR)  # a FIN even while our reader is in recv
        self.conn.close()
        self.conn = None
        self.server.close()  # and nobody listens: "baresip" is gone

    def come_back(self) -> None:
        self.server = socket.create_server(("127.0.0.1", self.port))
        self.server.settimeout(10)
        self.accept()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.server.close()


@pytest.fixture
def peer() -> Iterator[ScriptedBaresip]:
    p = ScriptedBaresip()
    yield p
    p.close()


@pytest.fixture
def scripted_line(peer: ScriptedBaresip, tmp_path: Path) -> Iterator[BaresipLine]:
    cfg = SoftphoneConfig(account="1001", control_port=peer.port, start=False)
    line = BaresipLine(cfg, ManualClock(T0), tmp_path, retry_delays=(0.05,), startup_grace=0)
    peer.accept()
    # The peer has accepted; the line marks itself connected a moment later, on its own
    # thread. A dial before that is dropped as "not connected", as it should be.
    deadline = time.monotonic() + 10
    while not line.connected and time.monotonic() < deadline:
        time.sleep(0.01)
    assert line.connected, "the line never connected to the scripted baresip"
    yield line
    line.close()


def _collect(
    line: BaresipLine, until: Callable[[list[TelephonyEvent]], bool], timeout: float = 10
) -> list[TelephonyEvent]:
    events: list[TelephonyEvent] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        events += line.poll()
        if until(events):
            return events
        time.sleep(0.02)
    raise AssertionError(f"timed out; events so far: {events}")


def _settle(line: BaresipLine, peer: ScriptedBaresip) -> list[TelephonyEvent]:
    """Everything up to now: a marker call's ring comes after all earlier events."""
    marker = f"marker-{time.monotonic_ns()}"
    peer.calls.add(marker)  # "baresip" has it: a late check after connecting drops nothing
    peer.event("CALL_INCOMING", marker, peeruri="sip:110@x")
    events = _collect(
        line, lambda ev: any(isinstance(e, IncomingCall) and e.number == "110" for e in ev)
    )
    return [e for e in events if not (isinstance(e, IncomingCall) and e.number == "110")]


def test_duplicate_and_out_of_order_events_change_nothing(
    scripted_line: BaresipLine, peer: ScriptedBaresip
) -> None:
    line = scripted_line
    # "baresip" has the call while it lasts: the line's check after connecting
    # (``callfind``), should it run only now, finds it and drops nothing.
    peer.calls.add("a@x")
    peer.event("CALL_INCOMING", "a@x")
    peer.event("CALL_INCOMING", "a@x")  # repeated
    peer.event("CALL_ESTABLISHED", "a@x")
    peer.event("CALL_ESTABLISHED", "a@x")
    peer.event("CALL_CLOSED", "a@x", param="Connection reset by peer")
    peer.event("CALL_CLOSED", "a@x")
    peer.event("CALL_ESTABLISHED", "a@x")  # late: the call is over
    peer.event("CALL_INCOMING", "a@x")  # late ring of an ended call: no pop
    peer.event("CALL_CLOSED", "b@x")  # the end of a call never seen ringing …
    peer.event("CALL_INCOMING", "b@x")  # … then its ring, out of order: no pop
    peer.event("CALL_ESTABLISHED", "c@x")  # established, never rang: nothing
    events = _settle(line, peer)
    (ring,) = [e for e in events if isinstance(e, IncomingCall)]
    assert ring.number == "13912341234" and ring.at == T0
    assert events == [
        ring,
        CallConnected(ring.ref, T0),
        CallerHungUp(ring.ref, T0, "Connection reset by peer"),
    ]


def test_commands_reach_only_the_call_they_name(
    scripted_line: BaresipLine, peer: ScriptedBaresip
) -> None:
    line = scripted_line
    peer.calls.add("a@x")
    peer.event("CALL_INCOMING", "a@x")
    (ring,) = _collect(line, lambda ev: bool(ev))
    assert isinstance(ring, IncomingCall)
    line.answer(ring.ref)
    line.hold(ring.ref)
    line.resume(ring.ref)
    _settle(line, peer)
    deadline = time.monotonic() + 5
    while len(peer.commands) < 6 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert peer.commands[:6] == [
        ("callfind", "a@x"),
        ("accept", None),
        ("callfind", "a@x"),
        ("hold", None),
        ("callfind", "a@x"),
        ("resume", None),
    ]

    # baresip lost the call (no longer found): no hang-up lands on whatever is current.
    peer.calls.clear()
    peer.commands.clear()
    line.hang_up(ring.ref)
    deadline = time.monotonic() + 5
    while not peer.commands and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.2)
    assert peer.commands == [("callfind", "a@x")]


def test_a_refused_command_is_reported_for_its_call(
    scripted_line: BaresipLine, peer: ScriptedBaresip
) -> None:
    line = scripted_line
    peer.calls.add("a@x")
    peer.refuse.add("hold")
    peer.event("CALL_INCOMING", "a@x")
    (ring,) = _collect(line, lambda ev: bool(ev))
    assert isinstance(ring, IncomingCall)
    line.hold(ring.ref)
    (failed,) = _collect(line, lambda ev: bool(ev))
    assert failed == CommandFailed(
        ring.ref,
        T0,
        "hold",
        "softphone.refused",
        {"action": "hold", "detail": "Invalid argument"},
    )


def test_a_blind_transfer_refers_the_caller_and_its_close_says_it_is_done(
    scripted_line: BaresipLine, peer: ScriptedBaresip
) -> None:
    """``transfer <uri>`` on the call named (callfind first), the target dialled like a
    number; baresip's CALL_CLOSED after the REFER ("Call transfered") is the transfer
    done, not the caller hanging up. A caller who hangs up before the REFER is carried
    out did hang up."""
    line = scripted_line
    peer.calls.add("a@x")
    peer.event("CALL_INCOMING", "a@x")
    (ring,) = _collect(line, lambda ev: bool(ev))
    assert isinstance(ring, IncomingCall)
    peer.event("CALL_ESTABLISHED", "a@x")
    _collect(line, lambda ev: bool(ev))
    line.transfer(ring.ref, "1002")
    deadline = time.monotonic() + 5
    while ("transfer", "sip:1002@127.0.0.1") not in peer.commands and time.monotonic() < deadline:
        time.sleep(0.02)
    assert peer.commands[-2:] == [("callfind", "a@x"), ("transfer", "sip:1002@127.0.0.1")]
    peer.event("CALL_CLOSED", "a@x", param="Call transfered")
    assert _collect(line, lambda ev: bool(ev)) == [CallTransferred(ring.ref, T0)]
    assert _settle(line, peer) == []

    peer.calls.add("b@x")
    peer.event("CALL_INCOMING", "b@x")
    (second,) = _collect(line, lambda ev: bool(ev))
    assert isinstance(second, IncomingCall)
    line.transfer(second.ref, "1002")
    peer.event("CALL_CLOSED", "b@x", param="Connection reset by peer")
    assert _collect(line, lambda ev: bool(ev)) == [
        CallerHungUp(second.ref, T0, "Connection reset by peer")
    ]
    with pytest.raises(UserFacingError) as refused:
        line.transfer(ring.ref, "坐席08")  # baresip dials numbers, not seat names
    assert refused.value.message_id == "switch.bad_number"


def _sent(peer: ScriptedBaresip, command: tuple[str, str | None]) -> None:
    deadline = time.monotonic() + 5
    while command not in peer.commands and time.monotonic() < deadline:
        time.sleep(0.02)
    assert command in peer.commands, peer.commands


def test_an_attended_transfer_holds_dials_then_hangs_up_and_refers_to_the_same_target(
    scripted_line: BaresipLine, peer: ScriptedBaresip
) -> None:
    """Without Replaces (baresip 1.0): consult = hold the caller, dial the target (a
    call of its own); end_consult = hang that call up; complete = hang it up and REFER
    the held caller to the same target, confirmed when the caller's call closes as
    transferred."""
    line = scripted_line
    peer.calls.add("a@x")
    peer.event("CALL_INCOMING", "a@x")
    (ring,) = _collect(line, lambda ev: bool(ev))
    assert isinstance(ring, IncomingCall)
    target = "sip:1002@127.0.0.1"
    out = {"direction": "outgoing", "peeruri": target}

    first = line.consult(ring.ref, "1002")
    _sent(peer, ("dial", target))
    assert peer.commands[-3:] == [("callfind", "a@x"), ("hold", None), ("dial", target)]
    peer.calls.add("c1@x")
    peer.event("CALL_ESTABLISHED", "c1@x", **out)
    assert _collect(line, lambda ev: bool(ev)) == [CallConnected(first, T0)]
    line.end_consult(ring.ref, first)  # back to the caller: the consultation hangs up
    _sent(peer, ("callfind", "c1@x"))
    _sent(peer, ("hangup", None))
    peer.event("CALL_CLOSED", "c1@x", param="Connection closed", **out)

    second = line.consult(ring.ref, "1002")
    assert second != first
    peer.commands.clear()
    peer.calls.add("c2@x")
    peer.event("CALL_ESTABLISHED", "c2@x", **out)
    assert _collect(line, lambda ev: bool(ev)) == [CallConnected(second, T0)]
    line.complete_transfer(ring.ref, second)
    _sent(peer, ("transfer", target))
    assert peer.commands[-4:] == [
        ("callfind", "c2@x"),
        ("hangup", None),
        ("callfind", "a@x"),
        ("transfer", target),
    ]
    peer.event("CALL_CLOSED", "c2@x", param="Connection closed", **out)
    peer.event("CALL_CLOSED", "a@x", param="Call transfered")
    assert _collect(line, lambda ev: bool(ev)) == [CallTransferred(ring.ref, T0)]
    assert _settle(line, peer) == []
    with pytest.raises(UserFacingError) as refused:
        line.consult(ring.ref, "坐席08")  # baresip dials numbers, not seat names
    assert refused.value.message_id == "switch.bad_number"


def test_a_transfer_baresip_or_the_far_end_refuses_is_said(
    scripted_line: BaresipLine, peer: ScriptedBaresip
) -> None:
    line = scripted_line
    peer.calls.update({"a@x", "b@x"})
    peer.refuse.add("transfer")
    peer.event("CALL_INCOMING", "a@x")
    (ring,) = _collect(line, lambda ev: bool(ev))
    assert isinstance(ring, IncomingCall)
    line.transfer(ring.ref, "1002")
    (failed,) = _collect(line, lambda ev: bool(ev))
    assert isinstance(failed, CommandFailed)
    assert (failed.action, failed.message_id) == ("transfer", "softphone.refused")
    # The REFER accepted, the transfer then failing (the target did not answer).
    peer.refuse.clear()
    peer.event("CALL_INCOMING", "b@x")
    (second,) = _collect(line, lambda ev: bool(ev))
    assert isinstance(second, IncomingCall)
    line.transfer(second.ref, "1002")
    peer.event("TRANSFER_FAILED", "b@x", param="480 Temporarily Unavailable")
    (failed,) = _collect(line, lambda ev: bool(ev))
    assert failed == CommandFailed(
        second.ref,
        T0,
        "transfer",
        "softphone.transfer_failed",
        {"detail": "480 Temporarily Unavailable"},
    )
    # The call goes on: the agent hangs up later, which is no news from the line.
    line.hang_up(second.ref)
    peer.event("CALL_CLOSED", "b@x", param="Connection closed")
    assert _settle(line, peer) == []


def test_the_control_port_closing_says_line_down_once_then_reconnects_and_reconciles(
    scripted_line: BaresipLine, peer: ScriptedBaresip
) -> None:
    line = scripted_line
    peer.calls.update({"live@x", "gone@x"})
    peer.event("CALL_INCOMING", "live@x")
    peer.event("CALL_INCOMING", "gone@x", peeruri="sip:13900000002@x")
    live, gone = _collect(line, lambda ev: len(ev) == 2)
    assert isinstance(live, IncomingCall) and isinstance(gone, IncomingCall)

    peer.hang_up_connection()
    (down,) = _collect(line, lambda ev: bool(ev))
    assert isinstance(down, LineDown) and down.message_id == "softphone.down"
    line.hang_up(live.ref)  # the agent hangs up while the line is down: kept for later
    time.sleep(0.3)
    assert line.poll() == []  # one outage, said once

    # "baresip" comes back, having lost one of the calls.
    peer.calls.discard("gone@x")
    peer.commands.clear()
    peer.come_back()
    events = _collect(line, lambda ev: any(isinstance(e, CallDropped) for e in ev))
    assert events == [LineUp(T0), CallDropped(gone.ref, T0, "softphone.call_lost")]
    deadline = time.monotonic() + 5
    while ("hangup", None) not in peer.commands and time.monotonic() < deadline:
        time.sleep(0.02)
    assert ("callfind", "live@x") in peer.commands and ("hangup", None) in peer.commands


def test_a_dialled_call_is_followed_by_its_own_ref(
    scripted_line: BaresipLine, peer: ScriptedBaresip
) -> None:
    line = scripted_line
    ref = line.dial("95007")
    deadline = time.monotonic() + 5
    while not peer.commands and time.monotonic() < deadline:
        time.sleep(0.02)
    assert peer.commands == [("dial", "sip:95007@127.0.0.1")]
    out = {"direction": "outgoing", "peeruri": "sip:95007@127.0.0.1"}
    peer.event("CALL_RINGING", "o1", **out)
    peer.event("CALL_ESTABLISHED", "o1", **out)
    peer.event("CALL_CLOSED", "o1", param="Connection reset by peer", **out)
    events = _settle(line, peer)
    assert events == [CallConnected(ref, T0), CallerHungUp(ref, T0, "Connection reset by peer")]
    # Busy at once: the dial's first event is its close, still the dial's.
    busy = line.dial("95007")
    peer.event("CALL_CLOSED", "o2", param="486 Busy Here", **out)
    assert _settle(line, peer) == [CallerHungUp(busy, T0, "486 Busy Here")]


def test_a_missing_baresip_is_said_not_crashed(tmp_path: Path) -> None:
    cfg = seat_config(binary="no-such-baresip")
    line = BaresipLine(cfg, ManualClock(T0), tmp_path, retry_delays=(0.05,), startup_grace=0)
    try:
        (down,) = _collect(line, lambda ev: bool(ev))
        assert isinstance(down, LineDown) and down.message_id == "softphone.not_installed"
        ref = line.dial("95007")  # the desk may still try: told at once, nothing hangs
        dropped = _collect(line, lambda ev: bool(ev))
        assert dropped == [CallDropped(ref, T0, "softphone.not_connected")]
    finally:
        line.close()


# --- the real baresip and sipp on loopback ------------------------------------------------------


@pytest.fixture
def real_line(tmp_path: Path) -> Iterator[BaresipLine]:
    line = connected_line(seat_config(), SystemClock(), tmp_path / "baresip")
    yield line
    line.close()
    assert line.pid is None  # the baresip it started is gone


@needs_sip_peers
def test_sipp_calls_baresip_and_the_line_answers_holds_resumes_and_hangs_up(
    real_line: BaresipLine, tmp_path: Path
) -> None:
    line = real_line
    sipp = call_seat(line.config, "13912341234", tmp_path)
    try:
        (ring,) = _collect(line, lambda ev: bool(ev))
        assert isinstance(ring, IncomingCall) and ring.number == "13912341234"
        line.answer(ring.ref)
        (connected,) = _collect(line, lambda ev: bool(ev))
        assert connected == CallConnected(ring.ref, connected.at)
        line.hold(ring.ref)  # re-INVITEs that sipp's scenario answers
        line.resume(ring.ref)
        line.hang_up(ring.ref)
        assert sipp.wait() == 0, sipp.log()
        assert sipp.saw("BYE ")
        time.sleep(0.3)
        assert line.poll() == []  # no failures, and the agent's own hang-up is no news
    finally:
        sipp.stop()


@needs_sip_peers
def test_dialling_reaches_a_sipp_callee(real_line: BaresipLine, tmp_path: Path) -> None:
    line = real_line
    # The customer's phone on a port free right now; the line reads where to dial
    # from its config at each dial.
    port = free_port()
    line.config = replace(line.config, dial_host=f"127.0.0.1:{port}")
    callee = answer_calls(tmp_path, port)
    try:
        callee.wait_listening(port)
        ref = line.dial("95007")
        (connected,) = _collect(line, lambda ev: bool(ev))
        assert connected == CallConnected(ref, connected.at)
        line.hang_up(ref)
        assert callee.wait() == 0, callee.log()
        assert callee.saw("INVITE sip:95007@127.0.0.1")
    finally:
        callee.stop()
