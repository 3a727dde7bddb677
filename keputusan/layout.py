"""The decree's parts as paragraphs and table cells, before any file format.

Both renderers (DOCX through docxtpl, PDF through reportlab) lay out exactly
these, so the two documents say the same words in the same places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Optional

from .decree import Decree, Item
from .model import Indikator, Lampiran, Paragraf, Sasaran, Tabel, TabelIndikator
from .richtext import Break, Inline, ListBlock, Paragraph, RichText, Run

# Paragraph kinds: "item" (the first line of a numbered part: label, colon, marker,
# text), "lanjutan" (a further paragraph of it), "butir" (a list item),
# "jarak" (vertical space), and for table cells "isi", "tengah", "kanan".


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


@dataclass(frozen=True)
class Cell:
    paras: tuple[Para, ...]
    span: int = 1  # grid columns
    merge: Optional[str] = None  # "restart" / "continue" (merged with the cell above)


@dataclass(frozen=True)
class TableLayout:
    headings: tuple[Line, ...]
    column_numbers: bool
    widths: tuple[float, ...]  # relative
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def header_rows(self) -> int:
        return 2 if self.column_numbers else 1


@dataclass(frozen=True)
class Block:
    """A lampiran content block: a table, or paragraphs."""

    table: Optional[TableLayout] = None
    paras: tuple[Para, ...] = ()


@dataclass(frozen=True)
class LampiranLayout:
    header: tuple[Line, ...]
    title: tuple[Line, ...]
    landscape: bool
    blocks: tuple[Block, ...]
    signature: bool


@dataclass(frozen=True)
class Layout:
    """Every text of a decree's body, in order; the letterhead comes from the profile."""

    title: tuple[Line, ...]
    opening: tuple[Line, ...]
    konsiderans: tuple[Para, ...]
    diktum: tuple[Para, ...]
    penetapan: tuple[tuple[Line, Line], ...]
    signature: tuple[Line, ...]  # jabatan, name, then rank and NIP
    tembusan: tuple[Line, ...] = ()
    lampiran: tuple[LampiranLayout, ...] = field(default_factory=tuple)


def paragraphs(
    text: RichText, first: Para, ending: str = "", kind: str = "lanjutan", prefix: str = ""
) -> list[Para]:
    """The paragraphs of one text; its first block takes the label and marker of ``first``."""
    out: list[Para] = []
    blocks = text.blocks
    for index, block in enumerate(blocks):
        suffix = ending if index == len(blocks) - 1 else ""
        lead: tuple[Inline, ...] = (Run(prefix),) if prefix and index == 0 else ()
        if isinstance(block, Paragraph):
            runs = lead + block.inlines + ((Run(suffix),) if suffix else ())
            out.append(replace(first, runs=runs) if not out else Para(kind, runs))
            continue
        assert isinstance(block, ListBlock)
        if not out:
            out.append(replace(first, runs=lead))
        for number, item in enumerate(block.items, 1):
            last = index == len(blocks) - 1 and number == len(block.items)
            marker = f"{number}." if block.ordered else "•"
            runs = item + ((Run(suffix),) if last and suffix else ())
            out.append(Para("butir", runs, marker=line(marker)))
    return out or [first]


def _numbered(label: str, items: Sequence[Item], first_of_part: bool = True) -> list[Para]:
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
        out += paragraphs(item.text, first, item.ending)
    return out


def konsiderans(decree: Decree) -> tuple[Para, ...]:
    """Menimbang, Mengingat and (when present) Memperhatikan, with space between them."""
    out = _numbered("Menimbang", decree.menimbang())
    out += [Para("jarak")] + _numbered("Mengingat", decree.mengingat())
    if decree.content.memperhatikan:
        out += [Para("jarak")] + _numbered("Memperhatikan", decree.memperhatikan())
    return tuple(out)


def diktum(decree: Decree) -> tuple[Para, ...]:
    """'Menetapkan : ...' then each diktum under its ordinal."""
    out = [Para("item", line(decree.menetapkan), label=line("Menetapkan"), colon=line(":"))]
    for item in decree.diktum():
        out += paragraphs(item.text, Para("item", label=line(item.marker), colon=line(":")))
    return tuple(out)


def _cell_paras(text: RichText, kind: str = "isi", prefix: str = "") -> list[Para]:
    return paragraphs(text, Para(kind), kind=kind, prefix=prefix)


EMPTY = (Para("isi"),)


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
            out += paragraphs(reference, Para("butir", marker=line("•")), kind="isi")
    return tuple(out)


def _indicator_cell(
    table: TabelIndikator, number: int, sasaran: Sasaran, indikator: Indikator, isi: str
) -> tuple[Para, ...]:
    if isi == "nomor":
        return (Para("tengah", (Run(f"{number}."),)),)
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


def _table_layout(table: TabelIndikator | Tabel, rows: list[tuple[Cell, ...]]) -> TableLayout:
    return TableLayout(
        tuple(line(c.judul) for c in table.kolom),
        table.nomor_kolom,
        tuple(c.lebar for c in table.kolom),
        tuple(rows),
    )


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
    return _table_layout(table, rows)


def general_table(table: Tabel) -> TableLayout:
    """Rows as written, with an empty continuation cell wherever a cell above spans down."""
    width = len(table.kolom)
    covered: dict[tuple[int, int], int] = {}  # (row, column) -> columns of the cell spanning down
    rows: list[tuple[Cell, ...]] = []
    for r, model_row in enumerate(table.baris):
        given = iter(model_row)
        cells: list[Cell] = []
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
            kind = {"kiri": "isi", "tengah": "tengah", "kanan": "kanan"}[cell.rata]
            merge = "restart" if cell.gabung_baris > 1 else None
            cells.append(Cell(tuple(_cell_paras(cell.teks, kind)), cell.gabung_kolom, merge))
            for below in range(r + 1, r + cell.gabung_baris):
                covered[(below, column)] = cell.gabung_kolom
            column += cell.gabung_kolom
        rows.append(tuple(cells))
    return _table_layout(table, rows)


def _lampiran(decree: Decree, index: int, lampiran: Lampiran) -> LampiranLayout:
    blocks = []
    for block in lampiran.isi:
        if isinstance(block, Paragraf):
            blocks.append(Block(paras=tuple(_cell_paras(block.teks))))
        elif isinstance(block, TabelIndikator):
            blocks.append(Block(table=indicator_table(block)))
        else:
            blocks.append(Block(table=general_table(block)))
    header = tuple(line(" : ".join(part for part in row if part)) for row in decree.lampiran_header(index))
    title = tuple(line(t) for t in lampiran.judul)
    return LampiranLayout(
        header, title, lampiran.orientasi == "lanskap", tuple(blocks), lampiran.tanda_tangan
    )


def layout(decree: Decree) -> Layout:
    return Layout(
        title=tuple(line(t) for t in decree.title_lines()),
        opening=tuple(line(t) for t in decree.opening_lines()),
        konsiderans=konsiderans(decree),
        diktum=diktum(decree),
        penetapan=tuple((line(label), line(value)) for label, value in decree.penetapan_rows()),
        signature=tuple(line(t) for t in decree.signature_lines()),
        tembusan=tuple(line(t) for t in decree.content.tembusan),
        lampiran=tuple(_lampiran(decree, i, lamp) for i, lamp in enumerate(decree.lampiran())),
    )
