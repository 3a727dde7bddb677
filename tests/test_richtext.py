"""The rich-text markup: italics, bold, lists, breaks, and everything else literal."""

from __future__ import annotations

import pytest

from keputusan.richtext import Break, ListBlock, Paragraph, RichText, Run


def runs(source: str) -> list[tuple[str, bool, bool]]:
    [block] = RichText(source).blocks
    assert isinstance(block, Paragraph)
    return [(r.text, r.italic, r.bold) for r in block.inlines if isinstance(r, Run)]


def test_italic_and_bold() -> None:
    assert runs("bersifat *impact* dan **tegas**") == [
        ("bersifat ", False, False),
        ("impact", True, False),
        (" dan ", False, False),
        ("tegas", False, True),
    ]


def test_bold_italic() -> None:
    assert runs("***keduanya***") == [("keduanya", True, True)]


@pytest.mark.parametrize(
    "literal",
    [
        "utama & target",
        "a < b > c",
        "{{ nomor }}",
        "{% if x %}y{% endif %}",
        "5 * 3 * 2",
        "*",
        "**",
        "tanda * sendiri",
        "\"kutip\" dan 'kutip'",
        "<w:t>xml</w:t>",
    ],
    ids=[
        "ampersand",
        "angle",
        "jinja-var",
        "jinja-tag",
        "spaced-asterisks",
        "one-star",
        "two-stars",
        "lone-star",
        "quotes",
        "xml",
    ],
)
def test_everything_else_is_literal(literal: str) -> None:
    assert RichText(literal).plain() == literal


def test_escaped_asterisk() -> None:
    assert runs(r"nilai \*tidak miring\*") == [("nilai *tidak miring*", False, False)]


def test_single_newline_is_a_space_and_backslash_breaks() -> None:
    [block] = RichText("baris satu\nlanjutan\\\nbaris dua").blocks
    assert isinstance(block, Paragraph)
    assert [type(i).__name__ for i in block.inlines] == ["Run", "Break", "Run"]
    assert block.inlines[0] == Run("baris satu lanjutan")
    assert isinstance(block.inlines[1], Break)


def test_lists_and_paragraphs() -> None:
    text = RichText("Sumber:\n- Peraturan A\n- Peraturan *B*\n\nPenutup.\n\n1. satu\n2. dua")
    kinds = [type(b).__name__ for b in text.blocks]
    assert kinds == ["Paragraph", "ListBlock", "Paragraph", "ListBlock"]
    bullets = text.blocks[1]
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert bullets.items[1].inlines == (Run("Peraturan "), Run("B", italic=True))
    numbered = text.blocks[3]
    assert isinstance(numbered, ListBlock) and numbered.ordered and len(numbered.items) == 2
    assert text.plain() == "Sumber:\n- Peraturan A\n- Peraturan B\nPenutup.\n1. satu\n2. dua"


def test_equality_by_source() -> None:
    assert RichText("a *b*") == RichText("a *b*")
    assert RichText("a *b*") != RichText("a b")
