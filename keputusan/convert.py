"""DOCX -> PDF through headless LibreOffice (the only module that runs LibreOffice)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

from .errors import CodedError


class ConversionError(CodedError):
    """LibreOffice is missing, or did not produce the PDF."""


def find_soffice() -> Optional[str]:
    """LibreOffice's soffice: $KEPUTUSAN_SOFFICE, then the PATH."""
    configured = os.environ.get("KEPUTUSAN_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


def docx_to_pdf(
    sources: Sequence[Path], output: Path, pdfa: bool = False, timeout: float = 600
) -> list[Path]:
    """Convert DOCX files in one LibreOffice run; returns the PDFs, in the order given.

    Raises :class:`ConversionError` when any file was not converted.
    """
    pdfs, detail = convert_each(sources, output, pdfa, timeout)
    missing = [source for source, pdf in zip(sources, pdfs, strict=True) if pdf is None]
    if missing:
        names = ", ".join(s.name for s in missing)
        raise ConversionError("libreoffice_failed", detail=f"{names}: {detail}")
    return [pdf for pdf in pdfs if pdf is not None]


def convert_each(
    sources: Sequence[Path], output: Path, pdfa: bool = False, timeout: float = 600
) -> tuple[list[Optional[Path]], str]:
    """Convert DOCX files in one LibreOffice run: each one's PDF, or None where LibreOffice made
    none (one broken file does not cost the others theirs), and LibreOffice's last word.

    Each run gets its own user profile: two LibreOffice processes sharing one
    profile make the second exit having converted nothing. Raises
    :class:`ConversionError` when LibreOffice is missing.
    """
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError("libreoffice_missing")
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="keputusan-lo-") as profile:
        command = [
            soffice,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--convert-to",
            PDFA_FILTER if pdfa else "pdf",
            "--outdir",
            str(output),
            *map(str, sources),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return [None] * len(sources), f"no answer within {timeout:.0f} s"
    pdfs = [output / f"{source.stem}.pdf" for source in sources]
    found: list[Optional[Path]] = [pdf if pdf.exists() and pdf.stat().st_size else None for pdf in pdfs]
    detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or [f"exit {result.returncode}"]
    if result.returncode != 0 and all(pdf is not None for pdf in found):
        found = [None] * len(sources)  # it failed after writing: trust none of them
    return found, detail[0]
