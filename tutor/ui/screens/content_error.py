"""Shown instead of home when the content folder is broken: the problems, nothing lost."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.ui.strings import t

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


class ContentErrorScreen(Screen[None]):
    app: TutorApp

    def compose(self) -> ComposeResult:
        error = self.app.content_error
        problems = [] if error is None else [p.format(error.root) for p in error.problems]
        yield Header()
        with VerticalScroll(id="content-error"):
            yield Static(f"[b]{t('content_broken', self.app.lang)}[/b]\n")
            yield Static(escape("\n".join(problems)))
        yield Footer()
