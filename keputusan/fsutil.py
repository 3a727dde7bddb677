"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
import stat
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path


def new_file_mode(path: Path) -> int:
    """The replaced file's permissions, or what a new file would get (mkstemp makes 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    atomic_write_all([(path, data)])


def atomic_write_all(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files all or none: every one to a temporary file beside it first (where a
    full disk or a refused write shows), and only when all are written rename each into place."""
    written: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            written.append((tmp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, new_file_mode(path))
        while written:
            tmp, path = written[0]
            os.replace(tmp, path)
            written.pop(0)
    except BaseException:
        for tmp, _ in written:
            Path(tmp).unlink(missing_ok=True)
        raise


_OURS = {
    ".md": b"# Ringkasan perubahan:",
    ".html": b'<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8"><title>Ringkasan perubahan:',
}


def replaceable(path: Path) -> bool:
    """Whether writing ``path`` may replace what is there: nothing, or a file of the kind this
    tool writes there — a DOCX (a redline made before) or a change summary it wrote. Anything
    else the user stored is never overwritten."""
    try:
        info = path.lstat()
    except (FileNotFoundError, NotADirectoryError):  # nothing there (writing it may still fail)
        return True
    if not stat.S_ISREG(info.st_mode):
        return False
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            with zipfile.ZipFile(path) as package:
                return "word/document.xml" in package.namelist()
        if suffix in _OURS:
            with path.open("rb") as handle:
                return handle.read(len(_OURS[suffix])) == _OURS[suffix]
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):
        return False
    return False
