# The two commands of the README's quick start: `make demo` and `make test`.
SWIFT ?= swift
export OPENBLAS_NUM_THREADS ?= 2

# Every Swift file the format check covers.
SWIFT_SOURCES = Package.swift Sources Tests Examples Fuzz/Package.swift Fuzz/Sources

.PHONY: setup build demo test bench format docs

setup:
	bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release

# The main job: a short run on Fashion-MNIST.
demo: build
	.build/release/latent demo

# The format check (.swift-format), the API documentation without a warning (about two minutes on the warm debug
# build), the unit tests, a package that uses Latent as a library, the bad-input catalogue through the debug build of
# the real CLI, the same CLI under mpirun against one process, and the search page in Chromium.
test: setup
	bash scripts/setup-python.sh
	$(SWIFT) format lint --strict --recursive $(SWIFT_SOURCES)
	$(SWIFT) build
	$(MAKE) docs
	$(SWIFT) test
	$(SWIFT) run --package-path Examples/CustomAutoencoder CustomAutoencoder
	python3 Tests/BadInput/run_catalogue.py --latent .build/debug/latent
	python3 Tests/Distributed/run.py --latent .build/debug/latent
	bash Tests/Browser/run.sh

bench: build
	.build/release/latent bench ops

# The API documentation of the library modules a program uses, one DocC archive per module in .build/docs/ (which git
# ignores); any DocC warning (an unresolved link, a parameter documented under the wrong name) fails it.
DOC_TARGETS = LatentCore LatentNN LatentModels LatentData LatentLinalg LatentRetrieval LatentSearch
DOCS_DIR = .build/docs

docs: setup
	mkdir -p $(DOCS_DIR)
	$(SWIFT) package --allow-writing-to-directory $(DOCS_DIR) generate-documentation \
		$(addprefix --target ,$(DOC_TARGETS)) --output-path $(DOCS_DIR) --warnings-as-errors

# Rewrites the Swift files as .swift-format has them (`make test` checks that nothing would change).
format:
	$(SWIFT) format format --in-place --recursive $(SWIFT_SOURCES)
