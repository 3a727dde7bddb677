"""A decree as plain text, one part per line: for reading, comparing and ``git diff``.

Drawn from the :class:`~keputusan.layout.Layout` only, like the DOCX and the PDF:
the same words in the same order, without page furniture (watermark, page
numbers, footer) and without the QR code.
"""

from __future__ import annotations

from collections.abc import Iterator

from .layout import Cell, Layout, Para, SignatureLayout, TableLayout, plain


def to_text(parts: Layout) -> str:
    return "\n".join(lines(parts)) + "\n"


def lines(parts: Layout) -> Iterator[str]:
    kop = parts.kop
    yield from (plain(k.runs) for k in kop.lines)
    yield from (plain(a) for a in kop.address)
    yield ""
    yield from (plain(t) for t in parts.title)
    yield ""
    yield from (plain(t) for t in parts.opening)
    yield ""
    yield from _paras(parts.konsiderans)
    yield plain(parts.memutuskan)
    yield from _paras(parts.diktum)
    yield ""
    yield from _signature(parts.signature)
    if parts.tembusan:
        yield ""
        yield plain(parts.tembusan_heading)
        yield from _paras(parts.tembusan)
    if parts.paraf is not None:
        yield ""
        yield plain(parts.paraf_heading)
        yield from _table(parts.paraf)
    for lampiran in parts.lampiran:
        yield ""
        yield from (plain(h) for h in lampiran.header)
        yield ""
        yield from (plain(t) for t in lampiran.title)
        for block in lampiran.blocks:
            yield ""
            if block.table is not None:
                yield from _table(block.table)
            else:
                yield from _paras(block.paras)
        if lampiran.signature is not None:
            yield ""
            yield from _signature(lampiran.signature)


def _para_text(para: Para) -> str:
    """Label, colon, marker and text as they read on the page; list items indented by level."""
    lead = " ".join(x for x in (plain(para.label), plain(para.colon), plain(para.marker)) if x)
    text = plain(para.runs)
    indent = "  " * max(para.level - 1, 0) if para.kind == "butir" else ""
    return indent + (f"{lead} {text}" if lead else text)


def _paras(paras: tuple[Para, ...]) -> Iterator[str]:
    for para in paras:
        if para.kind != "jarak":
            yield _para_text(para)


def _signature(signature: SignatureLayout) -> Iterator[str]:
    # the paraf hierarki sit in the block's left half: read before its right half, as in the DOCX
    for jabatan, paraf in signature.paraf:
        yield f"{plain(jabatan)} {plain(paraf)}".rstrip()
    for label, value in signature.penetapan:
        yield f"{plain(label)} : {plain(value)}"
    yield plain(signature.jabatan)
    if signature.anchor:
        yield plain(signature.anchor)
    yield plain(signature.name)
    yield from (plain(d) for d in signature.details)


def _table(table: TableLayout) -> Iterator[str]:
    for row in table.header:
        yield " | ".join(_cell_text(cell) for cell in row if cell.merge != "continue")
    if table.column_numbers:
        yield " | ".join(str(n) for n in range(1, table.columns + 1))
    for row in table.rows:
        for cell in row:
            if cell.merge != "continue":
                yield from (_para_text(p) for p in cell.paras if p.runs or p.marker)


def _cell_text(cell: Cell) -> str:
    return " ".join(plain(p.runs) for p in cell.paras)
