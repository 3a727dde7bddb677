"""A decree's PDF with a text layer, read as lines for the importer (``keputusan import X.pdf``).

A PDF keeps no paragraphs, tabs or tables, only lines of text: each becomes a paragraph of
a :class:`~keputusan.docx_read.Document` marked ``wrapped``, so the recogniser joins a line
without a marker to the text above it. Page furniture is left out: page numbers (``- 2 -``),
the DRAFT watermark and the electronic-signature footer. Lampiran tables come out as lines,
which the importer keeps as paragraphs and says so.
"""

from __future__ import annotations

import re
from pathlib import Path

from .docx_read import Block, Document, Para, Span
from .errors import ContentError, Problem
from .pdfpages import PdfPagesError, page_lines

_PAGE_NUMBER = re.compile(r"^[-–]?\s*\d{1,4}\s*[-–]?$")
_FURNITURE = ("DRAFT", "DRAF")


def read_pdf(path: Path) -> Document:
    """The lines of ``path``; a PDF without text (a scan) or one pdfium cannot read is a located
    :class:`~keputusan.errors.ContentError`."""
    from .fsutil import FileRefused, read_bounded
    from .limits import env_name, limit
    from .pdfpages import without_footers

    most = limit("pdf_bytes")
    try:
        data = read_bounded(path, most)
    except FileRefused as refusal:
        if refusal.kind == "too_big":
            raise ContentError([Problem(path, None, None, "import_pdf_too_big", {
                "size": f"{refusal.size / 1048576:.1f} MB", "limit": f"{most / 1048576:.1f} MB",
                "env": env_name("pdf_bytes")})]) from None
        code = {"missing": "file_missing", "folder": "not_a_file"}.get(refusal.kind, "file_unreadable")
        raise ContentError([Problem(path, None, None, code, {"detail": refusal.detail or refusal.kind})]) from None
    try:
        pages = page_lines(data)
    except PdfPagesError as exc:
        detail = str(exc.params.get("detail", ""))
        code = "import_pdf_locked" if "password" in detail.lower() else "import_pdf_unreadable"
        raise ContentError([Problem(path, None, None, code, {})]) from None
    words = 0
    paras: list[Para] = []
    for number, lines in enumerate(pages, 1):
        for index, text in enumerate(lines, 1):
            text = " ".join(text.split())
            if not text or _PAGE_NUMBER.match(text) or text.upper() in _FURNITURE:
                continue
            if not without_footers(text.split()):
                continue
            words += len(text.split())
            para = Para([Span(text)], f"halaman {number}, baris {index}", page_break=index == 1 and number > 1)
            paras.append(para)
    if words == 0:
        raise ContentError([Problem(path, None, None, "import_pdf_no_text", {})])
    return Document(list[Block](paras), [], [False], [], wrapped=True)
