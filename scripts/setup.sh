#!/usr/bin/env bash
# Installs the Debian packages Latent builds and tests with. Safe to run again: it installs
# only what is missing. Works as root or through sudo.
set -euo pipefail

packages=(pkg-config libopenblas-dev liblapacke-dev libhdf5-dev zlib1g-dev libturbojpeg0-dev libpng-dev libexif-dev
          libleptonica-dev libgif-dev libtiff-dev libwebp-dev libhnswlib-dev libopenmpi-dev openmpi-bin dataset-fashion-mnist python3-venv)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: Debian packages already installed: ${packages[*]}"
else
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    echo "setup: installing ${missing[*]} (apt-get update first)"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
