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


def _git(arguments: list[str], cwd: Path) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=cwd, capture_output=True, text=True, check=True, encoding="utf-8"
    ).stdout


def read_at_revision(path: Path, revision: str) -> str:
    """The file's text at ``revision``: only a revision is accepted, never an option for git."""
    folder = path.resolve().parent
    if not revision or revision.startswith("-") or any(c in revision for c in "\0\n\r"):
        raise GitError("git_bad_revision", rev=revision)
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], folder).strip()).resolve()
        try:
            commit = _git(
                ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], top
            )
        except subprocess.CalledProcessError:
            raise GitError("git_bad_revision", rev=revision) from None
        relative = path.resolve().relative_to(top).as_posix()
        return _git(["show", f"{commit.strip()}:{relative}"], top)
    except FileNotFoundError:
        raise GitError("git_failed", detail="git is not installed") from None
    except ValueError:  # the file lies outside the repository (a link out of it)
        raise GitError("git_failed", detail=f"{path} is not in the git repository") from None
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or str(exc)).strip().splitlines()[-1:] or [str(exc)]
        raise GitError("git_failed", detail=detail[0]) from None


def load_at_revision(path: Path, revision: str) -> Decree:
    """Load the file's content at ``revision``, resolving its profile as the file does now."""
    text = read_at_revision(path, revision)
    # beside the file, so that its relative profile path resolves; never named *.yaml, so that a
    # build of the folder cannot pick it up if this process is killed
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".keputusan-tmp", dir=path.resolve().parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        decree = load(Path(name))
    finally:
        Path(name).unlink(missing_ok=True)
    return decree
