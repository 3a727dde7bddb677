"""Taking numbers for content files, and drafting revisions, from the command line.

The tests of the register's issues (10: one number per decree, a tamper-evident
register, masked passwords, messages instead of tracebacks) run on SQLite and
on PostgreSQL, each PostgreSQL test in a schema of its own.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from keputusan.cli import main
from keputusan.load import content_files, load
from keputusan.register import Register, safe_url

from .conftest import CONTENT, MINIMAL, SEED
from .test_register import (
    POSTGRES,
    POSTGRES_APP,
    POSTGRES_OWNER,
    _make_earlier_register,
    bypass,
    in_schema,
    postgres_schema,
    raw,
    skip_without_postgres,
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"LANG": "id_ID.UTF-8"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def run_en(*args: str) -> tuple[int, str, str]:
    """In English: the words of the register's newer messages do not depend on a translation."""
    return run("--lang", "en", *args)


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
    args = ["number", "record", "800/1199/Kpts/Ka/BKPSDM/2023", "--note", "buku agenda", "--profile", profile]
    code, out, err = run(*args)  # far ahead of number 1: a typo would push every later number
    assert code == 1 and "--far-ahead" in err
    code, out, err = run(*args, "--far-ahead")
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
    assert err.startswith(f"{folder / 'final.yaml'} bernomor 800/1199/Kpts/Ka/BKPSDM/2023")  # finding 14


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


# =========================================================================== issue 10: the register


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where the register lives: "" for the profile's SQLite file, else a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield ""
        return
    skip_without_postgres()
    with postgres_schema(POSTGRES) as schema:
        yield in_schema(POSTGRES, schema)


def register_of(folder: Path, backend: str) -> str:
    return backend or str(folder / "nomor.sqlite")


def reg_args(folder: Path, backend: str) -> list[str]:
    return ["--register", register_of(folder, backend)]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes (but SQLite's own -wal and -shm files, which come
    and go with connections)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    }


def numbered(path: Path) -> str:
    nomor = load(path).content.nomor
    assert nomor is not None
    return nomor


def cli_process(*args: str, env: dict[str, str] | None = None, restricted: bool = False) -> list[str]:
    """The command line of ``keputusan ARGS`` in a process of its own; ``restricted`` drops every
    capability, so that even root obeys file permissions (as an office clerk does)."""
    command = [sys.executable, "-c", "from keputusan.cli import main; main()", "--lang", "en", *args]
    if restricted and hasattr(os, "geteuid") and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot test read-only files")
        command = ["setpriv", "--bounding-set=-all", "--inh-caps=-all", "--", *command]
    return command


def run_process(*args: str, restricted: bool = False) -> tuple[int, str, str]:
    done = subprocess.run(
        cli_process(*args, restricted=restricted), capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done.returncode, done.stdout, done.stderr


DRAFT_EMPTY_NUMBER = MINIMAL.replace("tentang:", "status: draf\nnomor:\ntanggal:\ntentang:")
DRAFT_FLOW = (
    "{profil: profiles/bkpsdm-balangan.yaml, status: draf, tentang: UJI COBA,\n"
    " menimbang: [bahwa perlu diuji],  # satu saja\n"
    " mengingat: [Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah],\n"
    " diktum: [Keputusan ini mulai berlaku pada tanggal ditetapkan.]}\n"
)


# --------------------------------------------------------------------------- point 1: one register, one number


def test_a_register_path_is_read_from_where_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    """`number take content/b.yaml --register content/nomor.sqlite`, run from the project root,
    used content/profiles/content/nomor.sqlite and handed out 800/1 a second time."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "profiles", content / "profiles")
    if backend:  # the profile names the PostgreSQL register; --register names the same one
        profile = content / "profiles" / "bkpsdm-balangan.yaml"
        text = profile.read_text(encoding="utf-8").replace(
            "register: ../nomor.sqlite", f'register: "{backend}"'
        )
        profile.write_text(text, encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):
        (content / name).write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_en("number", "take", "content/a.yaml", "--date", "2023-09-22")
    assert code == 0, err
    assert "800/1/Kpts/Ka/BKPSDM/2023" in out and "A new register was created" in err
    given = backend or "content/nomor.sqlite"  # relative to the current folder
    code, out, err = run_en("number", "take", "content/b.yaml", "--date", "2023-09-22", "--register", given)
    assert code == 0, err
    assert "800/2/Kpts/Ka/BKPSDM/2023" in out and "new register" not in err
    assert not (content / "profiles" / "content").exists()
    assert [numbered(content / "a.yaml"), numbered(content / "b.yaml")] == [
        "800/1/Kpts/Ka/BKPSDM/2023",
        "800/2/Kpts/Ka/BKPSDM/2023",
    ]


@pytest.mark.parametrize("command", ["list", "void", "verify", "take-final"])
def test_only_take_and_record_create_a_register(folder: Path, backend: str, command: str) -> None:
    """`number list --register <typo>` created an empty register and printed 0 numbers."""
    profile = str(folder / "profiles" / "bkpsdm-balangan.yaml")
    where = backend or str(folder / "typo.sqlite")
    args = {
        "list": ["number", "list", "--profile", profile],
        "void": ["number", "void", "800/1/Kpts/Ka/BKPSDM/2023", "--reason", "x", "--profile", profile],
        "verify": ["number", "verify"],
        "take-final": ["number", "take", str(folder / "final.yaml")],
    }[command]
    before = snapshot(folder)
    code, out, err = run_en(*args, "--register", where)
    assert code == 1
    if command == "take-final":  # a signed decree: its number cannot be in a register that does not exist
        assert "the register does not know it" in err
    else:
        assert f"There is no register at {safe_url(where)}." in err
        assert (
            "Only 'keputusan number take' and 'keputusan number record' (for the profile's own register)"
            in err
        )
    code, _, err = run_en(
        "number", "record", "800/7/SK/2023", "--note", "x", "--profile", profile, "--register", where
    )
    assert (
        code == 1 and "does not follow the agency's pattern" in err
    )  # a mistyped number creates none either
    assert snapshot(folder) == before
    if backend:
        with raw(backend) as conn:
            assert conn.execute("SELECT to_regclass('nomor')").fetchone() == (None,)
    record = ["number", "record", "800/7/Kpts/Ka/BKPSDM/2023", "--note", "buku agenda", "--profile", profile]
    if not backend:
        # a --register file that does not exist is not the profile's register: a typo, not created
        code, _, err = run_en(*record, "--register", where)
        assert code == 1 and "a mistyped --register would start a second register" in err
        assert snapshot(folder) == before
        code, _, err = run_en("number", "setup", "--register", where)
        assert code == 0, err
    code, out, err = run_en(*record, "--register", where)
    assert code == 0 and ("A new register was created" in err) == bool(backend)
    code, out, err = run_en("number", "list", "--profile", profile, "--register", where)
    assert code == 0 and out.startswith("800/7/Kpts/Ka/BKPSDM/2023") and "new register" not in err


def test_take_with_a_mistyped_register_takes_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new user's `--register nomor.sqlite` from the project root (the real one is
    content/nomor.sqlite) started a second register and gave 800/1 a second time."""
    (folder / "lain.yaml").write_text((folder / "draf.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run_en("number", "take", str(folder / "draf.yaml"), "--date", "2023-09-22")
    assert code == 0, err
    monkeypatch.chdir(folder)
    before = snapshot(folder)
    code, _, err = run_en("number", "take", "lain.yaml", "--date", "2023-09-22", "--register", "nomr.sqlite")
    assert code == 1 and f"There is no register at {folder.resolve() / 'nomr.sqlite'}" in err
    assert "the profile's own register" in err and "number setup --register" in err
    assert snapshot(folder) == before


def test_register_commands_find_the_profile_from_the_project_root_and_from_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From content/, `number list` said 'Found 0 profiles in content/profiles/'."""
    (tmp_path / "pyproject.toml").write_text("")
    shutil.copytree(CONTENT / "profiles", tmp_path / "content" / "profiles")
    draft = tmp_path / "content" / "draf.yaml"
    draft.write_text(MINIMAL.replace("tentang: UJI COBA", "tentang: UJI"), encoding="utf-8")
    for cwd in (tmp_path, tmp_path / "content", tmp_path / "content" / "profiles"):
        monkeypatch.chdir(cwd)
        code, _, err = run_en(
            "number", "record", f"800/{len(str(cwd))}/Kpts/Ka/BKPSDM/2023", "--note", "x", "--far-ahead"
        )
        assert code == 0, err
        code, out, err = run_en("number", "list")
        assert code == 0 and "800/" in out, err
    assert (tmp_path / "content" / "nomor.sqlite").is_file()  # one register, the profile's


# --------------------------------------------------------------------------- point 2: a number taken is written


@pytest.mark.parametrize("shape", ["empty-nomor", "flow", "crlf", "bom", "comments", "cr"])
def test_take_writes_the_number_into_any_well_formed_draft(folder: Path, backend: str, shape: str) -> None:
    """An empty `nomor:` line became `nomor:800/3/...` (invalid YAML); a flow-style file was left
    unchanged with its number consumed; a CRLF file came back LF; a CR-only file came back with
    mixed line ends (finding 14)."""
    draft = (folder / "draf.yaml").read_text(encoding="utf-8")
    data = {
        "empty-nomor": DRAFT_EMPTY_NUMBER.encode(),
        "flow": DRAFT_FLOW.encode(),
        "crlf": draft.replace("\n", "\r\n").encode(),
        "cr": draft.replace("\n", "\r").encode(),
        "bom": b"\xef\xbb\xbf" + draft.encode(),
        "comments": ("# catatan: nomor diisi saat penetapan\n" + draft).encode(),
    }[shape]
    path = folder / "x.yaml"
    path.write_bytes(data)
    assert load(path).is_draft  # `check` accepts each of them
    names = set(snapshot(folder))
    code, out, err = run_en("number", "take", str(path), "--date", "2023-09-22", *reg_args(folder, backend))
    assert code == 0, err
    assert "800/1/Kpts/Ka/BKPSDM/2023" in out
    decree = load(path)
    assert not decree.is_draft and decree.content.nomor == "800/1/Kpts/Ka/BKPSDM/2023"
    assert str(decree.content.tanggal) == "2023-09-22"
    after = path.read_bytes()
    if shape == "crlf":
        assert after.count(b"\n") == after.count(b"\r\n") == data.count(b"\r\n") + 2
    if shape == "cr":
        assert b"\n" not in after and after.count(b"\r") == data.count(b"\r") + 2
    if shape == "bom":
        assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\xef\xbb\xbf") == 1
    if shape == "comments":
        assert after.startswith(b"# catatan: nomor diisi saat penetapan\n")
        assert b"status: ditetapkan  # diisi saat penetapan" in after
    if shape == "flow":
        assert b"# satu saja" in after and after.lstrip().startswith(b"{")
    if shape == "empty-nomor":
        assert b"\nnomor: 800/1/Kpts/Ka/BKPSDM/2023\n" in after and b"\ntanggal: 2023-09-22\n" in after
    new_files = set(snapshot(folder)) - names
    assert new_files <= {"nomor.sqlite"}  # and no temporary file left


def test_a_refused_classification_consumes_no_number(folder: Path, backend: str) -> None:
    """`--klasifikasi 800.1.5a` consumed a number and left the file unchanged."""
    path = folder / "draf.yaml"
    before = path.read_bytes()
    args = ["number", "take", str(path), "--date", "2023-09-22", *reg_args(folder, backend)]
    code, _, err = run_en(*args, "--klasifikasi", "800.1.5a")
    assert code == 1 and "'800.1.5a' does not fit" in err and "No number was taken" in err
    assert path.read_bytes() == before
    code, out, err = run_en(*args, "--klasifikasi", "800.1.5")
    assert code == 0 and "800.1.5/1/Kpts/Ka/BKPSDM/2023" in out  # number 1: nothing was used up


def test_an_edit_that_would_not_pass_check_takes_no_number(
    folder: Path, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edited file is loaded and checked, with its number, before the register commits."""
    import keputusan.numbering

    real = keputusan.numbering.set_keys

    def impossible_date(text: str, path: Path, updates: dict[str, str], after: tuple[str, ...]) -> str:
        return real(text, path, {**updates, "tanggal": "2023-02-30"}, after)

    path = folder / "draf.yaml"
    before = snapshot(folder)
    args = ["number", "take", str(path), "--date", "2023-09-22", *reg_args(folder, backend)]
    with monkeypatch.context() as patch:
        patch.setattr(keputusan.numbering, "set_keys", impossible_date)
        code, _, err = run_en(*args)
    assert code == 1 and f"{path}:" in err and "2023-02-30" in err
    assert {k: v for k, v in snapshot(folder).items() if k != "nomor.sqlite"} == before
    code, out, err = run_en(*args)
    assert code == 0 and "800/1/Kpts/Ka/BKPSDM/2023" in out, err


def test_a_failed_rename_is_repaired_by_taking_again(
    folder: Path, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register commits, then the file cannot be renamed in: the next take writes the same number."""
    import keputusan.numbering

    def refuse(source: Path, target: Path) -> None:
        raise PermissionError(13, "Permission denied")

    path = folder / "draf.yaml"
    before = path.read_bytes()
    names = set(snapshot(folder))
    args = ["number", "take", str(path), "--date", "2023-09-22", *reg_args(folder, backend)]
    with monkeypatch.context() as patch:
        patch.setattr(keputusan.numbering, "_rename", refuse)
        code, _, err = run_en(*args)
    assert code == 1
    assert "Number 800/1/Kpts/Ka/BKPSDM/2023 is registered for" in err and "Permission denied" in err
    assert "it writes this same number" in err
    assert path.read_bytes() == before
    assert set(snapshot(folder)) - names <= {"nomor.sqlite"}
    code, out, err = run_en(*args[:3], "--date", "2023-10-01", *args[5:])
    assert code == 0, err
    assert "did not carry its number yet: 800/1/Kpts/Ka/BKPSDM/2023 (date 2023-09-22)" in out
    assert numbered(path) == "800/1/Kpts/Ka/BKPSDM/2023"
    with Register(register_of(folder, backend)) as reg:
        assert len(reg.entries(load(path).profil.nama)) == 1 and reg.verify().findings == []


def test_a_take_killed_midway_leaves_nothing_a_build_would_pick_up(folder: Path, backend: str) -> None:
    """A SIGKILL during take left a stray tmpXXXX.yaml holding a number, which `build .` built."""
    path = folder / "draf.yaml"
    before = snapshot(folder)
    marker = folder.parent / "in-take"
    env = {**os.environ, "KEPUTUSAN_TEST_PAUSE_IN_TAKE": str(marker)}
    args = ["number", "take", str(path), "--date", "2023-09-22", *reg_args(folder, backend)]
    child = subprocess.Popen(cli_process(*args), env=env)
    deadline = time.time() + 60
    while not marker.exists() and time.time() < deadline:
        time.sleep(0.02)
    assert marker.exists(), "the taker never reached the middle of its take"
    # finding 9: the edited decree is checked in memory; no file holds it before the commit
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".keputusan-tmp")]
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    files, _ = content_files([folder])
    assert sorted(p.name for p in files) == ["draf.yaml", "final.yaml"]
    assert sorted(p.name for p in folder.glob("*.y*ml")) == ["draf.yaml", "final.yaml"]
    assert {k: v for k, v in snapshot(folder).items() if k in before} == before
    code, out, err = run_en(*args)
    assert code == 0 and "800/1/Kpts/Ka/BKPSDM/2023" in out, err


def test_sixteen_concurrent_takes_give_consecutive_numbers_and_a_chain_that_verifies(
    folder: Path, backend: str
) -> None:
    paths = [folder / f"d{n:02}.yaml" for n in range(16)]
    for path in paths:
        path.write_text(MINIMAL, encoding="utf-8")
    args = ["--date", "2023-09-22", *reg_args(folder, backend)]
    Register(register_of(folder, backend), create=True).close()
    children = [
        subprocess.Popen(cli_process("number", "take", str(p), *args), stderr=subprocess.PIPE) for p in paths
    ]
    errors = [child.communicate(timeout=300)[1] for child in children]
    assert [child.returncode for child in children] == [0] * 16, errors
    assert sorted(numbered(p) for p in paths) == sorted(f"800/{n}/Kpts/Ka/BKPSDM/2023" for n in range(1, 17))
    code, out, err = run_en("number", "verify", *reg_args(folder, backend))
    assert code == 0, err
    assert "Register intact: 16 audit entries chained, 16 number(s) match their last entry" in out


# --------------------------------------------------------------------------- point 3: a tamper-evident register


def test_verify_reports_a_number_changed_by_hand_and_a_missing_trigger(folder: Path, backend: str) -> None:
    """`UPDATE nomor SET urut=999` was allowed and unaudited; a dropped trigger went unnoticed."""
    register = register_of(folder, backend)
    for name in ("a.yaml", "b.yaml"):
        (folder / name).write_text(MINIMAL, encoding="utf-8")
        assert (
            run_en("number", "take", str(folder / name), "--date", "2023-09-22", *reg_args(folder, backend))[
                0
            ]
            == 0
        )
    code, out, _ = run_en("number", "verify", "--register", register)
    assert code == 0 and "Register intact: 2 audit entries chained, 2 number(s)" in out
    bypass(register, "nomor", "nomor_only_void", "UPDATE nomor SET urut = 999 WHERE urut = 2")
    code, out, err = run_en("number", "verify", "--register", register)
    assert code == 1 and "finding" in err
    assert "Number 800/2/Kpts/Ka/BKPSDM/2023 (" in err and "differs from its last audit entry (2)" in err
    with raw(register) as conn:
        if backend:
            conn.execute("DROP TRIGGER nomor_never_deleted ON nomor")
        else:
            conn.execute("DROP TRIGGER nomor_never_deleted")
    code, _, err = run_en("number", "verify", "--register", register)
    assert code == 1 and "The protective trigger nomor_never_deleted on the table nomor is missing." in err
    before = snapshot(folder)
    code, _, err = run_en("number", "take", str(folder / "draf.yaml"), *reg_args(folder, backend))
    assert code == 1 and "lacks its protection, so nothing was written" in err
    assert "nomor_never_deleted" in err
    assert snapshot(folder) == before
    code, out, err = run_en(
        "number",
        "list",
        "--profile",
        str(folder / "profiles" / "bkpsdm-balangan.yaml"),
        "--register",
        register,
    )
    assert code == 0 and "Warning: the register" in err and len(out.splitlines()) == 2


def test_an_earlier_register_is_upgraded_and_says_so(folder: Path, backend: str) -> None:
    register = register_of(folder, backend)
    _make_earlier_register(
        register, "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan"
    )
    code, _, err = run_en("number", "verify", "--register", register)
    assert code == 1 and "made by an earlier version and has no hash chain yet" in err
    assert "changed outside the tool, or damaged" not in err  # an earlier version's register is no damage
    take = ["number", "take", str(folder / "draf.yaml"), "--date", "2023-09-22", *reg_args(folder, backend)]
    before = snapshot(folder)
    code, out, err = run_en(*take)
    assert code == 1 and "so nothing was written" in err and "'keputusan number setup'" in err
    assert snapshot(folder) == before
    code, out, err = run_en("number", "setup", "--register", register)
    assert code == 0, err
    assert "upgraded to the hash chain: 3 earlier audit entries were chained" in err
    code, out, err = run_en(*take)
    assert code == 0, err
    assert "800/3/Kpts/Ka/BKPSDM/2023" in out
    code, out, _ = run_en("number", "verify", "--register", register)
    assert code == 0 and "Register intact: 5 audit entries chained, 3 number(s)" in out


def test_an_office_postgresql_setup_keeps_the_triggers_out_of_the_applications_reach(folder: Path) -> None:
    """The README's office setup: the owner runs `number setup --grant`; the application's role
    takes numbers but cannot disable a trigger; a trigger the owner disables is found by verify,
    and every register command then refuses to write."""
    skip_without_postgres(POSTGRES_OWNER)
    skip_without_postgres(POSTGRES_APP)
    with postgres_schema(POSTGRES_OWNER) as schema:
        owner, app = in_schema(POSTGRES_OWNER, schema), in_schema(POSTGRES_APP, schema)
        with raw(app) as conn:
            role = conn.execute("SELECT current_user").fetchone()[0]
        code, out, err = run_en("number", "setup", "--register", owner, "--grant", role)
        assert code == 0, err
        assert "A new register was created" in err and f"The role {role} may now" in out
        assert "Register ready" in out and "keputusan_owner:***@" in out
        draft, second = folder / "draf.yaml", folder / "kedua.yaml"
        shutil.copy(draft, second)
        code, out, err = run_en("number", "take", str(draft), "--date", "2023-09-22", "--register", app)
        assert code == 0 and "800/1/Kpts/Ka/BKPSDM/2023" in out, err
        with raw(app) as conn, pytest.raises(Exception, match="must be owner"):
            conn.execute("ALTER TABLE nomor DISABLE TRIGGER nomor_only_void")
        with raw(owner) as conn:
            conn.execute("ALTER TABLE nomor DISABLE TRIGGER nomor_only_void")
        code, _, err = run_en("number", "verify", "--register", app)
        assert code == 1 and "The protective trigger nomor_only_void on the table nomor is disabled." in err
        profile = str(folder / "profiles" / "bkpsdm-balangan.yaml")
        before = snapshot(folder)
        for args in (
            ["number", "take", str(second), "--register", app],
            [
                "number",
                "record",
                "800/9/Kpts/Ka/BKPSDM/2023",
                "--note",
                "x",
                "--profile",
                profile,
                "--register",
                app,
            ],
            [
                "number",
                "void",
                "800/1/Kpts/Ka/BKPSDM/2023",
                "--reason",
                "x",
                "--profile",
                profile,
                "--register",
                app,
            ],
        ):
            code, _, err = run_en(*args)
            assert code == 1 and "lacks its protection, so nothing was written" in err, args
        assert snapshot(folder) == before
        with Register(owner) as reg:
            assert len(reg.audit()) == 1
        code, out, err = run_en("number", "setup", "--register", owner)
        assert code == 0 and "Protective triggers restored: nomor_only_void" in out, err
        code, out, err = run_en("number", "verify", "--register", app)
        assert code == 0 and "Register intact: 2 audit entries" in out, err


# --------------------------------------------------------------------------- point 5: passwords are never shown


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://keputusan:ra%zzhasia@127.0.0.1:5432/keputusan_test",
        "postgresql://keputusan@127.0.0.1:1/keputusan_test?password=rahasia&connect_timeout=2",
    ],
)
def test_a_bad_postgresql_url_shows_no_password(folder: Path, url: str) -> None:
    profile = str(folder / "profiles" / "bkpsdm-balangan.yaml")
    for args in (["number", "list", "--profile", profile], ["number", "take", str(folder / "draf.yaml")]):
        code, out, err = run_en(*args, "--register", url)
        assert code == 1 and f"register {safe_url(url)}" in err.replace("address ", "")
        assert "Check the server" in err or "Write it as postgresql://user@server/database" in err
        assert "rahasia" not in out + err and "***" in err


# --------------------------------------------------------------------------- point 6: messages, not tracebacks


def _register_with_numbers(folder: Path, count: int) -> Path:
    """A register holding ``count`` numbers, its WAL written back into the file."""
    path = folder / "nomor.sqlite"
    with Register(str(path), create=True) as reg:
        for n in range(count):
            reg.take("X", 2023, "{urut}/{tahun}", "", f"k{n}", f"k{n}.yaml", "2023-09-22", "uji@pc")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def test_a_register_damaged_mid_file_is_reported_and_left_alone(folder: Path) -> None:
    register = _register_with_numbers(folder, 60)
    data = bytearray(register.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096
    data[middle : middle + 4096] = b"\xa5" * 4096
    register.write_bytes(bytes(data))
    before = snapshot(folder)
    profile = str(folder / "profiles" / "bkpsdm-balangan.yaml")
    for args in (
        ["number", "take", str(folder / "draf.yaml"), "--date", "2023-09-22"],
        ["number", "record", "800/900/Kpts/Ka/BKPSDM/2023", "--note", "x", "--profile", profile],
        ["number", "verify", "--profile", profile],
    ):
        code, _, err = run_process(*args)
        assert code == 1 and f"The register {register} is damaged" in err and "restore it" in err, err
    assert snapshot(folder) == before


def test_verify_reports_damage_its_own_queries_would_not_meet(folder: Path) -> None:
    """3 KB overwritten in the middle of a small register: take refused it, but verify walked
    the rows it could still read and said 'Register intact'."""
    register = _register_with_numbers(folder, 3)
    data = bytearray(register.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 3000] = bytes(range(256)) * 11 + bytes(184)
    register.write_bytes(bytes(data))
    code, _, err = run_process("number", "verify", "--register", str(register))
    assert code == 1 and f"The register {register} is damaged" in err, err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file permissions")
def test_a_read_only_register_is_reported_and_left_alone(folder: Path) -> None:
    register = _register_with_numbers(folder, 3)
    register.chmod(0o444)
    before = snapshot(folder)
    code, _, err = run_process(
        "number", "take", str(folder / "draf.yaml"), "--date", "2023-09-22", restricted=True
    )
    assert code == 1 and f"The register {register} cannot be written" in err and "write permission" in err
    assert snapshot(folder) == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file permissions")
def test_take_in_a_read_only_folder_is_reported_and_changes_nothing(folder: Path) -> None:
    _register_with_numbers(folder, 3)
    before = snapshot(folder)
    folder.chmod(0o555)
    try:
        code, _, err = run_process(
            "number", "take", str(folder / "draf.yaml"), "--date", "2023-09-22", restricted=True
        )
    finally:
        folder.chmod(0o755)
    assert code == 1 and f"Cannot write in the folder {folder}" in err and "write permission" in err
    assert snapshot(folder) == before


def test_a_folder_given_as_the_register_is_reported(folder: Path) -> None:
    before = snapshot(folder)
    code, _, err = run_en("number", "take", str(folder / "draf.yaml"), "--register", str(folder / "profiles"))
    assert code == 1 and f"{folder / 'profiles'} is a folder, not a register" in err
    assert snapshot(folder) == before


# =========================================================================== the outside attack on the register


def _take(path: Path, backend: str, folder: Path, date: str = "2023-09-22") -> tuple[int, str, str]:
    return run_en("number", "take", str(path), "--date", date, *reg_args(folder, backend))


def test_a_new_draft_under_a_numbered_files_name_is_a_new_decree(folder: Path, backend: str) -> None:
    """Finding 1: the register keyed a decree by its path, so a revision saved under the name of
    the decree it revokes got the revoked decree's number (and revoked itself)."""
    (folder / "lama").mkdir()
    sk = folder / "sk.yaml"
    shutil.copy(folder / "draf.yaml", sk)
    code, out, err = _take(sk, backend, folder, "2024-03-01")
    assert code == 0 and "800/1/Kpts/Ka/BKPSDM/2024" in out, err
    old = folder / "lama" / "sk.yaml"
    old.write_text(sk.read_text(encoding="utf-8").replace("profil: profiles/", "profil: ../profiles/"))
    sk.unlink()
    code, _, err = run_en("revise", str(old), "-o", str(sk), "--revoke")
    assert code == 0, err
    code, out, err = _take(sk, backend, folder, "2024-09-01")
    assert code == 0 and "Number 800/2/Kpts/Ka/BKPSDM/2024 taken" in out and "(date 2024-09-01)" in out, err
    decree = load(sk)
    assert (decree.content.nomor, decree.content.menggantikan) == (
        "800/2/Kpts/Ka/BKPSDM/2024",
        "800/1/Kpts/Ka/BKPSDM/2024",
    )
    assert numbered(old) == "800/1/Kpts/Ka/BKPSDM/2024"
    # without revise: the numbered file moved away, another draft written under its name
    baru = folder / "baru.yaml"
    baru.write_text(MINIMAL, encoding="utf-8")
    assert _take(baru, backend, folder, "2024-10-01")[0] == 0
    baru.rename(folder / "lama" / "baru.yaml")
    baru.write_text(MINIMAL.replace("UJI COBA", "UJI LAIN"), encoding="utf-8")
    code, out, err = _take(baru, backend, folder, "2024-10-02")
    assert code == 0 and "Number 800/4/Kpts/Ka/BKPSDM/2024 taken" in out, err
    # a numbered file edited back to a draft with new content
    text = baru.read_text(encoding="utf-8").replace("status: ditetapkan", "status: draf")
    text = text.replace("nomor: 800/4/Kpts/Ka/BKPSDM/2024\n", "").replace("tanggal: 2024-10-02\n", "")
    baru.write_text(text.replace("UJI LAIN", "UJI KETIGA"), encoding="utf-8")
    code, out, err = _take(baru, backend, folder, "2024-10-03")
    assert code == 0 and "Number 800/5/Kpts/Ka/BKPSDM/2024 taken" in out, err


def test_check_refuses_a_decree_that_replaces_itself(folder: Path) -> None:
    """Finding 1: the reused number made a decree carry `menggantikan:` its own number."""
    text = (folder / "final.yaml").read_text(encoding="utf-8")
    path = folder / "diri.yaml"
    path.write_text(text + "menggantikan: 800/1199/Kpts/Ka/BKPSDM/2023\n", encoding="utf-8")
    code, _, err = run_en("check", str(path))
    assert code == 1 and "The decree replaces itself" in err and f"{path}:" in err


def test_a_voided_typo_recorded_far_ahead_does_not_push_numbering(folder: Path, backend: str) -> None:
    """Finding 2 from the command line: a running number beyond the bound is a message, not a
    traceback; one far ahead needs --far-ahead; voided, it no longer pushes the next take."""
    profile = str(folder / "profiles" / "bkpsdm-balangan.yaml")
    record = ["number", "record", "--note", "buku agenda", "--profile", profile, *reg_args(folder, backend)]
    before = snapshot(folder)
    for urut in ("9223372036854775807", "99999999999999999999", "9" * 5000):  # 5000: past int()'s limit
        code, _, err = run_process(*record, f"800/{urut}/Kpts/Ka/BKPSDM/2023")
        assert code == 1 and "the running number must be between 1 and 999999" in err, err
    assert snapshot(folder) == before
    code, _, err = run_en(*record, "800/1199/Kpts/Ka/BKPSDM/2023", "--far-ahead")
    assert code == 0, err
    code, _, err = run_en(*record, "800/11990/Kpts/Ka/BKPSDM/2023")
    assert (
        code == 1 and "10790 numbers ahead of 1200, the next number of 2023" in err and "--far-ahead" in err
    )
    assert run_en(*record, "800/11990/Kpts/Ka/BKPSDM/2023", "--far-ahead")[0] == 0
    void = [
        "number",
        "void",
        "800/11990/Kpts/Ka/BKPSDM/2023",
        "--reason",
        "salah ketik",
        "--profile",
        profile,
    ]
    assert run_en(*void, *reg_args(folder, backend))[0] == 0
    code, out, err = _take(folder / "draf.yaml", backend, folder)
    assert code == 0 and "800/1200/Kpts/Ka/BKPSDM/2023" in out, err


@pytest.mark.parametrize("option", ["--note", "--by"])
def test_record_refuses_control_characters_and_list_escapes_them(folder: Path, option: str) -> None:
    """Finding 8: `--note $'x\\n800/9 ...'` forged a line in `number list`; rows written outside
    the tool are shown escaped."""
    profile = str(folder / "profiles" / "bkpsdm-balangan.yaml")
    args = ["number", "record", "800/1/Kpts/Ka/BKPSDM/2023", "--profile", profile]
    forged = "x\n800/9/Kpts/Ka/BKPSDM/2023            dicatat   -          pak@pc"
    given = {"--note": ["--note", forged], "--by": ["--note", "buku agenda", "--by", "\x1b]8;;http://x\x07a"]}
    before = snapshot(folder)
    code, _, err = run_en(*args, *given[option])
    assert code == 1 and f"The text of {option} has a control character" in err
    assert snapshot(folder) == before  # not even a register was created
    assert run_en(*args, "--note", "buku agenda")[0] == 0
    with raw(str(folder / "nomor.sqlite")) as conn:  # as an earlier version, or a hand, wrote it
        agency = conn.execute("SELECT agency FROM nomor").fetchone()[0]
        conn.execute(
            "INSERT INTO nomor VALUES (?, 2023, 2, '800/2/Kpts/Ka/BKPSDM/2023', 'dicatat', NULL, NULL, NULL,"
            " ?, '2023-09-22T00:00:00+00:00', ?, '')",
            (agency, "\x1b[31mmerah", forged),
        )
    code, out, _ = run_en("number", "list", "--profile", profile)
    assert code == 0 and len(out.splitlines()) == 2
    assert "\\x1b[31mmerah" in out and "x\\n800/9" in out and "\x1b" not in out


def test_taking_through_a_link_edits_the_file_it_points_to(folder: Path, backend: str) -> None:
    """Finding 6: taking through a symlink replaced the link with a file; the file it pointed to
    then took a number of its own."""
    real, link = folder / "real.yaml", folder / "link2.yaml"
    shutil.copy(folder / "draf.yaml", real)
    link.symlink_to("real.yaml")
    code, out, err = _take(link, backend, folder, "2024-02-01")
    assert code == 0 and "800/1/Kpts/Ka/BKPSDM/2024" in out, err
    assert link.is_symlink() and numbered(real) == "800/1/Kpts/Ka/BKPSDM/2024"
    code, out, err = _take(real, backend, folder, "2024-02-02")
    assert code == 0 and "already has number 800/1/Kpts/Ka/BKPSDM/2024" in out, err
    with Register(register_of(folder, backend)) as reg:
        assert [e.nomor for e in reg.entries(load(real).profil.nama)] == ["800/1/Kpts/Ka/BKPSDM/2024"]
        assert [e.berkas for e in reg.entries(load(real).profil.nama)] == ["real.yaml"]


def test_a_draft_edited_while_the_take_waits_gets_its_number_written(
    folder: Path, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 7: the check that the file was not changed meanwhile ran after the commit, so a
    draft edited while the take waited for the register's lock got a number registered but not
    written. The file is now compared before the commit; a changed draft is read again."""
    import keputusan.register

    path = folder / "draf.yaml"
    real = keputusan.register.Register._transaction
    edits: list[str] = []

    @contextmanager
    def edited_while_waiting(self: Register) -> Iterator[None]:
        if not edits:  # the first writing transaction: someone saves the draft meanwhile
            text = path.read_text(encoding="utf-8").replace("tentang: ", "tentang: DIUBAH ", 1)
            path.write_text(text, encoding="utf-8")
            edits.append(text)
        with real(self):
            yield

    monkeypatch.setattr(keputusan.register.Register, "_transaction", edited_while_waiting)
    code, out, err = _take(path, backend, folder)
    assert code == 0 and "Number 800/1/Kpts/Ka/BKPSDM/2023 taken" in out, err
    decree = load(path)
    assert decree.content.nomor == "800/1/Kpts/Ka/BKPSDM/2023" and decree.tentang.startswith("DIUBAH")
    with Register(register_of(folder, backend)) as reg:
        assert len(reg.entries(decree.profil.nama)) == 1 and reg.verify().findings == []


def test_a_draft_that_keeps_changing_takes_no_number(
    folder: Path, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 7: a draft changed at every attempt is not numbered at all (the take gives up)."""
    import keputusan.register

    path = folder / "draf.yaml"
    Register(register_of(folder, backend), create=True).close()
    real = keputusan.register.Register._transaction

    @contextmanager
    def always_edited(self: Register) -> Iterator[None]:
        path.write_text(path.read_text(encoding="utf-8") + "# lagi\n", encoding="utf-8")
        with real(self):
            yield

    monkeypatch.setattr(keputusan.register.Register, "_transaction", always_edited)
    code, _, err = _take(path, backend, folder)
    assert code == 1 and f"{path} kept changing while the number was being taken; nothing was taken" in err
    monkeypatch.undo()
    assert load(path).is_draft
    with Register(register_of(folder, backend)) as reg:
        assert reg.entries(load(path).profil.nama) == [] and reg.audit() == []


def test_ten_concurrent_takes_of_one_file_agree_on_its_number(folder: Path, backend: str) -> None:
    """Finding 7: of 10 concurrent takes of one file, 9 said the file was changed meanwhile, though
    it carried the number the winner wrote."""
    path = folder / "draf.yaml"
    Register(register_of(folder, backend), create=True).close()
    args = ["number", "take", str(path), "--date", "2023-09-22", *reg_args(folder, backend)]
    children = [
        subprocess.Popen(cli_process(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(10)
    ]
    results = [(child.communicate(timeout=300), child.returncode) for child in children]
    assert [code for _, code in results] == [0] * 10, [err for (_, err), _ in results]
    said = sorted(out.split(" ")[0] for (out, _), _ in results)
    assert said == [str(path)] * 9 + ["Number"]  # one took it; nine say the file already has it
    assert all(
        "already has number 800/1/Kpts/Ka/BKPSDM/2023" in out for (out, _), _ in results if out[0] != "N"
    )
    assert numbered(path) == "800/1/Kpts/Ka/BKPSDM/2023"
    with Register(register_of(folder, backend)) as reg:
        assert len(reg.entries(load(path).profil.nama)) == 1


def test_a_take_that_finds_its_number_written_meanwhile_says_so(
    folder: Path, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 7, the narrow case: a concurrent take of the same draft writes the file between
    this take's commit and its rename; the file then already carries this very number."""
    import keputusan.register

    path = folder / "draf.yaml"
    draft = path.read_bytes()
    assert _take(path, backend, folder)[0] == 0
    numbered_bytes = path.read_bytes()
    path.write_bytes(draft)  # as if the first take's rename had not happened yet
    real = keputusan.register.Register.take

    def concurrent_writer_first(self: Register, *args: object, **kwargs: object) -> object:
        result = real(self, *args, **kwargs)  # type: ignore[arg-type]
        path.write_bytes(numbered_bytes)  # the other take renames its file in now
        return result

    monkeypatch.setattr(keputusan.register.Register, "take", concurrent_writer_first)
    code, out, err = _take(path, backend, folder)
    assert code == 0 and "already has number 800/1/Kpts/Ka/BKPSDM/2023" in out, err
    assert path.read_bytes() == numbered_bytes


def test_a_stale_temporary_file_of_a_killed_take_is_removed(folder: Path) -> None:
    """Finding 9: temporary files of killed takes, complete decrees with numbers, stayed for good.
    The next take of that file removes those older than a few minutes (a fresh one may belong to
    a take running now)."""
    old, fresh = folder / ".draf.yaml.ab12cd.keputusan-tmp", folder / ".draf.yaml.ef34gh.keputusan-tmp"
    other = folder / ".final.yaml.ij56kl.keputusan-tmp"
    for temp in (old, fresh, other):
        temp.write_text("nomor: 800/7/Kpts/Ka/BKPSDM/2023\n", encoding="utf-8")
    long_ago = time.time() - 3600
    for temp in (old, other):
        os.utime(temp, (long_ago, long_ago))
    code, _, err = run_en("number", "take", str(folder / "draf.yaml"), "--date", "2023-09-22")
    assert code == 0, err
    assert not old.exists() and fresh.exists() and other.exists()


def test_a_copy_of_a_numbered_decree_is_refused_and_a_moved_one_noted(folder: Path, backend: str) -> None:
    """Finding 11: `take` of a copy of a numbered decree said it already had its number."""
    sk = folder / "sk.yaml"
    shutil.copy(folder / "draf.yaml", sk)
    assert _take(sk, backend, folder)[0] == 0
    copy = folder / "salinan.yaml"
    shutil.copy(sk, copy)
    before = snapshot(folder)
    code, _, err = _take(copy, backend, folder)
    assert code == 1 and f"the register gave that number to {sk}, which carries it too" in err
    assert snapshot(folder) == before
    copy.unlink()
    moved = folder / "pindah.yaml"
    sk.rename(moved)
    code, out, err = _take(moved, backend, folder)
    assert code == 0 and "already has number 800/1/Kpts/Ka/BKPSDM/2023" in out
    assert f"the register gave 800/1/Kpts/Ka/BKPSDM/2023 to {sk}, which does not carry it now" in err


@pytest.mark.parametrize(
    "date, said",
    [
        ("9999-12-31", "the year must be between 1945 and"),
        ("1900-01-01", "the year must be between 1945 and"),
        ("0999-01-01", "the year must be between 1945 and"),
        ("2024-02-30", "'2024-02-30' is not a date; write it as YYYY-MM-DD"),
        ("22-09-2023", "'22-09-2023' is not a date"),
    ],
)
def test_an_impossible_date_takes_no_number(folder: Path, date: str, said: str) -> None:
    """Finding 12: --date 9999-12-31 took a number, 0999-01-01 blamed the classification, and
    2024-02-30 was click's usage error (exit 2)."""
    before = snapshot(folder)
    code, _, err = run_en("number", "take", str(folder / "draf.yaml"), "--date", date)
    assert code == 1 and said in err and "klasifikasi" not in err.lower(), err
    assert snapshot(folder) == before
    profile = str(folder / "profiles" / "bkpsdm-balangan.yaml")
    code, _, err = run_en(
        "number", "record", "800/1/Kpts/Ka/BKPSDM/2023", "--note", "x", "--date", date, "--profile", profile
    )
    assert code == 1 and ("not a date" in err or "the year must be between" in err), err
    assert snapshot(folder) == before


def test_the_library_refuses_an_impossible_year_too(folder: Path) -> None:
    from keputusan.numbering import take
    from keputusan.register import RegisterError

    before = snapshot(folder)
    for date in (dt.date(9999, 12, 31), dt.date(1900, 1, 1)):
        with pytest.raises(RegisterError) as exc:
            take(folder / "draf.yaml", date)
        assert exc.value.code == "year_out_of_range"
    assert snapshot(folder) == before


def test_a_date_earlier_than_the_number_before_is_warned(folder: Path) -> None:
    second = folder / "kedua.yaml"
    shutil.copy(folder / "draf.yaml", second)
    assert run_en("number", "take", str(folder / "draf.yaml"), "--date", "2023-09-22")[0] == 0
    code, out, err = run_en("number", "take", str(second), "--date", "2023-03-01")
    assert code == 0 and "800/2/Kpts/Ka/BKPSDM/2023" in out
    assert "Warning: 800/2/Kpts/Ka/BKPSDM/2023 is dated 2023-03-01, earlier than 2023-09-22" in err


def test_list_and_verify_leave_an_empty_file_alone(folder: Path) -> None:
    """Finding 13: `list` on a 0-byte file made it a 4096-byte database."""
    empty = folder / "kosong.sqlite"
    empty.write_bytes(b"")
    profile = str(folder / "profiles" / "bkpsdm-balangan.yaml")
    for args in (["number", "list", "--profile", profile], ["number", "verify"]):
        code, _, err = run_en(*args, "--register", str(empty))
        assert code == 1 and f"{empty} is an empty file, not a register" in err
    assert empty.read_bytes() == b""


def test_the_register_names_a_file_from_the_project_root(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 14: `berkas` was the path as typed, from wherever the taker stood (`../b.yaml`)."""
    (folder / "sub").mkdir()
    monkeypatch.chdir(folder / "sub")
    assert run_en("number", "take", "../draf.yaml", "--date", "2023-09-22")[0] == 0
    code, out, _ = run_en("number", "list", "--profile", str(folder / "profiles" / "bkpsdm-balangan.yaml"))
    assert code == 0 and out.rstrip().endswith("  draf.yaml")


def test_verify_checks_a_noted_head(folder: Path, backend: str) -> None:
    """Finding 5: `number verify --head` checks that a head noted earlier is still in the chain."""
    second = folder / "kedua.yaml"
    shutil.copy(folder / "draf.yaml", second)
    assert _take(folder / "draf.yaml", backend, folder)[0] == 0
    code, out, _ = run_en("number", "verify", *reg_args(folder, backend))
    noted = out.split("Chain head: ")[1].split()[0]
    assert _take(second, backend, folder)[0] == 0
    code, out, err = run_en("number", "verify", "--head", noted[:20], *reg_args(folder, backend))
    assert code == 0 and f"The chain head {noted[:20]} noted earlier is entry 1" in out, err
    code, _, err = run_en("number", "verify", "--head", "ab" * 32, *reg_args(folder, backend))
    assert code == 1 and f"The chain head {'ab' * 32} noted earlier is not an entry of the chain" in err
    code, _, err = run_en("number", "verify", "--head", "xyz", *reg_args(folder, backend))
    assert code == 1 and "--head takes a chain head" in err


def test_no_number_is_taken_for_a_draft_still_holding_a_placeholder(folder: Path) -> None:
    """'bahwa untuk ... perlu', as revise --amend writes it, is a warning in a draft and an error once
    signed: the take is refused, the file unchanged, and no number used up."""
    path = folder / "draf.yaml"
    text = path.read_text(encoding="utf-8").replace("Bahwa untuk menetapkan", "Bahwa untuk ... menetapkan", 1)
    path.write_text(text, encoding="utf-8")
    assert [p.code for p in load(path).warnings] == ["placeholder_text"]
    code, out, err = run("number", "take", str(path), "--date", "2023-09-22")
    assert code == 1 and "masih memuat '...'" in err, (out, err)
    assert path.read_text(encoding="utf-8") == text
    text = text.replace("Bahwa untuk ... menetapkan", "Bahwa untuk menetapkan")
    path.write_text(text, encoding="utf-8")
    code, out, err = run("number", "take", str(path), "--date", "2023-09-22")
    assert code == 0 and "800/1/Kpts" in out, err  # number 1 was never used up
