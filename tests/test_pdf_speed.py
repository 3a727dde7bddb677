"""The reportlab engine's work grows with what it draws, not with how often a table is divided.

Timing is left to bench/ (a shared machine's clock is no test); these count reportlab's expensive
steps instead, which are the same on every machine: a paragraph parsed from markup, its lines
broken, its lines drawn. A long indicator table (bench/redline_pairs.py, landscape, sasaran merged
over five rows, so that nearly every page divides a group) is parsed and broken about once per
paragraph drawn, and the same per row at 100 rows as at 400. Before the cells were reused the
renderer parsed each cell 2.2 times and broke its lines 4.6 times per drawing.

Also: a memoizing paragraph wraps exactly as a fresh one at every width, and font faces nothing
uses are never read.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from keputusan import render_pdf
from keputusan.layout import layout
from keputusan.load import load

from .conftest import CONTENT, ROOT, SEED


def _pairs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("redline_pairs", ROOT / "bench" / "redline_pairs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _long_table(folder: Path, rows: int) -> Path:
    folder.mkdir(parents=True)
    old, _new = _pairs().write_pair(folder, rows)
    shutil.copytree(CONTENT / "profiles", folder / "profiles", dirs_exist_ok=True)
    return Path(old)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Counts of Paragraph construction, line breaking and drawing while a test runs."""
    counts: Counter[str] = Counter()
    for name, key in (("__init__", "parsed"), ("breakLines", "broken"), ("drawPara", "drawn")):
        original = getattr(Paragraph, name)

        def counting(self, *args, __original=original, __key=key, **kwargs):  # type: ignore[no-untyped-def]
            counts[__key] += 1
            return __original(self, *args, **kwargs)

        monkeypatch.setattr(Paragraph, name, counting)
    yield counts


def _render_counts(path: Path, counts: Counter[str]) -> Counter[str]:
    parts = layout(load(path))
    counts.clear()
    render_pdf.render(parts)
    return Counter(counts)


def test_long_table_cells_are_parsed_and_broken_about_once(tmp_path: Path, counted: Counter[str]) -> None:
    small = _render_counts(_long_table(tmp_path / "100", 100), counted)
    large = _render_counts(_long_table(tmp_path / "400", 400), counted)
    for counts in (small, large):
        assert counts["parsed"] <= counts["drawn"], counts
        assert counts["broken"] <= 1.2 * counts["drawn"], counts
    # the same work per row at 100 and at 400 rows (the decree around the table is a fixed cost)
    per_row = {key: (large[key] - small[key]) / 300 for key in ("parsed", "broken", "drawn")}
    for key in ("parsed", "broken"):
        assert per_row[key] <= 1.2 * per_row["drawn"], per_row
        assert abs(large[key] / 400 - per_row[key]) <= 0.15 * per_row[key] + 1, (key, large, per_row)


def _lines(paragraph: Paragraph) -> list[str]:
    return [repr(line) for line in paragraph.blPara.lines]


def test_a_memo_paragraph_breaks_as_reportlab_does_when_the_width_changes() -> None:
    """The same lines as a plain paragraph wrapped at the same widths, skipping repeats of the last
    one. (Not always a fresh paragraph's lines: reportlab's breakLines cuts the fragments of a word
    too long for the width, and the cut stays for later widths; no drawing shows it.)"""
    fonts = render_pdf.register_fonts("Arial")
    style = ParagraphStyle("t", fontName=fonts.regular, fontSize=9, leading=10.6)
    texts = [
        "Persentase <b>pegawai</b> yang <i>mengikuti</i> pelatihan kompetensi teknis",
        "tim A. @pegawai Badan PENYELENGGARAANPEMERINTAHANDAERAH laporan<br/>fungsional § 5 PPPK",
        "",
    ]
    for text in texts:
        memo = render_pdf.MemoParagraph(text, style)
        plain = Paragraph(text, style)
        last = None
        for width in (300.0, 300.0, 41.5, 41.5, 300.0, 12.0, 41.5, 41.5):
            got = memo.wrap(width, 1e9)
            if width != last:
                assert got == plain.wrap(width, 1e9)
            assert _lines(memo) == _lines(plain), (text, width)
            last = width
        pieces = memo.split(41.5, 25.0)
        plain_pieces = plain.split(41.5, 25.0)
        assert [_lines(p) if hasattr(p, "blPara") else None for p in pieces] == [
            _lines(p) if hasattr(p, "blPara") else None for p in plain_pieces
        ]
        # after a split the memo still answers for its width (split may drop blPara)
        assert memo.wrap(41.5, 1e9)[1] == plain.wrap(41.5, 1e9)[1]


def _in_a_fresh_process(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_faces_are_read_when_first_used() -> None:
    code = f"""
from reportlab.pdfbase import pdfmetrics
from keputusan import render_pdf
from keputusan.layout import layout
from keputusan.load import load
parts = layout(load({str(SEED)!r}))
f = render_pdf.register_fonts(parts.fonts.family)
names = pdfmetrics.getRegisteredFontNames()
print(f.regular in names, f.bold in names, f.italic in names, f.bold_italic in names)
render_pdf.render(parts)
names = pdfmetrics.getRegisteredFontNames()
print(f.regular in names, f.bold in names, f.italic in names, f.bold_italic in names)
style = render_pdf.Styles(parts, f).body
paragraph = render_pdf.MemoParagraph("a <b>bold <i>bold italic</i></b>", style)
print(f.bold_italic in pdfmetrics.getRegisteredFontNames(), paragraph.wrap(200, 100)[1] > 0)
"""
    before, after, bold_italic = _in_a_fresh_process(code).splitlines()
    assert before == "True False False False"  # only the regular face at first
    assert after == "True True True False"  # the seed has bold and italic text, no bold italic
    assert bold_italic == "True True"  # read as soon as a paragraph asks for it
