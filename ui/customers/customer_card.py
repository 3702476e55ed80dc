"""The customer card of the screen pop (R2.13): who is calling, where they live, what
they asked lately, and what needs the agent's attention (a special-group customer, an
overdue safety inspection, a repeat caller).

It only shows a ``console.customers.customers.ScreenPop``; choosing among several accounts on one
number is reported with ``customer_chosen`` and the call screen asks the service.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.calls.screen_pop import ScreenPop
from console.content import content
from console.content.content import Library
from console.core.vocabulary import CaseId
from console.customers.contacts import ContactSummary
from console.customers.customers import CustomerCard
from ui.core.style import repolish
from ui.core.text import case_kind_label, case_status_label, intent_label


class CustomerCardView(QFrame):
    customer_chosen = Signal(int)
    search_requested = Signal(str)  # find the caller: name, address, account, digits
    painted = Signal(str)  # the call id whose card was just put on screen
    register_requested = Signal(int)  # customer id: register as a special-group customer

    def __init__(
        self, zone: ZoneInfo, parent: QWidget | None = None, *, library: Library | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library or content.shipped()  # the standard phrases in force
        self.setObjectName("customerCard")
        self.setAccessibleName(self.tr("Customer card"))
        self.zone = zone
        self.pop: ScreenPop | None = None
        self._build_fields()
        self._build_search()
        self._build_lists()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.alerts)
        layout.addLayout(self.form)
        layout.addWidget(self.search)
        layout.addWidget(self.candidates_label)
        layout.addWidget(self.candidates)
        layout.addWidget(self.cases_label)
        layout.addWidget(self.cases)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent, 1)
        self.clear()

    def _build_fields(self) -> None:
        """Who the caller is: name, what needs attention, the account's fields."""
        self.heading = QLabel(self)
        self.heading.setObjectName("cardName")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.alerts = QLabel(self)
        self.alerts.setObjectName("cardAlert")
        self.alerts.setWordWrap(True)
        self.alerts.setAccessibleName(self.tr("Attention"))
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.fields: dict[str, QLabel] = {}
        for key, label in (
            ("account_no", self.tr("Account")),
            ("address", self.tr("Address")),
            ("phone", self.tr("Phone")),
            ("account_type", self.tr("Account type")),
            ("inspection", self.tr("Safety inspection")),
        ):
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(label)
            self.fields[key] = value
            self.form.addRow(label, value)
        self.register_button = QPushButton(self.tr("Special &group…"), self)
        self.register_button.setObjectName("registerSpecialGroup")
        self.register_button.setToolTip(
            self.tr("Register an elderly, ill or disabled customer for home visits (R3.9)")
        )
        self.register_button.clicked.connect(
            lambda: (
                self.register_requested.emit(self.pop.card.id)
                if self.pop is not None and self.pop.card is not None
                else None
            )
        )
        self.form.addRow("", self.register_button)

    def _build_search(self) -> None:
        """Finding the caller, and the accounts on a shared number."""
        self.search = QLineEdit(self)
        self.search.setObjectName("customerSearch")
        self.search.setAccessibleName(self.tr("Find the caller"))
        self.search.setPlaceholderText(
            self.tr("Find: name, address, account no. or last 4+ digits — Enter")
        )
        self.search.returnPressed.connect(
            lambda: (
                self.search_requested.emit(self.search.text().strip())
                if self.search.text().strip()
                else None
            )
        )
        self.candidates_label = QLabel(self.tr("Several accounts use this number — choose:"))
        self.candidates = QListWidget(self)
        self.candidates.setObjectName("candidates")
        self.candidates.setAccessibleName(self.tr("Accounts on this number"))
        self.candidates.itemActivated.connect(self._chosen)

    def _build_lists(self) -> None:
        """The open cases a follow-up call links to, and the recent contacts."""
        self.cases_label = QLabel(self.tr("Open cases — tick the one this call is about"), self)
        self.cases_label.setObjectName("sectionTitle")
        self.cases = QListWidget(self)
        self.cases.setObjectName("openCases")
        self.cases.setAccessibleName(self.tr("Open cases"))
        self.cases.setWordWrap(True)
        self.cases.itemChanged.connect(self._one_linked)
        self.recent_label = QLabel(self.tr("Recent contacts"), self)
        self.recent_label.setObjectName("sectionTitle")
        self.recent = QListWidget(self)
        self.recent.setObjectName("recentContacts")
        self.recent.setAccessibleName(self.tr("Recent contacts"))
        self.recent.setWordWrap(True)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fields_in_order(self) -> list[QWidget]:
        """What Tab visits on the card, top to bottom."""
        return [self.register_button, self.search, self.candidates, self.cases, self.recent]

    def show_ringing(self, number: str | None) -> None:
        """Between the ring and the screen pop: the number, and that the record is
        being looked up (never "no call" while a call rings)."""
        self.clear()
        self.heading.setText(number or self.tr("Withheld number"))
        self.recent.addItem(self.tr("Looking up the caller…"))

    def clear(self) -> None:
        self.pop = None
        self.heading.setText(self.tr("No call"))
        self.alerts.hide()
        for value in self.fields.values():
            value.clear()
        self.candidates.clear()
        self.candidates_label.hide()
        self.candidates.hide()
        self.recent.clear()
        self.cases.clear()
        self.cases_label.hide()
        self.cases.hide()
        self.search.clear()
        self.search.setEnabled(False)
        self.register_button.setVisible(False)

    def show_candidates(self, found: list[CustomerCard]) -> None:
        """Search results (masked until the agent has verified and chosen one)."""
        self.candidates.clear()
        for c in found:
            item = QListWidgetItem(f"{c.name}{c.title} · {c.account_no} · {c.address}")
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.candidates.addItem(item)
        if not found:
            item = QListWidgetItem(self.tr("No customer found"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.candidates.addItem(item)
        self.candidates_label.setText(self.tr("Found — verify the caller, then Enter to choose:"))
        self.candidates_label.show()
        self.candidates.show()
        self.candidates.setCurrentRow(0)
        self.candidates.setFocus()

    def show_pop(self, pop: ScreenPop) -> None:
        self.pop = pop
        self.search.setEnabled(True)
        card = pop.card
        if card is not None:
            self._show_card(card)
        elif pop.candidates:
            self.heading.setText(self.tr("%n account(s) on this number", "", len(pop.candidates)))
            for value in self.fields.values():
                value.clear()
        else:
            self.heading.setText(self.tr("Unknown caller"))
            for value in self.fields.values():
                value.clear()
            self.fields["phone"].setText(pop.caller_number or self.tr("(number withheld)"))
        self.register_button.setVisible(card is not None)
        self._show_alerts(pop)
        self.candidates.clear()
        many = card is None and len(pop.candidates) > 1
        self.candidates_label.setText(self.tr("Several accounts use this number — choose:"))
        self.candidates_label.setVisible(many)
        self.candidates.setVisible(many)
        if many:
            for c in pop.candidates:
                item = QListWidgetItem(f"{c.name}{c.title} · {c.account_no} · {c.address}")
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.candidates.addItem(item)
        self._show_cases(pop)
        self.recent.clear()
        for contact in pop.recent:
            self.recent.addItem(self._contact_line(contact))
        if not pop.recent:
            self.recent.addItem(self.tr("No earlier contacts"))
        self.painted.emit(pop.call_id)

    def _show_cases(self, pop: ScreenPop) -> None:
        """The customer's open cases (R3.1): a follow-up call is linked, not duplicated."""
        linked = self.linked_case_id()
        self.cases.blockSignals(True)
        self.cases.clear()
        for c in pop.open_cases:
            when = c.opened_at.astimezone(self.zone).strftime("%m-%d")
            item = QListWidgetItem(
                f"{c.case_no} · {case_kind_label(c.kind)} · {case_status_label(c.status)} · "
                f"{when} · {c.owner_job_no} · {c.summary[:40]}"
            )
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = Qt.CheckState.Checked if c.id == linked else Qt.CheckState.Unchecked
            item.setCheckState(checked)
            self.cases.addItem(item)
        self.cases.blockSignals(False)
        self.cases_label.setVisible(bool(pop.open_cases))
        self.cases.setVisible(bool(pop.open_cases))

    def linked_case_id(self) -> CaseId | None:
        """The open case the agent ticked as what this call is about, if any."""
        for i in range(self.cases.count()):
            item = self.cases.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                return CaseId(str(item.data(Qt.ItemDataRole.UserRole)))
        return None

    def _one_linked(self, changed: QListWidgetItem) -> None:
        if changed.checkState() != Qt.CheckState.Checked:
            return
        self.cases.blockSignals(True)
        for i in range(self.cases.count()):
            item = self.cases.item(i)
            if item is not changed:
                item.setCheckState(Qt.CheckState.Unchecked)
        self.cases.blockSignals(False)

    def _show_card(self, card: CustomerCard) -> None:
        self.heading.setText(f"{card.name}{card.title}")
        self.fields["account_no"].setText(card.account_no)
        self.fields["address"].setText(card.address)
        self.fields["phone"].setText(card.phone or "")
        self.fields["account_type"].setText(card.account_type)
        if card.last_inspection_at is None:
            inspection = self.tr("never inspected")
        else:
            inspection = self.tr("last %1").replace("%1", self._date(card.last_inspection_at))
            if card.inspection_overdue and card.inspection_due_at is not None:
                inspection += " · " + self.tr("OVERDUE since %1").replace(
                    "%1", self._date(card.inspection_due_at)
                )
        self.fields["inspection"].setText(inspection)
        self.fields["inspection"].setProperty("alert", card.inspection_overdue)
        repolish(self.fields["inspection"])

    def _show_alerts(self, pop: ScreenPop) -> None:
        alerts: list[str] = []
        card = pop.card
        if card is not None and card.special_group:
            alerts.append(
                self.tr("Special-group customer (%1): speak slowly, offer extra help").replace(
                    "%1", card.special_group
                )
            )
        if card is not None and card.inspection_overdue:
            alerts.append(self.tr("Safety inspection overdue: offer to book one"))
        if pop.nuisance is not None:
            until = pop.nuisance.expires_at.astimezone(self.zone).strftime("%m-%d %H:%M")
            alerts.insert(  # first: it decides how the agent answers
                0,
                self.tr("Marked as a nuisance caller until %1 (%2). If it happens again: %3")
                .replace("%1", until)
                .replace("%2", pop.nuisance.reason)
                .replace("%3", self.library.get(content.SPECIAL).phrase("harassment").text),
            )
        for o in pop.outages:
            restore = (
                o.restore_expected_at.astimezone(self.zone).strftime("%m-%d %H:%M")
                if o.restore_expected_at
                else self.tr("not yet known")
            )
            alerts.append(
                self.tr("In an outage area: %1 — %2; gas expected back %3")
                .replace("%1", o.title)
                .replace("%2", o.reason)
                .replace("%3", restore)
            )
        if pop.repeat_caller:
            alerts.append(
                self.tr("Repeat caller: %1 call(s) in 24 h, %2 in 7 days")
                .replace("%1", str(pop.calls_last_24h))
                .replace("%2", str(pop.calls_last_7d))
            )
        self.alerts.setText("\n".join(alerts))
        self.alerts.setVisible(bool(alerts))

    def _contact_line(self, c: ContactSummary) -> str:
        when = c.started_at.astimezone(self.zone).strftime("%m-%d %H:%M")
        what = intent_label(c.intent) if c.intent else self.tr("no intent recorded")
        excerpt = f" · {c.notes_excerpt}" if c.notes_excerpt else ""
        case = f" · {c.case_no}" if c.case_no else ""
        return f"{when} · {what} · {c.job_no}{case}{excerpt}"

    def _date(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).strftime("%Y-%m-%d")

    def _chosen(self, item: QListWidgetItem) -> None:
        customer_id = item.data(Qt.ItemDataRole.UserRole)
        if customer_id is not None:
            self.customer_chosen.emit(int(customer_id))
