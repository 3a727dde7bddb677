"""Decoding the emblem image once before a build (the only module that imports Pillow directly).

``check`` reads only an image's header (cheap); a build decodes it, so that a
truncated or corrupt emblem is reported against the profile instead of
failing inside python-docx or reportlab.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .limits import limit


def decode_problem(path: Path) -> Optional[str]:
    """Why the image at ``path`` cannot be decoded, or None when it decodes."""
    try:
        stat = path.stat()
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return _decode_problem(str(path), stat.st_size, stat.st_mtime_ns, limit("image_pixels"))


@lru_cache(maxsize=32)
def _decode_problem(path: str, size: int, mtime: int, max_pixels: int) -> Optional[str]:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return str(exc).split(".")[0]
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        return str(exc) or type(exc).__name__
    return None
