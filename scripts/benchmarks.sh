#!/usr/bin/env bash
# Runs Latent's benchmarks (P1-P6 and the kernels) and the peers' (scikit-learn, faiss-cpu, and
# PyTorch where installed) back to back, then writes notebooks-md/benchmarks.md.
# Usage: scripts/benchmarks.sh [RESULTS_DIR]   (set up the peers first: bench/peers/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/benchmarks}
mkdir -p "$out"
export OPENBLAS_NUM_THREADS=2
swift build -c release
{
    uname -srm; nproc; grep -m1 "model name" /proc/cpuinfo || true
    .build/release/latent info
    [ -x .venv-peers/bin/python3 ] && .venv-peers/bin/python3 -c "import sklearn, faiss, numpy; print('scikit-learn', sklearn.__version__, 'faiss', faiss.__version__, 'numpy', numpy.__version__)"
} > "$out/machine.txt" 2>&1
for benchmark in ops pca knn dense-ae conv-ae classifier transfer; do
    echo "latent bench $benchmark" >&2
    .build/release/latent bench "$benchmark" > "$out/latent-$benchmark.jsonl"
done
if [ -x .venv-peers/bin/python3 ]; then
    (cd bench/peers && ../../.venv-peers/bin/python3 sklearn_faiss.py) > "$out/peers-sklearn-faiss.jsonl"
    if .venv-peers/bin/python3 -c "import torch" 2>/dev/null; then
        (cd bench/peers && ../../.venv-peers/bin/python3 torch_protocols.py) > "$out/peers-torch.jsonl"
    fi
fi
python3 bench/report.py "$out" > notebooks-md/benchmarks.md
# Several processes under mpirun, its own section at the end (bench/distributed.py).
python3 bench/distributed.py measure "$out"
python3 bench/distributed.py report "$out" >> notebooks-md/benchmarks.md
echo "wrote notebooks-md/benchmarks.md" >&2
