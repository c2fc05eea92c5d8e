"""Recursive-descent parser for the answer language (see help.py for the learner's view).

    top      := list | expr                    (lists only where numbers are asked for)
    list     := row (";" row)* [";"]           (a ";" ends a matrix row: [0.1, 0.2; 0.3, 0.4])
    row      := item ("," item)* [","]         (no "," needed between "[…] […]" rows)
    item     := "[" list "]" | "[" spaced "]" | expr
    spaced   := signed (" " signed)+           ([0.1 -0.2 0.3], as numpy prints an array)
    expr     := product (("+" | "-") product)*
    product  := unary (("*" | "/") unary | implicit)*
    implicit := power starting with a name, √ or "("   (2o, o tanh(C), σ(z)(1-σ(z)))
    unary    := ("+" | "-") unary | power          (-x^2 is -(x^2))
    power    := atom ["^" unary]                   (right-associative: 2^3^2 = 2^9)
    atom     := number | name | function ["^" n] "(" expr ")" | "√" atom | "(" expr ")"

Bounds (limits.py) are enforced as the tree is built, so nothing large is ever evaluated.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable
from fractions import Fraction
from functools import lru_cache

from tutor.i18n import Text

from . import limits, messages
from .aliases import (
    CONSTANTS,
    DEFAULT_FUNCTIONS,
    FUNCTION_SPELLINGS,
    UNAVAILABLE,
    SymbolTable,
    resolve_functions,
    splits_into,
)
from .arith import MathFault, fold
from .errors import AnswerSyntaxError
from .normalize import normalize
from .tokens import Token, tokenize
from .tree import Bin, Call, Const, Neg, Node, Num, Sym, Vec, children, symbols_in


@lru_cache(maxsize=256)
def symbol_table(symbols: tuple[str, ...]) -> SymbolTable:
    return SymbolTable(symbols)


def parse(
    text: str,
    *,
    symbols: Iterable[str] = (),
    functions: Iterable[str] = DEFAULT_FUNCTIONS,
    lists: bool = False,
    whole: bool = False,
) -> Node:
    """Parse learner text to a tree, or raise AnswerSyntaxError with a position.

    With `lists`, numbers may form vectors and matrices; there 0,62 (a decimal comma or two
    numbers?) is refused as ambiguous unless `whole` numbers are asked for (3,5 is then two).
    """
    if not isinstance(text, str):
        raise TypeError(f"answer text must be str, not {type(text).__name__}")
    if len(text) > limits.MAX_LENGTH:
        raise AnswerSyntaxError("too-long", limits.MAX_LENGTH, n=len(text), limit=limits.MAX_LENGTH)
    tokens = tokenize(normalize(text))
    if tokens[0].kind == "end":
        raise AnswerSyntaxError("empty", 0)
    table = symbol_table(tuple(symbols))
    parser = _Parser(tokens, table, resolve_functions(functions), whole)
    return parser.top(lists)


class _Parser:
    def __init__(
        self, tokens: list[Token], table: SymbolTable, functions: frozenset[str], whole: bool
    ) -> None:
        self.tokens = tokens
        self.whole = whole
        self.i = 0
        self.table = table
        self.functions = functions
        self.depth = 0
        self.nodes = 0
        self.lists = False
        self.heights: dict[int, int] = {}
        self.keep: list[Node] = []

    # --- helpers ---------------------------------------------------------------------------------

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def take(self) -> Token:
        tok = self.peek()
        self.i = min(self.i + 1, len(self.tokens) - 1)
        return tok

    def is_op(self, tok: Token, ops: str) -> bool:
        return tok.kind == "op" and tok.text in ops

    def enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > limits.MAX_DEPTH:
            raise AnswerSyntaxError("too-deep", pos, limit=limits.MAX_DEPTH)

    def make(self, node: Node) -> Node:
        """Count the node and fold it to a constant if it has no symbols."""
        self.nodes += 1
        if self.nodes > limits.MAX_NODES:
            raise AnswerSyntaxError("too-complex", node.pos, limit=limits.MAX_NODES)
        height = 1 + max((self.heights.get(id(c), 1) for c in children(node)), default=0)
        if height > limits.MAX_HEIGHT:
            raise AnswerSyntaxError("too-tall", node.pos, limit=limits.MAX_HEIGHT)
        if not isinstance(node, Vec) and any(isinstance(c, Vec) for c in children(node)):
            raise AnswerSyntaxError("vector-arithmetic", node.pos)  # (1, 2)*3
        try:
            value = fold(node)
        except MathFault as fault:
            raise AnswerSyntaxError(fault.code, node.pos) from None
        if value is not None:
            node = dataclasses.replace(node, const=value)
        self.heights[id(node)] = height
        self.keep.append(node)  # ids in `heights` stay valid while the parse runs
        return node

    # --- grammar ---------------------------------------------------------------------------------

    def top(self, lists: bool) -> Node:
        self.lists = lists
        node = self.items(0, bracketed=False) if lists else self.expr()
        tok = self.peek()
        if tok.kind == "op" and isinstance(node, Vec):
            raise AnswerSyntaxError("vector-arithmetic", tok.pos)  # [1, 2]*2
        if tok.kind != "end":
            raise self.unexpected(tok, lists)
        return node

    def items(self, level: int, bracketed: bool) -> Node:
        start = self.peek().pos
        rows: list[list[Node]] = [[]]
        spaced = bracketed and self.spaced()
        while True:
            tok = self.peek()
            if tok.kind == "[":
                rows[-1].append(self.bracket(level))
            elif tok.kind in (",", ";", "]", "end"):
                raise AnswerSyntaxError("empty-item", tok.pos)
            else:
                rows[-1].append(self.unary() if spaced else self.expr())
            nxt = self.peek()
            if nxt.kind == ",":
                self.refuse_decimal_comma(nxt)
                self.take()
            elif nxt.kind == ";":
                self.take()
                rows.append([])
            elif not (spaced and nxt.kind != "]") and not (
                nxt.kind == "[" and isinstance(rows[-1][-1], Vec)  # [0.1, 0.2] [0.3, 0.4]
            ):
                break
            if self.peek().kind in ("]", "end"):  # a trailing comma or semicolon is harmless
                break
        if not rows[-1]:
            rows.pop()
        if len(rows) > 1:
            if level > 1 or any(isinstance(item, Vec) for row in rows for item in row):
                raise AnswerSyntaxError("list-too-deep", start)
            return self.make(Vec(tuple(self.make(Vec(tuple(r), start)) for r in rows), start))
        if not bracketed and len(rows[0]) == 1:  # 0.5 is a number, [0.5] a vector
            return rows[0][0]
        return self.make(Vec(tuple(rows[0]), start))

    def bracket(self, level: int) -> Node:
        opening = self.take()
        if level >= 2:
            raise AnswerSyntaxError("list-too-deep", opening.pos)
        self.enter(opening.pos)
        inner = self.items(level + 1, bracketed=True)
        self.depth -= 1
        if self.peek().kind != "]":
            raise AnswerSyntaxError("unclosed-bracket", opening.pos)
        self.take()
        return inner

    def spaced(self) -> bool:
        """Whether the bracket just opened holds signed numbers apart by spaces only, as numpy
        prints them ([0.1 -0.2]); 0.1 - 0.2 and 0.1-0.2 stay arithmetic."""
        k, count = self.i, 0
        while True:
            tok = self.tokens[k]
            if tok.kind == "]":
                return count >= 2
            if count and not tok.space_before:
                return False
            if self.is_op(tok, "+-"):
                k += 1
                tok = self.tokens[k]
                if tok.space_before:
                    return False
            if tok.kind != "num":
                return False
            count += 1
            k += 1

    def refuse_decimal_comma(self, comma: Token) -> None:
        """0,62: a decimal comma, or 0 and 62? Refused, unless whole numbers are asked (3,5)."""
        error = None if self.whole else self.decimal_comma(comma)
        if error is not None:
            raise error

    def decimal_comma(self, comma: Token) -> AnswerSyntaxError | None:
        """The error for a comma between two digits (at the current token), if it is one."""
        before, after = self.tokens[self.i - 1], self.peek(1)
        if comma.space_before or after.space_before or self.i == 0:
            return None
        if before.kind == after.kind == "num" and before.text.isdigit() and after.text.isdigit():
            return AnswerSyntaxError("decimal-comma", comma.pos, a=before.text, b=after.text)
        return None

    def row(self, first: Node, pos: int) -> Node:
        found = [first]
        while self.peek().kind == ",":
            self.refuse_decimal_comma(self.peek())
            self.take()
            if self.peek().kind == ")":
                break
            found.append(self.expr())
        return self.make(Vec(tuple(found), pos))

    def expr(self) -> Node:
        left = self.product()
        while self.is_op(self.peek(), "+-"):
            tok = self.take()
            right = self.product()
            left = self.make(Bin(tok.text, left, right, tok.pos))
        return left

    def product(self) -> Node:
        left = self.unary()
        after_division = False
        while True:
            tok = self.peek()
            if self.is_op(tok, "*/"):
                self.take()
                right = self.unary()
                left = self.make(Bin(tok.text, left, right, tok.pos))
                after_division = tok.text == "/"
            elif tok.kind in ("name", "sqrt", "("):
                if after_division:  # 1/2o: (1/2)o or 1/(2o)? refuse rather than guess
                    raise AnswerSyntaxError("ambiguous-division", tok.pos)
                right = self.power()
                left = self.make(Bin("*", left, right, tok.pos, implicit=True))
            elif tok.kind == "num":
                raise AnswerSyntaxError("two-numbers", tok.pos)
            else:
                return left

    def unary(self) -> Node:
        tok = self.peek()
        if self.is_op(tok, "+-"):
            self.take()
            self.enter(tok.pos)
            arg = self.unary()
            self.depth -= 1
            return arg if tok.text == "+" else self.make(Neg(arg, tok.pos))
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        tok = self.peek()
        if not self.is_op(tok, "^"):
            return base
        self.take()
        self.enter(tok.pos)
        exponent = self.unary()
        self.depth -= 1
        if exponent.const is not None and abs(exponent.const) > limits.MAX_EXPONENT:
            raise AnswerSyntaxError(
                "exponent-too-large", _start(exponent), limit=int(limits.MAX_EXPONENT)
            )
        return self.make(Bin("^", base, exponent, tok.pos))

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            return self.make(_number(tok))
        if tok.kind == "name":
            return self.name(tok)
        if tok.kind == "sqrt":
            self.check_function("sqrt", tok)
            self.enter(tok.pos)
            arg = self.atom()
            self.depth -= 1
            return self.make(Call("sqrt", arg, tok.pos))
        if tok.kind == "(":
            self.enter(tok.pos)
            inner = self.expr()
            self.depth -= 1
            if self.peek().kind == ",":
                if not self.lists:
                    raise AnswerSyntaxError("list-not-allowed", self.peek().pos)
                inner = self.row(inner, tok.pos)  # (0.62, 0.41), as Python writes a tuple
            if self.peek().kind != ")":
                raise self.unclosed(tok)
            self.take()
            return inner
        if tok.kind == "[":
            raise AnswerSyntaxError("list-not-allowed", tok.pos)
        raise self.unexpected(tok, lists=False, operand=True)

    def name(self, tok: Token) -> Node:
        spelling = tok.text
        symbol = self.table.resolve(spelling)
        func = FUNCTION_SPELLINGS.get(spelling) or FUNCTION_SPELLINGS.get(spelling.lower())
        nxt = self.peek()
        function_power = (
            self.is_op(nxt, "^") and self.peek(1).kind == "num" and self.peek(2).kind == "("
        )
        if func is not None and (nxt.kind == "(" or function_power):
            if symbol is None:
                return self.call(func, tok)
            if func not in self.functions:
                return self.make(Sym(symbol, tok.pos))  # then implicit product with (…)
            # A name that is both, like σ with "sigma" declared: σ(z) is the function, but
            # σ(1 - σ) is the symbol times (1 - σ); the preview shows which was understood.
            node = self.call(func, tok)
            if isinstance(node, Call) and symbol in symbols_in(node.arg):
                return self.make(
                    Bin("*", self.make(Sym(symbol, tok.pos)), node.arg, nxt.pos, implicit=True)
                )
            return node
        if symbol is not None:
            self.refuse_ambiguous_step(tok)
            return self.make(Sym(symbol, tok.pos))
        if func is not None:
            self.check_function(func, tok)
            if self.is_op(nxt, "^"):
                power, arg = self.peek(1), self.peek(2)
                if power.text.isdigit() and arg.kind in ("name", "num"):  # tanh^2 C
                    raise AnswerSyntaxError(
                        "function-power-parens", tok.pos, name=spelling, n=power.text, arg=arg.text
                    )
                # tanh^-1(C), tanh^x(C)
                raise AnswerSyntaxError("function-power", nxt.pos, limit=limits.MAX_FUNCTION_POWER)
            raise AnswerSyntaxError("call-needs-parens", tok.pos, name=spelling)
        if spelling in CONSTANTS:
            return self.make(Const(CONSTANTS[spelling], tok.pos))
        if spelling.lower() in UNAVAILABLE:
            raise AnswerSyntaxError("not-available", tok.pos, name=spelling, hint=self.uses_hint())
        raise AnswerSyntaxError(
            "unknown-name", tok.pos, name=spelling, hint=self.name_hint(spelling)
        )

    def call(self, func: str, tok: Token) -> Node:
        self.check_function(func, tok)
        power: Token | None = None
        if self.is_op(self.peek(), "^"):
            self.take()
            power = self.take()
            if not power.text.isdigit() or not 1 <= int(power.text) <= limits.MAX_FUNCTION_POWER:
                raise AnswerSyntaxError(
                    "function-power", power.pos, limit=limits.MAX_FUNCTION_POWER
                )
        opening = self.take()  # "(" (checked by the caller)
        self.enter(opening.pos)
        arg = self.expr()
        self.depth -= 1
        if self.peek().kind == ",":
            raise AnswerSyntaxError("one-argument", self.peek().pos, name=tok.text)
        if self.peek().kind != ")":
            raise self.unclosed(opening)
        self.take()
        node = self.make(Call(func, arg, tok.pos))
        if power is not None:
            exponent = self.make(Num(Fraction(int(power.text)), power.text, power.pos))
            node = self.make(Bin("^", node, exponent, power.pos))
        return node

    # --- checks and messages ---------------------------------------------------------------------

    def check_function(self, func: str, tok: Token) -> None:
        if func not in self.functions:
            raise AnswerSyntaxError("not-available", tok.pos, name=tok.text, hint=self.uses_hint())

    def refuse_ambiguous_step(self, tok: Token) -> None:
        """C_t-1 or f_t+1 typed without spaces: C_{t-1}, or C_t minus 1? Refused when the
        symbol of that step (C_prev, f_next) is declared too."""
        sign, one = self.peek(), self.peek(1)
        if not (self.is_op(sign, "+-") and one.kind == "num" and one.text == "1"):
            return
        if sign.space_before or one.space_before:
            return
        step = "prev" if sign.text == "-" else "next"
        base = self.table.step_of(tok.text, step)
        if base is not None:
            raise AnswerSyntaxError(f"ambiguous-{step}", tok.pos, name=base)

    def uses_hint(self) -> Text:
        names = [*self.table.names, *(f"{f}()" for f in sorted(self.functions))]
        return messages.text("hint-uses", names=", ".join(names))

    def name_hint(self, spelling: str) -> Text:
        options: list[str] = []
        parts = splits_into(spelling, self.table)
        if parts:
            options.append("*".join(parts))
        trailing = re.fullmatch(r"(.*?[A-Za-z])(\d+)", spelling)
        if trailing and self.table.resolve(trailing.group(1)):
            options += [
                f"{trailing.group(1)}^{trailing.group(2)}",
                f"{trailing.group(1)}*{trailing.group(2)}",
            ]
        vocabulary = [*self.table.names, *self.functions]
        options += difflib.get_close_matches(spelling, vocabulary, n=2, cutoff=0.6)
        if options:
            shown = " / ".join(dict.fromkeys(options))
            return messages.text("hint-did-you-mean", options=shown)
        if not self.table.names:
            return messages.text("hint-no-symbols")
        return self.uses_hint()

    def unclosed(self, opening: Token) -> AnswerSyntaxError:
        closing = self.peek()
        if closing.kind == "]":
            return AnswerSyntaxError("unmatched-close", closing.pos, ch="]")
        if closing.kind == "end":
            return AnswerSyntaxError("unclosed-paren", opening.pos)
        return self.unexpected(closing, lists=False)

    def unexpected(self, tok: Token, lists: bool, operand: bool = False) -> AnswerSyntaxError:
        if tok.kind in (")", "]"):
            return AnswerSyntaxError("unmatched-close", tok.pos, ch=tok.text)
        if operand:
            return AnswerSyntaxError("expected-operand", tok.pos)
        if tok.kind == "," and not lists:  # 0,5*f in a formula: most likely a decimal comma
            return self.decimal_comma(tok) or AnswerSyntaxError("list-not-allowed", tok.pos)
        if tok.kind == ";":
            return AnswerSyntaxError("separator", tok.pos, ch=";")
        if tok.kind == "num":
            return AnswerSyntaxError("two-numbers", tok.pos)
        return AnswerSyntaxError("expected-operand", tok.pos)


def _number(tok: Token) -> Num:
    mantissa, _, exponent = tok.text.lower().partition("e")
    if sum(c.isdigit() for c in mantissa) > limits.MAX_DIGITS:
        raise AnswerSyntaxError("number-too-long", tok.pos, limit=limits.MAX_DIGITS)
    if exponent and (len(exponent) > 5 or abs(int(exponent)) > limits.MAX_LITERAL_EXPONENT):
        raise AnswerSyntaxError("number-range", tok.pos, limit=limits.MAX_LITERAL_EXPONENT)
    return Num(Fraction(tok.text), tok.text, tok.pos)


def _start(node: Node) -> int:
    """Where the text of `node` begins (a binary node's own position is its operator's)."""
    while isinstance(node, Bin):
        node = node.left
    return node.pos
