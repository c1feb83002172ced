"""Chinese for the sentences the layers below the command line write in English.

The core (``quizcnn.core``: layer errors, receptive-field notes), the ONNX reader and the
model-file reader say what is wrong in English sentences with numbers and names in them. The
command line shows them to a Chinese-speaking user through :func:`to_zh`: each known sentence
pattern (a regular expression over the English) has a Chinese template using the same groups;
a message is cut at ``": "`` so that each part is matched on its own, and a part no pattern
knows stays as it is (a rare message in English beats a wrong translation).
"""

from __future__ import annotations

import re
from functools import cache

# (English pattern, Chinese template with \\g<name> groups); matched against a whole part
PATTERNS: tuple[tuple[str, str], ...] = (
    # where
    (r"column (?P<c>\d+)", r"第 \g<c> 列"),
    (r"line (?P<n>\d+)", r"第 \g<n> 行"),
    (r"after layer (?P<i>\d+)", r"第 \g<i> 层之后"),
    # reading layer text
    (r"not valid layer syntax \((?P<why>.*)\)", r"不是有效的层写法（\g<why>）"),
    (r"unknown layer (?P<name>'.*') \(quizcnn knows (?P<n>\d+) layer types\)(?P<rest>.*)",
     r"未知的层 \g<name>（quizcnn 认识 \g<n> 种层）\g<rest>"),
    (r"unknown layer (?P<name>'[^']*'); did you mean (?P<m>[\w.]+)\? \(quizcnn knows (?P<n>\d+) "
     r"layer types\)", r"未知的层 \g<name>；你是不是想写 \g<m>？（quizcnn 认识 \g<n> 种层）"),
    (r"unknown layer (?P<name>'.*')", r"未知的层 \g<name>"),
    (r"empty layer text; expected a call like (?P<e>.*)", r"层文本为空；应写成 \g<e> 这样的调用"),
    (r"no layers found", r"没有找到任何层"),
    (r"the text contains a NUL character", r"文本中含有 NUL 字符"),
    (r"arithmetic is not allowed here \(write the result\)", r"这里不能写算式（请写出结果）"),
    (r"names are not allowed as values \(write a number or a quoted string\)",
     r"不能用名字作为取值（请写数字或带引号的字符串）"),
    (r"calls are not allowed inside arguments", r"参数里不能再调用函数"),
    (r"(?P<what>attribute access|comparisons|dicts|sets|subscripts|expressions|f-strings|lambda)"
     r" (?:are|is) not allowed", r"不允许使用 \g<what>"),
    (r"argument (?P<k>'.*') given twice", r"参数 \g<k> 给了两次"),
    # the input shape
    (r"empty shape; expected something like 3x224x224 \(channels x height x width\)",
     r"形状为空；应写成 3x224x224 这样（通道 x 高 x 宽）"),
    (r"cannot read input shape (?P<v>.*); write it like 3x224x224",
     r"无法识别输入形状 \g<v>；请写成 3x224x224 这样"),
    (r"cannot read (?P<p>'.*') as a size in shape (?P<s>'.*'); (?P<rest>.*)",
     r"无法把形状 \g<s> 中的 \g<p> 识别为尺寸；\g<rest>"),
    (r"expected whole numbers like 3x224x224", r"应为 3x224x224 这样的整数"),
    (r"input shape must have 1 to 4 dims (?P<f>.*) without batch, got (?P<n>\d+)",
     r"输入形状应有 1 到 4 维 \g<f>（不含批维度），实际为 \g<n> 维"),
    (r"input shape entries must be integers from 1 to (?P<m>\d+), got (?P<v>.*)",
     r"输入形状的每一维应为 1 到 \g<m> 的整数，实际为 \g<v>"),
    (r"shape text too long; expected something like 3x224x224",
     r"形状文本太长；应写成 3x224x224 这样"),
    # arguments of a layer
    (r"(?P<n>\S+) takes at most (?P<k>\d+) positional arguments, got (?P<g>\d+)",
     r"\g<n> 最多接受 \g<k> 个位置参数，实际给了 \g<g> 个"),
    (r"(?P<n>\S+) has no argument (?P<k>\S+?) \(did you mean (?P<m>.*)\?\)",
     r"\g<n> 没有参数 \g<k>（你是不是想写 \g<m>？）"),
    (r"(?P<n>\S+) has no argument (?P<k>\S+)", r"\g<n> 没有参数 \g<k>"),
    (r"(?P<n>\S+) got two values for argument (?P<k>.*)", r"\g<n> 的参数 \g<k> 给了两个值"),
    (r"(?P<n>\S+) is missing the required argument (?P<k>.*)", r"\g<n> 缺少必需的参数 \g<k>"),
    (r"(?P<k>\w+) must be an integer, got (?P<v>.*)", r"\g<k> 应为整数，实际为 \g<v>"),
    (r"(?P<k>\w+) must be a number, got (?P<v>.*)", r"\g<k> 应为数字，实际为 \g<v>"),
    (r"(?P<k>\w+) must be True or False(?:, got (?P<v>.*))?", r"\g<k> 应为 True 或 False"),
    (r"(?P<k>\w+) must be an integer from (?P<lo>\d+) to (?P<hi>\d+), got (?P<v>.*)",
     r"\g<k> 应为 \g<lo> 到 \g<hi> 的整数，实际为 \g<v>"),
    (r"(?P<k>\w+) must have (?P<n>\d+) entr(?:y|ies), got (?P<g>\d+)",
     r"\g<k> 应有 \g<n> 项，实际为 \g<g> 项"),
    (r"(?P<k>\w+) must be one of (?P<o>.*), got (?P<v>.*)",
     r"\g<k> 只能是 \g<o> 之一，实际为 \g<v>"),
    (r"(?P<k>\w+)=(?P<v>\S+) is (?:larger than (?P<m>\d+)|too large)", r"\g<k>=\g<v> 太大"),
    # a layer and its input
    (r"(?P<k>\w+)=(?P<e>\d+) but the input has (?P<c>\d+) channels",
     r"\g<k>=\g<e>，但输入有 \g<c> 个通道"),
    (r"in_features=(?P<e>\d+) but the input's last dimension is (?P<c>\d+) \(input "
     r"(?P<s>\[.*\])\)(?P<f> \(add a Flatten first\?\))?",
     r"in_features=\g<e>，但输入的最后一维是 \g<c>（输入为 \g<s>）\g<f>"),
    (r" \(add a Flatten first\?\)", r"（是不是要先加一个 Flatten？）"),
    (r"expects (?P<w>\(.*\)) \((?P<n>\d+) dims without batch\), got input (?P<s>\[.*\])",
     r"需要 \g<w> 形状的输入（\g<n> 维，不含批维度），实际输入为 \g<s>"),
    (r"expects (?P<w>\(.*\)) input, got (?P<s>\[.*\])",
     r"需要 \g<w> 形状的输入，实际为 \g<s>"),
    (r"(?P<a>\w+)=(?P<x>\d+) is not divisible by (?P<b>\w+)=(?P<y>\d+)",
     r"\g<a>=\g<x> 不能被 \g<b>=\g<y> 整除"),
    (r"groups=(?P<g>\d+) must divide in_ch=(?P<c>\d+)(?: and out_ch=(?P<o>\d+))?",
     r"groups=\g<g> 必须整除输入通道数"),
    (r"output size (?P<o>-?\d+) < 1 on spatial axis (?P<a>\d+) \(input (?P<n>\d+)(?P<rest>.*)\)",
     r"空间轴 \g<a> 上的输出尺寸为 \g<o>，小于 1（输入 \g<n>\g<rest>）"),
    (r"output size (?P<o>\d+) on spatial axis (?P<a>\d+) is larger than (?P<m>\d+)",
     r"空间轴 \g<a> 上的输出尺寸 \g<o> 超过 \g<m>"),
    (r"padding=(?P<p>\d+) is more than half the kernel size (?P<k>\d+) \(must be <= (?P<m>\d+)\)",
     r"padding=\g<p> 超过了卷积核大小 \g<k> 的一半（应 <= \g<m>）"),
    (r"kernel span (?P<s>\d+) is larger than the padded input (?P<n>\d+)",
     r"卷积核覆盖的跨度 \g<s> 大于填充后的输入 \g<n>"),
    (r"dilated kernel (?P<s>\d+) is larger than the padded input (?P<n>\d+) on spatial axis "
     r"(?P<a>\d+)", r"空间轴 \g<a> 上，（膨胀后的）卷积核 \g<s> 大于填充后的输入 \g<n>"),
    (r"output_padding=(?P<o>\d+) must be smaller than max\(stride, dilation\)=(?P<m>\d+)",
     r"output_padding=\g<o> 必须小于 max(stride, dilation)=\g<m>"),
    # receptive-field notes
    (r"Flatten merges the spatial axes", r"Flatten 把空间轴合并了"),
    (r"no per-axis (?:receptive )?field after it", r"此后没有逐轴的感受野"),
    (r"(?P<k>\w+) has no spatial axes", r"\g<k> 没有空间轴"),
    (r"every output sees every input", r"每个输出都看到全部输入"),
    (r"(?P<k>\w+) merges or splits the spatial axes", r"\g<k> 合并或拆分了空间轴"),
    (r"(?P<k>\w+) mixes a spatial axis", r"\g<k> 混合了一个空间轴"),
    (r"the input has no spatial axes", r"输入没有空间轴"),
    (r"layer (?P<i>\d+) \((?P<k>\w+)\) changes the number of spatial axes",
     r"第 \g<i> 层（\g<k>）改变了空间轴的个数"),
    (r"after layer (?P<i>\d+) \((?P<k>\w+)\) the field depends on the output position \(a "
     r"transposed conv steps by a fraction of a pixel\); the field of one output position can "
     r"still be computed exactly",
     r"第 \g<i> 层（\g<k>）之后，感受野随输出位置而变（转置卷积每步只移动零点几个像素）；"
     r"但某一个输出位置的感受野仍可精确算出"),
    (r"after layer (?P<i>\d+) \((?P<k>\w+)\) the pooling windows differ in size or step "
     r"\((?P<n>\d+) -> (?P<o>\d+)\), so the field depends on the position; the field of one "
     r"output position can still be computed exactly",
     r"第 \g<i> 层（\g<k>）之后，池化窗口的大小或步长不一致（\g<n> -> \g<o>），感受野随位置"
     r"而变；但某一个输出位置的感受野仍可精确算出"),
    (r"after layer (?P<i>\d+) \((?P<k>\w+)\) neighbouring outputs step through the input by a "
     r"fraction of a pixel, so the field depends on the output position; the field of one "
     r"output position can still be computed exactly",
     r"第 \g<i> 层（\g<k>）之后，相邻输出在输入上只相隔零点几个像素，感受野随输出位置而变；"
     r"但某一个输出位置的感受野仍可精确算出"),
    (r"the field is too large to trace exactly", r"感受野太大，无法精确追踪"),
    (r"computed from a global pooling", r"由全局池化得到"),
    (r"every input pixel reaches it", r"每个输入像素都作用于它"),
    (r"(?P<p>.+) is layer text: give the input shape with --input, e.g. --input 3x224x224 "
     r"\(an ONNX file carries its own\)",
     r"\g<p> 是层文本：请用 --input 给出输入形状，例如 --input 3x224x224（ONNX 文件自带输入形状）"),
    (r"(?P<p>.+) line (?P<n>\d+) \((?P<m>[^()]*)\)", r"\g<p> 第 \g<n> 行（\g<m>）"),
    (r"(?P<rest>.+)\. print\(model\) text is run in printed order; forward\(\) probably does "
     r"something the text does not show \(a module used twice, a functional call, a torch\.cat\)",
     r"\g<rest>。print(model) 文本按打印顺序运行；forward() 里多半有文本看不出来的操作（同一模块"
     r"用了两次、函数调用、torch.cat）"),
    (r"an ONNX export of the model gives exact numbers", r"导出为 ONNX 可得到精确结果"),
    # argparse's own errors (the command line's usage)
    (r"argument (?P<a>\S+): (?P<rest>.+)", r"参数 \g<a>：\g<rest>"),
    (r"invalid int value: (?P<v>.*)", r"不是有效的整数：\g<v>"),
    (r"invalid float value: (?P<v>.*)", r"不是有效的数字：\g<v>"),
    (r"invalid choice: (?P<v>.*) \(choose from (?P<c>.*)\)", r"无效的取值 \g<v>（可选：\g<c>）"),
    (r"expected one argument", r"需要一个值"),
    (r"unrecognized arguments: (?P<a>.*)", r"无法识别的参数：\g<a>"),
    (r"the following arguments are required: (?P<a>.*)", r"缺少必需的参数：\g<a>"),
    (r"not allowed with argument (?P<a>.*)", r"不能和参数 \g<a> 一起用"),
    (r"ignored explicit argument (?P<a>.*)", r"多余的值 \g<a>"),
    (r"ambiguous option: (?P<o>\S+) could match (?P<m>.*)", r"选项 \g<o> 有歧义，可能是：\g<m>"),
    # the progress database (quizcnn.store)
    (r"(?P<p>.+) is a folder, not a progress database; pass --db FILE",
     r"\g<p> 是一个文件夹，不是进度数据库；请用 --db FILE 指定"),
    (r"(?P<p>.+) is a broken symbolic link; pass --db FILE",
     r"\g<p> 是一个失效的符号链接；请用 --db FILE 指定"),
    (r"(?P<p>.+) is not an SQLite database; it was left untouched \(move it away or choose "
     r"another file with --db\)",
     r"\g<p> 不是 SQLite 数据库；文件未被改动（请把它移开，或用 --db 另选一个文件）"),
    (r"(?P<p>.+) is an SQLite database but not a quizcnn one; it was left untouched",
     r"\g<p> 是 SQLite 数据库，但不是 quizcnn 的；文件未被改动"),
    (r"(?P<p>.+) was written by a newer quizcnn \(schema (?P<r>\S+); this one knows up to "
     r"(?P<h>\S+)\); it was left untouched: upgrade quizcnn to use it",
     r"\g<p> 是更新版本的 quizcnn 写的（数据库版本 \g<r>，本版本最多认识 \g<h>）；文件未被改动："
     r"请升级 quizcnn 后再用"),
    (r"(?P<p>.+): no progress database; nothing was read or created \(check --db or QUIZCNN_DB; "
     r"a new database is made when you first study\)",
     r"\g<p>：没有进度数据库；没有读取也没有创建任何文件（请检查 --db 或 QUIZCNN_DB；第一次学习时"
     r"会新建数据库）"),
    (r"(?P<p>.+): an empty file; nothing was read or created \(check --db or QUIZCNN_DB; "
     r"a new database is made when you first study\)",
     r"\g<p>：是一个空文件；没有读取也没有创建任何文件（请检查 --db 或 QUIZCNN_DB；第一次学习时"
     r"会新建数据库）"),
    (r"cannot read (?P<p>.+)", r"无法读取 \g<p>"),
    (r"cannot create the folder for (?P<p>.+)", r"无法为 \g<p> 创建文件夹"),
    # a drill's filters that match nothing (quizcnn.drill.plain.filter_mismatch)
    (r"no questions with topic '(?P<t>.*)' \(topics: (?P<k>.*)\)",
     r"没有主题为 '\g<t>' 的题（已有主题：\g<k>）"),
    (r"no questions with tag '(?P<t>.*)' \(tags: (?P<k>.*)\)",
     r"没有带标签 '\g<t>' 的题（已有标签：\g<k>）"),
    (r"no questions in language '(?P<l>.*)'", r"没有语言为 '\g<l>' 的题"),
    # problem templates (quizcnn.problems)
    (r"unknown problem template (?P<t>'.*') \(known: (?P<k>.*)\)",
     r"没有题型 \g<t>（已有：\g<k>）"),
    (r"difficulty must be 1, 2 or 3, got (?P<v>.*)", r"难度只能是 1、2 或 3，实际为 \g<v>"),
    (r"template (?P<t>\S+) found no valid problem for seed (?P<s>-?\d+)",
     r"题型 \g<t> 用种子 \g<s> 没能出题"),
    # reading files (the ONNX reader, model files)
    (r"(?P<k>a FIFO \(named pipe\)|a device|a socket|a folder|a symbolic link|not a regular "
     r"file), not a regular file; not read", r"这是\g<k>，不是普通文件；没有读取"),
    (r"too large \((?P<s>[^;]+); the limit is (?P<c>[^)]+)\)", r"文件太大（\g<s>；上限 \g<c>）"),
    (r"too large \(over (?P<c>[^)]+)\)", r"文件太大（超过 \g<c>）"),
    (r"not UTF-8 text \(bad byte at offset (?P<o>\d+)\)", r"不是 UTF-8 文本（偏移 \g<o> 处有无效字节）"),

    (r"no such file", r"文件不存在"),
    (r"(?P<p>.+) is a directory, not a model file", r"\g<p> 是一个文件夹，不是模型文件"),
    (r"(?P<p>.+) is not a regular file(?P<rest>.*)", r"\g<p> 不是普通文件"),
    (r"cannot read \((?P<why>.*)\)", r"无法读取（\g<why>）"),
    (r"(?P<p>.+) is larger than (?P<n>[\d,]+) bytes(?P<rest>.*)",
     r"\g<p> 超过 \g<n> 字节\g<rest>"),
    (r"not a readable ONNX model \((?P<e>.*)\)", r"不是可读取的 ONNX 模型（\g<e>）"),
    (r"reading ONNX files needs the onnx package", r"读取 ONNX 文件需要 onnx 包"),
    (r"(?P<some>some BatchNorms look|BatchNorm looks) folded into the convolutions before them "
     r"\((?P<n>\d+) layers carry weights the exporter computed, named onnx::\.\.\.\)",
     r"BatchNorm 看起来已并入前面的卷积（有 \g<n> 层的权重是导出时算出来的，名为 onnx::...）"),
    (r"the parameters are the file's; export with training=torch\.onnx\.TrainingMode\.PRESERVE to "
     r"keep BatchNorm and count the model's own \(FLOPs are the same either way\)",
     r"参数量按文件里的算；导出时加 training=torch.onnx.TrainingMode.PRESERVE 可保留 BatchNorm，"
     r"按模型本身计数（两种方式的 FLOPs 相同）"),
    (r"the ONNX operator (?P<o>'.*') is not supported by quizcnn", r"quizcnn 不支持 ONNX 算子 \g<o>"),
)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(en, re.DOTALL), zh) for en, zh in PATTERNS)


_GROUP = re.compile(r"\\g<(\w+)>")


_KINDS = {"a FIFO (named pipe)": "命名管道（FIFO）", "a device": "设备文件", "a socket": "套接字",
          "a folder": "文件夹", "a symbolic link": "符号链接", "not a regular file": "特殊文件"}


def _fill(template: str, groups: dict[str, str]) -> str:
    if "k" in groups and groups["k"] in _KINDS:
        groups = {**groups, "k": _KINDS[groups["k"]]}
    return _GROUP.sub(lambda g: groups.get(g[1], ""), template)


def _one(part: str, depth: int = 0) -> str:
    """One part in Chinese; the groups ``rest`` and ``f`` (a sentence's tail) are themselves
    looked up."""
    for pattern, zh in _compiled():
        m = pattern.fullmatch(part)
        if m:
            groups = {k: v or "" for k, v in m.groupdict().items()}
            for tail in ("rest", "f"):
                if groups.get(tail) and depth < 3:
                    groups[tail] = _one(groups[tail], depth + 1)
            return _fill(zh, groups)
    return part


_MORE = re.compile(r"… \((\d+) more\)")
_NO_MATCH = "no questions match all of: "
_FILTER_WORDS = {"topic": "主题", "topics": "主题", "tag": "标签", "tags": "标签",
                 "language": "语言"}


def to_zh(text: str) -> str:
    """``text`` in Chinese when a pattern knows it whole, else with each ``": "``-separated
    part that a pattern knows in Chinese."""
    if text.startswith(_NO_MATCH):  # "topic x; tags a, b; language zh"
        parts = [re.sub(r"^(topics?|tags?|language) ", lambda m: _FILTER_WORDS[m[1]] + " ", p)
                 for p in text[len(_NO_MATCH):].split("; ")]
        return "没有同时满足以下条件的题：" + "；".join(parts)
    text = _MORE.sub(r"…（另有 \1 个）", str(text))
    whole = _one(text)
    if whole != text:
        return whole
    parts = str(text).split(": ")
    out = [_one(p) for p in parts]
    if out == parts:
        return str(text)
    return "：".join(out)  # once any part is Chinese, the separators are too
