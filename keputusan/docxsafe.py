"""DOCX packages read as if hostile: sizes and the zip directory are checked before a byte is
inflated, and XML is parsed with entities, DTDs and the network off.

A DOCX is a zip of XML parts, so a small file can hold a zip bomb (an 870 KB
file whose document.xml inflates to 300 MB), an XML bomb (billion laughs), an
external entity that reads a local file into the text, or a decoy: a
word/document.xml that no program shows, beside the main part that
``_rels/.rels`` names and Word, LibreOffice and python-docx open. A part
named twice, and a path that is a pipe or a device, are refused. DOCX text
(:mod:`docx_text`, hence ``keputusan text``) and templates (before docxtpl and
python-docx see them) are read through :class:`Package`; each refusal is a
:class:`DocxError` whose problem names the file and what to do, never a
traceback. The limits are those of :mod:`keputusan.limits`, each overridable
by the environment variable named in the message.
"""

from __future__ import annotations

import io
import posixpath
import struct
import urllib.parse
import zipfile
import zlib
from pathlib import Path
from typing import Any, Optional, Union

from lxml import etree

from .errors import ContentError, Problem
from .fsutil import FileRefused, read_bounded
from .limits import env_name, limit

_STEP = 1024 * 1024  # bytes inflated at a time

DOCUMENT = "word/document.xml"
PACKAGE_RELS = "_rels/.rels"
CONTENT_TYPES = "[Content_Types].xml"
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE_DOCUMENT = frozenset(
    {
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",  # strict OOXML
    }
)
MAIN_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)
"""Content types of a Word main document part (python-docx opens these and no other)."""
RATIO_FLOOR = 1024 * 1024
"""Parts smaller than this are never refused for their compression ratio (a small, very
repetitive part compresses well; the ratio only matters where inflating costs memory)."""

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .doc, or Office's encrypted package
_EOCD = b"PK\x05\x06"
_EOCD64, _EOCD64_LOCATOR = b"PK\x06\x06", b"PK\x06\x07"
_PROLOG = 64 * 1024


class DocxError(ContentError):
    """A DOCX (or template) that cannot be read safely; its one problem names the file."""


def _refuse(path: Optional[Path], code: str, **params: Any) -> DocxError:
    return DocxError([Problem(path, None, None, code, params)])


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _check_size(path: Optional[Path], size: int) -> None:
    most = limit("docx_bytes")
    if size > most:
        raise _refuse(path, "docx_too_big", size=_mb(size), limit=_mb(most), env=env_name("docx_bytes"))


_KIND_CODES = {"missing": "file_missing", "folder": "not_a_file", "special": "special_file"}


def _refused(path: Path, refusal: FileRefused) -> DocxError:
    if refusal.kind == "too_big":
        most = limit("docx_bytes")
        return _refuse(
            path, "docx_too_big", size=_mb(refusal.size), limit=_mb(most), env=env_name("docx_bytes")
        )
    if refusal.kind == "unreadable":
        return _refuse(path, "file_unreadable", detail=refusal.detail)
    return _refuse(path, _KIND_CODES[refusal.kind])


def read_regular(path: Path) -> bytes:
    """The bytes of an ordinary file; a missing file, a folder, a pipe or a device is refused
    before it is read (:func:`fsutil.read_bounded`)."""
    try:
        return read_bounded(path)
    except FileRefused as refusal:
        raise _refused(path, refusal) from None


def read_file(path: Path) -> bytes:
    """The bytes of a DOCX file; a missing file, a folder, a pipe, a device or a file over the
    size limit is refused before it is read."""
    try:
        return read_bounded(path, limit("docx_bytes"))
    except FileRefused as refusal:
        raise _refused(path, refusal) from None


def _declared_parts(data: bytes) -> Optional[int]:
    """The number of parts the zip's end record declares (zip64 too), read before zipfile
    parses the directory entry by entry; None when there is no readable end record."""
    end = data.rfind(_EOCD, max(0, len(data) - 65536 - 22))
    if end < 0 or end + 22 > len(data):
        return None
    (count,) = struct.unpack_from("<H", data, end + 10)
    if count != 0xFFFF:
        return int(count)
    locator = end - 20  # a zip64 end record: its locator sits just before the classic one
    if locator < 0 or data[locator : locator + 4] != _EOCD64_LOCATOR:
        return None
    (record,) = struct.unpack_from("<Q", data, locator + 8)
    if record + 40 > len(data) or data[record : record + 4] != _EOCD64:
        return None
    (total,) = struct.unpack_from("<Q", data, record + 32)
    return int(total)


def _not_a_docx(path: Optional[Path], data: bytes) -> DocxError:
    if data.startswith(_OLE):
        return _refuse(path, "docx_ole")
    if data.startswith(b"PK"):
        return _refuse(path, "docx_truncated")
    return _refuse(path, "docx_not_zip")


class Package:
    """A DOCX whose size and zip directory are within the limits; its parts are read one by one."""

    def __init__(self, data: bytes, path: Optional[Path] = None) -> None:
        self.path = path
        _check_size(path, len(data))
        declared = _declared_parts(data)
        most = limit("docx_parts")
        if declared is not None and declared > most:
            raise _refuse(path, "docx_too_many_parts", count=declared, limit=most, env=env_name("docx_parts"))
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, struct.error):
            raise _not_a_docx(path, data) from None
        if len(infos) > most:
            raise _refuse(
                path, "docx_too_many_parts", count=len(infos), limit=most, env=env_name("docx_parts")
            )
        total, most_unpacked = sum(i.file_size for i in infos), limit("docx_unpacked_bytes")
        if total > most_unpacked:
            raise _refuse(
                path,
                "docx_unpacked_too_big",
                size=_mb(total),
                limit=_mb(most_unpacked),
                env=env_name("docx_unpacked_bytes"),
            )
        ratio = limit("docx_ratio")
        for info in infos:
            if info.flag_bits & 0x1:
                raise _refuse(path, "docx_encrypted")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _refuse(path, "docx_damaged", part=info.filename)
            if info.file_size > RATIO_FLOOR and info.file_size > ratio * max(info.compress_size, 1):
                raise _refuse(
                    path,
                    "docx_ratio",
                    part=info.filename,
                    ratio=info.file_size // max(info.compress_size, 1),
                    limit=ratio,
                    env=env_name("docx_ratio"),
                )
        self.names = [i.filename for i in infos]
        self._folded: dict[str, str] = {}  # part names are compared without case, as Word does
        for name in self.names:
            if name.lower() in self._folded:
                raise _refuse(path, "docx_duplicate_part", part=name)
            self._folded[name.lower()] = name
        self._main: Optional[str] = None
        self._types: Optional[tuple[dict[str, str], dict[str, str]]] = None

    def read(self, name: str) -> bytes:
        """One part's bytes, inflated in bounded steps: never more than the directory declared
        for it (which the limits were checked against). ``ZipFile.read`` would inflate a part
        whose declared size was forged small to its full size — gigabytes — before cutting it."""
        if name not in self.names:
            raise _refuse(self.path, "docx_no_document" if name == DOCUMENT else "docx_damaged", part=name)
        declared = self.zip.getinfo(name).file_size
        chunks, total = [], 0
        try:
            with self.zip.open(name) as stream:
                while True:
                    chunk = stream.read(min(_STEP, declared - total + 1))
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > declared:  # (zipfile stops at the declared size; this is a second guard)
                        raise _refuse(self.path, "docx_damaged", part=name)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError, struct.error):
            raise _refuse(self.path, "docx_damaged", part=name) from None
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element:
        """One part parsed as XML; a DOCTYPE (the carrier of entity attacks) is refused outright."""
        return parse_xml(self.read(name), self.path, name)

    def find(self, name: str) -> Optional[str]:
        """The stored name of the part called ``name`` (in any case), or None."""
        return self._folded.get(name.lower())

    def content_type(self, name: str) -> Optional[str]:
        """The content type [Content_Types].xml gives a part (by name, else by extension), or None."""
        if self._types is None:
            overrides: dict[str, str] = {}
            defaults: dict[str, str] = {}
            stored = self.find(CONTENT_TYPES)
            if stored is not None:
                for entry in self.xml(stored):
                    if entry.tag == f"{_TYPES_NS}Override":
                        overrides[entry.get("PartName", "").lower()] = entry.get("ContentType", "")
                    elif entry.tag == f"{_TYPES_NS}Default":
                        defaults[entry.get("Extension", "").lower()] = entry.get("ContentType", "")
            self._types = overrides, defaults
        overrides, defaults = self._types
        found = overrides.get("/" + name.lower())
        return found if found is not None else defaults.get(posixpath.splitext(name)[1].lstrip(".").lower())

    def main_part(self) -> str:
        """The name of the main document part: the target of the package's one officeDocument
        relationship in _rels/.rels, which Word, LibreOffice and python-docx open (whatever
        word/document.xml holds then is a decoy no program shows). A package without
        _rels/.rels, which no program opens, is read from word/document.xml."""
        if self._main is not None:
            return self._main
        rels = self.find(PACKAGE_RELS)
        if rels is None:
            name = self.find(DOCUMENT)
        else:
            mains = [
                r
                for r in self.xml(rels).iter(f"{_RELS_NS}Relationship")
                if r.get("Type") in _OFFICE_DOCUMENT and r.get("TargetMode", "Internal") == "Internal"
            ]
            if len(mains) > 1:
                raise _refuse(self.path, "docx_two_documents", count=len(mains))
            name = self.find(_part_name(mains[0].get("Target", ""))) if mains else None
        if name is None:
            raise _refuse(self.path, "docx_no_document")
        content_type = self.content_type(name)
        if content_type is not None and content_type not in MAIN_TYPES:
            raise _refuse(self.path, "docx_no_document")
        self._main = name
        return name

    def related(self, source: str, *, kind: Optional[str] = None, ident: Optional[str] = None) -> Optional[str]:
        """The part that the relationship of part ``source`` with id ``ident`` (or the first of
        type ``.../kind``) points to, when the package holds it; never a part outside the package
        (``..`` stops at its root) nor an external target."""
        folder, _, base = source.rpartition("/")
        rels = self.find(f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels")
        if rels is None:
            return None
        for rel in self.xml(rels).iter(f"{_RELS_NS}Relationship"):
            if rel.get("TargetMode", "Internal") != "Internal":
                continue
            if (ident is not None and rel.get("Id") == ident) or (
                ident is None and kind is not None and (rel.get("Type") or "").endswith("/" + kind)
            ):
                target = urllib.parse.unquote((rel.get("Target") or "").strip())
                joined = target if target.startswith("/") else posixpath.join("/", folder, target)
                return self.find(posixpath.normpath(joined).lstrip("/"))
        return None

    def check_parts(self) -> None:
        """Every part read: one that declares a DOCTYPE is refused, whatever its name, and every
        XML part (by name or content type: a reader parses it) must be well-formed."""
        for name in self.names:
            if name.endswith("/"):  # a folder entry
                continue
            data = self.read(name)
            content_type = self.content_type(name) or ""
            if name.lower().endswith((".xml", ".rels")) or content_type.endswith(("+xml", "/xml")):
                parse_xml(data, self.path, name)
            elif _declares_doctype(data):
                raise _refuse(self.path, "docx_doctype", part=name)


def _part_name(target: str) -> str:
    """The part a relationship of the package (whose source is its root) points to."""
    path = urllib.parse.unquote(target.strip())
    return posixpath.normpath(posixpath.join("/", path)).lstrip("/")


def _declares_doctype(data: bytes) -> bool:
    """Whether the prolog holds a DOCTYPE, seen before libxml2 reads (and expands) it."""
    head = data[:_PROLOG]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    elif head.startswith(b"<\x00"):
        text = head.decode("utf-16-le", errors="ignore")
    elif head.startswith(b"\x00<"):
        text = head.decode("utf-16-be", errors="ignore")
    else:  # UTF-8 or another ASCII-compatible encoding: the markup is ASCII either way
        text = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    at = 0
    while True:  # skip the XML declaration, processing instructions, comments and blanks
        while at < len(text) and text[at] in " \t\r\n\ufeff":
            at += 1
        if text.startswith("<?", at):
            end, step = text.find("?>", at + 2), 2
        elif text.startswith("<!--", at):
            end, step = text.find("-->", at + 4), 3
        else:
            return text.startswith("<!DOCTYPE", at)
        if end < 0:
            return False
        at = end + step


def parse_xml(data: bytes, path: Optional[Path], part: str) -> etree._Element:
    """XML from a DOCX part, with entities unresolved, no DTD, no network and libxml2's size caps."""
    if _declares_doctype(data):
        raise _refuse(path, "docx_doctype", part=part)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        detail = str(exc.msg or exc).splitlines()[0] if str(exc.msg or exc) else type(exc).__name__
        raise _refuse(path, "docx_xml", part=part, detail=detail) from None
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.doctype:
        raise _refuse(path, "docx_doctype", part=part)
    return root


def open_docx(source: Union[Path, bytes], name: Optional[Path] = None) -> Package:
    """A DOCX file (read with the size check first) or DOCX bytes, its zip directory checked.

    ``name`` labels bytes in messages (a file is labelled by its own path).
    """
    if isinstance(source, Path):
        return Package(read_file(source), source)
    return Package(source, name)
