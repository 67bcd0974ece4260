#!/usr/bin/env bash
# Runs Latent's benchmarks (P1-P7, the kernels, the training steps) and the peers' (scikit-learn, faiss-cpu, and
# PyTorch where installed) back to back on this machine, then writes notebooks-md/benchmarks.md.
# Usage: scripts/benchmarks.sh [--quick] [RESULTS_DIR]
#   Peers first: bench/peers/setup.sh --with-torch (PyTorch CPU from PyPI, a large download).
#   BENCH_EPOCHS=N overrides every protocol's epoch count on both sides (a shorter run; the report says so);
#   --quick is BENCH_EPOCHS=2 (unless set) with one round of the training steps.
#   With valgrind installed, the training steps are also profiled by callgrind (bench/profile/callgrind.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3
if [ "${1:-}" = "--quick" ]; then
    BENCH_EPOCHS=${BENCH_EPOCHS:-2}
    rounds=1
    shift
fi

# Image search (issue 12): import, one query over 60,000 codes, and the service under load from Debian's wrk.
image_search() {
    if ! command -v wrk > /dev/null; then
        apt-get update && apt-get install -y wrk
    fi
    echo "latent bench search" >&2
    .build/release/latent bench search > "$out/image-search.jsonl"
}

out=${1:-runs/benchmarks}
mkdir -p "$out"
rm -f "$out"/*.jsonl
# Two threads on both sides: Latent's worker pool and OpenBLAS read this, PyTorch and faiss are set in their scripts.
export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2
# On a machine busier than its cores, OpenMP's threads (PyTorch's, faiss's) spin at every barrier while the thread
# they wait for is descheduled: a PyTorch step went from about 100 ms to 1,500 ms that way. They sleep instead there.
if awk -v cores="$(nproc)" '{ exit !($1 > cores) }' /proc/loadavg; then
    export OMP_WAIT_POLICY=PASSIVE
fi
epochs=()
[ -n "${BENCH_EPOCHS:-}" ] && epochs=(--epochs "$BENCH_EPOCHS")
python=.venv-peers/bin/python3
# A peer script, run with its own OpenBLAS as it ships: without this machine's OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE.
peer() {
    (cd bench/peers && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ../../$python "$@")
}
has_torch=false
[ -x "$python" ] && "$python" -c "import torch" 2>/dev/null && has_torch=true
swift build -c release --product latent
{
    uname -srm; nproc; grep -m1 "model name" /proc/cpuinfo || true
    swift --version 2>&1 | head -1
    .build/release/latent info
    [ -x "$python" ] && "$python" -c "import sklearn, faiss, numpy; print('scikit-learn', sklearn.__version__, 'faiss', faiss.__version__, 'numpy', numpy.__version__)"
    $has_torch && "$python" -c "import torch; print('torch', torch.__version__, '(CPU, 2 threads)')"
    echo "epochs: ${BENCH_EPOCHS:-as each protocol says}"
    echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "OMP_WAIT_POLICY: ${OMP_WAIT_POLICY:-default (spinning)}"
} > "$out/machine.txt" 2>&1

# The training step alone, Latent and PyTorch interleaved, with Latent's split per kernel.
for round in $(seq "$rounds"); do
    for model in dense-ae conv-ae cnn ssl vae iwae; do
        echo "steps $model, round $round" >&2
        .build/release/latent bench steps --model "$model" >> "$out/latent-steps.jsonl"
        if $has_torch; then
            peer torch_steps.py --model "$model" >> "$out/peers-torch-steps.jsonl"
            peer torch_steps.py --model "$model" --flush-denormal >> "$out/peers-torch-steps.jsonl"
        fi
    done
done

# Instruction counts per kind of kernel (one thread, repeatable however loaded the machine is).
if command -v valgrind > /dev/null; then
    swift build -c release
    for model in dense-ae conv-ae cnn; do
        echo "callgrind $model" >&2
        bench/profile/callgrind.sh "$model" 2 > /dev/null
        python3 bench/profile/split.py "$model" ".build/callgrind-$model.out" 2 >> "$out/profile-callgrind.jsonl"
    done
fi

# P7 cuts its crops from the near-duplicate experiment's real photos once; every side then reads the same file.
[ -d data/near-duplicate/originals ] || scripts/near-duplicate-photos.sh
crops="$(realpath "$out")/p7-photos.h5"
rm -f "$crops"
echo "latent bench photo-ae" >&2
.build/release/latent bench photo-ae --photos data/near-duplicate/originals --crops "$crops" "${epochs[@]}" \
    > "$out/latent-photo-ae.jsonl"

for benchmark in ops pca knn dense-ae conv-ae classifier transfer; do
    echo "latent bench $benchmark" >&2
    case $benchmark in
        ops | pca | knn) .build/release/latent bench "$benchmark" > "$out/latent-$benchmark.jsonl" ;;
        *) .build/release/latent bench "$benchmark" "${epochs[@]}" > "$out/latent-$benchmark.jsonl" ;;
    esac
done
if [ -x "$python" ]; then
    peer sklearn_faiss.py > "$out/peers-sklearn-faiss.jsonl"
    if $has_torch; then
        peer torch_ops.py --repetitions 5 > "$out/peers-torch-ops.jsonl"
        # PyTorch at its best: its default and with flush-denormal (as Latent's engine and XLA always run), interleaved.
        for flag in "" --flush-denormal; do
            peer torch_protocols.py "${epochs[@]}" --crops "$crops" $flag >> "$out/peers-torch.jsonl"
        done
    else
        echo "PyTorch is not installed: run bench/peers/setup.sh --with-torch for the P3-P6 peer columns" >&2
    fi
    if "$python" -c "import jax, optax" 2>/dev/null; then
        peer jax_protocols.py "${epochs[@]}" --crops "$crops" > "$out/peers-jax.jsonl"
    else
        echo "JAX is not installed: run bench/peers/setup.sh --with-torch for the P3-P5 JAX columns" >&2
    fi
fi
image_search
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
python3 bench/report.py "$out" > notebooks-md/benchmarks.md
# Several processes under mpirun, its own section at the end (bench/distributed.py).
python3 bench/distributed.py measure "$out"
python3 bench/distributed.py report "$out" >> notebooks-md/benchmarks.md
echo "wrote notebooks-md/benchmarks.md" >&2
