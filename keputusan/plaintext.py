"""A decree as plain text, one part per line: for reading, comparing and ``git diff``."""

from __future__ import annotations

from collections.abc import Iterator

from .decree import Decree, Item
from .layout import Para, TableLayout, layout, plain
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
    for lampiran in layout(decree).lampiran:
        yield ""
        yield from (plain(h) for h in lampiran.header)
        yield ""
        yield from (plain(t) for t in lampiran.title)
        for block in lampiran.blocks:
            yield ""
            if block.table is not None:
                yield from _table(block.table)
            else:
                yield from (_para_text(p) for p in block.paras)
        if lampiran.signature:
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


def _para_text(para: Para) -> str:
    text = plain(para.runs)
    return f"{plain(para.marker)} {text}" if para.marker else text


def _table(table: TableLayout) -> Iterator[str]:
    yield " | ".join(plain(h) for h in table.headings)
    if table.column_numbers:
        yield " | ".join(str(n) for n in range(1, len(table.headings) + 1))
    for row in table.rows:
        for cell in row:
            if cell.merge != "continue":
                yield from (_para_text(p) for p in cell.paras)
