"""`keputusan template check` on the shipped template and on templates broken as Word breaks them."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from keputusan.render_docx import TEMPLATE, check_template


def edited(tmp_path: Path, change: Callable[[str], str], part: str = "word/document.xml") -> Path:
    """A copy of the shipped template with one of its parts changed."""
    source = zipfile.ZipFile(TEMPLATE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == part:
                data = change(data.decode()).encode()
            target.writestr(info, data)
    path = tmp_path / "edited.docx"
    path.write_bytes(out.getvalue())
    return path


def codes(path: Path) -> list[str]:
    return [p.code for p in check_template(path) if p.severity == "error"]


def test_shipped_template_passes() -> None:
    assert check_template(TEMPLATE) == []


def test_tag_split_across_runs(tmp_path: Path) -> None:
    def split(xml: str) -> str:
        old = "<w:t>{{r ttd.nama }}</w:t>"
        assert old in xml
        return xml.replace(old, "<w:t>{{r ttd.</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>nama }}</w:t>", 1)

    [problem] = check_template(edited(tmp_path, split))
    assert problem.code == "tag_split"
    assert problem.params["tag"] == "{{r ttd.nama }}" and problem.params["count"] == 2


def test_unclosed_tag(tmp_path: Path) -> None:
    path = edited(
        tmp_path, lambda xml: xml.replace("<w:t>{{r ttd.nama }}</w:t>", "<w:t>{{ ttd.nama </w:t>", 1)
    )
    assert "tag_unclosed" in codes(path)


def test_loop_without_end(tmp_path: Path) -> None:
    path = edited(tmp_path, lambda xml: xml.replace("<w:t>{%p endfor %}</w:t>", "<w:t></w:t>", 1))
    assert codes(path) == ["template_syntax"]


def test_missing_part(tmp_path: Path) -> None:
    path = edited(tmp_path, lambda xml: xml.replace("{%p for line in judul %}", "{%p for line in [] %}", 1))
    problems = check_template(path)
    assert [(p.code, p.params["name"]) for p in problems] == [("tag_missing", "judul")]


def test_unknown_variable_is_a_warning(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        lambda xml: xml.replace("<w:t>{{r ttd.nama }}</w:t>", "<w:t>{{r ttd.nama }}{{ nomr }}</w:t>", 1),
    )
    problems = check_template(path)
    assert [(p.code, p.severity, p.params["name"]) for p in problems] == [("tag_unknown", "warning", "nomr")]


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_text("bukan docx")
    assert codes(path) == ["template_unreadable"]


def test_missing_table(tmp_path: Path) -> None:
    old = 'w:tblCaption w:val="isi-lampiran"'
    path = edited(tmp_path, lambda xml: xml.replace(old, 'w:tblCaption w:val="lain"'))
    assert codes(path) == ["table_missing"]


def test_missing_style(tmp_path: Path) -> None:
    renamed = lambda xml: xml.replace('<w:name w:val="Kop Garis"/>', '<w:name w:val="Garis Lain"/>')  # noqa: E731
    assert codes(edited(tmp_path, renamed, "word/styles.xml")) == ["style_missing"]
