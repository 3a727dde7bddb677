"""Time and memory of building the seed decree as DOCX (run by hand; never part of the tests).

    .venv/bin/python bench/bench_build.py [--runs N]

Targets on the 2-core reference machine: DOCX build under 0.3 s in-process,
the whole `keputusan build` command under 1 s, `keputusan --help` under 0.3 s.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "kpts-800-1199-2023-iku-iki.yaml"
CLI = str(Path(sys.executable).parent / "keputusan")


def median_time(action, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs

    from keputusan.layout import layout
    from keputusan.load import load
    from keputusan.render_docx import render as render_layout

    def render(decree):  # type: ignore[no-untyped-def]
        return render_layout(layout(decree))

    decree = load(SEED)
    render(decree)  # warm imports and caches
    rows = [
        ("load + validate (in-process)", median_time(lambda: load(SEED), runs)),
        ("render DOCX (in-process)", median_time(lambda: render(decree), runs)),
        ("load + render DOCX (in-process)", median_time(lambda: render(load(SEED)), runs)),
    ]
    tracemalloc.start()
    render(load(SEED))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    out = Path(tempfile.mkdtemp(prefix="keputusan-bench-"))
    try:
        command = [CLI, "build", str(SEED), "-o", str(out)]
        rows.append(
            (
                "`keputusan build` (whole process)",
                median_time(
                    lambda: subprocess.run(command, check=True, capture_output=True), max(3, runs // 3)
                ),
            )
        )
        rows.append(
            (
                "`keputusan --help` (whole process)",
                median_time(
                    lambda: subprocess.run([CLI, "--help"], check=True, capture_output=True),
                    max(3, runs // 3),
                ),
            )
        )
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    finally:
        shutil.rmtree(out)

    print(f"seed decree: {SEED.name}; median of {runs} runs (processes: {max(3, runs // 3)})")
    for name, seconds in rows:
        print(f"  {name:<40} {seconds * 1000:8.1f} ms")
    print(f"  {'peak Python memory, load + render':<40} {peak / 2**20:8.1f} MiB")
    print(f"  {'peak RSS of a CLI process':<40} {rss:8.1f} MiB")


if __name__ == "__main__":
    main()
