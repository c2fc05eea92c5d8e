"""The UI's own words in both languages, in one table (lesson text lives in content/).

Each entry is a :class:`~tutor.i18n.Text`: ``S.quit(lang)``, or ``S.home_heading.format(n=11)(lang)``.
"""

from __future__ import annotations

from tutor.i18n import Text
from tutor.study.words import W


class S:
    """The string table: one attribute per text the UI shows."""

    app_title = Text("LSTM 面试导师", "LSTM Tutor")
    home_heading = Text("课程：{n} 个 LSTM / RNN 面试问题", "Course: {n} LSTM / RNN interview questions")
    home_hint = Text(
        "↑↓ 选择  Enter 阅读  p 练习所选课  l 切换语言  ? 按键与说明  q 退出",
        "↑↓ choose  Enter read  p practise it  l language  ? keys and help  q quit",
    )
    home_columns = Text("课程 · 掌握度 · 已练", "Lessons · mastery · practised")
    home_streak = Text("连续学习 {n} 天", "{n}-day streak")
    home_review = Text("复习（{due}）", "Review ({due})")
    home_due = Text("{n} 题到期", "{n} due")
    home_continue = Text("继续上次", "Continue")
    review = Text("复习", "Review")
    mock = Text("模拟面试", "Mock interview")
    questions = Text("题", "questions")
    home_practised = Text("已练 {n}/{total}", "practised {n}/{total}")
    no_questions = Text("暂无题目", "no questions yet")
    loading = Text("…", "…")

    # key labels in the footer
    open = Text("打开", "Open")
    back = Text("返回", "Back")
    quit = Text("退出", "Quit")
    language = Text("English", "中文")
    demos = Text("演示", "Demos")
    keys = Text("按键", "Keys")
    next_lesson = Text("下一课", "Next")
    prev_lesson = Text("上一课", "Previous")
    no_prev_lesson = Text("这已是第一课。", "This is the first lesson.")
    no_next_lesson = Text("这已是最后一课。", "This is the last lesson.")
    close = Text("关闭", "Close")

    lesson_practised = Text("已练 {n}/{total}", "Practised {n}/{total}")
    lesson_demo = Text("演示：{name}", "demo: {name}")
    content_broken = Text(
        "课程内容有错误，无法打开。请作者运行 `lstm-tutor content check` 修复：",
        "The course content has errors and cannot be opened. "
        "Authors: run `lstm-tutor content check` and fix:",
    )
    reading_broken = Text("这一课的文字无法显示：", "This lesson's text cannot be shown:")
    too_small = Text("终端太小：请至少调整到 {w}×{h}。", "The terminal is too small: make it at least {w}×{h}.")
    help_title = Text("按键", "Keys")
    help_close = Text("按 Esc 或 ? 关闭", "Escape or ? closes")
    help_practice = Text("练习时", "While practising")
    help_mastery = Text(
        "掌握度：一课的题目中，按 FSRS 今天回忆概率不低于 90% 的比例（没复习过的题算 0）。"
        "“已练”：至少作答过一次的练习项。",
        "Mastery: the share of a lesson's items whose recall probability today, by FSRS, is at "
        "least 90% (an item never reviewed counts 0). \"Practised\": items answered at least once.",
    )

    # practice
    practise = Text("练习", "Practise")
    practise_lesson = Text("练习本课（p）", "Practise this lesson (p)")
    practice_title = W.practice_title
    practice_position = Text("{at} / {total} · 答对 {correct}", "{at} / {total} · {correct} correct")
    practice_answer = W.answer
    cell_ask = Text("（{ask}）", "({ask})")
    practice_given = W.given
    practice_symbols = Text("可用符号：{symbols}", "Symbols: {symbols}")
    practice_hint = Text("提示 {n}/{total}：", "Hint {n}/{total}: ")
    practice_no_hints = W.no_more_hints
    practice_solution = W.worked_solution
    practice_no_solution = Text(
        "这道题没有逐步解答；按 a 查看答案。", "This question has no worked solution; a shows the answer."
    )
    practice_solution_note = Text(
        "先看了解答：这一题算作未解出。", "Solution seen first: this item counts as not solved."
    )
    practice_expected = Text("答案：", "Expected:")
    practice_keys_generated = Text(
        "Enter 检查 · Tab/↑↓ 换格 · 先按 Esc 离开输入框，再按：h 提示  s 解答  n 换数  → 下一题",
        "Enter checks · Tab/↑↓ move · Esc leaves the box, then: h hint  s solution  n new numbers  → next",
    )
    practice_keys_static = Text(
        "Enter 检查 · 先按 Esc 离开输入框，再按：h 提示  → 下一题",
        "Enter checks · Esc leaves the box, then: h hint  → next",
    )
    practice_keys_choice = Text("按 1–9 或选项字母作答", "Answer with 1–9 or the option's letter")
    practice_checking = Text("正在检查…", "Checking…")
    practice_carried = W.carried
    practice_done = Text(
        "练习完成：{items} 题中作答 {answered} 题，答对 {correct} 题，用时 {minutes} 分钟。",
        "Practice done: {answered} of {items} items answered, {correct} right, in {minutes} min.",
    )
    practice_done_keys = Text("按 p 再练一遍，Esc 返回。", "p practises again; Escape goes back.")
    practice_not_saved = Text("（进度未保存）", "(progress is not being saved)")
    score = W.score
    try_again = Text("重试", "Try again")
    show_answer = Text("答案", "Answer")
    hint = Text("提示", "Hint")
    solution = Text("解答", "Solution")
    new_numbers = Text("换数", "New numbers")
    next_item = Text("下一题", "Next")
    keys_mode = Text("按键", "Keys")
    recall_write = Text(
        "写下你的回答（也可以只在心里想一遍），然后 Tab 到“显示要点”或按 Esc 再按 r。",
        "Write your answer (or just think it through), then Tab to Reveal, or Escape and r.",
    )
    recall_reveal = Text("显示要点", "Reveal")
    recall_yours = Text("你的回答：", "You wrote:")
    recall_points = Text("参考要点：", "Key points of a model answer:")
    recall_covered = Text("你的回答覆盖了 {n}/{total} 个要点。", "Your answer covers {n} of {total} points.")
    recall_rate = Text(
        "自评：1 重来  2 困难  3 良好  4 简单", "Rate yourself: 1 Again  2 Hard  3 Good  4 Easy"
    )
    recall_rated = W.recorded
    kind_choice = Text("选择题", "Choice")
    kind_recall = Text("面试回忆", "Interview recall")
    kind_answer = Text("计算", "Compute")
    kind_worksheet = Text("计算表", "Worksheet")
    level = Text("难度 {n}", "level {n}")

    # review
    review_title = W.review_title
    review_position = Text("还剩 {left} 题 · 已复习 {done} 题", "{left} left · {done} reviewed")
    review_nothing_due = Text("现在没有要复习的内容。", "Nothing is due for review now.")
    review_done = Text(
        "复习完成：作答 {answered} 题，答对 {correct} 题。", "Review done: {answered} answered, {correct} right."
    )
    review_next = Text("下一次复习：{when}。", "Next review {when}.")
    review_none_scheduled = Text("还没有安排复习：先练习几课。", "No reviews scheduled yet: practise a lesson first.")
    in_minutes = Text("{n} 分钟后", "in {n} min")
    in_hours = Text("{n} 小时后", "in {n} h")
    in_days = Text("{n} 天后", "in {n} days")
    review_offer = Text(
        "按 p 练习你最薄弱的一课：第 {number} 课 {title}",
        "p practises your weakest lesson: {number}. {title}",
    )
    back_key = Text("Esc 返回。", "Escape goes back.")

    # mock interview
    mock_title = W.mock_title
    mock_position = Text("第 {at}/{total} 题 · ⏱ {clock}", "Question {at} / {total} · ⏱ {clock}")
    mock_time_up = Text("时间到：这一题已记录，进入下一题。", "Time is up: recorded, on to the next question.")
    mock_done = Text("模拟面试结束：得分 {score:.0%}，用时 {minutes} 分钟。", "Mock interview done: score {score:.0%}, {minutes} min.")
    mock_weakest = Text("最需要加强的课（按数字键练习）：", "Weakest lessons (press the number to practise):")
    mock_saved = Text("结果已保存，可在进度页查看。", "Saved to your history (see Progress).")

    # the Demos screen
    demos_heading = Text("实时演示", "Live demos")
    demos_device = Text("设备", "Device")
    demos_quick = Text("快速运行", "Quick run")
    demos_on = Text("开", "on")
    demos_off = Text("关", "off")
    demos_run = Text("运行", "Run")
    demos_cancel = Text("取消", "Cancel")
    demos_next_view_key = Text("图/表", "Chart/table")
    demos_idle = Text("按 r 或回车运行 {name}；Esc 返回。", "Press r or Enter to run {name}; Escape goes back.")
    demos_other_running = Text(
        "{running} 正在运行（Esc 取消）；按 r 改为运行 {name}。",
        "{running} is running (Escape cancels it); r runs {name} instead.",
    )
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
    demos_where = Text("（{at}/{n} · c：下一张）", "({at}/{n} · c: next)")
    demos_axes = Text("纵轴：{y} · 横轴：{x}", "y: {y} · x: {x}")
    demos_bar_axes = Text("条长：{y}（对数）· 每种{x}一组", "bar length: {y} (log) · one group per {x}")
    help_demos = Text("演示屏幕", "On the Demos screen")

    # the Progress screen (tutor/ui/screens/progress.py)
    progress = Text("进度", "Progress")
    progress_heading = Text("学习进度", "Your progress")
    progress_totals = Text("共 {attempts} 次作答，用时 {time}", "{attempts} attempts, {time} in all")
    progress_keys = Text(
        "↑↓ 滚动 · Tab 到错误列表，Enter 练习出错的那一题 · Esc 返回",
        "↑↓ scroll · Tab to the mistakes, Enter practises where one was made · Escape goes back",
    )
    progress_lessons = Text("各课", "Lessons")
    progress_lesson = Text("课程", "Lesson")
    progress_mastery = Text("掌握", "Mastery")
    progress_accuracy = Text("正确率", "Accuracy")
    progress_attempts = Text("作答", "Attempts")
    progress_time = Text("用时", "Time")
    progress_mastery_note = Text(
        "掌握：本课题目中，FSRS 估计你现在仍能答对（回忆概率 ≥ 90%）的比例。",
        "Mastery: the share of the lesson's questions FSRS expects you to recall now (≥ 90%).",
    )
    progress_days = Text("最近 30 天", "The last 30 days")
    progress_days_legend = Text(
        "█ 每天作答次数（左轴）；● 当天正确率 %（右轴）",
        "█ attempts per day (left axis)   ● accuracy that day, % (right axis)",
    )
    progress_no_days = Text("最近 30 天没有作答。", "No attempts in the last 30 days.")
    progress_forecast = Text("未来 14 天的复习", "Reviews due in the next 14 days")
    progress_forecast_legend = Text(
        "█ 当天到期的卡片（今天是 {today}，现在已到期 {now} 张，含过期的）；共 {total} 张",
        "█ cards due each day (today, {today}: {now} due now, overdue ones included); {total} in all",
    )
    progress_mistakes = Text("最常犯的错误", "The mistakes you make most often")
    progress_mistake_count = Text("{n} 次", "{n}×")
    progress_mistake_from = Text(
        "最近一次：{question}（第 {number} 课）· Enter 练习这一题",
        "last made in {question} (lesson {number}) · Enter practises it",
    )
    progress_mistake_gone = Text(
        "最近一次：{question}（已不在课程中）", "last made in {question} (no longer in the course)"
    )
    progress_no_mistakes = Text("还没有记录到常见错误。", "No catalogued mistakes recorded yet.")
    progress_mocks = Text("模拟面试", "Mock interviews")
    progress_mock_date = Text("日期", "Date")
    progress_mock_questions = Text("题数", "Questions")
    progress_mock_score = Text("得分", "Score")
    progress_mock_left = Text("（中途退出）", "(left early)")
    progress_no_mocks = Text("还没有模拟面试；在首页按 m 开始一次。", "No mock interviews yet; m on home starts one.")
    progress_fsrs_default = Text(
        "FSRS：使用默认参数。再复习 {missing} 次（需 {needed} 次，每次与该卡上次复习相隔至少一天；"
        "现有 {reviews} 次）即可用 `lstm-tutor review --optimize` 拟合你自己的参数。",
        "FSRS: default parameters. {missing} more reviews (of {needed}, each a day or more after "
        "the card's previous one; {reviews} so far) until `lstm-tutor review --optimize` can fit "
        "your own.",
    )
    progress_fsrs_ready = Text(
        "FSRS：使用默认参数。已有 {reviews} 次可用的复习，可以运行 `lstm-tutor review --optimize` 拟合你自己的参数。",
        "FSRS: default parameters. {reviews} usable reviews: `lstm-tutor review --optimize` can "
        "now fit your own.",
    )
    progress_fsrs_personal = Text(
        "FSRS：使用根据你的复习记录拟合的个人参数（{reviews} 次可用的复习）。",
        "FSRS: your personal parameters, fitted to your reviews ({reviews} usable so far).",
    )
    duration_hours = Text("{h} 小时 {m} 分", "{h} h {m} min")
    duration_minutes = Text("{m} 分", "{m} min")
    duration_seconds = Text("{s} 秒", "{s} s")
    duration_short_hours = Text("{h}时{m:02d}分", "{h}h{m:02d}m")
    duration_short_minutes = Text("{m}分", "{m}m")
    progress_failed = Text("无法生成进度报告：{error}", "The progress report could not be built: {error}")
    progress_no_forecast = Text("未来 14 天没有到期的复习。", "No reviews due in the next 14 days.")


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
    "cancel": S.demos_cancel,
    "back": S.back,
    "run": S.demos_run,
    "next_view": S.demos_next_view_key,
    "device": S.demos_device,
    "quick": S.demos_quick,
    "practise": S.practise,
    "continue": S.home_continue,
    "review": S.review,
    "mock": S.mock,
    "hint": S.hint,
    "solution": S.solution,
    "new_numbers": S.new_numbers,
    "show_answer": S.show_answer,
    "try_again": S.try_again,
    "reveal": S.recall_reveal,
    "next": S.next_item,
    "leave": S.back,
    "progress": S.progress,
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
    (Text.same("Enter"), Text("阅读所选课程", "read the chosen lesson")),
    (Text.same("p"), Text("练习所选课程（阅读时：本课）", "practise the chosen lesson (or the one read)")),
    (Text.same("c"), Text("回到上次练习的地方", "continue where you left off")),
    (Text.same("r"), Text("复习：今天到期的题，再加每天限量的新题", "review: what is due today, then a few new items a day")),
    (Text.same("m"), Text("模拟面试：限时回答，最后给出总结", "mock interview: timed questions, then a summary")),
    (Text("Esc", "Escape"), Text("离开输入框；再按一次返回上一屏", "leave the answer box; again: go back")),
    (Text.same("[ ]"), Text("上一课 / 下一课（阅读时）", "previous / next lesson (while reading)")),
    (Text.same("l"), Text("切换中文 / English", "switch 中文 / English")),
    (Text.same("d"), Text("演示（阅读时：本课的演示）", "demos (while reading: this lesson's demo)")),
    (Text.same("?"), Text("显示 / 关闭按键说明", "show / hide the keys")),
    (Text.same("q / Ctrl+C"), Text("退出（Ctrl+C 先取消正在运行的演示）", "quit (Ctrl+C cancels a running demo first)")),
)

#: The keys of a practice item (after Escape has left the answer box).
PRACTICE_KEYS: tuple[tuple[Text, Text], ...] = (
    (Text.same("Enter"), Text("检查答案；答完后：下一题", "check the answer; once answered: next")),
    (Text("Tab / ↑ ↓", "Tab / ↑ ↓"), Text("在计算表的格之间移动", "move between the cells of a worksheet")),
    (Text.same("h"), Text("下一条提示（会被记录）", "the next hint (hints used are recorded)")),
    (Text.same("s"), Text("逐步解答（答对前查看：算作未解出）", "the worked solution (seen before solving: not solved)")),
    (Text.same("n"), Text("同一题换一组数", "the same exercise with new numbers")),
    (Text.same("t / a"), Text("再试一次 / 显示答案", "try again / show the expected answer")),
    (Text.same("1–9 a–z"), Text("选择题：选一个选项", "choice: pick an option")),
    (Text.same("r, 1–4"), Text("回忆题：显示要点，然后自评 重来/困难/良好/简单", "recall: reveal the key points, then rate Again/Hard/Good/Easy")),
    (Text("→ / 空格", "→ / Space"), Text("下一题（未作答则跳过）", "next item (skips one not answered)")),
)

#: The keys of the Demos screen (shown first in the help while it is open).
DEMO_KEYS: tuple[tuple[Text, Text], ...] = (
    (Text.same("↑ ↓"), Text("选择一个演示", "choose a demo")),
    (Text("r / 回车", "r / Enter"), Text("运行所选演示（会取消正在运行的）", "run the chosen demo (stops one in progress)")),
    (Text.same("c"), Text("在这次运行的图和表之间切换", "the next chart or table of the run shown")),
    (Text.same("d"), Text("设备：auto（有 CUDA 就用）、cpu、cuda", "device: auto (CUDA when present), cpu, cuda")),
    (Text.same("f"), Text("快速运行：开 = 规模更小，几秒完成", "quick run: on = smaller settings, done in seconds")),
    (Text("Esc", "Escape"), Text("取消正在运行的演示；没有运行时返回", "cancel a running demo; when none runs, go back")),
    (Text.same("Ctrl+C"), Text("取消正在运行的演示；没有运行时退出", "cancel a running demo; when none runs, quit")),
)
