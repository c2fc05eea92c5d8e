"""What every screen of the tutor shares: the typed app and footer labels in its language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message_pump import MessagePump

from tutor.ui.bindings import localize

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


class Localized(MessagePump):
    """Mixed into a Screen: its footer labels follow the app's language from the start.

    (Textual runs the on_mount of every class in the MRO, so subclasses keep their own.)
    """

    app: TutorApp

    def on_mount(self) -> None:
        localize(self, self.app.lang)  # type: ignore[arg-type]  # mixed into a Screen
