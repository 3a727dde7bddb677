"""PDFs read as if hostile: bounded inflation, active content, huge images; and the build stamp."""

from __future__ import annotations

import hashlib
import io
import random
import subprocess
import sys
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from keputusan import __version__
from keputusan.build import Options, build_all, build_stamp
from keputusan.convert import find_soffice
from keputusan.load import load
from keputusan.pdfmeta import MAX_FINDINGS, BuildStamp, PdfFinding, inspect_pdf, read_stamp
from keputusan.render_docx import TEMPLATE

from . import hostile_pdfs as hostile
from .conftest import ROOT, SEED
from .signing import make_ca, make_signer, sign

KINDS = [("reportlab", False), ("reportlab", True), ("libreoffice", False), ("libreoffice", True)]


def need_soffice(engine: str) -> None:
    if engine == "libreoffice" and find_soffice() is None:
        pytest.skip("LibreOffice is not installed (Debian: libreoffice-writer-nogui)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, bool], bytes]:
    """The seed's PDF from each engine, with and without PDF/A (LibreOffice only when installed)."""
    folder = tmp_path_factory.mktemp("built")
    out = {}
    seed = load(SEED)
    for engine, pdfa in KINDS:
        if engine == "libreoffice" and find_soffice() is None:
            continue
        target = folder / f"{engine}-{int(pdfa)}"
        [result] = build_all([seed], target, Options(("pdf",), engine, pdfa=pdfa))
        assert not result.problems, result.problems
        out[engine, pdfa] = (target / f"{SEED.stem}.pdf").read_bytes()
    return out


@pytest.fixture(scope="module")
def seed_pdf(built: dict[tuple[str, bool], bytes]) -> bytes:
    return built["reportlab", False]


@pytest.fixture(scope="module")
def signer() -> Callable[[bytes], bytes]:
    ca = make_ca()
    person = make_signer(ca)
    return lambda pdf: sign(pdf, person, ca)


def codes(findings: list[PdfFinding]) -> list[str]:
    return [f.code for f in findings]


# --------------------------------------------------------------------------- build stamp


@pytest.mark.parametrize(("engine", "pdfa"), KINDS)
def test_every_build_carries_its_stamp(built: dict[tuple[str, bool], bytes], engine: str, pdfa: bool) -> None:
    need_soffice(engine)
    template = hashlib.sha256(TEMPLATE.read_bytes()).hexdigest() if engine == "libreoffice" else None
    assert read_stamp(built[engine, pdfa]) == BuildStamp(engine, pdfa, template, __version__)
    with pikepdf.open(io.BytesIO(built[engine, pdfa])) as pdf:
        expected = f"engine={engine};pdfa={int(pdfa)};template={template or '-'};version={__version__}"
        assert str(pdf.docinfo["/KeputusanBuild"]) == expected


def test_stamp_survives_signing(seed_pdf: bytes, signer: Callable[[bytes], bytes]) -> None:
    assert read_stamp(signer(seed_pdf)) == BuildStamp("reportlab", False, None, __version__)


def test_stamp_names_the_template_libreoffice_used(tmp_path: Path) -> None:
    own = tmp_path / "milik-sendiri.docx"
    own.write_bytes(TEMPLATE.read_bytes() + b"\0")  # another file: another digest
    stamp = build_stamp(Options(engine="libreoffice", template=own))
    assert (
        stamp.template
        == hashlib.sha256(own.read_bytes()).hexdigest()
        != build_stamp(Options(engine="libreoffice")).template
    )
    assert build_stamp(Options(engine="reportlab", template=own)).template is None  # it draws without one


def test_reportlab_stamp_loads_no_template_code() -> None:
    code = (
        "import sys; from keputusan.build import Options, build_stamp; build_stamp(Options());"
        "print('keputusan.render_docx' in sys.modules, 'docxtpl' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "engine=reportlab",
        "engine=word;pdfa=0;template=-;version=0.1.0",
        "engine=reportlab;pdfa=2;template=-;version=0.1.0",
        "engine=libreoffice;pdfa=0;template=-;version=0.1.0",  # LibreOffice without its template
        "engine=reportlab;pdfa=0;template=abc;version=0.1.0",
        "engine=reportlab;pdfa=0;template=-;version=0.1.0;extra=1",
        "engine=reportlab;pdfa=0;template=-;version=",
    ],
)
def test_garbled_stamp_reads_as_none(seed_pdf: bytes, text: str) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf:
        pdf.docinfo["/KeputusanBuild"] = text
        out = io.BytesIO()
        pdf.save(out)
    assert read_stamp(out.getvalue()) is None


def test_no_stamp_reads_as_none(seed_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf:
        del pdf.docinfo["/KeputusanBuild"]
        out = io.BytesIO()
        pdf.save(out)
    assert read_stamp(out.getvalue()) is None
    assert read_stamp(b"") is None and read_stamp(b"%PDF-1.7 sampah") is None
    assert read_stamp(hostile.encrypted(seed_pdf, user="rahasia")) is None


# --------------------------------------------------------------------------- our own PDFs pass


@pytest.mark.parametrize(("engine", "pdfa"), KINDS)
def test_our_pdfs_have_no_findings_before_and_after_signing(
    built: dict[tuple[str, bool], bytes], signer: Callable[[bytes], bytes], engine: str, pdfa: bool
) -> None:
    need_soffice(engine)
    pdf = built[engine, pdfa]
    assert inspect_pdf(pdf) == []
    assert inspect_pdf(signer(pdf)) == []


def test_signed_seed_is_inspected_quickly(
    built: dict[tuple[str, bool], bytes], signer: Callable[[bytes], bytes]
) -> None:
    for pdf in built.values():
        signed = signer(pdf)
        inspect_pdf(signed)
        start = time.perf_counter()
        for _ in range(5):
            inspect_pdf(signed)
        assert (time.perf_counter() - start) / 5 < 0.1  # measured 3 ms (reportlab) to 19 ms (tagged PDF/A)


# --------------------------------------------------------------------------- hostile PDFs


HOSTILE: list[tuple[Callable[[bytes], bytes], PdfFinding]] = [
    (hostile.with_named_javascript, PdfFinding("pdf_javascript", {})),
    (
        hostile.with_launch_action,
        PdfFinding("pdf_dangerous_action", {"action": "Launch", "where": "halaman 1"}),
    ),
    (
        lambda pdf: hostile.with_link_action(pdf, "SubmitForm", page=3),
        PdfFinding("pdf_dangerous_action", {"action": "SubmitForm", "where": "halaman 3"}),
    ),
    (
        lambda pdf: hostile.with_link_action(pdf, "GoToR", page=2),
        PdfFinding("pdf_dangerous_action", {"action": "GoToR", "where": "halaman 2"}),
    ),
    (hostile.with_additional_action, PdfFinding("pdf_additional_actions", {"where": "halaman 2"})),
    (hostile.with_embedded_file, PdfFinding("pdf_embedded_file", {"name": "payload.sh"})),
    (hostile.with_file_attachment, PdfFinding("pdf_embedded_file", {"name": "lampiran.exe"})),
    (hostile.with_xfa, PdfFinding("pdf_xfa", {})),
    (
        hostile.with_rich_media,
        PdfFinding("pdf_dangerous_action", {"action": "RichMedia", "where": "halaman 1"}),
    ),
    (hostile.with_lzw_stream, PdfFinding("pdf_unsupported_filter", {"filter": "LZWDecode"})),
    (
        hostile.with_huge_image,
        PdfFinding(
            "pdf_image_too_large",
            {
                "pixels": 10**10,
                "limit": 50_000_000,
                "env": "KEPUTUSAN_MAX_IMAGE_PIXELS",
                "where": "halaman 1",
            },
        ),
    ),
    (hostile.encrypted, PdfFinding("pdf_encrypted", {})),
    (lambda pdf: hostile.encrypted(pdf, user="rahasia"), PdfFinding("pdf_encrypted", {})),
]


@pytest.mark.parametrize(("make", "expected"), HOSTILE)
def test_each_hostile_pdf_gives_its_own_finding(
    seed_pdf: bytes, make: Callable[[bytes], bytes], expected: PdfFinding
) -> None:
    assert inspect_pdf(make(seed_pdf)) == [expected]


# --------------------------------------------------------------------------- costly to draw

OPERATIONS = {"limit": 100_000, "env": "KEPUTUSAN_MAX_PDF_OPERATIONS"}


@pytest.mark.parametrize("incremental", [False, True], ids=["rewritten", "incremental"])
def test_forms_drawing_forms_are_refused_quickly(
    seed_pdf: bytes, signer: Callable[[bytes], bytes], incremental: bool
) -> None:
    """Five forms deep, each drawing the next 40 times: 102 million fills in 3 KB more."""
    attacked = hostile.with_costly_drawing(seed_pdf, incremental=incremental)
    assert len(attacked) < len(seed_pdf) + 5000
    for pdf in (attacked, signer(attacked)):
        began = time.perf_counter()
        [finding] = inspect_pdf(pdf)
        assert time.perf_counter() - began < 1  # measured 4 ms: counting stops at the limit
        assert finding.code == "pdf_too_complex"
        assert finding.params == {"page": 1, "count": finding.params["count"], **OPERATIONS}
        assert finding.params["count"] > 100_000


def test_forms_in_an_annotations_look_count_for_its_page(seed_pdf: bytes) -> None:
    [finding] = inspect_pdf(hostile.with_costly_drawing(seed_pdf, page=3, where="annotation"))
    assert finding.code == "pdf_too_complex" and finding.params["page"] == 3


def test_a_form_that_draws_itself_is_refused(seed_pdf: bytes) -> None:
    assert inspect_pdf(hostile.with_costly_drawing(seed_pdf, where="loop")) == [
        PdfFinding("pdf_too_complex", {"page": 1, "count": "∞", **OPERATIONS})
    ]


def test_a_content_stream_listed_again_and_again_counts_each_time(seed_pdf: bytes) -> None:
    assert inspect_pdf(hostile.with_contents_repeated(seed_pdf, 2)) == []
    [finding] = inspect_pdf(hostile.with_contents_repeated(seed_pdf, 200))
    assert finding.code == "pdf_too_complex" and finding.params["page"] == 1


def test_the_operation_limit_counts_forms_each_time_and_follows_its_variable(
    seed_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """10,000 fills from forms that hold 40 operations: under the limit, and over 5,000."""
    nested = hostile.with_costly_drawing(seed_pdf, fanout=10, depth=4)
    assert inspect_pdf(nested) == []
    monkeypatch.setenv("KEPUTUSAN_MAX_PDF_OPERATIONS", "5000")
    assert inspect_pdf(seed_pdf) == []  # its busiest page draws 866 operations
    [finding] = inspect_pdf(nested)
    assert finding.params == {
        "page": 1,
        "count": finding.params["count"],
        "limit": 5000,
        "env": "KEPUTUSAN_MAX_PDF_OPERATIONS",
    }
    assert finding.code == "pdf_too_complex" and 5000 < finding.params["count"] <= 10_000 + 1000


def test_a_form_name_the_page_does_not_have_is_ignored(seed_pdf: bytes) -> None:
    def change(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].contents_add(pdf.make_stream(b"q /Nothing Do Q " * 1000), prepend=True)

    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
    assert inspect_pdf(out.getvalue()) == []


def test_javascript_run_on_opening(seed_pdf: bytes) -> None:
    found = inspect_pdf(hostile.with_javascript(seed_pdf))
    assert found == [
        PdfFinding("pdf_open_action", {"action": "JavaScript"}),
        PdfFinding("pdf_javascript", {}),
    ]


def test_hostile_content_found_after_signing_too(seed_pdf: bytes, signer: Callable[[bytes], bytes]) -> None:
    signed = signer(hostile.with_embedded_file(seed_pdf))
    assert inspect_pdf(signed) == [PdfFinding("pdf_embedded_file", {"name": "payload.sh"})]


@pytest.mark.parametrize(("engine", "pdfa"), KINDS)
def test_hostile_content_found_in_each_engines_pdf(
    built: dict[tuple[str, bool], bytes], engine: str, pdfa: bool
) -> None:
    need_soffice(engine)
    pdf = built[engine, pdfa]
    assert codes(inspect_pdf(hostile.with_javascript(pdf))) == ["pdf_open_action", "pdf_javascript"]
    assert codes(inspect_pdf(hostile.with_launch_action(pdf))) == ["pdf_dangerous_action"]


def test_an_action_dressed_as_a_structure_element_is_still_an_action(seed_pdf: bytes) -> None:
    def change(doc: pikepdf.Pdf) -> None:
        page = doc.pages[0].obj
        action = pikepdf.Dictionary(S=pikepdf.Name.Launch, P=page, F=pikepdf.String("cmd.exe"))
        link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, A=action)
        link.Rect = pikepdf.Array([0, 0, 10, 10])
        page.Annots = pikepdf.Array([doc.make_indirect(link)])

    found = inspect_pdf(hostile._edit(seed_pdf, change))
    assert found == [PdfFinding("pdf_dangerous_action", {"action": "Launch", "where": "halaman 1"})]


def test_a_structure_role_named_like_an_action_is_not_one(seed_pdf: bytes) -> None:
    """LibreOffice names structure elements after paragraph styles: a style called 'Sound' is no action."""

    def change(doc: pikepdf.Pdf) -> None:
        tree = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        element = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Sound, P=tree)
        tree.K = doc.make_indirect(element)
        doc.Root.StructTreeRoot = tree

    assert inspect_pdf(hostile._edit(seed_pdf, change)) == []


def test_findings_are_capped(seed_pdf: bytes) -> None:
    pdf = seed_pdf
    for page in range(1, 10):
        for action in ("Launch", "GoToR", "ImportData"):
            pdf = hostile.with_link_action(pdf, action, page=page)
    found = inspect_pdf(pdf)
    assert len(found) == MAX_FINDINGS and set(codes(found)) == {"pdf_dangerous_action"}


def test_the_seed_emblem_is_found_when_the_image_limit_is_lowered(
    seed_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEPUTUSAN_MAX_IMAGE_PIXELS", "100")
    [finding] = inspect_pdf(seed_pdf)[:1]
    assert finding.code == "pdf_image_too_large" and finding.params["where"] == "halaman 1"
    assert finding.params["limit"] == 100 and finding.params["env"] == "KEPUTUSAN_MAX_IMAGE_PIXELS"


# --------------------------------------------------------------------------- bombs and broken files


TOO_MUCH = PdfFinding("pdf_inflates_too_much", {"limit_mb": 256, "env": "KEPUTUSAN_MAX_PDF_INFLATED_BYTES"})


@pytest.mark.parametrize("wrap", ["", "hex", "a85", "flate"])
def test_flate_bomb_refused_quickly_in_little_memory(wrap: str) -> None:
    bomb = hostile.flate_bomb(300, wrap)
    assert len(bomb) < 1_000_000
    tracemalloc.start()
    try:
        start = time.perf_counter()
        found = inspect_pdf(bomb)
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == [TOO_MUCH]
    assert elapsed < 3, elapsed  # measured 0.5 s (1.1 s for ASCII85)
    assert peak < 32 * 1024 * 1024, peak  # measured 3 to 7 MB


def test_small_flate_stream_is_fine_and_the_limit_follows_its_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pdf = hostile.flate_bomb(5)
    assert inspect_pdf(pdf) == []
    monkeypatch.setenv("KEPUTUSAN_MAX_PDF_INFLATED_BYTES", str(4 * 1024 * 1024))
    assert inspect_pdf(pdf) == [
        PdfFinding("pdf_inflates_too_much", {"limit_mb": 4, "env": "KEPUTUSAN_MAX_PDF_INFLATED_BYTES"})
    ]


def test_the_seed_counts_all_its_streams(seed_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEPUTUSAN_MAX_PDF_INFLATED_BYTES", "300000")  # the seed inflates to 415 KB
    assert codes(inspect_pdf(seed_pdf)) == ["pdf_inflates_too_much"]


def test_a_bomb_no_object_points_to_is_found(seed_pdf: bytes) -> None:
    """An unreferenced object, its /Length lying and a false 'endstream' inside: the raw bytes
    are inflated until zlib itself finds the end."""
    body = zlib.compress(b"endstream" + b" " * (300 * 1024 * 1024), 9)
    tail = b"999 0 obj\n<< /Length 5 /Filter /Fl >>\nstream\n" + body + b"\nendstream\nendobj\n"
    assert inspect_pdf(seed_pdf + tail) == [TOO_MUCH]


def test_a_huge_cross_reference_table_is_refused_before_qpdf_builds_it() -> None:
    """qpdf holds every entry of the table on opening: 4 million of them took 28 s and 2.7 GB."""
    pdf = hostile.flate_bomb(1)
    start = pdf.rindex(b"xref")
    entries = b"0000000009 00000 n \n" * 1_000_000
    forged = pdf[:start] + b"xref\n0 1000001\n0000000000 65535 f \n" + entries
    forged += b"trailer\n<< /Size 1000001 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % start
    began = time.perf_counter()
    [finding] = inspect_pdf(forged)
    assert time.perf_counter() - began < 2
    assert finding.code == "pdf_too_many_objects" and finding.params["count"] >= 1_000_000
    assert finding.params["limit"] == 250_000 and finding.params["env"] == "KEPUTUSAN_MAX_PDF_OBJECTS"


def test_object_limit_follows_its_variable(seed_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEPUTUSAN_MAX_PDF_OBJECTS", "30")  # the seed has 40
    assert codes(inspect_pdf(seed_pdf)) == ["pdf_too_many_objects"]


def test_stamp_of_a_bomb_is_not_read() -> None:
    assert read_stamp(hostile.flate_bomb(300)) is None


def test_pdf_over_the_size_limit(seed_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEPUTUSAN_MAX_PDF_BYTES", "1000")
    [finding] = inspect_pdf(seed_pdf)
    assert finding.code == "pdf_too_big" and finding.params["env"] == "KEPUTUSAN_MAX_PDF_BYTES"


def test_filter_name_written_with_escapes_is_still_refused(seed_pdf: bytes) -> None:
    pdf = hostile.with_lzw_stream(seed_pdf).replace(b"/LZWDecode", b"/LZW#44ecode")
    assert inspect_pdf(pdf) == [PdfFinding("pdf_unsupported_filter", {"filter": "LZWDecode"})]


@pytest.mark.parametrize(
    "data",
    [b"", b"sampah " * 100, b"%PDF-1.7\n", b"\x00" * 4096],
    ids=["empty", "garbage", "header-only", "zeros"],
)
def test_garbage_is_unreadable(data: bytes) -> None:
    [finding] = inspect_pdf(data)
    assert finding.code == "pdf_unreadable" and finding.params["detail"]
    assert "BytesIO" not in finding.params["detail"]


def test_truncated_pdf_is_unreadable_not_repaired(seed_pdf: bytes) -> None:
    [finding] = inspect_pdf(seed_pdf[: len(seed_pdf) // 2])
    assert finding.code == "pdf_unreadable"


def test_damaged_pdfs_never_raise(seed_pdf: bytes, signer: Callable[[bytes], bytes]) -> None:
    rng = random.Random(11)
    samples = [seed_pdf, signer(seed_pdf), hostile.with_embedded_file(seed_pdf)]
    for round_ in range(150):
        data = bytearray(rng.choice(samples))
        for _ in range(rng.randint(1, 20)):
            at = rng.randrange(len(data))
            data[at : at + rng.randint(1, 8)] = bytes(rng.randrange(256) for _ in range(rng.randint(0, 8)))
        if round_ % 5 == 0:
            data = data[: rng.randrange(len(data))]
        found = inspect_pdf(bytes(data))
        assert all(isinstance(f, PdfFinding) and isinstance(f.params, dict) for f in found)
