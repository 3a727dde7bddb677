"""`keputusan import`: the tool's own DOCX read back into the same content, every example and any
generated decree; the seed's PDF; and every refusal located, leaving the user's files as they were."""

from __future__ import annotations

import difflib
import io
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from hypothesis import HealthCheck, given, note, settings
from pydantic import BaseModel

from keputusan.build import Options, build_all
from keputusan.cli import main
from keputusan.docx_text import docx_lines
from keputusan.errors import ContentError
from keputusan.importer import import_document
from keputusan.layout import layout
from keputusan.load import load
from keputusan.plaintext import to_text
from keputusan.richtext import ListBlock, Paragraph, RichText

from .conftest import CONTENT, SEED
from .strategies import Spec, decrees

EXAMPLES = sorted(CONTENT.glob("*.yaml")) + sorted((CONTENT / "contoh").glob("*.yaml"))


def _canon(value: Any) -> Any:
    """A decree's data with text compared by what it says (its blocks), ids left out: the printed
    document carries no ids, and the same text may be typed with other line breaks."""
    if isinstance(value, RichText):
        return _blocks(value.blocks)
    if isinstance(value, BaseModel):
        return {k: _canon(getattr(value, k)) for k in type(value).model_fields if k != "id"}
    if isinstance(value, dict):
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canon(v) for v in value]
    return value


def _blocks(blocks: Any) -> list[Any]:
    out: list[Any] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(("p", repr(block.inlines)))
        else:
            assert isinstance(block, ListBlock)
            out.append(("list", block.style, [(repr(i.inlines), _blocks(i.sub)) for i in block.items]))
    return out


def _words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


def _ratio(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _build(source: Path, out: Path, fmt: str) -> Path:
    [built] = build_all([load(source)], out, Options(formats=(fmt,)))
    assert not built.problems, built.problems
    [path] = built.files
    return path


def _write(result: Any) -> None:
    for path, data in result.files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _cli(*args: str) -> Any:
    return CliRunner().invoke(main, ["--lang", "id", *args])


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_comes_back_as_the_same_content(source: Path, tmp_path: Path) -> None:
    """Build the DOCX, import it with the decree's own profile: the content is the same (text by
    what it says, ids aside), it checks, and it prints the same text."""
    decree = load(source)
    docx = _build(source, tmp_path / "out", "docx")
    target = source.parent / f"__impor_{source.stem}.yaml"
    try:
        result = import_document(docx, target, decree.profil_path)
        assert result.problems == [], result.problems
        target.write_bytes(result.files[-1][1])
        again = load(target)
        original, imported = _canon(decree.content), _canon(again.content)
        original.pop("profil"), imported.pop("profil")
        assert imported == original
        assert to_text(layout(again)) == to_text(layout(decree))
        assert result.imported.unplaced == []
    finally:
        target.unlink(missing_ok=True)


def test_the_seed_without_a_profile_draws_one_from_its_kop(tmp_path: Path) -> None:
    """No --profile: the kop, the number pattern, the place and the emblem go into a new profile
    beside the content file, and the decree builds to exactly the words of the original."""
    docx = _build(SEED, tmp_path / "out", "docx")
    folder = tmp_path / "content"
    result = _cli("import", str(docx), "-o", str(folder / "sk.yaml"))
    assert result.exit_code == 0, result.output
    profile = yaml.safe_load((folder / "profiles" / "bkpsdm-balangan.yaml").read_text(encoding="utf-8"))
    assert profile["nomor"] == {"pola": "{klasifikasi}/{urut}/Kpts/Ka/BKPSDM/{tahun}", "klasifikasi": "800"}
    assert profile["kop"]["baris"][0] == "PEMERINTAH KABUPATEN BALANGAN" and profile["tempat"] == "Balangan"
    assert profile["kop"]["alamat"] == ["Jl. Jenderal A. Yani Km. 4,5 Telp./Fax. (0526) 2028060 Paringin Selatan"]
    assert (folder / "profiles" / "bkpsdm-balangan-lambang.png").read_bytes().startswith(b"\x89PNG")
    text = (folder / "sk.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Diimpor dari ") and "profil: profiles/bkpsdm-balangan.yaml" in text
    rebuilt = [_build(folder / "sk.yaml", tmp_path / "again", "docx")]
    assert _words(docx_lines(rebuilt[0])) == _words(docx_lines(docx))
    assert f"Ditulis: {folder / 'sk.yaml'}" in result.output


def test_importing_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    docx = _build(SEED, tmp_path / "out", "docx")
    first = import_document(docx, tmp_path / "a" / "sk.yaml")
    second = import_document(docx, tmp_path / "a" / "sk.yaml")
    assert first.files == second.files


def test_the_seeds_pdf_reads_back_to_its_words(tmp_path: Path) -> None:
    """A PDF has only lines: the recogniser joins wrapped lines; tables come back as paragraphs.
    The rebuilt decree has at least 98 % of the PDF's words in order."""
    pdf = _build(SEED, tmp_path / "out", "pdf")
    folder = tmp_path / "content"
    shutil.copytree(SEED.parent / "profiles", folder / "profiles")
    result = _cli("import", str(pdf), "-o", str(folder / "sk.yaml"), "--profile",
                  str(folder / "profiles" / "bkpsdm-balangan.yaml"))
    assert result.exit_code == 0, result.output
    decree = load(folder / "sk.yaml")
    assert decree.content.nomor == "800/1199/Kpts/Ka/BKPSDM/2023"
    assert len(decree.content.menimbang) == 2 and len(decree.content.diktum) == 4
    assert [m.peraturan.jenis for m in decree.content.mengingat if m.peraturan][:2] == ["Undang-Undang"] * 2
    from keputusan.pdfpages import page_words

    original = [w for page in page_words(pdf.read_bytes()) for w in page]
    again = [_build(folder / "sk.yaml", tmp_path / "again", "pdf")]
    rebuilt = [w for page in page_words(again[0].read_bytes()) for w in page]
    ratio = _ratio(original, rebuilt)
    print(f"seed PDF: {ratio:.4f} of {len(original)} words")
    assert ratio >= 0.98


GENERATED = settings(
    max_examples=int(os.environ.get("KEPUTUSAN_IMPORT_EXAMPLES", "40")),
    deadline=None,
    # CI draws the same examples every run; elsewhere every run draws new ones
    derandomize=os.environ.get("KEPUTUSAN_REQUIRE_ALL") == "1",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # a drawn decree's long repr
@GENERATED
@given(decrees())
def test_any_valid_decree_comes_back_with_its_words(tmp_path_factory: Any, spec: Spec) -> None:
    """Whatever `check` accepts builds; its DOCX, imported with its profile, checks and prints
    the same words in the same order."""
    folder = tmp_path_factory.mktemp("dibangkitkan")
    path = spec.write(folder)
    decree = load(path)
    docx = _build(path, folder / "out", "docx")
    result = import_document(docx, folder / "impor.yaml", decree.profil_path)
    note(result.files[-1][1].decode("utf-8"))
    assert [p for p in result.problems if p.severity == "error"] == []
    _write(result)
    again = load(folder / "impor.yaml")
    before, after = to_text(layout(decree)).split(), to_text(layout(again)).split()
    assert _ratio(before, after) >= 0.98, "\n".join(difflib.unified_diff(before, after, lineterm="", n=2))


# --------------------------------------------------------------------------- what is kept, what is refused


def _office_docx(path: Path, extra: str = "", menimbang: str = "bahwa perlu ditetapkan") -> Path:
    """A small decree typed with tabs and manual numbering, as offices type."""
    doc = Document()
    for text in [
        "PEMERINTAH KABUPATEN BALANGAN", "DINAS CONTOH", "Jl. Contoh No. 1 Paringin", "",
        "KEPUTUSAN", "KEPALA DINAS CONTOH KABUPATEN BALANGAN", "NOMOR : 800/12/Kpts/DC/2024", "TENTANG",
        "TIM CONTOH", "", "KEPALA DINAS CONTOH KABUPATEN BALANGAN,", "",
        f"Menimbang\t:\ta.\t{menimbang}.",
        "Mengingat\t:\t1.\tUndang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
        "MEMUTUSKAN", "Menetapkan\t:\tKEPUTUSAN KEPALA DINAS CONTOH KABUPATEN BALANGAN TENTANG TIM CONTOH.",
        "KESATU\t:\tMembentuk Tim Contoh.", "KEDUA\t:\tKeputusan ini mulai berlaku pada tanggal ditetapkan.",
        "", "Ditetapkan di Paringin", "pada tanggal 3 Juni 2024", "KEPALA DINAS CONTOH,", "", "",
        "BUDI SANTOSO, S.H.", "Pembina", "NIP. 19681012 198903 1 009", extra,
    ]:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def test_text_it_cannot_place_is_kept_as_a_comment_and_reported(tmp_path: Path) -> None:
    source = _office_docx(tmp_path / "sk.docx", extra="Catatan: salinan sesuai aslinya")
    result = _cli("import", str(source), "-o", str(tmp_path / "sk.yaml"))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "sk.yaml").read_text(encoding="utf-8")
    assert "# TIDAK DIKENALI: Catatan: salinan sesuai aslinya  [paragraf 28" in text
    assert "tidak dapat ditempatkan" in result.output or "could not be placed" in result.output
    decree = load(tmp_path / "sk.yaml")
    assert decree.content.tanggal is not None and decree.content.tanggal.isoformat() == "2024-06-03"
    assert decree.penandatangan.nip == "196810121989031009" and decree.penandatangan.pangkat == "Pembina"
    assert decree.content.mengingat[0].peraturan is not None
    assert decree.content.mengingat[0].peraturan.tentang.plain() == "Pemerintahan Daerah"


def test_content_is_data_also_when_imported(tmp_path: Path) -> None:
    """Markup and template syntax typed in Word come back literally, and print literally."""
    hostile = "bahwa {{ tahun }} & <b>{% if x %}</b> 5 * 3 * 2 \\ tetap"
    source = _office_docx(tmp_path / "sk.docx", menimbang=hostile)
    assert _cli("import", str(source), "-o", str(tmp_path / "sk.yaml")).exit_code == 0
    decree = load(tmp_path / "sk.yaml")
    assert decree.content.menimbang[0].teks.plain() == hostile
    docx = _build(tmp_path / "sk.yaml", tmp_path / "out", "docx")
    assert any(hostile + "." in line for line in docx_lines(docx))


def test_an_existing_content_file_is_never_overwritten(tmp_path: Path) -> None:
    source = _office_docx(tmp_path / "sk.docx")
    target = tmp_path / "sk.yaml"
    target.write_text("# pekerjaan saya\n", encoding="utf-8")
    result = _cli("import", str(source), "-o", str(target))
    assert result.exit_code == 1
    assert f"{target}: galat: Berkas ini sudah ada" in result.output
    assert target.read_text(encoding="utf-8") == "# pekerjaan saya\n"
    assert not (tmp_path / "profiles").exists()


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("surat.txt", b"KEPUTUSAN", "berkas .txt"),
        ("rusak.docx", b"PK\x03\x04 bukan zip", "rusak"),
        ("surat.docx", None, "tidak terbaca sebagai keputusan"),
        ("pindaian.pdf", None, "tidak memiliki lapisan teks"),
    ],
)
def test_what_is_not_a_decree_is_refused_in_words(tmp_path: Path, name: str, data: Any, words: str) -> None:
    source = tmp_path / name
    if data is not None:
        source.write_bytes(data)
    elif name.endswith(".docx"):
        doc = Document()
        doc.add_paragraph("Dengan hormat, bersama ini kami sampaikan undangan rapat.")
        doc.save(str(source))
    else:
        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (200, 300), "white").save(buffer, format="PDF")
        source.write_bytes(buffer.getvalue())
    result = _cli("import", str(source), "-o", str(tmp_path / "hasil.yaml"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert str(source) in result.output and words in result.output.lower(), result.output
    assert not (tmp_path / "hasil.yaml").exists()


def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    source = tmp_path / "bom.docx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b"a" * 300_000_000 + b"/>")
    with pytest.raises(ContentError):
        import_document(source, tmp_path / "x.yaml")
    assert not (tmp_path / "x.yaml").exists()


# --------------------------------------------------------------------------- profiles, kops, numbers (a clerk's findings)


def _agency_docx(path: Path, region: str, nomor: str = "800.1/045/DINKES/2024", picture: bool = False,
                 lampiran_header: tuple[str, ...] = ()) -> Path:
    """A Dinas Kesehatan decree of ``region``; optionally the kop as one wide picture, and a
    lampiran whose header block is ``lampiran_header``."""
    from docx.shared import Mm
    from PIL import Image

    doc = Document()
    if picture:
        buffer = io.BytesIO()
        Image.new("RGB", (900, 200), "white").save(buffer, format="PNG")
        buffer.seek(0)
        doc.add_picture(buffer, width=Mm(160))
    else:
        for text in [f"PEMERINTAH KABUPATEN {region}", "DINAS KESEHATAN", "Jl. Merdeka No. 1"]:
            doc.add_paragraph(text)
    lines = [
        "KEPUTUSAN", f"KEPALA DINAS KESEHATAN KABUPATEN {region}", f"NOMOR : {nomor}", "TENTANG", "TIM SIAGA",
        f"KEPALA DINAS KESEHATAN KABUPATEN {region},",
        "Menimbang\t:\ta.\tbahwa perlu dibentuk tim siaga;",
        "Mengingat\t:\t1.\tUndang-Undang Nomor 17 Tahun 2023 tentang Kesehatan;",
        "MEMUTUSKAN", f"Menetapkan\t:\tKEPUTUSAN KEPALA DINAS KESEHATAN KABUPATEN {region} TENTANG TIM SIAGA.",
        "KESATU\t:\tMembentuk Tim Siaga dengan susunan sebagaimana tercantum dalam",
        "Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
        "KEDUA\t:\tKeputusan ini mulai berlaku pada tanggal ditetapkan.",
        "Ditetapkan di Kota", "pada tanggal 12 Maret 2024", f"KEPALA DINAS KESEHATAN KABUPATEN {region},", "",
        "dr. SITI AMINAH", "Pembina", "NIP. 19681012 198903 2 009",
    ]
    for text in lines:
        doc.add_paragraph(text)
    if lampiran_header:
        doc.add_page_break()
        for text in lampiran_header:
            doc.add_paragraph(text)
        doc.add_paragraph("")
        doc.add_paragraph("SUSUNAN TIM SIAGA")
        doc.add_paragraph("")
        table = doc.add_table(rows=2, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ["NO.", "NAMA", "JABATAN"], strict=True):
            cell.text = text
        for cell, text in zip(table.rows[1].cells, ["1.", "dr. SITI AMINAH", "Ketua"], strict=True):
            cell.text = text
    doc.save(str(path))
    return path


def test_an_agency_of_another_region_never_takes_a_profile_by_its_name(tmp_path: Path) -> None:
    """Two Dinas Kesehatan of two Kabupaten: two profiles, each with its own kop; a second decree
    of the first reuses its profile because the kop is the same."""
    folder = tmp_path / "content"
    for name, region in (("a", "TABALONG"), ("b", "BALANGAN"), ("c", "TABALONG")):
        source = _agency_docx(tmp_path / f"{name}.docx", region)
        assert _cli("import", str(source), "-o", str(folder / f"{name}.yaml")).exit_code == 0
    assert sorted(p.name for p in (folder / "profiles").glob("*.yaml")) == [
        "dinkes-balangan.yaml", "dinkes-tabalong.yaml"]
    assert load(folder / "a.yaml").profil_path.name == "dinkes-tabalong.yaml"
    assert load(folder / "b.yaml").profil_path.name == "dinkes-balangan.yaml"
    assert load(folder / "c.yaml").profil_path.name == "dinkes-tabalong.yaml"
    assert load(folder / "b.yaml").profil.kop.baris[0].teks == "PEMERINTAH KABUPATEN BALANGAN"
    assert load(folder / "b.yaml").profil.nama == "Dinas Kesehatan Kabupaten Balangan"


def test_a_picture_kop_becomes_a_picture_kop(tmp_path: Path) -> None:
    source = _agency_docx(tmp_path / "sk.docx", "TABALONG", picture=True)
    result = _cli("import", str(source), "-o", str(tmp_path / "content" / "sk.yaml"))
    assert result.exit_code == 0, result.output
    profil = load(tmp_path / "content" / "sk.yaml").profil
    assert profil.kop.jenis == "gambar" and profil.kop.gambar == "dinkes-kop.png"
    assert (tmp_path / "content" / "profiles" / "dinkes-kop.png").read_bytes().startswith(b"\x89PNG")


def test_a_number_with_a_blank_part_is_a_draft_and_spaces_are_joined(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    blank = _agency_docx(tmp_path / "a.docx", "TABALONG", nomor="800.1/     /DINKES/2024")
    result = _cli("import", str(blank), "-o", str(folder / "a.yaml"))
    assert result.exit_code == 0, result.output
    assert "PERHATIAN: Nomor '800.1//DINKES/2024' belum lengkap" in result.output
    decree = load(folder / "a.yaml")
    assert decree.content.status == "draf" and decree.content.nomor is None
    assert decree.profil.nomor.pola == "{klasifikasi}/{urut}/DINKES/{tahun}"
    spaced = _agency_docx(tmp_path / "b.docx", "TABALONG", nomor="800.1/ 045 /DINKES/2024")
    result = _cli("import", str(spaced), "-o", str(folder / "b.yaml"))
    assert result.exit_code == 0, result.output
    assert load(folder / "b.yaml").content.nomor == "800.1/045/DINKES/2024"
    assert 'keputusan number record "800.1/045/DINKES/2024" --date 2024-03-12' in result.output


@pytest.mark.parametrize(
    "header",
    [
        ("LAMPIRAN : KEPUTUSAN KEPALA DINAS KESEHATAN", "NOMOR : 800.1/045/DINKES/2024", "TANGGAL : 12 Maret 2024"),
        ("LAMPIRAN\nKEPUTUSAN KEPALA DINAS KESEHATAN\nNOMOR 800.1/045/DINKES/2024\nTANGGAL 12 Maret 2024",),
        ("LAMPIRAN", "KEPUTUSAN KEPALA DINAS KESEHATAN", "NOMOR : 800.1/045/DINKES/2024", "TENTANG", "TIM SIAGA"),
    ],
    ids=["tanggal", "satu-paragraf", "tentang"],
)
def test_the_lampiran_title_survives_every_header_form(tmp_path: Path, header: tuple[str, ...]) -> None:
    """A lampiran header with TANGGAL instead of TENTANG, typed in one paragraph with line breaks, or
    the usual form; and 'Lampiran yang merupakan ...' inside a diktum is no lampiran."""
    parts = tuple(line for part in header for line in [part])
    source = _agency_docx(tmp_path / "sk.docx", "TABALONG", lampiran_header=parts)
    if len(parts) == 1:  # one paragraph with Shift+Enter line breaks
        doc = Document(str(source))
        para = next(p for p in doc.paragraphs if p.text.startswith("LAMPIRAN"))
        para.text = ""
        for index, text in enumerate(parts[0].split("\n")):
            run = para.add_run(text)
            if index < len(parts[0].split("\n")) - 1:
                run.add_break()
        doc.save(str(source))
    result = _cli("import", str(source), "-o", str(tmp_path / "content" / "sk.yaml"))
    assert result.exit_code == 0, result.output
    decree = load(tmp_path / "content" / "sk.yaml")
    [lampiran] = decree.content.lampiran
    assert lampiran.judul == ("SUSUNAN TIM SIAGA",)
    assert len(decree.content.diktum) == 2
    assert "Lampiran yang merupakan bagian" in decree.content.diktum[0].teks.plain()
    assert decree.profil.lampiran.tampilkan_tanggal == ("TANGGAL" in parts[-1] or "TANGGAL" in parts[0])


def test_a_profile_the_content_file_cannot_name_is_refused_before_writing(tmp_path: Path) -> None:
    source = _agency_docx(tmp_path / "sk.docx", "TABALONG")
    outside = tmp_path / "lain" / "profil.yaml"
    outside.parent.mkdir()
    shutil.copyfile(CONTENT / "profiles" / "bkpsdm-balangan.yaml", outside)
    shutil.copyfile(CONTENT / "profiles" / "lambang-placeholder.png", outside.parent / "lambang-placeholder.png")
    target = tmp_path / "content" / "sk.yaml"
    target.parent.mkdir()
    (target.parent / ".git").mkdir()  # the content tree ends here
    result = _cli("import", str(source), "-o", str(target), "--profile", str(outside))
    assert result.exit_code == 1 and "di luar pohon konten" in result.output
    assert not target.exists()


def test_a_region_of_several_words_names_its_profile_whole(tmp_path: Path) -> None:
    """'KABUPATEN HULU SUNGAI TENGAH' and '... SELATAN' are two agencies, each named whole; a
    second decree whose kop differs only in its address uses the profile, and says so."""
    folder = tmp_path / "content"
    for name, region in (("a", "HULU SUNGAI TENGAH"), ("b", "HULU SUNGAI SELATAN")):
        source = _agency_docx(tmp_path / f"{name}.docx", region)
        assert _cli("import", str(source), "-o", str(folder / f"{name}.yaml")).exit_code == 0
    assert sorted(p.name for p in (folder / "profiles").glob("*.yaml")) == [
        "dinkes-hulu-sungai-selatan.yaml", "dinkes-hulu-sungai-tengah.yaml"]
    other = _agency_docx(tmp_path / "c.docx", "HULU SUNGAI TENGAH")
    doc = Document(str(other))
    next(p for p in doc.paragraphs if p.text.startswith("Jl.")).text = "Jl. Merdeka No. 1 Pos-el: dinkes@hst.go.id"
    doc.save(str(other))
    result = _cli("import", str(other), "-o", str(folder / "c.yaml"))
    assert result.exit_code == 0, result.output
    assert load(folder / "c.yaml").profil_path.name == "dinkes-hulu-sungai-tengah.yaml"
    assert "PERHATIAN: Alamat di kop dokumen berbeda dengan profil dinkes-hulu-sungai-tengah.yaml" in result.output


def test_column_widths_come_back_as_shares_check_accepts(tmp_path: Path) -> None:
    """A column 10.7 cm wide beside narrow ones: relative widths of at most 100, as the model takes."""
    from docx.shared import Mm

    source = _agency_docx(tmp_path / "sk.docx", "TABALONG", lampiran_header=("LAMPIRAN", "TENTANG", "TIM SIAGA"))
    doc = Document(str(source))
    table = doc.tables[-1]
    for column, width in zip(table.columns, (Mm(9), Mm(107), Mm(41)), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    doc.save(str(source))
    result = _cli("import", str(source), "-o", str(tmp_path / "content" / "sk.yaml"))
    assert result.exit_code == 0, result.output
    [tabel] = load(tmp_path / "content" / "sk.yaml").content.lampiran[0].isi
    assert tabel.nomor_baris and [k.judul for k in tabel.kolom] == ["NAMA", "JABATAN"]
    nama, jabatan = (k.lebar for k in tabel.kolom)
    assert all(0 < w <= 100 for w in (nama, jabatan, tabel.lebar_nomor))
    assert abs(nama / jabatan - 107 / 41) < 0.15 and abs(nama / tabel.lebar_nomor - 107 / 9) < 1
