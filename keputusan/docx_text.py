"""The text of a DOCX in reading order, one paragraph per line (for checks and comparisons).

The DOCX may come from anywhere (``keputusan text`` is git's textconv for every
``*.docx``), so it is opened through :mod:`docxsafe`: a broken or hostile file
is a :class:`~keputusan.docxsafe.DocxError` naming the file, never a crash.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Optional, Union

from lxml import etree

from .docxsafe import DocxError, open_docx
from .errors import Problem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph(p: etree._Element) -> str:
    parts = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _block(element: etree._Element) -> Iterator[str]:
    for child in element:
        if child.tag == f"{W}p":
            yield _paragraph(child)
        elif child.tag == f"{W}tbl":
            for tr in child.findall(f"{W}tr"):  # its own rows: a nested table is read in its cell
                for tc in tr.findall(f"{W}tc"):
                    merge = tc.find(f"{W}tcPr/{W}vMerge")
                    if merge is not None and merge.get(f"{W}val") in (None, "continue"):
                        continue  # the text is in the cell above
                    yield from _block(tc)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _block(content)


def document_xml(source: Union[Path, bytes], name: Optional[Path] = None) -> etree._Element:
    """The main document part of a DOCX file or DOCX bytes, read safely; it must hold a body.

    The main part is the one _rels/.rels names, which Word and LibreOffice
    show (:meth:`~keputusan.docxsafe.Package.main_part`): a decoy
    word/document.xml beside it is never read. Raises
    :class:`~keputusan.docxsafe.DocxError` (a ContentError) naming the file
    (``name`` labels bytes) for anything broken, too big, ambiguous or hostile.
    """
    package = open_docx(source, name)
    root = package.xml(package.main_part())
    if root.tag != f"{W}document" or root.find(f"{W}body") is None:
        raise DocxError([Problem(package.path, None, None, "docx_no_document", {})])
    return root


def docx_lines(source: Union[Path, bytes], name: Optional[Path] = None) -> list[str]:
    """Every paragraph of the document body, tables row by row, merged cells once."""
    return body_lines(document_xml(source, name))


def body_lines(root: etree._Element) -> list[str]:
    """The lines of a parsed word/document.xml (none when it has no body)."""
    body = root.find(f"{W}body")
    return list(_block(body)) if body is not None else []
