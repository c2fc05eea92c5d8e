"""``lstm-tutor demo NAME``: run a demo without the TUI, for terminals and scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO

from tutor.demos import runner
from tutor.demos.errors import DemoRequestError
from tutor.demos.events import Event, Finished, Progress
from tutor.i18n import Lang, Text

EXIT_OK, EXIT_BAD_REQUEST, EXIT_CANCELLED = 0, 2, 130


def run_headless(
    name: str,
    *,
    device: str = "auto",
    quick: bool = False,
    as_json: bool = False,
    lang: Lang = "en",
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Run demo ``name`` to the end and print its results; return the exit code.

    ``out`` gets the results: one JSON object with ``as_json`` (both languages), else a
    summary table in ``lang``. ``err``
    gets a progress bar when it is a terminal, and one line when the request is bad (exit 2)
    or Ctrl+C cancels the run (exit 130). Both default to sys.stdout / sys.stderr as they
    are at call time.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    events: Iterator[Event] | None = None
    try:
        events = runner.run_demo(name, device=device, quick=quick)
        report: Mapping[str, Any] = {}
        with _progress_bar(err, name) as show:
            for event in events:
                show(event)
                if isinstance(event, Finished):
                    report = event.report
    except DemoRequestError as exc:
        print(f"lstm-tutor demo: {exc}", file=err)
        return EXIT_BAD_REQUEST
    except KeyboardInterrupt:
        if events is not None and hasattr(events, "close"):
            events.close()
        print(f"lstm-tutor demo {name}: cancelled", file=err)
        return EXIT_CANCELLED
    if as_json:
        out.write(json.dumps(report, ensure_ascii=False, allow_nan=False) + "\n")
    else:
        print_summary(report, out, lang)
    out.flush()
    return EXIT_OK


@contextmanager
def _progress_bar(err: TextIO, name: str) -> Iterator[Callable[[Event], None]]:
    """A callback that shows Progress events as a bar on ``err`` (only on a terminal)."""
    if not err.isatty():
        yield lambda event: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=Console(file=err),
        transient=True,
    ) as bar:
        task = bar.add_task(f"{name}: starting", total=None)

        def show(event: Event) -> None:
            if isinstance(event, Progress):
                bar.update(
                    task,
                    completed=event.done,
                    total=event.total,
                    description=f"{name}: {event.label}",
                )

        yield show


QUICK = Text("快速运行", "quick")
SECONDS = Text("{seconds:.1f} 秒", "{seconds:.1f} s")


def print_summary(report: Mapping[str, Any], out: TextIO, lang: Lang = "en") -> None:
    """The report as a header line, its tables and its summary lines, in ``lang``."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text as Plain  # cells are text, never Rich markup

    from tutor.demos import labels
    from tutor.demos.record import format_cell

    console = Console(file=out, width=None if out.isatty() else 120, highlight=False)
    parts = [
        report["demo"],
        f"{report['device']} ({report['device_name']})",
        f"torch {report['torch']}",
        SECONDS.format(seconds=report["seconds"])(lang),
    ]
    if report.get("quick"):
        parts.append(QUICK(lang))
    console.print(" · ".join(parts), markup=False)
    tables = {"results": report.get("results", []), **report.get("tables", {})}
    for title, rows in tables.items():
        if not rows:
            continue
        table = Table(title=Plain(labels.table(title)(lang)), title_justify="left")
        for key in rows[0]:
            justify = "left" if isinstance(rows[0][key], str | bool) else "right"
            table.add_column(Plain(labels.column(key)(lang)), justify=justify)
        for row in rows:
            table.add_row(*(Plain(format_cell(key, row.get(key), lang)) for key in rows[0]))
        console.print(table)
    notes = report.get("notes") or [{"zh": line, "en": line} for line in report.get("summary", [])]
    for note in notes:
        console.print(f"• {note[lang]}", markup=False)
