"""The few fixed words a printed set uses, in each language."""

from __future__ import annotations

WORDS = {
    "en": {
        "version": "Version",
        "seed": "seed",
        "name": "Name",
        "key": "Answer key",
        "answer": "Answer",
        "solution": "Worked solution",
        "explanation": "Explanation",
        "key_points": "Key points",
        "problems": "problems",
        "choose_all": "Choose all that apply.",
        "regenerate": "Regenerate with",
        "colon": ": ",
    },
    "zh": {
        "version": "版本",
        "seed": "种子",
        "name": "姓名",
        "key": "答案",
        "answer": "答案",
        "solution": "解题步骤",
        "explanation": "解析",
        "key_points": "要点",
        "problems": "题",
        "choose_all": "选出所有正确选项。",
        "regenerate": "重新生成",
        "colon": "：",
    },
}


def word(lang: str, key: str) -> str:
    return WORDS.get(lang, WORDS["en"])[key]
