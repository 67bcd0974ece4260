"""Writes a smaller copy of an IDX dataset folder: cut_dataset.py SOURCE DESTINATION TRAIN TEST [SIDE].

TRAIN and TEST are the image counts kept; SIDE, when given, resamples the test images to SIDE x SIDE
(nearest neighbour), so that train and test differ in size.
"""
import gzip
import struct
import sys
from pathlib import Path


def read(path):
    data = gzip.open(path).read()
    rank = data[3]
    dims = list(struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank]))
    return data[:4], dims, data[4 + 4 * rank:]


def write(path, magic, dims, body):
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write(magic + struct.pack(">" + "I" * len(dims), *dims) + body)


def main(source, destination, train, test, side=None):
    source, destination = Path(source), Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for prefix, count in (("train", int(train)), ("t10k", int(test))):
        magic, dims, body = read(source / f"{prefix}-labels-idx1-ubyte.gz")
        write(destination / f"{prefix}-labels-idx1-ubyte.gz", magic, [count], body[:count])
        magic, dims, body = read(source / f"{prefix}-images-idx3-ubyte.gz")
        height, width = dims[1], dims[2]
        images = [body[i * height * width:(i + 1) * height * width] for i in range(count)]
        if side is not None and prefix == "t10k":
            side = int(side)
            images = [bytes(image[(y * height // side) * width + x * width // side] for y in range(side) for x in range(side))
                      for image in images]
            height = width = side
        write(destination / f"{prefix}-images-idx3-ubyte.gz", magic, [count, height, width], b"".join(images))


if __name__ == "__main__":
    main(*sys.argv[1:])
