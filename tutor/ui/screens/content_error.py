"""Shown instead of home when the content folder is broken: the problems, nothing lost."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.course import ContentError
from tutor.ui.markup import escape
from tutor.ui.screens.base import Localized
from tutor.ui.strings import S


class ContentErrorScreen(Localized, Screen[None]):
    def __init__(self, error: ContentError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        problems = [p.format(self.error.root) for p in self.error.problems]
        yield Header()
        with VerticalScroll(id="content-error"):
            yield Static(f"[b]{escape(S.content_broken(self.app.lang))}[/b]\n")
            yield Static(escape("\n".join(problems)), id="content-problems")
        yield Footer()
