"""The per-user cache (keputusan.cache) of template checks and compiled templates: it never
changes what is built, ignores what it cannot trust, and never fails a command."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from keputusan import cache, render_docx, sandbox
from keputusan.build import Options, build_all
from keputusan.load import load
from keputusan.render_docx import TemplateRejected

from .conftest import CONTENT, SEED

TEMPLATE = CONTENT.parent / "templates" / "keputusan.docx"


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """KEPUTUSAN_CACHE_DIR, empty, of this test's own, and nothing remembered in this process."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    monkeypatch.setattr(render_docx, "_CHECKED", {})
    monkeypatch.setattr(sandbox, "_CODE", {})
    return folder


@pytest.fixture
def fresh(base: Path) -> Path:
    """The folder the entries go to: one the cache makes inside KEPUTUSAN_CACHE_DIR."""
    return base / cache.FOLDER


def _forget() -> None:
    """As a new process would start: nothing in memory, only what is on disk."""
    render_docx._CHECKED.clear()
    sandbox._CODE.clear()


def _docx(path: Path = SEED, template: Path = TEMPLATE) -> bytes:
    from keputusan.layout import layout

    return render_docx.render(layout(load(path)), template)


def test_cold_warm_and_off_build_the_same_bytes(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _docx()
    entries = sorted(p.name.split("-")[0] for p in fresh.glob("*.bin"))
    assert entries.count("check") == 1 and entries.count("jinja") >= 4  # body, header, footer, property
    _forget()
    warm = _docx()
    monkeypatch.setenv(cache.ENV, "off")
    _forget()
    off = _docx()
    assert cold == warm == off


def test_every_damaged_entry_is_ignored_and_written_again(fresh: Path) -> None:
    expected = _docx()
    for damage in (b"", b"garbage", None):
        for entry in fresh.glob("*.bin"):
            data = entry.read_bytes()
            if damage is None:  # one byte of the payload flipped
                data = data[:-1] + bytes([data[-1] ^ 1])
            else:
                data = damage
            entry.write_bytes(data)
        _forget()
        assert _docx() == expected
        for entry in fresh.glob("*.bin"):
            name = entry.name.split("-", 1)[1].removesuffix(".bin")
            assert cache.get(entry.name.split("-")[0], name) is not None, f"{entry.name} not rewritten"


def test_an_entry_under_another_name_is_not_used(fresh: Path) -> None:
    """A valid entry renamed (copied over another key) carries its own key and is refused."""
    _docx()
    entries = sorted(fresh.glob("jinja-*.bin"), key=lambda p: p.stat().st_size)
    small, big = entries[0], entries[-1]
    shutil.copy(small, big)
    assert cache.get("jinja", big.name.removeprefix("jinja-").removesuffix(".bin")) is None


def test_a_changed_template_is_checked_and_compiled_again(fresh: Path, tmp_path: Path) -> None:
    _docx()
    document = Document(str(TEMPLATE))
    judul = next(p for p in document.paragraphs if p.text == "{%p for line in judul %}")
    judul.insert_paragraph_before("DIUBAH")  # every tag is as it was: only the words differ
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    _forget()
    out = _docx(template=edited)
    assert b"DIUBAH" in _document_xml(out)
    assert b"DIUBAH" not in _document_xml(_docx())


def _document_xml(data: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_a_lowered_limit_meets_no_cached_verdict(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The template passed its check with the default limits; with fewer tags allowed it fails,
    although a 'no problems' verdict for its bytes is on disk."""
    _docx()
    monkeypatch.setenv("KEPUTUSAN_MAX_TEMPLATE_TAGS", "10")
    _forget()
    with pytest.raises(TemplateRejected) as caught:
        _docx()
    assert [p.code for p in caught.value.problems] == ["template_too_many_tags"]


def test_a_template_with_problems_is_not_remembered_on_disk(fresh: Path, tmp_path: Path) -> None:
    document = Document(str(TEMPLATE))
    document.add_paragraph("{{ content.__class__ }}")
    bad = tmp_path / "bad.docx"
    document.save(str(bad))
    with pytest.raises(TemplateRejected):
        _docx(template=bad)
    assert not list(fresh.glob("check-*.bin"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_folder_others_can_write_is_not_used(fresh: Path) -> None:
    fresh.mkdir(mode=0o700, parents=True)
    os.chmod(fresh, 0o777)
    expected = _docx()
    assert cache.directory() is None
    assert not list(fresh.iterdir())
    os.chmod(fresh, 0o700)
    _forget()
    assert _docx() == expected and list(fresh.glob("*.bin"))


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() != 0, reason="needs root to give a folder away")
def test_a_folder_of_another_user_is_not_used(fresh: Path) -> None:
    fresh.mkdir(mode=0o700, parents=True)
    os.chown(fresh, 65534, 65534)
    _docx()
    assert cache.directory() is None and not list(fresh.iterdir())


def test_a_symlinked_or_file_cache_path_is_not_used(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"  # a link may lead to a private folder, not to one others write
    elsewhere.mkdir(mode=0o700)
    os.chmod(elsewhere, 0o777)
    fresh.parent.mkdir()
    fresh.symlink_to(elsewhere)
    _docx()
    assert cache.directory() is None and not list(elsewhere.iterdir())
    afile = tmp_path / "afile"
    afile.write_text("x")
    monkeypatch.setenv(cache.ENV, str(afile))
    _forget()
    _docx()
    assert afile.read_text() == "x"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_cache_fails_nothing(fresh: Path) -> None:
    fresh.mkdir(mode=0o500, parents=True)
    expected = _docx()
    _forget()
    assert _docx() == expected
    os.chmod(fresh, 0o700)


def test_the_folder_keeps_at_most_max_entries(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 5)
    for n in range(12):
        cache.put("jinja", cache.key(n), b"x" * n)
        os.utime(fresh / f"jinja-{cache.key(n)}.bin", (n, n))
    assert len(list(fresh.glob("*.bin"))) == 5
    assert cache.get("jinja", cache.key(11)) == b"x" * 11  # the newest kept


def test_the_build_command_fills_the_cache_once(base: Path, fresh: Path, tmp_path: Path) -> None:
    """Two whole commands: the first writes the entries, the second only reads them."""
    env = {**os.environ, cache.ENV: str(base)}
    command = [sys.executable, "-c", "from keputusan.cli import main; main()", "build", str(SEED)]
    for run in range(2):
        done = subprocess.run(
            [*command, "-o", str(tmp_path / f"out{run}"), "--format", "docx"], env=env, capture_output=True
        )
        assert done.returncode == 0, done.stderr
        if run == 0:
            times = {p: p.stat().st_mtime_ns for p in fresh.glob("*.bin")}
            assert times
    assert {p: p.stat().st_mtime_ns for p in fresh.glob("*.bin")} == times
    assert (tmp_path / "out0" / f"{SEED.stem}.docx").read_bytes() == (
        tmp_path / "out1" / f"{SEED.stem}.docx"
    ).read_bytes()


def test_options_are_not_needed(fresh: Path, tmp_path: Path) -> None:
    """build_all with the default options goes through the same cache."""
    [built] = build_all([load(SEED)], tmp_path / "out", Options(formats=("docx",)))
    assert not built.problems and list(fresh.glob("jinja-*.bin"))
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700


def test_a_folder_of_the_users_own_files_is_left_alone(
    base: Path, fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """KEPUTUSAN_CACHE_DIR may name a folder of the user's data: nothing in it is touched, however
    many entries the cache prunes (the first version deleted the user's old *.bin and .*.tmp)."""
    base.mkdir(mode=0o700)
    theirs = {}
    for n in range(30):
        path = base / f"rekaman-{n}.bin"
        path.write_text(f"data {n}")
        os.utime(path, (0, 0))
        theirs[path] = path.read_bytes()
    (base / ".draf-surat.tmp").write_text("catatan")
    os.utime(base / ".draf-surat.tmp", (0, 0))
    theirs[base / ".draf-surat.tmp"] = b"catatan"
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    _docx()
    for n in range(10):
        cache.put("jinja", cache.key(n), b"x")
    assert {p: p.read_bytes() for p in theirs if p.exists()} == theirs
    assert sorted(p.name for p in base.iterdir()) == sorted([*(p.name for p in theirs), cache.FOLDER])
    assert len(list(fresh.glob("*.bin"))) == 3


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("mode, used", [(0o777, False), (0o1777, True), (0o755, True)])
def test_a_folder_above_that_others_can_write_is_trusted_only_when_sticky(
    base: Path, mode: int, used: bool
) -> None:
    """Another user could rename the cache folder away and plant one of their own: every folder
    above it must be the user's or root's and not writable by others, unless sticky (as /tmp)."""
    base.mkdir(mode=0o700)
    os.chmod(base, mode)
    _docx()
    assert (cache.directory() is not None) is used
    assert bool(list(base.glob(f"{cache.FOLDER}/*.bin"))) is used


def _forge_body(fresh: Path) -> Path:
    """The body's entry replaced by the code of another template, with a valid digest: what
    someone able to write the folder could do."""
    import marshal

    from docx import Document

    from keputusan.sandbox import Budget, environment

    body = max(fresh.glob("jinja-*.bin"), key=lambda p: p.stat().st_size)
    source = render_docx._prepared(render_docx._sources(Document(str(TEMPLATE)))[0].text)
    assert ">: </w:t>" in source
    forged = environment(Budget(1, 1)).compile(source.replace(">: </w:t>", ">: DIPALSUKAN</w:t>"))
    cache.put("jinja", body.name.removeprefix("jinja-").removesuffix(".bin"), marshal.dumps(forged))
    return body


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() != 0, reason="needs root to give a file away")
def test_an_entry_of_another_user_or_writable_by_others_is_not_used(fresh: Path) -> None:
    expected = _docx()
    body = _forge_body(fresh)
    _forget()
    assert b"DIPALSUKAN" in _document_xml(_docx())  # the control: such an entry is code that runs
    for owner, mode in ((65534, 0o600), (os.getuid(), 0o666)):
        _forge_body(fresh)
        os.chown(body, owner, owner)
        os.chmod(body, mode)
        _forget()
        assert _docx() == expected, (owner, oct(mode))


@pytest.mark.skipif(sys.platform == "win32", reason="pipes and sparse files")
def test_an_entry_that_is_a_pipe_a_link_or_huge_is_ignored(fresh: Path, tmp_path: Path) -> None:
    expected = _docx()
    [check] = fresh.glob("check-*.bin")
    for make in ("pipe", "link", "huge", "digits"):
        check.unlink()
        if make == "pipe":
            os.mkfifo(check, 0o600)
        elif make == "link":
            (tmp_path / "target").write_bytes(b"0")
            check.symlink_to(tmp_path / "target")
        elif make == "huge":
            with check.open("wb") as handle:
                handle.truncate(cache.MAX_ENTRY_BYTES + 1)
        else:  # a well-formed entry with an absurd verdict: 5,000 digits
            cache.put("check", check.name.removeprefix("check-").removesuffix(".bin"), b"9" * 5000)
        _forget()
        assert _docx() == expected, make
