"""What can go wrong, as data: problems located in a file, and the one exception family."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Optional

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located and described by a message code.

    The words are not stored here: ``code`` and ``params`` are turned into a
    sentence in the reader's language by :mod:`keputusan.messages`.
    """

    path: Optional[Path]
    line: Optional[int]
    column: Optional[int]
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = "error"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (str(self.path or ""), self.line or 0, self.column or 0, self.code)


@dataclass(frozen=True)
class Finding:
    """Something a check found with no file position (a damaged register row, a PDF's active
    content, a page that differs from its build): a message code and its parameters."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


class KeputusanError(Exception):
    """Base of every error this library raises on purpose."""


class CodedError(KeputusanError):
    """A refusal with no file position: ``code`` names a message, ``params`` fill it."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(f"{code}: {params}")
        self.code, self.params = code, params


class ContentError(KeputusanError):
    """Input files are invalid; ``problems`` lists every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(f"{len(self.errors)} error(s) in content")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]
