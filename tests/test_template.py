"""Templates: `keputusan template check` on the shipped template, on templates broken as Word
breaks them, and on templates written to run code, read files or stall the build.

A template is data. Every attack below must be refused by the static check
(`template check`, and every build before rendering), must create no file, and
the Jinja sandbox must stop it too if the check were bypassed.
"""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from jinja2.exceptions import SecurityError, TemplateError

from keputusan import sandbox
from keputusan.cli import main
from keputusan.layout import layout
from keputusan.render_docx import (
    TEMPLATE,
    TemplateRejected,
    check_template,
    context,
    render,
    require_template,
    template_problems,
)

from .conftest import ROOT, SEED

ATTACK = "{{ cycler.__init__.__globals__.os.system('id > f') }}"


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


def with_tag(tmp_path: Path, tag: str) -> Path:
    """The shipped template with ``tag`` typed as its own run after the signatory's name."""
    old = "<w:t>{{r ttd.nama }}</w:t>"
    text = tag.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return edited(tmp_path, lambda xml: xml.replace(old, f"{old}</w:r><w:r><w:t>{text}</w:t>", 1))


def codes(path: Path) -> list[str]:
    return [p.code for p in check_template(path) if p.severity == "error"]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(main, ["--lang", "en", *args], env=env or {})
    return result.exit_code, result.stdout + result.stderr, result.exception


# --------------------------------------------------------------------------- templates Word breaks


def test_shipped_template_passes() -> None:
    assert check_template(TEMPLATE) == []
    assert template_problems(TEMPLATE) == []


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
    path = edited(
        tmp_path, lambda xml: xml.replace("{%p for line in judul %}", "{%p for line in pembuka %}", 1)
    )
    problems = check_template(path)
    assert [(p.code, p.params["name"]) for p in problems] == [("tag_missing", "judul")]


def test_unknown_variable_is_an_error(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        lambda xml: xml.replace("<w:t>{{r ttd.nama }}</w:t>", "<w:t>{{r ttd.nama }}{{ nomr }}</w:t>", 1),
    )
    problems = check_template(path)
    assert [(p.code, p.severity, p.params["name"]) for p in problems] == [("tag_unknown", "error", "nomr")]


def test_misspelt_part_is_an_error(tmp_path: Path) -> None:
    [problem] = check_template(with_tag(tmp_path, "{{ ttd.nmaa }}"))
    assert (problem.code, problem.params["name"], problem.params["attr"]) == (
        "template_attribute",
        "ttd",
        "nmaa",
    )


def test_missing_table(tmp_path: Path) -> None:
    old = 'w:tblCaption w:val="isi-lampiran"'
    path = edited(tmp_path, lambda xml: xml.replace(old, 'w:tblCaption w:val="lain"'))
    assert codes(path) == ["table_missing"]


def test_missing_style(tmp_path: Path) -> None:
    renamed = lambda xml: xml.replace('<w:name w:val="Kop Garis"/>', '<w:name w:val="Garis Lain"/>')  # noqa: E731
    assert codes(edited(tmp_path, renamed, "word/styles.xml")) == ["style_missing"]


def test_documented_features_pass(tmp_path: Path) -> None:
    """What the README allows is allowed: loop helpers, filters, tests, conditions, arithmetic."""
    tag = (
        "{% for p in diktum if p.kind == 'item' %}{{ loop.index + 1 }}{{ loop.cycle('a', 'b') }}"
        "{{ p.kind|upper|default('x') }}{% if loop.last and p.label is defined %}-{% endif %}{% endfor %}"
        "{{ (lampiran|first).judul|length }}{{ judul[0] }}{{ tembusan|length // 2 }}"
    )
    assert check_template(with_tag(tmp_path, tag)) == []


# --------------------------------------------------------------------------- templates that attack

# (tag, codes the check must report)
ATTACKS = [
    ("cycler-globals", ATTACK, {"tag_unknown", "template_underscore", "template_call"}),
    ("class-mro", "{{ ''.__class__.__mro__ }}", {"template_underscore"}),
    (
        "subclasses",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        {"template_underscore", "template_call"},
    ),
    ("attr-filter", "{{ kop|attr('__class__') }}", {"template_filter"}),
    ("item-underscore", "{{ kop['__class__'] }}", {"template_underscore"}),
    ("item-concat", "{{ kop['_' ~ '_class__'] }}", {"template_underscore"}),
    ("set", "{% set x = cycler %}{{ x.__init__ }}", {"template_statement"}),
    ("set-block", "{% set x %}{{ kop }}{% endset %}", {"template_statement"}),
    ("self", "{{ self }}", {"tag_unknown"}),
    ("self-context", "{{ self._TemplateReference__context }}", {"tag_unknown", "template_underscore"}),
    ("include", "{% include 'word/styles.xml' %}", {"template_statement"}),
    ("import", "{% import 'x' as y %}", {"template_statement"}),
    ("from-import", "{% from 'x' import y %}", {"template_statement"}),
    ("extends", "{% extends 'x' %}", {"template_statement"}),
    ("macro", "{% macro m() %}{% endmacro %}", {"template_statement"}),
    ("autoescape-off", "{% autoescape false %}{{ judul }}{% endautoescape %}", {"template_statement"}),
    ("with", "{% with a = kop %}{{ a }}{% endwith %}", {"template_statement"}),
    ("format-string", "{{ '{0.__class__}'.format(kop) }}", {"template_call"}),
    ("percent-format", "{{ '%s' % kop }}", {"template_operator"}),
    ("range-loop", "{% for i in range(10**9) %}{% endfor %}", {"tag_unknown", "template_call"}),
    ("string-repeat", "{{ 'x' * 10**10 }}", {"template_operator"}),
    ("lipsum", "{{ lipsum(10**6) }}", {"tag_unknown", "template_call"}),
    ("namespace", "{{ namespace() }}", {"tag_unknown", "template_call"}),
    ("joiner", "{{ joiner() }}", {"tag_unknown", "template_call"}),
    ("dict", "{{ dict(a=1) }}", {"tag_unknown", "template_call"}),
    ("map-attribute", "{{ lampiran|map(attribute='__class__')|list }}", {"template_filter"}),
    ("safe", "{{ ttd.nama|safe }}", {"template_filter"}),
    ("method-call", "{{ judul.append(kop) }}", {"template_attribute", "template_call"}),
    ("loop-over-text", "{% for c in ttd.nama %}{% endfor %}", {"template_loop"}),
    ("loop-over-literal", "{% for i in [1, 2, 3] %}{% endfor %}", {"template_loop"}),
    ("loop-over-slice", "{% for i in diktum[::-1] %}{% endfor %}", {"template_loop"}),
    ("recursive-loop", "{% for p in diktum recursive %}{{ loop(p) }}{% endfor %}", {"template_statement"}),
    ("loop-outside", "{{ loop.index }}", {"tag_unknown"}),
    ("unknown-test", "{% if kop is callable %}x{% endif %}", {"template_test"}),
]


@pytest.mark.parametrize("tag, expected", [(t, e) for _, t, e in ATTACKS], ids=[i for i, _, _ in ATTACKS])
def test_attack_refused_by_the_check(
    tag: str, expected: set[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = with_tag(tmp_path, tag)
    problems = template_problems(path)
    assert expected <= {p.code for p in problems if p.severity == "error"}, problems
    assert all(p.path == path for p in problems)
    assert sorted(os.listdir(tmp_path)) == ["edited.docx"]


def test_cycler_attack_creates_no_file_anywhere(
    tmp_path: Path, seed: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's reproduction: `template check` refuses it, a render refuses it, no command runs."""
    monkeypatch.chdir(tmp_path)
    path = with_tag(tmp_path, ATTACK)
    code, out, exc = run("template", "check", str(path))
    assert code == 1 and isinstance(exc, SystemExit)
    assert f"{path}: error: The template uses 'cycler'" in out
    assert "names starting with '_' are program internals" in out
    assert "Traceback" not in out
    with pytest.raises(TemplateRejected) as refused:
        render(layout(seed), path)
    assert {p.code for p in refused.value.problems} >= {"tag_unknown", "template_underscore", "template_call"}
    assert not (tmp_path / "f").exists() and not (ROOT / "f").exists()


def test_build_with_attacking_template_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = with_tag(tmp_path, ATTACK)
    code, out, exc = run("build", str(SEED), "-o", str(tmp_path / "out"), "--template", str(path))
    assert code == 1 and isinstance(exc, SystemExit)
    assert str(path) in out and "Traceback" not in out
    assert not (tmp_path / "f").exists()
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_unclosed_tag_is_refused_by_render(tmp_path: Path, seed: Any) -> None:
    """It used to build, exit 0, with the letterhead missing."""
    path = edited(tmp_path, lambda xml: xml.replace("{{ kop.lambang }}", "{{ kop.lambang ", 1))
    with pytest.raises(TemplateRejected) as refused:
        render(layout(seed), path)
    assert "tag_unclosed" in {p.code for p in refused.value.problems}
    with pytest.raises(TemplateRejected):
        require_template(path)


def test_tags_in_a_header_are_checked(tmp_path: Path) -> None:
    document = docx.Document(str(TEMPLATE))
    document.sections[0].header.paragraphs[0].text = ATTACK
    path = tmp_path / "header.docx"
    document.save(str(path))
    problems = template_problems(path)
    assert {(p.code, p.params.get("part")) for p in problems} >= {("template_call", "word/header1.xml")}


def test_tags_in_core_properties_are_checked(tmp_path: Path) -> None:
    """docxtpl renders the title, subject, author ... as templates too."""
    document = docx.Document(str(TEMPLATE))
    document.core_properties.title = ATTACK
    path = tmp_path / "title.docx"
    document.save(str(path))
    assert "template_call" in codes(path)


# --------------------------------------------------------------------------- templates that stall


def nested(depth: int, body: str = "") -> str:
    return "".join(f"{{% for a{i} in konsiderans %}}" for i in range(depth)) + body + "{% endfor %}" * depth


def test_nested_loops_stop_at_the_loop_budget(tmp_path: Path, seed: Any) -> None:
    """Ten loops nested over the same list pass the check (each loop is allowed) but would run
    9**10 rounds: the render stops, quickly, with a message."""
    path = with_tag(tmp_path, nested(10))
    assert check_template(path) == []
    start = time.perf_counter()
    with pytest.raises(TemplateRejected) as refused:
        render(layout(seed), path)
    assert time.perf_counter() - start < 2
    [problem] = refused.value.problems
    assert problem.code == "template_loops" and problem.path == path


def test_output_stops_at_the_output_budget(
    tmp_path: Path, seed: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEPUTUSAN_MAX_TEMPLATE_OUTPUT_CHARS", "600000")
    path = with_tag(tmp_path, nested(4, "{{ a3.rich }}"))
    with pytest.raises(TemplateRejected) as refused:
        render(layout(seed), path)
    [problem] = refused.value.problems
    assert problem.code == "template_output"
    assert problem.params["env"] == "KEPUTUSAN_MAX_TEMPLATE_OUTPUT_CHARS"


@pytest.mark.parametrize(
    "tag",
    ["{%p " * 20_000, "{{r " * 20_000, "{# " * 20_000, "{% if kop %}" * 2_000 + "{% endif %}" * 2_000],
    ids=["open-paragraph-tags", "open-run-tags", "open-comments", "deep-nesting"],
)
def test_tangled_tags_are_refused_quickly(tag: str, tmp_path: Path) -> None:
    """docxtpl's tag clean-up is quadratic on openings without closings (80 KB took 15 s) and
    Jinja's parser recurses per nesting level: both are refused before they run."""
    path = with_tag(tmp_path, tag)
    start = time.perf_counter()
    problems = template_problems(path)
    assert time.perf_counter() - start < 1
    assert [(p.code, p.params["part"]) for p in problems] == [("template_too_complex", "word/document.xml")]


def test_template_too_big(tmp_path: Path) -> None:
    [problem] = template_problems(with_tag(tmp_path, os.urandom(1_100_000).hex()))
    assert problem.code == "template_too_big" and problem.params["limit"] == 2_000_000


def test_shipped_template_renders_within_budget(seed: Any) -> None:
    assert render(layout(seed))[:2] == b"PK"


# --------------------------------------------------------------------------- the sandbox alone

SANDBOX_ATTACKS = [
    ATTACK,
    "{{ x.__class__.__mro__[1].__subclasses__() }}",
    "{{ '{0.__class__}'.format(x) }}",
    "{{ '%s' % x }}",
    "{{ 'x' * 10000000000 }}",
    "{{ 2 ** 10 ** 10 }}",
    "{% for i in range(10**9) %}{% endfor %}",
    "{{ lipsum(10**6) }}",
    "{{ x|attr('__class__') }}",
    "{{ l|map('safe')|list }}",
    "{{ self._TemplateReference__context }}",
]


@pytest.mark.parametrize("source", SANDBOX_ATTACKS)
def test_sandbox_stops_what_the_check_would(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defence in depth: rendered without the static check, the attack still fails or yields nothing."""
    monkeypatch.chdir(tmp_path)
    budget = sandbox.Budget(1000, 100_000)
    env = sandbox.environment(budget)
    start = time.perf_counter()
    try:
        output = env.from_string(source).render({"x": 1, "l": ["a"]})
    except (SecurityError, TemplateError):
        output = ""
    assert time.perf_counter() - start < 1
    assert "class" not in output and "function" not in output
    assert os.listdir(tmp_path) == []


def test_sandbox_has_no_globals_and_only_documented_filters() -> None:
    env = sandbox.environment(sandbox.Budget(10, 10))
    assert env.globals == {}
    # and the sandbox's own, around loops and '~', which no template can name (they start with '_')
    assert {name for name in env.filters if not name.startswith("_")} == set(sandbox.FILTERS)
    assert set(env.tests) == set(sandbox.TESTS)
    assert env.autoescape is True


def test_sandbox_budgets() -> None:
    budget = sandbox.Budget(100, 10**6)
    env = sandbox.environment(budget)
    with pytest.raises(sandbox.Runaway):
        env.from_string("{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}").render(l=list(range(20)))
    budget = sandbox.Budget(1000, 50)
    env = sandbox.environment(budget)
    with pytest.raises(sandbox.Runaway):
        env.from_string("{% for a in l %}xxxxxxxxxx{% endfor %}").render(l=[1] * 10)


def test_autoescape_keeps_ampersands() -> None:
    env = sandbox.environment(sandbox.Budget(10, 1000))
    assert env.from_string("{{ s }}").render(s="utama & target") == "utama &amp; target"


# --------------------------------------------------------------------------- templates that are no DOCX


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
BAD_TEMPLATES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "png": (lambda d: _write(d / "t.docx", PNG), "template_unreadable"),
    "empty": (lambda d: _write(d / "t.docx", b""), "template_unreadable"),
    "text": (lambda d: _write(d / "t.docx", b"bukan docx"), "template_unreadable"),
    "no-document": (
        lambda d: _write(d / "t.docx", _zip({"[Content_Types].xml": b"<Types/>"})),
        "template_unreadable",
    ),
    "truncated": (lambda d: _write(d / "t.docx", TEMPLATE.read_bytes()[:5000]), "template_unreadable"),
    "folder": (lambda d: _folder(d / "t.docx"), "not_a_file"),
    "missing": (lambda d: d / "t.docx", "file_missing"),
    "xxe": (
        lambda d: _write(
            d / "t.docx",
            _zip(
                {
                    "[Content_Types].xml": b"<Types/>",
                    "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
                    b"<d>&x;</d>",
                }
            ),
        ),
        "docx_doctype",
    ),
    "zip-bomb": (
        lambda d: _write(
            d / "t.docx",
            _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (3 * 1024 * 1024)}),
        ),
        "docx_ratio",
    ),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.mark.parametrize("kind", sorted(BAD_TEMPLATES))
def test_not_a_docx_template_is_a_located_message(kind: str, tmp_path: Path, seed: Any) -> None:
    make, code = BAD_TEMPLATES[kind]
    path = make(tmp_path)
    [problem] = template_problems(path)
    assert (problem.code, problem.path) == (code, path)
    with pytest.raises(TemplateRejected) as refused:
        render(layout(seed), path)
    assert [(p.code, p.path) for p in refused.value.problems] == [(code, path)]
    exit_code, out, exc = run("template", "check", str(path))
    assert exit_code == 1 and isinstance(exc, SystemExit)
    assert out.startswith(f"{path}: error: ") and "Traceback" not in out


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_text("bukan docx")
    assert codes(path) == ["template_unreadable"]


def test_check_is_cached_by_content(tmp_path: Path) -> None:
    first = with_tag(tmp_path, "{{ nomr }}")
    copy = tmp_path / "copy.docx"
    copy.write_bytes(first.read_bytes())
    assert [p.path for p in template_problems(first)] == [first]
    start = time.perf_counter()
    assert [p.path for p in template_problems(copy)] == [copy]
    assert time.perf_counter() - start < 0.02


# --------------------------------------------------------------------------- the documented context


def _shape(value: Any, kind: sandbox.Type, where: str) -> None:
    """The renderer's values have only documented parts (a block has a table's or a paragraph's)."""
    if isinstance(kind, sandbox.Obj):
        assert isinstance(value, dict), where
        assert set(value) <= set(kind.parts), where
        for key, part in kind.parts.items():
            if key in value:
                _shape(value[key], part, f"{where}.{key}")
    elif isinstance(kind, sandbox.Seq):
        assert isinstance(value, list), where
        for item in value:
            _shape(item, kind.item, f"{where}[]")


def test_context_matches_the_documented_schema(seed: Any) -> None:
    from docxtpl import DocxTemplate

    values, _ = context(layout(seed), DocxTemplate(TEMPLATE))
    assert set(values) == set(sandbox.CONTEXT)
    ttd = sandbox.CONTEXT["ttd"]
    assert isinstance(ttd, sandbox.Obj) and set(values["ttd"]) == set(ttd.parts)
    for name, kind in sandbox.CONTEXT.items():
        _shape(values[name], kind, name)


def test_readme_documents_the_context() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Template context", 1)[1].split("\n## ", 1)[0]
    for name in sandbox.CONTEXT:
        assert f"| `{name}` |" in section, name
    mentioned = set(re.findall(r"`([\w=!<>]+)`", section))
    assert set(sandbox.FILTERS) <= mentioned
    assert set(sandbox.TESTS) <= mentioned
    for kind in (sandbox.PARA, sandbox.ROW, sandbox.BLOK):
        assert set(kind.parts) <= mentioned


# --------------------------------------------------------------------------- the outside attack (findings 1-9)

FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def repacked(tmp_path: Path, change: Callable[[dict[str, bytes]], None], name: str = "edited.docx") -> Path:
    """A copy of the shipped template whose parts ``change`` edits in place."""
    source = zipfile.ZipFile(TEMPLATE)
    parts = {n: source.read(n) for n in source.namelist()}
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def with_footnote(tmp_path: Path, text: str) -> Path:
    """The shipped template with a footnotes part holding ``text`` (docxtpl renders footnotes too)."""

    def add(parts: dict[str, bytes]) -> None:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        parts["word/footnotes.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W_NS}><w:footnote w:id="1"><w:p><w:r>'
            f'<w:t xml:space="preserve">{escaped}</w:t></w:r></w:p></w:footnote></w:footnotes>'
        ).encode()
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>",
            f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES}"/></Types>'.encode(),
        )
        parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
            b"</Relationships>",
            b'<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
        )

    return repacked(tmp_path, add, "footnote.docx")


def with_paragraphs(tmp_path: Path, *texts: str, at: str = "start") -> Path:
    """The shipped template with paragraphs of ``texts`` at the start (or end) of the body."""

    def add(parts: dict[str, bytes]) -> None:
        body = "".join(
            '<w:p><w:r><w:t xml:space="preserve">'
            + t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            + "</w:t></w:r></w:p>"
            for t in texts
        ).encode()
        xml = parts["word/document.xml"]
        if at == "start":
            parts["word/document.xml"] = xml.replace(b"<w:body>", b"<w:body>" + body, 1)
        else:
            end = xml.rindex(b"<w:sectPr")
            parts["word/document.xml"] = xml[:end] + body + xml[end:]

    return repacked(tmp_path, add, "paragraphs.docx")


def footnote_text(data: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml").decode()
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def decree_with(content_dir: Path, old: str, new: str) -> Any:
    """The seed decree with ``old`` replaced by ``new`` in its content file."""
    from keputusan.load import load

    text = SEED.read_text(encoding="utf-8")
    assert old in text
    path = content_dir / "sk.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load(path)


def test_footnotes_are_rendered_once(tmp_path: Path, seed: Any) -> None:
    """Finding 1: docxtpl rendered footnotes once per section, each pass taking the last output as
    a new template, so text the check passed ({% raw %}) ran as code in the second pass."""
    assert len(docx.Document(str(TEMPLATE)).sections) > 1  # what made docxtpl render them twice
    path = with_footnote(tmp_path, "{% raw %}[{{ 40 + 2 }}]{% endraw %}")
    assert check_template(path) == []
    assert footnote_text(render(layout(seed), path)) == "[{{ 40 + 2 }}]"


def test_content_printed_in_a_footnote_stays_text(tmp_path: Path, content_dir: Path) -> None:
    """Finding 1: the second pass turned content typed as '{{ 7 - 2 }}' into code (it printed 5)."""
    decree = decree_with(content_dir, "TAHUN 2021-2026\n", "TAHUN 2021-2026 {{ 7 - 2 }}\n")
    path = with_footnote(tmp_path, "{% for t in judul %}{{r t }}{% endfor %}")
    assert check_template(path) == []
    assert "2021-2026 {{ 7 - 2 }}" in footnote_text(render(layout(decree), path))


def test_sandbox_pays_for_loops_over_anything() -> None:
    """Finding 1: loops over literals (which the check refuses) still pay, if the check were bypassed."""
    nested = "{% for a in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) %}" * 6 + "{% endfor %}" * 6
    with pytest.raises(sandbox.Runaway):
        sandbox.environment(sandbox.Budget(100_000, 10**9)).from_string(nested).render()


@pytest.mark.parametrize(
    "source",
    [
        "{% set a = 'xx' %}" + "{% set a = a ~ a %}" * 24 + "{{ a|length }}",
        "{% set a = 'xx' %}" + "{% set a = a + a %}" * 24 + "{{ a|length }}",
        "{{ s|upper|lower|upper|lower|length }}",
    ],
    ids=["concat", "plus", "filters"],
)
def test_sandbox_pays_for_the_text_a_template_builds(source: str) -> None:
    """Finding 1: text doubled with '~' or '+' (it reached 3.2 GB and a MemoryError), or made
    by filters, is paid for as it is made, even if it is never printed."""
    with pytest.raises(sandbox.Runaway):
        sandbox.environment(sandbox.Budget(1000, 1_000_000)).from_string(source).render(s="x" * 300_000)


def letterhead_cell(tmp_path: Path, text: str) -> Path:
    """The shipped template with a paragraph of ``text`` in the letterhead table's first cell."""
    anchor = b"<w:t>{{ kop.lambang }}</w:t></w:r></w:p>"

    def add(parts: dict[str, bytes]) -> None:
        assert anchor in parts["word/document.xml"]
        extra = f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'.encode()
        parts["word/document.xml"] = parts["word/document.xml"].replace(anchor, anchor + extra, 1)

    return repacked(tmp_path, add, "cell.docx")


@pytest.mark.parametrize("name", ["colspan", "cellbg"])
def test_cell_tags_are_refused_before_docxtpl_backtracks(name: str, tmp_path: Path, seed: Any) -> None:
    """Finding 2: docxtpl's expression for an unclosed '{% colspan ' followed by spaces backtracks
    for minutes (4,000 spaces: 17 s; 16,000: over 590 s). Cell tags are not in the template
    context: they are refused before it runs."""
    path = letterhead_cell(tmp_path, f"{{% {name} " + " " * 4000 + "x")
    start = time.perf_counter()
    problems = template_problems(path)
    assert time.perf_counter() - start < 10
    assert [(p.code, p.params["name"], p.params["part"]) for p in problems] == [
        ("template_statement", name, "word/document.xml")
    ]
    with pytest.raises(TemplateRejected):
        render(layout(seed), path)


def test_row_tags_outside_rows_are_refused_quickly(tmp_path: Path) -> None:
    """docxtpl searches each {%tr %} up to the end of its row, and to the end of the part outside
    one: 40,000 of them after the last table would take about a minute (2 MB, a quarter of an hour)."""
    path = with_paragraphs(tmp_path, "{%tr if 1 %}" * 40_000, at="end")
    start = time.perf_counter()
    problems = template_problems(path)
    assert time.perf_counter() - start < 10
    assert [(p.code, p.params["part"]) for p in problems] == [("template_too_complex", "word/document.xml")]


def test_many_runs_in_one_paragraph_are_checked_quickly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 5: the split-tag check tried every run for every tag: one paragraph of 20,000 runs,
    each holding a tag, took 16 s (60,000: 191 s)."""
    monkeypatch.setenv("KEPUTUSAN_MAX_TEMPLATE_TAGS", "100000")  # by default, refused for its tags

    def add(parts: dict[str, bytes]) -> None:
        para = b"<w:p>" + b"<w:r><w:t>{#a#}</w:t></w:r>" * 20_000 + b"</w:p>"
        parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", b"<w:body>" + para, 1)

    path = repacked(tmp_path, add)
    start = time.perf_counter()
    assert check_template(path) == []
    assert time.perf_counter() - start < 10


def test_a_template_of_too_many_tags_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """The attack of finding 6 held 50,000 loops (1.6 MB): Jinja took 3 s to parse it. The
    shipped template has about a hundred tags; more than the limit are refused unparsed."""
    path = with_paragraphs(tmp_path, "{% for q in judul %}{% endfor %}" * 6_000)
    [problem] = template_problems(path)
    assert (problem.code, problem.params["limit"], problem.params["env"]) == (
        "template_too_many_tags",
        10_000,
        "KEPUTUSAN_MAX_TEMPLATE_TAGS",
    )
    assert problem.params["count"] > 12_000


def test_split_tags_are_still_counted_by_runs(tmp_path: Path) -> None:
    """The bisection counts the runs a tag spans as before, empty runs inside it included."""
    old = "<w:t>{{r ttd.nama }}</w:t>"
    split = "<w:t>{{r </w:t></w:r><w:r><w:t></w:t></w:r><w:r><w:t>ttd.</w:t></w:r><w:r><w:t>nama }}</w:t>"
    [problem] = check_template(edited(tmp_path, lambda xml: xml.replace(old, split, 1)))
    assert (problem.code, problem.params["count"]) == ("tag_split", 4)


def test_dead_loops_buy_no_rounds(tmp_path: Path, seed: Any) -> None:
    """Finding 6: the loop budget grew with every for-tag, even those that never run: 50,000 of
    them inside {% if false %} let 12 loops nested over diktum run 29 s and 796 MB."""
    from docxtpl import DocxTemplate

    values, _ = context(layout(seed), DocxTemplate(TEMPLATE))
    few, many = sandbox.budget_for(values, 10, 0), sandbox.budget_for(values, 50_000, 0)
    assert (few.loops, few.per_loop) == (many.loops, many.per_loop)
    dead = "{% if false %}" + "{% for q in judul %}{% endfor %}" * 2_000 + "{% endif %}"
    path = with_paragraphs(tmp_path, dead, nested(8).replace("konsiderans", "diktum"))
    assert check_template(path) == []
    start = time.perf_counter()
    with pytest.raises(TemplateRejected) as refused:
        render(layout(seed), path)
    assert time.perf_counter() - start < 10
    assert [p.code for p in refused.value.problems] == ["template_loops"]


RENDER_CRASHES = [
    "{{ 1 // 0 }}",
    "{{ 1 / 0 }}",
    "{{ 3 is divisibleby 0 }}",
    "{{ 1e999|int }}",
    "{{ judul - 1 }}",
    "{{ 'a' < 1 }}",
    "{{ 'x' + 1 }}",
    "{% for p in diktum %}{{ (loop.cycle)() }}{% endfor %}",
    "{% for x, y in judul %}{% endfor %}",
]


@pytest.mark.parametrize("tag", RENDER_CRASHES)
def test_a_template_failing_at_render_is_named(tag: str, tmp_path: Path, seed: Any) -> None:
    """Finding 7: templates that pass the check but fail as they render were an 'internal error,
    please report' blamed on the content file; they are the template's failure."""
    path = with_paragraphs(tmp_path, tag)
    assert check_template(path) == []
    with pytest.raises(TemplateRejected) as refused:
        render(layout(seed), path)
    [problem] = refused.value.problems
    assert (problem.code, problem.path) == ("template_render_failed", path)


def test_build_names_the_failing_template_not_the_content(tmp_path: Path) -> None:
    path = with_paragraphs(tmp_path, "{{ 1 // 0 }}")
    code, out, exc = run("build", str(SEED), "-o", str(tmp_path / "out"), "--template", str(path))
    assert code == 1 and isinstance(exc, SystemExit), out
    assert f"{path}: error: The template failed while rendering: ZeroDivisionError" in out
    assert "Traceback" not in out and "internal error" not in out.lower()


@pytest.mark.parametrize(
    "tag",
    [
        "{% if kop %}" * 100 + "{% endif %}" * 100,
        nested(30),
        "{{ " + " and ".join(["kop"] * 200) + " }}",
        "{{ kop" + "|length" * 200 + " }}",
    ],
    ids=["100-ifs", "30-loops", "200-ands", "200-filters"],
)
def test_nesting_python_cannot_compile_is_refused_by_the_check(tag: str, tmp_path: Path) -> None:
    """Finding 7: nesting Jinja parses but Python cannot compile (IndentationError, 'too many
    statically nested blocks', 'too many nested parentheses') passed the check."""
    assert [p.code for p in check_template(with_tag(tmp_path, tag))] == ["template_too_complex"]


def test_documented_nesting_still_passes(tmp_path: Path) -> None:
    deep = nested(sandbox.MAX_LOOP_DEPTH, "{% if kop %}" * 20 + "{{ a0.rich }}" + "{% endif %}" * 20)
    assert check_template(with_tag(tmp_path, deep)) == []


def test_a_doctype_in_any_part_is_refused(tmp_path: Path) -> None:
    """Finding 8: only parts named .xml or .rels were pre-parsed: a main part named word/main.bin
    with a DOCTYPE passed the check and built."""

    def rename(parts: dict[str, bytes]) -> None:
        document = parts.pop("word/document.xml").decode()
        head, rest = document.split("?>", 1)
        parts["word/main.bin"] = (head + '?><!DOCTYPE w:document [<!ENTITY a "b">]>' + rest).encode()
        parts["word/_rels/main.bin.rels"] = parts.pop("word/_rels/document.xml.rels")
        parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"word/document.xml", b"word/main.bin")
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"/word/document.xml", b"/word/main.bin"
        )

    [problem] = template_problems(repacked(tmp_path, rename))
    assert (problem.code, problem.params["part"]) == ("docx_doctype", "word/main.bin")

    def media(parts: dict[str, bytes]) -> None:
        parts["word/media/extra.bin"] = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'

    [problem] = template_problems(repacked(tmp_path, media))
    assert (problem.code, problem.params["part"]) == ("docx_doctype", "word/media/extra.bin")


def test_a_template_under_another_main_part_name_still_checks(tmp_path: Path) -> None:
    """The main part is found through _rels/.rels, as python-docx finds it, whatever its name."""

    def rename(parts: dict[str, bytes]) -> None:
        parts["word/main.xml"] = parts.pop("word/document.xml")
        parts["word/_rels/main.xml.rels"] = parts.pop("word/_rels/document.xml.rels")
        parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"word/document.xml", b"word/main.xml")
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"/word/document.xml", b"/word/main.xml"
        )

    assert check_template(repacked(tmp_path, rename)) == []
    path = repacked(tmp_path, lambda parts: rename(parts) or parts.__setitem__("word/main.xml", b"<x/>"))
    assert codes(path) == ["template_unreadable"]


@pytest.mark.parametrize(
    "tag, code",
    [
        ("{{ {}.items }}", "template_attribute"),
        ('{{ "".format_map }}', "template_attribute"),
        ("{{ [].append }}", "template_attribute"),
        ("{% for _ in judul %}{% endfor %}", "template_underscore"),
        ("{% for __x in judul %}{% endfor %}", "template_underscore"),
    ],
)
def test_methods_and_underscore_loop_names_are_refused(tag: str, code: str, tmp_path: Path) -> None:
    """Finding 9: these passed the check; methods printed '<built-in method ... at 0x7fe9...>'."""
    assert code in codes(with_tag(tmp_path, tag))


@pytest.mark.parametrize(
    "source",
    ["{{ d.items }}", "{{ s.format_map }}", "{{ d['keys'] }}", "{{ l }}", "{{ d }}", "{{ d|string }}"],
)
def test_sandbox_prints_only_text_numbers_and_images(source: str) -> None:
    """Finding 9, if the check were bypassed: no method, list or mapping is printed."""
    env = sandbox.environment(sandbox.Budget(1000, 100_000))
    with pytest.raises(SecurityError):
        env.from_string(source).render(d={"a": 1}, s="x", l=[1])


def test_sandbox_still_prints_what_a_decree_holds() -> None:
    from docxtpl import RichText

    env = sandbox.environment(sandbox.Budget(1000, 100_000))
    source = "{{ s }}|{{ n }}|{{ r }}|{{ u }}|{{ l|length }}|{% for x in l %}{{ loop.cycle('a', 'b') }}{% endfor %}"
    out = env.from_string(source).render(s="x & y", n=2, r=RichText("kaya"), l=[1, 2])
    assert out.startswith("x &amp; y|2|<w:r>") and out.endswith("||2|ab")


def test_content_that_looks_like_an_escaped_tag_prints_as_typed(content_dir: Path) -> None:
    """Finding 9: docxtpl turned '{_{ a }_}' in the output into '{{ a }}' (the PDF showed it as
    typed); content is data and appears as typed in both."""
    from keputusan.docx_text import docx_lines

    decree = decree_with(content_dir, "TAHUN 2021-2026\n", "TAHUN 2021-2026 {_{ a }_} {_% b %_}\n")
    assert any("2021-2026 {_{ a }_} {_% b %_}" in line for line in docx_lines(render(layout(decree))))


def _body(runs: int, extra: str = "") -> Any:
    from lxml import etree

    xml = (
        f"<w:body {W_NS}><w:p>{extra}"
        + '<w:r><w:t xml:space="preserve">:</w:t></w:r>' * runs
        + "</w:p></w:body>"
    )
    return etree.fromstring(xml.encode())


def test_the_rendered_body_moves_in_linear_time() -> None:
    """lxml moves each xml:space attribute into another document through a namespace cache that
    never hits: docxtpl's map_tree took 1.3 s for 100,000 text runs and grew with their square."""
    from docxtpl import DocxTemplate

    from keputusan.render_docx import _map_body

    tpl = DocxTemplate(TEMPLATE)
    tpl.init_docx()
    tree = _body(400_000)
    start = time.perf_counter()
    _map_body(tpl, tree)
    assert time.perf_counter() - start < 10
    assert tpl.docx.element.body is tree and len(tree[0]) == 400_000
    assert tree[0][-1][0].get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_the_rendered_body_moves_to_the_same_bytes() -> None:
    from docxtpl import DocxTemplate
    from lxml import etree

    from keputusan.render_docx import _map_body

    extra = '<w:r><w:t xml:space="preserve" w:x="1">a</w:t><w:t w:x="1" xml:space="preserve">b</w:t></w:r>'
    saved = []
    for move in (_map_body, DocxTemplate.map_tree):
        tpl = DocxTemplate(TEMPLATE)
        tpl.init_docx()
        move(tpl, _body(3, extra))
        saved.append(etree.tostring(tpl.docx.element))
    assert saved[0] == saved[1]
