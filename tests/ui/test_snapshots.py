"""SVG snapshots at 80x24 (pytest-textual-snapshot): what a learner sees, pixel for pixel.

Update after an intended change with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the new SVGs before committing them.
"""

from __future__ import annotations

from tutor.ui.app import TutorApp

SIZE = (80, 24)


def test_home_english(snap_compare) -> None:
    assert snap_compare(TutorApp(lang="en"), terminal_size=SIZE)


def test_home_chinese(snap_compare) -> None:
    assert snap_compare(TutorApp(lang="zh"), terminal_size=SIZE)


def test_forward_pass_reader_chinese(snap_compare) -> None:
    keys = ["down"] * 7 + ["enter"]
    assert snap_compare(TutorApp(lang="zh"), terminal_size=SIZE, press=keys)


def test_help(snap_compare) -> None:
    assert snap_compare(TutorApp(lang="en"), terminal_size=SIZE, press=["question_mark"])
