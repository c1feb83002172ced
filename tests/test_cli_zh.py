"""The command line in Chinese (QUIZCNN_LANG=zh): calc, generate, bank, stats, drill, plan,
interview and the top-level errors write every word of their own in Chinese (issue 17).

Each output is checked against the catalogue (``tests.tui.zhcheck.english_left``: no English
message of the app's own is left) and for the Chinese it should hold; the sentences the core
writes in English (layer errors, receptive-field notes) are checked by name, since they are
not in the catalogue. English output is covered by the commands' own tests.
"""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from quizcnn.cli import main
from quizcnn.messages.core_text import to_zh
from tests.tui.zhcheck import english_left

ONNX = Path(__file__).parent / "fixtures" / "onnx"
OWN = Path(__file__).parent / "fixtures" / "own"
LENET = ["Conv2d(3, 64, 3)", "nn.MaxPool2d(2)", "Flatten()", "Linear(64*15*15, 10)"]
# words of the core's and readers' English sentences that must not reach a Chinese screen
CORE_ENGLISH = re.compile(
    r"\b(but the input|no per-axis|merges the spatial|has no spatial|not valid layer syntax|"
    r"unknown layer|no such file|is a directory|is a folder|expects|must be|cannot read|"
    r"is missing|has no argument|column \d|line \d|layer \d|after layer|questions|Note:)\b")


@pytest.fixture(autouse=True)
def _zh(monkeypatch):
    monkeypatch.setenv("QUIZCNN_LANG", "zh")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# what is the same in both languages: flags, layer calls, names and values, paths, quoted
# data and technical names (MACs, FLOPs, ONNX operators)
_SAME = [re.compile(p) for p in (
    r"--[A-Za-z][\w-]*",
    r"[A-Za-z_][\w.]*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)",
    r"'[^'\n]*'",
    r"\S*[/=_]\S*",
    r"\b\w+(?:-\w+)+\b",  # template ids such as conv-params
    r"\b(?:MACs|FLOPs|Add|Concat|BatchNorm|Sigmoid|Linear|Flatten|README|ONNX|print|forward)\b",
)]


def chinese(text: str) -> None:
    """No English message of the app's (catalogue) nor of the core's is in ``text`` once what
    is the same in both languages is taken out."""
    assert "Traceback" not in text
    for pattern in _SAME:
        text = pattern.sub(" ", text)
    assert english_left(text) == [], text
    assert not CORE_ENGLISH.search(text), text


# --- calc --------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 160])
def test_calc_table_is_chinese_at_any_width(capsys, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, err = run(capsys, "calc", "--input", "3x32x32", *LENET)
    assert (code, err) == (0, "")
    chinese(out)
    for piece in ("层", "输出", "参数量", "MACs", "FLOPs", "感受野 大小 / 步距 / 起点", "输入", "合计",
                  "合计：参数 145,802 个，MACs 1,699,200，FLOPs 3,398,400", "计数约定：FLOPs = 2 × MACs",
                  "第 2 层没有感受野数值：第 2 层之后：Flatten 把空间轴合并了",
                  "Linear 没有空间轴：每个输出都看到全部输入"):
        assert piece in out
    assert "1,792" in out and "64x30x30" in out  # the numbers are the same in both languages


def test_calc_narrow_table_aligns_by_display_width(capsys, monkeypatch):
    """At 80 columns each layer's numbers sit under the (double-width) Chinese titles."""
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _err = run(capsys, "calc", "--input", "3x32x32", *LENET)
    lines = out.splitlines()
    title = next(ln for ln in lines if "参数量" in ln)
    row = next(ln for ln in lines if "1,792" in ln)
    # params are right-aligned: the column ends at the same terminal cell
    assert cell_len(title[: title.index("参数量") + 3]) == cell_len(row[: row.index("1,792") + 5])
    # the RF column starts at the same cell
    assert cell_len(title[: title.index("感受野")]) == cell_len(row[: row.index("3x3 / 1 / 0")])
    assert all(cell_len(ln) <= 80 for ln in lines)


def test_calc_rf_at_and_notes_in_chinese(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run(capsys, "calc", "--input", "3x32x32", "--rf-at", "3,3",
                         "Conv2d(3,64,3,padding=1)", "ConvTranspose2d(64,3,2,stride=2)")
    assert (code, err) == (0, "")
    flat = out.replace("\n", "")
    chinese(flat)
    assert "输出位置 3,3 的精确感受野：输入 H 0..2（3 像素），W 0..2（3 像素）" in flat
    assert "转置卷积" in flat


def test_calc_print_model_notes_in_chinese(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run(capsys, "calc", "--input", "3x224x224", str(OWN / "se_gate.txt"))
    assert (code, err) == (0, "")
    chinese(out)
    assert "是自定义类：quizcnn 按打印顺序运行了它的各个模块" in out
    assert "squeeze-excitation 门控" in out
    assert "导出为 ONNX 可得到精确结果" in out


@pytest.mark.parametrize(
    ("argv", "want"),
    [
        (["Conv2d(3,64,3)"], "请给出输入形状，例如 --input 3x224x224（不含批维度）"),
        (["-i", "3x32x32"], "请以参数或 --file 给出各层"),
        (["-i", "3xax2", "Conv2d(3,64,3)"], "--input：无法把形状 '3xax2' 中的 'a' 识别为尺寸"),
        (["-i", "3x32x32", "Conv2d(3,64,"],
         "第 1 个层参数：Conv2d(3,64,：第 7 列：不是有效的层写法"),
        (["-i", "3x32x32", "Conv2D(3,3,3)"],
         "未知的层 'Conv2D'；你是不是想写 Conv2d？（quizcnn 认识"),
        (["-i", "3x32x32", "Conv2d(4,64,3)"], "：in_channels=4，但输入有 3 个通道"),
        (["-i", "3x32x32", "Conv2d(3,64)"], "Conv2d 缺少必需的参数 'kernel_size'"),
        (["-i", "3x32x32", "Conv2d(3,64,3,kernal=2)"], "Conv2d 没有参数 'kernal'"),
        (["-i", "3x32", "Conv2d(3,64,3)"],
         "需要 (C, H, W) 形状的输入（3 维，不含批维度），实际输入为 [3, 32]（2 维层的 --input"),
        (["-i", "3x2x2", "Conv2d(3,64,3)"], "卷积核 3 大于填充后的输入 2"),
        (["-i", "3x32x32", "Conv2d(3,64,3)", "Linear(5,3)"],
         "in_features=5，但输入的最后一维是 30（输入为 [64, 30, 30]）（是不是要先加一个 Flatten？）"),
        (["-i", "3x32x32", "--rf-at", "a,b", "Conv2d(3,64,3)"], "--rf-at：无法识别 'a,b'"),
        (["-i", "3x32x32", "--rf-at", "99,0", "Conv2d(3,64,3)"],
         "--rf-at：位置 99,0 超出了最后输出的空间尺寸 30x30"),
    ],
)
def test_calc_errors_are_one_chinese_line(capsys, argv, want):
    code, out, err = run(capsys, "calc", *argv)
    assert code == 2 and out == ""
    assert err.startswith("quizcnn calc: ") and err.count("\n") == 1
    chinese(err)
    assert want in err


def test_calc_file_errors_name_the_file_in_chinese(capsys, tmp_path):
    missing = tmp_path / "nope.txt"
    for path, want in ((missing, f"{missing}：文件不存在"),
                       (tmp_path, f"{tmp_path} 是一个文件夹，不是层列表文件")):
        code, out, err = run(capsys, "calc", "-i", "3x32x32", "--file", str(path))
        assert code == 2
        chinese(err)
        assert want in err
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = run(capsys, "calc", "-i", "3x32x32", "--file", str(fifo))
    assert code == 2 and "这是命名管道（FIFO），不是普通文件；没有读取" in err
    chinese(err)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Conv2d(3, 8, 3)\n\xff\n")
    code, out, err = run(capsys, "calc", "-i", "3x32x32", "--file", str(bad))
    assert code == 2 and "不是 UTF-8 文本（偏移 16 处有无效字节）" in err
    chinese(err)


def test_calc_print_model_error_is_located_in_chinese(capsys, tmp_path):
    net = tmp_path / "net.txt"
    net.write_text("Net(\n  (conv): Conv2d(3, 8, kernel_size=(3, 3))\n"
                   "  (fc): Linear(in_features=10, out_features=2, bias=True)\n)\n")
    code, out, err = run(capsys, "calc", "-i", "3x8x8", "--file", str(net))
    assert code == 2
    chinese(err)
    assert f"{net} 第 3 行" in err
    assert "quizcnn 在第一个 Linear 前自动插入的 Flatten" in err


def test_calc_onnx_in_chinese(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run(capsys, "calc", str(ONNX / "resnet18.folded.onnx.gz"))
    assert (code, err) == (0, "")
    chinese(out)
    for piece in ("各阶段（按分辨率）", "FLOPs 最多的 10 个节点", "阶段", "节点数", "占比", "头部",
                  "特征图：", "BatchNorm 看起来已并入前面的卷积", "要看每个节点：加上 --json。"):
        assert piece in out
    code, out, err = run(capsys, "calc", str(ONNX / "resnet18.folded.onnx.gz"), "--rf-at", "1,1")
    assert code == 2 and "--rf-at 只用于层列表，不用于 ONNX 文件" in err


def test_calc_json_keys_stay_english(capsys):
    import json

    code, out, _err = run(capsys, "calc", "--input", "3x32x32", "--json", *LENET)
    data = json.loads(out)
    assert {"layers", "params", "macs", "flops"} <= set(data)
    assert data["layers"][2]["rf_note"].startswith("after layer 2")  # data, as in English


# --- the core's sentences ------------------------------------------------------------------


def test_unknown_core_sentences_stay_as_they_are():
    assert to_zh("something new happened: 3 things") == "something new happened: 3 things"
    assert to_zh("no such file") == "文件不存在"
    # a known part makes the separators Chinese too
    assert to_zh("x.txt: no such file") == "x.txt：文件不存在"


# --- the top level ------------------------------------------------------------------------


def test_top_level_errors_in_chinese(capsys, monkeypatch):
    code, out, err = run(capsys, "--db", "", "stats")
    assert code == 2 and err.strip() == "quizcnn：--db 需要一个文件名，给出的路径是空的"
    code, out, err = run(capsys, "--bank", " ", "bank", "stats")
    assert code == 2 and "--bank 需要一个文件夹" in err
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = run(capsys)
    assert code == 2
    chinese(err)
    assert "练习界面需要在终端里运行" in err


def test_language_comes_from_the_app_when_quizcnn_lang_is_unset(capsys, monkeypatch):
    from quizcnn.tui import prefs

    monkeypatch.delenv("QUIZCNN_LANG")
    assert prefs.save_many({"lang": "zh"})
    code, out, err = run(capsys, "calc", "Conv2d(3,64,3)")
    assert "请给出输入形状" in err
    monkeypatch.setenv("QUIZCNN_LANG", "en")
    code, out, err = run(capsys, "calc", "Conv2d(3,64,3)")
    assert "give the input shape" in err


# --- generate -----------------------------------------------------------------------------


def test_generate_follows_the_language_of_messages(capsys):
    code, out, err = run(capsys, "generate", "-t", "conv-params", "-d", "1")
    assert (code, err) == (0, "")
    chinese(out)
    assert "== 题目 1/1：" in out and "答案：" in out
    assert re.search(r"（种子 (\d+)：加上 --seed \1 可再次得到这些题）", out)


def test_generate_lang_en_keeps_english_content(capsys):
    code, out, err = run(capsys, "generate", "-t", "conv-params", "-s", "1", "--lang", "en")
    assert "== Problem 1/1:" in out


@pytest.mark.parametrize(
    ("argv", "want"),
    [
        (["--count", "0"], "--count 应在 1 到 1000 之间，实际为 0"),
        (["-t", "nope"], "没有题型 'nope'（已有："),
        (["--input", "3x8x8"], "--input 要和 --model 一起用"),
        (["--model", "x", "-t", "conv-params"], "--template 和 --model 不能同时使用"),
        (["--model", str(OWN / "tutorial_net.txt")], "是层文本：请用 --input 给出输入形状"),
        (["--model", str(OWN / "tutorial_net.txt"), "-i", "3x32x32"], "第 5 行（fc1）"),
        (["--model", "/nonexistent-model"], "/nonexistent-model：文件不存在"),
    ],
)
def test_generate_errors_in_chinese(capsys, argv, want):
    code, out, err = run(capsys, "generate", *argv)
    assert code == 2
    chinese(err)
    assert want in err


def test_generate_list_in_chinese(capsys):
    code, out, err = run(capsys, "generate", "--list")
    titles = [re.sub(r"所求：\w+", "", ln) for ln in out.splitlines() if not ln.startswith(" ")]
    chinese("\n".join(titles))  # the knobs and what a template asks for are names
    assert "conv-params（计算参数量；所求：" in out


def test_generate_own_model_in_chinese(capsys):
    code, out, err = run(capsys, "generate", "--model", str(ONNX / "resnet18.folded.onnx.gz"),
                         "-n", "2", "-s", "3")
    assert (code, err) == (0, "")
    chinese(out.split("\n\n")[0])  # the header; the problems are content
    assert "关于你的模型" in out


# --- bank ---------------------------------------------------------------------------------


def test_bank_check_frames_findings_in_chinese(capsys, tmp_path):
    (tmp_path / "x.md").write_text("# bad\n\nnothing\n")
    code, out, err = run(capsys, "bank", "check", str(tmp_path))
    assert code == 0
    assert f"{tmp_path / 'x.md'}:1：警告：" in out  # file:line stays, the framing is Chinese
    assert "1 个文件，0 道题：0 个错误，1 个警告" in err
    chinese(err)
    code, out, err = run(capsys, "bank", "check", str(tmp_path / "nope"))
    assert code == 2 and "没有这个文件或文件夹" in err


def test_bank_check_counts_the_rest_in_chinese(capsys, tmp_path):
    for i in range(12):
        (tmp_path / f"x{i}.md").write_text("# bad\n\nnothing\n")
    code, out, err = run(capsys, "bank", "check", str(tmp_path))
    assert "……另有 2 条同类警告，例如：" in out and "（--all 可全部列出）" in out


def test_bank_list_and_stats_in_chinese(capsys):
    code, out, err = run(capsys, "bank", "list", "--topic", "pooling")
    assert re.fullmatch(r"共 \d+ 道题\n", err)
    assert re.search(r"[\u4e00-\u9fff]", out)  # the titles in Chinese
    code, out, err = run(capsys, "bank", "stats")
    chinese(out)
    for piece in ("按主题：", "按题型：", "按语言：", "按来源：", "个文件"):
        assert piece in out


# --- stats --------------------------------------------------------------------------------


def test_stats_in_chinese(capsys):
    from quizcnn.store import open_store

    open_store(None).close()  # an empty progress database in QUIZCNN_HOME
    code, out, err = run(capsys, "stats")
    assert (code, err) == (0, "")
    chinese(out)
    for piece in ("的学习进度", "卡片 ", "今天到期", "真实保持率（30 天）", "每日复习数（最近 30 天）",
                  "未来 30 天的到期数", "各主题掌握度", "还没有卡片"):
        assert piece in out


def test_stats_mastery_aligns_chinese_topics():
    from datetime import date

    from quizcnn.store.stats import Stats, TopicMastery, render

    stats = Stats(today=date(2026, 1, 1), reviews_per_day=[], retention=None, retention_answers=0,
                  mastery=[TopicMastery("池化", 2, 1, 0.5), TopicMastery("padding", 4, 1, 0.25)],
                  forecast=[], streak=0)
    rows = [ln for ln in render(stats, "zh").splitlines() if "已学" in ln]
    assert len({cell_len(r[: r.index("%")]) for r in rows}) == 1


def test_stats_missing_database_in_chinese(capsys, tmp_path):
    code, out, err = run(capsys, "--db", str(tmp_path / "none.db"), "stats")
    assert code == 1
    chinese(err)
    assert "没有进度数据库" in err
    code, out, err = run(capsys, "--db", str(tmp_path), "stats")
    assert "是一个文件夹，不是进度数据库" in err


# --- drill, plan, interview: the commands' own messages ------------------------------------


@pytest.mark.parametrize(
    ("argv", "want"),
    [
        (["drill", "--input", "3x8x8"], "--input 和 --seed 要和 --model 一起用"),
        (["drill", "--model", "x", "--topic", "pooling"], "--topic 用于挑选题库里的卡片"),
        (["drill", "--model", "/nonexistent", "--plain"], "/nonexistent：文件不存在"),
        (["drill", "--plain", "--topic", "nope"], "没有主题为 'nope' 的题（已有主题："),
        (["drill", "--plain", "--topic", "pooling", "--tag", "zzz"], "没有带标签 'zzz' 的题"),
        (["drill"], "练习界面需要在终端里运行"),
        (["interview", "--json"], "--json 要和 --history 一起用"),
        (["interview", "--report", "x.txt"], "未知的报告格式 '.txt'"),
        (["interview", "--plain", "--topic", "zz"], "没有主题为 'zz' 的题"),
        (["interview"], "面试界面需要在终端里运行"),
        (["plan", "--interview", "garbage"], "不是日期"),
    ],
)
def test_command_errors_in_chinese(capsys, monkeypatch, argv, want):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = run(capsys, *argv)
    assert code != 0
    chinese(err)
    assert want in err


def test_drill_and_interview_speak_chinese_when_asked(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = run(capsys, "drill", "--plain", "--limit", "1")
    assert code == 0
    chinese(out)
    assert "本次要学" in out
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = run(capsys, "interview", "--plain", "--minutes", "1", "--seed", "1")
    chinese(out)
    assert "每道题都已记为复习" in out


def test_plan_in_chinese(capsys):
    code, out, err = run(capsys, "plan")
    chinese(out)
    assert "尚未设定面试日期" in out


@pytest.mark.parametrize(
    ("argv", "want"),
    [
        (["generate", "--count", "x"], "quizcnn generate：错误：参数 --count/-n：不是有效的整数：'x'"),
        (["generate", "--lang", "fr"], "参数 --lang：无效的取值 'fr'（可选：'en', 'zh', 'both'）"),
        (["calc", "--input"], "参数 --input/-i：需要一个值"),
        (["calc", "--bogus"], "quizcnn：错误：无法识别的参数：--bogus"),
        (["drill", "--limit", "0"], "参数 --limit：应至少为 1，实际为 0"),
        (["interview", "--minutes", "500"], "分钟数应在 1 到 180 之间，实际为 500"),
    ],
)
def test_usage_errors_in_chinese(capsys, argv, want):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert want in err
    assert "error:" not in err and "invalid" not in err  # usage: stays, as --help does


def test_usage_errors_stay_english_in_english(capsys, monkeypatch):
    monkeypatch.setenv("QUIZCNN_LANG", "en")
    with pytest.raises(SystemExit):
        main(["generate", "--count", "x"])
    assert "error: argument --count/-n: invalid int value: 'x'" in capsys.readouterr().err


def test_a_new_database_is_announced_in_chinese(capsys, monkeypatch, tmp_path):
    db = tmp_path / "typo.db"
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = run(capsys, "--db", str(db), "drill", "--plain", "--limit", "1")
    assert code == 0
    assert err == f"quizcnn：已在 {db} 新建进度数据库\n"
