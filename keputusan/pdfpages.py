"""Does a signed PDF show what its build shows? Page by page, by words in order and by look (pdfium).

This is the only module that imports pypdfium2. pdfium reads the words of a
page in the order its content draws them (invisible text included: hidden
words are words) and renders pages the way a reader shows them, annotations
and form fields drawn.

:func:`compare_pages` holds a signed PDF against a fresh build of the approved
content. Signing may legitimately *add* to a page, nothing else:

* a signature stamp, on blank paper only: inside the rectangle of a widget of
  a signature field that holds a signature, drawn by that widget, where the
  build has no ink within :data:`NEAR_INK` pixels (1 mm). On and around the
  build's ink a stamp is compared as strictly as the rest of the page, so it
  can neither strike through, underline nor frame the decree's words. A
  widget counts when its own dictionary is the field (no ``/Parent``, as
  signing applications write it) and carries ``/V``: an unsigned signature
  field is ordinary ink (whether the value is a valid signature is checked
  elsewhere). Given the names of the fields that may stamp (``stamps``: the
  signatory's), the widgets of other signature fields are ordinary ink too.
  The stamps of a page may cover :data:`STAMP_AREA_CM2` = 25 cm² in all (a
  BSrE QR stamp is about 3 x 3 cm, one with a short text about 6 x 3 cm);
  beyond that the page gets the difference ``signature_stamp_too_large`` and
  its stamps count as ink. What a stamp says is the signing application's: a
  stamp on blank paper may hold words;
* the TTE footer (:data:`TTE_FOOTERS`): the glyphs of the page's own
  *visible* text objects (filled, or filled and stroked; not invisible, not
  clipping) whose text is part of a footer line, that lie in the bottom
  :data:`FOOTER_ZONE_MM` mm, none higher than :data:`FOOTER_LINE_MM` mm, with
  no build ink below :data:`FOOTER_ABOVE_MM` mm above them. Only the pixels
  those objects draw (the page rendered with and without them), within their
  bounds padded by :data:`FOOTER_PAD_MM` mm, may get ink: footer text that is
  invisible, white, clipped or painted over allows nothing, and a logo or any
  other ink in that band is a difference like any other.

There the signed page may add ink but never remove or lighten the build's
ink. Everywhere else the renderings must agree within the tolerance. The look
is judged in two steps, so no page content can hide behind a widget's
allowance: the signed page's own content against the build, then what its
annotations draw over that content. Both steps are done as a screen shows
the page and as a printer prints it (pdfium's FPDF_PRINTING, with the same
rules): an annotation flagged to print only, or optional content that is off
on screen and on in print, shows in one of the two. The build is rendered
once: keputusan builds have neither annotations nor optional content.

Tolerance. Pages are rendered in colour at :data:`DPI` = 100 dots per inch: a
pixel is 0.254 mm. A pixel changes by as much as its red, green or blue
channel changes most. It differs when it got darker or lighter by
:data:`BLANK_DELTA` = 16 of 255: the same content streams render the same
pixels, so re-saving, re-compressing and incremental signing differ by
nothing, and light ink (a pink or grey strike-through drawn under the text, a
pale highlighter, yellow on white) is ink. Only where the build draws an image
(its bounds padded by :data:`IMAGE_PAD_MM` mm) is the tolerance loose, for
re-encoded images: there a pixel differs when it got lighter by
:data:`REMOVED_DELTA` = 64, or darker by :data:`ADDED_DELTA` = 48 within
:data:`NEAR_INK` pixels of the build's ink (16 on blank paper). Re-encoded
images move pixels, and a channel more than grey: the seed's emblem as a JPEG
of quality 50 moves a channel by up to 36 darker and 50 lighter, all on the
emblem (its transparent surround stays paper); flattened onto white first (as
a PDF/A-1 converter does), 46 darker and 48 lighter, and on the white around
it 20 darker within 2 pixels of its ink, 7 farther out. Both pass; quality 10
does not. Pixels are judged in tiles of :data:`TILE` = 16 x 16 pixels, 4.1 x
4.1 mm; a tile fails when more than :data:`TILE_PIXELS` = 1 of its 256 pixels
differ, so 2 pixels — 0.13 mm², less than a full stop — are a difference (one
stray pixel is not). Measured at 10 and 12 pt: a dropped full stop is 4
pixels, a comma for a full stop 2 to 3, a 6 for an 8 10 to 22, IKI for IKU 65
(at 8 pt a dropped full stop is 1 pixel: too small). Ink must match pixel
for pixel: a service that rewrites the content's numbers is not harmless at
this tolerance (moving text by a thousandth of a point can shift a glyph by a
whole pixel, 35 pixels in a tile), and a tolerance for such shifts would also
accept a 6 drawn where the text says 8 (2 pixels).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import warnings
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from .errors import CodedError, Finding
from .verify import differences, run_end

if TYPE_CHECKING:
    from PIL import Image

DPI = 100
SCALE = DPI / 72  # pixels per PDF point
MM_PER_PIXEL = 25.4 / DPI
BLANK_DELTA = 16  # a pixel differs when a channel gets this much darker or lighter (of 255; and: what is ink)
REMOVED_DELTA = 64  # ... on the build's images: this much lighter
ADDED_DELTA = 48  # ... or this much darker near their ink
NEAR_INK = 4  # pixels (1 mm): blank paper has no build ink this close
TILE = 16  # pixels: tiles of 4.1 x 4.1 mm
TILE_PIXELS = 1  # a tile fails when more of its pixels than this differ (2 pixels: 0.13 mm²)
STAMP_AREA_CM2 = 25.0  # signature stamps of a page cover at most this much paper
IMAGE_PAD_MM = 1.0  # around the build's images (re-encoded, they move pixels) the tolerance is loose
FOOTER_ZONE_MM = 30.0  # the TTE footer must start in the bottom 30 mm of the page
FOOTER_ABOVE_MM = 5.0  # ... and this far above it the build must be blank
FOOTER_PAD_MM = 0.5  # the footer's own glyphs may add ink within its text objects' bounds, padded
FOOTER_LINE_MM = 5.0  # ... when none is higher than this (type up to about 14 pt)
SIZE_TOLERANCE_PT = 1.0  # page sizes equal within a point (0.35 mm)
MAX_DIFFERENCES = 5  # stop after this many
IMAGE_BLOCKS = 16  # freed image memory blocks Pillow keeps while comparing
MAX_ANNOTATIONS = 1000  # annotations of a page looked at for signature widgets
MAX_OBJECTS = 1000  # objects of a form XObject looked at for images
CONTEXT_WORDS = 5  # words shown before a difference, and at most this many of each side

TTE_FOOTERS = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
    "diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), BSSN",
)
"""The lines a signing service may print at the bottom of pages (compared without spaces)."""

_HYPHEN_MARK = "\ufffe"  # pdfium's stand-in for a hyphen that ended a line


PageDifference = Finding  # one way the signed PDF does not show what the build shows


class PdfPagesError(CodedError):
    """A PDF pdfium cannot read."""


Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels (right and bottom exclusive)
Rect = tuple[float, float, float, float]  # left, bottom, right, top in PDF units


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
        return _all_text(textpage)
    finally:
        textpage.close()


def _all_text(textpage: Any) -> str:
    return str(textpage.get_text_range()).replace(_HYPHEN_MARK, "-")


def _detail(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def _page_texts(data: bytes) -> list[str]:
    """The text of each page, in the order the page draws it (invisible text included).

    Raises :class:`PdfPagesError` ``pdf_unreadable`` when pdfium cannot read the file."""
    pdfium = _pdfium()
    try:
        document = _open(data)
        try:
            out = []
            for index in range(len(document)):
                page = document[index]
                try:
                    out.append(_text(page))
                finally:
                    page.close()
            return out
        finally:
            document.close()
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        raise PdfPagesError("pdf_unreadable", detail=_detail(exc)) from None


def page_words(data: bytes) -> list[list[str]]:
    """The words of each page, in the order the page draws them (invisible text included).

    Raises :class:`PdfPagesError` ``pdf_unreadable`` when pdfium cannot read the file."""
    return [text.split() for text in _page_texts(data)]


def page_lines(data: bytes) -> list[list[str]]:
    """The text lines of each page, in the order the page draws them (for ``keputusan import``).

    Raises :class:`PdfPagesError` ``pdf_unreadable`` when pdfium cannot read the file."""
    return [text.replace("\r\n", "\n").replace("\r", "\n").split("\n") for text in _page_texts(data)]


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


def _signature_stamps(document: Any, page: Any, names: Optional[Collection[str]]) -> Iterator[Rect]:
    """Rectangles (PDF units) of the page's widgets of signature fields that hold a signature
    (and, unless ``names`` is None, whose field is named in ``names``).

    Only a widget whose own dictionary is the field (no ``/Parent``) and carries ``/V`` (a
    dictionary, or a reference to one) counts, as signing applications write it; the
    signature itself is checked elsewhere."""
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
            if raw.FPDFAnnot_HasKey(annot, b"Parent"):
                continue
            if raw.FPDFAnnot_GetValueType(annot, b"V") not in (
                raw.FPDF_OBJECT_DICTIONARY,
                raw.FPDF_OBJECT_REFERENCE,
            ):
                continue
            if names is not None and _field_name(document.formenv, annot) not in names:
                continue
            rect = raw.FS_RECTF()
            if raw.FPDFAnnot_GetRect(annot, rect):
                yield float(rect.left), float(rect.bottom), float(rect.right), float(rect.top)
        finally:
            raw.FPDFPage_CloseAnnot(annot)


def _utf16(call: Any) -> str:
    """The text a pdfium getter of UTF-16LE strings returns (``call(buffer, length)`` gives its
    size in bytes, terminating zero included)."""
    import ctypes

    raw = _pdfium().raw
    size = int(call(None, 0))
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    call(ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), size)
    return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")


def _field_name(formenv: Any, annot: Any) -> str:
    """The fully qualified name of the field of a widget (its /T, parents' joined by '.')."""
    raw = _pdfium().raw
    return _utf16(lambda buffer, size: raw.FPDFAnnot_GetFormFieldName(formenv, annot, buffer, size))


def _objects(page: Any) -> Iterator[tuple[int, Any]]:
    """The page's own objects (not those inside form XObjects): (type, object)."""
    raw = _pdfium().raw
    for index in range(int(raw.FPDFPage_CountObjects(page))):
        obj = raw.FPDFPage_GetObject(page, index)
        if obj:
            yield int(raw.FPDFPageObj_GetType(obj)), obj


def _bounds(obj: Any) -> Optional[Rect]:
    import ctypes

    raw = _pdfium().raw
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None
    return float(left.value), float(bottom.value), float(right.value), float(top.value)


def _holds_image(obj: Any, depth: int = 0) -> bool:
    """Whether a form XObject draws an image (within a few levels of nesting)."""
    raw = _pdfium().raw
    for index in range(min(int(raw.FPDFFormObj_CountObjects(obj)), MAX_OBJECTS)):
        inner = raw.FPDFFormObj_GetObject(obj, index)
        kind = int(raw.FPDFPageObj_GetType(inner)) if inner else 0
        if kind == raw.FPDF_PAGEOBJ_IMAGE or (
            kind == raw.FPDF_PAGEOBJ_FORM and depth < 4 and _holds_image(inner, depth + 1)
        ):
            return True
    return False


def _image_rects(page: Any) -> list[Rect]:
    """Where the build page draws images (PDF units): an image object's bounds, or those of a form
    XObject that draws one."""
    raw = _pdfium().raw
    out = []
    for kind, obj in _objects(page):
        if kind == raw.FPDF_PAGEOBJ_IMAGE or (kind == raw.FPDF_PAGEOBJ_FORM and _holds_image(obj)):
            rect = _bounds(obj)
            if rect is not None:
                out.append(rect)
    return out


def _footer_objects(page: Any, textpage: Any) -> list[Any]:
    """The page's visible text objects (filled, or filled and stroked) whose text is part of a TTE
    footer line."""
    raw = _pdfium().raw
    visible = (raw.FPDF_TEXTRENDERMODE_FILL, raw.FPDF_TEXTRENDERMODE_FILL_STROKE)
    phrases = _footer_phrases()
    out = []
    for kind, obj in _objects(page):
        if kind != raw.FPDF_PAGEOBJ_TEXT or raw.FPDFTextObj_GetTextRenderMode(obj) not in visible:
            continue
        text = _utf16(lambda buffer, size, obj=obj: raw.FPDFTextObj_GetText(obj, textpage, buffer, size))
        letters = "".join(text.replace(_HYPHEN_MARK, "-").split())
        if letters and any(letters in phrase for phrase in phrases):
            out.append(obj)
    return out


def _pixel_box(conv: Any, rect: Rect, size: tuple[int, int]) -> Optional[Box]:
    left, bottom, right, top = rect
    corners = [conv.to_bitmap(x, y) for x in (left, right) for y in (bottom, top)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    box = (max(0, min(xs)), max(0, min(ys)), min(size[0], max(xs) + 1), min(size[1], max(ys) + 1))
    return box if box[0] < box[2] and box[1] < box[3] else None


def _pixels(mm: float) -> int:
    return round(mm / MM_PER_PIXEL)


def _footer_allowance(
    footer: list[Any], page: Any, buffers: _Buffers, conv: Any, content: Image.Image, build: Image.Image
) -> Optional[Image.Image]:
    """Where the TTE footer's text objects may add ink to the page's content (a 0/255 mask): the
    pixels their glyphs draw (the page rendered with and without them), within their bounds padded
    by :data:`FOOTER_PAD_MM`. None when the footer is not low enough, in large type, or the build
    has ink near it."""
    from PIL import Image, ImageChops

    raw = _pdfium().raw
    size = build.size
    pad = _pixels(FOOTER_PAD_MM)
    zone = size[1] - _pixels(FOOTER_ZONE_MM)
    boxes, low = [], []
    for obj in footer:
        rect = _bounds(obj)
        box = None if rect is None else _pixel_box(conv, rect, size)
        if box is None or box[1] < zone:
            continue  # not in the bottom of the page (the decree's own words, say): ink like any other
        if box[3] - box[1] > _pixels(FOOTER_LINE_MM):
            return None  # a footer in large type would allow ink over a large box
        boxes.append((box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad))
        low.append(obj)
    if not boxes:
        return None
    band = (0, max(0, min(b[1] for b in boxes) - _pixels(FOOTER_ABOVE_MM)), size[0], size[1])
    if (size[1] - band[1]) * MM_PER_PIXEL > FOOTER_ZONE_MM:
        return None
    if _mask(_darkness(build.crop(band)), BLANK_DELTA).getbbox() is not None:
        return None  # the build has a mark there
    for obj in low:
        raw.FPDFPageObj_SetIsActive(obj, False)
    try:
        without, _ = _render(page, buffers, False, False, below=band[1])
    finally:
        for obj in low:
            raw.FPDFPageObj_SetIsActive(obj, True)
    if without.size != (size[0], size[1] - band[1]):
        return None
    glyphs = _mask(_largest(ImageChops.difference(content.crop(band), without)), 1)
    glyphs = ImageChops.multiply(glyphs, _places(glyphs.size, boxes, (0, band[1])))
    allowance = Image.new("L", size, 0)
    allowance.paste(glyphs, (0, band[1]))
    return allowance


# --------------------------------------------------------------------------- look


class _Buffers:
    """Pixel buffers for pdfium to render into, reused from page to page: a fresh buffer of a few
    megabytes costs more (the system hands it out page by page) than rendering into it. The
    images of a page share their buffers: :meth:`release` when they are no longer used."""

    def __init__(self) -> None:
        self.free: dict[int, list[Any]] = {}
        self.used: list[tuple[int, Any]] = []

    def bitmap(self, width: int, height: int, format: int, rev_byteorder: bool = False) -> Any:
        import ctypes

        size = width * height * 4  # prefer_bgrx: four bytes a pixel
        spare = self.free.get(size)
        buffer = spare.pop() if spare else (ctypes.c_ubyte * size)()
        self.used.append((size, buffer))
        return _pdfium().PdfBitmap.new_native(width, height, format, rev_byteorder, buffer=buffer)

    def release(self) -> None:
        for size, buffer in self.used:
            self.free.setdefault(size, []).append(buffer)
        self.used.clear()


def _render(
    page: Any, buffers: _Buffers, annotations: bool, printing: bool, below: int = 0
) -> tuple[Image.Image, Any]:
    """The page in colour (RGBX) as a reader shows it on screen or as it prints (``annotations``:
    widgets and other annotations drawn), or its content alone; ``below``: only the pixel rows from
    this one down."""
    bitmap = page.render(
        scale=SCALE,
        crop=(0, 0, 0, (below - 0.001) / SCALE if below > 0 else 0),  # whole pixels: rendering rounds up
        draw_annots=annotations,
        may_draw_forms=annotations,
        optimize_mode="print" if printing else None,
        prefer_bgrx=True,
        rev_byteorder=True,
        bitmap_maker=buffers.bitmap,
    )
    try:  # the image shares the buffer (from ``buffers``, not pdfium's): no copy needed
        return bitmap.to_pil(), bitmap.get_posconv(page)
    finally:
        bitmap.close()


def _largest(image: Image.Image) -> Image.Image:
    """Per pixel, the largest of the red, green and blue values (grey, mode L)."""
    from PIL import ImageChops

    red, green, blue = image.split()[:3]
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)


def _darkness(image: Image.Image) -> Image.Image:
    """Per pixel, how much darker than white its darkest channel is."""
    from PIL import ImageChops

    red, green, blue = image.split()[:3]
    return ImageChops.invert(ImageChops.darker(ImageChops.darker(red, green), blue))


@functools.cache
def _at_least(threshold: int) -> list[int]:
    """A lookup table: 255 for the values from ``threshold`` up, else 0."""
    return [255 if v >= threshold else 0 for v in range(256)]


_NONE = [255] + [0] * 255  # a lookup table: 255 for 0, else 0


def _mask(image: Image.Image, threshold: int) -> Image.Image:
    return image.point(_at_least(threshold))


def _blank(build: Image.Image) -> Image.Image:
    """A 0/255 mask (255: blank paper) of the pixels with no build ink within :data:`NEAR_INK` pixels."""
    from PIL import ImageFilter

    near = _mask(_darkness(build), BLANK_DELTA).filter(ImageFilter.BoxBlur(NEAR_INK))  # exact: 255/81 > 0
    return near.point(_NONE)


def _places(size: tuple[int, int], boxes: list[Box], origin: tuple[int, int]) -> Image.Image:
    """A 0/255 mask of the boxes (page pixels, the mask starting at ``origin``), each grown by a
    pixel of edge."""
    from PIL import Image, ImageDraw

    place = Image.new("L", size, 0)
    draw = ImageDraw.Draw(place)
    x0, y0 = origin
    for left, top, right, bottom in boxes:
        draw.rectangle((left - x0 - 1, top - y0 - 1, right - x0, bottom - y0), fill=255)
    return place


def _failed_tiles(
    tiles: Image.Image,
    changed: Box,
    new: Image.Image,
    old: Image.Image,
    build: Image.Image,
    loose: Optional[Image.Image],
    additive: Optional[Image.Image],
    blank_only: bool,
) -> None:
    """Mark in ``tiles`` (255) the tiles where ``new`` does not look like ``old``, looking only
    around ``changed`` (where their pixels differ). Masks of the page (255: yes): ``loose``, where
    the build draws images (the loose tolerance); ``additive``, where (when ``blank_only``: and
    where the build is blank) only ink that ``new`` removed or lightened counts."""
    from PIL import Image, ImageChops

    width, height = old.size
    x0, y0 = max(0, changed[0] // TILE - 1) * TILE, max(0, changed[1] // TILE - 1) * TILE
    x1 = min(width, (-(-changed[2] // TILE) + 1) * TILE)
    y1 = min(height, (-(-changed[3] // TILE) + 1) * TILE)
    region = (x0, y0, x1, y1)
    new, old, build = new.crop(region), old.crop(region), build.crop(region)
    lighter = _largest(ImageChops.subtract(new, old))
    darker = _largest(ImageChops.subtract(old, new))
    removed, added = _mask(lighter, BLANK_DELTA), _mask(darker, BLANK_DELTA)
    blank = _blank(build) if blank_only or loose is not None else None
    place = loose.crop(region) if loose is not None else None
    if place is not None and place.getbbox() is not None and blank is not None:
        removed = Image.composite(_mask(lighter, REMOVED_DELTA), removed, place)
        near = Image.composite(added, _mask(darker, ADDED_DELTA), blank)
        added = Image.composite(near, added, place)
    if additive is not None:
        allowed = additive.crop(region)
        if blank_only and blank is not None:
            allowed = ImageChops.multiply(allowed, blank)
        added = ImageChops.subtract(added, allowed)
    failed = ImageChops.lighter(removed, added).reduce(TILE).point(_at_least(TILE_PIXELS + 1))
    at = (x0 // TILE, y0 // TILE)
    tiles.paste(
        ImageChops.lighter(tiles.crop((*at, at[0] + failed.width, at[1] + failed.height)), failed), at
    )


def _changed(new: Image.Image, old: Image.Image) -> Optional[Box]:
    from PIL import ImageChops

    box = ImageChops.difference(new, old).getbbox()
    return None if box is None else (box[0], box[1], box[2], box[3])


@dataclass
class _Page:
    """A page pair to compare by look, and what may differ."""

    number: int
    signed_doc: Any
    signed: Any
    build: Any
    footer: list[Any]  # the signed page's visible TTE footer text objects
    images: list[Rect]  # where the build page draws images
    stamps: Optional[Collection[str]]  # the signature fields that may stamp (None: all)


def _look_differences(page: _Page, buffers: _Buffers) -> list[PageDifference]:
    """Two steps, so that no page content can hide behind a widget's allowance: the signed page's
    content against the build (the TTE footer may add ink), then what its annotations draw over
    that content (only signature stamps may, adding ink on blank paper). Both on screen and in
    print."""
    from PIL import Image

    number = page.number
    out: list[PageDifference] = []
    annotated = int(_pdfium().raw.FPDFPage_GetAnnotCount(page.signed)) > 0
    stamps: Optional[Image.Image] = None
    loose: Optional[Image.Image] = None
    allowance: Optional[Image.Image] = None
    tiles: Optional[Image.Image] = None
    build, _ = _render(page.build, buffers, True, False)
    screen: Optional[Image.Image] = None
    for printing in (False, True):
        content, conv = _render(page.signed, buffers, False, printing)
        if content.size != build.size:
            return [PageDifference("page_size_differs", {"page": number})]
        if tiles is None:
            tiles = Image.new("L", (-(-build.width // TILE), -(-build.height // TILE)), 0)
            pad = _pixels(IMAGE_PAD_MM)
            boxes = [box for rect in page.images if (box := _pixel_box(conv, rect, build.size)) is not None]
            if boxes:
                loose = _places(
                    build.size, [(b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad) for b in boxes], (0, 0)
                )
            if annotated:
                stamps, difference = _stamp_places(page, conv, build.size)
                if difference is not None:
                    out.append(difference)
        changed = _changed(content, build) if screen is None or _changed(content, screen) else None
        if changed is not None:
            if page.footer and screen is None:
                allowance = _footer_allowance(page.footer, page.signed, buffers, conv, content, build)
            _failed_tiles(tiles, changed, content, build, build, loose, allowance, blank_only=False)
        screen = content
        if annotated:
            shown, _ = _render(page.signed, buffers, True, printing)
            changed = _changed(shown, content)
            if changed is not None:
                _failed_tiles(tiles, changed, shown, content, build, loose, stamps, blank_only=True)
    box = tiles.getbbox() if tiles is not None else None
    if tiles is None or box is None:
        return out
    width, height = tiles.width * TILE, tiles.height * TILE
    return [
        *out,
        PageDifference(
            "page_look_differs",
            {
                "page": number,
                "left": math.floor(box[0] * TILE * MM_PER_PIXEL),
                "top": math.floor(box[1] * TILE * MM_PER_PIXEL),
                "right": math.ceil(min(width, box[2] * TILE) * MM_PER_PIXEL),
                "bottom": math.ceil(min(height, box[3] * TILE) * MM_PER_PIXEL),
                "tiles": tiles.histogram()[255],
            },
        ),
    ]


def _stamp_places(
    page: _Page, conv: Any, size: tuple[int, int]
) -> tuple[Optional[Image.Image], Optional[PageDifference]]:
    """Where the page's signature stamps may draw (a mask, None: nowhere), and the difference when
    they are larger than :data:`STAMP_AREA_CM2` in all (then they may draw nowhere)."""
    boxes = [
        box
        for rect in _signature_stamps(page.signed_doc, page.signed, page.stamps)
        if (box := _pixel_box(conv, rect, size)) is not None
    ]
    if not boxes:
        return None, None
    area = sum((b[2] - b[0]) * (b[3] - b[1]) for b in boxes) * MM_PER_PIXEL**2 / 100
    if area > STAMP_AREA_CM2:
        params = {"page": page.number, "area_cm2": math.ceil(area), "limit_cm2": round(STAMP_AREA_CM2)}
        return None, PageDifference("signature_stamp_too_large", params)
    return _places(size, boxes, (0, 0)), None


# --------------------------------------------------------------------------- the comparison


def compare_pages(
    signed: bytes, build: bytes, *, stamps: Optional[Collection[str]] = None
) -> list[PageDifference]:
    """How the signed PDF differs from the build, page by page (empty: it shows the same).

    ``stamps``: the names of the signature fields (fully qualified, as pyHanko's ``field_name``)
    whose widgets may stamp; None: every signature field that holds a signature. The widgets of
    other fields are ink like any other.

    Codes: ``pages_differ`` {signed, build}, ``page_size_differs`` {page},
    ``page_words_differ`` {page, missing, extra, near},
    ``signature_stamp_too_large`` {page, area_cm2, limit_cm2}, ``page_look_differs``
    {page, left, top, right, bottom, tiles} (millimetres from the page's top
    left corner), ``pdf_unreadable`` {detail}. At most :data:`MAX_DIFFERENCES`;
    never raises. pdfium is not thread-safe: call from one thread at a time.
    """
    names = None if stamps is None else frozenset(stamps)
    try:
        return _compare(signed, build, names)
    except Exception as exc:  # a hostile file pdfium refuses, or chokes on, is a finding
        return [PageDifference("pdf_unreadable", {"detail": _detail(exc)})]


def _compare(signed: bytes, build: bytes, stamps: Optional[Collection[str]]) -> list[PageDifference]:
    signed_doc = _open(signed)
    try:
        build_doc = _open(build)
        try:
            return _compare_documents(signed_doc, build_doc, stamps)
        finally:
            build_doc.close()
    finally:
        signed_doc.close()


def _compare_documents(
    signed_doc: Any, build_doc: Any, stamps: Optional[Collection[str]]
) -> list[PageDifference]:
    count, expected = len(signed_doc), len(build_doc)
    if count != expected:
        return [PageDifference("pages_differ", {"signed": count, "build": expected})]
    out: list[PageDifference] = []
    buffers = _Buffers()
    with _image_memory_kept():
        for index in range(expected):
            signed_page, build_page = signed_doc[index], build_doc[index]
            try:
                out += _compare_page(
                    _Page(index + 1, signed_doc, signed_page, build_page, [], [], stamps), buffers
                )
            finally:
                signed_page.close()
                build_page.close()
                buffers.release()
            if len(out) >= MAX_DIFFERENCES:
                break
    return out[:MAX_DIFFERENCES]


@contextlib.contextmanager
def _image_memory_kept() -> Iterator[None]:
    """Pillow keeps the memory of freed images for the next ones meanwhile (a page's images are a
    few megabytes each: getting fresh memory from the system costs more than comparing them)."""
    from PIL import Image

    core = Image.core  # type: ignore[attr-defined]  # Pillow's documented memory knobs (PILLOW_BLOCKS_MAX)
    before = int(core.get_blocks_max())
    core.set_blocks_max(max(before, IMAGE_BLOCKS))
    try:
        yield
    finally:
        core.set_blocks_max(before)  # and frees what it kept


def _compare_page(page: _Page, buffers: _Buffers) -> list[PageDifference]:
    sizes = page.signed.get_size(), page.build.get_size()
    if any(abs(a - b) > SIZE_TOLERANCE_PT for a, b in zip(*sizes, strict=True)):
        return [PageDifference("page_size_differs", {"page": page.number})]
    out = []
    textpage = page.signed.get_textpage()
    try:
        signed_words = _all_text(textpage).split()
        kept = without_footers(signed_words)
        if len(kept) < len(signed_words):
            page.footer.extend(_footer_objects(page.signed, textpage))
    finally:
        textpage.close()
    words = _words_difference(page.number, kept, without_footers(_text(page.build).split()))
    if words is not None:
        out.append(words)
    page.images.extend(_image_rects(page.build))
    out += _look_differences(page, buffers)
    return out


def png_pages(data: bytes, dpi: int = 80) -> list[bytes]:
    """Every page of a PDF as a PNG image at ``dpi``, as a screen shows it (the web preview)."""
    import io

    document = _pdfium().PdfDocument(data)
    try:
        out = []
        for index in range(len(document)):
            page = document[index]
            try:
                bitmap = page.render(scale=dpi / 72)
                try:
                    buffer = io.BytesIO()
                    bitmap.to_pil().save(buffer, format="PNG", compress_level=1)
                    out.append(buffer.getvalue())
                finally:
                    bitmap.close()
            finally:
                page.close()
        return out
    finally:
        document.close()
