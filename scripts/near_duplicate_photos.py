"""Collects real photographs from unpacked Debian packages and makes edited copies of them with Pillow.

Called by scripts/near-duplicate-photos.sh, which downloads and unpacks the packages; see there for the layout.

    near_duplicate_photos.py UNPACKED OUT [--seed N] [--side N]

UNPACKED holds one folder per package (the package's files under it, as `dpkg-deb -x` leaves them). OUT receives:
  originals/PACKAGE--NAME.jpg   every photograph kept, its longest side at most --side, JPEG quality 95
  copies/PACKAGE--NAME--plain.jpg, copies/PACKAGE--NAME--mirrored.jpg
                                the edited copies: cropped to 80-90 % of each side, resized to 50-100 %,
                                brightness 90-110 %, JPEG quality 50; the mirrored one is the plain one flipped
  copies.tsv                    each copy's original and the edits drawn for it
  collection.tsv                per package: image files seen, photographs kept, left out and why

What is left out, and how it is told:
  - SVG files, and raster files under 96 pixels on their shorter side (icons, thumbnails);
  - screenshots and all but the largest size of a wallpaper that ships in several (`contents/images/WxH.*`);
    OpenCV's stereo-calibration series (left01.jpg, right01.jpg, ...: the same chessboard again and again), and
    the right view of a stereo pair whose left one is there (aloeR.jpg beside aloeL.jpg, motorcycle_right.png);
  - drawings, renders and line art: a photograph has sensor noise and texture, so at 128 pixels almost no pixel
    equals both its right and its lower neighbour exactly, it holds thousands of colours (or a hundred grey
    levels), and its grey levels are rough (the mean absolute Laplacian, over the pixels that are not white
    background, is at least 6 of 255, where smooth gradient renders stay near 2-5). A file is kept when under 12 %
    of its opaque pixels are such flat pixels, it has at least 3,000 colours (100 grey levels for a grey image)
    and that roughness, or when its EXIF names a camera. It is a heuristic: a few smooth photographs are lost and
    a few detailed renders get through;
  - duplicates: identical files (SHA-256), and the same picture at another size or format or mirrored (16x16
    grey thumbnails within 6/255 of one already kept, or of its mirror; the largest is the one kept).
"""

import argparse
import hashlib
import random
import re
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageEnhance, ImageOps

RASTER = {".jpg", ".jpeg", ".png", ".webp"}
FLAT_LIMIT = 0.12
COLOURS_NEEDED = 3000
GREY_LEVELS_NEEDED = 100
ROUGHNESS_NEEDED = 6.0
SMALLEST_SIDE = 96
DUPLICATE_DISTANCE = 6 / 255


def candidates(package_folder):
    """The raster files of one package worth reading, largest wallpaper size only."""
    files = sorted(p for p in package_folder.rglob("*") if p.is_file() and p.suffix.lower() in RASTER)
    reasons = {}
    kept = []
    sizes = {}
    for path in files:
        stem = path.stem.lower()
        if stem == "screenshot":
            reasons[path] = "screenshot"
            continue
        if re.fullmatch(r"(left|right)\d+", stem):
            reasons[path] = "calibration series"
            continue
        pair = re.fullmatch(r"(.+?)_?(r|right)", stem)
        if pair and any(p.stem.lower() in (pair[1] + "l", pair[1] + "_left", pair[1] + "left") for p in files):
            reasons[path] = "right view of a stereo pair"
            continue
        match = re.fullmatch(r"(\d+)x(\d+)", stem)
        if match and path.parent.name == "images":
            sizes.setdefault(path.parent, []).append((int(match[1]) * int(match[2]), path))
            continue
        kept.append(path)
    for folder, options in sizes.items():
        options.sort()
        kept.append(options[-1][1])
        for _, smaller in options[:-1]:
            reasons[smaller] = "smaller size of a wallpaper"
    return sorted(kept), reasons


def has_camera(image):
    exif = image.getexif()
    return bool(exif.get(0x010F) or exif.get(0x0110))  # Make, Model


def on_white(image):
    """RGB with any transparency painted over white, and the mask of opaque pixels."""
    rgba = image.convert("RGBA")
    alpha = np.asarray(rgba)[:, :, 3]
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, rgba).convert("RGB"), alpha > 127


def looks_like_a_photo(rgb, opaque, grey):
    """(verdict, flat fraction, colours) measured at 128 pixels on the longest side."""
    small = rgb.copy()
    small.thumbnail((128, 128), Image.Resampling.BOX)
    pixels = np.asarray(small).astype(np.int32)
    mask = np.asarray(Image.fromarray(opaque).resize(small.size, Image.Resampling.NEAREST))
    codes = (pixels[:, :, 0] << 16) | (pixels[:, :, 1] << 8) | pixels[:, :, 2]
    flat = (codes[:-1, :-1] == codes[:-1, 1:]) & (codes[:-1, :-1] == codes[1:, :-1])
    inner = mask[:-1, :-1]
    if inner.sum() < 1000:
        return False, 1.0, 0
    flat_fraction = float(flat[inner].mean())
    colours = len(np.unique(codes[mask]))
    needed = GREY_LEVELS_NEEDED if grey else COLOURS_NEEDED
    luma = np.asarray(small.convert("L"), dtype=np.float32)
    laplacian = np.abs(4 * luma[1:-1, 1:-1] - luma[:-2, 1:-1] - luma[2:, 1:-1] - luma[1:-1, :-2] - luma[1:-1, 2:])
    background = (luma[1:-1, 1:-1] > 250) | ~mask[1:-1, 1:-1]
    roughness = float(laplacian[~background].mean()) if (~background).sum() > 100 else 0.0
    photo = flat_fraction < FLAT_LIMIT and colours >= needed and roughness >= ROUGHNESS_NEEDED
    return photo, flat_fraction, colours


def thumbnail16(rgb):
    return np.asarray(rgb.convert("L").resize((16, 16), Image.Resampling.BOX), dtype=np.float32) / 255


def collect(unpacked, out, side):
    originals = out / "originals"
    originals.mkdir(parents=True, exist_ok=True)
    seen_bytes = set()
    kept_thumbnails = []
    summary = []
    for package_folder in sorted(p for p in unpacked.iterdir() if p.is_dir()):
        package = package_folder.name
        counts = {"seen": 0, "kept": 0, "svg": 0, "small": 0, "not a photo": 0, "duplicate": 0, "unreadable": 0}
        counts["svg"] = sum(1 for p in package_folder.rglob("*") if p.suffix.lower() in {".svg", ".svgz"})
        files, reasons = candidates(package_folder)
        counts["seen"] = len(files) + len(reasons) + counts["svg"]
        for reason in reasons.values():
            counts[reason] = counts.get(reason, 0) + 1
        # Largest first, so that of one picture at several sizes the largest is the one kept.
        loaded = []
        for path in files:
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen_bytes:
                counts["duplicate"] += 1
                continue
            seen_bytes.add(digest)
            try:
                with Image.open(path) as header:  # reads the size only
                    loaded.append((header.width * header.height, min(header.size), path))
            except Exception:
                counts["unreadable"] += 1
        loaded.sort(key=lambda item: (-item[0], str(item[2])))
        for _, shorter_side, path in loaded:
            if shorter_side < SMALLEST_SIDE:
                counts["small"] += 1
                continue
            try:
                image = Image.open(path)
                image.load()
            except Exception:
                counts["unreadable"] += 1
                continue
            grey = image.mode in ("L", "LA", "I", "I;16", "1") or (
                image.mode == "P" and all(r == g == b for r, g, b in _palette(image))
            )
            rgb, opaque = on_white(image)
            photo, flat, colours = looks_like_a_photo(rgb, opaque, grey)
            if not (photo or has_camera(image)):
                counts["not a photo"] += 1
                continue
            tiny = thumbnail16(rgb)
            if any(min(np.abs(tiny - other).mean(), np.abs(tiny[:, ::-1] - other).mean()) < DUPLICATE_DISTANCE
                   for other in kept_thumbnails):
                counts["duplicate"] += 1
                continue
            kept_thumbnails.append(tiny)
            relative = path.relative_to(package_folder).with_suffix("")
            parts = [p for p in relative.parts if p not in ("usr", "share", "doc", "contents", "images")]
            name = re.sub(r"[^A-Za-z0-9_.-]+", "-", "-".join(parts[-3:]))[:80]
            rgb.thumbnail((side, side), Image.Resampling.LANCZOS)
            rgb.save(originals / f"{package}--{name}.jpg", quality=95)
            counts["kept"] += 1
        summary.append((package, counts))
        print(f"{package}: {counts['kept']} photographs kept of {counts['seen']} image files", file=sys.stderr)
    with open(out / "collection.tsv", "w") as table:
        keys = ["seen", "kept", "not a photo", "duplicate", "svg", "small", "screenshot",
                "smaller size of a wallpaper", "calibration series", "right view of a stereo pair", "unreadable"]
        table.write("package\t" + "\t".join(keys) + "\n")
        for package, counts in summary:
            table.write(package + "\t" + "\t".join(str(counts.get(k, 0)) for k in keys) + "\n")


def _palette(image):
    palette = image.getpalette() or []
    return [tuple(palette[i:i + 3]) for i in range(0, len(palette), 3)]


def edit_copies(out, seed):
    """One plain and one mirrored copy of every original, the edits drawn from a generator seeded per file."""
    copies = out / "copies"
    copies.mkdir(parents=True, exist_ok=True)
    rows = ["copy\toriginal\tcrop_left\tcrop_top\tcrop_width\tcrop_height\tscale\tbrightness\tmirrored"]
    for original in sorted((out / "originals").glob("*.jpg")):
        generator = random.Random(f"{seed}:{original.name}")
        image = Image.open(original).convert("RGB")
        fraction = generator.uniform(0.8, 0.9)
        width, height = round(image.width * fraction), round(image.height * fraction)
        left = generator.randint(0, image.width - width)
        top = generator.randint(0, image.height - height)
        scale = generator.uniform(0.5, 1.0)
        brightness = generator.uniform(0.9, 1.1)
        edited = image.crop((left, top, left + width, top + height))
        edited = edited.resize((max(1, round(width * scale)), max(1, round(height * scale))),
                               Image.Resampling.BICUBIC)
        edited = ImageEnhance.Brightness(edited).enhance(brightness)
        for kind, picture in (("plain", edited), ("mirrored", ImageOps.mirror(edited))):
            name = f"{original.stem}--{kind}.jpg"
            picture.save(copies / name, quality=50)
            rows.append(f"{name}\t{original.name}\t{left}\t{top}\t{width}\t{height}\t{scale:.4f}\t"
                        f"{brightness:.4f}\t{int(kind == 'mirrored')}")
    (out / "copies.tsv").write_text("\n".join(rows) + "\n")
    print(f"{len(rows) - 1} edited copies in {copies}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("unpacked", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--side", type=int, default=640, help="longest side of the originals kept")
    arguments = parser.parse_args()
    collect(arguments.unpacked, arguments.out, arguments.side)
    edit_copies(arguments.out, arguments.seed)


if __name__ == "__main__":
    main()
