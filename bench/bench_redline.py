"""`keputusan diff` against a generic DOCX comparer, as whole processes and in-process (run by hand).

    .venv/bin/pip install "python-redlines[docxodus]"   # a self-contained .NET comparer; runs offline
    .venv/bin/python bench/bench_redline.py [--runs 5] [--rows 500,2000] [--pairs NAME,...] [--json F]
        [--code DIR]   # measure another checkout (e.g. a git worktree of the baseline)

Pairs: the SCENARIOS of tests/test_redline.py (the seed decree and one revision each), and generated
decrees of one indicator table of 500 and 2,000 rows (bench/redline_pairs.py: a few words changed,
a row inserted, a row deleted). For each pair, min and median of --runs runs of:

- whole process: `keputusan diff OLD NEW -o FRESH.docx`, as a user types it, against a process that
  loads python_redlines and compares the two DOCX built beforehand from OLD and NEW;
- in-process: keputusan.redline.render(old, new, author) of loaded decrees, against
  DocxodusEngine.run_redline(author, old_docx, new_docx) (which runs the engine's own process).

Revisions are counted alike in both outputs (tests/revisions.py `count`: w:ins, w:del, w:moveFrom
and w:moveTo that carry content). A pair in which the peer finds no revision at all is flagged and
left out of the ratio summary: a comparer that sees nothing is no fair speed reference.

Targets (issue 13): the whole `keputusan diff` process at least 5x faster than the peer's on every
pair, and the 2,000-row pair at most 4.5x the time of the 500-row pair (linear in the rows).
Subprocesses run with the bytecode cache on (PYTHONDONTWRITEBYTECODE unset), as a user's Python
does, after one warm-up run. Runs of ours and the peer alternate, so both see the same machine load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _common import Times  # noqa: E402
from redline_pairs import write_pair  # noqa: E402

CLI = str(Path(sys.executable).parent / "keputusan")
AUTHOR = "bench"
PEER_CODE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from python_redlines.engines import DocxodusEngine\n"
    "data, _, _ = DocxodusEngine().run_redline(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))\n"
    "Path(sys.argv[4]).write_bytes(data)\n"
)


@dataclass
class Result:
    pair: str
    rows: Optional[int]
    ours_process: Times
    ours_inprocess: Times
    ours_revisions: int
    peer_process: Optional[Times] = None
    peer_inprocess: Optional[Times] = None
    peer_revisions: Optional[int] = None

    @property
    def peer_blind(self) -> bool:
        """The peer found no change at all: no fair reference for speed."""
        return self.peer_revisions == 0

    def ratio(self, process: bool = True, best: bool = False) -> Optional[float]:
        """The peer's time over ours: of the medians, or (``best``) of the minimums, which a busy
        machine disturbs least."""
        ours, peer = (
            (self.ours_process, self.peer_process) if process else (self.ours_inprocess, self.peer_inprocess)
        )
        if peer is None:
            return None
        return peer.min / ours.min if best else peer.median / ours.median


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def environment(code: Optional[Path]) -> dict[str, str]:
    """The user's environment with the bytecode cache on: a whole process is measured as it runs
    for a user, not recompiling every module it imports. With ``code``, keputusan comes from there."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("LANG", "C.UTF-8")
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


class Bench:
    def __init__(self, folder: Path, runs: int, peer: bool, code: Optional[Path]) -> None:
        self.folder, self.runs, self.env = folder, runs, environment(code)
        self.outputs = 0
        self.engine: Any = None
        if peer:
            try:
                from python_redlines.engines import DocxodusEngine  # type: ignore[import-untyped]

                self.engine = DocxodusEngine()
            except Exception as exc:  # an optional peer
                print(f"python-redlines[docxodus] not available ({exc}): our times only")

    def fresh(self, stem: str) -> Path:
        """A new output path each run: `keputusan diff` never overwrites what it did not write."""
        self.outputs += 1
        return self.folder / "out" / f"{stem}-{self.outputs}.docx"

    def ours(self, old: Path, new: Path) -> tuple[float, bytes]:
        target = self.fresh("ours")
        command = [CLI, "diff", old.name, new.name, "-o", str(target)]  # as a user types it
        seconds, _ = timed(
            lambda: subprocess.run(command, cwd=self.folder, env=self.env, check=True, capture_output=True)
        )
        return seconds, target.read_bytes()

    def peer(self, old: Path, new: Path) -> tuple[float, bytes]:
        target = self.fresh("peer")
        command = [sys.executable, "-c", PEER_CODE, AUTHOR, str(old), str(new), str(target)]
        seconds, _ = timed(
            lambda: subprocess.run(command, cwd=self.folder, env=self.env, check=True, capture_output=True)
        )
        return seconds, target.read_bytes()

    def measure(self, name: str, old: Path, new: Path, rows: Optional[int] = None) -> Result:
        from keputusan.layout import layout
        from keputusan.load import load
        from keputusan.redline import render
        from keputusan.render_docx import render as build_docx
        from tests.revisions import count

        old_decree, new_decree = load(old), load(new)
        old_docx, new_docx = old.with_suffix(".docx"), new.with_suffix(".docx")
        old_docx.write_bytes(build_docx(layout(old_decree)))
        new_docx.write_bytes(build_docx(layout(new_decree)))
        peer = self.engine is not None

        self.ours(old, new)  # warm-up: the bytecode cache, the file system cache
        if peer:
            self.peer(old_docx, new_docx)
        ours_process, peer_process = Times(), Times()
        ours_data = peer_data = b""
        for _ in range(self.runs):
            seconds, ours_data = self.ours(old, new)
            ours_process.runs.append(seconds)
            if peer:
                seconds, peer_data = self.peer(old_docx, new_docx)
                peer_process.runs.append(seconds)

        ours_inprocess, peer_inprocess = Times(), Times()
        old_bytes, new_bytes = old_docx.read_bytes(), new_docx.read_bytes()
        for _ in range(self.runs):
            seconds, _ = timed(lambda: render(old_decree, new_decree, AUTHOR))
            ours_inprocess.runs.append(seconds)
            if peer:
                seconds, _ = timed(lambda: self.engine.run_redline(AUTHOR, old_bytes, new_bytes))
                peer_inprocess.runs.append(seconds)

        result = Result(name, rows, ours_process, ours_inprocess, count(ours_data))
        if peer:
            result.peer_process, result.peer_inprocess = peer_process, peer_inprocess
            result.peer_revisions = count(peer_data)
        return result


def _ms(times: Optional[Times]) -> str:
    return " " * 17 if times is None else f"{times.min * 1000:8.0f}{times.median * 1000:9.0f}"


def _ratio(value: Optional[float]) -> str:
    return f"{'-':>7}" if value is None else f"{value:6.1f}x"


def report(results: list[Result]) -> None:
    print()
    print(f"{'':<24} {'whole process (ms: min, median)':^46}   {'in-process (ms: min, median)':^46}")
    print(
        f"{'pair':<24} {'ours':>17} {'peer':>17} {'ratio':>8}   {'ours':>17} {'peer':>17} {'ratio':>8}"
        f" {'revs':>6} {'peer':>5}"
    )
    for r in results:
        flag = "  <- peer finds no change: not in the summary" if r.peer_blind else ""
        print(
            f"{r.pair:<24} {_ms(r.ours_process)} {_ms(r.peer_process)} {_ratio(r.ratio())}   "
            f"{_ms(r.ours_inprocess)} {_ms(r.peer_inprocess)} {_ratio(r.ratio(False))}"
            f" {r.ours_revisions:6d} {'-' if r.peer_revisions is None else r.peer_revisions:>5}{flag}"
        )
    fair = [r for r in results if r.ratio() is not None and not r.peer_blind]
    if fair:
        worst = min(fair, key=lambda r: r.ratio() or 0.0)
        print(
            f"\nwhole process, peer median / ours median: lowest {worst.ratio():.1f}x ({worst.pair}), "
            f"geometric mean {statistics.geometric_mean([r.ratio() or 0.0 for r in fair]):.1f}x "
            f"over {len(fair)} pairs; target >= 5x: {'met' if (worst.ratio() or 0) >= 5 else 'NOT met'}"
        )
        best = [r.ratio(best=True) or 0.0 for r in fair]
        print(
            f"whole process, peer min / ours min: lowest {min(best):.1f}x, "
            f"geometric mean {statistics.geometric_mean(best):.1f}x"
        )
        inproc = [r.ratio(False) or 0.0 for r in fair]
        print(
            f"in-process (medians): lowest {min(inproc):.1f}x, "
            f"geometric mean {statistics.geometric_mean(inproc):.1f}x"
        )
    sized = sorted((r for r in results if r.rows), key=lambda r: r.rows or 0)
    if len(sized) >= 2:
        print("\nscaling (whole process, median):")
        for r in sized:
            assert r.rows is not None
            line = f"  {r.rows:6d} rows: {r.ours_process.median:7.2f} s, {r.ours_process.median / r.rows * 1000:6.2f} ms/row"
            if r.peer_process is not None:
                line += f"   peer {r.peer_process.median:7.2f} s, {r.peer_process.median / r.rows * 1000:6.2f} ms/row"
            print(line)
        small, large = sized[0], sized[-1]
        assert small.rows is not None and large.rows is not None
        growth = large.ours_process.median / small.ours_process.median
        print(
            f"  {large.rows}/{small.rows} rows: time x{growth:.2f} for x{large.rows / small.rows:.0f} rows"
            f" (of the minimums x{large.ours_process.min / small.ours_process.min:.2f})"
            + (
                f"; target <= 4.5x: {'met' if growth <= 4.5 else 'NOT met'}"
                if large.rows == 4 * small.rows
                else ""
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each measurement (default 5)")
    parser.add_argument(
        "--rows", default="500,2000", help="generated pairs' rows, comma-separated ('' for none)"
    )
    parser.add_argument("--pairs", default=None, help="only these scenarios, comma-separated ('' for none)")
    parser.add_argument("--no-peer", action="store_true", help="our times only")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--code", type=Path, default=None, help="the checkout to measure (default: this one)")
    args = parser.parse_args()
    if args.code is not None:
        sys.path.insert(0, str(args.code.resolve()))  # before anything imports keputusan
    from tests.test_redline import SCENARIOS, SEED_TEXT

    names = list(SCENARIOS) if args.pairs is None else [n for n in args.pairs.split(",") if n]
    rows = [int(n) for n in args.rows.split(",") if n]

    folder = Path(tempfile.mkdtemp(prefix="keputusan-bench-"))
    try:
        shutil.copytree(ROOT / "content" / "profiles", folder / "profiles")
        (folder / "out").mkdir()
        (folder / "old.yaml").write_text(SEED_TEXT, encoding="utf-8")
        code = None if args.code is None else args.code.resolve()
        bench = Bench(folder, max(1, args.runs), not args.no_peer, code)
        import keputusan

        print(
            f"{bench.runs} runs each; {os.cpu_count()} CPUs; python {sys.version.split()[0]}; "
            f"keputusan from {Path(keputusan.__file__).parent}"
        )
        results = []
        pairs: list[tuple[str, Path, Path, Optional[int]]] = []
        for name in names:
            path = folder / f"{name}.yaml"
            path.write_text(SCENARIOS[name](SEED_TEXT), encoding="utf-8")
            pairs.append((name, folder / "old.yaml", path, None))
        for count in rows:
            old, new = write_pair(folder, count)
            pairs.append((f"rows-{count}", old, new, count))
        for name, old, new, size in pairs:
            result = bench.measure(name, old, new, size)
            print(
                f"  {name:<24} ours {result.ours_process.median:6.2f} s"
                + ("" if result.peer_process is None else f", peer {result.peer_process.median:6.2f} s"),
                flush=True,
            )
            results.append(result)
        report(results)
        if args.json is not None:
            args.json.write_text(json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
