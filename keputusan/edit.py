"""Small edits to a content file's text that keep everything else as typed.

A secretariat's YAML carries comments, blank lines and its own key order;
taking a number or drafting a revision must change only the lines it means
to change. Edits are made on the text, at the positions the YAML parser
reports, never by re-dumping the data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Optional

import yaml

from .errors import ContentError
from .yamlsource import _NULL, Located, read_yaml


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when our reader reads it back as the same text, else quoted."""
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


def _line_bounds(text: str, index: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return start, (len(text) if end < 0 else end + 1)


def set_keys(text: str, path: Path, updates: Mapping[str, Optional[str]], after: tuple[str, ...]) -> str:
    """Set (or, with None, remove) top-level scalar keys.

    A new key goes on its own line after the first of ``after`` that exists,
    or after keys inserted before it.
    """
    for key, value in updates.items():
        source = _located(text, path)
        if (key,) in source.keys:
            span = source.spans[(key,)]
            if value is None:
                start, _ = _line_bounds(text, source_index(text, source, key))
                _, end = _line_bounds(text, span[1] - 1 if span[1] > span[0] else span[0])
                text = text[:start] + text[end:]
            else:
                text = text[: span[0]] + scalar(value) + text[span[1] :]
            continue
        if value is None:
            continue
        anchor = next((k for k in after if (k,) in source.keys), None)
        line = f"{key}: {scalar(value)}\n"
        if anchor is None:
            text = line + text if not text.startswith("#") else _after_comments(text, line)
        else:
            span = source.spans[(anchor,)]
            _, end = _line_bounds(text, max(span[1] - 1, span[0]))
            text = text[:end] + line + text[end:]
        after = (key, *after)
    return text


def source_index(text: str, source: Located, key: str) -> int:
    mark = source.keys[(key,)]
    offset = 0
    for _ in range(mark.line - 1):
        offset = text.index("\n", offset) + 1
    return offset + mark.column - 1


def _after_comments(text: str, line: str) -> str:
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines) and (lines[index].startswith("#") or not lines[index].strip()):
        index += 1
    return "".join(lines[:index] + [line] + lines[index:])


def insert_before_last_item(text: str, path: Path, key: str, item_lines: list[str]) -> str:
    """Insert a block-sequence item before the last item of the top-level list ``key``."""
    source = _located(text, path)
    items = source.data.get(key) if isinstance(source.data, dict) else None
    if not isinstance(items, list) or not items:
        raise ValueError(f"{key} is not a list")
    start = source.spans[(key, len(items) - 1)][0]
    line_start, _ = _line_bounds(text, start)
    prefix = text[line_start:start]
    dash = prefix.rfind("-")
    if dash < 0:
        raise ValueError(f"{key} is not a block list")
    indent = " " * dash
    body = [f"{indent}- {item_lines[0]}\n"] + [f"{indent}  {line}\n" for line in item_lines[1:]]
    return text[:line_start] + "".join(body) + text[line_start:]
