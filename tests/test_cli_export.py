"""`lstm-tutor export anki`, run as a learner would (CliRunner, as in test_cli.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from apkg import read_apkg
from click.testing import CliRunner

from tutor.cli import main

CJK = re.compile(r"[\u4e00-\u9fff]")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("command", [["export"], ["export", "anki"]])
def test_export_has_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.stdout


def test_export_anki_writes_a_deck_in_the_chosen_language(
    mini_content: Path, tmp_path: Path
) -> None:
    target = tmp_path / "lstm.apkg"
    result = run("--content", str(mini_content), "export", "anki", str(target), "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote 10 notes (6 choice, 4 recall) to ")
    assert "LSTM 面试题（中文）" in result.stdout
    scratch = tmp_path / "read"
    scratch.mkdir()
    package = read_apkg(target, scratch)
    assert len(package.notes) == 10
    assert all(CJK.search(n.fields.get("Prompt") or n.fields["Question"]) for n in package.notes)


def test_export_anki_defaults_to_the_tutor_language(mini_content: Path, tmp_path: Path) -> None:
    target = tmp_path / "lstm.apkg"
    result = run("--lang", "en", "--content", str(mini_content), "export", "anki", str(target))
    assert result.exit_code == 0 and "(English)" in result.stdout
    both = run("--content", str(mini_content), "export", "anki", str(target), "--lang", "both")
    assert both.exit_code == 0 and "中文 + English" in both.stdout


def _one_line_error(result) -> str:
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # click's error, not a traceback
    assert "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: ")
    return line


def test_export_anki_refuses_a_folder_and_an_unwritable_path(
    mini_content: Path, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("x")
    cases = {
        str(tmp_path): "is a folder",
        str(tmp_path / "missing" / "lstm.apkg"): "does not exist",
        str(tmp_path / "a-file" / "lstm.apkg"): "is not a folder",
        str(tmp_path / "lstm.txt"): "must end in .apkg",
    }
    for path, reason in cases.items():
        line = _one_line_error(run("--content", str(mini_content), "export", "anki", path))
        assert reason in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_export_anki_names_a_formula_that_does_not_render(
    mini_content: Path, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(mini_content, content)
    questions = content / "01-one" / "questions.toml"
    text = questions.read_text("utf-8")
    questions.write_text(
        text.replace("What is the range of $\\\\sigma$?", "$\\\\begin{x}$"), "utf-8"
    )
    target = tmp_path / "lstm.apkg"
    result = run("--content", str(content), "export", "anki", str(target), "--lang", "en")
    line = _one_line_error(result)
    assert "01-one.range prompt.en" in line and "content check" in line
    assert not target.exists()


def test_genanki_is_imported_only_when_exporting() -> None:
    import subprocess
    import sys

    code = "import sys, tutor.cli, tutor.course.anki; print('genanki' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"
