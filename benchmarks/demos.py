"""Each demo's wall time on the CPU, and on the GPU when there is one; then the speed table.

    .venv/bin/python benchmarks/demos.py              # default and --quick runs, a table
    .venv/bin/python benchmarks/demos.py --quick      # --quick runs only
    .venv/bin/python benchmarks/demos.py --json       # one JSON object
    .venv/bin/python benchmarks/demos.py --demos bilstm speed

Every run goes through ``run_demo`` as the TUI and ``lstm-tutor demo`` do. "wall" is the
whole run as the user waits for it in a process that has already imported torch; "demo" is
the report's ``seconds`` (from the first event on). The first line gives the one-off cost of
importing torch and its lazily loaded parts. Goal (issue #6): bilstm's default run under
20 s on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tutor.demos import NAMES
from tutor.demos.events import Finished
from tutor.demos.record import format_cell


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demos", nargs="+", choices=NAMES, default=list(NAMES))
    parser.add_argument("--quick", action="store_true", help="time the --quick runs only")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser.parse_args()


def time_run(name: str, device: str, quick: bool) -> tuple[float, dict[str, Any]]:
    from tutor.demos.runner import run_demo

    start = time.perf_counter()
    report: dict[str, Any] = {}
    for event in run_demo(name, device=device, quick=quick):
        if isinstance(event, Finished):
            report = dict(event.report)
    return time.perf_counter() - start, report


def main() -> int:
    args = _parse()
    start = time.perf_counter()
    import torch

    from tutor.demos.common import import_lazy_parts

    import_lazy_parts()
    import_seconds = time.perf_counter() - start
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    modes = [True] if args.quick else [False, True]
    runs: list[dict[str, Any]] = []
    speed_tables: dict[str, list[dict[str, Any]]] = {}
    for device in devices:
        for name in args.demos:
            for quick in modes:
                wall, report = time_run(name, device, quick)
                runs.append(
                    {
                        "demo": name,
                        "device": device,
                        "mode": "quick" if quick else "default",
                        "wall_s": round(wall, 2),
                        "demo_s": report["seconds"],
                        "device_name": report["device_name"],
                        "threads": report["settings"].get("threads"),
                    }
                )
                if name == "speed" and not quick:
                    speed_tables[device] = report["results"]
                print(f"  {name} {device} {runs[-1]['mode']}: {wall:.1f} s", file=sys.stderr)
    result = {
        "torch": torch.__version__,
        "import_s": round(import_seconds, 2),
        "runs": runs,
        "speed": speed_tables,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        _print(result)
    return 0


def _print(result: dict[str, Any]) -> None:
    print(f"torch {result['torch']}; importing torch and its lazy parts: {result['import_s']} s")
    print()
    header = ("demo", "device", "mode", "wall s", "demo s", "threads", "device name")
    rows = [
        (
            r["demo"],
            r["device"],
            r["mode"],
            f"{r['wall_s']:.1f}",
            f"{r['demo_s']:.1f}",
            str(r["threads"]),
            r["device_name"],
        )
        for r in result["runs"]
    ]
    _table(header, rows)
    for device, table in result["speed"].items():
        print()
        print(f"speed (default run, measured with the {device} run)")
        keys = ("method", "device", "pass", "tokens_per_s", "speedup")
        _table(keys, [tuple(format_cell(k, row[k]) for k in keys) for row in table])


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
    for line in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())


if __name__ == "__main__":
    raise SystemExit(main())
