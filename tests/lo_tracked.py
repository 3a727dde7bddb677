"""LibreOffice's opinion of a redline: every tracked change accepted, or rejected, by headless
LibreOffice (the pytest side of ``tests/lo_tracked_uno.py``).

The UNO script needs a Python with ``uno`` (Debian's python3-uno for /usr/bin/python3, or
LibreOffice's bundled program/python), which the project's virtualenv is not: it runs as a
subprocess, once for a whole batch, so a test module pays for one LibreOffice start.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

import pytest

from keputusan.convert import find_soffice

from .conftest import REQUIRE_ALL

SCRIPT = Path(__file__).with_name("lo_tracked_uno.py")
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")
"""Where a Python with uno is looked for ($KEPUTUSAN_UNO_PYTHON first)."""
TIMEOUT = 600.0


@functools.lru_cache(maxsize=1)
def uno_python() -> Optional[str]:
    """The first Python that can ``import uno``, or None."""
    candidates = [os.environ.get("KEPUTUSAN_UNO_PYTHON", ""), *UNO_PYTHONS]
    for candidate in candidates:
        if not candidate or not Path(candidate).exists():
            continue
        try:
            probe = subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True, timeout=60, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return candidate
    return None


def need_uno() -> tuple[str, str]:
    """(uno Python, soffice), or the test is skipped saying what is missing; under
    KEPUTUSAN_REQUIRE_ALL=1 (CI) it fails instead."""
    soffice, python = find_soffice(), uno_python()
    missing = []
    if soffice is None:
        missing.append("LibreOffice (soffice) is not installed (Debian: libreoffice-writer-nogui)")
    if python is None:
        missing.append(
            f"no Python with uno among {', '.join(UNO_PYTHONS)} (Debian: python3-uno; "
            "or set KEPUTUSAN_UNO_PYTHON)"
        )
    if missing:
        reason = "; ".join(missing)
        print(f"lo_tracked: {reason}")
        if REQUIRE_ALL:
            pytest.fail(f"KEPUTUSAN_REQUIRE_ALL=1 and {reason}", pytrace=False)
        pytest.skip(reason)
    assert soffice is not None and python is not None
    return python, soffice


class LibreOfficeFailed(RuntimeError):
    """LibreOffice did not resolve a job (its own words are in the message)."""


def lo_run(jobs: Sequence[tuple[Path, str, Path]], timeout: float = TIMEOUT) -> dict[str, object]:
    """Run the jobs (input DOCX, 'accept' | 'reject' | 'none', output DOCX) in one LibreOffice;
    the script's JSON answer (with its timings)."""
    python, soffice = need_uno()
    with tempfile.TemporaryDirectory(prefix="keputusan-lo-jobs-") as folder:
        pidfile = Path(folder) / "soffice.pid"
        request = {
            "timeout": timeout,
            "soffice": soffice,
            "pidfile": str(pidfile),
            "jobs": [{"input": str(i), "action": a, "output": str(o)} for i, a, o in jobs],
        }
        try:
            done = subprocess.run(
                [python, str(SCRIPT)],
                input=json.dumps(request),
                capture_output=True,
                text=True,
                timeout=timeout + 60,
                check=False,
            )
        except subprocess.TimeoutExpired:
            _kill_recorded(pidfile)
            raise LibreOfficeFailed(f"the UNO script gave no answer within {timeout + 60:.0f} s") from None
        finally:
            _kill_recorded(pidfile)  # the script kills its soffice; this is for a script killed itself
    try:
        answer: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        raise LibreOfficeFailed(
            f"the UNO script exited {done.returncode} without an answer: {(done.stderr or done.stdout)[-1500:]}"
        ) from None
    return answer


def _kill_recorded(pidfile: Path) -> None:
    try:
        pid = int(pidfile.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return
    try:
        os.killpg(pid, signal.SIGKILL)  # the group the script started soffice in (it leads it)
    except (ProcessLookupError, PermissionError):
        pass


def lo_resolve(
    jobs: Sequence[tuple[Path, str, Path]],
    timeout: float = TIMEOUT,
    errors: Optional[dict[Path, str]] = None,
    answer_out: Optional[dict[str, object]] = None,
) -> dict[Path, bytes]:
    """{output path: the DOCX LibreOffice wrote} for jobs (input, 'accept'|'reject'|'none', output),
    all in one LibreOffice.

    A job LibreOffice failed (or left tracked changes in) raises :class:`LibreOfficeFailed`
    naming every such job; with ``errors`` given, it goes there instead (output path: what
    went wrong) and the other jobs are still returned. ``answer_out`` receives the script's
    answer (timings, LibreOffice's version)."""
    answer = lo_run(jobs, timeout)
    if answer_out is not None:
        answer_out.update(answer)
    if answer.get("error"):
        raise LibreOfficeFailed(str(answer["error"]))
    results = answer.get("results")
    assert isinstance(results, list) and len(results) == len(jobs), answer
    out: dict[Path, bytes] = {}
    failed: dict[Path, str] = {}
    for result in results:
        target = Path(str(result["output"]))
        if not result.get("ok"):
            failed[target] = f"{result.get('action')} {result.get('input')}: {result.get('error')}"
        elif result.get("action") != "none" and result.get("redlines_after"):
            failed[target] = (
                f"{result['action']} {result['input']}: {result['redlines_after']} tracked changes left"
            )
        else:
            out[target] = target.read_bytes()
    if failed and errors is None:
        raise LibreOfficeFailed(f"{len(failed)} of {len(jobs)} jobs failed: " + "; ".join(failed.values()))
    if errors is not None:
        errors.update(failed)
    return out
