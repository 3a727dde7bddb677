"""Generate templates/keputusan.docx, the docxtpl template every decree renders through.

    python scripts/make_template.py templates/keputusan.docx

The committed .docx is what renders: an agency may open it in Word or
LibreOffice and change the letterhead arrangement, paragraph styles (spacing,
indents, alignment) or the fixed words, then run `keputusan template check`.
Paper size, margins, fonts, column widths, merged cells, list levels,
alignment, page numbers, the TTE footer and the draft watermark come from the
decree's layout and are applied after rendering (keputusan/render_docx.py).

List levels are paragraph styles: a list item at level 2 takes the style of
its level-1 form with " 2" added ("Konsiderans Butir 2"), at level 3 " 3",
and deeper levels the deepest style there is; each level indents one
hanging step further.

Each Jinja tag is written as its own run, so that no tag is split.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

# Columns of the body text: a label (Menimbang, KESATU), its colon, a marker (a., 1.), the text.
COLON, MARKER, TEXT = Cm(3.6), Cm(4.0), Cm(4.8)
DIKTUM_TEXT = Cm(4.0)
HANGING_LIST = Cm(0.6)  # one list level: the marker, then the item's text
HANGING_TABLE = Cm(0.45)  # the same inside table cells
LEVELS = 6  # list levels with a style of their own; deeper ones take the deepest (as in the PDF)


def _style(
    doc,
    name,
    *,
    align=None,
    size=None,
    bold=None,
    italic=None,
    underline=None,
    before=0,
    after=0,
    left=None,
    first=None,
    tabs=(),
    keep_next=False,
    base="Normal",
):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if left is not None:
        fmt.left_indent = left
    if first is not None:
        fmt.first_line_indent = first
    for position in tabs:
        fmt.tab_stops.add_tab_stop(position, WD_TAB_ALIGNMENT.LEFT)
    fmt.keep_with_next = keep_next or None
    font = style.font
    if size is not None:
        font.size = Pt(size)
    font.bold, font.italic, font.underline = bold, italic, underline
    return style


def _list_styles(doc, name, text, hanging, **kwargs) -> None:
    """'<name>' for level 1 and '<name> 2', '<name> 3': the marker at the text of the level
    above, the item's text one hanging step further."""
    for level in range(1, LEVELS + 1):
        left = text + hanging * level
        label = name if level == 1 else f"{name} {level}"
        _style(doc, label, left=left, first=-hanging, tabs=(left,), **kwargs)


def make_styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    J, C, L = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    _style(doc, "Kop Lambang", align=C)
    _style(doc, "Kop Gambar", align=C, after=12)
    _style(doc, "Kop Baris", align=C, bold=True)
    _style(doc, "Kop Alamat", align=C, size=10)
    garis = _style(doc, "Kop Garis", size=4, after=12)
    _border(garis, "thickThinSmallGap", 24)
    _style(doc, "Kop Jarak", size=6, after=12)
    _style(doc, "Judul", align=C)
    _style(doc, "Judul Jarak", align=C, before=12)
    _style(doc, "Pembuka", align=C, before=12, after=12)
    _style(doc, "Konsiderans", align=J, left=TEXT, first=-TEXT, tabs=(COLON, MARKER, TEXT))
    _style(doc, "Konsiderans Lanjutan", align=J, left=TEXT)
    _list_styles(doc, "Konsiderans Butir", TEXT, HANGING_LIST, align=J)
    _style(doc, "Jarak", size=6)
    _style(doc, "Memutuskan", align=C, before=12, after=12, keep_next=True)
    _style(doc, "Diktum", align=J, left=DIKTUM_TEXT, first=-DIKTUM_TEXT, tabs=(COLON, DIKTUM_TEXT), after=6)
    _style(doc, "Diktum Lanjutan", align=J, left=DIKTUM_TEXT, after=6)
    _list_styles(doc, "Diktum Butir", DIKTUM_TEXT, HANGING_LIST, align=J, after=3)
    _style(doc, "Jarak Ttd", keep_next=True)
    _style(doc, "Ttd Penetapan", align=L, tabs=(Cm(3.2),), keep_next=True)
    _style(doc, "Ttd Jabatan", align=C, before=12, keep_next=True)
    _style(doc, "Ttd Ruang", align=C, keep_next=True)
    _style(doc, "Ttd Nama", align=C, bold=True, underline=True, keep_next=True)
    _style(doc, "Ttd Keterangan", align=C, keep_next=True)
    _style(doc, "Ttd Kode QR", align=L, keep_next=True)
    _style(doc, "Ttd Paraf", align=L, size=8, keep_next=True)
    _style(doc, "Ttd Kiri", size=2)
    _style(doc, "Tembusan Judul", before=12, keep_next=True)
    _list_styles(doc, "Tembusan", Cm(0), HANGING_LIST)
    _style(doc, "Paraf Judul", bold=True, size=9, before=18, after=3, keep_next=True)
    _style(doc, "Pemisah Bagian", size=1)
    _style(doc, "Lampiran Kepala", align=L, tabs=(Cm(2.6),))
    _style(doc, "Lampiran Judul", align=C, bold=True)
    _style(doc, "Lampiran Jarak", size=6, after=6)
    _style(doc, "Lampiran Paragraf", align=J, after=6)
    _list_styles(doc, "Lampiran Butir", Cm(0), HANGING_LIST, align=J, after=3)
    _style(doc, "Tabel Kepala", align=C, bold=True, size=10)
    _style(doc, "Tabel Nomor Kolom", align=C, size=9, italic=True)
    _style(doc, "Tabel Isi", align=L, size=10, after=2)
    _list_styles(doc, "Tabel Butir", Cm(0), HANGING_TABLE, align=L, size=10, after=1)
    _style(doc, "Nomor Halaman", align=C, base="Header")
    _style(doc, "Catatan TTE", align=C, size=8, base="Footer")


def _border(style, kind: str, size: int) -> None:
    pPr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", kind), ("w:sz", str(size)), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # w:pBdr belongs after keepNext/keepLines/pageBreakBefore/... and before w:shd/w:tabs/w:spacing.
    anchor = pPr.find(qn("w:spacing"))
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        pPr.append(borders)


def para(container, style: str, *runs: str) -> None:
    """A paragraph whose runs are given; '\\t' as a run is a tab."""
    paragraph = container.add_paragraph(style=style)
    for text in runs:
        if text == "\t":
            paragraph.add_run().add_tab()
        else:
            paragraph.add_run(text)


def tag(container, text: str) -> None:
    para(container, "Normal", text)


def caption(table, name: str) -> None:
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), name)
    table._tbl.tblPr.append(element)


def clear_cell(cell) -> None:
    for paragraph in list(cell.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)


def repeat_as_header(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def kinds(container, prefix: str, lead: tuple[str, ...]) -> None:
    """The paragraph kinds of an item: its first line, continuation paragraphs, list items."""
    tag(container, '{%p if para.kind == "item" %}')
    para(container, prefix, *lead)
    tag(container, '{%p elif para.kind == "lanjutan" %}')
    para(container, f"{prefix} Lanjutan", "{{r para.rich }}")
    tag(container, '{%p elif para.kind == "butir" %}')
    para(container, f"{prefix} Butir", "{{r para.marker }}", "\t", "{{r para.rich }}")
    tag(container, "{%p else %}")
    para(container, "Jarak")
    tag(container, "{%p endif %}")


def kop(doc) -> None:
    """Three letterheads: one image; the emblem centred above the office title (kepala daerah);
    the emblem left of the agency's name and address, a rule below (perangkat daerah)."""
    tag(doc, '{%p if kop.jenis == "gambar" %}')
    para(doc, "Kop Gambar", "{{ kop.lambang }}")
    tag(doc, '{%p elif kop.jenis == "kepala_daerah" %}')
    para(doc, "Kop Lambang", "{{ kop.lambang }}")
    tag(doc, "{%p for baris in kop.baris %}")
    para(doc, "Kop Baris", "{{r baris }}")
    tag(doc, "{%p endfor %}")
    para(doc, "Kop Jarak")
    tag(doc, "{%p else %}")
    table = doc.add_table(rows=1, cols=2)
    caption(table, "kop")
    emblem, names = table.rows[0].cells
    clear_cell(emblem)
    para(emblem, "Kop Lambang", "{{ kop.lambang }}")
    clear_cell(names)
    tag(names, "{%p for baris in kop.baris %}")
    para(names, "Kop Baris", "{{r baris }}")
    tag(names, "{%p endfor %}")
    tag(names, "{%p for alamat in kop.alamat %}")
    para(names, "Kop Alamat", "{{r alamat }}")
    tag(names, "{%p endfor %}")
    para(doc, "Kop Garis")
    tag(doc, "{%p endif %}")


def paraf_hierarki(doc, cell, ttd: str) -> None:
    """A small table of the officials' initials (jabatan, paraf) in the signature's left cell."""
    tag(cell, "{%p if " + ttd + ".paraf %}")
    table = cell.add_table(rows=3, cols=2)  # python-docx adds an empty paragraph after it
    table.style = doc.styles["Table Grid"]
    caption(table, "paraf-hierarki")
    start, row, end = table.rows
    for r in table.rows:
        for c in r.cells:
            clear_cell(c)
    tag(start.cells[0], "{%tr for p in " + ttd + ".paraf %}")
    para(start.cells[1], "Normal")
    jabatan, initials = row.cells
    para(jabatan, "Ttd Paraf", "{{r p.jabatan }}")
    para(initials, "Ttd Paraf", "{{r p.paraf }}")
    initials.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    tag(end.cells[0], "{%tr endfor %}")
    para(end.cells[1], "Normal")
    endif = cell.paragraphs[-1]
    endif.style = doc.styles["Normal"]
    endif.add_run("{%p endif %}")


def signature(doc, ttd: str, rows: str) -> None:
    """Right: the place and date of issue (``rows``), the jabatan, the signing space holding the
    TTE anchor, the name, rank and NIP. Left: the QR code and the paraf hierarki."""
    table = doc.add_table(rows=1, cols=2)
    caption(table, "ttd")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = row.cells
    clear_cell(left)
    tag(left, "{%p if " + ttd + ".qr %}")
    para(left, "Ttd Kode QR", "{{ " + ttd + ".qr }}")
    tag(left, "{%p endif %}")
    paraf_hierarki(doc, left, ttd)
    para(left, "Ttd Kiri")
    clear_cell(right)
    tag(right, "{%p for row in " + rows + " %}")
    para(right, "Ttd Penetapan", "{{r row.label }}", "\t", ": ", "{{r row.value }}")
    tag(right, "{%p endfor %}")
    para(right, "Ttd Jabatan", "{{r " + ttd + ".jabatan }}")
    para(right, "Ttd Ruang")
    para(right, "Ttd Ruang", "{{r " + ttd + ".jangkar }}")
    para(right, "Ttd Ruang")
    para(right, "Ttd Nama", "{{r " + ttd + ".nama }}")
    tag(right, "{%p for line in " + ttd + ".keterangan %}")
    para(right, "Ttd Keterangan", "{{r line }}")
    tag(right, "{%p endfor %}")


def cell_paragraphs(cell) -> None:
    tag(cell, "{%p for para in sel %}")
    tag(cell, '{%p if para.kind == "butir" %}')
    para(cell, "Tabel Butir", "{{r para.marker }}", "\t", "{{r para.rich }}")
    tag(cell, '{%p elif para.kind == "kepala" %}')
    para(cell, "Tabel Kepala", "{{r para.rich }}")
    tag(cell, "{%p else %}")
    para(cell, "Tabel Isi", "{{r para.rich }}")
    tag(cell, "{%p endif %}")
    tag(cell, "{%p endfor %}")


def content_table(doc, name: str) -> None:
    """A bordered table: heading rows (any number), the column-number row when there is one,
    then the data rows. Headings and column numbers repeat on every page."""
    table = doc.add_table(rows=9, cols=3)
    table.style = doc.styles["Table Grid"]
    caption(table, name)
    rows = table.rows
    for row in rows:
        for cell in row.cells:
            clear_cell(cell)

    def loop(row, statement: str) -> None:
        tag(row.cells[0], statement)
        for cell in row.cells[1:]:
            para(cell, "Normal")

    def cells(row, items: str, body) -> None:
        a, b, c = row.cells
        tag(a, "{%tc for " + items + " %}")
        body(b)
        tag(c, "{%tc endfor %}")

    loop(rows[0], "{%tr for baris in blok.kepala %}")
    repeat_as_header(rows[1])
    cells(rows[1], "sel in baris", lambda cell: _heading_cell(cell))
    loop(rows[2], "{%tr endfor %}")
    loop(rows[3], "{%tr if blok.nomor_kolom %}")
    repeat_as_header(rows[4])
    cells(rows[4], "kolom in blok.nomor_kolom", lambda cell: para(cell, "Tabel Nomor Kolom", "{{r kolom }}"))
    loop(rows[5], "{%tr endif %}")
    loop(rows[6], "{%tr for baris in blok.baris %}")
    cells(rows[7], "sel in baris", cell_paragraphs)
    loop(rows[8], "{%tr endfor %}")


def _heading_cell(cell) -> None:
    tag(cell, "{%p for para in sel %}")
    para(cell, "Tabel Kepala", "{{r para.rich }}")
    tag(cell, "{%p endfor %}")


def make(path: Path) -> None:
    doc = Document()
    make_styles(doc)
    body = doc._body._body
    for paragraph in list(doc.paragraphs):
        body.remove(paragraph._p)

    kop(doc)

    # Title block and opening.
    tag(doc, "{%p for line in judul %}")
    para(doc, "Judul", "{{r line }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for line in pembuka %}")
    para(doc, "Pembuka", "{{r line }}")
    tag(doc, "{%p endfor %}")

    # Menimbang, Mengingat, Memperhatikan.
    tag(doc, "{%p for para in konsiderans %}")
    kinds(
        doc,
        "Konsiderans",
        (
            "{{r para.label }}",
            "\t",
            "{{r para.colon }}",
            "\t",
            "{{r para.marker }}",
            "\t",
            "{{r para.rich }}",
        ),
    )
    tag(doc, "{%p endfor %}")

    # MEMUTUSKAN, Menetapkan and the diktum.
    para(doc, "Memutuskan", "{{r memutuskan }}")
    tag(doc, "{%p for para in diktum %}")
    kinds(doc, "Diktum", ("{{r para.label }}", "\t", "{{r para.colon }}", "\t", "{{r para.rich }}"))
    tag(doc, "{%p endfor %}")

    para(doc, "Jarak Ttd")
    signature(doc, "ttd", "penetapan")

    tag(doc, "{%p if tembusan %}")
    para(doc, "Tembusan Judul", "{{r tembusan_judul }}")
    tag(doc, "{%p for para in tembusan %}")
    para(doc, "Tembusan", "{{r para.marker }}", "\t", "{{r para.rich }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    # The paraf koordinasi table of a draft (a list of at most one table).
    tag(doc, "{%p for blok in paraf %}")
    para(doc, "Paraf Judul", "{{r paraf_judul }}")
    content_table(doc, "paraf-koordinasi")
    tag(doc, "{%p endfor %}")

    # Each lampiran: a new section, the header block at the upper right, the title,
    # the content blocks, and the signature again.
    tag(doc, "{%p for lamp in lampiran %}")
    doc.add_section(WD_SECTION.NEW_PAGE)
    doc.paragraphs[-1].style = doc.styles["Pemisah Bagian"]
    header = doc.add_table(rows=1, cols=1)
    caption(header, "kepala-lampiran")
    header.alignment = WD_TABLE_ALIGNMENT.RIGHT
    cell = header.rows[0].cells[0]
    clear_cell(cell)
    tag(cell, "{%p for line in lamp.kepala %}")
    para(cell, "Lampiran Kepala", "{{r line }}")
    tag(cell, "{%p endfor %}")
    para(doc, "Lampiran Jarak")
    tag(doc, "{%p for line in lamp.judul %}")
    para(doc, "Lampiran Judul", "{{r line }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for blok in lamp.blok %}")
    para(doc, "Lampiran Jarak")
    tag(doc, '{%p if blok.jenis == "tabel" %}')
    content_table(doc, "isi-lampiran")
    tag(doc, "{%p else %}")
    tag(doc, "{%p for para in blok.paras %}")
    tag(doc, '{%p if para.kind == "butir" %}')
    para(doc, "Lampiran Butir", "{{r para.marker }}", "\t", "{{r para.rich }}")
    tag(doc, "{%p else %}")
    para(doc, "Lampiran Paragraf", "{{r para.rich }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if lamp.ttd %}")
    para(doc, "Jarak Ttd")
    signature(doc, "lamp.ttd", "lamp.penetapan")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")

    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(_strip(buffer.getvalue()))


_DROP = ("docProps/thumbnail.jpeg", "word/stylesWithEffects.xml", "customXml/")


def _strip(data: bytes) -> bytes:
    """Drop the parts python-docx's default template carries that a decree never needs."""
    import re

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(
            source.infolist(), key=lambda i: (i.filename != "[Content_Types].xml", i.filename)
        ):
            if info.filename.startswith(_DROP):
                continue
            content = source.read(info.filename)
            if info.filename.endswith(".rels") or info.filename == "[Content_Types].xml":
                text = content.decode()
                text = re.sub(
                    r'<Relationship [^>]*Target="[^"]*(thumbnail\.jpeg|stylesWithEffects\.xml|customXml/[^"]*)"[^>]*/>',
                    "",
                    text,
                )
                text = re.sub(
                    r'<Override [^>]*PartName="/(docProps/thumbnail\.jpeg|word/stylesWithEffects\.xml|customXml/[^"]*)"[^>]*/>',
                    "",
                    text,
                )
                content = text.encode()
            zinfo = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zinfo.compress_type = zipfile.ZIP_DEFLATED
            zinfo.external_attr = 0o644 << 16
            target.writestr(zinfo, content)
    return out.getvalue()


if __name__ == "__main__":
    make(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/keputusan.docx"))
