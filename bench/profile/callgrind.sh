#!/usr/bin/env bash
# Instruction counts of P3/P4/P5 training steps, repeatable on a noisy machine (one thread, no timing).
# Usage: bench/profile/callgrind.sh [dense-ae|conv-ae|cnn] [STEPS]   (after `swift build -c release`)
# Links bench/profile/steps.swift against the release objects of the library targets into .build/profile-steps,
# runs it under callgrind with OpenBLAS and the worker pool on one thread, and prints the top functions.
set -euo pipefail
cd "$(dirname "$0")/../.."
model=${1:-conv-ae}
steps=${2:-3}
release=$(readlink -f .build/release)
# Exactly the library objects `latent` links (SwiftPM's list, so no stale object of a moved file), without the
# executable's own; an array, since some dependencies' object files have spaces in their names (quoted in the list).
mapfile -t objects < <(grep -v "/latent.build/" "$release/latent.product/Objects.LinkFileList" | sed "s/^'\(.*\)'$/\1/")
# The module maps SwiftPM generates for the C targets (CCryptoBoringSSL, CHDF5Extras, ...).
modulemaps=$(find "$release" -maxdepth 2 -path "$release/*.build/module.modulemap" -printf "-Xcc -fmodule-map-file=%p ")
# shellcheck disable=SC2086
if ! messages=$(swiftc -O -I "$release/Modules" $modulemaps -I Sources $(pkg-config --cflags hdf5 ompi-c | sed "s/-I/-Xcc -I/g") \
    bench/profile/steps.swift "${objects[@]}" -o .build/profile-steps \
    -lopenblas -llapacke $(pkg-config --libs hdf5 ompi-c) -lz -lturbojpeg -lpng -lexif -lcrypto -lstdc++ 2>&1); then
    echo "$messages" | grep -v warning >&2
    exit 1
fi
objcopy --strip-debug .build/profile-steps
OPENBLAS_NUM_THREADS=1 LATENT_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=".build/callgrind-$model.out" \
    --toggle-collect='*timedSteps*' .build/profile-steps "$model" "$steps" 2>&1 | grep -E "Collected"
# awk reads to the end: a `head` that stops early fails the pipeline (pipefail) with sed's SIGPIPE.
callgrind_annotate ".build/callgrind-$model.out" | sed -n '/file:function/,$p' | awk 'NR <= 25' | cut -c1-160
