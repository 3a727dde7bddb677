"""A decree as PDF, drawn from the model with reportlab (the only module that touches reportlab).

It lays out the same paragraphs and cells as the DOCX (:mod:`keputusan.layout`)
with the same profile: kop, title block, hanging indents, a signature block
kept together, lampiran on their own (landscape) pages with both table header
rows repeated and long rows split across pages. Fonts are embedded TrueType.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Optional
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
from .decree import Decree
from .layout import Para, TableLayout, layout, plain
from .richtext import Break, Inline

COLON, MARKER, TEXT = 36 * mm, 40 * mm, 48 * mm  # the DOCX template's tab stops
DIKTUM_TEXT = 40 * mm
WATERMARK = "DRAFT"


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    used: fonts.FontSet


def register_fonts(family: str) -> Fonts:
    found = fonts.find(family)
    base = found.family.replace(" ", "")
    names = (base, f"{base}-Bold", f"{base}-Italic", f"{base}-BoldItalic")
    for name, path in zip(names, found.files, strict=True):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(base, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3])
    return Fonts(*names, used=found)


def markup(runs: Sequence[Inline]) -> str:
    """reportlab paragraph markup for styled runs; content text is escaped."""
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
        out.append(text)
    return "".join(out)


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


class Styles:
    def __init__(self, decree: Decree, f: Fonts) -> None:
        huruf = decree.profil.huruf
        size, small = huruf.ukuran, huruf.ukuran_tabel
        self.fonts = f

        def style(name: str, **kw: Any) -> ParagraphStyle:
            kw.setdefault("fontName", f.regular)
            kw.setdefault("bulletFontName", f.regular)
            kw.setdefault("bulletFontSize", kw.get("fontSize", size))
            kw.setdefault("fontSize", size)
            kw.setdefault("leading", kw["fontSize"] * 1.18)
            return ParagraphStyle(name, **kw)

        self.body = style("body", alignment=TA_JUSTIFY)
        self.left = style("left", alignment=TA_LEFT)
        self.center = style("center", alignment=TA_CENTER)
        self.center_bold = style("centerBold", alignment=TA_CENTER, fontName=f.bold)
        self.address = style("address", alignment=TA_CENTER, fontSize=decree.profil.kop.ukuran_alamat)
        self.name = style("name", alignment=TA_CENTER, fontName=f.bold)
        self.cell = style("cell", fontSize=small, alignment=TA_LEFT, spaceAfter=2)
        self.cell_center = style("cellCenter", fontSize=small, alignment=TA_CENTER, spaceAfter=2)
        self.cell_right = style("cellRight", fontSize=small, alignment=TA_RIGHT, spaceAfter=2)
        self.cell_bullet = style(
            "cellBullet", fontSize=small, leftIndent=4.5 * mm, bulletIndent=0, spaceAfter=1
        )
        self.head = style("head", fontSize=small, alignment=TA_CENTER, fontName=f.bold)
        self.numbers = style("numbers", fontSize=max(small - 1, 5), alignment=TA_CENTER, fontName=f.italic)
        self.bullet = style("bullet", alignment=TA_JUSTIFY, leftIndent=6 * mm, bulletIndent=0)

    def kop_line(self, size: float, bold: bool) -> ParagraphStyle:
        return ParagraphStyle(
            f"kop{size}{bold}",
            fontName=self.fonts.bold if bold else self.fonts.regular,
            fontSize=size,
            leading=size * 1.15,
            alignment=TA_CENTER,
        )


def _p(runs: Sequence[Inline] | str, style: ParagraphStyle, bullet: Optional[str] = None) -> Paragraph:
    text = escape(runs) if isinstance(runs, str) else markup(runs)
    return Paragraph(text, style, bulletText=bullet)


_GRIDLESS = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]


def _layout_table(
    rows: list[list[Any]], widths: list[float], styles: Styles, extra: Sequence[Any] = ()
) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT", splitByRow=1, splitInRow=1)
    body = styles.body
    table.setStyle(
        TableStyle(
            [*_GRIDLESS, ("FONT", (0, 0), (-1, -1), body.fontName, body.fontSize, body.leading), *extra]
        )
    )
    return table


def _numbered(paras: Sequence[Para], styles: Styles, width: float, diktum: bool) -> list[Flowable]:
    """Label, colon, marker and text columns, like the DOCX's tab stops and hanging indent."""
    if diktum:
        widths = [COLON, DIKTUM_TEXT - COLON, width - DIKTUM_TEXT]
    else:
        widths = [COLON, MARKER - COLON, TEXT - MARKER, width - TEXT]
    out: list[Flowable] = []
    rows: list[list[Any]] = []
    after: list[Any] = []

    def flush() -> None:
        if rows:
            out.append(_layout_table(rows[:], widths, styles, after[:]))
            rows.clear()
            after.clear()

    for para in paras:
        if para.kind == "jarak":
            flush()
            out.append(Spacer(1, 6))
            continue
        if para.kind == "butir":
            text = _p(para.runs, styles.bullet, plain(para.marker))
            lead = ["", ""] if diktum else ["", "", ""]
        elif para.kind == "lanjutan":
            text = _p(para.runs, styles.body)
            lead = ["", ""] if diktum else ["", "", ""]
        else:
            text = _p(para.runs, styles.body)
            label = _p(para.label, styles.left)
            colon, marker = plain(para.colon), plain(para.marker)
            lead = [label, colon] if diktum else [label, colon, marker]
        if diktum and para.kind == "item" and rows:
            after.append(("TOPPADDING", (0, len(rows)), (-1, len(rows)), 6))
        rows.append([*lead, text])
    flush()
    return out


def _signature(decree: Decree, styles: Styles, width: float, with_place: bool) -> Flowable:
    inner: list[Flowable] = []
    if with_place:
        rows = [
            [_p(label, styles.left), _p(f": {value}", styles.left)]
            for label, value in decree.penetapan_rows()
        ]
        inner.append(_layout_table(rows, [32 * mm, width / 2 - 32 * mm], styles))
        inner.append(Spacer(1, 12))
    jabatan, nama, *rest = decree.signature_lines()
    inner += [
        _p(jabatan, styles.center),
        Spacer(1, styles.body.leading * 3.5),
        _p(f"<u>{escape(nama)}</u>", styles.name),
    ]
    inner[-1] = Paragraph(f"<u>{escape(nama)}</u>", styles.name)
    inner += [_p(line, styles.center) for line in rest]
    table = _layout_table([["", inner]], [width / 2, width / 2], styles)
    return KeepTogether([Spacer(1, 14), table])


def _cell_flowables(paras: Sequence[Para], styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for para in paras:
        if para.kind == "butir":
            out.append(_p(para.runs, styles.cell_bullet, plain(para.marker)))
        elif para.kind == "tengah":
            out.append(_p(para.runs, styles.cell_center))
        elif para.kind == "kanan":
            out.append(_p(para.runs, styles.cell_right))
        elif para.runs:
            out.append(_p(para.runs, styles.cell))
    return out


def _content_table(table: TableLayout, styles: Styles, width: float) -> Table:
    columns = len(table.headings)
    total = sum(table.widths)
    widths = [width * w / total for w in table.widths]
    data: list[list[Any]] = [[_p(h, styles.head) for h in table.headings]]
    if table.column_numbers:
        data.append([_p(str(n), styles.numbers) for n in range(1, columns + 1)])
    commands: list[Any] = [
        ("FONT", (0, 0), (-1, -1), styles.fonts.regular, styles.cell.fontSize),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, table.header_rows - 1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    open_merges: dict[int, int] = {}  # column -> row where its merged cell starts
    first = table.header_rows
    for r, row in enumerate(table.rows):
        line: list[Any] = [""] * columns
        column = 0
        for cell in row:
            y = first + r
            if cell.merge == "restart":
                open_merges[column] = y
            elif cell.merge == "continue" and column in open_merges:
                commands.append(("SPAN", (column, open_merges[column]), (column + cell.span - 1, y)))
            else:
                line[column] = _cell_flowables(cell.paras, styles)
                if cell.span > 1:
                    commands.append(("SPAN", (column, y), (column + cell.span - 1, y)))
            if cell.merge == "restart":
                line[column] = _cell_flowables(cell.paras, styles)
            column += cell.span
        data.append(line)
    # a span command per merged block: keep only the longest for each start
    spans: dict[tuple[int, int], Any] = {}
    for command in commands:
        if command[0] == "SPAN":
            start = command[1]
            if start not in spans or command[2][1] > spans[start][2][1]:
                spans[start] = command
    commands = [c for c in commands if c[0] != "SPAN"] + list(spans.values())
    result = Table(
        data, colWidths=widths, repeatRows=table.header_rows, splitByRow=0, splitInRow=1, hAlign="CENTER"
    )
    result.setStyle(TableStyle(commands))
    return result


def _kop(decree: Decree, styles: Styles, width: float) -> list[Flowable]:
    profil = decree.profil
    lines: list[Flowable] = [_p(b.teks, styles.kop_line(b.ukuran, b.tebal)) for b in profil.kop.baris]
    lines += [_p(a, styles.address) for a in profil.kop.alamat]
    emblem_width = profil.kop.lebar_lambang_mm * mm
    cells: list[Any] = [""]
    if decree.emblem is not None:
        reader = ImageReader(str(decree.emblem))
        w, h = reader.getSize()
        cells = [Image(str(decree.emblem), width=emblem_width, height=emblem_width * h / w)]
    table = _layout_table(
        [[cells[0], lines]],
        [emblem_width + 4 * mm, width - emblem_width - 4 * mm],
        styles,
        [("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
    )
    return [table, Spacer(1, 3), Rule(width, profil.kop.garis), Spacer(1, 12)]


class _Document(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, decree: Decree, f: Fonts) -> None:
        kertas = decree.profil.kertas
        width, height = (v * mm for v in kertas.size_mm)
        margin = kertas.margin_mm
        super().__init__(
            buffer,
            pagesize=(width, height),
            invariant=1,
            leftMargin=margin.kiri * mm,
            rightMargin=margin.kanan * mm,
            topMargin=margin.atas * mm,
            bottomMargin=margin.bawah * mm,
            title=decree.tentang,
            author=decree.profil.nama,
            subject=decree.content.nomor or "DRAF",
            creator="keputusan",
            initialFontName=f.regular,
            initialFontSize=decree.profil.huruf.ukuran,
        )
        self.draft = decree.is_draft
        self.fonts = f
        templates = []
        for name, (w, h) in (("potret", (width, height)), ("lanskap", (height, width))):
            frame = Frame(
                self.leftMargin,
                self.bottomMargin,
                w - self.leftMargin - self.rightMargin,
                h - self.topMargin - self.bottomMargin,
                id=name,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )
            templates.append(PageTemplate(id=name, frames=[frame], pagesize=(w, h), onPage=self._furniture))
        self.addPageTemplates(templates)

    def _furniture(self, canvas: Any, doc: Any) -> None:
        if not self.draft:
            return
        w, h = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.82, 0.82, 0.82))
        canvas.setFont(self.fonts.bold, 120)
        canvas.translate(w / 2, h / 2)
        canvas.rotate(35 if h > w else 20)
        canvas.drawCentredString(0, -40, WATERMARK)
        canvas.restoreState()


def story(decree: Decree, styles: Styles, doc: _Document) -> list[Flowable]:
    parts = layout(decree)
    width_portrait = doc.pagesize[0] - doc.leftMargin - doc.rightMargin
    width_landscape = doc.pagesize[1] - doc.leftMargin - doc.rightMargin
    out: list[Flowable] = _kop(decree, styles, width_portrait)
    for line in decree.title_lines():
        out.append(_p(line, styles.center))
    out.append(Spacer(1, 12))
    for line in decree.opening_lines():
        out.append(_p(line, styles.center))
    out.append(Spacer(1, 12))
    out += _numbered(parts.konsiderans, styles, width_portrait, diktum=False)
    out += [Spacer(1, 12), _p("MEMUTUSKAN", styles.center), Spacer(1, 12)]
    out += _numbered(parts.diktum, styles, width_portrait, diktum=True)
    out.append(_signature(decree, styles, width_portrait, with_place=True))
    if decree.content.tembusan:
        out += [Spacer(1, 12), _p("Tembusan :", styles.left)]
        out += [_p(line, styles.left, f"{n}.") for n, line in enumerate(decree.content.tembusan, 1)]
    for lampiran in parts.lampiran:
        width = width_landscape if lampiran.landscape else width_portrait
        out += [NextPageTemplate("lanskap" if lampiran.landscape else "potret"), PageBreak()]
        header = _layout_table(
            [[[_p(line, styles.left) for line in lampiran.header]]], [min(110 * mm, width * 0.6)], styles
        )
        header.hAlign = "RIGHT"
        out += [header, Spacer(1, 12)]
        out += [_p(t, styles.center_bold) for t in lampiran.title]
        for block in lampiran.blocks:
            out.append(Spacer(1, 8))
            if block.table is not None:
                out.append(_content_table(block.table, styles, width))
            else:
                out += [_p(p.runs, styles.body) for p in block.paras]
        if lampiran.signature:
            out.append(_signature(decree, styles, width, with_place=False))
    return out


def render(decree: Decree) -> tuple[bytes, fonts.FontSet]:
    """The decree as PDF bytes (before finishing), and the font actually embedded."""
    f = register_fonts(decree.profil.huruf.keluarga)
    buffer = io.BytesIO()
    doc = _Document(buffer, decree, f)
    doc.build(story(decree, Styles(decree, f), doc))
    return buffer.getvalue(), f.used
