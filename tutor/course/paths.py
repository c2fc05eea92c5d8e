"""Where the shipped content lives: inside the wheel, or beside the package in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def content_dir() -> Path:
    """The shipped content folder.

    A wheel carries it as ``tutor/content`` (see pyproject.toml); a source checkout or an
    editable install reads ``content/`` at the repository root.
    """
    packaged = _PACKAGE / "content"
    if (packaged / "course.toml").is_file():
        return packaged
    return _PACKAGE.parent / "content"
