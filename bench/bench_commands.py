"""Whole-process times of commands as a user types them, this checkout against a git revision.

    .venv/bin/python bench/bench_commands.py [--rev BASELINE] [--runs 10]

Each command runs as a new process (`python -c "from keputusan.cli import main; main()" ...`),
alternating between the baseline (a temporary git worktree of --rev, default HEAD~1) and this
checkout, so that both see the same machine load. Prints min and median seconds and the ratio.
Run by hand; never part of the tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [
    ["--help"],
    ["check", "content/"],
    ["build", "content/", "-o", "{out}"],
    ["build", "content/", "-o", "{out}", "--format", "docx"],
    ["build", "content/", "-o", "{out}", "--template", "templates/keputusan.docx"],
]


def run(code: Path, args: list[str], out: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(code), "LANG": "C.UTF-8"}
    command = [
        sys.executable,
        "-c",
        "from keputusan.cli import main; main()",
        *[a.format(out=out) for a in args],
    ]
    start = time.perf_counter()
    subprocess.run(command, cwd=code, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rev", default="HEAD~1")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="keputusan-bench-") as scratch:
        base = Path(scratch) / "base"
        subprocess.run(
            ["git", "worktree", "add", "-q", "--detach", str(base), args.rev], cwd=ROOT, check=True
        )
        try:
            print(f"{args.runs} runs each; baseline {args.rev}, then this checkout (seconds: min / median)")
            for command in COMMANDS:
                times: dict[str, list[float]] = {"base": [], "now": []}
                for _ in range(args.runs):
                    for name, code in (("base", base), ("now", ROOT)):
                        times[name].append(run(code, command, str(Path(scratch) / f"out-{name}")))
                b, n = times["base"], times["now"]
                print(
                    f"  keputusan {' '.join(command).replace('{out}', 'OUT'):<58} "
                    f"{min(b):.3f} / {statistics.median(b):.3f}  ->  {min(n):.3f} / {statistics.median(n):.3f}"
                    f"  ({statistics.median(n) / statistics.median(b):.2f}x)"
                )
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
