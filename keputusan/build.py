"""Build stages: a loaded decree -> document files in the output folder, written atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Optional

from .decree import Decree
from .fsutil import atomic_write

FORMATS = ("docx",)


def build(
    decree: Decree, output: Path, formats: Sequence[str] = FORMATS, template: Optional[Path] = None
) -> list[Path]:
    """Render ``decree`` in each format into ``output``; returns the files written."""
    from . import render_docx  # docxtpl is imported only when a build needs it

    written = []
    if "docx" in formats:
        data = render_docx.render(decree, template or render_docx.TEMPLATE)
        target = output / f"{decree.name}.docx"
        atomic_write(target, data)
        written.append(target)
    return written
