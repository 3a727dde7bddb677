"""What a reader checks in a DOCX, as one comparable value: words, tables, sections, headers.

:func:`facts` reads a DOCX (a plain build, or a redline after every change was accepted or
rejected, by LibreOffice or by :mod:`tests.revisions`) into a frozen :class:`Facts`; two
documents a reader cannot tell apart have equal facts. :func:`explain` says where two
differ, first difference first.

Only noise is normalised, each rule for a reason:

- runs, ``xml:space`` and whitespace: a paragraph is its words joined by one space;
  empty paragraphs are no line (the template's spacing paragraphs carry no words, and
  LibreOffice writes an empty run where the build had none);
- page sizes in whole millimetres: LibreOffice keeps sizes in 1/100 mm and writes F4
  (12189 x 18709 twips, 215 x 330 mm) back as 12200 x 18720;
- a PAGE, NUMPAGES or SECTIONPAGES field is the token ``{PAGE}``: its result differs on
  every page, and the result stored in the file is whatever the writer last computed;
- ``mc:Fallback`` content is skipped: Word shows ``mc:Choice`` (a shape written both ways
  would be read twice);
- table captions, styles, widths, fonts and rsids are not facts: nobody reads them (and
  LibreOffice drops ``w:tblCaption``).

Kept because a reader sees them: every word and its paragraph, field results (a SEQ
field's letter), the row order and row texts of every table, vertically merged regions
and horizontally spanned cells, the number, orientation and paper of sections, the words
(and the watermark) of the headers and footers each section shows, and any tracked change
left in the document (a resolved document has none).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Optional

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
V = "{urn:schemas-microsoft-com:vml}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAIN_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
PAGE_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES")
REVISION_TAGS = tuple(
    f"{W}{name}"
    for name in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "cellIns",
        "cellDel",
        "cellMerge",
        "rPrChange",
        "pPrChange",
        "tcPrChange",
        "trPrChange",
        "tblPrChange",
        "tblGridChange",
        "sectPrChange",
        "numberingChange",
    )
)


@dataclass(frozen=True)
class Table:
    """One body table: its rows' texts ('cell | cell', a cell's paragraphs joined by ' / '),
    how many vertically merged regions span two rows or more, and the spanned cells as
    (row, first grid column, columns spanned)."""

    rows: tuple[str, ...]
    vmerges: int
    spans: tuple[tuple[int, int, int], ...]


@dataclass(frozen=True)
class Section:
    """One section: orientation, paper in whole mm, and the words of each header and footer
    it shows ('header default: DRAFT', 'footer first: ...')."""

    orientation: str
    paper_mm: tuple[int, int]
    furniture: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    words: tuple[str, ...]  # one entry per paragraph with words, in reading order
    tables: tuple[Table, ...]
    sections: tuple[Section, ...]
    revisions: int  # tracked-change elements left (body, headers, footers)


# --------------------------------------------------------------------------- reading


class _Reader:
    """The visible text of one paragraph, fields as a reader sees them: instruction text is
    not shown, a result is, a page-number field reads '{PAGE}'."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.fields: list[list[str]] = []  # per open complex field: [instruction, "instr"|"result"]

    def visible(self, depth: Optional[int] = None) -> bool:
        """Whether text is shown here: outside every field's instruction and page number (of
        the ``depth`` outermost open fields, all by default)."""
        open_fields = self.fields if depth is None else self.fields[:depth]
        return not any(state == "instr" or _field_name(instr) in PAGE_FIELDS for instr, state in open_fields)

    def read(self, element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIPPED:
                continue
            if tag == f"{W}fldChar":
                self.field_char(child.get(f"{W}fldCharType", ""))
            elif tag == f"{W}instrText":
                if self.fields:
                    self.fields[-1][0] += child.text or ""
            elif tag == f"{W}fldSimple" and _field_name(child.get(f"{W}instr", "")) in PAGE_FIELDS:
                if self.visible():
                    self.out.append("{PAGE}")
            else:
                if self.visible():
                    self.leaf(child)
                self.read(child)

    def field_char(self, kind: str) -> None:
        if kind == "begin":
            self.fields.append(["", "instr"])
        elif kind == "separate" and self.fields:
            self.fields[-1][1] = "result"
            if _field_name(self.fields[-1][0]) in PAGE_FIELDS and self.visible(len(self.fields) - 1):
                self.out.append("{PAGE}")
        elif kind == "end" and self.fields:
            instruction, state = self.fields.pop()
            if state == "instr" and _field_name(instruction) in PAGE_FIELDS and self.visible():
                self.out.append("{PAGE}")  # a field with no stored result still shows its number

    def leaf(self, element: etree._Element) -> None:
        tag = element.tag
        if tag == f"{W}t":
            self.out.append(element.text or "")
        elif tag == f"{W}br" and element.get(f"{W}type") in (None, "textWrapping"):
            self.out.append(" ↵ ")  # a forced line break: a reader sees the line end
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            self.out.append(" ")
        elif tag == f"{W}noBreakHyphen":
            self.out.append("-")
        elif tag == f"{V}textpath" and element.get("string"):
            self.out.append(f" {element.get('string')} ")  # a WordArt watermark


SKIPPED = (f"{MC}Fallback", f"{W}p", f"{W}tbl", f"{W}txbxContent", f"{W}del", f"{W}moveFrom")
"""Not read as part of a paragraph's text: the fallback of a shape written twice, nested
paragraphs and tables (read on their own), and deleted text (a left revision is counted)."""


def _field_name(instruction: str) -> str:
    parts = instruction.split()
    return parts[0].upper() if parts else ""


def _line(p: etree._Element) -> str:
    reader = _Reader()
    reader.read(p)
    return " ".join("".join(reader.out).split())


def _paragraphs(container: etree._Element) -> Iterator[etree._Element]:
    """Every paragraph under a container in reading order: a table cell's, a text box's, each
    after the paragraph that anchors it."""
    for child in container:
        if not isinstance(child.tag, str) or child.tag == f"{MC}Fallback":
            continue
        if child.tag == f"{W}p":
            yield child
            yield from _paragraphs_inside(child)
        elif child.tag in (f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _paragraphs(child)
        elif child.tag in (f"{W}ins", f"{W}moveTo"):
            yield from _paragraphs(child)  # a block-level insertion (left unresolved)


def _paragraphs_inside(p: etree._Element) -> Iterator[etree._Element]:
    for box in p.iter(f"{W}txbxContent"):
        if any(a.tag == f"{MC}Fallback" for a in box.iterancestors()):
            continue
        yield from _paragraphs(box)


def _cell_text(tc: etree._Element) -> str:
    return " / ".join(line for line in (_line(p) for p in _paragraphs(tc)) if line)


def _table(tbl: etree._Element) -> Table:
    rows = []
    spans = []
    regions: dict[int, int] = {}  # grid column -> rows in the open vertical merge there
    counted = 0
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        column = 0
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is None:
            before = tr.find(f"{W}tblPrEx/{W}gridBefore")
        if before is not None:
            column += int(before.get(f"{W}val", "0"))
        texts = []
        seen = set()
        for tc in tr.findall(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val", "1")) if span_el is not None else 1
            if span > 1:
                spans.append((r, column, span))
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(f"{W}val") in (None, "continue"):
                if column in regions:
                    regions[column] += 1
            else:
                if regions.get(column, 0) >= 2:
                    counted += 1
                regions.pop(column, None)
                if merge is not None and merge.get(f"{W}val") == "restart":
                    regions[column] = 1
            seen.add(column)
            texts.append(_cell_text(tc))
            column += span
        for open_column in [c for c in regions if c not in seen]:  # a row without that cell
            if regions[open_column] >= 2:
                counted += 1
            del regions[open_column]
        rows.append(" | ".join(texts))
    counted += sum(1 for n in regions.values() if n >= 2)
    return Table(tuple(rows), counted, tuple(spans))


# --------------------------------------------------------------------------- the package


class _Package:
    def __init__(self, docx: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(docx))
        rels = etree.fromstring(self.zip.read("_rels/.rels"))
        main = next(r.get("Target", "") for r in rels.iter(f"{REL}Relationship") if r.get("Type") == MAIN_REL)
        self.main = main.lstrip("/")
        self.root = self.xml(self.main)
        self.rels = self._rels(self.main)

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))

    def _rels(self, part: str) -> dict[str, str]:
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", f"{base}.rels")
        if name not in self.zip.namelist():
            return {}
        out = {}
        for rel in self.xml(name).iter(f"{REL}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            out[rel.get("Id", "")] = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
        return out

    def even_and_odd(self) -> bool:
        name = self.rels_by_type("settings")
        return name is not None and self.xml(name).find(f"{W}evenAndOddHeaders") is not None

    def rels_by_type(self, kind: str) -> Optional[str]:
        folder, base = posixpath.split(self.main)
        name = posixpath.join(folder, "_rels", f"{base}.rels")
        for rel in self.xml(name).iter(f"{REL}Relationship"):
            if rel.get("Type", "").endswith(f"/{kind}"):
                return posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        return None


def _section_properties(body: etree._Element) -> list[etree._Element]:
    out = [p_pr.find(f"{W}sectPr") for p_pr in body.iter(f"{W}pPr")]
    found = [s for s in out if s is not None]
    last = body.find(f"{W}sectPr")
    if last is not None:
        found.append(last)
    return found


def _orientation(sect: etree._Element) -> tuple[str, tuple[int, int]]:
    size = sect.find(f"{W}pgSz")
    if size is None:
        return "portrait", (0, 0)
    w, h = int(size.get(f"{W}w", "0")), int(size.get(f"{W}h", "0"))
    if w != h:
        orientation = "landscape" if w > h else "portrait"
    else:
        orientation = "landscape" if size.get(f"{W}orient") == "landscape" else "portrait"
    return orientation, (round(w / 1440 * 25.4), round(h / 1440 * 25.4))


def _part_words(package: _Package, name: Optional[str]) -> str:
    if name is None:
        return ""
    root = package.xml(name)
    return " / ".join(line for line in (_line(p) for p in _paragraphs(root)) if line)


def _revisions(root: etree._Element) -> int:
    return sum(1 for _ in root.iter(*REVISION_TAGS))


def facts(docx: bytes) -> Facts:
    """The facts of a DOCX (see the module doc for what is normalised and why)."""
    package = _Package(docx)
    body = package.root.find(f"{W}body")
    assert body is not None, "no w:body"
    words = tuple(line for line in (_line(p) for p in _paragraphs(body)) if line)
    tables = tuple(_table(t) for t in _body_tables(body))
    kinds = ["default", "first"] + (["even"] if package.even_and_odd() else [])
    current: dict[tuple[str, str], Optional[str]] = {}
    sections = []
    revisions = _revisions(package.root)
    parts_seen: set[str] = set()
    for sect in _section_properties(body):
        for ref in sect:
            if ref.tag in (f"{W}headerReference", f"{W}footerReference"):
                where = "header" if ref.tag == f"{W}headerReference" else "footer"
                current[(where, ref.get(f"{W}type", "default"))] = package.rels.get(ref.get(f"{R}id", ""))
        title_page = sect.find(f"{W}titlePg")
        shown = [
            k
            for k in kinds
            if k != "first" or (title_page is not None and title_page.get(f"{W}val") not in ("0", "false"))
        ]
        furniture = []
        for where in ("header", "footer"):
            for kind in shown:
                name = current.get((where, kind))
                if name is not None and name not in parts_seen:
                    parts_seen.add(name)
                    revisions += _revisions(package.xml(name))
                text = _part_words(package, name)
                if text:
                    furniture.append(f"{where} {kind}: {text}")
        orientation, paper = _orientation(sect)
        sections.append(Section(orientation, paper, tuple(furniture)))
    return Facts(words, tables, tuple(sections), revisions)


def _body_tables(container: etree._Element) -> Iterator[etree._Element]:
    for child in container:
        if child.tag == f"{W}tbl":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"):
            yield from _body_tables(child)


# --------------------------------------------------------------------------- explaining


def _first_difference(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"#{index}: {x!r}\n      != {y!r}"
    if len(a) != len(b):
        shorter, longer = (a, b) if len(a) < len(b) else (b, a)
        side = "right" if len(b) > len(a) else "left"
        return f"#{len(shorter)}: only the {side} has {longer[len(shorter)]!r} (+{len(longer) - len(shorter)} more)"
    return "equal"


def explain(a: Facts, b: Facts, left: str = "left", right: str = "right") -> str:
    """Where two documents' facts differ, one line per differing fact, first difference first."""
    out = [f"facts differ ({left} != {right}):"]
    if a.words != b.words:
        out.append(
            f"  words: {len(a.words)} vs {len(b.words)} lines; first difference {_first_difference(a.words, b.words)}"
        )
    if len(a.tables) != len(b.tables):
        out.append(f"  tables: {len(a.tables)} vs {len(b.tables)}")
    for index, (ta, tb) in enumerate(zip(a.tables, b.tables, strict=False)):
        if ta.rows != tb.rows:
            out.append(
                f"  table {index} rows ({len(ta.rows)} vs {len(tb.rows)}): {_first_difference(ta.rows, tb.rows)}"
            )
        if ta.vmerges != tb.vmerges:
            out.append(f"  table {index} vertical merges: {ta.vmerges} vs {tb.vmerges}")
        if ta.spans != tb.spans:
            out.append(f"  table {index} spanned cells: {ta.spans} vs {tb.spans}")
    if len(a.sections) != len(b.sections):
        out.append(f"  sections: {len(a.sections)} vs {len(b.sections)}")
    for index, (sa, sb) in enumerate(zip(a.sections, b.sections, strict=False)):
        for name in ("orientation", "paper_mm"):
            if getattr(sa, name) != getattr(sb, name):
                out.append(f"  section {index} {name}: {getattr(sa, name)} vs {getattr(sb, name)}")
        if sa.furniture != sb.furniture:
            out.append(f"  section {index} headers/footers: {_first_difference(sa.furniture, sb.furniture)}")
    if a.revisions != b.revisions:
        out.append(f"  tracked changes left: {a.revisions} vs {b.revisions}")
    return "\n".join(out) if len(out) > 1 else "facts equal"


def first_difference(a: Facts, b: Facts) -> str:
    """The first line of :func:`explain`'s answer (for summaries)."""
    lines = explain(a, b).splitlines()
    return lines[1].strip() if len(lines) > 1 else "equal"
