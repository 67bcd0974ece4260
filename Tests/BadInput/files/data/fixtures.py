"""Writes the data cases' fixtures that are too big or too fiddly to commit: fixtures.py ACTION ARGS...

  bomb PATH COUNT [GB]         a gzip IDX file announcing COUNT 28x28 images, followed by GB (default 3) of
                               zeros: a few MB on disk that inflate to GB
  cut PATH FRACTION            keeps the first FRACTION of the file's bytes
  append PATH COUNT            adds COUNT zero bytes at the end of the file
  raw FOLDER                   replaces the four gzip files of FOLDER by their raw bytes (same names)
  label PATH INDEX VALUE       sets label INDEX of a gzip labels file to VALUE
  drop PATH COUNT              keeps COUNT items of a gzip IDX file and says so in its header
  resize FOLDER SPLIT SIDE     resamples SPLIT's images (train or t10k) to SIDE x SIDE
"""
import gzip
import struct
import sys
import zlib
from pathlib import Path


def read(path):
    data = gzip.open(path).read()
    rank = data[3]
    return data[:4], list(struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])), data[4 + 4 * rank:]


def write(path, magic, dims, body):
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write(magic + struct.pack(">" + "I" * len(dims), *dims) + body)


def bomb(path, count, gigabytes="3"):
    # Gzip members may be concatenated and zlib reads them as one stream: compress 64 MB of zeros once
    # and repeat that member, which takes a second instead of compressing 3 GB.
    block = gzip.compress(bytes(64 << 20), compresslevel=9, mtime=0)
    with open(path, "wb") as out:
        out.write(gzip.compress(b"\x00\x00\x08\x03" + struct.pack(">III", int(count), 28, 28), mtime=0))
        for _ in range(int(float(gigabytes) * (1 << 30)) // (64 << 20)):
            out.write(block)


def cut(path, fraction):
    data = Path(path).read_bytes()
    Path(path).write_bytes(data[: int(len(data) * float(fraction))])


def append(path, count):
    with open(path, "ab") as out:
        out.write(bytes(int(count)))


def raw(folder):
    for path in Path(folder).glob("*-ubyte.gz"):
        path.write_bytes(gzip.open(path).read())


def label(path, index, value):
    magic, dims, body = read(path)
    body = bytearray(body)
    body[int(index)] = int(value)
    write(path, magic, dims, bytes(body))


def drop(path, count):
    magic, dims, body = read(path)
    item = len(body) // dims[0] if dims[0] else 0
    write(path, magic, [int(count)] + dims[1:], body[: int(count) * item])


def resize(folder, split, side):
    path = Path(folder) / f"{split}-images-idx3-ubyte.gz"
    magic, (count, height, width), body = read(path)
    side = int(side)
    images = [body[i * height * width:(i + 1) * height * width] for i in range(count)]
    small = [bytes(image[(y * height // side) * width + x * width // side] for y in range(side) for x in range(side))
             for image in images]
    write(path, magic, [count, side, side], b"".join(small))


if __name__ == "__main__":
    action, *arguments = sys.argv[1:]
    {"bomb": bomb, "cut": cut, "append": append, "raw": raw, "label": label, "drop": drop, "resize": resize}[action](*arguments)
