"""Mastery as a bar of block characters, the same on home and on the progress screen."""

from __future__ import annotations

BAR_CELLS = 10
_EIGHTHS = " ▏▎▍▌▋▊▉"


def mastery_bar(share: float, cells: int = BAR_CELLS) -> str:
    """The share as filled blocks (to an eighth) then shaded ones, legible without colour:
    ``███▌░░░░░░  35%``."""
    eighths = round(max(0.0, min(1.0, share)) * cells * 8)
    full, part = divmod(eighths, 8)
    partial = _EIGHTHS[part] if part else ""
    rest = cells - full - (1 if partial else 0)
    return f"{'█' * full}{partial}{'░' * rest} {share:4.0%}"
