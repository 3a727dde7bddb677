"""Build stages: loaded decrees -> document files in the output folder, written atomically.

DOCX always comes from the template (:mod:`render_docx`). PDF comes from one of
two engines: ``reportlab`` draws it from the model (pure pip, fast), or
``libreoffice`` converts the DOCX, one LibreOffice run for a whole batch.
Either way the PDF is finished by :mod:`pdfmeta` (metadata, fixed dates,
stable /ID, optional PDF/A-2b).
"""

from __future__ import annotations

import errno
import gc
import os
import pickle
import signal
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Optional, TypeVar, cast

from .decree import Decree
from .errors import CodedError, ContentError, Problem
from .fsutil import atomic_write_all

if TYPE_CHECKING:  # pikepdf, behind pdfmeta, is imported only when a PDF is made
    from . import pdfmeta

_T = TypeVar("_T")
FORMATS = ("docx", "pdf")
ENGINES = ("reportlab", "libreoffice")


@dataclass(frozen=True)
class Options:
    formats: Sequence[str] = FORMATS
    engine: str = "reportlab"
    pdfa: bool = False
    template: Optional[Path] = None
    parallel: bool = False  # draw the PDF in a forked process while the DOCX renders (see _Forked)


@dataclass
class Built:
    decree: Decree
    files: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # why it was not (wholly) built


class OutputError(CodedError):
    """The output folder cannot be made or written."""


def prepare_output(output: Path) -> None:
    """Prove, before anything is built, that the output folder can be written (or made).

    Nothing is created: the folder is made when the first file is written, so a
    batch in which every decree is refused leaves no trace.
    """
    existing = output
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        if not existing.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(existing))
        fd, probe = tempfile.mkstemp(prefix=".keputusan-probe-", suffix=".tmp", dir=existing)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError("output_unwritable", path=str(output), detail=exc.strerror or str(exc)) from None


def output_clashes(paths: Sequence[Path]) -> list[tuple[Path, Path]]:
    """Pairs of inputs that would write the same output names (compared as Windows and macOS do:
    without case, and ``x.yaml`` with ``x.yml``)."""
    first: dict[str, Path] = {}
    clashes = []
    for path in paths:
        key = unicodedata.normalize("NFC", path.stem).casefold()
        if key in first:
            clashes.append((first[key], path))
        else:
            first[key] = path
    return clashes


def emblem_problems(decree: Decree) -> list[Problem]:
    """A build decodes the kop's images first (the emblem, the letterhead image): a truncated or
    corrupt one is reported against the profile's line naming it."""
    from .images import decode_problem

    kop = decree.profil.kop
    problems = []
    for key, value in (("lambang", kop.lambang), ("gambar", kop.gambar)):
        if value is None:
            continue
        detail = decode_problem(decree.profil_path.parent / value)
        if detail is None:
            continue
        from .yamlsource import read_yaml_file

        where = read_yaml_file(decree.profil_path)
        problems.append(where.problem(("kop", key), "image_unreadable", value=value, detail=detail))
    return problems


def _failure(path: Path, exc: BaseException) -> Problem:
    """A problem for what went wrong building ``path``: a write refused, or an internal error."""
    if isinstance(exc, OSError):
        target = exc.filename or path
        reason = {"detail": exc.strerror or str(exc), "errno": errno.errorcode.get(exc.errno or 0, "")}
        return Problem(Path(str(target)), None, None, "write_failed", reason)
    detail = f"{type(exc).__name__}: {exc}".strip().splitlines()[0][:300]
    return Problem(path, None, None, "build_crashed", {"detail": detail})


def metadata(decree: Decree, options: Options) -> pdfmeta.Metadata:
    """The PDF's document information: the layout's properties, plus how it was built (its stamp)."""
    from . import pdfmeta
    from .layout import properties

    props = properties(decree)
    return pdfmeta.Metadata(
        title=props.title,
        subject=props.subject,
        author=props.author,
        keywords=props.keywords,
        date=props.date,
        stamp=build_stamp(options),
    )


def build_stamp(options: Options) -> pdfmeta.BuildStamp:
    """Engine, PDF/A, template (its SHA-256, for LibreOffice, which converts the DOCX made from it;
    reportlab draws from the content alone) and keputusan's version."""
    from . import __version__, pdfmeta

    template = None
    if options.engine == "libreoffice":
        import hashlib

        from . import docxsafe, render_docx  # loaded already: LibreOffice converts the rendered DOCX

        path = options.template or render_docx.TEMPLATE
        template = hashlib.sha256(docxsafe.read_file(path)).hexdigest()
    return pdfmeta.BuildStamp(options.engine, options.pdfa, template, __version__)


def _docx(decree: Decree, options: Options) -> bytes:
    from . import render_docx
    from .layout import layout
    from .load import gc_paused

    # the collector off while rendering, as while loading: a 5,000-row table's DOCX took
    # 4.1 s with it, 2.2 s without (it walked the growing tree again and again)
    with gc_paused():
        return render_docx.render(layout(decree), options.template or render_docx.TEMPLATE)


def _reportlab_pdf(
    decree: Decree, options: Options, drawn: Optional[tuple[bytes, list[Problem]]] = None
) -> tuple[bytes, list[Problem]]:
    """The decree's PDF drawn by reportlab (or as ``drawn`` already) and finished (:func:`pdfmeta.finish`)."""
    from . import pdfmeta

    data, warnings = drawn if drawn is not None else _reportlab_draw(decree, options)
    return pdfmeta.finish(data, metadata(decree, options), options.pdfa), warnings


def _reportlab_draw(decree: Decree, options: Options) -> tuple[bytes, list[Problem]]:
    """The PDF as reportlab draws it, not yet finished; and a warning if the font was replaced."""
    from . import render_pdf
    from .layout import layout
    from .load import gc_paused

    with gc_paused():
        data, used = render_pdf.render(layout(decree))
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
    return data, warnings


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
        try:
            _build_one(index, result, docx_bytes, output, options)
        except ContentError as exc:
            result.problems += exc.problems
        except Exception as exc:  # one broken decree must not stop the batch
            result.problems.append(_failure(result.decree.path, exc))
        progress(result.decree)
    if "pdf" in options.formats and options.engine == "libreoffice":
        ready = [(r, docx_bytes[i]) for i, r in enumerate(results) if not r.problems and i in docx_bytes]
        _libreoffice_pdfs(ready, output, options)
    return results


def _build_one(
    index: int, result: Built, docx_bytes: dict[int, bytes], output: Path, options: Options
) -> None:
    decree = result.decree
    reportlab = "pdf" in options.formats and options.engine == "reportlab"
    docx = "docx" in options.formats or ("pdf" in options.formats and options.engine == "libreoffice")
    pending = (  # started first: the images are checked meanwhile (a bad one stops the child)
        _Forked.start(lambda: _reportlab_draw(decree, options))
        if reportlab and docx and options.parallel
        else None
    )
    try:
        result.problems += emblem_problems(decree)
        if result.problems:
            return
        if docx:
            docx_bytes[index] = _docx(decree, options)
        pdf = None
        if reportlab:
            if pending is not None:
                # the child draws; this process, its DOCX done, loads pikepdf meanwhile and finishes
                from . import pdfmeta  # noqa: F401

                drawn = pending.result(lambda: _reportlab_draw(decree, options))
                pdf, warnings = _reportlab_pdf(decree, options, drawn)
            else:
                pdf, warnings = _reportlab_pdf(decree, options)
            result.warnings += warnings
    finally:
        if pending is not None:
            pending.close()
    if "pdf" in options.formats and options.engine == "libreoffice":
        return  # its DOCX is written with its PDF, once LibreOffice made it (_libreoffice_pdfs)
    # both are rendered, then both written to temporary files, then both renamed: a decree's
    # DOCX and PDF are replaced together or not at all (a full disk leaves the old pair)
    files = []
    if "docx" in options.formats:
        files.append((output / f"{decree.name}.docx", docx_bytes[index]))
    if pdf is not None:
        files.append((output / f"{decree.name}.pdf", pdf))
    atomic_write_all(files)
    result.files += [target for target, _ in files]


class _Forked:
    """A computation run in a forked copy of this process, its result read back through a pipe.

    One decree's DOCX and PDF are independent: on a machine with two cores the
    PDF (reportlab, the longer of the two, with its imports) is drawn in a child
    while this process renders the DOCX, and a build takes about the time of the
    longer one instead of the sum. Only where ``fork`` is safe and cheap (Linux
    and the BSDs, a process with one thread); elsewhere :meth:`start` returns None
    and the caller computes in turn. The child's result is our own pickle over our
    own pipe. Whatever goes wrong in the child — an error, a crash, a signal —
    the parent computes the result itself (``fallback``), so that an error is
    raised and reported exactly as without the child.
    """

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid, self.pipe = pid, pipe

    @staticmethod
    def possible() -> bool:
        import threading

        return (
            sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))
            and threading.active_count() == 1
        )

    @classmethod
    def start(cls, function: Callable[[], object]) -> Optional[_Forked]:
        if not cls.possible():
            return None
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # else the child's copy of a buffer could be written twice
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no memory or process slots: compute in turn
            os.close(read)
            os.close(write)
            return None
        if pid == 0:  # the child: compute, send, and leave without running the parent's exit code
            try:
                gc.disable()  # short-lived: a collection would only copy the parent's pages it walks
                os.close(read)
                try:
                    payload = pickle.dumps((True, function()))
                except BaseException:
                    payload = pickle.dumps((False, None))
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(0)
        os.close(write)
        return cls(pid, read)

    def result(self, fallback: Callable[[], _T]) -> _T:
        with os.fdopen(self.pipe, "rb", closefd=True) as pipe:
            self.pipe = -1
            data = pipe.read()
        self._reap()
        try:
            ok, value = pickle.loads(data) if data else (False, None)
        except Exception:
            ok, value = False, None
        return cast(_T, value) if ok else fallback()

    def close(self) -> None:
        """Stop the child if its result was not read (the DOCX failed first), and reap it."""
        if self.pipe >= 0:
            os.close(self.pipe)
            self.pipe = -1
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
        self._reap()

    def _reap(self) -> None:
        if self.pid:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = 0


def _libreoffice_pdfs(ready: list[tuple[Built, bytes]], output: Path, options: Options) -> None:
    from . import convert, pdfmeta

    if not ready:
        return
    with tempfile.TemporaryDirectory(prefix="keputusan-build-") as scratch:
        folder = Path(scratch)
        sources = []
        for index, (result, data) in enumerate(ready):
            # unique names, in case two folders hold decrees of the same name
            source = folder / f"{index:05d}-{result.decree.name}.docx"
            source.write_bytes(data)
            sources.append(source)
        pdfs, detail = convert.convert_each(sources, folder / "pdf", pdfa=options.pdfa)
        for (result, docx), pdf in zip(ready, pdfs, strict=True):
            if pdf is None:  # this decree only: the others of the batch are still written
                result.problems.append(
                    Problem(result.decree.path, None, None, "conversion_failed", {"detail": detail[:300]})
                )
                continue
            try:
                data = pdfmeta.finish(pdf.read_bytes(), metadata(result.decree, options), options.pdfa)
                files = [(output / f"{result.decree.name}.docx", docx)] if "docx" in options.formats else []
                files.append((output / f"{result.decree.name}.pdf", data))
                atomic_write_all(files)  # the pair together, or neither
            except Exception as exc:
                result.problems.append(_failure(result.decree.path, exc))
                continue
            result.files += [target for target, _ in files]


def pdf_bytes(decree: Decree, options: Options) -> bytes:
    """One decree's PDF, in memory, exactly as :func:`build_all` would write it (the archive
    rebuilds a signed decree to compare). Raises ContentError, or ConversionError from LibreOffice."""
    problems = emblem_problems(decree)
    if problems:
        raise ContentError(problems)
    if options.engine == "reportlab":
        return _reportlab_pdf(decree, options)[0]
    from . import convert, pdfmeta

    with tempfile.TemporaryDirectory(prefix="keputusan-rebuild-") as scratch:
        source = Path(scratch) / f"{decree.name}.docx"
        source.write_bytes(_docx(decree, options))
        [pdf] = convert.docx_to_pdf([source], Path(scratch) / "pdf", pdfa=options.pdfa)
        return pdfmeta.finish(pdf.read_bytes(), metadata(decree, options), options.pdfa)


@dataclass
class FileResult:
    """One content file's build: what was written, or why nothing was."""

    path: Path
    files: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _build_file(path: Path, output: Path, options: Options) -> FileResult:
    """Load and build one file; whatever goes wrong comes back as problems, never as an exception."""
    from .load import load

    try:
        decree = load(path)
    except ContentError as exc:
        return FileResult(path, problems=exc.problems)
    except Exception as exc:
        return FileResult(path, problems=[_failure(path, exc)])
    [built] = build_all([decree], output, options)
    return FileResult(path, built.files, list(decree.warnings) + built.warnings, built.problems)


def build_files(
    paths: Sequence[Path],
    output: Path,
    options: Options = Options(),
    jobs: int = 1,
    progress: Callable[[Path], None] = lambda path: None,
) -> list[FileResult]:
    """Load and build content files, in ``jobs`` processes for the reportlab engine.

    A file with content errors, or whose build fails, is reported in its
    result and nothing is written for it; the others are built. Results come
    in the order given. Callers check :func:`output_clashes` and
    :func:`prepare_output` first.
    """
    if options.engine == "libreoffice" or jobs <= 1 or len(paths) < 4:
        if jobs > 1:  # a core to spare: each decree's PDF drawn beside its DOCX
            options = replace(options, parallel=True)
        return _build_serially(paths, output, options, progress)
    from concurrent.futures import ProcessPoolExecutor, as_completed

    results: dict[Path, FileResult] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_build_file, path, output, options): path for path in paths}
        for future in as_completed(futures):
            path = futures[future]
            try:
                results[path] = future.result()
            except Exception as exc:  # the worker process itself died
                results[path] = FileResult(path, problems=[_failure(path, exc)])
            progress(path)
    return [results[path] for path in paths]


def _build_serially(
    paths: Sequence[Path], output: Path, options: Options, progress: Callable[[Path], None]
) -> list[FileResult]:
    if options.engine != "libreoffice":
        results = []
        for path in paths:
            results.append(_build_file(path, output, options))
            progress(path)
        return results
    # LibreOffice: load everything first, so that one LibreOffice run converts the whole batch
    from .load import load

    by_path = {path: FileResult(path) for path in paths}
    decrees = []
    for path in paths:
        try:
            decree = load(path)
        except ContentError as exc:
            by_path[path].problems = exc.problems
            progress(path)
            continue
        except Exception as exc:
            by_path[path].problems = [_failure(path, exc)]
            progress(path)
            continue
        by_path[path].warnings += decree.warnings
        decrees.append(decree)
    for built in build_all(decrees, output, options, progress=lambda decree: progress(decree.path)):
        result = by_path[built.decree.path]
        result.files += built.files
        result.warnings += built.warnings
        result.problems += built.problems
    return [by_path[path] for path in paths]
