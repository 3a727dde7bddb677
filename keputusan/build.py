"""Build stages: loaded decrees -> document files in the output folder, written atomically.

DOCX always comes from the template (:mod:`render_docx`). PDF comes from one of
two engines: ``reportlab`` draws it from the model (pure pip, fast), or
``libreoffice`` converts the DOCX, one LibreOffice run for a whole batch.
Either way the PDF is finished by :mod:`pdfmeta` (metadata, fixed dates,
stable /ID, optional PDF/A-2b).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from . import pdfmeta
from .decree import Decree
from .errors import Problem
from .fsutil import atomic_write

FORMATS = ("docx", "pdf")
ENGINES = ("reportlab", "libreoffice")


@dataclass(frozen=True)
class Options:
    formats: Sequence[str] = FORMATS
    engine: str = "reportlab"
    pdfa: bool = False
    template: Optional[Path] = None


@dataclass
class Built:
    decree: Decree
    files: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def metadata(decree: Decree) -> pdfmeta.Metadata:  # noqa: F821
    from . import pdfmeta

    nomor = decree.content.nomor
    return pdfmeta.Metadata(
        title=decree.tentang,
        subject=nomor or "DRAF",
        author=decree.profil.nama,
        keywords="; ".join(["Keputusan", decree.profil.nama, nomor or "draf"]),
        date=decree.content.tanggal,
    )


def _docx(decree: Decree, options: Options) -> bytes:
    from . import render_docx

    return render_docx.render(decree, options.template or render_docx.TEMPLATE)


def _reportlab_pdf(decree: Decree, options: Options) -> tuple[bytes, list[Problem]]:
    from . import render_pdf

    data, used = render_pdf.render(decree)
    warnings = []
    if used.fallback:
        warnings.append(
            Problem(
                decree.profil_path,
                None,
                None,
                "font_fallback",
                {"family": used.requested, "used": used.family},
                "warning",
            )
        )
    return pdfmeta.finish(data, metadata(decree), options.pdfa), warnings


def build_all(
    decrees: Sequence[Decree],
    output: Path,
    options: Options = Options(),
    progress: Callable[[Decree], None] = lambda decree: None,
) -> list[Built]:
    """Build every decree; with the LibreOffice engine, all PDFs come from one LibreOffice run."""
    results = [Built(decree) for decree in decrees]
    docx_bytes: dict[int, bytes] = {}
    for index, result in enumerate(results):
        decree = result.decree
        if "docx" in options.formats or ("pdf" in options.formats and options.engine == "libreoffice"):
            docx_bytes[index] = _docx(decree, options)
        if "docx" in options.formats:
            target = output / f"{decree.name}.docx"
            atomic_write(target, docx_bytes[index])
            result.files.append(target)
        if "pdf" in options.formats and options.engine == "reportlab":
            data, warnings = _reportlab_pdf(decree, options)
            target = output / f"{decree.name}.pdf"
            atomic_write(target, data)
            result.files.append(target)
            result.warnings += warnings
        progress(decree)
    if "pdf" in options.formats and options.engine == "libreoffice":
        _libreoffice_pdfs(results, docx_bytes, output, options)
    return results


def _libreoffice_pdfs(
    results: list[Built], docx_bytes: dict[int, bytes], output: Path, options: Options
) -> None:
    from . import convert

    with tempfile.TemporaryDirectory(prefix="keputusan-build-") as scratch:
        folder = Path(scratch)
        sources = []
        for index, result in enumerate(results):
            # unique names, in case two folders hold decrees of the same name
            source = folder / f"{index:05d}-{result.decree.name}.docx"
            source.write_bytes(docx_bytes[index])
            sources.append(source)
        pdfs = convert.docx_to_pdf(sources, folder / "pdf", pdfa=options.pdfa)
        for result, pdf in zip(results, pdfs, strict=True):
            data = pdfmeta.finish(pdf.read_bytes(), metadata(result.decree), options.pdfa)
            target = output / f"{result.decree.name}.pdf"
            atomic_write(target, data)
            result.files.append(target)


@dataclass
class FileResult:
    """One content file's build: what was written, or why nothing was."""

    path: Path
    files: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _build_file(path: Path, output: Path, options: Options) -> FileResult:
    from .errors import ContentError
    from .load import load

    try:
        decree = load(path)
    except ContentError as exc:
        return FileResult(path, problems=exc.problems)
    [built] = build_all([decree], output, options)
    return FileResult(path, built.files, list(decree.warnings) + built.warnings)


def build_files(
    paths: Sequence[Path],
    output: Path,
    options: Options = Options(),
    jobs: int = 1,
    progress: Callable[[Path], None] = lambda path: None,
) -> list[FileResult]:
    """Load and build content files, in ``jobs`` processes for the reportlab engine.

    A file with content errors is reported in its result and nothing is
    written for it; the others are built. Results come in the order given.
    """
    if options.engine == "libreoffice" or jobs <= 1 or len(paths) < 4:
        return _build_serially(paths, output, options, progress)
    from concurrent.futures import ProcessPoolExecutor, as_completed

    results: dict[Path, FileResult] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_build_file, path, output, options): path for path in paths}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            progress(futures[future])
    return [results[path] for path in paths]


def _build_serially(
    paths: Sequence[Path], output: Path, options: Options, progress: Callable[[Path], None]
) -> list[FileResult]:
    from .errors import ContentError
    from .load import load

    results = {path: FileResult(path) for path in paths}
    decrees = []
    for path in paths:
        try:
            decree = load(path)
        except ContentError as exc:
            results[path].problems = exc.problems
            progress(path)
            continue
        results[path].warnings += decree.warnings
        decrees.append(decree)
    for built in build_all(decrees, output, options, progress=lambda decree: progress(decree.path)):
        results[built.decree.path].files += built.files
        results[built.decree.path].warnings += built.warnings
    return [results[path] for path in paths]
