"""Open the progress store whatever state its file is in, and say what was done about it.

- no file yet: a new store;
- a file that is not SQLite, or fails SQLite's integrity check: moved aside under a
  timestamped name beside it, and a new store started;
- a file from an older schema: copied aside, then migrated;
- a file from a newer version of the tutor: left untouched, and progress kept in memory;
- a folder that cannot be written: progress kept in memory, with the reason.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from tutor.i18n import Text
from tutor.progress.schema import MIGRATIONS, SCHEMA_VERSION
from tutor.progress.store import BUSY_TIMEOUT_MS, Store

FILE_NAME = "progress.db"
_SQLITE_HEADER = b"SQLite format 3\x00"

NoticeKind = Literal["corrupt", "migrated", "newer", "unwritable"]


@dataclass(frozen=True)
class Notice:
    """Something the learner must be told about their progress file."""

    kind: NoticeKind
    path: Path
    detail: str = ""  # the kept copy (corrupt, migrated), the version found, the OS error

    @property
    def message(self) -> Text:
        return _MESSAGES[self.kind].format(path=self.path, detail=self.detail)


_MESSAGES: dict[str, Text] = {
    "corrupt": Text(
        "进度文件 {path} 已损坏，无法读取；已另存为 {detail}，并开始新的进度。",
        "The progress file {path} was damaged and could not be read; it was kept as "
        "{detail}, and a new one was started.",
    ),
    "migrated": Text(
        "进度文件 {path} 已升级到新格式；升级前的副本保存在 {detail}。",
        "The progress file {path} was upgraded to the new format; the copy from before is "
        "{detail}.",
    ),
    "newer": Text(
        "进度文件 {path} 由更新版本的 lstm-tutor 写入（格式 {detail}），本版本不会修改它；"
        "本次进度不会保存。请升级 lstm-tutor。",
        "The progress file {path} was written by a newer lstm-tutor (format {detail}); this "
        "version leaves it untouched, and progress is not saved this time. Upgrade lstm-tutor.",
    ),
    "unwritable": Text(
        "无法写入进度文件夹 {path}（{detail}）；可以照常练习，但进度不会保存。"
        "可用 --data-dir 指定其他文件夹。",
        "The progress folder {path} cannot be written ({detail}); you can practise as usual, "
        "but progress is not being saved. Choose another folder with --data-dir.",
    ),
}


#: Overrides the default folder (tests and scripts set it; --data-dir wins over it).
DATA_DIR_ENV = "LSTM_TUTOR_DATA_DIR"


def default_data_dir() -> Path:
    """$LSTM_TUTOR_DATA_DIR, else the user data folder (~/.local/share/lstm-tutor on Linux)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("lstm-tutor", appauthor=False))


def open_store(
    data_dir: Path | None = None,
    *,
    version: str,
    now: datetime | None = None,
    fuzz: bool = True,
    check: bool = True,
) -> tuple[Store, list[Notice]]:
    """The learner's store in `data_dir` (default: the user data folder), and any notices.

    `check=False` leaves SQLite's integrity check of every page (milliseconds per megabyte)
    for later: the app runs :func:`verify` once its first screen is up. A file that is not
    SQLite, or whose schema cannot be read, is still caught here.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    path = folder / FILE_NAME
    stamp = _stamp(now)
    notices: list[Notice] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if path.exists() and not _looks_like_sqlite(path):
            notices.append(Notice("corrupt", path, str(_move_aside(path, f"corrupt-{stamp}"))))
        try:
            db = _connect(path, check=check)
        except _Damaged:
            notices.append(Notice("corrupt", path, str(_move_aside(path, f"corrupt-{stamp}"))))
            db = _connect(path)
        found = db.execute("PRAGMA user_version").fetchone()[0]
        if found > SCHEMA_VERSION:
            db.close()
            notices.append(Notice("newer", path, str(found)))
            return in_memory(version, fuzz=fuzz), notices
        # only now anything is written: a newer file is left byte for byte as it was
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable when a process dies
        if 0 < found < SCHEMA_VERSION:
            backup = path.with_name(f"{path.stem}.v{found}-{stamp}{path.suffix}")
            with sqlite3.connect(backup) as copy:
                db.backup(copy)
            copy.close()
            notices.append(Notice("migrated", path, str(backup)))
        _migrate(db, found)
        return Store(db, path, version, fuzz=fuzz), notices
    except (OSError, sqlite3.OperationalError) as exc:
        notices.append(Notice("unwritable", folder, _reason(exc)))
        return in_memory(version, fuzz=fuzz), notices


def verify(store: Store, now: datetime | None = None) -> Notice | None:
    """The full integrity check of a store opened with `check=False`. A damaged file is moved
    aside, and the store goes on with a fresh one (the notice says where the old one is)."""
    if store.path is None or store.intact():
        return None
    path = store.path
    store.close()
    kept = _move_aside(path, f"corrupt-{_stamp(now)}")
    db = _connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    _migrate(db, 0)
    store.attach(db)
    return Notice("corrupt", path, str(kept))


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def in_memory(version: str, *, fuzz: bool = True) -> Store:
    """A store that keeps progress for this run only."""
    db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    _migrate(db, 0)
    return Store(db, None, version, fuzz=fuzz)


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as file:
        head = file.read(len(_SQLITE_HEADER))
    return head == _SQLITE_HEADER or head == b""


class _Damaged(Exception):
    """The file is not a usable SQLite database (as opposed to one we may not write)."""


def _connect(path: Path, *, check: bool = True) -> sqlite3.Connection:
    """Open, check and configure. Raises _Damaged for a damaged file, and OSError or
    sqlite3.OperationalError for one that cannot be opened or written."""
    db = sqlite3.connect(
        path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if check:
            result = db.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise _Damaged(result)
        else:  # the schema at least: a file that is not a database fails here
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        db.close()
        raise
    except sqlite3.DatabaseError as exc:  # "file is not a database", "disk image is malformed"
        db.close()
        raise _Damaged(str(exc)) from exc
    except _Damaged:
        db.close()
        raise
    return db


def _migrate(db: sqlite3.Connection, found: int) -> None:
    for version in range(found + 1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[version - 1]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def _statements(script: str) -> list[str]:
    """A migration split into statements (executescript would commit on its own)."""
    lines = [line.split("--")[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _move_aside(path: Path, tag: str) -> Path:
    """Move a damaged file (and SQLite's -wal / -shm beside it) to a timestamped name."""
    kept = path.with_name(f"{path.stem}.{tag}{path.suffix}")
    shutil.move(path, kept)
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            shutil.move(extra, kept.with_name(kept.name + suffix))
    return kept


def _reason(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
