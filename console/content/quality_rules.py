"""Quality inspection as data (质检, TN 二 检查与考核), from ``resources/quality/quality.yaml``:
the sampling policy, the acknowledgment deadline and the checklist, each item tied to the
clause of the standard it checks. Pure: no database.

An item may name the automatic score's criterion (``console/calls/compliance.py``) that
pre-fills it on the review form; the name is checked against the score where the review
is made (this layer does not know the score), so a criterion the standard's work adds
later can be named as soon as the score has it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from console.core.vocabulary import ReviewVerdict

_CODE = r"^[a-z][a-z0-9_]{0,31}$"
MAX_ITEMS = 40


class Sampling(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sample_per_agent_per_week: int = Field(ge=0, le=100)
    low_score_below: int = Field(ge=0, le=101)  # 0: no call is drawn for its score
    every_complaint: bool = True
    every_taboo_hit: bool = True


class ChecklistItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=_CODE)
    clause: str = Field(min_length=1, max_length=32)  # e.g. "GS 15.2.3"
    text: str = Field(min_length=1, max_length=120)
    criterion: str | None = Field(default=None, pattern=_CODE)


class QualityRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1, le=1)
    sampling: Sampling
    acknowledge_within_working_days: int = Field(ge=1, le=30)
    checklist: tuple[ChecklistItem, ...] = Field(min_length=1, max_length=MAX_ITEMS)

    @model_validator(mode="after")
    def _unique(self) -> QualityRules:
        codes = [i.code for i in self.checklist]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(f"checklist item {dupes[0]} listed twice")
        return self

    def item(self, code: str) -> ChecklistItem | None:
        return next((i for i in self.checklist if i.code == code), None)


def score_percent(verdicts: dict[str, ReviewVerdict] | dict[str, str]) -> int | None:
    """Equal weights over the items judged pass or fail, rounded half up (as the
    automatic score is); None when none applies."""
    applicable = [v for v in verdicts.values() if v != ReviewVerdict.NOT_APPLICABLE]
    if not applicable:
        return None
    passed = sum(1 for v in applicable if v == ReviewVerdict.PASS)
    return (200 * passed + len(applicable)) // (2 * len(applicable))
