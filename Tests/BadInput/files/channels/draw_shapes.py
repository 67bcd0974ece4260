"""Draws a folder of coloured shapes as PNG files: draw_shapes.py DESTINATION [PER_CLASS] [SIDE] [WIDTH].

Four class folders (red-square, red-ring, blue-square, blue-ring), PER_CLASS images each (default 10), SIDE x
WIDTH pixels (default 16 x SIDE), RGB, written with zlib alone so that no imaging library is needed. The same
arguments always give the same bytes.
"""
import random
import struct
import sys
import zlib
from pathlib import Path

CLASSES = {"red-square": ((230, 50, 30), False), "red-ring": ((230, 50, 30), True),
           "blue-square": ((30, 80, 230), False), "blue-ring": ((30, 80, 230), True)}


def png(path, width, height, rows):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def shape(generator, width, height, colour, ring):
    background = generator.randrange(20, 80)
    side = generator.randrange(max(2, min(width, height) // 3), max(3, min(width, height) * 2 // 3))
    left, top = generator.randrange(0, width - side + 1), generator.randrange(0, height - side + 1)
    rows = []
    for y in range(height):
        row = []
        for x in range(width):
            inside = left <= x < left + side and top <= y < top + side
            edge = inside and (x - left < 2 or y - top < 2 or left + side - 1 - x < 2 or top + side - 1 - y < 2)
            painted = edge if ring else inside
            row += [min(255, max(0, c + generator.randrange(-20, 21))) for c in colour] if painted else [background] * 3
        rows.append(row)
    return rows


def main(destination, per_class="10", side="16", width=None):
    per_class, height = int(per_class), int(side)
    width = int(width) if width is not None else height
    generator = random.Random(12)
    for name, (colour, ring) in CLASSES.items():
        folder = Path(destination) / name
        folder.mkdir(parents=True, exist_ok=True)
        for index in range(per_class):
            png(folder / f"{index:03d}.png", width, height, shape(generator, width, height, colour, ring))


if __name__ == "__main__":
    main(*sys.argv[1:])
