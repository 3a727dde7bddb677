"""Hostile and careless inputs, across content, paths, register, templates and DOCX input.

Each case runs the command as a user types it, in a scratch project, and must
give exit 1, a message naming the file and saying what to do, no traceback,
and leave every file the user had exactly as it was (the whole project folder
is hashed before and after; a refused command creates nothing either).
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import shutil
import sqlite3
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pytest
from click.testing import CliRunner

from keputusan.cli import main

from .conftest import CONTENT, MINIMAL, ROOT, SEED

SECRET = "root:$6$Zq9sEcReTpAsSwOrDhAsH:19000:0:99999:7:::"


@dataclass
class Case:
    """A command and what its refusal must mention (a file name, usually)."""

    args: list[str]
    mentions: list[str]
    env: dict[str, str] = field(default_factory=dict)
    never: list[str] = field(default_factory=list)  # text that must not appear (secrets)
    patch: Optional[Callable[[pytest.MonkeyPatch], None]] = None


def _png(width: int, height: int, body: bytes = b"") -> bytes:
    """A PNG signature and IHDR chunk claiming ``width`` x ``height``, then ``body``."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + body


def _docx_with(document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document_xml)
    return out.getvalue()


def _set_profile_line(project: Path, old: str, new: str) -> None:
    profile = project / "content" / "profiles" / "bkpsdm-balangan.yaml"
    text = profile.read_text(encoding="utf-8")
    assert old in text
    profile.write_text(text.replace(old, new), encoding="utf-8")


def _decree(project: Path, name: str, text: str = MINIMAL) -> Path:
    path = project / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _fail_writes(error: int) -> Callable[[pytest.MonkeyPatch], None]:
    """Every new file fails as on a read-only folder or a full disk (the tests run as root in CI,
    where permissions do not stop a write)."""

    def patch(monkeypatch: pytest.MonkeyPatch) -> None:
        import tempfile

        def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
            raise OSError(error, os.strerror(error), str(kwargs.get("dir", "")))

        monkeypatch.setattr(tempfile, "mkstemp", refuse)

    return patch


# --------------------------------------------------------------------------- the cases
# Each builder gets the project folder (cwd) and returns the Case.


def big_content(p: Path) -> Case:
    path = _decree(p, "besar.yaml", MINIMAL + "# " + "x" * (5 * 1024 * 1024) + "\n")
    return Case(["check", str(path)], ["besar.yaml", "KEPUTUSAN_MAX_CONTENT_BYTES"])


def big_profile(p: Path) -> Case:
    profile = p / "content" / "profiles" / "bkpsdm-balangan.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "#" * (6 * 1024 * 1024), encoding="utf-8")
    path = _decree(p, "a.yaml")
    return Case(["check", str(path)], ["bkpsdm-balangan.yaml"])


def folder_named_yaml(p: Path) -> Case:
    (p / "content" / "x.yaml").mkdir()
    return Case(["check", "content/x.yaml"], ["x.yaml"])


def empty_folder_check(p: Path) -> Case:
    (p / "kosong").mkdir()
    return Case(["check", "kosong"], ["kosong"])


def empty_folder_build(p: Path) -> Case:
    (p / "kosong").mkdir()
    return Case(["build", "kosong", "-o", "keluaran"], ["kosong"])


def missing_file(p: Path) -> Case:
    return Case(["build", "content/tidak-ada.yaml"], ["tidak-ada.yaml"])


def not_utf8(p: Path) -> Case:
    path = p / "content" / "latin1.yaml"
    path.write_bytes(MINIMAL.replace("UJI COBA", "UJI CÖBA").encode("latin-1"))
    return Case(["build", str(path), "-o", "keluaran"], ["latin1.yaml"])


def binary_as_yaml(p: Path) -> Case:
    path = p / "content" / "gambar.yaml"
    path.write_bytes(_png(10, 10, os.urandom(200)))
    return Case(["check", str(path)], ["gambar.yaml"])


def billion_laughs_yaml(p: Path) -> Case:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(
            f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)}]"
        )
    path = _decree(p, "tawa.yaml", "\n".join(lines) + "\n")
    return Case(["check", str(path)], ["tawa.yaml"])


def tabs_yaml(p: Path) -> Case:
    path = _decree(p, "tab.yaml", MINIMAL.replace("  - bahwa", "\t- bahwa"))
    return Case(["build", str(path), "-o", "keluaran"], ["tab.yaml:"])


def top_level_list(p: Path) -> Case:
    path = _decree(p, "daftar.yaml", "- profil: x\n- tentang: y\n")
    return Case(["check", str(path)], ["daftar.yaml:1:1"])


def template_tags_in_a_key(p: Path) -> Case:
    path = _decree(p, "kunci.yaml", MINIMAL + "'{{ cycler.__init__ }}': 1\n")
    return Case(["build", str(path), "-o", "keluaran"], ["kunci.yaml:"])


def profile_outside_tree(p: Path) -> Case:
    secret = p.parent / "secret"
    secret.mkdir()
    (secret / "shadow").write_text(SECRET + "\n", encoding="utf-8")
    path = _decree(p, "curang.yaml", MINIMAL.replace("profiles/bkpsdm-balangan.yaml", "../../secret/shadow"))
    return Case(["check", str(path)], ["curang.yaml:1:"], never=["Zq9sEcReT", "19000:0:99999"])


def profile_absolute(p: Path) -> Case:
    path = _decree(p, "mutlak.yaml", MINIMAL.replace("profiles/bkpsdm-balangan.yaml", "/etc/passwd"))
    return Case(["check", str(path)], ["mutlak.yaml:1:"], never=["root:"])


def profile_symlink_out(p: Path) -> Case:
    secret = p.parent / "secret.yaml"
    secret.write_text("nama: rahasia\npassword: " + SECRET + "\n", encoding="utf-8")
    (p / "content" / "profiles" / "tautan.yaml").symlink_to(secret)
    path = _decree(p, "tautan.yaml", MINIMAL.replace("bkpsdm-balangan.yaml", "tautan.yaml"))
    return Case(["check", str(path)], ["tautan.yaml:1:"], never=["Zq9sEcReT"])


def profile_not_a_profile(p: Path) -> Case:
    (p / "content" / "catatan.yaml").write_text(f"pengguna: admin\nsandi: '{SECRET}'\n", encoding="utf-8")
    path = _decree(p, "bukan.yaml", MINIMAL.replace("profiles/bkpsdm-balangan.yaml", "catatan.yaml"))
    return Case(
        ["check", str(path)], ["bukan.yaml:1:", "catatan.yaml"], never=["Zq9sEcReT", "sandi", "pengguna"]
    )


def profile_not_yaml(p: Path) -> Case:
    (p / "content" / "profiles" / "kunci.txt").write_text(SECRET, encoding="utf-8")
    path = _decree(p, "txt.yaml", MINIMAL.replace("bkpsdm-balangan.yaml", "kunci.txt"))
    return Case(["check", str(path)], ["txt.yaml:1:"], never=["Zq9sEcReT"])


def profile_is_folder(p: Path) -> Case:
    path = _decree(p, "folder.yaml", MINIMAL.replace("profiles/bkpsdm-balangan.yaml", "profiles"))
    return Case(["build", str(path), "-o", "keluaran"], ["folder.yaml:1:"])


def emblem_outside(p: Path) -> Case:
    _set_profile_line(p, "lambang: lambang-placeholder.png", "lambang: ../../../etc/hostname")
    return Case(["check", "content/"], ["bkpsdm-balangan.yaml:9:"])


def emblem_not_image(p: Path) -> Case:
    (p / "content" / "profiles" / "lambang-placeholder.png").write_text("bukan gambar", encoding="utf-8")
    return Case(["check", "content/"], ["bkpsdm-balangan.yaml:9:"])


def emblem_truncated(p: Path) -> Case:
    emblem = p / "content" / "profiles" / "lambang-placeholder.png"
    emblem.write_bytes(emblem.read_bytes()[:300])
    _decree(p, "a.yaml")
    return Case(["build", "content/a.yaml", "-o", "keluaran"], ["bkpsdm-balangan.yaml:9:", "a.yaml"])


def emblem_corrupt_jpeg(p: Path) -> Case:
    emblem = p / "content" / "profiles" / "lambang.jpg"
    emblem.write_bytes(
        b"\xff\xd8\xff\xc0\x00\x11\x08\x00\x10\x00\x10\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01" + b"\x00" * 64
    )
    _set_profile_line(p, "lambang: lambang-placeholder.png", "lambang: lambang.jpg")
    _decree(p, "a.yaml")
    return Case(["build", "content/a.yaml", "-o", "keluaran"], ["bkpsdm-balangan.yaml:9:"])


def emblem_huge_pixels(p: Path) -> Case:
    (p / "content" / "profiles" / "lambang-placeholder.png").write_bytes(_png(20000, 20000))
    return Case(
        ["build", "content/", "-o", "keluaran"], ["bkpsdm-balangan.yaml:9:", "KEPUTUSAN_MAX_IMAGE_PIXELS"]
    )


def emblem_huge_file(p: Path) -> Case:
    (p / "content" / "profiles" / "lambang-placeholder.png").write_bytes(
        _png(100, 100, b"\0" * (21 * 1024 * 1024))
    )
    return Case(["check", "content/"], ["bkpsdm-balangan.yaml:9:", "KEPUTUSAN_MAX_IMAGE_BYTES"])


def same_name_two_folders(p: Path) -> Case:
    _decree(p, "A/sama.yaml", MINIMAL.replace("profiles/", "../profiles/"))
    _decree(p, "B/sama.yaml", MINIMAL.replace("profiles/", "../profiles/").replace("UJI COBA", "LAIN"))
    return Case(
        ["build", "content/A/sama.yaml", "content/B/sama.yaml", "-o", "keluaran", "-j", "4"],
        ["A/sama.yaml", "B/sama.yaml"],
    )


def yaml_and_yml(p: Path) -> Case:
    _decree(p, "sk.yaml")
    _decree(p, "SK.yml")
    return Case(["build", "content/sk.yaml", "content/SK.yml", "-o", "keluaran"], ["sk.yaml", "SK.yml"])


def output_under_a_file(p: Path) -> Case:
    (p / "berkas").write_text("isi", encoding="utf-8")
    return Case(["build", "content/", "-o", "berkas/keluaran"], ["berkas/keluaran"])


def output_read_only(p: Path) -> Case:
    return Case(["build", "content/", "-o", "keluaran"], ["keluaran"], patch=_fail_writes(errno.EACCES))


def disk_full(p: Path) -> Case:
    (p / "keluaran").mkdir()
    (p / "keluaran" / "lama.docx").write_bytes(b"sudah ada")
    return Case(["build", "content/", "-o", "keluaran"], ["keluaran"], patch=_fail_writes(errno.ENOSPC))


def redline_under_a_file(p: Path) -> Case:
    (p / "berkas").write_text("isi", encoding="utf-8")
    seed = "content/kpts-800-1199-2023-iku-iki.yaml"
    return Case(["diff", seed, seed, "-o", "berkas/merah.docx"], ["berkas/merah.docx"])


def _git_repo(p: Path) -> None:
    import subprocess

    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "awal"]):
        subprocess.run(["git", *command], cwd=p, check=True, env=env, capture_output=True)


def rev_is_an_option(p: Path) -> Case:
    _git_repo(p)
    return Case(
        ["diff", "content/kpts-800-1199-2023-iku-iki.yaml", "--rev", f"--output={p / 'suntik'}"],
        ["--output="],
    )


def rev_unknown(p: Path) -> Case:
    _git_repo(p)
    return Case(
        ["diff", "content/kpts-800-1199-2023-iku-iki.yaml", "--rev", "tidak-ada-cabang"], ["tidak-ada-cabang"]
    )


def lone_surrogate(p: Path) -> Case:
    """A double-quoted escape makes a character that cut the DOCX short after "Teks X"."""
    text = MINIMAL.replace("  - Keputusan ini", '  - "Teks X\\ud800Y akhir"\n  - Keputusan ini')
    path = _decree(p, "surrogat.yaml", text)
    return Case(["build", str(path), "-o", "keluaran"], ["surrogat.yaml:8:", "U+D800"])


def bidi_override(p: Path) -> Case:
    """Word would show "Rp 500.000" where the text says "Rp 000.005"."""
    text = MINIMAL.replace(
        "  - Keputusan ini", '  - "Tunjangan Rp \\u202e000.005\\u202c per bulan."\n  - Keputusan ini'
    )
    path = _decree(p, "arah.yaml", text)
    return Case(["check", str(path)], ["arah.yaml:8:", "U+202E"])


def text_too_long(p: Path) -> Case:
    text = MINIMAL.replace("  - Keputusan ini", "  - " + "Abcd " * 5000 + "\n  - Keputusan ini")
    path = _decree(p, "panjang.yaml", text)
    return Case(["build", str(path), "-o", "keluaran"], ["panjang.yaml:8:", "KEPUTUSAN_MAX_TEXT_CHARS"])


def device_as_content(p: Path) -> Case:
    return Case(["check", "/dev/zero"], ["/dev/zero"])


def device_in_diff(p: Path) -> Case:
    return Case(["diff", "/dev/zero", "content/kpts-800-1199-2023-iku-iki.yaml"], ["/dev/zero"])


def redline_over_the_content(p: Path) -> Case:
    seed = "content/kpts-800-1199-2023-iku-iki.yaml"
    return Case(["diff", seed, seed, "-o", seed], [seed])


def redline_over_a_profile_named_docx(p: Path) -> Case:
    (p / "catatan.docx").write_text("catatan pribadi, bukan DOCX", encoding="utf-8")
    seed = "content/kpts-800-1199-2023-iku-iki.yaml"
    return Case(["diff", seed, seed, "-o", "catatan.docx"], ["catatan.docx"])


def summary_over_notes(p: Path) -> Case:
    (p / "CATATAN.md").write_text("# catatan rapat\n", encoding="utf-8")
    seed = "content/kpts-800-1199-2023-iku-iki.yaml"
    return Case(["diff", seed, seed, "-o", "CATATAN.docx", "--summary"], ["CATATAN.md"])


def emblem_cmyk_jpeg(p: Path) -> Case:
    from PIL import Image

    emblem = p / "content" / "profiles" / "lambang-placeholder.png"
    Image.open(emblem).convert("CMYK").save(p / "content" / "profiles" / "cmyk.jpg")
    _set_profile_line(p, "lambang: lambang-placeholder.png", "lambang: cmyk.jpg")
    return Case(["check", "content/"], ["bkpsdm-balangan.yaml:9:", "cmyk.jpg"])


def emblem_one_pixel_wide(p: Path) -> Case:
    (p / "content" / "profiles" / "lambang-placeholder.png").write_bytes(_png(1, 49_000_000))
    return Case(["check", "content/"], ["bkpsdm-balangan.yaml:9:"])


def profile_backslashes(p: Path) -> Case:
    path = _decree(p, "windows.yaml", MINIMAL.replace("profiles/bkpsdm", "profiles\\bkpsdm"))
    return Case(["check", str(path)], ["windows.yaml:1:"])


# templates


def _template(p: Path, transform: Callable[[str], str]) -> Path:
    source = ROOT / "templates" / "keputusan.docx"
    target = p / "templat.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "word/document.xml":
                data = transform(data.decode("utf-8")).encode("utf-8")
            new.writestr(item, data)
    return target


def template_runs_code(p: Path) -> Case:
    marker = p / "dijalankan"
    attack = "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}"
    template = _template(p, lambda xml: xml.replace("{{ kop.lambang }}", "{{ kop.lambang }}" + attack, 1))
    return Case(["build", "content/", "-o", "keluaran", "--template", str(template)], ["templat.docx"])


def template_check_runs_code(p: Path) -> Case:
    case = template_runs_code(p)
    return Case(["template", "check", case.args[-1]], ["templat.docx"])


def template_unclosed(p: Path) -> Case:
    template = _template(p, lambda xml: xml.replace("}}", "", 1))
    return Case(["build", "content/", "-o", "keluaran", "--template", str(template)], ["templat.docx"])


def template_not_docx(p: Path) -> Case:
    template = p / "templat.docx"
    template.write_bytes(_png(10, 10))
    return Case(["build", "content/", "-o", "keluaran", "--template", str(template)], ["templat.docx"])


def template_is_folder(p: Path) -> Case:
    (p / "templat.docx").mkdir()
    return Case(["build", "content/", "-o", "keluaran", "--template", "templat.docx"], ["templat.docx"])


def template_missing(p: Path) -> Case:
    return Case(["build", "content/", "-o", "keluaran", "--template", "tidak-ada.docx"], ["tidak-ada.docx"])


# DOCX given to `keputusan text`


def docx_not_zip(p: Path) -> Case:
    (p / "rusak.docx").write_bytes(b"bukan zip sama sekali")
    return Case(["text", "rusak.docx"], ["rusak.docx"])


def docx_truncated(p: Path) -> Case:
    data = (ROOT / "templates" / "keputusan.docx").read_bytes()
    (p / "terpotong.docx").write_bytes(data[: len(data) // 2])
    return Case(["text", "terpotong.docx"], ["terpotong.docx"])


def docx_no_document(p: Path) -> Case:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    (p / "kosong.docx").write_bytes(out.getvalue())
    return Case(["text", "kosong.docx"], ["kosong.docx"])


def docx_malformed_xml(p: Path) -> Case:
    (p / "xml.docx").write_bytes(_docx_with(b"<w:document><w:body><w:p>"))
    return Case(["text", "xml.docx"], ["xml.docx"])


def docx_external_entity(p: Path) -> Case:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    (p / "xxe.docx").write_bytes(_docx_with(xml))
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else "\0"
    return Case(["text", "xxe.docx"], ["xxe.docx"], never=[hostname] if len(hostname) > 3 else [])


def docx_billion_laughs(p: Path) -> Case:
    entities = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>"
    )
    (p / "tawa.docx").write_bytes(_docx_with(xml.encode()))
    return Case(["text", "tawa.docx"], ["tawa.docx"])


def docx_zip_bomb(p: Path) -> Case:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as handle:
            chunk = b" " * (1024 * 1024)
            for _ in range(40):
                handle.write(chunk)
    (p / "bom.docx").write_bytes(out.getvalue())
    return Case(["text", "bom.docx"], ["bom.docx"])


def docx_is_folder(p: Path) -> Case:
    (p / "map.docx").mkdir()
    return Case(["text", "map.docx"], ["map.docx"])


# the register


def _draft(p: Path) -> Path:
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("status: ditetapkan", "status: draf")
    text = text.replace("nomor: 800/1199/Kpts/Ka/BKPSDM/2023\n", "").replace("tanggal: 2023-09-22\n", "")
    return _decree(p, "draf.yaml", text)


def register_typo_list(p: Path) -> Case:
    return Case(["number", "list", "--register", "content/nomr.sqlite"], ["nomr.sqlite"])


def register_typo_void(p: Path) -> Case:
    return Case(
        ["number", "void", "800/1/Kpts/Ka/BKPSDM/2023", "--reason", "x", "--register", "nomr.sqlite"],
        ["nomr.sqlite"],
    )


def register_corrupt(p: Path) -> Case:
    register = p / "content" / "nomor.sqlite"
    with sqlite3.connect(register) as db:
        db.execute("CREATE TABLE t (x TEXT)")
        db.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    db.close()
    data = bytearray(register.read_bytes())
    data[100:4096] = os.urandom(3996)
    data[8192:12288] = os.urandom(4096)
    register.write_bytes(bytes(data))
    draft = _draft(p)
    return Case(["number", "take", str(draft), "--date", "2023-09-22"], ["nomor.sqlite"])


def register_is_folder(p: Path) -> Case:
    (p / "content" / "nomor.sqlite").mkdir()
    draft = _draft(p)
    return Case(["number", "take", str(draft), "--date", "2023-09-22"], ["nomor.sqlite"])


def register_not_sqlite(p: Path) -> Case:
    (p / "content" / "nomor.sqlite").write_text("ini bukan basis data\n" * 100, encoding="utf-8")
    return Case(["number", "list"], ["nomor.sqlite"])


def register_bad_klasifikasi(p: Path) -> Case:
    draft = _draft(p)
    return Case(
        ["number", "take", str(draft), "--date", "2023-09-22", "--klasifikasi", "800.1.5a/../x"], ["800.1.5a"]
    )


def register_postgres_bad_escape(p: Path) -> Case:
    url = "postgresql://pegawai:Rahasia%zzSekali@127.0.0.1:1/db"
    return Case(["number", "list", "--register", url], ["127.0.0.1"], never=["Rahasia", "Sekali"])


def register_postgres_password_query(p: Path) -> Case:
    url = "postgresql://127.0.0.1:1/db?user=pegawai&password=RahasiaSekali"
    return Case(["number", "list", "--register", url], ["127.0.0.1"], never=["RahasiaSekali"])


def take_final_decree_unknown(p: Path) -> Case:
    return Case(
        ["number", "take", "content/kpts-800-1199-2023-iku-iki.yaml", "--register", "content/baru.sqlite"],
        ["800/1199"],
    )


CASES = [
    big_content,
    big_profile,
    folder_named_yaml,
    empty_folder_check,
    empty_folder_build,
    missing_file,
    not_utf8,
    binary_as_yaml,
    billion_laughs_yaml,
    tabs_yaml,
    top_level_list,
    template_tags_in_a_key,
    profile_outside_tree,
    profile_absolute,
    profile_symlink_out,
    profile_not_a_profile,
    profile_not_yaml,
    profile_is_folder,
    emblem_outside,
    emblem_not_image,
    emblem_truncated,
    emblem_corrupt_jpeg,
    emblem_huge_pixels,
    emblem_huge_file,
    lone_surrogate,
    bidi_override,
    text_too_long,
    device_as_content,
    device_in_diff,
    redline_over_the_content,
    redline_over_a_profile_named_docx,
    summary_over_notes,
    emblem_cmyk_jpeg,
    emblem_one_pixel_wide,
    profile_backslashes,
    same_name_two_folders,
    yaml_and_yml,
    output_under_a_file,
    output_read_only,
    disk_full,
    redline_under_a_file,
    rev_is_an_option,
    rev_unknown,
    template_runs_code,
    template_check_runs_code,
    template_unclosed,
    template_not_docx,
    template_is_folder,
    template_missing,
    docx_not_zip,
    docx_truncated,
    docx_no_document,
    docx_malformed_xml,
    docx_external_entity,
    docx_billion_laughs,
    docx_zip_bomb,
    docx_is_folder,
    register_typo_list,
    register_typo_void,
    register_corrupt,
    register_is_folder,
    register_not_sqlite,
    register_bad_klasifikasi,
    register_postgres_bad_escape,
    register_postgres_password_query,
    take_final_decree_unknown,
]


def tree_state(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: a file's hash and mode, a link's target, a folder's presence."""
    state: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            state[key] = "-> " + os.readlink(path)
        elif path.is_dir():
            state[key] = "dir"
        else:
            state[key] = f"{oct(path.stat().st_mode)} {hashlib.sha256(path.read_bytes()).hexdigest()}"
    return state


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's project: pyproject.toml at the root, content/ with the seed and its profile; cwd there."""
    root = tmp_path / "proyek"
    (root / "content").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    shutil.copytree(CONTENT / "profiles", root / "content" / "profiles")
    shutil.copy(SEED, root / "content" / SEED.name)
    monkeypatch.chdir(root)
    return root


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("build_case", CASES, ids=[c.__name__ for c in CASES])
def test_refused_with_a_message_and_nothing_changed(
    build_case: Callable[[Path], Case], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = build_case(project)
    before = tree_state(project.parent)
    if case.patch is not None:
        case.patch(monkeypatch)
    env = {"LANG": "id_ID.UTF-8", **case.env}
    result = CliRunner().invoke(main, case.args, env=env)
    output = result.stdout + result.stderr
    assert isinstance(result.exception, SystemExit), f"not a clean exit: {result.exception!r}\n{output}"
    assert result.exit_code == 1, output
    assert "Traceback" not in output
    for mention in case.mentions:
        assert mention in output, f"{mention!r} not named in:\n{output}"
    for secret in case.never:
        assert secret not in output, f"{secret!r} leaked into:\n{output}"
    # a sentence saying what to do: every refusal message ends in one
    assert any(line.rstrip().endswith((".", ")", ":")) for line in output.splitlines()), output
    assert tree_state(project.parent) == before, "the user's files changed"
    assert not (project / "dijalankan").exists(), "the template ran a command"
