"""DOCX input read as if hostile: `keputusan text FILE.docx` (git's textconv for every *.docx)
and every reader behind it refuse a broken, huge or hostile DOCX with one message naming the
file and what to do: exit 1, no traceback, nothing read that should not be, nothing written."""

from __future__ import annotations

import hashlib
import io
import os
import socket
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from keputusan import docxsafe
from keputusan.cli import main
from keputusan.docx_text import docx_lines
from keputusan.render_docx import TEMPLATE

W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCUMENT = b"<w:document " + W + b"><w:body><w:p><w:r><w:t>Halo</w:t></w:r></w:p></w:body></w:document>"
MB = 1024 * 1024


def package(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


def bomb(size: int, level: int = 1) -> bytes:
    """A DOCX whose document.xml inflates to ``size`` bytes of paragraphs, streamed through zipfile."""
    out = io.BytesIO()
    para = b"<w:p><w:r><w:t>lol</w:t></w:r></w:p>"
    chunk = para * (MB // len(para))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(b"<w:document " + W + b"><w:body>")
            written = 0
            while written < size:
                stream.write(chunk)
                written += len(chunk)
            stream.write(b"</w:body></w:document>")
    return out.getvalue()


def encrypted() -> bytes:
    """A zip whose part says it is encrypted (general purpose flag bit 0)."""
    data = bytearray(package({"word/document.xml": DOCUMENT}))
    at = 0
    while (at := data.find(b"PK\x03\x04", at)) >= 0:
        struct.pack_into("<H", data, at + 6, struct.unpack_from("<H", data, at + 6)[0] | 1)
        at += 4
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        struct.pack_into("<H", data, at + 8, struct.unpack_from("<H", data, at + 8)[0] | 1)
        at += 4
    return bytes(data)


def corrupted() -> bytes:
    """A stored part with one byte changed: its CRC no longer matches."""
    data = bytearray(package({"word/document.xml": DOCUMENT}, zipfile.ZIP_STORED))
    data[data.find(b"Halo")] = ord("J")
    return bytes(data)


def lying() -> bytes:
    """A part whose directory entry claims 100 bytes while it inflates to 5 MB."""
    big = (
        b"<w:document "
        + W
        + b"><w:body><w:p><w:r><w:t>"
        + b"a" * (5 * MB)
        + b"</w:t></w:r></w:p></w:body></w:document>"
    )
    data = bytearray(package({"word/document.xml": big}))
    struct.pack_into("<I", data, data.rfind(b"PK\x01\x02") + 24, 100)
    struct.pack_into("<I", data, data.rfind(b"PK\x03\x04") + 22, 100)
    return bytes(data)


XXE = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY host SYSTEM "file:///etc/hostname">]>'
    b"<w:document " + W + b"><w:body><w:p><w:r><w:t>&host;</w:t></w:r></w:p></w:body></w:document>"
)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]><w:document "
    + W
    + b"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)
UTF16_DOCTYPE = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'.encode(
    "utf-16"
)
DEEP = (
    b"<w:document " + W + b"><w:body>" + b"<w:sdt><w:sdtContent>" * 3000 + b"</w:sdtContent></w:sdt>" * 3000
)
DEEP += b"</w:body></w:document>"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"

# name -> (file contents, environment, message code, words of the English message)
CASES: dict[str, tuple[Callable[[], bytes], dict[str, str], str, str]] = {
    "text-file": (lambda: b"bukan docx", {}, "docx_not_zip", "is not a DOCX"),
    "empty": (lambda: b"", {}, "docx_not_zip", "Give a .docx file"),
    "png-renamed": (lambda: PNG, {}, "docx_not_zip", "is not a DOCX"),
    "truncated": (
        lambda: TEMPLATE.read_bytes()[:9000],
        {},
        "docx_truncated",
        "Copy or download the file again",
    ),
    "no-document": (
        lambda: package({"word/styles.xml": b"<x/>"}),
        {},
        "docx_no_document",
        "no word/document.xml",
    ),
    "no-body": (
        lambda: package({"word/document.xml": b"<w:document " + W + b"/>"}),
        {},
        "docx_no_document",
        "body",
    ),
    "not-wordml": (
        lambda: package({"word/document.xml": b"<html><body/></html>"}),
        {},
        "docx_no_document",
        "body",
    ),
    "malformed-xml": (
        lambda: package({"word/document.xml": b"<w:document " + W + b"><w:body><w:p>"}),
        {},
        "docx_xml",
        "not well-formed XML",
    ),
    "not-xml": (
        lambda: package({"word/document.xml": b"\x00\x01 binary"}),
        {},
        "docx_xml",
        "Save the document again",
    ),
    "external-entity": (
        lambda: package({"word/document.xml": XXE}),
        {},
        "docx_doctype",
        "declares a DOCTYPE",
    ),
    "billion-laughs": (
        lambda: package({"word/document.xml": LAUGHS}),
        {},
        "docx_doctype",
        "Do not use this file",
    ),
    "utf16-doctype": (lambda: package({"word/document.xml": UTF16_DOCTYPE}), {}, "docx_doctype", "DOCTYPE"),
    "too-deep": (lambda: package({"word/document.xml": DEEP}), {}, "docx_xml", "depth"),
    "ratio-bomb": (
        lambda: package({"word/document.xml": b"<w:document " + W + b"><w:body>" + b" " * (8 * MB)}),
        {},
        "docx_ratio",
        "KEPUTUSAN_MAX_DOCX_RATIO",
    ),
    "unpacked-bomb": (
        lambda: bomb(3 * MB),
        {"KEPUTUSAN_MAX_DOCX_UNPACKED_BYTES": str(2 * MB)},
        "docx_unpacked_too_big",
        "KEPUTUSAN_MAX_DOCX_UNPACKED_BYTES",
    ),
    "too-many-parts": (
        lambda: package({f"word/media/image{i}.png": PNG for i in range(20)}),
        {"KEPUTUSAN_MAX_DOCX_PARTS": "10"},
        "docx_too_many_parts",
        "KEPUTUSAN_MAX_DOCX_PARTS",
    ),
    "too-big": (
        lambda: TEMPLATE.read_bytes(),
        {"KEPUTUSAN_MAX_DOCX_BYTES": "1000"},
        "docx_too_big",
        "KEPUTUSAN_MAX_DOCX_BYTES",
    ),
    "encrypted-zip": (encrypted, {}, "docx_encrypted", "without a password"),
    "password-protected-word": (lambda: OLE, {}, "docx_ole", "without a password"),
    "crc-mismatch": (corrupted, {}, "docx_damaged", "damaged"),
    "lying-directory": (lying, {}, "docx_damaged", "damaged"),
    "bzip2-part": (
        lambda: package({"word/document.xml": DOCUMENT}, zipfile.ZIP_BZIP2),
        {},
        "docx_damaged",
        "damaged",
    ),
}


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


def text(path: Path, env: dict[str, str]) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(main, ["--lang", "en", "text", str(path)], env=env)
    return result.exit_code, result.stdout + result.stderr, result.exception


@pytest.mark.parametrize("name", sorted(CASES))
def test_text_refuses_with_a_located_message(name: str, tmp_path: Path) -> None:
    make, env, code, words = CASES[name]
    path = tmp_path / f"{name}.docx"
    path.write_bytes(make())
    before = tree(tmp_path)
    start = time.perf_counter()
    exit_code, out, exc = text(path, env)
    assert time.perf_counter() - start < 2
    assert exit_code == 1 and isinstance(exc, SystemExit), out
    assert out.startswith(f"{path}: error: "), out
    assert words in out and out.rstrip().endswith(".")
    assert "Traceback" not in out and len(out.splitlines()) == 1
    assert tree(tmp_path) == before
    with pytest.raises(docxsafe.DocxError) as refused:
        for key, value in env.items():
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv(key, value)
                docx_lines(path)
        if not env:
            docx_lines(path)
    [problem] = refused.value.problems
    assert (problem.code, problem.path) == (code, path)


def test_external_entity_never_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "xxe.docx"
    path.write_bytes(package({"word/document.xml": XXE}))
    _, out, _ = text(path, {})
    hostname = (
        Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else socket.gethostname()
    )
    assert hostname and hostname not in out


def test_external_entity_unread_even_past_the_doctype_check() -> None:
    """The parser itself resolves nothing: without the DOCTYPE refusal, the entity stays unexpanded."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    root = etree.fromstring(XXE, parser)
    assert etree.tostring(root).count(b"&host;") == 1  # an unexpanded reference, nothing read


def _deflated(data: bytes, mode: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(mode)


@pytest.fixture(scope="module")
def real_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The issue's shape: a 0.9 MB DOCX whose document.xml inflates to 300 MB of paragraphs.

    Built in 0.05 s rather than by deflating 300 MB: a megabyte of paragraphs is
    deflated once, ending on a full flush (so it refers to nothing before it), and
    repeated; the CRC is computed over the real inflated bytes, so a reader that
    inflates it gets 300 MB and a matching checksum.
    """
    para = b"<w:p><w:r><w:t>lol</w:t></w:r></w:p>"
    chunk = para * (MB // len(para))
    head, tail, count = b"<w:document " + W + b"><w:body>", b"</w:body></w:document>", 300
    packed = (
        _deflated(head, zlib.Z_FULL_FLUSH)
        + _deflated(chunk, zlib.Z_FULL_FLUSH) * count
        + _deflated(tail, zlib.Z_FINISH)
    )
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(chunk) * count + len(tail)
    name = b"word/document.xml"
    fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(packed), size)
    local = b"PK\x03\x04" + fields + struct.pack("<HH", len(name), 0) + name
    central = (
        b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, 0)
    )
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 1, 1, len(central + name), len(local + packed), 0)
    path = tmp_path_factory.mktemp("bomb") / "bomb.docx"
    path.write_bytes(local + packed + central + name + end)
    return path


def test_real_size_zip_bomb_refused_from_the_directory(real_bomb: Path) -> None:
    assert real_bomb.stat().st_size < 1 * MB
    assert zipfile.ZipFile(real_bomb).getinfo("word/document.xml").file_size > 299 * MB
    start = time.perf_counter()
    exit_code, out, _ = text(real_bomb, {})
    elapsed = time.perf_counter() - start
    assert exit_code == 1
    assert "unpacks to 300.0 MB, more than the 100.0 MB allowed" in out
    assert elapsed < 0.5, elapsed


def test_real_size_zip_bomb_refused_by_ratio_when_size_allowed(
    real_bomb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEPUTUSAN_MAX_DOCX_UNPACKED_BYTES", str(1024 * MB))
    start = time.perf_counter()
    with pytest.raises(docxsafe.DocxError) as refused:
        docx_lines(real_bomb)
    assert time.perf_counter() - start < 0.5
    assert refused.value.problems[0].code == "docx_ratio"


def test_folder_and_missing_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    exit_code, out, _ = text(folder, {})
    assert (
        exit_code == 1 and out == f"{folder}: error: This is a folder, not a file. Give the path of a file.\n"
    )
    exit_code, out, _ = text(tmp_path / "nope.docx", {})
    assert exit_code == 1 and out.startswith(f"{tmp_path / 'nope.docx'}: error: File not found.")


def test_a_good_docx_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "ok.docx"
    path.write_bytes(package({"word/document.xml": DOCUMENT}))
    exit_code, out, _ = text(path, {})
    assert (exit_code, out) == (0, "Halo\n")
    exit_code, out, _ = text(TEMPLATE, {})
    assert exit_code == 0 and "{{r ttd.nama }}" in out


def test_bytes_keep_working_and_are_labelled(tmp_path: Path) -> None:
    """verify and the archive hand bytes to docx_lines: good bytes read, bad bytes name the label."""
    assert docx_lines(package({"word/document.xml": DOCUMENT})) == ["Halo"]
    with pytest.raises(docxsafe.DocxError) as refused:
        docx_lines(b"not a zip", tmp_path / "built.docx")
    assert refused.value.problems[0].path == tmp_path / "built.docx"


def test_limits_are_overridable_per_call(monkeypatch: pytest.MonkeyPatch) -> None:
    data = bomb(MB // 2)
    assert docx_lines(data)[:1] == ["lol"]
    monkeypatch.setenv("KEPUTUSAN_MAX_DOCX_UNPACKED_BYTES", str(MB // 2))
    with pytest.raises(docxsafe.DocxError):
        docx_lines(data)


def test_many_parts_refused_before_zipfile_reads_the_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    """The end record's count is read first: 5,000 entries are refused without parsing 5,000 headers."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for i in range(5_000):
            z.writestr(f"p{i}", b"")
    data = out.getvalue()
    start = time.perf_counter()
    with pytest.raises(docxsafe.DocxError) as refused:
        docxsafe.Package(data)
    assert time.perf_counter() - start < 0.05
    assert refused.value.problems[0].params["count"] == 5_000


def test_zip64_part_count_read_from_its_end_record() -> None:
    """More than 65,535 parts: the count is in the zip64 end record, read without zipfile."""
    record = b"PK\x06\x06" + struct.pack("<QHHIIQQQQ", 44, 45, 45, 0, 0, 70_000, 70_000, 0, 0)
    locator = b"PK\x06\x07" + struct.pack("<IQI", 0, 0, 1)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    with pytest.raises(docxsafe.DocxError) as refused:
        docxsafe.Package(record + locator + end)
    [problem] = refused.value.problems
    assert (problem.code, problem.params["count"]) == ("docx_too_many_parts", 70_000)


# --------------------------------------------------------------------------- the outside attack (findings 3, 4)

OFFICE_DOCUMENT = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def rels(*targets: bytes) -> bytes:
    return (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + b"".join(
            b'<Relationship Id="rId%d" Type="%s" Target="%s"/>' % (i, OFFICE_DOCUMENT, t)
            for i, t in enumerate(targets, 1)
        )
        + b"</Relationships>"
    )


def body(text: str) -> bytes:
    return (
        b"<w:document "
        + W
        + b"><w:body><w:p><w:r><w:t>"
        + text.encode()
        + b"</w:t></w:r></w:p></w:body></w:document>"
    )


@pytest.fixture(scope="module")
def seed_docx() -> tuple[bytes, bytes]:
    """The seed's DOCX and PDF, as a build writes them."""
    from keputusan import render_pdf
    from keputusan.layout import layout
    from keputusan.load import load
    from keputusan.render_docx import render

    from .conftest import SEED

    decree = load(SEED)
    return render(layout(decree)), render_pdf.render(layout(decree))[0]


def decoy(data: bytes) -> bytes:
    """Finding 3's file: the main part (as _rels/.rels says) is word/real.xml, with changed words;
    the original word/document.xml is left beside it as a decoy."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: source.read(n) for n in source.namelist()}
    parts["word/real.xml"] = parts["word/document.xml"].replace(
        b"PENYESUAIAN INDIKATOR", b"PEMBERHENTIAN SEMUA PEGAWAI", 1
    )
    parts["word/_rels/real.xml.rels"] = parts["word/_rels/document.xml.rels"]
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        b'Target="word/document.xml"', b'Target="word/real.xml"'
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b'PartName="/word/document.xml"', b'PartName="/word/real.xml"'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


def test_text_reads_the_part_word_shows_not_a_decoy(seed_docx: tuple[bytes, bytes], tmp_path: Path) -> None:
    """Finding 3: `text` (git diff's textconv) read word/document.xml by name, so a DOCX whose
    real main part was changed showed the original words."""
    import docx

    path = tmp_path / "decoy.docx"
    path.write_bytes(decoy(seed_docx[0]))
    shown = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)  # what Word and python-docx show
    assert "PEMBERHENTIAN SEMUA PEGAWAI" in shown
    exit_code, out, _ = text(path, {})
    assert exit_code == 0 and "PEMBERHENTIAN SEMUA PEGAWAI KINERJA UTAMA" in out


def test_verify_build_compares_the_part_word_shows(seed_docx: tuple[bytes, bytes], tmp_path: Path) -> None:
    """Finding 3: verify-build said the decoy and the original PDF hold the same words."""
    data, pdf = seed_docx
    (tmp_path / "sk.docx").write_bytes(decoy(data))
    (tmp_path / "sk.pdf").write_bytes(pdf)
    result = CliRunner().invoke(main, ["--lang", "en", "verify-build", str(tmp_path / "sk.docx")])
    assert result.exit_code == 1
    assert "PEMBERHENTIAN" in result.stderr and "PENYESUAIAN" in result.stderr
    (tmp_path / "sk.docx").write_bytes(data)
    assert (
        CliRunner().invoke(main, ["--lang", "en", "verify-build", str(tmp_path / "sk.docx")]).exit_code == 0
    )


def _duplicated(first: bytes, second: bytes, second_name: str = "word/document.xml") -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w") as z,
        pytest.warns(UserWarning, match="Duplicate name")
        if (second_name == "word/document.xml")
        else _no_warning(),
    ):
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("word/document.xml", first)
        z.writestr(second_name, second)
    return out.getvalue()


class _no_warning:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


AMBIGUOUS: dict[str, tuple[Callable[[], bytes], str]] = {
    "same-name-twice": (lambda: _duplicated(body("Halo"), body("Bukan")), "docx_duplicate_part"),
    "same-name-other-case": (
        lambda: _duplicated(body("Halo"), body("Bukan"), "Word/Document.xml"),
        "docx_duplicate_part",
    ),
    "two-main-documents": (
        lambda: package(
            {
                "_rels/.rels": rels(b"word/document.xml", b"word/b.xml"),
                "word/document.xml": DOCUMENT,
                "word/b.xml": body("b"),
            }
        ),
        "docx_two_documents",
    ),
    "main-part-missing": (
        lambda: package({"_rels/.rels": rels(b"word/gone.xml"), "word/document.xml": DOCUMENT}),
        "docx_no_document",
    ),
    "main-part-not-word": (
        lambda: _typed(b"application/xml"),
        "docx_no_document",
    ),
}


def _typed(content_type: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Override PartName="/word/document.xml" ContentType="' + content_type + b'"/></Types>',
        )
        z.writestr("_rels/.rels", rels(b"word/document.xml"))
        z.writestr("word/document.xml", DOCUMENT)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(AMBIGUOUS))
def test_an_ambiguous_package_is_refused(name: str, tmp_path: Path) -> None:
    """Finding 3: a part named twice (zipfile reads the last, another program the first), or a
    package naming two main documents, could show different words in different programs."""
    make, code = AMBIGUOUS[name]
    path = tmp_path / f"{name}.docx"
    path.write_bytes(make())
    exit_code, out, exc = text(path, {})
    assert exit_code == 1 and isinstance(exc, SystemExit), out
    assert out.startswith(f"{path}: error: ") and len(out.splitlines()) == 1 and "Traceback" not in out
    with pytest.raises(docxsafe.DocxError) as refused:
        docx_lines(path)
    assert refused.value.problems[0].code == code


def test_the_main_part_is_found_as_word_finds_it() -> None:
    """Relative, absolute, ./-prefixed and differently cased targets, and a Word main content type."""
    for target in (b"word/document.xml", b"/word/document.xml", b"./word/../word/Document.xml"):
        assert docx_lines(package({"_rels/.rels": rels(target), "word/document.xml": DOCUMENT})) == ["Halo"]
    assert docx_lines(_typed(MAIN_TYPE)) == ["Halo"]


def _cli(*args: str) -> subprocess.Popen[str]:
    """The command line in a process of its own: a read that blocks is killed by the caller."""
    code = "import sys; from keputusan.cli import main; sys.exit(main(['--lang', 'en', *sys.argv[1:]]))"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_or_a_device_is_never_read(tmp_path: Path, seed_docx: tuple[bytes, bytes]) -> None:
    """Finding 4: a pipe named *.docx hung `text`, `template check` and `build --template` for
    good; verify-build called it missing; /dev/zero was read for 50 MB."""
    from .conftest import SEED

    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    (tmp_path / "sk.docx").write_bytes(seed_docx[0])
    os.mkfifo(tmp_path / "sk.pdf")
    runs = [
        (pipe, _cli("text", str(pipe))),
        (pipe, _cli("template", "check", str(pipe))),
        (pipe, _cli("build", str(SEED), "-o", str(tmp_path / "out"), "--template", str(pipe))),
        (tmp_path / "sk.pdf", _cli("verify-build", str(tmp_path / "sk.docx"))),
        (Path("/dev/zero"), _cli("template", "check", "/dev/zero")),
    ]
    try:
        for path, process in runs:
            out, err = process.communicate(timeout=20)
            assert process.returncode == 1, (path, out, err)
            assert f"{path}: error: This is not an ordinary file (a device or a pipe)." in err, err
            assert "Traceback" not in err
    finally:
        for _, process in runs:
            process.kill()
    assert not (tmp_path / "out").exists()


def _forge_declared_size(data: bytes, name: bytes, size: int) -> bytes:
    """The package with ``name``'s uncompressed size rewritten to ``size`` in its local header
    and in the central directory (sizes a zip's reader has to trust)."""
    out = bytearray(data)
    for signature, offset, length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            length = struct.unpack_from("<H", out, start + length_at)[0]
            if out[start + name_at : start + name_at + length] == name:
                struct.pack_into("<I", out, start + offset, size)
            start += 4
    return bytes(out)


def test_a_forged_small_size_does_not_make_the_reader_inflate_the_whole_part() -> None:
    """A part that inflates to 100 MB but whose directory says 5,000 bytes passed the size and
    ratio checks, and ZipFile.read then inflated all of it (1 GB took 2.1 GB of memory)."""
    import tracemalloc

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (100 * 1024 * 1024))
    forged = _forge_declared_size(out.getvalue(), b"word/document.xml", 5000)
    assert zipfile.ZipFile(io.BytesIO(forged)).getinfo("word/document.xml").file_size == 5000
    tracemalloc.start()
    try:
        with pytest.raises(docxsafe.DocxError) as caught:
            docx_lines(forged, name=Path("palsu.docx"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [p.code for p in caught.value.problems] == ["docx_damaged"]
    assert peak < 20 * 1024 * 1024, f"inflated {peak / 1e6:.0f} MB"
