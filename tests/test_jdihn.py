"""The JDIHN feed of the archive: signed decrees archived, exported, validated against the schema
written from BPHN's documented fields, and checked as a JDIHN operator would read them."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from keputusan.archive import Archive, ArchiveError
from keputusan.build import Options, pdf_bytes
from keputusan.jdihn import JdihnError, check_base_url, download_url, dumps, jdihn_records, relations, schema
from keputusan.load import load

from .conftest import CONTENT, SEED
from .signing import make_ca, make_signer, sign, write_trust

AMENDMENT = CONTENT / "contoh" / "kpts-perubahan-iku-iki-bkpsdm-2024.yaml"
SEED_NO = "800/1199/Kpts/Ka/BKPSDM/2023"
AMENDS_NO = "800/1400/Kpts/Ka/BKPSDM/2024"
REPLACES_NO = "800/1500/Kpts/Ka/BKPSDM/2024"
AGENCY = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan"
SITE = "https://jdih.balangankab.go.id/arsip-sk/"


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T02:00:00+00:00")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    """An archive holding the seed, its amendment (content/contoh, numbered and dated here) and a
    decree that replaces it, each built, signed by the signatory and archived in that order."""
    folder = tmp_path_factory.mktemp("jdihn")
    shutil.copytree(CONTENT / "profiles", folder / "profiles")
    shutil.copytree(CONTENT / "contoh" / "profiles", folder / "contoh" / "profiles")
    seed_text = SEED.read_text(encoding="utf-8")
    (folder / "seed.yaml").write_text(seed_text, encoding="utf-8")
    (folder / "contoh" / "perubahan.yaml").write_text(
        AMENDMENT.read_text(encoding="utf-8").replace(
            "status: draf", f"status: ditetapkan\nnomor: {AMENDS_NO}\ntanggal: 2024-03-04", 1
        ),
        encoding="utf-8",
    )
    (folder / "pengganti.yaml").write_text(
        seed_text.replace(f"nomor: {SEED_NO}", f"nomor: {REPLACES_NO}", 1)
        .replace("tanggal: 2023-09-22", "tanggal: 2024-06-03", 1)
        .replace("status: ditetapkan", f"status: ditetapkan\nmenggantikan: {SEED_NO}", 1),
        encoding="utf-8",
    )
    ca = make_ca()
    signer = make_signer(ca)
    archive = Archive(folder / "arsip", write_trust(folder / "trust", ca))
    for source, day in (
        ("seed.yaml", "2023-09-25"),
        ("contoh/perubahan.yaml", "2024-03-05"),
        ("pengganti.yaml", "2024-06-04"),
    ):
        decree = load(folder / source)
        signed = folder / (Path(source).stem + ".pdf")
        signed.write_bytes(sign(pdf_bytes(decree, Options(("pdf",))), signer, ca))
        archive.add(signed, decree, folder / source, oleh="uji@pc", now=_at(day))
    return archive


@pytest.fixture(scope="module")
def feed(store: Archive) -> list[dict[str, Any]]:
    return store.export_jdihn(SITE)


def _by_number(feed: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {document["noPeraturan"]: document for document in feed}


def _validator() -> jsonschema.protocols.Validator:
    loaded = schema()
    jsonschema.Draft202012Validator.check_schema(loaded)
    return jsonschema.Draft202012Validator(
        loaded, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_the_feed_validates_against_the_schema(store: Archive, feed: list[dict[str, Any]]) -> None:
    validator = _validator()
    assert [e.message for e in validator.iter_errors(feed)] == []
    assert [e.message for e in validator.iter_errors(store.export_jdihn())] == []  # without a base URL too
    assert [d["noPeraturan"] for d in feed] == [SEED_NO, AMENDS_NO, REPLACES_NO]  # by date of enactment


def test_what_an_operator_checks_of_the_seed(feed: list[dict[str, Any]]) -> None:
    seed = _by_number(feed)[SEED_NO]
    assert seed["noPeraturan"] == "800/1199/Kpts/Ka/BKPSDM/2023"
    assert seed["tahun_pengundangan"] == "2023"
    assert seed["tanggal_penetapan"] == seed["tanggal_pengundangan"] == "2023-09-22"
    assert seed["singkatanJenis"] == "Kpts"
    assert seed["teuBadan"] == AGENCY
    assert seed["jenis"] == f"Keputusan Kepala {AGENCY}"
    assert seed["judul"] == (
        f"Keputusan Kepala {AGENCY} Nomor 800/1199/Kpts/Ka/BKPSDM/2023 tentang Penyesuaian Indikator "
        f"Kinerja Utama (IKU) dan Indikator Kinerja Individu (IKI) {AGENCY} Tahun 2021-2026"
    )
    assert seed["tempatTerbit"] == "Balangan" and seed["bahasa"] == "Indonesia"
    assert seed["bidangHukum"] == "Hukum Administrasi Negara"
    assert seed["fileDownload"] == "800_1199_Kpts_Ka_BKPSDM_2023.pdf"
    assert seed["operasi"] == "4" and seed["display"] == "1"
    assert seed["idData"] == "1"  # the manifest line that first archived the number
    amendment = _by_number(feed)[AMENDS_NO]
    assert amendment["tahun_pengundangan"] == "2024" and amendment["tanggal_penetapan"] == "2024-03-04"
    assert amendment["judul"].startswith(
        f"Keputusan Kepala {AGENCY} Nomor {AMENDS_NO} tentang Perubahan atas"
    )


def test_relations_both_ways(store: Archive, feed: list[dict[str, Any]]) -> None:
    """The seed is amended by 800/1400 and revoked by 800/1500 (which replaces it): it says both,
    naming them, and is no longer in force; each of them names the seed."""
    documents = _by_number(feed)
    seed, amendment, replacement = documents[SEED_NO], documents[AMENDS_NO], documents[REPLACES_NO]
    assert seed["statusPeraturan"] == [
        {
            "status_peraturan": "diubah",
            "noPeraturan": AMENDS_NO,
            "idData": amendment["idData"],
            "tanggal_perubahan": "2024-03-04",
        },
        {
            "status_peraturan": "dicabut",
            "noPeraturan": REPLACES_NO,
            "idData": replacement["idData"],
            "tanggal_perubahan": "2024-06-03",
        },
    ]
    assert amendment["statusPeraturan"] == [
        {
            "status_peraturan": "mengubah",
            "noPeraturan": SEED_NO,
            "idData": seed["idData"],
            "tanggal_perubahan": "2024-03-04",
        }
    ]
    assert replacement["statusPeraturan"] == [
        {
            "status_peraturan": "mencabut",
            "noPeraturan": SEED_NO,
            "idData": seed["idData"],
            "tanggal_perubahan": "2024-06-03",
        }
    ]
    assert (seed["status"], amendment["status"], replacement["status"]) == (
        "Tidak Berlaku",
        "Berlaku",
        "Berlaku",
    )
    # the harvester sees the seed changed when it was revoked, not when it was archived
    assert seed["last_updated"] == replacement["last_updated"] == "2024-06-04T02:00:00+00:00"
    assert amendment["last_updated"] == "2024-03-05T02:00:00+00:00"
    # the same facts the archive's own list gives
    [listed] = store.find(SEED_NO)
    assert listed["status"] == "dicabut" and listed["dicabut_oleh"] == REPLACES_NO


def test_the_archive_now_records_what_a_decree_amends(store: Archive) -> None:
    records = {r["nomor"]: r for r in store.records()}
    assert records[AMENDS_NO]["mengubah"] == SEED_NO and records[AMENDS_NO]["mencabut"] is None
    assert records[REPLACES_NO]["mencabut"] == SEED_NO and records[REPLACES_NO]["mengubah"] is None


def test_download_url_joins_the_base_url(store: Archive, feed: list[dict[str, Any]]) -> None:
    seed = _by_number(feed)[SEED_NO]
    assert (
        seed["urlDownload"] == "https://jdih.balangankab.go.id/arsip-sk/2023/800_1199_Kpts_Ka_BKPSDM_2023.pdf"
    )
    assert seed["urlDetailPeraturan"] == seed["urlDownload"]  # the archive has no page of its own
    without = _by_number(store.export_jdihn())[SEED_NO]
    assert without["urlDownload"] == "2023/800_1199_Kpts_Ka_BKPSDM_2023.pdf"  # the path inside the archive
    assert without["urlDetailPeraturan"] == "-"
    # the file's path is percent-encoded, the base URL's own escapes are kept
    assert download_url("2024/a b#1?.pdf", check_base_url("https://h.go.id/sk%20lama/")) == (
        "https://h.go.id/sk%20lama/2024/a%20b%231%3F.pdf"
    )
    assert check_base_url("HTTPS://jdih.example.go.id:8443/arsip") == "https://jdih.example.go.id:8443/arsip"


HOSTILE = [
    ("javascript:alert(1)", "jdihn_base_url_not_https"),
    ("javascript:alert('x')", "jdihn_base_url_character"),
    ("http://jdih.balangankab.go.id/arsip", "jdihn_base_url_not_https"),
    ("ftp://jdih.balangankab.go.id/arsip", "jdihn_base_url_not_https"),
    ("//jdih.balangankab.go.id/arsip", "jdihn_base_url_not_https"),
    ("https://jdih.balangankab.go.id/ar sip", "jdihn_base_url_character"),
    ('https://jdih.balangankab.go.id/"onmouseover="x', "jdihn_base_url_character"),
    ("https://jdih.balangankab.go.id/'x", "jdihn_base_url_character"),
    ("https://jdih.balangankab.go.id/<script>", "jdihn_base_url_character"),
    ("https://jdih.balangankab.go.id/arsip\n", "jdihn_base_url_character"),
    ("https://jdih.balangankab.go.id/%zz", "jdihn_base_url_character"),
    ("https://jdih.balangankab.go.id/" + "a" * 500, "jdihn_base_url_too_long"),
    ("https://", "jdihn_base_url_invalid"),
    ("https://admin:rahasia@jdih.balangankab.go.id/", "jdihn_base_url_invalid"),
    ("https://jdih.balangankab.go.id/arsip?x=1", "jdihn_base_url_invalid"),
    ("https://jdih.balangankab.go.id/arsip#top", "jdihn_base_url_invalid"),
    ("https://jdih.balangankab.go.id:port/", "jdihn_base_url_invalid"),
]


@pytest.mark.parametrize(
    "url, code", HOSTILE, ids=[f"{i}-{c.removeprefix('jdihn_base_url_')}" for i, (_, c) in enumerate(HOSTILE)]
)
def test_hostile_base_url_is_refused_before_reading(
    store: Archive, tmp_path: Path, url: str, code: str
) -> None:
    with pytest.raises(ArchiveError) as caught:
        store.export_jdihn(url)
    assert caught.value.code == code
    with pytest.raises(ArchiveError) as caught:  # refused before the archive is even looked for
        Archive(tmp_path / "tidak-ada").export_jdihn(url)
    assert caught.value.code == code


def test_a_missing_archive_is_no_empty_feed(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError) as caught:
        Archive(tmp_path / "tidak-ada").export_jdihn(SITE)
    assert caught.value.code == "archive_not_found"


def test_same_archive_same_bytes(store: Archive, feed: list[dict[str, Any]]) -> None:
    again = Archive(store.root, store.trust).export_jdihn(SITE)
    assert dumps(again) == dumps(feed)
    data = dumps(feed)
    assert data.endswith(b"}\n]\n") and json.loads(data) == feed
    assert "Kepegawaian" in data.decode("utf-8")  # UTF-8 text, fields in the documented order
    assert list(feed[0])[:6] == [
        "idData",
        "tahun_pengundangan",
        "tanggal_penetapan",
        "tanggal_pengundangan",
        "jenis",
        "noPeraturan",
    ]


def _drop(name: str) -> Callable[[dict[str, Any]], None]:
    return lambda document: document.pop(name)


def _put(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda document: document.__setitem__(name, value)


def _relation(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda document: document["statusPeraturan"][0].__setitem__(name, value)


BROKEN = [
    ("no-noPeraturan", _drop("noPeraturan")),
    ("no-tahun_pengundangan", _drop("tahun_pengundangan")),
    ("no-operasi", _drop("operasi")),
    ("unknown-field", _put("lokasi", "Balangan")),
    ("status-Dicabut", _put("status", "Dicabut")),
    ("year-as-number", _put("tahun_pengundangan", 2023)),
    ("date-in-words", _put("tanggal_penetapan", "22 September 2023")),
    ("impossible-date", _put("tanggal_penetapan", "2023-02-30")),
    ("operasi-4-as-number", _put("operasi", 4)),
    ("http-download", _put("urlDownload", "http://jdih.balangankab.go.id/x.pdf")),
    ("relation-unknown-kind", _relation("status_peraturan", "dicabut_oleh")),
    ("relation-unknown-field", _relation("catatan", "x")),
]


@pytest.mark.parametrize("name, breaks", BROKEN, ids=[b[0] for b in BROKEN])
def test_the_schema_rejects_a_broken_document(
    feed: list[dict[str, Any]], name: str, breaks: Callable[[dict[str, Any]], None]
) -> None:
    broken = copy.deepcopy(feed)
    breaks(broken[0])  # the seed, which has relations
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(broken)


def test_a_record_of_an_earlier_version_is_still_described(store: Archive) -> None:
    """Records written before 'mengubah' (and before the JDIH metadata) was stored: described from
    their own fields, no relation invented."""
    old = {k: v for k, v in store.records()[0].items() if k not in ("mengubah", "mencabut", "jdih")}
    [document] = jdihn_records([old], {"800/1199/kpts/ka/bkpsdm/2023": "7"})
    assert [e.message for e in _validator().iter_errors([document])] == []
    assert document["idData"] == "7" and document["statusPeraturan"] == [] and document["status"] == "Berlaku"
    assert document["judul"].startswith(f"Keputusan Kepala {AGENCY} Nomor {SEED_NO} tentang Penyesuaian")
    assert document["teuBadan"] == "-" and document["urlDownload"] == "2023/800_1199_Kpts_Ka_BKPSDM_2023.pdf"


def test_replacing_a_decree_the_archive_does_not_hold(store: Archive) -> None:
    """The old decree is outside the archive (signed before it was kept): the relation names its
    number with no idData, and nothing else is invented."""
    newer = {**store.records()[2], "mencabut": "800/0017/KPTS/Ka/BKPSDM/2019"}
    linked = relations([newer], {"800/1500/kpts/ka/bkpsdm/2024": "3"})
    [(key, [relation])] = linked.items()
    assert key == "800/1500/kpts/ka/bkpsdm/2024"
    assert relation.entry() == {
        "status_peraturan": "mencabut",
        "noPeraturan": "800/0017/KPTS/Ka/BKPSDM/2019",
        "idData": None,
        "tanggal_perubahan": "2024-06-03",
    }


def test_a_hand_edited_date_is_refused_by_name(store: Archive) -> None:
    bad = {**store.records()[0], "tanggal": "22-09-2023"}
    with pytest.raises(JdihnError) as caught:
        jdihn_records([bad], {"800/1199/kpts/ka/bkpsdm/2023": "1"})
    assert caught.value.code == "jdihn_record_date"
    assert caught.value.params == {"nomor": SEED_NO, "field": "tanggal", "value": "22-09-2023"}


# --------------------------------------------------------------------------- the command


def test_the_command_writes_the_feed_the_library_gives(store: Archive, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from keputusan.cli import main

    url = "https://jdih.balangankab.go.id/arsip"
    out = tmp_path / "jdihn.json"
    args = ["--lang", "id", "archive", "export", "--format", "jdihn", "--archive", str(store.root)]
    result = CliRunner().invoke(main, [*args, "--url-dasar", url, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == dumps(store.export_jdihn(url))
    assert f"dokumen ditulis ke {out} (umpan JDIHN)" in result.output
    jsonschema.Draft202012Validator(schema()).validate(json.loads(out.read_bytes()))

    printed = CliRunner().invoke(main, args)
    assert printed.exit_code == 0
    assert "--url-dasar tidak diberikan" in printed.stderr
    assert json.loads(printed.stdout) == store.export_jdihn()


def test_the_command_refuses_a_hostile_address_in_words(store: Archive, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from keputusan.cli import main

    out = tmp_path / "jdihn.json"
    result = CliRunner().invoke(
        main,
        ["--lang", "id", "archive", "export", "--format", "jdihn", "--archive", str(store.root),
         "--url-dasar", "javascript:alert(1)", "-o", str(out)],
    )
    assert result.exit_code == 1
    assert "--url-dasar harus berupa alamat https://" in result.output
    assert "Traceback" not in result.output and not out.exists()
