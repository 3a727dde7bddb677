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

    Each run gets its own user profile: two LibreOffice processes sharing one
    profile make the second exit having converted nothing.
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
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    pdfs = [output / f"{source.stem}.pdf" for source in sources]
    missing = [pdf for pdf in pdfs if not pdf.exists()]
    if result.returncode != 0 or missing:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or [f"exit {result.returncode}"]
        names = ", ".join(p.name for p in missing) or ", ".join(s.name for s in sources)
        raise ConversionError("libreoffice_failed", detail=f"{names}: {detail[0]}")
    return pdfs
