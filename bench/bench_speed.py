"""One decree and batches as a person runs them: this checkout against the code before issue 14.

    .venv/bin/python bench/bench_speed.py [--runs 10] [--batch 100] [--batch-runs 3]
        [--rev issue14-base] [--no-soffice] [--no-batch] [--no-inprocess]

Run by hand, never part of the tests. The baseline is a temporary git worktree of --rev (default
the tag issue14-base), removed at the end, Ctrl-C included. Every command runs as a new process,
as typed (the venv's `keputusan` script, in the checkout's folder, with PYTHONPATH naming that
checkout), alternating baseline and this checkout so that both see the same machine load, after
one unmeasured warm-up run of each (which also writes the worktree's bytecode cache). Times are
min / median seconds.

Whole processes first:
  - `keputusan build content/kpts-800-1199-2023-iku-iki.yaml -o OUT` (DOCX + PDF, reportlab),
    the same with `--format docx`, `keputusan check content/`, `keputusan --help`;
  - two reference points, this machine only: one cold LibreOffice conversion of the seed's built
    DOCX (`soffice --headless --convert-to pdf`, a fresh user profile each run), and a raw docxtpl
    render of templates/keputusan.docx (a process that imports docxtpl, renders keputusan's own
    context for the seed, computed and pickled beforehand, and saves: docxtpl + jinja2 +
    python-docx and nothing of keputusan);
  - whether `build --format docx` imports reportlab, pikepdf, pypdfium2 or pyhanko at all
    (`python -X importtime`, which covers a forked child and -j workers too);
  - a batch of --batch copies of the seed in one folder: `keputusan build FOLDER -o OUT -j 2`
    and `-j 1`.
Then in-process figures (labelled so): load, load + layout + DOCX render, load + layout + PDF,
load + DOCX + PDF written, warm (the median of --runs in one process after a warm-up), and the
first calls in a fresh process (imports and first call apart).

Targets (issue 14, 2-core reference machine): `keputusan build SEED` (DOCX + PDF) at least 3x
faster than one cold LibreOffice conversion; `keputusan check content/` at most 0.12 s; a
`--format docx` build loads no PDF library; the batch of 100 with `-j 2` under 6 s.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from _common import (
    BASE_REV,
    CLI,
    PYTHON,
    ROOT,
    SEED,
    CommandFailed,
    Run,
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

SEED_ARG = f"content/{SEED.name}"  # as typed, from the checkout's folder
PDF_LIBRARIES = ("reportlab", "pikepdf", "pypdfium2", "pyhanko")

# The raw docxtpl reference: what a process pays for docxtpl + jinja2 + python-docx and one
# render of the shipped template. The context holds InlineImage objects bound to the template
# they were made for: it was pickled with that template as a persistent id, bound here to this one.
DOCXTPL_CODE = """\
import pickle, sys
from docxtpl import DocxTemplate
tpl = DocxTemplate(sys.argv[1])
class Context(pickle.Unpickler):
    def persistent_load(self, pid):
        return tpl
with open(sys.argv[2], "rb") as f:
    values = Context(f).load()
tpl.render(values)
tpl.save(sys.argv[3])
"""

# --------------------------------------------------------------------------- workers
# Run as `python bench/bench_speed.py --worker NAME ...` with PYTHONPATH naming the checkout: the
# measuring process never imports keputusan itself.


def _worker_context(target: Path) -> None:
    """Pickle keputusan's template context for the seed (for the raw docxtpl reference)."""
    from docxtpl import DocxTemplate

    from keputusan import render_docx
    from keputusan.layout import layout
    from keputusan.load import load

    template = DocxTemplate(render_docx.TEMPLATE)
    values, _ = render_docx.context(layout(load(SEED)), template)

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj: Any) -> Optional[str]:
            return "template" if obj is template else None

    buffer = io.BytesIO()
    Pickler(buffer).dump(values)
    target.write_bytes(buffer.getvalue())
    print(json.dumps({"template": str(render_docx.TEMPLATE)}))


def _steps(scratch: Path) -> dict[str, Callable[[], Any]]:
    """The in-process steps, each from the content file (a fresh load every time: no cache of a
    decree already loaded helps)."""
    from keputusan import render_docx
    from keputusan.build import Options, build_all, pdf_bytes
    from keputusan.layout import layout
    from keputusan.load import load

    counter = iter(range(1_000_000))
    return {
        "load + validate": lambda: load(SEED),
        "load + layout + DOCX render": lambda: render_docx.render(layout(load(SEED))),
        "load + layout + PDF (reportlab, finished)": lambda: pdf_bytes(load(SEED), Options()),
        "load + DOCX + PDF, written (build_all)": lambda: build_all(
            [load(SEED)], scratch / f"out-{next(counter)}"
        ),
    }


def _worker_warm(runs: int) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="keputusan-bench-warm-"))
    try:
        steps = _steps(scratch)
        for step in steps.values():  # warm imports, fonts, caches
            step()
        times: dict[str, list[float]] = {name: [] for name in steps}
        for _ in range(runs):
            for name, step in steps.items():
                start = time.perf_counter()
                step()
                times[name].append(time.perf_counter() - start)
        print(json.dumps(times))
    finally:
        shutil.rmtree(scratch)


def _worker_cold() -> None:
    """The first calls in a fresh process: imports, then each first call."""
    phases: dict[str, float] = {}
    start = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal start
        now = time.perf_counter()
        phases[name] = now - start
        start = now

    from keputusan import render_docx
    from keputusan.layout import layout
    from keputusan.load import load

    phase("import load, layout, render_docx")
    decree = load(SEED)
    phase("first load + validate")
    render_docx.render(layout(decree))
    phase("first layout + DOCX render")
    from keputusan.build import Options, pdf_bytes

    phase("import build")
    pdf_bytes(decree, Options())
    phase("first layout + PDF (incl. PDF imports)")
    print(json.dumps(phases))


# --------------------------------------------------------------------------- whole processes


@dataclass
class Measure:
    """One whole-process measurement, on the baseline and this checkout (or on one side only)."""

    label: str
    command: Callable[[str, Path, Path], list[str]]  # (side, code, fresh output) -> argv
    sides: tuple[str, ...] = ("base", "now")
    cwd: Optional[Callable[[Path], Path]] = None  # default: the checkout's folder
    times: dict[str, Times] = field(default_factory=dict)


class Bench:
    def __init__(self, scratch: Path, base: Path) -> None:
        self.scratch, self.code = scratch, {"base": base, "now": ROOT}
        self.outputs = 0

    def fresh(self, stem: str) -> Path:
        """A path not used before (each build writes a new folder; each conversion a new profile)."""
        self.outputs += 1
        return self.scratch / "out" / f"{stem}-{self.outputs}"

    def run(self, measure: Measure, side: str) -> Run:
        code = self.code[side]
        output = self.fresh(f"{measure.label.split()[0]}-{side}")
        cwd = measure.cwd(code) if measure.cwd else code
        try:
            return run_process(measure.command(side, code, output), cwd, environment(code))
        finally:
            shutil.rmtree(output, ignore_errors=True)

    def rounds(self, measures: list[Measure], runs: int, warm_up: bool = True) -> None:
        """``runs`` rounds, each running every measurement once per side, in turn."""
        for measure in measures:
            measure.times = {side: Times() for side in measure.sides}
            if warm_up:
                for side in measure.sides:
                    self.run(measure, side)
        for n in range(runs):
            for measure in measures:
                for side in measure.sides:
                    run = self.run(measure, side)
                    measure.times[side].add(run.seconds, run.rss_kib, run.cpu)
            print(f"  round {n + 1}/{runs} done", file=sys.stderr, flush=True)


def keputusan(*args: str) -> Callable[[str, Path, Path], list[str]]:
    """`keputusan ARGS`, OUT standing for a fresh output folder."""
    return lambda side, code, out: [CLI, *[str(out) if a == "OUT" else a for a in args]]


def soffice_command(soffice: str, docx: Path) -> Callable[[str, Path, Path], list[str]]:
    def command(side: str, code: Path, out: Path) -> list[str]:
        return [
            soffice,
            f"-env:UserInstallation={(out / 'profile').as_uri()}",  # a new, empty profile: cold
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out / "pdf"),
            str(docx),
        ]

    return command


def docxtpl_command(template: Path, context: Path) -> Callable[[str, Path, Path], list[str]]:
    return lambda side, code, out: [
        PYTHON,
        "-c",
        DOCXTPL_CODE,
        str(template),
        str(context),
        str(out.with_suffix(".docx")),
    ]


def pdf_imports(bench: Bench, side: str, *args: str) -> dict[str, float]:
    """The PDF libraries a `keputusan ARGS -o OUT` process tree imported, with the milliseconds of
    their own modules' imports (`python -X importtime`: the flag holds in a forked child and in -j workers too, so
    a PDF drawn in another process than the command's own still counts)."""
    code = bench.code[side]
    out = bench.fresh(f"modules-{side}")
    try:
        result = subprocess.run(
            [
                PYTHON,
                "-X",
                "importtime",
                "-c",
                "from keputusan.cli import main; main()",
                *args,
                "-o",
                str(out),
            ],
            cwd=code,
            env=environment(code),
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        shutil.rmtree(out, ignore_errors=True)
    found: dict[str, float] = {}
    for line in result.stderr.splitlines():  # "import time: self [us] | cumulative | name"
        if line.startswith("import time:") and line.count("|") == 2:
            own, _, name = line.split("|")
            package = name.strip().split(".")[0]
            own = own.removeprefix("import time:").strip()
            if package in PDF_LIBRARIES and own.isdigit():  # the modules' own times: no double count
                found[package] = found.get(package, 0.0) + int(own) / 1000
    return found


def _imports(found: dict[str, float]) -> str:
    return ", ".join(f"{name} {ms:.0f} ms" for name, ms in found.items()) or "none"


def copies(folder: Path, count: int) -> Path:
    """``count`` copies of the seed in one folder, each with its own number, beside profiles/."""
    folder.mkdir(parents=True)
    copy_profiles(folder)
    text = SEED.read_text(encoding="utf-8")
    for n in range(count):
        (folder / f"kpts-{n:03d}.yaml").write_text(
            text.replace("800/1199/", f"800/{1200 + n}/"), encoding="utf-8"
        )
    return folder


def worker(bench_code: Path, name: str, *args: str) -> Any:
    """Run a worker of this script in a new process importing keputusan from ``bench_code``."""
    stdout = run_process(
        [PYTHON, str(Path(__file__).resolve()), "--worker", name, *args], bench_code, environment(bench_code)
    ).stdout
    return json.loads(stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- report


def table(measures: list[Measure], rev: str, cpu: bool = False) -> None:
    """min / median seconds of each side and the speed-up; with ``cpu``, also the median CPU
    seconds (user + system, the whole process tree), which another load on the machine disturbs
    less than the wall clock."""
    print(
        f"  {'command (whole process; seconds: min / median)':<56} {rev:>17} {'this checkout':>17}  speed-up"
        + (f"   {'CPU s: ' + rev:>20} {'this checkout':>13}" if cpu else "")
    )
    for m in measures:
        base, now = m.times.get("base"), m.times.get("now")
        line = (
            f"  {m.label:<56} {base.cell() if base else '-':>17} {now.cell() if now else '-':>17}"
            f"  {ratio(base, now):>7}"
        )
        if cpu:
            line += "".join(
                f" {statistics.median(t.cpu):{w}.2f}" if t and t.cpu else f" {'-':>{w}}"
                for t, w in ((base, 22), (now, 13))
            )
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10, help="runs of each seed command (default 10)")
    parser.add_argument("--batch", type=int, default=100, help="decrees in the batch (default 100)")
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of each batch build (default 3)")
    parser.add_argument("--rev", default=BASE_REV, help=f"the baseline revision (default {BASE_REV})")
    parser.add_argument("--no-soffice", action="store_true", help="skip the LibreOffice reference")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch builds")
    parser.add_argument("--no-inprocess", action="store_true", help="skip the in-process figures")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        name, *rest = args.worker
        if name == "context":
            _worker_context(Path(rest[0]))
        elif name == "warm":
            _worker_warm(int(rest[0]))
        elif name == "cold":
            _worker_cold()
        return
    exit_on_sigterm()
    runs = max(1, args.runs)
    scratch = Path(tempfile.mkdtemp(prefix="keputusan-bench-speed-"))
    try:
        with worktree(args.rev) as base:
            measure(args, runs, scratch, base)
    except KeyboardInterrupt:
        print("\ninterrupted: worktree and scratch removed", file=sys.stderr)
        raise SystemExit(130) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def measure(args: argparse.Namespace, runs: int, scratch: Path, base: Path) -> None:
    bench = Bench(scratch, base)
    rev = f"{args.rev} ({git('rev-parse', '--short', args.rev + '^{commit}')})"
    print(
        f"bench_speed: {os.cpu_count()} CPUs; python {sys.version.split()[0]}; seed {SEED.name}\n"
        f"baseline {rev} in a temporary worktree; this checkout {describe_checkout()}\n"
        f"whole processes: a new process per run, as typed, alternating baseline and this checkout, "
        f"{runs} runs after a warm-up\nSEED = {SEED_ARG}; OUT = a new folder each run"
    )

    # the references' inputs: the seed's DOCX (this checkout) and its pickled template context
    seed_docx = scratch / "seed-docx"
    run_process([CLI, "build", SEED_ARG, "--format", "docx", "-o", str(seed_docx)], ROOT, environment(ROOT))
    docx = seed_docx / f"{SEED.stem}.docx"
    context = scratch / "context.pickle"
    template: Optional[Path] = None
    try:
        template = Path(worker(ROOT, "context", str(context))["template"])
    except CommandFailed as exc:  # render_docx.context() moved: the other figures still stand
        print(f"raw docxtpl reference skipped: its context could not be made ({exc})")

    measures = [
        Measure("keputusan build SEED -o OUT", keputusan("build", SEED_ARG, "-o", "OUT")),
        Measure(
            "keputusan build SEED -o OUT --format docx",
            keputusan("build", SEED_ARG, "-o", "OUT", "--format", "docx"),
        ),
        Measure("keputusan check content/", keputusan("check", "content/")),
        Measure("keputusan --help", keputusan("--help")),
    ]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    references = []
    if args.no_soffice:
        print("LibreOffice reference skipped (--no-soffice)")
    elif soffice is None:
        print("LibreOffice reference skipped: neither soffice nor libreoffice is on PATH")
    else:
        references.append(
            Measure(
                "soffice --convert-to pdf, cold (fresh profile)", soffice_command(soffice, docx), ("now",)
            )
        )
    if template is not None:
        references.append(
            Measure(
                "raw docxtpl render of the template (context pickled)",
                docxtpl_command(template, context),
                ("now",),
                cwd=lambda code: scratch,
            )
        )
    print("\nrunning the seed commands ...", file=sys.stderr, flush=True)
    bench.rounds(measures + references, runs)

    print("\nWHOLE PROCESSES, seed decree")
    table(measures, args.rev)
    print("\n  references (this machine; seconds: min / median):")
    for m in references:
        print(f"  {m.label:<56} {'':>17} {m.times['now'].cell():>17}")
    print(
        ""
        if template is None
        else "  (raw docxtpl: `python -c` importing docxtpl, DocxTemplate(templates/keputusan.docx)"
        ".render(context).save(); the context is keputusan's render_docx.context() for the seed,"
        " computed and pickled beforehand: the process pays docxtpl + jinja2 + python-docx only)"
    )

    build, build_docx, check = measures[0].times["now"], measures[1].times["now"], measures[2].times["now"]
    print()
    if references and references[0].label.startswith("soffice"):
        lo = references[0].times["now"]
        speed = lo.median / build.median
        print(
            f"  build is {speed:.1f}x faster than one cold LibreOffice conversion "
            f"(medians; {lo.min / build.min:.1f}x of the minimums; target >= 3x: {met(speed >= 3)})"
        )
    print(
        f"  check: {check.median:.3f} s (median; min {check.min:.3f} s) "
        f"(target <= 0.12 s: {met(check.median <= 0.12)})"
    )
    if template is not None:
        raw = references[-1].times["now"]
        print(
            f"  build (DOCX + PDF) takes {build.median / raw.median:.1f}x, build --format docx "
            f"{build_docx.median / raw.median:.1f}x the time of the raw docxtpl render (medians)"
        )

    now_docx = pdf_imports(bench, "now", "build", SEED_ARG, "--format", "docx")
    base_docx = pdf_imports(bench, "base", "build", SEED_ARG, "--format", "docx")
    now_both = pdf_imports(bench, "now", "build", SEED_ARG)
    print(
        f"\n  `--format docx` pays nothing for PDF libraries: {'yes' if not now_docx else 'no'}"
        f" (python -X importtime over the process tree; imported: {_imports(now_docx)};"
        f" {args.rev}: {_imports(base_docx)}; a DOCX + PDF build, as a control: {_imports(now_both)})"
    )
    sys.stdout.flush()

    if not args.no_batch:
        batch_runs = max(1, args.batch_runs)
        folder = copies(scratch / "batch", args.batch)
        batch = [
            Measure(
                f"keputusan build FOLDER -o OUT -j {jobs}",
                keputusan("build", str(folder), "-o", "OUT", "-j", str(jobs)),
            )
            for jobs in (2, 1)
        ]
        print(f"\nrunning the batch of {args.batch} ...", file=sys.stderr, flush=True)
        bench.rounds(batch, batch_runs, warm_up=False)
        print(
            f"\nWHOLE PROCESSES, a batch of {args.batch} copies of the seed in one folder (runs: {batch_runs})"
        )
        table(batch, args.rev, cpu=True)
        two = batch[0].times["now"]
        print(
            f"  -j 2: {two.median:.2f} s (median; min {two.min:.2f} s), "
            f"{two.median / args.batch * 1000:.0f} ms a decree"
            + (f" (target < 6 s: {met(two.median < 6)})" if args.batch == 100 else "")
        )
        sys.stdout.flush()

    if not args.no_inprocess:
        print("\nrunning the in-process figures ...", file=sys.stderr, flush=True)
        inprocess(bench, runs, args.rev)


def inprocess(bench: Bench, runs: int, rev: str) -> None:
    warm: dict[str, dict[str, list[float]]] = {}
    for side in ("base", "now"):
        try:
            warm[side] = worker(bench.code[side], "warm", str(runs))
        except CommandFailed as exc:  # the library's API moved: say so, keep the rest
            print(f"  in-process ({side}) failed: {exc}")
    print(f"\nIN-PROCESS, seed decree, warm: one process, {runs} runs after a warm-up (ms: min / median)")
    print(f"  {'step (in-process)':<56} {rev:>17} {'this checkout':>17}  speed-up")
    for name in warm.get("now", warm.get("base", {})):
        t = {side: Times(warm[side][name]) for side in warm if name in warm[side]}
        print(
            f"  {name:<56} {t['base'].cell(1000, 1) if 'base' in t else '-':>17}"
            f" {t['now'].cell(1000, 1) if 'now' in t else '-':>17}  {ratio(t.get('base'), t.get('now')):>7}"
        )

    cold: dict[str, dict[str, Times]] = {"base": {}, "now": {}}
    cold_runs = max(3, min(runs, 5))
    for _ in range(cold_runs):
        for side in ("base", "now"):
            try:
                phases = worker(bench.code[side], "cold")
            except CommandFailed as exc:
                print(f"  cold in-process ({side}) failed: {exc}")
                continue
            total = 0.0
            for name, seconds in phases.items():
                cold[side].setdefault(name, Times()).add(seconds)
                total += seconds
            cold[side].setdefault("all of the above", Times()).add(total)
    print(
        f"\nIN-PROCESS, seed decree, cold: the first calls in a fresh process, measured inside it "
        f"(interpreter start excluded; {cold_runs} processes each; ms: min / median)"
    )
    print(f"  {'phase (in-process, first call)':<56} {rev:>17} {'this checkout':>17}  speed-up")
    for name in cold["now"] or cold["base"]:
        b, n = cold["base"].get(name), cold["now"].get(name)
        print(
            f"  {name:<56} {b.cell(1000, 1) if b else '-':>17} {n.cell(1000, 1) if n else '-':>17}"
            f"  {ratio(b, n):>7}"
        )
    print("  (each phase's min and median apart; 'all of the above': of the sums)")


if __name__ == "__main__":
    main()
