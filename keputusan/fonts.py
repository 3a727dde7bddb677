"""Finding the TrueType files of the profile's font, or an honest substitute."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

STYLES = ("regular", "bold", "italic", "bolditalic")

# family (lower case) -> candidates, each (family name, file names by style); the first
# candidate is the font itself, the others metric-compatible substitutes.
CANDIDATES: dict[str, list[tuple[str, tuple[str, str, str, str]]]] = {
    "arial": [
        ("Arial", ("arial.ttf", "arialbd.ttf", "ariali.ttf", "arialbi.ttf")),
        ("Arial", ("Arial.ttf", "Arial Bold.ttf", "Arial Italic.ttf", "Arial Bold Italic.ttf")),
        (
            "Liberation Sans",
            (
                "LiberationSans-Regular.ttf",
                "LiberationSans-Bold.ttf",
                "LiberationSans-Italic.ttf",
                "LiberationSans-BoldItalic.ttf",
            ),
        ),
        ("Arimo", ("Arimo-Regular.ttf", "Arimo-Bold.ttf", "Arimo-Italic.ttf", "Arimo-BoldItalic.ttf")),
    ],
    "times new roman": [
        ("Times New Roman", ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")),
        (
            "Liberation Serif",
            (
                "LiberationSerif-Regular.ttf",
                "LiberationSerif-Bold.ttf",
                "LiberationSerif-Italic.ttf",
                "LiberationSerif-BoldItalic.ttf",
            ),
        ),
        ("Tinos", ("Tinos-Regular.ttf", "Tinos-Bold.ttf", "Tinos-Italic.ttf", "Tinos-BoldItalic.ttf")),
    ],
    "bookman old style": [
        ("Bookman Old Style", ("BOOKOS.TTF", "BOOKOSB.TTF", "BOOKOSI.TTF", "BOOKOSBI.TTF")),
    ],
    "dejavu sans": [
        (
            "DejaVu Sans",
            ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
        ),
    ],
}


@dataclass(frozen=True)
class FontSet:
    family: str  # the family actually used
    files: tuple[Path, Path, Path, Path]  # regular, bold, italic, bold italic
    requested: str
    fallback: bool  # True when neither the font nor a metric-compatible substitute was found


def font_dirs() -> list[Path]:
    dirs = [Path(p) for p in os.environ.get("KEPUTUSAN_FONT_DIRS", "").split(os.pathsep) if p]
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs += [
            windir / "Fonts",
            Path(os.environ.get("LOCALAPPDATA", home)) / "Microsoft" / "Windows" / "Fonts",
        ]
    elif sys.platform == "darwin":
        dirs += [
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            home / "Library" / "Fonts",
        ]
    else:
        dirs += [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            home / ".local/share/fonts",
            home / ".fonts",
        ]
    return dirs


@lru_cache(maxsize=1)
def _index() -> dict[str, Path]:
    """File name (lower case) -> path, over every font folder; first found wins."""
    found: dict[str, Path] = {}
    for folder in font_dirs():
        if not folder.is_dir():
            continue
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                if name.lower().endswith(".ttf"):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


def _bundled() -> tuple[Path, Path, Path, Path]:
    """Bitstream Vera, which reportlab ships: always there, embeddable."""
    import reportlab

    folder = Path(reportlab.__file__).parent / "fonts"
    return (folder / "Vera.ttf", folder / "VeraBd.ttf", folder / "VeraIt.ttf", folder / "VeraBI.ttf")


def find(family: str) -> FontSet:
    index = _index()
    for name, files in CANDIDATES.get(family.lower(), []) + CANDIDATES["dejavu sans"]:
        paths = [index.get(f.lower()) for f in files]
        if all(paths):
            fallback = not any(name == n for n, _ in CANDIDATES.get(family.lower(), []))
            return FontSet(name, tuple(paths), family, fallback)  # type: ignore[arg-type]
    return FontSet("Bitstream Vera Sans", _bundled(), family, True)
