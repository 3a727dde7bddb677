"""Accepting or rejecting every tracked change of a DOCX, as Word and LibreOffice do."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from keputusan.docx_text import W, body_lines

INS, DEL = f"{W}ins", f"{W}del"
MARKS = (f"{W}rPr", f"{W}trPr")  # where an ins/del marks a paragraph mark or a row


def document(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def resolve(docx: bytes, accept: bool) -> list[str]:
    """The non-empty lines of the document after accepting (or rejecting) all changes."""
    root = document(docx)
    gone, kept = (DEL, INS) if accept else (INS, DEL)
    for tr in list(root.iter(f"{W}tr")):
        if tr.find(f"{W}trPr/{gone}") is not None:
            tr.getparent().remove(tr)
    for p in list(root.iter(f"{W}p")):
        if p.find(f"{W}pPr/{W}rPr/{gone}") is not None:
            p.getparent().remove(p)
    for element in list(root.iter(gone)):
        element.getparent().remove(element)
    for element in list(root.iter(kept)):
        parent = element.getparent()
        if parent.tag in MARKS:
            parent.remove(element)
            continue
        index = parent.index(element)
        for child in list(element):
            parent.insert(index, child)
            index += 1
        parent.remove(element)
    for text in root.iter(f"{W}delText"):
        text.tag = f"{W}t"
    return [line for line in body_lines(root) if line.strip()]


def revision_paragraphs(docx: bytes) -> list[str]:
    """The text (as written, old and new words together) of every paragraph holding a change."""
    out = []
    for p in document(docx).iter(f"{W}p"):
        if p.find(f".//{INS}") is not None or p.find(f".//{DEL}") is not None:
            out.append("".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText")))
    return out


def count(docx: bytes) -> int:
    """Revision elements that change content: w:ins, w:del, and Word's move markup
    (w:moveFrom, w:moveTo); paragraph-mark and row marks not counted."""
    root = document(docx)
    tags = (INS, DEL, f"{W}moveFrom", f"{W}moveTo")
    return sum(1 for e in root.iter(*tags) if e.getparent().tag not in MARKS)
