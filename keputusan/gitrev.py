"""A content file as it was at a git revision (runs git; the only module that does)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .decree import Decree
from .errors import CodedError, ContentError, Problem
from .limits import limit
from .load import load
from .yamlsource import too_large


class GitError(CodedError):
    """git is missing, or does not know the file or revision."""


def _git(arguments: list[str], cwd: Path) -> bytes:
    return subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, check=True).stdout


def read_at_revision(path: Path, revision: str) -> bytes:
    """The file's text at ``revision``: only a revision is accepted, never an option for git."""
    folder = path.resolve().parent
    if not revision or revision.startswith("-") or any(c in revision for c in "\0\n\r"):
        raise GitError("git_bad_revision", rev=revision)
    try:
        top = Path(os.fsdecode(_git(["rev-parse", "--show-toplevel"], folder).strip())).resolve()
        try:
            commit = _git(
                ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], top
            )
        except subprocess.CalledProcessError:
            raise GitError("git_bad_revision", rev=revision) from None
        relative = path.resolve().relative_to(top).as_posix()
        blob = f"{commit.decode('ascii').strip()}:{relative}"
        size = int(_git(["cat-file", "-s", blob], top))
        if size > limit("content_bytes"):  # refused before it is read
            raise ContentError([too_large(shown_path(path, revision), size)])
        return _git(["cat-file", "blob", blob], top)
    except FileNotFoundError:
        raise GitError("git_failed", detail="git is not installed") from None
    except ValueError:  # the file lies outside the repository (a link out of it)
        raise GitError("git_failed", detail=f"{path} is not in the git repository") from None
    except subprocess.CalledProcessError as exc:
        said = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else str(exc)
        detail = said.strip().splitlines()[-1:] or [str(exc)]
        raise GitError("git_failed", detail=detail[0]) from None


def shown_path(path: Path, revision: str) -> Path:
    """How problems name a file as it was at a revision: ``x.yaml@HEAD~1``, in the file's folder."""
    return path.parent / f"{path.name}@{revision}"


def load_at_revision(path: Path, revision: str) -> Decree:
    """Load the file's content at ``revision``, resolving its profile as the file does now.

    Nothing is written to disk: problems name ``FILE@REVISION``.
    """
    data = read_at_revision(path, revision)
    shown = shown_path(path, revision)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(shown, data[: exc.start].count(b"\n") + 1, 1, "not_utf8")]) from None
    return load(shown, text=text)
