"""A decree typed in Word (or a PDF with a text layer) read back into content: ``keputusan import``.

The recogniser works on *lines*: a Word paragraph, or one row of a table used for layout
(the cells joined by tabs), or one line of a PDF's text. Each line is split into its
fields (tabs); the head of a line may be a part's label (``Menimbang``), a colon, and an
item's marker (``a.``, ``1.``, ``KESATU``, or what Word's automatic numbering shows). Those
are the tool's to derive, so they are removed; so are the end punctuation of listed items
(``;``, the last one's ``.``) and the letters and numbers of lists inside a text, which
become the markup of :mod:`keputusan.richtext` (``a. ``, ``1) ``, ``- ``) counted again on
build. Tables after a ``LAMPIRAN`` heading are data: an IKU/IKI table becomes
``tabel_indikator`` where its columns and its explanation cells fit, any other table a
``tabel`` with its headings (on several levels), spans and alignments.

Nothing is dropped: a line the recogniser cannot place is kept in the content file as a
``# TIDAK DIKENALI:`` comment with its text and where it was found, and every guess is
listed in the report (:attr:`Imported.guesses`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from .docx_read import Cell, Document, Para, Span, Table
from .errors import ContentError, Problem
from .richtext import RichText, escape_markup
from .text import BULAN, judul_kalimat, ordinal_diktum

# --------------------------------------------------------------------------- lines


@dataclass
class Line:
    """One line of the document: its fields (tab-separated), in plain text and in markup."""

    plain: list[str]
    marked: list[str]
    where: str
    label: str = ""  # automatic numbering's label
    indent: int = 0
    align: str = ""
    section: int = 0
    table: Optional[int] = None  # the layout table it came from
    page_break: bool = False
    nested: bool = False  # a row of a table inside a layout table's cell
    size: float = 0.0  # the largest font size of its runs (points; 0: not set on the runs)
    bold: bool = False  # every letter bold
    wrapped: bool = False  # a PDF's line: without a marker it continues the line above

    @property
    def text(self) -> str:
        return " ".join(f for f in self.plain if f).strip()

    @property
    def key(self) -> str:
        return _key(self.text)

    @property
    def empty(self) -> bool:
        return not self.text and not self.label


Item = Union[Line, Table]


def _key(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip().upper()
    if re.fullmatch(r"(?:\S ){3,}\S", text):  # M E M U T U S K A N
        text = text.replace(" ", "")
    return text


def _markup(spans: Sequence[Span], keep_whole: bool) -> str:
    """Spans as markup: italic ``*x*``, bold ``**x**``; a field all bold (a typist's heading
    style) is plain unless ``keep_whole``."""
    parts = [s for s in spans if s.text]
    if not parts:
        return ""
    if not keep_whole:
        visible = [s for s in parts if s.text.strip()]
        if visible and all(s.bold for s in visible):
            parts = [Span(s.text, s.italic, False) for s in parts]
        if visible and all(s.italic for s in visible):
            parts = [Span(s.text, False, s.bold) for s in parts]
    merged: list[Span] = []
    for s in parts:
        if merged and (merged[-1].italic, merged[-1].bold) == (s.italic, s.bold):
            merged[-1] = Span(merged[-1].text + s.text, s.italic, s.bold)
        else:
            merged.append(s)
    out = []
    for s in merged:
        text = escape_markup(s.text)
        if not (s.italic or s.bold) or not s.text.strip():
            out.append(text)
            continue
        mark = "*" * ((1 if s.italic else 0) + (2 if s.bold else 0))
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        out.append(f"{lead}{mark}{text.strip()}{mark}{trail}")
    return "".join(out)


def _fields(spans: Sequence[Span], keep_whole: bool) -> tuple[list[str], list[str]]:
    """A paragraph's text split at its tabs, plain and in markup."""
    plain: list[list[Span]] = [[]]
    for span in spans:
        pieces = span.text.split("\t")
        for index, piece in enumerate(pieces):
            if index:
                plain.append([])
            if piece:
                plain[-1].append(Span(piece, span.italic, span.bold))
    return (
        [_clean("".join(s.text for s in f)) for f in plain],
        [_clean(_markup(f, keep_whole)) for f in plain],
    )


def _clean(text: str) -> str:
    text = re.sub(r"[ \u00a0]+", " ", text)
    return "\n".join(part.strip() for part in text.split("\n")).strip()


def _para_line(para: Para, table: Optional[int] = None, keep_whole: bool = False) -> Line:
    plain, marked = _fields(para.spans, keep_whole)
    visible = [s for s in para.spans if s.text.strip()]
    line = Line(plain, marked, para.where, para.label, para.indent, para.align, para.section, table,
                para.page_break)
    line.size = max((s.size for s in visible), default=0.0)
    line.bold = bool(visible) and all(s.bold for s in visible)
    return line


def _row_lines(table: Table, number: int) -> list[Line]:
    """A layout table (a kop, Menimbang in columns, the signature): each row's cells side by side,
    their paragraphs zipped into lines with tabs between the cells; when two cells both hold
    several lines (the signature beside a paraf), cell after cell, the one with 'Ditetapkan' or
    the signatory first; a table inside a cell row by row after it."""
    out = []
    for r in range(table.rows):
        cells = sorted(table.at(r), key=lambda c: c.col)
        full = [c for c in cells if sum(1 for p in c.paras if p.text.strip()) + len(c.nested) >= 2]
        if len(full) >= 2 or any(c.nested for c in cells):
            cells.sort(key=lambda c: (not re.search(r"ditetapkan|NIP|,\s*$", c.text, re.I | re.M), c.col))
            for cell in cells:
                for para in cell.paras:
                    out.append(_para_line(para, number))
                for inner in cell.nested:
                    for line in _row_lines(inner, number):
                        line.nested = True
                        out.append(line)
            continue
        depth = max((len(c.paras) for c in cells), default=0)
        for k in range(depth):
            plain: list[str] = []
            marked: list[str] = []
            label, indent, align, where = "", 0, "", f"{table.where}, baris {r + 1}"
            for cell in cells:
                if k < len(cell.paras):
                    para = cell.paras[k]
                    p, m = _fields(para.spans, False)
                    if para.label:
                        p, m = [para.label, *p], [para.label, *m]
                        label = ""
                    plain += p
                    marked += m
                    indent, align = max(indent, para.indent if cell is cells[-1] else 0), para.align or align
                    where = para.where
                else:
                    plain.append("")
                    marked.append("")
            line = Line(plain, marked, where, label, indent, align, table.section, number, table.page_break)
            shown = [cell.paras[k] for cell in cells if k < len(cell.paras) and cell.paras[k].text.strip()]
            if shown:
                sized = _para_line(shown[-1])
                line.size, line.bold = sized.size, sized.bold
            out.append(line)
    return out


# --------------------------------------------------------------------------- the result


@dataclass
class Unplaced:
    text: str
    where: str


@dataclass
class Imported:
    content: dict[str, Any]
    profile: Optional[dict[str, Any]]  # a profile drawn from the document, when none was given
    unplaced: list[Unplaced] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)
    images: list[bytes] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # placeholders and differences to look at


class NotADecree(Exception):
    """The document has no title block (KEPUTUSAN ... TENTANG ...) to start from."""


# --------------------------------------------------------------------------- recognising

_ORDINALS = {ordinal_diktum(n): n for n in range(1, 201)}
_ORDINAL = re.compile(
    r"^(?:DIKTUM\s+)?(" + "|".join(sorted((re.escape(o) for o in _ORDINALS), key=len, reverse=True))
    + r"|PERTAMA)\s*(?::|$)\s*(.*)$",
    re.DOTALL,
)
_MARKER = re.compile(r"^(\(?[a-z]\)|[a-z]\.|\(?\d{1,3}\)|\d{1,3}\.|[-•●▪◦·*–])(?:\s+|$)(.*)$", re.DOTALL)
_LABELS = ("menimbang", "mengingat", "memperhatikan", "menetapkan")
_LABEL = re.compile(
    r"^((?i:[M]enimbang|[M]engingat|[M]emperhatikan|[M]enetapkan))\s*(?::\s*(.*)|$)", re.DOTALL
)
"""A part's label: capitalised, alone in its field or followed by a colon ('menetapkan' inside a
sentence is a word)."""
_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})")
_NIP = re.compile(r"^NIP\.?\s*:?\s*([\d ]{18,24})$", re.IGNORECASE)
PARAGRAF_CHARS = 8000  # a lampiran paragraf block is split before this, well within a text's 20,000
_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*\d{0,4}\s*[-–]|\d{1,4}|halaman\s+\d+.*)?$", re.IGNORECASE)
_LAMPIRAN = re.compile(r"^LAMPIRAN(?:\s+([IVXLC]+))?\b\.?\s*:?\s*(.*)$")


def _head(fields: list[str], marked: list[str], labels: bool = True) -> tuple[str, str, str]:
    """(label, marker, text in markup) of a line's fields: 'Menimbang', ':', 'a.', text; without
    ``labels`` (a lampiran's text, a table cell) a leading 'Menetapkan' is a word."""
    pairs = [(p, m) for p, m in zip(fields, marked, strict=False) if p]
    label = marker = ""
    if pairs and labels:
        found = _LABEL.match(pairs[0][0])
        if found:
            label = found.group(1).capitalize()
            rest = (found.group(2) or "").strip()
            if rest.startswith(":"):
                rest = rest[1:].strip()
            pairs = ([(rest, _after(pairs[0][1], rest))] if rest else []) + pairs[1:]
    if pairs and pairs[0][0] == ":":
        pairs = pairs[1:]
    if pairs:
        found = _MARKER.match(pairs[0][0])
        if found and (found.group(2) or len(pairs) > 1 or len(pairs[0][0]) <= 4):
            marker = found.group(1)
            rest = found.group(2).strip()
            pairs = ([(rest, _after(pairs[0][1], rest))] if rest else []) + pairs[1:]
    return label, marker, " ".join(m for _, m in pairs).strip()


def _after(marked: str, rest_plain: str) -> str:
    """The markup of a field's tail whose plain text is ``rest_plain``."""
    if not rest_plain:
        return ""
    plain_of = re.sub(r"\\(.)", r"\1", marked.replace("*", ""))
    if plain_of.endswith(rest_plain):
        # cut the markup where the plain tail begins
        skip = len(plain_of) - len(rest_plain)
        seen = 0
        i = 0
        while i < len(marked) and seen < skip:
            if marked[i] == "\\":
                i += 2
                seen += 1
            elif marked[i] == "*":
                i += 1
            else:
                i += 1
                seen += 1
        tail = marked[i:]
        if tail.count("*") % 2 == 0:
            return tail.strip()
    return escape_markup(rest_plain)


_KNOWN_KINDS = (
    "Undang-Undang", "Peraturan", "Keputusan", "Instruksi", "Surat Edaran", "Ketetapan",
)


class Recogniser:
    def __init__(self, doc: Document, profile: Optional[Any] = None) -> None:
        self.doc = doc
        self.profile = profile
        self.guesses: list[str] = []
        self.notices: list[str] = []  # what the reader must look at: a placeholder, a difference printed otherwise
        self.unplaced: list[Unplaced] = []
        self.lampiran_tanggal = False
        self.items: list[Item] = []
        self._flatten()

    # ----------------------------------------------------------------- flattening

    def _flatten(self) -> None:
        seen_lampiran = False
        tables = 0
        header = [b for b in self.doc.header if not (isinstance(b, Para) and _PAGE_NUMBER.match(b.text.strip()))]
        for block in [*header, *self.doc.blocks]:
            if isinstance(block, Para):
                line = _para_line(block, keep_whole=seen_lampiran)
                line.wrapped = self.doc.wrapped
                if _is_lampiran(line) and not seen_lampiran and self._after_title():
                    seen_lampiran = True
                self.items.append(line)
                continue
            tables += 1
            first = _key(" ".join(c.text for c in block.cells[:3]))
            lampiran_table = _LAMPIRAN.match(first) is not None and (
                " ".join(c.text for c in block.cells[:3]).lstrip().startswith("LAMPIRAN")
            )
            if lampiran_table:
                seen_lampiran = True
            data = (seen_lampiran and not lampiran_table and not self._signature_table(block)
                    and (block.rows >= 2 or block.bordered))
            if data or (block.bordered and block.cols >= 3 and block.rows >= 2 and self._after_title()
                        and not self._looks_like_layout(block)):
                self.items.append(block)
            else:
                self.items.extend(_row_lines(block, tables))

    def _after_title(self) -> bool:
        return any(isinstance(i, Line) and i.key.startswith("MENIMBANG") for i in self.items)

    @staticmethod
    def _signature_table(table: Table) -> bool:
        text = _key(" ".join(c.text for c in table.cells))
        return bool(re.search(r"\bNIP\b|DITETAPKAN", text)) and table.rows <= 3

    @staticmethod
    def _looks_like_layout(table: Table) -> bool:
        first = _key(table.cells[0].text) if table.cells else ""
        return bool(_LABEL.match(first.capitalize())) or first in ("PARAF KOORDINASI",)

    # ----------------------------------------------------------------- helpers

    def _line(self, i: int) -> Optional[Line]:
        """The item at ``i`` when it is a line (not a table, not past the end)."""
        item = self.items[i] if i < len(self.items) else None
        return item if isinstance(item, Line) else None

    def _keep(self, line: Line, why: str = "") -> None:
        text = " ".join(f for f in line.plain if f)
        if line.label:
            text = f"{line.label} {text}"
        if text.strip():
            self.unplaced.append(Unplaced(text.strip(), line.where + (f" ({why})" if why else "")))

    def _keep_table(self, table: Table, why: str) -> None:
        for r in range(table.rows):
            text = " | ".join(c.text.replace("\n", " ") for c in sorted(table.at(r), key=lambda c: c.col))
            if text.strip(" |"):
                self.unplaced.append(Unplaced(text, f"{table.where}, baris {r + 1} ({why})"))

    # ----------------------------------------------------------------- the whole decree

    def run(self) -> Imported:
        items = self.items
        i = 0
        # kop: everything before the title
        kop: list[Line] = []
        while i < len(items):
            item = items[i]
            if isinstance(item, Line) and item.text.lstrip().startswith("KEPUTUSAN") and (
                item.key == "KEPUTUSAN" or item.key.startswith("KEPUTUSAN ")
            ):  # the title, in capitals ('keputusan' in a kop is not it)
                break
            if isinstance(item, Line):
                if not item.empty:
                    kop.append(item)
            else:
                self._keep_table(item, "sebelum judul")
            i += 1
        if i == len(items):
            raise NotADecree()
        content: dict[str, Any] = {}
        i = self._title(i, content)
        i = self._parts(i, content)
        i = self._closing(i, content)
        if content.get("status") == "ditetapkan" and "tanggal" not in content:
            self.notices.append("Tanggal penetapan tidak ditemukan; isi 'tanggal' (keputusan bernomor harus bertanggal).")
        lampiran: list[dict[str, Any]] = []
        while i < len(items):
            item = items[i]
            if isinstance(item, Line) and _is_lampiran(item):
                i = self._lampiran(i, lampiran, content)
                continue
            if isinstance(item, Line):
                if not item.empty:
                    self._keep(item)
            else:
                self._keep_table(item, "di luar lampiran")
            i += 1
        if lampiran:
            content["lampiran"] = lampiran
            if self.doc.wrapped:
                self.guesses.append(
                    "PDF tidak menyimpan tabel: isi lampiran dibaca baris demi baris sebagai paragraf; "
                    "jadikan tabel bila perlu, atau impor berkas Word-nya."
                )
        profile = self._profile(kop, content)
        self._tidy(content)
        return Imported(content, profile, self.unplaced, self.guesses, self.doc.images, self.notices)

    # ----------------------------------------------------------------- title block

    def _title(self, i: int, content: dict[str, Any]) -> int:
        items = self.items
        first = items[i]
        assert isinstance(first, Line)
        pejabat: list[str] = []
        self.one_line = first.key != "KEPUTUSAN"
        if self.one_line:
            pejabat.append(first.text[len("KEPUTUSAN"):].strip())
        i += 1
        nomor_line: Optional[Line] = None
        while i < len(items):
            item = items[i]
            i += 1
            if not isinstance(item, Line):
                self._keep_table(item, "judul")
                continue
            if item.empty:
                continue
            if item.key.startswith("NOMOR"):
                nomor_line = item
                break
            pejabat.append(item.text)
        self.pejabat = _join(pejabat)
        nomor = ""
        if nomor_line is not None:
            rest = nomor_line.text[len("NOMOR"):].strip()
            self.colon = rest.startswith(":")
            nomor = rest.lstrip(":").strip()
        else:
            self.colon = True
            self.notices.append("Baris NOMOR tidak ditemukan; keputusan dibaca sebagai draf.")
        nomor = re.sub(r"\s*/\s*", "/", nomor)  # '800.1/ 045 /DINKES/2024', typed with room for the pen
        self.blank_number = ""
        if not nomor or re.fullmatch(r"[.…\s_-]*", nomor):
            content["status"] = "draf"
        elif any(not re.sub(r"[.…_\s-]", "", part) for part in nomor.split("/")):
            content["status"] = "draf"  # a number with a blank part is still to be taken
            self.blank_number = nomor
            self.notices.append(f"Nomor '{nomor}' belum lengkap (ada bagian kosong); dibaca sebagai draf tanpa nomor.")
        else:
            content["status"] = "ditetapkan"
            content["nomor"] = nomor
        # TENTANG, then the subject until the opening
        while (line := self._line(i)) is not None and (line.empty or line.key.startswith("TANGGAL")):
            i += 1
        if (line := self._line(i)) is not None and line.key == "TENTANG":
            i += 1
        else:
            self.notices.append("Baris TENTANG tidak ditemukan; pokok keputusan diambil dari baris berikutnya.")
        block: list[Line] = []
        while i < len(items):
            item = items[i]
            if isinstance(item, Line) and _LABEL.match(item.plain[0] if item.plain and item.plain[0] else item.text):
                break
            if isinstance(item, Line):
                if not item.empty:
                    block.append(item)
            else:
                self._keep_table(item, "judul")
            i += 1
        texts = [b.text for b in block]
        self.rahmat = False
        opening: list[str] = []
        for index, text in enumerate(texts):
            if _key(text).startswith("DENGAN RAHMAT"):
                self.rahmat = True
                subject, opening = texts[:index], texts[index + 1:]
                break
        else:
            subject, opening = texts, []
            for k in range(1, min(6, len(texts)) + 1):
                if _key(_join(texts[-k:])).rstrip(",") == _key(self.pejabat):
                    subject, opening = texts[:-k], texts[-k:]
                    break
            else:
                if texts and texts[-1].endswith(","):
                    subject, opening = texts[:-1], texts[-1:]
                    self.guesses.append(f"Pembuka '{texts[-1]}' ditebak sebagai baris sebelum Menimbang.")
        content["tentang"] = _join(subject)
        opening_text = _join(opening).rstrip(",").strip()
        if opening_text and _key(opening_text) != _key(self.pejabat):
            self.notices.append(
                f"Pejabat pada pembuka ('{opening_text}') berbeda dengan judul ('{self.pejabat}'); judul dipakai."
            )
        return i

    # ----------------------------------------------------------------- menimbang ... diktum

    def _parts(self, i: int, content: dict[str, Any]) -> int:
        items = self.items
        part = ""
        groups: dict[str, list[list[tuple[Line, str, str]]]] = {
            "menimbang": [], "mengingat": [], "memperhatikan": [], "diktum": [],
        }
        menetapkan: list[str] = []
        while i < len(items):
            item = items[i]
            if not isinstance(item, Line):
                self._keep_table(item, part or "bagian")
                i += 1
                continue
            if item.empty:
                i += 1
                continue
            key = item.key
            if key.startswith("DITETAPKAN") or _is_lampiran(item) or key.startswith("TEMBUSAN"):
                break
            if key in ("MEMUTUSKAN", "MEMUTUSKAN:", "MEMUTUSKAN :"):
                part = "memutuskan"
                i += 1
                continue
            fields = list(item.plain)
            marked = list(item.marked)
            if item.label:
                fields, marked = [item.label, *fields], [item.label, *marked]
            label, marker, text = _head(fields, marked)
            if label:
                part = label.lower()
                if part == "menetapkan":
                    menetapkan.append(text)
                    i += 1
                    continue
            if part == "menetapkan" or part == "memutuskan" or part == "diktum":
                first = next((f for f in fields if f), "")
                ordinal = _ORDINAL.match(_key(first) if len(first) < 40 else "")
                if ordinal is None and first:
                    ordinal = _ORDINAL.match(first.strip()) if first.strip()[:1].isupper() else None
                if ordinal and first.strip() == first and len([f for f in fields if f]) == 1 and not item.label:
                    # 'KETIGA : ...' typed inside a diktum (quoting an amended one) is text, unless
                    # it is the next ordinal in turn
                    expected = len(groups["diktum"]) + 1
                    if _ORDINALS.get(ordinal.group(1), 1 if ordinal.group(1) == "PERTAMA" else 0) != expected:
                        ordinal = None
                if ordinal:
                    part = "diktum"
                    rest_fields = [f for f in fields if f][1:]
                    rest_marked = [m for f, m in zip(fields, marked, strict=False) if f][1:]
                    words = r"\s+".join(re.escape(w) for w in ordinal.group(1).split())
                    typed = re.match(rf"(?is)^\s*(?:diktum\s+)?{words}\s*:?\s*(.*)$", first)
                    inline = typed.group(1).strip() if typed else ""
                    if inline and inline != ":":
                        rest_fields = [inline, *rest_fields]
                        rest_marked = [_after(next(m for f, m in zip(fields, marked, strict=False) if f), inline), *rest_marked]
                    if rest_fields and rest_fields[0] == ":":
                        rest_fields, rest_marked = rest_fields[1:], rest_marked[1:]
                    groups["diktum"].append([(item, "", " ".join(rest_marked).strip())])
                    i += 1
                    continue
                if part == "menetapkan":
                    menetapkan.append(text if not marker else f"{marker} {text}")
                    i += 1
                    continue
                if part == "memutuskan":
                    self._keep(item, "setelah MEMUTUSKAN")
                    i += 1
                    continue
            if part not in groups:
                self._keep(item, "sebelum Menimbang")
                i += 1
                continue
            new_item = bool(label) or self._starts_item(part, marker, item, groups[part])
            if new_item and part != "diktum":
                groups[part].append([(item, marker, text)])
            elif groups[part]:
                groups[part][-1].append((item, marker, text))
            else:
                groups[part].append([(item, marker, text)])
            i += 1
        if menetapkan:
            whole = _plain_text(_join(menetapkan))
            content["menetapkan"] = whole[:-1].rstrip() if whole.endswith(".") else whole
        for name in ("menimbang", "mengingat", "memperhatikan"):
            if groups[name]:
                texts = _unpunctuated([_item_text(g, punctuated=True) for g in groups[name]])
                if name == "mengingat":
                    content[name] = [_legal_basis(t) for t in texts]
                else:
                    content[name] = [{"teks": t} for t in texts]
        diktum = [_item_text(g, punctuated=False, list_punctuated=True) for g in groups["diktum"]]
        if diktum:
            content["diktum"] = [{"teks": t} for t in diktum]
        return i

    def _starts_item(self, part: str, marker: str, line: Line,
                     existing: list[list[tuple[Line, str, str]]]) -> bool:
        if not existing:
            return True
        if not marker:
            return False
        letter = bool(re.fullmatch(r"\(?[a-z][.)]", marker))
        number = bool(re.fullmatch(r"\(?\d{1,3}[.)]", marker))
        wanted = letter if part == "menimbang" else number
        if not wanted:
            return False
        first_line = existing[-1][0][0]
        if line.indent > first_line.indent + 300 and line.table is None:
            return False
        # the marker must be the next in its series ('b.' after 'a.'), or the first items' style
        return marker.endswith(existing[-1][0][1][-1:] or ".") or not existing[-1][0][1]

    # ----------------------------------------------------------------- Ditetapkan, signature, tembusan

    def _closing(self, i: int, content: dict[str, Any]) -> int:
        items = self.items
        i, signer = self._signature(i, content, main=True)
        if signer:
            content["penandatangan"] = signer
        # tembusan, paraf
        while i < len(items):
            item = items[i]
            if isinstance(item, Line) and _is_lampiran(item):
                break
            if isinstance(item, Line) and item.key.startswith("TEMBUSAN"):
                self.tembusan_judul = item.text
                i += 1
                entries: list[list[tuple[Line, str, str]]] = []
                gap = False
                while i < len(items):
                    line = items[i]
                    if not isinstance(line, Line) or _is_lampiran(line) or line.key.startswith("PARAF"):
                        break
                    if line.empty:
                        i += 1
                        gap = True
                        continue
                    _, marker, text = _head(([line.label] if line.label else []) + line.plain,
                                            ([line.label] if line.label else []) + line.marked)
                    if entries and not marker and (gap or re.match(r"(?i)salinan\b|a\.?n\.? ", line.text)):
                        break  # after a blank line, or a 'Salinan sesuai dengan aslinya' block: not a copy
                    gap = False
                    if marker or not entries:
                        entries.append([(line, marker, text)])
                    else:
                        entries[-1].append((line, marker, text))
                    i += 1
                content["tembusan"] = _unpunctuated([_plain_text(_item_text(e, punctuated=True)) for e in entries])
                continue
            if isinstance(item, Line) and item.key.startswith("PARAF KOORDINASI"):
                i += 1
                while (blank := self._line(i)) is not None and blank.empty:
                    i += 1
                table = items[i] if i < len(items) else None
                if isinstance(table, Table):
                    paraf = _paraf(table)
                    if paraf:
                        content.setdefault("paraf", {})["koordinasi"] = paraf
                    else:
                        self._keep_table(table, "paraf")
                    i += 1
                continue
            if isinstance(item, Line) and item.nested and item.plain and 0 < len(item.plain) <= 2 \
                    and len(item.plain[0]) <= 60 and item.plain[0]:
                initials = item.plain[1] if len(item.plain) > 1 and item.plain[1] else None
                content.setdefault("paraf", {}).setdefault("hierarki", []).append(
                    {"jabatan": item.plain[0], "paraf": initials})
                i += 1
                continue
            if isinstance(item, Line):
                if not item.empty:
                    self._keep(item, "setelah tanda tangan")
            else:
                self._keep_table(item, "setelah tanda tangan")
            i += 1
        return i

    def _signature(self, i: int, content: Optional[dict[str, Any]], main: bool) -> tuple[int, dict[str, Any]]:
        """Ditetapkan/Pada tanggal (when ``content``), then jabatan, name, pangkat, NIP."""
        items = self.items
        signer: dict[str, Any] = {}
        jabatan: list[str] = []
        after: list[str] = []
        hierarki: list[dict[str, Any]] = []
        state = "penetapan"
        while i < len(items):
            item = items[i]
            if not isinstance(item, Line):
                break
            key = item.key
            if _is_lampiran(item) or key.startswith("TEMBUSAN") or key.startswith("PARAF"):
                break
            if item.empty:
                i += 1
                continue
            fields = [f for f in item.plain if f]
            text = " ".join(fields)
            if key.startswith("DITETAPKAN"):
                place = re.sub(r"^ditetapkan\s*:?\s*(di\s*:?\s*)?", "", text, flags=re.IGNORECASE).strip(" :")
                place = re.sub(r"^di\s+", "", place, flags=re.IGNORECASE)
                if content is not None and place:
                    content["tempat"] = place
                i += 1
                continue
            if key.startswith("PADA TANGGAL") or key.startswith("TANGGAL"):
                value = re.sub(r"^(pada\s+)?tanggal\s*:?\s*", "", text, flags=re.IGNORECASE).strip(" :")
                date = _date(value)
                if content is not None and date is not None:
                    content["tanggal"] = date
                elif content is not None and not re.fullmatch(r"[.…\s_-]*", value):
                    self.notices.append(f"Tanggal '{value}' tidak terbaca; isi 'tanggal' sendiri.")
                i += 1
                continue
            if state == "penetapan" or state == "jabatan":
                if not main and state == "penetapan" and not text.endswith(",") and not jabatan and len(text) > 120:
                    break
                state = "jabatan"
                # a paraf hierarki beside the jabatan ('Sekretaris : SF')?
                jabatan.append(text)
                i += 1
                if text.endswith(","):
                    state = "nama"
                continue
            if state == "nama":
                # the TTE anchor in the signing space: the profile's, or without a profile a short
                # mark made of symbols ('#', '$', '^ttd^'), never a name like '(IKU)'
                if (text == self.profile.tte.jangkar) if self.profile is not None else bool(
                    re.fullmatch(r"[#^~*_$@%&!|+=<>]\S{0,6}[#^~*_$@%&!|+=<>]|[#^~*_$@%&!|+=<>]", text)
                ):
                    i += 1
                    continue
                found = re.match(r"^(.*?)\s*:\s*(\S{0,8})$", text)
                if found and len(fields) >= 2 and len(found.group(1)) < 40 and not _NIP.match(text):
                    hierarki.append({"jabatan": found.group(1), "paraf": found.group(2) or None})
                    i += 1
                    continue
                signer["nama"] = text
                state = "after"
                i += 1
                continue
            if state == "after":
                nip = _NIP.match(text)
                if nip:
                    signer["nip"] = re.sub(r"\s+", "", nip.group(1))
                    i += 1
                    state = "done"
                    continue
                following = next((x for x in items[i + 1:] if isinstance(x, Line) and not x.empty), None)
                rank = re.match(r"^(pembina|penata|pengatur|juru|pengatur)\b", text, re.I)
                if not after and len(text) < 60 and not text.endswith(";") and (
                    rank or text.upper() == text or (following is not None and _NIP.match(following.text))
                ):
                    after.append(text)
                    i += 1
                    continue
                break
            break
        if jabatan:
            signer["jabatan"] = _join(jabatan).rstrip(",").strip()
        if after:
            signer["pangkat"] = after[0]
        if hierarki and content is not None:
            content.setdefault("paraf", {})["hierarki"] = hierarki
        return i, signer if "nama" in signer else {}

    # ----------------------------------------------------------------- lampiran

    def _lampiran(self, i: int, out: list[dict[str, Any]], content: dict[str, Any]) -> int:
        items = self.items
        start = items[i]
        assert isinstance(start, Line)
        section = start.section
        i += 1
        # the header block: KEPUTUSAN ..., NOMOR, TANGGAL, TENTANG, subject (derived; not kept). It may
        # be a table, one paragraph with line breaks, or paragraphs; it ends at TENTANG's subject,
        # or after NOMOR/TANGGAL at a blank line or at the first line that is no header label.
        header_table = start.table
        subject_words_all = _key(content.get("tentang", "")).split()
        subject_words = set(subject_words_all)
        head_text = _key(start.text.replace("\n", " "))
        seen_tentang = " TENTANG" in f" {head_text}"
        seen_label = bool(re.search(r"\b(NOMOR|TANGGAL)\b", head_text))
        subject_seen = len(head_text.split("TENTANG", 1)[1].split()) if seen_tentang else 0
        self.lampiran_tanggal = self.lampiran_tanggal or bool(re.search(r"\bTANGGAL\b", head_text))
        while i < len(items):
            item = items[i]
            if not isinstance(item, Line):
                break
            key = item.key
            if header_table is not None and item.table == header_table:
                seen_tentang = seen_tentang or key.startswith("TENTANG")
                self.lampiran_tanggal = self.lampiran_tanggal or key.startswith("TANGGAL")
                i += 1
                continue
            if item.empty:
                if seen_tentang or (seen_label and not item.wrapped):
                    break
                i += 1
                continue
            if key.startswith("TENTANG"):
                seen_tentang = True
                rest = key[len("TENTANG"):].strip(" :")
                subject_seen += len(rest.split())
                i += 1
                continue
            if not seen_tentang:
                if key.startswith(("NOMOR", "TANGGAL")):
                    seen_label = True
                    self.lampiran_tanggal = self.lampiran_tanggal or key.startswith("TANGGAL")
                    i += 1
                    continue
                if not seen_label and (key.startswith("KEPUTUSAN") or key == key.upper()):
                    i += 1  # the decree's name, wrapped over lines, before NOMOR
                    continue
                break
            words = key.split()
            if words and subject_seen < len(subject_words_all) and sum(
                w in subject_words for w in words
            ) >= 0.6 * len(words):
                subject_seen += len(words)
                i += 1
                continue
            break
        lampiran: dict[str, Any] = {}
        if section < len(self.doc.landscape) and self.doc.landscape[section]:
            lampiran["orientasi"] = "lanskap"
        title: list[str] = []
        isi: list[dict[str, Any]] = []
        tables: list[Table] = []
        paragraph: list[Line] = []
        signature = False

        def flush() -> None:
            """The lines gathered as paragraf blocks; a long run of paragraphs (pages of text
            without a blank line) in blocks within a text's size limit, split where no list goes on."""
            chunk: list[Line] = []
            size = 0
            for line in paragraph:
                starts_item = bool(line.label) or bool(_MARKER.match(line.text))
                if chunk and size + len(line.text) > PARAGRAF_CHARS and not starts_item:
                    isi.append(_paragraf(chunk))
                    chunk, size = [], 0
                chunk.append(line)
                size += len(line.text) + 2
            if chunk:
                isi.append(_paragraf(chunk))
            paragraph.clear()

        while i < len(items):
            item = items[i]
            if isinstance(item, Table):
                flush()
                previous = tables[-1] if tables and isi and isi[-1].get("_table") is tables[-1] else None
                if previous is not None and _same_header(previous, item) and (item.page_break or item.cols >= 2):
                    _append_rows(previous, item)
                    self.guesses.append(f"{item.where}: sambungan tabel sebelumnya (judul kolom diulang), digabung.")
                else:
                    tables.append(item)
                    isi.append({"_table": item})
                i += 1
                continue
            if _is_lampiran(item):
                break
            if item.empty:
                flush()
                i += 1
                continue
            if not isi and not paragraph and (not title or not _is_body_line(item)) and item.align in ("center", "") \
                    and _is_title_line(item):
                title.extend(t.strip() for t in item.text.split("\n") if t.strip())
                i += 1
                continue
            signer_names = {_key(content.get("penandatangan", {}).get("jabatan", "")), _key(self.pejabat)} - {""}
            wrapped = 0  # the jabatan's earlier lines, when it is wrapped (a PDF)
            if item.text.endswith(","):
                for k in range(0, min(4, len(paragraph)) + 1):
                    joined = _key(_join([p.text for p in paragraph[len(paragraph) - k:]] + [item.text]))
                    if joined.rstrip(",") in signer_names:
                        wrapped = k + 1
                        break
            if wrapped or item.key.startswith("DITETAPKAN"):
                start_at = i - (wrapped - 1 if wrapped else 0)
                del paragraph[len(paragraph) - (wrapped - 1 if wrapped else 0):]
                flush()
                i, _ = self._signature(start_at, None, main=False)
                signature = True
                continue
            paragraph.append(item)
            i += 1
        flush()
        blocks: list[dict[str, Any]] = []
        for entry in isi:
            if "_table" in entry:
                table = entry["_table"]
                converted = _table(table, len(out) + 1, self.guesses)
                if converted is None:
                    self._keep_table(table, "tabel tak terbaca")
                else:
                    blocks.append(converted)
            else:
                blocks.append(entry)
        lampiran["judul"] = title or [f"LAMPIRAN {len(out) + 1}"]
        if not title:
            self.notices.append(f"{start.where}: judul lampiran tidak ditemukan; diberi judul sementara 'LAMPIRAN {len(out) + 1}'.")
        lampiran["isi"] = blocks or [{"jenis": "paragraf", "teks": "-"}]
        if not blocks:
            self.notices.append(f"{start.where}: lampiran tanpa isi yang dikenali; diberi isi sementara '-'.")
        if not signature:
            lampiran["tanda_tangan"] = False
        out.append(lampiran)
        return i

    # ----------------------------------------------------------------- profile and tidying

    def _profile(self, kop: list[Line], content: dict[str, Any]) -> Optional[dict[str, Any]]:
        if self.profile is not None:
            known = {_key(t) for t in (*[b.teks for b in self.profile.kop.baris], *self.profile.kop.alamat)}
            for line in kop:
                for text in line.text.split("\n"):
                    if _key(text) not in known and text.strip():
                        self.notices.append(f"{line.where}: baris kop '{text.strip()}' tidak ada di profil; kop dicetak dari profil.")
            heading = getattr(self, "tembusan_judul", None)
            if heading and _key(heading) != _key(self.profile.tembusan_judul):
                self.notices.append(
                    f"Judul tembusan '{heading}' dicetak dari profil sebagai '{self.profile.tembusan_judul}'; "
                    "ubah 'tembusan_judul' di profil bila perlu."
                )
            if self.lampiran_tanggal and not self.profile.lampiran.tampilkan_tanggal:
                self.notices.append("Kepala lampiran memuat TANGGAL; profil tidak mencetaknya (lampiran: tampilkan_tanggal).")
            return None
        pejabat = self.pejabat or "PEJABAT"
        baris: list[Any] = []
        alamat: list[str] = []
        for line in kop:
            for text in (" ".join(t.split()) for t in line.text.split("\n")):
                if not text:
                    continue
                if re.search(r"\b(jl\.|jalan|telp|telepon|fax|faks|kode pos|e-?mail|website|www\.|laman)\b", text, re.I) \
                        or text != text.upper():
                    alamat.append(text)
                    continue
                entry: dict[str, Any] = {"teks": text}
                if line.size and line.size != 14 and 4 < line.size <= 40:
                    entry["ukuran"] = _int_if(line.size)
                if not line.bold and line.size:
                    entry["tebal"] = False
                baris.append(entry if len(entry) > 1 else text)
        texts = [b if isinstance(b, str) else b["teks"] for b in baris]
        name = _join(texts[1:]) if len(texts) > 1 else (texts[0] if texts else pejabat)
        region = next((m.group(0) for t in texts if (m := re.search(r"\b(KABUPATEN|KOTA|PROVINSI)\s+[A-Z][A-Z ]+", t))), "")
        if region and region not in _key(name):
            name = f"{name} {region}"
        profile: dict[str, Any] = {"nama": judul_kalimat(name)}
        pictures = self.doc.images
        wide = _wide_picture(pictures[0]) if pictures else False
        if wide and pictures:
            profile["kop"] = {"jenis": "gambar", "gambar": "KOP"}
            self.guesses.append("Kop berupa gambar: dipakai utuh sebagai kop (jenis: gambar).")
            for line in kop:
                self.unplaced.append(Unplaced(line.text, f"{line.where} (teks di samping kop gambar)"))
        elif baris:
            kind = "kepala_daerah" if len(baris) == 1 and not alamat else "perangkat_daerah"
            profile["kop"] = {"jenis": kind, "baris": baris}
            if alamat:
                profile["kop"]["alamat"] = alamat
        else:
            profile["kop"] = {"jenis": "kepala_daerah", "baris": [pejabat]}
            self.notices.append("Kop tidak ditemukan; kop profil berisi nama pejabat. Lengkapi kop di profil.")
        nomor = content.get("nomor") or self.blank_number
        profile["nomor"] = {"pola": _number_pattern(nomor) if nomor else "{klasifikasi}/{urut}/{tahun}"}
        if nomor:
            klas = re.match(r"^(\d{3}(?:\.\d+)*)/", nomor)
            if klas:
                profile["nomor"]["klasifikasi"] = klas.group(1)
        profile["tempat"] = content.pop("tempat", None) or "..."
        if profile["tempat"] == "...":
            self.notices.append("Tempat penetapan tidak ditemukan; isi 'tempat' di profil.")
        profile["pejabat"] = pejabat
        self.guesses.append(
            f"Profil baru dari kop dokumen: {len(baris)} baris kop, {len(alamat)} baris alamat, "
            f"pola nomor '{profile['nomor']['pola']}'; periksa lalu pakai untuk keputusan lain instansi ini."
        )
        if self.rahmat:
            profile["dengan_rahmat"] = True
        judul: dict[str, Any] = {}
        if self.one_line:
            judul["satu_baris"] = True
        if not self.colon:
            judul["titik_dua_nomor"] = False
        if judul:
            profile["judul"] = judul
        heading = getattr(self, "tembusan_judul", None)
        if heading and heading != "Tembusan :":
            profile["tembusan_judul"] = heading
        if self.lampiran_tanggal:
            profile["lampiran"] = {"tampilkan_tanggal": True}
        return profile

    def _tidy(self, content: dict[str, Any]) -> None:
        """Drop what the profile or the defaults give already."""
        pejabat = self.pejabat
        if self.profile is not None:
            if _key(pejabat) != _key(self.profile.pejabat):
                content["pejabat"] = pejabat
            if "tempat" in content and content["tempat"] == self.profile.tempat:
                del content["tempat"]
        signer = content.get("penandatangan")
        if signer:
            jabatan = signer.get("jabatan")
            if jabatan and _join([jabatan]) == _join([pejabat]):
                del signer["jabatan"]
            known = self.profile.penandatangan if self.profile is not None else None
            if known is not None and known.model_dump(exclude_none=True) == {
                k: v for k, v in signer.items() if v is not None
            }:
                del content["penandatangan"]
        menetapkan = content.get("menetapkan")
        if menetapkan is not None and _key(menetapkan) == _key(f"KEPUTUSAN {pejabat} TENTANG {content['tentang']}"):
            del content["menetapkan"]
        # the decree replaced or amended, named in a diktum
        diktum = content.get("diktum", [])
        for d in diktum:
            plain = _plain_text(d["teks"])
            revoked = re.search(r"Nomor (\S+?),? (?:[^.]*? )?dicabut dan dinyatakan tidak berlaku", plain)
            if revoked and "menggantikan" not in content:
                content["menggantikan"] = revoked.group(1).rstrip(",")
            amended = re.match(r"^Mengubah [^.]*?Keputusan [^.]*?Nomor (\S+?),? ", plain)
            if amended and "mengubah" not in content:
                content["mengubah"] = amended.group(1).rstrip(",")
        # a revoking diktum the tool writes itself from 'menggantikan'
        diktum = content.get("diktum", [])
        for index, d in enumerate(diktum):
            found = re.fullmatch(
                r"Dengan ditetapkannya Keputusan ini, Keputusan (.+?) Nomor (\S+) dicabut dan dinyatakan tidak berlaku\.",
                d["teks"],
            )
            if found and _key(found.group(1)) == _key(pejabat) and index == len(diktum) - 2:
                content["menggantikan"] = found.group(2).replace("\\", "")
                del diktum[index]
                break


# --------------------------------------------------------------------------- item texts


def _item_text(lines: list[tuple[Line, str, str]], punctuated: bool, list_punctuated: bool = True) -> str:
    """An item's lines as markup: its first text, then paragraphs and lists inside it."""
    first_line, _, first = lines[0]
    first = first.replace("\n", "\\\n")  # a line break typed in the paragraph (Shift+Enter)
    out: list[str] = [first] if first else []
    stack: list[int] = []  # indents of open list levels
    last_top = ""  # the marker of the outermost list's last item
    for line, marker, text in lines[1:]:
        text = text.replace("\n", "\\\n")
        if marker:
            indent = line.indent
            while stack and indent < stack[-1] - 100:
                stack.pop()
            if not stack or indent > stack[-1] + 100:
                stack.append(indent)
            depth = len(stack) - 1
            style = _list_style(marker)
            body = _strip_end(text, last=False) if list_punctuated else text
            restart = re.fullmatch(r"\(?(1|a)[.)]", marker) is not None
            if restart and depth == 0 and last_top and last_top != marker and out and out[-1]:
                out.append("")  # a list starting again at 1. or a.: a new list, not the next item
            if depth == 0:
                last_top = marker
            out.append(f"{'   ' * depth}{style} {body}")
        elif (stack and (line.wrapped or line.indent >= stack[0] - 100 or line.table is not None)) or (
            line.wrapped and out
        ):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append("")
            out.append(text)
    if list_punctuated and stack and out and out[-1] and lines[-1][1]:
        out[-1] = _strip_end(out[-1])  # the tool ends the last item with '.' itself
    joined = "\n".join(out).strip("\n")
    return joined


def _unpunctuated(texts: list[str]) -> list[str]:
    """Listed items without the ending the tool prints after them: ';' after every item but the
    last, '.' after the last; a last item typed with ';' gets the tool's '.' (a middle one typed
    with '.', e.g. ending in 'Jl.', keeps it)."""
    out = []
    for index, text in enumerate(texts):
        last = index == len(texts) - 1
        if "\n" not in text and not re.search(r"[;,]\s+(?:dan|atau|dan/atau|serta)$", text):
            if text.endswith(";"):  # the tool ends the last item with '.' itself
                text = text[:-1].rstrip()
            elif last and text.endswith(".") and not text.endswith(".."):
                text = text[:-1].rstrip()
        out.append(text)
    return out


def _strip_end(text: str, last: bool = True) -> str:
    if re.search(r"[;,]\s+(?:dan|atau|dan/atau|serta)$", text):
        return text
    if text.endswith(";"):
        return text[:-1].rstrip()
    if last and text.endswith(".") and not text.endswith(".."):
        return text[:-1].rstrip()
    return text


def _list_style(marker: str) -> str:
    marker = marker.strip("(")
    if marker in ("-", "–", "*", "·", "▪", "◦"):
        return "-"
    if marker in ("•", "●"):
        return "•"
    if re.fullmatch(r"\d{1,3}[.)]", marker):
        return marker  # the tool counts anyway
    if re.fullmatch(r"[a-z][.)]", marker):
        return marker
    return "-"


def _plain_text(markup: str) -> str:
    return RichText(markup).plain()


def _join(parts: Iterable[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()


def _date(text: str) -> Optional[dt.date]:
    found = _DATE.search(text)
    if not found or found.group(2).capitalize() not in BULAN:
        return None
    try:
        return dt.date(int(found.group(3)), BULAN.index(found.group(2).capitalize()) + 1, int(found.group(1)))
    except ValueError:
        return None


def _number_pattern(nomor: str) -> str:
    """'800/1199/Kpts/Ka/BKPSDM/2023' -> '{klasifikasi}/{urut}/Kpts/Ka/BKPSDM/{tahun}'; a number
    with braces gives the plain pattern (a brace is the pattern's own syntax)."""
    if "{" in nomor or "}" in nomor:
        return "{klasifikasi}/{urut}/{tahun}"
    parts = nomor.split("/")
    out = list(parts)
    if parts and re.fullmatch(r"\d{3}(?:\.\d+)*", parts[0]):
        out[0] = "{klasifikasi}"
    if parts and re.fullmatch(r"\d{4}", parts[-1]):
        out[-1] = "{tahun}"
    for index, part in enumerate(parts):
        blank = not re.sub(r"[.…_\s-]", "", part)
        if 0 < index < len(parts) - 1 and (part.isdigit() or blank):
            out[index] = "{urut}"
            break
    pattern = "/".join(out)
    if "{urut}" not in pattern:
        pattern = "{klasifikasi}/{urut}/{tahun}"
    return pattern


def _paraf(table: Table) -> list[dict[str, Any]]:
    rows = []
    header = [_key(c.text) for c in sorted(table.at(0), key=lambda c: c.col)]
    if not header or "NAMA" not in " ".join(header):
        return []
    for r in range(1, table.rows):
        cells = [c.text for c in sorted(table.at(r), key=lambda c: c.col)]
        if len(cells) < 4:
            continue
        if re.fullmatch(r"\d+\.?", cells[0].strip()):
            cells = cells[1:]
        entry: dict[str, Any] = {"unit": cells[0], "nama": cells[1]}
        if len(cells) > 2 and cells[2].strip():
            entry["paraf"] = cells[2].strip()
        if len(cells) > 3 and cells[3].strip():
            date = _date(cells[3])
            if date:
                entry["tanggal"] = date
        rows.append(entry)
    return rows


def _usable_picture(data: bytes) -> bool:
    """PNG or JPEG bytes within the image size limit that decode whole (an emblem to write)."""
    from .images import picture_problem
    from .limits import limit

    return len(data) <= limit("image_bytes") and picture_problem(data) is None


def _wide_picture(data: bytes) -> bool:
    """A picture much wider than tall: a whole letterhead, not an emblem."""
    from .images import picture_size

    size = picture_size(data)
    return size is not None and size[1] > 0 and size[0] / size[1] >= 2.5


def _is_lampiran(line: Line) -> bool:
    """A lampiran's first line: 'LAMPIRAN', 'LAMPIRAN II', 'LAMPIRAN : KEPUTUSAN ...' in capitals
    ('Lampiran yang merupakan ...', a diktum's line wrapped in a PDF, is not)."""
    return _LAMPIRAN.match(line.key) is not None and line.text.lstrip().startswith("LAMPIRAN")


def _is_title_line(line: Line) -> bool:
    text = line.text
    return bool(text) and text.upper() == text and len(text) < 160 and not _MARKER.match(text)


def _is_body_line(line: Line) -> bool:
    return bool(line.label) or bool(_MARKER.match(line.text))


def _literal_line(text: str) -> str:
    """A PDF's line as markup that reads as itself: a leading '1.' or '-' is not a list marker."""
    escaped = escape_markup(text)
    return re.sub(r"^(\d{1,3}|[a-z]|\()([.)])", r"\1\\\2", re.sub(r"^-", r"\\-", escaped))


def _paragraf(lines: list[Line]) -> dict[str, Any]:
    """Lines of a lampiran between blank lines: one paragraph, lists inside it. A PDF's lines
    (a table's cells among them) are kept line by line, as they read."""
    if lines[0].wrapped:
        return {"jenis": "paragraf", "rata": "kiri", "teks": "\\\n".join(_literal_line(x.text) for x in lines)}
    align = {"center": "tengah", "right": "kanan", "left": "kiri", "start": "kiri"}.get(lines[0].align)
    rows: list[tuple[Line, str, str]] = []
    for line in lines:
        fields = ([line.label] if line.label else []) + line.plain
        marked = ([line.label] if line.label else []) + line.marked
        _, marker, text = _head(fields, marked, labels=False)
        rows.append((line, marker, text))
    if rows[0][1]:
        # the paragraph is a list from its first line
        text = _item_text([(rows[0][0], "", "")] + rows, punctuated=False, list_punctuated=True)
    else:
        text = _item_text(rows, punctuated=False, list_punctuated=True)
    entry: dict[str, Any] = {"jenis": "paragraf"}
    if align:
        entry["rata"] = align
    entry["teks"] = text
    return entry


# --------------------------------------------------------------------------- legal bases

_GAZETTE = (
    ("lembaran_negara", re.compile(r"^Lembaran Negara Republik Indonesia Tahun (\d{4}) Nomor (\S+)$")),
    ("tambahan_lembaran_negara", re.compile(r"^Tambahan Lembaran Negara Republik Indonesia Nomor (\S+)$")),
    ("berita_negara", re.compile(r"^Berita Negara Republik Indonesia Tahun (\d{4}) Nomor (\S+)$")),
    ("lembaran_daerah", re.compile(r"^Lembaran Daerah(?: (.+?))? Tahun (\d{4}) Nomor (\S+)$")),
    ("tambahan_lembaran_daerah", re.compile(r"^Tambahan Lembaran Daerah(?: (.+?))? Nomor (\S+)$")),
    ("berita_daerah", re.compile(r"^Berita Daerah(?: (.+?))? Tahun (\d{4}) Nomor (\S+)$")),
)
_CITE = re.compile(r"^(?P<jenis>[A-Z][^()]*?) Nomor (?P<nomor>\S+?)(?: Tahun (?P<tahun>\d{4}))? tentang (?P<rest>.+)$",
                   re.DOTALL)
_CHANGE = re.compile(r"^ (sebagaimana [^()]*?(?:diubah|dicabut)[^()]*? dengan) (.+)$", re.DOTALL)


def _number(value: str) -> Union[int, str]:
    return int(value) if value.isdigit() and not value.startswith("0") else value


def _parse_cite(text: str) -> Optional[tuple[dict[str, Any], str]]:
    found = _CITE.match(text)
    if not found or not found.group("jenis").startswith(_KNOWN_KINDS):
        return None
    rest = found.group("rest")
    cut = len(rest)
    for mark in (" (Lembaran ", " (Tambahan ", " (Berita ", " sebagaimana telah ", " sebagaimana diubah"):
        at = rest.find(mark)
        if at != -1:
            cut = min(cut, at)
    tentang, tail = rest[:cut], rest[cut:]
    entry: dict[str, Any] = {"jenis": found.group("jenis"), "nomor": _number(found.group("nomor"))}
    if found.group("tahun"):
        entry["tahun"] = int(found.group("tahun"))
    entry["tentang"] = tentang
    if tail.startswith(" ("):
        close = tail.find(")")
        if close == -1:
            return None
        for piece in tail[2:close].split(", "):
            for name, pattern in _GAZETTE:
                g = pattern.match(piece)
                if not g:
                    continue
                groups = g.groups()
                if name in ("lembaran_daerah", "berita_daerah", "tambahan_lembaran_daerah") and groups[0]:
                    entry["nama_daerah"] = groups[0]
                    groups = groups[1:]
                elif name in ("lembaran_daerah", "berita_daerah", "tambahan_lembaran_daerah"):
                    groups = groups[1:]
                if len(groups) == 2:
                    entry[name] = {"tahun": int(groups[0]), "nomor": _number(groups[1])}
                else:
                    entry[name] = _number(groups[0])
                break
            else:
                return None
        tail = tail[close + 1:]
    changes = []
    if tail:
        change = _CHANGE.match(tail)
        parsed = _parse_cite(change.group(2)) if change else None
        if change is None or parsed is None:
            if "(" in tail or entry.keys() - {"jenis", "nomor", "tahun", "tentang"}:
                return None
            entry["tentang"] = tentang + tail  # 'sebagaimana telah diubah ...' inside the subject
            tail = ""
        else:
            changes.append({"keterangan": change.group(1), "peraturan": parsed[0]})
            tail = parsed[1]
    if changes:
        entry["diubah"] = changes[0] if len(changes) == 1 else changes
    return entry, tail


def _legal_basis(text: str) -> dict[str, Any]:
    """A legal basis parsed into its fields when it reads back word for word, else free text."""
    from pydantic import ValidationError

    from .decree import cite
    from .model import Mengingat

    if "\n" not in text and "*" not in text and "\\" not in text:
        parsed = _parse_cite(text)
        if parsed is not None and not parsed[1]:
            try:
                if cite(Mengingat.model_validate(parsed[0])) == text:
                    return parsed[0]
            except ValidationError:  # fields the model refuses: keep the words as they are
                pass
    return {"teks": text}


# --------------------------------------------------------------------------- lampiran tables


def _texts(table: Table, row: int) -> list[str]:
    return [_key(c.text) for c in sorted(table.at(row), key=lambda c: c.col)]


def _exact(table: Table, row: int) -> list[str]:
    return [" ".join(c.text.split()) for c in sorted(table.at(row), key=lambda c: c.col)]


def _header_count(table: Table) -> int:
    if table.header_rows:
        count = table.header_rows
    else:
        count = 1
        for cell in table.at(0):
            count = max(count, cell.rowspan)
        # a heading over several columns has its sub-headings in the next row
        if any(c.colspan > 1 for c in table.at(0)) and count == 1:
            count = 2
    if count < table.rows and _is_number_row(table, count):
        count += 1
    return min(count, table.rows)


def _is_number_row(table: Table, row: int) -> bool:
    texts = _texts(table, row)
    return len(texts) >= 2 and texts == [str(n) for n in range(1, len(texts) + 1)]


def _same_header(a: Table, b: Table) -> bool:
    count = _header_count(a)
    return a.cols == b.cols and all(_texts(a, r) == _texts(b, r) for r in range(count)) and b.rows > count


def _append_rows(target: Table, more: Table) -> None:
    skip = _header_count(more)
    offset = target.rows - skip
    for cell in more.cells:
        if cell.row >= skip:
            target.cells.append(Cell(cell.row + offset, cell.col, cell.rowspan, cell.colspan, cell.paras))
    target.rows += more.rows - skip


def _body_rows(table: Table) -> list[list[Cell]]:
    """Rows below the headings, without header rows a typist repeated inside the table."""
    count = _header_count(table)
    heads = [_exact(table, r) for r in range(count)]
    rows = []
    for r in range(count, table.rows):
        if len(_exact(table, r)) >= 2 and _exact(table, r) in heads:
            continue  # heading rows typed again where the typist continued the table
        rows.append(sorted(table.at(r), key=lambda c: c.col))
    return rows


def _ratios(widths: list[int]) -> Optional[list[float]]:
    total = sum(widths)
    if not widths or total <= 0 or any(w <= 0 for w in widths):
        return None
    if max(widths) - min(widths) <= max(widths) * 0.02:
        return None
    fractions = [w / total for w in widths]
    for scale in range(len(widths), 101):  # small whole numbers as typed (4, 14, 38 ...), each at most 100
        values = [f * scale for f in fractions]
        if all(v >= 0.95 and abs(v - round(v)) < 0.06 for v in values):
            return [float(round(v)) for v in values]
    return [max(0.1, round(f * 100, 1)) for f in fractions]  # shares of 100


_COLUMN_KINDS = (
    ("nomor", re.compile(r"^NO\.?$|^NOMOR$")),
    ("sasaran", re.compile(r"SASARAN|TUJUAN")),
    ("indikator", re.compile(r"INDIKATOR")),
    ("penjelasan", re.compile(r"MAKNA|PENJELASAN|FORMULA")),
    ("penanggung_jawab", re.compile(r"PENANGGUNG ?JAWAB|PJ")),
    ("sumber_data", re.compile(r"SUMBER DATA")),
)
_LABEL_KEYS = ("makna", "alasan_pemilihan", "formulasi_perhitungan", "sumber_referensi")
_LABEL_WORDS = {
    "makna": re.compile(r"^(makna[^:]{0,40}?)\s*:\s*(.*)$", re.I | re.S),
    "alasan_pemilihan": re.compile(r"^(alasan[^:]{0,40}?)\s*:\s*(.*)$", re.I | re.S),
    "formulasi_perhitungan": re.compile(r"^((?:formulasi|formula|rumus|cara perhitungan)[^:]{0,40}?)\s*:\s*(.*)$", re.I | re.S),
    "sumber_referensi": re.compile(r"^((?:sumber\s*/\s*referensi|referensi|sumber referensi)[^:]{0,40}?)\s*:\s*(.*)$", re.I | re.S),
}
_DEFAULT_LABELS = {
    "makna": "Makna Indikator",
    "alasan_pemilihan": "Alasan Pemilihan",
    "formulasi_perhitungan": "Formulasi Perhitungan",
    "sumber_referensi": "Sumber/Referensi Indikator",
}


def _cell_markup(cell: Optional[Cell]) -> str:
    """A cell's paragraphs as markup: paragraphs apart, list items (a marker, or Word's
    numbering) one under the other, nested by their indent."""
    if cell is None:
        return ""
    rows: list[tuple[Line, str, str]] = []
    for para in cell.paras:
        line = _para_line(para, keep_whole=True)
        fields = ([line.label] if line.label else []) + line.plain
        marked = ([line.label] if line.label else []) + line.marked
        if not any(fields):
            continue
        _, marker, text = _head(fields, marked, labels=False)
        rows.append((line, marker, text))
    if not rows:
        return ""
    out: list[str] = []
    group: list[tuple[Line, str, str]] = []
    for row in rows:
        if row[1] and group:
            group.append(row)
            continue
        if group:
            out.append(_item_text(group, punctuated=False, list_punctuated=False))
        group = [row] if not row[1] else [(row[0], "", ""), row]
    if group:
        out.append(_item_text(group, punctuated=False, list_punctuated=False))
    return "\n\n".join(t for t in out if t).strip()


def _explanation(cell: Cell) -> Optional[tuple[dict[str, Any], dict[str, str]]]:
    parts: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    current = None
    for para in cell.paras:
        _, marked = _fields(para.spans, True)
        plain = _clean("".join(s.text for s in para.spans).replace("\t", " "))
        text = " ".join(m for m in marked if m).strip()
        if not plain:
            continue
        for key, pattern in _LABEL_WORDS.items():
            found = pattern.match(plain)
            if found and key not in parts:
                current = key
                labels[key] = found.group(1).strip()
                parts[key] = []
                rest = found.group(2).strip()
                if rest:
                    parts[key].append(_after(text, rest) if key != "sumber_referensi" else rest)
                break
        else:
            if current is None:
                return None
            # a reference is a plain line (its bullet dropped); the other parts keep their markup
            parts[current].append(_unbulleted(plain) if current == "sumber_referensi" else text)
    if set(parts) != set(_LABEL_KEYS) or not all(parts[k] for k in _LABEL_KEYS):
        return None
    out: dict[str, Any] = {k: " ".join(parts[k]) for k in _LABEL_KEYS[:3]}
    out["sumber_referensi"] = [_unbulleted(s) for s in parts["sumber_referensi"]]
    return out, labels


def _unbulleted(text: str) -> str:
    return re.sub(r"^[•●\-–*·▪]\s*", "", text).strip()


def _table(table: Table, number: int, guesses: list[str]) -> Optional[dict[str, Any]]:
    if not table.cells:
        return None
    count = _header_count(table)
    numbered_columns = _is_number_row(table, count - 1) if count >= 1 else False
    heading_rows = count - (1 if numbered_columns else 0)
    indicator = _indicator_table(table, heading_rows, numbered_columns, number, guesses)
    if indicator is not None:
        return indicator
    return _general_table(table, heading_rows, numbered_columns)


def _leaf_headings(table: Table, heading_rows: int) -> list[Optional[Cell]]:
    """For each grid column, the lowest heading cell over it."""
    out: list[Optional[Cell]] = [None] * table.cols
    for cell in table.cells:
        if cell.row < heading_rows:
            for c in range(cell.col, min(cell.col + cell.colspan, table.cols)):
                out[c] = cell
    return out


def _indicator_table(table: Table, heading_rows: int, numbered_columns: bool, number: int,
                     guesses: list[str]) -> Optional[dict[str, Any]]:
    if heading_rows != 1:
        return None
    heads = sorted(table.at(0), key=lambda c: c.col)
    kinds: list[str] = []
    for cell in heads:
        if cell.colspan != 1:
            return None
        key = _key(cell.text)
        for kind, pattern in _COLUMN_KINDS:
            if pattern.search(key) and kind not in kinds:
                kinds.append(kind)
                break
        else:
            slug = re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")[:30] or f"kolom_{cell.col + 1}"
            kinds.append(f"data.{slug}")
    if not {"sasaran", "indikator", "penjelasan"} <= set(kinds):
        return None
    col_of = {kind: heads[index].col for index, kind in enumerate(kinds)}
    ratios = _ratios([table.widths[c.col] if c.col < len(table.widths) else 0 for c in heads])
    kolom = []
    for index, (cell, kind) in enumerate(zip(heads, kinds, strict=True)):
        entry: dict[str, Any] = {"isi": kind, "judul": _clean(cell.text.replace("\n", " "))}
        if ratios:
            entry["lebar"] = _int_if(ratios[index])
        kolom.append(entry)
    sasaran: list[dict[str, Any]] = []
    labels: dict[str, str] = {}
    count = 0
    for row in _body_rows(table):
        by_col = {c.col: c for c in row}
        sas_cell = by_col.get(col_of["sasaran"])
        ind_cell = by_col.get(col_of["indikator"])
        exp_cell = by_col.get(col_of["penjelasan"])
        if ind_cell is None or exp_cell is None:
            if sas_cell is not None or row:
                return None
            continue
        explained = _explanation(exp_cell)
        if explained is None:
            return None
        fields, found_labels = explained
        labels.update(found_labels)
        count += 1
        indikator: dict[str, Any] = {"id": f"l{number}-{count}", "nama": _cell_markup(ind_cell), **fields}
        for kind in ("penanggung_jawab", "sumber_data"):
            found = by_col.get(col_of[kind]) if kind in col_of else None
            indikator[kind] = _cell_markup(found) or "-"
            if found is None and kind in col_of:
                indikator[kind] = sasaran[-1]["indikator"][-1][kind] if sasaran else "-"
        data = {}
        for kind, col in col_of.items():
            if kind.startswith("data."):
                data[kind[5:]] = _cell_markup(by_col.get(col)) or "-"
        if data:
            indikator["data"] = data
        if sas_cell is not None:
            sasaran.append({"nama": _cell_markup(sas_cell), "indikator": [indikator]})
        elif sasaran:
            sasaran[-1]["indikator"].append(indikator)
        else:
            return None
    if not sasaran or "penanggung_jawab" not in col_of or "sumber_data" not in col_of:
        return None
    out: dict[str, Any] = {"jenis": "tabel_indikator", "kolom": kolom}
    if not numbered_columns:
        out["nomor_kolom"] = False
    custom = {k: v for k, v in labels.items() if v != _DEFAULT_LABELS[k]}
    if custom:
        out["label"] = custom
    out["sasaran"] = sasaran
    guesses.append(f"{table.where}: tabel indikator ({count} indikator, {len(sasaran)} sasaran).")
    return out


def _int_if(value: float) -> Union[int, float]:
    return int(value) if float(value).is_integer() else value


_ALIGN = {"center": "tengah", "right": "kanan", "end": "kanan", "left": "kiri", "start": "kiri"}


def _cell_align(cell: Cell) -> str:
    aligns = {p.align for p in cell.paras if p.text.strip()}
    return _ALIGN.get(aligns.pop(), "") if len(aligns) == 1 else ""


def _general_table(table: Table, heading_rows: int, numbered_columns: bool) -> dict[str, Any]:
    body = _body_rows(table)
    if heading_rows == 0:
        heading_rows = 1
    # a first column numbering the rows 1., 2., ...
    first_col = [next((c for c in row if c.col == 0), None) for row in body]
    leafs = _leaf_headings(table, heading_rows)
    row_numbers = bool(body) and leafs[0] is not None and leafs[0].colspan == 1 and all(
        c is not None and re.fullmatch(rf"{n}\.?", c.text.strip()) for n, c in enumerate(first_col, 1)
    )
    start = 1 if row_numbers else 0
    widths = [table.widths[c] if c < len(table.widths) else 0 for c in range(table.cols)]
    ratios = _ratios(widths) or [1.0] * table.cols
    equal = _ratios(widths) is None
    # column alignment: the alignment most body cells of a column share
    column_align: dict[int, str] = {}
    for c in range(start, table.cols):
        aligns = [_cell_align(cell) for row in body for cell in row if cell.col == c and cell.colspan == 1]
        aligns = [a for a in aligns if a]
        if aligns:
            best = max(set(aligns), key=aligns.count)
            if aligns.count(best) * 2 > len(aligns) and best != "kiri":
                column_align[c] = best

    def heading(cell: Cell, row: int) -> dict[str, Any]:
        entry: dict[str, Any] = {"judul": _clean(cell.text.replace("\n", " "))}
        below = [c for c in table.cells if c.row == row + cell.rowspan and c.row < heading_rows
                 and cell.col <= c.col < cell.col + cell.colspan]
        if below and cell.colspan > 1:
            entry["kolom"] = [heading(c, c.row) for c in sorted(below, key=lambda c: c.col)]
        else:
            if not equal:
                entry["lebar"] = _int_if(sum(ratios[cell.col:cell.col + cell.colspan]))
            if cell.col in column_align:
                entry["rata"] = column_align[cell.col]
        return entry

    kolom = [heading(c, 0) for c in sorted(table.at(0), key=lambda c: c.col) if c.col >= start]
    out: dict[str, Any] = {"jenis": "tabel", "kolom": kolom}
    if numbered_columns:
        out["nomor_kolom"] = True
    if row_numbers:
        out["nomor_baris"] = True
        head = leafs[0]
        assert head is not None
        if _clean(head.text) != "NO.":
            out["judul_nomor"] = _clean(head.text)
        if not equal:
            out["lebar_nomor"] = _int_if(ratios[0])
    rows = []
    for row in body:
        cells = []
        for cell in row:
            if cell.col < start:
                continue
            text = _cell_markup(cell) or "-"
            align = _cell_align(cell)
            entry: dict[str, Any] = {"teks": text}
            if cell.rowspan > 1:
                entry["gabung_baris"] = cell.rowspan
            if cell.colspan > 1:
                entry["gabung_kolom"] = cell.colspan
            if align and align != column_align.get(cell.col, "kiri") and not (align == "kiri" and cell.col not in column_align):
                entry["rata"] = align
            cells.append(entry if len(entry) > 1 else text)
        rows.append(cells)  # a row all covered by cells above it stays a row
    out["baris"] = rows or [["-"]]
    return out


def recognise(doc: Document, profile: Optional[Any] = None) -> Imported:
    """The content of a decree read as :class:`~keputusan.docx_read.Document` blocks."""
    return Recogniser(doc, profile).run()


# --------------------------------------------------------------------------- the command

_ORDER = (
    "profil", "status", "nomor", "tanggal", "tempat", "pejabat", "tentang", "menimbang", "mengingat",
    "memperhatikan", "menetapkan", "diktum", "penandatangan", "tembusan", "paraf", "lampiran",
    "menggantikan", "mengubah",
)


@dataclass
class Result:
    """What ``keputusan import`` writes (every file new), and what it tells the user."""

    files: list[tuple[Path, bytes]]
    content_path: Path
    profile_path: Path
    profile_written: bool
    imported: Imported
    problems: list[Problem]  # what `check` says before writing (a new profile: see checked())


def _relative(target: Path, start: Path) -> str:
    import os

    return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()


def _printable(text: str) -> str:
    """Text for a comment line: controls, separators and unpaired surrogates (a file name that is
    not UTF-8) written as escapes, so the YAML file stays readable."""
    return "".join(
        ch if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufeff" else f"\\u{ord(ch):04x}"
        for ch in text
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def import_document(source: Path, output: Path, profile: Optional[Path] = None) -> Result:
    """Read ``source`` (.docx, or .pdf with a text layer) and make the content file ``output``
    (and, without ``profile``, a profile drawn from the document's kop beside it in
    ``profiles/``). Nothing is written here: the caller writes :attr:`Result.files`, all or
    none. Raises :class:`~keputusan.errors.ContentError` naming the file for what cannot be
    read, and for an ``output`` that exists (nothing a user stored is overwritten)."""
    from .load import load_profile
    from .roundtrip import fresh

    problems: list[Problem] = []
    suffix = source.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise ContentError([Problem(source, None, None, "import_kind", {"suffix": source.suffix or "-"})])
    if os.path.lexists(output):
        raise ContentError([Problem(output, None, None, "import_exists", {})])
    for link in (output.parent, output.parent / "profiles"):
        if link.is_symlink():
            raise ContentError([Problem(link, None, None, "import_link", {"name": str(link)})])
    profil = None
    if profile is not None:
        profil = load_profile(profile, problems)
        if profil is None or any(p.severity == "error" for p in problems):
            raise ContentError(problems or [Problem(profile, None, None, "profile_not_profile", {"value": str(profile)})])
    if suffix == ".docx":
        from .docx_read import read_docx

        document = read_docx(source)
    else:
        from .pdf_lines import read_pdf

        document = read_pdf(source)
    try:
        imported = recognise(document, profil)
    except NotADecree:
        raise ContentError([Problem(source, None, None, "import_not_decree", {})]) from None
    files: list[tuple[Path, bytes]] = []
    written = False
    if profile is not None:
        profile_path = profile
    else:
        assert imported.profile is not None
        folder = output.parent / "profiles"
        same = _same_kop_profile(folder, imported.profile)
        if same is not None:
            profile_path = same
            imported.guesses.append(f"Profil {same} dipakai: kop dan pejabatnya sama dengan dokumen.")
            from .load import load_profile

            existing = load_profile(same, [])
            if existing is not None and _kop_lines(existing) != _kop_lines(imported.profile):
                imported.notices.append(
                    f"Alamat di kop dokumen berbeda dengan profil {same.name}; yang dicetak alamat dari profil."
                )
            imported.guesses = [g for g in imported.guesses if not g.startswith("Profil baru")]
        else:
            profile_path = folder / f"{_profile_name(imported, output, folder)}.yaml"
            name = profile_path.stem
            kop = imported.profile["kop"]
            if imported.images:
                image = imported.images[0]
                role = "kop" if kop.get("jenis") == "gambar" else "lambang"
                image_name = f"{name}-{role}" + (".png" if image.startswith(b"\x89PNG") else ".jpg")
                if not _usable_picture(image):
                    imported.notices.append(
                        "Gambar di kop bukan gambar PNG/JPEG yang utuh; tidak disimpan. Pasang lambang di profil sendiri."
                    )
                elif not os.path.lexists(folder / image_name):
                    files.append((folder / image_name, image))
                    kop["gambar" if role == "kop" else "lambang"] = image_name
            if kop.get("gambar") == "KOP":  # the picture could not be written beside the profile
                kop.pop("gambar")
                kop["jenis"] = "kepala_daerah"
                kop["baris"] = [imported.profile["pejabat"]]
            head = f"Profil instansi, diambil dari kop {_printable(source.name)} oleh keputusan import.\nPeriksa dan lengkapi."
            files.append((profile_path, fresh(imported.profile, head).encode("utf-8")))
            written = True
    content = {"profil": _relative(profile_path, output.parent), **imported.content}
    ordered = {k: content[k] for k in _ORDER if k in content}
    head = (
        f"Diimpor dari {_printable(source.name)} oleh keputusan import.\n"
        "Huruf, nomor, KESATU/KEDUA dan tanda baca akhir butir dibangkitkan alat ini."
    )
    tail = "\n".join(
        f"TIDAK DIKENALI: {_printable(' '.join(u.text.split()))}  [{_printable(u.where)}]" for u in imported.unplaced
    )
    text = fresh(ordered, head, tail)
    files.append((output, text.encode("utf-8")))
    from .limits import env_name, limit

    size = len(text.encode("utf-8"))
    if size > limit("content_bytes"):
        raise ContentError([Problem(output, None, None, "import_too_large", {
            "size": size // 1024, "limit": limit("content_bytes") // 1024, "env": env_name("content_bytes")})])
    # with an existing profile, check now: a profile the content file cannot name writes nothing;
    # a new profile lies in profiles/ beside the content file by construction (see checked())
    problems = [] if written else _check(output, text)
    unusable = [p for p in problems if p.code in ("profile_outside", "profile_missing", "profile_not_yaml")]
    if unusable:
        raise ContentError(unusable)  # the content file could never name this profile: write nothing
    return Result(files, output, profile_path, written, imported, problems)


def _kop_lines(profile: Any, address: bool = True) -> list[str]:
    """A profile's kop as compared: its lines and (with ``address``) its address lines."""
    if isinstance(profile, dict):
        kop = profile.get("kop", {})
        lines = [b if isinstance(b, str) else b.get("teks", "") for b in kop.get("baris", [])]
        return [_key(t) for t in (*lines, *(kop.get("alamat", []) if address else []))]
    return [_key(t) for t in (*[b.teks for b in profile.kop.baris], *(profile.kop.alamat if address else ()))]


def _same_kop_profile(folder: Path, drawn: dict[str, Any]) -> Optional[Path]:
    """A profile in ``folder`` whose kop reads as the document's, and whose office is the same
    (never one of another agency that happens to share a file name)."""
    from .load import load_profile

    wanted = _kop_lines(drawn, address=False)
    if not wanted or drawn.get("kop", {}).get("jenis") == "gambar" or not folder.is_dir():
        return None
    for path in sorted(folder.glob("*.y*ml"))[:200]:
        found: list[Problem] = []
        existing = load_profile(path, found)
        if existing is None or any(p.severity == "error" for p in found):
            continue
        if _kop_lines(existing, address=False) == wanted and _key(existing.pejabat) == _key(str(drawn.get("pejabat", ""))):
            return path
    return None


def _profile_name(imported: Imported, output: Path, folder: Path) -> str:
    """A new profile's file name: the unit in the number (or the office) and the region, e.g.
    'dinkes-balangan', 'bupati-balangan'; '-2', '-3' ... when a profile of that name exists
    (with another kop: an existing profile is never overwritten, nor used for another agency)."""
    assert imported.profile is not None
    nomor = str(imported.content.get("nomor") or "")
    unit = next((p for p in reversed(nomor.split("/")[:-1]) if re.fullmatch(r"[A-Za-z][A-Za-z.-]{2,}", p)), "")
    pejabat = str(imported.profile.get("pejabat", ""))
    by_office = _slug(" ".join(pejabat.split()[:4])) if len(pejabat.split()) <= 4 else ""
    region = next((m for line in _kop_lines(imported.profile)
                   if (m := re.search(r"\b(?:KABUPATEN|KOTA|PROVINSI)\s+([A-Z][A-Z ]*[A-Z])", line))), None)
    base = _slug(unit) or by_office or _slug(output.stem) or "instansi"
    if region and _slug(region.group(1)) not in base:
        base = f"{base}-{_slug(region.group(1))}"
    name, n = base, 1
    while os.path.lexists(folder / f"{name}.yaml") or os.path.lexists(folder / f"{name}.yml"):
        n += 1
        name = f"{base}-{n}"
    if n > 1:
        imported.notices.append(
            f"Profil profiles/{base}.yaml sudah ada dengan kop lain; profil baru ditulis sebagai profiles/{name}.yaml."
        )
    return name


def write_new(result: Result) -> None:
    """Create the files of ``result``, all or none, never over a file or link of the same name,
    also one that appeared while importing. Raises :class:`~keputusan.errors.ContentError`
    (``import_exists`` or ``write_failed``) naming the file."""
    from .fsutil import create_all_new

    try:
        create_all_new(result.files)
    except OSError as exc:
        where = Path(exc.filename) if isinstance(exc.filename, str) else result.content_path
        if isinstance(exc, FileExistsError):
            raise ContentError([Problem(where, None, None, "import_exists", {})]) from None
        detail = exc.strerror or str(exc)
        raise ContentError([Problem(where, None, None, "write_failed", {"detail": detail})]) from None


def record_command(result: Result, source: Path) -> Optional[str]:
    """The command that records an imported decree's number in the register (a number taken
    outside this tool must never be handed out again); None for a draft."""
    nomor = result.imported.content.get("nomor")
    if not nomor:
        return None
    tanggal = result.imported.content.get("tanggal")
    date = f" --date {tanggal.isoformat()}" if isinstance(tanggal, dt.date) else ""
    return f'keputusan number record "{nomor}"{date} --profile {result.profile_path} --note "{_printable(source.name)}"'


def _check(output: Path, text: str) -> list[Problem]:
    """What `check` says of the content file ``text`` at ``output`` (its profile on disk)."""
    from .load import load

    try:
        load(output, text)
    except ContentError as exc:
        return list(exc.problems)
    return []


def checked(result: Result) -> list[Problem]:
    """What `check` says of the content file once :func:`write_new` wrote it: with a new profile
    the written files are read (they did not exist before), else what was found before writing."""
    if not result.profile_written:
        return result.problems
    return _check(result.content_path, result.files[-1][1].decode("utf-8"))


__all__ = [
    "Imported", "NotADecree", "Result", "Unplaced", "checked", "import_document", "recognise", "record_command",
    "write_new",
]
