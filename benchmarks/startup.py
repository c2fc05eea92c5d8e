"""Time to the first home screen (headless) against a bare Textual app with a comparable list.

Each run is a fresh process, measured from spawn until the first screen is up, and until it
has settled (the tutor has then loaded its questions in the background); the two apps
alternate, and the script prints medians, the median ratios and the peak memory (max RSS).

    python benchmarks/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CHILD = r"""
import resource, sys

if sys.argv[1] == "tutor":
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


def one_run(kind: str) -> tuple[float, float, int]:
    """Seconds to the first screen, seconds until settled, and peak RSS (KiB) then."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, kind], stdout=subprocess.PIPE, text=True)
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
    args = parser.parse_args()
    one_run("bare"), one_run("tutor")  # warm the file cache
    shown: dict[str, list[float]] = {"bare": [], "tutor": []}
    settled: dict[str, list[float]] = {"bare": [], "tutor": []}
    memory: dict[str, list[int]] = {"bare": [], "tutor": []}
    for _ in range(args.runs):
        for kind in ("bare", "tutor"):
            first, last, kib = one_run(kind)
            shown[kind].append(first)
            settled[kind].append(last)
            memory[kind].append(kib)
    for kind in ("bare", "tutor"):
        print(
            f"{kind:>5}: first screen median {statistics.median(shown[kind]) * 1000:5.0f} ms,"
            f" settled {statistics.median(settled[kind]) * 1000:5.0f} ms,"
            f" peak RSS {statistics.median(memory[kind]) / 1024:5.1f} MiB"
        )
    for name, series in (("first screen", shown), ("settled", settled)):
        ratios = [t / b for t, b in zip(series["tutor"], series["bare"], strict=True)]
        print(
            f"ratio tutor/bare, {name}: median {statistics.median(ratios):.2f} ({args.runs} pairs)"
        )


if __name__ == "__main__":
    main()
