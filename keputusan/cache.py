"""A per-user cache of work that depends only on bytes: template checks and compiled templates.

Checking the shipped template and compiling its Jinja code take about 40 ms, the
same every run; a command run once (``keputusan build``) paid them every time.
An entry here is found by the SHA-256 of what it was computed from and of the
code that computed it (:func:`fingerprint`), so a changed template, a changed
limit, an upgraded library or an edited source file never meets a stale entry.

Where: a folder ``keputusan-cache-1`` that this module makes inside
``KEPUTUSAN_CACHE_DIR`` if set (``off`` turns the cache off), else inside the
platform's per-user cache folder (``%LOCALAPPDATA%\\keputusan\\Cache``,
``~/Library/Caches/keputusan``, ``$XDG_CACHE_HOME/keputusan`` or
``~/.cache/keputusan``). Nothing else is ever written, read or removed: a
``KEPUTUSAN_CACHE_DIR`` naming a folder of the user's own data leaves that data
alone.

What it trusts: a compiled template is Python code that runs when a decree is
built, so an entry is used only where nobody but the user (and root) can have
written it. The cache folder must be the user's, a real folder, writable by
nobody else, and so must every folder above it (or be root's, or sticky like
/tmp), as OpenSSH asks of ``~/.ssh``; each entry must be an ordinary file of the
user's, writable by nobody else, and at most :data:`MAX_ENTRY_BYTES`. This is
checked on every use, not once per process. On Windows only the default
per-user folder is used (its ACL is the user's); another ``KEPUTUSAN_CACHE_DIR``
turns the cache off there. Failing any check, the cache is off, silently.
Each entry carries its key and the SHA-256 of its payload: a file cut short,
renamed or damaged is ignored and computed again (the digest is no signature:
trust comes from who can write the folder). Entries are written to a temporary
file and renamed; failing to write one never fails a command. The folder keeps
at most :data:`MAX_ENTRIES` entries, the oldest removed first.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

ENV = "KEPUTUSAN_CACHE_DIR"
MAX_ENTRIES = 256
MAX_ENTRY_BYTES = 16 * 1024 * 1024  # the shipped template's code is 40 KB
FOLDER = "keputusan-cache-1"  # made by this module inside the chosen folder: nothing else is ever in it
_MAGIC = b"keputusan-cache 1\n"
_ENTRY = re.compile(r"(check|jinja)-[0-9a-f]{64}\.bin")
_TEMPORARY = re.compile(r"\.(check|jinja)-[A-Za-z0-9_]+\.tmp")


def _default_dir() -> Optional[Path]:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "keputusan" / "Cache" if base else None
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "keputusan"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else home / ".cache") / "keputusan"


def _private(info: os.stat_result, uid: int) -> bool:
    return info.st_uid == uid and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _trusted(folder: Path) -> bool:
    """Whether nobody but this user (and root) can put or change a file in ``folder``: it is a
    real folder of this user's, not writable by others, and so is every folder above it, or it
    is root's, or it has the sticky bit (as /tmp), where others cannot rename what is not theirs.
    OpenSSH asks the same of ~/.ssh. Windows: only the default, per-user folder is trusted."""
    if sys.platform == "win32":
        default = _default_dir()
        return default is not None and os.path.normcase(folder.parent) == os.path.normcase(default)
    uid = os.getuid()
    try:
        real = Path(os.path.realpath(folder))
        info = os.lstat(real)
        if not stat.S_ISDIR(info.st_mode) or not _private(info, uid):
            return False
        for parent in real.parents:
            info = os.lstat(parent)
            writable = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
            if info.st_uid not in (0, uid) or (writable and not info.st_mode & stat.S_ISVTX):
                return False
    except OSError:
        return False
    return True


def directory() -> Optional[Path]:
    """The cache folder, or None when the cache is off or its folder is not safe to use.

    Checked on every use (a few ``lstat`` calls): a watching process lives for hours, and a
    folder may change hands meanwhile."""
    setting = os.environ.get(ENV, "")
    if setting.strip().lower() in ("off", "0", "no", "false"):
        return None
    try:
        base = Path(setting).expanduser().absolute() if setting else _default_dir()
    except (RuntimeError, OSError):  # no home folder, no working folder
        return None
    if base is None:
        return None
    folder = base / FOLDER
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (OSError, RuntimeError):
        return None
    return folder if _trusted(folder) else None


def fingerprint(*parts: object) -> str:
    """A key part naming the code that computes an entry: the given texts, versions and source
    files (each ``Path`` is read: an edited module changes every key it is part of)."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            try:
                digest.update(part.read_bytes())
            except OSError:
                digest.update(os.urandom(16))  # unreadable source: never reuse an entry
        else:
            digest.update(repr(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def package_stamp(module: object) -> tuple[tuple[str, int, int], ...]:
    """Each source file of an installed package (a module object) by name, size and time: an
    upgrade, or an edit, changes it. Cheaper than reading every file."""
    folder = Path(getattr(module, "__file__", "") or ".").parent
    stamp = []
    for source in sorted(folder.glob("*.py")):
        try:
            info = source.stat()
        except OSError:
            continue
        stamp.append((source.name, info.st_size, info.st_mtime_ns))
    return tuple(stamp)


def key(*parts: object) -> str:
    """An entry's name: the SHA-256 of its parts (bytes as they are, anything else by repr)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else repr(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _path(folder: Path, kind: str, name: str) -> Path:
    return folder / f"{kind}-{name}.bin"


def get(kind: str, name: str) -> Optional[bytes]:
    """The payload stored under ``kind`` and ``name`` (a :func:`key`), or None: absent, off,
    not this user's, not an ordinary file, too big, or not exactly what was written."""
    from .fsutil import FileRefused, read_bounded

    folder = directory()
    if folder is None:
        return None
    path = _path(folder, kind, name)
    try:
        if sys.platform != "win32" and not _private(os.lstat(path), os.getuid()):
            return None
        data = read_bounded(path, MAX_ENTRY_BYTES, follow_links=False)
    except (OSError, FileRefused):
        return None
    header = _MAGIC + name.encode() + b"\n"
    if not data.startswith(header):
        return None
    digest, payload = data[len(header) : len(header) + 64], data[len(header) + 65 :]
    if data[len(header) + 64 : len(header) + 65] != b"\n":
        return None
    if hashlib.sha256(payload).hexdigest().encode() != digest:
        return None
    return payload


def put(kind: str, name: str, payload: bytes) -> None:
    """Store ``payload``; a folder that cannot be written is not an error (the cache is a help)."""
    folder = directory()
    if folder is None:
        return
    header = _MAGIC + name.encode() + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n"
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(header + payload)
        os.replace(tmp, _path(folder, kind, name))
        tmp = None
        _prune(folder)
    except OSError:
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    """Entries over :data:`MAX_ENTRIES`, oldest first, and temporary files a killed process left;
    only names this module writes, in the folder it made."""
    entries = []
    for entry in folder.iterdir():
        if _TEMPORARY.fullmatch(entry.name):
            try:
                if entry.lstat().st_mtime < time.time() - 3600:
                    entry.unlink()
            except OSError:
                pass
        elif _ENTRY.fullmatch(entry.name):
            entries.append(entry)
    if len(entries) <= MAX_ENTRIES:
        return
    by_age = []
    for entry in entries:
        try:
            by_age.append((entry.lstat().st_mtime, entry.name, entry))
        except OSError:
            continue
    for _, _, entry in sorted(by_age)[: len(by_age) - MAX_ENTRIES]:
        entry.unlink(missing_ok=True)
