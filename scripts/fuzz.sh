#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (the IDX, HDF5 and YAML readers, with AddressSanitizer) and runs each
# for SECONDS (default 180), one after the other. Not part of `make test` or CI; Tests/README.md says more.
# Usage: scripts/fuzz.sh [SECONDS] [FUZZER...]        e.g. scripts/fuzz.sh 60 fuzz-yaml
# Corpus growth goes to Fuzz/.build/corpus/NAME, findings (crash-*, timeout-*, oom-*) to Fuzz/.build/findings/NAME.
# Exits 1 when any fuzzer left a finding.
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
seconds=${1:-180}
shift || true
fuzzers=("$@")
[ ${#fuzzers[@]} -gt 0 ] || fuzzers=(fuzz-idx fuzz-hdf5 fuzz-yaml)

mkdir -p .build
# SwiftPM's --sanitize fuzzer builds the executables without a main of their own, so libFuzzer's runs; the
# later -sanitize=fuzzer,address replaces its -sanitize=fuzzer to add AddressSanitizer to every Swift module.
build() {
    swift build -c release --product "$1" --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address \
        > ".build/build-$1.log" 2>&1
}
for fuzzer in "${fuzzers[@]}"; do
    # The first build after files were added to the main package can miss them ("cannot find X in scope"):
    # SwiftPM plans with the old file list of a path dependency. A second build sees them.
    build "$fuzzer" || build "$fuzzer" || {
        # (gold warns about each of AddressSanitizer's local symbols; the warnings say nothing about Latent.)
        grep -v "Cannot export local symbol" ".build/build-$fuzzer.log" >&2
        echo "fuzz: $fuzzer did not build" >&2
        exit 2
    }
done

# The harnesses write each input to a file under TMPDIR; a crashing run cannot clean up, so this script does.
scratch=.build/tmp
trap 'rm -rf "$scratch"' EXIT
# Leaks are not what we look for (libhdf5 keeps its caches). A request for more memory than exists gets NULL,
# as from glibc, and memory is judged by what is used (-rss_limit_mb), not by what is asked (-malloc_limit_mb),
# since a reader may reserve what a header announces and fill less. A Swift trap must reach libFuzzer's handler.
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 SWIFT_BACKTRACE=enable=no

found=0
for fuzzer in "${fuzzers[@]}"; do
    name=${fuzzer#fuzz-}
    mkdir -p ".build/corpus/$name" ".build/findings/$name" "$scratch"
    echo "fuzz: $fuzzer for $seconds s" >&2
    # libFuzzer grows inputs up to 4 KB, or the largest seed; YAML nested ten thousand deep needs more room.
    longest=()
    [ "$name" = yaml ] && longest=(-max_len=32768)
    # -fork=1 with -ignore_*: a finding does not end the run, so one early crash cannot hide the others.
    # The first corpus folder receives what the fuzzer learns; corpus/NAME holds the committed seeds.
    TMPDIR=$scratch ".build/release/$fuzzer" ".build/corpus/$name" "corpus/$name" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1048576 -timeout=10 \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 ${longest[@]+"${longest[@]}"} \
        -artifact_prefix=".build/findings/$name/" > ".build/findings/$name.log" 2>&1 || true
    grep -E "^#[0-9]+: cov|INFO: exiting" ".build/findings/$name.log" | tail -2 >&2 || true
    artifacts=$(find ".build/findings/$name" -type f | sort)
    if [ -n "$artifacts" ]; then
        found=1
        echo "fuzz: $fuzzer found $(echo "$artifacts" | wc -l) input(s); replay one with .build/release/$fuzzer FILE:" >&2
        echo "$artifacts" | sed 's|^|  Fuzz/|' >&2
    fi
done
exit $found
