"""Per-seat preferences: window geometry and other UI state in a QSettings file next to
settings.json, and the dialog for this seat's softphone settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.core.errors import UserFacingError
from console.core.settings import Settings, config_dir
from console.telephony.softphone import SoftphoneConfig
from ui.core.text import error_text
from ui.core.widgets import MessageLabel


def ui_settings() -> QSettings:
    return QSettings(str(config_dir() / "ui.ini"), QSettings.Format.IniFormat)


class SoftphonePrefs(QDialog):
    """This seat's softphone (R2.16): the SIP account of its baresip, where it listens,
    the registrar, the control port. No account means the call simulator. Values that
    cannot work are refused here, before they are saved; they take effect at the next
    sign-in (the line is opened with the console's desk)."""

    saved = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("softphonePrefs")
        self.setWindowTitle(self.tr("Softphone"))
        self.settings = settings
        self.account = self._line("softphoneAccount", settings.softphone_account)
        self.account.setPlaceholderText(self.tr("empty: the call simulator"))
        self.registrar = self._line("softphoneRegistrar", settings.softphone_registrar)
        self.registrar.setPlaceholderText(self.tr("host[:port]; empty: no registration"))
        self.sip_address = self._line("softphoneSipAddress", settings.softphone_sip_address)
        self.sip_port = self._port("softphoneSipPort", settings.softphone_sip_port)
        self.control_port = self._port("softphoneControlPort", settings.softphone_control_port)
        self.start = QCheckBox(self.tr("&Start baresip with the console"), self)
        self.start.setObjectName("softphoneStart")
        self.start.setChecked(settings.softphone_start)
        self.dial_host = self._line("softphoneDialHost", settings.softphone_dial_host)
        self.dial_host.setPlaceholderText(self.tr("host[:port]; empty: the registrar"))
        self.audio = self._line("softphoneAudio", settings.softphone_audio)
        self.audio.setPlaceholderText(self.tr("e.g. alsa,default; empty: no sound device"))
        self.message = MessageLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("SIP &account"), self.account)
        form.addRow(self.tr("&Registrar"), self.registrar)
        form.addRow(self.tr("SIP a&ddress"), self.sip_address)
        form.addRow(self.tr("SIP &port"), self.sip_port)
        form.addRow(self.tr("&Control port (127.0.0.1)"), self.control_port)
        form.addRow("", self.start)
        form.addRow(self.tr("Dial &numbers at"), self.dial_host)
        form.addRow(self.tr("A&udio device"), self.audio)
        note = QLabel(
            self.tr(
                "The SIP password, if the registrar needs one, is kept in the system "
                "keyring (service agent-console-sip, user ACCOUNT@REGISTRAR). Changes "
                "take effect at the next sign-in."
            ),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _line(self, name: str, value: str) -> QLineEdit:
        edit = QLineEdit(value, self)
        edit.setObjectName(name)
        return edit

    def _port(self, name: str, value: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setRange(1, 65535)
        box.setValue(value)
        return box

    def save(self) -> None:
        account = self.account.text().strip()
        cfg = SoftphoneConfig(
            account=account,
            registrar=self.registrar.text().strip(),
            sip_address=self.sip_address.text().strip() or "127.0.0.1",
            sip_port=self.sip_port.value(),
            control_port=self.control_port.value(),
            start=self.start.isChecked(),
            dial_host=self.dial_host.text().strip(),
            audio=self.audio.text().strip(),
        )
        if account:
            try:
                cfg.check()
            except UserFacingError as e:
                self.message.show_error(error_text(e, self.settings))
                return
        s = self.settings
        s.softphone_account = cfg.account
        s.softphone_registrar = cfg.registrar
        s.softphone_sip_address = cfg.sip_address
        s.softphone_sip_port = cfg.sip_port
        s.softphone_control_port = cfg.control_port
        s.softphone_start = cfg.start
        s.softphone_dial_host = cfg.dial_host
        s.softphone_audio = cfg.audio
        try:
            s.save()
        except OSError as e:
            self.message.show_error(str(e))
            return
        self.saved.emit()
        self.accept()
