"""The training step of P3, P4, P5, SimCLR, the VAE or the IWAE in PyTorch alone, as `latent bench steps` times Latent's: the same model,
the same 8 batches of 128 (Fashion-MNIST's first 1,024 training images in file order), Adam 1e-3.
ssl is `latent train ssl`'s default: SimCLR's NT-Xent (temperature 0.5) on the resnet8 encoder and its projection
head, each image and its mirror as the two views, one batch of 256. vae and iwae are Burda et al.'s 784-200-200-50
tanh model with Bernoulli pixels (pixels above one half are 1): the ELBO with the KL in closed form, or the
importance-weighted bound with 50 codes per image decoded as one (N * 50, 50) matrix.

Usage: torch_steps.py --model conv-ae|dense-ae|cnn|ssl|vae|iwae [--steps 40] [--warmup 5] [--threads 2] [--flush-denormal];
prints one JSON line.
"""
import json
import math
import time

import torch
from torch import nn

from common import arguments, load, log

args = arguments(__doc__, extra=[("--model", {"default": "conv-ae", "choices": ["dense-ae", "conv-ae", "cnn", "ssl", "vae", "iwae"]}),
                                 ("--steps", {"type": int, "default": 40}), ("--warmup", {"type": int, "default": 5}),
                                 ("--threads", {"type": int, "default": 2}), ("--flush-denormal", {"action": "store_true"})])
torch.set_num_threads(args.threads)
torch.set_flush_denormal(args.flush_denormal)
torch.manual_seed(args.seed)


class Block(nn.Module):
    """Latent's ResNet basic block: relu(bn(conv(relu(bn(conv(x))))) + shortcut(x)), convolutions with a bias."""

    def __init__(self, inputs, outputs, stride):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(inputs, outputs, 3, stride, 1), nn.BatchNorm2d(outputs), nn.ReLU(),
                                  nn.Conv2d(outputs, outputs, 3, 1, 1), nn.BatchNorm2d(outputs))
        projects = stride != 1 or inputs != outputs
        self.shortcut = nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride), nn.BatchNorm2d(outputs)) if projects else nn.Identity()

    def forward(self, x):
        return torch.relu(self.body(x) + self.shortcut(x))


class Burda(nn.Module):
    """784-200-200-50 with tanh, the encoder giving means then log-variances, the decoder Bernoulli logits."""

    def __init__(self, code=50):
        super().__init__()
        self.code = code
        self.encoder = nn.Sequential(nn.Linear(784, 200), nn.Tanh(), nn.Linear(200, 200), nn.Tanh(), nn.Linear(200, 2 * code))
        self.decoder = nn.Sequential(nn.Linear(code, 200), nn.Tanh(), nn.Linear(200, 200), nn.Tanh(), nn.Linear(200, 784))

    def loss(self, x, samples):
        statistics = self.encoder(x)
        mean, log_variance = statistics[:, :self.code], statistics[:, self.code:]
        if samples == 1:
            z = mean + (0.5 * log_variance).exp() * torch.randn_like(mean)
            reconstruction = nn.functional.binary_cross_entropy_with_logits(self.decoder(z), x, reduction="sum") / len(x)
            kl = 0.5 * (log_variance.exp() + mean ** 2 - log_variance - 1).sum() / len(x)
            return reconstruction + kl
        noise = torch.randn(len(x), samples, self.code)
        z = mean[:, None] + (0.5 * log_variance).exp()[:, None] * noise
        log_posterior = -0.5 * ((noise ** 2).sum(2) + log_variance.sum(1, keepdim=True))
        log_prior = -0.5 * (z ** 2).sum(2)
        logits = self.decoder(z.reshape(-1, self.code))
        targets = x[:, None].expand(-1, samples, -1).reshape(-1, 784)
        log_likelihood = -nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction="none").sum(1)
        log_weights = log_likelihood.view(len(x), samples) + log_prior - log_posterior
        return -(torch.logsumexp(log_weights, 1) - math.log(samples)).mean()


def model_of(name):
    if name in ("vae", "iwae"):
        return Burda()
    if name == "ssl":
        return nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 16, 3, 1, 1), nn.BatchNorm2d(16), nn.ReLU(),
                             Block(16, 16, 1), Block(16, 32, 2), Block(32, 64, 2), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                             nn.Linear(64, 128), nn.BatchNorm1d(128), nn.ReLU(), nn.Linear(128, 128))
    if name == "dense-ae":
        return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 128), nn.ReLU(), nn.Linear(128, 32),
                             nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, 512), nn.ReLU(), nn.Linear(512, 784), nn.Sigmoid())
    if name == "conv-ae":
        return nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 16, 3, 2, 1), nn.ReLU(), nn.Conv2d(16, 32, 3, 2, 1), nn.ReLU(),
                             nn.Flatten(), nn.Linear(1568, 32), nn.Linear(32, 1568), nn.ReLU(), nn.Unflatten(1, (32, 7, 7)),
                             nn.ConvTranspose2d(32, 16, 3, 2, 1, 1), nn.ReLU(), nn.ConvTranspose2d(16, 1, 3, 2, 1, 1), nn.Sigmoid(),
                             nn.Flatten())
    return nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(),
                         nn.Linear(128, 10))


model = model_of(args.model)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
train, train_labels, _, _ = load(args.data_dir)
images = [torch.from_numpy(train[i * 128:(i + 1) * 128]) for i in range(8)]
if args.model == "ssl":
    images = [torch.cat([x, x.view(-1, 28, 28).flip(2).reshape(-1, 784)]) for x in images]
if args.model in ("vae", "iwae"):
    images = [(x > 0.5).float() for x in images]
labels = [torch.from_numpy(train_labels[i * 128:(i + 1) * 128]) for i in range(8)]


def nt_xent(projections, temperature=0.5):
    """SimCLR's loss over (2N, D) projections whose rows i and i + N are two views of one image."""
    unit = nn.functional.normalize(projections, dim=1)
    logits = unit @ unit.T / temperature - 1e9 * torch.eye(len(unit))
    n = len(unit) // 2
    return nn.functional.cross_entropy(logits, (torch.arange(2 * n) + n) % (2 * n))


def step(i):
    x = images[i % len(images)]
    optimizer.zero_grad()
    if args.model in ("vae", "iwae"):
        loss = model.loss(x, 50 if args.model == "iwae" else 1)
    elif args.model == "cnn":
        loss = nn.functional.cross_entropy(model(x), labels[i % len(labels)])
    elif args.model == "ssl":
        loss = nt_xent(model(x))
    else:
        loss = nn.functional.mse_loss(model(x), x)
    loss.backward()
    optimizer.step()
    return float(loss.detach())


for i in range(args.warmup):
    step(i)
start, cpu_start = time.perf_counter(), time.process_time()
for i in range(args.steps):
    loss = step(args.warmup + i)
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
log(f"torch {args.model}: {1e3 * seconds / args.steps:.2f} ms/step ({1e3 * cpu_seconds / args.steps:.2f} ms of CPU), "
    f"{args.steps * 128 / seconds:.0f} images/s")
print(json.dumps({"benchmark": f"steps-{args.model}", "library": f"torch {torch.__version__}" + (" (flush denormal)" if args.flush_denormal else ""), "threads": args.threads,
                  "steps": args.steps, "batch": 128, "ms_per_step": 1e3 * seconds / args.steps, "cpu_ms_per_step": 1e3 * cpu_seconds / args.steps,
                  "samples_per_second": args.steps * 128 / seconds, "loss": loss}))
