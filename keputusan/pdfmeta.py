"""PDF reading and writing with pikepdf (the only module that touches pikepdf).

Every PDF we write, from either engine, passes through :func:`finish`: the
document information and XMP metadata come from the decree, the dates are the
decree's date (never the clock), the volatile keys LibreOffice adds are
removed, and the document /ID is derived from the content, so that the same
decree gives the same bytes. With ``pdfa`` the file also gets the PDF/A-2b
identification and an sRGB output intent. A :class:`BuildStamp` in the
document information records how the file was built, so that the archive can
build the same bytes again (:func:`read_stamp`).

A PDF from outside (a signed decree brought to the archive) is read as if
hostile by :func:`inspect_pdf`: first, on the raw bytes and before any parser
sees them, every compressed stream is inflated in bounded steps and the total
is held to a limit (qpdf itself inflates object streams when it opens a file),
whatever /Length says and however the stream is wrapped (ASCIIHex, ASCII85,
Flate in Flate); encryption, unbounded filters (LZW, run-length) and an
oversized cross-reference table are refused there too. Then pikepdf looks at
every object for active content (JavaScript, actions that launch programs or
reach outside the file, embedded files, XFA forms) and for images too big to
decode. Each thing found is a :class:`PdfFinding`, a message code and its
parameters; nothing raises.

:func:`structure_problems` then holds a signed PDF against the PDF built from the
approved content by structure alone, whatever a renderer draws: annotations
(only signed, printed, shown signature widgets may be added), optional content
(layers shown only on screen or only in print), page boxes and rotation, and a
form asking readers to redraw its fields.
"""

from __future__ import annotations

import base64
import bisect
import datetime as dt
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Optional, Union

import pikepdf

from .errors import Finding
from .limits import PDF_OPERATIONS, env_name, limit

EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
STAMP_KEY = "/KeputusanBuild"
ENGINES = ("reportlab", "libreoffice")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_VERSION = re.compile(r"[0-9A-Za-z.+!_-]{1,40}")


@dataclass(frozen=True)
class BuildStamp:
    """How a PDF was built: enough to build the same bytes again from the same content.

    ``template`` is the SHA-256 (hex) of the DOCX template's bytes when LibreOffice
    converted the DOCX; the reportlab engine draws from the content alone (None).
    """

    engine: str
    pdfa: bool
    template: Optional[str]
    version: str

    def encode(self) -> str:
        """The stamp as one line: ``engine=reportlab;pdfa=0;template=-;version=0.1.0``."""
        return f"engine={self.engine};pdfa={int(self.pdfa)};template={self.template or '-'};version={self.version}"

    @classmethod
    def decode(cls, text: str) -> Optional[BuildStamp]:
        """The stamp written by :meth:`encode`, or None when ``text`` is anything else."""
        fields = dict(part.partition("=")[::2] for part in text.split(";"))
        if sorted(fields) != ["engine", "pdfa", "template", "version"] or text.count(";") != 3:
            return None
        engine, pdfa, template, version = (fields[k] for k in ("engine", "pdfa", "template", "version"))
        if engine not in ENGINES or pdfa not in ("0", "1") or not _VERSION.fullmatch(version):
            return None
        if template == "-":
            digest = None
        elif _HEX64.fullmatch(template):
            digest = template
        else:
            return None
        if (engine == "libreoffice") != (digest is not None):
            return None
        return cls(engine, pdfa == "1", digest, version)


@dataclass(frozen=True)
class Metadata:
    title: str
    subject: str
    author: str
    keywords: str
    date: Optional[dt.date]
    creator: str = "keputusan"
    stamp: Optional[BuildStamp] = None

    @property
    def when(self) -> dt.datetime:
        if self.date is None:
            return EPOCH
        return dt.datetime.combine(self.date, dt.time(), dt.timezone.utc)


def _pdf_date(when: dt.datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


def srgb_profile() -> bytes:
    """An sRGB ICC profile made by littleCMS (through Pillow), with its date fixed."""
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return _fix_icc(profile.tobytes())


def _fix_icc(data: bytes) -> bytes:
    """Zero an ICC profile's creation date (bytes 24-35) and profile ID (84-99)."""
    if len(data) < 128:
        return data
    return data[:24] + b"\0" * 12 + data[36:84] + b"\0" * 16 + data[100:]


def _open(data: bytes) -> pikepdf.Pdf:
    """A PDF from bytes, with qpdf's repair of a damaged file off: a file whose cross-reference
    table must be rebuilt (truncated, patched by hand) may show different things in different
    viewers, so it is refused rather than guessed at."""
    return pikepdf.open(io.BytesIO(data), attempt_recovery=False)


def finish(data: bytes, meta: Metadata, pdfa: bool = False) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for key in ("/DocChecksum", "/ID"):  # /ID is then derived from the content
            if key in pdf.trailer:
                del pdf.trailer[key]
        for intent in pdf.Root.get("/OutputIntents", []):
            profile = intent.get("/DestOutputProfile")
            if profile is not None:
                profile.write(_fix_icc(profile.read_bytes()))
        if pdfa and "/OutputIntents" not in pdf.Root:
            icc = pikepdf.Stream(pdf, srgb_profile())
            icc["/N"] = 3
            pdf.Root.OutputIntents = pikepdf.Array(
                [
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.OutputIntent,
                        S=pikepdf.Name.GTS_PDFA1,
                        OutputConditionIdentifier="sRGB IEC61966-2.1",
                        Info="sRGB IEC61966-2.1",
                        DestOutputProfile=icc,
                    )
                ]
            )
        stamp = _pdf_date(meta.when)
        info = pdf.docinfo
        info["/Title"] = meta.title
        info["/Subject"] = meta.subject
        info["/Author"] = meta.author
        info["/Keywords"] = meta.keywords
        info["/Creator"] = meta.creator
        info["/CreationDate"] = stamp
        info["/ModDate"] = stamp
        if "/Trapped" in info:  # reportlab's default; it has no XMP equivalent
            del info["/Trapped"]
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp.load_from_docinfo(pdf.docinfo, raise_failure=False)
            iso = meta.when.isoformat()
            xmp["xmp:CreateDate"] = iso
            xmp["xmp:ModifyDate"] = iso
            xmp["xmp:MetadataDate"] = iso
            for key in ("xmpMM:DocumentID", "xmpMM:InstanceID"):
                if key in xmp:
                    del xmp[key]
            if pdfa:
                xmp["pdfaid:part"] = "2"
                xmp["pdfaid:conformance"] = "B"
        if meta.stamp is not None:  # after the XMP, which has no property for it (PDF/A allows that)
            info[STAMP_KEY] = meta.stamp.encode()
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def pdfa_part(data: bytes) -> Optional[str]:
    """The PDF/A identification ('2B') of a PDF, if any."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        part = meta.get("pdfaid:part")
        return f"{part}{meta.get('pdfaid:conformance', '')}" if part else None


def read_stamp(data: bytes) -> Optional[BuildStamp]:
    """The build stamp :func:`finish` wrote into a PDF; None when there is none, when it is
    garbled, and when ``data`` is not a readable PDF or one :func:`inspect_pdf` would refuse
    before opening it (too big, inflating too much, encrypted)."""
    try:
        if _raw_findings(data):
            return None
        with _open(data) as pdf:
            info = pdf.trailer.get("/Info")
            if not isinstance(info, pikepdf.Dictionary):
                return None
            value = info.get(STAMP_KEY)
            if not isinstance(value, pikepdf.String):
                return None
            return BuildStamp.decode(str(value))
    except Exception:  # garbage, a damaged file, a password: no stamp to read
        return None


# --------------------------------------------------------------------------- hostile PDFs


PdfFinding = Finding  # a PDF that the archive must not take in


MAX_FINDINGS = 10
"""At most this many findings are reported (a hostile file may hold thousands of scripts)."""

_INFLATE_STEP = 1024 * 1024  # output inflated at a time
_FEED_STEP = 256 * 1024  # compressed input given to zlib at a time
_MAX_LAYERS = 4  # Flate inside Flate inside ... (a filter chain), sniffed this deep
_WHITE = b"\x00\t\n\x0c\r "
_W = rb"[\x00\t\n\x0c\r ]*"  # PDF white space, any amount
_DELIMS = rb"\x00\t\n\x0c\r /<>\[\]()%{}"
_NAME_END = rb"(?![^" + _DELIMS + rb"])"
_CANDIDATE_COST = 512
"""Bytes of the read budget each possible stream start costs (so that a file made of nothing
but 'stream' keywords is refused in a second, not examined for a minute)."""


def _a85_firsts() -> bytes:
    """The characters an ASCII85 group can start with when its first byte starts a zlib (0x08 to
    0x78) or gzip (0x1f) stream."""
    firsts = {33 + (cmf << 24) // 85**4 for cmf in range(0x08, 0x80, 0x10)}
    firsts |= {33 + ((cmf << 24) | 0xFFFFFF) // 85**4 for cmf in [*range(0x08, 0x80, 0x10), 0x1F]}
    firsts |= {33 + (0x1F << 24) // 85**4}
    return b"".join(re.escape(bytes([c])) for c in sorted(firsts))


_ZLIB_FIRST = rb"(?:[\x08\x18\x28\x38\x48\x58\x68\x78]|\x1f\x8b)"
_STREAM = re.compile(
    # the 'stream' keywords after which a compressed body may start: right after the keyword, or
    # after its end of line (or blanks), raw (a zlib or gzip header's first byte), or written in
    # ASCIIHex or ASCII85 (the first characters such a header can have). The regex engine finds
    # them, so that text full of 'stream' costs no Python per keyword; the header is then checked.
    rb"stream(?<!endstream)(?:(?="
    + _ZLIB_FIRST
    + rb")|[\x00\t\x0c ]*(?:\r\n|\r|\n)?(?="
    + _ZLIB_FIRST
    + rb"|"
    + _W
    + rb"(?:[0-7]"
    + _W
    + rb"8|1"
    + _W
    + rb"[Ff]|(?:<~)?"
    + _W
    + rb"["
    + _a85_firsts()
    + rb"])))"
)


def _spelled(name: str) -> bytes:
    """A regex for a PDF name's characters as written: each itself or a #xx escape (/F#69lter)."""
    out = b""
    for char in name.encode("ascii"):
        digits = b"".join(b"[%s%s]" % (d.upper(), d.lower()) for d in re.findall(b".", b"%02x" % char))
        out += b"(?:" + re.escape(bytes([char])) + b"|#" + digits + b")"
    return out


_TRAILER = re.compile(rb"trailer")
_XREF = re.compile(rb"xref(?<![A-Za-z]xref)(?![A-Za-z])")  # (a literal first: a fast search)
_SIZE = re.compile(b"/" + _spelled("Size") + _NAME_END + _W + rb"(\d{1,15})")
_INDEX = re.compile(b"/" + _spelled("Index") + _NAME_END + _W + rb"\[([\d\x00\t\n\x0c\r ]*)\]")
_HEX_HEAD = re.compile(rb"(?:" + _W + rb"[0-9A-Fa-f]){4}")
_HEX_RUN = re.compile(rb"[0-9A-Fa-f\x00\t\n\x0c\r ]+")
_A85_START = re.compile(_W + rb"(?:<~)?")
_A85_HEAD = re.compile(rb"(?:" + _W + rb"[!-u]){5}")
_A85_RUN = re.compile(rb"[!-uz\x00\t\n\x0c\r ]+")
_REFUSED_NAMES = re.compile(
    rb"/(?:(?P<Encrypt>"
    + _spelled("Encrypt")
    + rb")|(?P<LZWDecode>"
    + _spelled("LZWDecode")
    + rb")|(?P<RunLengthDecode>"
    + _spelled("RunLengthDecode")
    + rb"))"
    + _NAME_END
)
_FILTER = re.compile(
    # /Filter with an abbreviated LZW or run-length name (alone or among a few names in an
    # array), or with an indirect reference (whose names may sit in a compressed object stream);
    # bounded, so that no text makes the search slow
    b"/"
    + _spelled("Filter")
    + _W
    + rb"(?:\["
    + _W
    + rb"(?:/[A-Za-z0-9#.+_-]{1,64}"
    + _W
    + rb"){0,8}?)?(?:/(?:(?P<LZWDecode>"
    + _spelled("LZW")
    + rb")|(?P<RunLengthDecode>"
    + _spelled("RL")
    + rb"))"
    + _NAME_END
    + rb"|(?P<reference>\d{1,10}[\x00\t\n\x0c\r ]+\d{1,5}[\x00\t\n\x0c\r ]+R))"
)


class _TooMuch(Exception):
    """The inflation budget is spent."""


class _Budget:
    """Bytes inflated (and compressed bytes read) so far, against the limit."""

    def __init__(self, most: int) -> None:
        self.most, self.inflated, self.read = most, 0, 0

    def spend(self, inflated: int = 0, read: int = 0) -> None:
        self.inflated += inflated
        self.read += read  # the same bytes read again and again (streams within streams) also cost
        if self.inflated > self.most or self.read > self.most:
            raise _TooMuch


def _zlib_wbits(head: bytes) -> Optional[int]:
    """The window-bits argument that inflates data starting with ``head``: a zlib header
    (what qpdf, pdf.js and PDFium read) or a gzip one (which pypdf reads too); else None."""
    if len(head) < 2:
        return None
    if head[0] & 0x0F == 8 and head[0] >> 4 <= 7 and ((head[0] << 8) | head[1]) % 31 == 0:
        return zlib.MAX_WBITS
    if head[:2] == b"\x1f\x8b":
        return zlib.MAX_WBITS | 16
    return None


class _Sink:
    """Decoded bytes, counted when they are the output of an inflation; when they begin as a zlib
    stream does (a chain such as [/FlateDecode /FlateDecode]), they are inflated in turn."""

    def __init__(self, budget: _Budget, depth: int, counted: bool) -> None:
        self.budget, self.depth, self.counted = budget, depth, counted
        self.head = b""
        self.inner: Optional[_Inflater] = None
        self.done = False  # nothing more to learn from what follows

    def write(self, chunk: bytes) -> None:
        if self.counted:
            self.budget.spend(inflated=len(chunk))
        if self.done or not chunk:
            return
        if self.inner is not None:
            self.inner.feed(chunk)
            self.done = self.inner.finished and not self.counted
            return
        self.head += chunk
        if len(self.head) < 2:
            return
        wbits = _zlib_wbits(self.head)
        if wbits is None or self.depth >= _MAX_LAYERS:
            self.done, self.head = True, b""
            return
        self.inner = _Inflater(wbits, _Sink(self.budget, self.depth + 1, True))
        head, self.head = self.head, b""
        self.inner.feed(head)


class _Inflater:
    """zlib inflation in steps of at most ``_INFLATE_STEP`` bytes, each handed to a sink."""

    def __init__(self, wbits: int, sink: _Sink) -> None:
        self.inflate = zlib.decompressobj(wbits)
        self.sink = sink
        self.finished = False  # the zlib stream ended, or is damaged: a decoder stops there too

    def feed(self, data: Union[bytes, memoryview]) -> None:
        if self.finished:
            return
        try:
            out = self.inflate.decompress(data, _INFLATE_STEP)
            while True:
                self.sink.write(out)
                tail = self.inflate.unconsumed_tail
                if not tail or not out or self.inflate.eof:
                    break
                out = self.inflate.decompress(tail, _INFLATE_STEP)
        except zlib.error:
            self.finished = True
            return
        self.finished = self.inflate.eof

    @property
    def left_over(self) -> int:
        return len(self.inflate.unused_data) + len(self.inflate.unconsumed_tail)


def _inflate_raw(data: bytes, view: memoryview, start: int, budget: _Budget) -> bool:
    """Inflate the zlib stream starting at ``start``, whatever /Length says: until zlib itself
    finds its end (or damage), so that no reader can inflate more from here. False when no
    zlib (or gzip) stream starts there."""
    wbits = _zlib_wbits(data[start : start + 2])
    if wbits is None:
        return False
    inflater = _Inflater(wbits, _Sink(budget, 1, True))
    at, step = start, 4096  # small streams are many: small first steps, then bigger ones
    while not inflater.finished and at < len(data):
        inflater.feed(view[at : at + step])
        at, step = at + step, min(step * 2, _FEED_STEP)
    end = min(at, len(data)) - (inflater.left_over if inflater.inflate.eof else 0)
    budget.spend(read=end - start)
    return True


def _text_runs(
    data: bytes, start: int, run: re.Pattern[bytes], budget: _Budget
) -> Iterator[tuple[bytes, bool]]:
    """The run of encoded text at ``start`` (``run`` gives its characters), white space removed,
    in pieces read one window at a time and paid for as read: (piece, whether it is the last)."""
    at = start
    while True:
        window = min(len(data), at + _FEED_STEP)
        match = run.match(data, at, window)
        if match is None:
            return
        budget.spend(read=match.end() - at)
        last = match.end() < window or window == len(data)
        at = match.end()
        yield match.group().translate(None, _WHITE), last
        if last:
            return


def _inflate_hex(data: bytes, start: int, budget: _Budget) -> None:
    """ASCIIHex text at ``start`` that decodes to the start of a zlib stream: decoded, and the
    stream inflated, in bounded steps ([/ASCIIHexDecode /FlateDecode] on a bomb)."""
    found = _HEX_HEAD.match(data, start)
    if found is None or _zlib_wbits(bytes.fromhex(found.group().translate(None, _WHITE).decode())) is None:
        return
    sink, carry = _Sink(budget, 0, False), b""
    for text, last in _text_runs(data, start, _HEX_RUN, budget):
        piece = carry + text
        if last and len(piece) % 2:  # an odd digit at the end counts as followed by 0
            piece += b"0"
        even = len(piece) - len(piece) % 2
        carry = piece[even:]
        sink.write(bytes.fromhex(piece[:even].decode("ascii")))
        if sink.done:
            return


def _a85_groups(text: bytes) -> tuple[bytes, bytes, bool]:
    """``text`` (no white space) cut after its last whole group: (decodable part, rest, damaged).
    A 'z' inside a group is damage: decoding stops before it, as a decoder would."""
    parts = text.split(b"z")
    for index, part in enumerate(parts[:-1]):
        if len(part) % 5:
            whole = b"z".join(parts[:index]) + (b"z" if index else b"") + part[: len(part) // 5 * 5]
            return whole, b"", True
    keep = len(text) - len(parts[-1]) % 5
    return text[:keep], text[keep:], False


def _inflate_a85(data: bytes, start: int, budget: _Budget) -> None:
    """ASCII85 text at ``start`` that decodes to the start of a zlib stream: decoded, and the
    stream inflated, in bounded steps ([/ASCII85Decode /FlateDecode] on a bomb)."""
    begin = _A85_START.match(data, start)
    start = begin.end() if begin else start
    found = _A85_HEAD.match(data, start)
    try:
        if found is None or _zlib_wbits(base64.a85decode(found.group().translate(None, _WHITE))) is None:
            return
    except ValueError:  # a group over 2^32
        return
    sink, carry = _Sink(budget, 0, False), b""
    for text, last in _text_runs(data, start, _A85_RUN, budget):
        whole, carry, damaged = _a85_groups(carry + text)
        if last:  # a final partial group is padded, as the filter says
            whole, carry = whole + carry, b""
        try:
            sink.write(base64.a85decode(whole))
        except ValueError:  # a group over 2^32: a decoder stops there
            return
        if damaged or sink.done:
            return


def _refused_names(data: bytes) -> list[PdfFinding]:
    """Names that forbid opening the file: /Encrypt (a parser would decrypt, then inflate, what
    could not be measured), the LZW and run-length filters (unbounded decoders), and an indirect
    /Filter; in any spelling (#xx escapes). Looked for everywhere, compressed bodies too: what a
    zlib stream seems to span may be, to a parser reading /Length bytes, the next objects (the
    chance that compressed bytes spell '/Encrypt' is one in 10^19)."""
    for pattern in (_REFUSED_NAMES, _FILTER):
        match = pattern.search(data)
        if match is None:
            continue
        kind = next(key for key, value in match.groupdict().items() if value is not None)
        if kind == "Encrypt":
            return [PdfFinding("pdf_encrypted", {})]
        if kind == "reference":
            return [
                PdfFinding(
                    "pdf_unsupported_filter", {"filter": " ".join(match["reference"].decode().split())}
                )
            ]
        return [PdfFinding("pdf_unsupported_filter", {"filter": kind})]
    return []


def _declared_objects(data: bytes, most: int) -> int:
    """How many objects the cross-reference sections may make qpdf hold, read before it opens
    the file (qpdf builds its table of them on opening): xref tables by their length in bytes
    (an entry is 20), xref streams by their /Size and /Index. An overestimate, never less;
    counting stops past ``most``."""
    trailers = [match.start() for match in _TRAILER.finditer(data)]
    tables = sizes = indexed = highest = 0
    for match in _XREF.finditer(data):
        after = bisect.bisect_right(trailers, match.end())
        stop = trailers[after] if after < len(trailers) else len(data)
        tables += (stop - match.end()) // 18  # entries are 20 bytes; a lenient reader takes 18
        if tables > most:
            return tables
    for match in _SIZE.finditer(data):
        sizes = max(sizes, int(match[1]))
    for match in _INDEX.finditer(data):
        numbers = [int(n) if len(n) <= 15 else 10**15 for n in match[1].split()]
        for first, count in zip(numbers[0::2], numbers[1::2], strict=False):  # an odd one out is ignored
            indexed += count
            highest = max(highest, first + count)
    return max(tables + indexed, sizes, highest)


def _raw_findings(data: bytes) -> list[PdfFinding]:
    """What must be refused before a parser opens the file: too big, inflating too much,
    encrypted, or compressed with a filter we cannot bound."""
    most_bytes = limit("pdf_bytes")
    if len(data) > most_bytes:
        return [
            PdfFinding(
                "pdf_too_big",
                {"size": _mb(len(data)), "limit": _mb(most_bytes), "env": env_name("pdf_bytes")},
            )
        ]
    most = limit("pdf_inflated_bytes")
    budget, view = _Budget(most), memoryview(data)
    try:
        for match in _STREAM.finditer(data):
            budget.spend(read=_CANDIDATE_COST)
            start = match.end()
            if not _inflate_raw(data, view, start, budget):
                _inflate_hex(data, start, budget)
                _inflate_a85(data, start, budget)
    except _TooMuch:
        return [
            PdfFinding(
                "pdf_inflates_too_much",
                {"limit_mb": most // (1024 * 1024), "env": env_name("pdf_inflated_bytes")},
            )
        ]
    refused = _refused_names(data)
    if refused:
        return refused
    most_objects = limit("pdf_objects")
    objects = _declared_objects(data, most_objects)
    if objects > most_objects:
        return [
            PdfFinding(
                "pdf_too_many_objects",
                {"count": objects, "limit": most_objects, "env": env_name("pdf_objects")},
            )
        ]
    return []


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


_DICT, _STREAM_TYPE, _ARRAY, _NAME = (
    pikepdf.ObjectType.dictionary,
    pikepdf.ObjectType.stream,
    pikepdf.ObjectType.array,
    pikepdf.ObjectType.name_,
)
_DANGEROUS = frozenset(
    f"/{a}"
    for a in (
        "Launch",
        "GoToR",
        "GoToE",
        "ImportData",
        "SubmitForm",
        "Rendition",
        "Movie",
        "Sound",
        "RichMediaExecute",
    )
)
_MEDIA_ANNOTATIONS = frozenset({"/RichMedia", "/Movie", "/Sound"})
_ACTION_SLOTS = ("/A", "/OpenAction", "/Next")
_TELLING = frozenset(
    {"/JS", "/JavaScript", "/S", *_ACTION_SLOTS, "/AA", "/XFA", "/Subtype", "/EmbeddedFiles", "/EF"}
)
"""Keys without which a dictionary (not a stream) holds nothing looked for."""
_NESTING = frozenset({pikepdf.ObjectType.dictionary, pikepdf.ObjectType.array})
_FILTERS = {
    "/LZWDecode": "LZWDecode",
    "/LZW": "LZWDecode",
    "/RunLengthDecode": "RunLengthDecode",
    "/RL": "RunLengthDecode",
}
_MAX_NAMES = 100  # leaves of an /EmbeddedFiles name tree looked at
_MAX_PAGES = 100_000  # pages mapped for "halaman N" (beyond, objects are named by number)


def _type(obj: Any) -> Optional[pikepdf.ObjectType]:
    return obj._type_code if isinstance(obj, pikepdf.Object) else None


def _name(obj: Any) -> Optional[str]:
    """A PDF name as text ('/JavaScript'), or None when ``obj`` is not a name."""
    return str(obj) if _type(obj) is _NAME else None


def _text(obj: Any) -> Optional[str]:
    if isinstance(obj, pikepdf.String):
        return str(obj)[:200]
    return None


def _places(pdf: pikepdf.Pdf) -> dict[tuple[int, int], str]:
    """Page objects, their annotations and the actions these hold, mapped to 'halaman N';
    the catalog's actions to 'dokumen'."""
    places: dict[tuple[int, int], str] = {}

    def mark(obj: Any, where: str) -> None:
        if _type(obj) in (_DICT, _STREAM_TYPE, _ARRAY) and obj.is_indirect:
            places.setdefault(obj.objgen, where)

    def mark_actions(holder: Any, where: str) -> None:
        for key in ("/A", "/AA", "/OpenAction", "/Popup", "/FS"):
            value = holder.get(key)
            mark(value, where)
            if key == "/AA" and _type(value) is _DICT:
                for action in value.values():
                    mark(action, where)

    try:
        mark_actions(pdf.Root, "dokumen")
        for number, page in enumerate(pdf.pages, 1):
            if number > _MAX_PAGES:
                break
            where = f"halaman {number}"
            mark(page.obj, where)
            mark_actions(page.obj, where)
            resources: Any = page.obj.get("/Resources")
            drawn: Any = resources.get("/XObject") if _type(resources) is _DICT else None
            if _type(drawn) is _DICT:
                for xobject in drawn.values():
                    mark(xobject, where)
            annotations: Any = page.obj.get("/Annots")
            if _type(annotations) is not _ARRAY:
                continue
            mark(annotations, where)
            for annotation in annotations:
                mark(annotation, where)
                if _type(annotation) is _DICT:
                    mark_actions(annotation, where)
    except Exception:  # a page tree qpdf cannot flatten: objects are named by number instead
        pass
    return places


class _Findings:
    """Distinct findings, in the order found, at most ``MAX_FINDINGS``."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, tuple[tuple[str, str], ...]], PdfFinding] = {}

    @property
    def full(self) -> bool:
        return len(self.items) >= MAX_FINDINGS

    def add(self, code: str, **params: Any) -> None:
        key = (code, tuple(sorted((k, str(v)) for k, v in params.items())))
        if not self.full:
            self.items.setdefault(key, PdfFinding(code, params))


class _Inspector:
    """Looks at every dictionary of a PDF, direct ones inside others included."""

    def __init__(self, pdf: pikepdf.Pdf, found: _Findings) -> None:
        self.pdf, self.found = pdf, found
        self.root = pdf.Root.objgen
        self.places = _places(pdf)
        self.pixels = limit("image_pixels")
        self.named_files: set[tuple[int, int]] = set()  # embedded-file streams a file spec names
        self.unnamed_files: list[tuple[int, int]] = []

    def run(self) -> None:
        root = self.pdf.Root
        opening: Any = root.get("/OpenAction")
        if _type(opening) in (_DICT, _STREAM_TYPE) and _name(opening.get("/S")) != "/GoTo":
            self.found.add("pdf_open_action", action=(_name(opening.get("/S")) or "?").lstrip("/"))
        for obj in self.pdf.objects:
            if self.found.full:
                return
            if _type(obj) in (_DICT, _STREAM_TYPE, _ARRAY):
                self.walk(obj, self.where(obj, "dokumen"))
        for number in self.unnamed_files:
            if number not in self.named_files:
                self.found.add("pdf_embedded_file", name=f"objek {number[0]}")

    def walk(self, top: Any, where: str) -> None:
        """``top`` and the dictionaries and arrays written inside it (indirect ones are walked
        on their own)."""
        stack = [top]
        while stack:
            obj = stack.pop()
            kind = obj._type_code
            if kind is _ARRAY:
                children = list(obj)
            else:
                holder = obj.stream_dict if kind is _STREAM_TYPE else obj
                self.look(obj, holder, kind is _STREAM_TYPE, where)
                children = holder.values()
            for child in children:
                if (
                    isinstance(child, pikepdf.Object)
                    and child._type_code in _NESTING
                    and not child.is_indirect
                ):
                    stack.append(child)

    def where(self, obj: Any, holder: str) -> str:
        """Where an object is: a direct one is where its holder is; an indirect one is looked at
        on its own too, and named the same way both times (so that it is reported once)."""
        if _type(obj) in (_DICT, _STREAM_TYPE, _ARRAY) and obj.is_indirect:
            number = obj.objgen
            return "dokumen" if number == self.root else self.places.get(number, f"objek {number[0]}")
        return holder

    def action(self, obj: Any, where: str) -> None:
        """An action dictionary (found in an action slot, or by its look)."""
        if _type(obj) not in (_DICT, _STREAM_TYPE):
            return
        kind = _name(obj.get("/S"))
        if kind == "/JavaScript":
            self.found.add("pdf_javascript")
        elif kind in _DANGEROUS:
            self.found.add("pdf_dangerous_action", action=kind.lstrip("/"), where=where)

    def look(self, obj: Any, d: Any, stream: bool, where: str) -> None:
        keys = d.keys()
        if not stream and keys.isdisjoint(_TELLING):
            return
        if "/JS" in keys or ("/JavaScript" in keys and not stream):  # a script; the /Names script tree
            self.found.add("pdf_javascript")
        kind = _name(d.get("/Type"))
        if "/S" in keys and (kind == "/Action" or not ("/P" in keys and kind in (None, "/StructElem"))):
            # an action; a structure element (whose /S is its role, any name) has a parent /P
            self.action(d, where)
        for slot in _ACTION_SLOTS:
            if slot in keys:
                value = d.get(slot)
                for action in value if _type(value) is _ARRAY else [value]:
                    self.action(action, self.where(action, where))
        if "/AA" in keys:
            self.found.add("pdf_additional_actions", where=where)
            events = d.get("/AA")
            if _type(events) is _DICT:
                for action in events.values():
                    self.action(action, self.where(action, where))
        if "/XFA" in keys:
            self.found.add("pdf_xfa")
        subtype = _name(d.get("/Subtype"))
        if subtype in _MEDIA_ANNOTATIONS and "/Rect" in keys:
            self.found.add("pdf_dangerous_action", action=subtype.lstrip("/"), where=where)
        if "/EmbeddedFiles" in keys:
            for name in self.tree_names(d.get("/EmbeddedFiles")):
                self.found.add("pdf_embedded_file", name=name)
        if "/EF" in keys:
            self.found.add("pdf_embedded_file", name=self.file_name(d))
            files = d.get("/EF")
            if _type(files) is _DICT:
                for stored in files.values():
                    if _type(stored) is _STREAM_TYPE:
                        self.named_files.add(stored.objgen)
        if subtype == "/FileAttachment":
            spec = d.get("/FS")
            self.found.add("pdf_embedded_file", name=_text(spec) or self.file_name(spec))
        if stream:
            if kind == "/EmbeddedFile":
                self.unnamed_files.append(obj.objgen)
            self.stream(d, subtype, where)

    def stream(self, d: Any, subtype: Optional[str], where: str) -> None:
        filters = d.get("/Filter")
        for name in filters if _type(filters) is _ARRAY else [filters]:
            refused = _FILTERS.get(_name(name) or "")
            if refused:
                self.found.add("pdf_unsupported_filter", filter=refused)
        if subtype == "/Image":
            width, height = d.get("/Width"), d.get("/Height")
            if type(width) is int and type(height) is int and width * height > self.pixels:
                self.found.add(
                    "pdf_image_too_large",
                    pixels=width * height,
                    limit=self.pixels,
                    env=env_name("image_pixels"),
                    where=where,
                )

    def file_name(self, spec: Any) -> str:
        if _type(spec) not in (_DICT, _STREAM_TYPE):
            return "-"
        for key in ("/UF", "/F", "/DOS", "/Unix", "/Mac"):
            text = _text(spec.get(key))
            if text:
                return text
        return "-"

    def tree_names(self, node: Any) -> list[str]:
        """The keys of a name tree (bounded: a tree may loop or be huge)."""
        names: list[str] = []
        stack, seen = [node], set()
        while stack and len(names) < _MAX_NAMES:
            node = stack.pop()
            if _type(node) is not _DICT:
                continue
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            pairs = node.get("/Names")
            if _type(pairs) is _ARRAY:
                names += [_text(key) or "-" for key in list(pairs)[0::2]]
            kids = node.get("/Kids")
            if _type(kids) is _ARRAY:
                stack += list(kids)
        return names[:_MAX_NAMES] or ["-"]


_TOKEN = re.compile(
    # the next token of a content stream that matters to the count, after white space and
    # numbers (one run of characters, which the regex engine takes in one step and without
    # memory): group 1 an operator, group 2 a name (the operand of Do); else a string, comment,
    # hex string, bracket, a stray delimiter, or the end. Every character belongs to one of these,
    # so a match never fails: the time is linear and the memory flat whatever the bytes. Literal
    # strings nest three deep here; a deeper one is read as words, which counts more operators,
    # never fewer. Measured: on our builds the counts are qpdf's (pikepdf.parse_content_stream)
    # exactly, in a fifth of its time.
    rb"[\x00\t\n\x0c\r 0-9+.\-]*(?:([^"
    + _DELIMS
    + rb"0-9+.\-][^"
    + _DELIMS
    + rb"]*)|(/[^"
    + _DELIMS
    + rb"]*)"
    rb"|\((?:[^()\\]|\\.|\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\))*\)"
    rb"|%[^\r\n]*|<<|>>|<[0-9A-Fa-f\x00\t\n\x0c\r ]*>|[\[\]{}()<>]|\Z)",
    re.S,
)
_IMAGE_END = re.compile(rb"EI" + _NAME_END)  # the earliest end of inline image data a reader may take
_MAX_FORM_DEPTH = 40  # pdfium draws forms nested this deep (kMaxFormLevel); deeper is refused
_TOKENS_PER_OPERATION = 50
"""Tokens read in a whole file, at most, for each operation a page may draw: 5 million by default,
a second's reading (our 100-page decree, LibreOffice and PDF/A, has 382,000)."""


class _TooComplex(Exception):
    """A page draws more operations than allowed (``count`` is None for a loop of forms)."""

    def __init__(self, count: Optional[int]) -> None:
        super().__init__(count)
        self.count = count


class _Operations:
    """How many operations drawing each page takes, with form XObjects expanded: each ``Do`` of a
    form adds the form's own count (forms drawing forms, a hundred times each, make millions
    from a few kilobytes). Each stream is read and counted once, each form's count is
    remembered, and counting stops as soon as a page passes the limit."""

    def __init__(self, pdf: pikepdf.Pdf, most: int) -> None:
        self.pdf, self.most = pdf, most
        self.streams: dict[tuple[int, int], tuple[int, list[bytes]]] = {}
        self.forms: dict[tuple[tuple[int, int], Any], int] = {}
        self.drawing: set[tuple[int, int]] = set()  # forms being counted (a loop if met again)
        self.tokens_left = most * _TOKENS_PER_OPERATION

    def page(self, page: Any) -> int:
        resources = _Resources(_up(page, "/Resources"), ("page", page.objgen))
        contents: Any = page.get("/Contents")
        parts = list(contents) if _type(contents) is _ARRAY else [contents]
        total = 0
        for part in parts:  # the same stream listed many times is drawn many times
            total += self.stream(part, resources, 0, total)
        annotations: Any = page.get("/Annots")
        for annotation in annotations if _type(annotations) is _ARRAY else []:
            looks: Any = annotation.get("/AP") if _type(annotation) in (_DICT, _STREAM_TYPE) else None
            for look in looks.values() if _type(looks) is _DICT else []:
                for state in look.values() if _type(look) is _DICT else [look]:
                    total += self.form(state, resources, 0, total)
        return total

    def stream(self, stream: Any, resources: _Resources, depth: int, spent: int) -> int:
        """The operations of a content stream drawn with ``resources``, forms expanded."""
        if _type(stream) is not _STREAM_TYPE:
            return 0
        known = self.streams.get(stream.objgen)
        if known is None:
            known = self.streams[stream.objgen] = self.tokens(stream.read_bytes(), spent)
        count, names = known
        total = spent + count
        if total > self.most:
            raise _TooComplex(total)
        drawn: Any = resources.obj.get("/XObject") if _type(resources.obj) is _DICT else None
        if _type(drawn) is _DICT:
            for name in names:
                total += self.form(_lookup(drawn, name), resources, depth, total)
        return total - spent

    def form(self, form: Any, resources: _Resources, depth: int, spent: int) -> int:
        """The operations of drawing ``form`` (0 when it is no form XObject) with its own
        resources, or with the caller's when it has none."""
        if _type(form) is not _STREAM_TYPE or _name(form.get("/Subtype")) not in ("/Form", None):
            return 0
        if depth >= _MAX_FORM_DEPTH or form.objgen in self.drawing:
            raise _TooComplex(None)
        own = form.get("/Resources")
        if own is not None:
            resources = _Resources(own, ("form", form.objgen))
        key = (form.objgen, resources.key)
        count = self.forms.get(key)
        if count is None:
            self.drawing.add(form.objgen)
            count = self.forms[key] = self.stream(form, resources, depth + 1, spent)
            self.drawing.discard(form.objgen)
        if spent + count > self.most:
            raise _TooComplex(spent + count)
        return count

    def tokens(self, data: bytes, spent: int) -> tuple[int, list[bytes]]:
        """The number of operators in ``data`` and the names its ``Do`` operators draw; reading
        stops once ``spent`` and this count pass the limit, or the file's tokens pass theirs."""
        count, at = 0, 0
        names: list[bytes] = []
        name: Optional[bytes] = None
        while True:
            for match in _TOKEN.finditer(data, at):
                self.tokens_left -= 1
                if self.tokens_left < 0:
                    raise _TooComplex(None)
                operator = match[1]
                if operator is None:
                    name = match[2]
                    if name is None and match.end() == len(data):
                        return count, names
                    continue
                count += 1
                if spent + count > self.most:
                    raise _TooComplex(spent + count)
                if operator == b"Do" and name is not None:
                    names.append(name)
                name = None
                if operator == b"ID":  # inline image data: skipped to its end
                    end = _IMAGE_END.search(data, match.end() + 1)
                    at = end.end() if end is not None else len(data)
                    break
            else:
                return count, names


def _lookup(entries: Any, name: bytes) -> Any:
    """The entry of a dictionary for a name as written in a content stream (#xx escapes and
    bytes beyond ASCII read as qpdf reads them); None when there is none."""
    try:
        return entries.get(pikepdf.Object.parse(name))
    except Exception:  # not a name qpdf can read: nothing is drawn by it
        return None


@dataclass(frozen=True)
class _Resources:
    """A resource dictionary and what identifies it: its object number, or for one written
    inside a page or form, that holder's."""

    obj: Any
    holder: tuple[str, tuple[int, int]]

    @property
    def key(self) -> Any:
        if _type(self.obj) in (_DICT, _STREAM_TYPE) and self.obj.is_indirect:
            return self.obj.objgen
        return self.holder


def _operations(pdf: pikepdf.Pdf, found: _Findings) -> None:
    """``pdf_too_complex`` for the first page that draws more operations than allowed."""
    most = limit(PDF_OPERATIONS)
    counter = _Operations(pdf, most)
    for number, page in enumerate(pdf.pages, 1):
        try:
            counter.page(page.obj)
        except _TooComplex as exc:
            count: Any = "∞" if exc.count is None else exc.count
            found.add("pdf_too_complex", page=number, count=count, limit=most, env=env_name(PDF_OPERATIONS))
            return


def _detail(exc: BaseException) -> str:
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    line = re.sub(r"^.*?<_io\.BytesIO object at 0x[0-9a-fA-F]+>:\s*", "", line)
    return line[:200]


def _refused_raw(data: bytes) -> list[PdfFinding]:
    """What the raw-bytes checks refuse before any parser opens ``data``; a defect in them
    refuses the file rather than letting it through."""
    try:
        return _raw_findings(data)
    except Exception as exc:
        return [PdfFinding("pdf_unreadable", {"detail": _detail(exc)})]


def inspect_pdf(data: bytes) -> list[PdfFinding]:
    """What makes a PDF unfit to archive, found without trusting it: an empty list for a PDF
    we built (either engine, PDF/A or not, signed or not). Never raises.

    First, on the raw bytes: the size, then every compressed stream inflated in bounded steps
    (the total against ``KEPUTUSAN_MAX_PDF_INFLATED_BYTES``), encryption, filters whose
    decoders are unbounded, and the number of objects the cross-reference sections declare.
    Any of these ends the inspection: the file is never opened.
    Then, with pikepdf, over every object (unreferenced ones too): JavaScript, an opening
    action other than going to a page, additional actions, actions that launch programs,
    open other files or send data, multimedia, embedded files, XFA forms, and images whose
    pixels exceed ``KEPUTUSAN_MAX_IMAGE_PIXELS``. Last, the drawing operations of each page, with
    the forms it draws (and its annotations' appearances) counted each time they are drawn:
    ``pdf_too_complex`` {page, count, limit, env} for the first page over
    ``KEPUTUSAN_MAX_PDF_OPERATIONS``; ``count`` is "∞" for forms that draw themselves, forms nested
    deeper than pdfium draws them, or more content than can be read in about a second.
    """
    raw = _refused_raw(data)
    if raw:
        return raw
    found = _Findings()
    try:
        with _open(data) as pdf:
            if pdf.is_encrypted:
                return [PdfFinding("pdf_encrypted", {})]
            _Inspector(pdf, found).run()
            _operations(pdf, found)
    except Exception as exc:  # not a PDF, damaged, or a password we do not have
        if isinstance(exc, pikepdf.PasswordError):
            return [PdfFinding("pdf_encrypted", {})]
        return [PdfFinding("pdf_unreadable", {"detail": _detail(exc)})]
    return list(found.items.values())


# --------------------------------------------------------------------------- structure against the build

_PRINT, _HIDDEN, _NO_VIEW, _TOGGLE_NO_VIEW = 4, 2, 32, 256
_MAX_PARENTS = 64  # a page tree or field tree deeper than this (or looping) is cut there
_BOX_TOLERANCE = 0.01  # points: the same box written with another number of decimals
_ZERO_SIZE = 0.5  # points: a widget no wider and no higher than this shows nothing
_CANONICAL_BUDGET = 2000  # values looked at to compare one annotation's action


def _number(obj: Any) -> Optional[float]:
    if isinstance(obj, bool) or not isinstance(obj, (int, float, Decimal)):
        return None
    value = float(obj)
    return value if value == value and abs(value) != float("inf") else None


def _box(obj: Any) -> Optional[tuple[float, float, float, float]]:
    """A rectangle [x1 y1 x2 y2] as (left, bottom, right, top); None when it is not four numbers."""
    if _type(obj) is not _ARRAY or len(obj) != 4:
        return None
    values = [_number(v) for v in obj]
    if any(v is None for v in values):
        return None
    x1, y1, x2, y2 = (float(v or 0.0) for v in values)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _same_box(a: Optional[tuple[float, ...]], b: Optional[tuple[float, ...]]) -> bool:
    if a is None or b is None:
        return a is b
    return all(abs(x - y) <= _BOX_TOLERANCE for x, y in zip(a, b, strict=True))


def _up(node: Any, key: str) -> Any:
    """``key`` of a page or form field, or of the nearest /Parent that has it (inherited); None
    when none has it. A looping or very deep chain of parents ends the search."""
    seen: set[tuple[int, int]] = set()
    for _ in range(_MAX_PARENTS):
        if _type(node) not in (_DICT, _STREAM_TYPE):
            return None
        value = node.get(key)
        if value is not None:
            return value
        if node.is_indirect:
            if node.objgen in seen:
                return None
            seen.add(node.objgen)
        node = node.get("/Parent")
    return None


def _geometry(page: Any) -> tuple[Any, ...]:
    """What decides where a page's content lands and how it is turned: the media box, the crop box
    (the media box when there is none; only its part inside the media box counts), the rotation
    and the size of the unit (inherited values resolved)."""
    media = _box(_up(page, "/MediaBox"))
    crop = _box(_up(page, "/CropBox"))
    if crop is None or media is None:
        crop = media
    else:
        left, bottom = max(crop[0], media[0]), max(crop[1], media[1])
        crop = (left, bottom, min(crop[2], media[2]), min(crop[3], media[3]))
    rotate = _up(page, "/Rotate")
    turned: Any = 0 if rotate is None else (int(rotate) % 360 if type(rotate) is int else repr(rotate))
    unit = _up(page, "/UserUnit")
    size: Any = 1.0 if unit is None else (_number(unit) if _number(unit) is not None else repr(unit))
    return media, crop, turned, size


def _same_geometry(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return _same_box(a[0], b[0]) and _same_box(a[1], b[1]) and a[2] == b[2] and a[3] == b[3]


@dataclass
class _Annotation:
    page: int
    subtype: str  # 'Stamp', 'Link', '?' when there is none
    rect: Optional[tuple[float, float, float, float]]
    obj: Any

    @property
    def key(self) -> tuple[int, str, Optional[tuple[int, ...]]]:
        """Page, type and rectangle rounded to the point: what matches an annotation of the build."""
        return self.page, self.subtype, None if self.rect is None else tuple(round(v) for v in self.rect)

    @property
    def zero_size(self) -> bool:
        return self.rect is not None and (
            self.rect[2] - self.rect[0] <= _ZERO_SIZE and self.rect[3] - self.rect[1] <= _ZERO_SIZE
        )


def _annotations(pdf: pikepdf.Pdf) -> list[_Annotation]:
    found = []
    for number, page in enumerate(pdf.pages, 1):
        listed: Any = page.obj.get("/Annots")
        if _type(listed) is not _ARRAY:
            continue
        for obj in listed:
            if _type(obj) not in (_DICT, _STREAM_TYPE):
                continue  # null, or a reference to nothing: no annotation is drawn
            subtype = _name(obj.get("/Subtype"))
            found.append(_Annotation(number, (subtype or "/?").lstrip("/"), _box(obj.get("/Rect")), obj))
    return found


def _canonical(obj: Any, pages: dict[tuple[int, int], int], budget: Optional[list[int]] = None) -> Any:
    """A value comparable between two files: pages by number, other objects by what they hold
    (not by their object numbers), streams by their size. At most ``_CANONICAL_BUDGET`` values
    are looked at (objects shared many times over could otherwise cost without end)."""
    budget = [_CANONICAL_BUDGET] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0:
        return "..."
    kind = _type(obj)
    if kind in (_DICT, _STREAM_TYPE):
        if obj.is_indirect and obj.objgen in pages:
            return ("page", pages[obj.objgen])
        holder = obj.stream_dict if kind is _STREAM_TYPE else obj
        items = sorted(
            (str(key), _canonical(holder.get(key), pages, budget))
            for key in holder.keys()
            if key not in ("/P", "/Parent", "/Length")
        )
        return ("stream", len(obj.read_raw_bytes()), tuple(items)) if kind is _STREAM_TYPE else tuple(items)
    if kind is _ARRAY:
        return tuple(_canonical(item, pages, budget) for item in obj)
    number = _number(obj)
    if number is not None:
        return round(number, 2)
    if isinstance(obj, pikepdf.Object):
        return str(obj) if kind is _NAME or isinstance(obj, pikepdf.String) else repr(obj)[:200]
    return repr(obj)[:200]


def _link_meaning(annotation: _Annotation, pages: dict[tuple[int, int], int]) -> Any:
    """What a build annotation does and whether it shows: its action or destination, its flags
    and whether it has an appearance of its own."""
    obj = annotation.obj
    return (
        _canonical(obj.get("/A"), pages),
        _canonical(obj.get("/Dest"), pages),
        _canonical(obj.get("/F"), pages),
        "/AP" in obj.keys(),
    )


def _flags(obj: Any) -> int:
    value = obj.get("/F")
    return value if type(value) is int else 0


_SUBFILTERS = frozenset({"/adbe.pkcs7.detached", "/ETSI.CAdES.detached", "/ETSI.RFC3161", "/PBAD.PAdES"})
"""The signature formats pyHanko validates; it skips a signature of any other (with a warning)."""
_MAX_FIELDS = 10_000  # form fields followed from /AcroForm /Fields (a tree may loop or be huge)


def _looks_signed(value: Any) -> bool:
    """``value`` has the shape of a signature dictionary (which nothing here validates)."""
    return _type(value) is _DICT and "/ByteRange" in value.keys() and "/Contents" in value.keys()


def _checked_signatures(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """The widgets whose signature the signature check (pyHanko) validates: it takes signatures
    only from the fields reachable from the catalog's /AcroForm /Fields through /Kids (indirect
    objects with a name /T), of type /Sig (inherited along that path), whose own /V is a
    signature of a format it knows. Such a field's widget is the field itself or a kid without
    a name. The walk is bounded and stops at loops."""
    form: Any = pdf.Root.get("/AcroForm")
    fields: Any = form.get("/Fields") if _type(form) is _DICT else None
    if _type(fields) is not _ARRAY:
        return set()
    checked: set[tuple[int, int]] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Any, Optional[str]]] = [(field, None) for field in reversed(list(fields))]
    while stack and len(seen) < _MAX_FIELDS:
        field, inherited = stack.pop()
        if _type(field) is not _DICT or not field.is_indirect or field.objgen in seen:
            continue
        seen.add(field.objgen)
        if "/T" not in field.keys():
            continue  # a widget, not a field: pyHanko neither takes it nor looks below it
        kind = _name(field.get("/FT")) or inherited
        value = field.get("/V")
        kids: Any = field.get("/Kids")
        kids = list(kids) if _type(kids) is _ARRAY else []
        if kind == "/Sig" and _looks_signed(value) and _name(value.get("/SubFilter")) in _SUBFILTERS:
            checked.add(field.objgen)
            checked.update(
                kid.objgen
                for kid in kids
                if _type(kid) is _DICT and kid.is_indirect and "/T" not in kid.keys()
            )
        stack += [(kid, kind) for kid in reversed(kids)]
    return checked


def _appearance(widget: Any) -> bool:
    """The widget has a normal appearance to show (a stream, or the state /AS picks)."""
    drawn = widget.get("/AP")
    if _type(drawn) is not _DICT:
        return False
    normal = drawn.get("/N")
    if _type(normal) is _DICT:
        normal = normal.get(str(_name(widget.get("/AS"))))
    return _type(normal) is _STREAM_TYPE


def _layer_marks(pdf: pikepdf.Pdf) -> set[str]:
    """The kinds of optional content (layers) a PDF uses where it draws: the catalog's
    /OCProperties, an /OC key on anything drawn (form or image XObjects, annotations) and
    layers named in a /Properties resource (marked content ``/OC /name BDC``)."""
    marks: set[str] = set()
    if "/OCProperties" in pdf.Root.keys():
        marks.add("catalog")
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[str, Any]] = []
    for page in pdf.pages:
        stack.append(("resources", _up(page.obj, "/Resources")))
        listed: Any = page.obj.get("/Annots")
        if _type(listed) is _ARRAY:
            stack += [("annotation", obj) for obj in listed]
    while stack:
        role, obj = stack.pop()
        if _type(obj) not in (_DICT, _STREAM_TYPE):
            continue
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        holder = obj.stream_dict if _type(obj) is _STREAM_TYPE else obj
        if role == "resources":
            for category in ("/XObject", "/Pattern", "/Font", "/Properties", "/ExtGState"):
                entries: Any = holder.get(category)
                if _type(entries) is not _DICT:
                    continue
                for entry in entries.values():
                    if _type(entry) not in (_DICT, _STREAM_TYPE):
                        continue
                    if category == "/Properties":
                        if _name(entry.get("/Type")) in ("/OCG", "/OCMD"):
                            marks.add("marked content")
                    elif category == "/ExtGState":
                        mask = entry.get("/SMask")
                        if _type(mask) is _DICT:
                            stack.append(("drawn", mask.get("/G")))
                    else:  # an XObject, a tiling pattern, a Type 3 font: each may have resources
                        stack.append(("drawn", entry))
            continue
        if "/OC" in holder.keys():
            marks.add(role)
        if role == "annotation":
            looks: Any = holder.get("/AP")
            if _type(looks) is _DICT:
                for look in looks.values():
                    states = list(look.values()) if _type(look) is _DICT else [look]
                    stack += [("drawn", state) for state in states]
            continue
        stack.append(("resources", holder.get("/Resources")))
    return marks


class _Structure:
    """A signed PDF against the PDF built from the approved content, by structure."""

    def __init__(self, signed: pikepdf.Pdf, build: pikepdf.Pdf, found: _Findings) -> None:
        self.signed, self.build, self.found = signed, build, found
        self.checked = _checked_signatures(signed)

    def run(self) -> None:
        form: Any = self.signed.Root.get("/AcroForm")
        if _type(form) is _DICT and form.get("/NeedAppearances") is True:
            self.found.add("pdf_needs_appearances")
        if _layer_marks(self.signed) - _layer_marks(self.build):
            self.found.add("pdf_optional_content")
        count, built = len(self.signed.pages), len(self.build.pages)
        if count != built:
            self.found.add("pages_differ", signed=count, build=built)
            return
        for number, (page, model) in enumerate(zip(self.signed.pages, self.build.pages, strict=True), 1):
            if not _same_geometry(_geometry(page.obj), _geometry(model.obj)):
                self.found.add("page_box_differs", page=number)
        self.annotations()

    def annotations(self) -> None:
        signed_pages = {page.obj.objgen: n for n, page in enumerate(self.signed.pages, 1)}
        build_pages = {page.obj.objgen: n for n, page in enumerate(self.build.pages, 1)}
        unmatched: dict[Any, list[_Annotation]] = {}
        for annotation in _annotations(self.build):
            unmatched.setdefault(annotation.key, []).append(annotation)
        added: list[_Annotation] = []
        for annotation in _annotations(self.signed):
            same = unmatched.get(annotation.key)
            if not same:
                added.append(annotation)
                continue
            meaning = _link_meaning(annotation, signed_pages)
            for index, model in enumerate(same):
                if _link_meaning(model, build_pages) == meaning:
                    del same[index]
                    break
            else:
                same.pop(0)
                self.found.add("pdf_annotation_changed", page=annotation.page)
        missing = [annotation for group in unmatched.values() for annotation in group]
        for annotation in added:
            if annotation.subtype == "Widget" and _name(_up(annotation.obj, "/FT")) == "/Sig":
                if self.signature_widget(annotation):
                    continue
            for index, model in enumerate(missing):  # moved or reshaped: changed, not added
                if (model.page, model.subtype) == (annotation.page, annotation.subtype):
                    del missing[index]
                    self.found.add("pdf_annotation_changed", page=annotation.page)
                    break
            else:
                self.found.add("pdf_annotation_added", subtype=annotation.subtype, page=annotation.page)
        for model in missing:
            self.found.add("pdf_annotation_changed", page=model.page)

    def signature_widget(self, annotation: _Annotation) -> bool:
        """Whether the widget of a signature field is accounted for (allowed, or reported here);
        False: report it as an added annotation."""
        widget = annotation.obj
        if not (widget.is_indirect and widget.objgen in self.checked):
            if _looks_signed(_up(widget, "/V")):
                # a value shaped like a signature that the signature check never sees (the field
                # is not in the form's field tree, or of a format pyHanko skips): a fake
                self.found.add("pdf_orphan_signature", page=annotation.page)
            elif not annotation.zero_size:
                self.found.add("pdf_empty_signature_field", page=annotation.page)
            return True
        if annotation.zero_size:
            return True  # an invisible signature: nothing can show, whatever its flags
        flags = _flags(widget)
        looks: Any = widget.get("/AP")
        other_looks = _type(looks) is _DICT and not looks.keys().isdisjoint({"/D", "/R"})
        if not flags & _PRINT or flags & (_HIDDEN | _NO_VIEW | _TOGGLE_NO_VIEW) or other_looks:
            self.found.add("pdf_hidden_annotation", page=annotation.page)
            return True
        return _appearance(widget)


def structure_problems(signed: bytes, build: bytes) -> list[PdfFinding]:
    """What a signed PDF has, by its structure, that the PDF built from the approved content
    does not have, whatever a renderer shows: an empty list for the build signed with visible or
    invisible signatures, one or several. Never raises.

    - annotations: each one the build does not have (same page, type and rectangle to the point)
      must be the widget of a signed signature field, printed and not hidden, with an appearance
      (or of zero size); else ``pdf_annotation_added`` {subtype, page}, ``pdf_empty_signature_field``
      {page} (an unsigned field that covers something), ``pdf_hidden_annotation`` {page} (a signature
      widget that is not printed, hidden, shown only on screen or only in print, or with a rollover
      or down look). A signature widget counts as signed only when the signature check sees its
      field (reachable from /AcroForm /Fields, of a format pyHanko validates); another one whose
      value looks like a signature: ``pdf_orphan_signature`` {page}, whatever its size. A build
      annotation missing, moved or with another action, destination, flags or appearance:
      ``pdf_annotation_changed`` {page};
    - layers (optional content) the build does not use: ``pdf_optional_content``;
    - each page's media box, crop box, rotation and unit size (inherited ones resolved):
      ``page_box_differs`` {page}; another number of pages: ``pages_differ`` {signed, build};
    - a form that asks the reader to draw its fields anew: ``pdf_needs_appearances``.

    ``signed`` should already have passed :func:`inspect_pdf`; what that refuses before opening a
    file (too big, a bomb, encrypted) is refused here too, with the same finding. Stream data is
    never decoded.
    """
    raw = _refused_raw(signed)
    if raw:
        return raw
    found = _Findings()
    try:
        with _open(signed) as mine, _open(build) as model:
            if mine.is_encrypted:
                return [PdfFinding("pdf_encrypted", {})]
            _Structure(mine, model, found).run()
    except Exception as exc:  # damaged, or a structure qpdf cannot follow: never a pass
        if isinstance(exc, pikepdf.PasswordError):
            return [PdfFinding("pdf_encrypted", {})]
        return [PdfFinding("pdf_unreadable", {"detail": _detail(exc)})]
    return list(found.items.values())
