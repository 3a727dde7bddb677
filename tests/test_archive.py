"""The archive: a properly signed decree is stored; every kind of bad PDF is refused, untouched archive."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from keputusan.archive import Archive, ArchiveError
from keputusan.build import Options, build_all
from keputusan.cli import main
from keputusan.load import load

from .conftest import CONTENT, SEED
from .signing import add_annotation, make_ca, make_signer, resaved, sign, write_trust

SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A CA the archive trusts, one it does not, and signed PDFs built from the seed and variants of it."""
    folder = tmp_path_factory.mktemp("kit")
    shutil.copytree(CONTENT / "profiles", folder / "profiles")
    variants = {
        "seed": SEED_TEXT,
        "one-word": SEED_TEXT.replace(
            "Keputusan ini mulai berlaku pada tanggal ditetapkan.",
            "Keputusan ini mulai berlaku sejak tanggal ditetapkan.",
        ),
        "other-number": SEED_TEXT.replace("800/1199/Kpts", "800/1200/Kpts"),
    }
    pdfs = {}
    for name, text in variants.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        build_all([load(folder / f"{name}.yaml")], folder / "pdf", Options(("pdf",)))
        pdfs[name] = (folder / "pdf" / f"{name}.pdf").read_bytes()
    ca, stranger = make_ca(), make_ca("Root Lain")
    signer, outsider = make_signer(ca), make_signer(stranger, "Orang Lain")
    signed = {name: sign(pdf, signer, ca) for name, pdf in pdfs.items()}
    flipped = bytearray(signed["seed"])
    flipped[len(flipped) // 3] ^= 0x01
    files = {
        "good": signed["seed"],
        "good-again": sign(pdfs["seed"], signer, ca),  # signed a second time: other bytes
        "flipped": bytes(flipped),
        "annotated": add_annotation(signed["seed"]),
        "untrusted": sign(pdfs["seed"], outsider, stranger),
        "one-word": signed["one-word"],
        "other-number": signed["other-number"],
        "unsigned": pdfs["seed"],
        "scan": _image_only_pdf(),
    }
    for name, data in files.items():
        (folder / f"{name}.pdf").write_bytes(data)
    write_trust(folder / "trust", ca)
    return {"folder": folder, "trust": folder / "trust", "sign": lambda pdf: sign(pdf, signer, ca)}


def _image_only_pdf() -> bytes:
    """A 'scan': a page with marks but no text layer."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(609, 936), invariant=1)
    page.setFillGray(0.3)
    for y in range(100, 800, 40):
        page.rect(80, y, 420, 12, fill=1, stroke=0)
    page.save()
    return buffer.getvalue()


def snapshot(root: Path) -> dict[str, bytes | None]:
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def store(kit: dict[str, Any], tmp_path: Path) -> Archive:
    return Archive(tmp_path / "arsip", kit["trust"])


def add(
    store: Archive, kit: dict[str, Any], name: str, source: str = "seed.yaml", **kw: Any
) -> dict[str, Any]:
    path = kit["folder"] / source
    return store.add(kit["folder"] / f"{name}.pdf", load(path), path, oleh="uji@pc", **kw)


def test_properly_signed_decree_is_archived(store: Archive, kit: dict[str, Any]) -> None:
    record = add(store, kit, "good")
    target = store.root / "2023" / "800_1199_Kpts_Ka_BKPSDM_2023.pdf"
    assert record["berkas"] == "2023/800_1199_Kpts_Ka_BKPSDM_2023.pdf"
    assert target.read_bytes() == (kit["folder"] / "good.pdf").read_bytes()
    assert not os.access(target, os.W_OK) or os.geteuid() == 0  # read-only (root may still write)
    assert oct(target.stat().st_mode & 0o777) == "0o444"
    [signature] = record["verifikasi"]["tanda_tangan"]
    assert "H. SUFRIANNOR" in signature["signer"] and signature["intact"] and signature["trusted"]
    assert signature["signed_at"] and signature["coverage"] == "ENTIRE_FILE"
    # signed as built: the signed revision begins with a fresh build, byte for byte
    assert record["tingkat"] == record["verifikasi"]["tingkat"] == "identik"
    assert record["verifikasi"]["isi"] == "identik dengan hasil bangun (9 halaman, 2369 kata)"
    assert record["verifikasi"]["mesin"] == "reportlab" and len(record["verifikasi"]["sidik_isi"]) == 64
    assert record["sha256_sumber"] and len(record["sha256"]) == 64
    [line] = store.manifest.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["nomor"] == "800/1199/Kpts/Ka/BKPSDM/2023"
    assert list(store.verify()) == []


REFUSALS = [
    ("flipped", "seed.yaml", "archive_signature_broken"),
    ("annotated", "seed.yaml", "archive_signature_modified"),
    ("untrusted", "seed.yaml", "archive_signature_untrusted"),
    ("one-word", "seed.yaml", "page_words_differ"),
    ("other-number", "seed.yaml", "archive_number_differs"),
    ("unsigned", "seed.yaml", "archive_no_signature"),
]


@pytest.mark.parametrize("name, source, code", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refused_and_archive_untouched(
    store: Archive, kit: dict[str, Any], name: str, source: str, code: str
) -> None:
    add(store, kit, "good") if name != "good" else None
    before = snapshot(store.root)
    other = Archive(store.root / "kosong", kit["trust"])  # also into an empty archive: no folder appears
    for target in (store, other):
        with pytest.raises(ArchiveError) as caught:
            add(target, kit, name, source, supersede=target is store, reason="uji")
        assert caught.value.code == code
    assert snapshot(store.root) == before
    assert not (store.root / "kosong").exists()


def test_the_changed_word_is_named_with_its_page(store: Archive, kit: dict[str, Any]) -> None:
    with pytest.raises(ArchiveError) as caught:
        add(store, kit, "one-word")
    assert caught.value.code == "page_words_differ"
    assert caught.value.params == {
        "page": 2,
        "missing": "pada",
        "extra": "sejak",
        "near": ": Keputusan ini mulai berlaku",
    }


def test_second_pdf_for_a_number_needs_supersede_and_keeps_the_old(
    store: Archive, kit: dict[str, Any]
) -> None:
    add(store, kit, "good")
    before = snapshot(store.root)
    with pytest.raises(ArchiveError) as caught:
        add(store, kit, "good")
    assert caught.value.code == "archive_exists"
    with pytest.raises(ArchiveError) as caught:
        add(store, kit, "good", supersede=True, reason=" ")
    assert caught.value.code == "archive_supersede_needs_reason"
    with pytest.raises(ArchiveError) as caught:  # the very file archived already: nothing to supersede
        add(store, kit, "good", supersede=True, reason="salah unggah")
    assert caught.value.code == "archive_same_file"
    with pytest.raises(ArchiveError) as caught:  # the file is checked before the number is
        add(store, kit, "unsigned")
    assert caught.value.code == "archive_no_signature"
    assert snapshot(store.root) == before
    record = add(store, kit, "good-again", supersede=True, reason="salah unggah")
    assert record["berkas"] == "2023/800_1199_Kpts_Ka_BKPSDM_2023.2.pdf"
    assert record["menggantikan"] == "2023/800_1199_Kpts_Ka_BKPSDM_2023.pdf"
    assert not record["verifikasi"].get("isi_berubah")  # the same words, signed again
    assert (store.root / "2023" / "800_1199_Kpts_Ka_BKPSDM_2023.pdf").exists()
    assert [r["status"] for r in store.find("800/01199/KPTS/Ka/BKPSDM/2023")] == ["berkas-lama", "aktif"]
    assert list(store.verify()) == []


def test_a_decree_that_replaces_another_marks_it_revoked(
    store: Archive, kit: dict[str, Any], tmp_path: Path
) -> None:
    """A decree whose content says it replaces 800/1199 (revise --revoke): once archived, 800/1199
    is 'dicabut' in the list and 'Dicabut' in the JDIH export, naming the decree that replaced it."""
    add(store, kit, "good")
    folder = kit["folder"]
    text = SEED_TEXT.replace("800/1199/Kpts", "800/1300/Kpts").replace(
        "status: ditetapkan", "status: ditetapkan\nmenggantikan: 800/1199/Kpts/Ka/BKPSDM/2023", 1
    )
    (folder / "pengganti.yaml").write_text(text, encoding="utf-8")
    decree = load(folder / "pengganti.yaml")
    assert decree.content.menggantikan == "800/1199/Kpts/Ka/BKPSDM/2023"
    from keputusan.build import pdf_bytes

    signed = tmp_path / "pengganti.pdf"
    signed.write_bytes(kit["sign"](pdf_bytes(decree, Options(("pdf",)))))
    record = store.add(signed, decree, folder / "pengganti.yaml", oleh="uji@pc")
    assert record["mencabut"] == "800/1199/Kpts/Ka/BKPSDM/2023"
    [old] = store.find("800/1199/Kpts/Ka/BKPSDM/2023")
    assert old["status"] == "dicabut" and old["dicabut_oleh"] == "800/1300/Kpts/Ka/BKPSDM/2023"
    exported = {e["nomor"]: e for e in store.export_jdih()}
    assert exported["800/1199/Kpts/Ka/BKPSDM/2023"]["status"] == "Dicabut"
    assert exported["800/1300/Kpts/Ka/BKPSDM/2023"]["status"] == "Berlaku"


def test_scan_only_with_flag(store: Archive, kit: dict[str, Any]) -> None:
    """An image-only PDF needs --scan; a PDF with text never passes as a scan."""
    with pytest.raises(ArchiveError) as caught:
        add(store, kit, "scan")
    assert caught.value.code == "archive_no_signature_scan"
    assert snapshot(store.root) == {}
    with pytest.raises(ArchiveError) as caught:
        add(store, kit, "unsigned", scan=True)
    assert caught.value.code == "archive_no_signature"
    assert snapshot(store.root) == {}
    record = add(store, kit, "scan", scan=True)
    assert record["tingkat"] == record["verifikasi"]["tingkat"] == "pindaian"
    assert record["verifikasi"]["isi"] == "tidak diverifikasi (pindaian)"
    assert record["verifikasi"]["tanda_tangan"] == []


def test_draft_source_is_refused(store: Archive, kit: dict[str, Any]) -> None:
    draft = kit["folder"] / "draf.yaml"
    draft.write_text(
        SEED_TEXT.replace("status: ditetapkan", "status: draf").replace(
            "nomor: 800/1199/Kpts/Ka/BKPSDM/2023\n", ""
        ),
        encoding="utf-8",
    )
    with pytest.raises(ArchiveError) as caught:
        add(store, kit, "good", "draf.yaml")
    assert caught.value.code == "archive_not_final"


def test_verify_finds_changed_missing_and_unlisted_files(store: Archive, kit: dict[str, Any]) -> None:
    add(store, kit, "good")
    target = store.root / "2023" / "800_1199_Kpts_Ka_BKPSDM_2023.pdf"
    os.chmod(target, 0o644)
    data = bytearray(target.read_bytes())
    data[-10] ^= 0x01
    target.write_bytes(bytes(data))
    (store.root / "2023" / "asing.pdf").write_bytes(b"%PDF-1.4")
    codes = [f.code for f in store.verify()]
    assert codes == ["archive_changed", "archive_unlisted"]
    target.unlink()
    assert [f.code for f in store.verify()] == ["archive_missing", "archive_unlisted"]


def test_list_and_export(store: Archive, kit: dict[str, Any]) -> None:
    add(store, kit, "good")
    assert len(store.find(year=2023, words="indikator kinerja")) == 1
    assert store.find(words="tidak ada") == [] and store.find(year=2024) == []
    [jdih] = store.export_jdih()
    assert jdih["nomor"] == "800/1199/Kpts/Ka/BKPSDM/2023" and jdih["tanggal_penetapan"] == "2023-09-22"
    assert jdih["judul"].startswith("Keputusan Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia")
    assert jdih["tempat_penetapan"] == "Balangan" and jdih["penandatangan"] == "H. SUFRIANNOR, S.Sos, M.AP"
    assert len(jdih["peraturan_terkait"]) == 6 and jdih["lampiran"].endswith(".pdf")
    expected = {
        "tipe_dokumen",
        "judul",
        "teu_badan",
        "nomor",
        "jenis",
        "singkatan_jenis",
        "tahun",
        "tempat_penetapan",
        "tanggal_penetapan",
        "sumber",
        "subjek",
        "status",
        "bahasa",
        "lokasi",
        "bidang_hukum",
        "penandatangan",
        "peraturan_terkait",
        "lampiran",
    }
    assert set(jdih) == expected


def test_cli_add_verify_show_export(kit: dict[str, Any], tmp_path: Path) -> None:
    root = tmp_path / "arsip"
    base = ["--archive", str(root)]
    env = {"LANG": "id_ID.UTF-8"}
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "archive",
            "add",
            str(kit["folder"] / "untrusted.pdf"),
            "--source",
            str(kit["folder"] / "seed.yaml"),
            "--trust",
            str(kit["trust"]),
            *base,
        ],
        env=env,
    )
    assert (
        result.exit_code == 1
        and "TIDAK diarsipkan" in result.stderr
        and "tidak berujung pada root" in result.stderr
    )
    result = runner.invoke(
        main,
        [
            "archive",
            "add",
            str(kit["folder"] / "good.pdf"),
            "--source",
            str(kit["folder"] / "seed.yaml"),
            "--trust",
            str(kit["trust"]),
            *base,
        ],
        env=env,
    )
    assert result.exit_code == 0, result.stderr
    assert "Tanda tangan sah dan tepercaya" in result.stdout and "Diarsipkan 800/1199" in result.stdout
    assert "(isi: identik dengan hasil bangun (9 halaman, 2369 kata))" in result.stdout
    result = runner.invoke(main, ["archive", "verify", "--trust", str(kit["trust"]), *base], env=env)
    assert result.exit_code == 0 and "Arsip utuh" in result.stdout
    result = runner.invoke(main, ["archive", "show", "800/1199/Kpts/Ka/BKPSDM/2023", "--json", *base])
    [shown] = json.loads(result.stdout)
    assert result.exit_code == 0 and shown["status"] == "aktif" and shown["tingkat"] == "identik"
    result = runner.invoke(main, ["archive", "show", "800/1199/kpts/ka/bkpsdm/2023", *base])
    assert result.exit_code == 0, result.stderr
    assert "800/1199/Kpts/Ka/BKPSDM/2023 — aktif" in result.stdout
    assert "Isi: identik: identik dengan hasil bangun" in result.stdout
    assert "Ditandatangani oleh: H. SUFRIANNOR, S.Sos, M.AP (" in result.stdout
    result = runner.invoke(main, ["archive", "list", "--search", "kinerja", *base])
    assert result.stdout.splitlines()[0].startswith("NOMOR | TANGGAL")
    assert "800/1199/Kpts/Ka/BKPSDM/2023 | 2023-09-22 | aktif | identik |" in result.stdout
    assert result.stdout.rstrip().endswith("…")  # the long title cut at a word, not mid-word
    result = runner.invoke(main, ["archive", "list", "--search", "tidak-ada-kata-ini", *base])
    assert result.exit_code == 0 and "Tidak ada keputusan terarsip yang cocok" in result.stderr
    out = tmp_path / "jdih.json"
    result = runner.invoke(main, ["archive", "export", "--format", "jdih", "-o", str(out), *base])
    assert result.exit_code == 0 and json.loads(out.read_text(encoding="utf-8"))[0]["tahun"] == 2023
    assert "Metadata JDIH 1 keputusan ditulis" in result.stdout
    (root / "2023" / "800_1199_Kpts_Ka_BKPSDM_2023.pdf").chmod(0o644)
    (root / "2023" / "800_1199_Kpts_Ka_BKPSDM_2023.pdf").write_bytes(b"%PDF-1.4 diganti")
    result = runner.invoke(main, ["archive", "verify", "--trust", str(kit["trust"]), *base], env=env)
    assert result.exit_code == 1 and "Berubah sejak diarsipkan" in result.stderr


@pytest.fixture(scope="module")
def builds(kit: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The seed built by each engine (LibreOffice on first use; a test needing it is skipped without it)."""
    return {"reportlab": (kit["folder"] / "unsigned.pdf").read_bytes()}


def engine_build(builds: dict[str, bytes], kit: dict[str, Any], engine: str, pdfa: bool = False) -> bytes:
    key = f"{engine}{'-pdfa' if pdfa else ''}"
    if key not in builds:
        from keputusan.convert import find_soffice

        if engine == "libreoffice" and find_soffice() is None:
            pytest.skip("LibreOffice is not installed (Debian: libreoffice-writer-nogui)")
        out = kit["folder"] / key
        [built] = build_all(
            [load(kit["folder"] / "seed.yaml")], out, Options(("pdf",), engine=engine, pdfa=pdfa)
        )
        assert not built.problems, built.problems
        builds[key] = (out / "seed.pdf").read_bytes()
    return builds[key]


@pytest.mark.parametrize("engine", ["reportlab", "libreoffice"])
def test_signed_as_built_is_identik_and_rewritten_is_cocok(
    kit: dict[str, Any], builds: dict[str, bytes], tmp_path: Path, engine: str
) -> None:
    """Signed incrementally as built: identik. Opened and saved again (pikepdf) before signing, so
    that the bytes differ but the pages do not: cocok. `archive show` and `list` say which."""
    build = engine_build(builds, kit, engine)
    ca = make_ca()
    signer = make_signer(ca)
    trust = write_trust(tmp_path / "trust", ca)
    source = kit["folder"] / "seed.yaml"
    rewritten = resaved(build)
    assert rewritten != build and not rewritten.startswith(build)
    for tier, data in (("identik", build), ("cocok", rewritten)):
        signed = tmp_path / f"{tier}.pdf"
        signed.write_bytes(sign(data, signer, ca))
        root = tmp_path / f"arsip-{tier}"
        record = Archive(root, trust).add(signed, load(source), source, oleh="uji@pc")
        assert record["tingkat"] == record["verifikasi"]["tingkat"] == tier
        assert record["verifikasi"]["isi"].startswith(tier) and "9 halaman" in record["verifikasi"]["isi"]
        assert record["verifikasi"]["mesin"] == engine
        result = CliRunner().invoke(
            main, ["archive", "show", "800/1199/Kpts/Ka/BKPSDM/2023", "--archive", str(root)]
        )
        assert result.exit_code == 0 and f"Isi: {tier}: " in result.stdout
        result = CliRunner().invoke(main, ["archive", "list", "--archive", str(root)])
        assert result.exit_code == 0 and f" | {tier} | " in result.stdout
        assert list(Archive(root, trust).verify()) == []


def test_libreoffice_pdfa_is_archived_as_identik(
    kit: dict[str, Any], builds: dict[str, bytes], tmp_path: Path
) -> None:
    build = engine_build(builds, kit, "libreoffice", pdfa=True)
    ca = make_ca()
    source = kit["folder"] / "seed.yaml"
    signed = tmp_path / "lo-signed.pdf"
    signed.write_bytes(sign(build, make_signer(ca), ca))
    store = Archive(tmp_path / "arsip", write_trust(tmp_path / "trust", ca))
    record = store.add(signed, load(source), source, oleh="uji@pc")
    assert record["tingkat"] == "identik" and record["verifikasi"]["stempel"]["pdfa"]


def test_head_noted_in_part_or_with_spaces_is_found(store: Archive, kit: dict[str, Any]) -> None:
    add(store, kit, "good")
    head = store.head()
    runner = CliRunner()
    base = ["archive", "verify", "--trust", str(kit["trust"]), "--archive", str(store.root)]
    for noted in (head, head[:16], " ".join([head[:8], head[8:16]]), head.upper()):
        result = runner.invoke(main, [*base, "--head", noted])
        assert result.exit_code == 0, (noted, result.stderr)
        assert "adalah baris manifes 1" in result.stdout
    result = runner.invoke(main, [*base, "--head", "xyz"])
    assert result.exit_code == 1 and "sedikitnya 16" in result.stderr
    result = runner.invoke(main, [*base, "--head", "0" * 16])
    assert result.exit_code == 1 and "tidak ada dalam rantai manifes" in result.stderr


def test_the_folder_above_the_archive_is_named_not_condemned(store: Archive, kit: dict[str, Any]) -> None:
    add(store, kit, "good")
    above = store.root.parent
    for command in (["verify", "--trust", str(kit["trust"])], ["list"]):
        result = CliRunner().invoke(main, ["archive", *command, "--archive", str(above)])
        assert result.exit_code == 1 and f"--archive {store.root}" in result.stderr, result.stderr


def test_an_empty_trust_folder_says_where_the_root_goes(kit: dict[str, Any], tmp_path: Path) -> None:
    store = Archive(tmp_path / "arsip", tmp_path / "kosong")
    with pytest.raises(ArchiveError) as caught:
        add(store, kit, "good")
    assert caught.value.code == "archive_no_trust_roots"
    assert not store.root.exists()


def test_a_leftover_file_under_the_numbers_name_asks_for_repair(store: Archive, kit: dict[str, Any]) -> None:
    (store.root / "2023").mkdir(parents=True)
    (store.root / "2023" / "800_1199_Kpts_Ka_BKPSDM_2023.pdf").write_bytes(b"%PDF-1.7 sisa")
    with pytest.raises(ArchiveError) as caught:
        add(store, kit, "good")
    assert caught.value.code == "archive_name_taken"
    audit = store.repair(oleh="uji@pc")
    assert audit["dipindahkan"] == ["2023/800_1199_Kpts_Ka_BKPSDM_2023.pdf"]
    assert add(store, kit, "good")["berkas"] == "2023/800_1199_Kpts_Ka_BKPSDM_2023.pdf"
    assert list(store.verify()) == []


def test_verify_holds_every_line_to_what_add_enforces(store: Archive, kit: dict[str, Any]) -> None:
    """Lines appended by hand with a good chain: a scan superseding the verified PDF, an unsigned
    file recorded as verified, a scan that has a text layer — each reported by its line."""
    from keputusan import manifest as ledger

    first = add(store, kit, "good")
    year = store.root / "2023"

    def forge(name: str, data: bytes, **fields: Any) -> None:
        (year / name).write_bytes(data)
        record = {**first, "berkas": f"2023/{name}", "sha256": hashlib.sha256(data).hexdigest(), **fields}
        record.pop(ledger.LINK, None)
        ledger.append(store.manifest, ledger.encode(record, store.head()))

    scan = (kit["folder"] / "scan.pdf").read_bytes()
    forge("x.2.pdf", scan, aksi="gantikan", menggantikan=first["berkas"], tingkat="pindaian")
    unsigned = (kit["folder"] / "unsigned.pdf").read_bytes()
    forge("y.pdf", unsigned, nomor="800/1300/Kpts/Ka/BKPSDM/2023", tingkat="identik")
    forge("z.pdf", unsigned, nomor="800/1301/Kpts/Ka/BKPSDM/2023", tingkat="pindaian")
    forge("w.pdf", scan, aksi="gantikan", nomor="800/1302/Kpts/Ka/BKPSDM/2023", menggantikan="2023/tidak.pdf")
    found = [(f.code, f.params.get("line")) for f in store.verify()]
    assert ("archive_record_scan_supersedes", 2) in found
    assert ("archive_record_unsigned", 3) in found
    assert ("archive_record_scan_has_text", 4) in found
    assert ("archive_record_supersedes_unknown", 5) in found


def test_a_scan_cannot_supersede_a_verified_pdf(store: Archive, kit: dict[str, Any]) -> None:
    add(store, kit, "good")
    before = snapshot(store.root)
    with pytest.raises(ArchiveError) as caught:
        add(store, kit, "scan", scan=True, supersede=True, reason="pindaian kertas")
    assert caught.value.code == "archive_scan_cannot_supersede"
    assert snapshot(store.root) == before


def test_an_add_killed_before_storing_leaves_an_empty_archive_not_a_missing_one(
    kit: dict[str, Any], tmp_path: Path
) -> None:
    from keputusan import manifest as ledger

    root = tmp_path / "arsip"
    with ledger.locked(root):  # what an add killed while holding the lock leaves behind
        pass
    store = Archive(root, kit["trust"])
    assert list(store.verify()) == []
    assert store.repair(oleh="uji@pc")["karantina"] is None
    with pytest.raises(ArchiveError) as caught:
        Archive(tmp_path / "tidak-ada", kit["trust"]).require()
    assert caught.value.code == "archive_not_found"


@pytest.mark.parametrize(
    ("nomor", "name"),
    [
        ("400.3/298/Kpts/DISDIK/2024", "2024/400.3_298_Kpts_DISDIK_2024.pdf"),
        ("188.45/210/2024", "2024/188.45_210_2024.pdf"),
        ("000.1.2/045/Kpts/2024", "2024/000.1.2_045_Kpts_2024.pdf"),
        ("800/1199/Kpts/Ka/BKPSDM/2023", "2024/800_1199_Kpts_Ka_BKPSDM_2023.pdf"),
    ],
)
def test_a_dotted_classification_keeps_the_whole_number_in_the_file_name(tmp_path: Path, nomor: str, name: str) -> None:
    """'400.3/298/...' is stored as 400.3_298_....pdf, not cut at its first dot into 400.pdf (which
    the next 400.x decree would then share as a '.2.pdf' version)."""
    store = Archive(tmp_path)
    assert store._free_name(2024, nomor, set()).relative_to(tmp_path).as_posix() == name
