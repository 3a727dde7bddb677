"""Rebuild decrees on every save, in one warm process (``keputusan build FILE --watch``).

A :class:`Watcher` polls what each decree is made from — its content file, its
profile, the images the profile names and the template — by modification
time, size and file identity, which works alike on Windows, macOS and Linux and
sees editors that save by renaming a temporary file. Polling a handful of
files ten times a second costs nothing measurable.

When a file changes, the watcher waits until it stops changing (an editor may
write it in pieces), loads the decree and builds it through :func:`build.build_all`,
whose template and fonts this process has already prepared. A decree with
errors is reported as ``check`` reports it and nothing is written: the last
good DOCX and PDF stay in place. A rebuild also says what changed since the
last good revision, in the words of the redline's summary.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .build import Options, build_all
from .build import _failure as failure
from .decree import Decree
from .errors import ContentError, Problem

Stamp = Optional[tuple[int, int, int]]
SETTLE = 0.02  # seconds a changed file must stay unchanged before it is read


def stamp(path: Path) -> Stamp:
    """When, how big and which file: None if it is not there."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


@dataclass
class Event:
    """One (re)build of one content file, or a file that went missing."""

    path: Path
    seconds: float = 0.0
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # why nothing was written
    warnings: list[Problem] = field(default_factory=list)
    changes: Optional[list[str]] = None  # since the last good build; None on the first one
    kept: list[Path] = field(default_factory=list)  # the last good output, left in place

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Watched:
    sources: dict[Path, Stamp]  # what the decree is made from, as last seen
    good: Optional[Decree] = None  # the last revision that built
    written: list[Path] = field(default_factory=list)


class Watcher:
    """Content files (or folders of them) and where their documents go; :meth:`poll` rebuilds
    what changed since the last poll, :meth:`run` polls until stopped."""

    def __init__(self, paths: Sequence[Path], output: Path, options: Optional[Options] = None) -> None:
        self.paths = list(paths)
        self.output = output
        self.options = options or Options()
        self.watched: dict[Path, _Watched] = {}
        self.missing: list[Problem] = []

    # what each decree is made from -----------------------------------------

    def _template(self) -> Path:
        from . import render_docx

        return self.options.template or render_docx.TEMPLATE

    def _sources(
        self, path: Path, decree: Optional[Decree], before: Iterable[Path] = ()
    ) -> dict[Path, Stamp]:
        files = {path, *before}
        if decree is not None:
            files = {path, decree.profil_path}
            kop = decree.profil.kop
            for image in (kop.lambang, kop.gambar):
                if image:
                    files.add(decree.profil_path.parent / image)
            if "docx" in self.options.formats or self.options.engine == "libreoffice":
                files.add(self._template())
        return {source: stamp(source) for source in sorted(files)}

    # one pass ----------------------------------------------------------------

    def files(self) -> tuple[list[Path], list[Problem]]:
        from .load import content_files

        return content_files(self.paths)

    def changed(self) -> list[Path]:
        """Content files that are new, or one of whose sources changed since the last build."""
        files, self.missing = self.files()
        for gone in set(self.watched) - set(files):
            del self.watched[gone]
        return [
            path
            for path in files
            if path not in self.watched
            or any(stamp(source) != seen for source, seen in self.watched[path].sources.items())
        ]

    def poll(self) -> list[Event]:
        """Rebuild every content file whose sources changed, once they have settled."""
        changed = self.changed()
        if not changed:
            return []
        settled = self._settle(changed)
        return [self.rebuild(path) for path in settled]

    def _settle(self, paths: list[Path]) -> list[Path]:
        """Wait until what changed stops changing (at most a second), then return it."""
        deadline = time.monotonic() + 1.0
        before = {p: self._stamps(p) for p in paths}
        while time.monotonic() < deadline:
            time.sleep(SETTLE)
            after = {p: self._stamps(p) for p in paths}
            if after == before:
                break
            before = after
        return paths

    def _stamps(self, path: Path) -> tuple[Stamp, ...]:
        watched = self.watched.get(path)
        sources = watched.sources if watched else {path: None}
        return tuple(stamp(source) for source in sources)

    def rebuild(self, path: Path) -> Event:
        """Load and build one content file now; on errors, keep what was written before."""
        from .load import load

        start = time.perf_counter()
        watched = self.watched.get(path)
        before = list(watched.sources) if watched else []
        event = Event(path)
        try:
            decree = load(path)
        except ContentError as exc:
            event.problems = exc.problems
            decree = None
        except Exception as exc:  # as a batch build does: reported, never a traceback
            event.problems = [failure(path, exc)]
            decree = None
        sources = self._sources(path, decree, before)
        if watched is None:
            watched = self.watched[path] = _Watched(sources)
        else:
            watched.sources = sources
        if decree is not None:
            event.warnings += decree.warnings
            [built] = build_all([decree], self.output, self.options)
            event.problems += built.problems
            event.warnings += built.warnings
            event.files = built.files
            if not built.problems:
                if watched.good is not None:
                    event.changes = _changes(watched.good, decree)
                watched.good, watched.written = decree, built.files
        if event.problems:
            event.kept = [p for p in watched.written if p.exists()]
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
            for event in self.poll():
                report(event)
            if self.missing != shown:
                missing(self.missing)
                shown = self.missing
            time.sleep(interval)


def _changes(old: Decree, new: Decree) -> list[str]:
    """What changed from one good revision to the next, one line each (the redline's summary)."""
    from .diff import merge
    from .redline import summary_lines

    return summary_lines(merge(old, new)[1])
