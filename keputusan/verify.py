"""Do a built DOCX and PDF say the same words? (pypdf reads the PDF; no outside tools.)

Page furniture is removed first: the table header rows that the PDF repeats
on every page, a merged cell's label repeated where it continues on a new
page, the DRAFT watermark, and what the DOCX's headers and footers print on
every page (the page number, the TTE footer line). Words are compared as counts, so a
table row split over a page break (whose cells then come out of the PDF in a
different order) still matches; how much of the order agrees is reported too.

A line break may split a word anywhere (a long URL or number in a narrow table
cell): pieces that read as one word once the spaces between them are removed
are that word (:func:`rejoin`, :func:`differences`; :mod:`pdfpages` uses them
too, so both comparisons follow one rule).
"""

from __future__ import annotations

import difflib
import io
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from lxml import etree

from .docx_text import W, body_lines, document_xml

WATERMARK = "DRAFT"
# Beyond this many words (or a text this much longer than the other) two texts are not aligned
# word by word (difflib's work grows with the product of their lengths): they simply differ.
ALIGN_LIMIT = 50_000
EXACT_LIMIT = 5_000  # words: beyond, words repeated more than once in a hundred are not alignment
# anchors (difflib's autojunk): exact alignment of 30,000 words of a name list took 260 s, with it 1 s


def _junk(expected: Sequence[str], found: Sequence[str]) -> bool:
    return max(len(expected), len(found)) > EXACT_LIMIT


JOIN_LIMIT = 500  # characters: a longer word is not looked for among pieces (URLs are shorter)


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
"""Soft hyphen and zero-width characters: a word pasted from Word carries them, a PDF shows none
(or a hyphen where the soft hyphen broke the line)."""


def words(text: str) -> list[str]:
    """Whitespace-separated words, re-joining words a line break split after '-' or '/'."""
    text = text.translate(_INVISIBLE)
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


# --------------------------------------------------------------------------- words a line break split


def _joined_run(
    a: Sequence[str], i: int, a_end: int, b: Sequence[str], j: int, b_end: int
) -> Optional[tuple[int, int]]:
    """Ends (i2, j2) of the shortest runs a[i:i2], b[j:j2] that are the same characters once the
    spaces between their words are removed; None when the runs starting at i and j are not.
    Linear in the characters compared (positions, no growing strings)."""
    if i >= a_end or j >= b_end:
        return None
    left, right, at_left, at_right = a[i], b[j], 0, 0
    i, j = i + 1, j + 1
    while True:
        n = min(len(left) - at_left, len(right) - at_right)
        if left[at_left : at_left + n] != right[at_right : at_right + n]:
            return None
        at_left, at_right = at_left + n, at_right + n
        if at_left == len(left) and at_right == len(right):
            return i, j
        if at_left == len(left):
            if i >= a_end:
                return None
            left, at_left, i = a[i], 0, i + 1
        else:
            if j >= b_end:
                return None
            right, at_right, j = b[j], 0, j + 1


def run_end(words: Sequence[str], start: int, word: str) -> Optional[int]:
    """The end of the run of ``words`` from ``start`` that is ``word`` once the spaces between them
    are removed; None when there is none."""
    run = _joined_run(words, start, len(words), [word], 0, 1)
    return run[0] if run else None


def _trim(a: Sequence[str], b: Sequence[str]) -> tuple[int, int]:
    """How many words of a and of b, from their starts, say the same once spaces are removed."""
    i = j = 0
    while (run := _joined_run(a, i, len(a), b, j, len(b))) is not None:
        i, j = run
    return i, j


def _spans(expected: Sequence[str], found: Sequence[str]) -> Iterator[tuple[int, int, int, int, bool]]:
    """(a1, a2, b1, b2, same) spans of both word lists, in order: ``same`` where expected[a1:a2]
    and found[b1:b2] are the same characters once spaces are removed (a word split differently
    by a line break), else a real difference."""
    if max(len(expected), len(found)) > ALIGN_LIMIT or len(found) > 4 * len(expected) + 1000:
        head_a, head_b = _trim(expected, found)  # too big to align: the same up to the first difference
        yield 0, head_a, 0, head_b, True
        if head_a < len(expected) or head_b < len(found):
            yield head_a, len(expected), head_b, len(found), False
        return
    matcher = difflib.SequenceMatcher(None, expected, found, autojunk=_junk(expected, found))
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            yield a1, a2, b1, b2, True
            continue
        head_a, head_b = _trim(expected[a1:a2], found[b1:b2])
        if head_a or head_b:
            yield a1, a1 + head_a, b1, b1 + head_b, True
        a_mid, b_mid = a1 + head_a, b1 + head_b
        back_a, back_b = _trim(
            [w[::-1] for w in reversed(expected[a_mid:a2])], [w[::-1] for w in reversed(found[b_mid:b2])]
        )
        if a_mid < a2 - back_a or b_mid < b2 - back_b:
            yield a_mid, a2 - back_a, b_mid, b2 - back_b, False
        if back_a or back_b:
            yield a2 - back_a, a2, b2 - back_b, b2, True


def differences(expected: Sequence[str], found: Sequence[str]) -> Iterator[tuple[int, int, int, int]]:
    """Where ``found`` does not say ``expected``, in order: (a1, a2, b1, b2) with expected[a1:a2]
    replaced by found[b1:b2]. A word a line break split differently (the same characters once the
    spaces are removed) is no difference."""
    for a1, a2, b1, b2, same in _spans(expected, found):
        if not same:
            yield a1, a2, b1, b2


def rejoin(reference: Sequence[str], tokens: Sequence[str]) -> list[str]:
    """``tokens`` with every run of pieces that is a word of ``reference`` once the spaces between
    them are removed made that word again (a line break may split a URL or a number anywhere).

    In order first: where both say the same characters, ``reference``'s words are taken. Then,
    for words whose table cell the PDF gives out of order, by counts: consecutive pieces that
    join into a word ``tokens`` lacks are joined, but only pieces ``tokens`` has too many of, so
    words that really stand apart stay apart.
    """
    ordered: list[str] = []
    for a1, a2, b1, b2, same in _spans(reference, tokens):
        ordered += reference[a1:a2] if same else tokens[b1:b2]
    missing = Counter(reference) - Counter(ordered)
    if not missing:
        return ordered
    surplus = Counter(ordered) - Counter(reference)
    prefixes = {word[:k] for word in missing if len(word) <= JOIN_LIMIT for k in range(1, len(word))}
    out: list[str] = []
    i = 0
    while i < len(ordered):
        best: Optional[tuple[int, str, Counter[str]]] = None
        if surplus[ordered[i]] > 0:
            joined, used, j = ordered[i], Counter([ordered[i]]), i + 1
            while j < len(ordered) and joined in prefixes:
                piece = ordered[j]
                used[piece] += 1
                if used[piece] > surplus[piece]:
                    break
                joined, j = joined + piece, j + 1
                if missing[joined] > 0:
                    best = (j, joined, used.copy())
        if best is None:
            out.append(ordered[i])
            i += 1
            continue
        i, joined, used = best
        out.append(joined)
        missing[joined] -= 1
        surplus -= used
    return out


# --------------------------------------------------------------------------- the comparison


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
    local_order: float = 1.0  # share of the DOCX's neighbouring word pairs that neighbour in the PDF

    @property
    def same(self) -> bool:
        return not self.missing and not self.extra


PAGE_FIELD = "\x00"  # stands for the page number in a header or footer's text


def _field_text(p: etree._Element) -> str:
    """A header or footer paragraph's text, with a PAGE field (simple or complex) as PAGE_FIELD."""
    parts: list[str] = []
    in_result = False
    for node in p.iter(f"{W}t", f"{W}fldSimple", f"{W}instrText", f"{W}fldChar"):
        if node.tag == f"{W}fldSimple":
            if "PAGE" in (node.get(f"{W}instr") or "").split():
                parts.append(PAGE_FIELD)
        elif node.tag == f"{W}instrText":
            if "PAGE" in (node.text or "").split():
                parts.append(PAGE_FIELD)
                in_result = True
        elif node.tag == f"{W}fldChar":
            if node.get(f"{W}fldCharType") == "end":
                in_result = False
        elif not in_result and not any(a.tag == f"{W}fldSimple" for a in node.iterancestors()):
            parts.append(node.text or "")
    return "".join(parts)


def furniture(docx: bytes, name: Optional[Path] = None) -> list[list[str]]:
    """What the DOCX's headers and footers print, as word patterns ('\x00' for the page number)."""
    from .docxsafe import open_docx

    package = open_docx(docx, name)
    out = []
    for part in package.names:
        if part.startswith("word/header") or part.startswith("word/footer"):
            for p in package.xml(part).iter(f"{W}p"):
                text = _field_text(p)
                tokens = words(text)  # "- {n} -", "-{n}-", "({n})": the number inside its token
                if tokens and tokens != [WATERMARK]:
                    out.append(tokens)
    return out


def _numbered(pattern: list[str]) -> bool:
    return any(PAGE_FIELD in token for token in pattern)


def _remove_per_page(page: list[str], pattern: list[str], number: int) -> list[str]:
    """``page`` without the run of words matching ``pattern``, PAGE_FIELD standing for this
    page's ``number``: looked for at the page's top, then at its foot, then anywhere (so that a
    bare number in the text is never taken for the page number)."""
    n = len(pattern)
    if n > len(page):
        return page

    def matches(i: int) -> bool:
        return all(
            p.replace(PAGE_FIELD, str(number)) == t for p, t in zip(pattern, page[i : i + n], strict=True)
        )

    edges = [
        i for i in (0, 1, 2, len(page) - n - 2, len(page) - n - 1, len(page) - n) if 0 <= i <= len(page) - n
    ]
    # (the watermark or a footer line may be read before or after the number)
    bare = len(pattern) == 1 and PAGE_FIELD in pattern[0]  # only the number: never taken from the text
    starts = edges + ([] if bare else list(range(len(page) - n + 1)))
    for i in starts:
        if matches(i):
            return page[:i] + page[i + n :]
    return page


def merged_labels(root: etree._Element) -> list[list[str]]:
    """The words of every merged cell that starts a vertical merge (a label the PDF repeats where
    the merged block continues on the next page)."""
    out = []
    for tc in root.iter(f"{W}tc"):
        merge = tc.find(f"{W}tcPr/{W}vMerge")
        if merge is not None and merge.get(f"{W}val") == "restart":
            text = words(" ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.iter(f"{W}p")))
            if text:
                out.append(text)
    return out


def compare(docx: bytes, pdf: bytes, name: Optional[Path] = None) -> Comparison:
    """The words of a DOCX against its PDF. The DOCX is read safely (:mod:`docxsafe`); a broken
    one raises a ContentError naming ``name``."""
    root = document_xml(docx, name)
    expected = words("\n".join(body_lines(root)))
    pages = pdf_text(pdf)
    # the lines first, then the page number (which then stands at the page's top or foot); no page
    # number on page 1 when the first section has a first-page header of its own (w:titlePg)
    patterns = sorted(furniture(docx, name), key=_numbered)
    first_page_plain = root.find(f"{W}body/{W}p/{W}pPr/{W}sectPr/{W}titlePg") is not None or (
        root.find(f"{W}body/{W}sectPr/{W}titlePg") is not None
        and root.find(f"{W}body/{W}p/{W}pPr/{W}sectPr") is None
    )
    page_words = []
    for number, text in enumerate(pages, 1):
        # furniture off before words a line break split are joined: a page's last word ending
        # in '-' must not take the footer's first word ('{%-' + 'Dokumen')
        tokens = text.split()
        for pattern in patterns:
            if number == 1 and first_page_plain and _numbered(pattern):
                continue
            tokens = _remove_per_page(tokens, pattern, number)
        page_words.append(words(" ".join(tokens)))
    headers, labels = header_rows(root), merged_labels(root)

    def without_furniture(found: list[str]) -> list[str]:
        for header in headers:
            found = _remove_repeats(found, header, keep=_count(expected, header))
        for label in labels:
            found = _remove_repeats(found, label, keep=_count(expected, label))
        # a repeat read out of order (a narrow column interleaved with its neighbours line by
        # line): surplus words that make up whole copies of a heading or a label are those copies
        found = _remove_bags(found, expected, headers + labels)
        surplus = found.count(WATERMARK) - expected.count(WATERMARK)
        return _drop(found, WATERMARK, surplus) if surplus > 0 else found

    read = [w for tokens in page_words for w in tokens]
    found = without_furniture(read)
    if Counter(found) != Counter(expected):
        # words a line break split are joined first (aligning the words, which is slow on long
        # texts, so only when needed), so that a heading broken mid-word in a narrow column is
        # still recognised where the PDF repeats it
        found = without_furniture(rejoin(expected, read))
    missing = Counter(expected) - Counter(found)
    extra = Counter(found) - Counter(expected)
    if (missing or extra) and _pieces(missing, extra, headers + labels, len(pages)):
        # words a narrow column broke into pieces read between its neighbours' lines (a URL, or a
        # word LibreOffice sets a letter a line), and headings and labels a page repeats, read in
        # such pieces: every surplus word is a piece of a missing or a repeated word, and the
        # missing words' characters are all among them
        missing, extra = Counter(), Counter()
    local = _local_order(expected, found)
    if not expected or found == expected:
        order = 1.0
    elif _junk(expected, found):
        order = local  # aligning tens of thousands of words takes minutes; pairs kept is linear
    else:
        order = difflib.SequenceMatcher(None, expected, found, autojunk=False).ratio()
    return Comparison(len(expected), len(found), missing, extra, order, len(pages), local)


def _local_order(expected: list[str], found: list[str]) -> float:
    """The share of neighbouring word pairs of ``expected`` that are neighbours in ``found`` too.

    A table row divided over pages reads cell piece by cell piece, page by page, which moves whole
    stretches (the global ratio drops) but keeps every stretch's words together; words shuffled
    inside a stretch break pairs."""
    pairs = Counter(zip(expected, expected[1:], strict=False))
    if not pairs:
        return 1.0
    kept = pairs & Counter(zip(found, found[1:], strict=False))
    return sum(kept.values()) / sum(pairs.values())


def _remove_bags(found: list[str], expected: list[str], sequences: list[list[str]]) -> list[str]:
    """``found`` without the surplus words (beyond ``expected``'s counts) that form whole copies
    of one of ``sequences``, taken from the end (a repeat comes after the original)."""
    extra = Counter(found) - Counter(expected)
    drop: Counter[str] = Counter()
    for sequence in sequences:
        bag = Counter(sequence)
        while bag and all(extra[w] - drop[w] >= n for w, n in bag.items()):
            drop += bag
    if not drop:
        return found
    out: list[str] = []
    for token in reversed(found):
        if drop[token] > 0:
            drop[token] -= 1
            continue
        out.append(token)
    return out[::-1]


def _pieces(missing: Counter[str], extra: Counter[str], sequences: list[list[str]], pages: int) -> bool:
    """Whether the surplus pieces hold exactly the missing words' characters plus characters of
    headings and labels repeated at most once a page, each piece a part of one of those words."""
    repeated = {word for sequence in sequences for word in sequence}
    # a piece may also run over a repeated heading's neighbouring words, read without the space
    # between them ("‘satu’dalam")
    wholes = set(missing) | repeated | {"".join(sequence) for sequence in sequences}
    # (a piece ending in '-' was joined to whatever the PDF read next: '2021-' + 'Paringin')
    # (a soft hyphen shows as '-' where it broke the line: 'Kepega-' + 'waian')
    parts = [part.rstrip("-") or part for piece in extra for part in re.split(r"(?<=-)", piece) if part]
    if not all(any(part in word for word in wholes) for part in parts):
        return False
    have = Counter("".join(w * n for w, n in extra.items()))
    need = Counter("".join(w * n for w, n in missing.items()))
    if any(have[c] < n for c, n in need.items()):
        return False
    spare = have - need
    spare["-"] = 0  # hyphens a line break added
    available: Counter[str] = Counter()
    for sequence in sequences:
        for word in sequence:
            available.update(word * pages)
    return all(available[c] >= n for c, n in spare.items())


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
