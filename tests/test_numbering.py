"""Taking numbers for content files, and drafting revisions, from the command line."""

from __future__ import annotations

import difflib
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from keputusan.cli import main
from keputusan.load import load

from .conftest import CONTENT, SEED


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"LANG": "id_ID.UTF-8"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(CONTENT / "profiles", tmp_path / "profiles")
    (tmp_path / "pyproject.toml").write_text("")  # a project root: profiles may be shared by sub-folders
    text = SEED.read_text(encoding="utf-8")
    draft = text.replace("status: ditetapkan", "status: draf  # diisi saat penetapan")
    draft = draft.replace("nomor: 800/1199/Kpts/Ka/BKPSDM/2023\n", "").replace("tanggal: 2023-09-22\n", "")
    (tmp_path / "draf.yaml").write_text(draft, encoding="utf-8")
    (tmp_path / "final.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_take_changes_only_number_date_and_status(folder: Path) -> None:
    path = folder / "draf.yaml"
    before = path.read_text(encoding="utf-8")
    code, out, err = run("number", "take", str(path), "--date", "2023-09-22")
    assert code == 0, err
    assert "Nomor 800/1/Kpts/Ka/BKPSDM/2023 diambil" in out
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == (
        ["status: draf  # diisi saat penetapan"],
        [
            "status: ditetapkan  # diisi saat penetapan",
            "nomor: 800/1/Kpts/Ka/BKPSDM/2023",
            "tanggal: 2023-09-22",
        ],
    )
    decree = load(path)
    assert not decree.is_draft and decree.content.nomor == "800/1/Kpts/Ka/BKPSDM/2023"
    assert (folder / "nomor.sqlite").exists()  # the profile puts the register beside the content


def test_take_again_returns_the_same_number_and_changes_nothing(folder: Path) -> None:
    path = folder / "draf.yaml"
    run("number", "take", str(path), "--date", "2023-09-22")
    once = path.read_bytes()
    code, out, _ = run("number", "take", str(path), "--date", "2023-10-01")
    assert code == 0 and "sudah bernomor 800/1/Kpts/Ka/BKPSDM/2023" in out
    assert path.read_bytes() == once


def test_numbers_follow_one_another_across_files(folder: Path) -> None:
    second = folder / "kedua.yaml"
    shutil.copy(folder / "draf.yaml", second)
    run("number", "take", str(folder / "draf.yaml"), "--date", "2023-09-22")
    code, out, _ = run("number", "take", str(second), "--date", "2023-09-23", "--klasifikasi", "800.1.5")
    assert code == 0 and "800.1.5/2/Kpts/Ka/BKPSDM/2023" in out


def test_record_void_and_list(folder: Path) -> None:
    profile = str(folder / "profiles" / "bkpsdm-balangan.yaml")
    code, out, err = run(
        "number", "record", "800/1199/Kpts/Ka/BKPSDM/2023", "--note", "buku agenda", "--profile", profile
    )
    assert code == 0, err
    code, out, _ = run("number", "take", str(folder / "draf.yaml"), "--date", "2023-09-22")
    assert "800/1200/Kpts/Ka/BKPSDM/2023" in out  # after the recorded one
    code, _, err = run(
        "number", "record", "800/1199/Kpts/Ka/BKPSDM/2023", "--note", "lagi", "--profile", profile
    )
    assert code == 1 and "sudah ada di register" in err
    code, out, _ = run(
        "number", "void", "800/1200/Kpts/Ka/BKPSDM/2023", "--reason", "salah tanggal", "--profile", profile
    )
    assert code == 0 and "dibatalkan" in out
    code, out, err = run("number", "list", "--year", "2023", "--profile", profile)
    assert code == 0
    lines = out.splitlines()
    assert (
        lines[0].startswith("800/1199/Kpts/Ka/BKPSDM/2023")
        and "dicatat" in lines[0]
        and "buku agenda" in lines[0]
    )
    assert (
        lines[1].startswith("800/1200/Kpts/Ka/BKPSDM/2023")
        and "batal" in lines[1]
        and "salah tanggal" in lines[1]
    )
    assert "2 nomor." in err
    code, _, err = run("number", "record", "800/9/SK/2023", "--note", "x", "--profile", profile)
    assert code == 1 and "tidak mengikuti pola" in err


def test_decree_numbered_outside_the_register_is_refused(folder: Path) -> None:
    code, _, err = run("number", "take", str(folder / "final.yaml"))
    assert code == 1 and "register tidak mengenalnya" in err


def test_revise_makes_a_linked_draft(folder: Path) -> None:
    new = folder / "revisi.yaml"
    code, out, err = run("revise", str(folder / "final.yaml"), "-o", str(new))
    assert code == 0, err
    decree = load(new)
    assert decree.is_draft and decree.content.nomor is None and decree.content.tanggal is None
    assert decree.content.menggantikan == "800/1199/Kpts/Ka/BKPSDM/2023"
    assert len(decree.content.diktum) == 4
    removed, added = changed_lines((folder / "final.yaml").read_text(), new.read_text())
    assert removed == ["status: ditetapkan", "nomor: 800/1199/Kpts/Ka/BKPSDM/2023", "tanggal: 2023-09-22"]
    assert added == ["status: draf", "menggantikan: 800/1199/Kpts/Ka/BKPSDM/2023"]


def test_revise_with_revoke_inserts_the_revoking_diktum(folder: Path) -> None:
    new = folder / "sub" / "revisi.yaml"
    code, _, err = run("revise", str(folder / "final.yaml"), "-o", str(new), "--revoke")
    assert code == 0, err
    decree = load(new)
    texts = [d.teks.plain() for d in decree.content.diktum]
    assert len(texts) == 5 and texts[-1] == "Keputusan ini mulai berlaku pada tanggal ditetapkan."
    assert texts[3] == (
        "Dengan ditetapkannya Keputusan ini, Keputusan Kepala Badan Kepegawaian dan Pengembangan Sumber Daya "
        "Manusia Kabupaten Balangan Nomor 800/1199/Kpts/Ka/BKPSDM/2023 tentang Penyesuaian Indikator Kinerja "
        "Utama (IKU) dan Indikator Kinerja Individu (IKI) Badan Kepegawaian dan Pengembangan Sumber Daya Manusia "
        "Kabupaten Balangan Tahun 2021-2026 dicabut dan dinyatakan tidak berlaku."
    )
    assert [d.marker for d in decree.diktum()][3] == "KEEMPAT"
    assert decree.profil_path.resolve() == (folder / "profiles" / "bkpsdm-balangan.yaml").resolve()


def test_revise_never_overwrites_and_needs_a_signed_decree(folder: Path) -> None:
    existing = folder / "ada.yaml"
    existing.write_text("isi pengguna", encoding="utf-8")
    code, _, err = run("revise", str(folder / "final.yaml"), "-o", str(existing))
    assert code == 1 and "sudah ada" in err
    assert existing.read_text(encoding="utf-8") == "isi pengguna"
    code, _, err = run("revise", str(folder / "draf.yaml"), "-o", str(folder / "x.yaml"))
    assert code == 1 and "masih draf" in err


def _has_watermark(docx: Path) -> bool:
    with zipfile.ZipFile(docx) as package:
        return any(
            b"KeputusanDraft" in package.read(n) for n in package.namelist() if n.startswith("word/header")
        )


def test_draft_builds_with_watermark_and_the_taken_decree_without(folder: Path, tmp_path: Path) -> None:
    path = folder / "draf.yaml"
    code, _, err = run("build", str(path), "-o", str(tmp_path / "draft"), "-f", "docx")
    assert code == 0, err
    assert _has_watermark(tmp_path / "draft" / "draf.docx")
    run("number", "take", str(path), "--date", "2023-09-22")
    code, _, err = run("build", str(path), "-o", str(tmp_path / "final"), "-f", "docx")
    assert code == 0, err
    assert not _has_watermark(tmp_path / "final" / "draf.docx")


def test_a_year_can_start_at_a_configured_number(folder: Path) -> None:
    profile = folder / "profiles" / "bkpsdm-balangan.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(
        text.replace('  klasifikasi: "800"', '  klasifikasi: "800"\n  mulai: {2024: 100}'), encoding="utf-8"
    )
    second = folder / "kedua.yaml"
    shutil.copy(folder / "draf.yaml", second)
    code, out, err = run("number", "take", str(folder / "draf.yaml"), "--date", "2024-01-02")
    assert code == 0, err
    assert "800/100/Kpts/Ka/BKPSDM/2024" in out
    code, out, _ = run("number", "take", str(second), "--date", "2025-01-02")
    assert "800/1/Kpts/Ka/BKPSDM/2025" in out  # years without a configured start begin at 1
