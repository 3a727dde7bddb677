"""The decree as it prints, before any file format: the one contract of every renderer.

:func:`layout` turns a loaded :class:`~keputusan.decree.Decree` into a
:class:`Layout`: every part a decree prints (kop, title block, opening,
konsiderans, diktum, penetapan and signature, tembusan, paraf, lampiran
headers and blocks), the page geometry of each section, the page furniture
(draft watermark, page numbers, the TTE footer), the fonts and the document
properties. The DOCX renderer (through the docxtpl template), the reportlab
PDF, the plain text and the redline draw only from it and never go back to
the model, so a form taught here appears in every output.

Paragraphs carry a kind, a marker, a list level and an alignment; tables
carry header rows on any number of levels, merged cells, column numbers on or
off and row numbers, automatic or typed. :mod:`diff` composes a redline from
the public builders below (:func:`numbered`, :func:`diktum_paras`,
:func:`indicator_table`, :func:`general_table`, :func:`signature`, ...).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from .decree import CLOSING_QUOTES, Decree, Item
from .model import Indikator, Kolom, Lampiran, Paragraf, Sasaran, Tabel, TabelIndikator
from .richtext import Break, Inline, ListBlock, Paragraph, RichText, Run
from .text import shorten

# Paragraph kinds. In the body (konsiderans, diktum): "item" (the first line of a numbered part:
# label, colon, marker, text), "lanjutan" (a further paragraph of it), "butir" (a list item, at
# ``level`` 1, 2, ...), "jarak" (vertical space). In lampiran paragraphs and table cells: "isi"
# (a paragraph) and "butir"; in table headings "kepala". ``align`` is "" for the kind's usual
# alignment (justified body, left cells, centred headings), else kiri / tengah / kanan / penuh.
KINDS = ("item", "lanjutan", "butir", "jarak", "isi", "kepala")
ALIGNS = ("", "kiri", "tengah", "kanan", "penuh")
WATERMARK = "DRAFT"
CORE_PROPERTY_LIMIT = 255  # characters: Word's (and python-docx's) limit for a core property


Line = tuple[Inline, ...]
"""One line of text as styled runs (in a redline, some inserted or deleted)."""


def line(text: str) -> Line:
    return (Run(text),) if text else ()


def plain(runs: Line) -> str:
    """The text of a line as it reads after accepting its changes."""
    return "".join(" " if isinstance(r, Break) else r.text for r in runs if getattr(r, "rev", None) != "del")


@dataclass(frozen=True)
class Para:
    kind: str
    runs: Line = ()
    label: Line = ()
    colon: Line = ()
    marker: Line = ()
    level: int = 0  # list depth: 0 for the part's own text, 1 for its list items, 2 inside those
    align: str = ""


@dataclass(frozen=True)
class Cell:
    paras: tuple[Para, ...]
    span: int = 1  # grid columns
    merge: Optional[str] = None  # "restart" / "continue" (merged with the cell above)


@dataclass(frozen=True)
class TableLayout:
    """A bordered table: heading rows, the optional column-number row, then the body rows.

    ``header`` and ``rows`` hold every grid position: a cell covered by one above it is a
    ``merge="continue"`` cell of the same span, so renderers never count spans themselves.
    """

    header: tuple[tuple[Cell, ...], ...]
    column_numbers: bool
    widths: tuple[float, ...]  # relative, one per grid column
    rows: tuple[tuple[Cell, ...], ...]
    # In a redline: "ins"/"del" per body row (a row inserted or deleted as a whole), and the
    # whole table's mark (its headings and column numbers too); empty/None elsewhere.
    row_revs: tuple[Optional[str], ...] = ()
    rev: Optional[str] = None
    numbers_rev: Optional[str] = None  # the column-number row alone came or went

    @property
    def header_rows(self) -> int:
        """Rows repeated at the top of every page: the headings and the column numbers."""
        return len(self.header) + (1 if self.column_numbers else 0)

    @property
    def columns(self) -> int:
        return len(self.widths)

    @property
    def headings(self) -> tuple[Line, ...]:
        """The heading of each grid column, read down to its lowest level (for plain text)."""
        out: list[list[str]] = [[] for _ in self.widths]
        for row in self.header:
            column = 0
            for cell in row:
                if cell.merge != "continue":
                    text = " ".join(plain(p.runs) for p in cell.paras)
                    for c in range(column, column + cell.span):
                        out[c].append(text)
                column += cell.span
        return tuple(line(" / ".join(dict.fromkeys(parts))) for parts in out)


@dataclass(frozen=True)
class Block:
    """A lampiran content block: a table, or paragraphs."""

    table: Optional[TableLayout] = None
    paras: tuple[Para, ...] = ()


@dataclass(frozen=True)
class Page:
    """One section's paper as printed (a landscape page is wider than high), in millimetres."""

    width_mm: float
    height_mm: float
    left_mm: float
    right_mm: float
    top_mm: float
    bottom_mm: float

    @property
    def landscape(self) -> bool:
        return self.width_mm > self.height_mm

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm

    @property
    def text_height_mm(self) -> float:
        return self.height_mm - self.top_mm - self.bottom_mm


@dataclass(frozen=True)
class SignatureLayout:
    """The signature block on the right half: place and date (the body's only), the jabatan,
    the signing space (with the TTE anchor, if any), the name, then rank and NIP; paraf
    hierarki beside the name on a draft's last block; a QR code of the verification URL."""

    penetapan: tuple[tuple[Line, Line], ...]
    jabatan: Line
    name: Line
    details: tuple[Line, ...]
    anchor: Line = ()
    paraf: tuple[tuple[Line, Line], ...] = ()  # (jabatan, initials or empty) beside the name
    qr: Optional[str] = None  # the text a QR code beside the block encodes


@dataclass(frozen=True)
class LampiranLayout:
    header: tuple[Line, ...]
    title: tuple[Line, ...]
    blocks: tuple[Block, ...]
    signature: Optional[SignatureLayout]
    page: Page
    rev: Optional[str] = None  # in a redline: the whole lampiran inserted or deleted
    was: Optional[Page] = None  # in a redline: the paper it had, when that changed

    @property
    def landscape(self) -> bool:
        return self.page.landscape


@dataclass(frozen=True)
class KopLine:
    runs: Line
    size: float  # pt
    bold: bool


@dataclass(frozen=True)
class KopLayout:
    """The letterhead: ``perangkat_daerah`` (emblem left of the lines, address, rule),
    ``kepala_daerah`` (emblem centred above the office title) or ``gambar`` (one image)."""

    kind: str
    image: Optional[Path]  # the emblem, or the whole letterhead for "gambar"
    image_width_mm: float
    lines: tuple[KopLine, ...]
    address: tuple[Line, ...]
    address_size: float
    rule: str  # tunggal / ganda / tebal-tipis / tidak ada


@dataclass(frozen=True)
class PageNumbers:
    format: str  # "- {n} -"
    position: str  # "atas" / "bawah"
    first_page: bool


@dataclass(frozen=True)
class Furniture:
    """What every page carries besides the text."""

    watermark: str = ""  # "DRAFT" on drafts
    page_numbers: Optional[PageNumbers] = None
    footer: Line = ()  # the TTE footer, on every page


@dataclass(frozen=True)
class Fonts:
    family: str
    size: float  # body, pt
    table_size: float  # lampiran tables, pt


@dataclass(frozen=True)
class Properties:
    """Document properties, from the decree and never from the clock."""

    title: str
    subject: str
    author: str
    keywords: str
    date: Optional[dt.date]
    redline: bool = False  # a redline's properties say so (see render_docx.REDLINE_CATEGORY)

    @property
    def short_title(self) -> str:
        """The title as a DOCX core property holds it (at most 255 characters)."""
        return shorten(self.title, CORE_PROPERTY_LIMIT)


@dataclass(frozen=True)
class Layout:
    """Every part of a decree as it prints, in order, with its pages and furniture."""

    kop: KopLayout
    title: tuple[Line, ...]
    opening: tuple[Line, ...]
    konsiderans: tuple[Para, ...]
    memutuskan: Line
    diktum: tuple[Para, ...]
    signature: SignatureLayout
    page: Page
    fonts: Fonts
    properties: Properties
    furniture: Furniture = Furniture()
    tembusan_heading: Line = ()
    tembusan: tuple[Para, ...] = ()
    paraf_heading: Line = ()
    paraf: Optional[TableLayout] = None  # paraf koordinasi
    lampiran: tuple[LampiranLayout, ...] = field(default_factory=tuple)

    @property
    def pages(self) -> tuple[Page, ...]:
        """The paper of each section: the body, then each lampiran."""
        return (self.page, *(lamp.page for lamp in self.lampiran))


# --------------------------------------------------------------------------- paragraphs and lists


_JOINED = re.compile(r"[;,]\s+(?:dan|atau|dan/atau|serta)$")  # "...; dan" before the last item


def _ends(runs: Line) -> bool:
    text = plain(runs).rstrip().rstrip(CLOSING_QUOTES)  # '...Selatan."' ends with its quoted '.'
    return text.endswith((";", ".", ":", ",", "!", "?")) or _JOINED.search(text) is not None


def _with(runs: Line, suffix: str) -> Line:
    return runs + (Run(suffix),) if suffix and not _ends(runs) else runs


def _list_paras(block: ListBlock, level: int, kind: str, punctuate: bool, last: str) -> list[Para]:
    """A list's items (and the lists inside them) as 'butir' paragraphs at ``level``.

    With ``punctuate`` each item that does not end in punctuation gets ';', and the list's
    very last item ``last`` ('.' or the enclosing item's ending)."""
    out: list[Para] = []
    for number, item in enumerate(block.items, 1):
        final = number == len(block.items)
        ending = ""
        if punctuate:
            ending = last if final and not item.sub else ";"
        out.append(Para("butir", _with(item.inlines, ending), marker=line(block.marker(number)), level=level))
        for index, sub in enumerate(item.sub):
            sub_last = last if final and index == len(item.sub) - 1 else ";"
            out += _list_paras(sub, level + 1, kind, punctuate, sub_last)
    return out


def paragraphs(
    text: RichText,
    first: Para,
    ending: str = "",
    kind: str = "lanjutan",
    prefix: str = "",
    punctuate: bool = False,
    level: int = 0,
) -> list[Para]:
    """The paragraphs of one text; its first block takes the label and marker of ``first``.

    Paragraphs after the first are ``kind``; list items are "butir" one level deeper, with
    their markers (a., 1), -) counted here. ``ending`` goes at the end of the text (on its
    last list item when it ends in a list); with ``punctuate`` list items end in ';'.
    """
    out: list[Para] = []
    blocks = text.blocks
    for index, block in enumerate(blocks):
        final = index == len(blocks) - 1
        suffix = ending if final else ""
        lead: tuple[Inline, ...] = (Run(prefix),) if prefix and index == 0 else ()
        if isinstance(block, Paragraph):
            runs = lead + block.inlines + ((Run(suffix),) if suffix else ())
            out.append(
                replace(first, runs=runs) if not out else Para(kind, runs, level=level, align=first.align)
            )
            continue
        if not out and (lead or first.label or first.marker or first.kind != "isi"):
            out.append(replace(first, runs=lead))  # the line of the label and marker, before the list
        last = suffix or ("." if punctuate and final else ";" if punctuate else "")
        items = _list_paras(block, level + 1, kind, punctuate, last)
        if not punctuate and suffix and items:
            items[-1] = replace(items[-1], runs=items[-1].runs + (Run(suffix),))
        out += items
    return out or [first]


def numbered(label: str, items: Sequence[Item], first_of_part: bool = True) -> list[Para]:
    """Items under a label (Menimbang : a. ...); only the part's first item shows the label."""
    out: list[Para] = []
    for index, item in enumerate(items):
        labelled = index == 0 and first_of_part
        first = Para(
            "item",
            label=line(label) if labelled else (),
            colon=line(":") if labelled else (),
            marker=line(item.marker),
        )
        out += paragraphs(item.text, first, item.ending, punctuate=True)
    return out


def konsiderans(decree: Decree) -> tuple[Para, ...]:
    """Menimbang, Mengingat and (when present) Memperhatikan, with space between them."""
    out = numbered("Menimbang", decree.menimbang())
    out += [Para("jarak")] + numbered("Mengingat", decree.mengingat())
    if decree.content.memperhatikan:
        out += [Para("jarak")] + numbered("Memperhatikan", decree.memperhatikan())
    return tuple(out)


def menetapkan(decree: Decree) -> Para:
    """'Menetapkan : KEPUTUSAN ... TENTANG ....'"""
    return Para("item", line(decree.menetapkan), label=line("Menetapkan"), colon=line(":"))


def diktum_paras(item: Item) -> list[Para]:
    """One diktum: its ordinal, colon and text, its lists punctuated."""
    return paragraphs(item.text, Para("item", label=line(item.marker), colon=line(":")), punctuate=True)


def diktum(decree: Decree) -> tuple[Para, ...]:
    """'Menetapkan : ...' then each diktum under its ordinal."""
    out = [menetapkan(decree)]
    for item in decree.diktum():
        out += diktum_paras(item)
    return tuple(out)


def tembusan(decree: Decree) -> tuple[Para, ...]:
    """The copy list: numbered, each ending ';' and the last '.'."""
    return tuple(
        Para("butir", _with(line(item.text.source), item.ending), marker=line(item.marker), level=1)
        for item in decree.tembusan()
    )


# --------------------------------------------------------------------------- tables


def _cell_paras(text: RichText, align: str = "", prefix: str = "") -> list[Para]:
    return paragraphs(text, Para("isi", align=align), kind="isi", prefix=prefix)


EMPTY = (Para("isi"),)


def _head(text: str) -> tuple[Para, ...]:
    return (Para("kepala", line(text)),)


def _explanation(table: TabelIndikator, indikator: Indikator) -> tuple[Para, ...]:
    label = table.label
    out: list[Para] = []
    for name, text in (
        (label.makna, indikator.makna),
        (label.alasan_pemilihan, indikator.alasan_pemilihan),
        (label.formulasi_perhitungan, indikator.formulasi_perhitungan),
    ):
        out += _cell_paras(text, prefix=f"{name} : ")
    references = indikator.sumber_referensi
    if len(references) == 1:
        out += _cell_paras(references[0], prefix=f"{label.sumber_referensi} : ")
    else:
        out.append(Para("isi", (Run(f"{label.sumber_referensi} :"),)))
        for reference in references:
            out += paragraphs(reference, Para("butir", marker=line("•"), level=1), kind="isi", level=1)
    return tuple(out)


def _indicator_cell(
    table: TabelIndikator, number: int, sasaran: Sasaran, indikator: Indikator, isi: str
) -> tuple[Para, ...]:
    if isi == "nomor":
        return (Para("isi", (Run(f"{number}."),), align="tengah"),)
    if isi == "sasaran":
        return tuple(_cell_paras(sasaran.nama))
    if isi == "penjelasan":
        return _explanation(table, indikator)
    if isi == "indikator":
        return tuple(_cell_paras(indikator.nama))
    if isi in ("penanggung_jawab", "sumber_data"):
        return tuple(_cell_paras(getattr(indikator, isi)))
    value = indikator.data.get(isi.removeprefix("data."))
    return tuple(_cell_paras(value)) if value is not None else EMPTY


MIN_COLUMN_SHARE = 0.04  # of a table's width: 6.6 mm on a portrait F4 page, room for "10."
MAX_COLUMNS = 24  # grid columns of one table (check refuses more): 24 x 4 % fits


def floored(widths: tuple[float, ...]) -> tuple[float, ...]:
    """Relative widths with none below MIN_COLUMN_SHARE of the whole (widths typed in mm beside a
    default of 1 would leave a column a millimetre wide)."""
    total = sum(widths)
    if not widths or total <= 0:
        return widths
    floor = total * MIN_COLUMN_SHARE
    return tuple(max(w, floor) for w in widths)


def indicator_header(table: TabelIndikator) -> tuple[tuple[Cell, ...], ...]:
    return (tuple(Cell(_head(c.judul)) for c in table.kolom),)


def indicator_table(table: TabelIndikator) -> TableLayout:
    """One row per indicator; a sasaran's number and name span all its indicators."""
    rows: list[tuple[Cell, ...]] = []
    for number, sasaran in enumerate(table.sasaran, 1):
        span = len(sasaran.indikator)
        for position, indikator in enumerate(sasaran.indikator):
            cells = []
            for column in table.kolom:
                merged = column.isi in ("nomor", "sasaran") and span > 1
                if merged and position > 0:
                    cells.append(Cell(EMPTY, merge="continue"))
                else:
                    paras = _indicator_cell(table, number, sasaran, indikator, column.isi)
                    cells.append(Cell(paras, merge="restart" if merged else None))
            rows.append(tuple(cells))
    return TableLayout(
        indicator_header(table), table.nomor_kolom, floored(tuple(c.lebar for c in table.kolom)), tuple(rows)
    )


def general_header(table: Tabel) -> tuple[tuple[Cell, ...], ...]:
    """Heading rows of a general table: a heading with columns under it spans them; a heading
    without spans down to the lowest level; the row-number column comes first."""
    depth = max(column.depth for column in table.kolom)
    rows: list[list[Cell]] = [[] for _ in range(depth)]

    def place(column: Kolom, level: int) -> None:
        width = len(column.leaves())
        if column.kolom:
            rows[level].append(Cell(_head(column.judul), width))
            for child in column.kolom:
                place(child, level + 1)
            return
        down = depth - level
        rows[level].append(Cell(_head(column.judul), width, "restart" if down > 1 else None))
        for below in range(level + 1, depth):
            rows[below].append(Cell(EMPTY, width, "continue"))

    if table.nomor_baris:
        place(Kolom(judul=table.judul_nomor), 0)
    for column in table.kolom:
        place(column, 0)
    return tuple(tuple(row) for row in rows)  # depth-first placing keeps each level left to right


def leaf_columns(table: Tabel) -> tuple[tuple[float, str], ...]:
    """(width, alignment) of each grid column: a heading over several columns passes its
    alignment down to those that set none, and its width, when set, is shared among those
    that set none."""
    out: list[tuple[float, str]] = []

    def walk(column: Kolom, align: str, width: Optional[float]) -> None:
        own_align = column.rata or align
        own_width = column.lebar if "lebar" in column.model_fields_set else width
        if not column.kolom:
            out.append((own_width if own_width is not None else column.lebar, own_align))
            return
        unset = [c for c in column.kolom if "lebar" not in c.model_fields_set and not c.kolom]
        share = own_width / max(len(column.leaves()), 1) if own_width is not None and unset else None
        for child in column.kolom:
            walk(child, own_align, share)

    for column in table.kolom:
        walk(column, "", None)
    return tuple(out)


def general_table(table: Tabel) -> TableLayout:
    """Rows as written, with an empty continuation cell wherever a cell above spans down;
    with ``nomor_baris``, a first column numbering the rows 1., 2., ..."""
    columns = leaf_columns(table)
    width = len(columns)
    covered: dict[tuple[int, int], int] = {}  # (row, column) -> columns of the cell spanning down
    rows: list[tuple[Cell, ...]] = []
    for r, model_row in enumerate(table.baris):
        given = iter(model_row)
        cells: list[Cell] = []
        if table.nomor_baris:
            cells.append(Cell((Para("isi", line(f"{r + 1}."), align="tengah"),)))
        column = 0
        while column < width:
            if (r, column) in covered:
                span = covered[(r, column)]
                cells.append(Cell(EMPTY, span, "continue"))
                column += span
                continue
            cell = next(given, None)
            if cell is None:
                break
            align = cell.rata or columns[column][1]
            merge = "restart" if cell.gabung_baris > 1 else None
            cells.append(Cell(tuple(_cell_paras(cell.teks, align)), cell.gabung_kolom, merge))
            for below in range(r + 1, r + cell.gabung_baris):
                covered[(below, column)] = cell.gabung_kolom
            column += cell.gabung_kolom
        rows.append(tuple(cells))
    widths = ((table.lebar_nomor,) if table.nomor_baris else ()) + tuple(w for w, _ in columns)
    return TableLayout(general_header(table), table.nomor_kolom, floored(widths), tuple(rows))


def paraf_table(decree: Decree) -> Optional[TableLayout]:
    """The paraf koordinasi table of a draft: No, unit, name, initials, date."""
    paraf = decree.content.paraf
    if not decree.is_draft or paraf is None or not paraf.koordinasi:
        return None
    from .text import tanggal

    header = (tuple(Cell(_head(h)) for h in ("NO.", "UNIT KERJA", "NAMA", "PARAF", "TANGGAL")),)
    rows = tuple(
        (
            Cell((Para("isi", line(f"{n}."), align="tengah"),)),
            Cell((Para("isi", line(row.unit)),)),
            Cell((Para("isi", line(row.nama)),)),
            Cell((Para("isi", line(row.paraf or ""), align="tengah"),)),
            Cell((Para("isi", line(tanggal(row.tanggal) if row.tanggal else ""), align="tengah"),)),
        )
        for n, row in enumerate(paraf.koordinasi, 1)
    )
    return TableLayout(header, False, (1.0, 4.0, 4.0, 1.8, 2.6), rows)


# --------------------------------------------------------------------------- signature, kop, pages


def signature(decree: Decree, with_place: bool, last: bool = False) -> SignatureLayout:
    """The signature block; the body's carries the place and date of issue (and the QR code),
    the decree's last block the paraf hierarki of a draft."""
    jabatan, nama, *details = decree.signature_lines()
    tte = decree.profil.tte
    paraf = decree.content.paraf
    hierarki: tuple[tuple[Line, Line], ...] = ()
    if last and decree.is_draft and paraf is not None:
        hierarki = tuple((line(p.jabatan), line(p.paraf or "")) for p in paraf.hierarki)
    qr = None
    if with_place and tte.qr_url:
        from urllib.parse import quote

        qr = tte.qr_url.replace("{nomor}", quote(decree.content.nomor or "draf", safe=""))
    return SignatureLayout(
        penetapan=tuple((line(a), line(b)) for a, b in decree.penetapan_rows()) if with_place else (),
        jabatan=line(jabatan),
        name=line(nama),
        details=tuple(line(d) for d in details),
        anchor=line(tte.jangkar or ""),
        paraf=hierarki,
        qr=qr,
    )


def kop(decree: Decree) -> KopLayout:
    k = decree.profil.kop
    base = decree.profil_path.parent
    if k.jenis == "gambar":
        assert k.gambar is not None, "checked when loading"
        image: Optional[Path] = base / k.gambar
        width = body_page(decree).text_width_mm
    else:
        image = decree.emblem
        width = k.lebar_lambang_mm
    return KopLayout(
        kind=k.jenis,
        image=image,
        image_width_mm=width,
        lines=tuple(KopLine(line(b.teks), b.ukuran, b.tebal) for b in k.baris) if k.jenis != "gambar" else (),
        address=tuple(line(a) for a in k.alamat) if k.jenis == "perangkat_daerah" else (),
        address_size=k.ukuran_alamat,
        rule=k.garis if k.jenis == "perangkat_daerah" else "tidak ada",
    )


def _page(decree: Decree, landscape: bool) -> Page:
    kertas = decree.profil.kertas
    width, height = kertas.size_mm
    if landscape:
        width, height = height, width
    m = kertas.margin_mm
    return Page(width, height, m.kiri, m.kanan, m.atas, m.bawah)


def body_page(decree: Decree) -> Page:
    return _page(decree, False)


def furniture(decree: Decree) -> Furniture:
    numbers = decree.profil.nomor_halaman
    footer = decree.profil.tte.catatan_kaki
    return Furniture(
        watermark=WATERMARK if decree.is_draft else "",
        page_numbers=PageNumbers(numbers.format, numbers.posisi, numbers.halaman_pertama)
        if numbers is not None and numbers.tampil
        else None,
        footer=line(footer or ""),
    )


def properties(decree: Decree) -> Properties:
    nomor = decree.content.nomor
    return Properties(
        title=decree.tentang,
        subject=nomor or "DRAF",
        author=decree.profil.nama,
        keywords="; ".join(["Keputusan", decree.profil.nama, nomor or "draf"]),
        date=decree.content.tanggal,
    )


# --------------------------------------------------------------------------- lampiran and the whole


def block(content: TabelIndikator | Tabel | Paragraf) -> Block:
    """One lampiran content block as it prints."""
    if isinstance(content, Paragraf):
        first = Para("isi", align=content.rata)
        return Block(paras=tuple(paragraphs(content.teks, first, kind="isi", punctuate=True)))
    if isinstance(content, TabelIndikator):
        return Block(table=indicator_table(content))
    return Block(table=general_table(content))


def lampiran_header(decree: Decree, index: int) -> tuple[Line, ...]:
    """LAMPIRAN I / KEPUTUSAN ... / NOMOR : ... / TENTANG / ...; NOMOR without its colon where the
    profile writes the title's NOMOR so."""
    colon = decree.profil.judul.titik_dua_nomor
    rows = []
    for label, value in decree.lampiran_header(index):
        joiner = " " if label == "NOMOR" and not colon else " : "
        rows.append(line(joiner.join(part for part in (label, value) if part)))
    return tuple(rows)


def lampiran(decree: Decree, index: int, lamp: Lampiran, last: bool = False) -> LampiranLayout:
    return LampiranLayout(
        header=lampiran_header(decree, index),
        title=tuple(line(t) for t in lamp.judul),
        blocks=tuple(block(b) for b in lamp.isi),
        signature=signature(decree, with_place=False, last=last) if lamp.tanda_tangan else None,
        page=_page(decree, lamp.orientasi == "lanskap"),
    )


def layout(decree: Decree) -> Layout:
    lamps = decree.lampiran()
    signed = [i for i, lamp in enumerate(lamps) if lamp.tanda_tangan]
    last_signed = signed[-1] if signed else None
    huruf = decree.profil.huruf
    paraf = paraf_table(decree)
    return Layout(
        kop=kop(decree),
        title=tuple(line(t) for t in decree.title_lines()),
        opening=tuple(line(t) for t in decree.opening_lines()),
        konsiderans=konsiderans(decree),
        memutuskan=line("MEMUTUSKAN"),
        diktum=diktum(decree),
        signature=signature(decree, with_place=True, last=last_signed is None),
        page=body_page(decree),
        fonts=Fonts(huruf.keluarga, huruf.ukuran, huruf.ukuran_tabel),
        properties=properties(decree),
        furniture=furniture(decree),
        tembusan_heading=line(decree.profil.tembusan_judul) if decree.content.tembusan else (),
        tembusan=tembusan(decree),
        paraf_heading=line("PARAF KOORDINASI") if paraf is not None else (),
        paraf=paraf,
        lampiran=tuple(lampiran(decree, i, lamp, last=i == last_signed) for i, lamp in enumerate(lamps)),
    )
