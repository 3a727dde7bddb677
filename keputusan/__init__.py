"""keputusan: Indonesian official decrees from validated content to documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["ContentError", "Decree", "KeputusanError", "Problem", "load"]

if TYPE_CHECKING:
    from .decree import Decree
    from .errors import ContentError, KeputusanError, Problem
    from .load import load


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `keputusan --help` does not load pydantic.
    if name == "load":
        from .load import load

        return load
    if name == "Decree":
        from .decree import Decree

        return Decree
    if name in ("ContentError", "KeputusanError", "Problem"):
        from . import errors

        return getattr(errors, name)
    raise AttributeError(name)
