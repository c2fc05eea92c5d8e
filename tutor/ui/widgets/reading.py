"""The lesson text: Markdown whose formulas and code fit the width, so nothing is cut off.

Textual's MarkdownFence scrolls sideways with its scrollbar hidden, so whatever is wider than
the screen is out of reach. Here a fence lays itself out again whenever its width changes:
a display formula (a ```math fence from tutor.course.markdown) breaks as typeset mathematics
does (tutor.course.layout), and a code line wraps with a ↪ on its continuation. Only the
fences that are resized do any work; the document is not parsed again.
"""

from __future__ import annotations

from markdown_it.token import Token
from textual import events
from textual.content import Content
from textual.widgets import Label, Markdown
from textual.widgets._markdown import MarkdownFence

from tutor.course.layout import continuation_prefix, layout_formula, wrap_code
from tutor.course.markdown import FORMULA_FENCE
from tutor.ui.cjk_markdown import markdown_parser

__all__ = ["ReadingFence", "ReadingMarkdown"]


class ReadingFence(MarkdownFence):
    """A fenced block laid out to its own width: a display formula, or code."""

    # One blank line above and below (Textual's fence has two: margin and padding), in the
    # ANSI theme too; a formula is indented, not shaded like code.
    DEFAULT_CSS = """
    ReadingFence, ReadingFence:ansi {
        overflow: hidden hidden;
        margin: 1 0;
        & > Label { padding: 0 1; }
    }
    ReadingFence.-formula, ReadingFence.-formula:ansi {
        background: transparent;
        & > Label { padding: 0 0 0 4; }
    }
    """

    def __init__(self, markdown: Markdown, token: Token, code: str) -> None:
        super().__init__(markdown, token, code)
        self.fitted_width = -1  # the width of the last layout; -1 before the first
        self.set_class(self.is_formula, "-formula")

    @property
    def is_formula(self) -> bool:
        return self.lexer == FORMULA_FENCE

    def on_resize(self, _event: events.Resize) -> None:
        self._fit()

    def set_content(self, content: Content) -> None:
        """A new highlight (the theme changed): lay it out again."""
        self._content = content
        self.fitted_width = -1
        self._fit()

    def _fit(self) -> None:
        labels = self.query(Label)
        if not labels:
            return
        label = labels.first()
        width = self.content_size.width - label.styles.gutter.width
        if width <= 0 or width == self.fitted_width:
            return  # a change of height only, after the last fit
        self.fitted_width = width
        label.update(self.fitted(width))

    def fitted(self, width: int) -> Content:
        """The block as it shows at `width` cells."""
        if self.is_formula:
            return Content("\n".join(layout_formula(self.code, width)))
        lines: list[Content] = []
        for line in self._highlighted_code.split("\n", allow_blank=True):
            (first, *rest) = (line[start:end] for start, end in wrap_code(line.plain, width))
            marker = Content.styled(continuation_prefix(line.plain, width), "dim")
            lines.append(first)
            lines.extend(marker + piece for piece in rest)
        return Content("\n").join(lines)


class ReadingMarkdown(Markdown):
    """Markdown whose fences are ReadingFences, with Chinese spacing (tutor.ui.cjk_markdown)."""

    BLOCKS = {**Markdown.BLOCKS, "fence": ReadingFence, "code_block": ReadingFence}

    def __init__(self, markdown: str | None = None, *, id: str | None = None) -> None:
        super().__init__(markdown, id=id, parser_factory=markdown_parser)
