"""Every form the layout carries, in the DOCX, read back as a reviewer would check it.

The decree tests/data/forms/semua-bentuk.yaml (profile bupati.yaml) uses them all: the kop of a
kepala daerah, a one-line title without a colon after NOMOR, lists two levels deep, tembusan,
paraf hierarki and koordinasi, a QR code and TTE anchor and footer, page numbers from page 2,
a portrait and a landscape lampiran, a two-level table heading and a table without column
numbers.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from keputusan.diff import merge
from keputusan.images import qr_png
from keputusan.layout import CORE_PROPERTY_LIMIT, Layout, layout
from keputusan.load import load
from keputusan.render_docx import Revisions, render

from .conftest import MINIMAL

FORMS = Path(__file__).parent / "data" / "forms"


@pytest.fixture(scope="module")
def parts() -> Layout:
    return layout(load(FORMS / "semua-bentuk.yaml"))


@pytest.fixture(scope="module")
def built(parts: Layout) -> bytes:
    return render(parts)


@pytest.fixture(scope="module")
def document(built: bytes) -> Any:
    return docx.Document(io.BytesIO(built))


def paragraphs(document: Any, within: Any = None) -> Iterator[Paragraph]:
    """Every paragraph of the body (or of ``within``), table cells included, in order."""
    for p in (within if within is not None else document.element.body).iter(qn("w:p")):
        yield Paragraph(p, document._body)


def text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def styled(document: Any, name: str) -> list[Paragraph]:
    return [p for p in paragraphs(document) if p.style is not None and p.style.name == name]


def indents(paragraph: Paragraph) -> tuple[int, int]:
    """(left, first line) indent as the paragraph shows them: its own, else its styles'."""
    left = first = None
    style = paragraph.style
    own = paragraph.paragraph_format
    left, first = own.left_indent, own.first_line_indent
    while style is not None and (left is None or first is None):
        fmt = style.paragraph_format
        left = left if left is not None else fmt.left_indent
        first = first if first is not None else fmt.first_line_indent
        style = style.base_style
    return int(left or 0), int(first or 0)


def starting(document: Any, words: str) -> Paragraph:
    """The one paragraph whose text (after its marker) starts with ``words``."""
    [found] = [p for p in paragraphs(document) if p.text.split("\t")[-1].startswith(words)]
    return found


def caption(tbl: Any) -> str:
    element = tbl.find(qn("w:tblPr") + "/" + qn("w:tblCaption"))
    return element.get(qn("w:val")) if element is not None else ""


def tables(document: Any, name: str) -> list[Any]:
    return [t for t in document.element.body.iter(qn("w:tbl")) if caption(t) == name]


def rows(tbl: Any) -> list[Any]:
    return tbl.findall(qn("w:tr"))


def cells(tr: Any) -> list[Any]:
    return tr.findall(qn("w:tc"))


def span(tc: Any) -> int:
    element = tc.find(qn("w:tcPr") + "/" + qn("w:gridSpan"))
    return int(element.get(qn("w:val"))) if element is not None else 1


def merge_of(tc: Any) -> str | None:
    element = tc.find(qn("w:tcPr") + "/" + qn("w:vMerge"))
    if element is None:
        return None
    return element.get(qn("w:val")) or "continue"


def repeats(tr: Any) -> bool:
    return tr.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None


# --------------------------------------------------------------------------- kop and title


def test_kop_of_a_kepala_daerah_is_the_emblem_centred_above_the_office(document: Any) -> None:
    assert tables(document, "kop") == []  # no emblem-left table, no address, no rule
    body = list(paragraphs(document))
    emblem = body[0]
    assert emblem._p.find(".//" + qn("w:drawing")) is not None
    assert (
        emblem.style.name == "Kop Lambang"
        and emblem.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    )
    assert body[1].text == "BUPATI BALANGAN"
    assert not styled(document, "Kop Garis") and not styled(document, "Kop Alamat")


def test_kop_of_a_perangkat_daerah_is_a_table_with_a_rule(seed: Any) -> None:
    document = docx.Document(io.BytesIO(render(layout(seed))))
    [kop] = tables(document, "kop")
    emblem, names = cells(rows(kop)[0])
    assert emblem.find(".//" + qn("w:drawing")) is not None
    assert "BADAN KEPEGAWAIAN" in text(names) and "Paringin" in text(names)
    rule = document.styles["Kop Garis"].element.pPr.find(qn("w:pBdr") + "/" + qn("w:bottom"))
    assert rule is not None and len(styled(document, "Kop Garis")) == 1


def test_kop_image_spans_the_text_width(tmp_path: Path) -> None:
    for path in FORMS.iterdir():
        shutil.copy(path, tmp_path / path.name)
    profile = tmp_path / "bupati.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace(
            "  jenis: kepala_daerah\n", "  jenis: gambar\n  gambar: lambang-placeholder.png\n"
        ),
        encoding="utf-8",
    )
    parts = layout(load(tmp_path / "semua-bentuk.yaml"))
    document = docx.Document(io.BytesIO(render(parts)))
    first = next(paragraphs(document))
    assert first.style.name == "Kop Gambar"
    extent = first._p.find(".//" + qn("wp:extent"))
    assert abs(int(extent.get("cx")) - Mm(parts.page.text_width_mm)) < Mm(0.5)
    assert "BUPATI BALANGAN" not in [p.text for p in list(paragraphs(document))[:3]]


def test_title_on_one_line_and_nomor_without_colon(document: Any) -> None:
    title = [p.text for p in styled(document, "Judul")]
    assert title[0] == "KEPUTUSAN BUPATI BALANGAN"
    assert title[1].startswith("NOMOR ") and ":" not in title[1]
    assert title[2] == "TENTANG"
    assert [p.text for p in styled(document, "Pembuka")] == [
        "DENGAN RAHMAT TUHAN YANG MAHA ESA",
        "BUPATI BALANGAN,",
    ]
    assert [p.text for p in styled(document, "Memutuskan")] == ["MEMUTUSKAN"]


def test_content_is_printed_literally(document: Any) -> None:
    title = styled(document, "Judul")[3].text
    assert title.endswith("KABUPATEN BALANGAN & <SEKRETARIAT> {{ TIM }}")
    [members] = [t for t in tables(document, "isi-lampiran") if "JABATAN" in text(t)]
    words = [text(tc) for tr in rows(members) for tc in cells(tr)]
    assert "Drs. Budi & Rekan <ahli>" in words and "Kepala {{ Bappeda }}" in words


# --------------------------------------------------------------------------- lists


def test_list_markers_and_hanging_indents_grow_with_level(document: Any) -> None:
    for family, one, two in (
        ("Konsiderans Butir", "1)\tmenyusun rencana;", "a)\tpendataan;"),
        ("Diktum Butir", "b.\tmelaksanakan evaluasi, meliputi:", "1)\tpengumpulan data;"),
        ("Lampiran Butir", "b.\tpelaksana:", "-\tketua;"),
    ):
        first, second = starting(document, one.split("\t")[1]), starting(document, two.split("\t")[1])
        assert (first.text, second.text) == (one, two)
        assert (first.style.name, second.style.name) == (family, f"{family} 2")
        (left1, hang1), (left2, hang2) = indents(first), indents(second)
        assert hang1 < 0 and hang2 < 0  # the marker hangs left of the text
        assert abs(left2 - left1 + hang1) < Mm(0.1)  # one level deeper: the marker where the text above began


def test_deeper_levels_take_the_deepest_style(tmp_path: Path) -> None:
    for path in FORMS.iterdir():
        shutil.copy(path, tmp_path / path.name)
    decree = tmp_path / "semua-bentuk.yaml"
    source = decree.read_text(encoding="utf-8")
    deep = (
        "       1) pengumpulan data\n          a) lapangan\n             - harian\n                • pagi\n"
        "                   1. jam\n                      a. menit\n                         - detik\n"
    )
    decree.write_text(source.replace("       1) pengumpulan data\n", deep), encoding="utf-8")
    document = docx.Document(io.BytesIO(render(layout(load(decree)))))
    # levels 3 to 6 each their own style, indented each further (the standard a. 1. a) 1) nests 4)
    steps = [indents(starting(document, word)) for word in ("lapangan", "harian", "pagi", "jam")]
    assert steps == sorted(steps) and len(set(steps)) == 4
    styles = {p.text.split("\t")[-1]: p.style.name for p in styled(document, "Diktum Butir 6")}
    assert set(styles) >= {"menit;", "detik;"}  # levels 7 and 8 take the deepest style
    assert indents(starting(document, "detik")) == indents(starting(document, "jam"))


def test_diktum_colon_and_menetapkan(document: Any) -> None:
    lines = [p.text for p in styled(document, "Diktum")]
    assert [line.split("\t")[:2] for line in lines] == [
        ["Menetapkan", ":"],
        ["KESATU", ":"],
        ["KEDUA", ":"],
        ["KETIGA", ":"],
    ]


def test_alignment_from_the_layout(document: Any) -> None:
    centred = starting(document, "Susunan tim terdiri")
    assert centred.alignment == WD_ALIGN_PARAGRAPH.CENTER
    justified = starting(document, "Unsur tim:")
    assert justified.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    [plain] = [t for t in tables(document, "isi-lampiran") if "URAIAN" in text(t)]
    yes = [Paragraph(p, document._body) for p in rows(plain)[-1].iter(qn("w:p")) if text(p) == "ya"]
    assert yes[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_table_styles_take_the_table_size_at_every_level(document: Any) -> None:
    for name in ("Tabel Isi", "Tabel Kepala", "Tabel Butir", "Tabel Butir 2", "Tabel Butir 3"):
        assert document.styles[name].font.size.pt == 10, name
    assert document.styles["Normal"].font.size.pt == 12


def test_tembusan_heading_and_items(document: Any) -> None:
    assert [p.text for p in styled(document, "Tembusan Judul")] == ["Tembusan Yth.:"]
    items = styled(document, "Tembusan")
    assert [p.text.split("\t")[0] for p in items] == ["1.", "2.", "3."]
    assert all(p.text.endswith(";") for p in items[:-1]) and items[-1].text.endswith(".")
    left, first = indents(items[0])
    assert left > 0 and first == -left


# --------------------------------------------------------------------------- signature and paraf


def test_signature_with_anchor_and_qr_code(document: Any, built: bytes, parts: Layout) -> None:
    body_signature = tables(document, "ttd")[0]
    left, right = cells(rows(body_signature)[0])
    assert "#" in [p.text for p in paragraphs(document, right) if p.style.name == "Ttd Ruang"]
    assert [p.text for p in paragraphs(document, right) if p.style.name == "Ttd Nama"] == ["ABDUL HADI"]
    blip = left.find(".//" + qn("a:blip"))
    assert blip is not None
    image = document.part.related_parts[blip.get(qn("r:embed"))]
    assert parts.signature.qr == "https://jdih.balangankab.go.id/verifikasi/draf"
    assert image.blob == qr_png(parts.signature.qr)
    assert tables(document, "paraf-hierarki") and not list(left.iter(qn("w:tbl")))  # paraf on the last block


def test_paraf_hierarki_beside_the_last_signature(document: Any) -> None:
    last_signature = tables(document, "ttd")[-1]
    [paraf] = list(cells(rows(last_signature)[0])[0].iter(qn("w:tbl")))
    assert caption(paraf) == "paraf-hierarki"
    assert [[text(tc) for tc in cells(tr)] for tr in rows(paraf)] == [
        ["Sekretaris Daerah", "AB"],
        ["Asisten Pemerintahan", ""],
        ["Kabag Hukum", "CD"],
    ]


def test_paraf_koordinasi_after_the_tembusan(document: Any) -> None:
    [table] = tables(document, "paraf-koordinasi")
    body = list(document.element.body)
    heading = styled(document, "Paraf Judul")[0]
    last_tembusan = styled(document, "Tembusan")[-1]
    assert body.index(last_tembusan._p) < body.index(heading._p) < body.index(table)
    assert heading.text == "PARAF KOORDINASI"
    found = [[text(tc) for tc in cells(tr)] for tr in rows(table)]
    assert found[0] == ["NO.", "UNIT KERJA", "NAMA", "PARAF", "TANGGAL"]
    assert found[1][:4] == ["1.", "Bagian Hukum", "Siti Rahmah", "SR"]
    assert found[2][:3] == ["2.", "Bagian Organisasi", "Ahmad Fauzi"]


# --------------------------------------------------------------------------- pages and furniture


def test_sections_follow_the_layout_pages(document: Any, parts: Layout) -> None:
    assert len(document.sections) == len(parts.pages) == 3
    for section, page in zip(document.sections, parts.pages, strict=True):
        assert (section.orientation == WD_ORIENT.LANDSCAPE) == page.landscape
        assert abs(section.page_width - Mm(page.width_mm)) < Mm(0.5)
        assert abs(section.page_height - Mm(page.height_mm)) < Mm(0.5)
        assert abs(section.left_margin - Mm(page.left_mm)) < Mm(0.1)
    assert [p.landscape for p in parts.pages] == [False, False, True]


def test_page_numbers_in_the_header_from_page_two(document: Any) -> None:
    first = document.sections[0]
    assert first.different_first_page_header_footer  # w:titlePg
    header = first.header._element
    assert "PAGE" in "".join(t.text or "" for t in header.iter(qn("w:instrText")))
    number = [p for p in header.iter(qn("w:p")) if p.find(".//" + qn("w:fldChar")) is not None][0]
    assert text(number) == "- 1 -"  # "- ", the field's placeholder, " -"
    first_page = first.first_page_header._element
    assert not list(first_page.iter(qn("w:instrText")))
    assert "PAGE" not in "".join(t.text or "" for t in first.footer._element.iter(qn("w:instrText")))
    for section in document.sections[1:]:  # the lampiran continue the count
        assert section.header.is_linked_to_previous and not section.different_first_page_header_footer
        sect_pr = section._sectPr
        number_type = sect_pr.find(qn("w:pgNumType"))
        assert number_type is None or number_type.get(qn("w:start")) is None


def test_page_numbers_in_the_footer_from_page_one(tmp_path: Path) -> None:
    for path in FORMS.iterdir():
        shutil.copy(path, tmp_path / path.name)
    profile = tmp_path / "bupati.yaml"
    changed = profile.read_text(encoding="utf-8").replace(
        "  posisi: atas\n", "  posisi: bawah\n  halaman_pertama: true\n"
    )
    profile.write_text(changed, encoding="utf-8")
    document = docx.Document(io.BytesIO(render(layout(load(tmp_path / "semua-bentuk.yaml")))))
    first = document.sections[0]
    assert not first.different_first_page_header_footer
    assert "PAGE" in "".join(t.text or "" for t in first.footer._element.iter(qn("w:instrText")))
    assert not list(first.header._element.iter(qn("w:instrText")))
    assert "Dokumen ini telah ditandatangani" in text(first.footer._element)


def test_tte_footer_in_the_footer_of_every_page(document: Any, built: bytes) -> None:
    words = "Dokumen ini telah ditandatangani secara elektronik"
    first = document.sections[0]
    assert words in text(first.footer._element) and words in text(first.first_page_footer._element)
    assert all(section.footer.is_linked_to_previous for section in document.sections[1:])
    package = zipfile.ZipFile(io.BytesIO(built))
    assert words not in package.read("word/document.xml").decode()


def test_draft_watermark_on_first_and_later_pages(document: Any) -> None:
    first = document.sections[0]
    for header in (first.header, first.first_page_header):
        assert 'string="DRAFT"' in header._element.xml


# --------------------------------------------------------------------------- lampiran tables


def test_two_level_heading(document: Any) -> None:
    [targets] = [t for t in tables(document, "isi-lampiran") if "TARGET" in text(t)]
    top, lower, numbers, *data = rows(targets)
    assert all(repeats(tr) for tr in (top, lower, numbers)) and not any(repeats(tr) for tr in data)
    heads = [(text(tc), span(tc), merge_of(tc)) for tc in cells(top)]
    assert heads == [
        ("NO.", 1, "restart"),
        ("INDIKATOR", 1, "restart"),
        ("SATUAN", 1, "restart"),
        ("KONDISI AWAL", 1, "restart"),
        ("TARGET", 6, None),
    ]
    below = [(text(tc), span(tc), merge_of(tc)) for tc in cells(lower)]
    assert below[:4] == [("", 1, "continue")] * 4
    assert [t for t, _, _ in below[4:]] == [str(year) for year in range(2021, 2027)]
    assert [text(tc) for tc in cells(numbers)] == [str(n) for n in range(1, 11)]
    grid = targets.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
    assert len(grid) == 10


def test_row_numbers_and_merged_rows(document: Any) -> None:
    [targets] = [t for t in tables(document, "isi-lampiran") if "TARGET" in text(t)]
    data = rows(targets)[3:]
    assert [text(cells(tr)[0]) for tr in data] == ["1.", "2.", "3."]
    assert [merge_of(cells(tr)[1]) for tr in data] == [None, "restart", "continue"]


def test_a_table_without_column_numbers(document: Any) -> None:
    [plain] = [t for t in tables(document, "isi-lampiran") if "URAIAN" in text(t)]
    assert [[text(tc) for tc in cells(tr)] for tr in rows(plain)] == [
        ["URAIAN", "KETERANGAN"],
        ["Tanpa baris nomor kolom", "ya"],
    ]
    assert [repeats(tr) for tr in rows(plain)] == [True, False]
    [members] = [t for t in tables(document, "isi-lampiran") if "JABATAN" in text(t)]
    assert [text(cells(tr)[0]) for tr in rows(members)] == ["NO.", "1.", "2.", "3."]


# --------------------------------------------------------------------------- the whole file


def test_long_tentang_builds_with_a_short_core_title(content_dir: Path) -> None:
    tentang = " ".join(["PENETAPAN TIM KOORDINASI PENYUSUNAN DOKUMEN PERENCANAAN DAERAH"] * 7)[:400]
    assert len(tentang) == 400
    path = content_dir / "decree.yaml"
    path.write_text(MINIMAL.replace("tentang: UJI COBA", f"tentang: {tentang}"), encoding="utf-8")
    document = docx.Document(io.BytesIO(render(layout(load(path)))))
    title = document.core_properties.title
    assert len(title) <= CORE_PROPERTY_LIMIT and title.endswith("…")
    assert tentang.startswith(title[:-1].rstrip())
    assert any(p.text == tentang for p in styled(document, "Judul"))  # the page keeps it whole


def test_same_layout_same_bytes(parts: Layout, built: bytes) -> None:
    assert render(parts) == built


def test_redline_keeps_a_deleted_lampiran_on_its_own_paper(tmp_path: Path) -> None:
    for path in FORMS.iterdir():
        shutil.copy(path, tmp_path / path.name)
    source = (tmp_path / "semua-bentuk.yaml").read_text(encoding="utf-8")
    start, end = source.index("  - judul: [SUSUNAN KEANGGOTAAN TIM]"), source.index("  - judul: [TARGET")
    (tmp_path / "baru.yaml").write_text(source[:start] + source[end:], encoding="utf-8")
    merged, _ = merge(load(tmp_path / "semua-bentuk.yaml"), load(tmp_path / "baru.yaml"))
    document = docx.Document(
        io.BytesIO(render(merged, revisions=Revisions("Bagian Hukum", "2024-03-01T00:00:00Z")))
    )
    orientations = [s.orientation for s in document.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    deleted = "".join(t.text or "" for t in document.element.body.iter(qn("w:delText")))
    assert "SUSUNAN KEANGGOTAAN TIM" in deleted
    assert re.search(r"Susunan tim terdiri atas unsur berikut", deleted)


def test_memutuskan_is_kept_with_menetapkan() -> None:
    """MEMUTUSKAN never ends a page alone: its style keeps it with the next paragraph."""
    from docx import Document

    from keputusan.render_docx import TEMPLATE

    style = Document(str(TEMPLATE)).styles["Memutuskan"]
    assert style.paragraph_format.keep_with_next is True
