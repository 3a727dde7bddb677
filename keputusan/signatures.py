"""Digital signatures in a PDF, validated with pyHanko (the only module that imports pyHanko).

A signature is accepted when it is intact, chains to a root certificate in the
trust folder, and covers the whole file or its signed revision followed by
nothing but validation data. Each signature also tells which bytes it signed
(``signed_end``): the archive compares that revision with a fresh build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from .errors import CodedError

TRUST_SUFFIXES = (".pem", ".crt", ".cer", ".der")
# after the first signature, later revisions may add validation data (LTA_UPDATES) or further
# signatures (FORM_FILLING: a paraf, then the TTE); anything more is a modification. What a later
# signature's stamp shows is still compared with the build page by page (pdfpages, pdfmeta).
ALLOWED_AFTER = ("NONE", "LTA_UPDATES", "FORM_FILLING")


class SignatureError(CodedError):
    """A PDF whose signatures cannot even be read."""


@dataclass(frozen=True)
class SignatureCheck:
    field: str
    signer: str
    signed_at: Optional[str]
    intact: bool
    trusted: bool
    coverage: str
    modifications: str
    signed_end: int = 0  # the signed revision is the file's first ``signed_end`` bytes
    common_name: str = ""
    certificate_sha256: str = ""
    root: str = ""  # the trust anchor the certificate chained to, as a readable name
    root_sha256: str = ""
    trust_problem: str = ""  # pyHanko's sub-indication when not trusted, e.g. EXPIRED

    @property
    def problem(self) -> Optional[str]:
        if not self.intact:
            return "archive_signature_broken"
        if self.coverage != "ENTIRE_FILE" and self.modifications not in ALLOWED_AFTER:
            return "archive_signature_modified"
        if not self.trusted:
            if any(k in self.trust_problem for k in ("EXPIRED", "NOT_YET_VALID", "OUT_OF_BOUNDS")):
                return "archive_signature_expired"
            if "REVOKED" in self.trust_problem:
                return "archive_signature_revoked"
            return "archive_signature_untrusted"
        return None

    def record(self) -> dict[str, Any]:
        """What the manifest keeps of it: enough to tell later which certificate and root vouched."""
        return {
            "field": self.field,
            "signer": self.signer,
            "nama": self.common_name,
            "signed_at": self.signed_at,
            "intact": self.intact,
            "trusted": self.trusted,
            "coverage": self.coverage,
            "modifications": self.modifications,
            "sertifikat_sha256": self.certificate_sha256,
            "akar": self.root,
            "akar_sha256": self.root_sha256,
        }


@dataclass(frozen=True)
class TrustProblem:
    """A file in the trust folder that holds no usable certificate; it is skipped."""

    path: Path
    detail: str


def trust_roots(folder: Path) -> tuple[list[Any], list[TrustProblem]]:
    """Root certificates (PEM or DER: .pem, .crt, .cer, .der) that signatures must chain to,
    and the files that could not be read as certificates (named, then skipped)."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    roots: list[Any] = []
    problems: list[TrustProblem] = []
    if not folder.is_dir():
        return roots, problems
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in TRUST_SUFFIXES:
            continue
        try:
            if not path.is_file() or path.stat().st_size > 1024 * 1024:
                raise ValueError("not a certificate file (a folder, or over 1 MB)")
            data = path.read_bytes()
            blobs = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
            if not blobs:
                raise ValueError("no certificate in it")
            certificates = []
            for der in blobs:
                certificate = asn1_x509.Certificate.load(der)
                certificate.native  # parse it all now: asn1crypto parses lazily  # noqa: B018
                certificates.append(certificate)
        except Exception as exc:  # any garbage: named and skipped, never a traceback
            problems.append(TrustProblem(path, _first_line(exc)))
            continue
        roots += certificates
    return roots, problems


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]


def check_signatures(
    pdf: bytes, roots: list[Any], moment: Optional[dt.datetime] = None
) -> list[SignatureCheck]:
    """Every signature of ``pdf``, validated offline against ``roots`` — as of ``moment`` when
    given (the archive re-checks as of the day it archived, so a certificate that expired
    since is no alarm); raises :class:`SignatureError` when pyHanko cannot read the file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)  # it logs whole diffs at WARNING
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    except Exception as exc:  # a PDF pyHanko cannot parse at all
        raise SignatureError("archive_not_pdf", detail=_first_line(exc)) from None
    try:
        signatures = reader.embedded_signatures
    except Exception as exc:  # the file reads, a signature in it does not: damaged or made up
        raise SignatureError("archive_signature_unreadable", detail=_first_line(exc)[:160]) from None
    out = []
    for signature in signatures:
        try:
            byte_range = [int(v) for v in signature.byte_range]
            end = byte_range[2] + byte_range[3] if len(byte_range) == 4 else 0
        except Exception:
            end = 0
        context = ValidationContext(trust_roots=roots, allow_fetching=False, moment=moment)
        try:
            status = validate_pdf_signature(signature, context)
            when = status.signer_reported_dt
            cert = status.signing_cert
            root, root_sha = _anchor(status.validation_path)
            out.append(
                SignatureCheck(
                    signature.field_name,
                    cert.subject.human_friendly,
                    when.isoformat() if when else None,
                    bool(status.intact and status.valid),
                    bool(status.trusted),
                    status.coverage.name if status.coverage else "NONE",
                    status.modification_level.name if status.modification_level else "NONE",
                    end,
                    _common_name(cert),
                    hashlib.sha256(cert.dump()).hexdigest(),
                    root,
                    root_sha,
                    str(status.trust_problem_indic or ""),
                )
            )
        except Exception as exc:  # a signature so damaged that it cannot be evaluated
            out.append(
                SignatureCheck(
                    str(signature.field_name),
                    _first_line(exc)[:120],
                    None,
                    False,
                    False,
                    "NONE",
                    "OTHER",
                    end,
                )
            )
    return out


def _common_name(cert: Any) -> str:
    try:
        return str(cert.subject.native.get("common_name", "")) or cert.subject.human_friendly
    except Exception:
        return ""


def _anchor(path: Any) -> tuple[str, str]:
    """The trust anchor at the top of a validation path: its name and SHA-256."""
    try:
        anchor = path.trust_anchor
        cert = getattr(anchor, "certificate", None)
        if cert is not None:
            return cert.subject.human_friendly, hashlib.sha256(cert.dump()).hexdigest()
        return str(anchor.authority.name.human_friendly), ""
    except Exception:
        return "", ""


def signed_by(checks: list[SignatureCheck], name: str, nip: Optional[str] = None) -> bool:
    """Whether one of the signatures is by ``name`` (the decree's signatory): every word of the
    name without titles ("H.", "Dr.", and the degrees after the comma) is in the certificate's
    common name — or the signatory's NIP is in the certificate's subject."""
    core = _name_words(name.split(",")[0])
    for check in checks:
        subject = check.signer + " " + check.common_name
        if nip and nip in "".join(ch for ch in subject if ch.isdigit() or ch == " ").split():
            return True
        words = set(_name_words(check.common_name or check.signer, keep_titles=True))
        if core and all(word in words for word in core):
            return True
    return False


_TITLES = {"h", "hj", "dr", "drs", "dra", "ir", "prof", "kh", "raden", "r", "st", "tn", "ny"}


def _name_words(text: str, keep_titles: bool = False) -> list[str]:
    out = []
    for token in text.replace(",", " ").split():
        word = "".join(ch for ch in token.casefold() if ch.isalnum())
        if not word:
            continue
        if not keep_titles and (token.endswith(".") or word in _TITLES):
            continue
        out.append(word)
    return out


def first_signed_revision(pdf: bytes, checks: list[SignatureCheck]) -> Optional[bytes]:
    """The bytes the earliest signature covers (the document as it was signed), if any."""
    ends = [c.signed_end for c in checks if 0 < c.signed_end <= len(pdf)]
    return pdf[: min(ends)] if ends else None
