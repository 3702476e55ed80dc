"""The call log view (来电记录): a filter bar over a lazily loaded, server-sorted table.

``CallLogModel`` holds the rows loaded so far and asks ``console.calls.call_log.search`` for the
next page (keyset cursor) on the worker pool when the view scrolls to the end
(``canFetchMore``/``fetchMore``). A new filter or a click on a column header resets it
and queries again; the database sorts, never the view.

To put it in the main window (a tab or a dialog)::

    run = lambda fn, *args: self.runtime.run(self.ctx, fn, *args)
    own = None if self.ctx.is_at_least(Role.SUPERVISOR) else self.ctx.stamped_job_no
    view = CallLogView(run, self.settings, own_job_no=own)
    view.search()

``run`` is called on a worker thread; it runs a service as the signed-in agent in its own
unit of work (``Runtime.run``). The service decides who sees what (an agent: their own
calls); ``own_job_no`` only fills in and fixes the job number field for agents.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.calls import call_log, calls
from console.calls.call_log import CallFilter, CallLogRow, Page
from console.calls.calls import CallRecord
from console.core.runner import Runner
from console.core.settings import Settings
from console.core.vocabulary import CallChannel
from ui.core.changes import changes
from ui.core.text import (
    call_state_label,
    channel_label,
    direction_label,
    error_text,
    intent_label,
    verification_label,
)
from ui.core.widgets import MessageLabel, StatusLabel
from ui.core.worker import service_op

# Runs ``fn(session, ctx, *args)`` as the signed-in agent (see the module docstring).
Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "started_at",
    "job_no",
    "direction",
    "caller_number",
    "customer",
    "intent",
    "verification",
    "duration",
    "compliance_score",
    "state",
    "notes",
)
# Columns the database can sort by, and the sort key it knows them by.
SORTABLE = {
    "started_at": "started_at",
    "job_no": "job_no",
    "customer": "customer",
    "intent": "intent",
    "duration": "duration",
}
PAGE_SIZE = 200
# QDateEdit cannot be empty: its minimum date stands for "any date".
NO_DATE = QDate(2000, 1, 1)


def _day(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


class CallLogModel(QAbstractTableModel):
    """The rows of the call log loaded so far; more on demand (``fetchMore``)."""

    loading_changed = Signal(bool)
    page_loaded = Signal(int)  # rows in the page just appended
    failed = Signal(str)  # the error as a sentence
    count_changed = Signal(int)  # call_log.count: COUNT_CAP + 1 means "more than"

    def __init__(
        self,
        run: Runner,
        settings: Settings,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._run = run
        self._settings = settings
        self._zone = ZoneInfo(settings.timezone)
        self._page_size = page_size
        self._rows: list[CallLogRow] = []
        self._filter: CallFilter | None = None  # None: no search made yet
        self._sort = "started_at"
        self._descending = True
        self._cursor: str | None = None
        self._more = False
        self._loading = False
        self._generation = 0  # answers to an older query are dropped
        self.error = ""

    # The query ---------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def sort_key(self) -> str:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def set_filter(self, flt: CallFilter) -> None:
        """Show the calls matching ``flt`` (from the first page, in the current order)."""
        self._filter = flt
        self._requery(count=True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: the database sorts again. Columns it cannot sort by are
        ignored."""
        if not 0 <= column < len(COLUMNS) or COLUMNS[column] not in SORTABLE:
            return
        key = SORTABLE[COLUMNS[column]]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending) and self._filter is not None:
            return
        self._sort, self._descending = key, descending
        if self._filter is not None:
            self._requery(count=False)

    def sort_column(self) -> int:
        return COLUMNS.index(next(c for c, k in SORTABLE.items() if k == self._sort))

    def _requery(self, count: bool) -> None:
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._cursor = None
        self._more = True
        self.error = ""
        self._set_loading(False)
        self.endResetModel()
        if count and self._filter is not None:
            gen = self._generation
            (
                service_op(self, self._run, call_log.count, self._filter)
                .on_success(lambda n: self._counted(gen, n))
                .on_failure(lambda _e: None)  # the page's own error says it
                .start()
            )
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        """Read the query on screen again (calls were saved meanwhile)."""
        if self._filter is not None:
            self._requery(count=True)

    def row(self, row: int) -> CallLogRow:
        return self._rows[row]

    # Lazy loading ------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and self._filter is not None
            and self._more
            and not self._loading
            and not self.error
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._filter is not None
        gen = self._generation
        self._set_loading(True)
        (
            service_op(
                self,
                self._run,
                call_log.search,
                self._filter,
                self._sort,
                self._descending,
                self._cursor,
                self._page_size,
            )
            .on_success(lambda page: self._page_arrived(gen, page))
            .on_failure(lambda e: self._page_failed(gen, e))
            .start()
        )

    def _page_arrived(self, gen: int, page: Page) -> None:
        if gen != self._generation:
            return
        self._set_loading(False)
        self._cursor = page.cursor
        self._more = page.cursor is not None
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self.page_loaded.emit(len(page.rows))

    def _page_failed(self, gen: int, error: BaseException) -> None:
        if gen != self._generation:
            return
        self.error = error_text(error, self._settings)
        self._set_loading(False)
        self.failed.emit(self.error)

    def _counted(self, gen: int, n: int) -> None:
        if gen == self._generation:
            self.count_changed.emit(n)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # The table -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section] in SORTABLE:
            return self.tr("Click to sort by this column")
        return None

    def _header(self, column: str) -> str:
        return {
            "started_at": self.tr("Time"),
            "job_no": self.tr("Job no."),
            "direction": self.tr("Type"),
            "caller_number": self.tr("Number"),
            "customer": self.tr("Customer"),
            "intent": self.tr("Intent"),
            "verification": self.tr("Verification"),
            "duration": self.tr("Duration"),
            "compliance_score": self.tr("Score"),
            "state": self.tr("State"),
            "notes": self.tr("Notes"),
        }[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "notes":
            return r.notes_excerpt or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            "duration",
            "compliance_score",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return r
        return None

    def _display(self, r: CallLogRow, column: str) -> str:
        if column == "started_at":
            return r.started_at.astimezone(self._zone).strftime("%Y-%m-%d %H:%M")
        if column == "job_no":
            return r.job_no
        if column == "direction":
            if r.channel == CallChannel.VISIT:
                return channel_label(r.channel)
            return direction_label(r.direction)
        if column == "caller_number":
            if r.caller_number:
                return r.caller_number
            return "—" if r.channel == CallChannel.VISIT else self.tr("Withheld")
        if column == "customer":
            return r.customer_name or "—"
        if column == "intent":
            return "—" if r.intent is None else intent_label(r.intent)
        if column == "verification":
            return "—" if r.verification is None else verification_label(r.verification)
        if column == "duration":
            if r.duration_s is None:
                return self.tr("In progress")
            return f"{r.duration_s // 60}:{r.duration_s % 60:02d}"
        if column == "compliance_score":
            return "" if r.compliance_score is None else str(r.compliance_score)
        if column == "state":
            return self.tr("Dropped") if r.dropped else call_state_label(r.state)
        return r.notes_excerpt


class CallLogView(QWidget):
    """Filter bar, table and status line. Nothing typed in the filter is lost when the
    database refuses it: the message appears under the bar. A supervisor's log (one not
    limited to ``own_job_no``) can send the chosen call to quality review (质检)."""

    review_requested = Signal(str)  # the call id

    def __init__(
        self,
        run: Runner,
        settings: Settings,
        *,
        own_job_no: str | None = None,
        page_size: int = PAGE_SIZE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callLog")
        self.setAccessibleName(self.tr("Call log"))
        self._settings = settings
        self._zone = ZoneInfo(settings.timezone)
        self._count: int | None = None
        self._run = run
        self.model = CallLogModel(run, settings, page_size, self)
        bar = self._build_filter_bar(own_job_no)
        self.message = MessageLabel(self)
        self._build_table()
        self.status = StatusLabel(self)
        self.status.setObjectName("hint")

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.status, 1)
        self.review_button = QPushButton(self.tr("Add to quality revie&w"), self)
        self.review_button.setObjectName("callLogReview")
        self.review_button.clicked.connect(self._on_review)
        self.review_button.setVisible(own_job_no is None)
        foot.addWidget(self.review_button)
        layout.addLayout(foot)
        self._set_keys()

        self.model.loading_changed.connect(lambda _l: self._show_status())
        self.model.page_loaded.connect(lambda _n: self._show_status())
        self.model.count_changed.connect(self._on_count)
        self.model.failed.connect(self._on_failed)
        self.model.modelReset.connect(self._show_status)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable_correct())
        self.model.modelReset.connect(self._enable_correct)
        changes().calls.connect(self.refresh)  # a call taken or finished at this seat

    def set_own_job_no(self, own_job_no: str | None) -> None:
        """An agent's log shows and keeps their own job number (the service enforces
        it); ``None`` (a supervisor) lets any number be typed. Set again at each
        sign-in: an administrator may have changed the role meanwhile."""
        self.job_no.setReadOnly(own_job_no is not None)
        self.job_no.setText(own_job_no or "")
        self.job_no.setToolTip(self.tr("Agents see their own calls") if own_job_no else "")

    def _build_filter_bar(self, own_job_no: str | None) -> QGridLayout:
        """Two rows, so the log fits beside nothing on a small screen: when, then who/what."""
        self.since = self._date_edit(self.tr("From date"))
        self.until = self._date_edit(self.tr("To date"))
        self.job_no = QLineEdit(self)
        self.job_no.setObjectName("callLogJobNo")
        self.job_no.setAccessibleName(self.tr("Job number"))
        self.job_no.setPlaceholderText(self.tr("Any agent"))
        self.job_no.setMaxLength(16)
        self.set_own_job_no(own_job_no)
        self.intent = QComboBox(self)
        self.intent.setObjectName("callLogIntent")
        self.intent.setAccessibleName(self.tr("Intent"))
        self.intent.addItem(self.tr("Any intent"), None)
        for value, label in intent_label.choices():
            self.intent.addItem(label, value.value)
        self.text = QLineEdit(self)
        self.text.setObjectName("callLogText")
        self.text.setAccessibleName(self.tr("Customer or number"))
        self.text.setPlaceholderText(self.tr("Number (last 4+ digits), account no. or name"))
        self.text.setMaxLength(call_log.MAX_TEXT)
        self.text.setClearButtonEnabled(True)
        # Enter in a filter field searches (every letter of "Search" is taken in the
        # window: the tabs' and the menus' keys).
        self.search_button = QPushButton(self.tr("Search (Enter)"), self)
        self.search_button.setObjectName("callLogSearch")
        self.search_button.setAccessibleName(self.tr("Search"))
        self.search_button.clicked.connect(lambda _checked=False: self.search())
        for field in (self.job_no, self.text):
            field.returnPressed.connect(self.search)
        # A finished call is corrected, not saved over: by who took it, or a supervisor.
        self._own_job_no = own_job_no
        self.correct_button = QPushButton(self.tr("Correct &notes…"), self)
        self.correct_button.setObjectName("callLogCorrect")
        self.correct_button.setAccessibleName(self.tr("Correct the notes of the chosen call"))
        self.correct_button.setEnabled(False)
        self.correct_button.clicked.connect(self.correct_notes)

        bar = QGridLayout()
        bar.setHorizontalSpacing(6)
        for i, (label, widget) in enumerate(
            (
                (self.tr("F&rom"), self.since),
                (self.tr("T&o"), self.until),
                (self.tr("&Job no."), self.job_no),
                (self.tr("&Intent"), self.intent),
                (self.tr("C&ustomer"), self.text),
            )
        ):
            lab = QLabel(label, self)
            lab.setBuddy(widget)
            row, col = divmod(i, 3)
            bar.addWidget(lab, row, 2 * col)
            bar.addWidget(widget, row, 2 * col + 1)
        bar.addWidget(self.search_button, 1, 5)
        bar.addWidget(self.correct_button, 0, 6)
        bar.setColumnStretch(3, 1)
        return bar

    def _build_table(self) -> None:
        self.table = QTableView(self)
        self.table.setObjectName("callLogTable")
        self.table.setAccessibleName(self.tr("Calls"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("notes"), QHeaderView.ResizeMode.Stretch)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.DescendingOrder)
        # Set after the indicator, or setting it would already query.
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_sort_indicator_changed)

    def _set_keys(self) -> None:
        """Tab goes along the bar to the table; Enter in any field searches; Ctrl+F."""
        for first, second in (
            (self.since, self.until),
            (self.until, self.job_no),
            (self.job_no, self.intent),
            (self.intent, self.text),
            (self.text, self.search_button),
            (self.search_button, self.table),
        ):
            QWidget.setTabOrder(first, second)
        for w in (self.since, self.until, self.job_no, self.intent, self.text):
            w.installEventFilter(self)  # Enter in any field searches
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._on_find)

    def _date_edit(self, name: str) -> QDateEdit:
        w = QDateEdit(self)
        w.setAccessibleName(name)
        w.setCalendarPopup(True)
        w.setDisplayFormat("yyyy-MM-dd")
        w.setMinimumDate(NO_DATE)
        w.setSpecialValueText(self.tr("Any date"))
        w.setDate(NO_DATE)
        return w

    # Searching ------------------------------------------------------------------------
    def current_filter(self) -> CallFilter:
        """The filter as typed. Dates are whole local days: "to" includes its day."""
        since = until = None
        if self.since.date() != NO_DATE:
            since = self._local_midnight(_day(self.since.date()))
        if self.until.date() != NO_DATE:
            until = self._local_midnight(_day(self.until.date()) + timedelta(days=1))
        job_no = self.job_no.text().strip() or None
        text = self.text.text().strip() or None
        return CallFilter(
            since=since, until=until, job_no=job_no, intent=self.intent.currentData(), text=text
        )

    def _local_midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=self._zone)

    def search(self) -> None:
        self.message.clear_message()
        self._count = None
        self.model.set_filter(self.current_filter())

    def refresh(self) -> None:
        """The search on screen again, as it was made (not what is typed meanwhile)."""
        self._count = None
        self.model.refresh()

    def _on_review(self) -> None:
        row = self.table.model().data(self.table.currentIndex(), Qt.ItemDataRole.UserRole)
        if isinstance(row, CallLogRow):
            self.review_requested.emit(row.id)

    def _on_find(self) -> None:
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            popup = isinstance(watched, QComboBox) and watched.view().isVisible()
            if not popup:
                self.search()
                return True
        return super().eventFilter(watched, event)

    def _on_sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if COLUMNS[column] not in SORTABLE:  # keep showing the order actually in force
            order = (
                Qt.SortOrder.DescendingOrder
                if self.model.descending
                else Qt.SortOrder.AscendingOrder
            )
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(), order)
            header.blockSignals(False)

    # Correcting a finished call --------------------------------------------------------
    def chosen(self) -> CallLogRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _enable_correct(self) -> None:
        r = self.chosen()
        self.correct_button.setEnabled(
            r is not None
            and r.ended_at is not None
            and (self._own_job_no is None or r.job_no == self._own_job_no)
        )

    def correct_notes(self) -> None:
        """Open the correction of the chosen finished call (its notes as they are now)."""
        r = self.chosen()
        if r is None or r.ended_at is None:
            return
        self.message.clear_message()
        self.correct_button.setEnabled(False)
        op = service_op(self, self._run, calls.get_call, r.id)
        op.on_success(self._open_correction).on_failure(self._failed).start()

    def _open_correction(self, record: CallRecord) -> None:
        from ui.calls.correct_notes import CorrectNotesDialog

        self._enable_correct()
        dialog = CorrectNotesDialog(self._run, self._settings, record, self)
        dialog.corrected.connect(self._corrected)
        self.correction = dialog  # for tests and screenshots
        dialog.open()

    def _corrected(self, _record: CallRecord) -> None:
        self.search()
        self.message.show_info(self.tr("The notes were corrected; the earlier text is kept."))

    def _failed(self, error: BaseException) -> None:
        self._enable_correct()
        self.message.show_error(error_text(error, self._settings))

    # The status line -----------------------------------------------------------------
    def _on_count(self, n: int) -> None:
        self._count = n
        self._show_status()

    def _on_failed(self, text: str) -> None:
        self.message.show_error(text)
        self._show_status()

    def _show_status(self) -> None:
        if self.model.error:
            self.status.setText(self.tr("The calls could not be loaded."))
        elif self.model.loading:
            self.status.setText(self.tr("Loading…"))
        elif self._count is not None and self._count > call_log.COUNT_CAP:
            self.status.setText(
                self.tr("More than %1 calls · %2 shown")
                .replace("%1", f"{call_log.COUNT_CAP:,}")
                .replace("%2", str(self.model.rowCount()))
            )
        elif self._count is not None:
            self.status.setText(self.tr("%n call(s)", "", self._count))
        else:
            self.status.setText(self.tr("%1 calls shown").replace("%1", str(self.model.rowCount())))
