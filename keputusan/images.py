"""Images of a build: the emblem decoded once before it (the only module that imports Pillow
directly), and the verification QR code (the only one that imports segno).

``check`` reads only an image's header (cheap); a build decodes it, so that a
truncated or corrupt emblem is reported against the profile instead of
failing inside python-docx or reportlab.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

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
    return _problem(path, max_pixels, formats=None)


def _problem(source: Any, max_pixels: int, formats: Optional[tuple[str, ...]]) -> Optional[str]:
    """Why the image at ``source`` (a path or a binary stream) does not decode whole within
    ``max_pixels``, or is not one of ``formats``; None when it does."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                if formats is not None and image.format not in formats:
                    return f"not {' or '.join(formats)} ({image.format})"
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return str(exc).split(".")[0]
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        return str(exc) or type(exc).__name__
    return None


QR_SCALE = 8  # pixels per module: sharp when printed 25 mm wide


@lru_cache(maxsize=8)
def qr_png(text: str) -> bytes:
    """``text`` (a verification URL) as a black-on-white QR code PNG with its quiet zone; the
    same text gives the same bytes."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(out, kind="png", scale=QR_SCALE, border=4)
    return out.getvalue()


def picture_size(data: bytes) -> Optional[tuple[int, int]]:
    """The (width, height) in pixels of PNG or JPEG bytes from its header only, or None when the
    bytes are no picture Pillow can read (a picture found in an imported DOCX's kop)."""
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ("PNG", "JPEG"):
                    return None
                return int(image.width), int(image.height)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return None


def picture_problem(data: bytes) -> Optional[str]:
    """Why PNG or JPEG bytes do not decode whole within the pixel limit, or None when they do."""
    import io

    return _problem(io.BytesIO(data), limit("image_pixels"), formats=("PNG", "JPEG"))
