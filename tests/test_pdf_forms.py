"""The reportlab PDF of every form (tests/data/forms): what a reader sees on each page.

Text is read with pypdf (reading order) and pypdfium2 (where each word is drawn, and the
images and paths of a page); positions are in points from the page's bottom left.
"""

from __future__ import annotations

import difflib
import io
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import segno
from pypdf import PdfReader

from keputusan import render_pdf
from keputusan.layout import (
    Block,
    Cell,
    KopLayout,
    Layout,
    PageNumbers,
    Para,
    TableLayout,
    indicator_table,
    layout,
    line,
    plain,
)
from keputusan.load import load
from keputusan.model import TabelIndikator
from keputusan.plaintext import to_text
from keputusan.verify import words

from .conftest import SEED

FORMS = Path(__file__).parent / "data" / "forms"
MM = 72 / 25.4

Box = tuple[float, float, float, float]  # left, bottom, right, top


@pytest.fixture(scope="module")
def parts() -> Layout:
    return layout(load(FORMS / "semua-bentuk.yaml"))


@pytest.fixture(scope="module")
def pdf(parts: Layout) -> bytes:
    return render_pdf.render(parts)[0]


def texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def flat(text: str) -> str:
    return " ".join(text.split())


def find(data: bytes, page: int, text: str, nth: int = 0) -> Box:
    """The box around the ``nth`` occurrence of ``text`` (whole words) on a page (0-based)."""
    document = pdfium.PdfDocument(data)
    textpage = document[page].get_textpage()
    searcher = textpage.search(text, match_case=True, match_whole_word=True)
    found = None
    for _ in range(nth + 1):
        found = searcher.get_next()
        assert found is not None, f"{text!r} not on page {page + 1}"
    index, count = found  # type: ignore[misc]
    chars = [textpage.get_charbox(i) for i in range(index, index + count)]
    return (
        min(c[0] for c in chars),
        min(c[1] for c in chars),
        max(c[2] for c in chars),
        max(c[3] for c in chars),
    )


def lowest(data: bytes, page: int, text: str) -> Box:
    """The lowest occurrence of ``text`` on a page (the table's, below titles that repeat it)."""
    return min((find(data, page, text, n) for n in range(count(data, page, text))), key=lambda b: b[1])


def count(data: bytes, page: int, text: str) -> int:
    searcher = (
        pdfium.PdfDocument(data)[page].get_textpage().search(text, match_case=True, match_whole_word=True)
    )
    n = 0
    while searcher.get_next() is not None:
        n += 1
    return n


def objects(data: bytes, page: int, kind: int) -> list[Box]:
    return [o.get_bounds() for o in pdfium.PdfDocument(data)[page].get_objects() if o.type == kind]


def page_size_mm(data: bytes, page: int) -> tuple[float, float]:
    width, height = pdfium.PdfDocument(data)[page].get_size()
    return width / MM, height / MM


def centre_x(box: Box) -> float:
    return (box[0] + box[2]) / 2


def centre_y(box: Box) -> float:
    return (box[1] + box[3]) / 2


# --------------------------------------------------------------------------- title, lists, kop


def test_title_on_one_line_and_nomor_without_colon(pdf: bytes) -> None:
    first = lines(texts(pdf)[0])
    assert "KEPUTUSAN BUPATI BALANGAN" in first
    assert "NOMOR ........................" in first
    assert not any(line.startswith("NOMOR :") for line in first)
    assert first.index("DENGAN RAHMAT TUHAN YANG MAHA ESA") < first.index("BUPATI BALANGAN,")


def test_list_markers_come_before_their_texts(pdf: bytes) -> None:
    tokens = words(" ".join(texts(pdf)))
    for marker, text in [
        ("1)", "menyusun"),  # konsiderans, level 1
        ("a)", "pendataan;"),  # konsiderans, level 2
        ("b)", "verifikasi."),
        ("a.", "menyusun"),  # diktum, level 1
        ("2)", "analisis"),  # diktum, level 2
        ("c.", "melaporkan"),
        ("-", "ketua;"),  # lampiran paragraph, level 2
    ]:
        positions = [i for i, t in enumerate(tokens) if t == text]
        assert any(tokens[i - 1] == marker for i in positions), (marker, text)


def test_list_levels_hang_further_in(pdf: bytes) -> None:
    b_text = find(pdf, 0, "bahwa tim sebagaimana")
    one = find(pdf, 0, "1) menyusun")
    one_text = find(pdf, 0, "menyusun rencana")
    a = find(pdf, 0, "a) pendataan")
    a_text = find(pdf, 0, "pendataan")
    assert abs(one[0] - b_text[0]) < 1, "a level-1 marker sits where its item's text starts"
    assert one_text[0] > one[0] + 10, "the text hangs right of its marker"
    assert abs(a[0] - one_text[0]) < 1, "a level-2 marker sits where level-1 text starts"
    assert a_text[0] > a[0] + 10
    # an item's wrapped line starts under its text, not under its marker
    first_line = find(pdf, 0, "bahwa untuk melaksanakan")
    wrapped = find(pdf, 0, "tim;")
    assert wrapped[1] < first_line[1] and abs(wrapped[0] - first_line[0]) < 1


def test_kop_kepala_daerah_emblem_centred_above_the_office(pdf: bytes, parts: Layout) -> None:
    [emblem] = objects(pdf, 0, pdfium_c.FPDF_PAGEOBJ_IMAGE)
    office = find(pdf, 0, "BUPATI BALANGAN")
    middle = (parts.page.left_mm + parts.page.text_width_mm / 2) * MM
    assert abs(centre_x(emblem) - middle) < 1
    assert abs(centre_x(office) - middle) < 2
    assert emblem[1] > office[3], "the emblem is above the office's name"
    assert abs((emblem[2] - emblem[0]) - parts.kop.image_width_mm * MM) < 1
    assert not objects(pdf, 0, pdfium_c.FPDF_PAGEOBJ_PATH), "no rule under a kepala daerah's kop"


def test_kop_perangkat_daerah_emblem_left_rule_below() -> None:
    data = render_pdf.render(layout(load(SEED)))[0]
    [emblem] = objects(data, 0, pdfium_c.FPDF_PAGEOBJ_IMAGE)
    name = find(data, 0, "PEMERINTAH KABUPATEN BALANGAN")
    address = find(data, 0, "Jl. Jenderal A. Yani")
    assert emblem[2] < name[0] and emblem[2] < address[0], "the emblem is left of the lines"
    assert emblem[1] < name[1] < emblem[3], "beside them"
    rules = [p for p in objects(data, 0, pdfium_c.FPDF_PAGEOBJ_PATH) if p[3] < address[1]]
    assert rules and max(p[3] for p in rules) > address[1] - 20, "a rule just under the address"


def test_kop_gambar_as_wide_as_the_text(parts: Layout, tmp_path: Path) -> None:
    from PIL import Image

    letterhead = tmp_path / "kop.png"
    Image.new("RGB", (1600, 300), "navy").save(letterhead)
    width = parts.page.text_width_mm
    kop = KopLayout("gambar", letterhead, width, (), (), 10, "tidak ada")
    data = render_pdf.render(replace(parts, kop=kop))[0]
    [image] = objects(data, 0, pdfium_c.FPDF_PAGEOBJ_IMAGE)
    assert abs((image[2] - image[0]) - width * MM) < 1
    assert abs(image[0] - parts.page.left_mm * MM) < 1
    assert image[1] > find(data, 0, "KEPUTUSAN BUPATI BALANGAN")[3]


# --------------------------------------------------------------------------- signature, tembusan, paraf


def test_signature_anchor_between_jabatan_and_name(pdf: bytes) -> None:
    jabatan = find(pdf, 1, "BUPATI BALANGAN,")
    anchor = find(pdf, 1, "#")
    name = find(pdf, 1, "ABDUL HADI")
    assert name[3] < anchor[1] and anchor[3] < jabatan[1]
    assert abs(centre_x(anchor) - centre_x(name)) < 2
    underline = [
        p
        for p in objects(pdf, 1, pdfium_c.FPDF_PAGEOBJ_PATH)
        if name[1] - 4 < p[3] < name[1] + 2 and p[0] <= name[0] + 1 and p[2] >= name[2] - 1
    ]
    assert underline, "the name is underlined"


def qr_modules(data: bytes, page: int, size: int) -> tuple[list[list[int]], Box]:
    """The QR code's modules read back from the page's filled squares and runs."""
    module = render_pdf.QR_SIZE / (size + 2 * render_pdf.QR_BORDER)
    runs = [
        p
        for p in objects(data, page, pdfium_c.FPDF_PAGEOBJ_PATH)
        if abs((p[3] - p[1]) - module) < 0.05
        and abs(round((p[2] - p[0]) / module) * module - (p[2] - p[0])) < 0.05
    ]
    assert runs, "no QR modules drawn"
    left, top = min(r[0] for r in runs), max(r[3] for r in runs)
    grid = [[0] * size for _ in range(size)]
    for run in runs:
        row = round((top - run[3]) / module)
        start = round((run[0] - left) / module)
        for column in range(start, start + round((run[2] - run[0]) / module)):
            grid[row][column] = 1
    bounds = (left, min(r[1] for r in runs), max(r[2] for r in runs), top)
    return grid, bounds


def test_qr_code_drawn_in_the_left_half(pdf: bytes, parts: Layout) -> None:
    assert parts.signature.qr == "https://jdih.balangankab.go.id/verifikasi/draf"
    expected = [list(row) for row in segno.make_qr(parts.signature.qr, error="m").matrix]
    grid, bounds = qr_modules(pdf, 1, len(expected))
    assert grid == expected, "the drawn modules are the QR code of the verification URL"
    middle = (parts.page.left_mm + parts.page.text_width_mm / 2) * MM
    assert bounds[2] < middle
    assert 18 * MM < bounds[2] - bounds[0] < 22.5 * MM
    name = find(pdf, 1, "ABDUL HADI")
    assert bounds[1] - 30 < name[1] < bounds[3], "beside the signature"


def test_tembusan_after_the_signature(pdf: bytes) -> None:
    second = lines(texts(pdf)[1])
    start = second.index("Tembusan Yth.:")
    assert second[start + 1 : start + 4] == [
        "1. Gubernur Kalimantan Selatan di Banjarbaru;",
        "2. Ketua DPRD Kabupaten Balangan di Paringin;",
        "3. Inspektur Kabupaten Balangan di Paringin.",
    ]
    assert find(pdf, 1, "Tembusan Yth.:")[3] < find(pdf, 1, "ABDUL HADI")[1]
    marker, text = find(pdf, 1, "1. Gubernur"), find(pdf, 1, "Gubernur")
    assert text[0] - marker[0] > 10, "the number hangs left of the text"


def test_paraf_koordinasi_after_the_tembusan_on_the_body(pdf: bytes) -> None:
    second = texts(pdf)[1]
    assert "LAMPIRAN" not in second
    order = [second.index(t) for t in ("Tembusan Yth.:", "PARAF KOORDINASI", "UNIT KERJA", "Siti Rahmah")]
    assert order == sorted(order)
    for text in ("Bagian Hukum", "SR", "1 Maret 2024", "Bagian Organisasi", "Ahmad Fauzi"):
        assert text in second


def test_paraf_hierarki_beside_the_last_signature(pdf: bytes, parts: Layout) -> None:
    last = len(texts(pdf)) - 1
    middle = (parts.page.left_mm + parts.lampiran[-1].page.text_width_mm / 2) * MM
    name = find(pdf, last, "ABDUL HADI")
    for jabatan, initials in (
        ("Sekretaris Daerah", "AB"),
        ("Asisten Pemerintahan", ""),
        ("Kabag Hukum", "CD"),
    ):
        box = find(pdf, last, jabatan)
        assert box[2] < middle and box[1] < find(pdf, last, "BUPATI BALANGAN,")[1]
        if initials:
            mark = find(pdf, last, initials)
            assert abs(centre_y(mark) - centre_y(box)) < 2 and mark[0] > box[2]
    assert find(pdf, last, "Kabag Hukum")[1] < name[3] + 30
    body_text = texts(pdf)[1]
    assert "Kabag Hukum" not in body_text, "the hierarki is on the decree's last signature only"


# --------------------------------------------------------------------------- furniture


def test_footer_on_every_page(pdf: bytes, parts: Layout) -> None:
    footer = flat(plain(parts.furniture.footer))
    assert footer.startswith("Dokumen ini telah ditandatangani secara elektronik")
    for number, text in enumerate(texts(pdf)):
        assert footer in flat(text), f"page {number + 1}"
        assert find(pdf, number, "Dokumen ini telah")[1] < 15 * MM


def test_page_numbers_from_page_two_and_through_the_lampiran(pdf: bytes) -> None:
    pages = texts(pdf)
    assert "- 1 -" not in pages[0]
    for number in range(2, len(pages) + 1):
        mark = f"- {number} -"
        assert mark in lines(pages[number - 1]), mark
        height = page_size_mm(pdf, number - 1)[1] * MM
        assert find(pdf, number - 1, mark)[1] > height - 20 * MM, "at the top"
    assert len(pages) >= 4


def test_draft_watermark(pdf: bytes) -> None:
    assert all("DRAFT" in text for text in texts(pdf))


# --------------------------------------------------------------------------- lampiran and tables


def test_lampiran_pages_take_their_paper(pdf: bytes, parts: Layout) -> None:
    pages = texts(pdf)
    starts = [
        next(i for i, t in enumerate(pages) if re.search(rf"^LAMPIRAN {n}$", t, re.M)) for n in ("I", "II")
    ]
    expected = [parts.page] * starts[0]
    for index, lamp in enumerate(parts.lampiran):
        end = starts[index + 1] if index + 1 < len(starts) else len(pages)
        expected += [lamp.page] * (end - starts[index])
    assert parts.lampiran[0].page.landscape is False and parts.lampiran[1].page.landscape is True
    for number, page in enumerate(expected):
        width, height = page_size_mm(pdf, number)
        assert abs(width - page.width_mm) < 0.5 and abs(height - page.height_mm) < 0.5, number


def test_lampiran_header_upper_right_and_title_centred(pdf: bytes, parts: Layout) -> None:
    page = parts.lampiran[0].page
    middle = (page.left_mm + page.text_width_mm / 2) * MM
    header = find(pdf, 2, "LAMPIRAN I")
    title = find(pdf, 2, "SUSUNAN KEANGGOTAAN TIM")
    assert header[0] > middle - 30 * MM and header[3] > title[3]
    assert abs(centre_x(title) - middle) < 2


def test_two_level_header_target_over_the_years(pdf: bytes) -> None:
    page = 3
    target = lowest(pdf, page, "TARGET")  # the others are in the lampiran's header and title
    first, last = lowest(pdf, page, "2021"), lowest(pdf, page, "2026")
    assert target[1] > first[3], "TARGET is above the years"
    assert first[0] < centre_x(target) < last[2]
    assert abs(centre_x(target) - (first[0] + last[2]) / 2) < 25, "centred over 2021 ... 2026"
    indikator = lowest(pdf, page, "INDIKATOR")
    assert centre_y(first) < centre_y(indikator) < centre_y(target), "INDIKATOR spans both heading rows"
    tokens = words(texts(pdf)[page])
    at = tokens.index("2026")
    assert tokens[at + 1 : at + 11] == [str(n) for n in range(1, 11)], "column numbers under the headings"


def test_row_numbers_and_a_merged_cell(pdf: bytes) -> None:
    member = words(texts(pdf)[2])
    for number, name in (("1.", "Ir."), ("2.", "Drs."), ("3.", "Citra")):
        assert member[member.index(name) - 1] == number
    target = words(texts(pdf)[3])
    assert target[target.index("Reformasi") - 2] == "1."
    assert target[target.index("Kepuasan") - 2] == "2."
    assert target[target.index("Persen") - 1] == "3.", "row 3's indicator is the merged cell above"
    assert count(pdf, 3, "Indeks Kepuasan Masyarakat") == 1


def test_table_without_column_numbers(pdf: bytes) -> None:
    tokens = words(texts(pdf)[3])
    at = tokens.index("KETERANGAN")
    assert tokens[at + 1 : at + 5] == ["Tanpa", "baris", "nomor", "kolom"]


def test_cell_alignment(pdf: bytes) -> None:
    page = 3
    satuan, nilai = find(pdf, page, "SATUAN"), find(pdf, page, "Nilai")
    assert abs(centre_x(nilai) - centre_x(satuan)) < 3, "SATUAN cells centred"
    year, value = lowest(pdf, page, "2021"), find(pdf, page, "61")
    assert value[2] > year[2] + 5, "numbers right-aligned under their year"
    ket, ya = find(pdf, page, "KETERANGAN"), find(pdf, page, "ya")
    assert ya[0] > ket[2], "an explicitly right-aligned cell"


def test_content_is_text(pdf: bytes, parts: Layout) -> None:
    pages = [flat(t) for t in texts(pdf)]
    assert "KABUPATEN BALANGAN & <SEKRETARIAT> {{ TIM }}" in pages[0]
    assert "Drs. Budi & Rekan <ahli>" in pages[2]
    assert "Kepala {{ Bappeda }}" in pages[2]
    assert PdfReader(io.BytesIO(pdf)).metadata.title == parts.properties.title
    assert len(parts.properties.title) > 255


def test_same_layout_same_bytes(parts: Layout, pdf: bytes) -> None:
    assert render_pdf.render(parts)[0] == pdf


# --------------------------------------------------------------------------- long tables


def indicator_layout(parts: Layout, sasaran: list[dict[str, Any]]) -> Layout:
    columns = [
        {"isi": isi, "judul": judul, "lebar": lebar}
        for isi, judul, lebar in (
            ("nomor", "NO.", 4),
            ("sasaran", "SASARAN", 14),
            ("indikator", "INDIKATOR", 14),
            ("penjelasan", "MAKNA", 38),
            ("penanggung_jawab", "PENANGGUNG JAWAB", 13),
            ("sumber_data", "SUMBER DATA", 17),
        )
    ]
    table = TabelIndikator.model_validate({"jenis": "tabel_indikator", "kolom": columns, "sasaran": sasaran})
    lamp = replace(parts.lampiran[1], blocks=(Block(table=indicator_table(table)),))
    return replace(parts, lampiran=(lamp,))


def indicator(key: str, makna: str) -> dict[str, Any]:
    return {
        "id": key,
        "nama": f"Indikator {key}",
        "makna": makna,
        "alasan_pemilihan": "alasan",
        "formulasi_perhitungan": "a *dibagi* b",
        "sumber_referensi": ["Analisis mandiri"],
        "penanggung_jawab": "Kepala Bagian",
        "sumber_data": "Laporan",
    }


def test_sasaran_taller_than_a_page(parts: Layout) -> None:
    makna = [" ".join(f"m{i}x{w}" for w in range(250)) for i in range(6)]
    sasaran = [
        {"nama": "Meningkatnya mutu layanan", "indikator": [indicator("a", "pendek")]},
        {
            "nama": "Terwujudnya tata kelola",
            "indikator": [indicator(f"i{i}", m) for i, m in enumerate(makna)],
        },
        {"nama": "Sasaran penutup", "indikator": [indicator("z", "pendek")]},
    ]
    data = render_pdf.render(indicator_layout(parts, sasaran))[0]
    pages = texts(data)
    lampiran = [i for i, t in enumerate(pages) if "MAKNA" in t]
    holding = [i for i in lampiran if "Terwujudnya tata kelola" in flat(pages[i])]
    assert len(holding) >= 3, "the label is repeated on every page its indicators reach"
    tokens = [t for i in lampiran for t in words(pages[i])]
    for i in range(6):  # every word of every makna, once and in order
        found = [t for t in tokens if t.startswith(f"m{i}x")]
        assert found == [f"m{i}x{w}" for w in range(250)], i
    assert tokens.count("Sasaran") == 1 and "penutup" in tokens
    for i in lampiran:
        width, height = page_size_mm(data, i)
        assert width > height
        assert pages[i].count("PENANGGUNG") == 1, f"page {i + 1}: the header once, on top"
        assert find(data, i, "PENANGGUNG")[3] > height * MM - 40 * MM or i == lampiran[0]


def test_divided_sasaran_goes_on_at_the_top_of_the_next_page(parts: Layout) -> None:
    """A sasaran of many medium indicators: divided between rows, its rest starts a new page
    (never under a second header lower on the same page), the label on every page."""
    indicators = [indicator(f"i{i}", " ".join(f"k{i}x{w}" for w in range(80))) for i in range(10)]
    data = render_pdf.render(
        indicator_layout(parts, [{"nama": "Terwujudnya tata kelola", "indikator": indicators}])
    )[0]
    pages = texts(data)
    lampiran = [i for i, t in enumerate(pages) if "MAKNA" in t]
    assert len(lampiran) >= 4
    for i in lampiran:
        assert pages[i].count("PENANGGUNG") == 1, f"page {i + 1}"
        assert "Terwujudnya tata kelola" in flat(pages[i]), f"page {i + 1}"
    tokens = [t for i in lampiran for t in words(pages[i])]
    assert [t for t in tokens if re.fullmatch(r"k\d+x\d+", t)] == [
        f"k{i}x{w}" for i in range(10) for w in range(80)
    ]


def test_one_row_taller_than_a_page(parts: Layout) -> None:
    makna = " ".join(f"w{w}" for w in range(1800))
    data = render_pdf.render(
        indicator_layout(parts, [{"nama": "Satu", "indikator": [indicator("x", makna)]}])
    )[0]
    tokens = [t for text in texts(data) for t in words(text)]
    assert [t for t in tokens if re.fullmatch(r"w\d+", t)] == [f"w{w}" for w in range(1800)]


def test_long_tables_take_linear_work(parts: Layout, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows given to reportlab tables grow with the table, not with its square."""
    made = [0]
    original = render_pdf.Table

    class Counting(original):  # type: ignore[misc, valid-type]
        def __init__(self, data: Any, *args: Any, **kwargs: Any) -> None:
            made[0] += len(data)
            super().__init__(data, *args, **kwargs)

    monkeypatch.setattr(render_pdf, "Table", Counting)

    def rows_for(n: int) -> int:
        made[0] = 0
        sasaran = [
            {"nama": f"Sasaran {s}", "indikator": [indicator(f"s{s}i{i}", "makna " * 30) for i in range(2)]}
            for s in range(n // 2)
        ]
        render_pdf.render(indicator_layout(parts, sasaran))
        return made[0]

    small, large = rows_for(150), rows_for(600)
    assert large < 6 * small, (small, large)


# --------------------------------------------------------------------------- the seed


def test_seed_words_unchanged() -> None:
    """Every word of the seed's plain text and no other, nearly in order (a row divided between
    pages reads its first cells' rest after the page break), plus the repeated table headings."""
    parts = layout(load(SEED))
    expected = [w for w in words(to_text(parts)) if w != "|"]
    pages = texts(render_pdf.render(parts)[0])
    found = [w for text in pages for w in words(text)]
    starts = [i for i, t in enumerate(pages) if re.search(r"^LAMPIRAN I+$", t, re.M)] + [len(pages)]
    repeated: Counter[str] = Counter()
    for index, lamp in enumerate(parts.lampiran):
        [table] = [block.table for block in lamp.blocks if block.table is not None]
        heading = Counter(w for h in table.headings for w in words(plain(h)))
        heading.update(str(n) for n in range(1, table.columns + 1))
        for _ in range(starts[index] + 1, starts[index + 1]):  # every page after the lampiran's first
            repeated.update(heading)
    assert Counter(expected) - Counter(found) == Counter(), "words lost"
    assert Counter(found) - Counter(expected) == repeated
    assert difflib.SequenceMatcher(None, expected, found, autojunk=False).ratio() > 0.95
    assert len(pages) == 9


def test_headings_taller_than_half_a_page(parts: Layout) -> None:
    """Headings that cannot repeat on every page go first and are divided like rows."""
    heading = " ".join(f"h{i}" for i in range(2500))
    table = TableLayout(
        header=((Cell((Para("kepala", line(heading)),)), Cell((Para("kepala", line("B")),))),),
        column_numbers=True,
        widths=(1.0, 1.0),
        rows=tuple((Cell((Para("isi", line(f"r{i}")),)), Cell((Para("isi", line("x")),))) for i in range(50)),
    )
    lamp = replace(parts.lampiran[0], blocks=(Block(table=table),))
    data = render_pdf.render(replace(parts, lampiran=(lamp,)))[0]
    tokens = [t for text in texts(data) for t in words(text)]
    assert [t for t in tokens if re.fullmatch(r"h\d+", t)] == [f"h{i}" for i in range(2500)]
    assert [t for t in tokens if re.fullmatch(r"r\d+", t)] == [f"r{i}" for i in range(50)]


def test_tall_kop_image_fits_the_page(parts: Layout, tmp_path: Path) -> None:
    from PIL import Image

    tall = tmp_path / "tinggi.png"
    Image.new("RGB", (10, 400), "black").save(tall)
    kop = KopLayout("gambar", tall, parts.page.text_width_mm, (), (), 10, "tidak ada")
    data = render_pdf.render(replace(parts, kop=kop))[0]
    [image] = objects(data, 0, pdfium_c.FPDF_PAGEOBJ_IMAGE)
    assert image[3] - image[1] <= parts.page.text_height_mm * MM * 0.41


def test_page_numbers_at_the_foot_from_page_one(parts: Layout) -> None:
    numbers = PageNumbers("Halaman {n}", "bawah", True)
    data = render_pdf.render(replace(parts, furniture=replace(parts.furniture, page_numbers=numbers)))[0]
    for page in range(len(texts(data))):
        mark = find(data, page, f"Halaman {page + 1}")
        footer = find(data, page, "Dokumen ini telah")
        assert footer[3] < mark[1] < parts.page.bottom_mm * MM, "between the footer and the text"
