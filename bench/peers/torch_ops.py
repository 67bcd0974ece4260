"""The kernels of `latent bench ops` in PyTorch: the same shapes, the same forward + backward, timed the same way
(median of the repetitions after one warm-up), so that a training gap can be read back to its kernels.

Usage: torch_ops.py [--repetitions N] [--threads 2]; prints one JSON line per kernel (`latent bench ops` repeats 5 times).
"""
import json

import torch

from common import arguments, log, median_seconds

args = arguments(__doc__, extra=[("--threads", {"type": int, "default": 2})])
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)


def report(name, seconds, flops):
    log(f"torch {name}: {1e3 * seconds:.3f} ms, {flops / seconds * 1e-9:.1f} GFLOP/s")
    print(json.dumps({"benchmark": name, "library": f"torch {torch.__version__}", "threads": args.threads,
                      "seconds": seconds, "gflops": flops / seconds * 1e-9}))


size = 1024
a, b = torch.rand(size, size) * 2 - 1, torch.rand(size, size) * 2 - 1
report("sgemm_1024", median_seconds(args.repetitions, lambda: a @ b), 2 * size ** 3)

# Linear 784 -> 512 at batch 128: the forward product and the two backward ones (dx and dW).
x = torch.rand(128, 784, requires_grad=True)
linear = torch.nn.Linear(784, 512)
report("linear_784_512_b128", median_seconds(4 * args.repetitions, lambda: linear(x).sum().backward()),
       3 * 2 * 128 * 784 * 512)

# The P4 encoder's convolutions: 1->16 on 28x28 (its input needs no gradient) and 16->32 on 14x14.
for channels, out_channels, side, input_needs_grad in ((1, 16, 28, False), (16, 32, 14, True)):
    images = torch.rand(128, channels, side, side, requires_grad=input_needs_grad)
    convolution = torch.nn.Conv2d(channels, out_channels, 3, stride=2, padding=1)
    product_flops = 2 * out_channels * channels * 9 * 128 * (side // 2) ** 2
    report(f"conv2d_{channels}_{out_channels}_{side}x{side}_b128",
           median_seconds(4 * args.repetitions, lambda: convolution(images).sum().backward()),
           product_flops * (3 if input_needs_grad else 2))
