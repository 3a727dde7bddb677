"""Redlines between generated decrees: accept all is NEW and reject all is OLD, for any pair.

Two properties, checked with the project's own resolution (Word's rules; LibreOffice is asked in
tests/test_redline_kinds.py, where each pair is named):

- any two decrees drawn with one profile (every part may differ: lists, tables, lampiran,
  status, signatory);
- a decree and a revision of it: items dropped, moved or reworded, indicators moved between
  sasaran, lampiran dropped or reordered.
"""

from __future__ import annotations

import copy
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, assume, given, note, settings
from hypothesis import strategies as st

from keputusan.errors import ContentError
from keputusan.layout import layout
from keputusan.load import load
from keputusan.redline import render, summary_lines
from keputusan.render_docx import render as build_docx

from .redline_facts import Facts, explain, facts
from .revisions import resolve_docx
from .strategies import Spec, decrees

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")

PAIRS = settings(
    max_examples=int(os.environ.get("KEPUTUSAN_REDLINE_EXAMPLES", "30")),
    deadline=None,
    derandomize=os.environ.get("KEPUTUSAN_REQUIRE_ALL") == "1",  # CI draws the same pairs every run
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


def _aside(found: Facts) -> Facts:
    """A redline carries NEW's headers and footers (README, "What a redline shows"): they are
    compared by the named scenarios, not here."""
    from dataclasses import replace

    return replace(found, sections=tuple(replace(s, furniture=()) for s in found.sections))


def _check(old_spec: Spec, new_spec: Spec) -> None:
    folder = Path(tempfile.mkdtemp(prefix="keputusan-redline-shapes-"))
    old = load(old_spec.write(folder / "lama"))
    try:  # another decree's content under this profile may not hold (a penandatangan it lacks)
        new = load(new_spec.write(folder / "baru"))
    except ContentError:
        assume(False)
    data, changes = render(old, new, "uji")
    note("\n".join(summary_lines(changes)))
    for accept, expected, name in ((True, new, "NEW"), (False, old, "OLD")):
        got = _aside(facts(resolve_docx(data, accept)))
        want = _aside(facts(build_docx(layout(expected))))
        assert got == want, f"(kept in {folder})\n" + explain(
            got, want, "own " + ("accept" if accept else "reject"), name
        )


@PAIRS
@given(decrees(), decrees())
def test_any_two_decrees_of_one_profile(old: Spec, new: Spec) -> None:
    content = {key: value for key, value in new.content.items() if key != "menetapkan"}  # names the pejabat
    _check(old, Spec(old.profil, content, new.features))


@st.composite
def revisions(draw: st.DrawFn) -> tuple[Spec, Spec]:
    """A decree and a revision of it, the way a secretariat revises."""
    old = draw(decrees())
    content: dict[str, Any] = copy.deepcopy(old.content)
    for part in ("menimbang", "diktum", "tembusan"):
        items = content.get(part)
        if not items:
            continue
        if len(items) > 1 and draw(st.booleans()):
            items.pop(draw(st.integers(0, len(items) - 1)))
        if len(items) > 1 and draw(st.booleans()):
            i, j = draw(st.integers(0, len(items) - 1)), draw(st.integers(0, len(items) - 1))
            items[i], items[j] = items[j], items[i]
        if draw(st.booleans()) and isinstance(items[0], str):
            items[0] = items[0] + " diubah"
    for lamp in content.get("lampiran", ()):
        for block in lamp["isi"]:
            groups = block.get("sasaran")
            if groups and len(groups) > 1 and draw(st.booleans()):
                moved = groups[0]["indikator"].pop() if len(groups[0]["indikator"]) > 1 else None
                if moved is not None:
                    groups[-1]["indikator"].insert(draw(st.integers(0, len(groups[-1]["indikator"]))), moved)
    lampiran = content.get("lampiran")
    if lampiran and len(lampiran) > 1 and draw(st.booleans()):
        lampiran.reverse()
    elif lampiran and draw(st.booleans()):
        lampiran.pop()
        if not lampiran:
            del content["lampiran"]
    return old, Spec(old.profil, content, old.features)


@PAIRS
@given(revisions())
def test_a_decree_and_its_revision(pair: tuple[Spec, Spec]) -> None:
    _check(*pair)
