"""Transferring the caller (转接, F7): to a seat that is signed in and 就绪, or to a number.

GS 15.4.2 lets an agent hand an agitated caller to someone else; PR 一 says what comes
first: "请稍等". The dialog shows that line (from the standard's phrases, the call
scripts' special situations) above the choice; choosing the target records the line as
said and the call screen transfers (``console.telephony.telephony.Telephony.transfer``).
The seats offered are read when the dialog opens (``transfer_seats``): only those that
take a call now. On a line that dials numbers only (a softphone: the register has no SIP
address for a seat) the dialog asks for the number alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.settings import Settings
from console.telephony.telephony import TransferSeat
from ui.core.text import error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import run_op


class TransferDialog(QDialog):
    """The line to say first, then the seat (or number) to hand the caller to.

    Signals:
        chosen(str): the seat code or number, once the agent transfers at once.
        consult(str): the seat to consult first (attended transfer), the caller holding.
    """

    chosen = Signal(str)
    consult = Signal(str)

    def __init__(
        self,
        settings: Settings,
        line: str,
        load_seats: Callable[[], list[TransferSeat]] | None,
        parent: QWidget | None = None,
    ) -> None:
        """``load_seats``: the ready seats, read on a worker; None when the line reaches
        numbers only."""
        super().__init__(parent)
        self._settings = settings
        self.setObjectName("transferDialog")
        self.setWindowTitle(self.tr("Transfer the call"))
        self.setModal(True)
        say_first = QLabel(self.tr("Say to the caller first:"), self)
        self.line = QLabel(line, self)
        self.line.setObjectName("transferLine")
        self.line.setAccessibleName(self.tr("The line to say before the transfer"))
        self.line.setWordWrap(True)
        self.seat = QComboBox(self)
        self.seat.setObjectName("transferSeat")
        self.seat.setAccessibleName(self.tr("Ready seats"))
        self.seat.setPlaceholderText(self.tr("Looking for ready seats…"))
        self.number = QLineEdit(self)
        self.number.setObjectName("transferNumber")
        self.number.setAccessibleName(self.tr("Number to transfer to"))
        self.number.setMaxLength(32)
        self.number.setPlaceholderText(self.tr("Or a number (instead of a seat)"))
        form = QFormLayout()
        for text, field in ((self.tr("&Seat"), self.seat), (self.tr("N&umber"), self.number)):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        if load_seats is None:
            form.setRowVisible(self.seat, False)
            self.number.setPlaceholderText(self.tr("An extension or a telephone number"))
        self.message = MessageLabel(self)
        buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self.tr("&Transfer"), self)
        self.ok_button.setObjectName("transferButton")
        self.ok_button.setDefault(True)
        self.consult_button = QPushButton(self.tr("&Consult first"), self)
        self.consult_button.setObjectName("consultButton")
        self.consult_button.setAutoDefault(False)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setAutoDefault(False)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.consult_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(lambda _checked=False: self.submit())
        self.consult_button.clicked.connect(lambda _checked=False: self.submit(consult=True))
        cancel.clicked.connect(lambda _checked=False: self.reject())
        layout = QVBoxLayout(self)
        layout.addWidget(say_first)
        layout.addWidget(self.line)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.loaded = load_seats is None  # the ready seats are in the list (tests wait)
        if load_seats is not None:
            run_op(self, load_seats, self._show_seats, self._failed)

    def _show_seats(self, seats: list[TransferSeat]) -> None:
        self.seat.clear()
        for s in seats:
            self.seat.addItem(f"{s.seat} · {s.name} ({s.job_no})", s.seat)
        if seats:
            self.seat.setCurrentIndex(0)  # a placeholder would otherwise stay chosen
        else:
            self.seat.setPlaceholderText(self.tr("No other seat is ready"))
        self.loaded = True

    def _failed(self, error: BaseException) -> None:
        self.loaded = True
        self.message.show_error(error_text(error, self._settings))

    def target(self) -> str:
        """The number typed, else the seat chosen ("" when neither)."""
        number = self.number.text().strip()
        if number:
            return number
        seat = self.seat.currentData()
        return str(seat) if seat else ""

    def submit(self, *, consult: bool = False) -> None:
        target = self.target()
        if not target:
            if self.seat.isVisibleTo(self):
                self.message.show_error(self.tr("Choose a ready seat or type a number."))
                self.seat.setFocus()
            else:
                self.message.show_error(self.tr("Type the number to transfer to."))
                self.number.setFocus()
            return
        (self.consult if consult else self.chosen).emit(target)
        self.accept()
