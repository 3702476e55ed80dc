"""One reviewed call, as the supervisor's review form and the agent's result show it: the
call's timeline, verification, intent form, notes with their taboo marks, the case it
opened, the automatic score with its items, and the checklist with each item's clause.

The supervisor's form (``editable``) sets each checklist item with a combo box (keyboard:
Tab between them, arrows or the first letter to choose) and writes a comment; the agent's
view shows the same read-only. Below, the reply (申诉) and its answer.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from console.content import content
from console.content.content import Library
from console.core.vocabulary import ReviewVerdict
from console.quality.reviews import ReviewDetail, prefilled
from ui.core.text import (
    case_kind_label,
    case_status_label,
    criterion_label,
    intent_label,
    review_verdict_label,
    sample_reason_label,
    verification_label,
)

FAIL_COLOR = "#b3261e"


def _event_detail(kind: str, data: dict[str, object], library: Library) -> str:
    """What a timeline entry adds to its kind: the words said or the phrase hit, as the
    reviewer reads them (the log keeps the script's ids)."""
    if kind == "taboo_hit":
        entry = str(data.get("entry_id", ""))
        return f"“{library.listed_phrase(str(data.get('kind', 'taboo')), entry) or entry}”"
    if kind == "verification":
        return verification_label(str(data.get("outcome", ""))) or ""
    if (phrase_id := data.get("phrase_id")) is not None:
        text = library.said_text(str(phrase_id))
        return f"“{text}”" if text else str(phrase_id)
    return str(data.get("by") or data.get("surname") or "")


def _form_fields(details: Mapping[str, Any]) -> list[tuple[str, object]]:
    """The verification and intent forms as typed, one level of nesting flattened."""
    out: list[tuple[str, object]] = []
    for key, value in details.items():
        inner = value.items() if isinstance(value, Mapping) else [(key, value)]
        out += [(k, v) for k, v in inner if v not in (None, "", [], {})]
    return out


class ReviewPanel(QScrollArea):
    def __init__(
        self,
        zone: ZoneInfo,
        *,
        editable: bool,
        parent: QWidget | None = None,
        library: Library | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library or content.shipped()  # the scripts the log's ids name
        self.setObjectName("reviewPanel")
        self.setWidgetResizable(True)
        self.zone = zone
        self.editable = editable
        self.detail: ReviewDetail | None = None
        self.verdict_boxes: dict[str, QComboBox] = {}
        body = QWidget(self)
        self.body = QVBoxLayout(body)
        self.header = QLabel(body)
        self.header.setObjectName("reviewHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.header)
        call_box = QGroupBox(self.tr("The call"), body)
        grid = QGridLayout(call_box)
        self.timeline = QListWidget(call_box)
        self.timeline.setObjectName("reviewTimeline")
        self.timeline.setAccessibleName(self.tr("Call timeline"))
        self.timeline.setFixedHeight(170)
        self.facts = QLabel(call_box)
        self.facts.setObjectName("reviewFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.notes = QLabel(call_box)
        self.notes.setObjectName("reviewNotes")
        self.notes.setAccessibleName(self.tr("Notes, taboo phrases marked"))
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        grid.addWidget(self.timeline, 0, 0, 2, 1)
        grid.addWidget(self.facts, 0, 1)
        grid.addWidget(self.notes, 1, 1)
        grid.setColumnStretch(1, 1)
        self.body.addWidget(call_box)
        self.automatic = QLabel(body)
        self.automatic.setObjectName("reviewAutomatic")
        self.automatic.setWordWrap(True)
        self.automatic.setTextFormat(Qt.TextFormat.RichText)
        self.body.addWidget(self.automatic)
        self.checklist_box = QGroupBox(self.tr("Checklist"), body)
        self.checklist = QFormLayout(self.checklist_box)
        self.body.addWidget(self.checklist_box)
        self.comment = QPlainTextEdit(body)
        self.comment.setObjectName("reviewComment")
        self.comment.setAccessibleName(self.tr("Reviewer's comment"))
        self.comment.setPlaceholderText(self.tr("What went well, what to improve"))
        self.comment.setReadOnly(not editable)
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(90)
        comment_label = QLabel(self.tr("C&omment"), body)
        comment_label.setBuddy(self.comment)
        self.body.addWidget(comment_label)
        self.body.addWidget(self.comment)
        self.conversation = QLabel(body)
        self.conversation.setObjectName("reviewConversation")
        self.conversation.setWordWrap(True)
        self.conversation.setTextFormat(Qt.TextFormat.RichText)
        self.body.addWidget(self.conversation)
        self.body.addStretch(1)
        self.page = body
        self.setWidget(body)

    # --- showing ---------------------------------------------------------------------

    def _time(self, at: datetime | None) -> str:
        return "" if at is None else at.astimezone(self.zone).strftime("%m-%d %H:%M:%S")

    def show_detail(self, d: ReviewDetail) -> None:
        self.detail = d
        r = d.review
        score = self.tr("not yet reviewed") if r.score is None else f"{r.score}%"
        self.header.setText(
            self.tr("Job number %1 · call at %2 · %3 · review score %4")
            .replace("%1", r.agent_job_no)
            .replace("%2", self._time(r.call_started_at))
            .replace("%3", sample_reason_label(r.reason))
            .replace("%4", score)
        )
        self.timeline.clear()
        for e in d.timeline:
            detail = _event_detail(e.kind, dict(e.data), self.library)
            what = f"{self._event_kind(e.kind)} {detail}"
            self.timeline.addItem(f"{self._time(e.at)[6:]}  {what.strip()}")
        self._show_facts(d)
        self._show_notes(d)
        self._show_automatic(d)
        self._show_checklist(d)
        self.comment.setPlainText(r.comment)
        self._show_conversation(d)
        self._fit()

    def _fit(self) -> None:
        """Scroll rather than squeeze: the page is at least as tall as its contents want
        (a scroll area that resizes its page would otherwise overlap the checklist rows)."""
        self.body.activate()
        self.page.setMinimumHeight(self.body.sizeHint().height())

    def _show_facts(self, d: ReviewDetail) -> None:
        lines = [
            self.tr("Rings: %1 · hold %2 s · talk %3 s · hung up by %4")
            .replace("%1", str(d.ring_count))
            .replace("%2", str(d.hold_seconds))
            .replace("%3", "—" if d.talk_seconds is None else str(d.talk_seconds))
            .replace("%4", self._hung_up_by(d.ended_by)),
            self.tr("Verification: %1 · intent: %2")
            .replace("%1", verification_label(d.verification) or "—")
            .replace("%2", intent_label(d.intent) or "—"),
        ]
        lines += [f"{k}: {v}" for k, v in _form_fields(d.details)]
        for c in d.cases:
            lines.append(
                self.tr("Case opened: %1 · %2 · %3")
                .replace("%1", case_kind_label(c.kind))
                .replace("%2", case_status_label(c.status))
                .replace("%3", c.summary)
            )
        self.facts.setText("<br>".join(html.escape(line) for line in lines))

    def _event_kind(self, kind: str) -> str:
        words = {
            "ring": self.tr("ring"),
            "answer": self.tr("answered"),
            "hold": self.tr("hold"),
            "resume": self.tr("resumed"),
            "hang_up": self.tr("hung up by"),
            "wrap_up_done": self.tr("wrap-up done"),
            "phrase": self.tr("said"),
            "taboo_hit": self.tr("taboo hit"),
            "surname": self.tr("surname"),
            "verification": self.tr("verification"),
        }
        return words.get(kind, kind)

    def _hung_up_by(self, ended_by: str | None) -> str:
        if ended_by == "caller":
            return self.tr("the caller")
        if ended_by == "agent":
            return self.tr("the agent")
        return self.tr("the line (dropped)")

    def _show_notes(self, d: ReviewDetail) -> None:
        parts, pos = [], 0
        for m in d.note_marks:
            parts.append(html.escape(d.notes[pos : m.start]))
            marked = html.escape(d.notes[m.start : m.end])
            color = FAIL_COLOR if m.kind == "taboo" else "#8a5a00"
            parts.append(f'<span style="color:{color};text-decoration:underline">{marked}</span>')
            pos = m.end
        parts.append(html.escape(d.notes[pos:]))
        text = "".join(parts) or html.escape(self.tr("(no notes)"))
        self.notes.setText(html.escape(self.tr("Notes:")) + " " + text)

    def _show_automatic(self, d: ReviewDetail) -> None:
        result = d.automatic
        if result is None:
            self.automatic.setText(html.escape(self.tr("No automatic score for this call.")))
            return
        score = "—" if result.score_percent is None else f"{result.score_percent}%"
        items = " · ".join(
            f'<span style="color:{FAIL_COLOR}">✗ {html.escape(criterion_label(c.criterion))}</span>'
            if c.verdict.value == ReviewVerdict.FAIL
            else f"{'✓' if c.verdict.value == ReviewVerdict.PASS else '–'} "
            + html.escape(criterion_label(c.criterion))
            for c in result.criteria
        )
        head = (
            self.tr("Automatic score %1 (%2/%3)")
            .replace("%1", score)
            .replace("%2", str(result.passed))
            .replace("%3", str(result.applicable))
        )
        self.automatic.setText(f"<b>{html.escape(head)}</b><br>{items}")

    def _show_checklist(self, d: ReviewDetail) -> None:
        while self.checklist.rowCount():
            self.checklist.removeRow(0)
        self.verdict_boxes = {}
        start = prefilled(d)
        for line in d.checklist:
            label = QLabel(f"{line.clause} {line.text}", self.checklist_box)
            box = QComboBox(self.checklist_box)
            box.setObjectName(f"verdict_{line.code}")
            box.setAccessibleName(f"{line.clause} {line.text}")
            for verdict, word in review_verdict_label.choices():
                box.addItem(word, verdict)
            box.setCurrentIndex(box.findData(start[line.code]))
            box.setEnabled(self.editable)
            box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            if line.automatic is not None:
                box.setToolTip(
                    self.tr("Automatic: %1").replace("%1", review_verdict_label(line.automatic))
                )
            label.setBuddy(box)
            # In a scroll area the layout would squeeze the rows rather than scroll.
            for w in (label, box):
                w.setMinimumHeight(w.sizeHint().height())
            self.checklist.addRow(label, box)
            self.verdict_boxes[line.code] = box

    def _show_conversation(self, d: ReviewDetail) -> None:
        r = d.review
        parts = []
        if r.reviewed_at is not None:
            parts.append(
                html.escape(
                    self.tr("Reviewed by %1 at %2")
                    .replace("%1", r.reviewer_job_no or "")
                    .replace("%2", self._time(r.reviewed_at))
                )
            )
        if r.reply is not None:
            said = self.tr("Reply (appeal):")
            parts.append(f"<b>{html.escape(said)}</b> {html.escape(r.reply)}")
        if r.answer is not None:
            who = self.tr("Answer from %1:").replace("%1", r.answered_by_job_no or "")
            parts.append(f"<b>{html.escape(who)}</b> {html.escape(r.answer)}")
        if r.acknowledged_at is not None:
            parts.append(
                html.escape(
                    self.tr("Acknowledged at %1").replace("%1", self._time(r.acknowledged_at))
                )
            )
        self.conversation.setText("<br>".join(parts))

    # --- what the reviewer set ---------------------------------------------------------

    def verdicts(self) -> dict[str, str]:
        return {code: str(box.currentData()) for code, box in self.verdict_boxes.items()}

    def clear(self) -> None:
        self.detail = None
        self.header.setText(self.tr("Choose a call from the list."))
        self.timeline.clear()
        for label in (self.facts, self.notes, self.automatic, self.conversation):
            label.clear()
        while self.checklist.rowCount():
            self.checklist.removeRow(0)
        self.verdict_boxes = {}
        self.comment.clear()
