"""Edits of a built PDF's pages for the tests that attack the archive (pikepdf, before signing)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, Optional

import pikepdf
from pypdf import PdfReader


def edited(data: bytes, change: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def where(data: bytes, text: str) -> tuple[int, float, float, float]:
    """(page index, x, y of the baseline, page height) of the first text line holding ``text``."""
    found: list[tuple[int, float, float]] = []
    for index, page in enumerate(PdfReader(io.BytesIO(data)).pages):

        def visit(line: str, cm: list[float], tm: list[float], *_: Any, index: int = index) -> None:
            if text in line:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                found.append((index, x, tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

        page.extract_text(visitor_text=visit)
        if found:
            return found[0][0], found[0][1], found[0][2], float(page.mediabox.height)
    raise AssertionError(f"{text!r} is not in the PDF")


def append_content(pdf: pikepdf.Pdf, index: int, content: bytes, font: bool = False) -> None:
    page = pdf.pages[index]
    if font:
        helvetica = pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
        page.add_resource(pdf.make_indirect(helvetica), pikepdf.Name.Font, pikepdf.Name("/TTEHelv"))
    page.contents_add(pdf.make_stream(content), prepend=False)


def rewrite_text(
    pdf: pikepdf.Pdf, index: int, change: Callable[[bytes], Optional[list[tuple[list[Any], str]]]]
) -> None:
    """Each Tj of a page's content replaced by the operations ``change`` gives for its string (None: kept)."""
    out: list[Any] = []
    for instruction in pikepdf.parse_content_stream(pdf.pages[index]):
        operands, operator = list(instruction.operands), instruction.operator
        replaced = change(bytes(operands[0])) if str(operator) == "Tj" else None
        if replaced is None:
            out.append((operands, operator))
        else:
            out += [(new, pikepdf.Operator(name)) for new, name in replaced]
    pdf.pages[index].Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
