"""Rebuild decrees on every save, in one warm process (``keputusan build FILE --watch``).

A :class:`Watcher` polls what each decree is made from — its content file, its
profile, the images the profile names and the template — which works alike on
Windows, macOS and Linux and sees editors that save by renaming a temporary
file. A file counts as changed when its modification time, size, identity or
(POSIX) change time differ from when it was read, or, while its modification
time is recent (:data:`RECENT`), when its bytes differ: a disk that keeps
times in two-second steps (FAT on a USB stick) can give two saves of the same
length the same time.

The stamps of a decree's files are taken *before* it is read, so a save that
lands while it is being read or built is seen by the next poll and built
then. When a file changes, the watcher waits until it stops changing (an
editor may write it in pieces), loads the decree and builds it through
:func:`build.build_all`, whose template and fonts this process has already
prepared. A decree with errors is reported as ``check`` reports it and nothing
is written: the last good DOCX and PDF stay in place; the files its errors
name are watched too, so fixing any of them rebuilds it. A write that failed
(a document open in Word, a read-only folder) is tried again every
:data:`RETRY` seconds. A rebuild says what changed since the last good
revision, in the words of the redline's summary, and which files were saved.
A file that appears beside another and would write the same documents (``sk.yml``
beside ``sk.yaml``) is refused, as ``build`` refuses it, instead of overwriting
the other decree's documents.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from .build import Options, build_all, output_clashes
from .build import _failure as failure
from .decree import Decree
from .errors import ContentError, Problem
from .fsutil import Stamp, stamp

SETTLE = 0.02  # seconds a changed file must stay unchanged before it is read
RECENT = 3.0  # seconds after its modification time during which a file's bytes are compared too
RETRY = 2.0  # seconds between attempts to write documents that could not be written
DIGEST_LIMIT = 8 * 1024 * 1024  # bigger files are compared by their stamp alone


def _digest(path: Path, seen: Stamp) -> Optional[bytes]:
    """The SHA-256 of a recently modified file's bytes (None for an old, big or unreadable one)."""
    if seen is None or seen[1] > DIGEST_LIMIT or time.time_ns() - seen[0] > RECENT * 1e9:
        return None
    from .fsutil import FileRefused, read_bounded

    try:
        return hashlib.sha256(read_bounded(path, DIGEST_LIMIT)).digest()
    except FileRefused:
        return None


@dataclass(frozen=True)
class Seen:
    """A file as it was when a decree was read from it."""

    stamp: Stamp
    digest: Optional[bytes] = None

    @classmethod
    def now(cls, path: Path) -> Seen:
        found = stamp(path)
        return cls(found, _digest(path, found))

    def differs(self, path: Path) -> bool:
        found = stamp(path)
        if found != self.stamp:
            return True
        if self.digest is None or found is None or time.time_ns() - found[0] > RECENT * 1e9:
            return False  # an older time is one no later save can have
        return _digest(path, found) != self.digest


@dataclass
class Event:
    """One (re)build of one content file, or one refused."""

    path: Path
    seconds: float = 0.0
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # why nothing was written
    warnings: list[Problem] = field(default_factory=list)
    changes: Optional[list[str]] = None  # since the last good build; None on the first one
    kept: list[Path] = field(default_factory=list)  # the last good output, left in place
    saved: list[Path] = field(default_factory=list)  # the files whose saving caused it
    clash: Optional[Path] = None  # the decree whose documents it would overwrite: not built
    same: bool = True  # the content and profile equal the last good ones (say so when no change is named)

    @property
    def ok(self) -> bool:
        return not self.problems and self.clash is None


@dataclass
class _Watched:
    sources: dict[Path, Seen]  # what the decree is made from, as last read
    good: Optional[Decree] = None  # the last revision that built
    written: list[Path] = field(default_factory=list)
    retry_at: Optional[float] = None  # when to try again a write that failed
    failed: list[Problem] = field(default_factory=list)  # what the last attempt reported


class Watcher:
    """Content files (or folders of them) and where their documents go; :meth:`poll` rebuilds
    what changed since the last poll, :meth:`run` polls until stopped."""

    def __init__(self, paths: Sequence[Path], output: Path, options: Optional[Options] = None) -> None:
        self.paths = list(paths)
        self.output = output
        self.options = options or Options()
        self.watched: dict[Path, _Watched] = {}  # also files that went away: their last good revision
        self.missing: list[Problem] = []
        self.clashing: dict[Path, Path] = {}  # a refused file -> the decree it clashes with
        self.warm = False  # whether this process has built a decree whole

    # what each decree is made from -----------------------------------------

    def _template(self) -> Path:
        from . import render_docx

        return self.options.template or render_docx.TEMPLATE

    def _files_of(
        self, path: Path, decree: Optional[Decree], problems: Sequence[Problem], before: Sequence[Path] = ()
    ) -> set[Path]:
        """The content file, the template, and the profile and images of the decree; for a decree
        that did not load, every file its errors name (a profile with errors, one not there, an
        image that is not one) and every file it was made from before."""
        files = {path}
        if decree is None:
            files.update(before)
        if "docx" in self.options.formats or self.options.engine == "libreoffice":
            files.add(self._template())
        if decree is not None:
            files.add(decree.profil_path)
            kop = decree.profil.kop
            for image in (kop.lambang, kop.gambar):
                if image:
                    files.add(decree.profil_path.parent / image)
        for problem in problems:
            if problem.path is not None:
                files.add(Path(problem.path))
            resolved = problem.params.get("resolved")  # a profile looked for and not found
            if isinstance(resolved, str):
                files.add(Path(resolved))
            image = problem.params.get("value")  # an image named in the profile, beside it
            if problem.code.startswith("image_") and isinstance(image, str) and problem.path is not None:
                files.add(Path(problem.path).parent / image)
        return files

    # one pass ----------------------------------------------------------------

    def files(self) -> tuple[list[Path], list[Problem]]:
        from .load import content_files

        return content_files(self.paths)

    def _refuse_clashes(self, files: list[Path]) -> tuple[list[Path], list[Event]]:
        """Files that would write another's documents are left out: the newer of the two."""
        refused: dict[Path, Path] = {}
        for first, second in output_clashes(files):
            newcomer, other = (first, second) if first not in self.watched else (second, first)
            if newcomer in self.watched and self.watched[newcomer].good is not None:
                newcomer, other = second, first
            refused[newcomer] = other
        events = [Event(p, clash=other) for p, other in refused.items() if self.clashing.get(p) != other]
        self.clashing = refused
        return [p for p in files if p not in refused], events

    def _due(self) -> tuple[list[tuple[Path, list[Path]]], list[Event]]:
        files, self.missing = self.files()
        files, refused = self._refuse_clashes(files)
        due = []
        now = time.monotonic()
        for path in files:
            watched = self.watched.get(path)
            if watched is None:
                due.append((path, [path]))
                continue
            saved = [source for source, seen in watched.sources.items() if seen.differs(source)]
            if saved or (watched.retry_at is not None and now >= watched.retry_at):
                due.append((path, saved))
        return due, refused

    def poll(self, report: Optional[Callable[[Event], None]] = None) -> list[Event]:
        """Rebuild every content file whose sources changed, once they have settled; each event is
        also given to ``report`` as soon as it happens (a folder's thirty decrees are not said at
        once, after the last)."""
        due, events = self._due()
        for event in events:
            if report is not None:
                report(event)
        if due:
            self._settle([path for path, _ in due])
        for path, saved in due:
            retry = bool(not saved and path in self.watched and self.watched[path].retry_at is not None)
            before = self.watched[path].failed if path in self.watched else []
            event = self.rebuild(path, saved)
            if not (retry and event.problems == before):  # a write still refused is said once
                events.append(event)
                if report is not None:
                    report(event)
        return events

    def _settle(self, paths: list[Path]) -> None:
        """Wait until what changed stops changing (at most a second)."""
        deadline = time.monotonic() + 1.0
        before = [self._stamps(p) for p in paths]
        while time.monotonic() < deadline:
            time.sleep(SETTLE)
            after = [self._stamps(p) for p in paths]
            if after == before:
                return
            before = after

    def _stamps(self, path: Path) -> tuple[Stamp, ...]:
        watched = self.watched.get(path)
        return tuple(stamp(source) for source in (watched.sources if watched else [path]))

    def rebuild(self, path: Path, saved: Sequence[Path] = ()) -> Event:
        """Load and build one content file now; on errors, keep what was written before."""
        from .load import load

        start = time.perf_counter()
        watched = self.watched.get(path)
        # what is read is stamped first: a save while it is read or built is seen next time
        before = {source: Seen.now(source) for source in {path, *(watched.sources if watched else ())}}
        event = Event(path, saved=[p for p in saved if watched is not None])
        decree = None
        try:
            decree = load(path)
        except ContentError as exc:
            event.problems = exc.problems
        except Exception as exc:  # as a batch build does: reported, never a traceback
            event.problems = [failure(path, exc)]
        sources = {
            source: before.get(source) or Seen.now(source)
            for source in sorted(self._files_of(path, decree, event.problems, list(before)))
        }
        if watched is None:
            watched = self.watched[path] = _Watched(sources)
        else:
            watched.sources = sources
        watched.retry_at = None
        if decree is not None:
            event.warnings += decree.warnings
            # the first build draws its PDF here, so that this process holds the PDF libraries
            # and fonts: forked children then start warm (else every one imported them anew)
            options = self.options if self.warm else replace(self.options, parallel=False)
            [built] = build_all([decree], self.output, options)
            self.warm = self.warm or not built.problems
            event.problems += built.problems
            event.warnings += built.warnings
            event.files = built.files
            if not built.problems:
                if watched.good is not None:
                    event.changes = _changes(watched.good, decree)
                    event.same = (
                        watched.good.content == decree.content and watched.good.profil == decree.profil
                    )
                watched.good, watched.written = decree, built.files
            elif any(p.code == "write_failed" for p in built.problems):
                watched.retry_at = time.monotonic() + RETRY  # the content is good: only writing failed
        watched.failed = event.problems
        if event.problems:
            event.kept = [p for p in watched.written if p.is_file()]
        event.seconds = time.perf_counter() - start
        return event

    def run(
        self,
        report: Callable[[Event], None],
        interval: float = 0.1,
        stop: Callable[[], bool] = lambda: False,
        missing: Callable[[list[Problem]], None] = lambda problems: None,
    ) -> None:
        """Poll every ``interval`` seconds until ``stop()`` (or Ctrl+C, which the caller handles)."""
        shown: list[Problem] = []
        while not stop():
            self.poll(report)
            if self.missing != shown:
                missing(self.missing)
                shown = self.missing
            time.sleep(interval)


def _changes(old: Decree, new: Decree) -> list[str]:
    """What changed from one good revision to the next, one line each (the redline's summary)."""
    from .diff import merge
    from .redline import summary_lines

    return summary_lines(merge(old, new)[1])
