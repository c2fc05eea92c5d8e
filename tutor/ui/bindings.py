"""Footer key labels in the learner's language.

Textual's Footer shows each binding's description, fixed when the class is defined; the
screens and the app call :func:`localize` when the language changes, and it swaps in the
description from the string table, keyed by the binding's action.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from tutor.i18n import Lang
from tutor.ui.strings import KEY_LABELS


def localize(node: DOMNode, lang: Lang) -> None:
    """Give `node`'s bindings their descriptions in `lang`, and redraw the footer."""
    bindings = node._bindings.key_to_bindings  # Textual keeps no public setter for these
    for key, items in bindings.items():
        bindings[key] = [
            replace(b, description=KEY_LABELS[b.action](lang)) if b.action in KEY_LABELS else b
            for b in items
        ]
    node.refresh_bindings()
