"""YAML text -> plain data with the line and column of every key and value (owns PyYAML).

Every scalar is kept as the text that was typed: the model decides what is a
number or a date. That keeps ``nomor: 02`` as "02" and ``no`` as "no", instead
of YAML 1.1's octal 2 and ``False``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

Loc = tuple[Any, ...]
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
MAX_NODES = 200_000


@dataclass(frozen=True)
class Mark:
    line: int
    column: int


@dataclass
class Located:
    """Data read from YAML, with where each part of it was written."""

    path: Path
    data: Any
    values: dict[Loc, Mark] = field(default_factory=dict)
    keys: dict[Loc, Mark] = field(default_factory=dict)
    spans: dict[Loc, tuple[int, int]] = field(default_factory=dict)  # value text: [start, end) offsets
    problems: list[Problem] = field(default_factory=list)

    def mark(self, loc: Loc, prefer_key: bool = False) -> Mark:
        """Where the part at ``loc`` was written; the nearest written ancestor if absent."""
        loc = tuple(loc)
        while loc:
            if prefer_key and loc in self.keys:
                return self.keys[loc]
            if loc in self.values:
                return self.values[loc]
            if loc in self.keys:
                return self.keys[loc]
            loc = loc[:-1]
        return self.values.get((), Mark(1, 1))

    def problem(self, loc: Loc, code: str, prefer_key: bool = False, **params: Any) -> Problem:
        where = self.mark(loc, prefer_key)
        return Problem(self.path, where.line, where.column, code, params)


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, located: Located) -> None:
        self.located = located
        self.count = 0
        self.active: set[int] = set()

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge(node)
        if id(node) in self.active:
            raise _Recursive(node)
        self.located.values.setdefault(loc, _mark(node))
        self.located.spans.setdefault(loc, (node.start_mark.index, node.end_mark.index))
        if isinstance(node, yaml.ScalarNode):
            if node.style is None and node.tag != "tag:yaml.org,2002:str" and _NULL.match(node.value):
                return None
            return node.value
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
            assert isinstance(node, yaml.MappingNode)
            return self._mapping(node, loc)
        finally:
            self.active.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                where = _mark(key_node)
                self.located.problems.append(
                    Problem(self.located.path, where.line, where.column, "key_not_text")
                )
                continue
            key = key_node.value
            if key == "<<":
                where = _mark(key_node)
                self.located.problems.append(
                    Problem(self.located.path, where.line, where.column, "merge_key")
                )
                continue
            where = _mark(key_node)
            if key in first_seen:
                self.located.problems.append(
                    Problem(
                        self.located.path,
                        where.line,
                        where.column,
                        "duplicate_key",
                        {"key": key, "first_line": first_seen[key].line},
                    )
                )
                continue
            first_seen[key] = where
            self.located.keys[loc + (key,)] = where
            out[key] = self.build(value_node, loc + (key,))
        return out


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Recursive(_TooLarge):
    pass


def read_yaml(text: str, path: Path) -> Located:
    """Parse one YAML document. Syntax problems come back as problems, never as exceptions."""
    located = Located(path, None)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and mark is not None and mark.index >= len(text.rstrip()):
            mark = exc.context_mark  # "unexpected end of file": point at what was left open
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        reason = exc.problem or exc.context or "syntax"
        located.problems.append(Problem(path, line, column, "yaml_syntax", {"detail": reason}))
        return located
    except yaml.YAMLError as exc:  # reader errors: characters YAML does not allow
        position = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        located.problems.append(
            Problem(path, line, column, "yaml_syntax", {"detail": str(exc).splitlines()[0]})
        )
        return located
    except RecursionError:
        located.problems.append(Problem(path, 1, 1, "yaml_too_deep"))
        return located
    if node is None:
        located.problems.append(Problem(path, 1, 1, "empty_file"))
        return located
    try:
        located.data = _Builder(located).build(node, ())
    except _Recursive as exc:
        where = _mark(exc.node)
        located.problems.append(Problem(path, where.line, where.column, "yaml_recursive"))
    except (_TooLarge, RecursionError):
        located.problems.append(Problem(path, 1, 1, "yaml_too_deep"))
    return located


def read_yaml_file(path: Path) -> Located:
    from .limits import env_name, limit

    try:
        size = path.stat().st_size
        if path.is_file() and size > limit("content_bytes"):
            params = {
                "size": size // 1024,
                "limit": limit("content_bytes") // 1024,
                "env": env_name("content_bytes"),
            }
            return Located(path, None, problems=[Problem(path, None, None, "file_too_large", params)])
        raw = path.read_bytes()
    except FileNotFoundError:
        return Located(path, None, problems=[Problem(path, None, None, "file_missing")])
    except IsADirectoryError:
        return Located(path, None, problems=[Problem(path, None, None, "not_a_file")])
    except OSError as exc:
        return Located(
            path, None, problems=[Problem(path, None, None, "file_unreadable", {"detail": exc.strerror})]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Located(path, None, problems=[Problem(path, line, 1, "not_utf8")])
    return read_yaml(text, path)
