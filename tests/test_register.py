"""The register on SQLite and PostgreSQL: same behaviour, same tests."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from keputusan.register import RECORDED, TAKEN, VOID, Register, RegisterError

PATTERN = "{klasifikasi}/{urut}/Kpts/Ka/BKPSDM/{tahun}"
POSTGRES = os.environ.get(
    "KEPUTUSAN_TEST_POSTGRES", "postgresql://keputusan:keputusan@127.0.0.1:5432/keputusan_test"
)


def _postgres_available() -> bool:
    try:
        import psycopg

        psycopg.connect(POSTGRES, connect_timeout=3).close()
        return True
    except Exception:
        return False


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        if not _postgres_available():
            pytest.skip(
                f"PostgreSQL is not reachable at {POSTGRES.split('@')[-1]} (set KEPUTUSAN_TEST_POSTGRES)"
            )
        return POSTGRES
    return str(tmp_path / "nomor.sqlite")


@pytest.fixture
def agency() -> str:
    """Each test its own agency, so tests share a PostgreSQL database without meeting."""
    return f"Instansi Uji {uuid.uuid4().hex[:8]}"


def take(reg: Register, agency: str, key: str, year: int = 2023, start: int = 1) -> tuple[int, str, bool]:
    entry, new = reg.take(agency, year, PATTERN, "800", key, f"{key}.yaml", f"{year}-09-22", "uji@pc", start)
    return entry.urut, entry.nomor, new


def test_each_take_adds_one(url: str, agency: str) -> None:
    with Register(url) as reg:
        assert [take(reg, agency, f"d{n}")[:2] for n in range(3)] == [
            (1, "800/1/Kpts/Ka/BKPSDM/2023"),
            (2, "800/2/Kpts/Ka/BKPSDM/2023"),
            (3, "800/3/Kpts/Ka/BKPSDM/2023"),
        ]


def test_same_decree_same_number(url: str, agency: str) -> None:
    with Register(url) as reg:
        first = take(reg, agency, "d1")
        take(reg, agency, "d2")
        again = take(reg, agency, "d1")
        assert again[:2] == first[:2] and first[2] is True and again[2] is False
        assert len(reg.entries(agency)) == 2


def test_new_year_starts_again(url: str, agency: str) -> None:
    with Register(url) as reg:
        take(reg, agency, "a")
        take(reg, agency, "b")
        assert take(reg, agency, "c", year=2024)[:2] == (1, "800/1/Kpts/Ka/BKPSDM/2024")
        assert take(reg, agency, "d", year=2025, start=100)[0] == 100
        assert take(reg, agency, "e", year=2025, start=100)[0] == 101


def test_recorded_and_void_numbers_are_never_handed_out(url: str, agency: str) -> None:
    with Register(url) as reg:
        take(reg, agency, "a")  # 1
        reg.record(agency, 2023, 2, "800/2/Kpts/Ka/BKPSDM/2023", "uji@pc", "buku agenda")
        assert take(reg, agency, "b")[0] == 3
        reg.void(agency, "800/3/Kpts/Ka/BKPSDM/2023", "uji@pc", "salah ketik")
        assert take(reg, agency, "c")[0] == 4
        reg.record(agency, 2023, 10, "800/10/Kpts/Ka/BKPSDM/2023", "uji@pc", "SRIKANDI")
        assert take(reg, agency, "d")[0] == 11
        statuses = {e.urut: e.status for e in reg.entries(agency)}
        assert statuses == {1: TAKEN, 2: RECORDED, 3: VOID, 4: TAKEN, 10: RECORDED, 11: TAKEN}
        # the decree whose number was voided gets a new one when it takes again
        assert take(reg, agency, "b")[0] == 12


def test_refusals(url: str, agency: str) -> None:
    with Register(url) as reg:
        take(reg, agency, "a")
        with pytest.raises(RegisterError) as exc:
            reg.record(agency, 2023, 1, "800/1/Kpts/Ka/BKPSDM/2023", "uji@pc", "x")
        assert exc.value.code == "number_exists"
        with pytest.raises(RegisterError) as exc:
            reg.record(agency, 2023, 1, "800.1/1/Kpts/Ka/BKPSDM/2023", "uji@pc", "same running number")
        assert exc.value.code == "number_exists"
        with pytest.raises(RegisterError) as exc:
            reg.void(agency, "800/9/Kpts/Ka/BKPSDM/2023", "uji@pc", "x")
        assert exc.value.code == "number_unknown"
        reg.void(agency, "800/1/Kpts/Ka/BKPSDM/2023", "uji@pc", "batal")
        with pytest.raises(RegisterError) as exc:
            reg.void(agency, "800/1/Kpts/Ka/BKPSDM/2023", "uji@pc", "lagi")
        assert exc.value.code == "number_already_void"


def test_audit_log_is_complete_and_append_only(url: str, agency: str) -> None:
    with Register(url) as reg:
        take(reg, agency, "a")
        reg.record(agency, 2023, 2, "800/2/Kpts/Ka/BKPSDM/2023", "uji@pc", "buku agenda")
        reg.void(agency, "800/1/Kpts/Ka/BKPSDM/2023", "uji@pc", "batal")
        log = reg.audit(agency)
        assert [(r.aksi, r.nomor) for r in log] == [
            ("ambil", "800/1/Kpts/Ka/BKPSDM/2023"),
            ("catat", "800/2/Kpts/Ka/BKPSDM/2023"),
            ("batal", "800/1/Kpts/Ka/BKPSDM/2023"),
        ]
        for sql in ("UPDATE audit SET aksi = 'x'", "DELETE FROM audit", "DELETE FROM nomor"):
            with pytest.raises(Exception, match="append-only|never deleted"):
                with reg._transaction():
                    reg._execute(sql + " WHERE agency = ?", (agency,))
        assert len(reg.audit(agency)) == 3 and len(reg.entries(agency)) == 2


def _take_many(url: str, agency: str, worker: int, count: int, start_at: float) -> list[int]:
    while time.time() < start_at:  # all processes begin together
        time.sleep(0.001)
    with Register(url) as reg:
        return [take(reg, agency, f"w{worker}-{n}")[0] for n in range(count)]


def test_eight_processes_fifty_takes_each(url: str, agency: str) -> None:
    ctx = multiprocessing.get_context("spawn")
    start_at = time.time() + 2.0
    with ctx.Pool(8) as pool:
        results = pool.starmap(_take_many, [(url, agency, w, 50, start_at) for w in range(8)])
    numbers = sorted(n for result in results for n in result)
    assert numbers == list(range(1, 401))  # 400 distinct, consecutive, no gaps
    with Register(url) as reg:
        assert len(reg.entries(agency)) == 400
        assert len(reg.audit(agency)) == 400


KILLED_TAKER = """
import sys
from keputusan.register import Register
with Register(sys.argv[1]) as reg:
    reg.take(sys.argv[2], 2023, "{klasifikasi}/{urut}/Kpts/Ka/BKPSDM/{tahun}", "800", "killed", "k.yaml",
             "2023-09-22", "uji@pc", 1)
"""


def test_taker_killed_mid_take_leaves_register_consistent(url: str, agency: str, tmp_path: Path) -> None:
    with Register(url) as reg:
        take(reg, agency, "before")
    marker = tmp_path / "in-take"
    env = {**os.environ, "KEPUTUSAN_TEST_PAUSE_IN_TAKE": str(marker)}
    child = subprocess.Popen([sys.executable, "-c", KILLED_TAKER, url, agency], env=env)
    deadline = time.time() + 30
    while not marker.exists() and time.time() < deadline:
        time.sleep(0.02)
    assert marker.exists(), "the taker never reached the middle of its take"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with Register(url) as reg:
        entries = reg.entries(agency)
        assert [e.kunci for e in entries] == ["before"]  # the killed take left nothing
        assert len(reg.audit(agency)) == 1
        assert take(reg, agency, "after")[0] == 2  # no gap, no duplicate
    if not url.startswith("postgresql"):
        assert sqlite3.connect(url).execute("PRAGMA integrity_check").fetchone() == ("ok",)
