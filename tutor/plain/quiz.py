"""`lstm-tutor quiz --plain`: practice line by line on stdin/stdout, through tutor.study.

For screen readers, terminals where the TUI cannot run, and scripts: every prompt is one
line ending in "> ", every answer one line. Commands at any prompt: :hint, :solution,
:new, :skip, :quit (and :answer, :retry after a counted attempt). The end of input ends
the session cleanly with a short summary.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from tutor.course.markdown import render_prose
from tutor.exercises.view import CellView, view
from tutor.i18n import Lang, Text
from tutor.plain.strings import P
from tutor.study.grading import OUTCOME_NAMES, Checked
from tutor.study.practice import Practice
from tutor.study.recall import RATINGS


class _Quit(Exception):
    """The learner typed :quit, or the input ended."""


class _Move(Exception):
    """Leave the current item: to the next one (:skip) or to new numbers (:new)."""

    def __init__(self, new: bool) -> None:
        super().__init__()
        self.new = new


class PlainQuiz:
    """The session line by line; `minutes` limits each item (a mock interview)."""

    def __init__(
        self,
        practice: Practice,
        title: Text,
        lang: Lang,
        out: TextIO,
        lines: Iterator[str],
        *,
        minutes: float | None = None,
    ):
        self.practice = practice
        self.title = title
        self.lang = lang
        self.out = out
        self.lines = lines
        self.minutes = minutes
        self.started = practice.clock()  # when the item on screen was shown

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def t(self, text: Text, **values: object) -> str:
        return (text.format(**values) if values else text)(self.lang)

    def ask(self, prompt: str) -> str:
        """One line of input; the commands that work everywhere are handled here."""
        self.out.write(f"{prompt}> ")
        self.out.flush()
        try:
            line = next(self.lines)
        except StopIteration:
            self.say()
            raise _Quit from None
        text = line.rstrip("\r\n")
        if not self.out.isatty():
            self.say(text)  # echo, so a transcript reads as a dialogue
        self._check_time()
        command = text.strip()
        if command == ":quit":
            raise _Quit
        if command == ":skip":
            raise _Move(new=False)
        if command == ":new":
            raise _Move(new=True)
        if command == ":hint":
            hint = self.practice.hint()
            self.say(render_prose(hint(self.lang)) if hint else self.t(P.no_hints))
            return self.ask(prompt)
        if command == ":solution":
            self.show_solution()
            return self.ask(prompt)
        return text

    def _check_time(self) -> None:
        """In a mock interview, an answer given after the item's time is not taken: the item
        is recorded as timed out and the interview moves on."""
        state = self.practice.state
        if self.minutes is None or state is None or state.attempts:
            return
        elapsed = (self.practice.clock() - self.started).total_seconds()
        if elapsed > self.minutes * 60:
            self.practice.time_out()
            self.say(self.t(P.time_up))
            raise _Move(new=False)

    # --- the session -----------------------------------------------------------------------

    def run(self) -> int:
        practice = self.practice
        self.say(f"== {self.title(self.lang)} ==")
        self.say(self.t(P.commands))
        try:
            self.walk(practice.start())
        except _Quit:
            if practice.item is not None:
                practice.next()  # leaving records a solution seen before solving
        summary = practice.summary()
        self.say(
            self.t(P.summary, items=summary.items, answered=summary.answered, correct=summary.correct)
        )
        if not practice.store.saving:
            self.say(self.t(P.not_saved))
        return 0

    def walk(self, item: object) -> None:
        """Every item from the current one to the last (raises _Quit to stop early)."""
        practice = self.practice
        while item is not None:
            try:
                self.show_item()
            except _Move as move:
                if move.new:
                    item = practice.new_numbers()
                    continue
            item = practice.next()

    def show_item(self) -> None:
        practice = self.practice
        item = practice.item
        assert item is not None
        at = practice.position + 1
        self.started = practice.clock()
        self.say()
        self.say(self.t(P.position, at=at, total=len(practice.slots), correct=practice.correct))
        if self.minutes is not None:
            self.say(self.t(P.time_limit, minutes=self.minutes))
        if item.kind == "choice":
            self.choice()
        elif item.kind == "recall":
            self.recall()
        else:
            self.answer()

    def choice(self) -> None:
        item = self.practice.item
        assert item is not None
        question = item.question
        self.say(render_prose(question.prompt(self.lang)))
        ids = [o.id for o in question.options]
        for option in question.options:
            self.say(f"  {option.id}) {render_prose(option.text(self.lang))}")
        while True:
            picked = self.ask(self.t(P.choose, ids=", ".join(ids))).strip().lower()
            if picked.isdigit() and 1 <= int(picked) <= len(ids):
                picked = ids[int(picked) - 1]
            if picked in ids:
                break
            self.say(self.t(P.not_an_option, ids=", ".join(ids)))
        checked = self.practice.choose(picked)
        self.say(self.t(P.right if checked.outcome == "correct" else P.wrong, answer=question.answer))
        for option in question.options:
            mark = "✓" if option.id == question.answer else ("✗" if option.id == picked else " ")
            self.say(f"  {mark} {option.id}) {render_prose(option.explanation(self.lang))}")
        self.ask(self.t(P.enter_next))

    def recall(self) -> None:
        item = self.practice.item
        assert item is not None
        self.say(render_prose(item.question.prompt(self.lang)))
        self.say(self.t(P.write))
        written: list[str] = []
        while True:
            line = self.ask("")
            if not line.strip():
                break
            written.append(line)
        reveal = self.practice.reveal("\n".join(written))
        self.say(self.t(P.key_points))
        for point, hit in zip(reveal.points, reveal.covered, strict=True):
            self.say(f"  [{'x' if hit else ' '}] {render_prose(point(self.lang))}")
        while True:
            rating = self.ask(self.t(P.rate)).strip()
            if rating in ("1", "2", "3", "4"):
                break
        self.practice.rate(int(rating))
        self.say(self.t(P.recorded, rating=RATINGS[int(rating)]))

    def answer(self) -> None:
        item = self.practice.item
        assert item is not None and item.exercise is not None
        layout = view(item.exercise)
        self.say(render_prose(layout.prompt(self.lang)))
        if layout.givens:
            self.say(self.t(P.given))
            for given in layout.givens:
                self.say(f"  {given.label} = {given.value}")
        values: dict[str, str] = {}
        pending = [cell.name for cell in layout.cells]
        cells = {cell.name: cell for cell in layout.cells}
        while True:
            for name in pending:
                cell = cells[name]
                label = cell.label or self.t(P.answer_label)
                values[name] = self.ask(f"{label} = ? ({cell.ask(self.lang)})")
            checked = self.practice.submit(values)
            self.show_checked(checked, layout.cells)
            if not checked.counted:  # ask again for what was not understood, keep the rest
                pending = [n for n, r in checked.cells.items() if r.verdict.outcome == "invalid"]
                continue
            if checked.outcome == "correct":
                return
            choice = self.ask(self.t(P.after_wrong)).strip()
            if choice == ":retry":
                pending = [n for n, r in checked.cells.items() if r.verdict.outcome != "correct"]
                continue
            if choice == ":answer":
                self.practice.expected()
                for cell in layout.cells:
                    label = cell.label or self.t(P.answer_label)
                    self.say(f"  {label} = {layout.answers[cell.name]}")
                self.ask(self.t(P.enter_next))
            return

    def show_checked(self, checked: Checked, cells: tuple[CellView, ...]) -> None:
        for cell in cells:
            result = checked.cells[cell.name]
            verdict = result.verdict
            label = cell.label or self.t(P.answer_label)
            note = f" {self.t(P.carried)}" if result.carried_forward else ""
            self.say(f"  {label}: {self.t(OUTCOME_NAMES[verdict.outcome])}{note}")
            if verdict.outcome != "correct":
                for line in verdict.feedback(self.lang).splitlines():
                    self.say(f"    {line}")
        if checked.counted and len(cells) > 1:
            self.say(self.t(P.score, score=checked.score))

    def show_solution(self) -> None:
        item = self.practice.item
        assert item is not None
        steps = self.practice.solution()
        if not steps or item.exercise is None:
            self.say(self.t(P.no_solution))
            return
        self.say(self.t(P.solution))
        for n, step in enumerate(view(item.exercise).solution, 1):
            tail = f"  →  {step.result}" if step.result else ""
            self.say(f"  {n}. {step.text(self.lang)}{tail}")
