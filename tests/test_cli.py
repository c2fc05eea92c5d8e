"""Each command of the command line, run as a learner or author would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tutor import __version__
from tutor.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


@pytest.mark.parametrize(
    "command",
    [[], ["lessons"], ["content"], ["content", "check"], ["demo"]],
)
def test_every_command_has_help(command: list[str]) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0 and "Usage:" in out


def test_lessons_json_lists_ids_titles_and_counts(mini_content: Path) -> None:
    code, out, _ = run("--content", str(mini_content), "lessons", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["lessons"][0] == {
        "id": "one",
        "title": {"zh": "第一课", "en": "Lesson one"},
        "questions": {"choice": 3, "recall": 2, "numeric": 1},
    }


def test_lessons_table_in_the_chosen_language(mini_content: Path) -> None:
    code, out, _ = run("--lang", "zh", "--content", str(mini_content), "lessons")
    assert code == 0 and "第一课" in out and "Lesson one" not in out


@pytest.mark.parametrize(
    ("lang", "kinds"),
    [("zh", "（选择题 3、数值题 1、面试回忆 2）"), ("en", "(choice 3, numeric 1, recall 2)")],
)
def test_lessons_takes_lang_and_names_the_question_kinds_in_it(
    mini_content: Path, lang: str, kinds: str
) -> None:
    other = "en" if lang == "zh" else "zh"  # --lang of the command wins over the tutor's
    code, out, _ = run("--lang", other, "--content", str(mini_content), "lessons", "--lang", lang)
    first = out.splitlines()[0]
    assert code == 0 and first.endswith(kinds), first


def test_shipped_lessons_json() -> None:
    code, out, _ = run("lessons", "--json")
    assert code == 0
    lessons = json.loads(out)["lessons"]
    assert len(lessons) == 11
    assert lessons[0]["title"]["zh"].startswith("LSTM 如何缓解 RNN 梯度消失")
    assert all(lesson["questions"]["choice"] >= 3 for lesson in lessons)
    assert all(lesson["questions"]["recall"] >= 2 for lesson in lessons)


def test_content_check_ok(mini_content: Path) -> None:
    code, out, _ = run("content", "check", str(mini_content), "--seeds", "3")
    assert code == 0 and out.startswith("ok: 2 lessons")
    assert "every generator drawn with 3 seeds" in out


def test_content_check_reports_a_broken_generator(monkeypatch, mini_content: Path) -> None:
    from tutor.course.model import Text
    from tutor.exercises import REGISTRY, Cell, Exercise
    from tutor.exercises.model import Generator

    def build(rng, difficulty: int) -> Exercise:
        cell = Cell("x", "$x$", expected=0.5, decimals=2, mistakes={"lstm.forgot-bias": 0.5})
        return Exercise(Text("x", "x"), {}, (cell,), (), ())

    monkeypatch.setitem(
        REGISTRY,
        "broken.same-as-answer",
        Generator("broken.same-as-answer", "one", Text("坏", "Broken"), build, (1,)),
    )
    code, _, err = run("content", "check", str(mini_content), "--seeds", "2")
    assert code == 1
    assert (
        "generator broken.same-as-answer difficulty 1 seed 0: cell x: mistake lstm.forgot-bias"
        in err
    )


def test_content_check_reports_and_fails(tmp_path: Path, mini_content: Path) -> None:
    import shutil

    broken = tmp_path / "content"
    shutil.copytree(mini_content, broken)
    (broken / "stray.md").write_text("x", "utf-8")
    code, _, err = run("content", "check", str(broken), "--seeds", "0")
    assert code == 1
    assert "content/stray.md: file is not used by any lesson" in err
    assert "1 problem(s)" in err


def test_lessons_on_broken_content_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run("--content", str(tmp_path), "lessons")
    assert code == 1 and "course.toml: file is missing" in err and "Traceback" not in err


def test_unknown_demo_is_rejected() -> None:
    code, _, err = run("demo", "nonsense")
    assert code == 2 and "nonsense" in err


def test_python_dash_m_runs_the_same_cli() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tutor", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_default_language_follows_the_locale() -> None:
    from tutor.i18n import default_lang

    assert default_lang({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert default_lang({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}) == "en"
    assert default_lang({"LC_MESSAGES": "zh_TW"}) == "zh"
    assert default_lang({}) == "en"


def test_exercise_list_names_generators_by_lesson() -> None:
    code, out, _ = run("exercise", "--list")
    assert code == 0
    assert out.splitlines()[0] == "vanishing-gradient"
    assert "  lstm.step: One full LSTM step (worksheet)  [difficulty 1,2,3]" in out


def test_exercise_list_reads_the_content_folder_given(tmp_path: Path, mini_content: Path) -> None:
    import shutil

    root = tmp_path / "content"
    shutil.copytree(mini_content, root)
    questions = root / "02-two" / "questions.toml"
    questions.write_text(
        questions.read_text("utf-8")
        + '\n[[questions]]\nid = "02-two.gen"\nkind = "generated"\n'
        'prompt.zh = "算"\nprompt.en = "Compute"\nhint.zh = "提示"\nhint.en = "Hint"\n'
        'generator = "activations.tanh"\n',
        "utf-8",
    )
    code, out, _ = run("--content", str(root), "exercise", "--list")
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == ["two", "  activations.tanh: tanh: value and slope  [difficulty 1,2,3]"]
    assert lines[2].startswith(f"not used by {root}: ") and "lstm.step" in lines[2]


def test_exercise_prints_a_draw_and_its_solution() -> None:
    code, out, _ = run("exercise", "lstm.forget-gate", "--seed", "3", "--lang", "zh", "--solution")
    assert code == 0
    assert "已知:" in out and "解答:" in out and "答案:" in out
    again = run("exercise", "lstm.forget-gate", "--seed", "3", "--lang", "zh", "--solution")[1]
    assert again == out  # same seed, same exercise
    other = run("exercise", "lstm.forget-gate", "--seed", "4", "--lang", "zh")[1]
    assert other != out.split("提示:")[0].rstrip()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["exercise", "nope"], "unknown generator 'nope'"),
        (["exercise", "lstm.step", "--difficulty", "7"], "7"),
    ],
)
def test_exercise_rejects_bad_requests(args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert code == 2 and message in err


def test_demo_command_prints_json() -> None:
    code, out, _ = run("demo", "clipping", "--quick", "--json", "--device", "cpu")
    assert code == 0
    report = json.loads(out)
    assert report["device"] == "cpu" and {"clipped", "step", "loss", "grad_norm"} <= set(
        report["results"][0]
    )


def test_demo_summary_in_the_learners_language() -> None:
    code, out, _ = run("--lang", "zh", "demo", "clipping", "--quick", "--device", "cpu")
    assert code == 0
    assert "快速运行" in out and "梯度范数" in out and "• 不裁剪：第" in out
    assert "grad_norm" not in out and "no clipping" not in out


class Terminal:
    """A stand-in for a terminal's stdin or stdout."""

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def isatty(self) -> bool:
        return True

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


@pytest.mark.parametrize("command", [[], ["quiz", "1"]])
def test_the_app_needs_a_terminal(monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    """Piped: a message pointing to the plain mode, exit 2, no escape codes, no app."""
    import tutor.ui.app

    monkeypatch.setattr(tutor.ui.app, "run_app", lambda **kw: pytest.fail("the app started"))
    code, out, err = run(*command)
    assert code == 2 and out == ""
    assert "needs an interactive terminal" in err and "lstm-tutor quiz LESSON --plain" in err
    assert "\x1b" not in err


def test_a_dumb_terminal_gets_the_message_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tutor.ui.app
    from tutor.cli.common import open_app

    monkeypatch.setattr(tutor.ui.app, "run_app", lambda **kw: pytest.fail("the app started"))
    monkeypatch.setattr(sys, "stdin", Terminal(sys.stdin))
    monkeypatch.setattr(sys, "stdout", Terminal(sys.stdout))
    monkeypatch.setenv("TERM", "dumb")
    ctx = main.make_context("lstm-tutor", [], resilient_parsing=True)
    assert open_app(ctx) == 2
    assert "lstm-tutor quiz LESSON --plain" in capsys.readouterr().err
