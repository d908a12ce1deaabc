"""Draws the app icons in static/ (standard library only): a magnifying glass over a network node.

appIcon*.png: white figure on the app's blue, for the launcher. appIconAlt*.png: white figure on a
transparent ground, for Splunk's dark app bar. Run: python3 scripts/make-icons.py
"""

import math
import os
import struct
import zlib

BLUE = (29, 92, 140)
WHITE = (255, 255, 255)
SUPERSAMPLE = 4
HERE = os.path.dirname(os.path.abspath(__file__))
STATIC = os.path.join(HERE, "..", "static")


def coverage(x: float, y: float) -> tuple:
    """(background, figure) membership of a point in the unit square."""
    r = 0.16
    inside_box = r <= x <= 1 - r or r <= y <= 1 - r
    corners = [(r, r), (1 - r, r), (r, 1 - r), (1 - r, 1 - r)]
    if not inside_box:
        inside_box = any(math.hypot(x - cx, y - cy) <= r for cx, cy in corners)
    cx, cy, radius, width = 0.42, 0.42, 0.22, 0.075
    d = math.hypot(x - cx, y - cy)
    ring = abs(d - radius) <= width / 2
    node = d <= 0.07
    hx, hy = x - cx, y - cy
    along = (hx + hy) / math.sqrt(2)
    across = abs(hx - hy) / math.sqrt(2)
    handle = radius + 0.02 <= along <= radius + 0.32 and across <= 0.055
    return inside_box, ring or node or handle


def draw(size: int, alt: bool) -> bytes:
    rows = []
    n = SUPERSAMPLE
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            bg = fg = 0
            for sy in range(n):
                for sx in range(n):
                    b, f = coverage((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)
                    bg += b
                    fg += f
            bg_a, fg_a = bg / (n * n), fg / (n * n)
            if alt:
                color, alpha = WHITE, fg_a
            else:
                color = tuple(round(BLUE[i] * (1 - fg_a) + WHITE[i] * fg_a) for i in range(3))
                alpha = bg_a
            row.extend(color)
            row.append(round(alpha * 255))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main() -> None:
    os.makedirs(STATIC, exist_ok=True)
    for name, size, alt in [
        ("appIcon.png", 36, False),
        ("appIcon_2x.png", 72, False),
        ("appIconAlt.png", 36, True),
        ("appIconAlt_2x.png", 72, True),
    ]:
        with open(os.path.join(STATIC, name), "wb") as handle:
            handle.write(draw(size, alt))


if __name__ == "__main__":
    main()
