"""The example decrees in content/contoh/: each checks clean, builds with both PDF engines, says the
same words in its DOCX and PDF, prints as text, and shows the shape it was written to show.

The shape checks read the outputs as a reader would: the text of each PDF page (pypdf), where a
word sits on the page (pypdfium2's character boxes), the images drawn, the page sizes, and the
DOCX paragraphs and table cells (python-docx). Each runs on the reportlab PDF and on the
LibreOffice PDF (skipped without soffice unless KEPUTUSAN_REQUIRE_ALL=1).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from click.testing import CliRunner
from docx import Document

from keputusan.cli import main
from keputusan.convert import find_soffice
from keputusan.load import load

from .conftest import CONTENT
from .test_libreoffice import _need

CONTOH = CONTENT / "contoh"
FILES = sorted(CONTOH.glob("*.yaml"))
NAMES = [f.name for f in FILES]
ENGINES = ("reportlab", "libreoffice")
ENV = {"LANG": "id_ID.UTF-8"}
MM = 72 / 25.4


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=ENV)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------- the built outputs


@dataclass
class Output:
    """One example built by one engine: the files, and what a reader sees in them."""

    name: str
    docx_path: Path
    pdf_path: Path

    @cached_property
    def pdf(self) -> pdfium.PdfDocument:
        return pdfium.PdfDocument(self.pdf_path.read_bytes())

    @cached_property
    def pages(self) -> list[str]:
        """Each page's text, as pdfium reads it (lines in drawing order)."""
        return [self.pdf[i].get_textpage().get_text_range() for i in range(len(self.pdf))]

    @cached_property
    def lines(self) -> list[list[str]]:
        """Each page's lines, whitespace squeezed."""
        return [[" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in self.pages]

    @cached_property
    def text(self) -> str:
        """The whole document's words joined by single spaces (phrases survive line breaks)."""
        return " ".join(" ".join(self.pages).split())

    @cached_property
    def sizes(self) -> list[tuple[float, float]]:
        return [self.pdf[i].get_size() for i in range(len(self.pdf))]

    @cached_property
    def docx(self):  # type: ignore[no-untyped-def]
        return Document(io.BytesIO(self.docx_path.read_bytes()))

    @cached_property
    def docx_paragraphs(self) -> list[str]:
        return [" ".join(p.text.split()) for p in self.docx.paragraphs]

    def boxes(self, page: int, word: str) -> list[tuple[float, float, float, float]]:
        """(left, bottom, right, top) of each occurrence of ``word`` on a page (0-based)."""
        textpage = self.pdf[page].get_textpage()
        searcher = textpage.search(word, match_case=True)
        out = []
        while (found := searcher.get_next()) is not None:
            index, count = found
            first, last = textpage.get_charbox(index), textpage.get_charbox(index + count - 1)
            out.append((first[0], min(first[1], last[1]), last[2], max(first[3], last[3])))
        return out

    def objects(self, page: int, kind: int) -> list[tuple[float, float, float, float]]:
        """(left, bottom, right, top) of each object of a kind drawn on a page (0-based), forms included."""
        return [tuple(obj.get_bounds()) for obj in self.pdf[page].get_objects(filter=[kind], max_depth=3)]  # type: ignore[misc]

    def images(self, page: int) -> list[tuple[float, float, float, float]]:
        return self.objects(page, pdfium_c.FPDF_PAGEOBJ_IMAGE)

    def qr(self, page: int, text: str) -> tuple[float, float, float, float]:
        """Where the QR code of ``text`` is drawn on a page, read back from the page's pixels
        (whether drawn as an image or as vector squares); AssertionError when it is not there."""
        import segno

        expected = segno.make_qr(text, error="m").matrix
        size = len(expected)
        small = [
            b
            for b in self.objects(page, pdfium_c.FPDF_PAGEOBJ_PATH)
            if b[2] - b[0] < 25 * MM and b[3] - b[1] < 3 * MM and b[3] - b[1] > 0.1
        ]
        square = [
            b
            for b in self.images(page) + self.objects(page, pdfium_c.FPDF_PAGEOBJ_PATH)
            if 12 * MM < b[2] - b[0] < 40 * MM and abs((b[2] - b[0]) - (b[3] - b[1])) < 2 * MM
        ]
        regions = square or (
            [
                (
                    min(b[0] for b in small),
                    min(b[1] for b in small),
                    max(b[2] for b in small),
                    max(b[3] for b in small),
                )
            ]
            if len(small) > 20
            else []
        )
        assert regions, "no QR code drawn on the page"
        scale = 6
        bitmap = self.pdf[page].render(scale=scale, grayscale=True).to_pil().convert("L")
        height = self.sizes[page][1]
        for left, bottom, right, top in regions:
            box = (
                int(left * scale),
                int((height - top) * scale),
                int(right * scale) + 1,
                int((height - bottom) * scale) + 1,
            )
            crop = bitmap.crop(box)
            dark = crop.point(lambda v: 255 if v < 128 else 0).getbbox()
            if dark is None:
                continue
            x0, y0, x1, y1 = dark
            module = (x1 - x0) / size
            grid = [
                [
                    1
                    if crop.getpixel((int(x0 + (c + 0.5) * module), int(y0 + (r + 0.5) * module))) < 128
                    else 0
                    for c in range(size)
                ]
                for r in range(size)
            ]
            if grid == [list(row) for row in expected]:
                return (left, bottom, right, top)
        raise AssertionError(f"no QR code of {text!r} on page {page + 1}")

    def watermark(self, page: int) -> bool:
        """DRAFT across the page: as text (reportlab) or as outlines (LibreOffice draws Word's
        watermark shape as paths): grey ink in the middle of an otherwise text page."""
        if "DRAFT" in self.pages[page]:
            return True
        width, height = self.sizes[page]
        wide = [
            b
            for b in self.objects(page, pdfium_c.FPDF_PAGEOBJ_PATH)
            if b[2] - b[0] > width / 3 and b[3] - b[1] > height / 8 and b[1] < height / 2 < b[3]
        ]
        return bool(wide)

    def page_of(self, phrase: str) -> int:
        """The first page (0-based) whose text holds ``phrase`` (whitespace squeezed)."""
        for index, page in enumerate(self.pages):
            if phrase in " ".join(page.split()):
                return index
        raise AssertionError(f"{phrase!r} is on no page of {self.name}")


class Builds:
    """Each example built once per engine: reportlab file by file (as `keputusan build FILE`),
    LibreOffice the whole folder in one run (one soffice start for all of them)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.results: dict[tuple[str, str], tuple[int, str, str]] = {}

    def folder(self, engine: str) -> Path:
        return self.root / engine

    def build(self, engine: str, name: str) -> tuple[int, str, str]:
        key = (engine, name)
        if key in self.results:
            return self.results[key]
        if engine == "reportlab":
            self.results[key] = run("build", str(CONTOH / name), "-o", str(self.folder(engine)))
        else:
            _need(find_soffice(), "LibreOffice")
            folder = self.folder(engine)
            code, out, err = run("build", str(CONTOH), "-o", str(folder), "--pdf-engine", "libreoffice")
            for other in NAMES:  # one run built them all; each file's own lines name it
                stem = Path(other).stem
                mine = "\n".join(line for line in (out + err).splitlines() if stem in line)
                built = (folder / f"{stem}.docx").exists() and (folder / f"{stem}.pdf").exists()
                self.results[(engine, other)] = (0 if built else code or 1, mine if built else out + err, "")
        return self.results[key]

    def output(self, engine: str, name: str) -> Output:
        code, out, err = self.build(engine, name)
        stem = Path(name).stem
        folder = self.folder(engine)
        assert code == 0, f"{name} did not build with {engine}:\n{out}{err}"
        return Output(name, folder / f"{stem}.docx", folder / f"{stem}.pdf")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(tmp_path_factory.mktemp("contoh"))


# --------------------------------------------------------------------------- every example


def test_at_least_eight_examples_each_saying_its_shape() -> None:
    assert len(FILES) >= 8
    for path in FILES:
        head = path.read_text(encoding="utf-8").split("\nprofil:")[0]
        assert "# BENTUK:" in head, f"{path.name} has no header comment saying its shape"


def test_check_is_clean_without_warnings() -> None:
    code, out, err = run("check", str(CONTOH))
    assert code == 0, err
    assert err == "", f"warnings or errors:\n{err}"
    assert out.count(": sah (") == len(FILES)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", NAMES)
def test_builds_and_verifies(builds: Builds, name: str, engine: str) -> None:
    code, out, err = builds.build(engine, name)
    assert code == 0, f"build failed:\n{out}{err}"
    assert "peringatan" not in (out + err), f"build warned:\n{out}{err}"
    folder = builds.folder(engine)
    stem = Path(name).stem
    assert (folder / f"{stem}.docx").stat().st_size > 0 and (folder / f"{stem}.pdf").stat().st_size > 0
    code, out, err = run("verify-build", str(CONTOH / name), "-o", str(folder))
    assert code == 0, f"DOCX and {engine} PDF differ:\n{out}{err}"


@pytest.mark.parametrize("name", NAMES)
def test_text_command(name: str) -> None:
    code, out, err = run("text", str(CONTOH / name))
    assert code == 0, err
    decree = load(CONTOH / name)
    squeezed = " ".join(out.split())
    assert " ".join(decree.tentang.split()) in squeezed
    assert "MEMUTUSKAN" in out
    for item in decree.content.tembusan:
        assert item in squeezed
    heading = decree.profil.tembusan_judul
    if decree.content.tembusan:
        assert heading in out, f"text output lacks the profile's tembusan heading {heading!r}"


# --------------------------------------------------------------------------- each example's shape


def _in_order(text: str, phrases: list[str]) -> None:
    at = 0
    for phrase in phrases:
        found = text.find(phrase, at)
        assert found >= 0, (
            f"{phrase!r} missing (or out of order) after position {at}: ...{text[at : at + 200]}..."
        )
        at = found + len(phrase)


def _landscape(size: tuple[float, float]) -> bool:
    return size[0] > size[1]


def _page_numbers(out: Output, fmt: str, first_page: bool, top: bool) -> None:
    """Page n carries fmt(n) in the top (or bottom) tenth of the page; page 1 only if asked."""
    for index, (_, height) in enumerate(out.sizes):
        label = fmt.format(n=index + 1)
        boxes = [b for b in out.boxes(index, label) if (b[1] > height * 0.9 if top else b[3] < height * 0.1)]
        if index == 0 and not first_page:
            assert not boxes, f"page 1 carries the page number {label!r}"
        else:
            assert boxes, (
                f"page {index + 1} lacks the page number {label!r} at the {'top' if top else 'bottom'}"
            )


TTE_FOOTER = "Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara"


def _tte_footer_on_every_page(out: Output) -> None:
    for index, page in enumerate(out.pages):
        assert TTE_FOOTER in " ".join(page.split()), f"page {index + 1} lacks the TTE footer"


def shape_bupati_iku(out: Output) -> None:
    first = out.lines[0]
    assert "KEPUTUSAN BUPATI BALANGAN" in first, "the title is not on one line"
    assert "NOMOR 188.45/412/2021" in first and "NOMOR : 188.45/412/2021" not in first
    assert "DENGAN RAHMAT TUHAN YANG MAHA ESA" in first
    assert "BUPATI BALANGAN," in first
    # the kepala daerah kop: emblem centred above BUPATI BALANGAN, no agency address
    width = out.sizes[0][0]
    emblems = [b for b in out.images(0) if b[1] > out.sizes[0][1] * 0.7]
    assert emblems, "no emblem at the top of page 1"
    centre = (emblems[0][0] + emblems[0][2]) / 2
    text_centre = (30 * MM + width - 20 * MM) / 2
    assert abs(centre - text_centre) < 5 * MM, "the emblem is not centred over the text"
    assert "Jl." not in out.pages[0]
    # the signatory: name only
    assert "ABDUL HADI" in out.text and "NIP." not in out.text
    # the lampiran: landscape, two-level heading, numbered rows, numbers right-aligned
    lamp = out.page_of("LAMPIRAN KEPUTUSAN BUPATI BALANGAN")
    assert not _landscape(out.sizes[0]) and all(_landscape(s) for s in out.sizes[lamp:])
    lamp_text = " ".join(" ".join(out.pages[lamp:]).split())
    _in_order(lamp_text, ["KONDISI AWAL (2020)", "TARGET", "2021", "2022", "2023", "2024", "2025", "2026"])
    _in_order(lamp_text, [f"{n}." for n in range(1, 11)])
    [target] = out.boxes(lamp, "TARGET")
    years = [
        min((b for b in out.boxes(lamp, str(y)) if b[3] <= target[1] + 1), key=lambda b: target[1] - b[3])
        for y in range(2021, 2027)
    ]
    assert all(y[3] < target[1] for y in years), "the years are not under TARGET"
    assert target[0] >= years[0][0] - 1 and target[2] <= years[-1][2] + 1, "TARGET does not span the years"
    rights = [out.boxes(lamp, value)[0][2] for value in ("70,05", "3,50", "5,20", "60,00")]  # column 2021
    assert max(rights) - min(rights) < 1.5, f"column 2021 is not right-aligned: right edges {rights}"
    lefts = [out.boxes(lamp, value)[0][0] for value in ("70,05", "3,50")]
    assert abs(lefts[0] - lefts[1]) > 2, "values of different widths start at the same x: not right-aligned"
    _page_numbers(out, "- {n} -", first_page=False, top=True)
    _tte_footer_on_every_page(out)


def shape_tim(out: Output) -> None:
    text = out.text
    assert "Tembusan Yth.:" in text
    _in_order(
        text,
        [
            "Tembusan Yth.:",
            "1. Bupati Balangan (sebagai laporan) di Paringin;",
            "4. Inspektur Daerah Kabupaten Balangan di Paringin;",
            "5. Yang bersangkutan untuk diketahui dan dilaksanakan.",
        ],
    )
    _in_order(
        text,
        [
            "KEDUA",
            "mempunyai tugas:",
            "a. menerima",
            "b. memverifikasi",
            "meliputi:",
            "1) keputusan kenaikan pangkat terakhir;",
            "2) dokumen",
            "4) surat tanda lulus",
            "yang dipersyaratkan;",
            "c. menyampaikan",
            "d. mengembalikan",
            "e. melaporkan",
            "Kabupaten Balangan.",
            "KETIGA",
        ],
    )
    # signatory with rank and NIP (an ASN official)
    _in_order(text, ["H. SUFRIANNOR, S.Sos, M.AP", "PEMBINA UTAMA MUDA", "NIP. 19681012 198903 1 009"])
    # the member table: automatic numbers, name and NIP in one cell on two lines
    lamp = out.page_of("LAMPIRAN KEPUTUSAN KEPALA BADAN")
    lamp_text = " ".join(" ".join(out.pages[lamp:]).split())
    _in_order(lamp_text, ["NO.", "NAMA / NIP", "JABATAN", "KEDUDUKAN DALAM TIM", "1.", "H. AHMAD SYAUFANI"])
    _in_order(lamp_text, [f"{n}." for n in range(1, 7)])
    [name] = out.boxes(lamp, "H. AHMAD SYAUFANI")
    [nip] = out.boxes(lamp, "NIP. 19750418 199803 1 005")
    assert nip[3] <= name[1] + 1 and abs(nip[0] - name[0]) < 2, "NIP is not on its own line under the name"
    assert all(not _landscape(s) for s in out.sizes)
    member_table = next(t for t in out.docx.tables if "KEDUDUKAN DALAM TIM" in t.rows[0].cells[-1].text)
    assert [row.cells[0].text.strip() for row in member_table.rows[1:]] == [f"{n}." for n in range(1, 7)]


def shape_perubahan(out: Output) -> None:
    text = out.text
    _in_order(
        text,
        [
            "TENTANG PERUBAHAN ATAS KEPUTUSAN KEPALA BADAN KEPEGAWAIAN",
            "NOMOR 800/1199/Kpts/Ka/BKPSDM/2023",
            "MEMUTUSKAN",
            "KESATU",
            "Mengubah DIKTUM KETIGA Keputusan",
            "sehingga berbunyi sebagai berikut:",
            "KETIGA : Penyesuaian Indikator Kinerja Individu (IKI)",
            "KEDUA",
            "Lampiran II Keputusan",
            "diubah sehingga menjadi sebagaimana tercantum dalam Lampiran",
            "KETIGA",
            "Keputusan ini mulai berlaku pada tanggal ditetapkan.",
        ],
    )
    lamp = out.page_of("LAMPIRAN KEPUTUSAN KEPALA BADAN")
    header = " ".join(out.pages[lamp].split())
    assert "LAMPIRAN KEPUTUSAN" in header and "LAMPIRAN I " not in header, "one lampiran is not 'LAMPIRAN'"
    assert "Persentase Pegawai ASN yang Memperoleh Pengembangan Kompetensi" in text
    # the completed cell (a table row may divide over a page break in the PDF: read it in the DOCX)
    cells = " ".join(" ".join(c.text.split()) for t in out.docx.tables for row in t.rows for c in row.cells)
    assert "melalui aplikasi web SKM BKPSDM sesuai Peraturan Menteri PAN dan RB No. 14 Tahun 2017)" in cells
    # a draft: no number yet, marked DRAFT
    assert "NOMOR : ........................" in text and out.watermark(0)
    title = out.docx.core_properties.title
    assert 0 < len(title) <= 255 and "PERUBAHAN ATAS KEPUTUSAN" in title


def shape_draf_paraf(out: Output) -> None:
    text = out.text
    assert all(out.watermark(i) for i in range(len(out.pages))), "a draft page lacks the DRAFT watermark"
    assert "NOMOR ........................" in text
    last = len(out.pages) - 1
    signed = out.page_of("ABDUL HADI")
    assert signed == last or "PARAF KOORDINASI" in " ".join(out.pages[signed + 1 :])
    # paraf hierarki beside the signatory's name
    [name] = out.boxes(signed, "ABDUL HADI")
    for jabatan, initials in (
        ("Sekretaris Daerah", "SA"),
        ("Asisten Administrasi Umum", ""),
        ("Kepala Bagian Hukum", "RH"),
    ):
        boxes = [b for b in out.boxes(signed, jabatan) if abs(b[1] - name[1]) < 80]
        assert boxes, f"paraf hierarki {jabatan!r} is not beside the signatory's name"
        if initials:
            assert out.boxes(signed, initials), f"initials {initials!r} missing"
    # the TTE anchor in the signing space, between jabatan and name
    [jabatan] = [b for b in out.boxes(signed, "BUPATI BALANGAN,") if b[0] > out.sizes[signed][0] / 3]
    anchors = [b for b in out.boxes(signed, "#") if name[3] <= b[1] <= jabatan[1]]
    assert anchors, "no TTE anchor '#' in the signing space"
    # a QR code of the verification address beside the signature block
    qr = out.qr(signed, "https://jdih.balangankab.go.id/verifikasi/draf")
    [placed] = out.boxes(signed, "Ditetapkan")
    assert qr[2] < name[0], "the QR code is not left of the signature"
    assert qr[3] > name[1] and qr[1] < placed[3], "the QR code is not at the height of the signature block"
    # paraf koordinasi table
    _in_order(
        text,
        [
            "PARAF KOORDINASI",
            "NO.",
            "UNIT KERJA",
            "NAMA",
            "PARAF",
            "TANGGAL",
            "1.",
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "SF",
            "13 Mei 2024",
            "4.",
            "Bagian Hukum Sekretariat Daerah",
        ],
    )
    # the diktum that revokes the old decree is the one written, not a second, generated one
    assert text.count("dicabut dan dinyatakan tidak berlaku") == 1
    _in_order(
        text,
        [
            "KESATU",
            "a. Ketua : Sekretaris Daerah",
            "c. Anggota:",
            "1. Asisten",
            "5. Kepala Badan Perencanaan",
        ],
    )
    _page_numbers(out, "- {n} -", first_page=False, top=True)
    _tte_footer_on_every_page(out)
    assert out.docx.core_properties.subject == "DRAF"


def shape_standar(out: Output) -> None:
    lamp = out.page_of("LAMPIRAN KEPUTUSAN KEPALA BADAN")
    assert all(not _landscape(s) for s in out.sizes[lamp:])
    lamp_text = " ".join(" ".join(out.pages[lamp:]).split())
    _in_order(
        lamp_text,
        [
            "Kode Layanan: SP-BKPSDM-01",
            "I. PELAYANAN USUL KENAIKAN PANGKAT",
            "a. Dasar hukum:",
            "1) Peraturan Pemerintah Nomor 99 Tahun 2000",
            "2) Peraturan Pemerintah Nomor 11 Tahun 2017",
            "b. Persyaratan:",
            "1) usul kenaikan pangkat reguler:",
            "- salinan sah keputusan pangkat terakhir;",
            "- dokumen penilaian kinerja 2 (dua) tahun terakhir;",
            "2) usul kenaikan pangkat pilihan, ditambah:",
            "c. Sistem, mekanisme dan prosedur:",
            "4) keputusan kenaikan pangkat",
            "f. Produk pelayanan: keputusan kenaikan pangkat dalam bentuk dokumen elektronik.",
            "II. PELAYANAN USUL PENSIUN",
            "d. Biaya/tarif: tidak dipungut biaya.",
            "III. PENANGANAN PENGADUAN, SARAN DAN MASUKAN",
            "Pengaduan, saran dan masukan dapat disampaikan melalui:",
            "d. telepon/faksimile (0526) 2028060 pada hari dan jam kerja.",
        ],
    )
    width = out.sizes[lamp][0]
    [code] = out.boxes(lamp, "SP-BKPSDM-01")
    assert code[2] > width - 20 * MM - 3, "'Kode Layanan' is not right-aligned"
    [heading] = out.boxes(lamp, "I. PELAYANAN USUL KENAIKAN PANGKAT")
    middle = (30 * MM + width - 20 * MM) / 2
    assert abs((heading[0] + heading[2]) / 2 - middle) < 3 * MM, "the section heading is not centred"
    [item] = out.boxes(lamp, "a. Dasar hukum:")
    [sub] = out.boxes(lamp, "1) Peraturan Pemerintah Nomor 99")
    assert sub[0] > item[0] + 3, "the nested item is not indented under its parent"
    _in_order(
        out.text,
        [
            "Menimbang",
            "1) kemampuan penyelenggara;",
            "3) kondisi lingkungan;",
            "b. bahwa",
            "Mengingat",
            "Memperhatikan",
        ],
    )


def shape_disdik(out: Output) -> None:
    first = out.pages[0]
    width, height = out.sizes[0]
    # the letterhead is one image as wide as the text, at the top; its words are not text
    kop = [b for b in out.images(0) if b[3] > height * 0.75]
    assert kop, "no letterhead image at the top of page 1"
    assert abs((kop[0][2] - kop[0][0]) - (width - 50 * MM)) < 3 * MM, (
        "the letterhead is not as wide as the text"
    )
    assert "PEMERINTAH KABUPATEN BALANGAN" not in first
    assert "KEPALA DINAS PENDIDIKAN KABUPATEN BALANGAN" in first
    lamp = out.page_of("LAMPIRAN KEPUTUSAN KEPALA DINAS")
    lamp_text = " ".join(" ".join(out.pages[lamp:]).split())
    assert "TANGGAL : 2 Mei 2024" in lamp_text
    assert not re.search(r"\b1 2 3 4 5\b", lamp_text), "a table without column numbers shows them"
    assert lamp_text.count("SMP Negeri 1 Paringin") == 1 and lamp_text.count("288") == 1
    _in_order(lamp_text, ["JUMLAH", "704"])
    [school] = out.boxes(lamp, "SMP Negeri 1 Paringin")
    [first_desa] = out.boxes(lamp, "Kelurahan Paringin Kota")
    [last_desa] = out.boxes(lamp, "Desa Balida")
    assert last_desa[1] < school[1] and first_desa[3] >= school[1], (
        "the school cell does not span its villages"
    )
    [total] = out.boxes(lamp, "JUMLAH")
    [kecamatan] = out.boxes(lamp, "KECAMATAN")
    [sekolah] = [b for b in out.boxes(lamp, "SEKOLAH") if abs(b[1] - kecamatan[1]) < 3]
    assert (total[0] + total[2]) / 2 > sekolah[2], "JUMLAH is not centred over the four columns it spans"
    table = next(t for t in out.docx.tables if "DAYA TAMPUNG" in t.rows[0].cells[-1].text)
    cells = [table.cell(r, 1) for r in range(1, 5)]
    assert all(c._tc is cells[0]._tc for c in cells), "the school cell is not merged over four rows"
    assert table.cell(8, 2)._tc is not table.cell(7, 2)._tc  # Paringin Selatan starts its own cell
    jumlah = table.rows[-1].cells
    assert jumlah[0]._tc is jumlah[3]._tc, "JUMLAH is not merged over four columns"


def shape_ppid(out: Output) -> None:
    text = out.text
    _in_order(
        text,
        [
            "Mengingat",
            "1. Undang-Undang Dasar Negara Republik Indonesia Tahun 1945;",
            "2. Undang-Undang Nomor 2 Tahun 2003",
            "3. Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik (Lembaran Negara "
            "Republik Indonesia Tahun 2008 Nomor 61, Tambahan Lembaran Negara Republik Indonesia Nomor 4846);",
            "5. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
            "sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023",
            "6. Peraturan Pemerintah Nomor 61 Tahun 2010",
            "7. Peraturan Daerah Kabupaten Balangan Nomor 5 Tahun 2019 tentang Penyelenggaraan Pelayanan Publik "
            "(Lembaran Daerah Kabupaten Balangan Tahun 2019 Nomor 5, Tambahan Lembaran Daerah Kabupaten "
            "Balangan Nomor 52);",
            "8. Peraturan Bupati Balangan Nomor 12 Tahun 2022 tentang Pedoman Pengelolaan Pelayanan "
            "Informasi dan Dokumentasi di Lingkungan Pemerintah Kabupaten Balangan (Berita Daerah "
            "Kabupaten Balangan Tahun 2022 Nomor 12).",
            "MEMUTUSKAN",
        ],
    )
    # the revoking diktum, generated before the last one
    _in_order(
        text,
        [
            "KEEMPAT",
            "KELIMA",
            "Keputusan Bupati Balangan Nomor 188.45/203/2021 dicabut dan dinyatakan tidak berlaku.",
            "KEENAM",
            "Keputusan Bupati ini mulai berlaku pada tanggal ditetapkan.",
        ],
    )
    lamp = out.page_of("LAMPIRAN KEPUTUSAN BUPATI BALANGAN")
    lamp_text = " ".join(" ".join(out.pages[lamp:]).split())
    _in_order(
        lamp_text,
        ["NO.", "KEDUDUKAN DALAM PPID", "JABATAN", "1 2 3", "1.", "Pembina", "9.", "PPID Pelaksana"],
    )
    _in_order(lamp_text, ["meliputi:", "- sekretariat daerah", "- inspektorat", "- kecamatan dan kelurahan"])


def shape_inspektorat(out: Output) -> None:
    decree = load(CONTOH / "kpts-inspektorat-iku-2025-2029.yaml")
    assert len(decree.tentang) > 255
    assert " ".join(decree.tentang.split()) in out.text, "the long title is not printed whole"
    title = out.docx.core_properties.title
    assert 0 < len(title) <= 255 and decree.tentang.startswith(title.rstrip(". …"))
    assert all(
        abs(w - 595.3) < 2 and abs(h - 841.9) < 2 or abs(w - 841.9) < 2 and abs(h - 595.3) < 2
        for w, h in out.sizes
    )
    lamp = out.page_of("LAMPIRAN KEPUTUSAN INSPEKTUR")
    pages = out.pages[lamp:]
    assert len(pages) >= 2, "the sasaran with seven indicators should need more than one page"
    assert all(_landscape(s) for s in out.sizes[lamp:])
    for index, page in enumerate(pages):
        squeezed = " ".join(page.split())
        if "Makna Indikator" in squeezed:  # a page of table rows (the last may hold the signature only)
            assert "PENANGGUNG JAWAB" in squeezed and "SATUAN" in squeezed, (
                f"lampiran page {index + 1} lacks the header"
            )
    lamp_text = " ".join(" ".join(pages).split())
    _in_order(
        lamp_text,
        [
            "1.",
            "Level Maturitas Penyelenggaraan",
            "Level Kapabilitas Aparat Pengawasan Intern",
            "Persentase Tindak Lanjut Rekomendasi",
            "Nilai Evaluasi Sistem Akuntabilitas",
            "Monitoring Center for Prevention",
            "Indeks Survei Penilaian Integritas",
            "Opini Badan Pemeriksa Keuangan",
            "2.",
            "Nilai Kepuasan Perangkat Daerah",
        ],
    )
    _in_order(
        lamp_text,
        [
            "Makna Indikator :",
            "Alasan Pemilihan :",
            "Formulasi Perhitungan :",
            "Sumber/Referensi Indikator :",
        ],
    )
    _page_numbers(out, "{n}", first_page=True, top=False)
    _in_order(
        out.text, ["LAMPIRAN", "NOMOR : 700/1045/Kpts/INSP/2025", "TANGGAL : 11 Agustus 2025", "TENTANG"]
    )


SHAPES: dict[str, Callable[[Output], None]] = {
    "kpts-bupati-iku-2021-2026.yaml": shape_bupati_iku,
    "kpts-tim-verifikasi-kenaikan-pangkat.yaml": shape_tim,
    "kpts-perubahan-iku-iki-bkpsdm-2024.yaml": shape_perubahan,
    "draf-bupati-tim-penilai-kinerja.yaml": shape_draf_paraf,
    "kpts-standar-pelayanan-kepegawaian.yaml": shape_standar,
    "kpts-disdik-zonasi-ppdb-2024.yaml": shape_disdik,
    "kpts-bupati-ppid.yaml": shape_ppid,
    "kpts-inspektorat-iku-2025-2029.yaml": shape_inspektorat,
}


def test_every_example_has_a_shape_check() -> None:
    assert set(SHAPES) == set(NAMES)


def _cases() -> Iterator[tuple[str, str]]:
    for engine in ENGINES:
        for name in NAMES:
            yield engine, name


@pytest.mark.parametrize(("engine", "name"), list(_cases()), ids=[f"{e}-{n}" for e, n in _cases()])
def test_shape(builds: Builds, engine: str, name: str) -> None:
    SHAPES[name](builds.output(engine, name))


def test_tembusan_in_the_docx_too(builds: Builds) -> None:
    out = builds.output("reportlab", "kpts-tim-verifikasi-kenaikan-pangkat.yaml")
    paragraphs = out.docx_paragraphs
    heading = paragraphs.index("Tembusan Yth.:")
    items = [p for p in paragraphs[heading + 1 : heading + 6]]
    assert items[0].endswith("di Paringin;") and items[-1].endswith("dilaksanakan.")


def test_bupati_title_one_line_in_the_docx(builds: Builds) -> None:
    out = builds.output("reportlab", "kpts-bupati-iku-2021-2026.yaml")
    paragraphs = out.docx_paragraphs
    assert "KEPUTUSAN BUPATI BALANGAN" in paragraphs
    assert "NOMOR 188.45/412/2021" in paragraphs
    assert "KEPUTUSAN" not in paragraphs  # not split over two lines


def test_a_signature_never_stands_alone_on_its_page(tmp_path: Path) -> None:
    """The Bupati IKU example's lampiran ends with a note that fills its page: the note goes to the
    next page with the signature (reportlab keeps them together, the DOCX keeps it with the next)."""
    import io

    from pypdf import PdfReader

    from keputusan import build
    from keputusan.docx_text import W, document_xml
    from keputusan.layout import layout
    from keputusan.load import load
    from keputusan.render_docx import render

    decree = load(CONTOH / "kpts-bupati-iku-2021-2026.yaml")
    pdf = PdfReader(io.BytesIO(build.pdf_bytes(decree, build.Options())))
    last = pdf.pages[-1].extract_text()
    assert "Keterangan: WTP" in last and "ABDUL HADI" in last
    root = document_xml(render(layout(decree)))
    for tbl in root.iter(f"{W}tbl"):
        caption = tbl.find(f"{W}tblPr/{W}tblCaption")
        if caption is None or caption.get(f"{W}val") != "ttd":
            continue
        before = tbl.getprevious()
        while not "".join(before.itertext()).strip():
            before = before.getprevious()
        assert before.find(f"{W}pPr/{W}keepNext") is not None, "".join(before.itertext())[:60]
