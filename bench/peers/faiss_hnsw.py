"""faiss's HNSW (IndexHNSWFlat) on the vectors `latent bench ann --vectors DIR` wrote: the same database and queries,
the same figures (build seconds, queries/s in one batch, single-query p50/p99, recall@10 against exact search)."""
import os
import time

import faiss
import numpy as np

from common import arguments, emit, log, median_seconds

args = arguments(__doc__, [
    ("--vectors", {"required": True, "help": "the folder `latent bench ann --vectors` wrote"}),
    ("--metric", {"default": "cosine", "choices": ["cosine", "l2"]}),
    ("--m", {"type": int, "default": 16}),
    ("--ef-construction", {"type": int, "default": 200}),
    ("--ef", {"default": "16,32,64,128,256"}),
    ("--singles", {"type": int, "default": 1000}),
])
faiss.omp_set_num_threads(2)


def read(name):
    return np.fromfile(os.path.join(args.vectors, name), dtype=np.float32).reshape(-1, 64)


database, queries = read("database.f32"), read("queries.f32")
if args.metric == "cosine":
    # Inner product of unit rows ranks as cosine does, as Latent's graph does.
    database = database / np.maximum(np.linalg.norm(database, axis=1, keepdims=True), 1e-30)
    queries = queries / np.maximum(np.linalg.norm(queries, axis=1, keepdims=True), 1e-30)
space = faiss.METRIC_INNER_PRODUCT if args.metric == "cosine" else faiss.METRIC_L2
common = {"library": f"faiss {faiss.__version__}", "threads": 2, "rows": len(database), "dimension": 64,
          "metric": args.metric, "queries": len(queries), "k": 10}

exact = faiss.IndexFlat(64, space)
exact.add(database)
truth = exact.search(queries, 10)[1]


def singles(index):
    count = min(args.singles, len(queries))
    index.search(queries[:1], 10)
    times = []
    for row in range(count):
        start = time.perf_counter()
        index.search(queries[row:row + 1], 10)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[count // 2], times[min(count - 1, count * 99 // 100)]


def report(name, index, fields):
    batch = median_seconds(args.repetitions, lambda: index.search(queries, 10))
    found = index.search(queries, 10)[1]
    recall = float(np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth)]))
    p50, p99 = singles(index)
    log(f"faiss {name}: {len(queries) / batch:.0f} queries/s in one batch, single query p50 {p50:.3f} ms "
        f"p99 {p99:.3f} ms, recall@10 {recall:.4f}")
    emit({**common, **fields, "search": name, "batch_seconds": batch, "queries_per_second": len(queries) / batch,
          "single_ms_p50": p50, "single_ms_p99": p99, "recall_at_10": recall})


report("exact", exact, {})
graph = faiss.IndexHNSWFlat(64, args.m, space)
graph.hnsw.efConstruction = args.ef_construction
start = time.perf_counter()
graph.add(database)
build = time.perf_counter() - start
log(f"faiss HNSW (m {args.m}, ef-construction {args.ef_construction}) built in {build:.1f} s")
for ef in (int(value) for value in args.ef.split(",")):
    graph.hnsw.efSearch = ef
    report(f"hnsw ef {ef}", graph, {"m": args.m, "ef_construction": args.ef_construction, "ef": ef,
                                    "build_seconds": build})
