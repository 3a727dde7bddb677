"""The archive of signed decrees: check, store write-once, find, prove (pyHanko checks signatures).

A signed PDF is stored only when every check passes, all of them made before
anything is written, so a refused file leaves the archive exactly as it was:

1. every digital signature is intact, covers the file (or its signed revision
   plus nothing but validation data), and chains to a root in the trust store;
2. the PDF says the words of the approved content (its build), with the same
   number and date — unless it is a scan (``scan=True``), recorded as such.

Files are written once (never replaced; a correction supersedes, keeping the
old file) and every event is a line appended to ``manifest.jsonl``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional

from .decree import Decree
from .errors import CodedError
from .text import judul_kalimat

MANIFEST = "manifest.jsonl"
FOOTER_WORDS = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh "
    "Balai Sertifikasi Elektronik (BSrE), BSSN"
).split()


class ArchiveError(CodedError):
    """A signed PDF refused, or the archive unusable."""


@dataclass(frozen=True)
class SignatureCheck:
    field: str
    signer: str
    signed_at: Optional[str]
    intact: bool
    trusted: bool
    coverage: str
    modifications: str

    @property
    def problem(self) -> Optional[str]:
        if not self.intact:
            return "archive_signature_broken"
        if self.coverage != "ENTIRE_FILE" and self.modifications not in ("NONE", "LTA_UPDATES"):
            return "archive_signature_modified"
        if not self.trusted:
            return "archive_signature_untrusted"
        return None


@dataclass(frozen=True)
class Finding:
    """Something wrong found by ``verify``: code and what it is about."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_name(nomor: str) -> str:
    """A number as a file name: '800/1199/Kpts/Ka/BKPSDM/2023' -> '800_1199_Kpts_Ka_BKPSDM_2023'."""
    return re.sub(r"[^A-Za-z0-9.-]+", "_", nomor).strip("_.") or "tanpa-nomor"


# --------------------------------------------------------------------------- signatures


def trust_roots(folder: Path) -> list[Any]:
    """Root certificates (PEM or DER: .pem, .crt, .cer) that signatures must chain to."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    roots = []
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in (".pem", ".crt", ".cer", ".der"):
                continue
            data = path.read_bytes()
            blobs = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
            roots += [asn1_x509.Certificate.load(der) for der in blobs]
    return roots


def check_signatures(pdf: bytes, roots: list[Any]) -> list[SignatureCheck]:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)  # it logs whole diffs at WARNING
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # a PDF pyHanko cannot parse at all
        raise ArchiveError(
            "archive_not_pdf", detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        ) from None
    out = []
    for signature in signatures:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(signature, context)
            when = status.signer_reported_dt
            out.append(
                SignatureCheck(
                    signature.field_name,
                    status.signing_cert.subject.human_friendly,
                    when.isoformat() if when else None,
                    bool(status.intact and status.valid),
                    bool(status.trusted),
                    status.coverage.name if status.coverage else "NONE",
                    status.modification_level.name if status.modification_level else "NONE",
                )
            )
        except Exception as exc:  # a signature so damaged that it cannot be evaluated
            out.append(
                SignatureCheck(signature.field_name, str(exc)[:120], None, False, False, "NONE", "OTHER")
            )
    return out


# --------------------------------------------------------------------------- content


def _found(text: str, pattern: str) -> Optional[str]:
    match = re.search(pattern, text)
    return match.group(1).strip() if match else None


def check_content(pdf: bytes, decree: Decree) -> tuple[int, list[tuple[str, dict[str, Any]]]]:
    """(words compared, problems): number, date, then every word against the approved build."""
    from .render_docx import render
    from .verify import compare, pdf_text

    text = "\n".join(pdf_text(pdf))
    problems: list[tuple[str, dict[str, Any]]] = []
    number = _found(text, r"NOMOR\s*:\s*(\S+)")
    if number != decree.content.nomor:
        problems.append(("archive_number_differs", {"pdf": number or "-", "content": decree.content.nomor}))
    date = _found(text, r"Pada tanggal\s*:\s*([^\n]+)")
    if date != decree.tanggal:
        problems.append(("archive_date_differs", {"pdf": date or "-", "content": decree.tanggal}))
    result = compare(render(decree), pdf)
    extra = result.extra - _footer_counter()
    if result.missing or extra:
        problems.append(
            (
                "archive_text_differs",
                {
                    "missing": ", ".join(w for w, _ in result.missing.most_common(8)) or "-",
                    "extra": ", ".join(w for w, _ in extra.most_common(8)) or "-",
                },
            )
        )
    return result.docx_words, problems


def _footer_counter() -> Any:
    from collections import Counter

    return Counter(FOOTER_WORDS)


def has_text(pdf: bytes) -> bool:
    from .verify import pdf_text

    return any(page.strip() for page in pdf_text(pdf))


# --------------------------------------------------------------------------- the archive


class Archive:
    def __init__(self, root: Path, trust: Optional[Path] = None) -> None:
        self.root = root
        self.trust = trust or root / "trust"

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST

    def records(self) -> list[dict[str, Any]]:
        if not self.manifest.exists():
            return []
        with self.manifest.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]

    def current(self) -> dict[str, dict[str, Any]]:
        """The latest record of every archived number."""
        out: dict[str, dict[str, Any]] = {}
        for record in self.records():
            out[record["nomor"]] = record
        return out

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
    ) -> dict[str, Any]:
        """Check ``pdf_path`` against ``decree``, then store it. Raises :class:`ArchiveError` on refusal."""
        if decree.is_draft or decree.content.nomor is None or decree.content.tanggal is None:
            raise ArchiveError("archive_not_final", path=str(source_path))
        nomor = decree.content.nomor
        previous = self.current().get(nomor)
        if previous is not None and not supersede:
            raise ArchiveError("archive_exists", nomor=nomor, berkas=previous["berkas"])
        if supersede and not (reason and reason.strip()):
            raise ArchiveError("archive_supersede_needs_reason")
        if supersede and previous is None:
            raise ArchiveError("archive_nothing_to_supersede", nomor=nomor)
        try:
            pdf = pdf_path.read_bytes()
        except OSError as exc:
            raise ArchiveError(
                "archive_unreadable", path=str(pdf_path), detail=exc.strerror or str(exc)
            ) from None
        if not pdf.startswith(b"%PDF-"):
            raise ArchiveError("archive_not_pdf", detail=pdf_path.name)
        signatures = check_signatures(pdf, trust_roots(self.trust))
        if not signatures and not scan:
            raise ArchiveError("archive_no_signature", path=str(pdf_path))
        for signature in signatures:
            problem = signature.problem
            if problem:
                raise ArchiveError(
                    problem,
                    signer=signature.signer,
                    coverage=signature.coverage,
                    modifications=signature.modifications,
                    trust=str(self.trust),
                )
        textual = has_text(pdf)
        if not textual and not scan:
            raise ArchiveError("archive_no_text", path=str(pdf_path))
        words = 0
        if textual:
            words, problems = check_content(pdf, decree)
            if problems:
                code, params = problems[0]
                raise ArchiveError(code, **params)
        year = decree.content.tanggal.year
        target = self._free_name(year, nomor)
        record = {
            "aksi": "gantikan" if supersede else "simpan",
            "nomor": nomor,
            "tahun": year,
            "tanggal": decree.content.tanggal.isoformat(),
            "tentang": decree.tentang,
            "pejabat": decree.pejabat,
            "penandatangan": decree.signature_lines()[1],
            "berkas": target.relative_to(self.root).as_posix(),
            "sha256": sha256(pdf),
            "sumber": str(source_path),
            "sha256_sumber": sha256(source_path.read_bytes()),
            "verifikasi": {
                "tanda_tangan": [asdict(s) for s in signatures],
                "isi": f"cocok ({words} kata)" if textual else "tidak diverifikasi (pindaian)",
            },
            "oleh": oleh,
            "waktu": (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat(),
            "menggantikan": previous["berkas"] if supersede and previous else None,
            "alasan": reason if supersede else None,
            "jdih": jdih_fields(decree, target.name),
        }
        self._store(target, pdf, record)
        return record

    def _free_name(self, year: int, nomor: str) -> Path:
        base = self.root / str(year) / safe_name(nomor)
        candidate, n = base.with_suffix(".pdf"), 1
        while candidate.exists():
            n += 1
            candidate = base.parent / f"{base.name}.{n}.pdf"
        return candidate

    def _store(self, target: Path, pdf: bytes, record: dict[str, Any]) -> None:
        """Write the file once (a link never replaces an existing name), then append to the manifest."""
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".incoming-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pdf)
                handle.flush()
                os.fsync(handle.fileno())
            os.link(tmp, target)  # fails if the name exists: nothing is ever overwritten
        finally:
            Path(tmp).unlink(missing_ok=True)
        try:
            os.chmod(target, 0o444)
            line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
            with self.manifest.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            os.chmod(target, 0o644)
            target.unlink()
            raise

    def verify(self) -> Iterator[Finding]:
        """Re-hash every file and re-validate its signatures; report changed, missing and unlisted files."""
        roots = trust_roots(self.trust)
        listed = set()
        for record in self.records():
            path = self.root / record["berkas"]
            listed.add(path.resolve())
            if not path.exists():
                yield Finding("archive_missing", {"berkas": record["berkas"], "nomor": record["nomor"]})
                continue
            data = path.read_bytes()
            if sha256(data) != record["sha256"]:
                yield Finding("archive_changed", {"berkas": record["berkas"], "nomor": record["nomor"]})
                continue
            for signature in check_signatures(data, roots):
                if signature.problem:
                    yield Finding(
                        signature.problem,
                        {
                            "berkas": record["berkas"],
                            "signer": signature.signer,
                            "coverage": signature.coverage,
                            "modifications": signature.modifications,
                            "trust": str(self.trust),
                        },
                    )
        for year in (
            sorted(p for p in self.root.iterdir() if p.is_dir() and p.name.isdigit())
            if self.root.is_dir()
            else []
        ):
            for path in sorted(year.iterdir()):
                if path.resolve() not in listed:
                    yield Finding("archive_unlisted", {"berkas": path.relative_to(self.root).as_posix()})

    def find(
        self, nomor: Optional[str] = None, year: Optional[int] = None, words: str = ""
    ) -> list[dict[str, Any]]:
        wanted = [w.lower() for w in words.split()]
        out = []
        superseded = {r["menggantikan"] for r in self.records() if r.get("menggantikan")}
        for record in self.records():
            if nomor and record["nomor"] != nomor:
                continue
            if year and record["tahun"] != year:
                continue
            if wanted and not all(w in record["tentang"].lower() for w in wanted):
                continue
            out.append({**record, "status": "digantikan" if record["berkas"] in superseded else "aktif"})
        return out

    def export_jdih(self) -> list[dict[str, Any]]:
        return [r["jdih"] for r in self.find() if r["status"] == "aktif"]


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
