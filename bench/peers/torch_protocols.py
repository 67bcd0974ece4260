"""P3, P4 and P5 in PyTorch, exactly as PROTOCOLS.md says (runs only where torch is installed)."""
import time

import numpy as np
import torch
from torch import nn

from common import arguments, emit, load, log, retrieval_figures

args = arguments(__doc__)
torch.set_num_threads(2)
torch.manual_seed(args.seed)
train, train_labels, test, test_labels = load(args.data_dir)
common = {"library": f"torch {torch.__version__}", "threads": 2, "blas": torch.__config__.show().split("\n")[0], "seed": args.seed,
          "dataset": "fashion-mnist"}
x_train, x_test = torch.from_numpy(train), torch.from_numpy(test)


def epochs_of(model, loss_of, epochs, batch=128):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    rates = []
    for epoch in range(epochs):
        order = torch.randperm(len(x_train))
        start = time.perf_counter()
        for i in range(0, len(order), batch):
            rows = order[i:i + batch]
            optimizer.zero_grad()
            loss_of(rows).backward()
            optimizer.step()
        rates.append(len(order) / (time.perf_counter() - start))
    return float(np.median(rates[1:] if len(rates) > 1 else rates))


def autoencoder(name, encoder, decoder):
    model = nn.Sequential(encoder, decoder)
    rate = epochs_of(model, lambda rows: nn.functional.mse_loss(model(x_train[rows]), x_train[rows]), args.epochs or 10)
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
    emit({"protocol": name, **common, "epochs": args.epochs or 10, "train_samples_per_second": rate,
          "encode_samples_per_second": encode_rate, "test_mse": mse, "precision_at_10": figures[0],
          "one_nn_accuracy": figures[1], "map_at_100": figures[2]})


autoencoder("P3", nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 128), nn.ReLU(), nn.Linear(128, 32)),
            nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, 512), nn.ReLU(), nn.Linear(512, 784), nn.Sigmoid()))
autoencoder("P4", nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 16, 3, 2, 1), nn.ReLU(), nn.Conv2d(16, 32, 3, 2, 1), nn.ReLU(),
                                nn.Flatten(), nn.Linear(1568, 32)),
            nn.Sequential(nn.Linear(32, 1568), nn.ReLU(), nn.Unflatten(1, (32, 7, 7)), nn.ConvTranspose2d(32, 16, 3, 2, 1, 1), nn.ReLU(),
                          nn.ConvTranspose2d(16, 1, 3, 2, 1, 1), nn.Sigmoid(), nn.Flatten()))

cnn = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(),
                    nn.Linear(128, 10))
y_train = torch.from_numpy(train_labels)
rate = epochs_of(cnn, lambda rows: nn.functional.cross_entropy(cnn(x_train[rows]), y_train[rows]), args.epochs or 5)
with torch.no_grad():
    accuracy = float((cnn(x_test).argmax(1).numpy() == test_labels).mean())
log(f"torch P5: {rate:.0f} samples/s, test accuracy {accuracy:.4f}")
emit({"protocol": "P5", **common, "epochs": args.epochs or 5, "test_accuracy": accuracy, "train_samples_per_second": rate})
