"""A content file as it was at a git revision (runs git; the only module that does)."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from .decree import Decree
from .errors import CodedError
from .load import load


class GitError(CodedError):
    """git is missing, or does not know the file or revision."""


def read_at_revision(path: Path, revision: str) -> str:
    folder = path.resolve().parent
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True, check=True
        ).stdout.strip()
        relative = path.resolve().relative_to(Path(top).resolve()).as_posix()
        return subprocess.run(
            ["git", "show", f"{revision}:{relative}"], cwd=top, capture_output=True, text=True, check=True
        ).stdout
    except FileNotFoundError:
        raise GitError("git_failed", detail="git is not installed") from None
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or str(exc)).strip().splitlines()[-1:] or [str(exc)]
        raise GitError("git_failed", detail=detail[0]) from None


def load_at_revision(path: Path, revision: str) -> Decree:
    """Load the file's content at ``revision``, resolving its profile as the file does now."""
    text = read_at_revision(path, revision)
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".yaml", dir=path.resolve().parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        decree = load(Path(name))
    finally:
        Path(name).unlink(missing_ok=True)
    return decree
