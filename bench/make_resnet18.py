#!/usr/bin/python3
"""Writes a ResNet-18-shaped ONNX model with random weights, for benchmarks only (weights do not change speed).

Usage: /usr/bin/python3 bench/make_resnet18.py [output.onnx]
Default output: ~/.cache/modelaudit/models/resnet18-random.onnx. Uses torchvision's resnet18 when it is
installed, otherwise the same architecture written out below. Input "image" [N,3,224,224], output "logits" [N,1000].
"""
import os
import sys

import torch
from torch import nn

torch.manual_seed(0)
torch.set_num_threads(2)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class ResNet18(nn.Module):
    """torchvision.models.resnet18's layout: stem, four stages of two basic blocks, global average pool, fc."""

    def __init__(self, classes=1000):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        stages, cin = [], 64
        for cout, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
            stages.append(nn.Sequential(BasicBlock(cin, cout, stride), BasicBlock(cout, cout, 1)))
            cin = cout
        self.layer1, self.layer2, self.layer3, self.layer4 = stages
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512, classes)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def build():
    try:
        import torchvision

        return torchvision.models.resnet18(weights=None), "torchvision"
    except ImportError:
        return ResNet18(), "hand-written"


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/modelaudit/models/resnet18-random.onnx")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    model, source = build()
    model.eval()
    tmp = out + ".tmp"
    torch.onnx.export(
        model, torch.randn(1, 3, 224, 224), tmp, input_names=["image"], output_names=["logits"],
        dynamic_axes={"image": {0: "N"}, "logits": {0: "N"}}, opset_version=13)
    os.replace(tmp, out)
    print(f"wrote {out} ({source} ResNet-18, {sum(p.numel() for p in model.parameters())} parameters)")


if __name__ == "__main__":
    main()
