"""The layout, the one contract of every renderer: each form of the decree as it prints."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from keputusan.errors import ContentError, Problem
from keputusan.layout import Layout, Para, TableLayout, layout, plain
from keputusan.load import load
from keputusan.plaintext import to_text
from keputusan.richtext import ListBlock, RichText
from keputusan.text import shorten

FORMS = Path(__file__).parent / "data" / "forms"


@pytest.fixture(scope="module")
def forms() -> Layout:
    return layout(load(FORMS / "semua-bentuk.yaml"))


def _text(para: Para) -> str:
    return " ".join(x for x in (plain(para.label), plain(para.marker), plain(para.runs)) if x)


def test_title_on_one_line_and_nomor_without_colon(forms: Layout) -> None:
    assert [plain(t) for t in forms.title[:2]] == [
        "KEPUTUSAN BUPATI BALANGAN",
        "NOMOR ........................",
    ]
    assert [plain(t) for t in forms.opening] == ["DENGAN RAHMAT TUHAN YANG MAHA ESA", "BUPATI BALANGAN,"]


def test_seed_title_keeps_its_form(seed) -> None:  # type: ignore[no-untyped-def]
    parts = layout(seed)
    assert [plain(t) for t in parts.title[:3]] == [
        "KEPUTUSAN",
        "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN BALANGAN",
        "NOMOR : 800/1199/Kpts/Ka/BKPSDM/2023",
    ]
    assert parts.kop.kind == "perangkat_daerah" and parts.kop.address and parts.kop.rule == "tebal-tipis"
    assert parts.furniture.page_numbers is None and parts.furniture.footer == ()
    assert parts.furniture.watermark == ""


def test_kepala_daerah_kop_has_no_address_and_no_rule(forms: Layout) -> None:
    assert forms.kop.kind == "kepala_daerah"
    assert [plain(k.runs) for k in forms.kop.lines] == ["BUPATI BALANGAN"]
    assert forms.kop.address == () and forms.kop.rule == "tidak ada"
    assert forms.kop.image is not None and forms.kop.image.name == "lambang-placeholder.png"


def test_nested_lists_in_a_diktum_are_marked_levelled_and_punctuated(forms: Layout) -> None:
    kedua = [p for p in forms.diktum if p.kind == "butir"]
    assert [(plain(p.marker), p.level, plain(p.runs)) for p in kedua] == [
        ("a.", 1, "menyusun indikator;"),
        ("b.", 1, "melaksanakan evaluasi, meliputi:"),
        ("1)", 2, "pengumpulan data;"),
        ("2)", 2, "analisis capaian;"),
        ("c.", 1, "melaporkan hasil kepada Bupati."),
    ]


def test_a_menimbang_ending_in_a_list_ends_its_last_item_with_the_items_ending(forms: Layout) -> None:
    items = [p for p in forms.konsiderans if p.kind == "butir"]
    assert [(plain(p.marker), p.level, plain(p.runs)) for p in items] == [
        ("1)", 1, "menyusun rencana;"),
        ("2)", 1, "melaksanakan:"),
        ("a)", 2, "pendataan;"),
        ("b)", 2, "verifikasi."),  # the last menimbang ends in '.'
    ]


def test_legal_bases_with_berita_daerah_and_tambahan_lembaran_daerah(forms: Layout) -> None:
    text = " ".join(plain(p.runs) for p in forms.konsiderans)
    assert "(Berita Daerah Kabupaten Balangan Tahun 2022 Nomor 12)." in text
    assert "Tambahan Lembaran Daerah Kabupaten Balangan Nomor 45);" in text
    assert "sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023" in text


def test_tembusan_heading_numbers_and_punctuation(forms: Layout) -> None:
    assert plain(forms.tembusan_heading) == "Tembusan Yth.:"
    assert [_text(p) for p in forms.tembusan] == [
        "1. Gubernur Kalimantan Selatan di Banjarbaru;",
        "2. Ketua DPRD Kabupaten Balangan di Paringin;",
        "3. Inspektur Kabupaten Balangan di Paringin.",
    ]


def test_paraf_on_the_last_signature_and_the_coordination_table(forms: Layout) -> None:
    assert forms.signature.paraf == ()  # the lampiran are signed: the last block is the last lampiran's
    last = forms.lampiran[-1].signature
    assert last is not None
    assert [(plain(a), plain(b)) for a, b in last.paraf] == [
        ("Sekretaris Daerah", "AB"),
        ("Asisten Pemerintahan", ""),
        ("Kabag Hukum", "CD"),
    ]
    assert forms.paraf is not None and plain(forms.paraf_heading) == "PARAF KOORDINASI"
    assert [plain(p.runs) for c in forms.paraf.rows[0] for p in c.paras] == [
        "1.",
        "Bagian Hukum",
        "Siti Rahmah",
        "SR",
        "1 Maret 2024",
    ]


def test_paraf_are_not_printed_once_signed(content_dir: Path) -> None:
    shutil.copy(FORMS / "bupati.yaml", content_dir / "bupati.yaml")
    shutil.copy(FORMS / "lambang-placeholder.png", content_dir)
    text = (FORMS / "semua-bentuk.yaml").read_text(encoding="utf-8")
    text = text.replace("status: draf", "status: ditetapkan\nnomor: 188.45/7/2024\ntanggal: 2024-03-02")
    (content_dir / "final.yaml").write_text(text, encoding="utf-8")
    decree = load(content_dir / "final.yaml")
    assert [p.code for p in decree.warnings] == ["paraf_on_final"]
    parts = layout(decree)
    assert parts.paraf is None and all(lamp.signature and not lamp.signature.paraf for lamp in parts.lampiran)
    assert parts.furniture.watermark == ""
    assert parts.signature.qr == "https://jdih.balangankab.go.id/verifikasi/188.45%2F7%2F2024"


def test_tte_anchor_qr_footer_and_page_numbers(forms: Layout) -> None:
    assert plain(forms.signature.anchor) == "#"
    assert forms.signature.qr == "https://jdih.balangankab.go.id/verifikasi/draf"
    assert plain(forms.furniture.footer).startswith("Dokumen ini telah ditandatangani secara elektronik")
    numbers = forms.furniture.page_numbers
    assert numbers is not None and (numbers.format, numbers.position, numbers.first_page) == (
        "- {n} -",
        "atas",
        False,
    )
    assert forms.furniture.watermark == "DRAFT"


def test_each_section_has_its_own_page(forms: Layout) -> None:
    assert [p.landscape for p in forms.pages] == [False, False, True]
    assert (forms.pages[2].width_mm, forms.pages[2].height_mm) == (330.0, 215.0)


def test_two_level_header_with_row_numbers_and_alignment(forms: Layout) -> None:
    table = forms.lampiran[1].blocks[0].table
    assert isinstance(table, TableLayout)
    top, below = table.header
    assert [(plain(c.paras[0].runs), c.span, c.merge) for c in top] == [
        ("NO.", 1, "restart"),
        ("INDIKATOR", 1, "restart"),
        ("SATUAN", 1, "restart"),
        ("KONDISI AWAL", 1, "restart"),
        ("TARGET", 6, None),
    ]
    assert [c.merge for c in below[:4]] == ["continue"] * 4
    assert [plain(c.paras[0].runs) for c in below[4:]] == [str(y) for y in range(2021, 2027)]
    assert table.header_rows == 3 and table.columns == 10
    first = table.rows[0]
    assert plain(first[0].paras[0].runs) == "1." and first[0].paras[0].align == "tengah"
    assert first[3].paras[0].align == "kanan"  # KONDISI AWAL: numbers right-aligned by the column
    assert [plain(r[0].paras[0].runs) for r in table.rows] == ["1.", "2.", "3."]
    second, third = table.rows[1], table.rows[2]
    assert second[1].merge == "restart" and third[1].merge == "continue"  # the row span


def test_a_table_without_column_numbers_and_a_cell_alignment(forms: Layout) -> None:
    table = forms.lampiran[1].blocks[1].table
    assert table is not None and not table.column_numbers and table.header_rows == 1
    assert table.rows[0][1].paras[0].align == "kanan"


def test_lampiran_paragraphs_keep_their_alignment_and_list_markers(forms: Layout) -> None:
    centred, listed = forms.lampiran[0].blocks[:2]
    assert centred.paras[0].align == "tengah"
    assert [(plain(p.marker), p.level) for p in listed.paras] == [
        ("", 0),
        ("a.", 1),
        ("b.", 1),
        ("-", 2),
        ("-", 2),
        ("c.", 1),
    ]
    assert plain(listed.paras[-1].runs) == "sekretariat."


def test_content_stays_data(forms: Layout) -> None:
    text = to_text(forms)
    assert "& <SEKRETARIAT> {{ TIM }}" in text
    assert "Drs. Budi & Rekan <ahli>" in text and "Kepala {{ Bappeda }}" in text


def test_long_title_is_shortened_only_in_the_properties(forms: Layout) -> None:
    props = forms.properties
    assert len(props.title) > 255
    assert len(props.short_title) <= 255 and props.short_title.endswith("…")
    assert props.title.startswith(props.short_title[:-1])
    assert not props.short_title[:-1].endswith(" ")


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("pendek", 255, "pendek"),
        ("satu dua tiga empat", 12, "satu dua…"),
        ("satu dua tiga", 9, "satu dua…"),
        ("abcdefghijkl", 6, "abcde…"),
    ],
    ids=["short", "word-boundary", "exact-word", "one-long-word"],
)
def test_shorten(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_menggantikan_prints_the_revoking_diktum_before_the_last(problems, content_dir: Path) -> None:  # type: ignore[no-untyped-def]
    text = (Path(__file__).parent.parent / "content" / "kpts-800-1199-2023-iku-iki.yaml").read_text(
        encoding="utf-8"
    )
    text = text.replace(
        "status: ditetapkan\nnomor: 800/1199/Kpts/Ka/BKPSDM/2023\ntanggal: 2023-09-22", "status: draf"
    )
    text += "\nmenggantikan: 800/1000/Kpts/Ka/BKPSDM/2022\n"
    (content_dir / "baru.yaml").write_text(text, encoding="utf-8")
    parts = layout(load(content_dir / "baru.yaml"))
    labels = [plain(p.label) for p in parts.diktum if p.kind == "item"][1:]
    assert labels == ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA"]
    keempat = next(p for p in parts.diktum if plain(p.label) == "KEEMPAT")
    assert "Nomor 800/1000/Kpts/Ka/BKPSDM/2022 dicabut dan dinyatakan tidak berlaku." in plain(keempat.runs)
    # a diktum that already names the number: nothing is added
    text = text.replace(
        "Keputusan ini mulai berlaku",
        "Keputusan Nomor 800/1000/Kpts/Ka/BKPSDM/2022 dicabut. Keputusan ini mulai berlaku",
    )
    (content_dir / "baru.yaml").write_text(text, encoding="utf-8")
    assert len([p for p in layout(load(content_dir / "baru.yaml")).diktum if p.kind == "item"]) == 5


def test_nested_list_markup() -> None:
    text = RichText("Tugas:\na. satu\n   1) dua\n   1) tiga\nb. empat\n\n- lima\n• enam")
    lists = [b for b in text.blocks if isinstance(b, ListBlock)]
    assert [b.style for b in lists] == ["a.", "-", "•"]
    assert [b.marker(n) for b in lists[:1] for n in (1, 2, 27)] == ["a.", "b.", "aa."]
    assert text.plain() == "Tugas:\na. satu\n  1) dua\n  2) tiga\nb. empat\n- lima\n• enam"


def _codes(found: list[Problem]) -> list[tuple[str, str]]:
    return [(p.code, p.severity) for p in found]


SIMPLE = """profil: profiles/bkpsdm-balangan.yaml
tentang: UJI
menimbang: [bahwa uji]
mengingat:
{mengingat}
diktum: [Uji.]
{extra}
"""


def test_a_regulation_cited_twice_is_a_warning_at_the_second(problems) -> None:  # type: ignore[no-untyped-def]
    mengingat = (
        "  - {jenis: Undang-Undang, nomor: 23, tahun: 2014, tentang: Pemerintahan Daerah}\n"
        "  - {jenis: Undang-Undang, nomor: '23', tahun: 2014, tentang: Pemda}"
    )
    found = problems(SIMPLE.format(mengingat=mengingat, extra=""))
    assert _codes(found) == [("mengingat_twice", "warning")]
    assert found[0].line == 6


def test_amending_and_replacing_at_once_is_an_error(problems) -> None:  # type: ignore[no-untyped-def]
    mengingat = "  - {jenis: Undang-Undang, nomor: 23, tahun: 2014, tentang: Pemerintahan Daerah}"
    extra = "mengubah: 800/1/Kpts/Ka/BKPSDM/2023\nmenggantikan: 800/2/Kpts/Ka/BKPSDM/2023"
    assert _codes(problems(SIMPLE.format(mengingat=mengingat, extra=extra))) == [
        ("amends_and_replaces", "error")
    ]


def test_a_stale_menetapkan_is_a_warning(problems) -> None:  # type: ignore[no-untyped-def]
    mengingat = "  - {jenis: Undang-Undang, nomor: 23, tahun: 2014, tentang: Pemerintahan Daerah}"
    extra = "menetapkan: KEPUTUSAN KEPALA TENTANG HAL LAIN"
    found = problems(SIMPLE.format(mengingat=mengingat, extra=extra))
    assert _codes(found) == [("menetapkan_stale", "warning")] and found[0].line == 7


def test_an_indicator_table_missing_fields_suggests_jenis_tabel(problems) -> None:  # type: ignore[no-untyped-def]
    mengingat = "  - {jenis: Undang-Undang, nomor: 23, tahun: 2014, tentang: Pemerintahan Daerah}"
    extra = (
        "lampiran:\n  - judul: X\n    isi:\n      - jenis: tabel_indikator\n"
        "        kolom: [{isi: indikator, judul: A}]\n"
    )
    found = problems(SIMPLE.format(mengingat=mengingat, extra=extra))
    assert ("indicator_field_missing", "error") in _codes(found)
    from keputusan.messages import format_problem

    assert "jenis: tabel" in format_problem(
        next(p for p in found if p.code == "indicator_field_missing"), "en"
    )


def test_profile_errors_for_the_new_keys(content_dir: Path) -> None:
    profile = (FORMS / "bupati.yaml").read_text(encoding="utf-8")
    shutil.copy(FORMS / "lambang-placeholder.png", content_dir)
    shutil.copy(FORMS / "semua-bentuk.yaml", content_dir)
    cases = {
        "page_number_format": profile.replace('format: "- {n} -"', 'format: "halaman"'),
        "tte_anchor": profile.replace('jangkar: "#"', 'jangkar: "a b"'),
        "qr_url_pattern": profile.replace("qr_url: https", "qr_url: ftp"),
        "kop_needs_image": profile.replace("jenis: kepala_daerah", "jenis: gambar"),
    }
    for code, text in cases.items():
        (content_dir / "bupati.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(ContentError) as raised:
            load(content_dir / "semua-bentuk.yaml")
        assert [p.code for p in raised.value.problems] == [code], code
        assert raised.value.problems[0].path == content_dir / "bupati.yaml"


def test_redline_records_a_changed_tembusan_and_marks_a_removed_lampirans_signature(
    content_dir: Path,
) -> None:
    from keputusan.diff import merge

    for name in ("bupati.yaml", "lambang-placeholder.png", "semua-bentuk.yaml"):
        shutil.copy(FORMS / name, content_dir / name)
    text = (FORMS / "semua-bentuk.yaml").read_text(encoding="utf-8")
    text = text.replace("Inspektur Kabupaten Balangan", "Kepala Bappeda Kabupaten Balangan")
    start = text.index("  - judul: [TARGET INDIKATOR")
    (content_dir / "baru.yaml").write_text(text[:start], encoding="utf-8")
    parts, changes = merge(load(content_dir / "semua-bentuk.yaml"), load(content_dir / "baru.yaml"))
    assert [(c.part, c.where, c.kind) for c in changes if c.part == "Tembusan"] == [
        ("Tembusan", "3", "diubah")
    ]
    removed = parts.lampiran[-1]
    assert removed.page.landscape  # the removed lampiran keeps its own paper in the redline
    assert removed.signature is not None
    for line in (removed.signature.anchor, removed.signature.name, *[a for a, _ in removed.signature.paraf]):
        assert line and all(getattr(run, "rev", None) == "del" for run in line)


def test_an_item_ending_in_dan_gets_no_second_punctuation() -> None:
    from keputusan.layout import Para, paragraphs

    text = RichText("Tugas:\na. menyusun;\nb. melaksanakan; dan\nc. melaporkan")
    paras = paragraphs(text, Para("item"), punctuate=True)
    assert [plain(p.runs) for p in paras[1:]] == ["menyusun;", "melaksanakan; dan", "melaporkan."]


def test_a_lampiran_paragraph_opening_with_a_list_has_no_empty_first_line() -> None:
    from keputusan.layout import block
    from keputusan.model import Paragraf

    made = block(Paragraf(jenis="paragraf", teks=RichText("a. satu\nb. dua")))
    assert [(plain(p.marker), plain(p.runs)) for p in made.paras] == [("a.", "satu;"), ("b.", "dua.")]


@pytest.mark.parametrize(
    ("diktum", "code"),
    [
        ('["KEEMPAT : Keputusan ini mulai berlaku."]', "typed_ordinal"),
        ('["Diktum kedua: Keputusan ini mulai berlaku."]', "typed_ordinal"),
        ('["|-\\n  Tugas:\\n  a. satu\\n  b. dua\\n  c) tiga"]', None),
    ],
    ids=["ordinal", "diktum-ordinal", "placeholder"],
)
def test_typed_markers_are_warned(problems, diktum: str, code: str | None) -> None:  # type: ignore[no-untyped-def]
    mengingat = "  - {jenis: Undang-Undang, nomor: 23, tahun: 2014, tentang: Pemerintahan Daerah}"
    if code is None:
        text = SIMPLE.format(mengingat=mengingat, extra="").replace(
            "diktum: [Uji.]", "diktum:\n  - |-\n    Tugas:\n    a. satu\n    b. dua\n    c) tiga"
        )
        code = "list_restarts"
    else:
        text = SIMPLE.format(mengingat=mengingat, extra="").replace("diktum: [Uji.]", f"diktum: {diktum}")
    found = problems(text)
    assert _codes(found) == [(code, "warning")]
    assert found[0].line >= 6


def test_a_consideration_typed_with_its_letter_is_warned(problems) -> None:  # type: ignore[no-untyped-def]
    mengingat = "  - {jenis: Undang-Undang, nomor: 23, tahun: 2014, tentang: Pemerintahan Daerah}"
    text = SIMPLE.format(mengingat=mengingat, extra="").replace(
        "menimbang: [bahwa uji]", "menimbang: ['a. bahwa uji']"
    )
    found = problems(text)
    assert _codes(found) == [("typed_marker", "warning")] and found[0].line == 3


def test_a_heading_passes_its_alignment_and_width_to_its_columns(forms: Layout) -> None:
    from keputusan.layout import general_table
    from keputusan.model import Tabel

    table = Tabel.model_validate(
        {
            "jenis": "tabel",
            "kolom": [
                {"judul": "INDIKATOR", "lebar": 6},
                {
                    "judul": "TARGET",
                    "rata": "kanan",
                    "lebar": 10,
                    "kolom": ["2025", {"judul": "2026", "rata": "tengah"}],
                },
            ],
            "baris": [["Indeks", "1", "2"]],
        }
    )
    made = general_table(table)
    assert made.widths == (6, 5, 5)
    assert [c.paras[0].align for c in made.rows[0]] == ["", "kanan", "tengah"]


def test_the_lampiran_header_follows_the_nomor_colon_of_the_title(forms: Layout, seed) -> None:  # type: ignore[no-untyped-def]
    assert plain(forms.lampiran[0].header[2]) == "NOMOR ........................"
    assert plain(layout(seed).lampiran[0].header[2]) == "NOMOR : 800/1199/Kpts/Ka/BKPSDM/2023"


def test_an_empty_paraf_leaves_room_for_a_handwritten_one(content_dir: Path) -> None:
    for name in ("bupati.yaml", "lambang-placeholder.png"):
        shutil.copy(FORMS / name, content_dir / name)
    text = (FORMS / "semua-bentuk.yaml").read_text(encoding="utf-8")
    (content_dir / "a.yaml").write_text(
        text.replace("{jabatan: Asisten Pemerintahan}", '{jabatan: Asisten Pemerintahan, paraf: ""}'),
        encoding="utf-8",
    )
    parts = layout(load(content_dir / "a.yaml"))
    last = parts.lampiran[-1].signature
    assert last is not None and plain(last.paraf[1][1]) == ""


def test_a_profile_beside_its_decrees_is_not_checked_as_one(content_dir: Path) -> None:
    from keputusan.load import content_files

    for name in ("bupati.yaml", "lambang-placeholder.png", "semua-bentuk.yaml"):
        shutil.copy(FORMS / name, content_dir / name)
    files, problems = content_files([content_dir])
    assert [f.name for f in files] == ["semua-bentuk.yaml"] and problems == []


def _table(kolom: str, baris: str, extra: str = "") -> str:
    mengingat = "  - {jenis: Undang-Undang, nomor: 23, tahun: 2014, tentang: Pemerintahan Daerah}"
    lampiran = f"lampiran:\n  - judul: X\n    isi:\n      - jenis: tabel\n{extra}        kolom: {kolom}\n        baris: {baris}\n"
    return SIMPLE.format(mengingat=mengingat, extra=lampiran)


def test_what_check_accepts_a_page_can_hold(problems, content_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """Found from outside: each of these passed check and then failed the build."""
    many = "[" + ", ".join(f"K{i}" for i in range(25)) + "]"
    row = "[[" + ", ".join("x" for _ in range(25)) + "]]"
    assert _codes(problems(_table(many, row))) == [("too_many_columns", "error")]
    overlap = "[[a, {teks: b, gabung_baris: 2}, c], [{teks: d, gabung_kolom: 2}]]"
    assert _codes(problems(_table("[A, B, C]", overlap))) == [("span_overlap", "error")]
    mengingat = "  - {jenis: Undang-Undang, nomor: 23, tahun: 2014, tentang: Pemerintahan Daerah}"
    text = SIMPLE.format(mengingat=mengingat, extra="").replace(
        "diktum: [Uji.]", "diktum: [" + ", ".join(["Uji."] * 201) + "]"
    )
    assert _codes(problems(text)) == [("too_many", "error")]


def test_widths_typed_in_millimetres_beside_the_default_leave_no_column_a_millimetre_wide() -> None:
    from keputusan.layout import MIN_COLUMN_SHARE, general_table
    from keputusan.model import Tabel

    table = Tabel.model_validate(
        {
            "jenis": "tabel",
            "nomor_baris": True,
            "kolom": [{"judul": "A", "lebar": 40}, {"judul": "B", "lebar": 45}],
            "baris": [["x", "y"]],
        }
    )
    widths = general_table(table).widths
    assert min(widths) / sum(widths) >= MIN_COLUMN_SHARE * 0.95


def test_profile_limits_for_paper_footer_and_qr(content_dir: Path) -> None:
    profile = (FORMS / "bupati.yaml").read_text(encoding="utf-8")
    shutil.copy(FORMS / "lambang-placeholder.png", content_dir)
    shutil.copy(FORMS / "semua-bentuk.yaml", content_dir)
    cases = {
        "page_too_small": profile.replace(
            "  ukuran: F4\n", "  ukuran: F4\n  margin_mm: {kiri: 100, kanan: 90}\n"
        ),
        "field_too_long": profile.replace(
            "qr_url: https://jdih.balangankab.go.id/verifikasi/{nomor}",
            "qr_url: https://jdih.balangankab.go.id/" + "a" * 600,
        ),
    }
    for code, text in cases.items():
        (content_dir / "bupati.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(ContentError) as raised:
            load(content_dir / "semua-bentuk.yaml")
        assert [p.code for p in raised.value.problems] == [code], code


def test_a_broken_letterhead_image_is_reported_at_its_line_not_inside_a_renderer(content_dir: Path) -> None:
    from keputusan.build import emblem_problems

    profile = (FORMS / "bupati.yaml").read_text(encoding="utf-8")
    profile = profile.replace("  jenis: kepala_daerah\n", "  jenis: gambar\n  gambar: kop.png\n")
    (content_dir / "bupati.yaml").write_text(profile, encoding="utf-8")
    shutil.copy(FORMS / "lambang-placeholder.png", content_dir)
    shutil.copy(FORMS / "semua-bentuk.yaml", content_dir)
    data = (FORMS / "lambang-placeholder.png").read_bytes()
    (content_dir / "kop.png").write_bytes(data[: len(data) // 2])  # cut short: the header still reads
    decree = load(content_dir / "semua-bentuk.yaml")
    found = emblem_problems(decree)
    assert [(p.code, p.path.name, p.line) for p in found] == [("image_unreadable", "bupati.yaml", 5)]


def test_a_number_with_asterisks_is_cited_as_typed(problems, content_dir: Path) -> None:  # type: ignore[no-untyped-def]
    mengingat = "  - {jenis: Peraturan Bupati, nomor: '2*3*4', tahun: 2020, tentang: Uji *miring*}"
    (content_dir / "d.yaml").write_text(SIMPLE.format(mengingat=mengingat, extra=""), encoding="utf-8")
    parts = layout(load(content_dir / "d.yaml"))
    cited = next(p for p in parts.konsiderans if plain(p.marker) == "1.")
    assert plain(cited.runs).startswith("Peraturan Bupati Nomor 2*3*4 Tahun 2020 tentang Uji miring")
    assert [r.italic for r in cited.runs if getattr(r, "text", "") == "miring"] == [True]


def test_quoted_new_wording_that_ends_with_its_own_stop_gets_no_second_one(tmp_path: Path) -> None:
    """An amendment quotes the new wording with its full stop inside the quotes ('...Selatan.”'):
    the item, and a list item inside a diktum, end there; the tool adds no ';' or '.' after the
    closing quote. Text closing a quote without a stop still gets its ending."""
    from .conftest import CONTENT, SEED

    shutil.copytree(CONTENT / "profiles", tmp_path / "profiles")
    text = SEED.read_text(encoding="utf-8")
    text = text.replace(
        "    teks: Keputusan ini mulai berlaku pada tanggal ditetapkan.",
        "    teks: |-\n      Mengubah DIKTUM KEDUA sehingga berbunyi:\n      a. “KEDUA : Tim bertugas di Kalimantan Selatan.”\n"
        "      b. disebut “Tim”",
    )
    text = text.replace("      Indikator Kinerja Individu (IKI)\n  - id: perlu-keputusan",
                        "      Indikator Kinerja Individu (IKI) “sesuai Renstra.”\n  - id: perlu-keputusan")
    (tmp_path / "k.yaml").write_text(text, encoding="utf-8")
    printed = to_text(layout(load(tmp_path / "k.yaml")))
    assert "(IKI) “sesuai Renstra.”\n" in printed
    assert "a. “KEDUA : Tim bertugas di Kalimantan Selatan.”\n" in printed
    assert "b. disebut “Tim”." in printed
