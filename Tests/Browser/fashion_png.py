"""Writes Fashion-MNIST images from gzip IDX files as grey PNG files, with the standard library only.

Used by the browser test and the bad-input catalogue to make query images that are also in a database.
Usage: python3 fashion_png.py IDX_IMAGES_GZ OUT_FOLDER ROW [ROW ...]   (writes OUT_FOLDER/ROW.png)
"""
import gzip
import os
import struct
import sys
import zlib


def read_images(path):
    with gzip.open(path, "rb") as file:
        data = file.read()
    _, count, height, width = struct.unpack(">IIII", data[:16])
    return count, height, width, data[16:]


def png_bytes(pixels, width, height):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + pixels[row * width:(row + 1) * width] for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def main():
    images, folder, rows = sys.argv[1], sys.argv[2], [int(row) for row in sys.argv[3:]]
    count, height, width, data = read_images(images)
    os.makedirs(folder, exist_ok=True)
    for row in rows:
        if not 0 <= row < count:
            sys.exit(f"row {row} is not one of the {count} images")
        size = height * width
        with open(os.path.join(folder, f"{row}.png"), "wb") as out:
            out.write(png_bytes(data[row * size:(row + 1) * size], width, height))


if __name__ == "__main__":
    main()
