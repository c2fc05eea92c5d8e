"""Answer checking: a safe input language, numeric and symbolic equivalence, mistake diagnosis.

Importing this package loads neither sympy nor numpy; the symbolic check runs in a separate
process, a SymbolicWorker, that its owner starts (it loads sympy) and closes.
"""

from .aliases import DEFAULT_FUNCTIONS, KNOWN_FUNCTIONS
from .errors import AnswerSyntaxError
from .expressions import check_expression
from .help import HELP
from .mistakes import CATALOG, Mistake
from .numbers import check_numbers, parse_numbers
from .preview import preview
from .symbolic import SymbolicWorker
from .verdict import Outcome, Preview, Verdict

__all__ = [
    "CATALOG",
    "DEFAULT_FUNCTIONS",
    "HELP",
    "KNOWN_FUNCTIONS",
    "AnswerSyntaxError",
    "Mistake",
    "Outcome",
    "Preview",
    "SymbolicWorker",
    "Verdict",
    "check_expression",
    "check_numbers",
    "parse_numbers",
    "preview",
]
