"""What the web app does, without the web: a content folder seen as a list of decrees, edited
through form fields, checked, saved, previewed, numbered, compared and archived.

Every action goes through the same library functions as the command line (load, build,
numbering, redline, archive); this module only adds what a browser needs: a working copy of
the content carried in the page, form fields addressed by data paths, and the check's
messages placed at the fields they concern. :mod:`keputusan.web` serves it over HTTP.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from . import roundtrip
from .errors import CodedError, ContentError, Problem
from .messages import describe, say
from .yamlsource import alias_count

Path_ = roundtrip.Path_

ROLES = ("staf", "hukum", "arsiparis", "admin")
PERMISSIONS: dict[str, frozenset[str]] = {
    "lihat": frozenset(ROLES),  # read everything, preview, download, compare
    "ubah": frozenset({"staf", "hukum", "admin"}),  # edit and save, draft a revision
    "nomor": frozenset({"staf", "admin"}),  # take, record and void numbers
    "arsip": frozenset({"arsiparis", "admin"}),  # archive a signed PDF
}


class NotFound(CodedError):
    """A decree name that is not one of the content folder's files."""


class TooLarge(CodedError):
    """A working copy larger than a content file may be."""


class StaleForm(CodedError):
    """A form whose working copy or field names do not fit the decree (forged or very old)."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- the list


@dataclass(frozen=True)
class Entry:
    name: str  # the path under the content folder, with '/'
    path: Path
    status: str = ""
    nomor: str = ""
    tanggal: str = ""
    tahun: Optional[int] = None
    tentang: str = ""
    profil: str = ""  # the profile's path under the content folder
    errors: tuple[Problem, ...] = ()

    def matches(self, words: str) -> bool:
        hay = " ".join((self.name, self.nomor, self.tentang, self.tanggal)).casefold()
        return all(word in hay for word in words.casefold().split())


# --------------------------------------------------------------------------- drafts in the page


@dataclass
class Draft:
    """A decree being edited: the file as read (``base`` is its digest), and the working copy."""

    entry: Entry
    original: str  # the file's text as read (no BOM, LF)
    base: str
    data: Any  # ruamel's data of the working copy
    focus: Optional[str] = None  # the item to put the cursor in after an add or a move
    moved: bool = False  # the focus is an item moved (its ▲ button), not one added (its first field)

    @property
    def kerja(self) -> str:
        return roundtrip.dump(self.data)


@dataclass
class Checked:
    """The check of a working copy: messages by field, and those that belong to no field."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # warnings of other files, and of no field
    notes: dict[str, list[str]] = field(default_factory=dict)  # warnings by field (saving goes on)

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.fields.values()) + len(self.general)


def dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)


def parse_path(data: Any, text: str) -> Path_:
    """A dotted field name resolved against the data: an index in a list, a key in a mapping."""
    out: list[roundtrip.Key] = []
    node = data
    for part in text.split(".") if text else []:
        if isinstance(node, list):
            if not part.isdigit():
                raise StaleForm("web_stale_form", field=text)
            key: roundtrip.Key = int(part)
        elif isinstance(node, dict):
            key = part
        else:
            raise StaleForm("web_stale_form", field=text)
        out.append(key)
        try:
            node = roundtrip.get(data, tuple(out))
        except roundtrip.EditError:
            node = None
    return tuple(out)


# new items, by the list they go into (the last key of its path)
def _new_item(data: Any, where: Path_) -> Any:
    kind = next((k for k in reversed(where) if isinstance(k, str)), "")
    if kind in ("menimbang", "memperhatikan", "diktum"):
        return {"teks": ""}
    if kind == "mengingat":
        return {"jenis": "Peraturan Daerah", "nomor": "", "tahun": dt.date.today().year, "tentang": ""}
    if kind == "tembusan":
        return ""
    if kind == "indikator":
        return _new_indicator(data)
    if kind == "sasaran":
        return {"nama": "", "indikator": [_new_indicator(data)]}
    if kind == "baris":
        table = roundtrip.get(data, where[:-1])
        width = max((len(row) for row in table.get("baris", []) if isinstance(row, list)), default=1)
        return [""] * width
    if kind == "hierarki":
        return {"jabatan": "", "paraf": ""}
    if kind == "koordinasi":
        return {"unit": "", "nama": "", "paraf": ""}
    raise StaleForm("web_stale_form", field=dotted(where))


def _new_indicator(data: Any) -> dict[str, Any]:
    taken = {
        v for p, v in roundtrip.walk_scalars(data) if len(p) > 1 and p[-1] == "id" and isinstance(v, str)
    }
    n = 1
    while f"indikator-baru-{n}" in taken:
        n += 1
    blank = {k: "" for k in ("nama", "makna", "alasan_pemilihan", "formulasi_perhitungan")}
    return {
        "id": f"indikator-baru-{n}",
        **blank,
        "sumber_referensi": [""],
        "penanggung_jawab": "",
        "sumber_data": "",
    }


_NOT_DECREES = frozenset({"profiles", "schema", ".git"})
_OP = re.compile(r"^(tambah|hapus|naik|turun|pindah):([a-z0-9_.]*)(?::(\d{1,6}))?$")


class Workspace:
    """One content folder as the web app sees it."""

    def __init__(
        self,
        content: Path,
        *,
        output: Optional[Path] = None,
        register: Optional[str] = None,
        archive: Optional[Path] = None,
        trust: Optional[Path] = None,
        lang: str = "id",
    ) -> None:
        self.content = content.resolve()
        self.output = output
        self.register = register
        self.archive_root = archive or Path("archive")
        self.trust = trust
        self.lang = lang
        self._lock = threading.RLock()  # one save or take at a time in this server
        # one document built, rendered, compared or checked at a time: pdfium and reportlab's
        # font registry are not thread-safe, and each build takes a core anyway
        self._documents = threading.RLock()
        self._entries: dict[Path, tuple[object, Entry]] = {}
        self._previews: dict[str, list[bytes]] = {}
        self._compared: Optional[tuple[Any, tuple[str, bytes, list[str]]]] = None

    # ----------------------------------------------------------------- listing

    def files(self) -> dict[str, Path]:
        from .load import _is_profile_file, content_files

        folders = [self.content] + sorted(
            p
            for p in self.content.iterdir()
            if p.is_dir() and not p.is_symlink() and p.name not in _NOT_DECREES
        )
        found, _missing = content_files(folders)
        out = {}
        for path in found:
            if _is_profile_file(path):
                continue
            try:
                name = path.resolve().relative_to(self.content).as_posix()
            except ValueError:  # a link out of the folder
                continue
            out[name] = path
        return out

    def resolve(self, name: str) -> Path:
        """The file of a decree name from a URL: only names the folder lists (no '..', no links out)."""
        path = self.files().get(name)
        if path is None:
            raise NotFound("web_not_found", name=name)
        return path

    @staticmethod
    def _raw(path: Path) -> bytes:
        """A decree file's bytes, read as the loader reads it: an ordinary file within the content
        size limit, else the loader's located problem (a ContentError)."""
        from .fsutil import FileRefused, read_bounded
        from .limits import limit

        try:
            return read_bounded(path, limit("content_bytes"))
        except FileRefused:
            from .load import load

            load(path)  # raises the file's problem: too large, not a file, unreadable
            raise NotFound("web_not_found", name=path.name) from None

    def entry(self, name: str, path: Path) -> Entry:
        from .fsutil import stamp
        from .load import load

        mark = stamp(path)
        cached = self._entries.get(path)
        if cached is not None and cached[0] == mark:
            return cached[1]
        try:
            decree = load(path)
        except ContentError as exc:
            made = Entry(name, path, errors=tuple(exc.errors))
        else:
            c = decree.content
            made = Entry(
                name,
                path,
                status=c.status,
                nomor=c.nomor or "",
                tanggal=c.tanggal.isoformat() if c.tanggal else "",
                tahun=c.tanggal.year if c.tanggal else None,
                tentang=" ".join(c.tentang.split()),
                profil=self._relative(decree.profil_path),
            )
        self._entries[path] = (mark, made)
        return made

    def entries(self, words: str = "", year: Optional[int] = None, status: str = "") -> list[Entry]:
        out = [self.entry(name, path) for name, path in sorted(self.files().items())]
        if words.strip():
            out = [e for e in out if e.matches(words)]
        if year:
            out = [e for e in out if e.tahun == year]
        if status == "galat":
            out = [e for e in out if e.errors]
        elif status:
            out = [e for e in out if e.status == status]
        return out

    # ----------------------------------------------------------------- editing

    def open(self, name: str) -> Draft:
        from .edit import SourceText

        path = self.resolve(name)
        raw = self._raw(path)
        try:
            source = SourceText.decode(raw)
            text = source.text
            data = roundtrip.load(text)
        except Exception:  # not UTF-8, or ruamel's parse errors: show the loader's located problems
            from .load import load

            load(path)  # raises ContentError with the file's line and column
            raise StaleForm("web_stale_form", field="") from None
        return Draft(self.entry(name, path), text, digest(raw), data)

    def apply(self, name: str, base: str, kerja: str, values: Mapping[str, str], op: str = "") -> Draft:
        """The working copy sent back by the page, with the fields typed and one action applied."""
        from .edit import SourceText

        path = self.resolve(name)
        raw = self._raw(path)
        original = SourceText.decode(raw).text
        kerja = kerja.replace("\r\n", "\n")
        from .limits import limit

        if len(kerja.encode("utf-8", "surrogatepass")) > limit("content_bytes"):  # as the CLI reads files
            raise TooLarge("web_content_too_large", most=limit("content_bytes") >> 20)
        if kerja and alias_count(kerja) > alias_count(original):  # the app never writes one: a forged page
            raise StaleForm("web_stale_form", field="kerja")
        try:
            data = roundtrip.load(kerja) if kerja else roundtrip.load(original)
        except Exception:  # ruamel's many parse errors: the page's hidden copy was damaged
            raise StaleForm("web_stale_form", field="kerja") from None
        if not isinstance(data, dict):
            raise StaleForm("web_stale_form", field="kerja")
        for dotted_name, text in values.items():
            try:
                roundtrip.set_text(data, parse_path(data, dotted_name), text)
            except roundtrip.EditError:
                raise StaleForm("web_stale_form", field=dotted_name) from None
        draft = Draft(self.entry(name, path), original, base, data)
        if op:
            draft.focus = self._operate(data, op)
            draft.moved = op.startswith(("naik:", "turun:", "pindah:"))
        return draft

    def _operate(self, data: Any, op: str) -> Optional[str]:
        match = _OP.match(op)
        if match is None:
            raise StaleForm("web_stale_form", field=op)
        verb, where, number = match.group(1), parse_path(data, match.group(2)), match.group(3)
        try:
            if verb == "tambah":  # add to the list at `where`, at index `number` (default: the end)
                seq = roundtrip.get(data, where) if _exists(data, where) else []
                at = len(seq) if number is None else min(int(number), len(seq))
                roundtrip.insert(data, where, at, _new_item(data, where))
                return dotted((*where, at))
            if verb == "hapus":
                roundtrip.remove(data, where)
                return None
            index = where[-1] if where else None
            if not isinstance(index, int):
                raise StaleForm("web_stale_form", field=op)
            if verb == "pindah":  # move to index `number` of the same list (drag and drop)
                to = int(number or 0)
                roundtrip.move(data, where, to)
                return dotted((*where[:-1], to))
            to = index - 1 if verb == "naik" else index + 1
            seq = roundtrip.get(data, where[:-1])
            if 0 <= to < len(seq):
                roundtrip.move(data, where, to)
                return dotted((*where[:-1], to))
            return self._cross(data, where, verb)
        except roundtrip.EditError:
            raise StaleForm("web_stale_form", field=op) from None

    @staticmethod
    def _cross(data: Any, where: Path_, verb: str) -> Optional[str]:
        """An indicator moved up from the first place of its sasaran goes to the end of the
        sasaran above; moved down from the last, to the start of the sasaran below."""
        if len(where) < 4 or where[-2] != "indikator" or where[-4] != "sasaran":
            return dotted(where)
        group = where[-3]
        assert isinstance(group, int)
        groups = roundtrip.get(data, where[:-3])
        other = group - 1 if verb == "naik" else group + 1
        if not 0 <= other < len(groups) or len(groups[group]["indikator"]) == 1:
            return dotted(where)
        target = (*where[:-3], other, "indikator")
        to = len(groups[other]["indikator"]) if verb == "naik" else 0
        roundtrip.move_between(data, where, target, to)
        return dotted((*target, to))

    def check(self, draft: Draft) -> Checked:
        """The decree's check on the working copy, each message at the field it concerns."""
        from .load import load

        text = draft.kerja
        try:
            decree = load(draft.entry.path, text=text)
        except ContentError as exc:
            problems: list[Problem] = list(exc.problems)
        else:
            problems = list(decree.warnings)
        return self.placed(problems, draft.entry.path, text)

    def placed(
        self, problems: list[Problem], path: Path, text: str, out: Optional[Checked] = None
    ) -> Checked:
        """Problems of the decree at ``path`` (whose content is ``text``) at the fields they concern:
        errors in ``fields``, warnings in ``notes``; those of other files (the profile) apart."""
        out = out or Checked()
        places: Optional[list[tuple[int, int, Path_]]] = None
        for problem in problems:
            what, fix = describe(problem, self.lang)
            words = f"{what} {fix}".strip()
            same_file = problem.path is not None and Path(problem.path) == path
            if same_file:
                if places is None:  # where each key is: read only when a message needs a field
                    places = roundtrip.positions(roundtrip.load(text))
                where = dotted(roundtrip.path_at(places, problem.line, problem.column))
                (out.notes if problem.severity == "warning" else out.fields).setdefault(where, []).append(
                    words
                )
            elif problem.severity == "warning":
                out.warnings.append(words)
            else:
                where = f"{Path(str(problem.path)).name}:{problem.line}" if problem.path else ""
                out.general.append(f"{where}: {words}" if where else words)
        return out

    NUMBER_FIELDS = ("nomor", "tanggal", "status")

    def number_fields_changed(self, draft: Draft) -> list[str]:
        """The number, date and status fields the working copy changes from the file on disk:
        only a role that may number changes them (they come from the register)."""
        before = roundtrip.load(draft.original)
        return [
            key
            for key in self.NUMBER_FIELDS
            if roundtrip.shown(before.get(key) if isinstance(before, dict) else None)
            != roundtrip.shown(draft.data.get(key))
        ]

    def save(self, name: str, draft: Draft) -> tuple[str, Checked]:
        """Write the working copy if it checks and the file is still the one the page was opened
        from. Returns ('disimpan' | 'galat' | 'bentrok' | 'sama', check)."""
        checked = self.check(draft)
        return self.write(name, draft, checked)

    def write(self, name: str, draft: Draft, checked: Checked) -> tuple[str, Checked]:
        """:meth:`save` with the check done (and perhaps added to) by the caller."""
        from .edit import SourceText
        from .fsutil import atomic_write

        if checked.count:
            return "galat", checked
        with self._lock:
            path = self.resolve(name)
            raw = self._raw(path)
            if digest(raw) != draft.base:
                try:  # a second click on Save, or a reload that posts again: the file holds these edits
                    if roundtrip.holds(SourceText.decode(raw).text, draft.data):
                        return "sama", checked
                except UnicodeDecodeError:
                    pass
                return "bentrok", checked
            source = SourceText.decode(raw)
            try:
                text = roundtrip.merged(source.text, draft.data)
            except roundtrip.Unfaithful:
                checked.general.append(say("web_unfaithful", self.lang))
                return "galat", checked
            if text == source.text:
                return "sama", checked
            written = source.encode(text)
            atomic_write(path, written)
        draft.original, draft.base = text, digest(written)  # the page goes on from the file as saved
        return "disimpan", checked

    # ----------------------------------------------------------------- documents

    def decree(self, name: str) -> Any:
        from .load import load

        return load(self.resolve(name))

    def pdf(self, name: str) -> bytes:
        from .build import Options, pdf_bytes

        with self._documents:
            return pdf_bytes(self.decree(name), Options())

    def docx(self, name: str) -> bytes:
        from .build import Options, _docx

        with self._documents:
            return _docx(self.decree(name), Options())

    def pages(self, name: str) -> tuple[str, list[bytes]]:
        """The PDF's pages as PNG images (96 dpi), cached by the file's bytes."""
        path = self.resolve(name)
        key = digest(self._raw(path))
        pages = self._previews.get(key)
        if pages is None:
            from .pdfpages import png_pages

            data = self.pdf(name)
            with self._documents:  # pdfium is not thread-safe
                pages = png_pages(data)
            self._previews = {key: pages}  # one decree's pages at a time
        return key, pages

    # ----------------------------------------------------------------- numbering

    def take(
        self, name: str, oleh: str, tanggal: Optional[str] = None, klasifikasi: Optional[str] = None
    ) -> Any:
        from .numbering import take
        from .register import check_date

        when = check_date(tanggal) if tanggal else dt.date.today()
        with self._lock, self._documents:
            return take(self.resolve(name), when, klasifikasi or None, oleh, self.register)

    def _relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.content).as_posix()
        except ValueError:  # a profile outside the content folder
            return ""

    def profiles(self) -> dict[str, Path]:
        """The profiles the folder's decrees use (each has its own register), by their path under
        the content folder."""
        out = {}
        for entry in self.entries():
            if entry.profil and entry.profil not in out:
                out[entry.profil] = self.content / entry.profil
        return dict(sorted(out.items()))

    def profile(self, name: str) -> Optional[Path]:
        """A profile named by the page, only one of :meth:`profiles` (default: the first)."""
        found = self.profiles()
        if not name:
            return next(iter(found.values()), None)
        if name not in found:
            raise NotFound("web_not_found", name=name)
        return found[name]

    def numbers(self, profil: str = "", year: Optional[int] = None) -> tuple[list[Any], list[Any]]:
        from .numbering import agency_register

        with agency_register(self.profile(profil), self.register) as (agency, reg):
            return reg.entries(agency.nama, year), reg.protection()

    def record(
        self, profil: str, nomor: str, note: str, oleh: str, tanggal: Optional[str], year: Optional[int]
    ) -> Any:
        from .numbering import record

        with self._lock:
            return record(
                self.profile(profil), self.register, nomor, note, year, tanggal or None, oleh, False
            )

    def void(self, profil: str, nomor: str, reason: str, oleh: str) -> None:
        from .numbering import agency_register

        with self._lock, agency_register(self.profile(profil), self.register) as (agency, reg):
            reg.void(agency.nama, nomor, oleh, reason)

    # ----------------------------------------------------------------- review

    def revise(self, name: str, new_name: str, mode: str) -> str:
        from .numbering import revise

        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}", new_name):
            raise NotFound("web_bad_name", name=new_name)
        if not new_name.endswith((".yaml", ".yml")):
            new_name += ".yaml"
        path = self.resolve(name)
        target = path.parent / new_name
        with self._lock:
            revise(path, target, revoke=(mode == "cabut"), amend=(mode == "ubah"))
        return target.resolve().relative_to(self.content).as_posix()

    def compare(self, name: str, against: str, rev: str, author: str) -> tuple[str, bytes, list[str]]:
        """The change summary (HTML) and the redline DOCX of ``name`` against another decree of the
        folder, or against itself at a git revision."""
        from .fsutil import stamp
        from .gitrev import load_at_revision
        from .load import load
        from .redline import html_summary, render, summary_lines

        path = self.resolve(name)
        key = (name, against, rev, author, stamp(path), stamp(self.resolve(against)) if against else None)
        if self._compared and self._compared[0] == key:  # the page, then its summary frame and download
            return self._compared[1]
        new = load(path)
        if rev:
            old = load_at_revision(path, rev)
            old_name = f"{path.name}@{rev}"
        else:
            old_path = self.resolve(against)
            old = load(old_path)
            old_name = old_path.name
        with self._documents:
            data, changes = render(old, new, author)
        result = html_summary(old_name, path.name, changes), data, summary_lines(changes)
        self._compared = (key, result)
        return result

    def previous(self, name: str) -> Optional[str]:
        """The decree this one replaces or amends, when the folder holds it."""
        entry = self.entry(name, self.resolve(name))
        if entry.errors:
            return None
        content = self.decree(name).content
        wanted = content.menggantikan or content.mengubah
        if not wanted:
            return None
        for other in self.entries():
            if other.nomor == wanted and other.name != name:
                return other.name
        return None

    # ----------------------------------------------------------------- archive

    def store(self) -> Any:
        from .archive import Archive

        return Archive(self.archive_root, self.trust)

    def archive_add(self, name: str, pdf: bytes, oleh: str, filename: str = "") -> dict[str, Any]:
        """Check and store an uploaded signed PDF. Refusals name the file as uploaded
        (``filename``), not the temporary copy the checks read."""
        path = self.resolve(name)
        decree = self.decree(name)
        shown = (
            re.sub(r"[^\w .()-]", "_", Path(filename.replace("\\", "/")).name)[:120] or f"{decree.name}.pdf"
        )
        with tempfile.TemporaryDirectory(prefix="keputusan-unggah-") as scratch:
            upload = Path(scratch) / "unggahan.pdf"
            upload.write_bytes(pdf)
            try:
                with self._lock, self._documents:
                    record: dict[str, Any] = self.store().add(upload, decree, path, oleh=oleh)
            except CodedError as exc:
                exc.params = {k: shown if v == str(upload) else v for k, v in exc.params.items()}
                raise
        return record


def _exists(data: Any, path: Path_) -> bool:
    try:
        roundtrip.get(data, path)
    except roundtrip.EditError:
        return False
    return True
