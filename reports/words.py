"""The printed reports' words (resources/reports/zh_CN.yaml), validated at load.

The file ships with the product and is not edited at a center, so a mistake in it is a
defect of the release: the loader here is plain (pydantic names the field), without the
file-and-line reporting of the content an administrator edits (console.core.datafiles).
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict
from ruamel.yaml import YAML

import resources

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
    with resources.path("reports", f"{language}.yaml").open(encoding="utf-8") as f:
        return Words.model_validate(YAML(typ="safe").load(f))
