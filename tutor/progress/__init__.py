"""The learner's progress: a SQLite store of attempts, levels and small state. Pure: no UI.

    store, notices = open_store(data_dir, version=tutor.__version__)
"""

from tutor.progress.opening import (
    FILE_NAME,
    Notice,
    default_data_dir,
    in_memory,
    open_store,
    verify,
)
from tutor.progress.records import OUTCOMES, Attempt, LessonStats, Level, Mock, Outcome
from tutor.progress.store import Store

__all__ = [
    "FILE_NAME",
    "OUTCOMES",
    "Attempt",
    "LessonStats",
    "Level",
    "Mock",
    "Notice",
    "Outcome",
    "Store",
    "default_data_dir",
    "in_memory",
    "open_store",
    "verify",
]
