"""Archived decrees as a JDIHN integration feed (the JSON a JDIH member site offers jdihn.go.id).

The field names, their order and their values follow what BPHN gives its members: the sync
script and the JSON Schema of ILDIS (``keputusan/schemas/jdihn.schema.json`` names the files
and says, field by field, where each value comes from). The feed has no field for the legal
relations between documents; ``statusPeraturan`` is ours, shaped after ILDIS's own record of
them (``data_status``), and says so in the schema.

There is no clock and no randomness here: the same manifest gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote, urlsplit

from .errors import CodedError
from .text import judul_kalimat

SCHEMA = Path(__file__).parent / "schemas" / "jdihn.schema.json"
BASE_URL_MOST = 500  # characters: a site's address and a folder, never a document
NONE = "-"  # what BPHN's sync script puts in a field that does not apply ("diisi '-'")

# what a base URL may hold: the characters of RFC 3986 but quotes (a query, a fragment or a user
# name pass this test and are refused as such, with their own message)
_URL_CHARS = re.compile(r"[A-Za-z0-9._~:/?#@!$&()*+,;=%\[\]-]")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")

REVOKES, REVOKED, AMENDS, AMENDED = "mencabut", "dicabut", "mengubah", "diubah"


class JdihnError(CodedError):
    """A base URL refused, or a manifest record that cannot be described (a hand-edited date)."""


@dataclass(frozen=True)
class Relation:
    """One legal relation of an archived decree to another decree, as ILDIS's data_status keeps
    it: ``status`` is what this decree does or undergoes; ``waktu`` is when the decree that made
    the change was archived (it dates the change in ``last_updated``)."""

    status: str
    nomor: str
    id_data: Optional[str]
    tanggal: str
    waktu: str

    def entry(self) -> dict[str, Any]:
        return {
            "status_peraturan": self.status,
            "noPeraturan": self.nomor,
            "idData": self.id_data,
            "tanggal_perubahan": self.tanggal,
        }


def check_base_url(url: str) -> str:
    """The base URL under which the archive's files are published, refused unless it is a plain
    ``https://host/folder``: no other scheme (``javascript:``, ``http:``), no spaces, quotes or
    other characters a URL must not hold raw, no user or password, no query or fragment, at most
    :data:`BASE_URL_MOST` characters. Returned without its trailing slash."""
    if len(url) > BASE_URL_MOST:
        raise JdihnError("jdihn_base_url_too_long", length=len(url), limit=BASE_URL_MOST)
    for char in url:
        if not _URL_CHARS.fullmatch(char):
            raise JdihnError("jdihn_base_url_character", character=repr(char), url=_shown(url))
    if _PERCENT.search(url):
        raise JdihnError("jdihn_base_url_character", character="'%'", url=url)
    scheme, _, rest = url.partition(":")
    if scheme.lower() != "https" or not rest.startswith("//"):
        raise JdihnError("jdihn_base_url_not_https", url=url)
    url = "https:" + rest  # HTTPS:// written as the feed's readers expect it
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises on a port that is not a number
    except ValueError:
        raise JdihnError("jdihn_base_url_invalid", url=url) from None
    if not parts.hostname or "@" in parts.netloc or "?" in url or "#" in url:
        raise JdihnError("jdihn_base_url_invalid", url=url)
    return url.rstrip("/")


def _shown(text: str) -> str:
    """Text for a message: control characters (a URL pasted with its newline) written as escapes,
    at most 200 characters."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)[:200]


def download_url(berkas: str, base_url: Optional[str]) -> str:
    """Where JDIHN downloads an archived file: ``berkas`` (``YEAR/NAME.pdf``) percent-encoded and
    joined to a base URL checked by :func:`check_base_url`; without one, ``berkas`` itself."""
    if base_url is None:
        return berkas
    return base_url + "/" + "/".join(quote(part, safe="") for part in berkas.split("/"))


def _date(value: Any, nomor: str, name: str) -> str:
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise JdihnError("jdihn_record_date", nomor=nomor, field=name, value=str(value)[:40]) from None


def _moment(value: Any, nomor: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise JdihnError("jdihn_record_date", nomor=nomor, field="waktu", value=str(value)[:40]) from None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else NONE


def jdihn_record(
    record: Mapping[str, Any],
    id_data: str,
    relations: Sequence[Relation] = (),
    base_url: Optional[str] = None,
) -> dict[str, Any]:
    """One archived decree as a JDIHN document: its manifest ``record`` (with the JDIH metadata the
    archive stored under ``jdih``; a record without it is described from its own fields), the
    ``idData`` it has in the feed, its ``relations`` and a base URL checked by
    :func:`check_base_url` (or None). Revoked (``dicabut``) means 'Tidak Berlaku'."""
    nomor = str(record["nomor"])
    found = record.get("jdih")
    jdih: Mapping[str, Any] = found if isinstance(found, dict) else {}
    tanggal = _date(record["tanggal"], nomor, "tanggal")
    pejabat = judul_kalimat(str(record.get("pejabat") or ""))
    tentang = judul_kalimat(str(record.get("tentang") or ""))
    berkas = str(record["berkas"])
    url = download_url(berkas, base_url)
    updated = max([_moment(record["waktu"], nomor)] + [_moment(r.waktu, nomor) for r in relations])
    ordered = sorted(relations, key=lambda r: (r.tanggal, r.status, r.nomor, r.id_data or ""))
    return {
        "idData": id_data,
        "tahun_pengundangan": tanggal[:4],
        "tanggal_penetapan": tanggal,
        "tanggal_pengundangan": tanggal,
        "jenis": _text(jdih.get("jenis") or f"Keputusan {pejabat}".strip()),
        "noPeraturan": nomor,
        "judul": _text(jdih.get("judul") or f"Keputusan {pejabat} Nomor {nomor} tentang {tentang}"),
        "noPanggil": NONE,
        "singkatanJenis": _text(jdih.get("singkatan_jenis") or "Kpts"),
        "tempatTerbit": _text(jdih.get("tempat_penetapan")),
        "penerbit": NONE,
        "deskripsiFisik": NONE,
        "sumber": _text(jdih.get("sumber")),
        "subjek": _text(jdih.get("subjek") or tentang),
        "isbn": NONE,
        "status": "Tidak Berlaku" if any(r.status == REVOKED for r in relations) else "Berlaku",
        "bahasa": "Indonesia",
        "bidangHukum": _text(jdih.get("bidang_hukum") or "Hukum Administrasi Negara"),
        "teuBadan": _text(jdih.get("teu_badan")),
        "nomorIndukBuku": NONE,
        "fileDownload": berkas.rsplit("/", 1)[-1],
        "urlDownload": url,
        "abstrak": NONE,
        "urlAbstrak": NONE,
        "urlDetailPeraturan": url if base_url is not None else NONE,
        "operasi": "4",
        "display": "1",
        "last_updated": updated.isoformat(),
        "statusPeraturan": [r.entry() for r in ordered],
    }


def relations(current: Iterable[Mapping[str, Any]], ids: Mapping[str, str]) -> dict[str, list[Relation]]:
    """Every decree's relations, both ways, keyed by :func:`archive.number_key`: a decree that
    replaces another (the archive's ``mencabut``, from the content's ``menggantikan``) revokes
    it, and one that amends another (``mengubah``) amends it; the other decree, when archived,
    gets the mirror entry. ``current`` holds the current record of each number; ``ids`` gives
    each archived number's ``idData``."""
    from .archive import number_key

    by_key = {number_key(str(r["nomor"])): r for r in current}
    out: dict[str, list[Relation]] = {key: [] for key in by_key}
    for key, record in by_key.items():
        for field, acts, undergoes in (("mencabut", REVOKES, REVOKED), ("mengubah", AMENDS, AMENDED)):
            target = record.get(field)
            if not isinstance(target, str) or not target.strip():
                continue  # an archive written before 'mengubah' was recorded has no such key
            other_key = number_key(target)
            if other_key == key:
                continue
            other = by_key.get(other_key)
            tanggal = _date(record["tanggal"], str(record["nomor"]), "tanggal")
            waktu = str(record["waktu"])
            out[key].append(
                Relation(
                    acts, str(other["nomor"]) if other else target.strip(), ids.get(other_key), tanggal, waktu
                )
            )
            if other is not None:
                out[other_key].append(Relation(undergoes, str(record["nomor"]), ids.get(key), tanggal, waktu))
    return out


def jdihn_records(
    current: Iterable[Mapping[str, Any]], ids: Mapping[str, str], base_url: Optional[str] = None
) -> list[dict[str, Any]]:
    """The feed: one document per archived number (``current`` holds its current record), oldest
    date of enactment first, then by number; ``ids`` gives each number's ``idData`` (keyed by
    :func:`archive.number_key`). ``base_url`` must have passed :func:`check_base_url`."""
    from .archive import number_key

    chosen = {number_key(str(r["nomor"])): r for r in current}
    linked = relations(chosen.values(), ids)
    out = [jdihn_record(record, ids[key], linked[key], base_url) for key, record in chosen.items()]
    return sorted(out, key=lambda d: (d["tanggal_penetapan"], number_key(d["noPeraturan"]), d["idData"]))


def dumps(documents: Sequence[Mapping[str, Any]]) -> bytes:
    """The feed as the file to publish: UTF-8 JSON, two-space indent, fields in the documented
    order, a final newline; the same documents always give the same bytes."""
    return (json.dumps(list(documents), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema of the feed (draft 2020-12), as shipped in ``keputusan/schemas``."""
    loaded: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return loaded
