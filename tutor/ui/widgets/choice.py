"""A choice question's options: chosen with 1–9 or a–z, Enter, or the mouse; once answered,
the right option is marked and every option's explanation is shown."""

from __future__ import annotations

import string

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.course import Question
from tutor.course.markdown import render_prose
from tutor.exercises.notation import NO_BREAK
from tutor.exercises.wrap import wrap
from tutor.i18n import Lang
from tutor.ui.markup import escape

KEYS = "123456789"


def option_key(index: int) -> str:
    """The key that picks option `index`: 1–9 (letters a–z are the option ids' own)."""
    return KEYS[index] if index < len(KEYS) else string.ascii_lowercase[index - len(KEYS)]


class ChoiceList(OptionList):
    """The options; posts Chosen once, then shows the verdict on each option."""

    BINDINGS = [
        *(Binding(k, f"pick({i})", show=False) for i, k in enumerate(KEYS)),
        *(Binding(k, f"pick_id('{k}')", show=False) for k in string.ascii_lowercase[:12]),
    ]

    DEFAULT_CSS = """
    ChoiceList { height: auto; max-height: 60%; border: round $panel-lighten-2; }
    """

    class Chosen(Message):
        def __init__(self, option_id: str) -> None:
            super().__init__()
            self.option_id = option_id

    def __init__(self, question: Question, lang: Lang) -> None:
        super().__init__(id="choices")
        self.question = question
        self.lang = lang
        self.chosen: str | None = None
        self._fill()

    def _fill(self) -> None:
        """The options (and, once answered, their explanations), wrapped with a hanging
        indent: OptionList itself would start every continued line at the left edge."""
        highlighted = self.highlighted
        self.clear_options()
        width = (self.size.width or self.app.size.width - 4) - 4  # the border and padding
        for n, option in enumerate(self.question.options):
            mark = ""
            if self.chosen is not None:
                right = option.id == self.question.answer
                mark = "✓ " if right else ("✗ " if option.id == self.chosen else "  ")
            head = f"{mark}{option_key(n)}) {option.id}. "
            pad = " " * len(head)
            lines = wrap(render_prose(option.text(self.lang)), width, indent=head, hang=pad)
            prompt = escape("\n".join(lines)).replace(f"{option.id}. ", f"[b]{option.id}[/b]. ", 1)
            if self.chosen is not None:
                why = wrap(render_prose(option.explanation(self.lang)), width, indent=pad, hang=pad)
                prompt += "\n[dim]" + escape("\n".join(why)) + "[/dim]"
            self.add_option(Option(prompt.replace(NO_BREAK, " "), id=option.id))
        if highlighted is not None:
            self.highlighted = highlighted

    def on_resize(self) -> None:
        self._fill()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Picking keys work until the question is answered, and only for options that exist
        (otherwise the key goes on to the screen: h for a hint, n to move on, …)."""
        if action == "pick":
            return self.chosen is None and int(parameters[0]) < len(self.question.options)  # type: ignore[call-overload]
        if action == "pick_id":
            return self.chosen is None and any(o.id == parameters[0] for o in self.question.options)
        return True

    def action_pick(self, index: int) -> None:
        if index < len(self.question.options):
            self._choose(self.question.options[index].id)

    def action_pick_id(self, option_id: str) -> None:
        if any(o.id == option_id for o in self.question.options):
            self._choose(option_id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self._choose(event.option.id)

    def _choose(self, option_id: str) -> None:
        if self.chosen is not None:
            return  # answered: the marks stay as they are
        self.show_answered(option_id)
        self.post_message(self.Chosen(option_id))

    def show_answered(self, option_id: str) -> None:
        """Mark the right option and the one chosen, and show every explanation."""
        self.chosen = option_id
        self._fill()
        self.highlighted = [o.id for o in self.question.options].index(option_id)
