#!/usr/bin/env bash
# Makes .venv with h5py and NumPy from PyPI, for the tests that read Latent's HDF5 files the way
# PyTorch and Keras users do, and Selenium for the browser test of the search page. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
if .venv/bin/python3 -c "import h5py, numpy, selenium" 2>/dev/null; then
    echo "setup: .venv already has h5py, numpy and selenium"
    exit 0
fi
echo "setup: creating .venv with h5py, numpy and selenium from PyPI"
python3 -m venv .venv
.venv/bin/python3 -m pip install --quiet --disable-pip-version-check h5py numpy selenium
