"""Writes notebooks-md/benchmarks.md from the JSON lines of `latent bench ...` and of the peer scripts.

Usage: python3 bench/report.py RESULTS_DIR > notebooks-md/benchmarks.md
RESULTS_DIR holds latent-*.jsonl, peers-*.jsonl and machine.txt, as scripts/benchmarks.sh leaves them.
"""
import glob
import json
import os
import statistics
import sys

directory = sys.argv[1]


def lines(pattern):
    rows = []
    for path in sorted(glob.glob(os.path.join(directory, pattern))):
        with open(path) as f:
            rows += [json.loads(line) for line in f if line.startswith("{")]
    return rows


latent, peers, profiles = lines("latent-*.jsonl"), lines("peers-*.jsonl"), lines("profile-*.jsonl")


def find(rows, protocol, figure=None, **keys):
    """The first row of `protocol` whose `keys` match and that has `figure` (any row when figure is None)."""
    for row in rows:
        if row.get("protocol") == protocol and all(row.get(k) == v for k, v in keys.items()) and (figure is None or figure in row):
            return row
    return None


def number(value, digits=4):
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(f"{v:.4f}" for v in value)
    if isinstance(value, (int, float)) and abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}g}" if isinstance(value, float) else str(value)


def ratio(ours, theirs):
    if isinstance(ours, (int, float)) and isinstance(theirs, (int, float)) and theirs:
        return ours / theirs
    return None


def table(protocol, keys, figures):
    """One line per figure of Latent's rows: Latent's value, then each peer configuration's value and Latent's ratio."""
    libraries = list(dict.fromkeys(p.get("library", "?") for p in peers if p.get("protocol") == protocol))
    out = ["| " + " | ".join(list(keys) + ["figure", "Latent"] + [f"{library} | Latent / it" for library in libraries]) + " |",
           "|" + " --- |" * len(keys) + " --- | ---: |" + " ---: | ---: |" * len(libraries)]
    for row in [r for r in latent if r.get("protocol") == protocol]:
        for figure in figures:
            if figure not in row:
                continue
            cells = [str(row.get(k)) for k in keys] + [figure, number(row.get(figure))]
            for library in libraries:
                peer = find(peers, protocol, figure, library=library, **{k: row.get(k) for k in keys})
                theirs = peer.get(figure) if peer else None
                r = ratio(row.get(figure), theirs)
                cells += [number(theirs), f"{r:.2f}x" if r is not None and not isinstance(theirs, list) else "-"]
            out.append("| " + " | ".join(cells) + " |")
    if not libraries:
        out.append("\nPeer: none ran for this protocol on this machine.")
    return "\n".join(out)


def steps_rows(rows, model):
    return [r for r in rows if r.get("benchmark") == f"steps-{model}"]


def fastest_steps(model):
    """The peer configuration (PyTorch with or without flush-denormal) whose median step was the shortest."""
    rows = steps_rows(peers, model)
    configurations = {r.get("library", "?"): [s for s in rows if s.get("library", "?") == r.get("library", "?")] for r in rows}
    return min(configurations.values(), key=lambda group: median_of(group, "ms_per_step"), default=[])


def median_of(rows, key):
    values = [r[key] for r in rows if isinstance(r.get(key), (int, float))]
    return statistics.median(values) if values else None


# The goals of issues 13 and 25, each a ratio read from the rows above: (label, value, goal, holds).
def goals():
    out = []

    def add(label, value, goal, holds):
        out.append((label, value, goal, bool(holds)))

    def comparable(ours, theirs):
        """Both ran, on the same data for the same number of epochs."""
        return ours and theirs and ours.get("epochs") == theirs.get("epochs") and ours.get("dataset") == theirs.get("dataset")

    def fastest_peer(protocol):
        """The peer configuration that trained fastest on the data and epochs Latent ran: the reference for goals."""
        ours = find(latent, protocol, "train_samples_per_second")
        rivals = [p for p in peers if p.get("protocol") == protocol and "train_samples_per_second" in p and comparable(ours, p)]
        return ours, max(rivals, key=lambda p: p["train_samples_per_second"], default=None)

    for protocol, goal in (("P3", 1.3), ("P4", 1.5), ("P5", 1.5)):
        ours, theirs = fastest_peer(protocol)
        r = ratio(ours["train_samples_per_second"], theirs["train_samples_per_second"]) if theirs else None
        name = theirs["library"] if theirs else "the fastest peer"
        add(f"{protocol} training samples/s, Latent / {name}", r, f">= {goal}x", r is not None and r >= goal)
    for protocol in ("P3", "P4"):
        ours, theirs = fastest_peer(protocol)
        r = ratio(ours["test_mse"], theirs["test_mse"]) if theirs else None
        name = theirs["library"] if theirs else "the fastest peer"
        add(f"{protocol} test MSE, Latent / {name}", r, "<= 1.10x", r is not None and r <= 1.1)
    ours, theirs = fastest_peer("P7")
    r = ratio(ours["train_samples_per_second"], theirs["train_samples_per_second"]) if theirs else None
    add(f"P7 training samples/s, Latent / {theirs['library'] if theirs else 'the fastest peer'}", r, ">= 1.5x",
        r is not None and r >= 1.5)
    for batch in (1, 256):
        figure = f"encode_batch{batch}_images_per_second"
        rivals = [p for p in peers if p.get("protocol") == "P7" and figure in p]
        theirs = max(rivals, key=lambda p: p[figure], default=None)
        r = ratio(ours[figure], theirs[figure]) if ours and theirs else None
        add(f"P7 encoder images/s at batch {batch}, Latent / {theirs['library'] if theirs else 'the fastest peer'}", r,
            ">= 1.3x", r is not None and r >= 1.3)
    ours, theirs = fastest_peer("P7")
    r = ratio(ours["test_mse"], theirs["test_mse"]) if theirs else None
    add(f"P7 test MSE, Latent / {theirs['library'] if theirs else 'the fastest peer'}", r, "<= 1.10x", r is not None and r <= 1.1)
    ours, theirs = fastest_peer("P5")
    if theirs:
        gap = 100 * (theirs["test_accuracy"] - ours["test_accuracy"])
        add(f"P5 test accuracy, points below {theirs['library']}", gap, "<= 1.5", gap <= 1.5)
    ours, theirs = find(latent, "P1", "fit_seconds", k=32), find(peers, "P1", "fit_seconds", k=32)
    r = ratio(ours and ours["fit_seconds"], theirs and theirs["fit_seconds"])
    add("P1 PCA-32 fit seconds, Latent / scikit-learn", r, "<= 0.7x and <= 0.3 s",
        r is not None and r <= 0.7 and ours["fit_seconds"] <= 0.3)
    for dim, goal in ((784, 1.0), (32, 1.2)):
        ours, theirs = find(latent, "P2", "queries_per_second", dim=dim, metric="l2"), find(peers, "P2", "queries_per_second", dim=dim, metric="l2")
        r = ratio(ours and ours["queries_per_second"], theirs and theirs["queries_per_second"])
        add(f"P2 k-NN {dim}-d L2 queries/s, Latent / faiss", r, f">= {goal}x", r is not None and r >= goal)
    ours, theirs = steps_rows(latent, "ssl"), fastest_steps("ssl")
    r = ratio(median_of(theirs, "ms_per_step"), median_of(ours, "ms_per_step")) if ours and theirs else None
    add(f"SimCLR training step speed, Latent / {theirs[0]['library'] if theirs else 'PyTorch'} (issue 22)", r, ">= 1.3x",
        r is not None and r >= 1.3)
    for model in ("vae", "iwae"):
        ours, theirs = steps_rows(latent, model), fastest_steps(model)
        r = ratio(median_of(theirs, "ms_per_step"), median_of(ours, "ms_per_step")) if ours and theirs else None
        add(f"{model.upper()} training step speed, Latent / {theirs[0]['library'] if theirs else 'PyTorch'} (issue 26)", r,
            ">= 1.3x", r is not None and r >= 1.3)
    return out


machine = open(os.path.join(directory, "machine.txt")).read().strip() if os.path.exists(os.path.join(directory, "machine.txt")) else ""
print("# Benchmarks: Latent beside its peers\n")
print("_Generated by `scripts/benchmarks.sh` (`python3 bench/report.py`) from one session's runs on one machine; "
      "do not edit by hand. Protocols: `../shared/PROTOCOLS.md`. Timings are medians after a warm-up, release build, 2 threads "
      "on both sides (Latent's worker pool with single-threaded OpenBLAS inside; PyTorch `set_num_threads(2)`)._\n")
print("Machine and versions:\n\n```\n" + machine + "\n```\n")
print("The ratio is Latent's figure over the peer's: above 1 is better for rates and accuracies, worse for seconds and errors. "
      "The machine is shared and noisy, so only figures from one session compare.\n")

print("## Goals (issues 13, 22, 25 and 26)\n")
print("Each training goal compares Latent with the fastest peer configuration on the same data and epochs: PyTorch with its "
      "default and with `torch.set_flush_denormal(True)` (Latent's engine and XLA always flush denormals), and JAX with the "
      "whole step under `jax.jit` (optax's Adam). Python peers run with their own OpenBLAS, without this machine's "
      "`OPENBLAS_CORETYPE` / `OPENBLAS_L2_SIZE` overrides. Training samples/s is the median of the epochs after the first on "
      "every side.\n")
print("| figure | value | goal | met |\n| --- | ---: | --- | --- |")
for label, value, goal, holds in goals():
    print(f"| {label} | {'-' if value is None else f'{value:.2f}'} | {goal} | {'yes' if holds else 'no' if value is not None else 'no comparable pair of runs'} |")
print()

print("## The training step alone (`latent bench steps`, `bench/peers/torch_steps.py`)\n")
rounds = len(steps_rows(latent, "dense-ae"))
print("The same model, the same 8 batches of 128 (Fashion-MNIST's first 1,024 training images), Adam 1e-3; 40 steps after 5 "
      f"warm-up steps, {rounds} round{'s' if rounds != 1 else ''} interleaved Latent / PyTorch; medians. The loss is the "
      "last step's, on both sides. `ssl` is `latent train ssl`'s default (SimCLR's NT-Xent on the resnet8 encoder and its "
      "projection head), each image and its mirror as the two views: 256 views a step, images/s counted as 128. `vae` and "
      "`iwae` are Burda et al.'s 784-200-200-50 tanh model on the same images made binary (pixels above one half), the ELBO "
      "with the KL in closed form or the importance-weighted bound with 50 codes per image. PyTorch "
      "ran with and without flush-denormal; the faster is shown, named in the last column.\n")
print("CPU ms/step is the process's CPU time over the steps: on a machine busier than its cores the wall time mostly "
      "measures waiting for a core, and the CPU time is the steadier figure (it still counts any spinning).\n")
print("| model | Latent ms/step | PyTorch ms/step | Latent / PyTorch speed | Latent CPU ms/step | PyTorch CPU ms/step | "
      "Latent / PyTorch by CPU time | Latent loss | PyTorch loss | Latent allocations/step | PyTorch configuration |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
for model in ("dense-ae", "conv-ae", "cnn", "ssl", "vae", "iwae"):
    ours, theirs = steps_rows(latent, model), fastest_steps(model)
    if not ours:
        continue
    ms, peer_ms = median_of(ours, "ms_per_step"), median_of(theirs, "ms_per_step")
    speed = ratio(peer_ms, ms)
    cpu = ratio(median_of(theirs, "cpu_ms_per_step"), median_of(ours, "cpu_ms_per_step"))
    cpu_speed = "-" if cpu is None else f"{cpu:.2f}x"
    print(f"| {model} | {ms:.2f} | {number(peer_ms)} | {'-' if speed is None else f'{speed:.2f}x'} | "
          f"{number(median_of(ours, 'cpu_ms_per_step'))} | {number(median_of(theirs, 'cpu_ms_per_step'))} | {cpu_speed} | "
          f"{number(median_of(ours, 'loss'))} | "
          f"{number(median_of(theirs, 'loss'))} | {median_of(ours, 'allocations_per_step'):.0f} | "
          f"{theirs[0].get('library', '-') if theirs else '-'} |")
print()
parts = ["sgemm", "unfold", "layout", "elementwise", "optimizer", "idle"]
print("Where Latent's step time goes (the calling thread's wall time; the worker runs the other half of each split kernel at "
      "the same time). `unfold` is im2col/col2im, `layout` the convolutions' axis swaps with the bias, `idle` waiting for "
      "the worker to finish its share, `rest` the graph, allocation from the buffer pool and the loss:\n")
print("| model | " + " | ".join(parts) + " | rest |\n| --- |" + " ---: |" * (len(parts) + 1))
for model in ("dense-ae", "conv-ae", "cnn", "ssl", "vae", "iwae"):
    ours = steps_rows(latent, model)
    if ours:
        shares = [median_of(ours, f"{part}_share") or 0 for part in parts]
        print(f"| {model} | " + " | ".join(f"{100 * s:.0f}%" for s in shares) + f" | {100 * max(0, 1 - sum(shares)):.0f}% |")
print()

kinds = ["sgemm", "unfold", "layout", "elementwise", "optimizer", "allocation", "copies", "other"]
if profiles:
    print("The same steps counted by callgrind (`bench/profile/callgrind.sh MODEL 2`, split by `bench/profile/split.py`): "
          "instructions executed, one thread, so they repeat exactly on a loaded machine but show no waiting. `sgemm` is "
          "everything in OpenBLAS (packing and the zeroing of a beta = 0 output included), `allocation` malloc/free and "
          "zero-filled buffers, `copies` memcpy, `other` the graph, reference counting and the loss:\n")
    print("| model | instructions/step | " + " | ".join(kinds) + " |\n| --- | ---: |" + " ---: |" * len(kinds))
    for row in profiles:
        model = row["benchmark"].removeprefix("callgrind-")
        per_step = row["instructions"] / row.get("steps", 2)
        print(f"| {model} | {per_step / 1e6:.0f} M | " + " | ".join(f"{100 * row.get(f'{k}_share', 0):.0f}%" for k in kinds) + " |")
    print()

sections = [
    ("ops", "Engine kernels (`latent bench ops`)", None, None),
    ("P1", "P1 PCA baseline (`latent bench pca`)", ["k"], ["fit_seconds", "transform_seconds", "explained_variance_ratio", "test_mse",
                                                         "precision_at_10", "one_nn_accuracy", "map_at_100"]),
    ("P2", "P2 exact k-NN retrieval (`latent bench knn`)", ["dim", "metric"], ["seconds", "queries_per_second", "precision_at_10",
                                                                              "one_nn_accuracy", "map_at_100", "sgemm_share", "selection_share"]),
    ("P3", "P3 dense autoencoder (`latent bench dense-ae`)", [], ["epochs", "train_samples_per_second", "encode_samples_per_second",
                                                                 "test_mse", "train_loss_per_epoch", "precision_at_10", "one_nn_accuracy",
                                                                 "map_at_100", "pca_test_mse", "pca_precision_at_10", "pca_map_at_100",
                                                                 "peak_rss_mb", "sgemm_share"]),
    ("P4", "P4 convolutional autoencoder (`latent bench conv-ae`)", [], ["epochs", "train_samples_per_second", "encode_samples_per_second",
                                                                        "test_mse", "train_loss_per_epoch", "precision_at_10",
                                                                        "one_nn_accuracy", "map_at_100", "pca_test_mse", "pca_precision_at_10",
                                                                        "pca_map_at_100", "peak_rss_mb", "sgemm_share"]),
    ("P5", "P5 classifier (`latent bench classifier`)", [], ["epochs", "test_accuracy", "train_samples_per_second", "train_loss_per_epoch",
                                                            "logistic_test_accuracy", "sgemm_share"]),
    ("P7", "P7 photo-sized convolutional autoencoder (`latent bench photo-ae`)", [],
     ["epochs", "train_samples_per_second", "encode_batch1_images_per_second", "encode_batch256_images_per_second",
      "test_mse", "train_loss_per_epoch", "peak_rss_mb"]),
    ("P6", "P6 transfer to new categories (`latent bench transfer`)", [], ["per_class", "frozen_head_accuracy", "frozen_conv_accuracy",
                                                                          "finetune_last_two_accuracy", "scratch_accuracy",
                                                                          "logistic_accuracy", "one_nn_feature_accuracy",
                                                                          "one_nn_pixel_accuracy"]),
]
for protocol, title, keys, figures in sections:
    print(f"## {title}\n")
    if protocol == "ops":
        rows = [r for r in latent if r.get("benchmark", "").startswith(("sgemm", "linear", "conv"))]
        print("Forward and backward of each kernel; PyTorch's figures from `bench/peers/torch_ops.py`, the same shapes timed "
              "the same way.\n")
        print("| kernel | ms | GFLOP/s | share of the sgemm ceiling | time in sgemm | time in im2col/col2im | PyTorch ms | "
              "Latent / PyTorch speed |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in rows:
            peer = next((p for p in peers if p.get("benchmark") == r["benchmark"]), None)
            speed = ratio(peer and peer["seconds"], r["seconds"])
            print(f"| {r['benchmark']} | {r['seconds'] * 1e3:.3f} | {r['gflops']:.1f} | {100 * r['fraction_of_sgemm']:.0f}% | "
                  + (f"{100 * r['sgemm_share']:.0f}% | {100 * r['unfold_share']:.0f}% |" if r.get("sgemm_share") is not None else "- | - |")
                  + (f" {peer['seconds'] * 1e3:.3f} | {speed:.2f}x |" if speed is not None else " - | - |"))
        print()
        continue
    print(table(protocol, keys, figures) + "\n")
    if protocol == "P6":
        print("The 100 labelled images per new class are a seeded choice on each side (Latent's generator, numpy's), "
              "so the two sides train their heads on different samples of the same classes.\n")


def image_search_table(rows, benchmark, intro, columns):
    """The rows of one `latent bench search` figure: `columns` are (heading, right-aligned, cell of a row)."""
    chosen = [r for r in rows if r.get("benchmark") == benchmark]
    for r in [r for r in chosen if "skipped" in r]:
        print(f"{benchmark} skipped: {r['skipped']}.\n")
    chosen = [r for r in chosen if "skipped" not in r]
    if not chosen:
        return
    print(intro + "\n")
    print("| " + " | ".join(heading for heading, _, _ in columns) + " |")
    print("|" + "".join(" ---: |" if right else " --- |" for _, right, _ in columns))
    for r in chosen:
        print("| " + " | ".join(cell(r) for _, _, cell in columns) + " |")
    print()


def image_search_section():
    """Issue 12's benchmark: `latent bench search`, whose lines scripts/benchmarks.sh keeps in image-search.jsonl."""
    rows = lines("image-search.jsonl")
    if not rows:
        return
    print("## Image search (`latent bench search`)\n")
    print("Fashion-MNIST written out as image files, as a user's folder would hold them, then imported, indexed and searched "
          "on this machine (2 cores, shared with other work and noisy: figures move between runs). Command: "
          "`latent bench search` (release build), run by `scripts/benchmarks.sh`, which installs Debian's `wrk` for the load.\n")

    def pair(key):
        return lambda r: f"{r[key + '_p50']:.3f} / {r[key + '_p99']:.3f}"

    image_search_table(rows, "search-import",
                       "Import (`latent data import`'s code): the test images as files in class folders, read back with libpng "
                       "or libjpeg-turbo and preprocessed on every core; median of the timed runs after a warm-up, files in the "
                       "page cache.",
                       [("files", False, lambda r: r["format"].upper()), ("images", True, lambda r: f"{r['images']:,}"),
                        ("mean file bytes", True, lambda r: str(r["mean_file_bytes"])),
                        ("preprocessing", False, lambda r: r["preprocessing"]), ("seconds", True, lambda r: f"{r['seconds']:.2f}"),
                        ("images/s", True, lambda r: f"{r['images_per_second']:,.0f}")])
    image_search_table(rows, "search-latency",
                       "One query (k = 5, cosine) over the train images' codes, one test image at a time, milliseconds "
                       "p50 / p99: the search alone; encoding and searching prepared pixels; and the whole path from a file's "
                       "bytes (decode, preprocess, encode, search).",
                       [("codes", False, lambda r: r["codes"]), ("images", True, lambda r: f"{r['images']:,}"),
                        ("dimension", True, lambda r: str(r["dimension"])), ("search alone", True, pair("search_ms")),
                        ("pixels to results", True, pair("pixels_query_ms")), ("PNG file to results", True, pair("png_query_ms")),
                        ("JPEG file to results", True, pair("jpeg_query_ms")),
                        ("index build s", True, lambda r: f"{r['build_seconds']:.1f}")])
    image_search_table(rows, "search-service",
                       "The service (`latent serve`'s code) on loopback under load from `wrk` on the same 2 cores; latency "
                       "in milliseconds.",
                       [("endpoint", False, lambda r: r["endpoint"]), ("codes", False, lambda r: r["codes"]),
                        ("client", False, lambda r: r["client"]), ("connections", True, lambda r: str(r["connections"])),
                        ("seconds", True, lambda r: str(r["seconds"])),
                        ("requests/s", True, lambda r: f"{r['requests_per_second']:,.0f}"),
                        ("p50", True, lambda r: number(r["latency_ms_p50"])), ("p99", True, lambda r: number(r["latency_ms_p99"])),
                        ("errors", True, lambda r: str(r["non_2xx_or_errors"]))])


image_search_section()
