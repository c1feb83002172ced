"""export, import, db and the Anki export in Chinese (QUIZCNN_LANG=zh): no English the app wrote.

Each command's paths (success, refusal, error) run in-process in a fresh home; the output,
with the test's own folder taken out (paths are data), must hold no catalogue English
(``tests.tui.zhcheck.english_left``) and must hold the Chinese expected. English stays as it
was (the other backup tests check its words).
"""

from __future__ import annotations

import json
import re

import pytest

from quizcnn.backup.msg import Joined, Msg, count, reason, said
from quizcnn.backup.registry import sections
from quizcnn.backup.store_errors import _FORMS, store_message
from quizcnn.messages import MESSAGES
from tests.tui.zhcheck import english_left

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def zh(homes, monkeypatch):
    monkeypatch.setenv("QUIZCNN_LANG", "zh")
    return homes


def run(homes, name: str, *args: str) -> tuple[int, str]:
    """The command's exit status and all it wrote, the test's folder replaced by <TMP>."""
    code, out, err = homes.cli(name, *args)
    text = (out + err).replace(str(homes.tmp), "<TMP>")
    assert "Traceback" not in text
    return code, text


# data in the output, not words of the app: setting names (new_per_day), options (--merge),
# commands ('db settings'), topic names (receptive-field), paths in a backup (questions/x.md)
# and places in the file (c.json: plan, c.json: interviews[0])
DATA = re.compile(r"\w+_\w+|--\w+|'(quizcnn )?db [^']*'|\w+(-\w+)+|questions/\S+"
                  r"|\.json: \w+")


def chinese(text: str, *expected: str) -> None:
    assert english_left(DATA.sub("", text)) == [], text
    assert HAN.search(text), text
    for piece in expected:
        assert piece in text, text


def test_export_and_import_speak_chinese(zh):
    code, out = run(zh, "a", "db", "settings", "new_per_day", "30")
    assert code == 0
    backup = zh.tmp / "b.json"
    code, out = run(zh, "a", "export", str(backup))
    assert code == 0
    chinese(out, "已导出到 <TMP>/b.json：学习设置 1、卡片 0")

    code, out = run(zh, "b", "import", str(backup))
    assert code == 0
    chinese(out, "已从 <TMP>/b.json 恢复：", "学习设置：已恢复 1 项设置")

    assert run(zh, "b", "db", "settings", "new_per_day", "12")[0] == 0
    code, out = run(zh, "b", "import", str(backup))
    assert code == 1
    chinese(out, "quizcnn import：这里已经有学习设置；没有从", "不同之处：",
            "学习设置：new_per_day 在这里是 12，在备份中是 30", "可用 --merge")

    code, out = run(zh, "b", "import", "--merge", str(backup))
    assert code == 0
    chinese(out, "已从 <TMP>/b.json 合并：", "保留了你的 new_per_day = 12（备份中是 30）")
    code, out = run(zh, "b", "import", "--force", str(backup))
    assert code == 0
    chinese(out, "恢复（--force）", "导入前的数据库已保存在", "new_per_day = 30 替换了你的 12")
    code, out = run(zh, "b", "import", str(backup))
    chinese(out, "无需导入")


def test_a_bad_backup_is_refused_in_chinese(zh):
    folder = zh.tmp / "dir"
    folder.mkdir()
    (zh.tmp / "bad.json").write_text('{"a":', encoding="utf-8")
    (zh.tmp / "bin.json").write_bytes(b"\xff\xfe\x00{")
    (zh.tmp / "other.json").write_text("{}", encoding="utf-8")
    cases = {
        "missing.json": "无法读取 <TMP>/missing.json：文件或目录不存在",
        "dir": "是文件夹，不是普通文件",
        "bad.json": "不是 quizcnn 导出的文件（JSON 有误：第 1 行第 6 列（第 5 个字符）：此处应有一个值）",
        "bin.json": "不是 UTF-8 文本",
        "other.json": '没有 "format": "quizcnn-progress"',
    }
    for name, expected in cases.items():
        code, out = run(zh, "a", "import", str(zh.tmp / name))
        assert code == 1
        chinese(out, "quizcnn import：", expected)

    code, out = run(zh, "a", "export")
    assert code == 2
    chinese(out, "请给出要写入的备份文件")
    code, out = run(zh, "a", "export", str(folder))
    assert code == 1
    chinese(out, "这是一个文件夹；请给出其中的文件名")
    (zh.tmp / "there.json").write_text("{}", encoding="utf-8")
    code, out = run(zh, "a", "export", str(zh.tmp / "there.json"))
    assert code == 1
    chinese(out, "已存在，保持原样（用 --force 替换）")


def test_a_newer_backup_names_what_it_skips_in_chinese(zh):
    backup = zh.tmp / "b2.json"
    assert run(zh, "a", "export", str(backup))[0] == 0
    data = json.loads(backup.read_text(encoding="utf-8"))
    data["sections"]["flashcards"] = {"version": 1, "data": []}
    data["sections"]["plan"]["version"] = 99
    data["sections"]["odd"] = 5
    data["sections"]["settings"]["data"] = {"new_per_day": 7, "colour": "red",
                                            "rollover_hour": 99}
    data["sections"]["user_questions"]["data"] = [{"path": "../x.md", "text": "hi"}]
    backup.write_text(json.dumps(data), encoding="utf-8")
    code, out = run(zh, "b", "import", str(backup))
    assert code == 1  # entries refused
    chinese(out, "未恢复（此版本的 quizcnn 无法恢复）：",
            "flashcards：此版本的 quizcnn 不认识这一部分",
            "面试计划：格式版本为 99，此版本的 quizcnn 最高只能读取 1（升级 quizcnn 后才能恢复面试日期计划）",
            'odd：不是有效的部分（缺少 "version" 和 "data"）',
            "学习设置：colour 不是此版本的 quizcnn 认识的设置",
            "已拒绝：", "设置“rollover_hour”的值无效：99（应为 0 到 23 之间的整点）",
            "questions/../x.md：路径中有 '..'、'.' 或空的部分；未恢复")


def test_db_speaks_chinese(zh):
    expected = {
        ("db", "check"): (0, "还没有数据库（第一次学习时会创建）"),
        ("db", "backup"): (1, "还没有学习进度，无需备份"),
        ("db", "settings"): (0, "处还没有数据库；以下是默认值"),
        ("db", "settings", "new_per_day"): (2, "'db settings' 需要同时给出 NAME 和 VALUE"),
        ("db", "settings", "colour", "1"): (1, "没有名为“colour”的设置"),
        ("db", "settings", "new_per_day", "x"): (1, "（应为 0 到 9999 之间的整数）"),
        ("db", "optimize"): (1, "还没有复习记录，无从拟合"),
        ("db", "optimize", "--reset"): (0, "FSRS 参数：已经是默认值"),
        ("db", "check", "--reset"): (2, "--reset 只能与 'db optimize' 一起使用"),
    }
    for args, (status, piece) in expected.items():
        code, out = run(zh, "a", *args)
        assert code == status, (args, out)
        chinese(out, piece)
    assert run(zh, "a", "db", "settings", "new_per_day", "30")[0] == 0
    code, out = run(zh, "a", "db", "settings")
    chinese(out, "new_per_day = 30  （默认 20）")
    code, out = run(zh, "a", "db", "check")
    assert code == 0
    chinese(out, "数据库：", "（最新）", "内容：0 张卡片，0 条复习记录", "完整性：正常")
    code, out = run(zh, "a", "db", "backup")
    assert code == 0
    chinese(out, "已将 <TMP>/a/data/progress.sqlite3 备份到")
    code, out = run(zh, "a", "db", "optimize")
    assert code == 1
    chinese(out, "db optimize 至少需要 400 次")


def test_the_anki_export_speaks_chinese(zh):
    cases = {
        ("--anki", "x.txt"): (2, "Anki 包的文件名必须以 .apkg 结尾"),
        ("--anki", "x.apkg", "--problems", "200"): (2, "请给出 0 到 100 之间的数"),
        ("--anki", "x.apkg", "--topic", "nope"): (2, "没有主题 nope（现有主题："),
        ("x.json", "--anki", "x.apkg"): (2, "不要同时给出"),
        ("--anki", "x.apkg", "--topic", "pooling"): (0, "个牌组，共 "),
        ("--anki", "x.apkg", "--topic", "padding"): (1 + 1, "已存在，保持原样"),
    }
    for args, (status, piece) in cases.items():
        args = tuple(str(zh.tmp / a) if a.startswith("x.") else a for a in args)
        code, out = run(zh, "a", "export", *args)
        assert code == status, (args, out)
        chinese(out, piece)
        if code == 0:  # note types in Chinese: "（问答 4、选择 2、...）"
            assert re.search(r"条笔记（(问答|选择|填空|数值) \d+", out), out


def test_english_is_unchanged_by_the_catalogue(homes, monkeypatch):
    monkeypatch.setenv("QUIZCNN_LANG", "en")
    code, out = run(homes, "a", "import", str(homes.tmp / "missing.json"))
    assert code == 1
    assert out == ("quizcnn import: cannot read <TMP>/missing.json: no such file or directory\n")
    code, out = run(homes, "a", "db", "settings", "new_per_day", "x")
    assert out == ("quizcnn db: bad value for setting 'new_per_day': \"x\" (expected a whole "
                   "number from 0 to 9999)\n")


def test_a_message_is_its_english_text_and_says_itself_in_chinese():
    m = Msg("bk_restored_n", name=Msg("bk_sec_cards"), count=count(2, "bk_n_card"))
    assert m == "cards: 2 cards restored"
    assert said(m, "zh") == "卡片：已恢复 2 张卡片"
    assert count(1, "bk_n_card") == "1 card"
    assert Joined(["a", Msg("bk_sec_plan")]) == "a, plan"
    assert said(Joined(["a", Msg("bk_sec_plan")]), "zh") == "a、面试计划"
    assert said(ValueError(m), "zh") == "卡片：已恢复 2 张卡片"
    assert said("plain data", "zh") == "plain data"
    assert said(reason("no such folder; create it first"), "zh") == "文件夹不存在；请先创建"
    assert reason("something new") == "something new"


def test_every_section_has_a_name_and_a_summary_in_both_languages():
    for sec in sections():
        assert MESSAGES[f"bk_sec_{sec.name}"][0] == sec.name
        assert MESSAGES[f"bk_what_{sec.name}"][0] == sec.holds.split(":")[0]


def test_each_store_error_form_reads_its_own_catalogue_english():
    """The pattern table and the catalogue agree: each key's English, filled in, is matched
    by its own pattern (and said in Chinese)."""
    samples = {"path": "/p/q.sqlite3", "s": "5", "why": "disk I/O error", "doing": "read",
               "folder": "/p/backups", "rev": "0009", "head": "0006", "name": "x",
               "known": "a, b", "value": "3", "wanted": "true or false", "n": "3",
               "least": "400", "where": "f.json: cards", "table": "cards", "i": "2",
               "j": "0", "id": "7", "what": "a device", "v": "nan", "lo": "0.001", "hi": "100"}
    for pattern, key in _FORMS:
        english = MESSAGES[key][0].format(**samples)
        assert re.fullmatch(pattern, english, re.DOTALL), key
        found = store_message(english)
        assert isinstance(found, Msg) and found.key == key
        assert HAN.search(found.in_lang("zh")), key


def test_every_section_refuses_and_notes_in_chinese(zh):
    backup = zh.tmp / "c.json"
    assert run(zh, "a", "export", str(backup))[0] == 0
    data = json.loads(backup.read_text(encoding="utf-8"))
    put = data["sections"]
    put["preferences"]["data"] = {"theme": "nord"}
    put["plan"]["data"] = {"interview": "someday", "minutes": 30, "topics": [], "target": 0.9,
                           "created_at": "2026-01-01T00:00:00+00:00"}
    put["interviews"]["data"] = [{"started_at": "soon"}, 7]
    put["fsrs_parameters"]["data"] = [{"fitted_at": "2026-01-01T00:00:00+00:00",
                                       "parameters": [1, 2]}]
    put["shipped_bank"]["data"] = {"quizcnn": "0.0.1", "digest": "x", "ids": ["gone-1"]}
    backup.write_text(json.dumps(data), encoding="utf-8")
    (zh.config("b") / "app.json").write_text('{"theme": "dracula"}', encoding="utf-8")
    code, out = run(zh, "b", "import", str(backup))
    assert code == 1
    chinese(out, "偏好设置：theme 在这里是 \"dracula\"，在备份中是 \"nord\"")
    code, out = run(zh, "b", "import", "--merge", str(backup))
    assert code == 1  # the refused entries
    chinese(out, "偏好设置：保留了你的 theme = \"dracula\"（备份中是 \"nord\"）",
            "面试计划：", "“interview”不是日期：someday；未恢复",
            "模拟面试：", "“started_at”不是日期时间；未恢复", "：应为对象；未恢复",
            "FSRS 参数：", "FSRS 参数必须是由 21 个数组成的列表；未恢复",
            "内置题库：备份由 quizcnn 0.0.1 制作，它内置的题目与当前版本不同")

