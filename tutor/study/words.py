"""What a study session says, whichever front end shows it (the TUI or the plain mode)."""

from __future__ import annotations

from tutor.i18n import Text


class W:
    practice_title = Text("练习 · 第 {number} 课：{title}", "Practice · lesson {number}: {title}")
    review_title = Text("复习", "Review")
    mock_title = Text("模拟面试", "Mock interview")
    given = Text("已知：", "Given:")
    answer = Text("答案", "answer")
    carried = Text("（按你前面的值算是对的）", "(right from your own earlier values)")
    score = Text("得分 {score:.0%}", "score {score:.0%}")
    no_more_hints = Text("没有更多提示了。", "No more hints.")
    worked_solution = Text("解答（由数值引擎逐步计算）：", "Worked solution (traced by the engine):")
    recorded = Text("已记录：{rating}", "Recorded: {rating}")
