"""Edit a content file's data and write it back so that ``git diff`` shows only what changed.

This module owns ruamel.yaml, a round-trip YAML library: it keeps comments, key order and
the style of each scalar. ruamel does not keep every layout as typed (a sequence nested in a
sequence, ``- - a``, comes back re-indented), so the text written is not ruamel's dump of the
edited data but a merge: ruamel dumps the data as read (D0) and as edited (D1); the lines
D1 changes are carried into the text as typed, and a region where the typed text and D0
differ only in layout is replaced by D1's lines only where D1 changes something inside it.
The merge is then read back: if it does not hold exactly the edited data, D1 is written
whole (still the right data, with more lines changed).
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import io
import re
from collections.abc import Iterator
from typing import Any, Optional, Union

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString

Key = Union[str, int]
Path_ = tuple[Key, ...]

_UNUSUAL = re.compile("[\u2028\u2029\x85\x00-\x08\x0b-\x1f\x7f\ufeff]")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^-?\d{1,12}$")


class EditError(Exception):
    """A path that does not lead to a value of the document (a stale or forged form)."""

    def __init__(self, path: Path_) -> None:
        super().__init__(f"no such place: {path!r}")
        self.path = path


def _yaml() -> YAML:
    y = YAML()  # round-trip
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.compact(seq_seq=True, seq_map=True)
    return y


def load(text: str) -> Any:
    """The document as ruamel's round-trip data (CommentedMap / CommentedSeq)."""
    return _yaml().load(text)


def dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def plain(data: Any) -> Any:
    """The data as the decree loader sees it (keputusan.yamlsource: 'yes' is text, a date is
    text until the model reads it), to compare two texts by what they hold."""
    from pathlib import Path

    from .yamlsource import read_yaml

    text = data if isinstance(data, str) else dump(data)
    source = read_yaml(text, Path("kerja.yaml"))
    if source.problems:
        raise ValueError(source.problems[0].code)
    return source.data


# --------------------------------------------------------------------------- reading and editing


def get(data: Any, path: Path_) -> Any:
    node = data
    for key in path:
        node = _child(node, key, path)
    return node


def _child(node: Any, key: Key, path: Path_) -> Any:
    if isinstance(node, dict) and isinstance(key, str) and key in node:
        return node[key]
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    raise EditError(path)


def _parent(data: Any, path: Path_) -> tuple[Any, Key]:
    if not path:
        raise EditError(path)
    return get(data, path[:-1]), path[-1]


def shown(value: Any) -> str:
    """A scalar as a form field shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def typed(text: str, old: Any) -> Any:
    """The value to store for ``text`` typed in a field that held ``old``.

    Text stays text (content is data: ``{{ }}``, ``: `` and ``<`` are kept as typed); only a
    field that held a number or a date takes a number or a date, and only when the text is one.
    Whatever else was typed is stored as text, for the decree's check to name.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(old, bool):
        return {"ya": True, "tidak": False}.get(text.strip(), text)
    if isinstance(old, int) and _INT.match(text.strip()):
        return int(text.strip())
    if isinstance(old, (dt.date, dt.datetime)) or (old is None and _DATE.match(text.strip())):
        day = _DMY.match(text.strip())  # 22/09/2023 or 22-09-2023, as dates are written in Indonesia
        try:
            if day:
                return dt.date(int(day.group(3)), int(day.group(2)), int(day.group(1)))
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            return text
    if old is None and not text.strip():
        return None
    if _UNUSUAL.search(text):  # line and paragraph separators, controls: escaped in double quotes
        return DoubleQuotedScalarString(text)
    if "\n" in text:
        plain_edges = text == text.strip("\n") and not text.startswith((" ", "\t"))
        return _faithful(LiteralScalarString(text), text) if plain_edges else DoubleQuotedScalarString(text)
    if isinstance(old, (FoldedScalarString, LiteralScalarString)):
        # ruamel keeps a block style when a plain str replaces it: choose the style here
        if not (text == text.strip() and text):
            return DoubleQuotedScalarString(text)
        return _faithful(folded(text, kept=_kept_folds(old, text)), text)
    return text


def _faithful(styled: str, text: str) -> str:
    """A block style (``|`` or ``>``) only where it reads back as typed: ruamel writes some
    whitespace-only or space-edged texts in block style wrongly; those are written quoted."""
    try:
        if plain(dump({"x": styled})) == {"x": text}:
            return styled
    except ValueError:
        pass
    quoted: str = DoubleQuotedScalarString(text)
    return quoted


def _kept_folds(old: Any, text: str) -> list[int]:
    """The line breaks of the text as it was typed that lie before the first changed character,
    so that a word changed in a paragraph leaves the lines above it as they were."""
    before = str(old)
    same = 0
    while same < min(len(before), len(text)) and before[same] == text[same]:
        same += 1
    return [at for at in getattr(old, "fold_pos", None) or [] if at < same and text[at : at + 1] == " "]


def folded(text: str, width: int = 84, kept: Optional[list[int]] = None) -> FoldedScalarString:
    """A folded scalar (``>-``) broken at spaces into lines of at most ``width`` characters, as
    people type them (ruamel otherwise writes it on one line); ``kept``: breaks to keep first."""
    value: FoldedScalarString = FoldedScalarString(text)
    breaks: list[int] = sorted(kept or [])
    start = breaks[-1] + 1 if breaks else 0
    while len(text) - start > width:
        at = text.rfind(" ", start, start + width + 1)
        if at <= start or text[at - 1] == " " or text[at + 1 : at + 2] == " ":
            break  # no single space to fold at: the rest stays on one line
        breaks.append(at)
        start = at + 1
    value.fold_pos = breaks  # type: ignore[attr-defined]
    return value


def set_text(data: Any, path: Path_, text: str) -> bool:
    """Store the text typed for ``path``; False (and nothing changed) when it shows the same."""
    parent, key = _parent(data, path)
    old = _child(parent, key, path) if not (isinstance(parent, dict) and key not in parent) else None
    if isinstance(old, (dict, list)):
        raise EditError(path)
    if shown(old) == text.replace("\r\n", "\n"):
        return False
    value = typed(text, old)
    if isinstance(parent, dict) and isinstance(key, str):
        if value is None and key not in parent:
            return False
        parent[key] = value
    else:
        parent[key] = value
    return True


def insert(data: Any, path: Path_, index: int, value: Any) -> None:
    """Insert ``value`` into the list at ``path`` (made when absent under a mapping)."""
    try:
        seq = get(data, path)
    except EditError:
        parent, key = _parent(data, path)
        if not (isinstance(parent, dict) and isinstance(key, str) and key not in parent):
            raise
        parent[key] = seq = CommentedSeq()
    if not isinstance(seq, list) or not 0 <= index <= len(seq):
        raise EditError(path)
    seq.insert(index, _commented(value))


def remove(data: Any, path: Path_) -> Any:
    parent, key = _parent(data, path)
    if not isinstance(parent, list) or not isinstance(key, int):
        raise EditError(path)
    _child(parent, key, path)
    return parent.pop(key)


def move(data: Any, path: Path_, to: int) -> None:
    """Move the list item at ``path`` to index ``to`` of the same list."""
    parent, key = _parent(data, path)
    if not isinstance(parent, list) or not isinstance(key, int) or not 0 <= to < len(parent):
        raise EditError(path)
    item = parent.pop(key)
    parent.insert(to, item)


def move_between(data: Any, path: Path_, target: Path_, to: int) -> None:
    """Move the item at ``path`` into the list at ``target`` (e.g. an indicator to another sasaran)."""
    seq = get(data, target)
    if not isinstance(seq, list) or not 0 <= to <= len(seq):
        raise EditError(target)
    seq.insert(to, remove(data, path))


def _commented(value: Any) -> Any:
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _commented(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(_commented(v) for v in value)
    return copy.deepcopy(value)


# --------------------------------------------------------------------------- where things are


def positions(data: Any) -> list[tuple[int, int, Path_]]:
    """(line, column, path) of every key and item, 1-based like check's messages, in order."""
    found: list[tuple[int, int, Path_]] = []

    def walk(node: Any, path: Path_) -> None:
        if isinstance(node, CommentedMap):
            for key in node:
                try:
                    line, col = node.lc.key(key)
                except (KeyError, TypeError, AttributeError):
                    continue
                found.append((line + 1, col + 1, (*path, key)))
                walk(node[key], (*path, key))
        elif isinstance(node, CommentedSeq):
            for index, item in enumerate(node):
                try:
                    line, col = node.lc.item(index)
                except (KeyError, TypeError, AttributeError):
                    continue
                found.append((line + 1, col + 1, (*path, index)))
                walk(item, (*path, index))

    walk(data, ())
    return sorted(found, key=lambda f: (f[0], f[1], len(f[2])))


def path_at(places: list[tuple[int, int, Path_]], line: Optional[int], column: Optional[int]) -> Path_:
    """The deepest key or item that starts at or before ``line:column``."""
    if line is None:
        return ()
    best: Path_ = ()
    for at_line, at_col, path in places:
        if (at_line, at_col) <= (line, column or 1):
            best = path
        else:
            break
    return best


# --------------------------------------------------------------------------- writing back


def merged(original: str, data: Any) -> str:
    """The text to write for ``data`` read from ``original`` and edited (see the module's doc).
    Raises :class:`Unfaithful` when no text found reads back as ``data``."""
    first = _first(original)
    edited = dump(data)
    if edited == first:
        return original
    if first != original:
        text = _merge(
            original.splitlines(keepends=True),
            first.splitlines(keepends=True),
            edited.splitlines(keepends=True),
        )
        if holds(text, data):
            return text
    if holds(edited, data):
        return edited
    raise Unfaithful()


_FIRSTS: dict[str, str] = {}


def _first(original: str) -> str:
    """ruamel's dump of a file as read (D0), kept for the few files being edited."""
    if original not in _FIRSTS:
        if len(_FIRSTS) >= 8:
            _FIRSTS.pop(next(iter(_FIRSTS)))
        _FIRSTS[original] = dump(load(original))
    return _FIRSTS[original]


class Unfaithful(Exception):
    """ruamel wrote text that does not read back as the data (never written to the file)."""


def _scalars(node: Any) -> Any:
    """Data with every scalar as the text a reader of the file gets (dates ISO, numbers as typed)."""
    if isinstance(node, dict):
        return {str(k): _scalars(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_scalars(v) for v in node]
    if node is None:
        return node
    if isinstance(node, bool):
        return "true" if node else "false"
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    return str(node)


def holds(text: str, data: Any) -> bool:
    """Whether the decree loader reads ``text`` as exactly ``data`` (ruamel's round-trip data), and
    ruamel can read it again (the next edit starts from it)."""
    try:
        return bool(_scalars(plain(text)) == _scalars(data)) and _scalars(load(text)) == _scalars(data)
    except Exception:  # PyYAML's and ruamel's many errors: not this text
        return False


def _merge(typed_lines: list[str], first: list[str], edited: list[str]) -> str:
    # units over D0 (first): a line equal to the typed text, or a layout block
    units: list[tuple[int, int, int, int]] = []  # (j1, j2, i1, i2) of D0 and of the typed text
    matcher = difflib.SequenceMatcher(
        None, [_shape(t) for t in typed_lines], [_shape(f) for f in first], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            units.extend((j1 + k, j1 + k + 1, i1 + k, i1 + k + 1) for k in range(i2 - i1))
        else:
            units.append((j1, j2, i1, i2))
    opcodes = difflib.SequenceMatcher(None, first, edited, autojunk=False).get_opcodes()
    changes = [op for op in opcodes if op[0] != "equal"]

    def touched(j1: int, j2: int) -> bool:
        for _tag, a, b, _c, _d in changes:
            if a < b and a < j2 and j1 < b:  # a replaced or deleted line inside
                return True
            if a == b and j1 < a < j2:  # an insertion strictly inside
                return True
            if a == b and j1 == j2 == a:  # an insertion where a typed-only block sits
                return True
        return False

    def lo(p: int) -> int:  # D1 position of D0 boundary p, before insertions at p
        for tag, a, b, c, _d in opcodes:
            if tag == "equal" and a <= p < b:
                return c + (p - a)
            if tag != "equal" and a == p:
                return c
            if tag != "equal" and a < p < b:
                raise ValueError(p)
        return len(edited)

    def hi(p: int) -> int:  # after insertions at p
        at = lo(p)
        for _tag, a, b, _c, d in changes:
            if a == b == p:
                at = d
        return at

    out: list[str] = []
    k = 0
    while k < len(units):
        j1, j2, i1, i2 = units[k]
        if not touched(j1, j2):
            out.extend(edited[lo(j1) : hi(j1)])  # insertions before this unit
            out.extend(typed_lines[i1:i2])
            k += 1
            continue
        # a span of dirty units, grown until no change straddles its end
        end = k
        while end + 1 < len(units) and any(a < units[end][1] < b for _t, a, b, _c, _d in changes):
            end += 1
        start = units[k][0]
        stop = units[end][1]
        lines = edited[lo(start) : lo(stop)]
        span = units[k : end + 1]
        if len(lines) == len(span) and all(j2 - j1 == 1 == i2 - i1 for j1, j2, i1, i2 in span):
            # line for line: each edited line takes the indentation and dashes as typed
            lines = [
                _as_typed(typed_lines[i1], first[j1], line)
                for (j1, _j2, i1, _i2), line in zip(span, lines, strict=True)
            ]
        out.extend(lines)
        k = end + 1
    out.extend(edited[lo(len(first)) : len(edited)])
    return "".join(out)


_LEAD = re.compile(r"^[ \t]*(?:-[ \t]+)*")


def _shape(line: str) -> str:
    """A line without its layout: no indentation, each '-' of a nested item followed by one space."""
    lead = _LEAD.match(line)
    dashes = "- " * (lead.group(0).count("-") if lead else 0)
    return dashes + line[lead.end() if lead else 0 :]


def _as_typed(typed_line: str, first_line: str, edited_line: str) -> str:
    """``edited_line`` with the indentation and dashes of ``typed_line`` where it has D0's."""

    def lead(line: str) -> str:
        found = _LEAD.match(line)
        return found.group(0) if found else ""

    if lead(edited_line) != lead(first_line):
        return edited_line
    return lead(typed_line) + edited_line[len(lead(edited_line)) :]


def walk_scalars(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk_scalars(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk_scalars(value, (*path, index))
    else:
        yield path, data


# --------------------------------------------------------------------------- a new document


_FLOW_KEYS = ("lembaran_negara", "berita_negara", "lembaran_daerah", "berita_daerah")


def _styled(node: Any, key: Key = "") -> Any:
    """Plain data as ruamel data styled as people type a content file: long text folded (``>-``),
    text of several lines literal (``|-``), small gazette entries and table columns in flow
    style, unusual characters escaped in double quotes."""
    if isinstance(node, dict):
        out = CommentedMap()
        for k, v in node.items():
            out[k] = _styled(v, k)
        short = all(isinstance(v, (str, int, float)) and "\n" not in str(v) for v in node.values()) and len(str(node)) < 100
        if key in _FLOW_KEYS or (key in ("kolom", "baris-row") and short):
            out.fa.set_flow_style()
        return out
    if isinstance(node, (list, tuple)):
        rows = key == "baris" and all(isinstance(v, (list, tuple)) for v in node)  # a table's rows
        seq = CommentedSeq(_styled(v, "baris-row" if rows else key) for v in node)
        if key == "baris-row" and all(isinstance(v, str) and _flowable(v) for v in node) and sum(map(len, node)) < 90:
            seq.fa.set_flow_style()
        return seq
    if isinstance(node, str):
        if _UNUSUAL.search(node) or node != node.strip() or "\t" in node:
            return DoubleQuotedScalarString(node)
        if "\n" in node:
            return _faithful(LiteralScalarString(node), node)
        if len(node) > 72:
            return _faithful(folded(node, width=80), node)
    return node


def _flowable(text: str) -> bool:
    """Text that reads the same in a flow sequence without quotes (a short table cell)."""
    return bool(text) and re.fullmatch(r"[A-Za-z0-9(][^\n,:#\[\]{}\"'*&!|>%@`]*", text) is not None and text == text.strip()


def fresh(data: Any, head: str = "", tail: str = "") -> str:
    """A new content file of ``data``: styled as :func:`_styled`, with comment lines before and
    after (each line of ``head``/``tail`` becomes a ``#`` comment). Read back before it is
    returned: a text that does not hold ``data`` is written plainly instead."""
    text = dump(_styled(data))
    if not holds(text, _styled(data)):
        plain_yaml = YAML()
        plain_yaml.width = 4096
        out = io.StringIO()
        plain_yaml.dump(data, out)
        text = out.getvalue()
    lines = [("# " + line).rstrip() for line in head.splitlines()] if head else []
    ending = [("# " + line).rstrip() for line in tail.splitlines()] if tail else []
    parts = ["\n".join(lines) + "\n\n" if lines else "", text, "\n" + "\n".join(ending) + "\n" if ending else ""]
    return "".join(parts)
