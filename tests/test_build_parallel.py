"""One decree's PDF drawn in a forked process beside its DOCX (build.Options.parallel): the same
bytes, the same warnings and errors, and nothing left behind when either side fails."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from keputusan import build
from keputusan.build import Options, _Forked, build_all, build_files
from keputusan.load import load

from .conftest import CONTENT, SEED
from .strategies import Spec, decrees

pytestmark = pytest.mark.skipif(not _Forked.possible(), reason="fork is used on Linux and the BSDs only")
CONTOH = sorted((CONTENT / "contoh").glob("*.yaml"))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("path", [SEED, *CONTOH], ids=lambda p: p.stem)
def test_the_same_bytes_as_one_after_the_other(path: Path, tmp_path: Path) -> None:
    decree = load(path)
    [serial] = build_all([decree], tmp_path / "serial", Options())
    [parallel] = build_all([decree], tmp_path / "parallel", Options(parallel=True))
    assert not serial.problems and not parallel.problems
    assert serial.warnings == parallel.warnings
    assert _files(tmp_path / "serial") == _files(tmp_path / "parallel")


def test_the_childs_warnings_come_back(content_dir: Path, tmp_path: Path) -> None:
    profile = content_dir / "profiles" / "bkpsdm-balangan.yaml"
    text = profile.read_text(encoding="utf-8")
    assert "  keluarga: Arial\n" in text
    profile.write_text(
        text.replace("  keluarga: Arial\n", "  keluarga: Huruf Yang Tidak Ada\n"), encoding="utf-8"
    )
    shutil.copy(SEED, content_dir / "k.yaml")
    [built] = build_all([load(content_dir / "k.yaml")], tmp_path / "out", Options(parallel=True))
    assert [w.code for w in built.warnings] == ["font_fallback"]


def test_a_child_that_dies_is_replaced_by_the_parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    draw = build._reportlab_draw

    def dying(decree, options):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            os._exit(3)  # as a crash or a kill would: no result sent
        return draw(decree, options)

    monkeypatch.setattr(build, "_reportlab_draw", dying)
    decree = load(SEED)
    [built] = build_all([decree], tmp_path / "parallel", Options(parallel=True))
    monkeypatch.setattr(build, "_reportlab_draw", draw)
    build_all([decree], tmp_path / "serial", Options())
    assert not built.problems
    assert _files(tmp_path / "parallel") == _files(tmp_path / "serial")


def test_an_error_in_the_pdf_is_reported_as_without_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(decree, options):  # type: ignore[no-untyped-def]
        raise RuntimeError("gambar rusak")

    monkeypatch.setattr(build, "_reportlab_draw", broken)
    [built] = build_all([load(SEED)], tmp_path / "out", Options(parallel=True))
    assert [p.code for p in built.problems] == ["build_crashed"]
    assert "gambar rusak" in built.problems[0].params["detail"]
    assert not (tmp_path / "out").exists()  # neither file: the pair is written together or not at all


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The process ids of the children forked while a test runs."""
    pids: list[int] = []
    start = _Forked.start

    def recorded(function):  # type: ignore[no-untyped-def]
        forked = start(function)
        assert forked is not None
        pids.append(forked.pid)
        return forked

    monkeypatch.setattr(_Forked, "start", staticmethod(recorded))
    return pids


def test_a_failing_docx_leaves_no_child_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, children: list[int]
) -> None:
    def broken(decree, options):  # type: ignore[no-untyped-def]
        raise RuntimeError("templat rusak")

    monkeypatch.setattr(build, "_docx", broken)
    [built] = build_all([load(SEED)], tmp_path / "out", Options(parallel=True))
    assert [p.code for p in built.problems] == ["build_crashed"]
    [pid] = children
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie, no orphan


def test_the_command_uses_it_for_one_decree_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    one = build._build_one

    def spy(index, result, docx_bytes, output, options):  # type: ignore[no-untyped-def]
        seen.append(options.parallel)
        return one(index, result, docx_bytes, output, options)

    monkeypatch.setattr(build, "_build_one", spy)
    build_files([SEED], tmp_path / "a", Options(), jobs=2)
    build_files([SEED], tmp_path / "b", Options(), jobs=1)
    assert seen == [True, False]


def test_a_broken_emblem_stops_the_child_and_writes_nothing(
    content_dir: Path, tmp_path: Path, children: list[int]
) -> None:
    """The child starts before the images are checked; a bad one is reported as without it."""
    profile = content_dir / "profiles" / "bkpsdm-balangan.yaml"
    emblem = next(
        line.split(":", 1)[1].strip() for line in profile.read_text().splitlines() if "lambang:" in line
    )
    shutil.copy(SEED, content_dir / "k.yaml")
    decree = load(content_dir / "k.yaml")
    (profile.parent / emblem).write_bytes(b"not a picture")  # spoiled between loading and building
    [built] = build_all([decree], tmp_path / "out", Options(parallel=True))
    assert built.problems and all(p.path == profile for p in built.problems)
    assert not (tmp_path / "out").exists()
    [pid] = children
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


_drawn = itertools.count()


@settings(
    max_examples=15,
    deadline=None,
    derandomize=os.environ.get("KEPUTUSAN_REQUIRE_ALL") == "1",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(decrees())
def test_generated_decrees_build_the_same_with_the_child(spec: Spec) -> None:
    """Any decree check accepts: the forked build writes the bytes, warnings and errors of the serial one."""
    folder = Path(tempfile.mkdtemp(prefix="keputusan-parallel-")) / f"x{next(_drawn)}"
    try:
        decree = load(spec.write(folder))
        [serial] = build_all([decree], folder / "serial", Options())
        [parallel] = build_all([decree], folder / "parallel", Options(parallel=True))
        assert [p.code for p in serial.problems] == [p.code for p in parallel.problems]
        assert serial.warnings == parallel.warnings
        if not serial.problems:
            assert _files(folder / "serial") == _files(folder / "parallel")
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)
