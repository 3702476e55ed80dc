"""The printed reports' words (resources/reports/zh_CN.yaml), validated at load."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

import resources
from console.datafiles import load_validated

FOOTER_KEYS = ("printed_by", "printed_at", "serial", "copy_of", "page")


class Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    footer: dict[str, str]
    titles: dict[str, str]
    meta: dict[str, str]
    columns: dict[str, str]
    codes: dict[str, str]
    timeline: dict[str, str]
    kpi: dict[str, str]

    def code(self, value: str | None) -> str:
        """A stored code as printed (unknown codes print as they are)."""
        return self.codes.get(value or "", value or "")


@cache
def words(language: str = "zh_CN") -> Words:
    return load_validated(resources.path("reports", f"{language}.yaml"), Words)
