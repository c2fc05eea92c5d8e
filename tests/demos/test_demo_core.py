"""The torch-free core of the demos: names, events, the report, the cloze text."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.course.markdown import render_inline
from tutor.demos import DESCRIPTIONS, NAMES
from tutor.demos.events import Chart, Note, Points, Result, Started
from tutor.demos.record import Recorder, format_cell, json_safe
from tutor.demos.text import MIN_CHARS, UNK, load_corpus
from tutor.i18n import Text


def test_every_demo_has_a_description_in_both_languages() -> None:
    assert NAMES == ("vanishing", "bilstm", "speed", "clipping")
    for name in NAMES:
        description = DESCRIPTIONS[name]
        assert description.zh.strip() and description.en.strip()
        for lang in ("zh", "en"):  # rendered like the lessons: no LaTeX left
            assert "\\" not in render_inline(description(lang))


def test_importing_the_demo_front_doors_does_not_import_torch() -> None:
    code = (
        "import sys\n"
        "import tutor.demos, tutor.demos.runner, tutor.demos.headless\n"
        "import tutor.ui.screens.demos\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_recorder_builds_a_strict_json_report() -> None:
    recorder = Recorder()
    recorder.add(Started("clipping", "cpu", "test cpu", "2.x", {"steps": 3}))
    recorder.add(
        Chart("loss", Text("损失", "Loss"), Text("步", "step"), Text.same("loss"), log_y=True)
    )
    recorder.add(Points("loss", "clipped", (1.0, 2.0), (0.5, math.nan)))
    recorder.add(Result({"clipped": True, "step": 2, "loss": math.inf, "grad_norm": 1.0}))
    recorder.add(Result({"model": "LSTM", "length": 10, "accuracy": 1.0}, table="recall"))
    recorder.add(Note(Text("可以", "it works")))
    report = recorder.report(seconds=1.23456, quick=True, seed=0)

    parsed = json.loads(json.dumps(report, allow_nan=False))
    assert parsed["device"] == "cpu" and parsed["seconds"] == 1.235
    assert parsed["series"] == [
        {"chart": "loss", "name": "clipped", "x": [1.0, 2.0], "y": [0.5, None]}
    ]
    assert parsed["results"] == [{"clipped": True, "step": 2, "loss": None, "grad_norm": 1.0}]
    assert parsed["tables"] == {"recall": [{"model": "LSTM", "length": 10, "accuracy": 1.0}]}
    assert parsed["summary"] == ["it works"]
    [(name, xs, ys)] = recorder.series_of("loss")
    assert (name, xs, ys[0]) == ("clipped", [1.0, 2.0], 0.5) and math.isnan(ys[1])


def test_json_safe_and_cells() -> None:
    assert json_safe({"a": [1.0, math.nan, (math.inf, 2)]}) == {"a": [1.0, None, [None, 2]]}
    assert format_cell("accuracy", 0.98765) == "0.988"
    assert format_cell("speedup", 12.345) == "12.35×"
    assert format_cell("tokens_per_s", 12345.6) == "12.3k"
    assert format_cell("tokens_per_s", 999_700.0) == "1M"
    assert format_cell("loss", None) == "—"
    assert format_cell("loss", math.nan) == "—"
    assert format_cell("clipped", True) == "yes"
    assert format_cell("clipped", False, "zh") == "否"
    assert format_cell("pass", "forward+backward", "zh") == "前向+反向"
    assert format_cell("model", "LSTM", "zh") == "LSTM"  # a name reads as itself
    assert format_cell("params", 13448) == "13,448"


def test_cloze_text_prefers_english_lessons(tmp_path: Path) -> None:
    for k in range(3):
        lesson = tmp_path / f"0{k}-lesson"
        lesson.mkdir()
        (lesson / "lesson.en.md").write_text("the forget gate keeps the cell. " * 60)
        (lesson / "lesson.zh.md").write_text("遗忘门" * 2000)
    corpus = load_corpus(max_chars=10, content=tmp_path)
    assert corpus.source.startswith("content/*/lesson.en.md (3 files")
    assert len(corpus.ids) >= MIN_CHARS
    assert len(corpus.chars) == 10 and corpus.vocab == 12
    assert UNK in corpus.ids  # characters beyond the 10 most frequent


def test_cloze_text_falls_back_when_lessons_are_missing(tmp_path: Path) -> None:
    (tmp_path / "01-empty").mkdir()
    corpus = load_corpus(content=tmp_path)
    assert corpus.source.startswith("tutor/**/*.py")
    assert len(corpus.ids) >= MIN_CHARS


def test_the_shipped_lessons_feed_the_cloze_when_present() -> None:
    from tutor.course.paths import content_dir

    lessons = list(content_dir().glob("*/lesson.en.md"))
    if sum(len(path.read_text(encoding="utf-8")) for path in lessons) < MIN_CHARS:
        pytest.skip("the English lessons are not written yet")
    assert load_corpus().source.startswith(f"content/*/lesson.en.md ({len(lessons)} files")
