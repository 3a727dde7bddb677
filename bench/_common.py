"""Helpers shared by bench/bench_speed.py and bench/bench_scaling.py (not a benchmark itself).

Nothing here imports keputusan: the benchmarks run every measured command as a new process whose
``PYTHONPATH`` names the checkout to measure (this one, or a temporary git worktree of a baseline
revision), so the measuring process must not pin one of them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Optional

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "kpts-800-1199-2023-iku-iki.yaml"
PYTHON = sys.executable
CLI = str(Path(sys.executable).parent / "keputusan")  # the console script, as a user types `keputusan`
BASE_REV = "issue14-base"  # the code before the speed work of issue 14


@dataclass
class Times:
    """Seconds of the runs of one measurement, and the largest resident set of any run (KiB)."""

    runs: list[float] = field(default_factory=list)
    rss_kib: int = 0
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the process tree

    def add(self, seconds: float, rss_kib: int = 0, cpu: Optional[float] = None) -> None:
        self.runs.append(seconds)
        self.rss_kib = max(self.rss_kib, rss_kib)
        if cpu is not None:
            self.cpu.append(cpu)

    @property
    def min(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    def __bool__(self) -> bool:
        return bool(self.runs)

    def cell(self, scale: float = 1.0, digits: int = 3) -> str:
        """``min / median``, scaled (1000 for milliseconds)."""
        if not self.runs:
            return "-"
        return f"{self.min * scale:.{digits}f} / {self.median * scale:.{digits}f}"


def environment(code: Path) -> dict[str, str]:
    """The user's environment, with keputusan imported from ``code`` and the bytecode cache on (a
    whole process is measured as it runs for a user, not recompiling every module it imports).

    PYTHONPATH wins over the venv's editable install: setuptools' editable finder is appended to
    ``sys.meta_path``, after the path-based finder that PYTHONPATH feeds."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("LANG", "C.UTF-8")
    env["PYTHONPATH"] = str(code)
    return env


class CommandFailed(RuntimeError):
    pass


class Run(NamedTuple):
    seconds: float  # wall clock
    rss_kib: int  # the largest resident set
    cpu: float  # user + system seconds
    stdout: str


def run_process(command: Sequence[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run ``command`` to its end: wall seconds, max RSS in KiB, CPU seconds, stdout.

    RSS and CPU are that process's own (``os.wait4``'s rusage; on Linux they cover the children
    it waited for too, e.g. ``-j`` workers and forked helpers). ``getrusage(RUSAGE_CHILDREN)`` only gives the largest
    child so far, so its deltas say nothing once a smaller process follows a larger one.
    Raises :class:`CommandFailed` with the command's stderr when it exits with an error; on an
    interruption (Ctrl-C, SIGTERM) kills the command's whole process group.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        # a process group of its own: on Ctrl-C the whole tree goes (-j workers, forked helpers),
        # not the command alone, leaving its workers to write into a removed folder
        process = subprocess.Popen(
            list(command), cwd=cwd, env=env, stdout=out, stderr=err, start_new_session=True
        )
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(process.pid, 0)
            raise
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        if process.returncode != 0:
            detail = err.read().decode("utf-8", "replace").strip()[-2000:]
            raise CommandFailed(f"exit {process.returncode}: {' '.join(command)}\n{detail}")
    rss = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024  # bytes on macOS
    return Run(seconds, rss, usage.ru_utime + usage.ru_stime, stdout)


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def describe_checkout() -> str:
    """HEAD, and whether the library code has uncommitted changes (they are measured too)."""
    head = git("rev-parse", "--short", "HEAD")
    dirty = git("status", "--porcelain", "--", "keputusan", "templates")
    changed = len(dirty.splitlines())
    return f"HEAD {head}" + (f" + {changed} uncommitted file(s) in keputusan/, templates/" if changed else "")


@contextlib.contextmanager
def worktree(rev: str = BASE_REV) -> Iterator[Path]:
    """A temporary git worktree of ``rev``, removed on the way out (Ctrl-C and SIGTERM too)."""
    scratch = Path(tempfile.mkdtemp(prefix="keputusan-bench-base-"))
    path = scratch / "base"
    try:
        subprocess.run(["git", "worktree", "add", "-q", "--detach", str(path), rev], cwd=ROOT, check=True)
        yield path
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, check=False)
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, check=False)
        shutil.rmtree(scratch, ignore_errors=True)


def exit_on_sigterm() -> None:
    """SIGTERM ends the benchmark as Ctrl-C does: through every ``finally`` (worktree, scratch)."""

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def copy_profiles(folder: Path) -> None:
    """content/profiles into ``folder``/profiles, and any image a profile names outside that folder
    at the same relative place, so that decrees written into ``folder`` resolve ``profil:`` and the
    emblem as the seed does."""
    import yaml

    source = ROOT / "content" / "profiles"
    shutil.copytree(source, folder / "profiles")
    for profile in source.glob("*.yaml"):
        data = yaml.safe_load(profile.read_text(encoding="utf-8")) or {}
        kop = data.get("kop") or {}
        for key in ("lambang", "gambar"):
            name = kop.get(key)
            if not isinstance(name, str):
                continue
            image = (profile.parent / name).resolve()
            try:
                image.relative_to(source.resolve())
                continue  # copied with the folder
            except ValueError:
                pass
            target = (folder / "profiles" / name).resolve()
            if image.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(image, target)


def ratio(base: Optional[Times], now: Optional[Times]) -> str:
    """The baseline's median over this checkout's: above 1, this checkout is faster."""
    if not base or not now:
        return "-"
    return f"{base.median / now.median:.2f}x"


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"
