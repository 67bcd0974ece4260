#!/usr/bin/env python3
"""Writes an input of fuzz-idx back out as the data folder it stands for (layout: Fuzz/Sources/fuzz-idx/FuzzIDX.swift).

Usage: Tests/BadInput/files/fuzz/split_idx_input.py INPUT DIR
Writes the input's labels file and images file (gzip or raw, as the input holds them) into DIR under the
names of both splits, as the fuzzer does, ready for `latent data describe --data-dir DIR`.
"""
import os
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip())
    data = open(sys.argv[1], "rb").read()
    declared = data[0] << 8 | data[1] if len(data) >= 2 else 0
    start = min(2, len(data))
    labels, images = data[start:start + declared], data[start + declared:]
    os.makedirs(sys.argv[2], exist_ok=True)
    for split in ["train", "t10k"]:
        for name, part in [(f"{split}-labels-idx1-ubyte.gz", labels), (f"{split}-images-idx3-ubyte.gz", images)]:
            with open(os.path.join(sys.argv[2], name), "wb") as file:
                file.write(part)
            print(f"{os.path.join(sys.argv[2], name)}: {len(part)} bytes")


main()
