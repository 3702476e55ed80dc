"""Quality trends as charts (console/quality/trends.py): the average score week by week,
and the share of calls meeting one clause of the checklist, each as the automatic score
has it and as the reviewers judged it.

Charts are drawn with pyqtgraph: a maintained plotting library built on Qt's own graphics
view (so it runs wherever the console's PySide6 runs, offscreen included), pure Python
over numpy — a far smaller install than matplotlib with its Qt backend, and QtCharts is
not in PySide6-Essentials.
"""

from __future__ import annotations

import math
from datetime import timedelta
from zoneinfo import ZoneInfo

import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.core.clock import Clock
from console.core.runner import Runner
from console.core.settings import Settings
from console.quality import trends
from console.quality.trends import Source, Trends
from ui.core.text import error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import BackgroundOp, Busy

COLORS = {Source.AUTOMATIC: QColor("#1f6feb"), Source.REVIEWED: QColor("#d9822b")}


class TrendsView(QWidget):
    def __init__(
        self,
        run: Runner,
        settings: Settings,
        clock: Clock,
        *,
        supervisor: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("qualityTrends")
        self.setAccessibleName(self.tr("Quality trends"))
        self.run = run
        self.settings = settings
        self.clock = clock
        self.zone = ZoneInfo(settings.timezone)
        self.trends: Trends | None = None
        self.message = MessageLabel(self)
        self.agent = QLineEdit(self)
        self.agent.setObjectName("trendAgent")
        self.agent.setAccessibleName(self.tr("Job number (empty: every agent)"))
        self.agent.setPlaceholderText(self.tr("Job number (empty: every agent)"))
        self.agent.setVisible(supervisor)
        self.agent.returnPressed.connect(self.refresh)
        self.weeks = QSpinBox(self)
        self.weeks.setObjectName("trendWeeks")
        self.weeks.setRange(2, trends.MAX_WEEKS)
        self.weeks.setValue(8)
        self.weeks.setSuffix(self.tr(" weeks"))
        self.clause = QComboBox(self)
        self.clause.setObjectName("trendClause")
        self.clause.setAccessibleName(self.tr("Clause"))
        self.clause.currentIndexChanged.connect(lambda _i: self._draw_clause())
        self.show_button = QPushButton(self.tr("Sh&ow"), self)
        self.show_button.setObjectName("showTrends")
        self.show_button.clicked.connect(self.refresh)
        weeks_label = QLabel(self.tr("&Weeks"), self)
        weeks_label.setBuddy(self.weeks)
        clause_label = QLabel(self.tr("Cla&use"), self)
        clause_label.setBuddy(self.clause)
        top = QHBoxLayout()
        top.addWidget(self.agent)
        top.addWidget(weeks_label)
        top.addWidget(self.weeks)
        top.addWidget(self.show_button)
        top.addSpacing(16)
        top.addWidget(clause_label)
        top.addWidget(self.clause, 1)
        self.score_plot = self._plot(self.tr("Average score (%)"))
        self.clause_plot = self._plot(self.tr("Share of calls meeting the clause (%)"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.score_plot, 1)
        layout.addWidget(self.clause_plot, 1)
        self.busy = Busy(self, self.show_button)

    def _plot(self, title: str) -> pg.PlotWidget:
        plot = pg.PlotWidget(self, background="w")
        plot.setTitle(title, color="#202124")
        plot.setYRange(0, 100)
        plot.showGrid(x=False, y=True, alpha=0.3)
        plot.addLegend(offset=(10, 10))
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        return plot

    def source_name(self, source: Source) -> str:
        if source is Source.AUTOMATIC:
            return self.tr("Automatic (every call)")
        return self.tr("Reviewed")

    # --- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        last = self.clock.now().astimezone(self.zone).date()
        first = last - timedelta(weeks=self.weeks.value() - 1)
        agent = self.agent.text().strip() or None
        run, zone = self.run, self.zone
        op = BackgroundOp(self, lambda _t: run(trends.trends, first, last, zone, agent))
        op.busy(self.busy).on_success(self._show).on_failure(self._fail).start()

    def _fail(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))

    def _show(self, t: Trends) -> None:
        self.trends = t
        self.message.clear_message()
        chosen = self.clause.currentData()
        self.clause.blockSignals(True)
        self.clause.clear()
        for entry in t.checklist:
            self.clause.addItem(f"{entry.clause} {entry.text}", entry.code)
        index = self.clause.findData(chosen)
        self.clause.setCurrentIndex(max(index, 0))
        self.clause.blockSignals(False)
        self._draw_scores()
        self._draw_clause()

    def _axis(self, plot: pg.PlotWidget, t: Trends) -> None:
        ticks = [(i, w.strftime("%m-%d")) for i, w in enumerate(t.weeks)]
        plot.getAxis("bottom").setTicks([ticks])
        plot.setXRange(-0.3, len(t.weeks) - 0.7, padding=0)

    def _line(self, plot: pg.PlotWidget, source: Source, values: list[float | None]) -> None:
        if all(v is None for v in values):
            return  # nothing to draw (and pyqtgraph cannot bound a line of gaps only)
        ys = [math.nan if v is None else v for v in values]
        pen = pg.mkPen(COLORS[source], width=2)
        plot.plot(
            list(range(len(ys))),
            ys,
            pen=pen,
            symbol="o",
            symbolBrush=COLORS[source],
            symbolSize=7,
            name=self.source_name(source),
            connect="finite",
        )

    def _draw_scores(self) -> None:
        t = self.trends
        self.score_plot.clear()
        if t is None:
            return
        self._axis(self.score_plot, t)
        for source in Source:
            self._line(self.score_plot, source, [t.score(w, source).average for w in t.weeks])

    def _draw_clause(self) -> None:
        t, code = self.trends, self.clause.currentData()
        self.clause_plot.clear()
        if t is None or code is None:
            return
        self._axis(self.clause_plot, t)
        for source in Source:
            shares = [t.clause(w, source, code).share for w in t.weeks]
            self._line(self.clause_plot, source, [None if s is None else 100 * s for s in shares])

    def plotted(self, plot: pg.PlotWidget) -> dict[str, list[float | None]]:
        """What a chart shows, by line name (for the tests and the accessible summary)."""
        out: dict[str, list[float | None]] = {}
        for item in plot.getPlotItem().listDataItems():
            _xs, ys = item.getData()
            values = [] if ys is None else [None if math.isnan(y) else float(y) for y in ys]
            out[str(item.name())] = values
        return out
