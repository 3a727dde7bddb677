"""The small rich-text markup used in every text field of a decree.

The markup is a Markdown subset, chosen because staff can type it in any
editor and it reads naturally as plain text:

* ``*italic*`` and ``**bold**`` (``***both***``);
* a line starting with ``- `` or ``• `` is a bullet item; ``1. ``, ``1) ``, ``a. `` or ``a) ``
  a numbered or lettered item (the tool counts: every item may be typed ``1.``); a
  line indented further than the item above starts a list inside that item, at any depth;
* a blank line separates paragraphs; a single newline is a space, so long
  lines may be wrapped freely; a line ending in ``\\`` forces a line break;
* a backslash before a punctuation character makes it literal (``\\*``).

Everything else, including ``&``, ``<``, ``{{ }}`` and ``{% %}``, is text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional, Union

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from .yamlsource import FORBIDDEN_CHARS


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style; ``rev`` marks it inserted or deleted in a redline, and
    ``move`` names the move it belongs to (deleted: moved away; inserted: moved here)."""

    text: str
    italic: bool = False
    bold: bool = False
    rev: Optional[str] = None
    move: str = ""


@dataclass(frozen=True)
class Break:
    """A forced line break inside a paragraph or list item (in a redline, inserted or deleted)."""

    rev: Optional[str] = None


Inline = Union[Run, Break]


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]


LIST_STYLES = ("1.", "1)", "a.", "a)", "-", "•")


@dataclass(frozen=True)
class ListItem:
    inlines: tuple[Inline, ...]
    sub: tuple[ListBlock, ...] = ()  # lists inside this item


@dataclass(frozen=True)
class ListBlock:
    """A list in one marker style: '1.', '1)', 'a.', 'a)', '-' or '•'."""

    style: str
    items: tuple[ListItem, ...]

    @property
    def ordered(self) -> bool:
        return self.style not in ("-", "•")

    def marker(self, number: int) -> str:
        """The printed marker of the ``number``-th item (1-based): 'c.', '3)', '-'."""
        if not self.ordered:
            return self.style
        from .text import huruf

        count = huruf(number) if self.style[0] == "a" else str(number)
        return count + self.style[1]


Block = Union[Paragraph, ListBlock]

_ITEM = re.compile(r"^(\s*)([-•]|\d{1,3}[.)]|[a-z][.)])\s+(.*)$")
# Private-use code points stand in for escaped characters while emphasis is parsed.
_ESCAPE_BASE = 0xF0000
_ESCAPABLE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS = re.compile(
    r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*"
    r"|\*\*(?=\S)(.+?)(?<=\S)\*\*"
    r"|\*(?=[^\s*])(.+?)(?<=[^\s*])\*",
    re.DOTALL,
)
_CONTROL = re.compile(f"[{FORBIDDEN_CHARS}]")


def _protect(text: str) -> str:
    return _ESCAPABLE.sub(lambda m: chr(_ESCAPE_BASE + ord(m.group(1))), text)


_RESTORE = {_ESCAPE_BASE + code: code for code in range(128)}


def _restore(text: str) -> str:
    """The escaped characters back from their stand-ins (one C-level pass, not one per character)."""
    return text.translate(_RESTORE)


def _emphasis(text: str, italic: bool, bold: bool) -> list[Run]:
    runs: list[Run] = []
    pos = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > pos:
            runs.append(Run(_restore(text[pos : match.start()]), italic, bold))
        both, strong, emph = match.groups()
        if both is not None:
            runs.extend(_emphasis(both, True, True))
        elif strong is not None:
            runs.extend(_emphasis(strong, italic, True))
        else:
            runs.extend(_emphasis(emph, True, bold))
        pos = match.end()
    if pos < len(text):
        runs.append(Run(_restore(text[pos:]), italic, bold))
    return runs


def _inlines(lines: list[str]) -> tuple[Inline, ...]:
    """Join a block's source lines into styled runs and forced breaks."""
    out: list[Inline] = []
    for index, line in enumerate(lines):
        # an odd number of backslashes at the end: the last one breaks the line (the others are
        # escaped backslashes, 'C:\\' then a break)
        hard_break = (len(line) - len(line.rstrip("\\"))) % 2 == 1
        text = line[:-1].rstrip() if hard_break else line.strip()
        if index and out and not isinstance(out[-1], Break):
            text = " " + text
        for run in _emphasis(_protect(text), False, False):
            if (
                out
                and isinstance(out[-1], Run)
                and (out[-1].italic, out[-1].bold)
                == (
                    run.italic,
                    run.bold,
                )
            ):
                out[-1] = Run(out[-1].text + run.text, run.italic, run.bold)
            elif run.text:
                out.append(run)
        if hard_break and index < len(lines) - 1:
            out.append(Break())
    return tuple(out)


def _style(marker: str) -> str:
    if marker in ("-", "•"):
        return marker
    return ("1" if marker[0].isdigit() else "a") + marker[-1]


@dataclass
class _OpenList:
    indent: int
    style: str
    items: list[tuple[list[str], list[ListBlock]]]

    def close(self) -> ListBlock:
        return ListBlock(
            self.style, tuple(ListItem(_inlines(lines), tuple(sub)) for lines, sub in self.items)
        )


def parse(source: str) -> tuple[Block, ...]:
    """Parse markup into blocks. Never fails: unmatched markers stay literal."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    stack: list[_OpenList] = []  # open lists, outermost first

    def close_to(depth: int) -> None:
        """Close open lists until ``depth`` remain; a closed inner list joins its item."""
        while len(stack) > depth:
            done = stack.pop().close()
            if stack:
                stack[-1].items[-1][1].append(done)
            else:
                blocks.append(done)

    def flush() -> None:
        if paragraph:
            blocks.append(Paragraph(_inlines(paragraph)))
            paragraph.clear()
        close_to(0)

    for raw in source.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            flush()
            continue
        found = _ITEM.match(raw.expandtabs(4))
        if found is None:
            if stack:
                stack[-1].items[-1][0].append(raw)
            else:
                paragraph.append(raw)
            continue
        indent, style, text = len(found.group(1)), _style(found.group(2)), found.group(3)
        if paragraph:
            blocks.append(Paragraph(_inlines(paragraph)))
            paragraph.clear()
        while stack and indent < stack[-1].indent:
            close_to(len(stack) - 1)
        if stack and indent > stack[-1].indent:
            stack.append(_OpenList(indent, style, []))
        elif stack and style != stack[-1].style:
            close_to(len(stack) - 1)
            stack.append(_OpenList(indent, style, []))
        elif not stack:
            stack.append(_OpenList(indent, style, []))
        stack[-1].items.append(([text], []))
    flush()
    return tuple(blocks)


def _list_lines(block: ListBlock, depth: int) -> list[str]:
    lines = []
    for number, item in enumerate(block.items, 1):
        lines.append(f"{'  ' * depth}{block.marker(number)} {inline_plain(item.inlines)}")
        for sub in item.sub:
            lines += _list_lines(sub, depth + 1)
    return lines


def escape_markup(text: str) -> str:
    """Plain text (a number, a name) made safe to embed in markup: its '*' and '\\' stay literal."""
    return re.sub(r"([*\\])", r"\\\1", text)


def inline_plain(inlines: tuple[Inline, ...]) -> str:
    return "".join("\n" if isinstance(i, Break) else i.text for i in inlines)


class RichText:
    """A text field's source markup and its parsed blocks; equal when sources are equal."""

    __slots__ = ("source", "blocks")

    def __init__(self, source: str) -> None:
        self.source = source
        self.blocks = parse(source)

    def __repr__(self) -> str:
        return f"RichText({self.source!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RichText) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)

    def plain(self) -> str:
        """The text without markup: paragraphs and list items on their own lines."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                lines.append(inline_plain(block.inlines))
            else:
                lines += _list_lines(block, 0)
        return "\n".join(lines)

    @classmethod
    def validate(cls, value: str) -> RichText:
        if _CONTROL.search(value):
            raise PydanticCustomError("control_character", "text contains a control character")
        if not value.strip():
            raise PydanticCustomError("empty_text", "text is empty")
        return cls(value)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source_type: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from_str = core_schema.no_info_after_validator_function(cls.validate, core_schema.str_schema())
        return core_schema.json_or_python_schema(
            json_schema=from_str,
            python_schema=core_schema.union_schema([core_schema.is_instance_schema(cls), from_str]),
            serialization=core_schema.plain_serializer_function_ser_schema(lambda v: v.source),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "minLength": 1,
            "description": "Teks dengan markah: *miring*, **tebal**, '- ' butir, "
            "'1. ' butir bernomor, baris kosong = paragraf baru, '\\' di akhir baris = ganti baris.",
        }
