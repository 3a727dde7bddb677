"""Hypothesis strategies for VALID decrees: a profile and a content file, as data to write as YAML.

Valid by construction (the tests still ``assume`` that loading reports no error): numbers follow
the profile's pattern and match the year of the date, table grids are filled exactly (spans
included), indicator tables have their indicator column and every data key, ids are unique, a
decree amends or replaces but not both, a signatory is always given.

Every form the model knows is drawn: each kop kind, title variants, page numbers, TTE, the
tembusan heading, paraf, every part kind, long texts and single long words, lists in every marker
style nested by indentation in every text field, emphasis, forced line breaks, general tables with
random row and column spans and multi-level headings, per-column and per-cell alignment, row and
column numbers on and off, both orientations, indicator tables with a sasaran taller than a page,
paragraph blocks with every alignment, and text holding ``& < > {{ }} {% %}`` and markup-like
characters, which must come out literally.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
EMBLEM = ROOT / "content" / "profiles" / "lambang-placeholder.png"
LETTERHEAD = ROOT / "content" / "contoh" / "profiles" / "kop-disdik-balangan.png"

# --------------------------------------------------------------------------- words

PLAIN = (
    "bahwa pegawai kinerja daerah Kabupaten Balangan penetapan sasaran indikator utama individu "
    "keputusan tentang pembentukan tim verifikasi pelayanan publik Badan Kepegawaian dan "
    "Pengembangan Sumber Daya Manusia pejabat jabatan fungsional anggaran tahun 2021-2026 2024 "
    "100% Nomor (IKU) dan/atau S.Sos, M.AP Jl. A. Yani Km. 4,5 Rp1.500.000,00 3,50 20 JP "
    "sebagaimana dimaksud dalam huruf a perlu menetapkan Paringin Kalimantan Selatan ASN PPPK "
    "CPNS SIASN outcome output rencana strategis laporan akuntabilitas"
).split()
SPECIAL = [
    "&",
    "<",
    ">",
    "<b>tebal</b>",
    "a<b",
    "{{",
    "}}",
    "{%",
    "%}",
    "{{ nama }}",
    "{% if x %}",
    "{%- endfor -%}",
    "{#",
    "#}",
    "&amp;",
    "&lt;x&gt;",
    '"kutip"',
    "'tunggal'",
    "“lengkung”",
    "‘satu’",
    "–",
    "—",
    "…",
    "#",
    "_garis_",
    "~",
    "^",
    "$100",
    "@pegawai",
    "[1]",
    "(a)",
    "C:\\data",
    "\\*bintang\\*",
    "2 * 3",
    "x**2",
    "é",
    "°C",
    "½",
    "§ 5",
    "https://jdih.balangankab.go.id/verifikasi?nomor=800%2F1199&x=1",
    "PENYELENGGARAANPEMERINTAHANDAERAH",  # one long word (the URL above is longer, with breaks)
]
WORD = st.one_of(
    st.sampled_from(PLAIN), st.sampled_from(PLAIN), st.sampled_from(PLAIN), st.sampled_from(SPECIAL)
)
# A line never starts with a marker-like word (that would make it a list item by accident).
FIRST = st.sampled_from(PLAIN)


@st.composite
def phrase(draw: st.DrawFn, min_words: int = 1, max_words: int = 12) -> str:
    """Words on one line, sometimes with *italic*, **bold** or ***both*** stretches."""
    words = [draw(FIRST)] + draw(st.lists(WORD, min_size=min_words - 1, max_size=max_words - 1))
    if len(words) > 2 and draw(st.integers(0, 3)) == 0:
        a = draw(st.integers(1, len(words) - 1))
        b = draw(st.integers(a, len(words) - 1))
        if all(w in PLAIN for w in words[a : b + 1]):
            mark = draw(st.sampled_from(["*", "**", "***"]))
            words[a] = mark + words[a]
            words[b] = words[b] + mark
    return " ".join(words)


@st.composite
def line_text(draw: st.DrawFn, max_words: int = 10) -> str:
    """A one-line field (Baris): no newline, not blank."""
    return draw(phrase(1, max_words))


@st.composite
def paragraph(draw: st.DrawFn, long: bool = False) -> list[str]:
    """The source lines of one paragraph; a line ending in a backslash forces a line break."""
    lines = draw(st.lists(phrase(1, 40 if long else 12), min_size=1, max_size=6 if long else 3))
    if len(lines) > 1 and draw(st.booleans()):
        at = draw(st.integers(0, len(lines) - 2))
        lines[at] += "\\"
    return lines


MARKERS = {"1.": "{n}.", "1)": "{n})", "a.": "{a}.", "a)": "{a})", "-": "-", "•": "•"}


@st.composite
def list_lines(draw: st.DrawFn, depth: int, indent: int) -> list[str]:
    """A list in one marker style (the tool counts: items may repeat a number), with lists
    nested by indentation up to ``depth`` levels further."""
    style = draw(st.sampled_from(sorted(MARKERS)))
    out: list[str] = []
    items = draw(st.integers(1, 4))
    for n in range(1, items + 1):
        letter = "abcdefghij"[n - 1]
        typed = draw(st.sampled_from([n, 1])) if style[0] == "1" else n  # '1.' every time is allowed
        marker = MARKERS[style].format(n=typed, a=letter)
        lines = draw(paragraph())
        out.append(" " * indent + f"{marker} {lines[0]}")
        out += [" " * (indent + len(marker) + 1) + rest for rest in lines[1:]]
        if depth > 0 and draw(st.integers(0, 2)) == 0:
            out += draw(list_lines(depth - 1, indent + len(marker) + 1))
    return out


@st.composite
def rich(draw: st.DrawFn, long: bool = False, lists: bool = True) -> str:
    """A text field: paragraphs and lists (nested, every marker style) separated as typed."""
    blocks: list[str] = []
    for index in range(draw(st.integers(1, 3))):
        if lists and draw(st.integers(0, 2)) == 0:
            body = draw(list_lines(draw(st.integers(0, 2)), 0))
            if blocks and draw(st.booleans()):
                blocks[-1] += "\n" + "\n".join(body)  # a list right under its paragraph line
                continue
            blocks.append("\n".join(body))
        else:
            blocks.append("\n".join(draw(paragraph(long and index == 0))))
    return "\n\n".join(blocks)


# --------------------------------------------------------------------------- profile


@st.composite
def kop(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["perangkat_daerah", "kepala_daerah", "gambar"]))
    if kind == "gambar":
        return {"jenis": "gambar", "gambar": "kop.png"}
    lines = [
        {
            "teks": draw(line_text(5)),
            "ukuran": draw(st.sampled_from([12, 14, 16])),
            "tebal": draw(st.booleans()),
        }
    ]
    if kind == "perangkat_daerah":
        lines += [{"teks": draw(line_text(5))} for _ in range(draw(st.integers(0, 2)))]
    out: dict[str, Any] = {"jenis": kind, "lambang": "lambang.png", "baris": lines}
    if kind == "perangkat_daerah":
        out["alamat"] = [draw(line_text(12)) for _ in range(draw(st.integers(0, 2)))]
        out["garis"] = draw(st.sampled_from(["tunggal", "ganda", "tebal-tipis", "tidak ada"]))
    return out


@st.composite
def penandatangan(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {"nama": draw(line_text(5))}
    if draw(st.booleans()):
        out["pangkat"] = draw(line_text(3))
        out["nip"] = draw(
            st.sampled_from(["19681012 198903 1 009", "198209072006042011", "19900622 201503 2 002"])
        )
    if draw(st.integers(0, 3)) == 0:
        out["jabatan"] = draw(line_text(6))
    return out


@st.composite
def profil(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {
        "nama": draw(line_text(6)),
        "kop": draw(kop()),
        "kertas": {
            "ukuran": draw(st.sampled_from(["F4", "A4"])),
            "margin_mm": {"kiri": draw(st.sampled_from([25, 30])), "kanan": 20, "atas": 20, "bawah": 20},
        },
        "huruf": {
            "keluarga": "Arial",
            "ukuran": draw(st.sampled_from([11, 12])),
            "ukuran_tabel": draw(st.sampled_from([8, 9, 10])),
        },
        "nomor": {"pola": "{klasifikasi}/{urut}/Kpts/{tahun}", "klasifikasi": "800"},
        "tempat": draw(st.sampled_from(["Paringin", "Balangan", "Banjarbaru"])),
        "pejabat": draw(line_text(8)).upper(),
        "dengan_rahmat": draw(st.booleans()),
        "judul": {"satu_baris": draw(st.booleans()), "titik_dua_nomor": draw(st.booleans())},
        "tembusan_judul": draw(
            st.sampled_from(["Tembusan :", "Tembusan Yth.:", "Tembusan disampaikan kepada Yth.:"])
        ),
        "lampiran": {"tampilkan_tanggal": draw(st.booleans())},
    }
    if draw(st.booleans()):
        out["penandatangan"] = draw(penandatangan())
    if draw(st.booleans()):
        out["nomor_halaman"] = {
            "posisi": draw(st.sampled_from(["atas", "bawah"])),
            "format": draw(st.sampled_from(["- {n} -", "{n}", "Halaman {n}"])),
            "halaman_pertama": draw(st.booleans()),
        }
    if draw(st.booleans()):
        tte: dict[str, Any] = {}
        if draw(st.booleans()):
            tte["catatan_kaki"] = (
                "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik "
                "yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara"
            )
        if draw(st.booleans()):
            tte["jangkar"] = draw(st.sampled_from(["#", "$", "^ttd^"]))
        if draw(st.booleans()):
            tte["qr_url"] = "https://jdih.balangankab.go.id/verifikasi/{nomor}"
        out["tte"] = tte
    return out


# --------------------------------------------------------------------------- legal bases

JENIS = [
    ("Undang-Undang", "lembaran_negara"),
    ("Peraturan Pemerintah", "lembaran_negara"),
    ("Peraturan Presiden", "lembaran_negara"),
    ("Peraturan Menteri Dalam Negeri", "berita_negara"),
    ("Peraturan Daerah Kabupaten Balangan", "lembaran_daerah"),
    ("Peraturan Bupati Balangan", "berita_daerah"),
]


@st.composite
def peraturan(draw: st.DrawFn, depth: int = 1) -> dict[str, Any]:
    jenis, gazette = draw(st.sampled_from(JENIS))
    year = draw(st.integers(1990, 2024))
    out: dict[str, Any] = {
        "jenis": jenis,
        "nomor": draw(st.integers(1, 300)),
        "tahun": year,
        "tentang": draw(rich(lists=False)),
    }
    if draw(st.integers(0, 3)):
        out[gazette] = {"tahun": year, "nomor": draw(st.integers(1, 300))}
        if gazette == "lembaran_negara" and draw(st.booleans()):
            out["tambahan_lembaran_negara"] = draw(st.integers(3000, 7000))
        if gazette == "lembaran_daerah" and draw(st.booleans()):
            out["tambahan_lembaran_daerah"] = draw(st.integers(1, 200))
        if gazette in ("lembaran_daerah", "berita_daerah"):
            out["nama_daerah"] = "Kabupaten Balangan"
    if depth > 0 and draw(st.integers(0, 3)) == 0:
        out["diubah"] = [
            {
                "keterangan": draw(
                    st.sampled_from(
                        [
                            "sebagaimana telah diubah dengan",
                            "sebagaimana telah beberapa kali diubah, terakhir dengan",
                            "sebagaimana telah diubah kedua kalinya dengan",
                        ]
                    )
                ),
                "peraturan": draw(peraturan(depth - 1)),
            }
            for _ in range(draw(st.integers(1, 2)))
        ]
    return out


@st.composite
def mengingat(draw: st.DrawFn) -> Any:
    if draw(st.booleans()):
        return draw(peraturan())
    return {"teks": draw(rich())} if draw(st.booleans()) else draw(rich())


# --------------------------------------------------------------------------- tables


@st.composite
def headings(draw: st.DrawFn, leaves: int, depth: int) -> list[dict[str, Any]]:
    """Column headings over ``leaves`` grid columns, grouped under parents up to ``depth`` levels."""
    out: list[dict[str, Any]] = []
    left = leaves
    while left:
        take = draw(st.integers(1, left))
        if depth > 1 and (take > 1 or draw(st.integers(0, 3)) == 0):
            out.append({"judul": draw(line_text(4)), "kolom": draw(headings(take, depth - 1))})
        else:
            out += [_leaf(draw, {"judul": draw(line_text(4))}) for _ in range(take)]
        left -= take
    return out


def _leaf(draw: st.DrawFn, column: dict[str, Any]) -> dict[str, Any]:
    # at most 2:1, as drafters size text columns: with at most five of them, none is narrower
    # than 15 mm on a portrait page (narrower columns break words letter by letter, see README)
    column["lebar"] = draw(st.sampled_from([3, 4, 6]))
    if draw(st.integers(0, 2)) == 0:
        column["rata"] = draw(st.sampled_from(["kiri", "tengah", "kanan"]))
    return column


@st.composite
def grid(draw: st.DrawFn, columns: int) -> list[list[Any]]:
    """Rows of cells filling ``columns`` exactly, with random rectangles spanning rows and columns."""
    rows = draw(st.integers(1, 6))
    taken = [[False] * columns for _ in range(rows)]
    out: list[list[Any]] = []
    for r in range(rows):
        row: list[Any] = []
        c = 0
        while c < columns:
            if taken[r][c]:
                c += 1
                continue
            free = 0
            while c + free < columns and not taken[r][c + free]:
                free += 1
            width = draw(st.integers(1, free)) if draw(st.integers(0, 3)) == 0 else 1
            height = draw(st.integers(1, rows - r)) if draw(st.integers(0, 3)) == 0 else 1
            while height > 1 and any(taken[r + dr][c + dc] for dr in range(height) for dc in range(width)):
                height -= 1
            for dr in range(height):
                for dc in range(width):
                    taken[r + dr][c + dc] = True
            text = draw(st.one_of(rich(), st.sampled_from(["12,5", "100", "-1,25", "WTP"])))
            cell: Any = text
            if width > 1 or height > 1 or draw(st.integers(0, 4)) == 0:
                cell = {"teks": text}
                if width > 1:
                    cell["gabung_kolom"] = width
                if height > 1:
                    cell["gabung_baris"] = height
                if draw(st.integers(0, 2)) == 0:
                    cell["rata"] = draw(st.sampled_from(["kiri", "tengah", "kanan"]))
            row.append(cell)
            c += width
        out.append(row)
    return out


@st.composite
def tabel(draw: st.DrawFn) -> dict[str, Any]:
    leaves = draw(st.integers(1, 5))
    out: dict[str, Any] = {
        "jenis": "tabel",
        "kolom": draw(headings(leaves, draw(st.integers(1, 3)))),
        "nomor_kolom": draw(st.booleans()),
        "nomor_baris": draw(st.booleans()),
        "baris": draw(grid(leaves)),
    }
    if out["nomor_baris"] and draw(st.booleans()):
        out["judul_nomor"] = draw(st.sampled_from(["NO", "No.", "NOMOR URUT"]))
        out["lebar_nomor"] = draw(st.sampled_from([1, 2, 3]))
    return out


ISI = ["sasaran", "penjelasan", "penanggung_jawab", "sumber_data", "data.satuan", "data.target"]


@st.composite
def indikator(draw: st.DrawFn, ident: str, keys: list[str], long: bool) -> dict[str, Any]:
    text = rich(long=long)
    out: dict[str, Any] = {
        "id": ident,
        "nama": draw(rich(lists=False)),
        "makna": draw(text),
        "alasan_pemilihan": draw(text),
        "formulasi_perhitungan": draw(text),
        "sumber_referensi": draw(st.lists(line_text(8), min_size=1, max_size=3)),
        "penanggung_jawab": draw(line_text(5)),
        "sumber_data": draw(rich(lists=False)),
    }
    if keys:
        out["data"] = {
            key: draw(st.sampled_from(["Persen", "Indeks", "12,5", "WTP", "Level 3"])) for key in keys
        }
    return out


def _seeded_text(rng: random.Random, words: int, lists: bool = True) -> str:
    """Ordinary-length text from a seeded generator: one draw instead of hundreds (a sasaran with
    many long indicators would overrun Hypothesis's buffer if every word were a draw)."""
    out = " ".join([rng.choice(PLAIN)] + [rng.choice(PLAIN + SPECIAL[:10]) for _ in range(words - 1)])
    if lists and rng.random() < 0.3:
        style = rng.choice(sorted(MARKERS))
        items = [
            MARKERS[style].format(n=n, a="abc"[n - 1]) + " " + " ".join(rng.choice(PLAIN) for _ in range(8))
            for n in range(1, 4)
        ]
        out += "\n" + "\n".join(items)
    return out


def _tall_indikator(rng: random.Random, ident: str, keys: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": ident,
        "nama": _seeded_text(rng, 12, lists=False),
        "makna": _seeded_text(rng, 35),
        "alasan_pemilihan": _seeded_text(rng, 30),
        "formulasi_perhitungan": _seeded_text(rng, 30),
        "sumber_referensi": [_seeded_text(rng, 7, lists=False) for _ in range(rng.randint(1, 3))],
        "penanggung_jawab": _seeded_text(rng, 5, lists=False),
        "sumber_data": _seeded_text(rng, 10, lists=False),
    }
    if keys:
        out["data"] = {key: rng.choice(["Persen", "Indeks", "12,5"]) for key in keys}
    return out


@st.composite
def tabel_indikator(draw: st.DrawFn, counter: list[int]) -> dict[str, Any]:
    chosen = draw(st.lists(st.sampled_from(ISI), unique=True, max_size=len(ISI)))
    isi = ["indikator", *chosen]
    isi = draw(st.permutations(isi))
    if draw(st.booleans()):
        isi = ["nomor", *isi]
    keys = [i.removeprefix("data.") for i in isi if i.startswith("data.")]
    tall = draw(st.sampled_from([False, False, True]))  # a sasaran taller than a page
    sasaran = []
    for index in range(draw(st.integers(1, 3))):
        items = []
        if tall and index == 0:
            rng = random.Random(draw(st.integers(0, 2**32)))
            for _ in range(draw(st.integers(6, 8))):
                counter[0] += 1
                items.append(_tall_indikator(rng, f"i{counter[0]}", keys))
        else:
            for _ in range(draw(st.integers(1, 3))):
                counter[0] += 1
                items.append(draw(indikator(f"i{counter[0]}", keys, long=False)))
        sasaran.append({"nama": draw(rich(lists=False)), "indikator": items})
    return {
        "jenis": "tabel_indikator",
        "kolom": [
            {"isi": i, "judul": draw(line_text(4)), "lebar": draw(st.sampled_from([8, 12, 16]))}
            for i in isi
        ],
        "nomor_kolom": draw(st.booleans()),
        "sasaran": sasaran,
    }


@st.composite
def paragraf(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {"jenis": "paragraf", "teks": draw(rich(long=draw(st.booleans())))}
    if draw(st.booleans()):
        out["rata"] = draw(st.sampled_from(["kiri", "tengah", "kanan", "penuh"]))
    return out


@st.composite
def lampiran(draw: st.DrawFn, counter: list[int]) -> dict[str, Any]:
    blocks = st.one_of(tabel(), paragraf(), tabel_indikator(counter))
    return {
        "judul": [draw(line_text(8)).upper() for _ in range(draw(st.integers(1, 2)))],
        "orientasi": draw(st.sampled_from(["potret", "lanskap"])),
        "isi": draw(st.lists(blocks, min_size=1, max_size=3)),
        "tanda_tangan": draw(st.booleans()),
    }


# --------------------------------------------------------------------------- the decree


def _in_hierarchy(items: list[Any]) -> list[Any]:
    """Legal bases as a drafter orders them: free texts first, then by rank and year; a regulation
    is cited once (a repeated kind and year gets another number)."""
    texts = [i for i in items if not (isinstance(i, dict) and "jenis" in i)]
    rules = sorted(
        (i for i in items if isinstance(i, dict) and "jenis" in i),
        key=lambda i: ([j for j, _ in JENIS].index(i["jenis"]), i["tahun"]),
    )
    for number, rule in enumerate(rules, 1):
        rule["nomor"] = number
    return texts + rules


@dataclass
class Spec:
    """A drawn decree: its profile and content as data, written with :meth:`write`."""

    profil: dict[str, Any]
    content: dict[str, Any]
    features: set[str] = field(default_factory=set)

    def write(self, folder: Path, name: str = "keputusan.yaml") -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "profiles").mkdir(exist_ok=True)
        shutil.copyfile(EMBLEM, folder / "profiles" / "lambang.png")
        shutil.copyfile(LETTERHEAD, folder / "profiles" / "kop.png")
        dump = dict(allow_unicode=True, sort_keys=False, width=100)
        (folder / "profiles" / "profil.yaml").write_text(
            yaml.safe_dump(self.profil, **dump), encoding="utf-8"
        )  # type: ignore[call-overload]
        path = folder / name
        path.write_text(yaml.safe_dump(self.content, **dump), encoding="utf-8")  # type: ignore[call-overload]
        return path


def _features(content: dict[str, Any]) -> set[str]:
    """What a drawn decree holds, so that tests can ask for an example with a given form."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "jenis":
                    found.add(str(item))
                if key in ("gabung_baris", "gabung_kolom"):
                    found.add(key)
                if (
                    key == "kolom"
                    and isinstance(item, list)
                    and any(isinstance(k, dict) and "kolom" in k for k in item)
                ):
                    found.add("judul_bertingkat")
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            from keputusan.richtext import ListBlock, parse

            if any(isinstance(b, ListBlock) for b in parse(value)):
                found.add("daftar")

    walk(content)
    return found


@st.composite
def decrees(draw: st.DrawFn) -> Spec:
    """A valid decree with its own profile."""
    prof = draw(profil())
    counter = [0]
    final = draw(st.booleans())
    content: dict[str, Any] = {
        "profil": "profiles/profil.yaml",
        "status": "ditetapkan" if final else "draf",
        "tentang": draw(st.one_of(line_text(12), phrase(40, 70))).upper(),
        "menimbang": [draw(rich(long=draw(st.booleans()))) for _ in range(draw(st.integers(1, 4)))],
        "mengingat": _in_hierarchy([draw(mengingat()) for _ in range(draw(st.integers(1, 4)))]),
        "diktum": [draw(rich(long=draw(st.booleans()))) for _ in range(draw(st.integers(1, 5)))],
    }
    if final:
        year = draw(st.integers(2020, 2026))
        content["nomor"] = f"800/{draw(st.integers(1, 2000))}/Kpts/{year}"
        content["tanggal"] = f"{year}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
    if draw(st.integers(0, 3)) == 0:
        content["memperhatikan"] = [draw(rich()) for _ in range(draw(st.integers(1, 2)))]
    if draw(st.integers(0, 4)) == 0:
        content["menetapkan"] = f"KEPUTUSAN {prof['pejabat']} TENTANG {content['tentang']}"
    if "penandatangan" not in prof or draw(st.integers(0, 3)) == 0:
        content["penandatangan"] = draw(penandatangan())
    if draw(st.booleans()):
        content["tembusan"] = [draw(line_text(10)) for _ in range(draw(st.integers(1, 4)))]
    if not final and draw(st.booleans()):
        paraf: dict[str, Any] = {}
        if draw(st.booleans()):
            paraf["hierarki"] = [
                {"jabatan": draw(line_text(3)), **({"paraf": "AB"} if draw(st.booleans()) else {})}
                for _ in range(draw(st.integers(1, 3)))
            ]
        if draw(st.booleans()):
            paraf["koordinasi"] = [
                {
                    "unit": draw(line_text(6)),
                    "nama": draw(line_text(4)),
                    **({"paraf": "CD", "tanggal": "2024-03-01"} if draw(st.booleans()) else {}),
                }
                for _ in range(draw(st.integers(1, 3)))
            ]
        content["paraf"] = paraf
    relation = draw(st.sampled_from([None, None, "mengubah", "menggantikan"]))
    if relation is not None:
        content[relation] = f"800/{draw(st.integers(1, 2000))}/Kpts/2019"
    if draw(st.sampled_from([True, True, False])):
        content["lampiran"] = [draw(lampiran(counter)) for _ in range(draw(st.integers(1, 3)))]
    features = _features(content) | {f"kop:{prof['kop']['jenis']}"}
    features |= {key for key in ("nomor_halaman", "tte") if key in prof} | {
        k for k in ("paraf", "tembusan", "lampiran") if k in content
    }
    if any(
        len(s["indikator"]) >= 6
        for lamp in content.get("lampiran", ())
        for b in lamp["isi"]
        for s in b.get("sasaran", ())
    ):
        features.add("sasaran_tinggi")
    if any(lamp["orientasi"] == "lanskap" for lamp in content.get("lampiran", ())):
        features.add("lanskap")
    return Spec(prof, content, features)


def write_spec(spec: Spec, folder: Path) -> Path:
    """Write a drawn decree (and its profile) into ``folder``; returns the content file."""
    return spec.write(folder)


def spec_from_yaml(profil_text: str, content_text: str) -> Optional[Spec]:
    """A spec from YAML texts (to replay a failing example saved from a run)."""
    return Spec(yaml.safe_load(profil_text), yaml.safe_load(content_text))
