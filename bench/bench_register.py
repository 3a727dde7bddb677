"""Numbers taken per second, SQLite and PostgreSQL (run by hand; never part of the tests).

.venv/bin/python bench/bench_register.py [--takes N] [--postgres URL]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import time
import uuid
from pathlib import Path

from keputusan.register import Register

PATTERN = "{klasifikasi}/{urut}/Kpts/Ka/BKPSDM/{tahun}"


def _takes(url: str, agency: str, worker: int, count: int) -> None:
    with Register(url) as reg:
        for n in range(count):
            reg.take(agency, 2023, PATTERN, "800", f"w{worker}-{n}", "x.yaml", "2023-09-22", "bench", 1)


def measure(url: str, takes: int, processes: int) -> float:
    agency = f"bench-{uuid.uuid4().hex[:8]}"
    start = time.perf_counter()
    if processes == 1:
        _takes(url, agency, 0, takes)
    else:
        with multiprocessing.get_context("spawn").Pool(processes) as pool:
            pool.starmap(_takes, [(url, agency, w, takes // processes) for w in range(processes)])
    return takes / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--takes", type=int, default=400)
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "KEPUTUSAN_TEST_POSTGRES", "postgresql://keputusan:keputusan@127.0.0.1:5432/keputusan_test"
        ),
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="keputusan-bench-"))
    backends = [("SQLite (WAL, synchronous=FULL)", str(folder / "nomor.sqlite"))]
    try:
        Register(args.postgres).close()
        backends.append(("PostgreSQL", args.postgres))
    except Exception as exc:  # the server is optional for a bench run
        print(f"PostgreSQL not measured: {exc}")
    print(f"{args.takes} takes each")
    for name, url in backends:
        for processes in (1, 8):
            rate = measure(url, args.takes, processes)
            print(f"  {name:<32} {processes} process(es): {rate:8.1f} takes/s")


if __name__ == "__main__":
    main()
