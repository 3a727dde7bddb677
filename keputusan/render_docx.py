"""A decree's layout as DOCX, through the docxtpl template (the only module that touches docxtpl).

Everything printed comes from the :class:`~keputusan.layout.Layout`; this module
never reads the decree or its model. Rendering has four stages, after the
template is checked (:func:`template_problems`: read as hostile input by
:mod:`docxsafe`, its tags held to the documented context by :mod:`sandbox`)
and refused if it has errors:

1. :func:`context` turns the layout into the template's variables, plus a
   :class:`TablePlan` per bordered table (widths, spans, merged cells);
2. docxtpl renders the template in the Jinja sandbox (autoescaped: content is
   data, never code; the template is data too), each part exactly once, from
   the text the check inspected (:func:`_render_template`);
3. what a template cannot say is applied with python-docx: list levels and
   alignment (:func:`apply_paragraph_forms`), fonts and the letterhead rule,
   paper, margins and orientation per section, column widths and merged
   cells (:func:`apply_geometry`), page numbers, the TTE footer and the draft
   watermark (:func:`apply_furniture`), tracked changes in a redline, and the
   document properties;
4. the package is written deterministically (fixed zip order and dates, no rsids).

List levels and alignment travel with the paragraph's text: the formatted
text of a paragraph whose level is 2 or deeper, or whose alignment is not
its kind's usual one, starts with an empty ``kp:para`` element naming them.
After rendering, :func:`apply_paragraph_forms` removes each one and gives its
paragraph the style of its level (the template's style with " 2", " 3" added,
deeper levels the deepest such style the template has) and the alignment.
So whichever branch of a template printed the paragraph, it gets its form.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import io
import re
import sys
import zipfile
from collections.abc import Iterator, Sequence
from copy import deepcopy
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate, InlineImage
from docxtpl import RichText as DocxRichText
from lxml import etree

from . import docxsafe, sandbox
from .errors import ContentError, Problem
from .images import qr_png
from .layout import (
    CORE_PROPERTY_LIMIT,
    LampiranLayout,
    Layout,
    Page,
    Para,
    SignatureLayout,
    TableLayout,
)
from .limits import LIMITS, env_name, limit
from .richtext import Break, Inline, Run
from .text import shorten


def _default_template() -> Path:
    """templates/keputusan.docx of the checkout, or the copy a regular install puts in share/."""
    checkout = Path(__file__).resolve().parent.parent / "templates" / "keputusan.docx"
    installed = Path(sys.prefix) / "share" / "keputusan" / "templates" / "keputusan.docx"
    return checkout if checkout.exists() or not installed.exists() else installed


TEMPLATE = _default_template()
EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
QR_MM = 25.0  # the printed width of the verification QR code
PARAF_MM = (45.0, 15.0)  # paraf hierarki: the jabatan column, the initials column


def escape(text: str, entities: Optional[dict[str, str]] = None) -> str:
    """&, < and > as entities (and ``entities`` besides): xml.sax.saxutils' escape, without its
    import of urllib, http and ssl (10-20 ms a process)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char, entity in (entities or {}).items():
        text = text.replace(char, entity)
    return text


def quoteattr(text: str) -> str:
    """An XML attribute value in double quotes, escaped."""
    return '"' + escape(text, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}) + '"'


REDLINE_CATEGORY = "Keputusan (redline)"  # how a redline names itself, so -o may replace only one
ROW_REV = "keputusan-rev"  # a redline's planned row mark, on w:tr until the marks are applied
DATA_TABLES = ("paraf-koordinasi", "isi-lampiran")
"""Captions of the bordered tables sized from a :class:`TablePlan`, each kind in document order."""


@dataclass
class TablePlan:
    """What docxtpl cannot express: relative column widths and merged cells."""

    widths: list[float]
    header_rows: int  # heading rows and the column-number row, centred vertically
    # per rendered row (headings, column numbers, data), per cell: (grid columns, merge)
    rows: list[list[tuple[int, Optional[str]]]] = field(default_factory=list)
    # in a redline, per rendered row: "ins"/"del" for a row inserted or deleted as a whole, "" kept
    revs: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- context


@dataclass
class Revisions:
    """Author and date of tracked changes, and the running w:id every change needs."""

    author: str
    date: str  # ISO 8601
    next_id: int = 1

    def wrap(self, kind: str, xml: str, move: str = "") -> str:
        """``xml`` inside w:ins or w:del; with ``move``, inside w:moveTo or w:moveFrom (named for
        now in w:name, which :func:`apply_revision_marks` turns into Word's move ranges)."""
        if move:
            tag = "w:moveTo" if kind == "ins" else "w:moveFrom"
            named = f' w:name="{escape(move)}"'
        else:
            tag, named = ("w:ins" if kind == "ins" else "w:del"), ""
        self.next_id += 1
        return (
            f'<{tag} w:id="{self.next_id}" w:author={quoteattr(self.author)} w:date="{self.date}"{named}>'
            f"{xml}</{tag}>"
        )


def _runs_xml(
    runs: Sequence[Inline],
    revisions: Optional[Revisions] = None,
    size: Optional[float] = None,
    bold: bool = False,
) -> str:
    """Runs as WordprocessingML; in a redline, inserted runs in w:ins, deleted ones in w:del.

    Without ``revisions`` a deleted run is left out (the text as it reads once accepted)."""
    out = []
    for inline in runs:
        rev = getattr(inline, "rev", None)
        if rev == "del" and revisions is None:
            continue
        if isinstance(inline, Break):
            xml = "<w:r><w:br/></w:r>"
        else:
            props = ("<w:b/>" if inline.bold or bold else "") + ("<w:i/>" if inline.italic else "")
            if size is not None:
                props += f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
            tag = "w:delText" if rev == "del" else "w:t"
            rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
            xml = f'<w:r>{rpr}<{tag} xml:space="preserve">{escape(inline.text)}</{tag}></w:r>'
        if rev and revisions is not None:
            xml = revisions.wrap(rev, xml, getattr(inline, "move", ""))
        out.append(xml)
    return "".join(out)


def _rich(runs: Sequence[Inline], revisions: Optional[Revisions] = None) -> DocxRichText:
    rt = DocxRichText()
    rt.xml = _runs_xml(runs, revisions)
    return rt


_FORM = "urn:keputusan:para"
_FORM_TAG = f"{{{_FORM}}}para"
ALIGNMENTS = {
    "kiri": WD_ALIGN_PARAGRAPH.LEFT,
    "tengah": WD_ALIGN_PARAGRAPH.CENTER,
    "kanan": WD_ALIGN_PARAGRAPH.RIGHT,
    "penuh": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _form(para: Para) -> str:
    """The mark that carries a paragraph's list level and alignment to :func:`apply_paragraph_forms`."""
    if para.level < 2 and para.align not in ALIGNMENTS:
        return ""
    return f'<kp:para xmlns:kp="{_FORM}" level="{para.level}" align={quoteattr(para.align)}/>'


def _para(para: Para, revisions: Optional[Revisions]) -> dict[str, Any]:
    text = _rich(para.runs, revisions)
    text.xml = _form(para) + text.xml
    return {
        "kind": para.kind,
        "label": _rich(para.label, revisions),
        "colon": _rich(para.colon, revisions),
        "marker": _rich(para.marker, revisions),
        "rich": text,
        "level": para.level,
        "align": para.align,
    }


def _table(table: TableLayout, revisions: Optional[Revisions]) -> tuple[dict[str, Any], TablePlan]:
    def cells(rows: Sequence[Sequence[Any]]) -> list[list[list[dict[str, Any]]]]:
        return [[[_para(p, revisions) for p in cell.paras] for cell in row] for row in rows]

    numbers_rev = table.rev or table.numbers_rev
    numbers = (
        [_rich((Run(str(n), rev=numbers_rev),), revisions) for n in range(1, table.columns + 1)]
        if table.column_numbers
        else []
    )
    plan = TablePlan(list(table.widths), table.header_rows)
    plan.rows = [[(cell.span, cell.merge) for cell in row] for row in table.header]
    plan.rows += [[(1, None)] * len(numbers)] if numbers else []
    plan.rows += [[(cell.span, cell.merge) for cell in row] for row in table.rows]
    if revisions is not None:
        whole = table.rev or ""
        plan.revs = [whole] * len(table.header) + ([whole or table.numbers_rev or ""] if numbers else [])
        plan.revs += [
            (table.row_revs[n] if n < len(table.row_revs) else None) or whole for n in range(len(table.rows))
        ]
    block = {
        "jenis": "tabel",
        "kepala": cells(table.header),
        "nomor_kolom": numbers,
        "baris": cells(table.rows),
    }
    return block, plan


def _signature(
    signature: Optional[SignatureLayout], template: DocxTemplate, revisions: Optional[Revisions]
) -> dict[str, Any]:
    """The signature block's parts; an empty dict (false in a template) when there is none."""
    if signature is None:
        return {}
    qr: Any = ""
    if signature.qr:
        qr = InlineImage(template, io.BytesIO(qr_png(signature.qr)), width=Mm(QR_MM))
    return {
        "jabatan": _rich(signature.jabatan, revisions),
        "nama": _rich(signature.name, revisions),
        "keterangan": [_rich(d, revisions) for d in signature.details],
        "jangkar": _rich(signature.anchor, revisions),
        "paraf": [{"jabatan": _rich(j, revisions), "paraf": _rich(p, revisions)} for j, p in signature.paraf],
        "qr": qr,
    }


def _penetapan(signature: Optional[SignatureLayout], revisions: Optional[Revisions]) -> list[dict[str, Any]]:
    rows = signature.penetapan if signature is not None else ()
    return [{"label": _rich(label, revisions), "value": _rich(value, revisions)} for label, value in rows]


def context(
    parts: Layout, template: DocxTemplate, revisions: Optional[Revisions] = None
) -> tuple[dict[str, Any], list[tuple[str, TablePlan]]]:
    """The template's variables, and (caption, plan) of every bordered table in document order."""

    def rich(runs: Sequence[Inline]) -> DocxRichText:
        return _rich(runs, revisions)

    kop = parts.kop
    lines = []
    for kop_line in kop.lines:
        rt = DocxRichText()
        rt.xml = _runs_xml(kop_line.runs, revisions, kop_line.size, kop_line.bold)
        lines.append(rt)
    values_kop = {
        "jenis": kop.kind,
        "lambang": InlineImage(template, str(kop.image), width=Mm(kop.image_width_mm)) if kop.image else "",
        "baris": lines,
        "alamat": [rich(a) for a in kop.address],
    }
    plans: list[tuple[str, TablePlan]] = []
    paraf = []
    if parts.paraf is not None:
        rendered, plan = _table(parts.paraf, revisions)
        paraf.append(rendered)
        plans.append(("paraf-koordinasi", plan))
    lampiran = []
    for lamp in parts.lampiran:
        blocks: list[dict[str, Any]] = []
        for block in lamp.blocks:
            if block.table is None:
                blocks.append({"jenis": "paragraf", "paras": [_para(p, revisions) for p in block.paras]})
                continue
            rendered, plan = _table(block.table, revisions)
            blocks.append(rendered)
            plans.append(("isi-lampiran", plan))
        lampiran.append(
            {
                "kepala": [rich(h) for h in lamp.header],
                "judul": [rich(t) for t in lamp.title],
                "blok": blocks,
                "ttd": _signature(lamp.signature, template, revisions),
                "penetapan": _penetapan(lamp.signature, revisions),
            }
        )
    values = {
        "kop": values_kop,
        "judul": [rich(t) for t in parts.title],
        "pembuka": [rich(t) for t in parts.opening],
        "konsiderans": [_para(p, revisions) for p in parts.konsiderans],
        "memutuskan": rich(parts.memutuskan),
        "diktum": [_para(p, revisions) for p in parts.diktum],
        "penetapan": _penetapan(parts.signature, revisions),
        "ttd": _signature(parts.signature, template, revisions),
        "tembusan_judul": rich(parts.tembusan_heading),
        "tembusan": [_para(p, revisions) for p in parts.tembusan],
        "paraf_judul": rich(parts.paraf_heading),
        "paraf": paraf,
        "lampiran": lampiran,
    }
    return values, plans


# --------------------------------------------------------------------------- paragraph forms


def apply_paragraph_forms(document: DocxDocument) -> None:
    """List levels and alignment, from the marks :func:`_form` put in the text (see the module doc)."""
    styles = {s.style_id: s.name for s in document.styles}
    ids = {name: style_id for style_id, name in styles.items()}
    for mark in list(document.element.body.iter(_FORM_TAG)):
        level, align = int(mark.get("level", "0")), mark.get("align", "")
        p = mark.getparent()
        p.remove(mark)
        while p is not None and p.tag != qn("w:p"):
            p = p.getparent()
        if p is None:
            continue
        p_pr = p.get_or_add_pPr()
        name = styles.get(p_pr.style or "Normal", "")
        for deeper in range(level, 1, -1):
            if f"{name} {deeper}" in ids:
                p_pr.style = ids[f"{name} {deeper}"]
                break
        if align in ALIGNMENTS:
            p_pr.jc_val = ALIGNMENTS[align]


# --------------------------------------------------------------------------- geometry


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _set(parent: Any, tag: str, **attrs: str) -> Any:
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


_TCPR_ORDER = (
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
)


def _set_tcpr_child(tc: Any, tag: str, **attrs: str) -> None:
    """Add or replace a child of w:tcPr, keeping the schema's order (tcW, gridSpan, vMerge, ...)."""
    tc_pr = tc.get_or_add_tcPr()
    old = tc_pr.find(qn(tag))
    if old is not None:
        tc_pr.remove(old)
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    rank = _TCPR_ORDER.index(tag)
    for child in tc_pr:
        name = child.tag.replace("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}", "w:")
        if name in _TCPR_ORDER and _TCPR_ORDER.index(name) > rank:
            child.addprevious(element)
            return
    tc_pr.append(element)


def _layout(
    tbl: Any,
    widths_twips: list[int],
    rows: Optional[list[list[tuple[int, Optional[str]]]]] = None,
    revs: Sequence[str] = (),
) -> None:
    """Fixed layout: grid widths (LibreOffice reads them) and every cell's width (Word does),
    with each rendered row's spans and merges from ``rows`` (a row beyond them: one column a cell)."""
    tbl_pr = tbl.tblPr
    _set(tbl_pr, "w:tblW", w=str(sum(widths_twips)), type="dxa")
    fixed = tbl_pr.find(qn("w:tblLayout"))
    if fixed is None:
        fixed = OxmlElement("w:tblLayout")
        look = tbl_pr.find(qn("w:tblLook"))
        (look.addprevious(fixed) if look is not None else tbl_pr.append(fixed))
    fixed.set(qn("w:type"), "fixed")
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for width in widths_twips:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(width))
        grid.append(col)
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):
        if r < len(revs):
            tr.set(ROW_REV, revs[r])  # read (and removed) by apply_revision_marks
        planned = rows[r] if rows is not None and r < len(rows) else []
        column = 0
        for c, tc in enumerate(tr.findall(qn("w:tc"))):
            span, merge = planned[c] if c < len(planned) else (1, None)
            _set_tcpr_child(tc, "w:tcW", w=str(sum(widths_twips[column : column + span])), type="dxa")
            if span > 1:
                _set_tcpr_child(tc, "w:gridSpan", val=str(span))
            if merge == "restart":
                _set_tcpr_child(tc, "w:vMerge", val="restart")
            elif merge == "continue":
                _set_tcpr_child(tc, "w:vMerge")
            column += span


def _caption(tbl: Any) -> str:
    element = tbl.find(qn("w:tblPr") + "/" + qn("w:tblCaption"))
    return element.get(qn("w:val")) if element is not None else ""


def _body_tables(document: DocxDocument) -> Iterator[tuple[int, Any]]:
    """(section index, w:tbl) for every table directly in the body, in order."""
    section = 0
    for child in document.element.body:
        if child.tag == qn("w:tbl"):
            yield section, child
        elif child.tag == qn("w:p") and child.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None:
            section += 1


def _page(parts: Layout, section: int) -> Page:
    """The paper of a section: the body's, then each lampiran's (a template with more sections
    than the layout has pages gives the extra ones the last page's)."""
    pages = parts.pages
    return pages[min(section, len(pages) - 1)]


def _center_vertically(rows: Sequence[Any]) -> None:
    for tr in rows:
        for tc in tr.findall(qn("w:tc")):
            _set_tcpr_child(tc, "w:vAlign", val="center")


def _signature_table(tbl: Any, text: float) -> None:
    """Two halves; the left (QR code, paraf hierarki) at the bottom, beside the name."""
    _layout(tbl, [_twips(text / 2), _twips(text / 2)])
    first = tbl.find(qn("w:tr") + "/" + qn("w:tc"))
    if first is not None:
        _set_tcpr_child(first, "w:vAlign", val="bottom")
    for nested in tbl.iter(qn("w:tbl")):
        if _caption(nested) == "paraf-hierarki":
            jabatan, initials = PARAF_MM
            jabatan = min(jabatan, max(text / 2 - initials - 5, 10.0))
            _layout(nested, [_twips(jabatan), _twips(initials)])


def _set_paper(section: Section, page: Page) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.header_distance = section.footer_distance = Mm(min(10.0, page.top_mm / 2))
    section.gutter = 0


def apply_geometry(document: DocxDocument, parts: Layout, plans: Sequence[tuple[str, TablePlan]]) -> None:
    """Paper, margins and orientation per section from the layout's pages, and table widths."""
    for index, section in enumerate(document.sections):
        _set_paper(section, _page(parts, index))
    queues = {name: iter([plan for caption, plan in plans if caption == name]) for name in DATA_TABLES}
    for index, tbl in _body_tables(document):
        text = _page(parts, index).text_width_mm
        name = _caption(tbl)
        if name == "kop":
            emblem = parts.kop.image_width_mm + 4
            _layout(tbl, [_twips(emblem), _twips(text - emblem)])
            _center_vertically(tbl.findall(qn("w:tr")))
        elif name == "ttd":
            _signature_table(tbl, text)
        elif name == "kepala-lampiran":
            _layout(tbl, [_twips(min(110.0, text * 0.6))])
        elif name in queues:
            plan = next(queues[name], None)
            if plan is None:  # a template with more tables than the layout: left as they are
                continue
            total = sum(plan.widths)
            _layout(tbl, [_twips(text * w / total) for w in plan.widths], plan.rows, plan.revs)
            _center_vertically(tbl.findall(qn("w:tr"))[: plan.header_rows])


_BORDERS = {"tunggal": ("single", 12), "ganda": ("double", 6), "tebal-tipis": ("thickThinSmallGap", 24)}
TABLE_STYLES = ("Tabel Kepala", "Tabel Isi", "Tabel Butir")
"""Styles set in the table size; their level variants ("Tabel Butir 2") too."""


def keep_with_signature(document: DocxDocument) -> None:
    """A signature block never stands alone on a page: the last paragraph with words before each
    signature table is kept with the next (the empty spacing paragraphs between already are)."""
    for tbl in document.element.body.iter(qn("w:tbl")):
        if _caption(tbl) != "ttd":
            continue
        previous = tbl.getprevious()
        while previous is not None and previous.tag == qn("w:p") and not "".join(previous.itertext()).strip():
            previous = previous.getprevious()
        if previous is not None and previous.tag == qn("w:p"):
            p_pr = previous.find(qn("w:pPr"))
            if p_pr is None:
                p_pr = OxmlElement("w:pPr")
                previous.insert(0, p_pr)
            if p_pr.find(qn("w:keepNext")) is None:
                keep = OxmlElement("w:keepNext")
                style = p_pr.find(qn("w:pStyle"))
                (style.addnext(keep) if style is not None else p_pr.insert(0, keep))


def apply_profile(document: DocxDocument, parts: Layout) -> None:
    """Fonts from the layout, the letterhead's address size and rule."""
    fonts = parts.fonts
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = fonts.family
    normal.font.size = Pt(fonts.size)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), fonts.family)
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for element in defaults.iter(qn("w:rFonts")):
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                element.set(qn(attr), fonts.family)
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
                element.attrib.pop(qn(attr), None)
    for style in styles:
        family, _, level = (style.name or "").rpartition(" ")
        if style.name in TABLE_STYLES or (family in TABLE_STYLES and level.isdigit()):
            style.font.size = Pt(fonts.table_size)
    styles["Tabel Nomor Kolom"].font.size = Pt(max(fonts.table_size - 1, 5))
    styles["Kop Alamat"].font.size = Pt(parts.kop.address_size)
    p_pr = styles["Kop Garis"].element.pPr
    border = p_pr.find(qn("w:pBdr")) if p_pr is not None else None
    if border is not None:
        kind = _BORDERS.get(parts.kop.rule)
        bottom = border.find(qn("w:bottom"))
        if kind is None or bottom is None:
            border.getparent().remove(border)
        else:
            bottom.set(qn("w:val"), kind[0])
            bottom.set(qn("w:sz"), str(kind[1]))


def apply_properties(document: DocxDocument, parts: Layout) -> None:
    """Document properties from the layout, never from the clock; each within Word's limit."""
    given = parts.properties
    props = document.core_properties
    props.title = given.short_title
    props.subject = shorten(given.subject, CORE_PROPERTY_LIMIT)
    props.author = props.last_modified_by = shorten(given.author, CORE_PROPERTY_LIMIT)
    props.keywords = shorten(given.keywords, CORE_PROPERTY_LIMIT)
    props.comments = ""
    props.category = REDLINE_CATEGORY if parts.properties.redline else "Keputusan"
    props.revision = 1
    when = dt.datetime.combine(given.date, dt.time(), dt.timezone.utc) if given.date else EPOCH
    props.created = props.modified = when.replace(tzinfo=None)


# --------------------------------------------------------------------------- package

_RSID_ELEMENTS = re.compile(rb'<w:rsid w:val="[^"]*"/>|<w:rsids>.*?</w:rsids>', re.S)
_RSID_ATTRIBUTE = re.compile(rb'w:rsid\w*="[^"]*"')
_SPACE = frozenset(b" \t\r\n\f\v")


def _without_rsids(xml: bytes) -> bytes:
    """A part without Word's revision-session ids (rsids: its editing history, which makes two
    saves of one document differ): the list in the settings, and every ``w:rsid*`` attribute.

    Only attributes inside tags are removed. Text that reads like one (a decree
    may quote ``w:rsidR="00AB1234"``) is content and stays: a single pattern
    over the whole part used to delete it from the decree. Found by their
    literal name first, which also makes a part without any cost nothing.
    """
    if b"rsid" not in xml:
        return xml
    xml = _RSID_ELEMENTS.sub(b"", xml)  # '<' in text is escaped: these are elements
    out, last = [], 0
    for match in _RSID_ATTRIBUTE.finditer(xml):
        start = begin = match.start()
        while begin > last and xml[begin - 1] in _SPACE:
            begin -= 1
        if begin == start or xml.rfind(b"<", 0, start) <= xml.rfind(b">", 0, start):
            continue  # not after a space inside a tag: text
        out.append(xml[last:begin])
        last = match.end()
    out.append(xml[last:])
    return b"".join(out)


def normalize_package(data: bytes) -> bytes:
    """Same content, same bytes: fixed entry order, dates and permissions, no rsids."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            content = source.read(name)
            if name.endswith(".xml"):
                content = _without_rsids(content)
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, content)
    return out.getvalue()


def render(parts: Layout, template: Path = TEMPLATE, revisions: Optional[Revisions] = None) -> bytes:
    """The layout as DOCX bytes; with ``revisions``, a redline of a merged layout whose runs
    are marked inserted or deleted.

    The template is checked first (:func:`require_template`) and rendered in
    the Jinja sandbox with a budget of loop rounds and output; a template with
    errors, or one that runs over its budget, raises :class:`TemplateRejected`.
    """
    data = require_template(template)
    tpl = DocxTemplate(io.BytesIO(data))
    values, plans = context(parts, tpl, revisions)
    budget = sandbox.budget_for(values, _checked(data).loops, limit("template_output_chars"))
    try:
        _render_template(tpl, values, sandbox.environment(budget))
        document = tpl.docx
        apply_paragraph_forms(document)
        apply_profile(document, parts)
        apply_geometry(document, parts, plans)
        keep_with_signature(document)
        apply_furniture(document, parts, revisions)
        if revisions is not None:
            apply_revision_marks(document, revisions, parts.lampiran)
        apply_properties(document, parts)
        buffer = io.BytesIO()
        document.save(buffer)
    except sandbox.Runaway as exc:
        raise TemplateRejected([_runaway(template, exc)]) from None
    except Exception as exc:
        # the template passed the check, so what fails here is what it computes (1 // 0, 'a' < 1)
        # or what it makes of the document: it is the template's failure, named as such. The
        # shipped template is ours: a failure with it is a bug, reported as one.
        if template == TEMPLATE and not isinstance(exc, (*sandbox.RENDER_ERRORS, etree.XMLSyntaxError)):
            raise
        detail = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")
        raise TemplateRejected(
            [Problem(template, None, None, "template_render_failed", {"detail": detail[:300]})]
        ) from None
    return normalize_package(buffer.getvalue())


def _render_part(tpl: DocxTemplate, env: Any, values: dict[str, Any], source: str, part: Any) -> str:
    """One part's XML rendered: docxtpl's render_xml_part, less its replacing of '{_{' by '{{'
    (which turned content typed as '{_{ a }_}' into '{{ a }}' in the DOCX only)."""
    tpl.current_rendering_part = part
    template = sandbox.compiled(env, cache_key("part", source), lambda: _prepared(source))
    xml = template.render(values)
    return _resolve_listing(tpl, re.sub(r"\n<w:p([ >])", r"<w:p\1", xml))


_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.S)  # docxtpl's resolve_listing's own
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")  # a text with what it turns into markup


def _resolve_listing(tpl: DocxTemplate, xml: str) -> str:
    """docxtpl's resolve_listing (a tab, newline, \\a or \\f in a text becomes a tab, a break, a
    paragraph or a page break), given only the paragraphs that have one.

    It rewrites every paragraph, run and text of the part through nested
    regular expressions: a fifth of the seed's DOCX render, for the few
    paragraphs (the labels' tabs) it changes. Each paragraph is found with its
    own pattern, so each is exactly the text it would have rewritten.
    """
    return _PARAGRAPH.sub(
        lambda m: str(tpl.resolve_listing(m.group(0))) if _LISTING.search(m.group(0)) else m.group(0), xml
    )


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _map_body(tpl: DocxTemplate, tree: Any) -> None:
    """docxtpl's map_tree (the rendered body into the document), without its quadratic cost.

    lxml moves a tree into another document by re-resolving the namespace of
    every element and attribute, through a cache of old to new namespaces;
    for the xml: of xml:space it stores the new namespace as the old one, so
    every xml:space misses and the cache grows by one: 100,000 text runs took
    1.3 s, a 28 MB body a minute. Those attributes are taken off for the
    move and put back after it, each as the last attribute it was.
    """
    moved = []
    for element in tree.iter(etree.Element):
        value = element.get(_XML_SPACE)
        if value is not None and element.keys()[-1] == _XML_SPACE:
            del element.attrib[_XML_SPACE]
            moved.append((element, value))
    tpl.map_tree(tree)
    for element, value in moved:
        element.set(_XML_SPACE, value)


def _render_template(tpl: DocxTemplate, values: dict[str, Any], env: Any) -> None:
    """What docxtpl's ``render`` does, in its order, with each part rendered exactly once.

    docxtpl renders the footnotes once per section, each time taking the last
    output as a new template (so content printed in a footnote ran as code the
    second time, unchecked); here every part listed by :func:`_sources` — the
    parts the check inspected — is rendered once, from its source.
    """
    tpl.render_init()
    rendered: dict[int, str] = {}  # a part two relationships share is rendered once
    for source in _sources(tpl.docx):
        if source.kind == "body":
            tree = tpl.fix_tables(_render_part(tpl, env, values, source.text, tpl.docx._part))
            tpl.fix_docpr_ids(tree)
            _map_body(tpl, tree)
        elif source.kind == "headers-footers":
            key = id(source.target.target_part)
            if key not in rendered:
                rendered[key] = _render_part(tpl, env, values, source.text, source.target.target_part)
            xml = rendered[key]
            tpl.map_headers_footers_xml(source.target.rId, xml.encode(tpl.get_headers_footers_encoding(xml)))
        elif source.kind == "footnotes":
            source.target._blob = _render_part(tpl, env, values, source.text, source.target).encode("utf-8")
        else:
            text = functools.partial(str, source.text)
            template = sandbox.compiled(env, cache_key("property", source.text), text)
            rendered_text = template.render(values)
            setattr(tpl.docx.core_properties, source.target, rendered_text)
    tpl.is_rendered = True


def _runaway(template: Path, exc: sandbox.Runaway) -> Problem:
    if exc.what == "loop rounds":
        return Problem(template, None, None, "template_loops", {"limit": exc.limit})
    return Problem(
        template,
        None,
        None,
        "template_output",
        {"limit": exc.limit, "env": env_name("template_output_chars")},
    )


# --------------------------------------------------------------------------- template check

REQUIRED_VARIABLES = {
    "kop": "kop (letterhead)",
    "judul": "judul (title block)",
    "pembuka": "pembuka (opening)",
    "konsiderans": "konsiderans (Menimbang, Mengingat)",
    "memutuskan": "memutuskan (MEMUTUSKAN)",
    "diktum": "diktum (Menetapkan, KESATU, ...)",
    "penetapan": "penetapan (Ditetapkan di, Pada tanggal)",
    "ttd": "ttd (signature)",
    "tembusan_judul": "tembusan_judul (Tembusan heading)",
    "tembusan": "tembusan",
    "paraf_judul": "paraf_judul (paraf koordinasi heading)",
    "paraf": "paraf (paraf koordinasi table)",
    "lampiran": "lampiran",
}
REQUIRED_STYLES = (
    "Kop Garis",
    "Kop Alamat",
    "Tabel Kepala",
    "Tabel Nomor Kolom",
    "Tabel Isi",
    "Tabel Butir",
    "Nomor Halaman",
    "Catatan TTE",
)
"""Styles the build sets sizes and borders through, or writes page furniture in."""
REQUIRED_TABLES = ("kop", "ttd", "paraf-hierarki", "paraf-koordinasi", "kepala-lampiran", "isi-lampiran")
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_OPEN = re.compile(r"\{\{|\{%|\{#")


_CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
"""Core properties docxtpl renders as templates too."""
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class TemplateRejected(ContentError):
    """A template with errors (unsafe, broken or incomplete): nothing is rendered from it."""


@dataclass(frozen=True)
class _Checked:
    """A template's problems (located at no file yet) and its number of loops."""

    problems: tuple[Problem, ...]
    loops: int


_CHECKED: dict[str, _Checked] = {}


@dataclass(frozen=True)
class _Source:
    """One thing docxtpl renders: its name in messages, its text, what it is and where it goes."""

    part: str
    text: str
    kind: str  # "body", "headers-footers", "footnotes" or "property"
    target: Any = None  # the relationship, footnotes part or property name

    @property
    def patched(self) -> bool:
        """Whether docxtpl's patch_xml prepares it (all but the core properties)."""
        return self.kind != "property"


def _sources(document: DocxDocument) -> list[_Source]:
    """Everything a render renders, each exactly once, in docxtpl's order: the body, headers,
    then footers, the core properties docxtpl treats as templates, and footnotes parts.

    The check inspects these texts and the render renders these texts: what
    passed the check is what runs.
    """
    from docx.opc.oxml import parse_xml  # the parser docxtpl reads headers and footers with

    tpl = DocxTemplate(io.BytesIO())  # xml_to_string needs no document
    sources = [
        _Source(str(document.part.partname).lstrip("/"), tpl.xml_to_string(document.element.body), "body")
    ]
    for uri in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
        for rel in list(document.part.rels.values()):
            if rel.reltype == uri and not rel.is_external and rel.target_part.blob:
                part = rel.target_part
                text = tpl.xml_to_string(parse_xml(part.blob))
                sources.append(_Source(str(part.partname).lstrip("/"), text, "headers-footers", rel))
    for name in _CORE_PROPERTIES:
        text = getattr(document.core_properties, name) or ""
        sources.append(_Source(f"docProps/core.xml {name}", text, "property", name))
    for part in document.part.package.iter_parts():  # each part once, however many sections
        if part.content_type == _FOOTNOTES:
            blob = part.blob
            text = blob.decode("utf-8") if isinstance(blob, bytes) else blob
            sources.append(_Source(str(part.partname).lstrip("/"), text, "footnotes", part))
    return sources


def _prepared(xml: str) -> str:
    """The Jinja text docxtpl renders from a part's XML (its patch_xml, then a line per paragraph)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", DocxTemplate(io.BytesIO()).patch_xml(xml))


def _distances(text: str, pairs: Sequence[tuple[str, str]]) -> int:
    """For each match of an opening pattern, the distance to the next match of its closing
    pattern, or to the end of ``text`` without one; summed."""
    total = 0
    for opener, closer in pairs:
        closes = [m.start() for m in re.finditer(closer, text)]
        for m in re.finditer(opener, text):
            at = bisect.bisect_left(closes, m.start())
            total += (closes[at] if at < len(closes) else len(text)) - m.start()
    return total


def _tangle(text: str) -> int:
    """How far the lazy scans of docxtpl's patch_xml (and of the split-tag check) would run:
    for each opening {{, {% or {#, the distance to its closing, or to the end without one.

    Those scans are quadratic on openings without closings (80 KB of '{%p ' took 15 s);
    a template whose total is far above its length is refused before they run.
    """
    return _distances(text, [("(?={{)", "(?=}})"), ("(?={%)", "(?=%})"), ("(?={#)", "(?=#})")])


def _docxtpl_tags(xml: str) -> str:
    """A part's XML after the first two steps of docxtpl's patch_xml (its own expressions), which
    join a tag split over runs: what its later, slower expressions then search."""
    xml = re.sub(r"(?<={)(<[^>]*>)+(?=[\{%\#])|(?<=[%\}\#])(<[^>]*>)+(?=\})", "", xml, flags=re.DOTALL)

    def striptags(m: re.Match[str]) -> str:
        return re.sub("</w:t>.*?(<w:t>|<w:t [^>]*>)", "", m.group(0), flags=re.DOTALL)

    return re.sub(r"{%(?:(?!%}).)*|{#(?:(?!#}).)*|{{(?:(?!}}).)*", striptags, xml, flags=re.DOTALL)


_CELL_DIRECTIVE = re.compile(r"\{%\s*(colspan|cellbg)")
"""docxtpl's cell tags, not in the template context: its expression for them backtracks for
minutes over an unclosed one followed by spaces (8,000 spaces: 132 s), so they are refused
before it runs."""
_ELEMENT_TAGS = [(rf"(?:{{%|{{{{|{{#){y} ", f"</w:{y}>") for y in ("tr", "tc", "p", "r")]
"""docxtpl's {%tr ...%}, {%p ...%} ...: each is searched up to the end of its row, cell,
paragraph or run, and to the end of the part when it is outside one (48 KB of '{%tr if 1 %}'
after the last table took 0.56 s, 2 MB would take a quarter of an hour)."""


def _unsafe_for_docxtpl(text: str, part: str) -> list[Problem]:
    """What would make docxtpl's patch_xml run for minutes on this part's XML (it is never run
    then): tags tangled (see :func:`_tangle`), a cell tag, or tags far from their element's end."""
    bound = 20 * len(text) + 100_000
    if _tangle(text) > bound:
        return [Problem(None, None, None, "template_too_complex", {"part": part})]
    joined = _docxtpl_tags(text)
    directives = sorted({m.group(1) for m in _CELL_DIRECTIVE.finditer(joined)})
    if directives:
        return [
            Problem(None, None, None, "template_statement", {"name": d, "part": part}) for d in directives
        ]
    # docxtpl gives each {{r }} a run of its own before it searches for the end of its run
    split = re.sub(
        r"({{r\s.*?}}|{%r\s.*?%})", r"</w:t></w:r><w:r><w:t>\1</w:t></w:r><w:r><w:t>", joined, flags=re.DOTALL
    )
    if _distances(split, _ELEMENT_TAGS) > bound:
        return [Problem(None, None, None, "template_too_complex", {"part": part})]
    return []


def _tag_problems(body: Any) -> list[Problem]:
    """Tags split across runs (what editing in Word does) and tags left open, by paragraph."""
    problems = []
    for number, p in enumerate(body.iter(f"{_W}p"), 1):
        pieces = [(t.text or "") for t in p.iter(f"{_W}t")]
        text = "".join(pieces)
        bounds, start = [], 0
        for piece in pieces:
            bounds.append((start, start + len(piece)))
            start += len(piece)
        covered = 0
        ends = [b for _, b in bounds]
        for match in _TAG.finditer(text):
            # the runs a tag overlaps: from the first ending after its start to the first ending
            # at or after its end (by bisection: 60,000 runs in one paragraph, each holding a
            # tag, took 191 s when every run was tried for every tag)
            first = bisect.bisect_right(ends, match.start())
            count = bisect.bisect_left(ends, match.end(), first) - first + 1
            if count > 1:
                params = {"tag": match.group(0), "paragraph": number, "count": count}
                problems.append(Problem(None, None, None, "tag_split", params))
            covered = match.end()
        rest = _OPEN.search(text, covered)
        if rest:
            params = {"paragraph": number, "text": text[rest.start() : rest.start() + 40]}
            problems.append(Problem(None, None, None, "tag_unclosed", params))
    return problems


_UNREADABLE = {
    "docx_not_zip": "not a zip package",
    "docx_truncated": "the zip package is incomplete or damaged",
    "docx_ole": "an old .doc or a password-protected document",
    "docx_no_document": "no word/document.xml",
}


def _as_template(problems: list[Problem]) -> list[Problem]:
    """A template that is no DOCX at all is 'template_unreadable' (what to do: save it as .docx)."""
    return [
        replace(p, code="template_unreadable", params={"detail": _UNREADABLE[p.code]})
        if p.code in _UNREADABLE
        else p
        for p in problems
    ]


def _check(data: bytes) -> _Checked:
    """Everything wrong with a template's bytes; see :func:`template_problems`."""
    from docx import Document

    def problem(code: str, **params: Any) -> Problem:
        return Problem(None, None, None, code, params)

    try:
        package = docxsafe.Package(data)
        package.main_part()  # the part Word shows, found as Word finds it
        package.check_parts()  # python-docx parses XML parts: every part is checked first
    except docxsafe.DocxError as exc:
        return _Checked(tuple(_as_template(exc.problems)), 0)
    try:
        document = Document(io.BytesIO(data))
        sources = _sources(document)
    except Exception as exc:  # a package python-docx refuses, whatever it says
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return _Checked((problem("template_unreadable", detail=detail),), 0)
    size = sum(len(source.text) for source in sources)
    if size > limit("template_chars"):
        # the shipped template has 15,000 characters; checking 2,000,000 takes about a second
        return _Checked((problem("template_too_big", size=size, limit=limit("template_chars")),), 0)
    unsafe = [
        p for source in sources if source.patched for p in _unsafe_for_docxtpl(source.text, source.part)
    ]
    if unsafe:
        return _Checked(tuple(unsafe), 0)
    tags = sum(source.text.count(opener) for source in sources for opener in ("{{", "{%", "{#"))
    if tags > limit("template_tags"):
        # parsed at 100,000 tags a second: a template of 50,000 loops took 3 s to refuse
        params = {"count": tags, "limit": limit("template_tags"), "env": env_name("template_tags")}
        return _Checked((problem("template_too_many_tags", **params),), 0)
    problems = _tag_problems(document.element.body)
    names: set[str] = set()
    loops, broken = 0, False
    for source in sources:
        part = source.part
        found = sandbox.inspect(_prepared(source.text) if source.patched else source.text, part)
        loops += found.loops
        names |= found.names
        problems += [problem(f.code, **f.params) for f in found.findings]
        broken = broken or any(f.code in ("template_syntax", "template_too_complex") for f in found.findings)
    if broken:
        return _Checked(tuple(problems), loops)
    for name, what in REQUIRED_VARIABLES.items():
        if name not in names:
            problems.append(problem("tag_missing", name=name, what=what))
    styles = {s.name for s in document.styles}
    for name in REQUIRED_STYLES:
        if name not in styles:
            problems.append(problem("style_missing", name=name))
    captions = {_caption(tbl) for tbl in document.element.body.iter(f"{_W}tbl")}
    for name in REQUIRED_TABLES:
        if name not in captions:
            problems.append(problem("table_missing", name=name))
    return _Checked(tuple(problems), loops)


def _checked(data: bytes) -> _Checked:
    """:func:`_check`, remembered in this process and, for a template without problems, in the
    per-user cache (:mod:`keputusan.cache`), keyed by the template's bytes, the checking code
    and every size limit (a limit lowered since makes a new key)."""
    from . import cache

    key = cache_key("check", data, sorted((name, limit(name)) for name in LIMITS))
    if key not in _CHECKED:
        if len(_CHECKED) >= 32:
            _CHECKED.clear()
        stored = cache.get("check", key)
        if stored is not None and stored.isdigit() and len(stored) <= 6:  # a template's loops, no more
            _CHECKED[key] = _Checked((), int(stored))
        else:
            _CHECKED[key] = checked = _check(data)
            if not checked.problems:
                cache.put("check", key, str(checked.loops).encode())
    return _CHECKED[key]


def cache_key(*parts: object) -> str:
    """A :mod:`keputusan.cache` key for what is computed from ``parts`` by this module (its
    checks, its preparing of XML for Jinja) and the libraries it uses."""
    from . import cache

    return cache.key(_code_fingerprint(), *parts)


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    import docx
    import docxtpl

    from . import cache, limits

    here = Path(__file__).parent
    return cache.fingerprint(
        Path(__file__),
        here / "docxsafe.py",
        here / "sandbox.py",
        here / "fsutil.py",
        Path(limits.__file__),
        cache.package_stamp(docxtpl),
        cache.package_stamp(docx),
        etree.LXML_VERSION,
    )


def template_problems(path: Path) -> list[Problem]:
    """What an edited template lacks, breaks or must not do, each located at ``path``.

    Errors: not a readable DOCX (checked as hostile input, see :mod:`docxsafe`),
    split or unclosed tags, Jinja syntax, anything outside the documented
    template context (:mod:`sandbox`: unknown names, ``_`` attributes, calls,
    filters, statements), and missing tags, styles or tables. The result is
    cached by the template's content hash.
    """
    try:
        data = docxsafe.read_file(path)
    except docxsafe.DocxError as exc:
        return _as_template(exc.problems)
    return [replace(p, path=path) for p in _checked(data).problems]


check_template = template_problems  # the name `keputusan template check` has always called


def require_template(path: Path) -> bytes:
    """The template's bytes, when it has no errors; else :class:`TemplateRejected` listing them.

    ``build --template`` calls this once before building anything.
    """
    try:
        data = docxsafe.read_file(path)
    except docxsafe.DocxError as exc:
        raise TemplateRejected(_as_template(exc.problems)) from None
    problems = [replace(p, path=path) for p in _checked(data).problems]
    if any(p.severity == "error" for p in problems):
        raise TemplateRejected(problems)
    return data


# --------------------------------------------------------------------------- page furniture

_WATERMARK = (
    "<w:p {ns}>"
    '<w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:pict>'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"'
    ' path="m@7,l@8,m@5,21600l@6,21600e">'
    '<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
    '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>'
    '<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/>'
    '<v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"'
    ' o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="KeputusanDraft{n}" o:spid="_x0000_s102{n}" type="#_x0000_t136"'
    ' style="position:absolute;margin-left:0;margin-top:0;width:420pt;height:140pt;rotation:315;'
    "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f"'
    ' fillcolor="#d0d0d0" stroked="f"><v:fill opacity=".5"/>'
    '<v:textpath style="font-family:{font};font-size:1pt" string={text}/></v:shape>'
    "</w:pict></w:r></w:p>"
)


_VML_NAMESPACES = f'{nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'


def _watermark(parts: Layout, n: int) -> Any:
    xml = (
        _WATERMARK.replace("{ns}", _VML_NAMESPACES)
        .replace("{n}", str(n))
        .replace("{font}", escape(f'"{parts.fonts.family}"', {'"': "&quot;"}))
        .replace("{text}", quoteattr(parts.furniture.watermark))
    )
    return parse_xml(xml)


def _paragraph(style_id: str, runs: str) -> Any:
    return parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{runs}</w:p>')


def _page_number(style_id: str, number_format: str) -> Any:
    """'- {n} -' as the text around a PAGE field (a format without {n}: the number after it)."""
    before, found, after = number_format.partition("{n}")
    if not found:
        before = f"{number_format} " if number_format else ""

    def text(value: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{escape(value)}</w:t></w:r>' if value else ""

    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return _paragraph(style_id, text(before) + field + text(after))


def apply_furniture(document: DocxDocument, parts: Layout, revisions: Optional[Revisions] = None) -> None:
    """Page numbers, the TTE footer and the draft watermark, in the first section's header and
    footer, which the lampiran sections inherit (so their pages continue the count).

    Page numbers go in the header ("atas") or the footer ("bawah"); unless the layout asks for
    one on the first page, that page has a header and footer of its own (w:titlePg) with the
    watermark and the footer but no number."""
    furniture = parts.furniture
    numbers = furniture.page_numbers
    footer_runs = _runs_xml(furniture.footer, revisions)  # in a redline, the TTE footer's change tracked
    if not (furniture.watermark or numbers is not None or footer_runs):
        return
    ids = {s.name: s.style_id for s in document.styles}
    number_style = ids.get("Nomor Halaman", "Header")
    footer_style = ids.get("Catatan TTE", "Footer")
    first = document.sections[0]
    title_page = numbers is not None and not numbers.first_page
    first.different_first_page_header_footer = title_page
    pages = [(first.header, first.footer, True)]
    if title_page:
        pages.append((first.first_page_header, first.first_page_footer, False))
    for index, (header, footer, numbered) in enumerate(pages):
        for part, position in ((header, "atas"), (footer, "bawah")):
            part.is_linked_to_previous = False
            element = part._element
            for child in list(element):
                element.remove(child)
            if numbered and numbers is not None and numbers.position == position:
                element.append(_page_number(number_style, numbers.format))
            if position == "atas" and furniture.watermark:
                element.append(_watermark(parts, index + 5))
            if position == "bawah" and footer_runs:
                element.append(_paragraph(footer_style, footer_runs))
            if len(element) == 0:  # a header or footer holds at least one paragraph
                element.append(
                    _paragraph(ids.get("Header" if position == "atas" else "Footer", "Normal"), "")
                )
    for section in document.sections[1:]:
        section.different_first_page_header_footer = False
        section.header.is_linked_to_previous = True
        section.footer.is_linked_to_previous = True


# --------------------------------------------------------------------------- redline marks


def _has_words(run: Any) -> bool:
    return any(ch.isalnum() for t in run.iter(qn("w:t")) for ch in (t.text or ""))


def _has_content(run: Any) -> bool:
    return any(
        (el.tag in (qn("w:t"), qn("w:delText")) and el.text)
        or el.tag in (qn("w:tab"), qn("w:br"), qn("w:drawing"))
        for el in run.iter()
    )


_TRACKED = {"w:ins": "ins", "w:del": "del", "w:moveTo": "ins", "w:moveFrom": "del"}
_TRACKED_QN = {qn(tag): kind for tag, kind in _TRACKED.items()}
_MOVES = (qn("w:moveFrom"), qn("w:moveTo"))


def _join_adjacent_revisions(p: Any) -> None:
    """One w:ins (w:del, or one move's w:moveFrom/w:moveTo) for each stretch of runs, not one per run."""
    previous = None
    for child in list(p):
        if child.tag not in _TRACKED_QN:
            if child.tag != qn("w:r") or _has_content(child):
                previous = None
            continue
        if (
            previous is not None
            and previous.tag == child.tag
            and previous.get(qn("w:name")) == child.get(qn("w:name"))
        ):
            for run in list(child):
                previous.append(run)
            p.remove(child)
        else:
            previous = child


def _revision(tag: str, revisions: Revisions) -> Any:
    element = OxmlElement(tag)
    revisions.next_id += 1
    element.set(qn("w:id"), str(revisions.next_id))
    element.set(qn("w:author"), revisions.author)
    element.set(qn("w:date"), revisions.date)
    return element


def _paragraph_revision(p: Any) -> Optional[tuple[str, str]]:
    """(kind, move) when the paragraph as a whole was inserted, deleted or moved: every run with
    words in it tracked, all one way; a paragraph with any words moved here was moved here
    (words changed on the way may be inserted or deleted in it)."""
    children = [c for c in p if c.tag != qn("w:pPr")]
    if any(c.tag == qn("w:r") and _has_words(c) for c in children):
        return None
    tracked = [c for c in children if c.tag in _TRACKED_QN]
    moved_here = [c for c in tracked if c.tag == qn("w:moveTo")]
    if moved_here:
        return "ins", moved_here[0].get(qn("w:name")) or ""
    kinds = {_TRACKED_QN[c.tag] for c in tracked}
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    names = {c.get(qn("w:name")) for c in tracked if c.tag in _MOVES}
    moved_only = all(c.tag in _MOVES for c in tracked) and len(names) == 1
    return kind, (names.pop() or "") if moved_only else ""


def _mark_paragraph(p: Any, kind: str, move: str, revisions: Revisions) -> None:
    """A whole paragraph tracked: its template runs (tabs, colons) and its mark too, so that
    rejecting (accepting) the change removes the paragraph rather than leaving it empty."""
    if move:
        tag = "w:moveTo" if kind == "ins" else "w:moveFrom"
    else:
        tag = "w:ins" if kind == "ins" else "w:del"
    for run in [c for c in p if c.tag == qn("w:r")]:
        if not _has_content(run):
            p.remove(run)  # an empty run left where a tag stood
            continue
        wrapper = _revision(tag, revisions)
        if move:
            wrapper.set(qn("w:name"), move)
        run.addprevious(wrapper)
        wrapper.append(run)
    if kind == "del":
        for t in p.iter(qn("w:t")):
            t.tag = qn("w:delText")
    p_pr = p.get_or_add_pPr()
    r_pr = p_pr.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        following = [p_pr.find(qn(t)) for t in ("w:sectPr", "w:pPrChange")]
        anchor = next((f for f in following if f is not None), None)
        (anchor.addprevious(r_pr) if anchor is not None else p_pr.append(r_pr))
    for old in [c for c in r_pr if c.tag in _TRACKED_QN]:
        r_pr.remove(old)
    r_pr.insert(0, _revision(tag, revisions))


def _mark_row(tr: Any, kind: str, revisions: Revisions) -> None:
    tr_pr = tr.find(qn("w:trPr"))
    if tr_pr is None:
        tr_pr = OxmlElement("w:trPr")
        tr.insert(0 if tr.find(qn("w:tblPrEx")) is None else 1, tr_pr)
    for old in [c for c in tr_pr if c.tag in (qn("w:ins"), qn("w:del"))]:
        tr_pr.remove(old)
    tr_pr.append(_revision("w:ins" if kind == "ins" else "w:del", revisions))


def _move_ranges(body: Any, revisions: Revisions) -> None:
    """Word pairs a move's two halves through named ranges around them: w:moveFromRangeStart /
    End around what was moved away and w:moveToRangeStart / End around where it went."""
    spans: dict[tuple[str, str], list[Any]] = {}
    for element in body.iter(*_MOVES):
        name = element.get(qn("w:name"))
        if element.getparent().tag == qn("w:rPr"):  # a paragraph mark: its paragraph's runs hold the range
            continue
        if name:
            spans.setdefault((element.tag, name), []).append(element)
    for (tag, name), elements in spans.items():
        kind = "moveFrom" if tag == qn("w:moveFrom") else "moveTo"
        start = _revision(f"w:{kind}RangeStart", revisions)
        start.set(qn("w:name"), name)
        end = OxmlElement(f"w:{kind}RangeEnd")
        end.set(qn("w:id"), start.get(qn("w:id")))
        elements[0].addprevious(start)
        elements[-1].addnext(end)
    for element in body.iter(*_MOVES):
        element.attrib.pop(qn("w:name"), None)


def _sections(body: Any) -> list[list[Any]]:
    """The body's children, section by section (a section ends with the paragraph holding its
    w:sectPr; the last one with the body's)."""
    out: list[list[Any]] = [[]]
    for child in body:
        if child.tag == qn("w:sectPr"):
            continue
        out[-1].append(child)
        if child.tag == qn("w:p") and child.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None:
            out.append([])
    return out


def _section_props(sect_pr: Any) -> list[Any]:
    """A section's page properties, without its header and footer references (which a tracked
    section property change does not hold)."""
    skip = (qn("w:headerReference"), qn("w:footerReference"), qn("w:sectPrChange"))
    return [deepcopy(c) for c in sect_pr if c.tag not in skip]


def _set_section_props(sect_pr: Any, props: Sequence[Any]) -> None:
    keep = (qn("w:headerReference"), qn("w:footerReference"))
    for child in [c for c in sect_pr if c.tag not in keep]:
        sect_pr.remove(child)
    for child in props:
        sect_pr.append(deepcopy(child))


def _track_section_props(sect_pr: Any, old: Sequence[Any], revisions: Revisions) -> None:
    if sect_pr.find(qn("w:sectPrChange")) is not None:  # tracked once: the old paper
        return
    change = _revision("w:sectPrChange", revisions)
    inner = OxmlElement("w:sectPr")
    for child in old:
        inner.append(deepcopy(child))
    change.append(inner)
    sect_pr.append(change)


def _mark_section(children: Sequence[Any], kind: str, revisions: Revisions) -> None:
    for child in children:
        paragraphs = [child] if child.tag == qn("w:p") else list(child.iter(qn("w:p")))
        for p in paragraphs:
            _mark_paragraph(p, kind, "", revisions)
            _join_adjacent_revisions(p)
        for tr in child.iter(qn("w:tr")):
            _mark_row(tr, kind, revisions)


def _mark_sections(document: DocxDocument, revs: Sequence[Optional[str]], revisions: Revisions) -> None:
    """Lampiran added or removed as whole sections, exact both ways in Word and LibreOffice.

    Every paragraph and row of such a lampiran is marked, but not its own section break: the
    break *before* it carries its mark instead. Rejecting an added lampiran (accepting a removed
    one) then joins that break with the lampiran's own, two empty paragraphs, which LibreOffice
    can join (it cannot join a paragraph into the next lampiran's heading table). Each break
    that stays then ends whatever precedes it: its properties are those of the last section
    before it that survives accepting, with a w:sectPrChange holding those of the last that
    survives rejecting, when they differ (Word keeps the later paragraph's properties when two
    join). The document gets an empty last paragraph, so that the last break has one to join."""
    body = document.element.body
    sections = _sections(body)
    kinds: list[Optional[str]] = [None, *revs][: len(sections)]
    kinds += [None] * (len(sections) - len(kinds))
    breaks = [children[-1] for children in sections[:-1]]  # paragraphs holding a w:sectPr
    final = body.find(qn("w:sectPr"))
    holders = [b.find(qn("w:pPr") + "/" + qn("w:sectPr")) for b in breaks] + [final]
    props = [_section_props(h) for h in holders]
    # The lampiran sections inherit the first section's headers and footers (page numbers, the TTE
    # footer, the watermark); a break that goes takes its references along, so every section
    # names them itself.
    references = [c for c in holders[0] if c.tag in (qn("w:headerReference"), qn("w:footerReference"))]
    for holder in holders[1:]:
        if not any(c.tag in (qn("w:headerReference"), qn("w:footerReference")) for c in holder):
            for index, reference in enumerate(references):
                holder.insert(index, deepcopy(reference))
    for index, (children, kind) in enumerate(zip(sections, kinds, strict=True)):
        if kind is not None:
            own = children[:-1] if index < len(breaks) else children
            _mark_section(own, kind, revisions)
    for index, holder in enumerate(holders):
        if index < len(breaks) and kinds[index + 1] is not None:
            _mark_paragraph(breaks[index], kinds[index + 1], "", revisions)  # type: ignore[arg-type]
        accepted = max(j for j in range(index + 1) if kinds[j] != "del")
        rejected = max(j for j in range(index + 1) if kinds[j] != "ins")
        if accepted != index:
            _set_section_props(holder, props[accepted])
        if rejected != accepted:
            _track_section_props(holder, props[rejected], revisions)
    last = [c for c in body if c.tag != qn("w:sectPr")][-1]
    if last.tag != qn("w:p"):
        paragraph = OxmlElement("w:p")
        (final.addprevious(paragraph) if final is not None else body.append(paragraph))


def apply_revision_marks(
    document: DocxDocument, revisions: Revisions, lampiran: Sequence[LampiranLayout] = ()
) -> None:
    """Mark whole paragraphs, table rows and sections as inserted, deleted or moved.

    A paragraph whose every word was inserted (deleted, moved) was itself inserted: its mark
    and the template's tabs and colons around the words are tracked too. Rows of the data
    tables carry their mark from the layout (``ROW_REV``); in other tables a row whose every
    paragraph was inserted (deleted) is an inserted (deleted) row. ``lampiran`` holds each
    lampiran's own mark (added or removed as a whole), see :func:`_mark_sections`.
    """
    body = document.element.body
    marked: dict[Any, str] = {}
    for p in body.iter(qn("w:p")):
        found = _paragraph_revision(p)
        if found is not None:
            _mark_paragraph(p, found[0], found[1], revisions)
            marked[p] = found[0]
    for p in body.iter(qn("w:p")):
        _join_adjacent_revisions(p)
    for tr in body.iter(qn("w:tr")):
        planned = tr.get(ROW_REV)
        if planned is not None:
            del tr.attrib[ROW_REV]
            if planned:
                _mark_row(tr, planned, revisions)
            continue
        worded = [
            p for p in tr.iter(qn("w:p")) if p in marked or any(_has_words(r) for r in p.iter(qn("w:r")))
        ]
        kinds = {marked.get(p) for p in worded}
        if len(kinds) == 1 and None not in kinds:
            _mark_row(tr, kinds.pop(), revisions)  # type: ignore[arg-type]
    for index, lamp in enumerate(lampiran, 1):
        if lamp.was is not None and index < len(document.sections):  # its paper changed
            sect_pr = document.sections[index]._sectPr
            before = Section(deepcopy(sect_pr), document.part)
            _set_paper(before, lamp.was)
            _track_section_props(sect_pr, _section_props(before._sectPr), revisions)
    if any(lamp.rev for lamp in lampiran):
        _mark_sections(document, [lamp.rev for lamp in lampiran], revisions)
    _move_ranges(body, revisions)
    _alternate_dates(body, revisions)


_REVISION_TAGS = tuple(
    qn(t) for t in ("w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:moveFromRangeStart", "w:moveToRangeStart")
)


def _alternate_dates(body: Any, revisions: Revisions) -> None:
    """Every other paragraph's changes two minutes later. LibreOffice joins an insertion that
    ends one paragraph and one that starts the next into a single change when the author is
    the same and the dates are at most a minute apart (its deltaOneMinute), and rejecting that
    change then joins the two paragraphs ("Pada tanggal : 22 September 2023" run into "Plt.
    KEPALA ..."); two minutes apart keeps them apart."""
    try:
        later = dt.datetime.strptime(revisions.date, "%Y-%m-%dT%H:%M:%SZ") + dt.timedelta(minutes=2)
    except ValueError:
        return
    stamp = later.strftime("%Y-%m-%dT%H:%M:%SZ")
    for index, p in enumerate(body.iter(qn("w:p"))):
        if index % 2:
            for element in p.iter(*_REVISION_TAGS):
                if element.get(qn("w:date")) == revisions.date:
                    element.set(qn("w:date"), stamp)
