"""Time to archive and to verify one signed decree (run by hand; never part of the tests).

.venv/bin/python bench/bench_archive.py [--runs N]
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

from tests.signing import make_ca, make_signer, sign, write_trust  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    from keputusan.archive import Archive
    from keputusan.build import Options, build_all
    from keputusan.load import load

    seed = ROOT / "content" / "kpts-800-1199-2023-iku-iki.yaml"
    work = Path(tempfile.mkdtemp(prefix="keputusan-bench-"))
    try:
        ca = make_ca()
        build_all([load(seed)], work, Options(("pdf",)))
        signed = work / "signed.pdf"
        start = time.perf_counter()
        signed.write_bytes(sign((work / f"{seed.stem}.pdf").read_bytes(), make_signer(ca), ca))
        signing = time.perf_counter() - start
        trust = write_trust(work / "trust", ca)
        adds, verifies = [], []
        for n in range(runs):
            store = Archive(work / f"arsip{n}", trust)
            start = time.perf_counter()
            store.add(signed, load(seed), seed, oleh="bench")
            adds.append(time.perf_counter() - start)
            start = time.perf_counter()
            assert list(store.verify()) == []
            verifies.append(time.perf_counter() - start)
        print(f"one signed decree (seed), median of {runs} runs")
        print(f"  sign with pyHanko (once, for reference)   {signing * 1000:8.1f} ms")
        print(f"  archive add (load, signatures, content)   {statistics.median(adds) * 1000:8.1f} ms")
        print(f"  archive verify (hash + signatures)        {statistics.median(verifies) * 1000:8.1f} ms")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
