"""The 质检 tab of the main window: the supervisor's review desk, or the agent's results,
and beside it the trends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from console.content.content import Library
from console.core.clock import Clock
from console.core.identity import AgentContext, Role
from console.core.runner import Runner
from console.core.settings import Settings
from ui.quality.my_results import MyResults
from ui.quality.quality_desk import QualityDesk

if TYPE_CHECKING:  # imported when first shown: pyqtgraph and numpy cost 0.3 s
    from ui.quality.trends_view import TrendsView


class QualityTab(QTabWidget):
    def __init__(
        self,
        run: Runner,
        ctx: AgentContext,
        settings: Settings,
        clock: Clock,
        parent: QWidget | None = None,
        library: Library | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("qualityTab")
        supervisor = ctx.is_at_least(Role.SUPERVISOR)  # the services check it again
        self.work: QualityDesk | MyResults
        if supervisor:
            self.work = QualityDesk(run, settings, clock, self, library=library)
            self.addTab(self.work, self.tr("Rev&iews"))
        else:
            self.work = MyResults(run, settings, self, library=library)
            self.addTab(self.work, self.tr("My res&ults"))
        self._run, self._settings, self._clock = run, settings, clock
        self._supervisor = supervisor
        self.trends: TrendsView | None = None
        self._page = QWidget(self)
        QVBoxLayout(self._page).setContentsMargins(0, 0, 0, 0)
        self.addTab(self._page, self.tr("T&rends"))
        self.currentChanged.connect(self._shown)

    def _shown(self, index: int) -> None:
        if self.widget(index) is not self._page or self.trends is not None:
            return
        # The charts are made when first looked at: most shifts never open them, and
        # their library's import would otherwise be paid at every first sign-in.
        from ui.quality.trends_view import TrendsView

        self.trends = TrendsView(
            self._run, self._settings, self._clock, supervisor=self._supervisor, parent=self
        )
        layout = self._page.layout()
        assert layout is not None
        layout.addWidget(self.trends)
        self.trends.refresh()
