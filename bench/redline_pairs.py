"""Generated redline pairs for the benchmarks: a decree with one big indicator table, and a revision.

The decree is the seed's opening (title, menimbang, mengingat, diktum) with one lampiran holding a
single tabel_indikator of ``rows`` indicators, five to a sasaran, each row's texts drawn from a fixed
word list by a seeded generator (rows differ, as real ones do; the same ``rows`` gives the same text).
The revision changes a few words in three rows, inserts one row and deletes another: what a legal
reviewer's redline of a long IKU/IKI list shows.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "kpts-800-1199-2023-iku-iki.yaml"
PER_SASARAN = 5

WORDS = (
    "kinerja pegawai aparatur sipil negara pelayanan kepegawaian data informasi sistem merit "
    "kompetensi kualifikasi jabatan fungsional struktural pelaksana formasi pengadaan mutasi "
    "promosi pensiun disiplin penilaian capaian target realisasi anggaran laporan evaluasi "
    "monitoring pengembangan pelatihan sertifikasi talenta akuntabilitas transparansi survei "
    "kepuasan masyarakat aplikasi layanan digital dokumen arsip verifikasi validasi rekonsiliasi "
    "pemutakhiran indeks persentase jumlah rasio tingkat kualitas efektivitas efisiensi"
).split()


def _phrase(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _indicator(rng: random.Random, ident: str) -> str:
    """One indicator (one table row) as YAML, indented under its sasaran."""
    return (
        f"              - id: {ident}\n"
        f"                nama: Persentase {_phrase(rng, 3, 7)}\n"
        f"                makna: Tingkat {_phrase(rng, 8, 16)}\n"
        f"                alasan_pemilihan: Untuk mengetahui {_phrase(rng, 6, 12)}\n"
        f"                formulasi_perhitungan: Jumlah {_phrase(rng, 3, 6)} *dibagi* "
        f"total {_phrase(rng, 2, 4)} *dikali* 100%\n"
        f"                sumber_referensi:\n"
        f"                  - Peraturan Menteri PAN dan RB Nomor {rng.randint(1, 60)} "
        f"Tahun {rng.randint(2010, 2023)}\n"
        f"                penanggung_jawab: Kabid {_phrase(rng, 1, 3).title()}\n"
        f"                sumber_data: Bidang {_phrase(rng, 2, 4).title()}\n"
    )


def _opening() -> str:
    """The seed decree up to its lampiran: a real header, so the pair renders as a real decree."""
    text = SEED.read_text(encoding="utf-8")
    return text[: text.index("\nlampiran:\n") + 1]


def _table(rows: int) -> list[str]:
    """The lampiran's lines up to the first indicator, then one block per indicator and sasaran."""
    rng = random.Random(rows)
    blocks = [
        "lampiran:\n"
        "  - id: iki\n"
        "    orientasi: lanskap\n"
        "    judul:\n"
        "      - INDIKATOR KINERJA INDIVIDU (IKI) TAHUN 2021-2026\n"
        "    isi:\n"
        "      - jenis: tabel_indikator\n"
        "        kolom:\n"
        "          - {isi: nomor, judul: NO., lebar: 4}\n"
        "          - {isi: sasaran, judul: KINERJA (SASARAN), lebar: 14}\n"
        "          - {isi: indikator, judul: INDIKATOR KINERJA INDIVIDU, lebar: 14}\n"
        '          - {isi: penjelasan, judul: "MAKNA, ALASAN PEMILIHAN, PERHITUNGAN ATAU PENJELASAN", '
        "lebar: 38}\n"
        "          - {isi: penanggung_jawab, judul: PENANGGUNG JAWAB, lebar: 13}\n"
        "          - {isi: sumber_data, judul: SUMBER DATA, lebar: 17}\n"
        "        sasaran:\n"
    ]
    for n in range(rows):
        if n % PER_SASARAN == 0:
            blocks.append(f"          - nama: Meningkatnya {_phrase(rng, 3, 6)}\n            indikator:\n")
        blocks.append(_indicator(rng, f"iki-{n + 1}"))
    return blocks


def old_text(rows: int) -> str:
    """The decree: the seed's opening and one indicator table of ``rows`` rows."""
    return _opening() + "".join(_table(rows))


def new_text(rows: int) -> str:
    """The revision: three rows with a few words changed, one row inserted, one deleted."""
    blocks = _table(rows)
    first = next(i for i, b in enumerate(blocks) if b.lstrip().startswith("- id: iki-"))
    rows_at = [i for i in range(first, len(blocks)) if blocks[i].lstrip().startswith("- id: iki-")]
    for share in (0.1, 0.5, 0.9):  # a few words in three rows
        i = rows_at[int(share * (len(rows_at) - 1))]
        blocks[i] = (
            blocks[i]
            .replace("makna: Tingkat ", "makna: Tingkat capaian dan ", 1)
            .replace("*dibagi* total", "*dibagi* jumlah seluruh", 1)
        )
    deleted = rows_at[int(0.75 * (len(rows_at) - 1)) + 1]  # not the first of its sasaran
    if blocks[deleted - 1].lstrip().startswith("- nama:"):
        deleted += 1
    inserted = rows_at[len(rows_at) // 3]
    rng = random.Random(-rows)
    blocks[deleted] = ""
    blocks[inserted] = blocks[inserted] + _indicator(rng, "iki-baru")
    return _opening() + "".join(blocks)


def write_pair(folder: Path, rows: int) -> tuple[Path, Path]:
    """Write ``rows-old.yaml`` and ``rows-new.yaml`` into ``folder`` (which holds ``profiles/``)."""
    old, new = folder / f"rows{rows}-old.yaml", folder / f"rows{rows}-new.yaml"
    old.write_text(old_text(rows), encoding="utf-8")
    new.write_text(new_text(rows), encoding="utf-8")
    return old, new
