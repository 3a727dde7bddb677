"""The built DOCX opens in LibreOffice and lays out as the decree should."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from keputusan.convert import docx_to_pdf, find_soffice
from keputusan.layout import layout
from keputusan.render_docx import render


def _need(tool: str | None, name: str) -> str:
    if tool is None:
        pytest.skip(f"{name} is not installed (Debian: libreoffice-writer-nogui, poppler-utils)")
    return tool


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    pdfinfo = _need(shutil.which("pdfinfo"), "pdfinfo")
    out = subprocess.run(
        [pdfinfo, "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)]


def _page_text(pdf: Path, page: int) -> str:
    pdftotext = _need(shutil.which("pdftotext"), "pdftotext")
    return subprocess.run(
        [pdftotext, "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_libreoffice_converts_the_seed(seed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _need(find_soffice(), "LibreOffice")
    source = tmp_path / "seed.docx"
    source.write_bytes(render(layout(seed)))
    [pdf] = docx_to_pdf([source], tmp_path)
    sizes = _page_sizes(pdf)
    f4 = (215 / 25.4 * 72, 330 / 25.4 * 72)
    portrait = [abs(w - f4[0]) < 2 and abs(h - f4[1]) < 2 for w, h in sizes]
    landscape = [abs(w - f4[1]) < 2 and abs(h - f4[0]) < 2 for w, h in sizes]
    assert all(tall or wide for tall, wide in zip(portrait, landscape, strict=True))
    first_landscape = landscape.index(True)
    assert all(portrait[:first_landscape]) and all(landscape[first_landscape:])
    assert 1 <= first_landscape <= 3, sizes
    assert len(sizes) - first_landscape >= 3  # two landscape lampiran over several pages
    # every landscape page shows the table's header rows
    for page in range(first_landscape + 1, len(sizes) + 1):
        text = _page_text(pdf, page)
        assert "SUMBER DATA" in text and "PENANGGUNG" in text, f"page {page} lacks the header row"
    assert "LAMPIRAN II" in "".join(_page_text(pdf, p) for p in range(first_landscape + 1, len(sizes) + 1))
