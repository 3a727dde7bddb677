"""Indonesian words: diktum ordinals, letters, Roman numerals, dates, NIP."""

from __future__ import annotations

import datetime as dt

import pytest

from keputusan.text import format_nip, huruf, ordinal_diktum, romawi, tanggal, terbilang

ORDINALS = [
    "KESATU",
    "KEDUA",
    "KETIGA",
    "KEEMPAT",
    "KELIMA",
    "KEENAM",
    "KETUJUH",
    "KEDELAPAN",
    "KESEMBILAN",
    "KESEPULUH",
    "KESEBELAS",
    "KEDUA BELAS",
    "KETIGA BELAS",
    "KEEMPAT BELAS",
    "KELIMA BELAS",
    "KEENAM BELAS",
    "KETUJUH BELAS",
    "KEDELAPAN BELAS",
    "KESEMBILAN BELAS",
    "KEDUA PULUH",
    "KEDUA PULUH SATU",
    "KEDUA PULUH DUA",
    "KEDUA PULUH TIGA",
    "KEDUA PULUH EMPAT",
    "KEDUA PULUH LIMA",
]


def test_ordinals_to_twenty_five() -> None:
    assert [ordinal_diktum(n) for n in range(1, 26)] == ORDINALS


@pytest.mark.parametrize(
    "n, words",
    [
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (19, "sembilan belas"),
        (40, "empat puluh"),
        (100, "seratus"),
        (111, "seratus sebelas"),
        (250, "dua ratus lima puluh"),
    ],
    ids=str,
)
def test_terbilang(n: int, words: str) -> None:
    assert terbilang(n) == words


def test_ordinal_beyond_hundred() -> None:
    assert ordinal_diktum(100) == "KESERATUS"


def test_letters_double_after_z() -> None:
    assert [huruf(n) for n in (1, 2, 26, 27, 28, 52, 53)] == ["a", "b", "z", "aa", "bb", "zz", "aaa"]


def test_roman() -> None:
    assert [romawi(n) for n in (1, 2, 3, 4, 9, 14, 40, 1990)] == [
        "I",
        "II",
        "III",
        "IV",
        "IX",
        "XIV",
        "XL",
        "MCMXC",
    ]


@pytest.mark.parametrize("bad", [0, -1, 4000])
def test_roman_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError):
        romawi(bad)


def test_dates_use_indonesian_months() -> None:
    assert tanggal(dt.date(2023, 9, 22)) == "22 September 2023"
    assert tanggal(dt.date(2024, 2, 1)) == "1 Februari 2024"
    assert tanggal(dt.date(2024, 8, 17)) == "17 Agustus 2024"


def test_nip_grouping() -> None:
    assert format_nip("196810121989031009") == "19681012 198903 1 009"
