"""The text of a DOCX in reading order, one paragraph per line (for checks and comparisons)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Union

from lxml import etree

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
            for tr in child.iter(f"{W}tr"):
                for tc in tr.findall(f"{W}tc"):
                    merge = tc.find(f"{W}tcPr/{W}vMerge")
                    if merge is not None and merge.get(f"{W}val") in (None, "continue"):
                        continue  # the text is in the cell above
                    yield from _block(tc)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _block(content)


def docx_lines(source: Union[Path, bytes]) -> list[str]:
    """Every paragraph of the document body, tables row by row, merged cells once."""
    data = source.read_bytes() if isinstance(source, Path) else source
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return body_lines(root)


def body_lines(root: etree._Element) -> list[str]:
    """The lines of a parsed word/document.xml."""
    body = root.find(f"{W}body")
    assert body is not None
    return list(_block(body))
