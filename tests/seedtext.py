"""The original decree's words, to compare every rendering of the seed against."""

from __future__ import annotations

import difflib
import re
from collections import Counter

from .conftest import SEED_TEXT


def _seed_words() -> list[str]:
    """The original's words, without its markup and its repeated table headers.

    Where a page break split a row, the original's text has the rest of the
    row after the repeated headers; it is joined back to the row it belongs to.
    """
    kept: list[str] = []
    seen: set[str] = set()
    last_row = None
    for line in SEED_TEXT.read_text(encoding="utf-8").splitlines():
        if line.startswith("LAMPIRAN"):
            seen = set()
        if line.startswith("NO.\t") or line.strip() == "1\t2\t3\t4\t5\t6":
            if line in seen:
                continue
            seen.add(line)
        if line.startswith("\t\t\t") and last_row is not None:
            cells = kept[last_row].split("\t")
            rest = line.split("\t")
            kept[last_row] = "\t".join(a + " " + b for a, b in zip(cells, rest, strict=False))
            continue
        if line.count("\t") >= 5:
            last_row = len(kept)
        kept.append(line)
    text = "\n".join(kept)
    text = re.sub(r"</?i>", "", text)  # inline italics: no word boundary
    text = re.sub(r"<[^>]+>", " ", text).replace("*", "")
    return _words(text)


def _words(text: str) -> list[str]:
    out = []
    for token in text.split():
        token = token.rstrip(".,;:")
        if token and not re.fullmatch(r"[-•|–]+", token):
            out.append(token)
    return out


def assert_seed_words(text: str) -> None:
    """Every word of the original in order, except the inconsistencies the model removes.

    Prints the words that could not be matched.
    """
    original, ours = _seed_words(), _words(text)
    matcher = difflib.SequenceMatcher(None, original, ours, autojunk=False)
    lost: Counter[str] = Counter()
    added: Counter[str] = Counter()
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "equal":
            lost.update(original[a1:a2])
            added.update(ours[b1:b2])
            print(f"{op}: original {original[a1:a2]} -> ours {ours[b1:b2]}")
    # The original numbers IKU's first row "I" and writes one label in lower case;
    # its LAMPIRAN II header drops "(IKU)", "INDIVIDU" and "(IKI)" from the title.
    assert lost == Counter({"I": 1, "perhitungan": 1})
    assert added == Counter({"1": 1, "Perhitungan": 1, "(IKU)": 1, "INDIVIDU": 1, "(IKI)": 1})
    assert len(original) > 2000
