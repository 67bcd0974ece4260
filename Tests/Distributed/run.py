#!/usr/bin/env python3
"""Runs the real `latent` binary under `mpirun --oversubscribe -np 2` against the same command in one process.

Checks that data-parallel training gives the single-process losses (classifier and autoencoder, 3 epochs on the
200 train images of Tests/BadInput/files/tiny), that a checkpoint written by 2 processes resumes in 1 and the
reverse, that sharded `retrieve` and `search` answer exactly as one process, and that options that cannot work
distributed stop every process with a message and a non-zero status. Skips, saying so, when mpirun is missing.
"""
import argparse
import gzip
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent.parent
TINY = REPOSITORY / "Tests" / "BadInput" / "files" / "tiny"
# Float rounding of a sum taken in another order, over 3 epochs of Adam: far below any real difference.
TOLERANCE = 1e-4


class Runner:
    def __init__(self, latent, scratch, only):
        self.only = only
        self.latent = str(Path(latent).resolve())
        self.scratch = scratch
        self.failures = []
        self.env = dict(os.environ, OPENBLAS_NUM_THREADS="1", LATENT_THREADS="1")
        self.mpirun = ["mpirun", "--oversubscribe", "-np", "2"]
        if os.geteuid() == 0:
            self.mpirun.append("--allow-run-as-root")

    def run(self, args, processes=1, expect=0, timeout=120):
        """Runs latent (under mpirun when processes is 2); returns its output. Kills the whole group on a hang."""
        command = (self.mpirun if processes == 2 else []) + [self.latent] + [str(a) for a in args]
        process = subprocess.Popen(command, cwd=self.scratch, env=self.env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise AssertionError(f"hung for {timeout} s: {' '.join(command)}")
        status_ok = process.returncode == 0 if expect == 0 else process.returncode != 0
        if not status_ok:
            raise AssertionError(f"exit {process.returncode} (expected {'0' if expect == 0 else 'non-zero'}): "
                                 f"{' '.join(command)}\n{output[-3000:]}")
        return output

    def check(self, name, body):
        if self.only and self.only not in name:
            return
        start = time.time()
        try:
            body()
            print(f"ok    {name} ({time.time() - start:.1f} s)")
        except AssertionError as error:
            print(f"FAIL  {name}: {error}")
            self.failures.append(name)


def metrics(folder):
    with open(folder / "metrics.jsonl") as log:
        return [json.loads(line) for line in log if line.strip()]


def same_losses(one, two):
    """Every epoch's train and validation loss of two metrics logs, within float rounding."""
    assert len(one) == len(two) == 3, f"{len(one)} and {len(two)} epochs logged"
    for a, b in zip(one, two):
        for key in ("train_loss", "validation_loss"):
            x, y = a[key], b[key]
            assert abs(x - y) <= TOLERANCE * max(abs(x), 1e-3), f"epoch {a['epoch']} {key}: {x} in one process, {y} in two"
    # The runs learn: a test that compared two untrained runs would prove nothing.
    assert one[-1]["train_loss"] < 0.9 * one[0]["train_loss"], f"no learning: {one}"


def write_idx(folder, images, labels, prefix):
    """A gzip IDX pair of 28x28 images, the format of (Fashion-)MNIST."""
    with gzip.open(folder / f"{prefix}-images-idx3-ubyte.gz", "wb") as f:
        f.write(struct.pack(">IIII", 0x803, len(images), 28, 28) + b"".join(images))
    with gzip.open(folder / f"{prefix}-labels-idx1-ubyte.gz", "wb") as f:
        f.write(struct.pack(">II", 0x801, len(labels)) + bytes(labels))


def write_png(path, pixels, width, height):
    """A greyscale PNG, so that the search test needs no image library."""
    rows = b"".join(b"\x00" + pixels[y * width:(y + 1) * width] for y in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
                     + chunk(b"IEND", b""))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latent", default=str(REPOSITORY / ".build" / "debug" / "latent"))
    parser.add_argument("--only", help="run the checks whose names contain this")
    arguments = parser.parse_args()
    if shutil.which("mpirun") is None:
        print("distributed: skipped, mpirun not found (scripts/setup.sh installs openmpi-bin)")
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="latent-mpi-"))
    try:
        return run_all(Runner(arguments.latent, scratch, arguments.only), scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_all(runner, scratch):
    data = ["--dataset", "fashion-mnist", "--data-dir", TINY]
    common = data + ["--epochs", 3, "--batch-size", 32, "--seed", 7]

    def training(kind, extra):
        def body():
            one, two = scratch / f"{kind}-1", scratch / f"{kind}-2"
            runner.run(["train", *kind.split(), *common, *extra, "--out", one])
            output = runner.run(["train", *kind.split(), *common, *extra, "--out", two], processes=2)
            assert "2 processes" in output, f"no data-parallel report:\n{output[-2000:]}"
            same_losses(metrics(one), metrics(two))
        return body

    runner.check("train classifier: 2 processes give 1 process's losses",
                 training("classifier", ["--arch", "mlp"]))
    runner.check("train ae: 2 processes give 1 process's losses",
                 training("ae", ["--arch", "dense", "--code", 8]))

    def resume():
        # Epochs 1-2 in one layout, epoch 3 in the other, both ways: the losses of the uninterrupted run.
        reference = metrics(scratch / "classifier-1")
        for first, second in ((2, 1), (1, 2)):
            out = scratch / f"resume-{first}-{second}"
            base = ["train", "classifier", "--arch", "mlp", *data, "--batch-size", 32, "--seed", 7, "--out", out]
            runner.run([*base, "--epochs", 2], processes=first)
            runner.run([*base, "--epochs", 3, "--resume"], processes=second)
            same_losses(reference, metrics(out))
    runner.check("train classifier: a checkpoint of 2 processes resumes in 1, and of 1 in 2", resume)

    def retrieve():
        for metric in ("l2", "cosine"):
            args = ["retrieve", *data, "--query", 3, "--k", 12, "--metric", metric]
            runner.run([*args, "--table", scratch / f"one-{metric}.csv"])
            runner.run([*args, "--table", scratch / f"two-{metric}.csv"], processes=2)
            one, two = (scratch / f"one-{metric}.csv").read_text(), (scratch / f"two-{metric}.csv").read_text()
            assert one == two, f"{metric}: one process\n{one}\ntwo processes\n{two}"
            assert one.count("\n") >= 12, one
    runner.check("retrieve: 2 processes answer exactly as 1", retrieve)

    def search():
        index = scratch / "tiny.index.h5"
        runner.run(["index", "build", *data, "--limit", 200, "--pca", 16, "--metric", "l2", "--out", index])
        query = scratch / "query.png"
        write_png(query, bytes((x * 7 + y * 3) % 256 for y in range(28) for x in range(28)), 28, 28)
        args = ["search", "--index", index, "--image", query, "--k", 15]
        runner.run([*args, "--table", scratch / "one.csv"])
        runner.run([*args, "--table", scratch / "two.csv"], processes=2)
        one, two = (scratch / "one.csv").read_text(), (scratch / "two.csv").read_text()
        assert one == two, f"one process\n{one}\ntwo processes\n{two}"
    runner.check("search: 2 processes answer exactly as 1", search)

    def refusals():
        cases = [
            (["train", "classifier", *common, "--batch-size", 33, "--out", scratch / "odd"], "--batch-size 33 is not divisible"),
            (["pca", "fit", *data, "--components", 4, "--out", scratch / "pca.h5"], "does not run under mpirun"),
        ]
        one = scratch / "one-image"
        one.mkdir()
        write_idx(one, [bytes(784)], [3], "train")
        write_idx(one, [bytes(784)], [3], "t10k")
        cases.append((["train", "classifier", "--data-dir", one, "--epochs", 1, "--batch-size", 2, "--out", scratch / "few"],
                      "1 train images are fewer than the 2 processes"))
        for args, words in cases:
            output = runner.run(args, processes=2, expect=1, timeout=60)
            assert words in output, f"no '{words}' in:\n{output[-2000:]}"
            assert output.count(words) == 1, f"the message is not printed once:\n{output[-2000:]}"
        assert not (scratch / "pca.h5").exists() and not (scratch / "odd").exists() and not (scratch / "few").exists()
    runner.check("options that cannot work distributed stop every process with one message", refusals)

    print(f"distributed: {len(runner.failures)} failed")
    return 1 if runner.failures else 0


if __name__ == "__main__":
    sys.exit(main())
