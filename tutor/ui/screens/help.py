"""The keys and how to type answers, in the learner's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from tutor.ui.screens.base import Localized
from tutor.ui.strings import HELP_KEYS, S


class HelpScreen(Localized, ModalScreen[None]):
    # A modal screen keeps keys from the app's bindings, so it repeats the ones that matter.
    BINDINGS = [
        Binding("escape,question_mark", "dismiss", "Close"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        from tutor.answers import HELP  # plain text; loads neither sympy nor numpy

        lang = self.app.lang
        rows = "\n".join(f"[b]{key(lang):<12}[/b] {what(lang)}" for key, what in HELP_KEYS)
        with VerticalScroll(id="help"):
            yield Static(f"[b]{S.help_title(lang)}[/b]\n")
            yield Static(rows)
            yield Markdown(HELP[lang], id="input-help")
            yield Static(f"[dim]{S.help_close(lang)}[/dim]")
