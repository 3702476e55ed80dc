"""Per-seat settings, each declared once: its type (the annotation), default, meaning and
the values it allows.

Stored as JSON in two places, read in this order, each overriding the one before: the
system-wide file that IT writes for every user of the machine (``settings.json`` in
:func:`site_config_dirs`: ``/etc/xdg/agent-console/`` on Linux,
``C:\\ProgramData\\agent-console\\agent-console\\`` on Windows), then the user's own file
in the user's config directory. ``AGENT_CONSOLE_HOME`` moves both (tests, portable
installs). The console writes only the user's file, and only what differs from the
system-wide values, so that a value IT changes centrally reaches every user who did not
choose otherwise. Credentials never live here: the shared database's password is in the
OS keyring.

What a person wrote in ``settings.json`` is checked key by key when it is read
(:meth:`Settings.read`): a value of the wrong type (a bool is not a number, a number is
not a bool) or outside what the setting allows falls back to its default alone, an
unknown key is ignored with the closest known key suggested, and each problem becomes a
:class:`SettingsWarning` naming the file and the key, in the user's language. The console
shows them at start and logs them; the command line prints them. (A bad value in the
user's file falls back to the system-wide value where there is one: that is the "default"
the warning names.)

The declarations are a plain dataclass rather than a pydantic model on purpose: code and
tests build ``Settings(...)`` freely (a test's hour-long heartbeat), and the checks apply
to what comes from the file. README.md's settings table is generated from them
(``scripts/settings_table.py``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any, get_type_hints
from urllib.parse import urlsplit

import platformdirs

from console.core.errors import UserFacingError

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


def site_config_dirs() -> list[Path]:
    """The folders of the system-wide settings file, most important first: on Linux each
    folder of ``$XDG_CONFIG_DIRS`` (default ``/etc/xdg``) plus ``agent-console`` — all of
    them, because a desktop session may put its own folder first (Ubuntu's
    ``/etc/xdg/xdg-ubuntu``) and the console must find IT's file in every session and in
    the scheduled jobs alike; on Windows ``C:\\ProgramData\\agent-console\\agent-console``.
    Under ``AGENT_CONSOLE_HOME``: ``DIR/site`` (nothing of the machine leaks into a test)."""
    home = os.environ.get("AGENT_CONSOLE_HOME")
    if home:
        return [Path(home) / "site"]
    joined = platformdirs.site_config_dir(APP_NAME, multipath=True)
    return [Path(d) for d in joined.split(os.pathsep) if d]


def data_dir() -> Path:
    return _app_dir("data")


def default_db_url() -> str:
    """The embedded database (R7.1): a SQLite file in the user's data directory."""
    return f"sqlite:///{data_dir() / 'console.db'}"


# What a setting allows -----------------------------------------------------------------
class Expected(UserFacingError):
    """What a setting's value must be, as a catalog entry (``settings.expect.*``), so
    that a warning says it in the user's language and the README in English."""


@dataclass(frozen=True)
class Allowed:
    """The values a setting allows beyond its type: ``test`` and how to say it."""

    test: Callable[[Any], bool]
    expected: Expected


def one_of(*values: str) -> Allowed:
    return Allowed(
        lambda v: v in values, Expected("settings.expect.one_of", values=", ".join(values))
    )


def between(low: int, high: int) -> Allowed:
    return Allowed(
        lambda v: low <= v <= high, Expected("settings.expect.between", low=low, high=high)
    )


def length(low: int, high: int) -> Allowed:
    return Allowed(
        lambda v: len(v.strip()) >= low and len(v) <= high,
        Expected("settings.expect.length", low=low, high=high),
    )


def _is_time_zone(value: str) -> bool:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError):  # malformed, unknown (a KeyError), unreadable
        return False
    return True


_DATABASE_SCHEME = re.compile(r"(sqlite|postgresql|postgres)(\+\w+)?")


def _is_database_url(value: str) -> bool:
    """Empty, or a SQLite / PostgreSQL URL that carries no password (the keyring has it).
    Read without SQLAlchemy: importing it here would delay the login dialog."""
    if not value:
        return True
    try:
        url = urlsplit(value)
        password = url.password
    except ValueError:
        return False
    return bool(_DATABASE_SCHEME.fullmatch(url.scheme)) and password is None


TIME_ZONE = Allowed(_is_time_zone, Expected("settings.expect.time_zone"))
DATABASE_URL = Allowed(_is_database_url, Expected("settings.expect.db_url"))
_TYPE_EXPECTED = {
    str: Expected("settings.expect.text"),
    int: Expected("settings.expect.whole_number"),
    bool: Expected("settings.expect.true_false"),
}


def setting(
    default: Any, doc: str, allowed: Allowed | None = None, *, shown_default: str | None = None
) -> Any:
    """Declare one setting: its default (or a function that gives it), what it means,
    what it allows beyond its type, and how the README names a computed default."""
    meta = {"doc": doc, "allowed": allowed, "shown_default": shown_default}
    if callable(default):
        return field(default_factory=default, metadata=meta)
    return field(default=default, metadata=meta)


def _host_name() -> str:
    """The host name, as ``socket.gethostname`` gives it, without importing socket
    (~5 ms before the login dialog) where the system call is at hand."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket  # Windows

    return socket.gethostname()


@dataclass
class Settings:
    db_url: str = setting(
        "",
        "Database URL; empty means the embedded SQLite file. The password is never here: "
        "it is in the OS keyring (`main.py db set-password URL`).",
        DATABASE_URL,
    )
    seat: str = setting(
        _host_name,
        "This workstation's seat name (坐席), shown to other seats; `--seat` overrides it "
        "for one start. Not set: the host name, with a warning at start.",
        length(1, 64),
        shown_default="the host name",
    )
    language: str = setting("zh_CN", "UI language.", one_of("zh_CN", "en"))
    timezone: str = setting("Asia/Shanghai", "The time zone times are shown in.", TIME_ZONE)
    idle_lock_minutes: int = setting(
        10, "Lock the console after this long without input (R1.5).", between(1, 120)
    )
    heartbeat_seconds: int = setting(
        5,
        "How often the session lease is renewed (R1.2); a third of the lease (15 s) so "
        "that one missed beat does not end the session, and a killed console's job "
        "number is free again within 20 s.",
        between(1, 7),
    )
    # The seat's softphone (R2.16, docs/softphone.md). No account: the call simulator.
    softphone_account: str = setting(
        "", "SIP account (user) of this seat's softphone; empty: the call simulator."
    )
    softphone_registrar: str = setting(
        "",
        "host[:port] of the SIP registrar/PBX; empty: no registration, calls come "
        "straight to this seat's SIP address.",
    )
    softphone_sip_address: str = setting(
        "127.0.0.1",
        "Address the softphone takes SIP on (the LAN address for a PBX).",
        length(1, 253),
    )
    softphone_sip_port: int = setting(5062, "The softphone's SIP port.", between(1, 65535))
    softphone_control_port: int = setting(
        4444, "baresip's ctrl_tcp port, always on 127.0.0.1.", between(1, 65535)
    )
    softphone_start: bool = setting(
        True, "Start (and restart) baresip; off: connect to one already running."
    )
    softphone_dial_host: str = setting(
        "", "host[:port] numbers are dialled at; empty: the registrar."
    )
    softphone_audio: str = setting(
        "",
        "baresip audio module,device for the headset (e.g. alsa,default); empty: no sound device.",
    )

    @classmethod
    def path(cls) -> Path:
        """The user's own file: the one the console writes."""
        return config_dir() / "settings.json"

    @classmethod
    def site_paths(cls) -> list[Path]:
        """The system-wide files, most important first (:func:`site_config_dirs`)."""
        return [d / "settings.json" for d in site_config_dirs()]

    @classmethod
    def load(cls) -> Settings:
        """Settings from disk; unknown keys are ignored and bad values fall back to their
        defaults (:meth:`read` also says what was wrong)."""
        return cls.read().settings

    @classmethod
    def read(cls) -> Loaded:
        """Settings from disk — the system-wide files, then the user's — with a warning
        for each thing in them that could not be used as written."""
        return cls._layered([*reversed(cls.site_paths()), cls.path()])

    @classmethod
    def _layered(cls, paths: list[Path]) -> Loaded:
        """The files ``paths`` applied in order, each over the ones before it."""
        settings = cls()
        warnings: list[SettingsWarning] = []
        named: set[str] = set()
        for path in paths:
            raw, problems = _read_json(path)
            warnings += problems
            named |= raw.keys()
            file = str(path)
            for key, value in raw.items():
                declared = declarations().get(key)
                if declared is None:
                    warnings.append(_unknown_key(file, key))
                elif declared.allows(value):
                    setattr(settings, key, value)
                else:
                    warnings.append(
                        SettingsWarning(
                            "settings.bad_value",
                            file=file,
                            key=key,
                            value=_shown(value),
                            expected=declared.expected,
                            default=_json(getattr(settings, key)),
                        )
                    )
        if "seat" not in named and paths:
            # Two seats on machines with the same host name would look like one.
            warnings.append(
                SettingsWarning(
                    "settings.seat_from_host", file=str(paths[-1]), key="seat", seat=settings.seat
                )
            )
        return Loaded(settings, tuple(warnings))

    def save(self) -> None:
        """Write the user's file: what differs from the system-wide settings and the
        defaults (a value equal to them is left to them, so it follows IT's changes)."""
        beneath = asdict(self._layered(list(reversed(self.site_paths()))).settings)
        mine = {k: v for k, v in asdict(self).items() if v != beneath[k]}
        tmp = self.path().with_suffix(".tmp")
        tmp.write_text(json.dumps(mine, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(self.path())


class SettingsWarning(UserFacingError):
    """Something in ``settings.json`` that could not be used as written, as a catalog
    entry (``settings.*``) naming the file and, where there is one, the key."""

    @property
    def key(self) -> str | None:
        key = self.params.get("key")
        return key if isinstance(key, str) else None


def password_in_url(url: str | None) -> SettingsWarning | None:
    """A database URL that carries its password: it works, but the password sits in
    clear in a file or a shell history (the OS keyring is the place: db set-password)."""
    from urllib.parse import urlsplit

    try:
        has_password = bool(url) and urlsplit(str(url)).password is not None
    except ValueError:  # not a URL: said when it is used
        return None
    return SettingsWarning("settings.password_in_url") if has_password else None


@dataclass(frozen=True)
class Loaded:
    """What :meth:`Settings.read` found: the settings in force and what was wrong."""

    settings: Settings
    warnings: tuple[SettingsWarning, ...]


@dataclass(frozen=True)
class Declaration:
    """One setting as declared: name, type, default (as JSON, or in words when it is
    computed: ``default_is_json``), meaning and what it allows."""

    name: str
    kind: type
    default: str
    default_is_json: bool
    doc: str
    allowed: Allowed | None

    @property
    def expected(self) -> Expected:
        return self.allowed.expected if self.allowed else _TYPE_EXPECTED[self.kind]

    def allows(self, value: Any) -> bool:
        # ``type() is``, not ``isinstance``: True is an int to Python, not to a setting.
        if type(value) is not self.kind:
            return False
        return self.allowed is None or self.allowed.test(value)


@cache
def declarations() -> Mapping[str, Declaration]:
    """Every setting, in the order declared."""
    hints = get_type_hints(Settings)
    out = {}
    for f in fields(Settings):
        shown = f.metadata["shown_default"]
        out[f.name] = Declaration(
            f.name,
            hints[f.name],
            shown if shown is not None else _json(f.default),
            shown is None,
            f.metadata["doc"],
            f.metadata["allowed"],
        )
    return out


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


_URL_PASSWORD = re.compile(r"(://[^:/@]*):[^@/]*@")


def _shown(value: Any) -> str:
    """A value as a warning quotes it, without the password of a URL (warnings are
    shown and logged; a password never is)."""
    return _URL_PASSWORD.sub(r"\1:***@", _json(value))


def _read_json(path: Path) -> tuple[dict[str, Any], list[SettingsWarning]]:
    """The file's object of settings; nothing (with a warning) if it cannot be read."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # Notepad writes a BOM
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as e:
        return {}, [SettingsWarning("settings.unreadable", file=file, detail=str(e))]
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        warning = SettingsWarning(
            "settings.not_json", file=file, line=e.lineno, column=e.colno, detail=e.msg
        )
        return {}, [warning]
    if not isinstance(raw, dict):
        return {}, [SettingsWarning("settings.not_object", file=file)]
    return raw, []


def _unknown_key(file: str, key: str) -> SettingsWarning:
    import difflib  # only when a key is unknown

    names = list(declarations())
    by_lower = {n.lower(): n for n in names}
    close = difflib.get_close_matches(key.lower(), by_lower, n=1, cutoff=0.6)
    if close:
        return SettingsWarning(
            "settings.unknown_key_guess", file=file, key=key, guess=by_lower[close[0]]
        )
    return SettingsWarning("settings.unknown_key", file=file, key=key)
