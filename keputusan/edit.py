"""Small edits to a content file's text that keep everything else as typed.

A secretariat's YAML carries comments, blank lines and its own key order;
taking a number or drafting a revision must change only the lines it means
to change. Edits are made on the text, at the positions the YAML parser
reports, never by re-dumping the data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

import yaml

from .errors import ContentError
from .yamlsource import _NULL, Located, read_yaml

BOM = "\ufeff"
_FLOW_INDICATORS = frozenset(",[]{}")


@dataclass(frozen=True)
class SourceText:
    """A content file's text as typed: without its byte-order mark, line ends kept.

    A file whose lines end in a bare CR (old Mac style) is edited with LF line
    ends and written back with CR: every edit finds its lines by LF.
    """

    text: str
    bom: bool
    cr: bool = False  # the file's lines end in a bare CR

    @classmethod
    def read(cls, path: Path) -> SourceText:
        """Read ``path`` as UTF-8 (no newline translation: a CRLF file stays CRLF)."""
        return cls.decode(path.read_bytes())

    @classmethod
    def decode(cls, data: bytes) -> SourceText:
        """A content file's bytes as UTF-8 text (raises UnicodeDecodeError)."""
        raw = data.decode("utf-8")
        text = raw.removeprefix(BOM)
        cr = "\r" in text and "\n" not in text
        return cls(text.replace("\r", "\n") if cr else text, raw.startswith(BOM), cr)

    def encode(self, text: str) -> bytes:
        """``text`` as the file's bytes, with the byte-order mark when the file had one."""
        if self.cr:
            text = text.replace("\n", "\r")
        return ((BOM if self.bom else "") + text).encode("utf-8")


def newline_of(text: str) -> str:
    """The line end the file uses (that of its first line)."""
    end = text.find("\n")
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def scalar(value: str, flow: bool = False) -> str:
    """``value`` as a YAML scalar: plain when our reader reads it back as the same text, else quoted.

    In a flow mapping (``{a: 1, b: 2}``) a value holding a flow indicator is quoted too.
    """
    if flow and _FLOW_INDICATORS & set(value):
        return json.dumps(value, ensure_ascii=False)
    try:
        node = yaml.compose(f"k: {value}\n", Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        node = None
    if node is not None and isinstance(node, yaml.MappingNode) and len(node.value) == 1:
        scalar_node = node.value[0][1]
        if (
            isinstance(scalar_node, yaml.ScalarNode)
            and scalar_node.style is None
            and scalar_node.value == value
        ):
            if value and not _NULL.match(value):
                return value
    return json.dumps(value, ensure_ascii=False)


def _located(text: str, path: Path) -> Located:
    source = read_yaml(text, path)
    if source.problems:
        raise ContentError(source.problems)
    return source


def _is_flow(text: str) -> bool:
    """Whether the top-level mapping is written in flow style, ``{key: value, ...}``."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return isinstance(node, yaml.MappingNode) and bool(node.flow_style)


def _line_bounds(text: str, index: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return start, (len(text) if end < 0 else end + 1)


def set_keys(text: str, path: Path, updates: Mapping[str, Optional[str]], after: tuple[str, ...]) -> str:
    """Set (or, with None, remove) top-level scalar keys.

    A new key goes after the first of ``after`` that exists, or after keys
    inserted before it: on its own line in a block mapping, as ``, key: value``
    in a flow mapping. An empty value (``nomor:``) is filled in; line ends and
    comments stay as typed.
    """
    _located(text, path)  # a ContentError, rather than a YAMLError, for text that does not parse
    flow = _is_flow(text)
    for key, value in updates.items():
        source = _located(text, path)
        if (key,) in source.keys:
            if value is None:
                text = _remove(text, source, key, flow)
            else:
                text = _replace(text, source, key, scalar(value, flow))
                after = (key, *after)
            continue
        if value is None:
            continue
        anchor = next((k for k in after if (k,) in source.keys), None)
        if flow:
            text = _insert_flow(text, source, key, scalar(value, flow), anchor)
        else:
            text = _insert_block(text, source, f"{key}: {scalar(value)}", anchor)
        after = (key, *after)
    return text


def _replace(text: str, source: Located, key: str, written: str) -> str:
    start, end = source.spans[(key,)]
    if start == end:  # an empty value: the span sits right after the colon
        written = " " + written
    return text[:start] + written + text[end:]


def _remove(text: str, source: Located, key: str, flow: bool) -> str:
    span = source.spans[(key,)]
    if flow:
        start, end = source_index(text, source, key), span[1]
        following = re.match(r"\s*,[ \t]*", text[end:])
        if following:
            return text[:start] + text[end + following.end() :]
        preceding = re.search(r",\s*$", text[:start])
        return text[: preceding.start() if preceding else start] + text[end:]
    start, _ = _line_bounds(text, source_index(text, source, key))
    _, end = _line_bounds(text, span[1] - 1 if span[1] > span[0] else span[0])
    return text[:start] + text[end:]


def _insert_block(text: str, source: Located, line: str, anchor: Optional[str]) -> str:
    newline = newline_of(text)
    if anchor is None:
        return _after_comments(text, line + newline)
    span = source.spans[(anchor,)]
    _, end = _line_bounds(text, max(span[1] - 1, span[0]))
    if end == len(text) and not text.endswith("\n"):  # the anchor is the last line, with no line end
        return text + newline + line + newline
    return text[:end] + line + newline + text[end:]


def _insert_flow(text: str, source: Located, key: str, written: str, anchor: Optional[str]) -> str:
    if anchor is not None:
        end = source.spans[(anchor,)][1]
    else:
        end = max(span[1] for loc, span in source.spans.items() if len(loc) == 1)
    return text[:end] + f", {key}: {written}" + text[end:]


def source_index(text: str, source: Located, key: str) -> int:
    mark = source.keys[(key,)]
    offset = 0
    for _ in range(mark.line - 1):
        offset = text.index("\n", offset) + 1
    return offset + mark.column - 1


def _after_comments(text: str, line: str) -> str:
    """Insert ``line`` after the leading comments, blank lines and document markers."""
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines) and (lines[index].startswith(("#", "%", "---")) or not lines[index].strip()):
        index += 1
    return "".join(lines[:index] + [line] + lines[index:])


def insert_before_last_item(text: str, path: Path, key: str, item: Mapping[str, str]) -> str:
    """Insert a mapping item before the last item of the top-level list ``key``.

    A block list gets ``- key: value`` lines at its indent; a flow list
    (``[a, b]``) gets a JSON-style ``{"key": "value"}, `` before its last item.
    """
    source = _located(text, path)
    items = source.data.get(key) if isinstance(source.data, dict) else None
    if not isinstance(items, list) or not items:
        raise ContentError([source.problem((key,), "expected_list", found=_kind(items))])
    start = source.spans[(key, len(items) - 1)][0]
    line_start, _ = _line_bounds(text, start)
    prefix = text[line_start:start]
    dash = prefix.rfind("-")
    if dash < 0 or prefix[dash + 1 :].strip():
        flow = "{" + ", ".join(
            f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in item.items()
        )
        return text[:start] + flow + "}, " + text[start:]
    indent, newline = " " * dash, newline_of(text)
    lines = [f"{k}: {scalar(v)}" for k, v in item.items()]
    body = [f"{indent}- {lines[0]}{newline}"] + [f"{indent}  {line}{newline}" for line in lines[1:]]
    return text[:line_start] + "".join(body) + text[line_start:]


def _kind(value: object) -> str:
    return "nothing" if value is None else "mapping" if isinstance(value, dict) else repr(str(value)[:40])


# --------------------------------------------------------------------------- whole values, comments

WIDTH = 92  # columns of a line these edits write (the seed's own width)

Value = Union[str, Sequence[Mapping[str, str]]]
"""What :func:`set_value` writes: a text, or a list of mappings of texts (``- id: ... teks: ...``)."""


def _block_lines(text: str, source: Located, key: str) -> tuple[int, int]:
    """[start, end) of the lines a top-level key of a block mapping takes: its key line through
    the last line of its value. A block value's node ends where the next key starts; the blank
    lines and the comments at the left margin before that key belong to the next key."""
    start, _ = _line_bounds(text, source_index(text, source, key))
    span = source.spans[(key,)]
    _, end = _line_bounds(text, max(span[1] - 1, span[0]))
    if span[1] > span[0] and text[span[1] - 1] == "\n":  # the node ended at the next line's start
        end = span[1]
    while end > start:
        last, _ = _line_bounds(text, end - 1)
        line = text[last:end]
        if last <= start or (line.strip() and not line.startswith("#")):
            break
        end = last
    return start, end


def _comments_above(text: str, start: int) -> int:
    """Where the comment lines at the left margin right above the line at ``start`` begin (the
    comment describing the key on that line: no blank line between them)."""
    while start > 0:
        above, _ = _line_bounds(text, start - 1)
        if not text[above:start].startswith("#"):
            break
        start = above
    return start


def _wrap_words(value: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in value.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _reads_back(lines: list[str], value: str) -> bool:
    """Whether ``lines`` (a key at the margin and its value) read back as exactly ``value``."""
    try:
        data = yaml.load("\n".join(lines), Loader=yaml.BaseLoader)  # scalars as text, as our reader
    except yaml.YAMLError:
        return False
    return isinstance(data, dict) and list(data.values()) == [value]


def _text_lines(name: str, value: str, indent: str) -> list[str]:
    """``name: value`` with ``name`` at the margin and a block's lines at ``indent``: plain or
    quoted on one line when it fits (or cannot be broken), a folded block (``>-``) for long
    one-line text, a literal block (``|-``) for text of several lines. Each form is read back
    first; double quotes when a block would not read back as exactly ``value``."""
    if "\n" not in value:
        plain = f"{name}: {scalar(value)}"
        if len(indent) + len(plain) <= WIDTH or " " not in value.strip():
            return [plain]
        lines = [f"{name}: >-"] + [indent + line for line in _wrap_words(value, WIDTH - len(indent))]
    else:
        lines = [f"{name}: |-"] + [indent + line if line else "" for line in value.split("\n")]
    return lines if _reads_back(lines, value) else [f"{name}: {json.dumps(value, ensure_ascii=False)}"]


def render(key: str, value: Value, indent: str = "", step: str = "  ") -> list[str]:
    """``key: value`` as block YAML lines, the key at ``indent``."""
    if isinstance(value, str):
        lines = _text_lines(key, value, indent + step)
        return [indent + lines[0], *lines[1:]]
    out = [f"{indent}{key}:"]
    for item in value:
        for index, (name, text) in enumerate(item.items()):
            lead = f"{indent}{step}- " if index == 0 else f"{indent}{step}  "
            lines = _text_lines(name, text, f"{indent}{step}  {step}")
            out += [lead + lines[0], *lines[1:]]
    return out


def set_value(
    text: str,
    path: Path,
    key: str,
    value: Value,
    after: tuple[str, ...] = (),
    comment: Sequence[str] = (),
) -> str:
    """Set a top-level key to ``value``, whatever value it had (a scalar, a list, a block), or
    add it after the first of ``after`` that exists (else after the leading comments).

    In a block mapping the key is written in block style, with the ``comment`` lines above it
    in place of the comment that described the old value; in a flow mapping as JSON.
    """
    source = _located(text, path)
    if _is_flow(text):
        written = json.dumps(value, ensure_ascii=False)
        if (key,) in source.keys:
            start, end = source.spans[(key,)]
            return text[:start] + written + text[end:]
        anchor = next((k for k in after if (k,) in source.keys), None)
        return _insert_flow(text, source, key, written, anchor)
    newline = newline_of(text)
    notes = [f"# {line}".rstrip() for line in comment]
    if (key,) in source.keys:
        start, end = _block_lines(text, source, key)
        if comment:
            start = _comments_above(text, start)
        indent = " " * (source.keys[(key,)].column - 1)
        lines = [indent + note for note in notes] + render(key, value, indent)
        return text[:start] + "".join(line + newline for line in lines) + text[end:]
    written = "".join(line + newline for line in notes + render(key, value))
    anchor = next((k for k in after if (k,) in source.keys), None)
    if anchor is None:
        return _after_comments(text, written)
    _, end = _block_lines(text, source, anchor)
    if end == len(text) and not text.endswith("\n"):
        return text + newline + written
    return text[:end] + written + text[end:]


def remove_key(text: str, path: Path, key: str) -> str:
    """Remove a top-level key with its value, whatever its shape; in a block mapping also the
    comment right above it (which described it), and a blank line the removal leaves doubled."""
    source = _located(text, path)
    if (key,) not in source.keys:
        return text
    if _is_flow(text):
        return _remove(text, source, key, True)
    start, end = _block_lines(text, source, key)
    before, rest = text[: _comments_above(text, start)], text[end:]
    blank_before = not before or before.endswith(("\n\n", "\n\r\n"))
    if blank_before and rest.lstrip(" \t").startswith(("\n", "\r\n")):
        rest = rest[rest.index("\n") + 1 :]
    if not rest.strip():  # the last key: no blank lines left at the end of the file
        before = before.rstrip("\r\n \t") + newline_of(text) if before.strip() else before
        rest = ""
    return before + rest


def replace_header(text: str, lines: Sequence[str]) -> str:
    """Replace the comment lines (and blank lines) at the top of the file, up to the first key,
    directive or document marker, with ``lines`` as comments followed by one blank line."""
    newline = newline_of(text)
    body = text.splitlines(keepends=True)
    index = 0
    while index < len(body) and (body[index].startswith("#") or not body[index].strip()):
        index += 1
    header = "".join(f"# {line}".rstrip() + newline for line in lines)
    return header + newline + "".join(body[index:])
