"""YAML text -> plain data with the line and column of every key and value (owns PyYAML).

Every scalar is kept as the text that was typed: the model decides what is a
number or a date. That keeps ``nomor: 02`` as "02" and ``no`` as "no", instead
of YAML 1.1's octal 2 and ``False``.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from .errors import Problem

Loc = tuple[Any, ...]
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
MAX_NODES = 200_000
# C0 controls but tab, line feed and carriage return; DEL and C1 controls; lone surrogates;
# non-characters; and the bidirectional embeddings, overrides and isolates, which make Word show
# "Rp 500.000" where the text says "Rp 000.005"
# (one definition for every text the tool takes: richtext and the register build on it)
BIDI_CHARS = "\u202a-\u202e\u2066-\u2069"
FORBIDDEN_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff" + BIDI_CHARS
_BIDI = re.compile(f"[{BIDI_CHARS}]")
_FORBIDDEN = re.compile(f"[{FORBIDDEN_CHARS}]")


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


_Scalar = yaml.ScalarNode


class _Builder:
    def __init__(self, located: Located, flow_checked: bool = False) -> None:
        from .limits import env_name, limit

        self.located = located
        self.values, self.spans = located.values, located.spans
        self.flow_checked = flow_checked  # nodes from libyaml: see _flow_marks and _FAST_DEPTH
        self.max_text, self.max_text_env = limit("text_chars"), env_name("text_chars")
        self.count = 0
        self.active: set[int] = set()

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge(node)
        if id(node) in self.active:
            raise _Recursive(node)
        start = node.start_mark
        if loc not in self.values:  # (an alias's node is met again, under another loc)
            self.values[loc] = Mark(start.line + 1, start.column + 1)
            self.spans[loc] = (start.index, node.end_mark.index)
        if isinstance(node, _Scalar):
            # a plain scalar's style is None from the pure-Python parser, "" from libyaml
            value = node.value
            if not node.style and node.tag != "tag:yaml.org,2002:str" and _NULL.match(value):
                return None
            if len(value) > self.max_text or _FORBIDDEN.search(value) is not None:
                self._check_text(node)
            return value
        if self.flow_checked and isinstance(node, yaml.CollectionNode):
            if node.flow_style:
                _flow_marks(node)
            if len(loc) > _FAST_DEPTH:  # the pure-Python parser may run out of stack first
                raise _Unlike
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
            assert isinstance(node, yaml.MappingNode)
            return self._mapping(node, loc)
        finally:
            self.active.discard(id(node))

    def _check_text(self, node: yaml.ScalarNode) -> None:
        """Characters no decree text may hold, whatever the field: reported once, here, where
        they were written (a double-quoted escape such as "\\ud800" or "\\u202e" makes them)."""
        value = node.value
        if len(value) > self.max_text:
            where = _mark(node)
            params = {"count": len(value), "limit": self.max_text, "env": self.max_text_env}
            self.located.problems.append(
                Problem(self.located.path, where.line, where.column, "text_too_long", params)
            )
            return
        found = _FORBIDDEN.search(value)
        if found is None:
            return
        where = _mark(node)
        char = found.group(0)
        code = "bidi_character" if _BIDI.match(char) else "bad_character"
        params = {"char": f"U+{ord(char):04X}"}
        self.located.problems.append(Problem(self.located.path, where.line, where.column, code, params))

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
            if len(key) > self.max_text or _FORBIDDEN.search(key) is not None:
                self._check_text(key_node)
            where = _mark(key_node)
            if key == "<<":
                self.located.problems.append(
                    Problem(self.located.path, where.line, where.column, "merge_key")
                )
                continue
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


def _flow_marks(node: yaml.Node) -> None:
    """Raise :class:`_Unlike` if a flow collection composed by libyaml holds an empty key or value:
    libyaml marks it where the next token starts, the pure-Python parser right after the colon."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
    for item in items:
        if isinstance(item, yaml.ScalarNode) and not item.value and not item.style:
            raise _Unlike


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Recursive(_TooLarge):
    pass


_FAST_DEPTH = 100  # a decree nests 10 levels; past 490 the pure-Python parser's recursion ends
_TAG = re.compile(r"(?:^|[\s\[{,])!", re.M)
_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")


def _fast_ok(text: str) -> bool:
    """Whether libyaml may read ``text``: where a differential fuzz of the content files found it
    reading a document otherwise than the pure-Python parser, the text is left to that one. Text
    must end with a line break (at the end of the stream libyaml marks nodes a line further), and
    hold no tab (libyaml takes a tab after a plain scalar, which PyYAML refuses), no byte order
    mark, no '?' where a flow collection could hold it (libyaml takes [a?], PyYAML does not), no
    tag (libyaml resolves '!' otherwise), no comment right after a block scalar's '|' or '>'
    (libyaml takes it) and no directive."""
    return (
        text.endswith("\n")
        and "\t" not in text
        and "\ufeff" not in text
        and ("?" not in text or ("[" not in text and "{" not in text))
        and ("!" not in text or _TAG.search(text) is None)
        and _HEADER_COMMENT.search(text) is None
        and not text.startswith("%")
        and "\n%" not in text
    )


_FastLoader: Optional[type[Any]] = None
if hasattr(yaml, "CSafeLoader"):  # PyYAML built with libyaml

    class _CLoader(yaml.CSafeLoader):
        """libyaml's parser, resolving tags only as far as :class:`_Builder` reads them: whether a
        plain scalar is null (text :func:`_fast_ok` admits holds no tag). PyYAML's resolver tries a
        dozen patterns on every scalar, a fifth of the time libyaml takes."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is yaml.ScalarNode:
                null = implicit[0] and _NULL.match(value)
                return "tag:yaml.org,2002:null" if null else "tag:yaml.org,2002:str"
            return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"

    _FastLoader = _CLoader


class _Unlike(Exception):
    """libyaml marked a node otherwise than the pure-Python parser would have."""


def read_yaml(text: str, path: Path) -> Located:
    """Parse one YAML document. Syntax problems come back as problems, never as exceptions.

    libyaml (PyYAML's C extension) composes the same nodes with the same marks as the pure-Python
    parser, ten times faster, for text :func:`_fast_ok` admits. A document it refuses, any trouble
    it has, an empty value in a flow collection (which it marks at the next token, not after the
    colon) and a document nested more than :data:`_FAST_DEPTH` levels (where the pure-Python parser
    may run out of stack, which libyaml does not) are read again by the pure-Python parser: every
    problem is found and worded exactly as before.
    """
    if _FastLoader is not None and _fast_ok(text):
        try:
            node = yaml.compose(text, Loader=_FastLoader)
        except Exception:  # the pure-Python parser below says what is wrong
            pass
        else:
            try:
                return _located(Located(path, None), node, flow_checked=True)
            except _Unlike:
                pass
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
    return _located(located, node)


def _located(located: Located, node: Optional[yaml.Node], flow_checked: bool = False) -> Located:
    """The data of a composed document, with the marks of its parts."""
    path = located.path
    if node is None:
        located.problems.append(Problem(path, 1, 1, "empty_file"))
        return located
    try:
        located.data = _Builder(located, flow_checked).build(node, ())
    except (_TooLarge, RecursionError) as exc:
        if flow_checked:  # read by libyaml: the pure-Python parser's answer is the one
            raise _Unlike from None
        if isinstance(exc, _Recursive):
            where = _mark(exc.node)
            located.problems.append(Problem(path, where.line, where.column, "yaml_recursive"))
        elif isinstance(exc, _TooLarge):
            params = {"limit": f"{MAX_NODES:,}"}
            located.problems.append(Problem(path, 1, 1, "yaml_too_many_parts", params))
        else:
            located.problems.append(Problem(path, 1, 1, "yaml_too_deep"))
    return located


def too_large(path: Path, size: int) -> Problem:
    """A content or profile file over the size limit."""
    from .limits import env_name, limit

    params = {"size": size // 1024, "limit": limit("content_bytes") // 1024, "env": env_name("content_bytes")}
    return Problem(path, None, None, "file_too_large", params)


def read_yaml_file(path: Path) -> Located:
    """Read and parse a content or profile file: an ordinary file, at most the content size limit."""
    from .limits import limit

    def refused(code: str, **params: Any) -> Located:
        return Located(path, None, problems=[Problem(path, None, None, code, params)])

    most = limit("content_bytes")
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return refused("not_a_file")
        if not stat.S_ISREG(info.st_mode):  # a device or a pipe: never opened, it may never end
            return refused("not_regular_file")
        with path.open("rb") as handle:
            raw = handle.read(most + 1)
    except FileNotFoundError:
        return refused("file_missing")
    except OSError as exc:
        return refused("file_unreadable", detail=exc.strerror or type(exc).__name__)
    if len(raw) > most:
        return Located(path, None, problems=[too_large(path, max(info.st_size, len(raw)))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Located(path, None, problems=[Problem(path, line, 1, "not_utf8")])
    return read_yaml(text, path)


def alias_count(text: str) -> int:
    """How many aliases (``*name``) a YAML text holds, by its events (nothing is built): the web
    app refuses a working copy with more than its file, as aliases of aliases expand
    exponentially (a 'billion laughs'). A text that does not parse counts 0; its reader names it."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return sum(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=loader))
    except yaml.YAMLError:
        return 0
