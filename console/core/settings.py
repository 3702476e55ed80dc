"""Per-seat settings, each declared once with its type, default and meaning.

Stored as JSON in the user's config directory (``AGENT_CONSOLE_HOME`` overrides it, for
tests and portable installs). Credentials never live here: the shared database's
password is in the OS keyring.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

APP_NAME = "agent-console"


def _app_dir(kind: str) -> Path:
    """The user's config or data directory; ``AGENT_CONSOLE_HOME`` moves both under one
    folder (tests, portable installs)."""
    home = os.environ.get("AGENT_CONSOLE_HOME")
    if home:
        path = Path(home) / kind
    elif kind == "config":
        path = Path(platformdirs.user_config_dir(APP_NAME))
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    return _app_dir("config")


def data_dir() -> Path:
    return _app_dir("data")


def default_db_url() -> str:
    """The embedded database (R7.1): a SQLite file in the user's data directory."""
    return f"sqlite:///{data_dir() / 'console.db'}"


@dataclass
class Settings:
    db_url: str = field(
        default="", metadata={"doc": "Database URL; empty means the embedded SQLite file."}
    )
    seat: str = field(
        default_factory=socket.gethostname,
        metadata={"doc": "This workstation's seat name (坐席), shown to other seats."},
    )
    language: str = field(default="zh_CN", metadata={"doc": "UI language: zh_CN or en."})
    timezone: str = field(default="Asia/Shanghai", metadata={"doc": "Zone times are shown in."})
    idle_lock_minutes: int = field(
        default=10, metadata={"doc": "Lock the console after this long without input (R1.5)."}
    )
    heartbeat_seconds: int = field(
        default=10, metadata={"doc": "How often the session lease is renewed (R1.2)."}
    )
    # The seat's softphone (R2.16, docs/softphone.md). No account: the call simulator.
    softphone_account: str = field(
        default="",
        metadata={"doc": "SIP account (user) of this seat's softphone; empty: call simulator."},
    )
    softphone_registrar: str = field(
        default="",
        metadata={
            "doc": "host[:port] of the SIP registrar/PBX; empty: no registration, calls "
            "come straight to this seat's SIP address."
        },
    )
    softphone_sip_address: str = field(
        default="127.0.0.1",
        metadata={"doc": "Address the softphone takes SIP on (the LAN address for a PBX)."},
    )
    softphone_sip_port: int = field(default=5062, metadata={"doc": "The softphone's SIP port."})
    softphone_control_port: int = field(
        default=4444,
        metadata={"doc": "baresip's ctrl_tcp port, always on 127.0.0.1."},
    )
    softphone_start: bool = field(
        default=True,
        metadata={"doc": "Start (and restart) baresip; off: connect to one already running."},
    )
    softphone_dial_host: str = field(
        default="",
        metadata={"doc": "host[:port] numbers are dialled at; empty: the registrar."},
    )
    softphone_audio: str = field(
        default="",
        metadata={
            "doc": "baresip audio module,device for the headset (e.g. alsa,default); "
            "empty: no sound device."
        },
    )

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        """Settings from disk; unknown keys are ignored and bad values fall back to defaults."""
        s = cls()
        try:
            raw = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return s
        for f in fields(cls):
            value = raw.get(f.name) if isinstance(raw, dict) else None
            if value is not None and isinstance(value, type(getattr(s, f.name))):
                setattr(s, f.name, value)
        return s

    def save(self) -> None:
        tmp = self.path().with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(self.path())
