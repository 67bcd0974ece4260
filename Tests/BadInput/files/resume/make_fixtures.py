"""Writes the damaged checkpoints of the resume catalogue cases (needs h5py).

Usage: make_fixtures.py LATENT. Trains a logistic classifier for one epoch on ../tiny with LATENT, then writes
copies of its checkpoint (without the optimizer, to keep them small) whose training state is damaged in one way
each. `latent train classifier --arch logistic --dataset fashion-mnist --data-dir {files}/tiny --resume` meets them.
"""
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy

HERE = Path(__file__).resolve().parent


def copy_without_optimizer(source, name, edit):
    with h5py.File(source, "r") as original, h5py.File(HERE / name, "w") as f:
        for key, value in original.attrs.items():
            f.attrs[key] = value
        for group in ("model", "generators", "training"):
            original.copy(original[group], f, name=group)
        edit(f)


def optimizer(kind, step, slots):
    """An edit that adds a small optimizer group: `slots` maps slot paths (m/head/weight) to arrays."""
    def edit(f):
        group = f.create_group("optimizer")
        group.attrs["kind"] = numpy.bytes_(kind.encode())
        group.attrs["step"] = numpy.int64(step)
        for path, values in slots.items():
            group[path] = values
    return edit


def replace(path, data):
    def edit(f):
        if path in f:
            del f[path]
        f[path] = data
    return edit


def set_attribute(path, key, value):
    def edit(f):
        f[path].attrs[key] = value
    return edit


def delete_attribute(path, key):
    def edit(f):
        del f[path].attrs[key]
    return edit


def main():
    latent = sys.argv[1]
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([latent, "train", "classifier", "--arch", "logistic", "--epochs", "1", "--dataset", "fashion-mnist",
                        "--data-dir", str(HERE.parent / "tiny"), "--out", folder], check=True, capture_output=True)
        source = Path(folder) / "model.h5"
        copy_without_optimizer(source, "zero-loss-generator.h5",
                               replace("training/loss_generator", numpy.zeros(4, dtype=numpy.uint64)))
        copy_without_optimizer(source, "float-loss-generator.h5",
                               replace("training/loss_generator", numpy.arange(1, 5, dtype=numpy.float64)))
        copy_without_optimizer(source, "no-batch-size.h5", delete_attribute("training", "batch_size"))
        copy_without_optimizer(source, "negative-step.h5", set_attribute("training", "step", numpy.int64(-3)))
        copy_without_optimizer(source, "huge-early-stopping-count.h5",
                               set_attribute("training", "epochs_without_improvement", numpy.int64(2**63 - 1)))
        copy_without_optimizer(source, "stray-generator.h5",
                               replace("generators/head/generator", numpy.arange(1, 5, dtype=numpy.uint64)))
        copy_without_optimizer(source, "frozen-not-json.h5", set_attribute("/", "frozen", numpy.bytes_(b"head.weight")))
        copy_without_optimizer(source, "misshaped-optimizer-slot.h5",
                               optimizer("adam", 1, {"m/head/weight": numpy.zeros((2, 2), dtype=numpy.float32)}))
        copy_without_optimizer(source, "optimizer-of-another-kind.h5", optimizer("sgd", 1, {}))
        copy_without_optimizer(source, "negative-optimizer-step.h5", optimizer("adam", -5, {}))
        copy_without_optimizer(source, "no-optimizer.h5", lambda f: None)


main()
