"""The register on SQLite and PostgreSQL: same behaviour, same tests.

Every PostgreSQL test works in a schema of its own (dropped afterwards), so
tests running at the same time on one server never see each other's chain.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from keputusan.register import (
    COLUMNS,
    GENESIS,
    MAX_URUT,
    RECORDED,
    TAKEN,
    UPGRADE,
    VOID,
    AuditRecord,
    Entry,
    Register,
    RegisterError,
    safe_url,
)

PATTERN = "{klasifikasi}/{urut}/Kpts/Ka/BKPSDM/{tahun}"
POSTGRES = os.environ.get(
    "KEPUTUSAN_TEST_POSTGRES", "postgresql://keputusan:keputusan@127.0.0.1:5432/keputusan_test"
)
# The office setup (.ci/run, README): an owner role owns the database, the application role only uses it.
POSTGRES_OWNER = os.environ.get(
    "KEPUTUSAN_TEST_POSTGRES_OWNER",
    "postgresql://keputusan_owner:keputusan_owner@127.0.0.1:5432/keputusan_office",
)
POSTGRES_APP = os.environ.get(
    "KEPUTUSAN_TEST_POSTGRES_APP", "postgresql://keputusan:keputusan@127.0.0.1:5432/keputusan_office"
)


def _postgres_available(url: str = POSTGRES) -> bool:
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=3).close()
        return True
    except Exception:
        return False


def in_schema(url: str, schema: str) -> str:
    """The URL with ``schema`` as the only schema its connections see."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """A fresh schema for one test, made and dropped by the role of ``url``; yields its name."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield schema
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def skip_without_postgres(url: str = POSTGRES) -> None:
    if not _postgres_available(url):
        pytest.skip(f"PostgreSQL is not reachable at {safe_url(url)} (set KEPUTUSAN_TEST_POSTGRES and co.)")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A register that does not exist yet: an SQLite path, or an empty PostgreSQL schema."""
    if request.param == "postgresql":
        skip_without_postgres()
        with postgres_schema(POSTGRES) as schema:
            yield in_schema(POSTGRES, schema)
        return
    yield str(tmp_path / "nomor.sqlite")


@pytest.fixture
def agency() -> str:
    return f"Instansi Uji {uuid.uuid4().hex[:8]}"


def take(reg: Register, agency: str, key: str, year: int = 2023, start: int = 1) -> tuple[int, str, bool]:
    entry, new = reg.take(agency, year, PATTERN, "800", key, f"{key}.yaml", f"{year}-09-22", "uji@pc", start)
    return entry.urut, entry.nomor, new


def number(urut: int, year: int = 2023) -> str:
    return f"800/{urut}/Kpts/Ka/BKPSDM/{year}"


# --------------------------------------------------------------------------- raw access, as a tamperer has


@contextmanager
def raw(url: str) -> Iterator[Any]:
    """A plain connection to the register, outside the tool (autocommit)."""
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            yield conn
        return
    conn = sqlite3.connect(url, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def bypass(url: str, table: str, trigger: str, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Run ``sql`` with one protective trigger out of the way, then put the trigger back as it was:
    SQLite drops and recreates it, PostgreSQL (as the tables' owner) disables and re-enables it."""
    with raw(url) as conn:
        if url.startswith("postgresql://"):
            conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
            conn.execute(placeholders(url, sql), params)
            conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
            return
        (create,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (trigger,)).fetchone()
        conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute(sql, params)
        conn.execute(create)


def insert_by_hand(url: str, table: str, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Insert a row as a tamperer would: on PostgreSQL past the trigger that wants the server's
    clock and a new number's state (as the tables' owner), on SQLite directly."""
    if url.startswith("postgresql://"):
        bypass(url, table, f"{table}_insert_check", sql, params)
        return
    with raw(url) as conn:
        conn.execute(sql, params)


def placeholders(url: str, sql: str) -> str:
    return sql.replace("?", "%s") if url.startswith("postgresql://") else sql


def contents(url: str) -> tuple[list[Any], list[Any]]:
    """Every number row and audit row, to show that a refused command changed nothing."""
    with raw(url) as conn:
        numbers = conn.execute("SELECT * FROM nomor ORDER BY agency, tahun, urut").fetchall()
        audit = conn.execute("SELECT * FROM audit ORDER BY id").fetchall()
    return [tuple(r) for r in numbers], [tuple(r) for r in audit]


def codes(reg: Register) -> list[str]:
    return [f.code for f in reg.verify().findings]


# --------------------------------------------------------------------------- numbers


def test_each_take_adds_one(url: str, agency: str) -> None:
    with Register(url, create=True) as reg:
        assert [take(reg, agency, f"d{n}")[:2] for n in range(3)] == [
            (1, number(1)),
            (2, number(2)),
            (3, number(3)),
        ]


def test_same_decree_same_number(url: str, agency: str) -> None:
    with Register(url, create=True) as reg:
        first = take(reg, agency, "d1")
        take(reg, agency, "d2")
        again = take(reg, agency, "d1")
        assert again[:2] == first[:2] and first[2] is True and again[2] is False
        assert len(reg.entries(agency)) == 2


def test_new_year_starts_again(url: str, agency: str) -> None:
    with Register(url, create=True) as reg:
        take(reg, agency, "a")
        take(reg, agency, "b")
        assert take(reg, agency, "c", year=2024)[:2] == (1, number(1, 2024))
        assert take(reg, agency, "d", year=2025, start=100)[0] == 100
        assert take(reg, agency, "e", year=2025, start=100)[0] == 101


def test_recorded_and_void_numbers_are_never_handed_out(url: str, agency: str) -> None:
    with Register(url, create=True) as reg:
        take(reg, agency, "a")  # 1
        reg.record(agency, 2023, 2, number(2), "uji@pc", "buku agenda")
        assert take(reg, agency, "b")[0] == 3
        reg.void(agency, number(3), "uji@pc", "salah ketik")
        assert take(reg, agency, "c")[0] == 4
        reg.record(agency, 2023, 10, number(10), "uji@pc", "SRIKANDI")
        assert take(reg, agency, "d")[0] == 11
        statuses = {e.urut: e.status for e in reg.entries(agency)}
        assert statuses == {1: TAKEN, 2: RECORDED, 3: VOID, 4: TAKEN, 10: RECORDED, 11: TAKEN}
        # the decree whose number was voided gets a new one when it takes again
        assert take(reg, agency, "b")[0] == 12
        assert reg.verify().findings == []


def test_refusals(url: str, agency: str) -> None:
    with Register(url, create=True) as reg:
        take(reg, agency, "a")
        with pytest.raises(RegisterError) as exc:
            reg.record(agency, 2023, 1, number(1), "uji@pc", "x")
        assert exc.value.code == "number_exists"
        with pytest.raises(RegisterError) as exc:
            reg.record(agency, 2023, 1, "800.1/1/Kpts/Ka/BKPSDM/2023", "uji@pc", "same running number")
        assert exc.value.code == "number_exists"
        with pytest.raises(RegisterError) as exc:
            reg.void(agency, number(9), "uji@pc", "x")
        assert exc.value.code == "number_unknown"
        with pytest.raises(RegisterError) as exc:
            reg.void(agency, number(1), "uji@pc", "  ")
        assert exc.value.code == "void_needs_reason"
        reg.void(agency, number(1), "uji@pc", "batal")
        with pytest.raises(RegisterError) as exc:
            reg.void(agency, number(1), "uji@pc", "lagi")
        assert exc.value.code == "number_already_void"


def test_a_failed_preparation_takes_nothing(url: str, agency: str) -> None:
    """take() runs the caller's check of the edited file before committing: when it fails, no number."""
    seen: list[str] = []

    def refuse(entry: Entry) -> None:
        seen.append(entry.nomor)
        raise RegisterError("klasifikasi_invalid", klasifikasi="x", pola=PATTERN)

    with Register(url, create=True) as reg:
        with pytest.raises(RegisterError):
            reg.take(agency, 2023, PATTERN, "800", "a", "a.yaml", "2023-09-22", "uji@pc", prepare=refuse)
        assert seen == [number(1)]
        assert reg.entries(agency) == [] and reg.audit(agency) == []
        assert take(reg, agency, "a")[0] == 1


# --------------------------------------------------------------------------- creating only when asked (issue point 1)


def test_only_a_creating_open_makes_a_register(url: str) -> None:
    with pytest.raises(RegisterError) as exc:
        Register(url)
    assert exc.value.code == "register_missing" and exc.value.params["url"]
    if url.startswith("postgresql://"):
        with raw(url) as conn:
            assert conn.execute("SELECT to_regclass('nomor'), to_regclass('audit')").fetchone() == (
                None,
                None,
            )
    else:
        assert not Path(url).exists()
    with Register(url, create=True) as reg:
        assert reg.created
    with Register(url) as reg:
        assert not reg.created and reg.verify().findings == []


def test_a_folder_or_a_missing_folder_is_not_a_register(tmp_path: Path) -> None:
    with pytest.raises(RegisterError) as exc:
        Register(str(tmp_path), create=True)
    assert exc.value.code == "register_is_folder"
    with pytest.raises(RegisterError) as exc:
        Register(str(tmp_path / "typo" / "nomor.sqlite"), create=True)
    assert exc.value.code == "register_folder_missing"
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- the chain (issue point 3)


def test_every_audit_row_chains_the_one_before_and_records_the_number(url: str, agency: str) -> None:
    with Register(url, create=True) as reg:
        take(reg, agency, "a")
        reg.record(agency, 2023, 2, number(2), "uji@pc", "buku agenda")
        reg.void(agency, number(1), "uji@pc", "batal")
        log = reg.audit(agency)
        assert [(r.id, r.aksi, r.nomor) for r in log] == [
            (1, "ambil", number(1)),
            (2, "catat", number(2)),
            (3, "batal", number(1)),
        ]
        assert log[0].hash_prev == GENESIS
        assert [r.hash_prev for r in log[1:]] == [r.digest() for r in log[:-1]]
        one, two = reg.find(agency, number(1)), reg.find(agency, number(2))
        assert one is not None and two is not None and one.status == VOID
        assert [log[1].hash_nomor, log[2].hash_nomor] == [two.digest(), one.digest()]
        assert log[0].hash_nomor != one.digest()  # it recorded the number before it was voided
        result = reg.verify()
        assert (result.findings, result.audits, result.numbers, result.head) == ([], 3, 2, log[2].digest())


def test_triggers_refuse_every_change_but_voiding(url: str, agency: str) -> None:
    """Issue point 3: `UPDATE nomor SET urut = 999` was allowed, and the next take gave 1000."""
    with Register(url, create=True) as reg:
        take(reg, agency, "a")
    postgres = url.startswith("postgresql://")
    refused = [
        "UPDATE nomor SET urut = 999",
        "UPDATE nomor SET kunci = 'lain'",
        f"UPDATE nomor SET status = '{VOID}'",  # voiding needs a reason
        f"UPDATE nomor SET status = '{VOID}', alasan_batal = 'x', catatan = 'diam-diam'",
        "DELETE FROM nomor",
        "UPDATE audit SET rincian = '{}'",
        "DELETE FROM audit",
    ]
    refused += (
        ["TRUNCATE nomor", "TRUNCATE audit"]
        if postgres
        else [
            "INSERT OR REPLACE INTO audit SELECT * FROM audit",
            "INSERT OR REPLACE INTO nomor SELECT * FROM nomor",
        ]
    )
    before = contents(url)
    for sql in refused:
        with (
            raw(url) as conn,
            pytest.raises(Exception, match="append-only|never deleted|only by being voided"),
        ):
            conn.execute(sql)
    assert contents(url) == before
    with Register(url) as reg:
        assert take(reg, agency, "b")[0] == 2
        assert reg.verify().findings == []


@pytest.mark.parametrize(
    "tamper, expected",
    [
        ("number_updated", ["number_changed"]),
        ("audit_deleted", ["audit_rows_missing", "number_unaudited"]),  # number 2 has no entry left
        ("audit_inserted", ["audit_chain_broken"]),
        ("audit_changed", ["audit_chain_broken"]),
        ("number_inserted", ["number_unaudited"]),
        ("last_audit_deleted", ["number_unaudited"]),
    ],
)
def test_verify_finds_each_change_made_behind_the_triggers(
    url: str, agency: str, tamper: str, expected: list[str]
) -> None:
    with Register(url, create=True) as reg:
        for key in "abc":
            take(reg, agency, key)
        assert reg.verify().findings == []
    if tamper == "number_updated":
        bypass(url, "nomor", "nomor_only_void", "UPDATE nomor SET urut = 999 WHERE nomor = ?", (number(2),))
    elif tamper == "audit_deleted":
        trigger = "audit_append_only" if url.startswith("postgresql") else "audit_append_only_d"
        bypass(url, "audit", trigger, "DELETE FROM audit WHERE id = 2")
    elif tamper == "audit_inserted":
        insert_by_hand(
            url,
            "audit",
            placeholders(url, "INSERT INTO audit VALUES (4, 'w', 'x@pc', 'ambil', ?, ?, '{}', ?, '')"),
            (agency, number(4), "0" * 64),
        )
    elif tamper == "audit_changed":
        trigger = "audit_append_only" if url.startswith("postgresql") else "audit_append_only_u"
        bypass(url, "audit", trigger, "UPDATE audit SET oleh = 'orang lain' WHERE id = 1")
    elif tamper == "number_inserted":
        insert_by_hand(
            url,
            "nomor",
            placeholders(
                url, "INSERT INTO nomor VALUES (?, 2023, 4, ?, 'dicatat', NULL, NULL, NULL, 'x', 'w', '', '')"
            ),
            (agency, number(4)),
        )
    elif tamper == "last_audit_deleted":
        trigger = "audit_append_only" if url.startswith("postgresql") else "audit_append_only_d"
        bypass(url, "audit", trigger, "DELETE FROM audit WHERE id = 3")
    with Register(url) as reg:
        result = reg.verify()
    assert [f.code for f in result.findings] == expected
    about = result.findings[0].params
    if tamper in ("number_updated", "number_inserted", "last_audit_deleted"):
        assert about["nomor"] == {"number_updated": number(2)}.get(tamper, about["nomor"])
    if tamper == "audit_deleted":
        assert (about["first"], about["last"]) == (2, 2)
    if tamper == "audit_inserted":
        assert (about["id"], about["prev"]) == (4, 3)
    if tamper == "audit_changed":
        assert (about["id"], about["prev"]) == (2, 1)


def test_a_dropped_or_changed_trigger_is_found_and_every_write_refused(tmp_path: Path, agency: str) -> None:
    url = str(tmp_path / "nomor.sqlite")
    with Register(url, create=True) as reg:
        take(reg, agency, "a")
    with raw(url) as conn:
        conn.execute("DROP TRIGGER nomor_only_void")
        conn.execute("DROP TRIGGER audit_append_only_d")
        conn.execute("CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit BEGIN SELECT 1; END")
        conn.execute("CREATE TRIGGER sembunyi AFTER INSERT ON nomor BEGIN SELECT 1; END")
    _refuses_every_write(
        url,
        agency,
        {
            "nomor_only_void": "trigger_missing",
            "audit_append_only_d": "trigger_changed",
            "sembunyi": "trigger_unexpected",
        },
    )


def _refuses_every_write(url: str, agency: str, expected: dict[str, str]) -> None:
    before = contents(url)
    with Register(url) as reg:
        found = {f.params["name"]: f.code for f in reg.verify().findings}
        assert found == expected
        assert {f.params["name"]: f.code for f in reg.protection()} == expected
        for write in (
            lambda: take(reg, agency, "b"),
            lambda: take(reg, agency, "a"),  # even a take that would change nothing
            lambda: reg.record(agency, 2023, 5, number(5), "uji@pc", "x"),
            lambda: reg.void(agency, number(1), "uji@pc", "x"),
        ):
            with pytest.raises(RegisterError) as exc:
                write()
            assert exc.value.code == "register_unprotected"
            assert {f.params["name"] for f in exc.value.params["findings"]} == set(expected)
    assert contents(url) == before
    with Register(url) as reg:  # the owner restores the protection; the restoration is audited
        assert reg.setup() == sorted(expected)
        assert reg.verify().findings == []
        assert reg.audit()[-1].aksi == "pasang_pelindung"
        assert take(reg, agency, "b")[0] == 2


# --------------------------------------------------------------------------- an earlier register is upgraded

_OLD_NOMOR = """CREATE TABLE IF NOT EXISTS nomor (
    agency TEXT NOT NULL, tahun INTEGER NOT NULL, urut INTEGER NOT NULL, nomor TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('diambil', 'dicatat', 'batal')),
    kunci TEXT, berkas TEXT, tanggal TEXT, oleh TEXT NOT NULL, waktu TEXT NOT NULL,
    catatan TEXT NOT NULL DEFAULT '', alasan_batal TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agency, tahun, urut), UNIQUE (agency, nomor))"""
_OLD_AUDIT = """CREATE TABLE IF NOT EXISTS audit (
    id {id}, waktu TEXT NOT NULL, oleh TEXT NOT NULL, aksi TEXT NOT NULL,
    agency TEXT NOT NULL, nomor TEXT NOT NULL, rincian TEXT NOT NULL)"""
_OLD_SQLITE = [
    _OLD_NOMOR,
    _OLD_AUDIT.format(id="INTEGER PRIMARY KEY AUTOINCREMENT"),
    "CREATE TRIGGER IF NOT EXISTS audit_append_only_u BEFORE UPDATE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_append_only_d BEFORE DELETE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS nomor_never_deleted BEFORE DELETE ON nomor "
    "BEGIN SELECT RAISE(ABORT, 'numbers are never deleted; void them'); END",
]
_OLD_POSTGRES = [
    _OLD_NOMOR,
    _OLD_AUDIT.format(id="BIGSERIAL PRIMARY KEY"),
    """CREATE OR REPLACE FUNCTION keputusan_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$""",
    """CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
        FOR EACH ROW EXECUTE FUNCTION keputusan_refuse('audit log is append-only')""",
    """CREATE TRIGGER nomor_never_deleted BEFORE DELETE ON nomor
        FOR EACH ROW EXECUTE FUNCTION keputusan_refuse('numbers are never deleted; void them')""",
]


def _make_earlier_register(url: str, agency: str) -> None:
    """A register as the version before the chain left it: two numbers, one voided, and on
    PostgreSQL a gap in the audit ids where a take was rolled back."""
    postgres = url.startswith("postgresql://")
    ph = "%s" if postgres else "?"
    with raw(url) as conn:
        for statement in _OLD_POSTGRES if postgres else _OLD_SQLITE:
            conn.execute(statement)
        for urut, status, alasan in ((1, VOID, "salah"), (2, TAKEN, "")):
            conn.execute(
                f"INSERT INTO nomor VALUES ({', '.join([ph] * 12)})",
                (
                    agency,
                    2023,
                    urut,
                    number(urut),
                    status,
                    f"k{urut}",
                    f"k{urut}.yaml",
                    "2023-09-22",
                    "lama@pc",
                    "2023-09-22T01:00:00+00:00",
                    "",
                    alasan,
                ),
            )
        audit = (
            f"INSERT INTO audit (waktu, oleh, aksi, agency, nomor, rincian) VALUES ({', '.join([ph] * 6)})"
        )
        conn.execute(audit, ("2023-09-22T01:00:00+00:00", "lama@pc", "ambil", agency, number(1), "{}"))
        if postgres:
            conn.execute("SELECT nextval('audit_id_seq')")  # a rolled-back take used an id
        conn.execute(audit, ("2023-09-22T01:00:01+00:00", "lama@pc", "ambil", agency, number(2), "{}"))
        conn.execute(audit, ("2023-09-22T01:00:02+00:00", "lama@pc", "batal", agency, number(1), "{}"))


def test_an_earlier_register_is_upgraded_by_setup_only(url: str, agency: str) -> None:
    """Finding 3: a take, record or void upgraded a register without hash columns silently, so a
    chained register whose columns were dropped was laundered by the next take. Only setup, the
    owner's command, upgrades; the writing commands refuse and change nothing."""
    _make_earlier_register(url, agency)
    before = contents(url)
    with Register(url) as reg:
        assert codes(reg) == ["register_not_chained"]
        assert [f.code for f in reg.protection()] == ["register_not_chained"]
        assert [e.nomor for e in reg.entries(agency)] == [number(1), number(2)]  # still readable
        for write in (
            lambda: take(reg, agency, "k3"),
            lambda: reg.record(agency, 2023, 5, number(5), "uji@pc", "x"),
            lambda: reg.void(agency, number(2), "uji@pc", "x"),
        ):
            with pytest.raises(RegisterError) as exc:
                write()
            assert exc.value.code == "register_needs_upgrade"
    assert contents(url) == before
    with Register(url) as reg:
        assert reg.setup() == [] and reg.upgraded == 3 and reg.upgrade_findings == []
        assert take(reg, agency, "k3")[0] == 3
        log = reg.audit()
        assert [(r.id, r.aksi, r.nomor) for r in log] == [
            (1, "ambil", number(1)),
            (2, "ambil", number(2)),
            (3, "batal", number(1)),
            (4, UPGRADE, ""),
            (5, "ambil", number(3)),
        ]
        assert json.loads(log[3].rincian) == {"baris_audit": 3, "jumlah_nomor": 2, "temuan": []}
        result = reg.verify()
        assert (result.findings, result.audits, result.numbers) == ([], 5, 3)
    bypass(url, "nomor", "nomor_only_void", "UPDATE nomor SET oleh = 'x' WHERE nomor = ?", (number(2),))
    with Register(url) as reg:  # rows from before the upgrade are protected like the others
        assert codes(reg) == ["number_changed"]


def test_setup_upgrades_an_earlier_register(url: str, agency: str) -> None:
    _make_earlier_register(url, agency)
    with Register(url) as reg:
        assert reg.setup() == []
        assert reg.upgraded == 3 and reg.verify().findings == []


# --------------------------------------------------------------------------- concurrency and crashes


def _take_many(url: str, agency: str, worker: int, count: int, start_at: float) -> list[int]:
    while time.time() < start_at:  # all processes begin together
        time.sleep(0.001)
    with Register(url) as reg:
        return [take(reg, agency, f"w{worker}-{n}")[0] for n in range(count)]


@pytest.mark.parametrize("processes, takes", [(8, 50), (16, 5)])
def test_concurrent_processes_take_consecutive_numbers_and_the_chain_verifies(
    url: str, agency: str, processes: int, takes: int
) -> None:
    Register(url, create=True).close()
    ctx = multiprocessing.get_context("spawn")
    start_at = time.time() + 2.0
    with ctx.Pool(processes) as pool:
        results = pool.starmap(_take_many, [(url, agency, w, takes, start_at) for w in range(processes)])
    numbers = sorted(n for result in results for n in result)
    assert numbers == list(range(1, processes * takes + 1))  # distinct, consecutive, no gaps
    with Register(url) as reg:
        assert len(reg.entries(agency)) == len(numbers)
        assert len(reg.audit(agency)) == len(numbers)
        result = reg.verify()
        assert result.findings == [] and result.audits == len(numbers)


KILLED_TAKER = """
import sys
from keputusan.register import Register
with Register(sys.argv[1]) as reg:
    reg.take(sys.argv[2], 2023, "{klasifikasi}/{urut}/Kpts/Ka/BKPSDM/{tahun}", "800", "killed", "k.yaml",
             "2023-09-22", "uji@pc", 1)
"""


def test_taker_killed_mid_take_leaves_register_consistent(url: str, agency: str, tmp_path: Path) -> None:
    with Register(url, create=True) as reg:
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
        assert reg.verify().findings == []
    if not url.startswith("postgresql"):
        assert sqlite3.connect(url).execute("PRAGMA integrity_check").fetchone() == ("ok",)


# --------------------------------------------------------------------------- PostgreSQL office setup


@pytest.fixture
def office() -> Iterator[tuple[str, str]]:
    """(owner URL, application URL) on one fresh schema set up by the owner, as the README says."""
    skip_without_postgres(POSTGRES_OWNER)
    skip_without_postgres(POSTGRES_APP)
    with postgres_schema(POSTGRES_OWNER) as schema:
        owner, app = in_schema(POSTGRES_OWNER, schema), in_schema(POSTGRES_APP, schema)
        app_role = str(_role(app))
        with Register(owner, create=True) as reg:
            reg.setup(grant=app_role)
        yield owner, app


def _role(url: str) -> Any:
    with raw(url) as conn:
        return conn.execute("SELECT current_user").fetchone()[0]


def test_the_application_role_can_take_but_not_touch_the_triggers(
    office: tuple[str, str], agency: str
) -> None:
    _, app = office
    with Register(app) as reg:
        assert take(reg, agency, "a")[0] == 1
        reg.record(agency, 2023, 2, number(2), "uji@pc", "buku agenda")
        reg.void(agency, number(2), "uji@pc", "salah")
        assert take(reg, agency, "b")[0] == 3
    for sql in (
        "ALTER TABLE nomor DISABLE TRIGGER nomor_only_void",
        "ALTER TABLE audit DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_append_only ON audit",
        "CREATE OR REPLACE FUNCTION keputusan_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$",
        "UPDATE nomor SET urut = 999",
        "DELETE FROM audit",
        "TRUNCATE nomor",
        "CREATE TABLE lain (x int)",
    ):
        with raw(app) as conn, pytest.raises(Exception, match="owner|permission denied|must be"):
            conn.execute(sql)
    with Register(app) as reg:
        assert reg.verify().findings == []


def test_a_trigger_disabled_by_the_owner_is_found_and_every_write_refused(
    office: tuple[str, str], agency: str
) -> None:
    owner, app = office
    with Register(app) as reg:
        take(reg, agency, "a")
    with raw(owner) as conn:
        conn.execute("ALTER TABLE nomor DISABLE TRIGGER nomor_only_void")
        conn.execute("DROP TRIGGER audit_no_truncate ON audit")
    expected = {"nomor_only_void": "trigger_disabled", "audit_no_truncate": "trigger_missing"}
    before = contents(owner)
    with Register(app) as reg:
        assert {f.params["name"]: f.code for f in reg.verify().findings} == expected
        with pytest.raises(RegisterError) as exc:
            take(reg, agency, "b")
        assert exc.value.code == "register_unprotected"
    assert contents(owner) == before
    _refuses_every_write(owner, agency, expected)


# --------------------------------------------------------------------------- passwords (issue point 5)


@pytest.mark.parametrize(
    "url, shown",
    [
        ("postgresql://kasubag:rahasia@db.kantor/nomor", "postgresql://kasubag:***@db.kantor/nomor"),
        ("postgresql://kasubag:ra%zzhasia@db/nomor", "postgresql://kasubag:***@db/nomor"),
        ("postgresql://kasubag:p@ss/w:rd@db/nomor", "postgresql://kasubag:***@db/nomor"),
        (
            "postgresql://db/nomor?user=k&password=rahasia&sslmode=require",
            "postgresql://db/nomor?user=k&password=***&sslmode=require",
        ),
        ("postgres://db:5432/nomor?PASSWORD=ra@hasia", "postgres://db:5432/nomor?PASSWORD=***"),
        ("postgresql://kasubag@db/nomor", "postgresql://kasubag@db/nomor"),
        (
            "postgresql://kasubag@db/nomor?pass%77ord=rahasia23",
            "postgresql://kasubag@db/nomor?pass%77ord=***",
        ),
        ("postgresql://db/nomor?sslpassword=rahasia", "postgresql://db/nomor?sslpassword=***"),
    ],
)
def test_urls_are_shown_without_passwords(url: str, shown: str) -> None:
    assert safe_url(url) == shown


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://keputusan:ra%zzhasia@127.0.0.1:5432/keputusan_test",  # a bad escape: psycopg echoes it
        "postgresql://keputusan:rahasia@[::1/keputusan_test",  # unparsable: psycopg echoes the whole URL
        "postgresql://keputusan@127.0.0.1:1/keputusan_test?password=rahasia&connect_timeout=2",  # unreachable
        "postgresql://keputusan@127.0.0.1:1/keputusan_test?pass%77ord=rahasia&connect_timeout=2",  # finding 10
    ],
)
def test_a_bad_postgresql_url_is_reported_without_its_password(url: str) -> None:
    with pytest.raises(RegisterError) as exc:
        Register(url, create=True)
    assert exc.value.code in ("register_bad_url", "register_server_unreachable")
    assert "rahasia" not in str(exc.value.params) and "ra%zzhasia" not in str(exc.value.params)
    assert "***" in exc.value.params["url"]


# =========================================================================== the outside attack on the register


def test_a_running_number_is_bounded_and_a_voided_typo_does_not_push_numbering(url: str, agency: str) -> None:
    """Finding 2: `record 800/9223372036854775807/...` made every later take crash, and a typo
    (800/11990 for 800/1199) pushed numbering past 11990 for good, even once voided."""
    with Register(url, create=True) as reg:
        for urut in (0, MAX_URUT + 1):
            with pytest.raises(RegisterError) as exc:
                reg.record(agency, 2023, urut, number(urut), "uji@pc", "x", far_ahead=True)
            assert exc.value.code == "urut_out_of_range"
        for key in "abc":
            take(reg, agency, key)
        before = contents(url)
        with pytest.raises(RegisterError) as exc:
            reg.record(agency, 2023, 11990, number(11990), "uji@pc", "buku agenda")
        assert exc.value.code == "number_far_ahead" and exc.value.params["next"] == 4
        assert contents(url) == before
        reg.record(agency, 2023, 11990, number(11990), "uji@pc", "buku agenda", far_ahead=True)
        reg.void(agency, number(11990), "uji@pc", "salah ketik: 1199")
        assert take(reg, agency, "d")[0] == 4  # voided, the typo does not push numbering
        reg.record(agency, 2023, 6, number(6), "uji@pc", "buku agenda")
        assert take(reg, agency, "e")[0] == 7  # a recorded number in force is followed
        reg.record(agency, 2023, 9, number(9), "uji@pc", "buku agenda")
        reg.void(agency, number(9), "uji@pc", "salah ketik")
        assert [take(reg, agency, k)[0] for k in "fg"] == [8, 10]  # a number present is skipped
        reg.void(agency, number(10), "uji@pc", "salah tanggal")
        assert take(reg, agency, "h")[0] == 11  # a voided taken number still counts
        reg.record(agency, 2024, MAX_URUT, number(MAX_URUT, 2024), "uji@pc", "x", far_ahead=True)
        before = contents(url)
        with pytest.raises(RegisterError) as exc:
            take(reg, agency, "i", year=2024)
        assert exc.value.code == "register_year_full"
        assert contents(url) == before
        reg.void(agency, number(MAX_URUT, 2024), "uji@pc", "salah ketik")
        assert take(reg, agency, "i", year=2024)[0] == 1
        assert reg.verify().findings == []


@pytest.mark.parametrize(
    "text, what",
    [("baris\npalsu", "control"), ("\x1b[31m", "control"), ("a\u202eb", "control"), ("x" * 501, "long")],
)
def test_control_characters_and_long_texts_are_refused(url: str, agency: str, text: str, what: str) -> None:
    """Finding 8: newlines, escape sequences and 131 KB went into the register and out through
    `number list`, where a newline forged a line."""
    code = {"control": "text_control", "long": "text_too_long"}[what]
    with Register(url, create=True) as reg:
        take(reg, agency, "a")
        before = contents(url)
        for write in (
            lambda: reg.record(agency, 2023, 2, number(2), "uji@pc", text),
            lambda: reg.record(agency, 2023, 2, number(2), text, "buku agenda"),
            lambda: reg.void(agency, number(1), "uji@pc", text),
            lambda: reg.void(agency, number(1), text, "salah"),
            lambda: reg.take(agency, 2023, PATTERN, "800", "b", "b.yaml", "2023-09-22", text),
        ):
            with pytest.raises(RegisterError) as exc:
                write()
            assert exc.value.code == code
        assert contents(url) == before
        reg.record(agency, 2023, 2, number(2), "uji@pc", "x" * 500)  # the limit itself is fine


def test_numbers_are_inserted_only_as_taken_or_recorded(url: str, agency: str) -> None:
    """Finding 4: a number could be inserted directly as void."""
    with Register(url, create=True) as reg:
        take(reg, agency, "a")
    before = contents(url)
    for status, alasan in ((VOID, "dibatalkan"), (TAKEN, "alasan tanpa pembatalan")):
        with raw(url) as conn, pytest.raises(Exception, match="inserted only as taken or recorded"):
            conn.execute(
                placeholders(
                    url, "INSERT INTO nomor VALUES (?, 2023, 2, ?, ?, 'k', 'k.yaml', NULL, 'x', ?, '', ?)"
                ),
                (agency, number(2), status, "2026-01-01T00:00:00+00:00", alasan),
            )
    assert contents(url) == before


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL register that does not exist yet (an empty schema)."""
    skip_without_postgres()
    with postgres_schema(POSTGRES) as schema:
        yield in_schema(POSTGRES, schema)


def test_postgresql_rows_carry_the_servers_clock(pg_url: str, agency: str) -> None:
    """Finding 4: the client's clock went into `waktu`, so a forged entry could be back-dated."""
    url = pg_url
    with Register(url, create=True) as reg:
        take(reg, agency, "a")
        with raw(url) as conn:
            server = conn.execute("SELECT now()").fetchone()[0]
        stored = dt.datetime.fromisoformat(reg.audit()[0].waktu)
        assert abs((stored - server).total_seconds()) < 60
    before = contents(url)
    for table, sql in (
        ("nomor", "INSERT INTO nomor VALUES (?, 2023, 2, ?, 'diambil', 'k', 'k.yaml', NULL, 'x', ?, '', '')"),
        ("audit", "INSERT INTO audit VALUES (2, ?, 'x', 'ambil', ?, ?, '{}', '', '')"),
    ):
        params = (
            (agency, number(2), "2023-01-02T01:00:00+00:00")
            if table == "nomor"
            else ("2023-01-02T01:00:00+00:00", agency, number(2))
        )
        with raw(url) as conn, pytest.raises(Exception, match="server time"):
            conn.execute(placeholders(url, sql), params)
    assert contents(url) == before


def _downgrade(url: str, variant: str) -> None:
    """The laundering of finding 3: with the triggers out of the way, un-void 800/2, delete its
    void entry, move 800/3 to another file, then drop the hash columns. Each variant leaves one
    sign that the register had a chain: the marker table (the audit table rebuilt with ids drawn
    as an earlier version drew them), the audit table's ids (marker dropped), or the upgrade entry
    (a register upgraded by setup, marker dropped)."""
    postgres = url.startswith("postgresql://")
    with raw(url) as conn:
        if postgres:
            conn.execute("ALTER TABLE nomor DISABLE TRIGGER USER")
            conn.execute("ALTER TABLE audit DISABLE TRIGGER USER")
        else:
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                conn.execute(f"DROP TRIGGER {name}")
        conn.execute(f"UPDATE nomor SET status = '{TAKEN}', alasan_batal = '' WHERE urut = 2")
        conn.execute(
            "DELETE FROM audit WHERE aksi = 'batal' AND nomor = ?".replace("?", "%s" if postgres else "?"),
            (number(2),),
        )
        conn.execute("UPDATE nomor SET berkas = 'lain.yaml' WHERE urut = 3")
        for column in ("hash_prev", "hash_nomor"):
            conn.execute(f"ALTER TABLE audit DROP COLUMN {column}")
        if variant != "marker-kept":
            conn.execute("DROP TABLE keputusan_info")
        elif postgres:
            conn.execute("CREATE SEQUENCE audit_id_seq")
            conn.execute("ALTER TABLE audit ALTER COLUMN id SET DEFAULT nextval('audit_id_seq')")
        else:
            conn.execute(
                _OLD_AUDIT.format(id="INTEGER PRIMARY KEY AUTOINCREMENT").replace("audit (", "audit2 (", 1)
            )
            conn.execute("INSERT INTO audit2 SELECT * FROM audit")
            conn.execute("DROP TABLE audit")
            conn.execute("ALTER TABLE audit2 RENAME TO audit")
        if postgres:
            conn.execute("ALTER TABLE nomor ENABLE TRIGGER USER")
            conn.execute("ALTER TABLE audit ENABLE TRIGGER USER")


@pytest.mark.parametrize("variant", ["marker-kept", "marker-dropped", "upgraded"])
def test_a_register_whose_chain_was_removed_is_reported_never_upgraded(
    url: str, agency: str, variant: str
) -> None:
    """Finding 3: after the hash columns were dropped, verify called the register an earlier
    version's, and the next take upgraded it silently: verify then said intact."""
    if variant == "upgraded":
        _make_earlier_register(url, agency)  # 800/1 void, 800/2 taken
        with Register(url) as reg:
            reg.setup()
            take(reg, agency, "k3")
            reg.void(agency, number(2), "uji@pc", "salah")
    else:
        with Register(url, create=True) as reg:
            for key in "abc":
                take(reg, agency, key)
            reg.void(agency, number(2), "uji@pc", "salah")
    _downgrade(url, variant)
    before = contents(url)
    with Register(url) as reg:
        assert codes(reg) == ["register_downgraded"]
        assert [f.code for f in reg.protection()] == ["register_downgraded"]
        for write in (
            lambda: take(reg, agency, "d"),
            lambda: reg.record(agency, 2023, 5, number(5), "uji@pc", "x"),
            lambda: reg.void(agency, number(1), "uji@pc", "x"),
            lambda: reg.setup(),
        ):
            with pytest.raises(RegisterError) as exc:
                write()
            assert exc.value.code == "register_downgraded"
    assert contents(url) == before


def test_setup_reports_what_an_earlier_log_cannot_explain(url: str, agency: str) -> None:
    """Finding 3: an upgrade chained whatever it found. It now names a number whose state its
    last entry does not explain (an earlier version had no UPDATE trigger), and keeps that in the
    upgrade entry."""
    _make_earlier_register(url, agency)
    with raw(url) as conn:  # 800/1 was voided; un-voided by hand before the upgrade
        conn.execute(f"UPDATE nomor SET status = '{TAKEN}', alasan_batal = '' WHERE urut = 1")
    with Register(url) as reg:
        reg.setup()
        found = [(f.code, f.params["nomor"]) for f in reg.upgrade_findings]
        assert found == [("upgrade_state_mismatch", number(1))]
        assert reg.upgrade_findings[0].params["aksi"] == "batal"
        detail = json.loads(reg.audit()[-1].rincian)
        assert [t["kode"] for t in detail["temuan"]] == ["upgrade_state_mismatch"]
        assert reg.verify().findings == []  # the state at the upgrade is the chain's start


def test_an_sqlite_upgrade_reports_deleted_entries(tmp_path: Path, agency: str) -> None:
    """An earlier SQLite register's AUTOINCREMENT ids never skip: a gap is a deleted entry."""
    url = str(tmp_path / "nomor.sqlite")
    _make_earlier_register(url, agency)
    with raw(url) as conn:
        conn.execute("DROP TRIGGER audit_append_only_d")
        conn.execute("DELETE FROM audit WHERE id = 2")  # the take of 800/2
    with Register(url) as reg:
        reg.setup()
        found = [(f.code, f.params.get("first"), f.params.get("nomor")) for f in reg.upgrade_findings]
        assert found == [("audit_rows_missing", 2, None), ("number_unaudited", None, number(2))]


def test_a_register_of_the_version_before_is_brought_up_to_date_by_setup(url: str, agency: str) -> None:
    """A chained register without the marker and the insert triggers (made by the version
    before): writes are refused as outdated, verify says what to do, setup adds what it lacks."""
    with Register(url, create=True) as reg:
        take(reg, agency, "a")
    postgres = url.startswith("postgresql://")
    with raw(url) as conn:
        conn.execute("DROP TABLE keputusan_info")
        for name, table in (
            (("nomor_insert_check", "nomor"), ("audit_insert_check", "audit"))
            if postgres
            else (("nomor_insert_state", "nomor"),)
        ):
            conn.execute(f"DROP TRIGGER {name}" + (f" ON {table}" if postgres else ""))
    before = contents(url)
    with Register(url) as reg:
        assert codes(reg) == ["register_outdated"]
        with pytest.raises(RegisterError) as exc:
            take(reg, agency, "b")
        assert exc.value.code == "register_unprotected"
        assert [f.code for f in exc.value.params["findings"]] == ["register_outdated"]
    assert contents(url) == before
    with Register(url) as reg:
        assert reg.setup() == []
        assert reg.format_added == (
            ["audit_insert_check", "nomor_insert_check"] if postgres else ["nomor_insert_state"]
        )
        assert json.loads(reg.audit()[-1].rincian)["format"] == 2
        assert take(reg, agency, "b")[0] == 2
        assert reg.verify().findings == []


def _rechain(url: str) -> None:
    """forge.py of the findings: on SQLite, whoever can write the file un-voids 800/2, deletes its
    void entry, and chains every entry again with hashlib and json: verify cannot tell."""
    with raw(url) as conn:
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute(f"UPDATE nomor SET status = '{TAKEN}', alasan_batal = '' WHERE urut = 2")
        conn.execute("DELETE FROM audit WHERE aksi = 'batal'")
        states = {(r[0], r[3]): Entry(*r).digest() for r in conn.execute(f"SELECT {COLUMNS} FROM nomor")}
        rows = conn.execute(
            "SELECT id, waktu, oleh, aksi, agency, nomor, rincian FROM audit ORDER BY id"
        ).fetchall()
        last = {(r[4], r[5]): i for i, r in enumerate(rows)}
        previous = GENESIS
        for i, r in enumerate(rows):
            state = states.get((r[4], r[5]), "") if last[(r[4], r[5])] == i else ""
            conn.execute(
                "UPDATE audit SET id = ?, hash_prev = ?, hash_nomor = ? WHERE id = ?",
                (i + 1, previous, state, r[0]),
            )
            previous = AuditRecord(i + 1, *r[1:], previous, state).digest()
        for _, sql in triggers:
            conn.execute(sql)


def test_a_noted_chain_head_finds_a_rewritten_or_shortened_chain(tmp_path: Path, agency: str) -> None:
    """Finding 5: whoever can write the SQLite file can chain it again, or delete the newest
    entries with their number (which is then handed out again); verify said intact. A head noted
    earlier, given to verify, finds both."""
    url = str(tmp_path / "nomor.sqlite")
    with Register(url, create=True) as reg:
        for key in "abc":
            take(reg, agency, key)
        reg.void(agency, number(2), "uji@pc", "salah")
        noted = reg.verify().head
        take(reg, agency, "d")
        result = reg.verify(noted)
        assert (result.findings, result.noted) == ([], 4)
        assert reg.verify(noted[:16].upper()).noted == 4  # the first 16 characters are enough
        newest = reg.verify().head
    shutil.copy(url, tmp_path / "cadangan.sqlite")
    _rechain(url)
    with Register(url) as reg:
        assert reg.verify().findings == []  # the limit: a consistent rewrite passes a plain verify
        found = reg.verify(noted)
        assert [f.code for f in found.findings] == ["head_not_in_chain"] and found.noted is None
    url = str(tmp_path / "cadangan.sqlite")
    bypass(url, "audit", "audit_append_only_d", "DELETE FROM audit WHERE id = 5")
    bypass(url, "nomor", "nomor_never_deleted", "DELETE FROM nomor WHERE urut = 4")
    with Register(url) as reg:
        assert reg.verify().findings == []
        assert [f.code for f in reg.verify(newest).findings] == ["head_not_in_chain"]
        assert [f.code for f in reg.verify(noted).findings] == []  # the entries up to it are intact


def test_verify_finds_an_entry_that_does_not_describe_its_number(
    office: tuple[str, str], agency: str
) -> None:
    """Finding 4: the application role appended a number and an entry chained correctly but
    saying another story (a take of another file; a number whose first entry is a void)."""
    _, app = office
    with Register(app) as reg:
        take(reg, agency, "a")
    with raw(app) as conn:
        now = conn.execute("SELECT now()").fetchone()[0].astimezone(dt.timezone.utc).replace(microsecond=0)
    waktu = now.isoformat()

    def forge(urut: int, status: str, aksi: str, rincian: dict[str, str], alasan: str = "") -> None:
        with Register(app) as reg:
            head = reg.audit()[-1]
        inserted = Entry(
            agency, 2023, urut, number(urut), TAKEN, f"k{urut}", f"k{urut}.yaml", None, "x", waktu, "", ""
        )
        state = dataclasses.replace(inserted, status=status, alasan_batal=alasan)
        with raw(app) as conn:
            conn.execute(f"INSERT INTO nomor VALUES ({', '.join(['%s'] * 12)})", inserted.values())
            if status == VOID:
                conn.execute(
                    "UPDATE nomor SET status = %s, alasan_batal = %s WHERE urut = %s", (VOID, alasan, urut)
                )
            record = AuditRecord(
                head.id + 1,
                waktu,
                "x",
                aksi,
                agency,
                number(urut),
                json.dumps(rincian),
                head.digest(),
                state.digest(),
            )
            conn.execute(f"INSERT INTO audit VALUES ({', '.join(['%s'] * 9)})", record.values())

    forge(2, TAKEN, "ambil", {"berkas": "lain.yaml", "kunci": "k2", "tanggal": None})
    forge(3, VOID, "batal", {"alasan": "dibatalkan kepala"}, alasan="dibatalkan kepala")
    with Register(app) as reg:
        found = [(f.code, f.params["nomor"]) for f in reg.verify().findings]
    assert found == [("audit_detail_mismatch", number(2)), ("audit_first_not_new", number(3))]


def test_a_trigger_enabled_always_is_in_place(office: tuple[str, str], agency: str) -> None:
    """Finding 14: `ENABLE ALWAYS TRIGGER` (it fires in every session) was reported as disabled."""
    owner, app = office
    with raw(owner) as conn:
        conn.execute("ALTER TABLE nomor ENABLE ALWAYS TRIGGER nomor_only_void")
    with Register(app) as reg:
        assert take(reg, agency, "a")[0] == 1
        assert reg.verify().findings == []
    with raw(owner) as conn:
        conn.execute("ALTER TABLE nomor ENABLE REPLICA TRIGGER nomor_only_void")  # fires in replicas only
    with Register(app) as reg:
        assert codes(reg) == ["trigger_disabled"]


def test_an_empty_file_or_a_pipe_is_not_a_register(tmp_path: Path) -> None:
    """Finding 13: `list` and `verify` turned a 0-byte file into a 4096-byte database, and
    `--register /dev/null` created /dev/null-journal."""
    empty = tmp_path / "kosong.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(RegisterError) as exc:
        Register(str(empty))
    assert exc.value.code == "register_empty_file"
    assert empty.read_bytes() == b""
    pipe = tmp_path / "pipa.sqlite"
    os.mkfifo(pipe)
    for create in (False, True):
        with pytest.raises(RegisterError) as exc:
            Register(str(pipe), create=create)
        assert exc.value.code == "register_not_a_file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kosong.sqlite", "pipa.sqlite"]


@pytest.mark.parametrize(
    "url, char",
    [
        ("postgresql://keputusan:Rahasia@Balangan2024@127.0.0.1:5432/keputusan_test", "@"),
        ("postgresql://keputusan:Rahasia/Balangan2024@127.0.0.1:5432/keputusan_test", "/"),
    ],
)
def test_an_unescaped_character_in_a_password_is_refused_before_connecting(url: str, char: str) -> None:
    """Finding 10: libpq ends a password at its first @, so its message quoted the rest as the host."""
    with pytest.raises(RegisterError) as exc:
        Register(url, create=True)
    assert exc.value.code == "register_url_unescaped" and exc.value.params["char"] == char
    assert "Balangan2024" not in str(exc.value.params) and "Rahasia" not in str(exc.value.params)
