"""Text boxes whose editing keys keep their order, however fast keys arrive.

Textual inserts a printable character where the key reaches the focused box, but a key
bound to an action (Backspace, Delete, ←, →, Home, Enter …) first bubbles up to the app,
which then runs the binding. Keys that arrive in one read (tmux's send-keys, a fast typist,
a macro) are therefore applied out of order: "⌫⌫⌫0.2" gave "" instead of "0.2". Here the
box runs its own bindings as the key reaches it, in order with the characters.
"""

from __future__ import annotations

from typing import Any

from textual import events


class OrderedKeys:
    """Mixed in before a text box class: ``class CellInput(OrderedKeys, Input)``.

    (Not a Widget itself, so the box keeps its own styles. Textual calls the ``_on_key`` of
    every class in the MRO, this one first; a key handled here stops the rest.)
    """

    async def _on_key(self: Any, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if self.check_action(binding.action, ()) is False:
                continue
            event.stop()
            event.prevent_default()  # the box's own _on_key is not run for it
            await self.run_action(binding.action)
            return
