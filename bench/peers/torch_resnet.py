"""P8 in PyTorch: torchvision's ResNet-18 pooled features on 224x224 RGB inputs with ImageNet's normalisation.

Usage: torch_resnet.py [--arch resnet18] [--weights FILE.safetensors] [--write-weights FILE.safetensors]
                       [--write-reference FILE.safetensors] [--repetitions N] [--singles N] [--flush-denormal]
Random weights (seeded) unless --weights loads a state_dict. --write-weights saves the weights this run used and
--write-reference two inputs with their features (keys `inputs`, `ARCH.features`), so that
`latent bench resnet --weights W --reference R` times the same network and reports max |Latent - PyTorch|.
Images/s of the features at batch 1 (--singles images per repetition) and 32, median of --repetitions after a
warm-up, 2 threads; --flush-denormal as in torch_protocols.py.
"""
import resource

import torch
import torchvision
from safetensors.torch import load_file, save_file

from common import arguments, emit, log, median_seconds

args = arguments(__doc__, extra=[("--arch", {"default": "resnet18", "choices": ["resnet18", "resnet50"]}),
                                 ("--weights", {}), ("--write-weights", {}), ("--write-reference", {}),
                                 ("--singles", {"type": int, "default": 8}),
                                 ("--flush-denormal", {"action": "store_true"})])
torch.set_num_threads(2)
torch.set_flush_denormal(args.flush_denormal)
torch.manual_seed(args.seed)
configuration = torch.__config__.show()
blas = ", ".join(line.strip(" -") for line in configuration.splitlines() if "Math Kernel" in line or "MKL-DNN" in line
                 or "CPU capability" in line)

model = getattr(torchvision.models, args.arch)()
if args.weights:
    model.load_state_dict(load_file(args.weights))
model.eval()
normalize = torchvision.transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
body = torch.nn.Sequential(*list(model.children())[:-1])  # up to and including the global average pooling


def features(images):
    with torch.no_grad():
        return torch.flatten(body(normalize(images)), 1)


if args.write_weights:
    save_file({key: value.contiguous() for key, value in model.state_dict().items()}, args.write_weights)
if args.write_reference:
    inputs = torch.randint(0, 256, (2, 3, 224, 224)).float() / 255
    save_file({"inputs": inputs, f"{args.arch}.features": features(inputs).contiguous()}, args.write_reference)

common = {"protocol": "P8", "library": f"torch {torch.__version__}" + (" (flush denormal)" if args.flush_denormal else ""),
          "threads": torch.get_num_threads(), "blas": blas, "seed": args.seed, "dataset": "uniform noise 224x224 RGB",
          "arch": args.arch, "weights": args.weights or "random"}
for batch in (1, 32):
    images = torch.rand(batch, 3, 224, 224)
    passes = args.singles if batch == 1 else 1

    def run():
        for _ in range(passes):
            features(images)

    rate = batch * passes / median_seconds(args.repetitions, run)
    log(f"torch P8 {args.arch}: {rate:.2f} images/s at batch {batch}")
    emit({**common, "batch": batch, "images_per_second": rate,
          "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
