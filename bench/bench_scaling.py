"""Every command linear in the decree's size: whole processes on generated decrees of N rows.

    .venv/bin/python bench/bench_scaling.py [--sizes 50,500,2000,5000] [--runs 3]
        [--baseline] [--rev issue14-base]

Run by hand, never part of the tests. For each size, bench/redline_pairs.py writes a decree (the
seed's opening and one indicator table of N rows) and a revision of it, beside a copy of
content/profiles. Each command runs as a new process, as typed, in that folder:

    keputusan check OLD
    keputusan build OLD -o OUT --format docx
    keputusan build OLD -o OUT --format pdf
    keputusan diff OLD NEW -o OUT.docx

Prints min / median seconds of --runs runs, milliseconds per row (raw: the median over N; net:
after taking away the smallest size's median as the fixed cost), the growth from one size to the
next, and the largest resident set of any run (os.wait4's rusage of that very process: a per-run
figure, which getrusage(RUSAGE_CHILDREN) is not). With --baseline, the same runs of the code before
issue 14 (a temporary git worktree of --rev, removed at the end) alternate with this checkout's;
slow, so off by default. One unmeasured warm-up run of each command (smallest size) comes first.

Target (issue 14): for every command, the 5,000-row decree at most 10.5x the time of the 500-row
one (10x the rows: linear, with a little room). On the 2-core reference machine the 5,000-row PDF
build takes some 15 s.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Optional

from _common import (
    BASE_REV,
    CLI,
    ROOT,
    CommandFailed,
    Times,
    copy_profiles,
    describe_checkout,
    environment,
    exit_on_sigterm,
    git,
    met,
    ratio,
    run_process,
    worktree,
)
from redline_pairs import write_pair

COMMANDS: dict[str, list[str]] = {
    "check": ["check", "{old}"],
    "build --format docx": ["build", "{old}", "-o", "{out}", "--format", "docx"],
    "build --format pdf": ["build", "{old}", "-o", "{out}", "--format", "pdf"],
    "diff": ["diff", "{old}", "{new}", "-o", "{out}.docx"],
}
TARGET = 10.5  # 5,000 rows against 500


class Scaling:
    def __init__(self, folder: Path, code: dict[str, Path]) -> None:
        self.folder, self.code = folder, code
        self.outputs = 0
        # times[side][command][rows]; failures[side][command][rows] = the error's first line
        self.times: dict[str, dict[str, dict[int, Times]]] = {s: {c: {} for c in COMMANDS} for s in code}
        self.failures: dict[str, dict[str, dict[int, str]]] = {s: {c: {} for c in COMMANDS} for s in code}

    def run(self, side: str, command: str, rows: int) -> tuple[float, int]:
        self.outputs += 1
        out = self.folder / "out" / f"{side}-{self.outputs}"
        argv = [
            CLI,
            *[
                a.format(old=f"rows{rows}-old.yaml", new=f"rows{rows}-new.yaml", out=out)
                for a in COMMANDS[command]
            ],
        ]
        try:
            run = run_process(argv, self.folder, environment(self.code[side]))
        finally:
            shutil.rmtree(out, ignore_errors=True)
            out.with_suffix(".docx").unlink(missing_ok=True)
        return run.seconds, run.rss_kib

    def measure(self, sizes: list[int], runs: int) -> None:
        for command in COMMANDS:  # warm-up: the bytecode cache (a fresh worktree has none)
            for side in self.code:
                with self.failed(side, command, sizes[0]):
                    self.run(side, command, sizes[0])
        for rows in sizes:
            for command in COMMANDS:
                for _ in range(runs):
                    for side in self.code:
                        if rows in self.failures[side][command]:
                            continue  # failed once: not again
                        with self.failed(side, command, rows):
                            seconds, rss = self.run(side, command, rows)
                            self.times[side][command].setdefault(rows, Times()).add(seconds, rss)
                now = self.times["now"][command].get(rows)
                print(
                    f"  {rows:6d} rows  {command:<20} "
                    + (f"{now.median:7.2f} s" if now else "failed")
                    + "".join(
                        f"   {side}: {t.median:.2f} s"
                        for side in self.code
                        if side != "now" and (t := self.times[side][command].get(rows))
                    ),
                    file=sys.stderr,
                    flush=True,
                )

    @contextlib.contextmanager
    def failed(self, side: str, command: str, rows: int) -> Iterator[None]:
        try:
            yield
        except CommandFailed as exc:
            lines = str(exc).splitlines()
            self.failures[side][command][rows] = (lines[-1] if len(lines) > 1 else lines[0])[:200]

    def report(self, sizes: list[int], runs: int, rev: str) -> None:
        fixed = sizes[0]
        baseline = "base" in self.code
        print(
            f"\nseconds: min / median of {runs} run(s); ms/row raw = median / rows; "
            f"ms/row net = (median - median at {fixed} rows) / (rows - {fixed}); "
            "max RSS: os.wait4 rusage, the largest of the runs"
        )
        head = f"  {'command':<20} {'rows':>6} {'seconds':>17} {'ms/row':>8} {'net':>8} {'RSS MiB':>8}"
        if baseline:
            head += f"   {rev + ' (s)':>19} {'RSS MiB':>8} {'speed-up':>8}"
        print(head)
        for command in COMMANDS:
            now = self.times["now"][command]
            for rows in sizes:
                t = now.get(rows)
                if t is None:
                    print(f"  {command:<20} {rows:6d}   failed: {self.failures['now'][command].get(rows)}")
                    continue
                line = (
                    f"  {command:<20} {rows:6d} {t.cell():>17} {t.median / rows * 1000:8.2f}"
                    f" {self._net(now, rows, fixed):>8} {t.rss_kib / 1024:8.0f}"
                )
                if baseline:
                    b = self.times["base"][command].get(rows)
                    line += (
                        f"   {b.cell():>19} {b.rss_kib / 1024:8.0f} {ratio(b, t):>8}"
                        if b
                        else f"   failed: {self.failures['base'][command].get(rows)}"
                    )
                print(line)
        print("\ngrowth of the median from one size to the next (linear: the rows' factor)")
        for command in COMMANDS:
            for side in self.code:
                steps = []
                series = self.times[side][command]
                measured = [r for r in sizes if r in series]
                for small, large in zip(measured, measured[1:], strict=False):
                    growth = series[large].median / series[small].median
                    steps.append(f"{small}->{large}: x{growth:.2f} (rows x{large / small:g})")
                name = "" if side == "now" else f" [{rev}]"
                print(f"  {command + name:<36} " + ("; ".join(steps) or "-"))
        if 500 in sizes and 5000 in sizes:
            print(f"\n5,000 rows / 500 rows, medians (target <= {TARGET}x)")
            for command in COMMANDS:
                for side in self.code:
                    series = self.times[side][command]
                    name = "" if side == "now" else f" [{rev}]"
                    if 500 in series and 5000 in series:
                        value = series[5000].median / series[500].median
                        best = series[5000].min / series[500].min
                        net = ""
                        fixed = sizes[0]
                        if fixed < 500 and fixed in series:
                            # the fixed cost (imports, the seed's opening) hides growth per row
                            share = (series[5000].median - series[fixed].median) / (
                                series[500].median - series[fixed].median
                            )
                            net = f"; net of the {fixed}-row time x{share:5.2f} for x{(5000 - fixed) / (500 - fixed):.1f} rows"
                        print(
                            f"  {command + name:<36} x{value:5.2f} (of the minimums x{best:5.2f})"
                            + (f": {met(value <= TARGET)}" if side == "now" else "")
                            + net
                        )
                    else:
                        print(f"  {command + name:<36} not measured (a run failed)")

    @staticmethod
    def _net(series: dict[int, Times], rows: int, fixed: int) -> str:
        if rows == fixed or fixed not in series:
            return "-"
        return f"{(series[rows].median - series[fixed].median) / (rows - fixed) * 1000:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="50,500,2000,5000", help="rows, comma-separated (default 50,500,2000,5000)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each command and size (default 3)")
    parser.add_argument(
        "--baseline", action="store_true", help="also run the code of --rev (slow; off by default)"
    )
    parser.add_argument("--rev", default=BASE_REV, help=f"the baseline revision (default {BASE_REV})")
    args = parser.parse_args()
    sizes = sorted({int(n) for n in args.sizes.split(",") if n.strip()})
    if not sizes:
        parser.error("--sizes names no size")
    runs = max(1, args.runs)
    exit_on_sigterm()
    folder = Path(tempfile.mkdtemp(prefix="keputusan-bench-scaling-"))
    try:
        with contextlib.ExitStack() as stack:
            code = {"now": ROOT}
            base: Optional[Path] = None
            if args.baseline:
                base = stack.enter_context(worktree(args.rev))
                code = {"base": base, "now": ROOT}
            copy_profiles(folder)
            (folder / "out").mkdir()
            for rows in sizes:
                write_pair(folder, rows)
            rev = args.rev
            print(
                f"bench_scaling: {os.cpu_count()} CPUs; python {sys.version.split()[0]}; sizes {sizes}; "
                f"runs {runs}\nthis checkout {describe_checkout()}"
                + (
                    f"; baseline {rev} ({git('rev-parse', '--short', rev + '^{commit}')}) in a temporary worktree"
                    if base
                    else ""
                )
            )
            scaling = Scaling(folder, code)
            scaling.measure(sizes, runs)
            scaling.report(sizes, runs, rev)
    except KeyboardInterrupt:
        print("\ninterrupted: worktree and scratch removed", file=sys.stderr)
        raise SystemExit(130) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
