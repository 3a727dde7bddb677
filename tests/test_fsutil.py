"""Files are replaced whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from keputusan.fsutil import atomic_write


def test_atomic_write_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a" / "x.docx"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["x.docx"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.docx"
    target.write_bytes(b"old")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.docx"]


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    old = os.umask(0o022)
    try:
        atomic_write(target, b"data")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o640)
    atomic_write(target, b"again")
    assert target.stat().st_mode & 0o777 == 0o640


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_pair_whose_second_rename_is_refused_keeps_the_old_pair(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a PDF open in a reader cannot be replaced: the DOCX renamed before it is put back."""
    from keputusan.fsutil import atomic_write_all

    docx, pdf = tmp_path / "sk.docx", tmp_path / "sk.pdf"
    docx.write_bytes(b"old docx")
    pdf.write_bytes(b"old pdf")
    real = os.replace

    def locked(source: str, target: str) -> None:
        if str(target) == str(pdf) and ".tmp" in str(source):
            raise PermissionError(13, "Permission denied", str(source))
        real(source, target)

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(PermissionError) as caught:
        atomic_write_all([(docx, b"new docx"), (pdf, b"new pdf")])
    assert caught.value.filename == str(pdf)  # the document, not its temporary file
    assert (docx.read_bytes(), pdf.read_bytes()) == (b"old docx", b"old pdf")
    assert _names(tmp_path) == ["sk.docx", "sk.pdf"]


def test_a_pair_where_one_is_new_leaves_neither_when_refused(tmp_path: Path) -> None:
    from keputusan.fsutil import atomic_write_all

    (tmp_path / "sk.pdf").mkdir()  # in the way
    with pytest.raises(OSError) as caught:
        atomic_write_all([(tmp_path / "sk.docx", b"new docx"), (tmp_path / "sk.pdf", b"new pdf")])
    assert caught.value.filename == str(tmp_path / "sk.pdf")
    assert _names(tmp_path) == ["sk.pdf"] and not list((tmp_path / "sk.pdf").iterdir())


def test_a_pair_is_replaced_whole(tmp_path: Path) -> None:
    from keputusan.fsutil import atomic_write_all

    docx, pdf = tmp_path / "sk.docx", tmp_path / "sk.pdf"
    for round_ in range(2):
        atomic_write_all([(docx, b"docx %d" % round_), (pdf, b"pdf %d" % round_)])
        assert (docx.read_bytes(), pdf.read_bytes()) == (b"docx %d" % round_, b"pdf %d" % round_)
        assert _names(tmp_path) == ["sk.docx", "sk.pdf"]  # nothing set aside is left
