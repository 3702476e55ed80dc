"""Register a customer as a special-group customer (重点用户, R3.9, GS 2.2.7) from the
call, with the group and the reason the agent heard: an elderly caller living alone,
a disability mentioned. The customer then gets home-visit tasks on the shared list."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from console.cases import special_groups
from console.core.runner import Runner
from console.core.settings import Settings
from console.customers.customers import CustomerCard
from ui.core.text import error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import Busy, service_op


class SpecialGroupDialog(QDialog):
    registered = Signal(object)  # the customer's card after the registration

    def __init__(
        self,
        run: Runner,
        customer_id: int,
        customer_name: str,
        current_group: str | None,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("specialGroupDialog")
        self.setWindowTitle(self.tr("Register special-group customer"))
        self.run = run
        self.customer_id = customer_id
        self.settings = settings
        self.message = MessageLabel(self)
        self.group = QComboBox(self)
        self.group.setAccessibleName(self.tr("Group"))
        self.group.addItems(special_groups.SPECIAL_GROUPS)
        if current_group in special_groups.SPECIAL_GROUPS:
            self.group.setCurrentText(current_group)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("specialGroupReason")
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("What the caller said, e.g. 独居,行动不便"))
        self.reason.setMaxLength(special_groups.MAX_REASON)
        form = QFormLayout()
        form.addRow(self.tr("Customer"), QLabel(customer_name, self))
        form.addRow(self.tr("&Group"), self.group)
        form.addRow(self.tr("&Reason"), self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.busy = Busy(self, self.buttons)

    def submit(self) -> None:
        group, reason = self.group.currentText(), self.reason.text()
        (
            service_op(self, self.run, special_groups.register, self.customer_id, group, reason)
            .busy(self.busy)
            .on_success(self._done)
            .on_failure(self._fail)
            .start()
        )

    def _done(self, card: CustomerCard) -> None:
        self.registered.emit(card)
        self.accept()

    def _fail(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))  # the reason stays typed
