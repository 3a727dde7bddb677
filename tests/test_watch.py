"""Watch mode: `keputusan build FILE --watch` rebuilds on every save, keeps the last good output
on errors, and says what changed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from keputusan.build import Options, build_all
from keputusan.load import load
from keputusan.watch import Watcher

from .conftest import CONTENT, SEED

CONTOH = CONTENT / "contoh"


def _content(tmp_path: Path, source: Path = SEED, name: str = "k.yaml") -> Path:
    if not (tmp_path / "profiles").exists():
        shutil.copytree(source.parent / "profiles", tmp_path / "profiles")
    target = tmp_path / name
    shutil.copy(source, target)
    return target


def _save(path: Path, old: str, new: str) -> None:
    """Edit a file as an editor saves it: a new file renamed over the old one."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(tmp, path)


def _plain_build(path: Path, out: Path, formats: tuple[str, ...] = ("docx", "pdf")) -> dict[str, bytes]:
    [built] = build_all([load(path)], out, Options(formats=formats))
    assert not built.problems
    return {p.name: p.read_bytes() for p in built.files}


def _written(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def test_a_save_rebuilds_and_names_what_changed(tmp_path: Path) -> None:
    path = _content(tmp_path)
    out = tmp_path / "out"
    watcher = Watcher([path], out)
    [first] = watcher.poll()
    assert first.ok and first.changes is None
    assert sorted(p.name for p in first.files) == ["k.docx", "k.pdf"]
    assert watcher.poll() == []  # nothing saved, nothing built

    _save(path, "menetapkan rencana kinerja tahunan", "menetapkan rencana kinerja tahunan nyata")
    [event] = watcher.poll()
    assert event.ok, event.problems
    assert any(line.startswith("Menimbang") and "nyata" in line for line in event.changes or []), (
        event.changes
    )
    # what the watcher wrote is what a build of the saved file writes
    assert _written(out) == _plain_build(path, tmp_path / "plain")


def test_an_error_is_located_and_the_last_good_output_stays(tmp_path: Path) -> None:
    path = _content(tmp_path)
    out = tmp_path / "out"
    watcher = Watcher([path], out)
    watcher.poll()
    good = _written(out)

    _save(path, "tanggal: 2023-09-22", "tanggal: 2023-02-31")
    [event] = watcher.poll()
    assert not event.ok and not event.files
    [problem] = event.problems
    line = path.read_text(encoding="utf-8").splitlines().index("tanggal: 2023-02-31") + 1
    assert (problem.path, problem.line, problem.code) == (path, line, "date_impossible")
    assert sorted(p.name for p in event.kept) == ["k.docx", "k.pdf"]
    assert _written(out) == good  # untouched, byte for byte

    _save(path, "tanggal: 2023-02-31", "tanggal: 2023-09-25")
    [event] = watcher.poll()
    assert event.ok
    # compared with the last revision that built, not with the broken one
    assert event.changes == ["Penetapan Pada tanggal: diubah: '22 September 2023' → '25 September 2023'"]
    assert _written(out) != good


def test_a_save_without_a_change_of_content_says_so(tmp_path: Path) -> None:
    path = _content(tmp_path)
    watcher = Watcher([path], tmp_path / "out")
    watcher.poll()
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# a comment\n")
    [event] = watcher.poll()
    assert event.ok and event.changes == []


def test_the_profile_and_the_template_are_watched(tmp_path: Path) -> None:
    path = _content(tmp_path)
    template = tmp_path / "templat.docx"
    shutil.copy(CONTENT.parent / "templates" / "keputusan.docx", template)
    watcher = Watcher([path], tmp_path / "out", Options(formats=("docx",), template=template))
    watcher.poll()

    profile = tmp_path / "profiles" / "bkpsdm-balangan.yaml"
    _save(profile, "BADAN KEPEGAWAIAN", "BADAN  KEPEGAWAIAN")
    [event] = watcher.poll()
    assert event.path == path and event.ok

    os.utime(template, ns=(time.time_ns(), time.time_ns() + 10**9))
    [event] = watcher.poll()
    assert event.path == path and event.ok


def test_a_folder_gains_and_loses_decrees(tmp_path: Path) -> None:
    folder = tmp_path / "konten"
    folder.mkdir()
    _content(folder, CONTOH / "kpts-bupati-ppid.yaml", "a.yaml")
    watcher = Watcher([folder], tmp_path / "out")
    assert [e.path.name for e in watcher.poll()] == ["a.yaml"]

    _content(folder, CONTOH / "kpts-tim-verifikasi-kenaikan-pangkat.yaml", "b.yaml")
    [event] = watcher.poll()
    assert event.path.name == "b.yaml" and event.ok

    (folder / "b.yaml").unlink()
    assert watcher.poll() == []
    assert [p.name for p in watcher.files()[0]] == ["a.yaml"]


def test_a_broken_first_revision_builds_once_fixed(tmp_path: Path) -> None:
    path = _content(tmp_path)
    _save(path, "tanggal: 2023-09-22", "tanggal: kemarin")
    out = tmp_path / "out"
    watcher = Watcher([path], out)
    [event] = watcher.poll()
    assert not event.ok and event.kept == [] and not out.exists()
    _save(path, "tanggal: kemarin", "tanggal: 2023-09-22")
    [event] = watcher.poll()
    assert event.ok and event.changes is None  # nothing good to compare with yet


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT, as Ctrl+C does")
def test_the_command_rebuilds_until_ctrl_c(tmp_path: Path) -> None:
    path = _content(tmp_path)
    env = {**os.environ, "LANG": "C.UTF-8", "LANGUAGE": "id"}
    command = [sys.executable, "-c", "from keputusan.cli import main; main()", "--lang", "id"]
    command += ["build", str(path), "-o", str(tmp_path / "out"), "--watch"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path
    )
    assert process.stdout is not None

    def line_with(words: str) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = process.stdout.readline()  # type: ignore[union-attr]
            if words in line:
                return line
        raise AssertionError(f"no line with {words!r}")

    try:
        line_with("Memantau")
        assert "k.yaml: dibangun dalam" in line_with("dibangun")
        _save(path, "tanggal: 2023-09-22", "tanggal: 2023-09-25")
        assert "k.yaml: dibangun dalam" in line_with("dibangun")
        assert "'22 September 2023' → '25 September 2023'" in line_with("diubah")
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Pemantauan dihentikan." in out
    assert "Traceback" not in err


# ------------------------------------------------------------------ found by the review round


def test_a_save_while_the_decree_is_read_is_built_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stamps are taken before reading: a save landing during the load is not lost."""
    import keputusan.load

    path = _content(tmp_path)
    out = tmp_path / "out"
    watcher = Watcher([path], out, Options(formats=("docx",)))
    watcher.poll()
    _save(path, "tanggal: 2023-09-22", "tanggal: 2023-09-25")
    real = keputusan.load.load

    def load_then_save(p):  # type: ignore[no-untyped-def]
        decree = real(p)
        _save(path, "tanggal: 2023-09-25", "tanggal: 2023-09-26")  # the clerk saves again meanwhile
        return decree

    monkeypatch.setattr(keputusan.load, "load", load_then_save)
    [event] = watcher.poll()
    assert event.changes == ["Penetapan Pada tanggal: diubah: '22 September 2023' → '25 September 2023'"]
    monkeypatch.setattr(keputusan.load, "load", real)
    [event] = watcher.poll()
    assert event.changes == ["Penetapan Pada tanggal: diubah: '25 September 2023' → '26 September 2023'"]
    assert _written(out) == _plain_build(path, tmp_path / "plain", ("docx",))  # what the file says now
    assert watcher.poll() == []


def test_a_save_of_the_same_size_and_time_is_seen(tmp_path: Path) -> None:
    path = _content(tmp_path)
    watcher = Watcher([path], tmp_path / "out", Options(formats=("docx",)))
    watcher.poll()
    before = path.stat()
    text = path.read_text(encoding="utf-8").replace("tanggal: 2023-09-22", "tanggal: 2023-09-25")
    path.write_text(text, encoding="utf-8")  # in place, the same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the time it had (a FAT disk's 2 s)
    assert path.stat().st_size == before.st_size
    [event] = watcher.poll()
    assert event.changes == ["Penetapan Pada tanggal: diubah: '22 September 2023' → '25 September 2023'"]


def test_a_newcomer_that_would_overwrite_another_decree_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "konten"
    folder.mkdir()
    _content(folder, SEED, "sk.yaml")
    out = tmp_path / "out"
    watcher = Watcher([folder], out, Options(formats=("docx",)))
    watcher.poll()
    theirs = _written(out)
    _content(folder, CONTOH / "kpts-bupati-ppid.yaml", "sk.yml")
    [event] = watcher.poll()
    assert (event.path.name, event.clash) == ("sk.yml", folder / "sk.yaml") and not event.ok
    assert _written(out) == theirs
    assert watcher.poll() == []  # said once
    (folder / "sk.yml").unlink()
    _save(folder / "sk.yaml", "tanggal: 2023-09-22", "tanggal: 2023-09-25")
    [event] = watcher.poll()
    assert event.path.name == "sk.yaml" and event.ok


def test_fixing_the_profile_an_error_names_rebuilds(tmp_path: Path) -> None:
    path = _content(tmp_path)
    profile = tmp_path / "profiles" / "bkpsdm-balangan.yaml"
    _save(profile, "  keluarga: Arial", "  keluarga: [Arial")  # YAML broken
    watcher = Watcher([path], tmp_path / "out", Options(formats=("docx",)))
    [event] = watcher.poll()
    assert not event.ok and any(p.path == profile for p in event.problems)
    _save(profile, "  keluarga: [Arial", "  keluarga: Arial")
    [event] = watcher.poll()
    assert event.ok and event.path == path


def test_creating_a_missing_profile_rebuilds(tmp_path: Path) -> None:
    path = _content(tmp_path)
    _save(path, "profil: profiles/bkpsdm-balangan.yaml", "profil: profiles/baru.yaml")
    watcher = Watcher([path], tmp_path / "out", Options(formats=("docx",)))
    [event] = watcher.poll()
    assert [p.code for p in event.problems] == ["profile_missing"]
    shutil.copy(tmp_path / "profiles" / "bkpsdm-balangan.yaml", tmp_path / "profiles" / "baru.yaml")
    [event] = watcher.poll()
    assert event.ok


def test_a_write_that_failed_is_tried_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import keputusan.watch

    monkeypatch.setattr(keputusan.watch, "RETRY", 0.0)
    path = _content(tmp_path)
    out = tmp_path / "out"
    watcher = Watcher([path], out, Options(formats=("docx",)))
    watcher.poll()
    (out / "k.docx").unlink()
    (out / "k.docx").mkdir()  # in the way, as a document open in Word is on Windows
    _save(path, "tanggal: 2023-09-22", "tanggal: 2023-09-25")
    [event] = watcher.poll()
    assert [p.code for p in event.problems] == ["write_failed"]
    assert watcher.poll() == []  # tried again, still refused: not said again
    (out / "k.docx").rmdir()
    [event] = watcher.poll()  # nothing saved since: the write is simply tried again
    assert event.ok and (out / "k.docx").is_file()


def test_the_saved_file_is_named_when_the_content_did_not_change(tmp_path: Path) -> None:
    path = _content(tmp_path)
    watcher = Watcher([path], tmp_path / "out", Options(formats=("docx",)))
    watcher.poll()
    profile = tmp_path / "profiles" / "bkpsdm-balangan.yaml"
    with profile.open("a", encoding="utf-8") as handle:
        handle.write("# catatan\n")
    [event] = watcher.poll()
    assert event.ok and event.changes == [] and event.saved == [profile]


def test_a_file_deleted_and_restored_is_compared_with_its_last_good_revision(tmp_path: Path) -> None:
    path = _content(tmp_path)
    watcher = Watcher([path], tmp_path / "out", Options(formats=("docx",)))
    watcher.poll()
    text = path.read_text(encoding="utf-8")
    path.unlink()
    assert watcher.poll() == [] and [p.code for p in watcher.missing] == ["path_missing"]
    path.write_text(text.replace("tanggal: 2023-09-22", "tanggal: 2023-09-25"), encoding="utf-8")
    [event] = watcher.poll()
    assert event.changes == ["Penetapan Pada tanggal: diubah: '22 September 2023' → '25 September 2023'"]


def test_a_watched_folder_is_not_parsed_again_while_nothing_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keputusan.load

    folder = tmp_path / "konten"
    folder.mkdir()
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        _content(folder, SEED, name)
    watcher = Watcher([folder], tmp_path / "out", Options(formats=("docx",)))
    watcher.poll()
    reads: list[Path] = []
    real = keputusan.load.read_yaml_file

    def counted(p, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(p)
        return real(p, *args, **kwargs)

    monkeypatch.setattr(keputusan.load, "read_yaml_file", counted)
    for _ in range(5):
        assert watcher.poll() == []
    assert reads == []


def test_a_console_without_the_arrow_gets_a_question_mark_not_a_traceback(tmp_path: Path) -> None:
    """cp1252 is what Python writes to a redirected output on Windows: '→' is not in it."""
    old = _content(tmp_path, name="lama.yaml")
    new = _content(tmp_path, name="baru.yaml")
    _save(new, "tanggal: 2023-09-22", "tanggal: 2023-09-25")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    command = [sys.executable, "-c", "from keputusan.cli import main; main()", "--lang", "id", "diff"]
    done = subprocess.run(
        [*command, str(old), str(new), "-o", str(tmp_path / "r.docx"), "--summary"],
        capture_output=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert b"'22 September 2023' ? '25 September 2023'" in done.stdout


# ------------------------------------------------------------------ found by the new-user round


def test_a_broken_image_fixed_rebuilds(tmp_path: Path) -> None:
    path = _content(tmp_path)
    emblem = tmp_path / "profiles" / "lambang-placeholder.png"
    good = emblem.read_bytes()
    watcher = Watcher([path], tmp_path / "out", Options(formats=("docx",)))
    watcher.poll()
    emblem.write_bytes(b"bukan gambar")
    [event] = watcher.poll()
    assert not event.ok and [p.code for p in event.problems] == ["image_not_image"]
    emblem.write_bytes(good)
    [event] = watcher.poll()
    assert event.ok and emblem in event.saved


def test_a_change_the_summary_does_not_name_is_not_called_no_change(tmp_path: Path) -> None:
    """The summary leaves a closing full stop out; the watcher must not say the content is the same."""
    path = _content(tmp_path)
    watcher = Watcher([path], tmp_path / "out", Options(formats=("docx",)))
    watcher.poll()
    _save(path, "lampiran I dan II Keputusan ini.\n", "lampiran I dan II Keputusan ini\n")
    [event] = watcher.poll()
    assert event.ok and event.changes == [] and not event.same
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# catatan\n")
    [event] = watcher.poll()
    assert event.changes == [] and event.same


def test_each_rebuild_is_reported_when_it_is_done(tmp_path: Path) -> None:
    folder = tmp_path / "konten"
    folder.mkdir()
    for name in ("a.yaml", "b.yaml"):
        _content(folder, SEED, name)
    out = tmp_path / "out"
    seen: list[tuple[str, list[str]]] = []
    watcher = Watcher([folder], out, Options(formats=("docx",)))
    events = watcher.poll(lambda event: seen.append((event.path.name, sorted(p.name for p in out.iterdir()))))
    # a.yaml was said before b.yaml was built
    assert seen == [("a.yaml", ["a.docx"]), ("b.yaml", ["a.docx", "b.docx"])]
    assert [e.path.name for e in events] == ["a.yaml", "b.yaml"]


def test_a_docx_built_alone_names_the_older_pdf_beside_it(tmp_path: Path) -> None:
    path = _content(tmp_path)
    command = [
        sys.executable,
        "-c",
        "from keputusan.cli import main; main()",
        "--lang",
        "id",
        "build",
        str(path),
    ]
    out = tmp_path / "out"
    assert subprocess.run([*command, "-o", str(out)], capture_output=True).returncode == 0
    done = subprocess.run([*command, "-o", str(out), "--format", "docx"], capture_output=True, text=True)
    assert done.returncode == 0
    assert (
        f"{out / 'k.pdf'} dibiarkan seperti semula dan mungkin tidak lagi sesuai dengan {out / 'k.docx'}"
        in done.stderr
    )
    fresh = tmp_path / "baru"
    done = subprocess.run([*command, "-o", str(fresh), "--format", "docx"], capture_output=True, text=True)
    assert "dibiarkan" not in done.stderr  # nothing beside it: nothing to say
