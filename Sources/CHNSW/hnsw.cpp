// The C interface of CHNSW.h over hnswlib. hnswlib's header defines functions outside any class, so it is included by
// this one file only.
#include "CHNSW.h"

#include <hnswlib/hnswlib.h>

#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <memory>
#include <vector>

namespace {

using Graph = hnswlib::HierarchicalNSW<float>;

void report(char *error, size_t error_size, const char *message) {
    if (error_size > 0) std::snprintf(error, error_size, "%s", message);
}

std::unique_ptr<hnswlib::SpaceInterface<float>> makeSpace(int space, size_t dimension) {
    if (space == LATENT_HNSW_COSINE) return std::make_unique<hnswlib::InnerProductSpace>(dimension);
    return std::make_unique<hnswlib::L2Space>(dimension);
}

// Copies `row` into `out`, scaled to unit length for cosine; a row of length 0 stays zero, as exact search keeps it.
void prepare(const float *row, size_t dimension, bool unit, float *out) {
    float squaredNorm = 0;
    for (size_t j = 0; j < dimension; j++) squaredNorm += row[j] * row[j];
    const float scale = unit && squaredNorm > 0 ? 1 / std::sqrt(squaredNorm) : 1;
    for (size_t j = 0; j < dimension; j++) out[j] = row[j] * scale;
}

// The fixed-size fields at the start of hnswlib's file, in the order saveIndex writes them.
struct Header {
    size_t offsetLevel0, maxElements, elementCount, sizeDataPerElement, labelOffset, offsetData;
    int maxLevel;
    hnswlib::tableint enterPoint;
    size_t maxM, maxM0, m;
    double mult;
    size_t efConstruction;
};

template <typename T> bool readField(std::ifstream &input, T &field) {
    input.read(reinterpret_cast<char *>(&field), sizeof(T));
    return bool(input);
}

// Checks the header before hnswlib allocates what it declares: a damaged file must not ask for terabytes.
const char *checkHeader(const char *path, size_t dimension, size_t count) {
    std::ifstream input(path, std::ios::binary | std::ios::ate);
    if (!input) return "cannot read the graph";
    const auto fileSize = static_cast<unsigned long long>(input.tellg());
    input.seekg(0);
    Header h{};
    bool read = readField(input, h.offsetLevel0) && readField(input, h.maxElements) &&
                readField(input, h.elementCount) && readField(input, h.sizeDataPerElement) &&
                readField(input, h.labelOffset) && readField(input, h.offsetData) && readField(input, h.maxLevel) &&
                readField(input, h.enterPoint) && readField(input, h.maxM) && readField(input, h.maxM0) &&
                readField(input, h.m) && readField(input, h.mult) && readField(input, h.efConstruction);
    if (!read) return "the graph is shorter than its header";
    if (h.elementCount != count || h.maxElements != count) return "the graph does not hold one node per code";
    if (h.m < 2 || h.m > 10000 || h.maxM != h.m || h.maxM0 != 2 * h.m) return "the graph's link counts are damaged";
    const size_t links0 = h.maxM0 * sizeof(hnswlib::tableint) + sizeof(hnswlib::linklistsizeint);
    const size_t data = dimension * sizeof(float);
    if (h.offsetLevel0 != 0 || h.offsetData != links0 || h.labelOffset != links0 + data ||
        h.sizeDataPerElement != links0 + data + sizeof(hnswlib::labeltype))
        return "the graph's nodes do not hold codes of the index's dimension";
    if (h.maxLevel < 0 || h.maxLevel > 64 || h.enterPoint >= count) return "the graph's entry point is damaged";
    if (fileSize < sizeof(size_t) * 10 + sizeof(int) + sizeof(hnswlib::tableint) + sizeof(double) +
                       static_cast<unsigned long long>(count) * h.sizeDataPerElement)
        return "the graph is shorter than its nodes";
    return nullptr;
}

// Checks what hnswlib loaded: labels 0 ..< count each once, every link inside the graph, no level above the top.
const char *checkLinks(const Graph &graph, size_t count) {
    std::vector<bool> seen(count, false);
    for (size_t node = 0; node < count; node++) {
        const hnswlib::labeltype label = graph.getExternalLabel(node);
        if (label >= count || seen[label]) return "the graph's labels are not the rows 0 to N-1";
        seen[label] = true;
        const int levels = graph.element_levels_[node];
        if (levels > graph.maxlevel_) return "a node of the graph lies above its top level";
        for (int level = 0; level <= levels; level++) {
            hnswlib::linklistsizeint *list = graph.get_linklist_at_level(node, level);
            // The high bytes hold hnswlib's deletion mark, which a Latent graph never sets.
            if (*list > (level == 0 ? graph.maxM0_ : graph.maxM_)) return "a node of the graph has too many links";
            const hnswlib::tableint *links = reinterpret_cast<const hnswlib::tableint *>(list + 1);
            for (size_t i = 0; i < *list; i++) {
                if (links[i] >= count) return "a link of the graph leads outside it";
            }
        }
    }
    if (graph.element_levels_[graph.enterpoint_node_] != graph.maxlevel_) return "the graph's entry point is damaged";
    return nullptr;
}

}  // namespace

struct latent_hnsw {
    std::unique_ptr<hnswlib::SpaceInterface<float>> space;
    std::unique_ptr<Graph> graph;
    size_t dimension;
    bool unit;
};

extern "C" {

latent_hnsw *latent_hnsw_create(
    int space, size_t dimension, size_t capacity, size_t m, size_t ef_construction, size_t seed, char *error,
    size_t error_size) {
    try {
        auto made = std::make_unique<latent_hnsw>();
        made->space = makeSpace(space, dimension);
        made->graph = std::make_unique<Graph>(made->space.get(), capacity, m, ef_construction, seed);
        made->dimension = dimension;
        made->unit = space == LATENT_HNSW_COSINE;
        return made.release();
    } catch (const std::exception &failure) {
        report(error, error_size, failure.what());
        return nullptr;
    }
}

int latent_hnsw_add(latent_hnsw *graph, const float *rows, size_t first, size_t count, char *error, size_t error_size) {
    try {
        std::vector<float> row(graph->dimension);
        for (size_t i = first; i < first + count; i++) {
            prepare(rows + i * graph->dimension, graph->dimension, graph->unit, row.data());
            graph->graph->addPoint(row.data(), i);
        }
        return 0;
    } catch (const std::exception &failure) {
        report(error, error_size, failure.what());
        return 1;
    }
}

int latent_hnsw_search(
    const latent_hnsw *graph, const float *queries, size_t count, size_t k, size_t ef, int32_t *labels,
    float *distances, char *error, size_t error_size) {
    try {
        const Graph &g = *graph->graph;
        std::vector<float> query(graph->dimension);
        for (size_t q = 0; q < count; q++) {
            prepare(queries + q * graph->dimension, graph->dimension, graph->unit, query.data());
            // Greedy descent through the upper layers to the bottom layer's entry point, as hnswlib's searchKnn
            // does; written here so that each call has its own ef instead of the graph's one shared setting.
            hnswlib::tableint current = g.enterpoint_node_;
            float nearest = g.fstdistfunc_(query.data(), g.getDataByInternalId(current), g.dist_func_param_);
            for (int level = g.maxlevel_; level > 0; level--) {
                for (bool moved = true; moved;) {
                    moved = false;
                    hnswlib::linklistsizeint *list = g.get_linklist(current, level);
                    const hnswlib::tableint *links = reinterpret_cast<const hnswlib::tableint *>(list + 1);
                    for (size_t i = 0; i < g.getListCount(list); i++) {
                        float d = g.fstdistfunc_(query.data(), g.getDataByInternalId(links[i]), g.dist_func_param_);
                        if (d < nearest) {
                            nearest = d;
                            current = links[i];
                            moved = true;
                        }
                    }
                }
            }
            auto found = g.searchBaseLayerST<false>(current, query.data(), std::max(ef, k));
            while (found.size() > k) found.pop();
            // The queue pops the farthest first; fill the row from its end. Fewer than k found leaves -1 slots.
            for (size_t slot = k; slot-- > 0;) {
                labels[q * k + slot] = found.empty() ? -1 : int32_t(g.getExternalLabel(found.top().second));
                distances[q * k + slot] = found.empty() ? INFINITY : found.top().first;
                if (!found.empty()) found.pop();
            }
        }
        return 0;
    } catch (const std::exception &failure) {
        report(error, error_size, failure.what());
        return 1;
    }
}

int latent_hnsw_save(const latent_hnsw *graph, const char *path, char *error, size_t error_size) {
    try {
        graph->graph->saveIndex(path);
        return 0;
    } catch (const std::exception &failure) {
        report(error, error_size, failure.what());
        return 1;
    }
}

latent_hnsw *latent_hnsw_load(
    const char *path, int space, size_t dimension, size_t count, char *error, size_t error_size) {
    try {
        if (const char *problem = checkHeader(path, dimension, count)) {
            report(error, error_size, problem);
            return nullptr;
        }
        auto made = std::make_unique<latent_hnsw>();
        made->space = makeSpace(space, dimension);
        made->graph = std::make_unique<Graph>(made->space.get(), path, false, count);
        // hnswlib's loading constructor leaves the deletion count unset; a Latent graph deletes nothing.
        made->graph->num_deleted_ = 0;
        made->dimension = dimension;
        made->unit = space == LATENT_HNSW_COSINE;
        if (const char *problem = checkLinks(*made->graph, count)) {
            report(error, error_size, problem);
            return nullptr;
        }
        return made.release();
    } catch (const std::exception &failure) {
        report(error, error_size, failure.what());
        return nullptr;
    }
}

size_t latent_hnsw_m(const latent_hnsw *graph) { return graph->graph->M_; }

size_t latent_hnsw_ef_construction(const latent_hnsw *graph) { return graph->graph->ef_construction_; }

void latent_hnsw_free(latent_hnsw *graph) { delete graph; }
}
