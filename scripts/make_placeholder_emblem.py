"""Draw the placeholder emblem used by the example profile (stdlib only, deterministic).

We have no right to reproduce a region's real emblem; an agency replaces this
file with its own (``kop.lambang`` in its profile).

    python scripts/make_placeholder_emblem.py content/profiles/lambang-placeholder.png
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from pathlib import Path

W, H = 240, 280
GREEN, GOLD, CLEAR = (0x1B, 0x5E, 0x20, 255), (0xE0, 0xB0, 0x20, 255), (0, 0, 0, 0)


def _in_shield(x: float, y: float, inset: float) -> bool:
    """A heater shield: straight top and sides, curving to a point at the bottom."""
    left, right, top = 12 + inset, W - 12 - inset, 12 + inset
    if y < top or x < left or x > right:
        return False
    split = H * 0.45
    if y <= split:
        return True
    half = (right - left) / 2
    depth = (H - 10 - inset) - split
    t = (y - split) / depth
    if t > 1:
        return False
    return abs(x - (left + half)) <= half * math.sqrt(max(0.0, 1 - t * t))


def _in_star(x: float, y: float, cx: float, cy: float, r: float) -> bool:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    inside = False
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def pixel(x: int, y: int) -> tuple[int, int, int, int]:
    px, py = x + 0.5, y + 0.5
    if not _in_shield(px, py, 0):
        return CLEAR
    if not _in_shield(px, py, 10):
        return GOLD
    if _in_star(px, py, W / 2, H * 0.42, 62):
        return GOLD
    return GREEN


def png(width: int, height: int) -> bytes:
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(png(W, H))
