"""The ``keputusan`` command: thin click commands over the library."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Optional

import click

from .messages import format_problem, pick_language, say

if TYPE_CHECKING:
    from .errors import KeputusanError


def _lang(ctx: click.Context) -> str:
    return str(ctx.obj["lang"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default=None,
    help="Language of messages (default: Indonesian, or English under an English LANG).",
)
@click.version_option(package_name="keputusan")
@click.pass_context
def main(ctx: click.Context, lang: Optional[str]) -> None:
    """Indonesian official decrees (Keputusan): from YAML content to documents."""
    import atexit
    import gc

    # Last thing before the interpreter shuts down: nothing is left to collect, so spare it the
    # collections that walk every object there is (a million after the imports; a build's whole
    # process took 60 ms less). Files are closed by then: every write is closed where it is made.
    atexit.register(gc.freeze)
    # A command imports and builds a million objects that live to its end; the collector's
    # default (a pass every 700 new objects) walked them again and again: 30 ms of a build.
    # Cycles are still collected, every 20,000 objects instead.
    gc.set_threshold(20_000, 20, 20)
    ctx.ensure_object(dict)
    ctx.obj["lang"] = pick_language(lang)
    for stream in (sys.stdout, sys.stderr):
        # a console or file in a code page without '→' or a decree's letters (cp1252 on Windows,
        # when the output is redirected) shows '?' for them instead of stopping with a traceback
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower() not in (
            "utf-8",
            "utf8",
        ):
            reconfigure(errors="replace")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def check(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Validate content files (or every *.yaml in the given folders).

    Every problem is reported as FILE:LINE:COLUMN with what to do; exit 1 if
    any is an error.
    """
    from .checks import same_numbers
    from .errors import ContentError
    from .load import content_files, load

    lang = _lang(ctx)
    files, missing = content_files(paths)
    failed, errors = 0, len(missing)
    for problem in missing:
        click.echo(format_problem(problem, lang), err=True)
    loaded = []
    for path in files:
        try:
            decree = load(path)
        except ContentError as exc:
            failed += 1
            errors += len(exc.errors)
            for problem in exc.problems:
                click.echo(format_problem(problem, lang), err=True)
            continue
        loaded.append(decree)
        for warning in decree.warnings:
            click.echo(format_problem(warning, lang), err=True)
        content = decree.content
        tables = [b for lamp in content.lampiran for b in lamp.isi if hasattr(b, "indikator")]
        click.echo(
            say(
                "check_ok",
                lang,
                path=path,
                menimbang=len(content.menimbang),
                mengingat=len(content.mengingat),
                diktum=len(content.diktum),
                lampiran=len(content.lampiran),
                indikator=sum(len(t.indikator) for t in tables),
            )
        )
    duplicates = same_numbers(loaded)
    for problem in duplicates:
        click.echo(format_problem(problem, lang), err=True)
    errors += len(duplicates)
    failed += len({p.path for p in duplicates})
    if errors:
        click.echo(say("check_failed", lang, errors=errors, files=failed + len(missing)), err=True)
        sys.exit(1)


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content/schema"),
    show_default=True,
    help="Folder for the schema files.",
)
@click.pass_context
def schema(ctx: click.Context, output: Path) -> None:
    """Write the JSON Schema of content and profile files.

    Content files point to it on their first line
    (# yaml-language-server: $schema=schema/keputusan.schema.json), so that an
    editor such as VS Code with the YAML extension completes and checks them.
    """
    from .schema import schemas

    for name, data in schemas().items():
        _write(_lang(ctx), output / name, data)
        click.echo(say("schema_written", _lang(ctx), path=output / name))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for the built documents.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    type=click.Choice(["docx", "pdf"]),
    multiple=True,
    default=("docx", "pdf"),
    show_default=True,
    help="Formats to write (repeatable).",
)
@click.option(
    "--pdf-engine",
    type=click.Choice(["reportlab", "libreoffice"]),
    default="reportlab",
    show_default=True,
    help="reportlab draws the PDF from the content (pure Python); libreoffice converts the DOCX.",
)
@click.option("--pdfa", is_flag=True, help="Write PDF/A-2b, for archiving.")
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    default=None,
    help="A DOCX template of your own (default: templates/keputusan.docx).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Decrees built at once with the reportlab engine (default: the number of CPUs).",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Stay running and rebuild whenever a content file, its profile or the template is saved (Ctrl+C stops).",
)
@click.pass_context
def build(
    ctx: click.Context,
    paths: tuple[Path, ...],
    output: Path,
    formats: tuple[str, ...],
    pdf_engine: str,
    pdfa: bool,
    template: Optional[Path],
    jobs: Optional[int],
    watch: bool,
) -> None:
    """Build decrees (files, or every *.yaml in folders) into OUTPUT/<name>.docx and .pdf.

    A file with errors is reported and skipped; the others are still built.
    Files are written whole or not at all. A draft (status: draf) is marked
    DRAFT on every page.
    """
    import os

    from .build import Options, OutputError, build_files, output_clashes, prepare_output
    from .convert import ConversionError
    from .load import content_files

    lang = _lang(ctx)
    files, missing = content_files(paths)
    for problem in [] if watch else missing:  # the watcher says it, and again when it changes
        click.echo(format_problem(problem, lang), err=True)
    clashes = output_clashes(files)
    for first, second in clashes:
        click.echo(say("output_clash", lang, first=first, second=second, output=output), err=True)
    if clashes:
        sys.exit(1)
    if template is not None:
        _refuse_bad_template(lang, template)
        if "pdf" in formats and pdf_engine == "reportlab":
            click.echo(say("template_docx_only", lang, path=template), err=True)
    options = Options(formats, pdf_engine, pdfa, template)
    try:
        prepare_output(output)
    except OutputError as exc:
        _fail(lang, exc)
    if watch:
        from dataclasses import replace

        _watch(lang, paths, output, replace(options, parallel=(jobs or os.cpu_count() or 1) > 1))
        return
    try:
        with click.progressbar(
            length=len(files), file=sys.stderr, label="keputusan build", show_pos=True, hidden=len(files) < 2
        ) as bar:
            results = build_files(
                files, output, options, jobs or os.cpu_count() or 1, lambda path: bar.update(1)
            )
    except ConversionError as exc:
        _fail(lang, exc)
    failed = 0
    for result in results:
        failed += bool(result.problems)
        for problem in result.problems + result.warnings:
            click.echo(format_problem(problem, lang), err=True)
        if result.problems and all(p.path != result.path for p in result.problems):
            click.echo(say("not_built", lang, path=result.path), err=True)
        for written in result.files:
            click.echo(say("built", lang, path=written))
        _say_stale_partner(lang, result.files)
    if len(files) > 1 or failed:
        click.echo(say("build_summary", lang, built=len(files) - failed, failed=failed), err=True)
    if failed or missing:
        sys.exit(1)


def _say_stale_partner(lang: str, written: list[Path]) -> None:
    """A DOCX built alone beside an older PDF of the same decree (or the other way round): the
    pair no longer matches, and a clerk picking up the other file should know."""
    suffixes = {p.suffix for p in written}
    for path in written:
        other = path.with_suffix(".pdf" if path.suffix == ".docx" else ".docx")
        if other.suffix not in suffixes and other.is_file():
            click.echo(say("stale_partner", lang, path=other, new=path), err=True)


def _watch(lang: str, paths: tuple[Path, ...], output: Path, options: Any) -> None:
    """Build, then rebuild on every save until Ctrl+C; see :mod:`keputusan.watch`."""
    import time

    from .watch import Event, Watcher

    def seconds(value: float) -> str:
        text = f"{value:.2f}"
        return text.replace(".", ",") if lang == "id" else text

    def report(event: Event) -> None:
        clock = time.strftime("%H:%M:%S")
        if event.clash is not None:
            click.echo(say("watch_clash", lang, time=clock, path=event.path, other=event.clash), err=True)
            return
        for problem in event.problems + event.warnings:
            click.echo(format_problem(problem, lang), err=True)
        if not event.ok:
            if event.kept:
                files = ", ".join(str(p) for p in event.kept)
                click.echo(say("watch_kept", lang, time=clock, path=event.path, files=files), err=True)
            else:
                click.echo(say("watch_not_built", lang, time=clock, path=event.path), err=True)
            return
        files = ", ".join(str(p) for p in event.files)
        click.echo(
            say("watch_built", lang, time=clock, path=event.path, seconds=seconds(event.seconds), files=files)
        )
        _say_stale_partner(lang, event.files)
        if event.changes is not None:
            for line in event.changes:
                click.echo(f"  {line}")
            if not event.changes:
                others = [str(p) for p in event.saved if p != event.path]
                if not event.same:  # a change the summary does not name: an end mark, spacing
                    note = say("watch_small_change", lang)
                elif others:
                    note = say("watch_saved", lang, files=", ".join(others))
                else:
                    note = say("watch_no_change", lang)
                click.echo(f"  {note}")

    def missing(problems: list[Any]) -> None:
        for problem in problems:
            click.echo(format_problem(problem, lang), err=True)

    watcher = Watcher(list(paths), output, options)
    click.echo(say("watch_start", lang, output=output))
    try:
        watcher.run(report, missing=missing)
    except KeyboardInterrupt:
        click.echo(say("watch_stopped", lang))


def _refuse_bad_template(lang: str, template: Path) -> None:
    """Check a --template before anything is built; refuse it, writing nothing, if it fails."""
    from .render_docx import template_problems

    problems = template_problems(template)
    for problem in problems:
        click.echo(format_problem(problem, lang), err=True)
    if any(p.severity == "error" for p in problems):
        click.echo(say("template_refused", lang, path=template), err=True)
        sys.exit(1)


@main.group()
def template() -> None:
    """DOCX templates: check one after editing it in Word or LibreOffice."""


@template.command("check")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def template_check(ctx: click.Context, path: Path) -> None:
    """Check an edited template: every tag, style and table a decree needs is there,
    no tag is split across runs (what editing in Word often does), and its tags
    use only the documented template context (see README: Template context)."""
    from .render_docx import template_problems

    lang = _lang(ctx)
    problems = template_problems(path)
    for problem in problems:
        click.echo(format_problem(problem, lang), err=True)
    if any(p.severity == "error" for p in problems):
        sys.exit(1)
    click.echo(say("template_ok", lang, path=path))


@main.command("verify-build")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the built files (default: output/ for a content file, else the file's folder).",
)
@click.pass_context
def verify_build(ctx: click.Context, path: Path, output: Optional[Path]) -> None:
    """Check that a built DOCX and its PDF say the same words.

    PATH is a content file (its build is looked up in OUTPUT) or a built .docx
    or .pdf (its sibling is used). Table headers repeated on every PDF page and
    the DRAFT watermark are ignored. Exit 1 when the words differ.
    """
    from .verify import compare_files

    lang = _lang(ctx)
    folder = output or (Path("output") if path.suffix in (".yaml", ".yml") else path.parent)
    docx, pdf = folder / f"{path.stem}.docx", folder / f"{path.stem}.pdf"
    for needed in (docx, pdf):
        if not needed.exists():  # a folder, a pipe or a device: refused by name when read
            click.echo(say("not_found_arg", lang, path=needed), err=True)
            sys.exit(1)
    from .errors import ContentError

    try:
        result = compare_files(docx, pdf)
    except ContentError as exc:
        _fail(lang, exc)
    if result.same:
        click.echo(
            say(
                "verify_same",
                lang,
                docx=docx,
                pdf=pdf,
                words=result.docx_words,
                pages=result.pages,
                order=f"{result.order * 100:.1f}",
            )
        )
        return
    click.echo(say("verify_differ", lang, docx=docx, pdf=pdf), err=True)
    for word, count in result.missing.most_common(20):
        click.echo(say("verify_missing", lang, word=word, count=count), err=True)
    for word, count in result.extra.most_common(20):
        click.echo(say("verify_extra", lang, word=word, count=count), err=True)
    sys.exit(1)


# --------------------------------------------------------------------------- numbers

_REGISTER_HELP = "The register: an SQLite file or postgresql://... (default: the profile's nomor.register)."
_PROFILE_HELP = "The agency profile (default: the only one in content/profiles/)."
_profile_option = click.option(
    "--profile",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help=_PROFILE_HELP,
)
_register_option = click.option("--register", default=None, help=_REGISTER_HELP)


def _write(lang: str, path: Path, data: bytes) -> None:
    """Write a file whole (temporary file, then rename), or say why not and exit 1."""
    from .errors import Problem
    from .fsutil import atomic_write

    try:
        atomic_write(path, data)
    except OSError as exc:
        problem = Problem(path, None, None, "write_failed", {"detail": exc.strerror or str(exc)})
        click.echo(format_problem(problem, lang), err=True)
        sys.exit(1)


def _write_all(lang: str, files: list[tuple[Path, bytes]]) -> None:
    """Write files all or none (each to a temporary file first), or say why not and exit 1."""
    from .errors import Problem
    from .fsutil import atomic_write_all

    try:
        atomic_write_all(files)
    except OSError as exc:
        failed = Path(exc.filename) if isinstance(exc.filename, str) else None
        # the file being written (an error on a folder above it names the folder)
        where = next(
            (p for p, _ in files if failed is not None and (p == failed or failed in p.parents)), files[0][0]
        )
        problem = Problem(where, None, None, "write_failed", {"detail": exc.strerror or str(exc)})
        click.echo(format_problem(problem, lang), err=True)
        sys.exit(1)


def _refuse_to_overwrite(lang: str, target: Path, page: Optional[Path]) -> None:
    """A redline goes to a .docx; it replaces only an earlier DOCX, its summary only an earlier
    summary: never a content file, a profile or anything else the user stored."""
    from .fsutil import replaceable

    if target.suffix.lower() != ".docx":
        click.echo(say("redline_not_docx", lang, path=target), err=True)
        sys.exit(1)
    for path in (target, page):
        if path is not None and not replaceable(path):
            click.echo(say("would_overwrite", lang, path=path), err=True)
            sys.exit(1)


def _fail(lang: str, exc: KeputusanError) -> NoReturn:
    """Report a library error in the reader's language and exit 1."""
    from .errors import CodedError, ContentError

    if isinstance(exc, ContentError):
        for problem in exc.problems:
            click.echo(format_problem(problem, lang), err=True)
    elif isinstance(exc, CodedError):
        click.echo(say(exc.code, lang, **exc.params), err=True)
        for finding in exc.params.get("findings", ()):  # what a register check found
            click.echo("  " + say(finding.code, lang, **finding.params), err=True)
    else:
        click.echo(str(exc), err=True)
    sys.exit(1)


@main.group()
def number() -> None:
    """The numbering register: take, record, void, list and verify decree numbers; set it up."""


@number.command("take")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--date", "date", default=None, help="Date of issue, YYYY-MM-DD (default: today).")
@click.option(
    "--klasifikasi", default=None, help="Archive classification code, e.g. 800.1.5 (default: the profile's)."
)
@click.option("--by", "oleh", default=None, help="Who takes it (default: user@computer).")
@_register_option
@click.pass_context
def number_take(
    ctx: click.Context,
    path: Path,
    date: Optional[str],
    klasifikasi: Optional[str],
    oleh: Optional[str],
    register: Optional[str],
) -> None:
    """Give the draft PATH the next number, and write number, date and status into it.

    Only those three lines of the file change. Taking again for the same file
    returns the number it already has.
    """
    import datetime as dt

    from .errors import ContentError
    from .numbering import take
    from .register import RegisterError, check_date

    lang = _lang(ctx)
    try:
        when = check_date(date) if date is not None else dt.date.today()
        taken = take(path, when, klasifikasi, oleh, register)
    except (ContentError, RegisterError) as exc:
        _fail(lang, exc)
    _register_notices(lang, taken.register, taken.created, taken.upgraded)
    entry = taken.entry
    key = "number_taken" if taken.new else "number_rewritten" if taken.rewritten else "number_already"
    click.echo(say(key, lang, nomor=entry.nomor, path=path, tanggal=entry.tanggal))
    if taken.elsewhere:
        click.echo(
            say("number_elsewhere", lang, nomor=entry.nomor, path=path, other=taken.elsewhere), err=True
        )
    if taken.earlier is not None:
        earlier = taken.earlier
        click.echo(
            say(
                "number_date_earlier",
                lang,
                nomor=entry.nomor,
                tanggal=entry.tanggal,
                earlier=earlier.tanggal,
                previous=earlier.nomor,
            ),
            err=True,
        )


def _register_notices(lang: str, url: str, created: bool, upgraded: Optional[int]) -> None:
    """Say that a command created the register, or upgraded an earlier one."""
    if created:
        click.echo(say("register_created", lang, url=url), err=True)
    if upgraded is not None:
        click.echo(say("register_upgraded", lang, url=url, count=upgraded), err=True)


@number.command("record")
@click.argument("nomor")
@click.option("--note", required=True, help="Where the number was taken (agenda book, SRIKANDI, ...).")
@click.option("--year", type=int, default=None, help="Year, when the number pattern has none.")
@click.option("--date", "tanggal", default=None, help="Date of the document, if known (YYYY-MM-DD).")
@click.option("--by", "oleh", default=None, help="Who records it (default: user@computer).")
@click.option(
    "--far-ahead",
    is_flag=True,
    help="The number is far ahead of the year's highest, and right: every later take follows it.",
)
@_profile_option
@_register_option
@click.pass_context
def number_record(
    ctx: click.Context,
    nomor: str,
    note: str,
    year: Optional[int],
    tanggal: Optional[str],
    oleh: Optional[str],
    far_ahead: bool,
    profile: Optional[Path],
    register: Optional[str],
) -> None:
    """Record a number taken outside this tool, so that it is never handed out."""
    from .errors import ContentError
    from .numbering import record
    from .register import RegisterError

    lang = _lang(ctx)
    try:
        done = record(profile, register, nomor, note, year, tanggal, oleh, far_ahead)
    except (ContentError, RegisterError) as exc:
        _fail(lang, exc)
    _register_notices(lang, done.register, done.created, done.upgraded)
    click.echo(say("number_recorded", lang, nomor=nomor))


@number.command("void")
@click.argument("nomor")
@click.option("--reason", required=True, help="Why the number is cancelled.")
@click.option("--by", "oleh", default=None, help="Who cancels it (default: user@computer).")
@_profile_option
@_register_option
@click.pass_context
def number_void(
    ctx: click.Context,
    nomor: str,
    reason: str,
    oleh: Optional[str],
    profile: Optional[Path],
    register: Optional[str],
) -> None:
    """Cancel a number. It stays in the register, marked void, and is never reused."""
    from .errors import ContentError
    from .numbering import agency_register
    from .register import RegisterError
    from .register import who as default_who

    lang = _lang(ctx)
    try:
        with agency_register(profile, register) as (profil, reg):
            reg.void(profil.nama, nomor, oleh or default_who(), reason)
    except (ContentError, RegisterError) as exc:
        _fail(lang, exc)
    _register_notices(lang, reg.shown, False, reg.upgraded)
    click.echo(say("number_voided", lang, nomor=nomor))


@number.command("list")
@click.option("--year", type=int, default=None, help="Only this year.")
@_profile_option
@_register_option
@click.pass_context
def number_list(
    ctx: click.Context, year: Optional[int], profile: Optional[Path], register: Optional[str]
) -> None:
    """Show the register: number, status, who, when, and the file or note."""
    from .errors import ContentError
    from .numbering import agency_register
    from .register import RegisterError, printable

    lang = _lang(ctx)
    try:
        with agency_register(profile, register) as (profil, reg):
            findings = reg.protection()
            entries = reg.entries(profil.nama, year)
    except (ContentError, RegisterError) as exc:
        _fail(lang, exc)
    if findings:
        click.echo(say("register_unprotected_warning", lang, url=reg.shown), err=True)
        for finding in findings:
            click.echo("  " + say(finding.code, lang, **finding.params), err=True)
    for e in entries:  # every text escaped: a row written outside the tool may hold control characters
        about = e.berkas or e.catatan
        if e.alasan_batal:
            about = f"{about} — {e.alasan_batal}" if about else e.alasan_batal
        fields = [e.nomor, e.status, e.tanggal or "-", e.oleh, e.waktu, about]
        nomor, status, tanggal, oleh, waktu, about = (printable(str(f)) for f in fields)
        click.echo(f"{nomor:<36} {status:<9} {tanggal:<10} {oleh:<24} {waktu}  {about}")
    click.echo(say("number_count", lang, count=len(entries)), err=True)


_NEEDS_SETUP = ("register_not_chained", "register_outdated")  # verify findings that are no damage


@number.command("verify")
@_profile_option
@_register_option
@click.option(
    "--head",
    default=None,
    help="A chain head noted earlier (e.g. in the agenda book): check that it is still an entry of the chain.",
)
@click.pass_context
def number_verify(
    ctx: click.Context, profile: Optional[Path], register: Optional[str], head: Optional[str]
) -> None:
    """Check the register for tampering: walk the audit hash chain, compare every number with
    its last audit entry, and check the protective triggers. Exit 1 with each finding."""
    import re

    from .errors import ContentError
    from .numbering import open_register
    from .register import RegisterError

    lang = _lang(ctx)
    if head is not None and not re.fullmatch(r"[0-9a-fA-F]{16,64}", head):
        click.echo(say("head_invalid", lang), err=True)
        sys.exit(1)
    try:
        with open_register(profile, register) as reg:
            result = reg.verify(head)
    except (ContentError, RegisterError) as exc:
        _fail(lang, exc)
    damage = [f for f in result.findings if f.code not in _NEEDS_SETUP]
    if damage:
        click.echo(say("verify_register_failed", lang, url=reg.shown, count=len(damage)), err=True)
    for finding in result.findings:  # an earlier version's register is no damage: only what to do
        click.echo(("  " if damage else "") + say(finding.code, lang, **finding.params), err=True)
    if result.findings:
        sys.exit(1)
    click.echo(
        say("verify_register_ok", lang, audits=result.audits, numbers=result.numbers, head=result.head)
    )
    if head is not None and result.noted is not None:
        click.echo(say("verify_head_found", lang, head=head, id=result.noted))


@number.command("setup")
@_profile_option
@_register_option
@click.option(
    "--grant", default=None, help="PostgreSQL: the application's role, to read, take, record and void only."
)
@click.pass_context
def number_setup(
    ctx: click.Context, profile: Optional[Path], register: Optional[str], grant: Optional[str]
) -> None:
    """Create the register, or upgrade an earlier one, and (re)install its protective triggers.

    For PostgreSQL run it as the role that owns the register's tables; --grant
    then gives the application's role exactly what the tool needs.
    """
    from .errors import ContentError
    from .numbering import open_register
    from .register import RegisterError

    lang = _lang(ctx)
    try:
        with open_register(profile, register, create=True) as reg:
            repaired = reg.setup(grant)
    except (ContentError, RegisterError) as exc:
        _fail(lang, exc)
    _register_notices(lang, reg.shown, reg.created, reg.upgraded)
    if reg.upgrade_findings:
        click.echo(say("setup_upgrade_findings", lang, count=len(reg.upgrade_findings)), err=True)
        for finding in reg.upgrade_findings:
            click.echo("  " + say(finding.code, lang, **finding.params), err=True)
    if reg.format_added:
        click.echo(
            say("setup_format_added", lang, url=reg.shown, names=", ".join(reg.format_added)), err=True
        )
    if repaired:
        click.echo(say("setup_repaired", lang, names=", ".join(repaired)))
    if grant:
        click.echo(say("setup_granted", lang, role=grant))
    click.echo(say("setup_done", lang, url=reg.shown))


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "new_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The new draft's content file (must not exist yet).",
)
@click.option("--revoke", is_flag=True, help="Replace PATH, writing the diktum that revokes it.")
@click.option(
    "--amend",
    is_flag=True,
    help="Draft an amendment (Perubahan atas Keputusan ...): PATH stays in force (mengubah).",
)
@click.option(
    "--diktum",
    "diktum",
    multiple=True,
    metavar="ORDINAL",
    help="With --amend: a diktum to amend, by its ordinal as printed (KEDUA); repeatable. "
    "Default: every diktum but the last one when it says when the decree takes effect.",
)
@click.option(
    "--lampiran",
    is_flag=True,
    help="With --amend: amend the lampiran (kept to edit); alone, only the lampiran is amended.",
)
@click.pass_context
def revise(
    ctx: click.Context,
    path: Path,
    new_path: Path,
    revoke: bool,
    amend: bool,
    diktum: tuple[str, ...],
    lampiran: bool,
) -> None:
    """Draft a new decree from the signed decree PATH: number and date cleared, status draf.

    By default the draft replaces PATH (menggantikan); with --amend it amends it, and PATH stays
    in force (mengubah).
    """
    from .errors import ContentError
    from .numbering import revise as revise_decree
    from .register import RegisterError

    lang = _lang(ctx)
    try:
        revise_decree(path, new_path, revoke, amend=amend, diktum=diktum, lampiran=lampiran)
    except (ContentError, RegisterError) as exc:
        _fail(lang, exc)
    click.echo(say("revised_amendment" if amend else "revised", lang, path=new_path, old=path))


# --------------------------------------------------------------------------- legal review


@main.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--rev", default=None, help="Compare OLD as it was at this git revision (e.g. HEAD~1) with OLD now."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The redline DOCX (default: output/<NEW name>-redline.docx).",
)
@click.option("--summary", is_flag=True, help="Print the changes by part and write them beside the redline.")
@click.option("--summary-format", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("--author", default=None, help="Author of the revisions (default: user@computer).")
@click.pass_context
def diff_command(
    ctx: click.Context,
    old: Path,
    new: Optional[Path],
    rev: Optional[str],
    output: Optional[Path],
    summary: bool,
    summary_format: str,
    author: Optional[str],
) -> None:
    """Redline two revisions of a decree for legal review.

    Writes NEW rendered with the template and real Word revisions (insertions
    and deletions with author and date) wherever it differs from OLD: accept
    all changes and it is NEW, reject all and it is OLD.
    """
    from .errors import ContentError, KeputusanError
    from .gitrev import GitError, load_at_revision
    from .load import load
    from .redline import html_summary, markdown, render, summary_lines
    from .register import who as default_who

    lang = _lang(ctx)
    try:
        if rev is not None:
            if new is not None:
                raise click.UsageError("give either OLD NEW, or one file with --rev")
            old_decree, new_decree = load_at_revision(old, rev), load(old)
            old_name = f"{old.name}@{rev}"
        else:
            if new is None:
                raise click.UsageError("give OLD and NEW, or one file with --rev")
            old_decree, new_decree = load(old), load(new)
            old_name = old.name
    except (ContentError, GitError) as exc:
        _fail(lang, exc)
    target = output or Path("output") / f"{new_decree.name}-redline.docx"
    page = target.with_suffix(f".{summary_format}") if summary else None
    _refuse_to_overwrite(lang, target, page)
    try:
        data, changes = render(old_decree, new_decree, author or default_who())
    except KeputusanError as exc:  # e.g. a redline over the template's output budget
        _fail(lang, exc)
    files = [(target, data)]
    if summary:
        assert page is not None
        new_name = new_decree.path.name
        text = (html_summary if summary_format == "html" else markdown)(old_name, new_name, changes)
        files.append((page, text.encode("utf-8")))
    _write_all(lang, files)  # the redline and its summary together, or neither
    click.echo(say("redline_written", lang, path=target, count=len(changes)))
    if summary:
        for line in summary_lines(changes):
            click.echo(line)
        click.echo(say("summary_written", lang, path=page))


@main.command("text")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def text_command(ctx: click.Context, path: Path) -> None:
    """Print a decree (content .yaml or built .docx) as plain text, one part per line.

    With a .gitattributes textconv (see README), `git diff` then shows decrees
    as text. A DOCX is checked before it is read (size, zip directory, XML
    without entities): a broken or hostile file is refused with a message.
    """
    from .errors import ContentError

    lang = _lang(ctx)
    if path.suffix.lower() == ".docx":
        from .docx_text import docx_lines

        try:
            lines = docx_lines(path)
        except ContentError as exc:
            _fail(lang, exc)
        click.echo("\n".join(line.replace("\t", " ") for line in lines) + ("\n" if lines else ""), nl=False)
        return
    from .layout import layout
    from .load import load
    from .plaintext import to_text

    try:
        click.echo(to_text(layout(load(path))), nl=False)
    except ContentError as exc:
        _fail(lang, exc)


@main.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="The content file to write (default: content/NAME.yaml, or NAME.yaml without a content/ folder).",
)
@click.option(
    "--profile",
    type=click.Path(path_type=Path),
    default=None,
    help="The agency profile the decree uses (default: one drawn from the document's kop, "
    "written to profiles/ beside the content file unless one of that name exists).",
)
@click.pass_context
def import_command(ctx: click.Context, source: Path, output: Optional[Path], profile: Optional[Path]) -> None:
    """Read a decree typed in Word (.docx), or a PDF with a text layer, into a content file.

    The parts are recognised (kop, title, menimbang, mengingat, menetapkan, diktum,
    signature, tembusan, lampiran tables); letters, numbers, ordinals and end punctuation are
    removed because the tool derives them. What could not be placed is kept in the file as
    '# TIDAK DIKENALI:' comments, and the guesses made are printed. Nothing existing is
    overwritten.
    """
    from .errors import ContentError, Problem
    from .importer import checked, import_document, record_command, write_new

    lang = _lang(ctx)
    if output is None:
        folder = Path("content") if Path("content").is_dir() else Path(".")
        output = folder / f"{source.stem}.yaml"
    folders = [p for p in (source, output, profile) if p is not None and p.is_dir()]
    if folders:
        _fail(lang, ContentError([Problem(p, None, None, "import_folder", {}) for p in folders]))
    try:
        result = import_document(source, output, profile)
        write_new(result)
    except ContentError as exc:
        _fail(lang, exc)
    imported = result.imported
    for path, _ in result.files:
        click.echo(say("import_written", lang, path=path))
    for guess in imported.guesses:
        click.echo("  " + say("import_guess", lang, text=guess))
    for notice in imported.notices:
        click.echo("  " + say("import_notice", lang, text=notice))
    if imported.unplaced:
        click.echo(say("import_unplaced", lang, count=len(imported.unplaced), path=result.content_path))
        for unplaced in imported.unplaced[:20]:
            click.echo(f"  [{unplaced.where}] {unplaced.text[:100]}")
    problems = checked(result)
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        click.echo(format_problem(problem, lang), err=True)
    if errors:
        click.echo(say("import_check_failed", lang, count=len(errors), path=result.content_path), err=True)
        sys.exit(1)
    click.echo(say("import_done", lang, path=result.content_path))
    command = record_command(result, source)
    if command is not None:
        click.echo(say("import_record_hint", lang, nomor=imported.content["nomor"], command=command))


@main.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["akn"]),
    default="akn",
    show_default=True,
    help="akn: Akoma Ntoso 3.0 (OASIS LegalDocML) XML, validated against the official schema.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (default: print).",
)
@click.option(
    "--cari",
    "search",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder where later decrees that amend or replace this one are looked for "
    "(default: the decree's own folder and its subfolders); repeatable.",
)
@click.pass_context
def export_command(ctx: click.Context, path: Path, fmt: str, output: Optional[Path], search: tuple[Path, ...]) -> None:
    """Write a decree in a structured legal format for legal-information networks.

    Akoma Ntoso: FRBR identifiers (/akn/id/act/keputusan/<agency>/<year>/<number>), the title,
    menimbang as recitals, mengingat as citations, the diktum, the lampiran with their tables,
    the signature, the decrees it amends or revokes (activeModifications) and the later
    decrees found that amend or revoke it (passiveModifications). The XML is checked against
    the official AKN 3.0 schema before it is written.
    """
    from .akn import amended_by, to_akn, validate_akn
    from .errors import ContentError
    from .load import load

    lang = _lang(ctx)
    try:
        decree = load(path)
    except ContentError as exc:
        _fail(lang, exc)
    folders = list(search) or [path.parent]
    later = amended_by(decree, folders)
    xml = to_akn(decree, later)
    errors = validate_akn(xml)
    if errors:
        click.echo(say("akn_invalid", lang, path=path, count=len(errors), first=errors[0]), err=True)
        sys.exit(1)
    if output is None:
        click.echo(xml.decode("utf-8"), nl=False)
    else:
        _write(lang, output, xml)
        click.echo(say("akn_written", lang, path=output))
    if decree.content.nomor:  # a draft changes nothing and is changed by nothing yet
        click.echo(
            say("akn_searched", lang, folders=", ".join(str(f) for f in folders), count=len(later)),
            err=True,
        )


# --------------------------------------------------------------------------- archive

_ARCHIVE_HELP = "The archive folder."
_TRUST_HELP = (
    "Folder of trusted root certificates (.pem/.crt/.cer), e.g. BSrE's root (default: ARCHIVE/trust)."
)
_archive_option = click.option(
    "--archive",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("archive"),
    show_default=True,
    help=_ARCHIVE_HELP,
)
_trust_option = click.option(
    "--trust", type=click.Path(file_okay=False, path_type=Path), default=None, help=_TRUST_HELP
)


@main.group()
def archive() -> None:
    """The archive of signed decrees: add (after checks), verify, list, show, export."""


@archive.command("add")
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--source",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The content file the signed decree was built from.",
)
@_archive_option
@_trust_option
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The DOCX template the decree was built with (LibreOffice engine; default: the shipped one).",
)
@click.option(
    "--scan", is_flag=True, help="Accept a PDF without a text layer (a scan); recorded as not verified."
)
@click.option(
    "--supersede", is_flag=True, help="Replace the archived PDF of this number (the old file is kept)."
)
@click.option(
    "--reason", default=None, help="Why the archived PDF is superseded (required with --supersede)."
)
@click.option("--by", "oleh", default=None, help="Who archives it (default: user@computer).")
@click.pass_context
def archive_add(
    ctx: click.Context,
    pdf: Path,
    source: Path,
    root: Path,
    trust: Optional[Path],
    template: Optional[Path],
    scan: bool,
    supersede: bool,
    reason: Optional[str],
    oleh: Optional[str],
) -> None:
    """Check a signed PDF (no active content; signatures; the same bytes, or the same words and
    look, as a fresh build of the source) and store it write-once."""
    from .archive import Archive, ArchiveError
    from .errors import ContentError
    from .load import load
    from .register import who

    lang = _lang(ctx)
    store = Archive(root, trust)
    try:
        decree = load(source)
        record = store.add(
            pdf,
            decree,
            source,
            scan=scan,
            supersede=supersede,
            reason=reason,
            oleh=oleh or who(),
            template=template,
        )
    except ContentError as exc:
        _fail(lang, exc)
    except ArchiveError as exc:
        _trust_warnings(lang, store)
        click.echo(say("archive_refused", lang, path=pdf), err=True)
        click.echo("  " + say(exc.code, lang, **exc.params), err=True)
        if exc.hint:
            click.echo("  " + say(exc.hint, lang, **exc.params), err=True)
        sys.exit(1)
    _trust_warnings(lang, store)
    template_used = record["verifikasi"].get("templat")
    if template_used and not template_used.get("bawaan"):
        click.echo(say("archive_custom_template", lang, template=template_used["berkas"]), err=True)
    if record["verifikasi"].get("isi_berubah"):
        click.echo(say("archive_words_changed", lang), err=True)
    if record["tingkat"] == "pindaian":
        click.echo(say("archive_scan_stored", lang, nomor=record["nomor"]), err=True)
    for signature in record["verifikasi"]["tanda_tangan"]:
        click.echo(
            say(
                "archive_signature_ok",
                lang,
                signer=signature.get("nama") or signature["signer"],
                when=signature["signed_at"] or "-",
            )
        )
    click.echo(
        say(
            "archive_stored",
            lang,
            path=root / record["berkas"],
            nomor=record["nomor"],
            isi=record["verifikasi"]["isi"],
        )
    )
    click.echo(say("archive_head", lang, head=store.head()))


def _trust_warnings(lang: str, store: Any) -> None:
    for problem in store.trust_problems:
        click.echo(say("archive_trust_unreadable", lang, path=problem.path, detail=problem.detail), err=True)


@archive.command("verify")
@_archive_option
@_trust_option
@click.option(
    "--head",
    default=None,
    help="A manifest head noted earlier (printed by add and verify): it must still be in the chain.",
)
@click.pass_context
def archive_verify(ctx: click.Context, root: Path, trust: Optional[Path], head: Optional[str]) -> None:
    """Check the manifest's hash chain, then every archived file: its hash, signatures, active
    content, and that its number, date and words still match its record. Report missing and
    unlisted files. Exit 1 if anything is wrong."""
    from .archive import Archive, ArchiveError

    lang = _lang(ctx)
    store = Archive(root, trust)
    try:
        findings = list(store.verify(head))
        noted = store.head_line(head) if head is not None else None
    except ArchiveError as exc:
        click.echo(say(exc.code, lang, **exc.params), err=True)
        sys.exit(1)
    _trust_warnings(lang, store)
    for finding in findings:
        text = say(finding.code, lang, **finding.params)
        if finding.code.startswith("archive_signature_"):  # these name the signer, not the file
            text = say("archive_in_file", lang, **finding.params) + " " + text
        click.echo(text, err=True)
    if findings:
        click.echo(say("archive_verify_failed", lang, count=len(findings)), err=True)
        sys.exit(1)
    records = store.records()
    scans = sum(1 for r in records if r.get("tingkat") == "pindaian")
    click.echo(say("archive_verified", lang, count=len(records)))
    if scans:
        click.echo(say("archive_scans_unverified", lang, count=scans))
    legacy = store.reading().legacy
    if legacy:
        click.echo(say("archive_legacy_lines", lang, count=legacy))
    if noted is not None:
        click.echo(say("archive_head_found", lang, head=head, line=noted))
        later = store.lines_after(noted)
        if later:
            click.echo(say("archive_lines_since_head", lang, count=len(later)))
            for record in later:
                click.echo(
                    f"  {record.get('waktu', '-')} {record.get('aksi', '-')} {record.get('nomor', '')} "
                    f"{record.get('tingkat') or ''} {record.get('berkas') or record.get('karantina') or ''} "
                    f"({record.get('oleh') or '-'})"
                )
    click.echo(say("archive_head", lang, head=store.head()))


@archive.command("repair")
@_archive_option
@click.option("--by", "oleh", default=None, help="Who repairs it (default: user@computer).")
@click.pass_context
def archive_repair(ctx: click.Context, root: Path, oleh: Optional[str]) -> None:
    """After a crash: move files no record lists and a torn last manifest line to
    ARCHIVE/karantina/ (nothing is deleted) and record it in the manifest."""
    from .archive import Archive, ArchiveError
    from .register import who

    lang = _lang(ctx)
    store = Archive(root)
    try:
        audit = store.repair(oleh or who())
    except ArchiveError as exc:
        click.echo(say(exc.code, lang, **exc.params), err=True)
        sys.exit(1)
    if audit.get("dilengkapi"):
        click.echo(say("archive_line_completed", lang, line=audit["dilengkapi"]))
    if audit["karantina"] is None:
        if not audit.get("dilengkapi"):
            click.echo(say("archive_nothing_to_repair", lang))
    else:
        for name in audit["dipindahkan"]:
            click.echo(say("archive_quarantined", lang, berkas=name, folder=root / audit["karantina"]))
        if audit["baris_rusak"]:
            click.echo(
                say(
                    "archive_torn_quarantined",
                    lang,
                    line=audit["baris_rusak"]["baris"],
                    folder=root / audit["karantina"],
                )
            )
    click.echo(say("archive_head", lang, head=store.head()))
    remaining = [d for d in store.reading().damage]
    for damage in remaining:
        click.echo(say(damage.code, lang, line=damage.line, path=store.manifest, **damage.params), err=True)
    if remaining:
        sys.exit(1)


def _damage_warning(lang: str, store: Any) -> None:
    store.require()
    damage = store.reading().damage
    if damage:
        click.echo(say("archive_damage_warning", lang, count=len(damage), path=store.manifest), err=True)


@archive.command("list")
@click.option("--year", type=int, default=None)
@click.option("--number", "nomor", default=None)
@click.option("--search", "words", default="", help="Words of the title (tentang).")
@_archive_option
@click.pass_context
def archive_list(
    ctx: click.Context, year: Optional[int], nomor: Optional[str], words: str, root: Path
) -> None:
    """Archived decrees, by number, year or words of the title."""
    from .archive import Archive, ArchiveError

    lang = _lang(ctx)
    store = Archive(root)
    try:
        _damage_warning(lang, store)
        records = store.find(nomor, year, words)
    except ArchiveError as exc:
        click.echo(say(exc.code, lang, **exc.params), err=True)
        sys.exit(1)
    if not records:
        click.echo(say("archive_none_found", lang), err=True)
        return
    click.echo(say("archive_list_header", lang))
    for record in sorted(records, key=lambda r: (r["tanggal"], r["nomor"], r["berkas"])):
        status = record["status"] + (f" ({record['dicabut_oleh']})" if record.get("dicabut_oleh") else "")
        click.echo(
            f"{record['nomor']} | {record['tanggal']} | {status} | {record.get('tingkat') or '-'} | "
            f"{record['berkas']} | {_shortened(record['tentang'], 90)}"
        )


def _shortened(text: str, most: int) -> str:
    """``text`` cut at a word boundary, with an ellipsis when anything was left out."""
    if len(text) <= most:
        return text
    cut = text[: most - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


@archive.command("show")
@click.argument("nomor")
@_archive_option
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON, every field.")
@click.pass_context
def archive_show(ctx: click.Context, nomor: str, root: Path, as_json: bool) -> None:
    """What is recorded for one number (any spelling: leading zeros, case), oldest first: status,
    how its content was verified (tingkat: identik, cocok or pindaian), file, signatures."""
    import json

    from .archive import Archive, ArchiveError

    lang = _lang(ctx)
    store = Archive(root)
    try:
        _damage_warning(lang, store)
        records = store.find(nomor)
    except ArchiveError as exc:
        click.echo(say(exc.code, lang, **exc.params), err=True)
        sys.exit(1)
    if not records:
        click.echo(say("archive_unknown", lang, nomor=nomor), err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2, sort_keys=True))
        return
    for record in records:
        found = record.get("verifikasi")
        verification: dict[str, Any] = found if isinstance(found, dict) else {}
        signers = [
            f"{s.get('nama') or s.get('signer')} ({s.get('signed_at') or '-'})"
            for s in verification.get("tanda_tangan", [])
            if isinstance(s, dict)
        ]
        status = record["status"] + (f" ({record['dicabut_oleh']})" if record.get("dicabut_oleh") else "")
        click.echo(
            say(
                "archive_show_record",
                lang,
                nomor=record["nomor"],
                status=status,
                tanggal=record["tanggal"],
                tentang=record["tentang"],
                tingkat=record.get("tingkat") or "-",
                isi=verification.get("isi", "-"),
                berkas=root / record["berkas"],
                sha256=record["sha256"],
                signers="; ".join(signers) or "-",
                waktu=record["waktu"],
                oleh=record.get("oleh") or "-",
                alasan=record.get("alasan") or "-",
            )
        )


@archive.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jdih", "jdihn"]),
    default="jdih",
    show_default=True,
    help="jdih: the JDIH metadata (Permenkumham 8/2019); jdihn: the JDIHN integration feed (BPHN's fields).",
)
@click.option(
    "--url-dasar",
    "base_url",
    default=None,
    help="For jdihn: the https:// address where the archive folder is published (urlDownload joins it).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (default: print).",
)
@_archive_option
@click.pass_context
def archive_export(ctx: click.Context, fmt: str, base_url: Optional[str], output: Optional[Path], root: Path) -> None:
    """The archived decrees as JDIH metadata or as the JDIHN feed (JSON)."""
    import json

    from .archive import Archive, ArchiveError

    lang = _lang(ctx)
    store = Archive(root)
    try:
        if fmt == "jdihn":
            from .jdihn import dumps

            entries = store.export_jdihn(base_url)  # the address is checked before the archive is read
            _damage_warning(lang, store)
            data = dumps(entries)
        else:
            _damage_warning(lang, store)
            entries = store.export_jdih()
            data = (json.dumps(entries, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    except ArchiveError as exc:
        click.echo(say(exc.code, lang, **exc.params), err=True)
        sys.exit(1)
    if fmt == "jdihn" and base_url is None:
        click.echo(say("jdihn_no_base_url", lang), err=True)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        _write(lang, output, data)
        code = "jdihn_export_written" if fmt == "jdihn" else "archive_export_written"
        click.echo(say(code, lang, count=len(entries), path=output))


# --------------------------------------------------------------------------- web app

_USERS_HELP = "The users file (default: pengguna.json in the current folder)."


@main.command()
@click.argument(
    "content", required=False, type=click.Path(file_okay=False, path_type=Path), default=Path("content")
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
@click.option(
    "--users", "users_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help=_USERS_HELP
)
@click.option(
    "--cert",
    "certificate",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="TLS certificate (PEM): serve over HTTPS.",
)
@click.option(
    "--key",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The certificate's private key (PEM).",
)
@_register_option
@_archive_option
@_trust_option
@click.pass_context
def serve(
    ctx: click.Context,
    content: Path,
    host: str,
    port: int,
    no_browser: bool,
    users_path: Optional[Path],
    certificate: Optional[Path],
    key: Optional[Path],
    register: Optional[str],
    root: Path,
    trust: Optional[Path],
) -> None:
    """Serve the web app for CONTENT (default: content/): list, edit, preview, number, compare and
    archive decrees in a browser.

    On 127.0.0.1 (the default) it needs no login. On any other address it refuses to start
    without a users file (`keputusan users add`), and every page then needs a login.
    """
    from .register import who
    from .users import Users, UsersError
    from .web import is_loopback
    from .web import serve as run
    from .webapp import Workspace

    lang = _lang(ctx)
    if not content.is_dir():
        click.echo(say("web_no_content", lang, path=content), err=True)
        sys.exit(1)
    chosen = users_path or Path("pengguna.json")
    users = None
    if users_path is not None or chosen.exists() or not is_loopback(host):
        try:
            users = Users.read(chosen)
        except UsersError as exc:
            if not is_loopback(host):
                click.echo(say("web_needs_users", lang, host=host), err=True)
            click.echo(say(exc.code, lang, **exc.params), err=True)
            sys.exit(1)
        if not users.names():
            click.echo(say("web_needs_users", lang, host=host), err=True)
            sys.exit(1)
    if (certificate is None) != (key is None):
        click.echo(say("web_tls_pair", lang), err=True)
        sys.exit(2)
    if not is_loopback(host) and certificate is None:
        click.echo(say("web_no_tls", lang), err=True)
    for secret in (chosen if users is not None else None, key):
        if secret is not None and os.name == "posix" and secret.stat().st_mode & 0o077:
            click.echo(say("web_loose_permissions", lang, path=secret), err=True)
    workspace = Workspace(content, register=register, archive=root, trust=trust, lang=lang)

    def ready(url: str) -> None:
        click.echo(say("web_serving", lang, url=url, path=content))
        if users is None:
            click.echo(say("web_no_login", lang))

    try:
        run(workspace, host, port, users, who(), lang, not no_browser, ready, certificate, key)
    except OSError as exc:
        click.echo(
            say("web_cannot_listen", lang, host=host, port=port, detail=exc.strerror or str(exc)), err=True
        )
        sys.exit(1)


@main.group()
def users() -> None:
    """The web app's users: add, remove, list."""


_users_file_option = click.option(
    "--file", "path", type=click.Path(dir_okay=False, path_type=Path), default=Path("pengguna.json"),
    show_default=True, help="The users file.",
)  # fmt: skip


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["staf", "hukum", "arsiparis", "admin"]), required=True)
@click.option("--replace", is_flag=True, help="Change the role or password of an existing user.")
@_users_file_option
@click.pass_context
def users_add(ctx: click.Context, name: str, role: str, replace: bool, path: Path) -> None:
    """Add a user NAME with a ROLE; the password is asked twice (or read from standard input)."""
    from .users import Users, UsersError

    lang = _lang(ctx)
    try:
        store = Users.read(path, create=True)
        password = click.prompt(say("users_password_prompt", lang), hide_input=True,
                                confirmation_prompt=say("users_password_again", lang), err=True)  # fmt: skip
        store.add(name, role, password, replace=replace)
        store.write()
    except UsersError as exc:
        click.echo(say(exc.code, lang, **exc.params), err=True)
        sys.exit(1)
    click.echo(say("users_added", lang, name=name, role=role, path=path))


@users.command("remove")
@click.argument("name")
@_users_file_option
@click.pass_context
def users_remove(ctx: click.Context, name: str, path: Path) -> None:
    """Remove the user NAME."""
    from .users import Users, UsersError

    lang = _lang(ctx)
    try:
        store = Users.read(path)
        store.remove(name)
        store.write()
    except UsersError as exc:
        click.echo(say(exc.code, lang, **exc.params), err=True)
        sys.exit(1)
    click.echo(say("users_removed", lang, name=name, path=path))


@users.command("list")
@_users_file_option
@click.pass_context
def users_list(ctx: click.Context, path: Path) -> None:
    """The users and their roles."""
    from .users import Users, UsersError

    lang = _lang(ctx)
    try:
        store = Users.read(path)
    except UsersError as exc:
        click.echo(say(exc.code, lang, **exc.params), err=True)
        sys.exit(1)
    for user in store.names():
        click.echo(f"{user.name:<24} {user.role}")
