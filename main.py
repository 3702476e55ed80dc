"""Agent Console's composition root: reads the settings, then hands over to the front
end the command line asks for — the Qt console (no command), the wall board, or one of
the command-line commands (``cli/``). Nothing else wires the application together."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

# An empty command line: the console, on the settings' database and seat. Not parsed:
# importing and building the grammar would delay the login dialog by ~10 ms
# (tests/unit/test_command_line.py holds this to what the grammar says).
NO_ARGUMENTS = SimpleNamespace(command=None, db=None, seat=None)


def _arguments(argv: Sequence[str]) -> Any:
    if not argv:
        return NO_ARGUMENTS
    from cli.parser import parser

    return parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    from console.core.settings import Settings, password_in_url

    loaded = Settings.read()
    settings, warnings = loaded.settings, loaded.warnings
    url = args.db or os.environ.get("AGENT_CONSOLE_DB") or settings.db_url or None
    if (in_clear := password_in_url(url)) is not None:
        warnings = (*warnings, in_clear)
    if args.seat:
        settings.seat = args.seat
        warnings = tuple(w for w in warnings if w.key != "seat")  # the seat is named
    if args.command is None:
        from ui.app.app import run_console

        return run_console(url, settings, warnings)
    if args.command == "board":
        from ui.app.app import run_board

        return run_board(url, settings, warnings, windowed=args.window)
    from cli.commands import dispatch
    from cli.parser import read_password

    return dispatch(args, url, settings, read_password=read_password, warnings=warnings)


if __name__ == "__main__":
    sys.exit(main())
