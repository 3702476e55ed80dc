"""A customer look-up outside a call (R2.14): the reason is asked first, the results are
masked, and each look-up goes to the audit trail with what it found. Thin over
``console.customers.customers.lookup_outside_call``, which does all three; the card's
own search is for the customer on the active call only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.core.runner import Runner
from console.core.settings import Settings
from console.customers import customers
from console.customers.customers import CustomerCard
from ui.core.text import error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import Busy, service_op

Index = QModelIndex | QPersistentModelIndex


class LookupModel(QAbstractTableModel):
    """The customers one look-up found, as the service masked them."""

    COLUMNS = ("account_no", "name", "phone", "address", "account_type", "special_group")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CustomerCard] = []

    def set_rows(self, rows: list[CustomerCard]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return {
            "account_no": self.tr("Account no."),
            "name": self.tr("Name"),
            "phone": self.tr("Phone (masked)"),
            "address": self.tr("Address"),
            "account_type": self.tr("Account type"),
            "special_group": self.tr("Special group"),
        }[self.COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        value = getattr(self.rows[index.row()], self.COLUMNS[index.column()])
        return "" if value is None else str(value)


class CustomerLookupDialog(QDialog):
    """客户查询: why first, then whom; masked results; every look-up audited."""

    found = Signal(int)  # how many customers the last look-up found

    def __init__(self, run: Runner, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerLookupDialog")
        self.setWindowTitle(self.tr("Customer look-up"))
        self.run = run
        self.settings = settings
        self.busy = Busy(self)
        self.busy.changed.connect(lambda _busy: self._enable())
        intro = QLabel(
            self.tr(
                "Not for the caller on a call (the card shows them). Say why you look: "
                "the reason and what is found go to the audit trail, and numbers are masked."
            ),
            self,
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("lookupReason")
        self.reason.setAccessibleName(self.tr("Reason for the look-up"))
        self.reason.setPlaceholderText(
            self.tr("e.g. callback on case G2026-00123 · checking an outage notice's address")
        )
        self.reason.setMaxLength(customers.MAX_REASON)
        self.query = QLineEdit(self)
        self.query.setObjectName("lookupQuery")
        self.query.setAccessibleName(self.tr("Customer"))
        self.query.setPlaceholderText(
            self.tr("Name, address, account no. or the last 4+ digits of a number")
        )
        self.query.setMaxLength(customers.MAX_QUERY)
        form = QFormLayout()
        for text, field in ((self.tr("&Reason"), self.reason), (self.tr("Cus&tomer"), self.query)):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        self.search_button = QPushButton(self.tr("&Look up"), self)
        self.search_button.setObjectName("lookupSearch")
        self.search_button.setDefault(True)  # Enter in either field looks up
        self.search_button.clicked.connect(self.look_up)
        self.model = LookupModel(self)
        self.results = QTableView(self)
        self.results.setObjectName("lookupResults")
        self.results.setModel(self.model)
        self.results.setAccessibleName(self.tr("Customers found"))
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.message = MessageLabel(self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.search_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        layout.addWidget(close)
        self.resize(860, 480)
        self.reason.setFocus()

    def _enable(self) -> None:
        self.search_button.setEnabled(not self.busy)

    def look_up(self) -> None:
        if self.busy:
            return
        if not self.reason.text().strip():  # asked first: nothing is looked up without it
            self.message.show_error(self.tr("First say why you look this customer up."))
            self.reason.setFocus()
            return
        (
            service_op(
                self, self.run, customers.lookup_outside_call, self.query.text(), self.reason.text()
            )
            .busy(self.busy)
            .on_success(self._shown)
            .on_failure(self._failed)
            .start()
        )

    def _shown(self, cards: list[CustomerCard]) -> None:
        self.model.set_rows(cards)
        if cards:
            self.message.show_info(
                self.tr(
                    "%1 customer(s) found, shown masked. This look-up is in the audit trail."
                ).replace("%1", str(len(cards)))
            )
        else:
            self.message.show_info(
                self.tr("Nobody found. This look-up is in the audit trail all the same.")
            )
        self.found.emit(len(cards))

    def _failed(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))  # what was typed stays
