"""The archive's manifest: an append-only, hash-chained JSON-lines log, changed only under a lock.

Every line is one JSON object (keys sorted, UTF-8) that carries, under
``sebelum``, the SHA-256 of the previous line's bytes (64 zeros on the first
line). Editing, deleting or inserting a line breaks the chain at the next line;
rewriting the whole chain changes the *head* (the SHA-256 of the last line),
which ``archive verify --head`` compares with a head noted earlier. Lines that
an older version wrote before the chain existed are accepted at the start of
the file only (the first chained line protects them from then on).

Lines are written with fsync. A crash can only tear the last line; readers
report it and ``archive repair`` moves it to quarantine.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .errors import CodedError
from .limits import MB
from .yamlsource import FORBIDDEN_CHARS

GENESIS = "0" * 64
LINK = "sebelum"
LOCK_NAME = ".kunci"
LOCK_WAIT = 120.0  # seconds: another add may be rebuilding a LibreOffice PDF

# an archived file's name, relative to the archive: YEAR/NAME.pdf, nothing that climbs out
FILE_PATTERN = re.compile(r"^[0-9]{4}/[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.pdf$")
REQUIRED = {
    "simpan": ("nomor", "tahun", "tanggal", "tentang", "berkas", "sha256", "waktu"),
    "gantikan": ("nomor", "tahun", "tanggal", "tentang", "berkas", "sha256", "waktu", "menggantikan"),
    "perbaikan": ("waktu",),
}


def line_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Damage:
    """A line that cannot be trusted: code (a message), 1-based line number, params."""

    code: str
    line: int
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Reading:
    """The manifest as read: good entries (line number, record), damage found, and the head."""

    entries: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    damage: list[Damage] = field(default_factory=list)
    head: str = GENESIS  # hash of the last whole line
    lines: int = 0
    torn: Optional[bytes] = None  # an unfinished last line (a crash while appending)
    size_before_torn: int = 0
    legacy: int = 0  # lines at the start written before the chain (older versions): not protected

    @property
    def records(self) -> list[dict[str, Any]]:
        return [record for _, record in self.entries]


class ManifestUnusable(CodedError):
    """The manifest is no ordinary file (a pipe, a device, a link), or is beyond the size limit."""


def read_bytes(path: Path) -> Optional[bytes]:
    """The manifest's bytes, or None when there is none; a pipe, a device or a link (which could
    block or never end) and a file over the size limit are refused before reading."""
    from .fsutil import FileRefused, read_bounded
    from .limits import env_name, limit

    most = limit("manifest_bytes")
    try:
        return read_bounded(path, most, follow_links=False)
    except FileRefused as refusal:
        if refusal.kind == "missing":
            return None
        if refusal.kind == "too_big":
            raise ManifestUnusable(
                "archive_manifest_too_big",
                path=str(path),
                size_mb=refusal.size // MB,
                limit_mb=most // MB,
                env=env_name("manifest_bytes"),
            ) from None
        if refusal.kind == "unreadable":
            raise OSError(refusal.detail) from None
        raise ManifestUnusable("archive_manifest_not_file", path=str(path)) from None


def read(path: Path) -> Reading:
    """Read and check the whole manifest; never raises on damaged content (only on I/O errors
    and :class:`ManifestUnusable`)."""
    reading = Reading()
    data = read_bytes(path)
    if data is None:
        return reading
    raw_lines = data.split(b"\n")
    tail = raw_lines.pop()  # b"" when the file ends with a newline
    previous = GENESIS
    offset = 0
    chained = False
    for number, whole in enumerate(raw_lines, start=1):
        reading.lines = number
        raw = _content(whole)
        record = _parse(raw, number, reading.damage)
        if record is not None:
            if LINK not in record and not chained:  # written before the chain existed
                reading.legacy += 1
            elif record.get(LINK) != previous:  # still listed: the damage is reported, not hidden
                reading.damage.append(Damage("archive_chain_broken", number))
            chained = chained or LINK in record
            problem = _incomplete(record)
            if problem is not None:
                reading.damage.append(Damage(problem[0], number, problem[1]))
            else:
                reading.entries.append((number, record))
        previous = line_hash(raw + b"\n")
        offset += len(whole) + 1
    reading.head = previous
    if tail:
        reading.torn = tail
        reading.size_before_torn = offset
        reading.damage.append(Damage("archive_line_torn", len(raw_lines) + 1))
    return reading


def _content(line: bytes) -> bytes:
    """A line without its ending: the chain hashes every line as if it ended in LF alone, so a
    manifest whose line endings a copy turned into CRLF (Windows) still proves itself."""
    return line[:-1] if line.endswith(b"\r") else line


def line_hash_list(data: bytes) -> list[str]:
    """The hash of every whole line, in order: the heads the manifest has had."""
    return [line_hash(_content(raw) + b"\n") for raw in data.split(b"\n")[:-1]]


def completes(reading: Reading) -> bool:
    """Whether the unfinished last line is a whole, chained record that only lacks its newline."""
    if reading.torn is None:
        return False
    damage: list[Damage] = []
    record = _parse(_content(reading.torn), 0, damage)
    return record is not None and record.get(LINK) == reading.head and _incomplete(record) is None


def _parse(raw: bytes, number: int, damage: list[Damage]) -> Optional[dict[str, Any]]:
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        damage.append(Damage("archive_line_damaged", number))
        return None
    if not isinstance(record, dict):
        damage.append(Damage("archive_line_damaged", number))
        return None
    return record


def _incomplete(record: dict[str, Any]) -> Optional[tuple[str, dict[str, Any]]]:
    if _has_control(record):
        return "archive_line_control", {}
    action = record.get("aksi")
    if action not in REQUIRED:
        return "archive_line_unknown", {"aksi": str(action)[:40]}
    for key in REQUIRED[action]:
        if key not in record:
            return "archive_line_incomplete", {"name": key}
    for key in OPTIONAL_TEXT:
        if record.get(key) is not None and not isinstance(record[key], str):
            return "archive_line_incomplete", {"name": key}
    for key in OPTIONAL_MAPPING:
        if record.get(key) is not None and not isinstance(record[key], dict):
            return "archive_line_incomplete", {"name": key}
    if action == "perbaikan":
        return None
    for key in ("nomor", "tanggal", "tentang", "berkas", "sha256", "waktu"):
        if not isinstance(record[key], str):
            return "archive_line_incomplete", {"name": key}
    if not isinstance(record["tahun"], int):
        return "archive_line_incomplete", {"name": "tahun"}
    if not FILE_PATTERN.match(record["berkas"]) or ".." in record["berkas"]:
        return "archive_path_outside", {"berkas": record["berkas"][:200]}
    return None


OPTIONAL_TEXT = (
    "menggantikan",
    "mencabut",
    "mengubah",
    "alasan",
    "tingkat",
    "pejabat",
    "penandatangan",
    "oleh",
    "sumber",
    "karantina",
)
OPTIONAL_MAPPING = ("verifikasi", "jdih")
# what no record this tool writes holds: control characters (a line could rewrite what the clerk
# reads on the terminal), line and paragraph separators, bidirectional overrides
_CONTROL = re.compile(f"[{FORBIDDEN_CHARS}\t\n\r\u2028\u2029]")


def _has_control(value: Any, depth: int = 0) -> bool:
    if depth > 20:
        return True
    if isinstance(value, str):
        return _CONTROL.search(value) is not None
    if isinstance(value, dict):
        return any(_has_control(k, depth + 1) or _has_control(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_control(v, depth + 1) for v in value)
    return False


def encode(record: dict[str, Any], previous: str) -> bytes:
    """One line: the record with the previous line's hash, keys sorted, ending in a newline."""
    return (json.dumps({**record, LINK: previous}, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def append(path: Path, raw: bytes) -> None:
    """Append one encoded line and make it durable (the file, then its folder entry)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
    try:
        written = 0
        while written < len(raw):
            written += os.write(fd, raw[written:])
        os.fsync(fd)
    finally:
        os.close(fd)
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a new or renamed name in ``folder`` durable (no-op where folders cannot be opened)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class LockTimeout(Exception):
    """Another process held the archive lock for too long."""


@contextlib.contextmanager
def locked(folder: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the archive's lock (``.kunci`` in ``folder``): one writer at a time, across processes.

    POSIX: ``fcntl.flock``; Windows: ``msvcrt.locking`` on the first byte. The lock
    goes with the process, so a killed writer never leaves the archive locked.
    """
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, wait)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


def _acquire(fd: int, wait: float) -> None:
    deadline = time.monotonic() + wait
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise LockTimeout() from None
                time.sleep(0.05)
    import fcntl

    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
            if time.monotonic() > deadline:
                raise LockTimeout() from None
            time.sleep(0.02)


def _release(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)
