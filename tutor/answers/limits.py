"""Bounds on learner input: every check stays small, fast and finite whatever is typed."""

from __future__ import annotations

MAX_LENGTH = 2000  # characters of raw input, checked before anything else
MAX_DEPTH = 40  # nesting: parentheses, unary signs, powers, calls
MAX_NODES = 500  # tree nodes in one answer (a 10×10 matrix of signed numbers fits)
MAX_HEIGHT = 100  # levels of the tree, so o+o+…+o cannot make printing or evaluation recurse deeply
MAX_DIGITS = 30  # digits in one number literal
MAX_LITERAL_EXPONENT = 100  # |k| in a literal such as 1e-k
MAX_EXPONENT = 100.0  # |value| of a constant exponent, so 9^9^9 is refused before any work
MAX_FUNCTION_POWER = 9  # tanh^n(C) with 1 <= n <= 9

MAX_ROUNDED_LITERALS = 8  # decimals in a formula tried one by one to explain a near miss

SYMBOLIC_TIMEOUT = 0.75  # seconds of sympy work for one check (loading it is not counted)
SYMBOLIC_LOAD_TIMEOUT = 30.0  # seconds a check waits for the worker to load sympy
