"""Small edits to a content file's text that keep everything else as typed.

A secretariat's YAML carries comments, blank lines and its own key order;
taking a number or drafting a revision must change only the lines it means
to change. Edits are made on the text, at the positions the YAML parser
reports, never by re-dumping the data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

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
