"""How long `keputusan import` takes on a seed-sized decree, as a user types it (target: < 1 s).

    .venv/bin/python bench/bench_import.py [--runs 10]

The inputs: the seed decree's DOCX as this tool builds it (9 pages, two IKU/IKI tables, 15
indicators), the seed typed the way an office types it (tests/office_docx.py: tabs, manual
numbering, tables by hand; the same words), and the seed's PDF. Each import runs as a new
process (`keputusan import X -o NEW.yaml`), alternating with two baselines in the same run:
`keputusan --version` (starting Python and the CLI) and `keputusan check SEED` (reading one
decree). Then the same imports in this process (warm), for comparison. Prints min and median
seconds. Run by hand; never part of the tests.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CLI = str(Path(sys.executable).parent / "keputusan")
SEED = ROOT / "content" / "kpts-800-1199-2023-iku-iki.yaml"


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([CLI, *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return elapsed


def row(name: str, runs: list[float]) -> str:
    return f"{name:<44} {min(runs):7.3f} / {statistics.median(runs):7.3f} s"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    from keputusan.build import Options, build_all
    from keputusan.load import load
    from tests.office_docx import OFFICE_DOCX

    decree = load(SEED)
    [docx] = build_all([decree], work / "own", Options(formats=("docx",)))
    [pdf] = build_all([decree], work / "own", Options(formats=("pdf",)))
    office = OFFICE_DOCX["seed_iku_iki"](work / "kantor.docx")
    inputs = {
        "tool's own DOCX (9 pages)": docx.files[0],
        "office-typed DOCX (seed's words)": office,
        "PDF (9 pages, text layer)": pdf.files[0],
    }
    profile = work / "profiles" / "bkpsdm-balangan.yaml"
    profile.parent.mkdir()
    for source in (SEED.parent / "profiles").iterdir():
        (profile.parent / source.name).write_bytes(source.read_bytes())
    times: dict[str, list[float]] = {name: [] for name in ["keputusan --version", "keputusan check SEED", *inputs]}
    for n in range(runs):
        times["keputusan --version"].append(timed(["--version"]))
        times["keputusan check SEED"].append(timed(["check", str(SEED)]))
        for index, (name, source) in enumerate(inputs.items()):
            target = work / f"r{n}-{index}.yaml"
            times[name].append(timed(["import", str(source), "-o", str(target), "--profile", str(profile)]))
    print(f"whole process, {runs} runs each, min / median (target for import: < 1 s)")
    for name, values in times.items():
        print(row(("import: " if name in inputs else "baseline: ") + name, values))
    from keputusan.importer import import_document

    print("\nin this process (warm), min / median")
    for name, source in inputs.items():
        warm = []
        for n in range(runs):
            start = time.perf_counter()
            import_document(source, work / f"w{n}.yaml", profile)  # nothing is written: files are returned
            warm.append(time.perf_counter() - start)
        print(row("import: " + name, warm))


if __name__ == "__main__":
    main()
