"""The reports dialog (R6.4): choose a report and its filters, preview it, print it
(the Qt print dialog) or save it as PDF, and — for supervisors — see the print registry
and reprint an entry as a registered copy.

One job at a time in the whole console, off the GUI thread
(``console.printing.printing.produce`` as a ``PDF_JOB`` of ``ui.core.worker``): a second
job, from this dialog or another, is refused with a message saying a report is being
printed. The pages laid so far show as progress and Cancel stops between pages: a
cancelled job leaves no file and no registry entry. Printing renders the registered
PDF's pages (``pdftoppm``, poppler-utils) onto the chosen printer, so what is printed is
exactly what was registered.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QRect, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.content import content
from console.content.content import Library
from console.core.identity import AgentContext, Role
from console.core.runner import Runner
from console.core.settings import Settings
from console.core.vocabulary import PrintAction, ReportKind
from console.printing import printing
from console.printing.printing import PrintEntry, ReportRequest
from ui.core.changes import Topic, changes
from ui.core.text import error_text, report_kind_label
from ui.core.widgets import MessageLabel
from ui.core.worker import PDF_JOB, BackgroundOp, Busy, InUse, Task, service_op

# A finished job: its registry entry, and the pages as images when they are shown or printed.
Printed = tuple[PrintEntry, list[QImage]]
Job = Callable[[Task], Printed]
PREVIEW_PAGES = 3
PREVIEW_DPI = 60
PRINT_DPI = 200


# The kinds a supervisor may print for one agent (an agent's own, always).
BY_AGENT = (ReportKind.CALL_LOG, ReportKind.QUALITY_TRENDS)


def _periodic(kind: str | None) -> bool:
    """Whether the report kind chosen covers a period (console/printing's table)."""
    return (
        kind is not None and kind in printing.REPORTS and printing.REPORTS[ReportKind(kind)].period
    )


def page_images(pdf_path: Path, dpi: int, last: int | None = None) -> list[QImage]:
    """The PDF's pages as images (pdftoppm), first to ``last``."""
    if shutil.which("pdftoppm") is None:
        raise RuntimeError("pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory(prefix="ac-pages-") as d:
        args = ["pdftoppm", "-png", "-r", str(dpi)]
        if last is not None:
            args += ["-l", str(last)]
        subprocess.run([*args, str(pdf_path), f"{d}/p"], check=True, timeout=300)
        return [QImage(str(p)) for p in sorted(Path(d).glob("p*.png"))]


class ReportsDialog(QDialog):
    job_done = Signal(object)  # PrintEntry of the finished job (a preview's too)

    def __init__(
        self,
        run: Runner,
        ctx: AgentContext,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        request: ReportRequest | None = None,
        library: Library | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportsDialog")
        self.setWindowTitle(self.tr("Reports"))
        self.run = run
        self.library = library or content.shipped()  # the shifts in force
        self.ctx = ctx
        self.settings = settings
        self.zone = ZoneInfo(settings.timezone)
        self.busy = Busy(self)
        self.busy.changed.connect(lambda _busy: self._enable())
        self.job: Task | None = None
        self.last: PrintEntry | None = None
        self.preview_images: list[QImage] = []
        self.message = MessageLabel(self)
        supervisor = ctx.is_at_least(Role.SUPERVISOR)

        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Report"))
        for kind, rule in printing.REPORTS.items():
            if self.ctx.is_at_least(rule.printed_by):
                self.kind.addItem(report_kind_label(kind), kind.value)
        # The seat's own date (settings' zone), as the command line takes it: not the
        # machine's zone, which may be UTC.
        local = datetime.now(self.zone).date()
        today = QDate(local.year, local.month, local.day)
        self.date_from = QDateEdit(today, self)
        self.date_to = QDateEdit(today, self)
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.agent = QLineEdit(self)
        self.agent.setAccessibleName(self.tr("Agent's job number"))
        self.agent.setPlaceholderText(self.tr("All agents"))
        if not supervisor:  # an agent's call log is their own (the service enforces it)
            self.agent.setText(ctx.stamped_job_no)
            self.agent.setReadOnly(True)
            self.agent.setToolTip(self.tr("Your own calls"))
        self.case_no = QLineEdit(self)
        self.case_no.setAccessibleName(self.tr("Case number"))
        self.case_no.setPlaceholderText("G2026-00123")
        self.handover_id = QLineEdit(self)
        self.handover_id.setAccessibleName(self.tr("Handover record number"))
        self.campaign_id = QLineEdit(self)
        self.campaign_id.setAccessibleName(self.tr("Campaign number"))
        form = QFormLayout()
        form.addRow(self.tr("&Report"), self.kind)
        period = QHBoxLayout()
        period.addWidget(self.date_from)
        period.addWidget(QLabel("—", self))
        period.addWidget(self.date_to)
        days = QLabel(self.tr("&Days"), self)
        days.setBuddy(self.date_from)
        form.addRow(days, period)
        # R6.1: a call log per shift — the shift of the first day, as the shift data says.
        self.shift = QComboBox(self)
        self.shift.setAccessibleName(self.tr("Shift"))
        self.shift.addItem(self.tr("Whole days"), None)
        for definition in self.library.get(content.SHIFT).shifts:
            self.shift.addItem(definition.title(settings.language), definition.name)
        form.addRow(self.tr("Shi&ft"), self.shift)
        form.addRow(self.tr("&Agent"), self.agent)
        form.addRow(self.tr("&Case"), self.case_no)
        form.addRow(self.tr("&Handover"), self.handover_id)
        form.addRow(self.tr("Ca&mpaign"), self.campaign_id)
        self.kind.currentIndexChanged.connect(lambda _i: self._enable())

        # The printer chosen last (kept while the dialog is open, as print dialogs do).
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        # clicked(bool) carries the checked flag: the slots take no part of it, or a
        # click would arrive as path=False / printer=False.
        self.preview_button = QPushButton(self.tr("Pre&view"), self)
        self.preview_button.clicked.connect(lambda _checked=False: self.preview())
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.clicked.connect(lambda _checked=False: self.print_report())
        self.save_button = QPushButton(self.tr("&Save as PDF…"), self)
        self.save_button.clicked.connect(lambda _checked=False: self.save_as())
        self.cancel_button = QPushButton(self.tr("Cancel the job"), self)
        self.cancel_button.clicked.connect(lambda _checked=False: self.cancel())
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("%v page(s)"))
        self.progress.hide()
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.save_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addWidget(self.progress, 1)

        self.pages = QWidget(self)
        self.pages_layout = QVBoxLayout(self.pages)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        scroll.setMinimumHeight(260)

        self.registry = QListWidget(self)
        self.registry.setObjectName("printRegistry")
        self.registry.setAccessibleName(self.tr("Print registry"))
        self.registry.setMaximumHeight(120)
        self.reprint_button = QPushButton(self.tr("Reprint as a cop&y…"), self)
        self.reprint_button.clicked.connect(lambda _checked=False: self.reprint())
        self.registry_entries: list[PrintEntry] = []
        self.registry.currentRowChanged.connect(lambda _r: self._enable())

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        self.registry_label = QLabel(self.tr("Print registry (last 7 days)"), self)
        layout.addWidget(self.registry_label)
        layout.addWidget(self.registry)
        layout.addWidget(self.reprint_button)
        for w in (self.registry_label, self.registry, self.reprint_button):
            w.setVisible(supervisor)
        self.resize(900, 720)
        if request is not None:
            self._preset(request)
        self._enable()
        if supervisor:  # the registry shows every job as soon as it is registered
            changes().prints.connect(self.load_registry)
            self.load_registry()

    # --- the request -------------------------------------------------------------------

    def _preset(self, r: ReportRequest) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(r.kind)))
        self.case_no.setText(r.case_no or "")
        self.handover_id.setText(r.handover_id or "")
        self.campaign_id.setText(r.campaign_id or "")

    def request(self) -> ReportRequest:
        kind = str(self.kind.currentData())
        first = self.date_from.date().toPython()
        last = self.date_to.date().toPython()
        periodic = _periodic(kind)
        since: datetime | None = None
        until: datetime | None = None
        if periodic:
            since = datetime.combine(first, time(), self.zone)  # type: ignore[arg-type]
            until = datetime.combine(last, time(), self.zone) + timedelta(days=1)  # type: ignore[arg-type]
            name = self.shift.currentData()
            if name is not None:  # that shift of the first day
                rules = self.library.get(content.SHIFT)
                start = next(d for d in rules.shifts if d.name == name).start_time
                span = rules.shift_at(datetime.combine(first, start, self.zone), self.zone)  # type: ignore[arg-type]
                since, until = span.start, span.end
        return ReportRequest(
            kind,
            since=since,
            until=until,
            job_no=self.agent.text().strip() or None if kind in BY_AGENT else None,
            case_no=self.case_no.text().strip() or None if kind == ReportKind.CASE else None,
            handover_id=self.handover_id.text().strip() or None
            if kind == ReportKind.HANDOVER
            else None,
            campaign_id=self.campaign_id.text().strip() or None
            if kind == ReportKind.CAMPAIGN
            else None,
        )

    def _enable(self) -> None:
        idle = not self.busy
        kind = self.kind.currentData()
        periodic = _periodic(kind)
        for w in (self.date_from, self.date_to, self.shift):
            w.setEnabled(idle and periodic)
        supervisor = self.ctx.is_at_least(Role.SUPERVISOR)
        self.agent.setEnabled(idle and kind in BY_AGENT and supervisor)
        self.case_no.setEnabled(idle and kind == ReportKind.CASE)
        self.handover_id.setEnabled(idle and kind == ReportKind.HANDOVER)
        self.campaign_id.setEnabled(idle and kind == ReportKind.CAMPAIGN)
        for b in (self.preview_button, self.print_button, self.save_button, self.kind):
            b.setEnabled(idle)
        self.cancel_button.setEnabled(self.busy.running)
        self.reprint_button.setEnabled(idle and self.registry.currentRow() >= 0)

    # --- the job -----------------------------------------------------------------------

    def _start(self, job: Job, done: Callable[[Printed], None], *, registers: bool) -> None:
        """One job at a time in the console, on the worker pool, with progress and cancel."""
        if self.busy:
            return
        self.message.clear_message()
        self.progress.setValue(0)
        self.progress.show()

        def finished(printed: Printed) -> None:
            self.job = None
            self.progress.hide()
            self.last = printed[0]
            done(printed)
            self.job_done.emit(printed[0])

        self.job = (
            BackgroundOp(self, job)
            .busy(self.busy)
            .one_at_a_time(PDF_JOB)
            .on_progress(self._show_pages)
            .changes(*((Topic.PRINTS,) if registers else ()))
            .on_success(finished)
            .on_failure(self._failed)
            .start()
        )

    def _show_pages(self, n: int) -> None:
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("%1 page(s)").replace("%1", str(n)))

    def _failed(self, error: BaseException) -> None:
        from reports.pdf import Cancelled

        self.job = None
        self.progress.hide()
        if isinstance(error, Cancelled):
            self.message.show_info(self.tr("Cancelled: nothing was printed or registered."))
        elif isinstance(error, InUse):
            self.message.show_error(
                self.tr(
                    "Another report is being printed or previewed in this console. Wait "
                    "until it is finished, or cancel it in its window, then try again."
                )
            )
        else:
            self.message.show_error(error_text(error, self.settings))
        self._enable()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _produce(self, path: Path, **kw: Any) -> Callable[[Task], PrintEntry]:
        run, req, zone = self.run, self.request(), self.zone

        def job(task: Task) -> PrintEntry:
            return printing.produce(
                run, req, path, zone=zone, cancelled=task.cancelled, progress=task.progress, **kw
            )

        return job

    def preview(self) -> None:
        path = Path(tempfile.mkdtemp(prefix="ac-preview-")) / "preview.pdf"
        produce = self._produce(path, preview=True)

        def job(task: Task) -> Printed:
            try:
                entry = produce(task)
                return entry, page_images(path, PREVIEW_DPI, PREVIEW_PAGES)
            finally:  # the pages are images now: the file is not kept
                shutil.rmtree(path.parent, ignore_errors=True)

        self._start(job, self._show_preview, registers=False)

    def _show_preview(self, printed: Printed) -> None:
        self.preview_images = printed[1]
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            shown = item.widget() if item is not None else None
            if shown is not None:
                shown.deleteLater()
        for image in self.preview_images:
            label = QLabel(self.pages)
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.pages_layout.addWidget(label)

    def save_as(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), "", self.tr("PDF (*.pdf)")
        )
        if not path:
            return
        target = Path(path)
        produce = self._produce(target, action=PrintAction.EXPORT)
        self._start(
            lambda task: (produce(task), []),
            lambda printed: self.message.show_info(
                self.tr("Saved as %1 · registry number %2")
                .replace("%1", str(target))
                .replace("%2", printed[0].serial)
            ),
            registers=True,
        )

    def _choose_printer(self) -> QPrinter | None:
        """The Qt print dialog on the printer chosen last: printer, copies (or a file)."""
        if QPrintDialog(self.printer, self).exec() != QDialog.DialogCode.Accepted:
            return None
        return self.printer

    def print_report(self) -> None:
        """Choose the printer and copies, then produce, register and print."""
        printer = self._choose_printer()
        if printer is not None:
            self._print_with(printer, self._produce)

    def _print_with(
        self,
        printer: QPrinter,
        make: Callable[..., Callable[[Task], PrintEntry]],
    ) -> None:
        copies = max(1, printer.copyCount())
        path = Path(tempfile.mkdtemp(prefix="ac-print-")) / "report.pdf"
        produce = make(path, action=PrintAction.PRINT, copies=copies)

        def job(task: Task) -> Printed:
            try:
                entry = produce(task)
                return entry, page_images(path, PRINT_DPI)  # worker: the slow part
            finally:  # registered with its SHA-256; the printer gets the images
                shutil.rmtree(path.parent, ignore_errors=True)

        def paint(printed: Printed) -> None:
            entry, images = printed
            painter = QPainter(printer)
            for i, image in enumerate(images):
                if i:
                    printer.newPage()
                target: QRect = painter.viewport()
                size = image.size()
                size.scale(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), size.width(), size.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
            painter.end()
            self.message.show_info(
                self.tr("Printed · registry number %1").replace("%1", entry.serial)
            )

        self._start(job, paint, registers=True)

    # --- the registry ------------------------------------------------------------------

    def load_registry(self) -> None:
        now = datetime.now(self.zone)
        (
            service_op(
                self, self.run, printing.registry, now - timedelta(days=7), now + timedelta(days=1)
            )
            .on_success(self._show_registry)
            .on_failure(lambda e: self.message.show_error(error_text(e, self.settings)))
            .start()
        )

    def _show_registry(self, entries: list[PrintEntry]) -> None:
        self.registry_entries = list(reversed(entries))
        self.registry.clear()
        for e in self.registry_entries:
            at = e.printed_at.astimezone(self.zone).strftime("%m-%d %H:%M")
            copy = self.tr(" (copy of %1)").replace("%1", e.copy_of) if e.copy_of else ""
            self.registry.addItem(
                f"{e.serial} · {at} · {e.job_no} · {report_kind_label(e.kind)} · {e.pages}"
                + self.tr(" page(s)")
                + copy
            )
        self._enable()

    def reprint(self) -> None:
        row = self.registry.currentRow()
        if not 0 <= row < len(self.registry_entries):
            return
        serial = self.registry_entries[row].serial
        printer = self._choose_printer()
        if printer is None:
            return
        run, zone = self.run, self.zone

        def make(path: Path, **kw: Any) -> Callable[[Task], PrintEntry]:
            def job(_task: Task) -> PrintEntry:
                return printing.reprint(
                    run, serial, path, zone=zone, action=PrintAction.PRINT, copies=kw["copies"]
                )

            return job

        self._print_with(printer, make)
