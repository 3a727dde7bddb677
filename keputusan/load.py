"""Content and profile files -> a validated :class:`Decree`; every problem located, all at once."""

from __future__ import annotations

import difflib
import gc
import re
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional, Union

from pydantic import BaseModel, ValidationError

from . import checks
from .decree import Decree
from .errors import ContentError, Problem
from .fsutil import Stamp, stamp
from .model import Keputusan, Profil
from .yamlsource import Loc, Located, read_yaml, read_yaml_file

_PYDANTIC_CODES = {
    "string_type": "expected_text",
    "int_parsing": "expected_integer",
    "int_type": "expected_integer",
    "int_from_float": "expected_integer",
    "float_parsing": "expected_number",
    "float_type": "expected_number",
    "bool_parsing": "expected_yes_no",
    "bool_type": "expected_yes_no",
    "list_type": "expected_list",
    "tuple_type": "expected_list",
    "dict_type": "expected_mapping",
    "model_type": "expected_mapping",
    "model_attributes_type": "expected_mapping",
    "string_too_short": "empty_text",
    "too_short": "empty_list",
    "too_long": "too_many",
    "string_too_long": "field_too_long",
    "literal_error": "expected_one_of",
    "union_tag_invalid": "bad_block_kind",
    "union_tag_not_found": "missing_block_kind",
    "greater_than": "too_small",
    "greater_than_equal": "too_small",
    "less_than": "too_large",
    "less_than_equal": "too_large",
    "date_type": "date_format",
    "date_parsing": "date_format",
}


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a while (as it was, after). It runs every 700 new
    objects and, now and then, walks every object there is: reading a decree makes hundreds of
    thousands (a 2,000-row table's pair took 1.5 s to load, 0.7 s without it) and no cycles."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def load(path: Union[str, Path], text: Optional[str] = None) -> Decree:
    """Load and validate one decree with its profile. Raises :class:`ContentError`.

    With ``text``, that is the content, as if it were written at ``path``: its
    profile is found from ``path``'s folder and problems name ``path`` (a
    file as it was at a git revision, ``x.yaml@HEAD~1``).
    """
    with gc_paused():
        return _load(Path(path), text)


def _load(path: Path, text: Optional[str]) -> Decree:
    source = read_yaml_file(path) if text is None else read_yaml(text, path)
    problems = list(source.problems)
    if problems:
        raise ContentError(problems)
    content = _validate(Keputusan, source, problems)
    profil, profil_path = None, None
    if (
        isinstance(source.data, dict)
        and isinstance(source.data.get("profil"), str)
        and source.data["profil"].strip()
    ):
        named = source.data["profil"].strip()
        profil_path = path.parent / named
        problem = _profile_path_problem(path, named, profil_path)
        if problem is not None:
            code, params = problem
            problems.append(source.problem(("profil",), code, False, value=named, **params))
        else:
            profil = load_profile(profil_path, problems, cited=(source, ("profil",)))
    if content is not None and profil is not None and profil_path is not None:
        problems += checks.check_decree(content, profil, source)
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    assert content is not None and profil is not None and profil_path is not None
    return Decree(content, profil, path, profil_path, tuple(problems))


PROJECT_MARKERS = (".git", "pyproject.toml")
PROFILE_SUFFIXES = CONTENT_SUFFIXES = (".yaml", ".yml")


def project_root(folder: Path) -> Optional[Path]:
    """The nearest folder, from ``folder`` upwards (links followed), that holds ``.git`` or
    ``pyproject.toml``; None outside any project."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in PROJECT_MARKERS):
            return candidate
    return None


def content_root(path: Path) -> Path:
    """The folder a content file's profile must lie in: the project root, or without one the
    content file's own folder. Symbolic links are followed first, so a link cannot lead out."""
    return project_root(path.parent) or path.resolve().parent


def _profile_path_problem(path: Path, named: str, target: Path) -> Optional[tuple[str, dict[str, str]]]:
    """Why the profile a content file names cannot be read, or None: it must be a .yaml file
    inside the content root."""
    if "\\" in named:
        return "path_backslash", {"fixed": named.replace("\\", "/")}
    root = content_root(path)
    if Path(named).is_absolute() or not target.resolve().is_relative_to(root):
        return "profile_outside", {"root": str(root)}
    if target.suffix.lower() not in PROFILE_SUFFIXES:
        return "profile_not_yaml", {}
    if not target.is_file():
        return "profile_missing", {"resolved": str(target)}
    return None


def load_profile(
    path: Path, problems: list[Problem], cited: Optional[tuple[Located, Loc]] = None
) -> Optional[Profil]:
    """Load an agency profile, adding its problems (located in the profile file) to ``problems``.

    A file that is not recognisably a profile gets one problem that quotes
    nothing of it (located where ``cited`` names it, when given): a mistyped
    path must not print the lines of whatever file it reaches.
    """
    own: list[Problem] = []
    source = read_yaml_file(path)
    profil = None
    if source.problems:
        own += source.problems
    else:
        profil = _validate(Profil, source, own)
        if profil is not None:
            own += checks.check_profile(profil, source)
    if not source.problems and any(p.severity == "error" for p in own) and not _looks_like_profile(source):
        # (reading problems quote nothing of the file; validation problems quote keys and values)
        if cited is not None:
            own = [cited[0].problem(cited[1], "profile_not_profile", value=str(path))]
        else:
            own = [Problem(path, None, None, "profile_not_profile", {"value": str(path)})]
    problems += own
    return profil


_KINDS: dict[Path, tuple[Stamp, bool]] = {}
"""Files already told apart, by their path and stamp: a folder that is watched is listed ten
times a second, and parsing every file each time cost up to half a core."""


def _is_profile_file(path: Path) -> bool:
    """A file in a content folder that is an agency profile, not a decree: no 'profil' key, and
    its keys are a profile's. Remembered until the file changes."""
    seen = stamp(path)
    if seen is None:
        return False
    known = _KINDS.get(path)
    if known is not None and known[0] == seen:
        return known[1]
    try:
        source = read_yaml_file(path)
    except Exception:  # unreadable: loading it reports why
        return False
    profile = not source.problems and isinstance(source.data, dict) and "profil" not in source.data
    profile = profile and _looks_like_profile(source)
    if len(_KINDS) > 10_000:
        _KINDS.clear()
    _KINDS[path] = (seen, profile)
    return profile


def _looks_like_profile(source: Located) -> bool:
    """At least two keys, and most of them, are a profile's."""
    if not isinstance(source.data, dict) or not source.data:
        return False
    known = {f.alias or k for k, f in Profil.model_fields.items()}
    ours = sum(1 for key in source.data if key in known)
    return ours >= 2 and ours * 2 >= len(source.data)


M = typing.TypeVar("M", bound=BaseModel)


def _validate(model: type[M], source: Located, problems: list[Problem]) -> Optional[M]:
    if not isinstance(source.data, dict):
        problems.append(source.problem((), "not_a_mapping"))
        return None
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        found = []
        for error in errors:
            if error["type"] == "too_short" and _has_inner_error(error["loc"], errors):
                continue  # pydantic counts only the valid items; the inner error says why
            found.append(_problem(model, source, error))
        # a union's other members add a generic 'invalid' at the place a specific message already names
        named = {(p.line, p.column) for p in found if p.code != "invalid"}
        problems.extend(p for p in found if p.code != "invalid" or (p.line, p.column) not in named)
        return None


def _has_inner_error(loc: Loc, errors: list[Any]) -> bool:
    n = len(loc)
    return any(len(e["loc"]) > n and tuple(e["loc"][:n]) == tuple(loc) for e in errors)


def _data_path(data: Any, loc: Loc) -> tuple[Loc, bool]:
    """Map pydantic's error location to the path in the YAML data.

    Pydantic's location also names union members and fields that our
    validators created (``peraturan``); those are skipped. Returns the path and
    whether it ends at a dict key (``[key]``).
    """
    path: list[Any] = []
    for part in loc:
        if part == "[key]":
            return tuple(path), True
        if isinstance(data, dict) and part in data:
            path.append(part)
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            path.append(part)
            data = data[part]
        elif isinstance(data, (dict, list)):
            continue
        else:
            break
    return tuple(path), False


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _problem(model: type[BaseModel], source: Located, error: Any) -> Problem:
    loc: Loc = tuple(error["loc"])
    kind: str = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    path, at_key = _data_path(source.data, loc)
    value = error.get("input")
    params: dict[str, Any] = {"found": _found(value)}
    prefer_key = at_key
    if kind == "missing":
        # a missing content field of an indicator table: perhaps a table of other columns was meant
        code = "indicator_field_missing" if "tabel_indikator" in loc and loc[-1] != "id" else "missing"
        params["field"] = loc[-1]
    elif kind == "extra_forbidden":
        prefer_key = True
        key = str(loc[-1])
        allowed = allowed_keys(model, loc[:-1]) or []
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        params["key"] = key
        if close:
            code, params["suggestion"] = "unknown_key_suggest", close[0]
        else:
            code, params["allowed"] = "unknown_key", ", ".join(allowed)
    elif kind == "string_pattern_mismatch":
        field = next((p for p in reversed(loc) if isinstance(p, str) and p != "[key]"), "")
        code = {
            "id": "bad_id",
            "isi": "bad_column",
            "data": "bad_key_name",
            "format": "page_number_format",
            "jangkar": "tte_anchor",
            "qr_url": "qr_url_pattern",
        }.get(str(field), "control_character")
    elif kind in _PYDANTIC_CODES:
        code = _PYDANTIC_CODES[kind]
        if kind == "too_short" and isinstance(value, str):  # a text that is empty once stripped
            code = "empty_text"
        params["min"] = ctx.get("min_length", 1)
        params["limit"] = ctx.get("gt", ctx.get("ge", ctx.get("lt", ctx.get("le", ctx.get("max_length")))))
        expected = str(ctx.get("expected", ctx.get("expected_tags", "")))
        params["expected"] = ", ".join(re.findall(r"'([^']*)'", expected)) or expected
        if kind == "union_tag_invalid":
            params["found"] = repr(ctx.get("tag"))
    elif kind in _own_codes():
        code = kind
        params.update(ctx)
    else:
        code = "invalid"
        params["detail"] = error.get("msg", kind)
    return source.problem(path, code, prefer_key=prefer_key, **params)


def _own_codes() -> Iterable[str]:
    from .messages import MESSAGES

    return MESSAGES.keys()


def _members(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _members(typing.get_args(tp)[0])
    if origin is Union:
        return [m for arg in typing.get_args(tp) for m in _members(arg)]
    return [tp]


def _tag(model: Any) -> Optional[str]:
    field = getattr(model, "model_fields", {}).get("jenis")
    if field is None:
        return None
    args = typing.get_args(field.annotation)
    return str(args[0]) if args else None


def allowed_keys(model: type[BaseModel], loc: Loc) -> Optional[list[str]]:
    """The keys a mapping may hold at pydantic location ``loc`` below ``model``."""
    current: list[Any] = [model]
    for part in loc:
        nxt: list[Any] = []
        for tp in current:
            for member in _members(tp):
                origin = typing.get_origin(member)
                if isinstance(member, type) and issubclass(member, BaseModel):
                    by_key = {f.alias or k: f for k, f in member.model_fields.items()}
                    if part in by_key:
                        nxt.append(by_key[part].annotation)
                    elif _tag(member) == part:
                        nxt.append(member)
                elif origin in (tuple, list) and isinstance(part, int):
                    nxt.append(typing.get_args(member)[0])
                elif origin is dict and isinstance(part, str):
                    nxt.append(typing.get_args(member)[1])
        current = nxt
    keys: list[str] = []
    for tp in current:
        for member in _members(tp):
            if isinstance(member, type) and issubclass(member, BaseModel):
                keys += [f.alias or k for k, f in member.model_fields.items() if (f.alias or k) not in keys]
    return keys or None


def content_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders to the content files directly in them, each file once.

    Returns (files, problems): a path that does not exist, or a folder with no
    content files in it, is a problem. Hidden files (``.name.yaml``: editor
    backups, temporary files) are skipped.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in CONTENT_SUFFIXES and p.is_file() and not p.name.startswith(".")
            )
            if not found:
                problems.append(Problem(path, None, None, "folder_empty"))
            for file in found:
                if not _is_profile_file(file):  # a profile kept beside its decrees is no decree
                    add(file)
        elif path.exists():  # a file, or a device or pipe that loading then refuses
            add(path)
        else:
            problems.append(Problem(path, None, None, "path_missing"))
    return files, problems
