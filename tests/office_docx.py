"""Decrees typed in Word the way offices type them: the test material of ``keputusan import``.

Each ``make_*`` writes one complete decree with python-docx (never with this
project's template or renderer), in a layout seen in real offices: tabs and
numbers typed as text, borderless layout tables, Word's automatic numbering,
indents and spaces only; a kop as a picture beside text, in the page header
or as plain centred paragraphs; lampiran tables that continue across pages
(heading rows marked to repeat, or a table split by hand with its headings
typed again), cells merged down and across; and the typist's noise: double
and non-breaking spaces, trailing spaces, empty paragraphs, a colon in a run
of its own, "Bahwa" beside "bahwa", a page break or a landscape section
before the lampiran. The words are those of real decrees (the seed, word for
word, and the decrees of ``content/contoh/``), so the profile named in
``OFFICE_PROFILE`` prints the same kop, title form and signatory.

The same call writes the same bytes: fixed document properties, zip entries
with a fixed time, and an emblem drawn here, pixel by pixel.
"""

from __future__ import annotations

import functools
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Optional, Protocol, Union

import docx
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

# ---------------------------------------------------------------------------------------------- the words


@dataclass(frozen=True)
class Butir:
    """One item (a consideration, a legal basis, a diktum, a copy), with its sub-items."""

    teks: str
    anak: tuple[Butir, ...] = ()


@dataclass(frozen=True)
class Sel:
    """A table cell: its paragraphs, how far it spans, its alignment.

    A paragraph starting with "• " is a bullet; "\\n" inside a paragraph is a line break.
    """

    teks: tuple[str, ...]
    kolom: int = 1
    baris: int = 1
    rata: str = "kiri"
    tebal: bool = False


def sel(*teks: str, kolom: int = 1, baris: int = 1, rata: str = "kiri", tebal: bool = False) -> Sel:
    return Sel(teks, kolom, baris, rata, tebal)


@dataclass(frozen=True)
class Tabel:
    """A lampiran table. A row lists its cells left to right, leaving out the places a cell above covers."""

    lebar_cm: tuple[float, ...]
    judul: tuple[tuple[Sel, ...], ...]
    isi: tuple[tuple[Sel, ...], ...]


@dataclass(frozen=True)
class Paragraf:
    teks: str
    rata: str = "penuh"
    tebal: bool = False


@dataclass(frozen=True)
class Daftar:
    """A list in a lampiran: markers per level, e.g. ("a.", "1)", "-")."""

    butir: tuple[Butir, ...]
    tanda: tuple[str, ...] = ("a.", "1)", "-")


Isi = Union[Tabel, Paragraf, Daftar]


@dataclass(frozen=True)
class Lampiran:
    kepala: tuple[str, ...]  # "LAMPIRAN I", "KEPUTUSAN ...", "NOMOR : ...", ["TANGGAL : ..."], "TENTANG", ...
    judul: tuple[str, ...]
    isi: tuple[Isi, ...]
    lanskap: bool = False


@dataclass(frozen=True)
class Naskah:
    """The words of a decree, as the office typed them (markers and KESATU... are the layout's)."""

    kop: tuple[tuple[str, float], ...]  # line, size in pt
    alamat: tuple[str, ...]
    judul: tuple[str, ...]  # ("KEPUTUSAN", "KEPALA ...") or ("KEPUTUSAN BUPATI BALANGAN",)
    nomor: str  # the whole NOMOR line
    tentang: tuple[str, ...]
    dengan_rahmat: bool
    pejabat: tuple[str, ...]  # the opening official, the last line ending with ","
    menimbang: tuple[Butir, ...]
    mengingat: tuple[Butir, ...]
    memperhatikan: tuple[Butir, ...]
    menetapkan: str
    diktum: tuple[Butir, ...]
    tempat: str
    tanggal: str
    jabatan: tuple[str, ...]  # signature block, the last line ending with ","
    nama: str
    pangkat: str  # "" for a Bupati
    nip: str  # "NIP. 19681012 198903 1 009", or "" for a Bupati
    tembusan_judul: str
    tembusan: tuple[Butir, ...]
    lampiran: tuple[Lampiran, ...]
    tanda_diktum: tuple[str, ...] = ("a.", "1)", "-")


DIKTUM = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN")


def tanda(gaya: str, i: int) -> str:
    """The i-th marker (from 0) in the style of `gaya`: "a." "1." "1)" "a)" "-" "•"."""
    if gaya in ("-", "•"):
        return gaya
    nilai = chr(ord("a") + i) if gaya[0] == "a" else str(i + 1)
    return nilai + gaya[1:]


# ---------------------------------------------------------------------------------------------- the typist


@dataclass(frozen=True)
class Pena:
    """How one typist types: formatting on every run (or none: the Normal style's), and the noise."""

    huruf: Optional[str] = None  # font set on every run
    ukuran: Optional[float] = None  # size set on every run
    nbsp: bool = False  # "Nomor\u00a023", "Tahun\u00a02014", "NIP.\u00a0..."
    spasi_ganda: bool = False  # ",  " in every other item
    spasi_akhir: bool = False  # a space at the end of every other item
    titik_dua_sendiri: bool = False  # "Menimbang " then ":" in a run of its own
    kosong: bool = False  # empty paragraphs between the parts

    def ketik(self, teks: str, nomor: int = 0) -> str:
        if self.nbsp:
            teks = re.sub(r"\b(Nomor|Tahun|NIP\.) (?=\d)", "\\1\u00a0", teks)
        if self.spasi_ganda and nomor % 2 == 1:
            teks = teks.replace(", ", ",  ")
        if self.spasi_akhir and nomor % 2 == 0 and teks:
            teks += " "
        return teks


RATA = {
    "kiri": WD_ALIGN_PARAGRAPH.LEFT,
    "tengah": WD_ALIGN_PARAGRAPH.CENTER,
    "kanan": WD_ALIGN_PARAGRAPH.RIGHT,
    "penuh": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


class Wadah(Protocol):
    """Whatever paragraphs are added to: the document body, a table cell, a header."""

    def add_paragraph(self, text: str = "", style: Any = None) -> Paragraph: ...


def _markah(teks: str) -> list[tuple[str, bool, bool]]:
    """`**tebal**` and `*miring*` to (text, bold, italic) runs."""
    out = []
    for bagian in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", teks):
        if bagian.startswith("**") and bagian.endswith("**") and len(bagian) > 4:
            out.append((bagian[2:-2], True, False))
        elif bagian.startswith("*") and bagian.endswith("*") and len(bagian) > 2:
            out.append((bagian[1:-1], False, True))
        elif bagian:
            out.append((bagian, False, False))
    return out


def tulis(
    p: Paragraph,
    pena: Pena,
    potongan: Sequence[str] = (),
    *,
    rata: Optional[str] = None,
    tebal: bool = False,
    garis_bawah: bool = False,
    ukuran: Optional[float] = None,
    kiri: Optional[float] = None,
    awal: Optional[float] = None,
    tab: Sequence[float] = (),
    sesudah: Optional[float] = None,
    sebelum: Optional[float] = None,
    lanjut: bool = False,
) -> Paragraph:
    """Format `p` and type each piece as its own run(s); tabs and line breaks as typed."""
    fmt = p.paragraph_format
    if rata:
        p.alignment = RATA[rata]
    if kiri is not None:
        fmt.left_indent = Cm(kiri)
    if awal is not None:
        fmt.first_line_indent = Cm(awal)
    for posisi in tab:
        fmt.tab_stops.add_tab_stop(Cm(posisi))
    if pena.huruf is not None:  # direct formatting throughout: the paragraph's spacing too
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
    if sesudah is not None:
        fmt.space_after = Pt(sesudah)
    if sebelum is not None:
        fmt.space_before = Pt(sebelum)
    if lanjut:
        fmt.keep_with_next = True
    for bagian in potongan:
        for teks, b, i in _markah(bagian):
            run = p.add_run(teks)
            if tebal or b:
                run.bold = True
            if i:
                run.italic = True
            if garis_bawah:
                run.underline = True
            if pena.huruf is not None:
                run.font.name = pena.huruf
            if ukuran is not None or pena.ukuran is not None:
                run.font.size = Pt(ukuran if ukuran is not None else pena.ukuran or 12)
    return p


def tambah(wadah: Wadah, pena: Pena, *potongan: str, **format: Any) -> Paragraph:
    return tulis(wadah.add_paragraph(), pena, potongan, **format)


def kosong(wadah: Wadah, pena: Pena, n: int = 1) -> None:
    for _ in range(n):
        tulis(wadah.add_paragraph(), pena)


# ---------------------------------------------------------------------------------------------- Word XML

_URUTAN_PPR = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
_URUTAN_TCPR = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign".split()
)
_URUTAN_TBLPR = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
    "tblInd tblBorders shd tblLayout tblCellMar tblLook"
).split()
_URUTAN_TRPR = "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader".split()


def _sisip(induk: Any, anak: Any, urutan: Sequence[str]) -> Any:
    """Put `anak` among `induk`'s children in schema order, replacing one of the same name."""
    nama = anak.tag.split("}")[1]
    lama = induk.find(qn(f"w:{nama}"))
    if lama is not None:
        induk.replace(lama, anak)
        return anak
    tempat = urutan.index(nama)
    for saudara in induk:
        lain = saudara.tag.split("}")[1] if "}" in saudara.tag else ""
        if lain in urutan and urutan.index(lain) > tempat:
            saudara.addprevious(anak)
            return anak
    induk.append(anak)
    return anak


def _garis(nama: str, sisi: Sequence[str], val: str, sz: int) -> Any:
    el = OxmlElement(f"w:{nama}")
    for s in sisi:
        garis = OxmlElement(f"w:{s}")
        garis.set(qn("w:val"), val)
        garis.set(qn("w:sz"), str(sz))
        garis.set(qn("w:space"), "1")
        garis.set(qn("w:color"), "000000")
        el.append(garis)
    return el


def garis_bawah_paragraf(p: Paragraph, val: str = "thickThinSmallGap", sz: int = 24) -> None:
    _sisip(p._p.get_or_add_pPr(), _garis("pBdr", ("bottom",), val, sz), _URUTAN_PPR)


def garis_tabel(table: Table, val: str, sz: int, sisi: Sequence[str]) -> None:
    """Borders of the table (e.g. only its bottom, for a kop)."""
    semua = ("top", "left", "bottom", "right", "insideH", "insideV")
    el = OxmlElement("w:tblBorders")
    for s in semua:
        garis = OxmlElement(f"w:{s}")
        garis.set(qn("w:val"), val if s in sisi else "nil")
        if s in sisi:
            garis.set(qn("w:sz"), str(sz))
            garis.set(qn("w:space"), "0")
            garis.set(qn("w:color"), "000000")
        el.append(garis)
    _sisip(table._tbl.tblPr, el, _URUTAN_TBLPR)


def lebar_tabel(table: Table, lebar_cm: Sequence[float]) -> None:
    """Fixed layout; the grid (LibreOffice reads it) and every cell (Word reads them)."""
    table.autofit = False
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(round(sum(lebar_cm) * 567)))
    total.set(qn("w:type"), "dxa")
    _sisip(table._tbl.tblPr, total, _URUTAN_TBLPR)
    for kolom, lebar in zip(table.columns, lebar_cm, strict=True):
        kolom.width = Cm(lebar)
    for row in table.rows:
        for cell, lebar in zip(row.cells, lebar_cm, strict=True):
            cell.width = Cm(lebar)


def abu(cell: _Cell, warna: str = "D9D9D9") -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), warna)
    _sisip(cell._tc.get_or_add_tcPr(), shd, _URUTAN_TCPR)


def ulang_judul(row: Any) -> None:
    """Mark a table row as a heading row that Word repeats at the top of every page (w:tblHeader)."""
    _sisip(row._tr.get_or_add_trPr(), OxmlElement("w:tblHeader"), _URUTAN_TRPR)


def tabel_tanpa_garis(wadah: Any, baris: int, lebar_cm: Sequence[float]) -> Table:
    """A layout table: no style, no borders, fixed column widths."""
    if isinstance(wadah, DocumentObject):
        table: Table = wadah.add_table(rows=baris, cols=len(lebar_cm))
    else:
        table = wadah.add_table(baris, len(lebar_cm), Cm(sum(lebar_cm)))
    garis_tabel(table, "nil", 0, ())
    lebar_tabel(table, lebar_cm)
    return table


def isi_sel(cell: _Cell, pena: Pena, *potongan: str, **format: Any) -> Paragraph:
    """Type into the cell's first paragraph if it is still empty, else into a new one."""
    pertama = cell.paragraphs[0]
    p = pertama if len(cell.paragraphs) == 1 and not pertama.runs else cell.add_paragraph()
    return tulis(p, pena, potongan, **format)


def halaman_baru(wadah: Wadah, pena: Pena) -> None:
    """The typist's Ctrl+Enter: an empty paragraph holding a page break."""
    p = tulis(wadah.add_paragraph(), pena)
    p.add_run().add_break(WD_BREAK.PAGE)


def nomor_halaman(p: Paragraph, pena: Pena, pola: str = "- {n} -") -> None:
    """A PAGE field inside the pattern's text."""
    depan, belakang = pola.split("{n}")
    if depan:
        tulis(p, pena, [depan])
    p._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>')
    )
    if belakang:
        tulis(p, pena, [belakang])


# ---------------------------------------------------------------------------------------------- numbering


_TINGKAT = {
    "a.": ("lowerLetter", "%{n}."),
    "1.": ("decimal", "%{n}."),
    "1)": ("decimal", "%{n})"),
    "a)": ("lowerLetter", "%{n})"),
    "-": ("bullet", "-"),
    "•": ("bullet", "\u2022"),
}


class Penomoran:
    """Word's automatic numbering (numbering.xml): one definition per kind, a fresh list per use.

    `daftar(tanda, kiri_cm, gantung_cm)` defines levels with the given markers, the
    first level's text at `kiri_cm` hanging by `gantung_cm`, each deeper level one
    hanging step further in, and returns the numId of a new list that starts at 1.
    """

    def __init__(self, doc: DocumentObject) -> None:
        self._numbering = doc.part.numbering_part.element
        self._abstrak: dict[tuple[tuple[str, ...], float, float], int] = {}
        self._berikut = 100

    def daftar(self, tanda: Sequence[str], kiri_cm: float, gantung_cm: float) -> int:
        kunci = (tuple(tanda), kiri_cm, gantung_cm)
        if kunci not in self._abstrak:
            self._abstrak[kunci] = self._berikut
            tingkat = []
            for ilvl, gaya in enumerate(tanda):
                fmt, teks = _TINGKAT[gaya]
                teks = teks.replace("{n}", str(ilvl + 1))
                kiri = round((kiri_cm + ilvl * gantung_cm) * 567)
                rpr = '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr>' if fmt == "bullet" else ""
                tingkat.append(
                    f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                    f'<w:lvlText w:val="{teks}"/><w:lvlJc w:val="left"/>'
                    f'<w:pPr><w:ind w:left="{kiri}" w:hanging="{round(gantung_cm * 567)}"/></w:pPr>{rpr}</w:lvl>'
                )
            abstrak = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{self._berikut}">'
                f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(tingkat)}</w:abstractNum>'
            )
            pertama = self._numbering.find(qn("w:num"))
            if pertama is not None:
                pertama.addprevious(abstrak)
            else:
                self._numbering.append(abstrak)
            self._berikut += 1
        num_id = self._berikut
        self._berikut += 1
        self._numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{self._abstrak[kunci]}"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
        )
        return num_id


def bernomor(p: Paragraph, num_id: int, ilvl: int = 0) -> Paragraph:
    ppr: Any = p._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id
    return p


# ---------------------------------------------------------------------------------------------- pictures


def _dalam_perisai(x: float, y: float, lebar: int, tinggi: int, sisi: float) -> bool:
    tengah = (lebar - 1) / 2
    if y < sisi or x < sisi or x > lebar - 1 - sisi:
        return False
    bahu = tinggi * 0.45
    if y <= bahu:
        return True
    rx, ry = tengah - sisi, tinggi - 1 - sisi - bahu
    return ((x - tengah) / rx) ** 2 + ((y - bahu) / ry) ** 2 <= 1


def _dalam_poligon(x: float, y: float, titik: Sequence[tuple[float, float]]) -> bool:
    dalam = False
    for (x1, y1), (x2, y2) in zip(titik, [*titik[1:], titik[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            dalam = not dalam
    return dalam


@functools.cache
def lambang_png() -> bytes:
    """A small placeholder emblem (a gold-edged green shield with a star), drawn pixel by pixel."""
    import math

    lebar, tinggi = 96, 112
    bintang = []
    for k in range(10):
        r = 27 if k % 2 == 0 else 11
        sudut = -math.pi / 2 + k * math.pi / 5
        bintang.append((47.5 + r * math.cos(sudut), 50 + r * math.sin(sudut)))
    emas, hijau, putih = b"\xe0\xb0\x20", b"\x1e\x5e\x20", b"\xff\xff\xff"
    baris = []
    for y in range(tinggi):
        piksel = [b"\x00"]
        for x in range(lebar):
            if _dalam_poligon(x + 0.5, y + 0.5, bintang):
                piksel.append(emas)
            elif _dalam_perisai(x, y, lebar, tinggi, 6):
                piksel.append(hijau)
            elif _dalam_perisai(x, y, lebar, tinggi, 1):
                piksel.append(emas)
            else:
                piksel.append(putih)
        baris.append(b"".join(piksel))

    def potong(jenis: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + jenis + data + struct.pack(">I", zlib.crc32(jenis + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + potong(b"IHDR", struct.pack(">IIBBBBB", lebar, tinggi, 8, 2, 0, 0, 0))
        + potong(b"pHYs", struct.pack(">IIB", 3780, 3780, 1))
        + potong(b"IDAT", zlib.compress(b"".join(baris), 9))
        + potong(b"IEND", b"")
    )


def gambar(p: Paragraph, lebar_cm: float) -> Any:
    return p.add_run().add_picture(io.BytesIO(lambang_png()), width=Cm(lebar_cm))


def gambar_melayang(p: Paragraph, lebar_cm: float, x_cm: float, y_cm: float) -> None:
    """The emblem floating at (x, y) from the column and paragraph, in front of the text (wp:anchor)."""
    inline = gambar(p, lebar_cm)._inline
    extent = inline.find(qn("wp:extent"))
    doc_pr = inline.find(qn("wp:docPr"))
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp", "a", "pic", "r")} distT="0" distB="0" distL="114300" distR="114300" '
        'simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{round(x_cm * 360000)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{round(y_cm * 360000)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{extent.get("cx")}" cy="{extent.get("cy")}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{doc_pr.get("id")}" name="Lambang"/><wp:cNvGraphicFramePr/></wp:anchor>'
    )
    anchor.append(inline.find(qn("a:graphic")))
    inline.getparent().replace(inline, anchor)


# ---------------------------------------------------------------------------------------------- the page


@dataclass(frozen=True)
class Kertas:
    lebar_cm: float
    tinggi_cm: float
    kiri: float = 3.0
    kanan: float = 2.0
    atas: float = 2.0
    bawah: float = 2.0

    @property
    def isi_cm(self) -> float:
        return self.lebar_cm - self.kiri - self.kanan

    @property
    def isi_lanskap_cm(self) -> float:
        return self.tinggi_cm - self.kiri - self.kanan


F4 = Kertas(21.5, 33.0)
A4 = Kertas(21.0, 29.7)


def atur_halaman(section: Section, kertas: Kertas, lanskap: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if lanskap else WD_ORIENT.PORTRAIT
    lebar, tinggi = (kertas.tinggi_cm, kertas.lebar_cm) if lanskap else (kertas.lebar_cm, kertas.tinggi_cm)
    section.page_width, section.page_height = Cm(lebar), Cm(tinggi)
    section.left_margin, section.right_margin = Cm(kertas.kiri), Cm(kertas.kanan)
    section.top_margin, section.bottom_margin = Cm(kertas.atas), Cm(kertas.bawah)
    section.header_distance = section.footer_distance = Cm(1.0)


def dokumen(kertas: Kertas, normal: bool = True) -> DocumentObject:
    """A new document on the paper; `normal`: the office set its Normal style to Arial 12, single spaced."""
    doc = docx.Document()
    atur_halaman(doc.sections[0], kertas)
    if normal:
        gaya: Any = doc.styles["Normal"]
        gaya.font.name = "Arial"
        gaya.font.size = Pt(12)
        gaya.paragraph_format.space_after = Pt(0)
        gaya.paragraph_format.line_spacing = 1.0
    return doc


def bagian_lanskap(doc: DocumentObject, kertas: Kertas) -> Section:
    """A section break (next page) to a landscape section, its first page numbered like the others."""
    section: Section = doc.add_section(WD_SECTION.NEW_PAGE)
    atur_halaman(section, kertas, lanskap=True)
    section.different_first_page_header_footer = False
    return section


def simpan(doc: DocumentObject, path: Path) -> Path:
    """Save with fixed properties and zip times: the same document, the same bytes."""
    props = doc.core_properties
    props.author = props.last_modified_by = "Sekretariat"
    props.title = ""
    props.comments = ""
    props.revision = 1
    props.created = props.modified = datetime(2024, 1, 2, 8, 0, 0)
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as asal, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as tujuan:
        for info in asal.infolist():
            entri = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entri.compress_type = zipfile.ZIP_DEFLATED
            entri.external_attr = 0o644 << 16
            tujuan.writestr(entri, asal.read(info.filename))
    return path


# ---------------------------------------------------------------------------------------------- kop


def kop_tabel(
    doc: DocumentObject, pena: Pena, n: Naskah, kertas: Kertas, garis: str = "thickThinSmallGap"
) -> None:
    """Emblem left, the agency's lines centred right, the address; a rule under the table."""
    table = tabel_tanpa_garis(doc, 1, (2.7, kertas.isi_cm - 2.7))
    garis_tabel(table, garis, 24 if garis == "thickThinSmallGap" else 6, ("bottom",))
    kiri, kanan = table.cell(0, 0), table.cell(0, 1)
    kiri.vertical_alignment = kanan.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    gambar(isi_sel(kiri, pena, rata="tengah"), 2.2)
    for teks, ukuran in n.kop:
        isi_sel(kanan, pena, teks, rata="tengah", tebal=True, ukuran=ukuran)
    for teks in n.alamat:
        isi_sel(kanan, pena, teks, rata="tengah", ukuran=10)
    kosong(doc, pena)


def kop_paragraf(wadah: Wadah, pena: Pena, n: Naskah, lambang: bool) -> None:
    """Centred paragraphs (an emblem above them for a Bupati); a rule under the address."""
    if lambang:
        gambar(tambah(wadah, pena, rata="tengah"), 2.4)
    terakhir = None
    for teks, ukuran in n.kop:
        terakhir = tambah(wadah, pena, teks, rata="tengah", tebal=True, ukuran=ukuran)
    for teks in n.alamat:
        terakhir = tambah(wadah, pena, teks, rata="tengah", ukuran=10)
    if n.alamat and terakhir is not None:
        garis_bawah_paragraf(terakhir)
    kosong(wadah, pena)


def kop_melayang(doc: DocumentObject, pena: Pena, n: Naskah) -> None:
    """The emblem floats at the left margin, in front of centred lines (Word's "In Front of Text")."""
    for i, (teks, ukuran) in enumerate(n.kop):
        p = tambah(doc, pena, teks, rata="tengah", tebal=True, ukuran=ukuran, kiri=2.4)
        if i == 0:
            gambar_melayang(p, 2.2, 0.0, -0.1)
    terakhir = None
    for teks in n.alamat:
        terakhir = tambah(doc, pena, teks, rata="tengah", ukuran=10, kiri=2.4)
    if terakhir is not None:
        garis_bawah_paragraf(terakhir)
    kosong(doc, pena)


def kop_kepala_halaman(section: Section, pena: Pena, n: Naskah, kertas: Kertas) -> None:
    """The kop in the first page's header (Different First Page); later pages have none."""
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.is_linked_to_previous = False
    if n.alamat:
        table = tabel_tanpa_garis(header, 1, (2.7, kertas.isi_cm - 2.7))
        garis_tabel(table, "thickThinSmallGap", 24, ("bottom",))
        kiri, kanan = table.cell(0, 0), table.cell(0, 1)
        kiri.vertical_alignment = kanan.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        gambar(isi_sel(kiri, pena, rata="tengah"), 2.2)
        for teks, ukuran in n.kop:
            isi_sel(kanan, pena, teks, rata="tengah", tebal=True, ukuran=ukuran)
        for teks in n.alamat:
            isi_sel(kanan, pena, teks, rata="tengah", ukuran=10)
        header.paragraphs[0]._p.getparent().remove(header.paragraphs[0]._p)
    else:
        p = header.paragraphs[0]
        gambar(tulis(p, pena, rata="tengah"), 2.4)
        for teks, ukuran in n.kop:
            tambah(header, pena, teks, rata="tengah", tebal=True, ukuran=ukuran)
    tambah(header, pena)


def nomor_di_kepala(section: Section, pena: Pena) -> None:
    """ "- 2 -" centred at the top from page 2 (page 1's header empty unless it holds the kop)."""
    if not section.different_first_page_header_footer:
        section.different_first_page_header_footer = True
    nomor_halaman(tulis(section.header.paragraphs[0], pena, rata="tengah"), pena)


# ---------------------------------------------------------------------------------------------- title block


def judul(doc: DocumentObject, pena: Pena, n: Naskah) -> None:
    for teks in n.judul:
        tambah(doc, pena, teks, rata="tengah", tebal=True)
    tambah(doc, pena, pena.ketik(n.nomor), rata="tengah", tebal=True)
    tambah(doc, pena, "TENTANG", rata="tengah", tebal=True)
    for teks in n.tentang:
        tambah(doc, pena, teks, rata="tengah", tebal=True)
    kosong(doc, pena)
    if n.dengan_rahmat:
        tambah(doc, pena, "DENGAN RAHMAT TUHAN YANG MAHA ESA", rata="tengah", tebal=True)
        kosong(doc, pena)
    for teks in n.pejabat:
        tambah(doc, pena, teks, rata="tengah", tebal=True)
    kosong(doc, pena)


def memutuskan(doc: DocumentObject, pena: Pena) -> None:
    tambah(doc, pena, "MEMUTUSKAN", rata="tengah", tebal=True, sebelum=6, sesudah=6)


# ---------------------------------------------------------------------------------------------- layouts

# Tab layout: label, colon, marker and text at tab stops; wrapped lines hang at the text.
X_TITIK_DUA, X_TANDA, X_TEKS = 3.5, 4.0, 4.75


def _label(pena: Pena, label: str) -> list[str]:
    return [f"{label} ", ":", "\t"] if pena.titik_dua_sendiri else [f"{label}\t:\t"]


def anak_tab(wadah: Wadah, pena: Pena, anak: Sequence[Butir], gaya: Sequence[str], x: float) -> None:
    """Sub-items typed with their markers: the marker at `x`, the text one step in."""
    for j, c in enumerate(anak):
        tambah(
            wadah,
            pena,
            tanda(gaya[0], j) + "\t",
            pena.ketik(c.teks, j),
            rata="penuh",
            kiri=x + 0.75,
            awal=-0.75,
        )
        anak_tab(wadah, pena, c.anak, gaya[1:], x + 0.75)


def bagian_tab(
    doc: DocumentObject, pena: Pena, label: str, butir: Sequence[Butir], gaya: Sequence[str]
) -> None:
    """`Menimbang<TAB>:<TAB>a.<TAB>bahwa ...` then `<indent>b.<TAB>bahwa ...`."""
    for i, b in enumerate(butir):
        teks = pena.ketik(b.teks, i)
        if i == 0:
            tambah(
                doc,
                pena,
                *_label(pena, label),
                tanda(gaya[0], i) + "\t",
                teks,
                rata="penuh",
                kiri=X_TEKS,
                awal=-X_TEKS,
                tab=(X_TITIK_DUA, X_TANDA, X_TEKS),
            )
        else:
            tambah(
                doc, pena, tanda(gaya[0], i) + "\t", teks, rata="penuh", kiri=X_TEKS, awal=-(X_TEKS - X_TANDA)
            )
        anak_tab(doc, pena, b.anak, gaya[1:], X_TEKS)
    if pena.kosong:
        kosong(doc, pena)


def diktum_tab(
    doc: DocumentObject, pena: Pena, n: Naskah, anak: Optional[Callable[[Butir], None]] = None
) -> None:
    """`Menetapkan<TAB>:<TAB>KEPUTUSAN ...`, `KESATU<TAB>:<TAB>...`; sub-items typed, or by `anak`."""
    tambah(
        doc,
        pena,
        *_label(pena, "Menetapkan"),
        pena.ketik(n.menetapkan),
        rata="penuh",
        kiri=X_TANDA,
        awal=-X_TANDA,
        tab=(X_TITIK_DUA, X_TANDA),
        sesudah=6,
    )
    for i, b in enumerate(n.diktum):
        tambah(
            doc,
            pena,
            *_label(pena, DIKTUM[i]),
            pena.ketik(b.teks, i),
            rata="penuh",
            kiri=X_TANDA,
            awal=-X_TANDA,
            tab=(X_TITIK_DUA, X_TANDA),
            sesudah=0 if b.anak else 6,
            lanjut=i == len(n.diktum) - 1,  # the last diktum goes with the signature
        )
        if anak is not None and b.anak:
            anak(b)
        else:
            anak_tab(doc, pena, b.anak, n.tanda_diktum, X_TANDA)
    if pena.kosong:
        tambah(doc, pena, lanjut=True)


def konsiderans_tab(doc: DocumentObject, pena: Pena, n: Naskah) -> None:
    bagian_tab(doc, pena, "Menimbang", n.menimbang, ("a.", "1)", "-"))
    tambah(doc, pena, sesudah=0)
    bagian_tab(doc, pena, "Mengingat", n.mengingat, ("1.", "a.", "-"))
    if n.memperhatikan:
        tambah(doc, pena)
        bagian_tab(doc, pena, "Memperhatikan", n.memperhatikan, ("1.", "a.", "-"))


# Table layout: label | : | marker | text, no borders (the diktum's text spans the last two columns).
LEBAR_TATA = (3.4, 0.5, 0.8)


def konsiderans_tabel(doc: DocumentObject, pena: Pena, n: Naskah, kertas: Kertas) -> None:
    lebar = (*LEBAR_TATA, kertas.isi_cm - sum(LEBAR_TATA))
    bagian = [("Menimbang", n.menimbang, ("a.", "1)", "-")), ("Mengingat", n.mengingat, ("1.", "a.", "-"))]
    if n.memperhatikan:
        bagian.append(("Memperhatikan", n.memperhatikan, ("1.", "a.", "-")))
    baris = sum(len(b) for _, b, _ in bagian) + len(bagian) - 1
    table = tabel_tanpa_garis(doc, baris, lebar)
    r = 0
    for k, (label, butir, gaya) in enumerate(bagian):
        if k:
            r += 1  # an empty row between the parts
        for i, b in enumerate(butir):
            cells = table.rows[r].cells
            if i == 0:
                isi_sel(cells[0], pena, label)
                isi_sel(cells[1], pena, ":")
            isi_sel(cells[2], pena, tanda(gaya[0], i))
            isi_sel(cells[3], pena, pena.ketik(b.teks, i), rata="penuh")
            anak_tab(cells[3], pena, b.anak, gaya[1:], 0.0)
            r += 1
    memutuskan(doc, pena)
    table = tabel_tanpa_garis(doc, len(n.diktum) + 1, lebar)
    for r, (label, teks, anak) in enumerate(
        [("Menetapkan", n.menetapkan, ())] + [(DIKTUM[i], b.teks, b.anak) for i, b in enumerate(n.diktum)]
    ):
        cells = table.rows[r].cells
        isi_sel(cells[0], pena, label)
        isi_sel(cells[1], pena, ":")
        gabung = cells[2].merge(cells[3])
        isi_sel(gabung, pena, pena.ketik(teks, r), rata="penuh", sesudah=6 if not anak else 0)
        anak_tab(gabung, pena, anak, n.tanda_diktum, 0.0)
        if anak:
            isi_sel(gabung, pena, sesudah=6)


def konsiderans_otomatis(
    doc: DocumentObject, pena: Pena, n: Naskah, kertas: Kertas, nomor: Penomoran
) -> None:
    """Label | : | the items as Word's numbered paragraphs (a., b. / 1., 2.), sub-items one level in."""
    lebar = (3.4, 0.5, kertas.isi_cm - 3.9)
    bagian = [("Menimbang", n.menimbang, ("a.", "1)", "-")), ("Mengingat", n.mengingat, ("1.", "a.", "-"))]
    if n.memperhatikan:
        bagian.append(("Memperhatikan", n.memperhatikan, ("1.", "a.", "-")))
    table = tabel_tanpa_garis(doc, 2 * len(bagian) - 1, lebar)
    for k, (label, butir, gaya) in enumerate(bagian):
        cells = table.rows[2 * k].cells
        isi_sel(cells[0], pena, label)
        isi_sel(cells[1], pena, ":")
        num_id = nomor.daftar(gaya, 0.75, 0.75)
        for i, b in enumerate(butir):
            bernomor(isi_sel(cells[2], pena, pena.ketik(b.teks, i), rata="penuh"), num_id)
            for j, c in enumerate(b.anak):
                bernomor(isi_sel(cells[2], pena, pena.ketik(c.teks, j), rata="penuh"), num_id, 1)


def anak_otomatis(doc: DocumentObject, pena: Pena, n: Naskah, nomor: Penomoran) -> Callable[[Butir], None]:
    """A diktum's sub-items as Word's numbered paragraphs under the diktum's text."""

    def tulis_anak(b: Butir) -> None:
        num_id = nomor.daftar(n.tanda_diktum, X_TANDA + 0.75, 0.75)
        for j, c in enumerate(b.anak):
            bernomor(tambah(doc, pena, pena.ketik(c.teks, j), rata="penuh"), num_id)
            for m, d in enumerate(c.anak):
                bernomor(tambah(doc, pena, pena.ketik(d.teks, m), rata="penuh"), num_id, 1)

    return tulis_anak


# Indents only: label, colon and marker typed with spaces; the wrapped lines hang at the left indent.
SPASI_LABEL = {"Menimbang": "      ", "Mengingat": "       ", "Memperhatikan": " ", "Menetapkan": "     "}


def bagian_inden(
    doc: DocumentObject, pena: Pena, label: str, butir: Sequence[Butir], gaya: Sequence[str]
) -> None:
    for i, b in enumerate(butir):
        teks = pena.ketik(b.teks, i)
        if i == 0:
            tambah(
                doc,
                pena,
                f"{label}{SPASI_LABEL[label]}:  {tanda(gaya[0], i)}  {teks}",
                rata="penuh",
                kiri=X_TEKS,
                awal=-X_TEKS,
            )
        else:
            tambah(
                doc, pena, f"{tanda(gaya[0], i)}  {teks}", rata="penuh", kiri=X_TEKS, awal=-(X_TEKS - X_TANDA)
            )
        for j, c in enumerate(b.anak):
            tambah(
                doc,
                pena,
                f"{tanda(gaya[1], j)}  {pena.ketik(c.teks, j)}",
                rata="penuh",
                kiri=X_TEKS + 0.7,
                awal=-0.7,
            )
    tambah(doc, pena)


def diktum_inden(doc: DocumentObject, pena: Pena, n: Naskah) -> None:
    tambah(
        doc,
        pena,
        f"Menetapkan{SPASI_LABEL['Menetapkan']}:  {n.menetapkan}",
        rata="penuh",
        kiri=X_TANDA,
        awal=-X_TANDA,
        sesudah=6,
    )
    for i, b in enumerate(n.diktum):
        spasi = " " * max(1, 2 * (10 - len(DIKTUM[i])))
        tambah(
            doc,
            pena,
            f"{DIKTUM[i]}{spasi}:  {pena.ketik(b.teks, i)}",
            rata="penuh",
            kiri=X_TANDA,
            awal=-X_TANDA,
            sesudah=6,
            lanjut=i == len(n.diktum) - 1,
        )
        for j, c in enumerate(b.anak):
            tambah(
                doc,
                pena,
                f"{tanda(n.tanda_diktum[0], j)}  {c.teks}",
                rata="penuh",
                kiri=X_TANDA + 0.7,
                awal=-0.7,
            )


# ---------------------------------------------------------------------------------------------- signature


def penetapan(wadah: Wadah, pena: Pena, n: Naskah, kiri: float, gaya: str) -> None:
    """`seed`: "Ditetapkan<TAB>: di X"; `di`: "Ditetapkan di<TAB>: X"; `spasi`: "Ditetapkan di X"."""
    if gaya == "seed":
        tambah(wadah, pena, f"Ditetapkan\t: di {n.tempat}", kiri=kiri, tab=(kiri + 3.0,), lanjut=True)
        p = tambah(wadah, pena, f"Pada tanggal\t: {n.tanggal}", kiri=kiri, tab=(kiri + 3.0,), lanjut=True)
    elif gaya == "di":
        tambah(wadah, pena, "Ditetapkan di", "\t: ", n.tempat, kiri=kiri, tab=(kiri + 3.2,), lanjut=True)
        p = tambah(wadah, pena, "pada tanggal", "\t: ", n.tanggal, kiri=kiri, tab=(kiri + 3.2,), lanjut=True)
    else:
        tambah(wadah, pena, f"Ditetapkan di {n.tempat}", kiri=kiri, lanjut=True)
        p = tambah(wadah, pena, f"pada tanggal {n.tanggal}", kiri=kiri, lanjut=True)
    garis_bawah_paragraf(p, "single", 6)
    tambah(wadah, pena, lanjut=True)


def tanda_tangan(wadah: Wadah, pena: Pena, n: Naskah, kiri: float) -> None:
    """Jabatan, four empty lines to sign in, the name; a Bupati's centred, an official's with rank and NIP.

    The block keeps together on one page (Word's "Keep with next"), as typists learn to set.
    """
    for teks in n.jabatan:
        tambah(wadah, pena, teks, kiri=kiri, rata="tengah" if not n.nip else None, tebal=True, lanjut=True)
    for _ in range(4):
        tambah(wadah, pena, lanjut=True)
    tambah(
        wadah,
        pena,
        n.nama,
        kiri=kiri,
        rata="tengah" if not n.nip else None,
        tebal=True,
        garis_bawah=bool(n.nip),
    )
    if n.pangkat:
        tambah(wadah, pena, n.pangkat, kiri=kiri)
    if n.nip:
        tambah(wadah, pena, pena.ketik(n.nip), kiri=kiri)


def tanda_tangan_tabel(wadah: Any, pena: Pena, n: Naskah, lebar: float, dengan_penetapan: bool) -> None:
    """The signature block in the right cell of a borderless two-column table."""
    table = tabel_tanpa_garis(wadah, 1, (lebar - 8.0, 8.0))
    _sisip(table.rows[0]._tr.get_or_add_trPr(), OxmlElement("w:cantSplit"), _URUTAN_TRPR)
    cell = table.cell(0, 1)
    if dengan_penetapan:
        isi_sel(cell, pena, "Ditetapkan di", "\t: ", n.tempat, tab=(3.0,))
        garis_bawah_paragraf(isi_sel(cell, pena, "pada tanggal", "\t: ", n.tanggal, tab=(3.0,)), "single", 6)
        isi_sel(cell, pena)
    for teks in n.jabatan:
        isi_sel(cell, pena, teks, tebal=True)
    for _ in range(4):
        isi_sel(cell, pena)
    isi_sel(cell, pena, n.nama, tebal=True, garis_bawah=True)
    if n.pangkat:
        isi_sel(cell, pena, n.pangkat)
    if n.nip:
        isi_sel(cell, pena, pena.ketik(n.nip))


def tembusan(wadah: Wadah, pena: Pena, n: Naskah, nomor: Optional[Penomoran] = None) -> None:
    if not n.tembusan:
        return
    """Tembusan: its heading and items kept together, numbered by hand or by Word."""
    kosong(wadah, pena)
    tambah(wadah, pena, n.tembusan_judul, lanjut=True)
    num_id = nomor.daftar(("1.",), 0.6, 0.6) if nomor is not None else 0
    for i, b in enumerate(n.tembusan):
        lanjut = i < len(n.tembusan) - 1
        if nomor is not None:
            bernomor(tambah(wadah, pena, pena.ketik(b.teks, i), lanjut=lanjut), num_id)
        else:
            tambah(wadah, pena, f"{i + 1}.\t", pena.ketik(b.teks, i), kiri=0.6, awal=-0.6, lanjut=lanjut)


# ---------------------------------------------------------------------------------------------- lampiran


def kepala_lampiran(doc: DocumentObject, pena: Pena, lampiran: Lampiran, kiri: float) -> None:
    for teks in lampiran.kepala:
        tambah(doc, pena, pena.ketik(teks), kiri=kiri, ukuran=11)
    kosong(doc, pena)


def kepala_lampiran_tabel(doc: DocumentObject, pena: Pena, lampiran: Lampiran, lebar: float) -> None:
    """LAMPIRAN : KEPUTUSAN ... / NOMOR : ... / TANGGAL : ... / TENTANG : ... in the right half."""
    baris: list[list[str]] = []
    for teks in lampiran.kepala:
        kepala, _, nilai = teks.partition(" : ")
        if nilai:
            baris.append([kepala, nilai])
        elif teks in ("TENTANG",) or teks.startswith("LAMPIRAN"):
            baris.append([teks, ""])
        else:
            baris[-1][1] = (baris[-1][1] + " " + teks).strip()
    table = tabel_tanpa_garis(doc, len(baris), (lebar - 12.0, 3.0, 0.5, 8.5))
    for r, (kepala, nilai) in enumerate(baris):
        cells = table.rows[r].cells
        isi_sel(cells[1], pena, kepala)
        isi_sel(cells[2], pena, ":")
        isi_sel(cells[3], pena, nilai)
    kosong(doc, pena)


def judul_lampiran(doc: DocumentObject, pena: Pena, lampiran: Lampiran) -> None:
    for teks in lampiran.judul:
        tambah(doc, pena, teks, rata="tengah", tebal=True)
    kosong(doc, pena)


def tabel_lampiran(
    doc: DocumentObject,
    pena: Pena,
    tabel: Tabel,
    *,
    ulang: bool = True,
    pecah: Sequence[int] = (),
    ukuran: float = 10,
    peluru: Optional[Penomoran] = None,
) -> None:
    """The table with "Table Grid" borders, merged cells, shaded headings.

    `ulang`: the heading rows repeat on every page (w:tblHeader). `pecah`: the
    typist split the table by hand before these body rows (a page break, then
    a new table with the heading rows typed again). `peluru`: "• " paragraphs
    become Word bullets instead of typed ones.
    """
    awal = 0
    for akhir in [*pecah, len(tabel.isi)]:
        if awal:
            halaman_baru(doc, pena)
        _satu_tabel(doc, pena, tabel, tabel.isi[awal:akhir], ulang, ukuran, peluru)
        awal = akhir


def _satu_tabel(
    doc: DocumentObject,
    pena: Pena,
    tabel: Tabel,
    isi: Sequence[tuple[Sel, ...]],
    ulang: bool,
    ukuran: float,
    peluru: Optional[Penomoran],
) -> None:
    baris = [*tabel.judul, *isi]
    table = doc.add_table(rows=len(baris), cols=len(tabel.lebar_cm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    lebar_tabel(table, tabel.lebar_cm)
    terisi: set[tuple[int, int]] = set()
    gabung = []
    for r, row in enumerate(baris):
        c = 0
        for s in row:
            while (r, c) in terisi:
                c += 1
            cell = table.cell(r, c)
            judul = r < len(tabel.judul)
            cell.vertical_alignment = (
                WD_CELL_VERTICAL_ALIGNMENT.CENTER if judul else WD_CELL_VERTICAL_ALIGNMENT.TOP
            )
            num_id = None
            for teks in s.teks:
                if teks[:2] in ("• ", "- "):
                    if peluru is not None:
                        if num_id is None:
                            num_id = peluru.daftar((teks[0],), 0.4, 0.4)
                        bernomor(isi_sel(cell, pena, pena.ketik(teks[2:]), ukuran=ukuran), num_id)
                    else:
                        isi_sel(
                            cell,
                            pena,
                            teks[0] + "\t",
                            pena.ketik(teks[2:]),
                            ukuran=ukuran,
                            kiri=0.4,
                            awal=-0.4,
                        )
                else:
                    rata = "tengah" if judul else s.rata
                    isi_sel(cell, pena, pena.ketik(teks), ukuran=ukuran, rata=rata, tebal=judul or s.tebal)
            if judul and not all(t.isdigit() for t in s.teks):
                abu(cell)
            for rr in range(r, r + s.baris):
                for cc in range(c, c + s.kolom):
                    terisi.add((rr, cc))
            if s.kolom > 1 or s.baris > 1:
                gabung.append((r, c, r + s.baris - 1, c + s.kolom - 1))
            c += s.kolom
    for r1, c1, r2, c2 in gabung:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    if ulang:
        for r in range(len(tabel.judul)):
            ulang_judul(table.rows[r])


def isi_lampiran(doc: DocumentObject, pena: Pena, lampiran: Lampiran, **format_tabel: Any) -> None:
    for blok in lampiran.isi:
        if isinstance(blok, Tabel):
            tabel_lampiran(doc, pena, blok, **format_tabel)
            kosong(doc, pena)
        elif isinstance(blok, Paragraf):
            tambah(doc, pena, pena.ketik(blok.teks), rata=blok.rata, tebal=blok.tebal, sesudah=6)
        else:
            _daftar_inden(doc, pena, blok.butir, blok.tanda, 0.0)
            kosong(doc, pena)


def _daftar_inden(
    doc: DocumentObject, pena: Pena, butir: Sequence[Butir], gaya: Sequence[str], x: float
) -> None:
    """A list typed with its markers and indents: the marker at `x`, the text hanging 0.7 cm in."""
    for i, b in enumerate(butir):
        tambah(
            doc, pena, f"{tanda(gaya[0], i)}\t{pena.ketik(b.teks, i)}", rata="penuh", kiri=x + 0.7, awal=-0.7
        )
        _daftar_inden(doc, pena, b.anak, gaya[1:], x + 0.7)


# ---------------------------------------------------------------------------------------------- indicators


@dataclass(frozen=True)
class Indikator:
    nama: str
    makna: str
    alasan_pemilihan: str
    formulasi_perhitungan: str
    sumber_referensi: tuple[str, ...]
    penanggung_jawab: str
    sumber_data: str
    satuan: str = ""
    label_formulasi: str = "Formulasi Perhitungan"


@dataclass(frozen=True)
class Sasaran:
    nomor: str  # as typed: "I", "2.", "1"
    nama: str
    indikator: tuple[Indikator, ...]


def tabel_indikator(kolom: Sequence[str], lebar_cm: Sequence[float], sasaran: Sequence[Sasaran]) -> Tabel:
    """NO. | SASARAN | INDIKATOR | [SATUAN] | MAKNA ... | PENANGGUNG JAWAB | SUMBER DATA, numbered 1 2 3 ...

    A sasaran's number and name span its indicators (merged down).
    """
    dengan_satuan = len(kolom) == 7
    isi = []
    for s in sasaran:
        for k, ind in enumerate(s.indikator):
            penjelasan = [
                f"Makna Indikator : {ind.makna}",
                f"Alasan Pemilihan : {ind.alasan_pemilihan}",
                f"{ind.label_formulasi} : {ind.formulasi_perhitungan}",
            ]
            if len(ind.sumber_referensi) == 1:
                penjelasan.append(f"Sumber/Referensi Indikator : {ind.sumber_referensi[0]}")
            else:
                penjelasan += ["Sumber/Referensi Indikator :", *(f"• {r}" for r in ind.sumber_referensi)]
            row = []
            if k == 0:
                n = len(s.indikator)
                row += [sel(s.nomor, baris=n, rata="tengah"), sel(s.nama, baris=n)]
            row.append(sel(ind.nama))
            if dengan_satuan:
                row.append(sel(ind.satuan, rata="tengah"))
            row += [Sel(tuple(penjelasan)), sel(ind.penanggung_jawab), sel(ind.sumber_data)]
            isi.append(tuple(row))
    judul = (tuple(sel(k) for k in kolom), tuple(sel(str(i + 1)) for i in range(len(kolom))))
    return Tabel(tuple(lebar_cm), judul, tuple(isi))


def patah(teks: str, sebelum: str) -> str:
    """The typist's Shift+Enter: a line break before the first `sebelum`."""
    assert f" {sebelum}" in teks, sebelum
    return teks.replace(f" {sebelum}", f"\n{sebelum}", 1)


_SASARAN_IKU = (
    Sasaran(
        "I",
        "Terwujudnya Pegawai ASN yang profesional",
        (
            Indikator(
                "Indeks Profesionalitas ASN/Persentase ASN yang profesional",
                "Peta atau potret tentang tingkat profesionalitas ASN dengan menggunakan kriteria tertentu "
                "sebagai standar profesionalitas ASN yaitu kesesuaian kualifikasi, kompetensi, tingkat "
                "kinerja, dan kedisiplinan pegawai ASN dalam melaksanakan tugas jabatan",
                "Pengukuran Indeks Profesionalitas ASN merupakan sebagai bagian dari penilaian Reformasi "
                "Birokrasi dalam penerapan Sistem Merit",
                "Menggunakan formulasi yang diatur dalam Peraturan Menteri PAN dan RB No. 38 Tahun 2018 "
                "dan Peraturan BKN No. 8 Tahun 2019. Instrumen yang digunakan adalah hasil peremajaan data "
                "dan/atau rekonsiliasi data yang mencakup dimensi kualifikasi, kompetensi, kinerja, dan "
                "disiplin pada aplikasi SIASN",
                ("Peraturan Menteri PAN dan RB No. 38 Tahun 2018", "Peraturan BKN No. 8 Tahun 2019"),
                "Kepala Badan",
                "BKN RI (hasil olah data yang disampaikan oleh BKPSDM melalui aplikasi SIASN)",
                label_formulasi="Formulasi perhitungan",
            ),
        ),
    ),
    Sasaran(
        "2.",
        "Meningkatnya Penerapan Sistem Merit",
        (
            Indikator(
                "Indeks Sistem Merit",
                "Penerapan kebijakan dan manajemen ASN yang berdasarkan pada kualifikasi, kompetensi, dan "
                "kinerja, yang diberlakukan secara adil dan wajar dengan tanpa diskriminasi",
                "Untuk mengetahui capaian penerapan Sistem Merit pada instansi pemerintah, sesuai "
                "Peraturan Menteri PAN dan RB No. 40 Tahun 2018 dan Peraturan Komisi ASN No. 9 Tahun 2019",
                "Menggunakan formulasi yang diatur dalam Peraturan Menteri PAN dan RB No. 40 Tahun 2018 "
                "dan Peraturan Komisi ASN Nomor 9 Tahun 2019. Instrumen yang digunakan adalah penilaian "
                "mandiri menggunakan aplikasi web SIPINTER (Sistem Informasi Penilaian Mandiri Penerapan "
                "Sistem Merit) (https://sipinter.kasn.go.id/) yang hasilnya akan diverifikasi Komisi ASN",
                ("Peraturan Menteri PAN dan RB No. 40 Tahun 2018", "Peraturan Komisi ASN No. 9 Tahun 2019"),
                "Kepala Badan",
                "Komisi ASN (hasil olah data yang disampaikan oleh BKPSDM melalui aplikasi web SIPINTER)",
            ),
        ),
    ),
)

_SASARAN_IKI = (
    Sasaran(
        "1",
        "Meningkatnya Akuntabilitas dan Kinerja Perangkat Daerah",
        (
            Indikator(
                "Nilai SAKIP Perangkat Daerah",
                "Tingkat kualitas penerapan SAKIP",
                "Untuk mengetahui kualitas penerapan SAKIP",
                "Hasil evaluasi SAKIP yang dilakukan oleh APIP",
                ("Peraturan Pemerintah Nomor 8 Tahun 2006", "Peraturan Presiden Nomor 29 Tahun 2014"),
                "Sekretaris",
                "Inspektorat Kabupaten Balangan",
            ),
        ),
    ),
    Sasaran(
        "2.",
        "Meningkatnya Kualitas Pelayanan Perangkat Daerah",
        (
            Indikator(
                "Nilai Survei Kepuasan Masyarakat",
                "Tingkat kepuasan masyarakat terhadap layanan kepegawaian",
                "Untuk mengetahui tingkat kepuasan masyarakat (*customer*) terhadap layanan kepegawaian "
                "dan memperoleh umpan balik (*feedback*) sebagai bahan evaluasi dalam rangka peningkatan "
                "layanan",
                "Menggunakan formulasi yang diatur dalam Peraturan Menteri PAN dan RB No. 14 Tahun 2017. "
                "Instrumen yang digunakan adalah penilaian melalui aplikasi web SKM BKPSDM "
                "(https://ikm.bkppdbalangankab.info/skm)",
                ("Peraturan Menteri PAN dan RB No. 14 Tahun 2017", "PMDN Nomor 17 Tahun 2021"),
                "Sekretaris",
                "BKPSDM Kab. Balangan (hasil olah data survei layanan kepegawaian dan pengembangan SDM "
                "melalui aplikasi web SKM BKPSDM sesuai",
            ),
        ),
    ),
    Sasaran(
        "3.",
        "Meningkatnya penerapan Manajemen Talenta Pegawai ASN",
        (
            Indikator(
                "Persentase Talenta/Calon Talenta yang direkrut melalui jalur CPNS/PPPK",
                "Tingkat penerapan Manajemen Talenta Pegawai ASN pada sub aspek Akuisisi Talenta melalui "
                "jalur CPNS/PPPK. Indikator tersebut merupakan bagian tidak terpisahkan dari Manajemen "
                "Talenta yang merupakan instrumen yang dipercaya dapat menyeleksi talenta berdasarkan pada "
                "kualifikasi, kompetensi dan kinerja yang diberlakukan secara adil dan wajar tanpa "
                "diskriminasi",
                "Untuk mengetahui tingkat penerapan Manajemen Talenta Pegawai ASN pada sub aspek Akuisisi "
                "Talenta melalui jalur CPNS/PPPK",
                "Jumlah Talenta/Calon Talenta yang direkrut dari jalur CPNS/PPPK *dibagi* total CPNS/PPPK "
                "yang direkrut *dikali* 100%",
                ("Analisis mandiri",),
                "Kabid Pengadaan, Pemberhentian dan Informasi Kepegawaian",
                "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
            ),
        ),
    ),
    Sasaran(
        "4.",
        "Meningkatnya Pemenuhan Pegawai ASN",
        (
            Indikator(
                "Persentase Pemenuhan Pegawai sesuai Kebutuhan Beban Kerja",
                "Tingkat pemenuhan kebutuhan ASN berdasarkan ABK pada Pemerintah Daerah",
                "Untuk mengetahui tingkat pemenuhan kebutuhan ASN berdasarkan ABK",
                "Jumlah jabatan ASN (PNS dan PPPK) yang terisi *dibagi* jumlah total kebutuhan ASN "
                "berdasarkan ABK *dikali* 100%",
                ("Analisis mandiri",),
                "Kabid Pengadaan, Pemberhentian dan Informasi Kepegawaian",
                "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
            ),
        ),
    ),
    Sasaran(
        "5.",
        "Meningkatnya penerapan Manajemen Talenta Pegawai ASN",
        (
            Indikator(
                "Persentase Talenta/Calon Talenta yang direkomendasikan penempatannya",
                "Tingkat penerapan Manajemen Talenta Pegawai ASN pada aspek Penempatan Talenta. Indikator "
                "tersebut merupakan bagian tidak terpisahkan dari Manajemen Talenta yang merupakan "
                "instrumen yang dipercaya dapat menyeleksi talenta berdasarkan pada kualifikasi, "
                "kompetensi dan kinerja yang diberlakukan secara adil dan wajar tanpa diskriminasi",
                "Untuk mengetahui tingkat penerapan Manajemen Talenta Pegawai ASN pada aspek Penempatan "
                "Talenta",
                "Jumlah Talenta/Calon Talenta yang direkomendasikan untuk ditempatkan *dibagi* total "
                "Talenta/Calon Talenta yang ditetapkan *dikali* 100%",
                ("Analisis mandiri",),
                "Kabid Mutasi, Promosi dan Kinerja",
                "Bidang Mutasi, Promosi dan Kinerja",
            ),
        ),
    ),
    Sasaran(
        "6.",
        "Meningkatnya Penataan Jabatan Pegawai ASN",
        (
            Indikator(
                "Persentase Jabatan Pimpinan Tinggi, Administrasi, Fungsional yang terisi",
                "Tingkat pemenuhan Jabatan Pimpinan Tinggi, Administrator, dan Pengawas",
                "Untuk mengetahui tingkat pemenuhan/keterisian Jabatan Pimpinan Tinggi, Administrator, dan "
                "Pengawas",
                "Jumlah JPT, Administrator, dan Pengawas yang terisi *dibagi* total formasi JPT, "
                "Administrator, dan Pengawas *dikali* 100%",
                ("Analisis mandiri",),
                "Kabid Mutasi, Promosi dan Kinerja",
                "Bidang Mutasi, Promosi dan Kinerja",
            ),
            Indikator(
                "Persentase Jabatan Fungsional yang Terisi sesuai Prioritas Aktual Reformasi Birokrasi",
                "Tingkat pemenuhan Jabatan Fungsional",
                "Untuk mengetahui tingkat pemenuhan/keterisian Jabatan Fungsional",
                "Jumlah Jabatan Fungsional yang terisi *dibagi* total formasi/ABK Jabatan Fungsional "
                "*dikali* 100%",
                ("Analisis mandiri",),
                "Kabid Mutasi, Promosi dan Kinerja",
                "Bidang Mutasi, Promosi dan Kinerja",
            ),
        ),
    ),
    Sasaran(
        "7.",
        "Meningkatnya penerapan Manajemen Talenta Pegawai ASN",
        (
            Indikator(
                "Persentase Talenta/Calon Talenta yang dinilai kinerjanya",
                "Tingkat penerapan Manajemen Talenta Pegawai ASN pada sub aspek Penilaian Kinerja Talenta. "
                "Indikator tersebut merupakan bagian tidak terpisahkan dari Manajemen Talenta yang "
                "merupakan instrumen yang dipercaya dapat menyeleksi talenta berdasarkan pada kualifikasi, "
                "kompetensi dan kinerja yang diberlakukan secara adil dan wajar tanpa diskriminasi",
                "Untuk mengetahui tingkat penerapan Manajemen Talenta Pegawai ASN pada sub aspek Penilaian "
                "Kinerja Talenta",
                "Jumlah Talenta/Calon Talenta yang dinilai kinerja *dibagi* total Talenta/Calon Talenta "
                "yang ditetapkan *dikali* 100%",
                ("Analisis mandiri",),
                "Kabid Mutasi, Promosi dan Kinerja",
                "Bidang Mutasi, Promosi dan Kinerja",
            ),
        ),
    ),
    Sasaran(
        "8.",
        "Meningkatnya Kinerja Pegawai ASN",
        (
            Indikator(
                "Persentase Pegawai Berkinerja Minimal Kategori Baik",
                "Tingkat/predikat capaian kinerja ASN",
                "Untuk mengetahui hasil penilaian dan evaluasi kinerja ASN",
                "Jumlah ASN (PNS dan PPPK) berpredikat kinerja minimal “Baik” *dibagi* jumlah ASN *dikali* "
                "100%",
                ("Analisis mandiri",),
                "Kabid Mutasi, Promosi dan Kinerja",
                "Bidang Mutasi, Promosi dan Kinerja",
            ),
        ),
    ),
    Sasaran(
        "9.",
        "Meningkatnya penerapan Manajemen Talenta Pegawai ASN",
        (
            Indikator(
                "Persentase Hasil Pemetaan Talenta Pegawai yang termanfaatkan",
                "Tingkat penerapan Manajemen Talenta Pegawai ASN pada sub aspek Pemetaan Talenta. "
                "Indikator tersebut merupakan bagian tidak terpisahkan dari Manajemen Talenta yang "
                "merupakan instrumen yang dipercaya dapat menyeleksi talenta berdasarkan pada kualifikasi, "
                "kompetensi dan kinerja yang diberlakukan secara adil dan wajar tanpa diskriminasi",
                "Untuk mengetahui tingkat penerapan Manajemen Talenta Pegawai ASN pada sub aspek Pemetaan "
                "Talenta",
                "Jumlah hasil Pemetaan Talenta yang termanfaatkan *dibagi* total hasil Pemetaan Talenta "
                "yang dilakukan *dikali* 100%",
                ("Analisis mandiri",),
                "Kabid Pengembangan Sumber Daya Manusia",
                "Bidang Pengembangan Sumber Daya Manusia",
            ),
        ),
    ),
    Sasaran(
        "10.",
        "Meningkatnya Kualifikasi dan Kompetensi Pegawai",
        (
            Indikator(
                "Persentase Pegawai yang Memenuhi Kualifikasi dan Kompetensi Minimal (*aspek kompetensi "
                "manajerial, teknis, dan fungsional - di luar tenaga pendidik dan tenaga kesehatan*)",
                "Tingkat pemenuhan kualifikasi dan kompetensi minimal ASN (di luar tenaga pendidik dan "
                "tenaga kesehatan) pada aspek kompetensi manajerial, teknis, dan fungsional",
                "Untuk mengetahui tingkat pemenuhan kualifikasi dan kompetensi minimal ASN (di luar tenaga "
                "pendidik dan tenaga kesehatan) pada aspek kompetensi manajerial, teknis, dan fungsional",
                "Jumlah PNS yang memenuhi kualifikasi dan kompetensi minimal *dibagi* jumlah total PNS "
                "yang memenuhi kompetensi seharusnya (di luar tenaga pendidik dan tenaga kesehatan) "
                "*dikali* 100%",
                (
                    "Peraturan Pemerintah No. 11 Tahun 2017",
                    "Peraturan Pemerintah No. 49 Tahun 2018",
                    "Analisis mandiri",
                ),
                "Kabid Pengembangan Sumber Daya Manusia",
                "Bidang Pengembangan Sumber Daya Manusia",
            ),
        ),
    ),
    Sasaran(
        "11.",
        "Meningkatnya penerapan Manajemen Talenta Pegawai ASN",
        (
            Indikator(
                "Persentase Talenta/Calon Talenta yang memperoleh Pengembangan Kompetensi Kepemimpinan",
                "Tingkat penerapan Manajemen Talenta Pegawai ASN pada sub aspek Pengembangan Kompetensi "
                "Kepemimpinan Talenta. Indikator tersebut merupakan bagian tidak terpisahkan dari "
                "Manajemen Talenta yang merupakan instrumen yang dipercaya dapat menyeleksi talenta "
                "berdasarkan pada kualifikasi, kompetensi dan kinerja yang diberlakukan secara adil dan "
                "wajar tanpa diskriminasi",
                "Untuk mengetahui tingkat penerapan Manajemen Talenta Pegawai ASN pada sub aspek "
                "Pengembangan Kompetensi Kepemimpinan Talenta",
                "Jumlah Talenta/Calon Talenta yang memperoleh Pengembangan Kompetensi Kepemimpinan "
                "*dibagi* total Talenta/ Calon Talenta yang ditetapkan *dikali* 100%",
                ("Analisis mandiri",),
                "Kabid Pengembangan Sumber Daya Manusia",
                "Bidang Pengembangan Sumber Daya Manusia",
            ),
        ),
    ),
    Sasaran(
        "12.",
        "Meningkatnya Kualifikasi dan Kompetensi Pegawai",
        (
            Indikator(
                "Persentase Pegawai yang Memenuhi Kualifikasi dan Kompetensi Minimal (*aspek kompetensi "
                "kepemimpinan dan latsar CPNS/orientasi PPPK*)",
                "Tingkat pemenuhan kualifikasi dan kompetensi minimal ASN pada aspek kompetensi "
                "kepemimpinan dan latsar CPNS/orientasi PPPK",
                "Untuk mengetahui tingkat pemenuhan kualifikasi dan kompetensi minimal ASN pada aspek "
                "kompetensi kepemimpinan dan latsar CPNS/orientasi PPPK",
                "Jumlah Pejabat Struktural serta CPNS dan PPPK yang lulus Latpim serta Latsar dan "
                "Orientasi *dibagi* jumlah Pejabat Struktural serta CPNS dan PPPK *dikali* 100%",
                (
                    "Peraturan Pemerintah No. 11 Tahun 2017",
                    "Peraturan Pemerintah No. 49 Tahun 2018",
                    "Analisis mandiri",
                ),
                "Kabid Pengembangan Sumber Daya Manusia",
                "Subbid Pengembangan Kompetensi Teknis dan Fungsional",
            ),
        ),
    ),
)

_SASARAN_INSPEKTORAT = (
    Sasaran(
        "1.",
        "Meningkatnya kualitas tata kelola dan akuntabilitas penyelenggaraan pemerintahan daerah",
        (
            Indikator(
                "Level Maturitas Penyelenggaraan Sistem Pengendalian Intern Pemerintah (SPIP) Terintegrasi",
                "Tingkat kematangan penyelenggaraan SPIP Pemerintah Kabupaten Balangan yang meliputi "
                "penetapan tujuan, struktur dan proses, serta pencapaian tujuan",
                "Untuk mengetahui sejauh mana pengendalian intern telah dirancang dan dijalankan secara "
                "memadai dalam mencapai tujuan organisasi",
                "Hasil penilaian mandiri yang telah dijaminkan kualitasnya oleh Badan Pengawasan Keuangan "
                "dan Pembangunan, dengan skala level 1 (rintisan) sampai dengan level 5 (optimum)",
                ("Peraturan Pemerintah Nomor 60 Tahun 2008", "Peraturan BPKP Nomor 5 Tahun 2021"),
                "Inspektur Pembantu Wilayah I",
                "Laporan penjaminan kualitas maturitas SPIP oleh BPKP",
                satuan="Level",
            ),
            Indikator(
                "Level Kapabilitas Aparat Pengawasan Intern Pemerintah (APIP)",
                "Tingkat kemampuan Inspektorat Daerah dalam melaksanakan tugas pengawasan intern secara "
                "efektif berdasarkan model *Internal Audit Capability Model* (IACM)",
                "Kapabilitas APIP menentukan kualitas pengawasan yang diberikan kepada Perangkat Daerah "
                "sebagai mitra strategis",
                "Hasil penilaian kapabilitas APIP oleh Badan Pengawasan Keuangan dan Pembangunan pada enam "
                "elemen, dengan skala level 1 sampai dengan level 5",
                ("Peraturan Kepala BPKP Nomor 16 Tahun 2015", "Analisis mandiri"),
                "Sekretaris Inspektorat",
                "Laporan hasil penilaian kapabilitas APIP oleh BPKP",
                satuan="Level",
            ),
            Indikator(
                "Persentase Tindak Lanjut Rekomendasi Hasil Pengawasan",
                "Tingkat penyelesaian rekomendasi hasil pemeriksaan Badan Pemeriksa Keuangan dan hasil "
                "pengawasan Inspektorat Daerah oleh Perangkat Daerah",
                "Tindak lanjut rekomendasi menunjukkan perbaikan nyata atas kelemahan yang ditemukan dalam "
                "pengawasan",
                "Jumlah rekomendasi yang telah ditindaklanjuti sesuai rekomendasi *dibagi* jumlah seluruh "
                "rekomendasi *dikali* 100%",
                ("Peraturan Pemerintah Nomor 12 Tahun 2017",),
                "Inspektur Pembantu Wilayah II",
                "Database pemantauan tindak lanjut hasil pengawasan",
                satuan="Persen",
            ),
            Indikator(
                "Nilai Evaluasi Sistem Akuntabilitas Kinerja Instansi Pemerintah Kabupaten",
                "Tingkat akuntabilitas kinerja Pemerintah Kabupaten Balangan berdasarkan hasil evaluasi "
                "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
                "Inspektorat Daerah melaksanakan evaluasi akuntabilitas kinerja internal yang menjadi "
                "dasar perbaikan nilai SAKIP",
                "Nilai hasil evaluasi SAKIP dengan skala 0 sampai dengan 100 sesuai pedoman evaluasi yang "
                "berlaku",
                (
                    "Peraturan Presiden Nomor 29 Tahun 2014",
                    "Peraturan Menteri PAN dan RB Nomor 88 Tahun 2021",
                ),
                "Inspektur Pembantu Wilayah III",
                "Laporan hasil evaluasi SAKIP Kementerian PAN dan RB",
                satuan="Nilai",
            ),
            Indikator(
                "Skor *Monitoring Center for Prevention* (MCP)",
                "Capaian upaya pencegahan korupsi Pemerintah Kabupaten Balangan pada delapan area "
                "intervensi yang dipantau Komisi Pemberantasan Korupsi",
                "Inspektorat Daerah mengoordinasikan pemenuhan dan verifikasi bukti dukung seluruh area "
                "intervensi",
                "Rata-rata tertimbang capaian delapan area intervensi sesuai bobot yang ditetapkan Komisi "
                "Pemberantasan Korupsi",
                ("Panduan MCP Komisi Pemberantasan Korupsi",),
                "Inspektur Pembantu Wilayah IV",
                "Aplikasi MCP Komisi Pemberantasan Korupsi",
                satuan="Skor",
            ),
            Indikator(
                "Indeks Survei Penilaian Integritas (SPI)",
                "Tingkat integritas dan risiko korupsi di lingkungan Pemerintah Kabupaten Balangan menurut "
                "pegawai, pengguna layanan dan para ahli",
                "Untuk mengetahui persepsi dan pengalaman para pihak terhadap praktik integritas dalam "
                "penyelenggaraan pemerintahan",
                "Indeks hasil survei yang diolah Komisi Pemberantasan Korupsi dengan skala 0 sampai dengan "
                "100",
                ("Panduan SPI Komisi Pemberantasan Korupsi", "Analisis mandiri"),
                "Inspektur Pembantu Wilayah IV",
                "Laporan hasil SPI Komisi Pemberantasan Korupsi",
                satuan="Indeks",
            ),
            Indikator(
                "Opini Badan Pemeriksa Keuangan atas Laporan Keuangan Pemerintah Daerah",
                "Pernyataan profesional pemeriksa mengenai kewajaran informasi keuangan yang disajikan "
                "dalam Laporan Keuangan Pemerintah Daerah",
                "Reviu Inspektorat Daerah atas laporan keuangan sebelum diperiksa turut menentukan opini "
                "yang diperoleh",
                "Opini yang diberikan Badan Pemeriksa Keuangan: Wajar Tanpa Pengecualian, Wajar Dengan "
                "Pengecualian, Tidak Wajar atau Tidak Menyatakan Pendapat",
                ("Undang-Undang Nomor 15 Tahun 2004",),
                "Inspektur Pembantu Wilayah I",
                "Laporan Hasil Pemeriksaan BPK atas LKPD",
                satuan="Opini",
            ),
        ),
    ),
    Sasaran(
        "2.",
        "Meningkatnya kualitas pelayanan administrasi Inspektorat Daerah",
        (
            Indikator(
                "Nilai Kepuasan Perangkat Daerah atas Layanan Pengawasan",
                "Tingkat kepuasan Perangkat Daerah sebagai pihak yang diawasi terhadap proses dan hasil "
                "pengawasan Inspektorat Daerah",
                "Umpan balik dari Perangkat Daerah menjadi bahan perbaikan mutu layanan pengawasan",
                "Rata-rata nilai kuesioner kepuasan yang diisi Perangkat Daerah setelah penugasan "
                "pengawasan, dengan skala 1 sampai dengan 4",
                ("Analisis mandiri",),
                "Sekretaris Inspektorat",
                "Hasil olah kuesioner kepuasan Perangkat Daerah",
                satuan="Nilai",
            ),
        ),
    ),
)


# ---------------------------------------------------------------------------------------------- the texts

_KOP_BKPSDM = (
    ("PEMERINTAH KABUPATEN BALANGAN", 14.0),
    ("BADAN KEPEGAWAIAN DAN PENGEMBANGAN", 16.0),
    ("SUMBER DAYA MANUSIA", 16.0),
)
_ALAMAT_BKPSDM = ("Jl. Jenderal A. Yani Km. 4,5 Telp./Fax. (0526) 2028060 Paringin Selatan",)
_KOP_DISDIK = (("PEMERINTAH KABUPATEN BALANGAN", 14.0), ("DINAS PENDIDIKAN", 18.0))
_ALAMAT_DISDIK = (
    "Jl. A. Yani Km. 4,5 Komplek Perkantoran Pemerintah Kabupaten Balangan",
    "Paringin Selatan 71618 - Surel: disdik@balangankab.go.id",
)
_KOP_INSPEKTORAT = (("PEMERINTAH KABUPATEN BALANGAN", 14.0), ("INSPEKTORAT DAERAH", 18.0))
_ALAMAT_INSPEKTORAT = (
    "Jl. A. Yani Km. 4,5 Komplek Perkantoran Pemerintah Kabupaten Balangan",
    "Paringin Selatan, Kabupaten Balangan, Kalimantan Selatan 71618",
)
_KOP_BUPATI = (("BUPATI BALANGAN", 16.0),)
_JABATAN_BKPSDM = ("KEPALA BADAN KEPEGAWAIAN DAN", "PENGEMBANGAN SUMBER DAYA MANUSIA", "KABUPATEN BALANGAN,")

_KEPALA_SEED = (
    "KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAN",
    "PENGEMBANGAN SUMBER DAYA MANUSIA",
    "KABUPATEN BALANGAN",
    "NOMOR : 800/1199/Kpts/Ka/BKPSDM/2023",
    "TENTANG",
)
_KOLOM_SEED = (1.12, 3.92, 3.92, 10.64, 3.64, 4.76)

_LAMPIRAN_SEED_I = Lampiran(
    kepala=(
        "LAMPIRAN I",
        *_KEPALA_SEED,
        "PENYESUAIAN INDIKATOR KINERJA UTAMA (IKU)",
        "DAN INDIKATOR KINERJA INDIVIDU (IKI) BADAN",
        "KEPEGAWAIAN DAN PENGEMBANGAN SUMBER",
        "DAYA MANUSIA KABUPATEN BALANGAN TAHUN",
        "2021-2026",
    ),
    judul=(
        "PENYESUAIAN INDIKATOR KINERJA UTAMA (IKU) TAHUN 2021-2026",
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA",
        "MANUSIA KABUPATEN BALANGAN",
    ),
    isi=(
        tabel_indikator(
            (
                "NO.",
                "KINERJA UTAMA (SASARAN STRATEGIS)",
                "INDIKATOR KINERJA UTAMA",
                "MAKNA, ALASAN PEMILIHAN, PERHITUNGAN ATAU PENJELASAN",
                "PENANGGUNG JAWAB",
                "SUMBER DATA",
            ),
            _KOLOM_SEED,
            _SASARAN_IKU,
        ),
    ),
    lanskap=True,
)

# The original's LAMPIRAN II header drops "(IKU)", "INDIVIDU" and "(IKI)" from the title: kept as typed.
_LAMPIRAN_SEED_II = Lampiran(
    kepala=(
        "LAMPIRAN II",
        *_KEPALA_SEED,
        "PENYESUAIAN INDIKATOR KINERJA UTAMA DAN",
        "INDIKATOR KINERJA BADAN KEPEGAWAIAN DAN",
        "PENGEMBANGAN SUMBER DAYA MANUSIA",
        "KABUPATEN BALANGAN TAHUN 2021-2026",
    ),
    judul=(
        "PENYESUAIAN INDIKATOR KINERJA INDIVIDU (IKI) TAHUN 2021-2026",
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA",
        "MANUSIA KABUPATEN BALANGAN",
    ),
    isi=(
        tabel_indikator(
            (
                "NO.",
                "KINERJA (SASARAN)",
                "INDIKATOR KINERJA INDIVIDU",
                "MAKNA, ALASAN PEMILIHAN, PERHITUNGAN ATAU PENJELASAN",
                "PENANGGUNG JAWAB",
                "SUMBER DATA",
            ),
            _KOLOM_SEED,
            _SASARAN_IKI,
        ),
    ),
    lanskap=True,
)


def _anggota(nomor: str, nama: str, nip: str, jabatan: str, kedudukan: str) -> tuple[Sel, ...]:
    """A member's row: the name and NIP in one cell, one line each (Shift+Enter between them)."""
    return (
        sel(nomor, rata="tengah"),
        sel(f"{nama}\nNIP. {nip}"),
        sel(jabatan),
        sel(kedudukan, rata="tengah"),
    )


_LAMPIRAN_TIM_VERIFIKASI = Lampiran(
    kepala=(
        "LAMPIRAN",
        "KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAN",
        "PENGEMBANGAN SUMBER DAYA MANUSIA",
        "KABUPATEN BALANGAN",
        "NOMOR : 800.1/214/Kpts/Ka/BKPSDM/2024",
        "TENTANG",
        "PEMBENTUKAN TIM VERIFIKASI BERKAS USUL",
        "KENAIKAN PANGKAT PEGAWAI NEGERI SIPIL DI",
        "LINGKUNGAN PEMERINTAH KABUPATEN BALANGAN",
        "PERIODE APRIL 2024",
    ),
    judul=(
        "SUSUNAN KEANGGOTAAN TIM VERIFIKASI BERKAS",
        "USUL KENAIKAN PANGKAT PEGAWAI NEGERI SIPIL",
        "DI LINGKUNGAN PEMERINTAH KABUPATEN BALANGAN",
        "PERIODE APRIL 2024",
    ),
    isi=(
        Tabel(
            (1.3, 6.2, 5.5, 3.5),
            ((sel("NO."), sel("NAMA / NIP"), sel("JABATAN"), sel("KEDUDUKAN DALAM TIM")),),
            (
                _anggota(
                    "1.",
                    "H. AHMAD SYAUFANI, S.Sos., M.Si.",
                    "19750418 199803 1 005",
                    "Sekretaris Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
                    "Ketua",
                ),
                _anggota(
                    "2.",
                    "RAHMAWATI, S.E.",
                    "19820907 200604 2 011",
                    "Kepala Bidang Mutasi, Promosi dan Kinerja",
                    "Wakil Ketua",
                ),
                _anggota(
                    "3.",
                    "MUHAMMAD NOOR, S.Kom.",
                    "19870215 201001 1 003",
                    "Kepala Sub Bidang Kepangkatan dan Pensiun",
                    "Sekretaris",
                ),
                _anggota(
                    "4.",
                    "SITI MARIATUL KIBTIAH, S.H.",
                    "19900622 201503 2 002",
                    "Analis Sumber Daya Manusia Aparatur Ahli Muda",
                    "Anggota",
                ),
                _anggota(
                    "5.",
                    "AGUS SALIM, A.Md.",
                    "19920311 201802 1 001",
                    "Pranata Sumber Daya Manusia Aparatur Terampil",
                    "Anggota",
                ),
                _anggota(
                    "6.", "NOR HASANAH", "19850130 200801 2 004", "Pengadministrasi Perkantoran", "Anggota"
                ),
            ),
        ),
    ),
)


def _desa(
    nomor: str, sekolah: str, kecamatan: str, desa: str, daya: str, n: int, n_kec: int
) -> tuple[Sel, ...]:
    return (
        sel(nomor, baris=n, rata="tengah"),
        sel(sekolah, baris=n),
        sel(kecamatan, baris=n_kec),
        sel(desa),
        sel(daya, baris=n, rata="kanan"),
    )


_LAMPIRAN_ZONASI = Lampiran(
    kepala=(
        "LAMPIRAN",
        "KEPUTUSAN KEPALA DINAS PENDIDIKAN",
        "KABUPATEN BALANGAN",
        "NOMOR : 400.3/318/Disdik/2024",
        "TANGGAL : 2 Mei 2024",
        "TENTANG",
        "PENETAPAN WILAYAH ZONASI SEKOLAH",
        "MENENGAH PERTAMA NEGERI PADA",
        "PENERIMAAN PESERTA DIDIK BARU TAHUN",
        "AJARAN 2024/2025 DI KABUPATEN BALANGAN",
    ),
    judul=(
        "WILAYAH ZONASI SEKOLAH MENENGAH PERTAMA NEGERI",
        "PENERIMAAN PESERTA DIDIK BARU TAHUN AJARAN 2024/2025",
    ),
    isi=(
        Tabel(
            (1.4, 4.1, 3.4, 4.9, 2.7),
            (
                (
                    sel("NO."),
                    sel("SEKOLAH"),
                    sel("KECAMATAN"),
                    sel("DESA/KELURAHAN DALAM WILAYAH ZONASI"),
                    sel("DAYA TAMPUNG (ORANG)"),
                ),
            ),
            (
                _desa("1.", "SMP Negeri 1 Paringin", "Paringin", "Kelurahan Paringin Kota", "288", 4, 4),
                (sel("Kelurahan Paringin Timur"),),
                (sel("Desa Lasung Batu"),),
                (sel("Desa Balida"),),
                _desa("2.", "SMP Negeri 2 Paringin", "Paringin", "Desa Dahai", "192", 3, 2),
                (sel("Desa Mangkayahu"),),
                (sel("Paringin Selatan"), sel("Desa Batu Piring")),
                _desa("3.", "SMP Negeri 1 Lampihong", "Lampihong", "Desa Lampihong Kiri", "224", 3, 3),
                (sel("Desa Lampihong Kanan"),),
                (sel("Desa Simpang Tiga"),),
                (sel("JUMLAH", kolom=4, rata="tengah", tebal=True), sel("704", rata="kanan", tebal=True)),
            ),
        ),
    ),
)

_LAMPIRAN_PPID = Lampiran(
    kepala=(
        "LAMPIRAN",
        "KEPUTUSAN BUPATI BALANGAN",
        "NOMOR 188.45/156/2024",
        "TENTANG",
        "PEJABAT PENGELOLA INFORMASI DAN",
        "DOKUMENTASI DI LINGKUNGAN PEMERINTAH",
        "KABUPATEN BALANGAN",
    ),
    judul=(
        "SUSUNAN PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI",
        "DI LINGKUNGAN PEMERINTAH KABUPATEN BALANGAN",
    ),
    isi=(
        Tabel(
            (1.6, 5.5, 9.4),
            ((sel("NO."), sel("KEDUDUKAN DALAM PPID"), sel("JABATAN")), (sel("1"), sel("2"), sel("3"))),
            tuple(
                (sel(f"{i}.", rata="tengah"), sel(kedudukan), Sel(jabatan))
                for i, (kedudukan, jabatan) in enumerate(
                    (
                        ("Pembina", ("Bupati Balangan",)),
                        ("Pengarah", ("Wakil Bupati Balangan",)),
                        ("Atasan PPID", ("Sekretaris Daerah Kabupaten Balangan",)),
                        ("PPID Utama", ("Kepala Dinas Komunikasi dan Informatika Kabupaten Balangan",)),
                        (
                            "Sekretaris PPID Utama",
                            ("Sekretaris Dinas Komunikasi dan Informatika Kabupaten Balangan",),
                        ),
                        (
                            "Bidang Pelayanan Informasi",
                            (
                                "Kepala Bidang Informasi dan Komunikasi Publik pada Dinas Komunikasi dan "
                                "Informatika Kabupaten Balangan",
                            ),
                        ),
                        (
                            "Bidang Pengolahan Data dan Klasifikasi Informasi",
                            (
                                "Kepala Bidang Statistik dan Persandian pada Dinas Komunikasi dan Informatika "
                                "Kabupaten Balangan",
                            ),
                        ),
                        (
                            "Bidang Penyelesaian Sengketa Informasi",
                            ("Kepala Bagian Hukum Sekretariat Daerah Kabupaten Balangan",),
                        ),
                        (
                            "PPID Pelaksana",
                            (
                                "Kepala Perangkat Daerah di lingkungan Pemerintah Kabupaten Balangan, meliputi:",
                                "- sekretariat daerah dan sekretariat Dewan Perwakilan Rakyat Daerah",
                                "- inspektorat, dinas dan badan daerah",
                                "- kecamatan dan kelurahan",
                            ),
                        ),
                    ),
                    1,
                )
            ),
        ),
    ),
)

_LAMPIRAN_STANDAR_PELAYANAN = Lampiran(
    kepala=(
        "LAMPIRAN",
        "KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAN",
        "PENGEMBANGAN SUMBER DAYA MANUSIA",
        "KABUPATEN BALANGAN",
        "NOMOR : 800.1/87/Kpts/Ka/BKPSDM/2024",
        "TENTANG",
        "STANDAR PELAYANAN KENAIKAN PANGKAT DAN",
        "PENSIUN PEGAWAI NEGERI SIPIL PADA BADAN",
        "KEPEGAWAIAN DAN PENGEMBANGAN SUMBER",
        "DAYA MANUSIA KABUPATEN BALANGAN",
    ),
    judul=("STANDAR PELAYANAN KENAIKAN PANGKAT DAN PENSIUN", "PEGAWAI NEGERI SIPIL"),
    isi=(
        Paragraf("Kode Layanan: SP-BKPSDM-01", rata="kanan"),
        Paragraf("I. PELAYANAN USUL KENAIKAN PANGKAT", rata="tengah", tebal=True),
        Daftar(
            (
                Butir(
                    "Dasar hukum:",
                    (
                        Butir(
                            "Peraturan Pemerintah Nomor 99 Tahun 2000 tentang Kenaikan Pangkat Pegawai Negeri Sipil "
                            "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 12 Tahun 2002;"
                        ),
                        Butir(
                            "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil "
                            "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;"
                        ),
                    ),
                ),
                Butir(
                    "Persyaratan:",
                    (
                        Butir(
                            "usul kenaikan pangkat reguler:",
                            (
                                Butir("salinan sah keputusan pangkat terakhir;"),
                                Butir("dokumen penilaian kinerja 2 (dua) tahun terakhir;"),
                            ),
                        ),
                        Butir(
                            "usul kenaikan pangkat pilihan, ditambah:",
                            (
                                Butir(
                                    "salinan sah keputusan dalam jabatan terakhir dan surat pernyataan pelantikan;"
                                ),
                                Butir(
                                    "salinan sah ijazah dan transkrip nilai, bagi yang memperoleh ijazah lebih "
                                    "tinggi;"
                                ),
                            ),
                        ),
                    ),
                ),
                Butir(
                    "Sistem, mekanisme dan prosedur:",
                    (
                        Butir(
                            "Perangkat Daerah mengunggah berkas usul melalui Sistem Informasi Aparatur Sipil "
                            "Negara paling lambat 2 (dua) bulan sebelum periode kenaikan pangkat;"
                        ),
                        Butir("Tim Verifikasi memeriksa kelengkapan dan keabsahan berkas;"),
                        Butir(
                            "berkas yang lengkap disampaikan kepada Kantor Regional VIII Badan Kepegawaian "
                            "Negara untuk memperoleh pertimbangan teknis;"
                        ),
                        Butir(
                            "keputusan kenaikan pangkat diterbitkan secara elektronik dan disampaikan kepada "
                            "Pegawai Negeri Sipil yang bersangkutan;"
                        ),
                    ),
                ),
                Butir(
                    "Jangka waktu penyelesaian: 14 (empat belas) hari kerja sejak berkas dinyatakan lengkap, di "
                    "luar waktu pertimbangan teknis Badan Kepegawaian Negara;"
                ),
                Butir("Biaya/tarif: tidak dipungut biaya;"),
                Butir("Produk pelayanan: keputusan kenaikan pangkat dalam bentuk dokumen elektronik."),
            )
        ),
        Paragraf("II. PELAYANAN USUL PENSIUN", rata="tengah", tebal=True),
        Daftar(
            (
                Butir(
                    "Persyaratan:",
                    (
                        Butir(
                            "surat permohonan pensiun dari Pegawai Negeri Sipil yang bersangkutan, bagi pensiun "
                            "atas permintaan sendiri;"
                        ),
                        Butir(
                            "salinan sah keputusan pengangkatan sebagai calon Pegawai Negeri Sipil dan keputusan "
                            "pangkat terakhir;"
                        ),
                        Butir("daftar susunan keluarga yang disahkan oleh pejabat yang berwenang;"),
                        Butir("pasfoto terbaru ukuran 3 x 4 cm sebanyak 5 (lima) lembar;"),
                    ),
                ),
                Butir(
                    "Sistem, mekanisme dan prosedur:",
                    (
                        Butir(
                            "usul pensiun disampaikan paling lambat 6 (enam) bulan sebelum batas usia pensiun;"
                        ),
                        Butir(
                            "usul yang lengkap disampaikan kepada Kantor Regional VIII Badan Kepegawaian Negara "
                            "melalui layanan pensiun elektronik;"
                        ),
                    ),
                ),
                Butir(
                    "Jangka waktu penyelesaian: 21 (dua puluh satu) hari kerja sejak berkas dinyatakan lengkap;"
                ),
                Butir("Biaya/tarif: tidak dipungut biaya."),
            )
        ),
        Paragraf("III. PENANGANAN PENGADUAN, SARAN DAN MASUKAN", rata="tengah", tebal=True),
        Paragraf("Pengaduan, saran dan masukan dapat disampaikan melalui:", rata="kiri"),
        Daftar(
            (
                Butir(
                    "kotak saran di ruang pelayanan Badan Kepegawaian dan Pengembangan Sumber Daya Manusia "
                    "Kabupaten Balangan;"
                ),
                Butir("layanan aspirasi dan pengaduan daring rakyat (SP4N-LAPOR!);"),
                Butir("surel *bkpsdm@balangankab.go.id*;"),
                Butir("telepon/faksimile (0526) 2028060 pada hari dan jam kerja."),
            )
        ),
        Paragraf("IV. WAKTU PELAYANAN", rata="tengah", tebal=True),
        Tabel(
            (1.2, 4.5, 5.4, 5.4),
            ((sel("NO."), sel("HARI"), sel("JAM PELAYANAN"), sel("WAKTU ISTIRAHAT")),),
            (
                (
                    sel("1.", rata="tengah"),
                    sel("Senin sampai dengan Kamis"),
                    sel("08.00 - 15.30 WITA"),
                    sel("12.00 - 13.00 WITA"),
                ),
                (
                    sel("2.", rata="tengah"),
                    sel("Jumat"),
                    sel("08.00 - 11.00 WITA"),
                    sel("tanpa waktu istirahat"),
                ),
            ),
        ),
    ),
)

_KOLOM_TARGET = (1.12, 5.23, 5.97, 2.24, 2.24, 1.87, 1.87, 1.87, 1.87, 1.87, 1.87)


def _target(
    nomor: int, sasaran: Optional[tuple[str, int]], indikator: str, satuan: str, *angka: str
) -> tuple[Sel, ...]:
    """A row of yearly targets: its number, the sasaran (spanning its indicators) on its first row."""
    row = [sel(f"{nomor}.", rata="tengah")]
    if sasaran is not None:
        row.append(sel(sasaran[0], baris=sasaran[1]))
    row += [sel(indikator), sel(satuan, rata="tengah")]
    row += [sel(a, rata="tengah" if a == "WTP" else "kanan") for a in angka]
    return tuple(row)


_LAMPIRAN_IKU_BUPATI = Lampiran(
    kepala=(
        "LAMPIRAN",
        "KEPUTUSAN BUPATI BALANGAN",
        "NOMOR 188.45/412/2021",
        "TENTANG",
        "INDIKATOR KINERJA UTAMA PEMERINTAH",
        "KABUPATEN BALANGAN TAHUN 2021-2026",
    ),
    judul=("INDIKATOR KINERJA UTAMA PEMERINTAH KABUPATEN BALANGAN", "TAHUN 2021-2026"),
    isi=(
        Tabel(
            _KOLOM_TARGET,
            (
                (
                    sel("NO.", baris=2),
                    sel("SASARAN STRATEGIS", baris=2),
                    sel("INDIKATOR KINERJA UTAMA", baris=2),
                    sel("SATUAN", baris=2),
                    sel("KONDISI AWAL (2020)", baris=2),
                    sel("TARGET", kolom=6),
                ),
                tuple(sel(str(tahun)) for tahun in range(2021, 2027)),
                tuple(sel(str(k)) for k in range(1, 12)),
            ),
            (
                _target(
                    1,
                    ("Meningkatnya kualitas sumber daya manusia", 3),
                    "Indeks Pembangunan Manusia",
                    "Indeks",
                    "69,77",
                    "70,05",
                    "70,40",
                    "70,80",
                    "71,20",
                    "71,60",
                    "72,00",
                ),
                _target(
                    2,
                    None,
                    "Harapan Lama Sekolah",
                    "Tahun",
                    "12,21",
                    "12,25",
                    "12,30",
                    "12,35",
                    "12,40",
                    "12,45",
                    "12,50",
                ),
                _target(
                    3,
                    None,
                    "Usia Harapan Hidup",
                    "Tahun",
                    "67,88",
                    "67,95",
                    "68,05",
                    "68,15",
                    "68,25",
                    "68,35",
                    "68,45",
                ),
                _target(
                    4,
                    ("Meningkatnya pertumbuhan ekonomi daerah yang inklusif", 2),
                    "Laju Pertumbuhan Ekonomi",
                    "Persen",
                    "-1,25",
                    "3,50",
                    "4,00",
                    "4,50",
                    "4,75",
                    "5,00",
                    "5,25",
                ),
                _target(
                    5,
                    None,
                    "PDRB per Kapita atas Dasar Harga Berlaku",
                    "Juta Rupiah",
                    "78,40",
                    "80,10",
                    "82,50",
                    "85,00",
                    "87,60",
                    "90,30",
                    "93,00",
                ),
                _target(
                    6,
                    ("Menurunnya kemiskinan dan pengangguran", 2),
                    "Persentase Penduduk Miskin",
                    "Persen",
                    "5,31",
                    "5,20",
                    "5,05",
                    "4,90",
                    "4,75",
                    "4,60",
                    "4,45",
                ),
                _target(
                    7,
                    None,
                    "Tingkat Pengangguran Terbuka",
                    "Persen",
                    "3,88",
                    "3,80",
                    "3,70",
                    "3,60",
                    "3,50",
                    "3,40",
                    "3,30",
                ),
                _target(
                    8,
                    ("Meningkatnya akuntabilitas kinerja dan tata kelola pemerintahan", 3),
                    "Nilai Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP)",
                    "Nilai",
                    "62,15",
                    "63,00",
                    "65,00",
                    "67,00",
                    "70,00",
                    "72,00",
                    "75,00",
                ),
                _target(
                    9,
                    None,
                    "Indeks Reformasi Birokrasi",
                    "Indeks",
                    "58,20",
                    "60,00",
                    "62,00",
                    "64,00",
                    "66,00",
                    "68,00",
                    "70,00",
                ),
                _target(
                    10,
                    None,
                    "Opini Badan Pemeriksa Keuangan atas Laporan Keuangan Pemerintah Daerah",
                    "Opini",
                    "WTP",
                    "WTP",
                    "WTP",
                    "WTP",
                    "WTP",
                    "WTP",
                    "WTP",
                ),
            ),
        ),
        Paragraf(
            "Keterangan: WTP = Wajar Tanpa Pengecualian; PDRB = Produk Domestik Regional Bruto.", rata="kiri"
        ),
    ),
    lanskap=True,
)

_LAMPIRAN_IKU_INSPEKTORAT = Lampiran(
    kepala=(
        "LAMPIRAN",
        "KEPUTUSAN INSPEKTUR DAERAH KABUPATEN BALANGAN",
        "NOMOR : 700/1045/Kpts/INSP/2025",
        "TANGGAL : 11 Agustus 2025",
        "TENTANG",
        "PENETAPAN INDIKATOR KINERJA UTAMA INSPEKTORAT DAERAH KABUPATEN BALANGAN SEBAGAI ACUAN "
        "PENYUSUNAN RENCANA KINERJA TAHUNAN, PERJANJIAN KINERJA, LAPORAN KINERJA INSTANSI PEMERINTAH DAN "
        "EVALUASI AKUNTABILITAS KINERJA INTERNAL DI LINGKUNGAN INSPEKTORAT DAERAH KABUPATEN BALANGAN UNTUK "
        "PERIODE RENCANA STRATEGIS TAHUN 2025-2029",
    ),
    judul=("INDIKATOR KINERJA UTAMA (IKU)", "INSPEKTORAT DAERAH KABUPATEN BALANGAN TAHUN 2025-2029"),
    isi=(
        tabel_indikator(
            (
                "NO.",
                "SASARAN STRATEGIS",
                "INDIKATOR KINERJA UTAMA",
                "SATUAN",
                "MAKNA, ALASAN PEMILIHAN, FORMULASI PERHITUNGAN DAN SUMBER",
                "PENANGGUNG JAWAB",
                "SUMBER DATA",
            ),
            (1.14, 3.12, 3.41, 1.95, 9.40, 2.84, 2.84),
            _SASARAN_INSPEKTORAT,
        ),
    ),
    lanskap=True,
)

_LAMPIRAN_TIM_PENILAI = Lampiran(
    kepala=(
        "LAMPIRAN",
        "KEPUTUSAN BUPATI BALANGAN",
        "NOMOR 188.45/201/2024",
        "TENTANG",
        "PEMBENTUKAN TIM PENILAI KINERJA PEGAWAI",
        "NEGERI SIPIL DI LINGKUNGAN PEMERINTAH",
        "KABUPATEN BALANGAN",
    ),
    judul=(
        "SUSUNAN SEKRETARIAT TIM PENILAI KINERJA",
        "PEGAWAI NEGERI SIPIL DI LINGKUNGAN",
        "PEMERINTAH KABUPATEN BALANGAN",
    ),
    isi=(
        Tabel(
            (1.3, 10.2, 5.0),
            ((sel("NO."), sel("JABATAN"), sel("KEDUDUKAN DALAM SEKRETARIAT")),),
            tuple(
                (sel(f"{i}.", rata="tengah"), sel(jabatan), sel(kedudukan, rata="tengah"))
                for i, (jabatan, kedudukan) in enumerate(
                    (
                        (
                            "Sekretaris Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan",
                            "Koordinator",
                        ),
                        (
                            "Kepala Bidang Mutasi, Promosi dan Kinerja pada Badan Kepegawaian dan Pengembangan "
                            "Sumber Daya Manusia Kabupaten Balangan",
                            "Ketua Pelaksana",
                        ),
                        (
                            "Kepala Sub Bidang Penilaian Kinerja dan Penghargaan pada Badan Kepegawaian dan "
                            "Pengembangan Sumber Daya Manusia Kabupaten Balangan",
                            "Sekretaris",
                        ),
                        ("Analis Sumber Daya Manusia Aparatur Ahli Muda", "Anggota"),
                        ("Pranata Sumber Daya Manusia Aparatur Terampil", "Anggota"),
                    ),
                    1,
                )
            ),
        ),
    ),
)


SEED = Naskah(
    kop=_KOP_BKPSDM,
    alamat=_ALAMAT_BKPSDM,
    judul=(
        "KEPUTUSAN",
        "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN",
        "SUMBER DAYA MANUSIA KABUPATEN BALANGAN",
    ),
    nomor="NOMOR : 800/1199/Kpts/Ka/BKPSDM/2023",
    tentang=(
        "PENYESUAIAN INDIKATOR KINERJA UTAMA (IKU) DAN",
        "INDIKATOR KINERJA INDIVIDU (IKI) BADAN KEPEGAWAIAN DAN",
        "PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN BALANGAN TAHUN",
        "2021-2026",
    ),
    dengan_rahmat=False,
    pejabat=(
        "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN",
        "SUMBER DAYA MANUSIA KABUPATEN BALANGAN,",
    ),
    menimbang=(
        Butir(
            "Bahwa untuk menetapkan rencana kinerja tahunan, rencana kerja dan anggaran, menyusun dokumen "
            "perjanjian kinerja, menyusun laporan akuntabilitas kinerja serta melakukan evaluasi pencapaian "
            "kinerja sesuai dengan Penyesuaian Rencana Strategis Badan Kepegawaian dan Pengembangan Sumber "
            "Daya Manusia Kabupaten Balangan Tahun 2021-2026, maka Badan Kepegawaian dan Pengembangan Sumber "
            "Daya Manusia Kabupaten Balangan perlu menyesuaikan Indikator Kinerja Utama (IKU) dan Indikator "
            "Kinerja Individu (IKI);"
        ),
        Butir(
            "Bahwa penyusunan Penyesuaian Indikator Kinerja Utama (IKU) dan Indikator Kinerja Individu (IKI) "
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan Tahun 2021-2026 "
            "sebagaimana dimaksud huruf a di atas, ditetapkan dengan Keputusan Kepala Badan Kepegawaian dan "
            "Pengembangan Sumber Daya Manusia Kabupaten Balangan."
        ),
    ),
    mengingat=(
        Butir(
            "Undang-Undang Nomor 2 Tahun 2003 tentang Pembentukan Kabupaten Tanah Bumbu dan Kabupaten Balangan "
            "di Provinsi Kalimantan Selatan (Lembaran Negara Republik Indonesia Tahun 2003 Nomor 22, Tambahan "
            "Lembaran Negara Republik Indonesia Nomor 4265);"
        ),
        Butir(
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia "
            "Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) sebagaimana telah "
            "diubah kedua kalinya dengan Undang-Undang Nomor 9 Tahun 2015 tentang Perubahan Kedua atas "
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia "
            "Tahun 2015 Nomor 58, Tambahan Lembaran Negara Republik Indonesia Nomor 5679);"
        ),
        Butir(
            "Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan (Lembaran Negara Republik "
            "Indonesia Tahun 2014 Nomor 292, Tambahan Lembaran Negara Republik Indonesia Nomor 5601);"
        ),
        Butir(
            "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi "
            "Pemerintah (Lembaran Negara Republik Indonesia Tahun 2006 Nomor 25, Tambahan Lembaran Negara "
            "Republik Indonesia Nomor 4614);"
        ),
        Butir(
            "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/9/M.PAN/5/2007 tentang Pedoman "
            "Umum Penetapan Indikator Kinerja Utama di Lingkungan Instansi Pemerintahan;"
        ),
        Butir(
            "Peraturan Daerah Kabupaten Balangan Nomor 02 Tahun 2021 tentang Pembentukan dan Susunan Perangkat "
            "Daerah (Lembaran Daerah Kabupaten Balangan Tahun 2021 Nomor 2)."
        ),
    ),
    memperhatikan=(),
    diktum=(
        Butir(
            "Penyesuaian Indikator Kinerja Utama (IKU) dan Indikator Kinerja Individu (IKI) Badan Kepegawaian "
            "dan Pengembangan Sumber Daya Manusia Kabupaten Balangan Tahun 2021-2026 sebagaimana tercantum "
            "dalam lampiran I dan II Keputusan ini."
        ),
        Butir(
            "Penyesuaian Indikator Kinerja Utama (IKU) sebagaimana dimaksud pada DIKTUM KESATU merupakan "
            "ukuran kuantitatif dan kualitatif yang menggambarkan tingkat pencapaian tujuan dan sasaran "
            "strategis SKPD dan lebih bersifat *impact* dan/atau minimal *outcome*."
        ),
        Butir(
            "Penyesuaian Indikator Kinerja Individu (IKI) sebagaimana dimaksud pada DIKTUM KESATU merupakan "
            "ukuran kuantitatif dan kualitatif yang menggambarkan tingkat pencapaian tujuan dan sasaran "
            "kinerja dan bersifat *outcome* dan/atau *output* yang berkualitas."
        ),
        Butir("Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    ),
    tembusan=(),
    menetapkan=(
        "KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA TENTANG PENYESUAIAN "
        "INDIKATOR KINERJA UTAMA (IKU) DAN INDIKATOR KINERJA INDIVIDU (IKI) BADAN KEPEGAWAIAN DAN "
        "PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN BALANGAN TAHUN 2021-2026"
    ),
    tempat="Balangan",
    tanggal="22 September 2023",
    jabatan=_JABATAN_BKPSDM,
    nama="H. SUFRIANNOR, S.Sos, M.AP",
    pangkat="PEMBINA UTAMA MUDA",
    nip="NIP. 19681012 198903 1 009",
    tembusan_judul="Tembusan Yth.:",
    lampiran=(_LAMPIRAN_SEED_I, _LAMPIRAN_SEED_II),
)


TIM_VERIFIKASI = Naskah(
    kop=_KOP_BKPSDM,
    alamat=_ALAMAT_BKPSDM,
    judul=(
        "KEPUTUSAN",
        "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN",
        "SUMBER DAYA MANUSIA KABUPATEN BALANGAN",
    ),
    nomor="NOMOR : 800.1/214/Kpts/Ka/BKPSDM/2024",
    tentang=(
        "PEMBENTUKAN TIM VERIFIKASI BERKAS USUL KENAIKAN PANGKAT",
        "PEGAWAI NEGERI SIPIL DI LINGKUNGAN PEMERINTAH",
        "KABUPATEN BALANGAN PERIODE APRIL 2024",
    ),
    dengan_rahmat=False,
    pejabat=(
        "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN",
        "SUMBER DAYA MANUSIA KABUPATEN BALANGAN,",
    ),
    menimbang=(
        Butir(
            "bahwa dalam rangka tertib administrasi dan kelancaran pelayanan kenaikan pangkat Pegawai Negeri "
            "Sipil di lingkungan Pemerintah Kabupaten Balangan periode April 2024, perlu dilakukan verifikasi "
            "kelengkapan dan keabsahan berkas usul kenaikan pangkat sebelum disampaikan kepada Badan "
            "Kepegawaian Negara;"
        ),
        Butir(
            "bahwa untuk melaksanakan verifikasi sebagaimana dimaksud dalam huruf a, perlu membentuk tim "
            "verifikasi yang susunan keanggotaannya terdiri atas pegawai yang memiliki kompetensi di bidang "
            "kepangkatan;"
        ),
        Butir(
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan "
            "Keputusan Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan "
            "tentang Pembentukan Tim Verifikasi Berkas Usul Kenaikan Pangkat Pegawai Negeri Sipil di "
            "Lingkungan Pemerintah Kabupaten Balangan Periode April 2024."
        ),
    ),
    mengingat=(
        Butir(
            "Undang-Undang Nomor 2 Tahun 2003 tentang Pembentukan Kabupaten Tanah Bumbu dan Kabupaten Balangan "
            "di Provinsi Kalimantan Selatan (Lembaran Negara Republik Indonesia Tahun 2003 Nomor 22, Tambahan "
            "Lembaran Negara Republik Indonesia Nomor 4265);"
        ),
        Butir(
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia "
            "Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) sebagaimana telah "
            "beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan "
            "Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi "
            "Undang-Undang (Lembaran Negara Republik Indonesia Tahun 2023 Nomor 41, Tambahan Lembaran Negara "
            "Republik Indonesia Nomor 6856);"
        ),
        Butir(
            "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara (Lembaran Negara Republik "
            "Indonesia Tahun 2023 Nomor 141, Tambahan Lembaran Negara Republik Indonesia Nomor 6897);"
        ),
        Butir(
            "Peraturan Pemerintah Nomor 99 Tahun 2000 tentang Kenaikan Pangkat Pegawai Negeri Sipil (Lembaran "
            "Negara Republik Indonesia Tahun 2000 Nomor 196, Tambahan Lembaran Negara Republik Indonesia Nomor "
            "4017) sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 12 Tahun 2002 tentang Perubahan "
            "atas Peraturan Pemerintah Nomor 99 Tahun 2000 tentang Kenaikan Pangkat Pegawai Negeri Sipil "
            "(Lembaran Negara Republik Indonesia Tahun 2002 Nomor 33, Tambahan Lembaran Negara Republik "
            "Indonesia Nomor 4193);"
        ),
        Butir(
            "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil (Lembaran Negara "
            "Republik Indonesia Tahun 2017 Nomor 63, Tambahan Lembaran Negara Republik Indonesia Nomor 6037) "
            "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020 tentang Perubahan atas "
            "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil (Lembaran Negara "
            "Republik Indonesia Tahun 2020 Nomor 68, Tambahan Lembaran Negara Republik Indonesia Nomor 6477);"
        ),
        Butir(
            "Peraturan Kepala Badan Kepegawaian Negara Nomor 12 Tahun 2002 tentang Ketentuan Pelaksanaan "
            "Peraturan Pemerintah Nomor 99 Tahun 2000 tentang Kenaikan Pangkat Pegawai Negeri Sipil "
            "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 12 Tahun 2002;"
        ),
        Butir(
            "Peraturan Daerah Kabupaten Balangan Nomor 02 Tahun 2021 tentang Pembentukan dan Susunan Perangkat "
            "Daerah (Lembaran Daerah Kabupaten Balangan Tahun 2021 Nomor 2)."
        ),
    ),
    memperhatikan=(),
    diktum=(
        Butir(
            "Membentuk Tim Verifikasi Berkas Usul Kenaikan Pangkat Pegawai Negeri Sipil di Lingkungan "
            "Pemerintah Kabupaten Balangan Periode April 2024, yang selanjutnya disebut Tim, dengan susunan "
            "keanggotaan sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari "
            "Keputusan ini."
        ),
        Butir(
            "Tim sebagaimana dimaksud dalam Diktum KESATU mempunyai tugas:",
            (
                Butir(
                    "menerima dan mencatat usul kenaikan pangkat dari Perangkat Daerah melalui Sistem Informasi "
                    "Aparatur Sipil Negara;"
                ),
                Butir(
                    "memverifikasi kelengkapan dan keabsahan berkas usul kenaikan pangkat, meliputi:",
                    (
                        Butir("keputusan kenaikan pangkat terakhir;"),
                        Butir("dokumen penilaian kinerja 2 (dua) tahun terakhir;"),
                        Butir("ijazah dan transkrip nilai, bagi usul kenaikan pangkat penyesuaian ijazah;"),
                        Butir(
                            "surat tanda lulus ujian dinas atau ujian penyesuaian kenaikan pangkat, bagi yang "
                            "dipersyaratkan;"
                        ),
                    ),
                ),
                Butir(
                    "menyampaikan usul kenaikan pangkat yang memenuhi syarat kepada Kantor Regional VIII Badan "
                    "Kepegawaian Negara melalui Sistem Informasi Aparatur Sipil Negara;"
                ),
                Butir(
                    "mengembalikan berkas usul yang tidak memenuhi syarat kepada Perangkat Daerah pengusul "
                    "disertai alasan pengembaliannya;"
                ),
                Butir(
                    "melaporkan hasil pelaksanaan tugas kepada Kepala Badan Kepegawaian dan Pengembangan Sumber "
                    "Daya Manusia Kabupaten Balangan."
                ),
            ),
        ),
        Butir(
            "Dalam melaksanakan tugasnya, Tim bertanggung jawab kepada Kepala Badan Kepegawaian dan "
            "Pengembangan Sumber Daya Manusia Kabupaten Balangan."
        ),
        Butir(
            "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Dokumen Pelaksanaan "
            "Anggaran Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan Tahun Anggaran "
            "2024."
        ),
        Butir("Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    ),
    tembusan=(
        Butir("Bupati Balangan (sebagai laporan) di Paringin;"),
        Butir("Sekretaris Daerah Kabupaten Balangan di Paringin;"),
        Butir("Kepala Kantor Regional VIII Badan Kepegawaian Negara di Banjarmasin;"),
        Butir("Inspektur Daerah Kabupaten Balangan di Paringin;"),
        Butir("Yang bersangkutan untuk diketahui dan dilaksanakan."),
    ),
    menetapkan=(
        "KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN BALANGAN "
        "TENTANG PEMBENTUKAN TIM VERIFIKASI BERKAS USUL KENAIKAN PANGKAT PEGAWAI NEGERI SIPIL DI "
        "LINGKUNGAN PEMERINTAH KABUPATEN BALANGAN PERIODE APRIL 2024."
    ),
    tempat="Balangan",
    tanggal="5 Februari 2024",
    jabatan=_JABATAN_BKPSDM,
    nama="H. SUFRIANNOR, S.Sos, M.AP",
    pangkat="PEMBINA UTAMA MUDA",
    nip="NIP. 19681012 198903 1 009",
    tembusan_judul="Tembusan Yth.:",
    lampiran=(_LAMPIRAN_TIM_VERIFIKASI,),
)


ZONASI = Naskah(
    kop=_KOP_DISDIK,
    alamat=_ALAMAT_DISDIK,
    judul=(
        "KEPUTUSAN",
        "KEPALA DINAS PENDIDIKAN KABUPATEN BALANGAN",
    ),
    nomor="NOMOR : 400.3/318/Disdik/2024",
    tentang=(
        "PENETAPAN WILAYAH ZONASI SEKOLAH MENENGAH PERTAMA NEGERI",
        "PADA PENERIMAAN PESERTA DIDIK BARU TAHUN AJARAN 2024/2025",
        "DI KABUPATEN BALANGAN",
    ),
    dengan_rahmat=False,
    pejabat=("KEPALA DINAS PENDIDIKAN KABUPATEN BALANGAN,",),
    menimbang=(
        Butir(
            "bahwa berdasarkan ketentuan Pasal 16 Peraturan Menteri Pendidikan dan Kebudayaan Nomor 1 Tahun "
            "2021 tentang Penerimaan Peserta Didik Baru pada Taman Kanak-Kanak, Sekolah Dasar, Sekolah "
            "Menengah Pertama, Sekolah Menengah Atas, dan Sekolah Menengah Kejuruan, pemerintah daerah "
            "menetapkan wilayah zonasi pada setiap jenjang dengan prinsip mendekatkan domisili peserta didik "
            "dengan sekolah;"
        ),
        Butir(
            "bahwa untuk menjamin pemerataan akses layanan pendidikan dan mewujudkan penerimaan peserta didik "
            "baru yang objektif, transparan dan akuntabel, perlu menetapkan wilayah zonasi Sekolah Menengah "
            "Pertama Negeri di Kabupaten Balangan;"
        ),
        Butir(
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan "
            "Keputusan Kepala Dinas Pendidikan Kabupaten Balangan tentang Penetapan Wilayah Zonasi Sekolah "
            "Menengah Pertama Negeri pada Penerimaan Peserta Didik Baru Tahun Ajaran 2024/2025 di Kabupaten "
            "Balangan."
        ),
    ),
    mengingat=(
        Butir(
            "Undang-Undang Nomor 2 Tahun 2003 tentang Pembentukan Kabupaten Tanah Bumbu dan Kabupaten Balangan "
            "di Provinsi Kalimantan Selatan (Lembaran Negara Republik Indonesia Tahun 2003 Nomor 22, Tambahan "
            "Lembaran Negara Republik Indonesia Nomor 4265);"
        ),
        Butir(
            "Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan Nasional (Lembaran Negara Republik "
            "Indonesia Tahun 2003 Nomor 78, Tambahan Lembaran Negara Republik Indonesia Nomor 4301);"
        ),
        Butir(
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia "
            "Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) sebagaimana telah "
            "beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan "
            "Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi "
            "Undang-Undang (Lembaran Negara Republik Indonesia Tahun 2023 Nomor 41, Tambahan Lembaran Negara "
            "Republik Indonesia Nomor 6856);"
        ),
        Butir(
            "Peraturan Pemerintah Nomor 17 Tahun 2010 tentang Pengelolaan dan Penyelenggaraan Pendidikan "
            "(Lembaran Negara Republik Indonesia Tahun 2010 Nomor 23, Tambahan Lembaran Negara Republik "
            "Indonesia Nomor 5105) sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 66 Tahun 2010 "
            "tentang Perubahan atas Peraturan Pemerintah Nomor 17 Tahun 2010 tentang Pengelolaan dan "
            "Penyelenggaraan Pendidikan (Lembaran Negara Republik Indonesia Tahun 2010 Nomor 112, Tambahan "
            "Lembaran Negara Republik Indonesia Nomor 5157);"
        ),
        Butir(
            "Peraturan Menteri Pendidikan dan Kebudayaan Nomor 1 Tahun 2021 tentang Penerimaan Peserta Didik "
            "Baru pada Taman Kanak-Kanak, Sekolah Dasar, Sekolah Menengah Pertama, Sekolah Menengah Atas, dan "
            "Sekolah Menengah Kejuruan (Berita Negara Republik Indonesia Tahun 2021 Nomor 47);"
        ),
        Butir(
            "Peraturan Daerah Kabupaten Balangan Nomor 02 Tahun 2021 tentang Pembentukan dan Susunan Perangkat "
            "Daerah (Lembaran Daerah Kabupaten Balangan Tahun 2021 Nomor 2)."
        ),
    ),
    memperhatikan=(),
    diktum=(
        Butir(
            "Menetapkan wilayah zonasi Sekolah Menengah Pertama Negeri pada Penerimaan Peserta Didik Baru "
            "Tahun Ajaran 2024/2025 di Kabupaten Balangan sebagaimana tercantum dalam Lampiran yang merupakan "
            "bagian tidak terpisahkan dari Keputusan ini."
        ),
        Butir(
            "Penerimaan Peserta Didik Baru sebagaimana dimaksud dalam Diktum KESATU dilaksanakan melalui jalur:",
            (
                Butir("zonasi, paling sedikit 50% (lima puluh persen) dari daya tampung sekolah;"),
                Butir("afirmasi, paling sedikit 15% (lima belas persen) dari daya tampung sekolah;"),
                Butir(
                    "perpindahan tugas orang tua/wali, paling banyak 5% (lima persen) dari daya tampung sekolah;"
                ),
                Butir(
                    "prestasi, dari sisa kuota setelah pelaksanaan jalur sebagaimana dimaksud dalam huruf a, huruf "
                    "b dan huruf c."
                ),
            ),
        ),
        Butir(
            "Domisili calon peserta didik pada jalur zonasi ditentukan berdasarkan alamat pada kartu keluarga "
            "yang diterbitkan paling singkat 1 (satu) tahun sebelum tanggal pendaftaran."
        ),
        Butir("Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    ),
    tembusan=(
        Butir("Bupati Balangan (sebagai laporan) di Paringin;"),
        Butir("Kepala Lembaga Penjaminan Mutu Pendidikan Provinsi Kalimantan Selatan di Banjarbaru;"),
        Butir("Kepala Sekolah Menengah Pertama Negeri se-Kabupaten Balangan."),
    ),
    menetapkan=(
        "KEPUTUSAN KEPALA DINAS PENDIDIKAN KABUPATEN BALANGAN TENTANG PENETAPAN WILAYAH ZONASI SEKOLAH "
        "MENENGAH PERTAMA NEGERI PADA PENERIMAAN PESERTA DIDIK BARU TAHUN AJARAN 2024/2025 DI KABUPATEN "
        "BALANGAN."
    ),
    tempat="Paringin",
    tanggal="2 Mei 2024",
    jabatan=("KEPALA DINAS PENDIDIKAN", "KABUPATEN BALANGAN,"),
    nama="Dra. HJ. NOORHAYATI, M.Pd.",
    pangkat="Pembina Utama Muda",
    nip="NIP. 19690314 199403 2 006",
    tembusan_judul="Tembusan :",
    lampiran=(_LAMPIRAN_ZONASI,),
)


PPID = Naskah(
    kop=_KOP_BUPATI,
    alamat=(),
    judul=("KEPUTUSAN BUPATI BALANGAN",),
    nomor="NOMOR 188.45/156/2024",
    tentang=(
        "PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI",
        "DI LINGKUNGAN PEMERINTAH KABUPATEN BALANGAN",
    ),
    dengan_rahmat=True,
    pejabat=("BUPATI BALANGAN,",),
    menimbang=(
        Butir(
            "bahwa berdasarkan ketentuan Pasal 13 ayat (1) Undang-Undang Nomor 14 Tahun 2008 tentang "
            "Keterbukaan Informasi Publik, setiap badan publik menunjuk Pejabat Pengelola Informasi dan "
            "Dokumentasi untuk mewujudkan pelayanan informasi yang cepat, tepat dan sederhana;"
        ),
        Butir(
            "bahwa dengan adanya perubahan nomenklatur dan susunan organisasi Perangkat Daerah, Keputusan "
            "Bupati Balangan Nomor 188.45/203/2021 tentang Pejabat Pengelola Informasi dan Dokumentasi di "
            "Lingkungan Pemerintah Kabupaten Balangan sudah tidak sesuai lagi sehingga perlu diganti;"
        ),
        Butir(
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan "
            "Keputusan Bupati tentang Pejabat Pengelola Informasi dan Dokumentasi di Lingkungan Pemerintah "
            "Kabupaten Balangan."
        ),
    ),
    mengingat=(
        Butir("Undang-Undang Dasar Negara Republik Indonesia Tahun 1945;"),
        Butir(
            "Undang-Undang Nomor 2 Tahun 2003 tentang Pembentukan Kabupaten Tanah Bumbu dan Kabupaten Balangan "
            "di Provinsi Kalimantan Selatan (Lembaran Negara Republik Indonesia Tahun 2003 Nomor 22, Tambahan "
            "Lembaran Negara Republik Indonesia Nomor 4265);"
        ),
        Butir(
            "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik (Lembaran Negara Republik "
            "Indonesia Tahun 2008 Nomor 61, Tambahan Lembaran Negara Republik Indonesia Nomor 4846);"
        ),
        Butir(
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (Lembaran Negara Republik Indonesia "
            "Tahun 2009 Nomor 112, Tambahan Lembaran Negara Republik Indonesia Nomor 5038);"
        ),
        Butir(
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia "
            "Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) sebagaimana telah "
            "beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan "
            "Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi "
            "Undang-Undang (Lembaran Negara Republik Indonesia Tahun 2023 Nomor 41, Tambahan Lembaran Negara "
            "Republik Indonesia Nomor 6856);"
        ),
        Butir(
            "Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan Undang-Undang Nomor 14 Tahun 2008 "
            "tentang Keterbukaan Informasi Publik (Lembaran Negara Republik Indonesia Tahun 2010 Nomor 99, "
            "Tambahan Lembaran Negara Republik Indonesia Nomor 5149);"
        ),
        Butir(
            "Peraturan Daerah Kabupaten Balangan Nomor 5 Tahun 2019 tentang Penyelenggaraan Pelayanan Publik "
            "(Lembaran Daerah Kabupaten Balangan Tahun 2019 Nomor 5, Tambahan Lembaran Daerah Kabupaten "
            "Balangan Nomor 52);"
        ),
        Butir(
            "Peraturan Bupati Balangan Nomor 12 Tahun 2022 tentang Pedoman Pengelolaan Pelayanan Informasi dan "
            "Dokumentasi di Lingkungan Pemerintah Kabupaten Balangan (Berita Daerah Kabupaten Balangan Tahun "
            "2022 Nomor 12)."
        ),
    ),
    memperhatikan=(),
    diktum=(
        Butir(
            "Menunjuk Pejabat Pengelola Informasi dan Dokumentasi di Lingkungan Pemerintah Kabupaten Balangan, "
            "yang selanjutnya disebut PPID, dengan susunan sebagaimana tercantum dalam Lampiran yang merupakan "
            "bagian tidak terpisahkan dari Keputusan Bupati ini."
        ),
        Butir(
            "PPID Utama mempunyai tugas:",
            (
                Butir(
                    "mengoordinasikan penyimpanan dan pendokumentasian seluruh informasi publik yang dikuasai oleh "
                    "Pemerintah Kabupaten Balangan;"
                ),
                Butir(
                    "mengoordinasikan pengumpulan seluruh informasi publik, yang meliputi:",
                    (
                        Butir("informasi yang wajib disediakan dan diumumkan secara berkala;"),
                        Butir("informasi yang wajib diumumkan secara serta merta;"),
                        Butir("informasi yang wajib tersedia setiap saat;"),
                    ),
                ),
                Butir("melakukan uji konsekuensi atas informasi yang dikecualikan;"),
                Butir(
                    "menyampaikan laporan pelaksanaan pelayanan informasi publik kepada Bupati setiap akhir tahun."
                ),
            ),
        ),
        Butir(
            "PPID Pelaksana pada setiap Perangkat Daerah melaksanakan pelayanan informasi publik di lingkungan "
            "Perangkat Daerah masing-masing dan bertanggung jawab kepada PPID Utama."
        ),
        Butir(
            "Segala biaya yang timbul akibat ditetapkannya Keputusan Bupati ini dibebankan pada Anggaran "
            "Pendapatan dan Belanja Daerah Kabupaten Balangan."
        ),
        Butir(
            "Dengan ditetapkannya Keputusan ini, Keputusan Bupati Balangan Nomor 188.45/203/2021 dicabut dan "
            "dinyatakan tidak berlaku."
        ),
        Butir("Keputusan Bupati ini mulai berlaku pada tanggal ditetapkan."),
    ),
    tembusan=(
        Butir("Gubernur Kalimantan Selatan di Banjarbaru;"),
        Butir("Ketua Komisi Informasi Provinsi Kalimantan Selatan di Banjarmasin;"),
        Butir("Ketua Dewan Perwakilan Rakyat Daerah Kabupaten Balangan di Paringin;"),
        Butir("Kepala Perangkat Daerah di Lingkungan Pemerintah Kabupaten Balangan."),
    ),
    menetapkan=(
        "KEPUTUSAN BUPATI BALANGAN TENTANG PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI DI LINGKUNGAN "
        "PEMERINTAH KABUPATEN BALANGAN."
    ),
    tempat="Paringin",
    tanggal="18 Maret 2024",
    jabatan=("BUPATI BALANGAN,",),
    nama="ABDUL HADI",
    pangkat="",
    nip="",
    tembusan_judul="Tembusan Yth.:",
    lampiran=(_LAMPIRAN_PPID,),
)


STANDAR_PELAYANAN = Naskah(
    kop=_KOP_BKPSDM,
    alamat=_ALAMAT_BKPSDM,
    judul=(
        "KEPUTUSAN",
        "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN",
        "SUMBER DAYA MANUSIA KABUPATEN BALANGAN",
    ),
    nomor="NOMOR : 800.1/87/Kpts/Ka/BKPSDM/2024",
    tentang=(
        "STANDAR PELAYANAN KENAIKAN PANGKAT DAN PENSIUN",
        "PEGAWAI NEGERI SIPIL PADA BADAN KEPEGAWAIAN DAN",
        "PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN BALANGAN",
    ),
    dengan_rahmat=False,
    pejabat=(
        "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN",
        "SUMBER DAYA MANUSIA KABUPATEN BALANGAN,",
    ),
    menimbang=(
        Butir(
            "bahwa berdasarkan ketentuan Pasal 15 huruf a dan Pasal 20 ayat (1) Undang-Undang Nomor 25 Tahun "
            "2009 tentang Pelayanan Publik, penyelenggara pelayanan publik berkewajiban menyusun dan "
            "menetapkan standar pelayanan dengan memperhatikan:",
            (
                Butir("kemampuan penyelenggara;"),
                Butir("kebutuhan masyarakat;"),
                Butir("kondisi lingkungan;"),
            ),
        ),
        Butir(
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan "
            "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan tentang Standar "
            "Pelayanan Kenaikan Pangkat dan Pensiun Pegawai Negeri Sipil pada Badan Kepegawaian dan "
            "Pengembangan Sumber Daya Manusia Kabupaten Balangan."
        ),
    ),
    mengingat=(
        Butir(
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (Lembaran Negara Republik Indonesia "
            "Tahun 2009 Nomor 112, Tambahan Lembaran Negara Republik Indonesia Nomor 5038);"
        ),
        Butir(
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia "
            "Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) sebagaimana telah "
            "beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan "
            "Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi "
            "Undang-Undang (Lembaran Negara Republik Indonesia Tahun 2023 Nomor 41, Tambahan Lembaran Negara "
            "Republik Indonesia Nomor 6856);"
        ),
        Butir(
            "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 "
            "tentang Pelayanan Publik (Lembaran Negara Republik Indonesia Tahun 2012 Nomor 215, Tambahan "
            "Lembaran Negara Republik Indonesia Nomor 5357);"
        ),
        Butir(
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun 2014 "
            "tentang Pedoman Standar Pelayanan (Berita Negara Republik Indonesia Tahun 2014 Nomor 615);"
        ),
        Butir(
            "Peraturan Daerah Kabupaten Balangan Nomor 02 Tahun 2021 tentang Pembentukan dan Susunan Perangkat "
            "Daerah (Lembaran Daerah Kabupaten Balangan Tahun 2021 Nomor 2)."
        ),
    ),
    memperhatikan=(
        Butir(
            "Berita Acara Forum Konsultasi Publik Penyusunan Standar Pelayanan Badan Kepegawaian dan "
            "Pengembangan Sumber Daya Manusia Kabupaten Balangan tanggal 10 Januari 2024."
        ),
    ),
    diktum=(
        Butir(
            "Menetapkan Standar Pelayanan Kenaikan Pangkat dan Pensiun Pegawai Negeri Sipil pada Badan "
            "Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan sebagaimana tercantum dalam "
            "Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini."
        ),
        Butir(
            "Standar Pelayanan sebagaimana dimaksud dalam Diktum KESATU menjadi pedoman bagi pegawai dalam "
            "memberikan pelayanan dan tolok ukur bagi masyarakat dalam menilai kinerja pelayanan."
        ),
        Butir(
            "Standar Pelayanan sebagaimana dimaksud dalam Diktum KESATU wajib dipublikasikan pada ruang "
            "pelayanan dan laman resmi Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten "
            "Balangan."
        ),
        Butir("Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    ),
    tembusan=(),
    menetapkan=(
        "KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN BALANGAN "
        "TENTANG STANDAR PELAYANAN KENAIKAN PANGKAT DAN PENSIUN PEGAWAI NEGERI SIPIL PADA BADAN "
        "KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN BALANGAN."
    ),
    tempat="Balangan",
    tanggal="22 Januari 2024",
    jabatan=_JABATAN_BKPSDM,
    nama="H. SUFRIANNOR, S.Sos, M.AP",
    pangkat="PEMBINA UTAMA MUDA",
    nip="NIP. 19681012 198903 1 009",
    tembusan_judul="Tembusan Yth.:",
    lampiran=(_LAMPIRAN_STANDAR_PELAYANAN,),
)


IKU_BUPATI = Naskah(
    kop=_KOP_BUPATI,
    alamat=(),
    judul=("KEPUTUSAN BUPATI BALANGAN",),
    nomor="NOMOR 188.45/412/2021",
    tentang=(
        "INDIKATOR KINERJA UTAMA PEMERINTAH KABUPATEN BALANGAN",
        "TAHUN 2021-2026",
    ),
    dengan_rahmat=True,
    pejabat=("BUPATI BALANGAN,",),
    menimbang=(
        Butir(
            "bahwa dalam rangka pengukuran, pelaporan dan peningkatan akuntabilitas kinerja Pemerintah "
            "Kabupaten Balangan, perlu menetapkan Indikator Kinerja Utama sebagai ukuran keberhasilan "
            "pencapaian tujuan dan sasaran strategis daerah;"
        ),
        Butir(
            "bahwa Indikator Kinerja Utama sebagaimana dimaksud dalam huruf a harus selaras dengan Rencana "
            "Pembangunan Jangka Menengah Daerah Kabupaten Balangan Tahun 2021-2026;"
        ),
        Butir(
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan "
            "Keputusan Bupati tentang Indikator Kinerja Utama Pemerintah Kabupaten Balangan Tahun 2021-2026."
        ),
    ),
    mengingat=(
        Butir(
            "Undang-Undang Nomor 2 Tahun 2003 tentang Pembentukan Kabupaten Tanah Bumbu dan Kabupaten Balangan "
            "di Provinsi Kalimantan Selatan (Lembaran Negara Republik Indonesia Tahun 2003 Nomor 22, Tambahan "
            "Lembaran Negara Republik Indonesia Nomor 4265);"
        ),
        Butir(
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia "
            "Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) sebagaimana telah "
            "beberapa kali diubah, terakhir dengan Undang-Undang Nomor 11 Tahun 2020 tentang Cipta Kerja "
            "(Lembaran Negara Republik Indonesia Tahun 2020 Nomor 245, Tambahan Lembaran Negara Republik "
            "Indonesia Nomor 6573);"
        ),
        Butir(
            "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi "
            "Pemerintah (Lembaran Negara Republik Indonesia Tahun 2006 Nomor 25, Tambahan Lembaran Negara "
            "Republik Indonesia Nomor 4614);"
        ),
        Butir(
            "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah "
            "(Lembaran Negara Republik Indonesia Tahun 2014 Nomor 80);"
        ),
        Butir(
            "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/9/M.PAN/5/2007 tentang Pedoman "
            "Umum Penetapan Indikator Kinerja Utama di Lingkungan Instansi Pemerintah;"
        ),
        Butir(
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 "
            "tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan "
            "Kinerja Instansi Pemerintah (Berita Negara Republik Indonesia Tahun 2014 Nomor 1842);"
        ),
        Butir(
            "Peraturan Daerah Kabupaten Balangan Nomor 3 Tahun 2021 tentang Rencana Pembangunan Jangka "
            "Menengah Daerah Kabupaten Balangan Tahun 2021-2026 (Lembaran Daerah Kabupaten Balangan Tahun 2021 "
            "Nomor 3)."
        ),
    ),
    memperhatikan=(),
    diktum=(
        Butir(
            "Menetapkan Indikator Kinerja Utama Pemerintah Kabupaten Balangan Tahun 2021-2026 sebagaimana "
            "tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan Bupati ini."
        ),
        Butir(
            "Indikator Kinerja Utama sebagaimana dimaksud dalam Diktum KESATU digunakan sebagai acuan dalam:",
            (
                Butir("penyusunan Rencana Kerja Pemerintah Daerah dan Rencana Kerja Perangkat Daerah;"),
                Butir("penyusunan perjanjian kinerja Bupati dan kepala Perangkat Daerah;"),
                Butir("pengukuran dan pelaporan kinerja dalam Laporan Kinerja Instansi Pemerintah;"),
                Butir("evaluasi akuntabilitas kinerja Perangkat Daerah."),
            ),
        ),
        Butir(
            "Setiap kepala Perangkat Daerah menyelaraskan Indikator Kinerja Utama Perangkat Daerah yang "
            "dipimpinnya dengan Indikator Kinerja Utama sebagaimana dimaksud dalam Diktum KESATU."
        ),
        Butir("Keputusan Bupati ini mulai berlaku pada tanggal ditetapkan."),
    ),
    tembusan=(
        Butir("Gubernur Kalimantan Selatan di Banjarbaru;"),
        Butir("Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi di Jakarta;"),
        Butir("Ketua Dewan Perwakilan Rakyat Daerah Kabupaten Balangan di Paringin;"),
        Butir("Inspektur Daerah Kabupaten Balangan di Paringin."),
    ),
    menetapkan=(
        "KEPUTUSAN BUPATI BALANGAN TENTANG INDIKATOR KINERJA UTAMA PEMERINTAH KABUPATEN BALANGAN TAHUN "
        "2021-2026."
    ),
    tempat="Paringin",
    tanggal="15 November 2021",
    jabatan=("BUPATI BALANGAN,",),
    nama="ABDUL HADI",
    pangkat="",
    nip="",
    tembusan_judul="Tembusan Yth.:",
    lampiran=(_LAMPIRAN_IKU_BUPATI,),
)


IKU_INSPEKTORAT = Naskah(
    kop=_KOP_INSPEKTORAT,
    alamat=_ALAMAT_INSPEKTORAT,
    judul=(
        "KEPUTUSAN",
        "INSPEKTUR DAERAH KABUPATEN BALANGAN",
    ),
    nomor="NOMOR : 700/1045/Kpts/INSP/2025",
    tentang=(
        "PENETAPAN INDIKATOR KINERJA UTAMA INSPEKTORAT DAERAH",
        "KABUPATEN BALANGAN SEBAGAI ACUAN PENYUSUNAN RENCANA",
        "KINERJA TAHUNAN, PERJANJIAN KINERJA, LAPORAN KINERJA",
        "INSTANSI PEMERINTAH DAN EVALUASI AKUNTABILITAS",
        "KINERJA INTERNAL DI LINGKUNGAN INSPEKTORAT DAERAH",
        "KABUPATEN BALANGAN UNTUK PERIODE RENCANA STRATEGIS",
        "TAHUN 2025-2029",
    ),
    dengan_rahmat=False,
    pejabat=("INSPEKTUR DAERAH KABUPATEN BALANGAN,",),
    menimbang=(
        Butir(
            "bahwa dengan telah ditetapkannya Rencana Strategis Inspektorat Daerah Kabupaten Balangan Tahun "
            "2025-2029, perlu menetapkan Indikator Kinerja Utama sebagai ukuran keberhasilan pencapaian "
            "sasaran strategis Inspektorat Daerah Kabupaten Balangan;"
        ),
        Butir(
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan "
            "Inspektur Daerah Kabupaten Balangan tentang Penetapan Indikator Kinerja Utama Inspektorat Daerah "
            "Kabupaten Balangan sebagai Acuan Penyusunan Rencana Kinerja Tahunan, Perjanjian Kinerja, Laporan "
            "Kinerja Instansi Pemerintah dan Evaluasi Akuntabilitas Kinerja Internal di Lingkungan Inspektorat "
            "Daerah Kabupaten Balangan untuk Periode Rencana Strategis Tahun 2025-2029."
        ),
    ),
    mengingat=(
        Butir(
            "Undang-Undang Nomor 2 Tahun 2003 tentang Pembentukan Kabupaten Tanah Bumbu dan Kabupaten Balangan "
            "di Provinsi Kalimantan Selatan (Lembaran Negara Republik Indonesia Tahun 2003 Nomor 22, Tambahan "
            "Lembaran Negara Republik Indonesia Nomor 4265);"
        ),
        Butir(
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia "
            "Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) sebagaimana telah "
            "beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan "
            "Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi "
            "Undang-Undang (Lembaran Negara Republik Indonesia Tahun 2023 Nomor 41, Tambahan Lembaran Negara "
            "Republik Indonesia Nomor 6856);"
        ),
        Butir(
            "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi "
            "Pemerintah (Lembaran Negara Republik Indonesia Tahun 2006 Nomor 25, Tambahan Lembaran Negara "
            "Republik Indonesia Nomor 4614);"
        ),
        Butir(
            "Peraturan Pemerintah Nomor 60 Tahun 2008 tentang Sistem Pengendalian Intern Pemerintah (Lembaran "
            "Negara Republik Indonesia Tahun 2008 Nomor 127, Tambahan Lembaran Negara Republik Indonesia Nomor "
            "4890);"
        ),
        Butir(
            "Peraturan Pemerintah Nomor 12 Tahun 2017 tentang Pembinaan dan Pengawasan Penyelenggaraan "
            "Pemerintahan Daerah (Lembaran Negara Republik Indonesia Tahun 2017 Nomor 73, Tambahan Lembaran "
            "Negara Republik Indonesia Nomor 6041);"
        ),
        Butir(
            "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah "
            "(Lembaran Negara Republik Indonesia Tahun 2014 Nomor 80);"
        ),
        Butir(
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 "
            "tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan "
            "Kinerja Instansi Pemerintah (Berita Negara Republik Indonesia Tahun 2014 Nomor 1842);"
        ),
        Butir(
            "Peraturan Daerah Kabupaten Balangan Nomor 02 Tahun 2021 tentang Pembentukan dan Susunan Perangkat "
            "Daerah (Lembaran Daerah Kabupaten Balangan Tahun 2021 Nomor 2)."
        ),
    ),
    memperhatikan=(),
    diktum=(
        Butir(
            "Menetapkan Indikator Kinerja Utama Inspektorat Daerah Kabupaten Balangan Tahun 2025-2029 "
            "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini."
        ),
        Butir(
            "Indikator Kinerja Utama sebagaimana dimaksud dalam Diktum KESATU menjadi acuan dalam penyusunan "
            "Rencana Kinerja Tahunan, Perjanjian Kinerja, Laporan Kinerja Instansi Pemerintah dan evaluasi "
            "akuntabilitas kinerja internal."
        ),
        Butir("Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    ),
    tembusan=(),
    menetapkan=(
        "KEPUTUSAN INSPEKTUR DAERAH KABUPATEN BALANGAN TENTANG PENETAPAN INDIKATOR KINERJA UTAMA "
        "INSPEKTORAT DAERAH KABUPATEN BALANGAN SEBAGAI ACUAN PENYUSUNAN RENCANA KINERJA TAHUNAN, "
        "PERJANJIAN KINERJA, LAPORAN KINERJA INSTANSI PEMERINTAH DAN EVALUASI AKUNTABILITAS KINERJA "
        "INTERNAL DI LINGKUNGAN INSPEKTORAT DAERAH KABUPATEN BALANGAN UNTUK PERIODE RENCANA STRATEGIS "
        "TAHUN 2025-2029."
    ),
    tempat="Paringin",
    tanggal="11 Agustus 2025",
    jabatan=("INSPEKTUR DAERAH", "KABUPATEN BALANGAN,"),
    nama="H. MUHAMMAD RIFANI, S.E., M.M.",
    pangkat="Pembina Utama Muda",
    nip="NIP. 19700825 199803 1 004",
    tembusan_judul="Tembusan :",
    lampiran=(_LAMPIRAN_IKU_INSPEKTORAT,),
)


TIM_PENILAI = Naskah(
    kop=_KOP_BUPATI,
    alamat=(),
    judul=("KEPUTUSAN BUPATI BALANGAN",),
    nomor="NOMOR 188.45/201/2024",
    tentang=(
        "PEMBENTUKAN TIM PENILAI KINERJA PEGAWAI NEGERI SIPIL",
        "DI LINGKUNGAN PEMERINTAH KABUPATEN BALANGAN",
    ),
    dengan_rahmat=True,
    pejabat=("BUPATI BALANGAN,",),
    menimbang=(
        Butir(
            "bahwa berdasarkan ketentuan Pasal 49 ayat (1) Peraturan Pemerintah Nomor 30 Tahun 2019 tentang "
            "Penilaian Kinerja Pegawai Negeri Sipil, Pejabat Pembina Kepegawaian membentuk tim penilai kinerja "
            "Pegawai Negeri Sipil untuk memberikan pertimbangan dalam pengambilan keputusan di bidang "
            "manajemen Pegawai Negeri Sipil;"
        ),
        Butir(
            "bahwa dengan adanya perubahan susunan organisasi Perangkat Daerah di lingkungan Pemerintah "
            "Kabupaten Balangan, Keputusan Bupati Balangan Nomor 188.45/277/2020 tentang Pembentukan Tim "
            "Penilai Kinerja Pegawai Negeri Sipil di Lingkungan Pemerintah Kabupaten Balangan perlu diganti;"
        ),
        Butir(
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan "
            "Keputusan Bupati tentang Pembentukan Tim Penilai Kinerja Pegawai Negeri Sipil di Lingkungan "
            "Pemerintah Kabupaten Balangan."
        ),
    ),
    mengingat=(
        Butir(
            "Undang-Undang Nomor 2 Tahun 2003 tentang Pembentukan Kabupaten Tanah Bumbu dan Kabupaten Balangan "
            "di Provinsi Kalimantan Selatan (Lembaran Negara Republik Indonesia Tahun 2003 Nomor 22, Tambahan "
            "Lembaran Negara Republik Indonesia Nomor 4265);"
        ),
        Butir(
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia "
            "Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) sebagaimana telah "
            "beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan "
            "Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi "
            "Undang-Undang (Lembaran Negara Republik Indonesia Tahun 2023 Nomor 41, Tambahan Lembaran Negara "
            "Republik Indonesia Nomor 6856);"
        ),
        Butir(
            "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara (Lembaran Negara Republik "
            "Indonesia Tahun 2023 Nomor 141, Tambahan Lembaran Negara Republik Indonesia Nomor 6897);"
        ),
        Butir(
            "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil (Lembaran Negara "
            "Republik Indonesia Tahun 2017 Nomor 63, Tambahan Lembaran Negara Republik Indonesia Nomor 6037) "
            "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020 tentang Perubahan atas "
            "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil (Lembaran Negara "
            "Republik Indonesia Tahun 2020 Nomor 68, Tambahan Lembaran Negara Republik Indonesia Nomor 6477);"
        ),
        Butir(
            "Peraturan Pemerintah Nomor 30 Tahun 2019 tentang Penilaian Kinerja Pegawai Negeri Sipil (Lembaran "
            "Negara Republik Indonesia Tahun 2019 Nomor 77, Tambahan Lembaran Negara Republik Indonesia Nomor "
            "6340)."
        ),
    ),
    memperhatikan=(),
    diktum=(
        Butir(
            "Membentuk Tim Penilai Kinerja Pegawai Negeri Sipil di Lingkungan Pemerintah Kabupaten Balangan, "
            "yang selanjutnya disebut Tim Penilai Kinerja, dengan susunan keanggotaan secara ex officio "
            "sebagai berikut:",
            (
                Butir("Ketua : Sekretaris Daerah Kabupaten Balangan;"),
                Butir(
                    "Sekretaris : Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan;"
                ),
                Butir(
                    "Anggota:",
                    (
                        Butir(
                            "Asisten Pemerintahan dan Kesejahteraan Rakyat Sekretariat Daerah Kabupaten Balangan;"
                        ),
                        Butir("Asisten Perekonomian dan Pembangunan Sekretariat Daerah Kabupaten Balangan;"),
                        Butir("Asisten Administrasi Umum Sekretariat Daerah Kabupaten Balangan;"),
                        Butir("Inspektur Daerah Kabupaten Balangan;"),
                        Butir(
                            "Kepala Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah Kabupaten "
                            "Balangan."
                        ),
                    ),
                ),
            ),
        ),
        Butir(
            "Tim Penilai Kinerja sebagaimana dimaksud dalam Diktum KESATU mempunyai tugas memberikan "
            "pertimbangan kepada Bupati selaku Pejabat Pembina Kepegawaian dalam:",
            (
                Butir("pengangkatan, pemindahan dan promosi dalam jabatan;"),
                Butir("pemberian tunjangan dan sanksi;"),
                Butir("mutasi serta keikutsertaan dalam pendidikan dan pelatihan;"),
                Butir(
                    "pengembangan karier Pegawai Negeri Sipil yang berkinerja baik dan pembinaan Pegawai Negeri "
                    "Sipil yang kinerjanya tidak memenuhi target."
                ),
            ),
        ),
        Butir(
            "Dalam melaksanakan tugasnya, Tim Penilai Kinerja dibantu oleh sekretariat yang berkedudukan pada "
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan dengan susunan "
            "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan "
            "Bupati ini."
        ),
        Butir(
            "Segala biaya yang timbul akibat ditetapkannya Keputusan Bupati ini dibebankan pada Anggaran "
            "Pendapatan dan Belanja Daerah Kabupaten Balangan."
        ),
        Butir(
            "Dengan ditetapkannya Keputusan Bupati ini, Keputusan Bupati Balangan Nomor 188.45/277/2020 "
            "tentang Pembentukan Tim Penilai Kinerja Pegawai Negeri Sipil di Lingkungan Pemerintah Kabupaten "
            "Balangan dicabut dan dinyatakan tidak berlaku."
        ),
        Butir("Keputusan Bupati ini mulai berlaku pada tanggal ditetapkan."),
    ),
    tembusan=(
        Butir("Gubernur Kalimantan Selatan di Banjarbaru;"),
        Butir("Kepala Badan Kepegawaian Negara di Jakarta;"),
        Butir("Kepala Kantor Regional VIII Badan Kepegawaian Negara di Banjarmasin;"),
        Butir("Ketua Dewan Perwakilan Rakyat Daerah Kabupaten Balangan di Paringin;"),
        Butir("Inspektur Daerah Kabupaten Balangan di Paringin."),
    ),
    menetapkan=(
        "KEPUTUSAN BUPATI BALANGAN TENTANG PEMBENTUKAN TIM PENILAI KINERJA PEGAWAI NEGERI SIPIL DI "
        "LINGKUNGAN PEMERINTAH KABUPATEN BALANGAN."
    ),
    tempat="Paringin",
    tanggal="20 Mei 2024",
    jabatan=("BUPATI BALANGAN,",),
    nama="ABDUL HADI",
    pangkat="",
    nip="",
    tembusan_judul="Tembusan Yth.:",
    lampiran=(_LAMPIRAN_TIM_PENILAI,),
    tanda_diktum=("a.", "1.", "-"),
)


# ---------------------------------------------------------------------------------------------- documents


def _bahwa(butir: tuple[Butir, ...], *nomor: int) -> tuple[Butir, ...]:
    """The typist's capital: "Bahwa" in the given considerations, "bahwa" in the others."""
    return tuple(
        replace(b, teks="B" + b.teks[1:]) if i in nomor and b.teks.startswith("bahwa") else b
        for i, b in enumerate(butir)
    )


def make_seed_iku_iki(path: Path) -> Path:
    """The seed, word for word (its "I" row number, its "Formulasi perhitungan", its LAMPIRAN II header).

    Kop: emblem and lines in a borderless two-column table with a thick-thin rule
    under it. Body: tabs and typed markers with hanging indents. Each lampiran in a
    landscape section (a section break): the IKU / IKI tables with six columns,
    heading and column-number rows repeated on every page (w:tblHeader), Word
    bullets for the references, sasaran 6 merged down over its two indicators.
    """
    n, pena = SEED, Pena()
    doc = dokumen(F4)
    nomor = Penomoran(doc)
    kop_tabel(doc, pena, n, F4)
    judul(doc, pena, n)
    konsiderans_tab(doc, pena, n)
    memutuskan(doc, pena)
    diktum_tab(doc, pena, n)
    penetapan(doc, pena, n, 7.0, "seed")
    tanda_tangan(doc, pena, n, 7.0)
    for lampiran in n.lampiran:
        bagian_lanskap(doc, F4)
        kepala_lampiran(doc, pena, lampiran, 17.0)
        judul_lampiran(doc, pena, lampiran)
        isi_lampiran(doc, pena, lampiran, peluru=nomor)
        tanda_tangan(doc, pena, n, 17.0)
    return simpan(doc, path)


def make_tim_verifikasi_tab(path: Path) -> Path:
    """Normal style only, everything by direct formatting (Arial 12 on every run, spacing on every paragraph).

    Kop: plain centred paragraphs, a rule under the address (no picture).
    Menimbang/Mengingat/diktum with tabs and markers typed as text, sub-items
    a./1) typed too. Noise: "Menimbang " and ":" in separate runs, double
    spaces after commas, trailing spaces, empty paragraphs between the parts.
    Tembusan Yth.:, a page break before the LAMPIRAN, the name and NIP in one
    cell with a line break between them.
    """
    n = TIM_VERIFIKASI
    pena = Pena(
        huruf="Arial", ukuran=12, spasi_ganda=True, spasi_akhir=True, titik_dua_sendiri=True, kosong=True
    )
    doc = dokumen(F4, normal=False)
    kop_paragraf(doc, pena, n, lambang=False)
    judul(doc, pena, n)
    konsiderans_tab(doc, pena, n)
    memutuskan(doc, pena)
    diktum_tab(doc, pena, n)
    penetapan(doc, pena, n, 7.0, "di")
    tanda_tangan(doc, pena, n, 7.0)
    tembusan(doc, pena, n)
    halaman_baru(doc, pena)
    for lampiran in n.lampiran:
        kepala_lampiran(doc, pena, lampiran, 6.5)
        judul_lampiran(doc, pena, lampiran)
        isi_lampiran(doc, pena, lampiran)
        tanda_tangan(doc, pena, n, 7.0)
    return simpan(doc, path)


def make_zonasi_tabel_tata(path: Path) -> Path:
    """Menimbang/Mengingat and the diktum laid out in borderless tables (label | : | letter | text).

    Kop: in the first page's header (emblem and lines in a header table, rule
    under it). The diktum's text spans the letter and text columns (gridSpan).
    The signature block in the right cell of a borderless table. Noise: non-
    breaking spaces in "Nomor 23", "Tahun 2014", "NIP. 1969...". Tembusan :, a
    page break before the LAMPIRAN; its table merges a school's cells down over
    its villages (vMerge) and JUMLAH across four columns (gridSpan).
    """
    n, pena = ZONASI, Pena(nbsp=True)
    kertas = Kertas(21.5, 33.0, atas=1.5)
    doc = dokumen(kertas)
    kop_kepala_halaman(doc.sections[0], pena, n, kertas)
    judul(doc, pena, n)
    konsiderans_tabel(doc, pena, n, kertas)
    kosong(doc, pena)
    tanda_tangan_tabel(doc, pena, n, kertas.isi_cm, dengan_penetapan=True)
    tembusan(doc, pena, n)
    halaman_baru(doc, pena)
    for lampiran in n.lampiran:
        kepala_lampiran(doc, pena, lampiran, 6.5)
        judul_lampiran(doc, pena, lampiran)
        isi_lampiran(doc, pena, lampiran, ulang=True)
        tanda_tangan_tabel(doc, pena, n, kertas.isi_cm, dengan_penetapan=False)
    return simpan(doc, path)


def make_ppid_nomor_otomatis(path: Path) -> Path:
    """Word's automatic numbering (w:numPr and numbering.xml) for a./b., 1./2., the diktum's sub-items,
    the tembusan and the bullets in a lampiran cell: none of those markers is text.

    A Bupati's decree: emblem centred above BUPATI BALANGAN, "KEPUTUSAN BUPATI
    BALANGAN" on one line, NOMOR without a colon, DENGAN RAHMAT TUHAN YANG MAHA
    ESA, a signature with the name only; "- 2 -" page numbers in the header
    from page 2. Menimbang/Mengingat: label | : | numbered paragraphs in a
    borderless table. Noise: "Bahwa" beside "bahwa", empty paragraphs.
    """
    n = replace(PPID, menimbang=_bahwa(PPID.menimbang, 1))
    pena = Pena(kosong=True)
    kertas = Kertas(21.5, 33.0, bawah=2.5)
    doc = dokumen(kertas)
    nomor = Penomoran(doc)
    kop_paragraf(doc, pena, n, lambang=True)
    nomor_di_kepala(doc.sections[0], pena)
    judul(doc, pena, n)
    konsiderans_otomatis(doc, pena, n, kertas, nomor)
    memutuskan(doc, pena)
    diktum_tab(doc, pena, n, anak=anak_otomatis(doc, pena, n, nomor))
    penetapan(doc, pena, n, 9.0, "spasi")
    tanda_tangan(doc, pena, n, 9.0)
    tembusan(doc, pena, n, nomor)
    halaman_baru(doc, pena)
    for lampiran in n.lampiran:
        kepala_lampiran(doc, pena, lampiran, 6.5)
        judul_lampiran(doc, pena, lampiran)
        isi_lampiran(doc, pena, lampiran, peluru=nomor)
        tanda_tangan(doc, pena, n, 9.0)
    return simpan(doc, path)


def make_standar_pelayanan_inden(path: Path) -> Path:
    """Indents only: label, colon and marker typed with spaces, wrapped lines hanging at the left indent.

    Kop: the emblem floating in front of the text (wp:anchor) at the left of
    centred lines. Memperhatikan. Line breaks (Shift+Enter) inside a
    consideration, a legal basis and a diktum. Noise: non-breaking and trailing
    spaces. The lampiran: headings, lettered lists with 1) and - items typed
    with indents, and a small table.
    """
    base = STANDAR_PELAYANAN
    menimbang = (
        base.menimbang[0],
        replace(base.menimbang[1], teks=patah(base.menimbang[1].teks, "perlu menetapkan")),
    )
    mengingat = (
        base.mengingat[0],
        replace(base.mengingat[1], teks=patah(base.mengingat[1].teks, "sebagaimana telah")),
        *base.mengingat[2:],
    )
    diktum = (
        replace(base.diktum[0], teks=patah(base.diktum[0].teks, "sebagaimana tercantum")),
        *base.diktum[1:],
    )
    n = replace(base, menimbang=menimbang, mengingat=mengingat, diktum=diktum)
    pena = Pena(nbsp=True, spasi_akhir=True)
    doc = dokumen(F4)
    kop_melayang(doc, pena, n)
    judul(doc, pena, n)
    bagian_inden(doc, pena, "Menimbang", n.menimbang, ("a.", "1)"))
    bagian_inden(doc, pena, "Mengingat", n.mengingat, ("1.", "a."))
    bagian_inden(doc, pena, "Memperhatikan", n.memperhatikan, ("1.", "a."))
    memutuskan(doc, pena)
    diktum_inden(doc, pena, n)
    penetapan(doc, pena, n, 7.0, "spasi")
    tanda_tangan(doc, pena, n, 7.0)
    halaman_baru(doc, pena)
    for lampiran in n.lampiran:
        kepala_lampiran(doc, pena, lampiran, 6.5)
        judul_lampiran(doc, pena, lampiran)
        isi_lampiran(doc, pena, lampiran)
        tanda_tangan(doc, pena, n, 7.0)
    return simpan(doc, path)


def make_iku_bupati_tabel_dipecah(path: Path) -> Path:
    """A table the typist split by hand: after row 5, a page break and a new table with the three heading
    rows typed again (no w:tblHeader anywhere).

    Headings on two levels: TARGET spans the years 2021..2026 (gridSpan), NO.,
    SASARAN STRATEGIS, ... span both heading rows (vMerge); a column-number row
    1..11; each sasaran merged down over its indicators. A Bupati's decree with
    tabs and typed markers, Tembusan Yth.:, the lampiran in a landscape section,
    a "Keterangan:" paragraph under the table.
    """
    n, pena = IKU_BUPATI, Pena()
    kertas = Kertas(21.5, 33.0, bawah=2.5)
    doc = dokumen(kertas)
    kop_paragraf(doc, pena, n, lambang=True)
    nomor_di_kepala(doc.sections[0], pena)
    judul(doc, pena, n)
    konsiderans_tab(doc, pena, n)
    memutuskan(doc, pena)
    diktum_tab(doc, pena, n)
    penetapan(doc, pena, n, 9.0, "di")
    tanda_tangan(doc, pena, n, 9.0)
    tembusan(doc, pena, n)
    for lampiran in n.lampiran:
        bagian_lanskap(doc, kertas)
        kepala_lampiran(doc, pena, lampiran, 17.0)
        judul_lampiran(doc, pena, lampiran)
        isi_lampiran(doc, pena, lampiran, ulang=False, pecah=(5,))
        tanda_tangan(doc, pena, n, 17.0)
    return simpan(doc, path)


def make_iku_inspektorat_a4(path: Path) -> Path:
    """A4, page numbers in the footer, the kop in a table with a double rule.

    The lampiran (landscape section) has its header as a table (LAMPIRAN :
    KEPUTUSAN ..., NOMOR :, TANGGAL :, TENTANG :) and an IKU table with a SATUAN
    column whose first sasaran, merged down over seven indicators, is taller
    than a page; heading rows repeat; references as typed bullets.
    """
    n, pena = IKU_INSPEKTORAT, Pena()
    doc = dokumen(A4)
    kop_tabel(doc, pena, n, A4, garis="double")
    nomor_halaman(tulis(doc.sections[0].footer.paragraphs[0], pena, rata="tengah"), pena, "{n}")
    judul(doc, pena, n)
    konsiderans_tab(doc, pena, n)
    memutuskan(doc, pena)
    diktum_tab(doc, pena, n)
    penetapan(doc, pena, n, 9.0, "di")
    tanda_tangan(doc, pena, n, 9.0)
    for lampiran in n.lampiran:
        bagian_lanskap(doc, A4)
        kepala_lampiran_tabel(doc, pena, lampiran, A4.isi_lanskap_cm)
        judul_lampiran(doc, pena, lampiran)
        isi_lampiran(doc, pena, lampiran, ukuran=9)
        tanda_tangan(doc, pena, n, 16.0)
    return simpan(doc, path)


def make_tim_penilai_berantakan(path: Path) -> Path:
    """Every bit of noise at once, in a Bupati's decree whose kop sits in the first page's header.

    Double and non-breaking spaces, trailing spaces, empty paragraphs between the
    parts, "Menimbang " and ":" in separate runs, "Bahwa" beside "bahwa", the
    diktum's members "a. Ketua : ..." with 1. 2. under "c. Anggota:", page
    numbers "- 2 -" in the header, Tembusan Yth.:, a page break before the
    LAMPIRAN. And text no decree model holds: the legal department's
    "Salinan sesuai dengan aslinya" block (the certified copy) under the tembusan.
    """
    n = replace(TIM_PENILAI, menimbang=_bahwa(TIM_PENILAI.menimbang, 0, 2))
    pena = Pena(nbsp=True, spasi_ganda=True, spasi_akhir=True, titik_dua_sendiri=True, kosong=True)
    doc = dokumen(F4)
    kop_kepala_halaman(doc.sections[0], pena, n, F4)
    nomor_di_kepala(doc.sections[0], pena)
    judul(doc, pena, n)
    konsiderans_tab(doc, pena, n)
    memutuskan(doc, pena)
    diktum_tab(doc, pena, n)
    penetapan(doc, pena, n, 9.0, "di")
    tanda_tangan(doc, pena, n, 9.0)
    tembusan(doc, pena, n)
    salinan(doc, pena)
    halaman_baru(doc, pena)
    for lampiran in n.lampiran:
        kepala_lampiran(doc, pena, lampiran, 6.5)
        judul_lampiran(doc, pena, lampiran)
        isi_lampiran(doc, pena, lampiran)
        tanda_tangan(doc, pena, n, 9.0)
    return simpan(doc, path)


def salinan(doc: DocumentObject, pena: Pena) -> None:
    """The certified-copy block of the legal department, at the bottom left."""
    kosong(doc, pena)
    for teks in ("Salinan sesuai dengan aslinya", "KEPALA BAGIAN HUKUM", "SETDA KABUPATEN BALANGAN,"):
        tambah(doc, pena, teks, lanjut=True)
    for _ in range(3):
        tambah(doc, pena, lanjut=True)
    tambah(doc, pena, "RAHMAT HIDAYAT, S.H., M.H.", tebal=True, garis_bawah=True, lanjut=True)
    tambah(doc, pena, "Pembina (IV/a)", lanjut=True)
    tambah(doc, pena, pena.ketik("NIP. 19780412 200312 1 006"))


OFFICE_DOCX: dict[str, Callable[[Path], Path]] = {
    "seed_iku_iki": make_seed_iku_iki,
    "tim_verifikasi_tab": make_tim_verifikasi_tab,
    "zonasi_tabel_tata": make_zonasi_tabel_tata,
    "ppid_nomor_otomatis": make_ppid_nomor_otomatis,
    "standar_pelayanan_inden": make_standar_pelayanan_inden,
    "iku_bupati_tabel_dipecah": make_iku_bupati_tabel_dipecah,
    "iku_inspektorat_a4": make_iku_inspektorat_a4,
    "tim_penilai_berantakan": make_tim_penilai_berantakan,
}

# The profile (in content/contoh/profiles/) whose kop, title form, tembusan heading and signatory match.
OFFICE_PROFILE: dict[str, str] = {
    "seed_iku_iki": "bkpsdm-balangan.yaml",
    "tim_verifikasi_tab": "bkpsdm-balangan.yaml",
    "zonasi_tabel_tata": "disdik-balangan.yaml",
    "ppid_nomor_otomatis": "bupati-balangan.yaml",
    "standar_pelayanan_inden": "bkpsdm-balangan.yaml",
    "iku_bupati_tabel_dipecah": "bupati-balangan.yaml",
    "iku_inspektorat_a4": "inspektorat-balangan.yaml",
    "tim_penilai_berantakan": "bupati-balangan.yaml",
}
