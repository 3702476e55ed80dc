"""The call screen's two forms: caller verification (R2.4) and the intent form (R2.5,
R2.6). Both keep everything typed whatever happens: switching the intent keeps each
intent's values, a refused field is marked in place, and the call screen saves the
values with the call continuously (``changed``).

Every text field refuses, as it is typed, what the call record could not store (the
limits of ``console.calls.verification`` and of the intent forms; control characters;
``ui.core.fields``) and says so by its label. The forms are laid out for the keyboard:
the call screen chains their fields in reading order (``fields_in_order``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from console.calls import verification
from console.content.holiday_calendar import HolidayCalendar
from console.content.intent_forms import (
    FieldDef,
    FieldProblem,
    IntentDef,
    parse_datetime,
    parse_local_datetime,
    problems,
    promise_limits,
)
from console.core.errors import UserFacingError
from console.core.settings import Settings
from console.core.vocabulary import Verification
from console.customers.customers import CustomerCard
from ui.calls.taboo_highlighter import CheckedTextEdit
from ui.core.fields import guard_line
from ui.core.style import repolish
from ui.core.text import error_text, intent_label, title_label, verification_label
from ui.core.widgets import MessageLabel

# A datetime field's text as typed (refused at close when it is not a time).
MAX_DATETIME_TEXT = 64


def _shown(limit: datetime, zone: ZoneInfo) -> str:
    """A promise's limit as the field starts with it: a working-day limit ends at local
    midnight, shown as 23:59 of the last working day — "10-10 00:00" would read like the
    next day (a make-up Saturday, say)."""
    local = limit.astimezone(zone)
    if local.hour == 0 and local.minute == 0:
        local -= timedelta(minutes=1)
    return local.isoformat()


def _mark(widget: QWidget, state: str) -> None:
    widget.setProperty("check", state)
    repolish(widget)


class VerificationForm(QWidget):
    """Who is calling: the caller's answers, checked against the customer record."""

    changed = Signal()
    surname_given = Signal(str, str)  # surname, title
    checked = Signal(object)  # verification.VerificationResult

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verificationForm")
        self.settings = settings
        self.card: CustomerCard | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.edits: dict[str, QLineEdit] = {}
        self.labels = {
            "surname": self.tr("Surname"),
            "full_name": self.tr("Full name"),
            "community": self.tr("Community"),
            "building": self.tr("Building"),
            "unit": self.tr("Unit"),
            "room": self.tr("Room"),
            "phone_readback": self.tr("Phone read back"),
        }
        self.message = MessageLabel(self)
        self.title = QComboBox(self)
        self.title.setObjectName("verify_title")
        self.title.addItem(self.tr("(title)"), None)
        for t, words in title_label.choices():
            self.title.addItem(words, t.value)
        self.title.setAccessibleName(self.tr("Title"))
        self.title.currentIndexChanged.connect(lambda _i: self._surname_edited())
        for key, label in self.labels.items():
            edit = QLineEdit(self)
            edit.setObjectName(f"verify_{key}")
            edit.setAccessibleName(label)
            guard = guard_line(
                edit, label, verification.MAX_LENGTHS[key], digits=key == "phone_readback"
            )
            guard.refused.connect(self.message.show_error)
            edit.textEdited.connect(lambda _t: self.changed.emit())
            self.edits[key] = edit
            if key == "surname":
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                row.addWidget(self.title)
                form.addRow(label, row)
                edit.editingFinished.connect(self._surname_edited)
            else:
                form.addRow(label, edit)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Check against &record"), self)
        self.check_button.setObjectName("verifyCheck")
        self.check_button.clicked.connect(lambda _checked=False: self.check())
        self.outcome = QLabel(self)
        self.outcome.setObjectName("verifyOutcome")
        self.outcome.setAccessibleName(self.tr("Verification outcome"))
        self.outcome.setWordWrap(True)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.outcome, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._last_surname: tuple[str, str] | None = None

    def error(self, e: UserFacingError) -> str:
        """The refusal, naming the field by the label this form shows."""
        field = e.params.get("field")
        if field in self.labels:
            e = UserFacingError(e.message_id, **{**e.params, "field": self.labels[field]})
        return error_text(e, self.settings)

    def fields_in_order(self) -> list[QWidget]:
        """What Tab visits, in reading order: the surname, its title, the rest."""
        edits = list(self.edits.values())
        return [edits[0], self.title, *edits[1:], self.check_button]

    def value(self) -> verification.VerificationForm:
        return verification.VerificationForm(
            surname=self.edits["surname"].text(),
            title=self.title.currentData(),
            full_name=self.edits["full_name"].text(),
            community=self.edits["community"].text(),
            building=self.edits["building"].text(),
            unit=self.edits["unit"].text(),
            room=self.edits["room"].text(),
            phone_readback=self.edits["phone_readback"].text(),
        )

    def set_value(self, form: verification.VerificationForm) -> None:
        for key, edit in self.edits.items():
            edit.setText(getattr(form, key) or "")
        index = self.title.findData(form.title) if form.title else 0
        self.title.blockSignals(True)
        self.title.setCurrentIndex(max(index, 0))
        self.title.blockSignals(False)
        if form.surname and form.title:
            self._last_surname = (form.surname.strip(), form.title)

    def clear(self) -> None:
        self.set_value(verification.VerificationForm())
        self._last_surname = None
        self.outcome.clear()
        self.message.clear_message()
        for edit in self.edits.values():
            _mark(edit, "")

    def _surname_edited(self) -> None:
        surname = self.edits["surname"].text().strip()
        title = self.title.currentData()
        self.changed.emit()
        if surname and title and (surname, title) != self._last_surname:
            try:
                verification.check_form(verification.VerificationForm(surname=surname, title=title))
            except UserFacingError as e:
                self.message.show_error(self.error(e))
                return
            self._last_surname = (surname, title)
            self.surname_given.emit(surname, title)

    def check(self) -> None:
        """Compare the answers with the record and show field by field what matched."""
        try:
            form = verification.check_form(self.value())
        except UserFacingError as e:
            self.message.show_error(self.error(e))
            return
        self.message.clear_message()
        result = verification.match(form, self.card)
        for fm in result.fields:
            edit = self.edits.get(fm.field)
            if edit is not None:
                _mark(edit, fm.result)
        self.outcome.setText(self.outcome_text(result.outcome))
        self.outcome.setProperty("outcome", result.outcome)
        repolish(self.outcome)
        self.checked.emit(result)

    def outcome_text(self, outcome: Verification) -> str:
        """The outcome's name, and why for the two that need it."""
        why = {
            Verification.NOT_VERIFIED: self.tr("details do not match"),
            Verification.NEW_CUSTOMER: self.tr("no record to check against"),
        }.get(outcome)
        label = verification_label(outcome)
        return label if why is None else f"{label} — {why}"


class IntentForm(QWidget):
    """The intent chosen for the call and its form, built from ``intents.yaml``."""

    changed = Signal()
    intent_changed = Signal(str)
    action_requested = Signal(str, str)  # a field's on_tick action (dispatch), its id
    rebuilt = Signal()  # the chosen intent's fields are new widgets (chain them again)

    def __init__(
        self, settings: Settings, intents: Mapping[str, IntentDef], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("intentForm")
        self.settings = settings
        self.language = settings.language
        self.zone = ZoneInfo(settings.timezone)
        self.intents = dict(intents)
        self.values: dict[str, dict[str, Any]] = {}  # per intent: what was typed
        self.defaults: dict[str, Any] = {}  # what the call knows: name, phone, address
        # The call's start and the calendar: each promised time's limit (and its
        # pre-filled value), counted from the call (GS 2.2.6, 2.2.4, 15.3.4).
        self.call_start: datetime | None = None
        self.calendar: HolidayCalendar | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.intent = QComboBox(self)
        self.intent.setObjectName("intentChoice")
        self.intent.setAccessibleName(self.tr("Intent"))
        self._fill_choices()
        self.intent.currentIndexChanged.connect(self._intent_chosen)
        layout.addWidget(self.intent)
        self.body = QWidget(self)
        self.body_layout = QFormLayout(self.body)
        self.body_layout.setContentsMargins(0, 4, 0, 0)
        self.body_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addWidget(self.body)
        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._current: str | None = None

    # --- the intent ------------------------------------------------------------------

    def current(self) -> str | None:
        return self._current

    def set_call(self, start: datetime | None, calendar: HolidayCalendar | None) -> None:
        """The call the forms are for: its promised times are counted from ``start``."""
        self.call_start = start
        self.calendar = calendar

    def limits(self, intent: str | None = None) -> dict[str, datetime]:
        """The latest time each promised field of ``intent`` (the chosen one by default)
        may name; nothing before a call starts."""
        key = intent or self._current
        if key is None or self.call_start is None or self.calendar is None:
            return {}
        return promise_limits(self.intents[key], self.call_start, self.calendar)

    def set_intent(self, intent: str | None) -> None:
        index = self.intent.findData(intent) if intent else 0
        self.intent.setCurrentIndex(max(index, 0))

    def _fill_choices(self) -> None:
        self.intent.addItem(self.tr("(choose the intent)"), None)
        for key, d in self.intents.items():
            self.intent.addItem(d.name(self.language) or intent_label(key), key)

    def fields_in_order(self) -> list[QWidget]:
        """What Tab visits, in reading order: the intent, then its form's fields."""
        out: list[QWidget] = [self.intent]
        for w in self.widgets.values():
            out.append(w.editor if isinstance(w, CheckedTextEdit) else w)
        return out

    def _intent_chosen(self, _index: int) -> None:
        if self._current is not None:
            self.values[self._current] = self.current_values()
        self._current = self.intent.currentData()
        self._build()
        self.changed.emit()
        self.intent_changed.emit(self._current or "")

    def _build(self) -> None:
        while self.body_layout.rowCount():
            self.body_layout.removeRow(0)
        self.widgets.clear()
        self.errors.clear()
        self.message.clear_message()
        if self._current is None:
            return
        saved = self.values.get(self._current)
        # A new form starts with what the call already knows (the customer's name,
        # address and number) and each promised time at the company's promise; a form
        # the agent has touched keeps what was typed.
        start = (
            saved
            if saved is not None
            else {**{k: _shown(v, self.zone) for k, v in self.limits().items()}, **self.defaults}
        )
        for f in self.intents[self._current].fields:
            name = f.name(self.language)
            widget = self._widget(f, start.get(f.id))
            widget.setObjectName(f"intent_{f.id}")
            widget.setAccessibleName(name)
            if isinstance(widget, CheckedTextEdit):
                widget.editor.setAccessibleName(name)  # the part that takes focus
            error = QLabel(self.body)
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.hide()
            box = QWidget(self.body)
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(2)
            v.addWidget(widget)
            v.addWidget(error)
            label = QLabel(name + (" *" if f.required else ""), self.body)
            label.setWordWrap(True)
            self.body_layout.addRow(label, box)
            self.widgets[f.id] = widget
            self.errors[f.id] = error
        self.rebuilt.emit()

    def _widget(self, f: FieldDef, value: Any) -> QWidget:
        name = f.name(self.language)
        if f.kind == "bool":
            box = QCheckBox(self.body)
            box.setChecked(bool(value))
            box.toggled.connect(lambda _v: self.changed.emit())
            if f.on_tick is not None:
                action = f.on_tick
                box.toggled.connect(
                    lambda ticked, fid=f.id: (
                        self.action_requested.emit(action, fid) if ticked else None
                    )
                )
            return box
        if f.kind == "choice":
            combo = QComboBox(self.body)
            combo.addItem("", None)
            for stored, shown in zip(f.choices, f.choice_names(self.language), strict=True):
                combo.addItem(shown, stored)
            if value is not None:
                combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            return combo
        if f.kind == "datetime":
            when = QLineEdit(self.body)
            when.setProperty("kind", "datetime")
            when.setPlaceholderText(self.tr("YYYY-MM-DD HH:MM, or HH:MM for today"))
            guard_line(when, name, MAX_DATETIME_TEXT).refused.connect(self.message.show_error)
            moment = parse_datetime(value) if value else None
            shown = moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M") if moment else value
            when.setText(str(shown or ""))
            when.textEdited.connect(lambda _t: self.changed.emit())
            return when
        if f.kind == "multiline":
            text = CheckedTextEdit(self.body)
            text.set_limit(name, f.max_len)
            text.editor.refused.connect(self.message.show_error)
            text.setPlainText(str(value or ""))
            text.editor.textChanged.connect(self.changed.emit)
            text.editor.setMinimumHeight(64)
            text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
            return text
        line = QLineEdit(self.body)
        guard = guard_line(line, name, f.max_len, digits=f.kind == "phone")
        guard.refused.connect(self.message.show_error)
        line.setText(str(value or ""))
        line.textEdited.connect(lambda _t: self.changed.emit())
        return line

    # --- values ------------------------------------------------------------------------

    def current_values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, w in self.widgets.items():
            if isinstance(w, QCheckBox):
                out[key] = w.isChecked()
            elif isinstance(w, QComboBox):
                out[key] = w.currentData()
            elif isinstance(w, QLineEdit) and w.property("kind") == "datetime":
                # Typed text that is not a time is kept as typed (and refused at close).
                moment = parse_local_datetime(w.text(), self.zone, datetime.now(self.zone))
                out[key] = moment.isoformat() if moment else w.text()
            elif isinstance(w, CheckedTextEdit):
                out[key] = w.toPlainText()
            elif isinstance(w, QLineEdit):
                out[key] = w.text()
        return out

    def set_value(self, field_id: str, value: Any) -> None:
        """Set a field of the chosen intent as the console knows it (the dispatch time,
        a box unticked because the dispatch failed), without acting on it again."""
        w = self.widgets.get(field_id)
        if w is None:
            return
        w.blockSignals(True)
        if isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QLineEdit) and isinstance(value, datetime):
            w.setText(value.astimezone(self.zone).strftime("%Y-%m-%d %H:%M"))
        elif isinstance(w, QLineEdit):
            w.setText(str(value or ""))
        w.blockSignals(False)
        self.changed.emit()

    def all_values(self) -> dict[str, dict[str, Any]]:
        """Every intent's values typed during the call (the chosen one up to date)."""
        out = dict(self.values)
        if self._current is not None:
            out[self._current] = self.current_values()
        return out

    def restore(self, intent: str | None, values: Mapping[str, Mapping[str, Any]]) -> None:
        self.values = {k: dict(v) for k, v in values.items()}
        self._current = None
        self.intent.blockSignals(True)
        self.set_intent(intent)
        self.intent.blockSignals(False)
        self._current = self.intent.currentData()
        self._build()

    def clear(self) -> None:
        self.restore(None, {})

    def start_over(self, intents: Mapping[str, IntentDef]) -> None:
        """An empty form for the next call, with the forms in force (an administrator
        may have changed them since the last call)."""
        if dict(intents) != self.intents:
            self.intents = dict(intents)
            self.intent.blockSignals(True)
            self.intent.clear()
            self._fill_choices()
            self.intent.blockSignals(False)
        self.clear()

    def validate(self) -> list[FieldProblem]:
        """Mark every problem of the chosen intent's form; empty when it is complete."""
        for e in self.errors.values():
            e.hide()
        if self._current is None:
            self.message.show_error(self.tr("Choose the caller's intent."))
            return [FieldProblem("intent", "input.required", {})]
        definition = self.intents[self._current]
        found = problems(definition, self.current_values(), self.limits())
        for p in found:
            label = self.errors.get(p.field)
            # The messages name the field as this form shows it (its English label in
            # the English UI).
            params = {**p.params, "field": definition.field(p.field).name(self.language)}
            text = error_text(UserFacingError(p.message_id, **params), self.settings)
            if label is not None:
                label.setText(text)
                label.show()
        if found:
            first = self.widgets.get(found[0].field)
            if first is not None:  # the cursor goes to the first field to fix
                (first.editor if isinstance(first, CheckedTextEdit) else first).setFocus()
            self.message.show_error(
                self.tr("%n field(s) need attention before the call can be closed.", "", len(found))
            )
        else:
            self.message.clear_message()
        return found

    def text_widgets(self) -> list[CheckedTextEdit]:
        return [w for w in self.widgets.values() if isinstance(w, CheckedTextEdit)]
