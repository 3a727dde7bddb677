"""A signed PDF against its build, page by page: words in order and look (attacks made with pikepdf)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Optional

import pikepdf
import pytest

from keputusan.build import Options, build_all
from keputusan.convert import find_soffice
from keputusan.load import load
from keputusan.pdfpages import TTE_FOOTERS, PageDifference, PdfPagesError, compare_pages, page_words

from . import signing
from .conftest import SEED
from .pdfedit import append_content, edited, rewrite_text, where

PT_TO_MM = 25.4 / 72


def build_seed(folder: Path, engine: str = "reportlab") -> bytes:
    [built] = build_all([load(SEED)], folder, Options(("pdf",), engine))
    assert not built.problems, built.problems
    return (folder / f"{SEED.stem}.pdf").read_bytes()


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return build_seed(tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def ca() -> tuple[signing.Identity, signing.Identity]:
    root = signing.make_ca()
    return root, signing.make_signer(root)


def codes(differences: list[PageDifference]) -> list[tuple[str, Optional[int]]]:
    return [(d.code, d.params.get("page")) for d in differences]


# --------------------------------------------------------------------------- what passes


def test_the_build_against_itself_and_a_resaved_copy(seed_pdf: bytes) -> None:
    assert compare_pages(seed_pdf, seed_pdf) == []
    resaved = edited(seed_pdf, lambda pdf: None)
    assert resaved != seed_pdf
    assert compare_pages(resaved, seed_pdf) == []


@pytest.mark.parametrize("flatten", [False, True], ids=["transparent", "flattened"])
def test_the_emblem_recompressed_as_jpeg_is_no_difference(seed_pdf: bytes, flatten: bool) -> None:
    """Re-encoding that keeps what the page shows passes: the emblem as a JPEG of quality 50, keeping its
    transparency or first flattened onto white (as a PDF/A-1 converter does; JPEG then smears colour
    onto the white next to it)."""
    from pikepdf import PdfImage
    from PIL import Image

    def recompress(pdf: pikepdf.Pdf) -> None:
        [image] = pdf.pages[0].get_images().values()
        assert isinstance(image, pikepdf.Stream) and isinstance(image.SMask, pikepdf.Stream)
        picture = PdfImage(image).as_pil_image().convert("RGB")
        if flatten:
            alpha = PdfImage(image.SMask).as_pil_image().convert("L")
            picture = Image.composite(picture, Image.new("RGB", picture.size, "white"), alpha)
            del image.SMask
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=50)
        image.write(out.getvalue(), filter=pikepdf.Name.DCTDecode)
        image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceRGB, 8

    assert compare_pages(edited(seed_pdf, recompress), seed_pdf) == []


def test_an_invisible_signature_is_no_difference(seed_pdf: bytes, ca: Any) -> None:
    root, signer = ca
    signed = signing.sign(seed_pdf, signer, root)
    assert len(signed) > len(seed_pdf)
    assert compare_pages(signed, seed_pdf) == []


def sign_visible(
    data: bytes, ca: Any, page: int, box: tuple[int, int, int, int], style: Any = None, field: str = "TTE"
) -> bytes:
    """A PAdES signature whose widget (signature field ``field``) shows a stamp at ``box`` (PDF units)."""
    root, signer = ca
    return signing.sign(data, signer, root, field=field, page=page, box=box, style=style)


def test_a_visible_signature_stamp_in_blank_space_is_no_difference(seed_pdf: bytes, ca: Any) -> None:
    # between the official's title and name, where the wet signature would go
    page, _, title_y, _ = where(seed_pdf, "MANUSIA KABUPATEN BALANGAN,")
    _, _, name_y, _ = where(seed_pdf, "H. SUFRIANNOR")
    box = (330, int(name_y) + 14, 540, int(title_y) - 6)
    signed = sign_visible(seed_pdf, ca, page, box)
    assert compare_pages(signed, seed_pdf) == []
    # the same frame drawn on the page, not by a signature widget, is an addition
    frame = f"q 0 G 2 w {box[0]} {box[1]} {box[2] - box[0]} {box[3] - box[1]} re S Q".encode()
    drawn = edited(seed_pdf, lambda pdf: append_content(pdf, page, frame))
    assert codes(compare_pages(drawn, seed_pdf)) == [("page_look_differs", page + 1)]


def test_only_the_named_signature_fields_may_stamp(seed_pdf: bytes, ca: Any) -> None:
    """Given the fields that may stamp (the signatory's), another signer's stamp is ink like any other,
    however small and wherever it is."""
    page, rect, _ = blank_stamp(seed_pdf)
    box = (int(rect[0]), int(rect[1]), int(rect[2]), int(rect[3]))
    signed = sign_visible(seed_pdf, ca, page, box)
    assert compare_pages(signed, seed_pdf, stamps={"TTE"}) == []
    clerk = sign_visible(seed_pdf, ca, page, box, field="Paraf")
    assert compare_pages(clerk, seed_pdf) == []  # no names given: every signed signature field
    for stamps in ({"TTE"}, set()):
        assert codes(compare_pages(clerk, seed_pdf, stamps=stamps)) == [("page_look_differs", page + 1)]


def footer_content(bottom: float, left: float = 56.0, logo: bool = False, mode: str = "0 Tr 0 g") -> bytes:
    """The TTE footer in two lines of 7 pt Helvetica from ``bottom`` up (``mode``: its render mode and
    colour), with a grey 'logo' left of it when ``logo``."""
    words = TTE_FOOTERS[0].split()
    first, second = " ".join(words[:11]), " ".join(words[11:])
    square = f"q 0.4 g {left:.1f} {bottom:.1f} 16 16 re f Q " if logo else ""
    return (
        f"{square}q BT {mode} /TTEHelv 7 Tf {left + 22:.1f} {bottom + 9:.1f} Td ({first}) Tj "
        f"0 -8.5 Td ({second}) Tj ET Q"
    ).encode()


def test_the_tte_footer_in_the_bottom_margin_is_no_difference(seed_pdf: bytes) -> None:
    def add_footers(pdf: pikepdf.Pdf) -> None:
        for index in range(len(pdf.pages)):
            append_content(pdf, index, footer_content(bottom=14), font=True)

    signed = edited(seed_pdf, add_footers)
    assert all(" ".join(TTE_FOOTERS[0].split()[:4]) in " ".join(w) for w in page_words(signed))
    assert compare_pages(signed, seed_pdf) == []


def test_a_footer_higher_than_the_bottom_30_mm_is_caught(seed_pdf: bytes) -> None:
    """Below the last line of the decree there is blank paper, but the band must start in the bottom 30 mm."""
    page, _, nip_y, _ = where(seed_pdf, "NIP. 19681012")
    bottom = 32 / PT_TO_MM  # the footer's first line tops out near 38 mm
    assert bottom + 30 < nip_y  # still below all the build's ink
    attacked = edited(seed_pdf, lambda pdf: append_content(pdf, page, footer_content(bottom), font=True))
    assert codes(compare_pages(attacked, seed_pdf)) == [("page_look_differs", page + 1)]
    lower = edited(seed_pdf, lambda pdf: append_content(pdf, page, footer_content(14), font=True))
    assert compare_pages(lower, seed_pdf) == []


def footer_width(size: float = 7.0) -> float:
    """The width (PDF units) of the footer's longer line, as :func:`footer_content` draws it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = TTE_FOOTERS[0].split()
    return max(float(stringWidth(" ".join(part), "Helvetica", size)) for part in (words[:11], words[11:]))


@pytest.mark.parametrize(
    ("extra", "passes"),
    [
        ("", True),
        ("q 0.4 g 56 14 16 16 re f Q", False),  # a logo left of the lines: an image there could say anything
        ("q 0.4 g {right} 14 16 16 re f Q", False),  # ... or right of them
        ("q 0.4 g {right} 8 50 28 re f Q", False),  # a wide one
        ("q 0 g 86 4 300 7 re f Q", False),  # a bar (a sentence, say) under the footer
        ("q 0 g 200 35 40 3 re f Q", False),  # a mark just above the lines
        ("q 0 g 120 24 60 1 re f Q", False),  # a line struck through the footer's first line
    ],
    ids=["footer", "logo-left", "logo-right", "logo-wide", "bar-below", "mark-above", "through-the-lines"],
)
def test_the_footer_allows_its_own_glyphs_only(seed_pdf: bytes, extra: str, passes: bool) -> None:
    """In the footer's band only the footer's text may add ink; a logo beside it is ink like any other
    (before, one logo was allowed: an image there could hold any words)."""
    right = 56 + 22 + footer_width() + 6
    content = footer_content(bottom=14) + b" " + extra.format(right=f"{right:.1f}").encode()
    attacked = edited(seed_pdf, lambda pdf: append_content(pdf, 1, content, font=True))
    expected = [] if passes else [("page_look_differs", 2)]
    assert codes(compare_pages(attacked, seed_pdf)) == expected


def words_image(pdf: pikepdf.Pdf, index: int, text: str, box: tuple[float, float, float, float]) -> bytes:
    """An image of ``text`` (no text layer) as the page's resource /Words, and the content that draws
    it in ``box`` (left, bottom, width, height in PDF units)."""
    from PIL import Image, ImageDraw

    picture = Image.new("L", (int(box[2] * 3), int(box[3] * 3)), 255)
    ImageDraw.Draw(picture).text((4, 4), text, fill=0, font_size=int(box[3] * 2))
    image = pdf.make_stream(
        picture.tobytes(),
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=picture.width,
        Height=picture.height,
        ColorSpace=pikepdf.Name.DeviceGray,
        BitsPerComponent=8,
    )
    pdf.pages[index].add_resource(image, pikepdf.Name.XObject, pikepdf.Name("/Words"))
    return f"q {box[2]} 0 0 {box[3]} {box[0]} {box[1]} cm /Words Do Q".encode()


@pytest.mark.parametrize(
    ("mode", "covered"),
    [
        ("3 Tr 0 g", False),  # invisible
        ("0 Tr 1 g", False),  # white
        ("0 Tr 0 g", True),  # visible, then painted over with white
    ],
    ids=["invisible", "white", "covered"],
)
def test_a_footer_that_does_not_show_allows_nothing(seed_pdf: bytes, mode: str, covered: bool) -> None:
    """The footer's words are on the page but its glyphs do not show: an image of other words drawn
    over its lines is added ink."""

    def attack(pdf: pikepdf.Pdf) -> None:
        box = (80.0, 14.0, 300.0, 20.0)  # over the footer's two lines
        cover = f" q 1 g {box[0]} {box[1]} {box[2]} {box[3]} re f Q " if covered else " "
        drawn = footer_content(bottom=14, mode=mode) + cover.encode() + words_image(pdf, 1, "DIBATALKAN", box)
        append_content(pdf, 1, drawn, font=True)

    attacked = edited(seed_pdf, attack)
    assert " ".join(TTE_FOOTERS[0].split()[:4]) in " ".join(page_words(attacked)[1])
    assert codes(compare_pages(attacked, seed_pdf)) == [("page_look_differs", 2)]


def test_a_footer_in_large_type_allows_nothing(seed_pdf: bytes) -> None:
    """The footer in 16 pt, three lines: its line boxes would allow ink over a large part of the band."""
    words = TTE_FOOTERS[0].split()
    lines = [" ".join(words[i : i + 6]) for i in range(0, len(words), 6)]
    assert len(lines) == 3
    text = f"BT /TTEHelv 16 Tf 17 TL 60 40 Td ({lines[0]}) Tj T* ({lines[1]}) Tj T* ({lines[2]}) Tj ET"
    attacked = edited(seed_pdf, lambda pdf: append_content(pdf, 1, text.encode(), font=True))
    assert " ".join(words[:4]) in " ".join(page_words(attacked)[1])
    assert codes(compare_pages(attacked, seed_pdf)) == [("page_look_differs", 2)]


# --------------------------------------------------------------------------- what is caught


def test_two_words_swapped_are_caught_by_page(seed_pdf: bytes) -> None:
    """IKU and IKI swapped between DIKTUM KEDUA and KETIGA: the same words, in another order."""
    page, *_ = where(seed_pdf, "Utama (IKU) sebagaimana")

    def swap(text: bytes) -> Optional[list[tuple[list[Any], str]]]:
        if b"Utama (IKU) sebagaimana" in text:
            return [([pikepdf.String(text.replace(b"(IKU)", b"(IKI)"))], "Tj")]
        if b"Individu (IKI) sebagaimana" in text:
            return [([pikepdf.String(text.replace(b"(IKI)", b"(IKU)"))], "Tj")]
        return None

    attacked = edited(seed_pdf, lambda pdf: rewrite_text(pdf, page, swap))
    before, after = page_words(seed_pdf)[page], page_words(attacked)[page]
    assert before != after and sorted(before) == sorted(after)
    found = compare_pages(attacked, seed_pdf)
    [words] = [d for d in found if d.code == "page_words_differ"]
    assert words.params["page"] == page + 1
    assert words.params["missing"] == "(IKU)" and words.params["extra"] == "(IKI)"
    assert words.params["near"].endswith("Indikator Kinerja Utama")


def test_a_white_rectangle_over_a_diktum_is_caught_where_it_is(seed_pdf: bytes) -> None:
    page, x, y, height = where(seed_pdf, "Utama (IKU) sebagaimana")
    box = (x - 2, y - 70, 380, 82)  # KEDUA's five lines
    attacked = edited(
        seed_pdf, lambda pdf: append_content(pdf, page, f"q 1 g {' '.join(map(str, box))} re f Q".encode())
    )
    assert page_words(attacked) == page_words(seed_pdf)  # the words are all still there
    [look] = compare_pages(attacked, seed_pdf)
    assert look.code == "page_look_differs" and look.params["page"] == page + 1
    top_mm, bottom_mm = (height - y - 4) * PT_TO_MM, (height - y + 60) * PT_TO_MM
    assert look.params["top"] <= top_mm and look.params["bottom"] >= bottom_mm
    assert look.params["left"] <= x * PT_TO_MM <= look.params["right"]
    assert look.params["bottom"] - look.params["top"] < 40  # the diktum, not the page


def test_invisible_text_is_caught_by_look_and_still_counts_as_words(seed_pdf: bytes) -> None:
    page, *_ = where(seed_pdf, "Utama (IKU) sebagaimana")

    def hide(text: bytes) -> Optional[list[tuple[list[Any], str]]]:
        if b"Utama (IKU) sebagaimana" in text:
            return [([3], "Tr"), ([pikepdf.String(text)], "Tj"), ([0], "Tr")]  # 3 Tr: invisible
        return None

    attacked = edited(seed_pdf, lambda pdf: rewrite_text(pdf, page, hide))
    assert page_words(attacked) == page_words(seed_pdf)
    assert codes(compare_pages(attacked, seed_pdf)) == [("page_look_differs", page + 1)]


def white_stamp(black: bool = False) -> Any:
    from pyhanko.pdf_utils.content import RawContent
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.stamp import TextStampStyle

    fill = b"0 g" if black else b"1 g"
    return TextStampStyle(
        stamp_text=" ",
        border_width=0,
        background=RawContent(fill + b" 0 0 100 100 re f", box=BoxConstraints(100, 100)),
        background_opacity=1.0,
    )


@pytest.mark.parametrize("black", [False, True], ids=["white", "black"])
def test_a_big_opaque_signature_widget_over_a_diktum_is_caught(seed_pdf: bytes, ca: Any, black: bool) -> None:
    """A signature widget may add ink, never cover: a white one hides, a black one buries the text."""
    page, x, y, _ = where(seed_pdf, "Utama (IKU) sebagaimana")
    signed = sign_visible(
        seed_pdf, ca, page, (int(x) - 2, int(y) - 70, int(x) + 220, int(y) + 12), white_stamp(black)
    )
    assert codes(compare_pages(signed, seed_pdf)) == [("page_look_differs", page + 1)]


def signature_widget(
    pdf: pikepdf.Pdf,
    index: int,
    appearance: bytes,
    rect: Optional[tuple[float, float, float, float]] = None,
    signed: bool = False,
) -> None:
    """A signature field whose widget draws ``appearance`` (in page coordinates) in ``rect`` (left,
    bottom, right, top; the whole page unless given). ``signed``: the field holds a signature value
    (/V; the comparison of pages does not check it, the archive does)."""
    page = pdf.pages[index]
    rect = rect or (0.0, 0.0, float(page.mediabox[2]), float(page.mediabox[3]))
    stream = pdf.make_stream(appearance, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form)
    stream.BBox = pikepdf.Array(rect)
    widget = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Widget,
        FT=pikepdf.Name.Sig,
        T=pikepdf.String("TTE"),
        F=4,
        Rect=pikepdf.Array(rect),
        AP=pikepdf.Dictionary(N=stream),
        P=page.obj,
    )
    if signed:
        widget.V = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Sig,
                Filter=pikepdf.Name("/Adobe.PPKLite"),
                SubFilter=pikepdf.Name("/ETSI.CAdES.detached"),
                ByteRange=pikepdf.Array([0, 0, 0, 0]),
                Contents=pikepdf.String(bytes(64)),
            )
        )
    ref = pdf.make_indirect(widget)
    page.Annots = pdf.make_indirect(pikepdf.Array([ref]))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([ref]), SigFlags=3)


def blank_stamp(data: bytes) -> tuple[int, tuple[float, float, float, float], bytes]:
    """A stamp's place on blank paper below the signature block (7.8 x 2.5 cm) and a QR-like mark in it."""
    page, _, nip_y, _ = where(data, "NIP. 19681012")
    rect = (90.0, nip_y - 130, 310.0, nip_y - 60)
    mark = f"q 0 g 100 {nip_y - 120:.0f} 50 50 re f 160 {nip_y - 100:.0f} 140 8 re f Q".encode()
    return page, rect, mark


def test_a_signed_stamp_may_add_ink_on_blank_paper_not_the_page_content(seed_pdf: bytes) -> None:
    """The widget of a signed signature field may draw on blank paper; the same marks drawn by the page's
    own content are a difference, though they fall inside the stamp."""
    page, rect, mark = blank_stamp(seed_pdf)
    stamped = edited(seed_pdf, lambda pdf: signature_widget(pdf, page, mark, rect, signed=True))
    assert compare_pages(stamped, seed_pdf) == []

    def drawn_on_the_page(pdf: pikepdf.Pdf) -> None:
        signature_widget(pdf, page, b"", rect, signed=True)
        append_content(pdf, page, mark)

    assert codes(compare_pages(edited(seed_pdf, drawn_on_the_page), seed_pdf)) == [
        ("page_look_differs", page + 1)
    ]


@pytest.mark.parametrize("whole_page", [False, True], ids=["stamp-sized", "page-sized"])
def test_an_unsigned_signature_field_is_ink_like_any_other(seed_pdf: bytes, whole_page: bool) -> None:
    """An empty signature field (nobody signed it) may not draw, not even on blank paper, at any size."""
    page, rect, mark = blank_stamp(seed_pdf)
    unsigned = edited(seed_pdf, lambda pdf: signature_widget(pdf, page, mark, None if whole_page else rect))
    assert codes(compare_pages(unsigned, seed_pdf)) == [("page_look_differs", page + 1)]


@pytest.mark.parametrize("mark", ["strike", "underline", "frame"])
def test_a_signed_stamp_cannot_mark_the_decree_text(seed_pdf: bytes, mark: str) -> None:
    """Over the build's ink, and within a millimetre of it, a stamp adds nothing: no thin strike-through,
    no underline, no frame hugging a line (none of them covers the words, so only the look sees them)."""
    page, x, y, _ = where(seed_pdf, "Keputusan ini mulai berlaku")
    rect = (x - 12, y - 14, x + 300, y + 14)  # 11 x 1 cm around the last diktum's line
    drawn = {
        "strike": f"{x:.1f} {y + 3:.1f} m {x + 270:.1f} {y + 3:.1f} l S",
        "underline": f"{x:.1f} {y - 2.5:.1f} m {x + 270:.1f} {y - 2.5:.1f} l S",
        "frame": f"{x - 5:.1f} {y - 6:.1f} 280 17 re S",
    }[mark]
    stamped = edited(
        seed_pdf,
        lambda pdf: signature_widget(pdf, page, f"q 0 G 0.5 w {drawn} Q".encode(), rect, signed=True),
    )
    assert codes(compare_pages(stamped, seed_pdf)) == [("page_look_differs", page + 1)]


def test_stamps_larger_than_the_limit_are_caught(seed_pdf: bytes, ca: Any) -> None:
    """A signed stamp of 17 x 6 cm whose text lands in the decree's blank space: too large to be a stamp."""
    from pyhanko.stamp import TextStampStyle

    page, *_ = where(seed_pdf, "Keputusan ini mulai berlaku")
    style = TextStampStyle(stamp_text="Keputusan ini DIBATALKAN\nsejak ditetapkan.", border_width=0)
    signed = sign_visible(seed_pdf, ca, page, (80, 200, 560, 372), style)
    found = compare_pages(signed, seed_pdf)
    assert found[0].code == "signature_stamp_too_large"
    assert found[0].params["page"] == page + 1 and found[0].params["limit_cm2"] == 25
    assert 100 <= found[0].params["area_cm2"] <= 105  # 16.9 x 6.1 cm
    assert codes(found[1:]) == [("page_look_differs", page + 1)]  # and its text is ink like any other


def print_only_stamp(pdf: pikepdf.Pdf, index: int, appearance: bytes, flags: int) -> None:
    """A Stamp annotation over the whole page drawing ``appearance``, with annotation flags ``flags``."""
    page = pdf.pages[index]
    box = pikepdf.Array([0, 0, page.mediabox[2], page.mediabox[3]])
    stream = pdf.make_stream(appearance, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=box)
    stamp = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Stamp,
        Rect=box,
        F=flags,
        AP=pikepdf.Dictionary(N=stream),
    )
    page.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(stamp)]))


def print_only_layer(pdf: pikepdf.Pdf, index: int, content: bytes) -> None:
    """``content`` drawn in an optional content group that is off on screen and on in print."""
    ocg = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.OCG,
            Name=pikepdf.String("Cetak"),
            Usage=pikepdf.Dictionary(
                Print=pikepdf.Dictionary(PrintState=pikepdf.Name.ON),
                View=pikepdf.Dictionary(ViewState=pikepdf.Name.OFF),
            ),
        )
    )
    usage = [
        pikepdf.Dictionary(Event=pikepdf.Name(f"/{event}"), OCGs=[ocg], Category=[pikepdf.Name(f"/{event}")])
        for event in ("Print", "View")
    ]
    pdf.Root.OCProperties = pikepdf.Dictionary(
        OCGs=[ocg], D=pikepdf.Dictionary(OFF=[ocg], AS=pikepdf.Array(usage))
    )
    page = pdf.pages[index]
    page.Resources.Properties = pikepdf.Dictionary(Cetak=ocg)
    append_content(pdf, index, b"/OC /Cetak BDC " + content + b" EMC")


@pytest.mark.parametrize("how", ["annotation", "layer"])
def test_what_only_prints_is_compared(seed_pdf: bytes, how: str) -> None:
    """A white box over the last diktum that a printer prints and a screen does not show: a Stamp
    annotation flagged Print and NoView, or optional content that is off on screen and on in print."""
    page, x, y, _ = where(seed_pdf, "Keputusan ini mulai berlaku")
    cover = f"q 1 g {x - 2:.1f} {y - 4:.1f} 300 16 re f Q".encode()
    if how == "annotation":
        attacked = edited(seed_pdf, lambda pdf: print_only_stamp(pdf, page, cover, flags=4 | 32))
    else:
        attacked = edited(seed_pdf, lambda pdf: print_only_layer(pdf, page, cover))
    assert codes(compare_pages(attacked, seed_pdf)) == [("page_look_differs", page + 1)]


@pytest.mark.parametrize(
    "ink",
    [
        "q 1 1 0 rg 86 240 220 10 re f Q",  # a yellow bar on blank paper (grey 226)
        "q 0.82 g 86 240 220 10 re f Q",  # light grey, 46 lighter than white: readable as text
        "q 0.93 g 86 240 220 10 re f Q",  # very light grey on blank paper
        "q /Highlight gs 1 1 0 rg {x} {y} 270 12 re f Q",  # a yellow highlighter over the last diktum
    ],
    ids=["yellow", "light-grey", "faint-grey", "highlighter"],
)
def test_faint_and_coloured_ink_is_caught(seed_pdf: bytes, ink: str) -> None:
    page, x, y, _ = where(seed_pdf, "Keputusan ini mulai berlaku")

    def draw(pdf: pikepdf.Pdf) -> None:
        highlight = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, BM=pikepdf.Name.Multiply)
        pdf.pages[page].add_resource(highlight, pikepdf.Name.ExtGState, pikepdf.Name("/Highlight"))
        append_content(pdf, page, ink.format(x=x - 2, y=y - 3).encode())

    attacked = edited(seed_pdf, draw)
    assert page_words(attacked) == page_words(seed_pdf)
    assert codes(compare_pages(attacked, seed_pdf)) == [("page_look_differs", page + 1)]


@pytest.mark.parametrize(
    "ink",
    [
        "1 0.82 0.82 RG 1.6 w",  # pink: darkens a channel by 46
        "0.84 G 1.6 w",  # grey: 41
        "1 1 0.85 RG 1.6 w",  # pale yellow: 38
    ],
    ids=["pink", "grey", "pale-yellow"],
)
def test_light_ink_under_the_text_is_caught(seed_pdf: bytes, ink: str) -> None:
    """A double strike-through of the last diktum in light ink, drawn under the text: every pixel of it
    is within a millimetre of the decree's ink, where only the emblem's image may move pixels."""
    page, x, y, _ = where(seed_pdf, "Keputusan ini mulai berlaku")
    strike = f"q {ink} {x:.1f} {y + 2:.1f} m {x + 280:.1f} {y + 2:.1f} l S {x:.1f} {y + 4.8:.1f} m "
    strike += f"{x + 280:.1f} {y + 4.8:.1f} l S Q"
    attacked = edited(
        seed_pdf, lambda pdf: pdf.pages[page].contents_add(pdf.make_stream(strike.encode()), prepend=True)
    )
    assert codes(compare_pages(attacked, seed_pdf)) == [("page_look_differs", page + 1)]


def test_only_signature_widgets_may_draw(seed_pdf: bytes) -> None:
    """A note or any other annotation drawn over the page is a difference."""
    noted = signing.add_annotation(seed_pdf)  # a sticky note on page 1
    assert codes(compare_pages(noted, seed_pdf)) == [("page_look_differs", 1)]


def test_the_tte_footer_drawn_over_the_body_is_caught(seed_pdf: bytes) -> None:
    page, _, y, _ = where(seed_pdf, "Utama (IKU) sebagaimana")
    attacked = edited(
        seed_pdf, lambda pdf: append_content(pdf, page, footer_content(bottom=y - 40), font=True)
    )
    assert codes(compare_pages(attacked, seed_pdf)) == [("page_look_differs", page + 1)]


def test_the_footer_band_lies_below_every_mark_of_the_build(seed_pdf: bytes) -> None:
    """A build with a mark 15 mm above the bottom edge (say a page number, right): a footer at the left
    whose band would reach that high is caught though it touches nothing; one lower down passes."""
    mark = f"BT /TTEHelv 9 Tf 520 {15 / PT_TO_MM:.1f} Td (1/9) Tj ET".encode()
    build = edited(seed_pdf, lambda pdf: append_content(pdf, 0, mark, font=True))

    def footer_at(mm: float) -> bytes:
        return edited(build, lambda pdf: append_content(pdf, 0, footer_content(mm / PT_TO_MM), font=True))

    assert compare_pages(footer_at(3), build) == []  # the band starts 13 mm up: 5 mm above the first line
    assert codes(compare_pages(footer_at(8), build)) == [("page_look_differs", 1)]


def test_words_added_in_the_margin_are_caught(seed_pdf: bytes) -> None:
    attacked = edited(
        seed_pdf,
        lambda pdf: append_content(
            pdf, 0, b"BT /TTEHelv 7 Tf 56 20 Td (Dokumen ini DICABUT) Tj ET", font=True
        ),
    )
    found = compare_pages(attacked, seed_pdf)
    assert found[0].code == "page_words_differ" and found[0].params["page"] == 1
    assert found[0].params["extra"] == "Dokumen ini DICABUT" and found[0].params["missing"] == "-"


def one_line(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(300, 100))
    page.setFont("Helvetica", 12)
    page.drawString(100.3, 50.2, text)
    page.showPage()
    page.save()
    return out.getvalue()


@pytest.mark.parametrize(
    ("shown", "built"), [("Nomor 6", "Nomor 8"), ("Rp 1,000", "Rp 1.000"), ("ditetapkan", "ditetapkan.")]
)
def test_the_look_alone_sees_one_character(shown: str, built: str) -> None:
    """Small enough for a number: a digit, a comma for a full stop, a full stop dropped (12 pt, 2 to 4 pixels)."""
    assert ("page_look_differs", 1) in codes(compare_pages(one_line(shown), one_line(built)))
    assert compare_pages(one_line(built), one_line(built)) == []


def test_pages_and_sizes_must_match(seed_pdf: bytes) -> None:
    def drop_last(pdf: pikepdf.Pdf) -> None:
        del pdf.pages[-1]

    assert codes(compare_pages(edited(seed_pdf, drop_last), seed_pdf)) == [("pages_differ", None)]
    assert compare_pages(edited(seed_pdf, drop_last), seed_pdf)[0].params == {"signed": 8, "build": 9}

    def wider(pdf: pikepdf.Pdf) -> None:
        pdf.pages[2].MediaBox = pikepdf.Array([0, 0, 1000, 609.4488])

    assert codes(compare_pages(edited(seed_pdf, wider), seed_pdf)) == [("page_size_differs", 3)]


def test_a_pdf_pdfium_cannot_read_is_a_finding_not_a_crash(seed_pdf: bytes) -> None:
    for broken in (b"", b"%PDF-1.7\n garbage", seed_pdf[: len(seed_pdf) // 3], b"\x00" * 1000):
        [finding] = compare_pages(broken, seed_pdf)
        assert finding.code == "pdf_unreadable" and finding.params["detail"]
    with pytest.raises(PdfPagesError) as caught:
        page_words(b"%PDF-1.7\n garbage")
    assert caught.value.code == "pdf_unreadable"


def test_at_most_a_few_differences(seed_pdf: bytes) -> None:
    def whiteout(pdf: pikepdf.Pdf) -> None:
        for index in range(len(pdf.pages)):
            append_content(pdf, index, b"q 1 g 0 0 2000 2000 re f Q")

    found = compare_pages(edited(seed_pdf, whiteout), seed_pdf)
    assert len(found) == 5 and {d.code for d in found} == {"page_look_differs"}


def test_page_words_in_drawing_order(seed_pdf: bytes) -> None:
    pages = page_words(seed_pdf)
    assert len(pages) == 9
    assert pages[0][:3] == ["PEMERINTAH", "KABUPATEN", "BALANGAN"]
    first = pages[1].index("KEDUA")
    assert pages[1][first : first + 5] == ["KEDUA", ":", "Penyesuaian", "Indikator", "Kinerja"]


def test_libreoffice_build_signed_with_footer_and_attacked(tmp_path: Path, ca: Any) -> None:
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed (Debian: libreoffice-writer-nogui)")
    build = build_seed(tmp_path, "libreoffice")
    root, signer = ca

    def add_footers(pdf: pikepdf.Pdf) -> None:
        for index in range(len(pdf.pages)):
            append_content(pdf, index, footer_content(bottom=14), font=True)

    signed = signing.sign(edited(build, add_footers), signer, root)
    assert compare_pages(signed, build) == []
    page, x, y, _ = where(build, "KEDUA")
    attacked = edited(
        build, lambda pdf: append_content(pdf, page, f"q 1 g {x:.1f} {y - 60:.1f} 450 72 re f Q".encode())
    )
    assert codes(compare_pages(signing.sign(attacked, signer, root), build)) == [
        ("page_look_differs", page + 1)
    ]
