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
   ``autoescape``). A loop may only walk a documented list.
2. :func:`environment` is a :class:`~jinja2.sandbox.SandboxedEnvironment`
   with autoescape on, no globals, only the documented filters and tests,
   calls limited to the loop helpers, ``*``/``%``/``**`` refused, and a
   :class:`Budget` of loop rounds and output characters, so that loops
   nested over the same lists end in a refusal rather than a hang.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Optional, Union

from jinja2 import TemplateError, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import SandboxedEnvironment

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
PARA = Obj({"kind": TEXT, "label": RICH, "colon": RICH, "marker": RICH, "rich": RICH})
ROW = Obj({"label": RICH, "value": RICH})
BLOK = Obj(
    {
        "jenis": TEXT,
        "paras": Seq(PARA),
        "kolom": Seq(RICH),
        "nomor_kolom": Seq(RICH),
        "baris": Seq(Seq(Seq(PARA))),
    }
)
CONTEXT: dict[str, Type] = {
    "kop": Obj({"lambang": Value("image"), "baris": Seq(RICH), "alamat": Seq(RICH)}),
    "judul": Seq(RICH),
    "pembuka": Seq(RICH),
    "konsiderans": Seq(PARA),
    "diktum": Seq(PARA),
    "penetapan": Seq(ROW),
    "ttd": Obj({"jabatan": RICH, "nama": RICH, "keterangan": Seq(RICH)}),
    "tembusan": Seq(RICH),
    "lampiran": Seq(
        Obj(
            {
                "kepala": Seq(RICH),
                "judul": Seq(RICH),
                "blok": Seq(BLOK),
                "ttd": FLAG,
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


class _Checker:
    def __init__(self, part: str) -> None:
        self.part = part
        self.result = Inspection()

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
            self.loop(node, scope)
        elif isinstance(node, nodes.If):
            self.expr(node.test, scope)
            self.body(node.body, scope)
            for branch in node.elif_:
                self.statement(branch, scope)
            self.body(node.else_, scope)
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
        for name in node.target.find_all(nodes.Name):
            if name.name.startswith("_"):
                self.find("template_underscore", name=name.name)
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
    ``part`` names it in messages. A syntax error, or nesting too deep to
    parse, is the one finding then.
    """
    checker = _Checker(part)
    try:
        tree = environment(Budget(0, 0)).parse(source)
        checker.body(tree.body, {})
    except TemplateSyntaxError as exc:
        checker.find("template_syntax", detail=exc.message or "")
    except RecursionError:  # tags nested hundreds deep: no real template does that
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
    """Loop rounds and output characters left for one render."""

    loops: int
    chars: int

    def round(self, limit: int) -> None:
        self.loops -= 1
        if self.loops < 0:
            raise Runaway("loop rounds", limit)


class _Counted(list[Any]):
    """A context list whose every loop round is paid for from the render's budget."""

    def __init__(self, items: Iterable[Any], budget: Budget, limit: int) -> None:
        super().__init__(items)
        self._budget, self._limit = budget, limit

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            self._budget.round(self._limit)
            yield item


def _size(value: Any) -> int:
    if isinstance(value, Mapping):
        return sum(_size(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return len(value) + sum(_size(v) for v in value)
    return 0


def bounded(values: Mapping[str, Any], budget: Budget) -> dict[str, Any]:
    """The context with every list paying for its loop rounds from ``budget``."""
    limit = budget.loops

    def wrap(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {k: wrap(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return _Counted((wrap(v) for v in value), budget, limit)
        return value

    return {k: wrap(v) for k, v in values.items()}


def loop_budget(values: Mapping[str, Any], loops: int) -> int:
    """Loop rounds for a template with ``loops`` for-statements over ``values``.

    A template that walks the context as a tree runs each loop at most once
    per list item; ten times that, plus a margin, is far above any real
    template and far below what nested loops over the same lists would need.
    """
    return 10 * (loops + 1) * (_size(values) + 1) + 10_000


class _Sandbox(SandboxedEnvironment):
    intercepted_binops = frozenset(OPERATORS_REFUSED.values())

    def __init__(self, budget: Budget) -> None:
        super().__init__(autoescape=True)
        self.budget = budget
        self.chars_limit = budget.chars
        self.globals.clear()
        self.filters = {name: self.filters[name] for name in FILTERS}
        self.tests = {name: self.tests[name] for name in TESTS}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return not attr.startswith("_") and super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        raise SecurityError(f"the operator {operator} is not allowed in a template")

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        owner = getattr(__obj, "__self__", None)
        if not (isinstance(owner, LoopContext) and getattr(__obj, "__name__", "") in LOOP_CALLS):
            raise SecurityError("a template may not call functions")
        return __context.call(__obj, *args, **kwargs)

    def concat(self, pieces: Iterable[str]) -> str:
        out = []
        for piece in pieces:
            self.budget.chars -= len(piece)
            if self.budget.chars < 0:
                raise Runaway("characters of output", self.chars_limit)
            out.append(piece)
        return "".join(out)


def environment(budget: Budget) -> SandboxedEnvironment:
    """The environment every template renders in (see the module's docstring)."""
    return _Sandbox(budget)


RENDER_ERRORS = (TemplateError,)
"""What rendering a template can raise (Runaway and SecurityError included)."""
