"""A decree as DOCX, through the docxtpl template (the only module that touches docxtpl).

Rendering has three stages, after the template is checked (:func:`template_problems`:
read as hostile input by :mod:`docxsafe`, its tags held to the documented context by
:mod:`sandbox`) and refused if it has errors:

1. :func:`context` turns the decree into the template's variables, plus a
   :class:`TablePlan` per lampiran table (widths, merged cells);
2. docxtpl renders the template in the Jinja sandbox (autoescaped: content is
   data, never code; the template is data too), each part exactly once, from
   the text the check inspected (:func:`_render_template`);
3. the profile and the plans are applied with python-docx: paper, margins,
   orientation per section, fonts, column widths and merged cells; then the
   package is written deterministically (fixed zip order and dates, no rsids).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import io
import re
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate, InlineImage
from docxtpl import RichText as DocxRichText
from lxml import etree

from . import docxsafe, sandbox
from .decree import Decree
from .errors import ContentError, Problem
from .layout import Layout, Para, TableLayout, layout, line
from .limits import env_name, limit
from .richtext import Break, Inline


def _default_template() -> Path:
    """templates/keputusan.docx of the checkout, or the copy a regular install puts in share/."""
    checkout = Path(__file__).resolve().parent.parent / "templates" / "keputusan.docx"
    installed = Path(sys.prefix) / "share" / "keputusan" / "templates" / "keputusan.docx"
    return checkout if checkout.exists() or not installed.exists() else installed


TEMPLATE = _default_template()
EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
WATERMARK = "DRAFT"


@dataclass
class TablePlan:
    """What docxtpl cannot express: relative column widths and merged cells."""

    widths: list[float]
    header_rows: int
    # per data row, per rendered cell: (grid columns spanned, "restart" / "continue" / None)
    cells: list[list[tuple[int, Optional[str]]]] = field(default_factory=list)


# --------------------------------------------------------------------------- context


@dataclass
class Revisions:
    """Author and date of tracked changes, and the running w:id every change needs."""

    author: str
    date: str  # ISO 8601
    next_id: int = 1

    def wrap(self, kind: str, xml: str) -> str:
        tag = "w:ins" if kind == "ins" else "w:del"
        self.next_id += 1
        return f'<{tag} w:id="{self.next_id}" w:author="{escape(self.author)}" w:date="{self.date}">{xml}</{tag}>'


def _rich(runs: Sequence[Inline], revisions: Optional[Revisions] = None) -> DocxRichText:
    """Runs as WordprocessingML; in a redline, inserted runs in w:ins, deleted ones in w:del."""
    rt = DocxRichText()
    for inline in runs:
        rev = getattr(inline, "rev", None)
        if isinstance(inline, Break):
            xml = "<w:r><w:br/></w:r>"
        else:
            props = ("<w:b/>" if inline.bold else "") + ("<w:i/>" if inline.italic else "")
            tag = "w:delText" if rev == "del" else "w:t"
            rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
            xml = f'<w:r>{rpr}<{tag} xml:space="preserve">{escape(inline.text)}</{tag}></w:r>'
        if rev and revisions is not None:
            xml = revisions.wrap(rev, xml)
        rt.xml += xml
    return rt


def _para(para: Para, revisions: Optional[Revisions]) -> dict[str, Any]:
    return {
        "kind": para.kind,
        "label": _rich(para.label, revisions),
        "colon": _rich(para.colon, revisions),
        "marker": _rich(para.marker, revisions),
        "rich": _rich(para.runs, revisions),
    }


def _table(table: TableLayout, revisions: Optional[Revisions]) -> tuple[dict[str, Any], TablePlan]:
    plan = TablePlan(list(table.widths), table.header_rows)
    rows = []
    for row in table.rows:
        rows.append([[_para(p, revisions) for p in cell.paras] for cell in row])
        plan.cells.append([(cell.span, cell.merge) for cell in row])
    block = {
        "jenis": "tabel",
        "kolom": [_rich(h, revisions) for h in table.headings],
        "nomor_kolom": [_rich(line(str(n))) for n in range(1, len(table.headings) + 1)]
        if table.column_numbers
        else [],
        "baris": rows,
    }
    return block, plan


def context(
    decree: Decree,
    template: DocxTemplate,
    parts: Optional[Layout] = None,
    revisions: Optional[Revisions] = None,
) -> tuple[dict[str, Any], list[TablePlan]]:
    """The template's variables, and the plan of every lampiran table in document order."""
    profil = decree.profil
    emblem = decree.emblem
    parts = parts or layout(decree)

    def rich(runs: Sequence[Inline]) -> DocxRichText:
        return _rich(runs, revisions)

    kop = {
        "lambang": InlineImage(template, str(emblem), width=Mm(profil.kop.lebar_lambang_mm))
        if emblem
        else "",
        "baris": [DocxRichText(b.teks, size=int(b.ukuran * 2), bold=b.tebal) for b in profil.kop.baris],
        "alamat": [rich(line(a)) for a in profil.kop.alamat],
    }
    plans: list[TablePlan] = []
    lampiran = []
    for lamp in parts.lampiran:
        blocks = []
        for block in lamp.blocks:
            if block.table is None:
                blocks.append({"jenis": "paragraf", "paras": [_para(p, revisions) for p in block.paras]})
                continue
            rendered, plan = _table(block.table, revisions)
            blocks.append(rendered)
            plans.append(plan)
        lampiran.append(
            {
                "kepala": [rich(h) for h in lamp.header],
                "judul": [rich(t) for t in lamp.title],
                "blok": blocks,
                "ttd": lamp.signature,
                "penetapan": [],  # the lampiran's signature repeats the signatory only
            }
        )
    jabatan, nama, *keterangan = parts.signature
    values = {
        "kop": kop,
        "judul": [rich(t) for t in parts.title],
        "pembuka": [rich(t) for t in parts.opening],
        "konsiderans": [_para(p, revisions) for p in parts.konsiderans],
        "diktum": [_para(p, revisions) for p in parts.diktum],
        "penetapan": [{"label": rich(label), "value": rich(value)} for label, value in parts.penetapan],
        "ttd": {"jabatan": rich(jabatan), "nama": rich(nama), "keterangan": [rich(k) for k in keterangan]},
        "tembusan": [rich(t) for t in parts.tembusan],
        "lampiran": lampiran,
    }
    return values, plans


# --------------------------------------------------------------------------- geometry


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _text_width_mm(decree: Decree, landscape: bool) -> float:
    width, height = decree.profil.kertas.size_mm
    margin = decree.profil.kertas.margin_mm
    return (height if landscape else width) - margin.kiri - margin.kanan


def _set(parent: Any, tag: str, **attrs: str) -> Any:
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _tc_pr(tc: Any) -> Any:
    return tc.get_or_add_tcPr()


def _set_tcpr_child(tc: Any, tag: str, **attrs: str) -> None:
    """Add or replace a child of w:tcPr, keeping the schema's order (tcW, gridSpan, vMerge, ...)."""
    order = [
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
    ]
    tc_pr = _tc_pr(tc)
    old = tc_pr.find(qn(tag))
    if old is not None:
        tc_pr.remove(old)
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    rank = order.index(tag)
    for child in tc_pr:
        name = child.tag.replace("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}", "w:")
        if name in order and order.index(name) > rank:
            child.addprevious(element)
            return
    tc_pr.append(element)


def _layout(
    tbl: Any,
    widths_twips: list[int],
    spans: Optional[list[list[tuple[int, Optional[str]]]]] = None,
    first_data_row: int = 0,
) -> None:
    """Fixed layout: grid widths (LibreOffice reads them) and every cell's width (Word does)."""
    tbl_pr = tbl.tblPr
    _set(tbl_pr, "w:tblW", w=str(sum(widths_twips)), type="dxa")
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        look = tbl_pr.find(qn("w:tblLook"))
        (look.addprevious(layout) if look is not None else tbl_pr.append(layout))
    layout.set(qn("w:type"), "fixed")
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for width in widths_twips:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(width))
        grid.append(col)
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):
        plan_row = spans[r - first_data_row] if spans is not None and r >= first_data_row else None
        column = 0
        for c, tc in enumerate(tr.findall(qn("w:tc"))):
            span, merge = plan_row[c] if plan_row is not None and c < len(plan_row) else (1, None)
            width = sum(widths_twips[column : column + span])
            _set_tcpr_child(tc, "w:tcW", w=str(width), type="dxa")
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


def apply_geometry(document: DocxDocument, decree: Decree, plans: list[TablePlan]) -> None:
    kertas = decree.profil.kertas
    width, height = kertas.size_mm
    landscape = [False] + [lamp.orientasi == "lanskap" for lamp in decree.lampiran()]
    for index, section in enumerate(document.sections):
        wide = landscape[index] if index < len(landscape) else False
        section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Mm(height), Mm(width)) if wide else (Mm(width), Mm(height))
        section.left_margin, section.right_margin = Mm(kertas.margin_mm.kiri), Mm(kertas.margin_mm.kanan)
        section.top_margin, section.bottom_margin = Mm(kertas.margin_mm.atas), Mm(kertas.margin_mm.bawah)
        section.header_distance = section.footer_distance = Mm(10)
        section.gutter = 0
    remaining = iter(plans)
    for index, tbl in _body_tables(document):
        text = _text_width_mm(decree, landscape[index] if index < len(landscape) else False)
        name = _caption(tbl)
        if name == "kop":
            emblem = decree.profil.kop.lebar_lambang_mm + 4
            _layout(tbl, [_twips(emblem), _twips(text - emblem)])
            for tc in tbl.iter(qn("w:tc")):
                _set_tcpr_child(tc, "w:vAlign", val="center")
        elif name == "ttd":
            _layout(tbl, [_twips(text / 2), _twips(text / 2)])
        elif name == "kepala-lampiran":
            _layout(tbl, [_twips(min(110.0, text * 0.6))])
        elif name == "isi-lampiran":
            plan = next(remaining)
            total = sum(plan.widths)
            twips = [_twips(text * w / total) for w in plan.widths]
            _layout(tbl, twips, plan.cells, plan.header_rows)
            for tr in tbl.findall(qn("w:tr"))[: plan.header_rows]:
                for tc in tr.findall(qn("w:tc")):
                    _set_tcpr_child(tc, "w:vAlign", val="center")


_BORDERS = {"tunggal": ("single", 12), "ganda": ("double", 6), "tebal-tipis": ("thickThinSmallGap", 24)}


def apply_profile(document: DocxDocument, decree: Decree) -> None:
    """Fonts and the letterhead rule from the agency profile."""
    huruf = decree.profil.huruf
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = huruf.keluarga
    normal.font.size = Pt(huruf.ukuran)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), huruf.keluarga)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attr), huruf.keluarga)
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
                fonts.attrib.pop(qn(attr), None)
    for name in ("Tabel Kepala", "Tabel Isi", "Tabel Isi Tengah", "Tabel Isi Kanan", "Tabel Butir"):
        styles[name].font.size = Pt(huruf.ukuran_tabel)
    styles["Tabel Nomor Kolom"].font.size = Pt(max(huruf.ukuran_tabel - 1, 5))
    styles["Kop Alamat"].font.size = Pt(decree.profil.kop.ukuran_alamat)
    border = styles["Kop Garis"].element.pPr.find(qn("w:pBdr"))
    if border is not None:
        kind = _BORDERS.get(decree.profil.kop.garis)
        if kind is None:
            border.getparent().remove(border)
        else:
            bottom = border.find(qn("w:bottom"))
            bottom.set(qn("w:val"), kind[0])
            bottom.set(qn("w:sz"), str(kind[1]))


def apply_properties(document: DocxDocument, decree: Decree) -> None:
    """Document properties from the decree, never from the clock."""
    props = document.core_properties
    props.title = decree.tentang
    props.subject = decree.content.nomor or "DRAF"
    props.author = decree.profil.nama
    props.last_modified_by = decree.profil.nama
    props.keywords = "; ".join(["Keputusan", decree.profil.nama, decree.content.nomor or "draf"])
    props.comments = ""
    props.category = "Keputusan"
    props.revision = 1
    when = (
        dt.datetime.combine(decree.content.tanggal, dt.time(), dt.timezone.utc)
        if decree.content.tanggal
        else EPOCH
    )
    props.created = props.modified = when.replace(tzinfo=None)


# --------------------------------------------------------------------------- package

_RSID = re.compile(rb'\s+w:rsid\w*="[^"]*"|<w:rsid w:val="[^"]*"/>|<w:rsids>.*?</w:rsids>', re.S)


def normalize_package(data: bytes) -> bytes:
    """Same content, same bytes: fixed entry order, dates and permissions, no rsids."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            content = source.read(name)
            if name.endswith(".xml"):
                content = _RSID.sub(b"", content)
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, content)
    return out.getvalue()


def render(
    decree: Decree,
    template: Path = TEMPLATE,
    parts: Optional[Layout] = None,
    revisions: Optional[Revisions] = None,
) -> bytes:
    """The decree as DOCX bytes; with ``parts`` and ``revisions``, a redline of those parts.

    The template is checked first (:func:`require_template`) and rendered in
    the Jinja sandbox with a budget of loop rounds and output; a template with
    errors, or one that runs over its budget, raises :class:`TemplateRejected`.
    """
    data = require_template(template)
    tpl = DocxTemplate(io.BytesIO(data))
    values, plans = context(decree, tpl, parts, revisions)
    budget = sandbox.budget_for(values, _checked(data).loops, limit("template_output_chars"))
    try:
        _render_template(tpl, values, sandbox.environment(budget))
        document = tpl.docx
        apply_profile(document, decree)
        apply_geometry(document, decree, plans)
        apply_watermark(document, decree)
        if revisions is not None:
            apply_revision_marks(document, revisions)
        apply_properties(document, decree)
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
    xml = env.from_string(_prepared(source)).render(values)
    return str(tpl.resolve_listing(re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)))


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
            rendered_text = env.from_string(source.text).render(values)
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
    "diktum": "diktum (Menetapkan, KESATU, ...)",
    "penetapan": "penetapan (Ditetapkan di, Pada tanggal)",
    "ttd": "ttd (signature)",
    "tembusan": "tembusan",
    "lampiran": "lampiran",
}
REQUIRED_STYLES = (
    "Kop Garis",
    "Kop Alamat",
    "Tabel Kepala",
    "Tabel Nomor Kolom",
    "Tabel Isi",
    "Tabel Isi Tengah",
    "Tabel Isi Kanan",
    "Tabel Butir",
)
REQUIRED_TABLES = ("kop", "ttd", "kepala-lampiran", "isi-lampiran")
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
    key = hashlib.sha256(data).hexdigest()
    if key not in _CHECKED:
        if len(_CHECKED) >= 32:
            _CHECKED.clear()
        _CHECKED[key] = _check(data)
    return _CHECKED[key]


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


# --------------------------------------------------------------------------- draft watermark

_WATERMARK = (
    '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
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
    '<v:shape id="KeputusanDraft" o:spid="_x0000_s1025" type="#_x0000_t136"'
    ' style="position:absolute;margin-left:0;margin-top:0;width:420pt;height:140pt;rotation:315;'
    "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f"'
    ' fillcolor="#d0d0d0" stroked="f"><v:fill opacity=".5"/>'
    '<v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string="{text}"/></v:shape>'
    "</w:pict></w:r></w:p>"
)


def apply_watermark(document: DocxDocument, decree: Decree) -> None:
    """A draft carries DRAFT across every page: a watermark in the first section's header,
    which the lampiran sections inherit."""
    if not decree.is_draft:
        return
    from docx.oxml import parse_xml

    header = document.sections[0].header
    header.is_linked_to_previous = False
    xml = _WATERMARK.replace("{font}", decree.profil.huruf.keluarga).replace("{text}", WATERMARK)
    header._element.append(parse_xml(xml))
    for section in document.sections[1:]:
        section.header.is_linked_to_previous = True


# --------------------------------------------------------------------------- redline marks


def _has_words(run: Any) -> bool:
    return any(ch.isalnum() for t in run.iter(qn("w:t")) for ch in (t.text or ""))


def _has_content(run: Any) -> bool:
    return any(
        (el.tag in (qn("w:t"), qn("w:delText")) and el.text)
        or el.tag in (qn("w:tab"), qn("w:br"), qn("w:drawing"))
        for el in run.iter()
    )


def _join_adjacent_revisions(p: Any) -> None:
    """One w:ins (w:del) for each stretch of inserted (deleted) runs, not one per run."""
    previous = None
    for child in list(p):
        if child.tag not in (qn("w:ins"), qn("w:del")):
            if child.tag != qn("w:r") or _has_content(child):
                previous = None
            continue
        if previous is not None and previous.tag == child.tag:
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


def _paragraph_revision(p: Any) -> Optional[str]:
    """'ins' or 'del' when everything with words in the paragraph was inserted (deleted)."""
    children = [c for c in p if c.tag != qn("w:pPr")]
    inserted = any(c.tag == qn("w:ins") for c in children)
    deleted = any(c.tag == qn("w:del") for c in children)
    worded_plain = any(c.tag == qn("w:r") and _has_words(c) for c in children)
    if worded_plain or inserted == deleted:
        return None
    return "ins" if inserted else "del"


def apply_revision_marks(document: DocxDocument, revisions: Revisions) -> None:
    """Mark whole paragraphs and table rows as inserted or deleted.

    A paragraph whose every word was inserted was itself inserted: its mark
    (and the template's tabs and colons around the words) are tracked too, so
    that rejecting the change removes the paragraph rather than leaving it
    empty. A table row whose every paragraph was inserted (deleted) is an
    inserted (deleted) row.
    """
    body = document.element.body
    marked: dict[Any, str] = {}
    for p in body.iter(qn("w:p")):
        kind = _paragraph_revision(p)
        if kind is None:
            continue
        tag = "w:ins" if kind == "ins" else "w:del"
        for run in [c for c in p if c.tag == qn("w:r")]:
            if not _has_content(run):
                p.remove(run)  # an empty run left where a tag stood
                continue
            wrapper = _revision(tag, revisions)
            run.addprevious(wrapper)
            wrapper.append(run)
            if kind == "del":
                for t in run.iter(qn("w:t")):
                    t.tag = qn("w:delText")
        p_pr = p.get_or_add_pPr()
        r_pr = p_pr.find(qn("w:rPr"))
        if r_pr is None:
            r_pr = OxmlElement("w:rPr")
            sect = p_pr.find(qn("w:sectPr"))
            (sect.addprevious(r_pr) if sect is not None else p_pr.append(r_pr))
        r_pr.append(_revision(tag, revisions))
        marked[p] = kind
    for p in body.iter(qn("w:p")):
        _join_adjacent_revisions(p)
    for tr in body.iter(qn("w:tr")):
        worded = [
            p for p in tr.iter(qn("w:p")) if p in marked or any(_has_words(r) for r in p.iter(qn("w:r")))
        ]
        kinds = {marked.get(p) for p in worded}
        if len(kinds) == 1 and None not in kinds:
            tr_pr = tr.find(qn("w:trPr"))
            if tr_pr is None:
                tr_pr = OxmlElement("w:trPr")
                tr.insert(0 if tr.find(qn("w:tblPrEx")) is None else 1, tr_pr)
            tr_pr.append(_revision("w:ins" if kinds == {"ins"} else "w:del", revisions))
