"""Hostile PDFs made in code, for the tests of PDF inspection and of the archive.

Each ``with_*`` function takes a PDF (such as the built seed) and returns a new,
fully rewritten one with one hostile thing added, which can then be signed. Those
with an ``incremental`` argument can instead append their change as an incremental
update (:func:`incremental_update`), so that the original bytes stay a prefix of the
result, as a signing tool's own updates do.
"""

from __future__ import annotations

import base64
import io
import re
import zlib
from collections.abc import Callable

import pikepdf
from pikepdf import Array, Dictionary, Name, String


def _edit(pdf: bytes, change: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        change(doc)
        out = io.BytesIO()
        # streams kept as they are: qpdf would otherwise re-encode an LZW stream as Flate
        doc.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=False)
    return out.getvalue()


def _add_annotation(doc: pikepdf.Pdf, page: int, annotation: Dictionary) -> None:
    target = doc.pages[page - 1].obj
    annotation.P = target
    annotation.Rect = Array([50, 50, 150, 80])
    annotations = target.get("/Annots")
    if annotations is None:
        target.Annots = Array()
    target.Annots.append(doc.make_indirect(annotation))


def with_javascript(pdf: bytes, script: str = "app.alert('halo');") -> bytes:
    """A JavaScript action run when the document opens (/OpenAction)."""

    def change(doc: pikepdf.Pdf) -> None:
        doc.Root.OpenAction = doc.make_indirect(
            Dictionary(Type=Name.Action, S=Name.JavaScript, JS=String(script))
        )

    return _edit(pdf, change)


def with_named_javascript(pdf: bytes) -> bytes:
    """A document-level script in the /Names /JavaScript tree (no action points to it)."""

    def change(doc: pikepdf.Pdf) -> None:
        action = doc.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert(1);")))
        doc.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("halo"), action])))

    return _edit(pdf, change)


def with_link_action(pdf: bytes, action: str = "Launch", page: int = 1) -> bytes:
    """A link annotation on ``page`` whose action (/S) is ``action``."""

    def change(doc: pikepdf.Pdf) -> None:
        spec = Dictionary(Type=Name.Filespec, F=String("C:\\Windows\\System32\\cmd.exe"))
        link = Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            A=Dictionary(S=Name("/" + action), F=spec),
        )
        _add_annotation(doc, page, link)

    return _edit(pdf, change)


def with_launch_action(pdf: bytes, page: int = 1) -> bytes:
    """A link on ``page`` that launches a program."""
    return with_link_action(pdf, "Launch", page)


def with_additional_action(pdf: bytes, page: int = 2) -> bytes:
    """An /AA (additional actions) on ``page``: an action run when the page opens."""

    def change(doc: pikepdf.Pdf) -> None:
        doc.pages[page - 1].obj.AA = Dictionary(
            O=Dictionary(S=Name.URI, URI=String("https://contoh.invalid/"))
        )

    return _edit(pdf, change)


def with_embedded_file(pdf: bytes, name: str = "payload.sh", data: bytes = b"#!/bin/sh\nrm -rf ~\n") -> bytes:
    """A file attached to the document, in the /EmbeddedFiles name tree."""

    def change(doc: pikepdf.Pdf) -> None:
        doc.attachments[name] = pikepdf.AttachedFileSpec(doc, data, filename=name, mime_type="text/x-sh")

    return _edit(pdf, change)


def with_file_attachment(pdf: bytes, name: str = "lampiran.exe", page: int = 1) -> bytes:
    """A file attached to ``page`` by a FileAttachment annotation (not in the name tree)."""

    def change(doc: pikepdf.Pdf) -> None:
        stored = pikepdf.Stream(doc, b"MZ\x90\x00")
        stored.Type = Name.EmbeddedFile
        spec = Dictionary(Type=Name.Filespec, F=String(name), UF=String(name), EF=Dictionary(F=stored))
        _add_annotation(doc, page, Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, FS=spec))

    return _edit(pdf, change)


def with_xfa(pdf: bytes) -> bytes:
    """An XFA form in the AcroForm (a form that is a program of its own)."""

    def change(doc: pikepdf.Pdf) -> None:
        xfa = pikepdf.Stream(doc, b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"></xdp:xdp>')
        form = doc.Root.get("/AcroForm")
        if form is None:
            doc.Root.AcroForm = form = Dictionary(Fields=Array())
        form.XFA = xfa

    return _edit(pdf, change)


def with_rich_media(pdf: bytes, page: int = 1) -> bytes:
    """A RichMedia (Flash, video) annotation on ``page``."""

    def change(doc: pikepdf.Pdf) -> None:
        _add_annotation(doc, page, Dictionary(Type=Name.Annot, Subtype=Name.RichMedia))

    return _edit(pdf, change)


def with_lzw_stream(pdf: bytes) -> bytes:
    """An empty extra content stream on page 1, compressed with /LZWDecode."""

    def change(doc: pikepdf.Pdf) -> None:
        stream = pikepdf.Stream(doc, b"")
        stream.write(b"\x80\x40\x40", filter=Name.LZWDecode)  # clear-table, end-of-data: nothing
        page = doc.pages[0].obj
        contents = page.Contents
        page.Contents = (
            Array([*contents, stream]) if isinstance(contents, Array) else Array([contents, stream])
        )

    return _edit(pdf, change)


def with_huge_image(pdf: bytes, width: int = 100_000, height: int = 100_000) -> bytes:
    """An image XObject on page 1 that claims ``width`` x ``height`` pixels (its data is tiny)."""

    def change(doc: pikepdf.Pdf) -> None:
        image = pikepdf.Stream(doc, b"")
        image.write(zlib.compress(b"\0" * 1024), filter=Name.FlateDecode)
        image.Type, image.Subtype = Name.XObject, Name.Image
        image.Width, image.Height, image.BitsPerComponent, image.ColorSpace = (
            width,
            height,
            8,
            Name.DeviceGray,
        )
        resources = doc.pages[0].obj.Resources
        if "/XObject" not in resources:
            resources.XObject = Dictionary()
        resources.XObject.Raksasa = image

    return _edit(pdf, change)


def encrypted(pdf: bytes, user: str = "") -> bytes:
    """The PDF encrypted (AES-256); with ``user`` empty it opens without a password."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        out = io.BytesIO()
        doc.save(out, encryption=pikepdf.Encryption(owner="pemilik", user=user, R=6))
    return out.getvalue()


def _zeros_deflated(megabytes: int) -> bytes:
    """zlib data that inflates to ``megabytes`` MB of spaces (a blank content stream), made in steps."""
    compressor = zlib.compressobj(9)
    block = b" " * (1024 * 1024)
    parts = [compressor.compress(block) for _ in range(megabytes)]
    return b"".join(parts) + compressor.flush()


def flate_bomb(megabytes: int, wrap: str = "") -> bytes:
    """A valid one-page PDF whose content stream inflates to ``megabytes`` MB (of spaces).

    ``wrap`` encodes the compressed data once more: "hex" ([/ASCIIHexDecode /FlateDecode]),
    "a85" ([/ASCII85Decode /FlateDecode]) or "flate" ([/FlateDecode /FlateDecode]).
    Written by hand, so that no library inflates the stream while making the file.
    """
    body = _zeros_deflated(megabytes)
    filters = "/FlateDecode"
    if wrap == "hex":
        body, filters = body.hex().encode() + b">", "[/ASCIIHexDecode /FlateDecode]"
    elif wrap == "a85":
        body, filters = base64.a85encode(body, wrapcol=76) + b"~>", "[/ASCII85Decode /FlateDecode]"
    elif wrap == "flate":
        body, filters = zlib.compress(body, 9), "[/FlateDecode /FlateDecode]"
    elif wrap:
        raise ValueError(wrap)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(body), filters.encode()) + body + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# --------------------------------------------------------------------------- changes the look check may not see


def _body(obj: pikepdf.Object) -> bytes:
    """An object as written in a file, after ``N G obj``."""
    if obj._type_code is pikepdf.ObjectType.stream:
        raw = obj.read_raw_bytes()
        entries = Dictionary({key: value for key, value in obj.stream_dict.items() if key != "/Length"})
        entries.Length = len(raw)
        return entries.unparse(resolved=True) + b"\nstream\n" + raw + b"\nendstream"
    return obj.unparse(resolved=True)


def incremental_update(pdf: bytes, change: Callable[[pikepdf.Pdf], None]) -> bytes:
    """``pdf`` followed by an incremental update holding the objects ``change`` adds or alters
    (a classic cross-reference section with /Prev); the original bytes are left as they are."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        before = {obj.objgen: _body(obj) for obj in doc.objects if isinstance(obj, pikepdf.Object)}
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        change(doc)
        objects = [obj for obj in doc.objects if isinstance(obj, pikepdf.Object)]
        changed = sorted(
            (obj.objgen, body) for obj in objects if (body := _body(obj)) != before.get(obj.objgen)
        )
        size = max(obj.objgen[0] for obj in objects) + 1
        kept = b"".join(
            b"/%s %s " % (key.encode(), doc.trailer[f"/{key}"].unparse())
            for key in ("Root", "Info", "ID")
            if f"/{key}" in doc.trailer
        )
    if not changed:
        return pdf
    prev = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = []
    for (number, generation), body in changed:
        offsets.append(len(out))
        out += b"%d %d obj\n" % (number, generation) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for ((number, generation), _), offset in zip(changed, offsets, strict=True):
        out += b"%d 1\n%010d %05d n \n" % (number, offset, generation)
    out += b"trailer\n<< /Size %d %s/Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size, kept, prev, xref)
    return bytes(out)


def _apply(pdf: bytes, change: Callable[[pikepdf.Pdf], None], incremental: bool) -> bytes:
    return incremental_update(pdf, change) if incremental else _edit(pdf, change)


def _form(
    doc: pikepdf.Pdf, content: bytes, box: tuple[float, float, float, float], **entries: object
) -> pikepdf.Object:
    """A form XObject drawing ``content`` (Helvetica as /Helv) in ``box``."""
    helvetica = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    form = pikepdf.Stream(doc, content)
    form.Type, form.Subtype, form.BBox = Name.XObject, Name.Form, Array(list(box))
    form.Resources = Dictionary(Font=Dictionary(Helv=doc.make_indirect(helvetica)))
    for key, value in entries.items():
        form[f"/{key}"] = value
    return doc.make_indirect(form)


def _annotate(doc: pikepdf.Pdf, page: int, annotation: Dictionary, field: bool = False) -> None:
    """``annotation`` on ``page`` (1-based); with ``field``, also a field of the document's form."""
    target = doc.pages[page - 1].obj
    annotation.Type, annotation.P = Name.Annot, target
    made = doc.make_indirect(annotation)
    if "/Annots" not in target:
        target.Annots = Array()
    target.Annots.append(made)
    if field:
        if "/AcroForm" not in doc.Root:
            doc.Root.AcroForm = Dictionary(Fields=Array())
        doc.Root.AcroForm.Fields.append(made)


CANCELLED = b"BT /Helv 10 Tf 0 g 199 378 Td (Keputusan ini tidak berlaku dan DIBATALKAN.) Tj ET"
"""New words for a diktum, as an appearance would draw them."""


def with_print_only_stamp(pdf: bytes, page: int = 2, incremental: bool = False) -> bytes:
    """A Stamp annotation flagged Print|NoView (/F 36) on ``page``: a white box and new words that
    every reader prints and none shows on screen."""

    def change(doc: pikepdf.Pdf) -> None:
        box = (190, 372, 560, 392)
        look = _form(doc, b"q 1 g 190 372 370 20 re f Q " + CANCELLED, box)
        stamp = Dictionary(
            Subtype=Name.Stamp, Rect=Array(list(box)), F=36, Name=Name.Draft, AP=Dictionary(N=look)
        )
        _annotate(doc, page, stamp)

    return _apply(pdf, change, incremental)


def with_freetext_without_appearance(pdf: bytes, page: int = 2, incremental: bool = False) -> bytes:
    """A FreeText annotation with no appearance stream: pdfium draws nothing, poppler (Evince,
    Okular) draws its /Contents."""

    def change(doc: pikepdf.Pdf) -> None:
        note = Dictionary(
            Subtype=Name.FreeText,
            Rect=Array([190, 360, 560, 372]),
            F=4,
            Contents=String("Keputusan ini DIBATALKAN."),
            DA=String("/Helv 10 Tf 0 g"),
        )
        _annotate(doc, page, note)

    return _apply(pdf, change, incremental)


def _stripes(width: int = 120, height: int = 14) -> bytes:
    """Grey pixels of dark bars (an image of words, as far as a rendering can tell)."""
    row = bytes(0 if (x // 6) % 3 else 255 for x in range(width))
    return row * height


def with_print_only_layer(
    pdf: bytes, page: int = 2, incremental: bool = False, mark: str = "content"
) -> bytes:
    """An optional content group (layer) off on screen and on in print (/Usage and /AS), holding a
    white box over a diktum and an image of new words; it is listed in the catalog's /OCProperties.

    ``mark`` says how the drawing joins the layer: "content" (marked content ``/OC /Cetak BDC``
    through the page's /Properties), "xobject" (an /OC key on a form XObject the page draws), or
    "bare" (the /OC key on the form, and no /OCProperties at all)."""

    def change(doc: pikepdf.Pdf) -> None:
        layer = doc.make_indirect(
            Dictionary(
                Type=Name.OCG,
                Name=String("Cetak"),
                Usage=Dictionary(Print=Dictionary(PrintState=Name.ON), View=Dictionary(ViewState=Name.OFF)),
            )
        )
        if mark != "bare":
            events = Array(
                [
                    Dictionary(Event=Name.Print, OCGs=Array([layer]), Category=Array([Name.Print])),
                    Dictionary(Event=Name.View, OCGs=Array([layer]), Category=Array([Name.View])),
                ]
            )
            doc.Root.OCProperties = Dictionary(
                OCGs=Array([layer]), D=Dictionary(OFF=Array([layer]), AS=events)
            )
        image = pikepdf.Stream(doc, b"")
        image.write(zlib.compress(_stripes()), filter=Name.FlateDecode)
        image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, 120, 14
        image.ColorSpace, image.BitsPerComponent = Name.DeviceGray, 8
        drawing = b"q 1 g 190 372 370 20 re f Q q 300 0 0 14 199 375 cm /Baru Do Q"
        target = doc.pages[page - 1]
        target.add_resource(doc.make_indirect(image), Name.XObject, Name("/Baru"))
        if mark == "content":
            target.add_resource(layer, Name.Properties, Name("/Cetak"))
            content = b"/OC /Cetak BDC " + drawing + b" EMC"
        else:
            form = _form(doc, drawing, (0, 0, 2000, 2000), OC=layer)
            form.Resources.XObject = Dictionary(Baru=target.Resources.XObject.Baru)
            target.add_resource(form, Name.XObject, Name("/Lapisan"))
            content = b"q /Lapisan Do Q"
        target.contents_add(doc.make_stream(b"q"), prepend=True)  # the page's own drawing kept apart
        target.contents_add(doc.make_stream(b"Q " + content), prepend=False)

    return _apply(pdf, change, incremental)


def with_empty_signature_field(
    pdf: bytes,
    page: int = 2,
    incremental: bool = False,
    flags: int = 4,
    rect: tuple[float, float, float, float] | None = None,
    name: str = "Blanko",
) -> bytes:
    """An unsigned signature field whose widget (the whole page unless ``rect``) strikes through a
    diktum and writes a new one under it, with annotation flags ``flags``."""

    def change(doc: pikepdf.Pdf) -> None:
        target = doc.pages[page - 1]
        box = rect or (0, 0, float(target.mediabox[2]), float(target.mediabox[3]))
        look = _form(doc, b"q 0 G 1 w 190 385 m 560 385 l S Q " + CANCELLED, box)
        widget = Dictionary(
            Subtype=Name.Widget,
            FT=Name.Sig,
            T=String(name),
            F=flags,
            Rect=Array(list(box)),
            AP=Dictionary(N=look),
        )
        _annotate(doc, page, widget, field=True)
        doc.Root.AcroForm.SigFlags = 3

    return _apply(pdf, change, incremental)


def with_needs_appearances(pdf: bytes, incremental: bool = False) -> bytes:
    """A form whose /NeedAppearances asks the reader to draw its fields anew, with a text field
    on page 2 whose value is new words and which has no appearance of its own."""

    def change(doc: pikepdf.Pdf) -> None:
        text = Dictionary(
            Subtype=Name.Widget,
            FT=Name.Tx,
            T=String("Catatan"),
            V=String("Keputusan ini DIBATALKAN."),
            DA=String("/Helv 10 Tf 0 g"),
            F=4,
            Rect=Array([190, 360, 560, 372]),
        )
        _annotate(doc, 2, text, field=True)
        doc.Root.AcroForm.NeedAppearances = True

    return _apply(pdf, change, incremental)


def with_link(
    pdf: bytes,
    page: int = 1,
    uri: str = "https://jdih.balangankab.go.id/",
    rect: tuple[float, float, float, float] = (72, 100, 300, 112),
    incremental: bool = False,
) -> bytes:
    """A link on ``page`` that opens ``uri`` (what a build with a clickable address holds)."""

    def change(doc: pikepdf.Pdf) -> None:
        link = Dictionary(
            Subtype=Name.Link,
            Rect=Array(list(rect)),
            Border=Array([0, 0, 0]),
            A=Dictionary(S=Name.URI, URI=String(uri)),
        )
        _annotate(doc, page, link)

    return _apply(pdf, change, incremental)


def with_page_entries(pdf: bytes, page: int = 0, incremental: bool = False, **entries: object) -> bytes:
    """``entries`` (MediaBox=..., Rotate=..., CropBox=..., UserUnit=...; None removes one) set on
    ``page`` (1-based), or with ``page`` 0 on the root of the page tree, which pages inherit from."""

    def change(doc: pikepdf.Pdf) -> None:
        target = doc.Root.Pages if page == 0 else doc.pages[page - 1].obj
        for key, value in entries.items():
            if value is None:
                if f"/{key}" in target:
                    del target[f"/{key}"]
            else:
                target[f"/{key}"] = Array(list(value)) if isinstance(value, (list, tuple)) else value

    return _apply(pdf, change, incremental)


# --------------------------------------------------------------------------- costly to draw, and fake signatures


def _nest(doc: pikepdf.Pdf, fanout: int, depth: int) -> pikepdf.Object:
    """Form XObjects ``depth`` deep, each drawing the next ``fanout`` times; the innermost fills
    ``fanout`` tiny white squares: ``fanout ** depth`` fills from a few kilobytes."""
    box = Array([0, 0, 600, 900])
    squares = b"1 g\n" + b"".join(
        b"%d %d 0.5 0.5 re f\n" % (10 + i % 50, 800 - i % 40) for i in range(fanout)
    )
    form = doc.make_stream(squares, Type=Name.XObject, Subtype=Name.Form, BBox=box)
    for _ in range(depth - 1):
        form = doc.make_stream(
            b"/A Do\n" * fanout,
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=box,
            Resources=Dictionary(XObject=Dictionary(A=form)),
        )
    return form


def with_costly_drawing(
    pdf: bytes,
    fanout: int = 40,
    depth: int = 5,
    page: int = 1,
    incremental: bool = False,
    where: str = "content",
) -> bytes:
    """Nested forms (:func:`_nest`) drawn white on white before ``page``'s own content: the page
    looks the same and takes ``fanout ** depth`` fills to draw (40 ** 5: 102 million). ``where``:
    "content" (the page draws them), "annotation" (a print-flagged annotation's appearance
    draws them), or "loop" (a form that draws itself)."""

    def change(doc: pikepdf.Pdf) -> None:
        target = doc.pages[page - 1]
        form: pikepdf.Object
        if where == "loop":
            form = doc.make_stream(b"/A Do", Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, 1, 1]))
            form.Resources = Dictionary(XObject=Dictionary(A=form))
        else:
            form = _nest(doc, fanout, depth)
        if where == "annotation":
            look = doc.make_stream(
                b"/Slow Do",
                Type=Name.XObject,
                Subtype=Name.Form,
                BBox=Array([0, 0, 1, 1]),
                Resources=Dictionary(XObject=Dictionary(Slow=form)),
            )
            _annotate(
                doc,
                page,
                Dictionary(Subtype=Name.Square, Rect=Array([0, 0, 1, 1]), F=4, AP=Dictionary(N=look)),
            )
            return
        target.add_resource(form, Name.XObject, Name("/Slow"))
        target.contents_add(doc.make_stream(b"q /Slow Do Q"), prepend=True)

    return _apply(pdf, change, incremental)


def with_contents_repeated(pdf: bytes, times: int, page: int = 1) -> bytes:
    """``page``'s content stream listed ``times`` times in its /Contents: drawn ``times`` times."""

    def change(doc: pikepdf.Pdf) -> None:
        target = doc.pages[page - 1].obj
        parts = list(target.Contents) if isinstance(target.Contents, pikepdf.Array) else [target.Contents]
        target.Contents = Array(parts * times)

    return _edit(pdf, change)


def with_fake_signature(
    pdf: bytes,
    page: int = 2,
    incremental: bool = False,
    listed: bool = False,
    subfilter: str = "/ETSI.CAdES.detached",
    rect: tuple[float, float, float, float] = (70, 70, 550, 160),
) -> bytes:
    """A signature widget on ``page`` whose value is made up (a /ByteRange and zeros for
    /Contents) and whose appearance says the decree is cancelled. Not ``listed`` in the form's
    /Fields, pyHanko never sees it; listed with another ``subfilter``, it skips it."""

    def change(doc: pikepdf.Pdf) -> None:
        fake = Dictionary(
            Type=Name.Sig,
            Filter=Name("/Adobe.PPKLite"),
            SubFilter=Name(subfilter),
            ByteRange=Array([0, 10, 20, 10]),
            Contents=String(b"\0" * 16),
        )
        look = _form(doc, b"BT /Helv 34 Tf 5 52 Td (KEPUTUSAN INI) Tj 0 -40 Td (DIBATALKAN) Tj ET", rect)
        widget = Dictionary(
            Subtype=Name.Widget,
            FT=Name.Sig,
            T=String("Stempel"),
            V=doc.make_indirect(fake),
            F=4,
            Rect=Array(list(rect)),
            AP=Dictionary(N=look),
        )
        _annotate(doc, page, widget, field=listed)
        if listed:
            doc.Root.AcroForm.SigFlags = 3

    return _apply(pdf, change, incremental)
