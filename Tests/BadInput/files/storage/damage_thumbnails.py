"""Garbles the last deflated chunk of an index's /thumbnails in place: a damaged index for the catalogue.
Usage: python3 damage_thumbnails.py FILE ROW_BYTES

Each chunk is a zlib stream of whole thumbnails; the last stream in the file that inflates to a whole number of
rows of ROW_BYTES is taken for the last chunk, and bytes in its middle are inverted so that it no longer inflates."""
import sys
import zlib

path, row_bytes = sys.argv[1], int(sys.argv[2])
data = bytearray(open(path, "rb").read())
streams = []
for start in range(len(data) - 1):
    if data[start] != 0x78 or (data[start] * 256 + data[start + 1]) % 31 != 0:
        continue
    inflater = zlib.decompressobj()
    try:
        rows = inflater.decompress(bytes(data[start:start + (1 << 16)]))
    except zlib.error:
        continue
    if inflater.eof and rows and len(rows) % row_bytes == 0:
        streams.append((start, len(data[start:start + (1 << 16)]) - len(inflater.unused_data)))
if not streams:
    sys.exit(f"{path}: no deflated thumbnails found")
start, length = streams[-1]
for i in range(start + length // 3, start + 2 * length // 3):
    data[i] ^= 0xFF
open(path, "wb").write(data)
