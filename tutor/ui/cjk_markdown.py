"""Markdown as Chinese is typeset: no space drawn after full-width punctuation.

Full-width punctuation carries its own spacing, so a space after it is a stray one. Markdown
source often has one: after a run-in head ("**为什么？** 因为…": CommonMark closes the bold
after punctuation only before a space), or a line break, which Markdown draws as a space.
The parser here drops both; the source keeps what CommonMark needs.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

FULL_STOPS = "，。、；：！？）」』》”"
_SPACE_AFTER_STOP = re.compile(rf"(?<=[{FULL_STOPS}])[ \t]+(?=\S)")


def _cjk_spacing(state: StateCore) -> None:
    """A markdown-it core rule: drop the spaces and soft breaks after full-width punctuation."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        last = ""  # the last character drawn so far in this paragraph
        for child in token.children:
            stop = bool(last) and last in FULL_STOPS
            if child.type == "text":
                text = child.content.lstrip(" \t") if stop else child.content
                child.content = _SPACE_AFTER_STOP.sub("", text)
                last = child.content[-1:] or last
            elif child.type == "softbreak" and stop:
                child.type, child.content = "text", ""
            elif child.type in ("code_inline", "softbreak", "hardbreak"):
                last = child.content[-1:] if child.type == "code_inline" else " "


def markdown_parser() -> MarkdownIt:
    """Textual's own Markdown parser ("gfm-like") with :func:`_cjk_spacing` added."""
    parser = MarkdownIt("gfm-like")
    parser.core.ruler.push("cjk_spacing", _cjk_spacing)
    return parser
