"""Redlines between revisions of the seed decree: exact accept/reject, minimal revisions, a summary."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from keputusan.cli import main
from keputusan.docx_text import docx_lines
from keputusan.layout import layout
from keputusan.load import load
from keputusan.redline import markdown, render, summary_lines
from keputusan.render_docx import render as build_docx

from .conftest import CONTENT, SEED
from .revisions import count, resolve, revision_paragraphs

SEED_TEXT = SEED.read_text(encoding="utf-8")


def edit(old: str, new: str, count_expected: int = 1) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert text.count(old) == count_expected, old
        return text.replace(old, new)

    return change


FORMULA_WORD = edit(
    "*dibagi*\n                  total CPNS/PPPK yang direkrut",
    "*dibagi*\n                  jumlah CPNS/PPPK yang direkrut",
)
ADDED_INDICATOR = edit(
    "                sumber_referensi: Analisis mandiri\n                penanggung_jawab: Kabid Mutasi, Promosi dan Kinerja\n"
    "                sumber_data: Bidang Mutasi, Promosi dan Kinerja\n          - nama: Meningkatnya penerapan Manajemen Talenta"
    " Pegawai ASN\n            indikator:\n              - id: iki-7\n",
    "                sumber_referensi: Analisis mandiri\n                penanggung_jawab: Kabid Mutasi, Promosi dan Kinerja\n"
    "                sumber_data: Bidang Mutasi, Promosi dan Kinerja\n"
    "              - id: iki-6c\n                nama: Persentase Jabatan Pelaksana yang Terisi\n"
    "                makna: Tingkat pemenuhan Jabatan Pelaksana\n"
    "                alasan_pemilihan: Untuk mengetahui keterisian Jabatan Pelaksana\n"
    "                formulasi_perhitungan: Jumlah Jabatan Pelaksana yang terisi *dibagi* total formasi *dikali* 100%\n"
    "                sumber_referensi: Analisis mandiri\n                penanggung_jawab: Kabid Mutasi, Promosi dan Kinerja\n"
    "                sumber_data: Bidang Mutasi, Promosi dan Kinerja\n"
    "          - nama: Meningkatnya penerapan Manajemen Talenta Pegawai ASN\n            indikator:\n              - id: iki-7\n",
)


def _remove_pp8(text: str) -> str:
    start = text.index("  - id: pp-8-2006\n")
    end = text.index("  - id: permenpan-9-2007\n")
    return text[:start] + text[end:]


def _swap_menimbang(text: str) -> str:
    a_start = text.index("  - id: renstra\n")
    b_start = text.index("  - id: perlu-keputusan\n")
    b_end = text.index("\nmengingat:")
    a, b = text[a_start:b_start], text[b_start:b_end] + "\n"
    return text[:a_start] + b + a.rstrip("\n") + text[b_end:]


NUMBER_AND_DATE = lambda text: text.replace("800/1199/Kpts", "800/1205/Kpts").replace(  # noqa: E731
    "tanggal: 2023-09-22", "tanggal: 2023-09-25"
)

REPLACED_INDICATOR = edit("              - id: iki-1\n", "              - id: iki-1-baru\n")
NEW_SASARAN = edit(
    "          - nama: Meningkatnya Kualitas Pelayanan Perangkat Daerah\n",
    "          - nama: Meningkatnya Budaya Kerja ASN\n            indikator:\n              - id: iki-budaya\n"
    "                nama: Indeks Budaya Kerja\n                makna: Tingkat penerapan budaya kerja\n"
    "                alasan_pemilihan: Untuk mengetahui budaya kerja\n"
    "                formulasi_perhitungan: Hasil survei budaya kerja\n                sumber_referensi: Analisis mandiri\n"
    "                penanggung_jawab: Sekretaris\n                sumber_data: Sekretariat\n"
    "          - nama: Meningkatnya Kualitas Pelayanan Perangkat Daerah\n",
)

SCENARIOS = {
    "formula-word": FORMULA_WORD,
    "added-indicator": ADDED_INDICATOR,
    "removed-legal-basis": _remove_pp8,
    "swapped-considerations": _swap_menimbang,
    "number-and-date": NUMBER_AND_DATE,
    "replaced-indicator": REPLACED_INDICATOR,
    "new-sasaran": NEW_SASARAN,
}


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("redline")
    shutil.copytree(CONTENT / "profiles", folder / "profiles")
    (folder / "old.yaml").write_text(SEED_TEXT, encoding="utf-8")
    old = load(folder / "old.yaml")
    out = {}
    for name, change in SCENARIOS.items():
        path = folder / f"{name}.yaml"
        path.write_text(change(SEED_TEXT), encoding="utf-8")
        new = load(path)
        redline, changes = render(old, new, "Bagian Hukum")
        out[name] = (old, new, redline, changes)
    return out


def _lines(docx: bytes) -> list[str]:
    return [line for line in docx_lines(docx) if line.strip()]


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_accept_all_is_new_and_reject_all_is_old(pairs: dict[str, tuple], scenario: str) -> None:  # type: ignore[type-arg]
    old, new, redline, _ = pairs[scenario]
    assert resolve(redline, accept=True) == _lines(build_docx(layout(new)))
    assert resolve(redline, accept=False) == _lines(build_docx(layout(old)))


def test_changed_word_is_one_deletion_and_one_insertion(pairs: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    _, _, redline, changes = pairs["formula-word"]
    assert count(redline) == 2
    [paragraph] = revision_paragraphs(redline)
    assert "dibagi totaljumlah CPNS/PPPK" in paragraph
    [change] = changes
    assert (change.part, change.field, change.kind) == ("LAMPIRAN II", "Formulasi Perhitungan", "diubah")
    assert change.where.startswith("IKI iki-3")


def test_added_indicator_is_one_inserted_row(pairs: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    _, _, redline, changes = pairs["added-indicator"]
    from .revisions import DEL, INS, W, document

    root = document(redline)
    inserted_rows = [tr for tr in root.iter(f"{W}tr") if tr.find(f"{W}trPr/{INS}") is not None]
    assert len(inserted_rows) == 1
    row = inserted_rows[0]
    revisions_in_row = [e for e in row.iter(INS, DEL)]
    everywhere = [e for e in root.iter(INS, DEL)]
    assert len(everywhere) == len(revisions_in_row)  # nothing changed outside the row
    assert "Persentase Jabatan Pelaksana yang Terisi" in "".join(t.text or "" for t in row.iter(f"{W}t"))
    assert [(c.kind, c.where.split(" (")[0]) for c in changes] == [("ditambahkan", "IKI iki-6c")]


def test_removed_legal_basis_is_one_deleted_paragraph_and_two_renumbered(pairs: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    _, _, redline, changes = pairs["removed-legal-basis"]
    paragraphs = revision_paragraphs(redline)
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("4.Peraturan Pemerintah Nomor 8 Tahun 2006")
    assert paragraphs[1].startswith("5.4.Peraturan Menteri Negara") and paragraphs[2].startswith(
        "6.5.Peraturan Daerah"
    )
    assert count(redline) == 1 + 2 + 2  # the deleted item; two renumbered items, each old out and new in
    assert [(c.part, c.where, c.kind) for c in changes] == [
        ("Mengingat", "4", "dihapus"),
        ("Mengingat", "", "bergeser"),
    ]
    assert summary_lines(changes)[1] == "Mengingat: butir 5-6 bergeser nomor (kini 4-5)"


def test_swapped_considerations_move_one_item(pairs: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    _, _, redline, changes = pairs["swapped-considerations"]
    from .revisions import W, document

    root = document(redline)
    moved_from = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}moveFrom") is not None]
    moved_to = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}moveTo") is not None]
    assert len(moved_from) == len(moved_to) == 1  # shown once where it was, once where it is
    [start] = root.iter(f"{W}moveFromRangeStart")
    assert [e.get(f"{W}name") for e in root.iter(f"{W}moveToRangeStart")] == [start.get(f"{W}name")]
    text = "".join(t.text or "" for t in moved_to[0].iter(f"{W}t"))
    assert text.startswith("Menimbang:a.Bahwa penyusunan")  # the label follows the item
    # reported as one move, and the other item's new letter as a renumbering, not a change of words
    assert [(c.part, c.where, c.kind) for c in changes] == [
        ("Menimbang", "a", "dipindahkan"),
        ("Menimbang", "", "bergeser"),
    ]
    assert summary_lines(changes)[0].startswith("Menimbang a: dipindah dari b ke a: 'Bahwa penyusunan")


def test_number_and_date_changes_where_they_are_printed(pairs: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    _, _, redline, changes = pairs["number-and-date"]
    paragraphs = revision_paragraphs(redline)
    assert paragraphs == [
        "NOMOR : 800/1199/Kpts/Ka/BKPSDM/2023800/1205/Kpts/Ka/BKPSDM/2023",
        "Pada tanggal: 22 September 202325 September 2023",  # a date is one word
        "NOMOR : 800/1199/Kpts/Ka/BKPSDM/2023800/1205/Kpts/Ka/BKPSDM/2023",
        "NOMOR : 800/1199/Kpts/Ka/BKPSDM/2023800/1205/Kpts/Ka/BKPSDM/2023",
    ]
    assert count(redline) == 8
    assert {c.part for c in changes} == {"Nomor", "Penetapan", "LAMPIRAN I", "LAMPIRAN II"}


def test_revisions_carry_author_and_date(pairs: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    from .revisions import INS, W, document

    element = next(document(pairs["formula-word"][2]).iter(INS))
    assert element.get(f"{W}author") == "Bagian Hukum"
    assert element.get(f"{W}date").endswith("Z") and element.get(f"{W}id")


def test_summary_lines_and_markdown(pairs: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    changes = pairs["formula-word"][3] + pairs["removed-legal-basis"][3]
    lines = summary_lines(changes)
    assert lines[0].startswith("LAMPIRAN II IKI iki-3 (Persentase Talenta/Calon Talenta")
    assert "Formulasi Perhitungan diubah: '… jalur CPNS/PPPK dibagi total CPNS/PPPK" in lines[0]
    assert lines[1].startswith("Mengingat 4: dihapus: 'Peraturan Pemerintah Nomor 8 Tahun 2006")
    text = markdown("a.yaml", "b.yaml", changes)
    assert "## LAMPIRAN II" in text and "## Mengingat" in text


def test_diff_command_writes_redline_and_summary(pairs: dict[str, tuple], tmp_path: Path) -> None:  # type: ignore[type-arg]
    old, new = pairs["formula-word"][0], pairs["formula-word"][1]
    target = tmp_path / "red.docx"
    result = CliRunner().invoke(
        main,
        ["diff", str(old.path), str(new.path), "-o", str(target), "--summary", "--summary-format", "html"],
        env={"LANG": "id_ID.UTF-8"},
    )
    assert result.exit_code == 0, result.stderr
    assert "Redline ditulis" in result.stdout and "Formulasi Perhitungan diubah" in result.stdout
    assert target.exists() and "<table>" in target.with_suffix(".html").read_text(encoding="utf-8")


def test_diff_against_a_git_revision(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(CONTENT / "profiles", tmp_path / "profiles")
    path = tmp_path / "k.yaml"
    path.write_text(SEED_TEXT, encoding="utf-8")
    git = ["git", "-c", "user.name=uji", "-c", "user.email=uji@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "awal"], cwd=tmp_path, check=True)
    path.write_text(FORMULA_WORD(SEED_TEXT), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["diff", str(path), "--rev", "HEAD", "-o", str(tmp_path / "r.docx"), "--summary"],
        env={"LANG": "id_ID.UTF-8"},
    )
    assert result.exit_code == 0, result.stderr
    assert "(1 perubahan)" in result.stdout
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".k.")]  # the temporary copy is gone


def test_text_command_for_yaml_and_docx(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["text", str(SEED)])
    assert result.exit_code == 0
    assert "KESATU : Penyesuaian Indikator Kinerja Utama (IKU)" in result.stdout
    docx = tmp_path / "s.docx"
    docx.write_bytes(build_docx(layout(load(SEED))))
    result = CliRunner().invoke(main, ["text", str(docx)])
    assert result.exit_code == 0 and "NOMOR : 800/1199/Kpts/Ka/BKPSDM/2023" in result.stdout


def test_libreoffice_shows_the_marked_changes(pairs: dict[str, tuple], tmp_path: Path) -> None:  # type: ignore[type-arg]
    from keputusan.convert import docx_to_pdf, find_soffice
    from keputusan.verify import pdf_text

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed (Debian: libreoffice-writer-nogui)")
    source = tmp_path / "red.docx"
    source.write_bytes(pairs["formula-word"][2])
    [pdf] = docx_to_pdf([source], tmp_path)
    text = " ".join(pdf_text(pdf.read_bytes()))
    assert "totaljumlah CPNS/PPPK" in text.replace("\n", " ")  # both the struck and the inserted word


def test_diff_of_a_file_outside_git_is_a_clear_message(tmp_path: Path) -> None:
    shutil.copytree(CONTENT / "profiles", tmp_path / "profiles")
    path = tmp_path / "k.yaml"
    path.write_text(SEED_TEXT, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["diff", str(path), "--rev", "HEAD"],
        env={"LANG": "id_ID.UTF-8", "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)},
    )
    assert result.exit_code == 1
    assert "Berkas tidak dapat dibaca dari git" in result.stderr and "Traceback" not in result.stderr


def test_an_author_with_quotes_and_control_characters_keeps_the_whole_redline(
    pairs: dict[str, tuple],
) -> None:  # type: ignore[type-arg]
    """A '"' in the author once ended the attribute early and docxtpl's recovering parser then
    dropped everything after the first change, silently."""
    old, new = pairs["formula-word"][0], pairs["formula-word"][1]
    data, _ = render(old, new, 'Bagian Hukum "Setda"\x01\u202e x" w:date="1999')
    from .revisions import INS, W, document

    element = next(document(data).iter(INS))
    assert element.get(f"{W}author") == 'Bagian Hukum "Setda" x" w:date="1999'
    assert not element.get(f"{W}date").startswith("1999")
    assert resolve(data, accept=True) == _lines(build_docx(layout(new)))


def test_diff_never_replaces_a_docx_it_did_not_make(pairs: dict[str, tuple], tmp_path: Path) -> None:  # type: ignore[type-arg]
    import docx

    old, new = pairs["formula-word"][0], pairs["formula-word"][1]
    notes = tmp_path / "catatan-hukum.docx"
    document = docx.Document()
    document.add_paragraph("Catatan hukum pribadi")
    document.save(str(notes))
    before = notes.read_bytes()
    args = ["diff", str(old.path), str(new.path), "-o", str(notes)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "catatan-hukum.docx" in result.output
    assert notes.read_bytes() == before
    ours = tmp_path / "redline.docx"
    assert CliRunner().invoke(main, args[:-1] + [str(ours)]).exit_code == 0
    assert CliRunner().invoke(main, args[:-1] + [str(ours)]).exit_code == 0  # an earlier redline: replaced


def test_markdown_summary_shows_content_literally() -> None:
    from keputusan.diff import Change

    change = Change("Diktum", "KEDUA", "diubah", old="lebih bersifat", new="lebih <!-- TIDAK --> *bersifat*")
    text = markdown("a.yaml", "b.yaml", [change])
    assert "&lt;!-- TIDAK --&gt; \\*bersifat\\*" in text and "<!--" not in text


def test_a_profile_change_is_named(tmp_path: Path) -> None:
    shutil.copytree(CONTENT / "profiles", tmp_path / "profiles")
    profile = next((tmp_path / "profiles").glob("*.yaml"))
    text = profile.read_text(encoding="utf-8")
    (tmp_path / "profiles" / "a4.yaml").write_text(text.replace("ukuran: F4", "ukuran: A4"), encoding="utf-8")
    (tmp_path / "old.yaml").write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(SEED_TEXT.replace(profile.name, "a4.yaml"), encoding="utf-8")
    _, changes = render(load(tmp_path / "old.yaml"), load(tmp_path / "new.yaml"), "x")
    assert any(c.part == "Profil" for c in changes), summary_lines(changes)
