"""The JSON Schema that editors use: up to date, and it accepts what the loader accepts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from keputusan.schema import schemas

from .conftest import CONTENT, SEED

SCHEMA_DIR = CONTENT / "schema"


def test_committed_schema_is_current() -> None:
    for name, data in schemas().items():
        assert (SCHEMA_DIR / name).read_bytes() == data, f"run: keputusan schema  ({name} is stale)"


def _as_editor_reads(path: Path) -> Any:
    """YAML as an editor parses it: numbers are numbers, dates are strings."""

    def fix(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    return fix(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "path, schema_name",
    [(SEED, "keputusan.schema.json"), (CONTENT / "profiles" / "bkpsdm-balangan.yaml", "profil.schema.json")],
    ids=["decree", "profile"],
)
def test_example_files_pass_their_schema(path: Path, schema_name: str) -> None:
    schema = json.loads((SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    jsonschema.validate(_as_editor_reads(path), schema)
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    pointer = first_line.removeprefix("# yaml-language-server: $schema=")
    assert (path.parent / pointer).resolve() == (SCHEMA_DIR / schema_name).resolve()


def test_schema_rejects_an_unknown_key() -> None:
    schema = json.loads((SCHEMA_DIR / "keputusan.schema.json").read_text(encoding="utf-8"))
    data = _as_editor_reads(SEED)
    data["menimbng"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_every_part_is_described_in_indonesian() -> None:
    """Editors show these over each part to the staff who fill it in: none is the English docstring."""
    import json

    from keputusan.model import Keputusan, Profil
    from keputusan.schema import DESCRIPTIONS, schemas

    for name, data in schemas().items():
        schema = json.loads(data)
        for part, definition in {"": schema, **schema["$defs"]}.items():
            assert definition.get("description") in DESCRIPTIONS.values(), (name, part)
    docstrings = {(model.__doc__ or "").strip() for model in (Keputusan, Profil)}
    assert not docstrings & set(DESCRIPTIONS.values())
