"""The command line: `lstm-tutor` opens the app; subcommands run headless.

Kept light on purpose: the home screen must appear as fast as a bare Textual app, so the
main group knows its subcommands by name only and imports each one's module (and torch,
sympy, the UI) when that command runs (click's lazy-loading pattern).
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click

from tutor import __version__
from tutor.cli.common import LANG_CHOICE, open_app
from tutor.i18n import default_lang

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

#: command name -> "module:function" under tutor.cli
COMMANDS = {
    "lessons": "reading:lessons",
    "content": "reading:content",
    "exercise": "reading:exercise",
    "quiz": "studying:quiz",
    "review": "studying:review",
    "mock": "studying:mock",
    "progress": "studying:progress",
    "demo": "demo:demo",
    "export": "export:export",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported when used (or listed by --help)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, name = target.split(":")
        command = getattr(importlib.import_module(f"tutor.cli.{module}"), name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings=CONTEXT)
@click.option(
    "--lang", type=LANG_CHOICE, help="Language of the lessons (default: from the locale)."
)
@click.option(
    "--content",
    "content_root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Read lessons from this content folder instead of the shipped one.",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep progress in this folder (default: $LSTM_TUTOR_DATA_DIR, else the user data folder).",
)
@click.version_option(__version__, "-V", "--version", prog_name="lstm-tutor")
@click.pass_context
def main(
    ctx: click.Context, lang: str | None, content_root: Path | None, data_dir: Path | None
) -> None:
    """A terminal tutor for LSTM / RNN interview questions.

    Without a command, opens the tutor: lessons, practice, review, mock interviews,
    progress and demos.
    """
    ctx.ensure_object(dict)
    ctx.obj["lang"] = lang or default_lang(os.environ)
    ctx.obj["content"] = content_root
    ctx.obj["data_dir"] = data_dir
    ctx.obj["lang_given"] = lang
    if ctx.invoked_subcommand is None:
        sys.exit(open_app(ctx))


if __name__ == "__main__":  # pragma: no cover
    main()
