"""The plain mode's own words in both languages (what it shares with the TUI is in study/)."""

from __future__ import annotations

from tutor.i18n import Text
from tutor.study.words import W


class P:
    commands = Text(
        "命令（任何提示下可用）：:hint 提示  :solution 解答  :new 换数  :skip 跳过  :quit 结束",
        "Commands at any prompt: :hint  :solution  :new (new numbers)  :skip  :quit",
    )
    position = Text("[{at}/{total} · 答对 {correct}]", "[{at}/{total} · {correct} correct]")
    choose = Text("选项（{ids}）", "option ({ids})")
    not_an_option = Text("请输入 {ids} 之一。", "Type one of {ids}.")
    right = Text("✓ 正确。", "✓ Right.")
    wrong = Text("✗ 不对，正确答案是 {answer}。", "✗ Not right; the answer is {answer}.")
    enter_next = Text("回车继续", "Enter for the next item")
    write = Text(
        "写下你的回答（可多行），空行结束；直接回车则只看要点：",
        "Write your answer (several lines if you like), then an empty line; or just Enter:",
    )
    key_points = Text("参考要点（[x] 你的回答已覆盖）：", "Key points ([x]: your answer covers it):")
    rate = Text("自评 1 重来 2 困难 3 良好 4 简单", "Rate 1 Again 2 Hard 3 Good 4 Easy")
    recorded = W.recorded
    given = W.given
    answer_label = W.answer
    after_wrong = Text(
        "回车：下一题 · :retry 再试 · :answer 看答案", "Enter: next · :retry · :answer"
    )
    carried = W.carried
    score = W.score
    no_hints = W.no_more_hints
    no_solution = Text("这道题没有逐步解答。", "This question has no worked solution.")
    solution = W.worked_solution
    summary = Text(
        "结束：{items} 题中作答 {answered} 题，答对 {correct} 题。",
        "Done: {answered} of {items} items answered, {correct} right.",
    )
    not_saved = Text("注意：进度未保存。", "Note: progress was not saved.")
    time_limit = Text("（这一题限时 {minutes:g} 分钟）", "(you have {minutes:g} min for this one)")
    time_up = Text("时间到：这一题已记录为超时。", "Time is up: recorded as timed out.")
    review_next = Text("下一次复习：{when}。", "Next review: {when}.")
    review_none = Text("还没有安排复习。", "No reviews scheduled yet.")
    mock_result = Text(
        "模拟面试得分 {score:.0%}，用时 {minutes} 分钟；最需要加强：{weakest}",
        "Mock interview score {score:.0%} in {minutes} min; weakest: {weakest}",
    )
