"""Writes an IDX dataset folder whose images all have another size: resize_idx.py SOURCE DESTINATION HEIGHT WIDTH.

Both splits are resampled (nearest neighbour) to HEIGHT x WIDTH and cut to their first 100 train and 20 test
images, so that a model that needs some other shape can be shown one it cannot take.
"""
import gzip
import struct
import sys
from pathlib import Path


def read(path):
    data = gzip.open(path).read()
    rank = data[3]
    return data[:4], list(struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])), data[4 + 4 * rank:]


def write(path, magic, dims, body):
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write(magic + struct.pack(">" + "I" * len(dims), *dims) + body)


def main(source, destination, height, width):
    source, destination, height, width = Path(source), Path(destination), int(height), int(width)
    destination.mkdir(parents=True, exist_ok=True)
    for prefix, count in (("train", 100), ("t10k", 20)):
        magic, _, body = read(source / f"{prefix}-labels-idx1-ubyte.gz")
        write(destination / f"{prefix}-labels-idx1-ubyte.gz", magic, [count], body[:count])
        magic, dims, body = read(source / f"{prefix}-images-idx3-ubyte.gz")
        rows, columns = dims[1], dims[2]
        images = []
        for i in range(count):
            image = body[i * rows * columns:(i + 1) * rows * columns]
            images.append(bytes(image[(y * rows // height) * columns + x * columns // width]
                                for y in range(height) for x in range(width)))
        write(destination / f"{prefix}-images-idx3-ubyte.gz", magic, [count, height, width], b"".join(images))


if __name__ == "__main__":
    main(*sys.argv[1:])
