"""Batches that survive a broken decree, profiles confined to the content tree, long paragraphs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from keputusan import render_docx
from keputusan.cli import main
from keputusan.errors import ContentError
from keputusan.load import content_root, load

from .conftest import CONTENT, MINIMAL


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"LANG": "id_ID.UTF-8"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    shutil.copytree(CONTENT / "profiles", tmp_path / "content" / "profiles")
    return tmp_path


def _batch(project: Path) -> list[Path]:
    paths = []
    for name in ("a", "b", "rusak", "d", "e"):
        path = project / "content" / f"{name}.yaml"
        path.write_text(MINIMAL.replace("UJI COBA", f"UJI {name.upper()}"), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["serial", "parallel"])
def test_a_crashing_decree_is_reported_and_the_rest_are_built(
    project: Path, jobs: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An internal error in one decree (here injected into the DOCX renderer) stops only that one."""
    real = render_docx.render

    def crash_on_rusak(parts, *args, **kwargs):  # type: ignore[no-untyped-def]
        if parts.properties.title == "UJI RUSAK":
            raise IndexError("list index out of range")
        return real(parts, *args, **kwargs)

    monkeypatch.setattr(render_docx, "render", crash_on_rusak)  # inherited by forked workers
    _batch(project)
    out = project / "keluaran"
    code, stdout, stderr = run("build", str(project / "content"), "-o", str(out), "-j", jobs)
    assert code == 1
    assert "Traceback" not in stdout + stderr
    assert "rusak.yaml: galat: Keputusan ini tidak dapat dibangun karena galat internal (IndexError" in stderr
    assert sorted(p.name for p in out.iterdir()) == [
        f"{n}.{ext}" for n in ("a", "b", "d", "e") for ext in ("docx", "pdf")
    ]
    assert stderr.strip().splitlines()[-1] == "4 keputusan dibangun, 1 bergalat."


def test_same_file_twice_is_built_once(project: Path) -> None:
    path = project / "content" / "a.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    out = project / "keluaran"
    code, stdout, stderr = run(
        "build",
        str(path),
        str(project / "content"),
        str(project / "content" / ".." / "content" / "a.yaml"),
        "-o",
        str(out),
    )
    assert code == 0, stderr
    assert stdout.count("a.docx") == 1


def test_same_name_in_two_folders_refused_before_anything_is_built(project: Path) -> None:
    for folder in ("A", "B"):
        (project / "content" / folder).mkdir()
        text = MINIMAL.replace("profiles/", "../profiles/").replace("UJI COBA", f"UJI {folder}")
        (project / "content" / folder / "sama.yaml").write_text(text, encoding="utf-8")
    out = project / "keluaran"
    code, _, stderr = run(
        "build", str(project / "content/A/sama.yaml"), str(project / "content/B/sama.yaml"), "-o", str(out)
    )
    assert code == 1
    assert "A/sama.yaml dan " in stderr and "B/sama.yaml akan ditulis sebagai berkas yang sama" in stderr
    assert not out.exists()


def test_profile_shared_from_a_parent_folder_inside_the_project(project: Path) -> None:
    sub = project / "content" / "2024"
    sub.mkdir()
    path = sub / "sk.yaml"
    path.write_text(MINIMAL.replace("profiles/", "../profiles/"), encoding="utf-8")
    assert content_root(path) == project.resolve()
    assert load(path).profil.nama


def test_without_a_project_root_the_profile_must_be_beside_the_file(tmp_path: Path) -> None:
    shutil.copytree(CONTENT / "profiles", tmp_path / "profiles")
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "sk.yaml"
    path.write_text(MINIMAL.replace("profiles/", "../profiles/"), encoding="utf-8")
    assert content_root(path) == (tmp_path / "sub").resolve()
    with pytest.raises(ContentError) as caught:
        load(path)
    [problem] = caught.value.errors
    assert (problem.code, problem.line, problem.column) == ("profile_outside", 1, 9)


def test_a_profile_with_a_mistake_still_gets_located_messages(project: Path) -> None:
    """Only a file that is not a profile at all is hidden; a real profile's typo is shown."""
    profile = project / "content" / "profiles" / "bkpsdm-balangan.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("tempat:", "tempatt:"), encoding="utf-8")
    path = project / "content" / "a.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    code, _, stderr = run("check", str(path))
    assert code == 1
    assert "bkpsdm-balangan.yaml:" in stderr and "'tempatt'" in stderr


def test_a_diktum_longer_than_a_page_splits_across_pages(project: Path) -> None:
    words = " ".join(["pelaksanaan kegiatan dilakukan dengan sebaik-baiknya oleh seluruh pegawai"] * 250)
    text = MINIMAL.replace(
        "  - Keputusan ini mulai berlaku", f"  - Sasaran {words} AKHIR.\n  - Keputusan ini mulai berlaku"
    ).replace("  - bahwa perlu diuji", f"  - bahwa {words} UJUNG")
    path = project / "content" / "panjang.yaml"
    path.write_text(text, encoding="utf-8")
    out = project / "keluaran"
    code, _, stderr = run("build", str(path), "-o", str(out))
    assert code == 0, stderr
    reader = PdfReader(out / "panjang.pdf")
    text_all = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 8
    assert "UJUNG" in text_all and "AKHIR" in text_all and "KEDUA" in text_all
    assert text_all.count("sebaik-baiknya") == 500


def test_check_refuses_two_files_carrying_one_number(project: Path) -> None:
    """Two registers (a mistyped --register, a copied profile) can give one number twice; check
    is where an office sees it."""
    seed = (CONTENT / "kpts-800-1199-2023-iku-iki.yaml").read_text(encoding="utf-8")
    for name in ("asli.yaml", "salinan.yaml"):
        (project / "content" / name).write_text(seed, encoding="utf-8")
    (project / "content" / "lain.yaml").write_text(seed.replace("800/1199/", "800/1200/"), encoding="utf-8")
    code, stdout, stderr = run("check", str(project / "content"))
    assert code == 1
    assert (
        f"asli.yaml:13:8: galat: Nomor 800/1199/Kpts/Ka/BKPSDM/2023 juga dipakai oleh {project / 'content' / 'salinan.yaml'}"
        in stderr
    )
    assert (
        f"salinan.yaml:13:8: galat: Nomor 800/1199/Kpts/Ka/BKPSDM/2023 juga dipakai oleh {project / 'content' / 'asli.yaml'}"
        in stderr
    )
    assert "lain.yaml" not in stderr and "lain.yaml: sah" in stdout
    assert stderr.strip().splitlines()[-1] == "2 galat dalam 2 berkas."


def test_a_full_disk_leaves_the_old_docx_and_pdf_together(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The DOCX was renamed in before the PDF failed on a full disk: a new DOCX beside the old PDF."""
    import errno
    import os

    path = project / "content" / "a.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    out = project / "keluaran"
    out.mkdir()
    (out / "a.docx").write_bytes(b"lama docx")
    (out / "a.pdf").write_bytes(b"lama pdf")
    real, calls = os.fsync, []

    def second_fails(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", second_fails)
    code, _, stderr = run("build", str(path), "-o", str(out))
    assert code == 1 and "disk penuh" in stderr  # the system's reason, in the reader's words
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "a.pdf"]  # no temporary files left
    assert (out / "a.docx").read_bytes() == b"lama docx" and (out / "a.pdf").read_bytes() == b"lama pdf"
