"""The seed decree, transcribed into content/, loads whole and reads like the original."""

from __future__ import annotations

import datetime as dt

from keputusan.layout import layout
from keputusan.plaintext import to_text

from .seedtext import assert_seed_words


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


def test_seed_words_in_order(seed) -> None:  # type: ignore[no-untyped-def]
    """Every word of the original, in order, except the inconsistencies the model removes."""
    assert_seed_words(to_text(layout(seed)))
