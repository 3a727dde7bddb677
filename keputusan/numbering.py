"""A decree's life: a draft takes a number when it is signed, and is later revised.

Ties the register to content files: which register an agency uses, what
identifies a decree, and the edits to its file (only the number, date and
status lines change).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .decree import Decree
from .edit import insert_before_last_item, scalar, set_keys
from .errors import ContentError, Problem
from .fsutil import atomic_write
from .load import load, load_profile
from .model import Profil
from .register import VOID, Entry, Register, RegisterError, who
from .text import judul_kalimat


def register_url(profil: Profil, profil_path: Path, override: Optional[str] = None) -> str:
    """--register, else the profile's ``nomor.register``, else nomor.sqlite beside the profile."""
    url = override or profil.nomor.register_url
    if url is None:
        return str(profil_path.parent / "nomor.sqlite")
    if "://" in url:
        return url
    return str((profil_path.parent / url).resolve())


def decree_key(path: Path) -> str:
    """What identifies a decree in the register: its content file."""
    return str(path.resolve())


@dataclass(frozen=True)
class Taken:
    entry: Entry
    new: bool  # False when the decree already had this number


def take(
    path: Path,
    date: dt.date,
    klasifikasi: Optional[str] = None,
    oleh: Optional[str] = None,
    register: Optional[str] = None,
) -> Taken:
    """Give the draft at ``path`` the next number, then write number, date and status into it."""
    decree = load(path)
    profil = decree.profil
    url = register_url(profil, decree.profil_path, register)
    with Register(url) as reg:
        if not decree.is_draft:
            assert decree.content.nomor is not None
            entry = reg.find(profil.nama, decree.content.nomor)
            if entry is None:
                raise RegisterError("number_not_in_register", nomor=decree.content.nomor)
            if entry.status == VOID:
                raise RegisterError("number_is_void", nomor=entry.nomor, alasan=entry.alasan_batal)
            return Taken(entry, False)
        entry, new = reg.take(
            profil.nama,
            date.year,
            profil.nomor.pola,
            klasifikasi or profil.nomor.klasifikasi,
            decree_key(path),
            str(path),
            date.isoformat(),
            oleh or who(),
            profil.nomor.mulai.get(date.year, 1),
        )
    text = path.read_text(encoding="utf-8")
    updates = {"status": "ditetapkan", "nomor": entry.nomor, "tanggal": entry.tanggal or date.isoformat()}
    edited = set_keys(text, path, updates, after=("status", "profil"))
    _write_checked(path, edited)
    return Taken(entry, new)


def _write_checked(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` only if it loads as a valid decree there."""
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", suffix=".yaml", dir=path.parent, delete=False
    ) as handle:
        handle.write(text)
        probe = Path(handle.name)
    try:
        load(probe)
    finally:
        probe.unlink()
    atomic_write(path, text.encode("utf-8"))


def revise(path: Path, new_path: Path, revoke: bool = False) -> Decree:
    """A new draft from a signed decree: number and date cleared, linked to the decree it replaces.

    With ``revoke`` the standard diktum revoking the old decree goes before the last diktum.
    """
    old = load(path)
    if old.is_draft or old.content.nomor is None:
        raise RegisterError("revise_needs_final", path=str(path))
    if new_path.exists():
        raise RegisterError("file_exists", path=str(new_path))
    text = path.read_text(encoding="utf-8")
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
        text = insert_before_last_item(text, path, "diktum", ["id: pencabutan", f"teks: {scalar(sentence)}"])
    new_path.parent.mkdir(parents=True, exist_ok=True)
    _write_checked(new_path, text)
    return load(new_path)


def _relative(target: Path, folder: Path) -> str:
    import os

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
    """The agency's profile (named, or the only one in content/profiles/) and its open register."""
    profil, profil_path = profile_for(profile)
    with Register(register_url(profil, profil_path, register)) as reg:
        yield profil, reg


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
