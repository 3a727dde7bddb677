"""A decree's life: a draft takes a number when it is signed, and is later revised.

Ties the register to content files: which register an agency uses, what
identifies a decree, and the edits to its file (only the number, date and
status lines change).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .decree import Decree
from .edit import SourceText, insert_before_last_item, set_keys
from .errors import ContentError, Problem
from .fsutil import new_file_mode
from .load import load, load_profile
from .model import Profil
from .register import VOID, Entry, Register, RegisterError, is_postgres, safe_url, sqlite_path, who
from .text import judul_kalimat

TEMP_SUFFIX = ".keputusan-tmp"  # never .yaml: a folder build must not pick a half-done edit up


def _resolve(url: str, base: Path) -> str:
    """A PostgreSQL URL as given; an SQLite path (or ``sqlite:///path``) made absolute from ``base``."""
    if is_postgres(url) or ("://" in url and not url.startswith("sqlite:///")):
        return url
    path = sqlite_path(url).expanduser()
    return str((base / path).resolve())


def register_url(profil: Profil, profil_path: Path, override: Optional[str] = None) -> str:
    """Which register: ``--register`` (a path from the current folder), else the profile's
    ``nomor.register`` (a path from the profile's folder), else nomor.sqlite beside the profile."""
    if override:
        return _resolve(override, Path.cwd())
    return _resolve(profil.nomor.register_url or "nomor.sqlite", profil_path.parent)


def decree_key(path: Path) -> str:
    """What identifies a decree in the register: its content file."""
    return str(path.resolve())


@dataclass(frozen=True)
class Taken:
    entry: Entry
    new: bool  # False when the decree already had this number
    rewritten: bool = False  # the register had the number for this file, which did not carry it yet
    created: bool = False  # this take created the register
    upgraded: Optional[int] = None  # audit rows chained when this take upgraded an earlier register
    register: str = ""  # the register, as messages name it (no password)


def take(
    path: Path,
    date: dt.date,
    klasifikasi: Optional[str] = None,
    oleh: Optional[str] = None,
    register: Optional[str] = None,
) -> Taken:
    """Give the draft at ``path`` the next number, and write number, date and status into it.

    The edited file is written beside ``path`` under a temporary name and
    checked as a decree with its number while the register's lock is held;
    only then is the number committed and the file renamed over ``path``. If
    that rename fails, taking again writes the same number.
    """
    decree = load(path)
    profil = decree.profil
    code = klasifikasi or profil.nomor.klasifikasi
    check_klasifikasi(profil, code, date.year)
    url = register_url(profil, decree.profil_path, register)
    if not decree.is_draft:
        return _already_numbered(decree, url)
    source = SourceText.read(path)
    with _Probe(path) as probe, Register(url, create=True) as reg:

        def prepare(entry: Entry) -> None:
            updates = {
                "status": "ditetapkan",
                "nomor": entry.nomor,
                "tanggal": entry.tanggal or date.isoformat(),
            }
            probe.write(source.encode(set_keys(source.text, path, updates, after=("status", "profil"))))
            probe.check()

        entry, new = reg.take(
            profil.nama,
            date.year,
            profil.nomor.pola,
            code,
            decree_key(path),
            str(path),
            date.isoformat(),
            oleh or who(),
            profil.nomor.mulai.get(date.year, 1),
            prepare=prepare,
        )
        probe.install(entry.nomor, source.encode(source.text))
    return Taken(entry, new, not new, reg.created, reg.upgraded, reg.shown)


def _already_numbered(decree: Decree, url: str) -> Taken:
    """A decree that carries a number: the register must know it, and not as void."""
    assert decree.content.nomor is not None
    try:
        with Register(url) as reg:
            entry = reg.find(decree.profil.nama, decree.content.nomor)
    except RegisterError as exc:
        if exc.code != "register_missing":
            raise
        entry = None  # no register yet: it cannot know the number either
    if entry is None:
        raise RegisterError("number_not_in_register", nomor=decree.content.nomor)
    if entry.status == VOID:
        raise RegisterError("number_is_void", nomor=entry.nomor, alasan=entry.alasan_batal)
    return Taken(entry, False, register=safe_url(url) if is_postgres(url) else url)


def check_klasifikasi(profil: Profil, klasifikasi: str, year: int) -> None:
    """Refuse a classification code that would give a number off the agency's pattern."""
    sample = profil.nomor.pola.format(klasifikasi=klasifikasi, urut=1, tahun=year)
    if profil.nomor.regex().fullmatch(sample) is None:
        raise RegisterError("klasifikasi_invalid", klasifikasi=klasifikasi, pola=profil.nomor.pola)


def _rename(source: Path, target: Path) -> None:
    os.replace(source, target)


class _Probe:
    """An edited content file on its way in: written beside the target as
    ``.NAME.XXXX.keputusan-tmp`` (the profile path is relative to the folder;
    no folder listing picks such a name up), checked, then renamed over the
    target. Removed when it is not installed, whatever happens."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.path = target

    def __enter__(self) -> _Probe:
        folder = self.target.parent
        try:
            fd, name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=TEMP_SUFFIX, dir=folder)
        except OSError as exc:
            raise RegisterError(
                "folder_not_writable", folder=str(folder), detail=exc.strerror or str(exc)
            ) from None
        os.close(fd)
        self.path = Path(name)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass  # a hidden .keputusan-tmp file left behind harms nothing

    def write(self, data: bytes) -> None:
        try:
            with open(self.path, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(self.path, new_file_mode(self.target))  # mkstemp's 0600 is not what the user has
        except OSError as exc:
            folder = str(self.target.parent)
            raise RegisterError(
                "folder_not_writable", folder=folder, detail=exc.strerror or str(exc)
            ) from None

    def check(self) -> Decree:
        """Load the edited file as a decree; its problems are reported against the target."""
        try:
            return load(self.path)
        except ContentError as exc:
            moved = [
                dataclasses.replace(p, path=self.target) if p.path == self.path else p for p in exc.problems
            ]
            raise ContentError(moved) from None

    def install(self, nomor: str, expected: bytes) -> None:
        """Rename over the target, unless someone changed the target meanwhile."""
        try:
            if self.target.read_bytes() != expected:
                raise RegisterError("number_not_written_changed", nomor=nomor, path=str(self.target))
            _rename(self.path, self.target)
        except OSError as exc:
            raise RegisterError(
                "number_not_written", nomor=nomor, path=str(self.target), detail=exc.strerror or str(exc)
            ) from None

    def install_new(self) -> None:
        """Put the file at the target, which must not exist: never overwrite."""
        try:
            os.link(self.path, self.target)
        except FileExistsError:
            raise RegisterError("file_exists", path=str(self.target)) from None
        except OSError:  # no hard links here (some shares): check, then rename
            if self.target.exists():
                raise RegisterError("file_exists", path=str(self.target)) from None
            try:
                _rename(self.path, self.target)
            except OSError as exc:
                folder = str(self.target.parent)
                raise RegisterError(
                    "folder_not_writable", folder=folder, detail=exc.strerror or str(exc)
                ) from None


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
    new_path.parent.mkdir(parents=True, exist_ok=True)
    with _Probe(new_path) as probe:
        probe.write(source.encode(text))
        probe.check()
        probe.install_new()
    return load(new_path)


def _relative(target: Path, folder: Path) -> str:
    return Path(os.path.relpath(target, folder.resolve())).as_posix()


def profile_for(path: Optional[Path], content: Path = Path("content")) -> tuple[Profil, Path]:
    """The profile named, or the only one in content/profiles/."""
    if path is None:
        found = sorted((content / "profiles").glob("*.yaml"))
        if len(found) != 1:
            raise RegisterError("profile_ambiguous", count=len(found))
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
) -> Recorded:
    """Register a number taken outside the tool. The number is checked against the agency's
    pattern before the register is opened, so a mistyped number creates no register."""
    profil, profil_path = profile_for(profile)
    tahun, urut = parse_number(profil, nomor, year)
    with Register(register_url(profil, profil_path, register), create=True) as reg:
        entry = reg.record(profil.nama, tahun, urut, nomor, oleh or who(), catatan, tanggal)
    return Recorded(entry, reg.created, reg.upgraded, reg.shown)


def parse_number(profil: Profil, nomor: str, year: Optional[int]) -> tuple[int, int]:
    """(tahun, urut) of a number written in the agency's pattern."""
    match = profil.nomor.regex().fullmatch(nomor)
    if match is None:
        raise RegisterError("number_off_pattern", nomor=nomor, pola=profil.nomor.pola)
    groups = match.groupdict()
    tahun = int(groups["tahun"]) if groups.get("tahun") else year
    if tahun is None:
        raise RegisterError("number_needs_year", nomor=nomor)
    return tahun, int(groups["urut"])
