"""What the commands share: the language choice, the course, the store, a lesson by name,
and opening the app."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from tutor import __version__

if TYPE_CHECKING:
    from tutor.course import Course
    from tutor.progress import Notice, Store

LANG_CHOICE = click.Choice(["zh", "en"])


def load(ctx: click.Context) -> Course:
    from tutor.course import ContentError, load_course

    try:
        return load_course(ctx.obj["content"])
    except ContentError as exc:
        raise click.ClickException(f"{exc}\nRun `lstm-tutor content check` for details.") from exc


def lesson_id(course: Course, wanted: str) -> str:
    """A lesson by id, folder name or number (1 = the first)."""
    for number, lesson in enumerate(course.lessons, 1):
        if wanted in (lesson.id, lesson.dir.name, str(number)):
            return lesson.id
    names = ", ".join(lesson.id for lesson in course.lessons)
    raise click.BadParameter(f"no lesson {wanted!r}; one of: {names} (or 1–{len(course.lessons)})")


def store_of(ctx: click.Context) -> tuple[Store, list[Notice]]:
    from tutor.progress import open_store

    return open_store(ctx.obj["data_dir"], version=__version__)


def open_app(
    ctx: click.Context,
    practise: str | None = None,
    seed: int | None = None,
    review: bool = False,
    mock: tuple[int, float] | None = None,
) -> int:
    """The TUI, on home or on a lesson's practice; a pipe or a dumb terminal gets a message."""
    if not sys.stdout.isatty() or not sys.stdin.isatty() or os.environ.get("TERM") == "dumb":
        click.echo(
            "lstm-tutor needs an interactive terminal for its screens. For practice line by "
            "line (screen readers, pipes, scripts) use: lstm-tutor quiz LESSON --plain",
            err=True,
        )
        return 2
    from tutor.ui.app import run_app

    # no --lang: the app uses the language last chosen in it, else the locale's
    return run_app(
        lang=ctx.obj["lang_given"],
        content_root=ctx.obj["content"],
        data_dir=ctx.obj["data_dir"],
        practise=practise,
        seed=seed,
        review=review,
        mock=mock,
    )
