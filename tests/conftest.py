"""Shared fixtures: the seed decree, a scratch content folder, and the skip policy."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from keputusan.errors import ContentError, Problem
from keputusan.load import load

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SEED = CONTENT / "kpts-800-1199-2023-iku-iki.yaml"
SEED_TEXT = Path(__file__).parent / "data" / "seed-000.txt"
REQUIRE_ALL = os.environ.get("KEPUTUSAN_REQUIRE_ALL") == "1"

# The tests fill a cache of their own (keputusan.cache), starting empty: never the user's.
os.environ["KEPUTUSAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="keputusan-test-cache-")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Under KEPUTUSAN_REQUIRE_ALL=1 (CI) a test skipped for a missing tool fails instead."""
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_ALL and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped, but KEPUTUSAN_REQUIRE_ALL=1 forbids skips: {reason}"


@pytest.fixture(scope="session")
def seed():  # type: ignore[no-untyped-def]
    return load(SEED)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A content folder holding a copy of the example profile and its emblem."""
    shutil.copytree(CONTENT / "profiles", tmp_path / "profiles")
    return tmp_path


@pytest.fixture
def problems(content_dir: Path) -> Callable[[str], list[Problem]]:
    """Write YAML text to decree.yaml in the content folder; return the problems loading it."""

    def run(text: str, name: str = "decree.yaml") -> list[Problem]:
        path = content_dir / name
        path.write_text(text, encoding="utf-8")
        try:
            decree = load(path)
        except ContentError as exc:
            return exc.problems
        return list(decree.warnings)

    return run


MINIMAL = """\
profil: profiles/bkpsdm-balangan.yaml
tentang: UJI COBA
menimbang:
  - bahwa perlu diuji
mengingat:
  - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah
diktum:
  - Keputusan ini mulai berlaku pada tanggal ditetapkan.
"""
"""A valid draft decree: the smallest content a test can start from."""
