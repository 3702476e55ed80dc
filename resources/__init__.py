"""Data the console runs on: phrases, messages, translations, scripts, policies.

Everything here is data, validated on load; nothing here is code but this locator.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    return ROOT.joinpath(*parts)
