"""Accepting or rejecting every tracked change of a DOCX, as Word does.

:func:`resolve_docx` gives the resolved package (the second opinion beside LibreOffice's,
see ``tests/lo_tracked.py``); :func:`resolve` its body's lines. Word's revision vocabulary,
in every part that carries it (the body, headers, footers, footnotes, endnotes):

- ``w:ins``/``w:del`` around runs, and ``w:moveTo``/``w:moveFrom`` (a move is an insertion
  here and a deletion there); the move range markers go either way;
- a paragraph mark marked inserted or deleted (``w:pPr/w:rPr/w:ins|w:del|w:moveTo|
  w:moveFrom``): when the mark goes (an insertion rejected, a deletion accepted) the
  paragraph joins the next one, which keeps its own properties (the later mark is the one
  left), so a section break (``w:sectPr``) in the removed mark disappears and its section
  runs on into the next; a mark that has no next paragraph to join (the last of a cell or
  of the body, or one before a table) stays, unless nothing is left in its paragraph;
- a row marked inserted or deleted (``w:trPr/w:ins|w:del``): the row goes or stays; a table
  left without rows goes; ``w:cellIns``/``w:cellDel`` likewise for a cell;
- property changes (``w:rPrChange``, ``w:pPrChange``, ``w:tcPrChange``, ``w:trPrChange``,
  ``w:tblPrChange``, ``w:tblGridChange``, ``w:sectPrChange``): rejected, the old
  properties they hold replace the current ones; accepted, they are dropped;
- SEQ fields (complex or ``w:fldSimple``) are then computed again, per sequence name in
  document order, with their format switch, as a reader who updates fields (F9) sees them.

Vertical merges are left as the XML says (a row removed under a merged cell is not
patched): that is what the file then shows, right or wrong.

Where LibreOffice 7.4 reads a piece of this vocabulary otherwise (a joined paragraph keeps
the earlier one's page style; no w:sectPrChange, w:tcPrChange, w:cellIns; merged cells fixed
when the file is opened; ...), ``VOCABULARY`` in tests/test_redline_kinds.py shows how: a
redline that relies on such a piece cannot be read alike by both.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Optional

from lxml import etree

from keputusan.docx_text import W, body_lines

INS, DEL = f"{W}ins", f"{W}del"
MOVE_TO, MOVE_FROM = f"{W}moveTo", f"{W}moveFrom"
MARKS = (f"{W}rPr", f"{W}trPr")  # where an ins/del marks a paragraph mark or a row
MARK_PARENTS = (f"{W}rPr", f"{W}trPr", f"{W}numPr", f"{W}tcPr")
RANGES = tuple(
    f"{W}{n}" for n in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")
)
PARTS = re.compile(r"^word/(document\d*|header\d*|footer\d*|footnotes|endnotes)\.xml$")
BLOCKS = (f"{W}p", f"{W}tbl", f"{W}sdt", f"{W}sectPr")


def document(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return etree.fromstring(package.read("word/document.xml"))


# --------------------------------------------------------------------------- resolution


def resolve_part(root: etree._Element, accept: bool) -> etree._Element:
    """Resolve every tracked change in one parsed part, in place; returns ``root``."""
    gone = (DEL, MOVE_FROM) if accept else (INS, MOVE_TO)
    kept = (INS, MOVE_TO) if accept else (DEL, MOVE_FROM)
    _rows(root, gone, kept)
    _cells(root, accept)
    joining = _paragraph_marks(root, gone, kept)
    for element in list(root.iter(*RANGES)):
        _remove(element)
    for element in list(root.iter(*gone)):
        if element.getparent() is not None:
            _remove(element)
    for element in list(root.iter(*kept)):
        _unwrap(element)
    if not accept:
        for text in root.iter(f"{W}delText"):
            text.tag = f"{W}t"
        for text in root.iter(f"{W}delInstrText"):
            text.tag = f"{W}instrText"
    for p in joining:
        _join_next(p)
    _property_changes(root, accept)
    for tbl in list(root.iter(f"{W}tbl")):
        if tbl.find(f"{W}tr") is None:
            _remove(tbl)
    refresh_seq_fields(root)
    return root


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        _keep_tail(element)
        parent.remove(element)


def _keep_tail(element: etree._Element) -> None:
    """lxml removes an element's tail with it; WordprocessingML has no meaningful tails, but
    pretty-printed XML does: keep the whitespace where it was."""
    if element.tail:
        previous = element.getprevious()
        parent = element.getparent()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        elif parent is not None:
            parent.text = (parent.text or "") + element.tail


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if parent.tag in MARK_PARENTS:
        _remove(element)
        return
    index = parent.index(element)
    for child in list(element):
        parent.insert(index, child)
        index += 1
    _remove(element)


def _rows(root: etree._Element, gone: tuple[str, ...], kept: tuple[str, ...]) -> None:
    for tr in list(root.iter(f"{W}tr")):
        tr_pr = tr.find(f"{W}trPr")
        if tr_pr is None:
            continue
        if any(tr_pr.find(tag) is not None for tag in gone):
            _remove(tr)
            continue
        for marker in [c for c in tr_pr if c.tag in kept]:
            _remove(marker)


def _cells(root: etree._Element, accept: bool) -> None:
    gone, kept = (f"{W}cellDel", f"{W}cellIns") if accept else (f"{W}cellIns", f"{W}cellDel")
    for tc in list(root.iter(f"{W}tc")):
        tc_pr = tc.find(f"{W}tcPr")
        if tc_pr is None:
            continue
        if tc_pr.find(gone) is not None:
            _remove(tc)
        for marker in tc_pr.findall(kept):
            _remove(marker)


def _paragraph_marks(
    root: etree._Element, gone: tuple[str, ...], kept: tuple[str, ...]
) -> list[etree._Element]:
    """The paragraphs whose mark goes (in document order); every mark's revision dropped."""
    out = []
    for p in root.iter(f"{W}p"):
        r_pr = p.find(f"{W}pPr/{W}rPr")
        if r_pr is None:
            continue
        if any(r_pr.find(tag) is not None for tag in gone):
            out.append(p)
        for marker in [c for c in r_pr if c.tag in gone + kept]:
            _remove(marker)
    return out


def _has_content(p: etree._Element) -> bool:
    return any(child.tag != f"{W}pPr" for child in p if isinstance(child.tag, str))


def _next_block(p: etree._Element) -> Optional[etree._Element]:
    for sibling in p.itersiblings():
        if sibling.tag in BLOCKS:
            return sibling
    return None


def _join_next(p: etree._Element) -> None:
    """A paragraph whose mark is gone runs on into the next paragraph, which keeps its own
    properties; with no next paragraph the mark stays (an empty paragraph goes)."""
    if p.getparent() is None:
        return
    following = _next_block(p)
    if following is None or following.tag == f"{W}sectPr":
        return  # the last paragraph of a cell or of the body keeps its mark
    if following.tag != f"{W}p":
        visible = any(el.tag in (f"{W}t", f"{W}drawing", f"{W}pict", f"{W}tab", f"{W}br") for el in p.iter())
        if not visible:
            _remove(p)  # nothing left of it before a table (its section break went with the mark)
        return
    content = [child for child in p if child.tag != f"{W}pPr"]
    target_pr = following.find(f"{W}pPr")
    index = 0 if target_pr is None else following.index(target_pr) + 1
    for child in content:
        following.insert(index, child)
        index += 1
    _remove(p)


CHANGES = {
    f"{W}rPrChange": (f"{W}rPr", ()),
    f"{W}pPrChange": (f"{W}pPr", (f"{W}rPr", f"{W}sectPr")),
    f"{W}tcPrChange": (f"{W}tcPr", (f"{W}cellIns", f"{W}cellDel", f"{W}cellMerge")),
    f"{W}trPrChange": (f"{W}trPr", (INS, DEL)),
    f"{W}tblPrChange": (f"{W}tblPr", ()),
    f"{W}sectPrChange": (f"{W}sectPr", (f"{W}headerReference", f"{W}footerReference")),
    f"{W}tblGridChange": (f"{W}tblGrid", ()),
}
"""Each property change: the element holding the old properties, and the current children
the old properties do not describe (they stay when a change is rejected)."""


def _property_changes(root: etree._Element, accept: bool) -> None:
    for change in list(root.iter(*CHANGES)):
        holder = change.getparent()
        if holder is None:
            continue
        if accept:
            _remove(change)
            continue
        old_tag, staying = CHANGES[change.tag]
        old = change.find(old_tag)
        _remove(change)
        keep = [c for c in holder if c.tag in staying]
        for child in list(holder):
            holder.remove(child)
        if old is not None:
            for child in list(old):
                holder.append(child)
        references = [c for c in keep if c.tag in (f"{W}headerReference", f"{W}footerReference")]
        for index, child in enumerate(references):
            holder.insert(index, child)  # a section's header and footer references come first
        for child in keep:
            if child.tag == f"{W}rPr":
                holder.append(child)  # then, closing a w:pPr: w:rPr, then w:sectPr
        for child in keep:
            if child not in references and child.tag != f"{W}rPr":
                holder.append(child)


# --------------------------------------------------------------------------- SEQ fields


def _letters(n: int, upper: bool) -> str:
    """Word's alphabetic format: a ... z, then aa, bb, ... (the letter repeated)."""
    if n < 1:
        return str(n)
    letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    return letter.upper() if upper else letter


def _roman(n: int, upper: bool) -> str:
    if n < 1:
        return str(n)
    out = ""
    for value, digits in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out += digits
            n -= value
    return out.upper() if upper else out


def format_number(n: int, fmt: str) -> str:
    """A number in a field's ``\\*`` format (Word's names, case as Word reads them)."""
    if fmt == "alphabetic":
        return _letters(n, upper=False)
    if fmt == "ALPHABETIC":
        return _letters(n, upper=True)
    if fmt == "roman":
        return _roman(n, upper=False)
    if fmt == "ROMAN":
        return _roman(n, upper=True)
    return str(n)  # ARABIC, arabic, none


class Sequences:
    """SEQ counters, one per name, as Word computes them in document order."""

    def __init__(self) -> None:
        self.counters: dict[str, int] = {}

    def value(self, instruction: str) -> Optional[str]:
        """The result of a SEQ instruction (None for another field); advances its counter."""
        tokens = re.findall(r'"[^"]*"|\S+', instruction)
        if len(tokens) < 2 or tokens[0].upper() != "SEQ":
            return None
        name = tokens[1].strip('"')
        fmt, hidden, current, reset = "arabic", False, False, None
        index = 2
        while index < len(tokens):
            token = tokens[index]
            following = tokens[index + 1].strip('"') if index + 1 < len(tokens) else ""
            if token == "\\*" and following:
                fmt = following if following.upper() in ("ALPHABETIC", "ROMAN", "ARABIC") else fmt
                index += 1
            elif token.lower() == "\\r" and following.lstrip("-").isdigit():
                reset = int(following)
                index += 1
            elif token.lower() == "\\c":
                current = True
            elif token.lower() == "\\h":
                hidden = True
            elif token.lower() == "\\s":
                index += 1
            index += 1
        number = self.counters.get(name, 0)
        if reset is not None:
            number = reset
        elif not current:
            number += 1
        self.counters[name] = number
        return "" if hidden else format_number(number, fmt)


def _field_runs(root: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    for element in root.iter(f"{W}fldChar", f"{W}instrText", f"{W}t", f"{W}fldSimple"):
        if element.tag == f"{W}fldChar":
            yield element.get(f"{W}fldCharType", ""), element
        elif element.tag == f"{W}instrText":
            yield "instr", element
        elif element.tag == f"{W}fldSimple":
            yield "simple", element
        else:
            yield "text", element


def refresh_seq_fields(root: etree._Element) -> None:
    """Give every SEQ field of a part the result updating fields (F9) would give it."""
    sequences = Sequences()
    stack: list[dict[str, object]] = []
    for kind, element in list(_field_runs(root)):
        if kind == "begin":
            stack.append({"instr": "", "state": "instr", "texts": []})
        elif kind == "instr" and stack:
            stack[-1]["instr"] = str(stack[-1]["instr"]) + (element.text or "")
        elif kind == "separate" and stack:
            stack[-1]["state"] = "result"
            stack[-1]["separate"] = element
        elif kind == "text" and stack and stack[-1]["state"] == "result":
            texts = stack[-1]["texts"]
            assert isinstance(texts, list)
            texts.append(element)
        elif kind == "end" and stack:
            field = stack.pop()
            value = sequences.value(str(field["instr"]))
            if value is not None:
                _set_result(field, element, value)
        elif kind == "simple":
            value = sequences.value(element.get(f"{W}instr", ""))
            if value is not None:
                for child in list(element):
                    element.remove(child)
                run = etree.SubElement(element, f"{W}r")
                etree.SubElement(run, f"{W}t").text = value


def _set_result(field: dict[str, object], end: etree._Element, value: str) -> None:
    texts = field["texts"]
    assert isinstance(texts, list)
    if texts:
        texts[0].text = value
        for text in texts[1:]:
            text.text = ""
        return
    end_run = end.getparent()
    if end_run is None or end_run.getparent() is None:
        return
    run = etree.Element(f"{W}r")
    r_pr = end_run.find(f"{W}rPr")
    if r_pr is not None:
        run.append(etree.fromstring(etree.tostring(r_pr)))
    etree.SubElement(run, f"{W}t").text = value
    if "separate" not in field:  # no result part at all: give the field one
        separate = etree.Element(f"{W}r")
        etree.SubElement(separate, f"{W}fldChar").set(f"{W}fldCharType", "separate")
        end_run.addprevious(separate)
    end_run.addprevious(run)


# --------------------------------------------------------------------------- packages


def resolve_docx(docx: bytes, accept: bool) -> bytes:
    """The DOCX with every tracked change accepted (or rejected) in every part that holds text."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if PARTS.match(info.filename):
                root = resolve_part(etree.fromstring(data), accept)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, data)
    return out.getvalue()


def resolve(docx: bytes, accept: bool) -> list[str]:
    """The non-empty lines of the document after accepting (or rejecting) all changes."""
    return [line for line in body_lines(resolve_part(document(docx), accept)) if line.strip()]


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
    tags = (INS, DEL, MOVE_FROM, MOVE_TO)
    return sum(
        1 for e in root.iter(*tags) if (parent := e.getparent()) is not None and parent.tag not in MARKS
    )
