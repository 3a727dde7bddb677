"""The keputusan command: exit codes, messages in the reader's language, no tracebacks."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from keputusan.cli import main
from keputusan.schema import schemas

from .conftest import CONTENT, MINIMAL, ROOT, SEED


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str, BaseException | None]:
    runner = CliRunner()
    result = runner.invoke(main, list(args), env=env or {"LANG": "id_ID.UTF-8"})
    return result.exit_code, result.stdout, result.stderr, result.exception


def test_check_seed_ok() -> None:
    code, out, err, _ = run("check", str(SEED))
    assert code == 0, err
    assert "sah (2 menimbang, 6 mengingat, 4 diktum, 2 lampiran, 15 indikator)" in out
    assert err == ""


def test_check_folder_checks_every_decree_in_it() -> None:
    code, out, _, _ = run("check", str(CONTENT))
    assert code == 0
    assert out.count(": sah") == len(list(CONTENT.glob("*.yaml")))


def test_check_bad_file_exit_1_with_located_indonesian_messages(content_dir: Path) -> None:
    bad = content_dir / "bad.yaml"
    bad.write_text(MINIMAL + "tanggal: 2023-02-30\ntembusn: [x]\n", encoding="utf-8")
    code, out, err, exc = run("check", str(bad))
    assert code == 1 and isinstance(exc, SystemExit)
    assert f"{bad}:9:10: galat: Tanggal '2023-02-30' tidak ada." in err
    assert f"{bad}:10:1: galat: Kunci 'tembusn' tidak dikenal. Mungkin maksud Anda 'tembusan'?" in err
    assert "2 galat dalam 1 berkas." in err
    assert "Traceback" not in err + out


def test_english_by_flag_and_by_lang(content_dir: Path) -> None:
    bad = content_dir / "bad.yaml"
    bad.write_text(MINIMAL + "tanggal: 2023-02-30\n", encoding="utf-8")
    for args, env in ((("--lang", "en"), {"LANG": "id_ID.UTF-8"}), ((), {"LANG": "en_US.UTF-8"})):
        code, _, err, _ = run(*args, "check", str(bad), env=env)
        assert code == 1
        assert "error: The date '2023-02-30' does not exist." in err


def test_one_bad_file_does_not_hide_the_good_ones(content_dir: Path) -> None:
    (content_dir / "good.yaml").write_text(MINIMAL, encoding="utf-8")
    (content_dir / "bad.yaml").write_text(MINIMAL + "xyz: 1\n", encoding="utf-8")
    code, out, err, _ = run("check", str(content_dir))
    assert code == 1
    assert "good.yaml: sah" in out
    assert "bad.yaml:9:1" in err


def test_missing_path_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    code, _, err, _ = run("check", str(tmp_path / "nope.yaml"))
    assert code == 1
    assert "Berkas atau folder tidak ada" in err
    assert "Traceback" not in err


def test_schema_command_writes_the_committed_schema(tmp_path: Path) -> None:
    code, out, _, _ = run("schema", "-o", str(tmp_path))
    assert code == 0
    for name, data in schemas().items():
        assert (tmp_path / name).read_bytes() == data
        assert str(tmp_path / name) in out


def test_help_lists_commands() -> None:
    code, out, _, _ = run("--help")
    assert code == 0
    assert "check" in out and "schema" in out


def test_build_writes_docx(tmp_path: Path) -> None:
    code, out, err, _ = run("build", str(SEED), "-o", str(tmp_path))
    assert code == 0, err
    target = tmp_path / "kpts-800-1199-2023-iku-iki.docx"
    assert f"Ditulis: {target}" in out
    assert target.read_bytes()[:2] == b"PK"


def test_build_folder_reports_bad_and_builds_good(content_dir: Path, tmp_path: Path) -> None:
    (content_dir / "good.yaml").write_text(MINIMAL, encoding="utf-8")
    (content_dir / "bad.yaml").write_text(MINIMAL + "tanggal: 2023-02-30\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    kept = out_dir / "bad.docx"
    kept.write_bytes(b"an earlier build")
    code, out, err, _ = run("build", str(content_dir), "-o", str(out_dir))
    assert code == 1
    assert (out_dir / "good.docx").exists()
    assert kept.read_bytes() == b"an earlier build"  # a failed build never touches the old file
    assert "bad.yaml:9:10" in err
    assert "1 keputusan dibangun, 1 bergalat." in err
    assert sorted(p.name for p in out_dir.iterdir()) == ["bad.docx", "good.docx", "good.pdf"]  # no temp files


def test_template_check_command(tmp_path: Path) -> None:
    code, out, _, _ = run("template", "check", str(ROOT / "templates" / "keputusan.docx"))
    assert code == 0 and "templat memuat semua tag" in out
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    code, _, err, exc = run("template", "check", str(broken))
    assert code == 1 and isinstance(exc, SystemExit)
    assert "tidak dapat dibaca sebagai berkas DOCX" in err


def test_build_many_in_parallel_same_bytes(tmp_path: Path) -> None:
    """Several processes build what one process builds, byte for byte; order of output is stable."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "profiles", content / "profiles")
    text = SEED.read_text(encoding="utf-8")
    for n in range(5):
        (content / f"k{n}.yaml").write_text(text.replace("800/1199/", f"800/{1300 + n}/"), encoding="utf-8")
    code, out, err, _ = run("build", str(content), "-o", str(tmp_path / "par"), "--jobs", "2")
    assert code == 0, err
    code, _, err, _ = run("build", str(content), "-o", str(tmp_path / "one"), "--jobs", "1")
    assert code == 0, err
    assert [line.split("/")[-1] for line in out.splitlines()] == [
        f"k{n}.{kind}" for n in range(5) for kind in ("docx", "pdf")
    ]
    for n in range(5):
        for kind in ("docx", "pdf"):
            assert (tmp_path / "par" / f"k{n}.{kind}").read_bytes() == (
                tmp_path / "one" / f"k{n}.{kind}"
            ).read_bytes()
    assert "5 keputusan dibangun, 0 bergalat." in err
