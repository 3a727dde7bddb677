"""A decree as PDF, drawn from its :class:`~keputusan.layout.Layout` with reportlab.

This is the only module that touches reportlab, and it draws only from the
layout (never from the model): the kop of each kind, the title block, the
numbered parts with their label, colon and marker columns (like the DOCX's tab
stops) and lists at any depth with hanging indents, the signature block kept
together (with the TTE anchor, paraf hierarki and a vector QR code), tembusan,
the paraf koordinasi table, and each lampiran on its own page geometry.

Bordered tables go through :class:`LongTable`: the header rows, then the body
as row groups (rows tied together by vertical merges). Each page gets one
ordinary reportlab table holding the header and as many groups as fit, so every
header row repeats and spans are computed per page (linear time on long tables);
a cell's paragraphs are made and measured once, and the page's table reuses them
with their measured row heights. Like Word, a page is filled: the next group is divided between its rows, or
inside a row, whenever a few lines of it fit, and the merged label is repeated
at the top of the continuation on the next page; so a group taller than a page
never fails. Fonts are embedded TrueType, each face read when first used; the
output is deterministic (``invariant=1``).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional, Union
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from . import fonts
from .layout import (
    Furniture,
    KopLayout,
    LampiranLayout,
    Layout,
    Line,
    Page,
    Para,
    SignatureLayout,
    TableLayout,
    line,
    plain,
)
from .richtext import Break, Inline

COLON, MARKER, TEXT = 36 * mm, 40 * mm, 48 * mm  # the DOCX template's tab stops
DIKTUM_TEXT = 40 * mm
PENETAPAN_LABEL = 32 * mm
QR_SIZE = 22 * mm
QR_BORDER = 2  # quiet-zone modules drawn inside QR_SIZE (the paper around is white anyway)
KOP_HEIGHT = 0.4  # a kop image takes at most this share of the page's text height
FOOTER_SIZE = 7.0  # pt
FOOTER_BOTTOM = 8 * mm  # the footer's last line sits this far above the paper's edge (at most)
CELL_PADDING = (3.0, 3.0, 2.0, 2.0)  # left, right, top, bottom, pt
EPSILON = 0.01  # pt
LEADING = 1.18  # line height / font size
MAX_LEVELS = 6  # list levels indented each further (the DOCX template has styles as deep)
MIN_PIECE_LINES = 3  # a row is divided between pages only when this many lines fit above the cut

ALIGNMENTS = {"kiri": TA_LEFT, "tengah": TA_CENTER, "kanan": TA_RIGHT, "penuh": TA_JUSTIFY}


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    used: fonts.FontSet


# Faces named but not registered yet, by name: reading a TrueType file costs 3-12 ms a face
# (reportlab parses its cmap and widths in Python), so a face is read when something first
# uses it (often the bold italic never is). Process-wide, like reportlab's own font registry.
_PENDING: dict[str, str] = {}


_FONT_LOCK = threading.Lock()  # the web app builds PDFs in worker threads


def need_font(name: str) -> None:
    """Register the face ``name`` if it is still pending (before anything measures with it)."""
    if name not in _PENDING:
        return
    with _FONT_LOCK:
        path = _PENDING.get(name)
        if path is not None:
            pdfmetrics.registerFont(TTFont(name, path))  # a broken file raises here, every time
            _PENDING.pop(name, None)


def register_fonts(family: str) -> Fonts:
    """The family's four faces, named for reportlab's markup; each registered once per process,
    the regular one now and the others when first used (see :func:`need_font`)."""
    found = fonts.find(family)
    base = found.family.replace(" ", "")
    names = (base, f"{base}-Bold", f"{base}-Italic", f"{base}-BoldItalic")
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, path in zip(names, found.files, strict=True):
        if name not in registered:
            _PENDING.setdefault(name, str(path))
    need_font(names[0])  # tables, the canvas and every style's bullet start with it
    # names only: reportlab's <b>/<i> mapping reads no font
    pdfmetrics.registerFontFamily(base, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3])
    return Fonts(*names, used=found)


def markup(runs: Sequence[Inline]) -> str:
    """reportlab paragraph markup for styled runs; content text is escaped (& < > are text)."""
    out = []
    for run in runs:
        if isinstance(run, Break):
            out.append("<br/>")
            continue
        text = escape(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.rev == "ins":
            text = f'<font color="#1f4fbf"><u>{text}</u></font>'
        elif run.rev == "del":
            text = f'<font color="#b3261e"><strike>{text}</strike></font>'
        out.append(text)
    return "".join(out)


# --------------------------------------------------------------------------- small flowables


class Rule(Flowable):
    """The letterhead rule: single, double, or thick over thin."""

    def __init__(self, width: float, kind: str) -> None:
        super().__init__()
        self.width, self.kind = width, kind
        self.height = 4 if kind != "tidak ada" else 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if self.kind == "tunggal":
            canvas.setLineWidth(1.2)
            canvas.line(0, 2, self.width, 2)
        elif self.kind == "ganda":
            canvas.setLineWidth(0.6)
            canvas.line(0, 3.5, self.width, 3.5)
            canvas.line(0, 1, self.width, 1)
        elif self.kind == "tebal-tipis":
            canvas.setLineWidth(2.2)
            canvas.line(0, 3.2, self.width, 3.2)
            canvas.setLineWidth(0.6)
            canvas.line(0, 0.6, self.width, 0.6)


class QRCode(Flowable):
    """A QR code of ``text`` drawn as filled rectangles (vector, the same bytes every time)."""

    def __init__(self, text: str, size: float = QR_SIZE) -> None:
        super().__init__()
        import segno

        code = segno.make_qr(text, error="m")
        self.matrix = [bytes(row) for row in code.matrix]
        self.size = size
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        count = len(self.matrix)
        module = self.size / (count + 2 * QR_BORDER)
        canvas.saveState()
        canvas.setFillColor(colors.black)
        for r, row in enumerate(self.matrix):
            y = self.size - (QR_BORDER + r + 1) * module
            c = 0
            while c < count:
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < count and row[c]:
                    c += 1
                canvas.rect((QR_BORDER + start) * module, y, (c - start) * module, module, stroke=0, fill=1)
        canvas.restoreState()


# --------------------------------------------------------------------------- styles


class MemoParagraph(Paragraph):
    """A paragraph that remembers its lines for the width it was last wrapped at. Every
    paragraph is wrapped at the same width more than once (a table cell when its part is measured
    and when it is drawn, a body paragraph when the frame places it and when its layout table
    draws it): its lines are broken once per width instead of once per wrap. When the width
    changes it breaks them as a plain paragraph does (tests/test_pdf_speed.py).

    Breaking again at the same width gave the same lines, with one wrinkle this removes:
    reportlab keeps the cuts it makes in a word too long for its line, and in a paragraph with a
    ``<br/>`` every new breaking added an empty word to such a line (drawn as nothing, written as
    one more space in the content stream).

    Pinned (reportlab 4-5): ``Paragraph.wrap`` sets ``width``, ``height``, ``_wrapWidths`` and
    ``blPara`` and returns ``(width, height)`` without reading ``availHeight``; ``split`` makes
    new paragraphs and may delete ``blPara`` (put back here on the next wrap); drawing only
    reads ``blPara``."""

    _memo: Optional[tuple[float, Any, float, Any]] = None

    def __init__(self, text: Optional[str], style: ParagraphStyle, **kwargs: Any) -> None:
        super().__init__(text, style, **kwargs)
        if _PENDING:  # a face that <b> or <i> turns to is read before the lines are measured
            for frag in self.frags:
                need_font(getattr(frag, "fontName", ""))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        memo = self._memo
        if memo is not None and memo[0] == availWidth:
            self.width, self.blPara, self.height, self._wrapWidths = memo
            return availWidth, self.height
        width, height = super().wrap(availWidth, availHeight)
        if width == availWidth:  # not the "cannot fit here" answer
            self._memo = (availWidth, self.blPara, height, self._wrapWidths)
        return width, height


class Styles:
    """Paragraph styles, made once per (size, alignment, font, indents)."""

    def __init__(self, parts: Layout, f: Fonts) -> None:
        self.fonts = f
        self.size = parts.fonts.size
        self.small = parts.fonts.table_size
        self.address_size = parts.kop.address_size
        self._made: dict[tuple[Any, ...], ParagraphStyle] = {}
        self.footers: dict[tuple[Page, Line], tuple[Paragraph, float, float]] = {}

    def indent(self, size: float) -> float:
        """One list level's indent: room for a marker such as '10)' at ``size``."""
        return max(5.0 * float(mm), size * 1.6)

    def get(
        self,
        size: float,
        align: int = TA_JUSTIFY,
        font: str = "",
        left: float = 0.0,
        bullet: float = 0.0,
        after: float = 0.0,
    ) -> ParagraphStyle:
        font = font or self.fonts.regular
        key = (size, align, font, round(left, 3), round(bullet, 3), after)
        style = self._made.get(key)
        if style is None:
            need_font(font)
            style = ParagraphStyle(
                f"s{len(self._made)}",
                fontName=font,
                fontSize=size,
                leading=size * LEADING,
                alignment=align,
                leftIndent=left,
                bulletIndent=bullet,
                bulletFontName=self.fonts.regular,
                bulletFontSize=size,
                spaceAfter=after,
            )
            self._made[key] = style
        return style

    @property
    def body(self) -> ParagraphStyle:
        return self.get(self.size)

    @property
    def left(self) -> ParagraphStyle:
        return self.get(self.size, TA_LEFT)

    @property
    def center(self) -> ParagraphStyle:
        return self.get(self.size, TA_CENTER)

    @property
    def center_bold(self) -> ParagraphStyle:
        return self.get(self.size, TA_CENTER, self.fonts.bold)

    def para(self, para: Para, size: float, default: int, after: float = 0.0) -> Paragraph:
        """One paragraph of the layout: its alignment, and a hanging marker at its list level."""
        align = ALIGNMENTS.get(para.align, default)
        font = self.fonts.bold if para.kind == "kepala" else ""
        step = self.indent(size)
        if para.kind == "butir":
            level = min(max(para.level, 1), MAX_LEVELS)  # deeper lists hang at the deepest indent
            style = self.get(size, align, font, level * step, (level - 1) * step, after)
            return MemoParagraph(markup(para.runs), style, bulletText=plain(para.marker) or None)
        style = self.get(size, align, font, min(max(para.level, 0), MAX_LEVELS) * step, 0.0, after)
        return MemoParagraph(markup(para.runs), style)


def _p(runs: Sequence[Inline], style: ParagraphStyle) -> Paragraph:
    return MemoParagraph(markup(runs), style)


_GRIDLESS = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]


def _layout_table(
    rows: list[list[Any]],
    widths: Sequence[float],
    styles: Styles,
    extra: Sequence[Any] = (),
    space_before: float = 0.0,
) -> Table:
    """An invisible table placing text in columns (the DOCX's tab stops)."""
    table = Table(
        rows, colWidths=list(widths), hAlign="LEFT", splitByRow=1, splitInRow=1, spaceBefore=space_before
    )
    body = styles.body
    table.setStyle(
        TableStyle(
            [*_GRIDLESS, ("FONT", (0, 0), (-1, -1), body.fontName, body.fontSize, body.leading), *extra]
        )
    )
    return table


# --------------------------------------------------------------------------- bordered tables

Content = Union[tuple[Para, ...], list[Flowable]]
"""A cell's content: the layout's paragraphs (drawn afresh for every table made from them),
or flowables left over from dividing a row (each drawn once)."""


@dataclass
class Span:
    """Grid cells drawn as one (inclusive, rows relative to their part); ``label`` is the
    content a vertically merged cell repeats when its rows are divided between pages."""

    c0: int
    r0: int
    c1: int
    r1: int
    label: Optional[tuple[Para, ...]] = None

    def moved(self, rows: int) -> Span:
        return Span(self.c0, self.r0 + rows, self.c1, self.r1 + rows, self.label)


@dataclass
class Part:
    """Rows of a table tied together by their vertical merges (a page never divides them
    unless they are taller than a page)."""

    rows: list[list[Content]]
    spans: list[Span]
    heading: bool = False  # heading rows (bold, centred)
    height: Optional[float] = None
    row_heights: list[float] = field(default_factory=list)
    # the cells as measured (flowables by grid position): the page's table draws these same
    # flowables at the same widths, with the measured row heights, instead of making and
    # wrapping them all again
    data: Optional[list[list[Any]]] = None


def _grid(rows: Sequence[Sequence[Any]], columns: int) -> tuple[list[list[Content]], list[Span]]:
    """The layout's rows (cells with span and merge) as contents by grid position and spans."""
    out: list[list[Content]] = []
    spans: list[Span] = []
    running: dict[int, Span] = {}  # column -> the vertical merge it continues
    for r, row in enumerate(rows):
        line: list[Content] = [() for _ in range(columns)]
        column = 0
        seen: set[int] = set()
        for cell in row:
            if column >= columns:
                break
            end = min(column + max(cell.span, 1), columns) - 1
            above = running.get(column)
            if cell.merge == "continue" and above is not None and above.c1 == end and above.r1 == r - 1:
                above.r1 = r
                seen.add(column)
            else:
                line[column] = tuple(cell.paras)
                if cell.merge == "restart":
                    span = Span(column, r, end, r, tuple(cell.paras))
                    running[column] = span
                    spans.append(span)
                    seen.add(column)
                elif end > column:
                    spans.append(Span(column, r, end, r))
            column = end + 1
        for column in [c for c in running if c not in seen]:
            del running[column]
        out.append(line)
    return out, [s for s in spans if (s.c0, s.r0) != (s.c1, s.r1)]


def _parts(cells: list[list[Content]], spans: list[Span]) -> list[Part]:
    """Body rows as groups: a group runs on while a vertical merge reaches further down."""
    starting: dict[int, list[Span]] = {}
    reach = list(range(len(cells)))
    for span in spans:
        starting.setdefault(span.r0, []).append(span)
        reach[span.r0] = max(reach[span.r0], span.r1)
    out: list[Part] = []
    start, furthest = 0, -1
    for r in range(len(cells)):
        furthest = max(furthest, reach[r])
        if furthest <= r:
            inner = [s.moved(-start) for row in range(start, r + 1) for s in starting.get(row, [])]
            out.append(Part(cells[start : r + 1], inner))
            start = r + 1
    return out


def _split_flowables(
    flowables: list[Flowable], width: float, height: float
) -> tuple[list[Flowable], list[Flowable]]:
    """The flowables that fit ``height`` (the last one divided if it can be), and the rest."""
    top: list[Flowable] = []
    used = 0.0
    after = 0.0
    for index, flowable in enumerate(flowables):
        _, h = flowable.wrap(width, height)
        before = flowable.getSpaceBefore() if top else 0.0
        if used + after + before + h <= height + EPSILON:
            top.append(flowable)
            used += after + before + h
            after = flowable.getSpaceAfter()
            continue
        room = height - used - after - before
        pieces = flowable.split(width, room) if room > 0 else []
        if len(pieces) >= 2:
            return top + [pieces[0]], list(pieces[1:]) + flowables[index + 1 :]
        return top, flowables[index:]
    return top, []


class LongTable(Flowable):
    """A bordered table that repeats its header rows and divides itself page by page.

    ``continued`` marks the rest of a divided table: it starts at the top of a page."""

    def __init__(
        self,
        cells: Callable[[tuple[Para, ...], bool], list[Flowable]],
        header: Part,
        parts: list[Part],
        widths: list[float],
        page_height: float,
        font: tuple[str, float],
        continued: bool = False,
    ) -> None:
        super().__init__()
        self.cells = cells
        self.header = header
        self.parts = parts
        self.widths = widths
        self.page_height = page_height
        self.font = font
        self.continued = continued
        self.width = sum(widths)
        self.height = 0.0
        self._whole: Optional[Table] = None

    @classmethod
    def of(
        cls,
        table: TableLayout,
        cells: Callable[[tuple[Para, ...], bool], list[Flowable]],
        width: float,
        page_height: float,
        font: tuple[str, float],
        numbers: Callable[[int], list[Flowable]],
    ) -> LongTable:
        columns = table.columns
        total = sum(table.widths) or 1.0
        widths = [width * w / total for w in table.widths]
        head_cells, head_spans = _grid(table.header, columns)
        if table.column_numbers:
            head_cells.append([numbers(n) for n in range(1, columns + 1)])
        body_cells, body_spans = _grid(table.rows, columns)
        header = Part(head_cells, head_spans, heading=True)
        made = cls(cells, header, _parts(body_cells, body_spans), widths, page_height, font)
        if made._measure(header, header=True) > page_height / 2:
            # headings taller than half a page are not repeated: they go first, divided like rows
            made.header = Part([], [], heading=True)
            made.parts.insert(0, header)
        return made

    # -- reportlab tables for some parts

    def _content(self, content: Content, heading: bool) -> Any:
        if isinstance(content, tuple):
            made = self.cells(content, heading)
            return made or ""
        return content or ""

    def _data(self, part: Part) -> list[list[Any]]:
        """The part's cells as table data: the measured ones when the part has been measured."""
        if part.data is not None:
            return [list(row) for row in part.data]
        return [[self._content(c, part.heading) for c in row] for row in part.rows]

    def _table(self, parts: Sequence[Part], with_header: bool = True, measured: bool = True) -> Table:
        """One reportlab table of the header (``with_header``) and ``parts``. With ``measured``,
        parts that have been measured bring their flowables and row heights: a part's rows are
        as tall in any table as alone (spans never reach outside a part, and every row has the
        same cell style), so reportlab need not wrap every cell again to learn them."""
        data: list[list[Any]] = []
        heights: Optional[list[float]] = [] if measured else None
        commands: list[Any] = [
            ("FONT", (0, 0), (-1, -1), self.font[0], self.font[1]),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING[0]),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING[1]),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING[2]),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING[3]),
        ]
        blocks = ([self.header] if with_header else []) + list(parts)
        for part in blocks:
            offset = len(data)
            if heights is not None and part.data is not None and len(part.row_heights) == len(part.rows):
                heights += part.row_heights
            else:
                heights = None
            data += self._data(part)
            for span in part.spans:
                commands.append(("SPAN", (span.c0, offset + span.r0), (span.c1, offset + span.r1)))
        if with_header and self.header.rows:
            commands.append(("VALIGN", (0, 0), (-1, len(self.header.rows) - 1), "MIDDLE"))
        table = Table(
            data, colWidths=self.widths, rowHeights=heights, hAlign="CENTER", splitByRow=1, splitInRow=0
        )
        table.setStyle(TableStyle(commands))
        return table

    def _measure(self, part: Part, header: bool = False) -> float:
        if not part.rows:
            return 0.0
        if part.height is None:
            part.data = self._data(part)
            table = self._table([] if header else [part], with_header=header, measured=False)
            _, part.height = table.wrap(self.width, 1e9)
            part.row_heights = list(table._rowHeights)
        return part.height

    def _at_top(self, available_height: float) -> bool:
        return available_height >= self.page_height - 1.0

    def _empty_space(self, height: float) -> bool:
        """Whether ``height`` at the foot of a page is worth filling with part of a row (as
        Word lets rows break across pages): room for MIN_PIECE_LINES lines of the table."""
        lines = MIN_PIECE_LINES * self.font[1] * LEADING
        return height >= lines + CELL_PADDING[2] + CELL_PADDING[3]

    # -- the Flowable protocol

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._whole = None
        total = self._measure(self.header, header=True)
        if self.continued and not self._at_top(available_height):
            self.height = max(total, available_height) + 1.0  # not here: the frame asks split()
            return self.width, self.height
        for part in self.parts:
            total += self._measure(part)
            if total > available_height + EPSILON:
                self.height = total
                return self.width, total
        self._whole = self._table(self.parts)
        _, self.height = self._whole.wrap(self.width, available_height)
        return self.width, self.height

    def draw(self) -> None:
        whole = self._whole or self._table(self.parts)
        whole.wrapOn(self.canv, self.width, 1e9)
        whole.drawOn(self.canv, 0, 0)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if self.continued and not self._at_top(available_height):
            return []  # the rest of a divided table starts on the next page
        room = available_height
        for _ in range(4):
            result = self._split(room)
            if result is None:
                return []
            first, rest = result
            _, height = first.wrap(self.width, available_height)
            if height <= available_height + EPSILON:
                return [first] + ([rest] if rest is not None else [])
            room -= height - available_height + 1.0  # measured parts and the page table disagree
        return []

    def _split(self, room: float) -> Optional[tuple[Table, Optional[LongTable]]]:
        header = self._measure(self.header, header=True)
        free = room - header
        taken: list[Part] = []
        index = 0
        while index < len(self.parts) and self._measure(self.parts[index]) <= free + EPSILON:
            free -= self._measure(self.parts[index])
            taken.append(self.parts[index])
            index += 1
        remaining = self.parts[index:]
        if remaining:
            following = remaining[0]
            fits_a_page = header + self._measure(following) <= self.page_height + EPSILON
            # a group that fits a page waits for the next one when only a few lines' room is left
            if not fits_a_page or self._empty_space(free):
                divided = self._divide(following, free, header)
                if divided is not None:
                    taken.append(divided[0])
                    remaining = [divided[1]] + remaining[1:]
        if not taken:
            return None
        rest = None
        if remaining:
            rest = LongTable(
                self.cells, self.header, remaining, self.widths, self.page_height, self.font, continued=True
            )
        return self._table(taken), rest

    def _divide(self, part: Part, free: float, header: float) -> Optional[tuple[Part, Part]]:
        """The part's top that fits ``free``, and the rest: divided inside the first row that
        does not fit when that row is taller than a page or a few lines of it fit, else between
        rows; merged labels are repeated at the top of the rest."""
        if free <= 0:
            return None
        self._measure(part)
        heights = part.row_heights
        used, row = 0.0, 0
        while row < len(part.rows) - 1 and used + heights[row] <= free + EPSILON:
            used += heights[row]
            row += 1
        tall = header + heights[row] > self.page_height + EPSILON
        if tall or self._empty_space(free - used) or row == 0:
            inside = self._cut_in_row(part, row, free, free - used)
            if inside is not None:
                return inside
        for cut in range(row, 0, -1):
            top, rest = self._cut(part, cut)
            if self._measure(top) <= free + EPSILON:
                return top, rest
        # a merged cell taller than the room left: divide inside an earlier row, where it starts
        for earlier in range(min(row, len(heights)) - 1, -1, -1):
            inside = self._cut_in_row(part, earlier, free, free - sum(heights[:earlier]))
            if inside is not None:
                return inside
        if tall or free + header >= self.page_height - 1.0:
            # nothing divides on a whole page: drop the merges (each label stays in its first row)
            # rather than fail; the words are all there, the rows simply no longer join
            flat = Part([list(r) for r in part.rows], [s for s in part.spans if s.r0 == s.r1], part.heading)
            if flat.spans != part.spans:
                return self._divide(flat, free, header)
        return None

    @staticmethod
    def _clean(spans: list[Span]) -> list[Span]:
        return [s for s in spans if (s.c0, s.r0) != (s.c1, s.r1)]

    def _cut(self, part: Part, cut: int) -> tuple[Part, Part]:
        """Divided between rows ``cut - 1`` and ``cut``."""
        top_rows = part.rows[:cut]
        rest_rows = [list(row) for row in part.rows[cut:]]
        top_spans: list[Span] = []
        rest_spans: list[Span] = []
        for span in part.spans:
            if span.r1 < cut:
                top_spans.append(span)
            elif span.r0 >= cut:
                rest_spans.append(span.moved(-cut))
            else:  # a merged cell across the cut: its label again at the top of the rest
                top_spans.append(Span(span.c0, span.r0, span.c1, cut - 1, span.label))
                rest_rows[0][span.c0] = span.label or ()
                rest_spans.append(Span(span.c0, 0, span.c1, span.r1 - cut, span.label))
        top = Part(top_rows, self._clean(top_spans), part.heading)
        rest = Part(rest_rows, self._clean(rest_spans), part.heading)
        if part.data is not None:  # the measured cells go on as they are; a repeated label anew
            top.data = part.data[:cut]
            rest.data = self._reused(part.data[cut:], rest_rows, part.rows[cut:], part.heading)
        return top, rest

    def _reused(
        self, data: list[list[Any]], rows: list[list[Content]], was: list[list[Content]], heading: bool
    ) -> list[list[Any]]:
        """Table data for ``rows`` from the measured ``data`` of the rows ``was``: a cell whose
        content did not change keeps its flowables, any other is made from its content."""
        return [
            [
                cell if content is before else self._content(content, heading)
                for cell, content, before in zip(row, new, old, strict=True)
            ]
            for row, new, old in zip(data, rows, was, strict=True)
        ]

    def _cut_in_row(self, part: Part, row: int, free: float, room: float) -> Optional[tuple[Part, Part]]:
        """Divided inside ``row``: its paragraphs that fit ``room`` (below the rows above it) stay
        in the top, the rest start the rest part."""
        cells = part.rows[row]
        starts = {s.c0: s for s in part.spans if s.r0 <= row <= s.r1}
        covered = {c for s in starts.values() for c in range(s.c0 + 1, s.c1 + 1)}
        covered |= {s.c0 for s in starts.values() if s.r0 < row}  # merged from a row above
        content_height = room - CELL_PADDING[2] - CELL_PADDING[3]
        for _ in range(3):
            if content_height <= 0:
                return None
            top_row: list[Content] = [() for _ in cells]
            rest_row: list[Content] = [() for _ in cells]
            divided: set[int] = set()
            progress = False
            for column, content in enumerate(cells):
                if column in covered:
                    continue
                span = starts.get(column)
                end = span.c1 if span is not None else column
                width = sum(self.widths[column : end + 1]) - CELL_PADDING[0] - CELL_PADDING[1]
                # the measured flowables when there are some (dividing never changes them)
                measured = part.data[row][column] if part.data is not None else None
                flowables = measured if measured is not None else self._content(content, part.heading)
                if not flowables:
                    continue
                top, rest = _split_flowables(list(flowables), width, content_height)
                progress = progress or bool(top)
                top_row[column] = top
                if span is not None and span.r1 > row and span.label is not None and not rest:
                    rest_row[column] = span.label  # the whole label fitted: again in the rest
                else:
                    rest_row[column] = rest
                    if rest and span is not None:
                        divided.add(column)  # the label itself goes on: it is not repeated later
            if not progress:
                return None
            top_spans: list[Span] = []
            rest_spans: list[Span] = []
            rest_rows = [rest_row] + [list(r) for r in part.rows[row + 1 :]]
            for span in part.spans:
                if span.r1 < row:
                    top_spans.append(span)
                elif span.r0 > row:
                    rest_spans.append(span.moved(-row))
                else:
                    top_spans.append(Span(span.c0, span.r0, span.c1, row, span.label))
                    label = None if span.c0 in divided else span.label
                    rest_spans.append(Span(span.c0, 0, span.c1, span.r1 - row, label))
                    if span.r0 < row:  # the label of a merged cell above: again in the rest
                        rest_rows[0][span.c0] = span.label or ()
            top_part = Part(part.rows[:row] + [top_row], self._clean(top_spans), part.heading)
            if part.data is not None:
                top_part.data = self._reused(
                    part.data[: row + 1], top_part.rows, part.rows[: row + 1], part.heading
                )
            height = self._measure(top_part)
            if height <= free + EPSILON:
                rest_part = Part(rest_rows, self._clean(rest_spans), part.heading)
                if part.data is not None:
                    rest_part.data = self._reused(part.data[row:], rest_rows, part.rows[row:], part.heading)
                return top_part, rest_part
            content_height -= height - free + 1.0
        return None


# --------------------------------------------------------------------------- the document


class Renderer:
    def __init__(self, parts: Layout, f: Fonts) -> None:
        self.parts = parts
        self.fonts = f
        self.styles = Styles(parts, f)

    # -- helpers

    def width(self, page: Page) -> float:
        return float(page.text_width_mm * mm)

    def cell_flowables(self, paras: tuple[Para, ...], heading: bool) -> list[Flowable]:
        small = self.styles.small
        out: list[Flowable] = []
        for index, para in enumerate(paras):
            if not para.runs and para.kind != "butir":
                continue
            after = 2.0 if index < len(paras) - 1 else 0.0
            if heading or para.kind == "kepala":
                kepala = Para("kepala", para.runs, align=para.align)
                out.append(self.styles.para(kepala, small, TA_CENTER))
            else:
                out.append(self.styles.para(para, small, TA_LEFT, after))
        return out

    def column_number(self, number: int) -> list[Flowable]:
        size = max(self.styles.small - 1, 5)
        return [MemoParagraph(str(number), self.styles.get(size, TA_CENTER, self.fonts.italic))]

    def long_table(self, table: TableLayout, page: Page) -> LongTable:
        return LongTable.of(
            table,
            self.cell_flowables,
            self.width(page),
            page.text_height_mm * mm,
            (self.fonts.regular, self.styles.small),
            self.column_number,
        )

    def image(self, path: Any, width: float) -> Optional[Image]:
        """The image ``width`` wide, or narrower when it would take more than KOP_HEIGHT of
        the page (a tall letterhead image would not fit a page at all)."""
        if path is None:
            return None
        w, h = ImageReader(str(path)).getSize()
        height = width * h / w if w and h else width
        most = self.parts.page.text_height_mm * mm * KOP_HEIGHT
        if height > most:
            width, height = width * most / height, most
        return Image(str(path), width=width, height=height)

    # -- parts

    def kop(self, kop: KopLayout, width: float) -> list[Flowable]:
        styles = self.styles
        lines: list[Flowable] = [
            _p(k.runs, styles.get(k.size, TA_CENTER, self.fonts.bold if k.bold else "")) for k in kop.lines
        ]
        image = self.image(kop.image, kop.image_width_mm * mm)
        if kop.kind == "gambar":
            if image is None:
                return []
            image.hAlign = "CENTER"
            return [image, Spacer(1, 12)]
        if kop.kind == "kepala_daerah":
            out: list[Flowable] = []
            if image is not None:
                image.hAlign = "CENTER"
                out += [image, Spacer(1, 4)]
            return out + lines + [Spacer(1, 14)]
        lines += [_p(a, styles.get(kop.address_size, TA_CENTER)) for a in kop.address]
        emblem = kop.image_width_mm * mm
        table = _layout_table(
            [[image or "", lines]],
            [emblem + 4 * mm, width - emblem - 4 * mm],
            styles,
            [("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
        )
        out = [table, Spacer(1, 3)]
        if kop.rule != "tidak ada":
            out.append(Rule(width, kop.rule))
        return out + [Spacer(1, 12)]

    def numbered(self, paras: Sequence[Para], width: float, diktum: bool) -> list[Flowable]:
        """Label, colon, marker and text columns, like the DOCX's tab stops and hanging indent."""
        styles = self.styles
        if diktum:
            widths = [COLON, DIKTUM_TEXT - COLON, width - DIKTUM_TEXT]
        else:
            widths = [COLON, MARKER - COLON, TEXT - MARKER, width - TEXT]
        out: list[Flowable] = []
        for index, para in enumerate(paras):
            if para.kind == "jarak":
                out.append(Spacer(1, 6))
                continue
            text = styles.para(para, styles.size, TA_JUSTIFY)
            if para.kind == "item":
                label = _p(para.label, styles.left)
                colon = _p(para.colon, styles.left)
                lead: list[Any] = [label, colon] if diktum else [label, colon, _p(para.marker, styles.left)]
            else:
                lead = ["", ""] if diktum else ["", "", ""]
            space = 6.0 if diktum and para.kind == "item" and index > 0 else 0.0
            out.append(_layout_table([[*lead, text]], widths, styles, space_before=space))
        return out

    def paragraphs(self, paras: Sequence[Para], size: float) -> list[Flowable]:
        return [Spacer(1, 6) if p.kind == "jarak" else self.styles.para(p, size, TA_JUSTIFY) for p in paras]

    def paraf_hierarki(self, paraf: Sequence[tuple[Line, Line]]) -> Table:
        size = max(self.styles.small - 2, 6)
        style = self.styles.get(size, TA_LEFT)
        center = self.styles.get(size, TA_CENTER)
        rows = [[_p(jabatan, style), _p(initials, center)] for jabatan, initials in paraf]
        table = Table(rows, colWidths=[42 * mm, 14 * mm], rowHeights=None, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), self.fonts.regular, size),
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return table

    def signature(self, sig: SignatureLayout, width: float) -> Flowable:
        styles = self.styles
        half = width / 2
        right: list[Flowable] = []
        if sig.penetapan:
            rows = [
                [_p(label, styles.left), _p((*line(": "), *value), styles.left)]
                for label, value in sig.penetapan
            ]
            right += [_layout_table(rows, [PENETAPAN_LABEL, half - PENETAPAN_LABEL], styles), Spacer(1, 12)]
        right.append(_p(sig.jabatan, styles.center))
        space = styles.body.leading * 3.5
        if sig.anchor:
            gap = (space - styles.body.leading) / 2
            right += [Spacer(1, gap), _p(sig.anchor, styles.center), Spacer(1, gap)]
        else:
            right.append(Spacer(1, space))
        right.append(MemoParagraph(f"<u>{markup(sig.name)}</u>", styles.center_bold))
        right += [_p(d, styles.center) for d in sig.details]
        left: list[Flowable] = []
        if sig.qr:
            left.append(QRCode(sig.qr))
        if sig.paraf:
            if left:
                left.append(Spacer(1, 6))
            left.append(self.paraf_hierarki(sig.paraf))
        table = _layout_table(
            [[left or "", right]], [half, half], styles, [("VALIGN", (0, 0), (0, 0), "BOTTOM")]
        )
        return KeepTogether([Spacer(1, 14), table])

    def lampiran(self, lamp: LampiranLayout) -> list[Flowable]:
        styles = self.styles
        width = self.width(lamp.page)
        header = _layout_table(
            [[[_p(line, styles.left) for line in lamp.header]]], [min(110 * mm, width * 0.6)], styles
        )
        header.hAlign = "RIGHT"
        out: list[Flowable] = [header, Spacer(1, 12)]
        out += [_p(t, styles.center_bold) for t in lamp.title]
        for block in lamp.blocks:
            out.append(Spacer(1, 8))
            if block.table is not None:
                out.append(self.long_table(block.table, lamp.page))
            else:
                out += self.paragraphs(block.paras, styles.size)
        if lamp.signature is not None:
            _keep_with_last(out, self.signature(lamp.signature, width))
        return out

    def story(self) -> list[Flowable]:
        parts, styles = self.parts, self.styles
        width = self.width(parts.page)
        out: list[Flowable] = self.kop(parts.kop, width)
        out += [_p(line, styles.center) for line in parts.title]
        out.append(Spacer(1, 12))
        out += [_p(line, styles.center) for line in parts.opening]
        out.append(Spacer(1, 12))
        out += self.numbered(parts.konsiderans, width, diktum=False)
        diktum = self.numbered(parts.diktum, width, diktum=True)
        # MEMUTUSKAN never ends a page: it goes with Menetapkan
        heading = [Spacer(1, 12), _p(parts.memutuskan, styles.center), Spacer(1, 12)]
        out += [KeepTogether(heading + diktum[:1]), *diktum[1:]]
        _keep_with_last(out, self.signature(parts.signature, width))
        if parts.tembusan_heading or parts.tembusan:
            out += [Spacer(1, 12), _p(parts.tembusan_heading, styles.left)]
            out += self.paragraphs(parts.tembusan, styles.size)
        if parts.paraf is not None:
            out += [Spacer(1, 12), _p(parts.paraf_heading, styles.left), Spacer(1, 4)]
            out.append(self.long_table(parts.paraf, parts.page))
        for index, lamp in enumerate(parts.lampiran):
            out += [NextPageTemplate(f"lampiran{index}"), PageBreak()]
            out += self.lampiran(lamp)
        return out


def _keep_with_last(out: list[Flowable], signature: Flowable) -> None:
    """A signature block never stands alone on a page: the last paragraph (or diktum line)
    before it goes with it, as the DOCX keeps it with the next. After a table it follows as it
    fits (a table's last rows cannot be held)."""
    if out and isinstance(out[-1], (Paragraph, Table)) and not isinstance(out[-1], LongTable):
        # one KeepTogether, not one inside another: a nested one measures as endless and would
        # always send both to the next page
        inner = list(signature._content) if isinstance(signature, KeepTogether) else [signature]
        out.append(KeepTogether([out.pop(), *inner]))
    else:
        out.append(signature)


class Document(BaseDocTemplate):
    """One page template per section (the body, then each lampiran), each with its paper."""

    def __init__(self, buffer: io.BytesIO, parts: Layout, f: Fonts, styles: Styles) -> None:
        page = parts.page
        props = parts.properties
        super().__init__(
            buffer,
            pagesize=(page.width_mm * mm, page.height_mm * mm),
            invariant=1,
            leftMargin=page.left_mm * mm,
            rightMargin=page.right_mm * mm,
            topMargin=page.top_mm * mm,
            bottomMargin=page.bottom_mm * mm,
            title=props.title,
            author=props.author,
            subject=props.subject,
            keywords=props.keywords,
            creator="keputusan",
            initialFontName=f.regular,
            initialFontSize=parts.fonts.size,
        )
        self.fonts = f
        self.styles = styles
        self.furniture = parts.furniture
        sections = [("body", page)] + [(f"lampiran{i}", lamp.page) for i, lamp in enumerate(parts.lampiran)]
        self.addPageTemplates([self._template(name, paper) for name, paper in sections])

    def _template(self, name: str, page: Page) -> PageTemplate:
        frame = Frame(
            page.left_mm * mm,
            page.bottom_mm * mm,
            page.text_width_mm * mm,
            page.text_height_mm * mm,
            id=name,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

        def on_page(canvas: Any, doc: Any) -> None:
            draw_underlay(canvas, page, self.furniture, self.fonts, self.styles)

        def on_page_end(canvas: Any, doc: Any) -> None:
            draw_footer(canvas, page, self.furniture, self.styles)

        return PageTemplate(
            id=name,
            frames=[frame],
            pagesize=(page.width_mm * mm, page.height_mm * mm),
            onPage=on_page,
            onPageEnd=on_page_end,
        )


def _footer(page: Page, furniture: Furniture, styles: Styles) -> Optional[tuple[Paragraph, float, float]]:
    """The TTE footer as a paragraph, with its height and the height of its bottom line (made
    once per paper and footer, drawn on every page)."""
    if not furniture.footer:
        return None
    key = (page, furniture.footer)
    made = styles.footers.get(key)
    if made is None:
        footer = MemoParagraph(markup(furniture.footer), styles.get(FOOTER_SIZE, TA_CENTER))
        _, height = footer.wrap(page.text_width_mm * mm, page.height_mm * mm)
        bottom = min(FOOTER_BOTTOM, max(page.bottom_mm * mm - height - 2, 2 * mm))
        made = styles.footers[key] = (footer, height, bottom)
    return made


def draw_footer(canvas: Any, page: Page, furniture: Furniture, styles: Styles) -> None:
    """The TTE footer, small, at the foot of the page (drawn last: it reads after the text)."""
    footer = _footer(page, furniture, styles)
    if footer is not None:
        paragraph, height, bottom = footer
        paragraph.drawOn(canvas, page.left_mm * mm, bottom)


def draw_underlay(canvas: Any, page: Page, furniture: Furniture, f: Fonts, styles: Styles) -> None:
    """The page number and the watermark (under the text)."""
    w, h = page.width_mm * mm, page.height_mm * mm
    numbers = furniture.page_numbers
    number = canvas.getPageNumber()
    if numbers is not None and (numbers.first_page or number > 1):
        text = numbers.format.replace("{n}", str(number))
        canvas.saveState()
        canvas.setFont(f.regular, styles.size)
        if numbers.position == "bawah":
            footer = _footer(page, furniture, styles)
            above = footer[1] + footer[2] + 3 * mm if footer is not None else 0.0
            y = min(max(page.bottom_mm * mm / 2, above), page.bottom_mm * mm - styles.size)
        else:
            y = h - page.top_mm * mm / 2 - styles.size / 3
        canvas.drawCentredString(page.left_mm * mm + page.text_width_mm * mm / 2, y, text)
        canvas.restoreState()
    if furniture.watermark:
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.82, 0.82, 0.82))
        need_font(f.bold)
        canvas.setFont(f.bold, 120)
        canvas.translate(w / 2, h / 2)
        canvas.rotate(35 if h > w else 20)
        canvas.drawCentredString(0, -40, furniture.watermark)
        canvas.restoreState()


def render(parts: Layout) -> tuple[bytes, fonts.FontSet]:
    """The decree as PDF bytes (before finishing), and the font actually embedded."""
    f = register_fonts(parts.fonts.family)
    renderer = Renderer(parts, f)
    buffer = io.BytesIO()
    doc = Document(buffer, parts, f, renderer.styles)
    doc.build(renderer.story())
    return buffer.getvalue(), f.used
