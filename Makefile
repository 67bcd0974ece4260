# The two commands of the README's quick start: `make demo` and `make test`.
SWIFT ?= swift
export OPENBLAS_NUM_THREADS ?= 2

.PHONY: setup build demo test bench

setup:
	bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release

# The main job: a short run on Fashion-MNIST.
demo: build
	.build/release/latent demo

# The unit tests, the bad-input catalogue through the debug build of the real CLI, the same CLI under mpirun
# against one process, and the search page in Chromium.
test: setup
	bash scripts/setup-python.sh
	$(SWIFT) build
	$(SWIFT) test
	python3 Tests/BadInput/run_catalogue.py --latent .build/debug/latent
	python3 Tests/Distributed/run.py --latent .build/debug/latent
	bash Tests/Browser/run.sh

bench: build
	.build/release/latent bench ops
