"""The symbolic check, run as a separate process: ``python -P symbolic_worker.py``.

(-P keeps this folder off sys.path: its numbers.py would shadow the standard library's.)

It reads one JSON request per line on stdin and answers one JSON line on stdout. Requests carry
answer trees already parsed and bounded by the tutor (never text), and the sympy expression is
built here node by node from a whitelist, so nothing is ever evaluated from a string. The parent
kills this process when an answer takes too long and starts a fresh one, so a pathological
simplification can cost time but cannot hang the app. It imports nothing from the tutor (it is
run as a plain file) and exits when stdin closes, so it never outlives the app.

    {"id": 1, "op": "equal", "a": TREE, "b": TREE}  ->  {"id": 1, "equal": true | false | null}

TREE is tree.to_json(): ["num", p, q], ["const", "e"|"pi"], ["sym", name], ["neg", T],
["bin", op, T, T], ["call", func, T].
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from typing import Any

_MEMORY_LIMIT = 1 << 30  # bytes of address space, where the platform lets us set one


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # not on Windows
        return
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = _MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(_MEMORY_LIMIT, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def build(tree: Any, sp: Any, symbols: dict[str, Any]) -> Any:
    """The sympy expression for a tree; anything not on the whitelist raises ValueError."""
    kind = tree[0]
    if kind == "num":
        p, q = tree[1], tree[2]
        if not (isinstance(p, int) and isinstance(q, int)) or q == 0:
            raise ValueError("bad number")
        return sp.Rational(p, q)
    if kind == "const":
        return {"e": sp.E, "pi": sp.pi}[tree[1]]
    if kind == "sym":
        name = tree[1]
        if name not in symbols:
            symbols[name] = sp.Symbol(name, real=True)
        return symbols[name]
    if kind == "neg":
        return -build(tree[1], sp, symbols)
    if kind == "bin":
        op, a, b = tree[1], build(tree[2], sp, symbols), build(tree[3], sp, symbols)
        ops = {"+": sp.Add, "-": lambda x, y: x - y, "*": sp.Mul, "/": lambda x, y: x / y,
               "^": sp.Pow}  # fmt: skip
        return ops[op](a, b)
    if kind == "call":
        arg = build(tree[2], sp, symbols)
        funcs = {
            "sigmoid": lambda x: 1 / (1 + sp.exp(-x)),
            "tanh": sp.tanh, "exp": sp.exp, "log": sp.log, "sqrt": sp.sqrt,
            "cosh": sp.cosh, "sinh": sp.sinh, "sech": sp.sech,
        }  # fmt: skip
        return funcs[tree[1]](arg)
    raise ValueError(f"unknown node {kind!r}")


def equal(a: Any, b: Any, sp: Any) -> bool:
    """Whether a - b simplifies to 0: cheap rewrites first, sympy's simplify last.

    Only asked when sampling was inconclusive; a difference that resists simplify is taken as
    not zero.
    """
    difference = a - b
    if difference == 0:
        return True
    exponential = difference.rewrite(sp.exp)  # tanh, sech, cosh, σ all become exp
    if sp.cancel(sp.expand(exponential)) == 0:
        return True
    return sp.simplify(exponential) == 0 or sp.simplify(difference) == 0


def _warm(sp: Any) -> None:
    """Load simplify's lazily imported parts now, so the first real check is fast."""
    x = sp.Symbol("x", real=True)
    equal(1 - sp.tanh(x) ** 2, sp.sech(x) ** 2, sp)


def _exit_with_parent() -> None:
    """Leave as soon as the app is gone, even in the middle of a long simplification."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def main() -> None:
    _exit_with_parent()
    _limit_memory()
    import sympy as sp

    _warm(sp)
    _send({"ready": True})
    for line in sys.stdin:
        try:
            request = json.loads(line)
        except ValueError:
            continue
        ident = request.get("id")
        try:
            symbols: dict[str, Any] = {}
            answer = equal(build(request["a"], sp, symbols), build(request["b"], sp, symbols), sp)
        except Exception:  # a failure to decide is an answer too: undecided
            answer = None
        _send({"id": ident, "equal": answer})


def _send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
