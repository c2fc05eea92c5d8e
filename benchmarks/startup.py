"""Time to the first home screen (headless) against a bare Textual app with a comparable list.

Each run is a fresh process, measured from spawn until the first screen is up, and until it
has settled (the tutor has then loaded its questions in the background); the two apps
alternate, and the script prints medians, the median ratios and the peak memory (max RSS).

    python benchmarks/startup.py [--runs 9] [--attempts 10000]

With --attempts N the tutor starts on a progress store holding N attempts (and their review
cards), made up by benchmarks/history.py, besides an empty one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

CHILD = r"""
import resource, sys

if sys.argv[1].startswith("tutor"):
    import tutor.cli  # the real entry point's imports (click, course, i18n)
    from tutor.ui.app import TutorApp

    app = TutorApp(lang="en")
else:
    from textual.app import App
    from textual.widgets import Footer, Header, OptionList, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("Course")
            yield OptionList(*[f"{n:2}. Lesson number {n} title" for n in range(1, 12)])
            yield Footer()

    app = Bare()


async def ready(pilot):
    print("SHOWN", flush=True)  # auto_pilot starts once the first screen is up
    await pilot.pause()  # ... then wait until everything it started has settled
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"READY {kib}", flush=True)
    app.exit()


app.run(headless=True, size=(100, 30), auto_pilot=ready)
"""


def one_run(kind: str, data: Path) -> tuple[float, float, int]:
    """Seconds to the first screen, seconds until settled, and peak RSS (KiB) then."""
    env = {**os.environ, "LSTM_TUTOR_DATA_DIR": str(data)}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, kind], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    shown = None
    for line in proc.stdout:
        if line.startswith("SHOWN"):
            shown = time.perf_counter() - start
        elif line.startswith("READY"):
            settled = time.perf_counter() - start
            kib = int(line.split()[1])
            break
    else:
        raise RuntimeError(f"{kind} never reached its first screen")
    proc.wait(timeout=30)
    assert shown is not None
    return shown, settled, kib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--attempts", type=int, default=0, help="also start on a filled store")
    args = parser.parse_args()
    folders = {"bare": Path(tempfile.mkdtemp()), "tutor": Path(tempfile.mkdtemp())}
    kinds = ["bare", "tutor"]
    if args.attempts:
        kinds.append(f"tutor+{args.attempts}")
        folders[kinds[-1]] = _filled(args.attempts)
    for kind in kinds:
        one_run(kind, folders[kind])  # warm the file cache (and create the empty store)
    shown: dict[str, list[float]] = {kind: [] for kind in kinds}
    settled: dict[str, list[float]] = {kind: [] for kind in kinds}
    memory: dict[str, list[int]] = {kind: [] for kind in kinds}
    for _ in range(args.runs):
        for kind in kinds:
            first, last, kib = one_run(kind, folders[kind])
            shown[kind].append(first)
            settled[kind].append(last)
            memory[kind].append(kib)
    for kind in kinds:
        print(
            f"{kind:>5}: first screen median {statistics.median(shown[kind]) * 1000:5.0f} ms,"
            f" settled {statistics.median(settled[kind]) * 1000:5.0f} ms,"
            f" peak RSS {statistics.median(memory[kind]) / 1024:5.1f} MiB"
        )
    for kind in kinds[1:]:
        for name, series in (("first screen", shown), ("settled", settled)):
            ratios = [t / b for t, b in zip(series[kind], series["bare"], strict=True)]
            print(
                f"ratio {kind}/bare, {name}: median {statistics.median(ratios):.2f} "
                f"({args.runs} pairs)"
            )


def _filled(attempts: int) -> Path:
    """A data folder whose progress store holds `attempts` attempts and their cards."""
    sys.path.insert(0, str(Path(__file__).parent))
    from history import fill

    from tutor import __version__
    from tutor.course import load_course
    from tutor.progress import open_store

    folder = Path(tempfile.mkdtemp())
    store, _ = open_store(folder, version=__version__)
    fill(store, load_course(), attempts, datetime.now(UTC))
    store.close()
    return folder


if __name__ == "__main__":
    main()
