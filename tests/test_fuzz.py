"""Whatever is typed, loading gives a valid decree or located problems, never a crash."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keputusan.errors import ContentError
from keputusan.load import load
from keputusan.model import Keputusan, Profil

from .conftest import CONTENT, SEED

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Keys the model knows, so random structures reach deep into validation.
VOCABULARY = sorted(
    {name for model in (Keputusan, Profil) for name in model.model_fields}
    | {
        "teks",
        "id",
        "jenis",
        "nomor",
        "tahun",
        "nama",
        "indikator",
        "sasaran",
        "kolom",
        "isi",
        "judul",
        "baris",
        "makna",
        "nip",
        "tabel_indikator",
        "tabel",
        "paragraf",
        "gabung_baris",
        "lembaran_negara",
    }
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(VOCABULARY),
    st.dates().map(str),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=8)), children, max_size=5),
    ),
    max_leaves=30,
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(CONTENT / "profiles", path / "profiles")
    return path


def _load_text(folder: Path, text: str) -> None:
    path = folder / "decree.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load(path)
    except ContentError as exc:
        assert exc.errors, "a ContentError always carries at least one error"
        for problem in exc.problems:
            assert problem.path is not None and problem.code


@FUZZ
@given(text=st.text(st.characters(exclude_categories=("Cs",)), max_size=300))
def test_any_text(folder: Path, text: str) -> None:
    _load_text(folder, text)


@FUZZ
@given(data=structures)
def test_random_structures(folder: Path, data: Any) -> None:
    if isinstance(data, dict):
        data.setdefault("profil", "profiles/bkpsdm-balangan.yaml")
    _load_text(folder, yaml.safe_dump(data, allow_unicode=True))


SEED_DATA = yaml.safe_load(SEED.read_text(encoding="utf-8"))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, prefix + (index,))
    return out


SEED_PATHS = [p for p in _paths(SEED_DATA) if p and p != ("profil",)]


@FUZZ
@given(where=st.sampled_from(SEED_PATHS), replacement=structures)
def test_seed_with_one_part_replaced(folder: Path, where: tuple[Any, ...], replacement: Any) -> None:
    data = copy.deepcopy(SEED_DATA)
    node = data
    for part in where[:-1]:
        node = node[part]
    node[where[-1]] = replacement
    _load_text(folder, yaml.safe_dump(data, allow_unicode=True))
