"""The learner's language: chosen with --lang, else taken from the locale."""

from __future__ import annotations

from collections.abc import Mapping

from tutor.course.model import Lang


def default_lang(environ: Mapping[str, str]) -> Lang:
    """zh for a zh_* locale, else en; LC_ALL overrides LC_MESSAGES overrides LANG (POSIX)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
