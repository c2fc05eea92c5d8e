"""The keys and how to type answers, in the learner's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from tutor.ui.strings import HELP_KEYS, t

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


class HelpScreen(ModalScreen[None]):
    # A modal screen keeps keys from the app's bindings, so it repeats the ones that matter.
    BINDINGS = [
        Binding("escape,question_mark", "dismiss", "Close"),
        Binding("q", "app.quit", "Quit"),
    ]

    app: TutorApp

    def compose(self) -> ComposeResult:
        from tutor.answers import HELP  # plain text; loads neither sympy nor numpy

        lang = self.app.lang
        rows = "\n".join(f"[b]{key:<12}[/b] {what}" for key, what in HELP_KEYS[lang])
        with VerticalScroll(id="help"):
            yield Static(f"[b]{t('help_title', lang)}[/b]\n")
            yield Static(rows)
            yield Markdown(HELP(lang), id="input-help")
            yield Static(f"[dim]{t('help_close', lang)}[/dim]")
