"""The knowledge panel (R2.17): type Chinese keywords, read the answer to the caller.
Search runs on the worker as the agent types (after a short pause), over the
database's own text search (``console.content.knowledge``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.content import knowledge
from console.content.knowledge import Article, ArticleDraft
from console.core.runner import Runner
from console.core.settings import Settings
from ui.core.changes import Topic, changes
from ui.core.text import error_text
from ui.core.widgets import MessageLabel
from ui.core.worker import Busy, service_op

TYPING_PAUSE_MS = 250


class KnowledgePanel(QWidget):
    searched = Signal(str)  # the query whose results are on screen
    answer_used = Signal(object)  # the Article the agent gave the caller on the call

    def __init__(
        self,
        run: Runner,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        can_edit: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("knowledgePanel")
        self.run = run
        self.settings = settings
        self.can_edit = can_edit  # administrators write the answers (the service checks)
        self.articles: list[Article] = []
        self.confirmation = ""  # "Saved: …", shown over each search until the next typing
        self.saved_slug = ""  # the answer just saved, chosen in the list
        self.message = MessageLabel(self)
        self.query = QLineEdit(self)
        self.query.setObjectName("knowledgeQuery")
        self.query.setAccessibleName(self.tr("Search the answers"))
        self.query.setPlaceholderText(self.tr("Keywords, e.g. 报装 证件 · 安全用气 · IC卡 · 电池"))
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("Answers found"))
        self.results.currentRowChanged.connect(self._show)
        self.answer = QPlainTextEdit(self)
        self.answer.setObjectName("knowledgeAnswer")
        self.answer.setReadOnly(True)
        self.answer.setAccessibleName(self.tr("Answer"))
        self.source = QLabel(self)
        self.source.setObjectName("hint")
        self.source.setWordWrap(True)
        # R2.17: the answer given becomes part of the call: said, and in its notes.
        self.use_button = QPushButton(self.tr("Tell the calle&r (Ctrl+Enter)"), self)
        self.use_button.setObjectName("knowledgeUse")
        self.use_button.setToolTip(
            self.tr("Record on the current call that this answer was given, in its notes")
        )
        self.use_button.clicked.connect(self.use_answer)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.use_answer)
        self.on_call = False
        split = QSplitter(self)
        split.addWidget(self.results)
        right = QWidget(split)
        r = QVBoxLayout(right)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(self.answer, 1)
        r.addWidget(self.source)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New answer…"), self)
        self.new_button.setObjectName("knowledgeNew")
        self.new_button.clicked.connect(lambda: self.edit(None))
        self.edit_button = QPushButton(self.tr("Ed&it this answer…"), self)
        self.edit_button.setObjectName("knowledgeEdit")
        self.edit_button.clicked.connect(lambda: self.edit(self.current))
        for b in (self.new_button, self.edit_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.use_button)
        for b in (self.new_button, self.edit_button, self.use_button):
            # Whole words on the buttons: the pane grows or the window scrolls instead.
            b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        r.addLayout(buttons)
        split.addWidget(right)
        split.setSizes([300, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.query)
        layout.addWidget(split, 1)
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(TYPING_PAUSE_MS)
        self.pause.timeout.connect(self.search)
        self.query.textChanged.connect(lambda _t: self.pause.start())
        self.query.textEdited.connect(lambda _t: self._forget_saved())  # typed, not set
        self.query.returnPressed.connect(self.search)
        changes().knowledge.connect(self._answers_changed)  # written on this console
        self.set_can_edit(can_edit)

    def set_can_edit(self, can_edit: bool) -> None:
        """Whether the signed-in agent writes answers (administrators; set at each sign-in)."""
        self.can_edit = can_edit
        for b in (self.new_button, self.edit_button):
            b.setVisible(can_edit)
        self._enable()

    def set_on_call(self, on_call: bool) -> None:
        """Whether a call is on the desk that an answer can be given on."""
        self.on_call = on_call
        self._enable()

    @property
    def current(self) -> Article | None:
        row = self.results.currentRow()
        return self.articles[row] if 0 <= row < len(self.articles) else None

    def _enable(self) -> None:
        self.use_button.setEnabled(self.on_call and self.current is not None)
        self.edit_button.setEnabled(self.current is not None)

    def edit(self, article: Article | None) -> None:
        """Write a new answer, or change the one shown (administrators)."""
        dialog = ArticleDialog(
            self.run, self.settings, self, slug=article.slug if article else None
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        self.article_dialog = dialog
        dialog.open()

    def _saved(self, draft: ArticleDraft) -> None:
        """Say it was saved and show it in the list: searched by its title when nothing
        was being searched. The confirmation stays until the agent types a new search."""
        title = draft.title.strip()
        self.confirmation = self.tr("Saved: %1").replace("%1", title)
        self.saved_slug = draft.slug.strip()
        if not self.query.text().strip():
            self.query.setText(title)
        self.search()

    def _forget_saved(self) -> None:
        self.confirmation = ""
        self.saved_slug = ""

    def _answers_changed(self) -> None:
        if self.query.text().strip():
            self.search()

    def use_answer(self) -> None:
        article = self.current
        if article is None or not self.on_call:
            return
        self.answer_used.emit(article)
        self.message.show_info(self.tr("Recorded on the call: %1").replace("%1", article.title))

    def search(self) -> None:
        self.pause.stop()
        text = self.query.text()
        (
            service_op(self, self.run, knowledge.search, text)
            .on_success(lambda found: self._found(text, found))
            .on_failure(lambda e: self.message.show_error(error_text(e, self.settings)))
            .start()
        )

    def _found(self, text: str, found: list[Article]) -> None:
        if text != self.query.text():
            return  # typed on meanwhile: the next search answers
        self.message.clear_message()
        self.articles = found
        self.results.clear()
        for a in found:
            self.results.addItem(f"{a.category} · {a.title}")
        if found:
            slugs = [a.slug for a in found]
            chosen = slugs.index(self.saved_slug) if self.saved_slug in slugs else 0
            self.results.setCurrentRow(chosen)
        else:
            self.answer.clear()
            self.source.clear()
            if text.strip():
                self.message.show_info(self.tr("No answer has these words."))
        if self.confirmation:
            self.message.show_info(self.confirmation)
        self.searched.emit(text)

    def _show(self, row: int) -> None:
        self._enable()
        if 0 <= row < len(self.articles):
            a = self.articles[row]
            self.answer.setPlainText(a.body)
            self.source.setText(a.clause)


class ArticleDialog(QDialog):
    """One answer of the knowledge panel, as an administrator writes it. A refused save
    says why and keeps everything typed."""

    saved = Signal(object)  # the ArticleDraft saved

    def __init__(
        self, run: Runner, settings: Settings, parent: QWidget | None = None, *, slug: str | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("articleDialog")
        self.setWindowTitle(self.tr("Edit the answer") if slug else self.tr("New answer"))
        self.run = run
        self.settings = settings
        self.message = MessageLabel(self)
        self.slug = QLineEdit(slug or "", self)
        self.slug.setObjectName("articleSlug")
        self.slug.setReadOnly(slug is not None)
        self.slug.setPlaceholderText(self.tr("e.g. ic-card-lost (lower case, digits, hyphens)"))
        self.category = QLineEdit(self)
        self.category.setObjectName("articleCategory")
        self.category.setPlaceholderText(self.tr("e.g. 报装 · 安全用气 · IC卡 · 缴费"))
        self.title = QLineEdit(self)
        self.title.setObjectName("articleTitle")
        self.keywords = QLineEdit(self)
        self.keywords.setObjectName("articleKeywords")
        self.keywords.setPlaceholderText(self.tr("Words a caller would use, separated by spaces"))
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("articleBody")
        self.body.setAccessibleName(self.tr("Answer"))
        self.clause = QLineEdit(self)
        self.clause.setObjectName("articleClause")
        self.clause.setPlaceholderText(self.tr("The clause of the standard it follows, if any"))
        form = QFormLayout()
        form.addRow(self.tr("&Id"), self.slug)
        form.addRow(self.tr("&Category"), self.category)
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("&Keywords"), self.keywords)
        form.addRow(self.tr("&Answer"), self.body)
        form.addRow(self.tr("&Source"), self.clause)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        self.busy = Busy(self, self.buttons)
        self.resize(640, 520)
        if slug is not None:
            (
                service_op(self, run, knowledge.full, slug)
                .on_success(self._loaded)
                .on_failure(self._fail)
                .start()
            )

    def _loaded(self, draft: ArticleDraft | None) -> None:
        if draft is None:
            return
        self.category.setText(draft.category)
        self.title.setText(draft.title)
        self.keywords.setText(draft.keywords)
        self.body.setPlainText(draft.body)
        self.clause.setText(draft.clause)

    def draft(self) -> ArticleDraft:
        return ArticleDraft(
            self.slug.text(),
            self.category.text(),
            self.title.text(),
            self.keywords.text(),
            self.body.toPlainText(),
            self.clause.text(),
        )

    def save(self) -> None:
        draft = self.draft()

        def done(_new: bool) -> None:
            self.saved.emit(draft)
            self.accept()

        (
            service_op(self, self.run, knowledge.save_article, draft)
            .busy(self.busy)
            .changes(Topic.KNOWLEDGE)
            .on_success(done)
            .on_failure(self._fail)
            .start()
        )

    def _fail(self, error: BaseException) -> None:
        self.message.show_error(error_text(error, self.settings))  # nothing typed is lost
