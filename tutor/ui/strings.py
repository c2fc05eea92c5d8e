"""The UI's own words in both languages (lesson text lives in content/)."""

from __future__ import annotations

from tutor.course.model import Lang

STRINGS: dict[str, dict[Lang, str]] = {
    "app_title": {"zh": "LSTM 面试导师", "en": "LSTM Tutor"},
    "home_heading": {
        "zh": "课程：{n} 个 LSTM / RNN 面试问题",
        "en": "Course: {n} LSTM / RNN interview questions",
    },
    "home_hint": {
        "zh": "↑↓ 选择  Enter 打开  l 切换语言  d 演示  ? 按键  q 退出",
        "en": "↑↓ choose  Enter open  l language  d demos  ? keys  q quit",
    },
    "questions": {"zh": "题", "en": "questions"},
    "no_questions": {"zh": "暂无题目", "en": "no questions yet"},
    "open": {"zh": "打开", "en": "Open"},
    "back": {"zh": "返回", "en": "Back"},
    "quit": {"zh": "退出", "en": "Quit"},
    "language": {"zh": "English", "en": "中文"},
    "demos": {"zh": "演示", "en": "Demos"},
    "demo_for_lesson": {"zh": "本课演示", "en": "Demo"},
    "keys": {"zh": "按键", "en": "Keys"},
    "next_lesson": {"zh": "下一课", "en": "Next"},
    "prev_lesson": {"zh": "上一课", "en": "Previous"},
    "no_prev_lesson": {"zh": "这已是第一课。", "en": "This is the first lesson."},
    "no_next_lesson": {"zh": "这已是最后一课。", "en": "This is the last lesson."},
    "lesson_questions": {"zh": "本课练习", "en": "Practice in this lesson"},
    "no_demo": {"zh": "本课没有演示。", "en": "This lesson has no demo."},
    "content_broken": {
        "zh": "课程内容有错误，无法打开。请作者运行 `lstm-tutor content check` 修复：",
        "en": "The course content has errors and cannot be opened. "
        "Authors: run `lstm-tutor content check` and fix:",
    },
    "reading_broken": {
        "zh": "这一课的文字无法显示：",
        "en": "This lesson's text cannot be shown:",
    },
    "too_small": {
        "zh": "终端太小：请至少调整到 {w}×{h}。",
        "en": "The terminal is too small: make it at least {w}×{h}.",
    },
    "help_title": {"zh": "按键", "en": "Keys"},
    "help_close": {"zh": "按 Esc 或 ? 关闭", "en": "Escape or ? closes"},
}

KIND_NAMES: dict[str, dict[Lang, str]] = {
    "choice": {"zh": "选择题", "en": "choice"},
    "recall": {"zh": "面试回忆", "en": "recall"},
    "numeric": {"zh": "数值题", "en": "numeric"},
    "expression": {"zh": "表达式", "en": "expression"},
    "worksheet": {"zh": "计算表", "en": "worksheet"},
    "generated": {"zh": "生成练习", "en": "generated"},
}

HELP_KEYS: dict[Lang, list[tuple[str, str]]] = {
    "zh": [
        ("↑ ↓ / j k", "在列表中移动"),
        ("Enter", "打开所选课程"),
        ("Esc", "返回上一屏"),
        ("[ ]", "上一课 / 下一课（阅读时）"),
        ("l", "切换中文 / English"),
        ("d", "演示（阅读时：本课的演示）"),
        ("?", "显示 / 关闭按键说明"),
        ("q", "退出"),
    ],
    "en": [
        ("↑ ↓ / j k", "move in a list"),
        ("Enter", "open the chosen lesson"),
        ("Escape", "go back"),
        ("[ ]", "previous / next lesson (while reading)"),
        ("l", "switch 中文 / English"),
        ("d", "demos (while reading: this lesson's demo)"),
        ("?", "show / hide the keys"),
        ("q", "quit"),
    ],
}


def t(key: str, lang: Lang, **fmt: object) -> str:
    text = STRINGS[key][lang]
    return text.format(**fmt) if fmt else text
