"""The numbering register: decree numbers per agency and year, never handed out twice.

Two stores with one behaviour: SQLite (a file, safe for several people on one
machine) and PostgreSQL (for an office taking numbers from several PCs; SQLite
on a network share is not safe).

Every write runs in one transaction that holds the register's single writer
lock (SQLite's ``BEGIN IMMEDIATE``, PostgreSQL's advisory lock for the chain),
so concurrent takers get consecutive, distinct numbers and a taker killed
mid-way leaves nothing behind.

The register is tamper-evident:

- every audit row carries the SHA-256 of the audit row before it (a hash
  chain) and of the number row it records, as that row stands after the
  action; :meth:`Register.verify` walks the chain;
- triggers refuse UPDATE and DELETE on the audit and on the numbers, with one
  exception: voiding, the single transition of ``status`` to ``batal`` with a
  reason, every other column unchanged;
- every command checks those triggers first, and a writing command refuses to
  write when one is missing, disabled or changed;
- a number row is inserted only as taken or recorded, and on PostgreSQL every
  row carries the server's clock (``now()``), checked by a trigger;
- a table ``keputusan_info`` marks a register as chained (format 2), so that a
  register whose hash columns were dropped is reported as tampered with, never
  taken for an earlier version's.

A register made by an earlier version (no hash columns) is upgraded only by
:meth:`Register.setup` (the owner's command): the columns are added, the
existing audit rows are chained in order (their ids made consecutive), what the
earlier log cannot explain is reported, and an upgrade entry is appended.
Writing commands refuse to write into it until then.

What the chain cannot stop: whoever can write the SQLite file (or holds the
PostgreSQL owner's password) can rewrite the whole chain consistently. A chain
head noted elsewhere, checked with ``verify(head=...)``, finds that.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import hashlib
import json
import os
import re
import socket
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from urllib.parse import unquote

from .errors import CodedError, Finding
from .yamlsource import FORBIDDEN_CHARS

TAKEN, RECORDED, VOID = "diambil", "dicatat", "batal"
GENESIS = "0" * 64  # what the first audit row names as the row before it
TAKE, RECORD, CANCEL = "ambil", "catat", "batal"  # the audit actions on numbers
_STATUS_AFTER = {TAKE: TAKEN, RECORD: RECORDED, CANCEL: VOID}  # a number's status after each
UPGRADE = "tingkatkan"  # the audit action recorded when an earlier register is upgraded
REPAIR = "pasang_pelindung"  # the audit action recorded when setup restores protective triggers
_READ = object()  # _append: read the chain's head now

FORMAT = 2  # 0: no hash chain (an earlier version); 1: chained; 2: chained, marked, insert checks
MAX_URUT = 999_999  # the largest running number the register accepts
FAR_AHEAD = 100  # a number recorded further ahead of a year's highest needs confirming
TEXT_LIMIT = 500  # characters of --by, --note and --reason
FIRST_YEAR = 1945
CLOCK_SKEW = "5 seconds"  # PostgreSQL: how far a row's time may be from the transaction's now()
# what no text may hold, and for one-line fields also tabs, line breaks and direction marks
_CONTROL = re.compile(f"[{FORBIDDEN_CHARS}\t\n\r\u200e\u200f\u2028\u2029]")


class RegisterError(CodedError):
    """A register operation that cannot be done."""


def check_text(value: str, what: str) -> str:
    """A note, reason or name as stored: one line of at most TEXT_LIMIT characters, with no control
    characters (a line break, an escape sequence or a bidirectional override could forge what
    ``number list`` shows)."""
    found = _CONTROL.search(value)
    if found is not None:
        raise RegisterError("text_control", what=what, position=found.start() + 1)
    if len(value) > TEXT_LIMIT:
        raise RegisterError("text_too_long", what=what, length=len(value), limit=TEXT_LIMIT)
    return value


def printable(value: str) -> str:
    """Text from the register as a terminal may show it: control characters escaped (``\\x1b``)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)


def last_year() -> int:
    """The latest year a number may belong to: next year (a decree dated ahead, at the year's end)."""
    return dt.date.today().year + 1


def check_year(tahun: int, shown: str) -> None:
    if not FIRST_YEAR <= tahun <= last_year():
        raise RegisterError("year_out_of_range", value=shown, first=FIRST_YEAR, last=last_year())


def check_date(value: str) -> dt.date:
    """A date written YYYY-MM-DD, in the years a number may belong to."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):
            raise ValueError(value)
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise RegisterError("date_invalid", value=printable(value)) from None
    check_year(date.year, value)
    return date


def check_urut(nomor: str, urut: int) -> None:
    if not 1 <= urut <= MAX_URUT:
        raise RegisterError("urut_out_of_range", nomor=printable(nomor), limit=MAX_URUT)


def _digest(values: list[Any]) -> str:
    """SHA-256 of a row's values in a canonical JSON form (the same on both stores)."""
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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

    def values(self) -> tuple[Any, ...]:
        """The row's values, in the order of its columns."""
        return tuple(getattr(self, name) for name in _ENTRY_FIELDS)

    def digest(self) -> str:
        """SHA-256 of this number row, as recorded in the audit row of each change."""
        return _digest(list(self.values()))


@dataclass(frozen=True)
class AuditRecord:
    id: int
    waktu: str
    oleh: str
    aksi: str
    agency: str
    nomor: str
    rincian: str
    hash_prev: str = ""  # SHA-256 of the audit row before this one
    hash_nomor: str = ""  # SHA-256 of the number row after this action ('' for register events)

    def values(self) -> tuple[Any, ...]:
        """The row's values, in the order of its columns."""
        return tuple(getattr(self, name) for name in _AUDIT_FIELDS)

    def digest(self) -> str:
        """SHA-256 of this audit row, which the next row carries as ``hash_prev``."""
        return _digest(list(self.values()))


_ENTRY_FIELDS = [f.name for f in dataclasses.fields(Entry)]
_AUDIT_FIELDS = [f.name for f in dataclasses.fields(AuditRecord)]


@dataclass(frozen=True)
class Verification:
    findings: list[Finding]
    audits: int  # audit rows walked
    numbers: int  # number rows compared with their last audit row
    head: str  # SHA-256 of the last audit row: note it to detect a rewrite of the newest rows
    noted: Optional[int] = None  # the id of the entry a head noted earlier names, when it is found


COLUMNS = "agency, tahun, urut, nomor, status, kunci, berkas, tanggal, oleh, waktu, catatan, alasan_batal"
AUDIT_COLUMNS = "id, waktu, oleh, aksi, agency, nomor, rincian, hash_prev, hash_nomor"
_KEPT_BY_VOID = [c for c in COLUMNS.split(", ") if c not in ("status", "alasan_batal")]

_NOMOR = f"""CREATE TABLE IF NOT EXISTS nomor (
    agency TEXT NOT NULL, tahun INTEGER NOT NULL, urut INTEGER NOT NULL, nomor TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('{TAKEN}', '{RECORDED}', '{VOID}')),
    kunci TEXT, berkas TEXT, tanggal TEXT, oleh TEXT NOT NULL, waktu TEXT NOT NULL,
    catatan TEXT NOT NULL DEFAULT '', alasan_batal TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agency, tahun, urut), UNIQUE (agency, nomor))"""
_INDEX = "CREATE INDEX IF NOT EXISTS nomor_kunci ON nomor (agency, kunci)"
_HASH_COLUMNS = ("hash_prev", "hash_nomor")
_AUDIT = f"""CREATE TABLE IF NOT EXISTS audit (
    id {{id}} PRIMARY KEY, waktu TEXT NOT NULL, oleh TEXT NOT NULL, aksi TEXT NOT NULL,
    agency TEXT NOT NULL, nomor TEXT NOT NULL, rincian TEXT NOT NULL,
    {", ".join(f"{c} TEXT NOT NULL DEFAULT ''" for c in _HASH_COLUMNS)})"""
_INFO = "CREATE TABLE IF NOT EXISTS keputusan_info (nama TEXT PRIMARY KEY, nilai TEXT NOT NULL)"
APPEND_ONLY = "audit log is append-only"
NEVER_DELETED = "numbers are never deleted; void them"
ONLY_VOID = "a number changes only by being voided, with a reason"
ONLY_NEW = "a number is inserted only as taken or recorded"
SERVER_TIME = "waktu must be the server time, now()"

# --------------------------------------------------------------------------- SQLite triggers

_VOID_ONLY_SQLITE = " AND ".join(
    [f"OLD.status <> '{VOID}'", f"NEW.status = '{VOID}'", "NEW.alasan_batal <> ''"]
    + [f"NEW.{c} IS OLD.{c}" for c in _KEPT_BY_VOID]
)
_SQLITE_TRIGGERS: dict[str, str] = {
    name: f"CREATE TRIGGER {name} BEFORE {event} ON {table}{when} BEGIN SELECT RAISE(ABORT, '{text}'); END"
    for name, event, table, when, text in (
        ("audit_append_only_u", "UPDATE", "audit", "", APPEND_ONLY),
        ("audit_append_only_d", "DELETE", "audit", "", APPEND_ONLY),
        # INSERT OR REPLACE deletes the row it replaces without firing DELETE triggers
        (
            "audit_no_replace",
            "INSERT",
            "audit",
            " WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)",
            APPEND_ONLY,
        ),
        ("nomor_never_deleted", "DELETE", "nomor", "", NEVER_DELETED),
        ("nomor_only_void", "UPDATE", "nomor", f" WHEN NOT ({_VOID_ONLY_SQLITE})", ONLY_VOID),
        (
            "nomor_insert_state",
            "INSERT",
            "nomor",
            f" WHEN NEW.status NOT IN ('{TAKEN}', '{RECORDED}') OR NEW.alasan_batal <> ''",
            ONLY_NEW,
        ),
        (
            "nomor_no_replace",
            "INSERT",
            "nomor",
            " WHEN EXISTS (SELECT 1 FROM nomor WHERE agency = NEW.agency AND nomor = NEW.nomor)"
            " OR EXISTS (SELECT 1 FROM nomor WHERE agency = NEW.agency AND tahun = NEW.tahun"
            " AND urut = NEW.urut)",
            NEVER_DELETED,
        ),
    )
}
_SQLITE_TRIGGER_TABLES = {name: sql.split(" ON ", 1)[1].split()[0] for name, sql in _SQLITE_TRIGGERS.items()}
_SQLITE_OLD_TRIGGERS = (
    ("audit_append_only_u", "audit"),
    ("audit_append_only_d", "audit"),
    ("nomor_never_deleted", "nomor"),
)

# --------------------------------------------------------------------------- PostgreSQL triggers

_PG_SERVER_TIME = (
    f"IF NEW.waktu::timestamptz NOT BETWEEN now() - interval '{CLOCK_SKEW}' "
    f"AND now() + interval '{CLOCK_SKEW}' THEN RAISE EXCEPTION '{SERVER_TIME}'; END IF;"
)
_PG_FUNCTIONS: dict[str, str] = {
    "keputusan_refuse": "BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END",
    "keputusan_new_number": (
        f"BEGIN IF NEW.status NOT IN ('{TAKEN}', '{RECORDED}') OR NEW.alasan_batal <> '' THEN "
        f"RAISE EXCEPTION '{ONLY_NEW}'; END IF; {_PG_SERVER_TIME} RETURN NEW; END"
    ),
    "keputusan_new_audit": f"BEGIN {_PG_SERVER_TIME} RETURN NEW; END",
    "keputusan_only_void": (
        f"BEGIN IF OLD.status <> '{VOID}' AND NEW.status = '{VOID}' AND NEW.alasan_batal <> '' "
        f"AND ({', '.join(f'NEW.{c}' for c in _KEPT_BY_VOID)}) IS NOT DISTINCT FROM "
        f"({', '.join(f'OLD.{c}' for c in _KEPT_BY_VOID)}) THEN RETURN NEW; END IF; "
        f"RAISE EXCEPTION '{ONLY_VOID}'; END"
    ),
}


@dataclass(frozen=True)
class _PgTrigger:
    name: str
    table: str
    events: str  # as written after BEFORE
    row: bool  # FOR EACH ROW, else FOR EACH STATEMENT
    function: str
    arg: Optional[str]
    tgtype: int  # pg_trigger.tgtype: ROW 1, BEFORE 2, INSERT 4, DELETE 8, UPDATE 16, TRUNCATE 32

    def create(self) -> str:
        args = f"'{self.arg}'" if self.arg else ""
        level = "ROW" if self.row else "STATEMENT"
        return (
            f"CREATE TRIGGER {self.name} BEFORE {self.events} ON {self.table} "
            f"FOR EACH {level} EXECUTE FUNCTION {self.function}({args})"
        )


_PG_TRIGGERS = (
    _PgTrigger("audit_append_only", "audit", "UPDATE OR DELETE", True, "keputusan_refuse", APPEND_ONLY, 27),
    _PgTrigger("audit_no_truncate", "audit", "TRUNCATE", False, "keputusan_refuse", APPEND_ONLY, 34),
    _PgTrigger("nomor_never_deleted", "nomor", "DELETE", True, "keputusan_refuse", NEVER_DELETED, 11),
    _PgTrigger("nomor_only_void", "nomor", "UPDATE", True, "keputusan_only_void", None, 19),
    _PgTrigger("nomor_no_truncate", "nomor", "TRUNCATE", False, "keputusan_refuse", NEVER_DELETED, 34),
    _PgTrigger("nomor_insert_check", "nomor", "INSERT", True, "keputusan_new_number", None, 7),
    _PgTrigger("audit_insert_check", "audit", "INSERT", True, "keputusan_new_audit", None, 7),
)
# Triggers a register of format 1 (chained, by the version before) lacks: `number setup` adds them.
_NEW_IN_FORMAT_2 = frozenset({"nomor_insert_state", "nomor_insert_check", "audit_insert_check"})
_ENABLED = ("O", "A")  # pg_trigger.tgenabled: fires in ordinary sessions ('A': always)
_PG_OLD_TRIGGERS = (("audit_append_only", "audit"), ("nomor_never_deleted", "nomor"))
_PG_TRIGGER_STATE = """SELECT c.relname, t.tgname, t.tgenabled, t.tgtype, p.proname, p.prosrc, t.tgargs,
        t.tgqual IS NULL, t.tgattr::text
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
    WHERE t.tgrelid IN (to_regclass('nomor'), to_regclass('audit')) AND NOT t.tgisinternal"""
_PG_CHAIN_LOCK = "pg_advisory_xact_lock(hashtext('keputusan-chain/' || coalesce(current_schema(), '')))"
# The triggers' state as one SHA-256, which a writer compares with the one expected
# (a fast path: when they differ, the detailed query above says what is wrong).
_PG_TRIGGER_PRINT = """SELECT encode(sha256(convert_to(coalesce(string_agg(concat_ws('|', c.relname,
        t.tgname, t.tgenabled, t.tgtype, p.proname, p.prosrc, encode(t.tgargs, 'hex'), t.tgqual IS NULL,
        t.tgattr::text), chr(10) ORDER BY c.relname COLLATE "C", t.tgname COLLATE "C"), ''), 'UTF8')), 'hex')
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
    WHERE t.tgrelid IN (to_regclass('nomor'), to_regclass('audit')) AND NOT t.tgisinternal"""


def _expected_trigger_print() -> str:
    lines = [
        "|".join(
            [
                t.table,
                t.name,
                "O",
                str(t.tgtype),
                t.function,
                f" {_PG_FUNCTIONS[t.function]} ",  # as _pg_function writes it between the $$
                ((t.arg or "") + "\0").encode("utf-8").hex() if t.arg else "",
                "t",
                "",
            ]
        )
        for t in sorted(_PG_TRIGGERS, key=lambda t: (t.table, t.name))
    ]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _pg_function(name: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ {_PG_FUNCTIONS[name]} $$"
    )


def _words(text: str) -> str:
    return " ".join(text.split())


def _same_sql(found: str, expected: str) -> bool:
    """The same statement, whitespace aside (compared as written first: the usual case, and fast)."""
    return found == expected or _words(found) == _words(expected)


def who() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no login name on some service accounts
        user = "?"
    return _CONTROL.sub("?", f"{user}@{socket.gethostname()}")[:TEXT_LIMIT]


def _stamp(moment: dt.datetime) -> str:
    """A row's time as stored: UTC, to the second, ISO 8601."""
    return moment.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()


def _now() -> str:
    return _stamp(dt.datetime.now(dt.timezone.utc))


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def sqlite_path(url: str) -> Path:
    """The file of an SQLite register given as a path or ``sqlite:///path``."""
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else Path(url)


class Register:
    """A connection to one register (``sqlite:///path``, a file path, or ``postgresql://...``).

    Only with ``create`` is a missing register created (``created`` then says
    so); otherwise a missing one is an error naming where it was looked for.
    """

    def __init__(self, url: str, create: bool = False) -> None:
        self.url = url
        self.postgres = is_postgres(url)
        self.shown = safe_url(url) if self.postgres else str(sqlite_path(url))
        self.created = False
        self.upgraded: Optional[int] = None  # audit rows chained when an earlier register was upgraded
        self.upgrade_findings: list[Finding] = []  # what an upgrade found the earlier log cannot explain
        self.format_added: list[str] = []  # setup: what it added to a register of format 1
        self._chain = True  # off only in bench/bench_register.py's baseline measurement
        self._current = False  # the register is known to be chained and of the current format
        self._format: Optional[int] = None
        self._checked = False  # SQLite: quick_check passed on this connection
        self._clock: Optional[str] = None  # PostgreSQL: the server's now() in the open transaction
        self._conn: Any = None
        try:
            with self._errors():
                if self.postgres:
                    self._conn = self._connect_postgres()
                    self._ph = "%s"
                else:
                    self._conn = self._connect_sqlite(create)
                    self._ph = "?"
                if not self._has_tables():
                    if not create:
                        raise RegisterError("register_missing", url=self.shown)
                    self._create()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- connecting

    def _connect_postgres(self) -> Any:
        unescaped = _unescaped(self.url)
        if unescaped is not None:
            char, written = unescaped
            raise RegisterError("register_url_unescaped", url=self.shown, char=char, written=written)
        try:
            import psycopg
        except ImportError:
            raise RegisterError("postgres_driver_missing") from None
        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=15)
        except psycopg.OperationalError as exc:
            detail = mask_secrets(_one_line(str(exc)), self.url)
            raise RegisterError("register_server_unreachable", url=self.shown, detail=detail) from None
        except (psycopg.Error, ValueError) as exc:  # a URL libpq cannot parse (its message quotes it)
            detail = mask_secrets(_one_line(str(exc)), self.url)
            raise RegisterError("register_bad_url", url=self.shown, detail=detail) from None

    def _connect_sqlite(self, create: bool) -> sqlite3.Connection:
        path = sqlite_path(self.url)
        if path.is_dir():
            raise RegisterError("register_is_folder", url=self.shown)
        try:
            info = path.stat()
        except OSError:
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):  # /dev/null, a pipe: SQLite would
            raise RegisterError("register_not_a_file", url=self.shown)  # write a journal beside it
        if info is not None and info.st_size == 0 and not create:  # SQLite would make it a database
            raise RegisterError("register_empty_file", url=self.shown)
        if not path.exists():
            if not create:
                raise RegisterError("register_missing", url=self.shown)
            if not path.parent.is_dir():
                raise RegisterError("register_folder_missing", url=self.shown, folder=str(path.parent))
        mode = "rwc" if create else "rw"
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=60, isolation_level=None
        )
        try:
            conn.execute("PRAGMA busy_timeout = 60000")
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as exc:
                if _sqlite_kind(exc) != "register_read_only":
                    raise  # a read-only register can still be read
            conn.execute("PRAGMA synchronous = FULL")
        except BaseException:
            conn.close()
            raise
        return conn

    def _has_tables(self) -> bool:
        if self.postgres:
            row = self._execute(
                "SELECT to_regclass('nomor') IS NOT NULL AND to_regclass('audit') IS NOT NULL"
            )
            return bool(row.fetchone()[0])
        found = self._execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('nomor', 'audit')"
        ).fetchone()[0]
        return int(found) == 2

    def _create(self) -> None:
        with self._transaction():
            self._chain_lock()
            if self._has_tables():  # another process made it meanwhile
                return
            for statement in (_NOMOR, _INDEX, _AUDIT.format(id="BIGINT" if self.postgres else "INTEGER")):
                self._execute(statement)
            self._mark()
            self._create_triggers()
            self.created = True
            self._current = True

    def _mark(self) -> None:
        """Mark the register as chained, of the current format (see :meth:`_format_now`)."""
        self._execute(_INFO)
        self._execute("DELETE FROM keputusan_info WHERE nama = 'format'")
        self._execute("INSERT INTO keputusan_info (nama, nilai) VALUES ('format', ?)", (str(FORMAT),))
        if self.postgres:  # the format is no secret; every role may read it
            self._execute("GRANT SELECT ON keputusan_info TO PUBLIC")
        self._format = FORMAT

    def _create_triggers(self) -> None:
        if self.postgres:
            for name in _PG_FUNCTIONS:
                self._execute(_pg_function(name))
            for trigger in _PG_TRIGGERS:
                self._drop_trigger(trigger.name, trigger.table)
                self._execute(trigger.create())
            return
        for name, sql in _SQLITE_TRIGGERS.items():
            self._drop_trigger(name, _SQLITE_TRIGGER_TABLES[name])
            self._execute(sql)

    def _drop_trigger(self, name: str, table: str) -> None:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise RegisterError("register_failed", url=self.shown, detail=f"trigger name {name!r}")
        self._execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if self.postgres else ""))

    # ----------------------------------------------------------------- plumbing

    def _execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        if self._ph != "?":
            sql = sql.replace("?", self._ph)
        return self._conn.execute(sql, params) if params else self._conn.execute(sql)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One writer at a time: SQLite's IMMEDIATE lock, or a PostgreSQL transaction (see _chain_lock)."""
        if self.postgres:
            self._clock = None
            try:
                with self._conn.transaction():
                    yield
            finally:
                self._clock = None
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _chain_lock(self) -> None:
        """PostgreSQL: the one lock every writer of this register's chain holds until it commits,
        and the server's clock, which every row this transaction writes carries."""
        if self.postgres:
            row = self._execute(f"SELECT {_PG_CHAIN_LOCK}, now()").fetchone()
            self._clock = _stamp(row[1])

    def _lock_and_check(self) -> list[Finding]:
        """PostgreSQL: check the triggers, take the chain lock and read the clock, in one round trip.

        The check comes first in the statement, so that writers do not queue
        behind it. (A trigger disabled right after the check protects nothing
        this transaction relies on; the next command and ``verify`` find it.)
        """
        row = self._execute(f"SELECT ({_PG_TRIGGER_PRINT}), {_PG_CHAIN_LOCK}, now()").fetchone()
        self._clock = _stamp(row[2])
        return [] if row[0] == _PG_EXPECTED_PRINT else self._trigger_findings()

    def _time(self) -> str:
        """The time a row written now carries: the server's on PostgreSQL (a trigger checks it),
        the computer's on SQLite."""
        if not self.postgres:
            return _now()
        if self._clock is None:
            self._clock = _stamp(self._execute("SELECT now()").fetchone()[0])
        return self._clock

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Database failures as register errors that name the register and what to do."""
        try:
            yield
        except RegisterError:
            raise
        except sqlite3.Error as exc:
            raise RegisterError(_sqlite_kind(exc), url=self.shown, detail=str(exc)) from None
        except Exception as exc:
            if not type(exc).__module__.startswith("psycopg"):
                raise
            raise RegisterError(
                _postgres_kind(exc), url=self.shown, detail=_postgres_detail(exc, self.url)
            ) from None

    @contextmanager
    def _write(self) -> Iterator[None]:
        """A writing transaction: the trigger check and the chain lock. A register of an earlier
        version is refused: only ``setup`` upgrades it.

        The triggers are checked as the transaction starts, before its lock is
        held (SQLite: a read just before ``BEGIN IMMEDIATE``), so that writers do
        not queue behind the check.
        """
        with self._errors():
            check = self._chain and self._current
            findings = self._sqlite_trigger_findings() if check and not self.postgres else []
            with self._transaction():
                if check and self.postgres:
                    findings = self._lock_and_check()
                else:
                    self._chain_lock()
                if not self.postgres and not self._checked:
                    self._quick_check()
                if not self._current:
                    self._require_chained()
                    findings = self._trigger_findings() if self._chain else []
                    self._current = True
                if findings:
                    raise RegisterError("register_unprotected", url=self.shown, findings=findings)
                yield

    def _quick_check(self) -> None:
        """SQLite: refuse to write into a damaged file (its damage would only spread)."""
        result = [row[0] for row in self._execute("PRAGMA quick_check").fetchall()]
        if result != ["ok"]:
            raise RegisterError("register_corrupt", url=self.shown, detail="; ".join(result[:3]))
        self._checked = True

    def _one(self, where: str, params: tuple[Any, ...]) -> Optional[Entry]:
        row = self._execute(f"SELECT {COLUMNS} FROM nomor WHERE {where}", params).fetchone()
        return Entry(*row) if row else None

    def _insert(self, e: Entry) -> None:
        self._execute(f"INSERT INTO nomor ({COLUMNS}) VALUES ({', '.join('?' * 12)})", e.values())

    # ----------------------------------------------------------------- the chain

    def _head(self) -> Optional[AuditRecord]:
        """The last audit row: the one the next row chains to."""
        last = self._execute(f"SELECT {AUDIT_COLUMNS} FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        return AuditRecord(*last) if last else None

    def _next_number(self, agency: str, tahun: int, start: int) -> tuple[int, Optional[AuditRecord]]:
        """The next running number of ``agency`` in ``tahun`` and the chain's head, read in one
        statement (one round trip to a server).

        The next number follows the highest number of the year, but a number recorded by hand
        and then voided (a typo, such as 800/11990 for 800/1199) does not push it: it is only
        skipped when the count reaches it.
        """
        counted = f"agency = ? AND tahun = ? AND (status <> '{VOID}' OR kunci IS NOT NULL)"
        numbers = (
            f"(SELECT MAX(urut) FROM nomor WHERE {counted}), "
            "(SELECT MAX(urut) FROM nomor WHERE agency = ? AND tahun = ?)"
        )
        if not self._chain:
            row = self._execute(f"SELECT {numbers}", (agency, tahun, agency, tahun)).fetchone()
            head = None
        else:
            row = self._execute(
                f"SELECT {numbers}, a.* FROM (SELECT 1 AS one) d "
                f"LEFT JOIN (SELECT {AUDIT_COLUMNS} FROM audit ORDER BY id DESC LIMIT 1) a ON 1 = 1",
                (agency, tahun, agency, tahun),
            ).fetchone()
            head = AuditRecord(*row[2:]) if row[2] is not None else None
        urut = max(start, (row[0] or 0) + 1)
        if (row[1] or 0) >= urut:  # a voided hand-recorded number above: skip every number present
            present = {
                r[0]
                for r in self._execute(
                    "SELECT urut FROM nomor WHERE agency = ? AND tahun = ? AND urut >= ?",
                    (agency, tahun, urut),
                ).fetchall()
            }
            while urut in present:
                urut += 1
        return urut, head

    def _append(
        self,
        aksi: str,
        agency: str,
        nomor: str,
        oleh: str,
        state: Optional[Entry],
        previous: Any = _READ,
        **rincian: Any,
    ) -> None:
        """Append an audit row carrying the digest of ``state``, chained to ``previous``
        (the head read with the caller's last query, else read now)."""
        detail = json.dumps(rincian, ensure_ascii=False, sort_keys=True)
        if not self._chain:
            self._execute(
                f"INSERT INTO audit ({AUDIT_COLUMNS}) VALUES "
                "((SELECT COALESCE(MAX(id), 0) + 1 FROM audit), ?, ?, ?, ?, ?, ?, '', '')",
                (self._time(), oleh, aksi, agency, nomor, detail),
            )
            return
        if previous is _READ:
            previous = self._head()
        record = AuditRecord(
            previous.id + 1 if previous else 1,
            self._time(),
            oleh,
            aksi,
            agency,
            nomor,
            detail,
            previous.digest() if previous else GENESIS,
            state.digest() if state else "",
        )
        self._execute(
            f"INSERT INTO audit ({AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            record.values(),
        )

    def _chained(self) -> bool:
        """Whether the audit has the hash columns (registers of earlier versions have not)."""
        return set(_HASH_COLUMNS) <= self._columns("audit")

    def _columns(self, table: str) -> set[str]:
        if self.postgres:
            return {
                row[0]
                for row in self._execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = current_schema() AND table_name = ?",
                    (table,),
                ).fetchall()
            }
        return {row[1] for row in self._execute(f"PRAGMA table_info({table})").fetchall()}

    def _has_info(self) -> bool:
        if self.postgres:
            return bool(self._execute("SELECT to_regclass('keputusan_info') IS NOT NULL").fetchone()[0])
        found = self._execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'keputusan_info'"
        ).fetchone()[0]
        return int(found) == 1

    def _format_now(self) -> int:
        """0: an earlier version's register (no hash chain); 1: chained, by the version before
        the marker; 2 (FORMAT): current."""
        if self._format is None:
            if not self._chained():
                self._format = 0
            elif not self._has_info():
                self._format = 1
            else:
                row = self._execute("SELECT nilai FROM keputusan_info WHERE nama = 'format'").fetchone()
                self._format = int(row[0]) if row and str(row[0]).isdigit() else 1
        return self._format

    def _downgraded(self) -> bool:
        """A register without hash columns that shows it had them: its marker, an entry only a
        chained register records, or (SQLite) an audit table whose ids were never AUTOINCREMENT,
        (PostgreSQL) never drawn from a sequence, as an earlier version's always were."""
        if self._has_info():
            return True
        marked = self._execute(
            "SELECT count(*) FROM audit WHERE aksi IN (?, ?)", (UPGRADE, REPAIR)
        ).fetchone()[0]
        if int(marked):
            return True
        if self.postgres:
            row = self._execute(
                "SELECT column_default FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = 'audit' AND column_name = 'id'"
            ).fetchone()
            return row is None or row[0] is None
        row = self._execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'audit'"
        ).fetchone()
        return row is None or "AUTOINCREMENT" not in str(row[0]).upper()

    def _require_chained(self) -> None:
        """Refuse to write into a register without its hash chain: an earlier version's is
        upgraded by ``setup`` only, one whose chain was removed is evidence."""
        if self._format_now() > 0:
            return
        if self._downgraded():
            raise RegisterError("register_downgraded", url=self.shown)
        raise RegisterError("register_needs_upgrade", url=self.shown)

    def _upgrade(self) -> int:
        """Bring a register of an earlier version under the chain; returns the audit rows chained.

        Runs inside setup's transaction: the earlier triggers are dropped, the hash
        columns added, the audit ids made consecutive (PostgreSQL sequences skip
        values on rollback), every row chained in order, and the last row of each
        number given that number's current digest. What the earlier log cannot
        explain is kept in :attr:`upgrade_findings` and in the upgrade entry. The
        new triggers and the marker are then created and an upgrade entry appended.
        """
        for name, table in _PG_OLD_TRIGGERS if self.postgres else _SQLITE_OLD_TRIGGERS:
            self._drop_trigger(name, table)
        for column in _HASH_COLUMNS:
            self._execute(f"ALTER TABLE audit ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
        rows = self._execute("SELECT id, agency, nomor, aksi FROM audit ORDER BY id").fetchall()
        entries = self._all_entries()
        self.upgrade_findings = _unexplained(entries, rows, gaps=not self.postgres)
        states = {(e.agency, e.nomor): e.digest() for e in entries}
        last_of = {(agency, nomor): position for position, (_, agency, nomor, _) in enumerate(rows)}
        previous = GENESIS
        for position, (old_id, agency, nomor, _) in enumerate(rows):
            new_id = position + 1  # ascending, so the new id is always free
            state = states.get((agency, nomor), "") if last_of[(agency, nomor)] == position else ""
            self._execute(
                "UPDATE audit SET id = ?, hash_prev = ?, hash_nomor = ? WHERE id = ?",
                (new_id, previous, state, old_id),
            )
            row = self._execute(f"SELECT {AUDIT_COLUMNS} FROM audit WHERE id = ?", (new_id,)).fetchone()
            previous = AuditRecord(*row).digest()
        self._mark()
        self._create_triggers()
        temuan = [{"kode": f.code, **f.params} for f in self.upgrade_findings]
        self._append(
            UPGRADE, "", "", who(), None, baris_audit=len(rows), jumlah_nomor=len(states), temuan=temuan
        )
        return len(rows)

    # ----------------------------------------------------------------- protection

    def _trigger_findings(self) -> list[Finding]:
        findings = self._pg_trigger_findings() if self.postgres else self._sqlite_trigger_findings()
        if self._format_now() < FORMAT:  # by the version before: setup adds what it lacks
            findings = [
                f
                for f in findings
                if not (f.code == "trigger_missing" and f.params["name"] in _NEW_IN_FORMAT_2)
            ]
            findings.insert(0, Finding("register_outdated", {"url": self.shown}))
        return findings

    def _sqlite_trigger_findings(self) -> list[Finding]:
        found = {
            name: (table, sql)
            for name, table, sql in self._execute(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
            ).fetchall()
        }
        findings = []
        for name, sql in _SQLITE_TRIGGERS.items():
            table = _SQLITE_TRIGGER_TABLES[name]
            if name not in found:
                findings.append(Finding("trigger_missing", {"name": name, "table": table}))
            elif found[name][0] != table or not _same_sql(found[name][1] or "", sql):
                findings.append(Finding("trigger_changed", {"name": name, "table": table}))
        for name, (table, _) in found.items():
            if name not in _SQLITE_TRIGGERS and table in ("nomor", "audit"):
                findings.append(Finding("trigger_unexpected", {"name": name, "table": table}))
        return findings

    def _pg_trigger_findings(self, rows: Optional[list[Any]] = None) -> list[Finding]:
        if rows is None:
            rows = self._execute(_PG_TRIGGER_STATE).fetchall()
        found = {(row[0], row[1]): row[2:] for row in rows}
        findings = []
        for trigger in _PG_TRIGGERS:
            about = {"name": trigger.name, "table": trigger.table}
            state = found.get((trigger.table, trigger.name))
            if state is None:
                findings.append(Finding("trigger_missing", about))
                continue
            enabled, tgtype, function, source, args, no_condition, columns = state
            arg = bytes(args).split(b"\0")[0].decode("utf-8") if args else None
            if (
                tgtype != trigger.tgtype
                or function != trigger.function
                or not _same_sql(source, _PG_FUNCTIONS[trigger.function])
                or (arg or None) != trigger.arg
                or not no_condition
                or columns.strip()
            ):
                findings.append(Finding("trigger_changed", about))
            elif enabled not in _ENABLED:
                findings.append(Finding("trigger_disabled", about))
        expected = {(t.table, t.name) for t in _PG_TRIGGERS}
        for table, name in sorted(set(found) - expected):
            findings.append(Finding("trigger_unexpected", {"name": name, "table": table}))
        return findings

    def protection(self) -> list[Finding]:
        """What is wrong with the register's protection (nothing, when every trigger is in place)."""
        with self._errors():
            if self._format_now() == 0:
                return [self._unchained_finding()]
            return self._trigger_findings()

    def _unchained_finding(self) -> Finding:
        return Finding(
            "register_downgraded" if self._downgraded() else "register_not_chained", {"url": self.shown}
        )

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
        prepare: Optional[Callable[[Entry], None]] = None,
    ) -> tuple[Entry, bool]:
        """The next number of ``agency`` in ``tahun`` for decree ``kunci``; (entry, taken now).

        Taking again for the same decree returns the number it already has.
        ``prepare`` runs with the entry before anything is committed: when it
        raises, nothing is taken.
        """
        check_text(oleh, "--by")
        with self._write():
            existing = self._one("agency = ? AND kunci = ? AND status = ?", (agency, kunci, TAKEN))
            if existing is not None:
                if prepare is not None:
                    prepare(existing)
                return existing, False
            urut, head = self._next_number(agency, tahun, start)
            if urut > MAX_URUT:
                raise RegisterError("register_year_full", tahun=tahun, urut=urut, limit=MAX_URUT)
            nomor = pattern.format(klasifikasi=klasifikasi, urut=urut, tahun=tahun)
            entry = Entry(
                agency, tahun, urut, nomor, TAKEN, kunci, berkas, tanggal, oleh, self._time(), "", ""
            )
            if prepare is not None:
                prepare(entry)
            self._insert(entry)
            self._append(TAKE, agency, nomor, oleh, entry, head, berkas=berkas, tanggal=tanggal, kunci=kunci)
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
        far_ahead: bool = False,
        start: int = 1,
    ) -> Entry:
        """Register a number taken outside this tool (agenda book, SRIKANDI) so it is never handed out.

        A number more than FAR_AHEAD ahead of the year's highest (or of its
        ``start``) would push every later number: it needs ``far_ahead``.
        """
        check_urut(nomor, urut)
        check_year(tahun, str(tahun))
        check_text(oleh, "--by")
        check_text(catatan, "--note")
        if tanggal is not None:
            check_date(tanggal)
        with self._write():
            clash = self._one(
                "agency = ? AND (nomor = ? OR (tahun = ? AND urut = ?))", (agency, nomor, tahun, urut)
            )
            if clash is not None:
                raise RegisterError(
                    "number_exists",
                    nomor=clash.nomor,
                    status=clash.status,
                    oleh=printable(clash.oleh),
                    waktu=clash.waktu,
                )
            if not far_ahead:
                following = self._next_number(agency, tahun, start)[0]
                if urut - following >= FAR_AHEAD:
                    raise RegisterError(
                        "number_far_ahead", nomor=nomor, tahun=tahun, next=following, gap=urut - following
                    )
            entry = Entry(
                agency, tahun, urut, nomor, RECORDED, None, None, tanggal, oleh, self._time(), catatan, ""
            )
            self._insert(entry)
            self._append(RECORD, agency, nomor, oleh, entry, catatan=catatan)
        return entry

    def void(self, agency: str, nomor: str, oleh: str, alasan: str) -> Entry:
        """Cancel a number. It stays in the register and is never handed out again.

        The only change a number row accepts: its status becomes ``batal`` with a reason.
        """
        if not alasan.strip():
            raise RegisterError("void_needs_reason", nomor=printable(nomor))
        check_text(oleh, "--by")
        check_text(alasan, "--reason")
        with self._write():
            entry = self._one("agency = ? AND nomor = ?", (agency, nomor))
            if entry is None:
                raise RegisterError("number_unknown", nomor=printable(nomor))
            if entry.status == VOID:
                raise RegisterError("number_already_void", nomor=nomor, alasan=printable(entry.alasan_batal))
            self._execute(
                "UPDATE nomor SET status = ?, alasan_batal = ? WHERE agency = ? AND nomor = ?",
                (VOID, alasan, agency, nomor),
            )
            voided = dataclasses.replace(entry, status=VOID, alasan_batal=alasan)
            self._append(CANCEL, agency, nomor, oleh, voided, alasan=alasan, status_sebelumnya=entry.status)
        return voided

    def setup(self, grant: Optional[str] = None) -> list[str]:
        """Make the register current and protected; returns the triggers that had to be restored.

        Run by the owner of a PostgreSQL register; ``grant`` gives an application
        role exactly what the tool needs: read, take, record and void. The one
        command that upgrades an earlier version's register; it refuses one whose
        hash chain was removed.
        """
        if grant is not None and not self.postgres:
            raise RegisterError("grant_postgres_only")
        with self._errors(), self._transaction():
            self._chain_lock()
            self._format = None
            if self._format_now() == 0:
                if self._downgraded():
                    raise RegisterError("register_downgraded", url=self.shown)
                self.upgraded = self._upgrade()
            findings = self._pg_trigger_findings() if self.postgres else self._sqlite_trigger_findings()
            if self._format_now() < FORMAT:  # chained by the version before: add what it lacks
                self.format_added = sorted(
                    f.params["name"]
                    for f in findings
                    if f.code == "trigger_missing" and f.params["name"] in _NEW_IN_FORMAT_2
                )
                findings = [f for f in findings if f.params["name"] not in self.format_added]
                self._mark()
                self._create_triggers()
                self._append(UPGRADE, "", "", who(), None, format=FORMAT, pemicu=self.format_added)
            for finding in findings:
                if finding.code == "trigger_unexpected":
                    self._drop_trigger(finding.params["name"], finding.params["table"])
            broken = sorted({f.params["name"] for f in findings})
            if broken:
                self._create_triggers()
                self._append(REPAIR, "", "", who(), None, pemicu=broken)
            if grant is not None:
                self._grant(grant)
            self._current = False  # the next write checks the register afresh
        return broken

    def _grant(self, role: str) -> None:
        from psycopg import sql

        name = sql.Identifier(role)
        schema = self._execute("SELECT current_schema()").fetchone()[0]
        self._conn.execute(sql.SQL("REVOKE ALL ON nomor, audit, keputusan_info FROM {}").format(name))
        self._conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), name))
        self._conn.execute(sql.SQL("GRANT SELECT, INSERT ON nomor, audit TO {}").format(name))
        self._conn.execute(sql.SQL("GRANT UPDATE (status, alasan_batal) ON nomor TO {}").format(name))
        self._conn.execute(sql.SQL("GRANT SELECT ON keputusan_info TO {}").format(name))

    def find(self, agency: str, nomor: str) -> Optional[Entry]:
        with self._errors():
            return self._one("agency = ? AND nomor = ?", (agency, nomor))

    def before(self, agency: str, tahun: int, urut: int) -> Optional[Entry]:
        """The number of ``tahun`` just below ``urut`` that is in force and dated, if any."""
        with self._errors():
            return self._one(
                "agency = ? AND tahun = ? AND urut < ? AND status IN (?, ?) AND tanggal IS NOT NULL "
                "ORDER BY urut DESC LIMIT 1",
                (agency, tahun, urut, TAKEN, RECORDED),
            )

    def entries(self, agency: str, tahun: Optional[int] = None) -> list[Entry]:
        where, params = (
            ("agency = ?", (agency,)) if tahun is None else ("agency = ? AND tahun = ?", (agency, tahun))
        )
        with self._errors():
            rows = self._execute(
                f"SELECT {COLUMNS} FROM nomor WHERE {where} ORDER BY tahun, urut", params
            ).fetchall()
        return [Entry(*row) for row in rows]

    def _all_entries(self) -> list[Entry]:
        return [Entry(*row) for row in self._execute(f"SELECT {COLUMNS} FROM nomor").fetchall()]

    def audit(self, agency: Optional[str] = None) -> list[AuditRecord]:
        """The audit rows of ``agency`` (every row, register events included, when None)."""
        where, params = ("", ()) if agency is None else ("WHERE agency = ?", (agency,))
        with self._errors():
            rows = self._execute(f"SELECT {AUDIT_COLUMNS} FROM audit {where} ORDER BY id", params).fetchall()
        return [AuditRecord(*row) for row in rows]

    # ----------------------------------------------------------------- verification

    def verify(self, head: Optional[str] = None) -> Verification:
        """Walk the chain and compare every number row with its last audit row.

        With ``head`` (a chain head noted earlier, or its first 16 or more
        characters), also check that it is still an entry of the chain:
        :attr:`Verification.noted` is that entry's id.
        """
        with self._errors():
            if not self.postgres:
                self._quick_check()  # a damaged file is reported as damaged, not walked as intact
            self._format = None
            if self._format_now() == 0:
                return Verification([self._unchained_finding()], 0, 0, "")
            findings = self._trigger_findings()
            rows = [
                AuditRecord(*row)
                for row in self._execute(f"SELECT {AUDIT_COLUMNS} FROM audit ORDER BY id").fetchall()
            ]
            entries = self._all_entries()
        chain = _walk(rows, findings)
        findings += _compare_numbers(entries, chain)
        noted = None
        if head is not None:
            noted = next((i for digest, i in chain.digests if digest.startswith(head.lower())), None)
            if noted is None:
                findings.append(Finding("head_not_in_chain", {"head": head}))
        return Verification(findings, len(rows), len(entries), chain.head, noted)


@dataclass
class _Chain:
    head: str = GENESIS
    last: dict[tuple[str, str], AuditRecord] = field(default_factory=dict)  # each number's last row
    first: dict[tuple[str, str], AuditRecord] = field(default_factory=dict)  # each number's first row
    digests: list[tuple[str, int]] = field(default_factory=list)  # (digest, id) of every row
    upgraded_at: int = 0  # the id of the entry that upgraded an earlier version's register


def _walk(rows: list[AuditRecord], findings: list[Finding]) -> _Chain:
    """Check ids and links of the chain; returns its head and the first and last row recording
    each number."""
    chain = _Chain()
    expected_id, previous_id = 1, 0
    for row in rows:
        if row.id > expected_id:
            findings.append(Finding("audit_rows_missing", {"first": expected_id, "last": row.id - 1}))
        elif row.id < expected_id:
            findings.append(Finding("audit_id_unexpected", {"id": row.id}))
        elif row.hash_prev != chain.head:
            findings.append(Finding("audit_chain_broken", {"id": row.id, "prev": previous_id}))
        expected_id, previous_id, chain.head = row.id + 1, row.id, row.digest()
        chain.digests.append((chain.head, row.id))
        if row.aksi == UPGRADE and not row.agency and '"baris_audit"' in row.rincian:
            chain.upgraded_at = row.id
        if row.agency or row.nomor:
            chain.first.setdefault((row.agency, row.nomor), row)
        if row.hash_nomor:
            chain.last[(row.agency, row.nomor)] = row
    return chain


def _compare_numbers(entries: list[Entry], chain: _Chain) -> list[Finding]:
    """Every number row against its last audit row: the same digest, and an action and details
    that describe it (an entry appended by hand with a matching digest but another story is
    found); a number's first entry is a take or a record. Entries from before the upgrade of an
    earlier version's register are taken as the upgrade found them (it reported what they do
    not explain)."""
    findings = []
    last_state = dict(chain.last)
    for entry in sorted(entries, key=lambda e: (e.agency, e.tahun, e.urut)):
        about = {"nomor": entry.nomor, "agency": entry.agency}
        record = last_state.pop((entry.agency, entry.nomor), None)
        first = chain.first.get((entry.agency, entry.nomor))
        if record is None:
            findings.append(Finding("number_unaudited", about))
        elif record.hash_nomor != entry.digest():
            findings.append(Finding("number_changed", {**about, "id": record.id}))
        elif record.id < chain.upgraded_at:
            continue
        elif not _describes(record, entry):
            findings.append(Finding("audit_detail_mismatch", {**about, "id": record.id}))
        elif first is not None and first.aksi not in (TAKE, RECORD) and first.id > chain.upgraded_at:
            findings.append(Finding("audit_first_not_new", {**about, "id": first.id, "aksi": first.aksi}))
    for (agency, nomor), record in sorted(last_state.items()):
        findings.append(Finding("number_deleted", {"nomor": nomor, "agency": agency, "id": record.id}))
    return findings


_DETAILS = {
    TAKE: {"berkas": "berkas", "tanggal": "tanggal", "kunci": "kunci"},
    RECORD: {"catatan": "catatan"},
    CANCEL: {"alasan": "alasan_batal"},
}


def _describes(record: AuditRecord, entry: Entry) -> bool:
    """Whether an audit row's action and details say what the number row is."""
    if _STATUS_AFTER.get(record.aksi) != entry.status:
        return False
    try:
        detail = json.loads(record.rincian)
    except ValueError:
        return False
    if not isinstance(detail, dict):
        return False
    return all(
        detail[key] == getattr(entry, column)
        for key, column in _DETAILS[record.aksi].items()
        if key in detail  # an earlier version's entries may lack a detail
    )


def _unexplained(entries: list[Entry], rows: list[Any], gaps: bool) -> list[Finding]:
    """What an earlier version's audit log (rows of id, agency, nomor, aksi) cannot explain: a
    number whose state is not what its last entry left, a number without an entry, an entry
    of a number that is gone, and (``gaps``: SQLite, whose AUTOINCREMENT ids never skip) ids
    missing from the log."""
    findings = []
    last: dict[tuple[str, str], tuple[int, str]] = {}
    expected = 1
    for row_id, agency, nomor, aksi in rows:
        if gaps and row_id > expected:
            findings.append(Finding("audit_rows_missing", {"first": expected, "last": row_id - 1}))
        expected = max(expected, row_id + 1)
        if aksi in _STATUS_AFTER:
            last[(agency, nomor)] = (row_id, aksi)
    for entry in sorted(entries, key=lambda e: (e.agency, e.tahun, e.urut)):
        about = {"nomor": entry.nomor, "agency": entry.agency}
        found = last.pop((entry.agency, entry.nomor), None)
        if found is None:
            findings.append(Finding("number_unaudited", about))
        elif _STATUS_AFTER[found[1]] != entry.status:
            findings.append(
                Finding(
                    "upgrade_state_mismatch",
                    {**about, "status": entry.status, "aksi": found[1], "id": found[0]},
                )
            )
    for (agency, nomor), (row_id, _) in sorted(last.items()):
        findings.append(Finding("number_deleted", {"nomor": nomor, "agency": agency, "id": row_id}))
    return findings


def _sqlite_kind(exc: sqlite3.Error) -> str:
    """The message code for an SQLite failure."""
    name = str(getattr(exc, "sqlite_errorname", ""))
    text = str(exc).lower()
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return "register_read_only"
    if (
        name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
        or "malformed" in text
        or "not a database" in text
    ):
        return "register_corrupt"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return "register_busy"
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return "register_cannot_open"
    return "register_failed"


def _postgres_kind(exc: Exception) -> str:
    state = str(getattr(exc, "sqlstate", "") or "")
    if state == "42501":
        return "register_needs_setup"
    if state.startswith("08") or state.startswith("57P") or not state:
        return "register_server_unreachable"
    return "register_failed"


def _postgres_detail(exc: Exception, url: str) -> str:
    diag = getattr(exc, "diag", None)
    return mask_secrets(_one_line(getattr(diag, "message_primary", None) or str(exc)), url)


def _one_line(text: str) -> str:
    """A driver's message, its lines and tabs joined into one line, without a final full stop."""
    return " ".join(text.split()).rstrip(".")


def _pause_for_tests() -> None:
    """Tests kill a taker here, inside the transaction, to prove a crash leaves no trace."""
    marker = os.environ.get("KEPUTUSAN_TEST_PAUSE_IN_TAKE")
    if marker:
        Path(marker).write_text("in take")
        time.sleep(30)


_QUERY_ITEM = re.compile(r"([?&])([^=&#]*)=([^&#]*)")
_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)([^:@/?#]*):(.*)@")


def _secret_key(key: str) -> bool:
    """A query key that carries a password (``password``, ``sslpassword``), however percent-encoded:
    libpq decodes ``pass%77ord`` to ``password``."""
    return unquote(key).strip().lower().endswith("password")


def _mask_query(url: str) -> str:
    return _QUERY_ITEM.sub(
        lambda m: f"{m.group(1)}{m.group(2)}=***" if _secret_key(m.group(2)) else m.group(0), url
    )


def safe_url(url: str) -> str:
    """The URL without passwords (``user:***@host``, ``?password=***``), for messages."""
    return _USERINFO.sub(r"\1\2:***@", _mask_query(url), count=1)


def _secrets(url: str) -> list[str]:
    found = [m.group(3) for m in _QUERY_ITEM.finditer(url) if _secret_key(m.group(2))]
    userinfo = _USERINFO.match(_mask_query(url))
    if userinfo:
        found.append(userinfo.group(3))
    found += [unquote(s) for s in found]
    return sorted({s for s in found if s and s != "***"}, key=len, reverse=True)


def _unescaped(url: str) -> Optional[tuple[str, str]]:
    """A character libpq would take for the end of the password: (it, how to write it).

    libpq ends the user name and password at the first ``@`` (before any
    ``/``), so ``user:Rahasia@Balangan2024@server`` is read as the host
    ``Balangan2024@server`` (which its message then quotes), and a ``/`` ends
    the whole user part.
    """
    scheme, _, rest = url.partition("://")
    before_query = rest.split("?", 1)[0]
    userinfo = _USERINFO.match(f"{scheme}://{before_query}")
    secret = userinfo.group(3) if userinfo else ""
    if "@" in secret or before_query.split("/", 1)[0].count("@") > 1:
        return "@", "%40"
    if "/" in secret:
        return "/", "%2F"
    return None


def mask_secrets(text: str, url: str) -> str:
    """``text`` (a driver's message) with the URL and any password in it masked."""
    text = text.replace(url, safe_url(url))
    for secret in _secrets(url):
        text = text.replace(secret, "***")
    return text


_PG_EXPECTED_PRINT = _expected_trigger_print()
