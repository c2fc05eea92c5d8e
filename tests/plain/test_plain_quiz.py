"""`lstm-tutor quiz --plain`, driven by piped stdin as a script or a screen reader would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tutor.cli import main
from tutor.progress import open_store


def quiz(data: Path, lines: list[str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main,
        ["--lang", "en", "--data-dir", str(data), "quiz", *args, "--plain", "--seed", "3"],
        input="".join(f"{line}\n" for line in lines),
    )
    return result.exit_code, result.stdout


def test_a_session_answers_skips_and_ends_at_the_end_of_input(tmp_path: Path) -> None:
    code, out = quiz(tmp_path, ["b", "", ":skip", ":skip", ":skip", ":skip", "0.5", ":retry", "0.25"], "activations")
    assert code == 0
    assert "== Practice · lesson 6: The activation functions in an LSTM ==" in out
    assert "✓ Right." in out and "  ✓ b) Correct" in out  # every option's explanation
    assert "answer: ✗ not right" in out and "answer: ✓ correct" in out
    assert out.rstrip().endswith("Done: 2 of 12 items answered, 2 right.")
    store, _ = open_store(tmp_path, version="t")
    assert [(a.question_id, a.outcome) for a in store.attempts()] == [
        ("activations.sigmoid-range", "correct"),
        ("activations.sigmoid-max-slope", "incorrect"),
        ("activations.sigmoid-max-slope", "correct"),
    ]


def test_invalid_input_is_asked_again_and_never_counted(tmp_path: Path) -> None:
    code, out = quiz(tmp_path, [":skip"] * 5 + ["(0.25", "0.25"], "6")
    assert code == 0 and "never closed" in out
    store, _ = open_store(tmp_path, version="t")
    assert [a.outcome for a in store.attempts()] == ["correct"]


def test_hint_solution_new_numbers_and_quit_in_a_worksheet(tmp_path: Path) -> None:
    lines = [":skip"] * 9 + [":hint", ":solution", ":new", ":quit"]
    code, out = quiz(tmp_path, lines, "activations")
    assert code == 0
    assert "Worked solution (traced by the engine):" in out
    assert out.count("Compute σ(z) and its derivative") == 2  # drawn again with new numbers
    store, _ = open_store(tmp_path, version="t")
    [attempt] = store.attempts()  # the solution seen before solving
    assert attempt.outcome == "revealed" and attempt.hints_used == 1


def test_a_recall_card_written_revealed_and_rated(tmp_path: Path) -> None:
    lines = [":skip"] * 7 + ["gates let a fraction through", "tanh is zero-centred", "", "3"]
    code, out = quiz(tmp_path, lines, "activations")
    assert code == 0
    assert "[x] The sigmoid outputs lie in (0, 1)" in out and "Recorded: Good" in out
    store, _ = open_store(tmp_path, version="t")
    [attempt] = store.attempts()
    assert attempt.rating == 3 and "fraction" in attempt.answers["text"]


def test_unknown_lesson_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "quiz", "nope", "--plain"])
    assert result.exit_code == 2
    assert "no lesson 'nope'; one of: vanishing-gradient" in result.stderr


def test_the_real_command_with_a_pipe(tmp_path: Path) -> None:
    """As the README shows it: printf … | lstm-tutor quiz LESSON --plain."""
    proc = subprocess.run(
        [sys.executable, "-m", "tutor", "--lang", "en", "--data-dir", str(tmp_path), "quiz", "activations",
         "--plain", "--seed", "3"],
        input="b\n", capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "✓ Right." in proc.stdout and "Done: 1 of 12" in proc.stdout
    progress = subprocess.run(
        [sys.executable, "-m", "tutor", "--data-dir", str(tmp_path), "progress", "--json"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    data = json.loads(progress.stdout)
    row = next(r for r in data["lessons"] if r["id"] == "activations")
    assert (row["attempts"], row["practised"], row["accuracy"]) == (1, 1, 1.0)
    assert data["attempts"][0]["question_id"] == "activations.sigmoid-range"


def plain(data: Path, lines: list[str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main,
        ["--lang", "en", "--data-dir", str(data), *args, "--plain", "--seed", "1"],
        input="".join(f"{line}\n" for line in lines),
    )
    return result.exit_code, result.stdout


def test_review_plain_introduces_the_days_new_items_and_schedules_them(tmp_path: Path) -> None:
    CliRunner().invoke(main, ["--data-dir", str(tmp_path), "review", "--new-per-day", "2"])
    code, out = plain(tmp_path, [":skip", ":skip"], "review")
    assert code == 0 and "== Review ==" in out and "[1/2 · 0 correct]" in out
    assert "No reviews scheduled yet." in out  # both skipped: nothing answered, no card
    lines = []
    for _ in range(2):  # answer both (choice questions of lesson 1: any option is counted)
        lines += ["a", ""]
    code, out = plain(tmp_path, lines, "review")
    assert code == 0 and "Next review:" in out
    store, _ = open_store(tmp_path, version="t")
    assert len(store.cards()) == 2 and all(a.session == "review" for a in store.attempts())
    assert all(a.rating is not None for a in store.attempts())


def test_mock_plain_runs_timed_questions_and_saves_the_summary(tmp_path: Path) -> None:
    code, out = plain(tmp_path, [], "mock", "--questions", "3", "--minutes", "1")
    assert code == 0 and "== Mock interview ==" in out and "(you have 1 min for this one)" in out
    assert "Mock interview score 0%" in out and "weakest:" in out
    store, _ = open_store(tmp_path, version="t")
    [mock] = store.mocks()
    assert mock.questions == 3 and mock.finished_at is not None and mock.minutes == 1.0


def test_mock_plain_an_answer_after_the_time_is_recorded_as_timed_out(tmp_path: Path) -> None:
    """The clock moves 2 minutes for each reading of it: every answer comes too late."""
    import io
    from datetime import timedelta

    from tutor.course import load_course
    from tutor.plain.session import Terminal, now, run_plain_mock

    start = now()
    ticks = iter(range(10_000))
    store, _ = open_store(tmp_path, version="t")
    out = io.StringIO()
    terminal = Terminal(
        store,
        "en",
        seed=1,
        stdin=io.StringIO("an answer\n" * 10),
        stdout=out,
        clock=lambda: start + timedelta(minutes=2 * next(ticks)),
    )
    assert run_plain_mock(load_course(), terminal, questions=2, minutes=1) == 0
    assert out.getvalue().count("Time is up: recorded as timed out.") == 2
    assert [a.outcome for a in store.attempts()] == ["timed-out", "timed-out"]
