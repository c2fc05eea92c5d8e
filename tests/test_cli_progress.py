"""`lstm-tutor progress`: the per-lesson table with mastery, and its exports (JSON with
attempts, cards and mock interviews; CSV of each table)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from tutor.cli import main
from tutor.progress import Attempt, open_store


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A learner's store: three attempts in lesson one (two reviewed), one mock interview."""
    store, _ = open_store(tmp_path, version="test", fuzz=False)
    now = datetime.now(UTC)
    for question, minutes_ago, outcome, rating in (
        ("01-one.range", 50, "incorrect", 1),
        ("01-one.range", 20, "correct", 3),
        ("01-one.c2", 10, "correct", None),
    ):
        store.record(
            Attempt(
                question_id=question,
                lesson_id="one",
                kind="choice",
                answers={"choice": "b"},
                outcome=outcome,
                score=1.0 if outcome == "correct" else 0.0,
                seconds=12.5,
                answered_at=now - timedelta(minutes=minutes_ago),
                mistakes=("lstm.forgot-bias",) if outcome == "incorrect" else (),
                rating=rating,
            )
        )
    mock = store.start_mock(now - timedelta(days=1), 8, 3.0)
    store.finish_mock(mock, now - timedelta(days=1) + timedelta(minutes=20), 0.625, 1200.0)
    store.start_mock(now - timedelta(hours=2), 4, 2.0)  # left before the end
    store.close()
    return tmp_path


def progress(data_dir: Path, mini_content: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main, ["--content", str(mini_content), "--data-dir", str(data_dir), "progress", *args]
    )
    return result.exit_code, result.stdout, result.stderr


def test_the_table_shows_mastery_per_lesson(data_dir: Path, mini_content: Path) -> None:
    code, out, _ = progress(data_dir, mini_content)
    assert code == 0
    one, two, total = out.splitlines()
    # one card just reviewed Good of six questions: 17 %; 3 attempts, 2 right
    assert one.startswith(" 1. one") and "mastery  17%" in one and "practised  2/6" in one
    assert "attempts    3" in one and "accuracy  67%" in one
    assert "mastery   0%" in two and "accuracy    —" in two
    assert total.startswith("3 attempts, 1 cards in ")


def test_json_exports_lessons_attempts_cards_and_mocks(data_dir: Path, mini_content: Path) -> None:
    code, out, _ = progress(data_dir, mini_content, "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"lessons", "attempts", "cards", "mocks"}
    one = data["lessons"][0]
    assert (one["id"], one["attempts"], one["mastery"]) == ("one", 3, round(1 / 6, 4))
    assert [a["outcome"] for a in data["attempts"]] == ["incorrect", "correct", "correct"]
    assert data["attempts"][0]["mistakes"] == ["lstm.forgot-bias"]
    [card] = data["cards"]
    assert (card["question_id"], card["lesson_id"], card["reps"]) == ("01-one.range", "one", 2)
    assert card["state"] in {"learning", "review", "relearning"}
    assert card["stability"] > 0 and 1 <= card["difficulty"] <= 10
    assert datetime.fromisoformat(card["due"]) > datetime.fromisoformat(card["last_review"])
    first, second = data["mocks"]  # in the order they were held
    assert (first["questions"], first["score"], first["seconds"]) == (8, 0.625, 1200.0)
    assert first["finished_at"] is not None and second["finished_at"] is None


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_exports_the_attempts_by_default(data_dir: Path, mini_content: Path) -> None:
    code, out, _ = progress(data_dir, mini_content, "--csv")
    assert code == 0
    assert out.splitlines()[0].startswith("id,answered_at,lesson_id,question_id,kind")
    rows = csv_rows(out)
    assert [r["question_id"] for r in rows] == ["01-one.range", "01-one.range", "01-one.c2"]
    assert json.loads(rows[0]["mistakes"]) == ["lstm.forgot-bias"]
    assert progress(data_dir, mini_content, "--csv", "--what", "attempts")[1] == out


def test_csv_exports_the_cards(data_dir: Path, mini_content: Path) -> None:
    code, out, _ = progress(data_dir, mini_content, "--csv", "--what", "cards")
    assert code == 0
    [row] = csv_rows(out)
    assert list(row) == [
        "question_id", "lesson_id", "due", "state", "step", "stability", "difficulty", "reps",
        "last_review", "introduced_at",
    ]  # fmt: skip
    assert (row["question_id"], row["reps"]) == ("01-one.range", "2")
    assert float(row["stability"]) > 0


def test_csv_exports_the_mock_interviews(data_dir: Path, mini_content: Path) -> None:
    code, out, _ = progress(data_dir, mini_content, "--csv", "--what", "mocks")
    assert code == 0
    first, second = csv_rows(out)
    assert (first["questions"], first["score"], first["minutes"]) == ("8", "0.625", "3.0")
    assert second["finished_at"] == ""  # left before the end


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--json", "--csv"], "choose one of"), (["--what", "cards"], "--what chooses the table")],
)
def test_conflicting_options_are_refused(
    data_dir: Path, mini_content: Path, args: list[str], message: str
) -> None:
    code, _, err = progress(data_dir, mini_content, *args)
    assert code == 2 and message in err


def test_help_documents_the_exports() -> None:
    result = CliRunner().invoke(main, ["progress", "--help"])
    assert result.exit_code == 0
    assert "--what [attempts|cards|mocks]" in result.stdout
    assert "--csv --what cards" in result.stdout
