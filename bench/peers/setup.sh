#!/usr/bin/env bash
# Makes .venv-peers with the peer libraries the benchmark report compares Latent with:
# scikit-learn, faiss-cpu and h5py from PyPI (and PyTorch, torchvision, safetensors, JAX and optax with --with-torch:
# a large download).
# Never needed by the tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -m venv .venv-peers
.venv-peers/bin/python3 -m pip install --quiet --disable-pip-version-check numpy scikit-learn faiss-cpu threadpoolctl h5py
if [ "${1:-}" = "--with-torch" ]; then
    .venv-peers/bin/python3 -m pip install --quiet --disable-pip-version-check torch torchvision safetensors "jax[cpu]" optax
fi
.venv-peers/bin/python3 -c "import sklearn, faiss; print('peers: scikit-learn', sklearn.__version__, 'faiss', faiss.__version__)"
