"""SVG snapshots at 80x24 (pytest-textual-snapshot): what a learner sees, pixel for pixel.

Update after an intended change with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the new SVGs before committing them.
"""

from __future__ import annotations

from textual.pilot import Pilot
from waiting import wait_until

from tutor.ui.app import TutorApp

SIZE = (80, 24)


def after_loading(*keys: str):
    """Wait until the questions have loaded (they load after the first paint), then press keys."""

    async def run_before(pilot: Pilot) -> None:
        await wait_until(pilot, lambda: pilot.app.questions_loaded)
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def test_home_english(snap_compare) -> None:
    assert snap_compare(TutorApp(lang="en"), terminal_size=SIZE, run_before=after_loading())


def test_home_chinese(snap_compare) -> None:
    assert snap_compare(TutorApp(lang="zh"), terminal_size=SIZE, run_before=after_loading())


def test_forward_pass_reader_chinese(snap_compare) -> None:
    keys = ["down"] * 7 + ["enter"]
    assert snap_compare(TutorApp(lang="zh"), terminal_size=SIZE, run_before=after_loading(*keys))


def test_help(snap_compare) -> None:
    run_before = after_loading("question_mark")
    assert snap_compare(TutorApp(lang="en"), terminal_size=SIZE, run_before=run_before)
