"""A decree's life: a draft takes a number when it is signed, and is later revised.

Ties the register to content files: which register an agency uses, what
identifies a decree, and the edits to its file (only the number, date and
status lines change).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .decree import Decree
from .edit import SourceText, insert_before_last_item, remove_key, replace_header, set_keys, set_value
from .errors import ContentError, KeputusanError, Problem
from .fsutil import new_file_mode
from .load import PROJECT_MARKERS, content_root, load, load_profile, project_root
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
from .richtext import Paragraph, RichText
from .text import judul_kalimat, romawi
from .yamlsource import read_yaml

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


def revise(
    path: Path,
    new_path: Path,
    revoke: bool = False,
    *,
    amend: bool = False,
    diktum: Sequence[str] = (),
    lampiran: bool = False,
) -> Decree:
    """A new draft from a signed decree, written at ``new_path`` (which must not exist).

    The number and date are cleared and the status is draf; the profile, the schema line and
    the comment at the top are written for the new file's place and content. By default the
    draft replaces the old decree (``menggantikan``; its revoking diktum is added when the
    decree is printed); with ``revoke`` that diktum is written into the file, before the last
    diktum. With ``amend`` it is a *Perubahan atas Keputusan ...*: the old decree stays in force
    (``mengubah``), ``tentang`` names the amendment, ``menetapkan`` is derived again, the
    menimbang start the amendment's reasoning, and the diktum are "Mengubah DIKTUM ... sehingga
    berbunyi sebagai berikut:" with the amended diktum's text to edit (``diktum``: their
    ordinals as printed; by default every diktum but the last one when it says when the decree
    takes effect), "Lampiran ... diubah ..." with the old lampiran kept to edit (``lampiran``),
    and "Keputusan ini mulai berlaku pada tanggal ditetapkan.". With only ``lampiran`` named,
    only the lampiran is amended.

    Every refusal names where it comes from and leaves nothing behind; the draft is checked as
    a decree at its place before it is written (atomically, never over a file).
    """
    if amend and revoke:
        raise ContentError(
            [Problem(path, None, None, "revise_amend_and_revoke", {"detail": "--amend --revoke"})]
        )
    if not amend and (diktum or lampiran):
        option = "--lampiran" if lampiran else "--diktum"
        raise ContentError(
            [Problem(path, None, None, "revise_needs_amend", {"option": option, "detail": option})]
        )
    old = load(path)
    if old.is_draft or old.content.nomor is None:
        raise RegisterError("revise_needs_final", path=str(path))
    try:
        taken = new_path.exists() or new_path.is_symlink()
    except OSError as exc:  # a name the file system refuses (too long, ...)
        folder = str(new_path.parent)
        raise RegisterError("folder_not_writable", folder=folder, detail=exc.strerror or str(exc)) from None
    if taken:
        raise RegisterError("file_exists", path=str(new_path))
    source = SourceText.read(path)
    amended = _amended_diktum(old, source.text, diktum, lampiran) if amend else ()
    _check_place(old, source.text, new_path)
    made = [f for f in (new_path.parent, *new_path.parent.parents) if not f.exists()]
    try:
        new_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        folder = str(new_path.parent)
        raise RegisterError("folder_not_writable", folder=folder, detail=exc.strerror or str(exc)) from None
    try:
        if amend:
            text = _amendment_text(old, source.text, new_path, amended, lampiran)
        else:
            text = _replacement_text(old, source.text, new_path, revoke)
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


def _check_place(old: Decree, text: str, new_path: Path) -> None:
    """Refuse a new file outside the project of the old one: its profile could not be named."""
    root = content_root(new_path)
    if not old.profil_path.resolve().is_relative_to(root):
        problem = read_yaml(text, old.path).problem(
            ("profil",),
            "revise_outside_project",
            new=str(new_path),
            root=str(content_root(old.path)),
            detail=str(new_path),
        )
        raise ContentError([problem])


def _replacement_text(old: Decree, text: str, new_path: Path, revoke: bool) -> str:
    """The old decree's text as the draft replacing it (``menggantikan``)."""
    path, nomor = old.path, _nomor(old)
    text = _placed(old, text, new_path)
    updates = {"status": "draf", "nomor": None, "tanggal": None, "mengubah": None, "menggantikan": nomor}
    text = set_keys(text, path, updates, after=("status", "profil"))
    if revoke:
        sentence = f"Dengan ditetapkannya Keputusan ini, {_cited(old)} dicabut dan dinyatakan tidak berlaku."
        text = insert_before_last_item(
            text, path, "diktum", {"id": _free_id(text, path, "pencabutan"), "teks": sentence}
        )
    how = (
        "Diktum pencabutannya ada sebelum diktum terakhir."
        if revoke
        else "Diktum pencabutannya dibubuhkan saat dicetak, sebelum diktum terakhir."
    )
    lines = [
        f"Draf pengganti Keputusan {judul_kalimat(old.pejabat)} Nomor {nomor} tentang {judul_kalimat(old.tentang)}.",
        f"Keputusan itu dicabut dan dinyatakan tidak berlaku (menggantikan: {nomor}). {how}",
        f"Dibuat dengan 'keputusan revise{' --revoke' if revoke else ''}' dari {_shown(old.path, new_path)}.",
        "",
        "Sunting bagian yang berubah. Nomor dan tanggal diisi saat penetapan (keputusan number take).",
    ]
    return _headed(old, text, new_path, lines)


@dataclass(frozen=True)
class _Amended:
    marker: str  # the diktum's ordinal as printed in the old decree
    teks: str  # its text (markup) as it is now: the drafter writes the new wording over it


def _amended_diktum(old: Decree, text: str, named: Sequence[str], lampiran: bool) -> tuple[_Amended, ...]:
    """The old decree's diktum that the amendment rewrites: those ``named`` by their ordinals as
    printed (KEDUA, kedua, DIKTUM KEDUA or 2); by default all of them except the last when it
    says when the decree takes effect ("mulai berlaku") and except a revoking diktum that is only
    added when printing; none by default when the amendment names ``lampiran``."""
    source = read_yaml(text, old.path)
    items = old.diktum()
    if lampiran and not old.content.lampiran:
        raise ContentError([source.problem(("lampiran",), "revise_no_lampiran", detail="--lampiran")])
    printed = {item.marker: index for index, item in enumerate(items)}
    chosen: set[int] = set()
    for value in named:
        word = " ".join(value.split()).upper().removeprefix("DIKTUM ").strip()
        index = (
            int(word) - 1
            if word.isdecimal() and word.isascii() and 0 < int(word) <= len(items)
            else printed.get(word)
        )
        if index is None:
            choices = ", ".join(item.marker for item in items)
            problem = source.problem(
                ("diktum",), "revise_unknown_diktum", True, value=value, choices=choices, detail=value
            )
            raise ContentError([problem])
        chosen.add(index)
    if not named and not lampiran:
        added = len(items) - 1 if old.revocation() is not None else None  # where Decree.diktum put it
        last = len(items) - 1
        takes_effect = "mulai berlaku" in " ".join(items[last].text.plain().lower().split())
        chosen = {i for i in range(len(items)) if i != added and not (i == last and takes_effect)}
        if not chosen:
            raise ContentError(
                [source.problem(("diktum",), "revise_nothing_to_amend", True, detail="--diktum")]
            )
    return tuple(_Amended(items[i].marker, items[i].text.source) for i in sorted(chosen))


def _amendment_text(
    old: Decree, text: str, new_path: Path, amended: tuple[_Amended, ...], lampiran: bool
) -> str:
    """The old decree's text as the draft of its amendment (``mengubah``)."""
    path, nomor = old.path, _nomor(old)
    text = _placed(old, text, new_path)
    tentang = f"PERUBAHAN ATAS KEPUTUSAN {old.pejabat} NOMOR {nomor} TENTANG {old.tentang}"
    updates = {"status": "draf", "nomor": None, "tanggal": None, "menggantikan": None, "mengubah": nomor}
    text = set_keys(text, path, updates, after=("status", "profil"))
    text = set_value(text, path, "tentang", tentang, after=("mengubah", "status", "profil"))
    text = remove_key(text, path, "menetapkan")  # derived again from the new tentang
    if not lampiran:
        text = remove_key(text, path, "lampiran")
    pejabat, cited = judul_kalimat(old.pejabat), _cited(old)
    ids = iter(
        _free_ids(
            text,
            path,
            ("alasan-perubahan", "perlu-perubahan", "perubahan", "perubahan-lampiran", "berlaku"),
            rewritten=("menimbang", "diktum"),
        )
    )
    menimbang = [
        {"id": next(ids), "teks": f"bahwa untuk ... perlu dilakukan perubahan atas {cited}"},
        {
            "id": next(ids),
            "teks": "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
            f"Keputusan {pejabat} tentang {_escaped(judul_kalimat(tentang))}",
        },
    ]
    note = ["Lengkapi alasan perubahan pada huruf a (di tempat '...')."]
    text = set_value(text, path, "menimbang", _wrapped(menimbang), after=("tentang",), comment=note)
    diktum: list[dict[str, str]] = []
    if amended:
        parts = _listing([f"DIKTUM {a.marker}" for a in amended])
        paragraphs = [f"Mengubah {parts} {cited} sehingga berbunyi sebagai berikut:"]
        paragraphs += [_quoted(a) for a in amended]
        diktum.append({"id": next(ids), "teks": "\n\n".join(paragraphs)})
    else:
        next(ids)
    if lampiran:
        labels = _lampiran_labels(len(old.content.lampiran))
        sentence = (
            f"{labels} {cited} diubah sehingga menjadi sebagaimana tercantum dalam {labels} Keputusan ini."
        )
        diktum.append({"id": next(ids), "teks": sentence})
    else:
        next(ids)
    diktum.append({"id": next(ids), "teks": "Keputusan ini mulai berlaku pada tanggal ditetapkan."})
    note = ["Tulis bunyi baru diktum yang diubah di bawah kalimat 'Mengubah ...'."] if amended else []
    text = set_value(text, path, "diktum", _wrapped(diktum), after=("mengingat",), comment=note)
    changed = _listing([f"DIKTUM {a.marker}" for a in amended] + (["lampiran"] if lampiran else []))
    lines = [
        f"Draf perubahan atas Keputusan {pejabat} Nomor {nomor} tentang {judul_kalimat(old.tentang)}.",
        f"Keputusan itu tetap berlaku (mengubah: {nomor}); yang diubah: {changed}.",
        f"Dibuat dengan 'keputusan revise --amend' dari {_shown(old.path, new_path)}.",
        "",
        "Sunting: alasan perubahan (menimbang huruf a), bunyi baru yang diubah (di DIKTUM KESATU draf ini)"
        + (", dan lampiran yang disalin dari keputusan lama" if lampiran else "")
        + ". Nomor dan tanggal diisi saat penetapan (keputusan number take).",
    ]
    return _headed(old, text, new_path, lines)


def _nomor(old: Decree) -> str:
    assert old.content.nomor is not None, "checked by revise"
    return old.content.nomor


def _cited(old: Decree) -> str:
    """'Keputusan Kepala Badan ... Nomor ... tentang ...' as markup (the words stay literal)."""
    return _escaped(
        f"Keputusan {judul_kalimat(old.pejabat)} Nomor {_nomor(old)} tentang {judul_kalimat(old.tentang)}"
    )


def _escaped(words: str) -> str:
    """Plain words as markup that reads as exactly these words (a '*' stays a star)."""
    return re.sub(r"([\\*])", r"\\\1", words)


def _listing(parts: Sequence[str]) -> str:
    """'A', 'A dan B', 'A, B, dan C'."""
    if len(parts) <= 2:
        return " dan ".join(parts)
    return ", ".join(parts[:-1]) + ", dan " + parts[-1]


def _lampiran_labels(count: int) -> str:
    """How the diktum names the lampiran: 'Lampiran', 'Lampiran I dan Lampiran II', ..."""
    if count == 1:
        return "Lampiran"
    return _listing([f"Lampiran {romawi(n)}" for n in range(1, count + 1)])


def _quoted(amended: _Amended) -> str:
    """The amended diktum as the amendment quotes it: 'KEDUA : <its text>'; a text that starts
    with a list gets its ordinal on a line of its own."""
    teks = amended.teks.strip("\n")
    first = teks.split("\n", 1)[0]
    blocks = RichText(teks).blocks
    if blocks and isinstance(blocks[0], Paragraph) and not first.startswith((" ", "\t")):
        return f"{amended.marker} : {teks}"
    return f"{amended.marker} :\n{teks}"


def _wrapped(items: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    """Items whose long texts are broken into lines a drafter can read and edit."""
    return [{k: (_wrap_markup(v) if k == "teks" else v) for k, v in item.items()} for item in items]


_ITEM_MARK = re.compile(r"^([-•]|\d{1,3}[.)]|[a-z][.)])$")
_LEAD = re.compile(r"^(\s*)((?:[-•]|\d{1,3}[.)]|[a-z][.)])\s+)?")
_MARKUP_WIDTH = 84  # a text's lines in the file, inside '  - teks: |-' (6 columns in)


def _wrap_markup(text: str) -> str:
    """Long lines of markup broken at spaces, so that the text reads exactly the same (checked:
    the same paragraphs, lists and styles); a text that would not is left as it was."""
    if "\n" not in text and len(text) <= _MARKUP_WIDTH:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= _MARKUP_WIDTH:
            out.append(line)
            continue
        lead = _LEAD.match(line)
        assert lead is not None  # matches the empty string
        hang = " " * len(lead.group(0))
        words = line[len(lead.group(0)) :].split(" ")
        current = lead.group(0) + words[0]
        for word in words[1:]:
            if len(current) + 1 + len(word) > _MARKUP_WIDTH and not _ITEM_MARK.match(word) and word:
                out.append(current)
                current = hang + word
            else:
                current += " " + word
        out.append(current)
    wrapped = "\n".join(out)
    return wrapped if RichText(wrapped).blocks == RichText(text).blocks else text


def _placed(old: Decree, text: str, new_path: Path) -> str:
    """The text with ``profil`` naming the old decree's profile from the new file's folder."""
    named = old.content.profil
    profile = _path_from(new_path.parent, old.profil_path, typed=named)
    return text if profile == named else set_keys(text, old.path, {"profil": profile}, after=())


def _headed(old: Decree, text: str, new_path: Path, lines: Sequence[str]) -> str:
    """The text with the comment at the top describing the new draft, after the line that
    points editors to the schema of content files (from the new file's folder)."""
    schema = _schema_for(old, text, new_path)
    head = [f"yaml-language-server: $schema={schema}", ""] if schema else []
    for line in lines:
        head += _comment_lines(line) if line else [""]
    return replace_header(text, head)


_SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$", re.MULTILINE)


def _schema_for(old: Decree, text: str, new_path: Path) -> Optional[str]:
    """Where the new file finds the schema: where the old file's schema line points, seen from the
    new file's folder (a URL as it is); without such a line, the schema ``keputusan schema``
    writes (content/schema/ of the project, or schema/ beside the profiles folder) if it is there."""
    found = _SCHEMA_LINE.search(_leading_comments(text))
    if found is not None:
        pointer = found.group(1)
        if "://" in pointer or pointer.startswith("/"):
            return pointer
        return _path_from(new_path.parent, old.path.parent / pointer)
    root = project_root(new_path.parent)
    candidates = [old.profil_path.resolve().parent.parent / "schema" / SCHEMA_FILE]
    if root is not None:
        candidates.insert(0, root / "content" / "schema" / SCHEMA_FILE)
    for candidate in candidates:
        if candidate.is_file():
            return _path_from(new_path.parent, candidate)
    return None


SCHEMA_FILE = "keputusan.schema.json"


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines)


def _comment_lines(sentence: str, width: int = 88) -> list[str]:
    """A sentence as comment lines of at most ``width`` columns (with '# '); control characters,
    which a file name may hold, shown as '?'."""
    clean = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", "?", sentence)
    lines: list[str] = []
    for word in clean.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width - 2:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _shown(target: Path, folder_of: Path) -> str:
    """``target`` as a path from the folder of ``folder_of``."""
    return _path_from(folder_of.parent, target)


def _path_from(folder: Path, target: Path, typed: Optional[str] = None) -> str:
    """How a file in ``folder`` names ``target``: a relative path that leads, links followed as
    the loader follows them, to the same file as ``target``, whatever the current folder, and
    that does not climb out of the project the folder is in (as the user named the folder).

    Tried in turn: ``typed`` as it was written (a file in the same place keeps it); the path as
    the folders are named (through the links the user named them by: a profile that is a link
    stays that link); from the folders the links lead to, keeping the target's own name; from
    the file itself. The first that leads to the target and stays in the project is taken,
    else the first that leads to the target.
    """
    real = target.resolve()
    here = folder if folder.is_absolute() else Path.cwd() / folder
    candidates = [typed] if typed is not None else []
    try:
        candidates += [
            os.path.relpath(os.path.abspath(target), os.path.abspath(here)),
            os.path.relpath(target.parent.resolve() / target.name, here.resolve()),
            os.path.relpath(real, here.resolve()),
        ]
    except ValueError:  # another drive (Windows): no relative path; the loader will say so
        return typed if typed is not None else str(real)
    leading = [c for c in candidates if c is not None and (here / c).resolve() == real]
    root = _named_root(Path(os.path.abspath(here)))
    inside = [
        c for c in leading if Path(os.path.normpath(os.path.abspath(here) + os.sep + c)).is_relative_to(root)
    ]
    chosen = (inside or leading or candidates)[0] or str(real)
    return Path(chosen).as_posix()


def _named_root(folder: Path) -> Path:
    """The project a folder is in, as the folder is named (links not followed): the nearest
    folder upwards holding .git or pyproject.toml, else the folder itself."""
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in PROJECT_MARKERS):
            return candidate
    return folder


def _free_id(text: str, path: Path, wanted: str) -> str:
    return _free_ids(text, path, (wanted,))[0]


def _free_ids(text: str, path: Path, wanted: Sequence[str], rewritten: Sequence[str] = ()) -> list[str]:
    """``wanted`` ids, each with a number added when the file already uses it (ids are unique in
    a file), not counting the ids of the top-level keys ``rewritten`` (written anew)."""
    data = read_yaml(text, path).data
    kept = {k: v for k, v in data.items() if k not in rewritten} if isinstance(data, dict) else data
    used = set(_ids_in(kept))
    out = []
    for name in wanted:
        ident, n = name, 1
        while ident in used:
            n += 1
            ident = f"{name}-{n}"
        used.add(ident)
        out.append(ident)
    return out


def _ids_in(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                yield value
            else:
                yield from _ids_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from _ids_in(value)


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
