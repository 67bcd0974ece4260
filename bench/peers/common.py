"""Shared by the peer scripts: Fashion-MNIST as PROTOCOLS.md says, the retrieval figures, JSON lines."""
import argparse
import gzip
import json
import os
import statistics
import sys
import time

import numpy as np


def arguments(description, extra=()):
    """The options every peer script takes, plus `extra` (name, argparse keywords) pairs."""
    parser = argparse.ArgumentParser(description=description)
    for name, keywords in extra:
        parser.add_argument(name, **keywords)
    parser.add_argument("--data-dir", default=os.environ.get("LATENT_DATA_FASHION", "/usr/share/datasets/fashion-mnist"))
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int)
    return parser.parse_args()


def load(directory):
    """(train images, train labels, test images, test labels); images as float32 rows in [0, 1]."""
    def read(name, offset):
        with gzip.open(os.path.join(directory, name), "rb") as f:
            return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)
    train = read("train-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255
    test = read("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255
    return train, read("train-labels-idx1-ubyte.gz", 8).astype(np.int64), test, read("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64)


def load_crops(path):
    """P7's crops as `latent bench photo-ae` wrote them: (train, test) float32 rows in [0, 1], 20,000 and 2,000."""
    import h5py
    with h5py.File(path, "r") as f:
        images = f["images"][:].reshape(22000, -1).astype(np.float32) / 255
    return images[:20000], images[20000:]


def median_seconds(repetitions, body):
    body()
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def retrieval_figures(neighbours, database_labels, query_labels):
    """precision@10, 1-NN accuracy and mAP@100 from (Q, 100) neighbour indices, as PROTOCOLS.md defines them."""
    relevant = database_labels[neighbours] == query_labels[:, None]
    precision_at_10 = relevant[:, :10].mean()
    one_nn = relevant[:, 0].mean()
    hits = np.cumsum(relevant, axis=1)
    precision_at_r = hits / np.arange(1, relevant.shape[1] + 1)
    found = relevant.sum(axis=1)
    ap = np.where(found > 0, (precision_at_r * relevant).sum(axis=1) / np.maximum(found, 1), 0)
    return float(precision_at_10), float(one_nn), float(ap.mean())


def emit(fields):
    print(json.dumps(fields), flush=True)


def log(message):
    print(message, file=sys.stderr, flush=True)
