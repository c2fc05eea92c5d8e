"""The keys and how to type answers, in the learner's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from tutor.i18n import Text
from tutor.ui.markup import escape
from tutor.ui.screens.base import Localized
from tutor.ui.strings import HELP_KEYS, PRACTICE_KEYS, S


class HelpScreen(Localized, ModalScreen[None]):
    # A modal screen keeps keys from the app's bindings, so it repeats the ones that matter.
    BINDINGS = [
        Binding("escape,question_mark", "dismiss", "Close"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        from tutor.answers import HELP  # plain text; loads neither sympy nor numpy

        lang = self.app.lang
        def rows(keys: tuple[tuple[Text, Text], ...]) -> str:
            return "\n".join(f"[b]{escape(key(lang)):<12}[/b] {escape(what(lang))}" for key, what in keys)

        with VerticalScroll(id="help"):
            yield Static(f"[b]{S.help_title(lang)}[/b]\n")
            yield Static(rows(HELP_KEYS))
            yield Static(f"\n{escape(S.help_mastery(lang))}")
            yield Static(f"\n[b]{S.help_practice(lang)}[/b]\n")
            yield Static(rows(PRACTICE_KEYS))
            yield Markdown(HELP(lang), id="input-help")
            yield Static(f"[dim]{S.help_close(lang)}[/dim]")
