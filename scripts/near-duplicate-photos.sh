#!/usr/bin/env bash
# Makes the photographs of experiments/near-duplicate-search.yaml: real photographs that ship in Debian packages
# (desktop wallpapers, OpenCV's, scikit-image's and scikit-learn's sample photos, Tux Paint's object photos), and
# edited copies of each made with Pillow from PyPI. See scripts/near_duplicate_photos.py for what is kept and how
# the copies are edited. Safe to run again; delete OUT to start over.
#
#   scripts/near-duplicate-photos.sh [OUT]      (default: data/near-duplicate)
#
# OUT/debs: the packages as downloaded (apt-get download: nothing is installed into the system);
# OUT/unpacked/PACKAGE: each package's photo folder; OUT/venv: Pillow and NumPy;
# OUT/originals, OUT/copies, OUT/collection.tsv, OUT/copies.tsv: what the experiment reads.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-data/near-duplicate}
seed=${SEED:-0}

# Each package and the folder in it that holds its pictures.
packages=(
    "desktop-base usr/share"
    "gnome-backgrounds usr/share"
    "lomiri-wallpapers usr/share"
    "lomiri-wallpapers-16.04 usr/share"
    "lomiri-wallpapers-20.04 usr/share"
    "lxqt-themes usr/share"
    "mate-backgrounds usr/share"
    "opencv-doc usr/share/doc/opencv-doc/examples/data"
    "plasma-workspace-wallpapers usr/share"
    "python3-skimage usr/lib/python3/dist-packages/skimage/data"
    "python3-sklearn usr/lib/python3/dist-packages/sklearn/datasets/images"
    "sway-backgrounds usr/share"
    "tuxpaint-stamps-default usr/share/tuxpaint/stamps"
    "ukui-wallpapers usr/share"
)

if [ -d "$out/originals" ] && [ -d "$out/copies" ]; then
    echo "near-duplicate-photos: $out already holds originals/ and copies/ (delete it to start over)"
    exit 0
fi
mkdir -p "$out/debs" "$out/unpacked"
names=()
for entry in "${packages[@]}"; do names+=("${entry%% *}"); done
missing=()
for name in "${names[@]}"; do
    ls "$out/debs/${name}"_*.deb >/dev/null 2>&1 || missing+=("$name")
done
if [ ${#missing[@]} -gt 0 ]; then
    if ! apt-cache show "${missing[0]}" >/dev/null 2>&1; then apt-get update -qq; fi
    echo "near-duplicate-photos: downloading ${#missing[@]} Debian packages"
    (cd "$out/debs" && apt-get download "${missing[@]}")
fi
for entry in "${packages[@]}"; do
    name=${entry%% *}
    folder=${entry#* }
    rm -rf "$out/unpacked/$name" "$out/unpacked/.$name"
    dpkg-deb -x "$(ls "$out/debs/${name}"_*.deb | head -1)" "$out/unpacked/.$name"
    mv "$out/unpacked/.$name/$folder" "$out/unpacked/$name"
    rm -rf "$out/unpacked/.$name"
done

if ! "$out/venv/bin/python3" -c "import PIL, numpy" 2>/dev/null; then
    echo "near-duplicate-photos: creating $out/venv with Pillow and NumPy from PyPI"
    python3 -m venv "$out/venv"
    "$out/venv/bin/python3" -m pip install --quiet --disable-pip-version-check pillow numpy
fi
"$out/venv/bin/python3" scripts/near_duplicate_photos.py "$out/unpacked" "$out" --seed "$seed"
rm -rf "$out/unpacked"
echo "near-duplicate-photos: $(ls "$out/originals" | wc -l) photographs in $out/originals, $(ls "$out/copies" | wc -l) copies in $out/copies"
