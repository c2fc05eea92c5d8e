"""Lesson Markdown with LaTeX formulas -> Markdown with terminal-text formulas."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from tutor.course.mathtext import render_latex

__all__ = ["FORMULA_FENCE", "Formula", "find_formulas", "render_inline", "render_markdown"]

# The info string of the fence that holds one display formula, as one line of terminal text;
# the reader lays it out to its width (tutor.course.layout), so it is never cut off.
FORMULA_FENCE = "math"

_INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$(?!\$)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_END = re.compile(rf"[{_CJK}]$")
_CJK_START = re.compile(rf"\s*[{_CJK}]")
# Full-width punctuation carries its own space: a line break after it is none, whatever
# follows, unless the next line starts a block of its own (a list item, a heading, a table).
_FULL_STOPS = "，。、；：！？）」』》”"
_CJK_PUNCT_END = re.compile(rf"[{_FULL_STOPS}]$")
_BLOCK_START = re.compile(r"\s*(?:[-*+]\s|\d+[.)]\s|#|>|\||$)")
# Characters that would turn rendered maths into Markdown syntax (W_f … b_f is emphasis).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


@dataclass(frozen=True)
class Formula:
    """One formula of a Markdown text: its LaTeX, 1-based line, and whether it is display."""

    latex: str
    line: int
    display: bool


def _blocks(md: str) -> Iterator[tuple[str, int, str]]:
    """Split into ("text" | "code" | "display", first line, text) pieces, in order."""
    lines = md.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line):
            j = i + 1
            while j < len(lines) and not _FENCE.match(lines[j]):
                j += 1
            yield "code", i + 1, "\n".join(lines[i : j + 1])
            i = j + 1
            continue
        stripped = line.strip()
        if stripped.startswith("$$"):
            body, j = stripped[2:], i
            while not body.rstrip().endswith("$$") or (j == i and len(stripped) < 4):
                j += 1
                if j >= len(lines):
                    body += " $$$"  # unclosed: render_latex sees the stray $ and complains
                    break
                body += "\n" + lines[j].strip()
            yield "display", i + 1, body.rstrip()[:-2]
            i = j + 1
            continue
        yield "text", i + 1, line
        i += 1


def find_formulas(md: str) -> list[Formula]:
    """Every formula, with the line it starts on (code blocks are skipped)."""
    found: list[Formula] = []
    for kind, line, text in _blocks(md):
        if kind == "display":
            found.append(Formula(text.strip(), line, True))
        elif kind == "text":
            found.extend(Formula(m.group(1), line, False) for m in _INLINE.finditer(text))
    return found


def render_inline(text: str) -> str:
    """Render the `$…$` formulas of one line of prose (prompts, options) as plain text."""
    return _INLINE.sub(lambda m: render_latex(m.group(1)), text)


Run = tuple[Literal["text", "strong", "code"], str]
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|`([^`\n]+)`")


def prose_runs(text: str) -> list[Run]:
    """A question's prose (prompt, option, explanation, hint) as runs of plain text, **strong**
    and `code`, its formulas rendered (a formula inside `code` stays as written)."""
    runs: list[Run] = []
    at = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > at:
            runs.append(("text", render_inline(text[at : match.start()])))
        strong, code = match.groups()
        runs.append(("strong", render_inline(strong)) if strong is not None else ("code", code))
        at = match.end()
    if at < len(text):
        runs.append(("text", render_inline(text[at:])))
    return runs


def render_prose(text: str) -> str:
    """The prose as plain text: formulas rendered, the ** and ` markers dropped."""
    return "".join(piece for _, piece in prose_runs(text))


def _continued(previous: str, line: str) -> str | None:
    """``line`` as the rest of ``previous``'s paragraph with no space between, else None.

    That is after full-width punctuation, or between two CJK characters (a quote's lines
    both start with ">").
    """
    previous = previous.rstrip()
    quoted = previous.startswith(">") and line.startswith(">")
    rest = line[1:] if quoted else line
    if previous.startswith("#") or (line.startswith(">") and not quoted):
        return None
    if (_CJK_END.search(previous) and _CJK_START.match(rest)) or (
        _CJK_PUNCT_END.search(previous) and not _BLOCK_START.match(rest)
    ):
        return rest.lstrip()
    return None


def _inline_markdown(latex: str) -> str:
    """An inline formula as Markdown text, escaped so that W_f … b_f is not emphasis."""
    return _MD_SPECIAL.sub(r"\\\1", render_latex(latex))


def render_markdown(md: str) -> str:
    """Markdown for display: inline maths as escaped text, display maths as its own block
    (a FORMULA_FENCE holding the formula on one line).

    Raises MathError for a formula outside the supported subset (content check reports it
    with its line before a learner ever sees it).
    """
    out: list[str] = []
    for kind, _line, text in _blocks(md):
        if kind == "display":
            out.extend(["", f"```{FORMULA_FENCE}", render_latex(text.strip()), "```", ""])
        elif kind == "text":
            line = _INLINE.sub(lambda m: _inline_markdown(m.group(1)), text)
            joined = _continued(out[-1], line) if out else None
            if joined is not None:
                out[-1] = out[-1].rstrip() + joined  # a soft line break in Chinese is no space
            else:
                out.append(line)
        else:
            out.append(text)
    return "\n".join(out)
