"""The text for the character cloze: the lessons shipped with the package (torch-free).

Content is still being written, so this takes the best source that has enough text:
the English lessons, else the Chinese ones, else any Markdown under content/, else this
package's own source (always shipped). It never downloads anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tutor.course.paths import content_dir
from tutor.i18n import Text

MIN_CHARS = 4000  # below this a cloze model memorises the text instead of learning it
UNK, MASK = 0, 1  # reserved ids; characters start at 2


@dataclass(frozen=True)
class Corpus:
    """Text encoded as ids over its most frequent characters; rarer ones become UNK."""

    ids: tuple[int, ...]
    chars: tuple[str, ...]  # id 2 + k is chars[k]
    source: str  # which files, for the report
    about: Text  # the same, for the learner

    @property
    def vocab(self) -> int:
        return len(self.chars) + 2


def _sources(content: Path) -> list[tuple[str, Callable[[], list[Path]]]]:
    package = Path(__file__).resolve().parent.parent
    return [
        ("content/*/lesson.en.md", lambda: sorted(content.glob("*/lesson.en.md"))),
        ("content/*/lesson.zh.md", lambda: sorted(content.glob("*/lesson.zh.md"))),
        ("content/**/*.md", lambda: sorted(content.glob("**/*.md"))),
        ("tutor/**/*.py", lambda: sorted(package.glob("**/*.py"))),
    ]


def _read(paths: list[Path]) -> str:
    parts = []
    for path in paths:
        try:
            parts.append(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue  # a file being written or removed right now: skip it
    return "\n".join(parts)


def load_corpus(max_chars: int = 48, content: Path | None = None) -> Corpus:
    """The first source with at least MIN_CHARS characters, encoded over ``max_chars`` symbols."""
    content = content or content_dir()
    text, source, about = "", "", Text("", "")
    for label, find in _sources(content):
        paths = find()
        text = _read(paths)
        source = f"{label} ({len(paths)} files, {len(text)} chars)"
        about = Text(
            f"{label}（{len(paths)} 个文件，{len(text):,} 个字符）",
            f"{label} ({len(paths)} file{'' if len(paths) == 1 else 's'}, {len(text):,} characters)",
        )
        if len(text) >= MIN_CHARS:
            break
    text = " ".join(text.split())  # layout whitespace is noise for a cloze
    chars = tuple(c for c, _ in Counter(text).most_common(max_chars))
    index = {c: i + 2 for i, c in enumerate(chars)}
    return Corpus(tuple(index.get(c, UNK) for c in text), chars, source, about)
