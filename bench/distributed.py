"""Data-parallel training on one machine, and what it predicts for several: 1 process x 2 threads against
2 processes x 1 thread (`mpirun`) for P3 and P4, then a ring-allreduce estimate for N machines.

Usage: python3 bench/distributed.py measure RESULTS_DIR [--runs 3] [--train 60000]   (needs mpirun and .build/release/latent)
       python3 bench/distributed.py report RESULTS_DIR     (prints the section of notebooks-md/benchmarks.md)
`measure` trains each protocol's autoencoder for 2 epochs on the first --train Fashion-MNIST train images (and a fifth
as many test images; batch 128, the P3/P4 settings) and reads the second epoch's figures from the progress lines:
samples/s, and the seconds spent in MPI calls.
"""
import gzip
import json
import struct
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

FASHION = "/usr/share/datasets/fashion-mnist"
LATENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "latent")
ARCHITECTURES = {"P3": "dense", "P4": "conv"}
LAYOUTS = [(1, 2), (2, 1)]  # (processes, threads per process): both use the machine's 2 cores
EPOCH = re.compile(r"epoch 2/2: train loss [\d.]+, validation loss [\d.]+, ([\d.]+) s, (\d+) samples/s")
MPI = re.compile(r"(\d+) processes, ([\d.]+) MB summed per step: ([\d.]+) s of the epoch's ([\d.]+) s in MPI calls")
BATCH = 128


def write_subset(folder, train, test):
    """The first images of Fashion-MNIST's two splits as IDX files, for a quicker measurement of the same step."""
    for split, count in (("train", train), ("t10k", test)):
        with gzip.open(os.path.join(FASHION, f"{split}-images-idx3-ubyte.gz")) as f:
            _, _, rows, columns = struct.unpack(">IIII", f.read(16))
            images = f.read(count * rows * columns)
        with gzip.open(os.path.join(FASHION, f"{split}-labels-idx1-ubyte.gz")) as f:
            f.read(8)
            labels = f.read(count)
        with gzip.open(os.path.join(folder, f"{split}-images-idx3-ubyte.gz"), "wb") as f:
            f.write(struct.pack(">IIII", 0x803, count, rows, columns) + images)
        with gzip.open(os.path.join(folder, f"{split}-labels-idx1-ubyte.gz"), "wb") as f:
            f.write(struct.pack(">II", 0x801, count) + labels)


def measure(directory, runs, train):
    rows = []
    data = tempfile.mkdtemp(prefix="latent-distributed-data-")
    write_subset(data, train, min(train // 5, 10000))
    try:
        measure_in(runs, train, data, rows)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    with open(os.path.join(directory, "distributed.jsonl"), "w") as f:
        f.writelines(json.dumps(row) + "\n" for row in rows)


def measure_in(runs, train, data, rows):
    """Appends one row per run to `rows`."""
    for protocol, arch in ARCHITECTURES.items():
        for processes, threads in LAYOUTS:
            for run in range(runs):
                out = tempfile.mkdtemp(prefix="latent-distributed-")
                try:
                    command = [LATENT, "train", "ae", "--arch", arch, "--code", "32", "--epochs", "2",
                               "--batch-size", str(BATCH), "--data-dir", data, "--out", out]
                    if processes > 1:
                        command = ["mpirun", "--oversubscribe", "-np", str(processes), "--bind-to", "none"] + (
                            ["--allow-run-as-root"] if os.geteuid() == 0 else []) + command
                    environment = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), LATENT_THREADS=str(threads))
                    log = subprocess.run(command, env=environment, capture_output=True, text=True, check=True).stderr
                finally:
                    shutil.rmtree(out, ignore_errors=True)
                seconds, samples = EPOCH.search(log).groups()
                row = {"protocol": protocol, "processes": processes, "threads": threads, "run": run, "train_images": train,
                       "epoch_seconds": float(seconds), "samples_per_second": int(samples)}
                communication = [m for m in MPI.finditer(log)]
                if communication:
                    _, megabytes, mpi_seconds, _ = communication[-1].groups()
                    row.update(megabytes_per_step=float(megabytes), mpi_seconds=float(mpi_seconds))
                print(json.dumps(row), file=sys.stderr)
                rows.append(row)


def report(directory):
    with open(os.path.join(directory, "distributed.jsonl")) as f:
        rows = [json.loads(line) for line in f if line.startswith("{")]
    out = ["## Several processes: data-parallel training on MPI (`mpirun latent train ae`)", "",
           "The same 2 cores used two ways: one process with 2 threads, or two processes (`mpirun -np 2`) with one "
           "thread each that split every batch of 128 and sum their gradients with one `MPI_Allreduce` per step. "
           f"Second of 2 epochs on the first {rows[0]['train_images']:,} Fashion-MNIST train images, median of "
           f"{max(r['run'] for r in rows) + 1} runs; the MPI share is the time inside MPI calls (allreduce, and the "
           "broadcast at each epoch's end), waiting for the slower process included.", "",
           "| protocol | processes x threads | samples/s | epoch s | MPI share | MB summed per step |",
           "| --- | --- | ---: | ---: | ---: | ---: |"]
    medians = {}
    for protocol in ARCHITECTURES:
        for processes, threads in LAYOUTS:
            runs = [r for r in rows if r["protocol"] == protocol and r["processes"] == processes]
            if not runs:
                continue
            rate = statistics.median(r["samples_per_second"] for r in runs)
            seconds = statistics.median(r["epoch_seconds"] for r in runs)
            share = statistics.median(r["mpi_seconds"] / r["epoch_seconds"] for r in runs) if processes > 1 else None
            megabytes = runs[0].get("megabytes_per_step")
            medians[(protocol, processes)] = (rate, megabytes)
            out.append(f"| {protocol} | {processes} x {threads} | {rate:,.0f} | {seconds:.1f} | "
                       + (f"{100 * share:.1f}%" if share is not None else "-") + " | "
                       + (f"{megabytes:.2f}" if megabytes else "-") + " |")
    out += ["", "### Scaling estimate for N machines", "",
            "Each machine computes its share of a batch (global batch 128) in 1/N of the one-machine step time, "
            "measured above (1 process x 2 threads, the compute of one such machine), and the ring allreduce then moves "
            "2(N-1)/N times the gradient bytes over each machine's link, plus 2(N-1) message latencies (50 us each, "
            "a typical TCP figure). Speed-up = one-machine step / (step / N + allreduce). The shares get small as N "
            "grows (8 images a machine at N = 16), where sgemm runs below its best, so the compute term is optimistic; "
            "a larger global batch keeps each share large.", "",
            "| protocol | step ms (1 machine) | MB per step | link | N = 2 | N = 4 | N = 8 | N = 16 |",
            "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
    for protocol in ARCHITECTURES:
        if (protocol, 1) not in medians or (protocol, 2) not in medians:
            continue
        step = BATCH / medians[(protocol, 1)][0]
        megabytes = medians[(protocol, 2)][1]
        for gigabits in (10, 25):
            speedups = []
            for n in (2, 4, 8, 16):
                allreduce = 2 * (n - 1) / n * megabytes * 8e6 / (gigabits * 1e9) + 2 * (n - 1) * 50e-6
                speedups.append(step / (step / n + allreduce))
            out.append(f"| {protocol} | {1000 * step:.1f} | {megabytes:.2f} | {gigabits} Gbit/s | "
                       + " | ".join(f"{s:.1f}x" for s in speedups) + " |")
    out += ["", f"Reproduce: `python3 bench/distributed.py measure runs/benchmarks --runs {max(r['run'] for r in rows) + 1} "
            f"--train {rows[0]['train_images']} && python3 bench/distributed.py report runs/benchmarks` "
            "(after `swift build -c release`).", ""]
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "measure":
        def option(name, default):
            return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default
        measure(sys.argv[2], option("--runs", 3), option("--train", 60000))
    elif len(sys.argv) == 3 and sys.argv[1] == "report":
        report(sys.argv[2])
    else:
        sys.exit(__doc__)
