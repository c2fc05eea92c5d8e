"""Time to the first home screen (headless) against a bare Textual app with a comparable list.

Each run is a fresh process, measured from spawn until the first screen has been laid out;
the two apps alternate, and the script prints each one's median, the median ratio, and the
peak memory (max RSS) at that moment.

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
    await pilot.pause()
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"READY {kib}", flush=True)
    app.exit()


app.run(headless=True, size=(100, 30), auto_pilot=ready)
"""


def one_run(kind: str) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, kind], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - start
            kib = int(line.split()[1])
            break
    else:
        raise RuntimeError(f"{kind} never reached its first screen")
    proc.wait(timeout=30)
    return elapsed, kib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    one_run("bare"), one_run("tutor")  # warm the file cache
    times: dict[str, list[float]] = {"bare": [], "tutor": []}
    memory: dict[str, list[int]] = {"bare": [], "tutor": []}
    for _ in range(args.runs):
        for kind in ("bare", "tutor"):
            elapsed, kib = one_run(kind)
            times[kind].append(elapsed)
            memory[kind].append(kib)
    ratios = [t / b for t, b in zip(times["tutor"], times["bare"], strict=True)]
    for kind in ("bare", "tutor"):
        print(
            f"{kind:>5}: median {statistics.median(times[kind]) * 1000:6.0f} ms"
            f"  peak RSS {statistics.median(memory[kind]) / 1024:5.1f} MiB"
        )
    print(f"ratio tutor/bare: median {statistics.median(ratios):.2f} over {args.runs} pairs")


if __name__ == "__main__":
    main()
