"""Indonesian words a decree is written with: ordinals, dates, letters, Roman numerals."""

from __future__ import annotations

import datetime as dt

_UNITS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def terbilang(n: int) -> str:
    """Spell 1..999 in Indonesian words: 12 -> 'dua belas', 101 -> 'seratus satu'."""
    if not 0 < n < 1000:
        raise ValueError(f"terbilang supports 1..999, got {n}")
    if n < 10:
        return _UNITS[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        tens, unit = divmod(n, 10)
        words = f"{_UNITS[tens]} puluh"
        return f"{words} {_UNITS[unit]}" if unit else words
    hundreds, rest = divmod(n, 100)
    words = "seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus"
    return f"{words} {terbilang(rest)}" if rest else words


def ordinal_diktum(n: int) -> str:
    """The diktum ordinal: 1 -> 'KESATU', 11 -> 'KESEBELAS', 12 -> 'KEDUA BELAS'."""
    return ("ke" + terbilang(n)).upper()


def huruf(n: int) -> str:
    """The letter of the n-th consideration (1-based).

    After z Indonesian drafting doubles the letter (aa, bb, cc, ...), then
    triples it, rather than counting like a spreadsheet (aa, ab, ...).
    """
    if n < 1:
        raise ValueError(f"letters start at 1, got {n}")
    repeat, index = divmod(n - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def romawi(n: int) -> str:
    """Roman numeral for a lampiran: 4 -> 'IV'."""
    if not 0 < n < 4000:
        raise ValueError(f"Roman numerals cover 1..3999, got {n}")
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for value, numeral in numerals:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def tanggal(date: dt.date) -> str:
    """A date as written in a decree: '22 September 2023'."""
    return f"{date.day} {BULAN[date.month - 1]} {date.year}"


_LOWER = {
    "dan",
    "atau",
    "di",
    "ke",
    "dari",
    "yang",
    "untuk",
    "tentang",
    "pada",
    "dalam",
    "atas",
    "serta",
    "oleh",
    "dengan",
    "bagi",
    "sebagai",
    "terhadap",
    "antara",
    "per",
}


def judul_kalimat(text: str) -> str:
    """A capitalised title as it is cited inside a sentence.

    'PENYESUAIAN INDIKATOR KINERJA UTAMA (IKU) DAN ...' -> 'Penyesuaian Indikator Kinerja Utama (IKU) dan ...'.
    Words in parentheses and words with digits keep their case; conjunctions and
    prepositions go lower case except at the start.
    """
    words = []
    for index, word in enumerate(text.split()):
        core = word.strip("(),.;:")
        if word.startswith("(") or any(c.isdigit() for c in word) or not core.isalpha() and "-" not in core:
            words.append(word)
        elif index and core.lower() in _LOWER:
            words.append(word.lower())
        else:
            words.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


def format_nip(digits: str) -> str:
    """Group an 18-digit NIP as printed: birth date, CPNS start, sex, serial (8 6 1 3)."""
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, ending in '…' when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
