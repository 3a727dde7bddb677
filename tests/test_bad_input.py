"""Bad content is reported with the right file, line, column and message, all at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Optional

import pytest

from keputusan.errors import ContentError, Problem
from keputusan.load import load
from keputusan.messages import format_problem

from .conftest import CONTENT, MINIMAL

PROFILE = (CONTENT / "profiles" / "bkpsdm-balangan.yaml").read_text(encoding="utf-8")

LAMPIRAN_PARAGRAF = """\
lampiran:
  - judul: DAFTAR
    orientasi: {orientasi}
    isi:
      - jenis: {jenis}
        teks: Isi lampiran.
"""

TABEL = """\
lampiran:
  - judul: DAFTAR
    isi:
      - jenis: tabel
        kolom: [A, B]
        baris:
          - [x, y]
          - [z]
"""

INDIKATOR_TANPA_ID = """\
lampiran:
  - judul: IKU
    isi:
      - jenis: tabel_indikator
        kolom: [{isi: indikator, judul: INDIKATOR}]
        sasaran:
          - nama: Sasaran
            indikator:
              - nama: Indikator tanpa id
                makna: m
                alasan_pemilihan: a
                formulasi_perhitungan: f
                sumber_referensi: Analisis mandiri
                penanggung_jawab: p
                sumber_data: s
"""


def where(text: str, needle: Optional[str], occurrence: int = 1) -> tuple[int, int]:
    """(line, column) of the n-th occurrence of ``needle`` in ``text``, 1-based."""
    if needle is None:
        return 1, 1
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def replace(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new)


# (id, decree text, profile text or None, file the problem is in, needle, occurrence, code)
CASES = [
    ("yaml-unclosed-bracket", MINIMAL + "tembusan: [Bupati\n", None, "decree", "[Bupati", 1, "yaml_syntax"),
    ("yaml-tab-indent", MINIMAL + "tembusan:\n\t- Bupati\n", None, "decree", "\t", 1, "yaml_syntax"),
    ("duplicate-key", MINIMAL + "tentang: LAGI\n", None, "decree", "tentang: LAGI", 1, "duplicate_key"),
    (
        "unknown-key-near-miss",
        MINIMAL + "tembusn:\n  - Bupati\n",
        None,
        "decree",
        "tembusn",
        1,
        "unknown_key_suggest",
    ),
    ("unknown-key", MINIMAL + "xyz: 1\n", None, "decree", "xyz", 1, "unknown_key"),
    ("missing-tentang", replace("tentang: UJI COBA\n", ""), None, "decree", None, 1, "missing"),
    (
        "missing-diktum-text",
        replace("  - Keputusan ini mulai berlaku pada tanggal ditetapkan.\n", "  - id: satu\n"),
        None,
        "decree",
        "id: satu",
        1,
        "missing",
    ),
    (
        "menimbang-not-a-list",
        replace("menimbang:\n  - bahwa perlu diuji", "menimbang: {a: b}"),
        None,
        "decree",
        "{a: b}",
        1,
        "expected_list",
    ),
    (
        "menimbang-empty",
        replace("menimbang:\n  - bahwa perlu diuji", "menimbang: []"),
        None,
        "decree",
        "[]",
        1,
        "empty_list",
    ),
    (
        "nip-17-digits",
        MINIMAL + "penandatangan:\n  nama: A\n  nip: 19681012198903100\n",
        None,
        "decree",
        "19681012198903100",
        1,
        "nip_length",
    ),
    (
        "nip-birth-date",
        MINIMAL + "penandatangan:\n  nama: A\n  nip: 19681312 198903 1 009\n",
        None,
        "decree",
        "19681312",
        1,
        "nip_birth_date",
    ),
    (
        "nip-sex-digit",
        MINIMAL + "penandatangan:\n  nama: A\n  nip: 19681012 198903 3 009\n",
        None,
        "decree",
        "19681012",
        1,
        "nip_sex",
    ),
    (
        "date-impossible",
        MINIMAL + "tanggal: 2023-02-30\n",
        None,
        "decree",
        "2023-02-30",
        1,
        "date_impossible",
    ),
    ("date-not-a-date", MINIMAL + "tanggal: kemarin\n", None, "decree", "kemarin", 1, "date_format"),
    (
        "profile-missing",
        replace("profiles/bkpsdm-balangan.yaml", "profiles/tidak-ada.yaml"),
        None,
        "decree",
        "profiles/tidak-ada.yaml",
        1,
        "profile_missing",
    ),
    (
        "final-without-number",
        MINIMAL + "status: ditetapkan\ntanggal: 2023-09-22\n",
        None,
        "decree",
        "ditetapkan\n",
        1,
        "final_needs_number",
    ),
    (
        "draft-with-number",
        MINIMAL + "nomor: 800/1/Kpts/Ka/BKPSDM/2023\n",
        None,
        "decree",
        "800/1/",
        1,
        "draft_has_number",
    ),
    (
        "number-off-pattern",
        MINIMAL + "status: ditetapkan\ntanggal: 2023-09-22\nnomor: 800/1/SK/2023\n",
        None,
        "decree",
        "800/1/SK",
        1,
        "number_mismatch",
    ),
    (
        "number-year-differs",
        MINIMAL + "status: ditetapkan\ntanggal: 2023-09-22\nnomor: 800/1/Kpts/Ka/BKPSDM/2022\n",
        None,
        "decree",
        "800/1/",
        1,
        "number_year",
    ),
    (
        "duplicate-id",
        replace(
            "  - Keputusan ini mulai berlaku pada tanggal ditetapkan.\n",
            "  - id: satu\n    teks: a\n  - id: satu\n    teks: b\n",
        ),
        None,
        "decree",
        "satu",
        2,
        "duplicate_id",
    ),
    (
        "bad-id",
        replace("  - Keputusan ini mulai berlaku pada tanggal ditetapkan.\n", "  - id: IKI 6\n    teks: a\n"),
        None,
        "decree",
        "IKI 6",
        1,
        "bad_id",
    ),
    (
        "control-character",
        replace("  - Keputusan ini mulai berlaku pada tanggal ditetapkan.\n", '  - "Keputusan \\a ini"\n'),
        None,
        "decree",
        '"Keputusan',
        1,
        "bad_character",
    ),
    (
        "profile-empty",
        MINIMAL.replace("profil: profiles/bkpsdm-balangan.yaml", "profil: ''"),
        None,
        "decree",
        "''",
        1,
        "empty_text",
    ),
    (
        "control-character-in-a-title",
        MINIMAL.replace("tentang: UJI COBA", 'tentang: "UJI\\tCOBA"'),
        None,
        "decree",
        '"UJI',
        1,
        "control_character",
    ),
    (
        "orientation-unknown",
        MINIMAL + LAMPIRAN_PARAGRAF.format(orientasi="miring", jenis="paragraf"),
        None,
        "decree",
        "miring",
        1,
        "expected_one_of",
    ),
    (
        "block-kind-unknown",
        MINIMAL + LAMPIRAN_PARAGRAF.format(orientasi="potret", jenis="grafik"),
        None,
        "decree",
        "jenis: grafik",
        1,
        "bad_block_kind",
    ),
    ("table-row-too-short", MINIMAL + TABEL, None, "decree", "[z]", 1, "row_width"),
    (
        "indicator-without-id",
        MINIMAL + INDIKATOR_TANPA_ID,
        None,
        "decree",
        "nama: Indikator tanpa id",
        1,
        "missing",
    ),
    (
        "legal-basis-without-text",
        replace("  - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah", "  - id: uu-23"),
        None,
        "decree",
        "id: uu-23",
        1,
        "legal_basis_form",
    ),
    ("root-is-a-list", "- a\n- b\n", None, "decree", None, 1, "not_a_mapping"),
    ("empty-file", "# hanya komentar\n", None, "decree", None, 1, "empty_file"),
    ("recursive-alias", MINIMAL + "tembusan: &a [*a]\n", None, "decree", "&a", 1, "yaml_recursive"),
    (
        "profile-font-size-not-number",
        MINIMAL,
        PROFILE.replace("ukuran: 14", "ukuran: besar"),
        "profile",
        "besar",
        1,
        "expected_number",
    ),
    (
        "profile-image-missing",
        MINIMAL,
        PROFILE.replace("lambang-placeholder.png", "tidak-ada.png"),
        "profile",
        "tidak-ada.png",
        1,
        "image_missing",
    ),
    (
        "profile-image-outside",
        MINIMAL,
        PROFILE.replace("lambang-placeholder.png", "../../../etc/hostname"),
        "profile",
        "../../../etc/hostname",
        1,
        "image_outside",
    ),
    (
        "profile-image-not-image",
        MINIMAL,
        PROFILE.replace("lambang-placeholder.png", "bkpsdm-balangan.yaml"),
        "profile",
        "bkpsdm-balangan.yaml",
        1,
        "image_not_image",
    ),
    (
        "profile-pattern-without-urut",
        MINIMAL,
        PROFILE.replace("{klasifikasi}/{urut}/", "{klasifikasi}/{nomer}/"),
        "profile",
        '"{klasifikasi}/{nomer}',
        1,
        "number_pattern",
    ),
    (
        "profile-unknown-key",
        MINIMAL,
        PROFILE.replace("tempat: Balangan", "tempat: Balangan\npejabatt: X"),
        "profile",
        "pejabatt",
        1,
        "unknown_key_suggest",
    ),
]


@pytest.mark.parametrize(
    "decree_text, profile_text, in_file, needle, occurrence, code",
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_problem_is_located(
    content_dir: Path,
    decree_text: str,
    profile_text: Optional[str],
    in_file: str,
    needle: Optional[str],
    occurrence: int,
    code: str,
) -> None:
    decree_path = content_dir / "decree.yaml"
    profile_path = content_dir / "profiles" / "bkpsdm-balangan.yaml"
    decree_path.write_text(decree_text, encoding="utf-8")
    if profile_text is not None:
        profile_path.write_text(profile_text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load(decree_path)
    path, text = (decree_path, decree_text) if in_file == "decree" else (profile_path, profile_text)
    assert text is not None
    matching = [p for p in caught.value.problems if p.code == code]
    assert matching, [(p.code, p.line, p.column) for p in caught.value.problems]
    problem = matching[0]
    assert problem.path == path
    assert (problem.line, problem.column) == where(text, needle, occurrence)
    for language in ("id", "en"):
        message = format_problem(problem, language)
        assert message.startswith(f"{path}:{problem.line}:{problem.column}: ")
        assert "{" not in message.replace("{klasifikasi}", "").replace("{urut}", "").replace("{tahun}", "")


def test_cases_cover_twenty_kinds() -> None:
    assert len({case[-1] for case in CASES}) >= 20


def test_not_utf8(content_dir: Path) -> None:
    path = content_dir / "decree.yaml"
    path.write_bytes(MINIMAL.encode() + b"tembusan:\n  - Bupati \xff\n")
    with pytest.raises(ContentError) as caught:
        load(path)
    [problem] = caught.value.problems
    assert (problem.code, problem.line) == ("not_utf8", MINIMAL.count("\n") + 2)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load(tmp_path / "nope.yaml")
    assert [p.code for p in caught.value.problems] == ["file_missing"]


def test_every_problem_reported_at_once(problems: Callable[[str], list[Problem]]) -> None:
    text = MINIMAL + "tanggal: 2023-02-30\nxyz: 1\npenandatangan:\n  nama: A\n  nip: 123\n"
    codes = sorted(p.code for p in problems(text))
    assert codes == ["date_impossible", "nip_length", "unknown_key"]


def test_unknown_key_suggestion_and_allowed_list(problems: Callable[[str], list[Problem]]) -> None:
    [near] = problems(MINIMAL + "tembusn: [Bupati]\n")
    assert near.params["suggestion"] == "tembusan"
    [far] = problems(MINIMAL + "xyz: 1\n")
    assert "menimbang" in far.params["allowed"].split(", ")


def test_misordered_legal_bases_warn(problems: Callable[[str], list[Problem]]) -> None:
    text = replace(
        "  - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah\n",
        "  - Peraturan Bupati Balangan Nomor 1 Tahun 2020 tentang A\n"
        "  - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah\n",
    )
    [warning] = problems(text)
    assert (warning.code, warning.severity, warning.params["index"]) == ("mengingat_order", "warning", 2)


def test_leading_zero_and_words_stay_text(
    problems: Callable[[str], list[Problem]], content_dir: Path
) -> None:
    """YAML 1.1 would read 02 as the number 2 and 'no' as false; a decree keeps what was typed."""
    text = replace(
        "  - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah\n",
        "  - jenis: Peraturan Daerah Kabupaten Balangan\n    nomor: 02\n    tahun: 2021\n    tentang: no\n",
    )
    assert problems(text) == []
    decree = load(content_dir / "decree.yaml")
    assert (
        decree.mengingat()[0]
        .text.plain()
        .startswith("Peraturan Daerah Kabupaten Balangan Nomor 02 Tahun 2021 tentang no")
    )


def test_choices_listed_without_english_words(problems: Callable[[str], list[Problem]]) -> None:
    [problem] = problems(MINIMAL + LAMPIRAN_PARAGRAF.format(orientasi="landscape", jenis="paragraf"))
    assert problem.params["expected"] == "potret, lanskap"
    assert format_problem(problem, "id").endswith("Pilih salah satu: potret, lanskap.")
