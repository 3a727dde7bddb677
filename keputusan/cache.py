"""A per-user cache of work that depends only on bytes: template checks and compiled templates.

Checking the shipped template and compiling its Jinja code take about 40 ms, the
same every run; a command run once (``keputusan build``) paid them every time.
An entry here is found by the SHA-256 of what it was computed from and of the
code that computed it (:func:`fingerprint`), so a changed template, a changed
limit, an upgraded library or an edited source file never meets a stale entry.

Where: ``KEPUTUSAN_CACHE_DIR`` if set (``off`` turns the cache off), else the
platform's per-user cache folder (``%LOCALAPPDATA%\\keputusan\\Cache``,
``~/Library/Caches/keputusan``, ``$XDG_CACHE_HOME/keputusan`` or
``~/.cache/keputusan``).

What it trusts: a compiled template is Python code, so the folder is used only
when it is the user's own and nobody else can write to it (as Jinja's own
bytecode cache and OpenSSH require); otherwise the cache is off, silently.
Each entry carries its key and the SHA-256 of its payload: a file cut short,
renamed or damaged is ignored and computed again. Entries are written to a
temporary file and renamed; failing to write one never fails a command. The
folder keeps at most :data:`MAX_ENTRIES` entries, the oldest removed first.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

ENV = "KEPUTUSAN_CACHE_DIR"
MAX_ENTRIES = 256
_MAGIC = b"keputusan-cache 1\n"
_checked_dir: dict[str, Optional[Path]] = {}


def _default_dir() -> Optional[Path]:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "keputusan" / "Cache" if base else None
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "keputusan"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else home / ".cache") / "keputusan"


def _safe(folder: Path) -> bool:
    """The folder exists (made 0700 if not), is a real folder, is ours and nobody else writes it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except (OSError, RuntimeError):
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if sys.platform == "win32":
        return True  # %LOCALAPPDATA% is the user's own by its ACL
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def directory() -> Optional[Path]:
    """The cache folder, or None when the cache is off or its folder is not safe to use."""
    setting = os.environ.get(ENV, "")
    if setting.strip().lower() in ("off", "0", "no", "false"):
        return None
    if setting not in _checked_dir:
        try:
            folder = Path(setting).expanduser() if setting else _default_dir()
        except RuntimeError:  # no home folder
            folder = None
        _checked_dir[setting] = folder if folder is not None and _safe(folder) else None
    return _checked_dir[setting]


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
    or not exactly what was written."""
    folder = directory()
    if folder is None:
        return None
    try:
        data = _path(folder, kind, name).read_bytes()
    except OSError:
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
    for stale in folder.glob(".*.tmp"):  # left by a process killed while writing
        try:
            if stale.stat().st_mtime < time.time() - 3600:
                stale.unlink()
        except OSError:
            pass
    entries = list(folder.glob("*.bin"))
    if len(entries) <= MAX_ENTRIES:
        return
    by_age = []
    for entry in entries:
        try:
            by_age.append((entry.stat().st_mtime, entry.name, entry))
        except OSError:
            continue
    for _, _, entry in sorted(by_age)[: len(by_age) - MAX_ENTRIES]:
        entry.unlink(missing_ok=True)
