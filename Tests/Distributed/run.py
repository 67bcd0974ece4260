#!/usr/bin/env python3
"""Runs the real `latent` binary under `mpirun --oversubscribe -np 2` against the same command in one process.

Checks that data-parallel training gives the single-process losses (classifier and autoencoder, 3 epochs on the
200 train images of Tests/BadInput/files/tiny), that a checkpoint written by 2 processes resumes in 1 and the
reverse, that sharded `retrieve` and `search` answer exactly as one process, and that options that cannot work
distributed stop every process with a message and a non-zero status. Ranks started (through mpirun's
`-np 1 A : -np 1 B`) with other options or other files refuse with one message from rank 0, a rank's own error
reaches the user, and a rank that stops answering ends the job after --mpi-timeout. Every run must end within its
time limit and leave no process behind. Skips, saying so, when mpirun is missing.
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
        self.launcher = ["mpirun", "--oversubscribe"] + (["--allow-run-as-root"] if os.geteuid() == 0 else [])
        self.mpirun = self.launcher + ["-np", "2"]

    def run(self, args, processes=1, expect=0, timeout=120):
        """Runs latent (under mpirun when processes is 2); returns its output. Kills the whole group on a hang."""
        command = (self.mpirun if processes == 2 else []) + [self.latent] + [str(a) for a in args]
        return self.finish(self.start(command), command, expect, timeout)

    def run_ranks(self, ranks, expect, timeout=60):
        """Runs one latent process per entry of `ranks` as one job (`ranks_command`); returns the output."""
        command = self.ranks_command(ranks)
        return self.finish(self.start(command), command, expect, timeout)

    def ranks_command(self, ranks):
        """mpirun's `-np 1 A : -np 1 B` form, one context per entry of `ranks`: its arguments, or a tuple of them, its
        working folder and, optionally, the words of a program that starts latent (a shell wrapper)."""
        command = list(self.launcher)
        for rank in ranks:
            args, folder, wrapper = (rank + ([],) if len(rank) == 2 else rank) if isinstance(rank, tuple) else (
                rank, self.scratch, [])
            command += ["-np", "1", "-wdir", str(folder), *wrapper, self.latent, *[str(a) for a in args], ":"]
        return command[:-1]

    def start(self, command):
        return subprocess.Popen(command, cwd=self.scratch, env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, start_new_session=True)

    def finish(self, process, command, expect, timeout):
        """Waits for `process` (expecting status 0, 'non-zero', or that number); checks that nothing it started is
        left behind."""
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise AssertionError(f"hung for {timeout} s: {' '.join(command)}")
        finally:
            left = leftovers(process.pid)
        if left:
            raise AssertionError(f"left running: {left} after {' '.join(command)}")
        if expect == 0 or expect == "non-zero":
            status_ok = (process.returncode == 0) == (expect == 0)
        else:
            status_ok = process.returncode == expect
        if not status_ok:
            raise AssertionError(f"exit {process.returncode} (expected {expect}): "
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


def leftovers(session):
    """The processes still alive in `session` (the one mpirun led), after a moment for the dying to go; each one
    found is killed, so that a failed check leaves nothing behind either."""
    found = []
    for _ in range(20):
        found = []
        for entry in Path("/proc").iterdir():
            try:
                stat = (entry / "stat").read_text()
                fields = stat[stat.rindex(")") + 2:].split()
                # state is fields[0], session fields[3]; a zombie is dead already, waiting for its parent to reap it.
                if entry.name.isdigit() and int(fields[3]) == session and fields[0] != "Z":
                    found.append(f"{entry.name} {(entry / 'cmdline').read_text().replace(chr(0), ' ')[:120]}")
            except (OSError, ValueError, IndexError):
                continue
        if not found:
            return []
        time.sleep(0.1)
    for line in found:
        try:
            os.kill(int(line.split()[0]), signal.SIGKILL)
        except OSError:
            pass
    return found


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
            output = runner.run(args, processes=2, expect="non-zero", timeout=60)
            assert words in output, f"no '{words}' in:\n{output[-2000:]}"
            assert output.count(words) == 1, f"the message is not printed once:\n{output[-2000:]}"
        assert not (scratch / "pca.h5").exists() and not (scratch / "odd").exists() and not (scratch / "few").exists()
    runner.check("options that cannot work distributed stop every process with one message", refusals)

    disagreements(runner, scratch, data, common)
    print(f"distributed: {len(runner.failures)} failed")
    return 1 if runner.failures else 0


def disagreements(runner, scratch, data, common):
    """Ranks that cannot run together: each case ends, within its limit, with one message from rank 0 that names
    the rank and what differs, and the status of a refused option (64) or of a file (1)."""
    def once(output, words):
        assert words in output, f"no '{words}' in:\n{output[-2000:]}"
        assert output.count(words) == 1, f"'{words}' is not printed once:\n{output[-2000:]}"

    def epochs():
        base = ["train", "classifier", *data, "--batch-size", 32, "--seed", 7, "--out", scratch / "disagree"]
        output = runner.run_ranks([[*base, "--epochs", 3], [*base, "--epochs", 2]], expect=64)
        once(output, "rank 1 disagrees with rank 0 on --epochs: 3 on rank 0, against 2 on rank 1")
    runner.check("ranks given other --epochs refuse with one message from rank 0", epochs)

    # The same words, run in two folders whose `data` differ: what two machines without a shared folder do.
    folders = [scratch / "machine-0", scratch / "machine-1"]
    for folder in folders:
        (folder / "data").mkdir(parents=True)
    for name in TINY.iterdir():
        shutil.copy(name, folders[0] / "data" / name.name)
    write_idx(folders[1] / "data", [bytes([n % 256] * 784) for n in range(100)], [n % 10 for n in range(100)], "train")
    write_idx(folders[1] / "data", [bytes(784)] * 50, [0] * 50, "t10k")
    ae = ["train", "ae", "--dataset", "fashion-mnist", "--data-dir", "data", "--arch", "dense", "--code", 4,
          "--epochs", 1, "--batch-size", 20, "--out", scratch / "other-data"]

    def dataset():
        output = runner.run_ranks([(ae, folders[0]), (ae, folders[1])], expect=1)
        once(output, "rank 1 disagrees with rank 0 on the dataset: 200 train and 50 test images of 1x28x28, labels ")
        once(output, "on rank 0, against 100 train and 50 test images of 1x28x28, labels ")
    runner.check("a rank that reads another dataset at the same path refuses with one message", dataset)

    def index():
        for folder, limit in zip(folders, (200, 150)):
            runner.run(["index", "build", *data, "--limit", limit, "--pca", 8, "--metric", "l2",
                        "--out", folder / "tiny.index.h5"])
        query = scratch / "query-of-two.png"
        write_png(query, bytes((x * 5 + y) % 256 for y in range(28) for x in range(28)), 28, 28)
        args = ["search", "--index", "tiny.index.h5", "--image", query, "--k", 5]
        output = runner.run_ranks([(args, folders[0]), (args, folders[1])], expect=1)
        once(output, "rank 1 disagrees with rank 0 on the index: md5 ")
    runner.check("a rank that searches another index at the same path refuses with one message", index)

    def own_error():
        # Rank 1's --data-dir holds no dataset: rank 0 runs on, so only rank 1 can say what is wrong.
        (scratch / "machine-2" / "data").mkdir(parents=True)
        output = runner.run_ranks([(ae, folders[0]), (ae, scratch / "machine-2")], expect=1)
        once(output, "rank 1: Error: fashion-mnist is not in data (missing: train-images-idx3-ubyte.gz")
    runner.check("an error only rank 1 meets reaches the user, naming rank 1", own_error)

    def stopped():
        # Rank 1 stops answering (SIGSTOP: a hung file system, a machine swapping) once training has begun.
        out = scratch / "stopped"
        args = ["train", "classifier", *data, "--epochs", 1000, "--batch-size", 32, "--out", out, "--mpi-timeout", 3]
        pid_file = scratch / "rank-1.pid"
        # The shell writes its process number, which latent keeps when the shell becomes it (exec).
        wrapper = ["sh", "-c", f'echo $$ > {pid_file}; exec "$0" "$@"']
        command = runner.ranks_command([args, (args, scratch, wrapper)])
        process = runner.start(command)
        deadline = time.time() + 60
        while not (out / "metrics.jsonl").exists() and process.poll() is None and time.time() < deadline:
            time.sleep(0.1)
        assert pid_file.exists() and (out / "metrics.jsonl").exists(), "training never began"
        os.kill(int(pid_file.read_text()), signal.SIGSTOP)
        stopped_at = time.time()
        output = runner.finish(process, command, expect="non-zero", timeout=45)
        once(output, "rank 0: no answer from the other processes within 3 s in ")
        assert "stopping the job (--mpi-timeout)" in output, output[-2000:]
        # 3 s of waiting, then MPI_Abort: mpirun ends the stopped rank too.
        assert time.time() - stopped_at < 20, f"the job took {time.time() - stopped_at:.1f} s to end"
    runner.check("a rank that stops answering ends the job after --mpi-timeout", stopped)


if __name__ == "__main__":
    sys.exit(main())
