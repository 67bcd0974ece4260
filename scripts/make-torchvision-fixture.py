#!/usr/bin/env python3
"""Writes Tests/Fixtures/torchvision/: torchvision ResNet-18 and ResNet-50 at reduced width with PyTorch's outputs.

Run once with PyTorch, torchvision and safetensors installed (CI never runs it; it reads the committed files):

    python3 scripts/make-torchvision-fixture.py

The networks are torchvision's own `ResNet` class and blocks; only the stage widths are divided by 8
(8/16/32/64 planes instead of 64/128/256/512, the stem at 8), so that the files are small. torchvision hard-codes
the widths, so `_make_layer` is wrapped to scale its `planes`, and the stem and `fc`, built before and after the
stages, are rebuilt at the scaled width. The forward pass is torchvision's, unchanged.

Files (safetensors):
- resnet18.safetensors, resnet50.safetensors: each network's state_dict (random weights, seeded; batch-norm running
  statistics measured on noise, then perturbed at random; num_batches_tracked included, as in a real state_dict).
- outputs.safetensors: `inputs` (2, 3, 224, 224), RGB in [0, 1]; for each network `NAME.features` (2, C), the
  global-average-pooled features, and `NAME.logits` (2, 10), both in eval mode after ImageNet's normalisation.
- dtypes.safetensors: the same small values as F32, F16, BF16 and F64, to check the reader's conversions.
"""
import os

import torch
import torchvision
from safetensors.torch import save_file
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet

SCALE = 8
CLASSES = 10
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "torchvision")


def reduced_resnet(block, layers):
    """torchvision's ResNet with every width divided by SCALE."""
    original = ResNet._make_layer

    def scaled(self, block, planes, blocks, stride=1, dilate=False):
        if planes == 64:  # the first stage: the stem's width, which torchvision fixes at 64, is scaled too
            self.inplanes = 64 // SCALE
        return original(self, block, planes // SCALE, blocks, stride, dilate)

    ResNet._make_layer = scaled
    try:
        model = ResNet(block, layers, num_classes=CLASSES)
    finally:
        ResNet._make_layer = original
    stem = 64 // SCALE
    model.conv1 = torch.nn.Conv2d(3, stem, kernel_size=7, stride=2, padding=3, bias=False)
    model.bn1 = torch.nn.BatchNorm2d(stem)
    model.fc = torch.nn.Linear(512 // SCALE * block.expansion, CLASSES)
    # Random weights everywhere, batch normalisation included, so that every tensor's place matters.
    for module in model.modules():
        if isinstance(module, torch.nn.Conv2d):
            torch.nn.init.kaiming_normal_(module.weight, mode="fan_in", nonlinearity="relu")
        elif isinstance(module, torch.nn.BatchNorm2d):
            torch.nn.init.uniform_(module.weight, 0.5, 1.5)
            torch.nn.init.uniform_(module.bias, -0.2, 0.2)
            module.momentum = None  # a plain average over the calibration batches
    # Running statistics measured on a few batches of noise, then perturbed: non-trivial values that still keep the
    # activations at a realistic scale (random statistics alone let a 50-layer network's features grow to 1e3,
    # where float32 cannot hold a 1e-4 comparison).
    model.train()
    with torch.no_grad():
        for _ in range(3):
            model(torch.randn(4, 3, 224, 224))
        for module in model.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.momentum = 0.1
                module.running_mean.add_(torch.empty_like(module.running_mean).uniform_(-0.1, 0.1))
                module.running_var.mul_(torch.empty_like(module.running_var).uniform_(0.7, 1.4))
    return model.eval()


def main():
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)
    # Pixel values as an image file gives them (k / 255), RGB in [0, 1].
    inputs = torch.randint(0, 256, (2, 3, 224, 224)).float() / 255
    normalize = torchvision.transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
    outputs = {"inputs": inputs}
    for name, block, layers in [("resnet18", BasicBlock, [2, 2, 2, 2]), ("resnet50", Bottleneck, [3, 4, 6, 3])]:
        model = reduced_resnet(block, layers)
        with torch.no_grad():
            x = normalize(inputs)
            body = torch.nn.Sequential(*list(model.children())[:-1])  # everything up to avgpool
            features = torch.flatten(body(x), 1)
            logits = model(x)
            assert torch.allclose(model.fc(features), logits)
        outputs[f"{name}.features"] = features.contiguous()
        outputs[f"{name}.logits"] = logits.contiguous()
        state = {key: value.contiguous() for key, value in model.state_dict().items()}
        save_file(state, os.path.join(OUT, f"{name}.safetensors"), metadata={"format": "pt", "widths": "1/8"})
        print(name, sum(v.numel() for v in state.values()), "values, features", tuple(features.shape))
    save_file(outputs, os.path.join(OUT, "outputs.safetensors"))
    values = torch.tensor([[0.0, 1.0, -2.5], [0.15625, 65504.0, -0.0009765625]])
    save_file(
        {"f32": values, "f16": values.half(), "bf16": values.bfloat16(), "f64": values.double(),
         "i64": torch.tensor([7], dtype=torch.int64)},
        os.path.join(OUT, "dtypes.safetensors"), metadata={"written_by": "make-torchvision-fixture.py"})


if __name__ == "__main__":
    main()
