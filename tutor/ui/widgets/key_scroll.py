"""A vertical scroll area in which every scrolling key counts, however fast keys arrive.

Textual's key scrolls (↓, ↑, PgDn, …) call ``scroll_to`` deferred until after the next
refresh, computing the new position from ``scroll_target_y`` (or ``scroll_y``), which only
moves when that deferred call runs. Keys that arrive in one read (tmux sends ten ↓ or j in
one write; a held key, a paste) are all handled before the refresh, so each one computes
the same target and only the first counts. Here each key scrolls at once from where the
previous one left the target.
"""

from __future__ import annotations

from textual.actions import SkipAction
from textual.containers import VerticalScroll


class KeyScroll(VerticalScroll):
    def scroll_by_keys(self, lines: float) -> None:
        """Scroll ``lines`` (negative: up) from where the last key left it, at once."""
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_to(y=self.scroll_target_y + lines, animate=False, immediate=True)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def action_scroll_down(self) -> None:
        self.scroll_by_keys(1)

    def action_scroll_up(self) -> None:
        self.scroll_by_keys(-1)

    def action_page_down(self) -> None:
        self.scroll_by_keys(self._page())

    def action_page_up(self) -> None:
        self.scroll_by_keys(-self._page())
