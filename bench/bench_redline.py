"""Our redline against a generic DOCX comparer on the same pairs (run by hand; never in the tests).

    pip install "python-redlines[docxodus]"   # ships a self-contained .NET comparer, runs offline
    .venv/bin/python bench/bench_redline.py [--runs N]

Target: at least 5x faster than python-redlines, with no more revisions than it reports.
Revisions are counted the same way in both outputs: w:ins and w:del elements that
carry content (paragraph-mark and row marks not counted).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.revisions import count  # noqa: E402
from tests.test_redline import SCENARIOS, SEED_TEXT  # noqa: E402


def median(action, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    from keputusan.load import load
    from keputusan.redline import render
    from keputusan.render_docx import render as build_docx

    try:
        from python_redlines.engines import DocxodusEngine

        engine = DocxodusEngine()
    except Exception as exc:  # an optional peer
        print(f"python-redlines[docxodus] not available: {exc}")
        engine = None

    folder = Path(tempfile.mkdtemp(prefix="keputusan-bench-"))
    try:
        shutil.copytree(ROOT / "content" / "profiles", folder / "profiles")
        (folder / "old.yaml").write_text(SEED_TEXT, encoding="utf-8")
        print(f"{'pair':<24} {'ours ms':>9} {'revs':>5} {'peer ms':>9} {'revs':>5} {'speed-up':>9}")
        for name, change in SCENARIOS.items():
            (folder / f"{name}.yaml").write_text(change(SEED_TEXT), encoding="utf-8")
            old_docx = build_docx(load(folder / "old.yaml"))
            new_docx = build_docx(load(folder / f"{name}.yaml"))
            ours, (ours_docx, _) = median(
                lambda name=name: render(load(folder / "old.yaml"), load(folder / f"{name}.yaml"), "bench"),
                runs,
            )
            line = f"{name:<24} {ours * 1000:9.1f} {count(ours_docx):5d}"
            if engine is not None:
                peer, (peer_docx, _, _) = median(
                    lambda a=old_docx, b=new_docx: engine.run_redline("bench", a, b), max(1, runs // 2)
                )
                line += f" {peer * 1000:9.1f} {count(peer_docx):5d} {peer / ours:8.1f}x"
            print(line)
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
