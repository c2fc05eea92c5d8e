"""Text shown inside Textual markup, made inert.

Textual's markup parser takes more as a tag than Rich's does ("[0, ∞)" and a later "[dim]"
read as one tag), and rich.markup.escape only escapes what looks like a Rich tag; so every
"[" of course text, answers and formulas is escaped here.
"""

from __future__ import annotations


def escape(text: str) -> str:
    """`text` as literal characters inside markup."""
    return text.replace("[", "\\[")


def prose(text: str) -> str:
    """A question's prose as markup: formulas rendered, **strong** in bold, `code` in bold
    and without its backticks, everything else inert."""
    from tutor.course.markdown import prose_runs

    styles = {"text": "{}", "strong": "[b]{}[/b]", "code": "[b]{}[/b]"}
    return "".join(styles[kind].format(escape(piece)) for kind, piece in prose_runs(text))
