"""JSON Schema of content and profile files, for editors that check YAML as it is typed."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from .model import Keputusan, Profil

SCHEMA_FILES: dict[str, type[BaseModel]] = {"keputusan.schema.json": Keputusan, "profil.schema.json": Profil}

# Models that may also be written as bare text (a list item "- Bahwa ...").
_ALSO_TEXT = ("Menimbang", "Memperhatikan", "Diktum", "Sel", "Kolom", "BarisKop")
# Fields that take one value or a list of them.
_ONE_OR_MANY = {
    "Kop": ("alamat",),
    "Lampiran": ("judul",),
    "Indikator": ("sumber_referensi",),
    "Peraturan": ("diubah",),
}


# What editors show over each part, in the language of the people who fill it in (the models'
# docstrings, which pydantic would show, are English for developers).
DESCRIPTIONS: dict[str, str] = {
    "Keputusan": "Isi satu keputusan: menimbang, mengingat, diktum, lampiran, penandatangan.",
    "Profil": "Profil instansi: kop, kertas, huruf, pola nomor, pejabat; dipakai bersama oleh keputusannya.",
    "BarisKop": "Satu baris kop: teks, ukuran huruf, tebal atau tidak.",
    "Huruf": "Jenis dan ukuran huruf isi dan tabel lampiran.",
    "Kertas": "Ukuran kertas dan margin (mm).",
    "Kop": "Kop naskah: perangkat_daerah (lambang di kiri, baris, alamat, garis), kepala_daerah "
    "(lambang di tengah di atas jabatan) atau gambar (satu gambar kop utuh).",
    "Margin": "Margin halaman dalam mm.",
    "NomorHalaman": "Nomor halaman, misalnya '- 2 -' di tengah atas mulai halaman 2; lampiran melanjutkan hitungan.",
    "OpsiJudul": "Bentuk judul: 'KEPUTUSAN BUPATI BALANGAN' pada satu baris, titik dua sesudah NOMOR.",
    "OpsiLampiran": "Pilihan kepala lampiran.",
    "OpsiTte": "Kesiapan tanda tangan elektronik (TTE): catatan kaki, jangkar, kode QR verifikasi.",
    "Penandatangan": "Penandatangan: ASN dengan nama, pangkat dan NIP; pejabat yang dipilih cukup namanya.",
    "PolaNomor": "Pola nomor keputusan dan register nomornya.",
    "Diktum": "Satu diktum (KESATU, KEDUA, ... dibubuhkan alat ini).",
    "Indikator": "Satu indikator kinerja dengan maknanya, alasan pemilihan, formulasi, sumber, penanggung jawab.",
    "Kolom": "Judul kolom tabel umum; dengan 'kolom' di bawahnya menjadi judul bertingkat.",
    "KolomIndikator": "Kolom tabel indikator: isinya (nomor, sasaran, indikator, ...) dan judulnya.",
    "LabelPenjelasan": "Label bagian penjelasan indikator.",
    "Lampiran": "Satu lampiran: judul, orientasi, isi (tabel atau paragraf), tanda tangan.",
    "Lembaran": "Lembaran/Berita Negara atau Daerah: tahun dan nomor.",
    "Memperhatikan": "Satu butir memperhatikan.",
    "Mengingat": "Satu dasar hukum: terstruktur (jenis, nomor, tahun, tentang, lembaran) atau teks bebas.",
    "Menimbang": "Satu pertimbangan (huruf a., b., ... dibubuhkan alat ini).",
    "Paraf": "Paraf pada draf: paraf hierarki (paling banyak tiga) dan paraf koordinasi.",
    "ParafHierarki": "Pejabat yang memaraf di samping nama penandatangan.",
    "ParafKoordinasi": "Satu baris tabel paraf koordinasi: unit kerja, nama, paraf, tanggal.",
    "Paragraf": "Paragraf lampiran, dengan perataannya.",
    "Peraturan": "Peraturan yang disebut: jenis, nomor, tahun, tentang, lembaran, perubahannya.",
    "Perubahan": "Perubahan suatu peraturan: frasa penghubung dan peraturan pengubahnya.",
    "Sasaran": "Satu sasaran dengan indikator-indikatornya.",
    "Sel": "Satu sel tabel: teks, gabung baris/kolom, perataan.",
    "Tabel": "Tabel umum: judul kolom (boleh bertingkat), baris sel, nomor baris dan nomor kolom.",
    "TabelIndikator": "Tabel IKU/IKI: satu baris per indikator, sasaran menaungi indikatornya.",
}


def _text_or_number(node: Any) -> None:
    """Text fields also take numbers (``nomor: 2``): the loader reads them as text."""
    if isinstance(node, dict):
        if (
            node.get("type") == "string"
            and "enum" not in node
            and "const" not in node
            and "format" not in node
        ):
            node["type"] = ["string", "number"]
        for value in node.values():
            _text_or_number(value)
    elif isinstance(node, list):
        for value in node:
            _text_or_number(value)


def _patch(schema: dict[str, Any]) -> dict[str, Any]:
    """Describe the shorthand forms the loader accepts, so editors don't flag them."""
    _text_or_number(schema)
    defs = schema.get("$defs", {})
    for name, definition in defs.items():  # before a form is wrapped in anyOf below, and after
        if name in DESCRIPTIONS:
            definition["description"] = DESCRIPTIONS[name]
    for name in _ALSO_TEXT:
        if name in defs:
            defs[name] = {"anyOf": [{"type": ["string", "number"], "minLength": 1}, defs[name]]}
    for name, fields in _ONE_OR_MANY.items():
        props = defs.get(name, {}).get("properties", {})
        for field in fields:
            array = props.get(field)
            if array and "items" in array:
                props[field] = {
                    "anyOf": [array["items"], array],
                    **{k: v for k, v in array.items() if k in ("description", "title")},
                }
    if "Mengingat" in defs and "Peraturan" in defs:
        flat = json.loads(json.dumps(defs["Peraturan"]))
        flat["properties"] = {"id": defs["Mengingat"]["properties"]["id"], **flat["properties"]}
        plain = json.loads(json.dumps(defs["Mengingat"]))
        plain["properties"].pop("peraturan", None)
        plain["required"] = ["teks"]
        defs["Mengingat"] = {"anyOf": [{"type": "string", "minLength": 1}, plain, flat]}
    for name, definition in defs.items():  # (again on the forms wrapped in anyOf above)
        if name in DESCRIPTIONS:
            definition["description"] = DESCRIPTIONS[name]
    if schema.get("title") in DESCRIPTIONS:
        schema["description"] = DESCRIPTIONS[schema["title"]]
    return schema


def schemas() -> dict[str, bytes]:
    """File name -> JSON text, deterministic (sorted keys, two-space indent)."""
    out = {}
    for name, model in SCHEMA_FILES.items():
        schema = _patch(model.model_json_schema())
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[name] = (json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    return out
