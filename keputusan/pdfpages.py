"""Does a signed PDF show what its build shows? Page by page, by words in order and by look (pdfium).

This is the only module that imports pypdfium2. pdfium reads the words of a
page in the order its content draws them (invisible text included: hidden
words are words) and renders pages the way a reader shows them, annotations
and form fields drawn.

:func:`compare_pages` holds a signed PDF against a fresh build of the approved
content. Signing may legitimately *add* to a page, nothing else:

* a signature widget (a visible stamp, text, QR image): inside the rectangle
  of each widget whose field is a signature field, drawn by that widget;
* the TTE footer line (:data:`TTE_FOOTERS`, perhaps with a logo beside it):
  in a band from just above the footer text's first line down to the page
  bottom, only where that text is on the page, the band starts in the bottom
  :data:`FOOTER_ZONE_MM` mm and lies below every mark of the build page.

There the signed page may add ink but never remove or lighten the build's
ink, nor bury it under a solid fill (a black bar is no signature stamp).
Everywhere else the renderings must agree within the tolerance. The look is
judged in two steps, so no page content can hide behind a widget's
allowance: the signed page's own content against the build, then what its
annotations draw over that content.

Tolerance. Pages are rendered in grey at :data:`DPI` = 100 dots per inch: a
pixel is 0.254 mm. A pixel differs when its grey differs by
:data:`PIXEL_DELTA` = 48 of 255 or more (a fifth of black to white). Pixels
are judged in tiles of :data:`TILE` = 16 x 16 pixels, 4.1 x 4.1 mm; a tile
fails when more than :data:`TILE_PIXELS` = 1 of its 256 pixels differ, so 2
pixels — 0.13 mm², less than a full stop — are a difference (one stray pixel
is not). Measured at 10 and 12 pt: a dropped full stop is 4 pixels, a comma
for a full stop 2 to 3, a 6 for an 8 10 to 22, IKI for IKU 65 (at 8 pt a
dropped full stop is 1 pixel: too small). The same content streams render the same
pixels, so re-saving, re-compressing, incremental signing and re-encoding the
images (the emblem as a JPEG of quality 50 moves no pixel by more than 6)
differ by nothing. A service that rewrites the content's numbers is not
harmless at this tolerance: moving text by a thousandth of a point can shift
a glyph by a whole pixel (35 pixels in a tile). :data:`NEAR` = 1 would accept
such shifts (ink then counts as unchanged when the other page has ink as dark
within one pixel) but would also accept a 6 drawn where the text says 8 (2
pixels), so it is 0.
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from .errors import CodedError
from .verify import differences, run_end

if TYPE_CHECKING:
    from PIL import Image

DPI = 100
SCALE = DPI / 72  # pixels per PDF point
MM_PER_PIXEL = 25.4 / DPI
PIXEL_DELTA = 48  # a pixel differs when its grey changes by this much (of 255)
TILE = 16  # pixels: tiles of 4.1 x 4.1 mm
TILE_PIXELS = 1  # a tile fails when more of its pixels than this differ (2 pixels: 0.13 mm²)
NEAR = 0  # pixels: ink counts as unchanged when the other page has ink as dark this close
INK = 128  # a pixel darker than this is ink
COVERED_SHARE = 0.75  # an allowed tile with build ink fails when this share of its paper got ink
FOOTER_ZONE_MM = 30.0  # the TTE footer band must start in the bottom 30 mm of the page
FOOTER_ABOVE_MM = 2.0  # the band starts this far above the footer text (room for a logo beside it)
SIZE_TOLERANCE_PT = 1.0  # page sizes equal within a point (0.35 mm)
MAX_DIFFERENCES = 5  # stop after this many
MAX_ANNOTATIONS = 1000  # annotations of a page looked at for signature widgets
CONTEXT_WORDS = 5  # words shown before a difference, and at most this many of each side

TTE_FOOTERS = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
    "diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), BSSN",
)
"""The lines a signing service may print at the bottom of pages (compared without spaces)."""

_HYPHEN_MARK = "\ufffe"  # pdfium's stand-in for a hyphen that ended a line


@dataclass(frozen=True)
class PageDifference:
    """One way the signed PDF does not show what the build shows: a message code and its params."""

    code: str
    params: dict[str, Any]


class PdfPagesError(CodedError):
    """A PDF pdfium cannot read."""


Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels (right and bottom exclusive)


# --------------------------------------------------------------------------- reading with pdfium


def _pdfium() -> Any:
    import pypdfium2  # type: ignore[import-untyped]

    logging.getLogger("pypdfium2").setLevel(logging.CRITICAL)  # it logs about XFA forms to stderr
    return pypdfium2


def _open(data: bytes) -> Any:
    """The document, its form environment ready (so widgets are drawn as a reader draws them)."""
    pdfium = _pdfium()
    document = pdfium.PdfDocument(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an XFA form pdfium cannot load is drawn without it
            document.init_forms()
    except Exception:
        document.close()
        raise
    return document


def _text(page: Any) -> str:
    textpage = page.get_textpage()
    try:
        return str(textpage.get_text_range()).replace(_HYPHEN_MARK, "-")
    finally:
        textpage.close()


def _detail(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def page_words(data: bytes) -> list[list[str]]:
    """The words of each page, in the order the page draws them (invisible text included).

    Raises :class:`PdfPagesError` ``pdf_unreadable`` when pdfium cannot read the file."""
    pdfium = _pdfium()
    try:
        document = _open(data)
        try:
            out = []
            for index in range(len(document)):
                page = document[index]
                try:
                    out.append(_text(page).split())
                finally:
                    page.close()
            return out
        finally:
            document.close()
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        raise PdfPagesError("pdf_unreadable", detail=_detail(exc)) from None


# --------------------------------------------------------------------------- words


def _footer_phrases() -> list[str]:
    return ["".join(footer.split()) for footer in TTE_FOOTERS]


def without_footers(words: Sequence[str]) -> list[str]:
    """``words`` without each run that is a TTE footer line (wherever it is; the look decides)."""
    phrases = _footer_phrases()
    out: list[str] = []
    i = 0
    while i < len(words):
        end = next((e for p in phrases if (e := run_end(words, i, p)) is not None), None)
        if end is None:
            out.append(words[i])
            i += 1
        else:
            i = end
    return out


def _words_difference(number: int, signed: list[str], build: list[str]) -> Optional[PageDifference]:
    first = next(differences(build, signed), None)
    if first is None:
        return None
    a1, a2, b1, b2 = first

    def shown(words: Sequence[str]) -> str:
        return " ".join(words[:CONTEXT_WORDS]) or "-"

    return PageDifference(
        "page_words_differ",
        {
            "page": number,
            "missing": shown(build[a1:a2]),
            "extra": shown(signed[b1:b2]),
            "near": " ".join(build[max(0, a1 - CONTEXT_WORDS) : a1]) or "-",
        },
    )


# --------------------------------------------------------------------------- where signing may add


def _signature_widgets(document: Any, page: Any) -> Iterator[tuple[float, float, float, float]]:
    """Rectangles (PDF units) of the page's widgets whose field is a signature field."""
    pdfium = _pdfium()
    raw = pdfium.raw
    if not document.formenv:
        return
    count = min(int(raw.FPDFPage_GetAnnotCount(page)), MAX_ANNOTATIONS)
    for index in range(count):
        annot = raw.FPDFPage_GetAnnot(page, index)
        if not annot:
            continue
        try:
            if raw.FPDFAnnot_GetSubtype(annot) != raw.FPDF_ANNOT_WIDGET:
                continue
            if raw.FPDFAnnot_GetFormFieldType(document.formenv, annot) != raw.FPDF_FORMFIELD_SIGNATURE:
                continue
            rect = raw.FS_RECTF()
            if raw.FPDFAnnot_GetRect(annot, rect):
                yield float(rect.left), float(rect.bottom), float(rect.right), float(rect.top)
        finally:
            raw.FPDFPage_CloseAnnot(annot)


def _footer_tops(page: Any) -> list[float]:
    """The top (PDF y) of each TTE footer text on the page: the top of its first line."""
    pdfium = _pdfium()
    raw = pdfium.raw
    textpage = page.get_textpage()
    try:
        count = int(textpage.count_chars())
        chars: list[str] = []
        where: list[int] = []
        for index in range(count):
            code = int(raw.FPDFText_GetUnicode(textpage, index))
            char = "-" if code == 0xFFFE else chr(code) if 0 < code < 0x110000 else ""
            if char and not char.isspace():
                chars.append(char)
                where.append(index)
        text = "".join(chars)
        tops = []
        for phrase in _footer_phrases():
            start = text.find(phrase)
            while start >= 0:
                boxes = [textpage.get_charbox(where[k]) for k in range(start, start + len(phrase))]
                tops.append(max(box[3] for box in boxes))
                start = text.find(phrase, start + len(phrase))
        return tops
    finally:
        textpage.close()


def _pixel_box(conv: Any, rect: tuple[float, float, float, float], size: tuple[int, int]) -> Optional[Box]:
    left, bottom, right, top = rect
    corners = [conv.to_bitmap(x, y) for x in (left, right) for y in (bottom, top)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    box = (max(0, min(xs)), max(0, min(ys)), min(size[0], max(xs) + 1), min(size[1], max(ys) + 1))
    return box if box[0] < box[2] and box[1] < box[3] else None


def _ink_bottom(image: Image.Image) -> int:
    """The pixel row below the lowest mark of a page (0 for a blank page)."""
    from PIL import ImageOps

    box = ImageOps.invert(image).point(lambda v: 255 if v >= PIXEL_DELTA else 0).getbbox()
    return box[3] if box else 0


def _footer_band(page: Any, conv: Any, build: Image.Image) -> Optional[Box]:
    """The band from just above the lowest TTE footer text down to the page bottom, when it starts
    in the bottom :data:`FOOTER_ZONE_MM` mm and below every mark of the build page."""
    tops = _footer_tops(page)
    if not tops:
        return None
    width, height = build.size
    _, band_top = conv.to_bitmap(0, min(tops) + FOOTER_ABOVE_MM / 25.4 * 72)
    band_top = max(0, band_top)
    if (height - band_top) * MM_PER_PIXEL > FOOTER_ZONE_MM or band_top < _ink_bottom(build):
        return None
    return 0, band_top, width, height


# --------------------------------------------------------------------------- look


def _render(page: Any, annotations: bool) -> tuple[Image.Image, Any]:
    """The page in grey as a reader shows it (``annotations``: widgets and other annotations
    drawn), or its content alone."""
    bitmap = page.render(scale=SCALE, grayscale=True, draw_annots=annotations, may_draw_forms=annotations)
    try:
        image = bitmap.to_pil().convert("L").copy()
        return image, bitmap.get_posconv(page)
    finally:
        bitmap.close()


def _counts(mask: Image.Image) -> Image.Image:
    """Per tile, how many pixels of a 0/255 mask are set (exact up to 127: reduce averages and rounds)."""
    return mask.reduce(TILE)


def _value(image: Image.Image, x: int, y: int) -> int:
    """A tile count (reduce's mean of 0/255 pixels, back to a count of 256)."""
    value = image.getpixel((x, y))
    assert isinstance(value, int)
    return round(value * TILE * TILE / 255)


def _darkest_near(image: Image.Image) -> Image.Image:
    """Each pixel made the darkest within :data:`NEAR` pixels (a minimum filter, done as shifted
    copies: Pillow's MinFilter is six times slower)."""
    from PIL import ImageChops, ImageOps

    width, height = image.size
    padded = ImageOps.expand(image, border=NEAR, fill=255)
    rows = padded.crop((0, 0, width, height + 2 * NEAR))
    for dx in range(1, 2 * NEAR + 1):
        rows = ImageChops.darker(rows, padded.crop((dx, 0, dx + width, height + 2 * NEAR)))
    out = rows.crop((0, 0, width, height))
    for dy in range(1, 2 * NEAR + 1):
        out = ImageChops.darker(out, rows.crop((0, dy, width, dy + height)))
    return out


def _places(size: tuple[int, int], boxes: list[Box]) -> Image.Image:
    """A 0/255 mask of the boxes, each grown by the :data:`NEAR` tolerance and a pixel of edge."""
    from PIL import Image, ImageDraw

    place = Image.new("L", size, 0)
    draw = ImageDraw.Draw(place)
    for left, top, right, bottom in boxes:
        draw.rectangle((left - NEAR - 1, top - NEAR - 1, right + NEAR, bottom + NEAR), fill=255)
    return place


def _failed_tiles(new: Image.Image, old: Image.Image, additive: list[Box]) -> Image.Image:
    """Tiles (255) where ``new`` does not look like ``old``; inside the ``additive`` boxes only ink
    that ``new`` removed or lightened counts."""
    from PIL import Image, ImageChops

    removed = ImageChops.subtract(_darkest_near(new), old)  # old ink with no ink as dark near it in new
    added = ImageChops.subtract(_darkest_near(old), new)  # new ink with no old ink as dark near it
    diff = ImageChops.lighter(removed, added)
    if additive:
        diff = Image.composite(removed, diff, _places(old.size, additive))
    tiles = _counts(diff.point(lambda v: 255 if v >= PIXEL_DELTA else 0))
    return tiles.point(lambda v: 255 if v > TILE_PIXELS else 0)


def _covered_tiles(shown: Image.Image, build: Image.Image, boxes: list[Box]) -> list[tuple[int, int]]:
    """Tiles in the boxes where the build has ink and the shown page filled the paper around it:
    text buried under a solid dark fill (it lightens nothing, yet hides the words)."""
    from PIL import ImageChops

    build_ink = _counts(build.point(lambda v: 255 if v < INK else 0))
    paper = build.point(lambda v: 255 if v >= 255 - PIXEL_DELTA else 0)
    inked = ImageChops.multiply(paper, shown.point(lambda v: 255 if v < INK else 0))
    paper_count, inked_count, place = _counts(paper), _counts(inked), _counts(_places(build.size, boxes))
    out: list[tuple[int, int]] = []
    box = place.getbbox()
    if box is None:
        return out
    for ty in range(box[1], box[3]):
        for tx in range(box[0], box[2]):
            if not place.getpixel((tx, ty)) or _value(build_ink, tx, ty) <= TILE_PIXELS:
                continue
            paper_n = _value(paper_count, tx, ty)
            if paper_n and _value(inked_count, tx, ty) >= COVERED_SHARE * paper_n:
                out.append((tx, ty))
    return out


def _look_difference(
    number: int, signed_doc: Any, signed_page: Any, build_page: Any, footer: bool
) -> Optional[PageDifference]:
    """Two steps, so that no page content can hide behind a widget's allowance: the signed page's
    content against the build (the footer band may add ink), then what its annotations draw
    over that content (only signature widgets may, adding ink in their own rectangles)."""
    from PIL import ImageChops

    build, _ = _render(build_page, annotations=True)
    content, conv = _render(signed_page, annotations=False)
    if content.size != build.size:
        return PageDifference("page_size_differs", {"page": number})
    failed = None
    if ImageChops.difference(content, build).getbbox() is not None:
        band = _footer_band(signed_page, conv, build) if footer else None
        failed = _failed_tiles(content, build, [band] if band else [])
    shown, _ = _render(signed_page, annotations=True)
    if ImageChops.difference(shown, content).getbbox() is not None:
        size = build.size
        widgets = [
            box
            for rect in _signature_widgets(signed_doc, signed_page)
            if (box := _pixel_box(conv, rect, size)) is not None
        ]
        drawn = _failed_tiles(shown, content, widgets)
        for tile in _covered_tiles(shown, build, widgets):
            drawn.putpixel(tile, 255)
        failed = drawn if failed is None else ImageChops.lighter(failed, drawn)
    box = failed.getbbox() if failed is not None else None
    if failed is None or box is None:
        return None
    width, height = build.size
    return PageDifference(
        "page_look_differs",
        {
            "page": number,
            "left": math.floor(box[0] * TILE * MM_PER_PIXEL),
            "top": math.floor(box[1] * TILE * MM_PER_PIXEL),
            "right": math.ceil(min(width, box[2] * TILE) * MM_PER_PIXEL),
            "bottom": math.ceil(min(height, box[3] * TILE) * MM_PER_PIXEL),
            "tiles": failed.histogram()[255],
        },
    )


# --------------------------------------------------------------------------- the comparison


def compare_pages(signed: bytes, build: bytes) -> list[PageDifference]:
    """How the signed PDF differs from the build, page by page (empty: it shows the same).

    Codes: ``pages_differ`` {signed, build}, ``page_size_differs`` {page},
    ``page_words_differ`` {page, missing, extra, near}, ``page_look_differs``
    {page, left, top, right, bottom, tiles} (millimetres from the page's top
    left corner), ``pdf_unreadable`` {detail}. At most :data:`MAX_DIFFERENCES`;
    never raises. pdfium is not thread-safe: call from one thread at a time.
    """
    try:
        return _compare(signed, build)
    except Exception as exc:  # a hostile file pdfium refuses, or chokes on, is a finding
        return [PageDifference("pdf_unreadable", {"detail": _detail(exc)})]


def _compare(signed: bytes, build: bytes) -> list[PageDifference]:
    signed_doc = _open(signed)
    try:
        build_doc = _open(build)
        try:
            return _compare_documents(signed_doc, build_doc)
        finally:
            build_doc.close()
    finally:
        signed_doc.close()


def _compare_documents(signed_doc: Any, build_doc: Any) -> list[PageDifference]:
    count, expected = len(signed_doc), len(build_doc)
    if count != expected:
        return [PageDifference("pages_differ", {"signed": count, "build": expected})]
    out: list[PageDifference] = []
    for index in range(expected):
        signed_page, build_page = signed_doc[index], build_doc[index]
        try:
            out += _compare_page(index + 1, signed_doc, signed_page, build_page)
        finally:
            signed_page.close()
            build_page.close()
        if len(out) >= MAX_DIFFERENCES:
            break
    return out[:MAX_DIFFERENCES]


def _compare_page(number: int, signed_doc: Any, signed_page: Any, build_page: Any) -> list[PageDifference]:
    sizes = signed_page.get_size(), build_page.get_size()
    if any(abs(a - b) > SIZE_TOLERANCE_PT for a, b in zip(*sizes, strict=True)):
        return [PageDifference("page_size_differs", {"page": number})]
    out = []
    signed_words = _text(signed_page).split()
    kept = without_footers(signed_words)
    words = _words_difference(number, kept, without_footers(_text(build_page).split()))
    if words is not None:
        out.append(words)
    look = _look_difference(number, signed_doc, signed_page, build_page, len(kept) < len(signed_words))
    if look is not None:
        out.append(look)
    return out
