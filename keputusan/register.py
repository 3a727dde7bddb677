"""The numbering register: decree numbers per agency and year, never handed out twice.

Two stores with one behaviour: SQLite (a file, safe for several people on one
machine) and PostgreSQL (for an office taking numbers from several PCs; SQLite
on a network share is not safe). A number is taken inside one transaction that
holds the agency's lock, so concurrent takers get consecutive, distinct
numbers; a taker killed mid-way leaves nothing behind. Numbers are never
deleted: a cancelled one is marked void, and every change is appended to an
audit log that refuses updates and deletes.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from .errors import CodedError

TAKEN, RECORDED, VOID = "diambil", "dicatat", "batal"


class RegisterError(CodedError):
    """A register operation that cannot be done."""


@dataclass(frozen=True)
class Entry:
    agency: str
    tahun: int
    urut: int
    nomor: str
    status: str
    kunci: Optional[str]
    berkas: Optional[str]
    tanggal: Optional[str]
    oleh: str
    waktu: str
    catatan: str
    alasan_batal: str


@dataclass(frozen=True)
class AuditRecord:
    id: int
    waktu: str
    oleh: str
    aksi: str
    agency: str
    nomor: str
    rincian: str


COLUMNS = "agency, tahun, urut, nomor, status, kunci, berkas, tanggal, oleh, waktu, catatan, alasan_batal"

_NOMOR = f"""CREATE TABLE IF NOT EXISTS nomor (
    agency TEXT NOT NULL, tahun INTEGER NOT NULL, urut INTEGER NOT NULL, nomor TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('{TAKEN}', '{RECORDED}', '{VOID}')),
    kunci TEXT, berkas TEXT, tanggal TEXT, oleh TEXT NOT NULL, waktu TEXT NOT NULL,
    catatan TEXT NOT NULL DEFAULT '', alasan_batal TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agency, tahun, urut), UNIQUE (agency, nomor))"""
_INDEX = "CREATE INDEX IF NOT EXISTS nomor_kunci ON nomor (agency, kunci)"
_AUDIT = """CREATE TABLE IF NOT EXISTS audit (
    id {id}, waktu TEXT NOT NULL, oleh TEXT NOT NULL, aksi TEXT NOT NULL,
    agency TEXT NOT NULL, nomor TEXT NOT NULL, rincian TEXT NOT NULL)"""
APPEND_ONLY = "audit log is append-only"
NEVER_DELETED = "numbers are never deleted; void them"

_SQLITE_SCHEMA = [
    _NOMOR,
    _INDEX,
    _AUDIT.format(id="INTEGER PRIMARY KEY AUTOINCREMENT"),
    *(
        f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {event} ON {table} BEGIN SELECT RAISE(ABORT, '{text}'); END"
        for name, event, table, text in (
            ("audit_append_only_u", "UPDATE", "audit", APPEND_ONLY),
            ("audit_append_only_d", "DELETE", "audit", APPEND_ONLY),
            ("nomor_never_deleted", "DELETE", "nomor", NEVER_DELETED),
        )
    ),
]

_POSTGRES_SCHEMA = [
    _NOMOR,
    _INDEX,
    _AUDIT.format(id="BIGSERIAL PRIMARY KEY"),
    """CREATE OR REPLACE FUNCTION keputusan_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$""",
    "DROP TRIGGER IF EXISTS audit_append_only ON audit",
    f"""CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
        FOR EACH ROW EXECUTE FUNCTION keputusan_refuse('{APPEND_ONLY}')""",
    "DROP TRIGGER IF EXISTS nomor_never_deleted ON nomor",
    f"""CREATE TRIGGER nomor_never_deleted BEFORE DELETE ON nomor
        FOR EACH ROW EXECUTE FUNCTION keputusan_refuse('{NEVER_DELETED}')""",
]


def who() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no login name on some service accounts
        user = "?"
    return f"{user}@{socket.gethostname()}"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class Register:
    """A connection to one register (``sqlite:///path``, a file path, or ``postgresql://...``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.postgres = url.startswith(("postgresql://", "postgres://"))
        if self.postgres:
            try:
                import psycopg
            except ImportError:
                raise RegisterError("postgres_driver_missing") from None
            try:
                self._conn: Any = psycopg.connect(url, autocommit=True)
            except psycopg.OperationalError as exc:
                raise RegisterError(
                    "register_unreachable", url=_safe_url(url), detail=str(exc).strip()
                ) from None
            self._ph = "%s"
            schema = _POSTGRES_SCHEMA
            with self._transaction():
                # Create the schema once. Re-running its DDL would lock the tables that
                # other takers are writing, and could deadlock with them.
                self._execute("SELECT pg_advisory_xact_lock(hashtext('keputusan-schema'))")
                ready = self._execute(
                    "SELECT count(*) FROM pg_trigger WHERE tgname IN ('audit_append_only', 'nomor_never_deleted')"
                ).fetchone()[0]
                if ready < 2:
                    for statement in schema:
                        self._execute(statement)
        else:
            path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else Path(url)
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._conn = sqlite3.connect(path, timeout=60, isolation_level=None)
                self._conn.execute("PRAGMA busy_timeout = 60000")
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = FULL")
                for statement in _SQLITE_SCHEMA:
                    self._conn.execute(statement)
            except sqlite3.DatabaseError as exc:
                raise RegisterError("register_unreachable", url=str(path), detail=str(exc)) from None
            self._ph = "?"

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- plumbing

    def _execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        if self._ph != "?":
            sql = sql.replace("?", self._ph)
        return self._conn.execute(sql, params) if params else self._conn.execute(sql)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One writer at a time: SQLite's IMMEDIATE lock, or PostgreSQL's transaction + advisory lock."""
        if self.postgres:
            with self._conn.transaction():
                yield
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _lock(self, agency: str, tahun: int) -> None:
        if self.postgres:
            self._execute("SELECT pg_advisory_xact_lock(hashtext(?))", (f"{agency}/{tahun}",))

    def _audit(self, aksi: str, agency: str, nomor: str, oleh: str, **rincian: Any) -> None:
        self._execute(
            "INSERT INTO audit (waktu, oleh, aksi, agency, nomor, rincian) VALUES (?, ?, ?, ?, ?, ?)",
            (_now(), oleh, aksi, agency, nomor, json.dumps(rincian, ensure_ascii=False, sort_keys=True)),
        )

    def _one(self, where: str, params: tuple[Any, ...]) -> Optional[Entry]:
        row = self._execute(f"SELECT {COLUMNS} FROM nomor WHERE {where}", params).fetchone()
        return Entry(*row) if row else None

    # ----------------------------------------------------------------- operations

    def take(
        self,
        agency: str,
        tahun: int,
        pattern: str,
        klasifikasi: str,
        kunci: str,
        berkas: str,
        tanggal: str,
        oleh: str,
        start: int = 1,
    ) -> tuple[Entry, bool]:
        """The next number of ``agency`` in ``tahun`` for decree ``kunci``; (entry, taken now).

        Taking again for the same decree returns the number it already has.
        """
        with self._transaction():
            self._lock(agency, tahun)
            existing = self._one("agency = ? AND kunci = ? AND status = ?", (agency, kunci, TAKEN))
            if existing is not None:
                return existing, False
            row = self._execute(
                "SELECT MAX(urut) FROM nomor WHERE agency = ? AND tahun = ?", (agency, tahun)
            ).fetchone()
            urut = max(start, (row[0] or 0) + 1)
            nomor = pattern.format(klasifikasi=klasifikasi, urut=urut, tahun=tahun)
            entry = Entry(agency, tahun, urut, nomor, TAKEN, kunci, berkas, tanggal, oleh, _now(), "", "")
            self._insert(entry)
            self._audit("ambil", agency, nomor, oleh, berkas=berkas, tanggal=tanggal, kunci=kunci)
            _pause_for_tests()
        return entry, True

    def record(
        self,
        agency: str,
        tahun: int,
        urut: int,
        nomor: str,
        oleh: str,
        catatan: str,
        tanggal: Optional[str] = None,
    ) -> Entry:
        """Register a number taken outside this tool (agenda book, SRIKANDI) so it is never handed out."""
        with self._transaction():
            self._lock(agency, tahun)
            clash = self._one(
                "agency = ? AND (nomor = ? OR (tahun = ? AND urut = ?))", (agency, nomor, tahun, urut)
            )
            if clash is not None:
                raise RegisterError(
                    "number_exists",
                    nomor=clash.nomor,
                    status=clash.status,
                    oleh=clash.oleh,
                    waktu=clash.waktu,
                )
            entry = Entry(
                agency, tahun, urut, nomor, RECORDED, None, None, tanggal, oleh, _now(), catatan, ""
            )
            self._insert(entry)
            self._audit("catat", agency, nomor, oleh, catatan=catatan)
        return entry

    def void(self, agency: str, nomor: str, oleh: str, alasan: str) -> Entry:
        """Cancel a number. It stays in the register and is never handed out again."""
        with self._transaction():
            entry = self._one("agency = ? AND nomor = ?", (agency, nomor))
            if entry is None:
                raise RegisterError("number_unknown", nomor=nomor)
            if entry.status == VOID:
                raise RegisterError("number_already_void", nomor=nomor, alasan=entry.alasan_batal)
            self._execute(
                "UPDATE nomor SET status = ?, alasan_batal = ? WHERE agency = ? AND nomor = ?",
                (VOID, alasan, agency, nomor),
            )
            self._audit("batal", agency, nomor, oleh, alasan=alasan, status_sebelumnya=entry.status)
            voided = self._one("agency = ? AND nomor = ?", (agency, nomor))
        assert voided is not None
        return voided

    def find(self, agency: str, nomor: str) -> Optional[Entry]:
        return self._one("agency = ? AND nomor = ?", (agency, nomor))

    def entries(self, agency: str, tahun: Optional[int] = None) -> list[Entry]:
        where, params = (
            ("agency = ?", (agency,)) if tahun is None else ("agency = ? AND tahun = ?", (agency, tahun))
        )
        rows = self._execute(
            f"SELECT {COLUMNS} FROM nomor WHERE {where} ORDER BY tahun, urut", params
        ).fetchall()
        return [Entry(*row) for row in rows]

    def audit(self, agency: str) -> list[AuditRecord]:
        rows = self._execute(
            "SELECT id, waktu, oleh, aksi, agency, nomor, rincian FROM audit WHERE agency = ? ORDER BY id",
            (agency,),
        ).fetchall()
        return [AuditRecord(*row) for row in rows]

    def _insert(self, e: Entry) -> None:
        self._execute(
            f"INSERT INTO nomor ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                e.agency,
                e.tahun,
                e.urut,
                e.nomor,
                e.status,
                e.kunci,
                e.berkas,
                e.tanggal,
                e.oleh,
                e.waktu,
                e.catatan,
                e.alasan_batal,
            ),
        )


def _pause_for_tests() -> None:
    """Tests kill a taker here, inside the transaction, to prove a crash leaves no trace."""
    marker = os.environ.get("KEPUTUSAN_TEST_PAUSE_IN_TAKE")
    if marker:
        Path(marker).write_text("in take")
        time.sleep(30)


def _safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"
    return url
