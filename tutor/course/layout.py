"""Fitting rendered formulas and code lines to a width, hiding nothing.

A display formula too wide for its line breaks as typeset mathematics does: first between the
formulas of a list (`a = 1,  b = 2`), then before a relation (=, ≤, ←, …) with the relation
under the first one, then before + or − with the term under the right-hand side, then before
⊙, · or ×, then between juxtaposed factors or after a comma; breaks inside brackets come after
all breaks outside them, and continue just inside the bracket. When an aligned continuation
would not fit, it moves left; only a line that no break can save is cut, with a marker (↪)
on its continuation. Code lines wrap at spaces, with the same marker.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["CONTINUED", "cell_len", "continuation_prefix", "layout_formula", "wrap_code"]

CONTINUED = "↪"  # starts a line that continues one cut at the edge
INDENT = 4  # continuation of a formula that has no relation to align on
RELATIONS = set("=≈≤≥<>≠←→⇒⇐≡∼∝∈∉⊂↦≪≫")
ADDITIVE = set("+−±∓⊕")
MULTIPLICATIVE = set("⊙·×⊗∘∗")
OPEN, CLOSE = "([{⟨", ")]}⟩"
BARS = "|‖"
BIG_OPERATORS = set("∑∏∫")

# Kinds of break, in the order they are tried.
LIST, RELATION, SUM, PRODUCT, FACTOR = range(5)


def cell_len(text: str) -> int:
    """Terminal cells: wide CJK characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


@dataclass(frozen=True)
class _Break:
    start: int  # the spaces text[start:end] vanish at a break
    end: int
    depth: int
    kind: int
    bracket: int  # the innermost open bracket's position, or -1 at the top level

    @property
    def rank(self) -> tuple[int, int]:
        return (self.depth, self.kind)


def _partners(text: str) -> set[int]:
    """Positions of the bars that pair up (|x|, ‖g‖); a lone bar (∂C/∂x |ₐ) opens nothing."""
    paired: set[int] = set()
    for bar in BARS:
        spots = [i for i, c in enumerate(text) if c == bar]
        paired.update(spots[: len(spots) // 2 * 2])
    return paired


def _breaks(text: str) -> list[_Break]:
    """Every place the formula may break, with how deep in brackets it lies."""
    found: list[_Break] = []
    stack: list[int] = []
    paired = _partners(text)
    i = 0
    while i < len(text):
        c = text[i]
        if c in OPEN or (c in BARS and i in paired and not (stack and text[stack[-1]] == c)):
            stack.append(i)
        elif (c in CLOSE or (c in BARS and i in paired)) and stack:
            stack.pop()
        elif c == " ":
            end = i
            while end < len(text) and text[end] == " ":
                end += 1
            kind = _kind(text, i, end, depth=len(stack))
            if kind is not None and i > 0 and end < len(text):
                found.append(_Break(i, end, len(stack), kind, stack[-1] if stack else -1))
            i = end
            continue
        i += 1
    return found


def _kind(text: str, start: int, end: int, depth: int) -> int | None:
    before, after = text[start - 1 : start], text[end : end + 2]
    spaced_after = after[1:] == " "
    if end - start >= 2 and depth == 0 and before in ",;":
        return LIST  # ",\quad" between two formulas
    if after[:1] in RELATIONS and spaced_after:
        return RELATION
    if after[:1] in ADDITIVE and spaced_after:
        return SUM
    if after[:1] in MULTIPLICATIVE and spaced_after:
        return PRODUCT
    if before in RELATIONS | ADDITIVE | MULTIPLICATIVE:
        return None  # the space after an operator: break before operators only
    word = text[text.rfind(" ", 0, start) + 1 : start]
    if word[:1] in BIG_OPERATORS:
        return None  # ∑ₖ stays with its summand
    return FACTOR


def layout_formula(text: str, width: int) -> list[str]:
    """The formula's lines, each at most `width` cells when a break allows it."""
    if cell_len(text) <= width or width <= 0:
        return [text]
    breaks = _breaks(text)
    if lists := [b for b in breaks if b.kind == LIST]:  # each formula of a list on its own
        starts, ends = [0, *(b.end for b in lists)], [*(b.start for b in lists), len(text)]
        pairs = zip(starts, ends, strict=True)
        return [line for s, e in pairs for line in layout_formula(text[s:e], width)]
    relations = [b.end for b in breaks if b.kind == RELATION and b.depth == 0]
    ranks = sorted({b.rank for b in breaks})
    for squeeze in (False, True):
        for rank in ranks:
            chosen = [b for b in breaks if b.rank <= rank]
            lines = _fill(text, chosen, relations, width, squeeze)
            if all(cell_len(line) <= width for line in lines):
                return lines
    lines = _fill(text, breaks, relations, width, squeeze=True)
    return [piece for line in lines for piece in _cut(line, width)]


def _fill(
    text: str, breaks: list[_Break], relations: list[int], width: int, squeeze: bool
) -> list[str]:
    """Greedy: each piece goes on the current line if it fits, else starts the next one.

    `squeeze` moves a continuation left when its alignment would push it past the edge.
    """
    columns: dict[int, int] = {}  # where each character landed, for aligning continuations
    lines: list[str] = []
    line, start = "", 0
    previous: _Break | None = None
    for cut in [*breaks, None]:
        piece = text[start : len(text) if cut is None else cut.start]
        if previous is not None:
            gap = text[previous.start : previous.end]
            if cell_len(line + gap + piece) > width:
                lines.append(line)
                column = _continuation(previous, columns, relations)
                if squeeze:
                    column = max(0, min(column, width - cell_len(piece)))
                line = " " * column
            else:
                line += gap
        column = cell_len(line)
        for offset, c in enumerate(piece):
            columns[start + offset] = column
            column += cell_len(c)
        line += piece
        if cut is not None:
            previous, start = cut, cut.end
    lines.append(line)
    return lines


def _continuation(cut: _Break, columns: dict[int, int], relations: list[int]) -> int:
    """The column a line continued at `cut` starts in."""
    operand = 2 if cut.kind == FACTOR else 0  # a factor lines up with the terms after "+ "
    if cut.depth > 0:
        return columns[cut.bracket] + 1 + operand
    first = next((r for r in relations if r < cut.end), None)
    if first is None:
        return INDENT + operand
    if cut.kind == RELATION:
        return columns[first]
    return columns[first] + 2 + operand  # "= " then the right-hand side


def _cut(line: str, width: int) -> list[str]:
    """A line no break could fit, cut at the edge; each continuation starts with ↪."""
    pieces: list[str] = []
    prefix = ""
    while cell_len(prefix + line) > width:
        room, taken = width - cell_len(prefix), 0
        while taken < len(line) and cell_len(line[: taken + 1]) <= room:
            taken += 1
        taken = max(taken, 1)
        while taken < len(line) and unicodedata.combining(line[taken]):
            taken += 1  # keep C̃ whole
        pieces.append(prefix + line[:taken])
        line, prefix = line[taken:], CONTINUED + " "
    pieces.append(prefix + line)
    return pieces


def wrap_code(line: str, width: int) -> list[tuple[int, int]]:
    """Where a code line wraps: (start, end) character spans, one per screen line.

    Every span after the first is shown after `continuation_prefix`. A line breaks at the
    start of the last run of spaces that fits (code aligned before a `#` comment), else at
    the last space, else at the edge; the spaces at a break are not shown.
    """
    spans: list[tuple[int, int]] = []
    start, room = 0, width
    indent = len(line) - len(line.lstrip(" "))
    while cell_len(line[start:]) > room:
        end = start
        while end < len(line) and cell_len(line[start : end + 1]) <= room:
            end += 1
        end, resume = _code_break(line, start + max(indent, 1), end)
        spans.append((start, max(end, start + 1)))
        start, room = max(resume, start + 1), width - len(continuation_prefix(line, width))
        room = max(room, 1)
    spans.append((start, len(line)))
    return spans


def _code_break(line: str, low: int, high: int) -> tuple[int, int]:
    """Where a span that must end by `high` ends, and where the next one starts."""
    if high >= len(line):
        return high, high
    spaces = [i for i in range(low, high + 1) if line[i] == " " and line[i - 1] != " "]
    runs = [i for i in spaces if line[i : i + 2] == "  "]
    if not (chosen := (runs or spaces)[-1:]):
        return high, high
    end = resume = chosen[0]
    while resume < len(line) and line[resume] == " ":
        resume += 1
    return end, resume


def continuation_prefix(line: str, width: int) -> str:
    """What a wrapped code line's continuation starts with: its indentation, then ↪."""
    indent = min(len(line) - len(line.lstrip(" ")), max(0, width // 2 - 2))
    return " " * indent + CONTINUED + " "
