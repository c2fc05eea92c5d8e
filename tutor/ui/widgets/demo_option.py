"""A setting of the Demos screen as one line, "d  Device  auto": its key, name and value.

The value is a word (on / off, auto / cpu / cuda), so it reads the same in every colour
mode; the key changes it (a screen binding), and so does a click.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Static


class DemoOption(Static):
    DEFAULT_CSS = """
    DemoOption {
        height: auto;
    }
    DemoOption:hover {
        background: $boost;
    }
    """

    class Pressed(Message):
        """The learner clicked the option (the screen changes its value)."""

        def __init__(self, option: DemoOption) -> None:
            super().__init__()
            self.option = option

        @property
        def control(self) -> DemoOption:
            return self.option

    def show(self, key: str, name: str, value: str) -> None:
        self.update(Text.assemble((key, "bold"), " ", name, " ", (f" {value} ", "reverse")))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Pressed(self))
