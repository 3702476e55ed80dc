"""A throwaway PostgreSQL server for the test run (PLATFORM.md: pg_ctl refuses root, so
as root the server runs as the ``postgres`` system user)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SEAT_USER = "seat_test"


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(
            f"PostgreSQL's {name} was not found. The test command installs PostgreSQL "
            "(scripts/test); run that instead of pytest alone."
        )
    return path


def free_port() -> int:
    """A TCP port on loopback that nothing listens on (right now)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    def __init__(self, *, passwords: bool = False) -> None:
        """``passwords``: roles other than ``postgres`` must give their password over TCP
        (SCRAM), as on a center's server; otherwise everyone is trusted."""
        self.dir = Path(tempfile.mkdtemp(prefix="ac-pg-"))
        self.port = free_port()
        self.passwords = passwords
        self._as_root = os.geteuid() == 0

    def _run(self, *cmd: str) -> None:
        if self._as_root:
            cmd = ("runuser", "-u", "postgres", "--", *cmd)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> PgServer:
        if self._as_root:
            shutil.chown(self.dir, "postgres")
        data = str(self.dir / "data")
        self._run(_bin("initdb"), "-D", data, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        if self.passwords:
            hba = Path(data) / "pg_hba.conf"
            hba.write_text(
                "local all all trust\n"
                "host all postgres 127.0.0.1/32 trust\n"
                "host all all 127.0.0.1/32 scram-sha-256\n",
                encoding="utf-8",
            )
        opts = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        self._run(
            _bin("pg_ctl"), "-D", data, "-w", "-l", str(self.dir / "log"), "-o", opts, "start"
        )
        return self

    def stop(self) -> None:
        try:
            self._run(_bin("pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"
