"""Writes the HDF5 fixtures of the storage cases (Tests/BadInput/cases/storage.toml) into this folder.

Run with h5py and NumPy (bash scripts/setup-python.sh makes .venv with both):
    .venv/bin/python3 Tests/BadInput/files/storage/make_fixtures.py
Every file is small and written the same way each time (fixed seed, no timestamps), so the committed
copies can be regenerated and compared. The checkpoints follow Latent's layout (see Checkpoint.swift)
for 28x28 images: a small MLP classifier and a small dense autoencoder, then damaged variants.
"""
import json
from pathlib import Path

import h5py
import numpy

HERE = Path(__file__).resolve().parent
RANDOM = numpy.random.RandomState(11)

CLASSIFIER = {"named": {"layers": [
    {"name": "hidden", "layer": {"sequential": {"layers": [
        {"linear": {"inputs": 784, "outputs": 2, "bias": True}}, {"relu": {}}]}}},
    {"name": "head", "layer": {"linear": {"inputs": 2, "outputs": 10, "bias": True}}},
]}}
AUTOENCODER = {"named": {"layers": [
    {"name": "encoder", "layer": {"sequential": {"layers": [{"linear": {"inputs": 784, "outputs": 2, "bias": True}}]}}},
    {"name": "decoder", "layer": {"sequential": {"layers": [
        {"linear": {"inputs": 2, "outputs": 784, "bias": True}}, {"sigmoid": {}}]}}},
]}}


def weights(shapes):
    return {name: (RANDOM.standard_normal(shape) * 0.1).astype(numpy.float32) for name, shape in shapes.items()}


CLASSIFIER_TENSORS = weights({"hidden/0/weight": (2, 784), "hidden/0/bias": (2,), "head/weight": (10, 2), "head/bias": (10,)})
AUTOENCODER_TENSORS = weights({"encoder/0/weight": (2, 784), "encoder/0/bias": (2,),
                               "decoder/0/weight": (784, 2), "decoder/0/bias": (784,)})


def fixed(text):
    """A fixed-length string attribute, as Latent writes them (h5py's default is variable-length)."""
    return numpy.bytes_(text.encode())


def checkpoint(name, architecture, tensors, kind=None, task=None, strings=fixed, edit=None):
    with h5py.File(HERE / name, "w", track_order=False) as f:
        f.attrs["format"] = strings("latent-checkpoint")
        f.attrs["format_version"] = numpy.int64(1)
        if kind is not None:
            f.attrs["kind"] = strings(kind)
        f.attrs["architecture"] = strings(json.dumps(architecture))
        f.attrs["epoch"] = numpy.int64(1)
        f.attrs["seed"] = strings("0")
        f.attrs["metadata"] = strings(json.dumps({"task": task} if task else {}))
        for path, values in sorted(tensors.items()):
            f.create_dataset("model/" + path, data=values, track_times=False)
        if edit:
            edit(f)


def classifier(name, **options):
    options.setdefault("kind", "classifier")
    options.setdefault("task", "classifier")
    checkpoint(name, CLASSIFIER, CLASSIFIER_TENSORS, **options)


def autoencoder(name, **options):
    options.setdefault("kind", "autoencoder")
    options.setdefault("task", "autoencoder")
    checkpoint(name, AUTOENCODER, AUTOENCODER_TENSORS, **options)


def replace(path, **dataset):
    def edit(f):
        del f["model/" + path]
        f.create_dataset("model/" + path, track_times=False, **dataset)
    return edit


def features(name, train=None, test=None, edit=None):
    with h5py.File(HERE / name, "w") as f:
        f.attrs["kind"] = fixed("features")
        for key, values in (("train", train), ("test", test)):
            if values is not None:
                f.create_dataset(key, data=values, track_times=False)
        if edit:
            edit(f)


def main():
    classifier("classifier.h5")
    autoencoder("autoencoder.h5")
    classifier("legacy-classifier.h5", kind=None)
    autoencoder("legacy-autoencoder.h5", kind=None)
    classifier("h5py-strings.h5", strings=str)
    classifier("unknown-kind.h5", kind="gan")
    checkpoint("bad-architecture.h5", {"linear": {"inputs": "many"}}, CLASSIFIER_TENSORS, kind="classifier")
    huge = {"named": {"layers": [{"name": "head", "layer": {"linear": {"inputs": 1 << 31, "outputs": 1 << 31, "bias": True}}}]}}
    checkpoint("huge-architecture.h5", huge, CLASSIFIER_TENSORS, kind="classifier", task="classifier")
    classifier("array-attribute.h5", edit=lambda f: f.attrs.create("format", numpy.array([b"latent-checkpoint"] * 64)))

    nan = dict(CLASSIFIER_TENSORS)
    nan["hidden/0/weight"] = nan["hidden/0/weight"].copy()
    nan["hidden/0/weight"][1, 100] = numpy.nan
    checkpoint("nan-weight.h5", CLASSIFIER, nan, kind="classifier", task="classifier")
    infinite = dict(AUTOENCODER_TENSORS)
    infinite["decoder/0/bias"] = infinite["decoder/0/bias"].copy()
    infinite["decoder/0/bias"][7] = numpy.inf
    checkpoint("inf-weight.h5", AUTOENCODER, infinite, kind="autoencoder", task="autoencoder")

    classifier("float64.h5", edit=replace("head/weight", data=CLASSIFIER_TENSORS["head/weight"].astype(numpy.float64)))
    classifier("int32.h5", edit=replace("head/bias", data=numpy.arange(10, dtype=numpy.int32)))
    classifier("missing-tensor.h5", edit=lambda f: f.__delitem__("model/head/bias"))
    classifier("misshaped.h5", edit=replace("head/weight", data=numpy.zeros((10, 3), numpy.float32)))
    # Dimensions asking for 4 PB (never allocated in the file, which stays small) and ones whose product overflows.
    classifier("huge-dims.h5", edit=replace("head/weight", shape=(1 << 40, 1 << 10), dtype=numpy.float32))
    classifier("overflow-dims.h5", edit=replace("head/weight", shape=(1 << 62, 1 << 62), dtype=numpy.float32, chunks=(1, 1)))
    wide = json.loads(json.dumps(CLASSIFIER))
    wide["named"]["layers"][0]["layer"]["sequential"]["layers"][0]["linear"]["inputs"] = 1024
    other = dict(CLASSIFIER_TENSORS, **{"hidden/0/weight": numpy.zeros((2, 1024), numpy.float32)})
    checkpoint("classifier-32x32.h5", wide, other, kind="classifier", task="classifier")

    whole = (HERE / "classifier.h5").read_bytes()
    (HERE / "truncated.h5").write_bytes(whole[: len(whole) // 2])
    (HERE / "empty.h5").write_bytes(b"")
    (HERE / "not-hdf5.h5").write_text("model weights, honestly\n")

    rows = lambda count: RANDOM.standard_normal((count, 4)).astype(numpy.float32)
    features("features.h5", rows(200), rows(50))
    features("features-float64.h5", rows(200).astype(numpy.float64), rows(50).astype(numpy.float64))
    with_nan = rows(200)
    with_nan[5, 2] = numpy.nan
    features("features-nan.h5", with_nan, rows(50))
    features("features-no-test.h5", rows(200))
    features("features-huge.h5", test=rows(50),
             edit=lambda f: f.create_dataset("train", shape=(1 << 45, 4), dtype=numpy.float32, track_times=False))


if __name__ == "__main__":
    main()
