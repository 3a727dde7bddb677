"""Saving edited data back into a content file: only the changed lines change, and the file holds
exactly the edited data (keputusan.roundtrip, used by the web app)."""

from __future__ import annotations

import difflib
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keputusan import roundtrip
from keputusan.load import load

from .conftest import CONTENT, SEED

FILES = sorted(p for p in CONTENT.rglob("*.yaml") if "schema" not in p.parts)


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_unchanged_data_writes_the_file_as_typed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert roundtrip.merged(text, roundtrip.load(text)) == text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_one_short_value_changed_changes_one_line(path: Path) -> None:
    """Every one-line scalar of every file (ids, cells, numbers, nested table rows typed '- - x'):
    changing it changes exactly one line, keeps every comment, and the file holds the new data."""
    text = path.read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    data = roundtrip.load(text)
    scalars = [
        (p, v)
        for p, v in roundtrip.walk_scalars(data)
        if isinstance(v, str) and "\n" not in v and len(v) < 60
    ]
    assert scalars
    for place, value in random.Random(path.name).sample(scalars, min(25, len(scalars))):
        edited = roundtrip.load(text)
        assert roundtrip.set_text(edited, place, value + " X")
        out = roundtrip.merged(text, edited)
        assert roundtrip.plain(out) == roundtrip.plain(roundtrip.dump(edited))
        diff = changed_lines(text, out)
        assert len(diff) == 2, (place, diff)
        assert [line for line in out.splitlines() if line.lstrip().startswith("#")] == comments


def test_a_folded_paragraph_is_rewrapped_only_where_it_is() -> None:
    text = SEED.read_text(encoding="utf-8")
    data = roundtrip.load(text)
    old = data["menimbang"][0]["teks"]
    roundtrip.set_text(data, ("menimbang", 0, "teks"), old.replace("rencana kerja", "rencana kerja baru"))
    out = roundtrip.merged(text, data)
    diff = changed_lines(text, out)
    assert all("Bahwa untuk" in line or line[1:].startswith("      ") for line in diff)
    assert len(diff) <= 16
    assert max(len(line) for line in out.splitlines()) <= max(len(line) for line in text.splitlines()) + 2
    assert "rencana kerja baru" in roundtrip.plain(out)["menimbang"][0]["teks"]
    load(SEED, text=out)  # still a valid decree


def test_items_added_removed_and_moved() -> None:
    text = SEED.read_text(encoding="utf-8")
    data = roundtrip.load(text)
    roundtrip.move(data, ("menimbang", 1), 0)
    roundtrip.insert(data, ("tembusan",), 0, "Yth. Bupati Balangan")
    roundtrip.remove(data, ("mengingat", 3))
    out = roundtrip.merged(text, data)
    decree = load(SEED, text=out)
    assert [m.id for m in decree.content.menimbang] == ["perlu-keputusan", "renstra"]
    assert decree.content.tembusan[0] == "Yth. Bupati Balangan"
    assert len(decree.content.mengingat) == len(load(SEED).content.mengingat) - 1
    assert roundtrip.plain(out) == roundtrip.plain(roundtrip.dump(data))


def test_text_stays_text() -> None:
    """Content is data: text that looks like YAML, a template or a date is stored as text."""
    data = roundtrip.load("a: x\nn: 2\nd: 2023-09-22\n")
    for value in (
        "{{ x }}",
        "{% if %}",
        "a: b",
        "# no comment",
        "- item",
        "2024-01-01",
        "yes",
        "null",
        "'q'",
    ):
        roundtrip.set_text(data, ("a",), value)
        assert roundtrip.plain(roundtrip.merged("a: x\nn: 2\nd: 2023-09-22\n", data))["a"] == value
    roundtrip.set_text(data, ("n",), "3")
    roundtrip.set_text(data, ("d",), "2023-02-30")  # no such date: kept as text for check to name
    assert "n: 3\n" in roundtrip.dump(data)  # a number stays a number, unquoted
    assert roundtrip.plain(roundtrip.dump(data))["d"] == "2023-02-30"


def test_the_same_text_changes_nothing() -> None:
    data = roundtrip.load("n: 2\nd: 2023-09-22\nt: >-\n  a\n  b\n")
    assert not roundtrip.set_text(data, ("n",), "2")
    assert not roundtrip.set_text(data, ("d",), "2023-09-22")
    assert not roundtrip.set_text(data, ("t",), "a b")


def test_bad_places_are_refused() -> None:
    data = roundtrip.load("a: [1, 2]\nb: {c: d}\n")
    for place in [("z", "y"), ("a", 5), ("b",), ("a", "x")]:
        with pytest.raises(roundtrip.EditError):
            roundtrip.set_text(data, place, "v")  # type: ignore[arg-type]
    with pytest.raises(roundtrip.EditError):
        roundtrip.move(data, ("a", 0), 9)


def test_messages_are_placed_at_their_key() -> None:
    text = "a: 1\nb:\n  - x: 1\n    y: 2\n  - x: 3\n"
    places = roundtrip.positions(roundtrip.load(text))
    assert roundtrip.path_at(places, 4, 5) == ("b", 0, "y")
    assert roundtrip.path_at(places, 5, 7) == ("b", 1, "x")
    assert roundtrip.path_at(places, 1, 1) == ("a",)
    assert roundtrip.path_at(places, None, None) == ()


TEXT = st.lists(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\u2028\u2029\x85"
        ),
        max_size=12,
    )
    | st.sampled_from(
        ["\n", ": ", " #", "{{", "}}", "{%", "'", '"', "- ", "\t", " ", "&a", "*a", "!!python/x"]
    ),
    max_size=12,
).map("".join)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=os.environ.get("KEPUTUSAN_REQUIRE_ALL") == "1",
)
@given(value=TEXT, where=st.sampled_from([("menimbang", 0, "teks"), ("tentang",), ("tembusan", 0)]))
def test_any_text_is_saved_as_typed(value: str, where: tuple[str | int, ...]) -> None:
    """Whatever is typed into a field is what the saved file holds (line ends as LF)."""
    text = SEED.read_text(encoding="utf-8")
    data = roundtrip.load(text)
    if where == ("tembusan", 0):
        roundtrip.insert(data, ("tembusan",), 0, "x")
    roundtrip.set_text(data, where, value)
    out = roundtrip.merged(text, data)
    stored = roundtrip.plain(out)
    node = stored
    for key in where:
        node = node[key]
    assert node == value.replace("\r\n", "\n").replace("\r", "\n")


def test_a_word_changed_late_in_a_paragraph_keeps_the_lines_above_it() -> None:
    """The lines of a folded paragraph before the first changed word stay as typed; only the rest
    is folded again."""
    text = SEED.read_text(encoding="utf-8")
    data = roundtrip.load(text)
    old = data["menimbang"][0]["teks"]
    roundtrip.set_text(data, ("menimbang", 0, "teks"), old.replace("Balangan perlu", "Balangan sangat perlu"))
    out = roundtrip.merged(text, data)
    diff = changed_lines(text, out)
    assert len(diff) == 4, diff  # the two last lines of the paragraph, old and new
    assert "sangat perlu" in roundtrip.plain(out)["menimbang"][0]["teks"]
