"""What an administrator sees before saving a version: the content as the seats would
use it, filled with sample values — the call script walked as on a call to 王先生, the
special phrases said, the SLA clocks of a case opened now with their due times."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from console.content import dialogue, special_scripts
from console.content.dialogue import DialogueScript, Stage
from console.content.greeting import greeting
from console.content.holiday_calendar import HolidayCalendar, OverrideFile
from console.content.intent_forms import IntentForms
from console.content.quality_rules import QualityRules
from console.content.shift_rules import ShiftRules
from console.content.sla import Policy, deadline
from console.content.special_scripts import SpecialScripts
from console.content.taboo import JargonList, TabooList
from console.core.vocabulary import CallDirection, Title

SAMPLE_SURNAME, SAMPLE_TITLE = "王", Title.MR
SAMPLE_ADDRESS = "泰山区东岳大街 88 号 3 单元 501 室"
SAMPLE_PHONE = "138****5678"
# The content is the center's Chinese; so is its preview.
DIRECTIONS = {CallDirection.INBOUND: "来电", CallDirection.OUTBOUND: "外呼"}
STAGES = {
    Stage.OPENING: "开场",
    Stage.SURNAME: "问姓",
    Stage.VERIFICATION: "核实",
    Stage.INTENT: "问需求",
    Stage.HANDLING: "处理",
    Stage.CLOSING: "结束",
}


def preview(value: BaseModel, job_no: str, now: datetime, calendar: HolidayCalendar) -> list[str]:
    """Lines to show under the editor for a version that validated."""
    if isinstance(value, DialogueScript):
        return _script(value, job_no, now, calendar)
    if isinstance(value, SpecialScripts):
        return [
            f"{p.id}:{special_scripts.render(p.text, SAMPLE_SURNAME, SAMPLE_TITLE, job_no)}"
            for p in value.phrases
        ]
    if isinstance(value, IntentForms):
        return [f"{i.label}({i.id}):" + "、".join(f.label for f in i.fields) for i in value.intents]
    if isinstance(value, TabooList):
        return [f"{e.phrase} → {e.suggestion}" for e in value.entries]
    if isinstance(value, JargonList):
        return [f"{e.phrase} → {e.explanation}" for e in value.entries]
    if isinstance(value, Policy):
        return [
            f"{kind} · {c.title}:{deadline(now, c, calendar).astimezone(calendar.zone):%m-%d %H:%M}"
            for kind, clocks in value.kinds.items()
            for c in clocks
        ]
    if isinstance(value, ShiftRules):
        return (
            [f"{s.name} {s.start}–{s.end}" for s in value.shifts]
            + [f"未就绪 · {r.label}({r.code})" for r in value.not_ready_reasons]
            + [f"班前检查 · {i.text}" for i in value.checklist]
        )
    if isinstance(value, OverrideFile):
        return [
            f"{d.date.isoformat()} {d.kind} {d.holiday.value if d.holiday else ''}".rstrip()
            for d in value.days
        ] + [f"complete: {y}" for y in value.complete_years]
    if isinstance(value, QualityRules):
        s = value.sampling
        return [
            f"抽检 · 每人每周随机 {s.sample_per_agent_per_week} 通;"
            f"自动评分低于 {s.low_score_below} 分、"
            + ("投诉、" if s.every_complaint else "")
            + ("禁忌用语" if s.every_taboo_hit else "")
            + " 全部抽取",
            f"确认时限 · {value.acknowledge_within_working_days} 个工作日",
        ] + [
            f"{i.clause} {i.text}" + (f"(自动:{i.criterion})" if i.criterion else "")
            for i in value.checklist
        ]
    return []


def _script(
    script: DialogueScript, job_no: str, now: datetime, calendar: HolidayCalendar
) -> list[str]:
    hello = greeting(now, calendar)
    out = []
    for direction in CallDirection:
        ctx = dialogue.context(
            job_no,
            hello,
            surname=SAMPLE_SURNAME,
            title=SAMPLE_TITLE,
            address=SAMPLE_ADDRESS,
            phone=SAMPLE_PHONE,
            direction=direction,
        )
        for line in script.definitions:
            if line.direction in ("any", direction) and (
                line.closing is None or line.closing is hello.closing
            ):
                where = f"{DIRECTIONS[direction]} · {STAGES[line.stage]}"
                out.append(f"[{where}] {script.render(line, ctx).text}")
    return out
