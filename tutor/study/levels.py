"""Adaptive difficulty: each generator starts at level 1, goes up after two right answers in
a row at a level and down after two wrong ones."""

from __future__ import annotations

from tutor.progress import Level, Outcome

IN_A_ROW = 2


def next_level(level: Level, outcome: Outcome, levels: tuple[int, ...] = (1, 2, 3)) -> Level:
    """The level after one counted result. A partial answer breaks a run without counting
    either way; a solution shown before solving counts as wrong."""
    if outcome == "partial":
        return Level(level.difficulty, 0)
    right = outcome == "correct"
    streak = max(level.streak, 0) + 1 if right else min(level.streak, 0) - 1
    index = levels.index(level.difficulty) if level.difficulty in levels else 0
    if right and streak >= IN_A_ROW and index + 1 < len(levels):
        return Level(levels[index + 1], 0)
    if not right and streak <= -IN_A_ROW and index > 0:
        return Level(levels[index - 1], 0)
    return Level(levels[index], streak)
