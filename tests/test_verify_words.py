"""Words a line break split anywhere (a long URL or number in a table cell) are still one word."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from keputusan.build import Options, build_all
from keputusan.cli import main
from keputusan.load import load
from keputusan.verify import compare, differences, pdf_text, rejoin, words

from .conftest import CONTENT, SEED

URL = "https://jdih.balangankab.go.id/dokumen/keputusan/2023/bkpsdm/lampiran-ii-indikator-kinerja-individu-iki-2021-2026-v1.pdf"
NUMBER = "3172041508900001234567890123"
CELL = "sumber_data: Inspektorat Kabupaten Balangan"


def test_pieces_of_a_split_word_are_the_word() -> None:
    pieces = ["Lihat", "https://jdih.bal", "angankab.go.id/do", "kumen.pdf", "dan", "31720415", "0890", "ya"]
    assert rejoin(
        ["Lihat", "https://jdih.balangankab.go.id/dokumen.pdf", "dan", "317204150890", "ya"], pieces
    ) == [
        "Lihat",
        "https://jdih.balangankab.go.id/dokumen.pdf",
        "dan",
        "317204150890",
        "ya",
    ]


def test_a_split_word_out_of_order_is_joined_by_counts() -> None:
    """A table row broken over a page gives its cells out of order; the pieces still join."""
    reference = ["a", "b", "c", "https://x.go.id/panjang", "d"]
    tokens = ["https://x.go.id/pan", "jang", "d", "a", "b", "c"]
    assert sorted(rejoin(reference, tokens)) == sorted(reference)


def test_words_that_really_stand_apart_stay_apart() -> None:
    # "data" and "base" are words of their own here: nothing is missing, so nothing is joined
    assert rejoin(["data", "base", "database"], ["data", "base", "database"]) == ["data", "base", "database"]
    # a changed character inside the split URL is a difference, not a split
    assert rejoin(["https://x.go.id/abc"], ["https://x.go.", "id/abd"]) == ["https://x.go.", "id/abd"]
    # pieces the reference does not lack are not swallowed
    assert rejoin(["ab", "a", "b"], ["ab", "a", "b"]) == ["ab", "a", "b"]


def test_differences_ignore_where_the_spaces_fall_and_nothing_else() -> None:
    assert (
        list(
            differences("satu dua https://a.b/cdef tiga".split(), "satu dua https://a. b/cd ef tiga".split())
        )
        == []
    )
    assert list(differences("abc def".split(), "ab cdef".split())) == []  # split differently on both sides
    swapped = list(differences("Utama (IKU) dan (IKI) ini".split(), "Utama (IKI) dan (IKU) ini".split()))
    assert swapped and swapped[0][0] == 1 and swapped[0][2] == 1
    # a split word next to a real change: only the change is reported
    assert list(differences("x https://a.b/cdef Nomor 2".split(), "x https://a.b/ cdef Nomor 3".split())) == [
        (3, 4, 4, 5)
    ]


def variant(folder: Path, replacement: str) -> Path:
    shutil.copytree(CONTENT / "profiles", folder / "profiles", dirs_exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    assert CELL in text
    path = folder / "sk-url.yaml"
    path.write_text(text.replace(CELL, f"{CELL} {replacement}"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def url_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seed with a 120-character URL and a 28-digit number in a table cell, built by reportlab."""
    assert len(URL) == 120
    folder = tmp_path_factory.mktemp("url")
    path = variant(folder / "content", f"{URL} NIK {NUMBER}")
    [built] = build_all([load(path)], folder / "output", Options(("docx", "pdf")))
    assert not built.problems, built.problems
    other = variant(folder / "other", f"{URL.replace('2026', '2027')} NIK {NUMBER}")
    build_all([load(other)], folder / "other-output", Options(("docx", "pdf")))
    return {
        "folder": folder,
        "docx": folder / "output" / "sk-url.docx",
        "pdf": folder / "output" / "sk-url.pdf",
    }


def test_a_long_url_and_number_in_a_cell_say_the_same(url_build: dict[str, Any]) -> None:
    pdf = url_build["pdf"].read_bytes()
    found = words("\n".join(pdf_text(pdf)))
    assert URL not in found and NUMBER not in found  # the PDF did break them over lines
    result = compare(url_build["docx"].read_bytes(), pdf)
    assert result.same, (result.missing, result.extra)
    assert result.order > 0.95


def test_a_changed_url_is_still_caught(url_build: dict[str, Any]) -> None:
    other_pdf = url_build["folder"] / "other-output" / "sk-url.pdf"
    result = compare(url_build["docx"].read_bytes(), other_pdf.read_bytes())
    assert not result.same
    assert result.missing == Counter({URL: 1})


def test_verify_build_command_on_a_long_url(url_build: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "verify-build", str(url_build["docx"])])
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.output


def test_pieces_of_broken_words_and_repeated_headings_are_not_differences() -> None:
    from collections import Counter

    from keputusan.verify import _local_order, _pieces

    heading = [["NO.", "PENANGGUNG", "JAWAB"]]
    # a word a narrow column broke, read between its neighbours, and a heading repeated in pieces
    assert _pieces(Counter({"Kepegawaian": 1}), Counter({"Kepega": 1, "waian": 1}), heading, 2)
    assert _pieces(Counter(), Counter({"PENANG": 1, "GUNG": 1, "JAWAB": 1}), heading, 2)
    # '2021-' at a line end joined to the neighbour's 'Paringin'
    assert _pieces(Counter({"2021-2026": 1, "Paringin": 1}), Counter({"2021-Paringin": 1, "2026": 1}), [], 1)
    # a word lost, or one added that is no heading's: a difference
    assert not _pieces(Counter({"Kepegawaian": 1}), Counter({"Kepega": 1}), heading, 2)
    assert not _pieces(Counter(), Counter({"dicabut": 1}), heading, 2)
    assert not _pieces(Counter(), Counter({"JAWAB": 3}), heading, 2)  # more copies than pages
    # order: stretches moved keep their pairs, a shuffle does not
    words = "a b c d e f g h".split()
    assert _local_order(words, "e f g h a b c d".split()) == 6 / 7
    assert _local_order(words, "b a d c f e h g".split()) == 0.0


def test_page_numbers_in_any_format_and_invisible_characters() -> None:
    from keputusan.verify import PAGE_FIELD, _remove_per_page, words

    for pattern, printed in (
        (f"-{PAGE_FIELD}-", "-2-"),
        (f"({PAGE_FIELD})", "(2)"),
        (f"- {PAGE_FIELD} -", "- 2 -"),
    ):
        page = printed.split() + ["isi", "halaman", "2"]
        assert _remove_per_page(page, words(pattern), 2) == ["isi", "halaman", "2"], pattern
    # a bare number is the page's own number at the page's edge, never a number in the text
    text = "bahwa menurut Pasal 3 ayat 2 yang berlaku sejak tanggal itu".split()
    assert _remove_per_page(text, [PAGE_FIELD], 3) == text
    assert _remove_per_page(["3", "Pasal", "3", "ayat"], [PAGE_FIELD], 3) == ["Pasal", "3", "ayat"]
    # text pasted from Word: a soft hyphen and a zero-width space are not part of the words
    assert words("Kepe\u00adgawaian dan\u200bSDM") == ["Kepegawaian", "danSDM"]
