"""PDF build times, both engines, measured in one run (run by hand; never part of the tests).

    .venv/bin/python bench/bench_pdf.py [--runs N] [--batch N]

Targets on the 2-core reference machine: the default DOCX+PDF build (reportlab)
under 0.5 s in-process and at least 3x faster than a cold LibreOffice
conversion of the same DOCX; a batch of 100 decrees under 20 s with the
default engine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "kpts-800-1199-2023-iku-iki.yaml"
CLI = str(Path(sys.executable).parent / "keputusan")


def timed(action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def copies(folder: Path, count: int) -> Path:
    """``count`` copies of the seed, each with its own number."""
    content = folder / "content"
    shutil.copytree(SEED.parent / "profiles", content / "profiles")
    text = SEED.read_text(encoding="utf-8")
    for n in range(count):
        (content / f"kpts-{n:03d}.yaml").write_text(
            text.replace("800/1199/", f"800/{1200 + n}/"), encoding="utf-8"
        )
    return content


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()

    from keputusan.build import Options, build_all
    from keputusan.convert import docx_to_pdf, find_soffice
    from keputusan.load import content_files, load

    decree = load(SEED)
    work = Path(tempfile.mkdtemp(prefix="keputusan-bench-"))
    try:
        out = work / "out"
        build_all([decree], out)  # warm imports and font registration
        both = statistics.median(timed(lambda: build_all([decree], out)) for _ in range(args.runs))
        docx_only = statistics.median(
            timed(lambda: build_all([decree], out, Options(("docx",)))) for _ in range(args.runs)
        )
        pdf_only = statistics.median(
            timed(lambda: build_all([decree], out, Options(("pdf",)))) for _ in range(args.runs)
        )
        print(f"seed decree, median of {args.runs} runs")
        print(f"  DOCX only (docxtpl)                        {docx_only * 1000:8.1f} ms")
        print(f"  PDF only (reportlab + pikepdf finish)      {pdf_only * 1000:8.1f} ms")
        print(f"  DOCX + PDF, default engine (reportlab)     {both * 1000:8.1f} ms")

        if find_soffice():
            docx = out / f"{SEED.stem}.docx"
            cold = statistics.median(timed(lambda: docx_to_pdf([docx], work / "lo-cold")) for _ in range(3))
            ten = []
            for n in range(10):
                path = work / "lo-batch" / f"d{n}.docx"
                path.parent.mkdir(exist_ok=True)
                shutil.copy(docx, path)
                ten.append(path)
            batch = timed(lambda: docx_to_pdf(ten, work / "lo-batch-out"))
            print(f"  LibreOffice conversion, cold (1 file/run) {cold * 1000:8.1f} ms   (median of 3)")
            print(f"  LibreOffice, warm within a batch of 10     {batch / 10 * 1000:8.1f} ms per file")
            print(f"  ratio cold LibreOffice / default DOCX+PDF  {cold / both:8.1f} x")
        else:
            print("  LibreOffice not installed: conversion not measured")

        content = copies(work, args.batch)
        files, _ = content_files([content])
        in_process = timed(lambda: build_all([load(p) for p in files], work / "batch"))
        whole = timed(
            lambda: subprocess.run(
                [CLI, "build", str(content), "-o", str(work / "batch-cli")], check=True, capture_output=True
            )
        )
        print(f"batch of {args.batch} decrees (different numbers), default engine")
        print(
            f"  in-process (load + DOCX + PDF)             {in_process:8.2f} s  ({in_process / args.batch * 1000:.0f} ms each)"
        )
        print(f"  `keputusan build FOLDER` (whole process)   {whole:8.2f} s")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
