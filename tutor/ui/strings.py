"""The UI's own words in both languages, in one table (lesson text lives in content/).

Each entry is a :class:`~tutor.i18n.Text`: ``S.quit(lang)``, or ``S.home_heading.format(n=11)(lang)``.
"""

from __future__ import annotations

from tutor.i18n import Text


class S:
    """The string table: one attribute per text the UI shows."""

    app_title = Text("LSTM 面试导师", "LSTM Tutor")
    home_heading = Text("课程：{n} 个 LSTM / RNN 面试问题", "Course: {n} LSTM / RNN interview questions")
    home_hint = Text(
        "↑↓ 选择  Enter 打开  l 切换语言  d 演示  ? 按键  q 退出",
        "↑↓ choose  Enter open  l language  d demos  ? keys  q quit",
    )
    questions = Text("题", "questions")
    no_questions = Text("暂无题目", "no questions yet")
    loading = Text("…", "…")

    # key labels in the footer
    open = Text("打开", "Open")
    back = Text("返回", "Back")
    quit = Text("退出", "Quit")
    language = Text("English", "中文")
    demos = Text("演示", "Demos")
    demo_for_lesson = Text("本课演示", "Demo")
    keys = Text("按键", "Keys")
    next_lesson = Text("下一课", "Next")
    prev_lesson = Text("上一课", "Previous")
    close = Text("关闭", "Close")

    lesson_questions = Text("本课练习", "Practice in this lesson")
    content_broken = Text(
        "课程内容有错误，无法打开。请作者运行 `lstm-tutor content check` 修复：",
        "The course content has errors and cannot be opened. "
        "Authors: run `lstm-tutor content check` and fix:",
    )
    reading_broken = Text("这一课的文字无法显示：", "This lesson's text cannot be shown:")
    too_small = Text("终端太小：请至少调整到 {w}×{h}。", "The terminal is too small: make it at least {w}×{h}.")
    help_title = Text("按键", "Keys")
    help_close = Text("按 Esc 或 ? 关闭", "Escape or ? closes")

    # the Demos screen
    demos_heading = Text("实时演示", "Live demos")
    demos_device = Text("设备", "Device")
    demos_quick = Text("快速运行", "Quick run")
    demos_run = Text("运行", "Run")
    demos_cancel_or_back = Text("取消 / 返回", "Cancel / back")
    demos_next_chart_key = Text("下一张图", "Next chart")
    demos_idle = Text("按 r 或回车运行 {name}；Esc 返回。", "Press r or Enter to run {name}; Escape goes back.")
    demos_loading = Text("{name}：正在加载 torch…", "{name}: loading torch…")
    demos_running = Text(
        "{name} 运行于 {device}（{device_name}）· torch {torch} · Esc 取消",
        "{name} on {device} ({device_name}) · torch {torch} · Escape cancels",
    )
    demos_cancelled = Text(
        "{name} 已取消；已测得的结果保留在下方。",
        "{name} cancelled; what it measured so far stays below.",
    )
    demos_finished = Text(
        "{name} 完成，用时 {seconds:.1f} 秒，设备 {device}（{device_name}）· torch {torch}",
        "{name} done in {seconds:.1f} s on {device} ({device_name}) · torch {torch}",
    )
    demos_failed = Text("{name} 无法运行：{error}", "{name} could not run: {error}")
    demos_next_chart = Text("c：下一张图", "c: next chart")


#: The footer's label of each binding, by its action (see tutor.ui.bindings).
KEY_LABELS: dict[str, Text] = {
    "quit": S.quit,
    "app.quit": S.quit,
    "toggle_lang": S.language,
    "help": S.keys,
    "demos": S.demos,
    "demo": S.demos,
    "app.pop_screen": S.back,
    "move(1)": S.next_lesson,
    "move(-1)": S.prev_lesson,
    "dismiss": S.close,
    "cancel_or_back": S.demos_cancel_or_back,
    "run": S.demos_run,
    "next_chart": S.demos_next_chart_key,
}

KIND_NAMES: dict[str, Text] = {
    "choice": Text("选择题", "choice"),
    "recall": Text("面试回忆", "recall"),
    "numeric": Text("数值题", "numeric"),
    "expression": Text("表达式", "expression"),
    "worksheet": Text("计算表", "worksheet"),
    "generated": Text("生成练习", "generated"),
}

HELP_KEYS: tuple[tuple[Text, Text], ...] = (
    (Text.same("↑ ↓ / j k"), Text("在列表中移动", "move in a list")),
    (Text.same("Enter"), Text("打开所选课程", "open the chosen lesson")),
    (Text("Esc", "Escape"), Text("返回上一屏", "go back")),
    (Text.same("[ ]"), Text("上一课 / 下一课（阅读时）", "previous / next lesson (while reading)")),
    (Text.same("l"), Text("切换中文 / English", "switch 中文 / English")),
    (Text.same("d"), Text("演示（阅读时：本课的演示）", "demos (while reading: this lesson's demo)")),
    (Text.same("?"), Text("显示 / 关闭按键说明", "show / hide the keys")),
    (Text.same("q"), Text("退出", "quit")),
)
