"""The seed decree as DOCX, read back as a reviewer would check it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from keputusan.docx_text import docx_lines
from keputusan.layout import layout
from keputusan.load import load
from keputusan.render_docx import render

from .conftest import MINIMAL
from .seedtext import assert_seed_words


@pytest.fixture(scope="module")
def built(seed) -> bytes:  # type: ignore[no-untyped-def]
    return render(layout(seed))


@pytest.fixture(scope="module")
def document(built: bytes) -> Any:
    return docx.Document(io.BytesIO(built))


def _caption(tbl: Any) -> str:
    caption = tbl.find(qn("w:tblPr") + "/" + qn("w:tblCaption"))
    return caption.get(qn("w:val")) if caption is not None else ""


def content_tables(document: Any) -> list[Any]:
    return [t._tbl for t in document.tables if _caption(t._tbl) == "isi-lampiran"]


def cell_text(tc: Any) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def merge(tc: Any) -> str | None:
    element = tc.find(qn("w:tcPr") + "/" + qn("w:vMerge"))
    if element is None:
        return None
    return element.get(qn("w:val")) or "continue"


def test_sections_portrait_then_landscape_f4(document: Any) -> None:
    sections = document.sections
    assert len(sections) == 3
    first, *lampiran = sections
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert abs(first.page_width - Mm(215)) < Mm(0.5) and abs(first.page_height - Mm(330)) < Mm(0.5)
    for section in lampiran:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert abs(section.page_width - Mm(330)) < Mm(0.5) and abs(section.page_height - Mm(215)) < Mm(0.5)
    assert abs(first.left_margin - Mm(30)) < Mm(0.1) and abs(first.right_margin - Mm(20)) < Mm(0.1)


def test_both_header_rows_repeat(document: Any) -> None:
    tables = content_tables(document)
    assert len(tables) == 2
    for tbl in tables:
        rows = tbl.findall(qn("w:tr"))
        repeat = [row.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None for row in rows]
        assert repeat[:2] == [True, True] and not any(repeat[2:])
        assert [cell_text(tc) for tc in rows[1].findall(qn("w:tc"))] == ["1", "2", "3", "4", "5", "6"]
        assert cell_text(rows[0].findall(qn("w:tc"))[0]) == "NO."


def test_iki_sasaran_six_spans_exactly_two_rows(document: Any) -> None:
    iki = content_tables(document)[1]
    rows = iki.findall(qn("w:tr"))[2:]
    assert len(rows) == 13
    numbers = [cell_text(r.findall(qn("w:tc"))[0]) for r in rows]
    six = numbers.index("6.")
    cells = [r.findall(qn("w:tc")) for r in rows]
    assert [merge(tc) for tc in cells[six][:3]] == ["restart", "restart", None]
    assert [merge(tc) for tc in cells[six + 1][:3]] == ["continue", "continue", None]
    assert all(merge(tc) is None for tc in cells[six + 2])
    assert cell_text(cells[six][1]) == "Meningkatnya Penataan Jabatan Pegawai ASN"
    assert cell_text(cells[six + 1][2]).startswith("Persentase Jabatan Fungsional")
    assert sum(1 for row in cells for tc in row if merge(tc) is not None) == 4


def test_row_numbers_derived(document: Any) -> None:
    iku, iki = content_tables(document)
    first_cells = [cell_text(r.findall(qn("w:tc"))[0]) for r in iku.findall(qn("w:tr"))[2:]]
    assert first_cells == ["1.", "2."]
    numbers = [cell_text(r.findall(qn("w:tc"))[0]) for r in iki.findall(qn("w:tr"))[2:]]
    assert [n for n in numbers if n] == [f"{n}." for n in range(1, 13)]


def test_column_widths_grid_and_cells_agree(document: Any) -> None:
    text_width = round((330 - 30 - 20) / 25.4 * 1440)
    for tbl in content_tables(document):
        assert tbl.find(qn("w:tblPr") + "/" + qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        grid = [int(c.get(qn("w:w"))) for c in tbl.find(qn("w:tblGrid"))]
        assert len(grid) == 6 and abs(sum(grid) - text_width) <= 6
        assert grid[3] > 2.5 * grid[1]  # the explanation column is the widest
        for row in tbl.findall(qn("w:tr")):
            widths = [
                int(tc.find(qn("w:tcPr") + "/" + qn("w:tcW")).get(qn("w:w")))
                for tc in row.findall(qn("w:tc"))
            ]
            assert widths == grid


def test_ordinals_and_menetapkan(built: bytes) -> None:
    lines = docx_lines(built)
    diktum = [line.split("\t")[0] for line in lines if "\t:\t" in line and line.split("\t")[0].isupper()]
    assert diktum == ["KESATU", "KEDUA", "KETIGA", "KEEMPAT"]
    assert any(line.startswith("Menetapkan\t:\tKEPUTUSAN KEPALA BADAN") for line in lines)


def test_lampiran_headers_carry_number_and_title(built: bytes, seed) -> None:  # type: ignore[no-untyped-def]
    lines = docx_lines(built)
    for label in ("LAMPIRAN I", "LAMPIRAN II"):
        start = lines.index(label)
        assert lines[start + 1 : start + 5] == [
            f"KEPUTUSAN {seed.pejabat}",
            "NOMOR : 800/1199/Kpts/Ka/BKPSDM/2023",
            "TENTANG",
            seed.tentang,
        ]


def test_seed_words_in_order_from_docx(built: bytes) -> None:
    assert_seed_words("\n".join(docx_lines(built)))


def test_italics_from_content(document: Any) -> None:
    italic = {run.text for p in document.paragraphs for run in p.runs if run.italic}
    assert {"impact", "outcome", "output"} <= italic
    table_italic = {
        r.text
        for t in document.tables
        for row in t.rows
        for cell in row.cells
        for p in cell.paragraphs
        for r in p.runs
        if r.italic
    }
    assert {"dibagi", "dikali", "customer", "feedback"} <= table_italic


def test_profile_fonts_and_emblem(document: Any, built: bytes) -> None:
    normal = document.styles["Normal"]
    assert normal.font.name == "Arial" and normal.font.size.pt == 12
    assert document.styles["Tabel Isi"].font.size.pt == 10
    names = zipfile.ZipFile(io.BytesIO(built)).namelist()
    assert any(name.startswith("word/media/") and name.endswith(".png") for name in names)


def test_package_is_clean_and_properties_come_from_the_decree(built: bytes, document: Any) -> None:
    package = zipfile.ZipFile(io.BytesIO(built))
    names = package.namelist()
    assert names[0] == "[Content_Types].xml"
    assert not [n for n in names if "thumbnail" in n or "customXml" in n or "stylesWithEffects" in n]
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in package.infolist())
    for name in names:
        if name.endswith(".xml"):
            assert b"w:rsid" not in package.read(name), name
    props = document.core_properties
    assert props.title.startswith("PENYESUAIAN INDIKATOR KINERJA UTAMA")
    assert props.subject == "800/1199/Kpts/Ka/BKPSDM/2023"
    assert props.author.startswith("Badan Kepegawaian")
    assert props.created.date().isoformat() == "2023-09-22"


def test_two_builds_are_byte_identical(seed) -> None:  # type: ignore[no-untyped-def]
    assert render(layout(seed)) == render(layout(seed))


LITERALS = [
    ("ampersand", "utama & target"),
    ("less-than", "nilai < 5"),
    ("greater-than", "nilai > 5"),
    ("quotes", "disebut \"baik\" dan 'cukup'"),
    ("jinja-variable", "{{ nomor }}"),
    ("jinja-statement", "{% for x in y %}ulang{% endfor %}"),
    ("jinja-comment", "{# catatan #}"),
    ("xml", "</w:t></w:r><w:r><w:t>sisipan"),
    # the package's rsid cleaning once deleted this from the decree's text
    ("rsid-attribute", 'kode w:rsidR="00AB1234" w:rsidRDefault="00CD5678" tetap'),
    ("rsid-elements", '<w:rsids><w:rsid w:val="00AB1234"/></w:rsids> tetap'),
]


@pytest.mark.parametrize("text", [t for _, t in LITERALS], ids=[i for i, _ in LITERALS])
def test_content_is_printed_literally(content_dir: Path, text: str) -> None:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    yaml_text = MINIMAL.replace(
        "  - Keputusan ini mulai berlaku pada tanggal ditetapkan.",
        f'  - "{quoted}"\n  - Keputusan ini mulai berlaku pada tanggal ditetapkan.',
    ).replace("tentang: UJI COBA", f'tentang: "UJI {quoted}"')
    path = content_dir / "decree.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    lines = docx_lines(render(layout(load(path))))
    assert f"KESATU\t:\t{text}" in lines
    assert f"UJI {text}" in lines


GENERAL_TABLE = """\
lampiran:
  - judul: DAFTAR
    isi:
      - jenis: tabel
        kolom: [NO., NAMA, {judul: KETERANGAN, lebar: 2}]
        nomor_kolom: true
        baris:
          - [{teks: "1.", rata: tengah}, {teks: Gabung dua baris, gabung_baris: 2}, Satu]
          - [{teks: "2.", rata: tengah}, Dua]
          - [{teks: Gabung semua kolom, gabung_kolom: 3}]
"""


def test_general_table_spans(content_dir: Path) -> None:
    path = content_dir / "decree.yaml"
    path.write_text(MINIMAL + GENERAL_TABLE, encoding="utf-8")
    document = docx.Document(io.BytesIO(render(layout(load(path)))))
    [tbl] = content_tables(document)
    rows = tbl.findall(qn("w:tr"))[2:]
    spans = [
        [
            (
                int(tc.find(qn("w:tcPr") + "/" + qn("w:gridSpan")).get(qn("w:val")))
                if tc.find(qn("w:tcPr") + "/" + qn("w:gridSpan")) is not None
                else 1,
                merge(tc),
            )
            for tc in row.findall(qn("w:tc"))
        ]
        for row in rows
    ]
    assert spans == [
        [(1, None), (1, "restart"), (1, None)],
        [(1, None), (1, "continue"), (1, None)],
        [(3, None)],
    ]
    grid = [int(c.get(qn("w:w"))) for c in tbl.find(qn("w:tblGrid"))]
    assert abs(grid[2] - 2 * grid[1]) <= 2
    assert cell_text(rows[1].findall(qn("w:tc"))[2]) == "Dua"
