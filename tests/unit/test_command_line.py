"""The command line's grammar (cli/parser.py) and main.py's reading of it."""

from __future__ import annotations

from cli.parser import parser
from main import NO_ARGUMENTS


def test_an_empty_command_line_means_what_the_grammar_says() -> None:
    """main.py starts the console on NO_ARGUMENTS without building the grammar: an
    option added to the grammar must be added there too, or the console would lack it."""
    assert vars(parser().parse_args([])) == vars(NO_ARGUMENTS)
    assert parser().parse_args(["--seat", "坐席01"]).command is None
