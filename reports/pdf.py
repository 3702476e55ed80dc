"""The printed page (R6.1, R6.2): plain data in, a PDF a records clerk recognises out.

Every report is a :class:`Report` — a header (company, center, title, period, filters),
sections (tables with their totals, key/value blocks, bar charts, signature lines) —
rendered by :func:`render` with a footer on every page: printed by (工号), print time,
the registry serial number (and "copy of" for a reprint), page X of Y, and the audit
chain's head when the rows were read (entry number and hash: tamper evidence on paper).
Every page after the first repeats the title and the period at its top, so a page that
comes loose from its register still says what it is; a copy (副本) is marked as such at
the top of every page.

Chinese is set in an embedded TrueType CJK font (WenQuanYi Micro Hei, shipped in
``resources/fonts``, never looked up in a system folder), subset into the file, so the PDF
looks the same on every viewer, printer and platform. Without it (a damaged install) the
report still renders with reportlab's built-in STSong-Light, which is *not* embedded:
:func:`font_embedded` says which one is in use.

Long tables are cut into page-sized tables of single-line rows, each with its column
header, so that 10,000 rows render in linear time (one reportlab table of 10,000 rows
is superlinear, PLATFORM.md) and every page starts with the header. Rendering checks
``cancelled`` between pages and writes to a temporary file renamed into place at the
end: a cancelled or failed report leaves no file behind. The file keeps the temporary
file's mode, 0600: it holds customers' personal data and is registered under the name
of who made it, so sharing it is that person's deliberate act (docs/reports/README.md).
"""

from __future__ import annotations

import gc
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

import resources

log = logging.getLogger(__name__)

FONT = "AgentConsoleCJK"
# TrueType outlines: reportlab cannot read the CFF outlines of Noto Sans CJK's .ttc.
FONT_FILE = resources.path("fonts", "wqy-microhei.ttc")
FALLBACK_FONT = "STSong-Light"
ROW_HEIGHT = 5.2 * mm
BODY_SIZE = 8
CELL_PADDING = 3  # pt, left and right of every table cell: a column holds width - 6 pt
TOP_MARGIN = 17 * mm  # room for the running head and the copy mark above the frame


class Cancelled(Exception):
    """The user cancelled the report: nothing was written."""


# --- fonts ----------------------------------------------------------------------------------

_font: str | None = None


def font() -> str:
    """The registered CJK font's name: the embedded TrueType one when it is there."""
    global _font
    if _font is None:
        if FONT_FILE.exists():
            pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
            _font = FONT
        else:
            log.warning("no CJK TrueType font found; PDFs use %s, not embedded", FALLBACK_FONT)
            pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
            _font = FALLBACK_FONT
    return _font


def font_embedded() -> bool:
    return font() == FONT


# --- what a report is made of ---------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    company: str
    center: str
    title: str
    period: str
    filters: str = ""

    @property
    def subject(self) -> str:
        """What the report covers, as its header says it (the registry lists it)."""
        return " ".join(part for part in (self.period, self.filters) if part)


@dataclass(frozen=True)
class Footer:
    printed_by: str  # 工号 and name
    printed_at: str  # local time, as printed
    serial: str
    copy_of: str | None = None
    audit_entry: int | None = None  # the audit chain's head when the rows were read
    audit_hash: str = ""


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # mm
    align: str = "LEFT"


@dataclass(frozen=True)
class TableSection:
    """Rows of single-line cells (cut to fit), page-sized tables, totals at the end."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    totals: Sequence[str] | None = None
    caption: str = ""
    wrap: bool = False  # cells wrap (registers with long text): one table, header repeated


@dataclass(frozen=True)
class KeyValues:
    pairs: Sequence[tuple[str, str]]
    caption: str = ""


@dataclass(frozen=True)
class Bars:
    """A small horizontal bar chart of percentages (None: nothing to count)."""

    bars: Sequence[tuple[str, float | None]]
    caption: str = ""


@dataclass(frozen=True)
class Text:
    lines: Sequence[str]
    caption: str = ""


@dataclass(frozen=True)
class Signatures:
    """The lines a paper register has at its foot: 打印人 ____ 审核人 ____ …"""

    labels: Sequence[str]


Section = TableSection | KeyValues | Bars | Text | Signatures


@dataclass(frozen=True)
class Report:
    header: Header
    sections: Sequence[Section]
    landscape: bool = False
    labels: dict[str, str] = field(default_factory=dict)  # footer words, in the language


@dataclass(frozen=True)
class Rendered:
    path: Path
    pages: int
    size: int


# --- rendering ------------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    f = font()
    return {
        "company": ParagraphStyle("company", fontName=f, fontSize=10, leading=13),
        "title": ParagraphStyle("title", fontName=f, fontSize=16, leading=21, alignment=1),
        "meta": ParagraphStyle("meta", fontName=f, fontSize=9, leading=12),
        "caption": ParagraphStyle("caption", fontName=f, fontSize=10, leading=14, spaceBefore=6),
        "cell": ParagraphStyle("cell", fontName=f, fontSize=BODY_SIZE, leading=10),
        "text": ParagraphStyle("text", fontName=f, fontSize=9, leading=13),
    }


def text_width(text: str, size: float = BODY_SIZE) -> float:
    """How wide ``text`` is set in the report font, in points."""
    return float(pdfmetrics.stringWidth(text, font(), size))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fit(text: str, width_pt: float, size: float = BODY_SIZE) -> str:
    """Cut ``text`` to one line of ``width_pt`` (with an ellipsis)."""
    text = " ".join(str(text).split())
    f = font()
    if pdfmetrics.stringWidth(text, f, size) <= width_pt:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if pdfmetrics.stringWidth(text[:mid] + "…", f, size) <= width_pt:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo] + "…"


def _table_style(
    n_rows: int, columns: Sequence[Column], totals: bool, empty: bool = False
) -> TableStyle:
    f = font()
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), f, BODY_SIZE),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e7eb")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    for i, c in enumerate(columns):
        commands.append(("ALIGN", (i, 1), (i, -1), c.align))
    if empty:  # one row across the table saying there is nothing (无)
        commands += [("SPAN", (0, 1), (-1, 1)), ("ALIGN", (0, 1), (-1, 1), "CENTER")]
    if totals:
        commands.append(
            ("BACKGROUND", (0, n_rows - 1), (-1, n_rows - 1), colors.HexColor("#f3f5f7"))
        )
    return TableStyle(commands)


def _none_row(columns: Sequence[Column], none: str) -> list[str]:
    return [none] + [""] * (len(columns) - 1)


def _flowables_of_table(
    t: TableSection,
    first_room: float,
    page_room: float,
    styles: dict[str, ParagraphStyle],
    none: str,
) -> list[Any]:
    """Page-sized tables (single-line rows), or one wrapping table for registers; a
    table without rows says so (``none``: 无) instead of standing empty."""
    widths = [c.width * mm for c in t.columns]
    header = [c.title for c in t.columns]
    out: list[Any] = []
    if t.caption:
        out.append(Paragraph(_esc(t.caption), styles["caption"]))
        first_room -= 20
    if not t.rows:
        data: list[list[Any]] = [header, _none_row(t.columns, none)]
        if t.totals is not None:
            data.append(
                [_fit(v, w - 2 * CELL_PADDING) for v, w in zip(t.totals, widths, strict=True)]
            )
        table = Table(data, colWidths=widths, rowHeights=ROW_HEIGHT)
        table.setStyle(_table_style(len(data), t.columns, t.totals is not None, empty=True))
        out.append(table)
        return out
    if t.wrap:
        cell = styles["cell"]
        rows = [[Paragraph(_esc(str(v)), cell) for v in row] for row in t.rows]
        data = [header, *rows]
        if t.totals is not None:
            data.append(list(t.totals))
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(_table_style(len(data), t.columns, t.totals is not None))
        out.append(table)
        return out
    room = [w - 2 * CELL_PADDING for w in widths]
    fitted = [[_fit(v, r) for v, r in zip(row, room, strict=True)] for row in t.rows]
    # Rows that fit: the frame's own padding (6 pt above and below) and the header row
    # come off; one row more on the first page for the caption's spacing.
    first = max(1, int((first_room - 12) // ROW_HEIGHT) - 2)
    per_page = max(1, int((page_room - 12) // ROW_HEIGHT) - 1)
    chunks: list[list[list[str]]] = []
    start, size = 0, first
    while start < len(fitted):
        chunks.append(fitted[start : start + size])
        start, size = start + size, per_page
    for i, chunk in enumerate(chunks):
        data = [header, *chunk]
        last = i == len(chunks) - 1
        if last and t.totals is not None:
            data.append([_fit(v, r) for v, r in zip(t.totals, room, strict=True)])
        table = Table(data, colWidths=widths, rowHeights=ROW_HEIGHT, repeatRows=1)
        table.setStyle(_table_style(len(data), t.columns, last and t.totals is not None))
        out.append(table)
        if not last:
            out.append(PageBreak())
    return out


def _bars(b: Bars, width: float) -> Drawing:
    height = 18 * len(b.bars) + 20
    d = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 10
    chart.width, chart.height = width - 230, height - 20
    chart.data = [[(v if v is not None else 0) for _, v in reversed(b.bars)]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = font()
    chart.categoryAxis.categoryNames = [label for label, _ in reversed(b.bars)]
    chart.categoryAxis.labels.fontName = font()
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.bars[0].fillColor = colors.HexColor("#2f6f9f")
    d.add(chart)
    for i, (_, v) in enumerate(reversed(b.bars)):
        step = chart.height / len(b.bars)
        y = chart.y + step * i + step / 2 - 3
        text = "—" if v is None else f"{v:.1f}%"
        d.add(String(chart.x + chart.width + 8, y, text, fontName=font(), fontSize=8))
    return d


def _story(report: Report, frame_w: float, frame_h: float) -> list[Any]:
    st = _styles()
    h = report.header
    head: list[Any] = [
        Paragraph(_esc(f"{h.company} · {h.center}"), st["company"]),
        Paragraph(_esc(h.title), st["title"]),
        Paragraph(_esc(h.period), st["meta"]),
    ]
    if h.filters:
        head.append(Paragraph(_esc(h.filters), st["meta"]))
    head.append(Spacer(1, 3 * mm))
    used = sum(f.wrap(frame_w, frame_h)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head)
    story = list(head)
    room = frame_h - used
    none = report.labels.get("none", "—")
    for section in report.sections:
        if isinstance(section, TableSection):
            story += _flowables_of_table(section, room, frame_h, st, none)
            room = frame_h  # what follows a long table: assume a fresh page for sizing
        elif isinstance(section, KeyValues):
            if section.caption:
                story.append(Paragraph(_esc(section.caption), st["caption"]))
            rows = [
                [Paragraph(_esc(k), st["cell"]), Paragraph(_esc(v), st["cell"])]
                for k, v in section.pairs
            ]
            table = Table(rows, colWidths=[frame_w * 0.3, frame_w * 0.7])
            table.setStyle(
                TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#c8d0d8"))])
            )
            story.append(table)
        elif isinstance(section, Bars):
            if section.caption:
                story.append(Paragraph(_esc(section.caption), st["caption"]))
            story.append(_bars(section, frame_w))
        elif isinstance(section, Text):
            if section.caption:
                story.append(Paragraph(_esc(section.caption), st["caption"]))
            lines = section.lines if any(line.strip() for line in section.lines) else [none]
            story += [Paragraph(_esc(line) or "&nbsp;", st["text"]) for line in lines]
        else:
            story.append(Spacer(1, 8 * mm))
            line = "　　".join(f"{label}:__________" for label in section.labels)
            story.append(Paragraph(_esc(line), st["text"]))
    return story


class _Progress(Flowable):
    """A zero-size marker: reports progress (and checks for cancel) as pages are laid."""

    def __init__(self, on_page: Callable[[], None]) -> None:
        super().__init__()
        self.on_page = on_page

    def wrap(self, _w: float, _h: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.on_page()


def _numbered_canvas(
    header: Header, footer: Footer, labels: dict[str, str], count: list[int]
) -> type[Canvas]:
    """A canvas that knows the page count when it draws each page's margins (page X of
    Y); ``count`` receives it. Above the frame: the running head on every page after
    the first, the copy mark on every page of a copy. Below it: the footer."""
    f = font()
    grey = colors.HexColor("#52606d")
    red = colors.HexColor("#b42318")
    mark = labels.get("copy_mark", "COPY")
    mark_width = text_width(mark, 13) + 5 * mm

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            count.append(total)
            for state in self._pages:
                self.__dict__.update(state)
                self._running_head()
                self._copy_mark()
                self._footer(total)
                super().showPage()
            super().save()

        def _running_head(self) -> None:
            if self._pageNumber == 1:
                return  # the first page has the full header
            w, h = self._pagesize
            right_edge = w - 12 * mm - (mark_width + 3 * mm if footer.copy_of else 0)
            self.setFont(f, 8)
            self.setFillColor(grey)
            left = f"{header.company} · {header.center}    {header.title}"
            self.drawString(12 * mm, h - 10 * mm, left)
            room = right_edge - 12 * mm - text_width(left, 8) - 8 * mm
            self.drawRightString(right_edge, h - 10 * mm, _fit(header.subject, room, 8))
            self.setStrokeColor(colors.HexColor("#9aa5b1"))
            self.setLineWidth(0.4)
            self.line(12 * mm, h - 12.5 * mm, w - 12 * mm, h - 12.5 * mm)

        def _copy_mark(self) -> None:
            if not footer.copy_of:
                return
            w, h = self._pagesize
            self.setStrokeColor(red)
            self.setFillColor(red)
            self.setLineWidth(1.2)
            self.setFont(f, 13)
            left = w - 12 * mm - mark_width
            self.rect(left, h - 12 * mm, mark_width, 7.5 * mm, stroke=1, fill=0)
            self.drawCentredString(left + mark_width / 2, h - 10 * mm, mark)

        def _footer(self, total: int) -> None:
            w, _h = self._pagesize
            self.setFont(f, 7.5)
            self.setFillColor(grey)
            left = (
                f"{labels.get('printed_by', 'Printed by')}: {footer.printed_by}    "
                f"{labels.get('printed_at', 'Printed at')}: {footer.printed_at}    "
                f"{labels.get('serial', 'Registry no.')}: {footer.serial}"
            )
            if footer.copy_of:
                left += f"    {labels.get('copy_of', 'Copy of')} {footer.copy_of}"
            self.drawString(12 * mm, 9 * mm, left)
            page = labels.get("page", "Page {page} of {pages}").format(
                page=self._pageNumber, pages=total
            )
            self.drawRightString(w - 12 * mm, 9 * mm, page)
            if footer.audit_entry is not None:
                self.setFont(f, 7)
                head = labels.get("audit_head", "Audit chain head: entry {entry} {hash}")
                text = head.format(entry=footer.audit_entry, hash=footer.audit_hash)
                self.drawString(12 * mm, 5.5 * mm, text)

    return NumberedCanvas


def render(
    report: Report,
    footer: Footer,
    path: Path,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[int], None] | None = None,
) -> Rendered:
    """Write the report to ``path`` (atomically); :class:`Cancelled` leaves nothing."""
    size = landscape(A4) if report.landscape else A4
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=".report-", suffix=".pdf", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    pages = [0]

    def on_page() -> None:
        pages[0] += 1
        if cancelled():
            raise Cancelled()
        if progress is not None:
            progress(pages[0])

    try:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=size,
            leftMargin=12 * mm,
            rightMargin=12 * mm,
            topMargin=TOP_MARGIN,
            bottomMargin=15 * mm,
            title=report.header.title,
            author=footer.printed_by,
            subject=footer.serial,
        )
        story = _story(report, doc.width, doc.height)
        # A marker after each page break (and at the start) reports progress per page.
        marked: list[Any] = [_Progress(on_page)]
        for flowable in story:
            marked.append(flowable)
            if isinstance(flowable, PageBreak):
                marked.append(_Progress(on_page))
        count: list[int] = []
        # The pages wait in memory until the page count is known; with the cyclic
        # collector on, its full passes over them make a long report superlinear.
        collecting = gc.isenabled()
        gc.disable()
        try:
            doc.build(
                marked, canvasmaker=_numbered_canvas(report.header, footer, report.labels, count)
            )
        finally:
            if collecting:
                gc.enable()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Rendered(path, count[-1], path.stat().st_size)
