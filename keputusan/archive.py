"""The archive of signed decrees: check, store write-once, find, prove, repair.

A signed PDF is stored only when every check passes, all of them made before
anything is written, so a refused file leaves the archive exactly as it was:

1. it is not too big, does not inflate without bound, and holds no active
   content (JavaScript, actions, embedded files, XFA) in any revision;
2. every digital signature is intact, covers the file (or its signed revision
   plus nothing but validation data), and chains to a root in the trust store
   (:mod:`signatures`);
3. its content is the approved build, at the strongest tier that applies:

   ``identik``
       the bytes the first signature covers begin with a fresh build of the
       source — same engine and options, read from the PDF's build stamp —
       byte for byte, and the signed pages look and read like it;
   ``cocok``
       the bytes differ (a signing service rewrote the file) but every page
       has the build's words in the build's order and the build's look
       (:mod:`pdfpages`), allowing only the signature stamps and the TTE footer;
   ``pindaian``
       a scan without a text layer, accepted only with ``scan=True`` and
       recorded as not verified.

Files are written once (never replaced; a correction supersedes, keeping the
old file) and every event is a line appended to the hash-chained
``manifest.jsonl`` (:mod:`manifest`), under a lock: checking that a number is
not archived yet and storing it are one step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from . import manifest as ledger
from .decree import Decree
from .errors import CodedError, Finding
from .signatures import SignatureCheck, TrustProblem
from .text import judul_kalimat

MANIFEST = "manifest.jsonl"
QUARANTINE = "karantina"
TIERS = ("identik", "cocok", "pindaian")


class ArchiveError(CodedError):
    """A signed PDF refused, or the archive unusable. ``hint``, when set, names a second
    message that says what probably went wrong."""

    def __init__(self, code: str, hint: Optional[str] = None, **params: Any) -> None:
        super().__init__(code, **params)
        self.hint = hint


@dataclass(frozen=True)
class Verdict:
    """How the content of a signed PDF was verified."""

    tier: str
    pages: int = 0
    words: int = 0
    engine: str = ""
    fingerprint: str = ""  # SHA-256 of the PDF's words, page by page: re-checked by verify
    detail: dict[str, Any] = field(default_factory=dict)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def number_key(nomor: str) -> str:
    """A number as compared: '800/01199/KPTS/...' is the same number as '800/1199/Kpts/...'."""
    parts = []
    for part in nomor.strip().split("/"):
        part = part.strip()
        parts.append(str(int(part)) if part.isascii() and part.isdigit() else part.casefold())
    return "/".join(parts)


def safe_name(nomor: str) -> str:
    """A number as a file name: '800/1199/Kpts/Ka/BKPSDM/2023' -> '800_1199_Kpts_Ka_BKPSDM_2023'."""
    return re.sub(r"[^A-Za-z0-9.-]+", "_", nomor).strip("_.")[:180] or "tanpa-nomor"


# --------------------------------------------------------------------------- reading a PDF


def read_pdf(path: Path) -> bytes:
    """The bytes of a PDF to archive: an ordinary file, refused at once when over the size limit."""
    from .fsutil import FileRefused, read_bounded
    from .limits import env_name, limit

    most = limit("pdf_bytes")
    try:
        data = read_bounded(path, most)
    except FileRefused as refusal:
        if refusal.kind == "too_big":
            raise ArchiveError(
                "archive_too_big",
                path=str(path),
                size_mb=_mb(refusal.size),
                limit_mb=_mb(most),
                env=env_name("pdf_bytes"),
            ) from None
        if refusal.kind == "unreadable":
            raise ArchiveError("archive_unreadable", path=str(path), detail=refusal.detail) from None
        if refusal.kind == "missing":
            raise ArchiveError("archive_unreadable", path=str(path), detail="-") from None
        raise ArchiveError("archive_special_file", path=str(path)) from None
    if not data.startswith(b"%PDF-"):
        raise ArchiveError("archive_not_pdf", detail=path.name)
    return data


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.3g}"


def refuse_active_content(pdf: bytes) -> None:
    """Refuse a PDF that inflates without bound or carries active content."""
    from .pdfmeta import inspect_pdf

    findings = inspect_pdf(pdf)
    if findings:
        raise ArchiveError(findings[0].code, **findings[0].params)


def pdf_words(pdf: bytes) -> list[list[str]]:
    from .pdfpages import PdfPagesError, page_words

    try:
        return page_words(pdf)
    except PdfPagesError as exc:
        raise ArchiveError(exc.code, **exc.params) from None


def fingerprint(pages: list[list[str]]) -> str:
    return sha256("\f".join(" ".join(words) for words in pages).encode("utf-8"))


def _found(text: str, pattern: str) -> Optional[str]:
    match = re.search(pattern, text)
    return match.group(1).strip() if match else None


def number_and_date(pages: list[list[str]]) -> tuple[Optional[str], Optional[str]]:
    """The number and the date of enactment a decree's PDF says (from its first and last pages)."""
    text = " ".join(" ".join(words) for words in pages)
    number = _found(text, r"NOMOR\s*:?\s*(\S+)")
    date = _found(text, r"Pada tanggal\s*:?\s*(\d{1,2} [A-Za-z]+ \d{4})")
    return number, date


# --------------------------------------------------------------------------- content tiers


def build_options(pdf: bytes, template: Optional[Path]) -> tuple[list[Any], dict[str, Any]]:
    """The build options a PDF was made with (its build stamp), checked against what we can
    rebuild; without a stamp (a signing service rewrote the document information), every engine
    that is available, reportlab first."""
    from .build import Options
    from .convert import find_soffice
    from .pdfmeta import pdfa_part, read_stamp

    stamp = read_stamp(pdf)
    if stamp is None:
        pdfa = pdfa_part(pdf) is not None
        options = [Options(("pdf",), pdfa=pdfa, template=template)]
        if find_soffice() is not None:
            options.append(Options(("pdf",), engine="libreoffice", pdfa=pdfa, template=template))
        return options, {"stempel": None, "templat": _template_record(options[0], template)}
    if stamp.engine not in ("reportlab", "libreoffice"):
        raise ArchiveError("archive_unknown_engine", engine=stamp.engine)
    if stamp.engine == "libreoffice":
        if find_soffice() is None:
            raise ArchiveError("archive_needs_libreoffice")
    chosen = Options(("pdf",), engine=stamp.engine, pdfa=stamp.pdfa, template=template)
    if stamp.template and _template_digest(chosen) != stamp.template:
        raise ArchiveError(
            "archive_template_differs", template=str(_template_path(chosen)), sha=stamp.template[:12]
        )
    detail = {
        "stempel": {"mesin": stamp.engine, "pdfa": stamp.pdfa, "versi": stamp.version},
        "templat": _template_record(chosen, template),
    }
    return [chosen], detail


def _template_path(options: Any) -> Path:
    from .render_docx import TEMPLATE

    return Path(options.template or TEMPLATE)


def _template_digest(options: Any) -> Optional[str]:
    """The template's SHA-256 as the build stamp records it (None for reportlab)."""
    from .build import build_stamp
    from .errors import ContentError

    try:
        return build_stamp(options).template
    except ContentError as exc:
        first = exc.problems[0] if exc.problems else None
        raise ArchiveError("archive_cannot_build", detail=first.code if first else "-") from None


def _template_record(options: Any, template: Optional[Path]) -> Optional[dict[str, Any]]:
    """Which DOCX template shaped the PDF (LibreOffice engine): its SHA-256, and whether it is the
    shipped one — a template of one's own can add fixed words, so the record says so."""
    if options.engine != "libreoffice":
        return None
    from .build import Options

    digest = _template_digest(options)
    shipped = _template_digest(Options(("pdf",), engine="libreoffice"))
    return {"berkas": str(_template_path(options)), "sha256": digest, "bawaan": digest == shipped}


def verify_content(
    pdf: bytes, decree: Decree, checks: list[SignatureCheck], template: Optional[Path] = None
) -> Verdict:
    """The strongest tier that ``pdf`` reaches against a fresh build of ``decree``; raises
    :class:`ArchiveError` with the first difference (page and words, or page and region)."""
    from .signatures import first_signed_revision, signed_by

    pages = pdf_words(pdf)
    number, date = number_and_date(pages)
    if number is not None and number.strip(".…") == "":
        raise ArchiveError("archive_pdf_is_draft", content=decree.content.nomor)
    if number is not None and number_key(number) != number_key(decree.content.nomor or ""):
        raise ArchiveError("archive_number_differs", pdf=number, content=decree.content.nomor)
    if date is not None and date != decree.tanggal:
        raise ArchiveError("archive_date_differs", pdf=date, content=decree.tanggal)
    # only the signatory's own signature may show a stamp; any other signer's widget is ink
    signer = decree.penandatangan
    stamps = {c.field for c in checks if signed_by([c], signer.nama, signer.nip)}
    attempts, detail = build_options(pdf, template)
    first: Optional[ArchiveError] = None
    for options in attempts:
        build = _rebuild(decree, options)
        problem = _first_difference(pdf, build, stamps)
        if problem is None:
            break
        first = first or problem
    else:
        assert first is not None
        if detail["stempel"] is None:
            first.hint = "archive_hint_no_stamp"
        raise first
    revision = first_signed_revision(pdf, checks)
    identical = revision is not None and len(build) <= len(revision) and revision[: len(build)] == build
    detail["sha256_build"] = sha256(build)
    detail["templat"] = _template_record(options, template)
    return Verdict(
        "identik" if identical else "cocok",
        len(pages),
        sum(len(words) for words in pages),
        options.engine,
        fingerprint(pages),
        detail,
    )


def _rebuild(decree: Decree, options: Any) -> bytes:
    from .build import pdf_bytes
    from .errors import ContentError

    try:
        return pdf_bytes(decree, options)
    except ContentError as exc:
        first = exc.problems[0] if exc.problems else None
        raise ArchiveError(
            "archive_cannot_build", detail=f"{first.code} {first.params}" if first else "-"
        ) from None
    except CodedError as exc:
        raise ArchiveError(exc.code, **exc.params) from None


def _first_difference(pdf: bytes, build: bytes, stamps: set[str]) -> Optional[ArchiveError]:
    """The first way the signed PDF differs from the build: its structure (annotations,
    optional content, page boxes), then page by page its words and its look."""
    from .pdfmeta import structure_problems
    from .pdfpages import compare_pages

    for finding in structure_problems(pdf, build):
        return ArchiveError(finding.code, **finding.params)
    for difference in compare_pages(pdf, build, stamps=stamps):
        return ArchiveError(difference.code, **difference.params)
    return None


# --------------------------------------------------------------------------- the archive


class Archive:
    def __init__(self, root: Path, trust: Optional[Path] = None) -> None:
        self.root = root
        self.trust = trust or root / "trust"
        self.trust_problems: list[TrustProblem] = []

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST

    def reading(self) -> ledger.Reading:
        try:
            return ledger.read(self.manifest)
        except ledger.ManifestUnusable as exc:
            raise ArchiveError(exc.code, **exc.params) from None
        except OSError as exc:
            raise ArchiveError(
                "archive_unreadable", path=str(self.manifest), detail=exc.strerror or str(exc)
            ) from None

    def records(self) -> list[dict[str, Any]]:
        """The decree records (stored and superseding), oldest first; damaged lines left out."""
        return [r for r in self.reading().records if r.get("aksi") in ("simpan", "gantikan")]

    def current(self) -> dict[str, dict[str, Any]]:
        """The latest record of every archived number, keyed by :func:`number_key`."""
        out: dict[str, dict[str, Any]] = {}
        for record in self.records():
            out[number_key(record["nomor"])] = record
        return out

    def roots(self) -> list[Any]:
        from .signatures import trust_roots

        roots, self.trust_problems = trust_roots(self.trust)
        return roots

    def _usable(self, reading: ledger.Reading) -> None:
        """Refuse to write into a manifest that is damaged: a torn last line, or worse."""
        if reading.torn is not None:
            raise ArchiveError("archive_needs_repair", line=reading.lines + 1)
        if reading.damage:
            first = reading.damage[0]
            raise ArchiveError("archive_damaged", line=first.line, path=str(self.manifest))

    def add(
        self,
        pdf_path: Path,
        decree: Decree,
        source_path: Path,
        *,
        scan: bool = False,
        supersede: bool = False,
        reason: Optional[str] = None,
        oleh: str = "",
        now: Optional[dt.datetime] = None,
        template: Optional[Path] = None,
    ) -> dict[str, Any]:
        """Check ``pdf_path`` against ``decree``, then store it. Raises :class:`ArchiveError` on refusal."""
        from .signatures import SignatureError, check_signatures, first_signed_revision, signed_by

        if decree.is_draft or decree.content.nomor is None or decree.content.tanggal is None:
            raise ArchiveError("archive_not_final", path=str(source_path))
        nomor = decree.content.nomor
        self._usable(self.reading())
        if supersede and not (reason and reason.strip()):
            raise ArchiveError("archive_supersede_needs_reason")
        pdf = read_pdf(pdf_path)
        refuse_active_content(pdf)  # bounded inflation first: pyHanko and pdfium inflate as they read
        roots = self.roots()
        try:
            signatures = check_signatures(pdf, roots)
        except SignatureError as exc:
            raise ArchiveError(exc.code, **exc.params) from None
        if signatures and not roots:
            raise ArchiveError("archive_no_trust_roots", trust=str(self.trust))
        revision = first_signed_revision(pdf, signatures)
        if revision is not None and revision != pdf:
            refuse_active_content(revision)  # what was signed may hold what a later update hid
        for signature in signatures:
            problem = signature.problem
            if problem:
                raise ArchiveError(
                    problem,
                    signer=signature.common_name or signature.signer,
                    coverage=signature.coverage,
                    modifications=signature.modifications,
                    trust=str(self.trust),
                )
        textual = any(pdf_words(pdf))
        if not signatures:
            # only a scan of a paper signed by hand may come without a digital signature, and a
            # scan has no text layer: a PDF with text is what a signing application must sign
            if textual:
                raise ArchiveError("archive_no_signature", path=str(pdf_path))
            if not scan:
                raise ArchiveError("archive_no_signature_scan", path=str(pdf_path))
        else:
            signer = decree.penandatangan
            if not signed_by(signatures, signer.nama, signer.nip):
                raise ArchiveError(
                    "archive_signer_not_signatory",
                    signer=", ".join(s.common_name or s.signer for s in signatures),
                    pejabat=signer.nama,
                )
        if textual:
            verdict = verify_content(pdf, decree, signatures, template)
        elif scan:
            verdict = Verdict("pindaian")
        else:
            raise ArchiveError("archive_no_text", path=str(pdf_path))
        previous = self._may_store(nomor, supersede, reason)  # again under the lock, when storing
        if previous is not None and previous.get("sha256") == sha256(pdf):
            raise ArchiveError("archive_same_file", nomor=previous["nomor"], berkas=previous["berkas"])
        if (
            previous is not None
            and verdict.tier == "pindaian"
            and previous.get("tingkat") in ("identik", "cocok")
        ):
            raise ArchiveError("archive_scan_cannot_supersede", nomor=nomor, tingkat=previous["tingkat"])
        try:
            source_sha = sha256(source_path.read_bytes())
        except OSError as exc:
            raise ArchiveError(
                "archive_unreadable", path=str(source_path), detail=exc.strerror or str(exc)
            ) from None
        assert decree.content.tanggal is not None
        record: dict[str, Any] = {
            "nomor": nomor,
            "tahun": decree.content.tanggal.year,
            "tanggal": decree.content.tanggal.isoformat(),
            "tentang": decree.tentang,
            "pejabat": decree.pejabat,
            "penandatangan": decree.signature_lines()[1],
            "sha256": sha256(pdf),
            "sumber": str(source_path.resolve()),
            "sha256_sumber": source_sha,
            "tingkat": verdict.tier,
            "verifikasi": {
                "tanda_tangan": [s.record() for s in signatures],
                "tingkat": verdict.tier,
                "isi": _describe(verdict),
                "halaman": verdict.pages,
                "kata": verdict.words,
                "mesin": verdict.engine or None,
                "sidik_isi": verdict.fingerprint or None,
                **verdict.detail,
            },
            "oleh": oleh,
            "waktu": (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat(),
            "alasan": reason if supersede else None,
            "mencabut": decree.content.menggantikan,
            "mengubah": decree.content.mengubah,  # absent from records of earlier versions
        }
        if previous is not None:
            earlier = previous.get("verifikasi")
            if isinstance(earlier, dict) and earlier.get("sidik_isi") != record["verifikasi"]["sidik_isi"]:
                record["verifikasi"]["isi_berubah"] = True  # a correction that changes the words
        return self._store(decree, pdf, record, supersede)

    def _may_store(self, nomor: str, supersede: bool, reason: Optional[str]) -> Optional[dict[str, Any]]:
        previous = self.current().get(number_key(nomor))
        if previous is not None and not supersede:
            raise ArchiveError("archive_exists", nomor=previous["nomor"], berkas=previous["berkas"])
        if supersede and not (reason and reason.strip()):
            raise ArchiveError("archive_supersede_needs_reason")
        if supersede and previous is None:
            raise ArchiveError("archive_nothing_to_supersede", nomor=nomor)
        return previous

    def _store(self, decree: Decree, pdf: bytes, record: dict[str, Any], supersede: bool) -> dict[str, Any]:
        """Under the lock: check again that the number may be stored, write the file once (a
        link never replaces an existing name), then append the manifest line."""
        nomor = record["nomor"]
        try:
            with ledger.locked(self.root):
                reading = self.reading()
                self._usable(reading)
                previous = self._may_store(nomor, supersede, record["alasan"])
                listed = {r["berkas"] for r in reading.records if "berkas" in r}
                target = self._free_name(record["tahun"], nomor, listed)
                record = {
                    **record,
                    "aksi": "gantikan" if supersede else "simpan",
                    "berkas": target.relative_to(self.root).as_posix(),
                    "menggantikan": previous["berkas"] if supersede and previous else None,
                    "jdih": jdih_fields(decree, target.name),
                }
                self._write_once(target, pdf)
                try:
                    ledger.append(self.manifest, ledger.encode(record, reading.head))
                except BaseException:
                    os.chmod(target, 0o644)
                    target.unlink()
                    raise
        except ledger.LockTimeout:
            raise ArchiveError("archive_busy", path=str(self.root)) from None
        except OSError as exc:
            raise ArchiveError(
                "archive_write_failed", path=str(self.root), detail=exc.strerror or str(exc)
            ) from None
        return record

    def _free_name(self, year: int, nomor: str, listed: set[str]) -> Path:
        """The number's file name, or the next free ``.N.pdf`` beside the listed ones; a name taken
        by a file no record lists (left by an interrupted add) needs ``repair`` first."""
        base = self.root / str(year) / safe_name(nomor)
        candidate, n = base.parent / f"{base.name}.pdf", 1  # not with_suffix: '400.3_298_...' has a dot
        while os.path.lexists(candidate):
            name = candidate.relative_to(self.root).as_posix()
            if name not in listed:
                raise ArchiveError("archive_name_taken", berkas=name)
            n += 1
            candidate = base.parent / f"{base.name}.{n}.pdf"
        return candidate

    def _write_once(self, target: Path, pdf: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".incoming-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pdf)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o444)
            os.link(tmp, target)  # fails if the name exists: nothing is ever overwritten
        finally:
            Path(tmp).unlink(missing_ok=True)
        ledger.sync_folder(target.parent)

    # ----------------------------------------------------------------------- proving

    def verify(self, head: Optional[str] = None) -> Iterator[Finding]:
        """Check the manifest's chain, then every file: hash, signatures, active content, and that
        its number, date and words still match its record; report missing and unlisted files."""
        from .signatures import SignatureError, check_signatures

        self.require()
        reading = self.reading()
        for damage in reading.damage:
            yield Finding(damage.code, {"line": damage.line, "path": str(self.manifest), **damage.params})
        if head is not None and self.head_line(head) is None:
            yield Finding("archive_head_unknown", {"head": head})
        roots = self.roots()  # an unreadable file in the trust folder is a warning (trust_problems)
        listed: dict[str, dict[str, Any]] = {}
        for line, record in reading.entries:
            if record.get("aksi") not in ("simpan", "gantikan"):
                continue
            if record["aksi"] == "gantikan":
                replaced = listed.get(str(record.get("menggantikan")))
                where = {"berkas": record["berkas"], "nomor": record["nomor"], "line": line}
                if replaced is None or number_key(replaced["nomor"]) != number_key(record["nomor"]):
                    yield Finding("archive_record_supersedes_unknown", where)
                elif record.get("tingkat") == "pindaian" and replaced.get("tingkat") in ("identik", "cocok"):
                    yield Finding("archive_record_scan_supersedes", where)
            listed[record["berkas"]] = record
            yield from self._verify_record(line, record, roots, check_signatures, SignatureError)
        yield from (
            Finding("archive_unlisted", {"berkas": name})
            for name in self._stored_names()
            if name not in listed
        )
        yield from (Finding("archive_stray", {"berkas": name}) for name in self._strays())

    def require(self) -> None:
        """Refuse to report on an archive that is not there (a deleted or mistyped folder is no
        'intact archive of 0 records'); name the archive inside when given the folder above it."""
        if self.root.is_dir():
            # an archive: a manifest, stored files, or the lock an add left before it stored anything
            if any(os.path.lexists(self.root / name) for name in (MANIFEST, ledger.LOCK_NAME)):
                return
            if self._stored_names():
                return
            for child in sorted(self.root.iterdir()):
                if _real_dir(child) and (child / MANIFEST).is_file():
                    raise ArchiveError("archive_wrong_folder", path=str(self.root), found=str(child))
        raise ArchiveError("archive_not_found", path=str(self.root))

    def _strays(self) -> list[str]:
        """What sits at the top of the archive folder and is no part of it."""
        known = {MANIFEST, ledger.LOCK_NAME, QUARANTINE, self.trust.name}
        out = []
        for entry in sorted(self.root.iterdir()):
            if entry.name in known or (entry.name.isdigit() and len(entry.name) == 4):
                continue
            out.append(entry.name)
        return out

    def _verify_record(
        self, line: int, record: dict[str, Any], roots: list[Any], check: Any, error: type[Exception]
    ) -> Iterator[Finding]:
        where = {"berkas": record["berkas"], "nomor": record["nomor"], "line": line}
        path = self.root / record["berkas"]
        try:
            info = path.lstat()
        except FileNotFoundError:
            yield Finding("archive_missing", where)
            return
        except OSError as exc:
            yield Finding("archive_unreadable", {"path": str(path), "detail": exc.strerror or str(exc)})
            return
        if not stat.S_ISREG(info.st_mode):
            yield Finding("archive_not_a_file", where)
            return
        try:
            data = read_pdf(path)
        except ArchiveError as exc:
            yield Finding(exc.code, exc.params)
            return
        if sha256(data) != record["sha256"]:
            yield Finding("archive_changed", where)
            return
        from .pdfmeta import inspect_pdf

        active = inspect_pdf(data)
        if active:
            yield Finding("archive_active_content_found", {**where, "code": active[0].code})
            return
        try:
            signatures = check(data, roots, _moment(record["waktu"]))  # as trusted when archived
        except error:
            yield Finding("archive_changed", where)
            return
        for signature in signatures:
            if signature.problem:
                yield Finding(
                    signature.problem,
                    {
                        **where,
                        "signer": signature.common_name or signature.signer,
                        "coverage": signature.coverage,
                        "modifications": signature.modifications,
                        "trust": str(self.trust),
                    },
                )
        found = record.get("verifikasi")
        verification: dict[str, Any] = found if isinstance(found, dict) else {}
        tier = record.get("tingkat", verification.get("tingkat"))
        scan = tier == "pindaian" or (tier is None and str(verification.get("isi", "")).startswith("tidak"))
        # what add enforces holds for every line, also one appended by hand with a good chain
        if not signatures and not scan:
            yield Finding("archive_record_unsigned", where)
        if signatures and record.get("penandatangan") and "tingkat" in record:
            from .signatures import signed_by

            if not signed_by(signatures, str(record["penandatangan"])):
                names = ", ".join(s.common_name or s.signer for s in signatures)
                yield Finding("archive_record_signer_differs", {**where, "signer": names})
        try:
            pages = pdf_words(data)
        except ArchiveError as exc:
            yield Finding(exc.code, exc.params)
            return
        if scan:
            if any(pages):  # a scan has no text layer: a PDF with text was verifiable, and was not
                yield Finding("archive_record_scan_has_text", where)
            return  # a scan (recorded by an older version as "tidak diverifikasi (pindaian)")
        number, date = number_and_date(pages)
        if number != record["nomor"]:
            yield Finding("archive_record_number_differs", {**where, "pdf": number or "-"})
        tanggal = _date_words(record["tanggal"])
        if date != tanggal:
            yield Finding("archive_record_date_differs", {**where, "pdf": date or "-", "record": tanggal})
        expected = verification.get("sidik_isi")
        if expected and fingerprint(pages) != expected:
            yield Finding("archive_record_content_differs", where)

    def lines_after(self, line: int) -> list[dict[str, Any]]:
        """The records written after manifest line ``line`` (the ones a noted head does not cover)."""
        return [r for n, r in self.reading().entries if n > line]

    def head_line(self, head: str) -> Optional[int]:
        """The manifest line whose hash is ``head`` (all 64 hex digits, or at least the first 16,
        spaces ignored), or None: a head noted earlier proves the lines up to it unchanged."""
        wanted = "".join(head.split()).lower()
        if not re.fullmatch(r"[0-9a-f]{16,64}", wanted):
            raise ArchiveError("archive_head_invalid", head=head[:80])
        try:
            data = ledger.read_bytes(self.manifest) or b""
        except (OSError, ledger.ManifestUnusable):
            return None
        for number, digest in enumerate(ledger.line_hash_list(data), start=1):
            if digest.startswith(wanted):
                return number
        return None

    def _stored_names(self) -> list[str]:
        """Every name in the year folders (files, folders, links, leftovers of a killed add). A
        year "folder" that is a link is one name itself: nothing is looked for behind it."""
        if not self.root.is_dir():
            return []
        out = []
        for year in sorted(p for p in self.root.iterdir() if p.name.isdigit() and len(p.name) == 4):
            if not _real_dir(year):
                out.append(year.name)
                continue
            out += [f"{year.name}/{p.name}" for p in sorted(year.iterdir())]
        return out

    def repair(self, oleh: str = "", now: Optional[dt.datetime] = None) -> dict[str, Any]:
        """Recover from a crash without deleting anything.

        A crash can leave two things: a last manifest line without its end (a complete record
        that only lacks the newline is completed; anything else moves to quarantine), and a
        stored file that no line lists (an add killed after storing, or its temporary file),
        which moves to ``karantina/<time>/``. An audit line records what was done. Damage a
        crash cannot cause (a broken chain, a changed or unreadable line) is refused: repairing
        it would take decrees out of the archive; it is for a restore from backup.
        """
        self.require()
        when = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
        try:
            with ledger.locked(self.root):
                reading = self.reading()
                for damage in reading.damage:
                    if damage.code != "archive_line_torn":
                        raise ArchiveError(
                            "archive_repair_refused", line=damage.line, path=str(self.manifest)
                        )
                completed = None
                if reading.torn is not None and ledger.completes(reading):
                    ledger.append(self.manifest, b"\n")  # the record was whole: only its end is added
                    completed = reading.lines + 1
                    reading = self.reading()
                listed = {r["berkas"] for r in reading.records if "berkas" in r}
                orphans = [name for name in self._stored_names() if name not in listed]
                if reading.torn is None and not orphans:
                    if completed is None:
                        return {"dipindahkan": [], "baris_rusak": None, "karantina": None, "dilengkapi": None}
                    return self._audit(when, oleh, None, [], None, completed)
                folder = self.root / QUARANTINE / when.strftime("%Y%m%dT%H%M%SZ")
                n = 1
                while os.path.lexists(folder):
                    n += 1
                    folder = folder.with_name(f"{when.strftime('%Y%m%dT%H%M%SZ')}-{n}")
                folder.mkdir(parents=True)
                torn = None
                if reading.torn is not None:
                    _write_new(folder / "manifest-baris-rusak.bin", reading.torn)
                    torn = {"baris": reading.lines + 1, "sha256": sha256(reading.torn)}
                    from .fsutil import atomic_write

                    whole = ledger.read_bytes(self.manifest) or b""
                    atomic_write(self.manifest, whole[: reading.size_before_torn])
                for name in orphans:  # links move as links: nothing behind them is touched
                    (folder / name).parent.mkdir(parents=True, exist_ok=True)
                    os.rename(self.root / name, folder / name)
                    ledger.sync_folder((self.root / name).parent)
                return self._audit(when, oleh, folder, orphans, torn, completed)
        except ledger.LockTimeout:
            raise ArchiveError("archive_busy", path=str(self.root)) from None
        except OSError as exc:
            raise ArchiveError(
                "archive_write_failed", path=str(self.root), detail=exc.strerror or str(exc)
            ) from None

    def _audit(
        self,
        when: dt.datetime,
        oleh: str,
        folder: Optional[Path],
        moved: list[str],
        torn: Optional[dict[str, Any]],
        completed: Optional[int],
    ) -> dict[str, Any]:
        audit = {
            "aksi": "perbaikan",
            "karantina": folder.relative_to(self.root).as_posix() if folder else None,
            "dipindahkan": moved,
            "baris_rusak": torn,
            "dilengkapi": completed,
            "oleh": oleh,
            "waktu": when.isoformat(),
        }
        ledger.append(self.manifest, ledger.encode(audit, ledger.read(self.manifest).head))
        return audit

    # ----------------------------------------------------------------------- finding

    def head(self) -> str:
        head: str = self.reading().head
        return head

    def find(
        self, nomor: Optional[str] = None, year: Optional[int] = None, words: str = ""
    ) -> list[dict[str, Any]]:
        """Records by number (spelled any way: leading zeros, case), year and words of the title,
        oldest first, each with its ``status``: ``aktif``; ``berkas-lama`` when a corrected PDF
        superseded the file; ``dicabut`` when an archived decree replaces the number (its
        ``menggantikan``), named in ``dicabut_oleh``."""
        wanted = [w.lower() for w in words.split()]
        records = self.records()
        superseded = {r["menggantikan"] for r in records if r.get("menggantikan")}
        revoked: dict[str, str] = {}
        for record in records:
            if isinstance(record.get("mencabut"), str) and record["berkas"] not in superseded:
                revoked[number_key(record["mencabut"])] = record["nomor"]
        out = []
        for record in records:
            if nomor and number_key(record["nomor"]) != number_key(nomor):
                continue
            if year and record["tahun"] != year:
                continue
            if wanted and not all(w in record["tentang"].lower() for w in wanted):
                continue
            status, by = "aktif", None
            if record["berkas"] in superseded:
                status = "berkas-lama"
            elif number_key(record["nomor"]) in revoked:
                status, by = "dicabut", revoked[number_key(record["nomor"])]
            out.append({**record, "status": status, "dicabut_oleh": by})
        return out

    def export_jdih(self) -> list[dict[str, Any]]:
        """The JDIH metadata of every archived decree (the current file of each number), with its
        legal status: Berlaku, or Dicabut when an archived decree replaces it."""
        out = []
        for record in self.find():
            if record["status"] == "berkas-lama" or not isinstance(record.get("jdih"), dict):
                continue
            entry = dict(record["jdih"])
            if record["status"] == "dicabut":
                entry["status"] = "Dicabut"
                entry["dicabut_oleh"] = record["dicabut_oleh"]
            out.append(entry)
        return out

    def export_jdihn(self, base_url: Optional[str] = None) -> list[dict[str, Any]]:
        """The archive as a JDIHN integration feed (:mod:`jdihn`): one document per archived
        number, described from its current file, with its relations both ways (revoked by the
        decree that replaces it, amended by the one that amends it). ``base_url`` is where the
        archive's files are published (https only, checked before anything is read); without
        it, ``urlDownload`` is the file's path inside the archive. Raises :class:`ArchiveError`."""
        from .jdihn import JdihnError, check_base_url, jdihn_records

        try:
            base = check_base_url(base_url) if base_url is not None else None
            self.require()
            reading = self.reading()
            ids: dict[str, str] = {}
            decrees: list[dict[str, Any]] = []
            for line, record in reading.entries:
                if record.get("aksi") in ("simpan", "gantikan"):
                    ids.setdefault(number_key(record["nomor"]), str(line))  # stable: the chain only grows
                    decrees.append(record)
            superseded = {r["menggantikan"] for r in decrees if r.get("menggantikan")}
            current = [r for r in decrees if r["berkas"] not in superseded]
            return jdihn_records(current, ids, base)
        except JdihnError as exc:
            raise ArchiveError(exc.code, **exc.params) from None


def _real_dir(path: Path) -> bool:
    """A folder, not a link to one."""
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def _moment(waktu: str) -> Optional[dt.datetime]:
    try:
        when = dt.datetime.fromisoformat(waktu)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o444)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _date_words(iso: str) -> str:
    from .text import tanggal

    try:
        return tanggal(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


def _describe(verdict: Verdict) -> str:
    if verdict.tier == "identik":
        return f"identik dengan hasil bangun ({verdict.pages} halaman, {verdict.words} kata)"
    if verdict.tier == "cocok":
        return f"cocok: kata dan tampilan sama ({verdict.pages} halaman, {verdict.words} kata)"
    return "tidak diverifikasi (pindaian)"


def jdih_fields(decree: Decree, file_name: str) -> dict[str, Any]:
    """A decree described for the JDIH network (Permenkumham 8/2019)."""
    related = [item.text.plain() for item in decree.mengingat()]
    nomor = decree.content.nomor or ""
    kind = next((part for part in nomor.split("/") if part in ("Kpts", "KPTS", "Kep", "SK")), "Kpts")
    return {
        "tipe_dokumen": "Keputusan",
        "judul": f"Keputusan {judul_kalimat(decree.pejabat)} Nomor {nomor} tentang {judul_kalimat(decree.tentang)}",
        "teu_badan": decree.profil.nama,
        "nomor": nomor,
        "jenis": f"Keputusan {judul_kalimat(decree.pejabat)}",
        "singkatan_jenis": kind,
        "tahun": decree.content.tanggal.year if decree.content.tanggal else None,
        "tempat_penetapan": decree.tempat,
        "tanggal_penetapan": decree.content.tanggal.isoformat() if decree.content.tanggal else None,
        "sumber": "",
        "subjek": judul_kalimat(decree.tentang),
        "status": "Berlaku",
        "bahasa": "Bahasa Indonesia",
        "lokasi": decree.tempat,
        "bidang_hukum": "Hukum Administrasi Negara",
        "penandatangan": decree.signature_lines()[1],
        "peraturan_terkait": [r for r in related if r][:50],
        "lampiran": file_name,
    }
