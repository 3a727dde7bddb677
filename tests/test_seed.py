"""The seed decree, transcribed into content/, loads whole and reads like the original."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter

from keputusan.plaintext import to_text

from .conftest import SEED_TEXT


def test_seed_counts(seed) -> None:  # type: ignore[no-untyped-def]
    content = seed.content
    assert len(content.menimbang) == 2
    assert len(content.mengingat) == 6
    assert len(content.diktum) == 4
    assert content.nomor == "800/1199/Kpts/Ka/BKPSDM/2023"
    assert content.tanggal == dt.date(2023, 9, 22)
    assert seed.tanggal == "22 September 2023"
    assert len(content.lampiran) == 2
    iku, iki = (lampiran.isi[0] for lampiran in content.lampiran)
    assert len(iku.indikator) == 2
    assert len(iki.indikator) == 13
    assert [len(s.indikator) for s in iki.sasaran] == [1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1]
    assert [i.id for i in iki.sasaran[5].indikator] == ["iki-6a", "iki-6b"]
    assert seed.warnings == ()


def test_seed_derived_parts(seed) -> None:  # type: ignore[no-untyped-def]
    assert [i.marker for i in seed.menimbang()] == ["a.", "b."]
    assert [i.ending for i in seed.mengingat()] == [";"] * 5 + ["."]
    assert [i.marker for i in seed.diktum()] == ["KESATU", "KEDUA", "KETIGA", "KEEMPAT"]
    assert seed.signature_lines()[-1] == "NIP. 19681012 198903 1 009"
    headers = [dict(seed.lampiran_header(i)) for i in range(2)]
    assert "LAMPIRAN I" in headers[0] and "LAMPIRAN II" in headers[1]
    for header in headers:
        assert header["NOMOR"] == "800/1199/Kpts/Ka/BKPSDM/2023"
        assert header[""] == seed.tentang  # the last unlabelled row is the subject


def test_seed_italics_survive(seed) -> None:  # type: ignore[no-untyped-def]
    runs = seed.content.diktum[1].teks.blocks[0].inlines
    assert [r.text for r in runs if r.italic] == ["impact", "outcome"]
    iki = seed.content.lampiran[1].isi[0]
    formula = iki.sasaran[2].indikator[0].formulasi_perhitungan.blocks[0].inlines
    assert [r.text for r in formula if r.italic] == ["dibagi", "dikali"]


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


def test_seed_words_in_order(seed) -> None:  # type: ignore[no-untyped-def]
    """Every word of the original, in order, except the inconsistencies the model removes."""
    original, ours = _seed_words(), _words(to_text(seed))
    matcher = difflib.SequenceMatcher(None, original, ours, autojunk=False)
    lost, added = Counter(), Counter()
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
