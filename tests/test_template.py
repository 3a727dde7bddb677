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
        render(seed, path)
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
        render(seed, path)
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
        render(seed, path)
    assert time.perf_counter() - start < 2
    [problem] = refused.value.problems
    assert problem.code == "template_loops" and problem.path == path


def test_output_stops_at_the_output_budget(
    tmp_path: Path, seed: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEPUTUSAN_MAX_DOCX_UNPACKED_BYTES", "600000")
    path = with_tag(tmp_path, nested(4, "{{ a3.rich }}"))
    with pytest.raises(TemplateRejected) as refused:
        render(seed, path)
    [problem] = refused.value.problems
    assert problem.code == "template_output"
    assert problem.params["env"] == "KEPUTUSAN_MAX_DOCX_UNPACKED_BYTES"


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
    assert render(seed)[:2] == b"PK"


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
        output = env.from_string(source).render(sandbox.bounded({"x": 1, "l": ["a"]}, budget))
    except (SecurityError, TemplateError):
        output = ""
    assert time.perf_counter() - start < 1
    assert "class" not in output and "function" not in output
    assert os.listdir(tmp_path) == []


def test_sandbox_has_no_globals_and_only_documented_filters() -> None:
    env = sandbox.environment(sandbox.Budget(10, 10))
    assert env.globals == {}
    assert set(env.filters) == set(sandbox.FILTERS)
    assert set(env.tests) == set(sandbox.TESTS)
    assert env.autoescape is True


def test_sandbox_budgets() -> None:
    budget = sandbox.Budget(100, 10**6)
    env = sandbox.environment(budget)
    values = sandbox.bounded({"l": list(range(20))}, budget)
    with pytest.raises(sandbox.Runaway):
        env.from_string("{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}").render(values)
    budget = sandbox.Budget(1000, 50)
    env = sandbox.environment(budget)
    with pytest.raises(sandbox.Runaway):
        env.from_string("{% for a in l %}xxxxxxxxxx{% endfor %}").render(
            sandbox.bounded({"l": [1] * 10}, budget)
        )


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
        render(seed, path)
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

    values, _ = context(seed, DocxTemplate(TEMPLATE))
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
