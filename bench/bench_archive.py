"""Time to archive and to verify one signed decree, per tier (run by hand; never part of the tests).

.venv/bin/python bench/bench_archive.py [--runs N] [--engine reportlab|libreoffice]

Whole commands first (``keputusan archive add`` / ``archive verify`` as typed, each
a new process), then the same work in one warm process; pyHanko's own signing and a
bare ``keputusan --help`` are baselines measured in the same run.

- identik: the seed built by the tool and signed incrementally with pyHanko;
- cocok: the same build opened and saved by pikepdf (other bytes, same pages), then signed.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.signing import make_ca, make_signer, sign, write_trust  # noqa: E402

SEED = ROOT / "content" / "kpts-800-1199-2023-iku-iki.yaml"
KEPUTUSAN = str(Path(sys.executable).with_name("keputusan"))


def rewritten(pdf: bytes) -> bytes:
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        doc.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--engine", choices=("reportlab", "libreoffice"), default="reportlab")
    args = parser.parse_args()
    runs = args.runs

    from keputusan.archive import Archive
    from keputusan.build import Options, build_all
    from keputusan.load import load

    work = Path(tempfile.mkdtemp(prefix="keputusan-bench-"))
    try:
        shutil.copytree(ROOT / "content" / "profiles", work / "profiles")
        source = work / SEED.name
        shutil.copy(SEED, source)
        ca = make_ca()
        signer = make_signer(ca)
        build_all([load(source)], work, Options(("pdf",), engine=args.engine))
        built = (work / f"{SEED.stem}.pdf").read_bytes()
        start = time.perf_counter()
        signed = {"identik": sign(built, signer, ca)}
        signing = time.perf_counter() - start
        signed["cocok"] = sign(rewritten(built), signer, ca)
        trust = write_trust(work / "trust", ca)
        for tier, data in signed.items():
            (work / f"{tier}.pdf").write_bytes(data)

        print(f"one signed decree (seed, {args.engine} engine), median of {runs} runs")
        help_times = [timed([KEPUTUSAN, "--help"], work) for _ in range(runs)]
        print(
            f"  baseline: keputusan --help (whole process)        {statistics.median(help_times) * 1000:8.1f} ms"
        )
        print(f"  baseline: pyHanko signing (once, in-process)      {signing * 1000:8.1f} ms")
        for tier in signed:
            adds, verifies = [], []
            for n in range(runs):
                archive = work / f"cli-{tier}-{n}"
                adds.append(
                    timed(
                        [
                            KEPUTUSAN,
                            "archive",
                            "add",
                            f"{tier}.pdf",
                            "--source",
                            source.name,
                            "--archive",
                            str(archive),
                            "--trust",
                            str(trust),
                            "--by",
                            "bench",
                        ],
                        work,
                    )
                )
                verifies.append(
                    timed(
                        [KEPUTUSAN, "archive", "verify", "--archive", str(archive), "--trust", str(trust)],
                        work,
                    )
                )
            print(
                f"  {tier:<8} archive add     (whole process)         {statistics.median(adds) * 1000:8.1f} ms"
            )
            print(
                f"  {tier:<8} archive verify  (whole process, 1 file) {statistics.median(verifies) * 1000:8.1f} ms"
            )
            adds, verifies = [], []
            for n in range(runs):
                store = Archive(work / f"lib-{tier}-{n}", trust)
                start = time.perf_counter()
                record = store.add(work / f"{tier}.pdf", load(source), source, oleh="bench")
                adds.append(time.perf_counter() - start)
                assert record["tingkat"] == tier, record["tingkat"]
                start = time.perf_counter()
                assert list(store.verify()) == []
                verifies.append(time.perf_counter() - start)
            print(
                f"  {tier:<8} archive add     (in-process)            {statistics.median(adds) * 1000:8.1f} ms"
            )
            print(
                f"  {tier:<8} archive verify  (in-process, 1 file)    {statistics.median(verifies) * 1000:8.1f} ms"
            )
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
