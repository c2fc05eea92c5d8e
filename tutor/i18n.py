"""The two languages and the one type for text in both, shared by every room of the tutor.

This module sits below all the rooms (course, answers, engine, progress, …): any of them may
import it, and it imports nothing of the tutor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """A text in both languages: ``Text("你好", "hello")("en") == "hello"``."""

    zh: str
    en: str

    def __call__(self, lang: Lang | str) -> str:
        return self.zh if lang == "zh" else self.en

    @classmethod
    def same(cls, text: str) -> Text:
        """A text that reads the same in both languages (a formula, a name, a number)."""
        return cls(text, text)

    def format(self, **values: object) -> Text:
        """``str.format`` in each language; a value that is itself a Text is filled per language."""
        return Text(
            self.zh.format(**{k: v("zh") if isinstance(v, Text) else v for k, v in values.items()}),
            self.en.format(**{k: v("en") if isinstance(v, Text) else v for k, v in values.items()}),
        )

    def __add__(self, other: Text) -> Text:
        return Text(self.zh + other.zh, self.en + other.en)

    def join(self, parts: Iterable[Text]) -> Text:
        """The parts with this text between them, like ``str.join``."""
        items = list(parts)
        return Text(self.zh.join(p.zh for p in items), self.en.join(p.en for p in items))

    def as_dict(self) -> dict[str, str]:
        """For JSON output: ``{"zh": …, "en": …}``."""
        return {"zh": self.zh, "en": self.en}


def default_lang(environ: Mapping[str, str]) -> Lang:
    """zh for a zh_* locale, else en; LC_ALL overrides LC_MESSAGES overrides LANG (POSIX)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
