# The two commands of the README's quick start: `make demo` and `make test`.
SWIFT ?= swift
export OPENBLAS_NUM_THREADS ?= 2

# Every Swift file the format check covers.
SWIFT_SOURCES = Package.swift Sources Tests Examples Fuzz/Package.swift Fuzz/Sources

.PHONY: setup build demo test bench format

setup:
	bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release

# The main job: a short run on Fashion-MNIST.
demo: build
	.build/release/latent demo

# The format check (.swift-format), the unit tests, a package that uses Latent as a library, the bad-input catalogue
# through the debug build of the real CLI, the same CLI under mpirun against one process, and the search page in
# Chromium.
test: setup
	bash scripts/setup-python.sh
	$(SWIFT) format lint --strict --recursive $(SWIFT_SOURCES)
	$(SWIFT) build
	$(SWIFT) test
	$(SWIFT) run --package-path Examples/CustomAutoencoder CustomAutoencoder
	python3 Tests/BadInput/run_catalogue.py --latent .build/debug/latent
	python3 Tests/Distributed/run.py --latent .build/debug/latent
	bash Tests/Browser/run.sh

bench: build
	.build/release/latent bench ops

# Rewrites the Swift files as .swift-format has them (`make test` checks that nothing would change).
format:
	$(SWIFT) format format --in-place --recursive $(SWIFT_SOURCES)
