#!/usr/bin/python3
"""Writes torchvision's LR-ASPP MobileNetV3-Large segmenter as ONNX at 1024x1024 with random weights and a fixed
batch of one (as such models are usually exported), for benchmarks only.

Usage: /usr/bin/python3 bench/make_lraspp.py [output.onnx]
Default output: ~/.cache/modelaudit/models/lraspp-1024-random.onnx. Input "image" [1,3,1024,1024], output "out"
[1,21,1024,1024]. BatchNorm statistics are set from a batch of random images so that activations neither vanish
nor explode through the random network.
"""
import os
import sys

import torch
from torch import nn
from torchvision.models import segmentation

torch.manual_seed(0)
torch.set_num_threads(2)
SIZE = 1024


class MapOnly(nn.Module):
    """The segmenter's "out" map without the dict torchvision returns."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x)["out"]


def calibrate(model):
    norms = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    for m in norms:
        m.reset_running_stats()
        m.momentum = None
        m.train()
    with torch.no_grad():
        model(torch.randn(2, 3, 256, 256))
    model.eval()


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/modelaudit/models/lraspp-1024-random.onnx")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    model = MapOnly(segmentation.lraspp_mobilenet_v3_large(weights=None, weights_backbone=None))
    calibrate(model)
    tmp = out + ".tmp"
    torch.onnx.export(model, torch.zeros(1, 3, SIZE, SIZE), tmp, input_names=["image"], output_names=["out"], opset_version=13)
    os.replace(tmp, out)
    print(f"wrote {out} (LR-ASPP MobileNetV3-Large, {sum(p.numel() for p in model.parameters())} parameters, {SIZE}x{SIZE}, batch 1)")


if __name__ == "__main__":
    main()
