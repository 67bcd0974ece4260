"""P1 (scikit-learn PCA), P2 (faiss exact search) and P5's baseline (scikit-learn logistic regression)."""
import faiss
import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits, threadpool_info

from common import arguments, emit, load, log, median_seconds, retrieval_figures

args = arguments(__doc__)
faiss.omp_set_num_threads(2)
threadpool_limits(2)
train, train_labels, test, test_labels = load(args.data_dir)
blas = ", ".join(sorted({f"{i['internal_api']} {i.get('version')}" for i in threadpool_info() if i["user_api"] == "blas"}))
common = {"threads": 2, "blas": blas, "seed": args.seed, "dataset": "fashion-mnist"}


def search(database, queries, k, metric="l2"):
    if metric == "cosine":
        database = database / np.linalg.norm(database, axis=1, keepdims=True)
        queries = queries / np.linalg.norm(queries, axis=1, keepdims=True)
        index = faiss.IndexFlatIP(database.shape[1])
    else:
        index = faiss.IndexFlatL2(database.shape[1])
    index.add(np.ascontiguousarray(database, dtype=np.float32))
    return index, np.ascontiguousarray(queries, dtype=np.float32)


for k in (16, 32, 64):
    model = PCA(n_components=k, svd_solver="covariance_eigh")
    fit = median_seconds(args.repetitions, lambda: model.fit(train))
    transform = median_seconds(args.repetitions, lambda: model.transform(test))
    codes_train, codes_test = model.transform(train), model.transform(test)
    mse = float(((model.inverse_transform(codes_test) - test) ** 2).mean())
    index, queries = search(codes_train, codes_test, 100)
    figures = retrieval_figures(index.search(queries, 100)[1], train_labels, test_labels)
    log(f"scikit-learn PCA-{k}: fit {fit:.3f} s, test MSE {mse:.5f}")
    emit({"protocol": "P1", "library": f"scikit-learn {sklearn.__version__}", **common, "k": k, "fit_seconds": fit,
          "transform_seconds": transform, "explained_variance_ratio": float(model.explained_variance_ratio_.sum()),
          "test_mse": mse, "precision_at_10": figures[0], "one_nn_accuracy": figures[1], "map_at_100": figures[2]})

pca32 = PCA(n_components=32, svd_solver="covariance_eigh").fit(train)
for dim, database, queries in ((784, train, test), (32, pca32.transform(train), pca32.transform(test))):
    for metric in ("l2", "cosine"):
        index, prepared = search(database, queries, 10, metric)
        seconds = median_seconds(args.repetitions, lambda: index.search(prepared, 10))
        figures = retrieval_figures(index.search(prepared, 100)[1], train_labels, test_labels)
        log(f"faiss {dim}-d {metric}: {seconds:.3f} s, {len(queries) / seconds:.0f} queries/s")
        emit({"protocol": "P2", "library": f"faiss {faiss.__version__}", **common, "dim": dim, "metric": metric, "seconds": seconds,
              "queries_per_second": len(queries) / seconds, "precision_at_10": figures[0], "one_nn_accuracy": figures[1],
              "map_at_100": figures[2]})

logistic = LogisticRegression(max_iter=200)
logistic.fit(train, train_labels)
accuracy = float((logistic.predict(test) == test_labels).mean())
log(f"scikit-learn logistic regression: {accuracy:.4f}")
emit({"protocol": "P5", "library": f"scikit-learn {sklearn.__version__}", **common, "logistic_test_accuracy": accuracy})
