"""Waiting in Pilot tests for work the app finishes in the background (loading, demos)."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot


async def wait_until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Let the app run until `condition()` holds; fail the test if `seconds` pass first."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    if not condition():
        raise AssertionError(f"not true after {seconds} s: {condition}")
