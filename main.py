"""Agent Console's composition root: reads the settings, then hands over to the front
end the command line asks for — the Qt console (no command), the wall board, or one of
the command-line commands (``cli/``). Nothing else wires the application together."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from cli.parser import parser, read_password


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
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

    return dispatch(args, url, settings, read_password=read_password, warnings=warnings)


if __name__ == "__main__":
    sys.exit(main())
