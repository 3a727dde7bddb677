"""Do a built DOCX and PDF say the same words? (pypdf reads the PDF; no outside tools.)

Page furniture is removed first: the table header rows that the PDF repeats
on every page, and the DRAFT watermark. Words are compared as counts, so a
table row split over a page break (whose cells then come out of the PDF in a
different order) still matches; how much of the order agrees is reported too.
"""

from __future__ import annotations

import difflib
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from lxml import etree

from .docx_text import W, body_lines, document_xml

WATERMARK = "DRAFT"


def words(text: str) -> list[str]:
    """Whitespace-separated words, re-joining words a line break split after '-' or '/'."""
    out: list[str] = []
    pending = ""
    for token in text.split():
        token = pending + token
        pending = ""
        if len(token) > 1 and token.endswith(("-", "/")):
            pending = token
            continue
        out.append(token)
    if pending:
        out.append(pending)
    return out


def pdf_text(data: bytes) -> list[str]:
    """The text of each page, in the order the PDF draws it."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def header_rows(root: etree._Element) -> list[list[str]]:
    """The words of each table's repeating header rows, from a parsed word/document.xml."""
    headers = []
    for tbl in root.iter(f"{W}tbl"):
        rows = [tr for tr in tbl.findall(f"{W}tr") if tr.find(f"{W}trPr/{W}tblHeader") is not None]
        paragraphs = [p for tr in rows for p in tr.iter(f"{W}p")]
        if paragraphs:
            headers.append(
                words(" ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs))
            )
    return headers


def _remove_repeats(tokens: list[str], sequence: list[str], keep: int) -> list[str]:
    if not sequence:
        return tokens
    out: list[str] = []
    i, seen, n = 0, 0, len(sequence)
    while i < len(tokens):
        if tokens[i : i + n] == sequence:
            seen += 1
            if seen > keep:
                i += n
                continue
        out.append(tokens[i])
        i += 1
    return out


@dataclass(frozen=True)
class Comparison:
    docx_words: int
    pdf_words: int
    missing: Counter[str]  # in the DOCX, not in the PDF
    extra: Counter[str]  # in the PDF, not in the DOCX
    order: float  # share of words in the same order (1.0 = identical sequence)
    pages: int

    @property
    def same(self) -> bool:
        return not self.missing and not self.extra


def compare(docx: bytes, pdf: bytes, name: Optional[Path] = None) -> Comparison:
    """The words of a DOCX against its PDF. The DOCX is read safely (:mod:`docxsafe`); a broken
    one raises a ContentError naming ``name``."""
    root = document_xml(docx, name)
    expected = words("\n".join(body_lines(root)))
    pages = pdf_text(pdf)
    found = words("\n".join(pages))
    for header in header_rows(root):
        found = _remove_repeats(found, header, keep=_count(expected, header))
    surplus = found.count(WATERMARK) - expected.count(WATERMARK)
    if surplus > 0:
        found = _drop(found, WATERMARK, surplus)
    missing = Counter(expected) - Counter(found)
    extra = Counter(found) - Counter(expected)
    order = difflib.SequenceMatcher(None, expected, found, autojunk=False).ratio() if expected else 1.0
    return Comparison(len(expected), len(found), missing, extra, order, len(pages))


def _count(tokens: list[str], sequence: list[str]) -> int:
    n = len(sequence)
    return sum(1 for i in range(len(tokens) - n + 1) if tokens[i : i + n] == sequence) if n else 0


def _drop(tokens: list[str], word: str, count: int) -> list[str]:
    out = []
    for token in tokens:
        if token == word and count > 0:
            count -= 1
            continue
        out.append(token)
    return out


def compare_files(docx: Path, pdf: Path) -> Comparison:
    """:func:`compare` on files: the DOCX read as hostile input, and neither read when it is a
    pipe or a device (either may never end)."""
    from .docxsafe import read_file, read_regular

    data = read_file(docx)
    return compare(data, read_regular(pdf), docx)
