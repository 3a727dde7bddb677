"""`keputusan import` on decrees typed in Word by offices: imported, checked, built again, the same words.

The decrees come from tests/office_docx.py (python-docx, never this project's
template): tabs and typed markers, layout tables, Word's automatic numbering,
indents only, kops as pictures, in the header or as paragraphs, tables split
across pages, merged cells, typist's noise. Everything goes through the CLI
only; nothing here knows how the importer works.

How the words are compared (the same rules on both sides, ``kata``):

- Both sides are read with ``keputusan.docx_text.docx_lines`` (the body only:
  page headers and footers, where one decree keeps its kop and several their
  page numbers, are not read) and split on whitespace (non-breaking spaces
  and line breaks included).
- From the title on: everything before the first line starting with
  "KEPUTUSAN" is the kop, which the rebuilt decree takes from the profile,
  not from the document.
- What the tool derives is left out, since a typist may type it, Word may
  number it, or the tool may print it: a list marker (a. 1. 1) (a) ii. I II •
  - –) where a list item starts, that is as a paragraph's first word or right
  after a label's colon ("Menimbang : a."); and a table cell holding only a
  number (row numbers, the column-number row 1 2 3 ...).
- Heading rows that the typist typed again at the top of a table continued
  by hand (a table following another across a page break, starting with the
  same rows) are read once: the rebuilt table repeats its headings on every
  page by a property, so they are in its text once.
- Case is folded: the tool writes its own labels ("Formulasi Perhitungan" where
  the seed typed "perhitungan"). Punctuation attached to a word stays.

The similarity is difflib's ``SequenceMatcher(None, original, rebuilt,
autojunk=False).ratio()`` and must be at least 0.98. Every run of the
original's words that the alignment does not find in the rebuilt decree (a
deletion or a replacement) must be in the output's ``# TIDAK DIKENALI:``
comments (a comment line holding that label and the comment lines right
after it); for this check a word also loses the ";", ".", "," or ":" that the
tool adds or drops at the end of an item, and a word of punctuation only is
no word.
"""

from __future__ import annotations

import difflib
import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree

from keputusan.cli import main
from keputusan.docx_text import docx_lines

from .conftest import ROOT
from .office_docx import OFFICE_DOCX, OFFICE_PROFILE
from .seedtext import _seed_words, _words

PROFILES = ROOT / "content" / "contoh" / "profiles"
MIN_RATIO = 0.98


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MARKER = re.compile(r"\(?(?:[A-Za-z]|\d{1,3}|[ivxlIVXL]{1,5})[.)]|[IVXL]{1,5}|[•·▪◦○–—-]")
NOMOR_SEL = re.compile(r"\d{1,3}\.?")
LABEL = "TIDAK DIKENALI:"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"LANG": "id_ID.UTF-8"})
    return result.exit_code, result.stdout + result.stderr


# ---------------------------------------------------------------------------------------------- words


def _teks(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _baris_tabel(tbl: etree._Element) -> list[tuple[str, ...]]:
    return [tuple(_teks(tc) for tc in tr.findall(f"{W}tc")) for tr in tbl.findall(f"{W}tr")]


def tanpa_judul_ulang(docx: bytes) -> bytes:
    """The DOCX without the heading rows a typist typed again on a table continued by hand.

    A table that follows another with only empty paragraphs (the page break)
    between them, and starts with the same rows, continues it: those rows go.
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        parts = {info.filename: z.read(info.filename) for info in z.infolist()}
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(parts["word/document.xml"], parser)
    body = root.find(f"{W}body")
    assert body is not None
    sebelumnya = None
    for child in list(body):
        if child.tag == f"{W}p" and not _teks(child).strip():
            continue
        if child.tag == f"{W}tbl" and sebelumnya is not None:
            lama, baru = _baris_tabel(sebelumnya), _baris_tabel(child)
            sama = 0
            while sama < min(len(lama), len(baru)) - 1 and lama[sama] == baru[sama]:
                sama += 1
            for tr in child.findall(f"{W}tr")[:sama]:
                child.remove(tr)
        sebelumnya = child if child.tag == f"{W}tbl" else None
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def kata(lines: list[str]) -> list[str]:
    """The words of a decree from its title on, without what the tool derives, case folded."""
    mulai = next((i for i, line in enumerate(lines) if line.strip().casefold().startswith("keputusan")), 0)
    out = []
    for line in lines[mulai:]:
        if NOMOR_SEL.fullmatch(line.strip()):
            continue  # a row number or a column number
        tokens = line.split()
        out += [
            token.casefold()
            for i, token in enumerate(tokens)
            if not (MARKER.fullmatch(token) and (i == 0 or tokens[i - 1] == ":"))
        ]
    return out


def kata_dokumen(path: Path) -> list[str]:
    return kata(docx_lines(tanpa_judul_ulang(path.read_bytes()), path))


def _inti(token: str) -> str:
    """A word without the item punctuation the tool adds or drops at its end."""
    return token.rstrip(".,;:")


def hilang(asli: list[str], bangun: list[str]) -> list[list[str]]:
    """The runs of the original's words that the rebuilt decree does not have where they belong."""
    a = [w for w in map(_inti, asli) if w]
    b = [w for w in map(_inti, bangun) if w]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [a[i1:i2] for op, i1, i2, _, _ in matcher.get_opcodes() if op in ("delete", "replace")]


def kata_tidak_dikenali(yaml_text: str) -> set[str]:
    """The words of the `# TIDAK DIKENALI:` comments, each with the comment lines right after it."""
    out: set[str] = set()
    dalam = False
    for line in yaml_text.splitlines():
        if LABEL in line and "#" in line.split(LABEL)[0]:
            dalam = True
            teks = line.split(LABEL, 1)[1]
        elif dalam and line.lstrip().startswith("#"):
            teks = line.lstrip()[1:]
        else:
            dalam = False
            continue
        out.update(w for w in (_inti(t.casefold()) for t in teks.split()) if w)
    return out


def perbedaan(asli: list[str], bangun: list[str], paling_banyak: int = 15) -> str:
    matcher = difflib.SequenceMatcher(None, asli, bangun, autojunk=False)
    lines = [
        f"{op}: {' '.join(asli[i1:i2])!r} -> {' '.join(bangun[j1:j2])!r}"
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]
    return "\n".join(lines[:paling_banyak]) + (
        f"\n... {len(lines) - paling_banyak} more" if len(lines) > paling_banyak else ""
    )


# ---------------------------------------------------------------------------------------------- the import


@dataclass(frozen=True)
class Impor:
    nama: str
    docx: Path
    profil: Path
    keluaran: Path
    kode: int
    pesan: str


def salin_profil(folder: Path, nama: str) -> Path:
    """The profile and the images beside it, copied into the folder of the imported decree."""
    for gambar in sorted(PROFILES.glob("*.png")):
        shutil.copy(gambar, folder / gambar.name)
    return Path(shutil.copy(PROFILES / nama, folder / nama))


def impor(folder: Path, nama: str) -> Impor:
    folder.mkdir(parents=True, exist_ok=True)
    docx = OFFICE_DOCX[nama](folder / f"{nama}.docx")
    profil = salin_profil(folder, OFFICE_PROFILE[nama])
    keluaran = folder / f"{nama}.yaml"
    kode, pesan = run("import", str(docx), "-o", str(keluaran), "--profile", str(profil))
    return Impor(nama, docx, profil, keluaran, kode, pesan)


@pytest.fixture(scope="module", params=sorted(OFFICE_DOCX))
def hasil(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Impor:
    return impor(tmp_path_factory.mktemp(request.param), request.param)


def _imported(hasil: Impor) -> str:
    assert hasil.kode == 0, f"{hasil.nama}: import exited {hasil.kode}:\n{hasil.pesan}"
    assert hasil.keluaran.is_file(), f"{hasil.nama}: import wrote no {hasil.keluaran.name}:\n{hasil.pesan}"
    return hasil.keluaran.read_text(encoding="utf-8")


def _rebuilt(hasil: Impor) -> Path:
    _imported(hasil)
    folder = hasil.keluaran.parent / "build"
    kode, pesan = run("build", str(hasil.keluaran), "-o", str(folder), "--format", "docx")
    assert kode == 0, f"{hasil.nama}: build exited {kode}:\n{pesan}"
    path = folder / f"{hasil.keluaran.stem}.docx"
    assert path.is_file(), pesan
    return path


def test_import_writes_a_decree_naming_the_profile(hasil: Impor) -> None:
    data = yaml.safe_load(_imported(hasil))
    assert isinstance(data, dict), f"{hasil.nama}: the output is not a mapping"
    assert isinstance(data.get("profil"), str), f"{hasil.nama}: no profil: key"
    assert (hasil.keluaran.parent / data["profil"]).resolve() == hasil.profil.resolve()


def test_imported_decree_passes_check(hasil: Impor) -> None:
    _imported(hasil)
    kode, pesan = run("check", str(hasil.keluaran))
    assert kode == 0, f"{hasil.nama}: check exited {kode}:\n{pesan}"


def test_rebuilt_decree_says_the_same_words(hasil: Impor) -> None:
    asli, bangun = kata_dokumen(hasil.docx), kata_dokumen(_rebuilt(hasil))
    assert len(asli) > 300, f"{hasil.nama}: too few words read from the original: {asli[:20]}"
    ratio = difflib.SequenceMatcher(None, asli, bangun, autojunk=False).ratio()
    print(f"{hasil.nama}: ratio {ratio:.4f} ({len(asli)} words in the original, {len(bangun)} rebuilt)")
    assert ratio >= MIN_RATIO, f"{hasil.nama}: ratio {ratio:.4f} < {MIN_RATIO}\n{perbedaan(asli, bangun)}"


def test_words_left_out_are_in_tidak_dikenali_comments(hasil: Impor) -> None:
    teks = _imported(hasil)
    dikenali = kata_tidak_dikenali(teks)
    lepas = [
        " ".join(potongan)
        for potongan in hilang(kata_dokumen(hasil.docx), kata_dokumen(_rebuilt(hasil)))
        if not all(w in dikenali for w in potongan)
    ]
    assert not lepas, f"{hasil.nama}: words neither rebuilt nor in a '# {LABEL}' comment:\n" + "\n".join(
        lepas
    )


def test_import_twice_gives_the_same_bytes(hasil: Impor) -> None:
    pertama = _imported(hasil).encode("utf-8")
    hasil.keluaran.rename(hasil.keluaran.with_suffix(".pertama"))
    try:
        kode, pesan = run(
            "import", str(hasil.docx), "-o", str(hasil.keluaran), "--profile", str(hasil.profil)
        )
        assert kode == 0, pesan
        assert hasil.keluaran.read_bytes() == pertama
    finally:
        hasil.keluaran.unlink(missing_ok=True)
        hasil.keluaran.with_suffix(".pertama").rename(hasil.keluaran)


# ---------------------------------------------------------------------------------------------- the rules


def test_the_comparison_rules_leave_out_what_the_tool_derives() -> None:
    """Runs without the importer: markers, row numbers, case and the kop never count as differences."""
    asli = kata(
        [
            "PEMERINTAH KABUPATEN BALANGAN",
            "KEPUTUSAN",
            "Menimbang\t:\ta.\tBahwa  perlu;",
            "I",
            "12",
            "•\tx 1 006",
        ]
    )
    bangun = kata(["KOP LAIN", "KEPUTUSAN", "Menimbang : bahwa perlu.", "1.", "x 1 006."])
    assert asli == ["keputusan", "menimbang", ":", "bahwa", "perlu;", "x", "1", "006"]
    assert hilang(asli, bangun) == []
    assert hilang(asli, [w for w in bangun if w != "perlu."]) == [["perlu"]]
    assert kata_tidak_dikenali("a: 1\n# TIDAK DIKENALI: Paraf\n#  koordinasi;\nb: 2\n# lain\n") == {
        "paraf",
        "koordinasi",
    }


# ---------------------------------------------------------------------------------------------- the material

BAGIAN = (
    "KEPUTUSAN",
    "NOMOR",
    "TENTANG",
    "Menimbang",
    "Mengingat",
    "MEMUTUSKAN",
    "Menetapkan",
    "KESATU",
    "Ditetapkan",
    "LAMPIRAN",
)
_RUN_SENDIRI = r"Menimbang </w:t></w:r><w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t>:</w:t>"

# What each document is made of, as its Word XML spells it: (part, pattern, how many at least; 0 = none).
CIRI: dict[str, list[tuple[str, str, int]]] = {
    "seed_iku_iki": [
        ("document", "<w:tblHeader/>", 4),
        ("document", '<w:vMerge w:val="restart"/>', 1),
        ("document", "<w:numPr>", 14),
        ("document", 'w:orient="landscape"', 2),
        ("document", "<w:drawing>", 1),
    ],
    "tim_verifikasi_tab": [
        ("document", "<w:pStyle ", 0),
        ("document", 'w:ascii="Arial"', 100),
        ("document", _RUN_SENDIRI, 1),
        ("document", ",  ", 5),
        ("document", '<w:br w:type="page"/>', 1),
        ("document", "<w:br/>", 6),
        ("document", "<w:drawing>", 0),
    ],
    "zonasi_tabel_tata": [
        ("header", "DINAS PENDIDIKAN", 1),
        ("header", "<w:drawing>", 1),
        ("document", "<w:titlePg/>", 1),
        ("document", '<w:gridSpan w:val="4"/>', 1),
        ("document", '<w:gridSpan w:val="2"/>', 5),
        ("document", '<w:vMerge w:val="restart"/>', 5),
        ("document", "\u00a0", 10),
    ],
    "ppid_nomor_otomatis": [
        ("numbering", 'w:numFmt w:val="lowerLetter"', 1),
        ("numbering", 'w:numFmt w:val="decimal"', 1),
        ("numbering", 'w:numFmt w:val="bullet"', 1),
        ("document", "<w:numPr>", 25),
        ("document", "DENGAN RAHMAT TUHAN YANG MAHA ESA", 1),
        ("document", "NIP", 0),
        ("header", 'w:instr=" PAGE "', 1),
        ("document", ">Bahwa ", 1),
        ("document", ">bahwa ", 2),
    ],
    "standar_pelayanan_inden": [
        ("document", "<wp:anchor ", 1),
        ("document", "<w:br/>", 3),
        ("document", "Memperhatikan", 1),
        ("document", "Menimbang +:  a\\.  ", 1),
        ("document", "\u00a0", 10),
        ("document", " </w:t>", 10),
    ],
    "iku_bupati_tabel_dipecah": [
        ("document", '<w:gridSpan w:val="6"/>', 2),
        ("document", ">TARGET<", 2),
        ("document", "<w:tblHeader/>", 0),
        ("document", 'w:orient="landscape"', 1),
        ("document", "DENGAN RAHMAT TUHAN YANG MAHA ESA", 1),
    ],
    "iku_inspektorat_a4": [
        ("document", '<w:pgSz w:w="1190[56]"', 1),
        ("footer", 'w:instr=" PAGE "', 1),
        ("document", "<w:tblHeader/>", 2),
        ("document", 'w:val="double"', 1),
        ("document", "<w:vMerge/>", 12),
    ],
    "tim_penilai_berantakan": [
        ("header", "BUPATI BALANGAN", 1),
        ("header", "<w:drawing>", 1),
        ("header", 'w:instr=" PAGE "', 1),
        ("document", _RUN_SENDIRI, 1),
        ("document", "\u00a0", 10),
        ("document", ",  ", 5),
        ("document", ">Bahwa ", 2),
        ("document", ">bahwa ", 1),
        ("document", '<w:br w:type="page"/>', 1),
        ("document", "Salinan sesuai dengan aslinya", 1),
    ],
}


def _bagian_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()

        def gabung(prefix: str) -> str:
            return "".join(z.read(n).decode("utf-8") for n in sorted(names) if n.startswith(prefix))

        return {
            "document": gabung("word/document.xml"),
            "header": gabung("word/header"),
            "footer": gabung("word/footer"),
            "numbering": gabung("word/numbering.xml"),
        }


def test_every_document_has_its_layout(tmp_path: Path) -> None:
    assert set(CIRI) == set(OFFICE_DOCX) and len(OFFICE_DOCX) >= 8
    for nama, make in OFFICE_DOCX.items():
        xml = _bagian_xml(make(tmp_path / f"{nama}.docx"))
        for bagian, pola, paling_sedikit in CIRI[nama]:
            n = len(re.findall(pola, xml[bagian]))
            if paling_sedikit:
                assert n >= paling_sedikit, (
                    f"{nama}: {bagian} has {n} of {pola!r}, expected {paling_sedikit}+"
                )
            else:
                assert n == 0, f"{nama}: {bagian} has {n} of {pola!r}, expected none"


def test_every_document_is_a_whole_decree_in_order(tmp_path: Path) -> None:
    for nama, make in OFFICE_DOCX.items():
        teks = "\n".join(docx_lines(make(tmp_path / f"{nama}.docx")))
        posisi = [teks.find(kata) for kata in BAGIAN]
        assert -1 not in posisi and posisi == sorted(posisi), (
            f"{nama}: {dict(zip(BAGIAN, posisi, strict=True))}"
        )
        teks = teks.replace("\u00a0", " ")
        assert "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah" in teks, nama
        bupati = OFFICE_PROFILE[nama] == "bupati-balangan.yaml"
        assert ("DENGAN RAHMAT TUHAN YANG MAHA ESA" in teks) == bupati, nama


def test_the_documents_are_made_the_same_twice(tmp_path: Path) -> None:
    for nama, make in OFFICE_DOCX.items():
        a = make(tmp_path / f"a-{nama}.docx").read_bytes()
        assert make(tmp_path / f"b-{nama}.docx").read_bytes() == a, nama


def test_the_seed_document_is_the_seed_word_for_word(tmp_path: Path) -> None:
    """The original decree's words (tests/data/seed-000.txt), every one, in order, none added."""
    path = OFFICE_DOCX["seed_iku_iki"](tmp_path / "seed.docx")
    assert _words("\n".join(docx_lines(path))) == _seed_words()
