"""Attacks on the archive: each is refused or found with its own code, and a refusal changes nothing."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

import pikepdf
import pytest
from click.testing import CliRunner, Result

from keputusan import manifest as ledger
from keputusan.archive import Archive, ArchiveError
from keputusan.build import Options, build_all
from keputusan.cli import main
from keputusan.load import load
from keputusan.messages import say
from keputusan.pdfpages import page_words

from . import hostile_pdfs, signing
from .conftest import CONTENT, MINIMAL, SEED
from .pdfedit import append_content, edited, rewrite_text, where
from .test_archive import snapshot

NUMBER = "800/1199/Kpts/Ka/BKPSDM/2023"
STORED = "2023/800_1199_Kpts_Ka_BKPSDM_2023.pdf"
OTHER = "800/1200/Kpts/Ka/BKPSDM/2023"
SMALL_NUMBER = "800/7/Kpts/Ka/BKPSDM/2023"
SMALL_STORED = "2023/800_7_Kpts_Ka_BKPSDM_2023.pdf"
SMALL = MINIMAL + f"status: ditetapkan\nnomor: {SMALL_NUMBER}\ntanggal: 2023-09-22\n"
URL = "https://jdih.balangankab.go.id/dokumen/keputusan/2023/bkpsdm/800-1199/lampiran-ii/sumber-data-iki-1"
URL += "-" + "x" * (119 - len(URL))
assert len(URL) == 120


# --------------------------------------------------------------------------- the kit


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Content files, their builds (reportlab), a CA the archive trusts, every build signed, and an
    archive that already holds another decree (800/1200)."""
    folder = tmp_path_factory.mktemp("serangan")
    shutil.copytree(CONTENT / "profiles", folder / "profiles")
    seed_text = SEED.read_text(encoding="utf-8")
    assert "sumber_data: Inspektorat Kabupaten Balangan" in seed_text
    sources = {
        "seed": seed_text,
        "lain": seed_text.replace("800/1199/Kpts", "800/1200/Kpts"),
        "sekata": seed_text.replace("mulai berlaku pada tanggal", "mulai berlaku sejak tanggal"),
        "kecil": SMALL,
        "tanggal-lain": seed_text.replace("tanggal: 2023-09-22", "tanggal: 2023-09-25"),
        "url": seed_text.replace("sumber_data: Inspektorat Kabupaten Balangan", f"sumber_data: {URL}"),
    }
    for name, text in sources.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    built = build_all([load(folder / f"{name}.yaml") for name in sources], folder / "pdf", Options(("pdf",)))
    assert [b.problems for b in built] == [[]] * len(sources)
    builds = {name: (folder / "pdf" / f"{name}.pdf").read_bytes() for name in sources}
    ca = signing.make_ca()
    signer = signing.make_signer(ca)
    trust = signing.write_trust(folder / "trust", ca)
    for name, data in builds.items():
        (folder / f"{name}.pdf").write_bytes(signing.sign(data, signer, ca))
    populated = folder / "terisi"
    Archive(populated, trust).add(
        folder / "lain.pdf", load(folder / "lain.yaml"), folder / "lain.yaml", oleh="uji@pc"
    )
    return {
        "folder": folder,
        "trust": trust,
        "builds": builds,
        "sign": lambda data: signing.sign(data, signer, ca),
        "populated": populated,
    }


def source(kit: dict[str, Any], name: str = "seed") -> Path:
    path: Path = kit["folder"] / f"{name}.yaml"
    return path


def add(store: Archive, kit: dict[str, Any], pdf: Path, name: str = "seed", **kw: Any) -> dict[str, Any]:
    return store.add(pdf, load(source(kit, name)), source(kit, name), oleh="uji@pc", **kw)


def indonesian(code: str, **params: Any) -> str:
    """The message a clerk reads for ``code``; it must be translated."""
    text = say(code, "id", **params)
    assert text != say(code, "en", **params), f"{code} has no Indonesian translation"
    return text


def cli(*args: str) -> Result:
    """``keputusan --lang id ARGS`` in this process: never an exception other than exiting."""
    result = CliRunner().invoke(main, ["--lang", "id", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output + result.stderr
    return result


def cli_add(kit: dict[str, Any], pdf: Path, root: Path, name: str = "seed", *more: str) -> Result:
    return cli(
        "archive", "add", str(pdf), "--source", str(source(kit, name)), "--trust", str(kit["trust"]),
        "--archive", str(root), "--by", "uji@pc", *more,
    )  # fmt: skip


def assert_refused(result: Result, code: str, **params: Any) -> None:
    """Exit 1, 'NOT archived' and the code's sentence in Bahasa Indonesia on stderr, no placeholder left."""
    assert result.exit_code == 1, result.output
    assert "TIDAK diarsipkan" in result.stderr
    assert indonesian(code, **params) in result.stderr, result.stderr
    assert "{" not in result.stderr, result.stderr


# --------------------------------------------------------------------------- attacked PDFs
# (the page edits of tests/test_pdfpages.py, copied: attacks made with pikepdf before signing)

PT_TO_MM = 25.4 / 72


def exchanged(pdf: bytes, first: tuple[bytes, bytes], second: tuple[bytes, bytes]) -> bytes:
    """The text line holding ``first[0]`` gets ``second[1]`` for ``first[1]``, the line holding
    ``second[0]`` gets ``first[1]`` for ``second[1]``: two words exchanged, nothing else moved."""
    page, *_ = where(pdf, first[0].decode())
    done: list[bytes] = []

    def change(text: bytes) -> Optional[list[tuple[list[Any], str]]]:
        for (line, word), (_, other) in ((first, second), (second, first)):
            if line in text:
                done.append(line)
                return [([pikepdf.String(text.replace(word, other, 1))], "Tj")]
        return None

    out = edited(pdf, lambda doc: rewrite_text(doc, page, change))
    assert sorted(done) == sorted([first[0], second[0]]), done
    return out


def iku_iki(pdf: bytes) -> bytes:
    """IKU and IKI exchanged between DIKTUM KEDUA and KETIGA (page 2)."""
    return exchanged(pdf, (b"Utama (IKU) sebagaimana", b"(IKU)"), (b"Individu (IKI) sebagaimana", b"(IKI)"))


def undang_undang_years(pdf: bytes) -> bytes:
    """The years of UU 2/2003 and UU 23/2014 exchanged (Mengingat 1 and 2, page 1)."""
    return exchanged(
        pdf,
        (b"Undang-Undang Nomor 2 Tahun 2003", b"2003"),
        (b"Undang-Undang Nomor 23 Tahun 2014 tentang", b"2014"),
    )


def kedua_box(pdf: bytes) -> tuple[int, float, float, float, tuple[float, float, float, float]]:
    """(page index, x, y, page height, x y w h of a box over DIKTUM KEDUA's five lines)."""
    page, x, y, height = where(pdf, "Utama (IKU) sebagaimana")
    return page, x, y, height, (x - 2, y - 70, 380, 82)


def white_box(pdf: bytes) -> bytes:
    """A white rectangle drawn over DIKTUM KEDUA (its words are all still there)."""
    page, *_, box = kedua_box(pdf)
    return edited(
        pdf, lambda doc: append_content(doc, page, f"q 1 g {' '.join(map(str, box))} re f Q".encode())
    )


def hidden_line(pdf: bytes) -> bytes:
    """DIKTUM KEDUA's first line drawn in text render mode 3 (invisible; pdfium still reads it)."""
    page, *_ = where(pdf, "Utama (IKU) sebagaimana")

    def hide(text: bytes) -> Optional[list[tuple[list[Any], str]]]:
        if b"Utama (IKU) sebagaimana" in text:
            return [([3], "Tr"), ([pikepdf.String(text)], "Tj"), ([0], "Tr")]
        return None

    return edited(pdf, lambda doc: rewrite_text(doc, page, hide))


def invisible_words(pdf: bytes) -> bytes:
    """Words added in render mode 3 on page 2: a reader shows nothing, a search finds 'DICABUT'."""
    return edited(
        pdf,
        lambda doc: append_content(doc, 1, b"BT 3 Tr /TTEHelv 10 Tf 100 300 Td (DICABUT) Tj ET", font=True),
    )


# name: (how it is made, the codes it may be refused with, the params the refusal must carry)
Maker = Callable[[dict[str, Any]], bytes]
ATTACKS: dict[str, tuple[Maker, tuple[str, ...], dict[str, Any]]] = {
    "iku-iki-tertukar": (
        lambda kit: kit["sign"](iku_iki(kit["builds"]["seed"])),
        ("page_words_differ",),
        {"page": 2, "missing": "(IKU)", "extra": "(IKI)"},
    ),
    "tahun-uu-tertukar": (
        lambda kit: kit["sign"](undang_undang_years(kit["builds"]["seed"])),
        ("page_words_differ",),
        {"page": 1, "missing": "2003", "extra": "2014"},
    ),
    "kotak-putih": (
        lambda kit: kit["sign"](white_box(kit["builds"]["seed"])),
        ("page_look_differs",),
        {"page": 2},
    ),
    "teks-tersembunyi": (
        lambda kit: kit["sign"](hidden_line(kit["builds"]["seed"])),
        ("page_look_differs",),
        {"page": 2},
    ),
    "teks-siluman": (
        lambda kit: kit["sign"](invisible_words(kit["builds"]["seed"])),
        ("page_words_differ",),
        {"page": 2, "missing": "-", "extra": "DICABUT"},
    ),
    "javascript": (
        lambda kit: kit["sign"](hostile_pdfs.with_javascript(kit["builds"]["seed"])),
        ("pdf_open_action",),
        {"action": "JavaScript"},
    ),
    "javascript-bernama": (
        lambda kit: kit["sign"](hostile_pdfs.with_named_javascript(kit["builds"]["seed"])),
        ("pdf_javascript",),
        {},
    ),
    "payload-sh": (
        lambda kit: kit["sign"](hostile_pdfs.with_embedded_file(kit["builds"]["seed"])),
        ("pdf_embedded_file",),
        {"name": "payload.sh"},
    ),
    # after signing, in an incremental update: the signature check or the active-content check
    "javascript-sesudah-ttd": (
        lambda kit: signing.add_javascript_after_signing((kit["folder"] / "seed.pdf").read_bytes()),
        ("archive_signature_modified", "pdf_open_action", "pdf_javascript"),
        {},
    ),
    "payload-sesudah-ttd": (
        lambda kit: signing.add_file_after_signing((kit["folder"] / "seed.pdf").read_bytes()),
        ("archive_signature_modified", "pdf_embedded_file"),
        {},
    ),
    "nomor-lain": (
        lambda kit: (kit["folder"] / "lain.pdf").read_bytes(),
        ("archive_number_differs",),
        {"pdf": OTHER, "content": NUMBER},
    ),
}


@pytest.fixture(scope="module")
def attacks(kit: dict[str, Any]) -> dict[str, Path]:
    out = {}
    for name, (make, _, _) in ATTACKS.items():
        out[name] = kit["folder"] / "serangan" / f"{name}.pdf"
        out[name].parent.mkdir(exist_ok=True)
        out[name].write_bytes(make(kit))
    return out


def refused(kit: dict[str, Any], tmp_path: Path, pdf: Path, name: str = "seed", **kw: Any) -> ArchiveError:
    """Refuse ``pdf`` into a copy of the populated archive and into none at all: the same refusal,
    the archive byte for byte as it was, and no folder where there was no archive."""
    root = tmp_path / "arsip"
    shutil.copytree(kit["populated"], root)
    before = snapshot(root)
    errors = []
    for target in (root, tmp_path / "kosong"):
        with pytest.raises(ArchiveError) as caught:
            add(Archive(target, kit["trust"]), kit, pdf, name, **kw)
        errors.append(caught.value)
    assert snapshot(root) == before
    assert not (tmp_path / "kosong").exists()
    assert (errors[0].code, errors[0].params) == (errors[1].code, errors[1].params)
    return errors[0]


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_is_refused_with_its_own_code(
    kit: dict[str, Any], attacks: dict[str, Path], tmp_path: Path, name: str
) -> None:
    _, codes, params = ATTACKS[name]
    error = refused(kit, tmp_path, attacks[name])
    assert error.code in codes, (error.code, error.params)
    assert {k: error.params.get(k) for k in params} == params, error.params
    # the same through the command line: exit 1, the reason in Bahasa Indonesia, nothing stored
    root = tmp_path / "arsip"
    before = snapshot(root)
    assert_refused(cli_add(kit, attacks[name], root), error.code, **error.params)
    assert snapshot(root) == before


def test_a_white_box_and_invisible_text_are_located_over_diktum_kedua(
    kit: dict[str, Any], attacks: dict[str, Path], tmp_path: Path
) -> None:
    page, x, y, height, _ = kedua_box(kit["builds"]["seed"])
    top_mm, bottom_mm = (height - y - 4) * PT_TO_MM, (height - y + 60) * PT_TO_MM
    box = refused(kit, tmp_path / "kotak", attacks["kotak-putih"]).params
    assert box["page"] == page + 1
    assert box["top"] <= top_mm and box["bottom"] >= bottom_mm and box["bottom"] - box["top"] < 40
    assert box["left"] <= x * PT_TO_MM <= box["right"]
    hidden = refused(kit, tmp_path / "tersembunyi", attacks["teks-tersembunyi"]).params
    assert hidden["page"] == page + 1
    assert hidden["top"] <= top_mm and hidden["bottom"] - hidden["top"] < 15  # one line
    # the words were all there: only the look gave them away
    assert page_words(white_box(kit["builds"]["seed"])) == page_words(kit["builds"]["seed"])


def test_active_content_after_signing_is_refused_and_stored_nowhere(
    kit: dict[str, Any], attacks: dict[str, Path], tmp_path: Path
) -> None:
    """Whatever check speaks first, the update after the signature is not archived; the signed
    revision under it is fine (archived as identik)."""
    for name in ("javascript-sesudah-ttd", "payload-sesudah-ttd"):
        data = attacks[name].read_bytes()
        signed = (kit["folder"] / "seed.pdf").read_bytes()
        assert data.startswith(signed) and len(data) > len(signed)  # an update appended after signing
        refused(kit, tmp_path / name, attacks[name])
    record = add(Archive(tmp_path / "arsip-asli", kit["trust"]), kit, kit["folder"] / "seed.pdf")
    assert record["tingkat"] == "identik"


# --------------------------------------------------------------------------- oversize, trust, long URL


def test_an_oversize_pdf_is_refused_before_it_is_read(
    kit: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = kit["folder"] / "seed.pdf"
    size = big.stat().st_size
    monkeypatch.setenv("KEPUTUSAN_MAX_PDF_BYTES", str(size - 1))
    real_os_open, real_io_open = os.open, io.open

    def guarded(real: Callable[..., Any]) -> Callable[..., Any]:
        def opener(file: Any, *args: Any, **kw: Any) -> Any:
            if not isinstance(file, int) and Path(os.fspath(file)).resolve() == big.resolve():
                raise AssertionError("the oversize PDF was opened")
            return real(file, *args, **kw)

        return opener

    monkeypatch.setattr(os, "open", guarded(real_os_open))
    monkeypatch.setattr("io.open", guarded(real_io_open))
    monkeypatch.setattr("builtins.open", guarded(real_io_open))
    started = time.monotonic()
    error = refused(kit, tmp_path, big)
    assert time.monotonic() - started < 5
    monkeypatch.setattr(os, "open", real_os_open)
    monkeypatch.setattr("io.open", real_io_open)
    monkeypatch.setattr("builtins.open", real_io_open)
    assert error.code == "archive_too_big"
    assert error.params["env"] == "KEPUTUSAN_MAX_PDF_BYTES" and error.params["path"] == str(big)
    root = tmp_path / "arsip"
    before = snapshot(root)
    result = cli_add(kit, big, root)
    assert_refused(result, "archive_too_big", **error.params)
    assert "KEPUTUSAN_MAX_PDF_BYTES" in result.stderr and snapshot(root) == before
    monkeypatch.setenv("KEPUTUSAN_MAX_PDF_BYTES", str(size))  # exactly at the limit: taken
    assert add(Archive(tmp_path / "pas", kit["trust"]), kit, big)["tingkat"] == "identik"


@pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX pipes and devices"
)
def test_a_pipe_or_a_device_is_refused_without_reading(kit: dict[str, Any], tmp_path: Path) -> None:
    pipe = tmp_path / "pipa.pdf"
    os.mkfifo(pipe)
    device = tmp_path / "nol.pdf"
    device.symlink_to("/dev/zero")
    for path in (pipe, device):
        error = refused(kit, tmp_path / path.stem, path)
        assert error.code == "archive_special_file" and error.params["path"] == str(path)


def test_garbage_in_the_trust_folder_is_named_and_skipped(kit: dict[str, Any], tmp_path: Path) -> None:
    trust = tmp_path / "trust"
    shutil.copytree(kit["trust"], trust)
    (trust / "sampah.pem").write_bytes(
        b"-----BEGIN CERTIFICATE-----\nbukan base64 !!\n-----END CERTIFICATE-----\n"
    )
    (trust / "acak.crt").write_bytes(os.urandom(300))
    (trust / "kosong.cer").write_bytes(b"")
    (trust / "map.pem").mkdir()
    (trust / "catatan.txt").write_text("bukan sertifikat, dan bukan berakhiran sertifikat", encoding="utf-8")
    bad = ["acak.crt", "kosong.cer", "map.pem", "sampah.pem"]
    store = Archive(tmp_path / "arsip", trust)
    record = add(store, kit, kit["folder"] / "seed.pdf")
    [signature] = record["verifikasi"]["tanda_tangan"]
    assert signature["trusted"] and record["tingkat"] == "identik"  # the good root was still used
    assert sorted(p.path.name for p in store.trust_problems) == bad
    assert all(p.detail for p in store.trust_problems)
    assert list(store.verify()) == []  # a warning, as for add: the files themselves are fine
    assert sorted(p.path.name for p in store.trust_problems) == bad
    result = cli(
        "archive", "add", str(kit["folder"] / "lain.pdf"), "--source", str(source(kit, "lain")),
        "--trust", str(trust), "--archive", str(store.root),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for name in bad:
        assert (
            indonesian("archive_trust_unreadable", path=trust / name, detail="-").split("(")[0]
            in result.stderr
        )
    assert "Diarsipkan 800/1200" in result.stdout


def test_a_decree_with_a_long_url_in_a_table_cell_is_archived(kit: dict[str, Any], tmp_path: Path) -> None:
    """A genuine decree with a 120-character URL in a lampiran table cell: the build breaks the URL over
    lines of a narrow cell, and the archive still finds the same words, signed as built or rewritten."""
    build = kit["builds"]["url"]
    assert any(URL in "".join(words) for words in page_words(build))
    store = Archive(tmp_path / "arsip", kit["trust"])
    record = add(store, kit, kit["folder"] / "url.pdf", "url")
    assert record["tingkat"] == "identik"
    rewritten = tmp_path / "url-ditulis-ulang.pdf"
    rewritten.write_bytes(kit["sign"](signing.resaved(build)))
    other = Archive(tmp_path / "arsip-2", kit["trust"])
    assert add(other, kit, rewritten, "url")["tingkat"] == "cocok"
    assert list(store.verify()) == [] and list(other.verify()) == []


# --------------------------------------------------------------------------- the same number at once


def cli_process(*args: str) -> list[str]:
    return [sys.executable, "-c", "from keputusan.cli import main; main()", "--lang", "id", *args]


def test_the_same_decree_added_twice_at_once_is_stored_once(kit: dict[str, Any], tmp_path: Path) -> None:
    """Two `archive add` processes of one decree, 20 times: one stores it, the other is told it is
    already archived; never a traceback, never two records, JDIH lists it once."""
    pdf = kit["folder"] / "kecil.pdf"  # a one-page decree: the race is the same, the run shorter
    expected = indonesian("archive_exists", nomor=SMALL_NUMBER, berkas=SMALL_STORED)
    for round_ in range(20):
        root = tmp_path / f"arsip-{round_}"
        args = cli_process(
            "archive", "add", str(pdf), "--source", str(source(kit, "kecil")), "--trust", str(kit["trust"]),
            "--archive", str(root), "--by", f"uji-{round_}@pc",
        )  # fmt: skip
        procs = [
            subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in "ab"
        ]
        outs = []
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert "Traceback" not in out + err, err
            outs.append((proc.returncode, out, err))
        assert sorted(code for code, _, _ in outs) == [0, 1], outs
        [(_, _, loser)] = [o for o in outs if o[0] == 1]
        assert "TIDAK diarsipkan" in loser and expected in loser, loser
        store = Archive(root, kit["trust"])
        assert sorted(p.name for p in (root / "2023").iterdir()) == [Path(SMALL_STORED).name]
        assert [r["nomor"] for r in store.records()] == [SMALL_NUMBER]
        assert [r["status"] for r in store.find(SMALL_NUMBER)] == ["aktif"]
        assert list(store.verify()) == []
        assert [j["nomor"] for j in store.export_jdih()] == [SMALL_NUMBER]
    result = cli("archive", "export", "--format", "jdih", "--archive", str(root))
    assert [entry["nomor"] for entry in json.loads(result.stdout)] == [SMALL_NUMBER]


# --------------------------------------------------------------------------- a swapped file


def rewrite_manifest(root: Path, change: Callable[[list[dict[str, Any]]], None], rechain: bool) -> None:
    """Edit the manifest's records as an attacker would: with the chain recomputed, or leaving it."""
    path = root / "manifest.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    change(records)
    head, out = ledger.GENESIS, b""
    for record in records:
        link = record.pop(ledger.LINK)
        raw = ledger.encode(record, head if rechain else link)
        out += raw
        head = ledger.line_hash(raw)
    path.write_bytes(out)


def swap_file(root: Path, berkas: str, data: bytes) -> None:
    target = root / berkas
    os.chmod(target, 0o644)
    target.write_bytes(data)
    os.chmod(target, 0o444)


@pytest.fixture
def two_stored(kit: dict[str, Any], tmp_path: Path) -> Archive:
    """An archive holding the seed (line 1) and the small decree (line 2)."""
    store = Archive(tmp_path / "arsip", kit["trust"])
    add(store, kit, kit["folder"] / "seed.pdf")
    add(store, kit, kit["folder"] / "kecil.pdf", "kecil")
    assert list(store.verify()) == []
    return store


def sha_of(pdf: Path) -> str:
    import hashlib

    return hashlib.sha256(pdf.read_bytes()).hexdigest()


def codes_of(store: Archive, head: Optional[str] = None) -> list[tuple[str, Any]]:
    return [(f.code, f.params.get("line")) for f in store.verify(head)]


def test_a_swapped_file_with_its_hash_written_into_the_manifest_is_caught(
    kit: dict[str, Any], two_stored: Archive
) -> None:
    """The seed's file replaced by 800/1200 (validly signed by the same CA), its SHA-256 written
    into line 1: the chain breaks at line 2, and the file says another number and other words."""
    store, other = two_stored, kit["folder"] / "lain.pdf"
    swap_file(store.root, STORED, other.read_bytes())

    def new_hash(records: list[dict[str, Any]]) -> None:
        records[0]["sha256"] = sha_of(other)

    rewrite_manifest(store.root, new_hash, rechain=False)
    found = list(store.verify())
    assert [(f.code, f.params.get("line")) for f in found] == [
        ("archive_chain_broken", 2),
        ("archive_record_number_differs", 1),
        ("archive_record_content_differs", 1),
    ]
    assert found[1].params["pdf"] == OTHER and found[1].params["nomor"] == NUMBER
    result = cli("archive", "verify", "--trust", str(kit["trust"]), "--archive", str(store.root))
    assert result.exit_code == 1
    assert indonesian("archive_record_number_differs", **found[1].params) in result.stderr
    assert indonesian("archive_chain_broken", **found[0].params) in result.stderr


def test_a_swapped_file_with_the_chain_recomputed_is_caught_by_number_and_words_and_the_head(
    kit: dict[str, Any], two_stored: Archive
) -> None:
    store, other = two_stored, kit["folder"] / "lain.pdf"
    noted = store.head()
    swap_file(store.root, STORED, other.read_bytes())

    def new_hash(records: list[dict[str, Any]]) -> None:
        records[0]["sha256"] = sha_of(other)

    rewrite_manifest(store.root, new_hash, rechain=True)
    assert store.reading().damage == [] and store.head() != noted
    assert codes_of(store) == [("archive_record_number_differs", 1), ("archive_record_content_differs", 1)]
    assert codes_of(store, noted)[0] == ("archive_head_unknown", None)
    assert codes_of(store, noted[:16])[0] == ("archive_head_unknown", None)
    result = cli(
        "archive", "verify", "--head", noted, "--trust", str(kit["trust"]), "--archive", str(store.root)
    )
    assert result.exit_code == 1 and indonesian("archive_head_unknown", head=noted) in result.stderr


def test_the_same_number_with_other_words_swapped_in_is_caught_by_its_words(
    kit: dict[str, Any], two_stored: Archive
) -> None:
    """Same number and date, one word changed: only the words' fingerprint can tell."""
    store, other = two_stored, kit["folder"] / "sekata.pdf"
    noted = store.head()
    swap_file(store.root, STORED, other.read_bytes())

    def new_hash(records: list[dict[str, Any]]) -> None:
        records[0]["sha256"] = sha_of(other)

    rewrite_manifest(store.root, new_hash, rechain=True)
    assert codes_of(store) == [("archive_record_content_differs", 1)]

    # an attacker who also writes the new words' fingerprint: only the head noted earlier tells
    def new_fingerprint(records: list[dict[str, Any]]) -> None:
        from keputusan.archive import fingerprint

        records[0]["verifikasi"]["sidik_isi"] = fingerprint(page_words(other.read_bytes()))

    rewrite_manifest(store.root, new_fingerprint, rechain=True)
    assert codes_of(store) == []
    assert codes_of(store, noted) == [("archive_head_unknown", None)]


def test_a_swapped_file_of_another_date_is_caught_by_its_date(
    kit: dict[str, Any], two_stored: Archive
) -> None:
    """The same number signed again with another date, swapped in, the chain recomputed."""
    store, other = two_stored, kit["folder"] / "tanggal-lain.pdf"
    swap_file(store.root, STORED, other.read_bytes())

    def new_hash(records: list[dict[str, Any]]) -> None:
        records[0]["sha256"] = sha_of(other)

    rewrite_manifest(store.root, new_hash, rechain=True)
    found = list(store.verify())
    assert [(f.code, f.params.get("line")) for f in found] == [
        ("archive_record_date_differs", 1),
        ("archive_record_content_differs", 1),
    ]
    assert (found[0].params["pdf"], found[0].params["record"]) == ("25 September 2023", "22 September 2023")


def test_the_newest_record_removed_with_its_file_is_caught_by_the_noted_head(
    kit: dict[str, Any], two_stored: Archive
) -> None:
    """Deleting the last line and its file leaves a consistent chain: the head noted earlier tells."""
    store = two_stored
    noted = store.head()
    lines = store.manifest.read_bytes().splitlines(keepends=True)
    store.manifest.write_bytes(b"".join(lines[:-1]))
    os.chmod(store.root / SMALL_STORED, 0o644)
    (store.root / SMALL_STORED).unlink()
    assert store.reading().damage == []
    assert ("archive_head_unknown", None) in codes_of(store, noted)
    result = cli(
        "archive", "verify", "--head", noted, "--trust", str(kit["trust"]), "--archive", str(store.root)
    )
    assert result.exit_code == 1 and indonesian("archive_head_unknown", head=noted) in result.stderr


# --------------------------------------------------------------------------- damaged manifests


def garbage(store: Archive, kind: str) -> tuple[tuple[str, ...], int]:
    """Damage the manifest of an archive holding the seed (line 1); (the codes verify may give first, the
    line it must name)."""
    path = store.manifest
    head = store.head()
    good = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    del good[ledger.LINK]
    other = {**good, "nomor": "800/5/Kpts/Ka/BKPSDM/2023", "berkas": "2023/800_5_Kpts_Ka_BKPSDM_2023.pdf"}
    if kind == "baris-terpotong":  # a crash while appending
        ledger.append(path, ledger.encode(other, head)[:90])
        return ("archive_line_torn",), 2
    if kind == "bukan-utf8":
        ledger.append(path, b'{"aksi": "simpan", "nomor": "\xff\xfe\xc0"}\n')
        return ("archive_line_damaged",), 2
    if kind == "kunci-hilang":
        ledger.append(path, ledger.encode({k: v for k, v in other.items() if k != "sha256"}, head))
        return ("archive_line_incomplete",), 2
    if kind == "berkas-tahun":  # a folder named as the file
        ledger.append(path, ledger.encode({**other, "berkas": "2023"}, head))
        return ("archive_path_outside",), 2
    if kind == "berkas-keluar":
        ledger.append(path, ledger.encode({**other, "berkas": "../../../../etc/hostname"}, head))
        return ("archive_path_outside",), 2
    if kind == "berkas-map":  # the seed's file replaced by a folder of that name
        target = store.root / STORED
        os.chmod(target, 0o644)
        target.unlink()
        target.mkdir()
        return ("archive_not_a_file",), 1
    if kind == "jenis-salah":  # keys add, list and export use, with the wrong type
        ledger.append(
            path,
            ledger.encode(
                {**other, "menggantikan": ["x"], "tingkat": None, "jdih": [1], "verifikasi": "x"}, head
            ),
        )
        # a line to distrust (its keys' types checked), or at least its missing file reported
        return ("archive_line_incomplete", "archive_missing"), 2
    raise ValueError(kind)


KINDS = [
    "baris-terpotong",
    "bukan-utf8",
    "kunci-hilang",
    "berkas-tahun",
    "berkas-keluar",
    "berkas-map",
    "jenis-salah",
]


@pytest.mark.parametrize("kind", KINDS)
def test_a_damaged_manifest_never_crashes_a_command(kit: dict[str, Any], tmp_path: Path, kind: str) -> None:
    store = Archive(tmp_path / "arsip", kit["trust"])
    add(store, kit, kit["folder"] / "seed.pdf")
    codes, line = garbage(store, kind)
    root = ["--archive", str(store.root)]
    found = list(store.verify())
    assert found[0].code in codes and found[0].params.get("line") == line, found
    result = cli("archive", "verify", "--trust", str(kit["trust"]), *root)
    assert result.exit_code == 1 and indonesian(found[0].code, **found[0].params) in result.stderr, (
        result.stderr
    )
    # list, show and export still show the good record
    result = cli("archive", "list", *root)
    assert result.exit_code == 0 and NUMBER in result.stdout, result.stderr
    result = cli("archive", "show", NUMBER, "--json", *root)
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["nomor"] == NUMBER
    result = cli("archive", "export", *root)
    assert result.exit_code == 0 and NUMBER in [e["nomor"] for e in json.loads(result.stdout)]
    # add refuses (a damaged manifest, or a number already there), leaving everything as it is
    before = snapshot(store.root)
    refusal = {
        "baris-terpotong": ("archive_needs_repair", {"line": 2}),
        "berkas-map": ("archive_exists", {"nomor": NUMBER, "berkas": STORED}),
    }.get(kind, ("archive_damaged", {"line": 2, "path": str(store.manifest)}))
    lain = kit["folder"] / ("seed.pdf" if kind == "berkas-map" else "lain.pdf")
    result = cli_add(kit, lain, store.root, "seed" if kind == "berkas-map" else "lain")
    assert_refused(result, refusal[0], **refusal[1])
    assert snapshot(store.root) == before
    # repair mends only what a crash leaves (a torn line); other damage stays, reported
    result = cli("archive", "repair", *root)
    if kind == "baris-terpotong":
        assert result.exit_code == 0, result.stderr
        [audit] = [r for r in store.reading().records if r["aksi"] == "perbaikan"]
        assert audit["baris_rusak"]["baris"] == 2 and audit["dipindahkan"] == []
        [kept] = (store.root / audit["karantina"]).iterdir()
        assert kept.read_bytes() and before["manifest.jsonl"].endswith(kept.read_bytes())
        assert list(store.verify()) == []
        assert cli_add(kit, lain, store.root, "lain").exit_code == 0
    else:
        assert result.exit_code == (0 if kind == "berkas-map" else 1), result.stderr
        assert snapshot(store.root) == before


def limited(seconds: int) -> Callable[[], None]:
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # a runaway read ends, not the machine
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))

    return limit


@pytest.mark.parametrize(
    "kind",
    [
        "map",
        "pipa",
        "perangkat",
    ],
)
def test_a_manifest_that_is_not_a_file_is_refused_at_once(
    kit: dict[str, Any], tmp_path: Path, kind: str
) -> None:
    """manifest.jsonl replaced by a folder, a named pipe or a link to /dev/zero: every command says so
    at once (no endless read, no hanging on the pipe, no traceback)."""
    if kind != "map" and (not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero")):
        pytest.skip("POSIX pipes and devices")
    root = tmp_path / "arsip"
    root.mkdir()
    manifest = root / "manifest.jsonl"
    if kind == "map":
        manifest.mkdir()
    elif kind == "pipa":
        os.mkfifo(manifest)
    else:
        manifest.symlink_to("/dev/zero")
    pdf = kit["folder"] / "seed.pdf"
    for command in (
        ["verify", "--trust", str(kit["trust"])],
        ["list"],
        ["export"],
        ["repair"],
        ["add", str(pdf), "--source", str(source(kit)), "--trust", str(kit["trust"])],
    ):
        try:
            done = subprocess.run(
                cli_process("archive", *command, "--archive", str(root)),
                capture_output=True,
                text=True,
                timeout=8,
                preexec_fn=limited(8),
            )
        except subprocess.TimeoutExpired:
            raise AssertionError(f"archive {command[0]} still reading the manifest after 8 s") from None
        assert "Traceback" not in done.stderr and "Error" not in done.stderr, (command, done.stderr[-500:])
        assert done.returncode == 1 and "manifest.jsonl" in done.stderr, (command, done.stderr)
    assert not (root / "2023").exists()


def test_control_characters_in_the_manifest_are_not_printed(kit: dict[str, Any], tmp_path: Path) -> None:
    """A record whose number and title carry a carriage return and a bell (no record the tool writes
    has them): it is a damaged line, reported by its number, and nothing of it reaches the
    terminal, so a line cannot overwrite what the clerk reads."""
    store = Archive(tmp_path / "arsip", kit["trust"])
    add(store, kit, kit["folder"] / "seed.pdf")
    good = json.loads(store.manifest.read_text(encoding="utf-8").splitlines()[0])
    del good[ledger.LINK]
    forged = {
        **good,
        "nomor": "800/5/Kpts/Ka/BKPSDM/2023\rDICABUT\x07",
        "tentang": "PENYESUAIAN\rKEPUTUSAN INI DICABUT\x1b[8m",
        "berkas": "2023/800_5_Kpts_Ka_BKPSDM_2023.pdf",
    }
    ledger.append(store.manifest, ledger.encode(forged, store.head()))
    assert [(d.code, d.line) for d in store.reading().damage] == [("archive_line_control", 2)]
    for command in (["list"], ["verify", "--trust", str(kit["trust"])]):
        result = cli("archive", *command, "--archive", str(store.root))
        shown = result.stdout + result.stderr
        assert "DICABUT" not in shown and "baris" in shown.lower(), shown
        assert not [c for c in shown if (ord(c) < 32 and c != "\n") or 127 <= ord(c) < 160], repr(shown)


def test_repair_moves_nothing_from_outside_the_archive(kit: dict[str, Any], tmp_path: Path) -> None:
    """A year folder that is a link to a folder elsewhere: verify and repair must not reach through it."""
    store = Archive(tmp_path / "arsip", kit["trust"])
    add(store, kit, kit["folder"] / "seed.pdf")
    victim = tmp_path / "milik-orang-lain"
    victim.mkdir()
    (victim / "data.txt").write_text("jangan dipindahkan", encoding="utf-8")
    (store.root / "2099").symlink_to(victim, target_is_directory=True)
    named = [str(f.params.get("berkas", f.params.get("path"))) for f in store.verify()]
    assert named and not [n for n in named if "data.txt" in n], named  # the link, not what is behind it
    store.repair(oleh="uji@pc")
    assert (victim / "data.txt").read_text(encoding="utf-8") == "jangan dipindahkan"
    assert sorted(p.name for p in victim.iterdir()) == ["data.txt"]
    assert list(store.verify()) == []


def test_commands_on_a_missing_archive_create_nothing(kit: dict[str, Any], tmp_path: Path) -> None:
    root = tmp_path / "tidak-ada"
    for command in (
        ["verify", "--trust", str(kit["trust"])],
        ["list"],
        ["show", NUMBER],
        ["export"],
        ["repair"],
    ):
        cli("archive", *command, "--archive", str(root))
        assert not root.exists(), command


# --------------------------------------------------------------------------- a killed add


def crash(store: Archive, kit: dict[str, Any], state: str) -> dict[str, bytes]:
    """Leave what a killed add of the seed leaves; the names left (from the archive) and their bytes."""
    year = store.root / "2023"
    left: dict[str, bytes] = {}
    if state in ("yatim", "semua"):  # stored, killed before its manifest line
        data = (kit["folder"] / "seed.pdf").read_bytes()
        (year / Path(STORED).name).write_bytes(data)
        os.chmod(year / Path(STORED).name, 0o444)
        left[STORED] = data
    if state in ("sementara", "semua"):  # killed while writing the file
        (year / ".incoming-k1ll3d").write_bytes(b"%PDF-1.7\n% separuh")
        left["2023/.incoming-k1ll3d"] = b"%PDF-1.7\n% separuh"
    if state in ("terpotong", "semua"):  # killed while appending the line
        torn = json.dumps({"aksi": "simpan", "nomor": NUMBER, "berkas": STORED}).encode()[:50]
        with open(store.manifest, "ab") as handle:
            handle.write(torn)
        left["manifest"] = torn
    return left


@pytest.mark.parametrize("state", ["yatim", "sementara", "terpotong", "semua"])
def test_a_killed_add_is_reported_and_repair_quarantines_it(
    kit: dict[str, Any], tmp_path: Path, state: str
) -> None:
    store = Archive(tmp_path / "arsip", kit["trust"])
    add(store, kit, kit["folder"] / "kecil.pdf", "kecil")
    left = crash(store, kit, state)
    expected = sorted(
        [("archive_unlisted", name) for name in left if name != "manifest"]
        + ([("archive_line_torn", 2)] if "manifest" in left else [])
    )
    assert sorted((f.code, f.params.get("berkas", f.params.get("line"))) for f in store.verify()) == expected
    if "manifest" in left:
        before = snapshot(store.root)
        assert_refused(cli_add(kit, kit["folder"] / "seed.pdf", store.root), "archive_needs_repair", line=2)
        assert snapshot(store.root) == before
    result = cli("archive", "repair", "--archive", str(store.root), "--by", "uji@pc")
    assert result.exit_code == 0, result.stderr
    for name in left:
        if name != "manifest":
            assert indonesian("archive_quarantined", berkas=name, folder="").split(" -> ")[0] in result.stdout
    # nothing deleted: every byte left by the crash is in karantina/<time>/
    [audit] = [r for r in store.reading().records if r["aksi"] == "perbaikan"]
    assert audit["oleh"] == "uji@pc" and audit["karantina"].startswith("karantina/")
    folder = store.root / audit["karantina"]
    assert sorted(audit["dipindahkan"]) == sorted(n for n in left if n != "manifest")
    for name, data in left.items():
        if name == "manifest":
            assert (folder / "manifest-baris-rusak.bin").read_bytes() == data
        else:
            assert (folder / name).read_bytes() == data and not (store.root / name).exists()
    assert list(store.verify()) == []
    record = add(store, kit, kit["folder"] / "seed.pdf")  # add works again
    assert record["berkas"] == STORED and list(store.verify()) == []
    assert cli("archive", "repair", "--archive", str(store.root)).exit_code == 0  # nothing left to do
    assert len([r for r in store.reading().records if r["aksi"] == "perbaikan"]) == 1


SLOW_DISK = """
import os, time
real = os.fsync
def fsync(fd):
    time.sleep(0.05)
    real(fd)
os.fsync = fsync
from keputusan.cli import main
main()
"""
"""The CLI on a slow disk (every fsync 50 ms), so that kills land inside the store, not only before it."""


def test_add_killed_at_random_moments_leaves_only_what_repair_fixes(
    kit: dict[str, Any], tmp_path: Path
) -> None:
    """SIGKILL a real `archive add` 30 times, from a few ms after it starts to just after it would have
    finished: verify is clean or reports only what repair fixes, and after repair it is clean."""
    pdf, content = kit["folder"] / "kecil.pdf", source(kit, "kecil")

    def command(root: Path) -> list[str]:
        return [sys.executable, "-c", SLOW_DISK, "--lang", "id", "archive", "add", str(pdf), "--source",
                str(content), "--trust", str(kit["trust"]), "--archive", str(root)]  # fmt: skip

    times = []
    for warm in range(2):  # when a whole add starts to store (the year folder appears), caches warm
        root = tmp_path / f"utuh-{warm}"
        started = time.monotonic()
        child = subprocess.Popen(command(root), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        while child.poll() is None and not (root / "2023").exists():
            time.sleep(0.001)
        times.append(time.monotonic() - started)
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    store_at = min(times)
    rng = random.Random()
    states: dict[str, int] = {}
    for run in range(30):
        root = tmp_path / f"arsip-{run}"
        delay = (
            rng.uniform(0.003, 0.3)
            if run % 3 == 0
            else rng.uniform(max(0.0, store_at - 0.05), store_at + 0.2)
        )
        child = subprocess.Popen(command(root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        child.kill()
        child.wait()
        if not root.exists() or not any(root.iterdir()):
            # killed before it began to store: no archive was made (killed between making the
            # folder and opening its lock leaves the folder empty); a new add there must work
            states["kosong"] = states.get("kosong", 0) + 1
            if root.exists():
                assert add(Archive(root, kit["trust"]), kit, pdf, "kecil")["nomor"] == SMALL_NUMBER
            continue
        store = Archive(root, kit["trust"])
        found = {f.code for f in store.verify()}
        assert found <= {"archive_unlisted", "archive_line_torn"}, (delay, found)
        stored = [r["nomor"] for r in store.records()]
        state = "+".join(sorted(found)) or ("tersimpan" if stored else "kosong")
        states[state] = states.get(state, 0) + 1
        if found:
            before = snapshot(root)
            audit = store.repair(oleh="uji@pc")
            assert list(store.verify()) == [], delay
            for name in audit["dipindahkan"]:  # nothing deleted
                assert (root / audit["karantina"] / name).read_bytes() == before[name]
            assert add(store, kit, pdf, "kecil")["nomor"] == SMALL_NUMBER
            assert list(store.verify()) == []
        else:
            assert stored in ([], [SMALL_NUMBER]), (delay, stored)
    print(f"killed add: storing {store_at:.2f} s after start; states {states}")


def test_add_into_the_empty_folder_a_killed_add_left(kit: dict[str, Any], tmp_path: Path) -> None:
    """An add killed between making the archive folder and opening its lock leaves an empty folder:
    that is no archive (verify says so, rather than 'intact, 0 records'), and the next add uses it."""
    root = tmp_path / "arsip"
    root.mkdir()
    store = Archive(root, kit["trust"])
    with pytest.raises(ArchiveError) as caught:
        list(store.verify())
    assert caught.value.code == "archive_not_found"
    assert add(store, kit, kit["folder"] / "kecil.pdf", "kecil")["nomor"] == SMALL_NUMBER
    assert list(store.verify()) == []
