"""Numbers as text, the way a learner types them in an answer."""

from __future__ import annotations

from typing import Any

import numpy as np


def format_value(value: Any, decimals: int) -> str:
    """A number, vector or matrix as typed in an answer: 0.25, [0.62, 0.41], [[…], […]]."""
    if isinstance(value, str):
        return value
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        text = f"{float(array):.{decimals}f}"
        return "0." + "0" * decimals if text.lstrip("-") == "0." + "0" * decimals else text
    return "[" + ", ".join(format_value(row, decimals) for row in array) + "]"
