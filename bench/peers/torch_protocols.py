"""P3, P4, P5 and P6 in PyTorch, exactly as PROTOCOLS.md says (runs only where torch is installed).

Each line carries the per-epoch training losses beside the speed, so that speed is never bought with accuracy.
Usage: torch_protocols.py [--only P3,P4,P5,P6,P7] [--epochs N] [--data-dir DIR] [--crops FILE] [--flush-denormal]
P7 runs when --crops names the file `latent bench photo-ae` wrote (h5py reads it).
--flush-denormal runs PyTorch with torch.set_flush_denormal(True), as Latent's engine always runs (off by default in
PyTorch): on Intel cores a denormal operand costs a slow microcode path.
"""
import copy
import resource
import time

import numpy as np
import torch
from torch import nn

from common import arguments, emit, load, load_crops, log, median_seconds, retrieval_figures

args = arguments(__doc__, extra=[("--only", {"default": "P3,P4,P5,P6", "help": "comma-separated protocols to run"}),
                                 ("--flush-denormal", {"action": "store_true"}), ("--crops", {})])
wanted = set(args.only.split(",")) | ({"P7"} if args.crops else set())
torch.set_num_threads(2)
torch.set_flush_denormal(args.flush_denormal)
torch.manual_seed(args.seed)
train, train_labels, test, test_labels = load(args.data_dir)
configuration = torch.__config__.show()
blas = ", ".join(line.strip(" -") for line in configuration.splitlines() if "Math Kernel" in line or "MKL-DNN" in line
                 or "CPU capability" in line)
common = {"library": f"torch {torch.__version__}" + (" (flush denormal)" if args.flush_denormal else ""), "threads": torch.get_num_threads(), "blas": blas, "seed": args.seed,
          "dataset": "fashion-mnist"}
x_train, x_test = torch.from_numpy(train), torch.from_numpy(test)
y_train, y_test = torch.from_numpy(train_labels), torch.from_numpy(test_labels)


def epochs_of(parameters, loss_of, images, epochs, batch=128):
    """Adam 1e-3 over shuffled mini-batches; returns (median samples/s after the first epoch, mean loss per epoch)."""
    optimizer = torch.optim.Adam([p for p in parameters if p.requires_grad], lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    rates, losses = [], []
    for epoch in range(epochs):
        order = torch.randperm(images)
        total = 0.0
        start = time.perf_counter()
        for i in range(0, len(order), batch):
            rows = order[i:i + batch]
            optimizer.zero_grad()
            loss = loss_of(rows)
            loss.backward()
            optimizer.step()
            total += float(loss.detach()) * len(rows)
        rates.append(len(order) / (time.perf_counter() - start))
        losses.append(total / len(order))
        log(f"  epoch {epoch + 1}/{epochs}: loss {losses[-1]:.5f}, {rates[-1]:.0f} samples/s")
    return float(np.median(rates[1:] if len(rates) > 1 else rates)), losses


def autoencoder(name, encoder, decoder):
    model = nn.Sequential(encoder, decoder)
    epochs = args.epochs or 10
    rate, losses = epochs_of(model.parameters(), lambda rows: nn.functional.mse_loss(model(x_train[rows]), x_train[rows]),
                             len(x_train), epochs)
    with torch.no_grad():
        start = time.perf_counter()
        codes_test = encoder(x_test)
        encode_rate = len(x_test) / (time.perf_counter() - start)
        mse = float(nn.functional.mse_loss(decoder(codes_test), x_test))
        codes_train = encoder(x_train)
        distances = torch.cdist(codes_test, codes_train)
        neighbours = distances.topk(100, largest=False).indices.numpy()
    figures = retrieval_figures(neighbours, train_labels, test_labels)
    log(f"torch {name}: {rate:.0f} samples/s, test MSE {mse:.5f}")
    emit({"protocol": name, **common, "epochs": epochs, "train_samples_per_second": rate,
          "encode_samples_per_second": encode_rate, "test_mse": mse, "precision_at_10": figures[0],
          "one_nn_accuracy": figures[1], "map_at_100": figures[2], "train_loss_per_epoch": losses})


def cnn(classes):
    """The P5 CNN with its layers grouped as Latent names them: features, hidden, head."""
    return nn.Sequential(
        nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten()),
        nn.Sequential(nn.Linear(3136, 128), nn.ReLU()),
        nn.Linear(128, classes))


def accuracy(model, images, labels):
    with torch.no_grad():
        return float((model(images).argmax(1) == labels).float().mean())


def classifier(model, images, labels, epochs, batch):
    return epochs_of(model.parameters(), lambda rows: nn.functional.cross_entropy(model(images[rows]), labels[rows]),
                     len(images), epochs, batch)


if "P3" in wanted:
    autoencoder("P3", nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 128), nn.ReLU(), nn.Linear(128, 32)),
                nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, 512), nn.ReLU(), nn.Linear(512, 784), nn.Sigmoid()))
def conv_autoencoder(channels, side, code):
    """P4's and P7's model, (encoder, decoder): two stride-2 convolutions and a linear code, mirrored."""
    quarter = side // 4
    flat = 32 * quarter * quarter
    encoder = nn.Sequential(nn.Unflatten(1, (channels, side, side)), nn.Conv2d(channels, 16, 3, 2, 1), nn.ReLU(),
                            nn.Conv2d(16, 32, 3, 2, 1), nn.ReLU(), nn.Flatten(), nn.Linear(flat, code))
    decoder = nn.Sequential(nn.Linear(code, flat), nn.ReLU(), nn.Unflatten(1, (32, quarter, quarter)),
                            nn.ConvTranspose2d(32, 16, 3, 2, 1, 1), nn.ReLU(), nn.ConvTranspose2d(16, channels, 3, 2, 1, 1),
                            nn.Sigmoid(), nn.Flatten())
    return encoder, decoder


if "P4" in wanted:
    autoencoder("P4", *conv_autoencoder(1, 28, 32))

if "P5" in wanted:
    model = cnn(10)
    epochs = args.epochs or 5
    rate, losses = classifier(model, x_train, y_train, epochs, 128)
    test_accuracy = accuracy(model, x_test, y_test)
    log(f"torch P5: {rate:.0f} samples/s, test accuracy {test_accuracy:.4f}")
    emit({"protocol": "P5", **common, "epochs": epochs, "test_accuracy": test_accuracy, "train_samples_per_second": rate,
          "train_loss_per_epoch": losses})

if "P6" in wanted:
    old, new = [0, 1, 2, 3, 4], [5, 6, 7, 8, 9]
    old_rows = np.isin(train_labels, old)
    pretrained = cnn(5)
    classifier(pretrained, x_train[old_rows], y_train[old_rows], args.epochs or 5, 128)
    # 100 labelled train images per new class, a seeded choice (numpy's generator: not the same images as Latent's).
    generator = np.random.default_rng(args.seed)
    chosen = np.concatenate([generator.choice(np.flatnonzero(train_labels == c), 100, replace=False) for c in new])
    labelled, labels = x_train[chosen], y_train[chosen] - 5
    test_rows = np.isin(test_labels, new)
    evaluation, evaluation_labels = x_test[test_rows], y_test[test_rows] - 5

    def route(kept, trainable):
        """The pretrained groups `kept` (copied; frozen unless in `trainable`) and a new head sized to their output."""
        backbone = copy.deepcopy(pretrained[:kept])
        for index, group in enumerate(backbone):
            for parameter in group.parameters():
                parameter.requires_grad = index in trainable
        features = backbone(labelled[:1]).shape[1]
        model = nn.Sequential(backbone, nn.Linear(features, 5))
        classifier(model, labelled, labels, 50, 32)
        return accuracy(model, evaluation, evaluation_labels)

    def one_nearest_neighbour(database, database_labels, queries, query_labels):
        with torch.no_grad():
            nearest = torch.cdist(queries, database).argmin(1)
        return float((database_labels[nearest] == query_labels).float().mean())

    results = {"per_class": 100, "frozen_head_accuracy": route(2, []), "frozen_conv_accuracy": route(1, []),
               "finetune_last_two_accuracy": route(2, [1])}
    scratch = cnn(5)
    classifier(scratch, labelled, labels, 50, 32)
    results["scratch_accuracy"] = accuracy(scratch, evaluation, evaluation_labels)
    logistic = nn.Linear(784, 5)
    classifier(logistic, labelled, labels, 50, 32)
    results["logistic_accuracy"] = accuracy(logistic, evaluation, evaluation_labels)
    with torch.no_grad():
        hidden = pretrained[:2]
        results["one_nn_feature_accuracy"] = one_nearest_neighbour(hidden(labelled), labels, hidden(evaluation), evaluation_labels)
    results["one_nn_pixel_accuracy"] = one_nearest_neighbour(labelled, labels, evaluation, evaluation_labels)
    log("torch P6: " + ", ".join(f"{key} {value:.4f}" for key, value in results.items() if key != "per_class"))
    emit({"protocol": "P6", **common, **results})

if "P7" in wanted and args.crops:
    photos, held_out = (torch.from_numpy(a) for a in load_crops(args.crops))
    encoder, decoder = conv_autoencoder(3, 64, 64)
    model = nn.Sequential(encoder, decoder)
    epochs = args.epochs or 3
    rate, losses = epochs_of(model.parameters(), lambda rows: nn.functional.mse_loss(model(photos[rows]), photos[rows]),
                             len(photos), epochs, batch=64)
    model.eval()
    with torch.no_grad():
        single = held_out[:500]
        batch_one = median_seconds(args.repetitions, lambda: [encoder(single[i:i + 1]) for i in range(len(single))])
        batched = median_seconds(args.repetitions, lambda: [encoder(held_out[i:i + 256]) for i in range(0, len(held_out), 256)])
        mse = float(nn.functional.mse_loss(model(held_out), held_out))
    log(f"torch P7: {rate:.0f} samples/s, test MSE {mse:.5f}")
    emit({"protocol": "P7", **common, "dataset": "p7-photos", "epochs": epochs, "train_samples_per_second": rate,
          "encode_batch1_images_per_second": len(single) / batch_one,
          "encode_batch256_images_per_second": len(held_out) / batched, "test_mse": mse,
          "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "train_loss_per_epoch": losses})
