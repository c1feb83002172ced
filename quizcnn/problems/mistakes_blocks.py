"""Named wrong answers of the block and compute templates (BN folding, im2col, Winograd,
inverted residual, squeeze-and-excitation, DenseNet, activation memory); merged into
``quizcnn.problems.mistakes.MESSAGES``."""

from __future__ import annotations

BLOCK_MESSAGES: dict[str, tuple[str, str]] = {
    "fold-no-bias": (
        "That leaves out the folded bias: the conv had no bias, but after folding it needs one "
        "per output channel, β + (b − μ)·γ/√(σ² + ε) ({diff} here).",
        "这漏了折叠后的偏置：原卷积没有偏置，但折叠后每个输出通道都需要一个偏置 "
        "β + (b − μ)·γ/√(σ² + ε)（这里共 {diff} 个）。"),
    "fold-kept-bn": (
        "That is the count before folding: γ and β are absorbed into the conv's weight and "
        "bias, so BatchNorm's parameters disappear.",
        "这是折叠前的数：γ 和 β 被吸收进卷积的权重和偏置，BatchNorm 的参数就不存在了。"),
    "fold-extra-bias": (
        "The conv's own bias and BatchNorm's shift merge into one bias per channel: the folded "
        "conv has C_out biases, not 2·C_out.",
        "卷积自带的偏置和 BatchNorm 的平移合并成每个通道一个偏置：折叠后的卷积有 C_out 个偏置，"
        "而不是 2·C_out 个。"),
    "fold-all-bn-saved": (
        "Not all of BatchNorm's 2·C_out parameters go away: β lives on as the new conv bias, "
        "so folding removes only C_out here.",
        "BatchNorm 的 2·C_out 个参数并不会全部消失：β 变成了新卷积的偏置，所以这里只少了 C_out 个。"),
    "im2col-swapped": (
        "Rows and columns are swapped: im2col has one row per filter weight (C_in·k_h·k_w) "
        "and one column per output position (N·H_out·W_out).",
        "行和列弄反了：im2col 每一行对应卷积核的一个权重（C_in·k_h·k_w），每一列对应一个输出位置"
        "（N·H_out·W_out）。"),
    "im2col-input-positions": (
        "That uses the input's H·W positions; the matrix has a column only for each output "
        "position the kernel visits (H_out·W_out).",
        "这用了输入的 H·W 个位置；矩阵只为卷积核实际访问的每个输出位置（H_out·W_out）设一列。"),
    "im2col-forgot-channels": (
        "Each column holds the whole window through all input channels: C_in·k_h·k_w rows, "
        "not k_h·k_w.",
        "每一列包含窗口在所有输入通道上的值：行数是 C_in·k_h·k_w，而不是 k_h·k_w。"),
    "im2col-input-size": (
        "That is the size of the input tensor itself; im2col copies each pixel into every "
        "window that covers it, so the matrix is about k²/s² times larger.",
        "这是输入张量本身的大小；im2col 会把每个像素复制到覆盖它的每个窗口里，矩阵大约是输入的 "
        "k²/s² 倍。"),
    "forgot-batch": (
        "That is the size for one image: multiply by the batch size N = {batch}.",
        "这是一张图的大小：还要乘以批大小 N = {batch}。"),
    "dtype-bytes": (
        "That uses {wrong} bytes per element; {dtype} takes {right}.",
        "这按每个元素 {wrong} 字节算了；{dtype} 每个元素占 {right} 字节。"),
    "bits-for-bytes": (
        "That counts bits, not bytes: {dtype} is {bits} bits = {right} bytes per element.",
        "这算的是比特而不是字节：{dtype} 每个元素 {bits} 比特 = {right} 字节。"),
    "k2-only": (
        "k² is only the expansion with stride 1 and 'same' padding: count the output positions "
        "this layer really has.",
        "只有步长为 1 且保持尺寸的填充时，膨胀倍数才正好是 k²：请按这一层实际的输出位置数来算。"),
    "winograd-direct": (
        "That is the direct count, m²·r² per tile per channel pair; Winograd needs only "
        "(m + r − 1)² elementwise multiplications.",
        "这是直接卷积的次数，每个块每对通道 m²·r² 次；Winograd 只需要 (m + r − 1)² 次逐元素乘法。"),
    "winograd-1d": (
        "That is the 1-D count m + r − 1; the 2-D algorithm F(m×m, r×r) nests it in both "
        "directions: (m + r − 1)².",
        "这是一维的次数 m + r − 1；二维的 F(m×m, r×r) 在两个方向上嵌套：(m + r − 1)²。"),
    "winograd-forgot-channels": (
        "Each tile is multiplied for every pair of input and output channels: times "
        "C_in·C_out.",
        "每个块要对每一对输入、输出通道各做一次：还要乘以 C_in·C_out。"),
    "winograd-ideal-ratio": (
        "That is the ideal per-tile saving m²r²/(m + r − 1)²; here the output is not a whole "
        "number of tiles, so the last tiles are padded and partly wasted.",
        "这是理想的单块节省 m²r²/(m + r − 1)²；这里输出不是块大小的整数倍，最后的块要补零，"
        "有一部分被浪费。"),
    "winograd-floor-tiles": (
        "You rounded the tile count down; a partial tile at the edge still has to be computed "
        "(ceil).",
        "你把块数向下取整了；边缘不完整的块也要计算（向上取整）。"),
    "ir-forgot-bn": (
        "That counts only the convolutions: each of the block's convs is followed by a "
        "BatchNorm with 2 learnable parameters per channel ({diff} here).",
        "这只算了卷积：块里每个卷积后面都有 BatchNorm，每个通道 2 个可学习参数（这里共 {diff} 个）。"),
    "ir-depthwise-full": (
        "The middle 3×3 conv is depthwise (groups = hidden): hidden·k² weights, not "
        "hidden²·k².",
        "中间的 3×3 卷积是逐通道卷积（groups = hidden）：权重是 hidden·k²，不是 hidden²·k²。"),
    "ir-no-expansion": (
        "The depthwise and projection convs work on the expanded width hidden = t·C_in, not on "
        "C_in.",
        "逐通道卷积和投影卷积作用在扩展后的宽度 hidden = t·C_in 上，而不是 C_in。"),
    "ir-expand-when-t1": (
        "With expansion factor t = 1 torchvision builds no 1×1 expansion conv (nor its "
        "BatchNorm).",
        "扩展因子 t = 1 时，torchvision 不建 1×1 扩展卷积（也没有它的 BatchNorm）。"),
    "ir-stride-ignored": (
        "That ignores the stride: the depthwise conv carries it, so it and the projection run "
        "on the H_out × W_out grid.",
        "这忽略了步长：步长在逐通道卷积上，所以它和投影卷积都在 H_out × W_out 上计算。"),
    "ir-stride-everywhere": (
        "The 1×1 expansion runs before the stride, on the full H × W input; only the depthwise "
        "and projection convs run at H_out × W_out.",
        "1×1 扩展卷积在步长之前、在完整的 H × W 输入上计算；只有逐通道卷积和投影卷积在 "
        "H_out × W_out 上。"),
    "ir-repeat-same-input": (
        "Only the first block of the stage takes C_in channels; the repeats take C_out and "
        "have stride 1.",
        "只有这一段的第一个块输入 C_in 个通道；后面重复的块输入 C_out 个通道，步长为 1。"),
    "se-forgot-bias": (
        "That leaves out the biases: both 1×1 convs (or FC layers) of the SE block have one, "
        "C/r + C = {diff} here.",
        "这漏了偏置：SE 块的两个 1×1 卷积（或全连接层）都有偏置，这里共 C/r + C = {diff} 个。"),
    "se-one-layer": (
        "An SE block has two layers: C → C/r (squeeze) and C/r → C (excite); count both.",
        "SE 块有两层：C → C/r（压缩）和 C/r → C（激励）；两层都要算。"),
    "se-times-r": (
        "The reduction ratio divides the channels: the bottleneck has C/r channels, not C·r.",
        "缩减比是用来除的：瓶颈层有 C/r 个通道，而不是 C·r 个。"),
    "se-on-width": (
        "SE-ResNet puts the SE block on the bottleneck's output (expansion × width channels), "
        "not on its inner width.",
        "SE-ResNet 把 SE 块放在瓶颈块的输出上（扩展倍数 × width 个通道），而不是内部宽度。"),
    "dense-forgot-input": (
        "Dense blocks concatenate: the block's input channels C_0 stay in the output, plus "
        "k per layer.",
        "稠密块做的是拼接：块的输入通道 C_0 会保留在输出里，再加上每层 k 个。"),
    "dense-last-layer-only": (
        "That is only the last layer's new features; the block outputs the concatenation of "
        "its input and all layers' features.",
        "这只是最后一层新增的特征；稠密块输出的是输入和所有层特征的拼接。"),
    "dense-off-by-one": (
        "Each of the L layers adds k channels: C_0 + L·k, not C_0 + (L − 1)·k.",
        "L 层中的每一层都加 k 个通道：C_0 + L·k，而不是 C_0 + (L − 1)·k。"),
    "dense-forgot-compression": (
        "That leaves out the transition's compression: it keeps ⌊θ·C⌋ channels (θ = {theta}).",
        "这漏了过渡层的压缩：它只保留 ⌊θ·C⌋ 个通道（θ = {theta}）。"),
    "dense-transition-after-last": (
        "DenseNet has no transition after its last dense block (a BatchNorm and the classifier "
        "follow), so nothing is compressed there.",
        "DenseNet 在最后一个稠密块之后没有过渡层（接的是 BatchNorm 和分类器），所以那里不压缩。"),
    "memory-input": (
        "That is the input tensor's size; the question asks for what the layer writes: its "
        "output.",
        "这是输入张量的大小；题目问的是这一层写出的张量：它的输出。"),
    "memory-last-only": (
        "For the backward pass every layer's output is kept, not just the last one: add them up.",
        "反向传播需要保留每一层的输出，而不只是最后一层：要全部加起来。"),
    "memory-forgot-input": (
        "The first layer's backward pass needs its input too: it is kept as well.",
        "第一层反向传播也需要它的输入：输入同样要保留。"),
}
