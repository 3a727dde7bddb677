"""Numbers taken per second, SQLite and PostgreSQL, without and with the hash chain
(run by hand; never part of the tests).

.venv/bin/python bench/bench_register.py [--takes N] [--repeat R] [--postgres URL]

The baseline turns the chain off with the register's internal switch
(``Register._chain``): no trigger check, no read of the previous audit row, no
hashing. Everything else (the global writer lock, the triggers on the tables,
among them the checks of a new row's state and, on PostgreSQL, of its time
against the server's clock, read with the lock) is the same, so the
difference is what the chain costs. Every measurement gets
a register of its own (a new SQLite file, a new PostgreSQL schema); the median
of ``--repeat`` runs is shown, baseline and chained runs alternating.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from keputusan.register import Register

PATTERN = "{klasifikasi}/{urut}/Kpts/Ka/BKPSDM/{tahun}"


def _takes(url: str, chained: bool, worker: int, count: int, start_at: float) -> None:
    with Register(url) as reg:
        reg._chain = chained  # the internal switch: off for the baseline only
        while time.time() < start_at:  # every process begins together
            time.sleep(0.001)
        for n in range(count):
            reg.take("bench", 2023, PATTERN, "800", f"w{worker}-{n}", "x.yaml", "2023-09-22", "bench", 1)


def measure(url: str, chained: bool, takes: int, processes: int) -> float:
    """Takes per second into the fresh register ``url``."""
    Register(url, create=True).close()
    per_process = takes // processes
    start_at = time.time() + (0.0 if processes == 1 else 1.5)
    if processes == 1:
        start = time.perf_counter()
        _takes(url, chained, 0, per_process, start_at)
        return per_process / (time.perf_counter() - start)
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        pending = pool.starmap_async(
            _takes, [(url, chained, w, per_process, start_at) for w in range(processes)]
        )
        while time.time() < start_at:
            time.sleep(0.001)
        start = time.perf_counter()
        pending.get()
        return per_process * processes / (time.perf_counter() - start)


@contextmanager
def sqlite_registers() -> Iterator[Callable[[], str]]:
    with tempfile.TemporaryDirectory(prefix="keputusan-bench-") as folder:
        yield lambda: str(Path(folder) / f"{uuid.uuid4().hex}.sqlite")


@contextmanager
def postgres_registers(url: str) -> Iterator[Callable[[], str]]:
    """Fresh schemas on the server, dropped afterwards."""
    import psycopg

    made: list[str] = []

    def fresh() -> str:
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        made.append(schema)
        return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"

    try:
        yield fresh
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            for schema in made:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")


def report(name: str, fresh: Callable[[], str], takes: int, repeat: int) -> None:
    for processes in (1, 8):
        rates: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(repeat):
            for chained in (False, True):
                rates[chained].append(measure(fresh(), chained, takes, processes))
        before, after = statistics.median(rates[False]), statistics.median(rates[True])
        print(
            f"  {name:<12} {processes} process(es): {before:8.1f} takes/s without the chain, "
            f"{after:8.1f} with it ({(before - after) / before * 100:+.1f} % cost)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--takes", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "KEPUTUSAN_TEST_POSTGRES", "postgresql://keputusan:keputusan@127.0.0.1:5432/keputusan_test"
        ),
    )
    args = parser.parse_args()
    print(f"{args.takes} takes per measurement, median of {args.repeat}")
    with sqlite_registers() as fresh:
        report("SQLite", fresh, args.takes, args.repeat)
    try:
        with postgres_registers(args.postgres) as fresh:
            report("PostgreSQL", fresh, args.takes, args.repeat)
    except Exception as exc:  # the server is optional for a bench run
        print(f"PostgreSQL not measured: {type(exc).__name__}")


if __name__ == "__main__":
    main()
