"""Hostile PDFs made in code, for the tests of PDF inspection and of the archive.

Each ``with_*`` function takes a PDF (such as the built seed) and returns a new,
fully rewritten one with one hostile thing added, which can then be signed.
"""

from __future__ import annotations

import base64
import io
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
