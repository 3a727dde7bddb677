"""What a template may do: the documented context, a static check of its Jinja tags, and the
sandbox it renders in (the only module that imports Jinja).

An agency edits its copy of the template in Word, and whoever can hand a
template to ``keputusan build --template`` must not be able to run code, read
files or stall the build. Two independent layers see to that:

1. :func:`inspect` walks the Jinja syntax tree of every part docxtpl renders
   and refuses anything outside the documented context: an unknown name
   (``cycler``, ``self``, ``range``), an attribute starting with ``_``, a call
   (other than ``loop.cycle``/``loop.changed``), a filter or test not listed
   here, ``*``, ``%`` and ``**``, and every statement but ``for`` and ``if``
   (so no ``set``, ``include``, ``import``, ``extends``, ``macro``,
   ``autoescape``). A loop may only walk a documented list, and tags and
   expressions may nest only so deep (:data:`MAX_LOOP_DEPTH`,
   :data:`MAX_BLOCK_DEPTH`, :data:`MAX_EXPRESSION_DEPTH`).
2. :func:`environment` is a :class:`~jinja2.sandbox.SandboxedEnvironment`
   with autoescape on, no globals, only the documented filters and tests,
   calls limited to the loop helpers, no attribute that is a function (bar
   the loop helpers), ``*``/``%``/``**`` refused, only text, numbers and
   images printed, and a :class:`Budget`: every round of every loop (over
   anything at all) and every character the template writes or builds
   (``~``, ``+``, filters) is paid for, so that loops nested over the same
   lists, or text grown by doubling, end in a refusal rather than a hang.
"""

from __future__ import annotations

import functools
import marshal
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any, Optional, Union

from jinja2 import Template, TemplateError, TemplateSyntaxError, Undefined, nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

# --------------------------------------------------------------------------- the documented context


@dataclass(frozen=True, eq=False)
class Value:
    """Something a template prints or compares."""

    kind: str  # "rich" (formatted text), "text", "image", "flag", "number", "function", "any"


@dataclass(frozen=True, eq=False)
class Obj:
    """A group of named parts, reached as ``name.part``."""

    parts: Mapping[str, Type]


@dataclass(frozen=True, eq=False)
class Seq:
    """A list, walked with ``{% for x in name %}``."""

    item: Type


Type = Union[Value, Obj, Seq]

RICH, TEXT, FLAG, NUMBER, FUNCTION, ANY = (
    Value("rich"),
    Value("text"),
    Value("flag"),
    Value("number"),
    Value("function"),
    Value("any"),
)
PARA = Obj(
    {
        "kind": TEXT,
        "label": RICH,
        "colon": RICH,
        "marker": RICH,
        "rich": RICH,
        "level": NUMBER,
        "align": TEXT,
    }
)
ROW = Obj({"label": RICH, "value": RICH})
CELL = Seq(PARA)
BLOK = Obj(
    {
        "jenis": TEXT,
        "paras": Seq(PARA),
        "kepala": Seq(Seq(CELL)),
        "nomor_kolom": Seq(RICH),
        "baris": Seq(Seq(CELL)),
    }
)
TTD = Obj(
    {
        "jabatan": RICH,
        "nama": RICH,
        "keterangan": Seq(RICH),
        "jangkar": RICH,
        "paraf": Seq(Obj({"jabatan": RICH, "paraf": RICH})),
        "qr": Value("image"),
    }
)
CONTEXT: dict[str, Type] = {
    "kop": Obj({"jenis": TEXT, "lambang": Value("image"), "baris": Seq(RICH), "alamat": Seq(RICH)}),
    "judul": Seq(RICH),
    "pembuka": Seq(RICH),
    "konsiderans": Seq(PARA),
    "memutuskan": RICH,
    "diktum": Seq(PARA),
    "penetapan": Seq(ROW),
    "ttd": TTD,
    "tembusan_judul": RICH,
    "tembusan": Seq(PARA),
    "paraf_judul": RICH,
    "paraf": Seq(BLOK),
    "lampiran": Seq(
        Obj(
            {
                "kepala": Seq(RICH),
                "judul": Seq(RICH),
                "blok": Seq(BLOK),
                "ttd": TTD,
                "penetapan": Seq(ROW),
            }
        )
    ),
}
"""Every top-level name the renderer provides, and the parts of each (README: Template context)."""

LOOP_PARTS = ("index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0")
LOOP_CALLS = ("cycle", "changed")
FILTERS = (
    "capitalize",
    "count",
    "d",
    "default",
    "e",
    "escape",
    "first",
    "int",
    "last",
    "length",
    "lower",
    "reverse",
    "string",
    "title",
    "trim",
    "upper",
    "wordcount",
)
"""Filters a template may use: none of them grows its input or reaches beyond it."""
TESTS = (
    "!=",
    "<",
    "<=",
    "==",
    ">",
    ">=",
    "boolean",
    "defined",
    "divisibleby",
    "eq",
    "equalto",
    "even",
    "false",
    "ge",
    "greaterthan",
    "gt",
    "in",
    "integer",
    "iterable",
    "le",
    "lessthan",
    "lower",
    "lt",
    "mapping",
    "ne",
    "none",
    "number",
    "odd",
    "sameas",
    "sequence",
    "string",
    "true",
    "undefined",
    "upper",
)
OPERATORS_REFUSED = {"Mul": "*", "Mod": "%", "Pow": "**"}
STATEMENTS = {
    "Assign": "set",
    "AssignBlock": "set",
    "Block": "block",
    "Break": "break",
    "CallBlock": "call",
    "Continue": "continue",
    "EvalContextModifier": "autoescape",
    "ExprStmt": "do",
    "Extends": "extends",
    "FilterBlock": "filter",
    "FromImport": "from",
    "Import": "import",
    "Include": "include",
    "Macro": "macro",
    "OverlayScope": "scope",
    "Scope": "autoescape",
    "ScopedEvalContextModifier": "autoescape",
    "With": "with",
}


MAX_LOOP_DEPTH = 10
"""Loops nested in loops: the shipped template nests 5; Python refuses the code Jinja makes of 21."""
MAX_BLOCK_DEPTH = 40
"""Loops and conditions nested in each other: Python refuses the code of about 80."""
MAX_EXPRESSION_DEPTH = 50
"""Operators, filters and parts nested in one expression: Python refuses the code of 200."""


def _loop(item: Type) -> Obj:
    parts: dict[str, Type] = {name: NUMBER for name in LOOP_PARTS}
    parts.update(first=FLAG, last=FLAG, previtem=item, nextitem=item, cycle=FUNCTION, changed=FUNCTION)
    return Obj(parts)


# --------------------------------------------------------------------------- static check


@dataclass(frozen=True)
class Finding:
    """One thing a template may not do: a message code and its parameters."""

    code: str
    params: dict[str, Any]


@dataclass
class Inspection:
    """What :func:`inspect` found in one template part."""

    findings: list[Finding] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # documented top-level names used
    loops: int = 0  # for-statements, which size the loop budget


def _show(node: nodes.Node) -> str:
    """The source text of a name, attribute or item path, for messages."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_show(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        key = node.arg.value if isinstance(node.arg, nodes.Const) else "..."
        return f"{_show(node.node)}[{key!r}]"
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, (nodes.Dict, nodes.List, nodes.Tuple)):
        return {nodes.Dict: "{...}", nodes.List: "[...]", nodes.Tuple: "(...)"}[type(node)]
    if isinstance(node, nodes.Filter) and node.node is not None:
        return f"{_show(node.node)}|{node.name}"
    if isinstance(node, nodes.Call):
        return f"{_show(node.node)}(...)"
    return "..."


def _is_path(node: nodes.Node) -> bool:
    """A name, or parts and items of one: what a loop may walk (a slice or filter makes a copy)."""
    if isinstance(node, nodes.Name):
        return True
    if isinstance(node, nodes.Getattr):
        return _is_path(node.node)
    if isinstance(node, nodes.Getitem):
        return not isinstance(node.arg, nodes.Slice) and _is_path(node.node)
    return False


def _reaches_underscore(node: nodes.Node) -> bool:
    """Whether a path already passes through an attribute or item whose name starts with '_'."""
    for step in (node, *node.find_all((nodes.Getattr, nodes.Getitem))):
        if isinstance(step, nodes.Getattr) and step.attr.startswith("_"):
            return True
        if isinstance(step, nodes.Getitem):
            key = step.arg
            if isinstance(key, nodes.Const) and isinstance(key.value, str) and key.value.startswith("_"):
                return True
    return False


Scope = dict[str, Type]
_LITERALS = (nodes.Const, nodes.TemplateData, nodes.Tuple, nodes.List, nodes.Dict)


class _TooDeep(Exception):
    """Tags or an expression nested deeper than the limits: the part is not checked further."""


class _Checker:
    def __init__(self, part: str) -> None:
        self.part = part
        self.result = Inspection()
        self.loops, self.blocks, self.depth = 0, 0, 0  # nesting where the walk is

    def find(self, code: str, **params: Any) -> None:
        finding = Finding(code, {"part": self.part, **params})
        if finding not in self.result.findings:
            self.result.findings.append(finding)

    # statements -----------------------------------------------------------

    def body(self, body: Iterable[nodes.Node], scope: Scope) -> None:
        for node in body:
            self.statement(node, scope)

    def statement(self, node: nodes.Node, scope: Scope) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expr(child, scope)
        elif isinstance(node, nodes.For):
            self.loops += 1
            self.blocks += 1
            if self.loops > MAX_LOOP_DEPTH or self.blocks > MAX_BLOCK_DEPTH:
                raise _TooDeep
            self.loop(node, scope)
            self.loops -= 1
            self.blocks -= 1
        elif isinstance(node, nodes.If):
            self.blocks += 1
            if self.blocks > MAX_BLOCK_DEPTH:
                raise _TooDeep
            self.expr(node.test, scope)
            self.body(node.body, scope)
            self.blocks -= 1  # an elif is a branch of this if, not nested in it
            for branch in node.elif_:
                self.statement(branch, scope)
            self.blocks += 1
            self.body(node.else_, scope)
            self.blocks -= 1
        else:
            self.find("template_statement", name=STATEMENTS.get(type(node).__name__, type(node).__name__))

    def loop(self, node: nodes.For, scope: Scope) -> None:
        self.result.loops += 1
        walked = self.expr(node.iter, scope)
        item: Type = ANY
        if isinstance(walked, Seq) and _is_path(node.iter):
            item = walked.item
        elif walked is not None:  # None: already reported
            self.find("template_loop", name=_show(node.iter))
        if node.recursive:
            self.find("template_statement", name="for ... recursive")
        inner = dict(scope)
        if isinstance(node.target, nodes.Name):
            inner[node.target.name] = item
        else:
            for name in node.target.find_all(nodes.Name):
                inner[name.name] = ANY
        targets: list[nodes.Node] = [
            node.target,
            *node.target.find_all(nodes.Name),
        ]  # find_all skips the node
        for target in targets:
            if isinstance(target, nodes.Name) and target.name.startswith("_"):
                self.find("template_underscore", name=target.name)
        inner["loop"] = _loop(item)
        if node.test is not None:
            self.expr(node.test, inner)
        self.body(node.body, inner)
        self.body(node.else_, scope)

    # expressions ----------------------------------------------------------

    def exprs(self, items: Iterable[Optional[nodes.Node]], scope: Scope) -> None:
        for item in items:
            if item is not None:
                self.expr(item, scope)

    def expr(self, node: nodes.Node, scope: Scope) -> Optional[Type]:
        """The documented type of an expression; None when it was refused (already reported)."""
        self.depth += 1
        if self.depth > MAX_EXPRESSION_DEPTH:
            raise _TooDeep
        try:
            return self._expr(node, scope)
        finally:
            self.depth -= 1

    def _expr(self, node: nodes.Node, scope: Scope) -> Optional[Type]:
        if isinstance(node, nodes.Name):
            return self.name(node.name, scope)
        if isinstance(node, (nodes.Const, nodes.TemplateData)):
            return ANY
        if isinstance(node, nodes.Getattr):
            return self.part_of(node, node.node, node.attr, scope)
        if isinstance(node, nodes.Getitem):
            return self.item_of(node, scope)
        if isinstance(node, nodes.Filter):
            return self.filter(node, scope)
        if isinstance(node, nodes.Test):
            if node.name not in TESTS:
                self.find("template_test", name=node.name, allowed=", ".join(TESTS))
            self.exprs([node.node, *node.args, node.dyn_args, node.dyn_kwargs], scope)
            self.exprs([k.value for k in node.kwargs], scope)
            return FLAG
        if isinstance(node, nodes.Call):
            return self.call(node, scope)
        if isinstance(node, nodes.CondExpr):
            self.exprs([node.test], scope)
            first = self.expr(node.expr1, scope)
            second = self.expr(node.expr2, scope) if node.expr2 is not None else None
            return first if first is second else ANY
        if isinstance(node, nodes.BinExpr):
            if type(node).__name__ in OPERATORS_REFUSED:
                self.find("template_operator", name=OPERATORS_REFUSED[type(node).__name__])
            self.exprs([node.left, node.right], scope)
            return ANY
        if isinstance(node, (nodes.UnaryExpr, nodes.Compare, nodes.Concat, nodes.Operand)):
            self.exprs(node.iter_child_nodes(), scope)
            return ANY
        if isinstance(node, (nodes.Tuple, nodes.List, nodes.Dict, nodes.Pair, nodes.Keyword, nodes.Slice)):
            self.exprs(node.iter_child_nodes(), scope)
            return ANY
        self.find("template_statement", name=type(node).__name__)
        return None

    def name(self, name: str, scope: Scope) -> Optional[Type]:
        if name in scope:
            return scope[name]
        if name in CONTEXT:
            self.result.names.add(name)
            return CONTEXT[name]
        if name.startswith("_"):
            self.find("template_underscore", name=name)
        else:
            self.find("tag_unknown", name=name)
        return None

    def part_of(self, node: nodes.Node, base: nodes.Node, attr: str, scope: Scope) -> Optional[Type]:
        owner = self.expr(base, scope)
        if attr.startswith("_"):
            if not _reaches_underscore(base):  # report the first one of a chain only
                self.find("template_underscore", name=_show(node))
            return None
        if isinstance(base, _LITERALS):  # ''.format_map, {}.items: methods, never decree data
            self.find("template_attribute", name=_show(base), attr=attr)
            return None
        if owner is None or owner is ANY:
            return owner
        if isinstance(owner, Obj) and attr in owner.parts:
            return owner.parts[attr]
        self.find("template_attribute", name=_show(base), attr=attr)
        return None

    def item_of(self, node: nodes.Getitem, scope: Scope) -> Optional[Type]:
        key = node.arg
        if isinstance(key, nodes.Const) and isinstance(key.value, str):
            return self.part_of(node, node.node, key.value, scope)
        try:
            constant = key.as_const()
        except nodes.Impossible:
            constant = None
        owner = self.expr(node.node, scope)
        self.expr(key, scope)
        if isinstance(constant, str) and constant.startswith("_"):
            if not _reaches_underscore(node.node):
                self.find("template_underscore", name=f"{_show(node.node)}[{constant!r}]")
            return None
        if isinstance(owner, Seq):
            return owner if isinstance(key, nodes.Slice) else owner.item
        return None if owner is None else ANY

    def filter(self, node: nodes.Filter, scope: Scope) -> Optional[Type]:
        if node.name not in FILTERS:
            self.find("template_filter", name=node.name, allowed=", ".join(FILTERS))
        base = self.expr(node.node, scope) if node.node is not None else ANY
        self.exprs([*node.args, node.dyn_args, node.dyn_kwargs], scope)
        self.exprs([k.value for k in node.kwargs], scope)
        if node.name in ("first", "last") and isinstance(base, Seq):
            return base.item
        if node.name in ("default", "d", "reverse"):
            return base
        return ANY

    def call(self, node: nodes.Call, scope: Scope) -> Optional[Type]:
        target = node.node
        allowed = (
            isinstance(target, nodes.Getattr)
            and target.attr in LOOP_CALLS
            and isinstance(target.node, nodes.Name)
            and target.node.name == "loop"
            and "loop" in scope
        )
        self.expr(target, scope)
        if not allowed:
            self.find("template_call", name=_show(target))
        self.exprs([*node.args, node.dyn_args, node.dyn_kwargs], scope)
        self.exprs([k.value for k in node.kwargs], scope)
        return ANY


def inspect(source: str, part: str) -> Inspection:
    """Everything a template part does that templates may not, and the documented names it uses.

    ``source`` is the Jinja text docxtpl renders (after its ``patch_xml``);
    ``part`` names it in messages. A syntax error, or nesting deeper than
    the limits above (Python could not compile it), is the one finding then.
    """
    checker = _Checker(part)
    try:
        tree = environment(Budget(0, 0)).parse(source)
        checker.body(tree.body, {})
    except TemplateSyntaxError as exc:
        checker.find("template_syntax", detail=(exc.message or "").rstrip("."))
    except (RecursionError, _TooDeep):  # nested deeper than any real template (see MAX_*_DEPTH)
        checker.result.findings.clear()
        checker.find("template_too_complex")
    return checker.result


# --------------------------------------------------------------------------- the sandbox


class Runaway(SecurityError):
    """A template looped or wrote more than its budget allows."""

    def __init__(self, what: str, limit: int) -> None:
        super().__init__(f"more than {limit} {what}")
        self.what, self.limit = what, limit


@dataclass
class Budget:
    """Loop rounds and characters left for one render.

    ``loops`` rounds for all loops together, of which one for-statement may
    run ``per_loop`` at most (0: no separate cap); ``chars`` characters for
    the output and for every text the template builds on the way (``~``,
    ``+``, filters), so that text doubled in a loop is stopped before it
    takes the memory, not after.
    """

    loops: int
    chars: int
    per_loop: int = 0
    spent: dict[int, int] = field(default_factory=dict)  # rounds run by each for-statement

    def __post_init__(self) -> None:
        self.loops_limit, self.chars_limit = self.loops, self.chars

    def round(self, statement: int = -1) -> None:
        self.loops -= 1
        if self.loops < 0:
            raise Runaway("loop rounds", self.loops_limit)
        if self.per_loop:
            ran = self.spent[statement] = self.spent.get(statement, 0) + 1
            if ran > self.per_loop:
                raise Runaway("loop rounds", self.per_loop)

    def spend(self, chars: int) -> None:
        self.chars -= chars
        if self.chars < 0:
            raise Runaway("characters of output", self.chars_limit)


def _size(value: Any) -> int:
    if isinstance(value, Mapping):
        return sum(_size(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return len(value) + sum(_size(v) for v in value)
    return 0


LOOPS_COUNTED = 10
"""For-statements beyond this many do not raise the budget of all loops together."""


def budget_for(values: Mapping[str, Any], loops: int, chars: int) -> Budget:
    """The budget for a template with ``loops`` for-statements over ``values``.

    A template that walks the context as a tree runs each of its loops at
    most once per list item, so each for-statement may run ten times the
    items in the context (plus a margin), and all of them together that
    times the number of for-statements, counted up to :data:`LOOPS_COUNTED`
    (loops that never run cannot buy rounds for those that do). Far above
    any real template; far below what loops nested over the same lists
    need: they are refused after thousands of rounds, not billions.
    """
    items = _size(values) + 1
    return Budget(10 * items * (min(loops, LOOPS_COUNTED) + 1) + 10_000, chars, 10 * items + 1_000)


@functools.lru_cache(maxsize=1)
def _printable_types() -> tuple[type, ...]:
    from docxtpl import InlineImage, Listing, RichText  # imported once, when a template first prints

    return (str, int, float, type(None), Undefined, RichText, InlineImage, Listing)


def printable(value: Any) -> bool:
    """What a template may print: text, numbers, formatted text and images; never a list, a group
    of parts, a function or a method (their Python form says nothing to a reader)."""
    return isinstance(value, _printable_types())


_TEXT_FILTERS = frozenset(
    {"capitalize", "e", "escape", "lower", "string", "title", "trim", "upper", "wordcount"}
)
"""Filters that make text of their input: it must be printable (see :func:`printable`)."""
_ROUNDS, _GROWN = "_keputusan_rounds", "_keputusan_grown"
"""Filters the sandbox adds around every loop and every ``~`` (a template cannot name them:
the static check refuses unlisted filters and names starting with '_')."""


class _Instrument(NodeTransformer):
    """Every loop pays for its rounds, and every ``~`` for the text it makes."""

    def __init__(self) -> None:
        self.loops = 0

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)  # in place: nested loops and '~' first
        statement = nodes.Const(self.loops, lineno=node.lineno)
        node.iter = nodes.Filter(node.iter, _ROUNDS, [statement], [], None, None, lineno=node.lineno)
        self.loops += 1
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(node, _GROWN, [], [], None, None, lineno=node.lineno)


class _Sandbox(SandboxedEnvironment):
    intercepted_binops = frozenset({*OPERATORS_REFUSED.values(), "+"})

    def __init__(self, budget: Budget) -> None:
        super().__init__(autoescape=True, finalize=self._printed)
        self.budget = budget
        self.globals.clear()
        self.filters = {name: self._filter(name, self.filters[name]) for name in FILTERS}
        self.filters[_ROUNDS] = self._rounds
        self.filters[_GROWN] = self._grown
        self.tests = {name: self.tests[name] for name in TESTS}

    # what the template prints and builds ----------------------------------

    @staticmethod
    def _printed(value: Any) -> Any:
        if not printable(value):
            raise SecurityError(
                f"a template prints only text, numbers and images, not {type(value).__name__}"
            )
        return value

    def _filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """A documented filter whose text output is paid for (and whose text input is printable)."""
        budget, text_input = self.budget, name in _TEXT_FILTERS
        offset = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

        @functools.wraps(function)
        def filtered(*args: Any, **kwargs: Any) -> Any:
            if text_input and len(args) > offset:
                self._printed(args[offset])
            out = function(*args, **kwargs)
            if isinstance(out, str):
                budget.spend(len(out))
            return out

        return filtered

    def _grown(self, value: Any) -> Any:
        if isinstance(value, str):
            self.budget.spend(len(value))
        return value

    @pass_context
    def _rounds(self, context: Context, iterable: Any, statement: int) -> Iterator[Any]:
        for item in iterable:
            self.budget.round(statement)
            yield item

    def _generate(self, source: nodes.Template, *args: Any, **kwargs: Any) -> str:
        """Jinja's code for ``source`` (a fresh tree), every loop and ``~`` paid for (see :class:`Budget`)."""
        tree = _Instrument().visit(source)
        tree.set_environment(self)
        return super()._generate(tree, *args, **kwargs)

    def concat(self, pieces: Iterable[str]) -> str:
        out = []
        for piece in pieces:
            self.budget.spend(len(piece))
            out.append(piece)
        return "".join(out)

    # what the template reaches and calls ----------------------------------

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_"):
            return False
        if callable(value) and not (isinstance(obj, LoopContext) and attr in LOOP_CALLS):
            return False  # {}.items, ''.format_map: nothing a decree holds, nothing to print
        return bool(super().is_safe_attribute(obj, attr, value))

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        raise SecurityError(f"a template may not use {attribute!r} of {type(obj).__name__!r}")

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator != "+":
            raise SecurityError(f"the operator {operator} is not allowed in a template")
        out = left + right
        if isinstance(out, (str, list, tuple)):
            self.budget.spend(len(out))
        return out

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        owner = getattr(__obj, "__self__", None)
        if not (isinstance(owner, LoopContext) and getattr(__obj, "__name__", "") in LOOP_CALLS):
            raise SecurityError("a template may not call functions")
        return __context.call(__obj, *args, **kwargs)


_CODE: dict[str, CodeType] = {}


def compiled(env: SandboxedEnvironment, name: str, source: Callable[[], str]) -> Template:
    """The template ``source()`` compiled in ``env``, through a cache of compiled code.

    ``name`` is a :func:`keputusan.cache.key` of everything the source text is
    made from, and of the code that makes it; this module's source and Jinja's
    version are added here. The code is looked up in this process, then in the
    per-user cache (:mod:`keputusan.cache`), and compiled only when neither has
    it: a build compiles the shipped template once per machine, not once per
    decree. The compiled code does not depend on the budget: every loop and
    ``~`` calls the environment it is bound to.
    """
    from . import cache

    key = cache.key(name, _fingerprint())
    code = _CODE.get(key)
    if code is None:
        stored = cache.get("jinja", key)
        if stored is not None:
            try:
                loaded = marshal.loads(stored)
            except (EOFError, ValueError, TypeError):
                loaded = None
            code = loaded if isinstance(loaded, CodeType) else None
        if code is None:
            code = env.compile(source())
            cache.put("jinja", key, marshal.dumps(code))
        if len(_CODE) >= 64:
            _CODE.clear()
        _CODE[key] = code
    return env.template_class.from_code(env, code, env.make_globals(None), None)


@functools.lru_cache(maxsize=1)
def _fingerprint() -> str:
    from importlib.util import MAGIC_NUMBER

    import jinja2

    from . import cache

    # Jinja and this module (the instrumenting) make the code; the bytecode format is the interpreter's
    return cache.fingerprint(Path(__file__), cache.package_stamp(jinja2), MAGIC_NUMBER, sys.version)


def environment(budget: Budget) -> SandboxedEnvironment:
    """The environment every template renders in (see the module's docstring)."""
    return _Sandbox(budget)


RENDER_ERRORS = (TemplateError,)
"""What rendering a template can raise (Runaway and SecurityError included)."""
