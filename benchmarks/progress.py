"""How long the progress screen takes with a long history: the report alone, and the screen
until it has been drawn with its charts, with 10,000 attempts against an empty store (in
memory, so the disk does not count; the same course and `now`), as times and ratios.

    python benchmarks/progress.py [--attempts 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from datetime import UTC, datetime

from history import fill

from tutor.course import Course, load_course
from tutor.progress import Store, in_memory

NOW = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)


def time_report(course: Course, store: Store, runs: int) -> float:
    from tutor.study.report import build_report

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build_report(course, store, NOW)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


async def _screen_once(course: Course, store: Store) -> float:
    """Seconds from pushing the screen until its report is drawn and the whole screen has
    been rendered once (charts included): `export_screenshot` renders every widget, as a
    paint does (plus its SVG, the same for both stores). Pilot's `pause` is not used: it
    waits for the CPU to go idle, which measures the machine rather than the screen."""
    from tutor.ui.app import TutorApp
    from tutor.ui.screens.progress import ProgressScreen

    app = TutorApp(lang="en", store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        while not app.questions_loaded:
            await pilot.pause(0.01)
        app.course = course  # the same parsed course for every run
        await pilot.pause()
        start = time.perf_counter()
        screen = ProgressScreen(now=NOW)
        await app.push_screen(screen)
        while not screen.shown:
            await asyncio.sleep(0.001)
        app.export_screenshot()
        return time.perf_counter() - start


def time_screen(course: Course, store: Store, runs: int) -> float:
    return statistics.median(asyncio.run(_screen_once(course, store)) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attempts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    course = load_course()
    empty = in_memory("bench", fuzz=False)
    full = in_memory("bench", fuzz=False)
    start = time.perf_counter()
    fill(full, course, args.attempts, NOW)
    print(f"filled {args.attempts} attempts in {time.perf_counter() - start:.1f} s")
    for name, timer in (("report", time_report), ("screen", time_screen)):
        timer(course, empty, 1)  # warm imports and caches
        base = timer(course, empty, args.runs)
        big = timer(course, full, args.runs)
        print(
            f"{name}: empty {base * 1000:6.1f} ms, {args.attempts} attempts {big * 1000:6.1f} ms,"
            f" ratio {big / base:.2f} (median of {args.runs})"
        )


if __name__ == "__main__":
    main()
