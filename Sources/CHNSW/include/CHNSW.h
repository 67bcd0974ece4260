// A C interface to hnswlib's HierarchicalNSW (Debian's libhnswlib-dev, header-only C++), for Swift.
//
// Every function catches hnswlib's exceptions and reports them as a message in `error` (at most `error_size`
// bytes, NUL-terminated) and a failure result, so that no C++ exception crosses into Swift.
#pragma once
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A graph over float rows of one dimension, in one of hnswlib's two spaces.
typedef struct latent_hnsw latent_hnsw;

/// Squared Euclidean distance.
#define LATENT_HNSW_L2 0
/// 1 - a.b over rows scaled to unit length (rows of length 0 stay zero): cosine distance.
#define LATENT_HNSW_COSINE 1

/// An empty graph with room for `capacity` rows; NULL with `error` filled on failure.
latent_hnsw *latent_hnsw_create(
    int space, size_t dimension, size_t capacity, size_t m, size_t ef_construction, size_t seed, char *error,
    size_t error_size);

/// Adds rows `first` ..< `first + count` of `rows` ((count, dimension), row-major), labelled by their row numbers.
/// Safe to call from several threads at once with different rows. 0 on success.
int latent_hnsw_add(latent_hnsw *graph, const float *rows, size_t first, size_t count, char *error, size_t error_size);

/// The `k` labels and distances nearest to each of `count` queries ((count, dimension)), nearest first, exploring
/// `ef` candidates (at least `k`) in the bottom layer. Safe to call from several threads at once. 0 on success.
int latent_hnsw_search(
    const latent_hnsw *graph, const float *queries, size_t count, size_t k, size_t ef, int32_t *labels,
    float *distances, char *error, size_t error_size);

/// Writes the graph (its rows included) to the file at `path` in hnswlib's format. 0 on success.
int latent_hnsw_save(const latent_hnsw *graph, const char *path, char *error, size_t error_size);

/// Reads a graph that `latent_hnsw_save` wrote, refusing one that does not hold exactly `count` rows of `dimension`
/// values labelled 0 ..< count or whose links lead outside it; NULL with `error` filled on failure.
latent_hnsw *latent_hnsw_load(
    const char *path, int space, size_t dimension, size_t count, char *error, size_t error_size);

/// The graph's links per node above the bottom layer (M) and breadth of search while it was built.
size_t latent_hnsw_m(const latent_hnsw *graph);
size_t latent_hnsw_ef_construction(const latent_hnsw *graph);

void latent_hnsw_free(latent_hnsw *graph);

#ifdef __cplusplus
}
#endif
