"""Named wrong answers: one sentence each, in English and Chinese, said kindly.

``mistake(id, value, **numbers)`` makes a Misconception whose ``value`` the template computed
(with the core, on a variant of the problem's layers) and whose message explains the cause.
"""

from __future__ import annotations

from quizcnn.problems.answers import Answer
from quizcnn.problems.model import Misconception

MESSAGES: dict[str, tuple[str, str]] = {
    "ignored-dilation": (
        "That is the result with dilation ignored: a kernel k with dilation d spans "
        "d(k−1)+1 pixels.",
        "这是忽略了空洞（dilation）的结果：空洞为 d 的 k 核实际覆盖 d(k−1)+1 个像素。"),
    "forgot-padding": (
        "That is the result with the padding left out: a conv adds 2p to its input, a "
        "transposed conv takes 2p off its output.",
        "这是没算填充（padding）的结果：卷积要给输入加上 2p，转置卷积则从输出中减去 2p。"),
    "forgot-plus-one": (
        "You left out the final +1: ⌊(n + 2p − d(k−1) − 1)/s⌋ counts the steps, the first "
        "window adds one more.",
        "漏了最后的 +1：⌊(n + 2p − d(k−1) − 1)/s⌋ 数的是步数，第一个窗口还要再加 1。"),
    "ceil-instead-of-floor": (
        "You rounded up; this layer rounds down (floor). Only pools with ceil_mode=True "
        "round up.",
        "你向上取整了；这一层是向下取整（floor）。只有 ceil_mode=True 的池化才向上取整。"),
    "floor-instead-of-ceil": (
        "This pool has ceil_mode=True, so the division rounds up (a partial window at the end "
        "still counts).",
        "这个池化层 ceil_mode=True，除法向上取整（末尾不完整的窗口也算）。"),
    "plain-ceil": (
        "Nearly: with ceil_mode=True PyTorch rounds up but drops a last window that would "
        "start inside the right padding, which happens here.",
        "差一点：ceil_mode=True 时 PyTorch 向上取整，但若最后一个窗口从右侧填充里开始就丢掉它，"
        "这里正是这种情况。"),
    "pool-stride-default": (
        "A pool's stride defaults to its kernel size, not to 1.",
        "池化层的 stride 默认等于 kernel_size，而不是 1。"),
    "conv-formula-for-transposed": (
        "That is the ordinary convolution formula; a transposed conv runs it backwards: "
        "o = (n−1)s − 2p + d(k−1) + output_padding + 1.",
        "这是普通卷积的公式；转置卷积把它反过来：o = (n−1)s − 2p + d(k−1) + output_padding + 1。"),
    "forgot-output-padding": (
        "You left out output_padding: it adds that many pixels on the bottom/right side.",
        "漏了 output_padding：它会在下方/右侧多加这么多像素。"),
    "same-keeps-channels": (
        "padding='same' keeps the spatial size, not the channels: the output has out_channels "
        "channels.",
        "padding='same' 保持的是空间尺寸，不是通道数：输出通道数是 out_channels。"),
    "same-as-valid": (
        "That is padding='valid' (no padding); 'same' pads d(k−1) in total so the size stays.",
        "这是 padding='valid'（不填充）的结果；'same' 一共填充 d(k−1)，尺寸保持不变。"),
    "forgot-bias": (
        "That is the count without bias: add one bias per output channel or feature "
        "({diff} here).",
        "这是不含偏置的数：每个输出通道（或输出特征）还有一个偏置（这里共 {diff} 个）。"),
    "forgot-bias-saved": (
        "That leaves out the biases: the standard conv has C_out of them, the separable pair "
        "C_in + C_out, so the saving is {diff} smaller.",
        "这没算偏置：标准卷积有 C_out 个偏置，可分离的两层共有 C_in + C_out 个，所以节省量要少 {diff}。"),
    "counted-bias": (
        "That count includes a bias, but bias=False here: leave out the {diff} bias terms.",
        "这个数含了偏置，但这里 bias=False：去掉 {diff} 个偏置。"),
    "forgot-groups": (
        "That is the count for groups=1: with groups=g each filter sees only C_in/g channels, "
        "so divide by g.",
        "这是 groups=1 时的数：分组为 g 时每个卷积核只看 C_in/g 个通道，要除以 g。"),
    "bn-running-stats": (
        "Running mean and variance are buffers, not learnable parameters: BatchNorm learns "
        "2·C (γ and β).",
        "滑动均值和方差是缓冲区（buffer），不是可学习参数：BatchNorm 只学 2·C 个（γ 和 β）。"),
    "transposed-weight-layout": (
        "ConvTranspose's weight is (C_in, C_out/g, k, k) and its bias has C_out entries, "
        "not C_in.",
        "ConvTranspose 的权重形状是 `(C_in, C_out/g, k, k)`，偏置有 C_out 个，而不是 C_in 个。"),
    "macs-for-flops": (
        "That is the MAC count. Here FLOPs = 2 × MACs (a multiply and an add); fvcore and thop "
        "call MACs \"FLOPs\", so the mix-up is common: check which one is meant.",
        "这是 MACs 的数。这里 FLOPs = 2 × MACs（一次乘法加一次加法）；fvcore、thop 把 MACs 叫作 "
        "FLOPs，所以很容易混淆，请先确认问的是哪一个。"),
    "flops-for-macs": (
        "That is the FLOP count (2 × MACs); the question asks for multiply-accumulates.",
        "这是 FLOPs（= 2 × MACs）；题目问的是乘加次数 MACs。"),
    "counted-bias-compute": (
        "That includes the bias additions. The convention here (torch.utils.flop_counter) does "
        "not count bias; ptflops and torchinfo do, so your number is right under theirs.",
        "这个数包含了偏置的加法。这里的约定（torch.utils.flop_counter）不计偏置；ptflops、torchinfo "
        "会计入，所以按它们的约定你的数是对的。"),
    "transposed-output-positions": (
        "That counts the transposed conv over its output positions (as torchinfo does); "
        "each input pixel is multiplied once by the kernel: count over input positions.",
        "这是按转置卷积的输出位置计数（torchinfo 的做法）；每个输入像素只与卷积核相乘一次："
        "应按输入位置计数。"),
    "macs-input-positions": (
        "That runs the kernel at every input position; with stride s the conv only visits the "
        "output positions (H_out × W_out).",
        "这是在每个输入位置都算一次卷积核；步长为 s 时，卷积只在输出位置（H_out × W_out）上计算。"),
    "rf-no-jumps": (
        "That is 1 + Σ(k−1): kernel sizes summed without the jumps. Each layer's (k−1) must be "
        "multiplied by the product of the strides before it.",
        "这是 1 + Σ(k−1)：直接把卷积核大小相加，没乘步长累积（jump）。每层的 (k−1) 要乘以它前面各层步长之积。"),
    "rf-ignored-dilation": (
        "That ignores dilation: a dilated kernel covers d(k−1)+1 input pixels.",
        "这忽略了空洞：空洞卷积核覆盖 d(k−1)+1 个输入像素。"),
    "rf-ignored-pooling": (
        "Pooling layers widen the receptive field too, and their stride multiplies the jump.",
        "池化层同样会扩大感受野，它的步长也会乘进 jump。"),
    "rf-ignored-padding": (
        "That ignores the padding: each layer's padding moves the field left/up by "
        "p × (the jump before that layer).",
        "这忽略了填充：每层的填充会让感受野向左/上移动 p ×（该层之前的 jump）。"),
    "rf-forgot-jump": (
        "Neighbouring outputs are one jump apart in the input (the product of all strides), "
        "not one pixel.",
        "相邻的输出在输入上相隔一个 jump（所有步长之积），而不是一个像素。"),
    "rf-last-pixel": (
        "That is the last pixel of the field; the question asks for the first one.",
        "这是感受野的最后一个像素；题目问的是第一个。"),
    "inverted-ratio": (
        "That is the ratio the other way round: the question asks for the first count divided "
        "by the second.",
        "这是反过来的比值：题目问的是前者除以后者。"),
    "depthwise-only": (
        "That counts only the depthwise part; the pointwise 1×1 conv belongs to the block too.",
        "这只算了逐通道（depthwise）部分；逐点 1×1 卷积也属于这个模块。"),
    "forgot-bias-ratio": (
        "That is the ratio without the biases; here the layers have bias=True.",
        "这是不含偏置的比值；这里各层 bias=True。"),
    "fc-no-sharing": (
        "That is the conv's count times the output positions: a conv shares one set of weights "
        "across all positions.",
        "这是卷积参数乘以输出位置数：卷积在所有位置共享同一组权重。"),
    "stacked-count-off-by-one": (
        "Each 3×3 layer (stride 1) adds 2 to the receptive field, starting from 1: n layers "
        "see 2n+1 pixels.",
        "每个 3×3（步长 1）层让感受野加 2，从 1 开始：n 层看到 2n+1 个像素。"),
    "padding-total": (
        "That is the total padding; PyTorch adds padding on each side, so give half of it.",
        "这是两侧加起来的总填充；PyTorch 的 padding 是每一侧的量，应取一半。"),
    "padding-ignored-dilation": (
        "That padding ignores the dilation: the kernel spans d(k−1)+1 pixels, so keeping the "
        "size needs d(k−1)/2 per side.",
        "这个填充忽略了空洞：卷积核覆盖 d(k−1)+1 个像素，保持尺寸需要每侧 d(k−1)/2。"),
    "dilation-adds-weights": (
        "Dilation spreads the same k×k weights apart; it adds no parameters.",
        "空洞只是把同样的 k×k 个权重拉开间距，不增加参数。"),
    "stacked-count-after-stem": (
        "One layer too many: the stem already sees {r0}×{r0} pixels and each dilated layer adds "
        "2d × jump = {add}.",
        "多算了一层：主干部分已经看到 {r0}×{r0} 个像素，每个空洞层再加 2d × jump = {add}。"),
    "stacked-one-layer": (
        "That compares a single 3×3 layer; the stack has several of them, each with its own "
        "weights.",
        "这只比较了一层 3×3；堆叠里有好几层，每层都有自己的权重。"),
    "linear-forgot-flatten": (
        "The Linear layer sees the flattened map: in_features = C·H·W.",
        "Linear 层看到的是展平后的特征图：in_features = C·H·W。"),
}


def mistake(mid: str, value: Answer | None, **numbers: object) -> Misconception | None:
    """A Misconception for ``value`` (None when the wrong answer could not be computed)."""
    if value is None:
        return None
    en, zh = MESSAGES[mid]
    return Misconception(mid, {"en": en.format(**numbers), "zh": zh.format(**numbers)}, value)


def _merge_block_messages() -> None:
    from quizcnn.problems.mistakes_blocks import BLOCK_MESSAGES

    clash = set(MESSAGES) & set(BLOCK_MESSAGES)
    if clash:  # pragma: no cover - a programming error caught by the tests
        raise RuntimeError(f"misconception ids defined twice: {sorted(clash)}")
    MESSAGES.update(BLOCK_MESSAGES)


_merge_block_messages()
