"""A decree's life: a draft takes a number when it is signed, and is later revised.

Ties the register to content files: which register an agency uses, what
identifies a decree, and the edits to its file (only the number, date and
status lines change).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .decree import Decree
from .edit import SourceText, insert_before_last_item, set_keys
from .errors import ContentError, KeputusanError, Problem
from .fsutil import new_file_mode
from .load import load, load_profile, project_root
from .model import Profil
from .register import (
    MAX_URUT,
    VOID,
    Entry,
    Register,
    RegisterError,
    check_date,
    check_text,
    check_urut,
    check_year,
    is_postgres,
    printable,
    safe_url,
    sqlite_path,
    who,
)
from .text import judul_kalimat

TEMP_SUFFIX = ".keputusan-tmp"  # never .yaml: a folder build must not pick a half-done edit up
STALE_TEMP = 300  # seconds: a temporary file of a take older than this was left by a killed take
_ATTEMPTS = 3  # a take whose file changed while it waited for the register starts again


def _resolve(url: str, base: Path) -> str:
    """A PostgreSQL URL as given; an SQLite path (or ``sqlite:///path``) made absolute from ``base``."""
    if is_postgres(url) or ("://" in url and not url.startswith("sqlite:///")):
        return url
    path = sqlite_path(url).expanduser()
    return str((base / path).resolve())


def may_create(profil: Profil, profil_path: Path, override: Optional[str]) -> bool:
    """Whether take or record may create the register: only the profile's own. A ``--register``
    naming a register that does not exist is refused rather than created — a mistyped path
    would start a second register and hand out numbers the real one has already given."""
    if not override:
        return True
    url = _resolve(override, Path.cwd())
    if is_postgres(url) or "://" in url or Path(url).exists():
        return True
    if url == register_url(profil, profil_path):
        return True
    raise RegisterError("register_override_missing", url=url, own=register_url(profil, profil_path))


def register_url(profil: Profil, profil_path: Path, override: Optional[str] = None) -> str:
    """Which register: ``--register`` (a path from the current folder), else the profile's
    ``nomor.register`` (a path from the profile's folder), else nomor.sqlite beside the profile."""
    if override:
        return _resolve(override, Path.cwd())
    return _resolve(profil.nomor.register_url or "nomor.sqlite", profil_path.parent)


_DIGEST_MARK = "#sha256="


def decree_key(path: Path, draft: bytes) -> str:
    """What identifies a decree in the register: its content file (links followed) and the
    SHA-256 of the draft as it was when its number was taken. Another draft saved later under
    the same name is another decree, and gets a number of its own."""
    return f"{path.resolve()}{_DIGEST_MARK}{hashlib.sha256(draft).hexdigest()}"


def key_path(kunci: str) -> Path:
    """The content file a register key names."""
    return Path(kunci.split(_DIGEST_MARK, 1)[0])


def berkas_of(path: Path) -> str:
    """The file as the register shows it: from the project root (the folder holding .git or
    pyproject.toml), the same on every PC of an office; else the absolute path."""
    target = path.resolve()
    root = project_root(target.parent)
    return target.relative_to(root).as_posix() if root is not None else str(target)


@dataclass(frozen=True)
class Taken:
    entry: Entry
    new: bool  # False when the decree already had this number
    rewritten: bool = False  # the register had the number for this file, which did not carry it yet
    created: bool = False  # this take created the register
    upgraded: Optional[int] = None  # (kept for callers; takes no longer upgrade a register)
    register: str = ""  # the register, as messages name it (no password)
    elsewhere: str = ""  # the register gave this number to another file, which no longer carries it
    earlier: Optional[Entry] = None  # the number before it, dated later than this one


class _Changed(Exception):
    """The content file changed while the take waited for the register: start again."""


def check_take_date(date: dt.date) -> None:
    check_year(date.year, date.isoformat())


def take(
    path: Path,
    date: dt.date,
    klasifikasi: Optional[str] = None,
    oleh: Optional[str] = None,
    register: Optional[str] = None,
) -> Taken:
    """Give the draft at ``path`` the next number, and write number, date and status into it.

    The edited text is checked as a decree with its number, in memory, while
    the register's lock is held, and only if the file still holds the draft
    that was read; then the number is committed, and only then is the file
    written: a temporary file beside it (links followed), renamed over it. If
    that fails, taking again for the same draft writes the same number. A file
    that changed while the take waited is read again (and if it now carries
    its number, nothing more is done).
    """
    check_take_date(date)
    if oleh is not None:
        check_text(oleh, "--by")
    for _ in range(_ATTEMPTS):
        try:
            return _take(path, date, klasifikasi, oleh, register)
        except _Changed:
            continue
    raise RegisterError("file_keeps_changing", path=str(path))


def _take(
    path: Path, date: dt.date, klasifikasi: Optional[str], oleh: Optional[str], register: Optional[str]
) -> Taken:
    target = path.resolve()  # a link stays a link: the file it points to is edited
    draft = _read_draft(path)
    source = SourceText.decode(draft)
    decree = load(path, text=source.text)
    profil = decree.profil
    code = klasifikasi or profil.nomor.klasifikasi
    check_klasifikasi(profil, code, date.year)
    url = register_url(profil, decree.profil_path, register)
    if not decree.is_draft:
        return _already_numbered(decree, url, path)
    edited: list[bytes] = []

    def prepare(entry: Entry) -> None:
        if _current_bytes(target) != draft:
            raise _Changed()
        updates = {
            "status": "ditetapkan",
            "nomor": entry.nomor,
            "tanggal": entry.tanggal or date.isoformat(),
        }
        text = set_keys(source.text, path, updates, after=("status", "profil"))
        load(path, text=text)  # the edited decree, as if written at path: problems name path
        edited[:] = [source.encode(text)]

    may_create(profil, decree.profil_path, register)
    with _Folder(target), Register(url, create=True) as reg:
        entry, new = reg.take(
            profil.nama,
            date.year,
            profil.nomor.pola,
            code,
            decree_key(path, draft),
            berkas_of(path),
            date.isoformat(),
            oleh or who(),
            profil.nomor.mulai.get(date.year, 1),
            prepare=prepare,
        )
        written = _install(target, path, entry.nomor, draft, edited[0])
        earlier = reg.before(profil.nama, entry.tahun, entry.urut) if new else None
    if earlier is not None and not (earlier.tanggal and earlier.tanggal > (entry.tanggal or "")):
        earlier = None
    return Taken(entry, new, not new and written, reg.created, None, reg.shown, earlier=earlier)


def _read_draft(path: Path) -> bytes:
    """The content file's bytes; a file that cannot be read as a decree is reported by ``load``."""
    from .limits import limit

    try:
        info = path.stat()
        if stat.S_ISREG(info.st_mode):
            with path.open("rb") as handle:
                data = handle.read(limit("content_bytes") + 1)
            if len(data) <= limit("content_bytes"):
                data.decode("utf-8")
                return data
    except (OSError, UnicodeDecodeError):
        pass
    load(path)  # raises the located problem: too large, not UTF-8, unreadable, not a file
    raise _Changed()  # it reads well now: it was changed meanwhile


def _current_bytes(target: Path) -> Optional[bytes]:
    try:
        return target.read_bytes()
    except OSError:
        return None


def _already_numbered(decree: Decree, url: str, path: Path) -> Taken:
    """A decree that carries a number: the register must know it, not as void, and not as another
    file's number that the other file still carries."""
    assert decree.content.nomor is not None
    nomor = decree.content.nomor
    try:
        with Register(url) as reg:
            entry = reg.find(decree.profil.nama, nomor)
    except RegisterError as exc:
        if exc.code != "register_missing":
            raise
        entry = None  # no register yet: it cannot know the number either
    if entry is None:
        raise RegisterError("number_not_in_register", nomor=nomor, path=str(path))
    if entry.status == VOID:
        raise RegisterError("number_is_void", nomor=entry.nomor, alasan=printable(entry.alasan_batal))
    shown = safe_url(url) if is_postgres(url) else url
    if not entry.kunci:  # a recorded number: no file is registered for it
        return Taken(entry, False, register=shown)
    other = key_path(entry.kunci)
    if _same_file(other, path):
        return Taken(entry, False, register=shown)
    if _carries(other, nomor):
        raise RegisterError("number_in_other_file", nomor=nomor, path=str(path), other=str(other))
    return Taken(entry, False, register=shown, elsewhere=str(other))


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return one == other.resolve()


def _carries(path: Path, nomor: str) -> bool:
    """Whether the content file at ``path`` is a decree carrying ``nomor``."""
    try:
        return load(path).content.nomor == nomor
    except (KeputusanError, OSError, ValueError):
        return False


def check_klasifikasi(profil: Profil, klasifikasi: str, year: int) -> None:
    """Refuse a classification code that would give a number off the agency's pattern."""
    sample = profil.nomor.pola.format(klasifikasi=klasifikasi, urut=1, tahun=year)
    if not klasifikasi.isascii() or profil.nomor.regex().fullmatch(sample) is None:
        raise RegisterError("klasifikasi_invalid", klasifikasi=printable(klasifikasi), pola=profil.nomor.pola)


def _rename(source: Path, target: Path) -> None:
    os.replace(source, target)


def _temp_name(target: Path) -> tuple[str, str]:
    return f".{target.name}.", TEMP_SUFFIX


class _Folder:
    """The folder of a content file about to take a number: before anything is taken, checked
    to be writable (an empty temporary file made and removed), and rid of the temporary files
    that takes of this file killed long ago left."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __enter__(self) -> _Folder:
        folder = self.target.parent
        prefix, suffix = _temp_name(self.target)
        try:
            fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
            os.close(fd)
            os.unlink(name)
        except OSError as exc:
            raise RegisterError(
                "folder_not_writable", folder=str(folder), detail=exc.strerror or str(exc)
            ) from None
        _remove_stale(self.target)
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _remove_stale(target: Path) -> None:
    prefix, suffix = _temp_name(target)
    limit = time.time() - STALE_TEMP
    try:
        with os.scandir(target.parent) as found:
            for item in found:
                if item.name.startswith(prefix) and item.name.endswith(suffix):
                    try:
                        if item.is_file(follow_symlinks=False) and item.stat().st_mtime < limit:
                            os.unlink(item.path)
                    except OSError:
                        pass  # another take removed it, or it cannot be: it harms nothing
    except OSError:
        pass


def _install(target: Path, shown: Path, nomor: str, draft: bytes, edited: bytes) -> bool:
    """Write ``edited`` over the draft at ``target`` (the number is committed); False when the file
    already carries exactly that (a concurrent take of the same draft wrote it)."""
    current = _current_bytes(target)
    if current == edited:
        return False
    if current != draft:
        raise RegisterError("number_not_written_changed", nomor=nomor, path=str(shown))
    try:
        with _beside(target, edited) as temp:
            _rename(temp, target)
    except OSError as exc:
        raise RegisterError(
            "number_not_written", nomor=nomor, path=str(shown), detail=exc.strerror or str(exc)
        ) from None
    return True


def _install_new(target: Path, data: bytes) -> None:
    """Put ``data`` at ``target``, which must not exist: never overwrite."""
    try:
        with _beside(target, data) as temp:
            try:
                os.link(temp, target)
            except FileExistsError:
                raise RegisterError("file_exists", path=str(target)) from None
            except OSError:  # no hard links here (some shares): check, then rename
                if target.exists():
                    raise RegisterError("file_exists", path=str(target)) from None
                _rename(temp, target)
    except OSError as exc:
        folder = str(target.parent)
        raise RegisterError("folder_not_writable", folder=folder, detail=exc.strerror or str(exc)) from None


@contextmanager
def _beside(target: Path, data: bytes) -> Iterator[Path]:
    """``data`` in a hidden temporary file beside ``target``, synced, with the permissions the
    user's file would have (mkstemp's 0600 is not what the user has); removed on the way out
    unless it was renamed into place."""
    prefix, suffix = _temp_name(target)
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, new_file_mode(target))
        yield Path(name)
    finally:
        try:
            os.unlink(name)
        except OSError:
            pass  # renamed into place; or a hidden .keputusan-tmp file, which the next take removes


def revise(path: Path, new_path: Path, revoke: bool = False) -> Decree:
    """A new draft from a signed decree: number and date cleared, linked to the decree it replaces.

    With ``revoke`` the standard diktum revoking the old decree goes before the last diktum.
    """
    old = load(path)
    if old.is_draft or old.content.nomor is None:
        raise RegisterError("revise_needs_final", path=str(path))
    if new_path.exists():
        raise RegisterError("file_exists", path=str(new_path))
    source = SourceText.read(path)
    text = source.text
    if new_path.parent.resolve() != path.parent.resolve():
        profile = (path.parent / old.content.profil).resolve()
        text = set_keys(text, path, {"profil": _relative(profile, new_path.parent)}, after=())
    text = set_keys(
        text,
        path,
        {"status": "draf", "nomor": None, "tanggal": None, "menggantikan": old.content.nomor},
        after=("status", "profil"),
    )
    if revoke:
        sentence = (
            f"Dengan ditetapkannya Keputusan ini, Keputusan {judul_kalimat(old.pejabat)} Nomor {old.content.nomor} "
            f"tentang {judul_kalimat(old.tentang)} dicabut dan dinyatakan tidak berlaku."
        )
        text = insert_before_last_item(text, path, "diktum", {"id": "pencabutan", "teks": sentence})
    made = [f for f in (new_path.parent, *new_path.parent.parents) if not f.exists()]
    try:
        new_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        folder = str(new_path.parent)
        raise RegisterError("folder_not_writable", folder=folder, detail=exc.strerror or str(exc)) from None
    try:
        load(new_path, text=text)  # the new draft, as if written there: problems name it
        _install_new(new_path, source.encode(text))
    except BaseException:
        for made_folder in made:  # the folders this command made, deepest first: nothing left behind
            try:
                made_folder.rmdir()
            except OSError:
                break
        raise
    return load(new_path)


def _relative(target: Path, folder: Path) -> str:
    return Path(os.path.relpath(target, folder.resolve())).as_posix()


def profiles_folder(start: Optional[Path] = None) -> Path:
    """Where the agency profiles are when none is named: content/profiles/ or profiles/ in the
    current folder, else content/profiles/ of the project (the nearest folder upwards holding
    .git or pyproject.toml) — so that commands work from the project root and from content/."""
    candidates = [Path("content") / "profiles", Path("profiles")]
    root = project_root(start or Path.cwd())
    if root is not None:
        candidates.append(root / "content" / "profiles")
    for folder in candidates:
        if folder.is_dir() and any(folder.glob("*.yaml")):
            return folder
    return candidates[0]


def profile_for(path: Optional[Path], content: Optional[Path] = None) -> tuple[Profil, Path]:
    """The profile named, or the only one in the profiles folder (see :func:`profiles_folder`)."""
    if path is None:
        folder = content / "profiles" if content is not None else profiles_folder()
        found = sorted(folder.glob("*.yaml"))
        if len(found) != 1:
            raise RegisterError("profile_ambiguous", count=len(found), folder=f"{folder}{os.sep}")
        path = found[0]
    problems: list[Problem] = []
    profil = load_profile(path, problems)
    if profil is None or any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return profil, path


@contextmanager
def agency_register(profile: Optional[Path], register: Optional[str]) -> Iterator[tuple[Profil, Register]]:
    """The agency's profile (named, or the only one in content/profiles/) and its open register,
    which must exist."""
    profil, profil_path = profile_for(profile)
    with Register(register_url(profil, profil_path, register)) as reg:
        yield profil, reg


def open_register(profile: Optional[Path], register: Optional[str], create: bool = False) -> Register:
    """The register ``--register`` names (no profile needed), else the profile's."""
    if register:
        return Register(_resolve(register, Path.cwd()), create)
    profil, profil_path = profile_for(profile)
    return Register(register_url(profil, profil_path), create)


@dataclass(frozen=True)
class Recorded:
    entry: Entry
    created: bool  # this record created the register
    upgraded: Optional[int]  # audit rows chained when it upgraded an earlier register
    register: str  # the register, as messages name it (no password)


def record(
    profile: Optional[Path],
    register: Optional[str],
    nomor: str,
    catatan: str,
    year: Optional[int] = None,
    tanggal: Optional[str] = None,
    oleh: Optional[str] = None,
    far_ahead: bool = False,
) -> Recorded:
    """Register a number taken outside the tool. The number, note, name and date are checked
    before the register is opened, so a mistyped one creates no register. A number far ahead of
    the year's highest needs ``far_ahead`` (every later take would follow it)."""
    profil, profil_path = profile_for(profile)
    tahun, urut = parse_number(profil, nomor, year)
    oleh = oleh or who()
    check_text(oleh, "--by")
    check_text(catatan, "--note")
    if tanggal is not None:
        check_date(tanggal)
    start = profil.nomor.mulai.get(tahun, 1)
    may_create(profil, profil_path, register)
    with Register(register_url(profil, profil_path, register), create=True) as reg:
        entry = reg.record(profil.nama, tahun, urut, nomor, oleh, catatan, tanggal, far_ahead, start)
    return Recorded(entry, reg.created, reg.upgraded, reg.shown)


def parse_number(profil: Profil, nomor: str, year: Optional[int]) -> tuple[int, int]:
    """(tahun, urut) of a number written in the agency's pattern."""
    match = profil.nomor.regex().fullmatch(nomor) if nomor.isascii() else None
    if match is None:
        raise RegisterError("number_off_pattern", nomor=printable(nomor), pola=profil.nomor.pola)
    groups = match.groupdict()
    tahun = int(groups["tahun"]) if groups.get("tahun") else year
    if tahun is None:
        raise RegisterError("number_needs_year", nomor=nomor)
    check_year(tahun, str(tahun))
    urut = int(groups["urut"]) if len(groups["urut"]) <= 12 else MAX_URUT + 1
    check_urut(nomor, urut)
    return tahun, urut
