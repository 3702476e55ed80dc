"""Inline taboo-phrase and jargon marks in what the agent types (R2.10).

``TabooHighlighter`` runs ``console.content.taboo`` on each paragraph as it is edited (a check
takes well under a millisecond, so on the GUI thread) and underlines the hits: taboo
phrases red, jargon amber. ``CheckedTextEdit`` is the reusable widget: an editor that
shows the courteous alternative as a tooltip over a hit, and a hint line under it for
the hit at the text cursor, with a count of the characters against the field's limit.

The checker counts characters as Python does (an emoji is one); Qt's text positions
count UTF-16 code units (an emoji is two). Offsets are converted between the two, so a
mark after an emoji sits on the phrase and never splits the emoji.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QSyntaxHighlighter,
    QTextBlockUserData,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from console.content.taboo import Checker, Hit, default_checker
from ui.core.fields import GuardedTextEdit

TABOO_COLOR = QColor("#d32f2f")
TABOO_BACKGROUND = QColor("#fbd9d5")
JARGON_COLOR = QColor("#e08a00")
JARGON_BACKGROUND = QColor("#ffecb3")


def _format(color: QColor, background: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(color)
    fmt.setBackground(background)
    return fmt


def utf16_offsets(text: str) -> list[int]:
    """For each character offset into ``text`` (and its end), the offset in UTF-16
    code units, as Qt counts positions."""
    out = [0]
    for ch in text:
        out.append(out[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return out


class _BlockHits(QTextBlockUserData):
    """The hits of one paragraph, with their spans in Qt's positions (UTF-16 units)
    relative to the paragraph."""

    def __init__(self, hits: list[Hit], spans: list[tuple[int, int]]) -> None:
        super().__init__()
        self.hits = hits
        self.spans = spans


_in_force: Checker | None = None


def use_lists(checker: Checker | None) -> None:
    """The taboo and jargon lists in force on this console (after an administrator's
    edit; None: the shipped ones): every highlighter without a list of its own uses
    them from its next check."""
    global _in_force
    _in_force = checker


def lists_in_force() -> Checker:
    return _in_force or default_checker()


class TabooHighlighter(QSyntaxHighlighter):
    """Marks taboo phrases and jargon in ``document``, paragraph by paragraph."""

    def __init__(self, document: QTextDocument, checker: Checker | None = None) -> None:
        super().__init__(document)
        self._checker = checker  # None: the lists in force
        self._formats = {
            "taboo": _format(TABOO_COLOR, TABOO_BACKGROUND),
            "jargon": _format(JARGON_COLOR, JARGON_BACKGROUND),
        }

    def set_checker(self, checker: Checker) -> None:
        """Use another list (e.g. after an administrator's edit) and re-mark the text."""
        self._checker = checker
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        hits = (self._checker or lists_in_force()).check(text)
        at = utf16_offsets(text)
        spans = [(at[hit.start], at[hit.end]) for hit in hits]
        self.setCurrentBlockUserData(_BlockHits(hits, spans))
        for hit, (start, end) in zip(hits, spans, strict=True):
            self.setFormat(start, end - start, self._formats[hit.kind])

    def hits(self) -> list[tuple[int, Hit]]:
        """Every hit in the document, with the document position of its paragraph."""
        out: list[tuple[int, Hit]] = []
        block = self.document().begin()
        while block.isValid():
            data = block.userData()
            if isinstance(data, _BlockHits):
                out += [(block.position(), hit) for hit in data.hits]
            block = block.next()
        return out

    def hit_at(self, position: int) -> Hit | None:
        """The hit covering document ``position`` (a cursor just after a hit counts:
        that is where it is after typing the phrase)."""
        block = self.document().findBlock(position)
        data = block.userData() if block.isValid() else None
        if not isinstance(data, _BlockHits):
            return None
        offset = position - block.position()
        return next(
            (
                h
                for h, (start, end) in zip(data.hits, data.spans, strict=True)
                if start <= offset <= end
            ),
            None,
        )


def hint_text(hit: Hit) -> str:
    """The sentence shown for ``hit`` in the tooltip and the hint line."""
    if hit.kind == "taboo":
        return QCoreApplication.translate(
            "TabooHint", "Taboo phrase “{phrase}” ({clause}). Say instead: {suggestion}"
        ).format(phrase=hit.matched, clause=hit.clause, suggestion=hit.suggestion)
    return QCoreApplication.translate(
        "TabooHint", "Jargon “{phrase}”: explain it in plain words. {suggestion}"
    ).format(phrase=hit.matched, suggestion=hit.suggestion)


class TabooTextEdit(GuardedTextEdit):
    """A plain-text editor whose taboo and jargon hits show their advice on hover (and
    whose limit, once set, holds as it is typed: ``ui.core.fields``)."""

    def __init__(self, parent: QWidget | None = None, checker: Checker | None = None) -> None:
        super().__init__(parent)
        self.highlighter = TabooHighlighter(self.document(), checker)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            hit = self.hit_at_point(e.pos().x(), e.pos().y())
            if hit is not None:
                QToolTip.showText(e.globalPos(), hint_text(hit), self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)

    def hit_at_point(self, x: int, y: int) -> Hit | None:
        """The hit under the viewport point ``(x, y)``, if any."""
        viewport_point = self.viewport().mapFrom(self, QPoint(x, y))
        cursor = self.cursorForPosition(viewport_point)
        return self.highlighter.hit_at(cursor.position())


class CheckedTextEdit(QWidget):
    """An editor checked for taboo phrases and jargon, with a hint line below it.

    ``hit_changed`` carries the hit at the text cursor (or ``None``) whenever it changes,
    for a panel that wants to show more.
    """

    hit_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, checker: Checker | None = None) -> None:
        super().__init__(parent)
        self.editor = TabooTextEdit(self, checker)
        self.hint = QLabel(self)
        self.hint.setObjectName("tabooHint")
        self.hint.setWordWrap(True)
        # A wrapped label needs its full height for its width; the editor takes the rest.
        # Padding as contents margins: Qt leaves style-sheet padding out of a wrapped
        # label's height-for-width, which cut the last line off.
        self.hint.setContentsMargins(10, 6, 10, 6)
        self.hint.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        # The characters typed against the field's limit (shown once it has one).
        self.counter = QLabel(self)
        self.counter.setObjectName("charCount")
        self.counter.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.editor, 1)
        under = QHBoxLayout()
        under.setContentsMargins(0, 0, 0, 0)
        under.addWidget(self.hint, 1)
        under.addWidget(self.counter, 0)
        layout.addLayout(under)
        self._current: Hit | None = None
        self.editor.cursorPositionChanged.connect(self._on_text_or_cursor_changed)
        self.editor.textChanged.connect(self._on_text_or_cursor_changed)
        self.editor.textChanged.connect(self._count)
        self._on_text_or_cursor_changed()

    @property
    def highlighter(self) -> TabooHighlighter:
        return self.editor.highlighter

    def set_limit(self, label: str, max_len: int) -> None:
        """``label``: the field's name in what the guard says; ``max_len``: its limit."""
        self.editor.set_limit(label, max_len)
        self.counter.setAccessibleName(self.tr("Characters in %1").replace("%1", label))
        self.counter.show()
        self._count()

    def _count(self) -> None:
        limit = self.editor.max_len
        if not limit:
            return
        used = len(self.editor.toPlainText())
        self.counter.setText(f"{used:,} / {limit:,}")
        self.counter.setProperty("kind", "warning" if used > limit * 0.9 else "none")
        self.counter.style().unpolish(self.counter)
        self.counter.style().polish(self.counter)

    def reset(self, text: str = "") -> None:
        """Show ``text`` without it counting as typed (a new call, a restored one): no
        ``textChanged`` from the editor, and the hint and count of the new text."""
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self._on_text_or_cursor_changed()
        self._count()

    def toPlainText(self) -> str:
        return self.editor.toPlainText()

    def setPlainText(self, text: str) -> None:
        self.editor.setPlainText(text)

    def current_hit(self) -> Hit | None:
        return self._current

    def _on_text_or_cursor_changed(self) -> None:
        hit = self.highlighter.hit_at(self.editor.textCursor().position())
        taboo = sum(1 for _, h in self.highlighter.hits() if h.kind == "taboo")
        jargon = sum(1 for _, h in self.highlighter.hits() if h.kind == "jargon")
        kind: str
        if hit is not None:
            text = hint_text(hit)
            kind = hit.kind
        elif taboo or jargon:
            text = self.tr(
                "{taboo} taboo phrase(s), {jargon} term(s) to explain: "
                "put the cursor on a marked word to see the advice."
            ).format(taboo=taboo, jargon=jargon)
            kind = "taboo" if taboo else "jargon"
        else:
            text = ""
            kind = "none"
        self.hint.setText(text)
        self.hint.setProperty("kind", kind)
        self.hint.style().unpolish(self.hint)
        self.hint.style().polish(self.hint)
        if hit != self._current:
            self._current = hit
            self.hit_changed.emit(hit)
