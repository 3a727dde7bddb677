"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Optional


def new_file_mode(path: Path) -> int:
    """The replaced file's permissions, or what a new file would get (mkstemp makes 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


Stamp = Optional[tuple[int, ...]]


def stamp(path: Path) -> Stamp:
    """When a file was changed, how big it is and which file it is (None if it is not there):
    equal stamps, the same bytes, but for a save of the same size within the time's resolution.
    POSIX's change time is part of it (no program sets it back); on Windows st_ctime is the
    creation time, and is left out."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if os.name == "nt":
        return (info.st_mtime_ns, info.st_size, info.st_ino)
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    atomic_write_all([(path, data)])


def atomic_write_all(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files all or none: every one to a temporary file beside it first (where a
    full disk or a refused write shows), and only when all are written rename each into place.

    A rename can still be refused after another succeeded — on Windows, when a
    document is open in another program. So the files being replaced are first
    linked (or copied) aside, and if any rename fails, the ones already renamed
    are put back: the old pair stays, never half a new one. An error names the
    file it was about (``filename``), not the temporary one.
    """
    written: list[tuple[str, Path]] = []
    kept: list[tuple[Path, str]] = []  # an old file's copy, to put back
    placed: list[Path] = []
    current = files[0][0] if files else None
    try:
        for path, data in files:
            current = path
            path.parent.mkdir(parents=True, exist_ok=True)
            _temporary(path, data, written)
        if len(written) > 1:
            for _, path in written:
                current = path
                if os.path.lexists(path):
                    kept.append((path, _set_aside(path)))
        for tmp, path in written:
            current = path
            os.replace(tmp, path)
            placed.append(path)
    except BaseException as exc:
        for path in placed:  # undo: the old files back where they were, or none where none was
            old = dict(kept).get(path)
            try:
                if old is not None:
                    os.replace(old, path)
                else:
                    path.unlink(missing_ok=True)
            except OSError:
                pass
        for tmp, _ in written:
            Path(tmp).unlink(missing_ok=True)
        for _, old in kept:
            Path(old).unlink(missing_ok=True)
        if isinstance(exc, OSError) and current is not None and exc.filename != str(current):
            raise type(exc)(exc.errno, exc.strerror, str(current)) from exc
        raise
    for _, old in kept:
        Path(old).unlink(missing_ok=True)


def _temporary(path: Path, data: bytes, written: list[tuple[str, Path]]) -> None:
    """``data`` in a new temporary file beside ``path``, flushed to disk, with the mode a new
    file there gets; recorded in ``written`` (before it is filled, so a failure removes it)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    written.append((tmp, path))
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(tmp, new_file_mode(path))


def create_all_new(files: Sequence[tuple[Path, bytes]]) -> None:
    """Create several files that must not exist yet, all or none, and never over anything that
    appeared meanwhile (another import, an editor's save): each is written whole to a temporary
    file beside it, then linked to its name, which fails when the name exists (also a link, even
    a dangling one); the ones already created are removed again. Where hard links are not
    supported (FAT), the name is created exclusively and then filled. Raises
    :class:`FileExistsError` naming the file that exists, or the OSError of a refused write."""
    written: list[tuple[str, Path]] = []
    created: list[Path] = []
    current = files[0][0] if files else None
    try:
        for path, data in files:
            current = path
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except FileExistsError as exc:  # a file where the folder should be: not "the file exists"
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path.parent)) from exc
            _temporary(path, data, written)
        for (tmp, path), (_, data) in zip(written, files, strict=True):
            current = path
            try:
                os.link(tmp, path, follow_symlinks=False)
            except FileExistsError:
                raise
            except OSError:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                             new_file_mode(path))
                created.append(path)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                continue
            created.append(path)
    except BaseException as exc:
        for path in created:
            path.unlink(missing_ok=True)
        if isinstance(exc, OSError) and current is not None and exc.filename != str(current):
            raise type(exc)(exc.errno, exc.strerror, str(current)) from exc
        raise
    finally:
        for tmp, _ in written:
            Path(tmp).unlink(missing_ok=True)


def _set_aside(path: Path) -> str:
    """A hard link to ``path`` beside it (a copy where links are not possible): its old bytes,
    for as long as a group of renames may need them back."""
    fd, aside = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent)
    os.close(fd)
    os.unlink(aside)
    try:
        os.link(path, aside, follow_symlinks=False)
    except OSError:
        shutil.copy2(path, aside, follow_symlinks=False)
    return aside


_OURS = {
    ".md": b"# Ringkasan perubahan:",
    ".html": b'<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8"><title>Ringkasan perubahan:',
}


REDLINE_MARK = b"<cp:category>Keputusan (redline)</cp:category>"
"""How a redline's docProps/core.xml names it (render_docx.REDLINE_CATEGORY)."""


def replaceable(path: Path) -> bool:
    """Whether writing ``path`` may replace what is there: nothing, or a file of the kind this
    tool writes there — a redline it made before (not any DOCX) or a change summary it wrote. Anything
    else the user stored is never overwritten."""
    try:
        info = path.lstat()
    except (FileNotFoundError, NotADirectoryError):  # nothing there (writing it may still fail)
        return True
    if not stat.S_ISREG(info.st_mode):
        return False
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":  # a redline this tool made: its core properties say so
            with zipfile.ZipFile(path) as package:
                if "word/document.xml" not in package.namelist():
                    return False
                with package.open("docProps/core.xml") as core:
                    return REDLINE_MARK in core.read(1 << 16)
        if suffix in _OURS:
            with path.open("rb") as handle:
                return handle.read(len(_OURS[suffix])) == _OURS[suffix]
    except (OSError, ValueError, EOFError, KeyError, zipfile.BadZipFile):
        return False
    return False


class FileRefused(Exception):
    """Why :func:`read_bounded` read nothing: ``kind`` is missing, folder, special (a pipe, a
    device; with ``follow_links=False`` also a link), unreadable (``detail``) or too_big (``size``)."""

    def __init__(self, kind: str, detail: str = "", size: int = 0) -> None:
        super().__init__(kind)
        self.kind, self.detail, self.size = kind, detail, size


def read_bounded(path: Path, most: Optional[int] = None, *, follow_links: bool = True) -> bytes:
    """The bytes of the ordinary file at ``path``, at most ``most`` of them.

    What could block or never end — a pipe, a device — is refused before it is opened, and
    checked again on what was opened (a pipe swapped in meanwhile); a file over ``most`` bytes
    is refused by its size before reading, and by what was read if it grew meanwhile.
    """
    try:
        info = os.stat(path) if follow_links else os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise FileRefused("missing") from None
    except OSError as exc:
        raise FileRefused("unreadable", exc.strerror or str(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileRefused("folder")
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused("special")
    if most is not None and info.st_size > most:
        raise FileRefused("too_big", size=info.st_size)
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    )
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise FileRefused("special")
            data = stream.read(-1 if most is None else most + 1)
    except FileNotFoundError:
        raise FileRefused("missing") from None
    except OSError as exc:
        raise FileRefused("unreadable", exc.strerror or str(exc)) from None
    if most is not None and len(data) > most:
        raise FileRefused("too_big", size=len(data))
    return data
