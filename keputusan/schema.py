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
    return schema


def schemas() -> dict[str, bytes]:
    """File name -> JSON text, deterministic (sorted keys, two-space indent)."""
    out = {}
    for name, model in SCHEMA_FILES.items():
        schema = _patch(model.model_json_schema())
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[name] = (json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    return out
