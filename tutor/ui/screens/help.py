"""The keys and how to type answers, in the learner's language."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from tutor.course.markdown import render_markdown
from tutor.i18n import Lang, Text
from tutor.ui.cjk_markdown import markdown_parser
from tutor.ui.markup import escape
from tutor.ui.screens.base import Localized
from tutor.ui.strings import HELP_KEYS, PRACTICE_KEYS, S
from tutor.ui.widgets.key_scroll import KeyScroll

KEY_WIDTH = 12  # terminal cells: "→ / 空格" is 6 characters but 8 cells


def key_rows(keys: tuple[tuple[Text, Text], ...], lang: Lang) -> str:
    """Markup for a two-column list of keys, aligned in terminal cells."""
    return "\n".join(
        f"[b]{escape(key(lang))}[/b]{' ' * max(1, KEY_WIDTH - cell_len(key(lang)) + 1)}"
        f"{escape(what(lang))}"
        for key, what in keys
    )


class HelpScreen(Localized, ModalScreen[None]):
    # A modal screen keeps keys from the app's bindings, so it repeats the ones that matter.
    BINDINGS = [
        Binding("escape,question_mark", "dismiss", "Close"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        from tutor.answers import HELP  # plain text; loads neither sympy nor numpy

        lang = self.app.lang
        # the screen below may have keys of its own to explain first (the Demos screen)
        stack = self.app.screen_stack
        below = stack[stack.index(self) - 1] if self in stack[1:] else None
        own: tuple[Text, tuple[tuple[Text, Text], ...]] | None = getattr(below, "KEY_HELP", None)
        with KeyScroll(id="help"):
            yield Static(f"[b]{S.help_title(lang)}[/b]\n")
            if own is not None:
                title, keys = own
                yield Static(f"[b]{escape(title(lang))}[/b]\n\n{key_rows(keys, lang)}\n")
            yield Static(key_rows(HELP_KEYS, lang))
            yield Static(f"\n{escape(S.help_mastery(lang))}")
            yield Static(f"\n[b]{S.help_practice(lang)}[/b]\n")
            yield Static(key_rows(PRACTICE_KEYS, lang))
            # no space drawn after 。 and its kin, nor for a line break in Chinese
            yield Markdown(
                render_markdown(HELP(lang)), id="input-help", parser_factory=markdown_parser
            )
            yield Static(f"[dim]{S.help_close(lang)}[/dim]")
