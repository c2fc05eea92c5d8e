"""SVG snapshots at 80x24 of each demo after a quick run on the CPU (seed 0), in both languages.

Each demo runs once per module for real (quick, cpu, seed 0); the app then replays its events,
so what the snapshots show is deterministic. What varies from machine to machine is pinned:
the CPU's name, the torch version and the run's seconds; speed's timings (they are the
measurement itself: fixed seconds per method stand in for them, the rest of the demo runs);
and the cloze text (a fixed text, not the lessons, which authors keep editing).

Update after an intended change with `pytest tests/demos/test_demo_snapshots.py
--snapshot-update` and look at the new SVGs before committing them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Generator, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static
from waiting import wait_until

from tutor.demos import NAMES, runner
from tutor.demos.events import Event, Finished, Progress, Started
from tutor.ui.app import TutorApp

torch = pytest.importorskip("torch")
from tutor.demos import bilstm, speed  # noqa: E402  (imports torch)
from tutor.demos.text import load_corpus  # noqa: E402

SIZE = (80, 24)

SENTENCES = (
    "The forget gate decides how much of the old cell state to keep.",
    "The input gate decides how much of the candidate to write.",
    "The output gate decides how much of the cell to show as the hidden state.",
    "A plain recurrent network rewrites its whole state at every step.",
    "Its gradient is a product of one factor per step, and it vanishes.",
    "The cell state path adds instead of multiplying by a weight matrix.",
    "A bidirectional network reads the sequence forwards and backwards.",
    "Clipping the gradient by its norm keeps a step from exploding.",
    "Batching many sequences turns small products into large ones.",
    "The candidate uses tanh, so it can be negative as well as positive.",
)


def fixed_text(folder: Path) -> Path:
    """A lesson folder with 6000 characters of fixed text, for the cloze."""
    rng = random.Random(0)
    words: list[str] = []
    while sum(len(s) + 1 for s in words) < 6000:
        words.append(rng.choice(SENTENCES))
    lesson = folder / "01-text"
    lesson.mkdir(parents=True)
    (lesson / "lesson.en.md").write_text(" ".join(words), encoding="utf-8")
    return folder


# tokens/s of the gate loop, and each method's speed-up over it, as a laptop measures them
BASELINE = {"forward": 40_000.0, "forward+backward": 7_500.0}
SPEEDUPS = {
    "forward": (1.0, 1.2, 1.25, 14.0, 20.0, 17.0),
    "forward+backward": (1.0, 1.3, 1.45, 22.0, 28.0, 27.5),
}


def fixed_measure(
    calls: list[Callable[[], object]], device: object, s: speed.Settings, progress: tuple
) -> Generator[Event, None, list[float]]:
    """Seconds per call that give the tokens/s above (the calls themselves do not run)."""
    group, groups, label = progress
    pass_ = label.split(" · ")[-1]
    yield Progress(group * 100 + 99, groups * 100, label)
    batches = [batch or s.batch for *_, batch in speed.RUNGS]
    return [
        batch * s.seq_len / (BASELINE[pass_] * speedup)
        for batch, speedup in zip(batches, SPEEDUPS[pass_], strict=True)
    ]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Event]]:
    """Every demo's events from one quick run on the CPU, with what varies pinned."""
    content = fixed_text(tmp_path_factory.mktemp("cloze"))
    runs: dict[str, list[Event]] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(speed, "_measure", fixed_measure)
        patch.setattr(bilstm, "load_corpus", partial(load_corpus, content=content))
        for name in NAMES:
            events: list[Event] = []
            for event in runner.run_demo(name, device="cpu", quick=True, seed=0):
                if isinstance(event, Started):
                    event = replace(event, device_name="CPU", torch="2.x")
                elif isinstance(event, Finished):
                    event = Finished({**event.report, "seconds": 1.0})
                events.append(event)
            runs[name] = events
    return runs


@pytest.fixture
def replayed(recorded: dict[str, list[Event]], monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's demo runs replay the recorded events."""

    def replay(name: str, **_: object) -> Iterator[Event]:
        yield from recorded[name]

    monkeypatch.setattr(runner, "run_demo", replay)


def after_a_quick_run(name: str, *keys: str):
    """Open the Demos screen, choose ``name``, quick run on the CPU; then press ``keys``."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.press("d")  # home: the Demos screen
        await pilot.press(*["down"] * NAMES.index(name), "f", "d", "r")
        status = pilot.app.screen.query_one("#demos-status", Static)
        done = ("done in", "完成")
        await wait_until(pilot, lambda: any(w in str(status.render()) for w in done), seconds=30)
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.mark.usefixtures("replayed")
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", NAMES)
def test_demo_after_a_quick_run(snap_compare, name: str, lang: str) -> None:
    app = TutorApp(lang=lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=after_a_quick_run(name))


@pytest.mark.usefixtures("replayed")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_speed_table_fits_with_its_speed_up_column(snap_compare, lang: str) -> None:
    app = TutorApp(lang=lang)
    run_before = after_a_quick_run("speed", "c")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.usefixtures("replayed")
def test_vanishing_gradients_without_colour(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under NO_COLOR each series has its own marker, and the legend shows it."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = TutorApp(lang="en")
    run_before = after_a_quick_run("vanishing", "c", "c", "c")  # past the tables: chart 1
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
