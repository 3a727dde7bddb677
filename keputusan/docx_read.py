"""A DOCX typed anywhere, read as blocks in reading order: paragraphs and tables, for the importer.

Every part is opened through :mod:`docxsafe` (a broken or hostile file is a located
:class:`~keputusan.docxsafe.DocxError`, never a crash). What a typist's Word document
carries and the importer needs is kept; everything else (styles, fonts, fields) is not:

* a paragraph's text with its tabs (``\\t``) and line breaks (``\\n``), its runs' italic and
  bold, its alignment and left indent, and the label Word's automatic numbering shows
  (``a.``, ``1.``, ``•``), counted as Word counts it;
* a table as a grid: each cell once, at its first row and column, with its row and column
  spans (``vMerge`` and ``gridSpan``), its paragraphs, and whether its row repeats as a
  header on every page (``tblHeader``);
* the section each block belongs to, and whether that section is landscape;
* the paragraphs and tables of the first section's header (a kop typed in the header);
* a page break typed before a paragraph.

Deleted text of tracked changes is not read, inserted text is; the fallback copy of a
drawing (``mc:Fallback``) is skipped so a text box is read once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from lxml import etree

from .docxsafe import DocxError, Package, open_docx
from .errors import Problem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_COLUMNS = 63  # Word's own limit of a table's columns
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = {f"{W}del", f"{W}pPr", f"{W}rPr", f"{MC}Fallback", f"{W}instrText", f"{W}delInstrText"}
_SPACES = re.compile("[\u00a0\u2007\u202f\u2002\u2003\u2009\u200a]")


@dataclass(frozen=True)
class Span:
    """A stretch of a paragraph's text in one style."""

    text: str
    italic: bool = False
    bold: bool = False
    size: float = 0.0  # the run's own font size in points (0: the style's)


@dataclass
class Para:
    spans: list[Span]
    where: str
    label: str = ""  # what automatic numbering shows before the text ('a.', '1.', '•')
    level: int = 0  # the numbering level (0 = outermost)
    align: str = ""  # 'center', 'right', 'both' or ''
    indent: int = 0  # left indent in twips (numbering's own indent when the paragraph has none)
    section: int = 0
    page_break: bool = False  # a page break before it (typed, or 'page break before')

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class Cell:
    row: int
    col: int
    rowspan: int
    colspan: int
    paras: list[Para]
    nested: list[Table] = field(default_factory=list)  # tables inside the cell (a paraf beside a name)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras).strip()


@dataclass
class Table:
    cells: list[Cell]
    rows: int
    cols: int
    header_rows: int  # rows marked to repeat on every page, from the top
    widths: list[int]  # grid column widths in twips (0 when not given)
    where: str
    section: int = 0
    bordered: bool = True
    page_break: bool = False
    _index: Optional[dict[int, list[Cell]]] = field(default=None, repr=False, compare=False)
    _indexed: int = field(default=0, repr=False, compare=False)

    def at(self, row: int) -> list[Cell]:
        """The cells that start in ``row`` (indexed once: a long table is read in linear time)."""
        if self._index is None or self._indexed != len(self.cells):
            index: dict[int, list[Cell]] = {}
            for cell in self.cells:
                index.setdefault(cell.row, []).append(cell)
            self._index, self._indexed = index, len(self.cells)
        return list(self._index.get(row, ()))


Block = Union[Para, Table]


@dataclass
class Document:
    blocks: list[Block]
    header: list[Block]
    landscape: list[bool] = field(default_factory=list)  # per section
    images: list[bytes] = field(default_factory=list)  # pictures in the first section's kop area
    wrapped: bool = False  # lines of a PDF: a line without a marker continues the one above


def read_docx(source: Union[Path, bytes], name: Optional[Path] = None) -> Document:
    """The blocks of a DOCX in reading order (see the module docstring)."""
    package = open_docx(source, name)
    root = package.xml(package.main_part())
    body = root.find(f"{W}body")
    if root.tag != f"{W}document" or body is None:
        raise DocxError([Problem(package.path, None, None, "docx_no_document", {})])
    numbering = _Numbering(package, package.main_part())
    styles = _Styles(package, package.main_part())
    reader = _Reader(numbering, styles)
    blocks = reader.blocks(body, "paragraf")
    landscape = reader.orientations(body)
    header, header_part = _header_blocks(package, body, numbering, styles)
    images = _kop_images(package, body, package.main_part())
    if header_part is not None:
        images += _kop_images(package, package.xml(header_part), header_part)
    return Document(blocks, header, landscape, images)


# --------------------------------------------------------------------------- numbering


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _format(number: int, fmt: str) -> str:
    if number > 100_000:  # a start value no list reaches: shown as a number, not counted out
        return str(number)
    if fmt == "lowerLetter":
        return _letters(number)
    if fmt == "upperLetter":
        return _letters(number).upper()
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt in ("bullet", "none"):
        return ""
    return str(number)


@dataclass
class _Level:
    fmt: str
    text: str
    start: int
    indent: int


class _Numbering:
    """Word's list numbering: numId -> abstract levels, with counters as the document goes."""

    def __init__(self, package: Package, main: str) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}
        self.counters: dict[str, list[int]] = {}
        part = package.related(main, kind="numbering")
        if part is None:
            return
        root = package.xml(part)
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{W}lvl"):
                ind = lvl.find(f"{W}pPr/{W}ind")
                levels[_int(lvl.get(f"{W}ilvl"))] = _Level(
                    _val(lvl.find(f"{W}numFmt")) or "decimal",
                    (_val(lvl.find(f"{W}lvlText")) or "")[:40],
                    max(0, min(_int(_val(lvl.find(f"{W}start")), 1), 10**9)),
                    _int(ind.get(f"{W}left") if ind is not None else None),
                )
            abstract[node.get(f"{W}abstractNumId") or ""] = levels
        for num in root.findall(f"{W}num"):
            ident = _val(num.find(f"{W}abstractNumId")) or ""
            self.levels[num.get(f"{W}numId") or ""] = abstract.get(ident, {})

    def label(self, num_id: str, ilvl: int) -> tuple[str, int]:
        """The label of the next paragraph at (num_id, ilvl), and that level's indent."""
        levels = self.levels.get(num_id)
        ilvl = max(0, min(ilvl, 9))  # Word has nine levels; a file may claim more
        if not levels or ilvl not in levels or num_id == "0":
            return "", 0
        counts = self.counters.setdefault(num_id, [0] * 10)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 10):
            counts[deeper] = 0
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "•", level.indent
        if level.fmt == "none":
            return "", level.indent

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            lvl = levels.get(index)
            start = lvl.start if lvl else 1
            count = counts[index] if index < 10 else 0
            return _format(max(count, 1) + start - 1, lvl.fmt if lvl else "decimal")

        return re.sub(r"%(\d)", number, level.text).strip(), level.indent


def _val(node: Optional[etree._Element]) -> Optional[str]:
    return None if node is None else node.get(f"{W}val")


def _int(value: Optional[str], default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# --------------------------------------------------------------------------- body


class _Styles:
    """Paragraph styles: the indent, alignment and numbering a style gives (through basedOn)."""

    def __init__(self, package: Package, main: str) -> None:
        self.nodes: dict[str, etree._Element] = {}
        self.default = ""
        part = package.related(main, kind="styles")
        if part is None:
            return
        for style in package.xml(part).findall(f"{W}style"):
            if style.get(f"{W}type") != "paragraph":
                continue
            ident = style.get(f"{W}styleId") or ""
            self.nodes[ident] = style
            if style.get(f"{W}default") in ("1", "true"):
                self.default = ident

    def chain(self, ident: Optional[str]) -> list[etree._Element]:
        """The style's pPr, then those it is based on (nearest first)."""
        out: list[etree._Element] = []
        seen: set[str] = set()
        current = ident if ident else self.default
        while current and current not in seen and current in self.nodes:
            seen.add(current)
            node = self.nodes[current]
            ppr = node.find(f"{W}pPr")
            if ppr is not None:
                out.append(ppr)
            current = _val(node.find(f"{W}basedOn")) or ""
        return out


class _Reader:
    def __init__(self, numbering: _Numbering, styles: _Styles) -> None:
        self.numbering = numbering
        self.styles = styles
        self.section = 0
        self.counts = {"paragraf": 0, "tabel": 0}
        self.pending_break = False

    def blocks(self, element: etree._Element, kind: str) -> list[Block]:
        out: list[Block] = []
        for child in element:
            if child.tag == f"{W}p":
                out.append(self.paragraph(child, None))
                if child.find(f"{W}pPr/{W}sectPr") is not None:
                    self.section += 1
            elif child.tag == f"{W}tbl":
                out.append(self.table(child))
            elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}ins"):
                content = child.find(f"{W}sdtContent")
                out += self.blocks(content if content is not None else child, kind)
        return out

    def orientations(self, body: etree._Element) -> list[bool]:
        found = [p.find(f"{W}pPr/{W}sectPr") for p in body.iter(f"{W}p")]
        sections = [s for s in found if s is not None]
        last = body.find(f"{W}sectPr")
        if last is not None:
            sections.append(last)
        out = []
        for sect in sections:
            size = sect.find(f"{W}pgSz")
            wide = False
            if size is not None:
                wide = size.get(f"{W}orient") == "landscape" or _int(size.get(f"{W}w")) > _int(size.get(f"{W}h"))
            out.append(wide)
        return out or [False]

    def paragraph(self, p: etree._Element, where: Optional[str]) -> Para:
        if where is None:
            self.counts["paragraf"] += 1
            where = f"paragraf {self.counts['paragraf']}"
        ppr = p.find(f"{W}pPr")
        label, level, indent, align = "", 0, 0, ""
        chain = ([ppr] if ppr is not None else []) + self.styles.chain(
            _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
        )

        def first(tag: str) -> Optional[etree._Element]:
            return next((found for node in chain if (found := node.find(f"{W}{tag}")) is not None), None)

        num = first("numPr")
        if num is not None:
            level = _int(_val(num.find(f"{W}ilvl")))
            num_id = _val(num.find(f"{W}numId"))
            if num_id is None:  # a style's numbering with the paragraph's own level
                num_id = next((_val(n.find(f"{W}numPr/{W}numId")) for n in chain
                               if n.find(f"{W}numPr/{W}numId") is not None), None)
            label, indent = self.numbering.label(num_id or "", level)
        inds = [found for n in chain if (found := n.find(f"{W}ind")) is not None]
        ind = next((x for x in inds if x.get(f"{W}left") or x.get(f"{W}start")), None)
        if ind is not None:
            indent = _int(ind.get(f"{W}left") or ind.get(f"{W}start"))
        align = _val(first("jc")) or ""
        page_break = first("pageBreakBefore") is not None
        spans: list[Span] = []
        for run in _runs(p):
            rpr = run.find(f"{W}rPr")
            italic = _on(rpr, "i")
            bold = _on(rpr, "b")
            size = _int(_val(rpr.find(f"{W}sz")) if rpr is not None else None) / 2
            parts: list[str] = []
            for node in run.iter():
                if node.tag == f"{W}t":
                    parts.append(node.text or "")
                elif node.tag in (f"{W}tab", f"{W}ptab"):
                    parts.append("\t")
                elif node.tag == f"{W}br":
                    if node.get(f"{W}type") == "page":
                        page_break = page_break or not spans and not parts
                    else:
                        parts.append("\n")
                elif node.tag == f"{W}cr":
                    parts.append("\n")
                elif node.tag == f"{W}noBreakHyphen":
                    parts.append("-")
                elif node.tag == f"{W}sym":
                    parts.append(_symbol(node.get(f"{W}char") or ""))
            text = _SPACES.sub(" ", "".join(parts))
            if text:
                spans.append(Span(text, italic, bold, size))
        if self.pending_break:
            page_break, self.pending_break = True, False
        if not "".join(s.text for s in spans).strip() and any(
            br.get(f"{W}type") == "page" for br in p.iter(f"{W}br")
        ):
            self.pending_break = True
        return Para(spans, where, label, level, align, indent, self.section, page_break)

    def table(self, tbl: etree._Element) -> Table:
        self.counts["tabel"] += 1
        number = self.counts["tabel"]
        where = f"tabel {number}"
        widths = [_int(g.get(f"{W}w")) for g in tbl.findall(f"{W}tblGrid/{W}gridCol")]
        cells: list[Cell] = []
        open_cells: dict[int, Cell] = {}  # column -> the cell a vertical merge continues
        header_rows = 0
        counting_header = True
        rows = tbl.findall(f"{W}tr")
        for r, tr in enumerate(rows):
            if counting_header and tr.find(f"{W}trPr/{W}tblHeader") is not None:
                header_rows += 1
            else:
                counting_header = False
            col = max(0, min(_int(_val(tr.find(f"{W}trPr/{W}gridBefore"))), MAX_COLUMNS))
            for tc in tr.findall(f"{W}tc"):
                tcpr = tc.find(f"{W}tcPr")
                span = max(1, _int(_val(tcpr.find(f"{W}gridSpan")) if tcpr is not None else None, 1))
                span = min(span, max(1, MAX_COLUMNS - col))  # Word's grid has at most 63 columns
                merge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                place = f"{where}, baris {r + 1}, kolom {col + 1}"
                paras = [self.paragraph(p, place) for p in tc.findall(f"{W}p")]
                nested = [self.table(t) for t in tc.findall(f"{W}tbl")]
                for inner in nested:
                    inner.where = f"{place}, {inner.where}"
                if merge is not None and _val(merge) in (None, "continue") and col in open_cells:
                    above = open_cells[col]
                    above.rowspan = r - above.row + 1
                    if any(p.text.strip() for p in paras):
                        above.paras += paras
                    above.nested += nested
                else:
                    cell = Cell(r, col, 1, span, paras, nested)
                    cells.append(cell)
                    for c in range(col, col + span):
                        open_cells.pop(c, None)
                    if merge is not None:
                        open_cells[col] = cell
                col += span
        cols = min(max([c.col + c.colspan for c in cells] + [len(widths), 0]), MAX_COLUMNS)
        widths = widths[:MAX_COLUMNS]
        borders = tbl.find(f"{W}tblPr/{W}tblBorders")
        bordered = True
        if borders is not None:
            values = [_val(b) for b in borders]
            bordered = any(v not in (None, "nil", "none") for v in values)
        elif tbl.find(f"{W}tblPr/{W}tblStyle") is None:
            bordered = any(
                _val(b) not in (None, "nil", "none")
                for b in tbl.iter(f"{W}top", f"{W}bottom", f"{W}left")
                if (parent := b.getparent()) is not None and parent.tag == f"{W}tcBorders"
            )
        page_break, self.pending_break = self.pending_break, False
        return Table(cells, len(rows), cols, header_rows, widths, where, self.section, bordered, page_break)


def _runs(p: etree._Element) -> list[etree._Element]:
    """The runs of a paragraph in order, inside hyperlinks, insertions, fields and content controls;
    not deleted runs, nor the fallback copy of a drawing."""
    out = []
    stack = list(reversed(list(p)))
    while stack:
        node = stack.pop()
        if node.tag in _SKIPPED or not isinstance(node.tag, str):
            continue
        if node.tag == f"{W}r":
            out.append(node)
            continue
        stack.extend(reversed(list(node)))
    return out


def _on(rpr: Optional[etree._Element], name: str) -> bool:
    if rpr is None:
        return False
    node = rpr.find(f"{W}{name}")
    return node is not None and node.get(f"{W}val") not in ("0", "false", "off")


def _symbol(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:
        value -= 0xF000
    return {0xB7: "•", 0xA7: "•", 0x2D: "-"}.get(value, chr(value) if 0x20 <= value < 0xD800 else "")


def _header_blocks(
    package: Package, body: etree._Element, numbering: _Numbering, styles: _Styles
) -> tuple[list[Block], Optional[str]]:
    """The first section's header (the first-page header when it has one): a kop typed there."""
    first = next((p.find(f"{W}pPr/{W}sectPr") for p in body.iter(f"{W}p")
                  if p.find(f"{W}pPr/{W}sectPr") is not None), None)
    sect = first if first is not None else body.find(f"{W}sectPr")
    if sect is None:
        return [], None
    refs = {ref.get(f"{W}type") or "default": ref.get(f"{R}id") for ref in sect.findall(f"{W}headerReference")}
    wanted = refs.get("first") if sect.find(f"{W}titlePg") is not None and refs.get("first") else refs.get("default")
    if not wanted:
        return [], None
    part = package.related(package.main_part(), ident=wanted)
    if part is None:
        return [], None
    reader = _Reader(numbering, styles)
    reader.counts = {"paragraf": 0, "tabel": 0}
    blocks = reader.blocks(package.xml(part), "kepala")
    for block in blocks:
        block.where = "kepala halaman, " + block.where
        if isinstance(block, Table):
            for cell in block.cells:
                for para in cell.paras:
                    para.where = "kepala halaman, " + para.where
    return blocks, part


_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"


def _kop_images(package: Package, body: etree._Element, owner: str) -> list[bytes]:
    """The PNG or JPEG pictures before the first 'KEPUTUSAN' heading (an emblem in the kop, or
    the whole kop as one picture), of the part ``owner`` (the document, or its header)."""
    out: list[bytes] = []
    for node in body.iter(f"{W}p", _BLIP):
        if node.tag == f"{W}p":
            text = "".join(t.text or "" for t in node.iter(f"{W}t")).strip().upper()
            if text.startswith("KEPUTUSAN"):
                break
            continue
        ident = node.get(f"{R}embed")
        part = package.related(owner, ident=ident) if ident else None
        if part is None:
            continue
        data = package.read(part)
        if data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff"):
            out.append(data)
    return out
