"""A decree as plain text, one part per line: for reading, comparing and ``git diff``."""

from __future__ import annotations

from collections.abc import Iterator

from .decree import Decree, Item
from .model import Indikator, Paragraf, Sasaran, Tabel, TabelIndikator
from .richtext import RichText


def to_text(decree: Decree) -> str:
    return "\n".join(lines(decree)) + "\n"


def lines(decree: Decree) -> Iterator[str]:
    yield from decree.kop_lines()
    yield ""
    yield from decree.title_lines()
    yield ""
    yield from decree.opening_lines()
    yield ""
    yield from _items("Menimbang", decree.menimbang())
    yield from _items("Mengingat", decree.mengingat())
    if decree.content.memperhatikan:
        yield from _items("Memperhatikan", decree.memperhatikan())
    yield "MEMUTUSKAN"
    yield f"Menetapkan : {decree.menetapkan}"
    for item in decree.diktum():
        yield f"{item.marker} : {_flat(item.text)}"
    yield ""
    yield from _signature(decree, with_place=True)
    if decree.content.tembusan:
        yield ""
        yield "Tembusan :"
        for number, line in enumerate(decree.content.tembusan, 1):
            yield f"{number}. {line}"
    for index, lampiran in enumerate(decree.lampiran()):
        yield ""
        for label, value in decree.lampiran_header(index):
            yield " : ".join(part for part in (label, value) if part)
        yield ""
        yield from lampiran.judul
        for block in lampiran.isi:
            yield ""
            if isinstance(block, TabelIndikator):
                yield from _indicator_table(block)
            elif isinstance(block, Tabel):
                yield from _table(block)
            elif isinstance(block, Paragraf):
                yield _flat(block.teks)
        if lampiran.tanda_tangan:
            yield ""
            yield from _signature(decree, with_place=False)


def _flat(text: RichText) -> str:
    return " ".join(text.plain().splitlines())


def _items(heading: str, items: tuple[Item, ...]) -> Iterator[str]:
    yield f"{heading} :"
    for item in items:
        yield f"{item.marker} {_flat(item.text)}{item.ending}"


def _signature(decree: Decree, with_place: bool) -> Iterator[str]:
    if with_place:
        for label, value in decree.penetapan_rows():
            yield f"{label} : {value}"
    yield from decree.signature_lines()


def indicator_cell(
    table: TabelIndikator, sasaran: Sasaran, number: int, indikator: Indikator, isi: str
) -> list[str]:
    """The paragraphs of one cell of an indicator table, as plain lines."""
    if isi == "nomor":
        return [f"{number}."]
    if isi == "sasaran":
        return [_flat(sasaran.nama)]
    if isi == "indikator":
        return [_flat(indikator.nama)]
    if isi == "penanggung_jawab":
        return [_flat(indikator.penanggung_jawab)]
    if isi == "sumber_data":
        return [_flat(indikator.sumber_data)]
    if isi == "penjelasan":
        label = table.label
        out = [
            f"{label.makna} : {_flat(indikator.makna)}",
            f"{label.alasan_pemilihan} : {_flat(indikator.alasan_pemilihan)}",
            f"{label.formulasi_perhitungan} : {_flat(indikator.formulasi_perhitungan)}",
        ]
        if len(indikator.sumber_referensi) == 1:
            out.append(f"{label.sumber_referensi} : {_flat(indikator.sumber_referensi[0])}")
        else:
            out.append(f"{label.sumber_referensi} :")
            out += [f"• {_flat(ref)}" for ref in indikator.sumber_referensi]
        return out
    value = indikator.data.get(isi.removeprefix("data."))
    return [_flat(value)] if value is not None else []


def _indicator_table(table: TabelIndikator) -> Iterator[str]:
    yield " | ".join(column.judul for column in table.kolom)
    if table.nomor_kolom:
        yield " | ".join(str(n) for n in range(1, len(table.kolom) + 1))
    for number, sasaran in enumerate(table.sasaran, 1):
        for position, indikator in enumerate(sasaran.indikator):
            for column in table.kolom:
                if position and column.isi in ("nomor", "sasaran"):
                    continue  # merged with the sasaran's first row
                yield from indicator_cell(table, sasaran, number, indikator, column.isi)


def _table(table: Tabel) -> Iterator[str]:
    yield " | ".join(column.judul for column in table.kolom)
    if table.nomor_kolom:
        yield " | ".join(str(n) for n in range(1, len(table.kolom) + 1))
    for row in table.baris:
        yield " | ".join(_flat(cell.teks) for cell in row)
