"""network-trace reads data/architectures/*.txt (print(model) or one layer per line)."""

from __future__ import annotations

import pytest

from quizcnn.core import analyze
from quizcnn.problems import ProblemError, generate
from quizcnn.problems.templates import network

RESNET = """\
# ResNet-18, print(model); input: 3x224x224
ResNet(
  (conv1): Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)
  (bn1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (relu): ReLU(inplace=True)
  (maxpool): MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)
  (layer1): Sequential(
    (0): BasicBlock(
      (conv1): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (relu): ReLU(inplace=True)
      (conv2): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
    )
  )
  (layer2): Sequential(
    (0): BasicBlock(
      (downsample): Sequential(
        (0): Conv2d(64, 128, kernel_size=(1, 1), stride=(2, 2), bias=False)
"""


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    import quizcnn.resources

    (tmp_path / "architectures").mkdir()
    monkeypatch.setattr(quizcnn.resources, "data_dir", lambda: tmp_path)
    network.networks.cache_clear()
    yield tmp_path / "architectures"
    network.networks.cache_clear()


def test_reads_files_and_stops_at_a_branch(data_dir):
    (data_dir / "resnet18.txt").write_text(RESNET, encoding="utf-8")
    (data_dir / "broken.txt").write_text("this is not a network\n", encoding="utf-8")
    nets = network.networks()
    assert [n for n, _, _ in nets] == ["ResNet-18"]
    name, shape, layers = nets[0]
    assert shape == (3, 224, 224) and len(layers) == 8
    for seed in range(30):
        p = generate("network-trace", seed, 2)
        assert p.extra["network"] == "ResNet-18"
        assert analyze(p.input_shape, p.layers).output == p.answer
        assert "(conv1)" not in "".join(p.layers)  # print(model) names are not shown


def test_no_network_files_is_a_clear_error(data_dir):
    with pytest.raises(ProblemError, match="data/architectures"):
        generate("network-trace", 1, 1)


def test_shipped_networks_are_read():
    network.networks.cache_clear()
    names = {n for n, _, _ in network.networks()}
    assert {"VGG-16 (torchvision)", "AlexNet (torchvision)"} <= names
    assert any(n.startswith("ResNet-50") for n in names)
    for _, shape, layers in network.networks():
        assert shape[0] == 3 and 4 <= len(layers) <= network.MAX_LAYERS
