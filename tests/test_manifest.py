"""The archive manifest: a hash chain that shows every edit, damage reported by line, one writer at a time."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from keputusan import manifest

RECORD = {
    "aksi": "simpan",
    "nomor": "800/1199/Kpts/Ka/BKPSDM/2023",
    "tahun": 2023,
    "tanggal": "2023-09-22",
    "tentang": "PENYESUAIAN",
    "berkas": "2023/800_1199_Kpts_Ka_BKPSDM_2023.pdf",
    "sha256": "0" * 64,
    "waktu": "2023-09-23T01:00:00+00:00",
}


def write_chain(path: Path, count: int = 3) -> list[bytes]:
    lines, head = [], manifest.GENESIS
    for n in range(count):
        raw = manifest.encode({**RECORD, "nomor": f"800/{n}/Kpts/2023"}, head)
        manifest.append(path, raw)
        lines.append(raw)
        head = manifest.line_hash(raw)
    return lines


def test_a_chain_reads_clean_and_its_head_is_the_last_line(tmp_path: Path) -> None:
    path = tmp_path / "manifest.jsonl"
    lines = write_chain(path)
    reading = manifest.read(path)
    assert reading.damage == [] and len(reading.entries) == 3
    assert reading.head == manifest.line_hash(lines[-1])
    assert [r["nomor"] for r in reading.records] == ["800/0/Kpts/2023", "800/1/Kpts/2023", "800/2/Kpts/2023"]


def test_an_edited_line_breaks_the_chain_at_the_next_line(tmp_path: Path) -> None:
    path = tmp_path / "manifest.jsonl"
    write_chain(path)
    text = path.read_text(encoding="utf-8").replace('"sha256": "' + "0" * 64, '"sha256": "' + "1" * 64, 1)
    path.write_text(text, encoding="utf-8")
    assert [(d.code, d.line) for d in manifest.read(path).damage] == [("archive_chain_broken", 2)]


@pytest.mark.parametrize(
    "change, code, line",
    [
        (lambda ls: ls[:1] + ls[2:], "archive_chain_broken", 2),  # a line deleted
        (lambda ls: ls[:1] + [ls[0]] + ls[1:], "archive_chain_broken", 2),  # a line inserted (copied)
        (lambda ls: ls[:1] + [b"{not json\n"] + ls[1:], "archive_line_damaged", 2),
        (lambda ls: ls[:1] + [b"\xff\xfe\n"] + ls[1:], "archive_line_damaged", 2),
        (lambda ls: ls + [ls[0][:40]], "archive_line_torn", 4),  # a crash while appending
    ],
    ids=["deleted", "inserted", "garbage", "not-utf8", "torn"],
)
def test_damage_is_reported_with_its_line(tmp_path: Path, change, code: str, line: int) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "manifest.jsonl"
    lines = write_chain(path)
    path.write_bytes(b"".join(change(lines)))
    damage = manifest.read(path).damage
    assert (damage[0].code, damage[0].line) == (code, line), damage


def test_records_with_missing_keys_or_paths_outside_are_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "manifest.jsonl"
    head = manifest.GENESIS
    for record in (
        {k: v for k, v in RECORD.items() if k != "sha256"},
        {**RECORD, "berkas": "../../../../etc/hostname"},
        {**RECORD, "berkas": "2023"},
        {**RECORD, "tahun": "2023"},
        {**RECORD, "aksi": "hapus"},
        [1, 2, 3],
    ):
        raw = (
            (json.dumps(record) + "\n").encode()
            if isinstance(record, list)
            else manifest.encode(record, head)
        )
        manifest.append(path, raw)
        head = manifest.line_hash(raw)
    reading = manifest.read(path)
    assert reading.entries == []
    assert [d.code for d in reading.damage] == [
        "archive_line_incomplete",
        "archive_path_outside",
        "archive_path_outside",
        "archive_line_incomplete",
        "archive_line_unknown",
        "archive_line_damaged",
    ]


def test_the_lock_admits_one_writer_at_a_time(tmp_path: Path) -> None:
    """Processes that each read the last line, wait, then append under the lock never fork the chain."""
    path = tmp_path / "manifest.jsonl"
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from keputusan import manifest
        path = Path({str(path)!r})
        with manifest.locked(path.parent):
            head = manifest.read(path).head
            time.sleep(0.05)
            manifest.append(path, manifest.encode({{"aksi": "perbaikan", "waktu": sys.argv[1]}}, head))
        """
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, str(n)]) for n in range(8)]
    assert [p.wait(timeout=60) for p in procs] == [0] * 8
    reading = manifest.read(path)
    assert reading.damage == [] and len(reading.entries) == 8


def test_a_held_lock_times_out(tmp_path: Path) -> None:
    with manifest.locked(tmp_path):
        script = (
            "import sys\nfrom pathlib import Path\nfrom keputusan import manifest\n"
            f"try:\n    with manifest.locked(Path({str(tmp_path)!r}), wait=0.2): pass\n"
            "except manifest.LockTimeout:\n    sys.exit(3)\n"
        )
        assert subprocess.run([sys.executable, "-c", script]).returncode == 3


def test_lines_from_before_the_chain_are_accepted_only_at_the_start(tmp_path: Path) -> None:
    path = tmp_path / "manifest.jsonl"
    legacy = [(json.dumps({**RECORD, "nomor": f"800/{n}/Lama/2022"}) + "\n").encode() for n in range(2)]
    path.write_bytes(b"".join(legacy))
    chained = manifest.encode(RECORD, manifest.line_hash(legacy[-1]))
    manifest.append(path, chained)
    reading = manifest.read(path)
    assert reading.damage == [] and reading.legacy == 2 and len(reading.entries) == 3
    path.write_bytes(b"".join(legacy) + chained + legacy[0])  # an unchained line after the chain began
    assert [(d.code, d.line) for d in manifest.read(path).damage] == [("archive_chain_broken", 4)]
    changed = legacy[1].replace(b"800/1/Lama", b"800/9/Lama")
    path.write_bytes(legacy[0] + changed + chained)  # the line before the first chained line changed
    assert [(d.code, d.line) for d in manifest.read(path).damage] == [("archive_chain_broken", 3)]


def test_line_endings_turned_into_crlf_by_a_copy_keep_the_chain(tmp_path: Path) -> None:
    path = tmp_path / "manifest.jsonl"
    write_chain(path)
    head = manifest.read(path).head
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    reading = manifest.read(path)
    assert reading.damage == [] and len(reading.entries) == 3 and reading.head == head
    manifest.append(path, manifest.encode({**RECORD, "nomor": "800/9/Kpts/2023"}, reading.head))
    assert manifest.read(path).damage == []
