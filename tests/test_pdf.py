"""The PDF from both engines: pages, repeated headers, fonts, words, determinism, PDF/A, drafts."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader

from keputusan import convert
from keputusan.build import Options, build_all
from keputusan.convert import find_soffice
from keputusan.load import load
from keputusan.pdfmeta import pdfa_part
from keputusan.verify import compare, words

from .conftest import SEED

ENGINES = ["reportlab", "libreoffice"]
F4 = (215 / 25.4 * 72, 330 / 25.4 * 72)


def need_engine(engine: str) -> None:
    if engine == "libreoffice" and find_soffice() is None:
        pytest.skip("LibreOffice is not installed (Debian: libreoffice-writer-nogui)")


def draft_of(seed_path: Path, folder: Path) -> Path:
    shutil.copytree(seed_path.parent / "profiles", folder / "profiles", dirs_exist_ok=True)
    text = seed_path.read_text(encoding="utf-8")
    text = text.replace("status: ditetapkan", "status: draf").replace(
        "nomor: 800/1199/Kpts/Ka/BKPSDM/2023\n", ""
    )
    path = folder / "draf.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=ENGINES)
def builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seed and a draft of it, built twice with one engine."""
    engine = request.param
    need_engine(engine)
    folder = tmp_path_factory.mktemp(engine)
    decrees = [load(SEED), load(draft_of(SEED, folder / "content"))]
    first = build_all(decrees, folder / "a", Options(("docx", "pdf"), engine))
    build_all(decrees, folder / "b", Options(("docx", "pdf"), engine))
    build_all(decrees[:1], folder / "pdfa", Options(("pdf",), engine, pdfa=True))
    return {"engine": engine, "folder": folder, "results": first}


def files(builds: dict[str, Any], name: str, kind: str, run: str = "a") -> Path:
    return builds["folder"] / run / f"{name}.{kind}"


SEED_NAME = SEED.stem


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(pdf).pages]


def test_pages_portrait_then_landscape_f4(builds: dict[str, Any]) -> None:
    sizes = page_sizes(files(builds, SEED_NAME, "pdf"))
    kinds = [
        "P"
        if abs(w - F4[0]) < 2 and abs(h - F4[1]) < 2
        else "L"
        if abs(w - F4[1]) < 2 and abs(h - F4[0]) < 2
        else "?"
        for w, h in sizes
    ]
    text = "".join(kinds)
    assert "?" not in text and text == "P" * text.count("P") + "L" * text.count("L"), text
    assert 1 <= text.count("P") <= 3 and text.count("L") >= 4


def test_both_header_rows_on_every_lampiran_page(builds: dict[str, Any]) -> None:
    pdf = files(builds, SEED_NAME, "pdf")
    reader = PdfReader(pdf)
    sizes = page_sizes(pdf)
    for number, (page, (w, h)) in enumerate(zip(reader.pages, sizes, strict=True), 1):
        if w < h:
            continue
        tokens = words(page.extract_text())
        assert "SUMBER" in tokens and "PENANGGUNG" in tokens, f"page {number}: heading row missing"
        joined = " ".join(tokens)
        assert "1 2 3 4 5 6" in joined, f"page {number}: column-number row missing"


def embedded_fonts(pdf: Path) -> dict[str, bool]:
    out = {}
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                fonts = [font] + list(font.get("/DescendantFonts", []))
                embedded = any(
                    "/FontDescriptor" in f
                    and any(k in f.FontDescriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                    for f in fonts
                )
                out[str(font.get("/BaseFont"))] = embedded
    return out


def test_every_font_embedded(builds: dict[str, Any]) -> None:
    fonts = embedded_fonts(files(builds, SEED_NAME, "pdf"))
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)


def test_text_equals_the_docx(builds: dict[str, Any]) -> None:
    for name in (SEED_NAME, "draf"):
        result = compare(files(builds, name, "docx").read_bytes(), files(builds, name, "pdf").read_bytes())
        assert result.same, (result.missing.most_common(5), result.extra.most_common(5))
        assert result.docx_words > 2000 and result.order > 0.95


def test_two_builds_byte_identical(builds: dict[str, Any]) -> None:
    for name in (SEED_NAME, "draf"):
        for kind in ("docx", "pdf"):
            assert (
                files(builds, name, kind, "a").read_bytes() == files(builds, name, kind, "b").read_bytes()
            ), (name, kind)


def test_metadata_from_the_decree(builds: dict[str, Any]) -> None:
    info = PdfReader(files(builds, SEED_NAME, "pdf")).metadata
    assert info.title.startswith("PENYESUAIAN INDIKATOR KINERJA UTAMA (IKU)")
    assert info.subject == "800/1199/Kpts/Ka/BKPSDM/2023"
    assert info.author.startswith("Badan Kepegawaian dan Pengembangan")
    assert "800/1199/Kpts/Ka/BKPSDM/2023" in info["/Keywords"]
    assert info["/CreationDate"].startswith("D:20230922")


def test_pdfa_identification_only_when_asked(builds: dict[str, Any]) -> None:
    assert pdfa_part(files(builds, SEED_NAME, "pdf", "pdfa").read_bytes()) == "2B"
    assert pdfa_part(files(builds, SEED_NAME, "pdf").read_bytes()) is None
    with pikepdf.open(files(builds, SEED_NAME, "pdf", "pdfa")) as pdf:
        [intent] = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1" and len(intent.DestOutputProfile.read_bytes()) > 100


def watermark_pages(pdf: Path) -> list[bool]:
    """Per page: is something filled in the watermark's light grey?"""
    out = []
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            found = False
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("rg", "g") and operands:
                    values = [float(v) for v in operands]
                    found = found or (all(0.78 <= v <= 0.86 for v in values) and len(set(values)) == 1)
            out.append(found)
    return out


def test_draft_marked_on_every_page_and_final_not(builds: dict[str, Any]) -> None:
    draft, final = files(builds, "draf", "pdf"), files(builds, SEED_NAME, "pdf")
    marks = watermark_pages(draft)
    assert marks and all(marks), marks
    assert not any(watermark_pages(final))
    first_page = PdfReader(draft).pages[0].extract_text()
    assert "NOMOR : ....." in first_page
    assert "800/1199" not in first_page
    if builds["engine"] == "reportlab":
        assert all("DRAFT" in p.extract_text() for p in PdfReader(draft).pages)


def test_libreoffice_batch_is_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_engine("libreoffice")
    calls = []
    real = convert.subprocess.run

    def counting(command: list[str], **kwargs: Any) -> Any:
        calls.append(command)
        return real(command, **kwargs)

    monkeypatch.setattr(convert.subprocess, "run", counting)
    seed = load(SEED)
    results = build_all([seed, seed, seed], tmp_path, Options(("pdf",), "libreoffice"))
    assert len(calls) == 1
    assert all(len(r.files) == 1 for r in results)


def test_missing_libreoffice_is_a_clear_message(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from keputusan.cli import main

    result = CliRunner().invoke(
        main,
        ["build", str(SEED), "-o", str(tmp_path), "--pdf-engine", "libreoffice"],
        env={"KEPUTUSAN_SOFFICE": str(tmp_path / "tidak-ada" / "soffice"), "LANG": "id_ID.UTF-8"},
    )
    assert result.exit_code == 1
    assert "LibreOffice tidak terpasang" in result.stderr
    assert "Traceback" not in result.stderr


def test_font_fallback_warns_and_still_embeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from keputusan import fonts

    monkeypatch.setattr(fonts, "font_dirs", lambda: [])
    fonts._index.cache_clear()
    try:
        [result] = build_all([load(SEED)], tmp_path, Options(("pdf",), "reportlab"))
    finally:
        fonts._index.cache_clear()
    [warning] = result.warnings
    assert warning.code == "font_fallback" and warning.params["used"] == "Bitstream Vera Sans"
    embedded = embedded_fonts(tmp_path / f"{SEED_NAME}.pdf")
    assert embedded and all(embedded.values()) and any("Vera" in n for n in embedded)


def test_verify_build_command(builds: dict[str, Any]) -> None:
    from click.testing import CliRunner

    from keputusan.cli import main

    docx = files(builds, SEED_NAME, "docx")
    result = CliRunner().invoke(main, ["verify-build", str(docx)], env={"LANG": "id_ID.UTF-8"})
    assert result.exit_code == 0, result.stderr
    assert "kata yang sama" in result.stdout
    # a PDF of another decree is caught
    other = builds["folder"] / "mix"
    other.mkdir(exist_ok=True)
    shutil.copy(docx, other / "x.docx")
    shutil.copy(files(builds, "draf", "pdf"), other / "x.pdf")
    result = CliRunner().invoke(main, ["verify-build", str(other / "x.docx")], env={"LANG": "id_ID.UTF-8"})
    assert result.exit_code == 1
    assert "800/1199/Kpts/Ka/BKPSDM/2023" in result.stderr


def test_pdf_words_match_pdf_bytes_not_file_names() -> None:
    assert words("Undang-\nUndang dan/\natau - x") == ["Undang-Undang", "dan/atau", "-", "x"]


def test_pdf_is_a_pdf(builds: dict[str, Any]) -> None:
    data = files(builds, SEED_NAME, "pdf").read_bytes()
    assert data.startswith(b"%PDF-") and len(PdfReader(io.BytesIO(data)).pages) >= 6


def test_failed_libreoffice_run_is_a_clear_message(tmp_path: Path) -> None:
    """A LibreOffice that runs but converts nothing is reported, not a traceback."""
    from click.testing import CliRunner

    from keputusan.cli import main

    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    result = CliRunner().invoke(
        main,
        ["build", str(SEED), "-o", str(tmp_path / "out"), "--pdf-engine", "libreoffice"],
        env={"KEPUTUSAN_SOFFICE": str(fake), "LANG": "id_ID.UTF-8"},
    )
    assert result.exit_code == 1
    assert "LibreOffice gagal mengonversi" in result.stderr and "could not be loaded" in result.stderr
    assert "Traceback" not in result.stderr


def test_one_decree_libreoffice_cannot_convert_does_not_cost_the_others(tmp_path: Path) -> None:
    """A batch with one DOCX LibreOffice makes nothing of: that decree is reported, the others built."""
    import shutil

    from click.testing import CliRunner

    from keputusan.cli import main

    content = tmp_path / "content"
    shutil.copytree(SEED.parent / "profiles", content / "profiles")
    for name in ("a-baik", "b-rusak", "c-baik"):
        shutil.copy(SEED, content / f"{name}.yaml")
    import pikepdf

    good = tmp_path / "any.pdf"
    blank = pikepdf.new()
    blank.add_blank_page()
    blank.save(good)
    fake = tmp_path / "soffice"
    fake.write_text(
        "#!/bin/sh\n"
        'out=""; prev=""\n'
        'for a in "$@"; do if [ "$prev" = "--outdir" ]; then out="$a"; fi; prev="$a"; done\n'
        'for a in "$@"; do case "$a" in *rusak*.docx) echo "Error: source file could not be loaded" >&2;;\n'
        f'  *.docx) b=$(basename "$a" .docx); cp {good} "$out/$b.pdf";; esac; done\n'
        "exit 0\n"
    )
    fake.chmod(0o755)
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(content),
            "-o",
            str(tmp_path / "out"),
            "--pdf-engine",
            "libreoffice",
            "--format",
            "docx",
            "--format",
            "pdf",
        ],
        env={"KEPUTUSAN_SOFFICE": str(fake), "LANG": "id_ID.UTF-8"},
    )
    assert result.exit_code == 1, result.output
    assert "b-rusak.yaml" in result.stderr and "LibreOffice gagal mengonversi" in result.stderr
    assert "Traceback" not in result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["a-baik.docx", "a-baik.pdf", "c-baik.docx", "c-baik.pdf"]  # pairs, or nothing
