"""A signed PDF against its build by structure: annotations, layers, page boxes and form flags
that a screen rendering does not see (attacks made in code, then signed with pyHanko)."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import Any, Optional

import pikepdf
import pytest

from keputusan.build import Options, build_all
from keputusan.convert import find_soffice
from keputusan.load import load
from keputusan.pdfmeta import PdfFinding, inspect_pdf, structure_problems

from . import hostile_pdfs as hostile
from . import signing
from .conftest import SEED
from .pdfedit import edited

Pair = tuple[signing.Identity, signing.Identity]
STAMP_BOX = (330, 200, 540, 260)  # on page 2, in the blank space of the signature block


@pytest.fixture(scope="module")
def ca() -> Pair:
    root = signing.make_ca()
    return root, signing.make_signer(root)


_BUILDS: dict[tuple[str, bool], bytes] = {}


def build(tmp_path_factory: pytest.TempPathFactory, engine: str = "reportlab", pdfa: bool = False) -> bytes:
    """The seed built by ``engine`` (once per test run and kind)."""
    if engine == "libreoffice" and find_soffice() is None:
        pytest.skip("LibreOffice is not installed (Debian: libreoffice-writer-nogui)")
    if (engine, pdfa) not in _BUILDS:
        folder = tmp_path_factory.mktemp(f"{engine}-{int(pdfa)}")
        [built] = build_all([load(SEED)], folder, Options(("pdf",), engine=engine, pdfa=pdfa))
        assert not built.problems, built.problems
        _BUILDS[engine, pdfa] = (folder / f"{SEED.stem}.pdf").read_bytes()
    return _BUILDS[engine, pdfa]


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return build(tmp_path_factory)


def sign_as(
    pdf: bytes, ca: Pair, field: str = "TTE", page: int = 2, box: Optional[tuple[int, int, int, int]] = None
) -> bytes:
    """A PAdES signature in a new field ``field``: invisible, or with a stamp at ``box`` on ``page``."""
    root, signer = ca
    return signing.sign(pdf, signer, root, field=field, page=page - 1, box=box)


def found(findings: list[PdfFinding]) -> list[tuple[str, dict[str, Any]]]:
    return [(f.code, f.params) for f in findings]


def widgets(data: bytes) -> list[dict[str, Any]]:
    """The signature widgets of a PDF: page, flags, rectangle and whether the field is signed."""
    out = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for annotation in page.obj.get("/Annots", []):
                out.append(
                    {
                        "page": number,
                        "flags": int(annotation.get("/F", 0)),
                        "rect": [float(v) for v in annotation.Rect],
                        "signed": "/V" in annotation,
                    }
                )
    return out


# --------------------------------------------------------------------------- what a legitimate signing adds


@pytest.mark.parametrize("pdfa", [False, True], ids=["plain", "pdfa"])
@pytest.mark.parametrize("engine", ["reportlab", "libreoffice"])
def test_the_build_signed_once_or_twice_gives_no_finding(
    tmp_path_factory: pytest.TempPathFactory, ca: Pair, engine: str, pdfa: bool
) -> None:
    model = build(tmp_path_factory, engine, pdfa)
    with pikepdf.open(io.BytesIO(model)) as pdf:  # what both engines emit: no annotations, no form, no layers
        assert all("/Annots" not in page.obj for page in pdf.pages)
        assert "/AcroForm" not in pdf.Root and "/OCProperties" not in pdf.Root
    invisible = signing.sign(model, *reversed(ca))
    visible = sign_as(model, ca, box=STAMP_BOX)
    twice = sign_as(sign_as(model, ca, "Paraf"), ca, "TTE", box=STAMP_BOX)
    assert [w["rect"] for w in widgets(invisible)] == [[0, 0, 0, 0]]
    assert [(w["page"], w["rect"], w["flags"], w["signed"]) for w in widgets(visible)] == [
        (2, [330, 200, 540, 260], 132, True)
    ]
    assert len(widgets(twice)) == 2
    for signed in (model, invisible, visible, twice):
        assert structure_problems(signed, model) == []
        assert inspect_pdf(signed) == []


def test_a_rewritten_file_gives_no_finding(seed_pdf: bytes, ca: Pair) -> None:
    """A signing service that saves the whole file anew (other bytes, same structure) passes."""
    assert structure_problems(signing.resaved(sign_as(seed_pdf, ca, box=STAMP_BOX)), seed_pdf) == []


def test_an_unsigned_field_of_no_size_gives_no_finding(seed_pdf: bytes) -> None:
    """A field prepared for a signature still to come shows nothing until it is signed."""
    prepared = hostile.with_empty_signature_field(seed_pdf, rect=(0, 0, 0, 0), incremental=True)
    assert structure_problems(prepared, seed_pdf) == []


# --------------------------------------------------------------------------- the attacks


ATTACKS: dict[str, tuple[Callable[..., bytes], list[tuple[str, dict[str, Any]]]]] = {
    "print_only_stamp": (
        hostile.with_print_only_stamp,
        [("pdf_annotation_added", {"subtype": "Stamp", "page": 2})],
    ),
    "freetext_without_appearance": (
        hostile.with_freetext_without_appearance,
        [("pdf_annotation_added", {"subtype": "FreeText", "page": 2})],
    ),
    "print_only_layer": (hostile.with_print_only_layer, [("pdf_optional_content", {})]),
    "empty_signature_field": (
        hostile.with_empty_signature_field,
        [("pdf_empty_signature_field", {"page": 2})],
    ),
}


@pytest.mark.parametrize("incremental", [True, False], ids=["incremental", "rewritten"])
@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_each_attack_signed_gives_its_code_and_page(
    seed_pdf: bytes, ca: Pair, attack: str, incremental: bool
) -> None:
    make, expected = ATTACKS[attack]
    attacked = make(seed_pdf, incremental=incremental)
    assert attacked.startswith(seed_pdf) is incremental
    signed = signing.sign(attacked, *reversed(ca))
    assert inspect_pdf(signed) == []  # nothing active: only the structure check sees these
    assert found(structure_problems(signed, seed_pdf)) == expected


@pytest.mark.parametrize(
    "fake",
    [{}, {"rect": (0, 0, 0, 0)}, {"listed": True, "subfilter": "/Keputusan.Palsu"}],
    ids=["not_in_the_form", "of_no_size", "of_a_format_pyhanko_skips"],
)
def test_a_signature_the_signature_check_never_sees_is_found(
    seed_pdf: bytes, ca: Pair, fake: dict[str, Any]
) -> None:
    """A widget whose value is shaped like a signature (made up) and whose look says the decree is
    cancelled: pyHanko takes signatures only from the form's field tree, of formats it knows."""
    attacked = hostile.with_fake_signature(seed_pdf, incremental=True, **fake)
    signed = signing.sign(attacked, *reversed(ca))
    assert inspect_pdf(signed) == []
    assert found(structure_problems(signed, seed_pdf)) == [("pdf_orphan_signature", {"page": 2})]


def test_a_made_up_signature_in_the_form_is_left_to_the_signature_check(seed_pdf: bytes, ca: Pair) -> None:
    """Listed in the form, the fake is one of the signatures pyHanko validates, and it fails."""
    from keputusan.signatures import SignatureError, check_signatures

    signed = signing.sign(hostile.with_fake_signature(seed_pdf, listed=True), *reversed(ca))
    assert structure_problems(signed, seed_pdf) == []
    try:
        checks = check_signatures(signed, [])
    except SignatureError:  # today: pyHanko cannot read the made-up value at all
        return
    [fake] = [check for check in checks if check.field == "Stempel"]
    assert not fake.intact


def test_an_empty_signature_field_added_after_signing_is_found(seed_pdf: bytes, ca: Pair) -> None:
    """pyHanko rates a new empty signature field after the signature as form filling, which the
    archive allows (a later signature needs a field): its widget may still not draw."""
    signed = signing.sign(seed_pdf, *reversed(ca))
    later = hostile.with_empty_signature_field(signed, page=3, incremental=True)
    assert found(structure_problems(later, seed_pdf)) == [("pdf_empty_signature_field", {"page": 3})]


def test_a_signature_in_a_field_shown_only_in_print_is_hidden(seed_pdf: bytes, ca: Pair) -> None:
    """A field prepared with Print|NoView, then signed: the signature's stamp only prints."""
    prepared = hostile.with_empty_signature_field(
        seed_pdf, flags=36, rect=STAMP_BOX, name="TTE", incremental=True
    )
    signed = signing.sign(prepared, *reversed(ca))
    assert [(w["flags"], w["signed"]) for w in widgets(signed)] == [(36, True)]
    assert found(structure_problems(signed, seed_pdf)) == [("pdf_hidden_annotation", {"page": 2})]


def set_widget(data: bytes, **entries: Any) -> bytes:
    """The PDF with ``entries`` set on (None: removed from) its one signature widget."""

    def change(pdf: pikepdf.Pdf) -> None:
        [widget] = pdf.Root.AcroForm.Fields
        for key, value in entries.items():
            if value is None:
                del widget[f"/{key}"]
            else:
                widget[f"/{key}"] = value

    return hostile.incremental_update(data, change)


@pytest.mark.parametrize(
    "entries",
    [{"F": 0}, {"F": 4 | 2}, {"F": 4 | 256}, {"F": 4 | 32}],
    ids=["not_printed", "hidden", "toggle_no_view", "no_view"],
)
def test_a_visible_signature_must_print_and_show(seed_pdf: bytes, ca: Pair, entries: dict[str, Any]) -> None:
    signed = sign_as(seed_pdf, ca, box=STAMP_BOX)
    assert found(structure_problems(set_widget(signed, **entries), seed_pdf)) == [
        ("pdf_hidden_annotation", {"page": 2})
    ]


def test_a_visible_signature_has_one_look(seed_pdf: bytes, ca: Pair) -> None:
    """A rollover look (shown when the mouse passes) is a look nobody compares."""
    signed = sign_as(seed_pdf, ca, box=STAMP_BOX)

    def rollover(pdf: pikepdf.Pdf) -> None:
        [widget] = pdf.Root.AcroForm.Fields
        widget.AP.R = widget.AP.N

    assert found(structure_problems(hostile.incremental_update(signed, rollover), seed_pdf)) == [
        ("pdf_hidden_annotation", {"page": 2})
    ]


def test_a_visible_signature_without_appearance_is_an_added_annotation(seed_pdf: bytes, ca: Pair) -> None:
    """Without its own look, each reader draws a signature field its own way."""
    signed = sign_as(seed_pdf, ca, box=STAMP_BOX)
    assert found(structure_problems(set_widget(signed, AP=None), seed_pdf)) == [
        ("pdf_annotation_added", {"subtype": "Widget", "page": 2})
    ]
    # an invisible signature needs no look and no flags: nothing of it can show
    invisible = signing.sign(seed_pdf, *reversed(ca))
    assert structure_problems(set_widget(invisible, F=32), seed_pdf) == []


def test_a_signature_widget_whose_field_type_is_inherited(seed_pdf: bytes, ca: Pair) -> None:
    """/FT and /V may sit on a parent field: the widget is still a signed signature's."""
    signed = sign_as(seed_pdf, ca, box=STAMP_BOX)

    def split(pdf: pikepdf.Pdf) -> None:
        [widget] = pdf.Root.AcroForm.Fields
        parent = pdf.make_indirect(pikepdf.Dictionary(FT=widget.FT, T=widget.T, V=widget.V, Kids=[widget]))
        for key in ("/FT", "/T", "/V"):
            del widget[key]
        widget.Parent = parent
        pdf.Root.AcroForm.Fields = pikepdf.Array([parent])

    assert structure_problems(hostile.incremental_update(signed, split), seed_pdf) == []


def test_a_signature_field_whose_value_is_not_a_signature_is_empty(seed_pdf: bytes) -> None:
    prepared = hostile.with_empty_signature_field(seed_pdf, rect=STAMP_BOX, name="TTE")
    with_value = set_widget(prepared, V=pikepdf.Dictionary(Type=pikepdf.Name.Sig))
    assert found(structure_problems(with_value, seed_pdf)) == [("pdf_empty_signature_field", {"page": 2})]


def test_needs_appearances_set_after_signing_is_found(seed_pdf: bytes, ca: Pair) -> None:
    """pyHanko clears /NeedAppearances when it signs, and counts setting it again afterwards as an
    allowed (LTA) update; readers then draw every field anew, the signature's look included."""
    signed = signing.sign(seed_pdf, *reversed(ca))

    def ask(pdf: pikepdf.Pdf) -> None:
        pdf.Root.AcroForm.NeedAppearances = True

    assert found(structure_problems(hostile.incremental_update(signed, ask), seed_pdf)) == [
        ("pdf_needs_appearances", {})
    ]
    # a text field drawn from its value by the reader: an annotation too (signing drops the flag)
    filled = signing.sign(hostile.with_needs_appearances(seed_pdf, incremental=True), *reversed(ca))
    assert found(structure_problems(filled, seed_pdf)) == [
        ("pdf_annotation_added", {"subtype": "Widget", "page": 2})
    ]


@pytest.mark.parametrize("mark", ["xobject", "bare"])
def test_an_optional_content_key_is_found_with_or_without_the_catalog(
    seed_pdf: bytes, ca: Pair, mark: str
) -> None:
    attacked = hostile.with_print_only_layer(seed_pdf, mark=mark, incremental=True)
    with pikepdf.open(io.BytesIO(attacked)) as pdf:
        assert ("/OCProperties" in pdf.Root) is (mark != "bare")
    assert found(structure_problems(signing.sign(attacked, *reversed(ca)), seed_pdf)) == [
        ("pdf_optional_content", {})
    ]


def test_an_annotation_in_a_layer_is_found_twice(seed_pdf: bytes) -> None:
    def layered(pdf: pikepdf.Pdf) -> None:
        layer = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name="Cetak"))
        [stamp] = pdf.pages[1].Annots
        stamp.OC = layer

    attacked = hostile.incremental_update(hostile.with_print_only_stamp(seed_pdf), layered)
    assert found(structure_problems(attacked, seed_pdf)) == [
        ("pdf_optional_content", {}),
        ("pdf_annotation_added", {"subtype": "Stamp", "page": 2}),
    ]


# --------------------------------------------------------------------------- links of the build


def linked(pdf: bytes, rect: tuple[float, float, float, float] = (72, 100, 300, 112)) -> bytes:
    """``pdf`` with a link on page 1 to the JDIH site (a build with a clickable address)."""
    return hostile.with_link(pdf, page=1, uri="https://jdih.balangankab.go.id/", rect=rect)


def test_a_build_link_kept_as_it_is_gives_no_finding(seed_pdf: bytes, ca: Pair) -> None:
    model = linked(seed_pdf)
    assert structure_problems(sign_as(model, ca, box=STAMP_BOX), model) == []
    nudged = linked(seed_pdf, (72.3, 99.8, 300.2, 112.4))
    assert structure_problems(nudged, model) == []  # the same rectangle to the point


@pytest.mark.parametrize(
    "change",
    ["other_address", "moved", "removed", "hidden", "given_a_look"],
)
def test_a_build_link_changed_is_found_once(seed_pdf: bytes, ca: Pair, change: str) -> None:
    model = linked(seed_pdf)

    def alter(pdf: pikepdf.Pdf) -> None:
        [link] = pdf.pages[0].Annots
        if change == "other_address":
            link.A.URI = pikepdf.String("https://jdih-balangan.example/palsu")
        elif change == "moved":
            link.Rect = pikepdf.Array([72, 300, 300, 312])
        elif change == "removed":
            del pdf.pages[0].obj["/Annots"]
        elif change == "hidden":
            link.F = 2
        else:
            link.AP = pikepdf.Dictionary(N=pdf.make_stream(b"0 g 0 0 228 12 re f"))

    signed = sign_as(hostile.incremental_update(model, alter), ca, box=STAMP_BOX)
    assert found(structure_problems(signed, model)) == [("pdf_annotation_changed", {"page": 1})]


def test_a_link_the_build_lacks_is_an_added_annotation(seed_pdf: bytes) -> None:
    linked = hostile.with_link(seed_pdf, page=3, incremental=True)
    assert found(structure_problems(linked, seed_pdf)) == [
        ("pdf_annotation_added", {"subtype": "Link", "page": 3})
    ]


# --------------------------------------------------------------------------- page geometry


@pytest.mark.parametrize(
    ("entries", "page"),
    [
        ({"CropBox": [0, 300, 935.4331, 609.4488]}, 3),  # shows only the top half of the page
        ({"Rotate": 180}, 1),
        ({"UserUnit": 2}, 4),
        ({"MediaBox": [0, 0, 609.4488, 1200]}, 2),
    ],
    ids=["crop", "rotate", "user_unit", "media"],
)
def test_a_page_box_or_turn_changed_is_found_by_page(
    seed_pdf: bytes, ca: Pair, entries: dict[str, Any], page: int
) -> None:
    changed = hostile.with_page_entries(seed_pdf, page=page, incremental=True, **entries)
    assert found(structure_problems(signing.sign(changed, *reversed(ca)), seed_pdf)) == [
        ("page_box_differs", {"page": page})
    ]


def test_boxes_are_compared_as_they_take_effect(seed_pdf: bytes) -> None:
    """Inherited values count, a crop box equal to (or larger than) the media box is no crop,
    /Rotate 360 is /Rotate 0, and the last digits of a real number do not matter."""
    same = [
        hostile.with_page_entries(seed_pdf, page=1, CropBox=[0, 0, 609.4488, 935.4331]),
        hostile.with_page_entries(seed_pdf, page=1, CropBox=[-50, -50, 2000, 2000]),
        hostile.with_page_entries(seed_pdf, page=2, Rotate=360),
        hostile.with_page_entries(seed_pdf, page=2, MediaBox=[0, 0, 609.449, 935.433]),
        hostile.with_page_entries(seed_pdf, page=1, MediaBox=[609.4488, 935.4331, 0, 0]),
    ]
    for changed in same:
        assert structure_problems(changed, seed_pdf) == []

    def inherit(pdf: pikepdf.Pdf) -> None:  # every page's box and turn moved to the root of the page tree
        pdf.Root.Pages.MediaBox = pdf.pages[0].MediaBox
        pdf.Root.Pages.Rotate = 0
        for page in pdf.pages[:2]:
            del page.obj["/MediaBox"], page.obj["/Rotate"]

    assert structure_problems(hostile.incremental_update(seed_pdf, inherit), seed_pdf) == []
    # inherited only where a page has none (an incremental update: qpdf, saving a whole file,
    # would push the root's value down into the pages)
    turned = hostile.with_page_entries(seed_pdf, page=0, Rotate=90, incremental=True)
    assert structure_problems(turned, seed_pdf) == []
    unturned = hostile.with_page_entries(turned, page=5, Rotate=None, incremental=True)
    assert found(structure_problems(unturned, seed_pdf)) == [("page_box_differs", {"page": 5})]


def test_another_number_of_pages(seed_pdf: bytes) -> None:
    def drop_last(pdf: pikepdf.Pdf) -> None:
        del pdf.pages[-1]

    assert found(structure_problems(edited(seed_pdf, drop_last), seed_pdf)) == [
        ("pages_differ", {"signed": 8, "build": 9})
    ]


# --------------------------------------------------------------------------- hostile files


def test_a_file_that_is_no_pdf_is_a_finding_not_a_crash(seed_pdf: bytes) -> None:
    for broken in (b"", b"%PDF-1.7\n garbage", seed_pdf[: len(seed_pdf) // 3], b"\x00" * 1000):
        [finding] = structure_problems(broken, seed_pdf)
        assert finding.code == "pdf_unreadable" and finding.params["detail"]
    assert found(structure_problems(hostile.encrypted(seed_pdf), seed_pdf)) == [("pdf_encrypted", {})]
    assert [f.code for f in structure_problems(hostile.flate_bomb(300), seed_pdf)] == [
        "pdf_inflates_too_much"
    ]


def test_garbled_structures_are_findings_not_crashes(seed_pdf: bytes) -> None:
    def garble(pdf: pikepdf.Pdf) -> None:
        pages = pdf.pages
        pages[0].obj.Annots = pikepdf.Dictionary(Not="an array")
        loop = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget))
        loop.Parent = loop  # a field that is its own parent
        loop.Rect = pikepdf.Array([0, 0, "wide", 10])
        pages[1].obj.Annots = pikepdf.Array([loop, None, 7, pikepdf.Name.Stamp])
        pages[2].obj.Rotate = pikepdf.String("ninety")
        pages[3].obj.MediaBox = pikepdf.Array([0, 0, 100])
        pages[4].obj.UserUnit = pikepdf.Name.Big

    assert found(structure_problems(hostile.incremental_update(seed_pdf, garble), seed_pdf)) == [
        ("page_box_differs", {"page": 3}),
        ("page_box_differs", {"page": 4}),
        ("page_box_differs", {"page": 5}),
        ("pdf_annotation_added", {"subtype": "Widget", "page": 2}),
    ]


def test_an_action_shared_a_billion_ways_is_compared_in_bounded_time(seed_pdf: bytes) -> None:
    """A link's action made of dictionaries that each point twice to the next (2^30 paths)."""
    model = linked(seed_pdf)

    def deepen(pdf: pikepdf.Pdf) -> None:
        [link] = pdf.pages[0].Annots
        node = pdf.make_indirect(pikepdf.Dictionary())
        for _ in range(30):
            node = pdf.make_indirect(pikepdf.Dictionary(A=node, B=node))
        link.A.Next = node

    started = time.perf_counter()
    result = structure_problems(hostile.incremental_update(model, deepen), model)
    assert time.perf_counter() - started < 1.0
    assert found(result) == [("pdf_annotation_changed", {"page": 1})]


def test_at_most_ten_findings(seed_pdf: bytes) -> None:
    def everywhere(pdf: pikepdf.Pdf) -> None:
        for page in pdf.pages:
            page.obj.Rotate = 90
            hostile._annotate(pdf, 1, pikepdf.Dictionary(Subtype=pikepdf.Name.Square, Rect=[0, 0, 10, 10]))

    assert len(structure_problems(edited(seed_pdf, everywhere), seed_pdf)) == 10


# --------------------------------------------------------------------------- time


def test_time_on_the_signed_seed(seed_pdf: bytes, ca: Pair) -> None:
    """Measured: about 3 ms for the signed seed (9 pages); the budget is 30 ms."""
    signed = sign_as(sign_as(seed_pdf, ca, "Paraf"), ca, box=STAMP_BOX)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        assert structure_problems(signed, seed_pdf) == []
        times.append(time.perf_counter() - started)
    assert min(times) < 0.030, times


def test_time_on_the_signed_libreoffice_pdfa_seed(tmp_path_factory: pytest.TempPathFactory, ca: Pair) -> None:
    """The largest build (a tagged PDF/A of 880 objects): the check reads only what is drawn."""
    model = build(tmp_path_factory, "libreoffice", True)
    signed = sign_as(model, ca, box=STAMP_BOX)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        assert structure_problems(signed, model) == []
        times.append(time.perf_counter() - started)
    assert min(times) < 0.030, times


def test_a_huge_file_is_refused_before_it_is_read(seed_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEPUTUSAN_MAX_PDF_BYTES", "1000")
    assert [f.code for f in structure_problems(seed_pdf, seed_pdf)] == ["pdf_too_big"]
