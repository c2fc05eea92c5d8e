"""Names: the functions an answer may call and the spellings learners use for symbols.

A question declares canonical symbol names (``C``, ``C_prev``, ``C_tilde``, ``sigma`` …). A name
the learner types is matched to one of them by its parts — base letter, tilde, time step, other
subscripts — so all of these spellings are accepted:

=================  ==================================================================
time step t        ``C``, ``C_t``, ``C_{t}``, ``Ct``, ``Cₜ``
previous step      ``C_prev``, ``C_{t-1}``, ``C_(t-1)``, ``C_tm1``, ``Cₜ₋₁`` (``C_t-1`` is
                   ambiguous and refused with a message)
next step          ``C_next``, ``C_{t+1}``, ``C_tp1``
candidate C̃        ``C_tilde``, ``Ctilde``, ``C̃`` (C + combining tilde), ``C̃_t``
Greek letters      ``σ`` or ``sigma``, ``δ`` or ``delta``, … (letter and name are the same)
case               ``c_prev`` finds ``C_prev`` when only one declared name fits
=================  ==================================================================

Exact declared names always win; case is only ignored when that leaves one candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Canonical functions an answer may use; questions choose a subset (DEFAULT_FUNCTIONS).
KNOWN_FUNCTIONS = ("sigmoid", "tanh", "exp", "log", "sqrt", "cosh", "sinh", "sech")
DEFAULT_FUNCTIONS = frozenset({"sigmoid", "tanh", "exp", "log", "sqrt", "cosh", "sech"})

FUNCTION_SPELLINGS = {
    "sigmoid": "sigmoid", "σ": "sigmoid", "sigma": "sigmoid", "logistic": "sigmoid",
    "tanh": "tanh", "exp": "exp", "log": "log", "ln": "log", "sqrt": "sqrt", "√": "sqrt",
    "cosh": "cosh", "sinh": "sinh", "sech": "sech",
}  # fmt: skip

# Known to mathematics but not to this language: a clearer message than "unknown name".
UNAVAILABLE = frozenset({
    "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "asin", "acos",
    "atan", "atanh", "asinh", "acosh", "arctanh", "relu", "softmax", "max", "min", "abs", "sign",
    "factorial", "gamma", "erf", "floor", "ceil", "round", "sum", "prod", "diff", "integrate",
    "lambda", "eval", "exec", "import",
})  # fmt: skip

CONSTANTS = {"e": "e", "pi": "pi", "π": "pi"}

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma", "τ": "tau",
    "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi",
    "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}  # fmt: skip
GREEK_LETTER = {name: letter for letter, name in GREEK.items() if letter not in "ςϕ"}

_PREV = {"t-1", "prev", "tm1", "previous"}
_NEXT = {"t+1", "next", "tp1"}
_PART = re.compile(r"_(\{[^{}]*\}|\([^()]*\)|[^_{}()]+)")
TILDE = "\u0303"


@dataclass(frozen=True, slots=True)
class NameKey:
    """What a symbol name means, whatever its spelling."""

    base: str
    tilde: bool = False
    time: str = ""  # "" (step t or no step), "prev" or "next"
    extra: tuple[str, ...] = ()

    def folded(self) -> NameKey:
        return NameKey(
            self.base.casefold(), self.tilde, self.time, tuple(e.casefold() for e in self.extra)
        )


def name_key(name: str) -> NameKey | None:
    """Split a spelling such as ``C̃_{t-1}`` into its parts; None if it is not a name."""
    cut = name.find("_")
    base, rest = (name, "") if cut < 0 else (name[:cut], name[cut:])
    parts = _PART.findall(rest)
    if "".join("_" + p for p in parts) != rest or not base:
        return None
    tilde = base.endswith(TILDE)
    base = base.rstrip(TILDE)
    base = GREEK.get(base, base)
    if len(base) > 5 and base.lower().endswith("tilde"):
        base, tilde = base[:-5], True
    time = ""
    extra: list[str] = []
    for raw in parts:
        part = raw.strip("{}()").replace(" ", "")
        low = part.lower()
        if low == "tilde":
            tilde = True
        elif low == "t":
            continue
        elif low in _PREV:
            time = "prev"
        elif low in _NEXT:
            time = "next"
        elif part:
            extra.append(part)
    return NameKey(base, tilde, time, tuple(extra))


class SymbolTable:
    """The declared symbols of one question and how to find them from a learner's spelling."""

    def __init__(self, symbols: Iterable[str]) -> None:
        self.names: tuple[str, ...] = tuple(dict.fromkeys(symbols))
        self._keys: dict[NameKey, str] = {}
        self._folded: dict[NameKey, list[str]] = {}
        for name in self.names:
            key = name_key(name)
            if key is None:
                raise ValueError(f"not a valid symbol name: {name!r}")
            if key in self._keys:
                raise ValueError(f"symbols {self._keys[key]!r} and {name!r} name the same thing")
            self._keys[key] = name
            self._folded.setdefault(key.folded(), []).append(name)

    def resolve(self, spelling: str) -> str | None:
        """The canonical name `spelling` stands for, or None."""
        if spelling in self.names:
            return spelling
        key = name_key(spelling)
        if key is None:
            return None
        found = self._find(key)
        lazy = not key.extra and not key.time and len(key.base) >= 2 and key.base.endswith("t")
        if found is None and lazy:  # "Ct", "ht": the subscript t typed without "_"
            found = self._find(NameKey(key.base[:-1], key.tilde))
        return found

    def _find(self, key: NameKey) -> str | None:
        if key in self._keys:
            return self._keys[key]
        folded = self._folded.get(key.folded(), [])
        return folded[0] if len(folded) == 1 else None

    def step_of(self, spelling: str, step: str) -> str | None:
        """For ``C_t`` or ``Ct`` (step t written out): the base, if the symbol of `step`
        ("prev" or "next": ``C_prev``, ``C_next``) is declared too.

        Used to refuse ``C_t-1`` and ``f_t+1``: C_{t-1}, or C_t minus 1?
        """
        key = name_key(spelling)
        if key is None or key.time:
            return None
        if re.search(r"_(\{t\}|\(t\)|t)$", spelling):
            base = spelling[: spelling.rindex("_")]
        elif "_" not in spelling and len(spelling) >= 2 and spelling.endswith("t"):
            base, key = spelling[:-1], name_key(spelling[:-1])
            if key is None:
                return None
        else:
            return None
        if self._find(NameKey(key.base, key.tilde, step, key.extra)) is None:
            return None
        return base


def resolve_functions(functions: Iterable[str]) -> frozenset[str]:
    """Validate a question's function list (canonical names or spellings)."""
    out = set()
    for name in functions:
        canonical = FUNCTION_SPELLINGS.get(name)
        if canonical is None:
            raise ValueError(f"unknown function {name!r}; known: {', '.join(KNOWN_FUNCTIONS)}")
        out.add(canonical)
    return frozenset(out)


def splits_into(name: str, table: SymbolTable, limit: int = 4) -> list[str] | None:
    """``oC`` -> ["o", "C"]: how an unknown name could be a product of declared symbols."""

    longest = max(map(len, table.names), default=0)

    def search(rest: str, depth: int) -> list[str] | None:
        if not rest:
            return []
        if depth >= limit:
            return None
        for end in range(min(len(rest), longest), 0, -1):
            if rest[:end] in table.names:
                tail = search(rest[end:], depth + 1)
                if tail is not None:
                    return [rest[:end], *tail]
        return None

    parts = search(name, 0)
    return parts if parts and len(parts) > 1 else None
